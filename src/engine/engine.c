/* engine: a pass (schedule -> notices -> digests -> queued messages) and
 * the sending of queued messages.  State lives in the outbox; the engine
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
#include "store/outbox.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/schedule.h"
#include "deliver/sender.h"

/* Outcomes of deliveries are committed together once the oldest has
 * waited this long (or when nothing is left in flight): one sync for a
 * burst, not one per message.  A crash in between re-sends those, as it
 * would any message in flight. */
#define FLUSH_MS 100
/* Messages are marked sending in batches of this many times the
 * deliverer's concurrency (what it takes at once: 8 a slot), one
 * transaction each, then handed over as it takes them: a commit per few
 * dozen messages rather than one per message, while what a crash could
 * re-send stays a small multiple of what is in flight anyway. */
#define SEND_BATCH 8

/* WeCom's limit on a markdown message; the other robots take more, but
 * a digest that long is better read in parts anyway. */
#define WECOM_MAX 4096
#define ROBOT_MAX 16384

/* Where a measure stands in the loaded plans. */
struct where {
	int64_t id;
	const struct plan *plan;
	const struct plan_task *task;
	const struct plan_measure *measure;
};

/* One item of the loaded plans: a measure for one of its units. */
struct item {
	const struct plan *plan;
	const struct plan_measure *m;
	size_t unit;
};

/* When an item is next to be looked at (a record of e->reminders). */
struct item_due {
	time_t at;
	size_t item;
};

/* An item a notice went out for, to escalate at `at` unless answered by
 * then (a record of e->escalations). */
struct esc_due {
	time_t at;
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
	int64_t gen;
	struct plan **plans;
	size_t nplans;
	struct where *w;
	size_t nw;
	struct item *items;
	size_t nitems;
	struct answers *answers;
	struct heap reminders;	/* struct item_due */
	bool esc_loaded;
	struct heap escalations;	/* struct esc_due */
	struct sent *sent;
	size_t nsent, sent_cap;
	int64_t *gave_up;	/* messages failed for good, to tell admin */
	size_t ngave_up, gave_up_cap;

	/* Messages marked sending (committed) that the deliverer has not
	 * taken yet: backlog[head..n). */
	struct message *backlog;
	size_t head, nbacklog;
	bool tx;		/* outcomes wait in an open transaction */
	int64_t tx_since;	/* since (clock_mono_ms) */
	/* Webhook secrets by URL, sorted for bsearch. */
	struct secret *secrets;
	size_t nsecrets;
};

static void flush(struct engine *e);

/* A webhook's secret, by its URL. */
struct secret {
	const char *url;
	const char *secret;
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

static int
cmp_secret(const void *a, const void *b)
{
	return strcmp(((const struct secret *)a)->url,
	    ((const struct secret *)b)->url);
}

/* Index the configured webhooks' secrets by URL (the outbox stores the
 * URL, never the secret). */
static void
index_secrets(struct engine *e)
{
	const struct recipient *r;
	size_t i, k, cap = 0;

	free(e->secrets);
	e->secrets = NULL;
	e->nsecrets = 0;
	for (i = 0; i <= e->cfg->nunits; i++) {
		r = i < e->cfg->nunits ? &e->cfg->units[i] : &e->cfg->admin;
		for (k = 0; k < r->nwebhooks; k++) {
			e->secrets = xgrow(e->secrets, &cap, e->nsecrets + 1,
			    sizeof(*e->secrets));
			e->secrets[e->nsecrets++] = (struct secret){
			    r->webhooks[k].url, r->webhooks[k].secret };
		}
	}
	if (e->nsecrets > 1)
		qsort(e->secrets, e->nsecrets, sizeof(*e->secrets), cmp_secret);
}

/* The secret configured for a webhook URL, or NULL. */
static const char *
webhook_secret(const struct engine *e, const char *url)
{
	struct secret key = { url, NULL }, *x;

	x = e->nsecrets > 0 ? bsearch(&key, e->secrets, e->nsecrets,
	    sizeof(*e->secrets), cmp_secret) : NULL;
	return x != NULL ? x->secret : NULL;
}

struct engine *
engine_new(const struct config *cfg, struct store *st, bool dry_run)
{
	struct engine *e = xcalloc(1, sizeof(*e));

	e->cfg = cfg;
	e->st = st;
	e->dry_run = dry_run;
	e->sender = sender_new(cfg);
	index_secrets(e);
	heap_init(&e->reminders, sizeof(struct item_due));
	heap_init(&e->escalations, sizeof(struct esc_due));
	return e;
}

/* Drop what the passes kept: the next pass reads everything again. */
static void
forget(struct engine *e)
{
	struct esc_due x;

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
	heap_clear(&e->reminders);
	e->esc_loaded = false;
	while (heap_pop_due(&e->escalations, (time_t)INT64_MAX, &x))
		free(x.unit);
	e->nsent = 0;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	flush(e);
	forget(e);
	outbox_messages_free(e->backlog, e->nbacklog);
	free(e->secrets);
	heap_free(&e->reminders);
	heap_free(&e->escalations);
	free(e->sent);
	free(e->gave_up);
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
	index_secrets(e);
	forget(e);
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
	struct where *w = NULL;
	size_t cap = 0, p, t, k;

	*n = 0;
	for (p = 0; p < nplans; p++)
		for (t = 0; t < plans[p]->ntasks; t++)
			for (k = 0; k < plans[p]->tasks[t].nmeasures; k++) {
				w = xgrow(w, &cap, *n + 1, sizeof(*w));
				w[*n] = (struct where){ plans[p]->tasks[t].measures[k].id,
				    plans[p], &plans[p]->tasks[t],
				    &plans[p]->tasks[t].measures[k] };
				(*n)++;
			}
	if (*n > 1)
		qsort(w, *n, sizeof(*w), cmp_where);
	return w;
}

static const struct where *
find_measure(const struct where *w, size_t n, int64_t id)
{
	struct where key = { id, NULL, NULL, NULL };

	return n > 0 ? bsearch(&key, w, n, sizeof(*w), cmp_where) : NULL;
}

/* What the schedule asks about one measure and unit. */
struct answer_arg {
	const struct answers *answers;
	int64_t measure_id;
	const char *unit;
};

/* The unit's answer for the occurrence due on `due`. */
static enum answer
unit_answer(void *arg, int due)
{
	const struct answer_arg *a = arg;

	return answers_get(a->answers, a->measure_id, a->unit, due);
}

/* Load the plans unless those loaded are current, and index their items;
 * every item is then due for a look at the next pass. */
static int
load_plans(struct engine *e, struct error *err)
{
	int64_t gen;
	size_t p, t, k, u, cap = 0;
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
	if ((rc = store_load_plans(e->st, &e->plans, &e->nplans, err)) != 0)
		return rc;
	e->w = index_measures(e->plans, e->nplans, &e->nw);
	for (p = 0; p < e->nplans; p++)
	for (t = 0; t < e->plans[p]->ntasks; t++)
	for (k = 0; k < e->plans[p]->tasks[t].nmeasures; k++)
	for (u = 0; u < e->plans[p]->tasks[t].measures[k].nunits; u++) {
		struct item_due d = { 0, e->nitems };

		e->items = xgrow(e->items, &cap, e->nitems + 1, sizeof(*e->items));
		e->items[e->nitems++] = (struct item){ e->plans[p],
		    &e->plans[p]->tasks[t].measures[k], u };
		heap_push(&e->reminders, &d);
	}
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

/* Record the notices the schedule gives for every item whose time has
 * come, and when to look at it again. */
static int
record_notices(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct sched_notice out[64];
	struct item_due d;
	size_t i, n;
	bool added;
	int rc = 0;

	while (rc == 0 && heap_pop_due(&e->reminders, now, &d)) {
		const struct item *it = &e->items[d.item];
		const struct unit_ref *pu = &it->m->units[it->unit];
		struct answer_arg aa = { e->answers, it->m->id, pu->name };
		struct sched_item si = { it->m->deadline, it->plan->year,
		    pu->role, unit_answer, &aa };
		time_t next = 0;

		n = schedule_item(e->cfg, &si, now, out, ARRAY_LEN(out), &next);
		for (i = 0; i < n && rc == 0; i++) {
			struct notice_new nn = { it->m->id, pu->name, pu->role,
			    &out[i] };

			/* The item's last look (at P) recorded every notice
			 * up to P, and none falls between P and d.at: those
			 * before d.at are stored already. */
			if (d.at != 0 && out[i].trigger < d.at)
				continue;

			rc = outbox_add_notice(e->st, &nn, now, &added, err);
			if (added) {
				stats->notices++;
				stats->skipped += !out[i].current;
			}
		}
		if (next != 0) {
			d.at = next;
			heap_push(&e->reminders, &d);
		}
	}
	return rc;
}

/* Queue an escalation candidate: an item a notice went out for at
 * first_sent. */
static void
add_candidate(struct engine *e, int64_t measure_id, const char *unit,
    enum role role, int due, time_t first_sent)
{
	struct esc_due x = { 0, measure_id, NULL, role, due };

	/* Never, when escalations are off. */
	if (!schedule_escalation_due(e->cfg, first_sent, first_sent, &x.at) &&
	    x.at == 0)
		return;
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
	bool added;
	int rc = 0;

	while (rc == 0 && heap_pop_due(&e->escalations, now, &x)) {
		struct sched_notice sn = { x.due, STAGE_ESCALATION, 0, x.at, true };
		struct notice_new nn = { x.measure_id, x.unit, x.role, &sn };

		/* A retired measure is chased no more. */
		if (find_measure(e->w, e->nw, x.measure_id) != NULL &&
		    answers_get(e->answers, x.measure_id, x.unit, x.due) ==
		    ANSWER_NONE) {
			rc = outbox_add_notice(e->st, &nn, now, &added, err);
			if (added)
				stats->notices++;
		}
		free(x.unit);
	}
	return rc;
}

/* Add notice i to the batch for (r, channel, address, current). */
static void
batch_add(struct batch **b, size_t *nb, size_t *cap, const struct recipient *r,
    enum channel_kind ch, const char *address, bool current, size_t i)
{
	struct batch *x = NULL;
	size_t k;

	for (k = 0; k < *nb && x == NULL; k++)
		if ((*b)[k].r == r && (*b)[k].channel == ch &&
		    (*b)[k].current == current &&
		    strcmp((*b)[k].address, address) == 0)
			x = &(*b)[k];
	if (x == NULL) {
		*b = xgrow(*b, cap, *nb + 1, sizeof(**b));
		x = &(*b)[(*nb)++];
		memset(x, 0, sizeof(*x));
		x->r = r;
		x->channel = ch;
		x->address = address;
		x->current = current;
	}
	for (k = 0; k < x->n; k++)
		if (x->idx[k] == i)
			return;		/* one unit reached twice through groups */
	x->idx = xgrow(x->idx, &x->cap, x->n + 1, sizeof(*x->idx));
	x->idx[x->n++] = i;
}

/* The channel kind of a configured webhook. */
static enum channel_kind
webhook_channel(enum webhook_type t)
{
	switch (t) {
	case WEBHOOK_DINGTALK: return CHAN_DINGTALK;
	case WEBHOOK_WECOM: return CHAN_WECOM;
	case WEBHOOK_FEISHU: return CHAN_FEISHU;
	default: return CHAN_GENERIC;
	}
}

/* Every channel address of r (the default maildir when it has none);
 * false when there is none at all. */
static bool
add_channels(const struct config *c, struct batch **b, size_t *nb, size_t *cap,
    const struct recipient *r, bool current, size_t i)
{
	size_t k;

	for (k = 0; k < r->nemail; k++)
		batch_add(b, nb, cap, r, CHAN_EMAIL, r->email[k], current, i);
	for (k = 0; k < r->nwebhooks; k++)
		batch_add(b, nb, cap, r, webhook_channel(r->webhooks[k].type),
		    r->webhooks[k].url, current, i);
	if (r->maildir != NULL)
		batch_add(b, nb, cap, r, CHAN_MAILDIR, r->maildir, current, i);
	else if (r->nemail == 0 && r->nwebhooks == 0 && c->maildir != NULL)
		batch_add(b, nb, cap, r, CHAN_MAILDIR, c->maildir, current, i);
	return r->nemail > 0 || r->nwebhooks > 0 || r->maildir != NULL ||
	    c->maildir != NULL;
}

/* Add pending notice i to the batches of the plan unit `unit`: its
 * recipients, or admin for those with no channel or no recipient. */
static void
route_unit(struct engine *e, const char *unit, const struct pending *p,
    size_t i, struct batch **b, size_t *nb, size_t *cap,
    struct engine_stats *stats)
{
	const struct recipient **rs;
	size_t k, nr;
	bool unmapped;

	nr = recipients_resolve(e->cfg, unit, &rs, &unmapped);
	if (unmapped) {
		char *u = log_escape(unit);

		log_info("unit \"%s\" maps to no recipient: notice %lld "
		    "goes to admin", u, (long long)p->id);
		free(u);
		stats->unmapped++;
	}
	for (k = 0; k < nr; k++)
		if (!add_channels(e->cfg, b, nb, cap, rs[k], p->current, i) &&
		    rs[k] != &e->cfg->admin)
			(void)add_channels(e->cfg, b, nb, cap, &e->cfg->admin,
			    p->current, i);
	free(rs);
}

/* Group the pending notices into batches by recipient and address.  An
 * escalation goes to the measure's lead units and to admin, never to the
 * silent unit it is about. */
static struct batch *
make_batches(struct engine *e, const struct pending *pend, size_t np,
    const struct where *w, size_t nw, size_t *nb, struct engine_stats *stats)
{
	const struct where *x;
	struct batch *b = NULL;
	size_t cap = 0, i, u;

	*nb = 0;
	for (i = 0; i < np; i++) {
		if (pend[i].stage != STAGE_ESCALATION) {
			route_unit(e, pend[i].unit, &pend[i], i, &b, nb, &cap, stats);
			continue;
		}
		x = find_measure(w, nw, pend[i].measure_id);
		for (u = 0; x != NULL && u < x->measure->nunits; u++)
			if (x->measure->units[u].role == ROLE_LEAD &&
			    strcmp(x->measure->units[u].name, pend[i].unit) != 0)
				route_unit(e, x->measure->units[u].name, &pend[i],
				    i, &b, nb, &cap, stats);
		(void)add_channels(e->cfg, &b, nb, &cap, &e->cfg->admin,
		    pend[i].current, i);
	}
	return b;
}

/* A fresh id for a message: 128 random bits in hex. */
static void
new_id(char *out, size_t len, const char *prefix, const char *suffix)
{
	unsigned char raw[16];
	size_t i, n;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		fatalx("getrandom failed");
	n = (size_t)snprintf(out, len, "%s", prefix);
	for (i = 0; i < sizeof(raw) && n + 2 < len; i++, n += 2)
		snprintf(out + n, len - n, "%02x", raw[i]);
	snprintf(out + n, len - n, "%s", suffix);
}

/* The domain of the configured sender, for Message-IDs. */
static const char *
mail_domain(const struct config *c)
{
	const char *at = c->smtp.from != NULL ? strrchr(c->smtp.from, '@') : NULL;
	static char domain[256];
	size_t n;

	if (at == NULL)
		return "deadlined.localhost";
	n = strcspn(at + 1, "> \t");
	snprintf(domain, sizeof(domain), "%.*s", (int)n, at + 1);
	return domain;
}

/* The digest's items, with a fresh ack token each. */
static int
make_items(struct engine *e, const struct batch *b, const struct pending *pend,
    const struct where *w, size_t nw, time_t now, struct notice_item *items,
    char (*urls)[512], struct error *err)
{
	char token[33];
	int today = clock_local_day(now), rc;

	for (size_t k = 0; k < b->n; k++) {
		const struct pending *p = &pend[b->idx[k]];
		const struct where *x = find_measure(w, nw, p->measure_id);
		bool esc = p->stage == STAGE_ESCALATION;

		if (x == NULL)
			return error_set(err, EXIT_SOFTWARE, "notice %lld names "
			    "measure %lld, which is not loaded", (long long)p->id,
			    (long long)p->measure_id);
		/* The token answers for the plan's unit, the one the
		 * schedule asks about.  An escalation's readers are to chase
		 * that unit, not answer for it: no link. */
		if (!esc) {
			if ((rc = outbox_ack_token(e->st, p->measure_id, p->unit,
			    p->due, now, token, err)) != 0)
				return rc;
			snprintf(urls[k], sizeof(urls[k]), "%s/ack/%s",
			    e->cfg->http.public_url, token);
		}
		items[k] = (struct notice_item){ p->measure_id, x->plan->title,
		    x->plan->year, x->task->no, x->task->title, x->measure->text,
		    x->measure->deadline_text, p->due, p->due - today, p->role,
		    stage_name(p->stage), esc ? NULL : urls[k],
		    esc ? p->unit : NULL };
	}
	return 0;
}

/* Queue one message; in a dry run, log it instead. */
static int
queue(struct engine *e, struct message *m, const char *state, const int64_t *ids,
    size_t n, time_t now, struct engine_stats *stats, struct error *err)
{
	char *who = log_escape(m->recipient);
	int64_t id;
	int rc;

	m->len = m->payload != NULL ? strlen(m->payload) : 0;
	rc = outbox_add_message(e->st, m, state, ids, n, now, &id, err);
	if (rc == 0) {
		if (strcmp(state, "queued") == 0)
			stats->messages++;
		if (strcmp(state, "queued") == 0)
			log_info("%smessage queued for %s (%s %s): %zu item(s)",
			    e->dry_run ? "dry run: " : "", who,
			    channel_name(m->channel), m->address, n);
		else
			log_debug("%s%zu missed notice(s) for %s recorded as "
			    "skipped", e->dry_run ? "dry run: " : "", n, who);
	}
	free(who);
	return rc;
}

/* Render batch b for its channel and queue it (several messages when a
 * robot's digest must be split). */
static int
queue_batch(struct engine *e, const struct batch *b, const struct pending *pend,
    const struct where *w, size_t nw, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct notice_item *items = xcalloc(b->n, sizeof(*items));
	char (*urls)[512] = xcalloc(b->n, sizeof(*urls));
	int64_t *ids = xcalloc(b->n, sizeof(*ids));
	char ext[128], **parts = NULL;
	struct message m;
	struct digest d;
	size_t k, nparts = 0;
	int rc = 0;

	for (k = 0; k < b->n; k++)
		ids[k] = pend[b->idx[k]].id;
	memset(&m, 0, sizeof(m));
	m.recipient = b->r->name;
	m.channel = b->channel;
	m.address = (char *)b->address;
	if (!b->current) {
		new_id(ext, sizeof(ext), "skip_", "");
		m.ext_id = ext;
		rc = queue(e, &m, "skipped", ids, b->n, now, stats, err);
		goto out;
	}
	if ((rc = make_items(e, b, pend, w, nw, now, items, urls, err)) != 0)
		goto out;
	d = (struct digest){ b->label != NULL ? b->label : b->r->name, ext, now,
	    items, b->n };
	m.title = render_subject(&d);
	switch (b->channel) {
	case CHAN_EMAIL:
	case CHAN_MAILDIR: {
		char suffix[300];

		snprintf(suffix, sizeof(suffix), "@%s", mail_domain(e->cfg));
		new_id(ext, sizeof(ext), "", suffix);
		m.ext_id = ext;
		m.payload = render_mail(&d, e->cfg->smtp.from != NULL ?
		    e->cfg->smtp.from : "deadlined <deadlined@localhost>",
		    b->channel == CHAN_EMAIL ? b->address :
		    (b->r->nemail > 0 ? b->r->email[0] : "undisclosed-recipients:;"));
		rc = queue(e, &m, "queued", ids, b->n, now, stats, err);
		break;
	}
	case CHAN_GENERIC:
		new_id(ext, sizeof(ext), "msg_", "");
		m.ext_id = ext;
		m.payload = render_json(&d);
		rc = queue(e, &m, "queued", ids, b->n, now, stats, err);
		break;
	default:
		nparts = render_markdown(&d, b->channel == CHAN_WECOM ? WECOM_MAX :
		    ROBOT_MAX, &parts);
		for (k = 0; k < nparts && rc == 0; k++) {
			new_id(ext, sizeof(ext), "msg_", "");
			m.ext_id = ext;
			m.payload = parts[k];
			rc = queue(e, &m, "queued", ids, b->n, now, stats, err);
		}
		m.payload = NULL;
	}
out:
	for (k = 0; k < nparts; k++)
		free(parts[k]);
	free(parts);
	free(m.payload);
	free(m.title);
	free(items);
	free(urls);
	free(ids);
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
	flush(e);
	if ((rc = outbox_begin(e->st, err)) != 0)
		return rc;
	if ((rc = load_plans(e, err)) != 0 ||
	    (rc = load_answers(e, err)) != 0 ||
	    (rc = load_candidates(e, err)) != 0 ||
	    (rc = record_notices(e, now, stats, err)) != 0 ||
	    (rc = record_escalations(e, now, stats, err)) != 0 ||
	    (rc = outbox_pending(e->st, &pend, &np, err)) != 0)
		goto fail;
	b = make_batches(e, pend, np, e->w, e->nw, &nb, stats);
	for (i = 0; i < nb && rc == 0; i++)
		rc = queue_batch(e, &b[i], pend, e->w, e->nw, now, stats, err);
	if (rc != 0)
		goto fail;
	/* A dry run renders and logs everything, and keeps nothing: not
	 * even what it took off the heaps. */
	if (e->dry_run) {
		outbox_rollback(e->st);
		forget(e);
	} else if ((rc = outbox_commit(e->st, err)) != 0)
		forget(e);
	goto out;
fail:
	outbox_rollback(e->st);
	forget(e);
out:
	for (i = 0; i < nb; i++)
		free(b[i].idx);
	free(b);
	outbox_pending_free(pend, np);
	return rc;
}

/* Fetch the next due messages into the backlog, marked sending in one
 * transaction: committed before any of them goes out, so that a crash
 * from here on re-sends each at most once more. */
static int
fill_backlog(struct engine *e, time_t now, struct error *err)
{
	size_t i;
	int rc;

	outbox_messages_free(e->backlog, e->nbacklog);
	e->backlog = NULL;
	e->head = e->nbacklog = 0;
	if ((rc = outbox_due(e->st, now, SEND_BATCH *
	    (size_t)e->cfg->webhook_concurrency, &e->backlog, &e->nbacklog,
	    err)) != 0 || e->nbacklog == 0)
		return rc;
	flush(e);	/* the outcomes waiting go first, in their own commit */
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

int
engine_send(struct engine *e, time_t now, size_t *started, struct error *err)
{
	time_t nb;
	int rc = 0;

	if (started != NULL)
		*started = 0;
	if (e->dry_run)
		return 0;
	e->not_before = 0;
	for (;;) {
		if (e->head == e->nbacklog &&
		    ((rc = fill_backlog(e, now, err)) != 0 || e->nbacklog == 0))
			return rc;
		while (e->head < e->nbacklog) {
			const struct message *m = &e->backlog[e->head];
			struct outgoing o = { m->id, m->channel, m->address,
			    webhook_secret(e, m->address), m->ext_id,
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
	int n = sender_fds(e->sender, fds, max, timeout_ms);
	int64_t left;

	/* Wake in time to commit the outcomes waiting. */
	if (e->tx) {
		left = e->tx_since + FLUSH_MS - clock_mono_ms();
		if (left < 0)
			left = 0;
		if (*timeout_ms < 0 || left < *timeout_ms)
			*timeout_ms = (int)left;
	}
	return n;
}

/* Tell admin that a message to someone else failed for good: a digest
 * of its items, named after the silent recipient. */
static void
tell_admin(struct engine *e, int64_t id, time_t now)
{
	struct pending *pend = NULL;
	struct batch *b = NULL;
	struct engine_stats stats;
	struct error err;
	char *recipient = NULL, *label = NULL;
	size_t np = 0, nb = 0, cap = 0, i;
	int rc;

	memset(&stats, 0, sizeof(stats));
	if ((rc = outbox_begin(e->st, &err)) != 0)
		goto out;
	if ((rc = outbox_message_notices(e->st, id, &recipient, &pend, &np,
	    &err)) != 0 || strcmp(recipient, e->cfg->admin.name) == 0 || np == 0 ||
	    (rc = load_plans(e, &err)) != 0) {
		outbox_rollback(e->st);
		goto out;
	}
	for (i = 0; i < np; i++)
		(void)add_channels(e->cfg, &b, &nb, &cap, &e->cfg->admin, true, i);
	label = xasprintf("投递失败：%s", recipient);
	for (i = 0; i < nb && rc == 0; i++) {
		b[i].label = label;
		rc = queue_batch(e, &b[i], pend, e->w, e->nw, now, &stats, &err);
	}
	if (rc == 0)
		rc = outbox_commit(e->st, &err);
	else
		outbox_rollback(e->st);
	if (rc != 0)
		forget(e);
out:
	if (rc != 0)
		log_warnx("cannot tell admin about message %lld: %s",
		    (long long)id, err.msg);
	for (i = 0; i < nb; i++)
		free(b[i].idx);
	free(b);
	free(label);
	free(recipient);
	outbox_pending_free(pend, np);
}

/* Commit the outcomes waiting in the open transaction, then tell admin
 * about the messages that failed for good. */
static void
flush(struct engine *e)
{
	struct error err;
	size_t i;

	if (e->tx) {
		e->tx = false;
		if (outbox_commit(e->st, &err) != 0) {
			/* Lost outcomes leave their messages "sending": they
			 * go out again after a restart, as after a crash. */
			log_warnx("cannot record delivery outcomes: %s", err.msg);
			outbox_rollback(e->st);
			forget(e);
			e->ngave_up = 0;
		}
	}
	for (i = 0; i < e->ngave_up; i++)
		tell_admin(e, e->gave_up[i], e->now);
	e->ngave_up = 0;
}

/* Record one finished delivery (engine_run holds a transaction). */
static void
delivered(void *arg, int64_t id, const struct outcome *o)
{
	struct engine *e = arg;
	struct error err;
	bool gave_up;

	if (outbox_result(e->st, id, o, e->now, &gave_up, &err) != 0) {
		log_warnx("message %lld: cannot record its outcome: %s",
		    (long long)id, err.msg);
		return;
	}
	if (o->kind == OUTCOME_SENT) {
		log_info("message %lld sent", (long long)id);
		e->sent = xgrow(e->sent, &e->sent_cap, e->nsent + 1,
		    sizeof(*e->sent));
		e->sent[e->nsent++] = (struct sent){ id, e->now };
	} else if (gave_up) {
		log_warnx("message %lld failed for good: %s", (long long)id, o->error);
		e->gave_up = xgrow(e->gave_up, &e->gave_up_cap, e->ngave_up + 1,
		    sizeof(*e->gave_up));
		e->gave_up[e->ngave_up++] = id;
	} else
		log_info("message %lld will be retried: %s", (long long)id, o->error);
}

void
engine_run(struct engine *e, time_t now)
{
	struct error err;

	e->now = now;
	if (!e->tx) {
		/* Without a transaction each outcome is committed alone. */
		if (outbox_begin(e->st, &err) == 0) {
			e->tx = true;
			e->tx_since = clock_mono_ms();
		} else
			log_warnx("%s", err.msg);
	}
	sender_run(e->sender, delivered, e);
	if (sender_busy(e->sender) == 0 || clock_mono_ms() - e->tx_since >= FLUSH_MS)
		flush(e);
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

	(void)now;
	if (esc != 0 && (t == 0 || esc < t))
		t = esc;
	if (outbox_next(e->st, &retry, &err) != 0)
		log_warnx("%s", err.msg);
	if (retry != 0 && (t == 0 || retry < t))
		t = retry;
	if (e->not_before != 0 && (t == 0 || e->not_before < t))
		t = e->not_before;
	return t;
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
