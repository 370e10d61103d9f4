/* log: a tiny logging API (after OpenSMTPD's log.h).  Messages go to
 * stderr; under systemd they carry "<N>" priority prefixes so that the
 * journal keeps their levels. */
#ifndef DEADLINED_LOG_H
#define DEADLINED_LOG_H

#include "base/compiler.h"

enum log_level { LOG_LVL_ERR = 3, LOG_LVL_WARNING = 4, LOG_LVL_INFO = 6, LOG_LVL_DEBUG = 7 };

/* prog: name for messages; verbose: log debug messages too.  Priority
 * prefixes are used when stderr is the journal (JOURNAL_STREAM). */
void log_init(const char *prog, int verbose);
/* Log messages up to this priority (LOG_LVL_*); debug stays on with -v. */
void log_set_level(int level);
/* The priority logged up to now (for a child process to follow). */
int log_get_level(void);

void log_warnx(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_info(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_debug(const char *fmt, ...) PRINTF_LIKE(1, 2);
void fatalx(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;

/* Copy of s with control characters escaped (\n, \t, \xNN): untrusted
 * plan text and names are passed through this before they are logged. */
char *log_escape(const char *s);

#endif
