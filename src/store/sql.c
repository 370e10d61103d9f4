/* sql: the statement helpers the store modules share: prepare with bound
 * values, step, run, read one integer, run a script, and turn SQLite's
 * result codes into sysexits codes with "PATH: reason" messages. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "store/sql.h"

/* The sysexits code for an SQLite result code. */
int
sql_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return EXIT_TEMPFAIL;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
	case SQLITE_RANGE:
		return EXIT_DATAERR;
	case SQLITE_NOTADB:	/* a damaged file: the disk failed it */
	case SQLITE_CORRUPT:
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_PROTOCOL:
		return EXIT_IOERR;
	default:
		return EXIT_SOFTWARE;
	}
}

/* Fill err from the connection's error rc ("PATH: reason"); returns the
 * exit code.  Call it before anything else touches the connection. */
int
sql_fail(struct store *s, int rc, struct error *err)
{
	if ((rc & 0xff) == SQLITE_NOTADB)
		return sql_damaged(s, err, "not a deadlined database, or its "
		    "first page is damaged: file is not a database");
	if ((rc & 0xff) == SQLITE_CORRUPT)
		return sql_damaged(s, err, "%s", sqlite3_errmsg(s->db));
	return error_set(err, sql_code(rc), "%s: %s", s->path,
	    sqlite3_errmsg(s->db));
}

/* The file is damaged: remember the first finding (every later statement
 * may fail the same way, and the daemon reports the first) and say how to
 * recover.  Nothing is repaired here: a copy of what is left is the
 * operator's to make, from the file as it is. */
int
sql_damaged(struct store *s, struct error *err, const char *fmt, ...)
{
	struct error e;
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	error_set(&e, EXIT_IOERR, "%s: the database is damaged (%s); "
	    "restore the last backup, or recover what is left with "
	    "\"sqlite3 %s .recover | sqlite3 NEW.db\"", s->path, what,
	    s->path);
	if (s->damage == NULL)
		s->damage = xstrdup(e.msg);
	if (err != NULL)
		*err = e;
	return EXIT_IOERR;
}

/* Bind ap to parameters 1, 2, … of st as fmt says, one letter each:
 * 'i' int, 'I' int64_t, 'N' int64_t with 0 as NULL, 's' string (NULL as
 * NULL), 'z' string with NULL and "" as NULL. */
static int
sql_vbind(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	const char *t;
	int64_t v;
	int i, rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && fmt[i] != '\0'; i++) {
		switch (fmt[i]) {
		case 'i':
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'I':
		case 'N':
			v = va_arg(ap, int64_t);
			rc = fmt[i] == 'N' && v == 0 ? sqlite3_bind_null(st, i + 1) :
			    sqlite3_bind_int64(st, i + 1, v);
			break;
		case 's':
		case 'z':
			t = va_arg(ap, const char *);
			rc = t == NULL || (fmt[i] == 'z' && *t == '\0') ?
			    sqlite3_bind_null(st, i + 1) :
			    sqlite3_bind_text(st, i + 1, t, -1, SQLITE_TRANSIENT);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

/* Prepare sql, or take it from the cache, and bind ap.  Keyed by the
 * text's address and checked against the text itself, so that SQL built
 * in a reused buffer is never mistaken for another; a statement still
 * handed out (a query run inside the loop of another of the same text)
 * or a full cache gets a statement of its own. */
static int
sql_vprepare(struct store *s, sqlite3_stmt **st, struct error *err,
    const char *sql, const char *fmt, va_list ap)
{
	size_t h = ((uintptr_t)sql >> 3) % SQL_CACHE_SIZE, i;
	struct sql_cached *c = NULL, *x;
	int rc;

	*st = NULL;
	for (i = 0; i < SQL_CACHE_SIZE && c == NULL; i++) {
		x = &s->cache[(h + i) % SQL_CACHE_SIZE];
		if (x->key == NULL || (x->key == sql &&
		    strcmp(sqlite3_sql(x->st), sql) == 0))
			c = x;
	}
	if (c != NULL && c->key != NULL && !c->busy)
		*st = c->st;
	else {
		if (c != NULL && c->key != NULL)
			c = NULL;	/* busy: use one of our own */
		rc = sqlite3_prepare_v3(s->db, sql, -1, c != NULL ?
		    SQLITE_PREPARE_PERSISTENT : 0, st, NULL);
		if (rc != SQLITE_OK)
			return sql_fail(s, rc, err);
		if (c != NULL)
			*c = (struct sql_cached){ sql, *st, false };
	}
	if (c != NULL)
		c->busy = true;
	if ((rc = sql_vbind(*st, fmt, ap)) == SQLITE_OK)
		return 0;
	rc = sql_fail(s, rc, err);
	sql_done(s, *st);
	*st = NULL;
	return rc;
}

void
sql_done(struct store *s, sqlite3_stmt *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < SQL_CACHE_SIZE; i++)
		if (s->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->cache[i].busy = false;
			return;
		}
	sqlite3_finalize(st);
}

void
sql_cache_clear(struct store *s)
{
	for (size_t i = 0; i < SQL_CACHE_SIZE; i++)
		if (s->cache[i].key != NULL) {
			sqlite3_finalize(s->cache[i].st);
			s->cache[i] = (struct sql_cached){ NULL, NULL, false };
		}
}

/* Prepare a query; the caller steps it with sql_next and hands it back
 * with sql_done. */
int
sql_prepare(struct store *s, sqlite3_stmt **st, struct error *err,
    const char *sql, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sql_vprepare(s, st, err, sql, fmt, ap);
	va_end(ap);
	return rc;
}

/* Step st; *row tells whether it produced a row. */
int
sql_next(struct store *s, sqlite3_stmt *st, bool *row, struct error *err)
{
	int rc = sqlite3_step(st);

	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 0;
	return sql_fail(s, rc, err);
}

/* Run one statement to its end, ignoring any rows. */
int
sql_run(struct store *s, struct error *err, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	bool row = true;
	int rc;

	va_start(ap, fmt);
	rc = sql_vprepare(s, &st, err, sql, fmt, ap);
	va_end(ap);
	while (rc == 0 && row)
		rc = sql_next(s, st, &row, err);
	sql_done(s, st);
	return rc;
}

/* The first column of the first row as an integer; *found is false (and
 * *val 0) when there is no row. */
int
sql_int(struct store *s, struct error *err, int64_t *val, bool *found,
    const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	*val = 0;
	*found = false;
	va_start(ap, fmt);
	rc = sql_vprepare(s, &st, err, sql, fmt, ap);
	va_end(ap);
	if (rc == 0 && (rc = sql_next(s, st, found, err)) == 0 && *found)
		*val = sqlite3_column_int64(st, 0);
	sql_done(s, st);
	return rc;
}

/* The first column of every row as integers, in a new *ids (NULL and 0
 * when there is none, or on an error). */
int
sql_ids(struct store *s, struct error *err, int64_t **ids, size_t *n,
    const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	size_t cap = 0;
	bool row = true;
	int rc;

	*ids = NULL;
	*n = 0;
	va_start(ap, fmt);
	rc = sql_vprepare(s, &st, err, sql, fmt, ap);
	va_end(ap);
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sql_done(s, st);
	if (rc != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

/* Run a script of parameterless statements, one prepare at a time over
 * the tail (no sqlite3_exec). */
int
sql_script(struct store *s, const char *script, struct error *err)
{
	const char *tail = script;
	sqlite3_stmt *st;
	bool row;
	int rc = 0;

	while (rc == 0 && *tail != '\0') {
		if ((rc = sqlite3_prepare_v2(s->db, tail, -1, &st, &tail)) != SQLITE_OK)
			return sql_fail(s, rc, err);
		row = st != NULL;
		while (rc == 0 && row)
			rc = sql_next(s, st, &row, err);
		sqlite3_finalize(st);
	}
	return rc;
}

/* Column i as a string, "" for NULL. */
const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? (const char *)t : "";
}

/* Roll back the open transaction, if any; err keeps the first error. */
void
tx_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(s->db))
		return;
	/* A failed ROLLBACK leaves nothing to do: SQLite rolls back on
	 * close, and after a crash on the next open. */
	if (sql_run(s, NULL, "ROLLBACK", "") != 0)
		return;
}

