/* render_robot: a digest as the chat robots' messages.  Each part of its
 * markdown (render.c) goes into the robot's own JSON, the level shown as
 * each robot can show it: DingTalk, whose colours are not to be relied
 * on, by the label and a <font color> that renders where it may, and an
 * ActionCard with the ack page's buttons for a digest of one item;
 * WeCom by its markdown's font colour; Feishu by its card's header
 * template.  The delivery agent sends the message as it is (Feishu's
 * signature goes into it). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/util.h"
#include "deliver/itemtext.h"
#include "deliver/render.h"

/* The ack page's actions as DingTalk's buttons: the page itself and its
 * forms' anchors (web/ack.c: id="progress", id="extend"). */
static const struct {
	const char *title;
	const char *anchor;
} buttons[] = {
	{ "签收", "" },
	{ "报告进展", "#progress" },
	{ "申请延期", "#extend" },
};

/* The markdown heading of a robot's message: subject, whose level label
 * ("【催办】", which it opens with) gets the level's colour where the
 * robot of kind has colours in its markdown. */
static char *
robot_heading(enum channel_kind kind, enum level l, const char *subject)
{
	const struct level_look *look = level_look(l);
	char *label = xasprintf("【%s】", level_label(l)), *r;
	size_t n = strlen(label);

	if (strncmp(subject, label, n) != 0)
		r = xstrdup(subject);
	else if (kind == CHAN_DINGTALK)
		r = xasprintf("<font color=%s>%s</font>%s", look->band, label,
		    subject + n);
	else if (kind == CHAN_WECOM && look->wecom_whole)
		r = xasprintf("<font color=\"%s\">%s</font>", look->wecom,
		    subject);
	else if (kind == CHAN_WECOM)
		r = xasprintf("<font color=\"%s\">%s</font>%s", look->wecom,
		    label, subject + n);
	else
		r = xstrdup(subject);
	free(label);
	return r;
}

char *
robot_message(enum channel_kind kind, const char *title, const char *text,
    const enum level *level, const char *ack)
{
	struct buf b = BUF_INIT, url = BUF_INIT;
	size_t i;

	if (title == NULL || *title == '\0')
		title = "deadlined";
	switch (kind) {
	case CHAN_DINGTALK:
		if (ack == NULL) {
			buf_puts(&b, "{\"msgtype\":\"markdown\",\"markdown\":"
			    "{\"title\":");
			json_put_str(&b, title);
			buf_puts(&b, ",\"text\":");
			json_put_str(&b, text);
			buf_puts(&b, "}}");
			break;
		}
		buf_puts(&b, "{\"msgtype\":\"actionCard\",\"actionCard\":"
		    "{\"title\":");
		json_put_str(&b, title);
		buf_puts(&b, ",\"text\":");
		json_put_str(&b, text);
		buf_puts(&b, ",\"btnOrientation\":\"1\",\"btns\":[");
		for (i = 0; i < ARRAY_LEN(buttons); i++) {
			buf_reset(&url);
			buf_printf(&url, "%s%s", ack, buttons[i].anchor);
			buf_printf(&b, "%s{\"title\":\"%s\",\"actionURL\":",
			    i > 0 ? "," : "", buttons[i].title);
			json_put_str(&b, buf_str(&url));
			buf_putc(&b, '}');
		}
		buf_puts(&b, "]}}");
		break;
	case CHAN_WECOM:
		/* No title: the markdown's heading is its first line. */
		buf_puts(&b, "{\"msgtype\":\"markdown\",\"markdown\":"
		    "{\"content\":");
		json_put_str(&b, text);
		buf_puts(&b, "}}");
		break;
	default:
		/* Feishu's interactive card with one markdown element (its
		 * text message would show the markdown as typed). */
		buf_puts(&b, "{\"msg_type\":\"interactive\",\"card\":"
		    "{\"header\":{");
		if (level != NULL)
			buf_printf(&b, "\"template\":\"%s\",",
			    level_look(*level)->feishu);
		buf_puts(&b, "\"title\":{\"tag\":\"plain_text\",\"content\":");
		json_put_str(&b, title);
		buf_puts(&b, "}},\"elements\":[{\"tag\":\"markdown\","
		    "\"content\":");
		json_put_str(&b, text);
		buf_puts(&b, "}]}}");
		break;
	}
	buf_free(&url);
	return buf_steal(&b);
}

size_t
render_robot(const struct digest *d, enum channel_kind kind, char ***parts)
{
	enum level l = digest_level(d);
	char *subject = render_subject(d);
	char *heading = robot_heading(kind, l, subject), *ack = NULL, **md;
	size_t i, n;

	/* One item with an ack link: DingTalk's buttons carry it (an
	 * approval link has none of the ack page's forms). */
	if (kind == CHAN_DINGTALK && d->nitems == 1 &&
	    d->items[0].ack_url != NULL && !item_is_approval(&d->items[0])) {
		ack = itemtext_clean(d->items[0].ack_url, true);
		if (!itemtext_linkable(ack)) {
			free(ack);
			ack = NULL;
		}
	}
	n = digest_markdown(d, heading, channel_info(kind)->max_bytes,
	    ack == NULL, &md);
	*parts = n > 0 ? xcalloc(n, sizeof(**parts)) : NULL;
	for (i = 0; i < n; i++) {
		(*parts)[i] = robot_message(kind, subject, md[i], &l, ack);
		free(md[i]);
	}
	free(md);
	free(ack);
	free(heading);
	free(subject);
	return n;
}
