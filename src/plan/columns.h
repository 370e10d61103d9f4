/* columns: the columns of a plan's task table and the names a header
 * row gives them (the English ones export writes, and the Chinese ones
 * work plans use).  One vocabulary for every reader: the CSV reader and
 * the table interpreter look header cells up here. */
#ifndef DEADLINED_COLUMNS_H
#define DEADLINED_COLUMNS_H

#include <stdbool.h>

/* Columns, in the order of plan_csv_columns; COL_ID and later are read
 * but not written. */
enum col {
	COL_PLAN,
	COL_YEAR,
	COL_TASK_NO,
	COL_SECTION,
	COL_TASK,
	COL_MEASURE,
	COL_UNITS,
	COL_DEADLINE,
	COL_KIND,
	COL_DUE,
	COL_ID,
	COL_LEAD,	/* 牵头单位: units in the lead */
	COL_SUPPORT,	/* 配合单位: units supporting */
	COL_COUNT
};

/* The column names in export order (NULL-terminated), shared by the CSV
 * reader and writer. */
extern const char *const plan_csv_columns[];

/* The column a header cell names, or -1.  Whitespace inside is ignored
 * ("责任\n单位" is 责任单位), ASCII case too, and full-width letters. */
int plan_column(const char *header);
/* Whether header names a schedule (进度安排, 时间安排): a deadline
 * column, unless the table has another (完成时限) whose cells are the
 * deadlines. */
bool plan_column_schedule(const char *header);
/* The column a header cell that names none (plan_column) seems to name
 * by its shape (承担单位, 协助单位, 实施时间: ending in 单位, 部门, 处室,
 * 科室, 主体, 机构, 时间, 时限, 期限, 日期, 节点, 措施, 举措, 内容, 任务
 * or 事项; the units a lead's or supports' by 牵头 or 配合 … in it, but
 * both's with both or 及, 和, 与, 、 or / in it), or -1: for a header
 * that names two columns or more by their names. */
int plan_column_guess(const char *header);
/* A column's usual name, for messages (完成时限 for COL_DEADLINE). */
const char *plan_column_title(enum col col);
/* Whether a header cell names what deadlined knows and does not read
 * (备注, 进展情况, 责任领导, 责任人 …, or a short name holding 领导,
 * 责任人, 负责人, 联系, 电话, 情况, 进展, 备注, 说明, 成效 or 依据):
 * a column left out quietly. */
bool plan_column_unread(const char *header);
/* Whether a header cell beginning as text does may name column col: its
 * first character, folded as plan_column folds, begins one of col's
 * names.  A cheap test before a line is cut up to be looked up. */
bool plan_column_may_start(const char *text, enum col col);

/* Whether the columns a header names (named[col]) hold a task table's
 * measures: the measure and its units (责任单位, or 牵头单位 beside or
 * without 配合单位); its deadline too, or else each measure's text
 * ends with its deadline (deadline_in_text). */
bool plan_columns_hold_measures(const bool named[COL_COUNT]);
/* Whether such a header has no measure column beside a task column
 * (序号 | 工作任务 | 责任单位 | 完成时限): its tasks are what is done, the
 * task column read as the measures, each row a task of its own. */
bool plan_columns_rows_are_tasks(const bool named[COL_COUNT]);
/* Whether such a header heads a task table: its measures and their tasks
 * or task numbers, or rows that are tasks. */
bool plan_columns_task_table(const bool named[COL_COUNT]);

#endif
