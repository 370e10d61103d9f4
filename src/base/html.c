/* html: escaping for HTML text and attribute values, and for a query
 * string's values inside an attribute. */
#include "base/html.h"

void
html_put(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':  buf_puts(b, "&amp;"); break;
		case '<':  buf_puts(b, "&lt;"); break;
		case '>':  buf_puts(b, "&gt;"); break;
		case '"':  buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:   buf_putc(b, *s);
		}
	}
}

void
html_put_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		/* RFC 3986's unreserved characters stay; all else is %XX
		 * (so "&", quotes and "<" never reach the attribute). */
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			buf_putc(b, (char)c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

void
html_head(struct buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\r\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"UTF-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width,initial-scale=1\"><title>");
	html_put(b, title);
	buf_puts(b, "</title></head>\r\n");
}
