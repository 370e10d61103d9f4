#!/usr/bin/env bash
# The seed plan: golden parse, idempotent re-import, storage properties.
. "$(dirname "$0")/../lib.sh"

db="$T/d.db"
out=$("$CTL" --db "$db" import --dry-run "$SEED" 2>&1); rc=$?
is "a dry run before any database exits 0" 0 "$rc"
like "and counts every measure as new" 'dry run, nothing stored: .*85 added' "$out"
ok "and makes no database file" test ! -e "$db"
out=$("$CTL" --db "$db" import "$SEED" 2>"$T/err"); rc=$?
is "import exits 0" 0 "$rc"
like "summary counts 25 tasks and 85 measures" '25 tasks, 85 measures; 85 added' "$out"
is "no warnings on the seed" "" "$(cat "$T/err")"

"$CTL" --db "$db" export --format json >"$T/export.json"
ok "export reproduces the expected parse (golden)" \
    "$PY" "$TOP/tests/plan_compare.py" --loose "$T/export.json" "$TOP/tests/golden/2021-shandong-ip-workplan.expected.json"
ok "export is valid JSON with ids" "$PY" -c '
import json,sys
d=json.load(open(sys.argv[1]))
ids=[m["id"] for t in d["tasks"] for m in t["measures"]]
assert d["year"]==2021 and d["title"]=="2021 年全省知识产权工作任务清单", d["title"]
assert len(ids)==85 and len(set(ids))==85 and all(isinstance(i,int) for i in ids)' "$T/export.json"

out=$("$CTL" --db "$db" import "$SEED" 2>&1)
like "re-import changes nothing" '0 added, 0 updated, 85 unchanged, 0 retired' "$out"
"$CTL" --db "$db" export --format json >"$T/export2.json"
ok "re-import keeps ids and export identical" cmp "$T/export.json" "$T/export2.json"

is "database file has mode 0600" 600 "$(stat -c %a "$db")"
is "database is in WAL mode" wal "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma journal_mode").fetchone()[0])' "$db")"
is "foreign keys hold (no violations)" "" "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma foreign_key_check").fetchall() or "")' "$db")"
like "import history records both imports" '^2 [0-9a-f]{64}$' \
    "$("$PY" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); n=c.execute("select count(*) from import_log").fetchone()[0]; h=c.execute("select hash from import_log order by id desc").fetchone()[0]; print(n, h)' "$db")"

# The same plan as this year's: another plan in the same database.
out=$("$CTL" --db "$db" --now 2026-11-24T10:00:00+08:00 import "$SEED" --year current)
like "--year current makes a 2026 plan" '"2021 年全省知识产权工作任务清单" \(2026\): 25 tasks, 85 measures; 85 added' "$out"
"$CTL" --db "$db" export --format json >"$T/2026.json"
ok "2026 deadlines fall in 2026" "$PY" -c '
import json,sys
d=json.load(open(sys.argv[1])); assert d["year"]==2026
dues=[m["deadline"]["due"] for t in d["tasks"] for m in t["measures"] if m["deadline"]["due"]]
assert dues and all(x.startswith("2026-") for x in dues), dues
assert "2026-03-31" in dues and "2026-09-30" in dues' "$T/2026.json"
"$CTL" --db "$db" export --format json --plan 1 >"$T/plan1.json"
ok "--plan 1 still exports the 2021 plan" "$PY" "$TOP/tests/plan_compare.py" "$T/plan1.json" "$T/export.json"

done_testing
