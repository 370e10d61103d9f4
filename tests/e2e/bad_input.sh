#!/usr/bin/env bash
# Bad input: one-line errors naming FILE:LINE, sysexits codes, and nothing
# already stored is lost.
. "$(dirname "$0")/../lib.sh"

db="$T/d.db"
"$CTL" --db "$db" import "$SEED" >/dev/null
snapshot() {
    "$CTL" --db "$db" export --format json
    "$PY" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select count(*), max(id) from import_log").fetchone(), c.execute("select count(*) from measure").fetchone())' "$db"
}
snapshot >"$T/before"

# bad_import NAME CODE REGEX FILE [ARGS...]: exit CODE, exactly one line on
# stderr matching REGEX, database unchanged.
bad_import() {
    local what=$1 code=$2 re=$3; shift 3
    "$CTL" --db "$db" import "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    is "$what: exit $code" "$code" "$rc"
    is "$what: one line on stderr" 1 "$(wc -l <"$T/err")"
    like "$what: message names the place" "$re" "$(cat "$T/err")"
    snapshot >"$T/after"
    ok "$what: stored plan unchanged" cmp "$T/before" "$T/after"
}

# Invalid UTF-8 on line 500 (a GBK-encoded word).
{ head -n 499 "$SEED"; printf '\xd6\xaa\xca\xb6\xb2\xfa\xc8\xa8\n'; tail -n +500 "$SEED"; } >"$T/gbk.txt"
bad_import "invalid UTF-8" 65 "^$T/gbk.txt:500: invalid UTF-8" "$T/gbk.txt"

{ head -n 3 "$SEED"; printf 'abc\0def\n'; } >"$T/binary.txt"
bad_import "binary file" 65 "^$T/binary.txt:4: binary data" "$T/binary.txt"

: >"$T/empty.txt"
bad_import "empty file" 65 "^$T/empty.txt: empty file" "$T/empty.txt"
printf '\n  \n\n' >"$T/blank.txt"
bad_import "blank file" 65 "^$T/blank.txt: empty file" "$T/blank.txt"

head -n 400 "$SEED" >"$T/prose.txt"
bad_import "no task table" 65 "^$T/prose.txt: no task table found" "$T/prose.txt"
head -n 437 "$SEED" >"$T/annex-only.txt"
bad_import "annex without a table, nor a measure in prose" 65 "^$T/annex-only.txt: no task table found: .* no paragraph ends with its units" "$T/annex-only.txt"

printf 'task,measure,units,deadline\n1.任务,"措施一,完成。",办公室,6月底前\n2.任务,"未闭合的引号,办公室,年底前\n' >"$T/quote.csv"
bad_import "unterminated CSV quote" 65 "^$T/quote.csv:3: " "$T/quote.csv"
printf 'task,measure,units,deadline\n1.任务,措施一。,办公室,6月底前\n1.任务,措施二。,办公室\n' >"$T/fields.csv"
bad_import "CSV row with a missing field" 65 "^$T/fields.csv:3: " "$T/fields.csv"
printf 'task,measure,deadline\n1.任务,措施一。,6月底前\n' >"$T/nounits.csv"
bad_import "CSV without a units column" 65 "^$T/nounits.csv:1: missing column" "$T/nounits.csv" --format csv
printf 'task,measure,units,deadline\n1.任务,措施一。,办公室,6月底前\n' >"$T/noyear.csv"
bad_import "plan without a year" 65 "^$T/noyear.csv: .*--year" "$T/noyear.csv"

# Files in no format we read say what they are.
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$T/scan.png"
bad_import "an image" 65 "^$T/scan.png: a PNG image, not a plan file: a scan needs OCR first\$" "$T/scan.png"
printf '<!DOCTYPE html>\n<html><body><table><tr><td>任务清单</td></tr></table></body></html>\n' >"$T/plan.html"
bad_import "an HTML page" 65 "^$T/plan.html: an HTML page, not a plan file: save its table as .xlsx, or print it to PDF\$" "$T/plan.html"
printf '\x1f\x8b\x08\0\0\0\0\0' >"$T/plan.gz"
bad_import "a gzip archive" 65 "^$T/plan.gz: a gzip archive, not a plan file: unpack it first\$" "$T/plan.gz"

bad_import "missing file" 66 "^$T/nope.txt: No such file" "$T/nope.txt"
bad_import "a directory" 66 "^$T: is a directory" "$T"
status_is "unknown --format: usage error" 64 "$CTL" --db "$db" import "$SEED" --format pdf
status_is "bad --year: usage error" 64 "$CTL" --db "$db" import "$SEED" --year 21

# An unknown deadline: stored as unknown with a warning naming its line.
awk 'NR==1 {n=0} /^10月底前$/ && !done {print "视情况而定"; done=1; next} {print}' "$SEED" >"$T/unknown.txt"
line=$(grep -n '^视情况而定$' "$T/unknown.txt" | cut -d: -f1)
"$CTL" --db "$T/u.db" import "$T/unknown.txt" >"$T/out" 2>"$T/err"
is "unknown deadline: import still succeeds" 0 $?
like "unknown deadline: warning names FILE:LINE" "^$T/unknown.txt:$line: warning: unrecognised deadline \"视情况而定\"" "$(cat "$T/err")"
like "unknown deadline: summary counts the warning" '85 measures.*1 warnings' "$(cat "$T/out")"
ok "unknown deadline: stored as kind unknown" "$PY" -c '
import json,sys
d=json.load(sys.stdin)
ms=[m for t in d["tasks"] for m in t["measures"] if m["deadline"]["text"]=="视情况而定"]
assert len(ms)==1 and ms[0]["deadline"]["kind"]=="unknown" and ms[0]["deadline"]["due"] is None, ms' \
    < <("$CTL" --db "$T/u.db" export)
status_is "--strict refuses the import with 65" 65 "$CTL" --db "$T/s.db" import "$T/unknown.txt" --strict
status_is "--strict stored nothing" 66 "$CTL" --db "$T/s.db" export

# Huge cells: one naming 100,000 units is read whole (every unit
# stored); a field beyond 4 MiB is refused at its line, nothing stored.
"$PY" - "$T/units.csv" 100000 <<'PY'
import sys
names = "、".join("单位%d" % i for i in range(int(sys.argv[2])))
open(sys.argv[1], "w", encoding="utf-8").write(
    "重点任务,落实举措,责任单位,完成时限\n1.任务,措施。,\"%s\",6月底前\n" % names)
PY
"$CTL" --db "$T/units.db" import --year 2026 "$T/units.csv" >/dev/null 2>&1
is "a cell naming 100,000 units: every one stored" 100000 "$("$CTL" --db "$T/units.db" export --format json |
    "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["tasks"][0]["measures"][0]["units"]))')"
"$PY" -c 'print("重点任务,落实举措,责任单位,完成时限\n1.任务,措施。,%s,6月底前" % ("长" * 1500000))' >"$T/huge.csv"
out=$("$CTL" --db "$db" import --year 2026 "$T/huge.csv" 2>&1); rc=$?
is "a field of 4.5 MB: 65" 65 "$rc"
is "refused at its line and field" "$T/huge.csv:2: more than 4 MiB of text in field 3: refusing it" "$out"

# Bad database and configuration.
echo "not a database" >"$T/junk.db"
out=$("$CTL" --db "$T/junk.db" list 2>&1); rc=$?
is "a file that is not a database: 74 (it cannot be told from a damaged one)" 74 "$rc"
like "saying so, with the way to recover" 'junk.db: the database is damaged \(not a deadlined database, or its first page is damaged' "$out"
printf 'database = "%s";\ntimezone = 42;\n' "$db" >"$T/bad.conf"
out=$("$CTL" -c "$T/bad.conf" list 2>&1); rc=$?
is "config with a wrong type: exit 78" 78 "$rc"
like "config error names FILE:LINE" "^$T/bad.conf:2: timezone" "$out"
printf 'database = "%s";\ntimezone = ;\n' "$db" >"$T/syntax.conf"
out=$("$CTL" -c "$T/syntax.conf" list 2>&1); rc=$?
is "config syntax error: exit 78" 78 "$rc"
like "config syntax error names FILE:LINE" "^$T/syntax.conf:2: " "$out"
printf 'timezone = "Mars/Olympus";\n' >"$T/zone.conf"
status_is "unknown time zone: 78" 78 "$CTL" -c "$T/zone.conf" --db "$db" list

done_testing
