/* deliver: sends rendered messages over their channels, without blocking
 * the daemon's loop: webhooks are transfers on one curl multi handle
 * (webhook_concurrency at once, connection reuse); mail goes through a small pool
 * of worker threads, smtp.connections of them, each keeping its
 * connection to the server from one mail to the next (libcurl's SMTP
 * blocks in the multi interface while it waits for the answer to the end
 * of DATA, curl issue 8555), which report through an eventfd; maildir is
 * written at once.  It keeps no state of its own beyond the transfers in
 * flight, the idle connections and each robot's rate limit: what was
 * sent is the caller's to record. */
#ifndef DEADLINED_DELIVER_H
#define DEADLINED_DELIVER_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "conf/config.h"
#include "deliver/outgoing.h"

struct deliverer;

/* c must outlive the deliverer (the daemon replaces both on reload). */
struct deliverer *deliverer_new(const struct delivery_config *c);
void deliverer_free(struct deliverer *d);

/* Start sending m (copied).  False when it cannot start now (too many
 * taken: 8 per SMTP connection or webhook transfer slot, one on it and
 * the rest waiting their turn; or the robot's rate limit): *not_before
 * tells when to try again.  Maildir messages are written before this
 * returns; their outcome is reported by the next deliverer_run, like the
 * others'. */
bool deliverer_submit(struct deliverer *d, const struct outgoing *m, time_t now,
    time_t *not_before);

/* Transfers still in flight. */
size_t deliverer_busy(const struct deliverer *d);

/* The fds to poll (at most max) and the longest wait in ms (-1: none). */
int deliverer_fds(struct deliverer *d, struct pollfd *fds, int max, int *timeout_ms);

/* Move transfers along (after poll); call done() for each finished one. */
void deliverer_run(struct deliverer *d,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg);

/* Cancel what is in flight (shutdown): done() is not called for them.
 * Waits for the mails on a connection and then the connection's QUIT
 * (each within smtp.timeout); mails still waiting are dropped unsent. */
void deliverer_cancel(struct deliverer *d);

#endif
