/* chan_webhook: JSON over HTTP POST.  The generic webhook is signed per
 * Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature
 * headers) and judged by its HTTP status alone.  The robots (DingTalk,
 * WeCom, Feishu) answer 200 even when they refuse a message, so their
 * verdict is the integer result field of the JSON they return (errcode or
 * code, 0 for success); a small tolerant reader finds it, and the message
 * that goes with it, without a JSON library.  Signatures use the wall
 * clock: receivers compare timestamps with their own.  An https:// peer
 * is checked against its webhook's tls_ca_file when it has one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "deliver/channel.h"
#include "base/json.h"
#include "base/sign.h"
#include "deliver/itemtext.h"

/* What the robots tell apart in their answers. */
struct robot {
	enum channel_kind kind;
	const char *code_keys[2];	/* the result field, the older spelling */
	const char *msg_keys[2];
	long long busy_codes[2];	/* "too many messages": try again */
	int busy_wait;			/* seconds to wait then */
};

static const struct robot robots[] = {
	{ CHAN_DINGTALK, { "errcode", NULL }, { "errmsg", NULL },
	  { 130101, 660026 }, 60 },
	{ CHAN_WECOM, { "errcode", NULL }, { "errmsg", NULL },
	  { 45009, 45009 }, 60 },
	{ CHAN_FEISHU, { "code", "StatusCode" }, { "msg", "StatusMessage" },
	  { 11232, 11232 }, 60 },
};

/* The robot of kind, NULL for the generic webhook. */
static const struct robot *
robot_of(enum channel_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(robots); i++)
		if (robots[i].kind == kind)
			return &robots[i];
	return NULL;
}

/* The robot's result code and message from body; false when it has no
 * result field (not the robot's answer: a proxy's page, say). */
static bool
robot_result(const struct robot *r, const char *body, long long *code,
    struct buf *msg)
{
	const char *v = NULL;
	size_t i;

	for (i = 0; i < ARRAY_LEN(r->code_keys) && r->code_keys[i] != NULL; i++)
		if ((v = json_member(body, r->code_keys[i])) != NULL)
			break;
	if (v == NULL || !json_int(v, code))
		return false;
	for (i = 0; i < ARRAY_LEN(r->msg_keys) && r->msg_keys[i] != NULL; i++)
		if ((v = json_member(body, r->msg_keys[i])) != NULL &&
		    json_string(v, msg))
			break;
	return true;
}

/* ---- the transfers ----------------------------------------------------- */

/* curl's write callback: keep the start of the response body. */
static size_t
keep_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nmemb;

	if (x->resp.len < RESP_MAX)
		buf_add(&x->resp, data, n < RESP_MAX - x->resp.len ? n :
		    RESP_MAX - x->resp.len);
	return n;
}

/* Append a header line to x->list; false when out of memory. */
static bool
add_header(struct xfer *x, const char *line)
{
	struct curl_slist *l;

	if ((l = curl_slist_append(x->list, line)) == NULL)
		return false;
	x->list = l;
	return true;
}

/* True when s could go into a header line as it is. */
static bool
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* Finish x's headers (after the channel's own) for a JSON POST. */
static enum start_result
json_headers(struct xfer *x)
{
	/* "Expect:" turns off curl's 100-continue wait for larger bodies. */
	if (!add_header(x, "Content-Type: application/json; charset=utf-8") ||
	    !add_header(x, "Expect:")) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: out of memory",
		    channel_name(x->channel));
		return START_DONE;
	}
	return START_TRANSFER;
}

/* The POST of x->body (or the payload as it is) to x->url (or the
 * address as it is), with x->list's headers. */
static void
webhook_setup(const struct delivery_config *c, struct xfer *x)
{
	CURL *h = x->easy;

	(void)c;
	curl_easy_setopt(h, CURLOPT_URL, x->url != NULL ? x->url : x->address);
	channel_trust(h, x->ca_file);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "deadlined");
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, x->body != NULL ? x->body :
	    x->payload);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(x->body !=
	    NULL ? strlen(x->body) : x->len));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->list);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
}

/* The generic webhook: the payload as is, Standard Webhooks headers. */
static enum start_result
generic_start(const struct delivery_config *c, struct xfer *x)
{
	long long ts = clock_wall_ms() / 1000;
	char *sig, *line;
	bool ok;

	(void)c;
	if (!header_safe(x->ext_id)) {
		outcome_set(&x->out, OUTCOME_FAILED, "generic: bad webhook-id");
		return START_DONE;
	}
	line = xasprintf("webhook-id: %s", x->ext_id);
	ok = add_header(x, line);
	free(line);
	line = xasprintf("webhook-timestamp: %lld", ts);
	ok = ok && add_header(x, line);
	free(line);
	if (ok && x->secret != NULL) {
		if ((sig = sign_standard_webhook(x->secret, x->ext_id, ts,
		    x->payload, x->len)) == NULL) {
			outcome_set(&x->out, OUTCOME_FAILED, "generic: the "
			    "secret is not valid base64 after whsec_");
			return START_DONE;
		}
		line = xasprintf("webhook-signature: %s", sig);
		ok = add_header(x, line);
		free(line);
		free(sig);
	}
	if (!ok) {
		outcome_set(&x->out, OUTCOME_RETRY, "generic: out of memory");
		return START_DONE;
	}
	return json_headers(x);
}

/* The body of a robot's message: the JSON the engine rendered
 * (render_robot.c), or for markdown queued by a version before it, that
 * markdown in the robot's JSON; Feishu's signature goes into it. */
static char *
robot_body(const struct xfer *x, long long ts)
{
	char *body, *sig, *signed_body;

	body = x->payload[0] == '{' ? xstrdup(x->payload) :
	    robot_message(x->channel, x->title, x->payload, NULL, NULL);
	if (x->channel != CHAN_FEISHU || x->secret == NULL ||
	    (sig = sign_feishu(x->secret, ts)) == NULL)
		return body;
	signed_body = xasprintf("{\"timestamp\":\"%lld\",\"sign\":\"%s\",%s",
	    ts, sig, body + 1);
	free(sig);
	free(body);
	return signed_body;
}

/* A robot's message: its JSON, its URL signed. */
static enum start_result
robot_start(const struct delivery_config *c, struct xfer *x)
{
	long long ms = clock_wall_ms();

	(void)c;
	if (x->channel == CHAN_DINGTALK && x->secret != NULL)
		x->url = sign_dingtalk_url(x->address, x->secret, ms);
	else
		x->url = xstrdup(x->address);
	if (x->url == NULL) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: cannot sign the URL",
		    channel_name(x->channel));
		return START_DONE;
	}
	x->body = robot_body(x, ms / 1000);
	return json_headers(x);
}

/* HTTP statuses worth another try: RFC 9110's timeout, too many
 * requests, and server errors. */
static bool
status_temporary(long status)
{
	return status == 408 || status == 429 || (status >= 500 && status < 600);
}

/* Judge a finished POST by its status and, for robots, by the result code. */
static void
webhook_finish(const struct delivery_config *c, struct xfer *x, CURLcode rc,
    struct outcome *o)
{
	const struct robot *r = robot_of(x->channel);
	const char *name = channel_name(x->channel), *body = buf_str(&x->resp);
	struct buf msg = BUF_INIT;
	curl_off_t after = 0;
	long status = 0;
	long long code;
	size_t i;

	(void)c;
	if (rc != CURLE_OK) {
		/* Only a URL curl cannot use is permanent; refused,
		 * unreachable, timed out and TLS trouble may pass. */
		outcome_set(o, rc == CURLE_URL_MALFORMAT ||
		    rc == CURLE_UNSUPPORTED_PROTOCOL ? OUTCOME_FAILED :
		    OUTCOME_RETRY, "%s: %s%s", name, x->errbuf[0] != '\0' ?
		    x->errbuf : curl_easy_strerror(rc),
		    rc == CURLE_PEER_FAILED_VERIFICATION && x->ca_file == NULL ?
		    " (a private CA? set the webhook's tls_ca_file)" : "");
		return;
	}
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	/* curl reads Retry-After as seconds or as an HTTP-date. */
	if (curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &after) != CURLE_OK ||
	    after < 0)
		after = 0;
	if (after > 7 * 24 * 3600)
		after = 7 * 24 * 3600;
	if (r != NULL && robot_result(r, body, &code, &msg)) {
		for (i = 0; i < ARRAY_LEN(r->busy_codes); i++)
			if (code != 0 && code == r->busy_codes[i])
				break;
		if (code == 0 && status >= 200 && status < 300) {
			o->kind = OUTCOME_SENT;
			o->error[0] = '\0';
		} else if (i < ARRAY_LEN(r->busy_codes)) {
			outcome_set(o, OUTCOME_RETRY, "%s: rate limited: %lld %s",
			    name, code, buf_str(&msg));
			o->retry_after = after > r->busy_wait ? (int)after :
			    r->busy_wait;
		} else {
			outcome_set(o, status_temporary(status) ? OUTCOME_RETRY :
			    OUTCOME_FAILED, "%s: HTTP %ld, %s %lld: %s", name,
			    status, r->code_keys[0], code, buf_str(&msg));
			o->retry_after = status_temporary(status) ? (int)after : 0;
		}
		buf_free(&msg);
		return;
	}
	buf_free(&msg);
	if (status >= 200 && status < 300 && r == NULL) {
		o->kind = OUTCOME_SENT;
		o->error[0] = '\0';
	} else if (status >= 200 && status < 300)
		outcome_set(o, OUTCOME_FAILED, "%s: HTTP %ld without %s: %.120s",
		    name, status, r->code_keys[0], body);
	else if (status_temporary(status)) {
		outcome_set(o, OUTCOME_RETRY, "%s: HTTP %ld: %.120s", name,
		    status, body);
		o->retry_after = (int)after;
	} else
		outcome_set(o, OUTCOME_FAILED, "%s: HTTP %ld: %.120s", name,
		    status, body);
}

const struct channel chan_generic = {
	.kind = CHAN_GENERIC,
	.start = generic_start,
	.setup = webhook_setup,
	.finish = webhook_finish,
};

/* DingTalk: 20 messages a minute per robot, then a 10-minute ban. */
const struct channel chan_dingtalk = {
	.kind = CHAN_DINGTALK,
	.start = robot_start,
	.setup = webhook_setup,
	.finish = webhook_finish,
};

/* WeCom: 20 messages a minute per robot. */
const struct channel chan_wecom = {
	.kind = CHAN_WECOM,
	.start = robot_start,
	.setup = webhook_setup,
	.finish = webhook_finish,
};

/* Feishu: 5 requests a second per robot (and 100 a minute). */
const struct channel chan_feishu = {
	.kind = CHAN_FEISHU,
	.start = robot_start,
	.setup = webhook_setup,
	.finish = webhook_finish,
};
