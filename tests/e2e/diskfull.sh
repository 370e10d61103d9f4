#!/usr/bin/env bash
# A full disk in the middle of a fan-out (issue 15): the database lives on
# a small tmpfs that the test fills while 40 mails go out one by one to a
# slow server, then frees; then the same with another process holding
# the write lock past the busy timeout.  Outcomes the database will not take stay in
# memory and are written when it takes writes again; nothing new goes on
# the wire meanwhile; the loop backs off instead of spinning; /healthz
# answers 503 with the cause; once space returns the daemon carries on by
# itself and every mail has gone out once.  Needs root (mount); skipped
# with a message otherwise.
. "$(dirname "$0")/../lib.sh"

UNITS=40
NOW=2021-06-23T10:00:00+08:00
FS="$T/fs"
mkdir -p "$FS"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=6m tmpfs "$FS" 2>/dev/null; then
    echo "# skipped: mounting a small tmpfs needs root"
    done_testing
    exit 0
fi
trap 'stop_all; umount "$FS" 2>/dev/null; cleanup' EXIT

{
    printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
    for i in $(seq $UNITS); do
        printf '2021 年磁盘测试工作计划\t2021\t1\t一、磁盘测试\t任务1\t第%d项举措：按期完成。\t单位%d\t6月底前\n' "$i" "$i"
    done
} >"$T/plan.tsv"

start_peer smtp smtp_server.py --maildir "$T/smtp" --delay 0.3
HPORT=$(free_port)
{
    cat <<CONF
database = "$FS/DB";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$PORT"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; connections = 1; };
http: { listen = "127.0.0.1:$HPORT"; public_url = "http://127.0.0.1:$HPORT"; };
admin: { maildir = "$T/admin"; };
units = (
CONF
    for i in $(seq $UNITS); do
        printf '  { name = "单位%d"; email = ["u%d@example.org"]; }%s\n' \
            "$i" "$i" "$([ "$i" -lt $UNITS ] && echo ,)"
    done
    echo ');'
} >"$T/conf.in"
mails() { find "$T/smtp" -name '*.json' 2>/dev/null | wc -l; }
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
health() { curl -s -w ' %{http_code}' "http://127.0.0.1:$HPORT/healthz" | tr -d '\n'; }

# broken NAME PID: the checks while the database of daemon PID takes no
# writes: the mails already handed to the deliverer finish, then nothing
# new goes out, the daemon idles, says why and stays up.
broken() {
    local name=$1 dpid=$2 during c0 c1
    sleep 4
    during=$(mails)
    c0=$(cpu "$dpid")
    sleep 4
    c1=$(cpu "$dpid")
    ok "$name: while it lasts, not every mail went out" [ "$during" -lt $UNITS ]
    is "$name: while it lasts, nothing new goes on the wire" "$during" "$(mails)"
    ok "$name: the daemon is idle (under 0.3 s of CPU in 4 s; $((c1 - c0)) ticks)" \
        [ $((c1 - c0)) -le 30 ]
    like "$name: /healthz answers 503 with the cause" 'the database takes no writes: .* 503$' "$(health)"
    like "$name: the cause is logged" 'the database takes no writes: ' "$(cat "$T/$name.log")"
    ok "$name: once a minute, not in a loop (under 5 such lines)" \
        [ "$(grep -c 'the database takes no writes' "$T/$name.log")" -le 5 ]
    kill -0 "$dpid" 2>/dev/null; is "$name: the daemon is still running" 0 $?
}

# fanout NAME DB: the daemon (its pid in DPID) started on a fan-out of
# UNITS mails into a fresh database DB and a fresh server folder, once
# the first mails went out.
fanout() {
    local name=$1
    sed "s|$FS/DB|$2|" "$T/conf.in" >"$T/$name.conf"
    "$CTL" -c "$T/$name.conf" import "$T/plan.tsv" >/dev/null
    # The server's folder stays (it writes there): earlier mails move out.
    mkdir -p "$T/earlier/$name"
    find "$T/smtp" -maxdepth 1 -type f -exec mv {} "$T/earlier/$name/" \; 2>/dev/null
    "$DAEMON" -c "$T/$name.conf" --now "$NOW" 2>"$T/$name.log" &
    DPID=$!
    pids+=("$DPID")
    for _ in $(seq 300); do [ "$(mails)" -ge 3 ] && break; sleep 0.05; done
}

# fault NAME BREAK MEND: a fan-out of UNITS mails into a fresh database
# (NAME.db) and a fresh server folder; after the first mails, BREAK makes
# the database refuse writes, MEND (8 s later) lets it take them again.
fault() {
    local name=$1 break=$2 mend=$3 dpid
    fanout "$name" "$FS/$name.db"
    dpid=$DPID
    eval "$break"
    broken "$name" "$dpid"
    # Writes return: the daemon carries on by itself.
    eval "$mend"
    for _ in $(seq 600); do [ "$(mails)" -ge $UNITS ] && break; sleep 0.1; done
    is "$name: every mail went out once writes returned" $UNITS "$(mails)"
    sleep 2
    is "$name: no mail twice (one file each, distinct Message-IDs)" "$UNITS $UNITS" \
        "$(ls "$T"/smtp/*.eml | wc -l) $(grep -h '^Message-ID:' "$T"/smtp/*.eml | sort -u | wc -l)"
    ok "$name: every outcome recorded, $UNITS sent" "$PY" -c '
import json, sys
o = json.loads(sys.argv[1])
assert sum(m["state"] == "sent" for m in o) == int(sys.argv[2]), [m["state"] for m in o]' \
        "$("$CTL" -c "$T/$name.conf" outbox --json)" $UNITS
    like "$name: the kept outcomes were written" 'the database takes writes again: [0-9]+ kept outcome' \
        "$(cat "$T/$name.log")"
    is "$name: /healthz is 200 again" "ok 200" "$(health)"
    kill "$dpid"; wait "$dpid" 2>/dev/null
}

# The file system fills up (what is left of it), then is freed.
fault full 'dd if=/dev/zero of="$FS/filler" bs=64k 2>/dev/null; sync' 'rm -f "$FS/filler"'
# Another process holds the write lock past the 5 s busy timeout.
fault locked '"$PY" -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute(\"BEGIN EXCLUSIVE\")
time.sleep(14)
" "$FS/locked.db" & lockpid=$!; sleep 0.2' 'wait $lockpid'

# The kernel remounts the file system read-only on an error (ext4 with
# errors=remount-ro; the error made through sysfs).  An administrator
# cannot remount a file system read-only while the database is open for
# writing (EBUSY), and this one stays read-only until it is unmounted and
# checked: the daemon keeps what it cannot write, sends nothing new, and
# when stopped names the outcomes it could not record; after e2fsck and
# a new mount, the next start sends what is left, again only the mails
# whose outcomes were lost.
RO="$T/ro"
mkdir -p "$RO"
dd if=/dev/zero of="$T/ro.img" bs=1M count=16 2>/dev/null
if mkfs.ext4 -q "$T/ro.img" 2>/dev/null &&
    mount -o loop,errors=remount-ro "$T/ro.img" "$RO" 2>/dev/null &&
    dev=$(basename "$(findmnt -n -o SOURCE "$RO")") &&
    [ -w "/sys/fs/ext4/$dev/trigger_fs_error" ]; then
    trap 'stop_all; umount "$FS" "$RO" 2>/dev/null; cleanup' EXIT
    fanout readonly "$RO/ro.db"
    echo "deadlined test" >"/sys/fs/ext4/$dev/trigger_fs_error"
    broken readonly "$DPID"
    kill "$DPID"; wait "$DPID"
    is "readonly: the daemon stops cleanly" 0 $?
    lost=$(grep -o '[0-9]* delivery outcome(s) could not be recorded' "$T/readonly.log" | cut -d' ' -f1)
    like "readonly: at the stop, the outcomes it could not record are named" \
        '[0-9]+ delivery outcome\(s\) could not be recorded \(.*\): their messages may go out again at the next start' \
        "$(cat "$T/readonly.log")"
    umount "$RO"
    e2fsck -fy "$T/ro.img" >/dev/null 2>&1
    mount -o loop "$T/ro.img" "$RO"
    "$DAEMON" -c "$T/readonly.conf" --once --now "$NOW" 2>>"$T/readonly.log"
    is "readonly: after the mount, --once sends what is left (exit 0)" 0 $?
    is "readonly: every unit got its mail" $UNITS \
        "$(grep -h '^To:' "$T"/smtp/*.eml | sort -u | wc -l)"
    # At most: a commit whose sync failed as the file system turned
    # read-only may still have reached the disk (its WAL frames were
    # written), and then its message is not sent again.
    sent=$(ls "$T"/smtp/*.eml | wc -l)
    ok "readonly: sent twice only mails whose outcomes were lost ($((sent - UNITS)) of $lost)" \
        [ "$sent" -ge $UNITS -a "$sent" -le $((UNITS + ${lost:-0})) ]
    ok "readonly: every outcome recorded, $UNITS sent" "$PY" -c '
import json, sys
o = json.loads(sys.argv[1])
assert sum(m["state"] == "sent" for m in o) == int(sys.argv[2]), [m["state"] for m in o]' \
        "$("$CTL" -c "$T/readonly.conf" outbox --json)" $UNITS
else
    echo "# skipped the read-only remount: no ext4 on a loop device here"
fi
done_testing
