/* chan_smtp: mail through libcurl's SMTP client, one message to one
 * recipient per transfer.  smtps:// is implicit TLS; smtp:// with
 * smtp.starttls demands STARTTLS (CURLUSESSL_ALL: a server that does not
 * offer it gets nothing, where CURLUSESSL_TRY would fall back to plain
 * text and leak the password); the server's certificate is checked
 * against smtp.ca_file's CAs when it is set, else the system's.  A 5xx
 * reply is permanent; anything else that goes wrong (4xx, refused, timed
 * out, cut off during DATA, a certificate that does not verify) is worth
 * another try.  The error kept for the outbox is the server's last reply,
 * never the password.  Transfers run on the deliverer's SMTP workers
 * (libcurl 7.88's SMTP blocks the multi interface, see deliver.c), each
 * on a handle that keeps its connection from one mail to the next: setup,
 * finish, stale and the curl callbacks below touch only their xfer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deliver/channel.h"

/* The addr-spec inside "Name <addr>", or the whole string trimmed; NULL
 * when what is left could not be a mailbox (it goes into an SMTP command
 * line, so no spaces, brackets or control characters). */
static char *
envelope_address(const char *s)
{
	const char *lt, *gt, *p;
	size_t len;

	if ((lt = strrchr(s, '<')) != NULL && (gt = strchr(lt, '>')) != NULL) {
		s = lt + 1;
		len = (size_t)(gt - s);
	} else {
		while (*s == ' ' || *s == '\t')
			s++;
		len = strlen(s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
	}
	for (p = s; p < s + len; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == 0x7f)
			return NULL;
	return xstrndup(s, len);
}

/* curl's read callback: the next piece of the message. */
static size_t
read_payload(char *buf, size_t size, size_t nitems, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nitems, left = x->len - x->off;

	if (n > left)
		n = left;
	memcpy(buf, x->payload + x->off, n);
	x->off += n;
	return n;
}

/* curl's debug callback, kept only for the server's refusals: the last
 * one names what went wrong ("550 5.1.1 no such user"), which curl's own
 * error text does not.  Commands sent (AUTH among them) are not kept. */
static int
keep_reply(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct xfer *x = arg;
	size_t n = 0;

	(void)h;
	/* Refusals only: the QUIT that follows one is answered 221. */
	if (type != CURLINFO_HEADER_IN || size == 0 ||
	    (data[0] != '4' && data[0] != '5'))
		return 0;
	while (n < size && n < sizeof(x->reply) - 1 && data[n] != '\r' &&
	    data[n] != '\n')
		n++;
	if (n > 0) {
		memcpy(x->reply, data, n);
		x->reply[n] = '\0';
	}
	return 0;
}

/* Check x's recipient and smtp.from; x->list becomes the recipient. */
static enum start_result
smtp_start(const struct delivery_config *c, struct xfer *x)
{
	char *from, *rcpt;

	if (c->smtp.url == NULL) {
		/* Queued, not lost: a reload that sets smtp.url sends it. */
		outcome_set(&x->out, OUTCOME_RETRY, "smtp: smtp.url is not set");
		return START_DONE;
	}
	if ((rcpt = envelope_address(x->address)) == NULL || *rcpt == '\0') {
		free(rcpt);
		outcome_set(&x->out, OUTCOME_FAILED, "smtp: bad recipient "
		    "address");
		return START_DONE;
	}
	/* Without a From, the null reverse-path (RFC 5321, sect. 4.5.5). */
	if ((from = envelope_address(c->smtp.from != NULL ? c->smtp.from :
	    "")) == NULL) {
		free(rcpt);
		outcome_set(&x->out, OUTCOME_FAILED, "smtp: bad smtp.from address");
		return START_DONE;
	}
	free(from);
	x->list = curl_slist_append(NULL, rcpt);
	free(rcpt);
	if (x->list == NULL) {
		outcome_set(&x->out, OUTCOME_RETRY, "smtp: out of memory");
		return START_DONE;
	}
	return START_TRANSFER;
}

/* Set the worker's handle up to send x's payload to x's address.  The
 * URL and credentials are the same for every mail, so libcurl reuses the
 * handle's connection: MAIL FROM follows the last mail's end of DATA. */
static void
smtp_setup(const struct delivery_config *c, struct xfer *x)
{
	CURL *h = x->easy;
	char *from;

	/* Again from the start: a stale connection's run left traces. */
	x->off = 0;
	x->reply[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, c->smtp.url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* Checked by smtp_start. */
	if ((from = envelope_address(c->smtp.from != NULL ? c->smtp.from :
	    "")) != NULL) {
		curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);	/* curl copies it */
		free(from);
	}
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, x->list);
	if (c->smtp.starttls && strncasecmp(c->smtp.url, "smtp://", 7) == 0)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	channel_trust(h, c->smtp.ca_file);
	if (c->smtp.username != NULL && *c->smtp.username != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp.username);
		if (c->smtp.password != NULL)
			curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp.password);
	}
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_payload);
	curl_easy_setopt(h, CURLOPT_READDATA, x);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)x->len);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, keep_reply);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, x);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
}

/* A reused connection that the server had closed (idle clients are
 * dropped, RFC 5321 sect. 4.5.3.2.7, some servers after each mail) fails
 * at the first command: no reply at all, or 421 (closing the channel),
 * and not a byte of the message sent. */
static bool
smtp_stale(const struct xfer *x, CURLcode rc)
{
	long code = 0, connects = -1;

	if (rc != CURLE_SEND_ERROR && rc != CURLE_RECV_ERROR)
		return false;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(x->easy, CURLINFO_NUM_CONNECTS, &connects);
	return connects == 0 && x->off == 0 && (code == 0 || code == 421);
}

/* Overwrite every copy of secret in s. */
static void
scrub(char *s, const char *secret)
{
	size_t n;
	char *p;

	if (secret == NULL || (n = strlen(secret)) == 0)
		return;
	while ((p = strstr(s, secret)) != NULL)
		memset(p, '*', n);
}

/* SENT, FAILED on a 5xx reply, RETRY for everything else. */
static void
smtp_finish(const struct delivery_config *c, struct xfer *x, CURLcode rc,
    struct outcome *o)
{
	enum outcome_kind kind;
	const char *why;
	long code = 0;

	if (rc == CURLE_OK) {
		o->kind = OUTCOME_SENT;
		o->error[0] = '\0';
		return;
	}
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	why = x->errbuf[0] != '\0' ? x->errbuf : curl_easy_strerror(rc);
	kind = code >= 500 && code < 600 ? OUTCOME_FAILED : OUTCOME_RETRY;
	if (code >= 400 && x->reply[0] != '\0')
		outcome_set(o, kind, "smtp: %s (%s)", x->reply, why);
	else
		outcome_set(o, kind, "smtp: %s%s", why,
		    rc == CURLE_PEER_FAILED_VERIFICATION &&
		    c->smtp.ca_file == NULL ?
		    " (a private CA? set smtp.ca_file)" : "");
	scrub(o->error, c->smtp.password);
}

const struct channel chan_smtp = {
	.kind = CHAN_EMAIL,
	.start = smtp_start,
	.setup = smtp_setup,
	.finish = smtp_finish,
	.stale = smtp_stale,
	.on_workers = true,
};
