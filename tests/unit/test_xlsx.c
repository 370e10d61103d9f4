/* Unit tests for read/xlsx (and read/convert for .xls): workbooks made
 * by python3-openpyxl (tests/gen/make_xlsx.py) and by LibreOffice read
 * into rows exactly, each cell at its place; every kind of value as the
 * sheet shows it; hostile workbooks (tests/gen/make_hostile.py) refused
 * in one line, or bounded with a warning. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "read/convert.h"
#include "read/xlsx.h"
#include "testdir.h"
#include "office_fixture.h"

static char dir[256];

/* What make_xlsx.py's plan reads as: the second sheet (the first has no
 * task table), blank rows left out, each cell at its place. */
static const char plan_rows[] =
    "任务分工!A1 N| 2027年生态环境保护重点工作任务清单<5>@任务分工!A1\n"
    "任务分工!A3 | 序号@任务分工!A3 | 工作任务@任务分工!B3 | 工作措施@任务分工!C3 "
    "| 责任部门@任务分工!D3 | 时间节点@任务分工!E3\n"
    "任务分工!A4 | 一、打好污染防治攻坚战<5>@任务分工!A4\n"
    "任务分工!A5 | 1@任务分工!A5 | 大气污染治理@任务分工!B5 | "
    "完成燃煤锅炉淘汰改造。@任务分工!C5 | 大气处牵头，各区县配合@任务分工!D5 | "
    "2027年6月30日@任务分工!E5\n"
    "任务分工!A6 | ^@任务分工!A6 | ^@任务分工!B6 | "
    "开展重点行业挥发性有机物治理；\\n建立管理台账。@任务分工!C6 | "
    "大气处@任务分工!D6 | 年底前@任务分工!E6\n"
    "任务分工!A7 | ^@任务分工!A7 | ^@任务分工!B7 | "
    "加强重污染天气应对。@任务分工!C7 | 应急中心@任务分工!D7 | "
    "9月30日@任务分工!E7\n"
    "任务分工!A8 | 二、推进生态保护修复<5>@任务分工!A8\n"
    "任务分工!A9 | 2@任务分工!A9 | 自然保护地监管@任务分工!B9 | "
    "开展自然保护地人类活动遥感监测。@任务分工!C9 | 生态处@任务分工!D9 | "
    "全年@任务分工!E9\n"
    "任务分工!A10 | 3@任务分工!A10 | 生物多样性调查@任务分工!B10 | "
    "完成县域生物多样性本底调查。@任务分工!C10 | 生态处、监测站@任务分工!D10 | "
    "2027年10月@任务分工!E10\n"
    "任务分工!A12 | 注：时间节点为最迟完成时间。@任务分工!A12\n";

/* make_xlsx.py's values, without their places: the time of day as
 * written, then what follows it. */
#define VALUES_ROWS(time, after) \
    "数据!A1 N| 整数 | 42\n" \
    "数据!A2 | 小数 | 0.25\n" \
    "数据!A3 | 负数 | -3\n" \
    "数据!A4 | 大数 | 12345678901\n" \
    "数据!A5 | 真 | TRUE\n" \
    "数据!A6 | 假 | FALSE\n" \
    "数据!A7 | 日期 | 2027年3月15日\n" \
    "数据!A8 | 内置日期 | 2027年3月15日\n" \
    "数据!A9 | 年月 | 2027年3月\n" \
    "数据!A10 | 月日 | 3月15日\n" \
    "数据!A11 | 时间 | " time "\n" \
    after
/* The day after 1900-02-28 (Excel's serial 61, one past the leap day
 * 1900 did not have); not in the 1904 workbook. */
#define LEAP_ROW "数据!A12 | 闰日后 | 1900年3月1日\n"

static int
setup(void **state)
{
	static const char *kinds[] = { "plan", "values", "values1904",
	    "values-iso" };

	(void)state;
	testdir_make(dir, sizeof(dir), "test_xlsx");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char *out = xasprintf("%s/%s.xlsx", dir, kinds[i]);

		office_gen("make_xlsx.py", out, kinds[i]);
		free(out);
	}
	office_gen("make_hostile.py", dir, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	testdir_remove(dir);
	return 0;
}

/* Read dir/file with reader under the name file; 0 or the error. */
static int
read_as(const char *file, int (*reader)(const char *, const char *, size_t,
    struct table_doc **, struct error *), struct table_doc **d,
    struct error *err)
{
	char *path = xasprintf("%s/%s", dir, file), *data;
	size_t len;
	int rc;

	data = office_slurp(path, &len);
	rc = reader(file, data, len, d, err);
	free(data);
	free(path);
	return rc;
}

/* Read file and check every row (with the cells' places or not) and the
 * reader's warnings. */
static void
expect_rows(const char *file, int (*reader)(const char *, const char *,
    size_t, struct table_doc **, struct error *), bool locs,
    const char *want, const char *warnings)
{
	struct error err = { 0, "" };
	struct table_doc *d = NULL;
	char *got;

	if (read_as(file, reader, &d, &err) != 0)
		fail_msg("%s", err.msg);
	got = office_dump(d, locs);
	assert_string_equal(got, want);
	free(got);
	got = office_warnings(d);
	assert_string_equal(got, warnings);
	free(got);
	table_free(d);
}

/* The plan as openpyxl writes it: the task sheet found past the notes,
 * the title and sections across, tasks merged down, numbers, dates as
 * their formats show them, a line break in a cell. */
static void
test_xlsx_plan(void **state)
{
	(void)state;
	expect_rows("plan.xlsx", xlsx_read, true, plan_rows, "");
}

/* Every kind of value, as the sheet shows it. */
static void
test_xlsx_values(void **state)
{
	(void)state;
	expect_rows("values.xlsx", xlsx_read, false,
	    VALUES_ROWS("0.75", LEAP_ROW), "");
}

/* The 1904 date system gives the same dates from other serials. */
static void
test_xlsx_1904(void **state)
{
	(void)state;
	expect_rows("values1904.xlsx", xlsx_read, false,
	    VALUES_ROWS("0.75", ""), "");
}

/* Dates written as ISO 8601 (t="d"): the same dates; a time of day stays
 * as written. */
static void
test_xlsx_iso_dates(void **state)
{
	(void)state;
	expect_rows("values-iso.xlsx", xlsx_read, false,
	    VALUES_ROWS("18:00:00", LEAP_ROW), "");
}

/* Hostile workbooks: refused with one line naming the file and place. */
static void
test_xlsx_hostile(void **state)
{
	/* The message starts with msg (the ratio after it depends on
	 * zlib). */
	static const struct { const char *file, *msg; } cases[] = {
		{ "bomb.xlsx", "bomb.xlsx: xl/worksheets/sheet1.xml: declares 80 "
		    "MiB (ratio " },
		{ "strings.xlsx", "strings.xlsx: Sheet1!A1119: more than 64 MiB of "
		    "text in the sheet's cells up to here: refusing it" },
		{ "huge.xlsx", "huge.xlsx: Sheet1!B2: more than 4 MiB of text in "
		    "a cell: refusing it" },
		{ "lol.xlsx", "lol.xlsx: xl/workbook.xml: a DOCTYPE (DTD) in an "
		    "Office document: refusing it (entities are not expanded)" },
		{ "cut.docx", "cut.docx: not a readable ZIP archive (Not a zip "
		    "archive): a .docx or .xlsx file is one" },
		{ "other.zip", "other.zip: no xl/workbook.xml in the archive" },
		{ "entries.docx", "entries.docx: 10002 entries in the archive "
		    "(more than 10000): refusing it" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct error err = { 0, "" };
		struct table_doc *d = NULL;

		assert_int_equal(read_as(cases[i].file, xlsx_read, &d, &err),
		    EXIT_DATAERR);
		assert_null(d);
		assert_int_equal(err.code, EXIT_DATAERR);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("%s: got \"%s\"", cases[i].file, err.msg);
		assert_null(strchr(err.msg, '\n'));
	}
}

/* A cell at XFD1048576 and a merged area reaching it: no huge grid, the
 * header read, one warning at the far cell. */
static void
test_xlsx_sparse(void **state)
{
	(void)state;
	expect_rows("sparse.xlsx", xlsx_read, false,
	    "Sheet1!A1 N| 任务 | 措施 | 单位 | 时间\n",
	    "Sheet1!XFD1048576: this cell and any beyond column BL or row "
	    "200000 are not read\n");
}

/* An Excel 97 file (.xls) as LibreOffice saves the plan: the same rows
 * through LibreOffice (whose .xlsx keeps its strings in the shared
 * table), whatever its name says. */
static void
test_xls_legacy(void **state)
{
	char *cmd;

	(void)state;
	if (!office_has_soffice()) {
		print_message("# soffice is not installed: skipped\n");
		return;
	}
	cmd = xasprintf("cd '%s' && timeout 180 soffice --headless --norestore "
	    "'-env:UserInstallation=file://%s/lo' --convert-to xls plan.xlsx && "
	    "cp plan.xls plan-renamed.doc", dir, dir);
	{
		char *argv[] = { "/bin/sh", "-c", cmd, NULL };

		assert_int_equal(office_run(argv), 0);
	}
	free(cmd);
	expect_rows("plan.xls", convert_read, true, plan_rows, "");
	expect_rows("plan-renamed.doc", convert_read, true, plan_rows, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_plan),
		cmocka_unit_test(test_xlsx_values),
		cmocka_unit_test(test_xlsx_1904),
		cmocka_unit_test(test_xlsx_iso_dates),
		cmocka_unit_test(test_xlsx_hostile),
		cmocka_unit_test(test_xlsx_sparse),
		cmocka_unit_test(test_xls_legacy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
