/* base64: RFC 4648 encoding and decoding. */
#ifndef DEADLINED_BASE64_H
#define DEADLINED_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"

void base64_encode(struct buf *b, const void *data, size_t len);
/* Decode s (standard alphabet, padding required); false on bad input. */
bool base64_decode(const char *s, struct buf *out);

#endif
