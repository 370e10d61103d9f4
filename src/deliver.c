/* deliver: the deliverer.  Every webhook transfer runs on one curl multi
 * handle, so that connections stay in its cache and are reused from one
 * message to the next, and so that the daemon's single poll loop drives
 * them all (deliverer_fds, deliverer_run) without ever blocking.  SMTP
 * transfers do not: libcurl 7.88's SMTP over the multi interface blocks
 * in curl_multi_perform while it waits for the reply to the end of DATA
 * (curl issue #8555, smtp_block_statemach), which would stall the loop
 * for up to smtp.timeout per message.  Each SMTP transfer runs instead on
 * a worker thread of its own with curl_easy_perform (its own easy handle,
 * one thread at a time on it; no connection reuse), at most
 * webhook_concurrency of them at once.  A worker touches nothing but its
 * xfer until it is done; then it puts the xfer on the mutex-protected
 * finished list and writes to an eventfd that deliverer_fds hands to the
 * caller's poll.  deliverer_run, on the caller's thread, joins the
 * worker, calls the channel's finish() and done(), and frees the xfer:
 * callbacks never run on a worker.
 * The channels themselves live in chan_*.c behind struct channel; this
 * file keeps what they share: the bound on transfers in flight, the
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

#include "channel.h"
#include "deliver.h"
#include "log.h"

#define DEFAULT_TIMEOUT		30	/* s, when the config gives none */
#define DEFAULT_CONCURRENCY	4
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

/* One SMTP transfer on a worker thread.  Everything but fnext belongs to
 * the caller's thread, except x and rc, which the worker owns until it
 * puts the job on the finished list. */
struct job {
	struct deliverer *d;
	struct xfer *x;
	pthread_t thread;
	CURLcode rc;		/* curl_easy_perform's result */
	struct job *next;	/* on d->jobs: every worker not yet joined */
	struct job *fnext;	/* on d->finished, under d->lock */
};

struct deliverer {
	const struct config *c;
	CURLM *multi;
	size_t concurrency;
	struct xfer *running;	/* on the multi */
	size_t nrunning;
	struct job *jobs;	/* SMTP workers not yet joined */
	size_t njobs;
	pthread_mutex_t lock;	/* guards finished */
	struct job *finished;	/* workers done, outcome not yet reported */
	int wake;		/* eventfd: written when a worker finishes */
	struct xfer *ready;	/* delivered at once, outcome not yet reported */
	struct xfer **ready_tail;
	size_t nready;
	struct rate *rates;
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

/* Milliseconds since the epoch, by the system clock. */
long long
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The timeout of every transfer.  smtp.timeout is the one network
 * timeout the configuration has; webhooks use it too. */
static long
transfer_timeout(const struct config *c)
{
	return c->smtp.timeout > 0 ? c->smtp.timeout : DEFAULT_TIMEOUT;
}

/* A deliverer for c, with its multi handle; nothing in flight. */
struct deliverer *
deliverer_new(const struct config *c)
{
	struct deliverer *d;

	/* Reference-counted by curl: one per deliverer is fine. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatalx("curl_global_init failed");
	d = xcalloc(1, sizeof(*d));
	d->c = c;
	d->ready_tail = &d->ready;
	d->concurrency = c->webhook_concurrency > 0 ?
	    (size_t)c->webhook_concurrency : DEFAULT_CONCURRENCY;
	if ((d->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	if ((d->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
		fatalx("eventfd: %s", strerror(errno));
	if ((errno = pthread_mutex_init(&d->lock, NULL)) != 0)
		fatalx("pthread_mutex_init: %s", strerror(errno));
	curl_multi_setopt(d->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)d->concurrency);
	/* Keep as many idle connections as may run at once, rather than
	 * curl's default of four per easy handle attached: ours come and
	 * go with each message, and the cache would shrink with them. */
	curl_multi_setopt(d->multi, CURLMOPT_MAXCONNECTS, (long)d->concurrency);
	return d;
}

/* Free x and its transfer (already detached from the multi). */
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
	free(x->ext_id);
	free(x->title);
	free(x->payload);
	free(x->url);
	free(x->body);
	buf_free(&x->resp);
	free(x);
}

/* Empty the eventfd, so that the next poll sleeps until a worker ends. */
static void
wake_drain(struct deliverer *d)
{
	uint64_t v;

	while (read(d->wake, &v, sizeof(v)) < 0 && errno == EINTR)
		;
}

/* Drop every transfer and unreported outcome, silently.  SMTP workers
 * cannot be stopped safely in the middle of a transfer: they are joined
 * (each ends within smtp.timeout, curl's CURLOPT_TIMEOUT), so this may
 * wait that long, and their outcomes are dropped without done(): the
 * caller treats every message still in flight as not sent (the daemon
 * puts its 'sending' messages back in the queue), though a mail may in
 * fact have gone out. */
void
deliverer_cancel(struct deliverer *d)
{
	struct xfer *x;
	struct job *j;

	while ((j = d->jobs) != NULL) {
		d->jobs = j->next;
		pthread_join(j->thread, NULL);
		xfer_free(j->x);
		free(j);
	}
	d->njobs = 0;
	/* Every worker is joined: nobody else touches the list now. */
	pthread_mutex_lock(&d->lock);
	d->finished = NULL;
	pthread_mutex_unlock(&d->lock);
	wake_drain(d);
	while ((x = d->running) != NULL) {
		d->running = x->next;
		curl_multi_remove_handle(d->multi, x->easy);
		xfer_free(x);
	}
	d->nrunning = 0;
	while ((x = d->ready) != NULL) {
		d->ready = x->next;
		xfer_free(x);
	}
	d->ready_tail = &d->ready;
	d->nready = 0;
}

/* Cancel everything, then free the rate records and the multi. */
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
	curl_multi_cleanup(d->multi);
	close(d->wake);
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
	r->window = ch->rate_window;
	r->max = ch->rate_max;
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
	x->ext_id = xstrdup(m->ext_id != NULL ? m->ext_id : "");
	x->title = m->title != NULL ? xstrdup(m->title) : NULL;
	x->len = m->payload != NULL ? m->len : 0;
	x->payload = xmalloc(x->len + 1);
	if (x->len > 0)
		memcpy(x->payload, m->payload, x->len);
	x->payload[x->len] = '\0';
	return x;
}

/* Queue x's outcome for the next deliverer_run. */
static void
xfer_ready(struct deliverer *d, struct xfer *x)
{
	if (x->easy != NULL) {
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
	}
	x->next = NULL;
	*d->ready_tail = x;
	d->ready_tail = &x->next;
	d->nready++;
}

/* A fresh easy handle with the options every transfer shares. */
static CURL *
easy_new(const struct config *c, struct xfer *x)
{
	CURL *h;

	if ((h = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	/* No SIGALRM-based resolver timeouts in a daemon with a signalfd. */
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, transfer_timeout(c));
	return h;
}

/* A worker: run j's transfer to its end, then hand it back. */
static void *
smtp_worker(void *arg)
{
	struct job *j = arg;
	struct deliverer *d = j->d;
	uint64_t one = 1;

	j->rc = curl_easy_perform(j->x->easy);
	pthread_mutex_lock(&d->lock);
	j->fnext = d->finished;
	d->finished = j;
	pthread_mutex_unlock(&d->lock);
	/* An eventfd's counter cannot overflow from this: at most njobs. */
	while (write(d->wake, &one, sizeof(one)) < 0 && errno == EINTR)
		;
	return NULL;
}

/* Run x (set up by its channel) on a worker thread; false when no thread
 * could be made. */
static bool
job_start(struct deliverer *d, struct xfer *x)
{
	struct job *j = xcalloc(1, sizeof(*j));
	sigset_t all, old;
	int rc;

	j->d = d;
	j->x = x;
	/* Signals are the caller's thread's business (the daemon reads
	 * them from a signalfd): the worker blocks every one. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&j->thread, NULL, smtp_worker, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		free(j);
		return false;
	}
	j->next = d->jobs;
	d->jobs = j;
	d->njobs++;
	return true;
}

/* Start m, unless a rate limit or the concurrency bound says later. */
bool
deliverer_submit(struct deliverer *d, const struct outgoing *m, time_t now,
    time_t *not_before)
{
	const struct channel *ch = channel_of(m->channel);
	struct rate *r = NULL;
	struct xfer *x;

	*not_before = 0;
	if (ch != NULL && ch->rate_max > 0 && m->address != NULL) {
		r = rate_get(d, ch, m->address, now);
		if (!rate_allows(r, now, not_before))
			return false;
	}
	/* Webhooks on the multi and SMTP workers are bounded apart, each
	 * by webhook_concurrency. */
	if (ch != NULL && ch->finish != NULL && (ch->kind == CHAN_EMAIL ?
	    d->njobs : d->nrunning) >= d->concurrency) {
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
		return true;
	}
	if (ch->finish != NULL && (x->easy = easy_new(d->c, x)) == NULL) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: curl_easy_init failed",
		    channel_name(ch->kind));
		xfer_ready(d, x);
		return true;
	}
	if (ch->start(d->c, x) == START_DONE) {
		xfer_ready(d, x);
		return true;
	}
	if (ch->kind == CHAN_EMAIL) {
		if (!job_start(d, x)) {
			outcome_set(&x->out, OUTCOME_RETRY, "%s: cannot start "
			    "a thread", channel_name(ch->kind));
			xfer_ready(d, x);
		}
		return true;
	}
	if (curl_multi_add_handle(d->multi, x->easy) != CURLM_OK) {
		outcome_set(&x->out, OUTCOME_RETRY, "%s: curl_multi_add_handle "
		    "failed", channel_name(ch->kind));
		xfer_ready(d, x);
		return true;
	}
	x->next = d->running;
	d->running = x;
	d->nrunning++;
	return true;
}

/* Transfers in flight plus outcomes not yet reported. */
size_t
deliverer_busy(const struct deliverer *d)
{
	/* Outcomes waiting to be reported count: a caller that loops
	 * while busy must come round to deliverer_run for them. */
	return d->nrunning + d->njobs + d->nready;
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

	*timeout_ms = d->nready > 0 ? 0 : -1;
	/* First, so that it is never cut: SMTP workers' wake-up. */
	if (d->njobs > 0 && max > 0) {
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

/* Unlink j from the workers' list. */
static void
jobs_remove(struct deliverer *d, struct job *j)
{
	struct job **jp;

	for (jp = &d->jobs; *jp != NULL; jp = &(*jp)->next) {
		if (*jp == j) {
			*jp = j->next;
			d->njobs--;
			return;
		}
	}
}

/* Report the outcomes of the SMTP workers that are done. */
static void
run_jobs(struct deliverer *d,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg)
{
	struct job *list, *j, *rev = NULL;
	struct outcome o;
	struct xfer *x;
	int64_t id;

	if (d->njobs == 0)
		return;
	/* Drained before the list is taken: a worker that finishes after
	 * this writes again, and the next poll wakes for it. */
	wake_drain(d);
	pthread_mutex_lock(&d->lock);
	list = d->finished;
	d->finished = NULL;
	pthread_mutex_unlock(&d->lock);
	/* Pushed newest first: report in the order they finished. */
	while ((j = list) != NULL) {
		list = j->fnext;
		j->fnext = rev;
		rev = j;
	}
	while ((j = rev) != NULL) {
		rev = j->fnext;
		/* Quick: the worker has nothing left to do but return. */
		pthread_join(j->thread, NULL);
		jobs_remove(d, j);
		x = j->x;
		memset(&o, 0, sizeof(o));
		channel_of(x->channel)->finish(d->c, x, j->rc, &o);
		free(j);
		id = x->id;
		xfer_free(x);
		done(arg, id, &o);
	}
}

/* Report ready outcomes, move transfers along, report the finished.
 * done() must not free or cancel the deliverer. */
void
deliverer_run(struct deliverer *d,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg)
{
	const struct channel *ch;
	struct outcome o;
	struct xfer *x;
	CURLMsg *msg;
	int64_t id;
	int running, left;

	/* Report what was delivered at once first: those outcomes exist,
	 * and done() may be the caller's chance to submit more. */
	while ((x = d->ready) != NULL) {
		if ((d->ready = x->next) == NULL)
			d->ready_tail = &d->ready;
		d->nready--;
		o = x->out;
		id = x->id;
		xfer_free(x);
		done(arg, id, &o);
	}
	run_jobs(d, done, arg);
	if (d->nrunning == 0)
		return;
	curl_multi_perform(d->multi, &running);
	while ((msg = curl_multi_info_read(d->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x == NULL)
			continue;
		ch = channel_of(x->channel);
		memset(&o, 0, sizeof(o));
		ch->finish(d->c, x, msg->data.result, &o);
		/* The connection stays in the multi's cache for reuse. */
		curl_multi_remove_handle(d->multi, x->easy);
		running_remove(d, x);
		id = x->id;
		xfer_free(x);
		done(arg, id, &o);
	}
}
