#!/usr/bin/env bash
# The ack pages and the dashboard in a real browser: headless chromium
# (Debian's), driven by tests/browser/ack.mjs through playwright-core,
# opens an ack link from a delivered mail, clicks 已收到, sees the
# confirmation, and sees the unit's cell on the dashboard turn acked;
# then fills in the progress form at a phone's width (tests/browser/
# progress.mjs): the browser refuses an empty text and a share of 101,
# a valid report is recorded and listed on the page.  Then the periodic
# report's mail HTML (deadlinectl report --dry-run, tests/browser/
# report.mjs): its sections and tables visible, its bar chart drawn by
# bgcolor and width cells as its figures say, no script, no image,
# nothing loaded; its screenshot kept as build/artefacts/report.png.
# The dashboard's screenshot is kept as build/artefacts/dashboard.png.
# Needs `make browser-deps` (make test runs it); fails, never skips, when
# chromium, node or playwright-core is missing.
. "$(dirname "$0")/../lib.sh"


start_web_daemon

# The first ack link of the unit's mail.
URL=$(first_ack_link "$T/mail/new")
like "a delivered mail carries an ack link" "^$BASE$ACK_LINK_RE\$" "$URL"
is "nothing acked yet" "[]" "$("$CTL" -c "$T/d.conf" acks --json | tr -d ' \n')"

# The browser: its own TAP lines, renumbered into this test's.
ART="$TOP/build/artefacts"
mkdir -p "$ART"
rm -f "$ART/dashboard.png"
browser_tap 90 ack.mjs "$URL" "$BASE/" "$ART/dashboard.png"

js=$("$CTL" -c "$T/d.conf" acks --json)
like "the ack is recorded with source web" '"kind": ?"ack".*"source": ?"web"' "$(printf '%s' "$js" | tr -d '\n')"
like "with the note typed in the browser" '"note": ?"浏览器测试：已收到"' "$js"
is "exactly one ack" 1 "$(printf '%s' "$js" | grep -c '"kind"')"

# The progress form (进展填报) in the same browser, at a phone's width.
browser_tap 90 progress.mjs "$URL"
ok "the report is recorded with source web, its share and problems" "$PY" -c '
import json,sys
a=[x for x in json.loads(sys.argv[1]) if x["kind"]=="progress"]
assert len(a)==1 and a[0]["source"]=="web", a
assert a[0]["note"]=="浏览器填报：完成<b>调研</b>" and a[0]["percent"]==60 and a[0]["problems"]=="需财政处支持" and a[0]["next"] is None, a' \
    "$("$CTL" -c "$T/d.conf" acks --json)"

"$PY" -c '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", d[16:24])
assert w >= 800 and h >= 600, (w, h)' "$ART/dashboard.png" 2>/dev/null
_report $? "the dashboard screenshot is a PNG (build/artefacts/dashboard.png)"
cp "$ART/dashboard.png" "$T/" 2>/dev/null

# The periodic report as a supervisor's mail shows it, a measure done
# on time so that a unit's bar has a share.
"$CTL" -c "$T/d.conf" --now 2021-06-23T11:00:00+08:00 done 1 知识产权保护处 >/dev/null
{ cat "$T/d.conf"; echo 'reports = ( { every = "week"; day = "fri"; at = "16:00"; to = { maildir = "'"$T"'/sup"; }; } );'; } >"$T/r.conf"
"$CTL" -c "$T/r.conf" --now 2021-12-31T16:00:00+08:00 report --dry-run >"$T/report.html"
like "the dry run gives the report's HTML" 'id="units"' "$(cat "$T/report.html")"
rm -f "$ART/report.png"
browser_tap 90 report.mjs "$T/report.html" "$ART/report.png"
is "the dry run recorded nothing" 0 "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from report_run").fetchone()[0])' "$T/d.db")"

kill -TERM "$daemon"
wait "$daemon"; rc=$?
is "SIGTERM: the daemon stops cleanly" 0 "$rc"
unlike "no sanitizer report" 'Sanitizer|runtime error' "$(cat "$T/log")"

done_testing
