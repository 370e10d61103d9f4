/* docx_numbering: Word's automatic paragraph numbers (see the header). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "read/docx_numbering.h"

#define NUMBERING "word/numbering.xml"
#define STYLES "word/styles.xml"
#define LEVELS 9		/* w:ilvl 0 to 8 */
#define MAX_ENTRIES 4096	/* lists, instances or styles kept: a bound
				 * for a hostile part, far above real ones */
#define MAX_LVL_TEXT 64		/* bytes of a w:lvlText kept */
#define STYLE_DEPTH 16		/* w:basedOn links followed */

enum fmt { F_DECIMAL, F_ZERO, F_CIRCLE, F_PAREN, F_UPPER, F_LOWER,
	F_UPPER_ROMAN, F_LOWER_ROMAN, F_CHINESE, F_LEGAL, F_STEMS, F_NONE };

struct level {
	int start;
	enum fmt fmt;
	char *text;		/* w:lvlText, "%1." */
	bool suff_nothing;	/* no tab or space after the label */
};

struct list {			/* a w:abstractNum, and its counters */
	int id;
	struct level lvl[LEVELS];
	int count[LEVELS];
	bool started[LEVELS];
};

struct num {			/* a w:num: an instance of a list */
	int id;
	int list_id;
	int start_override[LEVELS];	/* -1: none */
	bool used[LEVELS];
};

struct style {
	char *id;
	char *based_on;
	int num_id, ilvl;	/* -1: not set here */
};

struct docx_numbering {
	struct list *lists;
	size_t nlists, lcap;
	struct num *nums;
	size_t nnums, ncap;
	struct style *styles;
	size_t nstyles, scap;
};

/* w:numFmt's values, as far as they matter to a plan's numbers; the
 * rest read as decimal. */
static enum fmt
fmt_named(const char *v)
{
	static const struct { const char *name; enum fmt fmt; } fmts[] = {
		{ "decimalZero", F_ZERO },
		{ "decimalEnclosedCircle", F_CIRCLE },
		{ "decimalEnclosedCircleChinese", F_CIRCLE },
		{ "decimalEnclosedParen", F_PAREN },
		{ "upperLetter", F_UPPER }, { "lowerLetter", F_LOWER },
		{ "upperRoman", F_UPPER_ROMAN }, { "lowerRoman", F_LOWER_ROMAN },
		{ "chineseCounting", F_CHINESE },
		{ "chineseCountingThousand", F_CHINESE },
		{ "japaneseCounting", F_CHINESE },
		{ "taiwaneseCounting", F_CHINESE },
		{ "taiwaneseCountingThousand", F_CHINESE },
		{ "chineseLegalSimplified", F_LEGAL },
		{ "ideographTraditional", F_STEMS },
		{ "bullet", F_NONE }, { "none", F_NONE },
	};

	for (size_t i = 0; v != NULL && i < ARRAY_LEN(fmts); i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].fmt;
	return F_DECIMAL;
}

/* n (1 to 99) in Chinese numerals from digits (一 … 九, or 壹 … 玖) and
 * ten (十 or 拾): 十一, 二十, 九十九. */
static void
put_chinese(struct buf *b, int n, const char *const digits[10],
    const char *ten)
{
	if (n >= 20 || n < 10)
		buf_puts(b, n >= 10 ? digits[n / 10] : "");
	if (n >= 10)
		buf_puts(b, ten);
	if (n % 10 != 0)
		buf_puts(b, digits[n % 10]);
}

/* n as a roman numeral, upper case or lower. */
static void
put_roman(struct buf *b, int n, bool upper)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		{ 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" },
		{ 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
	};

	for (size_t i = 0; i < ARRAY_LEN(r); i++)
		for (; n >= r[i].v; n -= r[i].v)
			for (const char *p = r[i].s; *p != '\0'; p++)
				buf_putc(b, upper ? (char)(*p - 'a' + 'A') : *p);
}

/* n written in format f; decimal where the format has no figure for it. */
static void
put_number(struct buf *b, int n, enum fmt f)
{
	static const char *const cn[10] = {
		"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"
	};
	static const char *const legal[10] = {
		"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
	};
	static const char *const stems[10] = {
		"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"
	};
	static const char *const circled[20] = {
		"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩",
		"⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"
	};

	if (f == F_ZERO)
		buf_printf(b, "%02d", n);
	else if (f == F_CIRCLE && n >= 1 && n <= 20)
		buf_puts(b, circled[n - 1]);
	else if (f == F_PAREN)
		buf_printf(b, "(%d)", n);
	else if ((f == F_UPPER || f == F_LOWER) && n >= 1 && n <= 26 * 20)
		/* A, …, Z, AA, …, ZZ, AAA: the letter repeated. */
		for (int k = 0; k <= (n - 1) / 26; k++)
			buf_putc(b, (char)((f == F_UPPER ? 'A' : 'a') +
			    (n - 1) % 26));
	else if ((f == F_UPPER_ROMAN || f == F_LOWER_ROMAN) && n >= 1 &&
	    n < 4000)
		put_roman(b, n, f == F_UPPER_ROMAN);
	else if (f == F_CHINESE && n >= 1 && n < 100)
		put_chinese(b, n, cn, "十");
	else if (f == F_LEGAL && n >= 1 && n < 100)
		put_chinese(b, n, legal, "拾");
	else if (f == F_STEMS && n >= 1 && n <= 10)
		buf_puts(b, stems[n - 1]);
	else
		buf_printf(b, "%d", n);
}

/* The integer attribute `local` of the current element, or dflt. */
static int
attr_int(xmlTextReaderPtr r, const char *local, int dflt)
{
	char *v = zipxml_attr(r, local), *end;
	long n = v != NULL ? strtol(v, &end, 10) : dflt;

	if (v != NULL && (end == v || n < -1 || n > 1000000))
		n = dflt;
	free(v);
	return (int)n;
}

/* Lists, instances and styles are sorted by id once read, and looked up
 * by bisection: a paragraph asks up to STYLE_DEPTH times, and a hostile
 * part may hold MAX_ENTRIES of each.  (A list's id comes first in it, as
 * an instance's does.) */
static int
cmp_id(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_style(const void *a, const void *b)
{
	return strcmp(((const struct style *)a)->id,
	    ((const struct style *)b)->id);
}

/* (bsearch wants an array even of none.) */
static struct list *
find_list(struct docx_numbering *n, int id)
{
	return n->nlists == 0 ? NULL : bsearch(&id, n->lists, n->nlists,
	    sizeof(*n->lists), cmp_id);
}

static struct num *
find_num(struct docx_numbering *n, int id)
{
	return n->nnums == 0 ? NULL : bsearch(&id, n->nums, n->nnums,
	    sizeof(*n->nums), cmp_id);
}

static const struct style *
find_style(const struct docx_numbering *n, const char *id)
{
	struct style key = { (char *)id, NULL, -1, -1 };

	return id == NULL || n->nstyles == 0 ? NULL : bsearch(&key,
	    n->styles, n->nstyles, sizeof(*n->styles), cmp_style);
}

/* Where numbering.xml's reader stands. */
struct nread {
	struct list *list;	/* inside this w:abstractNum */
	struct num *num;	/* inside this w:num */
	int lvl;		/* inside w:lvl (list) or w:lvlOverride (num) */
};

/* An element of numbering.xml. */
static void
numbering_element(struct docx_numbering *n, struct nread *s,
    xmlTextReaderPtr r, const char *name)
{
	char *v;

	if (strcmp(name, "abstractNum") == 0 && n->nlists < MAX_ENTRIES) {
		n->lists = xgrow(n->lists, &n->lcap, n->nlists + 1,
		    sizeof(*n->lists));
		s->list = memset(&n->lists[n->nlists++], 0, sizeof(*s->list));
		s->list->id = attr_int(r, "abstractNumId", -1);
		for (int k = 0; k < LEVELS; k++)
			s->list->lvl[k].start = 1;
		s->num = NULL;
		s->lvl = -1;
	} else if (strcmp(name, "num") == 0 && n->nnums < MAX_ENTRIES) {
		n->nums = xgrow(n->nums, &n->ncap, n->nnums + 1,
		    sizeof(*n->nums));
		s->num = memset(&n->nums[n->nnums++], 0, sizeof(*s->num));
		s->num->id = attr_int(r, "numId", -1);
		s->num->list_id = -1;
		for (int k = 0; k < LEVELS; k++)
			s->num->start_override[k] = -1;
		s->list = NULL;
		s->lvl = -1;
	} else if (strcmp(name, "lvl") == 0 || strcmp(name, "lvlOverride") == 0) {
		s->lvl = attr_int(r, "ilvl", -1);
		if (s->lvl >= LEVELS)
			s->lvl = -1;
	} else if (s->num != NULL) {
		if (strcmp(name, "abstractNumId") == 0)
			s->num->list_id = attr_int(r, "val", -1);
		else if (strcmp(name, "startOverride") == 0 && s->lvl >= 0)
			s->num->start_override[s->lvl] = attr_int(r, "val", 1);
	} else if (s->list != NULL && s->lvl >= 0) {
		struct level *l = &s->list->lvl[s->lvl];

		if (strcmp(name, "start") == 0)
			l->start = attr_int(r, "val", 1);
		else if (strcmp(name, "numFmt") == 0) {
			v = zipxml_attr(r, "val");
			l->fmt = fmt_named(v);
			free(v);
		} else if (strcmp(name, "lvlText") == 0) {
			free(l->text);
			l->text = zipxml_attr(r, "val");
			if (l->text != NULL && strlen(l->text) > MAX_LVL_TEXT)
				l->text[utf8_cut(l->text, strlen(l->text),
				    MAX_LVL_TEXT)] = '\0';
		} else if (strcmp(name, "suff") == 0) {
			v = zipxml_attr(r, "val");
			l->suff_nothing = v != NULL && strcmp(v, "nothing") == 0;
			free(v);
		}
	}
}

/* An element of styles.xml: a paragraph style, its w:basedOn and the
 * w:numId and w:ilvl of its w:numPr. */
static void
styles_element(struct docx_numbering *n, struct style **cur,
    xmlTextReaderPtr r, const char *name)
{
	char *v;

	if (strcmp(name, "style") == 0) {
		*cur = NULL;
		v = zipxml_attr(r, "type");
		if (v != NULL && strcmp(v, "paragraph") == 0 &&
		    n->nstyles < MAX_ENTRIES) {
			n->styles = xgrow(n->styles, &n->scap, n->nstyles + 1,
			    sizeof(*n->styles));
			*cur = &n->styles[n->nstyles];
			**cur = (struct style){ zipxml_attr(r, "styleId"),
			    NULL, -1, -1 };
			if ((*cur)->id == NULL)
				*cur = NULL;
			else
				n->nstyles++;
		}
		free(v);
	} else if (*cur == NULL)
		return;
	else if (strcmp(name, "basedOn") == 0) {
		free((*cur)->based_on);
		(*cur)->based_on = zipxml_attr(r, "val");
	} else if (strcmp(name, "numId") == 0)
		(*cur)->num_id = attr_int(r, "val", -1);
	else if (strcmp(name, "ilvl") == 0)
		(*cur)->ilvl = attr_int(r, "val", -1);
}

/* Read one optional part with its element handler. */
static int
read_part(struct zipxml *z, const char *member, struct docx_numbering *n,
    bool styles, struct error *err)
{
	struct nread s = { NULL, NULL, -1 };
	struct style *cur = NULL;
	xmlTextReaderPtr r;
	char *xml = NULL;
	size_t len;
	int rc, step;

	if ((rc = zipxml_read(z, member, true, &xml, &len, err)) != 0 ||
	    xml == NULL)
		return rc;
	if ((r = zipxml_reader(z, member, xml, len, err)) == NULL) {
		free(xml);
		return EXIT_DATAERR;
	}
	while ((step = zipxml_next(z, member, r, err)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *name = zipxml_local(r);

		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (styles)
			styles_element(n, &cur, r, name);
		else
			numbering_element(n, &s, r, name);
	}
	xmlFreeTextReader(r);
	free(xml);
	return step < 0 ? err->code : 0;
}

int
docx_numbering_load(struct zipxml *z, struct docx_numbering **out,
    struct error *err)
{
	struct docx_numbering *n = xcalloc(1, sizeof(*n));
	int rc;

	*out = NULL;
	if ((rc = read_part(z, NUMBERING, n, false, err)) != 0 ||
	    (rc = read_part(z, STYLES, n, true, err)) != 0) {
		docx_numbering_free(n);
		return rc;
	}
	/* Stable for equal ids is not needed: Word writes each id once. */
	if (n->nlists > 1)
		qsort(n->lists, n->nlists, sizeof(*n->lists), cmp_id);
	if (n->nnums > 1)
		qsort(n->nums, n->nnums, sizeof(*n->nums), cmp_id);
	if (n->nstyles > 1)
		qsort(n->styles, n->nstyles, sizeof(*n->styles), cmp_style);
	*out = n;
	return 0;
}

void
docx_numbering_free(struct docx_numbering *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->nlists; i++)
		for (int k = 0; k < LEVELS; k++)
			free(n->lists[i].lvl[k].text);
	for (size_t i = 0; i < n->nstyles; i++) {
		free(n->styles[i].id);
		free(n->styles[i].based_on);
	}
	free(n->lists);
	free(n->nums);
	free(n->styles);
	free(n);
}

void
docx_numbering_label(struct docx_numbering *n, const char *style,
    int num_id, int ilvl, struct buf *out)
{
	const struct style *st = find_style(n, style);
	struct list *l;
	struct num *m;

	/* What the paragraph does not say, its style (or the one that
	 * is based on) does. */
	for (int d = 0; st != NULL && d < STYLE_DEPTH && (num_id < 0 ||
	    ilvl < 0); d++, st = find_style(n, st->based_on)) {
		if (num_id < 0)
			num_id = st->num_id;
		if (ilvl < 0)
			ilvl = st->ilvl;
	}
	if (num_id <= 0 || (m = find_num(n, num_id)) == NULL ||
	    (l = find_list(n, m->list_id)) == NULL)
		return;
	if (ilvl < 0 || ilvl >= LEVELS)
		ilvl = 0;
	if (l->lvl[ilvl].fmt == F_NONE || l->lvl[ilvl].text == NULL)
		return;
	/* Instances of one list go on counting; an override restarts
	 * its level at the instance's first paragraph there. */
	if (!m->used[ilvl] && m->start_override[ilvl] >= 0) {
		l->count[ilvl] = m->start_override[ilvl];
		l->started[ilvl] = true;
	} else if (l->started[ilvl])
		l->count[ilvl]++;
	else {
		l->count[ilvl] = l->lvl[ilvl].start;
		l->started[ilvl] = true;
	}
	m->used[ilvl] = true;
	for (int k = ilvl + 1; k < LEVELS; k++)
		l->started[k] = false;	/* a deeper level starts again */
	for (const char *p = l->lvl[ilvl].text; *p != '\0'; p++) {
		int k = p[1] - '1';

		if (*p == '%' && k >= 0 && k < LEVELS) {
			put_number(out, l->started[k] ? l->count[k] :
			    l->lvl[k].start, l->lvl[k].fmt);
			p++;
		} else
			buf_putc(out, *p);
	}
	if (!l->lvl[ilvl].suff_nothing)
		buf_putc(out, ' ');
}
