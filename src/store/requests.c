/* requests: units' requests, the approver's decisions, the approval
 * links' tokens and the set a pass reads (see requests.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/digest.h"
#include "base/json.h"
#include "plan/notice.h"
#include "store/outbox.h"
#include "store/requests.h"
#include "store/sql.h"
#include "store/tokens.h"

#define DAY_SECONDS 86400

static const char *const kind_names[] = {
	[REQUEST_EXTENSION] = "extension", [REQUEST_COMPLETION] = "completion"
};
static const char *const state_names[] = {
	[REQUEST_PENDING] = "pending", [REQUEST_APPROVED] = "approved",
	[REQUEST_REJECTED] = "rejected"
};
static const char *const review_names[] = {
	[REVIEW_NONE] = "", [REVIEW_WAITING] = "waiting",
	[REVIEW_CONFIRMED] = "confirmed", [REVIEW_RETURNED] = "returned"
};

const char *
request_kind_name(enum request_kind k)
{
	return kind_names[k];
}

const char *
request_state_name(enum request_state st)
{
	return state_names[st];
}

const char *
review_state_name(enum review_state st)
{
	return review_names[st];
}

/* The notice that tells of request r: to the approver while it waits,
 * to the unit once it is decided. */
static enum stage
request_stage(const struct unit_request *r)
{
	bool ext = r->kind == REQUEST_EXTENSION;

	switch (r->state) {
	case REQUEST_PENDING:
		break;
	case REQUEST_APPROVED:
		return ext ? STAGE_APPROVED : STAGE_CONFIRMED;
	case REQUEST_REJECTED:
		return ext ? STAGE_REJECTED : STAGE_RETURNED;
	}
	return ext ? STAGE_EXTENSION : STAGE_COMPLETION;
}

/* Record the notice of r as it stands, due at now. */
static int
add_notice(struct store *s, const struct unit_request *r, time_t now,
    struct error *err)
{
	struct sched_notice sn = { r->due, request_stage(r), (int)r->id, now,
	    true };
	struct notice_new nn = { r->measure_id, r->unit, r->role, &sn };
	bool added;

	return outbox_add_notice(s, &nn, now, &added, err);
}

/* Roll back after err, keeping err (the first error is the one to
 * tell). */
static int
rollback(struct store *s, int rc)
{
	tx_rollback(s);
	return rc;
}

/* For an extension: its occurrence's original date into r->due, and the
 * date it is due on now into *current. */
static int
extension_dates(struct store *s, struct unit_request *r, int *current,
    struct error *err)
{
	char day[11];
	sqlite3_stmt *st;
	bool row;
	int rc;

	date_format(r->due, day);
	rc = sql_prepare(s, &st, err, "SELECT due FROM request WHERE kind = "
	    "'extension' AND state = 'approved' AND measure_id = ?1 AND "
	    "unit = ?2 AND new_due = ?3 ORDER BY id DESC LIMIT 1", "Iss",
	    r->measure_id, r->unit, day);
	if (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row &&
	    !date_parse(col_text(st, 0), &r->due))
		rc = sql_damaged(s, err, "a request's due date");
	sql_done(s, st);
	if (rc != 0)
		return rc;
	*current = r->due;
	date_format(r->due, day);
	rc = sql_prepare(s, &st, err, "SELECT new_due FROM request WHERE kind = "
	    "'extension' AND state = 'approved' AND measure_id = ?1 AND "
	    "unit = ?2 AND due = ?3 ORDER BY id DESC LIMIT 1", "Iss",
	    r->measure_id, r->unit, day);
	if (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row &&
	    !date_parse(col_text(st, 0), current))
		rc = sql_damaged(s, err, "a request's new due date");
	sql_done(s, st);
	return rc;
}

/* Whether an extension may be asked: a later date than the current
 * one, and none waiting for the item already. */
static int
check_extension(struct store *s, struct unit_request *r, struct error *err)
{
	char day[11], cur[11];
	int64_t waiting;
	bool found;
	int current, rc;

	if ((rc = extension_dates(s, r, &current, err)) != 0)
		return rc;
	date_format(current, cur);
	if (r->new_due == DATE_NONE || r->new_due <= current)
		return error_set(err, EXIT_DATAERR, "the new date must be after "
		    "the current deadline, %s", cur);
	date_format(r->due, day);
	rc = sql_int(s, err, &waiting, &found, "SELECT id FROM request WHERE "
	    "kind = 'extension' AND state = 'pending' AND measure_id = ?1 AND "
	    "unit = ?2 AND due = ?3", "Iss", r->measure_id, r->unit, day);
	if (rc == 0 && found)
		rc = error_set(err, EXIT_DATAERR, "an extension of this item "
		    "waits for a decision already (request %lld)",
		    (long long)waiting);
	return rc;
}

int
requests_record(struct store *s, struct unit_request *r, time_t now,
    struct error *err)
{
	char day[11], nday[11];
	int rc;

	r->state = REQUEST_PENDING;
	r->created_at = now;
	r->decided_at = 0;
	if (r->kind == REQUEST_EXTENSION &&
	    (rc = check_extension(s, r, err)) != 0)
		return rc;
	date_format(r->due, day);
	date_format(r->new_due, nday);
	rc = sql_run(s, err, "INSERT INTO request (kind, measure_id, unit, "
	    "role, due, new_due, note, source, created_at) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9)", "sIssszssI", request_kind_name(r->kind),
	    r->measure_id, r->unit, role_name(r->role), day,
	    r->kind == REQUEST_EXTENSION ? nday : NULL,
	    r->note != NULL ? r->note : "", r->source, (int64_t)now);
	r->id = sqlite3_last_insert_rowid(s->db);
	if (rc == 0)
		rc = add_notice(s, r, now, err);
	return rc;
}

int
requests_add(struct store *s, struct unit_request *r, time_t now,
    struct error *err)
{
	int rc;

	if ((rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		return rc;
	if ((rc = requests_record(s, r, now, err)) == 0)
		rc = sql_run(s, err, "COMMIT", "");
	return rc != 0 ? rollback(s, rc) : 0;
}

/* The columns requests_get reads, from row st into r. */
static int
read_request(struct store *s, sqlite3_stmt *st, struct unit_request *r,
    struct error *err)
{
	const char *kind = col_text(st, 1), *state = col_text(st, 8);

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->kind = strcmp(kind, "completion") == 0 ? REQUEST_COMPLETION :
	    REQUEST_EXTENSION;
	r->measure_id = sqlite3_column_int64(st, 2);
	r->unit = xstrdup(col_text(st, 3));
	r->note = xstrdup(col_text(st, 7));
	r->source = strcmp(col_text(st, 12), "web") == 0 ? "web" :
	    strcmp(col_text(st, 12), "api") == 0 ? "api" : "cli";
	r->state = strcmp(state, "approved") == 0 ? REQUEST_APPROVED :
	    strcmp(state, "rejected") == 0 ? REQUEST_REJECTED : REQUEST_PENDING;
	r->created_at = (time_t)sqlite3_column_int64(st, 9);
	r->decided_at = (time_t)sqlite3_column_int64(st, 10);
	if (sqlite3_column_type(st, 11) != SQLITE_NULL)
		r->decision_note = xstrdup(col_text(st, 11));
	r->new_due = DATE_NONE;
	if (!role_from_name(col_text(st, 4), &r->role) ||
	    !date_parse(col_text(st, 5), &r->due) ||
	    (sqlite3_column_type(st, 6) != SQLITE_NULL &&
	    !date_parse(col_text(st, 6), &r->new_due)))
		return sql_damaged(s, err, "request %lld", (long long)r->id);
	return 0;
}

#define REQUEST_COLUMNS "id, kind, measure_id, unit, role, due, new_due, " \
	"note, state, created_at, decided_at, decision_note, source"

int
requests_get(struct store *s, int64_t id, struct unit_request *r, bool *found,
    struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof(*r));
	*found = false;
	rc = sql_prepare(s, &st, err, "SELECT " REQUEST_COLUMNS " FROM request "
	    "WHERE id = ?1", "I", id);
	if (rc == 0 && (rc = sql_next(s, st, found, err)) == 0 && *found)
		rc = read_request(s, st, r, err);
	sql_done(s, st);
	return rc;
}

void
request_free(struct unit_request *r)
{
	free(r->unit);
	free(r->note);
	free(r->decision_note);
	memset(r, 0, sizeof(*r));
}

int
requests_decide(struct store *s, int64_t id, bool approve, const char *note,
    const char *source, time_t now, struct unit_request *r, struct error *err)
{
	bool found;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		return rc;
	if ((rc = requests_get(s, id, r, &found, err)) != 0)
		return rollback(s, rc);
	if (!found)
		return rollback(s, error_set(err, EXIT_NOINPUT, "no request "
		    "%lld", (long long)id));
	if (r->state != REQUEST_PENDING) {
		tx_rollback(s);
		return error_set(err, EXIT_CANTCREAT, "request %lld was %s "
		    "already", (long long)id, request_state_name(r->state));
	}
	r->state = approve ? REQUEST_APPROVED : REQUEST_REJECTED;
	r->decided_at = now;
	r->decision_note = note != NULL && *note != '\0' ? xstrdup(note) : NULL;
	rc = sql_run(s, err, "UPDATE request SET state = ?2, decided_at = ?3, "
	    "decided_source = ?4, decision_note = ?5 WHERE id = ?1 AND "
	    "state = 'pending'", "IsIsz", id, request_state_name(r->state),
	    (int64_t)now, source, note);
	if (rc == 0)
		rc = add_notice(s, r, now, err);
	if (rc == 0)
		rc = sql_run(s, err, "COMMIT", "");
	return rc != 0 ? rollback(s, rc) : 0;
}

int
requests_list(struct store *s, bool json, struct buf *b, struct error *err)
{
	sqlite3_stmt *st;
	bool row = true;
	size_t count = 0;
	char at[40];
	int rc;

	rc = sql_prepare(s, &st, err, "SELECT id, kind, measure_id, unit, due, "
	    "new_due, note, created_at FROM request WHERE state = 'pending' "
	    "ORDER BY id", "");
	if (json)
		buf_puts(b, "[");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		clock_format((time_t)sqlite3_column_int64(st, 7), at, sizeof(at));
		if (json) {
			buf_printf(b, "%s\n {\"id\": %lld, \"kind\": \"%s\", "
			    "\"measure_id\": %lld, \"unit\": ", count > 0 ? "," :
			    "", (long long)sqlite3_column_int64(st, 0),
			    col_text(st, 1), (long long)sqlite3_column_int64(st, 2));
			json_put_str(b, col_text(st, 3));
			buf_printf(b, ", \"due\": \"%s\", \"new_due\": ",
			    col_text(st, 4));
			json_put_str(b, sqlite3_column_type(st, 5) == SQLITE_NULL ?
			    NULL : col_text(st, 5));
			buf_puts(b, ", \"note\": ");
			json_put_str(b, col_text(st, 6));
			buf_printf(b, ", \"created_at\": \"%s\"}", at);
		} else {
			buf_printf(b, "%lld  %-10s  measure %lld  %s  due %s",
			    (long long)sqlite3_column_int64(st, 0), col_text(st, 1),
			    (long long)sqlite3_column_int64(st, 2), col_text(st, 3),
			    col_text(st, 4));
			if (sqlite3_column_type(st, 5) != SQLITE_NULL)
				buf_printf(b, " -> %s", col_text(st, 5));
			buf_printf(b, "  %.19s", at);
			if (*col_text(st, 6) != '\0') {
				buf_puts(b, "  ");
				buf_put_line(b, col_text(st, 6));
			}
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
requests_review_on(struct store *s, int64_t measure_id, bool dflt, bool *on,
    struct error *err)
{
	int64_t v;
	bool found;
	int rc;

	rc = sql_int(s, err, &v, &found, "SELECT coalesce(p.review, ?2) FROM "
	    "measure m JOIN task t ON t.id = m.task_id JOIN plan p ON "
	    "p.id = t.plan_id WHERE m.id = ?1", "Ii", measure_id, dflt ? 1 : 0);
	*on = found ? v != 0 : dflt;
	return rc;
}

int
requests_set_plan_review(struct store *s, int64_t plan_id, int on,
    struct error *err)
{
	int rc;

	rc = on < 0 ? sql_run(s, err, "UPDATE plan SET review = NULL WHERE "
	    "id = ?1", "I", plan_id) : sql_run(s, err, "UPDATE plan SET "
	    "review = ?2 WHERE id = ?1", "Ii", plan_id, on != 0);
	if (rc == 0 && sqlite3_changes(s->db) == 0)
		rc = error_set(err, EXIT_NOINPUT, "no plan %lld",
		    (long long)plan_id);
	return rc;
}

/* ---- approval links --------------------------------------------------- */

int
review_token_issue(struct store *s, int64_t request_id, time_t now, int days,
    char *token, struct error *err)
{
	char hash[DIGEST_HEX_LEN + 1];

	if (!digest_random_hex(token, TOKEN_HEX_LEN / 2))
		return error_set(err, EXIT_SOFTWARE, "getrandom failed");
	digest_sha256_hex(token, TOKEN_HEX_LEN, hash);
	return sql_run(s, err, "INSERT INTO review_token (hash, request_id, "
	    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4)", "sIII", hash,
	    request_id, (int64_t)now, (int64_t)now + (int64_t)days * DAY_SECONDS);
}

int
review_token_lookup(struct store *s, const char *token, time_t now,
    int64_t *request_id, struct error *err)
{
	char hash[DIGEST_HEX_LEN + 1];
	bool found = false;
	int rc;

	*request_id = 0;
	if (!token_wellformed(token))
		return error_set(err, EXIT_NOINPUT, "unknown token");
	digest_sha256_hex(token, TOKEN_HEX_LEN, hash);
	rc = sql_int(s, err, request_id, &found, "SELECT request_id FROM "
	    "review_token WHERE hash = ?1 AND expires_at > ?2", "sI", hash,
	    (int64_t)now);
	if (rc == 0 && !found)
		rc = error_set(err, EXIT_NOINPUT, "unknown token");
	return rc;
}

/* ---- the set a pass reads --------------------------------------------- */

/* One occurrence's last approved extension, or its last completion. */
struct req_row {
	int64_t measure_id;
	char *unit;
	int due;
	int new_due;			/* extensions */
	enum review_state review;	/* completions */
	int64_t id;
};

struct request_set {
	struct req_row *ext, *done;
	size_t next, ndone;
	int64_t mark;			/* request_set_mark's when loaded */
};

static int
cmp_row(const void *a, const void *b)
{
	const struct req_row *x = a, *y = b;

	return item_order(x->measure_id, x->due, x->unit, y->measure_id,
	    y->due, y->unit);
}

/* Rows (measure_id, unit, due, new_due, state, id) of sql, sorted. */
static int
load_rows(struct store *s, const char *sql, struct req_row **out, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	rc = sql_prepare(s, &st, err, sql, "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct req_row *r;
		const char *state = col_text(st, 4);

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		r = &(*out)[(*n)++];
		r->measure_id = sqlite3_column_int64(st, 0);
		r->unit = xstrdup(col_text(st, 1));
		if (!date_parse(col_text(st, 2), &r->due))
			r->due = DATE_NONE;
		if (!date_parse(col_text(st, 3), &r->new_due))
			r->new_due = DATE_NONE;
		r->review = strcmp(state, "approved") == 0 ? REVIEW_CONFIRMED :
		    strcmp(state, "rejected") == 0 ? REVIEW_RETURNED :
		    REVIEW_WAITING;
		r->id = sqlite3_column_int64(st, 5);
	}
	sql_done(s, st);
	if (rc == 0 && *n > 1)
		qsort(*out, *n, sizeof(**out), cmp_row);
	return rc;
}

int
requests_mark(struct store *s, int64_t *mark, struct error *err)
{
	bool found;

	return sql_int(s, err, mark, &found, "SELECT coalesce(max(id), 0) + "
	    "count(decided_at) FROM request", "");
}

int
request_set_load(struct store *s, struct request_set **out, struct error *err)
{
	struct request_set *rs = xcalloc(1, sizeof(*rs));
	int rc;

	*out = NULL;
	/* SQLite takes the bare columns of a max() aggregate from the row
	 * with the greatest id: each occurrence's last request. */
	if ((rc = requests_mark(s, &rs->mark, err)) != 0 ||
	    (rc = load_rows(s, "SELECT measure_id, unit, due, new_due, state, "
	    "max(id) FROM request WHERE kind = 'extension' AND state = "
	    "'approved' GROUP BY measure_id, unit, due", &rs->ext, &rs->next,
	    err)) != 0 ||
	    (rc = load_rows(s, "SELECT measure_id, unit, due, '', state, "
	    "max(id) FROM request WHERE kind = 'completion' GROUP BY "
	    "measure_id, unit, due", &rs->done, &rs->ndone, err)) != 0) {
		request_set_free(rs);
		return rc;
	}
	*out = rs;
	return 0;
}

int
request_set_changed(struct store *s, const struct request_set *rs,
    bool *changed, struct error *err)
{
	int64_t mark;
	int rc = requests_mark(s, &mark, err);

	*changed = rc != 0 || rs == NULL || mark != rs->mark;
	return rc;
}

void
request_set_free(struct request_set *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->next; i++)
		free(rs->ext[i].unit);
	for (i = 0; i < rs->ndone; i++)
		free(rs->done[i].unit);
	free(rs->ext);
	free(rs->done);
	free(rs);
}

/* The row of (measure_id, unit, due) in v[0..n), or NULL. */
static const struct req_row *
find_row(const struct req_row *v, size_t n, int64_t measure_id,
    const char *unit, int due)
{
	struct req_row key = { measure_id, (char *)unit, due, 0, 0, 0 };

	return n > 0 ? bsearch(&key, v, n, sizeof(*v), cmp_row) : NULL;
}

int
request_set_due(const struct request_set *rs, int64_t measure_id,
    const char *unit, int due)
{
	const struct req_row *r;

	if (rs == NULL)
		return due;
	r = find_row(rs->ext, rs->next, measure_id, unit, due);
	return r != NULL && r->new_due != DATE_NONE ? r->new_due : due;
}

int
request_set_original(const struct request_set *rs, int64_t measure_id,
    const char *unit, int due)
{
	/* Approved extensions are few: a scan. */
	for (size_t i = 0; rs != NULL && i < rs->next; i++)
		if (rs->ext[i].measure_id == measure_id &&
		    rs->ext[i].new_due == due &&
		    strcmp(rs->ext[i].unit, unit) == 0)
			return rs->ext[i].due;
	return due;
}

enum review_state
request_set_review(const struct request_set *rs, int64_t measure_id,
    const char *unit, int due)
{
	const struct req_row *a, *b;
	int moved;

	if (rs == NULL)
		return REVIEW_NONE;
	/* A completion reported through a link of the moved date is
	 * stored under that date: the later request of the two counts. */
	moved = request_set_due(rs, measure_id, unit, due);
	a = find_row(rs->done, rs->ndone, measure_id, unit, due);
	b = moved != due ? find_row(rs->done, rs->ndone, measure_id, unit,
	    moved) : NULL;
	if (a == NULL || (b != NULL && b->id > a->id))
		a = b;
	return a != NULL ? a->review : REVIEW_NONE;
}
