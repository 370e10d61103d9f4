/*
 * Tests for render_failure, admin's notice of a message that failed for
 * good, in every form: the mail checked by tests/mail_check.py (headers,
 * subject, both parts naming the unit, channel, address, error,
 * attempts, times, items and the retry command), the generic webhook's
 * JSON parsed back by Python, and robots' markdown parts.  In none of
 * them an ack link (although the items handed in carry theirs) or a
 * robot's token.  Also render_mail_readdress, which a retry to a new
 * address uses.
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

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "deliver/render.h"
#include "base/util.h"
#include "checker.h"

#define PYTHON "/usr/bin/python3"
#define GENERATED 1624413600	/* 2021-06-23T10:00:00+08:00 (date -d) */
#define TOKEN "4f0c1e5ab7d24c3e9f6a8b2d71c05e93"
#define ACK "http://127.0.0.1:8470/ack/0123456789abcdef0123456789abcdef"

static struct notice_item items[40];

/* Two items, the first hostile, both with an ack link the notice must
 * not show; then 38 more for the markdown's parts. */
static int
setup(void **state)
{
	(void)state;
	memset(items, 0, sizeof(items));
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		items[i].measure_id = 63 + (int64_t)i;
		items[i].plan_title = "2021 年全省知识产权工作任务清单";
		items[i].year = 2021;
		items[i].task_no = 18 + (int)i;
		items[i].task = "推进知识产权公共服务便利化改革";
		items[i].measure = "深化知识产权领域“放管服”改革，完成专利、"
		    "商标服务窗口整合，打造“一窗通办”的知识产权综合服务。";
		items[i].deadline_text = "6月底前";
		items[i].due = date_from_ymd(2021, 6, 30);
		items[i].days_left = 7;
		items[i].role = ROLE_LEAD;
		items[i].stage = "lead";
		items[i].ack_url = ACK;
	}
	items[0].task = "加强商标审查\r\nBcc: evil@example.com";
	items[0].measure = "<script>alert(1)</script> & 审查";
	return clock_set_zone("Asia/Shanghai") ? 0 : -1;
}

/* A failure of message 17 to unit on channel ch at address. */
static struct failure
failure_of(const char *unit, enum channel_kind ch, const char *address,
    size_t n)
{
	return (struct failure){ "ntc_failure_0001", GENERATED, 17, unit, ch,
	    address, "smtp: 550 5.1.1 <sx@example.org>: User unknown", 3,
	    GENERATED - 86400, GENERATED - 86395, GENERATED - 5, items, n };
}

static void
test_subject(void **state)
{
	struct failure f = failure_of("济南商标审协中心", CHAN_EMAIL,
	    "sx@example.org", 2);
	char *s;

	(void)state;
	s = render_failure_subject(&f);
	assert_string_equal(s, "【投递失败】济南商标审协中心：邮件提醒未能送达"
	    "（2 项事项）");
	free(s);
	f.channel = CHAN_DINGTALK;
	f.unit = "A\r\nBcc: x@evil";
	f.nitems = 1;
	s = render_failure_subject(&f);
	assert_string_equal(s, "【投递失败】A Bcc: x@evil：钉钉机器人提醒未能"
	    "送达（1 项事项）");
	free(s);
}

/* The mail: every fact in both parts, the items escaped, no ack link. */
static void
test_mail(void **state)
{
	struct failure f = failure_of("济南商标审协中心", CHAN_EMAIL,
	    "sx@example.org", 2);
	char path[64], **parts, *subject = render_failure_subject(&f);
	size_t n;
	int rc;

	(void)state;
	n = render_failure_for_channel(&f, CHAN_EMAIL,
	    "督办提醒 <reminder@example.org>", "admin@example.org", &parts);
	assert_int_equal(n, 1);
	write_temp(path, sizeof(path), parts[0]);
	{
		char *argv[] = {
			PYTHON, "tests/mail_check.py", path, subject,
			"--text", "以下提醒未能送达，请核对地址后重发",
			"--text", "收件单位：济南商标审协中心\r\n",
			"--text", "投递渠道：邮件（email）\r\n",
			"--text", "投递地址：sx@example.org\r\n",
			"--text", "失败原因：smtp: 550 5.1.1 <sx@example.org>: "
			    "User unknown\r\n",
			"--text", "尝试次数：3 次\r\n",
			"--text", "首次尝试：2021-06-22 10:00:05\r\n",
			"--text", "最近尝试：2021-06-23 09:59:55\r\n",
			"--text", "消息编号：17\r\n",
			"--text", "    deadlinectl retry 17\r\n",
			"--text", "任务 18：加强商标审查 Bcc: evil@example.com",
			"--text", "任务 19：推进知识产权公共服务便利化改革",
			"--text", "完成时限：6月底前（截止 2021-06-30）",
			"--text", "计划：2021 年全省知识产权工作任务清单",
			"--not-text", "/ack/",
			"--not-text", "确认链接：",
			"--html", "<td>sx@example.org</td>",
			"--html", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 审查",
			"--html", "deadlinectl retry 17",
			"--not-html", "/ack/",
			"--not-html", "<script>",
			"--header", "To=admin@example.org",
			"--header", "Date=Wed, 23 Jun 2021 10:00:00 +0800",
			NULL,
		};
		rc = run(argv, false);
	}
	if (rc != 0)
		print_error("mail_check.py exited %d on:\n%s\n", rc, parts[0]);
	assert_int_equal(rc, 0);
	/* The check can fail: a string the text has is noticed. */
	{
		char *argv[] = {
			PYTHON, "tests/mail_check.py", path, subject,
			"--not-text", "消息编号", NULL,
		};
		assert_int_not_equal(run(argv, true), 0);
	}
	unlink(path);
	free(parts[0]);
	free(parts);
	free(subject);
}

static const char json_check[] =
"import json, sys\n"
"b = json.load(open(sys.argv[1]))\n"
"assert b['type'] == 'deadline.delivery_failed', b\n"
"assert b['message_id'] == 17 and b['attempts'] == 3, b\n"
"assert b['unit'] == '省知识产权事业发展中心' and b['channel'] == 'dingtalk', b\n"
"assert b['address'] == 'https://oapi.dingtalk.com/robot/send?access_token=***', b\n"
"assert b['last_error'].startswith('smtp: 550'), b\n"
"assert b['made_at'] == '2021-06-22T10:00:00+08:00', b\n"
"assert b['first_tried_at'] == '2021-06-22T10:00:05+08:00', b\n"
"assert b['last_tried_at'] == '2021-06-23T09:59:55+08:00', b\n"
"assert b['retry'] == 'deadlinectl retry 17', b\n"
"assert [i['measure_id'] for i in b['items']] == [63, 64], b\n"
"assert b['items'][1]['due'] == '2021-06-30' and b['items'][1]['role'] == 'lead', b\n"
"assert all('ack_url' not in i for i in b['items']), b\n";

/* The generic webhook's JSON: parsed back, every field; a robot's token
 * in the address masked, and no ack link. */
static void
test_json(void **state)
{
	struct failure f = failure_of("省知识产权事业发展中心", CHAN_DINGTALK,
	    "https://oapi.dingtalk.com/robot/send?access_token=" TOKEN, 2);
	char path[64], **parts;
	int rc;

	(void)state;
	assert_int_equal(render_failure_for_channel(&f, CHAN_GENERIC, NULL,
	    "undisclosed-recipients:;", &parts), 1);
	assert_null(strstr(parts[0], TOKEN));
	assert_null(strstr(parts[0], "/ack/"));
	write_temp(path, sizeof(path), parts[0]);
	{
		char *argv[] = { PYTHON, "-c", (char *)json_check, path, NULL };

		rc = run(argv, false);
	}
	unlink(path);
	if (rc != 0)
		print_error("render_failure gave:\n%s\n", parts[0]);
	assert_int_equal(rc, 0);
	free(parts[0]);
	free(parts);
}

/* A WeCom robot takes 4096 bytes: 40 items go in several parts, each
 * within the limit, the facts in the first, the retry command in the
 * last, every item once; no part has an ack link or the token. */
static void
test_markdown(void **state)
{
	struct failure f = failure_of("济南商标审协中心", CHAN_WECOM,
	    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" TOKEN,
	    ARRAY_LEN(items));
	char **parts, task[32];
	size_t n, i, k, seen;

	(void)state;
	n = render_failure_for_channel(&f, CHAN_WECOM, NULL, NULL, &parts);
	assert_true(n > 1);
	assert_non_null(strstr(parts[0], "投递地址：https://qyapi.weixin.qq.com/"
	    "cgi-bin/webhook/send?key=***"));
	assert_non_null(strstr(parts[0], "失败原因：smtp: 550"));
	assert_non_null(strstr(parts[0], "尝试次数：3 次"));
	assert_non_null(strstr(parts[n - 1], "`deadlinectl retry 17`"));
	for (i = 0; i < n; i++) {
		assert_true(strlen(parts[i]) <= 4096);
		assert_null(strstr(parts[i], "/ack/"));
		assert_null(strstr(parts[i], TOKEN));
	}
	for (k = 0; k < ARRAY_LEN(items); k++) {
		snprintf(task, sizeof(task), "**任务 %d：", items[k].task_no);
		for (seen = 0, i = 0; i < n; i++)
			seen += strstr(parts[i], task) != NULL;
		assert_int_equal(seen, 1);
	}
	for (i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

/* A retry to a new address: only the To field changes, a folded one
 * too; a text without one gives NULL. */
static void
test_readdress(void **state)
{
	struct failure f = failure_of("济南商标审协中心", CHAN_EMAIL,
	    "sx@example.org", 1);
	const char *folded = "From: a@example.org\r\nTo: \"x\" <old@example.org>,"
	    "\r\n y@example.org\r\nSubject: s\r\n\r\nTo: body@example.org\r\n";
	char **parts, *mail, *body_old, *body_new;

	(void)state;
	assert_int_equal(render_failure_for_channel(&f, CHAN_EMAIL, NULL,
	    "old@example.org", &parts), 1);
	mail = render_mail_readdress(parts[0], "new@example.org");
	assert_non_null(mail);
	assert_non_null(strstr(mail, "\r\nTo: new@example.org\r\nSubject: "));
	assert_null(strstr(mail, "old@example.org"));
	body_old = strstr(parts[0], "\r\nSubject: ");
	body_new = strstr(mail, "\r\nSubject: ");
	assert_string_equal(body_old, body_new);
	free(mail);

	mail = render_mail_readdress(folded, "new@example.org");
	assert_string_equal(mail, "From: a@example.org\r\nTo: new@example.org"
	    "\r\nSubject: s\r\n\r\nTo: body@example.org\r\n");
	free(mail);
	assert_null(render_mail_readdress("Subject: s\r\n\r\nTo: b\r\n", "n@x"));
	free(parts[0]);
	free(parts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject),
		cmocka_unit_test(test_mail),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_readdress),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
