#!/usr/bin/env bash
# make install / make uninstall into a DESTDIR under $T (never the real
# system), with the binaries already built in $BUILD; and the man pages:
# they render without warnings and cover every command, option and key.
. "$(dirname "$0")/../lib.sh"

# Use the built binaries as they are (-o: never rebuild them, nor
# build/deps.mk), whatever make invoked this test with.
inst() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" \
        -o build/deps.mk -o "$BUILD/deadlined" -o "$BUILD/deadlinectl" \
        -o "$BUILD/deadlined-send" \
        BUILD="$BUILD" "$@"
}
files() { (cd "$1" && find . -type f | sort); }

R="$T/root"
ok "make install PREFIX=/usr DESTDIR=..." inst install PREFIX=/usr DESTDIR="$R"

for b in deadlined deadlinectl; do
    ok "usr/bin/$b is executable" test -x "$R/usr/bin/$b"
    is "usr/bin/$b has mode 0755" 755 "$(stat -c %a "$R/usr/bin/$b")"
done
ok "the installed deadlinectl runs" "$R/usr/bin/deadlinectl" --help
A="$R/usr/lib/deadlined/deadlined-send"
ok "the delivery agent in usr/lib/deadlined" test -x "$A"
is "usr/lib/deadlined/deadlined-send has mode 0755" 755 "$(stat -c %a "$A")"
ok "nothing else in usr/bin" test "$(ls "$R/usr/bin")" = "$(printf 'deadlinectl\ndeadlined')"
# The installed daemon finds its agent from its own path (../lib/deadlined):
# a --once pass delivers the seed plan's notices due that day.
printf 'database = "%s/inst.db";\nmaildir = "%s/inst-mail";\nschedule: { lead_days = [7, 1, 0]; ongoing = "none"; };\n' "$T" "$T" >"$T/inst.conf"
"$CTL" -c "$T/inst.conf" import "$SEED" >/dev/null
status_is "the installed daemon delivers through the installed agent" 0 \
    env -u DEADLINED_SEND "$R/usr/bin/deadlined" -c "$T/inst.conf" --once --now 2021-06-23T10:00:00+08:00
like "mail in the Maildir" '[0-9]' "$(ls "$T/inst-mail/new" 2>/dev/null | head -1)"

for m in man1/deadlinectl.1 man5/deadlined.conf.5 man8/deadlined.8; do
    gz="$R/usr/share/man/$m.gz"
    ok "$m.gz is gzip" gzip -t "$gz"
    is "$m.gz is the page" "" "$(gzip -dc "$gz" | cmp - "$TOP/etc/man/${m#*/}" 2>&1)"
    is "$m.gz has mode 0644" 644 "$(stat -c %a "$gz")"
done

C="$R/etc/deadlined"
ok "deadlined.conf installed" cmp "$C/deadlined.conf" "$TOP/etc/deadlined.conf"
ok "deadlined.conf.sample installed" cmp "$C/deadlined.conf.sample" "$TOP/etc/deadlined.conf"
is "the holiday calendar installed, a file a year" "$(ls "$TOP/etc/holidays")" "$(ls "$C/holidays")"
for h in "$TOP"/etc/holidays/2004.conf "$TOP"/etc/holidays/2026.conf; do
    ok "holidays/${h##*/} installed" cmp "$C/holidays/${h##*/}" "$h"
done
is "holidays/2026.conf has mode 0644" 644 "$(stat -c %a "$C/holidays/2026.conf")"
is "an empty smtp.pass (0600) for the unit's LoadCredential=" "600 0" "$(stat -c '%a %s' "$C/smtp.pass")"
ok "the plan installed" cmp "$R/usr/share/deadlined/plans/2021-shandong-ip-workplan.txt" "$SEED"
# The sample's relative calendar must resolve in the installed folder,
# and know this year.
ok "the installed configuration is valid" \
    "$R/usr/bin/deadlinectl" -c "$C/deadlined.conf" --db "$T/check.db" check-config
like "its calendar is the installed folder" "^schedule.calendar = \[\"$C/holidays\"\];" \
    "$("$R/usr/bin/deadlinectl" -c "$C/deadlined.conf" --db "$T/check.db" check-config --verbose)"
is "with no warning for 2026" "" \
    "$("$R/usr/bin/deadlinectl" -c "$C/deadlined.conf" --db "$T/check.db" --now 2026-06-01T10:00:00+08:00 check-config 2>&1 >/dev/null)"

U="$R/usr/lib/systemd/system/deadlined.service"
ok "deadlined.service installed" test -f "$U"
is "ExecStart in /usr/bin" "ExecStart=/usr/bin/deadlined -c /etc/deadlined/deadlined.conf" \
    "$(grep '^ExecStart=' "$U")"
ok "prefix /usr/local" inst install PREFIX=/usr/local DESTDIR="$T/local"
like "ExecStart follows PREFIX" '^ExecStart=/usr/local/bin/deadlined ' \
    "$(grep '^ExecStart=' "$T/local/usr/local/lib/systemd/system/deadlined.service")"
ok "systemd's /usr/local unit folder" test -x "$T/local/usr/local/bin/deadlined"

# --- the man pages ----------------------------------------------------------
for p in deadlinectl.1 deadlined.8 deadlined.conf.5; do
    src="$TOP/etc/man/$p"
    is "groff -man -ww -z $p: no warnings" "" "$(groff -man -ww -z "$src" 2>&1)"
    is "groff -k -Tutf8 $p: no warnings" "" "$(groff -k -man -Tutf8 -ww -z "$src" 2>&1)"
    if command -v man >/dev/null; then
        is "man --warnings $p: no warnings" "" "$(man --warnings -l "$src" 2>&1 >/dev/null)"
    fi
done
# Rendered without line breaks inside names, as a reader sees them.
page() { MANWIDTH=1000 man -l "$TOP/etc/man/$1" 2>/dev/null; }
has() { printf '%s\n' "$1" | grep -Eq -- "$2"; }
if command -v man >/dev/null; then
    ctl=$(page deadlinectl.1)
    for cmd in $("$CTL" --help | sed -n 's/^  \([a-z-]*\).*/\1/p'); do
        ok "deadlinectl(1) documents $cmd" has "$ctl" "^ +$cmd( |\$)"
    done
    for o in --db --now --config --format --year --strict --dry-run --unit --plan \
             --due-within --limit --json --note --verbose; do
        ok "deadlinectl(1) documents $o" has "$ctl" "(^|[ [])$o([] ,]|\$)"
    done
    for code in 0 64 65 66 73 74 75 78; do
        ok "deadlinectl(1) exit status $code" has "$ctl" "^ +$code +[A-Z]"
    done
    d=$(page deadlined.8)
    for o in $("$DAEMON" --help 2>&1 | grep -Eo '\-\-?[a-z-]+' | sort -u); do
        ok "deadlined(8) documents $o" has "$d" "^ +(-[a-z], )?$o( |,|\$)"
    done
    for s in SIGHUP SIGTERM SIGINT JOURNAL_STREAM deadlined.service; do
        ok "deadlined(8) mentions $s" has "$d" "$s"
    done
fi
for k in $("$CTL" -c "$TOP/etc/deadlined.conf" --db "$T/check.db" check-config --verbose |
           sed -n 's/^\([a-z_.]*\) = .*/\1/p' | grep -vx smtp.password); do
    ok "deadlined.conf(5) documents $k" grep -qF "$k" "$TOP/etc/man/deadlined.conf.5"
done

# --- reinstall, uninstall -----------------------------------------------------
echo 'timezone = "Asia/Shanghai";  # changed by the operator' >> "$C/deadlined.conf"
cp "$C/deadlined.conf" "$T/changed.conf"
ok "make install again" inst install PREFIX=/usr DESTDIR="$R"
ok "a changed deadlined.conf is kept" cmp "$C/deadlined.conf" "$T/changed.conf"
ok "the sample is the shipped one" cmp "$C/deadlined.conf.sample" "$TOP/etc/deadlined.conf"

ok "make uninstall" inst uninstall PREFIX=/usr DESTDIR="$R"
is "uninstall leaves only the changed config" "./etc/deadlined/deadlined.conf" "$(files "$R")"
ok "the changed config is intact" cmp "$C/deadlined.conf" "$T/changed.conf"

ok "make uninstall, /usr/local" inst uninstall PREFIX=/usr/local DESTDIR="$T/local"
is "an unchanged config is removed too" "" "$(files "$T/local")"
ok "its folders are gone" test ! -e "$T/local/etc/deadlined" -a ! -e "$T/local/usr/local/share/deadlined"

done_testing
