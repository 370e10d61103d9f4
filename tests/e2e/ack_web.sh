#!/usr/bin/env bash
# Issue 4's end-to-end: the daemon against the real SMTP server and webhook
# receiver at 2021-06-23 10:00; the webhook item's ack_url answered through
# its web form as a browser would; a pass on 06-29 sends the 1-day notice to
# the three other units and nothing to the one that acknowledged.
. "$(dirname "$0")/../lib.sh"

start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook.jsonl" --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; hook_port=$PORT
http_port=$(free_port)
cat >"$T/d.conf" <<CONF
database = "$T/d.db";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { url = "smtp://127.0.0.1:$smtp_port"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { listen = "127.0.0.1:$http_port"; public_url = "http://127.0.0.1:$http_port"; };
admin: { maildir = "$T/admin"; };
units = (
  { name = "知识产权运用促进处"; email = ["yy@example.org"]; },
  { name = "知识产权保护处"; email = ["bh@example.org"]; },
  { name = "省知识产权事业发展中心"; email = ["zx@example.org"]; },
  { name = "济南商标审协中心"; webhook = ( { type = "generic"; url = "http://127.0.0.1:$hook_port/hook"; secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; } ); }
);
CONF
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null

"$DAEMON" -c "$T/d.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/daemon.log" &
daemon=$!
pids+=($daemon)
for _ in $(seq 100); do [ -s "$T/hook.jsonl" ] && [ "$(ls "$T/smtp" | grep -c '\.eml$')" -ge 3 ] && break; sleep 0.1; done
is "three mails and one webhook at 10:00" "3 1" "$(ls "$T/smtp" | grep -c '\.eml$') $(wc -l <"$T/hook.jsonl")"
url=$("$PY" -c '
import json,sys
b=json.loads(json.loads(open(sys.argv[1]).readline())["body"])
assert b["unit"]=="济南商标审协中心" and len(b["items"])==1, b
print(b["items"][0]["ack_url"])' "$T/hook.jsonl")
like "the webhook item carries its ack_url" "^http://127.0.0.1:$http_port$ACK_LINK_RE\$" "$url"

page=$(curl -s -A 'Mozilla/5.0 (test)' "$url")
like "the ack page names the measure" '深化知识产权领域' "$page"
like "and offers 已收到" '已收到' "$page"
like "and says what a second answer does: kept, 已完成 not taken back by it" '可重复提交，每次提交均留档；“已完成”提交后如需撤回，请联系督办部门' "$page"
is "opening the page records nothing" "[]" "$("$CTL" -c "$T/d.conf" acks --json | tr -d '\n ')"
code=$(curl -s -o "$T/confirm.html" -w '%{http_code}' -A 'Mozilla/5.0 (test)' \
    -H 'Content-Type: application/x-www-form-urlencoded' --data 'kind=ack&note=%E6%94%B6%E5%88%B0' "$url")
is "submitting the form answers 200" 200 "$code"
like "with a confirmation" '已记录' "$(cat "$T/confirm.html")"
ok "acks --json has it with source web, the unit, the agent" "$PY" -c '
import json,sys
a=json.loads(sys.argv[1])
assert len(a)==1, a
x=a[0]
assert x["unit"]=="济南商标审协中心" and x["kind"]=="ack" and x["source"]=="web" and x["note"]=="收到", x
assert x["due"]=="2021-06-30" and x["agent"]=="Mozilla/5.0 (test)" and x["remote"]=="127.0.0.1", x' \
    "$("$CTL" -c "$T/d.conf" acks --json)"
kill -TERM "$daemon"; wait "$daemon"

before_mail=$(ls "$T/smtp" | grep -c '\.eml$'); before_hook=$(wc -l <"$T/hook.jsonl")
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-29T10:00:00+08:00 2>/dev/null
ok "06-29: the 1-day notice to the three other units" "$PY" - "$T/smtp" "$before_mail" <<'PY'
import email, email.policy, glob, os, sys
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=lambda f: int(os.path.basename(f).split(".")[0]))
new = files[int(sys.argv[2]):]
to = sorted(email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)["To"].addresses[0].addr_spec for f in new)
assert to == ["bh@example.org", "yy@example.org", "zx@example.org"], to
PY
is "and nothing to the unit that acknowledged" "$before_hook" "$(wc -l <"$T/hook.jsonl")"

feed=$("$CTL" -c "$T/d.conf" feeds | awk -F'\t' '$1 == "济南商标审协中心" { print $2 }')
like "feeds prints the unit's calendar URL" "^http://127.0.0.1:$http_port/ics/[0-9a-f]{64}\.ics$" "$feed"

done_testing
