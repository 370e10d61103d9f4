/* deadline_memo: the deadline grammar's last answers, remembered per
 * thread.  A plan says 年底前 a thousand times, and an import asks of
 * every row's deadline, and of its units cell (deadline-like?), whose
 * names the grammar reads again in every row that lists them: each
 * answer is a pure function of the text and a key (its year, how it was
 * read), so the last ones are kept, direct-mapped by a hash of both. */
#ifndef DEADLINED_DEADLINE_MEMO_H
#define DEADLINED_DEADLINE_MEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/deadline_kind.h"

/* The longest text kept, in bytes: 21 Chinese characters, as most
 * deadlines and units cells are; longer text is read anew. */
#define DEADLINE_MEMO_TEXT 63

struct deadline_memo {
	int key;
	struct deadline dl;
	char text[DEADLINE_MEMO_TEXT + 1];	/* "" : an empty slot */
};

/* The slot of slots[0..n) for text read with key; *hit when it holds
 * their answer.  NULL for text that is empty or longer than
 * DEADLINE_MEMO_TEXT (not kept). */
struct deadline_memo *deadline_memo_slot(struct deadline_memo *slots,
    size_t n, const char *text, int key, bool *hit);
/* Keep the answer dl for text and key in slot m. */
void deadline_memo_keep(struct deadline_memo *m, const char *text, int key,
    struct deadline dl);

#endif
