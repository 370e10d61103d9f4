/* tokens: ack-link tokens made, checked and looked up (see tokens.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/date.h"
#include "base/digest.h"
#include "store/sql.h"
#include "store/tokens.h"

bool
token_wellformed(const char *token)
{
	return strlen(token) == TOKEN_HEX_LEN &&
	    strspn(token, "0123456789abcdef") == TOKEN_HEX_LEN;
}

int
token_lookup(struct store *s, const char *token, struct ack_target *t,
    struct error *err)
{
	char hash[DIGEST_HEX_LEN + 1];
	sqlite3_stmt *st;
	bool row = false;
	int rc;

	memset(t, 0, sizeof(*t));
	if (!token_wellformed(token))
		return error_set(err, EXIT_NOINPUT, "unknown token");
	digest_sha256_hex(token, TOKEN_HEX_LEN, hash);
	rc = sql_prepare(s, &st, err, "SELECT measure_id, unit, due FROM "
	    "ack_token WHERE hash = ?1", "s", hash);
	if (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		t->measure_id = sqlite3_column_int64(st, 0);
		t->unit = xstrdup(col_text(st, 1));
		if (!date_parse(col_text(st, 2), &t->due))
			rc = error_set(err, EXIT_DATAERR, "malformed token row");
	}
	sql_done(s, st);
	if (rc == 0 && !row)
		rc = error_set(err, EXIT_NOINPUT, "unknown token");
	if (rc != 0)
		ack_target_free(t);
	return rc;
}

void
ack_target_free(struct ack_target *t)
{
	free(t->unit);
	t->unit = NULL;
}

int
token_issue(struct store *s, int64_t measure_id, const char *unit,
    int due, time_t now, char *token, struct error *err)
{
	char hash[DIGEST_HEX_LEN + 1], day[11];

	/* 128 bits from the kernel's CSPRNG; a short read is an error, not
	 * a weaker token. */
	if (!digest_random_hex(token, TOKEN_HEX_LEN / 2))
		return error_set(err, EXIT_SOFTWARE, "getrandom failed");
	digest_sha256_hex(token, TOKEN_HEX_LEN, hash);
	date_format(due, day);
	return sql_run(s, err, "INSERT INTO ack_token (hash, measure_id, unit, "
	    "due, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", "sIssI", hash,
	    measure_id, unit, day, (int64_t)now);
}

int
item_order(int64_t measure_a, int due_a, const char *unit_a,
    int64_t measure_b, int due_b, const char *unit_b)
{
	if (measure_a != measure_b)
		return measure_a < measure_b ? -1 : 1;
	if (due_a != due_b)
		return due_a < due_b ? -1 : 1;
	return strcmp(unit_a, unit_b);
}
