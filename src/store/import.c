/* store/import: merging an imported plan into the stored one, in one
 * transaction that keeps measure ids stable: each measure of the file is
 * paired with a stored one (see match_measures), changed ones are updated
 * in place and vanished ones retired, never deleted, so that the notices
 * and acknowledgements that point at them stay.  Plans may have 100,000
 * measures: every lookup an import makes per task, measure or unit goes
 * through a sorted array or one query for the whole plan, never a scan or
 * a query per row.
 *
 * It is one job, matching old against new, that reads best whole: its
 * passes share the import state below and are read in order. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "store/sql.h"
#include "store/store.h"

#define NO_MATCH ((size_t)-1)
#define BATCH_ROWS 100		/* rows per multi-row INSERT (SQLite reads a
				 * VALUES list as a compound SELECT: at most
				 * 500 rows by default) */

/* A stored measure of the plan being imported. */
struct old_measure {
	int64_t id;
	int task_no, seq, line;
	char *text, *units_text, *dl_text, *kind, *due;	/* "" for NULL */
	int workday;
	char *links;		/* its unit links, in the form of links_new */
	bool retired, used;
};

/* A plan task's number and index (check_plan sorts them by number). */
struct task_key {
	int no;			/* first: see cmp_no */
	size_t i;
};

/* A stored task of the plan, as it was before the import. */
struct old_task {
	int no;			/* first: see cmp_no */
	int64_t id;
	bool active;		/* not retired */
};

/* A measure of the file, with its match among the old ones. */
struct new_measure {
	const struct plan_measure *m;
	size_t task;		/* index in plan->tasks */
	int seq;		/* position in its task */
	size_t old;		/* index in import.old, or NO_MATCH */
};

/* A unit looked up, in the table of unit_id: the name points into the
 * plan; NULL for an empty slot. */
struct known_unit {
	const char *name;
	int64_t id;
};

/* A new measure waiting for its INSERT, its id already chosen. */
struct staged_measure {
	int64_t id, task_id;
	int seq, line;
	const char *text, *units_text;	/* in the plan */
};

/* A unit link waiting for its INSERT. */
struct staged_unit {
	int64_t measure_id, unit_id;
	const char *role;	/* static */
	int seq;
};

/* A deadline waiting for its INSERT; text points into the plan. */
struct staged_deadline {
	int64_t measure_id;
	const char *text, *kind;	/* kind static */
	char due[16];		/* "" for none */
	int workday;
};

/* The state of one store_import. */
struct import {
	struct store *s;
	const struct plan *p;
	int64_t now;
	struct import_summary *sum;
	struct error *err;
	int64_t *task_ids;	/* per plan task */
	struct old_task *old_tasks;	/* by number */
	size_t nold_tasks;
	struct task_key *tasks_by_no;	/* per plan task, by number */
	struct known_unit *known;	/* units looked up, by name (unit_id) */
	size_t nknown, nslots;
	struct old_measure *old;
	size_t nold, oldcap;
	struct new_measure *cur;
	size_t ncur;
	int64_t last_id;	/* the highest measure id (new_id) */
	struct staged_measure ms[BATCH_ROWS];	/* new measures to insert */
	size_t nms;
	struct staged_unit *units;	/* links to insert */
	size_t nunits, unitcap;
	struct staged_deadline *dls;	/* deadlines to insert */
	size_t ndls, dlcap;
	char *ms_sql, *units_sql, *dls_sql;	/* their INSERTs of BATCH_ROWS
						 * rows */
};

/* ---- import ---------------------------------------------------------- */

/* deadline_kind_name, never NULL. */
static const char *
kind_str(enum dl_kind kind)
{
	const char *k = deadline_kind_name(kind);

	return k != NULL ? k : "unknown";
}

/* role_name, never NULL (an unknown role fails the CHECK constraint). */
static const char *
role_str(enum role role)
{
	const char *r = role_name(role);

	return r != NULL ? r : "?";
}

/* Order of task keys: by number, then by place in the file. */
static int
cmp_task_key(const void *a, const void *b)
{
	const struct task_key *x = a, *y = b;

	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* bsearch of a task number (an int) among struct task_key or struct
 * old_task, which both start with one. */
static int
cmp_no(const void *key, const void *elem)
{
	int x = *(const int *)key, y = *(const int *)elem;

	return (x > y) - (x < y);
}

/* Whether the plan has a task numbered no. */
static bool
plan_has_task(const struct import *im, int no)
{
	return bsearch(&no, im->tasks_by_no, im->p->ntasks,
	    sizeof(*im->tasks_by_no), cmp_no) != NULL;
}

/* Refuse what the schema cannot hold before touching the database; sort
 * the tasks by number (im->tasks_by_no) on the way.  A repeated number
 * is reported at its first repetition in the file. */
static int
check_plan(struct import *im)
{
	const struct plan *p = im->p;
	struct task_key *v;
	size_t i, dup = SIZE_MAX, first = 0;

	if (p->year < 1 || p->year > 9999)
		return error_set(im->err, EXIT_DATAERR, "%s: plan \"%s\" has no "
		    "valid year (%d)", p->source, p->title, p->year);
	v = im->tasks_by_no = xcalloc(p->ntasks, sizeof(*v));
	for (i = 0; i < p->ntasks; i++)
		v[i] = (struct task_key){ p->tasks[i].no, i };
	qsort(v, p->ntasks, sizeof(*v), cmp_task_key);
	/* The earliest second task of a run of equal numbers (a run's later
	 * ones come after its second in the file). */
	for (i = 1; i < p->ntasks; i++)
		if (v[i].no == v[i - 1].no && v[i].i < dup) {
			dup = v[i].i;
			first = v[i - 1].i;
		}
	if (dup != SIZE_MAX)
		return error_set(im->err, EXIT_DATAERR, "%s:%s: task %d appears "
		    "twice (first at %s%s)", p->source, p->tasks[dup].loc != NULL ?
		    p->tasks[dup].loc : "?", p->tasks[dup].no,
		    p->tasks[first].line > 0 ? "line " : "",
		    p->tasks[first].loc != NULL ? p->tasks[first].loc : "?");
	return 0;
}

/* Find or create the plan row by (title, year) and mark it imported. */
static int
upsert_plan(struct import *im, const char *hash)
{
	struct import_summary *sum = im->sum;
	bool found;
	int rc;

	rc = sql_int(im->s, im->err, &sum->plan_id, &found,
	    "SELECT id FROM plan WHERE title = ?1 AND year = ?2", "si",
	    im->p->title, im->p->year);
	if (rc != 0)
		return rc;
	sum->new_plan = !found;
	if (found)
		return sql_run(im->s, im->err, "UPDATE plan SET source_hash = ?2, "
		    "imported_at = ?3, active = 1 WHERE id = ?1", "IzI",
		    sum->plan_id, hash, im->now);
	rc = sql_run(im->s, im->err, "INSERT INTO plan (title, year, "
	    "source_hash, imported_at) VALUES (?1, ?2, ?3, ?4)", "sizI",
	    im->p->title, im->p->year, hash, im->now);
	sum->plan_id = sqlite3_last_insert_rowid(im->s->db);
	return rc;
}

/* Find or create section `title` of the plan, at position seq. */
static int
upsert_section(struct import *im, const char *title, int seq, int64_t *id)
{
	bool found;
	int rc;

	rc = sql_int(im->s, im->err, id, &found, "SELECT id FROM section "
	    "WHERE plan_id = ?1 AND title = ?2", "Is", im->sum->plan_id, title);
	if (rc != 0)
		return rc;
	if (found)
		return sql_run(im->s, im->err, "UPDATE section SET seq = ?2 "
		    "WHERE id = ?1 AND seq IS NOT ?2", "Ii", *id, seq);
	rc = sql_run(im->s, im->err, "INSERT INTO section (plan_id, seq, title) "
	    "VALUES (?1, ?2, ?3)", "Iis", im->sum->plan_id, seq, title);
	*id = sqlite3_last_insert_rowid(im->s->db);
	return rc;
}

/* A task's section title and its index (section_firsts sorts them). */
struct section_key {
	const char *title;
	size_t i;
};

static int
cmp_section_key(const void *a, const void *b)
{
	const struct section_key *x = a, *y = b;

	return cmp_str_pos(x->title, x->i, y->title, y->i);
}

/* A new array: for each task, the first task of the file in its section. */
static size_t *
section_firsts(const struct plan *p)
{
	struct section_key *v = xcalloc(p->ntasks, sizeof(*v));
	size_t *first = xcalloc(p->ntasks, sizeof(*first)), i, g = 0;

	for (i = 0; i < p->ntasks; i++)
		v[i] = (struct section_key){ p->tasks[i].section, i };
	qsort(v, p->ntasks, sizeof(*v), cmp_section_key);
	for (i = 0; i < p->ntasks; i++) {
		if (strcmp(v[i].title, v[g].title) != 0)
			g = i;
		first[v[i].i] = v[g].i;
	}
	free(v);
	return first;
}

/* Set ids[i] to the section id of task i (0 for none): that of the first
 * task of the same section, or a section upserted at *nsec. */
static int
section_of(struct import *im, int64_t *ids, const size_t *first, size_t i,
    int *nsec)
{
	const struct plan_task *t = im->p->tasks;

	ids[i] = 0;
	if (t[i].section[0] == '\0')
		return 0;
	if (first[i] != i) {
		ids[i] = ids[first[i]];
		return 0;
	}
	return upsert_section(im, t[i].section, (*nsec)++, &ids[i]);
}

/* The plan's stored tasks into im->old_tasks, by number. */
static int
load_tasks(struct import *im)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	bool row = true;
	int rc;

	rc = sql_prepare(im->s, &st, im->err, "SELECT no, id, retired_at IS NULL "
	    "FROM task WHERE plan_id = ?1 ORDER BY no", "I", im->sum->plan_id);
	while (rc == 0 && (rc = sql_next(im->s, st, &row, im->err)) == 0 && row) {
		im->old_tasks = xgrow(im->old_tasks, &cap, im->nold_tasks + 1,
		    sizeof(*im->old_tasks));
		im->old_tasks[im->nold_tasks++] = (struct old_task){
		    sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int(st, 2) != 0 };
	}
	sql_done(im->s, st);
	return rc;
}

/* The stored task numbered no, or NULL. */
static const struct old_task *
old_task(const struct import *im, int no)
{
	if (im->nold_tasks == 0)	/* a new plan: old_tasks is NULL */
		return NULL;
	return bsearch(&no, im->old_tasks, im->nold_tasks,
	    sizeof(*im->old_tasks), cmp_no);
}

/* Find or create task i by (plan, no); update its title, section and
 * position and un-retire it, writing only when something differs. */
static int
upsert_task(struct import *im, size_t i, int64_t section_id)
{
	const struct plan_task *t = &im->p->tasks[i];
	const struct old_task *o = old_task(im, t->no);
	int64_t *id = &im->task_ids[i];
	int rc;

	if (o != NULL) {
		*id = o->id;
		return sql_run(im->s, im->err, "UPDATE task SET section_id = ?2, "
		    "title = ?3, seq = ?4, retired_at = NULL WHERE id = ?1 AND "
		    "(section_id IS NOT ?2 OR title IS NOT ?3 OR seq IS NOT ?4 OR "
		    "retired_at IS NOT NULL)", "INsi", *id, section_id, t->title,
		    (int)i);
	}
	rc = sql_run(im->s, im->err, "INSERT INTO task (plan_id, section_id, "
	    "no, title, seq) VALUES (?1, ?2, ?3, ?4, ?5)", "INisi",
	    im->sum->plan_id, section_id, t->no, t->title, (int)i);
	*id = sqlite3_last_insert_rowid(im->s->db);
	return rc;
}

/* Upsert the plan's sections and tasks, in file order. */
static int
upsert_tasks(struct import *im)
{
	const struct plan *p = im->p;
	int64_t *sections = xcalloc(p->ntasks, sizeof(*sections));
	size_t *first = section_firsts(p), i;
	int rc = load_tasks(im), nsec = 0;

	im->task_ids = xcalloc(p->ntasks, sizeof(*im->task_ids));
	for (i = 0; rc == 0 && i < p->ntasks; i++) {
		rc = section_of(im, sections, first, i, &nsec);
		if (rc == 0)
			rc = upsert_task(im, i, sections[i]);
	}
	free(first);
	free(sections);
	return rc;
}

/* Tasks of the plan that the file no longer has get retired_at = now. */
static int
retire_tasks(struct import *im)
{
	const struct old_task *o;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < im->nold_tasks; i++) {
		o = &im->old_tasks[i];
		if (o->active && !plan_has_task(im, o->no))
			rc = sql_run(im->s, im->err, "UPDATE task SET "
			    "retired_at = ?2 WHERE id = ?1", "II", o->id, im->now);
	}
	return rc;
}

/* Append the measure row st (see load_old) to im->old. */
static void
add_old(struct import *im, sqlite3_stmt *st)
{
	struct old_measure *o;

	im->old = xgrow(im->old, &im->oldcap, im->nold + 1, sizeof(*im->old));
	o = &im->old[im->nold++];
	o->id = sqlite3_column_int64(st, 0);
	o->task_no = sqlite3_column_int(st, 1);
	o->seq = sqlite3_column_int(st, 2);
	o->line = sqlite3_column_int(st, 3);
	o->text = xstrdup(col_text(st, 4));
	o->units_text = xstrdup(col_text(st, 5));
	o->dl_text = xstrdup(col_text(st, 6));
	o->kind = xstrdup(col_text(st, 7));
	o->due = xstrdup(col_text(st, 8));
	o->links = NULL;
	o->retired = sqlite3_column_int(st, 9) != 0;
	o->workday = sqlite3_column_int(st, 10);
	o->used = false;
}

/* Append one unit link to a comparable string of links (links_new,
 * load_links). */
static void
links_add(struct buf *b, const char *name, const char *role)
{
	buf_puts(b, name);
	buf_putc(b, '\037');
	buf_puts(b, role);
	buf_putc(b, '\036');
}

/* Indices of im->old, in the order of their ids. */
static int
cmp_old_id(const void *a, const void *b, void *arg)
{
	const struct old_measure *old = arg;
	int64_t x = old[*(const size_t *)a].id, y = old[*(const size_t *)b].id;

	return (x > y) - (x < y);
}

/* Set every stored measure's links, in one query for the plan: its rows
 * come by measure id, and a walk along the measures sorted by id pairs
 * them up. */
static int
load_links(struct import *im)
{
	size_t *by_id = xcalloc(im->nold, sizeof(*by_id)), k = 0, i;
	struct old_measure *o = NULL;
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;
	bool row = true;
	int64_t id;
	int rc;

	for (i = 0; i < im->nold; i++)
		by_id[i] = i;
	qsort_r(by_id, im->nold, sizeof(*by_id), cmp_old_id, im->old);
	rc = sql_prepare(im->s, &st, im->err, "SELECT mu.measure_id, u.name, "
	    "mu.role FROM task t JOIN measure m ON m.task_id = t.id "
	    "JOIN measure_unit mu ON mu.measure_id = m.id "
	    "JOIN unit u ON u.id = mu.unit_id WHERE t.plan_id = ?1 "
	    "ORDER BY mu.measure_id, mu.seq", "I", im->sum->plan_id);
	while (rc == 0 && (rc = sql_next(im->s, st, &row, im->err)) == 0 && row) {
		id = sqlite3_column_int64(st, 0);
		if (o == NULL || o->id != id) {
			if (o != NULL)
				o->links = buf_steal(&b);
			while (k < im->nold && im->old[by_id[k]].id < id)
				k++;
			/* Always found: load_old selected the same measures. */
			o = k < im->nold && im->old[by_id[k]].id == id ?
			    &im->old[by_id[k]] : NULL;
		}
		if (o != NULL)
			links_add(&b, col_text(st, 1), col_text(st, 2));
	}
	sql_done(im->s, st);
	if (o != NULL)
		o->links = buf_steal(&b);
	buf_free(&b);
	for (i = 0; i < im->nold; i++)
		if (im->old[i].links == NULL)
			im->old[i].links = xstrdup("");
	free(by_id);
	return rc;
}

/* Every stored measure of the plan, retired ones too, active ones first
 * (so that a match prefers them), then in plan order. */
static int
load_old(struct import *im)
{
	sqlite3_stmt *st;
	bool row = true;
	int rc;

	rc = sql_prepare(im->s, &st, im->err, "SELECT m.id, t.no, m.seq, "
	    "m.line, m.text, m.units_text, d.text, d.kind, d.due, "
	    "m.retired_at IS NOT NULL, COALESCE(d.workday, 0) FROM measure m "
	    "JOIN task t ON t.id = m.task_id "
	    "LEFT JOIN deadline d ON d.measure_id = m.id WHERE t.plan_id = ?1 "
	    "ORDER BY m.retired_at IS NOT NULL, t.no, m.seq, m.id", "I",
	    im->sum->plan_id);
	while (rc == 0 && (rc = sql_next(im->s, st, &row, im->err)) == 0 && row)
		add_old(im, st);
	sql_done(im->s, st);
	return rc != 0 ? rc : load_links(im);
}

/* Flatten the file's measures into im->cur, unmatched. */
static void
collect_new(struct import *im)
{
	const struct plan *p = im->p;
	size_t i, j, n = 0;

	im->cur = xcalloc(plan_measure_count(p), sizeof(*im->cur));
	for (i = 0; i < p->ntasks; i++)
		for (j = 0; j < p->tasks[i].nmeasures; j++, n++) {
			im->cur[n].m = &p->tasks[i].measures[j];
			im->cur[n].task = i;
			im->cur[n].seq = (int)j;
			im->cur[n].old = NO_MATCH;
		}
	im->ncur = n;
}

enum pass {
	SAME_TASK_TEXT,		/* (a) same task no, identical text */
	SAME_TEXT,		/* (b) identical text, any task: it moved */
	SAME_TASK_SEQ,		/* (c) same task no and position: an edit */
};

/* What a pass compares of a measure, stored or from the file. */
struct match_key {
	int no, seq;
	const char *text;
	size_t old;		/* index in im->old (stored measures only) */
};

/* Compare two keys on what pass compares. */
static int
key_cmp(enum pass pass, const struct match_key *a, const struct match_key *b)
{
	if (pass != SAME_TEXT && a->no != b->no)
		return a->no < b->no ? -1 : 1;
	if (pass == SAME_TASK_SEQ)
		return (a->seq > b->seq) - (a->seq < b->seq);
	return strcmp(a->text, b->text);
}

/* Sort order of a pass's keys (qsort_r, arg: the pass): equal keys stay
 * in stored order, so the first unused one is the one a scan of im->old
 * would take. */
static int
key_order(const void *a, const void *b, void *arg)
{
	const struct match_key *x = a, *y = b;
	int c = key_cmp(*(const enum pass *)arg, x, y);

	return c != 0 ? c : (x->old > y->old) - (x->old < y->old);
}

/* The first of the n sorted keys v that is not below key. */
static size_t
key_lower(enum pass pass, const struct match_key *v, size_t n,
    const struct match_key *key)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (key_cmp(pass, &v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* One pass: give each unmatched file measure, in file order, the first
 * unused stored measure (in im->old order) with its key.  An edit (c)
 * never resurrects a retired measure: a new text in a retired measure's
 * place is a new measure, not that one's history. */
static void
match_pass(struct import *im, enum pass pass)
{
	struct match_key *v = xcalloc(im->nold, sizeof(*v)), key;
	/* next[g]: where the search of the run of equal keys starting at g
	 * resumes; what lies before it is used. */
	size_t *next = xcalloc(im->nold + 1, sizeof(*next)), n = 0, i, j, g;
	const struct old_measure *o;
	struct new_measure *c;

	for (i = 0; i < im->nold; i++) {
		o = &im->old[i];
		if (pass != SAME_TASK_SEQ || !o->retired)
			v[n++] = (struct match_key){ o->task_no, o->seq, o->text, i };
	}
	qsort_r(v, n, sizeof(*v), key_order, &pass);
	for (j = 0; j <= n; j++)
		next[j] = j;
	for (i = 0; i < im->ncur; i++) {
		c = &im->cur[i];
		if (c->old != NO_MATCH)
			continue;
		key = (struct match_key){ im->p->tasks[c->task].no, c->seq,
		    c->m->text, 0 };
		g = key_lower(pass, v, n, &key);
		for (j = next[g]; j < n && key_cmp(pass, &v[j], &key) == 0 &&
		    im->old[v[j].old].used; j++)
			;
		next[g] = j;
		if (j < n && key_cmp(pass, &v[j], &key) == 0) {
			c->old = v[j].old;
			im->old[c->old].used = true;
		}
	}
	free(next);
	free(v);
}

/* Pair each file measure with at most one stored measure and vice versa:
 * each pass runs over all file measures before the next, so that a
 * weaker rule never takes a measure a stronger one would have matched;
 * what stays unmatched is new (d). */
static void
match_measures(struct import *im)
{
	match_pass(im, SAME_TASK_TEXT);
	match_pass(im, SAME_TEXT);
	match_pass(im, SAME_TASK_SEQ);
}

/* The unit links of m as one comparable string: name, role, in order. */
static char *
links_new(const struct plan_measure *m)
{
	struct buf b = BUF_INIT;
	size_t k;

	/* units_parse lists each name once (units.h). */
	for (k = 0; k < m->nunits; k++)
		links_add(&b, m->units[k].name, role_str(m->units[k].role));
	return buf_steal(&b);
}

/* The slot of im->known that holds name, or the empty one where it
 * would go. */
static struct known_unit *
known_slot(const struct import *im, const char *name)
{
	size_t i = text_hash(name) & (im->nslots - 1);

	while (im->known[i].name != NULL && strcmp(im->known[i].name, name) != 0)
		i = (i + 1) & (im->nslots - 1);
	return &im->known[i];
}

/* Keep room for one more unit, the table at most half full. */
static void
known_reserve(struct import *im)
{
	struct known_unit *old = im->known;
	size_t n = im->nslots;

	if (2 * (im->nknown + 1) <= n)
		return;
	im->nslots = n == 0 ? 64 : 2 * n;
	im->known = xcalloc(im->nslots, sizeof(*im->known));
	for (size_t i = 0; i < n; i++)
		if (old[i].name != NULL)
			*known_slot(im, old[i].name) = old[i];
	free(old);
}

/* Find or create the unit called name (one of the plan's): looked up
 * once per import, in first-use order, so units get the ids they always
 * did; then found in im->known, a hash table (a plan's 100,000 measures
 * name a few hundred units some 200,000 times). */
static int
unit_id(struct import *im, const char *name, int64_t *id)
{
	struct known_unit *k;
	bool found;
	int rc;

	known_reserve(im);
	k = known_slot(im, name);
	if (k->name != NULL) {
		*id = k->id;
		return 0;
	}
	rc = sql_int(im->s, im->err, id, &found, "SELECT id FROM unit "
	    "WHERE name = ?1", "s", name);
	if (rc == 0 && !found) {
		rc = sql_run(im->s, im->err, "INSERT INTO unit (name) "
		    "VALUES (?1)", "s", name);
		*id = sqlite3_last_insert_rowid(im->s->db);
	}
	if (rc == 0) {
		*k = (struct known_unit){ name, *id };
		im->nknown++;
	}
	return rc;
}

/* New measures, unit links and deadlines are not inserted one statement
 * per row: a statement's run costs more than a row, above all where the
 * CHECK constraints of a table list values with IN (...), as those of
 * links and deadlines do, since SQLite builds an index of such a list at
 * every execution.  They wait in the import's arrays and go BATCH_ROWS at
 * a time, one INSERT with as many VALUES rows (the statement prepared
 * once).  A new measure's id is chosen when it is staged (new_id); each
 * time BATCH_ROWS new measures are staged, they go in, and then the
 * links and deadlines staged so far that fill a batch (they may point at
 * those measures, never at later ones).  What is left at the end goes one
 * row a statement. */
#define MS_INSERT "INSERT INTO measure (id, task_id, seq, text, units_text, " \
	"line, created_at, updated_at) VALUES "
#define UNITS_INSERT "INSERT INTO measure_unit (measure_id, unit_id, role, " \
	"seq) VALUES "
#define DLS_INSERT "INSERT INTO deadline (measure_id, text, kind, due, " \
	"workday) VALUES "
#define DLS_UPSERT " ON CONFLICT (measure_id) DO UPDATE SET " \
	"text = excluded.text, kind = excluded.kind, due = excluded.due, " \
	"workday = excluded.workday"

/* "HEAD (?, ?, ...), ... TAIL": n rows of width parameters. */
static char *
values_sql(const char *head, size_t n, int width, const char *tail)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, head);
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, i > 0 ? ", (?" : "(?");
		for (int k = 1; k < width; k++)
			buf_puts(&b, ", ?");
		buf_putc(&b, ')');
	}
	buf_puts(&b, tail);
	return buf_steal(&b);
}

/* Run sql, an INSERT of n rows of width values, with the staged rows
 * from `from` on bound to it (bind binds row i's values from parameter
 * p + 1 on; SQLITE_STATIC: the rows outlive the statement's run). */
static int
insert_rows(struct import *im, const char *sql, size_t from, size_t n,
    int width, int (*bind)(struct import *, sqlite3_stmt *, size_t, int))
{
	sqlite3_stmt *st;
	bool row = true;
	int rc = sql_prepare(im->s, &st, im->err, sql, ""), brc = SQLITE_OK;

	for (size_t k = 0; rc == 0 && brc == SQLITE_OK && k < n; k++)
		brc = bind(im, st, from + k, (int)k * width);
	if (rc == 0 && brc != SQLITE_OK)
		rc = sql_fail(im->s, brc, im->err);
	while (rc == 0 && row)
		rc = sql_next(im->s, st, &row, im->err);
	sql_done(im->s, st);
	return rc;
}

static int
bind_measure(struct import *im, sqlite3_stmt *st, size_t i, int p)
{
	const struct staged_measure *m = &im->ms[i];
	int rc = sqlite3_bind_int64(st, p + 1, m->id);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p + 2, m->task_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, p + 3, m->seq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, p + 4, m->text, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, p + 5, m->units_text, -1,
		    SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, p + 6, m->line);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p + 7, im->now);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p + 8, im->now);
	return rc;
}

static int
bind_unit(struct import *im, sqlite3_stmt *st, size_t i, int p)
{
	const struct staged_unit *u = &im->units[i];
	int rc = sqlite3_bind_int64(st, p + 1, u->measure_id);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p + 2, u->unit_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, p + 3, u->role, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, p + 4, u->seq);
	return rc;
}

static int
bind_deadline(struct import *im, sqlite3_stmt *st, size_t i, int p)
{
	const struct staged_deadline *d = &im->dls[i];
	int rc = sqlite3_bind_int64(st, p + 1, d->measure_id);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, p + 2, d->text, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, p + 3, d->kind, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = d->due[0] == '\0' ? sqlite3_bind_null(st, p + 4) :
		    sqlite3_bind_text(st, p + 4, d->due, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, p + 5, d->workday);
	return rc;
}

/* Insert rows [0, n) of a staging array (nrows rows) in batches of
 * BATCH_ROWS through *batch_sql (made on first use: head, rows, tail),
 * and when all, the rest one by one through one_sql; moves what is left
 * to the front, returning how many. */
static int
flush_rows(struct import *im, size_t *nrows, bool all, char **batch_sql,
    const char *head, const char *tail, const char *one_sql, int width,
    int (*bind)(struct import *, sqlite3_stmt *, size_t, int),
    void *rows, size_t size)
{
	size_t k = 0, n = *nrows;
	int rc = 0;

	for (; rc == 0 && n - k >= BATCH_ROWS; k += BATCH_ROWS) {
		if (*batch_sql == NULL)
			*batch_sql = values_sql(head, BATCH_ROWS, width, tail);
		rc = insert_rows(im, *batch_sql, k, BATCH_ROWS, width, bind);
	}
	for (; rc == 0 && all && k < n; k++)
		rc = insert_rows(im, one_sql, k, 1, width, bind);
	if (rc == 0 && k > 0) {
		memmove(rows, (char *)rows + k * size, (n - k) * size);
		*nrows = n - k;
	}
	return rc;
}

/* Insert the staged measures, then the links and deadlines (in batches;
 * all of them when all). */
static int
flush_staged(struct import *im, bool all)
{
	int rc;

	if ((rc = flush_rows(im, &im->nms, true, &im->ms_sql, MS_INSERT, "",
	    MS_INSERT "(?, ?, ?, ?, ?, ?, ?, ?)", 8, bind_measure, im->ms,
	    sizeof(*im->ms))) != 0 ||
	    (rc = flush_rows(im, &im->nunits, all, &im->units_sql,
	    UNITS_INSERT, "", UNITS_INSERT "(?, ?, ?, ?)", 4, bind_unit,
	    im->units, sizeof(*im->units))) != 0)
		return rc;
	return flush_rows(im, &im->ndls, all, &im->dls_sql, DLS_INSERT,
	    DLS_UPSERT, DLS_INSERT "(?, ?, ?, ?, ?)" DLS_UPSERT, 5, bind_deadline,
	    im->dls, sizeof(*im->dls));
}

/* Link measure id to m's units (after dropping its old links when
 * replace); the new links are staged. */
static int
write_units(struct import *im, int64_t id, const struct plan_measure *m,
    bool replace)
{
	int64_t uid;
	size_t k;
	int rc = 0;

	if (replace)
		rc = sql_run(im->s, im->err, "DELETE FROM measure_unit "
		    "WHERE measure_id = ?1", "I", id);
	for (k = 0; rc == 0 && k < m->nunits; k++) {
		rc = unit_id(im, m->units[k].name, &uid);
		if (rc != 0)
			break;
		im->units = xgrow(im->units, &im->unitcap, im->nunits + 1,
		    sizeof(*im->units));
		im->units[im->nunits++] = (struct staged_unit){ id, uid,
		    role_str(m->units[k].role), (int)k };
	}
	return rc;
}

/* Insert or replace the deadline of measure id (staged). */
static int
write_deadline(struct import *im, int64_t id, const struct plan_measure *m)
{
	struct staged_deadline *d;

	im->dls = xgrow(im->dls, &im->dlcap, im->ndls + 1, sizeof(*im->dls));
	d = &im->dls[im->ndls++];
	d->measure_id = id;
	d->text = m->deadline_text;
	d->kind = kind_str(m->deadline.kind);
	date_format(m->deadline.due, d->due);
	d->workday = m->deadline.workday;
	return 0;
}

/* Store a measure that matched nothing. */
static int
add_measure(struct import *im, const struct new_measure *n)
{
	const struct plan_measure *m = n->m;
	int64_t id = ++im->last_id;
	int rc;

	/* The id SQLite would give: one more than the highest. */
	im->ms[im->nms++] = (struct staged_measure){ id, im->task_ids[n->task],
	    n->seq, m->line, m->text, m->units_text };
	im->sum->added++;
	if ((rc = write_deadline(im, id, m)) != 0 ||
	    (rc = write_units(im, id, m, false)) != 0)
		return rc;
	return im->nms < BATCH_ROWS ? 0 : flush_staged(im, false);
}

/* Whether n says the same as o, apart from the unit links. */
static bool
measure_same(const struct import *im, const struct new_measure *n,
    const struct old_measure *o)
{
	const struct plan_measure *m = n->m;
	char due[16];

	date_format(m->deadline.due, due);
	return o->task_no == im->p->tasks[n->task].no && o->seq == n->seq &&
	    strcmp(o->text, m->text) == 0 &&
	    strcmp(o->units_text, m->units_text) == 0 &&
	    strcmp(o->dl_text, m->deadline_text) == 0 &&
	    strcmp(o->kind, kind_str(m->deadline.kind)) == 0 &&
	    strcmp(o->due, due) == 0 && o->workday == m->deadline.workday;
}

/* Rewrite the matched measure o from n: restored when it was retired,
 * updated when it differs, else unchanged (only a moved line is noted,
 * without touching updated_at). */
static int
update_measure(struct import *im, const struct new_measure *n,
    const struct old_measure *o)
{
	const struct plan_measure *m = n->m;
	char *cur = links_new(m);
	bool same_links = strcmp(o->links, cur) == 0;
	int rc = 0;

	if (!o->retired && same_links && measure_same(im, n, o)) {
		im->sum->unchanged++;
		if (o->line != m->line)
			rc = sql_run(im->s, im->err, "UPDATE measure SET line = ?2 "
			    "WHERE id = ?1", "Ii", o->id, m->line);
		goto out;
	}
	if (o->retired)
		im->sum->restored++;
	else
		im->sum->updated++;
	rc = sql_run(im->s, im->err, "UPDATE measure SET task_id = ?2, seq = ?3, "
	    "text = ?4, units_text = ?5, line = ?6, updated_at = ?7, "
	    "retired_at = NULL WHERE id = ?1", "IIissiI", o->id,
	    im->task_ids[n->task], n->seq, m->text, m->units_text, m->line,
	    im->now);
	if (rc == 0)
		rc = write_deadline(im, o->id, m);
	if (rc == 0 && !same_links)
		rc = write_units(im, o->id, m, true);
out:
	free(cur);
	return rc;
}

/* Add or update every measure of the file. */
static int
write_measures(struct import *im)
{
	const struct new_measure *n;
	size_t i;
	bool found;
	int rc = sql_int(im->s, im->err, &im->last_id, &found,
	    "SELECT max(id) FROM measure", "");

	for (i = 0; rc == 0 && i < im->ncur; i++) {
		n = &im->cur[i];
		rc = n->old == NO_MATCH ? add_measure(im, n) :
		    update_measure(im, n, &im->old[n->old]);
	}
	return rc != 0 ? rc : flush_staged(im, true);
}

/* Retire the active stored measures that matched nothing. */
static int
retire_measures(struct import *im)
{
	size_t k;
	int rc = 0;

	for (k = 0; rc == 0 && k < im->nold; k++) {
		if (im->old[k].used || im->old[k].retired)
			continue;
		rc = sql_run(im->s, im->err, "UPDATE measure SET retired_at = ?2 "
		    "WHERE id = ?1", "II", im->old[k].id, im->now);
		im->sum->retired++;
	}
	return rc;
}

/* The plan's warnings, one "SOURCE:LINE: msg" (or "SOURCE: msg") a line;
 * NULL when there are none. */
static char *
warning_text(const struct plan *p)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (p->nwarnings == 0)
		return NULL;
	for (i = 0; i < p->nwarnings; i++) {
		if (i > 0)
			buf_putc(&b, '\n');
		plan_put_place(&b, p, p->warnings[i].loc);
		buf_printf(&b, ": %s", p->warnings[i].msg);
	}
	return buf_steal(&b);
}

/* Record the import and its counts in import_log. */
static int
log_import(struct import *im, const char *file, const char *hash)
{
	const struct import_summary *sum = im->sum;
	char *text = warning_text(im->p);
	int rc;

	rc = sql_run(im->s, im->err, "INSERT INTO import_log (plan_id, file, "
	    "hash, at, tasks, measures, added, updated, unchanged, retired, "
	    "restored, warnings, warning_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12, ?13)", "IssIIIIIIIIIs", sum->plan_id,
	    file, hash, im->now, (int64_t)sum->tasks, (int64_t)sum->measures,
	    (int64_t)sum->added, (int64_t)sum->updated, (int64_t)sum->unchanged,
	    (int64_t)sum->retired, (int64_t)sum->restored,
	    (int64_t)sum->warnings, text);
	free(text);
	return rc;
}

/* The body of store_import, inside its transaction. */
static int
import_plan(struct import *im, const char *file, const char *hash)
{
	int rc;

	if ((rc = upsert_plan(im, hash)) != 0 || (rc = upsert_tasks(im)) != 0 ||
	    (rc = load_old(im)) != 0)
		return rc;
	collect_new(im);
	match_measures(im);
	if ((rc = write_measures(im)) != 0 || (rc = retire_measures(im)) != 0 ||
	    (rc = retire_tasks(im)) != 0)
		return rc;
	return log_import(im, file, hash);
}

/* Free what import_plan allocated. */
static void
import_free(struct import *im)
{
	size_t k;

	for (k = 0; k < im->nold; k++) {
		free(im->old[k].text);
		free(im->old[k].units_text);
		free(im->old[k].dl_text);
		free(im->old[k].kind);
		free(im->old[k].due);
		free(im->old[k].links);
	}
	free(im->old);
	free(im->cur);
	free(im->task_ids);
	free(im->old_tasks);
	free(im->tasks_by_no);
	free(im->known);
	free(im->units);
	free(im->dls);
	free(im->ms_sql);
	free(im->units_sql);
	free(im->dls_sql);
}

/* Import p in one transaction, rolled back on error or for a dry run. */
int
store_import(struct store *s, const struct plan *p, const char *file,
    const char *hash, time_t now, bool dry_run, struct import_summary *sum,
    struct error *err)
{
	struct import im = { .s = s, .p = p, .now = (int64_t)now, .sum = sum,
	    .err = err };
	int rc;

	memset(sum, 0, sizeof(*sum));
	sum->tasks = p->ntasks;
	sum->measures = plan_measure_count(p);
	sum->warnings = p->nwarnings;
	/* The statement journals of the multi-row INSERTs and the sorts of
	 * a large plan's rows stay in memory: on disk they were written and
	 * read back for nothing.  (A transaction
	 * cannot change temp_store.) */
	if ((rc = check_plan(&im)) != 0 ||
	    (rc = sql_script(s, "PRAGMA temp_store = MEMORY", err)) != 0 ||
	    (rc = sql_run(s, err, "BEGIN IMMEDIATE", "")) != 0)
		goto out;
	rc = import_plan(&im, file, hash);
	if (rc == 0 && !dry_run)
		rc = sql_run(s, err, "COMMIT", "");
	if (rc != 0 || dry_run)
		tx_rollback(s);
out:
	import_free(&im);
	return rc;
}

