/*
 * Tests for render: subjects (hard-coded expectations, hostile unit names
 * never yield CR, LF or other controls), mails checked by Python's email
 * package (tests/mail_check.py: headers, decoded Subject, Date,
 * Message-ID, parts, escaping) and by hand (lines, encoded-words of a
 * long subject), the generic webhook JSON parsed back by Python and
 * compared field by field with types, and the markdown parts (limits,
 * UTF-8, numbering, every item present, huge items cut).
 *
 * Tests run from the repository root: tests/mail_check.py is found there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/base64.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "deliver/render.h"
#include "base/text.h"
#include "base/util.h"
#include "checker.h"

#define PYTHON "/usr/bin/python3"
#define GENERATED 1624413600	/* 2021-06-23T10:00:00+08:00 (date -d) */

/* Items of the digest most tests use: one of each kind of trouble. */
static struct notice_item items[3];

/* Fill items afresh. */
static void
items_setup(void)
{
	memset(items, 0, sizeof(items));
	items[0].measure_id = 63;
	items[0].plan_title = "2021 年全省知识产权工作任务清单";
	items[0].year = 2021;
	items[0].task_no = 18;
	items[0].task = "加强商标审查\r\nBcc: evil@example.com";
	items[0].measure = "<script>alert(1)</script> & 审查\"质量\"'提升'";
	items[0].deadline_text = "6月底前";
	items[0].due = date_from_ymd(2021, 6, 30);
	items[0].days_left = 7;
	items[0].role = ROLE_RESPONSIBLE;
	items[0].stage = "lead";
	items[0].ack_url = "http://127.0.0.1:8470/ack/"
	    "0123456789abcdef0123456789abcdef";

	items[1].measure_id = 64;
	items[1].task_no = 19;
	items[1].task = "知识产权保护";
	items[1].measure = "开展专项行动";
	items[1].deadline_text = "5月底前";
	items[1].due = date_from_ymd(2021, 5, 31);
	items[1].days_left = -23;
	items[1].role = ROLE_LEAD;
	items[1].stage = "overdue";
	items[1].ack_url = "http://127.0.0.1:8470/ack/"
	    "fedcba9876543210fedcba9876543210";

	items[2].measure_id = 70;
	items[2].task_no = 20;
	items[2].task = "数据统计";
	items[2].measure = "按月报送统计数据";
	items[2].deadline_text = "每月";
	items[2].due = DATE_NONE;
	items[2].days_left = 0;
	items[2].role = ROLE_SUPPORT;
	items[2].stage = "checkin";
	items[2].ack_url = NULL;
}

/* A digest of the first n items for unit. */
static struct digest
digest_of(const char *unit, size_t n)
{
	struct digest d;

	d.unit = unit;
	d.id = "ntc_20210623_0001";
	d.generated_at = GENERATED;
	d.items = items;
	d.nitems = n;
	return d;
}

/* Items, and the zone that makes Dates deterministic. */
static int
setup(void **state)
{
	(void)state;
	items_setup();
	return clock_set_zone("Asia/Shanghai") ? 0 : -1;
}

/* Whether s has a C0 control or DEL. */
static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static const struct {
	const char *unit;
	size_t nitems;
	const char *want;
} subjects[] = {
	{ "济南商标审协中心", 1,
	  "【提醒】济南商标审协中心：1 项事项（1 项即将到期）" },
	{ "济南商标审协中心", 2,
	  "【催办】济南商标审协中心：2 项事项（1 项逾期，1 项即将到期）" },
	{ "知识产权保护处", 3, "【催办】知识产权保护处：3 项事项"
	  "（1 项逾期，1 项即将到期，1 项需报进展）" },
	/* Controls become one space; none at the ends. */
	{ "A\r\nBcc: x@evil", 1,
	  "【提醒】A Bcc: x@evil：1 项事项（1 项即将到期）" },
	{ "\r\n\t保护处\x1b[31m\x7f", 1,
	  "【提醒】保护处 [31m：1 项事项（1 项即将到期）" },
	/* Invalid UTF-8 becomes U+FFFD. */
	{ "bad\xff\xfe", 1, "【提醒】bad\xef\xbf\xbd\xef\xbf\xbd："
	  "1 项事项（1 项即将到期）" },
	{ "空", 0, "【提醒】空：0 项事项" },
};

/* render_subject against hard-coded subjects. */
static void
test_subject(void **state)
{
	struct digest d;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(subjects); i++) {
		d = digest_of(subjects[i].unit, subjects[i].nitems);
		s = render_subject(&d);
		if (strcmp(s, subjects[i].want) != 0)
			print_error("subject #%zu: %s\n want %s\n", i, s,
			    subjects[i].want);
		assert_string_equal(s, subjects[i].want);
		assert_false(has_control(s));
		free(s);
	}
}

/* A very long unit name is cut to 60 characters, marked "…". */
static void
test_subject_long_unit(void **state)
{
	struct buf unit = BUF_INIT, want = BUF_INIT;
	struct digest d;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < 100; i++)
		buf_puts(&unit, i % 10 == 9 ? "\n" : "长");
	buf_puts(&want, "【提醒】");
	/* 60 characters: 54 "长" and 6 spaces where the LFs were. */
	for (i = 0; i < 60; i++)
		buf_puts(&want, i % 10 == 9 ? " " : "长");
	buf_puts(&want, "…：1 项事项（1 项即将到期）");
	d = digest_of(buf_str(&unit), 1);
	s = render_subject(&d);
	assert_string_equal(s, buf_str(&want));
	free(s);
	buf_free(&unit);
	buf_free(&want);
}

/* Split the mail's header section into lines; checks CRLF line ends. */
static size_t
header_lines(const char *mail, char ***out)
{
	const char *end = strstr(mail, "\r\n\r\n"), *p, *q;
	char **v = NULL;
	size_t n = 0, cap = 0;

	assert_non_null(end);
	for (p = mail; p < end + 2; p = q + 2) {
		q = strstr(p, "\r\n");
		assert_non_null(q);
		assert_null(memchr(p, '\n', (size_t)(q - p)));
		assert_null(memchr(p, '\r', (size_t)(q - p)));
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = xstrndup(p, (size_t)(q - p));
	}
	*out = v;
	return n;
}

/* Free header_lines' lines. */
static void
lines_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* Only the expected headers, each line a header or a continuation, and
 * every line of the whole mail ending in CRLF. */
static void
check_header_section(const char *mail)
{
	static const char *const names[] = {
		"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ",
		"Auto-Submitted: ", "MIME-Version: ", "Content-Type: ",
	};
	const char *p;
	char **v;
	size_t n, i, j, seen = 0;

	for (p = mail; (p = strchr(p, '\n')) != NULL; p++)
		assert_true(p > mail && p[-1] == '\r');
	n = header_lines(mail, &v);
	for (i = 0; i < n; i++) {
		if (v[i][0] == ' ')
			continue;
		for (j = 0; j < ARRAY_LEN(names); j++)
			if (strncmp(v[i], names[j], strlen(names[j])) == 0)
				break;
		if (j == ARRAY_LEN(names))
			print_error("unexpected header line: %s\n", v[i]);
		assert_true(j < ARRAY_LEN(names));
		assert_false(seen & 1U << j);
		seen |= 1U << j;
	}
	assert_int_equal(seen, (1U << ARRAY_LEN(names)) - 1);
	lines_free(v, n);
}

/* The mail of three hostile items, checked by tests/mail_check.py. */
static void
test_mail_python(void **state)
{
	struct digest d = digest_of("济南商标审协中心", 3);
	char path[64], *mail, *subject;
	int rc;

	(void)state;
	mail = render_mail(&d, "督办提醒 <reminder@example.org>",
	    "jn@example.org");
	subject = render_subject(&d);
	check_header_section(mail);
	assert_non_null(strstr(mail, "\r\nDate: Wed, 23 Jun 2021 10:00:00 "
	    "+0800\r\n"));
	/* The id has no "@": the From domain completes it. */
	assert_non_null(strstr(mail, "\r\nMessage-ID: "
	    "<ntc_20210623_0001@example.org>\r\n"));
	write_temp(path, sizeof(path), mail);
	{
		char *argv[] = {
			PYTHON, "tests/mail_check.py", path, subject,
			"--text", "【任务 18】加强商标审查 Bcc: evil@example.com",
			"--text", "措施：<script>alert(1)</script> & "
			    "审查\"质量\"'提升'\r\n"
			    "完成时限：6月底前（截止 2021-06-30）\r\n"
			    "阶段：即将到期，剩余 7 天\r\n角色：负责\r\n"
			    "确认链接：http://127.0.0.1:8470/ack/"
			    "0123456789abcdef0123456789abcdef\r\n",
			"--text", "完成时限：5月底前（截止 2021-05-31）\r\n"
			    "阶段：已逾期 23 天\r\n角色：牵头\r\n",
			"--text", "完成时限：每月\r\n阶段：请报送阶段进展\r\n"
			    "角色：配合\r\n",
			"--text", "济南商标审协中心",
			"--text", "计划：2021 年全省知识产权工作任务清单",
			"--html", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
			    "审查&quot;质量&quot;&#39;提升&#39;",
			"--html", "<a href=\"http://127.0.0.1:8470/ack/"
			    "fedcba9876543210fedcba9876543210\" ",
			"--html", "<b>任务 18：加强商标审查 Bcc: "
			    "evil@example.com</b>",
			"--html", "角色：牵头",
			"--html", "2021-06-30",
			"--not-html", "<script>",
			"--header", "From=督办提醒 <reminder@example.org>",
			"--header", "To=jn@example.org",
			"--header", "Date=Wed, 23 Jun 2021 10:00:00 +0800",
			NULL,
		};
		rc = run(argv, false);
	}
	unlink(path);
	if (rc != 0)
		print_error("mail_check.py exited %d on:\n%s\n", rc, mail);
	assert_int_equal(rc, 0);
	free(mail);
	free(subject);
}

/* The checker itself fails on a wrong expectation: the test above can
 * fail. */
static void
test_mail_python_can_fail(void **state)
{
	struct digest d = digest_of("济南商标审协中心", 1);
	char path[64], *mail;
	int rc;

	(void)state;
	mail = render_mail(&d, "reminder@example.org", "jn@example.org");
	write_temp(path, sizeof(path), mail);
	{
		char *argv[] = {
			PYTHON, "tests/mail_check.py", path, "另一个主题", NULL,
		};
		rc = run(argv, true);
	}
	unlink(path);
	assert_int_equal(rc, 1);
	free(mail);
}

/* Hostile unit, From and To: no header is injected, CR/LF are gone. */
static void
test_mail_injection(void **state)
{
	struct digest d = digest_of("A\r\nBcc: x@evil", 1);
	char path[64], *mail, *subject;
	int rc;

	(void)state;
	mail = render_mail(&d, "reminder@example.org\r\nBcc: a@evil",
	    "jn@example.org\nCc: b@evil");
	subject = render_subject(&d);
	check_header_section(mail);
	assert_null(strstr(mail, "\nBcc"));
	assert_null(strstr(mail, "\nCc"));
	write_temp(path, sizeof(path), mail);
	{
		char *argv[] = {
			PYTHON, "tests/mail_check.py", path, subject,
			"--text", "A Bcc: x@evil",
			NULL,
		};
		rc = run(argv, false);
	}
	unlink(path);
	assert_int_equal(rc, 0);
	free(mail);
	free(subject);
}

/* A long Chinese subject: several encoded-words, each at most 75
 * characters on lines of at most 76, each decoding to whole UTF-8
 * characters, together the subject; Python decodes the same. */
static void
test_mail_long_subject(void **state)
{
	struct buf unit = BUF_INIT, got = BUF_INIT, dec = BUF_INIT;
	struct digest d;
	char path[64], *mail, *subject, **v, *w, *e;
	size_t n, i, words = 0;
	bool in_subject = false;
	int rc;

	(void)state;
	/* 1-, 2-, 3- and 4-byte characters, so that splits land anywhere. */
	for (i = 0; i < 15; i++)
		buf_puts(&unit, "省知识产权事业a\xc3\xa9\xf0\x9f\x93\x85");
	d = digest_of(buf_str(&unit), 3);
	subject = render_subject(&d);
	mail = render_mail(&d, "reminder@example.org", "jn@example.org");
	n = header_lines(mail, &v);
	for (i = 0; i < n; i++) {
		if (strncmp(v[i], "Subject: ", 9) == 0)
			in_subject = true;
		else if (v[i][0] != ' ')
			in_subject = false;
		if (!in_subject)
			continue;
		assert_true(strlen(v[i]) <= 76);
		for (w = v[i]; (w = strstr(w, "=?UTF-8?B?")) != NULL; w = e + 2) {
			e = strstr(w + 10, "?=");
			assert_non_null(e);
			assert_true((size_t)(e + 2 - w) <= 75);
			*e = '\0';
			buf_reset(&dec);
			assert_true(base64_decode(w + 10, &dec));
			assert_true(utf8_valid(dec.s, dec.len, NULL));
			buf_add(&got, dec.s, dec.len);
			words++;
		}
	}
	assert_true(words > 3);
	assert_string_equal(buf_str(&got), subject);
	lines_free(v, n);

	write_temp(path, sizeof(path), mail);
	{
		char *argv[] = {
			PYTHON, "tests/mail_check.py", path, subject, NULL,
		};
		rc = run(argv, false);
	}
	unlink(path);
	assert_int_equal(rc, 0);
	free(mail);
	free(subject);
	buf_free(&unit);
	buf_free(&got);
	buf_free(&dec);
}

/* The same digest gives the same mail (the outbox may render again on
 * a retry): no hidden clock or randomness. */
static void
test_mail_stable(void **state)
{
	struct digest d = digest_of("济南商标审协中心", 3);
	char *a, *b;

	(void)state;
	a = render_mail(&d, "reminder@example.org", "jn@example.org");
	b = render_mail(&d, "reminder@example.org", "jn@example.org");
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "boundary=\"=_deadlined_"));
	free(a);
	free(b);
}

/* Parse FILE as JSON and compare it with the JSON in argv[2]: the same
 * values of the same types, object keys in the same order. */
static const char json_check[] =
    "import json, sys\n"
    "def same(a, b, at):\n"
    "    if type(a) is not type(b):\n"
    "        sys.exit('%s: %r is not %r' % (at, a, b))\n"
    "    if isinstance(a, dict):\n"
    "        if list(a) != list(b):\n"
    "            sys.exit('%s: keys %s, want %s' % (at, list(a), list(b)))\n"
    "        for k in a:\n"
    "            same(a[k], b[k], at + '.' + k)\n"
    "    elif isinstance(a, list):\n"
    "        if len(a) != len(b):\n"
    "            sys.exit('%s: %d items, want %d' % (at, len(a), len(b)))\n"
    "        for i, (x, y) in enumerate(zip(a, b)):\n"
    "            same(x, y, '%s[%d]' % (at, i))\n"
    "    elif a != b:\n"
    "        sys.exit('%s: %r, want %r' % (at, a, b))\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    got = json.load(f)\n"
    "same(got, json.loads(sys.argv[2]), '$')\n";

/* What render_json must give for digest_of("…", 3), to the type. */
static const char json_want[] =
    "{\"type\": \"deadline.notice\", \"id\": \"ntc_20210623_0001\","
    " \"unit\": \"济南商标审协中心\\r\\nX\","
    " \"generated_at\": \"2021-06-23T10:00:00+08:00\","
    " \"level\": \"urge\", \"level_label\": \"催办\", \"items\": ["
    "{\"measure_id\": 63, \"task_no\": 18,"
    " \"task\": \"加强商标审查\\r\\nBcc: evil@example.com\","
    " \"measure\": \"<script>alert(1)</script> & 审查\\\"质量\\\"'提升'\","
    " \"deadline_text\": \"6月底前\", \"due\": \"2021-06-30\","
    " \"days_left\": 7, \"role\": \"responsible\", \"stage\": \"lead\","
    " \"level\": \"remind\", \"level_label\": \"提醒\","
    " \"ack_url\": \"http://127.0.0.1:8470/ack/"
    "0123456789abcdef0123456789abcdef\"}, "
    "{\"measure_id\": 64, \"task_no\": 19, \"task\": \"知识产权保护\","
    " \"measure\": \"开展专项行动\", \"deadline_text\": \"5月底前\","
    " \"due\": \"2021-05-31\", \"days_left\": -23, \"role\": \"lead\","
    " \"stage\": \"overdue\", \"level\": \"urge\", \"level_label\": \"催办\","
    " \"ack_url\": \"http://127.0.0.1:8470/ack/"
    "fedcba9876543210fedcba9876543210\"}, "
    "{\"measure_id\": 70, \"task_no\": 20, \"task\": \"数据统计\","
    " \"measure\": \"按月报送统计数据\", \"deadline_text\": \"每月\","
    " \"due\": null, \"days_left\": 0, \"role\": \"support\","
    " \"stage\": \"checkin\", \"level\": \"remind\","
    " \"level_label\": \"提醒\", \"ack_url\": null}]}";

/* render_json parsed back by Python equals json_want exactly; a wrong
 * expectation makes the same check fail. */
static void
test_json(void **state)
{
	struct digest d = digest_of("济南商标审协中心\r\nX", 3);
	char path[64], *json, *code = xstrdup(json_check);
	char *bad = xstrdup(json_want);
	int rc, rc_bad;

	(void)state;
	json = render_json(&d);
	/* The generic webhook's shape, as the README writes it. */
	assert_true(strncmp(json, "{\"type\": \"deadline.notice\", \"id\": ",
	    34) == 0);
	write_temp(path, sizeof(path), json);
	/* A wrong expectation (days_left 8, not 7) must be noticed. */
	strstr(bad, "\"days_left\": 7")[13] = '8';
	{
		char *argv[] = {
			PYTHON, "-c", code, path, (char *)json_want, NULL,
		};
		char *argv_bad[] = { PYTHON, "-c", code, path, bad, NULL };

		rc = run(argv, false);
		rc_bad = run(argv_bad, true);
	}
	unlink(path);
	if (rc != 0)
		print_error("render_json gave:\n%s\n", json);
	assert_int_equal(rc, 0);
	assert_int_not_equal(rc_bad, 0);
	free(json);
	free(code);
	free(bad);
}

/* Invalid UTF-8 in a field still gives valid JSON (U+FFFD). */
static void
test_json_invalid_utf8(void **state)
{
	struct notice_item it = items[0];
	struct digest d = digest_of("bad\xff", 0);
	char *json;

	(void)state;
	it.task = "x\xc3";
	d.items = &it;
	d.nitems = 1;
	json = render_json(&d);
	assert_true(utf8_valid(json, strlen(json), NULL));
	assert_non_null(strstr(json, "\"unit\": \"bad\xef\xbf\xbd\""));
	assert_non_null(strstr(json, "\"task\": \"x\xef\xbf\xbd\""));
	free(json);
}

/* Check parts: each at most max bytes, valid UTF-8, starting with the
 * title and numbered when there are several. */
static void
check_parts(const struct digest *d, char **parts, size_t n, size_t max)
{
	char *subject = render_subject(d), num[64];
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(parts[i]) > max)
			print_error("part %zu: %zu bytes > %zu\n", i,
			    strlen(parts[i]), max);
		assert_true(strlen(parts[i]) <= max);
		assert_true(strlen(parts[i]) > 0);
		assert_true(utf8_valid(parts[i], strlen(parts[i]), NULL));
		assert_true(strncmp(parts[i], "### ", 4) == 0);
		assert_true(strncmp(parts[i] + 4, subject, strlen(subject))
		    == 0);
		if (n == 1)
			assert_true(strncmp(parts[i] + 4 + strlen(subject),
			    "\n\n", 2) == 0);
		else {
			snprintf(num, sizeof(num), "（第 %zu/%zu 部分）\n\n",
			    i + 1, n);
			assert_true(strncmp(parts[i] + 4 + strlen(subject),
			    num, strlen(num)) == 0);
		}
	}
	free(subject);
}

/* Free render_markdown's parts. */
static void
parts_free(char **parts, size_t n)
{
	while (n > 0)
		free(parts[--n]);
	free(parts);
}

/* A small digest is one part: title, then each item with its link. */
static void
test_markdown_one(void **state)
{
	struct digest d = digest_of("济南商标审协中心", 3);
	char **parts;
	size_t n;

	(void)state;
	n = render_markdown(&d, 4096, &parts);
	assert_int_equal(n, 1);
	check_parts(&d, parts, n, 4096);
	assert_non_null(strstr(parts[0], "**任务 18：加强商标审查 Bcc: "
	    "evil@example.com**\n"));
	assert_non_null(strstr(parts[0], "措施：开展专项行动\n"
	    "完成时限：5月底前（截止 2021-05-31）\n"
	    "阶段：已逾期 23 天｜角色：牵头\n"
	    "[确认收到](http://127.0.0.1:8470/ack/"
	    "fedcba9876543210fedcba9876543210)"));
	assert_non_null(strstr(parts[0], "完成时限：每月\n"
	    "阶段：请报送阶段进展｜角色：配合"));
	/* No line break inside a field: the hostile task is one line. */
	assert_null(strstr(parts[0], "\r"));
	parts_free(parts, n);
}

/* Many items, max 4096: several parts within the limit, numbered, each
 * item whole in exactly one part. */
static void
test_markdown_split(void **state)
{
	struct notice_item many[80];
	char urls[80][64], measure[80][400], **parts;
	struct digest d = digest_of("济南商标审协中心", 0);
	size_t n, i, j, found;
	int k;

	(void)state;
	for (i = 0; i < ARRAY_LEN(many); i++) {
		many[i] = items[i % 3];
		snprintf(urls[i], sizeof(urls[i]),
		    "http://127.0.0.1:8470/ack/item%03zu", i);
		many[i].ack_url = urls[i];
		/* A tag, then 20 to 119 "措" (3 bytes each): parts end at
		 * varied distances from the limit. */
		k = snprintf(measure[i], sizeof(measure[i]), "M%03zu:", i);
		for (j = 0; j < 20 + i * 37 % 100; j++)
			memcpy(measure[i] + k + 3 * j, "措", 3);
		measure[i][k + 3 * j] = '\0';
		many[i].measure = measure[i];
	}
	d.items = many;
	d.nitems = ARRAY_LEN(many);
	n = render_markdown(&d, 4096, &parts);
	assert_true(n >= 5);	/* 80 items of 170 to 470 bytes */
	check_parts(&d, parts, n, 4096);
	for (i = 0; i < ARRAY_LEN(many); i++) {
		for (found = j = 0; j < n; j++) {
			if (strstr(parts[j], urls[i]) != NULL) {
				found++;
				/* Whole: measure and link in the same part. */
				assert_non_null(strstr(parts[j], measure[i]));
			}
		}
		if (found != 1)
			print_error("item %zu in %zu parts\n", i, found);
		assert_int_equal(found, 1);
	}
	parts_free(parts, n);
}

/* One item far longer than max_bytes is cut on a character boundary,
 * keeping its link; tiny limits are never exceeded either. */
static void
test_markdown_huge_item(void **state)
{
	static const size_t maxes[] = { 4096, 1000, 333, 101, 40, 7, 3, 1 };
	struct notice_item it = items[0];
	struct digest d = digest_of("济南商标审协中心", 0);
	struct buf big = BUF_INIT;
	char **parts;
	size_t i, j, n;

	(void)state;
	for (i = 0; i < 7000; i++)
		buf_puts(&big, i % 7 == 0 ? "a" : i % 7 == 3 ?
		    "\xf0\x9f\x93\x85" : "长");	/* 1, 3 and 4 bytes */
	it.measure = buf_str(&big);
	d.items = &it;
	d.nitems = 1;
	for (i = 0; i < ARRAY_LEN(maxes); i++) {
		n = render_markdown(&d, maxes[i], &parts);
		assert_true(n >= 1);
		for (j = 0; j < n; j++) {
			assert_true(strlen(parts[j]) <= maxes[i]);
			assert_true(utf8_valid(parts[j], strlen(parts[j]),
			    NULL));
		}
		if (maxes[i] >= 333) {
			assert_int_equal(n, 1);
			check_parts(&d, parts, n, maxes[i]);
			assert_non_null(strstr(parts[0], "…\n[确认收到]("
			    "http://127.0.0.1:8470/ack/"
			    "0123456789abcdef0123456789abcdef)"));
		}
		parts_free(parts, n);
	}
	/* max_bytes 0: nothing at all. */
	n = render_markdown(&d, 0, &parts);
	assert_int_equal(n, 0);
	assert_null(parts);
	buf_free(&big);
}

/* The decoded text of every base64 part of mail m, concatenated. */
static char *
mail_parts_text(const char *m)
{
	static const char cte[] = "Content-Transfer-Encoding: base64\r\n\r\n";
	struct buf all = BUF_INIT, enc = BUF_INIT;
	const char *p = m, *end;

	while ((p = strstr(p, cte)) != NULL) {
		p += strlen(cte);
		end = strstr(p, "\r\n--");
		assert_non_null(end);
		buf_reset(&enc);
		for (; p < end; p++)
			if (*p != '\r' && *p != '\n')
				buf_putc(&enc, *p);
		assert_true(base64_decode(buf_str(&enc), &all));
	}
	buf_free(&enc);
	return buf_steal(&all);
}

/* An escalation names the silent unit in every format; other items do
 * not grow a silent_unit field. */
static void
test_escalation_about(void **state)
{
	struct notice_item it[2] = { items[0], items[0] };
	struct digest d = digest_of("知识产权运用促进处", 0);
	char *s, *text, **parts;
	size_t n;

	(void)state;
	it[1].stage = "escalation";
	it[1].ack_url = NULL;
	it[1].about = "知识产权保护处\r\nBcc: evil@example.com";
	d.items = it;
	d.nitems = 2;
	s = render_json(&d);
	assert_non_null(strstr(s, "\"silent_unit\": \"知识产权保护处\\r\\nBcc: "
	    "evil@example.com\"}]}"));
	/* Only the escalation has one. */
	assert_null(strstr(strstr(s, "silent_unit") + 1, "silent_unit"));
	free(s);
	d.items = &it[0];
	d.nitems = 1;
	s = render_json(&d);
	assert_null(strstr(s, "silent_unit"));
	free(s);
	d.items = it;
	d.nitems = 2;
	n = render_markdown(&d, 4096, &parts);
	assert_int_equal(n, 1);
	assert_non_null(strstr(parts[0], "｜未确认单位：知识产权保护处 Bcc: "));
	parts_free(parts, n);
	s = render_mail(&d, "r <r@example.org>", "yy@example.org");
	text = mail_parts_text(s);
	assert_non_null(strstr(text, "阶段：督办（尚未确认收到），剩余 7 天\r\n"
	    "角色：负责\r\n"
	    "未确认单位：知识产权保护处 Bcc: evil@example.com\r\n"));
	assert_non_null(strstr(text, "<br>未确认单位：知识产权保护处 Bcc: "));
	free(text);
	free(s);
}

/* Occurrences of needle in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* An ongoing item (全年, 长期), checked in before June's end. */
static struct notice_item
ongoing_item(const char *deadline, enum role role, const char *url)
{
	struct notice_item it = items[0];

	it.deadline_text = deadline;
	it.kind = DL_ONGOING;
	it.deadline_due = date_from_ymd(2021, 12, 31);
	it.stage = "checkin";
	it.role = role;
	it.ack_url = url;
	return it;
}

/* Check-ins of ongoing items say what they are in words, in every
 * format: the deadline is the year's end, the check-in asks for a
 * progress report by its day; what the items of a section share is said
 * once, in its heading; the most urgent section comes first. */
static void
test_checkin_words(void **state)
{
	struct notice_item it[4];
	struct digest d = digest_of("知识产权保护处", 0);
	char *mail, *text, **parts;
	const char *lead, *checkin;
	size_t n;

	(void)state;
	it[0] = ongoing_item("全年", ROLE_LEAD, "http://127.0.0.1:8470/ack/a1");
	it[1] = items[0];		/* a lead notice, due the same day */
	it[2] = ongoing_item("全年", ROLE_SUPPORT, "http://127.0.0.1:8470/ack/a2");
	it[3] = ongoing_item("长期", ROLE_RESPONSIBLE,
	    "http://127.0.0.1:8470/ack/a3");
	d.items = it;
	d.nitems = 4;
	mail = render_mail(&d, "r <r@example.org>", "bh@example.org");
	text = mail_parts_text(mail);
	lead = strstr(text, "■ 即将到期：1 项\r\n");
	checkin = strstr(text, "■ 需报送阶段进展：3 项\r\n"
	    "阶段：请于 6月30日前报送阶段进展（剩余 7 天）\r\n");
	assert_non_null(lead);
	assert_non_null(checkin);
	assert_true(lead < checkin);
	/* The state is the section's; the deadlines differ, so each item
	 * says its own. */
	assert_int_equal(count(text, "阶段：请于 6月30日前报送阶段进展"), 2);
	assert_int_equal(count(text, "完成时限：全年持续（年底 12月31日 截止）"
	    "\r\n角色："), 2);
	assert_int_equal(count(text, "完成时限：长期（全年持续，年底 12月31日 "
	    "截止）\r\n角色：负责"), 1);
	assert_int_equal(count(text, "<br>完成时限：全年持续（年底 12月31日 "
	    "截止）<br>角色："), 2);
	assert_non_null(strstr(text, "需报送阶段进展：3 项</b><br>阶段：请于 "
	    "6月30日前报送阶段进展（剩余 7 天）</td>"));
	assert_null(strstr(text, "定期进展"));
	assert_null(strstr(text, "全年（截止"));
	/* Both greetings and the HTML's title (the subject) count them in
	 * the same words. */
	assert_int_equal(count(text, "（1 项即将到期，3 项需报进展）"), 3);
	free(text);
	free(mail);

	n = render_markdown(&d, 4096, &parts);
	assert_int_equal(n, 1);
	assert_non_null(strstr(parts[0], "完成时限：全年持续（年底 12月31日 截止）\n"
	    "阶段：请于 6月30日前报送阶段进展（剩余 7 天）｜角色：牵头"));
	assert_null(strstr(parts[0], "定期进展"));
	parts_free(parts, n);

	/* Check-ins that share the unit's role as well: the heading says
	 * it, the items do not. */
	it[2].role = it[3].role = ROLE_LEAD;
	mail = render_mail(&d, "r <r@example.org>", "bh@example.org");
	text = mail_parts_text(mail);
	assert_non_null(strstr(text, "■ 需报送阶段进展：3 项\r\n阶段：请于 "
	    "6月30日前报送阶段进展（剩余 7 天）\r\n角色：牵头\r\n"));
	assert_non_null(strstr(text, "（剩余 7 天）<br>角色：牵头</td>"));
	assert_int_equal(count(text, "角色：牵头"), 2);
	assert_int_equal(count(text, "角色：负责"), 2);	/* the lead item */
	free(text);
	free(mail);

	/* Without check-ins (ongoing = "none"), an ongoing item is due at
	 * the year's end, and a deadline of another year names it. */
	it[0].stage = "lead";
	it[0].due = it[0].deadline_due = date_from_ymd(2022, 12, 31);
	d.nitems = 1;
	mail = render_mail(&d, "r <r@example.org>", "bh@example.org");
	text = mail_parts_text(mail);
	assert_non_null(strstr(text, "完成时限：全年持续（年底 2022年12月31日 "
	    "截止）\r\n阶段：即将到期，剩余 7 天\r\n"));
	free(text);
	free(mail);
}

/* Report requests and missing reports say by when, in every format,
 * under sections of their own: "behind" (督办) before the deadlines,
 * requests after them; each counted in the greeting's words. */
static void
test_report_words(void **state)
{
	struct notice_item it[3] = { items[0], items[0], items[0] };
	struct digest d = digest_of("知识产权保护处", 0);
	char *mail, *text, **parts;
	const char *behind, *lead, *report;
	size_t n;

	(void)state;
	it[0].stage = "report";
	it[0].report_by = date_from_ymd(2021, 6, 25);
	it[0].ack_url = "http://127.0.0.1:8470/ack/a1#progress";
	it[2].stage = "behind";
	it[2].report_by = date_from_ymd(2021, 5, 25);
	it[2].ack_url = "http://127.0.0.1:8470/ack/a2#progress";
	d.items = it;
	d.nitems = 3;
	mail = render_mail(&d, "r <r@example.org>", "bh@example.org");
	text = mail_parts_text(mail);
	behind = strstr(text, "■ 进展逾期未报：1 项\r\n");
	lead = strstr(text, "■ 即将到期：1 项\r\n");
	report = strstr(text, "■ 请报告进展：1 项\r\n");
	assert_non_null(behind);
	assert_non_null(lead);
	assert_non_null(report);
	assert_true(behind < lead && lead < report);
	assert_non_null(strstr(text, "阶段：请于6月25日前报告进展\r\n"));
	assert_non_null(strstr(text, "阶段：应于5月25日前报告进展，尚未报送，"
	    "请尽快报告\r\n"));
	assert_non_null(strstr(text, "http://127.0.0.1:8470/ack/a1#progress"));
	assert_int_equal(count(text, "（1 项进展未报，1 项即将到期，1 项待报进展）"),
	    3);
	free(text);
	free(mail);
	n = render_markdown(&d, 4096, &parts);
	assert_int_equal(n, 1);
	assert_non_null(strstr(parts[0], "请于6月25日前报告进展"));
	assert_non_null(strstr(parts[0], "(http://127.0.0.1:8470/ack/a2#progress)"));
	parts_free(parts, n);
}

/* Items of several plans: each task heading that starts another plan
 * names it; the greeting names none.  Items of one plan and task stand
 * under one heading. */
static void
test_mail_plans(void **state)
{
	struct notice_item it[3] = { items[0], items[0], items[0] };
	struct digest d = digest_of("知识产权保护处", 0);
	char *mail, *text;

	(void)state;
	it[1].measure = "第二项举措";
	it[2].plan_title = "2022 年工作要点";
	it[2].measure = "另一计划的举措";
	d.items = it;
	d.nitems = 3;
	mail = render_mail(&d, "r <r@example.org>", "bh@example.org");
	text = mail_parts_text(mail);
	assert_null(strstr(text, "。\r\n计划："));
	assert_non_null(strstr(text, "\r\n计划：2021 年全省知识产权工作任务清单\r\n\r\n"
	    "【任务 18】"));
	assert_non_null(strstr(text, "\r\n计划：2022 年工作要点\r\n\r\n【任务 18】"));
	assert_int_equal(count(text, "【任务 18】"), 2);
	assert_int_equal(count(text, "<b>任务 18："), 2);
	/* The two items of the first plan share their section's deadline
	 * and state with the third: said once, in the heading. */
	assert_int_equal(count(text, "完成时限：6月底前（截止 2021-06-30）"), 2);
	free(text);
	free(mail);

	it[2].plan_title = it[0].plan_title;
	mail = render_mail(&d, "r <r@example.org>", "bh@example.org");
	text = mail_parts_text(mail);
	assert_non_null(strstr(text, "。\r\n计划：2021 年全省知识产权工作任务清单\r\n"));
	assert_int_equal(count(text, "计划："), 2);	/* text and HTML */
	assert_int_equal(count(text, "【任务 18】"), 1);
	free(text);
	free(mail);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject),
		cmocka_unit_test(test_subject_long_unit),
		cmocka_unit_test(test_mail_python),
		cmocka_unit_test(test_mail_python_can_fail),
		cmocka_unit_test(test_mail_injection),
		cmocka_unit_test(test_mail_long_subject),
		cmocka_unit_test(test_mail_stable),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_markdown_one),
		cmocka_unit_test(test_markdown_split),
		cmocka_unit_test(test_markdown_huge_item),
		cmocka_unit_test(test_escalation_about),
		cmocka_unit_test(test_checkin_words),
		cmocka_unit_test(test_report_words),
		cmocka_unit_test(test_mail_plans),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
