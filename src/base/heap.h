/* heap: a binary min-heap of fixed-size records ordered by their first
 * member, a time_t.  The engine keeps what will fall due next in two of
 * them (reminders by item, escalations by item), so that a pass looks at
 * what is due now and not at every measure of every plan. */
#ifndef DEADLINED_HEAP_H
#define DEADLINED_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct heap {
	unsigned char *v;
	size_t size;		/* of one record; each starts with a time_t */
	size_t n, cap;
};

void heap_init(struct heap *h, size_t size);
/* Forget every record (the caller frees what they point to). */
void heap_clear(struct heap *h);
void heap_free(struct heap *h);
/* Room for n records in all, exactly (no growth slack), when there is
 * less: for a heap whose size is known before it is filled. */
void heap_reserve(struct heap *h, size_t n);
/* Add a copy of rec. */
void heap_push(struct heap *h, const void *rec);
/* The earliest time in the heap, 0 when it is empty. */
time_t heap_first(const struct heap *h);
/* Take the earliest record into rec if its time is at or before now. */
bool heap_pop_due(struct heap *h, time_t now, void *rec);

#endif
