/* notice_keys: the keys of the notices stored, as a set held in memory
 * for one pass over every item (notice_keys.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "store/notice_keys.h"
#include "store/sql.h"

/* The stored notices' keys, an open-addressing set: each slot 0 (empty)
 * or a key's fingerprint << 2 | 2 (taken) | current.  One probe where a
 * sorted array took twenty (the cold pass asks about every key). */
struct notice_keys {
	uint64_t *slot;
	size_t mask;		/* slots - 1, a power of two less one */
};

/* w folded into h: a bijection of w for a given h (a multiply by an odd
 * constant, then high bits shifted down into the low ones that pick a
 * slot). */
static inline uint64_t
key_fold(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ h >> 29;
}

/* A notice's key hashed: measure, due date, stage, step, then the unit
 * eight bytes at a time (the cold pass hashes two million keys, and
 * FNV-1a's byte at a time was a tenth of it), shifted to leave the
 * slot's two flag bits. */
static uint64_t
key_hash(int64_t measure_id, const char *unit, int due, enum stage stage,
    int step)
{
	uint64_t h = TEXT_HASH_SEED, w;
	size_t n = strlen(unit), i;

	h = key_fold(h, (uint64_t)measure_id);
	h = key_fold(h, (uint64_t)(uint32_t)due << 32 | (uint32_t)stage);
	h = key_fold(h, (uint64_t)(uint32_t)step << 32 | n);
	for (i = 0; i + sizeof(w) <= n; i += sizeof(w)) {
		memcpy(&w, unit + i, sizeof(w));
		h = key_fold(h, w);
	}
	w = 0;
	memcpy(&w, unit + i, n - i);
	return key_fold(key_fold(h, w), 0) << 2;
}

/* The slot of fingerprint h, or of the empty one where it would go. */
static uint64_t *
key_slot(const struct notice_keys *k, uint64_t h)
{
	size_t i = (size_t)(h >> 2 ^ h >> 34) & k->mask;

	while (k->slot[i] != 0 && (k->slot[i] & ~3ull) != h)
		i = (i + 1) & k->mask;
	return &k->slot[i];
}

int
outbox_notice_keys(struct store *s, struct notice_keys **out,
    struct error *err)
{
	struct notice_keys *k = xcalloc(1, sizeof(*k));
	uint64_t *v = NULL;
	sqlite3_stmt *st;
	size_t n = 0, cap = 0, size = 16;
	bool row = true;
	int rc;

	rc = sql_prepare(s, &st, err, "SELECT measure_id, unit, due, stage, "
	    "step, current FROM notice", "");
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		enum stage stage;
		int due;

		/* A key this program cannot read is asked about as before. */
		if (!date_parse(col_text(st, 2), &due) ||
		    !stage_from_name(col_text(st, 3), &stage))
			continue;
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = key_hash(sqlite3_column_int64(st, 0), col_text(st, 1),
		    due, stage, sqlite3_column_int(st, 4)) | 2 |
		    (sqlite3_column_int(st, 5) != 0);
	}
	sql_done(s, st);
	if (rc != 0) {
		free(v);
		free(k);
		return rc;
	}
	/* At most half full: short probes. */
	while (size < 2 * n)
		size *= 2;
	k->slot = xcalloc(size, sizeof(*k->slot));
	k->mask = size - 1;
	for (size_t i = 0; i < n; i++)
		*key_slot(k, v[i] & ~3ull) = v[i];
	free(v);
	*out = k;
	return 0;
}

bool
notice_keys_known(const struct notice_keys *k, const struct notice_new *n)
{
	uint64_t e = *key_slot(k, key_hash(n->measure_id, n->unit, n->n->due,
	    n->n->stage, n->n->step));

	/* Stored, and current or asked about as missed. */
	return e != 0 && ((e & 1) != 0 || !n->n->current);
}

void
notice_keys_free(struct notice_keys *k)
{
	if (k == NULL)
		return;
	free(k->slot);
	free(k);
}
