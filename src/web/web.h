/* web: the HTML pages and JSON documents of the HTTP endpoint, as pure
 * functions over data (no store, no clock, no socket), so that they can be
 * tested alone and http.c holds no markup.  Every text that comes from a
 * plan, a unit or a request is escaped. */
#ifndef DEADLINED_WEB_H
#define DEADLINED_WEB_H

#include <stddef.h>
#include <stdint.h>
#include "store/acks.h"
#include "base/buf.h"
#include "engine/schedule.h"

/* The item an acknowledgement link names. */
struct web_item {
	const char *plan_title;		/* NULL when the measure is gone */
	int task_no;
	const char *task_title;
	const char *measure;
	const char *deadline_text;
	const char *unit;
	const char *role;		/* role_label(), NULL when unknown */
	int due;			/* DATE_NONE for none */
};

/* Rows of the board on one page. */
#define WEB_BOARD_PAGE 100

/* The dashboard's filters (from the query string); NULL: no filter. */
struct web_filter {
	const char *unit;
	const char *state;		/* a cell_state name */
	const char *level;		/* a level's name (plan/notice.h) */
	const char *group;		/* a configured group's members */
	int64_t plan;			/* a plan's id, 0: every plan */
	size_t page;			/* 1-based page of rows, 0: the first */
	bool scores;			/* the page has a 考评 section */
	bool period;			/* a 考评 period asked for (from or to
					 * given, even empty): links keep it */
	int from, to;			/* its bounds, DATE_NONE: open */
};


/* Where an item stands for its unit's ack page. */
struct ack_standing {
	enum answer state;
	enum review_state review;	/* under review: waiting or returned */
	int extended_to;	/* an approved extension's date, or DATE_NONE */
	int paused_until;	/* a pause in force: its date, or DATE_NONE */
	const char *pause_reason;	/* and its reason */
};

/* GET /ack/TOKEN: the item, where it stands, and the forms posting to
 * action: the answer's and the progress report's, with the unit's
 * earlier reports (newest first). */
char *web_ack_page(const struct web_item *it, const struct ack_standing *st,
    const char *action, const struct progress_row *reports, size_t nreports);
/* The page after a POST: what was recorded, with its note (or NULL) or
 * the progress report p (NULL for another kind). */
char *web_ack_recorded(const struct web_item *it, enum ack_kind kind,
    const char *note, const struct ack_progress *p);
/* The page that says why a progress report was refused, with a link back
 * to the form at action (web/progress.c). */
char *web_progress_refused(enum progress_fault f, const char *action);

/* The supervision cycle's requests (web/review_page.c).  The ack page's
 * extension form (id="extend", kind=extend, new_due, reason), posting to
 * action. */
void web_extend_form(struct buf *b, const char *action);
/* The page after an extension was asked. */
char *web_extend_recorded(const struct web_item *it,
    const struct unit_request *r);
/* After 已完成 under review: recorded, and waiting for the approver
 * (待审核). */
char *web_done_waiting(const struct web_item *it, const char *note);
/* GET /review/TOKEN: what the approver is to decide, and the form
 * (id="review": decision=approve|reject, note) posting to action; a
 * decided request is shown with its decision, without the form. */
char *web_review_page(const struct web_item *it, const struct unit_request *r,
    const char *action);
/* After a POST: the decision recorded, or (already) the one made
 * before, which stands. */
char *web_review_decided(const struct web_item *it,
    const struct unit_request *r, bool already);

/* A plain page for an error status ("404 Not Found"), no details. */
char *web_error_page(int status, const char *reason);

/* Whether name is the name of a cell state ("quiet", "waiting", …). */
bool web_state_valid(const char *name);
/* The class of a cell in that state ("done", "acked", …). */
const char *web_state_name(enum cell_state st);

/* Whether cell c passes the filters f (NULL: no filter), as the board
 * and /ledger.xlsx apply them. */
bool web_cell_shown(const struct board_cell *c, const struct web_filter *f);

/* GET /: the supervisor's board of day `today`, with the filters
 * (web/board.c). */
char *web_dashboard(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f);
struct ledger;
/* The board, with a 考评 section when f->scores: its form, and the
 * table of scores (the ledger of the cells shown) unless NULL, not
 * counted. */
char *web_dashboard_scores(const struct board_cell *cells, size_t n,
    int today, const struct web_filter *f, const struct ledger *scores);
/* 考评: the period's form (the filters f kept), then each unit's figures
 * of l, the lowest on-time rate first, a group's members folded under it
 * (NULL: the form alone) (web/scores.c). */
void web_scores(struct buf *b, const struct ledger *l,
    const struct web_filter *f);
/* GET /api/v1/board: the same cells as JSON. */
char *web_board_json(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f);

#endif
