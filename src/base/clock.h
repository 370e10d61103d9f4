/* clock: instants and local days.  Time is an input: nothing here reads
 * the system clock except clock_now; the zone is the configured IANA
 * zone, never the host's by accident. */
#ifndef DEADLINED_CLOCK_H
#define DEADLINED_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Whether the IANA zone is installed (glibc would silently use UTC). */
bool clock_zone_exists(const char *zone);
/* Use the IANA zone (e.g. "Asia/Shanghai") for every local-time
 * computation from now on.  False when the zone is not installed. */
bool clock_set_zone(const char *zone);

/* Parse an ISO 8601 instant: "YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM|±HHMM)", or
 * without an offset, local time in the configured zone. */
bool clock_parse(const char *s, time_t *t);

/* The system clock, or the --now instant advancing in real time. */
void clock_pin(time_t start);
time_t clock_now(void);
/* The clock clock_now() turns its seconds with: the system clock, or the
 * monotonic clock for a pinned one; and the instant on it, to the
 * nanosecond, at which clock_now() reads at.  What an absolute timer is
 * armed on and for, so that it never fires while clock_now() still reads
 * the second before, even while the system clock is being set (as a
 * virtual machine's may be, many times a second). */
clockid_t clock_timer_id(void);
struct timespec clock_timer_at(time_t at);
/* Milliseconds on the monotonic clock: for intervals, never dates. */
int64_t clock_mono_ms(void);
/* Milliseconds on the monotonic clock that counts a suspend too
 * (CLOCK_BOOTTIME): to tell a system clock that jumped from one that
 * went on while the machine slept. */
int64_t clock_boot_ms(void);
/* How far the system clock moved beyond what a monotonic clock measured
 * between two readings: the seconds the clock was set forward (negative:
 * back) from t0 (when the monotonic clock read ms0) to t1 (ms1). */
int64_t clock_jump(time_t t0, int64_t ms0, time_t t1, int64_t ms1);
/* Milliseconds since the epoch by the system clock: for timestamps that
 * peers check (webhook signatures), never for intervals. */
int64_t clock_wall_ms(void);

/* Day number (date.h) of instant t in the configured zone. */
int clock_local_day(time_t t);
/* Instant of local time h:m on day `day` in the configured zone. */
time_t clock_local_time(int day, int h, int m);

/* "YYYY-MM-DDTHH:MM:SS+08:00" into out (at least 32 bytes). */
void clock_format(time_t t, char *out, size_t len);

#endif
