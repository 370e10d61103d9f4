/* calendar: working days and send windows in the configured zone.  A day
 * is a working day when the send window opens on its weekday and it is no
 * holiday, or when it is a make-up working day (调休), whatever its
 * weekday.  Pure except for the zone (clock.h). */
#ifndef DEADLINED_CALENDAR_H
#define DEADLINED_CALENDAR_H

#include <stdbool.h>
#include <time.h>
#include "base/util.h"

/* When notices may go out: the weekdays and hours of the send window. */
struct send_window {
	unsigned days;		/* bit d set: weekday d open (0 = Sunday) */
	int from, to;		/* minutes after local midnight, from < to */
};

struct calendar;

/* A holiday file (libconfig):
 *   holidays = [ "2021-01-01", "2021-02-11", ... ];
 *   workdays = [ "2021-02-07", ... ];     # make-up working days
 * A calendar holds any number of them. */
struct calendar *calendar_new(void);
/* Add the holiday file path to cal, or when path is a folder each of its
 * NAME.conf files in name order (none is an error).  A day both a
 * holiday and a working day, in one file or two, is an error at the
 * second's line.  Errors inside a file are "FILE:LINE: message"; those
 * opening path are "WHERE PATH: reason" (where may be NULL); EXIT_CONFIG.
 * On an error cal holds part of the files: free it. */
int calendar_add(struct calendar *cal, const char *path, const char *where,
    struct error *err) WARN_UNUSED_RESULT;
/* calendar_new and calendar_add of path into a new *out. */
int calendar_load(const char *path, struct calendar **out, struct error *err) WARN_UNUSED_RESULT;
void calendar_free(struct calendar *cal);
/* Whether cal lists a holiday in year (cal may be NULL): every year's
 * notice gives days off, so a year with none is one it does not know. */
bool calendar_has_year(const struct calendar *cal, int year);

/* cal may be NULL (no holidays). */
bool calendar_is_workday(const struct calendar *cal, const struct send_window *w, int day);

/* The first instant >= t inside an open send window: on a working day,
 * between w->from and w->to local time. */
time_t calendar_next_open(const struct calendar *cal, const struct send_window *w, time_t t);

/* The closed hours that a message due at or after t waits through, as
 * [*from, *until): *until is the window's next opening.  When t is
 * outside an open window, *from is 0 (whatever is due before that opening
 * waits for it); inside one, the span starts when that window closes.  An
 * empty span (*from == *until) when the window never opens. */
void calendar_closed_span(const struct calendar *cal,
    const struct send_window *w, time_t t, time_t *from, time_t *until);

/* When a notice falling on `day` is sent: w->from on that day, held to the
 * next open window when that is outside one. */
time_t calendar_trigger(const struct calendar *cal, const struct send_window *w, int day);

/* The day n working days after `day` (n >= 0). */
int calendar_add_workdays(const struct calendar *cal, const struct send_window *w, int day, int n);
/* The day n working days before `day` (n >= 0; with n 0, `day`
 * itself). */
int calendar_back_workdays(const struct calendar *cal, const struct send_window *w, int day, int n);

#endif
