/* arena: bump allocation in chunks, and an open-addressing index of the
 * interned strings. */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/text.h"
#include "base/util.h"

/* arena_alloc's pieces are aligned for pointers and 64-bit integers (what
 * plans keep), not for long double: 8 bytes, not max_align_t's 16;
 * strings are not aligned. */
#define ALIGN 8

/* Chunks grow from the first size to the last, so that a small plan
 * costs a page or so and a large one few chunks; a piece larger than a
 * quarter of a chunk gets a chunk of its own. */
#define CHUNK_FIRST 4096
#define CHUNK_LAST 65536

struct chunk {
	struct chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *chunks;	/* the newest first: it is the one filled */
	size_t next_size;
	const char **slots;	/* the interned strings, NULL for empty */
	size_t nslots, nstrings;
};

struct arena *
arena_new(void)
{
	struct arena *a = xcalloc(1, sizeof(*a));

	a->next_size = CHUNK_FIRST;
	return a;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a->slots);
	free(a);
}

/* size bytes at a multiple of align (a power of two, at most ALIGN). */
static void *
take(struct arena *a, size_t size, size_t align)
{
	struct chunk *c = a->chunks, *big;
	size_t at;

	if (size > SIZE_MAX / 2)
		fatalx("arena: allocation too large");
	at = c != NULL ? (c->used + align - 1) & ~(align - 1) : 0;
	if (c != NULL && at + size <= c->size) {
		c->used = at + size;
		return c->data + at;
	}
	if (size > a->next_size / 4) {
		/* Behind the current chunk, which stays the one filled. */
		big = xmalloc(sizeof(*big) + size);
		big->size = big->used = size;
		big->next = c != NULL ? c->next : NULL;
		if (c != NULL)
			c->next = big;
		else
			a->chunks = big;
		return big->data;
	}
	c = xmalloc(sizeof(*c) + a->next_size);
	c->size = a->next_size;
	c->used = size;
	c->next = a->chunks;
	a->chunks = c;
	if (a->next_size < CHUNK_LAST)
		a->next_size *= 2;
	return c->data;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return size > 0 ? take(a, size, ALIGN) : NULL;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t len;
	char *copy;

	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	copy = take(a, len, 1);	/* text needs no alignment */
	memcpy(copy, s, len);
	return copy;
}

/* The slot of s: where it is, or the empty one where it goes. */
static size_t
slot_of(const struct arena *a, const char *s)
{
	size_t h = text_hash(s) & (a->nslots - 1);

	while (a->slots[h] != NULL && strcmp(a->slots[h], s) != 0)
		h = (h + 1) & (a->nslots - 1);
	return h;
}

static void
rehash(struct arena *a)
{
	const char **old = a->slots;
	size_t n = a->nslots;

	a->nslots = n == 0 ? 64 : 2 * n;
	a->slots = xcalloc(a->nslots, sizeof(*a->slots));
	for (size_t i = 0; i < n; i++)
		if (old[i] != NULL)
			a->slots[slot_of(a, old[i])] = old[i];
	free(old);
}

const char *
arena_intern(struct arena *a, const char *s)
{
	size_t h;

	if (s == NULL)
		return NULL;
	if (2 * (a->nstrings + 1) > a->nslots)
		rehash(a);
	h = slot_of(a, s);
	if (a->slots[h] == NULL) {
		a->slots[h] = arena_strdup(a, s);
		a->nstrings++;
	}
	return a->slots[h];
}
