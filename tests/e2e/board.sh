#!/usr/bin/env bash
# The dashboard with the sample configuration's groups (sixteen city
# bureaus behind 各市市场监督管理局) on a day with overdue items: its
# layout in headless chromium at 1400 px and 390 px and in print
# (tests/browser/board.mjs; screenshots and the PDF are kept in
# build/artefacts/), its filters, and its size and pages when the plans
# grow.  Fails, never skips, when chromium, node or playwright-core is
# missing (make browser-deps).
. "$(dirname "$0")/../lib.sh"

PORT=$(free_port); BASE="http://127.0.0.1:$PORT"
{
    cat <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; escalate_after_days = 0; };
http: { listen = "127.0.0.1:$PORT"; public_url = "$BASE"; };
maildir = "$T/mail";
CONF
    sed -n '/^units = (/,$p' "$TOP/etc/deadlined.conf"
} >"$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
"$DAEMON" -c "$T/d.conf" --once --now 2021-09-24T10:00:00+08:00 2>/dev/null
"$DAEMON" -c "$T/d.conf" --now 2021-10-11T10:00:00+08:00 2>"$T/log" &
daemon=$!; pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done

curl -s "$BASE/" >"$T/board.html"
like "the headline counts what is in view" '<p class="headline"><strong>[0-9]+</strong> 项举措' "$(cat "$T/board.html")"
like "a group is one fold per row" '<details class="group"><summary>各市市场监督管理局 [0-9]+/16 已确认' "$(cat "$T/board.html")"
curl -s "$BASE/?group=%E5%90%84%E5%B8%82%E5%B8%82%E5%9C%BA%E7%9B%91%E7%9D%A3%E7%AE%A1%E7%90%86%E5%B1%80" >"$T/g.html"
ok "the group filter keeps only its members, in the counts too" "$PY" - "$T/g.html" <<'PY'
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
units = set(re.findall(r'<span class="u \w+" title="[^"]*">([^<]*)</span>', h))
assert units and all(u.endswith("市市场监督管理局") for u in units), units
rows = re.findall(r'<tr><th scope="row">([^<]*)</th>', h)
assert rows and all(u.endswith("市市场监督管理局") for u in rows), rows
m = re.search(r'<strong>(\d+)</strong> 项举措 · <strong>(\d+)</strong> 个单位事项', h)
assert m and int(m.group(2)) == 16 * int(m.group(1)), m and m.groups()
PY

ART="$TOP/build/artefacts"; mkdir -p "$ART"
browser_tap 120 board.mjs "$BASE/" "$ART"
kill -TERM "$daemon"; wait "$daemon"

# A plan of 2,000 measures, each with the group and a unit of its own:
# the board comes a page at a time, each page well under a megabyte.
"$PY" - "$T/big.csv" <<'PY'
import csv, sys
w = csv.writer(open(sys.argv[1], "w", newline="", encoding="utf-8"))
w.writerow(["task_no", "section", "task", "measure", "units", "deadline", "plan", "year"])
for i in range(2000):
    w.writerow([i // 10 + 1, "一、测试", "第%d项任务" % (i // 10 + 1),
                "推进第%d项工作，形成可复制的经验做法。" % (i + 1),
                "知识产权保护处牵头，各市市场监督管理局配合", "%d月底前" % (i % 12 + 1),
                "2021 年大型测试计划", "2021"])
PY
"$CTL" -c "$T/d.conf" import "$T/big.csv" >/dev/null
"$DAEMON" -c "$T/d.conf" --now 2021-10-11T10:00:00+08:00 2>>"$T/log" &
daemon=$!; pids+=($daemon)
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
size=$(curl -s -o "$T/p1.html" -w '%{size_download}' "$BASE/")
ok "a page of the board stays under 1 MB ($size bytes for 2,085 measures)" test "$size" -lt 1000000
like "it says which page of how many" '第 1 / 21 页' "$(cat "$T/p1.html")"
is "a page holds 100 rows" 100 "$(grep -c '^<tr[ >]' <(sed -n '/<table class="board">/,/<\/table>/p' "$T/p1.html"))"
like "and links to the next" 'href="/\?page=2"' "$(cat "$T/p1.html")"
last=$(curl -s "$BASE/?page=21")
is "the last page has the rest" 85 "$(grep -c '^<tr[ >]' <(sed -n '/<table class="board">/,/<\/table>/p' <<<"$last"))"
status_is "a page number that is not one: 400" 0 test "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/?page=x")" = 400
kill -TERM "$daemon"; wait "$daemon"

done_testing
