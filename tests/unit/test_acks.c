/* test_acks: acknowledgements against a real SQLite file in a fresh
 * temporary directory, with a small imported plan: tokens and their
 * lookup (malformed and unknown ones refused alike), recording and
 * answering (done outranks ack, answers per measure, unit and due),
 * the answers loaded once for a pass, the log as JSON and text, the
 * supervisor's board, and the names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/acks.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "store/outbox.h"
#include "plan/plan.h"
#include "store/store.h"
#include "store_fixture.h"
#include "answers_fixture.h"
#include "store/tokens.h"

/* ---- helpers ------------------------------------------------------------ */

/* A new token for (measure, unit, due), which must be made. */
static void
token_ok(struct fx *fx, int64_t m, const char *unit, const char *due,
    char tok[33])
{
	struct error err = { 0, "" };

	memset(tok, 'X', 33);
	if (token_issue(fx->s, m, unit, day(due), T0, tok, &err) != 0)
		fail_msg("token_issue: %s", err.msg);
}

static enum answer
answer(struct fx *fx, int64_t m, const char *unit, const char *due)
{
	struct error err = { 0, "" };
	enum answer a = (enum answer)-1;

	if (acks_answer(fx->s, m, unit, day(due), &a, &err) != 0)
		fail_msg("acks_answer: %s", err.msg);
	return a;
}

/* The log (JSON or text), which must list; the caller frees it. */
static char *
list_ok(struct fx *fx, bool json)
{
	struct error err = { 0, "" };
	struct buf b = { 0 };

	if (acks_list(fx->s, json, &b, &err) != 0)
		fail_msg("acks_list: %s", err.msg);
	return b.s != NULL ? buf_steal(&b) : xstrdup("");
}

static size_t
count_str(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* ---- tokens ------------------------------------------------------------- */

static void
test_token_lookup(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct ack_target t;
	char tok[33], tok2[33], tok3[33];

	token_ok(fx, fx->m1, U_LAW, "2021-06-30", tok);
	assert_int_equal(strlen(tok), 32);
	assert_int_equal(strspn(tok, "0123456789abcdef"), 32);

	assert_int_equal(token_lookup(fx->s, tok, &t, &err), 0);
	assert_int_equal(t.measure_id, fx->m1);
	assert_string_equal(t.unit, U_LAW);
	assert_int_equal(t.due, day("2021-06-30"));
	ack_target_free(&t);
	assert_null(t.unit);

	/* Another item's token names that item. */
	token_ok(fx, fx->m2, U_OFFICE, "2021-12-31", tok3);
	assert_string_not_equal(tok, tok3);
	assert_int_equal(token_lookup(fx->s, tok3, &t, &err), 0);
	assert_int_equal(t.measure_id, fx->m2);
	assert_string_equal(t.unit, U_OFFICE);
	assert_int_equal(t.due, day("2021-12-31"));
	ack_target_free(&t);

	/* Two tokens for the same item both work. */
	token_ok(fx, fx->m1, U_LAW, "2021-06-30", tok2);
	assert_string_not_equal(tok, tok2);
	assert_int_equal(token_lookup(fx->s, tok2, &t, &err), 0);
	assert_int_equal(t.measure_id, fx->m1);
	assert_string_equal(t.unit, U_LAW);
	assert_int_equal(t.due, day("2021-06-30"));
	ack_target_free(&t);
	assert_int_equal(token_lookup(fx->s, tok, &t, &err), 0);
	assert_int_equal(t.measure_id, fx->m1);
	ack_target_free(&t);
}

static void
test_token_refused(void **state)
{
	struct fx *fx = *state;
	struct error err;
	struct ack_target t;
	char tok[33], bad[16][64], first_msg[1024] = "";
	size_t nbad = 0, i;

	token_ok(fx, fx->m1, U_PROT, "2021-06-30", tok);

	/* One digit different. */
	snprintf(bad[nbad], 64, "%s", tok);
	bad[nbad][5] = bad[nbad][5] == '0' ? '1' : '0';
	nbad++;
	/* Last digit different. */
	snprintf(bad[nbad], 64, "%s", tok);
	bad[nbad][31] = bad[nbad][31] == 'f' ? 'e' : 'f';
	nbad++;
	/* Uppercase (make sure there is a letter to change). */
	snprintf(bad[nbad], 64, "%s", tok);
	bad[nbad][0] = 'a';
	for (i = 0; i < 32; i++)
		if (bad[nbad][i] >= 'a' && bad[nbad][i] <= 'f')
			bad[nbad][i] = (char)(bad[nbad][i] - 'a' + 'A');
	nbad++;
	/* The real token uppercase when it has letters. */
	snprintf(bad[nbad], 64, "%s", tok);
	for (i = 0; i < 32; i++)
		if (bad[nbad][i] >= 'a' && bad[nbad][i] <= 'f')
			bad[nbad][i] = (char)(bad[nbad][i] - 'a' + 'A');
	if (strcmp(bad[nbad], tok) != 0)
		nbad++;
	/* 31 and 33 characters. */
	snprintf(bad[nbad++], 64, "%.31s", tok);
	snprintf(bad[nbad++], 64, "%s0", tok);
	snprintf(bad[nbad++], 64, "%sa", tok);
	/* Non-hex characters. */
	snprintf(bad[nbad], 64, "%s", tok);
	bad[nbad++][10] = 'g';
	snprintf(bad[nbad], 64, "%s", tok);
	bad[nbad++][0] = ' ';
	snprintf(bad[nbad], 64, "%s", tok);
	bad[nbad++][31] = '\n';
	snprintf(bad[nbad], 64, "%.16s-%.15s", tok, tok + 16);
	nbad++;
	snprintf(bad[nbad++], 64, "%s", "");
	snprintf(bad[nbad++], 64, "%s", "../../etc");
	snprintf(bad[nbad++], 64, "%s", "../../etc/passwd0000000000000000");
	assert_true(nbad <= 16);

	for (i = 0; i < nbad; i++) {
		memset(&err, 0, sizeof(err));
		t.measure_id = 42;
		t.unit = (char *)"junk";
		assert_string_not_equal(bad[i], tok);
		assert_int_equal(token_lookup(fx->s, bad[i], &t, &err), EXIT_NOINPUT);
		assert_int_equal(err.code, EXIT_NOINPUT);
		assert_null(t.unit);
		assert_true(err.msg[0] != '\0');
		if (i == 0)
			snprintf(first_msg, sizeof(first_msg), "%s", err.msg);
		else
			assert_string_equal(err.msg, first_msg);
	}
	/* No hint of why: neither the token nor a reason is echoed. */
	assert_null(strstr(first_msg, tok));
	assert_null(strstr(first_msg, "length"));
	assert_null(strstr(first_msg, "hex"));
	assert_null(strstr(first_msg, "malformed"));

	/* The real one still works. */
	memset(&err, 0, sizeof(err));
	assert_int_equal(token_lookup(fx->s, tok, &t, &err), 0);
	assert_int_equal(t.measure_id, fx->m1);
	assert_string_equal(t.unit, U_PROT);
	ack_target_free(&t);
}

/* ---- record and answer -------------------------------------------------- */

static void
test_record_answer(void **state)
{
	struct fx *fx = *state;
	char *text;

	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_NONE);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL,
	    "192.0.2.1", "Mozilla/5.0", T0);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_ACK);

	/* Per (measure, unit, due). */
	assert_int_equal(answer(fx, fx->m1, U_LAW, "2021-06-30"), ANSWER_NONE);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-07-31"), ANSWER_NONE);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2020-06-30"), ANSWER_NONE);
	assert_int_equal(answer(fx, fx->m2, U_PROT, "2021-06-30"), ANSWER_NONE);

	/* Repeating an ack is harmless: logged twice, same answer. */
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_CLI, NULL, NULL,
	    NULL, T0 + 60);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_ACK);
	text = list_ok(fx, false);
	assert_int_equal(count_str(text, "\n"), 2);
	free(text);

	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_DONE, ACK_API, "完成",
	    NULL, NULL, T0 + 120);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_DONE);
	/* A later ack does not downgrade done. */
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL, NULL,
	    NULL, T0 + 180);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_DONE);
	assert_int_equal(answer(fx, fx->m1, U_LAW, "2021-06-30"), ANSWER_NONE);

	/* Done for another unit without an ack first. */
	record(fx, fx->m2, U_OFFICE, "2021-12-31", ACK_DONE, ACK_CLI, NULL,
	    NULL, NULL, T0 + 240);
	assert_int_equal(answer(fx, fx->m2, U_OFFICE, "2021-12-31"), ANSWER_DONE);
	assert_int_equal(answer(fx, fx->m2, U_OFFICE, "2021-09-30"), ANSWER_NONE);

	text = list_ok(fx, false);
	assert_int_equal(count_str(text, "\n"), 5);
	free(text);
}

/* A token looked up and recorded through: the path the web takes. */
static void
test_record_via_token(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct ack_target t;
	struct ack_record a = { ACK_ACK, ACK_WEB, "", "192.0.2.7", "UA", NULL };
	char tok[33];

	token_ok(fx, fx->m1, U_LAW, "2021-06-30", tok);
	assert_int_equal(token_lookup(fx->s, tok, &t, &err), 0);
	assert_int_equal(acks_record(fx->s, &t, &a, T0, &err), 0);
	ack_target_free(&t);
	assert_int_equal(answer(fx, fx->m1, U_LAW, "2021-06-30"), ANSWER_ACK);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_NONE);
}

/* ---- load and get ------------------------------------------------------- */

static void
test_load_get(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct answers *ans = NULL;
	static const struct {
		int which;		/* 1: m1, 2: m2, 3: m1 + 1000 (no such) */
		const char *unit, *due;
		enum answer want;
	} cases[] = {
		{ 1, U_PROT, "2021-06-30", ANSWER_DONE },
		{ 1, U_LAW, "2021-06-30", ANSWER_ACK },
		{ 1, U_OFFICE, "2021-06-30", ANSWER_NONE },
		{ 1, U_PROT, "2021-05-31", ANSWER_ACK },
		{ 1, U_LAW, "2021-05-31", ANSWER_NONE },
		{ 1, U_PROT, "2021-07-31", ANSWER_NONE },
		{ 2, U_OFFICE, "2021-12-31", ANSWER_ACK },
		{ 2, U_OFFICE, "2021-06-30", ANSWER_NONE },
		{ 2, U_PROT, "2021-12-31", ANSWER_NONE },
		{ 2, "", "2021-12-31", ANSWER_NONE },
		{ 2, "办公", "2021-12-31", ANSWER_NONE },
		{ 2, "办公室 ", "2021-12-31", ANSWER_NONE },
		{ 3, U_PROT, "2021-06-30", ANSWER_NONE },
		{ 1, "保护处处", "2021-06-30", ANSWER_NONE },
	};
	size_t i;

	/* Empty: nothing loaded, everything NONE. */
	assert_int_equal(acks_load(fx->s, &ans, &err), 0);
	assert_non_null(ans);
	assert_int_equal(answers_get(ans, fx->m1, U_PROT, day("2021-06-30")),
	    ANSWER_NONE);
	answers_free(ans);
	ans = NULL;

	/* Recorded out of key order, so the sort matters. */
	record(fx, fx->m2, U_OFFICE, "2021-12-31", ACK_ACK, ACK_WEB, NULL,
	    NULL, NULL, T0);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL,
	    NULL, NULL, T0 + 1);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_ACK, ACK_WEB, NULL,
	    NULL, NULL, T0 + 2);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_DONE, ACK_CLI, NULL,
	    NULL, NULL, T0 + 3);
	record(fx, fx->m1, U_PROT, "2021-05-31", ACK_ACK, ACK_API, NULL,
	    NULL, NULL, T0 + 4);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL,
	    NULL, NULL, T0 + 5);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_ACK, ACK_WEB, NULL,
	    NULL, NULL, T0 + 6);

	assert_int_equal(acks_load(fx->s, &ans, &err), 0);
	assert_non_null(ans);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t m = cases[i].which == 1 ? fx->m1 :
		    cases[i].which == 2 ? fx->m2 : fx->m1 + 1000;
		enum answer direct = answer(fx, m, cases[i].unit, cases[i].due);
		enum answer got = answers_get(ans, m, cases[i].unit,
		    day(cases[i].due));

		if (direct != cases[i].want || got != cases[i].want)
			fail_msg("case %zu (%s %s): answer %d, get %d, want %d", i,
			    cases[i].unit, cases[i].due, (int)direct, (int)got,
			    (int)cases[i].want);
	}
	answers_free(ans);
	answers_free(NULL);

	assert_int_equal(answers_get(NULL, fx->m1, U_PROT, day("2021-06-30")),
	    ANSWER_NONE);
}

/* ---- the log ------------------------------------------------------------ */

static void
test_list_json(void **state)
{
	struct fx *fx = *state;
	char *j, *want, *text;
	const char *p;
	struct buf w = { 0 };

	j = list_ok(fx, true);
	assert_string_equal(j, "[]\n");
	free(j);
	j = list_ok(fx, false);
	assert_string_equal(j, "");
	free(j);

	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL,
	    "192.0.2.1", "Mozilla/5.0 (X11)", T0);
	record(fx, fx->m2, U_OFFICE, "2021-12-31", ACK_DONE, ACK_CLI,
	    "他说\"好\" C:\\dir\n<script>alert(1)</script>", NULL, NULL,
	    T0 + DAY);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_ACK, ACK_API, "", NULL, NULL,
	    T0 + 2 * DAY);

	j = list_ok(fx, true);
	buf_printf(&w, "[\n {\"unit\": \"" U_PROT "\", \"measure_id\": %lld, "
	    "\"due\": \"2021-06-30\", \"kind\": \"ack\", "
	    "\"at\": \"2021-06-30T04:53:20+08:00\", \"source\": \"web\", "
	    "\"note\": null, \"remote\": \"192.0.2.1\", "
	    "\"agent\": \"Mozilla/5.0 (X11)\", \"percent\": null, "
	    "\"problems\": null, \"next\": null},\n", (long long)fx->m1);
	buf_printf(&w, " {\"unit\": \"" U_OFFICE "\", \"measure_id\": %lld, "
	    "\"due\": \"2021-12-31\", \"kind\": \"done\", "
	    "\"at\": \"2021-07-01T04:53:20+08:00\", \"source\": \"cli\", "
	    "\"note\": \"他说\\\"好\\\" C:\\\\dir\\n<script>alert(1)</script>\", "
	    "\"remote\": null, \"agent\": null, \"percent\": null, "
	    "\"problems\": null, \"next\": null},\n", (long long)fx->m2);
	buf_printf(&w, " {\"unit\": \"" U_LAW "\", \"measure_id\": %lld, "
	    "\"due\": \"2021-06-30\", \"kind\": \"ack\", "
	    "\"at\": \"2021-07-02T04:53:20+08:00\", \"source\": \"api\", "
	    "\"note\": null, \"remote\": null, \"agent\": null, "
	    "\"percent\": null, \"problems\": null, \"next\": null}\n]\n",
	    (long long)fx->m1);
	want = buf_steal(&w);
	assert_string_equal(j, want);
	free(want);

	/* Spot checks that do not depend on the exact layout. */
	assert_non_null(strstr(j, "+08:00\""));
	assert_null(strstr(j, "Z\""));
	p = strstr(j, U_PROT);
	assert_non_null(p);
	assert_non_null(strstr(p, U_OFFICE));
	assert_non_null(strstr(strstr(p, U_OFFICE), U_LAW));
	/* No raw newline inside a string: 3 objects, one per line. */
	assert_int_equal(count_str(j, "\n"), 5);
	free(j);

	/* Text: one line per ack, oldest first, with the note. */
	text = list_ok(fx, false);
	assert_int_equal(count_str(text, "\n"), 3);
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_true(strncmp(text, "2021-06-30T04:53:20", 19) == 0);
	p = strchr(text, '\n') + 1;
	assert_true(strncmp(p, "2021-07-01T04:53:20", 19) == 0);
	assert_non_null(strstr(p, "done"));
	assert_non_null(strstr(p, "cli"));
	assert_non_null(strstr(p, U_OFFICE));
	assert_non_null(strstr(p, "2021-12-31"));
	assert_non_null(strstr(p, "C:\\dir\\n<script>alert(1)</script>"));
	p = strchr(p, '\n') + 1;
	assert_true(strncmp(p, "2021-07-02T04:53:20", 19) == 0);
	assert_non_null(strstr(p, U_LAW));
	assert_non_null(strstr(p, "api"));
	free(text);
}

/* ---- the board ---------------------------------------------------------- */

static struct board_cell *
board_ok(struct fx *fx, const char *today, size_t *n)
{
	struct error err = { 0, "" };
	struct board_cell *c = NULL;
	struct plan *plans[1] = { fx->plan };

	if (acks_board(fx->s, plans, 1, day(today), NULL, &c, n, &err) != 0)
		fail_msg("acks_board: %s", err.msg);
	assert_int_equal(*n, 3);
	assert_non_null(c);
	/* Plan order, with the right unit, measure and due. */
	assert_ptr_equal(c[0].plan, fx->plan);
	assert_ptr_equal(c[0].measure, &fx->plan->tasks[0].measures[0]);
	assert_ptr_equal(c[0].task, &fx->plan->tasks[0]);
	assert_string_equal(c[0].unit->name, U_PROT);
	assert_int_equal(c[0].unit->role, ROLE_LEAD);
	assert_int_equal(c[0].due, day("2021-06-30"));
	assert_ptr_equal(c[1].measure, &fx->plan->tasks[0].measures[0]);
	assert_string_equal(c[1].unit->name, U_LAW);
	assert_int_equal(c[1].unit->role, ROLE_SUPPORT);
	assert_int_equal(c[1].due, day("2021-06-30"));
	assert_ptr_equal(c[2].measure, &fx->plan->tasks[0].measures[1]);
	assert_string_equal(c[2].unit->name, U_OFFICE);
	assert_int_equal(c[2].due, day("2021-12-31"));
	return c;
}

static void
expect_states(struct fx *fx, const char *today, enum cell_state a,
    enum cell_state b, enum cell_state c)
{
	struct board_cell *cells;
	size_t n;

	cells = board_ok(fx, today, &n);
	if (cells[0].state != a || cells[1].state != b || cells[2].state != c)
		fail_msg("%s: got %s %s %s, want %s %s %s", today,
		    cell_state_name(cells[0].state), cell_state_name(cells[1].state),
		    cell_state_name(cells[2].state), cell_state_name(a),
		    cell_state_name(b), cell_state_name(c));
	acks_board_free(cells, n);
}

static void
test_board(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct board_cell *cells = (struct board_cell *)1;
	size_t n = 99;

	/* Nothing sent: quiet before the due date, overdue after it. */
	expect_states(fx, "2021-06-20", CELL_QUIET, CELL_QUIET, CELL_QUIET);
	expect_states(fx, "2021-06-30", CELL_QUIET, CELL_QUIET, CELL_QUIET);
	expect_states(fx, "2021-07-10", CELL_OVERDUE, CELL_OVERDUE, CELL_QUIET);

	/* A notice in a queued (unsent) message is not yet "waiting"; nor is
	 * a sent one for another due date or another unit. */
	notify(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30", false);
	notify(fx, fx->m2, U_OFFICE, ROLE_RESPONSIBLE, "2021-06-30", true);
	notify(fx, fx->m2, U_PROT, ROLE_RESPONSIBLE, "2021-12-31", true);
	expect_states(fx, "2021-06-20", CELL_QUIET, CELL_QUIET, CELL_QUIET);

	/* Sent: waiting. */
	notify(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30", true);
	expect_states(fx, "2021-06-20", CELL_QUIET, CELL_WAITING, CELL_QUIET);
	expect_states(fx, "2021-06-30", CELL_QUIET, CELL_WAITING, CELL_QUIET);
	/* Past due and silent: overdue, notified or not. */
	expect_states(fx, "2021-07-10", CELL_OVERDUE, CELL_OVERDUE, CELL_QUIET);

	/* Acked, then done; an answer for another due date does not count. */
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_ACK, ACK_WEB, NULL, NULL,
	    NULL, T0);
	record(fx, fx->m1, U_PROT, "2021-05-31", ACK_DONE, ACK_WEB, NULL, NULL,
	    NULL, T0);
	record(fx, fx->m2, U_OFFICE, "2021-06-30", ACK_DONE, ACK_WEB, NULL, NULL,
	    NULL, T0);
	expect_states(fx, "2021-06-20", CELL_QUIET, CELL_ACKED, CELL_QUIET);
	expect_states(fx, "2021-07-10", CELL_OVERDUE, CELL_ACKED, CELL_QUIET);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_DONE, ACK_CLI, NULL, NULL,
	    NULL, T0 + 1);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_CLI, NULL, NULL,
	    NULL, T0 + 2);
	expect_states(fx, "2021-06-20", CELL_ACKED, CELL_DONE, CELL_QUIET);
	expect_states(fx, "2021-07-10", CELL_ACKED, CELL_DONE, CELL_QUIET);
	record(fx, fx->m2, U_OFFICE, "2021-12-31", ACK_DONE, ACK_CLI, NULL,
	    NULL, NULL, T0 + 3);
	expect_states(fx, "2021-07-10", CELL_ACKED, CELL_DONE, CELL_DONE);
	/* After the year the date items stay on their due date. */
	expect_states(fx, "2022-01-05", CELL_ACKED, CELL_DONE, CELL_DONE);

	/* No plans: no cells. */
	assert_int_equal(acks_board(fx->s, NULL, 0, day("2021-06-20"), NULL, &cells,
	    &n, &err), 0);
	assert_int_equal(n, 0);
	acks_board_free(cells, n);
}

/* ---- progress reports --------------------------------------------------- */

/* A string of n copies of the UTF-8 character c. */
static char *
repeat(const char *c, size_t n)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < n; i++)
		buf_puts(&b, c);
	return buf_steal(&b);
}

/* A report's checks: what is refused and what is let through. */
static void
test_progress_read(void **state)
{
	char *t2000 = repeat("进", 2000), *t2001 = repeat("进", 2001),
	    *m1000 = repeat("题", 1000), *m1001 = repeat("题", 1001),
	    *crlf = repeat("x\r\n", 1000);
	static const char *const percents_ok[] = { NULL, "", "0", "7", "40",
	    "100", "007" };
	static const char *const percents_bad[] = { "101", "-1", "+5", " 5",
	    "5 ", "40%", "1e2", "4.5", "0100", "abc", "１０" };
	struct ack_progress p;
	size_t i;

	(void)state;
	assert_int_equal(acks_progress_read(&p, "做了", "40", "", NULL),
	    PROGRESS_OK);
	assert_string_equal(p.text, "做了");
	assert_int_equal(p.percent, 40);
	assert_null(p.problems);
	assert_null(p.next);
	assert_int_equal(acks_progress_read(&p, "做了", NULL, "缺人", "再做"),
	    PROGRESS_OK);
	assert_int_equal(p.percent, -1);
	assert_string_equal(p.problems, "缺人");
	assert_string_equal(p.next, "再做");
	for (i = 0; i < sizeof(percents_ok) / sizeof(*percents_ok); i++)
		assert_int_equal(acks_progress_read(&p, "x", percents_ok[i],
		    NULL, NULL), PROGRESS_OK);
	for (i = 0; i < sizeof(percents_bad) / sizeof(*percents_bad); i++)
		if (acks_progress_read(&p, "x", percents_bad[i], NULL, NULL) !=
		    PROGRESS_PERCENT)
			fail_msg("percent \"%s\" taken", percents_bad[i]);
	assert_int_equal(acks_progress_read(&p, NULL, "1", NULL, NULL),
	    PROGRESS_NO_TEXT);
	assert_int_equal(acks_progress_read(&p, "", "1", NULL, NULL),
	    PROGRESS_NO_TEXT);
	assert_int_equal(acks_progress_read(&p, " \n\u3000", "1", NULL, NULL),
	    PROGRESS_NO_TEXT);
	assert_int_equal(acks_progress_read(&p, t2000, "1", m1000, m1000),
	    PROGRESS_OK);
	/* A line break as CR LF is one character, as the form counts it. */
	assert_int_equal(acks_progress_read(&p, crlf, NULL, NULL, NULL),
	    PROGRESS_OK);
	crlf[strlen(crlf) - 1] = 'x';	/* CR x: two characters, 2001 */
	assert_int_equal(acks_progress_read(&p, crlf, NULL, NULL, NULL),
	    PROGRESS_TEXT);
	assert_int_equal(acks_progress_read(&p, t2001, "1", NULL, NULL),
	    PROGRESS_TEXT);
	assert_int_equal(acks_progress_read(&p, "a\x01b", "1", NULL, NULL),
	    PROGRESS_TEXT);
	assert_int_equal(acks_progress_read(&p, "\xff", "1", NULL, NULL),
	    PROGRESS_TEXT);
	assert_int_equal(acks_progress_read(&p, "x", "1", m1001, NULL),
	    PROGRESS_PROBLEMS);
	assert_int_equal(acks_progress_read(&p, "x", "1", NULL, m1001),
	    PROGRESS_NEXT);
	assert_int_equal(acks_progress_read(&p, "x", "1", NULL, "a\x1b"),
	    PROGRESS_NEXT);
	assert_string_equal(progress_fault_text(PROGRESS_PERCENT),
	    "percent: an integer from 0 to 100 expected");
	assert_non_null(strstr(progress_fault_text(PROGRESS_TEXT), "2000"));
	assert_non_null(strstr(progress_fault_text(PROGRESS_NEXT), "1000"));
	free(t2000);
	free(t2001);
	free(m1000);
	free(m1001);
	free(crlf);
}

/* Reports in the log: their fields in both listings, the unit's reports
 * newest first, when it last reported, and a report counting as 已收到
 * (never as done). */
static void
test_progress_log(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct ack_target t = { fx->m1, U_PROT, day("2021-06-30") };
	struct ack_progress p1 = { "第一次", -1, "缺\"人\"", NULL },
	    p2 = { "第二次\n两行", 40, NULL, "再做" };
	struct ack_record a1 = { ACK_PROGRESS, ACK_CLI, NULL, NULL, NULL, &p1 },
	    a2 = { ACK_PROGRESS, ACK_WEB, NULL, "192.0.2.9", "UA", &p2 };
	struct progress_row *r = NULL;
	struct answers *ans = NULL;
	size_t n = 0;
	char *j;

	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_NONE);
	assert_int_equal(acks_record(fx->s, &t, &a1, T0, &err), 0);
	assert_int_equal(acks_record(fx->s, &t, &a2, T0 + DAY, &err), 0);
	assert_int_equal(answer(fx, fx->m1, U_PROT, "2021-06-30"), ANSWER_ACK);
	assert_int_equal(answer(fx, fx->m1, U_LAW, "2021-06-30"), ANSWER_NONE);

	assert_int_equal(acks_load(fx->s, &ans, &err), 0);
	assert_int_equal(answers_get(ans, fx->m1, U_PROT, day("2021-06-30")),
	    ANSWER_ACK);
	assert_int_equal(answers_reported(ans, fx->m1, U_PROT,
	    day("2021-06-30")), T0 + DAY);
	assert_int_equal(answers_reported(ans, fx->m1, U_PROT,
	    day("2021-05-31")), 0);
	assert_int_equal(answers_reported(ans, fx->m1, U_LAW,
	    day("2021-06-30")), 0);
	answers_free(ans);
	/* An ack after the reports leaves the time of the last one. */
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL, NULL,
	    NULL, T0 + 2 * DAY);
	assert_int_equal(acks_load(fx->s, &ans, &err), 0);
	assert_int_equal(answers_reported(ans, fx->m1, U_PROT,
	    day("2021-06-30")), T0 + DAY);
	answers_free(ans);

	assert_int_equal(acks_progress_list(fx->s, fx->m1, U_PROT,
	    day("2021-06-30"), 20, &r, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].text, "第二次\n两行");
	assert_int_equal(r[0].percent, 40);
	assert_null(r[0].problems);
	assert_string_equal(r[0].next, "再做");
	assert_string_equal(r[0].source, "web");
	assert_int_equal(r[0].at, T0 + DAY);
	assert_string_equal(r[1].text, "第一次");
	assert_int_equal(r[1].percent, -1);
	assert_string_equal(r[1].problems, "缺\"人\"");
	progress_rows_free(r, n);
	assert_int_equal(acks_progress_list(fx->s, fx->m1, U_PROT,
	    day("2021-06-30"), 1, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].text, "第二次\n两行");
	progress_rows_free(r, n);
	assert_int_equal(acks_progress_list(fx->s, fx->m1, U_LAW,
	    day("2021-06-30"), 20, &r, &n, &err), 0);
	assert_int_equal(n, 0);
	progress_rows_free(r, n);

	/* The board: each cell's latest report of its occurrence. */
	{
		struct board_cell *c = board_ok(fx, "2021-06-20", &n);

		assert_int_equal(c[0].state, CELL_ACKED);
		assert_int_equal(c[0].reported, T0 + DAY);
		assert_int_equal(c[0].percent, 40);
		assert_string_equal(c[0].report, "第二次\n两行");
		assert_int_equal(c[1].reported, 0);
		assert_int_equal(c[1].percent, -1);
		assert_null(c[1].report);
		acks_board_free(c, n);
	}

	j = list_ok(fx, true);
	assert_non_null(strstr(j, "\"kind\": \"progress\", \"at\": "
	    "\"2021-06-30T04:53:20+08:00\", \"source\": \"cli\", \"note\": "
	    "\"第一次\", \"remote\": null, \"agent\": null, \"percent\": null, "
	    "\"problems\": \"缺\\\"人\\\"\", \"next\": null}"));
	assert_non_null(strstr(j, "\"note\": \"第二次\\n两行\", \"remote\": "
	    "\"192.0.2.9\", \"agent\": \"UA\", \"percent\": 40, "
	    "\"problems\": null, \"next\": \"再做\"}"));
	free(j);
	j = list_ok(fx, false);
	assert_non_null(strstr(j, "progress  web  measure"));
	assert_non_null(strstr(j, "due 2021-06-30  40%  第二次\\n两行  next: 再做\n"));
	assert_non_null(strstr(j, "due 2021-06-30  第一次  problems: 缺\"人\"\n"));
	free(j);
}

/* cell_level: every state's level, an acknowledged cell's by its due (the
 * extended one when it has one); a completion waiting for review has
 * none, a returned one is pressed for until its due. */
static void
test_cell_level(void **state)
{
	enum { NOEXT = 1000 };	/* no extension */
	static const struct {
		enum cell_state st;
		bool escalated;
		int due;		/* days after today */
		int ext;		/* the new due, days after today */
		enum review_state rv;
		bool has;
		enum level level;
	} want[] = {
		{ CELL_QUIET, false, 3, NOEXT, REVIEW_NONE, false, LEVEL_REMIND },
		{ CELL_WAITING, false, 3, NOEXT, REVIEW_NONE, true, LEVEL_REMIND },
		{ CELL_WAITING, true, 3, NOEXT, REVIEW_NONE, true, LEVEL_PRESS },
		{ CELL_OVERDUE, false, -1, NOEXT, REVIEW_NONE, true, LEVEL_URGE },
		{ CELL_OVERDUE, true, -1, NOEXT, REVIEW_NONE, true, LEVEL_URGE },
		{ CELL_ACKED, false, 0, NOEXT, REVIEW_NONE, false, LEVEL_REMIND },
		{ CELL_ACKED, false, -1, NOEXT, REVIEW_NONE, true, LEVEL_URGE },
		{ CELL_ACKED, false, -1, 30, REVIEW_NONE, false, LEVEL_REMIND },
		{ CELL_ACKED, false, -1, NOEXT, REVIEW_WAITING, false, LEVEL_REMIND },
		{ CELL_ACKED, false, 5, NOEXT, REVIEW_RETURNED, true, LEVEL_PRESS },
		{ CELL_ACKED, false, -1, NOEXT, REVIEW_RETURNED, true, LEVEL_URGE },
		{ CELL_DONE, false, -1, NOEXT, REVIEW_NONE, false, LEVEL_REMIND },
	};
	struct board_cell c;
	enum level l;
	int today = day("2021-06-20");

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		memset(&c, 0, sizeof(c));
		c.state = want[i].st;
		c.escalated = want[i].escalated;
		c.due = today + want[i].due;
		c.extended_to = want[i].ext == NOEXT ? DATE_NONE :
		    today + want[i].ext;
		c.review = want[i].rv;
		l = LEVEL_REMIND;
		assert_int_equal(cell_level(&c, today, &l), want[i].has);
		if (want[i].has)
			assert_int_equal(l, want[i].level);
	}
}

/* The board finds the escalated cells and gives each cell its level. */
static void
test_board_levels(void **state)
{
	struct fx *fx = *state;
	struct board_cell *c;
	size_t n;

	notify(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30", true);
	c = board_ok(fx, "2021-06-20", &n);
	assert_false(c[0].has_level);
	assert_true(c[1].has_level);
	assert_false(c[1].escalated);
	assert_int_equal(c[1].level, LEVEL_REMIND);
	free(c);
	/* An escalation about U_LAW, not yet sent, then sent. */
	notify_stage(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30", false,
	    STAGE_ESCALATION);
	c = board_ok(fx, "2021-06-20", &n);
	assert_false(c[1].escalated);
	free(c);
	notify(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30", true);
	notify_stage(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30", true,
	    STAGE_ESCALATION);
	c = board_ok(fx, "2021-06-20", &n);
	assert_false(c[1].escalated);
	assert_int_equal(c[1].level, LEVEL_REMIND);
	assert_true(c[0].escalated);
	assert_true(c[0].has_level);
	assert_int_equal(c[0].level, LEVEL_PRESS);
	free(c);
	c = board_ok(fx, "2021-07-10", &n);
	assert_true(c[0].has_level);
	assert_int_equal(c[0].level, LEVEL_URGE);
	free(c);
}

/* ---- names -------------------------------------------------------------- */

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(cell_state_name(CELL_QUIET), "quiet");
	assert_string_equal(cell_state_name(CELL_WAITING), "waiting");
	assert_string_equal(cell_state_name(CELL_ACKED), "acked");
	assert_string_equal(cell_state_name(CELL_DONE), "done");
	assert_string_equal(cell_state_name(CELL_OVERDUE), "overdue");
	assert_string_equal(cell_state_name(CELL_BEHIND), "behind");
	assert_string_equal(ack_kind_name(ACK_ACK), "ack");
	assert_string_equal(ack_kind_name(ACK_DONE), "done");
	assert_string_equal(ack_kind_name(ACK_PROGRESS), "progress");
	assert_string_equal(ack_source_name(ACK_WEB), "web");
	assert_string_equal(ack_source_name(ACK_CLI), "cli");
	assert_string_equal(ack_source_name(ACK_API), "api");
}

/* The one measure an ack page shows, read by keys: the unit's role when
 * it is named, none when not, nothing for a measure that does not exist. */
static void
test_measure_view(void **state)
{
	struct fx *fx = *state;
	struct measure_view v;
	struct error err;
	bool found;

	assert_int_equal(store_measure_view(fx->s, NULL, fx->m1, U_LAW, &v, &found,
	    &err), 0);
	assert_true(found);
	assert_string_equal(v.plan_title, "2021年全省知识产权工作任务清单");
	assert_int_equal(v.task_no, 1);
	assert_string_equal(v.task_title, "加强知识产权保护");
	assert_string_equal(v.measure, "开展专项行动");
	assert_string_equal(v.deadline_text, "6月底前");
	assert_true(v.has_role);
	assert_int_equal(v.role, ROLE_SUPPORT);
	measure_view_free(&v);
	assert_int_equal(store_measure_view(fx->s, NULL, fx->m1, U_OFFICE, &v, &found,
	    &err), 0);
	assert_true(found);
	assert_false(v.has_role);
	measure_view_free(&v);
	assert_int_equal(store_measure_view(fx->s, NULL, fx->m2 + 1000, U_OFFICE, &v,
	    &found, &err), 0);
	assert_false(found);
	assert_null(v.measure);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_token_lookup),
		T(test_token_refused),
		T(test_record_answer),
		T(test_record_via_token),
		T(test_load_get),
		T(test_list_json),
		T(test_board),
		T(test_board_levels),
		cmocka_unit_test(test_cell_level),
		cmocka_unit_test(test_progress_read),
		T(test_progress_log),
		T(test_measure_view),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
