/* test_outbox: the durable outbox against a real SQLite file in a fresh
 * temporary directory, with a small imported plan for the notices to
 * point at: the notice key that guards against duplicates, constraint
 * errors that must not be swallowed, pending notices and their order,
 * messages and the queue, the send state machine with its back-off and
 * 24-hour give-up, holding what falls in closed hours, the part of a
 * split digest, crash recovery, counts and the listing, ack tokens
 * stored only as hashes, and transactions.  A second sqlite3 connection
 * looks at the file behind the outbox's back where a test needs to. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/digest.h"
#include "store/notice_keys.h"
#include "store/outbox.h"
#include "plan/plan.h"
#include "store/store.h"
#include "store_fixture.h"
#include "store/tokens.h"

#define PYTHON "/usr/bin/python3"

/* ---- helpers ------------------------------------------------------------ */

/* The day number of an ISO date, which must be valid. */
static int
day(const char *iso)
{
	int d;

	assert_true(date_parse(iso, &d));
	return d;
}

/* Call outbox_add_notice for one notice (err may be NULL). */
static int
add_notice(struct fx *fx, int64_t measure, const char *unit, enum role role,
    const char *due, enum stage stage, int step, bool current, bool *added,
    struct error *err)
{
	struct error local = { 0, "" };
	struct sched_notice sn;
	struct notice_new nn;

	memset(&sn, 0, sizeof(sn));
	sn.due = day(due);
	sn.stage = stage;
	sn.step = step;
	sn.trigger = T0 - 3600;
	sn.current = current;
	nn.measure_id = measure;
	nn.unit = unit;
	nn.role = role;
	nn.n = &sn;
	return outbox_add_notice(fx->s, &nn, T0, added, err != NULL ? err : &local);
}

/* Add a notice, which must succeed; returns *added. */
static bool
add_ok(struct fx *fx, int64_t measure, const char *unit, enum role role,
    const char *due, enum stage stage, int step, bool current)
{
	struct error err = { 0, "" };
	bool added = false;

	if (add_notice(fx, measure, unit, role, due, stage, step, current,
	    &added, &err) != 0)
		fail_msg("outbox_add_notice: %s", err.msg);
	return added;
}

/* The pending notices, which must load. */
static struct pending *
pending_ok(struct fx *fx, size_t *n)
{
	struct error err = { 0, "" };
	struct pending *p = NULL;

	if (outbox_pending(fx->s, &p, n, &err) != 0)
		fail_msg("outbox_pending: %s", err.msg);
	return p;
}

/* The ids of every pending notice into ids (at most max); the count. */
static size_t
pending_ids(struct fx *fx, int64_t *ids, size_t max)
{
	struct pending *p;
	size_t n, i;

	p = pending_ok(fx, &n);
	assert_true(n <= max);
	for (i = 0; i < n; i++)
		ids[i] = p[i].id;
	outbox_pending_free(p, n);
	return n;
}

/* Store a message (state "queued" or "skipped") made at now, which must
 * succeed; returns its id. */
static int64_t
add_msg(struct fx *fx, const char *recipient, enum channel_kind ch,
    const char *state, const int64_t *ids, size_t n, time_t now)
{
	struct error err = { 0, "" };
	struct message m;
	char ext[64];
	int64_t id = 0;

	memset(&m, 0, sizeof(m));
	snprintf(ext, sizeof(ext), "<%d.test@deadlined>", ++fx->next_ext);
	m.recipient = (char *)recipient;
	m.channel = ch;
	m.address = ch == CHAN_EMAIL ? "office@example.org" :
	    "https://hooks.example.org/deadlined";
	m.ext_id = ext;
	m.title = "提醒";
	m.payload = "body";
	m.len = 4;
	if (outbox_add_message(fx->s, &m, state, ids, n, now, &id, &err) != 0)
		fail_msg("outbox_add_message: %s", err.msg);
	assert_true(id > 0);
	return id;
}

/* The messages due at now, which must load. */
static struct message *
due_ok(struct fx *fx, time_t now, size_t *n)
{
	struct error err = { 0, "" };
	struct message *m = NULL;

	if (outbox_due(fx->s, now, all_rooms(1000), &m, n, &err) != 0)
		fail_msg("outbox_due: %s", err.msg);
	return m;
}

/* How many messages are due at now. */
static size_t
due_count(struct fx *fx, time_t now)
{
	struct message *m;
	size_t n;

	m = due_ok(fx, now, &n);
	outbox_messages_free(m, n);
	return n;
}

/* Mark message id sending, which must succeed. */
static void
sending_ok(struct fx *fx, int64_t id)
{
	struct error err = { 0, "" };

	if (outbox_sending(fx->s, id, &err) != 0)
		fail_msg("outbox_sending: %s", err.msg);
}

/* Record an outcome for id at now, which must succeed and set *gave_up
 * to want (it starts out the other way). */
static void
result_ok(struct fx *fx, int64_t id, enum outcome_kind kind, int retry_after,
    const char *error, time_t now, bool want)
{
	struct error err = { 0, "" };
	struct outcome o;
	bool gave_up = !want;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	o.retry_after = retry_after;
	snprintf(o.error, sizeof(o.error), "%s", error);
	if (outbox_result(fx->s, id, &o, now, &gave_up, &err) != 0)
		fail_msg("outbox_result: %s", err.msg);
	assert_int_equal(gave_up, want);
}

/* The five state counters, which must load. */
static void
counts_ok(struct fx *fx, size_t c[5])
{
	struct error err = { 0, "" };

	memset(c, 0xff, 5 * sizeof(c[0]));
	if (outbox_counts(fx->s, c, &err) != 0)
		fail_msg("outbox_counts: %s", err.msg);
}

/* Expect the counters queued, sending, sent, failed, skipped. */
static void
expect_counts(struct fx *fx, size_t q, size_t sg, size_t st, size_t f,
    size_t sk)
{
	size_t c[5];

	counts_ok(fx, c);
	assert_int_equal(c[0], q);
	assert_int_equal(c[1], sg);
	assert_int_equal(c[2], st);
	assert_int_equal(c[3], f);
	assert_int_equal(c[4], sk);
}

/* outbox_next after `after`, which must succeed. */
static time_t
next_after_ok(struct fx *fx, time_t after)
{
	struct error err = { 0, "" };
	time_t t = -1;

	if (outbox_next(fx->s, after, &t, &err) != 0)
		fail_msg("outbox_next: %s", err.msg);
	return t;
}

/* outbox_next of all queued messages. */
static time_t
next_ok(struct fx *fx)
{
	return next_after_ok(fx, 0);
}

/* A second, read-only connection to the fixture's file. */
static sqlite3 *
peek_open(struct fx *fx)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("sqlite3_open_v2: %s", sqlite3_errmsg(db));
	return db;
}

/* Column 0 of the one row of "sql" with ?1 = id, as text into out ("NULL"
 * for NULL), through a second connection. */
static void
peek_text(struct fx *fx, const char *sql, int64_t id, char *out, size_t size)
{
	sqlite3 *db = peek_open(fx);
	sqlite3_stmt *st = NULL;
	const unsigned char *t;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	snprintf(out, size, "%s", t != NULL ? (const char *)t : "NULL");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Column 0 of the one row of "sql" with ?1 = id, as an integer. */
static int64_t
peek_int(struct fx *fx, const char *sql, int64_t id)
{
	char text[64], *end;
	long long v;

	peek_text(fx, sql, id, text, sizeof(text));
	v = strtoll(text, &end, 10);
	assert_true(end != text && *end == '\0');
	return v;
}

/* A message's state, through the second connection. */
static const char *
state_of(struct fx *fx, int64_t id)
{
	static char state[32];

	peek_text(fx, "SELECT state FROM message WHERE id = ?1", id, state,
	    sizeof(state));
	return state;
}

/* A message's next_at. */
static time_t
next_at_of(struct fx *fx, int64_t id)
{
	return (time_t)peek_int(fx, "SELECT next_at FROM message WHERE id = ?1", id);
}

/* A queued message made at now for one fresh notice; returns its id. */
static int64_t
queued_msg(struct fx *fx, time_t now)
{
	static int step = 100;
	int64_t nid;

	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_OVERDUE, step++, true));
	nid = peek_int(fx, "SELECT max(id) FROM notice WHERE ?1", 1);
	return add_msg(fx, U_PROT, CHAN_EMAIL, "queued", &nid, 1, now);
}

/* ---- notices ------------------------------------------------------------ */

/* Add a notice, send it in a message of its own at `sent` (queued
 * only when sent is 0); the message's id. */
static int64_t
notify(struct fx *fx, int64_t measure, const char *unit, enum stage stage,
    int step, time_t sent)
{
	int64_t nid, mid;

	assert_true(add_ok(fx, measure, unit, ROLE_LEAD, "2021-06-30", stage,
	    step, true));
	nid = peek_int(fx, "SELECT max(id) FROM notice WHERE ?1", 1);
	mid = add_msg(fx, unit, CHAN_EMAIL, "queued", &nid, 1, T0);
	if (sent != 0) {
		sending_ok(fx, mid);
		result_ok(fx, mid, OUTCOME_SENT, 0, "", sent, false);
	}
	return mid;
}

/* The candidates for escalation: items whose lead, due or overdue notice
 * was sent, with the earliest sending, until they have an escalation. */
static void
test_silent(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct silent *v = NULL;
	size_t n = 0;

	(void)notify(fx, fx->m1, U_PROT, STAGE_LEAD, 7, T0 + 10);
	(void)notify(fx, fx->m1, U_PROT, STAGE_LEAD, 1, T0 + DAY);
	(void)notify(fx, fx->m1, U_LAW, STAGE_LEAD, 7, 0);	/* not sent */
	(void)notify(fx, fx->m2, U_PROT, STAGE_CHECKIN, 7, T0);	/* no ack asked */
	(void)notify(fx, fx->m2, U_OFFICE, STAGE_OVERDUE, 1, T0 + 20);
	if (outbox_silent(fx->s, &v, &n, &err) != 0)
		fail_msg("outbox_silent: %s", err.msg);
	assert_int_equal(n, 2);
	assert_true(v[0].measure_id == fx->m1 && v[1].measure_id == fx->m2);
	assert_string_equal(v[0].unit, U_PROT);
	assert_int_equal(v[0].first_sent, T0 + 10);
	assert_int_equal(v[0].role, ROLE_LEAD);
	assert_int_equal(v[0].due, day("2021-06-30"));
	assert_string_equal(v[1].unit, U_OFFICE);
	assert_int_equal(v[1].first_sent, T0 + 20);
	outbox_silent_free(v, n);

	/* Escalated once: no longer a candidate. */
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_ESCALATION, 0, true));
	if (outbox_silent(fx->s, &v, &n, &err) != 0)
		fail_msg("outbox_silent: %s", err.msg);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].unit, U_OFFICE);
	outbox_silent_free(v, n);
}

/* A new notice is added once: the unique key (measure, unit, due, stage,
 * step) makes a repeat a no-op, and any part of it differing makes a new
 * one. */
static void
test_add_notice_unique_key(void **state)
{
	struct fx *fx = *state;
	struct pending *p;
	size_t n;

	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_false(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	/* The key ignores role and current: still the same notice. */
	assert_false(add_ok(fx, fx->m1, U_PROT, ROLE_SUPPORT, "2021-06-30",
	    STAGE_LEAD, 7, false));
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 1, true));
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_DUE, 7, true));
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-07-31",
	    STAGE_LEAD, 7, true));
	assert_true(add_ok(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_true(add_ok(fx, fx->m2, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	/* A repeat after other inserts still reports false. */
	assert_false(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_DUE, 7, true));

	p = pending_ok(fx, &n);
	assert_int_equal(n, 6);
	outbox_pending_free(p, n);
	/* The first insert kept its own role and current flag. */
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM notice WHERE "
	    "role = 'lead' AND current = 1 AND stage = 'lead' AND step = 7 "
	    "AND due = '2021-06-30' AND measure_id = ?1 AND unit = '" U_PROT "'",
	    fx->m1), 1);
}

/* Constraint violations other than the unique key are errors, not
 * silently ignored: a NULL unit (NOT NULL), an unknown measure (foreign
 * key) and, through outbox_add_message, a state outside the CHECK list.
 * (A role or stage out of range cannot reach the CHECK: role_name maps
 * unknown roles to "responsible", and stage_name does not check.) */
static void
test_add_notice_errors(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct message m;
	bool added = true;
	int64_t ids[1], id = 0;

	assert_int_not_equal(add_notice(fx, fx->m1, NULL, ROLE_LEAD,
	    "2021-06-30", STAGE_LEAD, 7, true, &added, &err), 0);
	assert_false(added);
	assert_int_not_equal(err.code, 0);
	assert_non_null(strstr(err.msg, "NOT NULL"));

	added = true;
	memset(&err, 0, sizeof(err));
	assert_int_not_equal(add_notice(fx, fx->m2 + 1000, U_PROT, ROLE_LEAD,
	    "2021-06-30", STAGE_LEAD, 7, true, &added, &err), 0);
	assert_false(added);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	assert_int_equal(pending_ids(fx, ids, 1), 0);

	/* The connection is still usable, and a bad message state fails
	 * the CHECK, leaving the notice pending. */
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_int_equal(pending_ids(fx, ids, 1), 1);
	memset(&m, 0, sizeof(m));
	m.recipient = U_PROT;
	m.channel = CHAN_EMAIL;
	m.address = "a@example.org";
	m.ext_id = "<bad@deadlined>";
	m.payload = "x";
	m.len = 1;
	memset(&err, 0, sizeof(err));
	assert_int_not_equal(outbox_add_message(fx->s, &m, "bogus", ids, 1, T0,
	    &id, &err), 0);
	assert_non_null(strstr(err.msg, "CHECK"));
	assert_int_equal(pending_ids(fx, ids, 1), 1);
	expect_counts(fx, 0, 0, 0, 0, 0);
}

/* Pending notices come by unit, due date and measure, with every field
 * as stored. */
static void
test_pending_order_fields(void **state)
{
	static const struct {
		const char *unit;
		const char *due;
		int measure;	/* 1 or 2 */
		enum role role;
		enum stage stage;
		int step;
		bool current;
	} in[] = {
		{ U_LAW, "2021-06-30", 1, ROLE_SUPPORT, STAGE_LEAD, 1, true },
		{ U_PROT, "2021-12-31", 1, ROLE_LEAD, STAGE_OVERDUE, 2, true },
		{ U_PROT, "2021-06-30", 2, ROLE_RESPONSIBLE, STAGE_DUE, 0, false },
		{ U_OFFICE, "2021-06-30", 2, ROLE_RESPONSIBLE, STAGE_CHECKIN, 0, true },
		{ U_PROT, "2021-06-30", 1, ROLE_LEAD, STAGE_LEAD, 7, false },
	};
	/* Byte order: 保护处 (E4) < 办公室 (E5) < 法规处 (E6). */
	static const size_t want[] = { 4, 2, 1, 3, 0 };
	struct fx *fx = *state;
	struct pending *p;
	size_t n, i, k;

	for (i = 0; i < ARRAY_LEN(in); i++)
		assert_true(add_ok(fx, in[i].measure == 1 ? fx->m1 : fx->m2,
		    in[i].unit, in[i].role, in[i].due, in[i].stage, in[i].step,
		    in[i].current));
	p = pending_ok(fx, &n);
	assert_int_equal(n, ARRAY_LEN(in));
	for (i = 0; i < n; i++) {
		k = want[i];
		assert_true(p[i].id > 0);
		assert_string_equal(p[i].unit, in[k].unit);
		assert_int_equal(p[i].measure_id, in[k].measure == 1 ? fx->m1 : fx->m2);
		assert_int_equal(p[i].due, day(in[k].due));
		assert_int_equal(p[i].role, in[k].role);
		assert_int_equal(p[i].stage, in[k].stage);
		assert_int_equal(p[i].step, in[k].step);
		assert_int_equal(p[i].current, in[k].current);
	}
	outbox_pending_free(p, n);
}

/* ---- messages ----------------------------------------------------------- */

/* A queued message takes its notices out of the pending list; a skipped
 * one too, but it is never due. */
static void
test_add_message_queued_skipped(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct pending *p;
	struct message *m;
	int64_t ids[4], q, sk;
	char *recipient = NULL;
	size_t n;

	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, false));
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 1, true));
	assert_true(add_ok(fx, fx->m2, U_PROT, ROLE_RESPONSIBLE, "2021-12-31",
	    STAGE_LEAD, 30, true));
	assert_true(add_ok(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30",
	    STAGE_LEAD, 1, true));
	assert_int_equal(pending_ids(fx, ids, 4), 4);

	/* ids[0..3) are 保护处's (lead 1 before lead 7: stage and step
	 * break ties); ids[3] is 法规处's.  The missed lead 7 is skipped,
	 * the other two of 保护处 queued. */
	p = pending_ok(fx, &n);
	assert_int_equal(p[0].step, 1);
	assert_int_equal(p[1].step, 7);
	assert_int_equal(p[2].step, 30);
	assert_string_equal(p[3].unit, U_LAW);
	outbox_pending_free(p, n);
	sk = add_msg(fx, U_PROT, CHAN_EMAIL, "skipped", &ids[1], 1, T0);
	p = pending_ok(fx, &n);
	assert_int_equal(n, 3);
	assert_int_equal(p[0].id, ids[0]);
	assert_int_equal(p[1].id, ids[2]);
	outbox_pending_free(p, n);
	ids[1] = ids[2];
	q = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", ids, 2, T0);
	p = pending_ok(fx, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].id, ids[3]);
	outbox_pending_free(p, n);
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM notice WHERE "
	    "state = 'queued' AND ?1", 1), 3);
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM message_notice "
	    "WHERE message_id = ?1", q), 2);
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM message_notice "
	    "WHERE message_id = ?1", sk), 1);

	assert_string_equal(state_of(fx, q), "queued");
	assert_string_equal(state_of(fx, sk), "skipped");
	expect_counts(fx, 1, 0, 0, 0, 1);
	m = due_ok(fx, T0 + DAY, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].id, q);
	outbox_messages_free(m, n);

	/* The message's notices come back with its recipient. */
	if (outbox_message_notices(fx->s, q, &recipient, &p, &n, &err) != 0)
		fail_msg("outbox_message_notices: %s", err.msg);
	assert_string_equal(recipient, U_PROT);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].id, ids[0]);
	assert_int_equal(p[0].step, 1);
	assert_int_equal(p[1].id, ids[2]);
	assert_int_equal(p[1].due, day("2021-12-31"));
	outbox_pending_free(p, n);
	free(recipient);
}

/* A notice recorded as missed is skipped only by the clock of the pass
 * that recorded it: added again as current (a later pass, its clock set
 * back), it is pending again, counted as added, and the skipped message
 * keeps it.  Added again as missed, or once current, nothing changes. */
static void
test_skipped_notice_pending_again(void **state)
{
	struct fx *fx = *state;
	int64_t ids[2], sk, q;

	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, false));
	assert_int_equal(pending_ids(fx, ids, 2), 1);
	sk = add_msg(fx, U_PROT, CHAN_EMAIL, "skipped", ids, 1, T0);
	assert_int_equal(pending_ids(fx, ids + 1, 1), 0);

	assert_false(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, false));
	assert_int_equal(pending_ids(fx, ids + 1, 1), 0);
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_int_equal(pending_ids(fx, ids + 1, 1), 1);
	assert_int_equal(ids[1], ids[0]);
	assert_int_equal(peek_int(fx, "SELECT current FROM notice WHERE "
	    "id = ?1", ids[0]), 1);
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM message_notice "
	    "WHERE message_id = ?1", sk), 1);
	assert_int_equal(peek_int(fx, "SELECT value FROM counter WHERE name = "
	    "'notices' AND l1 = 'lead' AND l2 = 'pending' AND ?1", 1), 1);

	q = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", ids, 1, T0);
	assert_string_equal(state_of(fx, q), "queued");
	assert_false(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_int_equal(pending_ids(fx, ids + 1, 1), 0);
	expect_counts(fx, 1, 0, 0, 0, 1);
}

/* outbox_due: only queued messages with next_at <= now, oldest first,
 * every field as stored. */
static void
test_due_round_trip(void **state)
{
	static const char mail[] = "From: deadlined <d@example.org>\r\n"
	    "Subject: =?UTF-8?B?5o+Q6YaS?=\r\n\r\n请按期完成。\r\n";
	static const char json[] = "{\"type\": \"deadline.reminder\", "
	    "\"unit\": \"保护处\"}";
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct message in, *m;
	int64_t a, b, c, d, e;
	size_t n;

	memset(&in, 0, sizeof(in));
	in.recipient = U_PROT;
	in.channel = CHAN_EMAIL;
	in.address = "prot@example.org";
	in.ext_id = "<a.1@deadlined.example.org>";
	in.title = "";
	in.payload = (char *)mail;
	in.len = strlen(mail);
	if (outbox_add_message(fx->s, &in, "queued", NULL, 0, T0, &a, &err) != 0)
		fail_msg("outbox_add_message: %s", err.msg);
	in.recipient = U_OFFICE;
	in.channel = CHAN_GENERIC;
	in.address = "https://hooks.example.org/office?x=1";
	in.ext_id = "msg_2b";
	in.title = "截止提醒";
	in.payload = (char *)json;
	in.len = strlen(json);
	if (outbox_add_message(fx->s, &in, "queued", NULL, 0, T0 + 10, &b,
	    &err) != 0)
		fail_msg("outbox_add_message: %s", err.msg);
	c = add_msg(fx, U_LAW, CHAN_EMAIL, "queued", NULL, 0, T0 + 20);
	d = add_msg(fx, U_LAW, CHAN_EMAIL, "queued", NULL, 0, T0 + 5);
	e = add_msg(fx, U_LAW, CHAN_EMAIL, "skipped", NULL, 0, T0 - 100);

	assert_int_equal(due_count(fx, T0 - 1), 0);
	m = due_ok(fx, T0 + 15, &n);
	assert_int_equal(n, 3);
	assert_int_equal(m[0].id, a);
	assert_int_equal(m[1].id, d);
	assert_int_equal(m[2].id, b);

	assert_string_equal(m[0].recipient, U_PROT);
	assert_int_equal(m[0].channel, CHAN_EMAIL);
	assert_string_equal(m[0].address, "prot@example.org");
	assert_string_equal(m[0].ext_id, "<a.1@deadlined.example.org>");
	assert_string_equal(m[0].title, "");
	assert_int_equal(m[0].len, strlen(mail));
	assert_memory_equal(m[0].payload, mail, strlen(mail) + 1);
	assert_int_equal(m[0].attempts, 0);
	assert_int_equal(m[0].created_at, T0);

	assert_string_equal(m[2].recipient, U_OFFICE);
	assert_int_equal(m[2].channel, CHAN_GENERIC);
	assert_string_equal(m[2].address, "https://hooks.example.org/office?x=1");
	assert_string_equal(m[2].ext_id, "msg_2b");
	assert_string_equal(m[2].title, "截止提醒");
	assert_int_equal(m[2].len, strlen(json));
	assert_string_equal(m[2].payload, json);
	assert_int_equal(m[2].created_at, T0 + 10);
	outbox_messages_free(m, n);

	m = due_ok(fx, T0 + 20, &n);
	assert_int_equal(n, 4);
	assert_int_equal(m[3].id, c);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(m[i].id, e);
	outbox_messages_free(m, n);
}

/* ---- the state machine -------------------------------------------------- */

/* sending counts an attempt and leaves the queue; SENT is final. */
static void
test_sending_then_sent(void **state)
{
	struct fx *fx = *state;
	int64_t id = queued_msg(fx, T0);
	char text[64];

	assert_int_equal(due_count(fx, T0), 1);
	sending_ok(fx, id);
	assert_string_equal(state_of(fx, id), "sending");
	assert_int_equal(peek_int(fx, "SELECT attempts FROM message WHERE "
	    "id = ?1", id), 1);
	assert_int_equal(due_count(fx, T0), 0);
	expect_counts(fx, 0, 1, 0, 0, 0);

	result_ok(fx, id, OUTCOME_SENT, 0, "", T0 + 3, false);
	assert_string_equal(state_of(fx, id), "sent");
	assert_int_equal(peek_int(fx, "SELECT sent_at FROM message WHERE "
	    "id = ?1", id), T0 + 3);
	peek_text(fx, "SELECT last_error FROM message WHERE id = ?1", id, text,
	    sizeof(text));
	assert_string_equal(text, "NULL");
	assert_int_equal(due_count(fx, T0 + 10 * DAY), 0);
	assert_int_equal(next_ok(fx), 0);
	expect_counts(fx, 0, 0, 1, 0, 0);
}

/* RETRY: queued again after 60-72 s on the first attempt (120-144 s on
 * the second), with last_error kept; not due before then. */
static void
test_retry_backoff(void **state)
{
	struct fx *fx = *state;
	char text[300];
	time_t now = T0 + 5, next;
	int64_t id;
	int i;

	/* Several messages, so that the jitter takes several values. */
	for (i = 0; i < 20; i++) {
		id = queued_msg(fx, T0);
		sending_ok(fx, id);
		result_ok(fx, id, OUTCOME_RETRY, 0,
		    "connect: Connection refused", now, false);
		assert_string_equal(state_of(fx, id), "queued");
		next = next_at_of(fx, id);
		assert_true(next >= now + 60 && next <= now + 72);
		peek_text(fx, "SELECT last_error FROM message WHERE id = ?1",
		    id, text, sizeof(text));
		assert_string_equal(text, "connect: Connection refused");
		if (i == 0) {
			assert_int_equal(due_count(fx, now + 59), 0);
			assert_int_equal(due_count(fx, next), 1);
			assert_int_equal(next_ok(fx), next);
		}
	}
	expect_counts(fx, 20, 0, 0, 0, 0);

	/* The second attempt waits twice as long. */
	sending_ok(fx, id);
	result_ok(fx, id, OUTCOME_RETRY, 0, "timeout", now + 100, false);
	next = next_at_of(fx, id);
	assert_true(next >= now + 100 + 120 && next <= now + 100 + 144);
	assert_int_equal(peek_int(fx, "SELECT attempts FROM message WHERE "
	    "id = ?1", id), 2);
}

/* RETRY with the peer's Retry-After waits exactly that long. */
static void
test_retry_after(void **state)
{
	struct fx *fx = *state;
	int64_t id = queued_msg(fx, T0);

	sending_ok(fx, id);
	result_ok(fx, id, OUTCOME_RETRY, 120, "HTTP 429", T0 + 7, false);
	assert_string_equal(state_of(fx, id), "queued");
	assert_int_equal(next_at_of(fx, id), T0 + 7 + 120);
	assert_int_equal(due_count(fx, T0 + 7 + 119), 0);
	assert_int_equal(due_count(fx, T0 + 7 + 120), 1);

	/* Retry-After overrides the back-off on later attempts too. */
	sending_ok(fx, id);
	result_ok(fx, id, OUTCOME_RETRY, 30, "HTTP 503", T0 + 200, false);
	assert_int_equal(next_at_of(fx, id), T0 + 230);
}

/* FAILED gives up at once, even on the first attempt. */
static void
test_failed(void **state)
{
	struct fx *fx = *state;
	int64_t id = queued_msg(fx, T0);
	char text[300];

	sending_ok(fx, id);
	result_ok(fx, id, OUTCOME_FAILED, 0,
	    "550 5.1.1 mailbox unavailable", T0 + 1, true);
	assert_string_equal(state_of(fx, id), "failed");
	peek_text(fx, "SELECT last_error FROM message WHERE id = ?1", id, text,
	    sizeof(text));
	assert_string_equal(text, "550 5.1.1 mailbox unavailable");
	assert_int_equal(due_count(fx, T0 + 10 * DAY), 0);
	assert_int_equal(next_ok(fx), 0);
	expect_counts(fx, 0, 0, 0, 1, 0);
}

/* DEFERRED (a robot's rate limit, nothing sent) queues the message again
 * for exactly retry_after, takes back the attempt, keeps last_error, and
 * never gives up, even past the day that would fail a retry. */
static void
test_deferred(void **state)
{
	struct fx *fx = *state;
	int64_t id = queued_msg(fx, T0);
	char text[300];

	sending_ok(fx, id);
	result_ok(fx, id, OUTCOME_RETRY, 0, "HTTP 503", T0 + 1, false);
	sending_ok(fx, id);
	assert_int_equal(peek_int(fx, "SELECT attempts FROM message WHERE "
	    "id = ?1", id), 2);
	result_ok(fx, id, OUTCOME_DEFERRED, 40, "dingtalk: rate limit",
	    T0 + DAY + 100, false);
	assert_string_equal(state_of(fx, id), "queued");
	assert_int_equal(next_at_of(fx, id), T0 + DAY + 140);
	assert_int_equal(peek_int(fx, "SELECT attempts FROM message WHERE "
	    "id = ?1", id), 1);
	peek_text(fx, "SELECT last_error FROM message WHERE id = ?1", id, text,
	    sizeof(text));
	assert_string_equal(text, "HTTP 503");
	assert_int_equal(due_count(fx, T0 + DAY + 139), 0);
	assert_int_equal(due_count(fx, T0 + DAY + 140), 1);
	expect_counts(fx, 1, 0, 0, 0, 0);
}

/* A retry that would fall more than 24 h after the message was made
 * gives up instead; one landing exactly on 24 h still retries. */
static void
test_retry_gives_up_after_a_day(void **state)
{
	struct fx *fx = *state;
	int64_t a = queued_msg(fx, T0), b = queued_msg(fx, T0);

	sending_ok(fx, a);
	result_ok(fx, a, OUTCOME_RETRY, 100, "HTTP 503",
	    T0 + DAY - 100, false);
	assert_string_equal(state_of(fx, a), "queued");
	assert_int_equal(next_at_of(fx, a), T0 + DAY);
	sending_ok(fx, a);
	result_ok(fx, a, OUTCOME_RETRY, 101, "HTTP 503",
	    T0 + DAY - 100, true);
	assert_string_equal(state_of(fx, a), "failed");

	/* The computed back-off (at least 60 s) passes the day too. */
	sending_ok(fx, b);
	result_ok(fx, b, OUTCOME_RETRY, 0, "timeout", T0 + DAY - 30, true);
	assert_string_equal(state_of(fx, b), "failed");
	expect_counts(fx, 0, 0, 0, 2, 0);
	assert_int_equal(next_ok(fx), 0);
}

/* The back-off doubles from 1 min to a 1 h cap, plus up to a fifth. */
static void
test_backoff(void **state)
{
	static const struct {
		int attempts;
		int zero, max;	/* with jitter 0 and 0.999 */
	} rows[] = {
		{ 1, 60, 71 },
		{ 2, 120, 143 },
		{ 3, 240, 287 },
		{ 4, 480, 575 },
		{ 5, 960, 1151 },
		{ 6, 1920, 2303 },
		{ 7, 3600, 4319 },
		{ 8, 3600, 4319 },
		{ 30, 3600, 4319 },
		{ INT_MAX, 3600, 4319 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		assert_int_equal(outbox_backoff(rows[i].attempts, 0), rows[i].zero);
		assert_int_equal(outbox_backoff(rows[i].attempts, 0.999),
		    rows[i].max);
		assert_true(outbox_backoff(rows[i].attempts, 0.5) >= rows[i].zero);
		assert_true(outbox_backoff(rows[i].attempts, 0.5) <= rows[i].max);
	}
}

/* ---- recovery, next, counts, listing ------------------------------------ */

/* Messages a crash left sending go back to the queue; others stay. */
static void
test_recover(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	int64_t a = queued_msg(fx, T0), b = queued_msg(fx, T0);
	int64_t c = queued_msg(fx, T0), d = queued_msg(fx, T0);
	int64_t e = add_msg(fx, U_LAW, CHAN_GENERIC, "skipped", NULL, 0, T0);
	size_t n = 99;

	sending_ok(fx, a);
	sending_ok(fx, b);
	sending_ok(fx, d);
	result_ok(fx, d, OUTCOME_SENT, 0, "", T0 + 1, false);
	expect_counts(fx, 1, 2, 1, 0, 1);

	if (outbox_recover(fx->s, &n, &err) != 0)
		fail_msg("outbox_recover: %s", err.msg);
	assert_int_equal(n, 2);
	expect_counts(fx, 3, 0, 1, 0, 1);
	assert_string_equal(state_of(fx, a), "queued");
	assert_string_equal(state_of(fx, b), "queued");
	assert_string_equal(state_of(fx, c), "queued");
	assert_string_equal(state_of(fx, d), "sent");
	assert_string_equal(state_of(fx, e), "skipped");
	/* The attempt stays counted. */
	assert_int_equal(peek_int(fx, "SELECT attempts FROM message WHERE "
	    "id = ?1", a), 1);
	assert_int_equal(due_count(fx, T0), 3);

	if (outbox_recover(fx->s, &n, &err) != 0)
		fail_msg("outbox_recover: %s", err.msg);
	assert_int_equal(n, 0);
}

/* outbox_next: the earliest next_at among queued messages, 0 for none;
 * with `after`, the earliest later than that (what waits for a free
 * slot is not a time to wake for). */
static void
test_next(void **state)
{
	struct fx *fx = *state;
	int64_t a, b;

	assert_int_equal(next_ok(fx), 0);
	(void)add_msg(fx, U_LAW, CHAN_EMAIL, "skipped", NULL, 0, T0 - 500);
	assert_int_equal(next_ok(fx), 0);
	a = queued_msg(fx, T0 + 50);
	assert_int_equal(next_ok(fx), T0 + 50);
	b = queued_msg(fx, T0 + 10);
	assert_int_equal(next_ok(fx), T0 + 10);
	assert_int_equal(next_after_ok(fx, T0 + 9), T0 + 10);
	assert_int_equal(next_after_ok(fx, T0 + 10), T0 + 50);
	assert_int_equal(next_after_ok(fx, T0 + 50), 0);
	sending_ok(fx, b);
	assert_int_equal(next_ok(fx), T0 + 50);
	result_ok(fx, b, OUTCOME_SENT, 0, "", T0 + 11, false);
	assert_int_equal(next_ok(fx), T0 + 50);
	sending_ok(fx, a);
	assert_int_equal(next_ok(fx), 0);
}

/* Run python3 on the JSON in file to check its shape; true when it
 * passes.  The listing must be an array of n objects with every key. */
static bool
python_check(const char *file, size_t n)
{
	char cmd[1024];
	int rc;

	snprintf(cmd, sizeof(cmd), PYTHON " -c '"
	    "import json, sys\n"
	    "a = json.load(open(sys.argv[1], encoding=\"utf-8\"))\n"
	    "assert isinstance(a, list) and len(a) == int(sys.argv[2]), a\n"
	    "for m in a:\n"
	    "    for k, t in ((\"id\", int), (\"unit\", str), (\"channel\", str),\n"
	    "            (\"stage\", str), (\"state\", str), (\"attempts\", int),\n"
	    "            (\"measure_ids\", list)):\n"
	    "        assert isinstance(m[k], t), (k, m)\n"
	    "    assert all(isinstance(i, int) for i in m[\"measure_ids\"]), m\n"
	    "' '%s' %zu", file, n);
	rc = system(cmd);
	return rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
}

/* outbox_counts by state, and outbox_list as JSON (every message with
 * its fields) and as text. */
static void
test_counts_and_list(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct buf b = BUF_INIT;
	const struct outbox_filter all = { NULL, NULL, 0, true },
	    plain = { NULL, NULL, 0, false },
	    skipped = { "skipped", NULL, 0, false },
	    office = { NULL, U_OFFICE, 0, true },
	    later = { NULL, NULL, T0 + 86400, true };
	int64_t ids[3], q, st, f, sk, sg;
	char file[400], want[256];
	const char *s;
	size_t n;
	FILE *fp;

	if (outbox_list(fx->s, &all, true, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	assert_string_equal(buf_str(&b), "[]\n");
	buf_free(&b);
	expect_counts(fx, 0, 0, 0, 0, 0);

	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_true(add_ok(fx, fx->m2, U_PROT, ROLE_RESPONSIBLE, "2021-06-30",
	    STAGE_DUE, 0, true));
	assert_true(add_ok(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30",
	    STAGE_LEAD, 7, false));
	assert_int_equal(pending_ids(fx, ids, 3), 3);
	/* pending order: 保护处 m1, 保护处 m2, 法规处 m1. */
	q = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", ids, 2, T0);
	sk = add_msg(fx, U_LAW, CHAN_GENERIC, "skipped", &ids[2], 1, T0);
	st = add_msg(fx, U_OFFICE, CHAN_GENERIC, "queued", NULL, 0, T0);
	f = add_msg(fx, U_OFFICE, CHAN_EMAIL, "queued", NULL, 0, T0);
	sg = add_msg(fx, U_OFFICE, CHAN_EMAIL, "queued", NULL, 0, T0);
	sending_ok(fx, st);
	result_ok(fx, st, OUTCOME_SENT, 0, "", T0 + 2, false);
	sending_ok(fx, f);
	result_ok(fx, f, OUTCOME_FAILED, 0, "HTTP 404 \"gone\"",
	    T0 + 2, true);
	sending_ok(fx, sg);
	expect_counts(fx, 1, 1, 1, 1, 1);

	if (outbox_list(fx->s, &all, true, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	s = buf_str(&b);
	assert_int_equal(s[0], '[');
	snprintf(want, sizeof(want), "{\"id\": %lld, \"unit\": \"" U_PROT "\", "
	    "\"channel\": \"email\"", (long long)q);
	assert_non_null(strstr(s, want));
	snprintf(want, sizeof(want), "\"measure_ids\": [%lld,%lld]",
	    (long long)fx->m1, (long long)fx->m2);
	if (strstr(s, want) == NULL) {
		snprintf(want, sizeof(want), "\"measure_ids\": [%lld,%lld]",
		    (long long)fx->m2, (long long)fx->m1);
		assert_non_null(strstr(s, want));
	}
	snprintf(want, sizeof(want), "{\"id\": %lld, \"unit\": \"" U_LAW "\", "
	    "\"channel\": \"generic\"", (long long)sk);
	assert_non_null(strstr(s, want));
	snprintf(want, sizeof(want), "\"measure_ids\": [%lld]}", (long long)fx->m1);
	assert_non_null(strstr(s, want));
	assert_non_null(strstr(s, "\"measure_ids\": []"));
	assert_non_null(strstr(s, "\"stage\": \"lead\""));
	assert_non_null(strstr(s, "\"state\": \"queued\""));
	assert_non_null(strstr(s, "\"state\": \"skipped\""));
	assert_non_null(strstr(s, "\"state\": \"sent\""));
	assert_non_null(strstr(s, "\"state\": \"failed\""));
	assert_non_null(strstr(s, "\"state\": \"sending\""));
	assert_non_null(strstr(s, "\"attempts\": 1"));
	assert_non_null(strstr(s, "\"attempts\": 0"));
	assert_non_null(strstr(s, "\"last_error\": \"HTTP 404 \\\"gone\\\"\""));
	for (n = 0; n < 5; n++) {
		snprintf(want, sizeof(want), "{\"id\": %lld,", (long long)(q + (int64_t)n));
		assert_non_null(strstr(s, want));
	}

	if (access(PYTHON, X_OK) == 0) {
		snprintf(file, sizeof(file), "%s/list.json", fx->dir);
		assert_non_null(fp = fopen(file, "w"));
		assert_int_equal(fwrite(b.s, 1, b.len, fp), b.len);
		assert_int_equal(fclose(fp), 0);
		assert_true(python_check(file, 5));
	}
	buf_free(&b);

	if (outbox_list(fx->s, &all, false, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	s = buf_str(&b);
	assert_true(strncmp(s, "ID\tUNIT\tCHANNEL\tADDRESS\tSTAGE\tSTATE\t"
	    "ATTEMPTS\tNEXT ATTEMPT\tLAST ERROR\tMEASURES\n", 67) == 0);
	assert_non_null(strstr(s, U_PROT));
	assert_non_null(strstr(s, "skipped"));
	assert_non_null(strstr(s, "failed"));
	assert_non_null(strstr(s, "HTTP 404"));
	buf_free(&b);

	/* Skipped ones only when asked for; by state, by unit, by time. */
	if (outbox_list(fx->s, &plain, true, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	assert_null(strstr(buf_str(&b), "\"state\": \"skipped\""));
	assert_non_null(strstr(buf_str(&b), "\"state\": \"failed\""));
	buf_free(&b);
	if (outbox_list(fx->s, &skipped, true, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	assert_non_null(strstr(buf_str(&b), "\"state\": \"skipped\""));
	assert_null(strstr(buf_str(&b), "\"state\": \"queued\""));
	buf_free(&b);
	if (outbox_list(fx->s, &office, true, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	assert_null(strstr(buf_str(&b), U_PROT));
	assert_non_null(strstr(buf_str(&b), U_OFFICE));
	buf_free(&b);
	if (outbox_list(fx->s, &later, true, &b, &err) != 0)
		fail_msg("outbox_list: %s", err.msg);
	assert_string_equal(buf_str(&b), "[]\n");
	buf_free(&b);
}

/* ---- ack tokens --------------------------------------------------------- */

/* Whether any column of any ack_token row contains s. */
static bool
token_stored(struct fx *fx, const char *s)
{
	sqlite3 *db = peek_open(fx);
	sqlite3_stmt *st = NULL;
	const unsigned char *t;
	bool found = false;
	int i;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT * FROM ack_token", -1,
	    &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < sqlite3_column_count(st); i++)
			if ((t = sqlite3_column_text(st, i)) != NULL &&
			    strstr((const char *)t, s) != NULL)
				found = true;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return found;
}

/* A token is 32 lower-case hex digits, new each time; the table holds
 * its SHA-256 and never the token. */
static void
test_ack_token(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	char tok[2][33], hash[65], text[64];
	int i, k;

	for (i = 0; i < 2; i++) {
		memset(tok[i], 'X', sizeof(tok[i]));
		if (token_issue(fx->s, fx->m1, U_PROT, day("2021-06-30"),
		    T0 + i, tok[i], &err) != 0)
			fail_msg("token_issue: %s", err.msg);
		assert_int_equal(strlen(tok[i]), 32);
		for (k = 0; k < 32; k++)
			assert_non_null(strchr("0123456789abcdef", tok[i][k]));
	}
	assert_string_not_equal(tok[0], tok[1]);
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM ack_token WHERE ?1",
	    1), 2);

	for (i = 0; i < 2; i++) {
		sqlite3 *db = peek_open(fx);
		sqlite3_stmt *st = NULL;

		digest_sha256_hex(tok[i], strlen(tok[i]), hash);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT measure_id, unit, "
		    "due, created_at FROM ack_token WHERE hash = ?1", -1, &st,
		    NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(st, 0), fx->m1);
		snprintf(text, sizeof(text), "%s", sqlite3_column_text(st, 1));
		assert_string_equal(text, U_PROT);
		snprintf(text, sizeof(text), "%s", sqlite3_column_text(st, 2));
		assert_string_equal(text, "2021-06-30");
		assert_int_equal(sqlite3_column_int64(st, 3), T0 + i);
		sqlite3_finalize(st);
		sqlite3_close(db);

		assert_false(token_stored(fx, tok[i]));
	}
}

/* ---- transactions ------------------------------------------------------- */

/* What is added inside a rolled-back transaction is gone; a committed one
 * stays, and other connections see it. */
static void
test_transactions(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	int64_t ids[2];

	if (outbox_begin(fx->s, &err) != 0)
		fail_msg("outbox_begin: %s", err.msg);
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_int_equal(pending_ids(fx, ids, 2), 1);
	outbox_rollback(fx->s);
	assert_int_equal(pending_ids(fx, ids, 2), 0);

	if (outbox_begin(fx->s, &err) != 0)
		fail_msg("outbox_begin: %s", err.msg);
	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	/* Not visible to another connection before the commit. */
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM notice WHERE ?1", 1), 0);
	if (outbox_commit(fx->s, &err) != 0)
		fail_msg("outbox_commit: %s", err.msg);
	assert_int_equal(pending_ids(fx, ids, 2), 1);
	assert_int_equal(peek_int(fx, "SELECT count(*) FROM notice WHERE ?1", 1), 1);

	/* A rolled-back message leaves its notice pending. */
	if (outbox_begin(fx->s, &err) != 0)
		fail_msg("outbox_begin: %s", err.msg);
	(void)add_msg(fx, U_PROT, CHAN_EMAIL, "queued", ids, 1, T0);
	assert_int_equal(pending_ids(fx, ids, 2), 0);
	outbox_rollback(fx->s);
	assert_int_equal(pending_ids(fx, ids, 2), 1);
	expect_counts(fx, 0, 0, 0, 0, 0);
}

/* Whether n's key is known to the stored keys k, as a cold pass asks. */
static bool
known(struct notice_keys *k, int64_t measure, const char *unit,
    const char *due, enum stage stage, int step, bool current)
{
	struct sched_notice sn;
	struct notice_new nn = { measure, unit, ROLE_LEAD, &sn };

	memset(&sn, 0, sizeof(sn));
	sn.due = day(due);
	sn.stage = stage;
	sn.step = step;
	sn.current = current;
	return notice_keys_known(k, &nn);
}

/* The stored keys a cold pass reads: a notice stored is known, whatever
 * its state; one recorded as missed is not known to a current one (the
 * database makes it pending again); any other part of the key, another
 * unit, date, stage or step, is unknown. */
static void
test_notice_keys(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct notice_keys *k = NULL;

	if (outbox_notice_keys(fx->s, &k, &err) != 0)
		fail_msg("outbox_notice_keys: %s", err.msg);
	assert_false(known(k, fx->m1, U_PROT, "2021-06-30", STAGE_LEAD, 7, true));
	notice_keys_free(k);

	assert_true(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, true));
	assert_true(add_ok(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30",
	    STAGE_LEAD, 7, false));
	if (outbox_notice_keys(fx->s, &k, &err) != 0)
		fail_msg("outbox_notice_keys: %s", err.msg);
	assert_true(known(k, fx->m1, U_PROT, "2021-06-30", STAGE_LEAD, 7, true));
	assert_true(known(k, fx->m1, U_PROT, "2021-06-30", STAGE_LEAD, 7, false));
	assert_true(known(k, fx->m1, U_LAW, "2021-06-30", STAGE_LEAD, 7, false));
	assert_false(known(k, fx->m1, U_LAW, "2021-06-30", STAGE_LEAD, 7, true));
	assert_false(known(k, fx->m2, U_PROT, "2021-06-30", STAGE_LEAD, 7, true));
	assert_false(known(k, fx->m1, U_PROT "甲", "2021-06-30", STAGE_LEAD, 7,
	    true));
	assert_false(known(k, fx->m1, U_PROT, "2021-07-01", STAGE_LEAD, 7, true));
	assert_false(known(k, fx->m1, U_PROT, "2021-06-30", STAGE_DUE, 7, true));
	assert_false(known(k, fx->m1, U_PROT, "2021-06-30", STAGE_LEAD, 3, true));
	/* What known says is what the database does. */
	assert_false(add_ok(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30",
	    STAGE_LEAD, 7, false));
	assert_true(add_ok(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30",
	    STAGE_LEAD, 7, true));
	notice_keys_free(k);
}

/* Many keys (a set of open addressing, its probes running on and
 * wrapping round): each stored one known, none other. */
static void
test_notice_keys_many(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct notice_keys *k = NULL;
	char due[11];
	int n = 3000;

	for (int i = 0; i < n; i++) {
		date_format(day("2021-01-01") + i % 365, due);
		assert_true(add_ok(fx, fx->m1, i % 2 ? U_PROT : U_LAW,
		    ROLE_LEAD, due, STAGE_LEAD, i / 365, true));
	}
	if (outbox_notice_keys(fx->s, &k, &err) != 0)
		fail_msg("outbox_notice_keys: %s", err.msg);
	for (int i = 0; i < n; i++) {
		date_format(day("2021-01-01") + i % 365, due);
		assert_true(known(k, fx->m1, i % 2 ? U_PROT : U_LAW, due,
		    STAGE_LEAD, i / 365, true));
		assert_false(known(k, fx->m1, i % 2 ? U_LAW : U_PROT, due,
		    STAGE_LEAD, i / 365, true));
		assert_false(known(k, fx->m2, i % 2 ? U_PROT : U_LAW, due,
		    STAGE_LEAD, i / 365, true));
	}
	notice_keys_free(k);
}

/* Migration 4 moved payloads into message_body: a database of schema 3
 * (payload in the message row), opened, keeps every message's payload. */
static void
test_upgrade_moves_payloads(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct message *m;
	sqlite3 *db;
	size_t n;
	int64_t id = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", NULL, 0, T0);

	/* Back to schema 3's shape, as an older deadlined left it. */
	store_close(fx->s);
	fx->s = NULL;
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE message ADD COLUMN payload "
	    "BLOB NOT NULL DEFAULT '';"
	    "UPDATE message SET payload = (SELECT 'old ' || payload FROM "
	    "message_body WHERE message_id = message.id);"
	    "DROP TABLE message_body; DROP TRIGGER counter_message_new;"
	    "DROP TRIGGER counter_message_moved; DROP TRIGGER "
	    "counter_notice_new; DROP TRIGGER counter_notice_moved;"
	    "DROP TRIGGER counter_ack_new; DROP TABLE counter;"
	    "ALTER TABLE message DROP COLUMN first_tried_at;"
	    "ALTER TABLE message DROP COLUMN tried_at;"
	    "ALTER TABLE message DROP COLUMN requeued_at;"
	    "ALTER TABLE message DROP COLUMN part;"
	    "ALTER TABLE message DROP COLUMN parts;"
	    "DROP TABLE pause; DROP TABLE report_run;"
	    "DROP TABLE review_token; DROP TABLE request;"
	    "ALTER TABLE plan DROP COLUMN review;"
	    "DROP INDEX message_channel_queue;"
	    "PRAGMA user_version = 3;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	if (store_open(fx->path, &fx->s, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	m = due_ok(fx, T0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].id, id);
	assert_string_equal(m[0].payload, "old body");
	assert_int_equal(m[0].len, 8);
	outbox_messages_free(m, n);
	/* Migration 5 starts its counters from what the tables hold. */
	expect_counts(fx, 1, 0, 0, 0, 0);
	/* Migration 8: an older message is whole, part 1 of 1. */
	if (outbox_message(fx->s, id, &m, &err) != 0)
		fail_msg("outbox_message: %s", err.msg);
	assert_non_null(m);
	assert_int_equal(m->part, 1);
	assert_int_equal(m->parts, 1);
	outbox_messages_free(m, 1);
	/* Migration 10: a stage and a kind the first schema did not list
	 * are stored, and the triggers made again still count them. */
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO notice "
	    "(measure_id, unit, role, due, stage, step, current, state, "
	    "trigger_at, created_at) VALUES (1, 'u', 'lead', '2021-06-30', "
	    "'newstage', 0, 1, 'pending', 0, 0);"
	    "INSERT INTO ack (measure_id, unit, due, kind, at, source) "
	    "VALUES (1, 'u', '2021-06-30', 'newkind', 0, 'cli');",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(peek_int(fx, "SELECT value FROM counter WHERE "
	    "name = 'notices' AND l1 = 'newstage' AND l2 = 'pending' AND "
	    "?1 = ?1", 0), 1);
	assert_int_equal(peek_int(fx, "SELECT value FROM counter WHERE "
	    "name = 'acks' AND l1 = 'newkind' AND ?1 = ?1", 0), 1);
}

/* outbox_hold: the queued messages due in [from, until), and only they,
 * wait until `until`; a message sending, or due outside the span, keeps
 * its time; a span holding none changes nothing. */
static void
test_hold(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	int64_t before = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", NULL, 0, T0 - 10);
	int64_t in = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", NULL, 0, T0 + 5);
	int64_t after = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", NULL, 0, T0 + 100);
	int64_t busy = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", NULL, 0, T0 + 6);
	size_t n = 99;

	sending_ok(fx, busy);
	if (outbox_hold(fx->s, T0, T0 + 50, &n, &err) != 0)
		fail_msg("outbox_hold: %s", err.msg);
	assert_int_equal(n, 1);
	assert_true(next_at_of(fx, in) == T0 + 50);
	assert_true(next_at_of(fx, before) == T0 - 10);
	assert_true(next_at_of(fx, after) == T0 + 100);
	assert_true(next_at_of(fx, busy) == T0 + 6);
	/* Closed now: everything due before the opening. */
	if (outbox_hold(fx->s, 0, T0 + 60, &n, &err) != 0)
		fail_msg("outbox_hold: %s", err.msg);
	assert_int_equal(n, 2);
	assert_true(next_at_of(fx, before) == T0 + 60);
	assert_true(next_at_of(fx, in) == T0 + 60);
	assert_true(next_at_of(fx, after) == T0 + 100);
	n = 99;
	if (outbox_hold(fx->s, T0 + 200, T0 + 300, &n, &err) != 0)
		fail_msg("outbox_hold: %s", err.msg);
	assert_int_equal(n, 0);
}

/* outbox_message: a message as stored, without its payload, with which
 * part of its digest it is; none for an unknown id. */
static void
test_message_part(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct message in, *m;
	int64_t id, whole;

	memset(&in, 0, sizeof(in));
	in.recipient = U_PROT;
	in.channel = CHAN_WECOM;
	in.address = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k";
	in.ext_id = "msg_part2";
	in.title = "提醒";
	in.payload = "body";
	in.part = 2;
	in.parts = 3;
	if (outbox_add_message(fx->s, &in, "queued", NULL, 0, T0, &id,
	    &err) != 0)
		fail_msg("outbox_add_message: %s", err.msg);
	whole = add_msg(fx, U_PROT, CHAN_EMAIL, "queued", NULL, 0, T0);

	if (outbox_message(fx->s, id, &m, &err) != 0)
		fail_msg("outbox_message: %s", err.msg);
	assert_non_null(m);
	assert_int_equal(m->id, id);
	assert_string_equal(m->recipient, U_PROT);
	assert_int_equal(m->channel, CHAN_WECOM);
	assert_string_equal(m->address, in.address);
	assert_string_equal(m->ext_id, "msg_part2");
	assert_null(m->payload);
	assert_int_equal(m->part, 2);
	assert_int_equal(m->parts, 3);
	outbox_messages_free(m, 1);
	if (outbox_message(fx->s, whole, &m, &err) != 0)
		fail_msg("outbox_message: %s", err.msg);
	assert_int_equal(m->part, 1);
	assert_int_equal(m->parts, 1);
	outbox_messages_free(m, 1);
	m = (struct message *)&m;
	assert_int_equal(outbox_message(fx->s, whole + 100, &m, &err), 0);
	assert_null(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_add_notice_unique_key),
		T(test_notice_keys),
		T(test_notice_keys_many),
		T(test_silent),
		T(test_add_notice_errors),
		T(test_pending_order_fields),
		T(test_add_message_queued_skipped),
		T(test_skipped_notice_pending_again),
		T(test_due_round_trip),
		T(test_sending_then_sent),
		T(test_retry_backoff),
		T(test_retry_after),
		T(test_failed),
		T(test_hold),
		T(test_message_part),
		T(test_deferred),
		T(test_retry_gives_up_after_a_day),
		T(test_backoff),
		T(test_recover),
		T(test_next),
		T(test_counts_and_list),
		T(test_ack_token),
		T(test_transactions),
		T(test_upgrade_moves_payloads),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
