/* report: the periodic report (情况通报) made for a slot: the ledger of
 * its plans, the last report's states, the workbook; and the pass's
 * part, which queues each report whose slot has come, once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/log.h"
#include "conf/load.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/engine.h"
#include "engine/report.h"
#include "engine/schedule.h"
#include "engine/state.h"
#include "store/acks.h"
#include "store/reports.h"

/* Whether r covers plan id. */
static bool
covers(const struct report_conf *r, int64_t id)
{
	size_t i;

	for (i = 0; i < r->nplans; i++)
		if (r->plans[i] == id)
			return true;
	return r->nplans == 0;
}

int
report_make(struct store *st, const struct config *cfg,
    struct plan *const *plans, size_t np, const struct report_conf *r,
    int slot, time_t now, struct report_made *o, struct error *err)
{
	struct plan **kept = xcalloc(np + 1, sizeof(*kept));
	struct board_cell *cells = NULL;
	struct dl_rules rules = config_deadline_rules(cfg);
	struct ledger l = { 0 };
	struct ledger_period period;
	struct report_input in;
	char *last = NULL, day[11];
	size_t i, nk = 0, ncells = 0;
	time_t last_at;
	int rc, today = clock_local_day(now);

	memset(o, 0, sizeof(*o));
	memset(&in, 0, sizeof(in));
	/* The units' figures as deadlinectl ledger counts them. */
	schedule_ledger_period(cfg, DATE_NONE, DATE_NONE, &period);
	for (i = 0; i < np; i++)
		if (covers(r, plans[i]->id))
			kept[nk++] = plans[i];
	if ((rc = acks_board(st, kept, nk, today, &rules, &cells, &ncells,
	    err)) != 0 || (rc = ledger_build_period(st, cells, ncells, today,
	    &period, &l, err)) != 0 || (rc = report_run_last(st, r->name, slot, &last,
	    &in.last_slot, &last_at, err)) != 0)
		goto out;
	date_format(today, day);
	snprintf(o->file_name, sizeof(o->file_name), "台账-%s.xlsx", day);
	/* The dashboard's /ledger.xlsx, of the one plan when it covers one. */
	o->url = r->nplans == 1 ? xasprintf("%s/ledger.xlsx?plan=%lld",
	    cfg->http.public_url, (long long)r->plans[0]) :
	    xasprintf("%s/ledger.xlsx", cfg->http.public_url);
	/* A workbook over the bound is linked rather than attached. */
	if (ledger_xlsx_bytes(&l, REPORT_FILE_MAX, &o->file, err) == 0)
		o->attached = true;
	else {
		log_warnx("report \"%s\": the ledger is not attached: %s",
		    r->name, err->msg);
		buf_free(&o->file);
	}
	in.name = r->name;
	in.last_snapshot = last;
	in.attached = o->attached;
	in.file_name = o->file_name;
	in.ledger_url = o->url;
	report_render(&l, &in, &o->t);
	report_snapshot(&l, &o->snapshot);
out:
	free(last);
	ledger_free(&l);
	acks_board_free(cells, ncells);
	free(kept);
	return rc;
}

void
report_made_free(struct report_made *o)
{
	report_text_free(&o->t);
	buf_free(&o->file);
	buf_free(&o->snapshot);
	free(o->url);
}

/* Queue report r of slot to each of its addresses and record the slot
 * made, in the pass's transaction: both or neither. */
static int
queue_report(struct engine *e, const struct report_conf *r, int slot,
    time_t now, struct engine_stats *stats, struct error *err)
{
	struct report_made o;
	struct mail_file f;
	struct document d;
	char day[11];
	int rc;

	if ((rc = report_make(e->st, e->cfg, e->plans, e->nplans, r, slot, now,
	    &o, err)) != 0)
		return rc;
	f = (struct mail_file){ o.file_name, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet", o.file.s, o.file.len };
	d = (struct document){ NULL, now, o.t.subject, buf_str(&o.t.text),
	    buf_str(&o.t.html), buf_str(&o.t.markdown), o.attached ? &f :
	    NULL };
	if ((rc = route_queue_document(e, &r->to, &d, now, stats, err)) == 0)
		rc = report_run_add(e->st, r->name, slot, now,
		    buf_str(&o.snapshot), err);
	if (rc == 0) {
		date_format(slot, day);
		log_info("%sreport \"%s\" of %s queued", e->dry_run ?
		    "dry run: " : "", r->name, day);
	}
	report_made_free(&o);
	return rc;
}

int
engine_reports(struct engine *e, time_t now, struct engine_stats *stats,
    struct error *err)
{
	const struct report_conf *r;
	time_t at;
	size_t i;
	bool made;
	int slot, rc = 0;

	for (i = 0; i < e->cfg->nreports && rc == 0; i++) {
		r = &e->cfg->reports[i];
		/* A slot more than a day past (the daemon was down, or
		 * this is its first start) is not made late. */
		if (!schedule_report_slot(e->cfg, r, now, &slot, &at) ||
		    now - at >= REPORT_LATE_MAX)
			continue;
		if ((rc = report_run_made(e->st, r->name, slot, &made,
		    err)) == 0 && !made)
			rc = queue_report(e, r, slot, now, stats, err);
	}
	return rc;
}

time_t
engine_reports_next(const struct engine *e, time_t now)
{
	time_t t = 0, n;
	size_t i;

	for (i = 0; i < e->cfg->nreports; i++)
		if ((n = schedule_report_next(e->cfg, &e->cfg->reports[i],
		    now)) != 0 && (t == 0 || n < t))
			t = n;
	return t;
}
