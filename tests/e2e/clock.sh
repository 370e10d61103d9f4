#!/usr/bin/env bash
# A wrong clock (issue 15): a pass at a clock that ran ahead
# (2021-09-01) records the notices it finds past as skipped; a later
# pass back at the true time (2021-06-23) must still send the notices
# current then.  A notice is skipped only relative to a pass's clock.
# Database A has the pass ahead, then passes at 06-23 and 06-29; database
# B only the true ones: each true pass of A sends exactly what B's sends,
# the 06-23 lead notices (7 days before 6月底前) among them, and nothing
# goes out twice.  Then the daemon's own guard: its system clock (shifted
# for it alone) jumps six weeks ahead: a warning with both times, and no
# overdue notice or escalation that only the jump made due; set right
# within the hour, none is ever recorded.  test_engine checks that they
# are recorded when the hour is out.
. "$(dirname "$0")/../lib.sh"

AHEAD=2021-09-01T10:00:00+08:00
TRUE1=2021-06-23T10:00:00+08:00
TRUE2=2021-06-29T10:00:00+08:00

for db in a b; do
    sed -e "s|127.0.0.1:8470|127.0.0.1:$(free_port)|" \
        -e "s|\"holidays\"|\"$TOP/etc/holidays\"|" \
        -e "s|\"var/mail\"|\"$T/mail-$db\"|" \
        -e "s|/var/lib/deadlined/deadlined.db|$T/$db.db|" "$TOP/etc/deadlined.conf" >"$T/$db.conf"
    "$CTL" -c "$T/$db.conf" import "$SEED" >/dev/null
done

out=$("$DAEMON" -c "$T/a.conf" --once --now "$AHEAD" 2>&1)
is "a: the pass ahead (09-01) exits 0" 0 "$?"
like "a: it records the notices it finds past as skipped" 'pass: [0-9]+ new notice\(s\), [1-9][0-9]* skipped' "$out"
for t in "$TRUE1" "$TRUE2"; do
    "$DAEMON" -c "$T/a.conf" --once --now "$t" >>"$T/a.log" 2>&1
    is "a: the pass at $t exits 0" 0 "$?"
    "$DAEMON" -c "$T/b.conf" --once --now "$t" >>"$T/b.log" 2>&1
    is "b: the pass at $t exits 0" 0 "$?"
done

# sent DB TIME: the notices (measure, unit, due, stage, step) carried by
# the messages sent by the pass at TIME, one a line, sorted.  A pinned
# clock runs on from --now, so the pass may stamp a second or two later
# (start-up across a second's edge): the passes are days apart.
sent() {
    "$PY" - "$T/$1.db" "$2" <<'PY'
import datetime, sqlite3, sys
t = int(datetime.datetime.fromisoformat(sys.argv[2]).timestamp())
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT n.measure_id, n.unit, n.due, n.stage, n.step "
    "FROM notice n JOIN message_notice mn ON mn.notice_id = n.id "
    "JOIN message m ON m.id = mn.message_id "
    "WHERE m.state = 'sent' AND m.created_at BETWEEN ? AND ?", (t, t + 600))
for r in sorted(set(rows)):
    print("|".join(map(str, r)))
PY
}
# same WHAT WANT GOT: the two lists are equal (the first lines of their
# diff when not).
same() {
    ok "$1" bash -c 'diff <(printf "%s\n" "$1") <(printf "%s\n" "$2") | head -20
        exit "${PIPESTATUS[0]}"' _ "$2" "$3"
}
a1=$(sent a "$TRUE1"); b1=$(sent b "$TRUE1")
a2=$(sent a "$TRUE2"); b2=$(sent b "$TRUE2")
echo "# sent at 06-23: $(grep -c . <<<"$b1") notices; at 06-29: $(grep -c . <<<"$b2")"
like "b: the 06-23 pass sends the 7-day lead notices of 6月底前" '\|2021-06-30\|lead\|7$' "$b1"
same "a: after the pass ahead, the 06-23 pass sends what it sends on a true clock" "$b1" "$a1"
like "b: the 06-29 pass sends the 1-day lead notices" '\|2021-06-30\|lead\|1$' "$b2"
same "a: and so does its 06-29 pass" "$b2" "$a2"
is "a: no notice went out in two sent messages" "" "$("$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for r in db.execute("SELECT mn.notice_id FROM message_notice mn JOIN message m "
        "ON m.id = mn.message_id WHERE m.state = \"sent\" GROUP BY mn.notice_id "
        "HAVING count(*) > 1"):
    print(r[0])' "$T/a.db")"
is "a: the outbox has nothing left to send" "0" \
    "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM message WHERE state NOT IN (\"sent\", \"skipped\")").fetchone()[0])' "$T/a.db")"
unlike "nothing went wrong" 'warning|failed' "$(cat "$T/a.log" "$T/b.log")"

# --- The daemon's guard.  A shim (LD_PRELOAD) shifts what the daemon reads
# of the system clock (time, clock_gettime CLOCK_REALTIME) by the seconds
# in $T/offset, and its absolute timer back by as much, so that its clock
# can be set under it without touching the machine's.  A SIGHUP (a reload
# makes a pass) has the daemon look at the moved clock.
cat >"$T/fakeclock.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <time.h>

static long
offset(void)
{
	const char *p = getenv("FAKE_CLOCK_FILE");
	long v = 0;
	FILE *f;

	if (p != NULL && (f = fopen(p, "r")) != NULL) {
		if (fscanf(f, "%ld", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	static int (*real)(clockid_t, struct timespec *);
	int rc;

	if (real == NULL)
		real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
	rc = real(id, ts);
	if (rc == 0 && id == CLOCK_REALTIME)
		ts->tv_sec += offset();
	return rc;
}

time_t
time(time_t *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t != NULL)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int
timerfd_settime(int fd, int flags, const struct itimerspec *n, struct itimerspec *o)
{
	static int (*real)(int, int, const struct itimerspec *, struct itimerspec *);
	struct itimerspec v = *n;

	if (real == NULL)
		real = (int (*)(int, int, const struct itimerspec *, struct itimerspec *))dlsym(RTLD_NEXT, "timerfd_settime");
	if ((flags & TFD_TIMER_ABSTIME) && (v.it_value.tv_sec || v.it_value.tv_nsec))
		v.it_value.tv_sec -= offset();
	return real(fd, flags, &v, o);
}
C
cc -shared -fPIC -o "$T/fakeclock.so" "$T/fakeclock.c" -ldl
is "the clock shim builds" 0 "$?"

# set_clock ISO: the daemon's clock reads ISO from now on.  The offset
# is written aside and renamed over the old one: the shim reads the file
# at every clock_gettime, and a file caught truncated reads as offset 0,
# today's real clock (a jump ahead the test did not make, seen on a
# loaded CI machine).
set_clock() {
    "$PY" -c 'import datetime, sys, time
print(int(datetime.datetime.fromisoformat(sys.argv[1]).timestamp() - time.time()))' "$1" >"$T/offset.new" &&
        mv "$T/offset.new" "$T/offset"
}
# passes: how many passes the daemon's log shows.
passes() { grep -c ' pass: ' "$T/c.log"; }
# wait_pass N: until the log shows N passes (10 s at most).
wait_pass() {
    for _ in $(seq 100); do [ "$(passes)" -ge "$1" ] && return 0; sleep 0.1; done
    return 1
}
# count_notices SQL-CONDITION
count_notices() {
    "$PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM notice WHERE " + sys.argv[2]).fetchone()[0])' "$T/c.db" "$1"
}

sed -e "s|127.0.0.1:8470|127.0.0.1:$(free_port)|" \
    -e "s|\"holidays\"|\"$TOP/etc/holidays\"|" \
    -e "s|\"var/mail\"|\"$T/mail-c\"|" \
    -e "s|/var/lib/deadlined/deadlined.db|$T/c.db|" "$TOP/etc/deadlined.conf" >"$T/c.conf"
"$CTL" -c "$T/c.conf" import "$SEED" >/dev/null
set_clock 2021-06-01T10:00:00+08:00
FIRST=1622512800	# 2021-06-01T10:00:00+08:00
# A sanitizer build's runtime must come first.
asan=$(ldd "$DAEMON" | awk '/libasan/ { print $3 }')
LD_PRELOAD="${asan:+$asan }$T/fakeclock.so" FAKE_CLOCK_FILE="$T/offset" \
    "$DAEMON" -c "$T/c.conf" 2>"$T/c.log" &
daemon=$!
pids+=("$daemon")
ok "c: the daemon's first pass, at 06-01" wait_pass 1
sleep 1
is "c: it sent lead notices" 1 "$(( $(count_notices "stage = 'lead' AND current = 1") > 0 ))"

# Six weeks ahead: the 06-30 items are overdue and the 06-01 notices'
# escalations due (two working days later), but only by the jump.
set_clock 2021-07-12T10:00:00+08:00
kill -HUP "$daemon"
ok "c: a pass after the jump to 07-12" wait_pass 2
sleep 1
like "c: the jump is a warning with both times" \
    'the system clock jumped ahead: it reads 2021-07-12T10:00:[0-9]{2}\+08:00, the monotonic clock puts it at 2021-06-01T10:00:[0-9]{2}\+08:00 \([0-9]+ s behind\); overdue notices and escalations due only since then wait until 2021-07-12T11:00:[0-9]{2}\+08:00' \
    "$(cat "$T/c.log")"
is "c: no overdue notice or escalation due after 06-01 recorded at the jumped clock" 0 \
    "$(count_notices "stage IN ('overdue', 'escalation') AND trigger_at > $FIRST")"

# The clock set right before the hour is out: nothing of that sent.
set_clock 2021-06-01T10:05:00+08:00
kill -HUP "$daemon"
ok "c: a pass after the clock was set right" wait_pass 3
sleep 1
is "c: still no overdue notice or escalation" 0 \
    "$(count_notices "stage IN ('overdue', 'escalation') AND trigger_at > $FIRST")"
is "c: one warning, for the jump ahead only" 1 "$(grep -c 'jumped' "$T/c.log")"
kill "$daemon"; wait "$daemon" 2>/dev/null

done_testing
