/* deadline_days: days of every month named one by one
 * (deadline_days.h). */
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/deadline_days.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_forms.h"
#include "plan/deadline_verbs.h"

/* A day standing for the month's last, whatever its length (the kinds'
 * parts end there: deadline_year_dues).  30日 is not one: a month of
 * 31 days would be due a day late. */
#define MONTH_END 0

/* The heads of a month's days (deadline_respell spells 每个月 每月). */
static const char *const month_heads[] = { "每月的", "每月", NULL };
/* The month's last day, said so. */
static const char *const end_words[] = {
	"月底", "月末", "最后一天", NULL
};
static const char *const day_words[] = { "日", "号", NULL };

/* The kinds a month's days make, in order, MONTH_END last. */
static const struct {
	enum dl_kind kind;
	int days[3];
	size_t n;
} day_kinds[] = {
	{ DL_SEMIMONTHLY, { 15, MONTH_END }, 2 },
	{ DL_TENDAY, { 10, 20, MONTH_END }, 3 },
};

/* Whether s starts with one of words, *rest after it. */
static bool
starts_one(const char *s, const char *const *words, const char **rest)
{
	for (size_t i = 0; words[i] != NULL; i++)
		if (text_starts(s, words[i], rest))
			return true;
	return false;
}

/* One day at *p (15日, 15号, 15 before a separator that a later 日
 * ends, 月底), *p moved past it and a 前 after it; -1 for none. */
static int
one_day(const char **p)
{
	const char *rest;
	size_t len;
	int day;

	if (starts_one(*p, end_words, &rest))
		day = MONTH_END;
	else if ((day = deadline_number(*p, &len)) >= 1 && day <= 31) {
		rest = *p + len;
		(void)starts_one(rest, day_words, &rest);
	} else
		return -1;
	(void)text_starts(rest, "前", &rest);
	*p = rest;
	return day;
}

bool
deadline_month_days(const char *s, struct deadline *dl)
{
	int days[4];
	size_t n = 0, k;
	const char *p;

	if (!starts_one(s, month_heads, &p))
		return false;
	for (;;) {
		if (n == ARRAY_LEN(days) || (days[n++] = one_day(&p)) < 0)
			return false;
		for (k = 0; deadline_list_seps[k] != NULL &&
		    !text_starts(p, deadline_list_seps[k], &p); k++)
			;
		if (deadline_list_seps[k] == NULL)
			break;
	}
	/* Then nothing, or what is reported then (报送进展). */
	if (*p != '\0' && deadline_verb_at(p, true) == NULL)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(day_kinds); i++)
		if (day_kinds[i].n == n && memcmp(day_kinds[i].days, days,
		    n * sizeof(days[0])) == 0) {
			*dl = (struct deadline){ day_kinds[i].kind, DATE_NONE,
			    0 };
			return true;
		}
	return false;
}
