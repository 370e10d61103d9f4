/* state: what the engine's files (engine.c, the pass; route.c,
 * notices to messages; dispatch.c, messages to the sender) share: the
 * engine's state.  Private to engine/. */
#ifndef DEADLINED_ENGINE_STATE_H
#define DEADLINED_ENGINE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/heap.h"
#include "conf/config.h"
#include "deliver/outgoing.h"
#include "deliver/sender.h"
#include "store/outbox.h"
#include "store/pauses.h"
#include "store/requests.h"

struct engine_stats;

/* Outcomes of deliveries are committed in the loop's turn that reads
 * them, together (one sync for what one wake-up brought), and messages
 * are marked sending as many as the sender takes at once: what a crash
 * re-sends is what was on the wire, plus what arrived during a commit. */

/* Where a measure stands in the loaded plans. */
struct where {
	int64_t id;
	const struct plan *plan;
	const struct plan_task *task;
	const struct plan_measure *measure;
};

/* One item of the loaded plans: a measure for one of its units (16
 * bytes: a large plan has hundreds of thousands). */
struct item {
	const struct plan_measure *m;
	uint32_t plan;		/* in e->plans */
	uint32_t unit;		/* in m->units */
};

/* When an item is next to be looked at (a record of e->reminders), and
 * from when its notices are not stored yet (those before were, at its
 * last look). */
struct item_due {
	time_t at;
	time_t from;
	size_t item;
};

/* An item a notice went out for, to escalate at `at` unless answered by
 * then (a record of e->escalations). */
struct esc_due {
	time_t at;
	time_t trigger;		/* when it fell due (at, unless held) */
	int64_t measure_id;
	char *unit;
	enum role role;
	int due;
};

/* A message sent since the last pass: its items become candidates for
 * an escalation. */
struct sent {
	int64_t id;
	time_t at;
};

struct engine {
	const struct config *cfg;
	struct store *st;
	bool dry_run;
	struct sender *sender;
	time_t not_before;	/* when a deferred submit may be tried again */
	time_t now;		/* of the current engine_run, for outcomes */

	/* What a pass keeps for the next one, so that it looks only at
	 * what falls due: the plans as loaded (until an import changes
	 * their generation), the answers (until the log grows), and two
	 * heaps of what comes next.  A failed or dry pass drops it all,
	 * and the next pass starts over from the database. */
	bool loaded;
	time_t last_pass;	/* the clock of the last pass that kept them */
	/* After a jump of the clock (engine_hold): overdue notices and
	 * escalations due after hold_from wait until hold_until. */
	time_t hold_from, hold_until;
	int64_t gen;
	struct plan **plans;
	size_t nplans;
	struct where *w;
	size_t nw;
	struct item *items;
	size_t nitems;
	struct answers *answers;
	struct request_set *requests;	/* until one is made or decided */
	struct pause_set *pauses;	/* until one is added or ended */
	struct heap reminders;	/* struct item_due */
	bool cold;		/* every item is in it from the start: the
				 * next pass reads the stored notices' keys */
	bool esc_loaded;
	struct heap escalations;	/* struct esc_due */
	struct sent *sent;
	size_t nsent, sent_cap;
	int64_t *gave_up;	/* messages failed for good, to tell admin */
	size_t ngave_up, gave_up_cap;
	size_t failed;		/* messages failed for good, committed */

	/* Messages marked sending (committed) that the deliverer has not
	 * taken yet: backlog[head..n). */
	struct message *backlog;
	size_t head, nbacklog;
	bool tx;		/* outcomes wait in an open transaction */
	/* The outcomes of the open transaction, until it commits, and those
	 * the database would not take (full, read-only, locked too long):
	 * kept here and written as soon as it takes writes again; nothing
	 * new goes on the wire meanwhile (engine_send). */
	struct kept *txo, *kept;
	size_t ntxo, txo_cap, nkept, kept_cap;
	bool tx_failed;		/* a write of the open transaction failed ... */
	char trouble_tx[256];	/* ... with this error */
	/* The database's trouble: its error ("" when none), when writing is
	 * tried again and the back-off (1 s doubling to 1 min), when it was
	 * last logged (monotonic ms). */
	char trouble[256];
	int64_t retry_ms, backoff_ms, logged_ms;
	/* What the board's counts were last counted from (engine_board). */
	struct {
		int64_t gen, answers, sent;
		int today;
		time_t at;
	} board;
	/* The configured webhooks by URL, sorted for bsearch. */
	const struct webhook **hooks;
	size_t nhooks;
};

/* A delivery's outcome that waits to be written. */
struct kept {
	int64_t id;
	struct outcome o;
};

/* One digest being gathered: a recipient's notices for one address. */
struct batch {
	const struct recipient *r;
	const char *label;	/* the digest's name, when not r's */
	enum channel_kind channel;
	const char *address;
	bool current;
	size_t *idx;		/* into the pending notices */
	size_t n, cap;
};

/* engine.c: the loaded plans and the webhooks by URL */
const struct webhook *engine_webhook(const struct engine *e, const char *url);
void engine_forget(struct engine *e);
const struct where *engine_find_measure(const struct where *w, size_t n,
    int64_t id);
int engine_load_plans(struct engine *e, struct error *err);

/* route.c: notices to digests to queued messages; how the log names a
 * message (a new string) */
char *route_about(const struct message *m);
bool route_add_channels(const struct config *c, struct batch **b,
    size_t *nb, size_t *cap, const struct recipient *r, bool current, size_t i);
struct batch *route_make_batches(struct engine *e,
    const struct pending *pend, size_t np, const struct where *w, size_t nw, size_t *nb, struct engine_stats *stats);
int route_queue_batch(struct engine *e, const struct batch *b,
    const struct pending *pend, const struct where *w, size_t nw, time_t now, struct engine_stats *stats,
    struct error *err);

/* Queue admin's notice that message id failed for good, on each of
 * admin's channels (nothing for a message of admin's own).  In the
 * caller's transaction. */
int route_queue_failure(struct engine *e, int64_t id, time_t now,
    struct error *err);

/* Queue document d (its id made here, one per address) to each address
 * of `to`, with no notices; in the caller's transaction. */
struct document;
int route_queue_document(struct engine *e, const struct recipient *to,
    struct document *d, time_t now, struct engine_stats *stats,
    struct error *err);

/* report.c: queue the periodic reports whose slot has come and that are
 * not made yet (in the pass's transaction); when the next slot comes. */
int engine_reports(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err);
time_t engine_reports_next(const struct engine *e, time_t now);

/* dispatch.c: commit the outcomes waiting in the open transaction */
bool engine_flush(struct engine *e);

#endif
