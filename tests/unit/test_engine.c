/* test_engine: a long-running engine keeps its plans, answers and heaps
 * between passes and looks only at what falls due; it must record exactly
 * what an engine made afresh for every pass records (which looks at every
 * item).  Both run side by side on the seed plan, in two databases, over
 * a year of passes at irregular times, with mail going out (to a Maildir),
 * acknowledgements and progress reports arriving, escalations and report
 * requests falling due and a re-import in the middle; their notices and
 * messages are then compared row by row.  A paused item gets nothing
 * until its pause's date, or until it is resumed, from the warm engine
 * as from a fresh one. */
#define _XOPEN_SOURCE 700
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/acks.h"
#include "store/pauses.h"
#include "base/clock.h"
#include "base/buf.h"
#include "conf/config.h"
#include "conf/load.h"
#include "base/date.h"
#include "engine/engine.h"
#include "read/planfile.h"
#include "store/store.h"

#include "agent_fixture.h"
#include "testdir.h"
#include "conf_fixture.h"

#define SEED "etc/plans/2021-shandong-ip-workplan.txt"
#define START ((time_t)1609723800)	/* 2021-01-04T09:30:00+08:00, a Monday */
#define STEP ((time_t)(17 * 3600 + 13 * 60))	/* lands at every hour of the day */
#define END ((time_t)1643644800)	/* 2022-02-01T00:00:00+08:00 */

struct side {
	char db[300];
	struct store *s;
};

static char dir[256];
static struct config *cfg;
static struct side warm, cold;

static void
import_seed(struct side *x, time_t now)
{
	struct import_summary sum;
	struct error err;
	struct plan *p;
	char hash[65];

	if (planfile_read(SEED, PLAN_AUTO, 2021, &p, hash, &err) != 0)
		fail_msg("%s", err.msg);
	if (store_import(x->s, p, SEED, hash, now, false, &sum, &err) != 0)
		fail_msg("store_import: %s", err.msg);
	plan_free(p);
}

/* A pass, then the sending of what it queued through the delivery agent
 * (Maildirs), polling as the daemon does, until nothing is in flight. */
static void
pass(struct engine *e, time_t now)
{
	struct engine_stats stats;
	struct pollfd pfd[8];
	struct error err;
	int n, t, waited = 0;

	if (engine_pass(e, now, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	if (engine_send(e, now, NULL, &err) != 0)
		fail_msg("engine_send: %s", err.msg);
	while (engine_busy(e) > 0 && waited < 20000) {
		n = engine_fds(e, pfd, 8, &t);
		if (t < 0 || t > 50)
			t = 50;
		(void)poll(pfd, (nfds_t)n, t);
		waited += t;
		engine_run(e, now);
		if (engine_send(e, now, NULL, &err) != 0)
			fail_msg("engine_send: %s", err.msg);
	}
	assert_int_equal(engine_busy(e), 0);
}

/* Rows of a query as one text, a line each. */
static char *
rows(const char *db, const char *sql)
{
	struct buf b;
	sqlite3 *h;
	sqlite3_stmt *st;
	int i;

	memset(&b, 0, sizeof(b));
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			buf_printf(&b, "%s%s", i > 0 ? "|" : "",
			    t != NULL ? (const char *)t : "NULL");
		}
		buf_printf(&b, "\n");
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return buf_steal(&b);
}

static int64_t
count(const char *db, const char *sql)
{
	char *r = rows(db, sql);
	int64_t n = strtoll(r, NULL, 10);

	free(r);
	return n;
}

/* Answer (kind), in both databases, for the item of the k-th notice sent. */
static void
ack_some(time_t now, int k, enum ack_kind kind)
{
	char sql[300], *r, *unit, *due;
	struct ack_target t;
	struct ack_progress p = { "进展过半", 50, NULL, NULL };
	struct ack_record a = { kind, ACK_CLI, NULL, NULL, NULL,
	    kind == ACK_PROGRESS ? &p : NULL };
	struct error err;
	int64_t n;

	/* Among the items of deadline notices: the run's mix of answers,
	 * whatever report requests add to the table. */
	n = count(warm.db, "SELECT count(*) FROM notice WHERE stage IN "
	    "('lead', 'due', 'overdue', 'checkin')");
	if (n == 0)
		return;
	snprintf(sql, sizeof(sql), "SELECT measure_id, unit, due FROM notice "
	    "WHERE stage IN ('lead', 'due', 'overdue', 'checkin') ORDER BY "
	    "measure_id, unit, due, stage, step LIMIT 1 OFFSET %lld",
	    (long long)(k % n));
	r = rows(warm.db, sql);
	unit = strchr(r, '|');
	assert_non_null(unit);
	*unit++ = '\0';
	due = strchr(unit, '|');
	assert_non_null(due);
	*due++ = '\0';
	due[strcspn(due, "\n")] = '\0';
	t.measure_id = strtoll(r, NULL, 10);
	t.unit = unit;
	assert_true(date_parse(due, &t.due));
	if (acks_record(warm.s, &t, &a, now, &err) != 0 ||
	    acks_record(cold.s, &t, &a, now, &err) != 0)
		fail_msg("acks_record: %s", err.msg);
	free(r);
}

static int
setup(void **state)
{
	char path[300];
	struct error err;

	(void)state;
	use_built_agent();
	testdir_make(dir, sizeof(dir), "test_engine");
	snprintf(path, sizeof(path), "%s/deadlined.conf", dir);
	conf_write(path, "timezone = \"Asia/Shanghai\";\n"
	    "log_level = \"warning\";\n"
	    "maildir = \"%s/mail\";\n"
	    "units = ( { name = \"知识产权保护处\"; maildir = \"%s/prot\"; },\n"
	    "  { name = \"知识产权运用促进处\"; maildir = \"%s/use\"; } );\n"
	    "schedule: { escalate_after_days = 2; overdue_every_days = 5;\n"
	    "  progress = { every = \"month\"; day = 25; lead_days = 3; };\n"
	    "  calendar = \"%s/etc/holidays/2021.conf\"; };\n",
	    dir, dir, dir, getenv("PWD") != NULL ? getenv("PWD") : ".");
	cfg = conf_load_ok(path);
	/* Days and the send window are the zone's, as in the daemon. */
	assert_true(clock_set_zone(cfg->timezone));
	snprintf(warm.db, sizeof(warm.db), "%s/warm.db", dir);
	snprintf(cold.db, sizeof(cold.db), "%s/cold.db", dir);
	if (store_open(warm.db, &warm.s, &err) != 0 ||
	    store_open(cold.db, &cold.s, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	import_seed(&warm, START - 3600);
	import_seed(&cold, START - 3600);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(warm.s);
	store_close(cold.s);
	config_free(cfg);
	testdir_remove(dir);
	return 0;
}

static void
test_warm_pass_records_what_a_full_pass_records(void **state)
{
	struct engine *e = engine_new(cfg, warm.s, false), *c;
	const char *notices = "SELECT measure_id, unit, role, due, stage, step, "
	    "current, state, trigger_at, created_at FROM notice "
	    "ORDER BY 1, 2, 4, 5, 6";
	const char *messages = "SELECT recipient, channel, state, created_at, "
	    "sent_at, (SELECT group_concat(x, ',') FROM (SELECT n.measure_id "
	    "|| n.unit || n.due || n.stage || n.step AS x FROM message_notice mn "
	    "JOIN notice n ON n.id = mn.notice_id WHERE mn.message_id = m.id "
	    "ORDER BY x)) AS items FROM message m "
	    "ORDER BY created_at, recipient, channel, state, items";
	char *a, *b;
	time_t now;
	int k = 0;

	(void)state;
	for (now = START; now < END; now += STEP, k++) {
		pass(e, now);
		c = engine_new(cfg, cold.s, false);
		pass(c, now);
		engine_free(c);
		if (k % 9 == 4)
			ack_some(now + 60, k * 7, k % 2 ? ACK_ACK : ACK_DONE);
		if (k % 18 == 7)
			ack_some(now + 90, k * 5, ACK_PROGRESS);
		/* An import (nothing changed) mid-year: the warm engine
		 * reloads the plans and must lose nothing by it. */
		if (k == 250) {
			import_seed(&warm, now + 120);
			import_seed(&cold, now + 120);
		}
	}
	engine_free(e);

	/* The run covered what it is meant to. */
	assert_true(count(warm.db, "SELECT count(*) FROM notice WHERE stage = "
	    "'escalation'") > 10);
	assert_true(count(warm.db, "SELECT count(*) FROM notice WHERE stage = "
	    "'overdue'") > 10);
	assert_true(count(warm.db, "SELECT count(*) FROM message WHERE state = "
	    "'sent'") > 100);
	assert_true(count(warm.db, "SELECT count(*) FROM ack") > 20);
	assert_true(count(warm.db, "SELECT count(*) FROM ack WHERE kind = "
	    "'progress'") > 10);
	assert_true(count(warm.db, "SELECT count(*) FROM notice WHERE stage = "
	    "'report' AND current = 1") > 10);
	assert_true(count(warm.db, "SELECT count(*) FROM notice WHERE stage = "
	    "'behind' AND current = 1") > 10);

	a = rows(warm.db, notices);
	b = rows(cold.db, notices);
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = rows(warm.db, messages);
	b = rows(cold.db, messages);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* The database's check: at the first pass, then a day after the last
 * one on the pass's clock, and at once when that clock went back. */
static void
test_check_due(void **state)
{
	static const struct {
		time_t checked, now;
		bool due;
	} cases[] = {
		{ 0, 1624413600, true },			/* never checked */
		{ 1624413600, 1624413600, false },		/* just checked */
		{ 1624413600, 1624413600 + 3600, false },
		{ 1624413600, 1624413600 + 86399, false },
		{ 1624413600, 1624413600 + 86400, true },	/* a day on */
		{ 1624413600, 1624413600 + 10 * 86400, true },
		{ 1624413600, 1624413600 - 1, true },		/* clock set back */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (engine_check_due(cases[i].checked, cases[i].now) !=
		    cases[i].due)
			fail_msg("case %zu: checked %lld, now %lld: wanted %s", i,
			    (long long)cases[i].checked, (long long)cases[i].now,
			    cases[i].due ? "due" : "not due");
}

/* A clock that ran ahead, then put right: after a pass at 2021-09-01 the
 * warm engine's heaps hold only what falls due after it; passes at the
 * true time (06-23, then 06-29) must record what an engine made afresh
 * for each records, among them the lead notices of 6月底前 current on
 * 06-23, which the pass ahead recorded as skipped. */
static void
test_clock_set_back(void **state)
{
	static const time_t at[] = {
		1630461600,	/* 2021-09-01T10:00:00+08:00 */
		1624413600,	/* 2021-06-23T10:00:00+08:00 */
		1624932000,	/* 2021-06-29T10:00:00+08:00 */
	};
	struct engine *e = engine_new(cfg, warm.s, false), *c;
	const char *notices = "SELECT measure_id, unit, due, stage, step, "
	    "current, state FROM notice ORDER BY 1, 2, 3, 4, 5";
	char *a, *b;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(at); i++) {
		pass(e, at[i]);
		c = engine_new(cfg, cold.s, false);
		pass(c, at[i]);
		engine_free(c);
	}
	engine_free(e);
	assert_true(count(warm.db, "SELECT count(*) FROM notice n JOIN "
	    "message_notice mn ON mn.notice_id = n.id JOIN message m ON "
	    "m.id = mn.message_id WHERE m.state = 'sent' AND n.stage = 'lead' "
	    "AND n.due = '2021-06-30' AND m.created_at = "
	    "1624413600") > 0);
	a = rows(warm.db, notices);
	b = rows(cold.db, notices);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* A jump of the clock ahead, held (engine_hold, as the daemon does when
 * its system clock runs six weeks past the monotonic one): at the
 * jumped time the warm engine records no overdue notice and no
 * escalation that only the jump made due, while an engine told nothing
 * records some; it wakes for them when the hold ends, and then records
 * what the other recorded. */
static void
test_jump_held(void **state)
{
	const time_t t1 = 1622512800;	/* 2021-06-01T10:00:00+08:00 */
	const time_t t2 = 1626055200;	/* 2021-07-12T10:00:00+08:00 */
	const time_t until = t2 + 3600;
	struct engine *e = engine_new(cfg, warm.s, false), *c;
	const char *notices = "SELECT measure_id, unit, due, stage, step, "
	    "current, state FROM notice ORDER BY 1, 2, 3, 4, 5";
	char sql[200], *a, *b;
	time_t next;

	(void)state;
	pass(e, t1);
	c = engine_new(cfg, cold.s, false);
	pass(c, t1);
	engine_hold(e, t1 + 60, until);
	pass(e, t2);
	pass(c, t2);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM notice WHERE stage "
	    "IN ('overdue', 'escalation', 'behind') AND trigger_at > %lld",
	    (long long)(t1 + 60));
	assert_int_equal(count(warm.db, sql), 0);
	assert_true(count(cold.db, "SELECT count(*) FROM notice WHERE "
	    "stage = 'overdue' AND current = 1") > 0);
	assert_true(count(cold.db, "SELECT count(*) FROM notice WHERE "
	    "stage = 'escalation'") > 0);
	assert_true(count(cold.db, "SELECT count(*) FROM notice WHERE "
	    "stage = 'behind'") > 0);
	/* Lead notices are not held. */
	assert_true(count(warm.db, "SELECT count(*) FROM notice WHERE "
	    "stage = 'lead' AND created_at = 1626055200") > 0);
	next = engine_next(e, t2);
	assert_true(next > t2 && next <= until);

	/* Still held a minute before the end; not at the end. */
	pass(e, until - 60);
	assert_int_equal(count(warm.db, sql), 0);
	pass(e, until);
	pass(c, until);
	engine_free(c);
	engine_free(e);
	assert_true(count(warm.db, sql) > 0);
	a = rows(warm.db, notices);
	b = rows(cold.db, notices);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* 10:00 on day iso, Asia/Shanghai. */
static time_t
at_ten(const char *iso)
{
	int d;

	assert_true(date_parse(iso, &d));
	return clock_local_time(d, 10, 0);
}

/* Pause (or resume) measure 8 (6月底前) for 知识产权保护处 in both
 * databases, at now, until `until`. */
static void
pause_both(bool pause, time_t now, const char *until)
{
	static const char *const unit[] = { "知识产权保护处" };
	struct pause_req p = { 8, unit[0], unit, 1, 0, 0, "等待批复",
	    ACK_CLI };
	struct error err;
	struct side *x[] = { &warm, &cold };

	assert_true(date_parse("2021-06-30", &p.due));
	assert_true(date_parse(until, &p.until));
	for (size_t i = 0; i < ARRAY_LEN(x); i++)
		if ((pause ? pauses_add(x[i]->s, &p, 1, now, &err) :
		    pauses_resume(x[i]->s, &p, 1, clock_local_day(now), now,
		    &err)) != 0)
			fail_msg("pause: %s", err.msg);
}

/* Passes of the warm engine e and of a fresh one on each day of days. */
static void
passes(struct engine *e, const char *const *days, size_t n)
{
	struct engine *c;

	for (size_t i = 0; i < n; i++) {
		pass(e, at_ten(days[i]));
		c = engine_new(cfg, cold.s, false);
		pass(c, at_ten(days[i]));
		engine_free(c);
	}
}

/* How many notices of measure 8 to unit were recorded in [from, to). */
static int64_t
recorded(const char *unit, time_t from, time_t to)
{
	char sql[300];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM notice WHERE "
	    "measure_id = 8 AND unit = '%s' AND created_at >= %lld AND "
	    "created_at < %lld", unit, (long long)from, (long long)to);
	return count(warm.db, sql);
}

static void
same_notices(void)
{
	const char *notices = "SELECT measure_id, unit, due, stage, step, "
	    "current, state FROM notice ORDER BY 1, 2, 3, 4, 5";
	char *a = rows(warm.db, notices), *b = rows(cold.db, notices);

	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* Paused from 06-01 to 07-05: nothing of measure 8 to 知识产权保护处
 * (no lead, due, overdue notice, no escalation), while 知识产权运用促进处
 * gets June's; on 07-05 one overdue notice goes out, what fell in the
 * pause recorded as missed. */
static void
test_pause(void **state)
{
	static const char *const june[] = { "2021-06-02", "2021-06-16",
	    "2021-06-23", "2021-06-29", "2021-06-30", "2021-07-02" };
	static const char *const july[] = { "2021-07-05" };
	struct engine *e = engine_new(cfg, warm.s, false);
	const char *p = "知识产权保护处", *y = "知识产权运用促进处";
	time_t t0 = at_ten("2021-06-01");

	(void)state;
	passes(e, (const char *const[]){ "2021-06-01" }, 1);
	pause_both(true, t0 + 60, "2021-07-05");
	passes(e, june, ARRAY_LEN(june));
	assert_int_equal(recorded(p, t0 + 60, at_ten("2021-07-05")), 0);
	assert_true(recorded(y, t0 + 60, at_ten("2021-07-05")) >= 3);
	passes(e, july, 1);
	engine_free(e);
	assert_int_equal(count(warm.db, "SELECT count(*) FROM notice WHERE "
	    "measure_id = 8 AND unit = '知识产权保护处' AND stage = 'overdue' "
	    "AND current = 1 AND state <> 'pending'"), 1);
	assert_true(count(warm.db, "SELECT count(*) FROM notice WHERE "
	    "measure_id = 8 AND unit = '知识产权保护处' AND stage IN ('lead', "
	    "'due') AND current = 0") > 0);
	same_notices();
}

/* Paused until 07-03, a Saturday: the item is still paused at 10:00 that
 * day and at 00:30 on Monday 07-05 (no notice of the evening before goes
 * out stale), and resumes when the send window opens that morning. */
static void
test_pause_ends_at_window(void **state)
{
	static const char *const june[] = { "2021-06-16", "2021-06-30",
	    "2021-07-03" };
	struct engine *e = engine_new(cfg, warm.s, false);
	const char *p = "知识产权保护处";
	time_t t0 = at_ten("2021-06-01"), night = at_ten("2021-07-05") -
	    (time_t)(9 * 3600 + 30 * 60);
	char sql[300];

	(void)state;
	passes(e, (const char *const[]){ "2021-06-01" }, 1);
	pause_both(true, t0 + 60, "2021-07-03");
	passes(e, june, ARRAY_LEN(june));
	pass(e, night);
	assert_int_equal(recorded(p, t0 + 60, night + 60), 0);
	passes(e, (const char *const[]){ "2021-07-05" }, 1);
	engine_free(e);
	/* Of the unit's own notices since the pause, the one overdue
	 * notice is current. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM notice WHERE "
	    "measure_id = 8 AND unit = '%s' AND current = 1 AND stage <> "
	    "'escalation' AND created_at > %lld", p, (long long)t0);
	assert_int_equal(count(warm.db, sql), 1);
	assert_int_equal(count(warm.db, "SELECT count(*) FROM notice WHERE "
	    "measure_id = 8 AND unit = '知识产权保护处' AND current = 1 AND "
	    "stage = 'overdue'"), 1);
	same_notices();
}

/* Resumed on 06-20, after the pass of 06-16 found the item paused (and
 * set it aside until 07-05): the warm engine looks at it again, and on
 * 06-23 records what a fresh one does. */
static void
test_resume(void **state)
{
	static const char *const june[] = { "2021-06-10", "2021-06-16" };
	struct engine *e = engine_new(cfg, warm.s, false);
	const char *p = "知识产权保护处";
	time_t t0 = at_ten("2021-06-01");

	(void)state;
	passes(e, (const char *const[]){ "2021-06-01" }, 1);
	pause_both(true, t0 + 60, "2021-07-05");
	passes(e, june, ARRAY_LEN(june));
	assert_int_equal(recorded(p, t0 + 60, at_ten("2021-06-23")), 0);
	pause_both(false, at_ten("2021-06-20"), "2021-07-05");
	passes(e, (const char *const[]){ "2021-06-23" }, 1);
	engine_free(e);
	assert_true(recorded(p, at_ten("2021-06-23"), at_ten("2021-06-24")) > 0);
	same_notices();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_due),
		cmocka_unit_test_setup_teardown(
		    test_warm_pass_records_what_a_full_pass_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clock_set_back, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_jump_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause_ends_at_window, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
