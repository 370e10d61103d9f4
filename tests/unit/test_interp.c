/* Tests of the table interpreter on documents built in code, one trait
 * of real task tables at a time: header synonyms, a 序号 column, merged
 * task cells, sections, repeated headers, rows continued across a page,
 * the title and year, the annex, tables that continue one another, and
 * the warnings where a layout leaves a doubt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan/columns.h"
#include "plan/interp.h"
#include "plan/plan.h"
#include "plan/table.h"

/* A document from rows written compactly, one string a row, NULL ending
 * the list: "|" parts cells; a row starting "#" is a paragraph, "=" is
 * flagged a header (w:tblHeader), "+" may continue the row before (the
 * first on a page), "*" starts a new table; a cell starting "^" is
 * merged from above, "N*" spans N columns.  Row k is at "r<k>". */
static struct table_doc *
doc(const char *source, ...)
{
	struct table_doc *d = table_new(source);
	const char *row;
	va_list ap;
	int k = 0;

	va_start(ap, source);
	while ((row = va_arg(ap, const char *)) != NULL) {
		unsigned flags = 0;
		struct trow *r;

		k++;
		if (*row == '#') {
			assert_non_null(table_add_paragraph(d, row + 1, "r%d", k));
			continue;
		}
		for (;; row++) {
			if (*row == '=')
				flags |= TROW_HEADER;
			else if (*row == '+')
				flags |= TROW_CONTINUES;
			else if (*row == '*')
				flags |= TROW_NEW_TABLE;
			else
				break;
		}
		r = table_add_row(d, TROW_CELLS, flags, "r%d", k);
		assert_non_null(r);
		for (;;) {
			size_t len = strcspn(row, "|");
			int span = 1;
			unsigned cf = 0;
			const char *s = row;

			if (len >= 2 && s[0] >= '2' && s[0] <= '9' && s[1] == '*') {
				span = s[0] - '0';
				s += 2;
				len -= 2;
			}
			if (len >= 1 && *s == '^') {
				cf = TCELL_MERGED_UP;
				s++;
				len--;
			}
			assert_non_null(table_add_cell(r, s, len, span, cf));
			if (row[strcspn(row, "|")] == '\0')
				break;
			row += strcspn(row, "|") + 1;
		}
	}
	va_end(ap);
	return d;
}

/* Interpret d, which must succeed; d is freed. */
static struct plan *
interp(struct table_doc *d)
{
	struct plan *p = NULL;
	struct error err;

	if (interp_plan(d, &p, &err) != 0)
		fail_msg("interp_plan failed: %s", err.msg);
	table_free(d);
	return p;
}

/* Interpret d, which must fail with a message containing msg. */
static void
interp_fails(struct table_doc *d, const char *msg)
{
	struct plan *p = NULL;
	struct error err;

	assert_int_equal(interp_plan(d, &p, &err), EXIT_DATAERR);
	assert_null(p);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err.msg, msg);
	table_free(d);
}

static void
assert_measure(const struct plan *p, size_t t, size_t m, const char *text,
    const char *units, const char *deadline)
{
	const struct plan_measure *x;

	assert_true(t < p->ntasks);
	assert_true(m < p->tasks[t].nmeasures);
	x = &p->tasks[t].measures[m];
	assert_string_equal(x->text, text);
	assert_string_equal(x->units_text, units);
	assert_string_equal(x->deadline_text, deadline);
}

/* The index of the first warning containing s, or -1. */
static int
warning(const struct plan *p, const char *s)
{
	for (size_t i = 0; i < p->nwarnings; i++)
		if (strstr(p->warnings[i].msg, s) != NULL)
			return (int)i;
	return -1;
}

/* The header found by any of its names' synonyms, with spaces and line
 * breaks inside; columns by position, whatever else stands among them
 * (备注 at the end, 序号 in front). */
static void
test_header_synonyms(void **state)
{
	static const char *const heads[] = {
		"任务清单|落实举措|责任单位|完成时间",
		"重点任务|具体措施|牵头单位|完成时限",
		"工作任务|工作措施|责任部门|时间节点",
		"工作\n任务|具体\n措施|责任\n单位|完成\n时限",
		"工 作 任 务|工作措施|责 任 部 门|时间节点",
		"重点工作|工作举措|责任主体|时间安排",
		"任务事项|具体内容|责任单位（部门）|完成时限(截止时间)",
		"重点任务|具体措施|承办部门|计划完成时间",
		"重点任务|具体措施|主责部门|预计完成时间",
		"重点任务|具体措施|牵头科室|办理时限",
		"重点工作任务|具体任务|承办处室|时间",
		"督办事项|具体要求|办理单位|办结时间",
		"项目名称|任务措施|主要责任单位|进度要求",
	};
	struct plan *p;

	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		p = interp(doc("t.docx", "#2024年重点工作任务清单", heads[i],
		    "1.加强管理|建立制度。|办公室|6月底前", NULL));
		assert_int_equal(p->ntasks, 1);
		assert_string_equal(p->tasks[0].title, "加强管理");
		assert_measure(p, 0, 0, "建立制度。", "办公室", "6月底前");
		assert_int_equal(p->nwarnings, 0);
		plan_free(p);
	}
	/* Every name read is one plan_column_may_start lets through (the
	 * text reader's cheap test before it cuts a line up), and a cell
	 * that starts as none of a column's names does not. */
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		char *all = xstrdup(heads[i]), *cell, *save = NULL;

		for (cell = strtok_r(all, "|", &save); cell != NULL;
		    cell = strtok_r(NULL, "|", &save))
			assert_true(plan_column_may_start(cell,
			    (enum col)plan_column(cell)));
		free(all);
	}
	assert_true(plan_column_may_start(" Task", COL_TASK));
	assert_true(plan_column_may_start("\xef\xbd\x94\xef\xbd\x81sk", COL_TASK));
	assert_false(plan_column_may_start("推进改革", COL_TASK));
	assert_false(plan_column_may_start("  ", COL_TASK));
	assert_true(plan_column_may_start("牵头单位", COL_LEAD));
	assert_false(plan_column_may_start("配合单位", COL_UNITS));
	/* Columns in another order, and one no reader knows. */
	p = interp(doc("t.docx", "#2024年工作要点",
	    "完成时限|责任单位|工作任务|具体措施|备注",
	    "年底前|财务处|1.预算管理|编制预算。|无", NULL));
	assert_measure(p, 0, 0, "编制预算。", "财务处", "年底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	/* A schedule beside the deadline column: the deadlines are the
	 * latter's, whichever comes first; the schedule is warned unread. */
	p = interp(doc("t.docx", "#2024年工作要点",
	    "重点任务|具体措施|责任单位|进度安排|完成时限",
	    "1.预算管理|编制预算。|财务处|全年推进|6月30日前", NULL));
	assert_measure(p, 0, 0, "编制预算。", "财务处", "6月30日前");
	assert_int_equal(p->nwarnings, 1);
	assert_true(warning(p, "\"进度安排\" is not read: a schedule") == 0);
	plan_free(p);
	p = interp(doc("t.docx", "#2024年工作要点",
	    "重点任务|具体措施|责任单位|完成时限|时间安排",
	    "1.预算管理|编制预算。|财务处|6月30日前|全年推进", NULL));
	assert_measure(p, 0, 0, "编制预算。", "财务处", "6月30日前");
	plan_free(p);
	/* 目标任务 is a measure column under 重点工作. */
	p = interp(doc("t.xlsx", "重点工作|目标任务|主责部门|时间节点",
	    "1.制度建设|完成制度修订|法规处|6月底前", NULL));
	assert_string_equal(p->tasks[0].title, "制度建设");
	assert_measure(p, 0, 0, "完成制度修订", "法规处", "6月底前");
	plan_free(p);
	/* Two measure columns and no task column: the first is the task's;
	 * two task columns and no measure column: the second is the
	 * measure's.  Neither is warned about. */
	p = interp(doc("t.xlsx", "序号|目标任务|推进措施|责任单位|完成时限",
	    "1|制度建设|完成制度修订|法规处|6月底前", NULL));
	assert_string_equal(p->tasks[0].title, "制度建设");
	assert_measure(p, 0, 0, "完成制度修订", "法规处", "6月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	p = interp(doc("t.xlsx", "序号|重点任务|工作任务|责任单位|完成时限",
	    "1|制度建设|完成制度修订|法规处|6月底前", NULL));
	assert_string_equal(p->tasks[0].title, "制度建设");
	assert_measure(p, 0, 0, "完成制度修订", "法规处", "6月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	/* 责任分工 alone is the units column, its cells marking roles; a
	 * reform plan's 改革事项 the task's, 任务分解 the measure's. */
	p = interp(doc("t.xlsx", "序号|改革事项|任务分解|责任分工|完成时限",
	    "1|制度建设|完成制度修订|法规处牵头，办公室配合|6月底前", NULL));
	assert_string_equal(p->tasks[0].title, "制度建设");
	assert_measure(p, 0, 0, "完成制度修订", "法规处牵头，办公室配合",
	    "6月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	/* A third is warned about. */
	p = interp(doc("t.xlsx", "序号|具体措施|落实举措|推进措施|责任单位|完成时限",
	    "1|制度建设|完成制度修订|又一|法规处|6月底前", NULL));
	assert_measure(p, 0, 0, "完成制度修订", "法规处", "6月底前");
	assert_int_equal(p->nwarnings, 1);
	assert_non_null(strstr(p->warnings[0].msg, "推进措施"));
	plan_free(p);
}

/* A header that names two columns or more by their names: its other
 * cells name the columns it lacks by their names' ends, each warned
 * about; people and progress stay unread, a longer name is none, and a
 * row naming one column by its name uses no shapes. */
static void
test_guessed_columns(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.xlsx", "序号|工作任务|具体措施|承担单位|协助单位|"
	    "推进时限|联系人|工作进展情况",
	    "1|加强管理|建立制度。|办公室|财务处|6月底前|张三|已启动", NULL));
	assert_measure(p, 0, 0, "建立制度。", "办公室；财务处配合", "6月底前");
	assert_int_equal(p->nwarnings, 3);
	assert_true(warning(p, "\"承担单位\" is read as 责任单位") >= 0);
	assert_true(warning(p, "\"协助单位\" is read as 配合单位") >= 0);
	assert_true(warning(p, "\"推进时限\" is read as 完成时限") >= 0);
	plan_free(p);
	/* The lead's, by 牵头 in it (alone: the units); a sentence is no
	 * column's name. */
	p = interp(doc("t.xlsx", "序号|具体措施|省级牵头单位|完成时限|"
	    "各市要在规定的时间节点",
	    "1|建立制度。|办公室|6月底前|无", NULL));
	assert_measure(p, 0, 0, "建立制度。", "办公室", "6月底前");
	assert_true(warning(p, "\"省级牵头单位\" is read as 责任单位") >= 0);
	assert_true(warning(p, "\"各市要在规定的时间节点\" is not read") >= 0);
	plan_free(p);
}

/* A header cell whose column is left out is warned about at its place:
 * one that names no column, or a column named before it; the leaders,
 * persons, progress and remarks deadlined does not read are not, nor a
 * cell spanning columns a second header row names. */
static void
test_unread_columns(void **state)
{
	struct plan *p;
	int w;

	(void)state;
	p = interp(doc("t.xlsx", "序号|重点任务|工作目标|具体措施|责任领导|"
	    "责任单位|责任人|完成时限|进展情况|存在问题|下一步打算|佐证材料|"
	    "备注（说明）|具体措施",
	    "1|加强管理|目标|建立制度。|甲|办公室|乙|6月底前|已启动|无|无|"
	    "文件|无|又一", NULL));
	assert_measure(p, 0, 0, "建立制度。", "办公室", "6月底前");
	assert_int_equal(p->nwarnings, 2);
	assert_int_equal(w = warning(p, "\"工作目标\" is not read: no column"),
	    0);
	assert_string_equal(p->warnings[w].loc, "r1");
	assert_true(warning(p, "\"具体措施\" is not read: a column before "
	    "it has that name") == 1);
	plan_free(p);
	/* 责任分工 spans 牵头单位 and 配合单位 below it. */
	p = interp(doc("t.docx", "序号|具体措施|2*责任分工|完成时限",
	    "^|^|牵头单位|配合单位|^", "1|建立制度。|办公室|财务处|6月底前",
	    NULL));
	assert_measure(p, 0, 0, "建立制度。", "办公室牵头；财务处配合",
	    "6月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	/* 时间安排 spans when the work starts and when it is due: the
	 * deadline is the latter's, the start not read (nor warned). */
	p = interp(doc("t.docx", "序号|具体措施|责任单位|2*时间安排",
	    "^|^|^|启动时间|完成时间", "1|建立制度。|办公室|3月|6月底前",
	    NULL));
	assert_measure(p, 0, 0, "建立制度。", "办公室", "6月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	/* Side by side in one header row, the same. */
	p = interp(doc("t.docx", "序号|具体措施|责任单位|开始时间|完成时间",
	    "1|建立制度。|办公室|3月|6月底前", NULL));
	assert_measure(p, 0, 0, "建立制度。", "办公室", "6月底前");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

/* A plan without a task table: sections, headings and measures as
 * paragraphs, each measure's units (and deadline) in brackets at its
 * end; a measure numbered as the heading above it is its sibling; a
 * heading no measure follows is warned about and left out. */
static void
test_prose(void **state)
{
	struct table_doc *d;
	struct plan *p;

	(void)state;
	d = doc("t.docx", "#关于印发2026年工作要点的通知", "#附件",
	    "#2026年工作要点", "#一、强化保护", "#（一）加强执法。",
	    "#1.开展专项行动。（牵头单位：执法处；配合单位：各市局；完成时限："
	    "6月底前）",
	    "#2.建立协作机制（责任单位：保护处、法规处，年底前完成）。",
	    "#（二）完善体系。",
	    "#（三）推进维权。建设维权中心。（保护处牵头，各市局配合；9月底前）",
	    "#二、促进运用",
	    "#3.推进转化。开展许可试点。（责任单位：运用处；时间：全年）",
	    "#4.培育企业（以下简称“示范企业”）。", "#各单位要高度重视。", NULL);
	d->breaks_typed = true;
	p = interp(d);
	assert_string_equal(p->title, "2026年工作要点");
	assert_int_equal(p->year, 2026);
	assert_int_equal(p->ntasks, 3);
	assert_string_equal(p->tasks[0].title, "加强执法");
	assert_string_equal(p->tasks[0].section, "一、强化保护");
	assert_measure(p, 0, 0, "开展专项行动。", "牵头单位：执法处；配合单位：各市局",
	    "6月底前");
	assert_measure(p, 0, 1, "建立协作机制", "责任单位：保护处、法规处",
	    "年底前完成");
	assert_string_equal(p->tasks[1].title, "推进维权");
	assert_measure(p, 1, 0, "建设维权中心。", "保护处牵头，各市局配合",
	    "9月底前");
	assert_string_equal(p->tasks[2].section, "二、促进运用");
	assert_measure(p, 2, 0, "开展许可试点。", "责任单位：运用处", "全年");
	assert_int_equal(p->nwarnings, 2);
	assert_true(warning(p, "(\"完善体系\"): left out") >= 0);
	assert_true(warning(p, "示范企业") >= 0);
	plan_free(p);
	/* Lines a page wraps (a PDF) join up to the note. */
	p = interp(doc("t.pdf", "#2026年工作要点", "#1.开展专项行动，严厉打击",
	    "#侵权假冒。（责任单位：执法", "#处；6月底前）",
	    "#2.建立机制。（责任单位：保护处）", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_measure(p, 0, 0, "开展专项行动，严厉打击侵权假冒。",
	    "责任单位：执法处", "6月底前");
	assert_measure(p, 1, 0, "建立机制。", "责任单位：保护处", "");
	plan_free(p);
	/* The deadline in a note of its own after the units', or at the
	 * end of the text; units by their markers alone. */
	d = doc("t.docx", "#2026年工作要点",
	    "#1.开展专项行动。（责任单位：执法处）（6月底前完成）",
	    "#2.建立协作机制，9月底前建成。（责任单位：保护处）",
	    "#3.推进维权。（保护处牵头，各市局配合）",
	    "#4.加强宣传（以下简称“宣传”）（年底前）", NULL);
	d->breaks_typed = true;
	p = interp(d);
	assert_int_equal(p->ntasks, 3);
	assert_measure(p, 0, 0, "开展专项行动。", "责任单位：执法处",
	    "6月底前完成");
	assert_measure(p, 1, 0, "建立协作机制，9月底前建成。",
	    "责任单位：保护处", "9月底前建成");
	assert_measure(p, 2, 0, "推进维权。", "保护处牵头，各市局配合", "");
	assert_int_equal(p->nwarnings, 1);
	assert_true(warning(p, "(\"加强宣传（以下简称“宣传”）（年底前）\")") >= 0);
	plan_free(p);
	/* A table beside them, not a task table, is said to be left out. */
	p = interp(doc("t.docx", "#2026年工作要点", "工作内容|负责科室|时间",
	    "a|b|c", "#1.开展专项行动。（责任单位：执法处）", NULL));
	assert_int_equal(p->ntasks, 1);
	assert_int_equal(p->nwarnings, 1);
	assert_true(warning(p, "is left out: the plan is read from the "
	    "paragraphs") == 0);
	assert_string_equal(p->warnings[0].loc, "r2");
	plan_free(p);
	/* A bracket that names no units is no measure. */
	interp_fails(doc("t.docx", "#2026年工作要点",
	    "#1.开展行动（以下简称“行动”）。", "#2.完善制度（试行）。", NULL),
	    "and no paragraph ends with its units in brackets");
}

/* A cell's lines join without a space in Chinese, with one between Latin
 * words, and where Chinese meets Latin as the column (else the document)
 * writes it elsewhere on its lines: "第1\n项" in a document that writes
 * 第1项, "面向\n2035 年" in one that writes 面向 2035 年, and a deadline
 * column that writes 10月底前 keeps its own way. */
static void
test_wrapped_lines(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.docx", "#2026年工作要点", "重点任务|具体措施|责任单位|完成时限",
	    "1.推进第1\n项工作|开展ISO\n9001认证，完成第2项。|办公室|6月\n底前", NULL));
	assert_string_equal(p->tasks[0].title, "推进第1项工作");
	assert_measure(p, 0, 0, "开展ISO 9001认证，完成第2项。", "办公室", "6月底前");
	plan_free(p);
	p = interp(doc("t.docx", "#2026年工作要点", "重点任务|具体措施|责任单位|完成时限",
	    "1.面向 2035 年|提出面向\n2035 年的目标，发挥 TISC\n作用。|办公室|10\n月底前",
	    "2.推进|完成 RCEP 培训。|办公室|11月底前", NULL));
	assert_measure(p, 0, 0, "提出面向 2035 年的目标，发挥 TISC 作用。", "办公室",
	    "10月底前");
	plan_free(p);
}

/* A 序号 column: the number there, the title in the task column; it
 * wins over a number written before the title. */
static void
test_seqno_column(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.xlsx", "#2025年工作任务清单",
	    "序号|重点任务|工作措施|责任单位|完成时限",
	    "1|完善制度|修订办法。|法规处|6月底前",
	    "^|^|开展督查。|办公室|年底前",
	    "2|加强宣传|开展宣传周。|宣传处|4月份前",
	    "7|3.另编的号|第四项措施。|人事处|全年",
	    "8．|第八项|第五项措施。|人事处|全年",
	    "十|第十项|第六项措施。|人事处|全年", NULL));
	assert_int_equal(p->ntasks, 5);
	assert_int_equal(p->tasks[0].no, 1);
	assert_string_equal(p->tasks[0].title, "完善制度");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 1, "开展督查。", "办公室", "年底前");
	assert_int_equal(p->tasks[1].no, 2);
	assert_int_equal(p->tasks[2].no, 7);
	assert_string_equal(p->tasks[2].title, "另编的号");
	assert_int_equal(p->tasks[3].no, 8);
	assert_int_equal(p->tasks[4].no, 10);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);

	/* A 序号 that is no number, and no title to tell the task by. */
	interp_fails(doc("t.xlsx", "#2025年工作任务清单",
	    "序号|工作措施|责任单位|完成时限",
	    "1|修订办法。|法规处|6月底前",
	    "甲乙|开展督查。|办公室|年底前", NULL),
	    "t.xlsx:r4: task number \"甲乙\" is not a number");

	/* Text alone in the 序号 column numbers nothing: a labelled note
	 * is left out, other text is the next rows' section, warned. */
	p = interp(doc("t.xlsx", "#2025年工作任务清单",
	    "序号|工作措施|责任单位|完成时限",
	    "（一）制度建设",
	    "1|修订办法。|法规处|6月底前",
	    "注：各单位每月报送进展。",
	    "联系人：张三，电话：12345678", NULL));
	assert_int_equal(p->ntasks, 1);
	assert_string_equal(p->tasks[0].section, "（一）制度建设");
	assert_int_equal(p->nwarnings, 1);
	assert_non_null(strstr(p->warnings[0].msg, "text alone in the 序号 "
	    "column (\"（一）制度建设\")"));
	plan_free(p);
	/* A labelled note alone in the measure column: no measure. */
	p = interp(doc("t.xlsx", "#2025年工作任务清单",
	    "序号|工作措施|责任单位|完成时限",
	    "1|修订办法。|法规处|6月底前",
	    "|备注：以上任务按职责分工落实。||", NULL));
	assert_int_equal(p->tasks[0].nmeasures, 1);
	assert_int_equal(p->nwarnings, 1);
	assert_non_null(strstr(p->warnings[0].msg, "a note alone in its row"));
	plan_free(p);
	assert_true(plan_is_note("备注：无"));
	assert_true(plan_is_note("联系电话: 12345"));
	assert_false(plan_is_note("2026年：全年"));
	assert_false(plan_is_note("按照要求，做好以下工作：报送"));
	assert_false(plan_is_note("：无"));
	assert_false(plan_is_note("备注"));
}

/* Task cells merged down (or left empty) continue the task above; a
 * title without a number gets the next one; sections are a text across
 * the table or "一、…" alone in its row; page numbers are no rows. */
static void
test_merged_tasks_and_sections(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.docx", "#2022年工作任务分工方案",
	    "任务清单|落实举措|责任单位|完成时间",
	    "4*一、强化制度建设",
	    "1.完善制度|修订办法。|法规处|6月底前",
	    "^|开展督查。|办公室|年底前",
	    "|组织培训。|人事处|9月底前",
	    "#- 3 -",
	    "#—4—",
	    "第5页|||",
	    "二、推进重点改革|||",
	    "深化改革|推进改革试点。|改革办|全年",
	    "^|总结经验。|改革办|12月底前", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[0].section, "一、强化制度建设");
	assert_int_equal(p->tasks[0].nmeasures, 3);
	assert_measure(p, 0, 2, "组织培训。", "人事处", "9月底前");
	assert_int_equal(p->tasks[1].no, 2);
	assert_string_equal(p->tasks[1].title, "深化改革");
	assert_string_equal(p->tasks[1].section, "二、推进重点改革");
	assert_int_equal(p->tasks[1].nmeasures, 2);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);

	/* No task goes on past a section: a measure after one with its
	 * task cell empty (a cell merged over a page's end, its text
	 * printed on the next page) is the next task's, warned. */
	p = interp(doc("t.pdf", "#2022年工作任务分工方案",
	    "序号|重点任务|落实举措|责任单位|完成时间",
	    "5*一、强化制度建设",
	    "1|完善制度|修订办法。|法规处|6月底前",
	    "5*二、推进重点改革",
	    "||推进改革试点。|改革办|全年",
	    "2|深化改革|总结经验。|改革办|12月底前", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].nmeasures, 1);
	assert_int_equal(p->tasks[1].no, 2);
	assert_string_equal(p->tasks[1].title, "深化改革");
	assert_string_equal(p->tasks[1].section, "二、推进重点改革");
	assert_int_equal(p->tasks[1].nmeasures, 2);
	assert_measure(p, 1, 0, "推进改革试点。", "改革办", "全年");
	assert_int_equal(p->nwarnings, 1);
	assert_true(warning(p, "after a section heading has an empty task "
	    "cell: read as the next task's (2)") == 0);
	plan_free(p);

	/* Nor past a page's end where, in a table that merges its task
	 * cells, the last row's is empty and not merged with the one above
	 * (Calc prints the cell's text clipped under the table, and again
	 * on the next page): the row is the task the next page opens. */
	p = interp(doc("t.pdf", "#2022年工作任务分工方案",
	    "序号|重点任务|落实举措|责任单位|完成时间",
	    "1|完善制度|修订办法。|法规处|6月底前",
	    "^|^|清理文件。|法规处|9月底前",
	    "||推进改革试点。|改革办|全年",
	    "#2深化改革",
	    "+2|深化改革|总结经验。|改革办|12月底前", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_int_equal(p->tasks[1].no, 2);
	assert_string_equal(p->tasks[1].title, "深化改革");
	assert_int_equal(p->tasks[1].nmeasures, 2);
	assert_measure(p, 1, 0, "推进改革试点。", "改革办", "全年");
	assert_int_equal(p->nwarnings, 1);
	assert_true(warning(p, "at a page's end has an empty task cell not "
	    "merged with the one above, and the next page opens a task: read "
	    "as the next task's (2)") == 0);
	plan_free(p);

	/* Such a row stays its task's where the table never merges task
	 * cells (a title written once, the cells below left empty), and
	 * where the next page goes on with the task (its cell empty). */
	p = interp(doc("t.pdf", "#2022年工作任务分工方案",
	    "序号|重点任务|落实举措|责任单位|完成时间",
	    "1|完善制度|修订办法。|法规处|6月底前",
	    "||推进改革试点。|改革办|全年",
	    "+2|深化改革|总结经验。|改革办|12月底前", NULL));
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_int_equal(p->tasks[1].nmeasures, 1);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	p = interp(doc("t.pdf", "#2022年工作任务分工方案",
	    "序号|重点任务|落实举措|责任单位|完成时间",
	    "1|完善制度|修订办法。|法规处|6月底前",
	    "^|^|清理文件。|法规处|9月底前",
	    "||推进改革试点。|改革办|全年",
	    "+||总结经验。|改革办|12月底前",
	    "2|深化改革|评估成效。|改革办|12月底前", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].nmeasures, 4);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);

	/* Without a task column, a heading numbered in brackets under a
	 * section is the task of the rows below; their 序号 numbers its
	 * measures.  A bracketed heading with none above stays a section. */
	p = interp(doc("t.docx", "#2026年工作任务分工方案",
	    "序号|具体措施|责任单位|完成时限",
	    "4*一、强化保护",
	    "4*（一）加强行政保护",
	    "1|开展执法。|甲|6月底前",
	    "2|建立名录。|乙|年底前",
	    "4*（二）推进快速维权",
	    "3|扩大预审。|丙|9月底前",
	    "4*二、提升运用",
	    "4*（一）促进转化",
	    "4|盘活专利。|丁|全年", NULL));
	assert_int_equal(p->ntasks, 3);
	assert_string_equal(p->tasks[0].title, "加强行政保护");
	assert_string_equal(p->tasks[0].section, "一、强化保护");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 1, "建立名录。", "乙", "年底前");
	assert_int_equal(p->tasks[1].no, 2);
	assert_string_equal(p->tasks[1].title, "推进快速维权");
	assert_int_equal(p->tasks[1].nmeasures, 1);
	assert_int_equal(p->tasks[2].no, 1);	/* numbered through later */
	assert_string_equal(p->tasks[2].title, "促进转化");
	assert_string_equal(p->tasks[2].section, "二、提升运用");
	plan_free(p);
	/* The same headings as paragraphs, a table under each task (its
	 * 序号 from 1 again), the first two above the first header. */
	p = interp(doc("t.docx", "#附件", "#2026年工作任务分工方案",
	    "#一、强化保护", "#（一）加强行政保护",
	    "*序号|具体措施|责任单位|完成时限",
	    "1|开展执法。|甲|6月底前",
	    "2|建立名录。|乙|年底前",
	    "#（二）推进快速维权",
	    "*序号|具体措施|责任单位|完成时限",
	    "1|扩大预审。|丙|9月底前",
	    "#二、提升运用", "#（一）促进转化",
	    "*序号|具体措施|责任单位|完成时限",
	    "1|盘活专利。|丁|全年", NULL));
	assert_int_equal(p->ntasks, 3);
	assert_string_equal(p->title, "2026年工作任务分工方案");
	assert_string_equal(p->tasks[0].title, "加强行政保护");
	assert_string_equal(p->tasks[0].section, "一、强化保护");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 1, "建立名录。", "乙", "年底前");
	assert_string_equal(p->tasks[1].title, "推进快速维权");
	assert_measure(p, 1, 0, "扩大预审。", "丙", "9月底前");
	assert_string_equal(p->tasks[2].title, "促进转化");
	assert_string_equal(p->tasks[2].section, "二、提升运用");
	plan_free(p);
	/* Without a task column, a row of a number and a title merged
	 * across the rest is a task over the rows below, numbered in
	 * brackets, as outlines, or not at all. */
	p = interp(doc("t.docx", "#2026年工作任务分工方案",
	    "序号|工作措施|责任单位|完成时限",
	    "1|3*加强行政保护",
	    "（1）|开展执法。|甲|6月底前",
	    "(2)|建立名录。|乙|年底前",
	    "2|3*推进快速维权",
	    "2.1|扩大预审。|丙|9月底前",
	    "3|3*促进转化",
	    "|盘活专利。|丁|全年", NULL));
	assert_int_equal(p->ntasks, 3);
	assert_string_equal(p->tasks[0].title, "加强行政保护");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 0, 1, "建立名录。", "乙", "年底前");
	assert_string_equal(p->tasks[1].title, "推进快速维权");
	assert_int_equal(p->tasks[1].nmeasures, 1);
	assert_string_equal(p->tasks[2].title, "促进转化");
	assert_measure(p, 2, 0, "盘活专利。", "丁", "全年");
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);

	/* A task's number on a line of its own in its cell. */
	p = interp(doc("t.docx", "#2026年工作任务分工方案",
	    "重点任务|具体措施|责任单位|完成时限",
	    "3\n促进转化运用|盘活专利。|甲|6月底前",
	    "四、\n加强公共服务|建设网点。|乙|年底前",
	    "5G网络\n建设|建设基站。|丙|年底前", NULL));
	assert_int_equal(p->ntasks, 3);
	assert_int_equal(p->tasks[0].no, 3);
	assert_string_equal(p->tasks[0].title, "促进转化运用");
	assert_int_equal(p->tasks[1].no, 4);
	assert_string_equal(p->tasks[1].title, "加强公共服务");
	assert_string_equal(p->tasks[2].title, "5G网络建设");
	plan_free(p);
	p = interp(doc("t.docx", "#2026年工作任务分工方案",
	    "序号|具体措施|责任单位|完成时限",
	    "4*（一）强化保护",
	    "1|开展执法。|甲|6月底前", NULL));
	assert_int_equal(p->ntasks, 1);
	assert_string_equal(p->tasks[0].section, "（一）强化保护");
	plan_free(p);
}

/* Units or a deadline merged down over a task's measures, or written
 * 同上 ("ditto"), are the measure above's, split columns too; 同上 with
 * no measure above is warned about and left empty; a cell merely left
 * empty carries nothing. */
static void
test_carried_cells(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.docx", "#2022年工作任务分工方案",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.完善制度|修订办法。|法规处、办公室|6月底前",
	    "^|开展督查。|^|^",
	    "^|组织培训。|同上|^",
	    "2.推进改革|推进试点。|同上。|同上",
	    "^|总结经验。||", NULL));
	assert_measure(p, 0, 1, "开展督查。", "法规处、办公室", "6月底前");
	assert_measure(p, 0, 2, "组织培训。", "法规处、办公室", "6月底前");
	assert_measure(p, 1, 0, "推进试点。", "法规处、办公室", "6月底前");
	assert_measure(p, 1, 1, "总结经验。", "", "");
	assert_int_equal(warning(p, "as above"), -1);
	plan_free(p);

	p = interp(doc("t.xlsx", "#2022年工作任务分工方案",
	    "任务清单|落实举措|牵头单位|配合单位|完成时间",
	    "1.完善制度|修订办法。|法规处|办公室|6月底前",
	    "^|开展督查。|^|^|9月底前",
	    /* One column merged, the other its own: each on its own. */
	    "^|组织培训。|人事处|^|9月底前",
	    "^|开展评估。|同 上|财务处|9月底前",
	    "^|总结经验。|“同上”|同　上|9月底前", NULL));
	assert_measure(p, 0, 1, "开展督查。", "法规处牵头；办公室配合",
	    "9月底前");
	assert_measure(p, 0, 2, "组织培训。", "人事处牵头；办公室配合",
	    "9月底前");
	assert_measure(p, 0, 3, "开展评估。", "人事处牵头；财务处配合",
	    "9月底前");
	assert_measure(p, 0, 4, "总结经验。", "人事处牵头；财务处配合",
	    "9月底前");
	plan_free(p);

	/* A measure cell merged over a row with units of its own: that
	 * row is not read, and the warning says why. */
	p = interp(doc("t.docx", "#2022年工作任务分工方案",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.完善制度|修订办法。|法规处|6月底前",
	    "^|^|办公室|9月底前", NULL));
	assert_int_equal(p->tasks[0].nmeasures, 1);
	assert_true(warning(p, "merged from the row above; not read") >= 0);
	plan_free(p);

	p = interp(doc("t.docx", "#2022年工作任务分工方案",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.完善制度|修订办法。|同上|6月底前", NULL));
	assert_measure(p, 0, 0, "修订办法。", "", "6月底前");
	assert_true(warning(p, "with no measure above it") >= 0);
	plan_free(p);
}

/* Headers repeated at the top of each page, flagged or not, are no
 * rows; a new table with the same columns continues the plan, one with
 * its own header takes its columns, and another table is skipped with a
 * warning. */
static void
test_repeated_headers_and_tables(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.docx", "#2023年工作要点",
	    "=任务清单|落实举措|责任单位|完成时间",
	    "1.甲|措施一。|办公室|6月底前",
	    "=任务清单|落实举措|责任单位|完成时间",
	    "^|措施二。|办公室|年底前",
	    "任务清单|落实举措|责任单位|完成时间",
	    "2.乙|措施三。|财务处|全年",
	    "#（续表）",
	    "*3.丙|措施四。|人事处|全年",
	    "*序号|工作任务|责任单位|工作措施|完成时限",
	    "4|丁|科技处|措施五。|3月底前",
	    "*签发人|日期",
	    "张三|2023年1月5日",
	    "*5|戊|科技处|措施六。|5月底前", NULL));
	assert_int_equal(p->ntasks, 5);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_measure(p, 2, 0, "措施四。", "人事处", "全年");
	assert_measure(p, 3, 0, "措施五。", "科技处", "3月底前");
	assert_string_equal(p->tasks[3].title, "丁");
	assert_measure(p, 4, 0, "措施六。", "科技处", "5月底前");
	assert_int_equal(p->nwarnings, 1);
	assert_string_equal(p->warnings[0].loc, "r12");
	assert_true(warning(p, "a table of 2 columns") == 0);
	plan_free(p);
}

/* The first row of a page continues the measure above when that one is
 * unfinished or when the row brings no deadline: its cells are joined
 * cell by cell, with a warning naming both places.  A row that brings
 * its own deadline under a finished measure is a measure of its own. */
static void
test_continued_rows(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.pdf", "#2024年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.甲|建立健全长效管理制度，|办公室、法规|",
	    "+|强化考核督导。|处|6月底前",
	    "^|开展培训，提升|人事处牵头，各|全年",
	    "=任务清单|落实举措|责任单位|完成时间",
	    "|能力。|处室配合|",
	    "^|组织检查。|督查室|年底前",
	    "+|开展评估。|督查室|12月底前", NULL));
	assert_int_equal(p->ntasks, 1);
	assert_int_equal(p->tasks[0].nmeasures, 4);
	assert_measure(p, 0, 0, "建立健全长效管理制度，强化考核督导。",
	    "办公室、法规处", "6月底前");
	assert_string_equal(p->tasks[0].measures[0].loc, "r3");
	assert_string_equal(p->tasks[0].measures[0].deadline_loc, "r4");
	assert_measure(p, 0, 1, "开展培训，提升能力。", "人事处牵头，各处室配合",
	    "全年");
	assert_measure(p, 0, 3, "开展评估。", "督查室", "12月底前");
	assert_int_equal(p->nwarnings, 2);
	assert_string_equal(p->warnings[0].loc, "r4");
	assert_non_null(strstr(p->warnings[0].msg, "row joined to the measure "
	    "above (t.pdf:r3)"));
	assert_string_equal(p->warnings[1].loc, "r7");
	plan_free(p);

	/* Units broken over the page's end part as at a line the cell
	 * wrapped: a name ends, the next starts. */
	p = interp(doc("t.pdf", "#2024年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.甲|推进污水治理，|市农业农村局|",
	    "+|黑臭水体清零。|市生态环境局|年底前", NULL));
	assert_measure(p, 0, 0, "推进污水治理，黑臭水体清零。",
	    "市农业农村局、市生态环境局", "年底前");
	plan_free(p);

	/* A deadline wrapped after its year (2026年 / 10月底前) is broken
	 * too, though a year alone reads as its end. */
	p = interp(doc("t.pdf", "#2026年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.甲|推进第10项|市委机构编制|2026年",
	    "+|工作|委员会办公室|10月底前", NULL));
	assert_int_equal(p->tasks[0].nmeasures, 1);
	assert_measure(p, 0, 0, "推进第10项工作", "市委机构编制委员会办公室",
	    "2026年10月底前");
	assert_int_equal(p->nwarnings, 1);
	plan_free(p);

	/* So is one whose rest alone is no deadline (年底 / 前), though the
	 * first part is one; a row whose own deadline is one stays apart. */
	p = interp(doc("t.pdf", "#2026年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.甲|推进第10项|市生态环境局|年底",
	    "+|工作。|牵头|前",
	    "^|开展评估。|督查室|年底",
	    "+|开展培训。|人事处|6月底前", NULL));
	assert_int_equal(p->tasks[0].nmeasures, 3);
	assert_measure(p, 0, 0, "推进第10项工作。", "市生态环境局牵头",
	    "年底前");
	assert_measure(p, 0, 2, "开展培训。", "人事处", "6月底前");
	plan_free(p);

	/* A page's first row that reads as a labelled note (施：…) goes on
	 * a measure cut mid-sentence; after a finished one it is a note. */
	p = interp(doc("t.pdf", "#2024年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.甲|第2条措|办公室|6月底前",
	    "+|施：组织开展工作。||",
	    "2.乙|开展评估。|督查室|12月底前",
	    "+|注：表中时间为最迟时间。||", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_measure(p, 0, 0, "第2条措施：组织开展工作。", "办公室", "6月底前");
	assert_int_equal(p->tasks[1].nmeasures, 1);
	assert_measure(p, 1, 0, "开展评估。", "督查室", "12月底前");
	assert_true(warning(p, "note") >= 0);
	plan_free(p);

	/* A task cell carried onto the next page goes on the title. */
	p = interp(doc("t.pdf", "#2024年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.加强知识产权|措施一。|办公室|全年",
	    "+保护|措施二。|办公室|年底前", NULL));
	assert_string_equal(p->tasks[0].title, "加强知识产权保护");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_true(warning(p, "task cell continued") >= 0);
	plan_free(p);
	/* Not one that starts with its own number, as （八）: a new task. */
	p = interp(doc("t.pdf", "#2024年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "（七）加强管理|措施一。|办公室|全年",
	    "+（八）完善服务|措施二。|办公室|年底前", NULL));
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[1].title, "完善服务");
	assert_int_equal(warning(p, "task cell continued"), -1);
	plan_free(p);

	/* A row without a measure: the rest of the one above, though the
	 * deadline's first part (10月) is a deadline by itself. */
	p = interp(doc("t.pdf", "#2024年工作任务清单",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.甲|措施一。|办公室|10月",
	    "+|||底前", NULL));
	assert_int_equal(p->tasks[0].nmeasures, 1);
	assert_measure(p, 0, 0, "措施一。", "办公室", "10月底前");
	plan_free(p);
}

/* The title: the line above the table that names the plan, after the
 * annex marker; its year.  The prose before "附件" repeats the plan, in
 * a table too: the table after the marker is read. */
static void
test_title_year_annex(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("t.docx",
	    "#关于印发2021年工作要点的通知",
	    "#各处室：现将工作要点印发给你们。",
	    "任务清单|落实举措|责任单位|完成时间",
	    "1.正文里的|表格。|办公室|全年",
	    "#附件1",
	    "#2021年全省知识产权工作任务清单",
	    "#（按责任单位排列）",
	    "重点任务|具体措施|牵头单位|完成时限",
	    "1.附件里的|任务。|保护处|10月份前", NULL));
	assert_string_equal(p->title, "2021年全省知识产权工作任务清单");
	assert_int_equal(p->year, 2021);
	assert_int_equal(p->ntasks, 1);
	assert_measure(p, 0, 0, "任务。", "保护处", "10月份前");
	plan_free(p);

	/* A spreadsheet's title row: one cell above the header.  A title
	 * without a year takes the first line's (the document's own). */
	p = interp(doc("t.xlsx", "2026年度|||", "教育工作任务分工方案|||", "|||",
	    "工作任务|工作措施|责任部门|时间节点",
	    "1.甲|措施。|办公室|全年", NULL));
	assert_string_equal(p->title, "教育工作任务分工方案");
	assert_int_equal(p->year, 2026);
	plan_free(p);

	/* A title set on two lines: the year's line and the one naming the
	 * plan.  Not a date, a file number or a sentence above it. */
	p = interp(doc("t.docx", "#2026年全省知识产权保护和运用",
	    "#工作任务分工方案",
	    "工作任务|工作措施|责任部门|时间节点",
	    "1.甲|措施。|办公室|全年", NULL));
	assert_string_equal(p->title, "2026年全省知识产权保护和运用工作任务分工方案");
	assert_int_equal(p->year, 2026);
	plan_free(p);
	p = interp(doc("t.docx", "#2026年3月1日", "#工作任务分工方案",
	    "工作任务|工作措施|责任部门|时间节点",
	    "1.甲|措施。|办公室|全年", NULL));
	assert_string_equal(p->title, "工作任务分工方案");
	plan_free(p);
	/* A sheet's title merged across, the figures' unit at the row's
	 * end: the title. */
	p = interp(doc("t.xlsx", "5*2026年生态环境保护工作任务分工方案||||（单位：个）",
	    "工作任务|工作措施|责任部门|时间节点|",
	    "1.甲|措施。|办公室|全年|", NULL));
	assert_string_equal(p->title, "2026年生态环境保护工作任务分工方案");
	plan_free(p);

	/* No title at all: the file's name. */
	p = interp(doc("dir/2027-要点.docx", "工作任务|工作措施|责任部门|时间节点",
	    "1.甲|措施。|办公室|全年", NULL));
	assert_string_equal(p->title, "2027-要点");
	assert_int_equal(p->year, 2027);
	plan_free(p);
}

/* Plan and year columns (a CSV export's): the first plan cell is the
 * title, the year cells must agree. */
static void
test_plan_and_year_columns(void **state)
{
	struct plan *p;

	(void)state;
	p = interp(doc("x.csv", "plan|year|task|measure|units|deadline",
	    "|2022|t|m1|u|6月底前", "我的计划|2022|t|m2|u|年底前", NULL));
	assert_string_equal(p->title, "我的计划");
	assert_int_equal(p->year, 2022);
	plan_free(p);
	interp_fails(doc("x.csv", "year|task|measure|units|deadline",
	    "2022|t|m1|u|全年", "2023|t|m2|u|全年", NULL),
	    "x.csv:r3: year 2023 differs from the year 2022 of the rows above");
	interp_fails(doc("x.csv", "year|task|measure|units|deadline",
	    "22|t|m1|u|全年", NULL), "x.csv:r2: year \"22\" is not a 4-digit year");
}

/* Cells that do not look like their column are warned about, at the
 * row; a deadline's place is its cell's own when the reader gives one. */
static void
test_doubts(void **state)
{
	struct table_doc *d;
	struct plan *p;

	(void)state;
	d = doc("t.xlsx", "#2024年工作任务清单",
	    "工作任务|工作措施|责任部门|时间节点",
	    "1.甲|措施一。|由办公室负责完成全部工作。|6月底前",
	    "^|措施二。|年底前|",
	    "^|措施三。|财务处|6月底前\n年底前",
	    "^|措施四。|2*财务处",
	    "^|措施五。|人事处|全年|多出的一格",
	    "^||人事处|全年",
	    "^|措施六。|人事处|2026年\n10月底前", NULL);	/* one, wrapped */
	d->rows[2].cells[3].loc = strdup("Sheet1!D3");
	p = interp(d);
	assert_int_equal(p->tasks[0].nmeasures, 6);
	assert_string_equal(p->tasks[0].measures[5].deadline_text,
	    "2026年10月底前");
	assert_string_equal(p->tasks[0].measures[0].deadline_loc, "Sheet1!D3");
	assert_string_equal(p->tasks[0].measures[1].deadline_loc, "r4");
	assert_true(warning(p, "units cell reads like a sentence") >= 0);
	assert_string_equal(p->warnings[warning(p, "reads like a sentence")].loc, "r3");
	assert_true(warning(p, "units cell reads like a deadline") >= 0);
	assert_string_equal(p->warnings[warning(p, "two deadlines")].loc, "r5");
	assert_string_equal(p->warnings[warning(p, "a cell of the row spans the measure, units or deadline columns (4 columns, the header 4)")].loc, "r6");
	assert_string_equal(p->warnings[warning(p, "(5 columns, the header 4)")].loc, "r7");
	assert_string_equal(p->warnings[warning(p, "no measure; skipped")].loc, "r8");
	assert_int_equal(p->nwarnings, 6);
	plan_free(p);

	/* A measure before any task goes under task 1, warned. */
	p = interp(doc("t.xlsx", "#2024年工作任务清单",
	    "工作任务|工作措施|责任部门|时间节点", "|措施。|办公室|全年", NULL));
	assert_int_equal(p->tasks[0].no, 1);
	assert_true(warning(p, "measure before any task") >= 0);
	plan_free(p);
	/* Its title after it (a task cell merged down and centred, read
	 * from text positions): still task 1's, the next measure its too. */
	p = interp(doc("t.pdf", "序号|工作任务|工作措施|责任部门|时间节点",
	    "||措施一。|办公室|6月底前", "1|加强保护|||",
	    "||措施二。|财务处|年底前", "2|强化运用|措施三。|人事处|全年",
	    NULL));
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[0].title, "加强保护");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_string_equal(p->tasks[1].title, "强化运用");
	plan_free(p);
}

/* The reader's own warnings come with the plan, at their places. */
static void
test_reader_warnings(void **state)
{
	struct table_doc *d = doc("t.pdf", "#2024年工作任务清单",
	    "工作任务|工作措施|责任部门|时间节点", "1.甲|措施。|办公室|全年", NULL);
	struct plan *p;

	(void)state;
	table_warn(d, "page 2", "column widths change");
	table_warn(d, NULL, "whole-file remark");
	p = interp(d);
	assert_int_equal(p->nwarnings, 2);
	assert_string_equal(p->warnings[0].loc, "page 2");
	assert_null(p->warnings[1].loc);
	plan_free(p);
}

/* No task table: one line saying which columns were looked for; a
 * table without a measure: one line at its header. */
static void
test_no_table(void **state)
{
	(void)state;
	interp_fails(doc("t.docx", "#2024年工作要点", "#一、加强领导",
	    "序号|内容|备注", "1|完善制度|", NULL),
	    "t.docx: no task table found: no table row names the columns");
	interp_fails(doc("t.docx", "#2024年工作要点",
	    "任务清单|落实举措|责任单位|完成时间", "4*一、部分", NULL),
	    "t.docx:r2: the task table has no measures");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_synonyms),
		cmocka_unit_test(test_seqno_column),
		cmocka_unit_test(test_unread_columns),
		cmocka_unit_test(test_guessed_columns),
		cmocka_unit_test(test_prose),
		cmocka_unit_test(test_wrapped_lines),
		cmocka_unit_test(test_merged_tasks_and_sections),
		cmocka_unit_test(test_carried_cells),
		cmocka_unit_test(test_repeated_headers_and_tables),
		cmocka_unit_test(test_continued_rows),
		cmocka_unit_test(test_title_year_annex),
		cmocka_unit_test(test_plan_and_year_columns),
		cmocka_unit_test(test_doubts),
		cmocka_unit_test(test_reader_warnings),
		cmocka_unit_test(test_no_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
