/* engine: one pass of the reminder service, and the deliveries it starts.
 * A pass asks the schedule what is due for every measure and unit of the
 * stored plans, records the notices, groups each recipient's notices into
 * one digest per channel address and queues the messages, all in one
 * transaction; then it hands the queued messages whose time has come to
 * the sender (the delivery agent) and records each outcome as it arrives. */
#ifndef DEADLINED_ENGINE_H
#define DEADLINED_ENGINE_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "conf/config.h"
#include "store/store.h"
#include "base/util.h"

struct engine;

struct engine_stats {
	size_t notices;		/* new notices this pass */
	size_t messages;	/* messages queued this pass */
	size_t skipped;		/* notices recorded as skipped */
	size_t unmapped;	/* unit names sent to admin */
};

/* cfg and st stay the caller's; dry_run: render and log, record and send
 * nothing. */
struct engine *engine_new(const struct config *cfg, struct store *st, bool dry_run);
void engine_free(struct engine *e);
/* Use a new configuration (after a reload) once nothing is in flight. */
void engine_set_config(struct engine *e, const struct config *cfg);

/* Decide and queue what is due at now. */
int engine_pass(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err) WARN_UNUSED_RESULT;
/* The clock jumped ahead, from `from` (where a monotonic clock puts it)
 * to a later time: the overdue notices and escalations that fall due
 * after `from` are not recorded by a pass before `until`, when one
 * records them if they are due still; a pass at a clock set back before
 * the last one's ends the hold.  Lead, due-day and check-in notices are
 * not held. */
void engine_hold(struct engine *e, time_t from, time_t until);
/* Start sending the queued messages whose time has come, as many as the
 * sender takes; *started (when not NULL) counts them.  Only inside the
 * send window: what falls due while it is closed is held in the outbox
 * until its next opening (and engine_next wakes for that). */
int engine_send(struct engine *e, time_t now, size_t *started,
    struct error *err) WARN_UNUSED_RESULT;

/* The sender's fds and its longest wait (ms, -1: none). */
int engine_fds(struct engine *e, struct pollfd *fds, int max, int *timeout_ms);
/* Move deliveries along and record the finished ones. */
void engine_run(struct engine *e, time_t now);
/* engine_run, then engine_send, the outcomes and the new messages'
 * `sending` marks written in one commit. */
int engine_turn(struct engine *e, time_t now, size_t *started,
    struct error *err) WARN_UNUSED_RESULT;

/* Count the board's cells by state for /metrics (acks_set_board_counts)
 * when what they depend on has changed since the last count: the plans,
 * the answers, the day; the sent messages too, at most once a minute
 * (a fan-out sends thousands).  Called after a pass. */
void engine_board(struct engine *e, time_t now);
/* Deliveries in flight. */
size_t engine_busy(const struct engine *e);
/* The next time a pass or a retry has something to do (0: nothing);
 * never now or before.  Messages due but waiting for a free slot are
 * not counted: an outcome frees the slot and wakes the caller. */
time_t engine_next(struct engine *e, time_t now);
/* Seconds between two checks of the database (PRAGMA quick_check). */
#define ENGINE_CHECK_EVERY 86400
/* Whether the database's check is due at now, the last one having run
 * at checked (0: never): a day after it, or at once when the clock has
 * gone back before it.  Pure: now is the pass's. */
bool engine_check_due(time_t checked, time_t now);
/* Whether a pause or a request was added, ended or decided since the
 * last pass (by another process: deadlinectl pause, resume, extend,
 * approve, reject): what the heaps say to wake for may be wrong then,
 * and a pass now puts it right. */
bool engine_replan_due(struct engine *e);
/* Messages still queued (for --once's exit status). */
size_t engine_queued(struct engine *e);

/* The database would not take a write (why: its error): outcomes are
 * kept, nothing new is sent, writing is tried again after a back-off (1 s
 * doubling to a minute), the cause logged once a minute. */
void engine_trouble(struct engine *e, const char *why);
/* The trouble's cause, NULL when the database takes writes. */
const char *engine_trouble_line(const struct engine *e);
/* A write went through (a pass): the trouble is over unless outcomes
 * still wait. */
void engine_trouble_clear(struct engine *e);
/* Outcomes kept, waiting to be written. */
size_t engine_kept(const struct engine *e);
/* Messages that failed for good since the engine started, their outcome
 * recorded (admin told). */
size_t engine_failed(const struct engine *e);
/* The daemon stops: the kept outcomes written now if the database takes
 * them; those it does not are logged and counted (their messages are
 * sent again at the next start). */
size_t engine_kept_last(struct engine *e);

#endif
