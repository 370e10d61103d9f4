/* tokens: the capability tokens of ack links, in one place: their shape
 * (128 random bits as 32 lowercase hex digits), making one for an item
 * (only its SHA-256 is stored, so a copy of the database holds no usable
 * link), and finding the item a token names. */
#ifndef DEADLINED_TOKENS_H
#define DEADLINED_TOKENS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/util.h"
#include "store/store.h"

#define TOKEN_HEX_LEN 32	/* hex digits of a token */

/* What a token names: one occurrence of a measure for one unit. */
struct ack_target {
	int64_t measure_id;
	char *unit;		/* the plan's unit name */
	int due;		/* day number */
};

/* The one order of items (measure, then due date, then unit), for the
 * sorted sets a pass or a page searches: <0, 0, >0 as strcmp. */
int item_order(int64_t measure_a, int due_a, const char *unit_a,
    int64_t measure_b, int due_b, const char *unit_b);

/* Whether token has a token's shape: exactly TOKEN_HEX_LEN lowercase hex
 * digits. */
bool token_wellformed(const char *token);

/* A new token for (measure, unit, due) into token (TOKEN_HEX_LEN + 1
 * bytes), from the kernel's CSPRNG; its hash is stored with the item. */
int token_issue(struct store *s, int64_t measure_id, const char *unit,
    int due, time_t now, char *token, struct error *err) WARN_UNUSED_RESULT;

/* The item token names, by the token's SHA-256 (an indexed lookup; no
 * secret compared in C).  EXIT_NOINPUT, with no hint of why, when it is
 * malformed or unknown. */
int token_lookup(struct store *s, const char *token, struct ack_target *t,
    struct error *err) WARN_UNUSED_RESULT;
void ack_target_free(struct ack_target *t);

#endif
