/* channels: the table (see channels.h). */
#include <stdio.h>
#include <string.h>

#include "base/compiler.h"
#include "conf/channels.h"

/* Indexed by kind.  WeCom takes at most 4,096 bytes of markdown; the
 * other robots take more, but a digest that long reads better in parts
 * anyway.  The rate limits are the platforms' documented ones: DingTalk
 * and WeCom 20 a minute per robot, Feishu 5 a second. */
static const struct channel_info channels[CHAN_KINDS] = {
	[CHAN_EMAIL] = { CHAN_EMAIL, "email", CONF_EMAIL, FORM_MAIL, 0, 0, 0,
	    "邮件" },
	[CHAN_GENERIC] = { CHAN_GENERIC, "generic", CONF_WEBHOOK, FORM_JSON,
	    0, 0, 0, "Webhook" },
	[CHAN_DINGTALK] = { CHAN_DINGTALK, "dingtalk", CONF_WEBHOOK,
	    FORM_MARKDOWN, 16384, 20, 60, "钉钉机器人" },
	[CHAN_WECOM] = { CHAN_WECOM, "wecom", CONF_WEBHOOK, FORM_MARKDOWN,
	    4096, 20, 60, "企业微信机器人" },
	[CHAN_FEISHU] = { CHAN_FEISHU, "feishu", CONF_WEBHOOK, FORM_MARKDOWN,
	    16384, 5, 1, "飞书机器人" },
	[CHAN_MAILDIR] = { CHAN_MAILDIR, "maildir", CONF_MAILDIR, FORM_MAIL,
	    0, 0, 0, "本地邮箱目录" },
};

const struct channel_info *
channel_info(enum channel_kind kind)
{
	return (unsigned)kind < CHAN_KINDS ? &channels[kind] : NULL;
}

const struct channel_info *
channel_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(channels); i++)
		if (strcmp(channels[i].name, name) == 0)
			return &channels[i];
	return NULL;
}

const char *
channel_name(enum channel_kind kind)
{
	return (unsigned)kind < CHAN_KINDS ? channels[kind].name : "unknown";
}

bool
channel_from_name(const char *name, enum channel_kind *kind)
{
	const struct channel_info *ch = channel_by_name(name);

	if (ch != NULL)
		*kind = ch->kind;
	return ch != NULL;
}

const char *
channel_webhook_names(void)
{
	static char names[128];
	size_t i, n = 0, left = 0;

	if (names[0] != '\0')
		return names;
	for (i = 0; i < ARRAY_LEN(channels); i++)
		left += channels[i].config == CONF_WEBHOOK;
	for (i = 0; i < ARRAY_LEN(channels); i++) {
		if (channels[i].config != CONF_WEBHOOK)
			continue;
		left--;
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
		    n == 0 ? "" : left == 0 ? " or " : ", ", channels[i].name);
	}
	return names;
}
