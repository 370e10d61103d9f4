/* sql: what the store modules (open.c, import.c and store.c for plans, outbox.c for notices
 * and deliveries) share: the connection and the statement helpers.  Only
 * those modules include it; the rest of the program sees store.h. */
#ifndef DEADLINED_SQL_H
#define DEADLINED_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/util.h"

/* Statements are prepared once and kept (a pass runs the same few
 * INSERTs and UPDATEs thousands of times, and preparing costs more than
 * running them), up to this many. */
#define SQL_CACHE_SIZE 64

struct sql_cached {
	const char *key;	/* the caller's SQL text (a literal) */
	sqlite3_stmt *st;
	bool busy;		/* handed out, not yet sql_done */
};

struct store {
	sqlite3 *db;
	char *path;
	struct sql_cached cache[SQL_CACHE_SIZE];
	char *damage;		/* the first damage seen, NULL: none */
};

/* The sysexits code for an SQLite result code. */
int sql_code(int rc);
/* Fill err from the connection's error rc ("PATH: reason"); a damaged
 * file (SQLITE_CORRUPT, SQLITE_NOTADB) goes through sql_damaged. */
int sql_fail(struct store *s, int rc, struct error *err);
/* Record that the file is damaged (what, as fmt says: SQLite's words,
 * quick_check's first finding, a value the schema forbids) and fill err
 * with one line naming the file and the way to recover; EXIT_IOERR. */
int sql_damaged(struct store *s, struct error *err, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* Prepare one statement (or take it from the cache) and bind fmt's
 * values, one letter each: 'i' int, 'I' int64_t, 'N' int64_t with 0 as
 * NULL, 's' string (NULL as NULL), 'z' string with NULL and "" as NULL.
 * Hand it back with sql_done, never sqlite3_finalize. */
int sql_prepare(struct store *s, sqlite3_stmt **st, struct error *err,
    const char *sql, const char *fmt, ...) WARN_UNUSED_RESULT;
/* Done with st from sql_prepare (NULL is fine): reset it for the next
 * use, or finalize it if it was not cached. */
void sql_done(struct store *s, sqlite3_stmt *st);
/* Step st; *row tells whether it produced a row. */
int sql_next(struct store *s, sqlite3_stmt *st, bool *row, struct error *err) WARN_UNUSED_RESULT;
/* Run one statement to its end, ignoring any rows. */
int sql_run(struct store *s, struct error *err, const char *sql,
    const char *fmt, ...) WARN_UNUSED_RESULT;
/* The first column of the first row as an integer (*found: was there one). */
int sql_int(struct store *s, struct error *err, int64_t *val, bool *found,
    const char *sql, const char *fmt, ...) WARN_UNUSED_RESULT;
/* The first column of every row as integers, in a new *ids. */
int sql_ids(struct store *s, struct error *err, int64_t **ids, size_t *n,
    const char *sql, const char *fmt, ...) WARN_UNUSED_RESULT;
/* Finalize the cached statements (before closing the connection). */
void sql_cache_clear(struct store *s);
/* Run a script of parameterless statements. */
int sql_script(struct store *s, const char *script, struct error *err) WARN_UNUSED_RESULT;
/* Column i as a string, "" for NULL. */
const char *col_text(sqlite3_stmt *st, int i);
/* Roll back the open transaction, if any. */
void tx_rollback(struct store *s);

#endif
