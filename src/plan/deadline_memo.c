/* deadline_memo: the grammar's last answers (deadline_memo.h). */
#include <stdint.h>
#include <string.h>

#include "plan/deadline_memo.h"

struct deadline_memo *
deadline_memo_slot(struct deadline_memo *slots, size_t n, const char *text,
    int key, bool *hit)
{
	uint32_t h = 2166136261u ^ (uint32_t)key;	/* FNV-1a */
	size_t len = 0;
	struct deadline_memo *m;

	for (const unsigned char *p = (const unsigned char *)text; *p != '\0' &&
	    len <= DEADLINE_MEMO_TEXT; p++, len++)
		h = (h ^ *p) * 16777619u;
	if (len == 0 || len > DEADLINE_MEMO_TEXT)
		return NULL;
	m = &slots[h % n];
	*hit = m->key == key && strcmp(m->text, text) == 0;
	return m;
}

void
deadline_memo_keep(struct deadline_memo *m, const char *text, int key,
    struct deadline dl)
{
	m->key = key;
	m->dl = dl;
	/* deadline_memo_slot took only text that fits. */
	memcpy(m->text, text, strlen(text) + 1);
}
