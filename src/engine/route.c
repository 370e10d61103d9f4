/* engine/route: from the notices a pass recorded to queued messages:
 * each unit's notices routed to its recipients (conf/recipients), grouped
 * into one digest per recipient and address, rendered for the channel,
 * and queued in the outbox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/acks.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/digest.h"
#include "engine/engine.h"
#include "base/heap.h"
#include "base/log.h"
#include "store/outbox.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/schedule.h"
#include "deliver/sender.h"
#include "engine/state.h"
#include "store/requests.h"
#include "store/tokens.h"
#include "base/redact.h"

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
	/* One notice reaching a recipient twice (a unit left unresolved and
	 * the admin, say): every add for notice i comes before any for
	 * i + 1, so a repeat can only be the last one.  (Scanning the whole
	 * batch made a digest of n items cost n^2/2.) */
	if (x->n > 0 && x->idx[x->n - 1] == i)
		return;
	x->idx = xgrow(x->idx, &x->cap, x->n + 1, sizeof(*x->idx));
	x->idx[x->n++] = i;
}

/* Every channel address of r (the default maildir when it has none);
 * false when there is none at all. */
bool
route_add_channels(const struct config *c, struct batch **b, size_t *nb, size_t *cap,
    const struct recipient *r, bool current, size_t i)
{
	struct address a;
	size_t k;

	for (k = 0; recipient_address(c, r, k, &a); k++)
		batch_add(b, nb, cap, r, a.kind, a.to, current, i);
	return k > 0;
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
		if (!route_add_channels(e->cfg, b, nb, cap, rs[k], p->current, i) &&
		    rs[k] != &e->cfg->admin)
			(void)route_add_channels(e->cfg, b, nb, cap, &e->cfg->admin,
			    p->current, i);
	free(rs);
}

/* Whether a notice of this stage asks the approver to decide a request. */
static bool
for_approver(enum stage st)
{
	return st == STAGE_EXTENSION || st == STAGE_COMPLETION;
}

/* Add pending notice i, a unit's request, to the batches of the
 * measure's approver (review_by): its lead units other than the one that
 * asks, or when there is none the supervisors, or when they have no
 * channel admin. */
static void
route_approver(struct engine *e, const struct where *x,
    const struct pending *p, size_t i, struct batch **b, size_t *nb,
    size_t *cap, struct engine_stats *stats)
{
	const struct config *c = e->cfg;
	size_t u, n = 0;

	for (u = 0; c->review_by == REVIEW_BY_LEAD && x != NULL &&
	    u < x->measure->nunits; u++)
		if (x->measure->units[u].role == ROLE_LEAD &&
		    strcmp(x->measure->units[u].name, p->unit) != 0) {
			route_unit(e, x->measure->units[u].name, p, i, b, nb,
			    cap, stats);
			n++;
		}
	if (n == 0 && c->review_by != REVIEW_BY_ADMIN &&
	    recipient_has_channel(&c->supervisors) &&
	    route_add_channels(c, b, nb, cap, &c->supervisors, p->current, i))
		n++;
	if (n == 0)
		(void)route_add_channels(c, b, nb, cap, &c->admin, p->current, i);
}

/* Group the pending notices into batches by recipient and address.  An
 * escalation goes to the measure's lead units, the supervisors and
 * admin, never to the silent unit it is about; a request to its
 * approver. */
struct batch *
route_make_batches(struct engine *e, const struct pending *pend, size_t np,
    const struct where *w, size_t nw, size_t *nb, struct engine_stats *stats)
{
	const struct where *x;
	struct batch *b = NULL;
	size_t cap = 0, i, u;

	*nb = 0;
	for (i = 0; i < np; i++) {
		x = engine_find_measure(w, nw, pend[i].measure_id);
		/* A request's notice is recorded outside a pass: its measure
		 * may have been retired since.  It waits, unsent, for the
		 * measure to come back rather than failing every pass. */
		if (x == NULL && stage_of_request(pend[i].stage)) {
			log_debug("notice %lld: measure %lld is not current; "
			    "not sent", (long long)pend[i].id,
			    (long long)pend[i].measure_id);
			continue;
		}
		if (for_approver(pend[i].stage)) {
			route_approver(e, x, &pend[i], i, &b, nb, &cap, stats);
			continue;
		}
		if (pend[i].stage != STAGE_ESCALATION) {
			route_unit(e, pend[i].unit, &pend[i], i, &b, nb, &cap, stats);
			continue;
		}
		for (u = 0; x != NULL && u < x->measure->nunits; u++)
			if (x->measure->units[u].role == ROLE_LEAD &&
			    strcmp(x->measure->units[u].name, pend[i].unit) != 0)
				route_unit(e, x->measure->units[u].name, &pend[i],
				    i, &b, nb, &cap, stats);
		/* Supervisors without a channel of their own are not sent
		 * to: the Maildir of units without one is admin's too, and
		 * would get the escalation twice. */
		if (recipient_has_channel(&e->cfg->supervisors))
			(void)route_add_channels(e->cfg, &b, nb, &cap,
			    &e->cfg->supervisors, pend[i].current, i);
		(void)route_add_channels(e->cfg, &b, nb, &cap, &e->cfg->admin,
		    pend[i].current, i);
	}
	return b;
}

/* A fresh id for a message: 128 random bits in hex. */
static void
new_id(char *out, size_t len, const char *prefix, const char *suffix)
{
	char hex[2 * 16 + 1];

	if (!digest_random_hex(hex, 16))
		fatalx("getrandom failed");
	/* A domain too long for out is cut: the hex keeps the id unique. */
	if (snprintf(out, len, "%s%s%s", prefix, hex, suffix) >= (int)len)
		log_debug("message id cut to %zu bytes", len - 1);
}

/* The domain of the configured sender, for Message-IDs. */
static const char *
mail_domain(const struct config *c)
{
	const char *at = c->delivery.smtp.from != NULL ? strrchr(c->delivery.smtp.from, '@') : NULL;
	static char domain[256];
	size_t n;

	if (at == NULL)
		return "deadlined.localhost";
	n = strcspn(at + 1, "> \t");
	snprintf(domain, sizeof(domain), "%.*s", (int)n, at + 1);
	return domain;
}

/* Whether a notice of this stage is about a progress report: its step
 * is the report date, its link opens the page's progress form. */
static bool
asks_report(enum stage s)
{
	return s == STAGE_REPORT || s == STAGE_BEHIND;
}

/* The stage a deadline's notice shows on day today: one held past its
 * day (made after the window closed, sent at its next opening) says
 * where the item stands then, not where it stood when it was made. */
static enum stage
stage_on(enum stage s, int days_left)
{
	if (s != STAGE_LEAD && s != STAGE_DUE)
		return s;
	return days_left < 0 ? STAGE_OVERDUE : days_left == 0 ? STAGE_DUE :
	    STAGE_LEAD;
}

/* Notice p's item, at x in the loaded plans, on day today; url its ack
 * link, NULL for none. */
static struct notice_item
item_of(const struct pending *p, const struct where *x, int today,
    const char *url)
{
	bool esc = p->stage == STAGE_ESCALATION;

	return (struct notice_item){ p->measure_id, x->plan->title,
	    x->plan->year, x->task->no, x->task->title, x->measure->text,
	    x->measure->deadline_text, p->due, p->due - today, p->role,
	    stage_name(stage_on(p->stage, p->due - today)), url,
	    esc ? p->unit : NULL,
	    x->measure->deadline.kind, x->measure->deadline.due, NULL,
	    asks_report(p->stage) ? p->step : DATE_NONE };
}

/* Where notice p stands in w[0..nw), or an error naming it. */
static const struct where *
find_notice(const struct pending *p, const struct where *w, size_t nw,
    struct error *err)
{
	const struct where *x = engine_find_measure(w, nw, p->measure_id);

	if (x == NULL)
		(void)error_set(err, EXIT_SOFTWARE, "notice %lld names measure "
		    "%lld, which is not loaded", (long long)p->id,
		    (long long)p->measure_id);
	return x;
}

/* What a request's notice says beside its stage: who asks what and why,
 * or the approver's decision and note (a new string). */
static char *
request_note(const struct unit_request *r)
{
	struct buf b = BUF_INIT;
	char day[11];

	date_format(r->new_due, day);
	if (r->state == REQUEST_PENDING && r->kind == REQUEST_EXTENSION)
		buf_printf(&b, "%s 申请延期至 %s，理由：%s", r->unit, day, r->note);
	else if (r->state == REQUEST_PENDING)
		buf_printf(&b, "%s 报告已完成%s%s", r->unit,
		    *r->note != '\0' ? "：" : "", r->note);
	else if (r->kind == REQUEST_EXTENSION &&
	    r->state == REQUEST_APPROVED)
		buf_printf(&b, "新的截止日期 %s", day);
	if (r->state != REQUEST_PENDING && r->decision_note != NULL)
		buf_printf(&b, "%s意见：%s", b.len > 0 ? "；" : "",
		    r->decision_note);
	return buf_steal(&b);
}

/* The link of a request's notice to the approver into url: a fresh
 * approval token; and the notice's words into *note. */
static int
request_link(struct engine *e, const struct pending *p, time_t now,
    char *url, size_t len, char **note, struct error *err)
{
	char token[TOKEN_HEX_LEN + 1];
	struct unit_request r;
	bool found;
	int rc;

	if ((rc = requests_get(e->st, p->step, &r, &found, err)) != 0)
		return rc;
	if (!found)
		return error_set(err, EXIT_SOFTWARE, "notice %lld names request "
		    "%d, which is not stored", (long long)p->id, p->step);
	*note = request_note(&r);
	request_free(&r);
	if (!for_approver(p->stage))
		return 0;
	if ((rc = review_token_issue(e->st, p->step, now,
	    e->cfg->http.approval_link_days, token, err)) != 0)
		return rc;
	snprintf(url, len, "%s/review/%s", e->cfg->http.public_url, token);
	return 0;
}

/* The digest's items, with a fresh ack token each (an approval token
 * for a request to its approver), and their notes. */
static int
make_items(struct engine *e, const struct batch *b, const struct pending *pend,
    const struct where *w, size_t nw, time_t now, struct notice_item *items,
    char (*urls)[512], char **notes, struct error *err)
{
	char token[TOKEN_HEX_LEN + 1];
	/* The days left are counted from the day the message goes out: one
	 * made after the window closed waits for its next opening, and on
	 * Monday it must not say Friday's 剩余 3 天. */
	int today = clock_local_day(calendar_next_open(e->cfg->calendar,
	    &e->cfg->schedule.window, now)), rc;

	for (size_t k = 0; k < b->n; k++) {
		const struct pending *p = &pend[b->idx[k]];
		const struct where *x = find_notice(p, w, nw, err);

		if (x == NULL)
			return err->code;
		if (stage_of_request(p->stage) && (rc = request_link(e, p, now,
		    urls[k], sizeof(urls[k]), &notes[k], err)) != 0)
			return rc;
		/* The token answers for the plan's unit, the one the
		 * schedule asks about.  An escalation's readers are to chase
		 * that unit, not answer for it: no link. */
		if (p->stage != STAGE_ESCALATION && !for_approver(p->stage)) {
			if ((rc = token_issue(e->st, p->measure_id, p->unit,
			    p->due, now, token, err)) != 0)
				return rc;
			snprintf(urls[k], sizeof(urls[k]), "%s/ack/%s%s",
			    e->cfg->http.public_url, token,
			    asks_report(p->stage) ? "#progress" : "");
		}
		items[k] = item_of(p, x, today, p->stage != STAGE_ESCALATION ?
		    urls[k] : NULL);
		items[k].note = notes[k];
	}
	return 0;
}

/* A message as the log names it: "UNIT (CHANNEL ADDRESS)", the unit
 * escaped and the address's secrets masked, and ", part K of N" for a
 * part of a split digest. */
char *
route_about(const struct message *m)
{
	char *who = log_escape(m->recipient), *where = redact_url(m->address);
	char *s = xasprintf("%s (%s %s)", who, channel_name(m->channel), where);

	if (m->parts > 1) {
		char *t = xasprintf("%s, part %d of %d", s, m->part, m->parts);

		free(s);
		s = t;
	}
	free(who);
	free(where);
	return s;
}

/* Queue one message; in a dry run, log it instead. */
static int
queue(struct engine *e, struct message *m, const char *state, const int64_t *ids,
    size_t n, time_t now, struct engine_stats *stats, struct error *err)
{
	char *who = log_escape(m->recipient), *about;
	int64_t id;
	int rc;

	m->len = m->payload != NULL ? strlen(m->payload) : 0;
	rc = outbox_add_message(e->st, m, state, ids, n, now, &id, err);
	if (rc == 0) {
		if (strcmp(state, "queued") == 0)
			stats->messages++;
		if (strcmp(state, "queued") == 0) {
			about = route_about(m);
			log_info("%smessage queued for %s: %zu item(s)",
			    e->dry_run ? "dry run: " : "", about, n);
			free(about);
		}
		else
			log_debug("%s%zu missed notice(s) for %s recorded as "
			    "skipped", e->dry_run ? "dry run: " : "", n, who);
	}
	free(who);
	return rc;
}

/* The To of a mail to r on channel ch at address: the address itself,
 * or for a maildir r's first email, if any. */
static const char *
mail_to(const struct recipient *r, enum channel_kind ch, const char *address)
{
	return ch == CHAN_EMAIL ? address : r->nemail > 0 ? r->email[0] :
	    "undisclosed-recipients:;";
}

/* A fresh message id into ext for a message on channel ch: the first
 * part of a mail gets "@domain" (a Message-ID), other texts "msg_". */
static void
message_id(const struct engine *e, enum channel_kind ch, char *ext, size_t len)
{
	char suffix[300];

	snprintf(suffix, sizeof(suffix), "@%s", mail_domain(e->cfg));
	if (channel_info(ch)->form == FORM_MAIL)
		new_id(ext, len, "", suffix);
	else
		new_id(ext, len, "msg_", "");
}

/* Queue m in the rendered parts[0..nparts) (freed here), the first with
 * the id already in ext (it is in the text), each further one with its
 * own. */
static int
queue_parts(struct engine *e, struct message *m, char *ext, size_t extlen,
    char **parts, size_t nparts, const int64_t *ids, size_t n, time_t now,
    struct engine_stats *stats, struct error *err)
{
	size_t k;
	int rc = 0;

	m->parts = (int)nparts;
	for (k = 0; k < nparts && rc == 0; k++) {
		if (k > 0)
			new_id(ext, extlen, "msg_", "");
		m->ext_id = ext;
		m->part = (int)k + 1;
		m->payload = parts[k];
		rc = queue(e, m, "queued", ids, n, now, stats, err);
	}
	m->payload = NULL;
	for (k = 0; k < nparts; k++)
		free(parts[k]);
	free(parts);
	return rc;
}

/* Render batch b for its channel and queue it (several messages when a
 * robot's digest must be split). */
int
route_queue_batch(struct engine *e, const struct batch *b, const struct pending *pend,
    const struct where *w, size_t nw, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct notice_item *items = xcalloc(b->n, sizeof(*items));
	char (*urls)[512] = xcalloc(b->n, sizeof(*urls));
	char **notes = xcalloc(b->n, sizeof(*notes));
	int64_t *ids = xcalloc(b->n, sizeof(*ids));
	char ext[128], **parts = NULL;
	struct message m;
	struct digest d;
	size_t k, nparts;
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
	if ((rc = make_items(e, b, pend, w, nw, now, items, urls, notes,
	    err)) != 0)
		goto out;
	d = (struct digest){ b->label != NULL ? b->label : b->r->name, ext, now,
	    items, b->n };
	m.title = render_subject(&d);
	/* The message id goes into the text (Message-ID, webhook-id), so
	 * the first is made before rendering; further parts get their own. */
	message_id(e, b->channel, ext, sizeof(ext));
	nparts = render_for_channel(&d, b->channel, e->cfg->delivery.smtp.from,
	    mail_to(b->r, b->channel, b->address), &parts);
	rc = queue_parts(e, &m, ext, sizeof(ext), parts, nparts, ids, b->n, now,
	    stats, err);
out:
	free(m.title);
	for (k = 0; k < b->n; k++)
		free(notes[k]);
	free(notes);
	free(items);
	free(urls);
	free(ids);
	return rc;
}

int
route_queue_document(struct engine *e, const struct recipient *to,
    struct document *d, time_t now, struct engine_stats *stats,
    struct error *err)
{
	struct message m;
	struct address a;
	char ext[128], **parts;
	size_t k, nparts;
	int rc = 0;

	memset(&m, 0, sizeof(m));
	m.recipient = to->name;
	m.title = (char *)d->subject;
	for (k = 0; rc == 0 && recipient_address(e->cfg, to, k, &a); k++) {
		m.channel = a.kind;
		m.address = (char *)a.to;
		message_id(e, a.kind, ext, sizeof(ext));
		d->id = ext;
		nparts = render_document_for_channel(d, a.kind,
		    e->cfg->delivery.smtp.from, mail_to(to, a.kind, a.to),
		    &parts);
		rc = queue_parts(e, &m, ext, sizeof(ext), parts, nparts, NULL,
		    0, now, stats, err);
	}
	return rc;
}

/* Whether name is a configured report's (its messages' recipient). */
static bool
is_report(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->nreports; i++)
		if (strcmp(c->reports[i].to.name, name) == 0)
			return true;
	return false;
}

int
route_queue_failure(struct engine *e, int64_t id, time_t now,
    struct error *err)
{
	const struct recipient *admin = &e->cfg->admin;
	const struct where *x;
	struct message_record rec;
	struct engine_stats stats;
	struct notice_item *items = NULL;
	struct pending *pend = NULL;
	struct failure f;
	struct message m;
	struct address a;
	int64_t *ids = NULL;
	char *recipient = NULL, ext[128], **parts;
	size_t np = 0, k, nparts;
	bool found;
	int rc, today = clock_local_day(now);

	memset(&stats, 0, sizeof(stats));
	if ((rc = outbox_record(e->st, id, &rec, &found, err)) != 0)
		return rc;
	/* Nothing to tell of admin's own messages: no loop.  A message
	 * without notices is a periodic report's (one of a configured
	 * report's name) or nothing to tell. */
	if (!found || strcmp(rec.recipient, admin->name) == 0 ||
	    (rc = outbox_message_notices(e->st, id, &recipient, &pend, &np,
	    err)) != 0 || (np == 0 && !is_report(e->cfg, rec.recipient)) ||
	    (np > 0 && (rc = engine_load_plans(e, err)) != 0))
		goto out;
	items = xcalloc(np + 1, sizeof(*items));
	ids = xcalloc(np + 1, sizeof(*ids));
	for (k = 0; k < np; k++) {
		if ((x = find_notice(&pend[k], e->w, e->nw, err)) == NULL) {
			rc = err->code;
			goto out;
		}
		items[k] = item_of(&pend[k], x, today, NULL);
		ids[k] = pend[k].id;
	}
	f = (struct failure){ ext, now, id, rec.recipient, rec.channel,
	    rec.address, rec.last_error, rec.attempts, rec.created_at,
	    rec.first_tried, rec.last_tried, items, np };
	memset(&m, 0, sizeof(m));
	m.recipient = admin->name;
	m.title = render_failure_subject(&f);
	for (k = 0; rc == 0 && recipient_address(e->cfg, admin, k, &a); k++) {
		m.channel = a.kind;
		m.address = (char *)a.to;
		message_id(e, a.kind, ext, sizeof(ext));
		nparts = render_failure_for_channel(&f, a.kind,
		    e->cfg->delivery.smtp.from, mail_to(admin, a.kind, a.to),
		    &parts);
		rc = queue_parts(e, &m, ext, sizeof(ext), parts, nparts, ids,
		    np, now, &stats, err);
	}
	free(m.title);
out:
	outbox_record_free(&rec);
	outbox_pending_free(pend, np);
	free(recipient);
	free(items);
	free(ids);
	return rc;
}
