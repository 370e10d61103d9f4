/* test_retry: deadlinectl retry's choice of address (engine/retry.c)
 * against a real SQLite file and a configuration read from a file: the
 * address a message failed at while the unit still has it; else the one
 * of its channel that has not had the items (a mail's To follows it);
 * and what is refused, all or none: no such message, one not failed, a
 * unit gone, no address or two to take the old one's place. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "conf/load.h"
#include "engine/retry.h"
#include "store/outbox.h"
#include "plan/plan.h"
#include "store/store.h"
#include "store_fixture.h"

#define MAIL "From: a@example.org\r\nTo: %s\r\nSubject: s\r\n\r\nbody\r\n"

/* A configuration whose units are `units`. */
static struct config *
conf_units(struct fx *fx, const char *units)
{
	struct error err = { 0, "" };
	struct config *c = NULL;
	char path[400];
	FILE *f;

	snprintf(path, sizeof(path), "%s/d.conf", fx->dir);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "smtp: { url = \"smtp://127.0.0.1:25\"; from = "
	    "\"d@example.org\"; };\nunits = ( %s );\n", units);
	fclose(f);
	if (config_load(path, &c, &err) != 0)
		fail_msg("config_load: %s", err.msg);
	return c;
}

/* A configuration of the fixture's two units with these channels. */
static struct config *
conf(struct fx *fx, const char *prot, const char *law)
{
	char units[400];

	snprintf(units, sizeof(units), "{ name = \"" U_PROT "\"; %s },\n"
	    "  { name = \"" U_LAW "\"; %s }", prot, law);
	return conf_units(fx, units);
}

/* A message to unit at address for a fresh notice of measure m, sent
 * (failed: false) or failed for good; its id.  notice: the notice, 0
 * for a fresh one. */
static int64_t
message(struct fx *fx, int64_t notice, const char *unit, enum channel_kind ch,
    const char *address, bool failed)
{
	static int step;
	struct error err = { 0, "" };
	struct sched_notice sn;
	struct notice_new nn = { fx->m1, unit, ROLE_LEAD, &sn };
	struct message m;
	struct outcome o;
	char ext[32], text[200];
	int64_t id = 0;
	bool added, gave_up;
	struct pending *p;
	size_t n;

	if (notice == 0) {
		memset(&sn, 0, sizeof(sn));
		assert_true(date_parse("2021-06-30", &sn.due));
		sn.stage = STAGE_LEAD;
		sn.step = ++step;
		sn.trigger = T0;
		sn.current = true;
		assert_int_equal(outbox_add_notice(fx->s, &nn, T0, &added, &err), 0);
		assert_int_equal(outbox_pending(fx->s, &p, &n, &err), 0);
		assert_int_equal(n, 1);
		notice = p[0].id;
		outbox_pending_free(p, n);
	}
	memset(&m, 0, sizeof(m));
	snprintf(ext, sizeof(ext), "<%d@test>", ++fx->next_ext);
	snprintf(text, sizeof(text), MAIL, address);
	m.recipient = (char *)unit;
	m.channel = ch;
	m.address = (char *)address;
	m.ext_id = ext;
	m.payload = text;
	assert_int_equal(outbox_add_message(fx->s, &m, "queued", &notice, 1, T0,
	    &id, &err), 0);
	memset(&o, 0, sizeof(o));
	o.kind = failed ? OUTCOME_FAILED : OUTCOME_SENT;
	snprintf(o.error, sizeof(o.error), "smtp: 550 5.1.1 User unknown");
	assert_int_equal(outbox_sending(fx->s, id, &err), 0);
	assert_int_equal(outbox_result(fx->s, id, &o, T0 + 1, &gave_up, &err), 0);
	return id;
}

/* The notice message id carries. */
static int64_t
notice_of(struct fx *fx, int64_t id)
{
	struct error err = { 0, "" };
	struct pending *p;
	char *r;
	size_t n;
	int64_t v;

	assert_int_equal(outbox_message_notices(fx->s, id, &r, &p, &n, &err), 0);
	assert_int_equal(n, 1);
	v = p[0].id;
	outbox_pending_free(p, n);
	free(r);
	return v;
}

/* Message id's state, address and text. */
static void
expect(struct fx *fx, int64_t id, const char *state, const char *address,
    const char *to)
{
	struct error err = { 0, "" };
	struct message_record r;
	char *payload, want[200];
	bool found;

	assert_int_equal(outbox_record(fx->s, id, &r, &found, &err), 0);
	assert_true(found);
	assert_string_equal(r.state, state);
	assert_string_equal(r.address, address);
	outbox_record_free(&r);
	assert_int_equal(outbox_payload(fx->s, id, &payload, &err), 0);
	snprintf(want, sizeof(want), MAIL, to);
	assert_string_equal(payload, want);
	free(payload);
}

/* Retry ids, expecting rc; the problems reported. */
static char *
retry(struct fx *fx, const struct config *c, const int64_t *ids, size_t n,
    int want, size_t want_done)
{
	struct error err = { 0, "" };
	struct buf problems = BUF_INIT;
	struct retried *done;
	size_t ndone;

	assert_int_equal(retry_messages(c, fx->s, ids, n, T0 + DAY, &done,
	    &ndone, &problems, &err), want);
	assert_int_equal(ndone, want_done);
	retried_free(done, ndone);
	return buf_steal(&problems);
}

/* Same address: queued again as it was.  A changed one: to the new
 * address, the To with it; the one of two not had the items. */
static void
test_where(void **state)
{
	struct fx *fx = *state;
	struct config *c = conf(fx, "email = [\"a@x.org\", \"new@x.org\"];",
	    "email = [\"law@x.org\"];");
	int64_t same, moved, sent, ids[3];
	char *p;

	same = message(fx, 0, U_LAW, CHAN_EMAIL, "law@x.org", true);
	moved = message(fx, 0, U_PROT, CHAN_EMAIL, "old@x.org", true);
	/* a@x.org had moved's items: new@x.org took old@x.org's place. */
	sent = message(fx, notice_of(fx, moved), U_PROT, CHAN_EMAIL,
	    "a@x.org", false);
	ids[0] = same;
	ids[1] = moved;
	ids[2] = same;
	p = retry(fx, c, ids, 3, 0, 2);
	assert_string_equal(p, "");
	free(p);
	expect(fx, same, "queued", "law@x.org", "law@x.org");
	expect(fx, moved, "queued", "new@x.org", "new@x.org");
	expect(fx, sent, "sent", "a@x.org", "a@x.org");
	config_free(c);
}

/* Each refusal named; none queued, the good one neither. */
static void
test_refused(void **state)
{
	struct fx *fx = *state;
	struct config *two = conf(fx, "email = [\"n1@x.org\", \"n2@x.org\"];",
	    "webhook = ( { type = \"generic\"; url = \"http://h/?token=s\"; } );");
	int64_t good, ambiguous, nomail, ok, ids[5];
	char *p;

	good = message(fx, 0, U_PROT, CHAN_EMAIL, "n1@x.org", true);
	ambiguous = message(fx, 0, U_PROT, CHAN_EMAIL, "old@x.org", true);
	nomail = message(fx, 0, U_LAW, CHAN_EMAIL, "law@x.org", true);
	ok = message(fx, 0, U_LAW, CHAN_EMAIL, "law@x.org", false);
	ids[0] = good;
	ids[1] = ambiguous;
	ids[2] = nomail;
	ids[3] = ok;
	ids[4] = 9999;
	p = retry(fx, two, ids, 5, EXIT_DATAERR, 0);
	assert_non_null(strstr(p, "old@x.org is no email address of unit \""
	    U_PROT "\" any more, and 2 new ones could take its place\n"));
	assert_non_null(strstr(p, "unit \"" U_LAW "\" has no email address "
	    "any more\n"));
	assert_non_null(strstr(p, ": sent, not failed\n"));
	assert_non_null(strstr(p, "message 9999: no such message\n"));
	free(p);
	expect(fx, good, "failed", "n1@x.org", "n1@x.org");
	config_free(two);

	/* The unit gone from the configuration. */
	two = conf_units(fx, "{ name = \"" U_LAW "\"; email = [\"n1@x.org\"]; }");
	p = retry(fx, two, &good, 1, EXIT_DATAERR, 0);
	assert_non_null(strstr(p, "unit \"" U_PROT "\" is not in the "
	    "configuration any more\n"));
	free(p);
	config_free(two);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_where, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
