/* buf: a growable, always NUL-terminated byte string, for building
 * output (JSON, CSV, mail) without fixed-size buffers. */
#ifndef DEADLINED_BUF_H
#define DEADLINED_BUF_H

#include <stddef.h>
#include "base/util.h"

struct buf {
	char *s;	/* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* s on one line: text from outside (a note from the web) must not break
 * a text listing into lines of its own, so control characters are
 * escaped (\n, \r, \t, \xHH). */
void buf_put_line(struct buf *b, const char *s);
/* The contents ("" when empty); valid until the next append. */
const char *buf_str(const struct buf *b);
/* Hand the string over to the caller (never NULL) and reset the buffer. */
char *buf_steal(struct buf *b);
void buf_reset(struct buf *b);
/* Keep the first len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
void buf_free(struct buf *b);

#endif
