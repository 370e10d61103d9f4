/* render_doc: a document sent whole (the periodic report, 情况通报) as
 * each channel takes it: a mail with its texts and attached file, the
 * generic webhook's JSON, a robot's markdown. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "base/util.h"
#include "deliver/itemtext.h"
#include "deliver/render.h"

/* The generic webhook's body. */
static char *
document_json(const struct document *d)
{
	struct buf b = BUF_INIT;
	char when[40];

	clock_format(d->generated_at, when, sizeof(when));
	buf_puts(&b, "{\"type\": \"deadline.report\", \"id\": ");
	json_put_str(&b, d->id);
	buf_puts(&b, ", \"generated_at\": ");
	json_put_str(&b, when);
	buf_puts(&b, ", \"subject\": ");
	json_put_str(&b, d->subject);
	buf_puts(&b, ", \"text\": ");
	json_put_str(&b, d->markdown);
	buf_puts(&b, "}");
	return buf_steal(&b);
}

/* The robot's one message: the markdown under its title, cut on a
 * character boundary to the channel's size (the JSON around it and its
 * escapes take their share: a quarter is left for them). */
static char *
document_robot(const struct document *d, enum channel_kind kind)
{
	size_t max = channel_info(kind)->max_bytes, len = strlen(d->markdown);
	char *md, *msg;

	if (max > 0 && len > max - max / 4) {
		len = utf8_cut(d->markdown, len, max - max / 4 - 8);
		md = xasprintf("%.*s\n\n……", (int)len, d->markdown);
	} else
		md = xstrdup(d->markdown);
	msg = robot_message(kind, d->subject, md, NULL, NULL);
	free(md);
	return msg;
}

size_t
render_document_for_channel(const struct document *d, enum channel_kind kind,
    const char *from, const char *to, char ***parts)
{
	const struct channel_info *ch = channel_info(kind);
	struct buf text = BUF_INIT, html = BUF_INIT;

	*parts = xcalloc(1, sizeof(**parts));
	switch (ch->form) {
	case FORM_MARKDOWN:
		(*parts)[0] = document_robot(d, kind);
		break;
	case FORM_JSON:
		(*parts)[0] = document_json(d);
		break;
	case FORM_MAIL:
		buf_puts(&text, d->text);
		buf_puts(&html, d->html);
		(*parts)[0] = mail_compose_file(from != NULL ? from :
		    RENDER_DEFAULT_FROM, to, d->subject, d->generated_at, d->id,
		    &text, &html, d->file);
		buf_free(&text);
		buf_free(&html);
		break;
	}
	return 1;
}
