/* engine/dispatch: handing queued messages to the sender in batches,
 * committing their outcomes together, keeping them while the database
 * takes no writes, and telling admin of messages that failed for good. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "store/acks.h"
#include "base/clock.h"
#include "base/date.h"
#include "engine/engine.h"
#include "base/heap.h"
#include "base/log.h"
#include "conf/calendar.h"
#include "store/outbox.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/schedule.h"
#include "deliver/sender.h"
#include "engine/state.h"
#include "store/store.h"

#define BACKOFF_MIN_MS 1000	/* writing tried again after 1 s ... */
#define BACKOFF_MAX_MS 60000	/* ... doubling up to a minute */
#define TROUBLE_LOG_MS 60000	/* the cause logged once a minute */

/* The database would not take a write (full, read-only, locked past the
 * busy timeout): remember why, back off, say so once a minute. */
void
engine_trouble(struct engine *e, const char *why)
{
	int64_t now = clock_mono_ms();

	e->backoff_ms = e->backoff_ms == 0 ? BACKOFF_MIN_MS :
	    e->backoff_ms >= BACKOFF_MAX_MS / 2 ? BACKOFF_MAX_MS :
	    2 * e->backoff_ms;
	e->retry_ms = now + e->backoff_ms;
	snprintf(e->trouble, sizeof(e->trouble), "%.*s",
	    (int)sizeof(e->trouble) - 1, why);
	if (e->logged_ms == 0 || now - e->logged_ms >= TROUBLE_LOG_MS) {
		log_warnx("the database takes no writes: %s; %zu delivery "
		    "outcome(s) kept until it does, nothing new is sent", why,
		    e->nkept);
		e->logged_ms = now;
	}
}

/* The database took a write again. */
static void
trouble_over(struct engine *e, size_t written)
{
	if (e->trouble[0] != '\0')
		log_info("the database takes writes again: %zu kept outcome(s) "
		    "recorded", written);
	e->trouble[0] = '\0';
	e->backoff_ms = e->retry_ms = e->logged_ms = 0;
}

const char *
engine_trouble_line(const struct engine *e)
{
	return e->trouble[0] != '\0' ? e->trouble : NULL;
}

void
engine_trouble_clear(struct engine *e)
{
	if (e->nkept == 0)
		trouble_over(e, 0);
}

/* Whether writing waits out its back-off. */
static bool
backing_off(const struct engine *e)
{
	return e->trouble[0] != '\0' && clock_mono_ms() < e->retry_ms;
}

static void
keep(struct kept **v, size_t *n, size_t *cap, int64_t id,
    const struct outcome *o)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct kept){ id, *o };
}

/* A write of the open transaction failed: it will not commit. */
static void
tx_failed(struct engine *e, const char *why)
{
	e->tx_failed = true;
	snprintf(e->trouble_tx, sizeof(e->trouble_tx), "%.*s",
	    (int)sizeof(e->trouble_tx) - 1, why);
}

/* Fetch the next due messages that the sender takes now into the
 * backlog, marked sending in one transaction: committed before any of
 * them goes out, so that a crash from here on re-sends each at most once
 * more.  Only as many of each channel as the agent has room for: what is
 * marked is what goes to it at once, not a batch that waits behind it
 * (the others stay queued, fetched again as slots free). */
static int
fill_backlog(struct engine *e, time_t now, struct error *err)
{
	size_t i, room[CHAN_KINDS], any = 0;
	int rc;

	outbox_messages_free(e->backlog, e->nbacklog);
	e->backlog = NULL;
	e->head = e->nbacklog = 0;
	for (i = 0; i < CHAN_KINDS; i++)
		any += room[i] = sender_room(e->sender, (enum channel_kind)i);
	if (any == 0)
		return 0;
	if ((rc = outbox_due(e->st, now, room, &e->backlog, &e->nbacklog,
	    err)) != 0 || e->nbacklog == 0)
		return rc;
	if (e->tx) {
		/* The outcomes read this turn wait in an open transaction
		 * (engine_turn): the marks join them, one commit and one sync
		 * for both, which with one mail a connection
		 * (outgoing_window) is what a mail costs. */
		for (i = 0; i < e->nbacklog && rc == 0 && !e->tx_failed; i++)
			if ((rc = outbox_sending(e->st, e->backlog[i].id,
			    err)) != 0)
				tx_failed(e, err->msg);
		if (engine_flush(e))
			return 0;
		/* Not committed: the outcomes are kept and the trouble is
		 * noted (keep_all); only damage is the caller's to see. */
		if (rc != 0 && !store_damage_error(err))
			rc = 0;
		goto fail;
	}
	engine_flush(e);	/* admin told of what failed for good */
	if ((rc = outbox_begin(e->st, err)) != 0)
		goto fail;
	for (i = 0; i < e->nbacklog && rc == 0; i++)
		rc = outbox_sending(e->st, e->backlog[i].id, err);
	if (rc == 0 && (rc = outbox_commit(e->st, err)) == 0)
		return 0;
	outbox_rollback(e->st);
fail:
	outbox_messages_free(e->backlog, e->nbacklog);
	e->backlog = NULL;
	e->nbacklog = 0;
	return rc;
}

/* Messages go out inside the send window only.  Those due while it is
 * closed wait for its next opening, written in the outbox (`outbox`
 * shows it, engine_next sleeps until then): all that is due before it
 * when it is closed now (*closed; the backlog not handed over yet goes
 * back to the queue too), else what falls due between the window's close
 * and its next opening (a retry, a robot's rate limit). */
static int
hold_closed(struct engine *e, time_t now, bool *closed, struct error *err)
{
	const struct config *c = e->cfg;
	time_t from, until;
	char at[40];
	size_t n;
	int rc;

	calendar_closed_span(c->calendar, &c->schedule.window, now, &from,
	    &until);
	*closed = from <= now && now < until;
	if (from == until)
		return 0;
	if ((rc = outbox_hold(e->st, from, until, &n, err)) != 0)
		return rc;
	for (; *closed && e->head < e->nbacklog; e->head++, n++)
		if ((rc = outbox_defer(e->st, e->backlog[e->head].id, until,
		    err)) != 0)
			return rc;
	if (n > 0) {
		clock_format(until, at, sizeof(at));
		log_info("%zu message(s) wait for the send window, which opens "
		    "at %s", n, at);
	}
	return 0;
}

int
engine_send(struct engine *e, time_t now, size_t *started, struct error *err)
{
	time_t nb;
	bool closed;
	int rc = 0;

	if (started != NULL)
		*started = 0;
	if (e->dry_run)
		return 0;
	e->not_before = 0;
	/* While outcomes wait to be written, nothing new goes out: each
	 * would be one more outcome to keep. */
	if (e->nkept > 0 || backing_off(e))
		return 0;
	if ((rc = hold_closed(e, now, &closed, err)) != 0) {
		if (store_damage_error(err))
			return rc;
		engine_trouble(e, err->msg);
		return 0;
	}
	if (closed)
		return 0;
	for (;;) {
		if (e->head == e->nbacklog &&
		    (rc = fill_backlog(e, now, err)) != 0) {
			if (store_damage_error(err))
				return rc;
			engine_trouble(e, err->msg);
			return 0;
		}
		if (e->head == e->nbacklog && e->nbacklog == 0)
			return 0;
		while (e->head < e->nbacklog) {
			const struct message *m = &e->backlog[e->head];
			const struct webhook *w = engine_webhook(e, m->address);
			struct outgoing o = { m->id, m->channel, m->address,
			    w != NULL ? w->secret : NULL,
			    w != NULL ? w->tls_ca_file : NULL, m->ext_id,
			    m->payload, m->title, m->len };

			if (!sender_submit(e->sender, &o, now, &nb)) {
				/* A robot's rate limit: this one waits in the
				 * queue, the others go on.  Else the deliverer
				 * is full: the rest waits for a free slot. */
				if (nb <= now + 1)
					return 0;
				if ((rc = outbox_defer(e->st, m->id, nb, err)) != 0)
					return rc;
				if (e->not_before == 0 || nb < e->not_before)
					e->not_before = nb;
			} else if (started != NULL)
				(*started)++;
			e->head++;
		}
	}
}

int
engine_fds(struct engine *e, struct pollfd *fds, int max, int *timeout_ms)
{
	/* Outcomes are committed in the turn that reads them (engine_run):
	 * no timer for them. */
	return sender_fds(e->sender, fds, max, timeout_ms);
}

/* Tell admin that a message to someone else failed for good: a notice
 * of its own (route_queue_failure), in a transaction of its own.  Each
 * such message comes here once, its outcome committed: counted. */
static void
tell_admin(struct engine *e, int64_t id, time_t now)
{
	struct error err;
	int rc;

	e->failed++;
	if ((rc = outbox_begin(e->st, &err)) != 0)
		goto out;
	if ((rc = route_queue_failure(e, id, now, &err)) == 0)
		rc = outbox_commit(e->st, &err);
	if (rc != 0) {
		outbox_rollback(e->st);
		engine_forget(e);
	}
out:
	if (rc != 0)
		log_warnx("cannot tell admin about message %lld: %s",
		    (long long)id, err.msg);
}

/* Write outcome o of message id, and note what it means (a mail sent,
 * a message failed for good, for admin). */
static int
record(struct engine *e, int64_t id, const struct outcome *o,
    struct error *err)
{
	struct message *m;
	char *about;
	bool gave_up;

	if (outbox_result(e->st, id, o, e->now, &gave_up, err) != 0 ||
	    outbox_message(e->st, id, &m, err) != 0)
		return -1;
	about = m != NULL ? route_about(m) : xstrdup("?");
	outbox_messages_free(m, m != NULL ? 1 : 0);
	if (o->kind == OUTCOME_SENT) {
		log_info("message %lld sent to %s", (long long)id, about);
		e->sent = xgrow(e->sent, &e->sent_cap, e->nsent + 1,
		    sizeof(*e->sent));
		e->sent[e->nsent++] = (struct sent){ id, e->now };
	} else if (gave_up) {
		log_warnx("message %lld to %s failed for good: %s",
		    (long long)id, about, o->error);
		e->gave_up = xgrow(e->gave_up, &e->gave_up_cap, e->ngave_up + 1,
		    sizeof(*e->gave_up));
		e->gave_up[e->ngave_up++] = id;
	} else
		log_info("message %lld to %s will be retried: %s", (long long)id,
		    about, o->error);
	free(about);
	return 0;
}

/* A transaction that did not commit: its outcomes are kept, what was
 * noted of them forgotten (the engine reloads what it knows). */
static void
keep_all(struct engine *e, const char *why)
{
	outbox_rollback(e->st);
	engine_forget(e);
	e->ngave_up = 0;
	for (size_t i = 0; i < e->ntxo; i++)
		keep(&e->kept, &e->nkept, &e->kept_cap, e->txo[i].id,
		    &e->txo[i].o);
	e->ntxo = 0;
	engine_trouble(e, why);
}

/* Write the kept outcomes in one transaction, once the back-off allows
 * (at once when the daemon stops: a last chance). */
static void
write_kept(struct engine *e, bool last)
{
	struct error err;
	size_t i, n = e->nkept;

	if (n == 0 || (!last && backing_off(e)))
		return;
	if (outbox_begin(e->st, &err) != 0) {
		engine_trouble(e, err.msg);
		return;
	}
	for (i = 0; i < n; i++)
		if (record(e, e->kept[i].id, &e->kept[i].o, &err) != 0)
			break;
	if (i < n || outbox_commit(e->st, &err) != 0) {
		outbox_rollback(e->st);
		engine_forget(e);
		e->ngave_up = 0;
		engine_trouble(e, err.msg);
		return;
	}
	e->nkept = 0;
	trouble_over(e, n);
	for (i = 0; i < e->ngave_up; i++)
		tell_admin(e, e->gave_up[i], e->now);
	e->ngave_up = 0;
}

/* Commit the outcomes waiting in the open transaction, then tell admin
 * about the messages that failed for good.  A commit that fails keeps
 * them (write_kept): false then. */
bool
engine_flush(struct engine *e)
{
	struct error err;
	bool ok = true;
	size_t i;

	if (e->tx) {
		e->tx = false;
		if (e->tx_failed)
			ok = false, keep_all(e, e->trouble_tx);
		else if (outbox_commit(e->st, &err) != 0)
			ok = false, keep_all(e, err.msg);
		e->ntxo = 0;
		e->tx_failed = false;
	}
	for (i = 0; i < e->ngave_up; i++)
		tell_admin(e, e->gave_up[i], e->now);
	e->ngave_up = 0;
	return ok;
}

/* One finished delivery: written in a transaction begun by the first
 * outcome of engine_run's turn, kept while the database takes no writes
 * (a begin that fails, or outcomes kept from before). */
static void
delivered(void *arg, int64_t id, const struct outcome *o)
{
	struct engine *e = arg;
	struct error err;

	if (!e->tx && e->nkept == 0 && !backing_off(e)) {
		if (outbox_begin(e->st, &err) == 0)
			e->tx = true;
		else
			engine_trouble(e, err.msg);
	}
	if (!e->tx) {
		keep(&e->kept, &e->nkept, &e->kept_cap, id, o);
		return;
	}
	keep(&e->txo, &e->ntxo, &e->txo_cap, id, o);
	if (!e->tx_failed && record(e, id, o, &err) != 0)
		tx_failed(e, err.msg);
}

/* Read the finished deliveries: their outcomes wait in a transaction
 * left open (delivered). */
static void
read_outcomes(struct engine *e, time_t now)
{
	e->now = now;
	write_kept(e, false);
	sender_run(e->sender, delivered, e);
}

void
engine_run(struct engine *e, time_t now)
{
	read_outcomes(e, now);
	engine_flush(e);
}

/* Outcomes are committed in the turn that reads them, together (what one
 * wake-up brought: many under load, one from a slow peer), so that a
 * message the peer took is recorded before its connection is far into
 * the next: a crash re-sends what was on the wire, not the last 100 ms
 * besides.  The next messages' marks join that commit (fill_backlog).
 * The write lock is held only for this. */
int
engine_turn(struct engine *e, time_t now, size_t *started, struct error *err)
{
	int rc;

	read_outcomes(e, now);
	/* Admin's word of a message that failed for good is queued only
	 * once its outcome is committed: first, so that it goes now too. */
	if (e->ngave_up > 0)
		engine_flush(e);
	rc = engine_send(e, now, started, err);
	engine_flush(e);
	return rc;
}

size_t
engine_kept(const struct engine *e)
{
	return e->nkept;
}

size_t
engine_kept_last(struct engine *e)
{
	if (e->nkept == 0)
		return 0;
	write_kept(e, true);
	if (e->nkept > 0)
		log_warnx("%zu delivery outcome(s) could not be recorded (%s): "
		    "their messages may go out again at the next start",
		    e->nkept, e->trouble);
	return e->nkept;
}

size_t
engine_failed(const struct engine *e)
{
	return e->failed;
}

size_t
engine_busy(const struct engine *e)
{
	return sender_busy(e->sender) + (e->nbacklog - e->head);
}

time_t
engine_next(struct engine *e, time_t now)
{
	struct error err;
	time_t t = heap_first(&e->reminders), esc = heap_first(&e->escalations),
	    retry = 0;
	bool busy = engine_busy(e) > 0;

	if (esc != 0 && (t == 0 || esc < t))
		t = esc;
	if ((esc = engine_reports_next(e, now)) != 0 && (t == 0 || esc < t))
		t = esc;
	/* The database takes no writes: nothing is worth waking for before
	 * writing is tried again (a pass would fail, a send would wait). */
	if (e->trouble[0] != '\0') {
		time_t r = now + (time_t)((e->retry_ms - clock_mono_ms() + 999) / 1000);

		return r > now ? r : now + 1;
	}
	/* Queued messages already due wait for a free slot while others
	 * are in flight: the outcome that frees one wakes the loop (the
	 * agent's socket), so they are no time to wake for; a wake-up set
	 * for them would lie in the past and fire at once, over and over.
	 * With nothing in flight something kept them from starting (the
	 * database): like anything else overdue here, a pass that failed,
	 * they are tried again in a second.  A dry run sends nothing. */
	if (!e->dry_run && outbox_next(e->st, busy ? now : 0, &retry, &err) != 0)
		log_warnx("%s", err.msg);
	if (retry != 0 && (t == 0 || retry < t))
		t = retry;
	if (e->not_before != 0 && (t == 0 || e->not_before < t))
		t = e->not_before;
	return t != 0 && t <= now ? now + 1 : t;
}

size_t
engine_queued(struct engine *e)
{
	size_t counts[5] = { 0, 0, 0, 0, 0 };
	struct error err;

	if (outbox_counts(e->st, counts, &err) != 0)
		log_warnx("%s", err.msg);
	return counts[0] + counts[1];
}

