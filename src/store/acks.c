/* acks: the acknowledgement log and what it means.  Tokens are looked up
 * by their SHA-256 (the token itself is never stored); answers are read
 * once per pass into a sorted array; the board combines the plans, the
 * answers and what was sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/acks.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/digest.h"
#include "base/json.h"
#include "base/text.h"
#include "store/sql.h"

/* The kinds that are a unit's answer: the log holds the supervisor's
 * pauses too. */
#define UNIT_KINDS "('ack', 'done', 'progress')"

static const char *const kind_names[] = {
	[ACK_ACK] = "ack", [ACK_DONE] = "done", [ACK_PROGRESS] = "progress",
	[ACK_PAUSE] = "pause", [ACK_RESUME] = "resume"
};
static const char *const source_names[] = {
	[ACK_WEB] = "web", [ACK_CLI] = "cli", [ACK_API] = "api"
};
static const char *const cell_names[] = {
	[CELL_QUIET] = "quiet", [CELL_WAITING] = "waiting", [CELL_ACKED] = "acked",
	[CELL_DONE] = "done", [CELL_OVERDUE] = "overdue", [CELL_BEHIND] = "behind",
	[CELL_PAUSED] = "paused",
};

const char *
ack_kind_name(enum ack_kind k)
{
	return kind_names[k];
}

const char *
ack_source_name(enum ack_source s)
{
	return source_names[s];
}

const char *
cell_state_name(enum cell_state st)
{
	return cell_names[st];
}

/* One switch, for every state a cell can be in: a new state says here
 * what its unit is sent. */
bool
cell_level(const struct board_cell *c, int today, enum level *l)
{
	int due = c->extended_to != DATE_NONE ? c->extended_to : c->due;

	switch (c->state) {
	case CELL_OVERDUE:
		*l = LEVEL_URGE;
		return true;
	case CELL_ACKED:
		/* 待审核 gets no notice until the approver decides. */
		if (c->review == REVIEW_WAITING)
			return false;
		/* Acknowledged, it still gets the overdue notices; a
		 * returned completion is pressed for until then. */
		if (due == DATE_NONE || due >= today) {
			*l = LEVEL_PRESS;
			return c->review == REVIEW_RETURNED;
		}
		*l = LEVEL_URGE;
		return true;
	case CELL_BEHIND:
		/* Its progress report is missing past its date (督办). */
		*l = LEVEL_PRESS;
		return true;
	case CELL_WAITING:
		/* Notified and silent: its due is near (the lead notices
		 * began), or it was escalated. */
		*l = c->escalated ? LEVEL_PRESS : LEVEL_REMIND;
		return true;
	case CELL_DONE:
	case CELL_QUIET:
	case CELL_PAUSED:	/* nothing until its date */
		break;
	}
	return false;
}

int
acks_record(struct store *s, const struct ack_target *t,
    const struct ack_record *a, time_t now, struct error *err)
{
	const struct ack_progress *p = a->progress;
	char due[11];

	date_format(t->due, due);
	return sql_run(s, err, "INSERT INTO ack (measure_id, unit, due, kind, at, "
	    "source, note, remote, agent, percent, problems, next_steps) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, nullif(?10, -1), ?11, ?12)",
	    "IsssIszzzizz", t->measure_id, t->unit, due,
	    ack_kind_name(a->kind), (int64_t)now, ack_source_name(a->source),
	    p != NULL ? p->text : a->note, a->remote, a->agent,
	    p != NULL ? p->percent : -1, p != NULL ? p->problems : NULL,
	    p != NULL ? p->next : NULL);
}

/* The text of an optional field: NULL when empty. */
static const char *
optional(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

enum progress_fault
acks_progress_read(struct ack_progress *p, const char *text,
    const char *percent, const char *problems, const char *next)
{
	size_t i;

	*p = (struct ack_progress){ text, -1, optional(problems), optional(next) };
	if (text == NULL || text_blank(text))
		return PROGRESS_NO_TEXT;
	if (!text_typed_ok(text, PROGRESS_TEXT_MAX))
		return PROGRESS_TEXT;
	if (percent != NULL && *percent != '\0') {
		/* Digits only: no sign, no space, no "40%", no "1e2". */
		for (i = 0, p->percent = 0; percent[i] != '\0'; i++) {
			if (percent[i] < '0' || percent[i] > '9' || i >= 3)
				return PROGRESS_PERCENT;
			p->percent = p->percent * 10 + (percent[i] - '0');
		}
		if (p->percent > 100)
			return PROGRESS_PERCENT;
	}
	if (p->problems != NULL && !text_typed_ok(p->problems, PROGRESS_MORE_MAX))
		return PROGRESS_PROBLEMS;
	if (p->next != NULL && !text_typed_ok(p->next, PROGRESS_MORE_MAX))
		return PROGRESS_NEXT;
	return PROGRESS_OK;
}

const char *
progress_fault_text(enum progress_fault f)
{
	switch (f) {
	case PROGRESS_OK:
		break;
	case PROGRESS_NO_TEXT:
		return "text: what was done is empty";
	case PROGRESS_TEXT:
		return "text: more than " XSTR(PROGRESS_TEXT_MAX) " characters, "
		    "or control characters";
	case PROGRESS_PERCENT:
		return "percent: an integer from 0 to 100 expected";
	case PROGRESS_PROBLEMS:
		return "problems: more than " XSTR(PROGRESS_MORE_MAX) " characters, "
		    "or control characters";
	case PROGRESS_NEXT:
		return "next: more than " XSTR(PROGRESS_MORE_MAX) " characters, "
		    "or control characters";
	}
	return "ok";
}

/* A column's text, NULL when it is NULL. */
static char *
col_dup(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL :
	    xstrdup(col_text(st, i));
}

int
acks_progress_list(struct store *s, int64_t measure_id, const char *unit,
    int due, size_t max, struct progress_row **out, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	char day[11];
	int rc;

	*out = NULL;
	*n = 0;
	date_format(due, day);
	rc = sql_prepare(s, &st, err, "SELECT at, coalesce(percent, -1), note, "
	    "problems, next_steps, source FROM ack WHERE measure_id = ?1 AND "
	    "unit = ?2 AND due = ?3 AND kind = 'progress' ORDER BY id DESC "
	    "LIMIT ?4", "Issi", measure_id, unit, day, (int)max);
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct progress_row *r;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		r = &(*out)[(*n)++];
		r->at = (time_t)sqlite3_column_int64(st, 0);
		r->percent = sqlite3_column_int(st, 1);
		r->text = xstrdup(col_text(st, 2));
		r->problems = col_dup(st, 3);
		r->next = col_dup(st, 4);
		r->source = xstrdup(col_text(st, 5));
	}
	sql_done(s, st);
	if (rc != 0) {
		progress_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
progress_rows_free(struct progress_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].text);
		free(r[i].problems);
		free(r[i].next);
		free(r[i].source);
	}
	free(r);
}

int
acks_record_answer(struct store *s, const struct ack_target *t,
    const struct ack_record *a, enum role role, bool review_dflt,
    time_t now, bool *waiting, struct error *err)
{
	struct unit_request r = { 0, REQUEST_COMPLETION, t->measure_id,
	    t->unit, role, t->due, DATE_NONE, (char *)(a->note != NULL ?
	    a->note : ""), ack_source_name(a->source), REQUEST_PENDING, 0, 0,
	    NULL };
	int rc;

	*waiting = false;
	if (a->kind != ACK_DONE)
		return acks_record(s, t, a, now, err);
	/* The answer and its request together, or neither: a done
	 * without its request would close the item unreviewed. */
	if ((rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		return rc;
	if ((rc = acks_record(s, t, a, now, err)) == 0 &&
	    (rc = requests_review_on(s, t->measure_id, review_dflt, waiting,
	    err)) == 0 && *waiting)
		rc = requests_record(s, &r, now, err);
	if (rc == 0)
		rc = sql_run(s, err, "COMMIT", "");
	if (rc != 0) {
		tx_rollback(s);
		*waiting = false;
	}
	return rc;
}

int
acks_answer(struct store *s, int64_t measure_id, const char *unit, int due,
    enum answer *out, struct error *err)
{
	char day[11];
	int64_t v = 0;
	bool found;
	int rc;

	date_format(due, day);
	/* done (2) outranks ack (1); a progress report counts as ack. */
	rc = sql_int(s, err, &v, &found, "SELECT coalesce(max(CASE kind WHEN "
	    "'done' THEN 2 ELSE 1 END), 0) FROM ack WHERE measure_id = ?1 AND "
	    "unit = ?2 AND due = ?3 AND kind IN " UNIT_KINDS, "Iss", measure_id,
	    unit, day);
	*out = v == 2 ? ANSWER_DONE : v == 1 ? ANSWER_ACK : ANSWER_NONE;
	return rc;
}

/* One answer in memory. */
struct answer_row {
	int64_t measure_id;
	char *unit;
	int due;
	enum answer answer;
	time_t reported;	/* the last progress report, 0: none */
	int percent;		/* the board's: its share, -1: none */
	char *text;		/* the board's: its text, else NULL */
};

struct answers {
	struct answer_row *v;
	size_t n;
	int64_t last;		/* the log's last id when loaded */
};

static int
cmp_answer(const void *a, const void *b)
{
	const struct answer_row *x = a, *y = b;

	return item_order(x->measure_id, x->due, x->unit, y->measure_id,
	    y->due, y->unit);
}

/* Rows (measure_id, unit, due, 2 for done / else ack, the last progress
 * report's time or NULL, and for the board its share and text) of sql,
 * sorted for answers_get. */
static int
load_keyed(struct store *s, struct answers *a, const char *sql,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	rc = sql_prepare(s, &st, err, sql, "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct answer_row *r;

		a->v = xgrow(a->v, &cap, a->n + 1, sizeof(*a->v));
		r = &a->v[a->n++];
		r->measure_id = sqlite3_column_int64(st, 0);
		r->unit = xstrdup(col_text(st, 1));
		if (!date_parse(col_text(st, 2), &r->due))
			r->due = DATE_NONE;
		r->answer = sqlite3_column_int(st, 3) == 2 ? ANSWER_DONE : ANSWER_ACK;
		r->reported = (time_t)sqlite3_column_int64(st, 4);
		r->percent = -1;
		r->text = NULL;
		if (sqlite3_column_count(st) > 6) {
			r->percent = sqlite3_column_int(st, 5);
			r->text = xstrdup(col_text(st, 6));
		}
	}
	sql_done(s, st);
	if (rc == 0 && a->n > 1)
		qsort(a->v, a->n, sizeof(*a->v), cmp_answer);
	return rc;
}

int
acks_load(struct store *s, struct answers **out, struct error *err)
{
	struct answers *a = xcalloc(1, sizeof(*a));
	bool found;
	int rc;

	*out = NULL;
	if ((rc = sql_int(s, err, &a->last, &found, "SELECT coalesce(max(id), 0) "
	    "FROM ack", "")) != 0 ||
	    (rc = load_keyed(s, a, "SELECT measure_id, unit, due, max(CASE "
	    "kind WHEN 'done' THEN 2 ELSE 1 END), max(CASE kind WHEN "
	    "'progress' THEN at END) FROM ack WHERE kind IN " UNIT_KINDS
	    " GROUP BY measure_id, unit, due",
	    err)) != 0) {
		answers_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

/* The items (measure, unit, due) a notice went out for in a sent
 * message (with escalations, only escalations: their unit is the silent
 * one), as a set answers_get finds (ANSWER_ACK: notified): one query
 * for the board, not one per cell. */
static int
load_notified(struct store *s, bool escalations, struct answers **out,
    struct error *err)
{
	struct answers *a = xcalloc(1, sizeof(*a));
	int rc = escalations ?
	    load_keyed(s, a, "SELECT n.measure_id, n.unit, n.due, 1, NULL FROM "
	    "notice n WHERE n.stage = 'escalation' AND n.id IN (SELECT "
	    "mn.notice_id FROM message m JOIN message_notice mn ON "
	    "mn.message_id = m.id WHERE m.state = 'sent') GROUP BY 1, 2, 3",
	    err) :
	    load_keyed(s, a, "SELECT n.measure_id, n.unit, n.due, 1, NULL FROM "
	    "notice n WHERE n.id IN (SELECT mn.notice_id FROM message m JOIN "
	    "message_notice mn ON mn.message_id = m.id WHERE m.state = 'sent') "
	    "GROUP BY 1, 2, 3", err);

	if (rc != 0) {
		answers_free(a);
		a = NULL;
	}
	*out = a;
	return rc;
}

/* Each item's latest progress report (its time, share and text), as a
 * set find_row finds: one query for the board. */
static int
load_reports(struct store *s, struct answers **out, struct error *err)
{
	struct answers *a = xcalloc(1, sizeof(*a));
	int rc = load_keyed(s, a, "SELECT measure_id, unit, due, 1, at, "
	    "coalesce(percent, -1), note FROM ack WHERE id IN (SELECT max(id) "
	    "FROM ack WHERE kind = 'progress' GROUP BY measure_id, unit, due)",
	    err);

	if (rc != 0) {
		answers_free(a);
		a = NULL;
	}
	*out = a;
	return rc;
}

int
acks_changed(struct store *s, const struct answers *a, bool *changed,
    struct error *err)
{
	int64_t last;
	bool found;
	int rc;

	rc = sql_int(s, err, &last, &found, "SELECT coalesce(max(id), 0) FROM ack", "");
	*changed = rc != 0 || a == NULL || last != a->last;
	return rc;
}

/* The row of (measure_id, unit, due) in a, or NULL. */
static const struct answer_row *
find_row(const struct answers *a, int64_t measure_id, const char *unit,
    int due)
{
	struct answer_row key = { measure_id, (char *)unit, due, ANSWER_NONE,
	    0, -1, NULL };

	if (a == NULL || a->n == 0)
		return NULL;
	return bsearch(&key, a->v, a->n, sizeof(*a->v), cmp_answer);
}

enum answer
answers_get(const struct answers *a, int64_t measure_id, const char *unit,
    int due)
{
	const struct answer_row *r = find_row(a, measure_id, unit, due);

	return r != NULL ? r->answer : ANSWER_NONE;
}

enum answer
answers_effective(const struct answers *a, const struct request_set *rs,
    int64_t measure_id, const char *unit, int due)
{
	int orig = request_set_original(rs, measure_id, unit, due);
	int moved = request_set_due(rs, measure_id, unit, orig);
	enum answer x = answers_get(a, measure_id, unit, orig), y;

	y = moved != orig ? answers_get(a, measure_id, unit, moved) :
	    ANSWER_NONE;
	if (y > x)
		x = y;
	if (x == ANSWER_DONE && request_set_review(rs, measure_id, unit,
	    orig) == REVIEW_RETURNED)
		x = ANSWER_ACK;
	return x;
}

time_t
answers_reported(const struct answers *a, int64_t measure_id, const char *unit,
    int due)
{
	const struct answer_row *r = find_row(a, measure_id, unit, due);

	return r != NULL ? r->reported : 0;
}

void
answers_free(struct answers *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].unit);
		free(a->v[i].text);
	}
	free(a->v);
	free(a);
}

/* A report's percent, problems and next steps (columns 9, 10, 11) as
 * JSON members, null for an answer of another kind. */
static void
put_report_json(struct buf *b, sqlite3_stmt *st)
{
	buf_puts(b, ", \"percent\": ");
	if (sqlite3_column_type(st, 9) == SQLITE_NULL)
		buf_puts(b, "null");
	else
		buf_printf(b, "%d", sqlite3_column_int(st, 9));
	buf_puts(b, ", \"problems\": ");
	json_put_str(b, sqlite3_column_type(st, 10) == SQLITE_NULL ? NULL :
	    col_text(st, 10));
	buf_puts(b, ", \"next\": ");
	json_put_str(b, sqlite3_column_type(st, 11) == SQLITE_NULL ? NULL :
	    col_text(st, 11));
}

/* The same in the text log, each on the line. */
static void
put_report_line(struct buf *b, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
		buf_puts(b, "  problems: ");
		buf_put_line(b, col_text(st, 10));
	}
	if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
		buf_puts(b, "  next: ");
		buf_put_line(b, col_text(st, 11));
	}
}

int
acks_list(struct store *s, bool json, struct buf *b, struct error *err)
{
	sqlite3_stmt *st;
	bool row = true;
	size_t count = 0;
	char at[40];
	int rc;

	rc = sql_prepare(s, &st, err, "SELECT unit, measure_id, due, kind, at, "
	    "source, note, remote, agent, percent, problems, next_steps FROM "
	    "ack ORDER BY id", "");
	if (json)
		buf_puts(b, "[");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		clock_format((time_t)sqlite3_column_int64(st, 4), at, sizeof(at));
		if (json) {
			buf_puts(b, count > 0 ? ",\n {\"unit\": " : "\n {\"unit\": ");
			json_put_str(b, col_text(st, 0));
			buf_printf(b, ", \"measure_id\": %lld, \"due\": \"%s\", "
			    "\"kind\": \"%s\", \"at\": \"%s\", \"source\": \"%s\", "
			    "\"note\": ", (long long)sqlite3_column_int64(st, 1),
			    col_text(st, 2), col_text(st, 3), at, col_text(st, 5));
			json_put_str(b, sqlite3_column_type(st, 6) == SQLITE_NULL ?
			    NULL : col_text(st, 6));
			buf_puts(b, ", \"remote\": ");
			json_put_str(b, sqlite3_column_type(st, 7) == SQLITE_NULL ?
			    NULL : col_text(st, 7));
			buf_puts(b, ", \"agent\": ");
			json_put_str(b, sqlite3_column_type(st, 8) == SQLITE_NULL ?
			    NULL : col_text(st, 8));
			put_report_json(b, st);
			buf_puts(b, "}");
		} else {
			buf_printf(b, "%.19s  %-4s  %-3s  measure %lld  %s  due %s",
			    at, col_text(st, 3), col_text(st, 5),
			    (long long)sqlite3_column_int64(st, 1), col_text(st, 0),
			    col_text(st, 2));
			if (sqlite3_column_type(st, 9) != SQLITE_NULL)
				buf_printf(b, "  %d%%", sqlite3_column_int(st, 9));
			if (*col_text(st, 6) != '\0') {
				buf_puts(b, "  ");
				buf_put_line(b, col_text(st, 6));
			}
			put_report_line(b, st);
			buf_putc(b, '\n');
		}
		count++;
	}
	sql_done(s, st);
	if (json)
		buf_puts(b, count > 0 ? "\n]\n" : "]\n");
	return rc;
}

int
acks_board(struct store *s, struct plan *const *plans, size_t n, int today,
    const struct dl_rules *rules, struct board_cell **cells, size_t *ncells, struct error *err)
{
	struct answers *ans = NULL, *sent = NULL, *esc = NULL, *rep = NULL;
	struct request_set *rs = NULL;
	size_t cap = 0, p, t, k, u;
	int rc;

	*cells = NULL;
	*ncells = 0;
	if ((rc = acks_load(s, &ans, err)) != 0 ||
	    (rc = load_notified(s, false, &sent, err)) != 0 ||
	    (rc = load_notified(s, true, &esc, err)) != 0 ||
	    (rc = request_set_load(s, &rs, err)) != 0 ||
	    (rc = load_reports(s, &rep, err)) != 0) {
		answers_free(ans);
		answers_free(sent);
		answers_free(esc);
		request_set_free(rs);
		return rc;
	}
	for (p = 0; p < n && rc == 0; p++)
	for (t = 0; t < plans[p]->ntasks && rc == 0; t++)
	for (k = 0; k < plans[p]->tasks[t].nmeasures && rc == 0; k++) {
		const struct plan_measure *m = &plans[p]->tasks[t].measures[k];
		int due = deadline_occurrence(&m->deadline, plans[p]->year,
		    today, rules);

		for (u = 0; u < m->nunits && rc == 0; u++) {
			struct board_cell *c;
			const char *name = m->units[u].name;
			enum answer a = answers_effective(ans, rs, m->id, name,
			    due);
			int moved = request_set_due(rs, m->id, name, due);
			bool notified = answers_get(sent, m->id, name, due) !=
			    ANSWER_NONE || (moved != due && answers_get(sent,
			    m->id, name, moved) != ANSWER_NONE);

			*cells = xgrow(*cells, &cap, *ncells + 1, sizeof(**cells));
			c = &(*cells)[(*ncells)++];
			const struct answer_row *r = find_row(rep, m->id,
			    m->units[u].name, due);

			*c = (struct board_cell){ plans[p], &plans[p]->tasks[t], m,
			    &m->units[u], due, CELL_QUIET,
			    moved != due ? moved : DATE_NONE,
			    request_set_review(rs, m->id, name, due), false, false,
			    LEVEL_REMIND, 0, -1, NULL, DATE_NONE, NULL };
			if (r != NULL) {
				c->reported = r->reported;
				c->percent = r->percent;
				c->report = xstrdup(r->text);
			}
			/* 待审核 is open until the approver confirms it. */
			if (a == ANSWER_DONE && c->review == REVIEW_WAITING)
				c->state = CELL_ACKED;
			else if (a == ANSWER_DONE)
				c->state = CELL_DONE;
			else if (a == ANSWER_ACK)
				c->state = CELL_ACKED;
			else if (moved != DATE_NONE && moved < today)
				c->state = CELL_OVERDUE;
			else if (notified)
				c->state = CELL_WAITING;
			c->escalated = answers_get(esc, m->id, name, due) !=
			    ANSWER_NONE || (moved != due && answers_get(esc,
			    m->id, name, moved) != ANSWER_NONE);
			c->has_level = cell_level(c, today, &c->level);
		}
	}
	answers_free(ans);
	answers_free(sent);
	answers_free(esc);
	request_set_free(rs);
	answers_free(rep);
	if (rc != 0) {
		acks_board_free(*cells, *ncells);
		*cells = NULL;
		*ncells = 0;
	}
	return rc;
}

void
acks_board_free(struct board_cell *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cells[i].report);
		free(cells[i].pause_reason);
	}
	free(cells);
}

int
acks_count(struct store *s, enum ack_kind kind, size_t *n, struct error *err)
{
	int64_t v;
	bool found;
	int rc = sql_int(s, err, &v, &found, "SELECT value FROM counter "
	    "WHERE name = 'acks' AND l1 = ?1 AND l2 = ''", "s",
	    ack_kind_name(kind));

	*n = found && v > 0 ? (size_t)v : 0;
	return rc;
}

int
acks_count_all(struct store *s, size_t *n, struct error *err)
{
	int64_t v;
	bool found;
	int rc = sql_int(s, err, &v, &found, "SELECT coalesce(sum(value), 0) "
	    "FROM counter WHERE name = 'acks'", "");

	*n = found && v > 0 ? (size_t)v : 0;
	return rc;
}

int
acks_set_board_counts(struct store *s, const size_t *counts, size_t ncounts,
    time_t at, struct error *err)
{
	int rc = sql_run(s, err, "BEGIN IMMEDIATE", "");

	for (size_t i = 0; i < ncounts && rc == 0; i++)
		rc = sql_run(s, err, "INSERT INTO counter (name, l1, value) "
		    "VALUES ('board', ?1, ?2) ON CONFLICT DO UPDATE SET "
		    "value = excluded.value", "sI",
		    cell_state_name((enum cell_state)i), (int64_t)counts[i]);
	if (rc == 0)
		rc = sql_run(s, err, "INSERT INTO counter (name, value) VALUES "
		    "('board_at', ?1) ON CONFLICT DO UPDATE SET value = "
		    "excluded.value", "I", (int64_t)at);
	if (rc == 0)
		return sql_run(s, err, "COMMIT", "");
	{
		struct error ignored;	/* the first error is the one to tell */

		if (sql_run(s, &ignored, "ROLLBACK", "") != 0)
			return rc;
	}
	return rc;
}

int
acks_board_counts(struct store *s, size_t *counts, size_t ncounts, time_t *at,
    struct error *err)
{
	int64_t v;
	bool found;
	int rc = 0;

	for (size_t i = 0; i < ncounts && rc == 0; i++) {
		rc = sql_int(s, err, &v, &found, "SELECT value FROM counter "
		    "WHERE name = 'board' AND l1 = ?1 AND l2 = ''", "s",
		    cell_state_name((enum cell_state)i));
		counts[i] = found && v > 0 ? (size_t)v : 0;
	}
	if (rc == 0)
		rc = sql_int(s, err, &v, &found, "SELECT value FROM counter "
		    "WHERE name = 'board_at' AND l1 = '' AND l2 = ''", "");
	*at = rc == 0 && found ? (time_t)v : 0;
	return rc;
}
