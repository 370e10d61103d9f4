/* util: allocation that never returns NULL, and the error record that
 * every fallible function fills for its caller (which decides whether and
 * how to report it, as Redis's anet does). */
#ifndef DEADLINED_UTIL_H
#define DEADLINED_UTIL_H

#include <stddef.h>
#include <stdarg.h>
#include "base/compiler.h"


/* Exit codes, as in sysexits.h; kept here so every module speaks them. */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 64,	/* EX_USAGE */
	EXIT_DATAERR = 65,	/* EX_DATAERR */
	EXIT_NOINPUT = 66,	/* EX_NOINPUT */
	EXIT_UNAVAILABLE = 69,	/* EX_UNAVAILABLE */
	EXIT_SOFTWARE = 70,	/* EX_SOFTWARE */
	EXIT_CANTCREAT = 73,	/* EX_CANTCREAT */
	EXIT_IOERR = 74,	/* EX_IOERR */
	EXIT_TEMPFAIL = 75,	/* EX_TEMPFAIL */
	EXIT_CONFIG = 78,	/* EX_CONFIG */
};

/* One error: a sysexits code and a one-line message, usually starting
 * with the place, "FILE:LINE: ". */
struct error {
	int code;
	char msg[1024];
};

/* Fill *e (when not NULL) and return code, so callers can write
 * `return error_set(e, EXIT_DATAERR, "%s:%d: ...", ...)`. */
int error_set(struct error *e, int code, const char *fmt, ...) PRINTF_LIKE(3, 4);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size `size` to hold at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* Order by string, then by position: qsort with it keeps equal strings
 * in their original order, so a bsearch for the leftmost finds the first. */
int cmp_str_pos(const char *a, size_t apos, const char *b, size_t bpos);

#endif
