/*
 * Tests for calendar: the shipped holiday files (etc/holidays/2021.conf
 * and 2026.conf, read from the repository root) against the published
 * notices, and the whole folder (every year from 2004) against them;
 * working days with and without a calendar, the next open send window
 * across weekends and the 2021 National Day week, the closed hours a
 * message waits through (2026), send triggers, another
 * zone giving another instant, adding working days over holidays, the
 * years a calendar knows, and bad holiday files and folders.  Expected
 * instants are written with their offsets and parsed with clock_parse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf/calendar.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/util.h"
#include "testdir.h"

/* The default window: Monday to Friday, 09:00 to 17:30. */
static const struct send_window office = { 0x3e, 9 * 60, 17 * 60 + 30 };

/* Two years' files, and the folder of every year. */
struct cals {
	struct calendar *y2021;
	struct calendar *y2026;
	struct calendar *all;
};

/* Load path, failing the test on an error. */
static struct calendar *
load(const char *path)
{
	struct calendar *cal = NULL;
	struct error err;

	memset(&err, 0, sizeof(err));
	if (calendar_load(path, &cal, &err) != 0)
		print_error("%s\n", err.msg);
	return cal;
}

static int
setup(void **state)
{
	struct cals *c = xcalloc(1, sizeof(*c));

	if (!clock_set_zone("Asia/Shanghai"))
		return -1;
	c->y2021 = load("etc/holidays/2021.conf");
	c->y2026 = load("etc/holidays/2026.conf");
	c->all = load("etc/holidays");
	*state = c;
	return c->y2021 != NULL && c->y2026 != NULL && c->all != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	struct cals *c = *state;

	calendar_free(c->y2021);
	calendar_free(c->y2026);
	calendar_free(c->all);
	free(c);
	return 0;
}

/* Day number of "YYYY-MM-DD". */
static int
day(const char *s)
{
	int d;

	if (!date_parse(s, &d))
		fail_msg("bad date %s", s);
	return d;
}

/* Instant of an ISO 8601 string. */
static time_t
instant(const char *s)
{
	time_t t;

	if (!clock_parse(s, &t))
		fail_msg("bad instant %s", s);
	return t;
}

/* Fail unless got is the instant want, showing both. */
static void
assert_instant(time_t got, const char *want)
{
	char buf[40];

	clock_format(got, buf, sizeof(buf));
	if (got != instant(want))
		print_error("got %s, want %s\n", buf, want);
	assert_true(got == instant(want));
}

/* Working days of 2021 and 2026, every holiday and make-up day of the
 * notices included (holidays-cn.md). */
static void
test_workdays(void **state)
{
	static const struct {
		int year;
		const char *date;
		bool work;
	} cases[] = {
		{ 2021, "2021-06-23", true },	/* Wednesday */
		{ 2021, "2021-06-26", false },	/* Saturday */
		{ 2021, "2021-06-27", false },	/* Sunday */
		{ 2021, "2021-01-01", false },	/* 元旦, Friday */
		{ 2021, "2021-01-04", true },
		{ 2021, "2021-02-07", true },	/* make-up Sunday */
		{ 2021, "2021-02-11", false },	/* 春节, Thursday */
		{ 2021, "2021-02-17", false },	/* 春节, Wednesday */
		{ 2021, "2021-02-18", true },
		{ 2021, "2021-02-20", true },	/* make-up Saturday */
		{ 2021, "2021-04-05", false },	/* 清明, Monday */
		{ 2021, "2021-04-25", true },	/* make-up Sunday */
		{ 2021, "2021-05-05", false },	/* 劳动节, Wednesday */
		{ 2021, "2021-05-06", true },
		{ 2021, "2021-05-08", true },	/* make-up Saturday */
		{ 2021, "2021-06-14", false },	/* 端午, Monday */
		{ 2021, "2021-09-18", true },	/* make-up Saturday */
		{ 2021, "2021-09-20", false },	/* 中秋, Monday */
		{ 2021, "2021-09-21", false },	/* 中秋, Tuesday */
		{ 2021, "2021-09-22", true },
		{ 2021, "2021-09-26", true },	/* make-up Sunday */
		{ 2021, "2021-10-01", false },	/* 国庆, Friday */
		{ 2021, "2021-10-07", false },	/* 国庆, Thursday */
		{ 2021, "2021-10-08", true },	/* Friday */
		{ 2021, "2021-10-09", true },	/* make-up Saturday */
		{ 2021, "2021-10-10", false },	/* Sunday */
		{ 2026, "2026-01-02", false },	/* 元旦, Friday */
		{ 2026, "2026-01-04", true },	/* make-up Sunday */
		{ 2026, "2026-02-13", true },	/* Friday */
		{ 2026, "2026-02-14", true },	/* make-up Saturday */
		{ 2026, "2026-02-16", false },	/* 春节, Monday */
		{ 2026, "2026-02-23", false },	/* 春节, Monday */
		{ 2026, "2026-02-24", true },
		{ 2026, "2026-02-28", true },	/* make-up Saturday */
		{ 2026, "2026-04-06", false },	/* 清明, Monday */
		{ 2026, "2026-05-05", false },	/* 劳动节, Tuesday */
		{ 2026, "2026-05-09", true },	/* make-up Saturday */
		{ 2026, "2026-06-19", false },	/* 端午, Friday */
		{ 2026, "2026-09-20", true },	/* make-up Sunday */
		{ 2026, "2026-09-25", false },	/* 中秋, Friday */
		{ 2026, "2026-10-07", false },	/* 国庆, Wednesday */
		{ 2026, "2026-10-08", true },	/* Thursday */
		{ 2026, "2026-10-10", true },	/* make-up Saturday */
		{ 2026, "2026-11-24", true },	/* Tuesday */
		{ 2026, "2026-11-28", false },	/* Saturday */
	};
	const struct cals *c = *state;
	const struct calendar *cal;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# %s\n", cases[i].date);
		cal = cases[i].year == 2021 ? c->y2021 : c->y2026;
		assert_int_equal(calendar_is_workday(cal, &office,
		    day(cases[i].date)), cases[i].work);
		/* The other year's file says nothing about this day. */
		cal = cases[i].year == 2021 ? c->y2026 : c->y2021;
		assert_int_equal(calendar_is_workday(cal, &office,
		    day(cases[i].date)), calendar_is_workday(NULL, &office,
		    day(cases[i].date)));
		/* The folder of every year says what the year's file says. */
		assert_int_equal(calendar_is_workday(c->all, &office,
		    day(cases[i].date)), cases[i].work);
	}
}

/* The folder: each year from 2004 to 2026 and nothing else, each year's
 * file agreeing with it on every day of that year, and days of other
 * years' notices (2004's first, 2015's commemoration day, 2020's longer
 * Spring Festival). */
static void
test_folder(void **state)
{
	static const struct {
		const char *date;
		bool work;
	} cases[] = {
		{ "2004-01-17", true },		/* make-up Saturday */
		{ "2004-10-07", false },	/* 国庆, Thursday */
		{ "2015-09-03", false },	/* 70th anniversary, Thursday */
		{ "2015-09-06", true },		/* make-up Sunday */
		{ "2020-01-31", false },	/* 春节 prolonged, Friday */
		{ "2020-02-03", true },		/* Monday */
	};
	const struct cals *c = *state;
	struct calendar *one;
	char path[64];
	int y, d;
	size_t i;

	assert_false(calendar_has_year(c->all, 2003));
	assert_false(calendar_has_year(c->all, 2027));
	assert_false(calendar_has_year(NULL, 2026));
	assert_true(calendar_has_year(c->y2021, 2021));
	assert_false(calendar_has_year(c->y2021, 2026));
	for (y = 2004; y <= 2026; y++) {
		print_message("# %d\n", y);
		assert_true(calendar_has_year(c->all, y));
		snprintf(path, sizeof(path), "etc/holidays/%d.conf", y);
		one = load(path);
		assert_non_null(one);
		for (d = date_from_ymd(y, 1, 1); d < date_from_ymd(y + 1, 1, 1); d++)
			assert_int_equal(calendar_is_workday(one, &office, d),
			    calendar_is_workday(c->all, &office, d));
		calendar_free(one);
	}
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# %s\n", cases[i].date);
		assert_int_equal(calendar_is_workday(c->all, &office,
		    day(cases[i].date)), cases[i].work);
	}
}

/* Without a calendar, the window's weekdays alone decide. */
static void
test_workdays_plain(void **state)
{
	static const struct send_window weekend = { 0x41, 10 * 60, 12 * 60 };
	int d;

	(void)state;
	assert_true(calendar_is_workday(NULL, &office, day("2021-10-01")));
	assert_false(calendar_is_workday(NULL, &office, day("2021-09-18")));
	assert_false(calendar_is_workday(NULL, &office, day("2021-02-07")));
	for (d = day("2021-06-21"); d < day("2021-06-28"); d++)
		assert_int_equal(calendar_is_workday(NULL, &weekend, d),
		    date_weekday(d) == 0 || date_weekday(d) == 6);
}

/* The first instant in an open window at or after t (2021 calendar). */
static void
test_next_open(void **state)
{
	static const struct {
		const char *t, *want;
		bool cal;
	} cases[] = {
		/* Inside the window: t itself. */
		{ "2021-06-23T10:00:00+08:00", "2021-06-23T10:00:00+08:00", true },
		{ "2021-06-23T09:00:00+08:00", "2021-06-23T09:00:00+08:00", true },
		{ "2021-06-23T17:29:59+08:00", "2021-06-23T17:29:59+08:00", true },
		/* Before: the window's start that day. */
		{ "2021-06-23T08:00:00+08:00", "2021-06-23T09:00:00+08:00", true },
		{ "2021-06-23T00:00:00+08:00", "2021-06-23T09:00:00+08:00", true },
		/* In UTC this is still the 22nd: the day is Shanghai's. */
		{ "2021-06-22T23:30:00Z", "2021-06-23T09:00:00+08:00", true },
		/* After (the end is open): the next working day. */
		{ "2021-06-23T17:30:00+08:00", "2021-06-24T09:00:00+08:00", true },
		{ "2021-06-23T23:59:59+08:00", "2021-06-24T09:00:00+08:00", true },
		/* Across a weekend. */
		{ "2021-06-25T18:00:00+08:00", "2021-06-28T09:00:00+08:00", true },
		{ "2021-06-26T12:00:00+08:00", "2021-06-28T09:00:00+08:00", true },
		{ "2021-06-27T23:00:00+08:00", "2021-06-28T09:00:00+08:00", true },
		/* National Day: Oct 1-7 off, Oct 8 (Fri) works. */
		{ "2021-09-30T18:00:00+08:00", "2021-10-08T09:00:00+08:00", true },
		{ "2021-10-03T10:00:00+08:00", "2021-10-08T09:00:00+08:00", true },
		{ "2021-10-08T18:00:00+08:00", "2021-10-09T09:00:00+08:00", true },
		{ "2021-09-30T18:00:00+08:00", "2021-10-01T09:00:00+08:00", false },
		/* Make-up Saturday and Sunday. */
		{ "2021-09-17T18:00:00+08:00", "2021-09-18T09:00:00+08:00", true },
		{ "2021-09-17T18:00:00+08:00", "2021-09-20T09:00:00+08:00", false },
		{ "2021-02-06T12:00:00+08:00", "2021-02-07T09:00:00+08:00", true },
		/* Spring Festival: Feb 11-17 off. */
		{ "2021-02-10T17:30:00+08:00", "2021-02-18T09:00:00+08:00", true },
	};
	const struct cals *c = *state;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# %s\n", cases[i].t);
		assert_instant(calendar_next_open(cases[i].cal ? c->y2021 : NULL,
		    &office, instant(cases[i].t)), cases[i].want);
	}
}

/* The closed hours ahead of now that a message waits through (2026
 * calendar): closed now, everything before the next opening (from 0);
 * open, from the window's close to its next opening. */
static void
test_closed_span(void **state)
{
	static const struct {
		const char *now;
		const char *from;	/* NULL: closed now (0) */
		const char *until;
		bool cal;
	} cases[] = {
		/* Thursday evening: Friday morning. */
		{ "2026-11-26T19:00:00+08:00", NULL, "2026-11-27T09:00:00+08:00", true },
		/* The close is not in the window; the opening is. */
		{ "2026-11-26T17:30:00+08:00", NULL, "2026-11-27T09:00:00+08:00", true },
		{ "2026-11-26T08:59:59+08:00", NULL, "2026-11-26T09:00:00+08:00", true },
		{ "2026-11-26T09:00:00+08:00", "2026-11-26T17:30:00+08:00",
		  "2026-11-27T09:00:00+08:00", true },
		{ "2026-11-26T17:29:59+08:00", "2026-11-26T17:30:00+08:00",
		  "2026-11-27T09:00:00+08:00", true },
		/* Friday evening and the weekend: Monday. */
		{ "2026-11-27T18:00:00+08:00", NULL, "2026-11-30T09:00:00+08:00", true },
		{ "2026-11-28T12:00:00+08:00", NULL, "2026-11-30T09:00:00+08:00", true },
		{ "2026-11-27T10:00:00+08:00", "2026-11-27T17:30:00+08:00",
		  "2026-11-30T09:00:00+08:00", true },
		/* National Day (10-01 to 10-07 off), then the make-up
		 * Saturday 10-10 works and Sunday 10-11 does not. */
		{ "2026-09-30T18:00:00+08:00", NULL, "2026-10-08T09:00:00+08:00", true },
		{ "2026-09-30T10:00:00+08:00", "2026-09-30T17:30:00+08:00",
		  "2026-10-08T09:00:00+08:00", true },
		{ "2026-10-09T18:00:00+08:00", NULL, "2026-10-10T09:00:00+08:00", true },
		{ "2026-10-10T10:00:00+08:00", "2026-10-10T17:30:00+08:00",
		  "2026-10-12T09:00:00+08:00", true },
		{ "2026-09-30T18:00:00+08:00", NULL, "2026-10-01T09:00:00+08:00", false },
		/* Before the Spring Festival: make-up Saturday 02-14. */
		{ "2026-02-13T18:00:00+08:00", NULL, "2026-02-14T09:00:00+08:00", true },
		{ "2026-02-14T18:00:00+08:00", NULL, "2026-02-24T09:00:00+08:00", true },
	};
	static const struct send_window never = { 0, 9 * 60, 17 * 60 };
	const struct cals *c = *state;
	time_t from, until, t;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# %s\n", cases[i].now);
		calendar_closed_span(cases[i].cal ? c->y2026 : NULL, &office,
		    instant(cases[i].now), &from, &until);
		if (cases[i].from == NULL)
			assert_true(from == 0);
		else
			assert_instant(from, cases[i].from);
		assert_instant(until, cases[i].until);
	}
	/* A window that never opens holds nothing. */
	t = instant("2026-11-26T19:00:00+08:00");
	calendar_closed_span(NULL, &never, t, &from, &until);
	assert_true(from == t && until == t);
}

/* A notice falling on a day: the window's start that day, or the next
 * open window. */
static void
test_trigger(void **state)
{
	static const struct send_window late = { 0x3e, 20 * 60, 21 * 60 };
	static const struct {
		const char *day;
		const struct send_window *w;
		int year;		/* calendar, 0 for none */
		const char *want;
	} cases[] = {
		{ "2021-06-23", &office, 2021, "2021-06-23T09:00:00+08:00" },
		{ "2021-06-26", &office, 2021, "2021-06-28T09:00:00+08:00" },
		{ "2021-10-01", &office, 2021, "2021-10-08T09:00:00+08:00" },
		{ "2021-10-01", &office, 0, "2021-10-01T09:00:00+08:00" },
		{ "2021-10-09", &office, 2021, "2021-10-09T09:00:00+08:00" },
		{ "2021-02-07", &office, 2021, "2021-02-07T09:00:00+08:00" },
		{ "2021-06-23", &late, 2021, "2021-06-23T20:00:00+08:00" },
		{ "2026-02-14", &office, 2026, "2026-02-14T09:00:00+08:00" },
		{ "2026-02-15", &office, 2026, "2026-02-24T09:00:00+08:00" },
		{ "2026-12-31", &office, 2026, "2026-12-31T09:00:00+08:00" },
		/* Past the calendar's year: weekdays only. */
		{ "2027-01-02", &office, 2026, "2027-01-04T09:00:00+08:00" },
	};
	const struct cals *c = *state;
	const struct calendar *cal;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# %s\n", cases[i].day);
		cal = cases[i].year == 2021 ? c->y2021 :
		    cases[i].year == 2026 ? c->y2026 : NULL;
		assert_instant(calendar_trigger(cal, cases[i].w,
		    day(cases[i].day)), cases[i].want);
	}
}

/* The same day and window in New York is another instant, with its own
 * daylight saving time. */
static void
test_zone(void **state)
{
	const struct cals *c = *state;
	time_t sh, ny;

	sh = calendar_trigger(c->y2021, &office, day("2021-06-23"));
	assert_true(clock_set_zone("America/New_York"));
	ny = calendar_trigger(c->y2021, &office, day("2021-06-23"));
	assert_instant(ny, "2021-06-23T09:00:00-04:00");
	assert_int_equal(ny - sh, 12 * 3600);
	assert_instant(calendar_trigger(c->y2021, &office, day("2021-01-15")),
	    "2021-01-15T09:00:00-05:00");
	/* 2021-06-25T22:00Z is Friday 18:00 in New York: Monday next. */
	assert_instant(calendar_next_open(NULL, &office,
	    instant("2021-06-25T22:00:00Z")), "2021-06-28T09:00:00-04:00");
	/* ... but Saturday 06:00 in Shanghai. */
	assert_true(clock_set_zone("Asia/Shanghai"));
	assert_instant(calendar_next_open(NULL, &office,
	    instant("2021-06-25T22:00:00Z")), "2021-06-28T09:00:00+08:00");
	assert_instant(calendar_next_open(NULL, &office,
	    instant("2021-06-24T22:00:00Z")), "2021-06-25T09:00:00+08:00");
}

/* n working days after a day. */
static void
test_add_workdays(void **state)
{
	static const struct {
		const char *from;
		int n;
		int year;		/* calendar, 0 for none */
		const char *want;
	} cases[] = {
		{ "2021-06-23", 0, 2021, "2021-06-23" },
		{ "2021-06-26", 0, 2021, "2021-06-26" },
		{ "2021-06-23", 2, 2021, "2021-06-25" },
		{ "2021-06-25", 1, 2021, "2021-06-28" },
		{ "2021-06-25", 5, 2021, "2021-07-02" },
		{ "2021-09-30", 1, 2021, "2021-10-08" },
		{ "2021-09-30", 2, 2021, "2021-10-09" },
		{ "2021-09-30", 3, 2021, "2021-10-11" },
		{ "2021-09-30", 1, 0, "2021-10-01" },
		{ "2021-09-17", 1, 2021, "2021-09-18" },
		{ "2021-09-17", 2, 2021, "2021-09-22" },
		{ "2026-02-13", 1, 2026, "2026-02-14" },
		{ "2026-02-13", 2, 2026, "2026-02-24" },
		{ "2026-02-13", 2, 0, "2026-02-17" },
	};
	const struct cals *c = *state;
	const struct calendar *cal;
	char got[16];
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		cal = cases[i].year == 2021 ? c->y2021 :
		    cases[i].year == 2026 ? c->y2026 : NULL;
		date_format(calendar_add_workdays(cal, &office,
		    day(cases[i].from), cases[i].n), got);
		print_message("# %s + %d: %s\n", cases[i].from, cases[i].n, got);
		assert_string_equal(got, cases[i].want);
	}
}

/* A window that never opens: the search gives up instead of looping. */
static void
test_never_open(void **state)
{
	static const struct send_window never = { 0, 9 * 60, 17 * 60 };
	time_t t = instant("2021-06-23T10:00:00+08:00");
	int d = day("2021-06-23");

	(void)state;
	assert_true(calendar_next_open(NULL, &never, t) == t);
	assert_true(calendar_add_workdays(NULL, &never, d, 3) > d);
}

/* Write text into dir/name; returns its path (static). */
static const char *
write_named(const char *dir, const char *name, const char *text)
{
	static char path[300];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* Write text into dir/hol.conf; returns its path (static). */
static const char *
write_cal(const char *dir, const char *text)
{
	return write_named(dir, "hol.conf", text);
}

/* Holiday files: what is accepted, and errors naming FILE:LINE. */
static void
test_load(void **state)
{
	static const struct {
		const char *text;
		int line;		/* 0: loads */
		const char *word;
	} cases[] = {
		{ "", 0, NULL },
		{ "holidays = [];\n", 0, NULL },
		{ "holidays = [\"2021-10-01\", \"2021-10-01\"];\n"
		  "workdays = (\"2021-10-09\");\n", 0, NULL },
		{ "holidays = [\"2021-10-01\",\n  \"2021-13-01\"];\n", 2,
		  "holidays" },
		{ "holidays = [\"2021-10-01\",\n  \"2021-02-29\"];\n", 2,
		  "holidays" },
		{ "\nworkdays = [\"2021/10/09\"];\n", 2, "workdays" },
		{ "workdays = [20211009];\n", 1, "workdays" },
		{ "holidays = \"2021-10-01\";\n", 1, "holidays" },
		{ "holidays = [\"2021-10-01\"];\nextra = 1;\n", 2,
		  "unknown setting \"extra\"" },
		{ "holidays = [\"2021-10-01\"];\nworkdays = [\"2021-10-01\"];\n", 2,
		  "2021-10-01 is both" },
		/* A syntax error (no string just before it: libconfig 1.5
		 * leaks a string token it held when a parse fails). */
		{ "holidays = [\n];\nworkdays = = [];\n", 3, NULL },
	};
	char dir[256], prefix[320];
	struct calendar *cal;
	struct error err;
	const char *path;
	size_t i;
	int rc;

	(void)state;
	testdir_make(dir, sizeof(dir), "test_calendar");
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# case %zu\n", i);
		path = write_cal(dir, cases[i].text);
		cal = (struct calendar *)&cal;
		memset(&err, 0, sizeof(err));
		rc = calendar_load(path, &cal, &err);
		if (cases[i].line == 0) {
			if (rc != 0)
				print_error("%s\n", err.msg);
			assert_int_equal(rc, 0);
			assert_non_null(cal);
			calendar_free(cal);
			continue;
		}
		print_message("# %s\n", err.msg);
		assert_int_equal(rc, EXIT_CONFIG);
		assert_int_equal(err.code, EXIT_CONFIG);
		assert_null(cal);
		snprintf(prefix, sizeof(prefix), "%s:%d: ", path, cases[i].line);
		assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
		if (cases[i].word != NULL)
			assert_non_null(strstr(err.msg, cases[i].word));
	}
	unlink(path);

	/* A missing file, and a folder without a holiday file, are errors
	 * naming them. */
	snprintf(prefix, sizeof(prefix), "%s/none.conf", dir);
	cal = (struct calendar *)&cal;
	assert_int_equal(calendar_load(prefix, &cal, &err), EXIT_CONFIG);
	assert_null(cal);
	assert_non_null(strstr(err.msg, prefix));
	write_named(dir, "README", "holidays = [\"2021-10-01\"];\n");
	write_named(dir, ".hidden.conf", "holidays = [\"2021-10-01\"];\n");
	assert_int_equal(calendar_load(dir, &cal, &err), EXIT_CONFIG);
	assert_null(cal);
	print_message("# %s\n", err.msg);
	assert_non_null(strstr(err.msg, dir));
	assert_non_null(strstr(err.msg, "no holiday file"));
	testdir_remove(dir);
	calendar_free(NULL);
}

/* A folder is its NAME.conf files together, in name order; a day that
 * is a holiday in one and a working day in another is an error at the
 * second's line; where names the setting when a path cannot be read. */
static void
test_load_folder(void **state)
{
	char dir[256], want[320];
	struct calendar *cal;
	struct error err;
	const char *b;

	(void)state;
	testdir_make(dir, sizeof(dir), "test_calendar");
	write_named(dir, "a.conf", "holidays = [\"2021-10-01\"];\n");
	write_named(dir, "b.conf", "workdays = [\"2021-10-09\"];\n"
	    "holidays = [\"2021-10-04\", \"2021-10-01\"];\n");
	/* Neither hidden files nor other names are read. */
	write_named(dir, ".c.conf", "holidays = [\"2021-10-08\"];\n");
	write_named(dir, "c.conf~", "holidays = [\"2021-10-08\"];\n");
	cal = load(dir);
	assert_non_null(cal);
	assert_false(calendar_is_workday(cal, &office, day("2021-10-01")));
	assert_false(calendar_is_workday(cal, &office, day("2021-10-04")));
	assert_true(calendar_is_workday(cal, &office, day("2021-10-08")));
	assert_true(calendar_is_workday(cal, &office, day("2021-10-09")));
	assert_true(calendar_has_year(cal, 2021));
	calendar_free(cal);

	/* A workday of c.conf that a.conf has as a holiday: c.conf's line. */
	b = write_named(dir, "c.conf", "workdays = [\"2021-10-02\",\n"
	    "  \"2021-10-01\"];\n");
	cal = (struct calendar *)&cal;
	memset(&err, 0, sizeof(err));
	assert_int_equal(calendar_load(dir, &cal, &err), EXIT_CONFIG);
	assert_null(cal);
	print_message("# %s\n", err.msg);
	snprintf(want, sizeof(want), "%s:2: 2021-10-01 is both a holiday and "
	    "a working day", b);
	assert_string_equal(err.msg, want);
	/* ... and a holiday of d.conf that c.conf has as a working day. */
	write_named(dir, "c.conf", "workdays = [\"2021-10-02\"];\n");
	b = write_named(dir, "d.conf", "\nholidays = [\"2021-10-02\"];\n");
	assert_int_equal(calendar_load(dir, &cal, &err), EXIT_CONFIG);
	snprintf(want, sizeof(want), "%s:2: 2021-10-02 is both", b);
	assert_true(strncmp(err.msg, want, strlen(want)) == 0);
	unlink(b);

	/* Files given one by one make one calendar too; a path that cannot
	 * be opened is named after where. */
	cal = calendar_new();
	snprintf(want, sizeof(want), "%s/a.conf", dir);
	assert_int_equal(calendar_add(cal, want, "x.conf:7: cal: ", &err), 0);
	assert_false(calendar_has_year(cal, 2022));
	snprintf(want, sizeof(want), "%s/c.conf", dir);
	assert_int_equal(calendar_add(cal, want, "x.conf:7: cal: ", &err), 0);
	assert_true(calendar_is_workday(cal, &office, day("2021-10-02")));
	assert_false(calendar_is_workday(cal, &office, day("2021-10-01")));
	snprintf(want, sizeof(want), "%s/none", dir);
	assert_int_equal(calendar_add(cal, want, "x.conf:7: cal: ", &err),
	    EXIT_CONFIG);
	snprintf(want, sizeof(want), "x.conf:7: cal: %s/none: ", dir);
	assert_true(strncmp(err.msg, want, strlen(want)) == 0);
	calendar_free(cal);
	testdir_remove(dir);
}

/* A year with make-up working days only is not a year the calendar
 * knows. */
static void
test_has_year(void **state)
{
	char dir[256];
	const char *path;
	struct calendar *cal;

	(void)state;
	testdir_make(dir, sizeof(dir), "test_calendar");
	path = write_cal(dir, "holidays = [\"2018-12-30\", \"2018-12-31\"];\n"
	    "workdays = [\"2018-12-29\", \"2019-02-02\"];\n");
	cal = load(path);
	assert_non_null(cal);
	assert_true(calendar_has_year(cal, 2018));
	assert_false(calendar_has_year(cal, 2019));
	assert_false(calendar_has_year(cal, 2017));
	calendar_free(cal);
	testdir_remove(dir);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workdays),
		cmocka_unit_test(test_workdays_plain),
		cmocka_unit_test(test_next_open),
		cmocka_unit_test(test_closed_span),
		cmocka_unit_test(test_trigger),
		cmocka_unit_test(test_zone),
		cmocka_unit_test(test_add_workdays),
		cmocka_unit_test(test_never_open),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_folder),
		cmocka_unit_test(test_load_folder),
		cmocka_unit_test(test_has_year),
	};

	unsetenv("TZDIR");
	return cmocka_run_group_tests_name("calendar", tests, setup, teardown);
}
