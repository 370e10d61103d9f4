#!/usr/bin/env bash
# An edited plan: changed measures keep their ids, vanished ones are
# retired (kept, with their history), returning ones are restored.
. "$(dirname "$0")/../lib.sh"

db="$T/d.db"
"$CTL" --db "$db" import "$SEED" >/dev/null
"$CTL" --db "$db" export --format json >"$T/v1.json"
"$CTL" --db "$db" export --format csv >"$T/v1.csv"

# v2: measure 2 of task 1 reworded, task 2's last measure dropped, a new
# measure added to task 3.
"$PY" - "$T/v1.csv" "$T/v2.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head, body = rows[0], rows[1:]
col = {n: i for i, n in enumerate(head)}
t1 = [r for r in body if r[col["task_no"]] == "1"]
t1[1][col["measure"]] = "研究起草山东省知识产权强省战略纲要，报省政府审议。"
t2 = [r for r in body if r[col["task_no"]] == "2"]
body.remove(t2[-1])
t3 = [r for r in body if r[col["task_no"]] == "3"]
new = list(t3[-1]); new[col["measure"]] = "建立知识产权工作季度调度机制。"; new[col["deadline"]] = "每季度"
body.insert(body.index(t3[-1]) + 1, new)
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(head); w.writerows(body)
PY
out=$("$CTL" --db "$db" import "$T/v2.csv" 2>&1)
like "edited plan: one added, one updated, one retired" '1 added, 1 updated, 83 unchanged, 1 retired, 0 restored' "$out"
"$CTL" --db "$db" export --format json >"$T/v2.json"
ok "ids are stable and the edits are where they belong" "$PY" - "$T/v1.json" "$T/v2.json" <<'PY'
import json, sys
v1, v2 = (json.load(open(p)) for p in sys.argv[1:3])
ms = lambda d: {m["id"]: (t["no"], m) for t in d["tasks"] for m in t["measures"]}
a, b = ms(v1), ms(v2)
t1 = [m for t in v1["tasks"] if t["no"] == 1 for m in t["measures"]]
t2 = [m for t in v1["tasks"] if t["no"] == 2 for m in t["measures"]]
assert b[t1[1]["id"]][1]["text"].startswith("研究起草山东省知识产权强省战略纲要，报省政府"), "edited keeps id"
assert t2[-1]["id"] not in b, "dropped measure is gone from the export"
new = [i for i in b if i not in a]
assert len(new) == 1 and b[new[0]][0] == 3 and b[new[0]][1]["deadline"]["kind"] == "quarterly"
for i in a:
    if i in b and i != t1[1]["id"]:
        assert a[i] == b[i], i
PY
is "the dropped measure is retired, not deleted" 1 \
    "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from measure where retired_at is not null").fetchone()[0])' "$db")"

out=$("$CTL" --db "$db" import "$SEED" 2>&1)
like "the original again: dropped one restored, added one retired" '0 added, 1 updated, 83 unchanged, 1 retired, 1 restored' "$out"
"$CTL" --db "$db" export --format json >"$T/v3.json"
ok "the original plan comes back with its original ids" cmp "$T/v1.json" "$T/v3.json"

out=$("$CTL" --db "$db" import "$T/v2.csv" --dry-run 2>&1)
like "--dry-run reports what would change" 'dry run, nothing stored: .*0 added, 1 updated, 83 unchanged, 1 retired, 1 restored' "$out"
"$CTL" --db "$db" export --format json >"$T/v4.json"
ok "--dry-run stored nothing" cmp "$T/v1.json" "$T/v4.json"

done_testing
