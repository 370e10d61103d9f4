/* deadline_figures: dates and times written in figures (see the
 * header). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/columns.h"
#include "plan/deadline_figures.h"
#include "plan/deadline_forms.h"

int
deadline_number(const char *s, size_t *len)
{
	char head[16];
	size_t n = strnlen(s, sizeof(head) - 1);

	memcpy(head, s, n);
	head[n] = '\0';
	return text_number(head, len);
}

int
deadline_figures(const char **p, int max)
{
	int v = 0, n = 0;

	for (; n < max && isdigit((unsigned char)**p); n++, (*p)++)
		v = v * 10 + (**p - '0');
	return n > 0 ? v : -1;
}

/* Whether s is a time of day: H:MM or H:MM:SS, then the end of s or
 * what *end then points at. */
static bool
time_of_day(const char *s, const char **end)
{
	if (deadline_figures(&s, 2) < 0 || *s++ != ':' ||
	    deadline_figures(&s, 2) < 0)
		return false;
	if (*s == ':') {
		s++;
		if (deadline_figures(&s, 2) < 0)
			return false;
	}
	if (end != NULL)
		*end = s;
	return end != NULL || *s == '\0';
}

/* Folding takes the space out, and 2026/6/3 17:30 would read as the
 * 31st; a system's export writes 2026-12-31T00:00:00. */
char *
deadline_fold(const char *text)
{
	const char *sp = strrchr(text, ' '), *t_at = strrchr(text, 'T');
	char *t, *s;

	if (sp == NULL || !time_of_day(sp + 1, NULL))
		sp = t_at != NULL && t_at > text && isdigit((unsigned char)
		    t_at[-1]) && time_of_day(t_at + 1, NULL) ? t_at : NULL;
	if (sp == NULL)
		return text_fold(text);
	t = xstrndup(text, (size_t)(sp - text));
	s = text_fold(t);
	free(t);
	return s;
}

void
deadline_drop_end_marks(char *s)
{
	static const char *const pairs[][2] = {
		{ "【", "】" }, { "“", "”" }, { "\"", "\"" }, { "「", "」" },
		{ "‘", "’" }, { "[", "]" }, { "〔", "〕" },
	};
	const char *rest;
	size_t n, k;

	/* A clause's end typed after it (6月底前；6月底前，); a dot only
	 * after Chinese (9月30日前.), not after a figure: a date cut short
	 * (2021.6.). */
	while ((n = strlen(s)) > 0 && (s[n - 1] == ';' || s[n - 1] == ',' ||
	    (s[n - 1] == '.' && n > 1 && (unsigned char)s[n - 2] >= 0x80) ||
	    text_ends(s, "。") || text_ends(s, "、")))
		s[n - ((unsigned char)s[n - 1] < 0x80 ? 1 : strlen("。"))] =
		    '\0';
	for (k = 0; k < ARRAY_LEN(pairs); k++)
		if (text_starts(s, pairs[k][0], &rest) &&
		    strlen(rest) > strlen(pairs[k][1]) &&
		    text_ends(rest, pairs[k][1])) {
			n = strlen(rest) - strlen(pairs[k][1]);
			memmove(s, rest, n);
			s[n] = '\0';
			break;
		}
}

/* Take the n bytes at at out of s's string. */
static void
cut_out(char *at, size_t n)
{
	memmove(at, at + n, strlen(at + n) + 1);
}

void
deadline_respell(char *s)
{
	static const char *const quotes[][2] = {
		{ "“", "”" }, { "‘", "’" }, { "\"", "\"" },
	};
	static const char *const spellings[][2] = {
		{ "元月", "1月" }, { "每个月", "每月" }, { "每个季度", "每季度" },
		{ "各季度", "每季度" },
		/* What recurs all year (全年每月10日前, 全年内每月10日前,
		 * 年内每季度末): each. */
		{ "全年内每", "每" }, { "全年每", "每" }, { "年内每", "每" },
		/* A period's end as the end of its count: 每季度终了后,
		 * 结束后次月10日前 (the month after it is the count's). */
		{ "终了后", "结束后" }, { "结束后的次月", "结束后" },
		{ "结束后次月", "结束后" },
		/* A day of every week said twice (每周周五, 每个星期五). */
		{ "每个周", "每周" }, { "每个星期", "每星期" },
		{ "每周的周", "每周" }, { "每周周", "每周" },
		/* A month's end or middle said twice (6月月底, 每月月中),
		 * the end of ten days' end (6月上旬末). */
		{ "月份月底", "月底" }, { "月月底", "月底" }, { "月月中", "月中" },
		{ "旬末", "旬" },
		/* "Until": 6月底为止, 至6月底止 (by then, 前). */
		{ "为止", "止" }, { "底止", "底前" }, { "末止", "末前" },
		/* At least once: once (每季度至少1次). */
		{ "至少一次", "一次" }, { "至少1次", "1次" },
		/* The Nth working day counted as the first N
		 * (每季度结束后第5个工作日: the 5th, as within 5). */
		{ "结束后第", "结束后" }, { "首月第", "首月" },
		/* A year's quarter, 2026年度第三季度: the year's. */
		{ "年度第", "年第" },
	};
	/* So is a year's date or half (2026年度6月底前, 2026年度年底前,
	 * 2026年度上半年): 年度 as 年. */
	static const char *const of_year[] = {
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "年底", "年末",
		"上半年", "下半年", NULL
	};
	/* Times a year with a report's verb before them (每年报送两次,
	 * 全年上报4次): the times alone say it (每年两次). */
	static const char *const times[] = {
		"两次", "2次", "二次", "四次", "4次", NULL
	};
	char *at, *end;
	const char *rest;

	for (size_t k = 0; k < ARRAY_LEN(quotes); k++)
		while ((at = strstr(s, quotes[k][0])) != NULL &&
		    (end = strstr(at + strlen(quotes[k][0]), quotes[k][1])) !=
		    NULL) {
			cut_out(end, strlen(quotes[k][1]));
			cut_out(at, strlen(quotes[k][0]));
		}
	for (size_t k = 0; k < ARRAY_LEN(spellings); k++)
		if ((at = strstr(s, spellings[k][0])) != NULL) {
			size_t to = strlen(spellings[k][1]);

			memcpy(at, spellings[k][1], to);
			cut_out(at + to, strlen(spellings[k][0]) - to);
		}
	for (at = s; (at = strstr(at, "年度")) != NULL; at += strlen("年"))
		if (text_starts_any(at + strlen("年度"), of_year))
			cut_out(at + strlen("年"), strlen("度"));
	/* Sentences in a row are clauses (6月底前完成初稿。9月底前印发: the
	 * steps, as parted by ；, folded to ;); the last 。 went with the
	 * end marks. */
	for (at = s; (at = strstr(at, "。")) != NULL; at++) {
		*at = ';';
		cut_out(at + 1, strlen("。") - 1);
	}
	for (at = s; (at = strstr(at, "年")) != NULL; at += strlen("年"))
		for (size_t k = 0; deadline_report_verbs[k] != NULL; k++)
			if (text_starts(at + strlen("年"),
			    deadline_report_verbs[k], &rest) &&
			    text_starts_any(rest, times)) {
				cut_out(at + strlen("年"),
				    strlen(deadline_report_verbs[k]));
				break;
			}
}

/* Where a day named in s ends: after 日 or 号 (6月30日), else after a
 * day of the week (周五, 星期五: 每周五17时前); NULL when s names none. */
static char *
day_end(char *s)
{
	static const char *const days[] = { "日", "号" };
	static const char *const weeks[] = { "周", "星期" };
	static const char *const weekdays[] = {
		"一", "二", "三", "四", "五", "六", "日", "天"
	};
	const char *rest;
	char *at;

	for (size_t i = 0; i < ARRAY_LEN(days); i++)
		if ((at = strstr(s, days[i])) != NULL)
			return at + strlen(days[i]);
	for (size_t i = 0; i < ARRAY_LEN(weeks); i++)
		if ((at = strstr(s, weeks[i])) != NULL)
			for (size_t k = 0; k < ARRAY_LEN(weekdays); k++)
				if (text_starts(at + strlen(weeks[i]),
				    weekdays[k], &rest))
					return (char *)rest;
	return NULL;
}

/* An hour at *p in figures (17) or in Chinese (五, 十二), *p moved past
 * it; false when there is none. */
static bool
hour_number(const char **p)
{
	static const char *const digits[] = {
		"零", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
		"十"
	};
	const char *rest;
	size_t n = 0, k;

	if (deadline_figures(p, 2) >= 0)
		return true;
	for (; n < 3; n++) {
		for (k = 0; k < ARRAY_LEN(digits) &&
		    !text_starts(*p, digits[k], &rest); k++)
			;
		if (k == ARRAY_LEN(digits))
			break;
		*p = rest;
	}
	return n > 0;
}

void
deadline_drop_hour(char *s)
{
	/* A part of the day may come first: 下午5点前, 上午, 中午12时. */
	static const char *const parts[] = {
		"上午", "下午", "中午", "晚上", "早上"
	};
	static const char *const hours[] = { "时", "点" };
	/* Minutes after an hour: 17时30分, 5点半. */
	static const char *const minutes[] = { "分", "半" };
	/* 下班前: by the working day's end, which is the day's. */
	static const char *const befores[] = {
		"", "前", "之前", "以前", "下班前", "下班之前"
	};
	char *h = day_end(s);
	const char *p = h, *rest = NULL, *after;

	if (h == NULL)
		return;
	for (size_t k = 0; k < ARRAY_LEN(parts); k++)
		if (text_starts(p, parts[k], &after)) {
			p = after;
			break;
		}
	if (time_of_day(p, &rest))
		;
	else if (hour_number(&p)) {
		for (size_t k = 0; k < ARRAY_LEN(hours) && rest == NULL; k++)
			text_starts(p, hours[k], &rest);
		if (rest != NULL && deadline_figures(&rest, 2) >= 0 &&
		    !text_starts(rest, minutes[0], &rest))
			return;	/* 17时30 without 分 */
		else if (rest != NULL)
			text_starts(rest, minutes[1], &rest);
	} else
		rest = p;	/* no time of day: 下午, 下班前 alone */
	if (rest == NULL)
		return;
	for (size_t k = 0; k < ARRAY_LEN(befores); k++)
		if (strcmp(rest, befores[k]) == 0) {
			/* The time goes; a 前 stays. */
			strcpy(h, k == 0 ? "" : "前");
			return;
		}
}

/* Where a midnight and its 前 at p end (0时前, 零点之前, 00:00整前);
 * NULL when none starts there. */
static const char *
midnight_before(const char *p)
{
	static const char *const zeros[] = {
		"00:00", "0:00", "00时", "0时", "零时", "00点", "0点", "零点",
		NULL
	};
	static const char *const befores[] = { "前", "之前", "以前", NULL };
	const char *rest, *after;

	for (size_t k = 0; zeros[k] != NULL; k++)
		if (text_starts(p, zeros[k], &rest)) {
			text_starts(rest, "整", &rest);
			for (size_t b = 0; befores[b] != NULL; b++)
				if (text_starts(rest, befores[b], &after))
					return after;
		}
	return NULL;
}

char *
deadline_cut_midnight(const char *text)
{
	static const char *const days[] = { "日", "号" };
	char *s = deadline_fold(text), *at, *t;
	const char *after;

	for (size_t d = 0; d < ARRAY_LEN(days); d++)
		for (at = s; (at = strstr(at, days[d])) != NULL;) {
			at += strlen(days[d]);
			if ((after = midnight_before(at)) != NULL) {
				t = xasprintf("%.*s前%s", (int)(at - s), s, after);
				free(s);
				return t;
			}
		}
	free(s);
	return NULL;
}

bool
deadline_verb_object(const char *rest, size_t max)
{
	static const char *const date_words[] = {
		"年", "月", "日", "号", "季", "旬", "周", ".", "/", "-"
	};
	/* Dates without figures: 6月底前出台方案年底前完成 is two (but
	 * 7月底前报送上半年工作总结 one). */
	static const char *const periods[] = {
		"年底前", "年末前", "年内", "年中前", "月底前", "月末前",
		"季度末前",
	};
	const char *p = rest;

	if (strlen(rest) > max || rest[strcspn(rest, ",;")] != '\0')
		return false;
	for (size_t i = 0; i < ARRAY_LEN(periods); i++)
		if (strstr(rest, periods[i]) != NULL)
			return false;
	while (*(p += strcspn(p, "0123456789")) != '\0') {
		(void)deadline_figures(&p, 8);
		for (size_t i = 0; i < ARRAY_LEN(date_words); i++)
			if (text_starts(p, date_words[i], NULL))
				return false;
	}
	return true;
}

/* A label before the date is at most this long, without a figure. */
#define LABEL_MAX 24

/* Whether w is a verb of what a date has done by then. */
static bool
date_verb(const char *w)
{
	if (strcmp(w, "完成") == 0)
		return true;
	for (size_t i = 0; deadline_date_verbs[i] != NULL; i++)
		if (strcmp(w, deadline_date_verbs[i]) == 0)
			return true;
	return false;
}

/* The length of the longest deadline column's name that s begins with
 * and does not end at (完成时限2026年6月, 截止日期 6月30日), or 0. */
static size_t
column_label(const char *s)
{
	char head[LABEL_MAX + 1];
	size_t n, best = 0;

	/* Most text begins with no column's name: not looked up 24 times. */
	if (!plan_column_may_start(s, COL_DEADLINE))
		return 0;
	for (n = 1; n <= LABEL_MAX && s[n - 1] != '\0'; n++) {
		/* Whole characters only: the next is no continuation byte. */
		if ((s[n] & 0xc0) == 0x80 || s[n] == '\0')
			continue;
		memcpy(head, s, n);
		head[n] = '\0';
		if (plan_column(head) == COL_DEADLINE)
			best = n;
	}
	return best;
}

void
deadline_drop_label(char *s)
{
	char *c = strchr(s, ':'), *label, *t;
	size_t n;

	if (c == NULL && (n = column_label(s)) > 0) {
		n += strspn(s + n, " ");
		memmove(s, s + n, strlen(s + n) + 1);
		return;
	}
	if (c == NULL || c == s || c - s > LABEL_MAX)
		return;
	for (const char *p = s; p < c; p++)
		if (isdigit((unsigned char)*p))
			return;
	label = xstrndup(s, (size_t)(c - s));
	if (date_verb(label)) {
		/* The verb after the date, the colon gone: no longer. */
		n = strcspn(c + 1, ";");
		t = xasprintf("%.*s%s%s", (int)n, c + 1, label, c + 1 + n);
		strcpy(s, t);
		free(t);
	} else
		memmove(s, c + 1, strlen(c + 1) + 1);
	free(label);
}

void
deadline_drop_of(char *s)
{
	static const char *const periods[] = { "年", "月", "度", "周" };
	/* An ordinal after it (每季度的最后一个月, 每月的第一周). */
	static const char *const ordinals[] = { "最后", "第", "首", NULL };
	char *at = s;

	while ((at = strstr(at, "的")) != NULL) {
		char *after = at + strlen("的");
		bool period = false;

		for (size_t i = 0; i < ARRAY_LEN(periods) && !period; i++) {
			size_t n = strlen(periods[i]);

			period = (size_t)(at - s) >= n &&
			    memcmp(at - n, periods[i], n) == 0;
		}
		if (period && (isdigit((unsigned char)*after) ||
		    text_starts_any(after, ordinals)))
			memmove(at, after, strlen(after) + 1);
		else
			at = after;
	}
}

void
deadline_drop_weekday(char *s)
{
	static const char *const weeks[] = { "星期", "周", "礼拜" };
	static const char *const days[] = { "日", "号" };
	const char *rest, *after;

	for (char *p = s; *p != '\0'; p++)
		for (size_t d = 0; d < ARRAY_LEN(days); d++) {
			if (!text_starts(p, days[d], &rest))
				continue;
			for (size_t w = 0; w < ARRAY_LEN(weeks); w++)
				if (text_starts(rest, weeks[w], &after) &&
				    text_starts_any(after, deadline_weekdays)) {
					cut_out((char *)rest, (size_t)(after -
					    rest) + strlen("一"));
					return;
				}
		}
}

bool
deadline_dotted_month(const char *s)
{
	const char *p = s + 1;

	return (*s == '.' || *s == '/' || *s == '-') &&
	    deadline_figures(&p, 2) > 0 && text_starts(p, "月", NULL);
}

bool
deadline_names_day(const char *s)
{
	static const char *const words[] = { "月", "日", "号", NULL };

	for (const char *p = s; *(p += strcspn(p, "0123456789")) != '\0';) {
		(void)deadline_figures(&p, 8);
		if (text_starts_any(p, words))
			return true;
	}
	return false;
}

void
deadline_drop_basis(char *s)
{
	static const char *const bases[] = { "根据", "按照", "依据", "结合",
	    "按", NULL };
	static const char *const periods[] = { "年", "月", "季", "周", "旬" };
	size_t n = strcspn(s, ",;");

	if (s[n] == '\0' || n > 36 || !text_starts_any(s, bases))
		return;
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)s[i]))
			return;
	for (size_t i = 0; i < ARRAY_LEN(periods); i++) {
		const char *at = strstr(s, periods[i]);

		if (at != NULL && (size_t)(at - s) < n)
			return;
	}
	cut_out(s, n + 1);
}

void
deadline_drop_shift_note(char *s)
{
	static const char *const days_off[] = { "节假日", "假日", "休息日",
	    "双休日", "周末" };
	static const char *const shifts[] = { "顺延", "提前", "推迟" };
	char *at = NULL, *p;
	bool off = false, shift = false;

	/* The last clause only: what comes before it is the deadline. */
	for (p = s; *p != '\0'; p++)
		if (*p == ',' || *p == ';')
			at = p;
	if (at == NULL || at == s)
		return;
	for (size_t i = 0; i < ARRAY_LEN(days_off) && !off; i++)
		off = strstr(at, days_off[i]) != NULL;
	for (size_t i = 0; i < ARRAY_LEN(shifts) && !shift; i++)
		shift = strstr(at, shifts[i]) != NULL;
	if (off && shift && at[strcspn(at, "0123456789")] == '\0')
		*at = '\0';
}

/* The day's 日 or 号 typed after figures (6.30日前, 2026.12.31日). */
static void
skip_day_mark(const char **p)
{
	if (!text_starts(*p, "日", p))
		(void)text_starts(*p, "号", p);
}

bool
deadline_figures_date(const char *s, int year, int *due)
{
	const char *p = s;
	int y = deadline_figures(&p, 4), m = -1, d = 0;
	char sep = *p;

	if (sep == '\0' || strchr(".-/", sep) == NULL)
		return false;
	p++;
	m = deadline_figures(&p, 2);
	if (y >= 1900 && *p == sep) {
		p++;
		if ((d = deadline_figures(&p, 2)) < 1)
			return false;
		skip_day_mark(&p);
	} else if (y < 1900) {
		/* No year: "6.30前" ("6-30" is a range of months). */
		if (sep == '-' || y < 1 || y > 12 || p - s > 5)
			return false;
		d = m;
		m = y;
		y = year;
		skip_day_mark(&p);
		if (d < 1 || strcmp(p, "前") != 0)
			return false;
	}
	if ((*p != '\0' && strcmp(p, "前") != 0) || m < 1 || m > 12)
		return false;
	if (d == 0)
		d = date_days_in_month(y, m);
	if (!date_valid(y, m, d))
		return false;
	*due = date_from_ymd(y, m, d);
	return true;
}

bool
deadline_figures_range(const char *s, int year, int *due)
{
	char first[DEADLINE_MAX + 1];
	const char *rest, *y;
	int from, to;

	/* Most text asked is no figure at all. */
	if (!isdigit((unsigned char)*s))
		return false;
	for (const char *p = s + 1; *p != '\0' &&
	    (size_t)(p - s) < sizeof(first); p++)
		for (size_t k = 0; deadline_range_seps[k] != NULL; k++) {
			if (!text_starts(p, deadline_range_seps[k], &rest))
				continue;
			memcpy(first, s, (size_t)(p - s));
			first[p - s] = '\0';
			/* A first date without its year is none: 6-12 is a
			 * range of months, read as such (deadline_range). */
			y = first;
			if (deadline_figures(&y, 4) >= 1900 &&
			    deadline_figures_date(first, year, &from) &&
			    deadline_figures_date(rest, year, &to) && to >= from) {
				*due = to;
				return true;
			}
		}
	return false;
}
