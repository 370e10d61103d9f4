#!/usr/bin/env bash
# The holiday calendar.  etc/holidays/YYYY.conf is converted from the npm
# package chinese-days by tools/holidays-from-chinese-days.py (make
# holidays): the conversion, run here on the package's own data for 2021
# and 2026 (tests/data/chinese-days, as published in 1.5.7), must give the
# shipped files, and both must hold the notices as typed in by hand
# (tests/data/holidays-2021.conf, -2026.conf); the converter refuses data
# it cannot vouch for; the festival table (src/plan/festivals.c) agrees
# with every year's holidays.  Then schedule.calendar as a folder and as
# a list, and check-config's one-line warning for a year without
# holidays, today's (--now) or a stored plan's.
. "$(dirname "$0")/../lib.sh"

CONV="$TOP/tools/holidays-from-chinese-days.py"
HOL="$TOP/etc/holidays"
# dates KIND FILE: the dates of the array KIND of a holiday file, sorted.
dates() {
    sed -n "/^$1 *=/,/]/p" "$2" | grep -o '"[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]"' | tr -d '"' | sort
}
# body FILE: a converted file from its first setting on (not the header,
# which names the package's version).
body() { sed -n '/^holidays =/,$p' "$1"; }

# --- the conversion ---------------------------------------------------------
out=$("$PY" "$CONV" "$TOP/tests/data/chinese-days" "$T/conv" 2>&1)
is "the converter runs on the package's 2021 and 2026" 0 "$?"
like "and says what it wrote" '2 years, 2021-2026, from chinese-days 1\.5\.7' "$out"
is "a file a year" "2021.conf 2026.conf" "$(cd "$T/conv" && echo *)"
for y in 2021 2026; do
    for k in holidays workdays; do
        n=$(dates $k "$TOP/tests/data/holidays-$y.conf" | wc -l)
        is "$y $k: the conversion gives the notice's $n dates, typed in by hand" \
            "$(dates $k "$TOP/tests/data/holidays-$y.conf")" "$(dates $k "$T/conv/$y.conf")"
        is "$y $k: the shipped file gives them too" \
            "$(dates $k "$TOP/tests/data/holidays-$y.conf")" "$(dates $k "$HOL/$y.conf")"
    done
    is "$y: the shipped file is the conversion (names and weekdays too)" \
        "$(body "$T/conv/$y.conf")" "$(body "$HOL/$y.conf")"
done
like "each date with its weekday and festival" '^  "2026-02-14",  # Sat 春节$' "$(cat "$HOL/2026.conf")"
like "the notices' names (清明节, not 清明)" '"2021-04-05",  # Mon 清明节$' "$(cat "$HOL/2021.conf")"
is "2004 to 2026 shipped, a file each" "$(seq 2004 2026 | sed 's/$/.conf/')" "$(ls "$HOL")"

# variant PYTHON: convert a copy of the package changed by PYTHON (on its
# data, d) into $T/var; its output in out, its status in rc.
variant() {
    rm -rf "$T/pkg" "$T/var" && cp -r "$TOP/tests/data/chinese-days" "$T/pkg"
    "$PY" -c "
import json, sys
p = sys.argv[1] + '/dist/chinese-days.json'
d = json.load(open(p))
$1
json.dump(d, open(p, 'w'))" "$T/pkg"
    out=$("$PY" "$CONV" "$T/pkg" "$T/var" 2>&1); rc=$?
}
# A weekend inside a holiday that the package leaves out (as it does
# 2012's 端午 Saturday) is a day off all the same; one beside it is not.
variant 'del d["holidays"]["2021-10-02"], d["holidays"]["2021-10-03"], d["holidays"]["2021-06-12"]'
is "a package without 2021-10-02/03 (Sat, Sun of 国庆) and 06-12 (端午's first day, a Saturday)" 0 "$rc"
is "gives 10-02 and 10-03 all the same, and not 06-12" \
    "$(dates holidays "$T/conv/2021.conf" | grep -vx 2021-06-12)" "$(dates holidays "$T/var/2021.conf")"
like "as 国庆节" '"2021-10-03",  # Sun 国庆节' "$(cat "$T/var/2021.conf")"
like "2012's 端午 Saturday is shipped" '"2012-06-23",  # Sat 端午节' "$(cat "$HOL/2012.conf")"

# What the converter refuses, each in one line naming the date.
bad() {	# bad WHAT PYTHON
    variant "$2"
    is "the converter refuses $1" 1 "$rc"
    is "in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
}
bad "a make-up working day on a weekday" 'd["workdays"]["2021-06-23"] = "Labour Day,劳动节,1"'
like "naming it" '2021-06-23, a make-up working day, is a weekday' "$out"
bad "a day both off and working" 'd["workdays"]["2021-10-02"] = "National Day,国庆节,3"'
like "naming it" '2021-10-02 is both' "$out"
bad "a festival it does not know" 'd["holidays"]["2021-11-11"] = "Singles Day,双十一,1"'
like "naming it" "2021-11-11: unknown festival" "$out"

# --- the festival table against every year's holidays ----------------------
# Each festival's day (the day after what "X前" gives) is a day off of its
# year: 春节, 五一 and 国庆 since 2004, 清明, 端午 and 中秋 since 2008.
for y in $(seq 2004 2026); do
    fs="春节 五一 国庆"
    [ "$y" -ge 2008 ] && fs="$fs 清明 端午 中秋"
    for f in $fs; do
        printf '%s %s ' "$y" "$f"
        "$CTL" parse-deadline "${f}前" --year "$y"
    done
done >"$T/festivals"
"$PY" - "$T/festivals" "$HOL" >"$T/festivals.out" <<'PY'
import datetime, json, re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    year, name, js = line.split(" ", 2)
    day = datetime.date.fromisoformat(json.loads(js)["due"]) + datetime.timedelta(days=1)
    text = open("%s/%s.conf" % (sys.argv[2], year), encoding="utf-8").read()
    off = re.search(r"^holidays = \[(.*?)\];", text, re.S | re.M).group(1)
    print("%s %s %s %s" % (year, name, day, "off" if '"%s"' % day in off else "WORKING"))
PY
is "every festival's day, 2004-2026, is a day off (126)" 126 "$(grep -c ' off$' "$T/festivals.out")"
unlike "none is a working day" 'WORKING' "$(cat "$T/festivals.out")"

# --- schedule.calendar -------------------------------------------------------
cat >"$T/d.conf" <<CONF
database = "$T/d.db";
schedule: { calendar = "$HOL"; };
CONF
ok "the folder loads (every year's file)" "$CTL" -c "$T/d.conf" check-config
like "check-config --verbose shows it" "^schedule.calendar = \[\"$HOL\"\];" \
    "$("$CTL" -c "$T/d.conf" check-config --verbose)"
printf 'schedule: { calendar = ["%s/2021.conf",\n  "%s/none.conf"]; };\n' "$HOL" "$HOL" >"$T/l.conf"
out=$("$CTL" -c "$T/l.conf" check-config 2>&1); rc=$?
is "a list with a missing file: 78" 78 "$rc"
is "named at its own line" "$T/l.conf:2: schedule.calendar: $HOL/none.conf: No such file or directory" "$out"
printf 'schedule: { calendar = ["%s/2021.conf", "%s/2026.conf"]; };\n' "$HOL" "$HOL" >"$T/l.conf"
ok "a list of two files loads" "$CTL" -c "$T/l.conf" --db "$T/none.db" check-config

# --- a working day of the month ----------------------------------------------
# 每季度结束后5个工作日内 counts the calendar's working days: 2026's third
# quarter's is October 13th (Oct 1-7 off, Saturday the 10th worked), its
# first's April 8th (Apr 4-6 off for 清明); without a calendar, Monday to
# Friday.
printf '序号\t落实举措\t责任单位\t完成时限\n1\t报送季度进展\t省财政厅\t每季度结束后5个工作日内\n' >"$T/wd.tsv"
printf 'database = "%s/wd.db";\nschedule: { calendar = "%s"; };\n' "$T" "$HOL" >"$T/wd.conf"
"$CTL" -c "$T/wd.conf" import "$T/wd.tsv" --format tsv --year 2026 >/dev/null
like "in the October holidays: due on the 13th" '^2026-10-13 ' \
    "$("$CTL" -c "$T/wd.conf" --now 2026-10-02T10:00:00+08:00 list)"
like "on April 1st: due on the 8th" '^2026-04-08 ' \
    "$("$CTL" -c "$T/wd.conf" --now 2026-04-01T10:00:00+08:00 list)"
printf 'database = "%s/wd.db";\n' "$T" >"$T/wd0.conf"
like "no calendar: Monday to Friday, the 7th" '^2026-10-07 ' \
    "$("$CTL" -c "$T/wd0.conf" --now 2026-10-02T10:00:00+08:00 list 2>/dev/null)"

# --- check-config's warnings -------------------------------------------------
# warnings ARGS...: check-config's standard error (its output in $T/cc.out).
warnings() { "$CTL" "$@" check-config 2>&1 >"$T/cc.out"; }
"$CTL" -c "$T/d.conf" import "$SEED" --year 2026 >/dev/null
is "2026, a plan of 2026: no warning" "" "$(warnings -c "$T/d.conf" --now 2026-06-01T10:00:00+08:00)"
out=$(warnings -c "$T/d.conf" --now 2027-01-05T10:00:00+08:00)
is "today in 2027: one line naming the file and the year" \
    "$T/d.conf: warning: no holidays of 2027 (today's year) in schedule.calendar: that year's notices go out on the send window's weekdays, holidays too" "$out"
is "still exit 0" 0 "$("$CTL" -c "$T/d.conf" --now 2027-01-05T10:00:00+08:00 check-config >/dev/null 2>&1; echo $?)"
like "after the report" 'configuration ok' "$(cat "$T/cc.out")"
"$CTL" -c "$T/d.conf" import "$SEED" --year 2030 >/dev/null
out=$(warnings -c "$T/d.conf" --now 2026-06-01T10:00:00+08:00)
is "a stored plan of 2030: one line naming its year and the plan" 1 "$(printf '%s\n' "$out" | grep -c .)"
like "that line" "^$T/d.conf: warning: no holidays of 2030 \(the year of plan 2\) in schedule.calendar: " "$out"
out=$(warnings -c "$T/d.conf" --now 2030-03-01T10:00:00+08:00)
is "today in the plan's year: one line, once" 1 "$(printf '%s\n' "$out" | grep -c .)"
like "as today's year" "no holidays of 2030 \(today's year\)" "$out"
printf 'database = "%s/d.db";\nschedule: { calendar = "%s/2021.conf"; };\n' "$T" "$HOL" >"$T/one.conf"
out=$(warnings -c "$T/one.conf" --now 2026-06-01T10:00:00+08:00)
like "a calendar of 2021 alone, today in 2026: warned" "no holidays of 2026 \(today's year\) in schedule.calendar:" "$out"
is "and the 2030 plan's, two lines" 2 "$(printf '%s\n' "$out" | grep -c .)"
like "the plan's 2030 too" "no holidays of 2030 \(the year of plan 2\)" "$out"
printf 'database = "%s/none.db";\n' "$T" >"$T/nocal.conf"
is "no calendar at all: one line saying so" \
    "$T/nocal.conf: warning: no holidays of 2026 (today's year) in schedule.calendar (not set): that year's notices go out on the send window's weekdays, holidays too" \
    "$(warnings -c "$T/nocal.conf" --now 2026-06-01T10:00:00+08:00)"
ok "and no database made" test ! -e "$T/none.db"

done_testing
