/* deadline_steps: steps to an end (deadline_steps.h). */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_steps.h"
#include "plan/deadline_verbs.h"

bool
deadline_staged(const char *part, int year, deadline_part_reader read,
    struct deadline *dl)
{
	static const char *const clause_ends[] = { "，", "；", ",", ";", NULL };
	const char *p = part + strlen(part);
	char *head;

	if (text_holds_any(part, clause_ends))
		return false;	/* more than one step */
	for (int n = 0; n < DEADLINE_STAGE_MAX && p > part; n++) {
		const char *at, *end = p;

		do
			p--;
		while (p > part && ((unsigned char)*p & 0xC0) == 0x80);
		at = p;
		/* A stage names no figure, no clause's end, no period
		 * (上半年每月、下半年每季度报送 is two periods'). */
		if (!text_is_han(utf8_next(&at, end)) ||
		    text_starts(p, "每", NULL) || text_starts(p, "各", NULL))
			return false;
		head = xstrndup(part, (size_t)(p - part));
		*dl = read(head, year);
		free(head);
		if (dl->kind == DL_DATE)
			return true;
	}
	return false;
}

/* Steps, three or more (or two after what goes on all year), each
 * after the first with its verb or its stage's name, in order
 * ("3月底前制定方案，6月底前启动实施，12月底前完成",
 * "3—5月动员部署，6—10月集中整治，11—12月总结提升"): the last;
 * parted by ，or ；.  (Two are date_then_ongoing's.)  *dl, or false. */
bool
deadline_steps(const char *s, int year, deadline_part_reader read,
    struct deadline *dl)
{
	static const char *const seps[] = { "，", "；", ",", ";", NULL };
	const char *at = s, *next, *verb;
	struct deadline prev = { DL_UNKNOWN, DATE_NONE, 0 }, one;
	size_t n = 0, k, len;
	bool named, going = false;

	if (strnlen(s, DEADLINE_MAX + 1) > DEADLINE_MAX)
		return false;
	/* Three parts need two separators: most text has fewer. */
	for (k = 0, len = 0; seps[k] != NULL; k++)
		for (const char *q = s; (q = strstr(q, seps[k])) != NULL;
		    q += strlen(seps[k]))
			len++;
	if (len < 2)
		return false;
	for (;;) {
		char *part;

		/* The next separator, whichever comes first. */
		for (next = NULL, len = 0, k = 0; seps[k] != NULL; k++) {
			const char *q = strstr(at, seps[k]);

			if (q != NULL && (next == NULL || q < next)) {
				next = q;
				len = strlen(seps[k]);
			}
		}
		part = xstrndup(at, next != NULL ? (size_t)(next - at) :
		    strlen(at));
		one = read(part, year);
		named = one.kind != DL_DATE && one.kind != DL_ONGOING &&
		    deadline_staged(part, year, read, &one);
		deadline_drop_label(part);	/* 完成：年底前 has its verb */
		/* What goes on all year may come first (持续推进，6月底前
		 * 完成试点，年底前全面完成): the steps are its deadline, as
		 * a date's beside it (date_then_ongoing). */
		if (one.kind == DL_ONGOING && n == 0 && !going) {
			free(part);
			going = true;
			at = next + len;
			continue;
		}
		if (one.kind != DL_DATE || (n > 0 && (one.due < prev.due ||
		    (!named && deadline_verb_start(part, &verb) < 0)))) {
			free(part);
			return false;
		}
		free(part);
		prev = one;
		n++;
		if (next == NULL)
			break;
		at = next + len;
	}
	if (n < (going ? 2 : 3))
		return false;
	*dl = prev;
	return true;
}
