#!/usr/bin/python3
"""The ack links of delivered mail, for the end-to-end tests.

    ack_links.py MAILDIR_FOLDER [TEXT_OUT]

Prints the first ack link (http://HOST:PORT/ack/TOKEN) found in the
text/plain part of the mails in MAILDIR_FOLDER (in file-name order) and,
with TEXT_OUT, writes that mail's text there.  Exit 1 when no mail has
one.  The link's shape is ACK_LINK below: one place for every test.
"""
import email
import glob
import os
import re
import sys

ACK_LINK = re.compile(r"http://127\.0\.0\.1:\d+/ack/[0-9a-f]{32}")


def main():
    for f in sorted(glob.glob(os.path.join(sys.argv[1], "*"))):
        with open(f, "rb") as fp:
            m = email.message_from_binary_file(fp)
        for part in m.walk():
            if part.get_content_type() != "text/plain":
                continue
            t = part.get_payload(decode=True).decode("utf-8")
            u = ACK_LINK.search(t)
            if u:
                print(u.group(0))
                if len(sys.argv) > 2:
                    with open(sys.argv[2], "w", encoding="utf-8") as out:
                        out.write(t)
                return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
