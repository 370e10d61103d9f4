/* store: the stored plans read back (plans, their ids and generation).
 * The database is opened and migrated in open.c, plans are merged in by
 * import.c; the notices and deliveries live in outbox.c, the answers in
 * acks.c.  Statements are always prepared with bound values, over the
 * helpers in sql.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "conf/recipients.h"
#include "store/sql.h"
#include "store/store.h"

/* ---- queries --------------------------------------------------------- */

/* The active plans, most recently imported first: by the import log's
 * order, not by time stamps, which --now can set in any order. */
int
store_plan_ids(struct store *s, int64_t **ids, size_t *n, struct error *err)
{
	return sql_ids(s, err, ids, n, "SELECT id FROM plan WHERE active = 1 "
	    "ORDER BY (SELECT max(l.id) FROM import_log l WHERE l.plan_id = "
	    "plan.id) DESC, id DESC", "");
}

int
store_generation(struct store *s, int64_t *gen, struct error *err)
{
	bool found;

	return sql_int(s, err, gen, &found, "SELECT coalesce(max(id), 0) "
	    "FROM import_log", "");
}

/* Load plan id; with a configuration, its measures' canonical units. */
static int load_plan(struct store *s, const struct config *units, int64_t id,
    struct plan **out, struct error *err);

int
store_load_plans(struct store *s, const struct config *units,
    struct plan ***plans, size_t *n, struct error *err)
{
	int64_t *ids = NULL;
	size_t count = 0, i;
	int rc;

	*plans = NULL;
	*n = 0;
	if ((rc = store_plan_ids(s, &ids, &count, err)) != 0)
		return rc;
	*plans = xcalloc(count + 1, sizeof(**plans));
	for (i = 0; i < count && rc == 0; i++)
		rc = load_plan(s, units, ids[i], &(*plans)[i], err);
	free(ids);
	if (rc != 0) {
		plans_free(*plans, count);
		*plans = NULL;
		return rc;
	}
	*n = count;
	return 0;
}

/* A new plan with the title and year of plan id; its source is the file
 * it was last imported from. */
static int
load_head(struct store *s, int64_t id, struct plan **out, struct error *err)
{
	sqlite3_stmt *st;
	struct plan *p;
	bool row;
	int rc;

	rc = sql_prepare(s, &st, err, "SELECT p.title, p.year, (SELECT l.file "
	    "FROM import_log l WHERE l.plan_id = p.id ORDER BY l.id DESC "
	    "LIMIT 1) FROM plan p WHERE p.id = ?1", "I", id);
	if (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && !row)
		rc = error_set(err, EXIT_NOINPUT, "no plan with id %lld",
		    (long long)id);
	if (rc == 0) {
		p = plan_new(sqlite3_column_type(st, 2) != SQLITE_NULL ?
		    col_text(st, 2) : s->path);
		free(p->title);
		p->title = xstrdup(col_text(st, 0));
		p->year = sqlite3_column_int(st, 1);
		p->id = id;
		*out = p;
	}
	sql_done(s, st);
	return rc;
}

/* A measure's units as stored, in order: a new array of *n in *out,
 * freed with units_free. */
static int
load_units(struct store *s, int64_t id, struct unit_ref **out, size_t *n,
    struct error *err)
{
	sqlite3_stmt *st;
	struct unit_ref *u = NULL;
	size_t cap = 0;
	bool row = true;
	int rc;

	*n = 0;
	rc = sql_prepare(s, &st, err, "SELECT u.name, mu.role "
	    "FROM measure_unit mu JOIN unit u ON u.id = mu.unit_id "
	    "WHERE mu.measure_id = ?1 ORDER BY mu.seq", "I", id);
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		u = xgrow(u, &cap, *n + 1, sizeof(*u));
		u[*n] = (struct unit_ref){ xstrdup(col_text(st, 0)),
		    ROLE_RESPONSIBLE, NULL };
		if (!role_from_name(col_text(st, 1), &u[(*n)++].role))
			rc = sql_damaged(s, err, "measure %lld: a role its "
			    "schema forbids", (long long)id);
	}
	sql_done(s, st);
	*out = u;
	return rc;
}

/* A measure's units (see load_units), canonical with a configuration. */
static int
load_units_for(struct store *s, const struct config *units, int64_t id,
    struct unit_ref **out, size_t *n, struct error *err)
{
	struct unit_ref *cu;
	size_t ncu;
	int rc;

	if ((rc = load_units(s, id, out, n, err)) != 0 || units == NULL)
		return rc;
	ncu = recipients_canonical(units, *out, *n, &cu);
	units_free(*out, *n);
	*out = cu;
	*n = ncu;
	return 0;
}

/* The units of every current measure of a plan, read at once: a query a
 * measure was half of a 100,000-measure plan's loading.  Sorted by
 * measure id, each measure's in order; the names (a plan has few
 * distinct ones) interned in an arena. */
struct plan_units {
	int64_t *ids;		/* ids[i] is the measure of u[i] */
	struct unit_ref *u;
	size_t n;
	struct arena *names;
};

static int
plan_units_load(struct store *s, int64_t plan_id, struct plan_units *pu,
    struct error *err)
{
	sqlite3_stmt *st;
	size_t ucap = 0, icap = 0;
	bool row = true;
	int rc;

	memset(pu, 0, sizeof(*pu));
	pu->names = arena_new();
	rc = sql_prepare(s, &st, err, "SELECT mu.measure_id, u.name, mu.role "
	    "FROM task t JOIN measure m ON m.task_id = t.id AND "
	    "m.retired_at IS NULL JOIN measure_unit mu ON mu.measure_id = m.id "
	    "JOIN unit u ON u.id = mu.unit_id WHERE t.plan_id = ?1 "
	    "ORDER BY mu.measure_id, mu.seq", "I", plan_id);
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		size_t k = pu->n;

		pu->u = xgrow(pu->u, &ucap, k + 1, sizeof(*pu->u));
		pu->ids = xgrow(pu->ids, &icap, k + 1, sizeof(*pu->ids));
		pu->ids[k] = sqlite3_column_int64(st, 0);
		pu->u[k] = (struct unit_ref){ arena_intern(pu->names,
		    col_text(st, 1)), ROLE_RESPONSIBLE, NULL };
		pu->n++;
		if (!role_from_name(col_text(st, 2), &pu->u[k].role))
			rc = sql_damaged(s, err, "measure %lld: a role its "
			    "schema forbids", (long long)pu->ids[k]);
	}
	sql_done(s, st);
	return rc;
}

/* The units of measure id in pu, *n of them. */
static const struct unit_ref *
plan_units_of(const struct plan_units *pu, int64_t id, size_t *n)
{
	size_t lo = 0, hi = pu->n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pu->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < pu->n && pu->ids[end] == id; end++)
		;
	*n = end - lo;
	return pu->u + lo;
}

static void
plan_units_free(struct plan_units *pu)
{
	free(pu->ids);
	free(pu->u);
	arena_free(pu->names);
}

/* Add the measure of row st (see load_measures) to task t, with its
 * units from pu, canonical with a configuration. */
static int
load_measure(struct store *s, const struct config *units, struct plan *p,
    struct plan_task *t, sqlite3_stmt *st, const struct plan_units *pu,
    struct error *err)
{
	struct plan_measure *m;
	const struct unit_ref *u;
	struct unit_ref *cu;
	size_t n, ncu;

	/* Its place is its line alone (no loc strings: nothing shows where
	 * a stored measure stands), and the units cell as written is only
	 * for a plan exported as imported, without canonical units. */
	m = plan_add_measure(t, col_text(st, 5), col_text(st, 8),
	    units == NULL ? col_text(st, 6) : NULL, 0);
	m->line = sqlite3_column_int(st, 7);
	m->id = sqlite3_column_int64(st, 4);
	if ((sqlite3_column_type(st, 9) != SQLITE_NULL &&
	    !deadline_kind_from_name(col_text(st, 9), &m->deadline.kind)) ||
	    (sqlite3_column_type(st, 10) != SQLITE_NULL &&
	    !date_parse(col_text(st, 10), &m->deadline.due)))
		return sql_damaged(s, err, "measure %lld: a deadline kind or "
		    "due date its schema forbids", (long long)m->id);
	m->deadline.workday = sqlite3_column_int(st, 11);
	u = plan_units_of(pu, m->id, &n);
	if (units == NULL) {
		plan_set_units(p, m, u, n);
		return 0;
	}
	ncu = recipients_canonical(units, u, n, &cu);
	plan_set_units(p, m, cu, ncu);
	units_free(cu, ncu);
	return 0;
}

/* Add the current measures of plan p with their tasks, in plan order. */
static int
load_measures(struct store *s, const struct config *units, struct plan *p,
    struct error *err)
{
	struct plan_task *t = NULL;
	struct plan_units pu;
	sqlite3_stmt *st;
	int64_t count;
	bool row = true, found;
	int rc;

	if ((rc = plan_units_load(s, p->id, &pu, err)) != 0) {
		plan_units_free(&pu);
		return rc;
	}
	rc = sql_prepare(s, &st, err, "SELECT t.id, t.no, "
	    "COALESCE(sec.title, ''), t.title, m.id, m.text, m.units_text, "
	    "m.line, d.text, d.kind, d.due, COALESCE(d.workday, 0) FROM task t "
	    "JOIN measure m ON m.task_id = t.id AND m.retired_at IS NULL "
	    "LEFT JOIN section sec ON sec.id = t.section_id "
	    "LEFT JOIN deadline d ON d.measure_id = m.id WHERE t.plan_id = ?1 "
	    "ORDER BY t.seq, t.no, m.seq, m.id", "I", p->id);
	while (rc == 0 && (rc = sql_next(s, st, &row, err)) == 0 && row) {
		if (t == NULL || t->id != sqlite3_column_int64(st, 0)) {
			t = plan_add_task(p, sqlite3_column_int(st, 1),
			    col_text(st, 2), col_text(st, 3), 0);
			t->id = sqlite3_column_int64(st, 0);
			/* Its measures' array sized to fit, not grown. */
			if ((rc = sql_int(s, err, &count, &found, "SELECT "
			    "count(*) FROM measure WHERE task_id = ?1 AND "
			    "retired_at IS NULL", "I", t->id)) != 0)
				break;
			plan_reserve_measures(t, (size_t)count);
		}
		rc = load_measure(s, units, p, t, st, &pu, err);
	}
	sql_done(s, st);
	plan_units_free(&pu);
	return rc;
}

/* Plan id with its current measures, as the readers would build it. */
static int
load_plan(struct store *s, const struct config *units, int64_t id,
    struct plan **out, struct error *err)
{
	struct plan *p = NULL;
	int rc;

	*out = NULL;
	if ((rc = load_head(s, id, &p, err)) == 0 &&
	    (rc = load_measures(s, units, p, err)) == 0) {
		*out = p;
		return 0;
	}
	plan_free(p);
	return rc;
}

int
store_load_plan(struct store *s, int64_t id, struct plan **out,
    struct error *err)
{
	return load_plan(s, NULL, id, out, err);
}

int
store_measure_view(struct store *s, const struct config *units, int64_t id,
    const char *unit, struct measure_view *v, bool *found, struct error *err)
{
	struct unit_ref *u = NULL;
	size_t n = 0;
	sqlite3_stmt *st;
	int rc;

	memset(v, 0, sizeof(*v));
	*found = false;
	rc = sql_prepare(s, &st, err, "SELECT p.title, t.no, t.title, m.text, "
	    "COALESCE(d.text, '') FROM measure m JOIN task t ON "
	    "t.id = m.task_id JOIN plan p ON p.id = t.plan_id AND "
	    "p.active = 1 LEFT JOIN deadline d ON d.measure_id = m.id "
	    "WHERE m.id = ?1 AND m.retired_at IS NULL", "I", id);
	if (rc == 0 && (rc = sql_next(s, st, found, err)) == 0 && *found) {
		v->plan_title = xstrdup(col_text(st, 0));
		v->task_no = sqlite3_column_int(st, 1);
		v->task_title = xstrdup(col_text(st, 2));
		v->measure = xstrdup(col_text(st, 3));
		v->deadline_text = xstrdup(col_text(st, 4));
	}
	sql_done(s, st);
	if (rc != 0 || !*found ||
	    (rc = load_units_for(s, units, id, &u, &n, err)) != 0)
		goto out;
	for (size_t i = 0; i < n && !v->has_role; i++)
		if (strcmp(u[i].name, unit) == 0) {
			v->has_role = true;
			v->role = u[i].role;
		}
out:
	units_free(u, n);
	return rc;
}

void
measure_view_free(struct measure_view *v)
{
	free(v->plan_title);
	free(v->task_title);
	free(v->measure);
	free(v->deadline_text);
	memset(v, 0, sizeof(*v));
}
