#!/usr/bin/env bash
# A 40-item digest as a recipient gets it (issue 16): the seed plan's
# first 40 measures, all 知识产权保护处's, due so that on 2021-06-23
# (ongoing = "monthly") four are overdue, four due today, four a week
# away and 28 ongoing ones checked in; deadlined sends them as one mail
# to a real SMTP server (aiosmtpd).  Python's email package reads it:
# its size, both parts holding every item, the check-in wording, and an
# HTML part made of what Outlook and Foxmail keep (no <style>, no
# script, nothing external, only the inline styles they honour, the
# column's width fixed for Outlook).  Headless chromium then lays the
# HTML out at 360 and 1280 px (tests/browser/mail.mjs): no overflow, a
# block an item, none narrower than 200 px, a button each; screenshots
# go to build/artefacts/mail-360.png and mail-1280.png.
. "$(dirname "$0")/../lib.sh"

# A digest of 40 items must stay this small (it was 50,964 bytes before
# the blocks, the same digest in the seven-column table).
MAX_BYTES=48000

start_peer smtp smtp_server.py --maildir "$T/smtp"

# The plan: the seed's own measures, as CSV.  One measure grows a long
# web address, a word no line can break on its own.
"$CTL" --db "$T/seed.db" import "$SEED" >/dev/null
"$CTL" --db "$T/seed.db" export --format csv >"$T/seed.csv"
"$PY" - "$T/seed.csv" >"$T/plan.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["plan", "year", "task_no", "section", "task", "measure", "units", "deadline"])
U = "知识产权保护处"
for i, r in enumerate(rows[:40]):
    units = {0: U + "牵头，法规处配合", 1: "法规处牵头，" + U + "配合"}.get(i % 5, U)
    dl = {3: "6月底前", 6: "6月23日", 9: "6月20日"}.get(i % 10)
    if dl is None:
        dl = r["deadline"] if r["kind"] == "ongoing" else "全年"
    m = r["measure"]
    if i == 5:
        m += "详见 https://www.cnipa.gov.cn/art/2021/6/23/art_2020_0123456789abcdef0123456789abcdef.html"
    out.writerow([r["plan"], r["year"], r["task_no"], r["section"], r["task"], m, units, dl])
PY
cat >"$T/d.conf" <<EOF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "monthly"; };
smtp: { url = "smtp://127.0.0.1:$PORT"; from = "督办提醒 <reminder@example.org>"; starttls = false; timeout = 5; };
http: { public_url = "http://127.0.0.1:8470"; };
admin: { maildir = "$T/admin"; };
units = ( { name = "知识产权保护处"; email = ["bh@example.org"]; } );
EOF
"$CTL" -c "$T/d.conf" import "$T/plan.csv" >/dev/null
status_is "deadlined --once delivers the digest" 0 \
    "$DAEMON" -c "$T/d.conf" --once --now 2021-06-23T10:00:00+08:00
is "one mail" 1 "$(ls "$T/smtp" | grep -c '\.eml$')"
MAIL="$T/smtp/1.eml"
SIZE=$(wc -c <"$MAIL")
echo "# a digest of 40 items: $SIZE bytes"
ok "it is under $MAX_BYTES bytes ($SIZE)" test "$SIZE" -lt "$MAX_BYTES"

SUBJECT="【催办】知识产权保护处：40 项事项（4 项逾期，4 项今天到期，4 项即将到期，28 项需报进展）"
ok "a well-formed mail (tests/mail_check.py): the subject counts the stages" \
    "$PY" "$TOP/tests/mail_check.py" "$MAIL" "$SUBJECT" \
    --text "■ 需报送阶段进展：28 项" --html "需报送阶段进展：28 项" \
    --not-html "<style" --not-html "<script" --not-html "<link" --not-html "<img"

# Both parts, item by item, against the plan; the HTML part for what
# Outlook and Foxmail keep.  The HTML goes to mail.html for the browser.
ok "both parts name every item with its link; the HTML uses only what mail clients keep" \
    "$PY" - "$MAIL" "$T/plan.csv" "$T/mail.html" <<'PY'
import csv, email, email.policy, html, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(("plain",)).get_content().replace("\r\n", "\n")
page = m.get_body(("html",)).get_content()
open(sys.argv[3], "w", encoding="utf-8").write(page)
plan = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert len(plan) == 40
links = re.findall(r"确认链接：(http://127\.0\.0\.1:8470/ack/[0-9a-f]{32})\n", text)
hrefs = re.findall(r'<a href="([^"]*)"', page)
assert len(set(links)) == 40, len(set(links))
assert hrefs == links, "the HTML's buttons are not the text's links, in order"
for r in plan:
    assert "措施：" + r["measure"] + "\n" in text, r["measure"]
    assert html.escape(r["measure"], quote=True) + "<" in page, r["measure"]
    assert "】" + r["task"] + "\n" in text, r["task"]
    assert "任务 %s：%s</b>" % (r["task_no"], html.escape(r["task"])) in page, r["task"]
# Every item's role is the plan's, said by the item or, when all of its
# section's items share it, once by the section's heading.
U = "知识产权保护处"
role = {r["measure"]: "牵头" if r["units"].startswith(U + "牵头") else
        "配合" if r["units"].endswith(U + "配合") else "负责" for r in plan}
def roles(sections):
    said = 0
    for head, items in sections:
        h = re.findall(r"角色：(..)", head)
        said += len(h)
        shared = {role[m] for m, _ in items}
        assert len(h) == (len(shared) == 1 and len(items) > 1), (head, shared)
        for m, own in items:
            r = re.findall(r"角色：(..)", own)
            assert r == ([] if h else [role[m]]), (m, r, h)
            assert not h or h[0] == role[m], (m, h)
            said += len(r)
    return said
sec = [(s.split("\n\n")[0], re.findall(r"措施：(.*)\n((?:.+\n)*)", s))
       for s in text.split("\n■ ")[1:]]
n = roles(sec)
assert n == 31, n  # 28 check-ins' own, the other sections' 3 headings
sec = []
for row in page.split("<tr>")[1:]:
    if "font-size:17px" in row:
        sec.append((row, []))
    elif row.startswith('<td bgcolor="#ffffff">'):
        m = html.unescape(re.match(r'<td bgcolor="#ffffff">([^<]*)', row).group(1))
        sec[-1][1].append((m, row))
assert roles(sec) == n
for p in (text, page):
    assert p.count("计划：2021 年全省知识产权工作任务清单") == 1
# No style sheet, script, form, frame or anything fetched; links only
# to http(s).
bad = re.findall(r"<(style|script|link|img|iframe|form|object|video|svg)\b", page, re.I)
assert not bad, bad
assert not re.search(r"\b(src|background)=|url\(|@import|javascript:", page, re.I)
assert all(h.startswith(("http://", "https://")) for h in hrefs)
# Inline styles only with what Outlook's Word engine and Foxmail keep:
# no flexbox, grid, positioning, floats, classes.
props = {p.split(":")[0].strip() for s in re.findall(r'style="([^"]*)"', page)
         for p in s.split(";") if p.strip()}
allowed = {"margin", "margin-top", "padding", "padding-bottom", "background-color",
           "font-family", "font-size", "line-height", "color", "max-width",
           "word-break", "text-decoration"}
assert props <= allowed, props - allowed
assert " class=" not in page
# max-width is lost on Outlook: there the column is a fixed 640 px table.
assert re.search(r'<!--\[if mso\]><table[^>]* width="640"><tr><td><!\[endif\]-->', page)
assert "<!--[if mso]></td></tr></table><![endif]-->" in page
PY

# The check-ins in words, once for the section that shares them; the
# deadlines of the others with their days.
for s in "完成时限：全年持续（年底 12月31日 截止）" \
         "阶段：请于 6月30日前报送阶段进展（剩余 7 天）" \
         "完成时限：6月20日（截止 2021-06-20）" "阶段：已逾期 3 天" \
         "完成时限：6月底前（截止 2021-06-30）" "阶段：即将到期，剩余 7 天" \
         "阶段：今天到期"; do
    ok "the text says \"$s\" once, in its section's heading" "$PY" -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
t = m.get_body(("plain",)).get_content().replace("\r\n", "\n")
h = m.get_body(("html",)).get_content()
s = sys.argv[2]
assert t.count(s + "\n") == 1, t.count(s + "\n")
assert h.count("<br>" + s + "<") == 1, h.count("<br>" + s + "<")' "$MAIL" "$s"
done
ok "sections go from the most urgent: overdue, due, lead, check-ins" "$PY" -c '
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
t = m.get_body(("plain",)).get_content().replace("\r\n", "\n")
assert re.findall(r"^■ (.*)$", t, re.M) == ["已逾期：4 项", "今天到期：4 项", "即将到期：4 项", "需报送阶段进展：28 项"]' "$MAIL"
unlike "no \"定期进展\" and no \"全年（截止\" in either part" '定期进展|全年（截止' \
    "$("$PY" -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m.get_body(("plain",)).get_content(), m.get_body(("html",)).get_content())' "$MAIL")"

# The browser: its own TAP lines, renumbered into this test's.
ART="$TOP/build/artefacts"
mkdir -p "$ART"
rm -f "$ART/mail-360.png" "$ART/mail-1280.png"
browser_tap 90 mail.mjs "$T/mail.html" 40 "$ART" 催办 "rgb(198, 40, 40)"

done_testing
