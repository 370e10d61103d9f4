#!/usr/bin/python3
"""Compare two plans given as JSON: `deadlinectl export --format json`
output, or the seed's expected parse (flat deadline_text/kind/due and units
as [name, role] pairs).  Texts are compared exactly but for runs of
whitespace (one space) and whitespace at either end; ids are ignored.  Prints each difference and exits 1 when there is one.

usage: plan_compare.py [--loose] ACTUAL.json EXPECTED.json

--loose ignores whitespace altogether: for an expectation whose spacing
where a line wraps between Chinese and Latin text cannot be derived from
the text (the seed's expected parse writes 等RCEP at one wrap and
面向 2035 at others).
"""
import json
import re
import sys


LOOSE = "--loose" in sys.argv[1:]


def squash(s):
    return re.sub(r"\s+", "" if LOOSE else " ", s or "").strip()


def measure(m):
    if "deadline" in m:
        d = m["deadline"]
        text, kind, due = d["text"], d["kind"], d["due"]
    else:
        text, kind, due = m["deadline_text"], m["kind"], m["due"]
    units = [(u["name"], u["role"]) if isinstance(u, dict) else tuple(u)
             for u in m["units"]]
    return {"text": squash(m["text"]), "deadline": squash(text), "kind": kind,
            "due": due, "units": [(squash(n), r) for n, r in units]}


def canon(plan):
    return [{"no": t["no"], "section": squash(t["section"]),
             "title": squash(t["title"]),
             "measures": [measure(m) for m in t["measures"]]}
            for t in plan["tasks"]]


def main():
    paths = [a for a in sys.argv[1:] if a != "--loose"]
    actual, expected = (json.load(open(p, encoding="utf-8")) for p in paths[:2])
    diffs = []
    if expected.get("year") is not None and actual.get("year") != expected["year"]:
        diffs.append("year: %r != %r" % (actual.get("year"), expected["year"]))
    if "title" in expected and squash(actual.get("title")) != squash(expected["title"]):
        diffs.append("title: %r != %r" % (actual.get("title"), expected["title"]))
    a, e = canon(actual), canon(expected)
    if len(a) != len(e):
        diffs.append("tasks: %d != %d" % (len(a), len(e)))
    for ta, te in zip(a, e):
        where = "task %s" % te["no"]
        for key in ("no", "section", "title"):
            if ta[key] != te[key]:
                diffs.append("%s %s: %r != %r" % (where, key, ta[key], te[key]))
        if len(ta["measures"]) != len(te["measures"]):
            diffs.append("%s: %d measures != %d" % (where, len(ta["measures"]),
                                                   len(te["measures"])))
        for i, (ma, me) in enumerate(zip(ta["measures"], te["measures"]), 1):
            for key in me:
                if ma[key] != me[key]:
                    diffs.append("%s measure %d %s:\n  got  %r\n  want %r"
                                 % (where, i, key, ma[key], me[key]))
    na = sum(len(t["measures"]) for t in a)
    ne = sum(len(t["measures"]) for t in e)
    for d in diffs:
        print(d)
    print("%d tasks, %d measures; expected %d tasks, %d measures; %d difference(s)"
          % (len(a), na, len(e), ne, len(diffs)))
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
