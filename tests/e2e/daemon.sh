#!/usr/bin/env bash
# The daemon's loop: it sleeps until the next trigger and sends then (no
# polling), keeps its configuration when a reload is invalid, stops
# cleanly on SIGTERM.
. "$(dirname "$0")/../lib.sh"

"$PY" "$TOP/tests/peers/smtp_server.py" --port-file "$T/smtp.port" --maildir "$T/smtp" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$T/smtp.port" ] && break; sleep 0.05; done
cat >"$T/d.conf" <<CONF
database = "$T/d.db";
http: { listen = "127.0.0.1:$(free_port)"; };
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$(cat "$T/smtp.port")"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
admin: { maildir = "$T/admin"; };
$(seed_units)
CONF
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
mails() { ls "$T/smtp" 2>/dev/null | grep -c '\.eml$'; }

# Two seconds before the 09:00 trigger of the 7-day notices.
"$DAEMON" -c "$T/d.conf" --now 2021-06-23T08:59:58+08:00 2>"$T/log" &
daemon=$!
pids+=($daemon)
sleep 1
is "before the trigger nothing is sent" 0 "$(mails)"
for _ in $(seq 80); do [ "$(mails)" -ge 4 ] && break; sleep 0.1; done
is "at the trigger the four digests go out" 4 "$(mails)"
like "the daemon slept until the trigger" 'message queued for' "$(cat "$T/log")"

cp "$T/d.conf" "$T/good.conf"
echo 'schedule: { lead_days = "seven"; };' >>"$T/d.conf"
kill -HUP "$daemon"
for _ in $(seq 50); do grep -q 'reload failed' "$T/log" && break; sleep 0.1; done
like "an invalid reload is reported with FILE:LINE" "$T/d.conf:[0-9]+: " "$(cat "$T/log")"
like "and the old configuration kept" 'reload failed; keeping the old configuration' "$(cat "$T/log")"
ok "the daemon still runs" kill -0 "$daemon"
cp "$T/good.conf" "$T/d.conf"
kill -HUP "$daemon"
for _ in $(seq 50); do grep -q 'configuration reloaded' "$T/log" && break; sleep 0.1; done
like "a valid reload takes over" 'configuration reloaded' "$(cat "$T/log")"
is "a reload sends nothing twice" 4 "$(mails)"

kill -TERM "$daemon"
wait "$daemon"; rc=$?
is "SIGTERM: exit 0" 0 "$rc"
like "SIGTERM: a clean stop is logged" 'stopping on signal 15' "$(cat "$T/log")"

done_testing
