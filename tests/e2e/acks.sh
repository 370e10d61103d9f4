#!/usr/bin/env bash
# Acknowledgements from the command line: an acknowledged item gets no
# more lead notices, a done item nothing more, for that unit only.
. "$(dirname "$0")/../lib.sh"

cat >"$T/d.conf" <<CONF
database = "$T/d.db";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; escalate_after_days = 0; };
maildir = "$T/mail";
units = (
  { name = "知识产权运用促进处"; }, { name = "知识产权保护处"; },
  { name = "省知识产权事业发展中心"; }, { name = "济南商标审协中心"; }
);
CONF
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null

# digests WHEN: "unit:items" for each digest delivered since the last call.
seen="$T/seen"; : >"$seen"
digests() {
    "$PY" - "$T/mail/new" "$seen" <<'PY'
import email, email.policy, glob, os, re, sys
from ack_links import ACK_LINK
seen = set(open(sys.argv[2]).read().split())
out = []
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*"))):
    if os.path.basename(f) in seen:
        continue
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    body = m.get_body(("plain",)).get_content()
    unit = re.search(r"】(.*?)：", str(m["Subject"])).group(1)
    out.append("%s:%d" % (unit, len(ACK_LINK.findall(body))))
    with open(sys.argv[2], "a") as s:
        s.write(os.path.basename(f) + "\n")
print(" ".join(sorted(out)))
PY
}
token_for() {	# token_for UNIT: an ack token from that unit's last digest
    "$PY" - "$T/mail/new" "$1" <<'PY'
import email, email.policy, glob, os, re, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*")), key=os.path.getmtime):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    if sys.argv[2] + "：" in str(m["Subject"]):
        tok = re.findall(r"/ack/([0-9a-f]{32})", m.get_body(("plain",)).get_content())
print(tok[0])
PY
}

"$DAEMON" -c "$T/d.conf" --once --now 2021-06-23T10:00:00+08:00 2>/dev/null
is "the 7-day notices: one digest per unit" \
    "济南商标审协中心:1 省知识产权事业发展中心:2 知识产权保护处:1 知识产权运用促进处:2" "$(digests)"

tok=$(token_for 济南商标审协中心)
status_is "a malformed token is refused (65)" 65 "$CTL" -c "$T/d.conf" ack 0123
status_is "an unknown token is refused (65)" 65 "$CTL" -c "$T/d.conf" ack 0123456789abcdef0123456789abcdef
is "and nothing is recorded" "[]" "$("$CTL" -c "$T/d.conf" acks --json | tr -d '\n ')"
out=$("$CTL" -c "$T/d.conf" --now 2021-06-23T11:00:00+08:00 ack "$tok" --note "收到，正在办理")
like "ack TOKEN records the acknowledgement" '^acknowledged: measure [0-9]+, 济南商标审协中心, due 2021-06-30' "$out"
ok "acks --json has it, with source cli and the note" "$PY" -c '
import json,sys
a=json.loads(sys.argv[1])
assert len(a)==1 and a[0]["unit"]=="济南商标审协中心" and a[0]["kind"]=="ack" and a[0]["source"]=="cli", a
assert a[0]["note"]=="收到，正在办理" and a[0]["due"]=="2021-06-30" and a[0]["at"].startswith("2021-06-23T11:00:00"), a' \
    "$("$CTL" -c "$T/d.conf" acks --json)"

"$DAEMON" -c "$T/d.conf" --once --now 2021-06-29T10:00:00+08:00 2>/dev/null
is "the 1-day notices go to the three other units, none to the one that acknowledged" \
    "省知识产权事业发展中心:2 知识产权保护处:1 知识产权运用促进处:2" "$(digests)"

mid=$("$CTL" -c "$T/d.conf" export | "$PY" -c '
import json,sys
d=json.load(sys.stdin)
print([m["id"] for t in d["tasks"] for m in t["measures"] if m["text"].startswith("积极推动机构改革")][0])')
status_is "done for a unit the measure does not name: 65" 65 "$CTL" -c "$T/d.conf" done "$mid" 济南商标审协中心
ok "done MEASURE UNIT records completion" "$CTL" -c "$T/d.conf" --now 2021-06-29T12:00:00+08:00 done "$mid" 知识产权保护处
"$DAEMON" -c "$T/d.conf" --once --now 2021-06-30T10:00:00+08:00 2>/dev/null
is "on the due day: nothing for the unit that is done, the acknowledged unit still gets its due-day notice" \
    "济南商标审协中心:1 省知识产权事业发展中心:2 知识产权运用促进处:2" "$(digests)"

done_testing
