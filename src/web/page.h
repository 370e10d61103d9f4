/* page: what every HTML page of web/ shares (web.c: the ack pages;
 * progress.c: the progress report; board.c: the dashboard): the head with the one stylesheet, the foot,
 * and cutting a long text for display.  Private to web/. */
#ifndef DEADLINED_PAGE_H
#define DEADLINED_PAGE_H

#include <stddef.h>
#include "base/buf.h"

/* The opening of a page titled title (escaped), with the stylesheet. */
void web_page_head(struct buf *b, const char *title);
/* The closing of a page. */
void web_page_foot(struct buf *b);
/* At most max code points of s, escaped, with "…" if cut. */
void web_escape_cut(struct buf *b, const char *s, size_t max);

/* progress.c: the ack page's progress form (id "progress") and the
 * unit's earlier reports; what the page after a report shows of it. */
struct progress_row;
struct ack_progress;
void web_progress_form(struct buf *b, const char *action,
    const struct progress_row *reports, size_t n);
void web_progress_recorded(struct buf *b, const struct ack_progress *p);

#endif
