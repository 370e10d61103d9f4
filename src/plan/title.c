/* title: where a document's task table starts and what the plan above
 * it is called (title.h). */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/plan.h"
#include "plan/table_header.h"
#include "plan/title.h"

size_t
title_table_start(const struct table_doc *d)
{
	struct table_header h;
	size_t i, j;

	for (i = 0; i < d->nrows; i++) {
		char *t = trow_lone_text(&d->rows[i], true);
		bool annex = t != NULL && plan_is_annex(t);

		free(t);
		if (!annex)
			continue;
		for (j = i + 1; j < d->nrows; j++)
			if (table_header_at(d, j, &h))
				return i + 1;
		break;
	}
	return 0;
}

/* The longest first line of a title set on two lines (bytes: thirty
 * Chinese characters). */
#define TITLE_LINE_MAX 90

/* A title set on two lines (2026年全省知识产权保护和运用 / 工作任务分工
 * 方案): the line naming the plan without its year, after one that starts
 * with the year and names nothing (no date, no file number: 鲁知发〔2026〕
 * 3号) - their join, a new string; else NULL. */
static char *
two_lines(const char *above, const char *named)
{
	static const char *const ends[] = { "日", "号", "。", NULL };
	const char *rest;
	size_t len;

	if (above == NULL || plan_year_in(named) != 0 ||
	    plan_names_plan(above) || strlen(above) > TITLE_LINE_MAX ||
	    text_digits(above, 4, &len) != plan_year_in(above) ||
	    !text_starts(above + len, "年", &rest))
		return NULL;
	/* Words after the year, not only 度 (2026年度 is a year alone). */
	(void)text_starts(rest, "度", &rest);
	if (strlen(rest) < strlen("全省"))
		return NULL;
	for (size_t k = 0; ends[k] != NULL; k++)
		if (text_ends(above, ends[k]))
			return NULL;
	return xasprintf("%s%s", above, named);
}

/* The text of a row above the table: its one text, or its first beside
 * a note of the figures' unit at the row's end (a title merged across,
 * （单位：个） in a cell to its right, as a statistics sheet puts it). */
static char *
row_text(const struct trow *r, bool spaced)
{
	static const char *const units_notes[] = {
		"（单位", "(单位", "单位：", "单位:", NULL
	};
	const struct tcell *first = NULL, *last = NULL;
	size_t n = 0;

	for (size_t j = 0; j < r->ncells; j++)
		if (r->cells[j].text != NULL && !text_blank(r->cells[j].text)) {
			first = first != NULL ? first : &r->cells[j];
			last = &r->cells[j];
			n++;
		}
	if (n == 2 && text_starts_any(last->text, units_notes))
		return table_one_line(first->text, spaced);
	return trow_lone_text(r, spaced);
}

void
title_read(const struct table_doc *d, size_t start, size_t header,
    bool spaced, struct plan *p, char **section)
{
	enum { NAMED, DATED, NEAREST, ABOVE, CANDIDATES };
	char *cand[CANDIDATES] = { NULL }, *sec = NULL, *title = NULL;
	char *above = NULL, *joined;
	int year = 0, first_year = -1, k;
	size_t i;

	for (i = 0; i < header; i++) {
		char *t = row_text(&d->rows[i], spaced);

		if (t == NULL || *t == '\0' || plan_is_annex(t) ||
		    plan_is_page_number(t)) {
			free(t);
			free(above);
			above = NULL;
			continue;
		}
		if (first_year == -1)
			first_year = plan_year_in(t);
		free(sec);
		if ((sec = i >= start && plan_is_section(t) ? t : NULL) != NULL)
			continue;
		k = plan_names_plan(t) ? (i < start ? ABOVE : NAMED) :
		    i < start ? -1 : plan_year_in(t) != 0 ? DATED : NEAREST;
		if (k != -1 && k != NEAREST) {
			free(cand[k]);
			cand[k] = (k == NAMED || k == ABOVE) &&
			    (joined = two_lines(above, t)) != NULL ? joined :
			    xstrdup(t);
		}
		free(above);
		above = xstrdup(t);
		if (i < start) {
			free(t);
			continue;
		}
		if (plan_year_in(t) != 0)
			year = plan_year_in(t);
		free(cand[NEAREST]);
		cand[NEAREST] = t;
	}
	free(above);
	for (k = 0; k < CANDIDATES; k++) {
		if (title == NULL && cand[k] != NULL)
			title = xstrdup(cand[k]);
		free(cand[k]);
	}
	title = title != NULL ? title : plan_name_title(d->source);
	free(*section);
	*section = sec != NULL ? sec : xstrdup("");
	free(p->title);
	p->title = title;
	p->year = plan_year_in(title) != 0 ? plan_year_in(title) :
	    first_year > 0 ? first_year : year;
}
