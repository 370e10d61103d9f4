/* conns: the server's connections, one record each from accept to
 * close: the limits of how many it holds (CONN_MAX in all, CONN_PER_ADDR
 * per address, an IPv6 /64 being one, the trusted proxies excepted) and
 * the deadline of each request's head.
 *
 * Why a watchdog and not only libmicrohttpd's timeout: its
 * MHD_OPTION_CONNECTION_TIMEOUT counts from the last byte, so a client
 * sending a byte every few seconds keeps its slot for as long as it
 * likes, and 64 of them from 8 addresses filled the server.  Here the
 * head of each request (request line and headers) must be complete
 * within HEAD_MS of the connection's opening or of the previous
 * response (an idle keep-alive connection is bounded the same way); a
 * small thread sleeps until the earliest deadline and shuts the late
 * connection's socket down (shutdown(2), not close: the descriptor
 * stays libmicrohttpd's, which sees the end and cleans up on its own
 * thread).  And when the server is full, a new connection takes the
 * slot of the oldest one still waiting for its head rather than being
 * refused: clients that send nothing can delay others, not lock them
 * out.  A connection whose request is complete is never cut here (its
 * handling and its response fall under the timeout). */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/netaddr.h"
#include "web/server.h"

struct conn {
	struct conn *prev, *next;
	int fd;
	unsigned char peer[16];
	long long since;	/* monotonic ms: opened, or its last response */
	bool in_request;	/* the head is in, the request being handled */
	bool cut;		/* shut down, waiting for libmicrohttpd */
	unsigned status;	/* of the response queued last (server thread) */
};

struct conns {
	pthread_mutex_t lock;
	pthread_cond_t wake;	/* a new deadline, or stop */
	pthread_t thread;
	bool running, stop;
	struct conn *head;	/* newest first */
	size_t live;		/* connections not cut */
};

/* Whether a and b count as one address: an IPv6 host usually holds a
 * whole /64 (as for the lockout of token guessers, ack.c). */
static bool
same_addr(const unsigned char *a, const unsigned char *b)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	return memcmp(a, b, memcmp(a, mapped, 12) == 0 ? 16 : 8) == 0;
}

/* Cut c (the lock held): libmicrohttpd closes it on its next turn. */
static void
cut(struct conns *cs, struct conn *c, const char *why)
{
	char ip[64];

	if (c->cut)
		return;
	net_addr_format(c->peer, ip, sizeof(ip));
	log_debug("http: closing a connection from %s: %s", ip, why);
	(void)shutdown(c->fd, SHUT_RDWR);
	c->cut = true;
	cs->live--;
}

/* The watchdog: cut the connections whose head is late, then sleep
 * until the next deadline (or a new connection). */
static void *
watchdog(void *arg)
{
	struct conns *cs = arg;
	struct conn *c;
	struct timespec ts;
	long long now, next, due;

	pthread_mutex_lock(&cs->lock);
	while (!cs->stop) {
		now = clock_mono_ms();
		next = -1;
		for (c = cs->head; c != NULL; c = c->next) {
			if (c->cut || c->in_request)
				continue;
			due = c->since + HEAD_MS;
			if (due <= now)
				cut(cs, c, "no complete request in time");
			else if (next < 0 || due < next)
				next = due;
		}
		if (next < 0) {
			pthread_cond_wait(&cs->wake, &cs->lock);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += (time_t)((next - now) / 1000);
		ts.tv_nsec += (long)((next - now) % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		(void)pthread_cond_timedwait(&cs->wake, &cs->lock, &ts);
	}
	pthread_mutex_unlock(&cs->lock);
	return NULL;
}

int
conns_start(struct http_server *h, struct error *err)
{
	struct conns *cs = xcalloc(1, sizeof(*cs));
	pthread_condattr_t ca;
	int rc;

	pthread_mutex_init(&cs->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&cs->wake, &ca);
	pthread_condattr_destroy(&ca);
	h->conns = cs;
	if ((rc = pthread_create(&cs->thread, NULL, watchdog, cs)) != 0)
		return error_set(err, EXIT_SOFTWARE, "http: cannot start a "
		    "thread: %s", strerror(rc));
	cs->running = true;
	return 0;
}

void
conns_stop(struct http_server *h)
{
	struct conns *cs = h->conns;
	struct conn *c, *next;

	if (cs == NULL)
		return;
	if (cs->running) {
		pthread_mutex_lock(&cs->lock);
		cs->stop = true;
		pthread_cond_signal(&cs->wake);
		pthread_mutex_unlock(&cs->lock);
		pthread_join(cs->thread, NULL);
	}
	for (c = cs->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	pthread_cond_destroy(&cs->wake);
	pthread_mutex_destroy(&cs->lock);
	free(cs);
	h->conns = NULL;
}

enum MHD_Result
conns_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct http_server *h = cls;
	struct conns *cs = h->conns;
	struct conn *c, *oldest = NULL;
	unsigned char peer[16];
	size_t same = 0;
	bool trusted;

	(void)len;
	if (!net_addr_from_sockaddr(addr, peer))
		return MHD_NO;
	trusted = access_trusted(h, peer);
	pthread_mutex_lock(&cs->lock);
	for (c = cs->head; c != NULL; c = c->next) {
		if (c->cut)
			continue;
		if (same_addr(c->peer, peer))
			same++;
		if (!c->in_request)
			oldest = c;	/* the list is newest first */
	}
	/* A proxy carries many clients: the total is its only limit. */
	if (!trusted && same >= CONN_PER_ADDR) {
		pthread_mutex_unlock(&cs->lock);
		return MHD_NO;
	}
	if (cs->live >= CONN_MAX) {
		if (oldest == NULL) {	/* every one is being served */
			pthread_mutex_unlock(&cs->lock);
			return MHD_NO;
		}
		cut(cs, oldest, "the server is full and it sent no request");
	}
	pthread_mutex_unlock(&cs->lock);
	return MHD_YES;
}

void
conns_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct http_server *h = cls;
	struct conns *cs = h->conns;
	const union MHD_ConnectionInfo *ci;
	struct conn *c = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		c = xcalloc(1, sizeof(*c));
		ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		c->fd = ci != NULL ? ci->connect_fd : -1;
		(void)net_addr_from_sockaddr(http_client_addr(mc), c->peer);
		c->since = clock_mono_ms();
		*socket_context = c;
		pthread_mutex_lock(&cs->lock);
		c->next = cs->head;
		if (cs->head != NULL)
			cs->head->prev = c;
		cs->head = c;
		cs->live++;
		if (c->fd < 0)
			cut(cs, c, "no socket");
		pthread_cond_signal(&cs->wake);
		pthread_mutex_unlock(&cs->lock);
		return;
	}
	if (c == NULL)
		return;
	/* Closed: libmicrohttpd closes the socket after this returns, so
	 * the watchdog, which holds the lock while it cuts, never shuts
	 * down a descriptor already reused. */
	pthread_mutex_lock(&cs->lock);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		cs->head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	if (!c->cut)
		cs->live--;
	pthread_mutex_unlock(&cs->lock);
	free(c);
	*socket_context = NULL;
}

/* The record of mc, from its socket context. */
static struct conn *
conn_of(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci != NULL ? ci->socket_context : NULL;
}

void
conns_head_done(struct http_server *h, struct MHD_Connection *mc)
{
	struct conn *c = conn_of(mc);

	if (c == NULL)
		return;
	pthread_mutex_lock(&h->conns->lock);
	c->in_request = true;
	c->status = 0;		/* none queued yet for this request */
	pthread_mutex_unlock(&h->conns->lock);
}

void
conns_request_done(struct http_server *h, struct MHD_Connection *mc)
{
	struct conn *c = conn_of(mc);

	if (c == NULL)
		return;
	pthread_mutex_lock(&h->conns->lock);
	c->in_request = false;
	c->since = clock_mono_ms();
	pthread_cond_signal(&h->conns->wake);
	pthread_mutex_unlock(&h->conns->lock);
}

/* The status is written and read on the server's thread alone (queued,
 * then counted when the request completes): no lock. */
void
conns_note_status(struct MHD_Connection *mc, unsigned status)
{
	struct conn *c = conn_of(mc);

	if (c != NULL)
		c->status = status;
}

unsigned
conns_status(struct MHD_Connection *mc)
{
	struct conn *c = conn_of(mc);

	return c != NULL ? c->status : 0;
}
