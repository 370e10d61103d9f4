/* bench_pass: how long the engine's pass takes over a big database.
 *
 *   bench_pass DB PLAN NOTICES [--now TIME] [--passes N] [--budget SECONDS]
 *
 * Prepares DB (removed first): PLAN imported as the 2026 plan, then the
 * outbox history of a service that has run all year until --now: one
 * untimed pass at --now records every notice the schedule gives up to
 * then, and one SQL transaction links them, ten a message, to messages
 * sent (or skipped, for the notices that were not current), then adds
 * older sent history (notices due in 2025, ten stages of one item a
 * message, escalation included) until NOTICES notices are stored.  So a
 * pass in the same day has nothing new to record: the steady state.
 *
 * Then, on the store opened afresh with the built-in configuration
 * (no unit has a channel and there is no maildir: nothing is delivered),
 * it times engine_pass with CLOCK_MONOTONIC: the first (cold) pass at
 * --now plus a minute, then steady passes, the clock a minute later each
 * time, N of them (default 50) or fewer when they exceed the budget
 * (default 60 s; at least 5 passes).  After the cold pass, the cold
 * pass's baseline: every stored notice's key read once (median of 3).
 * The last line is for bench/run: "result cold_ms=… steady_ms=…
 * (median) steady_max_ms=… passes=… notices=… new_cold=…
 * new_steady_max=… due_ms=… new_due=… keys_ms=… due_base_ms=…".
 * The 09:00 pass's baseline: the rows it recorded, taken out and put
 * back by a bare INSERT loop in one transaction (insert_baseline). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "conf/config.h"
#include "conf/load.h"
#include "engine/engine.h"
#include "base/log.h"
#include "read/planfile.h"
#include "store/store.h"

#define MINUTE 60

/* Seconds on the monotonic clock. */
static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n), sorted. */
static double
median(const double *v, int n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Run one SQL script on db; exits on error (a benchmark that cannot
 * prepare its data has nothing to report). */
static void
exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench_pass: %s\n  in: %.200s\n", msg, sql);
		exit(1);
	}
}

/* Seconds to read every stored notice's key once (the cold pass's
 * baseline): the key columns stepped through and each read, the way the
 * pass reads them. */
static double
read_keys(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	double t = mono();

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT measure_id, unit, due, stage, step "
	    "FROM notice", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_pass: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		(void)sqlite3_column_int64(st, 0);
		(void)sqlite3_column_text(st, 1);
		(void)sqlite3_column_text(st, 2);
		(void)sqlite3_column_text(st, 3);
		(void)sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return mono() - t;
}

/* The 09:00 pass's baseline: the notices it recorded (id > after)
 * taken out, then put back by a bare INSERT loop of the same rows, one
 * prepared statement, one transaction, into the same table (its
 * indexes and triggers), with the store's settings (foreign keys,
 * synchronous FULL).  Seconds of the loop and its commit; *rows. */
static double
insert_baseline(const char *path, long long after, size_t *rows)
{
	enum { NCOL = 11 };
	sqlite3 *db;
	sqlite3_stmt *sel, *ins;
	sqlite3_value **v = NULL;
	size_t n = 0, cap = 0;
	double t;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT id, measure_id, unit, role, due, "
	    "stage, step, current, state, trigger_at, created_at FROM notice "
	    "WHERE id > ?", -1, &sel, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_pass: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_bind_int64(sel, 1, after);
	while (sqlite3_step(sel) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			v = realloc(v, cap * NCOL * sizeof(*v));
		}
		for (int c = 0; c < NCOL; c++)
			v[n * NCOL + (size_t)c] =
			    sqlite3_value_dup(sqlite3_column_value(sel, c));
		n++;
	}
	sqlite3_finalize(sel);
	exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
	{
		char sql[96];

		snprintf(sql, sizeof(sql), "DELETE FROM notice WHERE id > %lld",
		    after);
		exec_sql(db, sql);
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO notice (id, measure_id, unit, "
	    "role, due, stage, step, current, state, trigger_at, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &ins, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "bench_pass: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	t = mono();
	exec_sql(db, "BEGIN");
	for (size_t r = 0; r < n; r++) {
		for (int c = 0; c < NCOL; c++)
			sqlite3_bind_value(ins, c + 1, v[r * NCOL + (size_t)c]);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			fprintf(stderr, "bench_pass: %s\n", sqlite3_errmsg(db));
			exit(1);
		}
		sqlite3_reset(ins);
	}
	exec_sql(db, "COMMIT");
	t = mono() - t;
	sqlite3_finalize(ins);
	for (size_t k = 0; k < n * NCOL; k++)
		sqlite3_value_free(v[k]);
	free(v);
	sqlite3_close(db);
	*rows = n;
	return t;
}

/* The first column of the first row of sql, as an integer. */
static long long
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_pass: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Import PLAN as the 2026 plan. */
static void
import_plan(struct store *st, const char *path, time_t now)
{
	struct import_summary sum;
	struct plan *p = NULL;
	struct error err;
	char hash[65];

	if (planfile_read(path, PLAN_AUTO, 2026, &p, hash, &err) != 0 ||
	    store_import(st, p, path, hash, now, false, &sum, &err) != 0) {
		fprintf(stderr, "bench_pass: %s\n", err.msg);
		exit(1);
	}
	printf("plan: %zu measures in %zu tasks\n", sum.measures, sum.tasks);
	plan_free(p);
}

/* Link the pending notices to messages, ten a message (sent, or skipped
 * when not current), then add older history up to `want` notices. */
static void
make_history(const char *path, time_t now, long long want)
{
	char sql[4096];
	long long have, groups, unlinked;
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_pass: %s: %s\n", path, sqlite3_errmsg(db));
		exit(1);
	}
	exec_sql(db, "BEGIN IMMEDIATE");
	exec_sql(db, "CREATE TEMP TABLE g AS SELECT id AS notice_id, current, "
	    "unit, (row_number() OVER (PARTITION BY current ORDER BY unit, id) "
	    "- 1) / 10 * 2 + current AS k FROM notice WHERE state = 'pending'");
	snprintf(sql, sizeof(sql), "INSERT INTO message (id, recipient, channel, "
	    "address, ext_id, title, state, attempts, created_at, "
	    "next_at, sent_at) SELECT k + 1, min(unit), 'email', "
	    "'bench@example.org', 'bench_' || k, '督办提醒', "
	    "CASE WHEN current THEN 'sent' ELSE 'skipped' END, current, %lld, "
	    "%lld, CASE WHEN current THEN %lld END FROM g GROUP BY k",
	    (long long)now, (long long)now, (long long)now);
	exec_sql(db, sql);
	exec_sql(db, "INSERT INTO message_notice (message_id, notice_id) "
	    "SELECT k + 1, notice_id FROM g");
	exec_sql(db, "UPDATE notice SET state = 'queued' WHERE state = 'pending'");
	exec_sql(db, "DROP TABLE g");
	have = query_int(db, "SELECT count(*) FROM notice");
	groups = want > have ? (want - have + 9) / 10 : 0;
	/* Item g of the older history: the g-th measure (cycling) with its
	 * first unit, due on a day of 2025 (a later day each cycle, so the
	 * unique key holds), and its ten stages in one sent message. */
	exec_sql(db, "CREATE TEMP TABLE fm (r INTEGER PRIMARY KEY, id, unit, role)");
	exec_sql(db, "INSERT INTO fm SELECT row_number() OVER (ORDER BY "
	    "mu.measure_id) - 1, mu.measure_id, u.name, mu.role FROM "
	    "measure_unit mu JOIN unit u ON u.id = mu.unit_id WHERE mu.seq = "
	    "(SELECT min(seq) FROM measure_unit x WHERE x.measure_id = "
	    "mu.measure_id)");
	snprintf(sql, sizeof(sql),
	    "WITH RECURSIVE seq(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM seq "
	    "WHERE g + 1 < %lld), "
	    "item AS (SELECT g, fm.id, fm.unit, fm.role, date('2025-01-01', "
	    "'+' || (g / n.n) || ' days') AS due FROM seq, "
	    "(SELECT count(*) AS n FROM fm) n JOIN fm ON fm.r = g %% n.n), "
	    "stages(stage, step, off) AS (VALUES ('lead', 30, -30), ('lead', 14, "
	    "-14), ('lead', 7, -7), ('lead', 3, -3), ('lead', 1, -1), ('due', 0, "
	    "0), ('overdue', 1, 3), ('overdue', 2, 6), ('overdue', 3, 9), "
	    "('escalation', 0, 2)) "
	    "INSERT INTO notice (measure_id, unit, role, due, stage, step, "
	    "current, state, trigger_at, created_at) SELECT id, unit, role, due, "
	    "stage, step, 1, 'queued', t, t FROM (SELECT item.*, stages.*, "
	    "CAST(strftime('%%s', due, off || ' days', '+1 hour') AS INTEGER) "
	    "AS t FROM item, stages) ORDER BY g, t", groups);
	exec_sql(db, "CREATE TEMP TABLE before AS SELECT coalesce(max(id), 0) "
	    "AS id FROM notice");
	if (groups > 0)
		exec_sql(db, sql);
	/* The older notices in id order, ten a message. */
	exec_sql(db, "CREATE TEMP TABLE h AS SELECT id AS notice_id, (id - "
	    "(SELECT id FROM before) - 1) / 10 + (SELECT coalesce(max(id), 0) "
	    "FROM message) + 1 AS msg, unit, created_at FROM notice WHERE id > "
	    "(SELECT id FROM before)");
	exec_sql(db, "INSERT INTO message (id, recipient, channel, address, "
	    "ext_id, title, state, attempts, created_at, next_at, "
	    "sent_at) SELECT msg, min(unit), 'email', 'bench@example.org', "
	    "'bench_old_' || msg, '督办提醒', 'sent', 1, "
	    "min(created_at), min(created_at), max(created_at) FROM h GROUP BY msg");
	exec_sql(db, "INSERT INTO message_notice (message_id, notice_id) "
	    "SELECT msg, notice_id FROM h");
	exec_sql(db, "DROP TABLE h; DROP TABLE before; DROP TABLE fm");
	/* Every message has its body (a digest's size), as the outbox keeps it. */
	exec_sql(db, "INSERT INTO message_body (message_id, payload) SELECT id, "
	    "zeroblob(800) FROM message");
	exec_sql(db, "COMMIT");
	unlinked = query_int(db, "SELECT count(*) FROM notice n WHERE NOT "
	    "EXISTS (SELECT 1 FROM message_notice mn WHERE mn.notice_id = n.id)");
	printf("history: %lld notices (%lld from the schedule up to now, %lld "
	    "older), %lld messages, %lld notices not linked to a message\n",
	    query_int(db, "SELECT count(*) FROM notice"), have,
	    query_int(db, "SELECT count(*) FROM notice") - have,
	    query_int(db, "SELECT count(*) FROM message"), unlinked);
	sqlite3_close(db);
	if (unlinked != 0) {
		fprintf(stderr, "bench_pass: the history is not what a service "
		    "would have left\n");
		exit(1);
	}
}

/* One timed pass; exits when it fails. */
static double
timed_pass(struct engine *e, time_t now, size_t *notices)
{
	struct engine_stats s;
	struct error err;
	double t0 = mono(), t;

	if (engine_pass(e, now, &s, &err) != 0) {
		fprintf(stderr, "bench_pass: pass failed: %s\n", err.msg);
		exit(1);
	}
	t = mono() - t0;
	*notices = s.notices;
	return t;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_pass DB PLAN NOTICES [--now TIME] "
	    "[--passes N] [--budget SECONDS]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	const char *db, *plan, *now_arg = "2026-06-15T10:00:00+08:00";
	long long want;
	int passes = 50, i, done;
	double budget = 60, t, cold, spent = 0, *steady, prep, due = 0, keys[3],
	    base;
	struct config *cfg = NULL;
	struct store *st = NULL;
	struct engine *e;
	struct error err;
	size_t n, new_cold, new_max = 0, based;
	long long before = 0;
	time_t now, due_at = 0;

	if (argc < 4)
		usage();
	db = argv[1];
	plan = argv[2];
	want = atoll(argv[3]);
	for (i = 4; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--now") == 0)
			now_arg = argv[i + 1];
		else if (strcmp(argv[i], "--passes") == 0)
			passes = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--budget") == 0)
			budget = atof(argv[i + 1]);
		else
			usage();
	}
	if (i != argc || passes < 1)
		usage();
	log_init("bench_pass", 0);
	/* Defaults: no unit has a channel, no maildir, nothing delivered. */
	if (config_load(NULL, &cfg, &err) != 0 || !clock_set_zone(cfg->timezone) ||
	    !clock_parse(now_arg, &now)) {
		fprintf(stderr, "bench_pass: cannot set up the configuration or --now\n");
		return 1;
	}
	/* Unrouted notices are logged one by one at info level: not what
	 * is measured. */
	log_set_level(LOG_LVL_WARNING);
	unlink(db);
	prep = mono();
	if (store_open(db, &st, &err) != 0) {
		fprintf(stderr, "bench_pass: %s\n", err.msg);
		return 1;
	}
	import_plan(st, plan, now - 100 * 86400);
	e = engine_new(cfg, st, false);
	t = timed_pass(e, now, &n);
	printf("history pass (untimed, empty outbox): %.0f ms, %zu notices\n",
	    t * 1e3, n);
	engine_free(e);
	store_close(st);
	make_history(db, now, want);
	printf("prepared in %.1f s\n", mono() - prep);

	/* Cold: a fresh store and engine, as after a restart. */
	if (store_open(db, &st, &err) != 0) {
		fprintf(stderr, "bench_pass: %s\n", err.msg);
		return 1;
	}
	e = engine_new(cfg, st, false);
	now += MINUTE;
	cold = timed_pass(e, now, &new_cold);
	printf("cold pass: %.1f ms, %zu new notices\n", cold * 1e3, new_cold);
	for (i = 0; i < 3; i++)
		keys[i] = read_keys(db);
	qsort(keys, 3, sizeof(*keys), cmp_double);
	printf("the stored keys read once: %.1f ms (median of 3)\n",
	    keys[1] * 1e3);
	steady = calloc((size_t)passes, sizeof(*steady));
	for (done = 0; done < passes && (done < 5 || spent < budget); done++) {
		now += MINUTE;
		steady[done] = timed_pass(e, now, &n);
		spent += steady[done];
		if (n > new_max)
			new_max = n;
	}
	qsort(steady, (size_t)done, sizeof(*steady), cmp_double);
	/* Due: the next send-window openings (09:00, day after day: a
	 * weekend or holiday has none), until a pass finds what the
	 * schedule has for that day: the pass that finds it and records it. */
	for (i = 1, n = 0; i <= 10 && n == 0; i++) {
		sqlite3 *peek;

		if (sqlite3_open_v2(db, &peek, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK)
			exit(1);
		before = query_int(peek, "SELECT coalesce(max(id), 0) FROM notice");
		sqlite3_close(peek);
		due_at = clock_local_time(clock_local_day(now) + i, 9, 0);
		due = timed_pass(e, due_at, &n);
	}
	printf("due pass at %lld: %.1f ms, %zu new notices\n",
	    (long long)due_at, due * 1e3, n);
	/* Its baseline, after the engine is done with the store. */
	engine_free(e);
	e = NULL;
	store_close(st);
	st = NULL;
	base = insert_baseline(db, before, &based);
	printf("the same %zu rows by a bare INSERT loop: %.1f ms\n", based,
	    base * 1e3);
	if (based != n) {
		fprintf(stderr, "bench_pass: the 09:00 pass recorded %zu notices, "
		    "the baseline found %zu\n", n, based);
		return 1;
	}
	printf("steady passes: %d (of %d asked; budget %.0f s), median %.1f ms, "
	    "min %.1f ms, max %.1f ms, at most %zu new notices a pass\n", done,
	    passes, budget, median(steady, done) * 1e3, steady[0] * 1e3,
	    steady[done - 1] * 1e3, new_max);
	{
		sqlite3 *peek;
		long long notices = -1;

		if (sqlite3_open_v2(db, &peek, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
			notices = query_int(peek, "SELECT count(*) FROM notice");
		sqlite3_close(peek);
		printf("result cold_ms=%.3f steady_ms=%.3f steady_max_ms=%.3f "
		    "passes=%d notices=%lld new_cold=%zu new_steady_max=%zu "
		    "due_ms=%.3f new_due=%zu keys_ms=%.3f due_base_ms=%.3f\n",
		    cold * 1e3, median(steady, done) * 1e3,
		    steady[done - 1] * 1e3, done, notices, new_cold, new_max,
		    due * 1e3, n, keys[1] * 1e3, base * 1e3);
	}
	free(steady);
	config_free(cfg);
	return 0;
}
