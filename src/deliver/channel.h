/* channel: the delivery channels behind the deliverer, one back end each
 * (chan_smtp.c, chan_webhook.c, chan_maildir.c), as structs of function
 * pointers after OpenSMTPD's table back ends.  Internal to the delivery
 * side (deliver.c; deadlined-send reads the rate windows): the rest of
 * the daemon speaks deliver.h or sender.h.  A transfer goes in three
 * steps.  start() checks the message and builds what its transfer needs,
 * or, like maildir, delivers at once; it runs on the deliverer's caller's
 * thread.  setup() and finish() run on the thread that owns the curl easy
 * handle the deliverer lends (x->easy): the caller's thread for webhooks,
 * which share its multi handle, and an SMTP worker's for mail (see
 * deliver.c), whose handle carries its connection from one mail to the
 * next.  setup() sets that handle up for x (the deliverer has reset it and
 * set the options all transfers share); finish() judges the transfer right
 * after it, before the handle runs another.  setup(), finish() and the
 * curl callbacks they set read the configuration and touch nothing but
 * their xfer and its handle. */
#ifndef DEADLINED_CHANNEL_H
#define DEADLINED_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "base/buf.h"
#include "conf/config.h"
#include "deliver/outgoing.h"

/* One message on its way: the deliverer's copy of the struct outgoing
 * and what its transfer needs to live as long as the transfer does. */
struct xfer {
	int64_t id;
	enum channel_kind channel;
	char *address;
	char *secret;		/* NULL for none */
	char *ca_file;		/* a webhook's tls_ca_file, NULL for none */
	char *ext_id;
	char *title;		/* NULL for none */
	char *payload;		/* NUL-terminated copy of len bytes */
	size_t len;

	CURL *easy;		/* the handle running x, lent by the deliverer;
				 * NULL when none (before, after, at once) */
	struct curl_slist *list;	/* HTTP headers or SMTP recipients */
	char *url;		/* the URL requested (signed robots' URLs) */
	char *body;		/* the request body a webhook channel built */
	size_t off;		/* SMTP upload position in payload */
	struct buf resp;	/* response body, capped at RESP_MAX */
	char reply[200];	/* the SMTP server's last reply line */
	char errbuf[CURL_ERROR_SIZE];

	struct outcome out;	/* filled by start() when delivered at once */
	struct xfer *next;
};

/* The most of a response body kept: robots answer a line of JSON. */
#define RESP_MAX 16384

enum start_result {
	START_TRANSFER,		/* ready for setup() on a handle */
	START_DONE,		/* delivered (or not) at once: see x->out */
};

struct channel {
	enum channel_kind kind;	/* its row of conf/channels.h: name,
				 * rate limit */
	/* Check x, build what its transfer needs, or deliver (or refuse)
	 * at once and fill x->out. */
	enum start_result (*start)(const struct delivery_config *c, struct xfer *x);
	/* Set x->easy up for x.  NULL for channels that never start a
	 * transfer (the deliverer then lends no handle). */
	void (*setup)(const struct delivery_config *c, struct xfer *x);
	/* What the finished transfer on x->easy means. */
	void (*finish)(const struct delivery_config *c, struct xfer *x, CURLcode rc,
	    struct outcome *o);
	/* Whether x failed only because the connection it reused was
	 * closed by the peer in the meantime, before any of x went out:
	 * then it runs once more, on a new connection.  NULL: never. */
	bool (*stale)(const struct xfer *x, CURLcode rc);
	/* Runs on the SMTP workers (blocking transfers), not the multi. */
	bool on_workers;
};

/* Check the TLS peer of h against the CAs of the PEM file ca_file (a
 * private CA: smtp.ca_file, a webhook's tls_ca_file) instead of the
 * system's, when one is given: not in addition to them (Debian's libcurl
 * would add its CA folder), so that the file says whom the peer is.
 * Verification itself (peer and host name) stays on, as curl has it. */
static inline void
channel_trust(CURL *h, const char *ca_file)
{
	if (ca_file == NULL)
		return;
	curl_easy_setopt(h, CURLOPT_CAINFO, ca_file);
	curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
}

/* The back end of kind, NULL for a value outside the enum. */
const struct channel *channel_of(enum channel_kind kind);

extern const struct channel chan_smtp;
extern const struct channel chan_generic;
extern const struct channel chan_dingtalk;
extern const struct channel chan_wecom;
extern const struct channel chan_feishu;
extern const struct channel chan_maildir;


#endif
