/* test_requests: units' requests against a real SQLite file with a small
 * imported plan: an extension asked (a date not later refused, a second
 * one while the first waits refused), decided once (a second decision
 * refused, the first kept), the approver's and the unit's notices
 * recorded; the effective due date and the answer that counts (a
 * returned completion reopens the item); approval tokens (malformed,
 * unknown and expired ones refused alike); a plan's own review setting;
 * the list of what waits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "store/acks.h"
#include "store/outbox.h"
#include "store/requests.h"
#include "store_fixture.h"
#include "zone_fixture.h"

/* Ask for an extension of (m, unit, due) to `to`; the exit code. */
static int
extend(struct fx *fx, int64_t m, const char *unit, const char *due,
    const char *to, int64_t *id, struct error *err)
{
	struct unit_request r = { 0, REQUEST_EXTENSION, m, (char *)unit,
	    ROLE_LEAD, day(due), day(to), (char *)"人手不足", "cli",
	    REQUEST_PENDING, 0, 0, NULL };
	int rc = requests_add(fx->s, &r, T0, err);

	*id = r.id;
	return rc;
}

/* The stages of the pending notices of unit, in order, joined by ' '. */
static void
pending_stages(struct fx *fx, const char *unit, char *out, size_t len)
{
	struct error err = { 0, "" };
	struct pending *p;
	size_t n, i;

	out[0] = '\0';
	if (outbox_pending(fx->s, &p, &n, &err) != 0)
		fail_msg("outbox_pending: %s", err.msg);
	for (i = 0; i < n; i++)
		if (strcmp(p[i].unit, unit) == 0)
			snprintf(out + strlen(out), len - strlen(out), "%s%s",
			    *out != '\0' ? " " : "", stage_name(p[i].stage));
	outbox_pending_free(p, n);
}

static void
test_extension(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct request_set *rs;
	struct unit_request r;
	char stages[200];
	int64_t id, id2;

	/* Not later than the deadline: refused, saying which it is. */
	assert_int_equal(extend(fx, fx->m1, U_PROT, "2021-06-30", "2021-06-30",
	    &id, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "after the current deadline, 2021-06-30"));
	assert_int_equal(extend(fx, fx->m1, U_PROT, "2021-06-30", "2021-07-31",
	    &id, &err), 0);
	pending_stages(fx, U_PROT, stages, sizeof(stages));
	assert_string_equal(stages, "extension");
	/* One waits already. */
	assert_int_equal(extend(fx, fx->m1, U_PROT, "2021-06-30", "2021-08-31",
	    &id2, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "waits for a decision already"));

	assert_int_equal(request_set_load(fx->s, &rs, &err), 0);
	assert_int_equal(request_set_due(rs, fx->m1, U_PROT, day("2021-06-30")),
	    day("2021-06-30"));
	request_set_free(rs);

	assert_int_equal(requests_decide(fx->s, id, true, NULL, "cli", T0 + 60,
	    &r, &err), 0);
	request_free(&r);
	/* Decided once: the second decision is refused, the first kept. */
	assert_int_equal(requests_decide(fx->s, id, false, "不行", "web",
	    T0 + 120, &r, &err), EXIT_CANTCREAT);
	assert_non_null(strstr(err.msg, "approved already"));
	assert_int_equal(r.state, REQUEST_APPROVED);
	request_free(&r);
	assert_int_equal(requests_decide(fx->s, 999, true, NULL, "cli", T0,
	    &r, &err), EXIT_NOINPUT);
	pending_stages(fx, U_PROT, stages, sizeof(stages));
	assert_string_equal(stages, "approved extension");

	assert_int_equal(request_set_load(fx->s, &rs, &err), 0);
	assert_int_equal(request_set_due(rs, fx->m1, U_PROT, day("2021-06-30")),
	    day("2021-07-31"));
	assert_int_equal(request_set_original(rs, fx->m1, U_PROT,
	    day("2021-07-31")), day("2021-06-30"));
	/* The other unit of the measure keeps June's date. */
	assert_int_equal(request_set_due(rs, fx->m1, U_LAW, day("2021-06-30")),
	    day("2021-06-30"));
	request_set_free(rs);

	/* Asked again through a link of the new date: it must be later than
	 * that, and is stored under the original occurrence. */
	assert_int_equal(extend(fx, fx->m1, U_PROT, "2021-07-31", "2021-07-15",
	    &id2, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "2021-07-31"));
	assert_int_equal(extend(fx, fx->m1, U_PROT, "2021-07-31", "2021-08-31",
	    &id2, &err), 0);
	assert_int_equal(requests_get(fx->s, id2, &r, &(bool){ false }, &err), 0);
	assert_int_equal(r.due, day("2021-06-30"));
	request_free(&r);
	/* Rejected, which needs no change of date. */
	assert_int_equal(requests_decide(fx->s, id2, false, "理由不充分", "cli",
	    T0 + 180, &r, &err), 0);
	request_free(&r);
	pending_stages(fx, U_PROT, stages, sizeof(stages));
	assert_string_equal(stages, "approved extension extension rejected");
	assert_int_equal(request_set_load(fx->s, &rs, &err), 0);
	assert_int_equal(request_set_due(rs, fx->m1, U_PROT, day("2021-06-30")),
	    day("2021-07-31"));
	request_set_free(rs);
}

static void
test_review(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct ack_target t = { fx->m1, (char *)U_PROT, day("2021-06-30") };
	struct ack_record a = { ACK_DONE, ACK_WEB, NULL, NULL, NULL, NULL };
	struct unit_request c = { 0, REQUEST_COMPLETION, fx->m1, (char *)U_PROT,
	    ROLE_LEAD, day("2021-06-30"), DATE_NONE, (char *)"", "web",
	    REQUEST_PENDING, 0, 0, NULL };
	struct unit_request r;
	struct request_set *rs;
	struct answers *ans;
	bool on = true;

	assert_int_equal(requests_review_on(fx->s, fx->m1, false, &on, &err), 0);
	assert_false(on);
	assert_int_equal(requests_set_plan_review(fx->s, fx->plan->id, 1, &err),
	    0);
	assert_int_equal(requests_review_on(fx->s, fx->m1, false, &on, &err), 0);
	assert_true(on);
	assert_int_equal(requests_set_plan_review(fx->s, fx->plan->id, -1,
	    &err), 0);
	assert_int_equal(requests_review_on(fx->s, fx->m1, true, &on, &err), 0);
	assert_true(on);
	assert_int_equal(requests_set_plan_review(fx->s, 999, 0, &err),
	    EXIT_NOINPUT);

	assert_int_equal(acks_record(fx->s, &t, &a, T0, &err), 0);
	assert_int_equal(requests_add(fx->s, &c, T0, &err), 0);
	assert_int_equal(acks_load(fx->s, &ans, &err), 0);
	assert_int_equal(request_set_load(fx->s, &rs, &err), 0);
	assert_int_equal(request_set_review(rs, fx->m1, U_PROT, t.due),
	    REVIEW_WAITING);
	/* Waiting counts as done: nothing is sent meanwhile. */
	assert_int_equal(answers_effective(ans, rs, fx->m1, U_PROT, t.due),
	    ANSWER_DONE);
	request_set_free(rs);

	assert_int_equal(requests_decide(fx->s, c.id, false, "材料不全", "cli",
	    T0 + 60, &r, &err), 0);
	request_free(&r);
	assert_int_equal(request_set_load(fx->s, &rs, &err), 0);
	assert_int_equal(request_set_review(rs, fx->m1, U_PROT, t.due),
	    REVIEW_RETURNED);
	/* Returned: open again, as acknowledged. */
	assert_int_equal(answers_effective(ans, rs, fx->m1, U_PROT, t.due),
	    ANSWER_ACK);
	assert_int_equal(answers_effective(ans, NULL, fx->m1, U_PROT, t.due),
	    ANSWER_DONE);
	request_set_free(rs);
	answers_free(ans);
}

static void
test_tokens(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	char tok[33], bad[33];
	int64_t id, got;

	assert_int_equal(extend(fx, fx->m2, U_OFFICE, "2021-12-31",
	    "2022-01-31", &id, &err), 0);
	assert_int_equal(review_token_issue(fx->s, id, T0, 14, tok, &err), 0);
	assert_int_equal(strlen(tok), 32);
	assert_int_equal(review_token_lookup(fx->s, tok, T0 + 13 * DAY, &got,
	    &err), 0);
	assert_int_equal(got, id);
	/* Expired, tampered, malformed: the same answer. */
	assert_int_equal(review_token_lookup(fx->s, tok, T0 + 14 * DAY, &got,
	    &err), EXIT_NOINPUT);
	assert_string_equal(err.msg, "unknown token");
	memcpy(bad, tok, sizeof(bad));
	bad[0] = bad[0] == 'a' ? 'b' : 'a';
	assert_int_equal(review_token_lookup(fx->s, bad, T0, &got, &err),
	    EXIT_NOINPUT);
	assert_int_equal(review_token_lookup(fx->s, "ABC", T0, &got, &err),
	    EXIT_NOINPUT);
}

static void
test_list(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct buf b = BUF_INIT;
	struct unit_request r;
	int64_t id;

	assert_int_equal(extend(fx, fx->m2, U_OFFICE, "2021-12-31",
	    "2022-01-31", &id, &err), 0);
	assert_int_equal(requests_list(fx->s, true, &b, &err), 0);
	assert_non_null(strstr(buf_str(&b), "\"new_due\": \"2022-01-31\""));
	assert_non_null(strstr(buf_str(&b), "\"note\": \"人手不足\""));
	buf_free(&b);
	assert_int_equal(requests_decide(fx->s, id, true, NULL, "cli", T0,
	    &r, &err), 0);
	request_free(&r);
	assert_int_equal(requests_list(fx->s, false, &b, &err), 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_extension, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
