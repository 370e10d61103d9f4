/* reports: the periodic reports' runs (report_run): made once per slot,
 * each with its items' states for the next one's changes. */
#include <stdlib.h>

#include <sqlite3.h>

#include "store/reports.h"
#include "store/sql.h"

int
report_run_made(struct store *s, const char *report, int slot, bool *made,
    struct error *err)
{
	int64_t v;

	return sql_int(s, err, &v, made, "SELECT 1 FROM report_run WHERE "
	    "report = ?1 AND slot = ?2", "si", report, slot);
}

int
report_run_last(struct store *s, const char *report, int slot,
    char **snapshot, int *last_slot, time_t *made_at, struct error *err)
{
	sqlite3_stmt *st;
	bool row = false;
	int rc;

	*snapshot = NULL;
	rc = sql_prepare(s, &st, err, "SELECT slot, made_at, CAST(snapshot "
	    "AS TEXT) FROM report_run WHERE report = ?1 AND slot < ?2 "
	    "ORDER BY slot DESC LIMIT 1", "si", report, slot);
	if (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		*last_slot = sqlite3_column_int(st, 0);
		*made_at = (time_t)sqlite3_column_int64(st, 1);
		*snapshot = xstrdup(col_text(st, 2));
	}
	sql_done(s, st);
	return rc;
}

int
report_run_add(struct store *s, const char *report, int slot, time_t now,
    const char *snapshot, struct error *err)
{
	return sql_run(s, err, "INSERT INTO report_run (report, slot, made_at, "
	    "snapshot) VALUES (?1, ?2, ?3, ?4)", "siIs", report, slot,
	    (int64_t)now, snapshot);
}
