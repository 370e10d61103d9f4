/* table_notes: what a document says about reading its task table
 * outside the table's cells (table_notes.h). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/table_notes.h"

/* Where the document says how its units cells order their names
 * (units_order_in): a note in a paragraph or in a row of one text (or
 * in a paragraph and the next, which a text file's wrapping may have
 * parted), or the header's units cell (责任单位（排在第一位的为
 * 牵头单位）).  Body rows' cells are not read: the cost of a large plan. */
enum units_order
table_units_order(const struct table_doc *d, size_t header, char **loc)
{
	for (size_t i = 0; i < d->nrows; i++) {
		const struct trow *r = &d->rows[i], *next = r + 1;
		const struct tcell *only;
		enum units_order o = UNITS_ORDER_NONE;
		size_t k;

		for (k = 0; i == header && k < r->ncells &&
		    o == UNITS_ORDER_NONE; k++)
			if (strstr(r->cells[k].text, "牵") != NULL)
				o = units_order_in(r->cells[k].text);
		if (i != header && trow_texts(r, &only) == 1 &&
		    strstr(only->text, "牵") != NULL)
			o = units_order_in(only->text);
		/* Wrapped: its start here (its 牵 or all of it), the rest,
		 * which says nothing alone, on the next line. */
		if (o != UNITS_FIRST_LEADS_REST_SUPPORT &&
		    r->kind == TROW_PARAGRAPH && i + 1 < d->nrows &&
		    next->kind == TROW_PARAGRAPH && r->ncells == 1 &&
		    next->ncells == 1 && (strstr(r->cells[0].text, "牵") !=
		    NULL || strstr(next->cells[0].text, "牵") != NULL) &&
		    units_order_in(next->cells[0].text) == UNITS_ORDER_NONE) {
			char *two = xasprintf("%s%s", r->cells[0].text,
			    next->cells[0].text);
			enum units_order both = units_order_in(two);

			free(two);
			if (both > o)
				o = both;
		}
		if (o != UNITS_ORDER_NONE) {
			*loc = xstrdup(r->loc);
			return o;
		}
	}
	*loc = NULL;
	return UNITS_ORDER_NONE;
}

char *
table_row_text(const struct trow *r)
{
	struct buf b = BUF_INIT;
	char *text;

	for (size_t i = 0; i < r->ncells; i++)
		if (r->cells[i].text != NULL &&
		    !(r->cells[i].flags & TCELL_MERGED_UP))
			buf_puts(&b, r->cells[i].text);
	text = text_squash(buf_str(&b));
	buf_free(&b);
	return text;
}

/* Whether s is a sign-off under a form: one of these labels and a
 * colon (制表人：张三), never a units label (牵头单位：甲). */
static bool
sign_off(const char *s)
{
	static const char *const labels[] = {
		"制表人", "填表人", "填报人", "审核人", "审签人", "签发人",
		"负责人", "分管领导", "联系人", "联系电话", "制表日期",
		"填表日期", "填报日期", "制表单位", "填报单位", "日期", NULL
	};
	char *f = text_fold(s);
	const char *rest;
	bool yes = false;

	for (size_t k = 0; labels[k] != NULL && !yes; k++)
		yes = text_starts(f, labels[k], &rest) && *rest == ':';
	free(f);
	return yes;
}

bool
table_row_of_notes(const struct trow *r)
{
	size_t n = 0;

	for (size_t k = 0; k < r->ncells; k++)
		if (!text_blank(r->cells[k].text) && (++n,
		    !sign_off(r->cells[k].text)))
			return false;
	return n > 0;
}
