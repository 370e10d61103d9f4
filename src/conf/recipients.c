/* recipients: plan unit names -> configured recipients.  A name is a
 * unit's name or one of its aliases, or a group's name whose members are
 * resolved in turn (a member may name a unit, an alias or another group;
 * a group met again inside itself is skipped).  Names are compared after
 * text_fold, so white space and full-width letters make no difference.
 * What maps to nothing goes to the admin. */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "conf/recipients.h"
#include "base/text.h"

/* How deep groups may nest; deeper members count as unmapped. */
#define GROUP_DEPTH 8

/* The recipients found so far, without repeats. */
struct found {
	const struct recipient **v;
	size_t n, cap;
	bool unmapped;
};

/* A folded name and what it names: units[idx] or groups[idx]. */
struct name {
	char *folded;
	size_t idx;
};

struct name_index {
	struct name *units;	/* names and aliases */
	size_t nunits;
	struct name *groups;
	size_t ngroups;
};

/* By name, then by position: the first unit so named wins, as it did
 * when the list was searched in order. */
static int
cmp_name(const void *a, const void *b)
{
	const struct name *x = a, *y = b;

	return cmp_str_pos(x->folded, x->idx, y->folded, y->idx);
}

static void
add_name(struct name **v, size_t *n, size_t *cap, const char *name, size_t idx)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct name){ text_fold(name), idx };
}

void
recipients_index(struct config *c)
{
	struct name_index *ix = xcalloc(1, sizeof(*ix));
	size_t i, k, ucap = 0, gcap = 0;

	for (i = 0; i < c->nunits; i++) {
		add_name(&ix->units, &ix->nunits, &ucap, c->units[i].name, i);
		for (k = 0; k < c->units[i].naliases; k++)
			add_name(&ix->units, &ix->nunits, &ucap,
			    c->units[i].aliases[k], i);
	}
	for (i = 0; i < c->ngroups; i++)
		add_name(&ix->groups, &ix->ngroups, &gcap, c->groups[i].name, i);
	if (ix->nunits > 1)
		qsort(ix->units, ix->nunits, sizeof(*ix->units), cmp_name);
	if (ix->ngroups > 1)
		qsort(ix->groups, ix->ngroups, sizeof(*ix->groups), cmp_name);
	recipients_unindex(c);
	c->names = ix;
}

void
recipients_unindex(struct config *c)
{
	struct name_index *ix = c->names;
	size_t i;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->nunits; i++)
		free(ix->units[i].folded);
	for (i = 0; i < ix->ngroups; i++)
		free(ix->groups[i].folded);
	free(ix->units);
	free(ix->groups);
	free(ix);
	c->names = NULL;
}

/* The position of the first entry named folded in v[0..n), or -1. */
static ssize_t
lookup(const struct name *v, size_t n, const char *folded)
{
	size_t lo = 0, hi = n, mid;

	if (*folded == '\0')
		return -1;
	/* The leftmost match: the lowest position among equal names. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].folded, folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].folded, folded) == 0 ? (ssize_t)v[lo].idx : -1;
}

/* The position of the unit (kind 0) or group (kind 1) named folded,
 * or -1. */
static ssize_t
find(const struct config *c, int kind, const char *folded)
{
	if (c->names == NULL)
		return -1;
	return kind == 0 ? lookup(c->names->units, c->names->nunits, folded) :
	    lookup(c->names->groups, c->names->ngroups, folded);
}

/* The unit (kind 0) or group (kind 1) named folded, or written with a
 * second name of the same office in brackets after it, as plans name an
 * office with two names (省市场监管局（省知识产权局）): the one either
 * name finds, when the whole is no name and the two find no two things
 * (a unit and a group, or two units: which one?). */
static ssize_t
find_either(const struct config *c, int kind, const char *folded)
{
	ssize_t i = find(c, kind, folded), a, b, other;
	size_t n = strlen(folded);
	const char *open = strchr(folded, '(');
	char *first, *second;

	if (i >= 0 || open == NULL || open == folded || folded[n - 1] != ')' ||
	    strchr(open + 1, '(') != NULL || find(c, !kind, folded) >= 0)
		return i;
	first = xstrndup(folded, (size_t)(open - folded));
	second = xstrndup(open + 1, n - (size_t)(open - folded) - 2);
	a = find(c, kind, first);
	b = find(c, kind, second);
	other = find(c, !kind, first) >= 0 ? 0 : find(c, !kind, second);
	free(first);
	free(second);
	if (other >= 0 || (a >= 0 && b >= 0 && a != b))
		return -1;
	return a >= 0 ? a : b;
}

/* The unit called (or aliased) folded, or NULL. */
static const struct recipient *
find_unit(const struct config *c, const char *folded)
{
	ssize_t i = find_either(c, 0, folded);

	return i >= 0 ? &c->units[i] : NULL;
}

/* The group called folded, or NULL. */
static const struct group *
find_group(const struct config *c, const char *folded)
{
	ssize_t i = find_either(c, 1, folded);

	return i >= 0 ? &c->groups[i] : NULL;
}

/* Add r unless it is there already. */
static void
add(struct found *f, const struct recipient *r)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i] == r)
			return;
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n++] = r;
}

/* Resolve name into f; stack holds the depth groups being expanded. */
static void
resolve(const struct config *c, const char *name, struct found *f,
    const struct group **stack, size_t depth)
{
	char *folded = text_fold(name);
	const struct recipient *u;
	const struct group *g;
	size_t i;

	if ((u = find_unit(c, folded)) != NULL)
		add(f, u);
	else if ((g = find_group(c, folded)) != NULL && depth < GROUP_DEPTH) {
		for (i = 0; i < depth && stack[i] != g; i++)
			;
		/* A group inside itself adds nothing more. */
		if (i == depth) {
			stack[depth] = g;
			for (i = 0; i < g->nmembers; i++)
				resolve(c, g->members[i], f, stack, depth + 1);
		}
	} else {
		add(f, &c->admin);
		f->unmapped = true;
	}
	free(folded);
}

/* The recipients of a plan's unit name; admin for what maps to nothing. */
size_t
recipients_resolve(const struct config *c, const char *name,
    const struct recipient ***out, bool *unmapped)
{
	const struct group *stack[GROUP_DEPTH];
	struct found f = { NULL, 0, 0, false };

	resolve(c, name, &f, stack, 0);
	/* A group of nobody: its notices must still reach someone. */
	if (f.n == 0) {
		add(&f, &c->admin);
		f.unmapped = true;
	}
	if (unmapped != NULL)
		*unmapped = f.unmapped;
	*out = f.v;
	return f.n;
}

bool
recipient_has_channel(const struct recipient *r)
{
	return r->nemail > 0 || r->nwebhooks > 0 || r->maildir != NULL;
}

/* The unit with this name or alias, or NULL. */
const struct recipient *
recipients_find(const struct config *c, const char *name)
{
	char *folded = text_fold(name);
	const struct recipient *u = find_unit(c, folded);

	free(folded);
	return u;
}

const struct recipient *
recipients_named(const struct config *c, const char *name)
{
	if (strcmp(name, c->admin.name) == 0)
		return &c->admin;
	if (strcmp(name, c->supervisors.name) == 0)
		return &c->supervisors;
	for (size_t i = 0; i < c->nreports; i++)
		if (strcmp(name, c->reports[i].to.name) == 0)
			return &c->reports[i].to;
	return recipients_find(c, name);
}

bool
recipient_address(const struct config *c, const struct recipient *r,
    size_t k, struct address *a)
{
	bool own = recipient_has_channel(r);

	if (k < r->nemail) {
		*a = (struct address){ CHAN_EMAIL, r->email[k], NULL };
		return true;
	}
	k -= r->nemail;
	if (k < r->nwebhooks) {
		*a = (struct address){ r->webhooks[k].type, r->webhooks[k].url,
		    &r->webhooks[k] };
		return true;
	}
	k -= r->nwebhooks;
	if (k > 0 || (r->maildir == NULL && (own || c->maildir == NULL)))
		return false;
	*a = (struct address){ CHAN_MAILDIR, r->maildir != NULL ? r->maildir :
	    c->maildir, NULL };
	return true;
}

/* Whether group g reaches target through its members (depth-first;
 * seen marks the groups entered, so each is walked once).  path gets the
 * chain of names, "A → B → A", when it does. */
static bool
reaches(const struct config *c, const struct group *g,
    const struct group *target, bool *seen, struct buf *path)
{
	size_t i, mark = path->len;

	seen[g - c->groups] = true;
	buf_printf(path, " → %s", g->name);
	for (i = 0; i < g->nmembers; i++) {
		char *folded = text_fold(g->members[i]);
		const struct group *m = find_unit(c, folded) == NULL ?
		    find_group(c, folded) : NULL;

		free(folded);
		if (m == target) {
			buf_printf(path, " → %s", target->name);
			return true;
		}
		if (m != NULL && !seen[m - c->groups] &&
		    reaches(c, m, target, seen, path))
			return true;
	}
	buf_truncate(path, mark);
	return false;
}

size_t
recipients_check(const struct config *c, struct buf *b)
{
	const char *path = c->path != NULL ? c->path : "configuration";
	struct buf chain = BUF_INIT;
	bool *seen = xcalloc(c->ngroups + 1, sizeof(*seen));
	size_t count = 0, i, k;

	for (i = 0; i < c->ngroups; i++) {
		const struct group *g = &c->groups[i];

		for (k = 0; k < g->nmembers; k++) {
			char *folded = text_fold(g->members[k]);

			if (find_unit(c, folded) == NULL &&
			    find_group(c, folded) == NULL) {
				buf_printf(b, "%s:%d: group \"%s\": member \"%s\" "
				    "is no configured unit, alias or group (its "
				    "share of the notices goes to admin)\n", path,
				    g->member_lines != NULL &&
				    g->member_lines[k] > 0 ? g->member_lines[k] :
				    g->line, g->name, g->members[k]);
				count++;
			}
			free(folded);
		}
		memset(seen, 0, c->ngroups * sizeof(*seen));
		buf_reset(&chain);
		if (reaches(c, g, g, seen, &chain)) {
			buf_printf(b, "%s:%d: group \"%s\" contains itself "
			    "(%s)\n", path, g->line, g->name,
			    buf_str(&chain) + strlen(" → "));
			count++;
		}
	}
	buf_free(&chain);
	free(seen);
	return count;
}

/* The canonical units of one measure, in order of first mention, with a
 * small open-addressing index by name: a cell can be long, and each name
 * is met once per path that reaches it. */
struct canon {
	struct unit_ref *v;
	size_t n, cap;
	size_t *slots;		/* index + 1 into v, 0 for empty */
	size_t nslots;
};

static void
canon_rehash(struct canon *cu, size_t nslots)
{
	free(cu->slots);
	cu->slots = xcalloc(nslots, sizeof(*cu->slots));
	cu->nslots = nslots;
	for (size_t i = 0; i < cu->n; i++) {
		size_t h = text_hash(cu->v[i].name) & (nslots - 1);

		while (cu->slots[h] != 0)
			h = (h + 1) & (nslots - 1);
		cu->slots[h] = i + 1;
	}
}

/* Add name with role, or strengthen the role it already has; a unit
 * reached through a group keeps that group for the board. */
static void
canon_add(struct canon *cu, const char *name, enum role role,
    const char *group)
{
	struct unit_ref *u;
	size_t h;

	if (2 * (cu->n + 1) > cu->nslots)
		canon_rehash(cu, cu->nslots == 0 ? 16 : 2 * cu->nslots);
	for (h = text_hash(name) & (cu->nslots - 1); cu->slots[h] != 0;
	    h = (h + 1) & (cu->nslots - 1)) {
		u = &cu->v[cu->slots[h] - 1];
		if (strcmp(u->name, name) != 0)
			continue;
		if (role_stronger(role, u->role))
			u->role = role;
		if (u->group == NULL && group != NULL)
			u->group = xstrdup(group);
		return;
	}
	cu->v = xgrow(cu->v, &cu->cap, cu->n + 1, sizeof(*cu->v));
	cu->v[cu->n] = (struct unit_ref){ xstrdup(name), role,
	    group != NULL ? xstrdup(group) : NULL };
	cu->slots[h] = ++cu->n;
}

/* The words that join two offices in one name (省市场监管局及省财政厅),
 * folded; 以及 before 及, which it ends with; last, nothing: names run
 * together (市生态环境局市水务局, a PDF cell's lines that each ended a
 * name, which its reader could not tell from one name wrapped). */
static const char *const conjunctions[] = { "以及", "及", "和", "与", "" };

/* Whether folded is a configured unit or group. */
static bool
known(const struct config *c, const char *folded)
{
	return find_unit(c, folded) != NULL || find_group(c, folded) != NULL;
}

/* Names joined in one are at most this many, and this long (bytes): a
 * hostile cell of a million 及 is no list to try. */
#define CONJOINED_PARTS 8
#define CONJOINED_LEN 240

/* Where folded, which names nothing, parts into names that each name a
 * unit or group, joined by conjunctions (at most `parts` of them), or
 * run together when glued: the first part's end into *at and the rest's
 * start into *rest (the rest may part again), or false.  省工业和信息化厅
 * stays whole unless 省工业 and 信息化厅 are both configured;
 * 省政府及其部门 never parts (其 is no office). */
static bool
conjoined(const struct config *c, const char *folded, size_t *at,
    const char **rest, int parts, bool glued)
{
	char left[CONJOINED_LEN + 1];	/* the part before p */

	if (parts < 2 || strlen(folded) > CONJOINED_LEN ||
	    c->nunits + c->ngroups == 0)
		return false;
	for (const char *p = folded; *p != '\0'; p++)
		for (size_t k = 0; k < ARRAY_LEN(conjunctions); k++) {
			const char *after;
			bool ok;

			if (p == folded || !text_starts(p, conjunctions[k], &after) ||
			    *after == '\0')
				continue;
			if (*conjunctions[k] == '\0' && (!glued ||
			    ((unsigned char)*p & 0xC0) == 0x80))
				break;	/* not run together, or mid-character */
			memcpy(left, folded, (size_t)(p - folded));
			left[p - folded] = '\0';
			ok = known(c, left) && (known(c, after) ||
			    conjoined(c, after, &(size_t){ 0 },
			    &(const char *){ NULL }, parts - 1, glued));
			if (ok) {
				*at = (size_t)(p - folded);
				*rest = after;
				return true;
			}
			break;	/* one conjunction a place */
		}
	return false;
}

/* Expand name (as written, or a group's member) into cu; group is the
 * group whose members name it (the innermost: 各有关市市场监督管理局 =
 * [各市市场监督管理局] leaves the cities in 各市市场监督管理局, so that
 * the board shows them in one column whichever name a plan used). */
static void
canon_expand(const struct config *c, const char *name, enum role role,
    const char *group, struct canon *cu, const struct group **stack,
    size_t depth)
{
	char *folded = text_fold(name);
	const struct recipient *u = find_unit(c, folded);
	const struct group *g = u == NULL ? find_group(c, folded) : NULL;
	const char *rest;
	size_t i, before = cu->n, at;

	free(folded);
	if (u != NULL) {
		canon_add(cu, u->name, role, group);
		return;
	}
	if (g != NULL && depth < GROUP_DEPTH) {
		for (i = 0; i < depth && stack[i] != g; i++)
			;
		if (i < depth)
			return;	/* a group inside itself: check-config says so */
		stack[depth] = g;
		for (i = 0; i < g->nmembers; i++)
			canon_expand(c, g->members[i], role, g->name, cu,
			    stack, depth + 1);
		if (cu->n > before || g->nmembers > 0)
			return;
	}
	/* Offices joined in one name: each, with the name's role. */
	folded = text_fold(name);
	if (conjoined(c, folded, &at, &rest, CONJOINED_PARTS, true)) {
		char *first = xstrndup(folded, at);

		canon_expand(c, first, role, group, cu, stack, depth);
		canon_expand(c, rest, role, group, cu, stack, depth);
		free(first);
		free(folded);
		return;
	}
	free(folded);
	/* Nobody configured under this name: it stays a unit of its own,
	 * and its notices go to the admin (recipients_resolve). */
	canon_add(cu, name, role, group);
}

/* Whether name parts into configured names only when they may run
 * together; its parts, comma-separated, into b. */
static bool
run_together(const struct config *c, const char *name, struct buf *b)
{
	char *folded = text_fold(name);
	const char *p = folded, *rest;
	size_t at;
	bool ok = !known(c, folded) &&
	    !conjoined(c, folded, &at, &rest, CONJOINED_PARTS, false) &&
	    conjoined(c, folded, &at, &rest, CONJOINED_PARTS, true);

	while (ok) {
		buf_printf(b, "%.*s, ", (int)at, p);
		p = rest;
		if (known(c, p) || !conjoined(c, p, &at, &rest,
		    CONJOINED_PARTS, true)) {
			buf_printf(b, "%s", p);
			break;
		}
	}
	free(folded);
	return ok;
}

void
recipients_warn_run_together(const struct config *c, struct plan *p)
{
	struct buf parts = BUF_INIT;

	for (size_t t = 0; t < p->ntasks; t++)
	for (size_t k = 0; k < p->tasks[t].nmeasures; k++) {
		const struct plan_measure *m = &p->tasks[t].measures[k];

		for (size_t u = 0; u < m->nunits; u++) {
			buf_reset(&parts);
			if (run_together(c, m->units[u].name, &parts))
				plan_warn_at(p, m->loc, "unit \"%s\" is "
				    "none configured: read as %s, run "
				    "together (was each on a line of its "
				    "own in the cell?)", m->units[u].name,
				    buf_str(&parts));
		}
	}
	buf_free(&parts);
}

size_t
recipients_canonical(const struct config *c, const struct unit_ref *in,
    size_t n, struct unit_ref **out)
{
	const struct group *stack[GROUP_DEPTH];
	struct canon cu = { 0 };

	for (size_t i = 0; i < n; i++)
		canon_expand(c, in[i].name, in[i].role, NULL, &cu, stack, 0);
	free(cu.slots);
	*out = cu.v;
	return cu.n;
}

void
recipients_canonical_plans(const struct config *c, struct plan *const *plans,
    size_t n)
{
	for (size_t p = 0; p < n; p++)
	for (size_t t = 0; t < plans[p]->ntasks; t++)
	for (size_t k = 0; k < plans[p]->tasks[t].nmeasures; k++) {
		struct plan_measure *m = &plans[p]->tasks[t].measures[k];
		struct unit_ref *v;
		size_t nv = recipients_canonical(c, m->units, m->nunits, &v);

		plan_set_units(plans[p], m, v, nv);
		units_free(v, nv);
	}
}
