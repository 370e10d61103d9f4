/* itemtext: what the renderers share (render.c, render_mail.c,
 * render_failure.c): a digest's items as cleaned strings, an item in
 * markdown and markdown cut into parts, and a mail made of a text and an
 * HTML part.  Private to deliver/. */
#ifndef DEADLINED_ITEMTEXT_H
#define DEADLINED_ITEMTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <time.h>

#include "base/buf.h"

struct digest;
struct notice_item;

/* An item's strings, cleaned once and shared by every format. */
struct item_text {
	char *task;
	char *measure;
	char *deadline;
	char due[11];		/* "" when there is none */
	char days[64];		/* "" when there is no due date */
	const char *role;
	const char *stage;
	char *ack;		/* NULL when there is none */
	char *about;		/* the silent unit of an escalation, or NULL */
	bool ack_link;		/* ack is an http(s) URL, fit for a link */
};

/* A copy of s (NULL is "") as valid UTF-8, invalid bytes as U+FFFD.  With
 * oneline, each run of control characters becomes one space, and none is
 * left at either end. */
char *itemtext_clean(const char *s, bool oneline);
/* Cleaned texts of every item of d (free with itemtext_free). */
struct item_text *itemtext_init(const struct digest *d);
/* Free n item texts and their array. */
void itemtext_free(struct item_text *t, size_t n);
/* "6月底前（截止 2021-06-30）", or whichever half there is. */
void itemtext_put_deadline(struct buf *b, const struct item_text *t);
/* s cut to at most max code points, "…" marking a cut (s is taken
 * over). */
char *itemtext_cut(char *s, size_t max);

/* One item in markdown: head (task, measure, deadline, status) and the
 * ack line kept apart, so that cutting a long item keeps its link. */
struct md_item {
	char *head;
	char *ack;	/* NULL when there is none */
};
/* The markdown of item it, whose cleaned texts are t. */
void md_item_init(struct md_item *m, const struct notice_item *it,
    const struct item_text *t);
/* Markdown parts of at most max_bytes each (none when it is 0),
 * each titled "### subject" (numbered "（续 k/n）" when several), the
 * items m[0..n) in order, split between items (an item longer than a
 * part is cut on a character boundary).  The count; the parts in a new
 * *parts. */
size_t markdown_parts(const char *subject, const struct md_item *m, size_t n,
    size_t max_bytes, char ***parts);

/* A whole mail from `from` to `to`: headers (an RFC 2047 Subject, Date
 * of `date`, Message-ID <id>), then multipart/alternative with the text
 * and the HTML part, both UTF-8 and base64.  CRLF line ends. */
char *mail_compose(const char *from, const char *to, const char *subject,
    time_t date, const char *id, const struct buf *text,
    const struct buf *html);

#endif
