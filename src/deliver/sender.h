/* sender: the daemon's side of delivery, with the deliverer's shape
 * (deliver.h) but none of its code: messages go to the delivery agent,
 * deadlined-send, a process started on the first submit and found next
 * to the daemon's own executable, else in ../lib/deadlined/ from it
 * ($DEADLINED_SEND overrides both).  The agent runs the deliverer, and
 * libcurl with it, so that the long-running daemon never loads them; it
 * exits when it has been idle for a while, and the next submit starts
 * another.  The protocol is sendproto.h.
 *
 * At most outgoing_window() messages of each channel are with the
 * agent at once (one per SMTP connection, 8 per webhook slot), and the engine marks 'sending' no more than
 * sender_room() says: the outbox's 'sending' rows are what the agent has,
 * and what it queues stays that small.
 * A message a robot's rate limit holds back comes back OUTCOME_DEFERRED.
 * When the agent dies, every message it had gets OUTCOME_RETRY ("delivery
 * agent exited: ..."); the agent is killed with the daemon (its parent
 * death signal), so a daemon killed with SIGKILL leaves none behind. */
#ifndef DEADLINED_SENDER_H
#define DEADLINED_SENDER_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "conf/config.h"
#include "deliver/outgoing.h"

struct sender;

/* c must outlive the sender (the daemon replaces both on reload); no
 * agent runs until the first submit. */
struct sender *sender_new(const struct config *c);
/* Stop the agent (killed when messages are still with it, whose outcomes
 * are then not reported) and free s. */
void sender_free(struct sender *s);

/* Hand m (copied) to the agent, started if need be.  False when as many
 * messages of m's channel are with it as may be: *not_before tells when
 * to try again.  m reaches the agent in the next sender_run, not before,
 * so that the caller can record it as sending first: a crash then sends
 * it at most once more.  An agent that cannot be started gives m
 * OUTCOME_RETRY, reported by the next sender_run. */
bool sender_submit(struct sender *s, const struct outgoing *m, time_t now,
    time_t *not_before);

/* How many more messages of kind the agent takes now: none until half
 * its share is free, so that they are marked sending a few at a time,
 * not one commit a message, while the other half keeps the connections
 * busy. */
size_t sender_room(const struct sender *s, enum channel_kind kind);

/* Messages with the agent plus outcomes not yet reported. */
size_t sender_busy(const struct sender *s);

/* The fds to poll (at most max) and the longest wait in ms (-1: none). */
int sender_fds(struct sender *s, struct pollfd *fds, int max, int *timeout_ms);

/* Read the agent's answers (after poll); call done() for each outcome.
 * done() must not free or cancel the sender. */
void sender_run(struct sender *s,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg);

/* Stop the agent and forget what is with it (shutdown): done() is not
 * called for those messages. */
void sender_cancel(struct sender *s);

#endif
