/*
 * units: the responsible-units cell of a work plan (README,
 * "Units and roles").  Clauses are separated by ；, names by ， 、 and
 * their ASCII forms, except inside brackets.  A 牵头 or 配合 suffix gives
 * its role to its name and to the earlier names of the clause that have
 * none yet, back to the last ，(甲、乙牵头，丙配合; in 甲，乙配合 甲 is
 * not 乙's: 、 joins a list, ，parts it); names still without a role at
 * a ，or the end of their clause are responsible.  A marker followed by a name ends its own ("甲牵头\n乙配合",
 * as a cell's lines read when a PDF does not keep its break).
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/units.h"
#include "plan/units_place.h"
#include "plan/units_words.h"

/* The words after a name that give its role: markers, then suffixes. */
static const struct role_word *const role_tables[] = {
	units_markers, units_suffixes,
};

/* Between two names: the first leads, those after it support, to the
 * clause's end (甲会同乙、丙). */
#define WITH_WORD "会同"
/* The support marker; between two names (甲配合乙) the second leads. */
#define SUPPORT_WORD "配合"

/* The cell as parsed so far. */
struct units {
	struct unit_ref *u;
	size_t n;
	size_t cap;
	size_t unset;	/* names from here on have no role yet */
	size_t group;	/* the first name after the clause's last ， */
	bool led;	/* a marker gave a name of this clause the lead */
	bool labelled;	/* a label gave this clause's role ... */
	enum role label;	/* ... this one */
	/* The names seen, hashed (slot = index + 1, 0 empty), so that a cell
	 * of many thousand names is read in linear time. */
	size_t *slots;
	size_t nslots;	/* a power of two, at least twice n */
	/* The names a lead's mark marked (★甲), which lead unless a marker
	 * gave them another role. */
	size_t *starred;
	size_t nstarred, capstarred;
};

/* True for the characters between which a space is kept ("IBM China"). */
static bool
ascii_alnum(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z');
}

/* What a run of whitespace becomes between the character last and the
 * text at `at` (before end), whose first character is cp. */
typedef const char *space_rule(int32_t last, int32_t cp, const char *at,
    const char *end);

/* [s, end) into b, each run of whitespace as rule says (none at the
 * ends). */
static void
respace(struct buf *b, const char *s, const char *end, space_rule *rule)
{
	const char *at, *run = NULL;
	int32_t cp, last = -1;
	bool space = false;

	while (s < end) {
		at = s;
		cp = utf8_next(&s, end);
		if (cp >= 0 && text_is_space((uint32_t)cp)) {
			if (run != NULL)
				buf_add(b, run, (size_t)(at - run));
			run = NULL;
			space = true;
			continue;
		}
		if (run == NULL) {
			if (space && last != -1)
				buf_puts(b, rule(last, cp, at, end));
			run = at;
		}
		space = false;
		last = cp;
	}
	if (run != NULL)
		buf_add(b, run, (size_t)(end - run));
}

/* In a name, one space between two ASCII letters or digits (IBM China),
 * none elsewhere. */
static const char *
name_space(int32_t last, int32_t cp, const char *at, const char *end)
{
	(void)at, (void)end;
	return ascii_alnum(last) && ascii_alnum(cp) ? " " : "";
}

/* New string: the name written in [s, end), its whitespace as
 * name_space says. */
static char *
clean_name(const char *s, const char *end)
{
	struct buf b = BUF_INIT;

	respace(&b, s, end, name_space);
	return buf_steal(&b);
}

/* Whether cp is a name's own character in a cell whose spaces were
 * typed: not a space, a separator, a bracket or a colon. */
static bool
name_char(int32_t cp)
{
	return cp >= 0 && !text_is_space((uint32_t)cp) && units_punct_of(cp) ==
	    P_NONE && cp != ':' && cp != 0xFF1A;
}

/* The end of a label and its colon at s (whitespace before it
 * skipped), and *role; NULL when s starts with none. */
static const char *
label_at(const char *s, const char *end, enum role *role)
{
	const char *p = s, *rest;
	int32_t cp;

	while (p < end) {
		s = p;
		cp = utf8_next(&p, end);
		if (cp < 0 || !text_is_space((uint32_t)cp))
			break;
	}
	for (size_t i = 0; units_labels[i].text != NULL; i++)
		if (text_starts(s, units_labels[i].text, &rest) &&
		    (text_starts(rest, "：", &rest) ||
		    text_starts(rest, ":", &rest))) {
			*role = units_labels[i].role;
			return rest;
		}
	return NULL;
}

/* The end of a person's label and its colon at s, or NULL. */
static const char *
person_label_at(const char *s)
{
	const char *rest;

	for (size_t i = 0; units_person_labels[i] != NULL; i++)
		if (text_starts(s, units_person_labels[i], &rest) &&
		    (text_starts(rest, "：", &rest) || text_starts(rest, ":",
		    &rest)))
			return rest;
	return NULL;
}

/* Past what a person's label at s names: to the end of its clause or
 * of its brackets (depth > 0: the bracket that closes them, included),
 * or to the next unit label. */
static const char *
past_person(const char *s, const char *end, size_t depth)
{
	const char *p = s, *at;
	enum role role;

	while (p < end) {
		size_t was = depth;

		at = p;
		switch (units_step(&p, end, &depth)) {
		case P_CLOSE:
			if (was == 1)
				return p;
			break;
		case P_CLAUSE:
			if (depth == 0)
				return at;
			break;
		default:
			if (depth == 0 && label_at(at, end, &role) != NULL)
				return at;
		}
	}
	return end;
}

/* Whether name (n bytes) ends in w, its last byte asked first: every
 * name of a cell is asked of every marker, suffix and 等 word. */
static bool
ends_in(const char *name, size_t n, const char *w)
{
	size_t m = strlen(w);

	return n >= m && name[n - 1] == w[m - 1] &&
	    memcmp(name + n - m, w, m) == 0;
}

/* Where the "and others" at p ends (等, 等部门, and with a count:
 * 等10部门, 等十个单位, 等3家单位), or NULL when p starts none. */
static const char *
etc_end(const char *p)
{
	const char *rest;
	size_t len, i;

	if (!text_starts(p, "等", &p))
		return NULL;
	if (text_number(p, &len) > 0 && len > 0) {
		p += len;
		if (!text_starts(p, "个", &p))
			(void)text_starts(p, "家", &p);
	}
	/* The longest word: each of units_etc_words after its 等. */
	for (i = 0; units_etc_words[i] != NULL; i++)
		if (text_starts(p, units_etc_words[i] + strlen("等"), &rest))
			return rest;
	return p;
}

/* Take 等 (等单位, 等部门, 等10部门) off the end of name. */
static void
strip_etc(char *name)
{
	const char *end;

	for (char *p = name; (p = strstr(p, "等")) != NULL; p += strlen("等"))
		if (p > name && (end = etc_end(p)) != NULL && *end == '\0') {
			*p = '\0';
			return;
		}
}

/* Whether cp is a dash: - ‐ ‑ ‒ – — ― － − ~ ～. */
static bool
is_dash(int32_t cp)
{
	return cp == '-' || cp == '~' || (cp >= 0x2010 && cp <= 0x2015) ||
	    cp == 0xFF0D || cp == 0x2212 || cp == 0xFF5E;
}

/* Whether name names no unit: a word for none (units_none_words), dashes
 * alone, or what stands for others (等, 等部门) with nothing before it. */
static bool
names_none(const char *name)
{
	const char *p = name, *end = name + strlen(name);

	if (text_equals_any(name, units_none_words) ||
	    text_equals_any(name, units_etc_words))
		return true;
	while (p < end)
		if (!is_dash(utf8_next(&p, end)))
			return false;
	return p != name;
}

/* Take a lead's mark (units_lead_marks) off the start or end of name;
 * true if there was one. */
static bool
strip_lead_mark(char *name)
{
	const char *rest;
	size_t n = strlen(name), m;

	for (size_t k = 0; units_lead_marks[k] != NULL; k++) {
		m = strlen(units_lead_marks[k]);
		if (n <= m)
			continue;
		if (text_starts(name, units_lead_marks[k], &rest)) {
			memmove(name, rest, n - m + 1);
			return true;
		}
		if (ends_in(name, n, units_lead_marks[k])) {
			name[n - m] = '\0';
			return true;
		}
	}
	return false;
}

/* Take a role marker or suffix off the end of name (and 由 off its
 * start: 由甲负责); true (and *role) if there was one. */
static bool strip_marker(char *name, enum role *role);

/* The text inside the brackets that end name (n bytes), in any of the
 * brackets plans use, with *open where they open; NULL when none do. */
static char *
end_bracket(const char *name, size_t n, const char **open)
{
	static const char *const pairs[][2] = { { "（", "）" }, { "(", ")" },
		{ "【", "】" }, { "[", "]" }, { "〔", "〕" } };
	const char *at;

	for (size_t k = 0; k < ARRAY_LEN(pairs); k++) {
		size_t ol = strlen(pairs[k][0]), cl = strlen(pairs[k][1]);

		if (!ends_in(name, n, pairs[k][1]))
			continue;
		for (*open = NULL, at = name; (at = strstr(at, pairs[k][0])) !=
		    NULL && at < name + n - cl; at++)
			*open = at;
		if (*open != NULL)
			return xasprintf("%.*s", (int)(name + n - cl - *open - ol),
			    *open + ol);
	}
	return NULL;
}

/* The length of a role in brackets at the end of name (n bytes): 甲
 * （牵头负责）, 甲【牵头】, 甲〔配合〕, 甲[负总责]; 0 when its end is
 * none. */
static size_t
bracketed_marker(const char *name, size_t n, enum role *role)
{
	const char *open;
	char *inner = end_bracket(name, n, &open);
	size_t cut = 0;

	if (inner != NULL && *inner != '\0' && strip_marker(inner, role) &&
	    *inner == '\0')
		cut = (size_t)(name + n - open);
	free(inner);
	return cut;
}

/* Take a note in brackets on the names' order off name's end
 * (乙（排名不分先后）): it says nothing of 乙. */
static void
strip_order_note(char *name)
{
	const char *open;
	char *inner = end_bracket(name, strlen(name), &open);

	if (inner != NULL && text_equals_any(inner, units_order_notes))
		name[open - name] = '\0';
	free(inner);
}

static bool
strip_marker(char *name, enum role *role)
{
	const char *rest;
	size_t n = strlen(name), cut = 0, tl;

	/* A marker and what may follow it (牵头组织), 为 before it: the
	 * tail asked first (a cell may name 100,000 units). */
	for (size_t k = 0; cut == 0 && units_marker_tails[k] != NULL; k++) {
		if (!ends_in(name, n, units_marker_tails[k]))
			continue;
		tl = strlen(units_marker_tails[k]);
		for (size_t i = 0; cut == 0 && units_markers[i].text != NULL; i++)
			if (ends_in(name, n - tl, units_markers[i].text)) {
				cut = tl + strlen(units_markers[i].text);
				cut += ends_in(name, n - cut, "为") ? strlen("为") : 0;
				*role = units_markers[i].role;
			}
	}
	for (size_t t = 0; cut == 0 && t < ARRAY_LEN(role_tables); t++)
		for (const struct role_word *w = role_tables[t];
		    cut == 0 && w->text != NULL; w++)
			if (ends_in(name, n, w->text)) {
				cut = strlen(w->text);
				*role = w->role;
			}
	if (cut == 0 && (cut = bracketed_marker(name, n, role)) == 0)
		return false;
	name[n - cut] = '\0';
	/* 由甲负责: "by 甲". */
	if (text_starts(name, "由", &rest))
		memmove(name, rest, strlen(rest) + 1);
	return true;
}

/* Give role to every name that has none yet: the work of a marker, and
 * of the end of a clause (with ROLE_RESPONSIBLE). */
static void
assign(struct units *us, enum role role)
{
	for (; us->unset < us->n; us->unset++)
		us->u[us->unset].role = role;
}

/* The slot that holds name, or the empty slot where it would go. */
static size_t *
slot_of(const struct units *us, const char *name)
{
	size_t i = text_hash(name) & (us->nslots - 1);

	while (us->slots[i] != 0 && strcmp(us->u[us->slots[i] - 1].name, name) != 0)
		i = (i + 1) & (us->nslots - 1);
	return &us->slots[i];
}

/* Keep the table at most half full (rehashing every name when it grows). */
static void
slots_reserve(struct units *us)
{
	if (2 * (us->n + 1) <= us->nslots)
		return;
	free(us->slots);
	us->nslots = us->nslots == 0 ? 16 : 2 * us->nslots;
	us->slots = xcalloc(us->nslots, sizeof(*us->slots));
	for (size_t i = 0; i < us->n; i++)
		*slot_of(us, us->u[i].name) = i + 1;
}

/* Add the name written in [s, end).  An empty or repeated name adds
 * nothing, but its marker still applies: a lone "配合" is read as if it
 * were attached to the name before it. */
static void
add_name(struct units *us, const char *s, const char *end)
{
	char *name = clean_name(s, end);
	enum role role = ROLE_RESPONSIBLE;
	bool marked, named, starred;
	size_t *slot = NULL;

	strip_order_note(name);
	marked = strip_marker(name, &role);
	strip_etc(name);
	starred = strip_lead_mark(name);
	if (names_none(name))
		*name = '\0';
	named = *name != '\0';
	if (named) {
		slots_reserve(us);
		slot = slot_of(us, name);
	}
	if (slot == NULL || *slot != 0)
		free(name);
	else {
		us->u = xgrow(us->u, &us->cap, us->n + 1, sizeof(*us->u));
		us->u[us->n].name = name;
		us->u[us->n].role = ROLE_RESPONSIBLE;
		us->u[us->n].group = NULL;
		*slot = ++us->n;
	}
	if (starred && named) {
		us->starred = xgrow(us->starred, &us->capstarred,
		    us->nstarred + 1, sizeof(*us->starred));
		us->starred[us->nstarred++] = *slot - 1;
	}
	if (marked) {
		/* A marker after a name reaches back to the last ，; a lone
		 * one ("甲、乙，配合") is read as the name's before it.  Past
		 * a lead, names without a role before 配合 support too
		 * (甲牵头，乙，丙配合). */
		enum role before = role == ROLE_SUPPORT && us->led ?
		    ROLE_SUPPORT : ROLE_RESPONSIBLE;

		for (; named && us->unset < us->group; us->unset++)
			us->u[us->unset].role = before;
		assign(us, role);
		us->led = us->led || role == ROLE_LEAD;
	}
}

/* Where a marker at "at" ends a name and a new one starts after it: the
 * marker is followed (past any whitespace) by the start of a name. */
static const char *
marker_then_name(const char *at, const char *end)
{
	const char *rest, *p;
	int32_t cp;

	for (size_t i = 0; units_markers[i].text != NULL; i++) {
		if (!text_starts(at, units_markers[i].text, &rest))
			continue;
		for (size_t k = 0; units_marker_tails[k] != NULL; k++)
			if (text_starts(rest, units_marker_tails[k], NULL))
				return NULL;
		for (p = rest; p < end;) {
			cp = utf8_next(&p, end);
			if (cp >= 0 && text_is_space((uint32_t)cp))
				continue;
			return units_punct_of(cp) == P_NONE ? rest : NULL;
		}
		return NULL;
	}
	return NULL;
}

/* The rank of the level [s, end) starts with (各 before it skipped),
 * the level's end into *rest; -1 when it starts with none. */
static int
level_at(const char *s, const char *end, const char **rest)
{
	while (s < end && text_is_space((unsigned char)*s))
		s++;
	text_starts(s, "各", &s);
	for (size_t i = 0; units_levels[i].name != NULL; i++) {
		size_t n = strlen(units_levels[i].name);

		if ((size_t)(end - s) >= n && memcmp(s, units_levels[i].name, n) == 0) {
			*rest = s + n;
			return units_levels[i].rank;
		}
	}
	return -1;
}

/* Whether the name [s, at) is a level alone that shares the name after
 * the 、 at `at` (from next on): 各市、县（市、区）政府 and
 * 省、市市场监管部门 are one name each (a group to configure), not 各市
 * and a county's government; 各市、省财政厅 is two, 各区、县政府 one. */
static bool
level_shared(const char *s, const char *at, const char *next,
    const char *end)
{
	const char *rest = at;
	int rank = level_at(s, at, &rest), after;

	if (rank < 0)
		return false;
	while (rest < at && text_is_space((unsigned char)*rest))
		rest++;
	if (rest != at)
		return false;
	/* A county's level has several names (区、县政府). */
	after = level_at(next, end, &rest);
	return after > rank || (after == rank && rank >= 2);
}

/* Where the group after a conjunction at s starts (甲|及各市局: 各市局),
 * or NULL. */
static const char *
and_group(const char *s)
{
	const char *rest;

	for (size_t i = 0; units_and_words[i] != NULL; i++)
		if (text_starts(s, units_and_words[i], &rest) &&
		    text_starts(rest, "各", NULL))
			return rest;
	return NULL;
}

/* Split a units cell into names with roles. */
static size_t parse_names(const char *text, struct unit_ref **out);

size_t
units_parse(const char *text, struct unit_ref **out)
{
	const char *note = units_order_note(text);
	char *kept = units_drop_none(text);

	if (kept != NULL) {
		size_t n = units_parse(kept, out);

		free(kept);
		return n;
	}
	/* 甲、乙、丙（列第一位的为牵头单位）: the names, in that order. */
	if (note != NULL) {
		char *names = xstrndup(text, (size_t)(note - text));
		size_t n = units_parse(names, out);

		free(names);
		(void)units_order_apply(units_order_in(note), *out, n);
		return n;
	}
	return parse_names(text, out);
}

static size_t
parse_names(const char *text, struct unit_ref **out)
{
	struct units us = { 0 };
	const char *p = text, *end = text + strlen(text), *start = text, *at;
	const char *seg = text;		/* where the name after the last 、 starts */
	enum units_punct what;
	enum role role;
	size_t depth = 0;
	/* Labels end in a colon: a cell without one has none. */
	bool colon = strchr(text, ':') != NULL || strstr(text, "：") != NULL;
	char *shared = units_place_share(text);

	if (shared != NULL) {	/* 济南市、青岛市人民政府: two governments */
		p = start = seg = text = shared;
		end = text + strlen(text);
	}

	while (p < end) {
		at = p;
		if (seg < start)
			seg = start;
		/* A person is no unit: 甲；责任领导：张三 is 甲. */
		if (depth == 0 && colon && (p = person_label_at(at)) != NULL) {
			if (at > start)
				add_name(&us, start, at);
			start = p = past_person(p, end, 0);
			continue;
		}
		/* A label ends the names before it (甲牵头单位：乙, as a PDF's
		 * lines join, ends 甲 too). */
		if (depth == 0 && colon && (p = label_at(at, end, &role)) !=
		    NULL) {
			if (at > start)
				add_name(&us, start, at);
			assign(&us, us.labelled ? us.label : ROLE_RESPONSIBLE);
			us.labelled = true;
			us.label = role;
			start = p;
			continue;
		}
		if (depth == 0 && at > start &&
		    (p = marker_then_name(at, end)) != NULL) {
			add_name(&us, start, p);
			/* 甲配合乙: 乙 leads (the other way round from 会同). */
			if (text_starts(at, SUPPORT_WORD, NULL) && !us.labelled) {
				us.labelled = true;
				us.label = ROLE_LEAD;
			}
			start = p;
			continue;
		}
		if (depth == 0 && at > start && (p = and_group(at)) != NULL) {
			add_name(&us, start, at);	/* as 、 does */
			start = p;
			continue;
		}
		if (depth == 0 && at > start && text_starts(at, WITH_WORD, &p)) {
			add_name(&us, start, at);
			assign(&us, ROLE_LEAD);
			us.labelled = true;
			us.label = ROLE_SUPPORT;
			start = p;
			continue;
		}
		p = at;
		what = units_step(&p, end, &depth);
		if (what == P_OPEN && depth == 1 && colon &&
		    person_label_at(p) != NULL) {
			/* 甲（分管领导：李四） is 甲. */
			if (at > start)
				add_name(&us, start, at);
			start = p = past_person(p, end, 1);
			depth = 0;
		} else if ((what == P_NAME || what == P_GROUP ||
		    what == P_CLAUSE) && depth == 0 &&
		    !(what == P_NAME && level_shared(seg, at, p, end))) {
			add_name(&us, start, at);
			/* A label (牵头单位：甲，乙) reaches to the clause's end. */
			if (what == P_GROUP && !us.labelled)
				us.group = us.n;
			if (what == P_CLAUSE) {
				assign(&us, us.labelled ? us.label :
				    ROLE_RESPONSIBLE);
				us.labelled = false;
				us.led = false;
			}
			start = p;
		} else if (what == P_NAME && depth == 0)
			seg = p;	/* a level shared with the name after */
	}
	add_name(&us, start, end);
	assign(&us, us.labelled ? us.label : ROLE_RESPONSIBLE);
	for (size_t i = 0; i < us.nstarred; i++)
		if (us.u[us.starred[i]].role == ROLE_RESPONSIBLE)
			us.u[us.starred[i]].role = ROLE_LEAD;
	free(us.starred);
	free(us.slots);
	free(shared);
	*out = us.u;
	return us.n;
}

/* Free what units_parse returned. */
void
units_free(struct unit_ref *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)u[i].name);
		free((char *)u[i].group);
	}
	free(u);
}

/* A lead or support column's cell into b, after a ；: its names as this
 * grammar reads them, each with the column's role unless the cell gives
 * it another (负责, 主要负责 and the like name none: the column's). */
static void
put_column(struct buf *b, const char *cell, enum role role)
{
	struct unit_ref *u;
	size_t n = units_parse(cell, &u);
	char *s;

	for (size_t i = 0; i < n; i++)
		if (u[i].role == ROLE_RESPONSIBLE)
			u[i].role = role;
	s = units_write(u, n);
	if (*s != '\0' && b->len > 0)
		buf_puts(b, "；");
	buf_puts(b, s);
	free(s);
	units_free(u, n);
}

/* Whether s starts with (at_end: ends with) a separator of names or
 * clauses. */
static bool
separator_at(const char *s, bool at_end)
{
	static const char *const seps[] = { "、", "，", ",", "；", ";" };

	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (at_end ? text_ends(s, seps[i]) : text_starts(s, seps[i], NULL))
			return true;
	return false;
}

/* Whether s starts with a role marker. */
static bool
starts_marker(const char *s)
{
	for (size_t i = 0; units_markers[i].text != NULL; i++)
		if (text_starts(s, units_markers[i].text, NULL))
			return true;
	return false;
}

/* In a typed cell, a space between two Chinese names' characters parts
 * them (甲 乙), unless a marker or a bracket follows (甲 牵头, 甲
 * （牵头）); so does one before a label; other spaces are kept for
 * clean_name (IBM China, 12315 指挥中心: one name). */
static const char *
typed_space(int32_t last, int32_t cp, const char *at, const char *end)
{
	enum role role;

	return (name_char(last) && name_char(cp) && !ascii_alnum(last) &&
	    !ascii_alnum(cp) && !starts_marker(at)) ||
	    label_at(at, end, &role) != NULL ? "、" : " ";
}

char *
units_typed(const char *cell)
{
	struct buf b = BUF_INIT;
	const char *s, *nl;

	for (s = cell; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
		char *line;

		nl = s + strcspn(s, "\n");
		line = text_squashn(s, (size_t)(nl - s));
		if (*line != '\0') {
			if (b.len > 0 && !separator_at(buf_str(&b), true) &&
			    !separator_at(line, false))
				buf_puts(&b, "、");
			respace(&b, line, line + strlen(line), typed_space);
		}
		free(line);
	}
	return buf_steal(&b);
}

bool
units_vague(const char *name)
{
	static const char *const vague[] = { "有关", "相关", "其他", "其它" };

	text_starts(name, "各", &name);
	for (size_t i = 0; i < ARRAY_LEN(vague); i++)
		if (text_starts(name, vague[i], NULL))
			return true;
	return false;
}

bool
units_open_ended(const char *text)
{
	/* As units_parse reads it: 潍坊等市政府 is 潍坊市政府等. */
	char *shared = units_place_share(text);
	const char *rest, *cell = shared != NULL ? shared : text;
	bool open = false;

	for (const char *p = cell; !open && (p = strstr(p, "等")) != NULL;
	    p += strlen("等")) {
		rest = etc_end(p);
		/* Its role after it: 甲等部门配合. */
		for (size_t t = 0; t < ARRAY_LEN(role_tables); t++)
			for (const struct role_word *w = role_tables[t];
			    w->text != NULL; w++)
				if (text_starts(rest, w->text, &rest))
					goto marked;
marked:
		open = p > cell && (*rest == '\0' || separator_at(rest, false));
	}
	free(shared);
	return open;
}

char *
units_join(const char *units, const char *lead, const char *support)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, units);
	put_column(&b, lead, ROLE_LEAD);
	put_column(&b, support, ROLE_SUPPORT);
	return buf_steal(&b);
}

char *
units_write(const struct unit_ref *u, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, u[i].name);
		if (i + 1 < n && u[i + 1].role == u[i].role) {
			buf_puts(&b, "、");
			continue;
		}
		if (u[i].role != ROLE_RESPONSIBLE)
			buf_puts(&b, role_label(u[i].role));
		if (i + 1 < n)
			buf_puts(&b, "；");
	}
	return buf_steal(&b);
}
