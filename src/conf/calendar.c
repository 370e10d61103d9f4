/* calendar: working days and send windows.  Holiday files list days off
 * (holidays) and make-up working days (调休, workdays) as ISO dates; a
 * calendar gathers any number of them (etc/holidays/ holds one a year),
 * keeping both kinds as sorted arrays of day numbers, binary-searched.  A
 * day works when it is a make-up working day, or when it is no holiday
 * and the send window opens on its weekday.  Local days and times are
 * those of the zone the process has set (clock_set_zone). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "conf/calendar.h"
#include "base/clock.h"
#include "base/date.h"

/* How far ahead to look for an open window before giving up: more than
 * a year, so that any real calendar has a working day in range. */
#define SEARCH_DAYS 400

struct calendar {
	int *holidays;		/* sorted, distinct */
	size_t nholidays, capholidays;
	int *workdays;		/* sorted, distinct */
	size_t nworkdays, capworkdays;
};

/* Sort ascending. */
static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Whether day is in the sorted array v of n. */
static bool
contains(const int *v, size_t n, int day)
{
	return n > 0 && bsearch(&day, v, n, sizeof(*v), cmp_int) != NULL;
}

/* Sort v and drop repeats; returns the new count. */
static size_t
sort_distinct(int *v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_int);
	for (i = 1; i < n; i++)
		if (v[i] != v[k])
			v[++k] = v[i];
	return k + 1;
}

/* Add the dates of setting key (a list of "YYYY-MM-DD") to *v, kept
 * sorted and distinct; a date among the other kind's (other, sorted) is
 * an error at its line. */
static int
read_dates(config_t *cf, const char *path, const char *key, int **v,
    size_t *n, size_t *cap, const int *other, size_t nother,
    struct error *err)
{
	config_setting_t *s = config_lookup(cf, key), *e;
	int i, len, day;
	char d[16];

	if (s == NULL)
		return 0;
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return error_set(err, EXIT_CONFIG, "%s:%d: %s: expected a list "
		    "of dates [\"YYYY-MM-DD\", ...]", path,
		    (int)config_setting_source_line(s), key);
	len = config_setting_length(s);
	*v = xgrow(*v, cap, *n + (size_t)len, sizeof(**v));
	for (i = 0; i < len; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING ||
		    !date_parse(config_setting_get_string(e), &day))
			return error_set(err, EXIT_CONFIG, "%s:%d: %s: expected "
			    "a date \"YYYY-MM-DD\"", path,
			    (int)config_setting_source_line(e), key);
		if (contains(other, nother, day)) {
			date_format(day, d);
			return error_set(err, EXIT_CONFIG, "%s:%d: %s is both a "
			    "holiday and a working day", path,
			    (int)config_setting_source_line(e), d);
		}
		(*v)[(*n)++] = day;
	}
	*n = sort_distinct(*v, *n);
	return 0;
}

/* The file's settings: only holidays and workdays. */
static int
check_keys(config_t *cf, const char *path, struct error *err)
{
	config_setting_t *root = config_root_setting(cf), *s;
	const char *name;
	int k;

	for (k = 0; k < config_setting_length(root); k++) {
		s = config_setting_get_elem(root, (unsigned)k);
		name = config_setting_name(s);
		if (strcmp(name, "holidays") != 0 &&
		    strcmp(name, "workdays") != 0)
			return error_set(err, EXIT_CONFIG, "%s:%d: unknown "
			    "setting \"%s\" (expected holidays and workdays)",
			    path, (int)config_setting_source_line(s), name);
	}
	return 0;
}

/* Add the holiday file f, open at path. */
static int
add_file(struct calendar *cal, FILE *f, const char *path, struct error *err)
{
	config_t cf;
	int rc;

	config_init(&cf);
	if (config_read(&cf, f) != CONFIG_TRUE)
		rc = error_set(err, EXIT_CONFIG, "%s:%d: %s", path,
		    config_error_line(&cf), config_error_text(&cf));
	else if ((rc = check_keys(&cf, path, err)) == 0 &&
	    (rc = read_dates(&cf, path, "holidays", &cal->holidays,
	    &cal->nholidays, &cal->capholidays, cal->workdays,
	    cal->nworkdays, err)) == 0)
		rc = read_dates(&cf, path, "workdays", &cal->workdays,
		    &cal->nworkdays, &cal->capworkdays, cal->holidays,
		    cal->nholidays, err);
	config_destroy(&cf);
	return rc;
}

/* A folder's entries that are holiday files: NAME.conf, not hidden. */
static int
is_holiday_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 5 &&
	    strcmp(e->d_name + n - 5, ".conf") == 0;
}

/* By name, bytewise (the same order in any locale). */
static int
cmp_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Add each holiday file of the folder path, in name order. */
static int
add_folder(struct calendar *cal, const char *path, const char *where,
    struct error *err)
{
	struct dirent **names;
	char *file;
	int i, n, rc = 0;

	if ((n = scandir(path, &names, is_holiday_file, cmp_name)) < 0)
		return error_set(err, EXIT_CONFIG, "%s%s: %s", where, path,
		    strerror(errno));
	if (n == 0)
		rc = error_set(err, EXIT_CONFIG, "%s%s: no holiday file "
		    "(NAME.conf) in this folder", where, path);
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			file = xasprintf("%s/%s", path, names[i]->d_name);
			rc = calendar_add(cal, file, where, err);
			free(file);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* A new calendar without a day. */
struct calendar *
calendar_new(void)
{
	return xcalloc(1, sizeof(struct calendar));
}

/* Add a holiday file, or each one of a folder, to cal. */
int
calendar_add(struct calendar *cal, const char *path, const char *where,
    struct error *err)
{
	struct stat st;
	FILE *f;
	int rc;

	if (where == NULL)
		where = "";
	if ((f = fopen(path, "r")) == NULL)
		return error_set(err, EXIT_CONFIG, "%s%s: %s", where, path,
		    strerror(errno));
	/* libconfig's scanner exits the process when handed a folder. */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return add_folder(cal, path, where, err);
	}
	rc = add_file(cal, f, path, err);
	fclose(f);
	return rc;
}

/* Read one holiday file, or a folder of them, into a new *out. */
int
calendar_load(const char *path, struct calendar **out, struct error *err)
{
	struct calendar *cal = calendar_new();
	int rc;

	*out = NULL;
	if ((rc = calendar_add(cal, path, NULL, err)) != 0)
		calendar_free(cal);
	else
		*out = cal;
	return rc;
}

/* Whether cal lists a holiday in year. */
bool
calendar_has_year(const struct calendar *cal, int year)
{
	int first = date_from_ymd(year, 1, 1), next = date_from_ymd(year + 1, 1, 1);
	size_t lo = 0, hi, mid;

	if (cal == NULL)
		return false;
	/* The first holiday on or after 1 January. */
	for (hi = cal->nholidays; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (cal->holidays[mid] < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cal->nholidays && cal->holidays[lo] < next;
}

/* Free cal (NULL is fine). */
void
calendar_free(struct calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->holidays);
	free(cal->workdays);
	free(cal);
}

/* Whether notices may go out on day. */
bool
calendar_is_workday(const struct calendar *cal, const struct send_window *w,
    int day)
{
	if (cal != NULL && contains(cal->workdays, cal->nworkdays, day))
		return true;
	if (cal != NULL && contains(cal->holidays, cal->nholidays, day))
		return false;
	return (w->days & (1u << date_weekday(day))) != 0;
}

/* The first open instant at or after t. */
time_t
calendar_next_open(const struct calendar *cal, const struct send_window *w,
    time_t t)
{
	int day = clock_local_day(t), i;
	time_t open, close;

	for (i = 0; i < SEARCH_DAYS; i++, day++) {
		if (!calendar_is_workday(cal, w, day))
			continue;
		open = clock_local_time(day, w->from / 60, w->from % 60);
		close = clock_local_time(day, w->to / 60, w->to % 60);
		if (t < open)
			return open;
		if (t < close)
			return t;
	}
	/* No working day in more than a year (an empty window): send at
	 * once rather than hold notices forever. */
	return t;
}

/* The closed hours ahead of t. */
void
calendar_closed_span(const struct calendar *cal, const struct send_window *w,
    time_t t, time_t *from, time_t *until)
{
	time_t open = calendar_next_open(cal, w, t);

	if (open > t) {
		*from = 0;
		*until = open;
		return;
	}
	/* In an open window, unless there is none (calendar_next_open's
	 * fallback): then nothing is ever held. */
	*from = *until = t;
	if (!calendar_is_workday(cal, w, clock_local_day(t)))
		return;
	*from = clock_local_time(clock_local_day(t), w->to / 60, w->to % 60);
	*until = calendar_next_open(cal, w, *from);
}

/* When a notice falling on day goes out. */
time_t
calendar_trigger(const struct calendar *cal, const struct send_window *w,
    int day)
{
	return calendar_next_open(cal, w,
	    clock_local_time(day, w->from / 60, w->from % 60));
}

/* The day n working days from day, going by step (1 or -1). */
static int
walk_workdays(const struct calendar *cal, const struct send_window *w,
    int day, int n, int step)
{
	int idle = 0;

	while (n > 0 && idle < SEARCH_DAYS) {
		day += step;
		if (calendar_is_workday(cal, w, day)) {
			n--;
			idle = 0;
		} else
			idle++;
	}
	return day;
}

int
calendar_add_workdays(const struct calendar *cal, const struct send_window *w,
    int day, int n)
{
	return walk_workdays(cal, w, day, n, 1);
}

int
calendar_back_workdays(const struct calendar *cal, const struct send_window *w,
    int day, int n)
{
	return walk_workdays(cal, w, day, n, -1);
}
