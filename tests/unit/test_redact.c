/* Unit tests for redact: robots' tokens and URL passwords masked, the
 * rest of the URL (host, path, other parameters, fragment) kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "base/redact.h"

static const struct { const char *in, *out; } cases[] = {
	{ "https://oapi.dingtalk.com/robot/send?access_token=0123abcd",
	  "https://oapi.dingtalk.com/robot/send?access_token=***" },
	{ "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7",
	  "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***" },
	{ "https://h.example/in?a=1&Token=t0p&b=2#frag",
	  "https://h.example/in?a=1&Token=***&b=2#frag" },
	{ "https://h.example/in?sign=x&timestamp=1",
	  "https://h.example/in?sign=***&timestamp=1" },
	{ "smtp://user:hunter2@mail.example:587",
	  "smtp://***@mail.example:587" },
	{ "https://u:p@h.example/p?key=k", "https://***@h.example/p?key=***" },
	{ "https://open.feishu.cn/open-apis/bot/v2/hook/abc",
	  "https://open.feishu.cn/open-apis/bot/v2/hook/abc" },
	{ "https://h.example/p?keyword=x&key", "https://h.example/p?keyword=x&key" },
	{ "https://h.example/a@b", "https://h.example/a@b" },
	{ "bhc@example.org", "bhc@example.org" },
	{ "/var/mail/deadlined", "/var/mail/deadlined" },
	{ "", "" },
};

static void
test_cases(void **state)
{
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = redact_url(cases[i].in);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
