/* test_dispatch: the engine's sending half (engine/dispatch.c) on a real
 * database and the real delivery agent: what a pass queued is handed
 * over and each outcome recorded; a delivery that fails for now is kept
 * queued with its error, counted by engine_queued, not retried before
 * its time, and sent at the time engine_next names, once; outside the
 * send window nothing goes, new messages and retries wait for its next
 * opening; a fan-out of 300 goes out once each, and the counters the
 * triggers keep agree with the rows; a channel whose peer hangs holds up
 * no other. */
#define _XOPEN_SOURCE 700
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "base/clock.h"
#include "conf/config.h"
#include "conf/load.h"
#include "engine/engine.h"
#include "read/planfile.h"
#include "store/store.h"

#include "agent_fixture.h"
#include "testdir.h"
#include "conf_fixture.h"

#define SEED "etc/plans/2021-shandong-ip-workplan.txt"
#define NOW ((time_t)1624413600)	/* 2021-06-23T10:00:00+08:00 */

static char dir[256], db[300], blocked[300];
static struct config *cfg;
static struct store *st;

/* Hand over what is queued and drive the agent until nothing is in
 * flight, as the daemon's loop does. */
static void
send_all(struct engine *e, time_t now)
{
	struct pollfd pfd[8];
	struct error err;
	int n, t, waited = 0;

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

/* The first column of the first row of sql, as an integer. */
static int64_t
one(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

/* The configuration at conf (its zone the clock's, as in the daemon), and
 * a new database d.db holding the 2021 plan at plan, imported the day
 * before NOW. */
static void
load(const char *conf, const char *plan)
{
	struct import_summary sum;
	struct error err;
	struct plan *p;
	char hash[65];

	cfg = conf_load_ok(conf);
	assert_true(clock_set_zone(cfg->timezone));
	snprintf(db, sizeof(db), "%s/d.db", dir);
	if (store_open(db, &st, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	if (planfile_read(plan, PLAN_AUTO, 2021, &p, hash, &err) != 0)
		fail_msg("%s", err.msg);
	if (store_import(st, p, plan, hash, NOW - 86400, false, &sum, &err) != 0)
		fail_msg("store_import: %s", err.msg);
	plan_free(p);
}

static int
setup(void **state)
{
	char path[300];
	FILE *f;

	(void)state;
	use_built_agent();
	testdir_make(dir, sizeof(dir), "test_dispatch");
	/* A Maildir under a plain file cannot be made: a failure for now. */
	snprintf(blocked, sizeof(blocked), "%s/blocked", dir);
	assert_non_null(f = fopen(blocked, "w"));
	fclose(f);
	snprintf(path, sizeof(path), "%s/deadlined.conf", dir);
	conf_write(path, "timezone = \"Asia/Shanghai\";\nlog_level = \"error\";\n"
	    "maildir = \"%s/mail\";\n"
	    "schedule: { lead_days = [7, 1, 0]; ongoing = \"none\"; };\n"
	    "units = ( { name = \"知识产权保护处\"; maildir = \"%s/prot\"; },\n"
	    "  { name = \"知识产权运用促进处\"; maildir = \"%s/md\"; } );\n",
	    dir, dir, blocked);
	load(path, SEED);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	config_free(cfg);
	testdir_remove(dir);
	return 0;
}

static void
test_outcomes_and_retry(void **state)
{
	struct engine_stats stats;
	struct engine *e;
	struct error err;
	time_t next;
	int64_t sent, retry_at;
	char path[320];

	(void)state;
	e = engine_new(cfg, st, false);
	if (engine_pass(e, NOW, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	assert_true(one("SELECT count(*) FROM message WHERE state = 'queued'")
	    >= 2);
	send_all(e, NOW);

	/* Delivered where it could be: recorded sent, once. */
	sent = one("SELECT count(*) FROM message WHERE state = 'sent'");
	assert_true(sent >= 1);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = 'sent' "
	    "AND attempts != 1"), 0);
	snprintf(path, sizeof(path), "%s/prot/new", dir);
	assert_int_equal(access(path, F_OK), 0);
	/* The blocked unit's digest: kept queued with its error and a
	 * retry time, and counted. */
	assert_int_equal(one("SELECT count(*) FROM message WHERE recipient = "
	    "'知识产权运用促进处' AND state = 'queued' AND attempts = 1 AND "
	    "last_error LIKE 'maildir%'"), 1);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'queued'"), 1);
	retry_at = one("SELECT next_at FROM message WHERE state = 'queued'");
	assert_true(retry_at > NOW);
	assert_int_equal(engine_queued(e), 1);
	next = engine_next(e, NOW);
	assert_true(next > NOW && next <= retry_at);

	/* Not yet due: nothing is tried. */
	send_all(e, NOW + 1);
	assert_int_equal(one("SELECT attempts FROM message WHERE state = "
	    "'queued'"), 1);

	/* The folder can be made now; at the retry time it goes out. */
	assert_int_equal(unlink(blocked), 0);
	send_all(e, (time_t)retry_at);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state != "
	    "'sent' AND state != 'skipped'"), 0);
	assert_int_equal(one("SELECT attempts FROM message WHERE recipient = "
	    "'知识产权运用促进处'"), 2);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'sent'"), sent + 1);
	assert_int_equal(engine_queued(e), 0);
	engine_free(e);
}

/* The send window (the default: Monday to Friday, 09:00 to 17:30): a
 * pass after it closed queues, sends nothing, and every message waits in
 * the outbox for the next opening, the time engine_next names; a second
 * before it nothing goes either, at it everything does. */
static void
test_window_closed(void **state)
{
	const time_t evening = NOW + 9 * 3600;	/* Wednesday 19:00 */
	const time_t opening = NOW + 23 * 3600;	/* Thursday 09:00 */
	struct engine_stats stats;
	struct engine *e;
	struct error err;
	int64_t queued;
	char path[320];

	(void)state;
	assert_int_equal(unlink(blocked), 0);
	e = engine_new(cfg, st, false);
	if (engine_pass(e, evening, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	send_all(e, evening);
	queued = one("SELECT count(*) FROM message WHERE state = 'queued'");
	assert_true(queued >= 2);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'queued' AND next_at = 1624496400 AND attempts = 0"), queued);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'sent'"), 0);
	snprintf(path, sizeof(path), "%s/prot/new", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_true(engine_next(e, evening) == opening);

	send_all(e, opening - 1);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'sent'"), 0);
	send_all(e, opening);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'sent' AND attempts = 1"), queued);
	assert_int_equal(access(path, F_OK), 0);
	engine_free(e);
}

/* A delivery failing for now at 17:29:30 would be retried after the
 * window closed: it waits for the next opening instead. */
static void
test_window_retry(void **state)
{
	const time_t late = NOW + 7 * 3600 + 29 * 60 + 30;	/* 17:29:30 */
	const time_t opening = NOW + 23 * 3600;	/* Thursday 09:00 */
	struct engine_stats stats;
	struct engine *e;
	struct error err;

	(void)state;
	e = engine_new(cfg, st, false);
	if (engine_pass(e, late, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	send_all(e, late);
	assert_true(one("SELECT count(*) FROM message WHERE state = 'sent'") >= 1);
	assert_int_equal(one("SELECT count(*) FROM message WHERE recipient = "
	    "'知识产权运用促进处' AND state = 'queued' AND attempts = 1 AND "
	    "last_error LIKE 'maildir%' AND next_at = 1624496400"), 1);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = "
	    "'queued'"), 1);
	assert_true(engine_next(e, late) == opening);
	engine_free(e);
}

/* A fresh directory and its deadlined.conf opened, written up to its
 * units list (extra: more settings); the caller writes the units and
 * closes the list. */
static FILE *
conf_begin(char *conf, size_t size, const char *extra)
{
	FILE *f;

	use_built_agent();
	testdir_make(dir, sizeof(dir), "test_dispatch");
	snprintf(conf, size, "%s/deadlined.conf", dir);
	assert_non_null(f = fopen(conf, "w"));
	fprintf(f, "timezone = \"Asia/Shanghai\";\nlog_level = \"error\";\n"
	    "maildir = \"%s/admin\";\n%s"
	    "schedule: { lead_days = [7, 1, 0]; ongoing = \"none\"; };\n"
	    "units = (\n", dir, extra);
	return f;
}

/* The plan CSV in the directory opened, its header written. */
static FILE *
plan_begin(char *plan, size_t size)
{
	FILE *f;

	snprintf(plan, size, "%s/plan.csv", dir);
	assert_non_null(f = fopen(plan, "w"));
	fprintf(f, "plan,year,task_no,section,task,measure,units,deadline\n");
	return f;
}

/* 300 units, each owning one measure due 6月底前 and each with a Maildir
 * of its own: at NOW (a week before) a pass queues 300 digests. */
#define FANOUT 300
static int
setup_fanout(void **state)
{
	char conf[300], plan[300];
	FILE *f;
	int i;

	(void)state;
	f = conf_begin(conf, sizeof(conf), "");
	for (i = 1; i <= FANOUT; i++)
		fprintf(f, "  { name = \"单位%03d\"; maildir = \"%s/m%03d\"; }%s\n",
		    i, dir, i, i < FANOUT ? "," : "");
	fprintf(f, ");\n");
	fclose(f);
	f = plan_begin(plan, sizeof(plan));
	for (i = 1; i <= FANOUT; i++)
		fprintf(f, "分批计划,2021,%d,一、工作,任务%d,完成事项%d。,单位%03d,"
		    "6月底前\n", (i + 9) / 10, (i + 9) / 10, i, i);
	fclose(f);
	load(conf, plan);
	return 0;
}

/* A dry run keeps nothing; a real pass queues each digest once, each goes
 * out once, and the counters (/metrics) agree with the rows after every
 * message went queued, sending, sent. */
static void
test_fanout(void **state)
{
	struct engine_stats stats;
	struct engine *e;
	struct error err;
	char path[320];
	int i;

	(void)state;
	e = engine_new(cfg, st, true);
	if (engine_pass(e, NOW, &stats, &err) != 0)
		fail_msg("dry engine_pass: %s", err.msg);
	assert_int_equal(stats.messages, FANOUT);
	engine_free(e);
	assert_int_equal(one("SELECT count(*) FROM message"), 0);
	assert_int_equal(one("SELECT count(*) FROM notice"), 0);

	e = engine_new(cfg, st, false);
	if (engine_pass(e, NOW, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	assert_int_equal(stats.messages, FANOUT);
	assert_int_equal(one("SELECT count(*) FROM notice WHERE state = "
	    "'queued'"), FANOUT);
	send_all(e, NOW);
	assert_int_equal(one("SELECT count(*) FROM message WHERE state = 'sent' "
	    "AND attempts = 1"), FANOUT);
	for (i = 1; i <= FANOUT; i += 37) {
		snprintf(path, sizeof(path), "%s/m%03d/new", dir, i);
		assert_int_equal(access(path, F_OK), 0);
	}
	/* The counters agree with the rows. */
	assert_int_equal(one("SELECT count(*) FROM (SELECT state, count(*) n "
	    "FROM message GROUP BY state) m LEFT JOIN counter c ON c.name = "
	    "'messages' AND c.l1 = m.state WHERE c.value IS NOT m.n"), 0);
	assert_int_equal(one("SELECT sum(value) FROM counter WHERE name = "
	    "'messages' AND l1 IN ('queued', 'sending')"), 0);
	assert_int_equal(one("SELECT value FROM counter WHERE name = "
	    "'attempts' AND l1 = 'maildir'"), FANOUT);
	assert_int_equal(one("SELECT count(*) FROM (SELECT stage, state, "
	    "count(*) n FROM notice GROUP BY stage, state) m LEFT JOIN counter "
	    "c ON c.name = 'notices' AND c.l1 = m.stage AND c.l2 = m.state "
	    "WHERE c.value IS NOT m.n"), 0);
	assert_int_equal(one("SELECT sum(value) FROM counter WHERE name = "
	    "'notices'"), FANOUT);
	/* The pass after it finds nothing new. */
	if (engine_pass(e, NOW + 60, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	assert_int_equal(stats.messages, 0);
	engine_free(e);
}

/* A mail server that takes connections and never answers (a listening
 * socket nobody accepts on), 100 units with mail queued first, then 5
 * with a Maildir: the Maildir messages go out at once, not behind the
 * mail that waits for the slow server. */
#define SLOW_MAILS 100
#define QUICK 5
static int slow_fd = -1;

static int
setup_slow_peer(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	char conf[300], plan[300], smtp[128];
	FILE *f;
	int i;

	(void)state;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((slow_fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(slow_fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(slow_fd, 64), 0);
	assert_int_equal(getsockname(slow_fd, (struct sockaddr *)&a, &alen), 0);
	snprintf(smtp, sizeof(smtp), "smtp: { url = \"smtp://127.0.0.1:%d\"; "
	    "from = \"r@example.org\"; starttls = false; };\n",
	    ntohs(a.sin_port));
	f = conf_begin(conf, sizeof(conf), smtp);
	for (i = 1; i <= SLOW_MAILS; i++)
		fprintf(f, "  { name = \"一单位%03d\"; email = [\"u%d@example.org\"]; },\n",
		    i, i);
	for (i = 1; i <= QUICK; i++)
		fprintf(f, "  { name = \"二单位%d\"; maildir = \"%s/q%d\"; }%s\n", i, dir,
		    i, i < QUICK ? "," : "");
	fprintf(f, ");\n");
	fclose(f);
	f = plan_begin(plan, sizeof(plan));
	for (i = 1; i <= SLOW_MAILS; i++)
		fprintf(f, "慢计划,2021,1,一、工作,任务,事项%d。,一单位%03d,6月底前\n", i, i);
	for (i = 1; i <= QUICK; i++)
		fprintf(f, "慢计划,2021,2,一、工作,任务,其他事项%d。,二单位%d,6月底前\n", i,
		    i);
	fclose(f);
	load(conf, plan);
	return 0;
}

static int
teardown_slow_peer(void **state)
{
	close(slow_fd);
	slow_fd = -1;
	return teardown(state);
}

static void
test_slow_peer(void **state)
{
	struct engine_stats stats;
	struct pollfd pfd[8];
	struct engine *e;
	struct error err;
	int n, t, waited;

	(void)state;
	e = engine_new(cfg, st, false);
	if (engine_pass(e, NOW, &stats, &err) != 0)
		fail_msg("engine_pass: %s", err.msg);
	assert_int_equal(stats.messages, SLOW_MAILS + QUICK);
	/* The mail leads the queue, further than a channel's window. */
	assert_true(one("SELECT count(*) FROM message WHERE channel = 'email' "
	    "AND id < (SELECT min(id) FROM message WHERE channel = "
	    "'maildir')") == SLOW_MAILS);
	if (engine_send(e, NOW, NULL, &err) != 0)
		fail_msg("engine_send: %s", err.msg);
	for (waited = 0; waited < 10000 && one("SELECT count(*) FROM message "
	    "WHERE channel = 'maildir' AND state = 'sent'") < QUICK;
	    waited += t) {
		n = engine_fds(e, pfd, 8, &t);
		if (t < 0 || t > 50)
			t = 50;
		(void)poll(pfd, (nfds_t)n, t);
		engine_run(e, NOW);
		if (engine_send(e, NOW, NULL, &err) != 0)
			fail_msg("engine_send: %s", err.msg);
	}
	assert_int_equal(one("SELECT count(*) FROM message WHERE channel = "
	    "'maildir' AND state = 'sent'"), QUICK);
	/* One mail a connection (smtp.connections, 2) waits on the wire. */
	assert_int_equal(one("SELECT count(*) FROM message WHERE channel = "
	    "'email' AND state = 'sending'"), 2);
	assert_int_equal(one("SELECT count(*) FROM message WHERE channel = "
	    "'email' AND state = 'queued'"), SLOW_MAILS - 2);
	engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outcomes_and_retry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_window_closed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_window_retry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fanout,
		    setup_fanout, teardown),
		cmocka_unit_test_setup_teardown(test_slow_peer,
		    setup_slow_peer, teardown_slow_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
