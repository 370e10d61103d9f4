#!/usr/bin/env bash
# The unit file: systemd-analyze verify is clean and the exposure score is
# 2.0 or less.
. "$(dirname "$0")/../lib.sh"

if ! command -v systemd-analyze >/dev/null; then
    echo "ok 1 - # SKIP systemd-analyze not installed"
    done_testing; exit 0
fi
# verify wants the ExecStart binary to exist: point it at the build.
sed "s|/usr/bin/deadlined|$DAEMON|" "$TOP/systemd/deadlined.service" >"$T/deadlined.service"
out=$(systemd-analyze verify --man=no "$T/deadlined.service" 2>&1); rc=$?
is "systemd-analyze verify exits 0" 0 "$rc"
is "systemd-analyze verify says nothing" "" "$out"
out=$(systemd-analyze security --offline=yes "$T/deadlined.service" 2>&1)
score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for deadlined.service: \([0-9.]*\).*/\1/p')
like "an exposure score is reported" '^[0-9]+\.[0-9]$' "$score"
ok "exposure $score is 2.0 or less" awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'
like "Type=notify with a watchdog" 'x' "$(grep -q '^Type=notify$' "$T/deadlined.service" && grep -q '^WatchdogSec=' "$T/deadlined.service" && echo x)"

done_testing
