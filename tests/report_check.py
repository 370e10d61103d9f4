"""Read a periodic report (情况通报) as its recipients get it and check it
against the ledger (tests/e2e/report.sh).

  report_check.py mail EML LEDGER_JSON   the mail's structure, its figures
                                         against the ledger, its XLSX
  report_check.py robot LOG URL          the robot's last post: a summary
                                         with the ledger's link

`mail` parses EML with the email package: multipart/mixed holding the
multipart/alternative (text and HTML) and the workbook, named
台账-DATE.xlsx (RFC 2231); the HTML's state counts and unit table (its
rows and their order by on-time rate) and its overdue list against
LEDGER_JSON (`deadlinectl ledger --format json` at the same --now); the
attachment opened with openpyxl, its 台账 sheet a row per ledger row.
"""
import email, email.policy, io, json, sys
from html.parser import HTMLParser

import openpyxl


class Tables(HTMLParser):
    """Every table with an id: its rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.stack, self.row, self.cell = {}, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.stack.append(a.get("id"))
            if a.get("id"):
                self.tables[a["id"]] = []
        elif tag == "tr" and self.stack and self.stack[-1]:
            self.row = []
            self.tables[self.stack[-1]].append(self.row)
        elif tag in ("td", "th") and self.row is not None and \
                self.stack and self.stack[-1]:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.stack.pop()
        elif tag in ("td", "th") and self.cell is not None and \
                self.stack and self.stack[-1]:
            self.row.append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def check(cond, what):
    if not cond:
        sys.exit("report_check: " + what)


def mail(eml, ledger_json):
    msg = email.message_from_binary_file(open(eml, "rb"),
                                         policy=email.policy.default)
    led = json.load(open(ledger_json, encoding="utf-8"))
    check(msg.get_content_type() == "multipart/mixed", "not multipart/mixed")
    parts = list(msg.iter_parts())
    check(parts[0].get_content_type() == "multipart/alternative",
          "first part not multipart/alternative")
    html = parts[0].get_body(("html",)).get_content()
    text = parts[0].get_body(("plain",)).get_content()
    check("情况通报" in str(msg["Subject"]), "subject: " + str(msg["Subject"]))
    check("一、总体情况" in text, "text part lacks the counts")
    att = [p for p in msg.iter_attachments()]
    check(len(att) == 1, "attachments: %d" % len(att))
    name = att[0].get_filename()
    check(name == "台账-%s.xlsx" % led["report_date"], "file name " + repr(name))
    check("filename*=UTF-8''" in att[0]["Content-Disposition"].__str__() or
          "filename*=utf-8''" in str(att[0]).split("\n\n")[0].lower(),
          "no RFC 2231 filename*")
    t = Tables()
    t.feed(html)
    # The counts by state.
    names = {"done": "已完成", "review": "待审核", "paused": "已暂停",
             "overdue": "逾期",
             "progress": "进行中", "acked": "已确认", "notified": "已通知",
             "quiet": "未通知"}
    want = {v: 0 for v in names.values()}
    for r in led["rows"]:
        want[names[r["state_name"]]] += 1
    got = {r[0]: int(r[1]) for r in t.tables["states"][1:]}
    check(got == want, "states %r != ledger %r" % (got, want))
    # Each unit's figures, sorted by on-time rate (none last).
    keys = ("items", "done_on_time", "done_late", "overdue", "open",
            "due_by_report_date")
    units = {u["unit"]: u for u in led["units"]}
    rows = t.tables["units"][1:]
    check(len(rows) == len(units), "units %d != %d" % (len(rows), len(units)))
    rates = []
    for r in rows:
        u = units[r[0]]
        check([int(x) for x in r[1:7]] == [u[k] for k in keys],
              "unit %s: %r != %r" % (r[0], r[1:7], [u[k] for k in keys]))
        rate = u["on_time_rate"]
        check(r[7] == ("—" if rate is None else "%d%%" % rate),
              "unit %s rate %s != %r" % (r[0], r[7], rate))
        # 考评's figures, as the ledger counts them.
        med = u["ack_median_workdays"]
        check(r[-3] == ("—" if med is None else "%g" % med),
              "unit %s median %s != %r" % (r[0], r[-3], med))
        check(int(r[-2]) == u["never_acknowledged"],
              "unit %s unanswered %s != %r" % (r[0], r[-2],
                                               u["never_acknowledged"]))
        want_rep = ("—" if u["reports_due"] is None else
                    "%d/%d" % (u["reports_on_time"], u["reports_due"]))
        check(r[-1] == want_rep, "unit %s reports %s != %s" %
              (r[0], r[-1], want_rep))
        rates.append(-1 if rate is None else rate)
    check(rates == sorted(rates, reverse=True), "not by rate: %r" % rates)
    # The overdue items, with their days.
    over = [(r["unit"], int(r["state"].split()[1])) for r in led["rows"]
            if r["state_name"] == "overdue"]
    got = [(r[0], int(r[3].split()[0])) for r in
           t.tables.get("overdue", [[]])[1:]]
    check(sorted(got) == sorted(over), "overdue %r != %r" % (got, over))
    # The workbook: a row per ledger row.
    wb = openpyxl.load_workbook(io.BytesIO(att[0].get_content()))
    ws = wb["台账"]
    n = ws.max_row - 1
    check(n == len(led["rows"]), "XLSX rows %d != ledger %d" %
          (n, len(led["rows"])))
    print(len(led["rows"]))


def robot(log, url, path=""):
    """The last post (to a path starting with PATH) in each robot's form:
    DingTalk's markdown, WeCom's markdown, Feishu's interactive card."""
    posts = [json.loads(l) for l in open(log, encoding="utf-8")]
    posts = [p for p in posts if p["path"].startswith(path)]
    check(posts, "no post to " + path)
    body = json.loads(posts[-1]["body"])
    if body.get("msg_type") == "interactive":
        card = body["card"]
        title = card["header"]["title"]["content"]
        els = [e for e in card["elements"] if e["tag"] == "markdown"]
        check(len(els) == 1, "one markdown element: %r" % card["elements"])
        md = els[0]["content"]
    elif "title" in body["markdown"]:
        title, md = body["markdown"]["title"], body["markdown"]["text"]
    else:                       # WeCom: the heading is the first line
        md = body["markdown"]["content"]
        title = md.split("\n", 1)[0]
    check("情况通报" in title, "title: " + title)
    check("各单位按期完成率" in md, "no units in " + md[:200])
    check("(%s)" % url in md, "no link %s in %s" % (url, md[-300:]))


if __name__ == "__main__":
    {"mail": mail, "robot": robot}[sys.argv[1]](*sys.argv[2:])
