/* arena: memory handed out in pieces and freed all at once, with one
 * copy of each distinct string (interning).  A loaded plan keeps its
 * measures' units in one: a hundred thousand small arrays and their
 * names, each of them a malloc of its own, cost more in allocator
 * headers, rounding and growth slack than in what they hold. */
#ifndef DEADLINED_ARENA_H
#define DEADLINED_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* Free the arena and everything it handed out (NULL: nothing). */
void arena_free(struct arena *a);
/* size bytes aligned for pointers and 64-bit integers, valid until
 * arena_free; NULL for size 0. */
void *arena_alloc(struct arena *a, size_t size);
/* A copy of s of its own (NULL for NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* The arena's copy of s, the same pointer for equal strings; NULL for
 * NULL. */
const char *arena_intern(struct arena *a, const char *s);

#endif
