#!/usr/bin/env bash
# The three levels end to end, with the seed plan, a real SMTP server
# (aiosmtpd) and a real webhook receiver that checks signatures, both on
# loopback; deadlined --once at pinned clocks.  Wed 2021-06-23: the
# 7-day notices of the measures due June 30 are 提醒 (blue); 济南商标审协中心
# acknowledges on Thu 06-24; Fri 06-25: the others' silence is escalated
# to admin, 督办 (yellow); Mon 07-05: the overdue notices are 催办 (red).
# Each level is read in the mails' subjects and in every robot's body:
# DingTalk's ActionCard (its buttons open the ack page, served here) or
# markdown, WeCom's font colour, Feishu's card header template, the
# generic webhook's level.  The board's filter by level, by curl.
. "$(dirname "$0")/../lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_peer smtp smtp_server.py --maildir "$T/smtp"; smtp_port=$PORT
start_peer hook webhook_server.py --log "$T/hook.jsonl" --secret "$SECRET"; hook_port=$PORT
HOOK="http://127.0.0.1:$hook_port"
WEB_PORT=$(free_port); BASE="http://127.0.0.1:$WEB_PORT"
hook() {	# hook TYPE PATH: a webhook entry on the receiver
    printf '{ type = "%s"; url = "%s/%s"; secret = "%s"; }' "$1" "$HOOK" "$2" "$SECRET"
}
cat >"$T/d.conf" <<EOF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; escalate_after_days = 2; };
smtp: { url = "smtp://127.0.0.1:$smtp_port"; from = "deadlined <reminder@example.org>"; starttls = false; timeout = 5; };
http: { listen = "127.0.0.1:$WEB_PORT"; public_url = "$BASE"; };
admin: { email = ["admin@example.org"];
  webhook = ( $(hook dingtalk ding/admin), $(hook wecom wecom/admin), $(hook feishu feishu/admin), $(hook generic generic/admin) ); };
units = (
  { name = "济南商标审协中心"; email = ["sx@example.org"]; webhook = ( $(hook dingtalk ding/sx) ); },
  { name = "知识产权运用促进处"; webhook = ( $(hook dingtalk ding/yy) ); },
  { name = "知识产权保护处"; webhook = ( $(hook wecom wecom/bh) ); },
  { name = "省知识产权事业发展中心"; webhook = ( $(hook feishu feishu/zx), $(hook generic generic/zx) ); }
);
EOF
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null

pass() {	# pass TIME: one pass, every message out
    local out rc
    out=$("$DAEMON" -c "$T/d.conf" --once --now "$1" 2>&1); rc=$?
    is "the pass at $1 exits 0" 0 "$rc"
    [ "$rc" -ne 0 ] && printf '%s\n' "$out" | sed 's/^/#   /'
}
# serve_at TIME: the daemon serving HTTP at that instant (until stop_serving).
serve_at() {
    "$DAEMON" -c "$T/d.conf" --now "$1" 2>>"$T/log" &
    daemon=$!; pids+=($daemon)
    for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}
stop_serving() { kill -TERM "$daemon"; wait "$daemon" 2>/dev/null; }
# check STAGE LEVEL DESCRIPTION: the messages since the last check (mails,
# robot posts) against the level (tests/levels_check.py).
seen_mail=0 seen_hook=0
check() {
    ok "$3" "$PY" "$TOP/tests/levels_check.py" "$1" "$2" "$T/smtp" "$seen_mail" \
        "$T/hook.jsonl" "$seen_hook" "$BASE"
    seen_mail=$(ls "$T/smtp" | grep -c '\.eml$')
    seen_hook=$(wc -l <"$T/hook.jsonl")
}

# --- 提醒, blue ----------------------------------------------------------------
pass 2021-06-23T10:00:00+08:00
check lead remind "06-23, 提醒: the subject, DingTalk's ActionCard and markdown, WeCom's info colour, Feishu's blue header, generic's level"

# The ActionCard's buttons open the item's ack page and its forms.
serve_at 2021-06-23T11:00:00+08:00
ok "the ActionCard's 签收 button opens the ack page of its item" "$PY" - "$T/hook.jsonl" <<'PY'
import json, sys, urllib.request
reqs = [json.loads(l) for l in open(sys.argv[1])]
card = [json.loads(r["body"])["actionCard"] for r in reqs if r["path"].startswith("/ding/sx")][0]
url = card["btns"][0]["actionURL"]
page = urllib.request.urlopen(url).read().decode()
assert "深化知识产权领域" in page, page[:300]
assert [b["actionURL"] for b in card["btns"]] == [url, url + "#progress", url + "#extend"], card
PY
curl -s "$BASE/api/v1/board" >"$T/b0.json"
curl -s "$BASE/api/v1/board?level=remind" >"$T/b0r.json"
curl -s "$BASE/api/v1/board?level=press" >"$T/b0p.json"
ok "board at 06-23: 提醒 is every cell notified and silent, 督办 none" "$PY" - "$T/b0.json" "$T/b0r.json" "$T/b0p.json" <<'PY'
import json, sys
every, remind, press = (json.load(open(f))["cells"] for f in sys.argv[1:])
waiting = [c for c in every if c["state"] == "waiting"]
assert sorted((c["measure_id"], c["unit"]) for c in waiting) == sorted(
    [(8, "知识产权运用促进处"), (8, "知识产权保护处"), (8, "省知识产权事业发展中心"),
     (65, "省知识产权事业发展中心"), (65, "知识产权运用促进处"), (65, "济南商标审协中心")]), waiting
assert all(c["level"] == "remind" for c in waiting), waiting
assert remind == waiting, (remind, waiting)
assert press == [], press
assert {c["level"] for c in every if c["state"] in ("quiet", "done")} <= {None}
PY
html=$(curl -s "$BASE/?level=remind&state=waiting")
like "the page's level links keep the other filters and mark the level in view" \
    '<a class="lv remind" href="/\?page=1&amp;state=waiting&amp;level=remind" aria-current="page">提醒</a>' "$html"
like "and the form selects it" '<option value="remind" selected>提醒</option>' "$html"
is "a level that is none: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/?level=red")"
is "on the JSON too" 400 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/board?level=%3Cscript%3E")"
stop_serving

ok "济南商标审协中心 acknowledges with the token of its mail" \
    "$CTL" -c "$T/d.conf" --now 2021-06-24T10:00:00+08:00 ack "$(first_ack_link "$T/smtp" | sed 's|.*/ack/||')"
# --- 督办, yellow --------------------------------------------------------------
pass 2021-06-25T10:00:00+08:00
check escalation press "06-25, 督办: admin's escalation in its mail and on every robot"
serve_at 2021-06-25T11:00:00+08:00
curl -s "$BASE/api/v1/board?level=press" >"$T/b1p.json"
curl -s "$BASE/api/v1/board?level=remind" >"$T/b1r.json"
curl -s "$BASE/api/v1/board" >"$T/b1.json"
stop_serving
ok "board at 06-25: the escalated cells are 督办, the acknowledged one none" "$PY" - "$T/b1.json" "$T/b1p.json" "$T/b1r.json" <<'PY'
import json, sys
every, press, remind = (json.load(open(f))["cells"] for f in sys.argv[1:])
assert len(press) == 5 and all(c["state"] == "waiting" for c in press), press
assert remind == [], remind
acked = [c for c in every if c["state"] == "acked"]
assert [(c["unit"], c["level"]) for c in acked] == [("济南商标审协中心", None)], acked
PY

# --- 催办, red -----------------------------------------------------------------
pass 2021-07-05T10:00:00+08:00
check overdue urge "07-05, 催办: the overdue notices, acknowledged or not"
serve_at 2021-07-05T11:00:00+08:00
curl -s "$BASE/api/v1/board?level=urge" >"$T/b2u.json"
curl -s "$BASE/api/v1/board" >"$T/b2.json"
stop_serving
ok "board at 07-05: 催办 is every overdue cell and the acknowledged one past its due" "$PY" - "$T/b2.json" "$T/b2u.json" <<'PY'
import json, sys
every, urge = (json.load(open(f))["cells"] for f in sys.argv[1:])
want = [c for c in every if c["state"] == "overdue" or (c["state"] == "acked" and c["due"] < "2021-07-05")]
assert urge == want and all(c["level"] == "urge" for c in urge), (urge, want)
assert any(c["unit"] == "济南商标审协中心" and c["state"] == "acked" for c in urge), urge
PY
is "every signed post's signature checked out (WeCom signs none)" "" \
    "$("$PY" -c 'import json,sys; print([r["path"] for r in map(json.loads, open(sys.argv[1])) if not r["signature_valid"] and not r["path"].startswith("/wecom/")] or "")' "$T/hook.jsonl" | grep -v '^$')"

done_testing
