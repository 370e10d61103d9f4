/* Unit tests for csv (the RFC 4180 reader and writer) and plan_csv (a
 * plan as a spreadsheet with a header row, as spreadsheets save it: a
 * title row above, sections, a byte-order mark, GB18030). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <iconv.h>

#include "base/buf.h"
#include "base/csv.h"
#include "plan/plan.h"
#include "plan/plan_csv.h"
#include "read/planfile.h"

/* Read the next record of r and check its line and fields (NULL-ended). */
static void
expect_record(struct csv_reader *r, struct csv_record *rec, int line, ...)
{
	struct error err = { 0, "" };
	const char *want;
	va_list ap;
	size_t n = 0;

	assert_int_equal(csv_next(r, "t.csv", rec, &err), 1);
	assert_int_equal(rec->line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		assert_true(n < rec->n);
		assert_string_equal(rec->fields[n], want);
		n++;
	}
	va_end(ap);
	assert_int_equal(rec->n, n);
}

/* Read data to the first malformed record and check the message. */
static void
expect_error(const char *data, char sep, const char *msg)
{
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct error err = { 0, "" };
	struct csv_reader r;
	int rc;

	csv_reader_init(&r, data, strlen(data), sep);
	while ((rc = csv_next(&r, "t.csv", &rec, &err)) == 1)
		;
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, EXIT_DATAERR);
	assert_string_equal(err.msg, msg);
	csv_record_free(&rec);
}

/* Plain records, one per line, then the end. */
static void
test_read_plain(void **state)
{
	const char *data = "a,b,c\n1,2,3\n";
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;

	(void)state;
	csv_reader_init(&r, data, strlen(data), ',');
	expect_record(&r, &rec, 1, "a", "b", "c", NULL);
	expect_record(&r, &rec, 2, "1", "2", "3", NULL);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);
	csv_record_free(&rec);
}

/* Quoted fields: separators inside, doubled quotes, empty quoted. */
static void
test_read_quotes(void **state)
{
	const char *data = "\"a,b\",\"say \"\"hi\"\"\",\"\",x\n";
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;

	(void)state;
	csv_reader_init(&r, data, strlen(data), ',');
	expect_record(&r, &rec, 1, "a,b", "say \"hi\"", "", "x", NULL);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);
	csv_record_free(&rec);
}

/* A line break inside a quoted field is data and still counts as a line
 * for the records that follow. */
static void
test_read_embedded_newline(void **state)
{
	const char *data = "h1,h2\n\"line1\nline2\nline3\",b\nc,d\n";
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;

	(void)state;
	csv_reader_init(&r, data, strlen(data), ',');
	expect_record(&r, &rec, 1, "h1", "h2", NULL);
	expect_record(&r, &rec, 2, "line1\nline2\nline3", "b", NULL);
	expect_record(&r, &rec, 5, "c", "d", NULL);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);
	csv_record_free(&rec);
}

/* CRLF ends records (RFC 4180) and is kept inside quoted fields. */
static void
test_read_crlf(void **state)
{
	const char *data = "a,b\r\n\"x\r\ny\",z\r\nlast,one\r\n";
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;

	(void)state;
	csv_reader_init(&r, data, strlen(data), ',');
	expect_record(&r, &rec, 1, "a", "b", NULL);
	expect_record(&r, &rec, 2, "x\r\ny", "z", NULL);
	expect_record(&r, &rec, 4, "last", "one", NULL);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);
	csv_record_free(&rec);
}

/* The last record needs no line break, quoted or not; empty fields and
 * empty lines are records of empty fields. */
static void
test_read_final_and_empty(void **state)
{
	const char *data = "a,,\n\nc,d";
	const char *quoted = "a,\"b\"";
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;

	(void)state;
	csv_reader_init(&r, data, strlen(data), ',');
	expect_record(&r, &rec, 1, "a", "", "", NULL);
	expect_record(&r, &rec, 2, "", NULL);
	expect_record(&r, &rec, 3, "c", "d", NULL);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);

	csv_reader_init(&r, quoted, strlen(quoted), ',');
	expect_record(&r, &rec, 1, "a", "b", NULL);
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);

	csv_reader_init(&r, "", 0, ',');
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 0);
	csv_record_free(&rec);
}

/* Malformed quoting is an error naming the right line, also after a
 * quoted line break. */
static void
test_read_malformed(void **state)
{
	(void)state;
	expect_error("a,b\nc,d\"e\n", ',',
	    "t.csv:2: quote inside an unquoted field (quote the whole field "
	    "and double the quote)");
	expect_error("a\n\"x\"y,z\n", ',',
	    "t.csv:2: text after the closing quote of a field");
	expect_error("\"a\nb\",c\nd,\"x\" \n", ',',
	    "t.csv:3: text after the closing quote of a field");
	/* Unterminated: the line where the quoted field opens. */
	expect_error("a\nb\n\"open\nmore\n", ',',
	    "t.csv:3: quoted field not terminated");
}

/* TSV has no quoting: quotes are ordinary characters. */
static void
test_read_tsv(void **state)
{
	const char *data = "a\t\"b\"\tc\"d\r\n\"x\ty\"\t\n";
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct csv_reader r;

	(void)state;
	csv_reader_init(&r, data, strlen(data), '\t');
	expect_record(&r, &rec, 1, "a", "\"b\"", "c\"d", NULL);
	expect_record(&r, &rec, 2, "\"x", "y\"", "", NULL);
	assert_int_equal(csv_next(&r, "t.tsv", &rec, NULL), 0);
	csv_record_free(&rec);
}

/* Fields are quoted only when they need to be. */
static void
test_write(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	csv_put_field(&b, ',', "plain 文本");
	buf_putc(&b, ',');
	csv_put_field(&b, ',', "a,b");
	buf_putc(&b, ',');
	csv_put_field(&b, ',', "say \"hi\"");
	buf_putc(&b, ',');
	csv_put_field(&b, ',', "x\ny");
	buf_putc(&b, ',');
	csv_put_field(&b, ',', "cr\r");
	buf_putc(&b, ',');
	csv_put_field(&b, ',', "");
	csv_end_record(&b, ',');
	assert_string_equal(buf_str(&b), "plain 文本,\"a,b\",\"say \"\"hi\"\"\","
	    "\"x\ny\",\"cr\r\",\r\n");
	buf_reset(&b);

	/* A tab needs no quoting in CSV; TSV replaces it. */
	csv_put_field(&b, ',', "t\tab");
	csv_end_record(&b, ',');
	csv_put_field(&b, '\t', "a\tb\nc\rd,\"e\"");
	buf_putc(&b, '\t');
	csv_put_field(&b, '\t', "f");
	csv_end_record(&b, '\t');
	assert_string_equal(buf_str(&b), "t\tab\r\na b c d,\"e\"\tf\n");
	buf_free(&b);
}

/* What the writer writes, the reader reads back unchanged. */
static void
test_write_read_back(void **state)
{
	static const char *fields[] = { "a,b", "\"", "x\r\ny\nz", "", " sp ",
	    "中文，逗号", "end\"" };
	struct csv_record rec = { NULL, 0, 0, 0 };
	struct buf b = BUF_INIT;
	struct csv_reader r;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(fields); i++) {
		if (i > 0)
			buf_putc(&b, ',');
		csv_put_field(&b, ',', fields[i]);
	}
	csv_end_record(&b, ',');
	csv_put_field(&b, ',', "next");
	csv_end_record(&b, ',');
	csv_reader_init(&r, buf_str(&b), b.len, ',');
	assert_int_equal(csv_next(&r, "t.csv", &rec, NULL), 1);
	assert_int_equal(rec.n, ARRAY_LEN(fields));
	for (i = 0; i < ARRAY_LEN(fields); i++)
		assert_string_equal(rec.fields[i], fields[i]);
	/* Two line breaks inside the first record. */
	expect_record(&r, &rec, 4, "next", NULL);
	csv_record_free(&rec);
	buf_free(&b);
}

/* Parse data that must be valid; the caller frees the plan. */
static struct plan *
parse_ok(const char *name, const char *data, char sep)
{
	struct error err = { 0, "" };
	struct plan *p = NULL;
	int rc;

	rc = plan_csv_parse(name, data, strlen(data), sep, &p, &err);
	if (rc != 0)
		fail_msg("%s", err.msg);
	assert_non_null(p);
	return p;
}

/* Parse data that must be rejected with msg. */
static void
parse_fails(const char *name, const char *data, char sep, const char *msg)
{
	struct error err = { 0, "" };
	struct plan *p = NULL;

	assert_int_equal(plan_csv_parse(name, data, strlen(data), sep, &p,
	    &err), EXIT_DATAERR);
	assert_null(p);
	assert_int_equal(err.code, EXIT_DATAERR);
	assert_string_equal(err.msg, msg);
}

/* Check a task's number, title and count of measures. */
static void
check_task(const struct plan_task *t, int no, const char *title,
    size_t nmeasures)
{
	assert_int_equal(t->no, no);
	assert_string_equal(t->title, title);
	assert_int_equal(t->nmeasures, nmeasures);
}

/* Check a measure's texts and line. */
static void
check_measure(const struct plan_measure *m, const char *text,
    const char *units, const char *deadline, int line)
{
	assert_string_equal(m->text, text);
	assert_string_equal(m->units_text, units);
	assert_string_equal(m->deadline_text, deadline);
	assert_int_equal(m->line, line);
	assert_int_equal(plan_loc_line(m->deadline_loc), line);
}

/* The English header names of export; a title and a year from the file
 * name; deadlines left unresolved. */
static void
test_plan_english(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("dir/2021-plan.csv",
	    "task_no,section,task,measure,units,deadline\n"
	    "1,一、总体,科学谋划,\"编制规划, 第一\",综合规划处,年底前\n"
	    "1,一、总体,科学谋划,\"第二\n条\",保护处牵头，运用处配合,6月底前\n"
	    "2,,加强保护,第三,保护处,全年\n", ',');
	assert_string_equal(p->title, "2021-plan");
	assert_int_equal(p->year, 2021);
	assert_int_equal(p->ntasks, 2);
	assert_int_equal(p->tasks[0].no, 1);
	assert_string_equal(p->tasks[0].section, "一、总体");
	assert_string_equal(p->tasks[0].title, "科学谋划");
	assert_int_equal(p->tasks[0].line, 2);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	check_measure(&p->tasks[0].measures[0], "编制规划, 第一", "综合规划处",
	    "年底前", 2);
	check_measure(&p->tasks[0].measures[1], "第二 条",
	    "保护处牵头，运用处配合", "6月底前", 3);
	assert_int_equal(p->tasks[1].no, 2);
	assert_string_equal(p->tasks[1].section, "一、总体");
	assert_string_equal(p->tasks[1].title, "加强保护");
	check_measure(&p->tasks[1].measures[0], "第三", "保护处", "全年", 5);
	/* plan_resolve is the caller's job. */
	assert_int_equal(p->tasks[0].measures[0].nunits, 0);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

/* Chinese header names with spaces around them, after a BOM, with CRLF;
 * ASCII names in any case. */
static void
test_plan_chinese_bom(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("x.csv",
	    "\xEF\xBB\xBF序号, 章节 ,重点任务,具体措施,牵头单位,完成时限\r\n"
	    "3,二、保护,严格保护,措施甲,保护处,一季度\r\n", ',');
	assert_string_equal(p->title, "x");
	assert_int_equal(p->year, 0);
	assert_int_equal(p->ntasks, 1);
	assert_int_equal(p->tasks[0].no, 3);
	assert_string_equal(p->tasks[0].section, "二、保护");
	check_measure(&p->tasks[0].measures[0], "措施甲", "保护处", "一季度", 2);
	plan_free(p);

	p = parse_ok("x.csv", "TASK,Measure,UNITS,DeadLine\nt,m,u,d\n", ',');
	assert_int_equal(p->ntasks, 1);
	assert_int_equal(p->tasks[0].no, 1);
	check_measure(&p->tasks[0].measures[0], "m", "u", "d", 2);
	plan_free(p);

	p = parse_ok("x.tsv", "任务清单\t落实举措\t责任部门\t时间节点\n"
	    "t\t\"引号\"\t部门\t年内\n", '\t');
	check_measure(&p->tasks[0].measures[0], "\"引号\"", "部门", "年内", 2);
	plan_free(p);

	/* Outline numbers in the 序号 column: "1" a task's row, "1.1" and
	 * "1.2" its measures. */
	p = parse_ok("x.csv", "序号,重点任务,工作措施,责任单位,完成时限\n"
	    "1,加强保护,,,\n1.1,,开展行动。,办公室,6月底前\n"
	    "1.2,,建立机制。,法规处,9月底前\n2,优化服务,,,\n"
	    "2.1.1,,推进便利化。,财务处,年底前\n", ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[0], 1, "加强保护", 2);
	check_measure(&p->tasks[0].measures[1], "建立机制。", "法规处", "9月底前", 4);
	check_task(&p->tasks[1], 2, "优化服务", 1);
	check_measure(&p->tasks[1].measures[0], "推进便利化。", "财务处", "年底前", 6);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);

	/* A 序号 numbering rows: the same task title under the next
	 * number is the same task, and tasks are counted in order. */
	p = parse_ok("x.csv", "序号,重点任务,工作举措,责任单位,完成时限\n"
	    "1,加强保护,开展行动。,办公室,6月底前\n"
	    "2,加强保护,建立机制。,法规处,9月底前\n"
	    "3,优化服务,推进便利化。,财务处,年底前\n"
	    "4,强化运用,培育企业。,运用处,年底前\n"
	    "5,,开展融资。,运用处,年底前\n", ',');
	assert_int_equal(p->ntasks, 3);
	check_task(&p->tasks[0], 1, "加强保护", 2);
	check_task(&p->tasks[1], 2, "优化服务", 1);
	check_task(&p->tasks[2], 3, "强化运用", 2);
	check_measure(&p->tasks[2].measures[1], "开展融资。", "运用处", "年底前", 6);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);

	/* So does one over a task title left blank: the task above goes
	 * on (a table whose task cells were not merged). */
	p = parse_ok("x.csv", "序号,重点任务,工作举措,责任单位,完成时限\n"
	    "1,加强保护,开展行动。,办公室,6月底前\n"
	    "2,,建立机制。,法规处,9月底前\n"
	    "3,优化服务,推进便利化。,财务处,年底前\n", ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[0], 1, "加强保护", 2);
	check_task(&p->tasks[1], 2, "优化服务", 1);
	plan_free(p);

	/* A 序号 said again on the next row, or left blank, numbers tasks:
	 * two tasks of the same title stay two. */
	p = parse_ok("x.csv", "序号,重点任务,工作举措,责任单位,完成时限\n"
	    "1,加强保护,开展行动。,办公室,6月底前\n"
	    "1,加强保护,建立机制。,法规处,9月底前\n"
	    "2,加强保护,推进便利化。,财务处,年底前\n", ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[0], 1, "加强保护", 2);
	check_task(&p->tasks[1], 2, "加强保护", 1);
	plan_free(p);
	p = parse_ok("x.csv", "序号,重点任务,工作举措,责任单位,完成时限\n"
	    "7,加强保护,开展行动。,办公室,6月底前\n"
	    ",,建立机制。,法规处,9月底前\n"
	    "8,加强保护,推进便利化。,财务处,年底前\n", ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[0], 7, "加强保护", 2);
	check_task(&p->tasks[1], 8, "加强保护", 1);
	plan_free(p);

	/* No measure column: the task column holds what is done, each row
	 * a task of its own (numbered by 序号, else in order). */
	p = parse_ok("x.csv", "工作任务,责任单位,完成时限\n"
	    "制定考核办法。,应急局,3月底前\n开展大检查。,应急局,持续开展\n",
	    ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[0], 1, "", 1);
	check_measure(&p->tasks[1].measures[0], "开展大检查。", "应急局", "持续开展", 3);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
	p = parse_ok("x.csv", "序号,重点任务,责任单位,完成时限\n"
	    "3,制定考核办法。,应急局,3月底前\n4,开展大检查。,应急局,年底前\n",
	    ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[1], 4, "", 1);
	check_measure(&p->tasks[0].measures[0], "制定考核办法。", "应急局", "3月底前", 2);
	plan_free(p);

	/* A lead and a support column read as one units cell. */
	p = parse_ok("x.csv", "序号,工作任务,具体措施,牵头单位,配合单位,完成时间\n"
	    "1,任务,措施。,甲、乙,丙,年底前\n2,任务二,措施二。,丁,,6月底前\n", ',');
	check_measure(&p->tasks[0].measures[0], "措施。", "甲、乙牵头；丙配合",
	    "年底前", 2);
	check_measure(&p->tasks[1].measures[0], "措施二。", "丁牵头", "6月底前", 3);
	plan_free(p);
	/* Other names of the columns; names parted by ，in a marked
	 * column all take its role. */
	p = parse_ok("x.csv", "序号,重点任务,具体措施,主责部门,协同部门,计划完成时间\n"
	    "1,任务,措施。,甲,\"乙，丙\",年底前\n", ',');
	check_measure(&p->tasks[0].measures[0], "措施。", "甲牵头；乙、丙配合",
	    "年底前", 2);
	plan_free(p);
}

/* Merged cells: empty task and section cells continue the ones above;
 * task numbers come from prefixes of the task cell. */
static void
test_plan_merged_prefix(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("p.csv",
	    "部分,任务,措施,责任单位,完成时间\n"
	    "一、甲,1.科学谋划,m1,u,年底前\n"
	    ",,m2,u,年底前\n"
	    ",2．加强保护,m3,u,年底前\n"
	    "二、乙,12、第三项,m4,u,年底前\n"
	    ",,m5,u,年底前\n", ',');
	assert_int_equal(p->ntasks, 3);
	check_task(&p->tasks[0], 1, "科学谋划", 2);
	assert_string_equal(p->tasks[0].section, "一、甲");
	check_measure(&p->tasks[0].measures[1], "m2", "u", "年底前", 3);
	check_task(&p->tasks[1], 2, "加强保护", 1);
	assert_string_equal(p->tasks[1].section, "一、甲");
	check_task(&p->tasks[2], 12, "第三项", 2);
	assert_string_equal(p->tasks[2].section, "二、乙");
	plan_free(p);
}

/* Without numbers anywhere, distinct consecutive titles are numbered in
 * order; "1.5倍" is not a number prefix. */
static void
test_plan_auto_numbers(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("p.csv",
	    "task,measure,units,deadline\n"
	    "甲,m1,u,d\n甲,m2,u,d\n乙,m3,u,d\n1.5倍增长,m4,u,d\n", ',');
	assert_int_equal(p->ntasks, 3);
	assert_int_equal(p->tasks[0].no, 1);
	assert_int_equal(p->tasks[0].nmeasures, 2);
	assert_int_equal(p->tasks[1].no, 2);
	assert_string_equal(p->tasks[1].title, "乙");
	assert_int_equal(p->tasks[2].no, 3);
	assert_string_equal(p->tasks[2].title, "1.5倍增长");
	plan_free(p);
}

/* A task_no column wins over the prefix, which is still stripped. */
static void
test_plan_task_no_column(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("p.csv",
	    "no,task,measure,units,deadline\n"
	    "7,1.甲,m1,u,d\n,,m2,u,d\n8,,m3,u,d\n", ',');
	assert_int_equal(p->ntasks, 2);
	check_task(&p->tasks[0], 7, "甲", 2);
	check_task(&p->tasks[1], 8, "", 1);
	plan_free(p);

	parse_fails("p.csv", "task_no,measure,units,deadline\n1,m,u,d\n"
	    "x1,m,u,d\n", ',', "p.csv:3: task number \"x1\" is not a number");
}

/* Blank rows are skipped; a row without a measure is warned about and
 * skipped; unknown and repeated columns are warned about, a remark
 * column (备注) is not. */
static void
test_plan_skips_and_warnings(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("p.csv",
	    "task,measure,units,deadline,工作目标,备注,措施\n"
	    "\n"
	    ",,,,,,\n"
	    "甲,,u,d,,,\n"
	    "甲,m1,u,d,x,y,z\n", ',');
	assert_int_equal(p->ntasks, 1);
	assert_int_equal(p->tasks[0].nmeasures, 1);
	check_measure(&p->tasks[0].measures[0], "m1", "u", "d", 5);
	assert_int_equal(p->nwarnings, 3);
	assert_string_equal(p->warnings[0].loc, "1");
	assert_non_null(strstr(p->warnings[0].msg, "\"工作目标\" is not read"));
	assert_string_equal(p->warnings[1].loc, "1");
	assert_non_null(strstr(p->warnings[1].msg, "\"措施\" is not read: a "
	    "column before it has that name"));
	assert_string_equal(p->warnings[2].loc, "4");
	assert_non_null(strstr(p->warnings[2].msg, "no measure"));
	plan_free(p);
}

/* A header naming two columns so names the units by their shape (a
 * lead's and supports' together: the units), warned about; one naming
 * fewer does not, and is no header. */
static void
test_plan_shaped_columns(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("p.csv",
	    "序号,具体措施,主办单位/协办单位,实施时间\n"
	    "1,m1,甲牵头；乙配合,6月底前\n", ',');
	assert_int_equal(p->ntasks, 1);
	check_measure(&p->tasks[0].measures[0], "m1", "甲牵头；乙配合",
	    "6月底前", 2);
	assert_int_equal(p->nwarnings, 2);
	assert_non_null(strstr(p->warnings[0].msg, "\"主办单位/协办单位\" is "
	    "read as 责任单位"));
	assert_non_null(strstr(p->warnings[1].msg, "\"实施时间\" is read as "
	    "完成时限"));
	plan_free(p);
	parse_fails("p.csv", "具体措施,承担单位\nm1,甲\n", ',',
	    "p.csv:1: no header row naming the columns (measure, units, "
	    "deadline)");
}

/* A row whose field count differs from the header's is an error at its
 * line, counted across a quoted line break. */
static void
test_plan_field_count(void **state)
{
	(void)state;
	parse_fails("f.csv",
	    "task_no,section,task,measure,units,deadline\n"
	    "1,s,t,\"two\nlines\",u,d\n"
	    "1,s,t,m,u\n", ',', "f.csv:4: 5 fields, the header has 6");
	parse_fails("f.csv", "task,measure,units,deadline\nt,m,u,d,extra\n",
	    ',', "f.csv:2: 5 fields, the header has 4");
	/* The reader's own errors come through. */
	parse_fails("f.csv", "task,measure,units,deadline\nt,m\"x,u,d\n",
	    ',', "f.csv:2: quote inside an unquoted field (quote the whole "
	    "field and double the quote)");
}

/* The measure, units and deadline columns and a task column are needed. */
static void
test_plan_missing_column(void **state)
{
	(void)state;
	parse_fails("m.csv", "task,measure,deadline\nt,m,d\n", ',',
	    "m.csv:1: missing column \"units\"");
	parse_fails("m.csv", "task_no,units,完成时间\n1,u,d\n", ',',
	    "m.csv:1: missing column \"measure\"");
	parse_fails("m.csv", "section,measure,units,deadline\ns,m,u,d\n", ',',
	    "m.csv:1: missing column \"task\" (or \"task_no\")");
	parse_fails("m.csv", "", ',', "m.csv:1: no header row naming the columns (measure, units, deadline)");
}

/* No deadline column: each measure's deadline is where its text ends (a
 * note in brackets, or its last clause), the table warned about. */
static void
test_plan_deadline_in_text(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("n.csv", "序号,重点任务,具体措施,责任单位\n"
	    "1,加强保护,开展专项执法行动（6月底前完成）。,市场监管局\n"
	    "2,优化服务,建立快速维权机制，2026年9月底前建成。,知识产权局\n"
	    "3,优化服务,持续优化营商环境。,商务局\n"
	    "4,强化运用,推进专利转化（重点企业），年底前。,科技局\n", ',');
	assert_int_equal(p->ntasks, 3);
	check_measure(&p->tasks[0].measures[0], "开展专项执法行动（6月底前完成）。",
	    "市场监管局", "6月底前完成", 2);
	check_measure(&p->tasks[1].measures[0], "建立快速维权机制，2026年9月底前建成。",
	    "知识产权局", "2026年9月底前建成", 3);
	check_measure(&p->tasks[1].measures[1], "持续优化营商环境。", "商务局",
	    "", 4);
	check_measure(&p->tasks[2].measures[0], "推进专利转化（重点企业），年底前。",
	    "科技局", "年底前", 5);
	assert_int_equal(p->nwarnings, 1);	/* the table (measure 3 is the grammar's) */
	plan_free(p);
}

/* The year: a year column whose values agree, else a year in the title. */
static void
test_plan_year(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("2019.csv",
	    "plan,year,task,measure,units,deadline\n"
	    ",,t,m0,u,d\n"
	    "我的计划,2022,t,m1,u,d\n,2022,t,m2,u,d\n,,t,m3,u,d\n", ',');
	assert_string_equal(p->title, "我的计划");
	assert_int_equal(p->year, 2022);
	plan_free(p);

	p = parse_ok("x.csv",
	    "plan,task,measure,units,deadline\n"
	    "2021 年全省知识产权工作任务清单,t,m,u,d\n"
	    "另一个标题,t,m,u,d\n", ',');
	assert_string_equal(p->title, "2021 年全省知识产权工作任务清单");
	assert_int_equal(p->year, 2021);
	plan_free(p);

	/* 12021 is no year; nothing else is either. */
	p = parse_ok("plan-12021.csv", "task,measure,units,deadline\nt,m,u,d\n",
	    ',');
	assert_int_equal(p->year, 0);
	plan_free(p);

	parse_fails("y.csv", "year,task,measure,units,deadline\n"
	    "2021,t,m,u,d\n\n2022,t,m,u,d\n", ',',
	    "y.csv:4: year 2022 differs from the year 2021 of the rows above");
	parse_fails("y.csv", "year,task,measure,units,deadline\n"
	    "21,t,m,u,d\n", ',', "y.csv:2: year \"21\" is not a 4-digit year");
}

/* Detection looks for the measure, units and deadline header names in the
 * first line, with the given separator. */
static void
test_plan_detect(void **state)
{
	const char *csv = "\xEF\xBB\xBFtask,Measure,units,deadline\r\nt,m,u,d\n";
	const char *tsv = "任务\t措施\t责任单位\t完成时限\n";
	const char *text = "附件\n2021年全省知识产权工作任务清单\n"
	    "任务清单 落实举措 责任单位 完成时间\n";
	const char *partial = "task,measure,deadline\n\"unterminated\n";
	/* No measure column: rows that are tasks (the readers of Word and
	 * Excel took them; a CSV of them was read as text, and refused). */
	const char *tasks = "序号,工作任务,责任单位,完成时限\n"
	    "1,制定方案。,应急局,6月底前\n";
	const char *notable = "序号,工作任务,完成时限\n1,制定方案。,6月底前\n";
	struct plan *p = NULL;
	struct error err;

	(void)state;
	assert_true(plan_csv_detect(tasks, strlen(tasks), ','));
	assert_false(plan_csv_detect(notable, strlen(notable), ','));
	assert_int_equal(planfile_parse("tasks.csv", tasks, strlen(tasks),
	    PLAN_AUTO, 2026, &p, &err), 0);
	assert_int_equal(p->ntasks, 1);
	assert_string_equal(p->tasks[0].measures[0].text, "制定方案。");
	assert_string_equal(p->tasks[0].measures[0].units[0].name, "应急局");
	plan_free(p);
	assert_true(plan_csv_detect(csv, strlen(csv), ','));
	assert_false(plan_csv_detect(csv, strlen(csv), '\t'));
	assert_true(plan_csv_detect(tsv, strlen(tsv), '\t'));
	assert_false(plan_csv_detect(tsv, strlen(tsv), ','));
	assert_false(plan_csv_detect(text, strlen(text), ','));
	assert_false(plan_csv_detect(partial, strlen(partial), ','));
	assert_false(plan_csv_detect("", 0, ','));
}

/* The shared column list names every column plan_csv reads back. */
static void
test_plan_columns(void **state)
{
	static const char *want[] = { "plan", "year", "task_no", "section",
	    "task", "measure", "units", "deadline", "kind", "due" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(want); i++) {
		assert_non_null(plan_csv_columns[i]);
		assert_string_equal(plan_csv_columns[i], want[i]);
	}
	assert_null(plan_csv_columns[ARRAY_LEN(want)]);
}


/* A sheet as Excel or WPS saves it: a title row and a blank row above
 * the header, 一、 section rows alone in their first cell, task cells
 * left empty under their merged first one. */
#define SHEET "2026年全区教育工作任务清单,,,\n" \
	",,,\n" \
	"重点任务,工作措施,责任部门,完成时限\n" \
	"一、强化制度建设,,,\n" \
	"1.健全制度体系,修订学校管理办法。,办公室牵头，法规科配合,6月底前\n" \
	",开展制度执行情况检查。,督导科,年底前\n" \
	"二、推进重点改革,,,\n" \
	"2.深化课程改革,推进课后服务提质。,基础教育科,9月30日前\n"

static void
test_plan_title_and_sections(void **state)
{
	struct plan *p;

	(void)state;
	p = parse_ok("sheet.csv", SHEET, ',');
	assert_string_equal(p->title, "2026年全区教育工作任务清单");
	assert_int_equal(p->year, 2026);
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[0].section, "一、强化制度建设");
	assert_string_equal(p->tasks[0].title, "健全制度体系");
	assert_int_equal(p->tasks[0].nmeasures, 2);
	check_measure(&p->tasks[0].measures[1], "开展制度执行情况检查。", "督导科",
	    "年底前", 6);
	assert_string_equal(p->tasks[1].section, "二、推进重点改革");
	assert_int_equal(p->tasks[1].no, 2);
	assert_int_equal(p->nwarnings, 0);
	plan_free(p);
}

/* The sheet in GB18030, as "CSV" is saved on a Chinese Windows. */
static char *
to_gb18030(const char *s, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t inleft = strlen(s), cap = inleft * 2, left = cap;
	char *in = (char *)s, *out = calloc(1, cap + 1), *o = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inleft, &o, &left) != (size_t)-1);
	iconv_close(cd);
	*len = cap - left;
	return out;
}

/* Through planfile as an import reads it: a UTF-8 byte-order mark is
 * skipped; GB18030 (invalid UTF-8 that is valid GB18030) is converted,
 * with a warning; bytes that are neither are refused at their line. */
static void
test_plan_bom_and_gb18030(void **state)
{
	struct error err = { 0, "" };
	struct plan *p = NULL, *q = NULL;
	const char *bad;
	char *gb;
	size_t len;

	(void)state;
	if (planfile_parse("bom.csv", "\xEF\xBB\xBF" SHEET,
	    strlen("\xEF\xBB\xBF" SHEET), PLAN_AUTO, 0, &p, &err) != 0)
		fail_msg("%s", err.msg);
	assert_string_equal(p->title, "2026年全区教育工作任务清单");
	assert_int_equal(p->nwarnings, 0);

	gb = to_gb18030(SHEET, &len);
	assert_true(len < strlen(SHEET));	/* two bytes a character */
	if (planfile_parse("gbk.csv", gb, len, PLAN_AUTO, 0, &q, &err) != 0)
		fail_msg("%s", err.msg);
	assert_string_equal(q->title, p->title);
	assert_int_equal(q->ntasks, 2);
	assert_string_equal(q->tasks[1].section, "二、推进重点改革");
	assert_string_equal(q->tasks[0].measures[0].units_text,
	    "办公室牵头，法规科配合");
	assert_int_equal(q->nwarnings, 1);
	assert_null(q->warnings[0].loc);
	assert_non_null(strstr(q->warnings[0].msg, "read as GB18030"));
	plan_free(p);
	plan_free(q);
	free(gb);

	/* 0x80 alone is neither UTF-8 nor GB18030. */
	bad = "task,measure,units,deadline\nt,m\x80,u,d\n";
	assert_int_equal(planfile_parse("bad.csv", bad, strlen(bad), PLAN_AUTO,
	    2021, &p, &err), EXIT_DATAERR);
	assert_string_equal(err.msg, "bad.csv:2: invalid UTF-8 (byte 0x80); "
	    "convert the file to UTF-8 (e.g. iconv -f GB18030)");
}

/* Run every test of the file. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_plain),
		cmocka_unit_test(test_read_quotes),
		cmocka_unit_test(test_read_embedded_newline),
		cmocka_unit_test(test_read_crlf),
		cmocka_unit_test(test_read_final_and_empty),
		cmocka_unit_test(test_read_malformed),
		cmocka_unit_test(test_read_tsv),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_write_read_back),
		cmocka_unit_test(test_plan_english),
		cmocka_unit_test(test_plan_chinese_bom),
		cmocka_unit_test(test_plan_merged_prefix),
		cmocka_unit_test(test_plan_auto_numbers),
		cmocka_unit_test(test_plan_task_no_column),
		cmocka_unit_test(test_plan_skips_and_warnings),
		cmocka_unit_test(test_plan_shaped_columns),
		cmocka_unit_test(test_plan_field_count),
		cmocka_unit_test(test_plan_missing_column),
		cmocka_unit_test(test_plan_deadline_in_text),
		cmocka_unit_test(test_plan_year),
		cmocka_unit_test(test_plan_detect),
		cmocka_unit_test(test_plan_columns),
		cmocka_unit_test(test_plan_title_and_sections),
		cmocka_unit_test(test_plan_bom_and_gb18030),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
