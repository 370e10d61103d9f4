#!/usr/bin/env bash
# make run, through the real Makefile with the binaries as built: the
# bundled plan imported, a short summary (well under 40 lines before the
# daemon's first), then the daemon in the foreground delivering into the
# Maildir, whose reader is installed, and an ack link from a mail opening
# on the running daemon; Ctrl-C stops both.  On a copy of the sample
# configuration with a free port and its own Maildir (RUN_CONF), its own
# database (RUN_DB) and a working day's morning (RUN_NOW), so that
# notices go out whatever the hour and nothing lands in the tree's var/.
. "$(dirname "$0")/../lib.sh"

# The sample itself: its ack links go where it listens.
listen=$(sed -n 's/^  listen = "\(.*\)";$/\1/p' "$TOP/etc/deadlined.conf")
is "the sample's public_url is its listen address" "http://$listen" \
    "$(sed -n 's/^  public_url = "\(.*\)";$/\1/p' "$TOP/etc/deadlined.conf")"

port=$(free_port)
sed -e "s|$listen|127.0.0.1:$port|" \
    -e "s|\"holidays\"|\"$TOP/etc/holidays\"|" \
    -e "s|\"var/mail\"|\"$T/mail\"|" "$TOP/etc/deadlined.conf" >"$T/run.conf"
tree_mail=$(ls "$TOP/var/mail/new" 2>/dev/null | wc -l)

# make run installs mutt when it is missing, saying so first: done
# before, so that the summary is what a user sees on a later run.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -C "$TOP" run-deps >/dev/null 2>&1

# In a session of its own, so that the test can stop it as Ctrl-C does:
# a SIGINT to make and the daemon together.
setsid env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -C "$TOP" \
    -o build/deps.mk -o "$BUILD/deadlined" -o "$BUILD/deadlinectl" -o "$BUILD/deadlined-send" \
    BUILD="$BUILD" RUN_CONF="$T/run.conf" RUN_DB="$T/run.db" \
    RUN_NOW=2026-12-01T10:00:00+08:00 run >"$T/out" 2>&1 &
mk=$!
pids+=($mk)
for _ in $(seq 200); do
    [ -n "$(ls "$T/mail/new" 2>/dev/null)" ] && break; sleep 0.1
done
sleep 1	# the rest of the first pass's mail

summary=$(sed '/^deadlined: /,$d' "$T/out")
n=$(printf '%s\n' "$summary" | wc -l)
ok "a short summary before the daemon's log ($n lines)" test "$n" -lt 40
like "the daemon runs after it" '^deadlined: started \(version [^)]*\): configuration ' "$(cat "$T/out")"
like "the plan imported: tasks and measures" \
    '^etc/plans/2021-shandong-ip-workplan.txt: plan 1 ".*" \(2026\): 25 tasks, 85 measures; 85 added' "$summary"
like "its units" '^27 unit name\(s\) in 1 plan\(s\), 0 unmapped$' "$summary"
like "what is due first, then how many more" '^\.\.\. and [0-9]+ more \([0-9]+ in all\)$' "$summary"
is "five items shown" 5 "$(printf '%s\n' "$summary" | grep -c '^2026-[0-9-]*  ')"
like "where the ack links and the dashboard are" \
    "^ack links and the dashboard: http://127.0.0.1:$port/ \(served on 127.0.0.1:$port\)\$" "$summary"
like "where the mail lands" "^Maildir $T/mail: the notices of 27 unit\(s\) with no channel of their own" "$summary"
like "how to read it" "^Read the mails in another terminal: mutt -f $T/mail \(or ls $T/mail/new\)\$" "$summary"
ok "with a reader that is installed" test -x /usr/bin/mutt
like "how to see the rest" "list\$" "$(printf '%s\n' "$summary" | grep '^All of it: ')"
unlike "no warning (the calendar knows 2026)" ": warning: " "$summary"

mail=$(ls "$T/mail/new" 2>/dev/null | wc -l)
ok "mail in the Maildir ($mail)" test "$mail" -gt 0
is "none in the tree's var/mail" "$tree_mail" "$(ls "$TOP/var/mail/new" 2>/dev/null | wc -l)"
link=$(first_ack_link "$T/mail/new")
like "a mail's ack link is on the daemon's address" "^http://127.0.0.1:$port$ACK_LINK_RE\$" "$link"
is "the ack link opens (200)" 200 "$(curl -s -o "$T/ack.html" -w '%{http_code}' "$link")"
like "on the item's page" '已收到' "$(cat "$T/ack.html")"
is "the dashboard opens (200)" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")"

kill -INT -- -"$mk"
wait "$mk" 2>/dev/null
like "Ctrl-C stops the daemon" 'stopping on signal 2' "$(cat "$T/out")"
ok "and nothing of it is left" bash -c "! kill -0 -- -$mk 2>/dev/null"

done_testing
