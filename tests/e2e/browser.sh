#!/usr/bin/env bash
# The ack pages and the dashboard in a real browser: headless chromium
# (Debian's), driven by tests/browser/ack.mjs through playwright-core,
# opens an ack link from a delivered mail, clicks 已收到, sees the
# confirmation, and sees the unit's cell on the dashboard turn acked.
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

"$PY" -c '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", d[16:24])
assert w >= 800 and h >= 600, (w, h)' "$ART/dashboard.png" 2>/dev/null
_report $? "the dashboard screenshot is a PNG (build/artefacts/dashboard.png)"
cp "$ART/dashboard.png" "$T/" 2>/dev/null

kill -TERM "$daemon"
wait "$daemon"; rc=$?
is "SIGTERM: the daemon stops cleanly" 0 "$rc"
unlike "no sanitizer report" 'Sanitizer|runtime error' "$(cat "$T/log")"

done_testing
