#!/usr/bin/python3
"""Write a plan whose numbers Word draws itself (automatic numbering,
w:numPr), with python3-docx: numbers that are on the printed page but
not in the text of document.xml.

usage: make_numbered_docx.py OUT.docx

What it holds: a title; section headings numbered 一、 二、 (a list of
format chineseCounting, w:lvlText "%1、", no tab after it), each before a
table whose 序号 cells are numbered 1 2 3 … by a second list (decimal,
w:lvlText "%1"), the second table's numbering going on from the first's
through another instance of that list; one 序号 cell numbered through a
paragraph style (w:pStyle, the style's own w:numPr); and a paragraph
whose tracked change removed its numbering (its old w:numPr inside
w:pPrChange, which is no number on the page).  Tasks: 1 to 3 under
section 一, 4 and 5 under section 二.
"""
import sys

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

HEADER = ["序号", "重点任务", "责任单位", "完成时限"]
SECTIONS = [
    ("加强制度建设", [("制定年度考核办法。", "办公室", "3月底前"),
                   ("修订督办工作规则。", "法规处", "6月底前"),
                   ("建立台账管理制度。", "办公室", "9月底前")]),
    ("推进重点改革", [("开展专项督查。", "督查室", "年底前"),
                   ("组织业务培训。", "人事处", "11月底前")]),
]

ABSTRACT = """
<w:abstractNum %s w:abstractNumId="%d">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/>
    <w:lvlText w:val="%s"/>%s<w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%%2."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""


def add_lists(doc):
    """Two lists: 一、 for sections, 1 for the 序号 cells (instances 91
    and 92 of it); abstractNums go before every w:num."""
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for aid, fmt, text, suff in ((90, "chineseCounting", "%1、", '<w:suff w:val="nothing"/>'),
                                 (91, "decimal", "%1", "")):
        el = parse_xml(ABSTRACT % (nsdecls("w"), aid, fmt, text, suff))
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)
    for nid, aid in ((90, 90), (91, 91), (92, 91)):
        numbering.append(parse_xml('<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
                                   % (nsdecls("w"), nid, aid)))


def number(paragraph, num_id, ilvl=0):
    """Give a paragraph its own w:numPr."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", ilvl), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(val))
        numpr.append(el)
    ppr.insert(0, numpr)


def main():
    doc = docx.Document()
    add_lists(doc)
    doc.add_paragraph("2026年督查督办重点工作任务清单")
    task = 0
    for s, (section, tasks) in enumerate(SECTIONS):
        number(doc.add_paragraph(section), 90)
        table = doc.add_table(rows=1, cols=len(HEADER))
        table.style = "Table Grid"
        for i, h in enumerate(HEADER):
            table.rows[0].cells[i].text = h
        for k, (text, unit, deadline) in enumerate(tasks):
            task += 1
            cells = table.add_row().cells
            if task == 2:
                # Numbered through its style: List Number is numbered
                # in python3-docx's template, so give the style the
                # 序号 list instead.
                cells[0].paragraphs[0].style = doc.styles["List Number"]
            else:
                number(cells[0].paragraphs[0], 91 if s == 0 else 92)
            cells[1].text = text
            cells[2].text = unit
            cells[3].text = deadline
    style = doc.styles["List Number"].element
    ppr = style.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    numpr = parse_xml('<w:numPr %s><w:numId w:val="91"/></w:numPr>' % nsdecls("w"))
    ppr.insert(0, numpr)
    # A closing paragraph whose numbering a tracked change took away.
    p = doc.add_paragraph("以上任务按季度报送进展。")
    change = parse_xml('<w:pPrChange %s w:id="1" w:author="x" w:date="2026-01-01T00:00:00Z">'
                       '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr>'
                       '</w:pPrChange>' % nsdecls("w"))
    p._p.get_or_add_pPr().append(change)
    doc.save(sys.argv[1])


if __name__ == "__main__":
    main()
