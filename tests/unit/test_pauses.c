/* test_pauses: the supervisor's pauses against a real SQLite file with a
 * small imported plan: a unit's pause and a measure's (every unit), in
 * force until their date and not on it; logged in the answers log as
 * pause and resume, which are no answer of the unit's; a resume with
 * nothing in force refused (and one of a unit under an every-unit
 * pause told to use --all), nothing logged then; the set's change mark;
 * the list of pauses in force; the board's cells marked (done wins),
 * and the ledger's rows (已暂停至 DATE, counted open, not overdue). */
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
#include "store/ledger.h"
#include "store/pauses.h"
#include "store_fixture.h"
#include "zone_fixture.h"

static const char *const prot[] = { U_PROT }, *const law[] = { U_LAW },
    *const office[] = { U_OFFICE };

/* The acks log as text. */
static char *
log_text(struct fx *fx, bool json)
{
	struct error err = { 0, "" };
	struct buf b = BUF_INIT;

	if (acks_list(fx->s, json, &b, &err) != 0)
		fail_msg("acks_list: %s", err.msg);
	return buf_steal(&b);
}

static size_t
count_kind(struct fx *fx, enum ack_kind k)
{
	struct error err = { 0, "" };
	size_t n;

	if (acks_count(fx->s, k, &n, &err) != 0)
		fail_msg("acks_count: %s", err.msg);
	return n;
}

static void
test_pause_and_resume(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct pause_req p[2] = {
		{ fx->m1, U_PROT, prot, 1, day("2021-06-30"), day("2021-07-10"),
		  "等待省政府批复", ACK_CLI },
		{ fx->m2, NULL, office, 1, day("2021-12-31"), day("2021-07-05"),
		  "机构调整", ACK_CLI },
	};
	struct pause_set *ps = NULL;
	const struct pause_row *r;
	struct buf b = BUF_INIT;
	enum answer a;
	bool changed;
	char *text;
	int today = day("2021-06-30");

	if (pause_set_load(fx->s, &ps, &err) != 0)
		fail_msg("pause_set_load: %s", err.msg);
	assert_null(pause_set_find(ps, fx->m1, U_PROT, today));
	if (pauses_add(fx->s, p, 2, T0, &err) != 0)
		fail_msg("pauses_add: %s", err.msg);
	assert_int_equal(pause_set_changed(fx->s, ps, &changed, &err), 0);
	assert_true(changed);
	pause_set_free(ps);
	if (pause_set_load(fx->s, &ps, &err) != 0)
		fail_msg("pause_set_load: %s", err.msg);
	assert_int_equal(pause_set_changed(fx->s, ps, &changed, &err), 0);
	assert_false(changed);

	/* The unit's own pause, to the day before its date. */
	assert_non_null(r = pause_set_find(ps, fx->m1, U_PROT, today));
	assert_int_equal(r->until, day("2021-07-10"));
	assert_string_equal(r->reason, "等待省政府批复");
	assert_non_null(pause_set_find(ps, fx->m1, U_PROT, day("2021-07-09")));
	assert_null(pause_set_find(ps, fx->m1, U_PROT, day("2021-07-10")));
	/* The measure's other unit is not paused. */
	assert_null(pause_set_find(ps, fx->m1, U_LAW, today));
	/* Every unit of m2: any name. */
	assert_non_null(r = pause_set_find(ps, fx->m2, U_OFFICE, today));
	assert_null(r->unit);
	assert_non_null(pause_set_find(ps, fx->m2, "别的处", today));
	assert_null(pause_set_find(NULL, fx->m2, U_OFFICE, today));

	/* Logged, with the reason; no answer of the unit's. */
	text = log_text(fx, false);
	assert_non_null(strstr(text, "pause  cli  measure"));
	assert_non_null(strstr(text, U_PROT "  due 2021-06-30  等待省政府批复"));
	assert_non_null(strstr(text, U_OFFICE "  due 2021-12-31  机构调整"));
	free(text);
	assert_int_equal(count_kind(fx, ACK_PAUSE), 2);
	assert_int_equal(acks_answer(fx->s, fx->m1, U_PROT, day("2021-06-30"),
	    &a, &err), 0);
	assert_int_equal(a, ANSWER_NONE);

	/* In force, listed; a JSON unit null for every unit. */
	assert_int_equal(pauses_list(fx->s, today, true, &b, &err), 0);
	assert_non_null(strstr(buf_str(&b), "\"unit\": \"" U_PROT "\", \"until\": "
	    "\"2021-07-10\", \"reason\": \"等待省政府批复\""));
	assert_non_null(strstr(buf_str(&b), "\"unit\": null, \"until\": \"2021-07-05\""));
	buf_free(&b);
	assert_int_equal(pauses_list(fx->s, day("2021-07-05"), false, &b,
	    &err), 0);
	assert_null(strstr(buf_str(&b), U_OFFICE));
	assert_non_null(strstr(buf_str(&b), "until 2021-07-10"));
	buf_free(&b);

	/* Nothing in force for LAW: refused, nothing logged. */
	struct pause_req q = { fx->m1, U_LAW, law, 1, day("2021-06-30"),
	    DATE_NONE, NULL, ACK_CLI };
	assert_int_equal(pauses_resume(fx->s, &q, 1, today, T0 + 60, &err),
	    EXIT_DATAERR);
	assert_string_equal(err.msg, "no pause in force");
	/* m2 is paused for every unit: a unit's resume says --all. */
	q = (struct pause_req){ fx->m2, U_OFFICE, office, 1, day("2021-12-31"),
	    DATE_NONE, NULL, ACK_CLI };
	assert_int_equal(pauses_resume(fx->s, &q, 1, today, T0 + 60, &err),
	    EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "--all"));
	/* A pause past its date is no longer in force. */
	q = (struct pause_req){ fx->m2, NULL, office, 1, day("2021-12-31"),
	    DATE_NONE, NULL, ACK_CLI };
	assert_int_equal(pauses_resume(fx->s, &q, 1, day("2021-07-05"),
	    T0 + 60, &err), EXIT_DATAERR);
	assert_int_equal(count_kind(fx, ACK_RESUME), 0);

	/* PROT's resumed: the set changed, the item is free, logged. */
	q = (struct pause_req){ fx->m1, U_PROT, prot, 1, day("2021-06-30"),
	    DATE_NONE, NULL, ACK_CLI };
	if (pauses_resume(fx->s, &q, 1, today, T0 + 60, &err) != 0)
		fail_msg("pauses_resume: %s", err.msg);
	assert_int_equal(pause_set_changed(fx->s, ps, &changed, &err), 0);
	assert_true(changed);
	pause_set_free(ps);
	if (pause_set_load(fx->s, &ps, &err) != 0)
		fail_msg("pause_set_load: %s", err.msg);
	assert_null(pause_set_find(ps, fx->m1, U_PROT, today));
	assert_non_null(pause_set_find(ps, fx->m2, U_OFFICE, today));
	assert_int_equal(count_kind(fx, ACK_RESUME), 1);
	text = log_text(fx, true);
	assert_non_null(strstr(text, "\"kind\": \"resume\""));
	free(text);
	/* Once: a second resume finds nothing. */
	assert_int_equal(pauses_resume(fx->s, &q, 1, today, T0 + 120, &err),
	    EXIT_DATAERR);
	pause_set_free(ps);
}

/* The board: a paused cell is paused, with its date and reason; a done
 * one stays done (keeping the date); the others are untouched. */
static void
test_board(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct pause_req p[2] = {
		{ fx->m1, U_PROT, prot, 1, day("2021-06-30"), day("2021-07-10"),
		  "等待批复", ACK_CLI },
		{ fx->m2, NULL, office, 1, day("2021-12-31"), day("2021-07-10"),
		  "机构调整", ACK_CLI },
	};
	struct ack_target t = { fx->m2, (char *)U_OFFICE, day("2021-12-31") };
	struct ack_record done = { ACK_DONE, ACK_CLI, NULL, NULL, NULL, NULL };
	struct plan *plans[1] = { fx->plan };
	struct board_cell *c = NULL;
	struct ledger l;
	char text[64];
	size_t n;
	int today = day("2021-07-01");

	if (pauses_add(fx->s, p, 2, T0, &err) != 0 ||
	    acks_record(fx->s, &t, &done, T0, &err) != 0)
		fail_msg("%s", err.msg);
	if (acks_board(fx->s, plans, 1, today, NULL, &c, &n, &err) != 0 ||
	    pauses_mark_board(fx->s, c, n, today, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].unit->name, U_PROT);
	assert_int_equal(c[0].state, CELL_PAUSED);
	assert_false(c[0].has_level);
	assert_int_equal(c[0].paused_until, day("2021-07-10"));
	assert_string_equal(c[0].pause_reason, "等待批复");
	/* LAW, overdue and unpaused, stays overdue. */
	assert_int_equal(c[1].state, CELL_OVERDUE);
	assert_int_equal(c[1].paused_until, DATE_NONE);
	assert_null(c[1].pause_reason);
	assert_int_equal(c[2].state, CELL_DONE);
	assert_int_equal(c[2].paused_until, day("2021-07-10"));
	if (ledger_build(fx->s, c, n, today, &l, &err) != 0)
		fail_msg("ledger_build: %s", err.msg);
	assert_int_equal(l.rows[0].state, LEDGER_PAUSED);
	assert_string_equal(ledger_state_name(l.rows[0].state), "paused");
	ledger_state_text(&l.rows[0], text, sizeof(text));
	assert_string_equal(text, "已暂停至 2021-07-10");
	assert_int_equal(l.rows[1].state, LEDGER_OVERDUE);
	assert_int_equal(l.rows[2].state, LEDGER_DONE);
	assert_string_equal(l.units[0].name, U_PROT);
	assert_int_equal(l.units[0].overdue, 0);
	assert_int_equal(l.units[0].open, 1);
	ledger_free(&l);
	acks_board_free(c, n);
	/* On the pause's date the cell is what it would be. */
	today = day("2021-07-10");
	if (acks_board(fx->s, plans, 1, today, NULL, &c, &n, &err) != 0 ||
	    pauses_mark_board(fx->s, c, n, today, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(c[0].state, CELL_OVERDUE);
	assert_int_equal(c[0].paused_until, DATE_NONE);
	acks_board_free(c, n);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pause_and_resume),
		T(test_board),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
