/* channels: the one table of delivery channels: each kind's name (as the
 * configuration writes a webhook's type and as the outbox stores it),
 * where the configuration names it, how a digest is rendered for it, the
 * size of one message, the platform's rate limit and what a notice calls
 * it.  Plain data, below
 * everything that delivers, routes or configures: the engine, the
 * delivery agent, `deadlinectl send-test` and the configuration reader
 * all ask it, by kind or by name. */
#ifndef DEADLINED_CHANNELS_H
#define DEADLINED_CHANNELS_H

#include <stdbool.h>
#include <stddef.h>

enum channel_kind {
	CHAN_EMAIL,
	CHAN_GENERIC,		/* signed JSON webhook (Standard Webhooks) */
	CHAN_DINGTALK,
	CHAN_WECOM,
	CHAN_FEISHU,
	CHAN_MAILDIR,
};
#define CHAN_KINDS (CHAN_MAILDIR + 1)

/* How a digest is written for a channel. */
enum channel_form {
	FORM_MAIL,		/* an RFC 5322 message */
	FORM_JSON,		/* the generic webhook's JSON body */
	FORM_MARKDOWN,		/* robots: markdown in parts of max_bytes */
};

/* Where the configuration names a channel's address. */
enum channel_config {
	CONF_EMAIL,		/* a unit's email = [...] */
	CONF_WEBHOOK,		/* webhook = { type = NAME; url; secret; } */
	CONF_MAILDIR,		/* maildir = PATH */
};

struct channel_info {
	enum channel_kind kind;
	const char *name;
	enum channel_config config;
	enum channel_form form;
	size_t max_bytes;	/* FORM_MARKDOWN: bytes of one part */
	/* Per address: at most rate_max messages per rate_window seconds
	 * (0: no limit), the robot platforms' documented limits. */
	int rate_max;
	int rate_window;
	const char *label;	/* its name in a notice to a person */
};

/* The row of kind (every kind has one). */
const struct channel_info *channel_info(enum channel_kind kind);
/* The row named name, or NULL. */
const struct channel_info *channel_by_name(const char *name);

/* The name the outbox stores for kind ("unknown" outside the enum). */
const char *channel_name(enum channel_kind kind);
/* The kind the outbox stored as name; false for no channel's name. */
bool channel_from_name(const char *name, enum channel_kind *kind);

/* The webhook types a configuration may name, for messages:
 * "generic, dingtalk, wecom or feishu". */
const char *channel_webhook_names(void);

#endif
