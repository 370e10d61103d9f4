/* Tests of the PDF-text reader (through the interpreter) on small
 * tables, one quirk of the layout at a time: what `pdftotext` gives for
 * narrow columns, rows broken across pages, LibreOffice's quotes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan/plan_text.h"

/* Parse text, which must succeed. */
static struct plan *
parse(const char *text)
{
	struct plan *p = NULL;
	struct error err;
	int rc = plan_text_parse("t.txt", text, strlen(text), &p, &err);

	if (rc != 0)
		fail_msg("parse failed: %s", err.msg);
	return p;
}

static const struct plan_measure *
measure(const struct plan *p, size_t task, size_t m)
{
	assert_true(task < p->ntasks);
	assert_true(m < p->tasks[task].nmeasures);
	return &p->tasks[task].measures[m];
}

static void
assert_measure(const struct plan *p, size_t task, size_t m, const char *text,
    const char *units, const char *deadline)
{
	const struct plan_measure *x = measure(p, task, m);

	assert_string_equal(x->text, text);
	assert_string_equal(x->units_text, units);
	assert_string_equal(x->deadline_text, deadline);
}

#define HEAD "附件\n\n2025 年全省工作任务清单\n\n任务清单 落实举措 责任单位 完成时间\n\n"

static void
test_basic_table(void **state)
{
	struct plan *p = parse(
	    "2025 年工作要点\n正文里也写了落实举措，但不是表格。\n" HEAD
	    "一、第一部分\n"
	    "1.完善制度体\n系建设\n"
	    "修订管理办法，建立健全工作制度，推动各项措施落地\n见效。\n"
	    "办公室、法规\n处\n"
	    "6月底前\n"
	    "组织开展督查。\n"
	    "办公室\n"
	    "年底前\n"
	    "二、第二部分\n"
	    "2.加强宣传\n"
	    "开展宣传周活动。\n"
	    "宣传处牵头，\n各处室配合\n"
	    "4月份前\n");

	(void)state;
	assert_string_equal(p->title, "2025 年全省工作任务清单");
	assert_int_equal(p->year, 2025);
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].no, 1);
	assert_string_equal(p->tasks[0].section, "一、第一部分");
	assert_string_equal(p->tasks[0].title, "完善制度体系建设");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 0, "修订管理办法，建立健全工作制度，推动各项措施落地见效。",
	    "办公室、法规处", "6月底前");
	assert_measure(p, 0, 1, "组织开展督查。", "办公室", "年底前");
	assert_string_equal(p->tasks[1].section, "二、第二部分");
	assert_measure(p, 1, 0, "开展宣传周活动。", "宣传处牵头，各处室配合", "4月份前");
	assert_int_equal(measure(p, 0, 0)->line, 12);
	assert_string_equal(measure(p, 0, 0)->deadline_loc, "16");
	plan_free(p);
}

/* Cells that share a line, separated by a space; spaces next to ASCII
 * stay inside the text. */
static void
test_joined_cells(void **state)
{
	struct plan *p = parse(HEAD
	    "一、部分\n"
	    "1.任务一\n"
	    "修订《条例》，覆盖率达到 90%以上。 法规处、办公\n"
	    "室 全年\n"
	    "出台 2025-2026 年推进计划。 保护处\n"
	    "10月底前\n");

	(void)state;
	assert_measure(p, 0, 0, "修订《条例》，覆盖率达到 90%以上。", "法规处、办公室", "全年");
	assert_measure(p, 0, 1, "出台 2025-2026 年推进计划。", "保护处", "10月底前");
	plan_free(p);
}

/* A deadline broken over two lines, page numbers, a page's leading space
 * and the header repeated on a new page. */
static void
test_page_breaks(void **state)
{
	struct plan *p = parse(HEAD
	    "一、部分\n\n"
	    "1.任务一\n\n"
	    "建设数据中心。\n\n"
	    "信息中心\n\n"
	    "年底前完\n\n"
	    "成\n\n"
	    "- 3 -\n\n"
	    " 任务清单 落实举措 责任单位 完成时间\n\n"
	    " 开展培训。\n\n"
	    "人事处\n\n"
	    "6月\n"
	    "底前\n");

	(void)state;
	assert_int_equal(p->ntasks, 1);
	assert_measure(p, 0, 0, "建设数据中心。", "信息中心", "年底前完成");
	assert_measure(p, 0, 1, "开展培训。", "人事处", "6月底前");
	plan_free(p);
}

/* A title ending in "。", whose last line is short. */
static void
test_title_with_full_stop(void **state)
{
	struct plan *p = parse(HEAD
	    "一、部分\n"
	    "7.统筹协调知\n识产权保护工\n作。\n"
	    "落实我省《关于强化知识产权保护的若干措施》。 保护处牵\n"
	    "头\n"
	    "全年\n"
	    "8.第二项任务\n"
	    "加强指导。\n"
	    "保护处\n"
	    "年内\n");

	(void)state;
	assert_int_equal(p->tasks[0].no, 7);
	assert_string_equal(p->tasks[0].title, "统筹协调知识产权保护工作。");
	assert_measure(p, 0, 0, "落实我省《关于强化知识产权保护的若干措施》。", "保护处牵头", "全年");
	assert_int_equal(p->tasks[1].no, 8);
	assert_string_equal(p->tasks[1].title, "第二项任务");
	plan_free(p);
}

/* A deadline the grammar does not know ends its row where the next row
 * starts: a new task, or the full first line of the next measure. */
static void
test_unknown_deadline(void **state)
{
	struct plan *p = parse(HEAD
	    "一、部分\n"
	    "1.任务一\n"
	    "第一项措施的文字很长很长很长很长很长很长很长很长很长\n"
	    "很长。\n"
	    "办公室\n"
	    "视情况\n"
	    "第二项措施的文字也很长很长很长很长很长很长很长很长很\n"
	    "长。\n"
	    "办公室\n"
	    "待定\n"
	    "2.任务二\n"
	    "第三项措施。\n"
	    "法规处\n"
	    "全年\n");

	(void)state;
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 0, "第一项措施的文字很长很长很长很长很长很长很长很长很长很长。",
	    "办公室", "视情况");
	assert_measure(p, 0, 1, "第二项措施的文字也很长很长很长很长很长很长很长很长很长。",
	    "办公室", "待定");
	assert_string_equal(measure(p, 0, 1)->deadline_loc, "16");
	assert_measure(p, 1, 0, "第三项措施。", "法规处", "全年");
	plan_free(p);
}

/* A measure without a final full stop: the column widths tell where the
 * units start. */
static void
test_measure_without_full_stop(void **state)
{
	struct plan *p = parse(HEAD
	    "一、部分\n"
	    "1.任务一\n"
	    "完善工作机制，建立健全长效管理制度，强化考核\n"
	    "督导\n"
	    "办公室、法规\n"
	    "处\n"
	    "全年\n"
	    "推进信息化建设，实现数据共享，提升服务效率和\n"
	    "监管水平，确保各项工作落到实处，不断取得新成\n"
	    "效。推动试点\n"
	    "信息中心\n"
	    "年底前\n");

	(void)state;
	assert_measure(p, 0, 0, "完善工作机制，建立健全长效管理制度，强化考核督导",
	    "办公室、法规处", "全年");
	assert_measure(p, 0, 1, "推进信息化建设，实现数据共享，提升服务效率和"
	    "监管水平，确保各项工作落到实处，不断取得新成效。推动试点",
	    "信息中心", "年底前");
	plan_free(p);
}

/* No annex marker: the header is found anyway and the title is the line
 * above it; CRLF line ends and a BOM are fine; a section row too long for
 * one line continues on the next. */
static void
test_no_annex_crlf(void **state)
{
	struct plan *p = parse("\xEF\xBB\xBF" "某某单位\r\n2024 年重点工作任务\r\n"
	    "重点任务 具体措施 牵头单位 完成时限\r\n"
	    "十一、很长很长的部分标题，一行放不下，需要在下一行继\r\n"
	    "续\r\n"
	    "1．任务一\r\n"
	    "措施一。\r\n"
	    "办公室\r\n"
	    "一季度\r\n");

	(void)state;
	assert_string_equal(p->title, "2024 年重点工作任务");
	assert_int_equal(p->year, 2024);
	assert_string_equal(p->tasks[0].section,
	    "十一、很长很长的部分标题，一行放不下，需要在下一行继续");
	assert_measure(p, 0, 0, "措施一。", "办公室", "一季度");
	plan_free(p);
}

/* Large tables number past 999: task 1000 is a task, not text of the
 * measure above (a 3-digit limit once folded every later task into task
 * 999 without a warning). */
static void
test_task_numbers_past_999(void **state)
{
	struct plan *p = parse(HEAD
	    "一、部分\n"
	    "998.任务甲\n措施甲。\n办公室\n全年\n"
	    "999.任务乙\n措施乙。\n办公室\n全年\n"
	    "1000.任务丙\n措施丙。\n办公室\n全年\n"
	    "1001．任务丁\n措施丁。\n办公室\n全年\n");

	(void)state;
	assert_int_equal(p->ntasks, 4);
	assert_int_equal(p->nwarnings, 0);
	assert_int_equal(p->tasks[2].no, 1000);
	assert_string_equal(p->tasks[2].title, "任务丙");
	assert_measure(p, 1, 0, "措施乙。", "办公室", "全年");
	assert_measure(p, 2, 0, "措施丙。", "办公室", "全年");
	assert_int_equal(p->tasks[3].no, 1001);
	plan_free(p);

	/* Up to six digits, as in a CSV's task_no column. */
	p = parse(HEAD
	    "一、部分\n"
	    "99999.任务甲\n措施甲。\n办公室\n全年\n"
	    "100000.任务乙\n措施乙。\n办公室\n全年\n");
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[1].no, 100000);
	assert_string_equal(p->tasks[1].title, "任务乙");
	plan_free(p);
}

static void
test_no_table(void **state)
{
	const char *text = "2025 年工作要点\n\n一、加强领导\n\n——完善制度。\n";
	struct plan *p = NULL;
	struct error err;

	(void)state;
	assert_int_equal(plan_text_parse("x.txt", text, strlen(text), &p, &err),
	    EXIT_DATAERR);
	assert_null(p);
	assert_non_null(strstr(err.msg, "x.txt: no task table found"));
}

/* A text without a table, a plan in prose: its numbered paragraphs, each
 * ending with its units in brackets, wrapped as pdftotext wraps them and
 * across a page's form feed. */
static void
test_prose(void **state)
{
	const char *text = "2026年工作要点\n\n一、加强领导\n（一）完善制度。\n"
	    "1.修订管理办法，明确职责（牵头单位：办公室；配合单\n"
	    "\f位：财务处；完成时限：6月底前）\n"
	    "\f2.建立台账。（责任单位：法规处，年底前完成）\n"
	    "各单位要高度重视。\n";
	struct plan *p = NULL;
	struct error err;

	(void)state;
	assert_int_equal(plan_text_parse("x.txt", text, strlen(text), &p, &err),
	    0);
	assert_string_equal(p->title, "2026年工作要点");
	assert_int_equal(p->ntasks, 1);
	assert_measure(p, 0, 0, "修订管理办法，明确职责",
	    "牵头单位：办公室；配合单位：财务处", "6月底前");
	assert_measure(p, 0, 1, "建立台账。", "责任单位：法规处", "年底前完成");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

/* Measures without numbers, wrapped: a line goes on with the paragraph
 * above while that one has a bracket open or stops in mid-sentence, or
 * when it opens the note; a heading joined to its first measure's lines
 * heads the measures after it. */
static void
test_prose_unnumbered(void **state)
{
	const char *text = "2026年工作要点\n为贯彻落实部署，制定本要点。\n"
	    "一、加强领导\n（一）完善制度。\n"
	    "修订管理办法，明确职责分工，加强监督检查，确\n"
	    "保落实到位。（责任单位：法规处；\n"
	    "完成时限：6月底前）\n"
	    "建立协作机制（责任单位：保护处、法规处，年底前\n"
	    "完成）。\n"
	    "推进落实“双减”\n政策要求。\n（责任单位：办公室；9月底前）\n"
	    "各单位要高度重视。\n";
	struct plan *p = NULL;
	struct error err;

	(void)state;
	assert_int_equal(plan_text_parse("x.txt", text, strlen(text), &p, &err),
	    0);
	assert_string_equal(p->title, "2026年工作要点");
	assert_int_equal(p->ntasks, 1);
	assert_string_equal(p->tasks[0].title, "完善制度");
	assert_measure(p, 0, 0, "修订管理办法，明确职责分工，加强监督检查，确保落实到位。",
	    "责任单位：法规处", "6月底前");
	assert_measure(p, 0, 1, "建立协作机制", "责任单位：保护处、法规处",
	    "年底前完成");
	assert_measure(p, 0, 2, "推进落实“双减”政策要求。", "责任单位：办公室",
	    "9月底前");
	assert_int_equal(p->tasks[0].nmeasures, 3);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

static void
test_header_without_rows(void **state)
{
	struct plan *p = NULL;
	struct error err;

	(void)state;
	assert_int_equal(plan_text_parse("x.txt", HEAD, strlen(HEAD), &p, &err),
	    EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "x.txt:5: the task table has no measures"));
}

/* A unit cell and its deadline on one line, parted by a space before a
 * digit: the deadline is its own cell; a space before digits inside a
 * measure ("面向 2035 年") stays text. */
static void
test_deadline_after_space(void **state)
{
	struct plan *p = parse(HEAD
	    "1.加强标准化\n"
	    "面向 2035 年制定标准化发展规划。\n"
	    "标准化科 9月30日前\n"
	    "修订地方标准。\n"
	    "质量科 年底前\n");

	(void)state;
	assert_int_equal(p->ntasks, 1);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 0, "面向 2035 年制定标准化发展规划。", "标准化科",
	    "9月30日前");
	assert_measure(p, 0, 1, "修订地方标准。", "质量科", "年底前");
	plan_free(p);
}


/* Rows read from the table rows the reader builds, through the
 * interpreter: parse with its warnings. */
static int
warned(const struct plan *p, const char *loc, const char *s)
{
	for (size_t i = 0; i < p->nwarnings; i++)
		if ((loc == NULL || (p->warnings[i].loc != NULL &&
		    strcmp(p->warnings[i].loc, loc) == 0)) &&
		    strstr(p->warnings[i].msg, s) != NULL)
			return 1;
	return 0;
}

/* A deadline sharing its line with the units and wrapped onto the next
 * line ("6月30" "日前") is still its own cell. */
static void
test_unit_and_wrapped_deadline(void **state)
{
	struct plan *p = parse(HEAD
	    "1.加强财务管理\n"
	    "围绕预算执行制定实施方案，细化责任分工，明确时间\n"
	    "节点，按季度报送进展情况。\n"
	    "财务处牵头；审计处 6月30\n"
	    "日前\n"
	    "清理往来款项，建立台账并逐笔销号，确保账实相符。\n"
	    "财务处 5—9\n"
	    "月\n");

	(void)state;
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 0, "围绕预算执行制定实施方案，细化责任分工，明确时间"
	    "节点，按季度报送进展情况。", "财务处牵头；审计处", "6月30日前");
	assert_measure(p, 0, 1, "清理往来款项，建立台账并逐笔销号，确保账实相符。",
	    "财务处", "5—9月");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

/* A narrow deadline column, as a browser prints it: the header's last
 * name and every deadline wrapped a character or two a line ("10" "月"
 * "份" "前"); a bare number there is no page number. */
static void
test_narrow_deadline_column(void **state)
{
	struct plan *p = parse("附件\n2023年全市教育工作任务清单\n"
	    "任务清单 落实举措 责任单位 完\n成\n时\n限\n"
	    "一、强化制度建设\n"
	    "1.健全制\n度体系\n"
	    "修订学校管理办法，建立健全内部控制制度，推动各项制度落地见效。\n"
	    "办公室、法\n规科\n"
	    "10\n月\n份\n前\n"
	    "组织开展制度执行情况专项检查，形成检查报告。\n"
	    "督导科\n"
	    "全\n年\n"
	    "2.加强队\n伍建设\n"
	    "开展全员培训。\n"
	    "人事科\n"
	    "12\n月\n底\n前\n");

	(void)state;
	assert_string_equal(p->title, "2023年全市教育工作任务清单");
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[0].title, "健全制度体系");
	assert_measure(p, 0, 0, "修订学校管理办法，建立健全内部控制制度，推动各项"
	    "制度落地见效。", "办公室、法规科", "10月份前");
	assert_measure(p, 0, 1, "组织开展制度执行情况专项检查，形成检查报告。",
	    "督导科", "全年");
	assert_measure(p, 1, 0, "开展全员培训。", "人事科", "12月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

/* What `pdftotext -raw` gives for a row broken across a page: the cells'
 * first lines, the page number and the header repeated at the next
 * page's top, then the rest of each cell, in column order again.  The
 * rest is joined to the row, with a warning naming both places; a
 * deadline broken by the page ("全" | "年") is joined too. */
static void
test_row_broken_by_page(void **state)
{
	struct plan *p = parse("附件\n2023年全市教育工作任务清单\n"
	    "任务清单 落实举措 责任单位 完成时间\n"
	    "1.健全制\n度体系\n"
	    "修订学校管理办法，建立健全内部控制制度，推动各项制度落地见效。\n"
	    "办公室牵头；法\n"
	    "6月底前\n"
	    "- 1 -\n"
	    "任务清单 落实举措 责任单位 完成时间\n"
	    "规科、各直属\n学校配合\n"
	    "组织开展制度执行情况专项检查，及时通报检查发现的问题，督促\n"
	    "督导科牵头；\n"
	    "- 2 -\n"
	    "任务清单 落实举措 责任单位 完成时间\n"
	    "整改落实到位。\n"
	    "各区县教育局\n"
	    "年底前\n"
	    "2.加强队\n伍建设\n"
	    "开展全员培训，提升教师专业能力和信息技术应用水平，建立培训档案。\n"
	    "人事科\n"
	    "全\n"
	    "3\n"
	    "任务清单 落实举措 责任单位 完成时间\n"
	    "年\n"
	    "建立教师考核评价制度。\n"
	    "人事科\n"
	    "9月底前\n");

	(void)state;
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 0, "修订学校管理办法，建立健全内部控制制度，推动各项"
	    "制度落地见效。", "办公室牵头；法规科、各直属学校配合", "6月底前");
	assert_measure(p, 0, 1, "组织开展制度执行情况专项检查，及时通报检查发现的"
	    "问题，督促整改落实到位。", "督导科牵头；各区县教育局", "年底前");
	assert_measure(p, 1, 0, "开展全员培训，提升教师专业能力和信息技术应用水平，"
	    "建立培训档案。", "人事科", "全年");
	assert_measure(p, 1, 1, "建立教师考核评价制度。", "人事科", "9月底前");
	assert_true(warned(p, "11", "row joined to the measure above (t.txt:6)"));
	assert_true(warned(p, "17", "row joined to the measure above (t.txt:13)"));
	assert_true(warned(p, "27", "row joined to the measure above (t.txt:22)"));
	assert_int_equal(p->nwarnings, 3);
	plan_free(p);
}

/* LibreOffice sets curly quotes in a Latin font, and `pdftotext -raw`
 * puts them on a line of their own above the line they belong to,
 * leaving a space in their place: they are put back. */
static void
test_displaced_quotes(void **state)
{
	struct plan *p = parse("附件\n2023年全市教育工作任务清单\n"
	    "任务清单 落实举措 责任单位 完成时间\n"
	    "“ ”\n"
	    "一、落实 双减 政策\n"
	    "1. “\n"
	    "推进 双\n"
	    "”\n"
	    "减 工作\n"
	    "“ ”\n"
	    "开展 课后服务提质 行动，丰富课后服务内容，提升课后服务质量。\n"
	    "基础教育科\n"
	    "全年\n");

	(void)state;
	assert_string_equal(p->tasks[0].section, "一、落实“双减”政策");
	assert_string_equal(p->tasks[0].title, "推进“双减”工作");
	assert_measure(p, 0, 0, "开展“课后服务提质”行动，丰富课后服务内容，提升课后"
	    "服务质量。", "基础教育科", "全年");
	plan_free(p);
}

/* A row whose units the layout cannot tell from the next measure is not
 * read silently: a short line inside a measure is warned about. */
static void
test_doubtful_row_warned(void **state)
{
	struct plan *p = parse(HEAD
	    "1.加强管理\n"
	    "修订学校管理办法，建立健全内部控制制度，推动各项制度落地见\n"
	    "效，组织开展制度执行情况专项检查\n"
	    "办公室\n"
	    "完善考核办法，建立健全考核评价指标体系，按季度通报考核结果。\n"
	    "人事科\n"
	    "年底前\n");

	(void)state;
	assert_true(warned(p, "10", "a short line inside the measure (\"办公室\")"));
	plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_table),
		cmocka_unit_test(test_deadline_after_space),
		cmocka_unit_test(test_joined_cells),
		cmocka_unit_test(test_page_breaks),
		cmocka_unit_test(test_title_with_full_stop),
		cmocka_unit_test(test_unknown_deadline),
		cmocka_unit_test(test_measure_without_full_stop),
		cmocka_unit_test(test_no_annex_crlf),
		cmocka_unit_test(test_task_numbers_past_999),
		cmocka_unit_test(test_no_table),
		cmocka_unit_test(test_prose),
		cmocka_unit_test(test_prose_unnumbered),
		cmocka_unit_test(test_header_without_rows),
		cmocka_unit_test(test_unit_and_wrapped_deadline),
		cmocka_unit_test(test_narrow_deadline_column),
		cmocka_unit_test(test_row_broken_by_page),
		cmocka_unit_test(test_displaced_quotes),
		cmocka_unit_test(test_doubtful_row_warned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
