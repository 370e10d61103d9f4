#!/usr/bin/env bash
# What each make target installs: plain `make` only what building needs,
# the test targets what testing needs besides; and the README names every
# package.  The Makefile and tests/install-deps run for real (make
# --trace shows each command run, @ or not) in a copy holding only those
# two files, so that nothing is built; every package is present here, so
# the installer only checks.
. "$(dirname "$0")/../lib.sh"

W="$T/tree"
mkdir -p "$W/tests"
cp "$TOP/Makefile" "$W/"
cp "$TOP/tests/install-deps" "$W/tests/"
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$W" "$@" 2>&1; }
# The Debian packages of each installer command in make's output (the
# words after "--" on a line running tests/install-deps).
debs() { sed -n 's/^sh tests\/install-deps .* -- //p' | tr ' ' '\n' | sed '/^$/d' | sort -u; }

TEST_ONLY="libcmocka-dev python3-aiosmtpd python3-docx python3-openpyxl groff-base man-db chromium nginx-light sqlite3 libreoffice-calc-nogui libreoffice-writer-nogui"
BUILD_NEEDS="libcurl4-openssl-dev libsqlite3-dev libconfig-dev nettle-dev libmicrohttpd-dev libzip-dev libxml2-dev libpoppler-glib-dev pkg-config"

# Plain make: no source here, so it stops after build/deps.mk; the
# installers it ran are all it would run before compiling.
out=$(mk --trace)
plain=$(printf '%s\n' "$out" | debs)
is "plain make runs one installer" 1 "$(printf '%s\n' "$out" | grep -c '^sh tests/install-deps ')"
for p in $BUILD_NEEDS; do
    like "plain make installs $p" "^$p\$" "$plain"
done
for p in $TEST_ONLY; do
    unlike "plain make does not install $p" "^$p\$" "$plain"
done
ok "build/deps.mk written" test -s "$W/build/deps.mk"
unlike "build/deps.mk asks nothing of cmocka" cmocka "$(cat "$W/build/deps.mk")"

# make unit installs the unit tests' packages (then fails: no tests here).
unit=$(mk --trace unit | debs)
for p in libcmocka-dev python3-aiosmtpd groff-base man-db; do
    like "make unit installs $p" "^$p\$" "$unit"
done
# make test: the same and the browser's and the benchmarks' (-n: shown,
# not run; -k: past the missing sources).
all=$(mk -n -k test | debs)
for p in $TEST_ONLY fonts-wqy-zenhei; do
    like "make test installs $p" "^$p\$" "$all"
done
# fuzz.sh's make fuzz, through fuzz-deps (the targets' sources are not here).
fuzz=$(mk -n fuzz-deps | debs)
like "make fuzz installs clang" '^clang$' "$fuzz"

# make run, through run-deps: the Maildir's reader.
run=$(mk -n run-deps | debs)
is "make run installs mutt" mutt "$run"

# The README's dependency list names every package a target installs.
readme=$(tr '\n' ' ' <"$TOP/README.md")
for p in $plain $all $fuzz $run; do
    like "README names $p" "[ ,]$p[ ,.)]" "$readme"
done

done_testing
