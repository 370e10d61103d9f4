/* heap: an array-backed binary min-heap keyed by each record's leading
 * time_t. */
#include <stdlib.h>
#include <string.h>

#include "base/heap.h"
#include "base/log.h"
#include "base/util.h"

static time_t
at(const struct heap *h, size_t i)
{
	time_t t;

	memcpy(&t, h->v + i * h->size, sizeof(t));
	return t;
}

static void
swap(struct heap *h, size_t i, size_t j)
{
	unsigned char tmp[256];
	unsigned char *a = h->v + i * h->size, *b = h->v + j * h->size;

	memcpy(tmp, a, h->size);
	memcpy(a, b, h->size);
	memcpy(b, tmp, h->size);
}

void
heap_init(struct heap *h, size_t size)
{
	/* swap() moves a record through a buffer on the stack. */
	if (size < sizeof(time_t) || size > 256)
		fatalx("heap: record size %zu", size);
	memset(h, 0, sizeof(*h));
	h->size = size;
}

void
heap_clear(struct heap *h)
{
	h->n = 0;
}

void
heap_free(struct heap *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

void
heap_reserve(struct heap *h, size_t n)
{
	if (n <= h->cap)
		return;
	if (n > (size_t)-1 / h->size)
		fatalx("heap: %zu records", n);
	h->v = xrealloc(h->v, n * h->size);
	h->cap = n;
}

void
heap_push(struct heap *h, const void *rec)
{
	size_t i = h->n, parent;

	h->v = xgrow(h->v, &h->cap, h->n + 1, h->size);
	memcpy(h->v + i * h->size, rec, h->size);
	h->n++;
	while (i > 0 && at(h, parent = (i - 1) / 2) > at(h, i)) {
		swap(h, i, parent);
		i = parent;
	}
}

time_t
heap_first(const struct heap *h)
{
	return h->n > 0 ? at(h, 0) : 0;
}

bool
heap_pop_due(struct heap *h, time_t now, void *rec)
{
	size_t i = 0, l, m;

	if (h->n == 0 || at(h, 0) > now)
		return false;
	memcpy(rec, h->v, h->size);
	if (--h->n > 0)
		memcpy(h->v, h->v + h->n * h->size, h->size);
	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < h->n && at(h, l) < at(h, m))
			m = l;
		if (l + 1 < h->n && at(h, l + 1) < at(h, m))
			m = l + 1;
		if (m == i)
			break;
		swap(h, i, m);
		i = m;
	}
	return true;
}
