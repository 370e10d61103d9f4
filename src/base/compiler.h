/* compiler: the attributes every module uses, apart from util so that
 * the lowest modules (log) need nothing else. */
#ifndef DEADLINED_COMPILER_H
#define DEADLINED_COMPILER_H

#define WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* A macro's value as a string literal (a limit's value in a message). */
#define STR(x) #x
#define XSTR(x) STR(x)

#endif
