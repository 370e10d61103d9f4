# tests/lib.sh: helpers for end-to-end tests, sourced by tests/e2e/*.sh.
# Each check prints a TAP line ("ok N - what" / "not ok N - what"), which
# tests/run totals.  Every test works in its own temporary directory,
# removed on exit (kill any servers you start in a trap of your own that
# also calls cleanup).
set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
CTL="$BUILD/deadlinectl"
DAEMON="$BUILD/deadlined"
PY=/usr/bin/python3
SEED="$TOP/etc/plans/2021-shandong-ip-workplan.txt"
T=$(mktemp -d)
_n=0
_failed=0
cleanup() { rm -rf "$T"; }

# Background processes the test starts go into pids; stop_all (also run
# on exit) stops them.
pids=()
stop_all() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    pids=()
}
trap 'stop_all; cleanup' EXIT

# start_peer NAME SCRIPT ARGS...: start tests/peers/SCRIPT (a SCRIPT with
# a slash: from the top, as bench/smtp_sink.py), wait for its port file,
# set PORT.  (Not in $(...): that subshell would run the EXIT trap.)
start_peer() {
    local name=$1 script=$2; shift 2
    case "$script" in */*) ;; *) script=tests/peers/$script ;; esac
    rm -f "$T/$name.port"
    "$PY" "$TOP/$script" --port-file "$T/$name.port" "$@" 2>"$T/$name.log" &
    pids+=($!)
    for _ in $(seq 100); do [ -s "$T/$name.port" ] && break; sleep 0.05; done
    PORT=$(cat "$T/$name.port")
}

# VALGRIND=1: run the binaries under valgrind (make valgrind); an error or
# a definite leak makes the command exit 99, which the checks then see.
if [ -n "${VALGRIND:-}" ]; then
    mkdir -p "$T/vg"
    for b in deadlinectl deadlined; do
        printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-fds=no "%s" "$@"\n' \
            "$BUILD/$b" >"$T/vg/$b"
        chmod +x "$T/vg/$b"
    done
    CTL="$T/vg/deadlinectl"
    DAEMON="$T/vg/deadlined"
fi

_report() {	# _report STATUS DESCRIPTION [DETAIL]
    _n=$((_n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $_n - $2"
    else
        echo "not ok $_n - $2"
        _failed=$((_failed + 1))
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
    fi
    return 0
}

# ok DESCRIPTION COMMAND...: the command succeeds.
ok() {
    local d=$1; shift
    local out
    out=$("$@" 2>&1); _report $? "$d" "$out"
}

# fails DESCRIPTION COMMAND...: the command fails.
fails() {
    local d=$1; shift
    local out
    if out=$("$@" 2>&1); then _report 1 "$d" "unexpected success: $out"; else _report 0 "$d"; fi
}

# is DESCRIPTION EXPECTED ACTUAL
is() {
    if [ "$2" = "$3" ]; then _report 0 "$1"; else _report 1 "$1" "expected: $2
actual:   $3"; fi
}

# like DESCRIPTION REGEX ACTUAL (grep -E on the actual text)
like() {
    if printf '%s\n' "$3" | grep -Eq -- "$2"; then _report 0 "$1"; else _report 1 "$1" "no match for /$2/ in:
$3"; fi
}

# unlike DESCRIPTION REGEX ACTUAL
unlike() {
    if printf '%s\n' "$3" | grep -Eq -- "$2"; then _report 1 "$1" "unexpected match for /$2/ in:
$3"; else _report 0 "$1"; fi
}

# status_is DESCRIPTION CODE COMMAND...: exit status is exactly CODE.
status_is() {
    local d=$1 want=$2; shift 2
    local out rc
    out=$("$@" 2>&1); rc=$?
    if [ "$rc" -eq "$want" ]; then _report 0 "$d"; else _report 1 "$d" "exit $rc, wanted $want: $out"; fi
}

# free_port: a TCP port on loopback that nothing listens on now.
free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_web_daemon: the seed plan, one unit (知识产权保护处) delivering to
# the Maildir $T/mail, the daemon serving HTTP on a free port at
# --now 2021-06-23T10:00:00+08:00, until its mail is out and it answers.
# Sets PORT, BASE and daemon; its log is $T/log.
start_web_daemon() {
    PORT=$(free_port)
    BASE="http://127.0.0.1:$PORT"
    cat >"$T/d.conf" <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
http: { listen = "127.0.0.1:$PORT"; public_url = "$BASE"; };
admin: { maildir = "$T/admin"; };
units = (
  { name = "知识产权保护处"; maildir = "$T/mail"; }
);
CONF
    "$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
    "$DAEMON" -c "$T/d.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/log" &
    daemon=$!
    pids+=($daemon)
    for _ in $(seq 100); do
        [ -n "$(ls "$T/mail/new" 2>/dev/null)" ] && break; sleep 0.1
    done
    for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}

# browser_tap SECONDS SCRIPT ARGS...: run tests/browser/SCRIPT in node
# (headless chromium through playwright-core) and report its TAP lines
# as this test's ("browser: ..."), then whether it succeeded.  Fails,
# never skips, when chromium, node or a module of tests/browser (the
# calendar and webhook checks use two) is missing.
browser_tap() {
    local secs=$1 script=$2 dir="$TOP/tests/browser" missing= rc line start m
    shift 2
    [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium"
    command -v node >/dev/null 2>&1 || missing="$missing node"
    for m in playwright-core ical.js standardwebhooks; do
        [ -d "$dir/node_modules/$m" ] || missing="$missing $m"
    done
    if [ -n "$missing" ]; then
        _report 1 "the browser test's tools are installed" "missing:$missing; run: make browser-deps"
        return 1
    fi
    start=$(date +%s)
    timeout "$secs" node "$dir/$script" "$@" >"$T/browser.out" 2>&1
    rc=$?
    while IFS= read -r line; do
        case "$line" in
            "ok "*)     _report 0 "browser: ${line#ok * - }" ;;
            "not ok "*) _report 1 "browser: ${line#not ok * - }" ;;
            "#"*)       echo "$line" ;;
        esac
    done <"$T/browser.out"
    is "the browser script $script succeeds (in $(($(date +%s) - start)) s)" 0 "$rc"
    [ "$rc" -ne 0 ] && grep -Ev '^(ok |not ok |#|1\.\.)' "$T/browser.out" | sed 's/^/#   /'
    return "$rc"
}

# plan_roundtrip NAME FILE EXPECTED.json [quiet]: FILE imported alone
# into a fresh database and exported again must be the plan EXPECTED
# (tests/plan_compare.py, with --loose when PLAN_COMPARE_LOOSE is set);
# with quiet, imported without a warning too.
# The import's stderr stays in $T/rt.err.
plan_roundtrip() {
    local status
    rm -f "$T/rt.db"*
    "$CTL" --db "$T/rt.db" import "$2" >"$T/rt.out" 2>"$T/rt.err"
    status=$?
    "$CTL" --db "$T/rt.db" export --format json >"$T/rt.json" 2>/dev/null
    ok "$1: every measure exact${4:+, no warning}" bash -c \
        '[ "$1" = 0 ] && { [ -z "$2" ] || [ ! -s "$3" ]; } && "${@:4}"' _ "$status" "${4:-}" \
        "$T/rt.err" "$PY" "$TOP/tests/plan_compare.py" ${PLAN_COMPARE_LOOSE:+--loose} "$T/rt.json" "$3"
    [ "$status" = 0 ] && { [ -z "${4:-}" ] || [ ! -s "$T/rt.err" ]; } || sed 's/^/#   /' "$T/rt.err"
}

# plan_roles DB: a line per measure of the plan in DB, its due date and
# its units as NAME:ROLE.
plan_roles() {
    "$CTL" --db "$1" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        print(m["deadline"]["due"], " ".join("%s:%s" % (u["name"], u["role"]) for u in m["units"]))'
}

done_testing() {
    echo "1..$_n"
    [ "$_failed" -eq 0 ]
}

# The tests' Python helpers (ack_links.ACK_LINK) import from tests/.
export PYTHONPATH="$TOP/tests${PYTHONPATH:+:$PYTHONPATH}"
# The shape of an ack link on the test daemon's endpoint, for `like`.
ACK_LINK_RE='/ack/[0-9a-f]{32}'

# first_ack_link FOLDER [TEXT_OUT]: the first ack link of the mails in a
# Maildir folder (tests/ack_links.py), with that mail's text in TEXT_OUT.
first_ack_link() {
    "$PY" "$TOP/tests/ack_links.py" "$@"
}

# seed_units: a config's units block giving four of the seed plan's units
# an address each (the rest of its units go to admin).
seed_units() {
    cat <<'UNITS'
units = (
  { name = "知识产权运用促进处"; email = ["yy@example.org"]; },
  { name = "知识产权保护处"; email = ["bh@example.org"]; },
  { name = "省知识产权事业发展中心"; email = ["zx@example.org"]; },
  { name = "济南商标审协中心"; email = ["sx@example.org"]; }
);
UNITS
}
