#!/usr/bin/env bash
# The supervision cycle's requests end to end, with the seed plan, a real
# SMTP server and the daemon's HTTP endpoint.  Measure 8 (6月底前) has
# three units and no lead unit, so its approver is the supervisors
# (review_by = "lead" falls back to them).  知识产权保护处 asks through its
# ack page for an extension to 2021-07-31; the supervisors get an approval
# link, whose GET shows the request and records nothing, and whose POST
# approves it (once: a second POST is refused).  Passes at 09:00 on
# 06-23, 06-29 and 06-30 then send it nothing, while another unit of the
# measure keeps June's notices; as July 31 nears it is reminded of the new
# date.  An extension asked and rejected on the command line tells the
# unit why.  Under review (plan-review on), a 已完成 keeps the item open
# (待审核) and quiet until the approver decides; a returned one brings the
# yellow 退回 notice and the reminders back; a confirmed one ends them.
. "$(dirname "$0")/../lib.sh"

P=知识产权保护处; Y=知识产权运用促进处; Z=省知识产权事业发展中心
start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
http_port=$(free_port)
BASE="http://127.0.0.1:$http_port"
cat >"$T/d.conf" <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [14, 7, 1, 0]; ongoing = "none"; escalate_after_days = 0; };
smtp: { url = "smtp://127.0.0.1:$smtp_port"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { listen = "127.0.0.1:$http_port"; public_url = "$BASE"; approval_link_days = 14; };
admin: { maildir = "$T/admin"; };
supervisors: { email = ["ducha@example.org"]; };
units = (
  { name = "$Y"; email = ["yy@example.org"]; },
  { name = "$P"; email = ["bh@example.org"]; },
  { name = "$Z"; email = ["zx@example.org"]; }
);
CONF
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
M8=$("$CTL" -c "$T/d.conf" export --format json | "$PY" -c '
import json,sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        if m["id"] == 8: print(m["text"])')

# mails ADDR: "DUE/SUBJECT-SUMMARY" of each mail to ADDR delivered since
# the last call for ADDR that carries measure 8 (its due date as the mail
# gives it), one a line; the last one's text in $T/last.txt.
mails() {
    "$PY" - "$T/smtp" "$1" "$M8" "$T/seen.$1" "$T/last.txt" <<'PY'
import email, email.policy, glob, json, os, re, sys
d, addr, m8, seenf, last = sys.argv[1:]
seen = set(open(seenf).read().split()) if os.path.exists(seenf) else set()
for f in sorted(glob.glob(os.path.join(d, "*.eml")), key=lambda f: int(os.path.basename(f).split(".")[0])):
    if not os.path.exists(f[:-4] + ".json"):
        continue
    env = json.load(open(f[:-4] + ".json"))
    if addr not in env["rcpt_tos"] or f in seen:
        continue
    seen.add(f)
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    text = m.get_body(("plain",)).get_content()
    open(last, "w").write(str(m["Subject"]) + "\n" + text)
    if m8 not in text:
        continue
    # The digest's heading of the item's stage, and the due date said
    # with the item (or, shared by several, before them).
    head = text[:text.index(m8)]
    tail = re.split(r"【任务|■", text[text.index(m8):])[0]
    due = (re.findall(r"截止 (\d{4}-\d\d-\d\d)", tail) or
        re.findall(r"截止 (\d{4}-\d\d-\d\d)", head))[-1]
    stage = re.findall(r"■ (.*?)：", head)[-1]
    print("%s/%s" % (due, stage))
open(seenf, "w").write("\n".join(seen))
PY
}
run() { "$DAEMON" -c "$T/d.conf" --once --now "$1" 2>>"$T/once.log"; }
link_in() {	# link_in KIND: the first /KIND/ link of $T/last.txt
    grep -o "$BASE/$1/[0-9a-f]\{32\}" "$T/last.txt" | head -1
}
post() {	# post URL BODY: the status, the page in $T/page.html
    curl -s -o "$T/page.html" -w '%{http_code}' \
        -H 'Content-Type: application/x-www-form-urlencoded' --data "$2" "$1"
}

# --- the extension, through the web ----------------------------------------
"$DAEMON" -c "$T/d.conf" --now 2021-06-16T10:00:00+08:00 2>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 100); do [ "$(ls "$T/smtp" | grep -c '\.json$')" -ge 3 ] && break; sleep 0.1; done
is "06-16: the 14-day notice of measure 8 to $P" "2021-06-30/即将到期" "$(mails bh@example.org)"
ack=$(link_in ack)
like "with its ack link" "^$BASE$ACK_LINK_RE\$" "$ack"
page=$(curl -s "$ack")
like "the ack page offers the extension form" '<form id="extend" method="post"' "$page"
like "with a date and a required reason" 'name="new_due" required.*' "$page"
is "a date not after the deadline: refused (422)" 422 "$(post "$ack" 'kind=extend&new_due=2021-06-30&reason=x')"
like "saying why" 'after the current deadline, 2021-06-30' "$(cat "$T/page.html")"
is "no reason: 400" 400 "$(post "$ack" 'kind=extend&new_due=2021-07-31&reason=')"
is "nothing waits" "[]" "$("$CTL" -c "$T/d.conf" review --json | tr -d '\n ')"
is "asked with a reason: 200" 200 "$(post "$ack" 'kind=extend&new_due=2021-07-31&reason=%E4%BA%BA%E6%89%8B%E4%B8%8D%E8%B6%B3')"
like "the page says it went to the approver" '延期申请已提交' "$(cat "$T/page.html")"
ok "review --json lists it, with its id" "$PY" -c '
import json,sys
r=json.loads(sys.argv[1])
assert len(r)==1 and r[0]["kind"]=="extension" and r[0]["measure_id"]==8, r
assert r[0]["unit"]=="知识产权保护处" and r[0]["due"]=="2021-06-30" and r[0]["new_due"]=="2021-07-31" and r[0]["note"]=="人手不足", r' \
    "$("$CTL" -c "$T/d.conf" review --json)"
for _ in $(seq 100); do grep -q "ducha@example.org" "$T"/smtp/*.json 2>/dev/null && break; sleep 0.1; done
is "the supervisors get the request" "2021-06-30/申请延期（待审批）" "$(mails ducha@example.org)"
like "naming the unit, the new date and the reason" "$P 申请延期至 2021-07-31，理由：人手不足" "$(cat "$T/last.txt")"
review=$(link_in review)
like "with an approval link" "^$BASE/review/[0-9a-f]{32}\$" "$review"
page=$(curl -s "$review")
like "the approval page shows the old and the new date" '原截止日期</dt><dd>2021-06-30.*申请延期至</dt><dd>2021-07-31' "$(echo "$page" | tr -d '\n')"
like "and the reason, with approve and reject buttons" 'value="approve">批准延期.*value="reject">不批准' "$(echo "$page" | tr -d '\n')"
is "opening it records nothing" 1 "$("$CTL" -c "$T/d.conf" review --json | grep -c '"kind": "extension"')"
tampered=$(echo "$review" | sed 's/\(.*\)\(.\)$/\1/')$( [ "${review: -1}" = 0 ] && echo 1 || echo 0)
is "a tampered approval link: 404" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$tampered")"
is "rejecting without a note: 400" 400 "$(post "$review" 'decision=reject&note=')"
is "approving: 200" 200 "$(post "$review" 'decision=approve&note=%E5%90%8C%E6%84%8F')"
like "recorded" '已记录：已批准延期' "$(cat "$T/page.html")"
is "a second decision: 409" 409 "$(post "$review" 'decision=reject&note=no')"
like "saying it was decided before" '此申请已处理：已批准延期' "$(cat "$T/page.html")"
is "nothing waits any more" "[]" "$("$CTL" -c "$T/d.conf" review --json | tr -d '\n ')"
for _ in $(seq 100); do [ "$(grep -l bh@example.org "$T"/smtp/*.json | wc -l)" -ge 2 ] && break; sleep 0.1; done
is "$P is told of the approval" "2021-06-30/延期申请已批准" "$(mails bh@example.org)"
like "with the new date and the note" '新的截止日期 2021-07-31；意见：同意' "$(cat "$T/last.txt")"
board=$(curl -s "$BASE/api/v1/board")
ok "/api/v1/board gives the cell's extended_to" "$PY" -c '
import json,sys
b=json.loads(sys.argv[1])
cells=[c for c in b["cells"] if c["measure_id"]==8]
assert all(c["due"]=="2021-06-30" for c in cells), cells
got={c["unit"]:c.get("extended_to") for c in cells}
assert got=={"知识产权运用促进处":None,"知识产权保护处":"2021-07-31","省知识产权事业发展中心":None}, got' "$board"
like "the board shows 已延期 with the new date" '已延期至 2021-07-31' "$(curl -s "$BASE/")"
kill -TERM "$daemon"; wait "$daemon"

# --- an extension asked and rejected on the command line --------------------
out=$("$CTL" -c "$T/d.conf" --now 2021-06-17T10:00:00+08:00 extend 65 "$Z" --to 2021-07-15 --reason 等待数据)
like "extend asks on the command line" '^request [0-9]+: measure 65, 省知识产权事业发展中心, extension to 2021-07-15' "$out"
id=$(echo "$out" | sed 's/^request \([0-9]*\):.*/\1/')
status_is "a rejection needs a note (64)" 64 "$CTL" -c "$T/d.conf" reject "$id"
status_is "an unknown request: 65" 65 "$CTL" -c "$T/d.conf" reject 999 --note x
like "reject ID --note" 'extension rejected' "$("$CTL" -c "$T/d.conf" --now 2021-06-17T11:00:00+08:00 reject "$id" --note 理由不充分)"
status_is "decided once: the second refused (65)" 65 "$CTL" -c "$T/d.conf" approve "$id"
run 2021-06-17T11:00:00+08:00
mails zx@example.org >/dev/null
like "$Z is told why" '延期申请未获批准.*意见：理由不充分' "$(tr -d '\n' <"$T/last.txt")"
# A request whose measure is retired before the daemon routes it (as a
# re-import that drops it would) waits unsent; the passes go on.
"$CTL" -c "$T/d.conf" --now 2021-06-18T10:00:00+08:00 extend 65 "$Y" --to 2021-07-15 --reason x >/dev/null
"$PY" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update measure set retired_at = 1 where id = 65"); c.commit()' "$T/d.db"
run 2021-06-18T10:00:00+08:00; rc=$?
is "a request of a retired measure: the pass still exits 0" 0 "$rc"
is "and its notice waits, unsent" pending "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select state from notice where stage = \"extension\" and measure_id = 65 order by id desc").fetchone()[0])' "$T/d.db")"

# --- the passes as June 30 nears, then July 31 -------------------------------
mails yy@example.org >/dev/null	# its 06-16 notice
for day in 2021-06-23 2021-06-29 2021-06-30; do
    run "${day}T09:00:00+08:00"
    is "$day: nothing to $P" "" "$(mails bh@example.org)"
done
is "while $Y got June's notices of measure 8" \
    "2021-06-30/今天到期 2021-06-30/即将到期 2021-06-30/即将到期" "$(mails yy@example.org | sort | tr '\n' ' ' | sed 's/ $//')"
run 2021-07-19T09:00:00+08:00
is "07-19: $P's 14-day notice, of July 31" "2021-07-31/即将到期" "$(mails bh@example.org)"
run 2021-07-30T09:00:00+08:00
is "07-30: its 1-day notice" "2021-07-31/即将到期" "$(mails bh@example.org)"
ok "list shows the original and the new date" grep -q "$P extended to 2021-07-31" <(
    "$CTL" -c "$T/d.conf" --now 2021-06-20T10:00:00+08:00 list --due-within 30)
ok "list --json too" "$PY" -c '
import json,sys
m=[i for i in json.loads(sys.argv[1]) if i["measure_id"]==8][0]
assert m["due"]=="2021-06-30", m
assert {u["name"]:u["extended_to"] for u in m["units"]}=={"知识产权运用促进处":None,"知识产权保护处":"2021-07-31","省知识产权事业发展中心":None}, m' \
    "$("$CTL" -c "$T/d.conf" --now 2021-06-20T10:00:00+08:00 list --due-within 30 --json)"
ok "the history keeps both" "$PY" -c '
import sqlite3,sys
r=sqlite3.connect(sys.argv[1]).execute("select due,new_due,state,decided_source from request where measure_id=8").fetchall()
assert r==[("2021-06-30","2021-07-31","approved","web")], r' "$T/d.db"

# --- the approver by review_by -------------------------------------------------
# A measure with a lead unit: "lead" sends B's request to A, not to B nor
# the supervisors; "admin" to admin.
printf 'task_no\tsection\ttask\tmeasure\tunits\tdeadline\n1\t一、测试\t审批测试任务\t开展审批测试工作\tA处牵头，B处\t6月底前\n' >"$T/lead.tsv"
for by in lead admin; do
    mkdir -p "$T/$by"
    cat >"$T/$by.conf" <<CONF
database = "$T/$by.db";
timezone = "Asia/Shanghai";
review_by = "$by";
schedule: { lead_days = [7]; };
admin: { maildir = "$T/$by/admin"; };
supervisors: { maildir = "$T/$by/sup"; };
units = ( { name = "A处"; maildir = "$T/$by/a"; }, { name = "B处"; maildir = "$T/$by/b"; } );
CONF
    "$CTL" -c "$T/$by.conf" import "$T/lead.tsv" --year 2021 >/dev/null
    "$CTL" -c "$T/$by.conf" --now 2021-06-01T10:00:00+08:00 extend 1 B处 --to 2021-07-31 --reason x >/dev/null
    "$DAEMON" -c "$T/$by.conf" --once --now 2021-06-01T10:00:00+08:00 2>/dev/null
done
n() { ls "$T/$1/new" 2>/dev/null | wc -l; }
is "review_by lead: the lead unit A decides; not B, the supervisors or admin" "1 0 0 0" "$(n lead/a) $(n lead/b) $(n lead/sup) $(n lead/admin)"
is "review_by admin: admin decides" "0 0 0 1" "$(n admin/a) $(n admin/b) $(n admin/sup) $(n admin/admin)"

# --- reviewed completion ------------------------------------------------------
rm -f "$T/d.db"*; rm -rf "$T/smtp"/* "$T"/seen.*
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
like "plan-review PLAN_ID on" '^plan 1: review on$' "$("$CTL" -c "$T/d.conf" plan-review 1 on)"
run 2021-06-16T09:00:00+08:00
mails yy@example.org >/dev/null
mails zx@example.org >/dev/null
zack=$(link_in ack)
like "done under review says it waits" '待审核' "$("$CTL" -c "$T/d.conf" --now 2021-06-21T10:00:00+08:00 done 8 "$Y" --note 已完成并报送)"
id=$("$CTL" -c "$T/d.conf" review --json | "$PY" -c 'import json,sys; r=json.load(sys.stdin); assert r[0]["kind"]=="completion", r; print(r[0]["id"])')
"$DAEMON" -c "$T/d.conf" --now 2021-06-21T10:00:00+08:00 2>>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
is "已完成 on $Z's ack page under review: 200" 200 "$(post "$zack" 'kind=done&note=ok')"
like "the page says it waits for review" '已完成，待审核' "$(cat "$T/page.html")"
like "and so does the ack page when opened again (not 已完成)" '当前状态：<strong class="u acked">已完成，待审核' "$(curl -s "$zack")"
is "two completions wait" 2 "$("$CTL" -c "$T/d.conf" review --json | grep -c '"completion"')"
like "the board's cell: 待审核, not done" '"unit":"省知识产权事业发展中心"[^}]*"state":"acked","level":null,"extended_to":null,"review":"waiting"' \
    "$(curl -s "$BASE/api/v1/board" | grep '"measure_id":8,')"
kill -TERM "$daemon"; wait "$daemon"
run 2021-06-21T10:00:00+08:00
is "the supervisors get the completions to review" "2021-06-30/办结报告（待审核）" "$(mails ducha@example.org | sort -u)"
like "with an approval link" "$BASE/review/" "$(cat "$T/last.txt")"
run 2021-06-23T09:00:00+08:00
is "待审核: no notice to $Y" "" "$(mails yy@example.org)"
"$CTL" -c "$T/d.conf" --now 2021-06-24T10:00:00+08:00 reject "$id" --note 材料不全 >/dev/null
run 2021-06-24T10:00:00+08:00
is "退回: $Y is told" "2021-06-30/办结报告被退回" "$(mails yy@example.org)"
like "with the note" '办结报告被退回.*意见：材料不全' "$(tr -d '\n' <"$T/last.txt")"
run 2021-06-30T09:00:00+08:00
is "and reminders resume: the due-day notice" "2021-06-30/今天到期" "$(mails yy@example.org)"
"$CTL" -c "$T/d.conf" --now 2021-06-30T11:00:00+08:00 done 8 "$Y" >/dev/null
id=$("$CTL" -c "$T/d.conf" review --json | "$PY" -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["unit"]==sys.argv[1]][0])' "$Y")
like "approve ID confirms it (销号)" 'completion approved' "$("$CTL" -c "$T/d.conf" approve "$id")"
run 2021-06-30T12:00:00+08:00
run 2021-07-05T09:00:00+08:00
is "confirmed: no overdue notice, only the word of it" "2021-06-30/已审核销号" "$(mails yy@example.org)"
before=$(grep -l ducha@example.org "$T"/smtp/*.json | wc -l)
like "send-test supervisors" 'sent' "$("$CTL" -c "$T/d.conf" send-test supervisors)"
is "reaches the supervisors' address" $((before + 1)) "$(grep -l ducha@example.org "$T"/smtp/*.json | wc -l)"

# --- a request made on the command line under a running daemon ---------------
# The daemon plans again at once (as for a pause), not at its next
# planned pass: the supervisors hear of it within seconds.
"$DAEMON" -c "$T/d.conf" --now 2021-07-06T10:00:00+08:00 2>>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
sleep 1
mails ducha@example.org >/dev/null
like "extend under the running daemon" '^request [0-9]+: measure 8' \
    "$("$CTL" -c "$T/d.conf" --now 2021-07-06T10:00:01+08:00 extend 8 "$P" --to 2021-08-31 --reason 等待批复)"
got=
for _ in $(seq 100); do got=$(mails ducha@example.org); [ -n "$got" ] && break; sleep 0.1; done
is "the running daemon sends the supervisors the request at once" "2021-06-30/申请延期（待审批）" "$got"
kill -TERM "$daemon"; wait "$daemon"
done_testing
