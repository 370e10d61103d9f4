/* Unit tests for heap: records come out in time order whatever order
 * they went in (shuffled, reversed, with ties), only when due, with
 * their payload intact across growth; clear empties it; reserve makes
 * room exactly, and pushes up to it do not grow the heap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "base/heap.h"

struct rec {
	time_t at;
	int payload;
};

#define N 1000

/* Push N records in the order made by step (coprime to N), so that each
 * order differs; every time has several payloads (ties). */
static void
fill(struct heap *h, size_t step)
{
	struct rec r;

	for (size_t i = 0; i < N; i++) {
		size_t k = (i * step) % N;

		r.at = (time_t)(100 + k / 4);
		r.payload = (int)k;
		heap_push(h, &r);
	}
}

static void
test_order(void **state)
{
	static const size_t steps[] = { 1, 7, 999, 331 };
	struct heap h;
	struct rec r;
	bool seen[N];

	(void)state;
	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		heap_init(&h, sizeof(struct rec));
		fill(&h, steps[s]);
		assert_int_equal(h.n, N);
		assert_int_equal(heap_first(&h), 100);
		for (size_t i = 0; i < N; i++)
			seen[i] = false;
		time_t last = 0;
		for (size_t i = 0; i < N; i++) {
			assert_true(heap_pop_due(&h, 100 + N, &r));
			assert_true(r.at >= last);
			/* The payload travelled with its time. */
			assert_int_equal(r.at, 100 + r.payload / 4);
			assert_false(seen[r.payload]);
			seen[r.payload] = true;
			last = r.at;
		}
		assert_false(heap_pop_due(&h, 100 + N, &r));
		assert_int_equal(heap_first(&h), 0);
		heap_free(&h);
	}
}

static void
test_only_when_due(void **state)
{
	struct heap h;
	struct rec r = { 50, 1 }, out;

	(void)state;
	heap_init(&h, sizeof(struct rec));
	assert_false(heap_pop_due(&h, 1000, &out));
	heap_push(&h, &r);
	r.at = 40;
	r.payload = 2;
	heap_push(&h, &r);
	assert_false(heap_pop_due(&h, 39, &out));
	assert_true(heap_pop_due(&h, 40, &out));
	assert_int_equal(out.payload, 2);
	assert_false(heap_pop_due(&h, 49, &out));
	assert_int_equal(heap_first(&h), 50);
	heap_clear(&h);
	assert_int_equal(heap_first(&h), 0);
	assert_false(heap_pop_due(&h, 1000, &out));
	heap_free(&h);
}

static void
test_reserve(void **state)
{
	struct heap h;
	struct rec r = { 7, 0 };
	unsigned char *v;

	(void)state;
	heap_init(&h, sizeof(struct rec));
	heap_reserve(&h, 3);
	assert_int_equal(h.cap, 3);
	v = h.v;
	for (int i = 0; i < 3; i++) {
		r.payload = i;
		heap_push(&h, &r);
	}
	assert_ptr_equal(h.v, v);
	assert_int_equal(h.cap, 3);
	/* Less than there is room for changes nothing; more grows it. */
	heap_reserve(&h, 2);
	assert_int_equal(h.cap, 3);
	heap_push(&h, &r);
	assert_int_equal(h.n, 4);
	assert_true(h.cap >= 4);
	assert_true(heap_pop_due(&h, 7, &r));
	assert_int_equal(r.at, 7);
	heap_free(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_only_when_due),
		cmocka_unit_test(test_reserve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
