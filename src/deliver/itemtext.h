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
#include "conf/channels.h"
#include "plan/notice.h"

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
	bool approval;		/* for the approver: ack is an approval link */
	const char *link;	/* what the link is called: "确认链接" */
	const char *button;	/* and its button: "确认收到" */
};

/* Whether the item goes to an approver (an extension or a completion to
 * review), its link to the approval page rather than the ack page. */
bool item_is_approval(const struct notice_item *it);

/* How a level looks on each channel (render.c has the table). */
struct level_look {
	const char *band;	/* a mail's band: its background */
	const char *ink;	/* and its text */
	const char *colour;	/* the colour's name: "红色" */
	const char *feishu;	/* Feishu's card header template */
	const char *wecom;	/* WeCom markdown's font colour */
	bool wecom_whole;	/* WeCom: the whole heading in it, not the
				 * label alone */
};
const struct level_look *level_look(enum level l);

/* Whether url may become a link: http or https only. */
bool itemtext_linkable(const char *url);

/* A copy of s (NULL is "") as valid UTF-8, invalid bytes as U+FFFD.  With
 * oneline, each run of control characters becomes one space, and none is
 * left at either end. */
char *itemtext_clean(const char *s, bool oneline);
/* Cleaned texts of every item of d (free with itemtext_free). */
struct item_text *itemtext_init(const struct digest *d);
/* Free n item texts and their array. */
void itemtext_free(struct item_text *t, size_t n);
#define SUBJECT_UNIT_MAX 60	/* code points of a unit name in a subject */
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
 * each titled "### subject" (numbered "（第 k/n 部分）" when several), the
 * items m[0..n) in order, split between items (an item longer than a
 * part is cut on a character boundary).  The count; the parts in a new
 * *parts. */
size_t markdown_parts(const char *subject, const struct md_item *m, size_t n,
    size_t max_bytes, char ***parts);

/* The markdown parts of d (see markdown_parts) under title, each item
 * with its ack link when links, else without (a card's buttons have
 * it). */
size_t digest_markdown(const struct digest *d, const char *title,
    size_t max_bytes, bool links, char ***parts);

/* The JSON message of the robot of kind (a webhook channel other than
 * generic): the markdown `text` under `title`; Feishu's card header in
 * the colour of *level when level is not NULL; for DingTalk, an
 * ActionCard whose buttons open the ack page `ack` (an http(s) URL), its
 * progress and its extension form, when ack is not NULL. */
char *robot_message(enum channel_kind kind, const char *title,
    const char *text, const enum level *level, const char *ack);
/* d as the JSON messages of the robot of kind, in parts of the
 * channel's size (conf/channels.h), the level in the title's colour.
 * The count; the texts in a new *parts. */
size_t render_robot(const struct digest *d, enum channel_kind kind,
    char ***parts);

/* A whole mail from `from` to `to`: headers (an RFC 2047 Subject, Date
 * of `date`, Message-ID <id>), then multipart/alternative with the text
 * and the HTML part, both UTF-8 and base64.  CRLF line ends. */
char *mail_compose(const char *from, const char *to, const char *subject,
    time_t date, const char *id, const struct buf *text,
    const struct buf *html);
/* The same with a file attached when file is not NULL (render.h's
 * struct mail_file): multipart/mixed around the multipart/alternative,
 * the file base64 and named in RFC 2231 form. */
struct mail_file;
char *mail_compose_file(const char *from, const char *to, const char *subject,
    time_t date, const char *id, const struct buf *text,
    const struct buf *html, const struct mail_file *file);
/* Whether items a and b (of the same digest) stand under one heading:
 * the same plan and task. */
bool itemtext_same_task(const struct notice_item *a,
    const struct notice_item *b);
/* "（1 项逾期，3 项需报进展）": the items counted by stage, most urgent
 * first; nothing for an empty digest. */
void itemtext_put_summary(struct buf *b, const struct digest *d);

#endif
