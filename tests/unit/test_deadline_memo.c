/* Unit tests for deadline_memo: a slot answers only for the text and key
 * it was kept with; empty text and text longer than DEADLINE_MEMO_TEXT
 * are never kept; and the grammar, remembered, answers each text and
 * year as it did the first time, however they evict each other. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan/deadline.h"
#include "plan/deadline_memo.h"

static void
test_slot(void **state)
{
	/* One slot: every text and key is in it, so that what a slot
	 * answers is all its own. */
	struct deadline_memo slot[1];
	struct deadline dl = { DL_DATE, 42, 0 }, other = { DL_ONGOING, 7, 0 };
	struct deadline_memo *m;
	char longest[DEADLINE_MEMO_TEXT + 2];
	bool hit = true;

	(void)state;
	memset(slot, 0, sizeof(slot));
	assert_null(deadline_memo_slot(slot, 1, "", 1, &hit));
	/* An empty slot answers nothing, not even key 0. */
	m = deadline_memo_slot(slot, 1, "年底前", 0, &hit);
	assert_ptr_equal(m, &slot[0]);
	assert_false(hit);
	deadline_memo_keep(m, "年底前", 4052, dl);
	assert_non_null(deadline_memo_slot(slot, 1, "年底前", 4052, &hit));
	assert_true(hit);
	assert_int_equal(m->dl.kind, DL_DATE);
	assert_int_equal(m->dl.due, 42);
	/* Another key (a year, a way of reading) is another answer, and so
	 * is another text, or the same text's start. */
	(void)deadline_memo_slot(slot, 1, "年底前", 4053, &hit);
	assert_false(hit);
	(void)deadline_memo_slot(slot, 1, "年底", 4052, &hit);
	assert_false(hit);
	(void)deadline_memo_slot(slot, 1, "年底前完成", 4052, &hit);
	assert_false(hit);
	/* A text kept in the slot takes it over. */
	deadline_memo_keep(m, "全年", 4052, other);
	(void)deadline_memo_slot(slot, 1, "年底前", 4052, &hit);
	assert_false(hit);
	(void)deadline_memo_slot(slot, 1, "全年", 4052, &hit);
	assert_true(hit);
	assert_int_equal(m->dl.kind, DL_ONGOING);
	/* The longest text kept fits; one byte more is not kept. */
	memset(longest, 'x', sizeof(longest) - 2);
	longest[sizeof(longest) - 2] = '\0';
	assert_non_null(deadline_memo_slot(slot, 1, longest, 1, &hit));
	longest[sizeof(longest) - 2] = 'x';
	longest[sizeof(longest) - 1] = '\0';
	assert_null(deadline_memo_slot(slot, 1, longest, 1, &hit));
}

/* Texts of every kind, units cells split at 、 (read part by part), and
 * one longer than the memo keeps. */
static const char *const texts[] = {
	"年底前", "6月底前", "2026年9月30日前", "全年", "持续推进", "每月",
	"每季度末", "每月15日和月底前", "9月底前启动，年底前完成",
	"9月底前初验，12月底前终验", "计量处、标准化处、登记注册处",
	"市计量测试研究院（牵头），计量处", "大气环境处", "大气环境",
	"3月底前制定方案，6月底前启动实施，10月底前完成整改，12月底前完成验收",
	"完成时限2026年6月底", "上半年", "10月起每月报送", "", "同上",
};

static void
test_parse_as_first(void **state)
{
	static const int years[] = { 2021, 2026, DEADLINE_ANY_YEAR };
	enum { N = sizeof(texts) / sizeof(texts[0]) };
	struct deadline first[N][3];

	(void)state;
	for (size_t i = 0; i < N; i++)
		for (size_t y = 0; y < 3; y++)
			first[i][y] = deadline_classify(texts[i], years[y]);
	/* Many rounds in other orders: answers kept, evicted and kept
	 * again (the parts of one text are the keys of another's), each the
	 * first one's. */
	for (size_t round = 0; round < 50; round++)
		for (size_t i = 0; i < N; i++) {
			size_t k = (i * 7 + round) % N, y = (i + round) % 3;
			struct deadline a = deadline_parse(texts[k], years[y]);
			struct deadline b = deadline_classify(texts[k], years[y]);

			assert_int_equal(a.kind, first[k][y].kind);
			assert_int_equal(a.due, first[k][y].due);
			assert_int_equal(a.workday, first[k][y].workday);
			assert_int_equal(b.kind, first[k][y].kind);
			assert_int_equal(b.due, first[k][y].due);
		}
	/* And the answers are the grammar's, not a constant. */
	assert_int_equal(deadline_parse("年底前", 2026).kind, DL_DATE);
	assert_int_not_equal(deadline_parse("年底前", 2026).due,
	    deadline_parse("年底前", 2021).due);
	assert_int_equal(deadline_parse("大气环境处", 2026).kind, DL_UNKNOWN);
	assert_int_equal(deadline_parse("9月底前初验，12月底前终验", 2026).kind,
	    DL_DATE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slot),
		cmocka_unit_test(test_parse_as_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
