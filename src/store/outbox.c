/* outbox: notices and messages in SQLite, and the retry policy.  Every
 * statement here runs through the store's helpers (sql.h); the daemon
 * decides what to send, this module remembers it durably. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/digest.h"
#include "base/json.h"
#include "base/text.h"
#include "store/outbox.h"
#include "store/sql.h"
#include "base/redact.h"

#define BACKOFF_FIRST 60		/* seconds */
#define BACKOFF_CAP 3600
#define GIVE_UP_AFTER (24 * 3600)

int
outbox_begin(struct store *s, struct error *err)
{
	return sql_run(s, err, "BEGIN IMMEDIATE", "");
}

int
outbox_commit(struct store *s, struct error *err)
{
	return sql_run(s, err, "COMMIT", "");
}

void
outbox_rollback(struct store *s)
{
	tx_rollback(s);
}

int
outbox_add_notice(struct store *s, const struct notice_new *n, time_t now,
    bool *added, struct error *err)
{
	char due[11];
	int rc;

	date_format(n->n->due, due);
	/* Only the unique key may make this a no-op: OR IGNORE would also
	 * hide a CHECK failure.  A notice recorded as missed (current = 0,
	 * carried by a skipped message) was missed only by the clock of the
	 * pass that recorded it: when a later pass, its clock set back,
	 * finds it current, it is pending again and goes out.  The skipped
	 * message keeps it, as the record of that pass. */
	rc = sql_run(s, err, "INSERT INTO notice (measure_id, unit, role, due, "
	    "stage, step, current, state, trigger_at, created_at) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9) ON CONFLICT (measure_id, unit, "
	    "due, stage, step) DO UPDATE SET current = 1, state = 'pending' "
	    "WHERE notice.current = 0 AND excluded.current = 1", "IssssiiII",
	    n->measure_id, n->unit, role_name(n->role), due, stage_name(n->n->stage),
	    n->n->step, n->n->current ? 1 : 0, (int64_t)n->n->trigger, (int64_t)now);
	*added = rc == 0 && sqlite3_changes(s->db) > 0;
	return rc;
}

/* Read notices: sql selects id, measure_id, unit, role, due, stage,
 * step, current, with ?1 bound to id (when id is not 0). */
static int
load_notices(struct store *s, const char *sql, int64_t id,
    struct pending **out, size_t *n, struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	*out = NULL;
	*n = 0;
	rc = id != 0 ? sql_prepare(s, &st, err, sql, "I", id) :
	    sql_prepare(s, &st, err, sql, "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct pending *p;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		p->measure_id = sqlite3_column_int64(st, 1);
		p->unit = xstrdup(col_text(st, 2));
		p->step = sqlite3_column_int(st, 6);
		p->current = sqlite3_column_int(st, 7) != 0;
		if (!role_from_name(col_text(st, 3), &p->role) ||
		    !date_parse(col_text(st, 4), &p->due) ||
		    !stage_from_name(col_text(st, 5), &p->stage))
			rc = sql_damaged(s, err, "notice %lld: a role, due "
			    "date or stage its schema forbids",
			    (long long)p->id);
	}
	sql_done(s, st);
	if (rc != 0) {
		outbox_pending_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
outbox_pending(struct store *s, struct pending **out, size_t *n,
    struct error *err)
{
	return load_notices(s, "SELECT id, measure_id, unit, role, due, stage, "
	    "step, current FROM notice WHERE state = 'pending' "
	    "ORDER BY unit, due, measure_id, stage, step", 0, out, n, err);
}

int
outbox_silent(struct store *s, struct silent **out, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	*out = NULL;
	*n = 0;
	/* Only a message that was sent counts: a unit is not silent about
	 * a notice still queued or failed.  Check-ins ask nothing to
	 * acknowledge, so they are never escalated. */
	rc = sql_prepare(s, &st, err, "SELECT n.measure_id, n.unit, "
	    "min(n.role), n.due, min(m.sent_at) FROM notice n "
	    "JOIN message_notice mn ON mn.notice_id = n.id "
	    "JOIN message m ON m.id = mn.message_id "
	    "WHERE n.stage IN ('lead', 'due', 'overdue') AND m.state = 'sent' "
	    "AND NOT EXISTS (SELECT 1 FROM notice x WHERE x.measure_id = "
	    "n.measure_id AND x.unit = n.unit AND x.due = n.due AND "
	    "x.stage = 'escalation') GROUP BY n.measure_id, n.unit, n.due "
	    "ORDER BY n.measure_id, n.unit, n.due", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		struct silent *v;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		v = &(*out)[(*n)++];
		memset(v, 0, sizeof(*v));
		v->measure_id = sqlite3_column_int64(st, 0);
		v->unit = xstrdup(col_text(st, 1));
		v->first_sent = (time_t)sqlite3_column_int64(st, 4);
		if (!role_from_name(col_text(st, 2), &v->role) ||
		    !date_parse(col_text(st, 3), &v->due))
			rc = sql_damaged(s, err, "a notice of measure %lld: a "
			    "role or due date its schema forbids",
			    (long long)v->measure_id);
	}
	sql_done(s, st);
	if (rc != 0) {
		outbox_silent_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
outbox_silent_free(struct silent *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].unit);
	free(v);
}

int
outbox_message_notices(struct store *s, int64_t id, char **recipient,
    struct pending **out, size_t *n, struct error *err)
{
	sqlite3_stmt *st;
	bool row;
	int rc;

	*recipient = NULL;
	if ((rc = sql_prepare(s, &st, err, "SELECT recipient FROM message "
	    "WHERE id = ?1", "I", id)) == 0 &&
	    (rc = sql_next(s, st, &row, err)) == 0)
		*recipient = xstrdup(row ? col_text(st, 0) : "");
	sql_done(s, st);
	if (rc != 0)
		return rc;
	return load_notices(s, "SELECT n.id, n.measure_id, n.unit, n.role, "
	    "n.due, n.stage, n.step, n.current FROM notice n JOIN message_notice "
	    "mn ON mn.notice_id = n.id WHERE mn.message_id = ?1 "
	    "ORDER BY n.due, n.measure_id, n.stage, n.step", id, out, n, err);
}

void
outbox_pending_free(struct pending *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].unit);
	free(p);
}

int
outbox_add_message(struct store *s, const struct message *m, const char *state,
    const int64_t *ids, size_t n, time_t now, int64_t *id, struct error *err)
{
	size_t i;
	int rc;

	rc = sql_run(s, err, "INSERT INTO message (recipient, channel, "
	    "address, ext_id, title, state, created_at, next_at, part, parts) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9)", "ssssssIii",
	    m->recipient, channel_name(m->channel), m->address, m->ext_id,
	    m->title != NULL ? m->title : "", state, (int64_t)now,
	    m->parts > 1 ? m->part : 1, m->parts > 1 ? m->parts : 1);
	if (rc != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = sql_run(s, err, "INSERT INTO message_body (message_id, "
	    "payload) VALUES (?1, ?2)", "Is", *id, m->payload != NULL ?
	    m->payload : "")) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		rc = sql_run(s, err, "INSERT OR IGNORE INTO message_notice "
		    "(message_id, notice_id) VALUES (?1, ?2)", "II", *id, ids[i]);
		if (rc == 0)
			rc = sql_run(s, err, "UPDATE notice SET state = 'queued' "
			    "WHERE id = ?1", "I", ids[i]);
	}
	return rc;
}

int
outbox_message(struct store *s, int64_t id, struct message **out,
    struct error *err)
{
	struct message *m;
	sqlite3_stmt *st;
	bool row;
	int rc;

	*out = NULL;
	if ((rc = sql_prepare(s, &st, err, "SELECT recipient, channel, "
	    "address, ext_id, title, attempts, created_at, part, parts FROM "
	    "message WHERE id = ?1", "I", id)) != 0)
		return rc;
	if ((rc = sql_next(s, st, &row, err)) == 0 && row) {
		m = xcalloc(1, sizeof(*m));
		m->id = id;
		m->recipient = xstrdup(col_text(st, 0));
		m->address = xstrdup(col_text(st, 2));
		m->ext_id = xstrdup(col_text(st, 3));
		m->title = xstrdup(col_text(st, 4));
		m->attempts = sqlite3_column_int(st, 5);
		m->created_at = (time_t)sqlite3_column_int64(st, 6);
		m->part = sqlite3_column_int(st, 7);
		m->parts = sqlite3_column_int(st, 8);
		*out = m;
		if (!channel_from_name(col_text(st, 1), &m->channel))
			rc = error_set(err, EXIT_DATAERR, "%s: message %lld has an "
			    "unknown channel", s->path, (long long)id);
	}
	sql_done(s, st);
	if (rc != 0) {
		outbox_messages_free(*out, *out != NULL ? 1 : 0);
		*out = NULL;
	}
	return rc;
}

/* Oldest first: by when each is due, then as made. */
static int
by_due(const void *a, const void *b)
{
	const struct message *x = a, *y = b;

	if (x->next_at != y->next_at)
		return x->next_at < y->next_at ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

int
outbox_due(struct store *s, time_t now, const size_t *room,
    struct message **out, size_t *n, struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row;
	int rc = 0;

	*out = NULL;
	*n = 0;
	/* A query a channel (the index message_channel_queue): one that
	 * takes them all in order would bring those of a channel without
	 * room first, as many as there are. */
	for (int k = 0; k < CHAN_KINDS && rc == 0; k++) {
		if (room[k] == 0)
			continue;
		rc = sql_prepare(s, &st, err, "SELECT m.id, m.recipient, "
		    "m.address, m.ext_id, m.title, b.payload, m.attempts, "
		    "m.created_at, m.next_at FROM message m JOIN message_body b "
		    "ON b.message_id = m.id WHERE m.state = 'queued' AND "
		    "m.channel = ?3 AND m.next_at <= ?1 ORDER BY m.next_at, m.id "
		    "LIMIT ?2", "IIs", (int64_t)now, (int64_t)room[k],
		    channel_name((enum channel_kind)k));
		row = rc == 0;
		while (row && (rc = sql_next(s, st, &row, err)) == 0 && row) {
			struct message *m;

			*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
			m = &(*out)[(*n)++];
			memset(m, 0, sizeof(*m));
			m->id = sqlite3_column_int64(st, 0);
			m->channel = (enum channel_kind)k;
			m->recipient = xstrdup(col_text(st, 1));
			m->address = xstrdup(col_text(st, 2));
			m->ext_id = xstrdup(col_text(st, 3));
			m->title = xstrdup(col_text(st, 4));
			m->len = (size_t)sqlite3_column_bytes(st, 5);
			m->payload = xstrndup(col_text(st, 5), m->len);
			m->attempts = sqlite3_column_int(st, 6);
			m->created_at = (time_t)sqlite3_column_int64(st, 7);
			m->next_at = (time_t)sqlite3_column_int64(st, 8);
		}
		sql_done(s, st);
	}
	if (rc != 0) {
		outbox_messages_free(*out, *n);
		*out = NULL;
		*n = 0;
	} else if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_due);
	return rc;
}

void
outbox_messages_free(struct message *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].recipient);
		free(m[i].address);
		free(m[i].ext_id);
		free(m[i].title);
		free(m[i].payload);
	}
	free(m);
}

int
outbox_sending(struct store *s, int64_t id, struct error *err)
{
	return sql_run(s, err, "UPDATE message SET state = 'sending', "
	    "attempts = attempts + 1 WHERE id = ?1", "I", id);
}

int
outbox_defer(struct store *s, int64_t id, time_t when, struct error *err)
{
	return sql_run(s, err, "UPDATE message SET state = 'queued', "
	    "attempts = max(attempts - 1, 0), next_at = ?2 WHERE id = ?1", "II",
	    id, (int64_t)when);
}

int
outbox_hold(struct store *s, time_t from, time_t until, size_t *n,
    struct error *err)
{
	int64_t v;
	bool found;
	int rc;

	/* Looked for first: the daemon asks before every send, and an
	 * UPDATE would take the write lock even when it changes nothing. */
	*n = 0;
	if ((rc = sql_int(s, err, &v, &found, "SELECT EXISTS (SELECT 1 FROM "
	    "message WHERE state = 'queued' AND next_at >= ?1 AND "
	    "next_at < ?2)", "II", (int64_t)from, (int64_t)until)) != 0 ||
	    v == 0)
		return rc;
	rc = sql_run(s, err, "UPDATE message SET next_at = ?2 WHERE "
	    "state = 'queued' AND next_at >= ?1 AND next_at < ?2", "II",
	    (int64_t)from, (int64_t)until);
	*n = rc == 0 ? (size_t)sqlite3_changes(s->db) : 0;
	return rc;
}

int
outbox_backoff(int attempts, double jitter)
{
	int delay = BACKOFF_FIRST;

	while (--attempts > 0 && delay < BACKOFF_CAP)
		delay *= 2;
	if (delay > BACKOFF_CAP)
		delay = BACKOFF_CAP;
	/* Up to a fifth more, so that messages failing together do not
	 * come back together. */
	return delay + (int)(delay * 0.2 * jitter);
}

int
outbox_result(struct store *s, int64_t id, const struct outcome *o, time_t now,
    bool *gave_up, struct error *err)
{
	int64_t attempts, since;
	bool found;
	time_t next;
	int rc, delay;

	*gave_up = false;
	if (o->kind == OUTCOME_SENT)
		return sql_run(s, err, "UPDATE message SET state = 'sent', "
		    "sent_at = ?2, last_error = NULL, first_tried_at = "
		    "coalesce(first_tried_at, ?2), tried_at = ?2 WHERE id = ?1",
		    "II", id, (int64_t)now);
	/* Nothing went out: the message waits its turn, the attempt that
	 * outbox_sending counted did not happen, and no back-off grows. */
	if (o->kind == OUTCOME_DEFERRED)
		return sql_run(s, err, "UPDATE message SET state = 'queued', "
		    "next_at = ?2, attempts = max(attempts - 1, 0) WHERE id = ?1",
		    "II", id, (int64_t)(now + (o->retry_after > 0 ?
		    o->retry_after : 1)));
	/* The 24 hours run from when it was made, or queued again by
	 * hand (deadlinectl retry). */
	if ((rc = sql_int(s, err, &attempts, &found, "SELECT attempts FROM "
	    "message WHERE id = ?1", "I", id)) != 0 ||
	    (rc = sql_int(s, err, &since, &found, "SELECT max(created_at, "
	    "coalesce(requeued_at, 0)) FROM message WHERE id = ?1", "I",
	    id)) != 0)
		return rc;
	delay = o->retry_after > 0 ? o->retry_after :
	    outbox_backoff((int)attempts, (double)arc4random_uniform(1000) / 1000.0);
	next = now + delay;
	if (o->kind == OUTCOME_FAILED || next - (time_t)since > GIVE_UP_AFTER) {
		*gave_up = true;
		return sql_run(s, err, "UPDATE message SET state = 'failed', "
		    "last_error = ?2, first_tried_at = coalesce(first_tried_at, "
		    "?3), tried_at = ?3 WHERE id = ?1", "IsI", id, o->error,
		    (int64_t)now);
	}
	return sql_run(s, err, "UPDATE message SET state = 'queued', "
	    "next_at = ?2, last_error = ?3, first_tried_at = "
	    "coalesce(first_tried_at, ?4), tried_at = ?4 WHERE id = ?1", "IIsI",
	    id, (int64_t)next, o->error, (int64_t)now);
}

int
outbox_record(struct store *s, int64_t id, struct message_record *r,
    bool *found, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = sql_prepare(s, &st, err, "SELECT recipient, channel, address, "
	    "state, attempts, last_error, created_at, coalesce(first_tried_at, "
	    "0), coalesce(tried_at, 0), coalesce(requeued_at, 0) FROM message "
	    "WHERE id = ?1", "I", id)) != 0)
		return rc;
	if ((rc = sql_next(s, st, found, err)) == 0 && *found) {
		r->id = id;
		r->recipient = xstrdup(col_text(st, 0));
		r->address = xstrdup(col_text(st, 2));
		snprintf(r->state, sizeof(r->state), "%s", col_text(st, 3));
		r->attempts = sqlite3_column_int(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			r->last_error = xstrdup(col_text(st, 5));
		r->created_at = (time_t)sqlite3_column_int64(st, 6);
		r->first_tried = (time_t)sqlite3_column_int64(st, 7);
		r->last_tried = (time_t)sqlite3_column_int64(st, 8);
		r->requeued_at = (time_t)sqlite3_column_int64(st, 9);
		if (!channel_from_name(col_text(st, 1), &r->channel))
			rc = error_set(err, EXIT_DATAERR, "%s: message %lld has an "
			    "unknown channel", s->path, (long long)id);
	}
	sql_done(s, st);
	if (rc != 0)
		outbox_record_free(r);
	return rc;
}

void
outbox_record_free(struct message_record *r)
{
	free(r->recipient);
	free(r->address);
	free(r->last_error);
	memset(r, 0, sizeof(*r));
}

int
outbox_payload(struct store *s, int64_t id, char **payload, struct error *err)
{
	sqlite3_stmt *st;
	bool row;
	int rc;

	*payload = NULL;
	if ((rc = sql_prepare(s, &st, err, "SELECT payload FROM message_body "
	    "WHERE message_id = ?1", "I", id)) == 0 &&
	    (rc = sql_next(s, st, &row, err)) == 0)
		*payload = row ? xstrndup(col_text(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0)) : xstrdup("");
	sql_done(s, st);
	return rc;
}

int
outbox_failed_ids(struct store *s, const char *recipient, int64_t **ids,
    size_t *n, struct error *err)
{
	return sql_ids(s, err, ids, n, "SELECT id FROM message WHERE "
	    "state = 'failed' AND (?1 IS NULL OR recipient = ?1) ORDER BY id",
	    "s", recipient);
}

int
outbox_covered(struct store *s, int64_t id, char ***addresses, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	*addresses = NULL;
	*n = 0;
	rc = sql_prepare(s, &st, err, "SELECT DISTINCT o.address FROM message m "
	    "JOIN message_notice a ON a.message_id = m.id "
	    "JOIN message_notice b ON b.notice_id = a.notice_id "
	    "JOIN message o ON o.id = b.message_id WHERE m.id = ?1 AND "
	    "o.id <> m.id AND o.recipient = m.recipient AND "
	    "o.channel = m.channel AND o.state IN ('queued', 'sending', 'sent') "
	    "ORDER BY o.address", "I", id);
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		*addresses = xgrow(*addresses, &cap, *n + 1, sizeof(**addresses));
		(*addresses)[(*n)++] = xstrdup(col_text(st, 0));
	}
	sql_done(s, st);
	if (rc != 0) {
		for (size_t i = 0; i < *n; i++)
			free((*addresses)[i]);
		free(*addresses);
		*addresses = NULL;
		*n = 0;
	}
	return rc;
}

int
outbox_requeue(struct store *s, int64_t id, const char *address,
    const char *payload, const char *note, time_t now, struct error *err)
{
	int rc;

	if ((rc = sql_run(s, err, "UPDATE message SET state = 'queued', "
	    "next_at = ?2, requeued_at = ?2, address = ?3, last_error = ?4 "
	    "WHERE id = ?1 AND state = 'failed'", "IIss", id, (int64_t)now,
	    address, note)) != 0)
		return rc;
	if (sqlite3_changes(s->db) == 0)
		return error_set(err, EXIT_DATAERR, "message %lld is not failed "
		    "(any more)", (long long)id);
	if (payload != NULL)
		rc = sql_run(s, err, "UPDATE message_body SET payload = ?2 "
		    "WHERE message_id = ?1", "Is", id, payload);
	return rc;
}

int
outbox_recover(struct store *s, size_t *n, struct error *err)
{
	int rc = sql_run(s, err, "UPDATE message SET state = 'queued' "
	    "WHERE state = 'sending'", "");

	*n = rc == 0 ? (size_t)sqlite3_changes(s->db) : 0;
	return rc;
}

int
outbox_next(struct store *s, time_t after, time_t *t, struct error *err)
{
	int64_t v;
	bool found;
	int rc = sql_int(s, err, &v, &found, "SELECT coalesce(min(next_at), 0) "
	    "FROM message WHERE state = 'queued' AND next_at > ?1", "I",
	    (int64_t)after);

	*t = (time_t)v;
	return rc;
}

int
outbox_counts(struct store *s, size_t counts[5], struct error *err)
{
	static const char *const states[5] = {
		"queued", "sending", "sent", "failed", "skipped"
	};
	int64_t v;
	bool found;
	int rc = 0;

	for (size_t i = 0; i < 5 && rc == 0; i++) {
		rc = sql_int(s, err, &v, &found, "SELECT value FROM counter "
		    "WHERE name = 'messages' AND l1 = ?1 AND l2 = ''", "s",
		    states[i]);
		counts[i] = found && v > 0 ? (size_t)v : 0;
	}
	return rc;
}

/* ", \"key\": " and column i, an epoch time or null. */
static void
put_time(struct buf *b, const char *key, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		buf_printf(b, ", \"%s\": null", key);
	else
		buf_printf(b, ", \"%s\": %lld", key,
		    (long long)sqlite3_column_int64(st, i));
}

int
outbox_list(struct store *s, const struct outbox_filter *f, bool json,
    struct buf *b, struct error *err)
{
	sqlite3_stmt *st;
	bool row = true;
	size_t count = 0;
	int rc;

	/* One row per message, with its notices' stages and measures. */
	rc = sql_prepare(s, &st, err, "SELECT m.id, m.recipient, m.channel, "
	    "m.address, m.state, m.attempts, m.next_at, m.sent_at, "
	    "coalesce(m.last_error, ''), (SELECT group_concat(DISTINCT n.stage) "
	    "FROM message_notice mn JOIN notice n ON n.id = mn.notice_id WHERE "
	    "mn.message_id = m.id), (SELECT group_concat(DISTINCT n.measure_id) "
	    "FROM message_notice mn JOIN notice n ON n.id = mn.notice_id WHERE "
	    "mn.message_id = m.id), m.first_tried_at, m.tried_at, "
	    "m.requeued_at FROM message m WHERE (?1 IS NULL OR "
	    "m.state = ?1) AND (?1 IS NOT NULL OR ?4 OR m.state <> 'skipped') "
	    "AND (?2 IS NULL OR m.recipient = ?2) AND m.created_at >= ?3 "
	    "ORDER BY m.id", "ssII", f->state, f->unit, (int64_t)f->since,
	    (int64_t)f->all);
	if (json)
		buf_puts(b, "[");
	else
		buf_puts(b, "ID\tUNIT\tCHANNEL\tADDRESS\tSTAGE\tSTATE\tATTEMPTS\t"
		    "NEXT ATTEMPT\tLAST ERROR\tMEASURES\n");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		/* Robots' tokens are passwords: never shown. */
		char *where = redact_url(col_text(st, 3));
		const char *state = col_text(st, 4);
		char next[32] = "-";

		if (json) {
			buf_printf(b, "%s\n {\"id\": %lld, \"unit\": ", count > 0 ?
			    "," : "", (long long)sqlite3_column_int64(st, 0));
			json_put_str(b, col_text(st, 1));
			buf_puts(b, ", \"channel\": ");
			json_put_str(b, col_text(st, 2));
			buf_puts(b, ", \"address\": ");
			json_put_str(b, where);
			buf_puts(b, ", \"stage\": ");
			json_put_str(b, col_text(st, 9));
			buf_printf(b, ", \"state\": \"%s\", \"attempts\": %d, "
			    "\"next_at\": %lld, \"sent_at\": %s, \"last_error\": ",
			    state, sqlite3_column_int(st, 5),
			    (long long)sqlite3_column_int64(st, 6),
			    sqlite3_column_type(st, 7) == SQLITE_NULL ? "null" :
			    col_text(st, 7));
			json_put_str(b, *col_text(st, 8) != '\0' ? col_text(st, 8) : NULL);
			put_time(b, "first_tried_at", st, 11);
			put_time(b, "tried_at", st, 12);
			put_time(b, "requeued_at", st, 13);
			buf_printf(b, ", \"measure_ids\": [%s]}", col_text(st, 10));
		} else {
			/* Only a message that waits has a next attempt. */
			if (strcmp(state, "queued") == 0 || strcmp(state, "sending") == 0)
				clock_format((time_t)sqlite3_column_int64(st, 6),
				    next, sizeof(next));
			buf_printf(b, "%lld\t%s\t%s\t%s\t%s\t%s\t%d\t%.16s\t%s\t%s\n",
			    (long long)sqlite3_column_int64(st, 0), col_text(st, 1),
			    col_text(st, 2), where, col_text(st, 9), state,
			    sqlite3_column_int(st, 5), next,
			    *col_text(st, 8) != '\0' ? col_text(st, 8) : "-",
			    col_text(st, 10));
		}
		free(where);
		count++;
	}
	sql_done(s, st);
	if (json)
		buf_puts(b, count > 0 ? "\n]\n" : "]\n");
	return rc;
}

int
outbox_metrics(struct store *s, time_t now, struct buf *b, struct error *err)
{
	struct buf failed = BUF_INIT;
	sqlite3_stmt *st;
	int64_t oldest;
	bool row = true, found;
	int rc;

	buf_puts(b, "# HELP deadlined_notices Notices by stage and state "
	    "(pending: no message yet; queued: in a message, whatever "
	    "became of it: see deadlined_messages).\n# TYPE "
	    "deadlined_notices gauge\n");
	/* The counters the schema's triggers keep (store/open.c, 5): a
	 * scrape reads a few rows, whatever the outbox holds. */
	rc = sql_prepare(s, &st, err, "SELECT l1, l2, value FROM counter "
	    "WHERE name = 'notices' ORDER BY l1, l2", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row)
		buf_printf(b, "deadlined_notices{stage=\"%s\",state=\"%s\"} %lld\n",
		    col_text(st, 0), col_text(st, 1),
		    (long long)sqlite3_column_int64(st, 2));
	sql_done(s, st);
	if (rc != 0)
		return rc;
	/* Each family's HELP and TYPE directly before its own samples (the
	 * exposition format): the failures are gathered while the attempts
	 * are written. */
	buf_puts(b, "# HELP deadlined_delivery_attempts_total Delivery attempts "
	    "by channel.\n# TYPE deadlined_delivery_attempts_total counter\n");
	buf_puts(&failed, "# HELP deadlined_delivery_failures_total Deliveries "
	    "failed for good by channel.\n# TYPE "
	    "deadlined_delivery_failures_total counter\n");
	row = true;
	rc = sql_prepare(s, &st, err, "SELECT a.l1, a.value, "
	    "coalesce(f.value, 0) FROM counter a LEFT JOIN counter f ON "
	    "f.name = 'failures' AND f.l1 = a.l1 AND f.l2 = '' WHERE "
	    "a.name = 'attempts' ORDER BY a.l1", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		buf_printf(b, "deadlined_delivery_attempts_total{channel=\"%s\"} "
		    "%lld\n", col_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
		buf_printf(&failed, "deadlined_delivery_failures_total{channel="
		    "\"%s\"} %lld\n", col_text(st, 0),
		    (long long)sqlite3_column_int64(st, 2));
	}
	buf_add(b, buf_str(&failed), failed.len);
	buf_free(&failed);
	sql_done(s, st);
	if (rc != 0 || (rc = sql_int(s, err, &oldest, &found, "SELECT "
	    "coalesce(min(created_at), 0) FROM message WHERE state IN "
	    "('queued', 'sending')", "")) != 0)
		return rc;
	buf_printf(b, "# HELP deadlined_oldest_queued_seconds Age of the oldest "
	    "delivery not yet done.\n# TYPE deadlined_oldest_queued_seconds "
	    "gauge\ndeadlined_oldest_queued_seconds %lld\n",
	    oldest > 0 && now > oldest ? (long long)(now - oldest) : 0LL);
	return 0;
}
