#!/usr/bin/env bash
# Every member of a group answers for itself (issue 13): with the sample
# configuration's units and groups (各市市场监督管理局 = sixteen city
# bureaus, aliases such as 知识产权事业发展中心), each city gets its own
# reminders and ack links; one city's answer stops that city's notices
# for that measure and nobody else's; the board has a cell per city;
# every feed URL that `deadlinectl feeds` prints is served.
. "$(dirname "$0")/../lib.sh"

PORT=$(free_port); BASE="http://127.0.0.1:$PORT"
{
    cat <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; escalate_after_days = 1; };
http: { listen = "127.0.0.1:$PORT"; public_url = "$BASE"; };
maildir = "$T/mail";
admin: { maildir = "$T/admin"; };
CONF
    sed -n '/^units = (/,$p' "$TOP/etc/deadlined.conf"
} >"$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
cities=$(sed -n '/^groups = (/,$p' "$TOP/etc/deadlined.conf" | grep -o '"[^"]*市市场监督管理局"' | grep -v -e '各' -e '有关' | sort -u)
is "the sample group has sixteen cities" 16 "$(echo "$cities" | wc -l)"

# mails: "unit<TAB>measure<TAB>token" for each item of each new digest.
seen="$T/seen"; : >"$seen"
mails() {
    "$PY" - "$T/mail" "$seen" <<'PY'
import sys
from groups_mail import digests
seen = set(open(sys.argv[2]).read().split())
with open(sys.argv[2], "a") as s:
    for unit, items, name in digests(sys.argv[1], seen):
        s.write(name + "\n")
        for text, tok in items.items():
            print("%s\t%s\t%s" % (unit, text, tok))
PY
}
# serve_at TIME: the daemon serving HTTP at that instant (until stop_serving).
serve_at() {
    "$DAEMON" -c "$T/d.conf" --now "$1" 2>>"$T/log" &
    daemon=$!; pids+=($daemon)
    for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}
stop_serving() { kill -TERM "$daemon"; wait "$daemon" 2>/dev/null; }

# A quarterly check-in of an ongoing (全年) measure: each city gets its
# own; one city's answer shows on its own cell only, and the cities that
# were sent theirs wait for an answer (not "not notified").
C=各市县要结合自身实际	# 全年, the cities alone
"$DAEMON" -c "$T/d.conf" --once --now 2021-09-23T10:00:00+08:00 2>/dev/null
mails >"$T/m0"
is "the Q3 check-in goes to each city" 16 "$(grep -F "$C" "$T/m0" | grep -c '市市场监督管理局	')"
"$CTL" -c "$T/d.conf" --now 2021-09-23T11:00:00+08:00 ack \
    "$(grep -F "$C" "$T/m0" | grep '^淄博市市场监督管理局	' | cut -f3)" >/dev/null
serve_at 2021-09-24T10:00:00+08:00
curl -s "$BASE/api/v1/board" >"$T/board0.json"
stop_serving
measure_id() {	# measure_id TEXT-START
    "$CTL" -c "$T/d.conf" export | "$PY" -c '
import json,sys
d=json.load(sys.stdin)
print([m["id"] for t in d["tasks"] for m in t["measures"] if m["text"].startswith(sys.argv[1])][0])' "$1"
}
ok "the board counts the check-in: Zibo acknowledged, fifteen cities waiting" "$PY" -c '
import json,sys
b=json.load(open(sys.argv[1]))
c={x["unit"]:x["state"] for x in b["cells"] if x["measure_id"]==int(sys.argv[2]) and x["due"]=="2021-09-30"}
assert len(c)==16, c
assert c.pop("淄博市市场监督管理局")=="acked", c
assert set(c.values())=={"waiting"}, c' "$T/board0.json" "$(measure_id "$C")"

M=组织举办好第二届新旧动能转换高价值专利培育大赛	# 年底前, 省知识产权事业发展中心 and the cities
"$DAEMON" -c "$T/d.conf" --once --now 2021-12-24T10:00:00+08:00 2>/dev/null
mails >"$T/m1"
is "the 7-day notice of the measure goes to each city on its own" 16 \
    "$(grep -F "$M" "$T/m1" | grep -c '市市场监督管理局	')"
is "and to its other unit" 1 "$(grep -F "$M" "$T/m1" | grep -c '^省知识产权事业发展中心	')"
is "no digest is addressed to a group" 0 "$(grep -cE '^(各|各有关|有关)市市场监' "$T/m1")"
is "each city's link is its own" 17 "$(grep -F "$M" "$T/m1" | cut -f3 | sort -u | wc -l)"
tok() { grep -F "$M" "$T/m1" | grep "^$1	" | cut -f3; }

out=$("$CTL" -c "$T/d.conf" --now 2021-12-24T11:00:00+08:00 ack "$(tok 济南市市场监督管理局)")
like "Jinan acknowledges through its own link" '济南市市场监督管理局, due 2021-12-31' "$out"
ok "the acknowledgement log names the city" "$PY" -c '
import json,sys
a=json.loads(sys.argv[1])
assert a[-1]["unit"]=="济南市市场监督管理局" and a[-1]["due"]=="2021-12-31", a' "$("$CTL" -c "$T/d.conf" acks --json)"
mid=$(measure_id "$M")
ok "Qingdao marks it done from the command line, by its own name" \
    "$CTL" -c "$T/d.conf" --now 2021-12-24T11:30:00+08:00 done "$mid" 青岛市市场监督管理局
status_is "done for the group's name is refused: it names no unit of its own (65)" 65 \
    "$CTL" -c "$T/d.conf" done "$mid" 各市市场监督管理局

# The web side, with the daemon serving at the same instant.
serve_at 2021-12-24T12:00:00+08:00
like "Jinan's ack page shows its answer" '已收到|已确认' "$(curl -s "$BASE/ack/$(tok 济南市市场监督管理局)")"
page=$(curl -s "$BASE/ack/$(tok 菏泽市市场监督管理局)")
like "Heze's page shows its own unit and role" '菏泽市市场监督管理局' "$page"
unlike() { if [[ $3 =~ $2 ]]; then _report 1 "$1" "matched $2"; else _report 0 "$1"; fi; }
ok "Heze's page still asks for an answer" grep -q 'name="kind"' <<<"$page"
curl -s "$BASE/api/v1/board" >"$T/board.json"; board="$T/board.json"
ok "the board has a cell per city for the measure, each in its own state" "$PY" -c '
import json,sys
b=json.load(open(sys.argv[1])); mid=int(sys.argv[2])
c={x["unit"]:x for x in b["cells"] if x["measure_id"]==mid}
cities=[u for u in c if u.endswith("市市场监督管理局")]
assert len(cities)==16 and "各市市场监督管理局" not in c, sorted(c)
assert c["济南市市场监督管理局"]["state"]=="acked", c["济南市市场监督管理局"]
assert c["青岛市市场监督管理局"]["state"]=="done", c["青岛市市场监督管理局"]
assert all(c[u]["group"]=="各市市场监督管理局" for u in cities), c
assert sum(c[u]["state"] in ("acked","done") for u in cities)==2, c
assert c["省知识产权事业发展中心"]["group"] is None' "$board" "$mid"
ok "no unit of its own for an alias: 知识产权事业发展中心 is 省知识产权事业发展中心" "$PY" -c '
import json,sys
b=json.load(open(sys.argv[1]))
assert not any(x["unit"]=="知识产权事业发展中心" for x in b["cells"])' "$board"
ok "/?unit= a city shows that city's rows" grep -q "$M" <<<"$(curl -s "$BASE/?unit=%E6%B5%8E%E5%8D%97%E5%B8%82%E5%B8%82%E5%9C%BA%E7%9B%91%E7%9D%A3%E7%AE%A1%E7%90%86%E5%B1%80")"

# Feeds: every URL printed is served, with the unit's own events and alarms.
"$CTL" -c "$T/d.conf" feeds >"$T/feeds"
is "a feed URL per configured unit" "$(grep -c 'name = "' <(sed -n '/^units = (/,/^);/p' "$T/d.conf"))" "$(wc -l <"$T/feeds")"
bad=0; noalarm=0
while IFS=$'\t' read -r unit url; do
    cal=$(curl -s -w '\n%{http_code}' "$url")
    [ "${cal##*$'\n'}" = 200 ] || { bad=$((bad+1)); echo "# $unit: ${cal##*$'\n'}"; continue; }
    case $unit in *市市场监督管理局) grep -q 'BEGIN:VALARM' <<<"$cal" || noalarm=$((noalarm+1));; esac
done <"$T/feeds"
is "every feed URL is served" 0 "$bad"
is "every city's feed has alarms" 0 "$noalarm"
jn=$(curl -s "$(grep '^济南市市场监督管理局	' "$T/feeds" | cut -f2)")
like "a city's feed names the unit and the plan" 'X-WR-CALNAME:济南市市场监督管理局 · 2021' "$jn"
is "each event has the unit's own UID" "$(grep -c '^BEGIN:VEVENT' <<<"$jn")" "$(grep -cE '^UID:measure-[0-9]+-unit-[0-9a-f]{8}@' <<<"$jn")"
"$CTL" -c "$T/d.conf" --now 2021-12-24T12:00:00+08:00 export --format ics --unit 济南市市场监督管理局 >"$T/jn.ics"
is "the served feed and export --format ics --unit give the same events" \
    "$(grep -vE '^(DTSTAMP|X-WR-CALNAME)' "$T/jn.ics" | tr -d '\r' | md5sum)" "$(grep -vE '^(DTSTAMP|X-WR-CALNAME)' <<<"$jn" | tr -d '\r' | md5sum)"
acked() { curl -s "$BASE/metrics" | sed -n 's/^deadlined_board_cells{state="acked"} //p'; }
before=$(acked)
ok "/metrics has the board's cells, counted by the daemon" test "${before:-0}" -ge 1
curl -s -o /dev/null -H 'Content-Type: application/x-www-form-urlencoded' --data 'kind=ack' \
    "$BASE/ack/$(tok 菏泽市市场监督管理局)"
for _ in $(seq 50); do [ "$(acked)" = $((before + 1)) ] && break; sleep 0.1; done
is "an answer on the web is counted at once" $((before + 1)) "$(acked)"
ok "/metrics counts answers and messages from its counters" "$PY" -c '
import sys,re
m=sys.argv[1]
assert re.search(r"^deadlined_acks_total\{kind=\"ack\"\} 3$", m, re.M), m
assert re.search(r"^deadlined_acks_total\{kind=\"done\"\} 1$", m, re.M), m' "$(curl -s "$BASE/metrics")"
stop_serving

# The next lead date: Jinan and Heze (acknowledged) and Qingdao (done)
# are not reminded of the measure; the thirteen other cities are.
"$DAEMON" -c "$T/d.conf" --once --now 2021-12-30T10:00:00+08:00 2>/dev/null
mails >"$T/m2"
got=$(grep -F "$M" "$T/m2" | cut -f1 | grep '市市场监督管理局$' | sort)
is "the 1-day notice goes to the thirteen other cities" 13 "$(echo "$got" | grep -c .)"
ok "and not to Jinan, Qingdao or Heze" bash -c '! grep -qE "^(济南|青岛|菏泽)" <<<"$1"' _ "$got"
ok "the thirteen silent cities are escalated each by name, never the group" "$PY" - "$T/admin" "$M" <<'PY'
import email, email.policy, glob, os, re, sys
names = []
for f in glob.glob(os.path.join(sys.argv[1], "new", "*")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    for block in m.get_body(("plain",)).get_content().replace("\r\n", "\n").split("\n\n"):
        if "措施：" + sys.argv[2] in block and "未确认单位：" in block:
            names.append(re.search(r"未确认单位：(.*)", block).group(1))
cities = [n for n in names if n.endswith("市市场监督管理局")]
assert len(cities) == 13 and len(set(cities)) == 13, names
assert not set(cities) & {"济南市市场监督管理局", "青岛市市场监督管理局", "菏泽市市场监督管理局"}, names
assert not any(n.startswith("各") for n in names), names
PY

# A city joins the group: at the reload it is reminded and counted like
# the others, and every answer already given stays where it was.
serve_at 2021-12-30T12:00:00+08:00
sed -i 's/  { name = "菏泽市市场监督管理局"; }/  { name = "菏泽市市场监督管理局"; }, { name = "测试市市场监督管理局"; }/; s/"菏泽市市场监督管理局"\]/"菏泽市市场监督管理局", "测试市市场监督管理局"]/' "$T/d.conf"
kill -HUP "$daemon"
for _ in $(seq 50); do grep -q 'configuration reloaded' "$T/log" && break; sleep 0.1; done
like "the daemon reloads the configuration" 'configuration reloaded' "$(cat "$T/log")"
curl -s "$BASE/api/v1/board" >"$T/board2.json"
ok "the new city has its cell; Jinan's and Qingdao's answers stay" "$PY" -c '
import json,sys
b=json.load(open(sys.argv[1])); mid=int(sys.argv[2])
c={x["unit"]:x for x in b["cells"] if x["measure_id"]==mid}
assert len([u for u in c if u.endswith("市市场监督管理局")])==17, sorted(c)
assert c["测试市市场监督管理局"]["group"]=="各市市场监督管理局"
assert c["济南市市场监督管理局"]["state"]=="acked" and c["青岛市市场监督管理局"]["state"]=="done", c' "$T/board2.json" "$mid"
stop_serving

ok "the counters the triggers keep equal the tables' own counts" "$PY" - "$T/d.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
c = {(n, a, b): v for n, a, b, v in db.execute("SELECT name, l1, l2, value FROM counter")}
def same(name, rows):
    got = {k[1:]: v for k, v in c.items() if k[0] == name and v}
    want = {(a, b): v for a, b, v in rows if v}
    assert got == want, (name, got, want)
same("messages", db.execute("SELECT state, '', count(*) FROM message GROUP BY 1"))
same("acks", db.execute("SELECT kind, '', count(*) FROM ack GROUP BY 1"))
same("attempts", db.execute("SELECT channel, '', sum(attempts) FROM message WHERE state != 'skipped' GROUP BY 1"))
same("notices", db.execute("SELECT stage, state, count(*) FROM notice GROUP BY 1, 2"))
assert sum(v for k, v in c.items() if k[0] == "notices") > 100
PY

# check-config names what would resolve wrong, by file and line.
cat >"$T/bad.conf" <<'CONF'
units = ( { name = "济南市市场监督管理局"; }, { name = "青岛市市场监督管理局"; } );
groups = (
  { name = "各市市场监督管理局";
    members = ["济南市市场监督管理局",
               "青鸟市市场监督管理局"]; },
  { name = "甲组"; members = ["乙组"]; },
  { name = "乙组"; members = ["各市市场监督管理局", "甲组"]; }
);
CONF
out=$("$CTL" -c "$T/bad.conf" check-config 2>&1); rc=$?
is "check-config refuses groups that resolve wrong (78)" 78 "$rc"
like "naming the mistyped member by its line" "bad.conf:5: group \"各市市场监督管理局\": member \"青鸟市市场监督管理局\" is no configured unit" "$out"
like "and a group that contains itself through another" 'bad.conf:6: group "甲组" contains itself \(甲组 → 乙组 → 甲组\)' "$out"
ok "the sample configuration passes" "$CTL" -c "$TOP/etc/deadlined.conf" --db "$T/none.db" check-config
"$DAEMON" -c "$T/bad.conf" --db "$T/bad.db" --once --now 2021-12-24T10:00:00+08:00 2>"$T/bad.log"
like "the daemon runs on, and says so" 'bad.conf:5: group' "$(cat "$T/bad.log")"

# Names run together (a PDF cell's lines that each ended a name) are the
# configured units they name, with a warning at the row; a name whose
# parts are not all configured stays whole; --strict refuses.
printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n' >"$T/glued.tsv"
printf '计划\t2021\t1\t一、\t任务\t甲措施\t济南市市场监督管理局青岛市市场监督管理局\t年底前\n' >>"$T/glued.tsv"
printf '计划\t2021\t1\t一、\t任务\t乙措施\t济南市市场监督管理局青鸟市市场监督管理局\t年底前\n' >>"$T/glued.tsv"
out=$("$CTL" -c "$T/d.conf" --db "$T/glued.db" import --strict "$T/glued.tsv" 2>&1); rc=$?
is "--strict refuses names run together (65)" 65 "$rc"
ok "and stores nothing (no database made)" test ! -e "$T/glued.db"
out=$("$CTL" -c "$T/d.conf" --db "$T/glued.db" import "$T/glued.tsv" 2>&1)
like "the import warns at the row, naming the parts" 'glued.tsv:2: warning: unit "济南市市场监督管理局青岛市市场监督管理局" is none configured: read as 济南市市场监督管理局, 青岛市市场监督管理局' "$out"
is "one warning: the name with an unconfigured part is left whole" 1 "$(grep -c 'run together' <<<"$out")"
out=$("$CTL" -c "$T/d.conf" --db "$T/glued.db" --now 2021-12-01T10:00:00+08:00 list)
like "each is its own unit" 'units: 济南市市场监督管理局, 青岛市市场监督管理局' "$out"
like "the other stays one name" 'units: 济南市市场监督管理局青鸟市市场监督管理局' "$out"

done_testing
