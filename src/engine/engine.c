/* engine: the pass (schedule -> notices; route.c turns them into digests
 * and queued messages) and the engine's life; dispatch.c hands what is
 * queued to the sender.  State lives in the outbox; the engine
 * keeps only what a pass found about the future (the next trigger) and
 * the sender's messages in flight. */
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
#include "store/notice_keys.h"
#include "store/outbox.h"
#include "conf/load.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/schedule.h"
#include "deliver/sender.h"
#include "engine/state.h"

/* Webhooks by URL, for qsort; a URL against a webhook, for bsearch. */
static int
cmp_hook(const void *a, const void *b)
{
	return strcmp((*(const struct webhook *const *)a)->url,
	    (*(const struct webhook *const *)b)->url);
}

static int
cmp_url(const void *url, const void *hook)
{
	return strcmp(url, (*(const struct webhook *const *)hook)->url);
}

/* Index the configured webhooks by URL: the outbox stores the URL, never
 * the secret, and the CA file goes with the configuration too. */
static void
index_hooks(struct engine *e)
{
	const struct recipient *r;
	size_t i, k, cap = 0;

	free(e->hooks);
	e->hooks = NULL;
	e->nhooks = 0;
	for (i = 0; i <= e->cfg->nunits + 1; i++) {
		r = i < e->cfg->nunits ? &e->cfg->units[i] :
		    i == e->cfg->nunits ? &e->cfg->admin : &e->cfg->supervisors;
		for (k = 0; k < r->nwebhooks; k++) {
			e->hooks = xgrow(e->hooks, &cap, e->nhooks + 1,
			    sizeof(*e->hooks));
			e->hooks[e->nhooks++] = &r->webhooks[k];
		}
	}
	if (e->nhooks > 1)
		qsort(e->hooks, e->nhooks, sizeof(*e->hooks), cmp_hook);
}

/* The webhook configured for a URL, or NULL. */
const struct webhook *
engine_webhook(const struct engine *e, const char *url)
{
	const struct webhook *const *x;

	x = e->nhooks > 0 ? bsearch(url, e->hooks, e->nhooks,
	    sizeof(*e->hooks), cmp_url) : NULL;
	return x != NULL ? *x : NULL;
}

struct engine *
engine_new(const struct config *cfg, struct store *st, bool dry_run)
{
	struct engine *e = xcalloc(1, sizeof(*e));

	e->cfg = cfg;
	e->st = st;
	e->dry_run = dry_run;
	e->sender = sender_new(cfg);
	index_hooks(e);
	heap_init(&e->reminders, sizeof(struct item_due));
	heap_init(&e->escalations, sizeof(struct esc_due));
	return e;
}

bool
engine_check_due(time_t checked, time_t now)
{
	return checked == 0 || now < checked ||
	    now - checked >= ENGINE_CHECK_EVERY;
}

/* Drop the escalation candidates: the next pass loads them again. */
static void
forget_candidates(struct engine *e)
{
	struct esc_due x;

	e->esc_loaded = false;
	while (heap_pop_due(&e->escalations, (time_t)INT64_MAX, &x))
		free(x.unit);
}

/* Drop what the passes kept: the next pass reads everything again. */
void
engine_forget(struct engine *e)
{
	e->loaded = false;
	plans_free(e->plans, e->nplans);
	e->plans = NULL;
	e->nplans = 0;
	free(e->w);
	e->w = NULL;
	e->nw = 0;
	free(e->items);
	e->items = NULL;
	e->nitems = 0;
	answers_free(e->answers);
	e->answers = NULL;
	request_set_free(e->requests);
	e->requests = NULL;
	pause_set_free(e->pauses);
	e->pauses = NULL;
	heap_clear(&e->reminders);
	forget_candidates(e);
	e->nsent = 0;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	engine_flush(e);
	engine_forget(e);
	outbox_messages_free(e->backlog, e->nbacklog);
	free(e->hooks);
	heap_free(&e->reminders);
	heap_free(&e->escalations);
	free(e->sent);
	free(e->gave_up);
	free(e->txo);
	free(e->kept);
	sender_free(e->sender);
	free(e);
}

void
engine_set_config(struct engine *e, const struct config *cfg)
{
	/* The sender points into the old configuration: replace it;
	 * the schedule may have changed: start over. */
	sender_free(e->sender);
	e->cfg = cfg;
	e->sender = sender_new(cfg);
	index_hooks(e);
	engine_forget(e);
}

static int
cmp_where(const void *a, const void *b)
{
	const struct where *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* An index of the loaded plans' measures by id. */
static struct where *
index_measures(struct plan **plans, size_t nplans, size_t *n)
{
	struct where *w;
	size_t count = 0, p, t, k;

	for (p = 0; p < nplans; p++)
		count += plan_measure_count(plans[p]);
	w = xcalloc(count, sizeof(*w));
	*n = 0;
	for (p = 0; p < nplans; p++)
		for (t = 0; t < plans[p]->ntasks; t++)
			for (k = 0; k < plans[p]->tasks[t].nmeasures; k++) {
				w[*n] = (struct where){ plans[p]->tasks[t].measures[k].id,
				    plans[p], &plans[p]->tasks[t],
				    &plans[p]->tasks[t].measures[k] };
				(*n)++;
			}
	if (*n > 1)
		qsort(w, *n, sizeof(*w), cmp_where);
	return w;
}

const struct where *
engine_find_measure(const struct where *w, size_t n, int64_t id)
{
	struct where key = { id, NULL, NULL, NULL };

	return n > 0 ? bsearch(&key, w, n, sizeof(*w), cmp_where) : NULL;
}

/* What the schedule asks about one measure and unit. */
struct answer_arg {
	const struct answers *answers;
	const struct request_set *requests;
	int64_t measure_id;
	const char *unit;
};

/* The unit's answer for the occurrence due on `due`. */
static enum answer
unit_answer(void *arg, int due)
{
	const struct answer_arg *a = arg;

	return answers_effective(a->answers, a->requests, a->measure_id,
	    a->unit, due);
}

/* The unit's due date of the occurrence due on `due`. */
static int
unit_due(void *arg, int due)
{
	const struct answer_arg *a = arg;

	return request_set_due(a->requests, a->measure_id, a->unit, due);
}

/* When the unit last reported progress on the occurrence due on `due`. */
static time_t
unit_reported(void *arg, int due)
{
	const struct answer_arg *a = arg;

	return answers_reported(a->answers, a->measure_id, a->unit, due);
}

/* Index the loaded plans' items into e->items and put every one in the
 * reminders' heap, due for a look at the next pass; both are counted
 * first and sized to fit (a large plan has hundreds of thousands). */
static int
index_items(struct engine *e, struct error *err)
{
	const struct plan_task *tk;
	size_t p, t, k, u, count = 0;

	for (p = 0; p < e->nplans; p++)
		for (t = 0; t < e->plans[p]->ntasks; t++)
			for (k = 0; k < e->plans[p]->tasks[t].nmeasures; k++)
				count += e->plans[p]->tasks[t].measures[k].nunits;
	if (e->nplans > UINT32_MAX || count > UINT32_MAX)
		return error_set(err, EXIT_SOFTWARE, "%zu plans with %zu "
		    "items: too many to index", e->nplans, count);
	e->items = xcalloc(count, sizeof(*e->items));
	heap_reserve(&e->reminders, count);
	for (p = 0; p < e->nplans; p++)
	for (t = 0; t < e->plans[p]->ntasks; t++)
	for (k = 0, tk = &e->plans[p]->tasks[t]; k < tk->nmeasures; k++)
	for (u = 0; u < tk->measures[k].nunits; u++) {
		struct item_due d = { 0, 0, e->nitems };

		e->items[e->nitems++] = (struct item){ &tk->measures[k],
		    (uint32_t)p, (uint32_t)u };
		heap_push(&e->reminders, &d);
	}
	return 0;
}

/* Load the plans unless those loaded are current, and index their items;
 * every item is then due for a look at the next pass. */
int
engine_load_plans(struct engine *e, struct error *err)
{
	int64_t gen;
	int rc;

	if ((rc = store_generation(e->st, &gen, err)) != 0)
		return rc;
	if (e->loaded && gen == e->gen)
		return 0;
	plans_free(e->plans, e->nplans);
	free(e->w);
	free(e->items);
	e->plans = NULL;
	e->w = NULL;
	e->items = NULL;
	e->nplans = e->nw = e->nitems = 0;
	heap_clear(&e->reminders);
	e->loaded = false;
	if ((rc = store_load_plans(e->st, e->cfg, &e->plans, &e->nplans, err)) != 0)
		return rc;
	e->w = index_measures(e->plans, e->nplans, &e->nw);
	if ((rc = index_items(e, err)) != 0)
		return rc;
	e->cold = true;
	e->gen = gen;
	e->loaded = true;
	return 0;
}

/* Reload the answers if the log has grown. */
static int
load_answers(struct engine *e, struct error *err)
{
	bool changed;
	int rc;

	if ((rc = acks_changed(e->st, e->answers, &changed, err)) != 0 || !changed)
		return rc;
	answers_free(e->answers);
	e->answers = NULL;
	return acks_load(e->st, &e->answers, err);
}

/* Look at every item again from the start at the next pass. */
static void
look_again(struct engine *e)
{
	heap_clear(&e->reminders);
	for (size_t i = 0; i < e->nitems; i++) {
		struct item_due d = { 0, 0, i };

		heap_push(&e->reminders, &d);
	}
	e->cold = true;
}

/* Reload the requests if one was made or decided since; then every
 * item is looked at again from the start (a moved due date, a returned
 * completion: its notices are no longer those the heap expects; the
 * outbox's key keeps those recorded from being recorded twice). */
static int
load_requests(struct engine *e, struct error *err)
{
	bool changed, first = e->requests == NULL;
	int rc;

	if ((rc = request_set_changed(e->st, e->requests, &changed, err)) != 0 ||
	    !changed)
		return rc;
	request_set_free(e->requests);
	e->requests = NULL;
	if ((rc = request_set_load(e->st, &e->requests, err)) != 0 || first)
		return rc;
	look_again(e);
	return 0;
}

/* Reload the pauses if one was added or ended since; then, as for a
 * request, every item is looked at again from the start, and the
 * escalation candidates (a paused one's waits for its pause's end) are
 * loaded again. */
static int
load_pauses(struct engine *e, struct error *err)
{
	bool changed, first = e->pauses == NULL;
	int rc;

	if ((rc = pause_set_changed(e->st, e->pauses, &changed, err)) != 0 ||
	    !changed)
		return rc;
	pause_set_free(e->pauses);
	e->pauses = NULL;
	if ((rc = pause_set_load(e->st, &e->pauses, err)) != 0 || first)
		return rc;
	look_again(e);
	forget_candidates(e);
	return 0;
}

bool
engine_replan_due(struct engine *e)
{
	struct error err;
	bool paused = false, requested = false;

	/* Before a first pass (or after one that failed) the next loads
	 * everything anyway. */
	if (!e->loaded || e->pauses == NULL || e->requests == NULL)
		return false;
	if (pause_set_changed(e->st, e->pauses, &paused, &err) != 0 ||
	    request_set_changed(e->st, e->requests, &requested, &err) != 0) {
		log_warnx("%s", err.msg);
		return false;
	}
	return paused || requested;
}

/* When the pause of (measure_id, unit) in force at now ends, or 0 when
 * the item is not paused.  It ends when the send window first opens on
 * or after its date, as the notices of that day trigger: looked at
 * sooner (at midnight, or on a weekend date), the item would send the
 * notice current the evening before, stale by morning. */
static time_t
paused_until(const struct engine *e, int64_t measure_id, const char *unit,
    time_t now)
{
	const struct pause_row *p = pause_set_find(e->pauses, measure_id, unit,
	    DATE_NONE);
	time_t end;

	if (p == NULL)
		return 0;
	end = calendar_trigger(e->cfg->calendar, &e->cfg->schedule.window,
	    p->until);
	return now < end ? end : 0;
}

void
engine_hold(struct engine *e, time_t from, time_t until)
{
	e->hold_from = from;
	e->hold_until = until;
}

/* Whether a notice of this stage falling due at `trigger` waits, at now,
 * for the clock to hold (engine_hold). */
static bool
held(const struct engine *e, enum stage stage, time_t trigger, time_t now)
{
	return now < e->hold_until && trigger > e->hold_from &&
	    (stage == STAGE_OVERDUE || stage == STAGE_ESCALATION ||
	    stage == STAGE_BEHIND);
}

/* Record the notices the schedule gives for every item whose time has
 * come, and when to look at it again. */
static int
record_notices(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct sched_notice out[64];
	struct notice_keys *known = NULL;
	struct item_due d;
	size_t i, n;
	bool added;
	int rc = 0;

	/* Looking at every item from the start gives each one's past
	 * notices again, most of them stored: one read of the stored keys
	 * costs less than asking the database about each. */
	if (e->cold && (rc = outbox_notice_keys(e->st, &known, err)) != 0)
		return rc;
	e->cold = false;
	while (rc == 0 && heap_pop_due(&e->reminders, now, &d)) {
		const struct item *it = &e->items[d.item];
		const struct unit_ref *pu = &it->m->units[it->unit];
		struct answer_arg aa = { e->answers, e->requests, it->m->id,
		    pu->name };
		struct sched_item si = { it->m->deadline,
		    e->plans[it->plan]->year,
		    pu->role, unit_answer, unit_due, unit_reported, &aa };
		time_t next = 0, wait = 0, resume;

		/* A paused item is looked at again when its pause ends,
		 * from where its last look left off: then, of what fell due
		 * meanwhile, the notice current goes out and the rest are
		 * recorded as missed, as after a stop of the daemon. */
		if ((resume = paused_until(e, it->m->id, pu->name, now)) != 0) {
			d.at = resume;
			heap_push(&e->reminders, &d);
			continue;
		}
		n = schedule_item(e->cfg, &si, now, out, ARRAY_LEN(out), &next);
		for (i = 0; i < n && rc == 0; i++) {
			struct notice_new nn = { it->m->id, pu->name, pu->role,
			    &out[i] };

			/* The item's last look recorded every notice before
			 * d.from, and none falls between that look and
			 * d.from: those are stored already. */
			if (d.from != 0 && out[i].trigger < d.from)
				continue;
			if (held(e, out[i].stage, out[i].trigger, now)) {
				if (wait == 0 || out[i].trigger < wait)
					wait = out[i].trigger;
				continue;
			}
			if (known != NULL && notice_keys_known(known, &nn))
				continue;
			rc = outbox_add_notice(e->st, &nn, now, &added, err);
			if (added) {
				stats->notices++;
				stats->skipped += !out[i].current;
			}
		}
		/* What waits is looked at again when the hold ends, from
		 * the first that waits. */
		if (wait != 0) {
			d.at = next != 0 && next < e->hold_until ? next :
			    e->hold_until;
			d.from = wait;
			heap_push(&e->reminders, &d);
		} else if (next != 0) {
			d.at = d.from = next;
			heap_push(&e->reminders, &d);
		}
	}
	notice_keys_free(known);
	return rc;
}

/* Queue an escalation candidate: an item a notice went out for at
 * first_sent. */
static void
add_candidate(struct engine *e, int64_t measure_id, const char *unit,
    enum role role, int due, time_t first_sent)
{
	struct esc_due x = { 0, 0, measure_id, NULL, role, due };

	/* Never, when escalations are off. */
	if (!schedule_escalation_due(e->cfg, first_sent, first_sent, &x.at) &&
	    x.at == 0)
		return;
	x.trigger = x.at;
	x.unit = xstrdup(unit);
	heap_push(&e->escalations, &x);
}

/* The escalation candidates: all of them from the database at the first
 * pass, then the items of the messages sent since the last one. */
static int
load_candidates(struct engine *e, struct error *err)
{
	struct silent *v = NULL;
	struct pending *p = NULL;
	char *recipient = NULL;
	size_t n = 0, i, k;
	int rc = 0;

	if (!e->esc_loaded) {
		if ((rc = outbox_silent(e->st, &v, &n, err)) != 0)
			return rc;
		for (i = 0; i < n; i++)
			add_candidate(e, v[i].measure_id, v[i].unit, v[i].role,
			    v[i].due, v[i].first_sent);
		outbox_silent_free(v, n);
		e->esc_loaded = true;
		e->nsent = 0;
		return 0;
	}
	for (i = 0; i < e->nsent && rc == 0; i++) {
		if ((rc = outbox_message_notices(e->st, e->sent[i].id,
		    &recipient, &p, &n, err)) != 0)
			break;
		for (k = 0; k < n; k++)
			if (p[k].stage == STAGE_LEAD || p[k].stage == STAGE_DUE ||
			    p[k].stage == STAGE_OVERDUE)
				add_candidate(e, p[k].measure_id, p[k].unit,
				    p[k].role, p[k].due, e->sent[i].at);
		outbox_pending_free(p, n);
		free(recipient);
		recipient = NULL;
	}
	e->nsent = 0;
	return rc;
}

/* Record an escalation for every item still unanswered escalate_after_days
 * working days after its first notice went out; the notice's unique key
 * makes it one per item (a candidate reached twice is recorded once).
 * The unit is the silent one: routing sends it to the others. */
static int
record_escalations(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct esc_due x;
	struct heap wait;
	bool added;
	int rc = 0;

	heap_init(&wait, sizeof(x));
	while (rc == 0 && heap_pop_due(&e->escalations, now, &x)) {
		struct sched_notice sn = { x.due, STAGE_ESCALATION, 0, x.trigger,
		    true };
		struct notice_new nn = { x.measure_id, x.unit, x.role, &sn };
		time_t resume;

		/* Due only by a jump of the clock: again when the hold
		 * ends; a paused item's, when its pause ends. */
		if (held(e, STAGE_ESCALATION, x.trigger, now)) {
			x.at = e->hold_until;
			heap_push(&wait, &x);
			continue;
		}
		if ((resume = paused_until(e, x.measure_id, x.unit, now)) != 0) {
			x.at = resume;
			heap_push(&wait, &x);
			continue;
		}
		/* A retired measure is chased no more. */
		if (engine_find_measure(e->w, e->nw, x.measure_id) != NULL &&
		    answers_effective(e->answers, e->requests, x.measure_id,
		    x.unit, x.due) == ANSWER_NONE) {
			rc = outbox_add_notice(e->st, &nn, now, &added, err);
			if (added)
				stats->notices++;
		}
		free(x.unit);
	}
	/* The waiting ones go back into the heap. */
	while (heap_pop_due(&wait, (time_t)INT64_MAX, &x))
		heap_push(&e->escalations, &x);
	heap_free(&wait);
	return rc;
}

int
engine_pass(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct pending *pend = NULL;
	struct batch *b = NULL;
	size_t np = 0, nb = 0, i;
	int rc;

	memset(stats, 0, sizeof(*stats));
	engine_flush(e);
	/* The heaps say what falls due after the last pass's clock; a clock
	 * set back since (one that ran ahead, put right) has all of that
	 * before it again: look at every item. */
	if (now < e->last_pass) {
		engine_forget(e);
		e->hold_until = 0;
	}
	if ((rc = outbox_begin(e->st, err)) != 0)
		return rc;
	if ((rc = engine_load_plans(e, err)) != 0 ||
	    (rc = load_answers(e, err)) != 0 ||
	    (rc = load_requests(e, err)) != 0 ||
	    (rc = load_pauses(e, err)) != 0 ||
	    (rc = load_candidates(e, err)) != 0 ||
	    (rc = record_notices(e, now, stats, err)) != 0 ||
	    (rc = record_escalations(e, now, stats, err)) != 0 ||
	    (rc = outbox_pending(e->st, &pend, &np, err)) != 0)
		goto fail;
	b = route_make_batches(e, pend, np, e->w, e->nw, &nb, stats);
	for (i = 0; i < nb && rc == 0; i++)
		rc = route_queue_batch(e, &b[i], pend, e->w, e->nw, now, stats, err);
	if (rc != 0 || (rc = engine_reports(e, now, stats, err)) != 0)
		goto fail;
	/* A dry run renders and logs everything, and keeps nothing: not
	 * even what it took off the heaps. */
	if (e->dry_run) {
		outbox_rollback(e->st);
		engine_forget(e);
	} else if ((rc = outbox_commit(e->st, err)) != 0)
		engine_forget(e);
	else
		e->last_pass = now;
	goto out;
fail:
	outbox_rollback(e->st);
	engine_forget(e);
out:
	for (i = 0; i < nb; i++)
		free(b[i].idx);
	free(b);
	outbox_pending_free(pend, np);
	return rc;
}


void
engine_board(struct engine *e, time_t now)
{
	struct board_cell *cells = NULL;
	size_t ncells = 0, counts[CELL_STATES] = { 0 }, msgs[5], a, i;
	struct dl_rules rules;
	int today = clock_local_day(now);
	struct error err;

	if (!e->loaded || e->dry_run)
		return;
	if (outbox_counts(e->st, msgs, &err) != 0 ||
	    acks_count_all(e->st, &a, &err) != 0)
		goto fail;
	if (e->board.at != 0 && e->board.gen == e->gen &&
	    e->board.answers == (int64_t)a && e->board.today == today &&
	    (e->board.sent == (int64_t)msgs[2] || now - e->board.at < 60))
		return;
	engine_flush(e);
	rules = config_deadline_rules(e->cfg);
	if (acks_board(e->st, e->plans, e->nplans, today, &rules, &cells,
	    &ncells, &err) != 0)
		goto fail;
	schedule_mark_behind(e->cfg, cells, ncells, today);
	if (pauses_mark_board(e->st, cells, ncells, today, &err) != 0) {
		acks_board_free(cells, ncells);
		goto fail;
	}
	for (i = 0; i < ncells; i++)
		counts[cells[i].state]++;
	acks_board_free(cells, ncells);
	if (acks_set_board_counts(e->st, counts, ARRAY_LEN(counts), now,
	    &err) != 0)
		goto fail;
	e->board.gen = e->gen;
	e->board.answers = (int64_t)a;
	e->board.sent = (int64_t)msgs[2];
	e->board.today = today;
	e->board.at = now;
	return;
fail:
	log_warnx("board counts: %s", err.msg);
}
