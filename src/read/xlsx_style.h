/* xlsx_style: what a workbook's cell styles (xl/styles.xml) say of a
 * cell: how its number shows (a date, and in which form), and whether
 * its font strikes its text through. */
#ifndef DEADLINED_XLSX_STYLE_H
#define DEADLINED_XLSX_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlreader.h>

/* The cell styles (cellXfs), filled element by element. */
struct xlsx_styles {
	unsigned char *shown;	/* enum shown, per style */
	bool *struck;		/* per style: its font strikes through */
	int *fmt;		/* per style: its custom format in fmts, or
				 * -1 - its built-in one's id */
	size_t n, cap, scap, fmcap;
	/* The custom formats (struct numfmt); while reading, the fonts. */
	struct numfmt *fmts;
	size_t nfmts, fcap;
	bool *font_struck;
	size_t nfonts, fontcap;
	bool in_xfs, in_fonts, in_font;
};

/* Take one element of xl/styles.xml (its start, or its end with end). */
void xlsx_styles_element(struct xlsx_styles *s, xmlTextReaderPtr r,
    const char *name, bool end);

/* A number cell's value v as the sheet shows it under style: with the
 * decimals its format gives (2026.10 under 0.00), else an integer
 * without ".0"; a date in Chinese (YYYY年M月D日, YYYY年M月, M月D日 or
 * M月, which the deadline grammar reads); the format's words around it
 * (0.00"前", m"月底前": 6月底前). */
char *xlsx_number_text(const struct xlsx_styles *s, const char *v, int style,
    bool date1904);
/* An ISO 8601 date cell's (t="d") the same way; else v as written. */
char *xlsx_iso_text(const struct xlsx_styles *s, const char *v, int style);

/* Whether style's font strikes its text through (删除线). */
bool xlsx_style_struck(const struct xlsx_styles *s, int style);

void xlsx_styles_free(struct xlsx_styles *s);

#endif
