/* outbox: the durable outbox in SQLite.  A notice is what the schedule
 * decided (one per measure, unit, due date, stage and step: the unique
 * key is the guard against duplicates); a message is one digest to one
 * address, or the record of notices skipped because their time had
 * passed.  Message states go queued -> sending -> sent | failed, and each
 * change is committed around the network exchange, so a crash loses no
 * notice and re-sends at most what was in flight. */
#ifndef DEADLINED_OUTBOX_H
#define DEADLINED_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "base/buf.h"
#include "deliver/outgoing.h"
#include "plan/notice.h"
#include "store/store.h"
#include "plan/units.h"

/* A notice the schedule produced, for one plan unit. */
struct notice_new {
	int64_t measure_id;
	const char *unit;
	enum role role;
	const struct sched_notice *n;
};

/* A notice waiting for its message. */
struct pending {
	int64_t id;
	int64_t measure_id;
	char *unit;
	enum role role;
	int due;
	enum stage stage;
	int step;
	bool current;
};

/* An item whose lead, due or overdue notice went out and that has had no
 * escalation yet: a candidate for one, unless it has been answered. */
struct silent {
	int64_t measure_id;
	char *unit;		/* the plan's unit name */
	enum role role;
	int due;
	time_t first_sent;	/* the earliest sent_at of its messages */
};

/* A stored message. */
struct message {
	int64_t id;
	char *recipient;
	enum channel_kind channel;
	char *address;
	char *ext_id;
	char *title;
	char *payload;
	size_t len;
	int attempts;
	time_t created_at;
	time_t next_at;		/* when it is due (outbox_due only) */
	int part, parts;	/* part of parts of its digest (0: 1 of 1) */
};

int outbox_begin(struct store *s, struct error *err) WARN_UNUSED_RESULT;
int outbox_commit(struct store *s, struct error *err) WARN_UNUSED_RESULT;
void outbox_rollback(struct store *s);

/* Record a notice unless it is known already (*added tells); a known
 * one recorded as missed is pending again (and *added) when n says it
 * is current. */
int outbox_add_notice(struct store *s, const struct notice_new *n, time_t now,
    bool *added, struct error *err) WARN_UNUSED_RESULT;

/* Notices waiting for a message, by unit, due date and measure. */
int outbox_pending(struct store *s, struct pending **out, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;
void outbox_pending_free(struct pending *p, size_t n);

/* The items that may be silent, by measure, unit and due date. */
int outbox_silent(struct store *s, struct silent **out, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;
void outbox_silent_free(struct silent *v, size_t n);

/* The notices a message carries, and its recipient (free *recipient). */
int outbox_message_notices(struct store *s, int64_t id, char **recipient,
    struct pending **out, size_t *n, struct error *err) WARN_UNUSED_RESULT;

/* Store a message for the notices ids[0..n) and mark them queued.  state
 * "queued" (to send from now on) or "skipped" (a record only). */
int outbox_add_message(struct store *s, const struct message *m,
    const char *state, const int64_t *ids, size_t n, time_t now,
    int64_t *id, struct error *err) WARN_UNUSED_RESULT;

/* Message id as stored, without its payload (*out NULL when there is
 * none); free it with outbox_messages_free(*out, 1). */
int outbox_message(struct store *s, int64_t id, struct message **out,
    struct error *err) WARN_UNUSED_RESULT;

/* The queued messages due at now (next_at <= now), oldest first, at
 * most room[k] of each channel kind k (room has CHAN_KINDS entries): each
 * kind's own oldest, so that one whose peer is slow, with many waiting,
 * holds up no other. */
int outbox_due(struct store *s, time_t now, const size_t *room,
    struct message **out, size_t *n, struct error *err) WARN_UNUSED_RESULT;
void outbox_messages_free(struct message *m, size_t n);

/* Mark m sending and count the attempt (committed before the send). */
int outbox_sending(struct store *s, int64_t id, struct error *err) WARN_UNUSED_RESULT;

/* Put a message marked sending back in the queue until `when`, without
 * counting the attempt (a robot's rate limit kept it from going out). */
int outbox_defer(struct store *s, int64_t id, time_t when,
    struct error *err) WARN_UNUSED_RESULT;

/* Queued messages due in [from, until) wait until `until` (the send
 * window's next opening); *n tells how many were moved. */
int outbox_hold(struct store *s, time_t from, time_t until, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;

/* Record the outcome of a send: sent; queued again after a back-off
 * (1 min doubling to 1 h, with jitter, or the peer's Retry-After); or
 * failed, when permanent or when retrying would pass 24 h since the
 * message was made (or queued again by outbox_requeue); or, deferred
 * (never tried), queued again for retry_after seconds with the attempt
 * outbox_sending counted taken back and last_error kept.  An outcome that is no deferral is an attempt's:
 * its time is the message's last try (and its first, if none was).
 * *gave_up tells whether it is now failed. */
int outbox_result(struct store *s, int64_t id, const struct outcome *o,
    time_t now, bool *gave_up, struct error *err) WARN_UNUSED_RESULT;

/* A message's record, as admin's notice of its failure and deadlinectl
 * retry read it (not its text). */
struct message_record {
	int64_t id;
	char *recipient;
	enum channel_kind channel;
	char *address;
	char state[8];		/* queued, sending, sent, failed, skipped */
	int attempts;
	char *last_error;	/* NULL: none */
	time_t created_at;
	time_t first_tried, last_tried;	/* its outcomes' times, 0: none yet */
	time_t requeued_at;	/* deadlinectl retry's last, 0: never */
};
/* The record of message id (*found false when there is none). */
int outbox_record(struct store *s, int64_t id, struct message_record *r,
    bool *found, struct error *err) WARN_UNUSED_RESULT;
void outbox_record_free(struct message_record *r);

/* The text of message id, in a new *payload ("" when there is none). */
int outbox_payload(struct store *s, int64_t id, char **payload,
    struct error *err) WARN_UNUSED_RESULT;

/* The failed messages (those for recipient, unless NULL), by id. */
int outbox_failed_ids(struct store *s, const char *recipient, int64_t **ids,
    size_t *n, struct error *err) WARN_UNUSED_RESULT;

/* The addresses on message id's channel where another message of its
 * recipient carrying any of its notices was sent or is on its way (free
 * each and the array). */
int outbox_covered(struct store *s, int64_t id, char ***addresses,
    size_t *n, struct error *err) WARN_UNUSED_RESULT;

/* Queue failed message id again at now, to address, with payload as its
 * new text (NULL: kept) and note as its last error: what the outbox
 * shows until its next outcome.  Attempts are kept; its 24 hours start
 * over.  EXIT_DATAERR when it is not failed (any more). */
int outbox_requeue(struct store *s, int64_t id, const char *address,
    const char *payload, const char *note, time_t now,
    struct error *err) WARN_UNUSED_RESULT;

/* Put messages a crash left "sending" back in the queue. */
int outbox_recover(struct store *s, size_t *n, struct error *err) WARN_UNUSED_RESULT;

/* The earliest next_at later than `after` of a queued message, 0 when
 * none (after = 0: the earliest of all). */
int outbox_next(struct store *s, time_t after, time_t *t,
    struct error *err) WARN_UNUSED_RESULT;

/* Count messages by state into the five counters (queued, sending, sent,
 * failed, skipped). */
int outbox_counts(struct store *s, size_t counts[5], struct error *err) WARN_UNUSED_RESULT;

/* Prometheus lines about the outbox: notices by stage and state (the
 * state of their message, "pending" before one), delivery attempts and
 * failures by channel, the age of the oldest queued delivery. */
int outbox_metrics(struct store *s, time_t now, struct buf *b,
    struct error *err) WARN_UNUSED_RESULT;

/* Which messages outbox_list shows: NULL or 0 for any; skipped ones
 * only when asked for (all, or state "skipped"). */
struct outbox_filter {
	const char *state;
	const char *unit;
	time_t since;		/* made at or after */
	bool all;
};
/* The messages f selects as a JSON array (deadlinectl outbox --json), or
 * as text under a header row. */
int outbox_list(struct store *s, const struct outbox_filter *f, bool json,
    struct buf *b, struct error *err) WARN_UNUSED_RESULT;

/* The back-off before attempt `attempts + 1` (pure; jitter in [0, 1)). */
int outbox_backoff(int attempts, double jitter);

#endif
