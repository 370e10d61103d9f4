/* schedule: which notices are due, as a pure function of the policy, the
 * item and now.
 *
 * An item has occurrences: one due date, or each period's end for
 * periodic items (a month, two, a quarter or half year; and for ongoing
 * items under a monthly or quarterly check-in policy), or each period's
 * due day for those of periods shorter than a month (deadline_year_dues:
 * a week's Friday, or the day the item names, or the working day before
 * it under a holiday calendar; every other week's; each 15th or 10th and
 * month end).  Each occurrence has stages in time order: a lead
 * notice for each lead day, the due-day notice, then overdue notices every
 * overdue_every_days, at most overdue_max of them; an ongoing item under a
 * check-in policy has one check-in notice before each period's end.  A
 * stage triggers at the send window's start on its day, held to the next
 * open window.  It is current from its trigger until the next stage's
 * (the last for overdue_every_days), so a pass sends only the current
 * stage: a daemon started late sends no backlog, and the stages it missed
 * are reported so that they can be recorded as skipped.  The stages of
 * an occurrence of a period shorter than a month (a week, 每半月, 每旬)
 * stay between the due days around it: no lead notice on or before the
 * previous period's due day, no overdue notice on or after the next
 * one's, so that one period's reminders never stand in the next's way. */
#include <limits.h>
#include <string.h>

#include "conf/calendar.h"
#include "base/clock.h"
#include "base/date.h"
#include "conf/load.h"
#include "engine/schedule.h"

#define DAY_SECONDS 86400
/* The most occurrences an item has in a year: a weekly one's (a tenday
 * one has 36). */
#define MAX_OCCURRENCES DL_MAX_WEEKS

/* The due dates of an item's periods in its plan's year (a day after a
 * period's end may fall in the next year), into dues (at most
 * MAX_OCCURRENCES); *checkin tells whether they get check-ins rather
 * than deadlines. */
static size_t
occurrences(const struct config *c, const struct sched_item *it, int *dues,
    bool *checkin)
{
	struct dl_rules rules = config_deadline_rules(c);
	int step = 0, m;
	size_t n = 0;

	*checkin = false;
	switch (it->deadline.kind) {
	case DL_DATE:
		dues[n++] = it->deadline.due;
		return n;
	case DL_ONGOING:
		if (c->schedule.ongoing == ONGOING_NONE) {
			dues[n++] = it->deadline.due;
			return n;
		}
		*checkin = true;
		step = ongoing_months(c->schedule.ongoing);
		break;
	case DL_MONTHLY:
	case DL_BIMONTHLY:
	case DL_QUARTERLY:
	case DL_SEMIANNUAL:
		step = deadline_period_months(it->deadline.kind);
		break;
	case DL_WEEKLY:
	case DL_BIWEEKLY:
	case DL_SEMIMONTHLY:
	case DL_TENDAY:
		return deadline_year_dues(&it->deadline, it->year, &rules, dues,
		    MAX_OCCURRENCES);
	case DL_UNKNOWN:
		return 0;
	}
	for (m = step; m <= 12; m += step)
		dues[n++] = deadline_month_due(&it->deadline, it->year, m,
		    &rules);
	return n;
}

/* A stage of one occurrence, before it has a trigger time. */
struct stage_day {
	enum stage stage;
	int step;
	int day;
};

/* The stages of the occurrence due on `due`, in time order, without those
 * the unit's answer has stopped and those on or outside the days after
 * and before (the neighbours of an occurrence of a short period). */
static size_t
stages(const struct config *c, bool checkin, enum answer answer, int due,
    int after, int before, struct stage_day *out, size_t max)
{
	size_t n = 0, i;
	int k, day;

	if (answer == ANSWER_DONE)
		return 0;
	if (checkin) {
		out[n++] = (struct stage_day){ STAGE_CHECKIN,
		    c->schedule.checkin_lead_days, due - c->schedule.checkin_lead_days };
		return n;
	}
	/* An acknowledged item gets no more lead notices; a lead day of 0
	 * is the due-day notice itself. */
	for (i = 0; answer == ANSWER_NONE && i < c->schedule.nlead_days && n < max; i++)
		if (c->schedule.lead_days[i] > 0 &&
		    (day = due - c->schedule.lead_days[i]) > after)
			out[n++] = (struct stage_day){ STAGE_LEAD,
			    c->schedule.lead_days[i], day };
	if (n < max)
		out[n++] = (struct stage_day){ STAGE_DUE, 0, due };
	for (k = 1; k <= c->schedule.overdue_max && n < max &&
	    (day = due + k * c->schedule.overdue_every_days) < before; k++)
		out[n++] = (struct stage_day){ STAGE_OVERDUE, k, day };
	return n;
}

/* Reverse out[from..to). */
static void
reverse(struct sched_notice *out, size_t from, size_t to)
{
	struct sched_notice t;

	for (; from + 1 < to; from++, to--) {
		t = out[from];
		out[from] = out[to - 1];
		out[to - 1] = t;
	}
}

/* The report date of month m of year y, DATE_NONE when none falls due
 * that month. */
static int
report_date(const struct config *c, int y, int m)
{
	int step = report_months(c->schedule.progress.every), end;

	if (step == 0 || m % step != 0)
		return DATE_NONE;
	end = date_from_ymd(y, m, 1) + c->schedule.progress.day - 1;
	if (end > date_month_end(y, m))		/* the 31st of a shorter month */
		end = date_month_end(y, m);
	/* The working day on or before it: "by the 25th" is by the last
	 * working day up to the 25th when it is a Sunday or a holiday. */
	return calendar_back_workdays(c->calendar, &c->schedule.window, end + 1,
	    1);
}

int
schedule_report_from(const struct config *c, int day)
{
	int y, m, d, k, r;

	if (report_months(c->schedule.progress.every) == 0)
		return DATE_NONE;
	date_to_ymd(day, &y, &m, &d);
	/* A date moved back never leaves its month by more than a few
	 * days: the months in order give them in order. */
	for (k = 0; k < 15; k++, m = m == 12 ? (y++, 1) : m + 1)
		if ((r = report_date(c, y, m)) != DATE_NONE && r >= day)
			return r;
	return DATE_NONE;
}

int
schedule_report_before(const struct config *c, int day)
{
	int y, m, d, k, r;

	if (report_months(c->schedule.progress.every) == 0)
		return DATE_NONE;
	date_to_ymd(day, &y, &m, &d);
	m = m == 12 ? (y++, 1) : m + 1;	/* next month's may move back */
	for (k = 0; k < 15; k++, m = m == 1 ? (y--, 12) : m - 1)
		if ((r = report_date(c, y, m)) != DATE_NONE && r < day)
			return r;
	return DATE_NONE;
}

/* Whether a report at `reported` (0: none) counts for the period ending
 * on report date `date`: it came after the date before it.  A report
 * made after a date counts for the next period, and ends the earlier
 * one's request and lateness too. */
static bool
reported_for(const struct config *c, int date, time_t reported)
{
	return reported != 0 &&
	    clock_local_day(reported) > schedule_report_before(c, date);
}

/* When the request for the report due on `date` goes out. */
static time_t
request_trigger(const struct config *c, int date)
{
	return calendar_trigger(c->calendar, &c->schedule.window,
	    calendar_back_workdays(c->calendar, &c->schedule.window, date,
	    c->schedule.progress.lead_days));
}

/* The report stages of the occurrence due on `due` whose report dates
 * fall after `after`: for each date not yet reported for, the request
 * and, once the date has passed, the "behind" notice (the working day
 * after it).  Into out[*count % max], as schedule_item's ring. */
static void
report_stages(const struct config *c, int due, int after, time_t reported,
    time_t now, struct sched_notice *out, size_t max, size_t *count,
    time_t *next)
{
	const struct send_window *w = &c->schedule.window;
	struct sched_notice sn[2];
	int date, late, k;

	for (date = schedule_report_from(c, after + 1);
	    date != DATE_NONE && date <= due;
	    date = schedule_report_from(c, date + 1)) {
		if (reported_for(c, date, reported))
			continue;
		late = calendar_add_workdays(c->calendar, w, date, 1);
		sn[0] = (struct sched_notice){ due, STAGE_REPORT, date,
		    request_trigger(c, date), false };
		sn[1] = (struct sched_notice){ due, STAGE_BEHIND, date,
		    calendar_trigger(c->calendar, w, late), false };
		/* The request stands until the date has passed; the yellow
		 * notice for its working day only: a daemon started later
		 * (or a schedule.progress just set) sends no old ones. */
		sn[0].current = now < sn[1].trigger;
		sn[1].current = now < calendar_trigger(c->calendar, w,
		    calendar_add_workdays(c->calendar, w, late, 1));
		for (k = 0; k < 2; k++) {
			if (sn[k].trigger > now) {
				if (next != NULL && (*next == 0 ||
				    sn[k].trigger < *next))
					*next = sn[k].trigger;
				break;
			}
			if (max > 0)
				out[*count % max] = sn[k];
			(*count)++;
		}
	}
}

/* Whether the occurrences of an item of this kind get report requests:
 * not those of a period shorter than a month (a week is its own report)
 * nor a check-in's (it asks for a report already). */
static bool
reports_apply(enum dl_kind kind, bool checkin)
{
	return !checkin && deadline_period_days(kind) == 0 &&
	    kind != DL_UNKNOWN;
}

bool
schedule_report_behind(const struct config *c, const struct deadline *dl,
    int year, int due, time_t reported, int today)
{
	struct dl_rules rules = config_deadline_rules(c);
	int date;

	if (due == DATE_NONE || !reports_apply(dl->kind, dl->kind == DL_ONGOING &&
	    c->schedule.ongoing != ONGOING_NONE))
		return false;
	date = schedule_report_before(c, today);
	return date != DATE_NONE && date <= due &&
	    date > deadline_period_start(dl, year, due, &rules) &&
	    !reported_for(c, date, reported);
}

size_t
schedule_report_dates(const struct config *c, const struct deadline *dl,
    int year, int due, int to, struct ledger_report *out, size_t max)
{
	struct dl_rules rules = config_deadline_rules(c);
	size_t n = 0;
	int date;

	if (due == DATE_NONE || !reports_apply(dl->kind, dl->kind == DL_ONGOING &&
	    c->schedule.ongoing != ONGOING_NONE))
		return 0;
	for (date = schedule_report_from(c, deadline_period_start(dl, year,
	    due, &rules) + 1); date != DATE_NONE && date <= due && date <= to;
	    date = schedule_report_from(c, date + 1), n++)
		if (n < max)
			out[n] = (struct ledger_report){
			    schedule_report_before(c, date), date };
	return n;
}

/* ledger_period's reports: arg is the configuration. */
static size_t
ledger_reports(const void *arg, const struct board_cell *cell, int due, int to,
    struct ledger_report *out, size_t max)
{
	return schedule_report_dates(arg, &cell->measure->deadline,
	    cell->plan->year, due, to, out, max);
}

void
schedule_ledger_period(const struct config *c, int from, int to,
    struct ledger_period *p)
{
	*p = (struct ledger_period){ from, to, c->calendar,
	    &c->schedule.window, NULL, c };
	if (report_months(c->schedule.progress.every) != 0)
		p->reports = ledger_reports;
}

void
schedule_mark_behind(const struct config *c, struct board_cell *cells,
    size_t n, int today)
{
	struct board_cell *x;

	for (x = cells; x < cells + n; x++)
		if ((x->state == CELL_QUIET || x->state == CELL_WAITING ||
		    x->state == CELL_ACKED) && x->review != REVIEW_WAITING &&
		    schedule_report_behind(c,
		    &x->measure->deadline, x->plan->year, x->due,
		    x->reported, today)) {
			x->state = CELL_BEHIND;
			x->has_level = cell_level(x, today, &x->level);
		}
}

size_t
schedule_item(const struct config *c, const struct sched_item *it, time_t now,
    struct sched_notice *out, size_t max, time_t *next)
{
	struct dl_rules rules = config_deadline_rules(c);
	struct stage_day st[128];
	time_t trig[128], end;
	int dues[MAX_OCCURRENCES], after = INT_MIN, before = INT_MAX, days;
	size_t nocc, o, n, i, count = 0;
	bool checkin;

	if (it->role == ROLE_SUPPORT && !c->schedule.notify_support)
		return 0;
	nocc = occurrences(c, it, dues, &checkin);
	for (o = 0; o < nocc; o++) {
		enum answer a = it->answer != NULL ?
		    it->answer(it->arg, dues[o]) : ANSWER_NONE;
		/* An extended occurrence's notices are planned from, and
		 * keyed by, its new date. */
		int due = it->due_for != NULL ? it->due_for(it->arg, dues[o]) :
		    dues[o];

		if ((days = deadline_period_days(it->deadline.kind)) > 0) {
			after = o > 0 ? dues[o - 1] : dues[o] - days;
			before = o + 1 < nocc ? dues[o + 1] : dues[o] + days;
		}
		if (due > before)
			before = INT_MAX;
		n = stages(c, checkin, a, due, after, before, st,
		    ARRAY_LEN(st));
		for (i = 0; i < n; i++)
			trig[i] = calendar_trigger(c->calendar, &c->schedule.window,
			    st[i].day);
		for (i = 0; i < n; i++) {
			if (trig[i] > now) {
				if (next != NULL && (*next == 0 || trig[i] < *next))
					*next = trig[i];
				break;
			}
			end = i + 1 < n ? trig[i + 1] : trig[i] +
			    (time_t)c->schedule.overdue_every_days * DAY_SECONDS;
			/* A ring of the last max: a late start keeps the
			 * current notices, not a year of missed ones. */
			if (max > 0)
				out[count % max] = (struct sched_notice){
				    due, st[i].stage, st[i].step, trig[i],
				    now < end };
			count++;
		}
		if (a != ANSWER_DONE && reports_apply(it->deadline.kind, checkin))
			report_stages(c, dues[o], o > 0 ? dues[o - 1] :
			    deadline_period_start(&it->deadline, it->year, dues[o],
			    &rules),
			    it->reported != NULL ? it->reported(it->arg, dues[o]) :
			    0, now, out, max, &count, next);
	}
	if (count <= max)
		return count;
	/* Rotate the ring into time order: its oldest is at count % max. */
	reverse(out, 0, count % max);
	reverse(out, count % max, max);
	reverse(out, 0, max);
	return max;
}

bool
schedule_escalation_due(const struct config *c, time_t first_sent, time_t now,
    time_t *when)
{
	int day;

	/* Counted in working days from the day of the first notice, so that
	 * a Friday notice is not escalated over the weekend. */
	if (c->schedule.escalate_after_days <= 0)
		return false;
	day = calendar_add_workdays(c->calendar, &c->schedule.window,
	    clock_local_day(first_sent), c->schedule.escalate_after_days);
	*when = calendar_trigger(c->calendar, &c->schedule.window, day);
	return now >= *when;
}

/* r's latest nominal day on or before day. */
static int
report_nominal_before(const struct report_conf *r, int day)
{
	int y, m, d, last;

	if (r->every == PERIOD_WEEK)
		return day - (date_weekday(day) - r->day + 7) % 7;
	date_to_ymd(day, &y, &m, &d);
	last = date_days_in_month(y, m);
	if ((r->day < last ? r->day : last) > d && --m == 0) {
		m = 12;
		y--;
	}
	last = date_days_in_month(y, m);
	return date_from_ymd(y, m, r->day < last ? r->day : last);
}

/* When the slot of nominal day n goes out: r->at on the first working
 * day on or after n (a year on, at most, when none is). */
static time_t
report_slot_time(const struct config *c, const struct report_conf *r, int n)
{
	int d;

	for (d = n; d < n + 366 && !calendar_is_workday(c->calendar,
	    &c->schedule.window, d); d++)
		;
	return clock_local_time(d, r->at / 60, r->at % 60);
}

bool
schedule_report_slot(const struct config *c, const struct report_conf *r,
    time_t now, int *slot, time_t *at)
{
	int today = clock_local_day(now), n;
	time_t t;

	for (n = report_nominal_before(r, today); n >= today - 62;
	    n = report_nominal_before(r, n - 1))
		if ((t = report_slot_time(c, r, n)) <= now) {
			*slot = n;
			*at = t;
			return true;
		}
	return false;
}

time_t
schedule_report_next(const struct config *c, const struct report_conf *r,
    time_t now)
{
	int today = clock_local_day(now), n, k;
	time_t t;

	/* The slots from the last one before today on, in order: a slot
	 * moved past now may be an earlier one's. */
	n = report_nominal_before(r, today - 1);
	for (k = 0; k < 400; k++) {
		if ((t = report_slot_time(c, r, n)) > now)
			return t;
		/* The next nominal day: the latest before a day far enough
		 * on (a week; a month's 31 days at most). */
		n = report_nominal_before(r, n + (r->every == PERIOD_WEEK ?
		    7 : 31));
	}
	return 0;
}
