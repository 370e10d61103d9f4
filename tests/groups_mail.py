"""Read a Maildir of digests as the group tests need them: for each mail,
the unit it is addressed to and, per item, the measure's text and its ack
token.  Used by tests/e2e/groups.sh."""
import email, email.policy, glob, os, re

# A measure's line, then the first ack link after it (its own).
ITEM = re.compile(r"措施：(.*?)\n.*?/ack/([0-9a-f]{32})", re.S)


def digests(maildir, skip=()):
    """[(unit, {measure text: token})] for each mail not in skip (names)."""
    out = []
    for f in sorted(glob.glob(os.path.join(maildir, "new", "*"))):
        if os.path.basename(f) in skip:
            continue
        m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
        unit = re.search(r"】(.*?)：", str(m["Subject"])).group(1)
        body = m.get_body(("plain",)).get_content()
        items = {x.group(1): x.group(2) for x in ITEM.finditer(body)}
        out.append((unit, items, os.path.basename(f)))
    return out
