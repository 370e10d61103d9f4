/* ledger: the ledger's rows from the board's cells and the store's times
 * (first notice sent, first 已收到, first 已完成, read in one query), the
 * state of each in one function, and each unit's figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/ledger.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/text.h"
#include "plan/units.h"
#include "store/sql.h"
#include "store/tokens.h"

static const char *const state_names[LEDGER_NSTATES] = {
	[LEDGER_DONE] = "done", [LEDGER_REVIEW] = "review",
	[LEDGER_PAUSED] = "paused",
	[LEDGER_OVERDUE] = "overdue", [LEDGER_PROGRESS] = "progress",
	[LEDGER_ACKED] = "acked", [LEDGER_NOTIFIED] = "notified",
	[LEDGER_QUIET] = "quiet",
};

const char *
ledger_state_name(enum ledger_state st)
{
	return state_names[st];
}

static const char *const state_labels[LEDGER_NSTATES] = {
	[LEDGER_DONE] = "已完成", [LEDGER_REVIEW] = "待审核",
	[LEDGER_PAUSED] = "已暂停", [LEDGER_OVERDUE] = "逾期",
	[LEDGER_PROGRESS] = "进行中", [LEDGER_ACKED] = "已确认",
	[LEDGER_NOTIFIED] = "已通知", [LEDGER_QUIET] = "未通知",
};

const char *
ledger_state_label(enum ledger_state st)
{
	return state_labels[st];
}

/* Green for done, red for overdue, amber for waiting on review, blue
 * for work under way, lavender for paused. */
static const struct ledger_colour state_colours[LEDGER_NSTATES] = {
	[LEDGER_DONE] = { 0xC6EFCE, 0x006100 },
	[LEDGER_REVIEW] = { 0xFFEB9C, 0x9C5700 },
	[LEDGER_PAUSED] = { 0xE4DFEC, 0x5B4A7A },
	[LEDGER_OVERDUE] = { 0xFFC7CE, 0x9C0006 },
	[LEDGER_PROGRESS] = { 0xDDEBF7, 0x1F4E78 },
	[LEDGER_ACKED] = { 0xE2EFDA, 0x375623 },
	[LEDGER_NOTIFIED] = { 0xFFF2CC, 0x7F6000 },
	[LEDGER_QUIET] = { 0xEDEDED, 0x595959 },
};

const struct ledger_colour *
ledger_state_colour(enum ledger_state st)
{
	return &state_colours[st];
}

void
ledger_state_text(const struct ledger_row *r, char *out, size_t len)
{
	char day[11];

	switch (r->state) {
	case LEDGER_DONE:
	case LEDGER_REVIEW:
	case LEDGER_ACKED:
	case LEDGER_NOTIFIED:
	case LEDGER_QUIET:
		snprintf(out, len, "%s", state_labels[r->state]);
		return;
	case LEDGER_PAUSED:
		date_format(r->cell->paused_until, day);
		snprintf(out, len, "%s至 %s", state_labels[r->state], day);
		return;
	case LEDGER_OVERDUE:
		snprintf(out, len, "%s %d 天", state_labels[r->state],
		    r->days_overdue);
		return;
	case LEDGER_PROGRESS:
		if (r->progress_share >= 0)
			snprintf(out, len, "%s %d%%", state_labels[r->state],
			    r->progress_share);
		else
			snprintf(out, len, "%s", state_labels[r->state]);
		return;
	case LEDGER_NSTATES:
		break;
	}
	snprintf(out, len, "%s", state_labels[LEDGER_QUIET]);
}

/* The state of r on day today, from its times, its latest progress
 * report and its cell's review: the one place that says which state
 * wins. */
static void
row_state(struct ledger_row *r, int today)
{
	int due = r->extended != DATE_NONE ? r->extended : r->due;

	r->ontime = ONTIME_UNKNOWN;
	if (r->done != 0) {
		int day = clock_local_day(r->done);

		r->state = r->cell->review == REVIEW_WAITING ? LEDGER_REVIEW :
		    LEDGER_DONE;
		/* A date-less (ongoing) item done is done on time. */
		r->ontime = due == DATE_NONE || day <= due ? ONTIME_YES :
		    ONTIME_NO;
		return;
	}
	/* Paused, it is neither chased nor counted overdue; late it is
	 * late all the same. */
	if (r->cell->paused_until != DATE_NONE) {
		r->state = LEDGER_PAUSED;
		if (due != DATE_NONE && due < today)
			r->ontime = ONTIME_NO;
	} else if (due != DATE_NONE && due < today) {
		r->state = LEDGER_OVERDUE;
		r->days_overdue = today - due;
		r->ontime = ONTIME_NO;
	} else if (r->progress_at != 0)
		r->state = LEDGER_PROGRESS;
	else if (r->acked != 0)
		r->state = LEDGER_ACKED;
	else if (r->notified != 0)
		r->state = LEDGER_NOTIFIED;
	else
		r->state = LEDGER_QUIET;
}

/* The times of one item (measure, unit, due). */
struct item_times {
	int64_t measure_id;
	char *unit;
	int due;
	time_t notified, acked, done, last_done, reviewed;
};

static int
cmp_times(const void *a, const void *b)
{
	const struct item_times *x = a, *y = b;

	return item_order(x->measure_id, x->due, x->unit, y->measure_id,
	    y->due, y->unit);
}

/* Every item's first notice sent, first ack and first done, sorted. */
static int
load_times(struct store *s, struct item_times **out, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	*out = NULL;
	*n = 0;
	/* A completion confirmed (销号) is an approved completion request,
	 * keyed by the occurrence's original date like the answers. */
	rc = sql_prepare(s, &st, err, "SELECT measure_id, unit, due, "
	    "min(sent), min(acked), min(done), max(done), max(reviewed) FROM ("
	    "SELECT n.measure_id, n.unit, n.due, m.sent_at AS sent, NULL AS "
	    "acked, NULL AS done, NULL AS reviewed FROM notice n JOIN "
	    "message_notice mn ON mn.notice_id = n.id JOIN message m ON "
	    "m.id = mn.message_id WHERE m.state = 'sent' UNION ALL "
	    "SELECT measure_id, unit, due, NULL, CASE kind WHEN 'ack' THEN at "
	    "END, CASE kind WHEN 'done' THEN at END, NULL FROM ack WHERE kind "
	    "IN ('ack', 'done') UNION ALL "
	    "SELECT measure_id, unit, due, NULL, NULL, NULL, decided_at FROM "
	    "request WHERE kind = 'completion' AND state = 'approved') "
	    "GROUP BY 1, 2, 3", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct item_times *t;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		t = &(*out)[(*n)++];
		t->measure_id = sqlite3_column_int64(st, 0);
		t->unit = xstrdup(col_text(st, 1));
		if (!date_parse(col_text(st, 2), &t->due))
			t->due = DATE_NONE;
		t->notified = (time_t)sqlite3_column_int64(st, 3);
		t->acked = (time_t)sqlite3_column_int64(st, 4);
		t->done = (time_t)sqlite3_column_int64(st, 5);
		t->last_done = (time_t)sqlite3_column_int64(st, 6);
		t->reviewed = (time_t)sqlite3_column_int64(st, 7);
	}
	sql_done(s, st);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_times);
	return rc;
}

/* One progress report of an item: the day it came. */
struct report_day {
	int64_t measure_id;
	char *unit;
	int due, day;
};

static int
cmp_reports(const void *a, const void *b)
{
	const struct report_day *x = a, *y = b;
	int c = item_order(x->measure_id, x->due, x->unit, y->measure_id,
	    y->due, y->unit);

	return c != 0 ? c : (x->day > y->day) - (x->day < y->day);
}

/* Every progress report's day, sorted by item and day. */
static int
load_reports(struct store *s, struct report_day **out, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sql_prepare(s, &st, err, "SELECT measure_id, unit, due, at FROM "
	    "ack WHERE kind = 'progress'", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct report_day *r;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		r = &(*out)[(*n)++];
		r->measure_id = sqlite3_column_int64(st, 0);
		r->unit = xstrdup(col_text(st, 1));
		if (!date_parse(col_text(st, 2), &r->due))
			r->due = DATE_NONE;
		r->day = clock_local_day((time_t)sqlite3_column_int64(st, 3));
	}
	sql_done(s, st);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_reports);
	return rc;
}

static void
reports_free(struct report_day *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].unit);
	free(v);
}

/* Whether the item of r due on `due` has a report in (after, date]. */
static bool
reported_in(const struct ledger_row *r, const struct report_day *v, size_t n,
    int due, int after, int date)
{
	struct report_day key = { r->cell->measure->id,
	    (char *)r->cell->unit->name, due, after + 1 };
	size_t lo = 0, hi = n, mid;

	/* The first report at or after the key: the item's first on
	 * after + 1 or later. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_reports(&v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].measure_id == key.measure_id &&
	    v[lo].due == due && strcmp(v[lo].unit, key.unit) == 0 &&
	    v[lo].day <= date;
}

/* The earliest of two times, 0 standing for none. */
static time_t
earliest(time_t a, time_t b)
{
	return a == 0 || (b != 0 && b < a) ? b : a;
}

/* Merge into r the times of its item due on `due`. */
static void
item_times(struct ledger_row *r, const struct item_times *v, size_t n,
    int due)
{
	/* A key for bsearch: the plan's unit name, not written to. */
	struct item_times key = { r->cell->measure->id,
	    (char *)r->cell->unit->name, due, 0, 0, 0, 0, 0 };
	const struct item_times *t;

	if (n == 0 || (t = bsearch(&key, v, n, sizeof(*v), cmp_times)) == NULL)
		return;
	r->notified = earliest(r->notified, t->notified);
	r->acked = earliest(r->acked, t->acked);
	r->done = earliest(r->done, t->done);
	if (t->last_done > r->last_done)
		r->last_done = t->last_done;
	if (t->reviewed > r->reviewed)
		r->reviewed = t->reviewed;
}

static void
times_free(struct item_times *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].unit);
	free(v);
}

/* Monday to Friday, for a period without a window. */
static const struct send_window weekdays = { 0x3e, 0, 24 * 60 };

int
ledger_workdays(const struct calendar *cal, const struct send_window *w,
    int from, int to)
{
	int n = 0;

	for (int day = from + 1; day <= to; day++)
		n += calendar_is_workday(cal, w != NULL ? w : &weekdays, day);
	return n;
}

/* Whether r counts in the units' figures of period p. */
static bool
in_period(const struct ledger *l, const struct ledger_row *r)
{
	int due = r->extended != DATE_NONE ? r->extended : r->due;

	if (l->from == DATE_NONE && l->to == DATE_NONE)
		return true;
	return due != DATE_NONE && (l->from == DATE_NONE || due >= l->from) &&
	    (l->to == DATE_NONE || due <= l->to);
}

/* The report dates of r that passed in the period before the report date
 * and before r was done, and of those the ones reported for. */
static void
count_reports(const struct ledger *l, const struct ledger_period *p,
    const struct ledger_row *r, const struct report_day *v, size_t nv,
    struct ledger_unit *u)
{
	struct ledger_report d[64];	/* a year's months, and room */
	int due = r->extended != DATE_NONE ? r->extended : r->due;
	int to = l->to != DATE_NONE && l->to < l->today ? l->to : l->today - 1;
	int done = r->done != 0 ? clock_local_day(r->done) : DATE_NONE;
	size_t n, k;

	n = p->reports(p->arg, r->cell, due, to, d, ARRAY_LEN(d));
	for (k = 0; k < n && k < ARRAY_LEN(d); k++) {
		if ((l->from != DATE_NONE && d[k].date < l->from) ||
		    d[k].date > to || (done != DATE_NONE && done <= d[k].date))
			continue;
		u->reports_due++;
		u->reports_ontime += reported_in(r, v, nv, r->due, d[k].after,
		    d[k].date) || (r->extended != DATE_NONE && reported_in(r, v,
		    nv, r->extended, d[k].after, d[k].date));
	}
}

/* A unit's index and one answer's working days, for the medians. */
struct ack_days {
	size_t unit;
	int days;
};

static int
cmp_ack_days(const void *a, const void *b)
{
	const struct ack_days *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->days > y->days) - (x->days < y->days);
}

/* Each unit's median from the sorted days (runs of one unit). */
static void
medians(struct ledger *l, const struct ack_days *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j].unit == v[i].unit; j++)
			;
		l->units[v[i].unit].ack_median = (j - i) % 2 == 1 ?
		    v[i + (j - i) / 2].days : (v[i + (j - i) / 2 - 1].days +
		    v[i + (j - i) / 2].days) / 2.0;
	}
}

/* The units' figures, counted from their rows; a unit found by its name
 * in an open-addressing table (index + 1, 0 empty) of at least twice as
 * many slots as rows, so that it never fills. */
static void
count_units(struct ledger *l, const struct ledger_period *p,
    const struct report_day *v, size_t nv)
{
	size_t cap = 0, nslots = 16, *slots, i, h, nack = 0;
	struct ack_days *acks = xcalloc(l->nrows + 1, sizeof(*acks));

	while (nslots < 2 * l->nrows)
		nslots *= 2;
	slots = xcalloc(nslots, sizeof(*slots));
	for (i = 0; i < l->nrows; i++) {
		const struct ledger_row *r = &l->rows[i];
		const char *name = r->cell->unit->name;
		int due = r->extended != DATE_NONE ? r->extended : r->due;
		time_t answer = earliest(r->acked, r->done);
		struct ledger_unit *u;

		for (h = text_hash(name) & (nslots - 1); slots[h] != 0 &&
		    strcmp(l->units[slots[h] - 1].name, name) != 0;
		    h = (h + 1) & (nslots - 1))
			;
		if (slots[h] == 0) {
			l->units = xgrow(l->units, &cap, l->nunits + 1,
			    sizeof(*l->units));
			l->units[l->nunits++] = (struct ledger_unit){ .name = name,
			    .group = r->cell->unit->group, .ack_median = -1 };
			slots[h] = l->nunits;
		}
		u = &l->units[slots[h] - 1];
		if (l->reports)
			count_reports(l, p, r, v, nv, u);
		if (!in_period(l, r))
			continue;
		u->items++;
		/* Done is done when confirmed: 待审核 is still open. */
		if (r->state == LEDGER_DONE) {
			if (r->ontime == ONTIME_YES)
				u->done_ontime++;
			else
				u->done_late++;
		} else if (r->state == LEDGER_OVERDUE)
			u->overdue++;
		else
			u->open++;
		if (due != DATE_NONE && due <= l->today) {
			u->due_by++;
			u->due_ontime += r->state == LEDGER_DONE &&
			    r->ontime == ONTIME_YES;
		}
		/* An answer (已收到, or 已完成 without one) to a notice. */
		if (r->notified != 0 && answer != 0) {
			u->acked++;
			acks[nack++] = (struct ack_days){ slots[h] - 1,
			    ledger_workdays(p != NULL ? p->cal : NULL, p != NULL ?
			    p->window : NULL, clock_local_day(r->notified),
			    clock_local_day(answer)) };
		} else if (r->notified != 0)
			u->unacked++;
	}
	if (nack > 1)
		qsort(acks, nack, sizeof(*acks), cmp_ack_days);
	medians(l, acks, nack);
	free(acks);
	free(slots);
}

int
ledger_ontime_rate(const struct ledger_unit *u)
{
	if (u->due_by == 0)
		return -1;
	return (int)((u->due_ontime * 100 + u->due_by / 2) / u->due_by);
}

int
ledger_build(struct store *s, const struct board_cell *cells, size_t n,
    int today, struct ledger *l, struct error *err)
{
	return ledger_build_period(s, cells, n, today, NULL, l, err);
}

int
ledger_build_period(struct store *s, const struct board_cell *cells,
    size_t n, int today, const struct ledger_period *p, struct ledger *l,
    struct error *err)
{
	struct item_times *times = NULL;
	struct report_day *reports = NULL;
	size_t ntimes = 0, nreports = 0;
	int rc;

	memset(l, 0, sizeof(*l));
	l->today = today;
	l->from = p != NULL ? p->from : DATE_NONE;
	l->to = p != NULL ? p->to : DATE_NONE;
	l->reports = p != NULL && p->reports != NULL;
	if (n > LEDGER_MAX_ROWS)
		return error_set(err, EXIT_DATAERR, "ledger: %zu items, more than "
		    "a sheet's %d rows", n, LEDGER_MAX_ROWS);
	if ((rc = load_times(s, &times, &ntimes, err)) != 0 ||
	    (l->reports && (rc = load_reports(s, &reports, &nreports,
	    err)) != 0)) {
		times_free(times, ntimes);
		reports_free(reports, nreports);
		return rc;
	}
	l->rows = xcalloc(n + 1, sizeof(*l->rows));
	for (size_t i = 0; i < n; i++) {
		const struct board_cell *c = &cells[i];
		struct ledger_row *r = &l->rows[l->nrows++];

		*r = (struct ledger_row){ .cell = c, .due = c->due,
		    .extended = c->extended_to, .progress_at = c->reported,
		    .progress_share = c->reported != 0 ? c->percent : -1,
		    .progress_text = c->report };
		/* Answers and notices after an extension carry its date. */
		item_times(r, times, ntimes, c->due);
		if (c->extended_to != DATE_NONE)
			item_times(r, times, ntimes, c->extended_to);
		/* Under review the completion that counts is the last one
		 * reported; one returned (退回) leaves the item open. */
		if (c->review == REVIEW_RETURNED)
			r->done = 0;
		else if (c->review != REVIEW_NONE)
			r->done = r->last_done;
		if (c->review != REVIEW_CONFIRMED)
			r->reviewed = 0;
		row_state(r, today);
	}
	times_free(times, ntimes);
	count_units(l, p, reports, nreports);
	reports_free(reports, nreports);
	return 0;
}

/* Units by on-time rate, the lowest first, then more overdue (0 when
 * equal); those with nothing due are sorted apart. */
static int
cmp_standing(const struct ledger_unit *x, const struct ledger_unit *y)
{
	int rx = ledger_ontime_rate(x), ry = ledger_ontime_rate(y);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	return 0;
}

/* Worst first (cmp_standing), or best first; either way those with
 * nothing due last, then by name. */
static int
cmp_units(const struct ledger_unit *x, const struct ledger_unit *y,
    int dir)
{
	int c;

	if ((ledger_ontime_rate(x) < 0) != (ledger_ontime_rate(y) < 0))
		return ledger_ontime_rate(x) < 0 ? 1 : -1;
	if ((c = cmp_standing(x, y)) != 0)
		return dir * c;
	return strcmp(x->name, y->name);
}

static int
cmp_units_worst(const void *a, const void *b)
{
	return cmp_units(*(const struct ledger_unit *const *)a,
	    *(const struct ledger_unit *const *)b, 1);
}

static int
cmp_units_best(const void *a, const void *b)
{
	return cmp_units(*(const struct ledger_unit *const *)a,
	    *(const struct ledger_unit *const *)b, -1);
}

void
ledger_units_order(const struct ledger *l, bool best_first, size_t *order)
{
	const struct ledger_unit **u = xcalloc(l->nunits + 1, sizeof(*u));
	size_t i;

	for (i = 0; i < l->nunits; i++)
		u[i] = &l->units[i];
	if (l->nunits > 1)
		qsort(u, l->nunits, sizeof(*u), best_first ? cmp_units_best :
		    cmp_units_worst);
	for (i = 0; i < l->nunits; i++)
		order[i] = (size_t)(u[i] - l->units);
	free(u);
}

void
ledger_free(struct ledger *l)
{
	free(l->rows);
	free(l->units);
	memset(l, 0, sizeof(*l));
}

/* ---- the table ------------------------------------------------------------ */


const struct ledger_column ledger_columns[LEDGER_NCOLUMNS] = {
	[LEDGER_COL_PLAN] = { "计划", "plan" },
	[LEDGER_COL_TASK_NO] = { "任务序号", "task_no" },
	[LEDGER_COL_TASK] = { "任务", "task" },
	[LEDGER_COL_MEASURE_ID] = { "举措编号", "measure_id" },
	[LEDGER_COL_MEASURE] = { "落实举措", "measure" },
	[LEDGER_COL_UNIT] = { "责任单位", "unit" },
	[LEDGER_COL_GROUP] = { "所属分组", "group" },
	[LEDGER_COL_ROLE] = { "角色", "role" },
	[LEDGER_COL_DEADLINE] = { "完成时限", "deadline" },
	[LEDGER_COL_DUE] = { "截止日期", "due" },
	[LEDGER_COL_EXTENDED] = { "延期至", "extended_due" },
	[LEDGER_COL_STATE] = { "状态", "state" },
	[LEDGER_COL_NOTIFIED] = { "首次通知", "notified" },
	[LEDGER_COL_ACKED] = { "确认时间", "acknowledged" },
	[LEDGER_COL_PROGRESS_AT] = { "最新进展日期", "progress_at" },
	[LEDGER_COL_SHARE] = { "完成比例(%)", "progress_share" },
	[LEDGER_COL_PROGRESS] = { "最新进展", "progress" },
	[LEDGER_COL_DONE] = { "办结时间", "done" },
	[LEDGER_COL_REVIEWED] = { "销号时间", "reviewed" },
	[LEDGER_COL_ONTIME] = { "是否按期", "on_time" },
};

static void
put_text(struct ledger_value *v, const char *s)
{
	v->kind = s != NULL ? LV_TEXT : LV_EMPTY;
	v->text = s;
}

static void
put_time(struct ledger_value *v, time_t t)
{
	v->kind = t != 0 ? LV_TIME : LV_EMPTY;
	v->t = t;
}

static void
put_date(struct ledger_value *v, int day)
{
	v->kind = day != DATE_NONE ? LV_DATE : LV_EMPTY;
	v->day = day;
}

void
ledger_value(const struct ledger_row *r, size_t col, char *scratch,
    struct ledger_value *v)
{
	const struct board_cell *c = r->cell;

	memset(v, 0, sizeof(*v));
	switch ((enum ledger_col)col) {
	case LEDGER_COL_PLAN: put_text(v, c->plan->title); break;
	case LEDGER_COL_TASK_NO: v->kind = LV_INT; v->i = c->task->no; break;
	case LEDGER_COL_TASK: put_text(v, c->task->title); break;
	case LEDGER_COL_MEASURE_ID: v->kind = LV_INT; v->i = c->measure->id; break;
	case LEDGER_COL_MEASURE: put_text(v, c->measure->text); break;
	case LEDGER_COL_UNIT: put_text(v, c->unit->name); break;
	case LEDGER_COL_GROUP: put_text(v, c->unit->group); break;
	case LEDGER_COL_ROLE: put_text(v, role_label(c->unit->role)); break;
	case LEDGER_COL_DEADLINE: put_text(v, c->measure->deadline_text); break;
	case LEDGER_COL_DUE: put_date(v, r->due); break;
	case LEDGER_COL_EXTENDED: put_date(v, r->extended); break;
	case LEDGER_COL_STATE:
		ledger_state_text(r, scratch, 64);
		put_text(v, scratch);
		break;
	case LEDGER_COL_NOTIFIED: put_time(v, r->notified); break;
	case LEDGER_COL_ACKED: put_time(v, r->acked); break;
	case LEDGER_COL_PROGRESS_AT: put_time(v, r->progress_at); break;
	case LEDGER_COL_SHARE:
		if (r->progress_share >= 0) {
			v->kind = LV_INT;
			v->i = r->progress_share;
		}
		break;
	case LEDGER_COL_PROGRESS: put_text(v, r->progress_text); break;
	case LEDGER_COL_DONE: put_time(v, r->done); break;
	case LEDGER_COL_REVIEWED: put_time(v, r->reviewed); break;
	case LEDGER_COL_ONTIME:
		put_text(v, r->ontime == ONTIME_YES ? "是" :
		    r->ontime == ONTIME_NO ? "否" : NULL);
		break;
	case LEDGER_NCOLUMNS:
		break;
	}
	if (v->kind == LV_TEXT && *v->text == '\0')
		v->kind = LV_EMPTY;
}
