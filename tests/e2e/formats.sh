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

"$CTL" --db "$T/a.db" export --format json --unit 综合规划处 >"$T/unit.json"
ok "--unit keeps only that unit's measures" "$PY" -c '
import json,sys
d=json.load(open(sys.argv[1]))
ms=[m for t in d["tasks"] for m in t["measures"]]
assert len(ms)==1 and ms[0]["deadline"]["text"]=="10月份前", ms' "$T/unit.json"

done_testing
