#!/usr/bin/env bash
# Progress reports (进展填报, issue 17): the ack page's form (id
# "progress") and deadlinectl progress record a report in the answers log
# (kind progress, with its share complete, problems and next steps); the
# page lists the unit's earlier reports, escaped; bad reports are refused
# (the page 400, the command 64/65) and record nothing; the body limit of
# the ack page's POST fits the largest valid report and no more (413).  A
# report counts as 已收到: no lead notice, no escalation for that unit.
# Against a real SMTP server (aiosmtpd) and a real SQLite file, the seed
# plan's measure "积极推动机构改革…" (6月底前: 2021-06-30; units 知识产权运用
# 促进处, 知识产权保护处, 省知识产权事业发展中心).
. "$(dirname "$0")/../lib.sh"

start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
http_port=$(free_port)
BASE="http://127.0.0.1:$http_port"
write_conf() {	# write_conf EXTRA_SCHEDULE: the configuration, schedule extended
    cat >"$T/d.conf" <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; escalate_after_days = 2; $1 };
smtp: { url = "smtp://127.0.0.1:$smtp_port"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { listen = "127.0.0.1:$http_port"; public_url = "$BASE"; };
admin: { maildir = "$T/admin"; };
$(seed_units)
CONF
}
write_conf ""
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
mid=$("$CTL" -c "$T/d.conf" export | "$PY" -c '
import json,sys
d=json.load(sys.stdin)
print([m["id"] for t in d["tasks"] for m in t["measures"] if m["text"].startswith("积极推动机构改革")][0])')
acks() { "$CTL" -c "$T/d.conf" acks --json; }
nacks() { acks | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
code() { curl -s -o "$T/page.html" -w '%{http_code}' "$@"; }
post() {	# post URL BODY: the ack form's POST, as a browser sends it
    code -A 'Mozilla/5.0 (progress)' -H 'Content-Type: application/x-www-form-urlencoded' \
        --data-binary "$2" "$1"
}
enc() { "$PY" -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"; }
# link_for ADDRESS: the ack link of the item of measure $mid in the last
# mail to ADDRESS.
link_for() {
    "$PY" - "$T/smtp" "$1" <<'PY'
import email, email.policy, glob, json, os, re, sys
link = None
for j in sorted(glob.glob(os.path.join(sys.argv[1], "*.json")), key=lambda f: int(os.path.basename(f)[:-5])):
    if sys.argv[2] not in json.load(open(j))["rcpt_tos"]:
        continue
    m = email.message_from_binary_file(open(j[:-5] + ".eml", "rb"), policy=email.policy.default)
    t = m.get_body(("plain",)).get_content()
    for block in t.split("\n\n"):
        if "积极推动机构改革" in block:
            link = re.search(r"http://\S+/ack/[0-9a-f]{32}\S*", block).group(0)
print(link)
PY
}

"$DAEMON" -c "$T/d.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 100); do [ "$(ls "$T/smtp" 2>/dev/null | grep -c '\.json$')" -ge 4 ] && break; sleep 0.1; done
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
url=$(link_for bh@example.org)
like "知识产权保护处's 7-day notice carries the item's ack link" "^$BASE$ACK_LINK_RE\$" "$url"

# --- the page and its form -------------------------------------------------
is "the ack page opens" 200 "$(code "$url")"
like "it has the progress form (id progress), posting kind=progress" \
    '<form method="post" id="progress" action="/ack/[0-9a-f]{32}">' "$(cat "$T/page.html")"
like "with the text (required, 2000), percent (0-100), problems and next steps" \
    'name="text" rows="6" maxlength="2000" required.*name="percent" type="number" min="0" max="100".*name="problems".*name="next".*value="progress"' \
    "$(tr -d '\n' <"$T/page.html")"
unlike "no earlier reports yet" '本单位已报进展' "$(cat "$T/page.html")"
is "opening the page records nothing" 0 "$(nacks)"

cell() {	# cell UNIT: the board's state of measure $mid for UNIT
    curl -s "$BASE/api/v1/board" | "$PY" -c '
import json,sys
print([c["state"] for c in json.load(sys.stdin)["cells"] if c["measure_id"]==int(sys.argv[1]) and c["unit"]==sys.argv[2]][0])' "$mid" "$1"
}
is "the board: 知识产权保护处 notified, waiting" waiting "$(cell 知识产权保护处)"

evil='<script>alert(1)</script>&"'
is "a report through the form: 200" 200 "$(post "$url" "kind=progress&text=$(enc "完成调研 $evil
第二行")&percent=40&problems=$(enc "缺经费")&next=$(enc "7月验收")")"
like "the page says it is recorded, with its share" '已记录：<span class="u acked">已报告进展.*完成比例：<strong>40%' \
    "$(tr -d '\n' <"$T/page.html")"
unlike "the report's text is escaped on that page" '<script>' "$(cat "$T/page.html")"
ok "the log has it: kind progress, source web, share 40, problems, next steps, address and agent" "$PY" -c '
import json,sys
a=json.loads(sys.argv[1])
assert len(a)==1, a
x=a[0]
assert x["kind"]=="progress" and x["source"]=="web" and x["unit"]=="知识产权保护处" and x["due"]=="2021-06-30", x
assert x["note"]=="完成调研 <script>alert(1)</script>&\"\n第二行" and x["percent"]==40, x
assert x["problems"]=="缺经费" and x["next"]=="7月验收", x
assert x["remote"]=="127.0.0.1" and x["agent"]=="Mozilla/5.0 (progress)", x' "$(acks)"
is "the board follows at once: the report counts as 已收到" acked "$(cell 知识产权保护处)"
like "/metrics counts the report by its kind" '^deadlined_acks_total\{kind="progress"\} 1$' "$(curl -s "$BASE/metrics")"
curl -s -o "$T/page.html" "$url"
like "the page now lists the report, its share and texts, escaped" \
    '本单位已报进展.*完成 40%.*完成调研 &lt;script&gt;alert\(1\)&lt;/script&gt;&amp;&quot;.*缺经费.*7月验收' \
    "$(tr -d '\n' <"$T/page.html")"
unlike "no raw script on the page" '<script>' "$(cat "$T/page.html")"
sleep 1
post "$url" "kind=progress&text=$(enc "第二次报告")&percent=70" >/dev/null
curl -s -o "$T/page.html" "$url"
like "newest first" '第二次报告.*完成调研' "$(tr -d '\n' <"$T/page.html")"

# --- refused reports --------------------------------------------------------
n=$(nacks)
is "percent 101: 400" 400 "$(post "$url" "kind=progress&text=x&percent=101")"
like "the page says why, with a way back to the form" '完成比例应为 0 到 100 之间的整数.*#progress' \
    "$(tr -d '\n' <"$T/page.html")"
is "an empty text: 400" 400 "$(post "$url" "kind=progress&text=&percent=5")"
like "the page asks for the text" '请填写工作进展情况' "$(cat "$T/page.html")"
is "a text of spaces: 400" 400 "$(post "$url" "kind=progress&text=+++&percent=5")"
t2000=$("$PY" -c 'print("进" * 2000)')
t2001=$("$PY" -c 'print("进" * 2001)')
m1001=$("$PY" -c 'print("题" * 1001)')
is "2001 characters of text: 400" 400 "$(post "$url" "kind=progress&text=$(enc "$t2001")")"
is "1001 characters of problems: 400" 400 "$(post "$url" "kind=progress&text=x&problems=$(enc "$m1001")")"
is "1001 characters of next steps: 400" 400 "$(post "$url" "kind=progress&text=x&next=$(enc "$m1001")")"
is "two texts: 400" 400 "$(post "$url" "kind=progress&text=a&text=b")"
is "nothing of these is recorded" "$n" "$(nacks)"
# The largest valid report: 2000 + 1000 + 1000 four-byte characters, each
# %XX%XX%XX%XX: 48,000 bytes, well over the 4 KiB of other bodies.
big=$("$PY" -c '
import urllib.parse
q = lambda s: urllib.parse.quote_plus(s)
print("kind=progress&text=" + q("\U0001F600" * 2000) + "&percent=100&problems=" + q("\U0001F600" * 1000) + "&next=" + q("\U0001F600" * 1000))')
ok "the largest valid report is over 48,000 bytes" test "${#big}" -gt 48000
is "and is recorded: 200" 200 "$(post "$url" "$big")"
is "a 2000-character Chinese text (18 KB encoded): 200" 200 "$(post "$url" "kind=progress&text=$(enc "$t2000")&percent=90")"
is "both in the log" $((n + 2)) "$(nacks)"
n=$(nacks)
is "a body over the ack page's limit (49,024 bytes): 413" 413 "$(post "$url" "$big&x=$("$PY" -c 'print("a" * 1100)')")"
is "an ack form's 5 KB body (over 4 KiB, under the ack page's limit) is read and judged: 400 for the long note" \
    400 "$(post "$url" "kind=ack&note=$("$PY" -c 'print("a" * 5000)')")"
is "another route keeps 4 KiB: 413" 413 "$(code -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "x=$("$PY" -c 'print("a" * 5000)')" "$BASE/healthz")"
is "nothing recorded" "$n" "$(nacks)"
ok "the API lists the reports' fields" "$PY" -c '
import json,sys
a=[x for x in json.loads(sys.argv[1]) if x["kind"]=="progress"]
assert a[-1]["percent"]==90 and a[-1]["note"]=="进"*2000, a[-1]
assert all(set(("percent","problems","next")) <= set(x) for x in a)' "$(curl -s "$BASE/api/v1/acks")"
kill -TERM "$daemon"; wait "$daemon"

# --- the command line ---------------------------------------------------------
n=$(nacks)
status_is "progress without --text: 64" 64 "$CTL" -c "$T/d.conf" progress "$mid" 知识产权运用促进处
status_is "progress with --percent 101: 65" 65 "$CTL" -c "$T/d.conf" progress "$mid" 知识产权运用促进处 --text x --percent 101
err=$("$CTL" -c "$T/d.conf" progress "$mid" 知识产权运用促进处 --text x --percent 101 2>&1)
is "in one line naming the field" "deadlinectl: progress: percent: an integer from 0 to 100 expected" "$err"
status_is "progress with an empty --text: 65" 65 "$CTL" -c "$T/d.conf" progress "$mid" 知识产权运用促进处 --text ""
status_is "progress with 2001 characters: 65" 65 "$CTL" -c "$T/d.conf" progress "$mid" 知识产权运用促进处 --text "$t2001"
status_is "progress for a unit the measure does not name: 65" 65 "$CTL" -c "$T/d.conf" progress "$mid" 济南商标审协中心 --text x
status_is "progress for a bad measure id: 64" 64 "$CTL" -c "$T/d.conf" progress x1 知识产权运用促进处 --text x
is "nothing recorded" "$n" "$(nacks)"
out=$("$CTL" -c "$T/d.conf" --now 2021-06-24T09:00:00+08:00 progress "$mid" 知识产权运用促进处 \
    --text "已完成方案起草" --percent 30 --problems "需法规处会签" --next "月底报审")
like "progress MEASURE UNIT records the report" "^progress reported: measure $mid, 知识产权运用促进处, due 2021-06-30" "$out"
ok "the log has it: source cli, share 30, both texts" "$PY" -c '
import json,sys
x=json.loads(sys.argv[1])[-1]
assert x["kind"]=="progress" and x["source"]=="cli" and x["unit"]=="知识产权运用促进处", x
assert x["note"]=="已完成方案起草" and x["percent"]==30 and x["problems"]=="需法规处会签" and x["next"]=="月底报审", x
assert x["remote"] is None and x["at"].startswith("2021-06-24T09:00:00"), x' "$(acks)"
like "acks (text) shows the share and the texts" 'progress  cli  measure [0-9]+  知识产权运用促进处  due 2021-06-30  30%  已完成方案起草  problems: 需法规处会签  next: 月底报审' \
    "$("$CTL" -c "$T/d.conf" acks)"

# --- a report counts as 已收到 ---------------------------------------------------
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-25T10:00:00+08:00 2>/dev/null
is "escalation two working days on: only the unit that neither acknowledged nor reported" \
    "省知识产权事业发展中心" "$(sqlite3 "$T/d.db" "SELECT group_concat(unit) FROM notice WHERE stage = 'escalation' AND measure_id = $mid")"
before=$(ls "$T/smtp" | grep -c '\.json$')
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-29T10:00:00+08:00 2>/dev/null
is "the 1-day notice of the measure: only to the silent unit" "省知识产权事业发展中心" \
    "$(sqlite3 "$T/d.db" "SELECT group_concat(unit) FROM notice WHERE stage = 'lead' AND step = 1 AND measure_id = $mid")"

# --- report requests: schedule.progress { every = "month"; day = 25; } ---
# A fresh database.  Friday 25 June 2021: the request goes out three
# working days before, Tuesday 22 June at the window's opening; a report
# missing past the 25th gets the yellow notice the next working day,
# Monday 28 June.  知识产权运用促进处 reports before the request,
# 知识产权保护处 after it (through the request's link), 省知识产权事业发展
# 中心 not at all.
write_conf 'progress = { every = "month"; day = 25; lead_days = 3; };'
sed -i "s|$T/d.db|$T/p.db|; s|escalate_after_days = 2|escalate_after_days = 0|" "$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
like "check-config shows the schedule" 'schedule.progress.every = "month";.*schedule.progress.day = 25;.*schedule.progress.lead_days = 3;' \
    "$("$CTL" -c "$T/d.conf" check-config --verbose 2>&1 | tr '\n' ' ')"
# notices STAGE: the units with a current notice of STAGE for $mid's
# report date of 25 June
notices() {
    sqlite3 "$T/p.db" "SELECT group_concat(unit, ' ') FROM (SELECT unit FROM notice WHERE stage = '$1' AND measure_id = $mid AND current = 1 AND date(step * 86400, 'unixepoch') = '2021-06-25' ORDER BY unit)"
}
mails_since() {	# mails_since N: "ADDRESS|SUBJECT" of the mails after the first N
    "$PY" - "$T/smtp" "$1" <<'PY'
import email, email.policy, glob, json, os, sys
fs = sorted(glob.glob(os.path.join(sys.argv[1], "*.json")), key=lambda f: int(os.path.basename(f)[:-5]))
for j in fs[int(sys.argv[2]):]:
    m = email.message_from_binary_file(open(j[:-5] + ".eml", "rb"), policy=email.policy.default)
    print("%s|%s" % (",".join(json.load(open(j))["rcpt_tos"]), m["Subject"]))
PY
}
block_of() {	# block_of ADDRESS: measure $mid's block in the last mail to ADDRESS
    "$PY" - "$T/smtp" "$1" <<'PY'
import email, email.policy, glob, json, os, sys
out = ""
for j in sorted(glob.glob(os.path.join(sys.argv[1], "*.json")), key=lambda f: int(os.path.basename(f)[:-5])):
    if sys.argv[2] in json.load(open(j))["rcpt_tos"]:
        m = email.message_from_binary_file(open(j[:-5] + ".eml", "rb"), policy=email.policy.default)
        t = m.get_body(("plain",)).get_content()
        out = "\n---\n".join(b for b in t.split("\n\n") if "积极推动机构改革" in b)
print(out)
PY
}
nmail() { ls "$T/smtp" | grep -c '\.json$'; }

"$CTL" -c "$T/d.conf" --now 2021-06-21T16:00:00+08:00 progress "$mid" 知识产权运用促进处 --text "方案已起草" --percent 20 >/dev/null
n0=$(nmail)
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-22T08:30:00+08:00 2>/dev/null
is "Tuesday 22 June before the window: no request yet" "" "$(notices report)"
"$DAEMON" -c "$T/d.conf" --now 2021-06-22T10:00:00+08:00 2>"$T/p.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 100); do [ "$(nmail)" -gt "$n0" ] && break; sleep 0.1; done
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && sleep 0.5 && break; sleep 0.1; done
is "Tuesday 22 June, 3 working days before the 25th: a request for each unit that has not reported" \
    "省知识产权事业发展中心 知识产权保护处" "$(notices report)"
is "nothing older is sent: May's missing reports are recorded as missed" "" \
    "$(sqlite3 "$T/p.db" "SELECT group_concat(DISTINCT stage) FROM notice WHERE current = 1 AND date(step * 86400, 'unixepoch') < '2021-06-25' AND stage IN ('report', 'behind')")"
b=$(block_of bh@example.org)
like "the mail asks by when, with the ack link to the progress form" \
    "请于6月25日前报告进展.*$BASE/ack/[0-9a-f]{32}#progress" "$(printf '%s' "$b" | tr '\n' ' ')"
like "its subject: 提醒, counting the request" '^bh@example.org\|【提醒】.*待报进展' "$(mails_since "$n0" | grep '^bh@example.org|')"
is "no request about the measure to the unit that reported before" "" "$(block_of yy@example.org)"
rurl=$(printf '%s' "$b" | grep -o "$BASE/ack/[0-9a-f]*#progress" | head -n 1)
curl -s -o "$T/page.html" "$rurl"
like "the link opens the page with the progress form" 'id="progress"' "$(cat "$T/page.html")"
is "知识产权保护处 reports through it: 200" 200 "$(post "${rurl%#progress}" "kind=progress&text=$(enc "已召开推进会")&percent=50")"
kill -TERM "$daemon"; wait "$daemon"

n1=$(nmail)
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-23T10:00:00+08:00 2>/dev/null
ok "Wednesday: mail goes out (the 7-day notices)" test "$(nmail)" -gt "$n1"
unlike "but no request again" '报告进展' "$("$PY" - "$T/smtp" "$n1" <<'PY'
import email, email.policy, glob, os, sys
fs = sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=lambda f: int(os.path.basename(f)[:-4]))
for f in fs[int(sys.argv[2]):]:
    print(email.message_from_binary_file(open(f, "rb"), policy=email.policy.default).get_body(("plain",)).get_content())
PY
)"
is "one request per unit and period" 1 "$(sqlite3 "$T/p.db" "SELECT max(c) FROM (SELECT count(*) c FROM notice WHERE stage = 'report' AND current = 1 GROUP BY measure_id, unit, step)")"
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-25T18:00:00+08:00 2>/dev/null
is "Friday the 25th itself: nobody is behind yet" "" "$(notices behind)"
n2=$(nmail)
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-28T10:00:00+08:00 2>/dev/null
is "Monday 28 June: the yellow notice for the unit that did not report, only" \
    "省知识产权事业发展中心" "$(notices behind)"
like "its mail says the report is missing, with the link to the form" \
    "应于6月25日前报告进展，尚未报送，请尽快报告.*#progress" "$(block_of zx@example.org | tr '\n' ' ')"
like "its subject: 督办 first, counting it" '^zx@example.org\|【督办】.*进展未报' "$(mails_since "$n2")"
unlike "none about the measure for the units that reported" '进展' "$(block_of bh@example.org; block_of yy@example.org)"
# The board on Monday 28 June: the silent unit behind, the others with
# their latest report's share (chip and JSON), the text on hover.
"$DAEMON" -c "$T/d.conf" --now 2021-06-28T11:00:00+08:00 2>"$T/p2.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
ok "/api/v1/board: behind for the silent unit, each report's share, time and text" "$PY" -c '
import json,sys
cells={c["unit"]:c for c in json.loads(sys.argv[1])["cells"] if c["measure_id"]==int(sys.argv[2])}
assert cells["省知识产权事业发展中心"]["state"]=="behind" and cells["省知识产权事业发展中心"]["progress"] is None, cells
p=cells["知识产权保护处"]["progress"]
assert cells["知识产权保护处"]["state"]=="acked" and p["percent"]==50 and p["text"]=="已召开推进会" and p["at"].startswith("2021-06-22T10:"), cells
p=cells["知识产权运用促进处"]["progress"]
assert p=={"percent":20,"at":"2021-06-21T16:00:00+08:00","text":"方案已起草"}, p' "$(curl -s "$BASE/api/v1/board")" "$mid"
page=$(curl -s "$BASE/")
like "the dashboard: a yellow chip for the silent unit" '<span class="u behind" title="进展滞后">省知识产权事业发展中心</span>' "$page"
like "the others' chips show the share, the report on hover" \
    '<span class="u acked" title="已收到 · 进展（2021-06-22，完成 50%）：已召开推进会">知识产权保护处 <b>50%</b></span>' "$page"
like "the headline counts the units behind" '进展滞后 <strong>[1-9][0-9]*</strong>' "$page"
like "/metrics counts the board's behind cells" '^deadlined_board_cells\{state="behind"\} [1-9]' "$(curl -s "$BASE/metrics")"
kill -TERM "$daemon"; wait "$daemon"
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-29T10:00:00+08:00 2>/dev/null
is "once: no second yellow notice the next day" 1 \
    "$(sqlite3 "$T/p.db" "SELECT count(*) FROM notice WHERE stage = 'behind' AND measure_id = $mid AND unit = '省知识产权事业发展中心' AND date(step * 86400, 'unixepoch') = '2021-06-25'")"
unlike "no sanitizer report from the daemons" 'Sanitizer|runtime error' "$(cat "$T/daemon.log" "$T/p.log" "$T/p2.log")"

done_testing
