/* xlsx_style: the cell styles of xl/styles.xml (xlsx_style.h).  A
 * style (an xf of cellXfs) names a number format, built in or custom,
 * and a font; a date format makes the number a date, a font with
 * <strike/> strikes the text through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/util.h"
#include "read/xlsx_style.h"
#include "read/zipxml.h"

#define MAX_STYLES 65536	/* Excel's own limit on cell formats */
#define MAX_FORMAT_CODE 255	/* Excel's own limit on a format code */

/* What a number's style shows it as. */
enum shown {
	SHOWN_NUMBER,
	SHOWN_YMD,		/* a date: 2021年6月30日 */
	SHOWN_YM,		/* a month: 2021年6月 */
	SHOWN_MD,		/* a day of the year: 6月30日 */
	SHOWN_M,		/* a month: 6月 (m"月底前") */
};

/* How a format shows a number besides: its decimals (-1: as many as it
 * has, General) and the words around it (0.00"前", m"月底前"), or for a
 * date those after it. */
struct numfmt {
	int id;
	unsigned char shown;
	signed char decimals;
	char *prefix, *suffix;
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

/* The decimals of a built-in number format (0, 0.00, #,##0, #,##0.00),
 * -1 for the others. */
static int
builtin_decimals(int id)
{
	return id == 1 || id == 3 ? 0 : id == 2 || id == 4 ? 2 : -1;
}

/* Read a custom format code's first section into f: a date when it has
 * y or d outside quotes and brackets, or m without h or s (m with them
 * is minutes; "[Red]", "\"年\"" are no date), else a number with the
 * decimals its placeholders give after the point (a percent, an
 * exponent or text: as General); the words before and after it. */
static void
code_read(const char *code, struct numfmt *f)
{
	bool y = false, m = false, d = false, hs = false, point = false,
	    general = false, seen = false;
	struct buf lit[2] = { BUF_INIT, BUF_INIT };	/* before, after */
	int decimals = 0;

	for (; *code != '\0' && *code != ';'; code++) {
		const char *end;

		if (*code == '"') {	/* a quoted word */
			end = strchr(code + 1, '"');
			if (end == NULL)
				end = code + strlen(code);
			buf_printf(&lit[seen], "%.*s", (int)(end - code - 1),
			    code + 1);
			code = *end != '\0' ? end : end - 1;
		} else if (*code == '[') {	/* [Red], [$-804] */
			if ((end = strchr(code, ']')) == NULL)
				break;
			code = end;
		} else if (*code == '\\' && code[1] != '\0')
			buf_printf(&lit[seen], "%c", *++code);
		else if ((*code == '_' || *code == '*') && code[1] != '\0')
			code++;		/* padding, fill */
		else if (strchr("yYmMdDhHsS", *code) != NULL) {
			y |= *code == 'y' || *code == 'Y';
			m |= *code == 'm' || *code == 'M';
			d |= *code == 'd' || *code == 'D';
			hs |= strchr("hHsS", *code) != NULL;
			buf_reset(&lit[1]);	/* a date: the words after it */
			seen = true;
		} else if (*code == '0' || *code == '#' || *code == '?') {
			decimals += point;
			if (seen && !point)
				buf_reset(&lit[1]);	/* 0"年"0: no word */
			seen = true;
		} else if (*code == '.' && seen)
			point = true;
		else if (*code == '%' || *code == 'E' || *code == 'e' ||
		    *code == '@')
			general = true;
		else if (*code != ',' && *code != ' ')
			buf_printf(&lit[seen], "%c", *code);
	}
	f->shown = y && m && !d ? SHOWN_YM : !y && m && d ? SHOWN_MD :
	    y || d ? SHOWN_YMD : m && !hs ? SHOWN_M : SHOWN_NUMBER;
	f->decimals = (signed char)(general || !seen || decimals > 15 ? -1 :
	    decimals);
	f->prefix = f->shown == SHOWN_NUMBER && !general ?
	    xstrdup(buf_str(&lit[0])) : xstrdup("");
	f->suffix = !general ? xstrdup(buf_str(&lit[1])) : xstrdup("");
	buf_free(&lit[0]);
	buf_free(&lit[1]);
}

/* What style shows its number as. */
static enum shown
shown_by(const struct xlsx_styles *s, int style)
{
	return style >= 0 && (size_t)style < s->n ? (enum shown)s->shown[style] :
	    SHOWN_NUMBER;
}

/* style's custom format, or NULL; *builtin its built-in format's id. */
static const struct numfmt *
format_of(const struct xlsx_styles *s, int style, int *builtin)
{
	int k = style >= 0 && (size_t)style < s->n ? s->fmt[style] : -1;

	*builtin = k < 0 ? -1 - k : -1;
	return k >= 0 ? &s->fmts[k] : NULL;
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
	} else if (!end && strcmp(name, "numFmt") == 0 &&
	    s->nfmts < MAX_STYLES) {
		id = zipxml_attr(r, "numFmtId");
		code = zipxml_attr(r, "formatCode");
		if (id != NULL && code != NULL &&
		    strlen(code) <= MAX_FORMAT_CODE) {
			s->fmts = xgrow(s->fmts, &s->fcap, s->nfmts + 1,
			    sizeof(*s->fmts));
			s->fmts[s->nfmts].id = atoi(id);
			code_read(code, &s->fmts[s->nfmts++]);
		}
		free(id);
		free(code);
	} else if (!end && s->in_xfs && strcmp(name, "xf") == 0 &&
	    s->n < MAX_STYLES) {
		int k = -1;

		id = zipxml_attr(r, "numFmtId");
		fmt = id != NULL ? atoi(id) : 0;
		free(id);
		shown = builtin_shown(fmt);
		for (size_t i = 0; i < s->nfmts; i++)
			if (s->fmts[i].id == fmt) {
				shown = (enum shown)s->fmts[i].shown;
				k = (int)i;
			}
		id = zipxml_attr(r, "fontId");
		font = id != NULL ? atoi(id) : 0;
		free(id);
		s->shown = xgrow(s->shown, &s->cap, s->n + 1, sizeof(*s->shown));
		s->struck = xgrow(s->struck, &s->scap, s->n + 1,
		    sizeof(*s->struck));
		s->fmt = xgrow(s->fmt, &s->fmcap, s->n + 1, sizeof(*s->fmt));
		s->shown[s->n] = (unsigned char)shown;
		s->fmt[s->n] = k >= 0 ? k : -1 - (fmt >= 0 ? fmt : 0);
		s->struck[s->n++] = font >= 0 && (size_t)font < s->nfonts &&
		    s->font_struck[font];
	}
}

/* A date as a sheet shows it, with the words its format puts after it
 * (f: NULL for none) but the one that names its last part, which the
 * date has already (日前 after 2026年6月30: 前). */
static char *
date_text(int y, int m, int d, enum shown shown, const struct numfmt *f)
{
	static const char *const parts[] = { "年", "月", "日", "号" };
	const char *after = f != NULL ? f->suffix : "";

	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		if (strncmp(after, parts[k], strlen(parts[k])) == 0) {
			after += strlen(parts[k]);
			break;
		}
	switch (shown) {
	case SHOWN_YM:
		return xasprintf("%d年%d月%s", y, m, after);
	case SHOWN_MD:
		return xasprintf("%d月%d日%s", m, d, after);
	case SHOWN_M:
		return xasprintf("%d月%s", m, after);
	default:
		return xasprintf("%d年%d月%d日%s", y, m, d, after);
	}
}

char *
xlsx_number_text(const struct xlsx_styles *s, const char *v, int style,
    bool date1904)
{
	double d = strtod(v, NULL);
	enum shown shown = shown_by(s, style);
	int builtin, decimals;
	const struct numfmt *f = format_of(s, style, &builtin);

	if (shown != SHOWN_NUMBER && d >= 1 && d < 2958466) {
		/* Serial day 1 is 1900-01-01 (Excel counts a 1900-02-29
		 * that never was: serials from 61 on are one day ahead);
		 * in the 1904 system day 0 is 1904-01-01. */
		int day = date1904 ? date_from_ymd(1904, 1, 1) + (int)d :
		    date_from_ymd(1899, 12, 31) + (int)d - ((int)d >= 61);
		int y, m, dd;

		date_to_ymd(day, &y, &m, &dd);
		return date_text(y, m, dd, shown, f);
	}
	decimals = f != NULL ? f->decimals : builtin_decimals(builtin);
	if (decimals >= 0 && d > -1e15 && d < 1e15)
		return xasprintf("%s%.*f%s", f != NULL ? f->prefix : "",
		    decimals, d, f != NULL ? f->suffix : "");
	if (d == (double)(long long)d && d > -1e15 && d < 1e15)
		return xasprintf("%lld", (long long)d);
	return xasprintf("%.15g", d);
}

char *
xlsx_iso_text(const struct xlsx_styles *s, const char *v, int style)
{
	enum shown shown = shown_by(s, style);
	int y, m, d, n = 0, builtin;

	if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	    (v[10] == '\0' || v[10] == 'T') && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31)
		return date_text(y, m, d, shown == SHOWN_NUMBER ? SHOWN_YMD :
		    shown, format_of(s, style, &builtin));
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
	for (size_t i = 0; i < s->nfmts; i++) {
		free(s->fmts[i].prefix);
		free(s->fmts[i].suffix);
	}
	free(s->shown);
	free(s->struck);
	free(s->fmt);
	free(s->fmts);
	free(s->font_struck);
	memset(s, 0, sizeof(*s));
}
