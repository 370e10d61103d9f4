#!/usr/bin/env bash
# The idle daemon's footprint (issue 7), measured on the sample
# configuration holding the seed plan with nothing due, HTTP on loopback
# and no watchdog: READY=1 within 50 ms of exec (median of 5 starts),
# VmRSS under 8 MiB, no wake-up of any thread in 20 s (the target is at
# most 2 a minute; libmicrohttpd's thread must not poll on a timer), no
# delivery agent running.  The memory and time bounds are skipped in a
# sanitizer build, whose shadow memory and checks they would measure.
. "$(dirname "$0")/../lib.sh"

port=$(free_port)
sed -e "s|127.0.0.1:8470|127.0.0.1:$port|" \
    -e "s|\"holidays\"|\"$TOP/etc/holidays\"|" \
    -e "s|\"var/mail\"|\"$T/mail\"|" "$TOP/etc/deadlined.conf" >"$T/d.conf"
"$CTL" -c "$T/d.conf" --db "$T/d.db" import "$SEED" >/dev/null
sanitized=$(ldd "$DAEMON" | grep -c 'libasan\|libubsan')

# probe: start the daemon as systemd would (NOTIFY_SOCKET) N times, print
# the median exec-to-READY=1 time in ms; then, started once more, its
# VmRSS (KiB), its threads, its children and its threads' context switches
# over SECONDS.
"$PY" - "$DAEMON" "$T" 5 20 >"$T/probe" 2>"$T/probe.err" <<'PY'
import glob, os, re, socket, statistics, subprocess, sys, time
daemon, d, n, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
args = [daemon, "-c", d + "/d.conf", "--db", d + "/d.db", "--now", "2026-11-24T10:00:00"]
def start():
    sock = d + "/notify.sock"
    if os.path.exists(sock):
        os.unlink(sock)
    ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ns.bind(sock)
    ns.settimeout(10)
    env = dict(os.environ, NOTIFY_SOCKET=sock)
    env.pop("WATCHDOG_USEC", None)
    t0 = time.monotonic()
    p = subprocess.Popen(args, env=env, stderr=open(d + "/log", "a"))
    while "READY=1" not in ns.recv(4096).decode():
        pass
    return p, (time.monotonic() - t0) * 1000, ns
ms = []
for _ in range(n):
    p, t, ns = start()
    ms.append(t)
    p.terminate(); p.wait(); ns.close()
print("ready_ms %.1f" % statistics.median(ms))
p, _, ns = start()
time.sleep(1)      # the first pass is done well within this
status = open("/proc/%d/status" % p.pid).read()
print("rss_kib", re.search(r"VmRSS:\s+(\d+)", status).group(1))
print("threads", len(os.listdir("/proc/%d/task" % p.pid)))
kids = subprocess.run(["ps", "-o", "comm=", "--ppid", str(p.pid)], capture_output=True, text=True).stdout.split()
print("children", len(kids))
def switches():
    return sum(int(x) for f in glob.glob("/proc/%d/task/*/status" % p.pid)
               for x in re.findall(r"ctxt_switches:\s+(\d+)", open(f).read()))
# Idle means after the first pass and what follows it (the board's
# count): wait until a second goes by without a switch (10 s at most,
# for slow sanitizer builds), then count.
prev = switches()
for _ in range(10):
    time.sleep(1)
    now = switches()
    if now == prev:
        break
    prev = now
c0 = switches(); time.sleep(secs); c1 = switches()
print("wakeups", c1 - c0)
p.terminate(); p.wait()
PY
rc=$?
is "the probe ran" "0" "$rc$(cat "$T/probe.err")"
val() { sed -n "s/^$1 //p" "$T/probe"; }
cat "$T/probe" | sed 's/^/# /'

if [ "$sanitized" -eq 0 ]; then
    ok "READY=1 within 50 ms of exec ($(val ready_ms) ms, median of 5)" \
        awk -v t="$(val ready_ms)" 'BEGIN { exit !(t <= 50) }'
    ok "idle VmRSS under 8 MiB ($(val rss_kib) KiB)" test "$(val rss_kib)" -lt 8192
else
    _report 0 "memory and start-up bounds # SKIP in a sanitizer build"
fi
is "three threads (the loop, libmicrohttpd's, the HTTP head watchdog)" 3 "$(val threads)"
is "no delivery agent while nothing is sent" 0 "$(val children)"
is "no thread woke in 20 s" 0 "$(val wakeups)"
unlike "nothing went wrong" 'warning|failed' "$(cat "$T/log")"

done_testing
