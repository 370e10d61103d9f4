#!/usr/bin/python3
"""The level of the messages of one pass, for tests/e2e/levels.sh.

    levels_check.py STAGE LEVEL SMTP_DIR SEEN_MAILS HOOK_LOG SEEN_POSTS BASE

STAGE is lead, escalation or overdue; LEVEL remind, press or urge.  The
mails in SMTP_DIR after the first SEEN_MAILS (N.eml, in order) and the
requests in HOOK_LOG (tests/peers/webhook_server.py) after the first
SEEN_POSTS are this pass's.  Each must show LEVEL before its text: a
mail's subject and its text part's first line open with the label, its
HTML part with a band of the level's colour; DingTalk's title and text
open with the label (coloured in the text), an ActionCard for a digest of
one item with a link whose buttons open BASE/ack/TOKEN and its #progress
and #extend forms, markdown with each item's link otherwise; WeCom's
heading in its font colour (info; warning for the label of 督办 and the
whole heading of 催办); Feishu's card header template blue, yellow or red
and its title opening with the label; the generic webhook's level and
level_label, the message's and each item's.  Which recipients get this
pass's messages is fixed by STAGE (the seed plan's units of levels.sh).
Exits 0 when all hold, else 1 with the reasons.
"""
import email
import email.policy
import json
import os
import re
import sys

LEVELS = {
    "remind": ("提醒", "#1565c0", "info", "blue"),
    "press": ("督办", "#f9a825", "warning", "yellow"),
    "urge": ("催办", "#c62828", "warning", "red"),
}
# Who gets a pass's messages: mail To, and the receiver's paths.
WHO = {
    "lead": (["sx@example.org"],
             ["/ding/sx", "/ding/yy", "/wecom/bh", "/feishu/zx", "/generic/zx"]),
    "escalation": (["admin@example.org"],
                   ["/ding/admin", "/wecom/admin", "/feishu/admin",
                    "/generic/admin"]),
    "overdue": (["sx@example.org"],
                ["/ding/sx", "/ding/yy", "/wecom/bh", "/feishu/zx",
                 "/generic/zx"]),
}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    stage, level, smtp, seen_mail, log, seen_post, base = sys.argv[1:8]
    label, colour, wecom, feishu = LEVELS[level]
    tag = "【%s】" % label
    ack = re.compile(re.escape(base) + r"/ack/[0-9a-f]{32}")
    mails_to, paths = WHO[stage]

    names = sorted((f for f in os.listdir(smtp) if f.endswith(".eml")),
                   key=lambda f: int(f.split(".")[0]))[int(seen_mail):]
    got_to = []
    for name in names:
        with open(os.path.join(smtp, name), "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        got_to.append(m["To"].addresses[0].addr_spec)
        subject = str(m["Subject"])
        text = m.get_body(("plain",)).get_content()
        page = m.get_body(("html",)).get_content()
        check(subject.startswith(tag), "mail subject %r" % subject)
        check(text.splitlines()[0].startswith(tag),
              "mail text's first line %r" % text.splitlines()[0])
        band = re.search(r'<td bgcolor="([^"]*)"[^>]*><b>(【[^】]*】)', page)
        check(band is not None and band.groups() == (colour, tag),
              "mail HTML band %r" % (band and band.groups(),))
        check(page.find(band.group(0) if band else "\0") <
              page.find("您好"), "the band comes before the text")
    check(sorted(got_to) == sorted(mails_to),
          "mails to %r, want %r" % (got_to, mails_to))

    reqs = [json.loads(l) for l in open(log)][int(seen_post):]
    got_paths = sorted(r["path"] for r in reqs)
    check(got_paths == sorted(paths),
          "posts to %r, want %r" % (got_paths, sorted(paths)))
    for r in reqs:
        body = json.loads(r["body"])
        path = r["path"]
        if path.startswith("/ding/"):
            card = body.get("actionCard")
            one = path == "/ding/sx"
            check(body["msgtype"] == ("actionCard" if one else "markdown"),
                  "%s: msgtype %r" % (path, body["msgtype"]))
            part = card if one else body.get("markdown", {})
            check(part.get("title", "").startswith(tag),
                  "%s: title %r" % (path, part.get("title")))
            head = "### <font color=%s>%s</font>" % (colour, tag)
            check(part.get("text", "").startswith(head),
                  "%s: text %r" % (path, part.get("text", "")[:80]))
            if one:
                urls = [b["actionURL"] for b in card["btns"]]
                titles = [b["title"] for b in card["btns"]]
                check(titles == ["签收", "报告进展", "申请延期"],
                      "%s: buttons %r" % (path, titles))
                check(len(urls) == 3 and ack.fullmatch(urls[0]) and
                      urls[1:] == [urls[0] + "#progress",
                                   urls[0] + "#extend"],
                      "%s: button URLs %r" % (path, urls))
                check("/ack/" not in card["text"], "%s: a link in the text")
            elif stage != "escalation":
                check(len(ack.findall(part["text"])) == 2,
                      "%s: each item's link %r" % (path, part["text"]))
        elif path.startswith("/wecom/"):
            content = body["markdown"]["content"]
            head = ('### <font color="%s">%s' % (wecom, tag) +
                    ("</font>" if level != "urge" else ""))
            check(content.startswith(head),
                  "%s: content %r" % (path, content[:80]))
            if level == "urge":
                check(re.match(r'### <font color="warning">【催办】[^<\n]*'
                               r'</font>\n', content),
                      "%s: 催办's whole heading %r" % (path, content[:120]))
        elif path.startswith("/feishu/"):
            header = body["card"]["header"]
            check(header["template"] == feishu,
                  "%s: template %r" % (path, header["template"]))
            check(header["title"]["content"].startswith(tag),
                  "%s: title %r" % (path, header["title"]))
            check(r["signature"] == "feishu" and r["signature_valid"],
                  "%s: Feishu's signature in the body" % path)
        elif path.startswith("/generic/"):
            check(body["level"] == level and body["level_label"] == label,
                  "%s: level %r %r" % (path, body["level"],
                                       body["level_label"]))
            levels = {i["level"] for i in body["items"]}
            check(levels == {level} and
                  all(i["stage"] == stage for i in body["items"]),
                  "%s: items' levels %r" % (path, levels))
    if failures:
        sys.stderr.write("\n".join(failures) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
