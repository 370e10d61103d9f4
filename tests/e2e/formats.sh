#!/usr/bin/env bash
# CSV, TSV and iCalendar: exports that import again to the identical plan.
. "$(dirname "$0")/../lib.sh"

"$CTL" --db "$T/a.db" import "$SEED" >/dev/null
"$CTL" --db "$T/a.db" export --format json >"$T/a.json"
for fmt in csv tsv; do
    "$CTL" --db "$T/a.db" export --format $fmt >"$T/plan.$fmt"
    out=$("$CTL" --db "$T/$fmt.db" import "$T/plan.$fmt" 2>&1)
    like "$fmt export imports (format detected)" '25 tasks, 85 measures; 85 added' "$out"
    "$CTL" --db "$T/$fmt.db" export --format json >"$T/$fmt.json"
    ok "$fmt round trip gives the identical plan" cmp "$T/a.json" "$T/$fmt.json"
    out=$("$CTL" --db "$T/a.db" import "$T/plan.$fmt" --format $fmt 2>&1)
    like "$fmt re-import into the same database is the same plan" '0 added, 0 updated, 85 unchanged' "$out"
done
head -1 "$T/plan.csv" >"$T/header"
like "CSV header names the columns" '^plan,year,task_no,section,task,measure,units,deadline' "$(cat "$T/header")"

"$CTL" --db "$T/a.db" --now 2021-06-01T00:00:00Z export --format ics >"$T/plan.ics"
ok "iCalendar export is folded and CRLF-terminated" "$PY" -c '
import sys
data=open(sys.argv[1],"rb").read()
lines=data.split(b"\r\n")
assert lines[0]==b"BEGIN:VCALENDAR", lines[0]
assert all(len(l)<=75 for l in lines), max(len(l) for l in lines)
assert data.count(b"BEGIN:VEVENT")==85, data.count(b"BEGIN:VEVENT")
assert b"DTSTART;VALUE=DATE:20210930" in data
data.decode("utf-8")' "$T/plan.ics"

# The calendar as Mozilla's ical.js reads it (Thunderbird's parser):
# every event of the seed parses, and each kind of deadline recurs on
# its days, rules expanded.
browser_tap 60 ics.mjs "$T/plan.ics"
like "ical.js: the seed's 85 events" 'ical.js reads the calendar: 85 events' "$(cat "$T/browser.out")"
# plan_ics NAME DEADLINE...: a plan NAME of 2026, a measure for each
# deadline, imported into $T/NAME.db; then ics_read NAME [ARGS...]: its
# calendar exported on January 1st (deadlinectl ARGS first, such as -c)
# and read by ical.js into $T/browser.out.
plan_ics() {
    local name=$1 d
    shift
    {
        printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
        for d in "$@"; do
            printf '%s\t2026\t1\t一、总体\t调度\t%s\t办公室\t%s\n' "$name" "$d" "$d"
        done
    } >"$T/$name.tsv"
    "$CTL" --db "$T/$name.db" import "$T/$name.tsv" >/dev/null
}
ics_read() {
    local name=$1
    shift
    "$CTL" "$@" --db "$T/$name.db" --now 2026-01-01T00:00:00+08:00 export --format ics >"$T/$name.ics"
    browser_tap 60 ics.mjs "$T/$name.ics"
}
plan_ics periodic 6月底前 每月 每月5日前 每月30号之前 每月上旬 每季度 每半年 全年 \
    每季度结束后10日内 每季度首月31日前 次月5日前 每周 每周一前 双月 每两周 \
    每半月 每旬
ics_read periodic
occurs() { sed -n "s/^# 任务1：$1: //p" "$T/browser.out"; }
is "ical.js: 6月底前 once" "2026-06-30" "$(occurs 6月底前)"
is "ical.js: 每月 at every month's end" "2026-01-31 2026-02-28 2026-03-31 2026-04-30 2026-05-31 2026-06-30 2026-07-31 2026-08-31 2026-09-30 2026-10-31 2026-11-30 2026-12-31" "$(occurs 每月)"
is "ical.js: 每月5日前 on every 5th" "2026-01-05 2026-02-05 2026-03-05 2026-04-05 2026-05-05 2026-06-05 2026-07-05 2026-08-05 2026-09-05 2026-10-05 2026-11-05 2026-12-05" "$(occurs 每月5日前)"
is "ical.js: 每月30号之前 on every 30th, February's last day" "2026-01-30 2026-02-28 2026-03-30 2026-04-30 2026-05-30 2026-06-30 2026-07-30 2026-08-30 2026-09-30 2026-10-30 2026-11-30 2026-12-30" "$(occurs 每月30号之前)"
is "ical.js: 每月上旬 on every 10th" "2026-01-10 2026-02-10 2026-03-10 2026-04-10 2026-05-10 2026-06-10 2026-07-10 2026-08-10 2026-09-10 2026-10-10 2026-11-10 2026-12-10" "$(occurs 每月上旬)"
is "ical.js: 每季度 at every quarter's end" "2026-03-31 2026-06-30 2026-09-30 2026-12-31" "$(occurs 每季度)"
is "ical.js: 每半年 at June's and December's end" "2026-06-30 2026-12-31" "$(occurs 每半年)"
is "ical.js: 全年 at the year's end" "2026-12-31" "$(occurs 全年)"
is "ical.js: 每季度结束后10日内 the 10th after each quarter, the fourth's next January" "2026-04-10 2026-07-10 2026-10-10 2027-01-10" "$(occurs 每季度结束后10日内)"
is "ical.js: 每季度首月31日前 in each quarter's first month, April's last day" "2026-01-31 2026-04-30 2026-07-31 2026-10-31" "$(occurs 每季度首月31日前)"
weekdays() { "$PY" -c '
import datetime, sys
ds = [datetime.date.fromisoformat(d) for d in sys.argv[2:]]
print(len(ds), ds[0], ds[-1], {d.isoweekday() for d in ds} == {int(sys.argv[1])})' "$@"; }
# shellcheck disable=SC2046
is "ical.js: 每周 on every Friday of the year" "52 2026-01-02 2026-12-25 True" "$(weekdays 5 $(occurs 每周))"
# shellcheck disable=SC2046
is "ical.js: 每周一前 on every Monday of the year" "52 2026-01-05 2026-12-28 True" "$(weekdays 1 $(occurs 每周一前))"
# shellcheck disable=SC2046
is "ical.js: 每两周 on every other Friday from the first" "26 2026-01-02 2026-12-18 True" "$(weekdays 5 $(occurs 每两周))"
gaps() { "$PY" -c '
import datetime, sys
ds = [datetime.date.fromisoformat(d) for d in sys.argv[1:]]
print(sorted({(b - a).days for a, b in zip(ds, ds[1:])}))' "$@"; }
# shellcheck disable=SC2046
is "ical.js: 每两周 fourteen days apart" "[14]" "$(gaps $(occurs 每两周))"
is "ical.js: 双月 at every other month's end" "2026-02-28 2026-04-30 2026-06-30 2026-08-31 2026-10-31 2026-12-31" "$(occurs 双月)"
# The parts of each month: the days given, then the month's last.
parts() { "$PY" -c '
import calendar, sys
print(" ".join("2026-%02d-%02d" % (m, d) for m in range(1, 13)
               for d in [int(a) for a in sys.argv[1:]] + [calendar.monthrange(2026, m)[1]]))' "$@"; }
is "ical.js: 每半月 on every 15th and month end" "$(parts 15)" "$(occurs 每半月)"
is "ical.js: 每旬 on every 10th, 20th and month end" "$(parts 10 20)" "$(occurs 每旬)"
is "ical.js: 次月5日前 on the 5th of each next month" "2026-02-05 2026-03-05 2026-04-05 2026-05-05 2026-06-05 2026-07-05 2026-08-05 2026-09-05 2026-10-05 2026-11-05 2026-12-05 2027-01-05" "$(occurs 次月5日前)"
# A working day of the month: Monday to Friday without a holiday
# calendar; with the sample's, 2026's (Jan 1-3 off and Sunday Jan 4
# worked, Oct 1-7 off and Saturday Oct 10 worked), the calendar's day.
plan_ics workdays 每季度结束后5个工作日内 每月第一个工作日
ics_read workdays
is "ical.js: 每季度结束后5个工作日内, Monday to Friday" "2026-04-07 2026-07-07 2026-10-07 2027-01-07" "$(occurs 每季度结束后5个工作日内)"
ics_read workdays -c "$TOP/etc/deadlined.conf"
is "ical.js: 每季度结束后5个工作日内 under the holiday calendar" "2026-04-08 2026-07-07 2026-10-13 2027-01-07" "$(occurs 每季度结束后5个工作日内)"
is "ical.js: 每月第一个工作日 under the holiday calendar" "2026-01-04 2026-02-02 2026-03-02 2026-04-01 2026-05-06 2026-06-01 2026-07-01 2026-08-03 2026-09-01 2026-10-08 2026-11-02 2026-12-01" "$(occurs 每月第一个工作日)"

"$CTL" --db "$T/a.db" export --format json --unit 综合规划处 >"$T/unit.json"
ok "--unit keeps only that unit's measures" "$PY" -c '
import json,sys
d=json.load(open(sys.argv[1]))
ms=[m for t in d["tasks"] for m in t["measures"]]
assert len(ms)==1 and ms[0]["deadline"]["text"]=="10月份前", ms' "$T/unit.json"
out=$("$CTL" --db "$T/a.db" export --format json --unit 综合规划 2>&1); rc=$?
is "--unit of a unit the plan does not name exits 65" 65 "$rc"
is "and says so in one line, nothing on stdout" 'deadlinectl: export: no measure of unit "综合规划"' "$out"

# CSV as spreadsheets save it: a title row and a blank row above the
# header, section rows, a byte-order mark; and the same in GB18030.
printf '\xef\xbb\xbf2026年工作任务清单,,,\n,,,\n任务清单,落实举措,责任单位,完成时限\n一、强化制度建设,,,\n1.加强管理,完成第一项工作。,办公室牵头，财务处配合,6月底前\n,完成第二项工作。,财务处,年底前\n二、推进重点改革,,,\n2.深化改革,完成第三项工作。,人事处,9月30日前\n' >"$T/sheet.csv"
"$CTL" --db "$T/sheet.db" import "$T/sheet.csv" >/dev/null 2>"$T/sheet.err"
ok "a title row, sections and a BOM: the plan as the sheet shows it" "$PY" -c '
import json,sys
d=json.loads(sys.argv[1])
assert d["title"]=="2026年工作任务清单" and d["year"]==2026, d["title"]
t=[(x["no"],x["section"],x["title"],len(x["measures"])) for x in d["tasks"]]
assert t==[(1,"一、强化制度建设","加强管理",2),(2,"二、推进重点改革","深化改革",1)], t' \
    "$("$CTL" --db "$T/sheet.db" export)"
is "and no warning" "" "$(cat "$T/sheet.err")"
tail -c +4 "$T/sheet.csv" | iconv -f UTF-8 -t GB18030 >"$T/gbk.csv"
"$CTL" --db "$T/gbk.db" import "$T/gbk.csv" >/dev/null 2>"$T/gbk.err"; rc=$?
is "GB18030 (as Excel saves CSV on a Chinese Windows) is read" 0 "$rc"
ok "to the same plan" bash -c 'diff <("$1" --db "$2" export --format csv | cut -d, -f3-) <("$1" --db "$3" export --format csv | cut -d, -f3-)' \
    _ "$CTL" "$T/sheet.db" "$T/gbk.db"
like "with a warning saying so" 'gbk.csv: warning: read as GB18030' "$(cat "$T/gbk.err")"

out=$("$CTL" --db "$T/dry.db" import --dry-run "$T/sheet.csv" 2>/dev/null)
like "--dry-run prints the plan row by row: place, task, measure, units with roles, deadline and due" \
    "sheet.csv:5	1\. 加强管理	完成第一项工作。	办公室 \(lead\), 财务处 \(support\)	6月底前 → date 2026-06-30" "$out"
like "with its sections" '^二、推进重点改革$' "$out"
like "and stores nothing" 'dry run, nothing stored' "$out"
ok "nothing stored" bash -c '! "$1" --db "$2" export >/dev/null 2>&1' _ "$CTL" "$T/dry.db"

# A plan in prose as text, a paragraph a line (Word's text saved as
# such, read with python3-docx): as the document itself.
"$PY" "$TOP/tests/gen/unseen_plan.py" "$T/unseen.json" 40
"$PY" "$TOP/tests/gen/make_plan.py" "$T/unseen.json" "$T/paras.docx" --paragraphs
"$PY" -c '
import sys, docx
print("\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs))' "$T/paras.docx" >"$T/paras-typed.txt"
plan_roundtrip "the unseen plan in paragraphs as text, a paragraph a line" "$T/paras-typed.txt" "$T/unseen.json" quiet

# Text as `pdftotext -raw` extracts it from PDFs a browser printed (a
# deadline column a character or two wide, the header wrapped in it and
# repeated on every page, rows broken across pages): the seed and an
# unseen plan come out exact, each row joined across a page warned about.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ] && command -v pdftotext >/dev/null; then
    for p in seed unseen; do
        if [ $p = seed ]; then
            json=$TOP/tests/golden/2021-shandong-ip-workplan.expected.json
            title="2021 年全省知识产权工作任务清单"
        else
            json=$T/unseen.json title="2026年教育工作要点任务分工方案"
        fi
        "$PY" "$TOP/tests/gen/make_plan.py" "$json" "$T/$p.html" --title "$title"
        timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --user-data-dir="$T/chrome" --print-to-pdf="$T/$p.pdf" "file://$T/$p.html" >/dev/null 2>&1
        pdftotext -raw "$T/$p.pdf" "$T/$p-raw.txt"
        plan_roundtrip "pdftotext -raw of the $p printed by Chromium" "$T/$p-raw.txt" "$json"
        joins=$(grep -c 'warning: row joined to the measure above' "$T/rt.err")
        is "$p: every warning is a row joined across a page" "$(wc -l <"$T/rt.err")" "$joins"
        [ $p = seed ] && seed_joins=$joins
    done
    ok "the seed's printout breaks rows across pages, each joined with a warning" \
        test "$seed_joins" -ge 1
    # With a 序号 column before the task's, its number starting the
    # task's first line ("1 重点任务第"; the header's 序 over 号): a
    # page's plan comes out exact.  (Over pages, a task's title broken
    # by a page may come out cut, its row warned about.)
    "$PY" "$TOP/tests/gen/unseen_plan.py" "$T/unseen6.json" 6
    "$PY" "$TOP/tests/gen/make_plan.py" "$T/unseen6.json" "$T/seqno.html" --seqno \
        --title "2026年教育工作要点任务分工方案"
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$T/chrome" --print-to-pdf="$T/seqno.pdf" "file://$T/seqno.html" >/dev/null 2>&1
    pdftotext -raw "$T/seqno.pdf" "$T/seqno-raw.txt"
    ok "the 序号 column's numbers start their tasks' lines" grep -q '^1 ' "$T/seqno-raw.txt"
    plan_roundtrip "pdftotext -raw of a plan with a 序号 column" "$T/seqno-raw.txt" "$T/unseen6.json" quiet
    # The unseen plan written in prose, no table, printed: its lines as
    # pdftotext wraps them, each measure's note split across lines.
    "$PY" "$TOP/tests/gen/make_plan.py" "$T/unseen.json" "$T/paras.html" --paragraphs \
        --title "2026年教育工作要点任务分工方案"
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$T/chrome" --print-to-pdf="$T/paras.pdf" "file://$T/paras.html" >/dev/null 2>&1
    for mode in "" -raw; do
        pdftotext $mode "$T/paras.pdf" "$T/paras$mode.txt"
        plan_roundtrip "pdftotext $mode of the unseen plan in paragraphs" "$T/paras$mode.txt" "$T/unseen.json" quiet
    done
    ok "whose measures wrap onto lines of their own" \
        bash -c '[ "$(grep -c "^[0-9]*\." "$1")" -lt "$(grep -c . "$1")" ]' _ "$T/paras.txt"
    ok "and its header wraps in the narrow deadline column" \
        grep -q '^任务清单 落实举措 责任单位 完$' "$T/seed-raw.txt"
else
    _report 1 "chromium and pdftotext are installed"
fi

# A deadline before the plan's year (last year's text left in): stored
# as read, warned at its line; --strict refuses it.
printf '序号\t工作任务\t责任单位\t完成时限\n1\t完善制度。\t市财政局\t6月底前\n2\t开展评估。\t市审计局\t2025年底前\n' >"$T/stale.tsv"
out=$("$CTL" --db "$T/stale.db" import --year 2026 "$T/stale.tsv" 2>&1)
like "a deadline before the plan's year is warned at its line" \
    "stale\\.tsv:3: warning: deadline \"2025年底前\" \\(task 2\\) is before the plan's year 2026" "$out"
is "and only it" 1 "$(printf '%s\n' "$out" | grep -c ": warning:")"
status_is "--strict refuses it (65)" 65 "$CTL" --db "$T/stale2.db" import --strict --year 2026 "$T/stale.tsv"

done_testing
