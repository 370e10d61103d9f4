/* test_requeue: what the outbox keeps of a message's attempts and the
 * store's side of deadlinectl retry, against a real SQLite file: the
 * times of the first and last try, a message's record, the failed ones
 * by recipient, the addresses other messages with the same notices went
 * to, and queueing a failed message again (address, text, note; attempts
 * kept and counted once; its 24 hours starting over; refused for one
 * that is not failed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/date.h"
#include "store/outbox.h"
#include "plan/plan.h"
#include "store/store.h"
#include "store_fixture.h"

/* The one integer sql gives, read through a second connection. */
static int64_t
peek(struct fx *fx, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v;

	if (sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A notice of measure m for unit (a fresh step each call); its id. */
static int64_t
notice(struct fx *fx, int64_t m, const char *unit)
{
	static int step;
	struct error err = { 0, "" };
	struct sched_notice sn;
	struct notice_new nn = { m, unit, ROLE_LEAD, &sn };
	bool added = false;

	memset(&sn, 0, sizeof(sn));
	assert_true(date_parse("2021-06-30", &sn.due));
	sn.stage = STAGE_LEAD;
	sn.step = ++step;
	sn.trigger = T0;
	sn.current = true;
	if (outbox_add_notice(fx->s, &nn, T0, &added, &err) != 0)
		fail_msg("outbox_add_notice: %s", err.msg);
	assert_true(added);
	return peek(fx, "SELECT max(id) FROM notice");
}

/* A queued message to unit at address made at now for notices ids. */
static int64_t
message(struct fx *fx, const char *unit, enum channel_kind ch,
    const char *address, const int64_t *ids, size_t n, time_t now)
{
	struct error err = { 0, "" };
	struct message m;
	char ext[32];
	int64_t id = 0;

	memset(&m, 0, sizeof(m));
	snprintf(ext, sizeof(ext), "<%d@test>", ++fx->next_ext);
	m.recipient = (char *)unit;
	m.channel = ch;
	m.address = (char *)address;
	m.ext_id = ext;
	m.payload = "To: x\r\n\r\nbody";
	if (outbox_add_message(fx->s, &m, "queued", ids, n, now, &id, &err) != 0)
		fail_msg("outbox_add_message: %s", err.msg);
	return id;
}

/* One attempt of message id ending at now with an outcome of kind; the
 * outbox's *gave_up. */
static bool
attempt(struct fx *fx, int64_t id, enum outcome_kind kind, time_t now)
{
	struct error err = { 0, "" };
	struct outcome o;
	bool gave_up = false;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	snprintf(o.error, sizeof(o.error), "smtp: %s", kind == OUTCOME_FAILED ?
	    "550 5.1.1 User unknown" : "451 try again later");
	if (outbox_sending(fx->s, id, &err) != 0 ||
	    outbox_result(fx->s, id, &o, now, &gave_up, &err) != 0)
		fail_msg("attempt: %s", err.msg);
	return gave_up;
}

/* Message id's record, which must exist. */
static struct message_record
record(struct fx *fx, int64_t id)
{
	struct error err = { 0, "" };
	struct message_record r;
	bool found = false;

	if (outbox_record(fx->s, id, &r, &found, &err) != 0)
		fail_msg("outbox_record: %s", err.msg);
	assert_true(found);
	return r;
}

/* The first and last try are the outcomes' times; a deferral (nothing
 * went out) is none. */
static void
test_tried(void **state)
{
	struct fx *fx = *state;
	int64_t n = notice(fx, fx->m1, U_PROT), id;
	struct message_record r;
	struct outcome o;
	struct error err;
	bool gave_up, found;

	id = message(fx, U_PROT, CHAN_EMAIL, "a@example.org", &n, 1, T0);
	r = record(fx, id);
	assert_int_equal(r.first_tried, 0);
	assert_int_equal(r.last_tried, 0);
	assert_null(r.last_error);
	outbox_record_free(&r);
	memset(&o, 0, sizeof(o));
	o.kind = OUTCOME_DEFERRED;
	assert_int_equal(outbox_sending(fx->s, id, &err), 0);
	assert_int_equal(outbox_result(fx->s, id, &o, T0 + 1, &gave_up, &err), 0);
	r = record(fx, id);
	assert_int_equal(r.first_tried, 0);
	assert_int_equal(r.attempts, 0);
	outbox_record_free(&r);
	assert_false(attempt(fx, id, OUTCOME_RETRY, T0 + 10));
	assert_true(attempt(fx, id, OUTCOME_FAILED, T0 + 100));
	r = record(fx, id);
	assert_string_equal(r.state, "failed");
	assert_string_equal(r.recipient, U_PROT);
	assert_int_equal(r.channel, CHAN_EMAIL);
	assert_string_equal(r.address, "a@example.org");
	assert_string_equal(r.last_error, "smtp: 550 5.1.1 User unknown");
	assert_int_equal(r.attempts, 2);
	assert_int_equal(r.created_at, T0);
	assert_int_equal(r.first_tried, T0 + 10);
	assert_int_equal(r.last_tried, T0 + 100);
	assert_int_equal(r.requeued_at, 0);
	outbox_record_free(&r);
	assert_int_equal(outbox_record(fx->s, id + 100, &r, &found, &err), 0);
	assert_false(found);
}

/* Failed messages by recipient; the addresses of a failed message's
 * notices that other messages of its recipient and channel reached or
 * are on their way to. */
static void
test_failed_and_covered(void **state)
{
	struct fx *fx = *state;
	int64_t n[2] = { notice(fx, fx->m1, U_PROT), notice(fx, fx->m2, U_PROT) };
	int64_t bad, good, other, hook, law, *ids;
	struct error err;
	char **to;
	size_t k;

	bad = message(fx, U_PROT, CHAN_EMAIL, "old@example.org", n, 2, T0);
	good = message(fx, U_PROT, CHAN_EMAIL, "b@example.org", n, 1, T0);
	other = message(fx, U_PROT, CHAN_EMAIL, "c@example.org", n + 1, 1, T0);
	hook = message(fx, U_PROT, CHAN_GENERIC, "http://h/x", n, 2, T0);
	law = message(fx, U_LAW, CHAN_EMAIL, "law@example.org",
	    (int64_t[]){ notice(fx, fx->m1, U_LAW) }, 1, T0);
	assert_true(attempt(fx, bad, OUTCOME_FAILED, T0 + 1));
	assert_false(attempt(fx, good, OUTCOME_SENT, T0 + 1));
	assert_true(attempt(fx, law, OUTCOME_FAILED, T0 + 1));
	(void)hook;

	assert_int_equal(outbox_failed_ids(fx->s, NULL, &ids, &k, &err), 0);
	assert_int_equal(k, 2);
	assert_true(ids[0] == bad && ids[1] == law);
	free(ids);
	assert_int_equal(outbox_failed_ids(fx->s, U_LAW, &ids, &k, &err), 0);
	assert_int_equal(k, 1);
	assert_true(ids[0] == law);
	free(ids);

	/* b got notice 0 (sent), c is to get notice 1 (queued); the
	 * webhook is another channel, law another unit. */
	assert_int_equal(outbox_covered(fx->s, bad, &to, &k, &err), 0);
	assert_int_equal(k, 2);
	assert_string_equal(to[0], "b@example.org");
	assert_string_equal(to[1], "c@example.org");
	while (k > 0)
		free(to[--k]);
	free(to);
	/* A message that failed too covers nothing. */
	assert_true(attempt(fx, other, OUTCOME_FAILED, T0 + 2));
	assert_int_equal(outbox_covered(fx->s, bad, &to, &k, &err), 0);
	assert_int_equal(k, 1);
	free(to[0]);
	free(to);
}

/* Queued again: to the new address with the new text and the note;
 * attempts kept, and counted once in the counters; the 24 hours start
 * over; a message not failed is refused. */
static void
test_requeue(void **state)
{
	struct fx *fx = *state;
	int64_t n = notice(fx, fx->m1, U_PROT), id;
	struct message_record r;
	struct message *due;
	struct error err;
	size_t nd, counts[5];

	id = message(fx, U_PROT, CHAN_EMAIL, "old@example.org", &n, 1, T0);
	assert_false(attempt(fx, id, OUTCOME_RETRY, T0 + 1));
	assert_true(attempt(fx, id, OUTCOME_FAILED, T0 + 100));
	assert_int_equal(outbox_requeue(fx->s, id, "new@example.org",
	    "To: new\r\n\r\nbody", "queued again", T0 + 2 * DAY, &err), 0);
	r = record(fx, id);
	assert_string_equal(r.state, "queued");
	assert_string_equal(r.address, "new@example.org");
	assert_string_equal(r.last_error, "queued again");
	assert_int_equal(r.attempts, 2);
	assert_int_equal(r.requeued_at, T0 + 2 * DAY);
	assert_int_equal(r.first_tried, T0 + 1);
	outbox_record_free(&r);
	assert_int_equal(outbox_due(fx->s, T0 + 2 * DAY, all_rooms(10), &due, &nd,
	    &err), 0);
	assert_int_equal(nd, 1);
	assert_string_equal(due[0].payload, "To: new\r\n\r\nbody");
	assert_string_equal(due[0].address, "new@example.org");
	outbox_messages_free(due, nd);
	assert_int_equal(outbox_counts(fx->s, counts, &err), 0);
	assert_int_equal(counts[0], 1);
	assert_int_equal(counts[3], 0);
	assert_int_equal(peek(fx, "SELECT value FROM counter WHERE name = "
	    "'attempts' AND l1 = 'email'"), 2);
	/* Two days after it was made, a temporary failure is retried:
	 * the day runs from the retry. */
	assert_false(attempt(fx, id, OUTCOME_RETRY, T0 + 2 * DAY + 10));
	assert_true(attempt(fx, id, OUTCOME_RETRY, T0 + 3 * DAY + 10));
	assert_int_equal(peek(fx, "SELECT value FROM counter WHERE name = "
	    "'attempts' AND l1 = 'email'"), 4);
	/* The text stays when none is given. */
	assert_int_equal(outbox_requeue(fx->s, id, "new@example.org", NULL,
	    "again", T0 + 4 * DAY, &err), 0);
	assert_int_equal(outbox_due(fx->s, T0 + 4 * DAY, all_rooms(10), &due, &nd,
	    &err), 0);
	assert_string_equal(due[0].payload, "To: new\r\n\r\nbody");
	outbox_messages_free(due, nd);
	/* Queued: not failed, refused. */
	assert_int_equal(outbox_requeue(fx->s, id, "x@example.org", NULL, "x",
	    T0 + 5 * DAY, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "is not failed"));
	r = record(fx, id);
	assert_string_equal(r.address, "new@example.org");
	outbox_record_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_and_covered, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_requeue, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
