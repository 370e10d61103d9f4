#!/usr/bin/env bash
# Crashes: a few hundred notices (one per unit) fanned out to a slow SMTP
# server, then to a slow webhook receiver, while the daemon is killed
# with SIGKILL at random moments a dozen times and restarted each time.
# Nothing is lost; what is marked sending at a kill is what the agent
# had (one per SMTP connection, 8 per webhook slot), nothing waiting
# behind it; a mail sent twice was on the wire at a kill or answered
# before its outcome's commit, one a connection at most, as a connection's
# next mail waits for that commit; a post sent twice was on the wire (one
# a slot) or answered while its outcome's commit was under way (at most
# one more a kill); the outbox ends consistent and the database intact.
# CRASH_SEED=N repeats a run's kill times.
. "$(dirname "$0")/../lib.sh"

UNITS=300
KILLS=12
CONCURRENCY=4
CONNECTIONS=2	# smtp.connections' default
NOW=2021-06-23T10:00:00+08:00
# The restart after the kills comes a few minutes later: each run's
# pinned clock starts again at --now, and the killed runs, which ran on
# from it, may have put messages off to a second or two after it.
LATER=2021-06-23T10:05:00+08:00
CRASH_SEED=${CRASH_SEED:-$(( $(date +%s%N) % 32768 ))}
RANDOM=$CRASH_SEED
echo "# seed $CRASH_SEED (CRASH_SEED=$CRASH_SEED to repeat)"

daemon=
# The daemon is killed -9 (as in the test) before the peers.
stop_crash() {
    [ -n "$daemon" ] && kill -9 "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
    stop_all
}
trap 'stop_crash; cleanup' EXIT

# The plan: 30 tasks of 10 measures, each measure for one unit, all due
# 6月底前 2021 (the 7-day notice triggers on 2021-06-23 at 09:00).
{
    printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
    for i in $(seq $UNITS); do
        printf '2021 年压力测试工作计划\t2021\t%d\t一、压力测试\t任务%d\t第%d项举措：按期完成并报送进展。\t单位%d\t6月底前\n' \
            $(( (i - 1) / 10 + 1 )) $(( (i - 1) / 10 + 1 )) "$i" "$i"
    done
} >"$T/plan.tsv"

# write_conf NAME SMTP_PORT HOOK_PORT: units with email (SMTP_PORT) or a
# generic webhook each (HOOK_PORT), not both.
write_conf() {
    local i
    {
        cat <<EOF
database = "$T/$1.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:${2:-9}"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 3; };
http: { listen = "127.0.0.1:$(free_port)"; public_url = "http://127.0.0.1:8470"; };
webhook_concurrency = $CONCURRENCY;
admin: { maildir = "$T/admin-$1"; };
units = (
EOF
        for i in $(seq $UNITS); do
            if [ -n "${3:-}" ]; then
                printf '  { name = "单位%d"; webhook = ( { type = "generic"; url = "http://127.0.0.1:%s/hook/%d"; secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; } ); }%s\n' \
                    "$i" "$3" "$i" "$([ "$i" -lt $UNITS ] && echo ,)"
            else
                printf '  { name = "单位%d"; email = ["u%d@example.org"]; }%s\n' \
                    "$i" "$i" "$([ "$i" -lt $UNITS ] && echo ,)"
            fi
        done
        echo ');'
    } >"$T/$1.conf"
}

# in_flight NAME: after a kill, append the recipients of the messages
# left 'sending' to $T/NAME.inflight (read straight from the file); print
# "SENDING QUEUED".
in_flight() {
    "$PY" -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
s=[r[0] for r in c.execute("SELECT recipient FROM message WHERE state=\x27sending\x27")]
q=c.execute("SELECT count(*) FROM message WHERE state=\x27queued\x27").fetchone()[0]
open(sys.argv[2],"a").write("".join(u+"\n" for u in s))
print(len(s), q)' "$T/$1.db" "$T/$1.inflight"
}

# crash_run NAME: start, SIGKILL 0-0.8 s after its first pass, note what was in
# flight (sending) and count what was still queued, restart; KILLS times.  Then
# --once until everything went.  Sets INFLIGHT (the sum), MAXINFLIGHT,
# MIDRUN (kills with messages still to send), ONCE_RC.
crash_run() {
    local name=$1 k ms n q passes
    INFLIGHT=0 MAXINFLIGHT=0 MIDRUN=0
    : >"$T/$name.inflight"
    touch "$T/$name.log"
    for k in $(seq $KILLS); do
        passes=$(grep -c 'pass: ' "$T/$name.log")
        "$DAEMON" -c "$T/$name.conf" --now "$NOW" 2>>"$T/$name.log" &
        daemon=$!
        # Timed from the first pass, not the start: a loaded machine (or
        # the sanitizer build) can take longer to start than to kill.
        for _ in $(seq 600); do
            [ "$(grep -c 'pass: ' "$T/$name.log")" -gt "$passes" ] && break
            sleep 0.05
        done
        ms=$((RANDOM % 801))
        sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
        kill -9 "$daemon"
        wait "$daemon" 2>/dev/null
        daemon=
        read -r n q < <(in_flight "$name")
        INFLIGHT=$((INFLIGHT + n))
        [ "$n" -gt "$MAXINFLIGHT" ] && MAXINFLIGHT=$n
        [ $((n + q)) -gt 0 ] && MIDRUN=$((MIDRUN + 1))
        echo "# $name kill $k after ${ms} ms: $n sending, $q queued"
    done
    for _ in 1 2 3; do
        "$DAEMON" -c "$T/$name.conf" --once --now "$LATER" 2>>"$T/$name.log"
        ONCE_RC=$?
        [ "$ONCE_RC" -eq 0 ] && break
    done
}

# check_db NAME WHAT: the outbox holds one sent message per unit, nothing
# else; the file passes SQLite's own checks.
check_db() {
    local name=$1 what=$2
    ok "$what: outbox --json: one message per unit, every one sent" "$PY" -c '
import json,sys,collections
o=json.loads(sys.argv[1]); n=int(sys.argv[2])
bad=[m for m in o if m["state"]!="sent"]
assert not bad, bad[:5]
per=collections.Counter(m["unit"] for m in o)
assert len(o)==n and sorted(per)==sorted("单位%d"%i for i in range(1,n+1)), (len(o), [u for u,c in per.items() if c>1][:5])
assert all(m["attempts"]>=1 and m["sent_at"] for m in o), o[:3]' \
        "$("$CTL" -c "$T/$name.conf" outbox --json)" $UNITS
    is "$what: PRAGMA integrity_check" ok \
        "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$T/$name.db")"
    is "$what: PRAGMA foreign_key_check finds nothing" "" \
        "$("$PY" -c 'import sqlite3,sys; print("\n".join(map(str,sqlite3.connect(sys.argv[1]).execute("PRAGMA foreign_key_check").fetchall())))' "$T/$name.db")"
}

# --- Mail: an SMTP server that keeps each message, then answers 50 ms
# later (libcurl waits for that answer in turn: about 15 s for all).
start_peer smtp smtp_server.py --maildir "$T/smtp" --delay 0.05
write_conf mail "$PORT"
"$CTL" -c "$T/mail.conf" import "$T/plan.tsv" >/dev/null
started=$SECONDS
crash_run mail
echo "# mail: $((SECONDS - started)) s"
is "mail: --once after the kills delivers the rest (exit 0)" 0 "$ONCE_RC"
like "mail: the kills came while there was still mail to send" '^[1-9]' "$MIDRUN"
ok "mail: at most one per SMTP connection marked sending at any kill ($MAXINFLIGHT)" \
    test "$MAXINFLIGHT" -le $CONNECTIONS
like "mail: restarts put interrupted messages back in the queue" \
    'go back to the queue' "$(cat "$T/mail.log")"
ok "mail: every unit got its digest; duplicates only of what was in flight, at most one a connection a kill" \
    "$PY" - "$T/smtp" $UNITS "$T/mail.inflight" $CONNECTIONS "$MIDRUN" <<'PY'
import collections, email, email.policy, glob, json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
slots, kills = int(sys.argv[4]), int(sys.argv[5])
flying = collections.Counter("u%s@example.org" % l.strip()[2:] for l in open(sys.argv[3]))
inflight = sum(flying.values())
got = collections.defaultdict(set)
count = collections.Counter()
for f in glob.glob(os.path.join(d, "*.json")):
    env = json.load(open(f))
    m = email.message_from_binary_file(open(f[:-5] + ".eml", "rb"),
                                       policy=email.policy.default)
    to = m["To"].addresses[0].addr_spec
    assert env["rcpt_tos"] == [to], (env, to)
    count[to] += 1
    got[to].add(m["Message-ID"])
want = {"u%d@example.org" % i for i in range(1, n + 1)}
lost = want - set(count)
assert not lost, ("lost", sorted(lost)[:10], len(lost))
assert set(count) == want, set(count) - want
dups = sum(count.values()) - n
open(d + ".stats", "w").write("# mail: %d received, %d duplicates (%.2f a kill, %d kills), %d marked sending at the kills\n"
                             % (sum(count.values()), dups, dups / max(kills, 1), kills, inflight))
assert dups <= inflight, (dups, inflight)
# On the wire, or answered and its outcome not committed: one a
# connection, its next mail waiting for that commit.
assert dups <= slots * kills, (dups, slots, kills)
# Each unit's extra mails were in flight at as many kills.
over = {a: (c - 1, flying[a]) for a, c in count.items() if c - 1 > flying[a]}
assert not over, over
# A re-sent mail is the same mail: it keeps its Message-ID.
assert all(len(ids) == 1 for ids in got.values()), [a for a, ids in got.items() if len(ids) > 1]
PY
cat "$T/smtp.stats" 2>/dev/null
check_db mail mail

# --- Webhooks: a receiver that logs each request, then answers 80 ms later.
start_peer hook webhook_server.py --log "$T/hook.jsonl" \
    --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw --answer-delay 0.08
write_conf hook "" "$PORT"
"$CTL" -c "$T/hook.conf" import "$T/plan.tsv" >/dev/null
started=$SECONDS
crash_run hook
echo "# webhooks: $((SECONDS - started)) s"
is "webhooks: --once after the kills delivers the rest (exit 0)" 0 "$ONCE_RC"
like "webhooks: the kills came while there were still posts to make" '^[1-9]' "$MIDRUN"
ok "webhooks: at most 8 per webhook_concurrency slot marked sending at any kill ($MAXINFLIGHT)" \
    test "$MAXINFLIGHT" -le $((8 * CONCURRENCY))
ok "webhooks: every unit got its post; duplicates only of what was in flight, one a slot a kill (+1)" \
    "$PY" - "$T/hook.jsonl" $UNITS "$T/hook.inflight" $CONCURRENCY "$MIDRUN" <<'PY'
import collections, json, sys
log, n = sys.argv[1], int(sys.argv[2])
slots, kills = int(sys.argv[4]), int(sys.argv[5])
flying = collections.Counter(l.strip()[2:] for l in open(sys.argv[3]))
inflight = sum(flying.values())
count = collections.Counter()
ids = collections.defaultdict(set)
for line in open(log):
    r = json.loads(line)
    assert r["signature_valid"] is True, r
    b = json.loads(r["body"])
    unit = r["path"].rsplit("/", 1)[1]
    assert b["unit"] == "单位" + unit, (r["path"], b["unit"])
    count[unit] += 1
    ids[unit].add(r["headers"]["webhook-id"])
want = {str(i) for i in range(1, n + 1)}
lost = want - set(count)
assert not lost, ("lost", sorted(lost, key=int)[:10], len(lost))
assert set(count) == want, set(count) - want
dups = sum(count.values()) - n
open(log + ".stats", "w").write("# webhooks: %d received, %d duplicates (%.2f a kill, %d kills), %d marked sending at the kills\n"
                               % (sum(count.values()), dups, dups / max(kills, 1), kills, inflight))
assert dups <= inflight, (dups, inflight)
assert dups <= (slots + 1) * kills, (dups, slots, kills)
over = {u: (c - 1, flying[u]) for u, c in count.items() if c - 1 > flying[u]}
assert not over, over
assert all(len(v) == 1 for v in ids.values()), [u for u, v in ids.items() if len(v) > 1]
PY
cat "$T/hook.jsonl.stats" 2>/dev/null
check_db hook webhooks

done_testing
