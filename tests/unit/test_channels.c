/* Unit tests for channels, the table of delivery channels: every kind has
 * one row under its own unique name, names and kinds map both ways, the
 * webhook types a configuration may name are listed from the table, and
 * what a channel gets rendered (render_for_channel) follows its row: one
 * mail or JSON body, or markdown parts within the row's size. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/json.h"
#include "conf/channels.h"
#include "deliver/render.h"

static void
test_table(void **state)
{
	enum channel_kind k, back;
	const struct channel_info *ch;

	(void)state;
	for (k = 0; k < CHAN_KINDS; k++) {
		ch = channel_info(k);
		assert_non_null(ch);
		assert_int_equal(ch->kind, k);
		assert_true(channel_from_name(channel_name(k), &back));
		assert_int_equal(back, k);
		assert_ptr_equal(channel_by_name(ch->name), ch);
		/* Markdown needs a size; a rate needs a window. */
		assert_true(ch->form != FORM_MARKDOWN || ch->max_bytes > 0);
		assert_true(ch->rate_max == 0 || ch->rate_window > 0);
	}
	assert_null(channel_by_name("sms"));
	assert_false(channel_from_name("", &back));
	assert_string_equal(channel_name((enum channel_kind)99), "unknown");
	assert_string_equal(channel_webhook_names(),
	    "generic, dingtalk, wecom or feishu");
}

/* The markdown in a robot's JSON message m (DingTalk's markdown or
 * ActionCard text, WeCom's content, Feishu's card element), into b. */
static bool
robot_markdown(const char *m, struct buf *b)
{
	const char *v, *inner = NULL;

	buf_reset(b);
	if ((v = json_member(m, "markdown")) != NULL)
		inner = (v = json_member(v, "text")) != NULL ? v :
		    json_member(json_member(m, "markdown"), "content");
	else if ((v = json_member(m, "actionCard")) != NULL)
		inner = json_member(v, "text");
	else if ((v = json_member(m, "card")) != NULL &&
	    (v = json_member(v, "elements")) != NULL && *v == '[')
		inner = json_member(v + 1, "content");
	return inner != NULL && json_string(inner, b);
}

static void
test_render_follows_table(void **state)
{
	struct buf md = BUF_INIT;
	struct notice_item items[60];
	struct digest d;
	char **parts, measure[400];
	size_t n, i, k;

	(void)state;
	memset(measure, 0, sizeof(measure));
	for (i = 0; i + 3 < sizeof(measure) - 1; i += 3)
		memcpy(measure + i, "落", 3);
	for (i = 0; i < 60; i++)
		items[i] = (struct notice_item){ (int64_t)i + 1, "计划", 2021,
		    (int)i + 1, "任务", measure, "6月底前", 18808, 3,
		    ROLE_LEAD, "lead", "http://127.0.0.1/ack/x", NULL, DL_DATE,
		    18808, NULL, DATE_NONE };
	d = (struct digest){ "测试单位", "id-1", 1624000000, items, 60 };
	for (k = 0; k < CHAN_KINDS; k++) {
		const struct channel_info *ch = channel_info(k);

		n = render_for_channel(&d, k, NULL, "a@example.org", &parts);
		assert_true(n >= 1);
		if (ch->form != FORM_MARKDOWN)
			assert_int_equal(n, 1);
		if (ch->form == FORM_MAIL)
			assert_non_null(strstr(parts[0], "deadlined@localhost"));
		if (ch->form == FORM_JSON)
			assert_int_equal(parts[0][0], '{');
		for (i = 0; i < n; i++) {
			if (ch->form == FORM_MARKDOWN) {
				/* The robot's JSON; its markdown within the
				 * size. */
				assert_true(robot_markdown(parts[i], &md));
				assert_true(md.len <= ch->max_bytes);
			}
			free(parts[i]);
		}
		/* 60 long items do not fit one WeCom message. */
		if (k == CHAN_WECOM)
			assert_true(n > 1);
		free(parts);
	}
	buf_free(&md);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_render_follows_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
