/* pauses: the supervisor's pause (暂停) of items, like a silence: a
 * paused item (a measure and one of its units) gets no reminder of any
 * stage until the pause's date, and resumes on it.  A pause names one
 * unit of a measure or (unit NULL) every unit of it; ended early
 * (resume), its row keeps the time.  Each pause and resume is written to
 * the answers log too (ack kinds "pause" and "resume", the reason as the
 * note), once for each item it touches.  In memory, a pause set answers
 * what a pass, the board and the ledger ask: is an item paused on a day,
 * until when, and why. */
#ifndef DEADLINED_PAUSES_H
#define DEADLINED_PAUSES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "base/util.h"
#include "store/acks.h"
#include "store/store.h"

/* The longest reason, in characters. */
#define PAUSE_REASON_MAX 500

/* One pause or resume of a measure's units. */
struct pause_req {
	int64_t measure_id;
	const char *unit;	/* the plan's unit name; NULL: every unit */
	const char *const *items;	/* the units it touches, for the log */
	size_t nitems;
	int due;		/* their occurrence current now (the log's) */
	int until;		/* a pause's first day of notices again */
	const char *reason;	/* a pause's; a resume's: NULL */
	enum ack_source source;
};

/* Record the pauses p[0..n), and their log entries, in one transaction. */
int pauses_add(struct store *s, const struct pause_req *p, size_t n,
    time_t now, struct error *err) WARN_UNUSED_RESULT;

/* End the pauses in force on `today` that p[0..n) name (a unit's own,
 * or with unit NULL every pause of the measure), logging a resume for
 * each item of a request that ended one, in one transaction.
 * EXIT_DATAERR, nothing changed, when none was in force (the message
 * says so, and says to resume with --all when the measure is paused for
 * every unit). */
int pauses_resume(struct store *s, const struct pause_req *p, size_t n,
    int today, time_t now, struct error *err) WARN_UNUSED_RESULT;

/* The pauses in force on `today`, by measure and unit, as text or as a
 * JSON array of objects (id, measure_id, unit (null: every unit), until,
 * reason, source, created_at). */
int pauses_list(struct store *s, int today, bool json, struct buf *b,
    struct error *err) WARN_UNUSED_RESULT;

/* A pause as a pass or the board sees it. */
struct pause_row {
	int64_t measure_id;
	char *unit;		/* NULL: every unit */
	int until;
	char *reason;
};

/* The pauses not ended by hand, loaded at once. */
struct pause_set;
int pause_set_load(struct store *s, struct pause_set **out,
    struct error *err) WARN_UNUSED_RESULT;
/* Whether a pause was added or ended since ps was loaded. */
int pause_set_changed(struct store *s, const struct pause_set *ps,
    bool *changed, struct error *err) WARN_UNUSED_RESULT;
void pause_set_free(struct pause_set *ps);
/* The pause of (measure_id, unit) in force on `today`, the one that ends
 * last; NULL when the item is not paused (ps NULL: none is).  With today
 * DATE_NONE, the one that ends last of those not ended by hand, its
 * date past or not. */
const struct pause_row *pause_set_find(const struct pause_set *ps,
    int64_t measure_id, const char *unit, int today);

/* Mark the board's cells paused on `today`: each gets its pause's date
 * and reason, and, unless done or waiting for review (which win), the
 * state CELL_PAUSED (which wins over every other: after
 * schedule_mark_behind). */
int pauses_mark_board(struct store *s, struct board_cell *cells, size_t n,
    int today, struct error *err) WARN_UNUSED_RESULT;

#endif
