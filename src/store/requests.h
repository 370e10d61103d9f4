/* requests: what a unit asks of its approver, and the approver's answer
 * (the supervision cycle's 申请延期 and 办结复核): a request for a later
 * deadline (an extension) or, under review, a report of completion
 * waiting to be confirmed (销号) or returned (退回).  Each request and
 * each decision records a notice (stage "extension" or "completion" for
 * the approver; "approved", "rejected", "confirmed" or "returned" for the
 * unit, its step the request's id) that the daemon's next pass routes.
 * The approval links' tokens are here too: like ack links' (128 random
 * bits, only the SHA-256 stored), but each names one request and expires.
 * In memory, a request set answers what the schedule and the board ask:
 * an item's effective due date and its review state. */
#ifndef DEADLINED_REQUESTS_H
#define DEADLINED_REQUESTS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "base/util.h"
#include "plan/units.h"
#include "store/store.h"

enum request_kind { REQUEST_EXTENSION, REQUEST_COMPLETION };
enum request_state { REQUEST_PENDING, REQUEST_APPROVED, REQUEST_REJECTED };

/* The longest reason or decision note, in characters. */
#define REQUEST_NOTE_MAX 500

struct unit_request {
	int64_t id;
	enum request_kind kind;
	int64_t measure_id;
	char *unit;		/* the plan's unit name */
	enum role role;
	int due;		/* the occurrence (its original due date) */
	int new_due;		/* an extension's, else DATE_NONE */
	char *note;		/* the reason, or the completion's note */
	const char *source;	/* "web", "cli" (ack_source_name) */
	enum request_state state;
	time_t created_at, decided_at;	/* decided_at 0: pending */
	char *decision_note;	/* NULL: none */
};

/* Record request r (kind, measure_id, unit, role, due, new_due, note,
 * source; state pending) and the approver's notice, in one transaction;
 * r->id is set.  An extension's due may be the date an approved
 * extension moved the occurrence to: it is stored as the occurrence's
 * original date.  EXIT_DATAERR, with a message that says why, for an
 * extension whose new date is not after the current one, or when one
 * for the item already waits. */
int requests_add(struct store *s, struct unit_request *r, time_t now,
    struct error *err) WARN_UNUSED_RESULT;
/* The same in the caller's transaction. */
int requests_record(struct store *s, struct unit_request *r, time_t now,
    struct error *err) WARN_UNUSED_RESULT;

/* Request id into *r (*found false: none). */
int requests_get(struct store *s, int64_t id, struct unit_request *r, bool *found,
    struct error *err) WARN_UNUSED_RESULT;
void request_free(struct unit_request *r);

/* Approve or reject pending request id (a rejection needs a note) and
 * record the unit's notice, in one transaction; *r is the request as
 * decided.  EXIT_NOINPUT: no such request; EXIT_CANTCREAT (*r filled):
 * it was decided already, and stays as it was. */
int requests_decide(struct store *s, int64_t id, bool approve,
    const char *note, const char *source, time_t now, struct unit_request *r,
    struct error *err) WARN_UNUSED_RESULT;

/* The requests that wait, oldest first, as text or as a JSON array of
 * objects (id, kind, measure_id, unit, due, new_due, note, created_at). */
int requests_list(struct store *s, bool json, struct buf *b,
    struct error *err) WARN_UNUSED_RESULT;

/* Whether completions of measure_id's plan are reviewed: the plan's own
 * setting, else dflt (schedule.review). */
int requests_review_on(struct store *s, int64_t measure_id, bool dflt,
    bool *on, struct error *err) WARN_UNUSED_RESULT;
/* A plan's own setting: 1 on, 0 off, -1 the configuration's.
 * EXIT_NOINPUT when there is no such plan. */
int requests_set_plan_review(struct store *s, int64_t plan_id, int on,
    struct error *err) WARN_UNUSED_RESULT;

/* An approval link's token for request id, valid for `days` days from
 * now, into token (TOKEN_HEX_LEN + 1 bytes). */
int review_token_issue(struct store *s, int64_t request_id, time_t now,
    int days, char *token, struct error *err) WARN_UNUSED_RESULT;
/* The request a token names at now.  EXIT_NOINPUT, with no hint of why,
 * when it is malformed, unknown or expired. */
int review_token_lookup(struct store *s, const char *token, time_t now,
    int64_t *request_id, struct error *err) WARN_UNUSED_RESULT;

/* A number that grows with every request made or decided. */
int requests_mark(struct store *s, int64_t *mark, struct error *err) WARN_UNUSED_RESULT;

/* The decisions that matter to a pass and the board, loaded at once. */
struct request_set;
int request_set_load(struct store *s, struct request_set **out,
    struct error *err) WARN_UNUSED_RESULT;
/* Whether a request was made or decided since rs was loaded. */
int request_set_changed(struct store *s, const struct request_set *rs,
    bool *changed, struct error *err) WARN_UNUSED_RESULT;
void request_set_free(struct request_set *rs);

/* The due date of the occurrence due on `due` for the unit: the new date
 * of its last approved extension, else due itself. */
int request_set_due(const struct request_set *rs, int64_t measure_id,
    const char *unit, int due);
/* The occurrence whose effective due date is `due`: its original date
 * (due itself when no extension moved one there). */
int request_set_original(const struct request_set *rs, int64_t measure_id,
    const char *unit, int due);

/* Where a reviewed completion stands for an occurrence (its original
 * date): by its last completion request. */
enum review_state {
	REVIEW_NONE,		/* none asked */
	REVIEW_WAITING,		/* 待审核 */
	REVIEW_CONFIRMED,	/* 销号 */
	REVIEW_RETURNED,	/* 退回 */
};
enum review_state request_set_review(const struct request_set *rs,
    int64_t measure_id, const char *unit, int due);

const char *request_kind_name(enum request_kind k);	/* "extension", … */
const char *request_state_name(enum request_state st);	/* "pending", … */
const char *review_state_name(enum review_state st);	/* "", "waiting", … */

#endif
