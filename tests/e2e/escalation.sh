#!/usr/bin/env bash
# Escalation end to end: a measure "A牵头，B" due 2021-06-30; both get the
# 7-day notice on Wed 06-23, A acknowledges, B stays silent.  Two working
# days later (Fri 06-25) the lead unit A, the supervisors and admin each
# get one escalation naming B, and B none; later passes send no second one.  When B too has
# acknowledged, nobody is escalated.  Every channel is a Maildir, and the
# acknowledgements go through `deadlinectl ack TOKEN`.
. "$(dirname "$0")/../lib.sh"

A=知识产权运用促进处
B=知识产权保护处

printf 'task_no\tsection\ttask\tmeasure\tunits\tdeadline\n1\t一、测试\t督办测试任务\t开展催办测试工作\t%s牵头，%s\t6月底前\n' \
    "$A" "$B" >"$T/plan.tsv"

write_conf() {	# write_conf NAME
    mkdir -p "$T/$1"
    cat >"$T/$1.conf" <<EOF
database = "$T/$1.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; escalate_after_days = 2; };
http: { public_url = "http://127.0.0.1:8470"; };
admin: { maildir = "$T/$1/admin"; };
supervisors: { maildir = "$T/$1/sup"; };
units = (
  { name = "$A"; maildir = "$T/$1/a"; },
  { name = "$B"; maildir = "$T/$1/b"; }
);
EOF
    "$CTL" -c "$T/$1.conf" import "$T/plan.tsv" --year 2021 >/dev/null
}

run() {	# run NAME TIME: one pass of the daemon at TIME
    "$DAEMON" -c "$T/$1.conf" --once --now "$2" >"$T/$1.log" 2>&1
}

count() { ls "$T/$1/new" 2>/dev/null | wc -l; }

# ack_unit NAME WHO: acknowledge through the token of WHO's latest mail.
ack_unit() {
    local token
    token=$("$PY" - "$T/$1/$2" <<'PY'
import email, email.policy, glob, os, re, sys
files = sorted(glob.glob(os.path.join(sys.argv[1], "new", "*")), key=os.path.getmtime)
m = email.message_from_binary_file(open(files[-1], "rb"), policy=email.policy.default)
print(re.search(r"/ack/([0-9a-f]{32})", m.get_body(("plain",)).get_content()).group(1))
PY
)
    "$CTL" -c "$T/$1.conf" ack "$token" >/dev/null
}

# --- B stays silent ---------------------------------------------------------
write_conf s
run s 2021-06-23T10:00:00+08:00
is "the 7-day notice goes to A" 1 "$(count s/a)"
is "and to B" 1 "$(count s/b)"
ok "A acknowledges with its token" ack_unit s a

run s 2021-06-24T10:00:00+08:00
is "one working day later: nothing to A" 1 "$(count s/a)"
is "nor to admin" 0 "$(count s/admin)"

run s 2021-06-25T10:00:00+08:00; rc=$?
is "two working days later the pass exits 0" 0 "$rc"
is "A gets an escalation" 2 "$(count s/a)"
is "admin gets one" 1 "$(count s/admin)"
is "the supervisors get one" 1 "$(count s/sup)"
is "B gets none" 1 "$(count s/b)"
ok "the escalations name B as the silent unit, without an ack link" "$PY" - "$T/s" "$B" <<'PY'
import email, email.policy, glob, os, sys
d, silent = sys.argv[1], sys.argv[2]
for who in ("a", "admin"):
    files = sorted(glob.glob(os.path.join(d, who, "new", "*")), key=os.path.getmtime)
    m = email.message_from_binary_file(open(files[-1], "rb"), policy=email.policy.default)
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    assert str(m["Subject"]).startswith("【督办】"), m["Subject"]
    assert "未确认单位：" + silent in text, text
    assert "未确认单位：" + silent in html, html
    assert "/ack/" not in text, text
    if who == "admin":   # addressed as a person reads it, not by the key
        assert str(m["Subject"]).startswith("【督办】系统管理员："), m["Subject"]
        assert text.startswith("【督办】系统管理员："), text[:40]
for who, name in (("sup", "督办部门"),):
    files = sorted(glob.glob(os.path.join(d, who, "new", "*")), key=os.path.getmtime)
    m = email.message_from_binary_file(open(files[-1], "rb"), policy=email.policy.default)
    assert str(m["Subject"]).startswith("【督办】" + name + "："), m["Subject"]
PY
ok "outbox: one escalation, to A, the supervisors and admin" "$PY" -c '
import json, sys
o = [m for m in json.loads(sys.argv[1]) if m["stage"] == "escalation"]
assert len(o) == 3 and all(m["state"] == "sent" for m in o), o
assert sorted(m["unit"] for m in o) == sorted([sys.argv[2], "supervisors", "admin"]), o' \
    "$("$CTL" -c "$T/s.conf" outbox --json)" "$A"

run s 2021-06-25T11:00:00+08:00
run s 2021-06-28T10:00:00+08:00
is "later passes: no second escalation to A" 2 "$(count s/a)"
is "nor to admin" 1 "$(count s/admin)"
run s 2021-06-29T10:00:00+08:00
is "B still gets its 1-day notice" 2 "$(count s/b)"
is "and still no second escalation" 1 "$(count s/admin)"

# --- B acknowledges ---------------------------------------------------------
write_conf q
run q 2021-06-23T10:00:00+08:00
ok "A acknowledges" ack_unit q a
ok "B acknowledges" ack_unit q b
run q 2021-06-25T10:00:00+08:00
run q 2021-06-28T10:00:00+08:00
is "acknowledged: no escalation to A" 1 "$(count q/a)"
is "nor to admin" 0 "$(count q/admin)"
run q 2021-06-29T10:00:00+08:00
is "and no more lead notices to B" 1 "$(count q/b)"

done_testing
