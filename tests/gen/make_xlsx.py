#!/usr/bin/python3
"""Write workbooks as Excel users make them, with python3-openpyxl, for
the reader tests (tests/unit/test_xlsx.c checks their rows and cells
exactly).  Not the seed: another year, other units, other column names.

usage: make_xlsx.py OUT.xlsx [plan|values|values1904|values-iso]

plan (the default): a first sheet of notes with no task table (the
reader passes it by), then the task sheet: a title row merged across, a
blank row, the header with a 序号 column, section rows merged across,
a task whose 序号 and task cells are merged down over three measures,
序号 written as numbers, a cell with a line break (Alt+Enter), deadlines
as date cells shown as a day, a day of the year and a month, another
blank row and a note under the table.

values: one sheet of every kind of value beside its label (integers,
fractions, a large number, booleans, dates in the formats Chinese Excel
offers, a built-in date format, a time of day), in a workbook with no
task table.  values1904: the same in the 1904 date system (Excel for
Mac), without the day of 1900.  values-iso: the same with dates written
as ISO 8601 text (t="d"), as openpyxl does when asked and as Excel reads.
"""
import datetime
import sys

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils.datetime import CALENDAR_MAC_1904

DAY = 'yyyy"年"m"月"d"日"'
MONTH = 'yyyy"年"m"月"'
MONTH_DAY = 'm"月"d"日"'


def date_cell(ws, ref, value, fmt):
    ws[ref] = value
    ws[ref].number_format = fmt


def plan(wb):
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "填报说明"
    notes["A2"] = "本表由各部门按季度填报。"
    notes["B3"] = True

    ws = wb.create_sheet("任务分工")
    ws["A1"] = "2027年生态环境保护重点工作任务清单"
    ws.merge_cells("A1:E1")
    # Row 2 is left blank.
    for col, h in zip("ABCDE", ["序号", "工作任务", "工作措施", "责任部门", "时间节点"]):
        ws[col + "3"] = h
    ws["A4"] = "一、打好污染防治攻坚战"
    ws.merge_cells("A4:E4")
    ws["A5"] = 1
    ws["B5"] = "大气污染治理"
    ws.merge_cells("A5:A7")
    ws.merge_cells("B5:B7")
    ws["C5"] = "完成燃煤锅炉淘汰改造。"
    ws["D5"] = "大气处牵头，各区县配合"
    date_cell(ws, "E5", datetime.date(2027, 6, 30), DAY)
    ws["C6"] = "开展重点行业挥发性有机物治理；\n建立管理台账。"
    ws["C6"].alignment = Alignment(wrap_text=True)
    ws["D6"] = "大气处"
    ws["E6"] = "年底前"
    ws["C7"] = "加强重污染天气应对。"
    ws["D7"] = "应急中心"
    date_cell(ws, "E7", datetime.date(2027, 9, 30), MONTH_DAY)
    ws["A8"] = "二、推进生态保护修复"
    ws.merge_cells("A8:E8")
    ws["A9"] = 2
    ws["B9"] = "自然保护地监管"
    ws["C9"] = "开展自然保护地人类活动遥感监测。"
    ws["D9"] = "生态处"
    ws["E9"] = "全年"
    ws["A10"] = 3
    ws["B10"] = "生物多样性调查"
    ws["C10"] = "完成县域生物多样性本底调查。"
    ws["D10"] = "生态处、监测站"
    date_cell(ws, "E10", datetime.date(2027, 10, 1), MONTH)
    # Row 11 is left blank.
    ws["A12"] = "注：时间节点为最迟完成时间。"


def values(wb, mac=False):
    ws = wb.active
    ws.title = "数据"
    rows = [
        ("整数", 42, None),
        ("小数", 0.25, None),
        ("负数", -3, None),
        ("大数", 12345678901, None),
        ("真", True, None),
        ("假", False, None),
        ("日期", datetime.date(2027, 3, 15), DAY),
        ("内置日期", datetime.date(2027, 3, 15), "mm-dd-yy"),
        ("年月", datetime.date(2027, 3, 1), MONTH),
        ("月日", datetime.date(2027, 3, 15), MONTH_DAY),
        ("时间", datetime.time(18, 0), "h:mm"),
    ]
    if not mac:
        # After the 1900-02-29 that Excel counts and that never was.
        rows.append(("闰日后", datetime.date(1900, 3, 1), DAY))
    for i, (label, value, fmt) in enumerate(rows, start=1):
        ws.cell(row=i, column=1, value=label)
        c = ws.cell(row=i, column=2, value=value)
        if fmt:
            c.number_format = fmt


def main():
    out = sys.argv[1]
    kind = sys.argv[2] if len(sys.argv) > 2 else "plan"
    wb = openpyxl.Workbook(iso_dates=kind == "values-iso")
    if kind == "values1904":
        wb.epoch = CALENDAR_MAC_1904
    if kind == "plan":
        plan(wb)
    else:
        values(wb, kind == "values1904")
    wb.save(out)


if __name__ == "__main__":
    main()
