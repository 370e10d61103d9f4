/* test_ledger: the ledger against a real SQLite file with the fixture's
 * plan: each row's times (first notice sent, acknowledged, done), its
 * state and on-time mark, each unit's figures and on-time rate, the
 * supervision cycle's progress reports, extensions and reviewed
 * completions, 考评 (the median working days from notice to answer
 * over a holiday and a make-up working day, items never answered,
 * progress report dates, a period's bounds, the units' order), the
 * state texts, the three forms, and the bounds (rows, the workbook's
 * size, no temporary file left behind). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/ledger.h"
#include "store/requests.h"
#include "store_fixture.h"
#include "answers_fixture.h"

/* The fixture's ledger on day today. */
static void
ledger_ok(struct fx *fx, const char *today, struct board_cell **cells,
    struct ledger *l)
{
	struct error err = { 0, "" };
	struct plan *plans[1] = { fx->plan };
	size_t n;

	if (acks_board(fx->s, plans, 1, day(today), NULL, cells, &n, &err) != 0)
		fail_msg("acks_board: %s", err.msg);
	assert_int_equal(n, 3);
	if (ledger_build(fx->s, *cells, n, day(today), l, &err) != 0)
		fail_msg("ledger_build: %s", err.msg);
	assert_int_equal(l->nrows, 3);
}

static const char *
state_of(const struct ledger_row *r)
{
	static char t[64];

	ledger_state_text(r, t, sizeof(t));
	return t;
}

/* U_PROT (lead) and U_LAW (support) on m1, due 06-30; U_OFFICE on m2,
 * due 12-31.  LAW is notified (sent at T0 + 1), acknowledges and is done
 * on 06-30 (T0 is 04:53 that day in Beijing): on time.  PROT
 * acknowledges, and is done on 07-05: late.  OFFICE hears nothing. */
static void
answers(struct fx *fx)
{
	notify(fx, fx->m1, U_LAW, ROLE_SUPPORT, "2021-06-30", true);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_ACK, ACK_WEB, NULL, NULL,
	    NULL, T0 + 60);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_ACK, ACK_WEB, NULL, NULL,
	    NULL, T0 + 120);
	record(fx, fx->m1, U_LAW, "2021-06-30", ACK_DONE, ACK_CLI, NULL, NULL,
	    NULL, T0 + 3600);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_CLI, NULL, NULL,
	    NULL, T0 + 7200);
	/* An answer for another due date is another item's. */
	record(fx, fx->m2, U_OFFICE, "2021-06-30", ACK_DONE, ACK_CLI, NULL,
	    NULL, NULL, T0);
}

static void
test_rows(void **state)
{
	struct fx *fx = *state;
	struct board_cell *cells;
	struct ledger l;
	struct ledger_row *prot, *law, *office;

	answers(fx);
	/* Before the due date: PROT acknowledged, LAW done, OFFICE quiet. */
	ledger_ok(fx, "2021-06-30", &cells, &l);
	prot = &l.rows[0], law = &l.rows[1], office = &l.rows[2];
	assert_string_equal(prot->cell->unit->name, U_PROT);
	assert_string_equal(state_of(prot), "已确认");
	assert_int_equal(prot->notified, 0);
	assert_int_equal(prot->acked, T0 + 7200);
	assert_int_equal(prot->done, 0);
	assert_int_equal(prot->ontime, ONTIME_UNKNOWN);
	assert_string_equal(state_of(law), "已完成");
	assert_int_equal(law->notified, T0 + 1);
	assert_int_equal(law->acked, T0 + 60);		/* the first */
	assert_int_equal(law->done, T0 + 3600);
	assert_int_equal(law->ontime, ONTIME_YES);
	assert_string_equal(state_of(office), "未通知");
	assert_int_equal(office->done, 0);
	assert_int_equal(office->due, day("2021-12-31"));
	ledger_free(&l);
	acks_board_free(cells, 3);

	/* Ten days past: PROT is overdue though it acknowledged. */
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[0]), "逾期 10 天");
	assert_int_equal(l.rows[0].state, LEDGER_OVERDUE);
	assert_int_equal(l.rows[0].ontime, ONTIME_NO);
	ledger_free(&l);
	acks_board_free(cells, 3);

	/* Done late: 已完成, not on time. */
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_DONE, ACK_CLI, NULL, NULL,
	    NULL, T0 + 5 * DAY);
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[0]), "已完成");
	assert_int_equal(l.rows[0].ontime, ONTIME_NO);

	/* The figures: one unit each, in order of appearance. */
	assert_int_equal(l.nunits, 3);
	assert_string_equal(l.units[0].name, U_PROT);
	assert_int_equal(l.units[0].items, 1);
	assert_int_equal(l.units[0].done_late, 1);
	assert_int_equal(l.units[0].done_ontime, 0);
	assert_int_equal(l.units[0].due_by, 1);
	assert_int_equal(ledger_ontime_rate(&l.units[0]), 0);
	assert_string_equal(l.units[1].name, U_LAW);
	assert_int_equal(l.units[1].done_ontime, 1);
	assert_int_equal(ledger_ontime_rate(&l.units[1]), 100);
	assert_string_equal(l.units[2].name, U_OFFICE);
	assert_int_equal(l.units[2].open, 1);
	assert_int_equal(l.units[2].due_by, 0);
	assert_int_equal(ledger_ontime_rate(&l.units[2]), -1);
	ledger_free(&l);
	acks_board_free(cells, 3);

	/* Past OFFICE's date too: overdue, due, not done on time. */
	ledger_ok(fx, "2022-01-03", &cells, &l);
	assert_string_equal(state_of(&l.rows[2]), "逾期 3 天");
	assert_int_equal(l.units[2].overdue, 1);
	assert_int_equal(l.units[2].open, 0);
	assert_int_equal(ledger_ontime_rate(&l.units[2]), 0);
	ledger_free(&l);
	acks_board_free(cells, 3);
}

/* A request of kind for (m, unit, due) (an extension to `to`), recorded
 * at `at`; its id. */
static int64_t
request(struct fx *fx, enum request_kind kind, int64_t m, const char *unit,
    const char *due, const char *to, time_t at)
{
	struct error err = { 0, "" };
	struct unit_request r = { 0, kind, m, (char *)unit, ROLE_LEAD, day(due),
	    to != NULL ? day(to) : DATE_NONE, (char *)"理由", "cli",
	    REQUEST_PENDING, 0, 0, NULL };

	if (requests_add(fx->s, &r, at, &err) != 0)
		fail_msg("requests_add: %s", err.msg);
	return r.id;
}

static void
decide(struct fx *fx, int64_t id, bool approve, time_t at)
{
	struct error err = { 0, "" };
	struct unit_request r;

	if (requests_decide(fx->s, id, approve, approve ? NULL : "材料不全",
	    "cli", at, &r, &err) != 0)
		fail_msg("requests_decide: %s", err.msg);
	request_free(&r);
}

/* The supervision cycle's states: an approved extension moves the due
 * date (the original kept), a progress report is 进行中 N%, a done under
 * review is 待审核 and still
 * open in the figures until confirmed (销号, its time), a returned one
 * open again. */
static void
test_cycle(void **state)
{
	struct fx *fx = *state;
	struct board_cell *cells;
	struct ledger l;
	int64_t ext, done;

	answers(fx);
	/* PROT asks for 07-31; until approved it is overdue. */
	ext = request(fx, REQUEST_EXTENSION, fx->m1, U_PROT, "2021-06-30",
	    "2021-07-31", T0 + DAY);
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[0]), "逾期 10 天");
	assert_int_equal(l.rows[0].extended, DATE_NONE);
	ledger_free(&l);
	acks_board_free(cells, 3);
	decide(fx, ext, true, T0 + 2 * DAY);
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_int_equal(l.rows[0].due, day("2021-06-30"));
	assert_int_equal(l.rows[0].extended, day("2021-07-31"));
	assert_string_equal(state_of(&l.rows[0]), "已确认");
	assert_int_equal(l.rows[0].ontime, ONTIME_UNKNOWN);
	assert_int_equal(l.units[0].due_by, 0);	/* due on 07-31 now */
	ledger_free(&l);
	acks_board_free(cells, 3);
	/* Past the new date: overdue by it. */
	ledger_ok(fx, "2021-08-02", &cells, &l);
	assert_string_equal(state_of(&l.rows[0]), "逾期 2 天");
	ledger_free(&l);
	acks_board_free(cells, 3);

	/* OFFICE reports progress: 进行中 40%, with its time and text. */
	{
		struct error err = { 0, "" };
		struct ack_progress pr = { "完成初稿", 40, NULL, NULL };
		struct ack_target t = { fx->m2, (char *)U_OFFICE,
		    day("2021-12-31") };
		struct ack_record a = { ACK_PROGRESS, ACK_CLI, pr.text, NULL,
		    NULL, &pr };

		if (acks_record(fx->s, &t, &a, T0 + 2 * DAY, &err) != 0)
			fail_msg("acks_record: %s", err.msg);
	}
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[2]), "进行中 40%");
	assert_int_equal(l.rows[2].progress_at, T0 + 2 * DAY);
	assert_int_equal(l.rows[2].progress_share, 40);
	assert_string_equal(l.rows[2].progress_text, "完成初稿");
	assert_int_equal(l.units[2].open, 1);
	ledger_free(&l);
	acks_board_free(cells, 3);

	/* Under review: OFFICE's done waits (待审核), open in the figures. */
	record(fx, fx->m2, U_OFFICE, "2021-12-31", ACK_DONE, ACK_CLI, NULL,
	    NULL, NULL, T0 + 3 * DAY);
	done = request(fx, REQUEST_COMPLETION, fx->m2, U_OFFICE, "2021-12-31",
	    NULL, T0 + 3 * DAY);
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[2]), "待审核");
	assert_int_equal(l.rows[2].done, T0 + 3 * DAY);
	assert_int_equal(l.rows[2].reviewed, 0);
	assert_int_equal(l.units[2].open, 1);
	assert_int_equal(l.units[2].done_ontime, 0);
	ledger_free(&l);
	acks_board_free(cells, 3);
	/* Returned: open again, no done time, its progress what shows. */
	decide(fx, done, false, T0 + 4 * DAY);
	ledger_ok(fx, "2021-07-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[2]), "进行中 40%");
	assert_int_equal(l.rows[2].done, 0);
	ledger_free(&l);
	acks_board_free(cells, 3);
	/* Done again and confirmed: 已完成 at the last report, 销号 time. */
	record(fx, fx->m2, U_OFFICE, "2021-12-31", ACK_DONE, ACK_CLI, NULL,
	    NULL, NULL, T0 + 5 * DAY);
	done = request(fx, REQUEST_COMPLETION, fx->m2, U_OFFICE, "2021-12-31",
	    NULL, T0 + 5 * DAY);
	decide(fx, done, true, T0 + 6 * DAY);
	ledger_ok(fx, "2022-01-10", &cells, &l);
	assert_string_equal(state_of(&l.rows[2]), "已完成");
	assert_int_equal(l.rows[2].done, T0 + 5 * DAY);
	assert_int_equal(l.rows[2].reviewed, T0 + 6 * DAY);
	assert_int_equal(l.rows[2].ontime, ONTIME_YES);
	assert_int_equal(l.units[2].done_ontime, 1);
	assert_int_equal(ledger_ontime_rate(&l.units[2]), 100);
	ledger_free(&l);
	acks_board_free(cells, 3);
}

/* Every state's text, the ones the cycle's reports bring included. */
static void
test_state_text(void **state)
{
	static const struct {
		enum ledger_state st;
		int days, share;
		const char *text, *name;
	} cases[] = {
		{ LEDGER_DONE, 0, -1, "已完成", "done" },
		{ LEDGER_REVIEW, 0, -1, "待审核", "review" },
		{ LEDGER_OVERDUE, 1, -1, "逾期 1 天", "overdue" },
		{ LEDGER_OVERDUE, 125, -1, "逾期 125 天", "overdue" },
		{ LEDGER_PROGRESS, 0, 40, "进行中 40%", "progress" },
		{ LEDGER_PROGRESS, 0, 0, "进行中 0%", "progress" },
		{ LEDGER_PROGRESS, 0, -1, "进行中", "progress" },
		{ LEDGER_ACKED, 0, -1, "已确认", "acked" },
		{ LEDGER_NOTIFIED, 0, -1, "已通知", "notified" },
		{ LEDGER_QUIET, 0, -1, "未通知", "quiet" },
	};
	struct ledger_row r;
	char t[64];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		memset(&r, 0, sizeof(r));
		r.state = cases[i].st;
		r.days_overdue = cases[i].days;
		r.progress_share = cases[i].share;
		ledger_state_text(&r, t, sizeof(t));
		assert_string_equal(t, cases[i].text);
		assert_string_equal(ledger_state_name(cases[i].st), cases[i].name);
	}
}

/* The entries of dir other than . and .. */
static size_t
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void
test_forms(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct board_cell *cells;
	struct buf b = BUF_INIT;
	struct ledger l;
	char tmp[300], path[320];
	size_t before;
	FILE *f;

	answers(fx);
	ledger_ok(fx, "2021-07-10", &cells, &l);
	ledger_write_csv(&b, &l);
	/* A header and three records, the columns as the table has them. */
	assert_true(strncmp(buf_str(&b), "计划,任务序号,任务,举措编号,", 40) == 0);
	assert_non_null(strstr(buf_str(&b), ",是否按期\r\n"));
	assert_non_null(strstr(buf_str(&b), ",保护处,,牵头,6月底前,2021-06-30,,"
	    "逾期 10 天,,2021-06-30T06:53:20+08:00,"));
	assert_non_null(strstr(buf_str(&b), ",法规处,,配合,6月底前,2021-06-30,,"
	    "已完成,2021-06-30T04:53:21+08:00,2021-06-30T04:54:20+08:00"));
	buf_free(&b);

	ledger_write_json(&b, &l);
	assert_non_null(strstr(buf_str(&b), "{\"report_date\": \"2021-07-10\""));
	assert_non_null(strstr(buf_str(&b), "\"state\": \"逾期 10 天\", "
	    "\"notified\": null, \"acknowledged\": \"2021-06-30T06:53:20+08:00\""));
	assert_non_null(strstr(buf_str(&b), "\"state_name\": \"overdue\""));
	assert_non_null(strstr(buf_str(&b), "{\"unit\": \"法规处\", \"items\": 1, "
	    "\"done_on_time\": 1, \"done_late\": 0, \"overdue\": 0, \"open\": 0, "
	    "\"due_by_report_date\": 1, \"on_time_rate\": 100, "
	    "\"acknowledged\": 1, \"never_acknowledged\": 0, "
	    "\"ack_median_workdays\": 0, \"reports_due\": null, "
	    "\"reports_on_time\": null}"));
	assert_non_null(strstr(buf_str(&b), "\"on_time_rate\": null, "));
	assert_null(strstr(buf_str(&b), "{{"));
	assert_true(strcmp(buf_str(&b) + b.len - 4, "}\n]}") == 0 ||
	    strcmp(buf_str(&b) + b.len - 5, "}\n]}\n") == 0);
	buf_free(&b);

	/* The workbook: a file, or bytes made in a private directory under
	 * $TMPDIR that is gone after, also when it is over the bound. */
	snprintf(tmp, sizeof(tmp), "%s/tmp", fx->dir);
	assert_int_equal(mkdir(tmp, 0700), 0);
	snprintf(path, sizeof(path), "%s/l.xlsx", fx->dir);
	assert_int_equal(ledger_write_xlsx(&l, path, tmp, &err), 0);
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fgetc(f), 'P');
	assert_int_equal(fgetc(f), 'K');
	fclose(f);
	assert_int_equal(setenv("TMPDIR", tmp, 1), 0);
	before = entries(tmp);
	assert_int_equal(ledger_xlsx_bytes(&l, (size_t)1 << 20, &b, &err), 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.s, "PK\3\4", 4);
	buf_free(&b);
	assert_int_equal(ledger_xlsx_bytes(&l, 1000, &b, &err), EXIT_SOFTWARE);
	assert_non_null(strstr(err.msg, "more than 1000"));
	buf_free(&b);
	assert_int_equal(entries(tmp), before);
	unsetenv("TMPDIR");
	ledger_free(&l);
	acks_board_free(cells, 3);
}

/* 考评's working days: after the notice's day up to the answer's, with
 * 07-01 (a Thursday) a holiday and 07-03 (a Saturday) a make-up working
 * day. */
static struct calendar *
july_calendar(struct fx *fx)
{
	struct error err = { 0, "" };
	struct calendar *cal = calendar_new();
	char path[400];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/hol.conf", fx->dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("holidays = [ \"2021-07-01\" ];\nworkdays = [ \"2021-07-03\" ];\n",
	    fp);
	assert_int_equal(fclose(fp), 0);
	if (calendar_add(cal, path, NULL, &err) != 0)
		fail_msg("calendar_add: %s", err.msg);
	return cal;
}

static const struct send_window weekdays = { 0x3e, 9 * 60, 18 * 60 };

static void
test_workdays(void **state)
{
	struct fx *fx = *state;
	struct calendar *cal = july_calendar(fx);

	/* The same day, and an answer before its notice: none. */
	assert_int_equal(ledger_workdays(cal, &weekdays, day("2021-06-30"),
	    day("2021-06-30")), 0);
	assert_int_equal(ledger_workdays(cal, &weekdays, day("2021-07-02"),
	    day("2021-06-30")), 0);
	/* The holiday counts for nothing, the make-up Saturday for one. */
	assert_int_equal(ledger_workdays(cal, &weekdays, day("2021-06-30"),
	    day("2021-07-01")), 0);
	assert_int_equal(ledger_workdays(NULL, &weekdays, day("2021-06-30"),
	    day("2021-07-01")), 1);
	assert_int_equal(ledger_workdays(cal, &weekdays, day("2021-06-30"),
	    day("2021-07-03")), 2);
	assert_int_equal(ledger_workdays(NULL, &weekdays, day("2021-06-30"),
	    day("2021-07-03")), 2);
	assert_int_equal(ledger_workdays(cal, &weekdays, day("2021-07-02"),
	    day("2021-07-03")), 1);
	assert_int_equal(ledger_workdays(NULL, &weekdays, day("2021-07-02"),
	    day("2021-07-03")), 0);
	/* A weekend: Friday to Monday is one working day (NULL: Monday to
	 * Friday). */
	assert_int_equal(ledger_workdays(NULL, NULL, day("2021-07-09"),
	    day("2021-07-12")), 1);
	assert_int_equal(ledger_workdays(cal, &weekdays, day("2021-07-02"),
	    day("2021-07-04")), 1);
	calendar_free(cal);
}

/* The report dates the test's policy gives: 06-25, 07-23 and 08-25,
 * those on or before the occurrence's date and `to`. */
static size_t
test_reports(const void *arg, const struct board_cell *c, int due, int to,
    struct ledger_report *out, size_t max)
{
	static const char *const dates[] = { "2021-06-25", "2021-07-23",
	    "2021-08-25" };
	int after = day("2021-05-25"), d;
	size_t n = 0;

	(void)arg;
	(void)c;
	for (size_t k = 0; k < 3; k++, after = d)
		if ((d = day(dates[k])) <= due && d <= to && n < max)
			out[n++] = (struct ledger_report){ after, d };
	return n;
}

/* A progress report of PROT's item due on `due`, on `on` at 10:00. */
static void
report(struct fx *fx, const char *due, const char *on)
{
	struct error err = { 0, "" };
	struct ack_progress pr = { "进展", 50, NULL, NULL };
	struct ack_target t = { fx->m1, (char *)U_PROT, day(due) };
	struct ack_record a = { ACK_PROGRESS, ACK_CLI, pr.text, NULL, NULL,
	    &pr };

	if (acks_record(fx->s, &t, &a, clock_local_time(day(on), 10, 0),
	    &err) != 0)
		fail_msg("acks_record: %s", err.msg);
}

/* The ledger of PROT's three occurrences of m1 (06-30, 07-30, 08-31)
 * with LAW and OFFICE, on 08-01, for period p. */
static void
scores_ok(struct fx *fx, struct board_cell *five,
    const struct ledger_period *p, struct ledger *l)
{
	struct error err = { 0, "" };

	if (ledger_build_period(fx->s, five, 5, day("2021-08-01"), p, l,
	    &err) != 0)
		fail_msg("ledger_build_period: %s", err.msg);
	assert_int_equal(l->nunits, 3);
	assert_string_equal(l->units[0].name, U_PROT);
}

/* 考评: the median working days from the first notice to the first
 * answer (已收到, or 已完成 without one), the items never answered, the
 * progress report dates and those reported for, a period's bounds, the
 * units' order. */
static void
test_scores(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct plan *plans[1] = { fx->plan };
	struct calendar *cal = july_calendar(fx);
	struct ledger_period p = { DATE_NONE, DATE_NONE, cal, &weekdays,
	    test_reports, NULL };
	struct board_cell *cells, five[5];
	struct buf b = BUF_INIT;
	struct ledger l;
	size_t n, order[3];

	if (acks_board(fx->s, plans, 1, day("2021-08-01"), NULL, &cells, &n,
	    &err) != 0)
		fail_msg("acks_board: %s", err.msg);
	assert_int_equal(n, 3);
	five[0] = five[1] = five[2] = cells[0];
	five[1].due = day("2021-07-30");
	five[2].due = day("2021-08-31");
	five[3] = cells[1];
	five[4] = cells[2];
	/* Each of PROT's notified on 06-30 (a Wednesday); the first
	 * acknowledged on 07-02 (after the holiday: 1 working day), the
	 * second done on the make-up Saturday 07-03 (2), the third never. */
	notify(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-06-30", true);
	notify(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-07-30", true);
	notify(fx, fx->m1, U_PROT, ROLE_LEAD, "2021-08-31", true);
	record(fx, fx->m1, U_PROT, "2021-06-30", ACK_ACK, ACK_WEB, NULL, NULL,
	    NULL, clock_local_time(day("2021-07-02"), 10, 0));
	record(fx, fx->m1, U_PROT, "2021-07-30", ACK_DONE, ACK_WEB, NULL, NULL,
	    NULL, clock_local_time(day("2021-07-03"), 10, 0));
	/* The third reports on 06-26: late for 06-25, on time for 07-23. */
	report(fx, "2021-08-31", "2021-06-26");

	scores_ok(fx, five, &p, &l);
	assert_true(l.reports);
	assert_int_equal(l.units[0].items, 3);
	assert_int_equal(l.units[0].acked, 2);
	assert_int_equal(l.units[0].unacked, 1);
	assert_true(l.units[0].ack_median == 1.5);
	/* 06-25 for each (none on time), 07-23 for the third (on time):
	 * the second was done before it. */
	assert_int_equal(l.units[0].reports_due, 4);
	assert_int_equal(l.units[0].reports_ontime, 1);
	/* LAW and OFFICE: never notified, in neither count; no median. */
	assert_int_equal(l.units[1].acked + l.units[1].unacked, 0);
	assert_true(l.units[1].ack_median < 0);
	/* Due by 08-01: 06-30 (overdue) and 07-30 (done): 50 %. */
	assert_int_equal(ledger_ontime_rate(&l.units[0]), 50);
	/* The lowest rate first: LAW 0 %, PROT 50 %, OFFICE none due. */
	ledger_units_order(&l, false, order);
	assert_string_equal(l.units[order[0]].name, U_LAW);
	assert_string_equal(l.units[order[1]].name, U_PROT);
	assert_string_equal(l.units[order[2]].name, U_OFFICE);
	ledger_write_scores_json(&b, &l);
	assert_non_null(strstr(buf_str(&b), "\"ack_median_workdays\": 1.5, "
	    "\"reports_due\": 4, \"reports_on_time\": 1}"));
	assert_true(strstr(buf_str(&b), U_LAW) < strstr(buf_str(&b), U_PROT));
	buf_free(&b);
	ledger_free(&l);

	/* Without the calendar: the holiday a working day, the Saturday
	 * none: 2 and 2. */
	p.cal = NULL;
	scores_ok(fx, five, &p, &l);
	assert_true(l.units[0].ack_median == 2);
	ledger_free(&l);
	p.cal = cal;

	/* A period's ends count: [07-30, 07-30] holds the second alone, its
	 * report dates 07-23 (the third's, on time; the second was done). */
	p.from = p.to = day("2021-07-30");
	scores_ok(fx, five, &p, &l);
	assert_int_equal(l.units[0].items, 1);
	assert_int_equal(l.units[0].done_ontime, 1);
	assert_int_equal(l.units[0].acked, 1);
	assert_true(l.units[0].ack_median == 2);
	assert_int_equal(l.units[0].reports_due, 0);
	assert_int_equal(ledger_ontime_rate(&l.units[0]), 100);
	assert_int_equal(l.units[1].items, 0);
	ledger_free(&l);
	p.from = day("2021-07-01");
	p.to = day("2021-07-31");
	scores_ok(fx, five, &p, &l);
	assert_int_equal(l.units[0].items, 1);
	assert_int_equal(l.units[0].reports_due, 1);
	assert_int_equal(l.units[0].reports_ontime, 1);
	ledger_free(&l);
	p.from = day("2021-07-31");
	p.to = day("2021-08-31");
	scores_ok(fx, five, &p, &l);
	assert_int_equal(l.units[0].items, 1);
	assert_int_equal(l.units[0].open, 1);
	assert_int_equal(l.units[0].unacked, 1);
	assert_true(l.units[0].ack_median < 0);
	assert_int_equal(l.units[0].due_by, 0);
	ledger_free(&l);

	/* Reports off: none counted, and null in the JSON. */
	p.from = p.to = DATE_NONE;
	p.reports = NULL;
	scores_ok(fx, five, &p, &l);
	assert_false(l.reports);
	assert_int_equal(l.units[0].reports_due, 0);
	ledger_write_json(&b, &l);
	assert_non_null(strstr(buf_str(&b), "\"reports_due\": null"));
	buf_free(&b);
	ledger_free(&l);
	acks_board_free(cells, n);
	calendar_free(cal);
}

/* More items than a sheet has rows: refused before anything is read. */
static void
test_bound(void **state)
{
	struct fx *fx = *state;
	struct error err = { 0, "" };
	struct board_cell one = { 0 };
	struct ledger l;

	assert_int_equal(ledger_build(fx->s, &one, (size_t)LEDGER_MAX_ROWS + 1,
	    0, &l, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "1048576 items"));
	ledger_free(&l);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_rows),
		T(test_cycle),
		cmocka_unit_test(test_state_text),
		T(test_forms),
		T(test_bound),
		T(test_workdays),
		T(test_scores),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
