/* xlsx_style: the cell styles of xl/styles.xml (xlsx_style.h).  A
 * style (an xf of cellXfs) names a number format, built in or custom,
 * and a font; a date format makes the number a date, a font with
 * <strike/> strikes the text through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/util.h"
#include "read/xlsx_style.h"
#include "read/zipxml.h"

#define MAX_STYLES 65536	/* Excel's own limit on cell formats */

/* What a number's style shows it as. */
enum shown {
	SHOWN_NUMBER,
	SHOWN_YMD,		/* a date: 2021年6月30日 */
	SHOWN_YM,		/* a month: 2021年6月 */
	SHOWN_MD,		/* a day of the year: 6月30日 */
};

/* What a built-in number format shows (ECMA-376 18.8.30, and the ones
 * Excel uses in zh-CN without writing them out: 27-31, 36, 50-54, 57, 58
 * are dates, 32-35, 55, 56 times of day). */
static enum shown
builtin_shown(int id)
{
	switch (id) {
	case 14: case 15: case 22: case 30: case 31:
		return SHOWN_YMD;
	case 17: case 27: case 36: case 50: case 52: case 57:
		return SHOWN_YM;
	case 16: case 28: case 29: case 51: case 53: case 54: case 58:
		return SHOWN_MD;
	default:
		return SHOWN_NUMBER;
	}
}

/* What a custom format code shows: a date when it has y or d outside
 * quotes and brackets ("[Red]", "\"年\"" are no date; m alone may be
 * minutes). */
static enum shown
code_shown(const char *code)
{
	bool quoted = false, bracket = false, y = false, m = false, d = false;

	for (; *code != '\0'; code++) {
		if (*code == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*code == '[')
			bracket = true;
		else if (*code == ']')
			bracket = false;
		else if (bracket)
			continue;
		else if (*code == '\\' && code[1] != '\0')
			code++;
		else if (*code == ';')
			break;		/* the first section decides */
		else {
			y |= *code == 'y' || *code == 'Y';
			m |= *code == 'm' || *code == 'M';
			d |= *code == 'd' || *code == 'D';
		}
	}
	if (y && m && !d)
		return SHOWN_YM;
	if (!y && m && d)
		return SHOWN_MD;
	return y || d ? SHOWN_YMD : SHOWN_NUMBER;
}

/* What style shows its number as. */
static enum shown
shown_by(const struct xlsx_styles *s, int style)
{
	return style >= 0 && (size_t)style < s->n ? (enum shown)s->shown[style] :
	    SHOWN_NUMBER;
}

void
xlsx_styles_element(struct xlsx_styles *s, xmlTextReaderPtr r,
    const char *name, bool end)
{
	enum shown shown;
	char *id, *code, *v;
	int fmt, font;

	if (strcmp(name, "cellXfs") == 0)
		s->in_xfs = !end;
	else if (strcmp(name, "fonts") == 0)
		s->in_fonts = !end;
	else if (s->in_fonts && strcmp(name, "font") == 0) {
		/* A font is a cell style's; dxfs' fonts are not counted. */
		if (!end && s->nfonts < MAX_STYLES) {
			s->font_struck = xgrow(s->font_struck, &s->fontcap,
			    s->nfonts + 1, sizeof(*s->font_struck));
			s->font_struck[s->nfonts++] = false;
		}
		s->in_font = !end;
	} else if (!end && s->in_font && strcmp(name, "strike") == 0 &&
	    s->nfonts > 0) {
		v = zipxml_attr(r, "val");
		s->font_struck[s->nfonts - 1] = zipxml_onoff(v, true);
		free(v);
	} else if (!end && strcmp(name, "numFmt") == 0) {
		id = zipxml_attr(r, "numFmtId");
		code = zipxml_attr(r, "formatCode");
		if (id != NULL && code != NULL &&
		    (shown = code_shown(code)) != SHOWN_NUMBER) {
			s->fmts = xgrow(s->fmts, &s->fcap, s->nfmts + 1,
			    sizeof(*s->fmts));
			s->fmts[s->nfmts].id = atoi(id);
			s->fmts[s->nfmts++].shown = (unsigned char)shown;
		}
		free(id);
		free(code);
	} else if (!end && s->in_xfs && strcmp(name, "xf") == 0 &&
	    s->n < MAX_STYLES) {
		id = zipxml_attr(r, "numFmtId");
		fmt = id != NULL ? atoi(id) : 0;
		free(id);
		shown = builtin_shown(fmt);
		for (size_t i = 0; i < s->nfmts; i++)
			if (s->fmts[i].id == fmt)
				shown = (enum shown)s->fmts[i].shown;
		id = zipxml_attr(r, "fontId");
		font = id != NULL ? atoi(id) : 0;
		free(id);
		s->shown = xgrow(s->shown, &s->cap, s->n + 1, sizeof(*s->shown));
		s->struck = xgrow(s->struck, &s->scap, s->n + 1,
		    sizeof(*s->struck));
		s->shown[s->n] = (unsigned char)shown;
		s->struck[s->n++] = font >= 0 && (size_t)font < s->nfonts &&
		    s->font_struck[font];
	}
}

/* A date as a sheet shows it. */
static char *
date_text(int y, int m, int d, enum shown shown)
{
	switch (shown) {
	case SHOWN_YM:
		return xasprintf("%d年%d月", y, m);
	case SHOWN_MD:
		return xasprintf("%d月%d日", m, d);
	default:
		return xasprintf("%d年%d月%d日", y, m, d);
	}
}

char *
xlsx_number_text(const struct xlsx_styles *s, const char *v, int style,
    bool date1904)
{
	double d = strtod(v, NULL);
	enum shown shown = shown_by(s, style);

	if (shown != SHOWN_NUMBER && d >= 1 && d < 2958466) {
		/* Serial day 1 is 1900-01-01 (Excel counts a 1900-02-29
		 * that never was: serials from 61 on are one day ahead);
		 * in the 1904 system day 0 is 1904-01-01. */
		int day = date1904 ? date_from_ymd(1904, 1, 1) + (int)d :
		    date_from_ymd(1899, 12, 31) + (int)d - ((int)d >= 61);
		int y, m, dd;

		date_to_ymd(day, &y, &m, &dd);
		return date_text(y, m, dd, shown);
	}
	if (d == (double)(long long)d && d > -1e15 && d < 1e15)
		return xasprintf("%lld", (long long)d);
	return xasprintf("%.15g", d);
}

char *
xlsx_iso_text(const struct xlsx_styles *s, const char *v, int style)
{
	enum shown shown = shown_by(s, style);
	int y, m, d, n = 0;

	if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	    (v[10] == '\0' || v[10] == 'T') && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31)
		return date_text(y, m, d, shown == SHOWN_NUMBER ? SHOWN_YMD :
		    shown);
	return xstrdup(v);
}

bool
xlsx_style_struck(const struct xlsx_styles *s, int style)
{
	return style >= 0 && (size_t)style < s->n && s->struck[style];
}

void
xlsx_styles_free(struct xlsx_styles *s)
{
	free(s->shown);
	free(s->struck);
	free(s->fmts);
	free(s->font_struck);
	memset(s, 0, sizeof(*s));
}
