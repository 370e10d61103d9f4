/* test_store: the SQLite store against real database files in a fresh
 * temporary directory: opening and refusing files, migrations, imports
 * that keep measure ids stable, dry runs, failed imports that change
 * nothing, and loading plans back.  A second sqlite3 connection looks at
 * the file behind the store's back where a test needs to. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/date.h"
#include "store/store.h"
#include "testdir.h"

struct fx {
	char dir[256];
	char path[300];
	struct store *s;
};

struct tspec {
	int no;
	const char *section;
	const char *title;
};

struct mspec {
	int task;		/* task no */
	const char *text;
	const char *dl;		/* deadline text */
	enum dl_kind kind;
	const char *due;	/* ISO date or NULL */
	const char *units;	/* "name/role name/role …" */
};

#define TITLE "2021年全省知识产权工作任务清单"

static const struct tspec tasks3[] = {
	{ 1, "一、加强保护", "加强知识产权保护" },
	{ 2, "一、加强保护", "完善制度体系" },
	{ 3, "二、促进运用", "促进成果转化" },
};

static const struct tspec tasks2[] = {
	{ 1, "一、加强保护", "加强知识产权保护" },
	{ 2, "一、加强保护", "完善制度体系" },
};

#define M_A { 1, "开展专项行动", "6月底前", DL_DATE, "2021-06-30", "省局/lead 市局/support" }
#define M_B { 1, "建立协作机制", "适时", DL_UNKNOWN, NULL, "保护处/responsible" }
#define M_B2 { 1, "建立协作机制并定期会商", "适时", DL_UNKNOWN, NULL, "保护处/responsible" }
#define M_C { 1, "出台管理办法", "每季度", DL_QUARTERLY, NULL, "保护处/responsible" }
#define M_D { 2, "修订保护条例", "长期", DL_ONGOING, "2021-12-31", "法规处/responsible" }
#define M_E { 2, "发布工作指南", "三季度", DL_DATE, "2021-09-30", "运用处/lead" }
#define M_F { 2, "开展宣传活动", "年底前", DL_DATE, "2021-12-31", "宣传处/responsible" }
#define M_G3 { 3, "推动成果转化", "9月份前", DL_DATE, "2021-08-31", "运用处/responsible 省局/support" }
#define M_G2 { 2, "推动成果转化", "9月份前", DL_DATE, "2021-08-31", "运用处/responsible 省局/support" }
#define M_X { 2, "全新的举措", "年底前", DL_DATE, "2021-12-31", "法规处/responsible" }

/* The plan of the first import. */
static const struct mspec base[] = { M_A, M_B, M_C, M_D, M_E, M_G3 };
/* B edited, E removed, F added, G moved from task 3 to task 2. */
static const struct mspec edited[] = { M_A, M_B2, M_C, M_D, M_G2, M_F };
/* The edited plan with E back, at the end of task 2. */
static const struct mspec readded[] = { M_A, M_B2, M_C, M_D, M_G2, M_F, M_E };

/* ---- helpers ------------------------------------------------------------ */

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	testdir_make(fx->dir, sizeof(fx->dir), "test_store");
	snprintf(fx->path, sizeof(fx->path), "%s/deadlined.db", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	store_close(fx->s);
	testdir_remove(fx->dir);
	free(fx);
	return 0;
}

/* Open the fixture's store, which must succeed. */
static struct store *
open_ok(struct fx *fx)
{
	struct error err = { 0, "" };

	if (store_open(fx->path, &fx->s, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	return fx->s;
}

static enum role
role_of(const char *name)
{
	if (strcmp(name, "lead") == 0)
		return ROLE_LEAD;
	if (strcmp(name, "support") == 0)
		return ROLE_SUPPORT;
	return ROLE_RESPONSIBLE;
}

/* Set m's units (of p) by hand from "name/role name/role". */
static void
set_units(struct plan *p, struct plan_measure *m, const char *spec)
{
	char *copy = strdup(spec), *save = NULL, *tok, *slash;
	struct unit_ref u[8];
	size_t n = 0;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		slash = strchr(tok, '/');
		assert_non_null(slash);
		assert_true(n < ARRAY_LEN(u));
		*slash = '\0';
		u[n++] = (struct unit_ref){ tok, role_of(slash + 1), NULL };
	}
	plan_set_units(p, m, u, n);
	free(copy);
}

/* A plan built in memory, its deadlines and units set by hand (this is a
 * test of the store, not of the grammar). */
static struct plan *
build(const char *title, int year, const struct tspec *ts, size_t nt,
    const struct mspec *ms, size_t nm)
{
	struct plan *p = plan_new("plan.txt");
	struct plan_measure *m;
	size_t i, j;

	free(p->title);
	p->title = xstrdup(title);
	p->year = year;
	for (i = 0; i < nt; i++)
		plan_add_task(p, ts[i].no, ts[i].section, ts[i].title, (int)i * 10 + 1);
	for (i = 0; i < nm; i++) {
		for (j = 0; j < p->ntasks && p->tasks[j].no != ms[i].task; j++)
			;
		assert_true(j < p->ntasks);
		m = plan_add_measure(&p->tasks[j], ms[i].text, ms[i].dl,
		    ms[i].units, (int)i + 100);
		m->deadline.kind = ms[i].kind;
		m->deadline.due = DATE_NONE;
		if (ms[i].due != NULL)
			assert_true(date_parse(ms[i].due, &m->deadline.due));
		set_units(p, m, ms[i].units);
	}
	return p;
}

#define BUILD(ts, ms) build(TITLE, 2021, ts, ARRAY_LEN(ts), ms, ARRAY_LEN(ms))

/* Import p, which must succeed; returns the summary. */
static struct import_summary
import_ok(struct store *s, const struct plan *p, time_t now, bool dry_run)
{
	struct import_summary sum;
	struct error err = { 0, "" };

	if (store_import(s, p, "plan.txt", "hash", now, dry_run, &sum, &err) != 0)
		fail_msg("store_import: %s", err.msg);
	return sum;
}

/* Build, import and free a plan; returns the summary. */
static struct import_summary
import_spec(struct store *s, const struct tspec *ts, size_t nt,
    const struct mspec *ms, size_t nm, time_t now, bool dry_run)
{
	struct plan *p = build(TITLE, 2021, ts, nt, ms, nm);
	struct import_summary sum = import_ok(s, p, now, dry_run);

	plan_free(p);
	return sum;
}

#define IMPORT(s, ts, ms, now, dry) \
	import_spec(s, ts, ARRAY_LEN(ts), ms, ARRAY_LEN(ms), now, dry)

static struct plan *
load_ok(struct store *s, int64_t id)
{
	struct error err = { 0, "" };
	struct plan *p = NULL;

	if (store_load_plan(s, id, &p, &err) != 0)
		fail_msg("store_load_plan: %s", err.msg);
	return p;
}

static void
expect_counts(const struct import_summary *sum, size_t added, size_t updated,
    size_t unchanged, size_t retired, size_t restored)
{
	assert_int_equal(sum->added, added);
	assert_int_equal(sum->updated, updated);
	assert_int_equal(sum->unchanged, unchanged);
	assert_int_equal(sum->retired, retired);
	assert_int_equal(sum->restored, restored);
}

/* The id of the loaded measure with this text; 0 when there is none. */
static int64_t
id_of(const struct plan *p, const char *text)
{
	size_t i, j;

	for (i = 0; i < p->ntasks; i++)
		for (j = 0; j < p->tasks[i].nmeasures; j++)
			if (strcmp(p->tasks[i].measures[j].text, text) == 0)
				return p->tasks[i].measures[j].id;
	return 0;
}

/* got (loaded) says everything want (imported) says, in the same order,
 * with store ids. */
static void
expect_same_plan(const struct plan *want, const struct plan *got)
{
	const struct plan_measure *wm, *gm;
	size_t i, j, k;

	assert_string_equal(got->title, want->title);
	assert_int_equal(got->year, want->year);
	assert_int_equal(got->ntasks, want->ntasks);
	for (i = 0; i < want->ntasks; i++) {
		assert_true(got->tasks[i].id > 0);
		assert_int_equal(got->tasks[i].no, want->tasks[i].no);
		assert_string_equal(got->tasks[i].section, want->tasks[i].section);
		assert_string_equal(got->tasks[i].title, want->tasks[i].title);
		assert_int_equal(got->tasks[i].nmeasures, want->tasks[i].nmeasures);
		for (j = 0; j < want->tasks[i].nmeasures; j++) {
			wm = &want->tasks[i].measures[j];
			gm = &got->tasks[i].measures[j];
			assert_true(gm->id > 0);
			assert_string_equal(gm->text, wm->text);
			assert_string_equal(gm->deadline_text, wm->deadline_text);
			assert_string_equal(gm->units_text, wm->units_text);
			assert_int_equal(gm->line, wm->line);
			assert_int_equal(gm->deadline.kind, wm->deadline.kind);
			assert_int_equal(gm->deadline.due, wm->deadline.due);
			assert_int_equal(gm->nunits, wm->nunits);
			for (k = 0; k < wm->nunits; k++) {
				assert_string_equal(gm->units[k].name, wm->units[k].name);
				assert_int_equal(gm->units[k].role, wm->units[k].role);
			}
		}
	}
}

/* A second connection's answer to a query returning one integer. */
static int64_t
q_int(const struct fx *fx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = NULL;
	int64_t v;

	assert_int_equal(sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A second connection's answer to a query returning one string (a copy;
 * NULL for NULL). */
static char *
q_text(const struct fx *fx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = NULL;
	char *v;

	assert_int_equal(sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL :
	    strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Run statements on a second connection. */
static void
q_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static void
expect_mode_0600(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
}

/* ---- opening ------------------------------------------------------------ */

static void
test_open_creates(void **state)
{
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base);
	char *mode, wal[320];
	mode_t old = umask(0277);	/* 0600 whatever the umask */

	open_ok(fx);
	umask(old);
	expect_mode_0600(fx->path);
	mode = q_text(fx, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(q_int(fx, "PRAGMA user_version"), store_schema_version());
	assert_true(store_schema_version() >= 1);
	(void)import_ok(fx->s, p, 100, false);
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	expect_mode_0600(wal);
	snprintf(wal, sizeof(wal), "%s-shm", fx->path);
	expect_mode_0600(wal);
	plan_free(p);
}

static void
test_reopen(void **state)
{
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base), *got;
	struct import_summary sum;

	open_ok(fx);
	sum = import_ok(fx->s, p, 100, false);
	store_close(fx->s);
	fx->s = NULL;
	open_ok(fx);
	assert_int_equal(q_int(fx, "PRAGMA user_version"), store_schema_version());
	got = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, got);
	plan_free(got);
	plan_free(p);
}

static void
test_open_not_database(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	FILE *f = fopen(fx->path, "w");

	assert_non_null(f);
	for (int i = 0; i < 100; i++)
		fputs("this is a plan, not a database\n", f);
	fclose(f);
	/* Not a database, or one whose first page is damaged: the disk's
	 * failure as much as the operator's, so EXIT_IOERR and the way to
	 * recover, as for any damaged file. */
	assert_int_equal(store_open(fx->path, &fx->s, &err), EXIT_IOERR);
	assert_null(fx->s);
	assert_int_equal(err.code, EXIT_IOERR);
	assert_non_null(strstr(err.msg, "not a deadlined database"));
	assert_non_null(strstr(err.msg, ".recover"));
	assert_non_null(strstr(err.msg, fx->path));
}

/* An existing empty file is a copy cut short, not a new database: both
 * opens refuse it in one line, and it stays empty. */
static void
test_open_empty_file(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct stat sb;
	FILE *f = fopen(fx->path, "w");

	assert_non_null(f);
	fclose(f);
	assert_int_equal(store_open(fx->path, &fx->s, &err), EXIT_IOERR);
	assert_null(fx->s);
	assert_non_null(strstr(err.msg, fx->path));
	assert_non_null(strstr(err.msg, "an empty file, not a database"));
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(stat(fx->path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	err = (struct error){ 0, "" };
	assert_int_equal(store_open_readonly(fx->path, &fx->s, &err),
	    EXIT_IOERR);
	assert_null(fx->s);
	assert_non_null(strstr(err.msg, "an empty file, not a database"));
}

/* quick_check passes a sound database and leaves it unmarked. */
static void
test_quick_check_sound(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };

	assert_int_equal(store_open(fx->path, &fx->s, &err), 0);
	assert_int_equal(store_quick_check(fx->s, &err), 0);
	assert_null(store_damage(fx->s));
}

static void
test_open_foreign_database(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };

	q_exec(fx->path, "CREATE TABLE other (x); INSERT INTO other VALUES (1);");
	assert_int_equal(store_open(fx->path, &fx->s, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "not a deadlined database"));
	/* and it was left alone */
	assert_int_equal(q_int(fx, "SELECT count(*) FROM sqlite_schema"), 1);
	assert_int_equal(q_int(fx, "PRAGMA user_version"), 0);
}

static void
test_open_newer(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	char want[32];

	q_exec(fx->path, "PRAGMA user_version = 999;");
	assert_int_equal(store_open(fx->path, &fx->s, &err), EXIT_DATAERR);
	assert_null(fx->s);
	assert_non_null(strstr(err.msg, "999"));
	snprintf(want, sizeof(want), "(%d)", store_schema_version());
	assert_non_null(strstr(err.msg, want));
	assert_int_equal(q_int(fx, "PRAGMA user_version"), 999);
}

static void
test_open_cannot_create(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	char path[400];

	snprintf(path, sizeof(path), "%s/no/such/dir/x.db", fx->dir);
	assert_int_equal(store_open(path, &fx->s, &err), EXIT_CANTCREAT);
	assert_null(fx->s);
	assert_non_null(strstr(err.msg, path));
}

static void
test_open_memory(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct plan *p = BUILD(tasks3, base), *got;
	struct import_summary sum;

	assert_int_equal(store_open(":memory:", &fx->s, &err), 0);
	sum = import_ok(fx->s, p, 100, false);
	got = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, got);
	plan_free(got);
	plan_free(p);
	assert_int_equal(access(":memory:", F_OK), -1);
}

/* ---- import ------------------------------------------------------------- */

static void
test_import_round_trip(void **state)
{
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base), *got;
	struct import_summary sum;
	char *text;

	plan_warn(p, 12, "unrecognised deadline \"%s\"", "适时");
	plan_warn(p, 0, "whole-file remark");
	open_ok(fx);
	sum = import_ok(fx->s, p, 100, false);
	assert_true(sum.plan_id > 0);
	assert_true(sum.new_plan);
	assert_int_equal(sum.tasks, 3);
	assert_int_equal(sum.measures, 6);
	assert_int_equal(sum.warnings, 2);
	expect_counts(&sum, 6, 0, 0, 0, 0);
	got = load_ok(fx->s, sum.plan_id);
	assert_int_equal(got->id, sum.plan_id);
	expect_same_plan(p, got);
	plan_free(got);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM section"), 2);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM unit"), 5);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure_unit"), 8);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM import_log WHERE "
	    "added = 6 AND measures = 6 AND tasks = 3 AND warnings = 2 AND "
	    "file = 'plan.txt' AND hash = 'hash' AND at = 100"), 1);
	text = q_text(fx, "SELECT warning_text FROM import_log");
	assert_string_equal(text, "plan.txt:12: unrecognised deadline \"适时\"\n"
	    "plan.txt: whole-file remark");
	free(text);
	text = q_text(fx, "SELECT due FROM deadline d JOIN measure m "
	    "ON m.id = d.measure_id WHERE m.text = '开展专项行动'");
	assert_string_equal(text, "2021-06-30");
	free(text);
	assert_null(q_text(fx, "SELECT due FROM deadline WHERE kind = 'quarterly'"));
	plan_free(p);
}

static void
test_import_again_unchanged(void **state)
{
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base), *first, *second;
	struct import_summary sum;

	open_ok(fx);
	sum = import_ok(fx->s, p, 100, false);
	first = load_ok(fx->s, sum.plan_id);
	sum = import_ok(fx->s, p, 200, false);
	assert_false(sum.new_plan);
	expect_counts(&sum, 0, 0, 6, 0, 0);
	second = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, second);
	for (size_t i = 0; i < first->ntasks; i++) {
		assert_int_equal(first->tasks[i].id, second->tasks[i].id);
		for (size_t j = 0; j < first->tasks[i].nmeasures; j++)
			assert_int_equal(first->tasks[i].measures[j].id,
			    second->tasks[i].measures[j].id);
	}
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure"), 6);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE "
	    "updated_at = 100 AND created_at = 100 AND retired_at IS NULL"), 6);
	assert_int_equal(q_int(fx, "SELECT imported_at FROM plan"), 200);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM import_log"), 2);
	plan_free(first);
	plan_free(second);
	plan_free(p);
}

static void
test_import_edited(void **state)
{
	struct fx *fx = *state;
	struct plan *p, *before, *after;
	struct import_summary sum;

	open_ok(fx);
	sum = IMPORT(fx->s, tasks3, base, 100, false);
	before = load_ok(fx->s, sum.plan_id);
	p = BUILD(tasks2, edited);
	sum = import_ok(fx->s, p, 200, false);
	assert_int_equal(sum.measures, 6);
	expect_counts(&sum, 1, 2, 3, 1, 0);
	after = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, after);
	/* edited in place, moved with its id, unchanged ones untouched */
	assert_int_equal(id_of(after, "建立协作机制并定期会商"), id_of(before, "建立协作机制"));
	assert_int_equal(id_of(after, "推动成果转化"), id_of(before, "推动成果转化"));
	assert_int_equal(id_of(after, "开展专项行动"), id_of(before, "开展专项行动"));
	assert_int_equal(after->tasks[1].measures[1].id, id_of(before, "推动成果转化"));
	assert_int_equal(id_of(after, "发布工作指南"), 0);
	assert_true(id_of(after, "开展宣传活动") > id_of(before, "推动成果转化"));
	/* the removed one is retired, not deleted */
	assert_int_equal(q_int(fx, "SELECT retired_at FROM measure WHERE text = '发布工作指南'"), 200);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure"), 7);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE updated_at = 200"), 3);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE updated_at = 100 AND retired_at IS NULL"), 3);
	assert_int_equal(q_int(fx, "SELECT retired_at FROM task WHERE no = 3"), 200);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM task WHERE retired_at IS NULL"), 2);
	plan_free(before);
	plan_free(after);
	plan_free(p);
}

static void
test_import_restores(void **state)
{
	struct fx *fx = *state;
	struct import_summary sum;
	struct plan *before, *after, *p;
	int64_t e;

	open_ok(fx);
	sum = IMPORT(fx->s, tasks3, base, 100, false);
	before = load_ok(fx->s, sum.plan_id);
	e = id_of(before, "发布工作指南");
	sum = IMPORT(fx->s, tasks2, edited, 200, false);
	p = BUILD(tasks2, readded);
	sum = import_ok(fx->s, p, 300, false);
	expect_counts(&sum, 0, 0, 6, 0, 1);
	after = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, after);
	assert_int_equal(id_of(after, "发布工作指南"), e);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE retired_at IS NOT NULL"), 0);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure"), 7);
	plan_free(before);
	plan_free(after);
	plan_free(p);
}

/* A new text where a retired measure once stood is a new measure; where
 * an active one stands it is an edit of it. */
static void
test_import_edit_vs_retired(void **state)
{
	static const struct mspec without_e[] = { M_A, M_B, M_C, M_D, M_G3 };
	static const struct mspec with_x[] = { M_A, M_B, M_C, M_D, M_X, M_G3 };
	struct fx *fx = *state;
	struct import_summary sum;
	struct plan *before, *after;

	open_ok(fx);
	sum = IMPORT(fx->s, tasks3, base, 100, false);
	before = load_ok(fx->s, sum.plan_id);
	sum = IMPORT(fx->s, tasks3, without_e, 200, true);	/* dry run */
	expect_counts(&sum, 0, 0, 5, 1, 0);
	sum = IMPORT(fx->s, tasks3, with_x, 200, true);	/* dry run: an edit */
	expect_counts(&sum, 0, 1, 5, 0, 0);
	sum = IMPORT(fx->s, tasks3, without_e, 200, false);
	expect_counts(&sum, 0, 0, 5, 1, 0);
	sum = IMPORT(fx->s, tasks3, with_x, 300, false);
	expect_counts(&sum, 1, 0, 5, 0, 0);
	after = load_ok(fx->s, sum.plan_id);
	assert_true(id_of(after, "全新的举措") != id_of(before, "发布工作指南"));
	assert_int_equal(q_int(fx, "SELECT retired_at FROM measure WHERE text = '发布工作指南'"), 200);
	plan_free(before);
	plan_free(after);
}

static void
test_import_units_changed(void **state)
{
	static const struct mspec changed[] = {
		{ 1, "开展专项行动", "6月底前", DL_DATE, "2021-06-30", "省局/responsible 新单位/lead" },
		M_B, M_C, M_D,
		{ 2, "发布工作指南", "9月底前", DL_DATE, "2021-09-30", "运用处/lead" },
		M_G3,
	};
	struct fx *fx = *state;
	struct import_summary sum;
	struct plan *before, *after, *p;

	open_ok(fx);
	sum = IMPORT(fx->s, tasks3, base, 100, false);
	before = load_ok(fx->s, sum.plan_id);
	p = BUILD(tasks3, changed);
	sum = import_ok(fx->s, p, 200, false);
	expect_counts(&sum, 0, 2, 4, 0, 0);
	after = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, after);
	assert_int_equal(id_of(after, "开展专项行动"), id_of(before, "开展专项行动"));
	assert_int_equal(q_int(fx, "SELECT count(*) FROM unit"), 6);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure_unit"), 8);
	/* the same again: nothing to do */
	sum = import_ok(fx->s, p, 300, false);
	expect_counts(&sum, 0, 0, 6, 0, 0);
	plan_free(before);
	plan_free(after);
	plan_free(p);
}

static void
test_import_dry_run(void **state)
{
	struct fx *fx = *state;
	struct import_summary sum;
	struct plan *p = BUILD(tasks3, base), *other, *got;
	int64_t *ids = NULL;
	size_t n = 0;
	struct error err = { 0, "" };

	open_ok(fx);
	sum = IMPORT(fx->s, tasks3, base, 100, true);
	assert_true(sum.new_plan);
	expect_counts(&sum, 6, 0, 0, 0, 0);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM plan"), 0);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM import_log"), 0);
	sum = import_ok(fx->s, p, 100, false);
	sum = IMPORT(fx->s, tasks2, edited, 200, true);
	expect_counts(&sum, 1, 2, 3, 1, 0);
	got = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, got);
	plan_free(got);
	other = build("另一份计划", 2022, tasks3, ARRAY_LEN(tasks3), base, ARRAY_LEN(base));
	sum = import_ok(fx->s, other, 300, true);
	assert_true(sum.new_plan);
	assert_int_equal(store_plan_ids(fx->s, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	free(ids);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE "
	    "updated_at = 100 AND retired_at IS NULL"), 6);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM task WHERE retired_at IS NULL"), 3);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM import_log"), 1);
	assert_int_equal(q_int(fx, "SELECT imported_at FROM plan"), 100);
	plan_free(other);
	plan_free(p);
}

/* An import that fails half-way (a trigger aborts the insert of the new
 * measure, after the edit and the move were written) changes nothing. */
static void
test_import_failure_rolls_back(void **state)
{
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base), *e = BUILD(tasks2, edited), *got;
	struct import_summary sum;
	struct error err = { 0, "" };
	int64_t id;

	open_ok(fx);
	id = import_ok(fx->s, p, 100, false).plan_id;
	q_exec(fx->path, "CREATE TRIGGER boom BEFORE INSERT ON measure "
	    "WHEN NEW.text = '开展宣传活动' BEGIN SELECT RAISE(ABORT, 'boom'); END;");
	assert_int_equal(store_import(fx->s, e, "plan.txt", "h2", 200, false,
	    &sum, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "boom"));
	q_exec(fx->path, "DROP TRIGGER boom;");
	got = load_ok(fx->s, id);
	expect_same_plan(p, got);
	plan_free(got);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE "
	    "updated_at = 100 AND retired_at IS NULL"), 6);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure"), 6);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM task WHERE retired_at IS NULL"), 3);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM import_log"), 1);
	assert_int_equal(q_int(fx, "SELECT imported_at FROM plan"), 100);
	/* and the store still works */
	sum = import_ok(fx->s, e, 300, false);
	expect_counts(&sum, 1, 2, 3, 1, 0);
	plan_free(e);
	plan_free(p);
}

static void
test_import_bad_plans(void **state)
{
	static const struct tspec dup[] = { { 1, "", "一" }, { 1, "", "二" } };
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base);
	struct import_summary sum;
	struct error err = { 0, "" };

	open_ok(fx);
	(void)import_ok(fx->s, p, 100, false);
	p->year = 0;
	assert_int_equal(store_import(fx->s, p, "plan.txt", NULL, 200, false,
	    &sum, &err), EXIT_DATAERR);
	plan_free(p);
	p = build(TITLE, 2021, dup, ARRAY_LEN(dup), NULL, 0);
	assert_int_equal(store_import(fx->s, p, "plan.txt", NULL, 200, false,
	    &sum, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "task 1"));
	assert_int_equal(q_int(fx, "SELECT count(*) FROM plan"), 1);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM import_log"), 1);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measure WHERE updated_at = 100"), 6);
	plan_free(p);
}

/* A writer holding the database past the busy timeout: EXIT_TEMPFAIL
 * (this test waits out the 5 s timeout). */
static void
test_import_busy(void **state)
{
	struct fx *fx = *state;
	struct plan *p = BUILD(tasks3, base);
	struct import_summary sum;
	struct error err = { 0, "" };
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	open_ok(fx);
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(store_import(fx->s, p, "plan.txt", NULL, 100, false,
	    &sum, &err), EXIT_TEMPFAIL);
	sqlite3_close(db);	/* rolls back */
	(void)import_ok(fx->s, p, 100, false);
	plan_free(p);
}

/* ---- queries ------------------------------------------------------------ */

static void
test_plan_ids_order(void **state)
{
	struct fx *fx = *state;
	struct plan *a = BUILD(tasks3, base);
	struct plan *b = build("另一份计划", 2021, tasks3, 3, base, ARRAY_LEN(base));
	struct plan *c = build(TITLE, 2022, tasks3, 3, base, ARRAY_LEN(base));
	struct error err = { 0, "" };
	int64_t *ids = NULL, ia, ib, ic;
	size_t n = 99;

	open_ok(fx);
	assert_int_equal(store_plan_ids(fx->s, &ids, &n, &err), 0);
	assert_int_equal(n, 0);
	free(ids);
	ia = import_ok(fx->s, a, 100, false).plan_id;
	ib = import_ok(fx->s, b, 200, false).plan_id;
	assert_int_equal(store_plan_ids(fx->s, &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], ib);
	assert_int_equal(ids[1], ia);
	free(ids);
	assert_int_equal(import_ok(fx->s, a, 300, false).plan_id, ia);
	ic = import_ok(fx->s, c, 300, false).plan_id;	/* same time: newer id first */
	assert_true(ic != ia && ic != ib);
	assert_int_equal(store_plan_ids(fx->s, &ids, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], ic);
	assert_int_equal(ids[1], ia);
	assert_int_equal(ids[2], ib);
	free(ids);
	plan_free(a);
	plan_free(b);
	plan_free(c);
}

static void
test_load_unknown(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct plan *p = (struct plan *)&err;

	open_ok(fx);
	assert_int_equal(store_load_plan(fx->s, 42, &p, &err), EXIT_NOINPUT);
	assert_null(p);
	assert_string_equal(err.msg, "no plan with id 42");
}

/* Through the real grammar: a resolved plan survives the round trip. */
static void
test_resolved_round_trip(void **state)
{
	struct fx *fx = *state;
	struct plan *p = plan_new("seed.txt"), *got;
	struct plan_task *t;
	struct import_summary sum;

	p->year = 2021;
	t = plan_add_task(p, 1, "一、加强保护", "加强  知识产权保护", 3);
	plan_add_measure(t, "开展 专项\n行动", "6月底前", "省局牵头，市局配合", 4);
	plan_add_measure(t, "持续推进", "长期", "各市市场监督管理局", 6);
	t = plan_add_task(p, 2, "", "完善制度", 8);
	plan_add_measure(t, "按季度调度", "每季度", "保护处", 9);
	plan_add_measure(t, "适时推进", "适时", "", 10);
	/* Every kind is stored by name, the newest too (schema 16). */
	plan_add_measure(t, "半年总结", "每半年", "保护处", 11);
	plan_add_measure(t, "每周报送", "每周五前", "保护处", 12);
	plan_add_measure(t, "双月调度", "每两个月", "保护处", 13);
	plan_add_measure(t, "双周调度", "每两周", "保护处", 14);
	plan_add_measure(t, "半月调度", "每半月", "保护处", 15);
	plan_add_measure(t, "旬报", "每旬", "保护处", 16);
	plan_resolve(p);
	open_ok(fx);
	sum = import_ok(fx->s, p, 100, false);
	assert_int_equal(sum.warnings, p->nwarnings);
	got = load_ok(fx->s, sum.plan_id);
	expect_same_plan(p, got);
	assert_string_equal(got->tasks[0].measures[0].text, "开展 专项 行动");
	plan_free(got);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM deadline WHERE "
	    "kind IN ('semiannual', 'weekly', 'bimonthly', 'biweekly', "
	    "'semimonthly', 'tenday') AND due IS NULL"), 6);
	sum = import_ok(fx->s, p, 200, false);
	expect_counts(&sum, 0, 0, 10, 0, 0);
	plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_open_creates),
		T(test_reopen),
		T(test_open_not_database),
		T(test_open_empty_file),
		T(test_quick_check_sound),
		T(test_open_foreign_database),
		T(test_open_newer),
		T(test_open_cannot_create),
		T(test_open_memory),
		T(test_import_round_trip),
		T(test_import_again_unchanged),
		T(test_import_edited),
		T(test_import_restores),
		T(test_import_edit_vs_retired),
		T(test_import_units_changed),
		T(test_import_dry_run),
		T(test_import_failure_rolls_back),
		T(test_import_bad_plans),
		T(test_import_busy),
		T(test_plan_ids_order),
		T(test_load_unknown),
		T(test_resolved_round_trip),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
