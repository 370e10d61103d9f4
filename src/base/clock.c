/* clock: instants, the configured zone and local days.  The zone is set
 * through TZ once (and on reload) so that localtime_r and mktime speak
 * the configured IANA zone whatever the host's zone is. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/date.h"

static time_t pin_start;	/* --now instant, 0 when not pinned */
static struct timespec pin_mono;
/* Counts changes of zone (clock_local_time's cache keys on it). */
static _Atomic unsigned zone_gen;

bool
clock_zone_exists(const char *zone)
{
	const char *dir = getenv("TZDIR");
	char path[PATH_MAX], magic[4];
	ssize_t n;
	int fd;

	/* glibc falls back to UTC for a zone it cannot find, silently:
	 * check that the zone file exists instead. */
	if (zone == NULL || *zone == '\0' || zone[0] == '/' ||
	    strstr(zone, "..") != NULL)
		return false;
	snprintf(path, sizeof(path), "%s/%s",
	    dir != NULL ? dir : "/usr/share/zoneinfo", zone);
	/* A readable path is not enough: "Asia" is a folder and "zone.tab"
	 * a table, and glibc would use UTC for both.  A zone is a TZif file
	 * (RFC 8536, sect. 3.1: the magic "TZif"). */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	n = read(fd, magic, sizeof(magic));
	close(fd);
	return n == (ssize_t)sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
}

bool
clock_set_zone(const char *zone)
{
	if (!clock_zone_exists(zone) || setenv("TZ", zone, 1) != 0)
		return false;
	tzset();
	zone_gen++;
	return true;
}

/* The instant of a local time in the configured zone. */
static time_t
local_instant(int y, int mo, int d, int h, int mi, int sec)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;	/* let the zone's rules decide */
	return mktime(&tm);
}

/* Parse exactly n digits at *p into *v. */
static bool
digits(const char **p, int n, int *v)
{
	*v = 0;
	while (n-- > 0) {
		if (**p < '0' || **p > '9')
			return false;
		*v = *v * 10 + (*(*p)++ - '0');
	}
	return true;
}

bool
clock_parse(const char *s, time_t *t)
{
	int y, mo, d, h, mi, sec = 0, oh = 0, om = 0, sign = 0;
	const char *p = s;

	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) ||
	    *p++ != '-' || !digits(&p, 2, &d) || (*p != 'T' && *p != ' '))
		return false;
	p++;
	if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
		return false;
	if (*p == ':' && (p++, !digits(&p, 2, &sec)))
		return false;
	if (*p == 'Z') {
		sign = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '+' ? 1 : -1;
		if (!digits(&p, 2, &oh))
			return false;
		if (*p == ':')
			p++;
		if (!digits(&p, 2, &om) || oh > 14 || om > 59)
			return false;
	}
	if (*p != '\0' || !date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 60)
		return false;
	if (sign != 0) {
		*t = (time_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 +
		    mi * 60 + sec - sign * (oh * 3600 + om * 60);
		return true;
	}
	*t = local_instant(y, mo, d, h, mi, sec);
	return *t != (time_t)-1;
}

void
clock_pin(time_t start)
{
	pin_start = start;
	clock_gettime(CLOCK_MONOTONIC, &pin_mono);
}

time_t
clock_now(void)
{
	struct timespec ts;

	/* Not time(): it may read the coarse clock, a tick behind the one
	 * timers fire by. */
	if (pin_start == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		return ts.tv_sec;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return pin_start + (ts.tv_sec - pin_mono.tv_sec);
}

clockid_t
clock_timer_id(void)
{
	return pin_start == 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC;
}

struct timespec
clock_timer_at(time_t at)
{
	struct timespec ts = { at, 0 };

	/* A pinned clock's seconds turn with the monotonic clock's, which
	 * no setting of the system clock moves. */
	if (pin_start != 0)
		ts.tv_sec = pin_mono.tv_sec + (at - pin_start);
	/* Long past: at once (a zero would disarm a timer). */
	if (ts.tv_sec <= 0)
		ts = (struct timespec){ 0, 1 };
	return ts;
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_boot_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_jump(time_t t0, int64_t ms0, time_t t1, int64_t ms1)
{
	/* Whole seconds: the wall readings have no more. */
	return (int64_t)(t1 - t0) - (ms1 - ms0) / 1000;
}

int64_t
clock_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A key's slot in a cache of n (a power of two) entries, by Fibonacci
 * hashing: keys a day apart (1440 minutes) would fall on a 32nd of the
 * slots taken modulo n. */
static size_t
cache_slot(int64_t key, size_t n)
{
	return (size_t)(((uint64_t)key * UINT64_C(0x9E3779B97F4A7C15)) >>
	    (64 - __builtin_ctzll(n)));
}

/* What a pass needs of the zone, a day at a time: a local day's first
 * instant and, when its offset from UTC holds all day (every day but a
 * change to or from summer time), each of its local times by arithmetic.
 * A pass asks a million times; mktime and localtime_r take the zone's
 * lock, and past a zone's last transition glibc parses its TZ rule
 * (with sscanf) on every call.  Cached by day, per thread (the web
 * server's thread renders dates too); a change of zone empties it. */
#define DAY_CACHE 4096		/* eleven years of days */
static __thread struct {
	time_t start;		/* the day's first instant */
	int day;
	bool even;		/* one offset all day: h:m is start + h:m */
	unsigned zone;		/* zone_gen when it was filled */
} day_cache[DAY_CACHE];

static size_t
day_entry(int day)
{
	size_t i = cache_slot(day, DAY_CACHE);
	time_t next, last;
	struct tm a, b;
	int y, mo, d;

	if (day_cache[i].zone == zone_gen && day_cache[i].day == day)
		return i;
	date_to_ymd(day, &y, &mo, &d);
	day_cache[i].start = local_instant(y, mo, d, 0, 0, 0);
	date_to_ymd(day + 1, &y, &mo, &d);
	next = local_instant(y, mo, d, 0, 0, 0);
	last = next - 1;
	localtime_r(&day_cache[i].start, &a);
	localtime_r(&last, &b);
	day_cache[i].even = next - day_cache[i].start == 86400 &&
	    a.tm_gmtoff == b.tm_gmtoff && a.tm_hour == 0 && a.tm_min == 0 &&
	    a.tm_sec == 0;
	day_cache[i].day = day;
	day_cache[i].zone = zone_gen;
	return i;
}

time_t
clock_local_time(int day, int h, int m)
{
	size_t i = day_entry(day);
	int y, mo, d;

	if (day_cache[i].even && h >= 0 && m >= 0 && h * 60 + m < 1440)
		return day_cache[i].start + h * 3600 + m * 60;
	/* A day the offset changes (a time in its gap or its overlap is
	 * mktime's to decide), or a time past the day's end. */
	date_to_ymd(day, &y, &mo, &d);
	return local_instant(y, mo, d, h, m, 0);
}

int
clock_local_day(time_t t)
{
	/* A zone is less than a day from UTC: t's local day is its UTC
	 * day or one either side. */
	int u = (int)(t >= 0 ? t / 86400 : (t - 86399) / 86400), day;

	for (day = u - 1; day <= u + 1; day++)
		if (t >= day_cache[day_entry(day)].start &&
		    t < day_cache[day_entry(day + 1)].start)
			return day;
	return u;	/* not reached for a zone within a day of UTC */
}

void
clock_format(time_t t, char *out, size_t len)
{
	struct tm tm;
	long off;
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(out, len, "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(out + n, len - n, "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 60, labs(off) % 60);
}
