/* itemtext: a digest's items as cleaned strings, shared by the formats
 * of render.c and render_mail.c.  Private to deliver/. */
#ifndef DEADLINED_ITEMTEXT_H
#define DEADLINED_ITEMTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct digest;

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

#endif
