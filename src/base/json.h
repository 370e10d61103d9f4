/* json: writing JSON text into a buf. */
#ifndef DEADLINED_JSON_H
#define DEADLINED_JSON_H

#include "base/buf.h"

/* Append s as a JSON string (quoted, escaped); NULL becomes null. */
void json_put_str(struct buf *b, const char *s);

#endif
