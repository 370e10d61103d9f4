/* engine: a pass (schedule -> notices -> digests -> queued messages) and
 * the sending of queued messages.  State lives in the outbox; the engine
 * keeps only what a pass found about the future (the next trigger) and
 * the sender's messages in flight. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "acks.h"
#include "clock.h"
#include "date.h"
#include "engine.h"
#include "log.h"
#include "outbox.h"
#include "recipients.h"
#include "render.h"
#include "schedule.h"
#include "sender.h"

/* WeCom's limit on a markdown message; the other robots take more, but
 * a digest that long is better read in parts anyway. */
#define WECOM_MAX 4096
#define ROBOT_MAX 16384

struct engine {
	const struct config *cfg;
	struct store *st;
	bool dry_run;
	struct sender *sender;
	time_t next_trigger;	/* first schedule trigger after the last pass */
	time_t not_before;	/* when a deferred submit may be tried again */
	time_t now;		/* of the current engine_run, for outcomes */
};

/* Where a measure stands in the loaded plans. */
struct where {
	int64_t id;
	const struct plan *plan;
	const struct plan_task *task;
	const struct plan_measure *measure;
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

struct engine *
engine_new(const struct config *cfg, struct store *st, bool dry_run)
{
	struct engine *e = xcalloc(1, sizeof(*e));

	e->cfg = cfg;
	e->st = st;
	e->dry_run = dry_run;
	e->sender = sender_new(cfg);
	return e;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	sender_free(e->sender);
	free(e);
}

void
engine_set_config(struct engine *e, const struct config *cfg)
{
	/* The sender points into the old configuration: replace it. */
	sender_free(e->sender);
	e->cfg = cfg;
	e->sender = sender_new(cfg);
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

/* Record the notices the schedule gives for every measure and unit. */
static int
record_notices(struct engine *e, struct plan **plans, size_t nplans,
    const struct answers *answers, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct sched_notice out[64];
	size_t p, t, k, u, i, n;
	bool added;
	int rc = 0;

	e->next_trigger = 0;
	for (p = 0; p < nplans; p++)
	for (t = 0; t < plans[p]->ntasks; t++)
	for (k = 0; k < plans[p]->tasks[t].nmeasures; k++) {
		const struct plan_measure *m = &plans[p]->tasks[t].measures[k];

		for (u = 0; u < m->nunits && rc == 0; u++) {
			struct answer_arg aa = { answers, m->id, m->units[u].name };
			struct sched_item it = { m->deadline, plans[p]->year,
			    m->units[u].role, unit_answer, &aa };

			n = schedule_item(e->cfg, &it, now, out, ARRAY_LEN(out),
			    &e->next_trigger);
			for (i = 0; i < n && rc == 0; i++) {
				struct notice_new nn = { m->id, m->units[u].name,
				    m->units[u].role, &out[i] };

				rc = outbox_add_notice(e->st, &nn, now, &added, err);
				if (added) {
					stats->notices++;
					stats->skipped += !out[i].current;
				}
			}
		}
	}
	return rc;
}

/* Record an escalation for every item still unanswered escalate_after_days
 * working days after its first notice went out; the notice's unique key
 * makes it one per item.  The unit is the silent one: routing sends it to
 * the others. */
static int
record_escalations(struct engine *e, const struct where *w, size_t nw,
    const struct answers *answers, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct silent *v = NULL;
	size_t n = 0, i;
	bool added;
	int rc;

	if ((rc = outbox_silent(e->st, &v, &n, err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		struct sched_notice sn = { v[i].due, STAGE_ESCALATION, 0, 0, true };
		struct notice_new nn = { v[i].measure_id, v[i].unit, v[i].role, &sn };

		/* A retired measure is chased no more. */
		if (find_measure(w, nw, v[i].measure_id) == NULL ||
		    answers_get(answers, v[i].measure_id, v[i].unit,
		    v[i].due) != ANSWER_NONE)
			continue;
		if (!schedule_escalation_due(e->cfg, v[i].first_sent, now,
		    &sn.trigger)) {
			if (sn.trigger != 0 && (e->next_trigger == 0 ||
			    sn.trigger < e->next_trigger))
				e->next_trigger = sn.trigger;
			continue;
		}
		rc = outbox_add_notice(e->st, &nn, now, &added, err);
		if (added)
			stats->notices++;
	}
	outbox_silent_free(v, n);
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
	struct plan **plans = NULL;
	struct answers *answers = NULL;
	struct pending *pend = NULL;
	struct batch *b = NULL;
	struct where *w = NULL;
	size_t nplans = 0, np = 0, nb = 0, nw = 0, i;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if ((rc = store_load_plans(e->st, &plans, &nplans, err)) != 0)
		return rc;
	w = index_measures(plans, nplans, &nw);
	if ((rc = outbox_begin(e->st, err)) != 0)
		goto out;
	if ((rc = acks_load(e->st, &answers, err)) != 0 ||
	    (rc = record_notices(e, plans, nplans, answers, now, stats, err)) != 0 ||
	    (rc = record_escalations(e, w, nw, answers, now, stats, err)) != 0 ||
	    (rc = outbox_pending(e->st, &pend, &np, err)) != 0)
		goto fail;
	b = make_batches(e, pend, np, w, nw, &nb, stats);
	for (i = 0; i < nb && rc == 0; i++)
		rc = queue_batch(e, &b[i], pend, w, nw, now, stats, err);
	if (rc != 0)
		goto fail;
	/* A dry run renders and logs everything, and keeps nothing. */
	if (e->dry_run)
		outbox_rollback(e->st);
	else
		rc = outbox_commit(e->st, err);
	goto out;
fail:
	outbox_rollback(e->st);
out:
	for (i = 0; i < nb; i++)
		free(b[i].idx);
	free(b);
	outbox_pending_free(pend, np);
	answers_free(answers);
	free(w);
	plans_free(plans, nplans);
	return rc;
}

/* The secret configured for a webhook URL, or NULL. */
static const char *
webhook_secret(const struct config *c, const char *url)
{
	const struct recipient *r;
	size_t i, k;

	for (i = 0; i <= c->nunits; i++) {
		r = i < c->nunits ? &c->units[i] : &c->admin;
		for (k = 0; k < r->nwebhooks; k++)
			if (strcmp(r->webhooks[k].url, url) == 0)
				return r->webhooks[k].secret;
	}
	return NULL;
}

int
engine_send(struct engine *e, time_t now, size_t *started, struct error *err)
{
	struct message *m = NULL;
	size_t n = 0, i;
	time_t nb;
	int rc;

	if (started != NULL)
		*started = 0;
	if (e->dry_run)
		return 0;
	e->not_before = 0;
	if ((rc = outbox_due(e->st, now, &m, &n, err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		struct outgoing o = { m[i].id, m[i].channel, m[i].address,
		    webhook_secret(e->cfg, m[i].address), m[i].ext_id,
		    m[i].payload, m[i].title, m[i].len };

		if (!sender_submit(e->sender, &o, now, &nb)) {
			if (e->not_before == 0 || nb < e->not_before)
				e->not_before = nb;
			continue;
		}
		/* Committed before any byte goes out: a crash from here on
		 * re-sends this message at most once more. */
		rc = outbox_sending(e->st, m[i].id, err);
		if (rc == 0 && started != NULL)
			(*started)++;
	}
	outbox_messages_free(m, n);
	return rc;
}

int
engine_fds(struct engine *e, struct pollfd *fds, int max, int *timeout_ms)
{
	return sender_fds(e->sender, fds, max, timeout_ms);
}

/* Tell admin that a message to someone else failed for good: a digest
 * of its items, named after the silent recipient. */
static void
tell_admin(struct engine *e, int64_t id, time_t now)
{
	struct plan **plans = NULL;
	struct pending *pend = NULL;
	struct batch *b = NULL;
	struct where *w = NULL;
	struct engine_stats stats;
	struct error err;
	char *recipient = NULL, *label = NULL;
	size_t nplans = 0, np = 0, nb = 0, cap = 0, nw = 0, i;
	int rc;

	memset(&stats, 0, sizeof(stats));
	if ((rc = outbox_message_notices(e->st, id, &recipient, &pend, &np,
	    &err)) != 0 || strcmp(recipient, e->cfg->admin.name) == 0 || np == 0)
		goto out;
	if ((rc = store_load_plans(e->st, &plans, &nplans, &err)) != 0)
		goto out;
	w = index_measures(plans, nplans, &nw);
	for (i = 0; i < np; i++)
		(void)add_channels(e->cfg, &b, &nb, &cap, &e->cfg->admin, true, i);
	label = xasprintf("投递失败：%s", recipient);
	if ((rc = outbox_begin(e->st, &err)) != 0)
		goto out;
	for (i = 0; i < nb && rc == 0; i++) {
		b[i].label = label;
		rc = queue_batch(e, &b[i], pend, w, nw, now, &stats, &err);
	}
	if (rc == 0)
		rc = outbox_commit(e->st, &err);
	else
		outbox_rollback(e->st);
out:
	if (rc != 0)
		log_warnx("cannot tell admin about message %lld: %s",
		    (long long)id, err.msg);
	for (i = 0; i < nb; i++)
		free(b[i].idx);
	free(b);
	free(label);
	free(recipient);
	free(w);
	outbox_pending_free(pend, np);
	plans_free(plans, nplans);
}

/* Record one finished delivery. */
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
	if (o->kind == OUTCOME_SENT)
		log_info("message %lld sent", (long long)id);
	else if (gave_up) {
		log_warnx("message %lld failed for good: %s", (long long)id, o->error);
		tell_admin(e, id, e->now);
	}
	else
		log_info("message %lld will be retried: %s", (long long)id, o->error);
}

void
engine_run(struct engine *e, time_t now)
{
	e->now = now;
	sender_run(e->sender, delivered, e);
}

size_t
engine_busy(const struct engine *e)
{
	return sender_busy(e->sender);
}

time_t
engine_next(struct engine *e, time_t now)
{
	struct error err;
	time_t t = e->next_trigger, retry = 0;

	(void)now;
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
