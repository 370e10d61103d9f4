/* Table-driven tests of the reminder policy over fixed clocks: stages,
 * send windows, weekends, holidays and make-up working days, time zones,
 * a late start, answers, support units, periodic and ongoing items;
 * progress report dates, requests and "behind" notices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conf/calendar.h"
#include "base/clock.h"
#include "base/date.h"
#include "engine/schedule.h"

static int lead_days[] = { 7, 1, 0 };

struct row {
	const char *name;
	const char *zone;
	bool holidays;		/* use etc/holidays/2021.conf */
	const char *deadline;	/* "date:YYYY-MM-DD", "ongoing", "monthly", … */
	enum ongoing_policy ongoing;
	enum role role;
	bool notify_support;
	enum answer answer;
	const char *now;
	/* Expected: each notice as "stage:step:due:trigger" (trigger as
	 * local YYYY-MM-DDTHH:MM), '*' after the current one, joined by
	 * spaces; only the last `tail` notices are compared when tail > 0. */
	const char *want;
	size_t tail;
	const char *next;	/* expected next trigger, local, or NULL */
};

/* A row's deadline: "date:YYYY-MM-DD", "monthly:YYYY-MM-DD" (a day of
 * every month, January's given; "quarterly:" the first quarter's) or a
 * kind's name. */
static struct deadline
row_deadline(const char *s)
{
	struct deadline dl = { DL_DATE, DATE_NONE, 0 };
	const char *colon = strchr(s, ':');
	char kind[16];

	snprintf(kind, sizeof(kind), "%.*s", colon != NULL ? (int)(colon - s) :
	    (int)strlen(s), s);
	assert_true(deadline_kind_from_name(kind, &dl.kind));
	if (colon != NULL)
		assert_true(date_parse(colon + 1, &dl.due));
	else if (dl.kind == DL_ONGOING)
		dl.due = date_from_ymd(2021, 12, 31);
	return dl;
}

/* A deadline of this kind without a date of its own. */
static const struct deadline *
kind(enum dl_kind k)
{
	static struct deadline dl;

	dl = (struct deadline){ k, k == DL_ONGOING ? date_from_ymd(2021, 12, 31) :
	    DATE_NONE, 0 };
	return &dl;
}

static const struct row rows[] = {
	{ "lead 7 days before, in the window", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-23T10:00:00+08:00",
	  "lead:7:2021-06-30:2021-06-23T09:00*", 0, "2021-06-29T09:00" },
	{ "before the window opens nothing is due yet", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-23T08:59:00+08:00", "", 0, "2021-06-23T09:00" },
	{ "the 1-day notice; the 7-day one was missed", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-29T10:00:00+08:00",
	  "lead:7:2021-06-30:2021-06-23T09:00 lead:1:2021-06-30:2021-06-29T09:00*",
	  0, "2021-06-30T09:00" },
	{ "due day at the window's first minute", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-30T09:00:00+08:00", "due:0:2021-06-30:2021-06-30T09:00*", 1,
	  "2021-07-05T09:00" },
	{ "overdue falling on Saturday is held to Monday", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-07-05T09:30:00+08:00", "due:0:2021-06-30:2021-06-30T09:00 "
	  "overdue:1:2021-06-30:2021-07-05T09:00*", 2, "2021-07-06T09:00" },
	{ "a late start: everything missed, nothing current", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-08-01T10:00:00+08:00", "overdue:4:2021-06-30:2021-07-12T09:00 "
	  "overdue:5:2021-06-30:2021-07-15T09:00", 2, NULL },
	{ "lead day on Sunday merges into the due day", "Asia/Shanghai", false,
	  "date:2021-07-05", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-07-05T10:00:00+08:00", "lead:1:2021-07-05:2021-07-05T09:00 "
	  "due:0:2021-07-05:2021-07-05T09:00*", 2, "2021-07-08T09:00" },
	{ "National Day holidays hold the 7-day notice to Oct 8", "Asia/Shanghai",
	  true, "date:2021-10-12", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-10-08T10:00:00+08:00",
	  "lead:7:2021-10-12:2021-10-08T09:00*", 0, "2021-10-11T09:00" },
	{ "without the calendar Oct 5 is a Tuesday like any other",
	  "Asia/Shanghai", false, "date:2021-10-12", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-10-08T10:00:00+08:00",
	  "lead:7:2021-10-12:2021-10-05T09:00*", 0, "2021-10-11T09:00" },
	{ "a make-up working Sunday (2021-09-26) is a working day",
	  "Asia/Shanghai", true, "date:2021-09-27", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-09-26T10:00:00+08:00",
	  "lead:1:2021-09-27:2021-09-26T09:00*", 1, "2021-09-27T09:00" },
	{ "the same Sunday without the calendar waits for Monday",
	  "Asia/Shanghai", false, "date:2021-09-27", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-09-26T10:00:00+08:00",
	  "lead:7:2021-09-27:2021-09-20T09:00*", 1, "2021-09-27T09:00" },
	{ "New York: 10:00 in Shanghai is 22:00 the day before there",
	  "America/New_York", false, "date:2021-06-30", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-06-23T10:00:00+08:00",
	  "", 0, "2021-06-23T09:00" },
	{ "New York: the window opens at 09:00 local (13:00Z)",
	  "America/New_York", false, "date:2021-06-30", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-06-23T13:00:00Z",
	  "lead:7:2021-06-30:2021-06-23T09:00*", 0, "2021-06-29T09:00" },
	{ "acknowledged: no more lead notices", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_ACK,
	  "2021-06-29T10:00:00+08:00", "", 0, "2021-06-30T09:00" },
	{ "acknowledged: the due-day notice still comes", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_ACK,
	  "2021-06-30T10:00:00+08:00", "due:0:2021-06-30:2021-06-30T09:00*", 0,
	  "2021-07-05T09:00" },
	{ "done: nothing more", "Asia/Shanghai", false, "date:2021-06-30",
	  ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_DONE,
	  "2021-06-30T10:00:00+08:00", "", 0, NULL },
	{ "support units get notices when configured", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_SUPPORT, true, ANSWER_NONE,
	  "2021-06-23T10:00:00+08:00", "lead:7:2021-06-30:2021-06-23T09:00*", 0,
	  "2021-06-29T09:00" },
	{ "and none when switched off", "Asia/Shanghai", false,
	  "date:2021-06-30", ONGOING_NONE, ROLE_SUPPORT, false, ANSWER_NONE,
	  "2021-06-23T10:00:00+08:00", "", 0, NULL },
	{ "monthly: the current month's 7-day notice", "Asia/Shanghai", false,
	  "monthly", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-05-25T10:00:00+08:00", "lead:7:2021-05-31:2021-05-24T09:00*", 1,
	  "2021-05-31T09:00" },
	{ "monthly on the 5th: after May's due day, June's", "Asia/Shanghai",
	  false, "monthly:2021-01-05", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-05-31T10:00:00+08:00",
	  "lead:7:2021-06-05:2021-05-31T09:00*", 1, "2021-06-04T09:00" },
	{ "monthly on the 31st: February's is its last day", "Asia/Shanghai",
	  false, "monthly:2021-01-31", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-02-22T10:00:00+08:00",
	  "lead:7:2021-02-28:2021-02-22T09:00*", 1, "2021-03-01T09:00" },
	{ "after each quarter (10 days): the first quarter's on April 10",
	  "Asia/Shanghai", false, "quarterly:2021-04-10", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-04-08T10:00:00+08:00",
	  "lead:7:2021-04-10:2021-04-05T09:00*", 1, "2021-04-09T09:00" },
	{ "after each quarter: the fourth's in January of the next year",
	  "Asia/Shanghai", false, "quarterly:2021-04-10", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2022-01-04T10:00:00+08:00",
	  "lead:7:2022-01-10:2022-01-03T09:00*", 1, "2022-01-10T09:00" },
	{ "quarterly: the end of June", "Asia/Shanghai", false, "quarterly",
	  ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-23T10:00:00+08:00", "lead:7:2021-06-30:2021-06-23T09:00*", 1,
	  "2021-06-29T09:00" },
	{ "semiannual: the end of June, then December's", "Asia/Shanghai",
	  false, "semiannual", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-23T10:00:00+08:00", "lead:7:2021-06-30:2021-06-23T09:00*", 1,
	  "2021-06-29T09:00" },
	{ "bimonthly: the end of April in April", "Asia/Shanghai",
	  false, "bimonthly", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-04-23T10:00:00+08:00", "lead:7:2021-04-30:2021-04-23T09:00*", 1,
	  "2021-04-29T09:00" },
	{ "bimonthly in March: February's past, April's next", "Asia/Shanghai",
	  false, "bimonthly", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-03-24T10:00:00+08:00", "overdue:5:2021-02-28:2021-03-15T09:00", 1,
	  "2021-04-23T09:00" },
	{ "half months: the 15th's 7-day notice", "Asia/Shanghai", false,
	  "semimonthly", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-08T10:00:00+08:00", "overdue:1:2021-05-31:2021-06-03T09:00 "
	  "overdue:2:2021-05-31:2021-06-07T09:00* "
	  "lead:7:2021-06-15:2021-06-08T09:00*", 3, "2021-06-09T09:00" },
	{ "ten days: the 10th's notices end before the 20th's", "Asia/Shanghai",
	  false, "tenday", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-19T10:00:00+08:00", "overdue:1:2021-06-10:2021-06-14T09:00 "
	  "overdue:2:2021-06-10:2021-06-16T09:00* "
	  "lead:7:2021-06-20:2021-06-14T09:00*", 3, "2021-06-21T09:00" },
	{ "two weeks: none in the week between", "Asia/Shanghai", false,
	  "biweekly", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-08T10:00:00+08:00", "lead:1:2021-06-04:2021-06-03T09:00 "
	  "due:0:2021-06-04:2021-06-04T09:00 "
	  "overdue:1:2021-06-04:2021-06-07T09:00*", 3, "2021-06-10T09:00" },
	{ "two weeks over National Day: due on the make-up Saturday",
	  "Asia/Shanghai", true, "biweekly", ONGOING_NONE, ROLE_RESPONSIBLE,
	  true, ANSWER_NONE, "2021-10-08T10:00:00+08:00", "lead:7:2021-10-09:2021-10-08T09:00 "
	  "lead:1:2021-10-09:2021-10-08T09:00*", 2, "2021-10-09T09:00" },
	{ "semiannual in December: June's passed, December's current",
	  "Asia/Shanghai", false, "semiannual", ONGOING_NONE, ROLE_RESPONSIBLE,
	  true, ANSWER_NONE, "2021-12-24T10:00:00+08:00",
	  "lead:7:2021-12-31:2021-12-24T09:00*", 1, "2021-12-30T09:00" },
	/* Weekly: due each Friday, or the week's last working day under the
	 * calendar; a week's notices stay between its neighbours' due days
	 * (no 7-day lead notice on the previous Friday). */
	{ "weekly: Thursday's 1-day notice, last week's overdue one too",
	  "Asia/Shanghai", false, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE,
	  true, ANSWER_NONE, "2021-06-24T10:00:00+08:00",
	  "overdue:1:2021-06-18:2021-06-21T09:00 "
	  "overdue:2:2021-06-18:2021-06-24T09:00* "
	  "lead:1:2021-06-25:2021-06-24T09:00*", 3, "2021-06-25T09:00" },
	{ "weekly: Friday's due-day notice", "Asia/Shanghai", false, "weekly",
	  ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-25T10:00:00+08:00", "due:0:2021-06-25:2021-06-25T09:00*", 1,
	  "2021-06-28T09:00" },
	{ "weekly, Spring Festival: Friday Feb 12 is a holiday, due Wed Feb 10",
	  "Asia/Shanghai", true, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-02-10T10:00:00+08:00",
	  "lead:1:2021-02-10:2021-02-09T09:00 "
	  "due:0:2021-02-10:2021-02-10T09:00*", 2, "2021-02-18T09:00" },
	{ "weekly, the make-up working Saturday Feb 20 is the week's last",
	  "Asia/Shanghai", true, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-02-20T10:00:00+08:00",
	  "due:0:2021-02-20:2021-02-20T09:00*", 1, "2021-02-23T09:00" },
	{ "weekly, the make-up working Sunday Feb 7 is the week's last",
	  "Asia/Shanghai", true, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-02-07T10:00:00+08:00",
	  "due:0:2021-02-07:2021-02-07T09:00*", 1, "2021-02-09T09:00" },
	{ "weekly without the calendar: Friday Feb 12 all the same",
	  "Asia/Shanghai", false, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE,
	  true, ANSWER_NONE, "2021-02-12T10:00:00+08:00",
	  "due:0:2021-02-12:2021-02-12T09:00*", 1, "2021-02-15T09:00" },
	{ "weekly, National Day: due Thu Sep 30, then Sat Oct 9 (held notices "
	  "come together on Oct 8)",
	  "Asia/Shanghai", true, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-10-08T10:00:00+08:00",
	  "overdue:1:2021-09-30:2021-10-08T09:00 "
	  "overdue:2:2021-09-30:2021-10-08T09:00* "
	  "lead:7:2021-10-09:2021-10-08T09:00 "
	  "lead:1:2021-10-09:2021-10-08T09:00*", 4, "2021-10-09T09:00" },
	{ "weekly, started late in December: the current week's kept",
	  "Asia/Shanghai", true, "weekly", ONGOING_NONE, ROLE_RESPONSIBLE, true,
	  ANSWER_NONE, "2021-12-30T10:00:00+08:00",
	  "lead:1:2021-12-31:2021-12-30T09:00*", 1, "2021-12-31T09:00" },
	/* Weekly on a named day (每周一: its first week's, Jan 4). */
	{ "weekly on Mondays: Monday's due-day notice (its 1-day one held "
	  "from Sunday), last week's overdue one",
	  "Asia/Shanghai", false, "weekly:2021-01-04", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-06-21T10:00:00+08:00",
	  "overdue:1:2021-06-14:2021-06-17T09:00 "
	  "overdue:2:2021-06-14:2021-06-21T09:00* "
	  "lead:1:2021-06-21:2021-06-21T09:00 "
	  "due:0:2021-06-21:2021-06-21T09:00*", 4, "2021-06-24T09:00" },
	{ "weekly on Mondays, 清明: Monday Apr 5 is a holiday, due Tue Apr 6",
	  "Asia/Shanghai", true, "weekly:2021-01-04", ONGOING_NONE,
	  ROLE_RESPONSIBLE, true, ANSWER_NONE, "2021-04-06T10:00:00+08:00",
	  "overdue:2:2021-03-29:2021-04-06T09:00* "
	  "lead:7:2021-04-06:2021-03-30T09:00 "
	  "lead:1:2021-04-06:2021-04-06T09:00 "
	  "due:0:2021-04-06:2021-04-06T09:00*", 4, "2021-04-09T09:00" },
	{ "weekly, done: nothing more", "Asia/Shanghai", false, "weekly",
	  ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_DONE,
	  "2021-06-25T10:00:00+08:00", "", 0, NULL },
	{ "ongoing, quarterly check-ins: Q1's missed, Q2's current",
	  "Asia/Shanghai", false, "ongoing", ONGOING_QUARTERLY, ROLE_RESPONSIBLE,
	  true, ANSWER_NONE, "2021-06-23T10:00:00+08:00",
	  "checkin:7:2021-03-31:2021-03-24T09:00 "
	  "checkin:7:2021-06-30:2021-06-23T09:00*", 0, "2021-09-23T09:00" },
	{ "ongoing without check-ins: a year-end item", "Asia/Shanghai", false,
	  "ongoing", ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-12-24T10:00:00+08:00", "lead:7:2021-12-31:2021-12-24T09:00*", 0,
	  "2021-12-30T09:00" },
	{ "unknown deadlines get no notices", "Asia/Shanghai", false, "unknown",
	  ONGOING_NONE, ROLE_RESPONSIBLE, true, ANSWER_NONE,
	  "2021-06-23T10:00:00+08:00", "", 0, NULL },
};

static enum answer
fixed_answer(void *arg, int due)
{
	(void)due;
	return *(const enum answer *)arg;
}

/* "YYYY-MM-DDTHH:MM" of t in the current zone. */
static void
local(time_t t, char *out, size_t len)
{
	char buf[40];

	clock_format(t, buf, sizeof(buf));
	snprintf(out, len, "%.16s", buf);
}

static void
run_row(const struct row *r)
{
	struct config c;
	struct calendar *cal = NULL;
	struct sched_item it;
	struct sched_notice out[128];
	struct error err;
	char got[4096] = "", one[128], due[11], trig[20], nexts[20];
	const char *want = r->want;
	time_t now, next = 0;
	size_t n, i;

	assert_true(clock_set_zone(r->zone));
	if (r->holidays && calendar_load("etc/holidays/2021.conf", &cal, &err) != 0)
		fail_msg("%s", err.msg);
	memset(&c, 0, sizeof(c));
	c.schedule.lead_days = lead_days;
	c.schedule.nlead_days = ARRAY_LEN(lead_days);
	c.schedule.overdue_every_days = 3;
	c.schedule.overdue_max = 5;
	c.schedule.ongoing = r->ongoing;
	c.schedule.checkin_lead_days = 7;
	c.schedule.notify_support = r->notify_support;
	c.schedule.window = (struct send_window){ 0x3e, 9 * 60, 17 * 60 + 30 };
	c.calendar = cal;

	memset(&it, 0, sizeof(it));
	it.year = 2021;
	it.role = r->role;
	it.answer = fixed_answer;
	it.arg = (void *)&r->answer;
	it.deadline = row_deadline(r->deadline);
	assert_true(clock_parse(r->now, &now));
	n = schedule_item(&c, &it, now, out, ARRAY_LEN(out), &next);
	for (i = r->tail > 0 && n > r->tail ? n - r->tail : 0; i < n; i++) {
		date_format(out[i].due, due);
		local(out[i].trigger, trig, sizeof(trig));
		snprintf(one, sizeof(one), "%s%s:%d:%s:%s%s", got[0] ? " " : "",
		    stage_name(out[i].stage), out[i].step, due, trig,
		    out[i].current ? "*" : "");
		strncat(got, one, sizeof(got) - strlen(got) - 1);
	}
	if (strcmp(got, want) != 0)
		fail_msg("%s:\n  got  \"%s\"\n  want \"%s\"", r->name, got, want);
	if (r->next == NULL) {
		if (next != 0) {
			local(next, nexts, sizeof(nexts));
			fail_msg("%s: next trigger %s, want none", r->name, nexts);
		}
	} else {
		assert_int_not_equal(next, 0);
		local(next, nexts, sizeof(nexts));
		if (strcmp(nexts, r->next) != 0)
			fail_msg("%s: next trigger %s, want %s", r->name, nexts, r->next);
	}
	calendar_free(cal);
}

static void
test_row(void **state)
{
	run_row(*state);
}

/* Escalation: escalate_after_days working days after the first notice
 * was sent, at the window's start. */
struct escalation_row {
	const char *name;
	bool holidays;		/* use etc/holidays/2021.conf */
	int after;		/* escalate_after_days */
	const char *sent;	/* the first notice's sent_at */
	const char *now;
	bool want_due;
	const char *want_when;	/* local YYYY-MM-DDTHH:MM, NULL: none */
};

static const struct escalation_row escalation_rows[] = {
	{ "two working days later, not a minute before", false, 2,
	  "2021-06-23T09:00:05+08:00", "2021-06-25T08:59:00+08:00", false,
	  "2021-06-25T09:00" },
	{ "two working days later, at the window's start", false, 2,
	  "2021-06-23T09:00:05+08:00", "2021-06-25T09:00:00+08:00", true,
	  "2021-06-25T09:00" },
	{ "over a weekend: Thursday's notice on Monday", false, 2,
	  "2021-06-24T10:00:00+08:00", "2021-06-27T10:00:00+08:00", false,
	  "2021-06-28T09:00" },
	{ "sent after hours on Friday: Tuesday", false, 2,
	  "2021-06-25T20:00:00+08:00", "2021-06-29T10:00:00+08:00", true,
	  "2021-06-29T09:00" },
	{ "over the Dragon Boat holiday (Jun 12-14)", true, 2,
	  "2021-06-10T10:00:00+08:00", "2021-06-14T10:00:00+08:00", false,
	  "2021-06-15T09:00" },
	{ "the same days without the calendar", false, 2,
	  "2021-06-10T10:00:00+08:00", "2021-06-14T10:00:00+08:00", true,
	  "2021-06-14T09:00" },
	{ "a make-up working Sunday (Sep 26) counts", true, 2,
	  "2021-09-24T10:00:00+08:00", "2021-09-27T09:00:00+08:00", true,
	  "2021-09-27T09:00" },
	{ "National Day, then the make-up Saturday (Oct 9)", true, 2,
	  "2021-09-30T10:00:00+08:00", "2021-10-08T10:00:00+08:00", false,
	  "2021-10-09T09:00" },
	{ "escalate_after_days 0: never", false, 0,
	  "2021-06-23T09:00:00+08:00", "2021-12-31T10:00:00+08:00", false,
	  NULL },
};

static void
test_escalation_row(void **state)
{
	const struct escalation_row *r = *state;
	struct config c;
	struct calendar *cal = NULL;
	struct error err;
	char whens[20] = "";
	time_t sent, now, when = 0;
	bool due;

	assert_true(clock_set_zone("Asia/Shanghai"));
	if (r->holidays && calendar_load("etc/holidays/2021.conf", &cal, &err) != 0)
		fail_msg("%s", err.msg);
	memset(&c, 0, sizeof(c));
	c.schedule.escalate_after_days = r->after;
	c.schedule.window = (struct send_window){ 0x3e, 9 * 60, 17 * 60 + 30 };
	c.calendar = cal;
	assert_true(clock_parse(r->sent, &sent));
	assert_true(clock_parse(r->now, &now));
	due = schedule_escalation_due(&c, sent, now, &when);
	if (when != 0)
		local(when, whens, sizeof(whens));
	if (due != r->want_due)
		fail_msg("%s: due %d, want %d (at %s)", r->name, due, r->want_due,
		    whens);
	if (r->want_when == NULL ? when != 0 : strcmp(whens, r->want_when) != 0)
		fail_msg("%s: at \"%s\", want \"%s\"", r->name, whens,
		    r->want_when != NULL ? r->want_when : "");
	calendar_free(cal);
}

/* Over a whole year, pinned after it: the due day of every due-day
 * notice of a periodic item, in order. */
static void
year_dues(const char *kind, bool holidays, char *got, size_t len)
{
	static struct sched_notice out[2048];
	struct config c;
	struct calendar *cal = NULL;
	struct sched_item it;
	struct error err;
	enum answer none = ANSWER_NONE;
	char due[11];
	time_t now;
	size_t n, i;

	assert_true(clock_set_zone("Asia/Shanghai"));
	if (holidays && calendar_load("etc/holidays/2021.conf", &cal, &err) != 0)
		fail_msg("%s", err.msg);
	memset(&c, 0, sizeof(c));
	c.schedule.lead_days = lead_days;
	c.schedule.nlead_days = ARRAY_LEN(lead_days);
	c.schedule.overdue_every_days = 3;
	c.schedule.overdue_max = 5;
	c.schedule.notify_support = true;
	c.schedule.window = (struct send_window){ 0x3e, 9 * 60, 17 * 60 + 30 };
	c.calendar = cal;
	memset(&it, 0, sizeof(it));
	it.year = 2021;
	it.role = ROLE_RESPONSIBLE;
	it.answer = fixed_answer;
	it.arg = &none;
	assert_true(deadline_kind_from_name(kind, &it.deadline.kind));
	it.deadline.due = DATE_NONE;
	assert_true(clock_parse("2022-01-15T12:00:00+08:00", &now));
	n = schedule_item(&c, &it, now, out, ARRAY_LEN(out), NULL);
	assert_true(n < ARRAY_LEN(out));
	got[0] = '\0';
	for (i = 0; i < n; i++) {
		if (out[i].stage != STAGE_DUE)
			continue;
		date_format(out[i].due, due);
		snprintf(got + strlen(got), len - strlen(got), "%s%s",
		    got[0] ? " " : "", due);
	}
	calendar_free(cal);
}

/* A weekly item over 2021: every Friday but for the weeks whose holidays
 * or make-up working days (etc/holidays/2021.conf) move the week's last
 * working day; the week of Jan 1 (a holiday Friday) is due on Dec 31,
 * 2020, so it is not 2021's. */
static void
test_weekly_year(void **state)
{
	static const struct {
		const char *friday, *due;
	} moved[] = {
		{ "2021-02-05", "2021-02-07" },	/* make-up Sunday */
		{ "2021-02-12", "2021-02-10" },	/* 春节 from Thursday */
		{ "2021-02-19", "2021-02-20" },	/* make-up Saturday */
		{ "2021-04-23", "2021-04-25" },	/* make-up Sunday */
		{ "2021-05-07", "2021-05-08" },	/* make-up Saturday */
		{ "2021-09-17", "2021-09-18" },	/* make-up Saturday */
		{ "2021-09-24", "2021-09-26" },	/* make-up Sunday */
		{ "2021-10-01", "2021-09-30" },	/* 国庆 from Friday */
		{ "2021-10-08", "2021-10-09" },	/* make-up Saturday */
	};
	static char got[2048], want[2048], plain[2048];
	char one[11];
	const char *d;
	int day;
	size_t k;

	(void)state;
	want[0] = plain[0] = '\0';
	for (day = date_from_ymd(2021, 1, 8); day <= date_from_ymd(2021, 12, 31);
	    day += 7) {
		date_format(day, one);
		for (d = one, k = 0; k < ARRAY_LEN(moved); k++)
			if (strcmp(moved[k].friday, one) == 0)
				d = moved[k].due;
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s%s",
		    want[0] ? " " : "", d);
		snprintf(plain + strlen(plain), sizeof(plain) - strlen(plain),
		    "%s%s", plain[0] ? " " : "", one);
	}
	year_dues("weekly", true, got, sizeof(got));
	assert_string_equal(got, want);
	/* Without the calendar, every Friday of the year, Jan 1 included. */
	year_dues("weekly", false, got, sizeof(got));
	assert_true(strncmp(got, "2021-01-01 ", 11) == 0);
	assert_string_equal(got + 11, plain);
	year_dues("semiannual", true, got, sizeof(got));
	assert_string_equal(got, "2021-06-30 2021-12-31");
}

/* An approved extension's date for the occurrence of 2021-06-30. */
static int
extended_due(void *arg, int due)
{
	(void)arg;
	return due == date_from_ymd(2021, 6, 30) ? date_from_ymd(2021, 7, 31) :
	    due;
}

/* An extended occurrence: its notices planned from, and keyed by, the
 * new date; none as June 30 nears or passes. */
static void
test_extended_due(void **state)
{
	struct sched_notice out[64];
	struct config c;
	struct sched_item it;
	enum answer none = ANSWER_NONE;
	char due[11], got[200];
	time_t now, next = 0;
	size_t n, i;

	(void)state;
	assert_true(clock_set_zone("Asia/Shanghai"));
	memset(&c, 0, sizeof(c));
	c.schedule.lead_days = lead_days;
	c.schedule.nlead_days = ARRAY_LEN(lead_days);
	c.schedule.overdue_every_days = 3;
	c.schedule.overdue_max = 5;
	c.schedule.window = (struct send_window){ 0x3e, 9 * 60, 17 * 60 + 30 };
	memset(&it, 0, sizeof(it));
	it.deadline.kind = DL_DATE;
	it.deadline.due = date_from_ymd(2021, 6, 30);
	it.year = 2021;
	it.role = ROLE_RESPONSIBLE;
	it.answer = fixed_answer;
	it.arg = &none;
	it.due_for = extended_due;
	assert_true(clock_parse("2021-07-02T10:00:00+08:00", &now));
	assert_int_equal(schedule_item(&c, &it, now, out, ARRAY_LEN(out), &next),
	    0);
	assert_true(clock_parse("2021-07-30T10:00:00+08:00", &now));
	n = schedule_item(&c, &it, now, out, ARRAY_LEN(out), NULL);
	got[0] = '\0';
	for (i = 0; i < n; i++) {
		date_format(out[i].due, due);
		snprintf(got + strlen(got), sizeof(got) - strlen(got),
		    "%s%s/%s/%d", i > 0 ? " " : "", due, stage_name(out[i].stage),
		    out[i].step);
	}
	assert_string_equal(got, "2021-07-31/lead/7 2021-07-31/lead/1");
}

/* ---- progress reports (schedule.progress) --------------------------- */

/* A configuration with reports due by `day` every month or quarter,
 * asked for 3 working days before, 2021's holidays when holidays. */
static void
report_config(struct config *c, enum report_every every, int day,
    bool holidays)
{
	struct error err;

	memset(c, 0, sizeof(*c));
	c->schedule.lead_days = lead_days;
	c->schedule.nlead_days = ARRAY_LEN(lead_days);
	c->schedule.overdue_every_days = 3;
	c->schedule.overdue_max = 5;
	c->schedule.ongoing = ONGOING_QUARTERLY;
	c->schedule.checkin_lead_days = 7;
	c->schedule.notify_support = true;
	c->schedule.window = (struct send_window){ 0x3e, 9 * 60, 17 * 60 + 30 };
	c->schedule.progress.every = every;
	c->schedule.progress.day = day;
	c->schedule.progress.lead_days = 3;
	if (holidays && calendar_load("etc/holidays/2021.conf", &c->calendar,
	    &err) != 0)
		fail_msg("%s", err.msg);
}

static int
ymd(const char *iso)
{
	int d;

	assert_true(date_parse(iso, &d));
	return d;
}

/* The report dates: the day, a shorter month's last, moved back over
 * weekends and holidays, kept on a make-up working day; quarters. */
static void
test_report_dates(void **state)
{
	static const struct {
		enum report_every every;
		int day;
		bool holidays;
		const char *from, *want_from, *want_before;
	} cases[] = {
		/* Friday 25 June: itself, from any day after 25 May. */
		{ REPORT_MONTHLY, 25, false, "2021-06-01", "2021-06-25", "2021-05-25" },
		{ REPORT_MONTHLY, 25, false, "2021-06-25", "2021-06-25", "2021-05-25" },
		{ REPORT_MONTHLY, 25, false, "2021-06-26", "2021-07-23", "2021-06-25" },
		/* Sunday 25 July: Friday 23 July. */
		{ REPORT_MONTHLY, 25, false, "2021-07-24", "2021-08-25", "2021-07-23" },
		/* Saturday 25 December 2021: Friday 24; into 2022. */
		{ REPORT_MONTHLY, 25, false, "2021-12-25", "2022-01-25", "2021-12-24" },
		/* The 31st of a 30-day month is its last day; of February
		 * (2021-02-28, a Sunday) the Friday before. */
		{ REPORT_MONTHLY, 31, false, "2021-06-01", "2021-06-30", "2021-05-31" },
		{ REPORT_MONTHLY, 31, false, "2021-02-01", "2021-02-26", "2021-01-29" },
		/* 3 October 2021 is in the National Day holiday: 30 Sept. */
		{ REPORT_MONTHLY, 3, true, "2021-09-04", "2021-09-30", "2021-09-03" },
		/* Sunday 26 September 2021 is a make-up working day: kept. */
		{ REPORT_MONTHLY, 26, true, "2021-09-01", "2021-09-26", "2021-08-26" },
		/* Without the calendar the same Sunday is a day off. */
		{ REPORT_MONTHLY, 26, false, "2021-09-01", "2021-09-24", "2021-08-26" },
		/* Quarters: the 25th of March, June, September, December. */
		{ REPORT_QUARTERLY, 25, false, "2021-01-01", "2021-03-25", "2020-12-25" },
		{ REPORT_QUARTERLY, 25, false, "2021-03-26", "2021-06-25", "2021-03-25" },
		{ REPORT_QUARTERLY, 25, false, "2021-07-01", "2021-09-24", "2021-06-25" },
		{ REPORT_QUARTERLY, 25, false, "2021-09-25", "2021-12-24", "2021-09-24" },
	};
	struct config c;
	char got[11], want[11];
	size_t i;

	(void)state;
	assert_true(clock_set_zone("Asia/Shanghai"));
	report_config(&c, REPORT_NONE, 25, false);
	assert_int_equal(schedule_report_from(&c, ymd("2021-06-01")), DATE_NONE);
	assert_int_equal(schedule_report_before(&c, ymd("2021-06-01")), DATE_NONE);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		report_config(&c, cases[i].every, cases[i].day, cases[i].holidays);
		date_format(schedule_report_from(&c, ymd(cases[i].from)), got);
		if (strcmp(got, cases[i].want_from) != 0)
			fail_msg("case %zu: from %s: %s, want %s", i,
			    cases[i].from, got, cases[i].want_from);
		date_format(schedule_report_before(&c, ymd(cases[i].want_from)),
		    want);
		if (strcmp(want, cases[i].want_before) != 0)
			fail_msg("case %zu: before %s: %s, want %s", i,
			    cases[i].want_from, want, cases[i].want_before);
		calendar_free(c.calendar);
	}
}

/* 考评's report dates of one occurrence: those in its time up to `to`,
 * each with the date before it; none for weekly items, check-ins or
 * with reports off. */
static void
test_report_dates_of(void **state)
{
	struct ledger_report d[16];
	struct config c;
	char a[11], b[11];
	size_t n;

	(void)state;
	assert_true(clock_set_zone("Asia/Shanghai"));
	report_config(&c, REPORT_MONTHLY, 25, false);
	/* A date item due 06-30: January to June, the 25th or the Friday
	 * before (25 April a Sunday: 23 April). */
	n = schedule_report_dates(&c, kind(DL_DATE), 2021, ymd("2021-06-30"),
	    ymd("2021-12-31"), d, ARRAY_LEN(d));
	assert_int_equal(n, 6);
	date_format(d[3].after, a);
	date_format(d[3].date, b);
	assert_string_equal(a, "2021-03-25");
	assert_string_equal(b, "2021-04-23");
	date_format(d[0].after, a);
	assert_string_equal(a, "2020-12-25");
	/* Up to `to`, and counted past max. */
	assert_int_equal(schedule_report_dates(&c, kind(DL_DATE), 2021,
	    ymd("2021-06-30"), ymd("2021-04-23"), d, ARRAY_LEN(d)), 4);
	assert_int_equal(schedule_report_dates(&c, kind(DL_DATE), 2021,
	    ymd("2021-06-30"), ymd("2021-12-31"), d, 2), 6);
	/* A monthly item's July occurrence: July's date alone. */
	assert_int_equal(schedule_report_dates(&c, kind(DL_MONTHLY), 2021,
	    ymd("2021-07-31"), ymd("2021-12-31"), d, ARRAY_LEN(d)), 1);
	date_format(d[0].date, b);
	assert_string_equal(b, "2021-07-23");
	/* A monthly item due on the 5th: its July occurrence's time runs
	 * from June 5th, and has no 25th in it. */
	{
		struct deadline fifth = { DL_MONTHLY, ymd("2021-01-05"), 0 };

		assert_int_equal(schedule_report_dates(&c, &fifth, 2021,
		    ymd("2021-07-05"), ymd("2021-12-31"), d, ARRAY_LEN(d)), 1);
		date_format(d[0].after, a);
		date_format(d[0].date, b);
		assert_string_equal(a, "2021-05-25");
		assert_string_equal(b, "2021-06-25");
		assert_int_equal(schedule_report_dates(&c, &fifth, 2021,
		    ymd("2021-06-05"), ymd("2021-12-31"), d, ARRAY_LEN(d)), 1);
	}
	/* Due 10 days after each quarter: the fourth quarter's occurrence
	 * (next January 10) runs from October 10. */
	{
		struct deadline after = { DL_QUARTERLY, ymd("2021-04-10"), 0 };

		assert_int_equal(schedule_report_dates(&c, &after, 2021,
		    ymd("2022-01-10"), ymd("2022-12-31"), d, ARRAY_LEN(d)), 3);
		date_format(d[0].date, a);
		date_format(d[2].date, b);
		assert_string_equal(a, "2021-10-25");
		assert_string_equal(b, "2021-12-24");
		assert_int_equal(schedule_report_dates(&c, &after, 2021,
		    ymd("2021-04-10"), ymd("2022-12-31"), d, ARRAY_LEN(d)), 3);
	}
	assert_int_equal(schedule_report_dates(&c, kind(DL_WEEKLY), 2021,
	    ymd("2021-07-02"), ymd("2021-12-31"), d, ARRAY_LEN(d)), 0);
	assert_int_equal(schedule_report_dates(&c, kind(DL_DATE), 2021, DATE_NONE,
	    ymd("2021-12-31"), d, ARRAY_LEN(d)), 0);
	c.schedule.progress.every = REPORT_NONE;
	assert_int_equal(schedule_report_dates(&c, kind(DL_DATE), 2021,
	    ymd("2021-06-30"), ymd("2021-12-31"), d, ARRAY_LEN(d)), 0);
}

/* What the schedule gives about reports for one item. */
struct report_row {
	const char *name;
	enum report_every every;
	bool holidays;
	const char *deadline;	/* "date:YYYY-MM-DD" or a kind's name */
	enum answer answer;
	const char *reported;	/* the last report, NULL: none */
	const char *now;
	/* The report notices, "stage:report-date:due:trigger" with '*'
	 * after current ones, joined by spaces. */
	const char *want;
	const char *next;	/* expected next trigger, local, or NULL */
};

static const struct report_row report_rows[] = {
	{ "reports off: nothing", REPORT_NONE, false, "date:2021-06-30",
	  ANSWER_NONE, NULL, "2021-06-22T10:00:00+08:00", "", "2021-06-23T09:00" },
	{ "the request 3 working days before the 25th, not a minute early",
	  REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE, NULL,
	  "2021-06-22T08:59:00+08:00",
	  "report:2021-01-25:2021-06-30:2021-01-20T09:00 "
	  "behind:2021-01-25:2021-06-30:2021-01-26T09:00 "
	  "report:2021-02-25:2021-06-30:2021-02-22T09:00 "
	  "behind:2021-02-25:2021-06-30:2021-02-26T09:00 "
	  "report:2021-03-25:2021-06-30:2021-03-22T09:00 "
	  "behind:2021-03-25:2021-06-30:2021-03-26T09:00 "
	  "report:2021-04-23:2021-06-30:2021-04-20T09:00 "
	  "behind:2021-04-23:2021-06-30:2021-04-26T09:00 "
	  "report:2021-05-25:2021-06-30:2021-05-20T09:00 "
	  "behind:2021-05-25:2021-06-30:2021-05-26T09:00", "2021-06-22T09:00" },
	{ "the yellow notice stands for its working day only",
	  REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE,
	  "2021-04-22T10:00:00+08:00", "2021-05-27T08:59:00+08:00",
	  "report:2021-05-25:2021-06-30:2021-05-20T09:00 "
	  "behind:2021-05-25:2021-06-30:2021-05-26T09:00*", "2021-06-22T09:00" },
	{ "the request at the window's opening on Tuesday 22 June",
	  REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE,
	  "2021-05-21T10:00:00+08:00", "2021-06-22T09:00:00+08:00",
	  "report:2021-06-25:2021-06-30:2021-06-22T09:00*", "2021-06-23T09:00" },
	{ "past the 25th without a report: behind, the working day after",
	  REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE,
	  "2021-05-21T10:00:00+08:00", "2021-06-28T09:00:00+08:00",
	  "report:2021-06-25:2021-06-30:2021-06-22T09:00 "
	  "behind:2021-06-25:2021-06-30:2021-06-28T09:00*", "2021-06-29T09:00" },
	{ "a report before the request: neither", REPORT_MONTHLY, false,
	  "date:2021-06-30", ANSWER_NONE, "2021-06-21T16:00:00+08:00",
	  "2021-06-28T10:00:00+08:00", "", "2021-06-29T09:00" },
	{ "a report on the date itself: no behind", REPORT_MONTHLY, false,
	  "date:2021-06-30", ANSWER_NONE, "2021-06-25T23:59:00+08:00",
	  "2021-06-28T10:00:00+08:00", "", "2021-06-29T09:00" },
	{ "a report on the date before (25 May) is May's: June is asked",
	  REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE,
	  "2021-05-25T12:00:00+08:00", "2021-06-28T10:00:00+08:00",
	  "report:2021-06-25:2021-06-30:2021-06-22T09:00 "
	  "behind:2021-06-25:2021-06-30:2021-06-28T09:00*", "2021-06-29T09:00" },
	{ "a report just after the date, before the yellow notice: none",
	  REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE,
	  "2021-06-26T10:00:00+08:00", "2021-06-28T10:00:00+08:00", "",
	  "2021-06-29T09:00" },
	{ "done: no report asked", REPORT_MONTHLY, false, "date:2021-06-30",
	  ANSWER_DONE, NULL, "2021-06-28T10:00:00+08:00", "", NULL },
	{ "acknowledged: still asked", REPORT_MONTHLY, false, "date:2021-06-30",
	  ANSWER_ACK, "2021-05-21T10:00:00+08:00", "2021-06-22T10:00:00+08:00",
	  "report:2021-06-25:2021-06-30:2021-06-22T09:00*", "2021-06-28T09:00" },
	{ "a late start: every date missed, none current, none after the due "
	  "date", REPORT_MONTHLY, false, "date:2021-06-30", ANSWER_NONE, NULL,
	  "2021-07-28T10:00:00+08:00",
	  "report:2021-01-25:2021-06-30:2021-01-20T09:00 "
	  "behind:2021-01-25:2021-06-30:2021-01-26T09:00 "
	  "report:2021-02-25:2021-06-30:2021-02-22T09:00 "
	  "behind:2021-02-25:2021-06-30:2021-02-26T09:00 "
	  "report:2021-03-25:2021-06-30:2021-03-22T09:00 "
	  "behind:2021-03-25:2021-06-30:2021-03-26T09:00 "
	  "report:2021-04-23:2021-06-30:2021-04-20T09:00 "
	  "behind:2021-04-23:2021-06-30:2021-04-26T09:00 "
	  "report:2021-05-25:2021-06-30:2021-05-20T09:00 "
	  "behind:2021-05-25:2021-06-30:2021-05-26T09:00 "
	  "report:2021-06-25:2021-06-30:2021-06-22T09:00 "
	  "behind:2021-06-25:2021-06-30:2021-06-28T09:00", NULL },
	{ "25 July a Sunday: by Friday 23, asked Tuesday 20, behind Monday 26",
	  REPORT_MONTHLY, false, "date:2021-07-31", ANSWER_NONE,
	  "2021-06-24T10:00:00+08:00", "2021-07-26T10:00:00+08:00",
	  "report:2021-07-23:2021-07-31:2021-07-20T09:00 "
	  "behind:2021-07-23:2021-07-31:2021-07-26T09:00*", "2021-07-30T09:00" },
	{ "holidays and make-up days: 25 Sept (Sat) is 24, asked on Saturday "
	  "18 (made up) over the Mid-Autumn days, behind on Sunday 26 (made up)",
	  REPORT_MONTHLY, true, "date:2021-09-30", ANSWER_NONE,
	  "2021-08-20T10:00:00+08:00", "2021-09-26T10:00:00+08:00",
	  "report:2021-09-24:2021-09-30:2021-09-18T09:00 "
	  "behind:2021-09-24:2021-09-30:2021-09-26T09:00*", "2021-09-29T09:00" },
	{ "a report just after a date counts for the next period: no request "
	  "in July", REPORT_MONTHLY, false, "date:2021-07-31", ANSWER_NONE,
	  "2021-06-26T10:00:00+08:00", "2021-07-26T10:00:00+08:00", "",
	  "2021-07-30T09:00" },
	{ "quarterly: the 25th of June only, for an item of 31 July",
	  REPORT_QUARTERLY, false, "date:2021-07-31", ANSWER_NONE,
	  "2021-03-20T10:00:00+08:00", "2021-06-28T10:00:00+08:00",
	  "report:2021-06-25:2021-07-31:2021-06-22T09:00 "
	  "behind:2021-06-25:2021-07-31:2021-06-28T09:00*", "2021-07-26T09:00" },
	{ "monthly item: each month's occurrence its own date", REPORT_MONTHLY,
	  false, "monthly", ANSWER_NONE, "2021-05-20T10:00:00+08:00",
	  "2021-06-22T10:00:00+08:00",
	  "report:2021-06-25:2021-06-30:2021-06-22T09:00*", "2021-06-23T09:00" },
	{ "ongoing under check-ins: the check-in asks, no report request",
	  REPORT_MONTHLY, false, "ongoing", ANSWER_NONE, NULL,
	  "2021-06-22T10:00:00+08:00", "", "2021-06-23T09:00" },
	{ "weekly items: none", REPORT_MONTHLY, false, "weekly", ANSWER_NONE,
	  NULL, "2021-06-22T10:00:00+08:00", "", "2021-06-24T09:00" },
};

static time_t
fixed_reported(void *arg, int due)
{
	(void)due;
	return *(const time_t *)arg;
}

/* The answer and the report time behind one row's arg. */
struct report_arg {
	enum answer answer;
	time_t reported;
};

static enum answer
row_answer(void *arg, int due)
{
	(void)due;
	return ((const struct report_arg *)arg)->answer;
}

static time_t
row_reported(void *arg, int due)
{
	return fixed_reported(&((struct report_arg *)arg)->reported, due);
}

static void
test_report_row(void **state)
{
	const struct report_row *r = *state;
	struct report_arg ra = { r->answer, 0 };
	struct sched_item it;
	struct sched_notice out[128];
	struct config c;
	char got[4096] = "", one[128], due[11], date[11], trig[20], nexts[20];
	time_t now, next = 0;
	size_t n, i;

	assert_true(clock_set_zone("Asia/Shanghai"));
	report_config(&c, r->every, 25, r->holidays);
	if (r->reported != NULL)
		assert_true(clock_parse(r->reported, &ra.reported));
	memset(&it, 0, sizeof(it));
	it.year = 2021;
	it.role = ROLE_RESPONSIBLE;
	it.answer = row_answer;
	it.reported = row_reported;
	it.arg = &ra;
	it.deadline = row_deadline(r->deadline);
	assert_true(clock_parse(r->now, &now));
	n = schedule_item(&c, &it, now, out, ARRAY_LEN(out), &next);
	for (i = 0; i < n; i++) {
		if (out[i].stage != STAGE_REPORT && out[i].stage != STAGE_BEHIND)
			continue;
		date_format(out[i].due, due);
		date_format(out[i].step, date);
		local(out[i].trigger, trig, sizeof(trig));
		snprintf(one, sizeof(one), "%s%s:%s:%s:%s%s", got[0] ? " " : "",
		    stage_name(out[i].stage), date, due, trig,
		    out[i].current ? "*" : "");
		strncat(got, one, sizeof(got) - strlen(got) - 1);
	}
	if (strcmp(got, r->want) != 0)
		fail_msg("%s:\n  got  \"%s\"\n  want \"%s\"", r->name, got,
		    r->want);
	if (r->next == NULL)
		assert_int_equal(next, 0);
	else {
		assert_int_not_equal(next, 0);
		local(next, nexts, sizeof(nexts));
		if (strcmp(nexts, r->next) != 0)
			fail_msg("%s: next trigger %s, want %s", r->name, nexts,
			    r->next);
	}
	calendar_free(c.calendar);
}

/* Behind on the board: a report date past since the last report. */
static void
test_report_behind(void **state)
{
	struct config c;
	time_t now, rep;
	int due = ymd("2021-06-30");

	(void)state;
	assert_true(clock_set_zone("Asia/Shanghai"));
	report_config(&c, REPORT_MONTHLY, 25, false);
	assert_true(clock_parse("2021-06-25T18:00:00+08:00", &now));
	assert_true(clock_parse("2021-05-21T10:00:00+08:00", &rep));
	/* On the date itself: not yet behind. */
	assert_false(schedule_report_behind(&c, kind(DL_DATE), 2021, due, rep, clock_local_day(now)));
	assert_true(clock_parse("2021-06-26T00:01:00+08:00", &now));
	assert_true(schedule_report_behind(&c, kind(DL_DATE), 2021, due, rep, clock_local_day(now)));
	assert_true(schedule_report_behind(&c, kind(DL_DATE), 2021, due, 0, clock_local_day(now)));
	assert_true(clock_parse("2021-06-24T10:00:00+08:00", &rep));
	assert_false(schedule_report_behind(&c, kind(DL_DATE), 2021, due, rep, clock_local_day(now)));
	/* The July date is past the item's due: June's report still
	 * counts, and a missing one is not behind in July. */
	assert_true(clock_parse("2021-07-26T10:00:00+08:00", &now));
	assert_false(schedule_report_behind(&c, kind(DL_DATE), 2021, due, 0, clock_local_day(now)));
	/* A weekly item, a check-in, reports off: never. */
	assert_false(schedule_report_behind(&c, kind(DL_WEEKLY), 2021, due, 0,
	    clock_local_day(now)));
	assert_true(clock_parse("2021-06-28T10:00:00+08:00", &now));
	assert_false(schedule_report_behind(&c, kind(DL_ONGOING), 2021,
	    ymd("2021-12-31"), 0, clock_local_day(now)));
	c.schedule.ongoing = ONGOING_NONE;
	assert_true(schedule_report_behind(&c, kind(DL_ONGOING), 2021,
	    ymd("2021-12-31"), 0, clock_local_day(now)));
	c.schedule.progress.every = REPORT_NONE;
	assert_false(schedule_report_behind(&c, kind(DL_DATE), 2021, due, 0, clock_local_day(now)));
	/* A monthly item's July occurrence is not behind for June. */
	c.schedule.progress.every = REPORT_MONTHLY;
	assert_true(clock_parse("2021-07-02T10:00:00+08:00", &now));
	assert_false(schedule_report_behind(&c, kind(DL_MONTHLY), 2021,
	    ymd("2021-07-31"), 0, clock_local_day(now)));
	assert_true(schedule_report_behind(&c, kind(DL_MONTHLY), 2021,
	    ymd("2021-06-30"), 0, clock_local_day(now)));
}

static void
test_stage_names(void **state)
{
	enum stage s;

	(void)state;
	assert_int_equal(stage_level(STAGE_REPORT), LEVEL_REMIND);
	assert_int_equal(stage_level(STAGE_BEHIND), LEVEL_PRESS);
	assert_string_equal(stage_name(STAGE_REPORT), "report");
	assert_string_equal(stage_name(STAGE_BEHIND), "behind");
	for (s = STAGE_LEAD; s <= STAGE_BEHIND; s++) {
		enum stage back;

		assert_true(stage_from_name(stage_name(s), &back));
		assert_int_equal(back, s);
	}
	assert_false(stage_from_name("later", &s));
	/* A returned completion is work fallen behind: yellow. */
	assert_int_equal(stage_level(STAGE_RETURNED), LEVEL_PRESS);
	assert_int_equal(stage_level(STAGE_EXTENSION), LEVEL_REMIND);
}

int
main(void)
{
	struct CMUnitTest tests[ARRAY_LEN(rows) + ARRAY_LEN(escalation_rows) +
	    ARRAY_LEN(report_rows) + 6];
	size_t i, k;

	for (i = 0; i < ARRAY_LEN(rows); i++)
		tests[i] = (struct CMUnitTest){ rows[i].name, test_row, NULL, NULL,
		    (void *)&rows[i] };
	for (k = 0; k < ARRAY_LEN(escalation_rows); k++, i++)
		tests[i] = (struct CMUnitTest){ escalation_rows[k].name,
		    test_escalation_row, NULL, NULL, (void *)&escalation_rows[k] };
	for (k = 0; k < ARRAY_LEN(report_rows); k++, i++)
		tests[i] = (struct CMUnitTest){ report_rows[k].name,
		    test_report_row, NULL, NULL, (void *)&report_rows[k] };
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_report_dates);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_report_behind);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_report_dates_of);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_weekly_year);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_extended_due);
	tests[i] = (struct CMUnitTest)cmocka_unit_test(test_stage_names);
	return _cmocka_run_group_tests("schedule", tests, ARRAY_LEN(tests), NULL, NULL);
}
