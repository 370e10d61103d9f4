/* outgoing: what is handed to a delivery channel and what comes back,
 * with no network code (the channel kinds are conf/channels.h's): one message to send (struct outgoing) and its outcome
 * (struct outcome).  The daemon speaks this to its delivery agent and to
 * the outbox without linking the deliverer (deliver.h) and libcurl. */
#ifndef DEADLINED_OUTGOING_H
#define DEADLINED_OUTGOING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/util.h"
#include "conf/channels.h"


/* One message to one address, as the outbox stores it. */
struct outgoing {
	int64_t id;		/* the outbox's message id */
	enum channel_kind channel;
	const char *address;	/* mail address, URL or maildir path */
	const char *secret;	/* webhook secret, NULL for none */
	const char *ca_file;	/* webhook's tls_ca_file, NULL for none */
	const char *ext_id;	/* Message-ID / webhook-id: the same on every retry */
	const char *payload;	/* mail: the whole RFC 5322 message; generic:
				 * the JSON body; robots: the markdown text;
				 * maildir: the mail */
	const char *title;	/* robots' markdown title */
	size_t len;
};

enum outcome_kind {
	OUTCOME_SENT,
	OUTCOME_RETRY,		/* temporary: 4xx SMTP, HTTP 408/429/5xx, timeouts, refused */
	OUTCOME_FAILED,		/* permanent: 5xx SMTP, other HTTP 4xx, errcode from a robot */
	OUTCOME_DEFERRED,	/* not tried: a robot's rate limit holds it back
				 * for retry_after seconds; no attempt counts */
};

struct outcome {
	enum outcome_kind kind;
	int retry_after;	/* seconds the peer asked for (Retry-After), 0 if none */
	char error[256];	/* one line, for the outbox's last_error */
};


struct delivery_config;

/* How many messages of kind the deliverer holds at once, in flight or
 * waiting their turn: 8 for each SMTP connection (mail) or each of
 * webhook_concurrency's slots (the rest), enough to keep a connection
 * busy across the round trips between a transfer's end and the next
 * submit.  The daemon's sender hands the agent no more than that. */
size_t outgoing_capacity(const struct delivery_config *c, enum channel_kind kind);
/* How many of kind the daemon hands the agent at once: for mail one a
 * connection (what a crash can re-send), else outgoing_capacity. */
size_t outgoing_window(const struct delivery_config *c, enum channel_kind kind);

/* Fill o with kind and a one-line message (control characters become
 * spaces, cut to fit on a UTF-8 boundary). */
void outcome_set(struct outcome *o, enum outcome_kind kind,
    const char *fmt, ...) PRINTF_LIKE(3, 4);

#endif
