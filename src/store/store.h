/* store: the SQLite database: opening (WAL, foreign keys, mode 0600) and
 * the numbered migrations (open.c), merging an imported plan (import.c),
 * and reading plans back (store.c).  The notices and deliveries have
 * their own interface (outbox.h), the answers theirs (acks.h); all SQL of
 * the project is in store/, over the helpers of sql.h.  Readers hand it
 * plans in memory. */
#ifndef DEADLINED_STORE_H
#define DEADLINED_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "conf/config.h"
#include "plan/plan.h"
#include "base/util.h"

struct store;

/* Open (creating with mode 0600 when missing) and migrate the database.
 * EXIT_CANTCREAT/EXIT_IOERR when it cannot be opened, EXIT_DATAERR when it
 * is not a deadlined database or is newer than this program. */
int store_open(const char *path, struct store **out, struct error *err) WARN_UNUSED_RESULT;
/* Open an existing database at path for reading only (nothing created or
 * migrated): EXIT_NOINPUT when there is none, EXIT_TEMPFAIL when it is not
 * yet at this program's schema version. */
int store_open_readonly(const char *path, struct store **out,
    struct error *err) WARN_UNUSED_RESULT;
void store_close(struct store *s);
/* Both opens refuse an existing empty (0-byte) file with EXIT_IOERR: a
 * copy cut short, not a new database.  A damaged file (SQLITE_CORRUPT or
 * SQLITE_NOTADB from any statement, or a failed store_quick_check) fails
 * with EXIT_IOERR and one line naming the file and how to recover. */

/* PRAGMA quick_check; EXIT_IOERR, the store marked damaged, on any
 * finding. */
int store_quick_check(struct store *s, struct error *err) WARN_UNUSED_RESULT;
/* The first damage a statement or the check found (NULL: none). */
const char *store_damage(const struct store *s);
/* Whether err is a damaged file's (from store_open, or any call). */
bool store_damage_error(const struct error *err);
/* Free what the connection caches (its pages), for a process about to
 * sleep a long while: the next statements read them again. */
void store_shrink(struct store *s);
/* A new fd (inotify) that becomes readable when another process that
 * had the database open for writing closes it: what deadlinectl wrote
 * is there to read.  -1 and err when it cannot be made (":memory:"). */
int store_watch(const struct store *s, struct error *err);
/* Empty the watch fd; whether there was anything. */
bool store_watch_read(int fd);
/* The schema version (PRAGMA user_version) this program migrates to. */
int store_schema_version(void);

struct import_summary {
	int64_t plan_id;
	bool new_plan;
	size_t tasks, measures;		/* in the file */
	size_t added, updated, unchanged, retired, restored;
	size_t warnings;
};

/* Load plan p (identified by title and year) in one transaction: new
 * measures are added, changed ones updated in place (same id), vanished
 * ones retired (kept, with their history), and the import logged.  With
 * dry_run the transaction is rolled back, so the summary tells what would
 * change.  On error nothing is changed. */
int store_import(struct store *s, const struct plan *p, const char *file,
    const char *hash, time_t now, bool dry_run, struct import_summary *sum,
    struct error *err) WARN_UNUSED_RESULT;

/* Ids of the active plans, most recently imported first. */
int store_plan_ids(struct store *s, int64_t **ids, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;

/* A number that grows with every import (each writes import_log): the
 * daemon keeps the plans it loaded until it changes. */
int store_generation(struct store *s, int64_t *gen, struct error *err) WARN_UNUSED_RESULT;

/* Load every active plan (store_plan_ids order) into a new array of
 * *n plans, freed with plans_free.  With a configuration, each measure's
 * units are its canonical units (recipients_canonical): the items that
 * reminders, answers, the board and the feeds count, and no units_text
 * (the cell as written is for an export, store_load_plan); with NULL,
 * the units as the plan wrote them. */
int store_load_plans(struct store *s, const struct config *units,
    struct plan ***plans, size_t *n,
    struct error *err) WARN_UNUSED_RESULT;

/* Load a stored plan with its current (not retired) measures, in plan
 * order.  EXIT_NOINPUT when there is no such plan.  A stored measure's
 * place is its line (loc and deadline_loc are NULL). */
int store_load_plan(struct store *s, int64_t id, struct plan **out,
    struct error *err) WARN_UNUSED_RESULT;

/* One current measure of an active plan, as a page about one of its units
 * shows it. */
struct measure_view {
	char *plan_title;
	int task_no;
	char *task_title;
	char *measure;
	char *deadline_text;
	bool has_role;		/* unit is one of the measure's units */
	enum role role;
};

/* The view of measure id for unit, by primary keys (a few indexed
 * lookups, whatever the plans' size); with a configuration, unit is one
 * of the measure's canonical units (see store_load_plans).  *found is
 * false, and v empty, when the measure is retired or its plan inactive. */
int store_measure_view(struct store *s, const struct config *units,
    int64_t id, const char *unit,
    struct measure_view *v, bool *found, struct error *err) WARN_UNUSED_RESULT;
void measure_view_free(struct measure_view *v);

#endif
