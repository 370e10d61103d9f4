#!/usr/bin/env bash
# The security review (issue 6, item 3): SQL only through bound
# parameters; no header injection in mail; JSON escaping of every string;
# ack tokens unguessable, hashed, looked up by hash and rate-limited per
# address, the ack page's progress form escaped and size-limited; the dashboard closed to other hosts without the token; private
# modes for the database, key and Maildir; no secret in logs, errors or
# /metrics; a world-readable password file refused.
. "$(dirname "$0")/../lib.sh"

umask 022	# the modes below must not depend on the caller's umask
NOW=2021-06-30T10:00:00+08:00

# --- 1. SQL only through bound parameters -----------------------------------
# A crude static check: no sqlite3_exec/mprintf anywhere, and no string
# literal that is SQL (adjacent literals joined) holds a printf conversion,
# but for the one PRAGMA that takes no parameters (store/open.c's migrations).
unlike "no sqlite3_exec, sqlite3_mprintf or sqlite3_snprintf in src/" \
    'sqlite3_(exec|mprintf|vmprintf|snprintf)[[:space:]]*\(' \
    "$(grep -rnE 'sqlite3_(exec|mprintf|vmprintf|snprintf)[[:space:]]*\(' "$TOP/src")"
out=$("$PY" - "$TOP"/src/*.c "$TOP"/src/*/*.c <<'PY'
import re, sys
lit = re.compile(r'"(?:[^"\\\n]|\\.)*"')
sql = re.compile(r'^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|REPLACE|BEGIN|COMMIT)\b', re.I)
allowed = {"PRAGMA user_version = %d"}
for path in sys.argv[1:]:
    src = open(path, encoding="utf-8").read()
    src = re.sub(r'/\*.*?\*/', lambda m: " " * len(m.group(0)), src, flags=re.S)
    src = re.sub(r"'(?:[^'\\\n]|\\.)'", "' '", src)   # char literals
    # Runs of adjacent string literals, joined.
    for run in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', src):
        text = "".join(m.group(0)[1:-1] for m in lit.finditer(run.group(0)))
        if sql.match(text) and re.search(r'%[-+ #0-9.]*[a-zA-Z]', text) \
                and text not in allowed:
            line = src.count("\n", 0, run.start()) + 1
            print("%s:%d: formatted SQL: %s" % (path, line, text[:80]))
PY
)
is "no SQL string literal is formatted (only PRAGMA user_version = %d)" "" "$out"
# Every call of the statement helpers passes its SQL as a literal, or
# passes on the SQL parameter of a function whose callers all do.
calls=$("$PY" - "$TOP"/src/*.c "$TOP"/src/*/*.c <<'PY'
import re, sys
def args_at(src, i):
    """The top-level arguments of the call whose '(' ends at i."""
    depth, args, cur = 1, [], ""
    while depth and i < len(src):
        ch = src[i]
        if ch == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            cur += src[i:j + 1]; i = j + 1; continue
        if ch in "([": depth += 1
        if ch in ")]": depth -= 1
        if ch == "," and depth == 1:
            args.append(cur.strip()); cur = ""
        elif depth:
            cur += ch
        i += 1
    args.append(cur.strip())
    return args
srcs = {}
for path in sys.argv[1:]:
    src = open(path, encoding="utf-8").read()
    src = re.sub(r'/\*.*?\*/', " ", src, flags=re.S)
    srcs[path] = re.sub(r"'(?:[^'\\\n]|\\.)'", "' '", src)
# Functions taking SQL, and the position of their SQL argument.
takes = {"sql_prepare": 3, "sql_run": 2, "sql_int": 5, "sql_script": 1}
defs = {}	# (path, name) -> start of a definition taking SQL
for path, src in srcs.items():
    for m in re.finditer(r'^(\w+)\(', src, flags=re.M):
        for k, p in enumerate(args_at(src, m.end())):
            if re.fullmatch(r'const char \*sql', p):
                takes[m.group(1)] = k
                defs[(path, m.group(1))] = m.start()
# The SQL built at run time: open.c's PRAGMA user_version (checked
# above) and the migrations, an array of literals; import.c's batched
# INSERTs, a literal head and tail around VALUES lists of placeholders
# alone (values_sql: no data is ever formatted in).
allowed = {("open.c", "migrations[*version]"), ("open.c", "sql"),
           ("import.c", "*batch_sql"), ("import.c", "one_sql")}
for path, src in srcs.items():
    for m in re.finditer(r'\b(%s)\s*\(' % "|".join(takes), src):
        if re.match(r'^\w+\($', src[src.rfind("\n", 0, m.start()) + 1:m.end()]):
            continue	# a definition
        a = args_at(src, m.end())
        k = takes[m.group(1)]
        if len(a) <= k or a[k].startswith('"'):
            continue
        # Passing on the enclosing function's own SQL parameter.
        encl = max(((n, st) for (p, n), st in defs.items()
                    if p == path and st < m.start()),
                   key=lambda x: x[1], default=(None, 0))[0]
        if a[k] == "sql" and encl is not None:
            continue
        if (path.rsplit("/", 1)[1], a[k]) in allowed:
            continue
        line = src.count("\n", 0, m.start()) + 1
        print("%s:%d: %s with SQL %s" % (path, line, m.group(1), a[k]))
PY
)
is "sql_prepare/sql_run always take their SQL as a literal" "" "$calls"

db="$T/s.db"
"$PY" - "$T/q.csv" <<'PY'
import csv, sys
rows = [["task_no", "section", "task", "measure", "units", "deadline", "plan", "year"],
        ["1", "一、引号", "任务 \"双\" '单'",
         "措施一 '; DROP TABLE plan; -- 带 \"双引号\"、\\反斜杠和 ' 单引号。",
         "保护处'OR'1'='1\"--", "6月底前", "O'Brien \"计划\"", "2021"]]
csv.writer(open(sys.argv[1], "w", newline="")).writerows(rows)
PY
ok "a plan whose texts hold quotes and SQL imports" "$CTL" --db "$db" import "$T/q.csv"
"$CTL" --db "$db" export >"$T/q.json"
"$PY" - "$T/q.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
m = p["tasks"][0]["measures"][0]
assert p["title"] == "O'Brien \"计划\"", p["title"]
assert p["tasks"][0]["title"] == "任务 \"双\" '单'"
assert m["text"] == "措施一 '; DROP TABLE plan; -- 带 \"双引号\"、\\反斜杠和 ' 单引号。", m["text"]
assert m["units"][0]["name"] == "保护处'OR'1'='1\"--", m["units"]
PY
_report $? "stored and exported intact"
"$CTL" --db "$db" export --format csv >"$T/q2.csv"
ok "its CSV export imports again" "$CTL" --db "$T/s2.db" import "$T/q2.csv"
is "to the identical plan" "$(cat "$T/q.json")" "$("$CTL" --db "$T/s2.db" export)"
is "every table is still there" "ok 1" "$("$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0],
      c.execute("SELECT count(*) FROM measure").fetchone()[0])' "$db")"

# --- 2. no header injection in mail ---------------------------------------
long=$(printf '长%.0s' $(seq 300))
"$PY" - "$T/h.csv" "$long" <<'PY'
import csv, sys
rows = [["task_no", "section", "task", "measure", "units", "deadline", "plan", "year"],
        ["1", "一、邮件", "任务", "措施一\r\nBcc: evil@example.com\r\n\r\n正文。",
         "保护处\r\nBcc: evil@example.com", "6月底前", "邮件 计划", "2021"],
        ["2", "", "任务二", "措施二\nSubject: injected。", sys.argv[2], "6月底前", "", ""]]
csv.writer(open(sys.argv[1], "w", newline="")).writerows(rows)
PY
printf 'task_no,section,task,measure,units,deadline\n1,一、坏,任务,"措施\xff\xfe。",处,6月底前\n' >"$T/bad.csv"
hdb="$T/h.db"
status_is "a CSV plan with invalid UTF-8 is refused (65)" 65 "$CTL" --db "$hdb" import "$T/bad.csv"
like "naming its line" 'bad.csv:2: invalid UTF-8' "$("$CTL" --db "$hdb" import "$T/bad.csv" 2>&1)"
ok "a CSV plan with CR/LF in a unit and a measure and a 300-character unit imports" \
    "$CTL" --db "$hdb" import "$T/h.csv"
cat >"$T/h.conf" <<CONF
database = "$hdb";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
admin: { maildir = "$T/hadmin"; };
units = (
  { name = "保护处Bcc:evil@example.com"; maildir = "$T/hmail"; },
  { name = "$long"; maildir = "$T/hmail"; },
  { name = "测试\r\nBcc: evil@example.com"; maildir = "$T/hmail"; }
);
CONF
ok "deadlined --once delivers them" "$DAEMON" -c "$T/h.conf" --once --now "$NOW"
ok "send-test to a unit whose configured name holds CR/LF" \
    "$CTL" -c "$T/h.conf" send-test $'测试\r\nBcc: evil@example.com'
nmail=$(ls "$T/hmail/new" | wc -l)
is "three mails delivered" 3 "$nmail"
for f in "$T"/hmail/new/*; do
    subj=$("$PY" -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(str(m["Subject"]))' "$f")
    ok "$(basename "$f"): exactly the expected headers, a decodable subject (mail_check.py)" \
        "$PY" "$TOP/tests/mail_check.py" "$f" "$subj"
    is "its subject has no line break" "" "$(printf '%s' "$subj" | tr -dc '\r\n')"
    unlike "and no injected header" '^Bcc|Subject: injected' "$subj"
    "$PY" -c '
import sys
s = sys.argv[1]
ok = ["【提醒】保护处Bcc:evil@example.com：", "【提醒】" + "长" * 60 + "…：",
      "【提醒】测试 Bcc: evil@example.com："]
sys.exit(0 if any(s.startswith(o) for o in ok) else 1)' "$subj"
    _report $? "and names the unit (a long name cut to 60 characters)"
done
"$PY" - "$T"/hmail/new/* <<'PY'
import email, email.policy, sys
for f in sys.argv[1:]:
    data = open(f, "rb").read()
    head = data.split(b"\r\n\r\n", 1)[0]
    assert b"evil@example.com\r\n" not in head or b"Subject:" in head
    m = email.message_from_bytes(data, policy=email.policy.default)
    assert m["Bcc"] is None and m["Cc"] is None, f
    assert not m.defects, m.defects
    for part in m.walk():
        assert not part.defects, (f, part.defects)
PY
_report $? "no mail has a Bcc or Cc, nor any parse defect"

# --- 3. JSON escaping of every string --------------------------------------
jdb="$T/j.db"
"$PY" - "$T/j.csv" <<'PY'
import csv, sys
rows = [["task_no", "section", "task", "measure", "units", "deadline", "plan", "year"],
        ["1", "一、转义", "任务 \"q\" \\b", "措施 \"引号\" \\反斜杠 \x01\x1f 控制 </script>。",
         "处\"甲\\乙", "6月底前", "JSON \"计划\" \\", "2021"]]
csv.writer(open(sys.argv[1], "w", newline="")).writerows(rows)
PY
ok "a plan with quotes, backslashes and control characters imports" "$CTL" --db "$jdb" import "$T/j.csv"
printf 'maildir = "%s/jmail";\nschedule: { lead_days = [7, 1, 0]; ongoing = "none"; };\n' "$T" >"$T/j.conf"
"$DAEMON" -c "$T/j.conf" --db "$jdb" --once --now "$NOW" 2>/dev/null
mid=$("$CTL" --db "$jdb" export | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["tasks"][0]["measures"][0]["id"])')
ok "done with a note of quotes, backslashes and control characters" \
    "$CTL" -c "$T/j.conf" --db "$jdb" --now "$NOW" done "$mid" '处"甲\乙' --note $'说明 "x" \\y \t\x01 end'
for cmd in "export" "list --json --due-within 30" "outbox --json" "acks --json"; do
    # shellcheck disable=SC2086
    "$CTL" -c "$T/j.conf" --db "$jdb" --now 2021-06-20T10:00:00+08:00 $cmd >"$T/out.json" 2>"$T/err"
    "$PY" - "$T/out.json" "$cmd" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = {"JSON \"计划\" \\", "任务 \"q\" \\b", "措施 \"引号\" \\反斜杠 \x01\x1f 控制 </script>。",
        "处\"甲\\乙", "说明 \"x\" \\y \t\x01 end"}
seen = set()
def walk(v):
    if isinstance(v, str): seen.add(v)
    elif isinstance(v, dict): [walk(x) for x in v.values()]
    elif isinstance(v, list): [walk(x) for x in v]
walk(d)
need = {"export": want - {"说明 \"x\" \\y \t\x01 end"},
        "list --json --due-within 30": {"任务 \"q\" \\b", "措施 \"引号\" \\反斜杠 \x01\x1f 控制 </script>。", "处\"甲\\乙"},
        "outbox --json": set(),
        "acks --json": {"处\"甲\\乙", "说明 \"x\" \\y \t\x01 end"}}[sys.argv[2]]
missing = need - seen
assert not missing, missing
PY
    _report $? "deadlinectl $cmd: valid JSON that round-trips the texts"
done
# outbox --json holds the unit names of a mapped unit; check them too.
cat >"$T/j2.conf" <<'CONF'
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
CONF
printf 'units = ( { name = "处\\"甲\\\\乙"; maildir = "%s/j2mail"; } );\n' "$T" >>"$T/j2.conf"
"$DAEMON" -c "$T/j2.conf" --db "$T/j2.db" --once --now "$NOW" >/dev/null 2>&1
"$CTL" --db "$T/j2.db" import "$T/j.csv" >/dev/null
"$DAEMON" -c "$T/j2.conf" --db "$T/j2.db" --once --now "$NOW" >/dev/null 2>&1
"$CTL" -c "$T/j2.conf" --db "$T/j2.db" outbox --json | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
assert any(m["unit"] == "处\"甲\\乙" for m in d), d'
_report $? "outbox --json: the unit name with a quote and a backslash round-trips"

# --- 4. ack tokens ---------------------------------------------------------
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
cat >"$T/a.conf" <<CONF
database = "$T/a.db";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
http: { listen = "127.0.0.1:$PORT"; public_url = "$BASE"; };
admin: { maildir = "$T/amail"; };
units = ( { name = "知识产权保护处"; maildir = "$T/amail"; } );
CONF
"$CTL" -c "$T/a.conf" import "$SEED" >/dev/null
"$DAEMON" -c "$T/a.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/a.log" &
pids+=($!)
for _ in $(seq 100); do [ -n "$(ls "$T/amail/new" 2>/dev/null)" ] && break; sleep 0.1; done
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
"$PY" - "$T/amail/new" >"$T/tokens" <<'PY'
import email, glob, os, re, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*"))):
    m = email.message_from_binary_file(open(f, "rb"))
    for part in m.walk():
        if part.get_content_type() == "text/plain":
            for t in re.findall(r"/ack/([^\s<>\"]+)", part.get_payload(decode=True).decode()):
                print(t)
PY
ntok=$(sort -u "$T/tokens" | wc -l)
like "the mails carry ack tokens" '^[1-9]' "$ntok"
is "every token is 32 lowercase hex digits (128 bits)" "" "$(grep -vxE '[0-9a-f]{32}' "$T/tokens")"
is "no two items share a token" "$(wc -l <"$T/tokens")" "$ntok"
# Hashed at rest: tests/unit/test_outbox.c checks that the ack_token
# table holds SHA-256 hashes only; here, against the real database, no
# token appears anywhere in it (nor in its WAL).
found=$(while read -r t; do grep -c "$t" "$T"/a.db* 2>/dev/null | grep -v ':0$'; done <"$T/tokens")
is "no token is stored in the database, only its hash" "" "$found"
good="$BASE/ack/$(head -n 1 "$T/tokens")"
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
is "a real token: 200" 200 "$(code "$good")"
# The progress form (issue 17) on the same page: a GET records nothing;
# the report's texts come back escaped; the ack page's body limit fits the
# largest valid report (48,000 bytes) and no more: 413 past it, 400 for a
# field over its length; nothing recorded by what is refused.
nacks() { "$CTL" -c "$T/a.conf" acks --json | grep -c '"kind"'; }
form='Content-Type: application/x-www-form-urlencoded'
n0=$(nacks)
code "$good" >/dev/null
is "progress: a GET of the page records nothing" "$n0" "$(nacks)"
is "progress: a report with markup in every text: 200" 200 "$(code -H "$form" \
    --data-urlencode kind=progress --data-urlencode 'text=<img src=x onerror=alert(1)>"' \
    --data-urlencode percent=5 --data-urlencode 'problems=</textarea><script>x</script>' \
    --data-urlencode "next=' onmouseover='x" "$good")"
code "$good" >/dev/null
unlike "progress: no markup of the report on the page" '<img|<script|onmouseover='"'"'x' "$(cat "$T/body")"
like "progress: the texts shown escaped" '&lt;img src=x onerror=alert\(1\)&gt;&quot;.*&lt;/textarea&gt;&lt;script&gt;.*&#39; onmouseover=&#39;x' \
    "$(tr -d '\n' <"$T/body")"
n1=$(nacks)
big=$("$PY" -c 'print("kind=progress&text=" + "%F0%9F%98%80" * 2000 + "&problems=" + "%F0%9F%98%80" * 1000 + "&next=" + "%F0%9F%98%80" * 1000)')
is "progress: the largest valid report (${#big} bytes): 200" 200 "$(code -H "$form" --data-binary "$big" "$good")"
is "progress: a body over 49,024 bytes: 413" 413 "$(code -H "$form" --data-binary "$big&pad=$(head -c 1100 /dev/zero | tr '\0' a)" "$good")"
is "progress: 2001 characters of text: 400" 400 "$(code -H "$form" --data-binary "kind=progress&text=$(head -c 2001 /dev/zero | tr '\0' a)" "$good")"
is "progress: a control character in the text: 400" 400 "$(code -H "$form" --data-binary "kind=progress&text=a%01b" "$good")"
is "progress: percent 101: 400" 400 "$(code -H "$form" --data-binary "kind=progress&text=a&percent=101" "$good")"
is "progress: only the valid reports are recorded" $((n1 + 1)) "$(nacks)"
# Constant time: the lookup is by the token's SHA-256 in SQL (acks.c), so
# no secret is compared in C; only the count of failures is rate-limited.
fails404=0
for i in $(seq 20); do
    c=$(code "$BASE/ack/$(printf '%032x' "$i")")
    [ "$c" = 404 ] && fails404=$((fails404 + 1))
done
is "20 unknown tokens from one address: 404 each" 20 "$fails404"
hdr=$(curl -s -D - -o /dev/null "$BASE/ack/$(printf '%032x' 99)")
like "the 21st: 429" '^HTTP/1\.[01] 429' "$hdr"
ra=$(printf '%s' "$hdr" | tr -d '\r' | sed -n 's/^Retry-After: //Ip')
like "with Retry-After for the rest of the minute" '^([1-9]|[1-5][0-9]|60)$' "$ra"
is "then even a real token is refused from that address" 429 "$(code "$good")"
is "a malformed token counts and is refused too" 429 "$(code "$BASE/ack/xyz")"
n2=$(nacks)
is "a progress report from that address: 429" 429 "$(code -H "$form" --data-binary "kind=progress&text=a" "$good")"
is "and nothing recorded" "$n2" "$(nacks)"
is "other routes still answer that address" ok "$(curl -s "$BASE/healthz")"
if curl -s --interface 127.0.0.2 -o /dev/null "$BASE/healthz" 2>/dev/null; then
    is "another address is not limited" 200 "$(code --interface 127.0.0.2 "$good")"
else
    _report 0 "another address is not limited # SKIP no 127.0.0.2"
fi
stop_all

# --- 5. dashboard and API closed to other hosts without credentials --------
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
sed "s|127.0.0.1:[0-9]*\"; public_url = \"[^\"]*\"|0.0.0.0:$PORT\"; public_url = \"$BASE\"|" "$T/a.conf" >"$T/r.conf"
like "the config listens on 0.0.0.0" "listen = \"0.0.0.0:$PORT\"" "$(cat "$T/r.conf")"
DEADLINED_HTTP_TOKEN=Tok-Http-5ecret-abc "$DAEMON" -c "$T/r.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/r.log" &
pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/healthz" && break; sleep 0.1; done
is "GET / without the token: 401" 401 "$(code "$BASE/")"
is "GET /api/v1/board without the token: 401" 401 "$(code "$BASE/api/v1/board")"
is "GET /ledger.xlsx without the token: 401" 401 "$(code "$BASE/ledger.xlsx")"
is "GET /api/v1/acks without the token: 401" 401 "$(code "$BASE/api/v1/acks")"
is "a wrong token: 401" 401 "$(code -H 'Authorization: Bearer wrong' "$BASE/")"
is "a prefix of the token: 401" 401 "$(code -H 'Authorization: Bearer Tok-Http' "$BASE/")"
is "Authorization: Bearer TOKEN: 200" 200 "$(code -H 'Authorization: Bearer Tok-Http-5ecret-abc' "$BASE/")"
is "the token as a Basic password: 200" 200 "$(code -u 'any:Tok-Http-5ecret-abc' "$BASE/api/v1/acks")"
is "ack links need no token" 200 "$(code "$BASE/ack/$(head -n 1 "$T/tokens")")"
stop_all
env -u DEADLINED_HTTP_TOKEN "$DAEMON" -c "$T/r.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/r2.log" &
pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/healthz" && break; sleep 0.1; done
is "without DEADLINED_HTTP_TOKEN: GET / refused" 401 "$(code "$BASE/")"
is "whatever token is sent" 401 "$(code -H 'Authorization: Bearer ' "$BASE/")"
like "and the daemon says so" 'DEADLINED_HTTP_TOKEN is unset' "$(cat "$T/r2.log")"

# --- 6. private modes ------------------------------------------------------
# While the daemon runs, the database has its -wal and -shm files.
is "database 0600" 600 "$(stat -c %a "$T/a.db")"
is "its -wal 0600" 600 "$(stat -c %a "$T/a.db-wal" 2>&1)"
is "its -shm 0600" 600 "$(stat -c %a "$T/a.db-shm" 2>&1)"
is "the key file 0600" 600 "$(stat -c %a "$T/a.db.key" 2>&1)"
is "the Maildir 0700" 700 "$(stat -c %a "$T/amail")"
for d in tmp new cur; do is "its $d/ 0700" 700 "$(stat -c %a "$T/amail/$d")"; done
is "a delivered mail 0600" 600 "$(stat -c %a "$(ls -d "$T"/amail/new/* | head -n 1)")"
is "a Maildir's missing parents 0700" 700 "$(mkdir -p "$T/p" && printf 'maildir = "%s/p/a/b";\nschedule: { lead_days = [7, 1, 0]; ongoing = "none"; };\n' "$T" >"$T/p.conf" && "$DAEMON" -c "$T/p.conf" --db "$T/p.db" --once --now "$NOW" >/dev/null 2>&1; "$CTL" --db "$T/p.db" import "$SEED" >/dev/null; "$DAEMON" -c "$T/p.conf" --db "$T/p.db" --once --now "$NOW" >/dev/null 2>&1; stat -c %a "$T/p/a")"
stop_all

# --- 7. secrets never in logs, errors or /metrics ----------------------------
SMTP_SECRET=Smtp-Pa55-9f8e7d6c
HOOK_KEY=$("$PY" -c 'import base64; print(base64.b64encode(b"hook-secret-key-0123456789abcdef").decode())')
HOOK_SECRET="whsec_$HOOK_KEY"
HTTP_SECRET=Http-T0ken-1a2b3c4d
mkdir -m 0700 "$T/sec"
printf '%s\n' "$SMTP_SECRET" >"$T/sec/smtp.pass"
chmod 0600 "$T/sec/smtp.pass"
PORT=$(free_port)
dead=$(free_port)	# nothing listens: connections are refused
cat >"$T/sec/d.conf" <<CONF
database = "$T/sec/d.db";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
http: { listen = "127.0.0.1:$PORT"; public_url = "http://127.0.0.1:$PORT"; };
smtp: { url = "smtp://127.0.0.1:$dead"; from = "r@example.org"; username = "r";
        password_file = "smtp.pass"; starttls = false; timeout = 5; };
admin: { maildir = "$T/sec/admin"; };
units = (
  { name = "知识产权保护处"; email = "a@example.org";
    webhook = ( { type = "generic"; url = "http://127.0.0.1:$dead/hook"; secret = "$HOOK_SECRET"; } ); }
);
CONF
"$CTL" -c "$T/sec/d.conf" import "$SEED" >/dev/null
export DEADLINED_HTTP_TOKEN=$HTTP_SECRET
"$CTL" -c "$T/sec/d.conf" check-config --verbose >"$T/sec/o1" 2>&1
like "check-config --verbose lists the options" 'smtp.password' "$(cat "$T/sec/o1")"
"$DAEMON" -c "$T/sec/d.conf" --once -v --now 2021-06-23T10:00:00+08:00 >"$T/sec/o2" 2>&1
like "deadlined --once -v logs the refused deliveries" 'refused|Couldn.t connect|Failed to connect' "$(cat "$T/sec/o2")"
"$CTL" -c "$T/sec/d.conf" outbox --json >"$T/sec/o3" 2>&1
"$CTL" -c "$T/sec/d.conf" send-test 知识产权保护处 >"$T/sec/o4" 2>&1
"$DAEMON" -c "$T/sec/d.conf" -v --now 2021-06-23T10:00:00+08:00 >"$T/sec/o5" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
curl -s "http://127.0.0.1:$PORT/metrics" >"$T/sec/o6"
curl -s -H "Authorization: Bearer $HTTP_SECRET" "http://127.0.0.1:$PORT/api/v1/board" >/dev/null
curl -s -H "Authorization: Bearer wrong-$HTTP_SECRET" "http://127.0.0.1:$PORT/" >/dev/null
like "/metrics answered" 'deadlined_messages' "$(cat "$T/sec/o6")"
stop_all
unset DEADLINED_HTTP_TOKEN
for s in "$SMTP_SECRET" "$HOOK_KEY" "$HTTP_SECRET"; do
    is "no output holds the secret ${s:0:4}…" "" "$(grep -lF -- "$s" "$T"/sec/o[1-6])"
done

# --- 8. a password file readable by others is refused ----------------------
# The rule (conf/parse.c): refused when others can read it, that is the file
# has o+r and every folder above has o+x; a config holding webhook secrets
# is only warned about (the service's DynamicUser reads it as "other").
chmod 0711 "$T"
mkdir -m 0755 "$T/pub"
cp "$T/sec/smtp.pass" "$T/pub/smtp.pass"
sed -e "s|$T/sec/|$T/pub/|g" "$T/sec/d.conf" >"$T/pub/d.conf"
chmod 0644 "$T/pub/smtp.pass"
out=$("$CTL" -c "$T/pub/d.conf" check-config 2>&1); rc=$?
is "a world-readable password file: exit 78" 78 "$rc"
like "FILE:LINE: readable by others; chmod o-r FILE" \
    "d\.conf:[0-9]+: smtp\.password_file: \"$T/pub/smtp\.pass\": readable by others; chmod o-r $T/pub/smtp\.pass" "$out"
unlike "without the password" "$SMTP_SECRET" "$out"
status_is "the daemon refuses it too (78)" 78 "$DAEMON" -c "$T/pub/d.conf" --once --dry-run --now "$NOW"
chmod 0640 "$T/pub/smtp.pass"
out=$("$CTL" -c "$T/pub/d.conf" check-config 2>&1); rc=$?
is "chmod o-r: accepted" 0 "$rc"
like "but the world-readable config with a webhook secret is warned about" \
    "d\.conf: readable by others and holds webhook secrets; chmod o-r" "$out"
chmod 0640 "$T/pub/d.conf"
unlike "no warning once the config is private" 'readable by others' "$("$CTL" -c "$T/pub/d.conf" check-config 2>&1)"
chmod 0644 "$T/pub/smtp.pass"
chmod 0700 "$T/pub"
is "a 0644 password file in a private folder is private: accepted" 0 \
    "$("$CTL" -c "$T/pub/d.conf" check-config >/dev/null 2>&1; echo $?)"
chmod 0700 "$T"

# --- 9. the supervision cycle's forms and links ------------------------------
# The ack page's extension form and the approval links (/review/TOKEN):
# what a unit writes is escaped and bounded, a GET records nothing, a
# tampered, unknown or expired link is a plain 404 counted against the
# address like a guessed ack token.
rport=$(free_port); RBASE="http://127.0.0.1:$rport"
mkdir -p "$T/rv"
cat >"$T/rv/d.conf" <<CONF
database = "$T/rv/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; escalate_after_days = 0; };
http: { listen = "127.0.0.1:$rport"; public_url = "$RBASE"; approval_link_days = 14; };
admin: { maildir = "$T/rv/admin"; };
supervisors: { maildir = "$T/rv/sup"; };
units = ( { name = "知识产权保护处"; maildir = "$T/rv/mail"; } );
CONF
"$CTL" -c "$T/rv/d.conf" import "$SEED" >/dev/null
"$DAEMON" -c "$T/rv/d.conf" --now 2021-06-23T10:00:00+08:00 2>"$T/rv/log" &
pids+=($!)
for _ in $(seq 100); do [ -n "$(ls "$T/rv/mail/new" 2>/dev/null)" ] && break; sleep 0.1; done
for _ in $(seq 50); do curl -fs "$RBASE/healthz" >/dev/null && break; sleep 0.1; done
rack=$(first_ack_link "$T/rv/mail/new")
rpost() { curl -s -o "$T/rv/body" -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' "$@"; }
like "the ack page has the extension form" '<form id="extend"' "$(curl -s "$rack")"
is "an extension reason of 501 characters: 400" 400 \
    "$(rpost --data "kind=extend&new_due=2021-07-31&reason=$(head -c 501 /dev/zero | tr '\0' x)" "$rack")"
is "invalid UTF-8: 400" 400 "$(rpost --data 'kind=extend&new_due=2021-07-31&reason=%FF' "$rack")"
is "a date that is none: 400" 400 "$(rpost --data 'kind=extend&new_due=2021-02-30&reason=x' "$rack")"
is "two dates: 400" 400 "$(rpost --data 'kind=extend&new_due=2021-07-31&new_due=2021-08-31&reason=x' "$rack")"
is "nothing recorded by them" "[]" "$("$CTL" -c "$T/rv/d.conf" review --json | tr -d '\n ')"
is "a reason with HTML: 200" 200 "$(rpost --data-urlencode kind=extend --data-urlencode new_due=2021-07-31 \
    --data-urlencode 'reason=<script>alert(1)</script> "x"' "$rack")"
like "shown escaped" '&lt;script&gt;alert\(1\)&lt;/script&gt; &quot;x&quot;' "$(cat "$T/rv/body")"
unlike "never as markup" '<script>' "$(cat "$T/rv/body")"
for _ in $(seq 100); do [ -n "$(ls "$T/rv/sup/new" 2>/dev/null)" ] && break; sleep 0.1; done
rlink=$("$PY" -c '
import email, glob, re, sys
for f in glob.glob(sys.argv[1] + "/*"):
    for part in email.message_from_binary_file(open(f, "rb")).walk():
        if part.get_content_type() == "text/plain":
            print(re.search(r"http://\S+/review/[0-9a-f]{32}", part.get_payload(decode=True).decode()).group(0))' "$T/rv/sup/new")
like "the supervisors get an approval link" "^$RBASE/review/[0-9a-f]{32}\$" "$rlink"
found=$(grep -c "${rlink##*/}" "$T"/rv/d.db* 2>/dev/null | grep -v ':0$')
is "the approval token is not stored, only its hash" "" "$found"
is "GET the approval page: 200" 200 "$(curl -s -o "$T/rv/body" -w '%{http_code}' "$rlink")"
like "the reason escaped there too" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "$(cat "$T/rv/body")"
is "HEAD: 200" 200 "$(curl -s -I -o /dev/null -w '%{http_code}' "$rlink")"
is "GET and HEAD record nothing" 1 "$("$CTL" -c "$T/rv/d.conf" review --json | grep -c '"id"')"
is "a note of 501 characters: 400" 400 \
    "$(rpost --data "decision=approve&note=$(head -c 501 /dev/zero | tr '\0' x)" "$rlink")"
is "a decision that is none: 400" 400 "$(rpost --data 'decision=maybe' "$rlink")"
is "still waiting" 1 "$("$CTL" -c "$T/rv/d.conf" review --json | grep -c '"id"')"
last=${rlink: -1}; [ "$last" = 0 ] && swap=1 || swap=0
is "a tampered approval link: 404" 404 "$(curl -s -o "$T/rv/body" -w '%{http_code}' "${rlink%?}$swap")"
unlike "a plain 404, saying nothing" '延期|审批' "$(cat "$T/rv/body")"
is "a POST to it: 404" 404 "$(rpost --data 'decision=approve' "${rlink%?}$swap")"
stop_all
# Fifteen days later the link has expired.
"$DAEMON" -c "$T/rv/d.conf" --now 2021-07-08T10:00:00+08:00 2>>"$T/rv/log" &
pids+=($!)
for _ in $(seq 50); do curl -fs "$RBASE/healthz" >/dev/null && break; sleep 0.1; done
is "an expired approval link: 404" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$rlink")"
is "and a POST records nothing" 404 "$(rpost --data 'decision=approve' "$rlink")"
is "the request still waits" 1 "$("$CTL" -c "$T/rv/d.conf" review --json | grep -c '"id"')"
for i in $(seq 19); do curl -s -o /dev/null "$RBASE/review/$(printf '%032x' "$i")"; done
is "unknown approval links count against the address: 429" 429 \
    "$(curl -s -o /dev/null -w '%{http_code}' "$RBASE/review/$(printf '%032x' 99)")"
is "a malformed one too" 429 "$(curl -s -o /dev/null -w '%{http_code}' "$RBASE/review/xyz")"
stop_all

done_testing
