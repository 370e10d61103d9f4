/*
 * Tests for clock: which zone names are accepted, ISO 8601 instants with
 * and without offsets (local times in the configured zone, with DST),
 * local days and local times in several zones, formatting with the
 * zone's offset, the pinned clock and when a timer for one of its
 * instants must fire.  clock_set_zone sets TZ for the whole process, so
 * every test sets the zone it needs itself.  Expected instants were
 * computed independently (Python's zoneinfo).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/util.h"

/* 2021-06-23T10:00:00+08:00 */
#define T0 ((time_t)1624413600)

/* Set the zone, failing the test when it is not installed. */
static void
set_zone(const char *zone)
{
	if (!clock_set_zone(zone)) {
		print_error("zone %s is not installed\n", zone);
		fail();
	}
}

/* Which names clock_zone_exists accepts. */
static void
test_zone_exists(void **state)
{
	static const struct {
		const char *zone;
		bool ok;
	} cases[] = {
		{ "Asia/Shanghai", true },
		{ "America/New_York", true },
		{ "Europe/London", true },
		{ "UTC", true },
		{ "Mars/Olympus", false },
		{ "Asia/Beijing", false },
		{ "../etc/passwd", false },
		{ "Asia/../Asia/Shanghai", false },
		{ "/etc/localtime", false },
		{ "/usr/share/zoneinfo/Asia/Shanghai", false },
		{ "", false },
		/* Files and folders of the zone database that are no zone:
		 * glibc would fall back to UTC for them. */
		{ "Asia", false },
		{ "Asia/", false },
		{ "zone.tab", false },
		{ "tzdata.zi", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		bool ok = clock_zone_exists(cases[i].zone);

		if (ok != cases[i].ok)
			print_error("\"%s\": exists %d, want %d\n", cases[i].zone,
			    ok, cases[i].ok);
		assert_int_equal(ok, cases[i].ok);
	}
	assert_false(clock_zone_exists(NULL));
}

/* clock_set_zone refuses an unknown zone and leaves the zone as it was. */
static void
test_set_zone_unknown(void **state)
{
	char buf[32];

	(void)state;
	set_zone("Asia/Shanghai");
	assert_false(clock_set_zone("Mars/Olympus"));
	assert_false(clock_set_zone(""));
	assert_string_equal(getenv("TZ"), "Asia/Shanghai");
	clock_format(T0, buf, sizeof(buf));
	assert_string_equal(buf, "2021-06-23T10:00:00+08:00");
}

struct parse_case {
	const char *zone;	/* the configured zone */
	const char *s;
	bool ok;
	time_t t;
};

static const struct parse_case parse_cases[] = {
	{ "UTC", "2021-06-23T10:00:00+08:00", true, T0 },
	{ "UTC", "2021-06-23T02:00:00Z", true, T0 },
	{ "UTC", "2021-06-23T02:00Z", true, T0 },
	{ "UTC", "2021-06-23T10:00:00+0800", true, T0 },
	{ "UTC", "2021-06-23T10:00+08:00", true, T0 },
	{ "UTC", "2021-06-23T10:00+0800", true, T0 },
	{ "UTC", "2021-06-23 10:00:00+08:00", true, T0 },
	{ "UTC", "2021-06-22T22:00:00-04:00", true, T0 },
	{ "UTC", "2021-06-23T07:30:00+05:30", true, T0 },
	{ "UTC", "2021-06-22T23:30:00-02:30", true, T0 },
	{ "UTC", "2021-06-23T02:00:00+00:00", true, T0 },
	{ "UTC", "2021-06-23T02:00:00-00:00", true, T0 },
	{ "UTC", "2021-06-23T16:00:00+14:00", true, T0 },
	{ "UTC", "1970-01-01T00:00:00Z", true, 0 },
	{ "UTC", "1969-12-31T23:59:59Z", true, -1 },
	{ "UTC", "2024-02-29T12:00:00Z", true, 1709208000 },
	{ "UTC", "2021-06-23T02:00:59Z", true, T0 + 59 },
	/* An explicit offset does not depend on the zone. */
	{ "America/New_York", "2021-06-23T10:00:00+08:00", true, T0 },
	{ "Asia/Shanghai", "2021-06-23T02:00:00Z", true, T0 },

	/* No offset: local time in the configured zone. */
	{ "Asia/Shanghai", "2021-06-23T10:00:00", true, T0 },
	{ "Asia/Shanghai", "2021-06-23T10:00", true, T0 },
	{ "Asia/Shanghai", "2021-06-23 10:00", true, T0 },
	{ "UTC", "2021-06-23T02:00", true, T0 },
	{ "America/New_York", "2021-06-22T22:00", true, T0 },
	{ "America/New_York", "2021-07-01T12:00", true, 1625155200 },	/* EDT */
	{ "America/New_York", "2021-01-15T12:00", true, 1610730000 },	/* EST */

	{ "UTC", "2021-13-23T10:00:00Z", false, 0 },
	{ "UTC", "2021-00-23T10:00:00Z", false, 0 },
	{ "UTC", "2021-02-30T10:00:00Z", false, 0 },
	{ "UTC", "2021-06-23T24:00:00Z", false, 0 },
	{ "UTC", "2021-06-23T10:60:00Z", false, 0 },
	{ "UTC", "2021-06-23T10:00:61Z", false, 0 },
	{ "UTC", "2021-06-23T10:00:00+08:00x", false, 0 },
	{ "UTC", "2021-06-23T10:00:00Zjunk", false, 0 },
	{ "UTC", "2021-06-23T10:00:00 ", false, 0 },
	{ "UTC", "2021-06-23T10:00:00+15:00", false, 0 },
	{ "UTC", "2021-06-23T10:00:00+08:60", false, 0 },
	{ "UTC", "2021-06-23T10:00:00+8:00", false, 0 },
	{ "UTC", "2021-06-23T10:00:00+08", false, 0 },
	{ "UTC", "2021-06-23T10:00:00+", false, 0 },
	{ "UTC", "2021-06-23T10:0Z", false, 0 },
	{ "UTC", "2021-06-23T10:00:0Z", false, 0 },
	{ "UTC", "2021-06-23T10Z", false, 0 },
	{ "UTC", "2021-06-23T", false, 0 },
	{ "UTC", "2021-06-23", false, 0 },
	{ "UTC", "2021-06-23X10:00Z", false, 0 },
	{ "UTC", "2021-6-23T10:00Z", false, 0 },
	{ "UTC", "21-06-23T10:00Z", false, 0 },
	{ "UTC", "", false, 0 },
	{ "UTC", "now", false, 0 },
};

/* One row of parse_cases. */
static void
test_parse(void **state)
{
	const struct parse_case *c = *state;
	time_t t = 42;
	bool ok;

	set_zone(c->zone);
	ok = clock_parse(c->s, &t);
	if (ok != c->ok || (ok && t != c->t))
		print_error("\"%s\" in %s: %s %lld, want %s %lld\n", c->s, c->zone,
		    ok ? "accepted" : "rejected", (long long)t,
		    c->ok ? "accepted" : "rejected", (long long)c->t);
	assert_int_equal(ok, c->ok);
	if (ok)
		assert_int_equal((long long)t, (long long)c->t);
}

/* The local day of instants near midnight in several zones. */
static void
test_local_day(void **state)
{
	static const struct {
		const char *zone;
		time_t t;
		const char *day;
	} cases[] = {
		{ "Asia/Shanghai", 1625070600, "2021-07-01" },	/* 16:30Z */
		{ "America/New_York", 1625070600, "2021-06-30" },
		{ "UTC", 1625070600, "2021-06-30" },
		{ "Asia/Shanghai", 1625068799, "2021-06-30" },	/* 15:59:59Z */
		{ "Asia/Shanghai", 1625068800, "2021-07-01" },	/* 16:00Z */
		{ "America/New_York", 1625112000, "2021-07-01" },	/* 04:00Z */
		{ "America/New_York", 1625111999, "2021-06-30" },
		{ "UTC", 0, "1970-01-01" },
		{ "America/New_York", 0, "1969-12-31" },
	};
	char buf[16];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		set_zone(cases[i].zone);
		date_format(clock_local_day(cases[i].t), buf);
		if (strcmp(buf, cases[i].day) != 0)
			print_error("%lld in %s: %s, want %s\n",
			    (long long)cases[i].t, cases[i].zone, buf, cases[i].day);
		assert_string_equal(buf, cases[i].day);
	}
}

/* clock_local_time on known instants. */
static void
test_local_time(void **state)
{
	static const struct {
		const char *zone;
		int y, m, d, h, mi;
		time_t t;
	} cases[] = {
		{ "Asia/Shanghai", 2021, 6, 23, 10, 0, T0 },
		{ "UTC", 2021, 6, 23, 2, 0, T0 },
		{ "America/New_York", 2021, 7, 1, 12, 0, 1625155200 },
		{ "America/New_York", 2021, 1, 15, 12, 0, 1610730000 },
		{ "Asia/Shanghai", 2021, 7, 1, 0, 0, 1625068800 },
		{ "Asia/Kolkata", 2021, 6, 23, 7, 30, T0 },
	};
	size_t i;
	time_t t;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		set_zone(cases[i].zone);
		t = clock_local_time(date_from_ymd(cases[i].y, cases[i].m,
		    cases[i].d), cases[i].h, cases[i].mi);
		if (t != cases[i].t)
			print_error("%04d-%02d-%02d %02d:%02d in %s: %lld, "
			    "want %lld\n", cases[i].y, cases[i].m, cases[i].d,
			    cases[i].h, cases[i].mi, cases[i].zone, (long long)t,
			    (long long)cases[i].t);
		assert_int_equal((long long)t, (long long)cases[i].t);
	}
}

/* clock_local_time and clock_local_day agree every day of 2021 (both DST
 * changes included) in zones with and without DST; the instant's local
 * wall clock is the one asked for. */
static void
test_local_time_round_trip(void **state)
{
	static const char *const zones[] = {
		"Asia/Shanghai", "America/New_York", "Europe/London", "UTC",
		"Australia/Lord_Howe",
	};
	static const int hours[] = { 0, 9, 12, 23 };
	int first = date_from_ymd(2021, 1, 1), last = date_from_ymd(2021, 12, 31);
	int day, back;
	size_t z, h;
	struct tm tm;
	time_t t;
	char buf[16];

	(void)state;
	for (z = 0; z < ARRAY_LEN(zones); z++) {
		set_zone(zones[z]);
		for (day = first; day <= last; day++) {
			for (h = 0; h < ARRAY_LEN(hours); h++) {
				t = clock_local_time(day, hours[h], 30);
				back = clock_local_day(t);
				localtime_r(&t, &tm);
				if (back != day || tm.tm_hour != hours[h] ||
				    tm.tm_min != 30) {
					date_format(day, buf);
					print_error("%s %s %02d:30: day %d (want %d), "
					    "wall clock %02d:%02d\n", zones[z], buf,
					    hours[h], back, day, tm.tm_hour,
					    tm.tm_min);
					fail();
				}
			}
		}
	}
}

/* clock_local_time answers as mktime does, for every hour and half hour
 * of two years in zones with summer time: changes at 02:00, at midnight
 * (Santiago, Beirut), by half an hour (Lord Howe), and a day that never
 * happened (Apia skipped 2011-12-30). */
static void
test_local_time_mktime(void **state)
{
	static const char *const zones[] = {
		"America/New_York", "Europe/London", "America/Santiago",
		"Asia/Beirut", "Australia/Lord_Howe", "Pacific/Apia",
	};
	int first = date_from_ymd(2011, 1, 1), last = date_from_ymd(2012, 12, 31);
	int day, y, mo, d, h, m;
	struct tm tm;
	time_t t, want;
	size_t z;

	(void)state;
	for (z = 0; z < ARRAY_LEN(zones); z++) {
		set_zone(zones[z]);
		for (day = first; day <= last; day++) {
			date_to_ymd(day, &y, &mo, &d);
			for (h = 0; h < 24; h++) {
				for (m = 0; m < 60; m += 30) {
					t = clock_local_time(day, h, m);
					memset(&tm, 0, sizeof(tm));
					tm.tm_year = y - 1900;
					tm.tm_mon = mo - 1;
					tm.tm_mday = d;
					tm.tm_hour = h;
					tm.tm_min = m;
					tm.tm_isdst = -1;
					want = mktime(&tm);
					if (t != want) {
						print_error("%s %04d-%02d-%02d "
						    "%02d:%02d: %lld, mktime %lld\n",
						    zones[z], y, mo, d, h, m,
						    (long long)t, (long long)want);
						fail();
					}
				}
			}
		}
	}
}

/* clock_format writes the local time with the zone's offset. */
static void
test_format(void **state)
{
	static const struct {
		const char *zone;
		time_t t;
		const char *want;
	} cases[] = {
		{ "Asia/Shanghai", T0, "2021-06-23T10:00:00+08:00" },
		{ "America/New_York", T0, "2021-06-22T22:00:00-04:00" },
		{ "America/New_York", 1610730000, "2021-01-15T12:00:00-05:00" },
		{ "UTC", T0, "2021-06-23T02:00:00+00:00" },
		{ "Asia/Kolkata", T0, "2021-06-23T07:30:00+05:30" },
		{ "America/St_Johns", T0, "2021-06-22T23:30:00-02:30" },
		{ "Australia/Lord_Howe", T0, "2021-06-23T12:30:00+10:30" },
		{ "UTC", 0, "1970-01-01T00:00:00+00:00" },
		{ "Asia/Shanghai", T0 + 59, "2021-06-23T10:00:59+08:00" },
	};
	char buf[32];
	size_t i;
	time_t back;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		set_zone(cases[i].zone);
		clock_format(cases[i].t, buf, sizeof(buf));
		if (strcmp(buf, cases[i].want) != 0)
			print_error("%lld in %s: \"%s\", want \"%s\"\n",
			    (long long)cases[i].t, cases[i].zone, buf,
			    cases[i].want);
		assert_string_equal(buf, cases[i].want);
		/* What clock_format writes, clock_parse reads back. */
		back = 0;
		assert_true(clock_parse(buf, &back));
		assert_int_equal((long long)back, (long long)cases[i].t);
	}
}

/* A pinned clock starts at the pinned instant and runs in real time. */
static void
test_pin(void **state)
{
	struct timespec pause = { 1, 100 * 1000 * 1000 };
	time_t now;

	(void)state;
	clock_pin(T0);
	now = clock_now();
	assert_in_range(now, T0, T0 + 1);

	clock_pin(1000000000);
	now = clock_now();
	assert_in_range(now, 1000000000, 1000000001);

	nanosleep(&pause, NULL);
	now = clock_now();
	assert_in_range(now, 1000000001, 1000000002);
}

/* A timer set for clock_timer_at(t) on clock_timer_id() fires when
 * clock_now() reads t: not while it still reads the second before (a
 * pinned clock's seconds end with the monotonic clock's, not the system
 * clock's, which may be set meanwhile), nor a second late.  Pinned at
 * several points of its second, then the system clock. */
static void
test_timer_at(void **state)
{
	struct timespec w, on, nap = { 0, 0 };
	time_t t;
	int i;

	(void)state;
	/* Each call a fifth of a second further into a second of the
	 * clock the last wait ended on. */
	for (i = 0; i < 6; i++) {
		nap.tv_nsec = (150 + i % 5 * 200) * 1000 * 1000;
		nanosleep(&nap, NULL);
		clock_pin(i < 5 ? T0 : 0);
		assert_int_equal(clock_timer_id(), i < 5 ? CLOCK_MONOTONIC :
		    CLOCK_REALTIME);
		t = clock_now() + 1;
		w = clock_timer_at(t);
		clock_gettime(clock_timer_id(), &on);
		assert_true(w.tv_sec - on.tv_sec <= 1);
		assert_int_equal(clock_nanosleep(clock_timer_id(),
		    TIMER_ABSTIME, &w, NULL), 0);
		assert_int_equal((long long)clock_now(), (long long)t);
	}
	/* What clock_now() has reached already: the past, so at once; long
	 * past, never the zero that disarms a timer. */
	clock_pin(T0 + 60);
	w = clock_timer_at(T0);
	clock_gettime(CLOCK_MONOTONIC, &on);
	assert_true(w.tv_sec <= on.tv_sec - 59);
	w = clock_timer_at(T0 - 1000000000);
	assert_true(w.tv_sec == 0 && w.tv_nsec == 1);
	clock_pin(0);
}

/* clock_jump: the seconds the system clock moved beyond the monotonic
 * clock's count; clock_boot_ms counts at least what clock_mono_ms does. */
static void
test_jump(void **state)
{
	int64_t m = clock_mono_ms(), b = clock_boot_ms();

	(void)state;
	/* An hour by both clocks: no jump. */
	assert_int_equal(clock_jump(T0, 5000, T0 + 3600, 5000 + 3600000), 0);
	/* Ten seconds by the monotonic clock, 70 days by the wall. */
	assert_int_equal(clock_jump(T0, 1000, T0 + 70 * 86400 + 10, 11000),
	    70 * 86400);
	/* Set back a day while an hour went by. */
	assert_int_equal(clock_jump(T0, 0, T0 - 86400 + 3600, 3600000), -86400);
	/* The monotonic count goes in whole seconds. */
	assert_int_equal(clock_jump(T0, 0, T0 + 1, 999), 1);
	assert_int_equal(clock_jump(T0, 0, T0 + 1, 1000), 0);
	assert_true(b >= m);
}

int
main(void)
{
	static const struct CMUnitTest rest[] = {
		cmocka_unit_test(test_zone_exists),
		cmocka_unit_test(test_set_zone_unknown),
		cmocka_unit_test(test_local_day),
		cmocka_unit_test(test_local_time),
		cmocka_unit_test(test_local_time_round_trip),
		cmocka_unit_test(test_local_time_mktime),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_timer_at),
		cmocka_unit_test(test_jump),
	};
	size_t np = ARRAY_LEN(parse_cases), n = np + ARRAY_LEN(rest), i;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	char **names = xcalloc(np, sizeof(*names));
	int rc;

	/* A zone-independent test environment: no TZDIR from outside. */
	unsetenv("TZDIR");
	for (i = 0; i < np; i++) {
		names[i] = xasprintf("parse %s \"%s\"", parse_cases[i].zone,
		    parse_cases[i].s);
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    test_parse, (void *)&parse_cases[i]);
		tests[i].name = names[i];
	}
	memcpy(tests + np, rest, sizeof(rest));
	rc = _cmocka_run_group_tests("clock", tests, n, NULL, NULL);
	for (i = 0; i < np; i++)
		free(names[i]);
	free(names);
	free(tests);
	return rc;
}
