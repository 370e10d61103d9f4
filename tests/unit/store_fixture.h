/* store_fixture: what the outbox and acks tests stand on: a fresh
 * directory with a database holding a two-measure plan.  A header of
 * static functions, included by each such test (one test, one program). */
#ifndef DEADLINED_STORE_FIXTURE_H
#define DEADLINED_STORE_FIXTURE_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf/channels.h"
#include "plan/plan.h"
#include "store/store.h"
#include "testdir.h"

#define T0 ((time_t)1625000000)		/* 2021-06-29T20:53:20Z */
#define DAY (24 * 3600)

#define U_PROT "保护处"
#define U_LAW "法规处"
#define U_OFFICE "办公室"

/* Room for n messages of every channel kind (outbox_due). */
static inline const size_t *
all_rooms(size_t n)
{
	static size_t room[CHAN_KINDS];

	for (size_t i = 0; i < CHAN_KINDS; i++)
		room[i] = n;
	return room;
}

struct fx {
	char dir[256];
	char path[300];
	struct store *s;
	struct plan *plan;	/* as stored, with measure ids */
	int64_t m1, m2;		/* m1: 6月底前, PROT lead + LAW support;
				 * m2: 年底前, OFFICE */
	int next_ext;		/* for unique ext_ids */
};

/* A fresh directory and store with the two-measure plan imported. */
static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct import_summary sum;
	struct error err = { 0, "" };
	struct plan *p;
	struct plan_task *t;

	assert_non_null(fx);
	testdir_make(fx->dir, sizeof(fx->dir), "deadlined_test");
	snprintf(fx->path, sizeof(fx->path), "%s/deadlined.db", fx->dir);
	if (store_open(fx->path, &fx->s, &err) != 0)
		fail_msg("store_open: %s", err.msg);

	p = plan_new("plan.txt");
	free(p->title);
	p->title = xstrdup("2021年全省知识产权工作任务清单");
	p->year = 2021;
	t = plan_add_task(p, 1, "一、加强保护", "加强知识产权保护", 1);
	plan_add_measure(t, "开展专项行动", "6月底前", U_PROT "牵头，"
	    U_LAW "配合", 2);
	plan_add_measure(t, "出台管理办法", "年底前", U_OFFICE, 3);
	plan_resolve(p);
	if (store_import(fx->s, p, "plan.txt", "hash", T0 - DAY, false, &sum,
	    &err) != 0)
		fail_msg("store_import: %s", err.msg);
	plan_free(p);
	if (store_load_plan(fx->s, sum.plan_id, &fx->plan, &err) != 0)
		fail_msg("store_load_plan: %s", err.msg);
	assert_int_equal(fx->plan->ntasks, 1);
	assert_int_equal(fx->plan->tasks[0].nmeasures, 2);
	fx->m1 = fx->plan->tasks[0].measures[0].id;
	fx->m2 = fx->plan->tasks[0].measures[1].id;
	assert_true(fx->m1 > 0 && fx->m2 > fx->m1);
	assert_int_equal(fx->plan->tasks[0].measures[0].nunits, 2);
	assert_int_equal(fx->plan->tasks[0].measures[1].nunits, 1);
	*state = fx;
	return 0;
}

/* Close the store and remove the directory with everything in it. */
static int
teardown(void **state)
{
	struct fx *fx = *state;

	plan_free(fx->plan);
	store_close(fx->s);
	testdir_remove(fx->dir);
	assert_int_equal(access(fx->dir, F_OK), -1);
	free(fx);
	return 0;
}

#endif
