/*
 * Tests for the periodic reports (情况通报): reading reports = ( ... )
 * (its keys, `to` in admin's shapes, each refusal at its FILE:LINE with
 * exit 78), and their slots with `now` pinned (engine/schedule.c): a
 * weekday's and a day of the month's, a month's last day, a weekend slot,
 * a holiday Friday moved to the next working day, a make-up working day
 * (调休) taking a Sunday's slot on the day, the National Day week's
 * Friday merged into the next one, and the next slot's time.  The 2021
 * calendar of tests/data; tests run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/util.h"
#include "base/buf.h"
#include "conf/config.h"
#include "conf/describe.h"
#include "conf/load.h"
#include "deliver/render.h"
#include "engine/schedule.h"
#include "testdir.h"
#include "conf_fixture.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	testdir_make(f->dir, sizeof(f->dir), "test_reports");
	snprintf(f->path, sizeof(f->path), "%s/deadlined.conf", f->dir);
	*state = f;
	assert_true(clock_set_zone("Asia/Shanghai"));
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	testdir_remove(f->dir);
	free(f);
	return 0;
}

/* The fixture's config: the 2021 calendar and text. */
static void
write_conf(const struct fixture *f, const char *text)
{
	char cwd[512];

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	conf_write(f->path, "schedule = { calendar = [ \"%s/tests/data/"
	    "holidays-2021.conf\" ]; };\n%s", cwd, text);
}

static struct config *
load_ok(const struct fixture *f)
{
	return conf_load_ok(f->path);
}

/* config_describe's text. */
static char *
describe(const struct config *c)
{
	struct buf b = BUF_INIT;

	config_describe(c, &b);
	return buf_steal(&b);
}

/* The config fails at line (the calendar's is line 1) saying word. */
static void
fails_at(const struct fixture *f, int line, const char *word)
{
	struct config *c = NULL;
	struct error err;
	char prefix[192];

	memset(&err, 0, sizeof(err));
	assert_int_equal(config_load(f->path, &c, &err), EXIT_CONFIG);
	assert_null(c);
	snprintf(prefix, sizeof(prefix), "%s:%d: ", f->path, line);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0 ||
	    strstr(err.msg, word) == NULL)
		print_error("got \"%s\", want \"%s...%s\"\n", err.msg, prefix,
		    word);
	assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
	assert_non_null(strstr(err.msg, word));
}

static void
test_parse(void **state)
{
	struct fixture *f = *state;
	struct config *c;
	char *d;

	write_conf(f, "reports = (\n"
	    "  { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
	    "    to = { maildir = \"/tmp/sup\"; }; },\n"
	    "  { name = \"月报\"; every = \"month\"; day = \"last\"; at = \"09:30\";\n"
	    "    plans = [ 2, 5 ];\n"
	    "    to = { webhook = ( { type = \"wecom\";\n"
	    "      url = \"https://qyapi.weixin.qq.com/x?key=k\"; } ); }; } );\n");
	c = load_ok(f);
	assert_int_equal(c->nreports, 2);
	assert_string_equal(c->reports[0].name, "week");
	assert_int_equal(c->reports[0].every, PERIOD_WEEK);
	assert_int_equal(c->reports[0].day, 5);
	assert_int_equal(c->reports[0].at, 16 * 60);
	assert_string_equal(c->reports[0].to.maildir, "/tmp/sup");
	assert_int_equal(c->reports[0].nplans, 0);
	assert_string_equal(c->reports[1].name, "月报");
	assert_int_equal(c->reports[1].every, PERIOD_MONTH);
	assert_int_equal(c->reports[1].day, REPORT_LAST_DAY);
	assert_int_equal(c->reports[1].at, 9 * 60 + 30);
	assert_int_equal(c->reports[1].nplans, 2);
	assert_int_equal(c->reports[1].plans[1], 5);
	assert_int_equal(c->reports[1].to.nwebhooks, 1);
	/* Written back as read, the robot's key masked. */
	d = describe(c);
	assert_non_null(strstr(d, "\nreports = (  # 2\n  { name = \"week\"; "
	    "every = \"week\"; day = \"fri\"; at = \"16:00\"; to = { "));
	assert_non_null(strstr(d, "every = \"month\"; day = \"last\"; at = "
	    "\"09:30\"; plans = [ 2, 5 ]; to = { webhook = ( { type = "
	    "\"wecom\"; url = \"https://qyapi.weixin.qq.com/x?key=***\""));
	assert_null(strstr(d, "key=k\""));
	free(d);
	config_free(c);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *text;
		int line;
		const char *word;
	} cases[] = {
		{ "reports = { every = \"week\"; };\n", 2, "reports: expected" },
		{ "reports = ( { every = \"day\"; day = 1; at = \"16:00\";\n"
		  "  to = { maildir = \"m\"; }; } );\n", 2, "reports[0].every" },
		{ "reports = ( { day = 1; at = \"16:00\"; } );\n", 2,
		  "every missing" },
		{ "reports = ( { every = \"week\";\n  day = \"friday\";\n"
		  "  at = \"16:00\"; to = { maildir = \"m\"; }; } );\n", 3,
		  "\"mon\" to \"sun\"" },
		{ "reports = ( { every = \"week\"; day = 5; at = \"16:00\";\n"
		  "  to = { maildir = \"m\"; }; } );\n", 2, "weekday" },
		{ "reports = ( { every = \"month\";\n  day = 32; at = \"16:00\";\n"
		  "  to = { maildir = \"m\"; }; } );\n", 3, "out of range 1..31" },
		{ "reports = ( { every = \"month\"; day = \"first\"; at = \"1:00\";\n"
		  "  to = { maildir = \"m\"; }; } );\n", 2, "\"last\"" },
		{ "reports = ( { every = \"week\"; day = \"fri\";\n"
		  "  at = \"24:00\"; to = { maildir = \"m\"; }; } );\n", 3,
		  "reports[0].at: invalid time \"24:00\"" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\"; } );\n",
		  2, "to missing" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "  to = { }; } );\n", 3, "no email, webhook or maildir" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "  to = { name = \"x\"; maildir = \"m\"; }; } );\n", 3,
		  "unknown setting \"name\" in reports[0].to" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "  to = { webhook = ( { type = \"slack\"; url = \"http://h\"; } ); }; } );\n",
		  3, "reports[0].to.webhook[0].type: unknown webhook type" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "  to = { email = \"a@example.org\"; }; } );\n", 3,
		  "smtp.url is not set" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "  plans = [ \"2021\" ]; to = { maildir = \"m\"; }; } );\n", 3,
		  "plan ids" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "  when = 1; to = { maildir = \"m\"; }; } );\n", 3,
		  "unknown setting \"when\"" },
		{ "reports = ( { every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
		  "    to = { maildir = \"m\"; }; },\n"
		  "  { every = \"week\"; day = \"mon\"; at = \"09:00\";\n"
		  "    to = { maildir = \"m\"; }; } );\n", 4,
		  "a second report \"week\" (line 2)" },
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# case %zu\n", i);
		write_conf(f, cases[i].text);
		fails_at(f, cases[i].line, cases[i].word);
	}
}

/* The slot of c's first report at local time "YYYY-MM-DDTHH:MM": its
 * nominal day and time as "YYYY-MM-DD@YYYY-MM-DD HH:MM", or "none". */
static const char *
slot_at(const struct config *c, size_t k, const char *when)
{
	static char out[64];
	char iso[40], d1[11], d2[11];
	time_t now, at;
	int slot;

	snprintf(iso, sizeof(iso), "%s:00+08:00", when);
	assert_true(clock_parse(iso, &now));
	if (!schedule_report_slot(c, &c->reports[k], now, &slot, &at))
		return "none";
	date_format(slot, d1);
	date_format(clock_local_day(at), d2);
	snprintf(out, sizeof(out), "%s@%s %02d:%02d", d1, d2,
	    (int)((at - clock_local_time(clock_local_day(at), 0, 0)) / 3600),
	    (int)((at - clock_local_time(clock_local_day(at), 0, 0)) / 60 % 60));
	return out;
}

/* When the next slot after local time `when` goes out. */
static const char *
next_at(const struct config *c, size_t k, const char *when)
{
	static char out[40];
	char iso[40];
	time_t now, t;

	snprintf(iso, sizeof(iso), "%s:00+08:00", when);
	assert_true(clock_parse(iso, &now));
	t = schedule_report_next(c, &c->reports[k], now);
	clock_format(t, out, sizeof(out));
	return out;
}

static void
test_slots(void **state)
{
	struct fixture *f = *state;
	struct config *c;

	write_conf(f, "reports = (\n"
	    "  { name = \"fri\"; every = \"week\"; day = \"fri\"; at = \"16:00\";\n"
	    "    to = { maildir = \"m\"; }; },\n"
	    "  { name = \"sun\"; every = \"week\"; day = \"sun\"; at = \"10:00\";\n"
	    "    to = { maildir = \"m\"; }; },\n"
	    "  { name = \"m31\"; every = \"month\"; day = 31; at = \"09:00\";\n"
	    "    to = { maildir = \"m\"; }; } );\n");
	c = load_ok(f);

	/* An ordinary Friday: not before 16:00, then that Friday's. */
	assert_string_equal(slot_at(c, 0, "2021-03-12T15:59"),
	    "2021-03-05@2021-03-05 16:00");
	assert_string_equal(slot_at(c, 0, "2021-03-12T16:00"),
	    "2021-03-12@2021-03-12 16:00");
	/* Over the weekend it stays Friday's. */
	assert_string_equal(slot_at(c, 0, "2021-03-14T12:00"),
	    "2021-03-12@2021-03-12 16:00");
	/* 2021-01-01, a Friday holiday (元旦, to 01-03): Monday 01-04. */
	assert_string_equal(slot_at(c, 0, "2021-01-01T16:00"),
	    "2020-12-25@2020-12-25 16:00");
	assert_string_equal(slot_at(c, 0, "2021-01-04T15:59"),
	    "2020-12-25@2020-12-25 16:00");
	assert_string_equal(slot_at(c, 0, "2021-01-04T16:00"),
	    "2021-01-01@2021-01-04 16:00");
	/* National Day: 10-01 moves onto 10-08, that week's own slot: the
	 * later is made, 10-01's merged into it. */
	assert_string_equal(slot_at(c, 0, "2021-10-08T15:59"),
	    "2021-09-24@2021-09-24 16:00");
	assert_string_equal(slot_at(c, 0, "2021-10-08T16:00"),
	    "2021-10-08@2021-10-08 16:00");
	assert_string_equal(next_at(c, 0, "2021-09-30T12:00"),
	    "2021-10-08T16:00:00+08:00");
	assert_string_equal(next_at(c, 0, "2021-01-01T17:00"),
	    "2021-01-04T16:00:00+08:00");

	/* A Sunday report: a weekend day goes to Monday, but 2021-09-26, a
	 * make-up working day (调休), takes it on the day. */
	assert_string_equal(slot_at(c, 1, "2021-09-26T10:00"),
	    "2021-09-26@2021-09-26 10:00");
	assert_string_equal(slot_at(c, 1, "2021-09-19T10:00"),
	    "2021-09-12@2021-09-13 10:00");
	/* 09-19 is in the Mid-Autumn holiday (09-19..21): Wednesday 09-22. */
	assert_string_equal(slot_at(c, 1, "2021-09-22T10:00"),
	    "2021-09-19@2021-09-22 10:00");
	/* 10-10, a Sunday after the 10-09 make-up Saturday: Monday 10-11. */
	assert_string_equal(next_at(c, 1, "2021-10-09T12:00"),
	    "2021-10-11T10:00:00+08:00");

	/* Day 31: a month's last day; 2021-02-28 is a Sunday: 03-01;
	 * 04-30 is a working Friday before the May Day holiday, and 05-31
	 * the next. */
	assert_string_equal(slot_at(c, 2, "2021-03-01T09:00"),
	    "2021-02-28@2021-03-01 09:00");
	assert_string_equal(slot_at(c, 2, "2021-04-30T09:00"),
	    "2021-04-30@2021-04-30 09:00");
	assert_string_equal(next_at(c, 2, "2021-04-30T09:00"),
	    "2021-05-31T09:00:00+08:00");
	config_free(c);
}

/* The report as a mail: multipart/mixed around the alternative, the
 * workbook base64 and named 台账-DATE.xlsx in RFC 2047 and RFC 2231
 * form; as a robot's message: cut to the channel's size. */
static void
test_document(void **state)
{
	static const char data[] = "PK\x03\x04 a workbook";
	struct mail_file file = { "台账-2021-10-08.xlsx", "application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet", data,
	    sizeof(data) - 1 };
	struct document d = { "r1@example.org", 1633680000, "【情况通报】截至 "
	    "2021-10-08", "text", "<p>html</p>", "### md", &file };
	const char *mixed, *alt, *text, *att, *end, *p;
	struct buf big = BUF_INIT;
	char **parts;
	size_t n, i;

	(void)state;
	n = render_document_for_channel(&d, CHAN_EMAIL, NULL, "a@example.org",
	    &parts);
	assert_int_equal(n, 1);
	mixed = strstr(parts[0], "Content-Type: multipart/mixed;");
	alt = strstr(parts[0], "Content-Type: multipart/alternative;");
	text = strstr(parts[0], "Content-Type: text/html; charset=UTF-8");
	att = strstr(parts[0], "Content-Disposition: attachment;\r\n"
	    " filename=\"=?UTF-8?B?5Y+w6LSmLTIwMjEtMTAtMDgueGxzeA==?=\";\r\n"
	    " filename*=UTF-8''%E5%8F%B0%E8%B4%A6-2021-10-08.xlsx\r\n");
	assert_non_null(mixed);
	assert_non_null(alt);
	assert_non_null(text);
	assert_non_null(att);
	assert_true(mixed < alt && alt < text && text < att);
	/* The file's bytes, base64, and the outer boundary closed last. */
	assert_non_null(strstr(att, "UEsDBCBhIHdvcmtib29r\r\n"));
	end = strstr(parts[0], "_mixed--\r\n");
	assert_non_null(end);
	assert_string_equal(end + strlen("_mixed--\r\n"), "");
	free(parts[0]);
	free(parts);

	/* No file: no multipart/mixed. */
	d.file = NULL;
	n = render_document_for_channel(&d, CHAN_MAILDIR, NULL, "a@example.org",
	    &parts);
	assert_null(strstr(parts[0], "multipart/mixed"));
	assert_null(strstr(parts[0], "Content-Disposition"));
	free(parts[0]);
	free(parts);

	/* A WeCom robot takes 4096 bytes: a longer summary is cut, whole
	 * characters kept. */
	buf_puts(&big, "### 情况通报\n\n[下载台账（Excel）](https://x/ledger.xlsx)\n");
	for (i = 0; i < 400; i++)
		buf_puts(&big, "- 各市市场监督管理局：80%\n");
	d.markdown = buf_str(&big);
	n = render_document_for_channel(&d, CHAN_WECOM, NULL, NULL, &parts);
	assert_int_equal(n, 1);
	assert_true(strlen(parts[0]) <= 4096);
	assert_non_null(strstr(parts[0], "(https://x/ledger.xlsx)"));
	assert_non_null(p = strstr(parts[0], "……"));
	free(parts[0]);
	free(parts);
	buf_free(&big);
}

/* Admin's notice of a report's message that failed for good: the
 * report's words, no items, the token masked (the generic webhook's
 * JSON and a robot's markdown; tests/e2e/report.sh reads the mail). */
static void
test_failure(void **state)
{
	struct failure f = { "f1@example.org", 1633680000, 42, "weekly",
	    CHAN_DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token="
	    "s3cr3t", "dingtalk: errcode 310000", 1, 1633680000, 1633680001,
	    1633680001, NULL, 0 };
	enum channel_kind kinds[] = { CHAN_GENERIC, CHAN_WECOM };
	char *subject = render_failure_subject(&f), **parts;
	size_t k, n, i;

	(void)state;
	assert_string_equal(subject, "【投递失败】weekly：钉钉机器人情况通报未能送达");
	free(subject);
	for (k = 0; k < ARRAY_LEN(kinds); k++) {
		n = render_failure_for_channel(&f, kinds[k], NULL,
		    "admin@example.org", &parts);
		assert_int_equal(n, 1);
		assert_null(strstr(parts[0], "s3cr3t"));
		assert_null(strstr(parts[0], "所含事项"));
		assert_non_null(strstr(parts[0], "deadlinectl retry 42"));
		if (kinds[k] == CHAN_GENERIC)
			assert_non_null(strstr(parts[0], "\"items\": []"));
		if (kinds[k] == CHAN_WECOM)
			assert_non_null(strstr(parts[0], "情况通报：weekly"));
		for (i = 0; i < n; i++)
			free(parts[i]);
		free(parts);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slots, setup, teardown),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
