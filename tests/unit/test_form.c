/* Unit tests for form: application/x-www-form-urlencoded bodies, table
 * driven (decoding, '+', bad escapes, invalid UTF-8, empty values,
 * duplicates, the field limit). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/form.h"

#define MAXF 4

struct form_case {
	const char *body;
	bool ok;
	size_t n;
	const char *pairs[MAXF][2];	/* expected names and values */
};

static const struct form_case cases[] = {
	{ "", true, 0, { { NULL, NULL } } },
	{ "kind=ack", true, 1, { { "kind", "ack" } } },
	{ "kind=done&note=hello+world", true, 2,
	  { { "kind", "done" }, { "note", "hello world" } } },
	{ "note=%E5%B7%B2%E5%AE%8C%E6%88%90", true, 1, { { "note", "已完成" } } },
	{ "note=a%2Bb%26c%3Dd%25", true, 1, { { "note", "a+b&c=d%" } } },
	{ "n%6fte=x", true, 1, { { "note", "x" } } },
	{ "note=%e5%b7%b2", true, 1, { { "note", "已" } } },
	{ "note=", true, 1, { { "note", "" } } },
	{ "note", true, 1, { { "note", "" } } },
	{ "a=1&&b=2&", true, 2, { { "a", "1" }, { "b", "2" } } },
	{ "a=1=2", true, 1, { { "a", "1=2" } } },
	{ "kind=ack&kind=done", true, 2, { { "kind", "ack" }, { "kind", "done" } } },
	{ "=x", true, 1, { { "", "x" } } },
	{ "note=%", false, 0, { { NULL, NULL } } },
	{ "note=%4", false, 0, { { NULL, NULL } } },
	{ "note=%zz", false, 0, { { NULL, NULL } } },
	{ "note=%00", false, 0, { { NULL, NULL } } },
	{ "note=%FF", false, 0, { { NULL, NULL } } },
	{ "note=%C0%AF", false, 0, { { NULL, NULL } } },	/* overlong '/' */
	{ "note=%ED%A0%80", false, 0, { { NULL, NULL } } },	/* surrogate */
	{ "note=%E5%B7", false, 0, { { NULL, NULL } } },	/* truncated */
	{ "a=1&b=2&c=3&d=4", true, 4,
	  { { "a", "1" }, { "b", "2" }, { "c", "3" }, { "d", "4" } } },
	{ "a=1&b=2&c=3&d=4&e=5", false, 0, { { NULL, NULL } } },
	{ "ok=1&bad=%G0", false, 0, { { NULL, NULL } } },
};

static void
test_cases(void **state)
{
	struct form_field f[MAXF];
	size_t i, j, n;
	bool ok;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ok = form_parse(cases[i].body, strlen(cases[i].body), f, MAXF, &n);
		if (ok != cases[i].ok)
			fail_msg("\"%s\": parse %s", cases[i].body,
			    ok ? "succeeded" : "failed");
		if (!ok) {
			assert_int_equal(n, 0);
			continue;
		}
		assert_int_equal(n, cases[i].n);
		for (j = 0; j < n; j++) {
			assert_string_equal(f[j].name, cases[i].pairs[j][0]);
			assert_string_equal(f[j].value, cases[i].pairs[j][1]);
		}
		form_free(f, n);
	}
}

static void
test_get_and_count(void **state)
{
	static const char body[] = "kind=ack&note=x&kind=done";
	struct form_field f[MAXF];
	size_t n;

	(void)state;
	assert_true(form_parse(body, strlen(body), f, MAXF, &n));
	assert_string_equal(form_get(f, n, "kind"), "ack");
	assert_int_equal(form_count(f, n, "kind"), 2);
	assert_int_equal(form_count(f, n, "note"), 1);
	assert_null(form_get(f, n, "missing"));
	assert_int_equal(form_count(f, n, "missing"), 0);
	form_free(f, n);
}

static void
test_length_not_nul(void **state)
{
	/* The length bounds the body: bytes after it are not read. */
	static const char body[] = "a=1&b=2";
	struct form_field f[MAXF];
	size_t n;

	(void)state;
	assert_true(form_parse(body, 3, f, MAXF, &n));
	assert_int_equal(n, 1);
	assert_string_equal(f[0].value, "1");
	form_free(f, n);
}

static void
test_decode_plus(void **state)
{
	char *s;

	(void)state;
	s = form_decode("a+b", 3, false);
	assert_string_equal(s, "a+b");
	free(s);
	s = form_decode("a+b", 3, true);
	assert_string_equal(s, "a b");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_get_and_count),
		cmocka_unit_test(test_length_not_nul),
		cmocka_unit_test(test_decode_plus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
