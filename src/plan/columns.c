/* columns: a header cell's name -> the column it stands for. */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/columns.h"

const char *const plan_csv_columns[] = {
	"plan", "year", "task_no", "section", "task", "measure", "units",
	"deadline", "kind", "due", NULL
};

_Static_assert(ARRAY_LEN(plan_csv_columns) == COL_ID + 1,
    "plan_csv_columns and enum col disagree");

/* Other names of the columns: the Chinese headers of work plans and a few
 * English synonyms.  The canonical names are plan_csv_columns. */
static const struct {
	enum col col;
	const char *name;
} col_aliases[] = {
	{ COL_PLAN, "title" }, { COL_PLAN, "计划" },
	{ COL_YEAR, "年度" },
	{ COL_TASK_NO, "no" }, { COL_TASK_NO, "序号" }, { COL_TASK_NO, "编号" },
	{ COL_SECTION, "部分" }, { COL_SECTION, "章节" },
	{ COL_TASK, "任务清单" }, { COL_TASK, "重点任务" },
	{ COL_TASK, "工作任务" }, { COL_TASK, "任务" },
	{ COL_TASK, "主要任务" }, { COL_TASK, "任务名称" },
	{ COL_TASK, "重点工作" }, { COL_TASK, "工作事项" },
	{ COL_TASK, "任务事项" },
	/* A supervising office's items (督查督办): each a task. */
	{ COL_TASK, "督办事项" }, { COL_TASK, "督查事项" },
	{ COL_TASK, "交办事项" }, { COL_TASK, "事项" },
	{ COL_TASK, "重点工作任务" }, { COL_TASK, "项目名称" },
	{ COL_TASK, "改革事项" }, { COL_TASK, "改革任务" },
	{ COL_MEASURE, "落实举措" }, { COL_MEASURE, "具体措施" },
	{ COL_MEASURE, "工作措施" }, { COL_MEASURE, "举措" },
	{ COL_MEASURE, "措施" }, { COL_MEASURE, "主要措施" },
	{ COL_MEASURE, "具体举措" }, { COL_MEASURE, "工作内容" },
	{ COL_MEASURE, "工作举措" }, { COL_MEASURE, "具体工作" },
	{ COL_MEASURE, "具体内容" }, { COL_MEASURE, "主要内容" },
	{ COL_MEASURE, "工作要求" }, { COL_MEASURE, "具体任务" },
	{ COL_MEASURE, "任务措施" }, { COL_MEASURE, "工作任务及措施" },
	{ COL_MEASURE, "具体要求" }, { COL_MEASURE, "主要工作" },
	{ COL_MEASURE, "目标任务" }, { COL_MEASURE, "推进措施" },
	{ COL_MEASURE, "重点举措" }, { COL_MEASURE, "主要举措" },
	{ COL_MEASURE, "实施内容" }, { COL_MEASURE, "任务内容" },
	{ COL_MEASURE, "任务分解" }, { COL_MEASURE, "落实措施" },
	{ COL_MEASURE, "细化措施" },
	{ COL_UNITS, "责任单位" }, { COL_UNITS, "责任部门" },
	{ COL_UNITS, "责任处室" }, { COL_UNITS, "承办单位" },
	{ COL_UNITS, "责任主体" }, { COL_UNITS, "责任科室" },
	{ COL_UNITS, "负责单位" }, { COL_UNITS, "落实单位" },
	{ COL_UNITS, "实施单位" }, { COL_UNITS, "承办部门" },
	{ COL_UNITS, "承办处室" }, { COL_UNITS, "办理单位" },
	{ COL_UNITS, "责任处" },
	/* One column of who does what, its cells marking the roles (甲牵头，
	 * 乙配合); over 牵头单位 | 配合单位 a second header row splits it. */
	{ COL_UNITS, "责任分工" }, { COL_UNITS, "任务分工" },
	{ COL_UNITS, "职责分工" },
	/* One column for both (its cells mark the roles). */
	{ COL_UNITS, "牵头单位及配合单位" }, { COL_UNITS, "牵头及配合单位" },
	{ COL_UNITS, "牵头单位和配合单位" },
	{ COL_LEAD, "牵头单位" }, { COL_LEAD, "牵头部门" },
	{ COL_LEAD, "牵头处室" }, { COL_LEAD, "主责单位" },
	{ COL_LEAD, "主办单位" }, { COL_LEAD, "牵头" }, { COL_LEAD, "主办" },
	{ COL_LEAD, "主责部门" }, { COL_LEAD, "牵头科室" },
	{ COL_LEAD, "牵头责任单位" }, { COL_LEAD, "主要责任单位" },
	{ COL_SUPPORT, "配合单位" }, { COL_SUPPORT, "配合部门" },
	{ COL_SUPPORT, "配合处室" }, { COL_SUPPORT, "协办单位" },
	{ COL_SUPPORT, "协同单位" }, { COL_SUPPORT, "参与单位" },
	{ COL_SUPPORT, "配合" }, { COL_SUPPORT, "协办" },
	{ COL_SUPPORT, "协同部门" }, { COL_SUPPORT, "协办部门" },
	{ COL_SUPPORT, "参与部门" }, { COL_SUPPORT, "配合科室" },
	{ COL_SUPPORT, "协作单位" }, { COL_SUPPORT, "配合责任单位" },
	{ COL_DEADLINE, "完成时间" }, { COL_DEADLINE, "完成时限" },
	{ COL_DEADLINE, "时间节点" }, { COL_DEADLINE, "时限要求" },
	{ COL_DEADLINE, "完成期限" }, { COL_DEADLINE, "时间安排" },
	{ COL_DEADLINE, "进度安排" }, { COL_DEADLINE, "完成节点" },
	{ COL_DEADLINE, "截止时间" }, { COL_DEADLINE, "完成日期" },
	{ COL_DEADLINE, "时限" }, { COL_DEADLINE, "时间要求" },
	{ COL_DEADLINE, "办结时限" }, { COL_DEADLINE, "截止日期" },
	{ COL_DEADLINE, "完成时间节点" }, { COL_DEADLINE, "时间进度" },
	{ COL_DEADLINE, "完成时限要求" }, { COL_DEADLINE, "计划完成时间" },
	{ COL_DEADLINE, "预计完成时间" }, { COL_DEADLINE, "办理时限" },
	{ COL_DEADLINE, "时间" }, { COL_DEADLINE, "进度要求" },
	{ COL_DEADLINE, "完成时间要求" }, { COL_DEADLINE, "办结时间" },
	{ COL_DEADLINE, "期限" },
	{ COL_ID, "id" },
};

/* Headers of what a plan's table says beside its measures and deadlined
 * does not read: the leaders and persons answerable (it reminds units),
 * the progress (answers come through its own links), remarks and when
 * the work starts (its deadline is when it ends).  Any
 * other header that names no column is warned about (table_header.c). */
static const char *const col_unread[] = {
	"备注", "说明", "备注说明", "进展情况", "完成情况", "落实情况",
	"推进情况", "工作进展", "进度情况", "责任领导", "分管领导",
	"牵头领导", "责任市领导", "牵头市领导", "牵头省领导", "责任人",
	"具体责任人", "联系人", "联系电话", "联系方式", "督办人",
	"分管负责人", "责任领导及责任人", "存在问题", "存在的问题",
	"困难和问题", "存在困难", "下步打算", "下一步打算", "下一步计划",
	"佐证材料", "完成标志", "预期成果", "成果形式",
	/* When the work starts, beside when it is due (完成时间). */
	"启动时间", "开始时间", "起始时间", "开工时间", "启动日期", "开始日期",
	"计划启动时间", "计划开始时间", NULL
};

/* Compare ASCII case-insensitively; other bytes must match exactly (so
 * that the locale cannot fold UTF-8 bytes). */
static bool
ascii_caseeq(const char *a, const char *b)
{
	unsigned char ca, cb;

	for (;; a++, b++) {
		ca = (unsigned char)*a;
		cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return false;
		if (ca == '\0')
			return true;
	}
}

/* The column name is exactly, or -1. */
static int
column_named(const char *name)
{
	size_t i;

	for (i = 0; plan_csv_columns[i] != NULL; i++)
		if (ascii_caseeq(name, plan_csv_columns[i]))
			return (int)i;
	for (i = 0; i < ARRAY_LEN(col_aliases); i++)
		if (ascii_caseeq(name, col_aliases[i].name))
			return (int)col_aliases[i].col;
	return -1;
}

/* Whether name is one of col_unread. */
static int
unread_named(const char *name)
{
	for (size_t i = 0; col_unread[i] != NULL; i++)
		if (strcmp(name, col_unread[i]) == 0)
			return 0;
	return -1;
}

/* named(name) for the folded header, or for its name without a gloss in
 * brackets after it ("完成时限（截止时间）", "责任单位(部门)": it says
 * no more than the name).  Every row is asked whether it repeats the
 * header, so a cell is folded into a buffer that holds the longest name
 * with a short gloss, never copied whole; a longer gloss (a note on the
 * names' order, 责任单位（排在第一位的为牵头单位，其他为配合单位）)
 * needs only the name before it to fit. */
static int
header_lookup(const char *header, int (*named)(const char *))
{
	char name[64], *open;
	int col = -1;
	bool whole = text_fold_to(header, name, sizeof(name));

	if (whole)
		col = named(name);
	if (col == -1 && (text_ends(whole ? name : header, "）") ||
	    text_ends(whole ? name : header, ")")) &&
	    (open = strchr(name, '(')) != NULL && open > name) {
		*open = '\0';
		col = named(name);
	}
	return col;
}

int
plan_column(const char *header)
{
	return header_lookup(header, column_named);
}

/* Whether name is a schedule's (plan_column_schedule), 0, or -1. */
static int
schedule_named(const char *name)
{
	static const char *const schedules[] = {
		"进度安排", "时间安排", "时间进度", "进度要求", NULL
	};

	return text_equals_any(name, schedules) ? 0 : -1;
}

bool
plan_column_schedule(const char *header)
{
	return header != NULL && header_lookup(header, schedule_named) == 0;
}

/* The shape of a column's name that col_aliases lacks (承担单位,
 * 实施时间, 协助单位): what it ends in, after what it holds for the
 * lead's and supports' units.  What a person or the progress is called
 * by (责任人, 联系电话, 工作进展情况) is no column. */
static const char *const shape_unread[] = {
	"领导", "责任人", "负责人", "联系", "电话", "情况", "进展", "备注",
	"说明", "成效", "依据", NULL
};
static const char *const shape_lead[] = { "牵头", "主办", "主责", NULL };
static const char *const shape_both[] = { "及", "和", "与", "、", "/", NULL };
static const char *const shape_support[] = {
	"配合", "协办", "协助", "参与", "参加", "协同", "协作", NULL
};
static const struct {
	const char *end;
	enum col col;
} shape_ends[] = {
	{ "单位", COL_UNITS }, { "部门", COL_UNITS }, { "处室", COL_UNITS },
	{ "科室", COL_UNITS }, { "主体", COL_UNITS }, { "机构", COL_UNITS },
	{ "时间", COL_DEADLINE }, { "时限", COL_DEADLINE },
	{ "期限", COL_DEADLINE }, { "日期", COL_DEADLINE },
	{ "节点", COL_DEADLINE },
	{ "措施", COL_MEASURE }, { "举措", COL_MEASURE },
	{ "内容", COL_MEASURE },
	{ "任务", COL_TASK }, { "事项", COL_TASK },
};
/* A longer name is a sentence, not a column's (bytes: ten Chinese
 * characters, as 牵头单位及配合单位). */
#define SHAPE_MAX 30

/* Whether s holds one of the NULL-terminated list. */
static bool
holds_any(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strstr(s, *list) != NULL)
			return true;
	return false;
}

static int
column_shaped(const char *name)
{
	bool lead, support;

	if (strlen(name) > SHAPE_MAX || holds_any(name, shape_unread))
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(shape_ends); i++) {
		if (!text_ends(name, shape_ends[i].end))
			continue;
		/* 牵头单位及配合单位, 责任单位和协办单位: both, the
		 * units. */
		if (shape_ends[i].col != COL_UNITS ||
		    holds_any(name, shape_both))
			return (int)shape_ends[i].col;
		lead = holds_any(name, shape_lead);
		support = holds_any(name, shape_support);
		return lead == support ? COL_UNITS : lead ? COL_LEAD :
		    COL_SUPPORT;
	}
	return -1;
}

/* What a person or the progress is called by (工作进展情况, 具体联系人):
 * 0, as unread_named. */
static int
unread_shaped(const char *name)
{
	return strlen(name) <= SHAPE_MAX && holds_any(name, shape_unread) ?
	    0 : -1;
}

int
plan_column_guess(const char *header)
{
	return plan_column(header) >= 0 ? -1 :
	    header_lookup(header, column_shaped);
}

const char *
plan_column_title(enum col col)
{
	static const char *const titles[COL_COUNT] = {
		[COL_TASK] = "任务", [COL_MEASURE] = "落实举措",
		[COL_UNITS] = "责任单位", [COL_DEADLINE] = "完成时限",
		[COL_LEAD] = "牵头单位", [COL_SUPPORT] = "配合单位",
	};

	return titles[col] != NULL ? titles[col] : plan_csv_columns[col];
}

bool
plan_column_unread(const char *header)
{
	return header_lookup(header, unread_named) == 0 ||
	    header_lookup(header, unread_shaped) == 0;
}

/* Whether name begins with the character first (ASCII case ignored, as
 * ascii_caseeq ignores it).  The names are written folded: their first
 * character is their fold's, compared without folding it again. */
static bool
name_starts(const char *name, int32_t first)
{
	const char *p = name;
	int32_t c = utf8_next(&p, name + strnlen(name, 4));

	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c == first;
}

bool
plan_column_may_start(const char *text, enum col col)
{
	int32_t first = text_fold_first(text);
	size_t i;

	if (first <= 0)
		return false;
	if (first >= 'A' && first <= 'Z')
		first += 'a' - 'A';
	if (col < COL_ID && name_starts(plan_csv_columns[col], first))
		return true;
	for (i = 0; i < ARRAY_LEN(col_aliases); i++)
		if (col_aliases[i].col == col &&
		    name_starts(col_aliases[i].name, first))
			return true;
	return false;
}

bool
plan_columns_hold_measures(const bool named[COL_COUNT])
{
	return named[COL_MEASURE] && (named[COL_UNITS] || named[COL_LEAD]);
}

bool
plan_columns_rows_are_tasks(const bool named[COL_COUNT])
{
	return !named[COL_MEASURE] && named[COL_TASK];
}

bool
plan_columns_task_table(const bool named[COL_COUNT])
{
	bool m[COL_COUNT];

	if (!plan_columns_rows_are_tasks(named))
		return plan_columns_hold_measures(named) &&
		    (named[COL_TASK] || named[COL_TASK_NO]);
	memcpy(m, named, sizeof(m));
	m[COL_MEASURE] = true;
	return plan_columns_hold_measures(m);
}
