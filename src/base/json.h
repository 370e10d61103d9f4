/* json: writing JSON text into a buf, and a tolerant reader for one
 * member of an object (what a peer's JSON answer is read with). */
#ifndef DEADLINED_JSON_H
#define DEADLINED_JSON_H

#include <stdbool.h>

#include "base/buf.h"

/* Append s as a JSON string (quoted, escaped); NULL becomes null. */
void json_put_str(struct buf *b, const char *s);

/* The value of key among the members of the object s (nested values are
 * skipped whole), or NULL, also for anything that is not a JSON object. */
const char *json_member(const char *s, const char *key);
/* The integer at v (a number, or a number in quotes). */
bool json_int(const char *v, long long *n);
/* The string at v, unescaped into b (\uXXXX and surrogate pairs decoded,
 * a lone surrogate as U+FFFD); false when v is no string or is cut. */
bool json_string(const char *v, struct buf *b);

#endif
