#!/usr/bin/env bash
# Messages that fail for good, admin's notice of them, and deadlinectl
# retry, end to end: a real SMTP server (aiosmtpd) that knows no mailbox
# sx@example.org, a real webhook receiver answering a robot's "sign not
# match", the seed plan, and the daemon running (not --once) at a pinned
# clock.  Admin is told, in a text of its own, which unit, channel and
# address, the error and the attempts, with no ack link and no robot
# token; once the address is fixed in the configuration, `deadlinectl
# retry` queues the message again, to the new address, and the running
# daemon sends it at once; bad ids queue nothing.
. "$(dirname "$0")/../lib.sh"

start_peer smtp smtp_server.py --maildir "$T/smtp" --unknown sx@example.org; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook.jsonl" --mode dingtalk-error; hook_port=$PORT
start_peer hook2 webhook_server.py --log "$T/hook2.jsonl"; hook2_port=$PORT
ROBOT_TOKEN=4f0c1e5ab7d24c3e9f6a8b2d71c05e93
NEW_TOKEN=9d3b6a0e5c7f4e21b8a9c0d1e2f3a4b5
HTTP_PORT=$(free_port)
write_conf() {	# write_conf SX_ADDRESS ROBOT_URL
    cat >"$T/d.conf" <<EOF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$smtp_port"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { listen = "127.0.0.1:$HTTP_PORT"; public_url = "http://127.0.0.1:$HTTP_PORT"; };
admin: { email = ["admin@example.org"]; };
units = (
  { name = "知识产权保护处"; email = ["bh@example.org"]; },
  { name = "济南商标审协中心"; email = ["$1"]; },
  { name = "省知识产权事业发展中心"; webhook = ( { type = "dingtalk"; url = "$2"; } ); }
);
EOF
}
OLD_ROBOT="http://127.0.0.1:$hook_port/robot/send?access_token=$ROBOT_TOKEN"
NEW_ROBOT="http://127.0.0.1:$hook2_port/robot/send?access_token=$NEW_TOKEN"
write_conf sx@example.org "$OLD_ROBOT"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
CLOCK=2021-06-23T10:00:00+08:00

# mails_to ADDRESS: how many mails the SMTP server took for ADDRESS.
mails_to() {
    "$PY" -c 'import glob, json, sys
print(sum(sys.argv[2] in json.load(open(f))["rcpt_tos"]
          for f in glob.glob(sys.argv[1] + "/*.json")))' "$T/smtp" "$1"
}
# notices: how many of admin's mails are notices of a failure (admin
# also gets the digest of the plan's units that map to no recipient).
notices() {
    "$PY" -c 'import email, email.policy, glob, json, sys
print(sum("admin@example.org" in json.load(open(f))["rcpt_tos"] and "投递失败" in
          str(email.message_from_binary_file(open(f[:-5] + ".eml", "rb"),
              policy=email.policy.default)["Subject"])
          for f in glob.glob(sys.argv[1] + "/*.json")))' "$T/smtp"
}
# wait_for N COMMAND...: wait (10 s at most) until COMMAND prints N or more.
wait_for() {
    local n=$1; shift
    for _ in $(seq 100); do [ "$("$@")" -ge "$n" ] && break; sleep 0.1; done
}
# outbox_id UNIT: the id of UNIT's one message.
outbox_id() {
    "$CTL" -c "$T/d.conf" outbox --json --unit "$1" | "$PY" -c '
import json, sys
o = json.load(sys.stdin)
assert len(o) == 1, o
print(o[0]["id"])'
}

"$DAEMON" -c "$T/d.conf" --now "$CLOCK" 2>"$T/log" &
daemon=$!
pids+=($daemon)
wait_for 2 notices
is "the unit with a mailbox gets its digest" 1 "$(mails_to bh@example.org)"
is "the unknown mailbox gets nothing" 0 "$(mails_to sx@example.org)"
sx=$(outbox_id 济南商标审协中心)
robot=$(outbox_id 省知识产权事业发展中心)
ok "both fail for good at the first attempt, with the peer's error" "$PY" -c '
import json, sys
o = {m["unit"]: m for m in json.loads(sys.argv[1])}
sx, robot = o["济南商标审协中心"], o["省知识产权事业发展中心"]
assert sx["state"] == "failed" and sx["attempts"] == 1, sx
assert "550 5.1.1" in sx["last_error"], sx
assert robot["state"] == "failed" and robot["attempts"] == 1, robot
assert "310000" in robot["last_error"], robot
assert sx["first_tried_at"] == sx["tried_at"] and sx["requeued_at"] is None, sx' \
    "$("$CTL" -c "$T/d.conf" outbox --json)"
is "admin gets one notice for each failed message" 2 "$(notices)"

# notices.py SMTP SX ROBOT TOKEN UNIT=ATTEMPTS...: admin's latest notice
# about each UNIT, as a unit's digest never reads: the unit, channel,
# address, error, ATTEMPTS, times and the retry command; no ack link, no
# robot token, no greeting of the unit's digest.
cat >"$T/notices.py" <<'PY'
import email, email.policy, glob, json, os, re, sys
smtp, sx, robot, token = sys.argv[1:5]
want = dict(a.split("=") for a in sys.argv[5:])
latest = {}
files = glob.glob(os.path.join(smtp, "*.json"))
for f in sorted(files, key=lambda f: int(os.path.basename(f)[:-5])):
    if "admin@example.org" in json.load(open(f))["rcpt_tos"]:
        data = open(f[:-5] + ".eml", "rb").read()
        m = email.message_from_bytes(data, policy=email.policy.default)
        if "投递失败" not in str(m["Subject"]):
            continue
        text = m.get_body(("plain",)).get_content()
        html = m.get_body(("html",)).get_content()
        unit = re.search(r"收件单位：(.*)", text).group(1).strip()
        latest[unit] = (data, str(m["Subject"]), text, html)
assert set(want) <= set(latest), (want, list(latest))
for unit, attempts in want.items():
    data, subject, text, html = latest[unit]
    for part in (data.decode("ascii"), text, html):
        assert "/ack/" not in part and token not in part, (unit, part)
    assert "请贵单位关注" not in text and "确认链接：" not in text, text
    assert "以下提醒未能送达，请核对地址后重发" in text, text
    assert ("尝试次数：%s 次" % attempts) in text, text
    assert re.search(r"首次尝试：2021-06-2\d \d\d:\d\d:\d\d", text), text
    assert re.search(r"最近尝试：2021-06-2\d \d\d:\d\d:\d\d", text), text
    assert "投递失败" in subject and unit in subject, subject
    if unit == "济南商标审协中心":
        assert "投递渠道：邮件（email）" in text, text
        assert "投递地址：sx@example.org" in text, text
        assert re.search(r"失败原因：smtp: 550 5\.1\.1 <sx@example\.org>", text), text
        assert ("deadlinectl retry %s" % sx) in text, text
        assert ("deadlinectl retry %s" % sx) in html, html
        assert "深化知识产权领域“放管服”改革" in text, text
        assert "完成时限：6月底前（截止 2021-06-30）" in text, text
    else:
        assert "投递渠道：钉钉机器人（dingtalk）" in text, text
        assert re.search(r"投递地址：http://127\.0\.0\.1:\d+/robot/send"
                         r"\?access_token=\*\*\*\r?\n", text), text
        assert "310000" in text and ("deadlinectl retry %s" % robot) in text, text
PY
# q SQL: the one value SQL gives on the database.
q() {
    "$PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$T/d.db" "$1"
}
ok "admin's notices name unit, channel, address, error and attempts, with no ack link or token" \
    "$PY" "$T/notices.py" "$T/smtp" "$sx" "$robot" "$ROBOT_TOKEN" 济南商标审协中心=1 省知识产权事业发展中心=1
is "no ack token was issued for them: one for each item of the digests" \
    "$(q "SELECT count(*) FROM message_notice mn JOIN message m ON m.id = mn.message_id
          WHERE m.state <> 'skipped' AND m.title NOT LIKE '【投递失败】%'")" \
    "$(q "SELECT count(*) FROM ack_token")"

# The address fixed in the configuration; retried while the daemon runs
# (its next wake-up is a day away): sent at once, to the new address.
write_conf sx-new@example.org "$OLD_ROBOT"
out=$("$CTL" -c "$T/d.conf" --now "$CLOCK" retry --failed --unit 济南商标审协中心 2>&1); rc=$?
is "retry --failed --unit exits 0" 0 "$rc"
is "and says what it queued, and where" \
    "message $sx (济南商标审协中心, email): queued again to sx-new@example.org (was sx@example.org)" "$out"
wait_for 1 mails_to sx-new@example.org
is "the running daemon sends it to the new address at once" 1 "$(mails_to sx-new@example.org)"
is "and nothing to the old one" 0 "$(mails_to sx@example.org)"
ok "the mail's To is the new address; its ack links are the unit's" "$PY" -c '
import email, email.policy, glob, json, sys
for f in glob.glob(sys.argv[1] + "/*.json"):
    if "sx-new@example.org" in json.load(open(f))["rcpt_tos"]:
        m = email.message_from_binary_file(open(f[:-5] + ".eml", "rb"), policy=email.policy.default)
        assert m["To"].addresses[0].addr_spec == "sx-new@example.org", m["To"]
        assert "/ack/" in m.get_body(("plain",)).get_content()' "$T/smtp"
for _ in $(seq 50); do
    [ "$("$CTL" -c "$T/d.conf" outbox --json --unit 济南商标审协中心 | grep -c '"state": "sent"')" = 1 ] && break
    sleep 0.1
done
ok "the outbox keeps the retry: sent, new address, a second attempt, requeued_at" "$PY" -c '
import json, sys
m, = json.loads(sys.argv[1])
assert m["state"] == "sent" and m["address"] == "sx-new@example.org", m
assert m["attempts"] == 2 and m["requeued_at"] is not None and m["last_error"] is None, m
assert m["tried_at"] >= m["first_tried_at"] > 0, m' \
    "$("$CTL" -c "$T/d.conf" outbox --json --unit 济南商标审协中心)"
like "the daemon logs it sent" "message $sx sent" "$(cat "$T/log")"

# What retry refuses: nothing is queued.
status_is "a sent message: exit 65" 65 "$CTL" -c "$T/d.conf" retry "$sx"
like "naming it" "message $sx: sent, not failed" "$("$CTL" -c "$T/d.conf" retry "$sx" 2>&1)"
status_is "an unknown id with a failed one: exit 65" 65 "$CTL" -c "$T/d.conf" retry "$robot" 99999
like "naming the unknown one" "message 99999: no such message" \
    "$("$CTL" -c "$T/d.conf" retry "$robot" 99999 2>&1)"
is "and the failed one is not queued" failed "$(q "SELECT state FROM message WHERE id = $robot")"
status_is "an id that is no number: exit 64" 64 "$CTL" -c "$T/d.conf" retry 12x
status_is "ids and --failed together: exit 64" 64 "$CTL" -c "$T/d.conf" retry --failed "$robot"
status_is "--unit without --failed: exit 64" 64 "$CTL" -c "$T/d.conf" retry --unit 济南商标审协中心 "$robot"
status_is "an unknown unit: exit 65" 65 "$CTL" -c "$T/d.conf" retry --failed --unit 无此单位
is "no failed message of a unit: said, exit 0" "no failed message for 知识产权保护处" \
    "$("$CTL" -c "$T/d.conf" retry --failed --unit 知识产权保护处)"

kill -TERM "$daemon"; wait "$daemon" 2>/dev/null

# The robot: retried as it is (still broken) it fails again, and admin
# is told again, now of two attempts; with its URL fixed, the retry goes
# to the new robot.  Its token is never shown.
out=$("$CTL" -c "$T/d.conf" --now 2021-06-24T10:00:00+08:00 retry "$robot" 2>&1)
like "retried as it is: the same address, masked" \
    "^message $robot \(省知识产权事业发展中心, dingtalk\): queued again to http://127.0.0.1:$hook_port/robot/send\?access_token=\*\*\*\$" "$out"
outbox=$("$CTL" -c "$T/d.conf" outbox --unit 省知识产权事业发展中心)
like "the outbox notes the retry as its last error" \
    "queued again by deadlinectl retry at 2021-06-24T10:00:00\+08:00; last error: dingtalk: .*310000" "$outbox"
is "the token is in neither" "" "$(printf '%s\n%s' "$out" "$outbox" | grep -F "$ROBOT_TOKEN")"
out=$("$DAEMON" -c "$T/d.conf" --once --now 2021-06-24T10:00:00+08:00 2>&1); rc=$?
is "it fails again at the old robot" 2 "$(wc -l <"$T/hook.jsonl")"
is "--once with a message failed for good exits 69 (EX_UNAVAILABLE)" 69 "$rc"
like "and says so last" "1 message\(s\) failed for good \(admin told; .deadlinectl outbox --state failed. lists them\)\$" "$out"
is "and admin is told again" 3 "$(notices)"
ok "now of two attempts" "$PY" "$T/notices.py" "$T/smtp" "$sx" "$robot" "$ROBOT_TOKEN" 省知识产权事业发展中心=2
write_conf sx-new@example.org "$NEW_ROBOT"
out=$("$CTL" -c "$T/d.conf" --now 2021-06-25T10:00:00+08:00 retry --failed 2>&1); rc=$?
is "retry --failed with the robot fixed exits 0" 0 "$rc"
is "and names both addresses, masked" \
    "message $robot (省知识产权事业发展中心, dingtalk): queued again to http://127.0.0.1:$hook2_port/robot/send?access_token=*** (was http://127.0.0.1:$hook_port/robot/send?access_token=***)" "$out"
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-25T10:00:00+08:00 >/dev/null 2>&1; rc=$?
is "deadlined --once delivers it" 0 "$rc"
ok "to the new robot, with its new token" grep -qF "$NEW_TOKEN" "$T/hook2.jsonl"
is "the old robot hears nothing more" 2 "$(wc -l <"$T/hook.jsonl")"
is "retry --failed: nothing failed any more" "no failed message" "$("$CTL" -c "$T/d.conf" retry --failed)"

done_testing
