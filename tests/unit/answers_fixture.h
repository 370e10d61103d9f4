/* answers_fixture: what the acks and ledger tests do to the fixture's
 * store (store_fixture.h): record an answer, send a notice (and, from
 * zone_fixture.h, name a day).
 * A header of static functions, included by each such test. */
#ifndef DEADLINED_ANSWERS_FIXTURE_H
#define DEADLINED_ANSWERS_FIXTURE_H

#include "base/clock.h"
#include "base/date.h"
#include "store/acks.h"
#include "store/outbox.h"
#include "store_fixture.h"
#include "zone_fixture.h"

/* Record an ack of kind for (m, unit, due) at `at`, which must succeed. */
static void
record(struct fx *fx, int64_t m, const char *unit, const char *due,
    enum ack_kind kind, enum ack_source src, const char *note,
    const char *remote, const char *agent, time_t at)
{
	struct error err = { 0, "" };
	struct ack_target t = { m, (char *)unit, day(due) };
	struct ack_record a = { kind, src, note, remote, agent, NULL };

	if (acks_record(fx->s, &t, &a, at, &err) != 0)
		fail_msg("acks_record: %s", err.msg);
}

/* A notice for (m, unit, due) carried by a message in state "queued",
 * then (if sent) marked sending and sent. */
static void
notify_stage(struct fx *fx, int64_t m, const char *unit, enum role role,
    const char *due, bool sent, enum stage stage)
{
	struct error err = { 0, "" };
	struct sched_notice sn;
	struct notice_new nn;
	struct pending *p = NULL;
	struct message msg;
	struct outcome o;
	bool added = false, gave_up = true;
	int64_t ids[8], id = 0;
	size_t n = 0, i, k = 0;
	char ext[64];

	memset(&sn, 0, sizeof(sn));
	sn.due = day(due);
	sn.stage = stage;
	sn.step = 3;
	sn.trigger = T0 - 3600;
	sn.current = true;
	nn.measure_id = m;
	nn.unit = unit;
	nn.role = role;
	nn.n = &sn;
	if (outbox_add_notice(fx->s, &nn, T0, &added, &err) != 0)
		fail_msg("outbox_add_notice: %s", err.msg);
	assert_true(added);
	if (outbox_pending(fx->s, &p, &n, &err) != 0)
		fail_msg("outbox_pending: %s", err.msg);
	for (i = 0; i < n; i++)
		if (p[i].measure_id == m && strcmp(p[i].unit, unit) == 0 &&
		    p[i].due == day(due)) {
			assert_true(k < 8);
			ids[k++] = p[i].id;
		}
	outbox_pending_free(p, n);
	assert_int_equal(k, 1);

	memset(&msg, 0, sizeof(msg));
	snprintf(ext, sizeof(ext), "<%d.test@deadlined>", ++fx->next_ext);
	msg.recipient = (char *)unit;
	msg.channel = CHAN_EMAIL;
	msg.address = "office@example.org";
	msg.ext_id = ext;
	msg.title = "提醒";
	msg.payload = "body";
	msg.len = 4;
	if (outbox_add_message(fx->s, &msg, "queued", ids, k, T0, &id, &err) != 0)
		fail_msg("outbox_add_message: %s", err.msg);
	assert_true(id > 0);
	if (!sent)
		return;
	if (outbox_sending(fx->s, id, &err) != 0)
		fail_msg("outbox_sending: %s", err.msg);
	memset(&o, 0, sizeof(o));
	o.kind = OUTCOME_SENT;
	if (outbox_result(fx->s, id, &o, T0 + 1, &gave_up, &err) != 0)
		fail_msg("outbox_result: %s", err.msg);
	assert_false(gave_up);
}

/* A lead notice of m for unit, due on due, its message sent or not. */
static void
notify(struct fx *fx, int64_t m, const char *unit, enum role role,
    const char *due, bool sent)
{
	notify_stage(fx, m, unit, role, due, sent, STAGE_LEAD);
}

#endif
