/* ledger: the supervisor's 台账, one row per item (a measure and one of
 * its units, a group's members each their own), built once from the
 * board's cells and the store's times, with each unit's figures; and
 * its three file forms, CSV, JSON and XLSX (store/ledger_write.c). */
#ifndef DEADLINED_LEDGER_H
#define DEADLINED_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "conf/calendar.h"
#include "store/acks.h"

/* An item's state in the ledger, in the order of precedence
 * ledger_build applies (the first that holds). */
enum ledger_state {
	LEDGER_DONE,		/* 已完成 (with review: confirmed, 销号) */
	LEDGER_REVIEW,		/* 待审核: done reported, not yet confirmed */
	LEDGER_PAUSED,		/* 已暂停至 DATE: held by the supervisor
				 * (store/pauses.h), counted open */
	LEDGER_OVERDUE,		/* 逾期 N 天: not done, past its due date */
	LEDGER_PROGRESS,	/* 进行中 N%: a progress report received (进行中
				 * alone when it gave no share) */
	LEDGER_ACKED,		/* 已确认 */
	LEDGER_NOTIFIED,	/* 已通知: a notice went out, no answer */
	LEDGER_QUIET,		/* 未通知 */
	LEDGER_NSTATES
};

enum ledger_ontime { ONTIME_UNKNOWN, ONTIME_YES, ONTIME_NO };

struct ledger_row {
	const struct board_cell *cell;	/* plan, task, measure, unit */
	int due;		/* the due date (DATE_NONE: none) */
	int extended;		/* an approved new due date, else DATE_NONE */
	enum ledger_state state;
	int days_overdue;	/* with LEDGER_OVERDUE */
	time_t notified;	/* first notice sent; 0: none (so for all) */
	time_t acked;		/* first 已收到 */
	time_t done;		/* first 已完成 (under review: the last) */
	time_t last_done;	/* the last 已完成 */
	time_t reviewed;	/* confirmed (销号) */
	time_t progress_at;	/* the latest progress report */
	int progress_share;	/* its share complete, -1 for none */
	const char *progress_text;	/* its text (the cell's), NULL: none */
	enum ledger_ontime ontime;
};

/* One unit's figures (the 按单位 sheet, 考评): of its items due in the
 * ledger's period (all of them when it has none). */
struct ledger_unit {
	const char *name;
	const char *group;	/* its group (its first item's), NULL: none */
	size_t items, done_ontime, done_late, overdue, open;
	size_t due_by;		/* items due on or before the report date */
	size_t due_ontime;	/* of those, done on time */
	size_t acked;		/* notified and answered: in the median */
	size_t unacked;		/* notified, never answered */
	double ack_median;	/* median working days from the first notice
				 * to the first answer; -1: none answered */
	size_t reports_due;	/* progress report dates passed in the
				 * period (of every item of the unit) */
	size_t reports_ontime;	/* of those, reported by the date */
};

/* One progress report date of an item and the day before its period:
 * a report counts for it when made in (after, date]. */
struct ledger_report {
	int after, date;
};

/* What the units' figures count (ledger_build_period).  The items whose
 * due date (an approved extension's, when there is one) falls in [from,
 * to], DATE_NONE leaving that end open; with both open, every item, so
 * that date-less ones count too.  The working days for the median are
 * cal's and window's (a NULL window: Monday to Friday). */
struct ledger_period {
	int from, to;
	const struct calendar *cal;
	const struct send_window *window;
	/* The report dates of c's occurrence due on `due` up to `to` (at
	 * most max into out, counted), the engine's policy; NULL when
	 * reports are off (schedule.progress): the ledger then counts
	 * none. */
	size_t (*reports)(const void *arg, const struct board_cell *c, int due,
	    int to, struct ledger_report *out, size_t max);
	const void *arg;
};

struct ledger {
	int today;		/* the report date */
	int from, to;		/* the period, DATE_NONE: open */
	bool reports;		/* progress reports counted */
	struct ledger_row *rows;
	size_t nrows;
	struct ledger_unit *units;	/* in order of first appearance */
	size_t nunits;
};

/* Most rows a ledger holds: an XLSX sheet's rows less its header. */
#define LEDGER_MAX_ROWS 1048575

/* The ledger of cells (the board's, filtered as wanted; they must
 * outlive it) on day `today`.  EXIT_DATAERR past LEDGER_MAX_ROWS. */
int ledger_build(struct store *s, const struct board_cell *cells, size_t n,
    int today, struct ledger *l, struct error *err) WARN_UNUSED_RESULT;
/* The same with the units' figures of period p (NULL: as ledger_build,
 * every item, no progress reports).  The rows are every cell's. */
int ledger_build_period(struct store *s, const struct board_cell *cells,
    size_t n, int today, const struct ledger_period *p, struct ledger *l,
    struct error *err) WARN_UNUSED_RESULT;
/* The working days after day `from` up to `to`, inclusive: 0 when to is
 * on or before from, or only holidays and weekends lie between. */
int ledger_workdays(const struct calendar *cal, const struct send_window *w,
    int from, int to);
/* The order of l's units for 考评: the lowest on-time rate first (none
 * due last), then more overdue, then by name; or, best_first (the
 * periodic report's ranking), the same reversed, none due still last;
 * into order[nunits]. */
void ledger_units_order(const struct ledger *l, bool best_first,
    size_t *order);
void ledger_free(struct ledger *l);

/* The state of a row as the ledger writes it: "逾期 3 天", "进行中 40%". */
void ledger_state_text(const struct ledger_row *r, char *out, size_t len);
/* The state's name in JSON ("done", "review", "paused", ...). */
const char *ledger_state_name(enum ledger_state st);
/* The state's short Chinese name ("逾期", "进行中"), for counts by state. */
const char *ledger_state_label(enum ledger_state st);
/* The state's colours (0xRRGGBB): a cell's fill and its text, whose
 * darker colour the report's bars take. */
struct ledger_colour {
	uint32_t fill, font;
};
const struct ledger_colour *ledger_state_colour(enum ledger_state st);
/* The on-time rate of u in per cent, rounded; -1 when nothing was due. */
int ledger_ontime_rate(const struct ledger_unit *u);

/* A cell of the ledger's table: its kind and value. */
enum ledger_kind { LV_EMPTY, LV_TEXT, LV_INT, LV_DATE, LV_TIME };
struct ledger_value {
	enum ledger_kind kind;
	const char *text;	/* LV_TEXT (may point at the scratch) */
	long long i;		/* LV_INT */
	int day;		/* LV_DATE */
	time_t t;		/* LV_TIME */
};

struct ledger_column {
	const char *label;	/* header (CSV, XLSX) */
	const char *key;	/* JSON member */
};
/* The columns, in their order. */
enum ledger_col {
	LEDGER_COL_PLAN, LEDGER_COL_TASK_NO, LEDGER_COL_TASK,
	LEDGER_COL_MEASURE_ID, LEDGER_COL_MEASURE, LEDGER_COL_UNIT,
	LEDGER_COL_GROUP, LEDGER_COL_ROLE, LEDGER_COL_DEADLINE, LEDGER_COL_DUE,
	LEDGER_COL_EXTENDED, LEDGER_COL_STATE, LEDGER_COL_NOTIFIED,
	LEDGER_COL_ACKED, LEDGER_COL_PROGRESS_AT, LEDGER_COL_SHARE,
	LEDGER_COL_PROGRESS, LEDGER_COL_DONE, LEDGER_COL_REVIEWED,
	LEDGER_COL_ONTIME,
	LEDGER_NCOLUMNS
};
extern const struct ledger_column ledger_columns[LEDGER_NCOLUMNS];
/* Column col of row r; scratch holds texts made for it (64 bytes). */
void ledger_value(const struct ledger_row *r, size_t col, char *scratch,
    struct ledger_value *v);

/* The three forms (store/ledger_write.c).  CSV: a header and a record
 * per row; JSON: {"report_date", "rows", "units"}. */
void ledger_write_csv(struct buf *b, const struct ledger *l);
void ledger_write_json(struct buf *b, const struct ledger *l);
/* 考评 alone: {"report_date", "from", "to", "units"}, the units in
 * ledger_units_order; and as a text table. */
void ledger_write_scores_json(struct buf *b, const struct ledger *l);
void ledger_write_scores_text(struct buf *b, const struct ledger *l);
/* The workbook at path (its temporary files in tmpdir, NULL for the
 * system's): sheet 台账 and sheet 按单位. */
int ledger_write_xlsx(const struct ledger *l, const char *path,
    const char *tmpdir, struct error *err) WARN_UNUSED_RESULT;
/* The workbook's bytes appended to out, written in a private directory
 * under $TMPDIR (or /tmp) that is removed after; EXIT_SOFTWARE when it
 * is larger than max bytes. */
int ledger_xlsx_bytes(const struct ledger *l, size_t max, struct buf *out,
    struct error *err) WARN_UNUSED_RESULT;

#endif
