#!/usr/bin/env bash
# Waiting is idle (issue 15): 40 mails queued at once for one SMTP
# connection to a server that takes 0.3 s a mail.  The deliverer holds 8
# a connection; the others wait in the queue for a free slot.  While they
# drain (about 12 s) the daemon sleeps until an outcome frees a slot or
# its next timed event: its own CPU time from the first mail to the last
# stays under 0.5 s, and its log has a line or two per mail, not a pass
# per loop.
. "$(dirname "$0")/../lib.sh"

UNITS=40
NOW=2021-06-23T10:00:00+08:00

# The plan: UNITS measures, one unit each, all due 6月底前 2021 (the 7-day
# notice triggers on 2021-06-23 at 09:00): one mail per unit at the
# first pass.
{
    printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
    for i in $(seq $UNITS); do
        printf '2021 年等待测试工作计划\t2021\t1\t一、等待测试\t任务1\t第%d项举措：按期完成。\t单位%d\t6月底前\n' "$i" "$i"
    done
} >"$T/plan.tsv"

start_peer smtp smtp_server.py --maildir "$T/smtp" --delay 0.3
{
    cat <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$PORT"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; connections = 1; };
http: { listen = "127.0.0.1:$(free_port)"; public_url = "http://127.0.0.1:8470"; };
admin: { maildir = "$T/admin"; };
units = (
CONF
    for i in $(seq $UNITS); do
        printf '  { name = "单位%d"; email = ["u%d@example.org"]; }%s\n' \
            "$i" "$i" "$([ "$i" -lt $UNITS ] && echo ,)"
    done
    echo ');'
} >"$T/d.conf"
"$CTL" -c "$T/d.conf" import "$T/plan.tsv" >/dev/null

# probe: start the daemon; when the first mail reaches the server, read
# its CPU time (utime + stime of /proc/PID/stat, the daemon's own, not
# the delivery agent's) and context switches; again when the last one
# has; print both differences and the seconds between.
"$PY" - "$DAEMON" "$T" $UNITS "$NOW" >"$T/probe" 2>"$T/probe.err" <<'PY'
import glob, os, re, subprocess, sys, time
daemon, d, n, now = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
tick = os.sysconf("SC_CLK_TCK")
p = subprocess.Popen([daemon, "-c", d + "/d.conf", "--now", now],
                     stderr=open(d + "/log", "w"))
def cpu():
    f = open("/proc/%d/stat" % p.pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick
def switches():
    return sum(int(x) for f in glob.glob("/proc/%d/task/*/status" % p.pid)
               for x in re.findall(r"ctxt_switches:\s+(\d+)", open(f).read()))
def mails():
    return len(glob.glob(d + "/smtp/*.json"))
deadline = time.monotonic() + 60
while mails() < 1 and time.monotonic() < deadline:
    time.sleep(0.01)
c0, s0, t0 = cpu(), switches(), time.monotonic()
while mails() < n and time.monotonic() < deadline:
    time.sleep(0.05)
time.sleep(0.5)        # the last outcome comes back 0.3 s after the mail
c1, s1, t1 = cpu(), switches(), time.monotonic()
print("mails", mails())
print("cpu %.2f" % (c1 - c0))
print("wakeups", s1 - s0)
print("seconds %.1f" % (t1 - t0))
p.terminate(); p.wait()
PY
rc=$?
is "the probe ran" "0" "$rc$(cat "$T/probe.err")"
val() { sed -n "s/^$1 //p" "$T/probe"; }
sed 's/^/# /' "$T/probe"
lines=$(wc -l <"$T/log")
echo "# log: $lines lines"

is "all $UNITS mails reached the server" "$UNITS" "$(val mails)"
ok "the daemon's CPU while they drained is under 0.5 s ($(val cpu) s in $(val seconds) s)" \
    awk -v t="$(val cpu)" 'BEGIN { exit !(t < 0.5) }'
ok "its log stays short: at most 3 lines a mail ($lines lines)" \
    test "$lines" -le $((3 * UNITS + 20))
is "one pass while they drained" 1 "$(grep -c ' pass: ' "$T/log")"
ok "a few wake-ups a mail, not a busy loop ($(val wakeups))" \
    test "$(val wakeups)" -le $((10 * UNITS))
unlike "nothing went wrong" 'warning|failed' "$(cat "$T/log")"

done_testing
