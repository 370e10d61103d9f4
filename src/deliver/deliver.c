/* deliver: the deliverer; one job that reads best whole, because the
 * multi handle, the SMTP worker pool and the rate limits below share one
 * set of in-flight bounds and one lock discipline.  Every webhook transfer
 * runs on one curl multi handle, so that connections stay in its cache and are reused from one
 * message to the next, and so that the daemon's single poll loop drives
 * them all (deliverer_fds, deliverer_run) without ever blocking; their
 * easy handles are kept and reset for the next transfer rather than made
 * anew, and webhooks taken beyond webhook_concurrency wait in a list for
 * the next free slot.  SMTP transfers do not run there: libcurl 7.88's
 * SMTP over the multi interface blocks in curl_multi_perform while it
 * waits for the reply to the end of DATA (curl issue #8555,
 * smtp_block_statemach), which would stall the loop for up to
 * smtp.timeout per message.  Mail goes
 * instead through a small pool of worker threads (smtp.connections, made
 * when mail first needs them) fed from a queue.  Each worker keeps one
 * easy handle, and so one connection, from mail to mail: the URL and
 * credentials never change, so libcurl goes straight on to MAIL FROM
 * rather than connecting, EHLO, STARTTLS and AUTH each time.  A worker
 * with no mail for SMTP_IDLE_S seconds closes its connection (QUIT);
 * one that the server closed in between costs a reconnect, not the mail
 * (channel stale()).  A worker judges its mail itself (the handle's
 * answers are gone once it sends the next), puts it on the finished list
 * and writes to an eventfd that deliverer_fds hands to the caller's poll;
 * deliverer_run, on the caller's thread, reports it: done() never runs
 * on a worker.  Everything the workers share is under one mutex.
 * The channels themselves live in chan_*.c behind struct channel; this
 * file keeps what they share: the bounds on what is in flight, the
 * robots' rate limits (per address, a rolling window: a submit that would
 * exceed one is refused with the time it may be tried again, so nothing
 * is dropped), and the outcomes of deliveries made at once (maildir),
 * held back until the next deliverer_run like any other. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "deliver/channel.h"
#include "deliver/deliver.h"
#include "base/log.h"

#define DEFAULT_TIMEOUT		30	/* s, when the config gives none */
#define DEFAULT_CONCURRENCY	4
#define DEFAULT_CONNECTIONS	2
/* How long an SMTP worker keeps a connection with no mail to send: the
 * mails of a pass go out back to back, and passes are minutes to hours
 * apart, when an open connection would only hold one of the server's
 * slots (servers drop idle clients anyway, RFC 5321 sect. 4.5.3.2.7). */
#define SMTP_IDLE_S		10
/* How long to sleep when curl has transfers but no socket to show us
 * (resolving, or a socket beyond FD_SETSIZE): curl's own advice. */
#define NO_SOCKET_WAIT_MS	100

static const struct channel *const channels[] = {
	&chan_smtp, &chan_generic, &chan_dingtalk, &chan_wecom, &chan_feishu,
	&chan_maildir,
};

/* One robot address's recent sends: a ring of the last max send times. */
struct rate {
	char *address;
	enum channel_kind kind;
	int window;
	int max, n, head;	/* at[head] is the oldest of the n */
	time_t *at;
	struct rate *next;
};

/* A FIFO of xfers. */
struct xlist {
	struct xfer *head;
	struct xfer **tail;
	size_t n;
};

struct deliverer {
	const struct delivery_config *c;
	CURLM *multi;
	size_t concurrency;
	struct xfer *running;	/* on the multi */
	size_t nrunning;
	struct xlist waiting;	/* webhooks taken, waiting for a slot */
	CURL **spare;		/* easy handles for the multi, reset, idle */
	size_t nspare;
	struct xlist ready;	/* outcomes not yet reported */
	struct rate *rates;

	/* The SMTP pool.  The caller's thread alone uses these: */
	size_t connections;	/* workers at most */
	pthread_t *workers;	/* the nworkers running */
	size_t nworkers;
	size_t nmail;		/* mails taken whose outcome is not in ready */
	int wake;		/* eventfd: written when a worker ends a mail */
	pthread_mutex_t lock;	/* guards the rest */
	pthread_cond_t more;	/* a mail queued, or stop */
	struct xlist queue;	/* mails waiting for a worker */
	struct xlist finished;	/* mails sent (or not), outcome in x->out */
	size_t idle;		/* workers waiting for a mail */
	bool stop;		/* workers leave (deliverer_cancel) */
};

/* The back end of kind, NULL for a value outside the enum. */
const struct channel *
channel_of(enum channel_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(channels); i++)
		if (channels[i]->kind == kind)
			return channels[i];
	return NULL;
}

/* The timeout of every transfer.  smtp.timeout is the one network
 * timeout the configuration has; webhooks use it too. */
static long
transfer_timeout(const struct delivery_config *c)
{
	return c->smtp.timeout > 0 ? c->smtp.timeout : DEFAULT_TIMEOUT;
}

/* An empty list. */
static void
xlist_init(struct xlist *l)
{
	l->head = NULL;
	l->tail = &l->head;
	l->n = 0;
}

/* Append x. */
static void
xlist_push(struct xlist *l, struct xfer *x)
{
	x->next = NULL;
	*l->tail = x;
	l->tail = &x->next;
	l->n++;
}

/* The first, taken off; NULL when empty. */
static struct xfer *
xlist_pop(struct xlist *l)
{
	struct xfer *x = l->head;

	if (x != NULL && (l->head = x->next) == NULL)
		l->tail = &l->head;
	if (x != NULL)
		l->n--;
	return x;
}

/* Move all of from to the end of to. */
static void
xlist_splice(struct xlist *to, struct xlist *from)
{
	if (from->head == NULL)
		return;
	*to->tail = from->head;
	to->tail = from->tail;
	to->n += from->n;
	xlist_init(from);
}

/* A deliverer for c, with its multi handle; nothing in flight and no
 * SMTP worker yet. */
struct deliverer *
deliverer_new(const struct delivery_config *c)
{
	pthread_condattr_t ca;
	struct deliverer *d;

	/* Reference-counted by curl: one per deliverer is fine. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatalx("curl_global_init failed");
	d = xcalloc(1, sizeof(*d));
	d->c = c;
	xlist_init(&d->ready);
	xlist_init(&d->waiting);
	xlist_init(&d->queue);
	xlist_init(&d->finished);
	d->concurrency = c->webhook_concurrency > 0 ?
	    (size_t)c->webhook_concurrency : DEFAULT_CONCURRENCY;
	d->connections = c->smtp.connections > 0 ?
	    (size_t)c->smtp.connections : DEFAULT_CONNECTIONS;
	d->workers = xcalloc(d->connections, sizeof(*d->workers));
	d->spare = xcalloc(d->concurrency, sizeof(*d->spare));
	if ((d->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	if ((d->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
		fatalx("eventfd: %s", strerror(errno));
	/* Idle workers time out on the monotonic clock: a jump of the
	 * system clock must not close (or keep) connections. */
	if ((errno = pthread_mutex_init(&d->lock, NULL)) != 0 ||
	    (errno = pthread_condattr_init(&ca)) != 0 ||
	    (errno = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC)) != 0 ||
	    (errno = pthread_cond_init(&d->more, &ca)) != 0)
		fatalx("pthread: %s", strerror(errno));
	pthread_condattr_destroy(&ca);
	curl_multi_setopt(d->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)d->concurrency);
	/* Keep as many idle connections as may run at once, rather than
	 * curl's default of four per easy handle attached: ours come and
	 * go with each message, and the cache would shrink with them. */
	curl_multi_setopt(d->multi, CURLMOPT_MAXCONNECTS, (long)d->concurrency);
	return d;
}

/* Free x; its transfer, if any, is already detached from the multi. */
static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy != NULL)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->list);
	if (x->secret != NULL) {
		explicit_bzero(x->secret, strlen(x->secret));
		free(x->secret);
	}
	free(x->address);
	free(x->ca_file);
	free(x->ext_id);
	free(x->title);
	free(x->payload);
	free(x->url);
	free(x->body);
	buf_free(&x->resp);
	free(x);
}

/* Free every xfer of l. */
static void
xlist_free(struct xlist *l)
{
	struct xfer *x;

	while ((x = xlist_pop(l)) != NULL)
		xfer_free(x);
}

/* Empty the eventfd, so that the next poll sleeps until a worker ends a
 * mail. */
static void
wake_drain(struct deliverer *d)
{
	uint64_t v;

	while (read(d->wake, &v, sizeof(v)) < 0 && errno == EINTR)
		;
}

/* Stop the SMTP workers and join them.  One in the middle of a mail
 * cannot be stopped safely: it finishes it first (within smtp.timeout,
 * curl's CURLOPT_TIMEOUT), then closes its connection: QUIT, whose
 * answer curl awaits within CURLOPT_SERVER_RESPONSE_TIMEOUT (a server
 * that stopped talking holds a stop or a reload up to smtp.timeout). */
static void
workers_stop(struct deliverer *d)
{
	size_t i;

	if (d->nworkers == 0)
		return;
	pthread_mutex_lock(&d->lock);
	d->stop = true;
	pthread_cond_broadcast(&d->more);
	pthread_mutex_unlock(&d->lock);
	for (i = 0; i < d->nworkers; i++)
		pthread_join(d->workers[i], NULL);
	d->nworkers = 0;
	d->stop = false;
}

/* Drop every transfer and unreported outcome, silently.  This may wait
 * for the mails on the SMTP workers (see workers_stop); their outcomes
 * are dropped without done(), and mails still waiting for a worker are
 * never sent: the caller treats every message still in flight as not
 * sent (the daemon puts its 'sending' messages back in the queue),
 * though a mail may in fact have gone out. */
void
deliverer_cancel(struct deliverer *d)
{
	struct xfer *x;

	workers_stop(d);
	/* Every worker is joined: nobody else touches these now. */
	xlist_free(&d->queue);
	xlist_free(&d->finished);
	d->nmail = 0;
	wake_drain(d);
	while ((x = d->running) != NULL) {
		d->running = x->next;
		curl_multi_remove_handle(d->multi, x->easy);
		xfer_free(x);
	}
	d->nrunning = 0;
	xlist_free(&d->waiting);
	xlist_free(&d->ready);
}

/* Cancel everything, then free the rate records, the spare handles and
 * the multi. */
void
deliverer_free(struct deliverer *d)
{
	struct rate *r;

	if (d == NULL)
		return;
	deliverer_cancel(d);
	while ((r = d->rates) != NULL) {
		d->rates = r->next;
		free(r->address);
		free(r->at);
		free(r);
	}
	while (d->nspare > 0)
		curl_easy_cleanup(d->spare[--d->nspare]);
	free(d->spare);
	free(d->workers);
	curl_multi_cleanup(d->multi);
	close(d->wake);
	pthread_cond_destroy(&d->more);
	pthread_mutex_destroy(&d->lock);
	free(d);
	curl_global_cleanup();
}

/* The send times kept for ch at address, made when missing.  Records
 * whose every send has left its window are dropped on the way, so the
 * list holds only the robots written to lately. */
static struct rate *
rate_get(struct deliverer *d, const struct channel *ch, const char *address,
    time_t now)
{
	struct rate **rp, *r;

	for (rp = &d->rates; (r = *rp) != NULL;) {
		/* n is 0 when the concurrency bound refused the send after
		 * the record was made: nothing to keep, and no newest. */
		if (r->n == 0 ||
		    r->at[(r->head + r->n - 1) % r->max] + r->window <= now) {
			*rp = r->next;
			free(r->address);
			free(r->at);
			free(r);
			continue;
		}
		if (r->kind == ch->kind && strcmp(r->address, address) == 0)
			return r;
		rp = &r->next;
	}
	r = xcalloc(1, sizeof(*r));
	r->address = xstrdup(address);
	r->kind = ch->kind;
	r->window = channel_info(ch->kind)->rate_window;
	r->max = channel_info(ch->kind)->rate_max;
	r->at = xcalloc((size_t)r->max, sizeof(*r->at));
	r->next = d->rates;
	d->rates = r;
	return r;
}

/* True when one more send fits in r's window at now; else *when tells
 * when the oldest send leaves it. */
static bool
rate_allows(const struct rate *r, time_t now, time_t *when)
{
	time_t free_at;

	if (r->n < r->max)
		return true;
	free_at = r->at[r->head] + r->window;
	if (now >= free_at)
		return true;
	*when = free_at;
	return false;
}

/* Count a send at now (rate_allows said yes). */
static void
rate_take(struct rate *r, time_t now)
{
	if (r->n < r->max)
		r->at[(r->head + r->n++) % r->max] = now;
	else {
		r->at[r->head] = now;
		r->head = (r->head + 1) % r->max;
	}
}

/* A deliverer-owned copy of m. */
static struct xfer *
xfer_new(const struct outgoing *m)
{
	struct xfer *x = xcalloc(1, sizeof(*x));

	x->id = m->id;
	x->channel = m->channel;
	x->address = xstrdup(m->address != NULL ? m->address : "");
	x->secret = m->secret != NULL && *m->secret != '\0' ?
	    xstrdup(m->secret) : NULL;
	x->ca_file = m->ca_file != NULL ? xstrdup(m->ca_file) : NULL;
	x->ext_id = xstrdup(m->ext_id != NULL ? m->ext_id : "");
	x->title = m->title != NULL ? xstrdup(m->title) : NULL;
	x->len = m->payload != NULL ? m->len : 0;
	x->payload = xmalloc(x->len + 1);
	if (x->len > 0)
		memcpy(x->payload, m->payload, x->len);
	x->payload[x->len] = '\0';
	return x;
}

/* Queue x's outcome (in x->out) for the next deliverer_run. */
static void
xfer_ready(struct deliverer *d, struct xfer *x)
{
	xlist_push(&d->ready, x);
}

/* Put h back to the options every transfer shares.  A handle outlives
 * its transfers: nothing may point into the last one's xfer any more
 * (the QUIT that closing an SMTP connection sends would call back). */
static void
easy_base(const struct delivery_config *c, CURL *h)
{
	curl_easy_reset(h);	/* the connection and caches stay */
	/* No SIGALRM-based resolver timeouts in a daemon with a signalfd,
	 * nor curl swapping SIGPIPE's action process-wide from a worker. */
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, transfer_timeout(c));
	/* Bounds the QUIT at a connection's close too, which
	 * CURLOPT_TIMEOUT does not (curl's default: 120 s). */
	curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT,
	    transfer_timeout(c));
}

/* A new handle with the options every transfer shares; NULL when curl
 * cannot make one. */
static CURL *
easy_new(const struct delivery_config *c)
{
	CURL *h;

	if ((h = curl_easy_init()) != NULL)
		easy_base(c, h);
	return h;
}

/* Lend h to x, set up by x's channel. */
static void
easy_lend(const struct delivery_config *c, CURL *h, struct xfer *x)
{
	x->easy = h;
	x->errbuf[0] = '\0';
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	channel_of(x->channel)->setup(c, x);
}

/* Judge x's finished transfer into x->out and take its handle back. */
static CURL *
easy_finish(const struct delivery_config *c, struct xfer *x, CURLcode rc)
{
	CURL *h = x->easy;

	memset(&x->out, 0, sizeof(x->out));
	channel_of(x->channel)->finish(c, x, rc, &x->out);
	easy_base(c, h);
	x->easy = NULL;
	return h;
}

/* Send mail x on a worker's handle h (made when NULL: the first mail, or
 * the first after idling); fills x->out.  The handle to keep. */
static CURL *
smtp_send(const struct delivery_config *c, CURL *h, struct xfer *x)
{
	const struct channel *ch = channel_of(x->channel);
	CURLcode rc;

	if (h == NULL && (h = easy_new(c)) == NULL) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: curl_easy_init failed",
		    channel_name(ch->kind));
		return NULL;
	}
	easy_lend(c, h, x);
	rc = curl_easy_perform(h);
	/* curl dropped the dead connection: this try makes a new one. */
	if (ch->stale != NULL && ch->stale(x, rc)) {
		easy_base(c, h);
		easy_lend(c, h, x);
		rc = curl_easy_perform(h);
	}
	return easy_finish(c, x, rc);
}

/* Wait for a mail (d->lock held), SMTP_IDLE_S seconds at most when
 * holding a connection; true when that time ran out. */
static bool
worker_wait(struct deliverer *d, bool holding)
{
	struct timespec until;
	int rc;

	d->idle++;
	if (!holding)
		rc = pthread_cond_wait(&d->more, &d->lock);
	else {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += SMTP_IDLE_S;
		rc = pthread_cond_timedwait(&d->more, &d->lock, &until);
	}
	d->idle--;
	return rc == ETIMEDOUT;
}

/* An SMTP worker: send queued mails on one handle (one connection)
 * until told to stop, closing it when idle too long. */
static void *
smtp_worker(void *arg)
{
	struct deliverer *d = arg;
	struct xfer *x;
	CURL *h = NULL;
	uint64_t one = 1;

	pthread_mutex_lock(&d->lock);
	for (;;) {
		while (d->queue.head == NULL && !d->stop) {
			if (worker_wait(d, h != NULL) && h != NULL &&
			    d->queue.head == NULL && !d->stop) {
				pthread_mutex_unlock(&d->lock);
				curl_easy_cleanup(h);	/* QUIT */
				h = NULL;
				pthread_mutex_lock(&d->lock);
			}
		}
		if (d->stop)
			break;
		x = xlist_pop(&d->queue);
		pthread_mutex_unlock(&d->lock);
		h = smtp_send(d->c, h, x);
		pthread_mutex_lock(&d->lock);
		xlist_push(&d->finished, x);
		/* An eventfd's counter cannot overflow from this: at most
		 * the mails in flight. */
		while (write(d->wake, &one, sizeof(one)) < 0 && errno == EINTR)
			;
	}
	pthread_mutex_unlock(&d->lock);
	if (h != NULL)
		curl_easy_cleanup(h);	/* QUIT */
	return NULL;
}

/* Start one more SMTP worker; false when no thread could be made. */
static bool
worker_start(struct deliverer *d)
{
	sigset_t all, old;
	int rc;

	/* Signals are the caller's thread's business (the daemon reads
	 * them from a signalfd): workers block every one. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&d->workers[d->nworkers], NULL, smtp_worker, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return false;
	d->nworkers++;
	return true;
}

/* Queue mail x for the workers, starting one more when more mails wait
 * than workers are free and the pool is not full; false when no worker
 * runs to take it (x is not queued then). */
static bool
mail_queue(struct deliverer *d, struct xfer *x)
{
	bool grow;

	pthread_mutex_lock(&d->lock);
	xlist_push(&d->queue, x);
	grow = d->queue.n > d->idle && d->nworkers < d->connections;
	pthread_cond_signal(&d->more);
	pthread_mutex_unlock(&d->lock);
	if (!grow || worker_start(d) || d->nworkers > 0)
		return true;
	/* No worker at all, so x is alone in the queue. */
	xlist_init(&d->queue);
	return false;
}

/* Run webhook x on the multi, on a spare handle or a new one. */
static void
multi_start(struct deliverer *d, struct xfer *x)
{
	const char *name = channel_name(x->channel);
	CURL *h;

	if ((h = d->nspare > 0 ? d->spare[--d->nspare] : easy_new(d->c)) ==
	    NULL) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: curl_easy_init failed",
		    name);
		xfer_ready(d, x);
		return;
	}
	easy_lend(d->c, h, x);
	if (curl_multi_add_handle(d->multi, h) != CURLM_OK) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: curl_multi_add_handle "
		    "failed", name);
		xfer_ready(d, x);	/* frees h with x */
		return;
	}
	x->next = d->running;
	d->running = x;
	d->nrunning++;
}

/* Start waiting webhooks in the slots free; how many. */
static size_t
multi_fill(struct deliverer *d)
{
	size_t n = 0;

	for (; d->nrunning < d->concurrency && d->waiting.head != NULL; n++)
		multi_start(d, xlist_pop(&d->waiting));
	return n;
}

/* Start m, unless a rate limit or a bound on what is in flight says
 * later (outgoing_capacity: 8 per SMTP connection or webhook slot). */
bool
deliverer_submit(struct deliverer *d, const struct outgoing *m, time_t now,
    time_t *not_before)
{
	const struct channel *ch = channel_of(m->channel);
	struct rate *r = NULL;
	struct xfer *x;

	*not_before = 0;
	if (ch != NULL && channel_info(ch->kind)->rate_max > 0 &&
	    m->address != NULL) {
		r = rate_get(d, ch, m->address, now);
		if (!rate_allows(r, now, not_before))
			return false;
	}
	if (ch != NULL && ch->setup != NULL && (ch->on_workers ?
	    d->nmail >= outgoing_capacity(d->c, CHAN_EMAIL) :
	    d->nrunning + d->waiting.n >= outgoing_capacity(d->c, m->channel))) {
		/* A slot frees when a transfer ends: the caller's next
		 * deliverer_run; a second is a fair guess at the latest. */
		*not_before = now + 1;
		return false;
	}
	if (r != NULL)
		rate_take(r, now);
	x = xfer_new(m);
	if (ch == NULL) {
		outcome_set(&x->out, OUTCOME_FAILED, "unknown channel %d",
		    (int)m->channel);
		xfer_ready(d, x);
	} else if (ch->start(d->c, x) == START_DONE)
		xfer_ready(d, x);
	else if (ch->on_workers) {
		if (!mail_queue(d, x)) {
			outcome_set(&x->out, OUTCOME_RETRY, "%s: cannot start "
			    "a thread", channel_name(ch->kind));
			xfer_ready(d, x);
		} else
			d->nmail++;
	} else if (d->nrunning < d->concurrency)
		multi_start(d, x);
	else
		xlist_push(&d->waiting, x);
	return true;
}

/* Transfers in flight plus outcomes not yet reported. */
size_t
deliverer_busy(const struct deliverer *d)
{
	/* Outcomes waiting to be reported count: a caller that loops
	 * while busy must come round to deliverer_run for them. */
	return d->nrunning + d->waiting.n + d->nmail + d->ready.n;
}

/* The smaller of two poll timeouts, -1 meaning none. */
static int
min_timeout(int a, int b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

/* curl's sockets as pollfds, and how long the caller may sleep. */
int
deliverer_fds(struct deliverer *d, struct pollfd *fds, int max, int *timeout_ms)
{
	fd_set rd, wr, ex;
	bool cut = false;
	long t = -1;
	int maxfd = -1, fd, n = 0;
	short ev;

	*timeout_ms = d->ready.n > 0 ? 0 : -1;
	/* First, so that it is never cut: SMTP workers' wake-up. */
	if (d->nmail > 0 && max > 0) {
		fds[n].fd = d->wake;
		fds[n].events = POLLIN;
		fds[n].revents = 0;
		n++;
	}
	if (d->nrunning == 0)
		return n;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	/* curl 7.88 has no curl_multi_waitfds: convert its fd_sets. */
	if (curl_multi_fdset(d->multi, &rd, &wr, &ex, &maxfd) != CURLM_OK)
		maxfd = -1;
	for (fd = 0; fd <= maxfd; fd++) {
		ev = 0;
		if (FD_ISSET(fd, &rd))
			ev |= POLLIN;
		if (FD_ISSET(fd, &wr))
			ev |= POLLOUT;
		if (FD_ISSET(fd, &ex))
			ev |= POLLPRI;
		if (ev == 0)
			continue;
		if (n == max) {
			cut = true;
			break;
		}
		fds[n].fd = fd;
		fds[n].events = ev;
		fds[n].revents = 0;
		n++;
	}
	if (curl_multi_timeout(d->multi, &t) != CURLM_OK)
		t = -1;
	if (t > 60 * 60 * 1000L)
		t = 60 * 60 * 1000L;
	/* Nothing to watch, or not all of it: come back soon instead. */
	if (maxfd == -1 || cut)
		t = min_timeout((int)t, NO_SOCKET_WAIT_MS);
	*timeout_ms = min_timeout(*timeout_ms, (int)t);
	return n;
}

/* Unlink x from the running list. */
static void
running_remove(struct deliverer *d, struct xfer *x)
{
	struct xfer **xp;

	for (xp = &d->running; *xp != NULL; xp = &(*xp)->next) {
		if (*xp == x) {
			*xp = x->next;
			d->nrunning--;
			return;
		}
	}
}

/* Move the mails the workers are done with to the ready outcomes. */
static void
collect_mail(struct deliverer *d)
{
	if (d->nmail == 0)
		return;
	/* Drained before the list is taken: a worker that finishes after
	 * this writes again, and the next poll wakes for it. */
	wake_drain(d);
	pthread_mutex_lock(&d->lock);
	d->nmail -= d->finished.n;
	xlist_splice(&d->ready, &d->finished);
	pthread_mutex_unlock(&d->lock);
}

/* Give a handle the multi is done with back to the spares. */
static void
spare_put(struct deliverer *d, CURL *h)
{
	if (d->nspare < d->concurrency)
		d->spare[d->nspare++] = h;
	else
		curl_easy_cleanup(h);
}

/* Report ready outcomes (the workers' among them), move transfers along,
 * report the finished.  done() must not free or cancel the deliverer. */
void
deliverer_run(struct deliverer *d,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg)
{
	struct outcome o;
	struct xfer *x;
	CURLMsg *msg;
	CURLcode rc;
	int64_t id;
	int running, left;

	collect_mail(d);
	/* Report what is done first: those outcomes exist, and done() may
	 * be the caller's chance to submit more. */
	while ((x = xlist_pop(&d->ready)) != NULL) {
		o = x->out;
		id = x->id;
		xfer_free(x);
		done(arg, id, &o);
	}
	/* A slot that frees goes at once to a waiting webhook, sent by the
	 * next round here rather than after a trip through the caller's
	 * poll. */
	do {
		if (d->nrunning == 0)
			return;
		curl_multi_perform(d->multi, &running);
		while ((msg = curl_multi_info_read(d->multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			x = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&x);
			if (x == NULL)
				continue;
			rc = msg->data.result;	/* msg goes with the removal */
			/* The connection stays in the multi's cache. */
			curl_multi_remove_handle(d->multi, x->easy);
			spare_put(d, easy_finish(d->c, x, rc));
			running_remove(d, x);
			id = x->id;
			o = x->out;
			xfer_free(x);
			done(arg, id, &o);
		}
	} while (multi_fill(d) > 0);
}
