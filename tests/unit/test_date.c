/*
 * Tests for date: day numbers against known dates, a walk over every day
 * of years 1 to 9999 (each day must follow the one before it on the
 * calendar), leap years, month lengths and ends, weekdays (the next of a
 * given one, a week's Monday), and the YYYY-MM-DD format and parser.
 * Table rows that fail are printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/util.h"

/* Known day numbers, computed independently (Python's datetime). */
static const struct {
	int y, m, d, day, weekday;
} known[] = {
	{ 1970, 1, 1, 0, 4 },		/* Thursday */
	{ 1970, 1, 2, 1, 5 },
	{ 1969, 12, 31, -1, 3 },	/* before 1970: Wednesday */
	{ 1969, 12, 28, -4, 0 },	/* Sunday */
	{ 1900, 1, 1, -25567, 1 },	/* Monday */
	{ 1, 1, 1, -719162, 1 },
	{ 2000, 3, 1, 11017, 3 },
	{ 2021, 6, 23, 18801, 3 },	/* Wednesday */
	{ 2024, 2, 29, 19782, 4 },
	{ 2026, 11, 24, 20781, 2 },	/* Tuesday */
	{ 9999, 12, 31, 2932896, 5 },
};

/* date_from_ymd, date_to_ymd and date_weekday on known dates. */
static void
test_known_days(void **state)
{
	size_t i;
	int day, y, m, d, wd;

	(void)state;
	for (i = 0; i < ARRAY_LEN(known); i++) {
		day = date_from_ymd(known[i].y, known[i].m, known[i].d);
		date_to_ymd(known[i].day, &y, &m, &d);
		wd = date_weekday(known[i].day);
		if (day != known[i].day || y != known[i].y || m != known[i].m ||
		    d != known[i].d || wd != known[i].weekday)
			print_error("%04d-%02d-%02d: day %d (want %d), back "
			    "%04d-%02d-%02d, weekday %d (want %d)\n", known[i].y,
			    known[i].m, known[i].d, day, known[i].day, y, m, d,
			    wd, known[i].weekday);
		assert_int_equal(day, known[i].day);
		assert_int_equal(y, known[i].y);
		assert_int_equal(m, known[i].m);
		assert_int_equal(d, known[i].d);
		assert_int_equal(wd, known[i].weekday);
	}
}

/* date_next_weekday: the day itself or the next six; date_monday: the
 * week's Monday, before 1970 too. */
static void
test_week_days(void **state)
{
	int day, wd, next;

	(void)state;
	for (day = date_from_ymd(1969, 12, 20); day < date_from_ymd(1970, 1, 20);
	    day++) {
		for (wd = 0; wd < 7; wd++) {
			next = date_next_weekday(day, wd);
			assert_int_equal(date_weekday(next), wd);
			assert_true(next >= day && next < day + 7);
		}
		assert_int_equal(date_weekday(date_monday(day)), 1);
		assert_true(date_monday(day) <= day && date_monday(day) > day - 7);
	}
	/* 2026-01-01 is a Thursday: its first Monday is the 5th. */
	assert_int_equal(date_next_weekday(date_from_ymd(2026, 1, 1), 1),
	    date_from_ymd(2026, 1, 5));
	assert_int_equal(date_monday(date_from_ymd(2026, 1, 4)),
	    date_from_ymd(2025, 12, 29));
}

/* Every day from 0001-01-01 to 9999-12-31: date_to_ymd must give the
 * calendar's next day after the previous one, date_from_ymd must give the
 * number back, and weekdays must cycle. */
static void
test_walk_all_days(void **state)
{
	int first = date_from_ymd(1, 1, 1), last = date_from_ymd(9999, 12, 31);
	int day, y, m, d, py = 1, pm = 1, pd = 1, ny, nm, nd;

	(void)state;
	assert_int_equal(first, -719162);
	for (day = first + 1; day <= last; day++) {
		date_to_ymd(day, &y, &m, &d);
		/* The calendar's day after py-pm-pd. */
		ny = py, nm = pm, nd = pd + 1;
		if (nd > date_days_in_month(py, pm)) {
			nd = 1;
			if (++nm > 12) {
				nm = 1;
				ny++;
			}
		}
		if (y != ny || m != nm || d != nd ||
		    date_from_ymd(y, m, d) != day || !date_valid(y, m, d) ||
		    date_weekday(day) != (date_weekday(day - 1) + 1) % 7) {
			print_error("day %d: %04d-%02d-%02d, want %04d-%02d-%02d "
			    "(from_ymd %d, weekday %d after %d)\n", day, y, m, d,
			    ny, nm, nd, date_from_ymd(y, m, d),
			    date_weekday(day), date_weekday(day - 1));
			fail();
		}
		py = y, pm = m, pd = d;
	}
	assert_int_equal(py, 9999);
	assert_int_equal(pm, 12);
	assert_int_equal(pd, 31);
}

/* Leap years: February lengths and 29 February. */
static void
test_leap_years(void **state)
{
	static const struct {
		int y;
		bool leap;
	} years[] = {
		{ 2000, true }, { 1900, false }, { 2024, true }, { 2021, false },
		{ 2100, false }, { 2400, true }, { 1996, true }, { 4, true },
		{ 1, false },
	};
	size_t i;
	int feb;

	(void)state;
	for (i = 0; i < ARRAY_LEN(years); i++) {
		feb = date_days_in_month(years[i].y, 2);
		if (feb != (years[i].leap ? 29 : 28) ||
		    date_valid(years[i].y, 2, 29) != years[i].leap)
			print_error("%d: February has %d days, want %d\n",
			    years[i].y, feb, years[i].leap ? 29 : 28);
		assert_int_equal(feb, years[i].leap ? 29 : 28);
		assert_int_equal(date_valid(years[i].y, 2, 29), years[i].leap);
		/* The year's length agrees. */
		assert_int_equal(date_from_ymd(years[i].y + 1, 1, 1) -
		    date_from_ymd(years[i].y, 1, 1), years[i].leap ? 366 : 365);
	}
}

/* Month lengths, months out of range, and month ends. */
static void
test_month_lengths_and_ends(void **state)
{
	static const int len2021[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	static const struct {
		int y, m;
		const char *end;
	} ends[] = {
		{ 2021, 1, "2021-01-31" }, { 2021, 2, "2021-02-28" },
		{ 2024, 2, "2024-02-29" }, { 1900, 2, "1900-02-28" },
		{ 2000, 2, "2000-02-29" }, { 2021, 4, "2021-04-30" },
		{ 2021, 6, "2021-06-30" }, { 2021, 9, "2021-09-30" },
		{ 2021, 12, "2021-12-31" },
	};
	char buf[16];
	int m;
	size_t i;

	(void)state;
	for (m = 1; m <= 12; m++) {
		if (date_days_in_month(2021, m) != len2021[m - 1])
			print_error("2021-%02d: %d days\n", m,
			    date_days_in_month(2021, m));
		assert_int_equal(date_days_in_month(2021, m), len2021[m - 1]);
	}
	assert_int_equal(date_days_in_month(2021, 0), 0);
	assert_int_equal(date_days_in_month(2021, 13), 0);
	assert_int_equal(date_days_in_month(2021, -1), 0);
	for (i = 0; i < ARRAY_LEN(ends); i++) {
		date_format(date_month_end(ends[i].y, ends[i].m), buf);
		if (strcmp(buf, ends[i].end) != 0)
			print_error("end of %d-%02d: %s, want %s\n", ends[i].y,
			    ends[i].m, buf, ends[i].end);
		assert_string_equal(buf, ends[i].end);
	}
}

/* date_valid on edges. */
static void
test_date_valid(void **state)
{
	static const struct {
		int y, m, d;
		bool ok;
	} cases[] = {
		{ 2021, 1, 1, true }, { 2021, 12, 31, true },
		{ 2021, 0, 1, false }, { 2021, 13, 1, false },
		{ 2021, 1, 0, false }, { 2021, 1, 32, false },
		{ 2021, 4, 31, false }, { 2021, 2, 29, false },
		{ 2024, 2, 29, true }, { 2024, 2, 30, false },
		{ 0, 1, 1, false }, { 1, 1, 1, true },
		{ 9999, 12, 31, true }, { 10000, 1, 1, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		bool ok = date_valid(cases[i].y, cases[i].m, cases[i].d);

		if (ok != cases[i].ok)
			print_error("%d-%d-%d: valid %d, want %d\n", cases[i].y,
			    cases[i].m, cases[i].d, ok, cases[i].ok);
		assert_int_equal(ok, cases[i].ok);
	}
}

/* date_format, including DATE_NONE and zero padding. */
static void
test_date_format(void **state)
{
	static const struct {
		int day;
		const char *want;
	} cases[] = {
		{ 0, "1970-01-01" },
		{ -1, "1969-12-31" },
		{ 18801, "2021-06-23" },
		{ 19782, "2024-02-29" },
		{ -719162, "0001-01-01" },
		{ 2932896, "9999-12-31" },
		{ DATE_NONE, "" },
	};
	char buf[16];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		memset(buf, 'x', sizeof(buf));
		date_format(cases[i].day, buf);
		if (strcmp(buf, cases[i].want) != 0)
			print_error("day %d: \"%s\", want \"%s\"\n", cases[i].day,
			    buf, cases[i].want);
		assert_string_equal(buf, cases[i].want);
		assert_int_equal(buf[11], 'x');	/* stays within 11 bytes */
	}
}

/* date_parse accepts exactly YYYY-MM-DD of a real date. */
static void
test_date_parse(void **state)
{
	static const struct {
		const char *s;
		int day;	/* DATE_NONE: must be rejected */
	} cases[] = {
		{ "1970-01-01", 0 },
		{ "2021-06-23", 18801 },
		{ "2024-02-29", 19782 },
		{ "0001-01-01", -719162 },
		{ "9999-12-31", 2932896 },
		{ "1969-12-31", -1 },

		{ "2021-02-30", DATE_NONE },
		{ "2021-02-29", DATE_NONE },
		{ "2021-6-3", DATE_NONE },
		{ "2021-06-3", DATE_NONE },
		{ "2021-06-031", DATE_NONE },
		{ "", DATE_NONE },
		{ "2021-13-01", DATE_NONE },
		{ "2021-00-10", DATE_NONE },
		{ "2021-06-00", DATE_NONE },
		{ "0000-01-01", DATE_NONE },
		{ "2021/06/23", DATE_NONE },
		{ "20210623", DATE_NONE },
		{ "2021-06-23 ", DATE_NONE },
		{ " 2021-06-23", DATE_NONE },
		{ "2021-06-23T10:00", DATE_NONE },
		{ "abcd-ef-gh", DATE_NONE },
		/* Ten characters with the dashes in place, but not digits. */
		{ "2021-+6-03", DATE_NONE },
		{ "2021- 6-03", DATE_NONE },
		{ "2021-06-+3", DATE_NONE },
		{ "+202-06-03", DATE_NONE },
		{ " 202-06-03", DATE_NONE },
	};
	size_t i;
	int day;
	bool ok;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		day = 12345;
		ok = date_parse(cases[i].s, &day);
		if (ok != (cases[i].day != DATE_NONE) || (ok && day != cases[i].day))
			print_error("\"%s\": %s day %d, want %s %d\n", cases[i].s,
			    ok ? "accepted" : "rejected", day,
			    cases[i].day != DATE_NONE ? "accepted" : "rejected",
			    cases[i].day);
		assert_int_equal(ok, cases[i].day != DATE_NONE);
		if (ok)
			assert_int_equal(day, cases[i].day);
	}
}

/* date_format and date_parse round-trip over a range of days. */
static void
test_format_parse_round_trip(void **state)
{
	char buf[16];
	int day, back;

	(void)state;
	for (day = date_from_ymd(1899, 1, 1); day <= date_from_ymd(2101, 1, 1);
	    day++) {
		date_format(day, buf);
		back = DATE_NONE;
		if (!date_parse(buf, &back) || back != day) {
			print_error("day %d: \"%s\" parsed as %d\n", day, buf, back);
			fail();
		}
	}
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_week_days),
		cmocka_unit_test(test_walk_all_days),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_month_lengths_and_ends),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_format_parse_round_trip),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
