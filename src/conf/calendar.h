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

/* Load a holiday file (libconfig):
 *   holidays = [ "2021-01-01", "2021-02-11", ... ];
 *   workdays = [ "2021-02-07", ... ];     # make-up working days
 * Errors "FILE:LINE: message", EXIT_CONFIG. */
int calendar_load(const char *path, struct calendar **out, struct error *err) WARN_UNUSED_RESULT;
void calendar_free(struct calendar *cal);

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

#endif
