#!/usr/bin/python3
"""Check a mail written by render_mail (used by tests/unit/test_render.c).

    mail_check.py FILE EXPECTED_SUBJECT [--text S]... [--html S]...
                  [--not-text S]... [--not-html S]... [--header NAME=VALUE]...

Parses FILE with Python's email package (policy.default) and checks:
CRLF line ends and line lengths (RFC 5322 sect. 2.1.1, RFC 2047 sect. 2);
exactly the headers From, To, Subject, Date, Message-ID, Auto-Submitted
(auto-generated, RFC 3834), MIME-Version and Content-Type, once each; the decoded Subject equals EXPECTED_SUBJECT and
each of its encoded-words is at most 75 characters and decodes to whole
UTF-8 characters; Date and Message-ID parse; multipart/alternative with a
text/plain and a text/html part, both UTF-8 in base64 lines of at most 76
characters; the decoded text part contains every --text string and no
--not-text string, the html part every --html string and no --not-html
string; each --header NAME has
the decoded value VALUE.  Exits 0 when all hold, 1 (with the reasons on
stderr) otherwise.
"""
import argparse
import base64
import email
import email.policy
import email.utils
import re
import sys

EXPECTED_HEADERS = ["From", "To", "Subject", "Date", "Message-ID",
                    "Auto-Submitted", "MIME-Version", "Content-Type"]
ENCODED_WORD = re.compile(r"=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=")

failures = []


def check(cond, what):
    """Record what when cond does not hold."""
    if not cond:
        failures.append(what)
    return cond


def raw_headers(data):
    """The header section as a list of unfolded (name, raw value)."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    fields = []
    for line in head.split("\r\n"):
        if line[:1] in (" ", "\t") and fields:
            fields[-1][1] += "\r\n" + line
        else:
            name, _, value = line.partition(":")
            fields.append([name, value])
    return head, fields


def check_lines(data):
    """CRLF everywhere, no line over 998 octets."""
    check(b"\n" not in data.replace(b"\r\n", b""), "a bare LF")
    check(b"\r" not in data.replace(b"\r\n", b""), "a bare CR")
    for n, line in enumerate(data.split(b"\r\n"), 1):
        check(len(line) <= 998, "line %d longer than 998 octets" % n)


def check_subject_words(raw, expected):
    """Encoded-words of at most 75 characters, each whole UTF-8, lines
    with encoded-words at most 76 characters, joined giving expected."""
    words = ENCODED_WORD.findall(raw)
    check(words, "Subject has no encoded-word")
    text = ""
    for w in ENCODED_WORD.finditer(raw):
        check(len(w.group(0)) <= 75, "encoded-word of %d characters: %s"
              % (len(w.group(0)), w.group(0)))
        try:
            text += base64.b64decode(w.group(1), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError) as e:
            failures.append("encoded-word %s: %s" % (w.group(0), e))
    for n, line in enumerate(("Subject:" + raw).split("\r\n")):
        check(len(line) <= 76, "Subject line %d has %d characters"
              % (n + 1, len(line)))
    check(ENCODED_WORD.sub("", raw).strip(" \t\r\n") == "",
          "Subject has text outside encoded-words: %r" % raw)
    check(text == expected, "Subject words decode to %r" % text)


def check_part(part, ctype):
    """A UTF-8 base64 part of type ctype with lines of at most 76."""
    check(part.get_content_type() == ctype, "part is %s, want %s"
          % (part.get_content_type(), ctype))
    check(part.get_content_charset() == "utf-8", "%s charset %s"
          % (ctype, part.get_content_charset()))
    check(part["Content-Transfer-Encoding"] == "base64",
          "%s not base64" % ctype)
    payload = part.get_payload(decode=False)
    for line in payload.split("\r\n"):
        check(len(line) <= 76, "%s base64 line of %d" % (ctype, len(line)))
    raw = part.get_payload(decode=True)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        failures.append("%s is not UTF-8: %s" % (ctype, e))
        return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("subject")
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--html", action="append", default=[])
    ap.add_argument("--not-text", action="append", default=[])
    ap.add_argument("--not-html", action="append", default=[])
    ap.add_argument("--header", action="append", default=[])
    args = ap.parse_args()

    with open(args.file, "rb") as f:
        data = f.read()
    check_lines(data)
    head, fields = raw_headers(data)
    names = [name for name, _ in fields]
    check(sorted(names) == sorted(EXPECTED_HEADERS),
          "headers %s, want %s" % (names, EXPECTED_HEADERS))

    msg = email.message_from_bytes(data, policy=email.policy.default)
    check(str(msg["Auto-Submitted"]) == "auto-generated",
          "Auto-Submitted %r, want auto-generated" % str(msg["Auto-Submitted"]))
    check(str(msg["Subject"]) == args.subject,
          "Subject %r, want %r" % (str(msg["Subject"]), args.subject))
    subject_raw = [v for n, v in fields if n == "Subject"]
    if check(len(subject_raw) == 1, "not one Subject"):
        check_subject_words(subject_raw[0], args.subject)
    for name in ("Bcc", "Cc", "Reply-To"):
        check(msg[name] is None, "a %s header" % name)

    date = msg["Date"]
    check(date is not None and date.datetime is not None
          and date.datetime.tzinfo is not None, "Date %r" % date)
    mid = msg["Message-ID"]
    check(mid is not None and re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>",
          str(mid)) is not None, "Message-ID %r" % mid)
    check(msg["MIME-Version"] == "1.0", "MIME-Version")
    for h in args.header:
        name, _, value = h.partition("=")
        check(str(msg[name]) == value, "%s %r, want %r"
              % (name, str(msg[name]), value))

    check(msg.get_content_type() == "multipart/alternative",
          "type %s" % msg.get_content_type())
    check(not msg.defects, "defects %s" % msg.defects)
    parts = list(msg.iter_parts()) if msg.is_multipart() else []
    if check(len(parts) == 2, "%d parts" % len(parts)):
        text = check_part(parts[0], "text/plain")
        html = check_part(parts[1], "text/html")
        for s in args.text:
            check(s in text, "text part lacks %r" % s)
        for s in args.html:
            check(s in html, "html part lacks %r" % s)
        for s in args.not_text:
            check(s not in text, "text part has %r" % s)
        for s in args.not_html:
            check(s not in html, "html part has %r" % s)
        for href in re.findall(r'href="([^"]*)"', html):
            check(href.startswith(("http://", "https://")),
                  "html links to %r" % href)
        check("src=" not in html, "html loads an external resource")

    for f in failures:
        print("mail_check: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
