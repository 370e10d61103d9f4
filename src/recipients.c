/* recipients: plan unit names -> configured recipients.  A name is a
 * unit's name or one of its aliases, or a group's name whose members are
 * resolved in turn (a member may name a unit, an alias or another group;
 * a group met again inside itself is skipped).  Names are compared after
 * text_fold, so white space and full-width letters make no difference.
 * What maps to nothing goes to the admin. */
#include <stdlib.h>
#include <string.h>

#include "recipients.h"
#include "text.h"

/* How deep groups may nest; deeper members count as unmapped. */
#define GROUP_DEPTH 8

/* The recipients found so far, without repeats. */
struct found {
	const struct recipient **v;
	size_t n, cap;
	bool unmapped;
};

/* Whether name folds to folded. */
static bool
same(const char *folded, const char *name)
{
	char *f = text_fold(name);
	bool eq = strcmp(folded, f) == 0;

	free(f);
	return eq;
}

/* The unit called (or aliased) folded, or NULL. */
static const struct recipient *
find_unit(const struct config *c, const char *folded)
{
	const struct recipient *u;
	size_t i, k;

	if (*folded == '\0')
		return NULL;
	for (i = 0; i < c->nunits; i++) {
		u = &c->units[i];
		if (same(folded, u->name))
			return u;
		for (k = 0; k < u->naliases; k++)
			if (same(folded, u->aliases[k]))
				return u;
	}
	return NULL;
}

/* The group called folded, or NULL. */
static const struct group *
find_group(const struct config *c, const char *folded)
{
	size_t i;

	if (*folded == '\0')
		return NULL;
	for (i = 0; i < c->ngroups; i++)
		if (same(folded, c->groups[i].name))
			return &c->groups[i];
	return NULL;
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

/* The unit with this name or alias, or NULL. */
const struct recipient *
recipients_find(const struct config *c, const char *name)
{
	char *folded = text_fold(name);
	const struct recipient *u = find_unit(c, folded);

	free(folded);
	return u;
}
