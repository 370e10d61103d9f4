#!/usr/bin/python3
"""Write the PDFs tests/e2e/pdf.sh reads, made the way people's tools
make them, beside the Word file they must read as.

usage: make_pdf.py OUTDIR

From one task table (序号, tasks merged down over their measures, sections
across the table, a units cell with a line break of its own, long
measures so that rows break across pages):

  word.docx   the plan as python3-docx writes it: what every PDF below
              must import as
  ruled.pdf   Chromium's print to PDF of an HTML page: 附件, a title, the
              table with borders and its header repeated on every page
              (thead), a note below it, "- N -" at the foot of each page
  bare.pdf    the same page without borders (a table without rules), a
              lone page number at the head of each page
  word.pdf    LibreOffice's PDF of word.docx: the header row repeated
              (w:tblHeader), cells merged across and down, "- N -" in the
              footer, the note right under the table (only with soffice)
  secret.pdf  word.docx saved by LibreOffice with a password to open it
              (only with soffice)
  sheet.pdf   LibreOffice's PDF of sheet.xlsx, the table as python3-openpyxl
              writes it without borders (no padding: a full cell's text
              comes closer to the next cell's than a blank), and lines.pdf
              of lines.xlsx, every row one line (rows as close as a cell's
              lines); each must import as its workbook (only with soffice)
  boxed.pdf   ruled.pdf's page inside a box drawn on every page (a frame
              around the title, the table and the note), sliced.pdf the
              same box sliced by the pages (the first without a bottom,
              the last without a top), and bordered.pdf,
              LibreOffice's PDF of word.docx with a page border (页面边框,
              w:pgBorders; only with soffice), and framed.pdf of
              framed.docx, word.docx's table inside a bordered table of
              one cell (only with soffice): each must import as
              word.docx, the frame read as no table
  scan.pdf    a page that is only a picture (Chromium)
  boxes.pdf   a page of drawn boxes and no text (Chromium)
  mixed.pdf   text, then a page that is only a picture, then text

and the hostile ones, written here byte by byte: notpdf.pdf (a PDF header,
then nothing of one), cut.pdf (ruled.pdf cut short), pages.pdf (2001
pages), chars.pdf (a page of 201,000 characters), huge.pdf (a 200-inch
page holding a ruled table of two rows and two columns).

Exits 77 when chromium is missing (the tests skip then).
"""
import base64
import html
import os
import shutil
import struct
import subprocess
import sys
import zlib

CHROMIUM = "/usr/bin/chromium"
YEAR = 2026
TITLE = "%d年市场监管重点任务分工方案" % YEAR
NOTE = "备注：各牵头单位每季度末报送进展情况。"
HEADER = ["序号", "重点任务", "具体措施", "责任单位", "完成时限"]
SECTIONS = ["一、优化营商环境", "二、守牢安全底线", "三、夯实监管基础"]
UNITS = ["登记注册处", "信用监管处", "食品安全协调处", "执法稽查局", "计量处",
         "质量发展处", "信息中心", "各区县局"]
DEADLINES = ["3月底前", "6月底前", "9月底前", "年底前", "全年", "每季度", "上半年"]
PHRASES = ["制定工作方案", "明确责任分工", "细化时间节点", "建立工作台账",
           "开展专项检查", "按月通报进度", "组织督导评估", "完善长效机制",
           "加强业务培训", "强化信息共享"]
# The cell with a line break of its own, and how it reads.
BROKEN_UNITS = "登记注册处牵头\n信息中心配合"


def table():
    """The table: rows of cells (text, colspan, rowspan), the header
    first; 序号 and task cells span their measures' rows."""
    rows, k, no = [[(h, 1, 1) for h in HEADER]], 0, 0
    for s, section in enumerate(SECTIONS):
        rows.append([(section, len(HEADER), 1)])
        for t in range(4):
            no += 1
            n = 1 + (no * 7) % 3
            for m in range(n):
                k += 1
                measure = "围绕第%d项任务，%s。" % (k, "，".join(
                    PHRASES[(k + j) % len(PHRASES)] for j in range(2 + (k * 5) % 9)))
                units = BROKEN_UNITS if k == 2 else "%s牵头，%s配合" % (
                    UNITS[k % len(UNITS)], UNITS[(k + 3) % len(UNITS)])
                cells = []
                if m == 0:
                    cells = [(str(no), 1, n), ("推进第%d项重点工作" % no, 1, n)]
                rows.append(cells + [(measure, 1, 1), (units, 1, 1),
                                     (DEADLINES[k % len(DEADLINES)], 1, 1)])
    return rows


def html_page(rows, ruled, boxed=False):
    e = lambda s: html.escape(s).replace("\n", "<br>")
    def tr(cells, tag):
        return "<tr>%s</tr>" % "".join(
            "<%s%s%s>%s</%s>" % (tag, ' colspan="%d"' % c if c > 1 else "",
                                 ' rowspan="%d"' % r if r > 1 else "", e(t), tag)
            for t, c, r in cells)
    border = "1px solid #000" if ruled else "none"
    number = ('@bottom-center { content: "- " counter(page) " -"; }' if ruled else
              "@top-center { content: counter(page); }")
    return """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 18mm; %s }
body { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: 11pt; }
h1 { font-size: 16pt; text-align: center; }
table { border-collapse: collapse; width: 100%%; }
td, th { border: %s; padding: 3pt; vertical-align: top; text-align: left; font-weight: normal; }
.box { border: 1.5pt solid #000; padding: 8mm; }
.clone { box-decoration-break: clone; }
</style></head><body><div class="%s">
<p>附件</p><h1>%s</h1>
<table><thead>%s</thead><tbody>
%s
</tbody></table>
<p>%s</p>
</div></body></html>""" % (number, border, {False: "", "clone": "box clone", "slice": "box"}[boxed],
                     e(TITLE), tr(rows[0], "th"),
                     "\n".join(tr(r, "td") for r in rows[1:]), e(NOTE))


def chromium(out, name, page):
    src = os.path.join(out, name + ".html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(page)
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", "--user-data-dir=" + os.path.join(out, "chrome"),
                    "--print-to-pdf=" + os.path.join(out, name + ".pdf"), "file://" + src],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=True)


def write_docx(rows, path, page_border=False, framed=False):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = docx.Document()
    doc.add_paragraph("附件")
    doc.add_paragraph(TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = doc.sections[0].footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    field.append(run)
    foot._p.append(field)
    foot.add_run(" -")
    tbl = doc.add_table(rows=len(rows), cols=len(HEADER))
    tbl.style = "Table Grid"
    header = tbl.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    header.append(el)
    below = {}
    for i, row in enumerate(rows):
        col, it = 0, iter(row)
        while col < len(HEADER):
            if below.get(col, (0, 0))[0] > 0:
                left, top = below[col]
                below[col] = (left - 1, top)
                top.merge(tbl.cell(i, col))
                col += 1
                continue
            text, span, rowspan = next(it)
            cell = tbl.cell(i, col)
            if span > 1:
                cell = cell.merge(tbl.cell(i, col + span - 1))
            lines = text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            if rowspan > 1:
                below[col] = (rowspan - 1, cell)
            col += span
    if framed:
        # The table inside a bordered table of one cell, as some offices
        # frame their annex: the frame's top rule is the table's own.
        frame = doc.add_table(rows=1, cols=1)
        frame.style = "Table Grid"
        tbl._tbl.addprevious(frame._tbl)
        frame.cell(0, 0)._tc.find(qn("w:p")).addprevious(tbl._tbl)
    doc.add_paragraph(NOTE)
    if page_border:
        borders = OxmlElement("w:pgBorders")
        borders.set(qn("w:offsetFrom"), "page")
        for side in ("top", "left", "bottom", "right"):
            el = OxmlElement("w:" + side)
            for k, v in (("val", "single"), ("sz", "12"), ("space", "24"),
                         ("color", "000000")):
                el.set(qn("w:" + k), v)
            borders.append(el)
        doc.sections[0]._sectPr.find(qn("w:pgMar")).addnext(borders)
    doc.save(path)


def write_xlsx(rows, path, short=False):
    """The table as an Excel user keeps it: a title row, no borders (what Excel
    prints by default), cells wrapped at their column's width and each
    row as tall as its lines, as Excel's autofit leaves it; 序号 and
    task cells merged down.  With short, every measure is its first
    clause and no cell breaks its line, so that every row is one line."""
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    widths = [6, 20, 44, 30, 10]
    for col, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + col)].width = w
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.row_dimensions[1].height = 24
    below = {}
    for i, row in enumerate(rows, start=2):
        col, it, lines = 0, iter(row), 1
        while col < len(HEADER):
            if below.get(col, 0) > 0:
                below[col] -= 1
                col += 1
                continue
            text, span, rowspan = next(it)
            if short and col == 2 and i > 2:
                text = text.split("，")[0] + "。"
            if short:
                text = text.replace("\n", "，")
            cell = ws.cell(row=i, column=col + 1, value=text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if span > 1 or rowspan > 1:
                ws.merge_cells(start_row=i, start_column=col + 1,
                               end_row=i + rowspan - 1, end_column=col + span)
            if rowspan > 1:
                below[col] = rowspan - 1
            if span == 1 and rowspan == 1:
                # About 0.6 CJK characters a unit of Excel's widths.
                per = int(widths[col] * 0.6)
                lines = max(lines, sum(-(-len(t) // per) or 1
                                       for t in text.split("\n")))
            col += span
        ws.row_dimensions[i].height = 17 * lines
    wb.save(path)


def soffice(out, name, target="pdf"):
    subprocess.run(["soffice", "--headless", "--norestore",
                    "-env:UserInstallation=file://" + os.path.join(out, "lo"),
                    "--convert-to", target, "--outdir", out, os.path.join(out, name)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)


def png(width, height):
    """A grey picture with dark stripes, as a scanner gives a page."""
    raw = b"".join(b"\0" + bytes((40 if (y // 8) % 2 else 200) for _ in range(width))
                   for y in range(height))
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data +
                                struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def picture_page():
    return '<img src="data:image/png;base64,%s" style="width:160mm">' % (
        base64.b64encode(png(200, 260)).decode())


def raw_pdf(path, pages):
    """A PDF of pages, each (width, height, content stream), in Helvetica:
    only for the hostile files, which no tool would write."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    streams = {}
    kids = []
    for w, h, content in pages:
        if content not in streams:
            objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
            streams[content] = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                    % (w, h, streams[content]))
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def hostile(out):
    with open(os.path.join(out, "notpdf.pdf"), "wb") as f:
        f.write(b"%PDF-1.7\nthis is not really a PDF\n")
    with open(os.path.join(out, "ruled.pdf"), "rb") as f:
        data = f.read()
    with open(os.path.join(out, "cut.pdf"), "wb") as f:
        f.write(data[:len(data) // 3])
    raw_pdf(os.path.join(out, "pages.pdf"),
            [(595, 842, b"BT /F1 12 Tf 72 720 Td (x) Tj ET")] * 2001)
    line = b"(" + b"x" * 1000 + b") Tj 0 -2 Td\n"
    raw_pdf(os.path.join(out, "chars.pdf"),
            [(595, 842, b"BT /F1 1 Tf 10 830 Td\n" + line * 201 + b"ET")])
    # A 200-inch page (14400 points, the most a PDF allows) holding a
    # table of two rows and two columns, rules 8 points wide.
    rules = b"8 w 1000 1000 m 9000 1000 l 1000 5000 m 9000 5000 l 1000 9000 m 9000 9000 l " \
            b"1000 1000 m 1000 9000 l 5000 1000 m 5000 9000 l 9000 1000 m 9000 9000 l S\n"
    text = b"BT /F1 400 Tf 1400 8000 Td (north) Tj 4000 0 Td (east) Tj " \
           b"-4000 -4000 Td (south) Tj 4000 0 Td (west) Tj ET"
    raw_pdf(os.path.join(out, "huge.pdf"), [(14400, 14400, rules + text)])


def main():
    out = sys.argv[1]
    if not os.access(CHROMIUM, os.X_OK):
        print("make_pdf.py: no %s: the PDF tests need it" % CHROMIUM, file=sys.stderr)
        sys.exit(77)
    rows = table()
    write_docx(rows, os.path.join(out, "word.docx"))
    chromium(out, "ruled", html_page(rows, True))
    chromium(out, "bare", html_page(rows, False))
    chromium(out, "boxed", html_page(rows, True, boxed="clone"))
    chromium(out, "sliced", html_page(rows, True, boxed="slice"))
    chromium(out, "scan", "<!DOCTYPE html><body>%s</body>" % picture_page())
    chromium(out, "boxes", "<!DOCTYPE html><body>%s</body>" % "".join(
        '<div style="border:2px solid #000;height:30mm;margin:5mm"></div>' for _ in range(4)))
    chromium(out, "mixed", """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<style>body{font-family:"WenQuanYi Zen Hei"}</style></head><body><p>第一页的文字</p>
<div style="break-before:page">%s</div><p style="break-before:page">第三页的文字</p></body></html>"""
             % picture_page())
    hostile(out)
    if shutil.which("soffice"):
        write_xlsx(rows, os.path.join(out, "sheet.xlsx"))
        write_xlsx(rows, os.path.join(out, "lines.xlsx"), short=True)
        soffice(out, "sheet.xlsx")
        soffice(out, "lines.xlsx")
        soffice(out, "word.docx")
        write_docx(rows, os.path.join(out, "bordered.docx"), page_border=True)
        soffice(out, "bordered.docx")
        write_docx(rows, os.path.join(out, "framed.docx"), framed=True)
        soffice(out, "framed.docx")
        shutil.copy(os.path.join(out, "word.docx"), os.path.join(out, "secret.docx"))
        soffice(out, "secret.docx", 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean",'
                '"value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}')

if __name__ == "__main__":
    main()
