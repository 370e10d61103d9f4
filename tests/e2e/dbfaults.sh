#!/usr/bin/env bash
# Database faults (issue 6, item 6): a database locked by another
# process's transaction (shorter and longer than the 5 s busy timeout), a
# read-only database, and a full disk: each import either waits and
# succeeds or fails with a clear message, leaving the stored plans as they
# were and the file intact.
. "$(dirname "$0")/../lib.sh"

db="$T/d.db"
"$CTL" --db "$db" import "$SEED" >/dev/null
"$CTL" --db "$db" export >"$T/before.json"
# An edited plan: the seed as CSV with one measure's text changed.
"$CTL" --db "$db" export --format csv | sed '0,/。/s/。/（修订）。/' >"$T/edited.csv"
integrity() { "$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"; }

# hold SECONDS: another process takes the write lock (BEGIN EXCLUSIVE),
# writes a row of its own, and commits after SECONDS.
hold() {
    rm -f "$T/locked"
    "$PY" - "$db" "$1" "$T/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
c.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
c.execute("INSERT INTO probe VALUES (1)")
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
PY
    holder=$!
    pids+=("$holder")
    for _ in $(seq 100); do [ -e "$T/locked" ] && break; sleep 0.05; done
}

# --- locked for 2 s: the import waits and succeeds ------------------------
hold 2
start=$(date +%s.%N)
out=$("$CTL" --db "$db" import "$T/edited.csv" 2>&1); rc=$?
took=$("$PY" -c "print(round($(date +%s.%N) - $start, 1))")
wait "$holder"
is "locked for 2 s: the import waits and succeeds" 0 "$rc"
like "it waited for the lock (${took} s)" '^([1-4])\.' "$took"
like "and updated the measure" '1 updated' "$out"
like "the edit is stored" '（修订）。' "$("$CTL" --db "$db" export)"
is "the other writer's row is kept too (no lost update)" 1 \
    "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM probe").fetchone()[0])' "$db")"
"$CTL" --db "$db" export >"$T/edited.json"

# --- locked for longer than the busy timeout: exit 75, nothing changed -----
hold 7
out=$("$CTL" --db "$db" import "$SEED" 2>&1); rc=$?
wait "$holder"
is "locked for 7 s: exit 75 (temporary failure)" 75 "$rc"
like "a clear message naming the database" "d\.db: database is locked" "$out"
is "nothing changed" "$(cat "$T/edited.json")" "$("$CTL" --db "$db" export)"
is "integrity_check ok" ok "$(integrity "$db")"

# --- a read-only database -------------------------------------------------
# Root ignores file modes, so as root the import runs as nobody on a
# root-owned 0644 file; otherwise the file is made 0444.
mkdir "$T/ro"
"$CTL" --db "$T/ro/r.db" import "$SEED" >/dev/null
sum=$(sha256sum <"$T/ro/r.db")
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    chmod 0711 "$T"; chmod 0755 "$T/ro"; chmod 0644 "$T/ro/r.db"
    out=$(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
        "$CTL" --db "$T/ro/r.db" import "$T/edited.csv" 2>&1); rc=$?
    chmod 0700 "$T"
else
    chmod 0444 "$T/ro/r.db"
    out=$("$CTL" --db "$T/ro/r.db" import "$T/edited.csv" 2>&1); rc=$?
    chmod 0600 "$T/ro/r.db"
fi
is "a read-only database: exit 73" 73 "$rc"
like "with a clear message" 'r\.db: the database is read-only' "$out"
is "the file is untouched" "$sum" "$(sha256sum <"$T/ro/r.db")"
is "and intact" ok "$(integrity "$T/ro/r.db")"

# --- a full disk ----------------------------------------------------------
# PRAGMA max_page_count only binds the connection that sets it, so the
# disk is filled for the import's own process instead: RLIMIT_FSIZE
# (ulimit -f, with SIGXFSZ ignored) makes every write past a little more
# than the database's present size fail, as on a full file system.
"$PY" - "$T/big.csv" <<'PY'
import csv, sys
w = csv.writer(open(sys.argv[1], "w", newline=""))
w.writerow(["task_no", "section", "task", "measure", "units", "deadline", "plan", "year"])
for i in range(1, 3001):
    w.writerow([str(i), "一、大", "任务%d" % i, "措施%d：" % i + "加强知识产权保护" * 20 + "。",
                "保护处、运用促进处", "6月底前", "大计划" if i == 1 else "", "2021" if i == 1 else ""])
PY
"$CTL" --db "$db" export >"$T/full-before.json"
kb=$(( $(stat -c %s "$db") / 1024 + 64 ))
out=$( (trap '' XFSZ; ulimit -f "$kb"; exec "$CTL" --db "$db" import "$T/big.csv") 2>&1); rc=$?
like "disk full: the import fails with a sysexits code (74 or 73)" '^7[34]$' "$rc"
like "and a clear message naming the database" 'd\.db: .*(disk|full|I/O)' "$out"
is "the previous plan still exports identical" "$(cat "$T/full-before.json")" "$("$CTL" --db "$db" export)"
unlike "the big plan is not stored" '大计划' "$("$CTL" --db "$db" export --plan 2 2>&1)"
is "integrity_check ok" ok "$(integrity "$db")"
ok "with room again, the import succeeds" "$CTL" --db "$db" import "$T/big.csv"
like "and the big plan is stored" '"title": "大计划"' "$("$CTL" --db "$db" export)"
is "integrity_check ok after it" ok "$(integrity "$db")"

done_testing
