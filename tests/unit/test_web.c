/* Unit tests for web: every plan text is escaped, the dashboard shows a
 * cell of the right class for each state, filters, the chart, the JSON
 * board and the ack pages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/acks.h"
#include "base/date.h"
#include "plan/plan.h"
#include "base/clock.h"
#include "base/html.h"
#include "web/web.h"

#define EVIL "<script>alert(1)</script>&"
#define EVIL_ESC "&lt;script&gt;alert(1)&lt;/script&gt;&amp;"

struct fixture {
	struct plan *p;
	struct board_cell cells[5];
};

/* One measure with five units, one per state. */
static int
setup(void **state)
{
	static const enum cell_state st[5] = { CELL_DONE, CELL_ACKED,
	    CELL_WAITING, CELL_OVERDUE, CELL_QUIET };
	struct fixture *f = calloc(1, sizeof(*f));
	struct plan_task *t;
	struct plan_measure *m;
	size_t i;

	f->p = plan_new("t.txt");
	free(f->p->title);
	f->p->title = xstrdup("2021 年计划 <b>");
	f->p->year = 2021;
	f->p->id = 7;
	t = plan_add_task(f->p, 3, "一、", "任务 \"甲\"", 1);
	m = plan_add_measure(t, EVIL, "6月底前",
	    "甲处，乙处，丙处，丁处，O'Brien处", 2);
	m->id = 42;
	plan_resolve(f->p);
	assert_int_equal(m->nunits, 5);
	for (i = 0; i < 5; i++)
		f->cells[i] = (struct board_cell){ f->p, &f->p->tasks[0],
		    &f->p->tasks[0].measures[0], &m->units[i],
		    date_from_ymd(2021, 6, 30), st[i], DATE_NONE, REVIEW_NONE,
		    false, false, LEVEL_REMIND, 0, -1, NULL, DATE_NONE, NULL };
	/* The waiting one escalated; each cell's level as the board's. */
	f->cells[2].escalated = true;
	for (i = 0; i < 5; i++)
		f->cells[i].has_level = cell_level(&f->cells[i],
		    date_from_ymd(2021, 7, 2), &f->cells[i].level);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	plan_free(f->p);
	free(f);
	return 0;
}

static void
test_escape(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	html_put(&b, "a&b<c>d\"e'f");
	assert_string_equal(buf_str(&b), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	buf_free(&b);
}

static void
test_dashboard(void **state)
{
	struct fixture *f = *state;
	char *html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), NULL);

	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<b>"));
	assert_non_null(strstr(html, EVIL_ESC));
	assert_non_null(strstr(html, "O&#39;Brien处"));
	assert_non_null(strstr(html, "<span class=\"u done\" title=\"已完成\">甲处</span>"));
	assert_non_null(strstr(html, "<span class=\"u acked\" title=\"已收到\">乙处</span>"));
	assert_non_null(strstr(html, "<span class=\"u waiting\" title=\"待确认\">丙处</span>"));
	assert_non_null(strstr(html, "<span class=\"u overdue\" title=\"已逾期\">丁处</span>"));
	assert_non_null(strstr(html, "<span class=\"u quiet\" title=\"未通知\">O&#39;Brien处</span>"));
	assert_non_null(strstr(html, "<svg"));
	assert_non_null(strstr(html, "2021-06"));
	assert_non_null(strstr(html, "class=\"legend\""));
	assert_non_null(strstr(html, "2021-07-02"));
	assert_null(strstr(html, "http://"));
	free(html);
}

static void
test_filter(void **state)
{
	struct fixture *f = *state;
	struct web_filter flt = { .unit = "乙处" };
	char *html;

	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(html, "<span class=\"u acked\" title=\"已收到\">乙处</span>"));
	assert_null(strstr(html, "<span class=\"u done\" title=\"已完成\">甲处</span>"));
	assert_non_null(strstr(html, "<option value=\"乙处\" selected>"));
	free(html);
	flt = (struct web_filter){ .state = "overdue" };
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(html, "<span class=\"u overdue\" title=\"已逾期\">丁处</span>"));
	assert_null(strstr(html, "<span class=\"u acked\" title=\"已收到\">乙处"));
	free(html);
	assert_true(web_state_valid("waiting"));
	assert_false(web_state_valid("bogus"));
	/* By level: 催办 is the overdue cell and the acknowledged one past
	 * its due; the links keep the other filters and mark this one. */
	flt = (struct web_filter){ .level = "urge", .group = "g&1" };
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(html, "<option value=\"urge\" selected>催办"));
	assert_non_null(strstr(html, "<a class=\"lv urge\" href=\"/?page=1"
	    "&amp;group=g%261&amp;level=urge\" aria-current=\"page\">催办</a>"));
	assert_non_null(strstr(html, "<a class=\"lv press\" href=\"/?page=1"
	    "&amp;group=g%261&amp;level=press\">督办</a>"));
	assert_non_null(strstr(html, "<a class=\"lv \" href=\"/?page=1"
	    "&amp;group=g%261\">全部</a>"));
	free(html);
	flt = (struct web_filter){ .level = "urge" };
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(html, "<span class=\"u overdue\" title=\"已逾期\">丁处</span>"));
	assert_non_null(strstr(html, "<span class=\"u acked\" title=\"已收到\">乙处</span>"));
	assert_null(strstr(html, "title=\"待确认\">丙处</span>"));
	free(html);
	flt = (struct web_filter){ .level = "remind" };
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_null(strstr(html, "处</span>"));
	free(html);
}

static void
test_json(void **state)
{
	struct fixture *f = *state;
	struct web_filter flt = { .state = "acked" };
	char *js = web_board_json(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);

	assert_string_equal(js, "{\"today\":\"2021-07-02\",\"cells\":[\n"
	    "{\"plan_id\":7,\"task_no\":3,\"measure_id\":42,\"unit\":\"乙处\",\"group\":null,"
	    "\"role\":\"responsible\",\"due\":\"2021-06-30\",\"state\":\"acked\","
	    "\"level\":\"urge\",\"extended_to\":null,\"review\":null,"
	    "\"paused_until\":null,\"pause_reason\":null,\"progress\":null}]}\n");
	free(js);
	/* An extended cell keeps its original due date beside the new one;
	 * a completion waiting for review says so, and has no level: it
	 * gets no notice until the approver decides. */
	f->cells[1].extended_to = date_from_ymd(2021, 7, 31);
	f->cells[1].review = REVIEW_WAITING;
	f->cells[1].has_level = cell_level(&f->cells[1],
	    date_from_ymd(2021, 7, 2), &f->cells[1].level);
	js = web_board_json(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(js, "\"due\":\"2021-06-30\",\"state\":\"acked\","
	    "\"level\":null,\"extended_to\":\"2021-07-31\",\"review\":\"waiting\","));
	free(js);
	js = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), NULL);
	assert_non_null(strstr(js, "乙处 <small class=\"extended\">已延期至 "
	    "2021-07-31</small> <small class=\"review\">待审核</small>"));
	free(js);
	/* Returned, it is pressed for until its (new) date. */
	f->cells[1].review = REVIEW_RETURNED;
	assert_true(cell_level(&f->cells[1], date_from_ymd(2021, 7, 2),
	    &f->cells[1].level));
	assert_int_equal(f->cells[1].level, LEVEL_PRESS);
	f->cells[1].review = REVIEW_WAITING;
	flt = (struct web_filter){ .level = "press" };
	js = web_board_json(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(js, "\"unit\":\"丙处\""));
	assert_non_null(strstr(js, "\"state\":\"waiting\",\"level\":\"press\","));
	assert_null(strstr(js, "},\n{"));
	free(js);
	js = web_board_json(f->cells, 5, date_from_ymd(2021, 7, 2), NULL);
	assert_non_null(strstr(js, "\"state\":\"done\",\"level\":null,"));
	assert_non_null(strstr(js, "\"state\":\"quiet\",\"level\":null,"));
	free(js);
}

/* A paused cell: its chip (the date, the reason on hover, escaped), the
 * headline's count, the state filter, the JSON; no notice level. */
static void
test_board_paused(void **state)
{
	struct fixture *f = *state;
	struct web_filter flt = { .state = "paused" };
	char *html, *js;

	f->cells[3].state = CELL_PAUSED;
	f->cells[3].paused_until = date_from_ymd(2021, 7, 10);
	f->cells[3].pause_reason = (char *)"等待<批复>";
	f->cells[3].has_level = cell_level(&f->cells[3],
	    date_from_ymd(2021, 7, 2), &f->cells[3].level);
	assert_false(f->cells[3].has_level);
	assert_true(web_state_valid("paused"));
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), NULL);
	assert_non_null(strstr(html, "<span class=\"u paused\" title=\"已暂停 · "
	    "暂停原因：等待&lt;批复&gt;\">丁处 <small class=\"paused\">已暂停至 "
	    "2021-07-10</small></span>"));
	assert_non_null(strstr(html, "已暂停 <strong>1</strong>"));
	free(html);
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(html, "丁处 <small"));
	assert_null(strstr(html, "title=\"已收到\">乙处"));
	free(html);
	js = web_board_json(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(js, "\"unit\":\"丁处\""));
	assert_non_null(strstr(js, "\"state\":\"paused\",\"level\":null,"));
	assert_non_null(strstr(js, "\"paused_until\":\"2021-07-10\","
	    "\"pause_reason\":\"等待<批复>\""));
	assert_null(strstr(js, "},\n{"));
	free(js);
}

/* A cell's latest report: its share in the chip, its text (escaped,
 * cut) in the chip's title, all of it in the JSON; the behind state's
 * chip, legend, headline and filter. */
static void
test_board_progress(void **state)
{
	struct fixture *f = *state;
	struct web_filter flt = { .state = "behind" };
	char *html, *js, *t = NULL;

	t = xasprintf("完成调研 %s%0300d", EVIL, 0);
	f->cells[1].reported = 1624600000;	/* 2021-06-25T13:46:40+08:00 */
	f->cells[1].percent = 40;
	f->cells[1].report = t;
	f->cells[2].reported = 1624000000;
	f->cells[2].percent = -1;
	f->cells[2].report = "无比例";
	f->cells[2].state = CELL_BEHIND;
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), NULL);
	assert_null(strstr(html, "<script"));
	assert_non_null(strstr(html, "<span class=\"u acked\" title=\"已收到 · 进展"
	    "（2021-06-25，完成 40%）：完成调研 " EVIL_ESC "000"));
	assert_non_null(strstr(html, "…\">乙处 <b>40%</b></span>"));
	assert_non_null(strstr(html, "<span class=\"u behind\" title=\"进展滞后 · "
	    "进展（2021-06-18）：无比例\">丙处</span>"));
	assert_non_null(strstr(html, "<span class=\"u behind\">进展滞后</span>"));
	assert_non_null(strstr(html, "进展滞后 <strong>1</strong>"));
	free(html);
	html = web_dashboard(f->cells, 5, date_from_ymd(2021, 7, 2), &flt);
	assert_non_null(strstr(html, "丙处</span>"));
	assert_null(strstr(html, "乙处 <b>"));
	free(html);
	js = web_board_json(f->cells, 5, date_from_ymd(2021, 7, 2), NULL);
	assert_non_null(strstr(js, "\"unit\":\"乙处\""));
	assert_non_null(strstr(js, "\"state\":\"acked\",\"level\":\"urge\","
	    "\"extended_to\":null,\"review\":null,\"paused_until\":null,"
	    "\"pause_reason\":null,\"progress\":{\"percent\":40,"
	    "\"at\":\"2021-06-25T13:46:40+08:00\",\"text\":\"完成调研 <script>"));
	assert_non_null(strstr(js, "\"state\":\"behind\",\"level\":\"press\","
	    "\"extended_to\":null,\"review\":null,\"paused_until\":null,"
	    "\"pause_reason\":null,\"progress\":{\"percent\":null,\"at\":\"2021-06-18T15:06:40+08:00\",\"text\":\"无比例\"}"));
	assert_non_null(strstr(js, "\"state\":\"done\",\"level\":null,"
	    "\"extended_to\":null,\"review\":null,\"paused_until\":null,"
	    "\"pause_reason\":null,\"progress\":null}"));
	free(js);
	f->cells[1].report = f->cells[2].report = NULL;
	free(t);
}

static void
test_ack_pages(void **state)
{
	struct fixture *f = *state;
	struct web_item it = { f->p->title, 3, "任务 \"甲\"", EVIL, "6月底前",
	    "乙处", "负责", date_from_ymd(2021, 6, 30) };
	char *html;

	(void)f;
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_NONE, REVIEW_NONE,
	    DATE_NONE, DATE_NONE, NULL }, "/ack/0123456789abcdef0123456789abcdef", NULL, 0);
	assert_null(strstr(html, "<script"));
	assert_non_null(strstr(html, EVIL_ESC));
	assert_non_null(strstr(html, "method=\"post\""));
	assert_non_null(strstr(html, "action=\"/ack/0123456789abcdef0123456789abcdef\""));
	assert_non_null(strstr(html, "name=\"kind\" value=\"ack\">已收到<"));
	assert_non_null(strstr(html, "name=\"kind\" value=\"done\">已完成<"));
	assert_non_null(strstr(html, "<textarea"));
	assert_non_null(strstr(html, "未确认"));
	assert_non_null(strstr(html, "2021-06-30"));
	assert_non_null(strstr(html, "任务 &quot;甲&quot;"));
	free(html);
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_DONE, REVIEW_NONE,
	    DATE_NONE, DATE_NONE, NULL }, "/ack/x",
	    NULL, 0);
	assert_non_null(strstr(html, "当前状态：<strong class=\"u done\">已完成"));
	assert_null(strstr(html, "已延期至"));
	free(html);
	/* Under review, a done is not done yet; returned, it is open again;
	 * an approved extension's date is said. */
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_DONE, REVIEW_WAITING,
	    date_from_ymd(2021, 7, 31), DATE_NONE, NULL }, "/ack/x", NULL, 0);
	assert_non_null(strstr(html, "当前状态：<strong class=\"u acked\">已完成，待审核"));
	assert_non_null(strstr(html, "已延期至 <strong>2021-07-31</strong>"));
	free(html);
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_ACK, REVIEW_RETURNED,
	    DATE_NONE, DATE_NONE, NULL }, "/ack/x", NULL, 0);
	assert_non_null(strstr(html, "办结报告被退回，请继续办理"));
	assert_null(strstr(html, "class=\"u done\""));
	free(html);
	/* A pause in force: its date and its reason, escaped. */
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_ACK,
	    REVIEW_NONE, DATE_NONE, date_from_ymd(2021, 9, 1), EVIL },
	    "/ack/x", NULL, 0);
	assert_non_null(strstr(html, "已暂停至 <strong>2021-09-01</strong>"));
	assert_non_null(strstr(html, "（原因：" EVIL_ESC "）"));
	free(html);
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_ACK,
	    REVIEW_NONE, DATE_NONE, DATE_NONE, NULL }, "/ack/x", NULL, 0);
	assert_null(strstr(html, "已暂停"));
	free(html);
	html = web_ack_recorded(&it, ACK_ACK, "<i>note</i>", NULL);
	assert_non_null(strstr(html, "&lt;i&gt;note&lt;/i&gt;"));
	assert_non_null(strstr(html, "已记录：<span class=\"u acked\">已收到"));
	assert_non_null(strstr(html, "乙处"));
	assert_non_null(strstr(html, EVIL_ESC));
	free(html);
	html = web_error_page(404, "Not Found");
	assert_non_null(strstr(html, "404 Not Found"));
	free(html);
}

/* The progress form (id "progress", the notices' #progress), the unit's
 * earlier reports newest first and escaped, the page after a report and
 * the page of a refused one. */
static void
test_progress_pages(void **state)
{
	struct fixture *f = *state;
	struct web_item it = { f->p->title, 3, "任务", "举措", "6月底前",
	    "乙处", "负责", date_from_ymd(2021, 6, 30) };
	struct progress_row r[2] = {
		{ 1624600000, 60, "第二次 " EVIL, NULL, "下一步 " EVIL, "web" },
		{ 1622000000, -1, "第一次", "问题 " EVIL, NULL, "cli" },
	};
	struct ack_progress p = { "做了 " EVIL, 40, NULL, "再做" };
	char *html, *a, *b;

	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_ACK, REVIEW_NONE,
	    DATE_NONE, DATE_NONE, NULL }, "/ack/x",
	    NULL, 0);
	assert_non_null(strstr(html, "<form method=\"post\" id=\"progress\" "
	    "action=\"/ack/x\">"));
	assert_non_null(strstr(html, "name=\"kind\" value=\"progress\""));
	assert_non_null(strstr(html, "name=\"text\" rows=\"6\" maxlength=\"2000\" "
	    "required"));
	assert_non_null(strstr(html, "name=\"percent\" type=\"number\" min=\"0\" "
	    "max=\"100\""));
	assert_non_null(strstr(html, "name=\"problems\""));
	assert_non_null(strstr(html, "name=\"next\""));
	assert_null(strstr(html, "本单位已报进展"));
	free(html);
	html = web_ack_page(&it, &(struct ack_standing){ ANSWER_ACK, REVIEW_NONE,
	    DATE_NONE, DATE_NONE, NULL }, "/ack/x",
	    r, 2);
	assert_null(strstr(html, "<script"));
	assert_non_null(a = strstr(html, "第二次 " EVIL_ESC));
	assert_non_null(b = strstr(html, "第一次"));
	assert_true(a < b);
	assert_non_null(strstr(html, "完成 60%"));
	assert_non_null(strstr(html, "问题 " EVIL_ESC));
	assert_non_null(strstr(html, "下一步 " EVIL_ESC));
	free(html);
	html = web_ack_recorded(&it, ACK_PROGRESS, p.text, &p);
	assert_non_null(strstr(html, "已记录：<span class=\"u acked\">已报告进展"));
	assert_non_null(strstr(html, "完成比例：<strong>40%</strong>"));
	assert_non_null(strstr(html, "做了 " EVIL_ESC));
	assert_non_null(strstr(html, "再做"));
	assert_null(strstr(html, "<script"));
	free(html);
	html = web_progress_refused(PROGRESS_PERCENT, "/ack/<x>");
	assert_non_null(strstr(html, "完成比例应为 0 到 100 之间的整数"));
	assert_non_null(strstr(html, "href=\"/ack/&lt;x&gt;#progress\""));
	free(html);
	html = web_progress_refused(PROGRESS_NO_TEXT, "/ack/x");
	assert_non_null(strstr(html, "请填写工作进展情况"));
	free(html);
}

static int
group_setup(void **state)
{
	(void)state;
	return clock_set_zone("Asia/Shanghai") ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test_setup_teardown(test_dashboard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_board_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_board_paused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ack_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress_pages, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
