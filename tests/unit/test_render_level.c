/*
 * Tests for the three levels of a notice (提醒, 督办, 催办): each stage's
 * level, a digest's (its most urgent item's), and where each channel
 * shows it: the mail's subject, the first line of its text part and the
 * band of its HTML part (checked by tests/mail_check.py, Python's email
 * package), the generic webhook's level fields, and the robots' JSON
 * (parsed by Python's json): DingTalk's ActionCard and its buttons,
 * Feishu's card header template, WeCom's font colour.
 *
 * Tests run from the repository root: tests/mail_check.py is found there.
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
#include "deliver/render.h"
#include "plan/notice.h"
#include "checker.h"

#define PYTHON "/usr/bin/python3"
#define ACK "http://127.0.0.1:8470/ack/0123456789abcdef0123456789abcdef"
#define REVIEW "http://127.0.0.1:8470/review/0123456789abcdef0123456789abcdef"

/* An item of stage stage, with an ack link unless an escalation's. */
static struct notice_item
item(const char *stage)
{
	struct notice_item it;

	memset(&it, 0, sizeof(it));
	it.measure_id = 63;
	it.plan_title = "2021 年全省知识产权工作任务清单";
	it.year = 2021;
	it.task_no = 18;
	it.task = "加强商标审查";
	it.measure = "提升审查质量";
	it.deadline_text = "6月底前";
	it.due = date_from_ymd(2021, 6, 30);
	it.days_left = strcmp(stage, "overdue") == 0 ? -3 : 7;
	it.role = ROLE_RESPONSIBLE;
	it.stage = stage;
	it.ack_url = strcmp(stage, "escalation") == 0 ? NULL : ACK;
	it.about = strcmp(stage, "escalation") == 0 ? "知识产权保护处" : NULL;
	it.kind = DL_DATE;
	it.deadline_due = it.due;
	return it;
}

static struct digest
digest(const struct notice_item *it, size_t n)
{
	return (struct digest){ "济南商标审协中心", "ntc_1", 1624413600, it,
	    n };
}

static int
setup(void **state)
{
	(void)state;
	return clock_set_zone("Asia/Shanghai") ? 0 : -1;
}

/* Each stage's level, by its name as the outbox stores it. */
static void
test_stage_level(void **state)
{
	static const struct {
		const char *stage;
		enum level level;
		const char *name, *label;
	} want[] = {
		{ "lead", LEVEL_REMIND, "remind", "提醒" },
		{ "due", LEVEL_REMIND, "remind", "提醒" },
		{ "checkin", LEVEL_REMIND, "remind", "提醒" },
		{ "escalation", LEVEL_PRESS, "press", "督办" },
		{ "overdue", LEVEL_URGE, "urge", "催办" },
	};
	struct notice_item it;
	enum stage s;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(want); i++) {
		assert_true(stage_from_name(want[i].stage, &s));
		assert_int_equal(stage_level(s), want[i].level);
		assert_string_equal(level_name(stage_level(s)), want[i].name);
		assert_string_equal(level_label(stage_level(s)), want[i].label);
		it = item(want[i].stage);
		assert_int_equal(item_level(&it), want[i].level);
	}
	/* A stage this version does not know reminds, no more. */
	it = item("lead");
	it.stage = "no-such-stage";
	assert_int_equal(item_level(&it), LEVEL_REMIND);
}

/* A digest's level is its most urgent item's, whatever the order. */
static void
test_digest_level(void **state)
{
	struct notice_item it[3] = { item("lead"), item("escalation"),
	    item("overdue") };
	struct notice_item rev[3] = { it[2], it[1], it[0] };
	struct digest d;
	char *s;

	(void)state;
	d = digest(it, 0);
	assert_int_equal(digest_level(&d), LEVEL_REMIND);
	d = digest(it, 1);
	assert_int_equal(digest_level(&d), LEVEL_REMIND);
	d = digest(it, 2);
	assert_int_equal(digest_level(&d), LEVEL_PRESS);
	s = render_subject(&d);
	assert_string_equal(s, "【督办】济南商标审协中心：2 项事项"
	    "（1 项未确认收到，1 项即将到期）");
	free(s);
	d = digest(it, 3);
	assert_int_equal(digest_level(&d), LEVEL_URGE);
	d = digest(rev, 3);
	assert_int_equal(digest_level(&d), LEVEL_URGE);
	s = render_subject(&d);
	assert_string_equal(s, "【催办】济南商标审协中心：3 项事项"
	    "（1 项逾期，1 项未确认收到，1 项即将到期）");
	free(s);
	d = digest(&rev[1], 2);
	assert_int_equal(digest_level(&d), LEVEL_PRESS);
}

/* The mail of d checked by tests/mail_check.py with args; its exit
 * status. */
static int
mail_check(const struct digest *d, char **args, size_t nargs, bool quiet)
{
	char path[64], *mail, *argv[24];
	size_t k = 0, i;
	int rc;

	mail = render_mail(d, "r <r@example.org>", "sx@example.org");
	write_temp(path, sizeof(path), mail);
	argv[k++] = PYTHON;
	argv[k++] = "tests/mail_check.py";
	argv[k++] = path;
	for (i = 0; i < nargs && k + 1 < ARRAY_LEN(argv); i++)
		argv[k++] = args[i];
	argv[k] = NULL;
	rc = run(argv, quiet);
	unlink(path);
	free(mail);
	return rc;
}

/* The mail says its level first: subject, the text part's first line,
 * the HTML part's band in the level's colour (and its name in words). */
static void
test_mail_level(void **state)
{
	static const struct {
		const char *stage, *subject, *text, *band;
	} want[] = {
		{ "lead", "【提醒】济南商标审协中心：1 项事项（1 项即将到期）",
		  "【提醒】济南商标审协中心：\r\n", "<td bgcolor=\"#1565c0\" "
		  "style=\"color:#ffffff;font-size:17px\"><b>【提醒】督办等级："
		  "提醒（蓝色）</b></td>" },
		{ "escalation", "【督办】济南商标审协中心：1 项事项（1 项未确认收到）",
		  "【督办】济南商标审协中心：\r\n", "<td bgcolor=\"#f9a825\" "
		  "style=\"color:#1f2329;font-size:17px\"><b>【督办】督办等级："
		  "督办（黄色）</b></td>" },
		{ "overdue", "【催办】济南商标审协中心：1 项事项（1 项逾期）",
		  "【催办】济南商标审协中心：\r\n", "<td bgcolor=\"#c62828\" "
		  "style=\"color:#ffffff;font-size:17px\"><b>【催办】督办等级："
		  "催办（红色）</b></td>" },
	};
	struct notice_item it;
	struct digest d;
	char text[128];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(want); i++) {
		char *args[] = { (char *)want[i].subject, "--text", text,
		    "--html", (char *)want[i].band };
		char *wrong[] = { (char *)want[(i + 1) % 3].subject };

		it = item(want[i].stage);
		d = digest(&it, 1);
		/* The text part opens with it: nothing before. */
		snprintf(text, sizeof(text), "%s", want[i].text);
		assert_int_equal(mail_check(&d, args, ARRAY_LEN(args), false),
		    0);
		/* Another level's subject is told apart. */
		assert_int_not_equal(mail_check(&d, wrong, 1, true), 0);
	}
}

/* Python's check that the JSON in the file argv[1] makes every
 * expression argv[2..] over it (m) true. */
static const char json_check[] =
    "import json, sys\n"
    "m = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "for e in sys.argv[2:]:\n"
    "    if not eval(e):\n"
    "        sys.exit('not %s: %r' % (e, m))\n";

/* Whether every expression of want holds over json (0: they do). */
static int
json_holds(const char *json, const char *const *want, size_t n, bool quiet)
{
	char path[64], *argv[16];
	size_t k = 0, i;
	int rc;

	write_temp(path, sizeof(path), json);
	argv[k++] = PYTHON;
	argv[k++] = "-c";
	argv[k++] = (char *)json_check;
	argv[k++] = path;
	for (i = 0; i < n && k + 1 < ARRAY_LEN(argv); i++)
		argv[k++] = (char *)want[i];
	argv[k] = NULL;
	rc = run(argv, quiet);
	unlink(path);
	return rc;
}

/* The one message d makes for channel kind (asserted one). */
static char *
one_message(const struct digest *d, enum channel_kind kind)
{
	char **parts, *s;

	assert_int_equal(render_for_channel(d, kind, NULL, "a@example.org",
	    &parts), 1);
	s = parts[0];
	free(parts);
	return s;
}

/* The generic webhook's level and level_label, the message's and each
 * item's. */
static void
test_generic_level(void **state)
{
	static const char *const want[] = {
		"m['level'] == 'urge' and m['level_label'] == '催办'",
		"[i['level'] for i in m['items']] == "
		    "['remind', 'press', 'urge']",
		"[i['level_label'] for i in m['items']] == "
		    "['提醒', '督办', '催办']",
		"list(m)[:6] == ['type', 'id', 'unit', 'generated_at', "
		    "'level', 'level_label']",
	};
	static const char *const wrong[] = { "m['level'] == 'press'" };
	struct notice_item it[3] = { item("lead"), item("escalation"),
	    item("overdue") };
	struct digest d = digest(it, 3);
	char *s = one_message(&d, CHAN_GENERIC);

	(void)state;
	assert_int_equal(json_holds(s, want, ARRAY_LEN(want), false), 0);
	assert_int_not_equal(json_holds(s, wrong, 1, true), 0);
	free(s);
}

/* DingTalk: one item with a link is an ActionCard whose buttons open
 * the ack page, its progress and its extension form; the label starts
 * the title and the text, in the level's colour there. */
static void
test_dingtalk_card(void **state)
{
	static const char *const want[] = {
		"m['msgtype'] == 'actionCard'",
		"m['actionCard']['title'].startswith('【催办】济南商标审协中心')",
		"m['actionCard']['text'].startswith("
		    "'### <font color=#c62828>【催办】</font>济南商标审协中心：')",
		"m['actionCard']['btnOrientation'] == '1'",
		"[(b['title'], b['actionURL']) for b in m['actionCard']['btns']]"
		    " == [('签收', '" ACK "'), ('报告进展', '" ACK "#progress'),"
		    " ('申请延期', '" ACK "#extend')]",
		/* The buttons carry the link: the text does not. */
		"'/ack/' not in m['actionCard']['text']",
		"'提升审查质量' in m['actionCard']['text']",
	};
	static const char *const wrong[] = { "m['msgtype'] == 'markdown'" };
	struct notice_item it = item("overdue");
	struct digest d = digest(&it, 1);
	char *s = one_message(&d, CHAN_DINGTALK);

	(void)state;
	assert_int_equal(json_holds(s, want, ARRAY_LEN(want), false), 0);
	assert_int_not_equal(json_holds(s, wrong, 1, true), 0);
	free(s);
}

/* DingTalk, several items or none with a link: markdown, each item's
 * link in the text. */
static void
test_dingtalk_markdown(void **state)
{
	static const char *const many[] = {
		"m['msgtype'] == 'markdown'",
		"m['markdown']['title'].startswith('【提醒】')",
		"m['markdown']['text'].startswith("
		    "'### <font color=#1565c0>【提醒】</font>')",
		"m['markdown']['text'].count('[确认收到](" ACK ")') == 2",
	};
	static const char *const none[] = {
		"m['msgtype'] == 'markdown'",
		"m['markdown']['text'].startswith("
		    "'### <font color=#f9a825>【督办】</font>')",
	};
	struct notice_item it[2] = { item("lead"), item("due") };
	struct notice_item esc = item("escalation");
	struct digest d = digest(it, 2);
	char *s = one_message(&d, CHAN_DINGTALK);

	(void)state;
	assert_int_equal(json_holds(s, many, ARRAY_LEN(many), false), 0);
	free(s);
	d = digest(&esc, 1);
	s = one_message(&d, CHAN_DINGTALK);
	assert_int_equal(json_holds(s, none, ARRAY_LEN(none), false), 0);
	free(s);
}

/* An approver's item (an extension asked): its link is called an
 * approval link in mail, text and HTML, the closing line says what it is
 * for, and DingTalk gives no ack page buttons for it (markdown, the link
 * named 审批). */
static void
test_approval_link(void **state)
{
	static const char *const robot[] = {
		"m['msgtype'] == 'markdown'",
		"'[审批](" REVIEW ")' in m['markdown']['text']",
		"'确认收到' not in m['markdown']['text']",
	};
	char *args[] = { "【提醒】济南商标审协中心：1 项事项（1 项延期申请）",
	    "--text", "审批链接：" REVIEW, "--text", "请打开审批链接，核对后批准或驳回。",
	    "--html", ">审批</a>", "--not-text", "确认链接", "--not-html",
	    "确认收到" };
	struct notice_item it = item("extension");
	struct digest d;
	char *s;

	(void)state;
	it.ack_url = REVIEW;
	d = digest(&it, 1);
	assert_int_equal(mail_check(&d, args, ARRAY_LEN(args), false), 0);
	s = one_message(&d, CHAN_DINGTALK);
	assert_int_equal(json_holds(s, robot, ARRAY_LEN(robot), false), 0);
	free(s);
	/* The same item for a unit (a lead notice) keeps the ack wording. */
	it = item("lead");
	d = digest(&it, 1);
	assert_int_not_equal(mail_check(&d, args, ARRAY_LEN(args), true), 0);
}

/* Feishu's card header: the level's template and the subject. */
static void
test_feishu_header(void **state)
{
	static const char *const stages[] = { "lead", "escalation", "overdue" };
	static const char *const want[][3] = {
		{ "m['card']['header']['template'] == 'blue'",
		  "m['card']['header']['title']['content'].startswith('【提醒】')",
		  "m['msg_type'] == 'interactive'" },
		{ "m['card']['header']['template'] == 'yellow'",
		  "m['card']['header']['title']['content'].startswith('【督办】')",
		  "m['card']['elements'][0]['tag'] == 'markdown'" },
		{ "m['card']['header']['template'] == 'red'",
		  "m['card']['header']['title']['content'].startswith('【催办】')",
		  "'[确认收到](" ACK ")' in m['card']['elements'][0]['content']" },
	};
	struct notice_item it;
	struct digest d;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(stages); i++) {
		it = item(stages[i]);
		d = digest(&it, 1);
		s = one_message(&d, CHAN_FEISHU);
		assert_int_equal(json_holds(s, want[i], 3, false), 0);
		assert_int_not_equal(json_holds(s, want[(i + 1) % 3], 1,
		    true), 0);
		free(s);
	}
}

/* WeCom's font colour: info for 提醒, warning for 督办's label and for
 * 催办's whole heading. */
static void
test_wecom_colour(void **state)
{
	static const char *const stages[] = { "lead", "escalation", "overdue" };
	static const char *const want[] = {
		"m['markdown']['content'].startswith('### <font color=\"info\">"
		    "【提醒】</font>济南商标审协中心：1 项事项')",
		"m['markdown']['content'].startswith('### <font color=\"warning\">"
		    "【督办】</font>济南商标审协中心：1 项事项')",
		"m['markdown']['content'].startswith('### <font color=\"warning\">"
		    "【催办】济南商标审协中心：1 项事项（1 项逾期）</font>\\n')",
	};
	struct notice_item it;
	struct digest d;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(stages); i++) {
		it = item(stages[i]);
		d = digest(&it, 1);
		s = one_message(&d, CHAN_WECOM);
		assert_int_equal(json_holds(s, &want[i], 1, false), 0);
		assert_int_not_equal(json_holds(s, &want[(i + 1) % 3], 1,
		    true), 0);
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_level),
		cmocka_unit_test(test_digest_level),
		cmocka_unit_test(test_mail_level),
		cmocka_unit_test(test_generic_level),
		cmocka_unit_test(test_dingtalk_card),
		cmocka_unit_test(test_dingtalk_markdown),
		cmocka_unit_test(test_approval_link),
		cmocka_unit_test(test_feishu_header),
		cmocka_unit_test(test_wecom_colour),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
