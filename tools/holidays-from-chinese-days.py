#!/usr/bin/python3
"""Write etc/holidays/YYYY.conf, the official days off and make-up
working days (调休) of every year the State Council has published, from
the npm package chinese-days (https://github.com/vsme/chinese-days, MIT),
a maintained transcription of the 国务院办公厅 notices since 2004.

The package's dist/chinese-days.json maps each date to "English
name,中文名,days" under "holidays" (every day off, weekends within a
holiday included) and "workdays" (the make-up working days); "inLieuDays"
(the weekdays that the make-up days pay for) are days off already listed
and are not needed.  A year's file holds the dates of that calendar year,
whichever notice set them (a New Year's make-up Saturday in late December
belongs to its own year).  Each date carries its festival's name as the
notices write it (清明节, not chinese-days' 清明).  The package leaves out
a few weekend days inside a holiday (the 端午 Sundays of 2011 and 2015,
its Saturday of 2012: "6月22日至24日放假"): a Saturday or Sunday between
two days off of the same festival is one of them too.

The script refuses data it cannot vouch for: a date both a day off and a
working day, a make-up working day that is not a Saturday or Sunday, a
festival name it does not know.

usage: tools/holidays-from-chinese-days.py PACKAGE_DIR OUT_DIR
(make holidays: npm pack chinese-days into build/holidays, then this).
"""
import datetime
import json
import os
import sys

# chinese-days' Chinese names -> the notices' names.
NAMES = {
    "元旦": "元旦",
    "春节": "春节",
    "清明": "清明节",
    "劳动节": "劳动节",
    "端午": "端午节",
    "中秋": "中秋节",
    "国庆节": "国庆节",
    "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日":
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

HEADER = """\
# Chinese public holidays and make-up working days (调休) of {year}, as the
# 国务院办公厅's notices set them.  Written by
# tools/holidays-from-chinese-days.py from the npm package chinese-days
# {version} (make holidays): do not edit; a correction belongs upstream.
# Read by deadlined through schedule.calendar (see deadlined.conf(5)): a
# holiday is a day off even on a weekday; a make-up working day is a
# working day even on a Saturday or Sunday.

# Every day off of each holiday, weekends within it included.
"""


def fail(msg):
    sys.exit("holidays-from-chinese-days: " + msg)


def festival(value, date):
    """The notice's name of the festival in a value "English,中文,N"."""
    parts = value.split(",")
    if len(parts) != 3 or parts[1] not in NAMES:
        fail("%s: unknown festival %r" % (date, value))
    return NAMES[parts[1]]


def read(package):
    """{year: {"holidays": [(date, name)], "workdays": [...]}}, and the
    package's version."""
    with open(os.path.join(package, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("name") != "chinese-days":
        fail("%s is not the chinese-days package" % package)
    with open(os.path.join(package, "dist", "chinese-days.json"),
              encoding="utf-8") as f:
        data = json.load(f)
    years = {}
    for kind in ("holidays", "workdays"):
        for text, value in data[kind].items():
            date = datetime.date.fromisoformat(text)
            if kind == "workdays":
                if text in data["holidays"]:
                    fail("%s is both a day off and a working day" % text)
                if date.weekday() < 5:
                    fail("%s, a make-up working day, is a weekday" % text)
            days = years.setdefault(date.year,
                                    {"holidays": [], "workdays": []})
            days[kind].append((date, festival(value, text)))
    for days in years.values():
        days["holidays"] += weekends_within(days["holidays"])
    return years, meta["version"]


def weekends_within(holidays):
    """The Saturdays and Sundays between two days off of one festival
    that are not listed themselves."""
    listed = dict(holidays)
    found = []
    for (a, name), (b, other) in zip(sorted(holidays), sorted(holidays)[1:]):
        gap = [a + datetime.timedelta(days=i) for i in range(1, (b - a).days)]
        if name == other and gap and len(gap) <= 2 and \
                all(d.weekday() >= 5 and d not in listed for d in gap):
            found += [(d, name) for d in gap]
    return found


def listing(days):
    """The dates as a libconfig list's body, a date a line with its
    weekday and festival."""
    lines = []
    for i, (date, name) in enumerate(sorted(days)):
        comma = "," if i + 1 < len(days) else " "
        lines.append('  "%s"%s  # %s %s' % (date.isoformat(), comma,
                                           WEEKDAYS[date.weekday()], name))
    return "\n".join(lines) + "\n" if lines else ""


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tools/holidays-from-chinese-days.py PACKAGE_DIR OUT_DIR")
    package, out = sys.argv[1], sys.argv[2]
    years, version = read(package)
    os.makedirs(out, exist_ok=True)
    for year, days in sorted(years.items()):
        text = (HEADER.format(year=year, version=version) +
                "holidays = [\n" + listing(days["holidays"]) + "];\n\n" +
                "# Make-up working days (上班), each a Saturday or Sunday.\n" +
                "workdays = [\n" + listing(days["workdays"]) + "];\n")
        path = os.path.join(out, "%d.conf" % year)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    print("%s: %d years, %d-%d, from chinese-days %s" %
          (out, len(years), min(years), max(years), version))


if __name__ == "__main__":
    main()
