/* export: a plan written out for other programs.
 *
 * JSON is the form the README documents ("Export").  CSV and
 * TSV use the columns of plan_csv, so that an export read back with
 * plan_csv_parse gives the same plan: it is the way to edit a plan in a
 * spreadsheet.  iCalendar (RFC 5545) puts every due date in a calendar
 * application, as all-day events.
 */
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/csv.h"
#include "base/date.h"
#include "plan/export.h"
#include "base/json.h"
#include "plan/plan_csv.h"
#include "base/text.h"

/* Characters of the measure shown in an event's summary. */
#define ICS_SUMMARY_CHARS 40
/* RFC 5545, 3.1: content lines are folded at 75 octets. */
#define ICS_LINE_OCTETS 75

/* The format of a --format name. */
bool
export_format_from_name(const char *name, enum export_format *fmt)
{
	static const struct {
		const char *name;
		enum export_format fmt;
	} names[] = {
		{ "json", EXPORT_JSON }, { "csv", EXPORT_CSV },
		{ "tsv", EXPORT_TSV }, { "ics", EXPORT_ICS },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return true;
		}
	}
	return false;
}

/* Whether the measure passes the unit filter (NULL passes everything). */
static bool
measure_selected(const struct plan_measure *m, const char *unit)
{
	size_t i;

	if (unit == NULL)
		return true;
	for (i = 0; i < m->nunits; i++)
		if (strcmp(m->units[i].name, unit) == 0)
			return true;
	return false;
}

/* Whether any measure of the task passes the unit filter. */
static bool
task_selected(const struct plan_task *t, const char *unit)
{
	size_t i;

	for (i = 0; i < t->nmeasures; i++)
		if (measure_selected(&t->measures[i], unit))
			return true;
	return false;
}

bool
export_has_unit(const struct plan *p, const char *unit)
{
	for (size_t i = 0; i < p->ntasks; i++)
		if (task_selected(&p->tasks[i], unit))
			return true;
	return false;
}

/* Start a JSON line indented by level steps of two spaces. */
static void
json_indent(struct buf *b, int level)
{
	buf_printf(b, "%*s", level * 2, "");
}

/* Write a "key": "string" member at level; last: no comma after it. */
static void
json_member_str(struct buf *b, int level, const char *key, const char *s,
    bool last)
{
	json_indent(b, level);
	json_put_str(b, key);
	buf_puts(b, ": ");
	json_put_str(b, s);
	buf_puts(b, last ? "\n" : ",\n");
}

/* Write one measure's object at level. */
static void
json_measure(struct buf *b, int level, const struct plan_measure *m, bool last)
{
	char due[11];
	size_t i;

	json_indent(b, level);
	buf_puts(b, "{\n");
	json_indent(b, level + 1);
	buf_printf(b, "\"id\": %lld,\n", (long long)m->id);
	json_member_str(b, level + 1, "text", m->text, false);

	json_indent(b, level + 1);
	buf_puts(b, "\"deadline\": {\n");
	json_member_str(b, level + 2, "text", m->deadline_text, false);
	json_member_str(b, level + 2, "kind",
	    deadline_kind_name(m->deadline.kind), false);
	date_format(m->deadline.due, due);
	json_member_str(b, level + 2, "due",
	    m->deadline.due != DATE_NONE ? due : NULL,
	    m->deadline.workday == 0);
	/* Which working day of its month (每季度结束后5个工作日内: 5). */
	if (m->deadline.workday != 0) {
		json_indent(b, level + 2);
		buf_printf(b, "\"workday\": %d\n", m->deadline.workday);
	}
	json_indent(b, level + 1);
	buf_puts(b, "},\n");

	json_indent(b, level + 1);
	if (m->nunits == 0)
		buf_puts(b, "\"units\": []\n");
	else {
		buf_puts(b, "\"units\": [\n");
		for (i = 0; i < m->nunits; i++) {
			json_indent(b, level + 2);
			buf_puts(b, "{\n");
			json_member_str(b, level + 3, "name",
			    m->units[i].name, false);
			json_member_str(b, level + 3, "role",
			    role_name(m->units[i].role), true);
			json_indent(b, level + 2);
			buf_puts(b, i + 1 < m->nunits ? "},\n" : "}\n");
		}
		json_indent(b, level + 1);
		buf_puts(b, "]\n");
	}
	json_indent(b, level);
	buf_puts(b, last ? "}\n" : "},\n");
}

/* Write one task's object at level, with the measures that pass the
 * filter. */
static void
json_task(struct buf *b, int level, const struct plan_task *t,
    const char *unit, bool last)
{
	size_t i, left;

	json_indent(b, level);
	buf_puts(b, "{\n");
	json_indent(b, level + 1);
	buf_printf(b, "\"no\": %d,\n", t->no);
	json_member_str(b, level + 1, "section", t->section, false);
	json_member_str(b, level + 1, "title", t->title, false);
	json_indent(b, level + 1);
	buf_puts(b, "\"measures\": [\n");
	for (left = 0, i = 0; i < t->nmeasures; i++)
		left += measure_selected(&t->measures[i], unit);
	for (i = 0; i < t->nmeasures; i++)
		if (measure_selected(&t->measures[i], unit))
			json_measure(b, level + 2, &t->measures[i], --left == 0);
	json_indent(b, level + 1);
	buf_puts(b, "]\n");
	json_indent(b, level);
	buf_puts(b, last ? "}\n" : "},\n");
}

/* The README's "Export" form, indented two spaces per level. */
static void
export_json(struct buf *b, const struct plan *p, const char *unit)
{
	size_t i, left;

	buf_puts(b, "{\n");
	json_member_str(b, 1, "title", p->title, false);
	json_indent(b, 1);
	buf_printf(b, "\"year\": %d,\n", p->year);
	json_indent(b, 1);
	for (left = 0, i = 0; i < p->ntasks; i++)
		left += task_selected(&p->tasks[i], unit);
	if (left == 0)
		buf_puts(b, "\"tasks\": []\n");
	else {
		buf_puts(b, "\"tasks\": [\n");
		for (i = 0; i < p->ntasks; i++)
			if (task_selected(&p->tasks[i], unit))
				json_task(b, 2, &p->tasks[i], unit,
				    --left == 0);
		json_indent(b, 1);
		buf_puts(b, "]\n");
	}
	buf_puts(b, "}\n");
}

/* Write the CSV row of one measure. */
static void
csv_measure(struct buf *b, char sep, const struct plan *p,
    const struct plan_task *t, const struct plan_measure *m)
{
	char year[16], no[16], due[11];
	size_t k;

	/* An unknown year stays empty: "0" would not read back. */
	if (p->year != 0)
		snprintf(year, sizeof(year), "%d", p->year);
	else
		year[0] = '\0';
	snprintf(no, sizeof(no), "%d", t->no);
	date_format(m->deadline.due, due);
	{
		/* In the order of plan_csv_columns. */
		const char *cells[] = {
			p->title, year, no, t->section, t->title, m->text,
			m->units_text, m->deadline_text,
			deadline_kind_name(m->deadline.kind), due,
		};

		for (k = 0; k < ARRAY_LEN(cells); k++) {
			if (k > 0)
				buf_putc(b, sep);
			csv_put_field(b, sep, cells[k]);
		}
	}
	csv_end_record(b, sep);
}

/* One row per measure, in the columns of plan_csv_columns, so that
 * plan_csv_parse reads the plan back. */
static void
export_csv(struct buf *b, const struct plan *p, char sep, const char *unit)
{
	const struct plan_task *t;
	size_t i, j, k;

	for (k = 0; plan_csv_columns[k] != NULL; k++) {
		if (k > 0)
			buf_putc(b, sep);
		csv_put_field(b, sep, plan_csv_columns[k]);
	}
	csv_end_record(b, sep);
	for (i = 0; i < p->ntasks; i++) {
		t = &p->tasks[i];
		for (j = 0; j < t->nmeasures; j++)
			if (measure_selected(&t->measures[j], unit))
				csv_measure(b, sep, p, t, &t->measures[j]);
	}
}

/* Append s as an iCalendar TEXT value (RFC 5545, 3.3.11): backslash,
 * semicolon, comma and line breaks escaped; other controls, which TEXT
 * does not allow, become spaces. */
static void
ics_text(struct buf *b, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '\\': buf_puts(b, "\\\\"); break;
		case ';':  buf_puts(b, "\\;"); break;
		case ',':  buf_puts(b, "\\,"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r':
			if (p[1] != '\n')
				buf_puts(b, "\\n");
			break;
		default:
			buf_putc(b, *p < 0x20 || *p == 0x7F ? ' ' : (char)*p);
		}
	}
}

/* Append one content line, folded at 75 octets (RFC 5545, 3.1) but never
 * inside a UTF-8 character, and ended with CRLF. */
static void
ics_line(struct buf *b, const struct buf *line)
{
	const char *s = buf_str(line);
	size_t n = line->len, limit = ICS_LINE_OCTETS, cut;

	while (n > limit) {
		cut = utf8_cut(s, n, limit);
		if (cut == 0)
			cut = limit;	/* not UTF-8; cut anyway */
		buf_add(b, s, cut);
		buf_puts(b, "\r\n ");
		s += cut;
		n -= cut;
		/* The leading space of a continuation counts. */
		limit = ICS_LINE_OCTETS - 1;
	}
	buf_add(b, s, n);
	buf_puts(b, "\r\n");
}

/* Append "NAME:VALUE" with value as escaped TEXT. */
static void
ics_prop_text(struct buf *b, const char *name, const char *value)
{
	struct buf line = BUF_INIT;

	buf_printf(&line, "%s:", name);
	ics_text(&line, value);
	ics_line(b, &line);
	buf_free(&line);
}

/* Append "NAME:VALUE" with value written as is. */
static void
ics_prop(struct buf *b, const char *name, const char *value)
{
	struct buf line = BUF_INIT;

	buf_printf(&line, "%s:%s", name, value);
	ics_line(b, &line);
	buf_free(&line);
}

/* Append a DATE property (RFC 5545, 3.3.4): "NAME;VALUE=DATE:YYYYMMDD". */
static void
ics_date(struct buf *b, const char *name, int day)
{
	char value[32];
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(value, sizeof(value), "%04d%02d%02d", y, m, d);
	buf_printf(b, "%s;VALUE=DATE:%s\r\n", name, value);
}

/* The summary of a measure's event: its task and the start of its text. */
static char *
ics_summary(const struct plan_task *t, const struct plan_measure *m)
{
	const char *p = m->text, *end = p + strlen(p);
	struct buf b = BUF_INIT;
	int n;

	buf_printf(&b, "任务%d：", t->no);
	for (n = 0; n < ICS_SUMMARY_CHARS && p < end; n++)
		utf8_next(&p, end);
	buf_add(&b, m->text, (size_t)(p - m->text));
	if (p < end)
		buf_puts(&b, "…");
	return buf_steal(&b);
}

/* The description of a measure's event: task, measure, deadline, units
 * with their roles. */
static char *
ics_description(const struct plan_task *t, const struct plan_measure *m)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_printf(&b, "任务%d：%s\n", t->no, t->title);
	buf_printf(&b, "举措：%s\n", m->text);
	buf_printf(&b, "完成时限：%s\n", m->deadline_text);
	buf_puts(&b, "责任单位：");
	if (m->nunits == 0)
		buf_puts(&b, m->units_text);
	for (i = 0; i < m->nunits; i++)
		buf_printf(&b, "%s%s（%s）", i > 0 ? "、" : "",
		    m->units[i].name, role_label(m->units[i].role));
	return buf_steal(&b);
}

/* Append a display alarm (RFC 5545, 3.6.6) for each positive lead day
 * (distinct, as the config keeps them); 0, the due day, is the event
 * itself. */
static void
ics_alarms(struct buf *b, const char *summary, const int *lead_days, size_t n)
{
	char *text;
	size_t i;

	for (i = 0; i < n; i++) {
		if (lead_days[i] <= 0)
			continue;
		buf_puts(b, "BEGIN:VALARM\r\n");
		buf_puts(b, "ACTION:DISPLAY\r\n");
		text = xasprintf("%s（%d 天后到期）", summary, lead_days[i]);
		ics_prop_text(b, "DESCRIPTION", text);
		free(text);
		/* Before DTSTART, the start of the due day. */
		buf_printf(b, "TRIGGER:-P%dD\r\n", lead_days[i]);
		buf_puts(b, "END:VALARM\r\n");
	}
}

/* A short, stable number for a unit's name (FNV-1a), so that a unit's
 * events keep their UIDs whatever else the plan or configuration does. */
static uint32_t
unit_uid(const char *unit)
{
	uint32_t h = 2166136261u;

	while (*unit != '\0')
		h = (h ^ (unsigned char)*unit++) * 16777619u;
	return h;
}

/* RFC 5545's weekdays, by date_weekday (Sunday first). */
static const char *const ical_days[] = {
	"SU", "MO", "TU", "WE", "TH", "FR", "SA"
};

/* Append the VEVENT of one measure, if it has a date to show, with an
 * alarm for each lead day. */
static void
ics_event(struct buf *b, const struct plan *p, const struct plan_task *t,
    const struct plan_measure *m, const char *unit, const char *stamp,
    const int *lead_days, size_t nlead, const struct dl_rules *rules)
{
	const char *rrule = NULL;
	char *s, *summary, rule[64];
	int start, day, month, step = 1, y, mo, dues[DL_MAX_WEEKS];
	size_t n, k, len;
	bool listed = false;	/* every period's date in an RDATE */

	switch (m->deadline.kind) {
	case DL_DATE:
	case DL_ONGOING:
		if (m->deadline.due == DATE_NONE)
			return;
		start = m->deadline.due;
		break;
	case DL_MONTHLY:
		/* Every month end of the plan year, from January's; or every
		 * month's day (from February's for 次月5日前).  A day past the 28th is a shorter month's last
		 * day, which no rule says to every reader (BYMONTHDAY skips
		 * such months, and ical.js ignores BYSETPOS): its twelve
		 * dates are listed instead, January's too (RFC 5545 makes
		 * DTSTART an instance, but ical.js counts it only beside a
		 * rule; a duplicate instance is ignored).  So are working
		 * days (每月前3个工作日), which no rule counts under a holiday
		 * calendar. */
		if (p->year <= 0)
			return;
		start = deadline_month_due(&m->deadline, p->year, 1, rules);
		date_to_ymd(start, &y, &mo, &day);
		if (m->deadline.due == DATE_NONE)
			rrule = "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12";
		else if (day <= 28 && m->deadline.workday == 0) {
			rrule = rule;
			snprintf(rule, sizeof(rule), "FREQ=MONTHLY;"
			    "BYMONTHDAY=%d;COUNT=12", day);
		} else
			listed = true;
		break;
	case DL_BIMONTHLY:
	case DL_QUARTERLY:
	case DL_SEMIANNUAL:
		/* Each period's end; or its day near the end
		 * (每季度结束后10日内), listed. */
		if (p->year <= 0)
			return;
		step = deadline_period_months(m->deadline.kind);
		start = deadline_month_due(&m->deadline, p->year, step, rules);
		if (m->deadline.due != DATE_NONE)
			listed = true;
		else {
			rrule = rule;
			snprintf(rule, sizeof(rule), "FREQ=MONTHLY;INTERVAL=%d;"
			    "BYMONTHDAY=-1;COUNT=%d", step, 12 / step);
		}
		break;
	case DL_WEEKLY:
	case DL_BIWEEKLY:
		/* Every Friday of the plan year, or every day the item names
		 * (每周一), or every other Friday, from the first; a calendar
		 * program knows no holiday calendar, so a week whose day is a
		 * holiday still shows it (the notices and the board use the
		 * working day before it, deadline_week_due). */
		if (p->year <= 0)
			return;
		start = m->deadline.due;
		if (start == DATE_NONE)
			start = date_next_weekday(date_from_ymd(p->year, 1, 1), 5);
		rrule = rule;
		snprintf(rule, sizeof(rule), "FREQ=WEEKLY;%sBYDAY=%s;"
		    "UNTIL=%04d1231", m->deadline.kind == DL_BIWEEKLY ?
		    "INTERVAL=2;" : "", ical_days[date_weekday(start)], p->year);
		break;
	case DL_SEMIMONTHLY:
	case DL_TENDAY:
		/* Each part of every month: the days January's parts end on
		 * (deadline_year_dues), its last as the month's (-1). */
		if (p->year <= 0)
			return;
		n = deadline_year_dues(&m->deadline, p->year, NULL, dues,
		    ARRAY_LEN(dues));
		start = dues[0];
		len = (size_t)snprintf(rule, sizeof(rule),
		    "FREQ=MONTHLY;BYMONTHDAY=");
		for (k = 0; k < n && dues[k] < date_month_end(p->year, 1) &&
		    len < sizeof(rule); k++) {
			date_to_ymd(dues[k], &y, &mo, &day);
			len += (size_t)snprintf(rule + len, sizeof(rule) - len,
			    "%d,", day);
		}
		if (len < sizeof(rule))
			snprintf(rule + len, sizeof(rule) - len, "-1;COUNT=%zu",
			    n);
		rrule = rule;
		break;
	default:
		return;
	}

	buf_puts(b, "BEGIN:VEVENT\r\n");
	/* Measures not yet stored have no id; their place keeps the UID
	 * unique within the file.  A unit's calendar has its own events:
	 * the same measure in two units' calendars is two items. */
	if (m->id > 0)
		buf_printf(b, "UID:measure-%lld", (long long)m->id);
	else
		buf_printf(b, "UID:measure-t%zu-m%zu",
		    (size_t)(t - p->tasks) + 1,
		    (size_t)(m - t->measures) + 1);
	if (unit != NULL)
		buf_printf(b, "-unit-%08" PRIx32, unit_uid(unit));
	buf_puts(b, "@deadlined\r\n");
	ics_prop(b, "DTSTAMP", stamp);
	ics_date(b, "DTSTART", start);
	/* All-day events end (exclusively) on the next day (3.6.1). */
	ics_date(b, "DTEND", start + 1);
	if (rrule != NULL)
		ics_prop(b, "RRULE", rrule);
	if (listed) {
		struct buf dates = BUF_INIT;

		for (month = step; month <= 12; month += step) {
			date_to_ymd(deadline_month_due(&m->deadline, p->year,
			    month, rules), &y, &mo, &day);
			buf_printf(&dates, "%s%04d%02d%02d",
			    month > step ? "," : "", y, mo, day);
		}
		ics_prop(b, "RDATE;VALUE=DATE", dates.s);
		buf_free(&dates);
	}
	summary = ics_summary(t, m);
	ics_prop_text(b, "SUMMARY", summary);
	s = ics_description(t, m);
	ics_prop_text(b, "DESCRIPTION", s);
	free(s);
	ics_prop_text(b, "CATEGORIES", deadline_kind_name(m->deadline.kind));
	ics_alarms(b, summary, lead_days, nlead);
	free(summary);
	buf_puts(b, "END:VEVENT\r\n");
}

/* RFC 5545 calendar with one all-day event per measure with a date. */
void
export_ics_alarms(struct buf *b, const struct plan *p, const char *unit,
    long long now, const int *lead_days, size_t n,
    const struct dl_rules *rules)
{
	const struct plan_task *t;
	char stamp[32];
	time_t clock = (time_t)now;
	struct tm tm;
	size_t i, j;

	if (gmtime_r(&clock, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(stamp, sizeof(stamp), "19700101T000000Z");

	buf_puts(b, "BEGIN:VCALENDAR\r\n");
	buf_puts(b, "VERSION:2.0\r\n");
	buf_puts(b, "PRODID:-//deadlined//EN\r\n");
	buf_puts(b, "CALSCALE:GREGORIAN\r\n");
	if (unit != NULL) {
		char *name = xasprintf("%s · %s", unit, p->title);

		ics_prop_text(b, "X-WR-CALNAME", name);
		free(name);
	} else
		ics_prop_text(b, "X-WR-CALNAME", p->title);
	for (i = 0; i < p->ntasks; i++) {
		t = &p->tasks[i];
		for (j = 0; j < t->nmeasures; j++)
			if (measure_selected(&t->measures[j], unit))
				ics_event(b, p, t, &t->measures[j], unit,
				    stamp, lead_days, n, rules);
	}
	buf_puts(b, "END:VCALENDAR\r\n");
}

/* Write p into b in format fmt, for every measure or one unit's. */
void
export_plan(struct buf *b, const struct plan *p, enum export_format fmt,
    const char *unit, long long now)
{
	switch (fmt) {
	case EXPORT_JSON:
		export_json(b, p, unit);
		break;
	case EXPORT_CSV:
		export_csv(b, p, ',', unit);
		break;
	case EXPORT_TSV:
		export_csv(b, p, '\t', unit);
		break;
	case EXPORT_ICS:
		export_ics_alarms(b, p, unit, now, NULL, 0, NULL);
		break;
	}
}
