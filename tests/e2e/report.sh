#!/usr/bin/env bash
# The periodic report (情况通报, issue 18): the seed plan with the
# sample's sixteen-city groups, the 2021 holiday calendar, a weekly report
# on Fridays at 16:00 to a supervisor's address (a real SMTP server) and
# a DingTalk robot (a real HTTP receiver), the units on Maildirs.  A pass
# before 16:00 sends none; the one at 16:00 sends it to those two only,
# once; its figures match `deadlinectl ledger --format json`, its XLSX
# opens with openpyxl; a holiday Friday (2021-01-01) moves it to the next
# working day (Monday 01-04); the National Day week's Friday (10-01) is
# merged into 10-08's; `report --dry-run` prints without recording.
. "$(dirname "$0")/../lib.sh"

start_peer smtp smtp_server.py --maildir "$T/smtp"
SMTP=$PORT
start_peer hook webhook_server.py --log "$T/hook.log"
HOOK=$PORT
BASE=http://deadlined.example.org
HTTP=$(free_port)
{
    cat <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none";
            calendar = [ "$TOP/tests/data/holidays-2021.conf" ]; };
http: { listen = "127.0.0.1:$HTTP"; public_url = "$BASE"; };
smtp: { url = "smtp://127.0.0.1:$SMTP"; starttls = false; from = "deadlined@example.org"; };
maildir = "$T/mail";
admin: { maildir = "$T/admin"; };
supervisors: { maildir = "$T/sup"; };
reports = ( { name = "weekly"; every = "week"; day = "fri"; at = "16:00";
              to = { email = [ "duban@example.org" ];
                     webhook = ( { type = "dingtalk";
                                   url = "http://127.0.0.1:$HOOK/robot/send?access_token=t0k3n"; } ); }; } );
CONF
    sed -n '/^units = (/,$p' "$TOP/etc/deadlined.conf"
} >"$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
CHECK="$TOP/tests/report_check.py"
run() { "$DAEMON" -c "$T/d.conf" --once --now "$1" 2>>"$T/daemon.log"; }
mails() { ls "$T/smtp"/*.eml 2>/dev/null | wc -l; }
posts() { [ -f "$T/hook.log" ] && wc -l <"$T/hook.log" || echo 0; }
reported() { grep -rl "情况通报\|=?UTF-8?B?44CQ5oOF5Ya16YCa5oql" "$T/mail" "$T/admin" "$T/sup" 2>/dev/null | wc -l; }

# The dry run: HTML on stdout, nothing recorded, no other format.
"$CTL" -c "$T/d.conf" --now 2021-10-08T16:00:00+08:00 report --dry-run >"$T/dry.html"
like "the dry run prints the report's HTML" '<table[^>]*id="units"' "$(cat "$T/dry.html")"
is "the dry run records nothing" 0 "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from report_run").fetchone()[0])' "$T/d.db")"
like "--format text: the text part" '^【情况通报】截至 2021-10-08' "$("$CTL" -c "$T/d.conf" --now 2021-10-08T16:00:00+08:00 report --dry-run --format text | head -1)"
status_is "report without --dry-run is a usage error" 64 "$CTL" -c "$T/d.conf" report
status_is "an unknown --name is a config error" 78 "$CTL" -c "$T/d.conf" report --dry-run --name monthly
# plans = [ ID ]: the plans a report covers, its link filtered to one.
sed 's/name = "weekly";/name = "weekly"; plans = [ 2 ];/' "$T/d.conf" >"$T/p2.conf"
sed 's/name = "weekly";/name = "weekly"; plans = [ 1 ];/' "$T/d.conf" >"$T/p1.conf"
like "a report of a plan that is not there counts nothing" '^【情况通报】截至 2021-10-08：0 项事项' \
    "$("$CTL" -c "$T/p2.conf" --now 2021-10-08T16:00:00+08:00 report --dry-run --format text | head -1)"
like "check-config warns of it, at the report's line" \
    "^$T/p2.conf:[0-9]+: warning: reports\[0\]\.plans: no plan 2 in the database" \
    "$("$CTL" -c "$T/p2.conf" check-config 2>&1 >/dev/null)"
unlike "and not of a plan that is there" "reports\[0\]\.plans" \
    "$("$CTL" -c "$T/p1.conf" check-config 2>&1 >/dev/null)"
md=$("$CTL" -c "$T/p1.conf" --now 2021-10-08T16:00:00+08:00 report --dry-run --format markdown)
like "one of plan 1 counts its items, and links its ledger" "^### 【情况通报】截至 2021-10-08：[1-9][0-9]* 项事项.*\($BASE/ledger.xlsx\?plan=1\)" "$(printf '%s' "$md" | tr '\n' ' ')"

# 2021-01-01 is a Friday and a holiday: no report that day; on Monday
# 01-04 (the next working day), at 16:00, the report of 01-01.
run 2021-01-01T16:00:00+08:00
is "holiday Friday 16:00: no report" "0 0" "$(mails) $(posts)"
run 2021-01-04T15:59:00+08:00
is "the next working day before 16:00: none yet" "0 0" "$(mails) $(posts)"
run 2021-01-04T16:00:00+08:00
is "the next working day at 16:00: one mail, one robot post" "1 1" "$(mails) $(posts)"
like "it is the slot of 01-01" '^weekly\|18628$' "$("$PY" -c 'import sqlite3,sys; print("\n".join("%s|%d" % r for r in sqlite3.connect(sys.argv[1]).execute("select report, slot from report_run")))' "$T/d.db")"
# Counted from here on (the receivers keep their files).
m0=$(mails) p0=$(posts)
mails() { echo $(( $(ls "$T/smtp"/*.eml 2>/dev/null | wc -l) - m0 )); }
posts() { echo $(( $(wc -l <"$T/hook.log") - p0 )); }

# National Day week: 10-01 (a Friday holiday) moves to 10-08, which is
# that week's Friday slot itself: one report at 10-08 16:00, not two.
run 2021-10-01T16:00:00+08:00
run 2021-10-08T15:59:00+08:00
is "before 16:00 on Friday: no report (the units had their notices)" "0 0" "$(mails) $(posts)"
ok "the units' notices went to their Maildir" test -n "$(ls "$T/mail/new")"
run 2021-10-08T16:00:00+08:00
is "Friday 16:00: one mail and one robot post" "1 1" "$(mails) $(posts)"
is "to its recipients only: the supervisor's address, each time" '["duban@example.org", "duban@example.org"]' \
    "$("$PY" -c 'import json,glob,sys; print(json.dumps([r for f in sorted(glob.glob(sys.argv[1]+"/*.json")) for r in json.load(open(f))["rcpt_tos"]]))' "$T/smtp")"
is "no unit, admin or supervisors' Maildir got it" 0 "$(reported)"
run 2021-10-08T16:05:00+08:00
is "a second pass in the slot sends nothing more" "1 1" "$(mails) $(posts)"

"$CTL" -c "$T/d.conf" --now 2021-10-08T16:00:00+08:00 ledger --format json >"$T/l.json"
eml=$(ls -t "$T/smtp"/*.eml | head -1)
like "the figures match the ledger and the XLSX has its rows" '^[0-9]+$' "$("$PY" "$CHECK" mail "$eml" "$T/l.json" 2>&1)"
like "what changed since 01-04's report" '上期：2021-01-01' "$("$PY" -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(next(m.iter_parts()).get_body(("plain",)).get_content())' "$eml")"
ok "the robot gets a summary with the ledger's link" "$PY" "$CHECK" robot "$T/hook.log" "$BASE/ledger.xlsx"
unlike "the robot's token is in no log line" 't0k3n' "$(cat "$T/daemon.log")"

# The running daemon wakes for the next slot: started at Friday 10-15
# 15:59:50 (its clock runs on from there), it sends nothing at once and
# the report at 16:00.
"$DAEMON" -c "$T/d.conf" --now 2021-10-15T15:59:50+08:00 2>>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
sleep 3
is "the running daemon: nothing before 16:00" "1 1" "$(mails) $(posts)"
for _ in $(seq 200); do [ "$(mails) $(posts)" = "2 2" ] && break; sleep 0.1; done
is "it wakes at 16:00 and sends the report" "2 2" "$(mails) $(posts)"
kill -TERM "$daemon"; wait "$daemon"
is "two slots made of this report, and 01-01's" "18628 18908 18915" "$("$PY" -c 'import sqlite3,sys; print(" ".join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("select slot from report_run order by slot")))' "$T/d.db")"

# A report's mail refused for good (an unknown mailbox) is marked failed;
# with the address fixed, `deadlinectl retry ID` queues it again to the
# new one, and the next pass sends it there.
start_peer smtp2 smtp_server.py --maildir "$T/smtp2" --unknown gone@example.org
sed -e "s/127.0.0.1:$SMTP/127.0.0.1:$PORT/" -e "s/duban@example.org/gone@example.org/" "$T/d.conf" >"$T/r2.conf"
sed -e "s/gone@example.org/duban2@example.org/" "$T/r2.conf" >"$T/r3.conf"
"$DAEMON" -c "$T/r2.conf" --once --now 2021-10-22T16:00:00+08:00 2>>"$T/daemon.log"
failed=$("$CTL" -c "$T/r2.conf" outbox --json --state failed | "$PY" -c '
import json, sys
print(" ".join(str(m["id"]) for m in json.load(sys.stdin) if m["unit"] == "weekly"))')
like "the report's mail to an unknown mailbox failed for good" '^[0-9]+$' "$failed"
ok "admin is told, naming the report, its address and the command to send it again" "$PY" -c '
import email, email.policy, glob, sys
ms = [email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
      for f in glob.glob(sys.argv[1] + "/new/*")]
ms = [m for m in ms if "情况通报未能送达" in str(m["Subject"])]
assert len(ms) == 1, [str(m["Subject"]) for m in ms]
t = ms[0].get_body(("plain",)).get_content()
assert str(ms[0]["Subject"]) == "【投递失败】weekly：邮件情况通报未能送达", ms[0]["Subject"]
assert "情况通报：weekly" in t and "gone@example.org" in t and "deadlinectl retry " + sys.argv[2] in t, t
assert "该提醒所含事项" not in t, t' "$T/admin" "$failed"
is "retry queues it again to the fixed address" \
    "message $failed (weekly, email): queued again to duban2@example.org (was gone@example.org)" \
    "$("$CTL" -c "$T/r3.conf" --now 2021-10-22T16:05:00+08:00 retry "$failed" 2>&1)"
"$DAEMON" -c "$T/r3.conf" --once --now 2021-10-22T16:06:00+08:00 2>>"$T/daemon.log"
is "the next pass sends it there, the same report" '["duban2@example.org"]' \
    "$("$PY" -c 'import json,glob,sys; print(json.dumps([r for f in sorted(glob.glob(sys.argv[1]+"/*.json")) for r in json.load(open(f))["rcpt_tos"]]))' "$T/smtp2")"
like "with its workbook" '^[0-9]+$' "$("$CTL" -c "$T/r3.conf" --now 2021-10-22T16:00:00+08:00 ledger --format json >"$T/l2.json"; "$PY" "$CHECK" mail "$(ls "$T/smtp2"/*.eml)" "$T/l2.json" 2>&1)"

# Held like any notice: a report at 20:00, after the send window
# (09:00-17:30), is made at 20:00 and waits for the window's next
# opening, Monday 11-01 09:00 (10-30 and 10-31 are a weekend).
sed -e 's/name = "weekly"/name = "evening"/' -e 's/at = "16:00"/at = "20:00"/' \
    -e "s|to = { email = \[ \"duban@example.org\" \];|to = { maildir = \"$T/eve\";|" \
    -e '/webhook = ( { type = "dingtalk";/,/access_token=t0k3n"; } ); }; } );/c\      }; } );' \
    "$T/d.conf" >"$T/r4.conf"
"$DAEMON" -c "$T/r4.conf" --once --now 2021-10-29T20:00:00+08:00 2>>"$T/daemon.log"
is "20:00: the report is made, and held" "0 queued" \
    "$(ls "$T/eve/new" 2>/dev/null | wc -l) $("$CTL" -c "$T/r4.conf" outbox --json | "$PY" -c '
import json, sys
print(" ".join(m["state"] for m in json.load(sys.stdin) if m["unit"] == "evening"))')"
"$DAEMON" -c "$T/r4.conf" --once --now 2021-11-01T08:59:00+08:00 2>>"$T/daemon.log"
is "still held before the window opens" 0 "$(ls "$T/eve/new" 2>/dev/null | wc -l)"
"$DAEMON" -c "$T/r4.conf" --once --now 2021-11-01T09:00:00+08:00 2>>"$T/daemon.log"
is "sent when it opens, once" 1 "$(ls "$T/eve/new" 2>/dev/null | wc -l)"
like "the held report is 10-29's" '【情况通报】截至 2021-10-29' "$("$PY" -c '
import email, email.policy, glob, sys
m = email.message_from_binary_file(open(glob.glob(sys.argv[1] + "/new/*")[0], "rb"), policy=email.policy.default)
print(m["Subject"])' "$T/eve")"

# The same report to a Feishu and a WeCom robot: each gets the summary
# in its own form (Feishu's card, WeCom's markdown), with the link.
sed -e 's/name = "weekly"/name = "robots"/' \
    -e "s|to = { email = \[ \"duban@example.org\" \];|to = {|" \
    -e "s|webhook = ( { type = \"dingtalk\";|webhook = ( { type = \"feishu\"; url = \"http://127.0.0.1:$HOOK/open-apis/bot/v2/hook/f00\"; }, { type = \"wecom\";|" \
    -e "s|url = \"http://127.0.0.1:$HOOK/robot/send?access_token=t0k3n\"; } ); }; } );|url = \"http://127.0.0.1:$HOOK/cgi-bin/webhook/send?key=k3y\"; } ); }; } );|" \
    "$T/d.conf" >"$T/r5.conf"
grep -q 'type = "feishu"' "$T/r5.conf" && grep -q 'type = "wecom"' "$T/r5.conf" || _report 1 "the robots' configuration was written"
n0=$(wc -l <"$T/hook.log")
"$DAEMON" -c "$T/r5.conf" --once --now 2021-11-05T16:00:00+08:00 2>>"$T/daemon.log"
is "Friday 16:00: one post to each robot" 2 "$(( $(wc -l <"$T/hook.log") - n0 ))"
tail -n +$((n0 + 1)) "$T/hook.log" >"$T/robots.log"
ok "Feishu: an interactive card, the summary with the ledger's link" "$PY" "$CHECK" robot "$T/robots.log" "$BASE/ledger.xlsx" /open-apis/
ok "WeCom: markdown, the summary with the ledger's link" "$PY" "$CHECK" robot "$T/robots.log" "$BASE/ledger.xlsx" /cgi-bin/

done_testing
