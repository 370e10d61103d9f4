/* html: escaping text for HTML (pages and mail alike). */
#ifndef DEADLINED_HTML_H
#define DEADLINED_HTML_H

#include "base/buf.h"

/* Append s (NULL: nothing) with the five characters of HTML's own syntax
 * escaped: & < > " '. */
void html_put(struct buf *b, const char *s);
/* s percent-encoded as a query-string value (safe in an attribute). */
void html_put_url(struct buf *b, const char *s);
/* A document's start up to its head's end, as the mails and the report
 * write it: Chinese, UTF-8, a phone's width, title escaped.  CRLF line
 * ends (a mail's). */
void html_head(struct buf *b, const char *title);

#endif
