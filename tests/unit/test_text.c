/*
 * Tests for text: UTF-8 validation (with the offset of the first bad
 * byte), decoding and encoding, display widths, whitespace squashing,
 * folding for matching, Chinese numerals and prefix/suffix tests.  Tables
 * run row by row; a failing row is printed before the assertion fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/text.h"
#include "base/util.h"

/* A byte string of known length: lets a table hold NUL bytes and cut a
 * sequence short without relying on the terminator. */
#define BYTES(s) s, sizeof(s) - 1

struct valid_case {
	const char *what;
	const char *s;
	size_t len;
	bool ok;
	size_t bad;		/* offset of the first bad byte when !ok */
};

static const struct valid_case valid_cases[] = {
	{ "empty", BYTES(""), true, 0 },
	{ "ASCII", BYTES("hello, world"), true, 0 },
	{ "NUL byte is ASCII", BYTES("a\0b"), true, 0 },
	{ "2 bytes U+00E9", BYTES("\xc3\xa9"), true, 0 },
	{ "2 bytes U+0080 (smallest)", BYTES("\xc2\x80"), true, 0 },
	{ "3 bytes U+4E2D", BYTES("\xe4\xb8\xad"), true, 0 },
	{ "3 bytes U+0800 (smallest)", BYTES("\xe0\xa0\x80"), true, 0 },
	{ "U+D7FF just below surrogates", BYTES("\xed\x9f\xbf"), true, 0 },
	{ "U+E000 just above surrogates", BYTES("\xee\x80\x80"), true, 0 },
	{ "U+FFFF", BYTES("\xef\xbf\xbf"), true, 0 },
	{ "4 bytes U+1F600", BYTES("\xf0\x9f\x98\x80"), true, 0 },
	{ "U+10000 (smallest 4 bytes)", BYTES("\xf0\x90\x80\x80"), true, 0 },
	{ "U+10FFFF (largest)", BYTES("\xf4\x8f\xbf\xbf"), true, 0 },
	{ "mixed plan text", BYTES("3月底前（牵头）“完成”—…"), true, 0 },

	{ "overlong C0 80 (NUL)", BYTES("ab\xc0\x80"), false, 2 },
	{ "overlong C1 BF", BYTES("\xc1\xbf"), false, 0 },
	{ "overlong E0 80 80", BYTES("x\xe0\x80\x80"), false, 1 },
	{ "overlong E0 9F BF (U+07FF)", BYTES("\xe0\x9f\xbf"), false, 0 },
	{ "overlong F0 8F BF BF (U+FFFF)", BYTES("\xf0\x8f\xbf\xbf"), false, 0 },
	{ "surrogate ED A0 80", BYTES("ok\xed\xa0\x80"), false, 2 },
	{ "surrogate ED BF BF", BYTES("\xed\xbf\xbf"), false, 0 },
	{ "past U+10FFFF: F4 90 80 80", BYTES("\xe4\xb8\xad\xf4\x90\x80\x80"),
	  false, 3 },
	{ "lead F5", BYTES("\xf5\x80\x80\x80"), false, 0 },
	{ "lead F8 (5 bytes)", BYTES("\xf8\x88\x80\x80\x80"), false, 0 },
	{ "byte FE", BYTES("a\xfe"), false, 1 },
	{ "byte FF", BYTES("\xff"), false, 0 },
	{ "truncated 2 bytes at end", BYTES("ab\xc3"), false, 2 },
	{ "truncated 3 bytes at end", BYTES("ab\xe4\xb8"), false, 2 },
	{ "truncated 4 bytes at end", BYTES("\xf0\x9f\x98"), false, 0 },
	{ "len cuts a sequence", "\xe4\xb8\xad", 2, false, 0 },
	{ "len cuts after a good one", "\xe4\xb8\xad\xe6\x96\x87", 5, false, 3 },
	{ "continuation missing mid-text", BYTES("\xe4\xb8" "a"), false, 0 },
	{ "stray continuation", BYTES("a\x80" "b"), false, 1 },
	{ "stray continuation after CJK", BYTES("\xe4\xb8\xad\xbf"), false, 3 },
	{ "first bad of two", BYTES("\xe4\xb8\xad\xe6\x96\x87\xff\x80"),
	  false, 6 },
};

/* One row of valid_cases. */
static void
test_utf8_valid(void **state)
{
	const struct valid_case *c = *state;
	size_t bad = (size_t)-1;
	bool ok = utf8_valid(c->s, c->len, &bad);

	if (ok != c->ok || (!ok && bad != c->bad))
		print_error("row \"%s\": got %s bad=%zu, want %s bad=%zu\n",
		    c->what, ok ? "valid" : "invalid", bad,
		    c->ok ? "valid" : "invalid", c->bad);
	assert_int_equal(ok, c->ok);
	if (!c->ok)
		assert_int_equal(bad, c->bad);
	else	/* *bad is only written on failure */
		assert_int_equal(bad, (size_t)-1);
	/* bad may be NULL. */
	assert_int_equal(utf8_valid(c->s, c->len, NULL), c->ok);
}

/* utf8_put writes the expected bytes and utf8_next reads them back. */
static void
test_utf8_round_trip(void **state)
{
	static const struct {
		uint32_t cp;
		const char *bytes;
	} cps[] = {
		{ 0x00, "" },	/* bytes "\0": checked by length */
		{ 0x41, "A" },
		{ 0x7F, "\x7f" },
		{ 0x80, "\xc2\x80" },
		{ 0xE9, "\xc3\xa9" },
		{ 0x7FF, "\xdf\xbf" },
		{ 0x800, "\xe0\xa0\x80" },
		{ 0x3000, "\xe3\x80\x80" },
		{ 0x4E2D, "\xe4\xb8\xad" },
		{ 0xD7FF, "\xed\x9f\xbf" },
		{ 0xFFFF, "\xef\xbf\xbf" },
		{ 0x10000, "\xf0\x90\x80\x80" },
		{ 0x1F600, "\xf0\x9f\x98\x80" },
		{ 0x10FFFF, "\xf4\x8f\xbf\xbf" },
	};
	char out[8];
	const char *p;
	size_t i, n, want;
	int32_t cp;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cps); i++) {
		want = cps[i].cp == 0 ? 1 : strlen(cps[i].bytes);
		memset(out, 'x', sizeof(out));
		n = utf8_put(cps[i].cp, out);
		if (n != want || memcmp(out, cps[i].cp == 0 ? "\0" :
		    cps[i].bytes, want) != 0 || out[n] != 'x')
			print_error("U+%04X: utf8_put wrote %zu bytes, want %zu\n",
			    (unsigned)cps[i].cp, n, want);
		assert_int_equal(n, want);
		assert_memory_equal(out, cps[i].cp == 0 ? "\0" : cps[i].bytes,
		    want);
		assert_int_equal(out[n], 'x');	/* nothing written past */

		p = out;
		cp = utf8_next(&p, out + n);
		if (cp != (int32_t)cps[i].cp || p != out + n)
			print_error("U+%04X: utf8_next gave %ld, advanced %td\n",
			    (unsigned)cps[i].cp, (long)cp, p - out);
		assert_int_equal(cp, cps[i].cp);
		assert_ptr_equal(p, out + n);
	}
}

/* Every code point of the BMP and a sample above it, outside surrogates,
 * survives put + next + valid. */
static void
test_utf8_round_trip_all(void **state)
{
	char out[8];
	const char *p;
	uint32_t cp;
	size_t n;
	int32_t got;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = utf8_put(cp, out);
		p = out;
		got = utf8_next(&p, out + n);
		if (got != (int32_t)cp || p != out + n ||
		    !utf8_valid(out, n, NULL)) {
			print_error("U+%04X does not round-trip\n", (unsigned)cp);
			fail();
		}
	}
}

/* An invalid sequence gives -1 and moves exactly one byte. */
static void
test_utf8_next_invalid(void **state)
{
	static const char *const bad[] = {
		"\x80", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xe4\xb8", "\xff", "\xc3" "A",
	};
	const char *p;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		p = bad[i];
		if (utf8_next(&p, bad[i] + strlen(bad[i])) != -1 ||
		    p != bad[i] + 1)
			print_error("row %zu: not -1 with one byte advanced\n", i);
		p = bad[i];
		assert_int_equal(utf8_next(&p, bad[i] + strlen(bad[i])), -1);
		assert_ptr_equal(p, bad[i] + 1);
	}
}

struct width_case {
	const char *s;
	int width;
};

static const struct width_case width_cases[] = {
	{ "", 0 },
	{ "a", 1 },
	{ "abc 1", 5 },
	{ "中", 2 },
	{ "中文", 4 },
	{ "a中b", 4 },
	{ "３", 2 },		/* full-width digit */
	{ "ＡＢ", 4 },		/* full-width letters */
	{ "（）", 4 },		/* full-width brackets */
	{ "\xe3\x80\x80", 2 },	/* ideographic space */
	{ "“”", 4 },		/* U+201C U+201D */
	{ "—", 2 },		/* U+2014 */
	{ "…", 2 },		/* U+2026 */
	{ "“完成”——", 12 },
	{ "한", 2 },
	{ "é", 1 },
	{ "a\xff" "b", 2 },	/* an invalid byte takes no column */
};

/* text_width over width_cases. */
static void
test_text_width(void **state)
{
	size_t i;
	int w;

	(void)state;
	for (i = 0; i < ARRAY_LEN(width_cases); i++) {
		w = text_width(width_cases[i].s);
		if (w != width_cases[i].width)
			print_error("row %zu \"%s\": width %d, want %d\n", i,
			    width_cases[i].s, w, width_cases[i].width);
		assert_int_equal(w, width_cases[i].width);
	}
}

/* text_cp_width on single code points. */
static void
test_text_cp_width(void **state)
{
	static const struct {
		uint32_t cp;
		int width;
	} cps[] = {
		{ 'a', 1 }, { ' ', 1 }, { 0xE9, 1 }, { 0x4E2D, 2 },
		{ 0x3000, 2 }, { 0xFF01, 2 }, { 0xFF5E, 2 }, { 0x201C, 2 },
		{ 0x201D, 2 }, { 0x2018, 2 }, { 0x2014, 2 }, { 0x2026, 2 },
		{ 0xAC00, 2 }, { 0x20000, 2 }, { 0x2027, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cps); i++) {
		if (text_cp_width(cps[i].cp) != cps[i].width)
			print_error("U+%04X: width %d, want %d\n",
			    (unsigned)cps[i].cp, text_cp_width(cps[i].cp),
			    cps[i].width);
		assert_int_equal(text_cp_width(cps[i].cp), cps[i].width);
	}
}

struct string_case {
	const char *in;
	const char *want;
};

static const struct string_case squash_cases[] = {
	{ "", "" },
	{ "   ", "" },
	{ "\t\n\xe3\x80\x80", "" },
	{ "a", "a" },
	{ "  a  ", "a" },
	{ "a  b", "a b" },
	{ "a \t\n b", "a b" },
	{ "a\tb", "a b" },
	{ "a b c", "a b c" },
	{ "\xe3\x80\x80中\xe3\x80\x80\xe3\x80\x80文\xe3\x80\x80", "中 文" },
	{ "中 \xe3\x80\x80\t文", "中 文" },
	{ "a\xc2\xa0" "b", "a b" },		/* NBSP */
	{ "a\xe2\x80\x83" "b", "a b" },		/* em space */
	{ "\r\n3月底前\r\n", "3月底前" },
	{ "a\xff  b", "a\xff b" },		/* invalid bytes kept */
};

static const struct string_case fold_cases[] = {
	{ "", "" },
	{ "abc", "abc" },
	{ "１２月", "12月" },
	{ "０１２３４５６７８９", "0123456789" },
	{ "ＡＢＣａｂｃＺｚ", "ABCabcZz" },
	{ "（１）", "(1)" },
	{ "！～，：；", "!~,:;" },		/* U+FF01 and U+FF5E ends */
	{ "１０ 月 底 前", "10月底前" },
	{ "a b\tc\xe3\x80\x80" "d\ne\xc2\xa0" "f", "abcdef" },
	{ "\xef\xbd\x9f", "\xef\xbd\x9f" },	/* U+FF5F stays */
	{ "。、", "。、" },			/* CJK punctuation stays */
	{ "中文", "中文" },
};

/* Run fn over a string table, printing the failing row. */
static void
check_strings(const char *name, char *(*fn)(const char *),
    const struct string_case *cases, size_t n)
{
	size_t i;
	char *got;

	for (i = 0; i < n; i++) {
		got = fn(cases[i].in);
		assert_non_null(got);
		if (strcmp(got, cases[i].want) != 0)
			print_error("%s row %zu \"%s\": got \"%s\", want \"%s\"\n",
			    name, i, cases[i].in, got, cases[i].want);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void
test_text_squash(void **state)
{
	(void)state;
	check_strings("text_squash", text_squash, squash_cases,
	    ARRAY_LEN(squash_cases));
}

/* text_blank says whether text_squash gives "". */
static void
test_text_blank(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(squash_cases); i++)
		assert_int_equal(text_blank(squash_cases[i].in),
		    *squash_cases[i].want == '\0');
}

static void
test_text_fold(void **state)
{
	(void)state;
	check_strings("text_fold", text_fold, fold_cases, ARRAY_LEN(fold_cases));
}

/* text_squashn reads its n bytes and no more. */
static void
test_text_squashn(void **state)
{
	char in[128], *got;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(squash_cases); i++) {
		snprintf(in, sizeof(in), "%s x", squash_cases[i].in);
		got = text_squashn(in, strlen(squash_cases[i].in));
		assert_string_equal(got, squash_cases[i].want);
		free(got);
	}
}

/* text_fold_to and text_fold_first say what text_fold says, without
 * building it: a buffer that fits takes the fold, one a byte short takes
 * nothing; the first character is the fold's. */
static void
test_text_fold_to_first(void **state)
{
	const char *want, *p;
	char buf[64];
	size_t i, n;

	(void)state;
	for (i = 0; i < ARRAY_LEN(fold_cases); i++) {
		want = fold_cases[i].want;
		n = strlen(want);
		assert_true(text_fold_to(fold_cases[i].in, buf, n + 1));
		assert_string_equal(buf, want);
		assert_false(text_fold_to(fold_cases[i].in, buf, n));
		p = want;
		assert_int_equal(text_fold_first(fold_cases[i].in),
		    n == 0 ? 0 : utf8_next(&p, want + n));
	}
	assert_int_equal(text_fold_first(" \t\xe3\x80\x80"), 0);
	assert_int_equal(text_fold_first(" \xff" "1"), -1);
	assert_int_equal(text_fold_first("\xe3\x80\x80－ 8 －"), '-');
	assert_int_equal(text_fold_first("第 3 页"), 0x7B2C);
}

/* Two texts have the same ink when they differ only in where (and which)
 * whitespace stands; any other byte, a full-width letter against its
 * ASCII one included, tells them apart. */
static void
test_text_same_ink(void **state)
{
	(void)state;
	assert_true(text_same_ink("", ""));
	assert_true(text_same_ink("  ", "\t"));
	assert_true(text_same_ink("2026 年 工作", "2026年工作"));
	assert_true(text_same_ink("\xe3\x80\x80计划\n", " 计 划 "));
	assert_false(text_same_ink("计划", "计划表"));
	assert_false(text_same_ink("计划表", "计划"));
	assert_false(text_same_ink("计划", ""));
	assert_false(text_same_ink("\xef\xbc\x91", "1"));
	assert_false(text_same_ink("a\xff", "a\xfe"));
}

struct number_case {
	const char *s;
	int value;
	size_t len;
};

static const struct number_case number_cases[] = {
	{ "12月", 12, 2 },
	{ "0", 0, 1 },
	{ "7", 7, 1 },
	{ "09月", 9, 2 },
	{ "31日", 31, 2 },
	{ "十", 10, 3 },
	{ "十二", 12, 6 },
	{ "十二月底前", 12, 6 },
	{ "二十", 20, 6 },
	{ "二十一", 21, 9 },
	{ "二十一日", 21, 9 },
	{ "三十一", 31, 9 },
	{ "一百", 100, 6 },
	{ "〇", 0, 3 },
	{ "零", 0, 3 },
	{ "一", 1, 3 },
	{ "两", 2, 3 },
	{ "九", 9, 3 },
	{ "十月", 10, 3 },
	{ "二三", 2, 3 },	/* not a number we write: the first digit */
	{ "月", -1, 0 },
	{ "", -1, 0 },
	{ "abc", -1, 0 },
	{ "-1", -1, 0 },
	{ "第一", -1, 0 },
};

/* text_number over number_cases. */
static void
test_text_number(void **state)
{
	size_t i, len;
	int v;

	(void)state;
	for (i = 0; i < ARRAY_LEN(number_cases); i++) {
		len = 999;
		v = text_number(number_cases[i].s, &len);
		if (v != number_cases[i].value || len != number_cases[i].len)
			print_error("row %zu \"%s\": got %d len %zu, want %d "
			    "len %zu\n", i, number_cases[i].s, v, len,
			    number_cases[i].value, number_cases[i].len);
		assert_int_equal(v, number_cases[i].value);
		assert_int_equal(len, number_cases[i].len);
	}
}

/* A long run of numerals stops without overflowing (UBSan would catch a
 * signed overflow in the sanitizer build) and gives a sane value. */
static void
test_text_number_long(void **state)
{
	static const char *const units[] = { "百", "十", "九百", "9", "九十" };
	size_t i, k, len, n = 20000;
	char *s;
	int v;

	(void)state;
	for (i = 0; i < ARRAY_LEN(units); i++) {
		size_t ul = strlen(units[i]);

		s = xmalloc(n * ul + 1);
		for (k = 0; k < n; k++)
			memcpy(s + k * ul, units[i], ul);
		s[n * ul] = '\0';
		len = 0;
		v = text_number(s, &len);
		if (v <= 0 || v > 10000000 || len == 0 || len > n * ul)
			print_error("\"%s\" x %zu: got %d len %zu\n", units[i],
			    n, v, len);
		assert_in_range(v, 1, 10000000);
		assert_in_range(len, 1, n * ul);
		free(s);
	}
}

/* text_starts and text_ends. */
static void
test_text_starts_ends(void **state)
{
	static const struct {
		const char *s, *affix;
		bool starts, ends;
		const char *rest;	/* after the prefix, when it starts */
	} cases[] = {
		{ "10月底前", "10月", true, false, "底前" },
		{ "10月底前", "底前", false, true, NULL },
		{ "10月底前", "10月底前", true, true, "" },
		{ "abc", "", true, true, "abc" },
		{ "", "", true, true, "" },
		{ "", "a", false, false, NULL },
		{ "ab", "abc", false, false, NULL },
		{ "abc", "abd", false, false, NULL },
		{ "完成x", "完成", true, false, "x" },
		{ "x完成", "完成", false, true, NULL },
		{ "中", "\xe4", true, false, "\xb8\xad" },
	};
	const char *rest;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		rest = NULL;
		if (text_starts(cases[i].s, cases[i].affix, &rest) !=
		    cases[i].starts || text_ends(cases[i].s, cases[i].affix) !=
		    cases[i].ends)
			print_error("row %zu (\"%s\", \"%s\"): starts %d ends %d, "
			    "want %d %d\n", i, cases[i].s, cases[i].affix,
			    text_starts(cases[i].s, cases[i].affix, NULL),
			    text_ends(cases[i].s, cases[i].affix),
			    cases[i].starts, cases[i].ends);
		assert_int_equal(text_starts(cases[i].s, cases[i].affix, &rest),
		    cases[i].starts);
		if (cases[i].starts)
			assert_string_equal(rest, cases[i].rest);
		else
			assert_null(rest);	/* untouched on no match */
		assert_int_equal(text_starts(cases[i].s, cases[i].affix, NULL),
		    cases[i].starts);
		assert_int_equal(text_ends(cases[i].s, cases[i].affix),
		    cases[i].ends);
	}
}

/* text_starts_any and text_equals_any: a NULL-terminated list. */
static void
test_text_any(void **state)
{
	static const char *const list[] = { "每周", "每星期", "前", NULL };
	static const char *const none[] = { NULL };

	(void)state;
	assert_true(text_starts_any("每星期五", list));
	assert_true(text_starts_any("前后", list));
	assert_false(text_starts_any("每月", list));
	assert_false(text_starts_any("", list));
	assert_false(text_starts_any("每周", none));
	assert_true(text_equals_any("每周", list));
	assert_false(text_equals_any("每周五", list));	/* a prefix only */
	assert_false(text_equals_any("每", list));
	assert_false(text_equals_any("前", none));
}

/* Rows of valid_cases become test cases of their own; then the rest. */
int
main(void)
{
	static const struct CMUnitTest rest[] = {
		cmocka_unit_test(test_utf8_round_trip),
		cmocka_unit_test(test_text_any),
		cmocka_unit_test(test_utf8_round_trip_all),
		cmocka_unit_test(test_utf8_next_invalid),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_text_cp_width),
		cmocka_unit_test(test_text_squash),
		cmocka_unit_test(test_text_fold),
		cmocka_unit_test(test_text_squashn),
		cmocka_unit_test(test_text_blank),
		cmocka_unit_test(test_text_fold_to_first),
		cmocka_unit_test(test_text_same_ink),
		cmocka_unit_test(test_text_number),
		cmocka_unit_test(test_text_number_long),
		cmocka_unit_test(test_text_starts_ends),
	};
	size_t nv = ARRAY_LEN(valid_cases), n = nv + ARRAY_LEN(rest), i;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	int rc;

	for (i = 0; i < nv; i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    test_utf8_valid, (void *)&valid_cases[i]);
		tests[i].name = valid_cases[i].what;
	}
	memcpy(tests + nv, rest, sizeof(rest));
	rc = _cmocka_run_group_tests("text", tests, n, NULL, NULL);
	free(tests);
	return rc;
}
