#!/usr/bin/env bash
# A wrong clock (issue 15): a pass at a clock that ran ahead
# (2021-09-01) records the notices it finds past as skipped; a later
# pass back at the true time (2021-06-23) must still send the notices
# current then.  A notice is skipped only relative to a pass's clock.
# Database A has the pass ahead, then passes at 06-23 and 06-29; database
# B only the true ones: each true pass of A sends exactly what B's sends,
# the 06-23 lead notices (7 days before 6月底前) among them, and nothing
# goes out twice.  The daemon's own guard (a jump ahead held one check
# interval) needs a clock that moves under it: test_engine and
# test_clock cover it.
. "$(dirname "$0")/../lib.sh"

AHEAD=2021-09-01T10:00:00+08:00
TRUE1=2021-06-23T10:00:00+08:00
TRUE2=2021-06-29T10:00:00+08:00

for db in a b; do
    sed -e "s|127.0.0.1:8470|127.0.0.1:$(free_port)|" \
        -e "s|\"holidays-2026.conf\"|\"$TOP/etc/holidays-2026.conf\"|" \
        -e "s|\"var/mail\"|\"$T/mail-$db\"|" \
        -e "s|/var/lib/deadlined/deadlined.db|$T/$db.db|" "$TOP/etc/deadlined.conf" >"$T/$db.conf"
    "$CTL" -c "$T/$db.conf" import "$SEED" >/dev/null
done

out=$("$DAEMON" -c "$T/a.conf" --once --now "$AHEAD" 2>&1)
is "a: the pass ahead (09-01) exits 0" 0 "$?"
like "a: it records the notices it finds past as skipped" 'pass: [0-9]+ new notice\(s\), [1-9][0-9]* skipped' "$out"
for t in "$TRUE1" "$TRUE2"; do
    "$DAEMON" -c "$T/a.conf" --once --now "$t" >>"$T/a.log" 2>&1
    is "a: the pass at $t exits 0" 0 "$?"
    "$DAEMON" -c "$T/b.conf" --once --now "$t" >>"$T/b.log" 2>&1
    is "b: the pass at $t exits 0" 0 "$?"
done

# sent DB TIME: the notices (measure, unit, due, stage, step) carried by
# the messages sent by the pass at TIME, one a line, sorted.
sent() {
    "$PY" - "$T/$1.db" "$2" <<'PY'
import datetime, sqlite3, sys
t = int(datetime.datetime.fromisoformat(sys.argv[2]).timestamp())
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT n.measure_id, n.unit, n.due, n.stage, n.step "
    "FROM notice n JOIN message_notice mn ON mn.notice_id = n.id "
    "JOIN message m ON m.id = mn.message_id "
    "WHERE m.state = 'sent' AND m.created_at = ?", (t,))
for r in sorted(set(rows)):
    print("|".join(map(str, r)))
PY
}
# same WHAT WANT GOT: the two lists are equal (the first lines of their
# diff when not).
same() {
    ok "$1" bash -c 'diff <(printf "%s\n" "$1") <(printf "%s\n" "$2") | head -20
        exit "${PIPESTATUS[0]}"' _ "$2" "$3"
}
a1=$(sent a "$TRUE1"); b1=$(sent b "$TRUE1")
a2=$(sent a "$TRUE2"); b2=$(sent b "$TRUE2")
echo "# sent at 06-23: $(grep -c . <<<"$b1") notices; at 06-29: $(grep -c . <<<"$b2")"
like "b: the 06-23 pass sends the 7-day lead notices of 6月底前" '\|2021-06-30\|lead\|7$' "$b1"
same "a: after the pass ahead, the 06-23 pass sends what it sends on a true clock" "$b1" "$a1"
like "b: the 06-29 pass sends the 1-day lead notices" '\|2021-06-30\|lead\|1$' "$b2"
same "a: and so does its 06-29 pass" "$b2" "$a2"
is "a: no notice went out in two sent messages" "" "$("$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for r in db.execute("SELECT mn.notice_id FROM message_notice mn JOIN message m "
        "ON m.id = mn.message_id WHERE m.state = \"sent\" GROUP BY mn.notice_id "
        "HAVING count(*) > 1"):
    print(r[0])' "$T/a.db")"
is "a: the outbox has nothing left to send" "0" \
    "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM message WHERE state NOT IN (\"sent\", \"skipped\")").fetchone()[0])' "$T/a.db")"
unlike "nothing went wrong" 'warning|failed' "$(cat "$T/a.log" "$T/b.log")"

done_testing
