/* Unit tests for read/docx (and read/zipxml under it, read/convert for
 * .doc): documents made by python3-docx (tests/gen/make_docx.py) and by
 * LibreOffice read into rows exactly; hostile archives
 * (tests/gen/make_hostile.py) refused in one line each. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "read/convert.h"
#include "read/docx.h"
#include "testdir.h"
#include "office_fixture.h"

static char dir[256];

/* What make_docx.py's plan reads as (see office_fixture.h), deleted_row
 * standing where the row deleted with Track Changes on was: nothing from
 * python-docx's file; from LibreOffice's .doc a row of empty cells (it
 * keeps the deletion of the row's text, not of the row). */
#define PLAN_ROWS(deleted_row) \
    "paragraph 1 P| 2027年市场监管工作要点\n" \
    "paragraph 2 P| 为做好2027年市场监管工作，现将重点任务分解如下。\n" \
    /* paragraph 3 is empty: left out, still counted */ \
    "paragraph 4 P| 附件\n" \
    "paragraph 5 P| 2027年市场监管重点任务分工表\n" \
    "table 1 row 1 HN| 序号 | 重点任务 | 具体措施 | 责任单位 | 完成时间\n" \
    "table 1 row 2 | 一、优化营商环境<5>\n" \
    "table 1 row 3 | 1 | 深化商事制度改革 | 推行经营范围规范化登记，\\n" \
    "压缩开办时间 至1个工作日。\\n按月通报进度。 | 登记注册处牵头，信息中心配合 " \
    "| 6月底前\n" \
    "table 1 row 4 | ^ | ^ | 开展企业年报公示工作，抽查比例不低于5% | 信用监管处 " \
    "| 年底前\n" \
    "table 1 row 5 | 二、守牢安全底线<5>\n" \
    "table 1 row 6 | 2 | 强化食品安全监管 | 开展校园食品安全专项检查。 | " \
    "食品安全协调处\\n各区县局\\n执法稽查局 | 每学期开学前\n" \
    "paragraph 6 P| （续表）\n" \
    "table 2 row 1 HN| 序号 | 重点任务 | 具体措施 | 责任单位 | 完成时间\n" \
    "table 2 row 2 | 3 | 提升质量基础 | 完成计量器具强制检定。 | 计量处 | 全年\n" \
    deleted_row \
    "table 2 row 4 |  |  | 以上任务按季度报送进展。 | 办公室 | \n" \
    "paragraph 7 P| 抄送：市政府办公室。\n"
#define DELETED_EMPTY "table 2 row 3 |  |  |  |  | \n"

/* make_docx.py framed: the frame is table 1, the tables it frames 2
 * and 3; its cell's paragraphs count among the body's. */
#define FRAMED_ROWS \
    "paragraph 1 P| 2027年市场监管工作要点\n" \
    "paragraph 2 P| 为做好2027年市场监管工作，现将重点任务分解如下。\n" \
    "paragraph 4 P| 附件\n" \
    "paragraph 5 P| 2027年市场监管重点任务分工表\n" \
    "table 2 row 1 HN| 序号 | 重点任务 | 具体措施 | 责任单位 | 完成时间\n" \
    "table 2 row 2 | 一、优化营商环境<5>\n" \
    "table 2 row 3 | 1 | 深化商事制度改革 | 推行经营范围规范化登记，\\n" \
    "压缩开办时间 至1个工作日。\\n按月通报进度。 | 登记注册处牵头，信息中心配合 " \
    "| 6月底前\n" \
    "table 2 row 4 | ^ | ^ | 开展企业年报公示工作，抽查比例不低于5% | 信用监管处 " \
    "| 年底前\n" \
    "table 2 row 5 | 二、守牢安全底线<5>\n" \
    "table 2 row 6 | 2 | 强化食品安全监管 | 开展校园食品安全专项检查。 | " \
    "食品安全协调处\\n各区县局\\n执法稽查局 | 每学期开学前\n" \
    /* paragraph 6: python-docx's empty one after a cell's table */ \
    "paragraph 7 P| （续表）\n" \
    "table 3 row 1 HN| 序号 | 重点任务 | 具体措施 | 责任单位 | 完成时间\n" \
    "table 3 row 2 | 3 | 提升质量基础 | 完成计量器具强制检定。 | 计量处 | 全年\n" \
    "table 3 row 4 |  |  | 以上任务按季度报送进展。 | 办公室 | \n" \
    "paragraph 9 P| 抄送：市政府办公室。\n"

static int
setup(void **state)
{
	char *out;

	(void)state;
	testdir_make(dir, sizeof(dir), "test_docx");
	out = xasprintf("%s/plan.docx", dir);
	office_gen("make_docx.py", out, NULL);
	free(out);
	out = xasprintf("%s/framed.docx", dir);
	office_gen("make_docx.py", out, "framed");
	free(out);
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

/* Read file as a .docx (or through convert) and check every row. */
static void
expect_rows(const char *file, int (*reader)(const char *, const char *,
    size_t, struct table_doc **, struct error *), const char *want)
{
	struct error err = { 0, "" };
	struct table_doc *d = NULL;
	char *got;

	if (read_as(file, reader, &d, &err) != 0)
		fail_msg("%s", err.msg);
	got = office_dump(d, false);
	assert_string_equal(got, want);
	free(got);
	got = office_warnings(d);
	assert_string_equal(got, "");
	free(got);
	table_free(d);
}

/* The plan as python-docx writes it: paragraphs, both tables, header
 * rows, spans, merges, lines of a cell, a tracked change, a nested
 * table, grid padding. */
static void
test_docx_plan(void **state)
{
	(void)state;
	expect_rows("plan.docx", docx_read, PLAN_ROWS(""));
}

/* The same plan inside the one cell of a layout table: the tables it
 * frames are read as if in the body, what the cell says around them as
 * paragraphs, and the frame's own row is none.  A table in a units cell
 * (not its row's first) still gives its text to the cell. */
static void
test_docx_framed(void **state)
{
	(void)state;
	expect_rows("framed.docx", docx_read, FRAMED_ROWS);
}

/* Each cell has its own place, counted among the row's w:tc (the grid
 * padding has none). */
static void
test_docx_cell_places(void **state)
{
	struct error err = { 0, "" };
	struct table_doc *d = NULL;
	const struct trow *r;

	(void)state;
	assert_int_equal(read_as("plan.docx", docx_read, &d, &err), 0);
	r = &d->rows[6];
	assert_string_equal(r->loc, "table 1 row 3");
	assert_string_equal(r->cells[2].loc, "table 1 row 3 cell 3");
	r = &d->rows[d->nrows - 2];
	assert_string_equal(r->loc, "table 2 row 4");
	assert_null(r->cells[0].loc);
	assert_string_equal(r->cells[1].loc, "table 2 row 4 cell 1");
	assert_null(r->cells[4].loc);
	table_free(d);
}

/* Hostile files: refused with one line naming the file and the place. */
static void
test_docx_hostile(void **state)
{
	/* The message starts with msg (and ends with tail: the ratio
	 * between depends on zlib). */
	static const struct { const char *file, *msg, *tail; } cases[] = {
		{ "bomb.docx", "bomb.docx: word/document.xml: declares 80 MiB "
		    "(ratio ", "): refusing a possible zip bomb" },
		{ "forged.docx", "forged.docx: word/document.xml: expands beyond ",
		    "): refusing a possible zip bomb" },
		{ "entries.docx", "entries.docx: 10002 entries in the archive "
		    "(more than 10000): refusing it", NULL },
		{ "lol.docx", "lol.docx: word/document.xml: a DOCTYPE (DTD) in an "
		    "Office document: refusing it (entities are not expanded)",
		    NULL },
		{ "xxe.docx", "xxe.docx: word/document.xml: a DOCTYPE (DTD) in an "
		    "Office document: refusing it (entities are not expanded)",
		    NULL },
		{ "xxe16.docx", "xxe16.docx: word/document.xml: a DOCTYPE (DTD) in "
		    "an Office document: refusing it (entities are not expanded)",
		    NULL },
		{ "deep.docx", "deep.docx: word/document.xml: XML nested deeper "
		    "than 100: refusing it", NULL },
		{ "huge.docx", "huge.docx: table 1 row 1 cell 2: more than 4 MiB "
		    "of text in a cell: refusing it", NULL },
		{ "cut.docx", "cut.docx: not a readable ZIP archive (Not a zip "
		    "archive): a .docx or .xlsx file is one", NULL },
		{ "other.zip", "other.zip: no word/document.xml in the archive",
		    NULL },
		{ "malformed.docx", "malformed.docx: word/document.xml:1: "
		    "malformed XML: ", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct error err = { 0, "" };
		struct table_doc *d = NULL;

		assert_int_equal(read_as(cases[i].file, docx_read, &d, &err),
		    EXIT_DATAERR);
		assert_null(d);
		assert_int_equal(err.code, EXIT_DATAERR);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) != 0 ||
		    (cases[i].tail != NULL && (strlen(err.msg) <
		    strlen(cases[i].tail) || strcmp(err.msg + strlen(err.msg) -
		    strlen(cases[i].tail), cases[i].tail) != 0)))
			fail_msg("%s: got \"%s\"", cases[i].file, err.msg);
		assert_null(strchr(err.msg, '\n'));
	}
}

/* A Word 97 file (.doc) as LibreOffice saves it, from the plan opened
 * in Writer: read through LibreOffice into the same rows, whatever its
 * name says; without LibreOffice, the command that converts it. */
static void
test_doc_legacy(void **state)
{
	char *cmd;

	(void)state;
	if (!office_has_soffice()) {
		print_message("# soffice is not installed: the hint only\n");
		return;
	}
	cmd = xasprintf("cd '%s' && for f in odt doc; do src=plan.docx; "
	    "[ $f = doc ] && src=plan.odt; timeout 180 soffice --headless "
	    "--norestore '-env:UserInstallation=file://%s/lo' --convert-to $f "
	    "$src || exit 1; done && cp plan.doc plan-renamed.xls", dir, dir);
	{
		char *argv[] = { "/bin/sh", "-c", cmd, NULL };

		assert_int_equal(office_run(argv), 0);
	}
	free(cmd);
	expect_rows("plan.doc", convert_read, PLAN_ROWS(DELETED_EMPTY));
	expect_rows("plan-renamed.xls", convert_read,
	    PLAN_ROWS(DELETED_EMPTY));
}

/* name.docx as LibreOffice writes it from an HTML page holding body,
 * if its .docx holds grep_for; false (the test skipped) without
 * soffice. */
static bool
docx_from_html(const char *name, const char *body, const char *grep_for)
{
	char *page = xasprintf("%s/%s.html", dir, name), *cmd;
	char *argv[] = { "/bin/sh", "-c", NULL, NULL };
	FILE *f;

	if (!office_has_soffice()) {
		print_message("# soffice is not installed: skipped\n");
		free(page);
		return false;
	}
	assert_non_null(f = fopen(page, "w"));
	fprintf(f, "<html><head><meta charset=\"utf-8\"></head><body>%s"
	    "</body></html>", body);
	assert_int_equal(fclose(f), 0);
	cmd = xasprintf("cd '%s' && timeout 180 soffice --headless --norestore "
	    "'-env:UserInstallation=file://%s/lo' --convert-to "
	    "'docx:MS Word 2007 XML' %s.html && unzip -p %s.docx "
	    "word/document.xml | grep -q '%s'", dir, dir, name, name,
	    grep_for);
	argv[2] = cmd;
	assert_int_equal(office_run(argv), 0);
	free(cmd);
	free(page);
	return true;
}

/* A text box as LibreOffice writes it (from a positioned block of an
 * HTML page): its text once (not again from mc:Fallback), in a row of
 * its own after the text before it. */
static void
test_docx_text_box(void **state)
{
	(void)state;
	if (!docx_from_html("box", "<p>正文第一段</p><div style=\"position:"
	    "absolute; left:100px; top:200px; width:200px; border:1px solid "
	    "black\">文本框内容</div><p>正文第二段</p>", "mc:Fallback"))
		return;
	expect_rows("box.docx", docx_read,
	    "paragraph 1 P| 正文第一段\n"
	    "paragraph 2 P| 文本框内容\n"
	    "paragraph 4 P| 正文第二段\n");
}

/* A page laid out in a table, saved as Word by LibreOffice: the table
 * framing the plan's is no row, the plan's table is read, the frame's
 * text around it is paragraphs. */
static void
test_docx_web_frame(void **state)
{
	(void)state;
	if (!docx_from_html("frame", "<table border=\"0\" width=\"100%\">"
	    "<tr><td><p>附件</p><p>重点工作任务分工</p><table border=\"1\">"
	    "<tr><th>序号</th><th>具体措施</th><th>责任单位</th>"
	    "<th>完成时限</th></tr><tr><td>1</td><td>推进全程网办。</td>"
	    "<td>市场监管局</td><td>6月底前</td></tr></table>"
	    "<p>注：按季度报送进展。</p></td></tr></table>", "<w:tbl>.*<w:tbl>"))
		return;
	expect_rows("frame.docx", docx_read,
	    "paragraph 1 P| 附件\n"
	    "paragraph 2 P| 重点工作任务分工\n"
	    "table 2 row 1 N| 序号 | 具体措施 | 责任单位 | 完成时限\n"
	    "table 2 row 2 | 1 | 推进全程网办。 | 市场监管局 | 6月底前\n"
	    "paragraph 3 P| 注：按季度报送进展。\n");
}

/* Without soffice on PATH: one line with the command, by the name's
 * extension when the directory names no stream. */
static void
test_doc_hint(void **state)
{
	char ole[1024] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
	const char *path = getenv("PATH");
	char *saved = xstrdup(path != NULL ? path : "/usr/bin:/bin");
	struct error err = { 0, "" };
	struct table_doc *d = NULL;

	(void)state;
	setenv("PATH", "/nonexistent", 1);
	assert_int_equal(convert_read("old.doc", ole, sizeof(ole), &d, &err),
	    EXIT_DATAERR);
	assert_string_equal(err.msg, "old.doc: a Word 97-2003 or WPS document, "
	    "read only through LibreOffice, which is not installed: convert it "
	    "with soffice --headless --convert-to docx \"old.doc\" and import "
	    "the .docx");
	assert_int_equal(convert_read("old.ET", ole, sizeof(ole), &d, &err),
	    EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "an Excel 97-2003 or WPS spreadsheet"));
	assert_non_null(strstr(err.msg, "--convert-to xlsx \"old.ET\""));
	assert_int_equal(convert_read("mail.msg", ole, sizeof(ole), &d, &err),
	    EXIT_DATAERR);
	assert_string_equal(err.msg, "mail.msg: an OLE compound file that is "
	    "neither a Word nor an Excel document: not a plan");
	assert_null(d);
	setenv("PATH", saved, 1);
	free(saved);
	assert_true(convert_is_ole(ole, sizeof(ole)));
	assert_false(convert_is_ole("PK\3\4", 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docx_plan),
		cmocka_unit_test(test_docx_framed),
		cmocka_unit_test(test_docx_cell_places),
		cmocka_unit_test(test_docx_hostile),
		cmocka_unit_test(test_docx_text_box),
		cmocka_unit_test(test_docx_web_frame),
		cmocka_unit_test(test_doc_legacy),
		cmocka_unit_test(test_doc_hint),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
