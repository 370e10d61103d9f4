/* Unit tests for json: the writer's escaping, and the tolerant reader of
 * one member, table driven over what robots answer (numbers as numbers
 * or strings, nested values skipped, \u escapes and surrogate pairs,
 * lone surrogates, cut or non-object input). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/json.h"

struct member_case {
	const char *json;
	const char *key;
	bool found;
	bool is_int;
	long long n;
	const char *str;	/* NULL: not a string */
};

static const struct member_case cases[] = {
	{ "{\"errcode\":0,\"errmsg\":\"ok\"}", "errcode", true, true, 0, NULL },
	{ "{\"errcode\":0,\"errmsg\":\"ok\"}", "errmsg", true, false, 0, "ok" },
	{ " { \"code\" : \"19001\" } ", "code", true, true, 19001, "19001" },
	{ "{\"a\":{\"code\":1},\"code\":-2}", "code", true, true, -2, NULL },
	{ "{\"a\":[1,{\"b\":\"}\"}],\"m\":\"x\"}", "m", true, false, 0, "x" },
	{ "{\"msg\":\"\\u53c2\\u6570\"}", "msg", true, false, 0, "参数" },
	{ "{\"msg\":\"\\ud83d\\ude00\"}", "msg", true, false, 0, "😀" },
	{ "{\"msg\":\"\\ud83d!\"}", "msg", true, false, 0, "\xef\xbf\xbd!" },
	{ "{\"msg\":\"a\\\"b\\\\c\\n\"}", "msg", true, false, 0, "a\"b\\c\n" },
	{ "{\"errcode\":0}", "errmsg", false, false, 0, NULL },
	{ "[{\"errcode\":0}]", "errcode", false, false, 0, NULL },
	{ "<html>502</html>", "errcode", false, false, 0, NULL },
	{ "{\"errcode\":", "errmsg", false, false, 0, NULL },
	{ "{\"s\":\"cut", "t", false, false, 0, NULL },
	{ "", "x", false, false, 0, NULL },
};

static void
test_member(void **state)
{
	struct buf b;
	const char *v;
	long long n;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct member_case *c = &cases[i];

		v = json_member(c->json, c->key);
		if ((v != NULL) != c->found)
			fail_msg("%s: %s found %d", c->json, c->key, v != NULL);
		if (v == NULL)
			continue;
		assert_int_equal(json_int(v, &n), c->is_int);
		if (c->is_int)
			assert_int_equal(n, c->n);
		b = (struct buf)BUF_INIT;
		assert_int_equal(json_string(v, &b), c->str != NULL);
		if (c->str != NULL)
			assert_string_equal(buf_str(&b), c->str);
		buf_free(&b);
	}
}

static void
test_round_trip(void **state)
{
	static const char *const texts[] = {
		"plain", "引号\"与\\反斜杠", "line\nbreak\ttab", "\x01\x1f ctl",
		"😀 emoji",
	};
	struct buf b;

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct buf out;

		b = (struct buf)BUF_INIT;
		buf_puts(&b, "{\"k\":");
		json_put_str(&b, texts[i]);
		buf_puts(&b, "}");
		out = (struct buf)BUF_INIT;
		assert_true(json_string(json_member(buf_str(&b), "k"), &out));
		assert_string_equal(buf_str(&out), texts[i]);
		buf_free(&out);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_member),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
