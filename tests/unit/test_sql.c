/* Unit tests for sql, the statement helpers under the store, on a real
 * SQLite file: every binding letter round-trips (NULL rules included),
 * statements are cached and reused, a statement still in use is not
 * handed out twice, sql_int tells a missing row from a zero, errors name
 * the file and map to sysexits codes, and a script runs whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "store/sql.h"
#include "testdir.h"

struct fixture {
	char dir[256];
	struct store s;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char path[300];
	struct error err;

	testdir_make(f->dir, sizeof(f->dir), "test_sql");
	snprintf(path, sizeof(path), "%s/t.db", f->dir);
	f->s.path = strdup(path);
	assert_int_equal(sqlite3_open(path, &f->s.db), SQLITE_OK);
	assert_int_equal(sql_script(&f->s, "CREATE TABLE t (i INTEGER, "
	    "big INTEGER, n INTEGER, s TEXT, z TEXT);", &err), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	sql_cache_clear(&f->s);
	sqlite3_close(f->s.db);
	free(f->s.path);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

static void
test_bindings(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *st;
	struct error err;
	bool row;

	assert_int_equal(sql_run(&f->s, &err, "INSERT INTO t VALUES "
	    "(?1, ?2, ?3, ?4, ?5)", "iINsz", 7, (int64_t)1 << 40, (int64_t)0,
	    "已收到", ""), 0);
	assert_int_equal(sql_run(&f->s, &err, "INSERT INTO t VALUES "
	    "(?1, ?2, ?3, ?4, ?5)", "iINsz", -1, (int64_t)-5, (int64_t)9,
	    NULL, "x"), 0);
	assert_int_equal(sql_prepare(&f->s, &st, &err, "SELECT i, big, n, s, "
	    "z, n IS NULL, s IS NULL, z IS NULL FROM t ORDER BY rowid", ""), 0);
	assert_int_equal(sql_next(&f->s, st, &row, &err), 0);
	assert_true(row);
	assert_int_equal(sqlite3_column_int(st, 0), 7);
	assert_int_equal(sqlite3_column_int64(st, 1), (int64_t)1 << 40);
	assert_int_equal(sqlite3_column_int(st, 5), 1);	/* 'N' 0 is NULL */
	assert_string_equal(col_text(st, 3), "已收到");
	assert_int_equal(sqlite3_column_int(st, 7), 1);	/* 'z' "" is NULL */
	assert_string_equal(col_text(st, 4), "");	/* NULL reads "" */
	assert_int_equal(sql_next(&f->s, st, &row, &err), 0);
	assert_true(row);
	assert_int_equal(sqlite3_column_int(st, 0), -1);
	assert_int_equal(sqlite3_column_int64(st, 2), 9);
	assert_int_equal(sqlite3_column_int(st, 6), 1);	/* 's' NULL is NULL */
	assert_string_equal(col_text(st, 4), "x");
	assert_int_equal(sql_next(&f->s, st, &row, &err), 0);
	assert_false(row);
	sql_done(&f->s, st);
}

static void
test_cache(void **state)
{
	static const char q[] = "SELECT count(*) FROM t WHERE i = ?1";
	struct fixture *f = *state;
	sqlite3_stmt *a, *b, *c;
	struct error err;

	assert_int_equal(sql_prepare(&f->s, &a, &err, q, "i", 1), 0);
	/* In use: a second caller gets a statement of its own. */
	assert_int_equal(sql_prepare(&f->s, &b, &err, q, "i", 2), 0);
	assert_ptr_not_equal(a, b);
	sql_done(&f->s, b);
	sql_done(&f->s, a);
	/* Handed back: the cached one is reused, reset and rebound. */
	assert_int_equal(sql_prepare(&f->s, &c, &err, q, "i", 3), 0);
	assert_ptr_equal(c, a);
	assert_int_equal(sqlite3_bind_parameter_count(c), 1);
	sql_done(&f->s, c);
}

static void
test_int(void **state)
{
	struct fixture *f = *state;
	struct error err;
	int64_t v = 99;
	bool found = true;

	assert_int_equal(sql_int(&f->s, &err, &v, &found,
	    "SELECT i FROM t WHERE i = ?1", "i", 12345), 0);
	assert_false(found);
	assert_int_equal(sql_run(&f->s, &err, "INSERT INTO t (i) VALUES (0)",
	    ""), 0);
	assert_int_equal(sql_int(&f->s, &err, &v, &found,
	    "SELECT i FROM t WHERE i = ?1", "i", 0), 0);
	assert_true(found);
	assert_int_equal(v, 0);
}

static void
test_errors(void **state)
{
	struct fixture *f = *state;
	struct error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = sql_run(&f->s, &err, "INSERT INTO nosuch VALUES (1)", "");
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(err.msg, f->s.path));
	assert_non_null(strstr(err.msg, "nosuch"));
	assert_int_equal(sql_code(SQLITE_FULL), EX_IOERR);
	assert_int_not_equal(sql_code(SQLITE_CORRUPT), 0);
	/* A failed script leaves what came before it, not half of itself
	 * silently: the error is reported. */
	rc = sql_script(&f->s, "CREATE TABLE u (a); SELECT * FROM nosuch;",
	    &err);
	assert_int_not_equal(rc, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bindings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
