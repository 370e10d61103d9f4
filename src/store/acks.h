/* acks: acknowledgements ("已收到", ack; "已完成", done; "报告进展",
 * progress), the tokens that
 * carry them, what each unit has answered, and the supervisor's board
 * (one cell per measure and unit).  SQL over the store's helpers. */
#ifndef DEADLINED_ACKS_H
#define DEADLINED_ACKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "base/buf.h"
#include "plan/deadline.h"
#include "plan/plan.h"
#include "plan/notice.h"
#include "store/store.h"
#include "store/requests.h"
#include "store/tokens.h"

/* ACK_PAUSE and ACK_RESUME are the supervisor's (store/pauses.h), in the
 * log beside the units' answers but no answer of theirs. */
enum ack_kind { ACK_ACK, ACK_DONE, ACK_PROGRESS, ACK_PAUSE, ACK_RESUME,
    ACK_KIND_COUNT };
enum ack_source { ACK_WEB, ACK_CLI, ACK_API };

struct ack_record {
	enum ack_kind kind;
	enum ack_source source;
	const char *note;	/* NULL or "" for none */
	const char *remote;	/* the client's address (web), NULL otherwise */
	const char *agent;	/* its User-Agent (web), NULL otherwise */
	const struct ack_progress *progress;	/* ACK_PROGRESS: the rest of
						 * the report; NULL otherwise */
};

/* A progress report (进展填报): what was done (the record's note), the
 * share complete, problems needing coordination and next steps.  A
 * report also says that the unit has the item: it counts as 已收到 (no
 * more lead notices, no escalation), never as 已完成.  The limits are
 * the form's and the command's. */
#define PROGRESS_TEXT_MAX	2000	/* characters of what was done */
#define PROGRESS_MORE_MAX	1000	/* ... of the problems, of next steps */
struct ack_progress {
	const char *text;
	int percent;		/* 0..100, -1: not given */
	const char *problems;	/* NULL: none */
	const char *next;	/* NULL: none */
};

/* What is wrong with a report, if anything. */
enum progress_fault {
	PROGRESS_OK,
	PROGRESS_NO_TEXT,	/* what was done is empty */
	PROGRESS_TEXT,		/* too long, or control characters */
	PROGRESS_PERCENT,	/* not an integer 0..100 */
	PROGRESS_PROBLEMS,	/* too long, or control characters */
	PROGRESS_NEXT,		/* the same */
};

/* Check a report's fields as given (percent "" or NULL: not given; an
 * empty problems or next: none) and fill *p, which points into them. */
enum progress_fault acks_progress_read(struct ack_progress *p,
    const char *text, const char *percent, const char *problems,
    const char *next);
/* What a fault is, as one English line ("percent: an integer from 0 to
 * 100 expected"). */
const char *progress_fault_text(enum progress_fault f);

/* One earlier report of a unit, for its page. */
struct progress_row {
	time_t at;
	int percent;		/* -1: not given */
	char *text, *problems, *next;	/* problems, next NULL: none */
	char *source;
};
/* The unit's reports for the occurrence of measure due on `due`, newest
 * first, at most max of them. */
int acks_progress_list(struct store *s, int64_t measure_id, const char *unit,
    int due, size_t max, struct progress_row **out, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;
void progress_rows_free(struct progress_row *r, size_t n);

/* Record an acknowledgement.  Repeating one is harmless: it is logged
 * again and changes nothing else. */
int acks_record(struct store *s, const struct ack_target *t,
    const struct ack_record *a, time_t now, struct error *err) WARN_UNUSED_RESULT;

/* Record an answer as acks_record does; under review (the plan's own
 * setting, else review_dflt, schedule.review) a done also becomes a
 * completion request for the approver (*waiting then true): 待审核
 * until confirmed.  role is the unit's in the measure. */
int acks_record_answer(struct store *s, const struct ack_target *t,
    const struct ack_record *a, enum role role, bool review_dflt,
    time_t now, bool *waiting, struct error *err) WARN_UNUSED_RESULT;

/* The answer of unit for the occurrence of measure due on `due` (done
 * outranks ack). */
int acks_answer(struct store *s, int64_t measure_id, const char *unit,
    int due, enum answer *out, struct error *err) WARN_UNUSED_RESULT;

/* Every answer, loaded once for a pass. */
struct answers;
int acks_load(struct store *s, struct answers **out, struct error *err) WARN_UNUSED_RESULT;
enum answer answers_get(const struct answers *a, int64_t measure_id,
    const char *unit, int due);
void answers_free(struct answers *a);
/* The answer that counts for the occurrence of measure due on `due` (its
 * original date or the one an approved extension moved it to): what the
 * unit answered for either date, done outranking ack, except that a
 * completion its approver returned (退回) counts as acknowledged, the
 * item open again.  One waiting for review counts as done: nothing is
 * sent while the approver decides.  The one home of that rule, for the
 * schedule, escalations and the board. */
enum answer answers_effective(const struct answers *a,
    const struct request_set *rs, int64_t measure_id, const char *unit,
    int due);
/* When the unit last reported progress for that occurrence, 0: never. */
time_t answers_reported(const struct answers *a, int64_t measure_id,
    const char *unit, int due);
/* Whether the log has grown since a was loaded (the log is append-only,
 * so its last id tells): a pass reloads the answers only then. */
int acks_changed(struct store *s, const struct answers *a, bool *changed,
    struct error *err) WARN_UNUSED_RESULT;

/* The acknowledgement log, oldest first: a JSON array of objects with
 * unit, measure_id, due, kind ("ack"/"done"/"progress", or the
 * supervisor's "pause"/"resume"), at (ISO 8601),
 * source ("web"/"cli"/"api"), note (a report's text), remote, agent, and
 * a report's percent, problems and next (null otherwise); or text. */
int acks_list(struct store *s, bool json, struct buf *b, struct error *err) WARN_UNUSED_RESULT;

/* The state of one measure for one unit, for the supervisor's board. */
enum cell_state {
	CELL_QUIET,		/* nothing sent yet */
	CELL_WAITING,		/* notified, no answer yet */
	CELL_ACKED,		/* 已收到 */
	CELL_DONE,		/* 已完成 */
	CELL_OVERDUE,		/* past due and silent */
	CELL_BEHIND,		/* a progress report missing past its date
				 * (marked by the schedule: schedule_mark_behind) */
	CELL_PAUSED,		/* 已暂停: held until a date (marked by
				 * pauses_mark_board) */
};
#define CELL_STATES (CELL_PAUSED + 1)

struct board_cell {
	const struct plan *plan;
	const struct plan_task *task;
	const struct plan_measure *measure;
	const struct unit_ref *unit;
	int due;		/* current due date, DATE_NONE for none */
	enum cell_state state;
	int extended_to;	/* the unit's approved new date (已延期),
				 * DATE_NONE: none */
	enum review_state review;	/* a reviewed completion: waiting
					 * (待审核, the cell acked) or
					 * returned (退回) */
	bool escalated;		/* its silence was escalated (sent) */
	bool has_level;		/* cell_level's answer on the board's day: */
	enum level level;	/* its level, when it has one */
	/* The unit's latest progress report on that occurrence: when (0:
	 * none), its share (-1: not given) and its text (NULL: none). */
	time_t reported;
	int percent;
	char *report;
	/* The pause in force today, also when done or under review (the
	 * state says 已暂停 only otherwise): its date (DATE_NONE: none) and
	 * reason. */
	int paused_until;
	char *pause_reason;
};

/* The level of the notices the cell's unit gets now (plan/notice.h):
 * false for none (done, never notified, acknowledged before its due). */
bool cell_level(const struct board_cell *c, int today, enum level *l);

/* The board of the given plans on day `today`: a cell per measure and
 * unit, in plan order, for the occurrence current today under rules
 * (an ongoing item's check-in period, a weekly item's week: see
 * deadline_occurrence; NULL: none).  *cells is freed with
 * acks_board_free. */
int acks_board(struct store *s, struct plan *const *plans, size_t n,
    int today, const struct dl_rules *rules, struct board_cell **cells, size_t *ncells, struct error *err) WARN_UNUSED_RESULT;
void acks_board_free(struct board_cell *cells, size_t n);

/* The board's cells by state (counts[CELL_*]), as the daemon last
 * counted them at `at`, kept for /metrics (which then reads a few rows
 * whatever the plans' size). */
int acks_set_board_counts(struct store *s, const size_t *counts,
    size_t ncounts, time_t at, struct error *err) WARN_UNUSED_RESULT;
/* Read them back: counts[0..ncounts) by cell state, zero when never
 * counted; *at is 0 then. */
int acks_board_counts(struct store *s, size_t *counts, size_t ncounts,
    time_t *at, struct error *err) WARN_UNUSED_RESULT;

/* How many answers of this kind the log holds. */
int acks_count(struct store *s, enum ack_kind kind, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;
/* How many answers of any kind: what the board's caches are kept by. */
int acks_count_all(struct store *s, size_t *n, struct error *err) WARN_UNUSED_RESULT;

const char *cell_state_name(enum cell_state st);	/* "quiet", "waiting", … */
const char *ack_kind_name(enum ack_kind k);	/* "ack", "done", "progress", … */
const char *ack_source_name(enum ack_source s);		/* "web", "cli", "api" */

#endif
