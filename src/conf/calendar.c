/* calendar: working days and send windows.  A holiday file lists days
 * off (holidays) and make-up working days (调休, workdays) as ISO dates;
 * both are kept as sorted arrays of day numbers and binary-searched.  A
 * day works when it is a make-up working day, or when it is no holiday
 * and the send window opens on its weekday.  Local days and times are
 * those of the zone the process has set (clock_set_zone). */
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
	size_t nholidays;
	int *workdays;		/* sorted, distinct */
	size_t nworkdays;
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

/* Read the dates of setting key (a list of "YYYY-MM-DD") into a sorted,
 * distinct array. */
static int
read_dates(config_t *cf, const char *path, const char *key, int **out,
    size_t *n, struct error *err)
{
	config_setting_t *s = config_lookup(cf, key), *e;
	int i, len, day;
	size_t k;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return 0;
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return error_set(err, EXIT_CONFIG, "%s:%d: %s: expected a list "
		    "of dates [\"YYYY-MM-DD\", ...]", path,
		    (int)config_setting_source_line(s), key);
	len = config_setting_length(s);
	*out = xcalloc((size_t)len, sizeof(**out));
	for (i = 0; i < len; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING ||
		    !date_parse(config_setting_get_string(e), &day))
			return error_set(err, EXIT_CONFIG, "%s:%d: %s: expected "
			    "a date \"YYYY-MM-DD\"", path,
			    (int)config_setting_source_line(e), key);
		(*out)[(*n)++] = day;
	}
	qsort(*out, *n, sizeof(**out), cmp_int);
	for (i = 1, k = 0; (size_t)i < *n; i++)
		if ((*out)[i] != (*out)[k])
			(*out)[++k] = (*out)[i];
	if (*n > 0)
		*n = k + 1;
	return 0;
}

/* The file's settings: only holidays and workdays, each day in one. */
static int
check_file(config_t *cf, const char *path, const struct calendar *cal,
    struct error *err)
{
	config_setting_t *root = config_root_setting(cf), *s;
	char d[16];
	const char *name;
	size_t i;
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
	for (i = 0; i < cal->nworkdays; i++)
		if (contains(cal->holidays, cal->nholidays, cal->workdays[i])) {
			date_format(cal->workdays[i], d);
			return error_set(err, EXIT_CONFIG, "%s:%d: %s is both a "
			    "holiday and a working day", path,
			    (int)config_setting_source_line(config_lookup(cf,
			    "workdays")), d);
		}
	return 0;
}

/* Read a holiday file into a new *out. */
int
calendar_load(const char *path, struct calendar **out, struct error *err)
{
	struct calendar *cal = xcalloc(1, sizeof(*cal));
	struct stat st;
	config_t cf;
	FILE *f;
	int rc;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		rc = error_set(err, EXIT_CONFIG, "%s: %s", path,
		    strerror(errno));
		free(cal);
		return rc;
	}
	/* libconfig's scanner exits the process when handed a folder. */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		free(cal);
		return error_set(err, EXIT_CONFIG, "%s: is a directory", path);
	}
	config_init(&cf);
	if (config_read(&cf, f) != CONFIG_TRUE)
		rc = error_set(err, EXIT_CONFIG, "%s:%d: %s", path,
		    config_error_line(&cf), config_error_text(&cf));
	else if ((rc = read_dates(&cf, path, "holidays", &cal->holidays,
	    &cal->nholidays, err)) == 0 &&
	    (rc = read_dates(&cf, path, "workdays", &cal->workdays,
	    &cal->nworkdays, err)) == 0)
		rc = check_file(&cf, path, cal, err);
	config_destroy(&cf);
	fclose(f);
	if (rc != 0)
		calendar_free(cal);
	else
		*out = cal;
	return rc;
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

/* The day n working days after day. */
int
calendar_add_workdays(const struct calendar *cal, const struct send_window *w,
    int day, int n)
{
	int idle = 0;

	while (n > 0 && idle < SEARCH_DAYS) {
		day++;
		if (calendar_is_workday(cal, w, day)) {
			n--;
			idle = 0;
		} else
			idle++;
	}
	return day;
}
