/* itemtext: a digest's items as cleaned strings, shared by the formats
 * of render.c and render_mail.c.  Private to deliver/. */
#ifndef DEADLINED_ITEMTEXT_H
#define DEADLINED_ITEMTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct digest;
struct notice_item;

/* An item's strings, cleaned once and shared by every format, in the
 * words a recipient reads (the one home of that wording). */
struct item_text {
	char *plan;
	char *task;
	char *measure;
	char *when;		/* the deadline in words and date */
	char *state;		/* the stage and the days left, or what a
				 * check-in asks for and by when */
	const char *role;
	char *label;		/* the stage's name: "已逾期" */
	int rank;		/* the stage's urgency, 0 the most urgent */
	const char *colour;	/* the stage's colour in HTML */
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
/* Whether items a and b (of the same digest) stand under one heading:
 * the same plan and task. */
bool itemtext_same_task(const struct notice_item *a,
    const struct notice_item *b);
/* "（1 项逾期，3 项需报进展）": the items counted by stage, most urgent
 * first; nothing for an empty digest. */
void itemtext_put_summary(struct buf *b, const struct digest *d);

#endif
