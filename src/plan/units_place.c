/* units_place: places that share the name after them (see the header).
 *
 * A run of names parted by 、 whose first ones are bare places (2 to 4
 * Chinese characters ending in a level: 济南市, 市南区) and whose next
 * names its office after a place of that level (青岛市人民政府): the
 * bare ones take the words after that level (人民政府), up to a role or
 * "and others" word (牵头, 等).  A bare place of two characters without
 * a level (济南) takes the 市 of a two-character city too.  A named one
 * whose place ends in 等 (济南、潍坊等市政府) shares as well, its 等 put
 * after its office (潍坊市政府等), where units.c reads "and others".
 * No other name changes (各市 and 省、市 are groups: units.c's). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/units_place.h"
#include "plan/units_words.h"

/* The levels a place ends in, one character each. */
static const char *const place_levels[] = { "市", "县", "区", "州", NULL };

/* Characters of a place's name before its level. */
#define PLACE_MIN 2
#define PLACE_MAX 4
/* Bytes of the office's words a place takes. */
#define OFFICE_MAX 60

/* One name of the cell: [s, end), trimmed, and whether 、 follows. */
struct name {
	const char *s, *end;
	bool listed;
};

/* The level [p, end) starts with, or NULL. */
static const char *
level_at(const char *p, const char *end)
{
	for (size_t i = 0; place_levels[i] != NULL; i++) {
		size_t n = strlen(place_levels[i]);

		if ((size_t)(end - p) >= n && memcmp(p, place_levels[i], n) == 0)
			return place_levels[i];
	}
	return NULL;
}

/* The Chinese characters [s, end) begins with, their count in *n: the
 * first one that is not is at the return. */
static const char *
han_run(const char *s, const char *end, size_t *n)
{
	const char *p = s, *q;

	for (*n = 0; p < end; p = q, (*n)++) {
		q = p;
		if (!text_is_han(utf8_next(&q, end)))
			break;
	}
	return p;
}

/* A bare place's level ("" for two characters without one), or NULL
 * when the name is none. */
static const char *
bare_level(const struct name *nm)
{
	size_t n;
	const char *p, *level;

	if (han_run(nm->s, nm->end, &n) != nm->end || n < PLACE_MIN ||
	    n > PLACE_MAX + 1 || text_starts(nm->s, "各", NULL))
		return NULL;
	if (n == PLACE_MIN && level_at(nm->end - 3, nm->end) == NULL)
		return "";
	/* Its last character is its level (each is three bytes). */
	p = nm->end - 3;
	level = level_at(p, nm->end);
	return n > PLACE_MIN && level != NULL ? level : NULL;
}

/* Where a word that ends a name's office starts in [s, end): a role's
 * or "and others" word (青岛市人民政府牵头, 青岛市政府等), else end. */
static const char *
office_end(const char *s, const char *end)
{
	const char *cut = end, *at;
	char *t = xstrndup(s, (size_t)(end - s));
	const struct role_word *const tables[] = {
		units_markers, units_suffixes
	};

	for (size_t k = 0; k < ARRAY_LEN(tables); k++)
		for (size_t i = 0; tables[k][i].text != NULL; i++)
			if ((at = strstr(t, tables[k][i].text)) != NULL &&
			    s + (at - t) < cut)
				cut = s + (at - t);
	for (size_t i = 0; units_etc_words[i] != NULL; i++)
		if ((at = strstr(t, units_etc_words[i])) != NULL &&
		    s + (at - t) < cut)
			cut = s + (at - t);
	free(t);
	return cut;
}

/* The office a named place gives (青岛市人民政府: 人民政府, after 市,
 * into *level; its place's length in characters into *place), or false.
 * *etc: the place ends in 等 (潍坊等市政府: and other cities). */
static bool
office_of(const struct name *nm, const char **level, const char **office,
    const char **office_stop, size_t *place, bool *etc)
{
	const char *p = nm->s, *q, *stop;
	size_t n, rest;

	*level = NULL;
	for (*place = 0; *place <= PLACE_MAX && p < nm->end; (*place)++) {
		if (*place >= PLACE_MIN && (*level = level_at(p, nm->end)) != NULL)
			break;
		q = p;
		if (!text_is_han(utf8_next(&q, nm->end)))
			return false;
		p = q;
	}
	if (*place > PLACE_MAX || p >= nm->end || *level == NULL ||
	    text_starts(nm->s, "各", NULL) || text_starts(nm->s, "省", NULL))
		return false;
	*etc = *place > PLACE_MIN && memcmp(p - strlen("等"), "等",
	    strlen("等")) == 0;
	if (*etc)
		(*place)--;
	*office = p + strlen(*level);
	stop = han_run(*office, nm->end, &n);
	/* A name broken by a space (a PDF's line): which words are its? */
	if (stop < nm->end && text_is_space((unsigned char)*stop))
		return false;
	stop = office_end(*office, stop);
	(void)han_run(*office, stop, &rest);
	*office_stop = stop;
	return rest >= 1 && (size_t)(stop - *office) <= OFFICE_MAX;
}

/* Give the bare places names[from, to) the office names[to] gives, as
 * their new text in repl[]; and names[to] its 等 after the office
 * (潍坊等市政府: 潍坊市政府等, which units.c reads as open-ended). */
static bool
share(struct name *names, size_t from, size_t to, char **repl)
{
	const char *level, *office, *stop;
	size_t place, k;
	bool any = false, etc;

	if (!office_of(&names[to], &level, &office, &stop, &place, &etc))
		return false;
	for (k = from; k < to; k++) {
		const char *own = bare_level(&names[k]);

		if (own == NULL)
			continue;
		if (*own == '\0') {
			/* 济南、青岛市政府: two-character cities only. */
			if (place != PLACE_MIN || strcmp(level, "市") != 0 ||
			    (size_t)(stop - office) < 2 * 3)
				continue;
			repl[k] = xasprintf("%.*s%s%.*s",
			    (int)(names[k].end - names[k].s), names[k].s, level,
			    (int)(stop - office), office);
		} else if (strcmp(own, level) == 0)
			repl[k] = xasprintf("%.*s%.*s",
			    (int)(names[k].end - names[k].s), names[k].s,
			    (int)(stop - office), office);
		else
			continue;
		any = true;
	}
	if (any && etc) {
		const char *at = office - strlen(level);	/* its 市 */
		const char *mark = at - strlen("等");

		repl[to] = xasprintf("%.*s%.*s等%.*s",
		    (int)(mark - names[to].s), names[to].s,
		    (int)(stop - at), at, (int)(names[to].end - stop), stop);
	}
	return any;
}

char *
units_place_share(const char *cell)
{
	const char *p = cell, *end = cell + strlen(cell), *start = cell, *at;
	struct name *names = NULL;
	char **repl;
	size_t n = 0, cap = 0, depth = 0, run;
	struct buf b = BUF_INIT;
	bool any = false;

	/* Cheap first: a shared office follows 、. */
	if (strstr(cell, "、") == NULL)
		return NULL;
	while (p <= end) {
		enum units_punct what = P_CLAUSE;

		at = p;
		if (p < end)
			what = units_step(&p, end, &depth);
		else
			p++;
		if (depth > 0 || (what != P_NAME && what != P_GROUP &&
		    what != P_CLAUSE))
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		/* Trim: a PDF's lines join with spaces. */
		while (start < at && text_is_space((unsigned char)*start))
			start++;
		names[n].s = start;
		names[n].end = at;
		while (names[n].end > start &&
		    text_is_space((unsigned char)names[n].end[-1]))
			names[n].end--;
		names[n++].listed = what == P_NAME && at < end &&
		    text_starts(at, "、", NULL);
		start = p;
	}
	repl = xcalloc(n, sizeof(*repl));
	for (size_t i = 0; i < n; i = run + 1) {
		/* The run of bare places listed before a name. */
		for (run = i; run < n && names[run].listed &&
		    bare_level(&names[run]) != NULL; run++)
			;
		if (run > i && run < n && share(names, i, run, repl))
			any = true;
	}
	if (any) {
		const char *from = cell;

		for (size_t i = 0; i < n; i++)
			if (repl[i] != NULL) {
				buf_add(&b, from, (size_t)(names[i].s - from));
				buf_puts(&b, repl[i]);
				from = names[i].end;
			}
		buf_puts(&b, from);
	}
	for (size_t i = 0; i < n; i++)
		free(repl[i]);
	free(repl);
	free(names);
	return any ? buf_steal(&b) : NULL;
}
