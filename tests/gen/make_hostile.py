#!/usr/bin/python3
"""Write the hostile Word and Excel files the reader tests refuse
(tests/unit/test_docx.c, test_xlsx.c).  Where an office tool can make the
file (a huge cell) python3-docx or python3-openpyxl makes it; the rest
are what no office tool writes, made with zipfile: that is the point.

usage: make_hostile.py DIR

bomb.docx      a member of 80 MiB of spaces deflated to a few dozen KiB
forged.docx    the same, its headers declaring 4 KiB (the bytes really
               inflated must be counted)
entries.docx   10001 members
lol.docx       a DOCTYPE of nested entities (billion laughs)
xxe.docx       a DOCTYPE with an external entity to /etc/passwd
xxe16.docx     the same in UTF-16 (no "<!DOCTYPE" bytes to find)
deep.docx      tables nested 5000 deep
huge.docx      a cell of 1,500,000 characters, 4.5 MB (python3-docx)
cut.docx       a real document cut in half
other.zip      a ZIP of a text file
malformed.docx a document.xml that stops inside a paragraph
bomb.xlsx      a sheet of 80 MiB of spaces
strings.xlsx   one 60 KiB shared string shown in 2000 cells
huge.xlsx      a cell of 1,500,000 characters, 4.5 MB, written into the sheet
               (Excel stops at 32,767 and python3-openpyxl cuts there)
sparse.xlsx    a header, a cell at XFD1048576 and a merged area to it
lol.xlsx       a DOCTYPE of nested entities in the workbook part
"""
import os
import struct
import sys
import zipfile

import docx
import openpyxl

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BIG = 80 << 20


def word(path, document, members=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        for name, data in members:
            z.writestr(name, data)


def body(inner, prolog='<?xml version="1.0" encoding="UTF-8"?>'):
    return ('%s<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>'
            % (prolog, W, inner))


def lol(root):
    return ('<?xml version="1.0"?><!DOCTYPE %s [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' % root)


def xxe(encoding):
    return ('<?xml version="1.0" encoding="%s"?><!DOCTYPE w:document '
            '[<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="%s">'
            "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
            % (encoding, W))


def forge(path, member, size):
    """Make the local and central headers of member declare size bytes
    inflated (what a crafted bomb does to pass a check of the header)."""
    data = bytearray(open(path, "rb").read())
    name = member.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + n] == name:
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n] == name:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    open(path, "wb").write(bytes(data))


def replace_member(path, member, data):
    """Rewrite one member of an archive an office tool wrote."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, old in members:
            z.writestr(name, data if name == member else old)
        if member not in [m[0] for m in members]:
            z.writestr(member, data)


def workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["任务", "措施", "单位", "时间"])
    wb.save(path)


def long_text():
    """1,500,000 Chinese characters, 4.5 MB, varied so that they do not
    compress like a bomb."""
    return "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1500000))


def main():
    d = sys.argv[1]
    p = lambda name: os.path.join(d, name)

    bomb = body(" " * BIG)
    word(p("bomb.docx"), bomb)
    word(p("forged.docx"), bomb)
    forge(p("forged.docx"), "word/document.xml", 4096)
    word(p("entries.docx"), body(""), [("media/%d.txt" % i, "") for i in range(10000)])
    word(p("lol.docx"), body("<w:p><w:r><w:t>&d;</w:t></w:r></w:p>", lol("w:document")))
    word(p("xxe.docx"), xxe("UTF-8"))
    word(p("xxe16.docx"), xxe("UTF-16").encode("utf-16"))
    word(p("deep.docx"), body("<w:tbl>" * 5000 + "</w:tbl>" * 5000))
    word(p("malformed.docx"), body("<w:p><w:r><w:t>任务</w:t></w:r>")[:-len("</w:body></w:document>")])

    doc = docx.Document()
    doc.add_paragraph("2027年工作要点")
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "措施"
    t.cell(0, 1).text = long_text()
    doc.save(p("huge.docx"))
    data = open(p("huge.docx"), "rb").read()
    open(p("cut.docx"), "wb").write(data[:len(data) // 2])
    with zipfile.ZipFile(p("other.zip"), "w") as z:
        z.writestr("readme.txt", "hello")

    workbook(p("bomb.xlsx"))
    replace_member(p("bomb.xlsx"), "xl/worksheets/sheet1.xml",
                   '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>'
                   % (S, " " * BIG))
    workbook(p("strings.xlsx"))
    cells = "".join('<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (i, i)
                    for i in range(1, 2001))
    replace_member(p("strings.xlsx"), "xl/worksheets/sheet1.xml",
                   '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>'
                   % (S, cells))
    replace_member(p("strings.xlsx"), "xl/sharedStrings.xml",
                   '<sst xmlns="%s"><si><t>%s</t></si></sst>' % (S, "任" * 20000))

    workbook(p("huge.xlsx"))
    replace_member(p("huge.xlsx"), "xl/worksheets/sheet1.xml",
                   '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                   '<is><t>任务</t></is></c></row><row r="2"><c r="B2" t="inlineStr">'
                   '<is><t>%s</t></is></c></row></sheetData></worksheet>' % (S, long_text()))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["任务", "措施", "单位", "时间"])
    ws["XFD1048576"] = "远处"
    wb.save(p("sparse.xlsx"))
    with zipfile.ZipFile(p("sparse.xlsx")) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    sheet = sheet.replace("</sheetData>", '</sheetData><mergeCells count="1">'
                          '<mergeCell ref="A2:XFD1048576"/></mergeCells>')
    replace_member(p("sparse.xlsx"), "xl/worksheets/sheet1.xml", sheet)

    workbook(p("lol.xlsx"))
    with zipfile.ZipFile(p("lol.xlsx")) as z:
        wbxml = z.read("xl/workbook.xml").decode()
    wbxml = wbxml[wbxml.index("<workbook"):]
    replace_member(p("lol.xlsx"), "xl/workbook.xml", lol("workbook") + wbxml)


if __name__ == "__main__":
    main()
