/* deadlined-send: the delivery agent.  deadlined starts it (sender.c)
 * when it has something to send and talks to it over a socket on fd 3
 * (sendproto.h): first the configuration, then messages.  It runs them
 * through the deliverer (deliver.h: libcurl, the SMTP workers, the
 * robots' rate limits) in a poll loop of its own and writes back each
 * outcome, so that libcurl and the ~30 libraries it loads live only in
 * this short-lived process, never in the daemon.
 *
 * What the deliverer cannot take yet is held here when it may go within
 * HOLD_MAX seconds (too many transfers: a slot frees when one ends), and
 * answered OUTCOME_DEFERRED when it must wait longer (a robot's rate
 * limit: up to a minute), so that the outbox holds it, not this process.
 * The agent exits when its input closes, and asks the daemon to stop it
 * (an IDLE record) once it has had nothing to do for IDLE_EXIT seconds
 * and every robot it wrote to has left its rate window: the rate limits
 * are remembered only here, and a new agent must not start while an old
 * one's sends still count. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deliver/channel.h"
#include "deliver/deliver.h"
#include "base/log.h"
#include "deliver/sendproto.h"

#define AGENT_FD	3
#define MAX_FDS		64
/* Seconds of nothing to do before the agent asks to be stopped: long
 * enough that a pass's burst of messages, which the daemon hands over as
 * transfers end, finds it still there; short enough that the memory
 * (about 10 MiB) comes back soon after. */
#define IDLE_EXIT	10
/* A refused message that may go within this many seconds waits here. */
#define HOLD_MAX	2

/* A message the deliverer has not taken yet: its record, kept whole. */
struct held {
	unsigned char *rec;
	size_t len;
	time_t not_before;	/* 0: try at once */
	struct held *next;
};

struct agent {
	struct sp_conn conn;
	struct deliverer *d;
	struct held *held, **held_tail;
	time_t idle_since;	/* 0: busy */
	time_t quiet_at;	/* when the last robot's rate window closes */
	bool asked;		/* IDLE sent, no message since */
};

/* Report one finished delivery to the daemon. */
static void
done(void *arg, int64_t id, const struct outcome *o)
{
	struct agent *a = arg;

	sendproto_put_outcome(&a->conn, id, o);
}

static void
held_free(struct held *h)
{
	explicit_bzero(h->rec, h->len);		/* a webhook's secret */
	free(h->rec);
	free(h);
}

/* Queue the message in record r, to be tried in order. */
static void
hold(struct agent *a, const struct sp_rec *r)
{
	struct held *h = xcalloc(1, sizeof(*h));

	h->len = (size_t)(r->end - r->p);
	h->rec = xmalloc(h->len + 1);
	memcpy(h->rec, r->p, h->len);
	*a->held_tail = h;
	a->held_tail = &h->next;
}

/* Offer h to the deliverer; true when it is settled (taken, deferred or
 * refused as malformed) and leaves the queue. */
static bool
offer(struct agent *a, struct held *h, time_t now)
{
	struct sp_rec r = { SP_MESSAGE, h->rec, h->rec + h->len };
	const struct channel_info *ch;
	struct outgoing m;
	struct outcome o;
	time_t nb;

	if (!sendproto_get_message(&r, &m))
		fatalx("a held message no longer decodes");
	if (deliverer_submit(a->d, &m, now, &nb)) {
		if ((ch = channel_info(m.channel)) != NULL && ch->rate_max > 0 &&
		    now + ch->rate_window > a->quiet_at)
			a->quiet_at = now + ch->rate_window;
		return true;
	}
	if (nb - now <= HOLD_MAX) {
		h->not_before = nb;
		return false;
	}
	memset(&o, 0, sizeof(o));
	outcome_set(&o, OUTCOME_DEFERRED, "%s: rate limit, held back %lld s",
	    channel_name(m.channel), (long long)(nb - now));
	o.retry_after = (int)(nb - now);
	done(a, m.id, &o);
	return true;
}

/* Offer every held message whose time has come, in order. */
static void
pump(struct agent *a, time_t now)
{
	struct held **hp, *h;

	for (hp = &a->held; (h = *hp) != NULL;) {
		if (h->not_before <= now && offer(a, h, now)) {
			*hp = h->next;
			held_free(h);
			continue;
		}
		hp = &h->next;
	}
	a->held_tail = hp;
}

/* Take the records that arrived; false when the input is broken. */
static bool
take_input(struct agent *a)
{
	struct sp_rec r;
	struct outgoing m;
	int rc;

	while ((rc = sendproto_next(&a->conn, &r)) == 1) {
		if (!sendproto_get_message(&r, &m))
			return false;
		hold(a, &r);
		a->asked = false;
	}
	return rc == 0;
}

/* The poll timeout in ms (-1: none) for what is held and for idling. */
static int
wait_ms(struct agent *a, int deliver_ms, time_t now)
{
	time_t at = 0;
	struct held *h;
	int ms = deliver_ms;

	for (h = a->held; h != NULL; h = h->next)
		if (at == 0 || h->not_before < at)
			at = h->not_before;
	if (a->held == NULL && a->idle_since != 0 && !a->asked) {
		at = a->idle_since + IDLE_EXIT;
		if (a->quiet_at > at)
			at = a->quiet_at;
	}
	if (at != 0) {
		long long t = at > now ? (long long)(at - now) * 1000 : 0;

		if (ms < 0 || t < ms)
			ms = (int)t;
	}
	return ms;
}

/* Deliver until the input closes: 0, or EXIT_SOFTWARE on a broken
 * stream. */
static int
serve(struct agent *a)
{
	struct pollfd pfd[MAX_FDS];
	time_t now;
	int n, t;

	for (;;) {
		/* The first turn takes what came with the configuration. */
		if (!take_input(a)) {
			log_warnx("deadlined sent what is not a message");
			return EXIT_SOFTWARE;
		}
		now = time(NULL);
		deliverer_run(a->d, done, a);
		pump(a, now);
		if (sendproto_flush(&a->conn) != 0)
			return 0;	/* the daemon is gone */
		if (a->held == NULL && deliverer_busy(a->d) == 0 &&
		    sendproto_pending(&a->conn) == 0) {
			if (a->idle_since == 0)
				a->idle_since = now;
			if (!a->asked && now >= a->idle_since + IDLE_EXIT &&
			    now >= a->quiet_at) {
				log_debug("idle: asking deadlined to stop me");
				sendproto_put_idle(&a->conn);
				a->asked = true;
				if (sendproto_flush(&a->conn) != 0)
					return 0;
			}
		} else
			a->idle_since = 0;
		pfd[0] = (struct pollfd){ a->conn.fd, POLLIN |
		    (sendproto_pending(&a->conn) > 0 ? POLLOUT : 0), 0 };
		n = 1 + deliverer_fds(a->d, pfd + 1, MAX_FDS - 1, &t);
		if (poll(pfd, (nfds_t)n, wait_ms(a, t, now)) < 0 && errno != EINTR)
			fatalx("poll: %s", strerror(errno));
		if ((pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    sendproto_read(&a->conn) <= 0)
			return 0;	/* closed: stop */
	}
}

/* Wait for the configuration, the first record; false when the input
 * ends or is something else. */
static bool
read_config(struct sp_conn *c, struct delivery_config *cfg, int *level)
{
	struct pollfd pfd = { c->fd, POLLIN, 0 };
	struct sp_rec r;
	int rc;

	for (;;) {
		if ((rc = sendproto_next(c, &r)) == 1)
			return sendproto_get_config(&r, cfg, level);
		if (rc < 0)
			return false;
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			return false;
		if (sendproto_read(c) <= 0)
			return false;
	}
}

int
main(int argc, char **argv)
{
	struct agent a;
	struct delivery_config cfg;
	struct stat sb;
	struct held *h;
	int level, rc;

	(void)argv;
	log_init("deadlined-send", 0);
	if (argc != 1 || fstat(AGENT_FD, &sb) != 0 || !S_ISSOCK(sb.st_mode)) {
		fprintf(stderr, "usage: deadlined-send (started by deadlined, "
		    "with its socket as fd 3)\n");
		return EXIT_USAGE;
	}
	/* Writes to a daemon that is gone fail with EPIPE instead. */
	signal(SIGPIPE, SIG_IGN);
	memset(&a, 0, sizeof(a));
	a.held_tail = &a.held;
	sendproto_init(&a.conn, AGENT_FD);
	if (!read_config(&a.conn, &cfg, &level)) {
		sendproto_close(&a.conn);
		return 0;	/* nothing asked of us */
	}
	log_set_level(level);
	a.d = deliverer_new(&cfg);
	rc = serve(&a);
	/* Transfers still running are the daemon's to account for: it
	 * gives them a retry outcome, or puts them back in the queue. */
	deliverer_free(a.d);
	while ((h = a.held) != NULL) {
		a.held = h->next;
		held_free(h);
	}
	sendproto_config_free(&cfg);
	sendproto_close(&a.conn);
	return rc;
}
