#!/usr/bin/python3
"""Write a small work plan as Word writes one, with python3-docx, for the
reader tests (tests/unit/test_docx.c check its rows and cells exactly).
It is not the seed: another year, other units, other column names.

usage: make_docx.py OUT.docx [framed]

framed: the same, but from 附件 to the second table's last row inside
the one cell of a one-column table around them (a layout table, as a
page saved from the web has), and 抄送 after it.

What it holds, in order: a title paragraph with a year, prose, an empty
paragraph, 附件, the table's caption; a table whose header row repeats on
every page (w:tblHeader) with a 序号 column; a section row merged across
the table (w:gridSpan); a task whose 序号 and task cells are merged down
over its two measures (w:vMerge); a measure cell of two paragraphs, one
with a tab and a line break; a tracked change (w:del removed, w:ins
kept); a units cell holding a nested table; a paragraph "（续表）" and a
second table continuing the first, its header repeated again; a row
deleted with Track Changes on; a row that
starts one grid column in (w:gridBefore) and ends one short
(w:gridAfter); a closing paragraph.
"""
import sys

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HEADER = ["序号", "重点任务", "具体措施", "责任单位", "完成时间"]


def repeat_header(row):
    """Mark a row as the header repeated on every page."""
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def new_table(doc):
    """The task table, in the body or in a frame's cell."""
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for i, h in enumerate(HEADER):
        table.rows[0].cells[i].text = h
    repeat_header(table.rows[0])
    return table


def section(table, text):
    r = table.add_row()
    r.cells[0].merge(r.cells[-1]).text = text


def tracked(paragraph, deleted, inserted):
    """A deletion and an insertion as Word records them with Track
    Changes on."""
    for tag, text, ttag in (("w:del", deleted, "w:delText"),
                            ("w:ins", inserted, "w:t")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1" if tag == "w:del" else "2")
        change.set(qn("w:author"), "reviewer")
        run = OxmlElement("w:r")
        t = OxmlElement(ttag)
        t.text = text
        run.append(t)
        change.append(run)
        paragraph._p.append(change)


def delete_row(row):
    """A row deleted with Track Changes on: w:del in its properties, its
    text in w:delText inside w:del."""
    tr = row._tr
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), "3")
    mark.set(qn("w:author"), "reviewer")
    tr.get_or_add_trPr().append(mark)
    for t in tr.iter(qn("w:t")):
        t.tag = qn("w:delText")
        run = t.getparent()
        change = OxmlElement("w:del")
        change.set(qn("w:id"), "4")
        change.set(qn("w:author"), "reviewer")
        run.addprevious(change)
        change.append(run)


def grid_before_after(row):
    """Word's row that starts one grid column in and ends one short: the
    row's first and last cells removed, w:gridBefore and w:gridAfter said
    in its properties."""
    tr = row._tr
    tcs = tr.findall(qn("w:tc"))
    tr.remove(tcs[0])
    tr.remove(tcs[-1])
    trPr = tr.get_or_add_trPr()
    for tag in ("w:gridBefore", "w:gridAfter"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "1")
        trPr.insert(0, el)


def main():
    out = sys.argv[1]
    doc = docx.Document()
    doc.add_paragraph("2027年市场监管工作要点")
    doc.add_paragraph("为做好2027年市场监管工作，现将重点任务分解如下。")
    doc.add_paragraph("")
    body = doc
    if len(sys.argv) > 2 and sys.argv[2] == "framed":
        body = doc.add_table(rows=1, cols=1).cell(0, 0)
        body.paragraphs[0].text = "附件"
    else:
        doc.add_paragraph("附件")
    body.add_paragraph("2027年市场监管重点任务分工表")

    table = new_table(body)
    section(table, "一、优化营商环境")
    first = table.add_row()
    second = table.add_row()
    for c in (0, 1):
        first.cells[c].merge(second.cells[c])
    first.cells[0].text = "1"
    first.cells[1].text = "深化商事制度改革"
    m = first.cells[2]
    m.text = "推行经营范围规范化登记，"
    p = m.add_paragraph("压缩开办时间")
    run = p.add_run()
    run.add_tab()
    run = p.add_run("至1个工作日。")
    run.add_break()
    p.add_run("按月通报进度。")
    first.cells[3].text = "登记注册处牵头，信息中心配合"
    first.cells[4].text = "6月底前"
    second.cells[2].text = "开展企业年报公示工作"
    tracked(second.cells[2].paragraphs[0], "（已取消）", "，抽查比例不低于5%")
    second.cells[3].text = "信用监管处"
    second.cells[4].text = "年底前"

    section(table, "二、守牢安全底线")
    r = table.add_row()
    r.cells[0].text = "2"
    r.cells[1].text = "强化食品安全监管"
    r.cells[2].text = "开展校园食品安全专项检查。"
    units = r.cells[3]
    units.text = "食品安全协调处"
    nested = units.add_table(rows=2, cols=1)
    nested.cell(0, 0).text = "各区县局"
    nested.cell(1, 0).text = "执法稽查局"
    r.cells[4].text = "每学期开学前"

    body.add_paragraph("（续表）")
    table = new_table(body)
    r = table.add_row()
    r.cells[0].text = "3"
    r.cells[1].text = "提升质量基础"
    r.cells[2].text = "完成计量器具强制检定。"
    r.cells[3].text = "计量处"
    r.cells[4].text = "全年"
    r = table.add_row()
    r.cells[0].text = "4"
    r.cells[1].text = "已撤销的任务"
    r.cells[2].text = "此行已删除。"
    delete_row(r)
    r = table.add_row()
    r.cells[2].text = "以上任务按季度报送进展。"
    r.cells[3].text = "办公室"
    grid_before_after(r)
    doc.add_paragraph("抄送：市政府办公室。")
    doc.save(out)


if __name__ == "__main__":
    main()
