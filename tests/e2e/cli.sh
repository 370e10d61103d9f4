#!/usr/bin/env bash
# deadlinectl's command line: help, usage errors, parse-deadline, list.
. "$(dirname "$0")/../lib.sh"

for cmd in import export list parse-deadline; do
    out=$("$CTL" "$cmd" --help); rc=$?
    is "$cmd --help exits 0" 0 "$rc"
    like "$cmd --help shows its usage" "^usage: deadlinectl .* $cmd" "$out"
done
ok "deadlinectl --help lists the commands" bash -c "'$CTL' --help | grep -q parse-deadline"
status_is "no command: 64" 64 "$CTL"
status_is "unknown command: 64" 64 "$CTL" frobnicate
status_is "unknown option: 64" 64 "$CTL" list --frob
status_is "deadlined --help exits 0" 0 "$DAEMON" --help
status_is "deadlined with a bad option: 64" 64 "$DAEMON" --frob
# Both programs answer --version and --help alike: the same version, and
# a help that explains every option of the daemon.
like "deadlinectl --version" '^deadlinectl [0-9]+\.[0-9]+' "$("$CTL" --version)"
like "deadlined --version" '^deadlined [0-9]+\.[0-9]+' "$("$DAEMON" --version)"
is "one version for both" "$("$CTL" --version | cut -d' ' -f2)" \
    "$("$DAEMON" --version | cut -d' ' -f2)"
for o in --config --db --once --dry-run --now --verbose --help --version; do
    like "deadlined --help explains $o" "[, ] $o( |$)" "$("$DAEMON" --help)"
done

is "parse-deadline: a date" '{"text": "6月底前", "kind": "date", "due": "2021-06-30"}' \
    "$("$CTL" parse-deadline 6月底前 --year 2021)"
is "parse-deadline: cross-year" '{"text": "2022年3月底前", "kind": "date", "due": "2022-03-31"}' \
    "$("$CTL" parse-deadline 2022年3月底前 --year 2021)"
is "parse-deadline: ongoing" '{"text": "全年", "kind": "ongoing", "due": "2021-12-31"}' \
    "$("$CTL" parse-deadline 全年 --year 2021)"
is "parse-deadline: unknown" '{"text": "尽快", "kind": "unknown", "due": null}' \
    "$("$CTL" parse-deadline 尽快 --year 2021)"
is "parse-deadline: the year defaults to --now's, in the configured zone" \
    '{"text": "4月份前", "kind": "date", "due": "2027-03-31"}' \
    "$("$CTL" --now 2026-12-31T17:00:00Z parse-deadline 4月份前)"

db="$T/d.db"
"$CTL" --db "$db" import "$SEED" >/dev/null
out=$("$CTL" --db "$db" --now 2021-06-23T10:00:00+08:00 list --due-within 7 --json)
ok "list --json: the items due by 2021-06-30, overdue ones included" "$PY" -c '
import json,sys
items=json.loads(sys.argv[1])
assert {i["due"] for i in items}=={"2021-03-31","2021-06-30"}, items
assert [i["days_left"] for i in items]==[-84,7,7], [i["days_left"] for i in items]
u=[x["name"] for i in items if i["due"]=="2021-06-30" for x in i["units"]]
assert sorted(set(u))==sorted(["知识产权运用促进处","知识产权保护处","省知识产权事业发展中心","济南商标审协中心"]), u' "$out"
out=$("$CTL" --db "$db" --now 2021-06-23T10:00:00+08:00 list --due-within 7 --unit 济南商标审协中心)
like "list --unit: text output names the measure and its due date" '^2021-06-30  in 7 days  \[measure [0-9]+, task 18, 6月底前, 2021\]' "$out"
like "list: the next notice under the default schedule (lead 3 days, Sunday 06-27 held to Monday)" 'next notice: 2021-06-28T09:00' "$out"
out=$("$CTL" --db "$db" --now 2021-01-05T10:00:00+08:00 list --due-within 0)
is "list: nothing due" "nothing due within 0 days" "$out"
out=$("$CTL" --db "$db" --now 2021-06-30T23:30:00+08:00 list --due-within 0 --json)
like "list: the day is the configured zone's (Asia/Shanghai)" '"days_left": 0' "$out"
out=$("$CTL" --db "$db" --now 2021-06-30T16:30:00Z list --due-within 0 --json)
unlike "list: 16:30Z on 06-30 is 07-01 in Shanghai, so 06-30 items are overdue" '"days_left": 0' "$out"
# --limit: the first N, then how many more (text), or only the first N.
out=$("$CTL" --db "$db" --now 2021-06-23T10:00:00+08:00 list --due-within 7 --limit 1)
is "list --limit 1: one item" 1 "$(printf '%s\n' "$out" | grep -c '^2021-')"
like "the soonest (the overdue one)" '^2021-03-31  overdue by 84 days' "$out"
like "then how many more" '^\.\.\. and 2 more \(3 in all\)$' "$out"
is "list --limit 2 --json: two" 2 "$("$CTL" --db "$db" --now 2021-06-23T10:00:00+08:00 list --due-within 7 --limit 2 --json | grep -c '"measure_id"')"
unlike "list --limit 3 of 3: no more line" 'more' "$("$CTL" --db "$db" --now 2021-06-23T10:00:00+08:00 list --due-within 7 --limit 3)"
status_is "list --limit -1: usage (64)" 64 "$CTL" --db "$db" list --limit -1
status_is "list --limit x: usage (64)" 64 "$CTL" --db "$db" list --limit x
printf 'timezone = "America/New_York";\n' >"$T/ny.conf"
out=$("$CTL" -c "$T/ny.conf" --db "$db" --now 2021-06-30T16:30:00Z list --due-within 0 --json)
like "list: in New York it is still 06-30" '"days_left": 0' "$out"

printf 'units = ( { name = "知识产权保护处"; email = ["bh@example.org"]; } );\n' >"$T/nosmtp.conf"
out=$("$CTL" -c "$T/nosmtp.conf" --db "$db" check-config 2>&1); rc=$?
is "check-config: a unit with an e-mail address and no smtp.url: 78" 78 "$rc"
is "named at the unit's line" "$T/nosmtp.conf:1: unit 知识产权保护处: an e-mail address, and smtp.url is not set (set smtp.url, or use a webhook or a maildir)" "$out"
status_is "deadlined refuses it too (78)" 78 "$DAEMON" -c "$T/nosmtp.conf" --db "$db" --once --now 2021-06-30T10:00:00+08:00
{ printf 'smtp: { url = "smtp://127.0.0.1:25"; from = "deadlined@example.org"; };\n'; cat "$T/nosmtp.conf"; } >"$T/u.conf"
out=$("$CTL" -c "$T/u.conf" --db "$db" check-config); rc=$?
is "check-config: valid configuration exits 0" 0 "$rc"
like "check-config lists the plan's unmapped units" 'unmapped unit: 济南商标审协中心' "$out"
unlike "check-config does not list configured units" 'unmapped unit: 知识产权保护处 ' "$out"
like "a name that names no unit in particular: make it a group" \
    '^unmapped unit: 各有关市市场监督管理局 \(its notices go to admin; it names no unit in particular: make it a group of the units it means\)$' "$out"
like "a unit's own name: no such hint" '^unmapped unit: 济南商标审协中心 \(its notices go to admin\)$' "$out"
like "check-config counts them" '[0-9]+ unit name\(s\) in 1 plan\(s\), [0-9]+ unmapped' "$out"
like "check-config: where the ack links and the dashboard are" \
    '^ack links and the dashboard: http://127.0.0.1:8470/ \(served on 127.0.0.1:8470\)$' "$out"
unlike "no Maildir when every unit has a channel and there is none" '^Maildir ' "$out"
printf 'maildir = "%s/m";\nhttp: { listen = "127.0.0.1:8471"; public_url = "https://dl.example.org/x/"; };\nadmin: { email = ["a@example.org"]; };\n' "$T" >>"$T/u.conf"
out=$("$CTL" -c "$T/u.conf" --db "$db" check-config)
like "check-config: public_url, and where it is served" '^ack links and the dashboard: https://dl.example.org/x/ \(served on 127.0.0.1:8471\)$' "$out"
unlike "a Maildir that no unit falls back on (admin has a channel): not named" '^Maildir ' "$out"

# With no unit configured, every notice goes to admin; with no channel
# for admin, to the default maildir (the make run setup).
printf 'maildir = "%s/mail";\nschedule: { lead_days = [7, 1, 0]; ongoing = "none"; };\n' "$T" >"$T/m.conf"
out=$("$DAEMON" -c "$T/m.conf" --db "$db" --once --now 2021-06-30T10:00:00+08:00 2>&1); rc=$?
is "deadlined --once exits 0" 0 "$rc"
like "deadlined --once reports unmapped units" 'unmapped \(sent to admin\)' "$out"
out=$(JOURNAL_STREAM=8:1234 "$DAEMON" -c "$T/m.conf" --db "$db" --once --now 2021-06-30T11:00:00+08:00 2>&1)
like "under the journal, lines carry syslog priorities" '^<6>pass: ' "$out"
unlike "and no program-name prefix" '^deadlined: ' "$out"
out=$("$DAEMON" -c "$T/m.conf" --db "$db" --once --now 2021-06-30T11:00:00+08:00 2>&1)
like "on a terminal, plain text" '^deadlined: pass: ' "$out"
printf 'maildir = "%s/mail";\nlog_level = "warning";\n' "$T" >"$T/w.conf"
is "log_level = warning silences info" "" "$("$DAEMON" -c "$T/w.conf" --db "$db" --once --now 2021-06-30T11:00:00+08:00 2>&1)"
like "-v brings debug back" 'deadlined: ' "$("$DAEMON" -v -c "$T/w.conf" --db "$db" --once --now 2021-06-30T11:00:00+08:00 2>&1)"
ok "one digest for admin in the maildir, naming the items due today" "$PY" - "$T/mail" <<'PY'
import email, email.policy, glob, os, sys
files = glob.glob(os.path.join(sys.argv[1], "new", "*"))
assert len(files) == 1, files
m = email.message_from_binary_file(open(files[0], "rb"), policy=email.policy.default)
body = m.get_body(("plain",)).get_content()
assert "2021-06-30" in body and "放管服" in body and "机构改革" in body, body
PY

# check-config reads the database only if it exists, and never creates,
# migrates or writes it (run as root before the first start, it would
# leave the service a database it cannot write).
printf 'database = "%s/never.db";\n' "$T" >"$T/never.conf"
out=$("$CTL" -c "$T/never.conf" check-config); rc=$?
is "check-config without a database: 0" 0 "$rc"
like "and says so" "no database yet" "$out"
ok "and creates none" test ! -e "$T/never.db"
"$CTL" -c "$T/never.conf" import "$SEED" >/dev/null
before=$(md5sum <"$T/never.db")
chmod 0444 "$T/never.db"
like "an existing one is read, read-only" "unit name\(s\) in 1 plan" \
    "$("$CTL" -c "$T/never.conf" check-config)"
is "and left as it was" "$before" "$(md5sum <"$T/never.db")"

# outbox: a header row, filters by state, unit and time.
is "outbox: a header row" "$(printf 'ID\tUNIT\tCHANNEL\tADDRESS\tSTAGE\tSTATE\tATTEMPTS\tNEXT ATTEMPT\tLAST ERROR\tMEASURES')" \
    "$("$CTL" -c "$T/m.conf" --db "$db" outbox | head -1)"
ok "outbox --state sent: only sent ones, some" "$PY" -c '
import json,sys; o=json.loads(sys.argv[1]); assert o and all(m["state"]=="sent" for m in o), o' \
    "$("$CTL" -c "$T/m.conf" --db "$db" outbox --state sent --json)"
is "outbox --unit: nobody by that name, nothing" "[]" "$("$CTL" -c "$T/m.conf" --db "$db" outbox --unit 无此单位 --json)"
is "outbox --since: nothing made after 2030" "[]" "$("$CTL" -c "$T/m.conf" --db "$db" outbox --since 2030-01-01T00:00 --json)"
status_is "outbox --state with an unknown state: usage (64)" 64 "$CTL" -c "$T/m.conf" --db "$db" outbox --state lost

# The festival table is generated from python3-lunardate, never typed in.
"$PY" "$TOP/tools/gen-festivals.py" >"$T/festivals.c"
ok "src/plan/festivals.c is what tools/gen-festivals.py writes" cmp "$T/festivals.c" "$TOP/src/plan/festivals.c"
like "parse-deadline: 清明 in a leap year" '"due": "2024-04-03"' "$("$CTL" parse-deadline 清明节前 --year 2024)"
like "parse-deadline: a range of months" '"kind": "date", "due": "2026-09-30"' "$("$CTL" parse-deadline 5—9月 --year 2026)"
like "parse-deadline: a lunar festival" '"due": "2026-02-16"' "$("$CTL" parse-deadline 春节前 --year 2026)"
like "parse-deadline: two ten-day periods" '"due": "2026-10-31"' "$("$CTL" parse-deadline 10月中下旬 --year 2026)"
like "parse-deadline: 年中" '"due": "2026-06-30"' "$("$CTL" parse-deadline 年中 --year 2026)"
like "parse-deadline: 每半年 is semiannual" '"kind": "semiannual", "due": null' "$("$CTL" parse-deadline 每半年 --year 2026)"
like "parse-deadline: 每周 is weekly" '"kind": "weekly", "due": null' "$("$CTL" parse-deadline 每周 --year 2026)"
like "parse-deadline: 每周五前 is weekly" '"kind": "weekly"' "$("$CTL" parse-deadline 每周五前 --year 2026)"
like "parse-deadline: 每月5日前 is monthly, January's day standing for every month's" \
    '"kind": "monthly", "due": "2026-01-05"' "$("$CTL" parse-deadline 每月5日前 --year 2026)"
# A day of every month: the occurrence is the next such day, a shorter
# month's last day when it has none.
printf 'plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n' >"$T/monthly.tsv"
printf '月报计划\t2021\t1\t一、总体\t调度\t报送上月进展\t综合规划处\t每月5日前\n' >>"$T/monthly.tsv"
printf '月报计划\t2021\t1\t一、总体\t调度\t报送月度数据\t综合规划处\t每月30号之前\n' >>"$T/monthly.tsv"
"$CTL" --db "$T/monthly.db" import "$T/monthly.tsv" >/dev/null
like "list: past June 5th, a 每月5日前 item is due July 5th" '^2021-07-05 .*每月5日前' \
    "$("$CTL" --db "$T/monthly.db" --now 2021-06-06T10:00:00+08:00 list)"
like "list: in February, a 每月30号之前 item is due on its last day" '^2021-02-28 .*每月30号之前' \
    "$("$CTL" --db "$T/monthly.db" --now 2021-02-10T10:00:00+08:00 list)"
like "parse-deadline: 汛期前 stays unknown" '"kind": "unknown", "due": null' "$("$CTL" parse-deadline 汛期前 --year 2026)"

done_testing
