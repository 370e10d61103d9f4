/*
 * Tests for agenda: two small plans built in memory, with dated,
 * ongoing, monthly, quarterly and unknown deadlines and several units,
 * and one table of (today, within, unit) with the items agenda_collect
 * must return, in order, with their due dates and days left.  Every
 * table row runs as its own test case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine/agenda.h"
#include "base/date.h"
#include "plan/plan.h"
#include "base/util.h"

#define MAX_ITEMS 12

/* Plan A (id 2) comes first in the array, plan B (id 1) second: ties on
 * the due date go by plan id, not by array position. */
static struct plan *plans[2];

struct want {
	int64_t plan;		/* 0 ends the list */
	const char *text;	/* the measure's text, unique across plans */
	const char *due;
	int days_left;
};

struct agenda_case {
	const char *what;
	const char *today;
	int within;
	const char *unit;	/* NULL: every unit */
	struct want want[MAX_ITEMS];
};

static const struct agenda_case cases[] = {
	{ "2021-05-10 within 60: overdue, dated, monthly, quarterly",
	  "2021-05-10", 60, NULL,
	  { { 2, "甲", "2021-03-31", -40 },
	    { 1, "B乙", "2021-05-20", 10 },
	    { 2, "乙", "2021-05-20", 10 },
	    { 2, "辛", "2021-05-20", 10 },
	    { 1, "B甲", "2021-05-31", 21 },
	    { 2, "丙", "2021-05-31", 21 },	/* monthly */
	    { 1, "B丙", "2021-06-15", 36 },
	    { 2, "丁", "2021-06-30", 51 } } },	/* quarterly */
	{ "2021-05-10 within 30: the quarter end and June are beyond",
	  "2021-05-10", 30, NULL,
	  { { 2, "甲", "2021-03-31", -40 },
	    { 1, "B乙", "2021-05-20", 10 },
	    { 2, "乙", "2021-05-20", 10 },
	    { 2, "辛", "2021-05-20", 10 },
	    { 1, "B甲", "2021-05-31", 21 },
	    { 2, "丙", "2021-05-31", 21 } } },
	{ "2021-05-10 within 0: only what is overdue",
	  "2021-05-10", 0, NULL,
	  { { 2, "甲", "2021-03-31", -40 } } },
	{ "due today counts with within 0",
	  "2021-05-20", 0, NULL,
	  { { 2, "甲", "2021-03-31", -50 },
	    { 1, "B乙", "2021-05-20", 0 },
	    { 2, "乙", "2021-05-20", 0 },
	    { 2, "辛", "2021-05-20", 0 } } },
	{ "the window's last day is in, the day after is out",
	  "2021-05-10", 50, NULL,
	  { { 2, "甲", "2021-03-31", -40 },
	    { 1, "B乙", "2021-05-20", 10 },
	    { 2, "乙", "2021-05-20", 10 },
	    { 2, "辛", "2021-05-20", 10 },
	    { 1, "B甲", "2021-05-31", 21 },
	    { 2, "丙", "2021-05-31", 21 },
	    { 1, "B丙", "2021-06-15", 36 } } },
	{ "a long window: everything but unknown deadlines",
	  "2021-05-10", 3660, NULL,
	  { { 2, "甲", "2021-03-31", -40 },
	    { 1, "B乙", "2021-05-20", 10 },
	    { 2, "乙", "2021-05-20", 10 },
	    { 2, "辛", "2021-05-20", 10 },
	    { 1, "B甲", "2021-05-31", 21 },
	    { 2, "丙", "2021-05-31", 21 },
	    { 1, "B丙", "2021-06-15", 36 },
	    { 2, "丁", "2021-06-30", 51 },
	    { 2, "庚", "2021-07-31", 82 },
	    { 2, "己", "2021-12-31", 235 } } },	/* ongoing */
	{ "year end: all overdue, periodic ones due 12-31 in plan order",
	  "2021-12-20", 30, NULL,
	  { { 2, "甲", "2021-03-31", -264 },
	    { 1, "B乙", "2021-05-20", -214 },
	    { 2, "乙", "2021-05-20", -214 },
	    { 2, "辛", "2021-05-20", -214 },
	    { 1, "B甲", "2021-05-31", -203 },
	    { 1, "B丙", "2021-06-15", -188 },
	    { 2, "庚", "2021-07-31", -142 },
	    { 2, "丙", "2021-12-31", 11 },	/* monthly, task 1 */
	    { 2, "丁", "2021-12-31", 11 },	/* quarterly, task 2 */
	    { 2, "己", "2021-12-31", 11 } } },	/* ongoing, task 2 later */
	{ "January: the first month end, not yet the quarter",
	  "2021-01-05", 30, NULL,
	  { { 2, "丙", "2021-01-31", 26 } } },
	{ "before the plan year: its first month end, window inclusive",
	  "2020-12-01", 61, NULL,
	  { { 2, "丙", "2021-01-31", 61 } } },
	{ "before the plan year: one day short",
	  "2020-12-01", 60, NULL,
	  { { 0, NULL, NULL, 0 } } },
	{ "unit 保护处",
	  "2021-05-10", 60, "保护处",
	  { { 1, "B乙", "2021-05-20", 10 },
	    { 2, "辛", "2021-05-20", 10 },
	    { 2, "丙", "2021-05-31", 21 } } },
	{ "unit 办公室, as lead, responsible and support",
	  "2021-05-10", 60, "办公室",
	  { { 2, "甲", "2021-03-31", -40 },
	    { 2, "乙", "2021-05-20", 10 },
	    { 1, "B甲", "2021-05-31", 21 },
	    { 2, "丁", "2021-06-30", 51 } } },
	{ "unit 法规处 over a long window",
	  "2021-05-10", 3660, "法规处",
	  { { 2, "乙", "2021-05-20", 10 },
	    { 1, "B丙", "2021-06-15", 36 },
	    { 2, "己", "2021-12-31", 235 } } },
	{ "a unit is matched whole, not by prefix",
	  "2021-05-10", 3660, "办公",
	  { { 0, NULL, NULL, 0 } } },
	{ "a unit nobody names",
	  "2021-05-10", 3660, "无此单位",
	  { { 0, NULL, NULL, 0 } } },
};

/* Build the two plans. */
static int
setup_plans(void **state)
{
	struct plan *a, *b;
	struct plan_task *t;

	(void)state;
	a = plan_new("a.txt");
	a->id = 2;
	a->year = 2021;
	t = plan_add_task(a, 1, "", "任务一", 1);
	plan_add_measure(t, "甲", "3月底前", "办公室", 2);
	plan_add_measure(t, "乙", "5月20日", "法规处牵头，办公室配合", 3);
	plan_add_measure(t, "丙", "每月", "保护处", 4);
	t = plan_add_task(a, 2, "", "任务二", 5);
	plan_add_measure(t, "丁", "每季度", "办公室", 6);
	plan_add_measure(t, "戊", "随时", "办公室", 7);
	plan_add_measure(t, "己", "全年", "法规处", 8);
	plan_add_measure(t, "庚", "7月底前", "办公室", 9);
	plan_add_measure(t, "辛", "5月20日", "保护处", 10);
	plan_resolve(a);

	b = plan_new("b.txt");
	b->id = 1;
	b->year = 2021;
	t = plan_add_task(b, 1, "", "任务", 1);
	plan_add_measure(t, "B甲", "5月底前", "办公室", 2);
	plan_add_measure(t, "B乙", "5月20日", "保护处", 3);
	plan_add_measure(t, "B丙", "6月15日", "法规处", 4);
	plan_add_measure(t, "B丁", "视情况", "", 5);
	plan_resolve(b);

	plans[0] = a;
	plans[1] = b;
	/* The fixture is what the table assumes. */
	if (plan_measure_count(a) != 8 || plan_unknown_count(a) != 1 ||
	    plan_measure_count(b) != 4 || plan_unknown_count(b) != 1) {
		print_error("fixture: deadlines did not resolve as expected\n");
		return -1;
	}
	return 0;
}

static int
teardown_plans(void **state)
{
	(void)state;
	plan_free(plans[0]);
	plan_free(plans[1]);
	return 0;
}

/* Print what agenda_collect returned, for a failing row. */
static void
dump(const struct agenda_item *items, size_t n)
{
	char due[16];
	size_t i;

	for (i = 0; i < n; i++) {
		date_format(items[i].due, due);
		print_error("  got [%zu] plan %lld \"%s\" due %s days_left %d\n",
		    i, (long long)items[i].plan->id, items[i].measure->text, due,
		    items[i].days_left);
	}
}

/* Whether item's task and measure belong to its plan and task. */
static bool
consistent(const struct agenda_item *it)
{
	const struct plan *p = it->plan;
	const struct plan_task *t = it->task;

	return (p == plans[0] || p == plans[1]) &&
	    t >= p->tasks && t < p->tasks + p->ntasks &&
	    it->measure >= t->measures &&
	    it->measure < t->measures + t->nmeasures;
}

/* One row of cases. */
static void
test_agenda(void **state)
{
	const struct agenda_case *c = *state;
	struct agenda_item *items = NULL;
	char due[16];
	size_t i, n, want = 0;
	int today;

	assert_true(date_parse(c->today, &today));
	while (want < MAX_ITEMS && c->want[want].plan != 0)
		want++;
	n = agenda_collect(plans, ARRAY_LEN(plans), today, c->within, c->unit,
	    NULL, &items);
	if (n != want)
		dump(items, n);
	assert_int_equal(n, want);
	for (i = 0; i < n; i++) {
		const struct want *w = &c->want[i];

		date_format(items[i].due, due);
		if (items[i].plan->id != w->plan ||
		    strcmp(items[i].measure->text, w->text) != 0 ||
		    strcmp(due, w->due) != 0 || items[i].days_left != w->days_left) {
			print_error("item %zu: want plan %lld \"%s\" due %s "
			    "days_left %d\n", i, (long long)w->plan, w->text, w->due,
			    w->days_left);
			dump(items, n);
		}
		assert_true(consistent(&items[i]));
		assert_int_equal(items[i].plan->id, w->plan);
		assert_string_equal(items[i].measure->text, w->text);
		assert_string_equal(due, w->due);
		assert_int_equal(items[i].days_left, w->days_left);
		assert_int_equal(items[i].days_left, items[i].due - today);
	}
	free(items);
}

/* No plans, or plans with nothing in them: nothing due, and *out can be
 * freed. */
static void
test_agenda_empty(void **state)
{
	struct agenda_item *items = (struct agenda_item *)&items;
	struct plan *empty = plan_new("empty.txt");
	struct plan *list[1] = { empty };
	int today = date_from_ymd(2021, 5, 10);

	(void)state;
	assert_int_equal(agenda_collect(plans, 0, today, 30, NULL, NULL, &items), 0);
	free(items);

	empty->year = 2021;
	plan_add_task(empty, 1, "", "空", 1);
	plan_resolve(empty);
	items = (struct agenda_item *)&items;
	assert_int_equal(agenda_collect(list, 1, today, 3660, NULL, NULL, &items), 0);
	free(items);
	plan_free(empty);
}

int
main(void)
{
	size_t n = ARRAY_LEN(cases) + 1, i;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	int rc;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    test_agenda, (void *)&cases[i]);
		tests[i].name = cases[i].what;
	}
	tests[i] = (struct CMUnitTest)cmocka_unit_test(test_agenda_empty);
	rc = _cmocka_run_group_tests("agenda", tests, n, setup_plans,
	    teardown_plans);
	free(tests);
	return rc;
}
