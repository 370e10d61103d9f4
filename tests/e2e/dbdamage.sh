#!/usr/bin/env bash
# A damaged database (issue 15, item 8) is not taken for a good one.  One
# page of the deadline table's b-tree is overwritten, two ways: a few
# bytes of one row (the kind "ongoing" made garbage, as a bad sector
# gave it: quick_check finds it) and the whole page (every statement
# reading it fails with SQLITE_CORRUPT).  Then `deadlined --once` exits
# 74 and sends nothing, the log says how to recover, once; a running
# daemon stays up and its /healthz answers 503 naming the damage;
# deadlinectl reading it (export, list; import meeting the garbage page)
# fails in one line and writes nothing.  A first page of garbage: the
# service stays up to say so.  An empty (0-byte)
# database file is refused by both programs, a missing one still made
# anew; a pass that fails for another reason (a lock held too long)
# makes --once fail; the good database still passes.
. "$(dirname "$0")/../lib.sh"

NOW=2021-06-23T10:00:00+08:00
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
# conf DB: the seed's 知识产权保护处 delivering to the Maildir $T/mail,
# admin to $T/admin (the seed's other units go there), HTTP on $PORT.
conf() {
    cat <<CONF
database = "$1";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
http: { listen = "127.0.0.1:$PORT"; public_url = "$BASE"; };
admin: { maildir = "$T/admin"; };
units = (
  { name = "知识产权保护处"; maildir = "$T/mail"; }
);
CONF
}
# mails: the messages written to either Maildir.
mails() { find "$T/mail" "$T/admin" -type f 2>/dev/null | wc -l; }
quick_check() { "$PY" -c 'import sqlite3,sys
try: print(sqlite3.connect(sys.argv[1]).execute("PRAGMA quick_check").fetchone()[0])
except sqlite3.DatabaseError as e: print(e)' "$1"; }

"$CTL" --db "$T/good.db" import "$SEED" >/dev/null
conf "$T/d.db" >"$T/d.conf"

# The deadline table's pages, from SQLite's dbstat table when it is
# built in, else its root page (the seed's 85 rows fit one page, which
# is then the root and the only leaf).
read -r PAGESIZE PAGE <<<"$("$PY" - "$T/good.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ps = c.execute("PRAGMA page_size").fetchone()[0]
try:
    pg = c.execute("SELECT pageno FROM dbstat WHERE name = 'deadline' "
                   "AND pagetype = 'leaf' ORDER BY pageno").fetchone()[0]
except sqlite3.OperationalError:
    pg = c.execute("SELECT rootpage FROM sqlite_master "
                   "WHERE name = 'deadline'").fetchone()[0]
print(ps, pg)
PY
)"
like "the deadline table's page is found ($PAGE of $PAGESIZE bytes)" '^[0-9]+ [0-9]+$' "$PAGESIZE $PAGE"

# damage_row FILE: the first "ongoing" of the page becomes "ongo" and
# three bytes that are not UTF-8 (the issue's `bad deadline "ongo…"`).
damage_row() {
    "$PY" - "$1" "$PAGESIZE" "$PAGE" <<'PY'
import sys
path, ps, pg = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "r+b") as f:
    f.seek((pg - 1) * ps)
    i = f.read(ps).index(b"ongoing")
    f.seek((pg - 1) * ps + i + 4)
    f.write(b"\xff\xfe\xfd")
PY
}
# damage_page FILE: the whole page garbage, written with dd.
"$PY" -c 'import sys; sys.stdout.buffer.write(bytes((i * 37 + 11) & 0xff for i in range(int(sys.argv[1]))))' \
    "$PAGESIZE" >"$T/garbage"
damage_page() {
    dd if="$T/garbage" of="$1" bs="$PAGESIZE" seek=$((PAGE - 1)) count=1 conv=notrunc status=none
}

# --- one row of the deadline table garbled: --once --------------------------
cp "$T/good.db" "$T/d.db"
damage_row "$T/d.db"
like "the copy is damaged (quick_check)" 'CHECK constraint failed in deadline' "$(quick_check "$T/d.db")"
sum=$(sha256sum <"$T/d.db")
"$DAEMON" -c "$T/d.conf" --once --now "$NOW" 2>"$T/once.log"; rc=$?
is "deadlined --once exits 74 (EX_IOERR)" 74 "$rc"
is "it sent nothing" 0 "$(mails)"
like "the log names the file and the damage" "$T/d\.db: the database is damaged \(CHECK constraint failed in deadline" "$(cat "$T/once.log")"
like "and how to recover: restore the backup or .recover" "restore the last backup, or recover what is left with \"sqlite3 $T/d\.db \.recover" "$(cat "$T/once.log")"
is "the way to recover is told once" 1 "$(grep -c '\.recover' "$T/once.log")"
unlike "no pass is run on it" 'pass failed|pass:|bad deadline' "$(cat "$T/once.log")"
is "the file is left as it was" "$sum" "$(sha256sum <"$T/d.db")"

# --- deadlinectl reading it: one line, exit 74 ----------------------------
# A value the schema forbids can only be damage: said so, not "bad
# deadline" with the garbage printed.
out=$("$CTL" -c "$T/d.conf" export 2>&1 >/dev/null); rc=$?
is "deadlinectl export: exit 74" 74 "$rc"
is "in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
like "naming the file, the row and the way to recover" "^$T/d\.db: the database is damaged \(measure [0-9]+: a deadline kind .*\.recover" "$out"
unlike "without the garbage" $'\xff' "$out"
is "nothing was written" "$sum" "$(sha256sum <"$T/d.db")"

# --- the whole page garbage: --once and deadlinectl -----------------------
cp "$T/good.db" "$T/d.db"
damage_page "$T/d.db"
like "a page of garbage: the copy is damaged" 'malformed' "$(quick_check "$T/d.db")"
"$DAEMON" -c "$T/d.conf" --once --now "$NOW" 2>"$T/once2.log"; rc=$?
is "deadlined --once exits 74" 74 "$rc"
is "it sent nothing" 0 "$(mails)"
like "the log says the file is damaged (malformed)" "$T/d\.db: the database is damaged \(database disk image is malformed\)" "$(cat "$T/once2.log")"
is "the way to recover is told once" 1 "$(grep -c '\.recover' "$T/once2.log")"
status_is "deadlinectl list: exit 74" 74 "$CTL" -c "$T/d.conf" list --now "$NOW"
sum=$(sha256sum <"$T/d.db")
out=$("$CTL" -c "$T/d.conf" import "$SEED" 2>&1); rc=$?
is "deadlinectl import: exit 74" 74 "$rc"
is "in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
like "naming the file and the way to recover" "^$T/d\.db: the database is damaged \(database disk image is malformed\).*\.recover" "$out"
is "nothing was written" "$sum" "$(sha256sum <"$T/d.db")"

# --- a running daemon on it: up, /healthz 503 naming the damage ------------
"$DAEMON" -c "$T/d.conf" --now "$NOW" 2>"$T/log" &
daemon=$!
pids+=($daemon)
code=
for _ in $(seq 50); do
    code=$(curl -s -o "$T/health" -w '%{http_code}' "$BASE/healthz") && [ "$code" != 000 ] && break
    sleep 0.1
done
is "/healthz answers 503" 503 "$code"
like "naming the damage and the way to recover" "$T/d\.db: the database is damaged \(database disk image is malformed\).*\.recover" "$(cat "$T/health")"
is "the board is not served either (503)" 503 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/")"
# A few turns of its loop: a reload (which runs a pass when sound).
kill -HUP "$daemon"
sleep 1.5
ok "the daemon stays up" kill -0 "$daemon"
is "still 503" 503 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")"
is "it sent nothing" 0 "$(mails)"
is "the way to recover is logged once" 1 "$(grep -c '\.recover' "$T/log")"
unlike "no pass failed in a loop" 'pass failed|send failed' "$(cat "$T/log")"
kill "$daemon"; wait "$daemon" 2>/dev/null
pids=()

# --- its first page garbage: not even opened, the service still says why --
cp "$T/good.db" "$T/d.db"
dd if="$T/garbage" of="$T/d.db" bs="$PAGESIZE" count=1 conv=notrunc status=none
status_is "first page garbage: deadlined --once exits 74" 74 "$DAEMON" -c "$T/d.conf" --once --now "$NOW"
"$DAEMON" -c "$T/d.conf" --now "$NOW" 2>"$T/log" &
daemon=$!
pids+=($daemon)
code=
for _ in $(seq 50); do
    code=$(curl -s -o "$T/health" -w '%{http_code}' "$BASE/healthz") && [ "$code" != 000 ] && break
    sleep 0.1
done
is "the daemon serves /healthz 503" 503 "$code"
like "naming the damage" "$T/d\.db: the database is damaged \(.*file is not a database\)" "$(cat "$T/health")"
kill "$daemon"; wait "$daemon"; rc=$?
is "and stops cleanly on SIGTERM" 0 "$rc"
pids=()
is "nothing was sent" 0 "$(mails)"

# --- an empty file is refused; a missing one is made anew -----------------
: >"$T/empty.db"
out=$("$DAEMON" -c "$T/d.conf" --db "$T/empty.db" --once --now "$NOW" 2>&1); rc=$?
is "an empty database: deadlined --once exits 74" 74 "$rc"
like "naming the file" "^deadlined: $T/empty\.db: an empty file, not a database" "$out"
is "in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
out=$("$DAEMON" -c "$T/d.conf" --db "$T/empty.db" --now "$NOW" 2>&1); rc=$?
is "the service refuses it too (exit 74)" 74 "$rc"
for cmd in "import $SEED" "list" "export" "check-config"; do
    # shellcheck disable=SC2086
    out=$("$CTL" -c "$T/d.conf" --db "$T/empty.db" $cmd 2>&1 >/dev/null); rc=$?
    is "deadlinectl ${cmd%% *}: an empty database, exit 74" 74 "$rc"
    like "naming the file" "^$T/empty\.db: an empty file, not a database" "$out"
    is "in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
done
is "the empty file stays empty" 0 "$(stat -c %s "$T/empty.db")"
is "nothing was sent" 0 "$(mails)"
ok "a missing file is still made a new database" "$CTL" --db "$T/new.db" import "$SEED"
is "and it is sound" ok "$(quick_check "$T/new.db")"

# --- a pass that fails for another reason fails --once ----------------------
# Another process holds the write lock past the busy timeout (5 s); a dry
# run (which puts nothing back in the queue on opening) reaches the pass.
cp "$T/good.db" "$T/d.db"
rm -f "$T/locked"
"$PY" - "$T/d.db" "$T/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
c.execute("CREATE TABLE probe (x INTEGER)")
open(sys.argv[2], "w").close()
time.sleep(8)
c.execute("ROLLBACK")
PY
holder=$!
pids+=($holder)
for _ in $(seq 100); do [ -e "$T/locked" ] && break; sleep 0.05; done
"$DAEMON" -c "$T/d.conf" --once --dry-run --now "$NOW" 2>"$T/locked.log"; rc=$?
wait "$holder"
pids=()
is "a failed pass: --once exits non-zero (75, the lock's)" 75 "$rc"
like "the pass failure is logged" 'pass failed: .*d\.db: database is locked' "$(cat "$T/locked.log")"
unlike "it is not called damage" 'damaged' "$(cat "$T/locked.log")"

# --- the good database still passes ---------------------------------------
cp "$T/good.db" "$T/d.db"
"$DAEMON" -c "$T/d.conf" --once --now "$NOW" 2>"$T/good.log"; rc=$?
is "a sound database: deadlined --once exits 0" 0 "$rc"
like "its pass runs" 'pass: [0-9]+ new notice' "$(cat "$T/good.log")"
unlike "no damage is reported" 'damaged' "$(cat "$T/good.log")"
like "and the mail goes out" '^[1-9]' "$(mails)"
"$DAEMON" -c "$T/d.conf" --now "$NOW" 2>"$T/log" &
daemon=$!
pids+=($daemon)
code=
for _ in $(seq 50); do
    code=$(curl -s -o "$T/health" -w '%{http_code}' "$BASE/healthz") && [ "$code" != 000 ] && break
    sleep 0.1
done
is "a sound database: /healthz answers 200" 200 "$code"
is "ok" ok "$(cat "$T/health")"

done_testing
