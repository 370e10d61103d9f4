#!/usr/bin/python3
"""Render a plan (TSV in deadlinectl's export columns) as the text that
pdftotext extracts from a printed task table, so that the text importer can
be tested on many layouts it has never seen.

The rendering follows what extraction does to such a table: every cell is
wrapped to its column's width (Chinese line-breaking rules: no line starts
with closing punctuation, ASCII words are not split), a row's cells come out
one after the other, a cell's last line and the next cell's first line
sometimes share a line (separated by a space), deadlines are sometimes broken
over two lines, page numbers ("- 8 -") interrupt the table and the first line
of a page starts with a space.  A prose body before the annex repeats the
measures in another form, as real plans do.

usage: render_plan.py PLAN.tsv [--seed N] [--widths T,M,U,D]
                      [--headers A,B,C,D] [--dot .|．] [--single] [--crlf]
"""
import argparse
import csv
import random
import sys
import unicodedata

CLOSING = set("，。、；：？！）》」』”’%")
WIDE_AMBIGUOUS = set("“”‘’—…·")


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" or c in WIDE_AMBIGUOUS
               else 1 for c in s)


def tokens(text):
    """Characters, with runs of ASCII letters and digits kept whole."""
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[j].isascii() and text[j].isalnum():
            j += 1
        if j > i:
            out.append(text[i:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return out


def wrap(text, cols):
    """Greedy wrap to `cols` display columns, Chinese style."""
    lines, cur = [], ""
    for tok in tokens(text):
        if cur and width(cur + tok) > cols and tok not in CLOSING:
            lines.append(cur)
            cur = tok.lstrip(" ")
        else:
            cur += tok
    if cur:
        lines.append(cur)
    return lines


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def render(rows, args):
    rnd = random.Random(args.seed)
    tw, mw, uw, dw = args.widths
    title, year = rows[0]["plan"], rows[0]["year"]
    out = []

    # The prose body: the same work described in paragraphs.
    out.append(" %s 年工作要点" % year)
    out.append("")
    for r in rows[:: max(1, len(rows) // 6)]:
        for line in wrap("——" + r["task"] + "。" + r["measure"], 30):
            out.append(line)
            out.append("")
    out.append(" 附件")
    out.append("")
    out.append(title)
    out.append("")
    out.append(" ".join(args.headers))
    out.append("")

    body = []
    section = task = None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            body.append([section])
        title = []
        if r["task_no"] != task:
            task = r["task_no"]
            title = wrap(task + args.dot + r["task"], tw)
        cells = [title + wrap(r["measure"], mw), wrap(r["units"], uw),
                 wrap(r["deadline"], dw)]
        if len(title) > 1 and rnd.random() < 0.3:
            # The title's last line beside the measure's first.
            cells[0][len(title) - 1:len(title) + 1] = [
                cells[0][len(title) - 1] + " " + cells[0][len(title)]]
        dl = cells[2]
        if len(dl) == 1 and len(dl[0]) >= 4 and rnd.random() < 0.15:
            cells[2] = [dl[0][:-1], dl[0][-1:]]     # "年底前完" "成"
        lines = list(cells[0])
        # A cell's last line may share its line with the next cell's first.
        for cell in cells[1:]:
            if (rnd.random() < 0.3 and not lines[-1][-1].isascii()
                    and not cell[0][0].isascii()):
                lines[-1] += " " + cell[0]
                lines.extend(cell[1:])
            else:
                lines.extend(cell)
        body.append(lines)

    page, count, page_len = 1, 0, rnd.randint(28, 44)
    for block in body:
        for line in block:
            if count >= page_len:
                out.append("")
                out.append("- %d -" % page)
                out.append("")
                page += 1
                count = 0
                line = " " + line
            out.append(line)
            if not args.single:
                out.append("")
            count += 1
    out.append("")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("plan")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--widths", default="14,46,18,8",
                    type=lambda s: [int(x) for x in s.split(",")])
    ap.add_argument("--headers", default="任务清单,落实举措,责任单位,完成时间",
                    type=lambda s: s.split(","))
    ap.add_argument("--dot", default=".")
    ap.add_argument("--single", action="store_true", help="no blank lines between lines")
    ap.add_argument("--crlf", action="store_true")
    args = ap.parse_args()
    lines = render(load(args.plan), args)
    sys.stdout.buffer.write(("\r\n" if args.crlf else "\n").join(lines).encode("utf-8"))


if __name__ == "__main__":
    main()
