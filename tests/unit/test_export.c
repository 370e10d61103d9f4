/* Unit tests for export: JSON as the README documents it, CSV and TSV
 * that read back (plan_csv_parse + plan_resolve) to the same plan, and
 * iCalendar (RFC 5545) escaping, folding and recurrence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/date.h"
#include "plan/export.h"
#include "plan/plan.h"
#include "plan/plan_csv.h"
#include "base/text.h"

/* 2021-06-23T02:00:00Z, the DTSTAMP of the calendars below. */
#define NOW 1624413600LL

#define LONG_HEAD "严格知识产权保护加大对侵权假冒行为的打击力度完善行政执法和司法衔接机制推动建立快"
#define LONG_TAIL "速协同保护体系并开展专项行动"

/* A plan with every deadline kind and texts that need quoting and
 * escaping in every format.  Measure ids are 1..5 in order. */
static struct plan *
sample_plan(void)
{
	struct plan *p = plan_new("sample.txt");
	struct plan_task *t;
	struct plan_measure *m;

	free(p->title);
	p->title = xstrdup("2021 年测试计划, \"引号\"");
	p->year = 2021;
	t = plan_add_task(p, 1, "一、总体", "科学谋划, \"规划\"", 10);
	m = plan_add_measure(t, "加快推动,\"强省\"建设\n第二行", "10月份前",
	    "省知识产权事业发展中心、知识产权保护处牵头", 11);
	m->id = 1;
	m = plan_add_measure(t, "每月调度 a;b\\c", "每月", "综合规划处", 12);
	m->id = 2;
	t = plan_add_task(p, 2, "二、保护", "加强保护", 20);
	m = plan_add_measure(t, LONG_HEAD LONG_TAIL, "每季度",
	    "知识产权保护处；各市市场监督管理局配合", 21);
	m->id = 3;
	m = plan_add_measure(t, "适时开展检查", "适时", "综合规划处", 22);
	m->id = 4;
	m = plan_add_measure(t, "全年推进", "全年", "知识产权保护处", 23);
	m->id = 5;
	plan_resolve(p);
	return p;
}

/* Export p into a new string. */
static char *
export_str(const struct plan *p, enum export_format fmt, const char *unit)
{
	struct buf b = BUF_INIT;

	export_plan(&b, p, fmt, unit, NOW);
	return buf_steal(&b);
}

/* Count the occurrences of needle in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Fail unless s contains needle. */
static void
assert_contains(const char *s, const char *needle)
{
	if (strstr(s, needle) == NULL)
		fail_msg("\"%s\" not found in:\n%s", needle, s);
}

/* The format names of the command line. */
static void
test_format_names(void **state)
{
	enum export_format fmt = EXPORT_JSON;

	(void)state;
	assert_true(export_format_from_name("csv", &fmt));
	assert_int_equal(fmt, EXPORT_CSV);
	assert_true(export_format_from_name("tsv", &fmt));
	assert_int_equal(fmt, EXPORT_TSV);
	assert_true(export_format_from_name("ics", &fmt));
	assert_int_equal(fmt, EXPORT_ICS);
	assert_true(export_format_from_name("json", &fmt));
	assert_int_equal(fmt, EXPORT_JSON);
	assert_false(export_format_from_name("xml", &fmt));
	assert_false(export_format_from_name("", &fmt));
}

/* The whole JSON text of a small plan, byte for byte. */
static void
test_json_exact(void **state)
{
	struct plan *p = plan_new("small");
	struct plan_task *t;
	struct plan_measure *m;
	char *s;

	(void)state;
	free(p->title);
	p->title = xstrdup("小计划");
	p->year = 2021;
	t = plan_add_task(p, 3, "", "任务甲", 1);
	m = plan_add_measure(t, "做\"事\"\\", "6月底前", "甲处牵头，乙处", 2);
	m->id = 7;
	m = plan_add_measure(t, "月报", "每月", "", 3);
	m->id = 8;
	plan_resolve(p);
	s = export_str(p, EXPORT_JSON, NULL);
	assert_string_equal(s,
	    "{\n"
	    "  \"title\": \"小计划\",\n"
	    "  \"year\": 2021,\n"
	    "  \"tasks\": [\n"
	    "    {\n"
	    "      \"no\": 3,\n"
	    "      \"section\": \"\",\n"
	    "      \"title\": \"任务甲\",\n"
	    "      \"measures\": [\n"
	    "        {\n"
	    "          \"id\": 7,\n"
	    "          \"text\": \"做\\\"事\\\"\\\\\",\n"
	    "          \"deadline\": {\n"
	    "            \"text\": \"6月底前\",\n"
	    "            \"kind\": \"date\",\n"
	    "            \"due\": \"2021-06-30\"\n"
	    "          },\n"
	    "          \"units\": [\n"
	    "            {\n"
	    "              \"name\": \"甲处\",\n"
	    "              \"role\": \"lead\"\n"
	    "            },\n"
	    "            {\n"
	    "              \"name\": \"乙处\",\n"
	    "              \"role\": \"responsible\"\n"
	    "            }\n"
	    "          ]\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": 8,\n"
	    "          \"text\": \"月报\",\n"
	    "          \"deadline\": {\n"
	    "            \"text\": \"每月\",\n"
	    "            \"kind\": \"monthly\",\n"
	    "            \"due\": null\n"
	    "          },\n"
	    "          \"units\": []\n"
	    "        }\n"
	    "      ]\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	free(s);
	plan_free(p);
}

/* The sample plan in JSON: every kind, escaping, roles, and the unit
 * filter dropping measures and then whole tasks. */
static void
test_json_sample_and_filter(void **state)
{
	struct plan *p = sample_plan();
	char *s;

	(void)state;
	s = export_str(p, EXPORT_JSON, NULL);
	assert_contains(s, "  \"title\": \"2021 年测试计划, \\\"引号\\\"\",\n");
	assert_contains(s, "\"text\": \"加快推动,\\\"强省\\\"建设 第二行\",\n");
	assert_contains(s, "\"text\": \"每月调度 a;b\\\\c\",\n");
	assert_contains(s, "\"kind\": \"quarterly\",\n            \"due\": null\n");
	assert_contains(s, "\"kind\": \"ongoing\",\n            \"due\": \"2021-12-31\"\n");
	assert_contains(s, "\"kind\": \"unknown\",\n            \"due\": null\n");
	assert_contains(s, "\"name\": \"各市市场监督管理局\",\n"
	    "              \"role\": \"support\"\n");
	assert_int_equal(count(s, "\"no\": "), 2);
	assert_int_equal(count(s, "\"id\": "), 5);
	assert_int_equal(count(s, "\"role\": \"lead\""), 2);
	assert_true(s[strlen(s) - 1] == '\n');
	free(s);

	/* 知识产权保护处: measures 1, 3, 5. */
	s = export_str(p, EXPORT_JSON, "知识产权保护处");
	assert_int_equal(count(s, "\"id\": "), 3);
	assert_contains(s, "\"id\": 1,");
	assert_contains(s, "\"id\": 3,");
	assert_contains(s, "\"id\": 5,");
	assert_int_equal(count(s, "\"no\": "), 2);
	free(s);

	/* Only task 1 names 省知识产权事业发展中心: task 2 is left out. */
	s = export_str(p, EXPORT_JSON, "省知识产权事业发展中心");
	assert_int_equal(count(s, "\"id\": "), 1);
	assert_int_equal(count(s, "\"no\": "), 1);
	assert_null(strstr(s, "加强保护"));
	assert_contains(s, "      ]\n    }\n  ]\n}\n");
	free(s);

	/* A name matches exactly, not as a part. */
	s = export_str(p, EXPORT_JSON, "保护处");
	assert_contains(s, "  \"tasks\": []\n}\n");
	free(s);
	plan_free(p);
}

/* Fail unless two plans have the same title, year, tasks and measures
 * with the same units and deadlines. */
static void
assert_same_plan(const struct plan *a, const struct plan *b)
{
	const struct plan_measure *ma, *mb;
	const struct plan_task *ta, *tb;
	size_t i, j, k;

	assert_string_equal(a->title, b->title);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->ntasks, b->ntasks);
	for (i = 0; i < a->ntasks; i++) {
		ta = &a->tasks[i];
		tb = &b->tasks[i];
		assert_int_equal(ta->no, tb->no);
		assert_string_equal(ta->section, tb->section);
		assert_string_equal(ta->title, tb->title);
		assert_int_equal(ta->nmeasures, tb->nmeasures);
		for (j = 0; j < ta->nmeasures; j++) {
			ma = &ta->measures[j];
			mb = &tb->measures[j];
			assert_string_equal(ma->text, mb->text);
			assert_string_equal(ma->deadline_text, mb->deadline_text);
			assert_string_equal(ma->units_text, mb->units_text);
			assert_int_equal(ma->deadline.kind, mb->deadline.kind);
			assert_int_equal(ma->deadline.due, mb->deadline.due);
			assert_int_equal(ma->nunits, mb->nunits);
			for (k = 0; k < ma->nunits; k++) {
				assert_string_equal(ma->units[k].name,
				    mb->units[k].name);
				assert_int_equal(ma->units[k].role,
				    mb->units[k].role);
			}
		}
	}
}

/* Export p with fmt, read it back and compare. */
static void
round_trip(const struct plan *p, enum export_format fmt)
{
	struct error err = { 0, "" };
	struct plan *q = NULL;
	char *s;
	int rc;

	s = export_str(p, fmt, NULL);
	rc = plan_csv_parse("export.csv", s, strlen(s),
	    fmt == EXPORT_TSV ? '\t' : ',', &q, &err);
	if (rc != 0)
		fail_msg("%s in:\n%s", err.msg, s);
	plan_resolve(q);
	assert_same_plan(p, q);
	/* Nothing in an export is unknown to the reader. */
	assert_int_equal(q->nwarnings, p->nwarnings);
	plan_free(q);
	free(s);
}

/* CSV: the header of plan_csv_columns, CRLF, quoting where needed. */
static void
test_csv_text(void **state)
{
	struct plan *p = sample_plan();
	char *s;

	(void)state;
	s = export_str(p, EXPORT_CSV, NULL);
	assert_true(text_starts(s, "plan,year,task_no,section,task,measure,"
	    "units,deadline,kind,due\r\n", NULL));
	assert_contains(s, "\r\n\"2021 年测试计划, \"\"引号\"\"\",2021,1,一、总体,"
	    "\"科学谋划, \"\"规划\"\"\",\"加快推动,\"\"强省\"\"建设 第二行\","
	    "省知识产权事业发展中心、知识产权保护处牵头,10月份前,date,"
	    "2021-09-30\r\n");
	assert_contains(s, ",每月,monthly,\r\n");
	assert_int_equal(count(s, "\r\n"), 6);
	free(s);

	s = export_str(p, EXPORT_TSV, "综合规划处");
	assert_true(text_starts(s, "plan\tyear\ttask_no\tsection\ttask\t"
	    "measure\tunits\tdeadline\tkind\tdue\n", NULL));
	assert_contains(s, "\n2021 年测试计划, \"引号\"\t2021\t2\t二、保护\t加强保护\t"
	    "适时开展检查\t综合规划处\t适时\tunknown\t\n");
	assert_int_equal(count(s, "\n"), 3);
	assert_null(strstr(s, "\r"));
	free(s);
	plan_free(p);
}

/* CSV and TSV exports read back to the same plan. */
static void
test_csv_round_trip(void **state)
{
	struct plan *p = sample_plan();

	(void)state;
	round_trip(p, EXPORT_CSV);
	round_trip(p, EXPORT_TSV);
	plan_free(p);
}

/* A plan without sections, with an unknown year and a task number that
 * is not the next one reads back the same too. */
static void
test_csv_round_trip_bare(void **state)
{
	struct plan *p = plan_new("bare.txt");
	struct plan_task *t;

	(void)state;
	free(p->title);
	p->title = xstrdup("无年份的计划");
	t = plan_add_task(p, 5, "", "第五项", 1);
	plan_add_measure(t, "\"引号开头\"，以及逗号,", "年底前", "甲处；乙处配合", 2);
	t = plan_add_task(p, 9, "", "第九项", 3);
	plan_add_measure(t, "措施", "每季度", "丙处、丁处牵头", 4);
	plan_resolve(p);
	round_trip(p, EXPORT_CSV);
	round_trip(p, EXPORT_TSV);
	plan_free(p);
}

/* Split an iCalendar text into physical lines and check each: CRLF
 * ends, at most 75 octets, valid UTF-8 (no character cut in two). */
static void
assert_ics_lines(const char *s)
{
	const char *p = s, *crlf;
	size_t n;

	while (*p != '\0') {
		crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		n = (size_t)(crlf - p);
		if (n > 75)
			fail_msg("line of %zu octets: %.*s", n, (int)n, p);
		if (!utf8_valid(p, n, NULL))
			fail_msg("broken UTF-8: %.*s", (int)n, p);
		assert_null(memchr(p, '\n', n));
		assert_null(memchr(p, '\r', n));
		p = crlf + 2;
	}
}

/* Undo the folding of RFC 5545, 3.1. */
static char *
unfold(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		buf_putc(&b, *p);
	}
	return buf_steal(&b);
}

/* The calendar: header, one event per dated measure, escaping, all-day
 * dates, recurrence of periodic items, unknown items left out. */
static void
test_ics_calendar(void **state)
{
	struct plan *p = sample_plan();
	char *s, *u;

	(void)state;
	s = export_str(p, EXPORT_ICS, NULL);
	assert_ics_lines(s);
	/* The long measure and its description need folding. */
	assert_non_null(strstr(s, "\r\n "));
	u = unfold(s);
	assert_true(text_starts(u, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//deadlined//EN\r\nCALSCALE:GREGORIAN\r\n"
	    "X-WR-CALNAME:2021 年测试计划\\, \"引号\"\r\n", NULL));
	assert_true(text_ends(u, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	assert_int_equal(count(u, "BEGIN:VEVENT\r\n"), 4);
	assert_int_equal(count(u, "END:VEVENT\r\n"), 4);
	assert_int_equal(count(u, "DTSTAMP:20210623T020000Z\r\n"), 4);

	/* A date: the day, ending the next day. */
	assert_contains(u, "BEGIN:VEVENT\r\nUID:measure-1@deadlined\r\n"
	    "DTSTAMP:20210623T020000Z\r\n"
	    "DTSTART;VALUE=DATE:20210930\r\nDTEND;VALUE=DATE:20211001\r\n"
	    "SUMMARY:任务1：加快推动\\,\"强省\"建设 第二行\r\n"
	    "DESCRIPTION:任务1：科学谋划\\, \"规划\"\\n"
	    "举措：加快推动\\,\"强省\"建设 第二行\\n完成时限：10月份前\\n"
	    "责任单位：省知识产权事业发展中心（牵头）、知识产权保护处（牵头）\r\n"
	    "CATEGORIES:date\r\nEND:VEVENT\r\n");
	/* Monthly: every month end from January's. */
	assert_contains(u, "UID:measure-2@deadlined\r\n"
	    "DTSTAMP:20210623T020000Z\r\n"
	    "DTSTART;VALUE=DATE:20210131\r\nDTEND;VALUE=DATE:20210201\r\n"
	    "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12\r\n"
	    "SUMMARY:任务1：每月调度 a\\;b\\\\c\r\n");
	assert_contains(u, "CATEGORIES:monthly\r\n");
	/* Quarterly: every third month end from March's; the summary cut
	 * after 40 characters. */
	assert_contains(u, "UID:measure-3@deadlined\r\n"
	    "DTSTAMP:20210623T020000Z\r\n"
	    "DTSTART;VALUE=DATE:20210331\r\nDTEND;VALUE=DATE:20210401\r\n"
	    "RRULE:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;COUNT=4\r\n"
	    "SUMMARY:任务2：" LONG_HEAD "…\r\n");
	assert_contains(u, "责任单位：知识产权保护处（负责）、各市市场监督管理局（配合）\r\n");
	/* Ongoing: the year-end check-in, across the new year. */
	assert_contains(u, "UID:measure-5@deadlined\r\n"
	    "DTSTAMP:20210623T020000Z\r\n"
	    "DTSTART;VALUE=DATE:20211231\r\nDTEND;VALUE=DATE:20220101\r\n");
	assert_contains(u, "CATEGORIES:ongoing\r\n");
	/* Unknown: no date, no event. */
	assert_null(strstr(u, "measure-4@"));
	assert_null(strstr(u, "适时开展检查"));
	free(u);
	free(s);
	plan_free(p);
}

/* The periodic kinds recur as such: June 30 and December 31; every other
 * month's end from February's; every other Friday; each 15th (10th, 20th)
 * and month end; every Friday of the plan year from the first (2026's: Jan 2), or
 * every day a weekly item names. */
static void
test_ics_recurrence(void **state)
{
	static const struct {
		const char *text;
		int year;
		const char *want;
	} cases[] = {
		{ "每半年", 2021, "DTSTART;VALUE=DATE:20210630\r\n"
		  "DTEND;VALUE=DATE:20210701\r\n"
		  "RRULE:FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1;COUNT=2\r\n" },
		{ "双月报送", 2026, "DTSTART;VALUE=DATE:20260228\r\n"
		  "DTEND;VALUE=DATE:20260301\r\n"
		  "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1;COUNT=6\r\n" },
		{ "每两周", 2026, "DTSTART;VALUE=DATE:20260102\r\n"
		  "DTEND;VALUE=DATE:20260103\r\n"
		  "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20261231\r\n" },
		{ "每半月", 2026, "DTSTART;VALUE=DATE:20260115\r\n"
		  "DTEND;VALUE=DATE:20260116\r\n"
		  "RRULE:FREQ=MONTHLY;BYMONTHDAY=15,-1;COUNT=24\r\n" },
		{ "每旬", 2026, "DTSTART;VALUE=DATE:20260110\r\n"
		  "DTEND;VALUE=DATE:20260111\r\n"
		  "RRULE:FREQ=MONTHLY;BYMONTHDAY=10,20,-1;COUNT=36\r\n" },
		{ "每周五前", 2021, "DTSTART;VALUE=DATE:20210101\r\n"
		  "DTEND;VALUE=DATE:20210102\r\n"
		  "RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20211231\r\n" },
		{ "每周", 2026, "DTSTART;VALUE=DATE:20260102\r\n"
		  "DTEND;VALUE=DATE:20260103\r\n"
		  "RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231\r\n" },
		/* A named day: every such day from the first. */
		{ "每周一前", 2026, "DTSTART;VALUE=DATE:20260105\r\n"
		  "DTEND;VALUE=DATE:20260106\r\n"
		  "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231\r\n" },
		{ "每星期天", 2021, "DTSTART;VALUE=DATE:20210103\r\n"
		  "DTEND;VALUE=DATE:20210104\r\n"
		  "RRULE:FREQ=WEEKLY;BYDAY=SU;UNTIL=20211231\r\n" },
		{ "每月5日前", 2021, "DTSTART;VALUE=DATE:20210105\r\n"
		  "DTEND;VALUE=DATE:20210106\r\n"
		  "RRULE:FREQ=MONTHLY;BYMONTHDAY=5;COUNT=12\r\n" },
		/* The 30th, or a shorter month's last day (BYMONTHDAY=30
		 * would skip February): the dates listed. */
		{ "每月30日前", 2021, "DTSTART;VALUE=DATE:20210130\r\n"
		  "DTEND;VALUE=DATE:20210131\r\n"
		  "RDATE;VALUE=DATE:20210130,20210228,20210330,20210430,20210530,20210630,"
		  "20210730,20210830,20210930,20211030,20211130,20211230\r\n" },
	};
	static const char *const kinds[] = {
		"semiannual", "bimonthly", "biweekly", "semimonthly", "tenday",
		"weekly", "weekly", "weekly",
		"weekly", "monthly", "monthly",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct plan *p = plan_new("periodic.txt");
		struct plan_task *t;
		struct plan_measure *m;
		char *s, *u;

		p->year = cases[i].year;
		t = plan_add_task(p, 1, "一、总体", "调度", 10);
		m = plan_add_measure(t, "报送进展", cases[i].text, "综合规划处", 11);
		m->id = 1;
		plan_resolve(p);
		s = export_str(p, EXPORT_ICS, NULL);
		assert_ics_lines(s);
		u = unfold(s);
		assert_contains(u, cases[i].want);
		assert_contains(u, "CATEGORIES:");
		assert_contains(strstr(u, "CATEGORIES:"), kinds[i]);
		free(u);
		free(s);
		plan_free(p);
	}
}

/* Whether the value of property name is TEXT (RFC 5545, 3.3.11). */
static bool
ics_text_prop(const char *name)
{
	return strcmp(name, "SUMMARY") == 0 || strcmp(name, "DESCRIPTION") == 0 ||
	    strcmp(name, "CATEGORIES") == 0 || strcmp(name, "X-WR-CALNAME") == 0;
}

/* Check one unfolded content line (RFC 5545, 3.1): a name of letters,
 * digits and dashes, parameters, a colon and, for TEXT, a value whose
 * backslashes, commas and semicolons are all escaped. */
static void
check_content_line(const char *line, size_t len, char *name, size_t namelen)
{
	size_t n = strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"), i;
	const char *colon = memchr(line, ':', len);

	if (n == 0 || n >= namelen || (line[n] != ':' && line[n] != ';') ||
	    colon == NULL)
		fail_msg("malformed content line: %.*s", (int)len, line);
	memcpy(name, line, n);
	name[n] = '\0';
	if (!ics_text_prop(name))
		return;
	for (i = (size_t)(colon + 1 - line); i < len; i++) {
		if (line[i] == ',' || line[i] == ';')
			fail_msg("unescaped '%c' in %.*s", line[i], (int)len, line);
		if (line[i] == '\\') {
			if (i + 1 >= len || strchr("\\;,nN", line[i + 1]) == NULL)
				fail_msg("bad escape in %.*s", (int)len, line);
			i++;
		}
	}
}

/* Alarms: with the lead days [30, 7, 3, 1, 0], every event has one display
 * alarm for each positive lead day; the whole calendar is checked line by
 * line: CRLF, folding at 75 octets between characters, escaping of TEXT,
 * BEGIN/END nesting. */
static void
test_ics_alarms(void **state)
{
	static const int lead[] = { 30, 7, 3, 1, 0 };
	static const char *const want_trigger[] = { "-P30D", "-P7D", "-P3D", "-P1D" };
	struct plan *p = sample_plan();
	struct buf b = BUF_INIT;
	char *u, *line, *next, name[64], stack[8][16];
	size_t depth = 0, alarms = 0, events = 0, in_event = 0, k;
	bool action = false, descr = false;
	const char *trigger = NULL;

	(void)state;
	export_ics_alarms(&b, p, NULL, NOW, lead, ARRAY_LEN(lead), NULL);
	assert_ics_lines(buf_str(&b));
	/* Every fold is CRLF and one space, never a tab or more. */
	assert_null(strstr(buf_str(&b), "\r\n\t"));
	u = unfold(buf_str(&b));
	for (line = u; *line != '\0'; line = next + 2) {
		next = strstr(line, "\r\n");
		assert_non_null(next);
		*next = '\0';
		check_content_line(line, strlen(line), name, sizeof(name));
		if (strncmp(line, "BEGIN:", 6) == 0) {
			assert_true(depth < ARRAY_LEN(stack));
			snprintf(stack[depth++], sizeof(stack[0]), "%s", line + 6);
			if (strcmp(line + 6, "VEVENT") == 0) {
				events++;
				in_event = 0;
			} else if (strcmp(line + 6, "VALARM") == 0) {
				/* Only inside an event. */
				assert_true(depth >= 2);
				assert_string_equal(stack[depth - 2], "VEVENT");
				action = descr = false;
				trigger = NULL;
			}
		} else if (strncmp(line, "END:", 4) == 0) {
			assert_true(depth > 0);
			assert_string_equal(stack[--depth], line + 4);
			if (strcmp(line + 4, "VALARM") == 0) {
				/* ACTION, DESCRIPTION and TRIGGER are required
				 * of a display alarm (3.6.6). */
				assert_true(action && descr);
				assert_non_null(trigger);
				assert_true(in_event < ARRAY_LEN(want_trigger));
				assert_string_equal(trigger, want_trigger[in_event]);
				in_event++;
				alarms++;
			} else if (strcmp(line + 4, "VEVENT") == 0)
				assert_int_equal(in_event, ARRAY_LEN(want_trigger));
		} else if (depth > 0 && strcmp(stack[depth - 1], "VALARM") == 0) {
			if (strcmp(line, "ACTION:DISPLAY") == 0)
				action = true;
			else if (strcmp(name, "DESCRIPTION") == 0)
				descr = true;
			else if (strncmp(line, "TRIGGER:", 8) == 0)
				trigger = line + 8;
			else
				fail_msg("unexpected in VALARM: %s", line);
		}
	}
	assert_int_equal(depth, 0);
	assert_int_equal(events, 4);
	assert_int_equal(alarms, 4 * ARRAY_LEN(want_trigger));
	free(u);

	/* The alarm's text is the summary's, escaped like it. */
	u = unfold(buf_str(&b));
	assert_contains(u, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n"
	    "DESCRIPTION:任务1：每月调度 a\\;b\\\\c（7 天后到期）\r\n"
	    "TRIGGER:-P7D\r\nEND:VALARM\r\n");
	for (k = 0; k < 2; k++) {
		/* Without lead days, and through export_plan: no alarms. */
		char *s;

		buf_reset(&b);
		if (k == 0)
			export_ics_alarms(&b, p, NULL, NOW, lead + 4, 1, NULL);
		else
			export_plan(&b, p, EXPORT_ICS, NULL, NOW);
		s = buf_steal(&b);
		assert_null(strstr(s, "VALARM"));
		assert_int_equal(count(s, "BEGIN:VEVENT"), 4);
		free(s);
	}
	free(u);
	buf_free(&b);
	plan_free(p);
}

/* Folding never cuts a character, wherever the 75th octet falls. */
static void
test_ics_folding(void **state)
{
	static const char *heads[] = { "", "a", "ab", "abc" };
	struct plan *p = plan_new("fold");
	struct plan_task *t;
	struct plan_measure *m;
	struct buf text = BUF_INIT;
	char *s, *u, *want;
	size_t i;
	int k;

	(void)state;
	p->year = 2021;
	t = plan_add_task(p, 1, "", "折行", 1);
	for (i = 0; i < ARRAY_LEN(heads); i++) {
		buf_reset(&text);
		buf_puts(&text, heads[i]);
		for (k = 0; k < 30; k++)
			buf_puts(&text, "知识产权");
		m = plan_add_measure(t, buf_str(&text), "年底前", "甲处", 2);
		m->id = (int64_t)i + 1;
	}
	plan_resolve(p);
	s = export_str(p, EXPORT_ICS, NULL);
	assert_ics_lines(s);
	u = unfold(s);
	for (i = 0; i < t->nmeasures; i++) {
		want = xasprintf("举措：%s\\n", t->measures[i].text);
		assert_contains(u, want);
		free(want);
	}
	free(u);
	free(s);
	buf_free(&text);
	plan_free(p);
}

/* The unit filter applies to the calendar too: a unit's calendar is
 * named for it, and its events are its own (a UID per measure and unit,
 * the same whenever it is written). */
static void
test_ics_filter(void **state)
{
	struct plan *p = sample_plan();
	char *s, *again, *uid;

	(void)state;
	s = export_str(p, EXPORT_ICS, "各市市场监督管理局");
	assert_int_equal(count(s, "BEGIN:VEVENT"), 1);
	assert_contains(s, "UID:measure-3-unit-");
	assert_contains(s, "X-WR-CALNAME:各市市场监督管理局 · 2021 年测试计划");
	assert_true(text_ends(s, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	uid = strstr(s, "UID:");
	again = export_str(p, EXPORT_ICS, "各市市场监督管理局");
	assert_non_null(strstr(again, "UID:"));
	assert_memory_equal(uid, strstr(again, "UID:"), 36);
	free(again);
	again = export_str(p, EXPORT_ICS, "知识产权保护处");
	assert_non_null(strstr(again, "UID:measure-3-unit-"));
	assert_memory_not_equal(uid, strstr(again, "UID:measure-3-unit-"), 36);
	free(again);
	free(s);

	s = export_str(p, EXPORT_ICS, "没有这个单位");
	assert_int_equal(count(s, "BEGIN:VEVENT"), 0);
	assert_true(text_ends(s, "CALSCALE:GREGORIAN\r\n"
	    "X-WR-CALNAME:没有这个单位 · 2021 年测试计划\\, \"引号\"\r\n"
	    "END:VCALENDAR\r\n"));
	free(s);
	plan_free(p);
}

/* Run every test of the file. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_json_exact),
		cmocka_unit_test(test_json_sample_and_filter),
		cmocka_unit_test(test_csv_text),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_csv_round_trip_bare),
		cmocka_unit_test(test_ics_calendar),
		cmocka_unit_test(test_ics_recurrence),
		cmocka_unit_test(test_ics_folding),
		cmocka_unit_test(test_ics_alarms),
		cmocka_unit_test(test_ics_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
