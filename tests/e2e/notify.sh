#!/usr/bin/env bash
# sd_notify, with the test playing systemd: READY=1 soon after start,
# WATCHDOG=1 within the interval, RELOADING=1 (with MONOTONIC_USEC) then
# READY=1 on SIGHUP, even when the new configuration is broken (the old
# one is kept), STOPPING=1 and exit 0 on SIGTERM.
. "$(dirname "$0")/../lib.sh"

"$PY" "$TOP/tests/peers/notify_listener.py" "$T/notify.sock" "$T/notify.log" &
pids+=($!)
for _ in $(seq 100); do [ -e "$T/notify.log.ready" ] && break; sleep 0.05; done
printf 'database = "%s/d.db";\nmaildir = "%s/mail";\nhttp: { listen = "127.0.0.1:%s"; };\n' "$T" "$T" "$(free_port)" >"$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null

NOTIFY_SOCKET="$T/notify.sock" WATCHDOG_USEC=1000000 \
    "$DAEMON" -c "$T/d.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/log" &
daemon=$!
pids+=($daemon)
wait_for() { for _ in $(seq 20); do grep -q "$1" "$T/notify.log" && return 0; sleep 0.05; done; return 1; }
ok "READY=1 within a second" wait_for 'READY=1'
ok "a STATUS= line after the first pass" wait_for 'STATUS=.*queued'
sleep 1.2
is "WATCHDOG=1 at least once a half interval (>= 2 in 1.2 s)" yes \
    "$([ "$(grep -c 'WATCHDOG=1' "$T/notify.log")" -ge 2 ] && echo yes)"

echo 'schedule: { lead_days = "x"; };' >>"$T/d.conf"
kill -HUP "$daemon"
ok "RELOADING=1 with MONOTONIC_USEC on SIGHUP" wait_for 'RELOADING=1|MONOTONIC_USEC=[0-9]'
sleep 0.3
is "then READY=1 again" 2 "$(grep -c 'READY=1' "$T/notify.log")"
ok "a broken configuration keeps the daemon running" kill -0 "$daemon"

kill -TERM "$daemon"
wait "$daemon"; rc=$?
is "SIGTERM: exit 0" 0 "$rc"
ok "STOPPING=1 on SIGTERM" grep -q 'STOPPING=1' "$T/notify.log"

done_testing
