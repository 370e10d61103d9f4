#!/usr/bin/env bash
# The HTTP endpoint of the real daemon on loopback: an ack link from a
# delivered mail shows its item (GET records nothing), the form's POST
# records the ack (source web), bad tokens and path tricks are 404, an
# oversized body is refused and the server keeps answering, notes are
# shown escaped, the dashboard and metrics reflect the ack.
. "$(dirname "$0")/../lib.sh"

start_web_daemon

# The first ack link of the unit's mail and the mail's text.
URL=$(first_ack_link "$T/mail/new" "$T/mail.txt")
_report $? "a delivered mail carries an ack link on the endpoint"
like "the link is public_url/ack/TOKEN" "^$BASE$ACK_LINK_RE\$" "$URL"

code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
acks() { "$CTL" -c "$T/d.conf" acks --json; }

is "GET /ack/TOKEN: 200" 200 "$(code "$URL")"
# The page's measure is the mail's (the mail may wrap lines).
measure=$("$PY" -c '
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<dt>落实举措</dt><dd>(.*?)</dd>", page)
print(html.unescape(m.group(1))[:20] if m else "")' "$T/body")
mail=$(tr -d ' \r\n' <"$T/mail.txt")
like "the page names the measure of the mail" "." "$measure"
like "the measure text is the mail's" "$(printf '%s' "$measure" | tr -d ' ')" "$mail"
like "the page offers ack and done" 'value="ack">已收到<.*value="done">已完成<' "$(tr -d '\n' <"$T/body")"
like "and shows the state" '未确认' "$(cat "$T/body")"
like "security headers" 'Content-Security-Policy: default-src .none.' "$(curl -s -D - -o /dev/null "$URL")"
is "GET records nothing" "[]" "$(acks | tr -d ' \n')"
is "HEAD /ack/TOKEN: 200" 200 "$(curl -s -I -o /dev/null -w '%{http_code}' "$URL")"
is "GET still recorded nothing" "[]" "$(acks | tr -d ' \n')"

is "POST kind=ack with an HTML note: 200" 200 \
    "$(code --data-urlencode kind=ack --data-urlencode 'note=<b>bold</b> 收到' "$URL")"
like "the confirmation names what was recorded" '已记录：.*已收到' "$(cat "$T/body")"
like "and shows the note escaped" '&lt;b&gt;bold&lt;/b&gt; 收到' "$(cat "$T/body")"
unlike "never raw" '<b>bold' "$(cat "$T/body")"
js=$(acks)
like "the ack is recorded with source web" '"kind": ?"ack".*"source": ?"web"' "$(printf '%s' "$js" | tr -d '\n')"
like "the note is stored as sent" '"note": ?"<b>bold</b> 收到"' "$js"
like "with the client's address" '"remote": ?"127.0.0.1"' "$js"
is "POST again: harmless" 200 "$(code -d kind=ack "$URL")"
is "GET now shows 已收到" 200 "$(code "$URL")"
like "the state is acked" '当前状态：<strong class="u acked">已收到' "$(cat "$T/body")"

is "POST kind=bogus: 400" 400 "$(code -d kind=bogus "$URL")"
is "POST without kind: 400" 400 "$(code -d note=x "$URL")"
is "POST a 501-character note: 400" 400 \
    "$(code -d kind=ack -d "note=$(head -c 501 /dev/zero | tr '\0' x)" "$URL")"
is "POST invalid UTF-8: 400" 400 "$(code -d 'kind=ack&note=%FF' "$URL")"
is "PUT: 405" 405 "$(code -X PUT "$URL")"
n=$(acks | grep -c '"kind"')
bad=$BASE/ack/0123456789abcdef0123456789abcdef
is "unknown token: 404" 404 "$(code "$bad")"
is "POST to an unknown token: 404" 404 "$(code -d kind=done "$bad")"
is "uppercase token: 404" 404 "$(code "$(printf '%s' "$URL" | tr a-f A-F | sed 's|HTTP://127.0.0.1|http://127.0.0.1|')")"
is "token with an extra part: 404" 404 "$(code "$URL/extra")"
is "short token: 404" 404 "$(code "${URL%?}")"
is "/ack/../etc: 404" 404 "$(code --path-as-is "$BASE/ack/../etc/passwd")"
is "%2e%2e: 404" 404 "$(code --path-as-is "$BASE/ack/%2e%2e/x")"
is "double slash: 404" 404 "$(code --path-as-is "$BASE//ack/${URL##*/}")"
is "unknown path: 404" 404 "$(code "$BASE/nope")"
is "nothing recorded by the failures" "$n" "$(acks | grep -c '"kind"')"

head -c 1048576 /dev/zero | tr '\0' a >"$T/big"
c=$(curl -s -o /dev/null -w '%{http_code}' --data-binary "@$T/big" "$URL")
like "a 1 MB body is refused (413 or closed)" '^(413|000)$' "$c"
is "a 50 KB chunked body to the ack page (its limit: 49,024 bytes, a progress report): 413" 413 \
    "$(head -c 50000 "$T/big" | curl -s -o /dev/null \
    -w '%{http_code}' -H 'Transfer-Encoding: chunked' --data-binary @- "$URL")"
is "a 5 KiB chunked body elsewhere (4 KiB): 413" 413 "$(head -c 5000 "$T/big" | curl -s -o /dev/null \
    -w '%{http_code}' -H 'Transfer-Encoding: chunked' --data-binary @- "$BASE/healthz")"
is "the daemon still answers /healthz" "ok" "$(curl -s "$BASE/healthz")"
is "nothing recorded by the big bodies" "$n" "$(acks | grep -c '"kind"')"

is "GET /metrics: 200" 200 "$(code "$BASE/metrics")"
like "metrics count messages" '^deadlined_messages\{state="sent"\} [1-9]' "$(cat "$T/body")"
# The exposition format: each family's HELP and TYPE, then its own
# samples and nobody else's (a client library reads samples that follow
# another family's header as that family's, or drops them).
is "every sample follows its own family's HELP and TYPE" "" "$("$PY" - "$T/body" <<'PY'
import re, sys
family, typed, seen = None, False, set()
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    m = re.match(r"# (HELP|TYPE) (\S+)", line)
    if m:
        if m.group(1) == "HELP":
            if m.group(2) in seen:
                print("%d: %s described twice" % (n, m.group(2)))
            family, typed = m.group(2), False
            seen.add(family)
        elif m.group(2) != family:
            print("%d: TYPE of %s under HELP of %s" % (n, m.group(2), family))
        else:
            typed = True
        continue
    name = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0)
    if name != family or not typed:
        print("%d: sample %s under family %s" % (n, name, family))
PY
)"
like "requests by route and status" '^deadlined_http_requests_total\{route="/healthz",status="200"\} [1-9]' "$(cat "$T/body")"
like "refused ones too" '^deadlined_http_requests_total\{route="other",status="413"\} [1-9]' "$(cat "$T/body")"
# Read by Prometheus' own client library: every family with its samples.
is "Prometheus' parser reads every family with its samples" "" "$("$PY" - "$T/body" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read())}
want = {"deadlined_messages", "deadlined_notices", "deadlined_acks", "deadlined_build_info",
        "deadlined_http_requests", "deadlined_last_pass_timestamp_seconds"}
for name in sorted(want - set(fams)):
    print("no family", name)
for name in sorted(want & set(fams)):
    if not fams[name].samples:
        print("family %s has no samples" % name)
req = fams["deadlined_http_requests"].samples if "deadlined_http_requests" in fams else []
if not any(s.labels.get("route") == "/healthz" and s.labels.get("status") == "200" for s in req):
    print("no /healthz 200 sample", req)
PY
)"
like "notices by stage and state" '^deadlined_notices\{stage="lead",state="queued"\} [1-9]' "$(cat "$T/body")"
like "attempts by channel" '^deadlined_delivery_attempts_total\{channel="maildir"\} [1-9]' "$(cat "$T/body")"
like "acks by kind" '^deadlined_acks_total\{kind="ack"\} [1-9]' "$(cat "$T/body")"
like "the oldest queued delivery's age" '^deadlined_oldest_queued_seconds [0-9]+' "$(cat "$T/body")"
like "the last pass time" '^deadlined_last_pass_timestamp_seconds 16[0-9]{8}' "$(cat "$T/body")"
like "the build, with its version" '^deadlined_build_info\{version="[0-9][^"]*"\} 1$' "$(cat "$T/body")"

is "GET /: 200" 200 "$(code "$BASE/")"
like "the dashboard shows the unit's cell acked" '<span class="u acked"[^>]*>知识产权保护处</span>' "$(cat "$T/body")"
like "with the chart" '<svg' "$(cat "$T/body")"
is "filtered by unit and state" 200 "$(code -G --data-urlencode unit=知识产权保护处 -d state=acked "$BASE/")"
like "the filter keeps the cell" '<span class="u acked"[^>]*>知识产权保护处</span>' "$(cat "$T/body")"
is "an unknown state filter: 400" 400 "$(code "$BASE/?state=bogus")"
is "GET /api/v1/board?state=acked: 200" 200 "$(code "$BASE/api/v1/board?state=acked")"
like "the board JSON has the cell" '"unit":"知识产权保护处","group":null,"role":"[a-z]+","due":"2021-06-30","state":"acked"' "$(cat "$T/body")"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["today"]=="2021-06-23" and all(c["state"]=="acked" for c in d["cells"]) and d["cells"]' "$T/body"
_report $? "the board JSON parses and is filtered"
is "GET /api/v1/acks: 200" 200 "$(code "$BASE/api/v1/acks")"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["source"]=="web"' "$T/body"
_report $? "the acks JSON parses"

ls "$T"/d.db.key >/dev/null 2>&1
_report $? "the feed key file is created next to the database"
is "the key file is private" 600 "$(stat -c %a "$T/d.db.key" 2>/dev/null)"
feed=$("$PY" -c '
import hmac, hashlib, sys
key = open(sys.argv[1], "rb").read()
print(hmac.new(key, "知识产权保护处".encode(), hashlib.sha256).hexdigest())' "$T/d.db.key")
is "GET /ics/FEED.ics: 200" 200 "$(code "$BASE/ics/$feed.ics")"
like "an iCalendar with the unit's events" 'BEGIN:VEVENT' "$(cat "$T/body")"
like "one calendar" '^END:VCALENDAR' "$(tail -n 1 "$T/body" | tr -d '\r')"
is "an unknown feed: 404" 404 "$(code "$BASE/ics/$(printf '%064d' 0).ics")"
like "the content type" 'Content-Type: text/calendar' "$(curl -s -D - -o /dev/null "$BASE/ics/$feed.ics")"

kill -TERM "$daemon"
wait "$daemon"; rc=$?
is "SIGTERM: the daemon and its server stop cleanly" 0 "$rc"
unlike "no sanitizer report" 'Sanitizer|runtime error' "$(cat "$T/log")"

done_testing
