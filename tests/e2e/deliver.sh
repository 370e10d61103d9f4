#!/usr/bin/env bash
# The reminder engine end to end: the seed plan, a real SMTP server
# (aiosmtpd) and a real webhook receiver that checks signatures, both on
# loopback; deadlined --once at pinned clocks.  Its log: the start line,
# each sent message's unit and channel, a split WeCom digest's parts.
. "$(dirname "$0")/../lib.sh"

start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook.jsonl" --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; hook_port=$PORT

# A token in the webhook's URL, as robots carry theirs: a password that
# must reach the peer and nothing a person reads.
ROBOT_TOKEN=4f0c1e5ab7d24c3e9f6a8b2d71c05e93
write_conf() {	# write_conf SMTP_PORT [DB]
    cat >"$T/d.conf" <<EOF
database = "$T/${2:-d}.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$1"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { public_url = "http://127.0.0.1:8470"; };
admin: { maildir = "$T/admin-${2:-d}"; };
maildir = "$T/units-${2:-d}";
units = (
  { name = "知识产权运用促进处"; email = ["yy@example.org"]; },
  { name = "知识产权保护处"; email = ["bh@example.org"]; },
  { name = "省知识产权事业发展中心"; aliases = ["知识产权事业发展中心"]; email = ["zx@example.org"];
    webhook = ( { type = "generic"; url = "http://127.0.0.1:$hook_port/hook?access_token=$ROBOT_TOKEN"; secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; } ); },
  { name = "济南商标审协中心"; email = ["sx@example.org"]; },
  { name = "无渠道测试处"; }
);
EOF
}
write_conf "$smtp_port"
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null

out=$("$DAEMON" -c "$T/d.conf" --once --now 2021-06-23T10:00:00+08:00 2>&1); rc=$?
is "first pass exits 0 (all delivered)" 0 "$rc"
mails() { ls "$T/${1:-smtp}" 2>/dev/null | grep -c '\.eml$' ; }
is "exactly four mails" 4 "$(mails)"
like "the log names the webhook with its token masked" \
    "hook\\?access_token=\\*\\*\\*" "$out"
version=$("$DAEMON" --version | awk '{ print $2 }')
is "the start line names the version, the configuration and the database" \
    "deadlined: started for one pass (version $version): configuration $(realpath "$T/d.conf"), database $(realpath "$T/d.db")" \
    "$(printf '%s\n' "$out" | grep ' started')"
like "a sent mail's line names its unit and channel" \
    '^deadlined: message [0-9]+ sent to 济南商标审协中心 \(email sx@example\.org\)$' "$out"
like "a sent webhook's line too, its token masked" \
    "^deadlined: message [0-9]+ sent to 省知识产权事业发展中心 \\(generic http://127\\.0\\.0\\.1:$hook_port/hook\\?access_token=\\*\\*\\*\\)\$" "$out"
is "one sent line for each of the five messages" 5 "$(printf '%s\n' "$out" | grep -c ' sent to ')"
is "the robot's token is in no log line" "" "$(printf '%s' "$out" | grep -F "$ROBOT_TOKEN")"
is "nor in outbox" "" "$({ "$CTL" -c "$T/d.conf" outbox; "$CTL" -c "$T/d.conf" outbox --json; } | grep -F "$ROBOT_TOKEN")"
is "nor in check-config --verbose" "" "$("$CTL" -c "$T/d.conf" check-config --verbose 2>&1 | grep -F "$ROBOT_TOKEN")"
ok "but the peer got it" grep -qF "$ROBOT_TOKEN" "$T/hook.jsonl"
ok "one digest to each of the four units, naming measure, due date and ack link" "$PY" - "$T/smtp" <<'PY'
import email, email.policy, glob, os, re, sys
from ack_links import ACK_LINK
seen = {}
for f in glob.glob(os.path.join(sys.argv[1], "*.eml")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    to = m["To"].addresses[0].addr_spec
    body = m.get_body(("plain",)).get_content()
    seen[to] = seen.get(to, 0) + 1
    assert "2021-06-30" in body, body
    assert ACK_LINK.search(body) and ":8470/ack/" in body, body
    # Lead notices a week ahead: the level 提醒 opens the subject.
    assert str(m["Subject"]).startswith("【提醒】"), m["Subject"]
    assert m["Message-ID"] and m["Date"]
    if to == "sx@example.org":
        assert "深化知识产权领域“放管服”改革" in body and "机构改革" not in body, body
    if to == "bh@example.org":
        assert "积极推动机构改革举措落实落地" in body and "放管服" not in body, body
    if to in ("yy@example.org", "zx@example.org"):
        assert "放管服" in body and "机构改革" in body, body
assert seen == {a: 1 for a in ("yy@example.org", "bh@example.org", "zx@example.org", "sx@example.org")}, seen
PY
ok "the webhook got one signed POST for its unit" "$PY" - "$T/hook.jsonl" <<'PY'
import json, re, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
assert len(reqs) == 1, reqs
r = reqs[0]
assert r["signature_valid"] is True, r
b = json.loads(r["body"])
assert b["type"] == "deadline.notice" and b["unit"] == "省知识产权事业发展中心", b
assert re.match(r"2021-06-23T10:00:0[0-9]\+08:00$", b["generated_at"]), b["generated_at"]
assert sorted(i["due"] for i in b["items"]) == ["2021-06-30", "2021-06-30"], b
assert all(i["stage"] == "lead" and i["days_left"] == 7 and i["ack_url"].startswith("http://127.0.0.1:8470/ack/") for i in b["items"]), b
assert {k.lower() for k in r["headers"]} >= {"webhook-id", "webhook-timestamp", "webhook-signature"}
PY

# The same POST as a receiver built on the Standard Webhooks reference
# library (npm standardwebhooks) checks it.
browser_tap 60 webhooks.mjs "$T/hook.jsonl" whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw

out=$("$DAEMON" -c "$T/d.conf" --once --now 2021-06-23T11:00:00+08:00 2>&1); rc=$?
is "a pass an hour later exits 0" 0 "$rc"
is "and sends nothing more" 4 "$(mails)"
is "and posts nothing more" 1 "$(wc -l <"$T/hook.jsonl")"
outbox=$("$CTL" -c "$T/d.conf" outbox --all --json)
ok "outbox --json: five sent deliveries, missed notices recorded as skipped" "$PY" -c '
import json,sys
o=json.loads(sys.argv[1])
sent=[m for m in o if m["state"]=="sent"]
assert len(sent)==5 and all(m["attempts"]==1 for m in sent), o
assert {m["channel"] for m in sent}=={"email","generic"}, o
assert any(m["state"]=="skipped" for m in o), o
assert all(set(m)>={"id","unit","channel","stage","state","attempts","measure_ids"} for m in o)' "$outbox"

# A refusing server (4xx): queued for a retry, nothing lost; then delivered.
stop_all
start_peer smtp smtp_server.py --maildir "$T/smtp2" --mode refuse4xx; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook2.jsonl" --mode 500; hook_port=$PORT
write_conf "$smtp_port" retry
"$CTL" -c "$T/d.conf" import "$SEED" --year 2022 >/dev/null
out=$("$DAEMON" -c "$T/d.conf" --once --now 2022-06-23T10:00:00+08:00 2>&1); rc=$?
is "4xx and HTTP 500: --once exits 75 (queued for a retry)" 75 "$rc"
ok "the failed deliveries are queued with one attempt and an error" "$PY" -c '
import json,sys
o=[m for m in json.loads(sys.argv[1]) if m["state"] in ("queued","sending")]
assert len(o)==5 and all(m["state"]=="queued" and m["attempts"]==1 and m["last_error"] for m in o), o' \
    "$("$CTL" -c "$T/d.conf" outbox --json)"
stop_all
start_peer smtp smtp_server.py --maildir "$T/smtp3" --port "$smtp_port"
start_peer hook webhook_server.py --log "$T/hook3.jsonl" --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw --port "$hook_port"
out=$("$DAEMON" -c "$T/d.conf" --once --now 2022-06-23T10:05:00+08:00 2>&1); rc=$?
is "after the back-off the retries go through" 0 "$rc"
is "the four mails arrive" 4 "$(mails smtp3)"
is "the webhook arrives" 1 "$(wc -l <"$T/hook3.jsonl")"
ok "retried deliveries keep their webhook-id" "$PY" -c '
import json,sys
a=[json.loads(l) for l in open(sys.argv[1])]; b=[json.loads(l) for l in open(sys.argv[2])]
ida={r["headers"].get("webhook-id") or r["headers"].get("Webhook-Id") for r in a}
idb={r["headers"].get("webhook-id") or r["headers"].get("Webhook-Id") for r in b}
assert ida==idb and len(idb)==1, (ida, idb)' "$T/hook2.jsonl" "$T/hook3.jsonl"

# Permanent failures: SMTP 5xx and a robot's errcode fail at once.
stop_all
start_peer smtp smtp_server.py --maildir "$T/smtp4" --mode refuse5xx; smtp_port=$PORT
write_conf "$smtp_port" permanent
"$CTL" -c "$T/d.conf" import "$SEED" --year 2023 >/dev/null
"$DAEMON" -c "$T/d.conf" --once --now 2023-06-23T10:00:00+08:00 >/dev/null 2>&1
ok "SMTP 5xx: the mails fail at once" "$PY" -c '
import json,sys
o=[m for m in json.loads(sys.argv[1]) if m["channel"]=="email" and m["state"]!="skipped"]
assert len(o)==4 and all(m["state"]=="failed" and m["attempts"]==1 for m in o), o' \
    "$("$CTL" -c "$T/d.conf" outbox --json)"
ok "admin is told of each failed delivery, naming the silent unit" "$PY" - "$T/admin-permanent" <<'PY'
import email, email.policy, glob, os, sys
files = glob.glob(os.path.join(sys.argv[1], "new", "*"))
subjects = sorted(str(email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)["Subject"]) for f in files)
assert len(files) == 4, subjects
assert all("投递失败" in s for s in subjects), subjects
assert any("济南商标审协中心" in s for s in subjects), subjects
PY

# A server that hangs up in the middle of DATA and a webhook that never
# answers: both retried, nothing lost.
stop_all
start_peer smtp smtp_server.py --maildir "$T/smtp6" --mode close-mid-data; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook6.jsonl" --mode timeout --delay 10; hook_port=$PORT
write_conf "$smtp_port" cut
sed -i 's/timeout = 5;/timeout = 2;/' "$T/d.conf"
"$CTL" -c "$T/d.conf" import "$SEED" --year 2025 >/dev/null
out=$("$DAEMON" -c "$T/d.conf" --once --now 2025-06-23T10:00:00+08:00 2>&1); rc=$?
is "mid-DATA hang-up and webhook timeout: --once exits 75" 75 "$rc"
ok "both are queued for a retry with their error" "$PY" -c '
import json,sys
o=[m for m in json.loads(sys.argv[1]) if m["state"]!="skipped"]
assert len(o)==5 and all(m["state"]=="queued" and m["attempts"]==1 and m["last_error"] for m in o), o
assert any(m["channel"]=="generic" and "timed out" in m["last_error"] for m in o), o' \
    "$("$CTL" -c "$T/d.conf" outbox --json)"
is "nothing was stored by the hanging-up server" 0 "$(mails smtp6)"

# send-test: every channel of a unit.
stop_all
start_peer smtp smtp_server.py --maildir "$T/smtp7"; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook7.jsonl" --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; hook_port=$PORT
write_conf "$smtp_port" test
out=$("$CTL" -c "$T/d.conf" send-test 知识产权事业发展中心 2>&1); rc=$?
is "send-test (by alias) exits 0" 0 "$rc"
like "send-test reports each channel sent" 'channel 2: sent' "$out"
is "send-test: one mail" 1 "$(mails smtp7)"
ok "send-test: one signed POST" "$PY" -c '
import json,sys
r=[json.loads(l) for l in open(sys.argv[1])]
assert len(r)==1 and r[0]["signature_valid"] is True, r' "$T/hook7.jsonl"
status_is "send-test to an unknown unit: 65" 65 "$CTL" -c "$T/d.conf" send-test 无此单位
before=$(ls "$T/units-test/new" 2>/dev/null | wc -l)
out=$("$CTL" -c "$T/d.conf" send-test 无渠道测试处 2>&1); rc=$?
is "send-test to a unit with no channel of its own exits 0" 0 "$rc"
like "it says so, and tests the default maildir its notices go to" \
    "^无渠道测试处 has no channel of its own: its notices go to the default maildir
channel 1: maildir $T/units-test
channel 1: sent" "$out"
is "the maildir has the test mail" $((before + 1)) "$(ls "$T/units-test/new" | wc -l)"

# A WeCom robot's digest too long for one message (4096 bytes): each part
# says which it is, in its text and in the log.
stop_all
start_peer wecom webhook_server.py --log "$T/wecom.jsonl"; wecom_port=$PORT
WECOM_KEY=693a91f6-7b2e-4bc4-97a0-0ec2d1fa5aaa
cat >"$T/w.conf" <<EOF
database = "$T/w.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7]; ongoing = "none"; };
admin: { maildir = "$T/admin-w"; };
units = ( { name = "知识产权保护处";
  webhook = ( { type = "wecom"; url = "http://127.0.0.1:$wecom_port/cgi-bin/webhook/send?key=$WECOM_KEY"; } ); } );
EOF
{
    printf 'task_no\tsection\ttask\tmeasure\tunits\tdeadline\n'
    for i in $(seq 20); do
        printf '%d\t一、分段测试\t第%d项任务：完善知识产权保护工作体系\t第%d项举措：健全知识产权保护工作机制，加强行政执法与司法保护衔接，推动快速协同保护，按期报送工作进展和总结材料。\t知识产权保护处\t6月底前\n' "$i" "$i" "$i"
    done
} >"$T/w.tsv"
"$CTL" -c "$T/w.conf" import "$T/w.tsv" --year 2021 >/dev/null
out=$("$DAEMON" -c "$T/w.conf" --once --now 2021-06-23T10:00:00+08:00 2>&1); rc=$?
is "a long WeCom digest: --once exits 0" 0 "$rc"
parts=$(wc -l <"$T/wecom.jsonl")
ok "it went out in several parts ($parts)" test "$parts" -ge 2
ok "each part's text says which part it is, and fits in 4096 bytes" "$PY" - "$T/wecom.jsonl" "$parts" <<'PY'
import json, re, sys
n = int(sys.argv[2])
seen = []
for line in open(sys.argv[1]):
    body = json.loads(json.loads(line)["body"])
    text = body["markdown"]["content"]
    assert len(text.encode()) <= 4096, len(text.encode())
    m = re.match(r'### <font color="info">【提醒】</font>知识产权保护处：20 项.*（第 (\d+)/(\d+) 部分）\n\n', text)
    assert m and int(m.group(2)) == n, text[:200]
    seen.append(int(m.group(1)))
assert sorted(seen) == list(range(1, n + 1)), seen
PY
ok "and each part's sent line names its part, the robot's key masked" "$PY" -c '
import re, sys
n, port = int(sys.argv[1]), sys.argv[2]
got = sorted(int(m.group(1)) for m in re.finditer(
    r"^deadlined: message \d+ sent to 知识产权保护处 \(wecom http://127\.0\.0\.1:%s/cgi-bin/webhook/send\?key=\*\*\*\), part (\d+) of %d$" % (port, n),
    sys.argv[3], re.M))
assert got == list(range(1, n + 1)), got' "$parts" "$wecom_port" "$out"
like "the queued lines name the parts too" "message queued for 知识产权保护处 \\(wecom [^)]*\\), part 1 of $parts: " "$out"
is "the robot's key is in no log line" "" "$(printf '%s' "$out" | grep -F "$WECOM_KEY")"

# --dry-run sends and records nothing.
stop_all
start_peer smtp smtp_server.py --maildir "$T/smtp5"; smtp_port=$PORT
write_conf "$smtp_port" dry
"$CTL" -c "$T/d.conf" import "$SEED" --year 2024 >/dev/null
before=$("$CTL" -c "$T/d.conf" outbox --all --json | md5sum)
out=$("$DAEMON" -c "$T/d.conf" --once --dry-run --now 2024-06-24T10:00:00+08:00 2>&1); rc=$?
is "--dry-run exits 0" 0 "$rc"
like "--dry-run logs what it would queue" 'dry run: message queued for' "$out"
is "--dry-run sends nothing" 0 "$(mails smtp5)"
is "--dry-run records nothing" "$before" "$("$CTL" -c "$T/d.conf" outbox --all --json | md5sum)"

done_testing
