/* deadline_notes: how two readings of one deadline cell go together
 * (deadline_notes.h): a note in brackets beside its date, an ongoing form
 * beside a date, one period's reports said twice. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_forms.h"
#include "plan/deadline_notes.h"
#include "plan/deadline_steps.h"

bool
deadline_beside_ongoing(struct deadline a, struct deadline b,
    struct deadline *dl)
{
	if (a.kind == DL_ONGOING && b.kind == DL_ONGOING)
		*dl = a.due >= b.due ? a : b;
	else if (a.kind == DL_ONGOING && b.kind != DL_ONGOING &&
	    b.kind != DL_UNKNOWN)
		*dl = b;
	else if (b.kind == DL_ONGOING && a.kind != DL_ONGOING &&
	    a.kind != DL_UNKNOWN)
		*dl = a;
	else
		return false;
	return true;
}

bool
deadline_same_period(struct deadline a, struct deadline b,
    struct deadline *dl)
{
	if (a.kind != b.kind || a.kind == DL_DATE || a.kind == DL_ONGOING ||
	    a.kind == DL_UNKNOWN || (a.due != DATE_NONE && b.due != DATE_NONE &&
	    (a.due != b.due || a.workday != b.workday)))
		return false;
	*dl = a.due != DATE_NONE ? a : b;
	return true;
}

struct deadline
deadline_day_before(struct deadline dl)
{
	int y, m, d;

	if (dl.due != DATE_NONE && dl.workday == 0 &&
	    (dl.kind == DL_DATE || dl.kind == DL_MONTHLY)) {
		date_to_ymd(dl.due, &y, &m, &d);
		if (dl.kind == DL_DATE || d > 1) {
			dl.due--;
			return dl;
		}
	}
	return (struct deadline){ DL_UNKNOWN, DATE_NONE, 0 };
}

/* dl, read from s and an exclusive note (不含): by the day before a day
 * (7月1日（不含）前, 每月10日前（不含当日）); a month before 前 leaves
 * itself out already (6月（不含）前); anything else is unknown. */
static struct deadline
without_day(const char *s, struct deadline dl)
{
	static const char *const days[] = { "日", "号", "日前", "号前", NULL };
	static const char *const months[] = { "月", "月份", "月前", "月份前",
	    NULL };
	size_t k;

	for (k = 0; days[k] != NULL && !text_ends(s, days[k]); k++)
		;
	if (days[k] != NULL)
		return deadline_day_before(dl);
	for (k = 0; months[k] != NULL && !text_ends(s, months[k]); k++)
		;
	return months[k] != NULL ? dl :
	    (struct deadline){ DL_UNKNOWN, DATE_NONE, 0 };
}

/* Notes taken off one cell at the most (6月底前（初验），12月底前（终验）
 * has two): each is another parse. */
#define NOTES_MAX 4

/* text without its first bracketed note ("6月30日（含）前", "年底前（视
 * 情况）"), read by parse when text alone is unknown: the date without it, unless
 * the note is another deadline ("10月底前（国庆节前）": which one?) or
 * names a time ("每月10日前（汛期每周报送）"; not what is done after
 * the date: "6月底前（此后每年更新）"), or puts the date aside
 * ("6月底前（暂缓）": nothing to remind of), and
 * without its next notes while that is unknown, up to depth NOTES_MAX.
 * An inclusive note before 前 includes what it follows: "6月（含）前" is
 * "6月", June's end, where "6月前" is May's. */
static struct deadline
without_note(const char *text, int year, deadline_cell_reader parse,
    int depth)
{
	static const char *const before[] = { "前", "以前", "之前", NULL };
	struct deadline dl = { DL_UNKNOWN, DATE_NONE, 0 }, note;
	char *s = text_fold(text), *open, *close, *rest;
	const char *after;

	if ((open = strchr(s, '(')) != NULL &&
	    (close = strchr(open, ')')) != NULL) {
		*close = '\0';
		note = parse(open + 1, year);
		*open = '\0';
		after = close + 1;
		if (open > s && text_equals_any(open + 1, deadline_inclusive_notes) &&
		    text_equals_any(after, before))
			after = "";
		rest = xasprintf("%s%s", s, after);
		/* A cell wholly in brackets: its note. */
		dl = *rest == '\0' ? note : parse(rest, year);
		if (dl.kind == DL_UNKNOWN && depth < NOTES_MAX &&
		    strchr(rest, '(') != NULL)
			dl = without_note(rest, year, parse, depth + 1);
		free(rest);
		if ((note.kind != DL_UNKNOWN && (note.kind != dl.kind ||
		    note.due != dl.due) &&
		    !deadline_beside_ongoing(dl, note, &dl) &&
		    !deadline_same_period(dl, note, &dl)) ||
		    (note.kind == DL_UNKNOWN && (deadline_names_day(open + 1) ||
		    (text_holds_any(open + 1, deadline_note_times) &&
		    !text_starts_any(open + 1, deadline_after_words)))) ||
		    text_holds_any(open + 1, deadline_void_notes))
			dl = (struct deadline){ DL_UNKNOWN, DATE_NONE, 0 };
		else if (text_equals_any(open + 1, deadline_exclusive_notes))
			dl = without_day(s, dl);
	}
	free(s);
	return dl;
}

char *
deadline_round_notes(const char *text)
{
	static const char *const squares[][2] = {
		{ "【", "（" }, { "】", "）" }, { "〔", "（" }, { "〕", "）" },
		{ "[", "(" }, { "]", ")" },
	};
	char *s = xstrdup(text), *at;
	bool any = false;

	for (size_t k = 0; k < ARRAY_LEN(squares); k++)
		while ((at = strstr(s, squares[k][0])) != NULL) {
			memcpy(at, squares[k][1], strlen(squares[k][1]));
			any = true;
		}
	if (!any) {
		free(s);
		return NULL;
	}
	return s;
}

char *
deadline_stage_notes(const char *text)
{
	char *s = text_fold(text), *open, *close;
	bool any = false;

	while ((open = strchr(s, '(')) != NULL &&
	    (close = strchr(open, ')')) != NULL) {
		size_t chars = 0;

		for (const char *p = open + 1; p < close; p++) {
			if ((unsigned char)*p < 0x80)
				chars = DEADLINE_STAGE_MAX + 1;	/* a figure */
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		}
		if (chars == 0 || chars > DEADLINE_STAGE_MAX)
			break;
		memmove(close, close + 1, strlen(close + 1) + 1);
		memmove(open, open + 1, strlen(open + 1) + 1);
		any = true;
	}
	if (!any || strchr(s, '(') != NULL || strchr(s, ')') != NULL) {
		free(s);
		return NULL;
	}
	return s;
}

struct deadline
deadline_without_note(const char *text, int year, deadline_cell_reader read)
{
	return without_note(text, year, read, 1);
}
