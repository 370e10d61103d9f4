#!/usr/bin/python3
"""Write a plan as the office tools people use would: a Word document
(python3-docx) or an Excel workbook (python3-openpyxl), from a plan given
as JSON (the expected-parse shape of tests/golden: year, tasks with no,
section, title and measures with text, deadline_text and units as
[name, role] pairs).  For the import tests of Word and Excel files.

usage: make_plan.py PLAN.json OUT.docx|OUT.xlsx|OUT.html [--title T] [--seqno]
       [--prose] [--split N] [--paragraphs] [--merge-same] [--row-height PT]
       [--header-fill RRGGBB] [--repeat-header] [--units-sep SEP] [--justify]
       [--distribute] [--center] [--char-grid [N]]

The Word document has a title paragraph (and, with --prose, a page of
prose and an 附件 paragraph before it), one table whose header row repeats
on every page (w:tblHeader), a section row merged across the table, task
cells merged down over their measures (w:vMerge), and with --split N a
second table continuing the first after N measures.  The workbook has a
title row merged across, a blank row, the header, the same merges, and
the deadline of every fifth measure written as a real date cell when it
is one (月D日) — what Excel users do.  The HTML page is for Chromium's
print to PDF: a bordered table, its header repeated on every page, task
cells spanning their measures' rows, rows that break across pages.

With --row-height PT the workbook is laid out for printing: landscape
A4, ruled cells centred, each measure's row PT points high.

With --center (and --row-height) the workbook's cells are centred
across too (居中), as many offices set them.

With --repeat-header the workbook's header row is printed on every page
(print titles), as Word's repeated header rows are.

With --header-fill RRGGBB the header row is filled with that colour and
its text is white (a dark blue header, as spreadsheet styles make).

With --units-sep SEP the names of a units cell are parted by SEP (a
space, an ideographic space, a line break) instead of 、, as some
offices type them.

With --justify the table's text is justified (两端对齐; in a workbook,
with --row-height): LibreOffice spreads a line ending in a typed break
over the cell, and widens a wrapped line's characters or the blanks
between them to reach its end.  With --distribute the table's text is
distributed (分散对齐): every line is spread over its cell, its last
too.

With --char-grid the Word document is set on a character grid (文档网格,
指定行和字符网格, as official templates set one): each Chinese character
takes a cell wider than itself, a run of Latin whole cells; its cells are
the default size and --char-grid N / 4096 points (N: 4096, 1 pt, when not
given; 16384 spreads characters 4 pt apart).

With --merge-same a task's measures that share their units or their
deadline share one cell, merged down over them (w:vMerge, a merged range,
rowspan), as offices draw such tables.

With --paragraphs the Word document and the HTML page hold no table: the
plan is written as offices write one in prose, a notice and 附件 before
its title, each section a paragraph (一、…), each task a heading
（一）…。 and each measure a numbered paragraph ending with its units and
deadline in brackets (（牵头单位：甲；配合单位：乙；完成时限：6月底前）).
"""
import argparse
import datetime
import json
import re
import sys

ROLE_SUFFIX = {"lead": "牵头", "support": "配合", "responsible": ""}
UNITS_SEP = "、"	# between the names of a run (--units-sep)


def units_cell(units):
    """The units cell that reads back as these (name, role) pairs: runs of
    one role, each run a clause of its own (a suffix gives its role to the
    names before it in the clause)."""
    clauses, run, role = [], [], None
    for name, r in units:
        if run and r != role:
            clauses.append(UNITS_SEP.join(run) + ROLE_SUFFIX[role])
            run = []
        run.append(name)
        role = r
    if run:
        clauses.append(UNITS_SEP.join(run) + ROLE_SUFFIX[role])
    return "；".join(clauses)


def rows(plan):
    """(section or None, task, measure) in order, a section when it
    changes."""
    section = None
    for t in plan["tasks"]:
        if t["section"] and t["section"] != section:
            section = t["section"]
            yield ("section", section, None)
        for i, m in enumerate(t["measures"]):
            yield ("measure", t, m if True else i)


def same_as_before(t, i, key):
    """Whether measure i of task t has measure i-1's units cell (key
    "units") or deadline text."""
    if i == 0:
        return False
    ms = t["measures"]
    get = (lambda m: units_cell(m["units"])) if key == "units" else (lambda m: m["deadline_text"])
    return get(ms[i]) == get(ms[i - 1])


def run_length(t, i, key):
    """How many measures from i on share measure i's cell."""
    n = 1
    while i + n < len(t["measures"]) and same_as_before(t, i + n, key):
        n += 1
    return n


HEADER = ["任务清单", "落实举措", "责任单位", "完成时限"]
LABEL = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位"}
CN = "一二三四五六七八九十"


def cn_number(n):
    """1..99 in Chinese numerals."""
    if n <= 10:
        return CN[n - 1]
    return (CN[n // 10 - 1] if n >= 20 else "") + "十" + (CN[n % 10 - 1] if n % 10 else "")


def paragraphs(plan, title):
    """The plan as the paragraphs of a document in prose."""
    out = ["关于印发《%s》的通知" % title, "各有关单位：现将有关工作安排印发给你们，请认真贯彻落实。",
           "附件", title]
    section = None
    for t in plan["tasks"]:
        if t["section"] and t["section"] != section:
            section = t["section"]
            out.append(section)
        out.append("（%s）%s。" % (cn_number(t["no"]), t["title"]))
        for k, m in enumerate(t["measures"], 1):
            runs = []
            for name, role in m["units"]:
                if runs and runs[-1][0] == role:
                    runs[-1][1].append(name)
                else:
                    runs.append((role, [name]))
            note = "；".join("%s：%s" % (LABEL[r], "、".join(ns)) for r, ns in runs)
            out.append("%d.%s（%s；完成时限：%s）" % (k, m["text"], note, m["deadline_text"]))
    return out


def write_paragraphs(plan, out, title):
    if out.endswith(".docx"):
        import docx
        doc = docx.Document()
        for p in paragraphs(plan, title):
            doc.add_paragraph(p)
        doc.save(out)
        return
    import html
    body = "\n".join("<p>%s</p>" % html.escape(p) for p in paragraphs(plan, title))
    open(out, "w", encoding="utf-8").write("""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<style>body{font-family:"WenQuanYi Zen Hei",sans-serif;font-size:12pt;width:14cm}p{margin:4pt 0}</style>
</head><body>
%s
</body></html>""" % body)


def write_docx(plan, out, title, seqno, prose, split, merge_same=False, header_fill=None,
               justify=False, distribute=False, char_grid=0):
    import docx
    from docx.shared import RGBColor
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = docx.Document()
    if prose:
        doc.add_paragraph(title)
        for t in plan["tasks"][:3]:
            doc.add_paragraph("%d. %s。%s" % (t["no"], t["title"], t["measures"][0]["text"]))
        doc.add_page_break()
        doc.add_paragraph("附件")
    doc.add_paragraph(title)
    header = (["序号"] if seqno else []) + HEADER
    off = 1 if seqno else 0

    def new_table():
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for i, h in enumerate(header):
            cell = table.rows[0].cells[i]
            cell.text = h
            if header_fill:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:fill"), header_fill)
                cell._tc.get_or_add_tcPr().append(shd)
                cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(255, 255, 255)
        trPr = table.rows[0]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trPr.append(el)
        return table

    table = new_table()
    count = 0
    task_first = None	# the task's first row, to merge its cell down
    first = {}		# the cell a units or deadline cell merges into
    current = None
    for kind, a, m in rows(plan):
        if kind == "section":
            r = table.add_row()
            r.cells[0].merge(r.cells[-1]).text = a
            task_first = None
            continue
        t = a
        if split and count == split:
            doc.add_paragraph("（续表）")
            table = new_table()
            task_first = None
        r = table.add_row()
        count += 1
        if current is not t or task_first is None:
            current, task_first = t, r
            if seqno:
                r.cells[0].text = str(t["no"])
                r.cells[off].text = t["title"]
            else:
                r.cells[off].text = "%d.%s" % (t["no"], t["title"])
        else:
            for c in range(off + 1):
                task_first.cells[c].merge(r.cells[c])
        # A long measure in two paragraphs of its cell.
        text = m["text"]
        cell = r.cells[off + 1]
        cut = text.find("，", len(text) // 2)
        if len(text) > 60 and cut > 0:
            cell.text = text[:cut + 1]
            cell.add_paragraph(text[cut + 1:])
        else:
            cell.text = text
        i = t["measures"].index(m)
        for c, key, text in ((off + 2, "units", units_cell(m["units"])),
                             (off + 3, "deadline", m["deadline_text"])):
            if merge_same and task_first is not r and same_as_before(t, i, key):
                first[c] = first[c].merge(r.cells[c])
                first[c].text = text
            else:
                first[c] = r.cells[c]
                first[c].text = text
    if justify or distribute:	# 两端对齐, as many offices' templates set their text
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        for tb in doc.tables:
            for row in tb.rows:
                for cell in row.cells:
                    for para in cell.paragraphs:
                        para.alignment = (WD_ALIGN_PARAGRAPH.DISTRIBUTE if distribute
                                          else WD_ALIGN_PARAGRAPH.JUSTIFY)
    if char_grid:	# cells of the default size and char_grid / 4096 pt
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        sect = doc.sections[0]._sectPr
        for old in sect.findall(qn("w:docGrid")):
            sect.remove(old)
        grid = OxmlElement("w:docGrid")
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), "579")
        grid.set(qn("w:charSpace"), str(char_grid))
        sect.append(grid)
    doc.save(out)


def write_xlsx(plan, out, title, seqno, merge_same=False, row_height=0, header_fill=None,
               repeat_header=False, justify=False, distribute=False, center=False):
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    header = (["序号"] if seqno else []) + HEADER
    off = 1 if seqno else 0
    width = len(header)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append([])
    ws.append(header)
    if header_fill:
        for c in ws[ws.max_row]:
            c.fill = PatternFill("solid", fgColor=header_fill)
            c.font = Font(color="FFFFFF", bold=True)
    current, first = None, None
    n = 0
    for kind, a, m in rows(plan):
        row = ws.max_row + 1
        if kind == "section":
            ws.cell(row=row, column=1, value=a)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            current = None
            continue
        t = a
        n += 1
        if current is not t:
            current, first = t, row
            if seqno:
                ws.cell(row=row, column=1, value=t["no"])	# a number cell
                ws.cell(row=row, column=2, value=t["title"])
            else:
                ws.cell(row=row, column=1, value="%d.%s" % (t["no"], t["title"]))
        else:
            for c in range(1, off + 2):
                ws.merge_cells(start_row=first, start_column=c, end_row=row, end_column=c)
        ws.cell(row=row, column=off + 2, value=m["text"])
        i = t["measures"].index(m)
        if merge_same and first != row and same_as_before(t, i, "units"):
            ws.merge_cells(start_row=units_from, start_column=off + 3, end_row=row, end_column=off + 3)
        else:
            units_from = row
            ws.cell(row=row, column=off + 3, value=units_cell(m["units"]))
        if merge_same and first != row and same_as_before(t, i, "deadline"):
            ws.merge_cells(start_row=deadline_from, start_column=off + 4, end_row=row, end_column=off + 4)
            continue
        deadline_from = row
        dl = m["deadline_text"]
        day = re.fullmatch(r"(\d+)月(\d+)日", dl)
        if day and n % 5 == 0 and plan.get("year"):
            c = ws.cell(row=row, column=off + 4,
                        value=datetime.date(plan["year"], int(day.group(1)), int(day.group(2))))
            c.number_format = "yyyy\"年\"m\"月\"d\"日\""
        else:
            ws.cell(row=row, column=off + 4, value=dl)
    if row_height:
        # Tall ruled rows on landscape pages, cells centred: what a
        # sheet meant for printing looks like (a task's merged cell may
        # then start on one page's last row and go on to the next).
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        line = Side(style="thin", color="000000")
        for c, w in zip("ABCDE", [5, 14, 40, 24, 12][1 - off:]):
            ws.column_dimensions[c].width = w
        for r in range(3, ws.max_row + 1):
            if ws.cell(row=r, column=off + 2).value and r > 3:
                ws.row_dimensions[r].height = row_height
            for c in range(1, width + 1):
                ws.cell(row=r, column=c).border = Border(left=line, right=line, top=line, bottom=line)
                ws.cell(row=r, column=c).alignment = Alignment(
                    wrap_text=True, vertical="center",
                    horizontal="distributed" if distribute else "justify" if justify
                    else "center" if center else None)
    if repeat_header:
        ws.print_title_rows = "3:3"
    wb.save(out)


def write_html(plan, out, title, seqno, merge_same=False, header_fill=None, justify=False,
               distribute=False):
    """A page to print with Chromium: a bordered table whose header
    repeats on every page (thead), sections across it (colspan) and task
    cells over their measures (rowspan)."""
    import html

    def e(text):	# a line break typed in a cell: <br>
        return html.escape(text).replace("\n", "<br>")
    header = (["序号"] if seqno else []) + HEADER
    body, section = [], None
    for t in plan["tasks"]:
        if t["section"] and t["section"] != section:
            section = t["section"]
            body.append('<tr><td colspan="%d">%s</td></tr>' % (len(header), e(section)))
        for i, m in enumerate(t["measures"]):
            cells = []
            if i == 0:
                span = ' rowspan="%d"' % len(t["measures"])
                if seqno:
                    cells.append("<td%s>%d</td><td%s>%s</td>" % (span, t["no"], span, e(t["title"])))
                else:
                    cells.append("<td%s>%d.%s</td>" % (span, t["no"], e(t["title"])))
            cells.append("<td>%s</td>" % e(m["text"]))
            for key, text in (("units", units_cell(m["units"])), ("deadline", m["deadline_text"])):
                if not merge_same:
                    cells.append("<td>%s</td>" % e(text))
                elif not same_as_before(t, i, key):
                    cells.append('<td rowspan="%d">%s</td>' % (run_length(t, i, key), e(text)))
            body.append("<tr>%s</tr>" % "".join(cells))
    fill = ("th{background:#%s;color:#fff;print-color-adjust:exact}" % header_fill
            if header_fill else "")
    align = ("td{text-align:justify;text-align-last:justify}" if distribute
             else "td{text-align:justify}" if justify else "")
    doc = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<style>body{font-family:"WenQuanYi Zen Hei",sans-serif;font-size:11pt}
table{border-collapse:collapse;width:100%%}td,th{border:1px solid #000;padding:3pt;vertical-align:top}
h1{font-size:16pt;text-align:center}%s%s</style></head><body>
<p>附件</p><h1>%s</h1><table><thead><tr>%s</tr></thead><tbody>
%s
</tbody></table></body></html>""" % (fill, align, e(title), "".join("<th>%s</th>" % h for h in header), "\n".join(body))
    open(out, "w", encoding="utf-8").write(doc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("plan")
    ap.add_argument("out")
    ap.add_argument("--title", default=None)
    ap.add_argument("--seqno", action="store_true")
    ap.add_argument("--prose", action="store_true")
    ap.add_argument("--split", type=int, default=0)
    ap.add_argument("--paragraphs", action="store_true")
    ap.add_argument("--merge-same", action="store_true")
    ap.add_argument("--row-height", type=float, default=0)
    ap.add_argument("--header-fill", default=None)
    ap.add_argument("--repeat-header", action="store_true")
    ap.add_argument("--units-sep", default="、")
    ap.add_argument("--justify", action="store_true")
    ap.add_argument("--distribute", action="store_true")
    ap.add_argument("--center", action="store_true")
    ap.add_argument("--char-grid", type=int, nargs="?", const=4096, default=0)
    a = ap.parse_args()
    global UNITS_SEP
    UNITS_SEP = a.units_sep
    plan = json.load(open(a.plan, encoding="utf-8"))
    title = a.title or plan.get("title") or "%d 年工作任务清单" % plan["year"]
    if a.paragraphs:
        write_paragraphs(plan, a.out, title)
    elif a.out.endswith(".docx"):
        write_docx(plan, a.out, title, a.seqno, a.prose, a.split, a.merge_same, a.header_fill,
                   a.justify, a.distribute, a.char_grid)
    elif a.out.endswith(".xlsx"):
        write_xlsx(plan, a.out, title, a.seqno, a.merge_same, a.row_height, a.header_fill,
                   a.repeat_header, a.justify, a.distribute, a.center)
    elif a.out.endswith(".html"):
        write_html(plan, a.out, title, a.seqno, a.merge_same, a.header_fill, a.justify,
                   a.distribute)
    else:
        sys.exit("make_plan.py: OUT must end in .docx or .xlsx")


if __name__ == "__main__":
    main()
