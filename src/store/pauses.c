/* pauses: pauses of items (暂停), their log entries, and the set a pass
 * reads.  SQL over the store's helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "store/pauses.h"
#include "store/sql.h"

static int
rollback(struct store *s, int rc)
{
	tx_rollback(s);
	return rc;
}

/* Log kind (ACK_PAUSE, ACK_RESUME) of p for each of its items. */
static int
log_items(struct store *s, const struct pause_req *p, enum ack_kind kind,
    time_t now, struct error *err)
{
	struct ack_record a = { kind, p->source, p->reason, NULL, NULL, NULL };
	int rc = 0;

	for (size_t i = 0; i < p->nitems && rc == 0; i++) {
		struct ack_target t = { p->measure_id, (char *)p->items[i],
		    p->due };

		rc = acks_record(s, &t, &a, now, err);
	}
	return rc;
}

int
pauses_add(struct store *s, const struct pause_req *p, size_t n, time_t now,
    struct error *err)
{
	char until[11];
	int rc;

	if ((rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		date_format(p[i].until, until);
		rc = sql_run(s, err, "INSERT INTO pause (measure_id, unit, until, "
		    "reason, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		    "IssssI", p[i].measure_id, p[i].unit, until, p[i].reason,
		    ack_source_name(p[i].source), (int64_t)now);
		if (rc == 0)
			rc = log_items(s, &p[i], ACK_PAUSE, now, err);
	}
	if (rc == 0)
		rc = sql_run(s, err, "COMMIT", "");
	return rc != 0 ? rollback(s, rc) : 0;
}

int
pauses_resume(struct store *s, const struct pause_req *p, size_t n,
    int today, time_t now, struct error *err)
{
	char day[11];
	int64_t every = 0;
	size_t ended = 0;
	bool found;
	int rc;

	date_format(today, day);
	if ((rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* ?2 NULL (--all): every pause of the measure. */
		rc = sql_run(s, err, "UPDATE pause SET resumed_at = ?4, "
		    "resumed_source = ?5 WHERE measure_id = ?1 AND (?2 IS NULL "
		    "OR unit = ?2) AND resumed_at IS NULL AND until > ?3",
		    "IssIs", p[i].measure_id, p[i].unit, day, (int64_t)now,
		    ack_source_name(p[i].source));
		if (rc != 0 || sqlite3_changes(s->db) == 0)
			continue;
		ended++;
		rc = log_items(s, &p[i], ACK_RESUME, now, err);
	}
	if (rc == 0 && ended == 0) {
		if ((rc = sql_int(s, err, &every, &found, "SELECT count(*) FROM "
		    "pause WHERE measure_id = ?1 AND unit IS NULL AND resumed_at "
		    "IS NULL AND until > ?2", "Is", p[0].measure_id, day)) == 0)
			rc = error_set(err, EXIT_DATAERR, every > 0 ? "paused for "
			    "every unit of the measure: resume it with --all" :
			    "no pause in force");
	}
	if (rc == 0)
		rc = sql_run(s, err, "COMMIT", "");
	return rc != 0 ? rollback(s, rc) : 0;
}

int
pauses_list(struct store *s, int today, bool json, struct buf *b,
    struct error *err)
{
	sqlite3_stmt *st;
	bool row = true;
	size_t count = 0;
	char day[11], at[40];
	int rc;

	date_format(today, day);
	rc = sql_prepare(s, &st, err, "SELECT id, measure_id, unit, until, "
	    "reason, source, created_at FROM pause WHERE resumed_at IS NULL "
	    "AND until > ?1 ORDER BY measure_id, unit, id", "s", day);
	if (json)
		buf_puts(b, "[");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		bool every = sqlite3_column_type(st, 2) == SQLITE_NULL;

		clock_format((time_t)sqlite3_column_int64(st, 6), at, sizeof(at));
		if (json) {
			buf_printf(b, "%s\n {\"id\": %lld, \"measure_id\": %lld, "
			    "\"unit\": ", count > 0 ? "," : "",
			    (long long)sqlite3_column_int64(st, 0),
			    (long long)sqlite3_column_int64(st, 1));
			json_put_str(b, every ? NULL : col_text(st, 2));
			buf_printf(b, ", \"until\": \"%s\", \"reason\": ",
			    col_text(st, 3));
			json_put_str(b, col_text(st, 4));
			buf_printf(b, ", \"source\": \"%s\", \"created_at\": "
			    "\"%s\"}", col_text(st, 5), at);
		} else {
			buf_printf(b, "measure %lld  %s  until %s  %s  ",
			    (long long)sqlite3_column_int64(st, 1),
			    every ? "(every unit)" : col_text(st, 2),
			    col_text(st, 3), col_text(st, 5));
			buf_put_line(b, col_text(st, 4));
			buf_putc(b, '\n');
		}
		count++;
	}
	sql_done(s, st);
	if (json)
		buf_puts(b, count > 0 ? "\n]\n" : "]\n");
	return rc;
}

struct pause_set {
	struct pause_row *v;	/* pauses are few: scanned */
	size_t n;
	int64_t mark;
};

/* A number that grows with every pause added or ended. */
static int
pauses_mark(struct store *s, int64_t *mark, struct error *err)
{
	bool found;

	return sql_int(s, err, mark, &found, "SELECT coalesce(max(id), 0) + "
	    "count(resumed_at) FROM pause", "");
}

int
pause_set_load(struct store *s, struct pause_set **out, struct error *err)
{
	struct pause_set *ps = xcalloc(1, sizeof(*ps));
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	bool row = true;
	int rc;

	*out = NULL;
	if ((rc = pauses_mark(s, &ps->mark, err)) == 0)
		rc = sql_prepare(s, &st, err, "SELECT measure_id, unit, until, "
		    "reason FROM pause WHERE resumed_at IS NULL", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct pause_row *r;

		ps->v = xgrow(ps->v, &cap, ps->n + 1, sizeof(*ps->v));
		r = &ps->v[ps->n++];
		r->measure_id = sqlite3_column_int64(st, 0);
		r->unit = sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL :
		    xstrdup(col_text(st, 1));
		if (!date_parse(col_text(st, 2), &r->until))
			r->until = DATE_NONE;
		r->reason = xstrdup(col_text(st, 3));
	}
	sql_done(s, st);
	if (rc != 0) {
		pause_set_free(ps);
		return rc;
	}
	*out = ps;
	return 0;
}

int
pause_set_changed(struct store *s, const struct pause_set *ps, bool *changed,
    struct error *err)
{
	int64_t mark;
	int rc = pauses_mark(s, &mark, err);

	*changed = rc != 0 || ps == NULL || mark != ps->mark;
	return rc;
}

void
pause_set_free(struct pause_set *ps)
{
	if (ps == NULL)
		return;
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].unit);
		free(ps->v[i].reason);
	}
	free(ps->v);
	free(ps);
}

const struct pause_row *
pause_set_find(const struct pause_set *ps, int64_t measure_id,
    const char *unit, int today)
{
	const struct pause_row *best = NULL;

	for (size_t i = 0; ps != NULL && i < ps->n; i++) {
		const struct pause_row *r = &ps->v[i];

		if (r->measure_id == measure_id && r->until > today &&
		    (r->unit == NULL || strcmp(r->unit, unit) == 0) &&
		    (best == NULL || r->until > best->until))
			best = r;
	}
	return best;
}

int
pauses_mark_board(struct store *s, struct board_cell *cells, size_t n,
    int today, struct error *err)
{
	struct pause_set *ps;
	const struct pause_row *p;
	int rc;

	if ((rc = pause_set_load(s, &ps, err)) != 0)
		return rc;
	for (struct board_cell *c = cells; c < cells + n; c++) {
		if ((p = pause_set_find(ps, c->measure->id, c->unit->name,
		    today)) == NULL)
			continue;
		c->paused_until = p->until;
		free(c->pause_reason);
		c->pause_reason = xstrdup(p->reason);
		if (c->state == CELL_DONE || c->review == REVIEW_WAITING)
			continue;
		c->state = CELL_PAUSED;
		c->has_level = cell_level(c, today, &c->level);
	}
	pause_set_free(ps);
	return 0;
}
