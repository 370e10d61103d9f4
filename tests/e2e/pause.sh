#!/usr/bin/env bash
# Pausing an item (暂停) end to end, with the seed plan and a real SMTP
# server.  Measure 8 (6月底前) has three units.  Paused for 知识产权保护处
# on 06-10 until 07-05 (a bad date, a date not after today, an unknown
# measure or unit, no reason: refused, nothing stored), passes at 09:00
# on 06-16, 06-23, 06-29 and 06-30 send it nothing while the other units
# get June's notices; on 07-05 it gets one overdue notice, not the lead
# and due notices that fell inside the pause.  The board (page, ?state=
# filter, JSON), the ledger's CSV, list, pauses and acks show the pause.  Then
# the whole measure is paused (--all); a running daemon sends nothing
# for it, and when the pause is resumed early it plans again at once and
# the mail arrives.  A group's name pauses each of its members.
. "$(dirname "$0")/../lib.sh"

P=知识产权保护处; Y=知识产权运用促进处; Z=省知识产权事业发展中心
start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
http_port=$(free_port)
BASE="http://127.0.0.1:$http_port"
cat >"$T/d.conf" <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [14, 7, 1, 0]; ongoing = "none"; escalate_after_days = 2; };
smtp: { url = "smtp://127.0.0.1:$smtp_port"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { listen = "127.0.0.1:$http_port"; public_url = "$BASE"; };
admin: { maildir = "$T/admin"; };
supervisors: { email = ["ducha@example.org"]; };
units = (
  { name = "$Y"; email = ["yy@example.org"]; },
  { name = "$P"; email = ["bh@example.org"]; },
  { name = "$Z"; email = ["zx@example.org"]; }
);
CONF
ctl() { "$CTL" -c "$T/d.conf" "$@"; }
ctl import "$SEED" >/dev/null
M8=$(ctl export --format json | "$PY" -c '
import json,sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        if m["id"] == 8: print(m["text"])')

# mails ADDR: "DUE/STAGE" of each mail to ADDR delivered since the last
# call for ADDR that carries measure 8, one a line, sorted.
mails() {
    "$PY" - "$T/smtp" "$1" "$M8" "$T/seen.$1" <<'PY' | sort
import email, email.policy, glob, json, os, re, sys
d, addr, m8, seenf = sys.argv[1:]
seen = set(open(seenf).read().split()) if os.path.exists(seenf) else set()
for f in sorted(glob.glob(os.path.join(d, "*.eml"))):
    if not os.path.exists(f[:-4] + ".json"):
        continue
    env = json.load(open(f[:-4] + ".json"))
    if addr not in env["rcpt_tos"] or f in seen:
        continue
    seen.add(f)
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    text = m.get_body(("plain",)).get_content()
    if m8 not in text:
        continue
    head = text[:text.index(m8)]
    tail = re.split(r"【任务|■", text[text.index(m8):])[0]
    due = (re.findall(r"截止 (\d{4}-\d\d-\d\d)", tail) or
        re.findall(r"截止 (\d{4}-\d\d-\d\d)", head))[-1]
    print("%s/%s" % (due, re.findall(r"■ (.*?)：", head)[-1]))
open(seenf, "w").write("\n".join(seen))
PY
}
run() { "$DAEMON" -c "$T/d.conf" --once --now "$1" 2>>"$T/once.log"; }
at=2021-06-10T10:00:00+08:00

# --- refused, nothing stored -------------------------------------------------
status_is "--until not a date: 64" 64 ctl --now $at pause 8 "$P" --until 2021-13-01 --reason x
status_is "--until today: 65" 65 ctl --now $at pause 8 "$P" --until 2021-06-10 --reason x
status_is "no --reason: 64" 64 ctl --now $at pause 8 "$P" --until 2021-07-05
status_is "a blank --reason: 64" 64 ctl --now $at pause 8 "$P" --until 2021-07-05 --reason "  "
status_is "an unknown measure: 66" 66 ctl --now $at pause 999 "$P" --until 2021-07-05 --reason x
status_is "a unit not of the measure: 65" 65 ctl --now $at pause 8 某某处 --until 2021-07-05 --reason x
status_is "a unit and --all: 64" 64 ctl --now $at pause 8 "$P" --all --until 2021-07-05 --reason x
err=$(ctl --now $at pause 8 "$P" --until 2021-06-01 --reason x 2>&1)
is "one line saying why" "deadlinectl: pause: --until 2021-06-01 is not after today" "$err"
is "nothing stored" "[]" "$(ctl --now $at pauses --json | tr -d '\n ')"
is "nothing logged" "" "$(ctl acks)"
err=$(ctl --now $at resume 8 "$P" 2>&1); rc=$?
is "resume with no pause in force: 65" 65 "$rc"
is "saying so" "deadlinectl: measure 8, $P: no pause in force" "$err"

# --- a unit's pause ---------------------------------------------------------------
is "pause 8 $P" "paused: measure 8, $P, until 2021-07-05" \
    "$(ctl --now $at pause 8 "$P" --until 2021-07-05 --reason 等待省政府批复)"
like "pauses lists it" "^measure 8  $P  until 2021-07-05  cli  等待省政府批复\$" "$(ctl --now $at pauses)"
like "list shows it under the measure" "    $P paused until 2021-07-05" "$(ctl --now $at list --due-within 30)"
ok "list --json: the unit's paused_until" "$PY" -c '
import json,sys
m=[i for i in json.loads(sys.argv[1]) if i["measure_id"]==8][0]
assert {u["name"]:u["paused_until"] for u in m["units"]}=={"知识产权运用促进处":None,"知识产权保护处":"2021-07-05","省知识产权事业发展中心":None}, m' \
    "$(ctl --now $at list --due-within 30 --json)"
like "acks logs it, with the reason as note" "pause  cli  measure 8  $P  due 2021-06-30  等待省政府批复" "$(ctl acks)"
ok "acks --json: kind pause" "$PY" -c '
import json,sys
a=json.loads(sys.argv[1])
assert [(x["kind"],x["unit"],x["note"],x["source"]) for x in a]==[("pause","知识产权保护处","等待省政府批复","cli")], a' "$(ctl acks --json)"

for day in 2021-06-16 2021-06-23 2021-06-29 2021-06-30; do
    run "${day}T09:00:00+08:00"
    is "$day: nothing to $P" "" "$(mails bh@example.org)"
done
is "while $Y got June's notices of measure 8" \
    "2021-06-30/今天到期 2021-06-30/即将到期 2021-06-30/即将到期 2021-06-30/即将到期" \
    "$(mails yy@example.org | tr '\n' ' ' | sed 's/ $//')"
q() { "$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2], sys.argv[3:]).fetchone()[0])' "$T/d.db" "$@"; }
is "no escalation of $P's silence (those of the others' went out)" "0 2" \
    "$(q "select count(*) from notice where measure_id = 8 and stage = 'escalation' and unit = ?" "$P") $(q "select count(*) from notice where measure_id = 8 and stage = 'escalation'")"
ok "ledger --format csv: 已暂停至 2021-07-05 for $P, the others as they are" "$PY" -c '
import csv,io,sys
rows=[r for r in csv.DictReader(io.StringIO(sys.argv[1])) if r["举措编号"]=="8"]
got={r["责任单位"]:r["状态"] for r in rows}
assert got["知识产权保护处"]=="已暂停至 2021-07-05", got
assert got["知识产权运用促进处"]=="已通知", got' "$(ctl --now 2021-06-30T10:00:00+08:00 ledger --format csv)"
like "ledger --format json: state_name paused" '"state_name": "paused"' \
    "$(ctl --now 2021-06-30T10:00:00+08:00 ledger --format json --unit "$P")"

# --- the board -------------------------------------------------------------------
"$DAEMON" -c "$T/d.conf" --now 2021-06-30T10:00:00+08:00 2>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
page=$(curl -s "$BASE/")
like "the board shows 已暂停至 2021-07-05 on $P's chip" \
    "<span class=\"u paused\" title=\"已暂停 · 暂停原因：等待省政府批复\">$P <small class=\"paused\">已暂停至 2021-07-05</small>" "$page"
like "and counts it" '已暂停 <strong>1</strong>' "$page"
page=$(curl -s "$BASE/?state=paused")
like "?state=paused shows it" "<span class=\"u paused\"" "$page"
unlike "and not the others" "title=\"待确认\">$Y<" "$page"
ok "/api/v1/board: state paused, paused_until, pause_reason" "$PY" -c '
import json,sys
b=json.loads(sys.argv[1])
c=[c for c in b["cells"] if c["measure_id"]==8]
got={x["unit"]:(x["state"],x["paused_until"],x["pause_reason"],x["level"]) for x in c}
assert got["知识产权保护处"]==("paused","2021-07-05","等待省政府批复",None), got
assert got["知识产权运用促进处"][1:3]==(None,None), got' "$(curl -s "$BASE/api/v1/board")"
kill -TERM "$daemon"; wait "$daemon"

# --- on its date it resumes: one overdue notice, not a flood ------------------
run 2021-07-05T09:00:00+08:00
is "07-05: $P gets the overdue notice, and only that" "2021-06-30/已逾期" "$(mails bh@example.org)"
is "what fell inside the pause (3 lead notices, the due one) is recorded as missed" "0 4" \
    "$(q "select count(*) from notice where measure_id = 8 and unit = ? and stage in ('lead', 'due') and current = 1" "$P") $(q "select count(*) from notice where measure_id = 8 and unit = ? and stage in ('lead', 'due') and current = 0" "$P")"
is "the pause is no longer in force" "" "$(ctl --now 2021-07-05T10:00:00+08:00 pauses)"
err=$(ctl --now 2021-07-05T10:00:00+08:00 resume 8 "$P" 2>&1); rc=$?
is "so resume refuses it (65)" "65 deadlinectl: measure 8, $P: no pause in force" "$rc $err"

# --- every unit, resumed early: a running daemon plans again ------------------
mails yy@example.org >/dev/null; mails zx@example.org >/dev/null
at=2021-07-06T08:00:00+08:00
out=$(ctl --now $at pause 8 --all --until 2021-08-01 --reason 机构调整)
is "pause 8 --all" "paused: measure 8, every unit, until 2021-08-01" "$out"
err=$(ctl --now $at resume 8 "$Y" 2>&1); rc=$?
is "a unit's resume under an every-unit pause: 65, saying --all" \
    "65 deadlinectl: measure 8, $Y: paused for every unit of the measure: resume it with --all" "$rc $err"
"$DAEMON" -c "$T/d.conf" --now 2021-07-12T09:00:00+08:00 2>"$T/daemon2.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
sleep 1
is "07-12, paused: nothing of measure 8 to $Y" "" "$(mails yy@example.org)"
is "nor to $P" "" "$(mails bh@example.org)"
# The unit's own ack page (the link of 07-05's overdue notice) says why it
# is quiet: the pause's date and reason.
link=$("$PY" - "$T/smtp" bh@example.org "$M8" <<'PY'
import email, email.policy, glob, json, os, re, sys
d, addr, m8 = sys.argv[1:]
for f in sorted(glob.glob(os.path.join(d, "*.eml"))):
    if addr not in json.load(open(f[:-4] + ".json"))["rcpt_tos"]:
        continue
    text = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default).get_body(("plain",)).get_content()
    if m8 in text and "已逾期" in text:
        print(re.search(r"http://127\.0\.0\.1:\d+/ack/[0-9a-f]{32}", text[text.index(m8):]).group(0))
        break
PY
)
like "$P's ack page: 已暂停至 2021-08-01 and the reason" \
    "已暂停至 <strong>2021-08-01</strong>，期间不再提醒（原因：机构调整）" "$(curl -s "$link")"
is "resume 8 --all" "resumed: measure 8, every unit" "$(ctl --now 2021-07-12T09:00:05+08:00 resume 8 --all)"
got=
for _ in $(seq 100); do got=$(mails yy@example.org); [ -n "$got" ] && break; sleep 0.1; done
like "the running daemon sends $Y its overdue notice at once" "^2021-06-30/已逾期\$" "$got"
kill -TERM "$daemon"; wait "$daemon"
ok "acks logs the resume for each unit of the measure" "$PY" -c '
import json,sys
a=[x for x in json.loads(sys.argv[1]) if x["kind"]=="resume"]
assert sorted(x["unit"] for x in a)==sorted(["知识产权运用促进处","知识产权保护处","省知识产权事业发展中心"]), a' "$(ctl acks --json)"

# --- a group's name: each of its members -------------------------------------
printf 'task_no\tsection\ttask\tmeasure\tunits\tdeadline\n1\t一、测试\t暂停测试任务\t开展暂停测试工作\t各处，C处\t6月底前\n' >"$T/g.tsv"
cat >"$T/g.conf" <<CONF
database = "$T/g.db";
timezone = "Asia/Shanghai";
admin: { maildir = "$T/g/admin"; };
units = ( { name = "A处"; maildir = "$T/g/a"; }, { name = "B处"; maildir = "$T/g/b"; },
  { name = "C处"; maildir = "$T/g/c"; } );
groups = ( { name = "各处"; members = ["A处", "B处"]; } );
CONF
"$CTL" -c "$T/g.conf" import "$T/g.tsv" --year 2021 >/dev/null
out=$("$CTL" -c "$T/g.conf" --now 2021-06-01T10:00:00+08:00 pause 1 各处 --until 2021-06-20 --reason 待定)
is "a group's name pauses each member" "paused: measure 1, A处, until 2021-06-20
paused: measure 1, B处, until 2021-06-20" "$out"
"$DAEMON" -c "$T/g.conf" --once --now 2021-06-23T10:00:00+08:00 2>/dev/null
n() { ls "$T/g/$1/new" 2>/dev/null | wc -l; }
is "06-23 (after the pause): all three notified" "1 1 1" "$(n a) $(n b) $(n c)"
rm -rf "$T/g.db" "$T/g"
"$CTL" -c "$T/g.conf" import "$T/g.tsv" --year 2021 >/dev/null
"$CTL" -c "$T/g.conf" --now 2021-06-01T10:00:00+08:00 pause 1 各处 --until 2021-07-20 --reason 待定 >/dev/null
"$DAEMON" -c "$T/g.conf" --once --now 2021-06-23T10:00:00+08:00 2>/dev/null
is "06-23 (in the pause): only C处" "0 0 1" "$(n a) $(n b) $(n c)"
is "resume B处 alone" "resumed: measure 1, B处" "$("$CTL" -c "$T/g.conf" --now 2021-06-24T10:00:00+08:00 resume 1 B处)"
is "A处 stays paused" "measure 1  A处  until 2021-07-20  cli  待定" "$("$CTL" -c "$T/g.conf" --now 2021-06-24T10:00:00+08:00 pauses)"
done_testing
