/* Unit tests for arena: pieces are aligned, distinct and keep what was
 * written to them across many chunks and pieces larger than a chunk;
 * interning gives one copy of each string, a copy of its own for
 * arena_strdup; NULL goes through as NULL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"

#define N 5000

static void
test_alloc(void **state)
{
	struct arena *a = arena_new();
	unsigned char *p[N];
	size_t size;

	(void)state;
	assert_null(arena_alloc(a, 0));
	for (size_t i = 0; i < N; i++) {
		/* Odd sizes, and now and then one larger than any chunk. */
		size = i % 500 == 0 ? 100000 : 1 + i % 37;
		p[i] = arena_alloc(a, size);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % 8, 0);
		memset(p[i], (int)(i & 0xff), size);
	}
	for (size_t i = 0; i < N; i++) {
		size = i % 500 == 0 ? 100000 : 1 + i % 37;
		assert_int_equal(p[i][0], i & 0xff);
		assert_int_equal(p[i][size - 1], i & 0xff);
	}
	arena_free(a);
	arena_free(NULL);
}

static void
test_intern(void **state)
{
	struct arena *a = arena_new();
	const char *first[N];
	char name[32], *own;

	(void)state;
	assert_null(arena_intern(a, NULL));
	assert_null(arena_strdup(a, NULL));
	for (size_t i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "单位%zu", i);
		first[i] = arena_intern(a, name);
		assert_ptr_not_equal(first[i], name);
		assert_string_equal(first[i], name);
	}
	/* Again, from other buffers: the same copies (across rehashes). */
	for (size_t i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "单位%zu", i);
		assert_ptr_equal(arena_intern(a, name), first[i]);
	}
	assert_string_equal(arena_intern(a, ""), "");
	own = arena_strdup(a, "单位1");
	assert_string_equal(own, "单位1");
	assert_ptr_not_equal(own, first[1]);
	assert_ptr_equal(arena_intern(a, own), first[1]);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_intern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
