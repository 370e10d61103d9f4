/* bench_xlsx: the ledger benchmark's baseline, libxlsxwriter alone.
 *
 *   bench_xlsx FILE CELLS
 *
 * Writes a workbook as deadlinectl ledger writes one (constant-memory
 * mode, a bold header row, frozen, with a filter) holding CELLS cells in
 * rows shaped like a ledger row of a group member (texts, numbers, a due
 * date, a state, a time), every text a constant: the library's own cost
 * of that many cells, without reading a store or building a row. */
#include <stdio.h>
#include <stdlib.h>

#include <xlsxwriter.h>

/* One row: S a text, N a number, D a date, T a time. */
static const struct {
	char kind;
	const char *text;
} shape[] = {
	{ 'S', "2026 年看板基准计划" }, { 'N', NULL }, { 'S', "第1项任务" },
	{ 'N', NULL }, { 'S', "推进第1项工作，形成可复制可推广的经验做法。" },
	{ 'S', "淄博市市场监督管理局" }, { 'S', "各市市场监督管理局" },
	{ 'S', "配合" }, { 'S', "1月底前" }, { 'D', NULL }, { 'S', "已通知" },
	{ 'T', NULL },
};
#define SHAPE_LEN (sizeof(shape) / sizeof(shape[0]))

int
main(int argc, char **argv)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	lxw_datetime day = { 2026, 1, 31, 0, 0, 0 }, at = { 2026, 1, 20, 10, 0, 1 };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *date, *time;
	long cells, n = 0;
	lxw_row_t row;
	size_t k;

	if (argc != 3 || (cells = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: bench_xlsx FILE CELLS\n");
		return 64;
	}
	if ((wb = workbook_new_opt(argv[1], &opts)) == NULL) {
		fprintf(stderr, "bench_xlsx: %s: cannot create\n", argv[1]);
		return 73;
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	time = workbook_add_format(wb);
	format_set_num_format(time, "yyyy-mm-dd hh:mm");
	ws = workbook_add_worksheet(wb, "台账");
	for (k = 0; k < SHAPE_LEN; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, "表头", head);
	for (row = 1; n < cells; row++)
		for (k = 0; k < SHAPE_LEN && n < cells; k++, n++)
			switch (shape[k].kind) {
			case 'S':
				worksheet_write_string(ws, row, (lxw_col_t)k,
				    shape[k].text, NULL);
				break;
			case 'N':
				worksheet_write_number(ws, row, (lxw_col_t)k,
				    (double)row, NULL);
				break;
			case 'D':
				worksheet_write_datetime(ws, row, (lxw_col_t)k,
				    &day, date);
				break;
			default:
				worksheet_write_datetime(ws, row, (lxw_col_t)k,
				    &at, time);
			}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, row - 1, SHAPE_LEN - 1);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "bench_xlsx: %s: cannot write\n", argv[1]);
		return 74;
	}
	return 0;
}
