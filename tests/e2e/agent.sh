#!/usr/bin/env bash
# The delivery agent (deadlined-send), with real processes: the daemon
# does not link libcurl; it starts the agent when it has something to
# send, the agent exits when idle and the daemon, still up, starts another
# for later mail; a daemon killed with SIGKILL takes its agent with it; an
# agent killed mid-flight costs retries, not mail; a missing agent is a
# temporary failure; a robot's rate limit sends messages back to the
# queue without counting an attempt.
. "$(dirname "$0")/../lib.sh"

AGENT="$BUILD/deadlined-send"
daemon=
stop_agent_test() {
    [ -n "$daemon" ] && kill -9 "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
    stop_all
}
trap 'stop_agent_test; cleanup' EXIT

# --- linking ------------------------------------------------------------
unlike "deadlined is not linked to libcurl" 'libcurl' "$(ldd "$DAEMON")"
like "deadlined-send is" 'libcurl' "$(ldd "$AGENT")"
status_is "deadlined-send alone refuses to run (usage, 64)" 64 "$AGENT"

# children PID: the processes whose parent is PID, with their state.
children() { ps -o pid=,stat=,comm= --ppid "$1" 2>/dev/null; }
# wait_until SECONDS SHELL-TEST: poll every 0.1 s until the test (eval'd
# each time) succeeds.
wait_until() {
    local n=$(($1 * 10)); shift
    for _ in $(seq "$n"); do eval "$1" && return 0; sleep 0.1; done
    return 1
}
mails() { ls "$T/smtp" 2>/dev/null | grep -c '\.eml$'; }
no_children() { [ -z "$(children "$daemon")" ]; }
has_agent() { children "$daemon" | grep -q deadlined-send; }

# conf NAME SMTP_PORT: the seed plan's four units due 6月底前 by mail.
conf() {
    cat >"$T/$1.conf" <<CONF
database = "$T/$1.db";
timezone = "Asia/Shanghai";
http: { listen = "127.0.0.1:$(free_port)"; };
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$2"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 10; };
admin: { maildir = "$T/$1-admin"; };
$(seed_units)
CONF
    "$CTL" -c "$T/$1.conf" import "$SEED" >/dev/null
}

# --- on demand, idle exit, on demand again --------------------------------
start_peer smtp smtp_server.py --maildir "$T/smtp"
conf demand "$PORT"
# Two seconds before the 09:00 trigger of the 7-day notices.
"$DAEMON" -v -c "$T/demand.conf" --now 2021-06-23T08:59:58+08:00 2>"$T/demand.log" &
daemon=$!
sleep 1
is "no agent before there is something to send" "" "$(children "$daemon")"
ok "at the trigger an agent starts" wait_until 5 has_agent
ok "and the four digests go out" wait_until 5 '[ "$(mails)" -ge 4 ]'
ok "the idle agent exits by itself (within 15 s)" wait_until 15 no_children
is "and is reaped: no zombie" "" "$(children "$daemon")"
ok "the daemon stays up" kill -0 "$daemon"
like "the agent asked to be stopped when idle" 'delivery agent stopped: exit status 0' \
    "$(cat "$T/demand.log")"
# Something new to send later: another plan with an item for one of the
# units, due at the month's end too; a reload makes a pass at once.
printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n2021 年补充计划\t2021\t1\t一、补充\t补充任务\t补充举措：按期报送。\t知识产权保护处\t6月底前\n' >"$T/more.tsv"
"$CTL" -c "$T/demand.conf" import "$T/more.tsv" >/dev/null
kill -HUP "$daemon"
ok "later mail starts a new agent and goes out" wait_until 10 '[ "$(mails)" -ge 5 ]'
is "two agents were started in all" 2 "$(grep -c 'delivery agent .* started' "$T/demand.log")"
is "every message sent" 5 "$("$CTL" -c "$T/demand.conf" outbox --json |
    "$PY" -c 'import json,sys; print(sum(m["state"] == "sent" for m in json.load(sys.stdin)))')"
kill -TERM "$daemon"; wait "$daemon"; rc=$?; daemon=
is "SIGTERM: exit 0" 0 "$rc"
unlike "every agent ended cleanly" 'delivery agent stopped: [^e]|exit status [1-9]|Sanitizer' \
    "$(cat "$T/demand.log")"
stop_all

# --- SIGKILL of the daemon leaves no agent ----------------------------------
start_peer slow smtp_server.py --maildir "$T/slow" --delay 3
conf orphan "$PORT"
start_peer slow2 smtp_server.py --maildir "$T/slow2" --delay 3
conf flight "$PORT"
"$DAEMON" -c "$T/orphan.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/orphan.log" &
daemon=$!
ok "an agent sends to the slow server" wait_until 5 has_agent
agent=$(children "$daemon" | awk '/deadlined-send/ { print $1 }')
kill -9 "$daemon"; wait "$daemon" 2>/dev/null; daemon=
# Dead: gone, or a zombie until its new parent (init) reaps it, which
# some inits do only every few seconds.
gone() { [ "$(awk '{ print $3 }' "/proc/$agent/stat" 2>/dev/null)" = Z ] || ! kill -0 "$agent" 2>/dev/null; }
ok "the daemon killed with SIGKILL, its agent ($agent) is gone too" wait_until 2 gone

# --- an agent killed mid-flight: retries, not losses ---------------------
"$DAEMON" -c "$T/flight.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/kill.log" &
daemon=$!
sending() {
    "$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM message WHERE state=\x27sending\x27").fetchone()[0])' "$T/flight.db"
}
ok "messages are in flight" wait_until 5 '[ "$(sending)" -ge 1 ]'
inflight=$(sending)
agent=$(children "$daemon" | awk '/deadlined-send/ { print $1 }')
kill -9 "$agent"
ok "the daemon sees its agent die" wait_until 5 "grep -q 'delivery agent exited: killed by signal 9' '$T/kill.log'"
# (A new agent may have started already for the mail still queued: one
# a connection goes to an agent at a time.)
is "and reaps it: no zombie" "" "$(children "$daemon" | awk '$2 ~ /^Z/')"
ok "the daemon stays up" kill -0 "$daemon"
state=$("$CTL" -c "$T/flight.conf" outbox --json)
ok "what the agent had is queued again, with the reason and an attempt" "$PY" -c '
import json,sys
o=[m for m in json.loads(sys.argv[1]) if (m["last_error"] or "").startswith("delivery agent exited")]
assert len(o) == int(sys.argv[2]) and all(m["state"] == "queued" and m["attempts"] == 1 and
    m["last_error"].startswith("delivery agent exited: killed by signal 9") for m in o), o' "$state" "$inflight"
# What the next agent has when the daemon stops goes back to the queue
# too: it may have gone out.
inflight=$((inflight + $(sending)))
kill -TERM "$daemon"; wait "$daemon"; daemon=
# The retry, two minutes later: everything arrives, duplicates only of
# what was in flight, and a re-sent mail keeps its Message-ID.
status_is "the retry delivers the rest (--once, exit 0)" 0 \
    "$DAEMON" -c "$T/flight.conf" --once --now 2021-06-23T10:02:30+08:00
ok "every unit got its digest; duplicates only of what was in flight" "$PY" - "$T/slow2" "$inflight" <<'PY'
import collections, email, email.policy, glob, os, sys
d, inflight = sys.argv[1], int(sys.argv[2])
ids = collections.defaultdict(set)
n = 0
for f in glob.glob(os.path.join(d, "*.eml")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    ids[m["To"].addresses[0].addr_spec].add(m["Message-ID"])
    n += 1
want = {"yy@example.org", "bh@example.org", "zx@example.org", "sx@example.org"}
assert set(ids) == want, ids
assert n - 4 <= inflight, (n, inflight)
assert all(len(v) == 1 for v in ids.values()), ids
PY
stop_all

# --- no agent to start --------------------------------------------------
mkdir -p "$T/lonely"
cp "$DAEMON" "$T/lonely/deadlined"
printf 'database = "%s/lonely.db";\nmaildir = "%s/lonely-mail";\nschedule: { lead_days = [7, 1, 0]; ongoing = "none"; };\n' "$T" "$T" >"$T/lonely.conf"
"$CTL" -c "$T/lonely.conf" import "$SEED" >/dev/null
status_is "without its agent --once is a temporary failure (75)" 75 \
    env -u DEADLINED_SEND "$T/lonely/deadlined" -c "$T/lonely.conf" --once --now 2021-06-23T10:00:00+08:00
like "the outbox says why" 'delivery agent: no deadlined-send beside' \
    "$("$CTL" -c "$T/lonely.conf" outbox)"
status_is "DEADLINED_SEND names it" 0 \
    env DEADLINED_SEND="$AGENT" "$T/lonely/deadlined" -c "$T/lonely.conf" --once --now 2021-06-23T10:05:00+08:00

# --- a robot's rate limit: deferred, not attempted -------------------------
# 24 units share one DingTalk robot (20 messages a minute): 20 go, 4 come
# back to the queue for the minute's end with no attempt counted.
start_peer robot webhook_server.py --log "$T/robot.jsonl" --secret SECdingtalk
{
    printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
    for i in $(seq 24); do
        printf '2021 年机器人计划\t2021\t1\t一、测试\t任务\t第%d项举措：按期完成。\t单位%d\t6月底前\n' "$i" "$i"
    done
} >"$T/robot.tsv"
{
    printf 'database = "%s/robot.db";\nschedule: { lead_days = [7, 1, 0]; ongoing = "none"; };\n' "$T"
    printf 'admin: { maildir = "%s/robot-admin"; };\nunits = (\n' "$T"
    for i in $(seq 24); do
        printf '  { name = "单位%d"; webhook = ( { type = "dingtalk"; url = "http://127.0.0.1:%s/robot/send?access_token=t"; secret = "SECdingtalk"; } ); }%s\n' \
            "$i" "$PORT" "$([ "$i" -lt 24 ] && echo ,)"
    done
    echo ');'
} >"$T/robot.conf"
"$CTL" -c "$T/robot.conf" import "$T/robot.tsv" >/dev/null
status_is "--once: some messages wait for the robot (75)" 75 \
    "$DAEMON" -c "$T/robot.conf" --once --now 2021-06-23T10:00:00+08:00
is "the robot got 20 posts" 20 "$(wc -l <"$T/robot.jsonl")"
ok "4 are queued for the window's end, never attempted" "$PY" -c '
import json,sys
o=json.loads(sys.argv[1])
q=[m for m in o if m["state"] == "queued"]
assert len(q) == 4 and all(m["attempts"] == 0 for m in q), q
assert sum(m["state"] == "sent" for m in o) == 20, o' "$("$CTL" -c "$T/robot.conf" outbox --json)"

done_testing
