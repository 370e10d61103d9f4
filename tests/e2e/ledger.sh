#!/usr/bin/env bash
# The ledger (台账, issue 18) with the seed plan and the sample's
# sixteen-city groups: the 7-day notices of 12-24 sent, one city's
# acknowledgement (from its mail's link), a done on time and a late one,
# an approved extension, a progress report at 40 %, a done waiting for
# review and a confirmed one;
# `deadlinectl ledger` as XLSX (read with openpyxl: a row per item, each
# city its own, a frozen header, a filter, dates as dates, the state
# cells' text and fill, the 按单位 sheet's figures against counts made
# from the CSV: the new 考评 columns, the median working days from notice
# to answer and the items never answered, too), CSV and JSON holding the
# same rows; its refusals; 考评 of a period (--from/--to, the 按单位
# sheet counted from the CSV), `deadlinectl scores` (JSON as the sheet,
# the lowest on-time rate first, and its table), progress reports on
# time and late under schedule.progress; the daemon's /ledger.xlsx with
# the board's filters, behind the HTTP token when it listens beyond
# loopback, the board's 考评 table and /api/v1/scores with its filters and
# period; LibreOffice converting the workbook when soffice is installed.
. "$(dirname "$0")/../lib.sh"

PORT=$(free_port); BASE="http://127.0.0.1:$PORT"
{
    cat <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; escalate_after_days = 1; };
http: { listen = "127.0.0.1:$PORT"; public_url = "$BASE"; };
maildir = "$T/mail";
admin: { maildir = "$T/admin"; };
CONF
    sed -n '/^units = (/,$p' "$TOP/etc/deadlined.conf"
} >"$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
CHECK="$TOP/tests/ledger_check.py"
G=各市市场监督管理局
NOW=2022-01-05T10:00:00+08:00
ledger() { "$CTL" -c "$T/d.conf" --now "$NOW" ledger "$@"; }

# Before anything is sent: every item 未通知 or already overdue.
ledger --format csv -o "$T/l0.csv"
is "nothing sent: no item notified" 0 "$(grep -c -e ',已通知,' -e ',已确认,' -e ',已完成,' "$T/l0.csv")"

# The 7-day notices of the year-end measures, to each unit and each city.
"$DAEMON" -c "$T/d.conf" --once --now 2021-12-24T10:00:00+08:00 2>/dev/null
mid() {	# mid TEXT-START: the measure's id
    "$CTL" -c "$T/d.conf" export | "$PY" -c '
import json,sys
d=json.load(sys.stdin)
print([m["id"] for t in d["tasks"] for m in t["measures"] if m["text"].startswith(sys.argv[1])][0])' "$1"
}
M=组织举办好第二届新旧动能转换高价值专利培育大赛	# 年底前, the cities and another unit
MID=$(mid "$M")
# Zibo acknowledges through its mail's link; 青岛 reports it done.
tok=$("$PY" - "$T/mail" "$M" <<'PY'
import sys
from groups_mail import digests
for unit, items, _ in digests(sys.argv[1]):
    if unit == "淄博市市场监督管理局":
        print(next(t for text, t in items.items() if text.startswith(sys.argv[2])))
PY
)
like "Zibo's digest carries the measure's link" '^[0-9a-f]{32}$' "$tok"
"$CTL" -c "$T/d.conf" --now 2021-12-27T09:30:00+08:00 ack "$tok" >/dev/null
"$CTL" -c "$T/d.conf" --now 2021-12-28T16:00:00+08:00 done "$MID" 青岛市市场监督管理局 >/dev/null
# 济南 is done late, on 01-04.
"$CTL" -c "$T/d.conf" --now 2022-01-04T11:00:00+08:00 done "$MID" 济南市市场监督管理局 >/dev/null
# 烟台 asks for 2022-01-31 and the approver agrees.
"$CTL" -c "$T/d.conf" --now 2021-12-27T10:00:00+08:00 extend "$MID" 烟台市市场监督管理局 \
    --to 2022-01-31 --reason 需要协调场地 >/dev/null
req() { "$CTL" -c "$T/d.conf" review --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])'; }
"$CTL" -c "$T/d.conf" --now 2021-12-28T09:00:00+08:00 approve "$(req)" >/dev/null
# 烟台 reports progress at 40 %.
"$CTL" -c "$T/d.conf" --now 2021-12-30T10:00:00+08:00 progress "$MID" 烟台市市场监督管理局 \
    --text 场地协调已完成一半 --percent 40 >/dev/null
# Then the plan's completions are reviewed: 威海's waits (待审核), 潍坊's
# is confirmed (销号) on 12-30.
"$CTL" -c "$T/d.conf" plan-review 1 on >/dev/null
"$CTL" -c "$T/d.conf" --now 2021-12-29T10:00:00+08:00 done "$MID" 威海市市场监督管理局 >/dev/null
"$CTL" -c "$T/d.conf" --now 2021-12-29T11:00:00+08:00 done "$MID" 潍坊市市场监督管理局 >/dev/null
"$CTL" -c "$T/d.conf" --now 2021-12-30T15:00:00+08:00 approve "$(req)" >/dev/null

ledger --format xlsx -o "$T/l.xlsx"
ledger --format csv -o "$T/l.csv"
ledger --format json >"$T/l.json"
ok "the XLSX opens and the CSV and JSON hold the same rows" "$PY" "$CHECK" same "$T/l.xlsx" "$T/l.csv" "$T/l.json"
# A row for each item: the board's cells (the same day) are the items.
"$DAEMON" -c "$T/d.conf" --now "$NOW" 2>>"$T/log" &
daemon=$!; pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
curl -s "$BASE/api/v1/board" >"$T/board.json"
is "a row for each of the board's cells" \
    "$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cells"]))' "$T/board.json")" \
    "$(($(wc -l <"$T/l.csv") - 1))"
"$PY" "$CHECK" rows "$T/l.xlsx" >"$T/rows"
is "each city its own row of the measure" 16 "$(awk -F'\t' -v m="$MID" -v g="$G" '$3 == m && $4 == g' "$T/rows" | wc -l)"
is "Zibo: acknowledged, then overdue on 01-05" "逾期 5 天" \
    "$(awk -F'\t' -v m="$MID" '$3 == m && $1 == "淄博市市场监督管理局" {print $2}' "$T/rows")"
is "Qingdao: done" "已完成" "$(awk -F'\t' -v m="$MID" '$3 == m && $1 == "青岛市市场监督管理局" {print $2}' "$T/rows")"
like "Qingdao done on 12-28: on time" ',已完成,.*,2021-12-28T16:00:00\+08:00,,是.$' \
    "$(grep "^[^,]*,[^,]*,[^,]*,$MID,.*,青岛市市场监督管理局," "$T/l.csv")"
like "Jinan done on 01-04: late" ',已完成,.*,2022-01-04T11:00:00\+08:00,,否.$' \
    "$(grep "^[^,]*,[^,]*,[^,]*,$MID,.*,济南市市场监督管理局," "$T/l.csv")"
like "Zibo's row: notified on 12-24, acknowledged on 12-27" \
    ',逾期 5 天,2021-12-24T10:[0-9:]{5}\+08:00,2021-12-27T09:30:00\+08:00,' \
    "$(grep "^[^,]*,[^,]*,[^,]*,$MID,.*,淄博市市场监督管理局," "$T/l.csv")"
like "Yantai: its original date and the new one, in progress at 40 %, the report's time and text" \
    ',年底前,2021-12-31,2022-01-31,进行中 40%,2021-12-24T10:[0-9:]{5}\+08:00,,2021-12-30T10:00:00\+08:00,40,场地协调已完成一半,,,.$' \
    "$(grep "^[^,]*,[^,]*,[^,]*,$MID,.*,烟台市市场监督管理局," "$T/l.csv")"
is "Weihai's done waits for review" "待审核" "$(awk -F'\t' -v m="$MID" '$3 == m && $1 == "威海市市场监督管理局" {print $2}' "$T/rows")"
like "Weifang's is confirmed: done on 12-29, 销号 on 12-30, on time" \
    ',已完成,.*,2021-12-29T11:00:00\+08:00,2021-12-30T15:00:00\+08:00,是.$' \
    "$(grep "^[^,]*,[^,]*,[^,]*,$MID,.*,潍坊市市场监督管理局," "$T/l.csv")"
ok "the sheet: header frozen, filter set, dates as dates, states filled" "$PY" "$CHECK" sheet "$T/l.xlsx"
ok "按单位: each unit's figures as counted from the CSV" "$PY" "$CHECK" units "$T/l.xlsx" "$T/l.csv" 2022-01-05
# 考评 of a period: the items due in [--from, --to], the bounds in it.
ledger --from 2021-12-31 --to 2021-12-31 -o "$T/p.xlsx"
ok "--from/--to: 按单位 of the items due in the period, counted from the CSV" \
    "$PY" "$CHECK" units "$T/p.xlsx" "$T/l.csv" 2022-01-05 2021-12-31 2021-12-31
is "Yantai's item extended to 01-31 counts in January, as the CSV's rows due then" \
    "$("$PY" -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if r["责任单位"].startswith("烟台") and (r["延期至"] or r["截止日期"]) == "2022-01-31"))' "$T/l.csv")" \
    "$("$CTL" -c "$T/d.conf" --now "$NOW" scores --json --from 2022-01-01 --to 2022-01-31 --unit 烟台市市场监督管理局 |
        "$PY" -c 'import json,sys; print(sum(u["items"] for u in json.load(sys.stdin)["units"]))')"
scores() { "$CTL" -c "$T/d.conf" --now "$NOW" scores "$@"; }
scores --json --from 2021-12-31 --to 2021-12-31 >"$T/ps.json"
ok "scores --json: 按单位's figures, the lowest on-time rate first" "$PY" "$CHECK" scores "$T/ps.json" "$T/p.xlsx"
scores --json >"$T/s.json"
ok "scores --json without a period: every item's" "$PY" "$CHECK" scores "$T/s.json" "$T/l.xlsx"
like "schedule.progress off: no report counted" '"reports_due": null, "reports_on_time": null' "$(cat "$T/s.json")"
out=$(scores --from 2021-12-31 --to 2021-12-31)
like "scores: a table headed by its period" '^考评 2021-12-31 至 2021-12-31（报告日 2022-01-05）' "$out"
is "a line per unit under the header" "$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["units"]))' "$T/ps.json")" \
    "$(($(printf '%s\n' "$out" | wc -l) - 2))"
is "its first unit the JSON's first" "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["units"][0]["unit"])' "$T/ps.json")" \
    "$(printf '%s\n' "$out" | sed -n 3p | cut -d' ' -f1)"
status_is "scores --from after --to: exit 64" 64 scores --from 2022-01-01 --to 2021-12-31
status_is "scores --from not a date: exit 64" 64 scores --from 2021-13-01
status_is "ledger --to not a date: exit 64" 64 ledger --to x -o "$T/x.xlsx"

# --unit: a unit, or a group's members; nothing matched is an error.
ledger --format csv --unit 淄博市市场监督管理局 -o "$T/zibo.csv"
is "--unit: that unit's rows alone" "$(grep -c ',淄博市市场监督管理局,' "$T/l.csv")" "$(($(wc -l <"$T/zibo.csv") - 1))"
ledger --format csv --unit "$G" -o "$T/g.csv"
is "--unit GROUP: its members' rows" "$(grep -c ",$G," "$T/l.csv")" "$(($(wc -l <"$T/g.csv") - 1))"
status_is "--unit matching nothing: exit 65" 65 ledger --unit 无此单位 -o "$T/x.xlsx"
like "saying so in one line" '^deadlinectl: ledger: no item of unit "无此单位"$' "$(ledger --unit 无此单位 -o "$T/x.xlsx" 2>&1)"
status_is "--plan naming no plan: exit 66" 66 ledger --plan 99 -o "$T/x.xlsx"
status_is "--format pdf: exit 64" 64 ledger --format pdf
# A workbook is not for a terminal (script gives the command one).
out=$(script -qec "$CTL -c $T/d.conf --now $NOW ledger; echo rc=\$?" /dev/null | tr -d '\r')
like "XLSX to a terminal: refused" 'not writing a workbook to a terminal' "$out"
like "exit 64" 'rc=64' "$out"
ledger -o - >"$T/stdout.xlsx"
ok "-o - to a file: the workbook" "$PY" "$CHECK" sheet "$T/stdout.xlsx"

# /ledger.xlsx: the board's filters, the same workbook.
tmps=$(ls -d "${TMPDIR:-/tmp}"/deadlined-ledger.* 2>/dev/null | wc -l)
hdr=$(curl -s -D - -o "$T/w.xlsx" "$BASE/ledger.xlsx?group=$G&state=overdue" | tr -d '\r')
like "/ledger.xlsx: 200" '^HTTP/1\.1 200' "$hdr"
like "its type" '^Content-Type: application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$' "$hdr"
like "an attachment with an ASCII name and a UTF-8 one" \
    "^Content-Disposition: attachment; filename=\"ledger-2022-01-05\.xlsx\"; filename\*=UTF-8''%E5%8F%B0%E8%B4%A6-2022-01-05\.xlsx$" "$hdr"
"$PY" "$CHECK" rows "$T/w.xlsx" >"$T/wrows"
is "the filter's rows alone: the board's overdue cities" \
    "$("$PY" -c 'import json,sys; print(sum(1 for c in json.load(open(sys.argv[1]))["cells"] if c["group"]==sys.argv[2] and c["state"]=="overdue"))' "$T/board.json" "$G")" \
    "$(wc -l <"$T/wrows")"
is "every one a city, every one overdue" "" "$(awk -F'\t' -v g="$G" '$4 != g || $2 !~ /^逾期/' "$T/wrows")"
ok "the same sheet's form" "$PY" "$CHECK" sheet "$T/w.xlsx"
is "a malformed filter: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ledger.xlsx?plan=x")"
like "the board links to it with its filters" 'href="/ledger\.xlsx\?unit=%E6%B7%84' \
    "$(curl -s "$BASE/?unit=淄博市市场监督管理局")"
# The board's 考评: the same figures, its filters and period kept.
curl -s "$BASE/api/v1/scores?from=2021-12-31&to=2021-12-31" >"$T/api.json"
is "/api/v1/scores: scores --json's units" \
    "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["units"])' "$T/ps.json")" \
    "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["units"])' "$T/api.json")"
curl -s "$BASE/api/v1/scores?group=$G&from=2021-12-31&to=2021-12-31" >"$T/apig.json"
is "with the board's filters: scores --unit GROUP's" \
    "$("$CTL" -c "$T/d.conf" --now "$NOW" scores --json --unit "$G" --from 2021-12-31 --to 2021-12-31 |
        "$PY" -c 'import json,sys; print(json.load(sys.stdin)["units"])')" \
    "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["units"])' "$T/apig.json")"
curl -s "$BASE/?group=$G&from=2021-12-31&to=2021-12-31" >"$T/page.html"
page=$(cat "$T/page.html")
cat >"$T/board_scores.py" <<'PY'
import json, re, sys
api = [u for u in json.load(open(sys.argv[1]))["units"]]
page = open(sys.argv[3]).read()
i = page.index('<h2 id="scores">考评</h2>')
sec = page[i:page.index("</div>", i)]
g = re.search(r'<details class="group scores"><summary>(.*?)：按期率 (\d+)%（(\d+)/(\d+)）', sec)
assert g and g.group(1) == sys.argv[2], sec[:400]
got = re.findall(r'<tr><th scope="row">(.*?)</th><td class="n">(\d+)</td><td class="n">(\d+)</td>'
                 r'<td class="n">(\d+)</td><td class="n[ a-z]*">(\d+)</td><td class="n">(\d+)</td>'
                 r'<td class="n">(\d+)</td><td class="n rate">(\d+%|—)</td>', sec)
want = [(u["unit"], str(u["items"]), str(u["done_on_time"]), str(u["done_late"]), str(u["overdue"]),
         str(u["open"]), str(u["due_by_report_date"]),
         "—" if u["on_time_rate"] is None else "%d%%" % u["on_time_rate"]) for u in api]
want = [w for w in want if w[0] != sys.argv[2]]
assert got == want and len(got) == 16, (got, want)
due = sum(u["due_by_report_date"] for u in api)
assert int(g.group(4)) == due, (g.group(0), due)
print("ok")
PY
ok "the board's 考评 lists, as /api/v1/scores, the group's members folded under it" \
    "$PY" "$T/board_scores.py" "$T/apig.json" "$G" "$T/page.html"
plain=$(curl -s "$BASE/?group=$G")
like "without a period asked for: 考评's form" '<form class="period" method="get" action="/">' "$plain"
unlike "and no table counted" 'table class="counts scores"' "$plain"
like "an empty period asked for: every item's" '<table class="counts scores">' "$(curl -s "$BASE/?group=$G&from=&to=")"
like "the level links keep the period" 'class="lv remind" href="/\?page=1&amp;group=[^"]*&amp;level=remind&amp;from=2021-12-31&amp;to=2021-12-31"' "$page"
like "and so does the workbook's link" 'href="/ledger\.xlsx\?group=[^"]*&amp;from=2021-12-31&amp;to=2021-12-31"' "$page"
curl -s -o "$T/wp.xlsx" "$BASE/ledger.xlsx?from=2021-12-31&to=2021-12-31"
ok "/ledger.xlsx for a period: 按单位 of the items due in it, counted from the CSV" \
    "$PY" "$CHECK" units "$T/wp.xlsx" "$T/l.csv" 2022-01-05 2021-12-31 2021-12-31
is "/ledger.xlsx with a malformed period: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ledger.xlsx?to=2021-13-01")"
like "the period's form keeps the filters" '<input type="hidden" name="group" value="各市市场监督管理局"><label>截止日期自 <input type="date" name="from" value="2021-12-31">' "$page"
is "a malformed period: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/?from=2021-02-30")"
is "from after to: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/scores?from=2022-01-01&to=2021-01-01")"
# A script reading /api/ gets JSON whatever the status.
jerr() { curl -s -w ' %{content_type}' "$@" | "$PY" -c 'import json, sys
body, _, ctype = sys.stdin.read().rpartition(" ")
print(ctype, json.loads(body)["status"], json.loads(body)["error"])'; }
is "/api/ answers a malformed query in JSON" "application/json 400 Bad Request" "$(jerr "$BASE/api/v1/scores?from=2021-02-30")"
is "and an unknown /api/ path" "application/json 404 Not Found" "$(jerr "$BASE/api/v2/board")"
is "and a POST to it" "application/json 405 Method Not Allowed" "$(jerr -d x=1 "$BASE/api/v1/board")"
like "a page's error stays a page" '^<!DOCTYPE html>' "$(curl -s "$BASE/?from=2021-02-30")"
is "no temporary directory left" "$tmps" "$(ls -d "${TMPDIR:-/tmp}"/deadlined-ledger.* 2>/dev/null | wc -l)"
kill -TERM "$daemon"; wait "$daemon" 2>/dev/null

# Beyond loopback, the dashboard's token.
sed "s|listen = \"127.0.0.1:$PORT\"|listen = \"0.0.0.0:$PORT\"|" "$T/d.conf" >"$T/r.conf"
DEADLINED_HTTP_TOKEN=Tok-Ledger-5ecret "$DAEMON" -c "$T/r.conf" --now "$NOW" 2>>"$T/log" &
pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/healthz" && break; sleep 0.1; done
is "listening beyond loopback: 401 without the token" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ledger.xlsx")"
is "200 with it" 200 "$(curl -s -o "$T/t.xlsx" -w '%{http_code}' -H 'Authorization: Bearer Tok-Ledger-5ecret' "$BASE/ledger.xlsx")"
is "/api/v1/scores: 401 without the token" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/scores")"
is "in JSON" "application/json 401 Unauthorized" "$(jerr "$BASE/api/v1/scores")"
ok "and the whole ledger" "$PY" "$CHECK" same "$T/t.xlsx" "$T/l.csv" "$T/l.json"
stop_all

# Progress reports (schedule.progress monthly by the 25th): the report
# date in December is Friday 12-24 (the 25th a Saturday).  东营's report
# on 12-23 counts for it: one more on time, as many due.
sed 's|schedule: { lead_days = \[7, 1, 0\];|schedule: { progress = { every = "month"; day = 25; }; lead_days = [7, 1, 0];|' \
    "$T/d.conf" >"$T/pr.conf"
dy() { "$CTL" -c "$T/pr.conf" --now "$NOW" scores --json --from 2021-12-01 --to 2021-12-31 --unit 东营市市场监督管理局 |
    "$PY" -c 'import json,sys; u=json.load(sys.stdin)["units"][0]; print(u["reports_due"], u["reports_on_time"])'; }
before=$(dy)
like "reports counted when schedule.progress is on" '^[1-9][0-9]* 0$' "$before"
"$CTL" -c "$T/pr.conf" --now 2021-12-23T10:00:00+08:00 progress "$MID" 东营市市场监督管理局 --text 进展 >/dev/null
is "a report by the date: on time" "${before% *} 1" "$(dy)"
"$CTL" -c "$T/pr.conf" --now 2021-12-25T10:00:00+08:00 progress "$MID" 日照市市场监督管理局 --text 进展 >/dev/null
like "one the day after: late" ' 0$' "$("$CTL" -c "$T/pr.conf" --now "$NOW" scores --json --from 2021-12-01 --to 2021-12-31 --unit 日照市市场监督管理局 |
    "$PY" -c 'import json,sys; u=json.load(sys.stdin)["units"][0]; print(u["reports_due"], u["reports_on_time"])')"

# LibreOffice reads it too (a large install: used when present).
if command -v soffice >/dev/null 2>&1; then
    mkdir -p "$T/lo"
    HOME="$T/lo" timeout 180 soffice --headless --norestore --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 \
        --outdir "$T/lo" "$T/l.xlsx" >"$T/lo.log" 2>&1
    is "LibreOffice converts the workbook: as many lines as the CSV" "$(wc -l <"$T/l.csv")" "$(wc -l <"$T/lo/l.csv" 2>/dev/null)"
    like "with the states as written" "逾期 5 天" "$(cat "$T/lo/l.csv" 2>/dev/null)"
else
    _report 0 "LibreOffice converts the workbook # SKIP soffice is not installed"
fi
done_testing
