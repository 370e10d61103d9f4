#!/usr/bin/env bash
# The send window (Monday to Friday, 09:00 to 17:30, with the 2026 holiday
# calendar): a message is sent inside it only.  One whose window has
# closed, new or a retry, waits for the next opening on a working day, and
# `outbox` says when (its next attempt); a pass at the opening sends it.
# A close in the middle of a fan-out stops it there.
# Against a real SMTP server (aiosmtpd), deadlined --once at pinned clocks,
# then the daemon itself sleeping until the opening.
. "$(dirname "$0")/../lib.sh"

start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
mails() { ls "$T/smtp" "$T/smtp2" 2>/dev/null | grep -c '\.eml$'; }

# write_conf NAME SMTP_PORT: database NAME.db, one unit with an address,
# only the due-day notice of each item.
write_conf() {
    cat >"$T/$1.conf" <<EOF
database = "$T/$1.db";
timezone = "Asia/Shanghai";
http: { listen = "127.0.0.1:$(free_port)"; };
schedule: { lead_days = [0]; overdue_max = 0; ongoing = "none";
  escalate_after_days = 0; calendar = "$TOP/etc/holidays/2026.conf"; };
smtp: { url = "smtp://127.0.0.1:$2"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
admin: { maildir = "$T/admin-$1"; };
units = ( { name = "法规处"; email = ["fg@example.org"]; } );
EOF
}
# setup NAME DEADLINE [SMTP_PORT]: a configuration and a 2026 plan of one
# measure of 法规处 due DEADLINE.
setup() {
    write_conf "$1" "${3:-$smtp_port}"
    printf 'task_no\tsection\ttask\tmeasure\tunits\tdeadline\n1\t一、测试\t窗口测试任务\t按期报送窗口测试材料。\t法规处\t%s\n' \
        "$2" >"$T/$1.tsv"
    "$CTL" -c "$T/$1.conf" import "$T/$1.tsv" --year 2026 >/dev/null
}
# once NAME TIME: deadlined --once at TIME; its log in $out, exit in $rc
# (124 when it has not finished within a minute).
once() { out=$(timeout 60 "$DAEMON" -c "$T/$1.conf" --once --now "$2" 2>&1); rc=$?; }
# queued NAME: each queued message of the outbox as "attempts next-attempt"
# (its ATTEMPTS and NEXT ATTEMPT columns, found by the header's names).
queued() {
    "$CTL" -c "$T/$1.conf" outbox | awk -F'\t' '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["STATE"] == "queued" { print $col["ATTEMPTS"], $col["NEXT ATTEMPT"] }'
}
state() { "$CTL" -c "$T/$1.conf" outbox --json | "$PY" -c 'import json,sys; print(" ".join(m["state"] for m in json.load(sys.stdin)))'; }

# Thursday evening: held until Friday's opening; a pass a second before
# sends nothing, the pass at it sends.
setup thu 11月26日前
once thu 2026-11-26T19:00:00+08:00
is "Thursday 19:00: --once exits 75 (a message waits)" 75 "$rc"
is "and no mail reaches the server" 0 "$(mails)"
like "the log says that it waits, and until when" \
    '1 message\(s\) wait for the send window, which opens at 2026-11-27T09:00:00\+08:00' "$out"
like "and --once says something waits" 'wait for a later attempt' "$out"
is "outbox: queued, never tried, next attempt Friday 09:00" "0 2026-11-27T09:00" "$(queued thu)"
once thu 2026-11-27T08:59:00+08:00
is "Friday 08:59: still nothing sent" "75 0" "$rc $(mails)"
once thu 2026-11-27T09:00:00+08:00
is "Friday 09:00: the pass at the opening sends it (exit 0)" "0 1" "$rc $(mails)"
is "outbox: sent" "sent" "$(state thu)"

# Friday evening and the weekend: Monday.
setup fri 11月27日前
once fri 2026-11-27T18:00:00+08:00
is "Friday 18:00: nothing sent" "75 1" "$rc $(mails)"
is "outbox: next attempt Monday 09:00" "0 2026-11-30T09:00" "$(queued fri)"
once fri 2026-11-28T10:00:00+08:00
is "Saturday 10:00: nothing sent" "75 1" "$(echo "$rc $(mails)")"
once fri 2026-11-30T09:00:00+08:00
is "Monday 09:00: sent" "0 2 sent" "$rc $(mails) $(state fri)"
# It counts the days from Monday, when it goes out, not from Friday.
body=$("$PY" - "$T/smtp" <<'PY'
import email, email.policy, glob, os, sys
f = max(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=os.path.getmtime)
print(email.message_from_binary_file(open(f, "rb"), policy=email.policy.default).get_body(("plain",)).get_content())
PY
)
like "the mail held over the weekend says where the item stands on Monday: 已逾期 3 天, as 催办" \
    '^【催办】.*■ 已逾期：1 项.*阶段：已逾期 3 天' "$(echo "$body" | tr -d '\n')"
unlike "not Friday's 今天到期" '今天到期' "$body"

# The eve of National Day: the holiday week (10-01 to 10-07) is skipped,
# weekday or not.
setup hol 9月30日前
once hol 2026-09-30T18:00:00+08:00
is "09-30 18:00: nothing sent" "75 2" "$rc $(mails)"
is "outbox: next attempt 10-08 09:00, after the holidays" "0 2026-10-08T09:00" "$(queued hol)"
once hol 2026-10-05T10:00:00+08:00
is "Monday 10-05 10:00, a holiday: nothing sent" "75 2" "$rc $(mails)"
once hol 2026-10-08T09:00:00+08:00
is "10-08 09:00: sent" "0 3 sent" "$rc $(mails) $(state hol)"

# A make-up working day (调休): Saturday 10-10 opens.
setup mkup 10月9日前
once mkup 2026-10-09T18:00:00+08:00
is "Friday 10-09 18:00: nothing sent" "75 3" "$rc $(mails)"
is "outbox: next attempt the make-up Saturday 10-10 09:00" "0 2026-10-10T09:00" "$(queued mkup)"
once mkup 2026-10-10T09:00:00+08:00
is "Saturday 10-10 09:00: sent" "0 4 sent" "$rc $(mails) $(state mkup)"

# A retry scheduled into closed hours: a 4xx at 17:29:30 would be retried
# a minute later, after the close; it waits for Friday's opening.
start_peer refuse smtp_server.py --maildir "$T/refused" --mode refuse4xx; refuse_port=$PORT
setup retry 11月26日前 "$refuse_port"
once retry 2026-11-26T17:29:30+08:00
is "17:29:30, the server answers 451: --once exits 75" 75 "$rc"
is "outbox: tried once, next attempt Friday 09:00, not 17:30" "1 2026-11-27T09:00" "$(queued retry)"
like "the retry is held, and the log says so" \
    'message [0-9]+ to 法规处 \(email fg@example.org\) will be retried: .*451.*1 message\(s\) wait for the send window, which opens at 2026-11-27T09:00' \
    "$(printf '%s' "$out" | tr '\n' ' ')"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null; unset 'pids[-1]'
start_peer refuse smtp_server.py --maildir "$T/smtp2" --port "$refuse_port"
once retry 2026-11-26T17:31:00+08:00
is "17:31, the retry's own time, a server that takes it: nothing sent" "75 4" "$rc $(mails)"
is "outbox: still Friday 09:00" "1 2026-11-27T09:00" "$(queued retry)"
once retry 2026-11-27T09:00:00+08:00
is "Friday 09:00: the retry goes out" "0 5 sent" "$rc $(mails) $(state retry)"

# The window closing in the middle of a fan-out: 30 mails through one
# connection to a server taking 0.3 s each, from 17:29:58.  What went out
# before the close (and what the delivery agent had) is sent; the rest,
# the batch already marked sending among them, goes back to the queue
# untried and waits for Friday; then each unit has its mail once.
start_peer slow smtp_server.py --maildir "$T/fan" --delay 0.3; slow_port=$PORT
write_conf fan "$slow_port"
sed -i 's/timeout = 5; };/timeout = 5; connections = 1; };/' "$T/fan.conf"
{
    echo 'units = ('
    for i in $(seq 30); do printf '  { name = "单位%d"; email = ["u%d@example.org"]; },\n' "$i" "$i"; done
    echo '  { name = "法规处"; email = ["fg@example.org"]; } );'
} >"$T/fan.units"
sed -i '/^units = /d' "$T/fan.conf"; cat "$T/fan.units" >>"$T/fan.conf"
{
    printf 'task_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
    for i in $(seq 30); do printf '1\t一、测试\t扇出测试任务\t第%d项举措。\t单位%d\t11月26日前\n' "$i" "$i"; done
} >"$T/fan.tsv"
"$CTL" -c "$T/fan.conf" import "$T/fan.tsv" --year 2026 >/dev/null
fan() { ls "$T/fan" 2>/dev/null | grep -c '\.json$'; }
once fan 2026-11-26T17:29:58+08:00
sent=$(fan)
is "the close mid fan-out: --once exits 75" 75 "$rc"
ok "some mails went out before the close, not all ($sent)" test "$sent" -ge 1 -a "$sent" -lt 30
is "the others are queued, untried, for Friday 09:00" \
    "$(for i in $(seq $((30 - sent))); do echo "0 2026-11-27T09:00"; done)" "$(queued fan)"
like "the log says how many wait" 'message\(s\) wait for the send window, which opens at 2026-11-27T09:00' "$out"
once fan 2026-11-27T09:00:00+08:00
is "Friday 09:00: the rest go out (exit 0)" "0 30" "$rc $(fan)"
ok "each unit's mail arrived once" "$PY" -c '
import glob, json, sys
to = sorted(json.load(open(f))["rcpt_tos"][0] for f in glob.glob(sys.argv[1] + "/*.json"))
assert to == sorted("u%d@example.org" % i for i in range(1, 31)), to' "$T/fan"

# The daemon: started on a Thursday evening it queues, sends nothing and
# sleeps (one pass in three seconds, no wake-up loop) ...
setup run 11月26日前
passes() { grep -c ' pass: ' "$T/run.log"; }
"$DAEMON" -c "$T/run.conf" --now 2026-11-26T19:00:00+08:00 2>"$T/run.log" &
daemon=$!; pids+=($daemon)
sleep 3
is "a daemon at Thursday 19:00 sends nothing" 5 "$(mails)"
is "and makes one pass in three seconds" 1 "$(passes)"
is "its message waits for Friday 09:00" "0 2026-11-27T09:00" "$(queued run)"
kill "$daemon"; wait "$daemon" 2>/dev/null
# ... and one started two seconds before Friday's opening sleeps until it
# and sends then.
"$DAEMON" -c "$T/run.conf" --now 2026-11-27T08:59:58+08:00 2>"$T/run.log" &
daemon=$!; pids+=($daemon)
sleep 1
is "at 08:59:59 nothing is sent" 5 "$(mails)"
for _ in $(seq 50); do [ "$(mails)" -ge 6 ] && break; sleep 0.1; done
is "at 09:00 the daemon wakes and sends" 6 "$(mails)"
is "after two passes, the start's and the opening's" 2 "$(passes)"
is "outbox: sent" "sent" "$(state run)"

done_testing
