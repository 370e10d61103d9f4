"""Read the ledger's three forms as a supervisor's tools would and check
them against each other (tests/e2e/ledger.sh): the workbook with
openpyxl, the CSV with the csv module, the JSON with json.

  ledger_check.py same XLSX CSV JSON     the three hold the same rows
  ledger_check.py sheet XLSX             frozen header, filter, dates, fills
  ledger_check.py units XLSX CSV DATE [FROM TO]    按单位 matches counts made here
  ledger_check.py scores JSON XLSX       scores --json against 按单位, ordered
  ledger_check.py rows XLSX              "unit<TAB>state<TAB>measure_id"
"""
import csv
import datetime, json, sys

import openpyxl

DATES = ("截止日期", "延期至")
TIMES = ("首次通知", "确认时间", "最新进展日期", "办结时间", "销号时间")
# The fill each state's cell has (RGB, as openpyxl reads it: ARGB).
FILLS = {"已完成": "C6EFCE", "待审核": "FFEB9C", "逾期": "FFC7CE",
         "进行中": "DDEBF7", "已确认": "E2EFDA", "已通知": "FFF2CC",
         "未通知": "EDEDED"}


def width(s):
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in s)


def sheet_rows(path):
    ws = openpyxl.load_workbook(path)["台账"]
    rows = list(ws.iter_rows(values_only=True))
    return [str(h) for h in rows[0]], rows[1:], ws


def as_text(head, value):
    """A workbook value as the CSV writes it."""
    if value is None:
        return ""
    if head in DATES:
        assert isinstance(value, datetime.datetime), (head, value)
        return value.strftime("%Y-%m-%d")
    if head in TIMES:
        assert isinstance(value, datetime.datetime), (head, value)
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    # Times to the minute, as the workbook keeps them (no zone).
    cut = [i for i, h in enumerate(head) if h in TIMES]
    body = [[c[:16] if i in cut else c for i, c in enumerate(r)] for r in rows[1:]]
    return head, body


def same(xlsx, csvf, jsonf):
    head, rows, _ = sheet_rows(xlsx)
    chead, crows = csv_rows(csvf)
    assert head == chead, (head, chead)
    x = [[as_text(h, v) for h, v in zip(head, r)] for r in rows]
    assert x == crows, next((a, b) for a, b in zip(x, crows) if a != b) if len(x) == len(crows) else (len(x), len(crows))
    d = json.load(open(jsonf, encoding="utf-8"))
    assert len(d["rows"]) == len(crows), (len(d["rows"]), len(crows))
    keys = [k for k in d["rows"][0] if k != "state_name"] if d["rows"] else []
    assert len(keys) == len(head), keys
    for r, c in zip(d["rows"], crows):
        j = ["" if r[k] is None else str(r[k]) for k in keys]
        j = [v[:16] if h in TIMES else v for h, v in zip(head, j)]
        assert j == c, (j, c)
    print(len(crows))


def sheet(xlsx):
    head, rows, ws = sheet_rows(xlsx)
    assert ws.freeze_panes == "A2", ws.freeze_panes
    assert ws.auto_filter.ref == "A1:%s%d" % (openpyxl.utils.get_column_letter(len(head)), len(rows) + 1), ws.auto_filter.ref
    st = head.index("状态")
    for i, r in enumerate(rows):
        for h, v in zip(head, r):
            if v is not None and (h in DATES or h in TIMES):
                assert isinstance(v, datetime.datetime), (h, v)
                fmt = ws.cell(i + 2, head.index(h) + 1).number_format
                assert fmt == ("yyyy-mm-dd" if h in DATES else "yyyy-mm-dd hh:mm"), fmt
        fill = ws.cell(i + 2, st + 1).fill.fgColor.rgb
        want = next(v for k, v in FILLS.items() if str(r[st]).startswith(k))
        assert fill == "FF" + want, (r[st], fill)
    # Widths fit the header and the texts, a CJK character counting two
    # (up to 60 characters).
    for k, h in enumerate(head):
        w = ws.column_dimensions[openpyxl.utils.get_column_letter(k + 1)].width
        texts = [str(r[k]) for r in rows if isinstance(r[k], str)] + [h]
        assert w >= min(60, max(width(t) for t in texts)), (h, w)
    print("ok")


def workdays(a, b):
    """Working days after day a up to day b (Monday to Friday: the test's
    configuration has no holiday calendar)."""
    a, b = datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)
    return sum(1 for k in range(1, (b - a).days + 1)
               if (a + datetime.timedelta(k)).weekday() < 5)


def median(v):
    v = sorted(v)
    n = len(v)
    return None if n == 0 else v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def units(xlsx, csvf, day, start="", end=""):
    """按单位 against counts made here from the CSV's rows, of the items
    due in [start, end] (every item when both are empty)."""
    chead, crows = csv_rows(csvf)
    col = {h: i for i, h in enumerate(chead)}
    want, days = {}, {}
    for r in crows:
        u = want.setdefault(r[col["责任单位"]], [0] * 10)
        d = days.setdefault(r[col["责任单位"]], [])
        state, ontime = r[col["状态"]], r[col["是否按期"]]
        due = r[col["延期至"]] or r[col["截止日期"]]	# an extension's date counts
        if (start or end) and not (due and (not start or due >= start) and (not end or due <= end)):
            continue
        u[0] += 1
        done = state == "已完成"	# 待审核 is open until confirmed
        if done and ontime == "是":
            u[1] += 1
        elif done:
            u[2] += 1
        elif state.startswith("逾期"):
            u[3] += 1
        else:
            u[4] += 1
        if due and due <= day:
            u[5] += 1
            u[6] += done and ontime == "是"
        # The first answer to a notice: 已收到, or 已完成 without one.
        answers = [t[:10] for t in (r[col["确认时间"]], r[col["办结时间"]]) if t]
        if r[col["首次通知"]] and answers:
            u[7] += 1
            d.append(workdays(r[col["首次通知"]][:10], min(answers)))
        elif r[col["首次通知"]]:
            u[8] += 1
    ws = openpyxl.load_workbook(xlsx)["按单位"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == ["单位", "事项", "按期完成", "逾期完成", "已逾期",
                             "未完成未逾期", "截至报告日应完成", "按期完成率",
                             "已确认", "未确认", "确认用时中位数(工作日)",
                             "进展应报", "进展按时"], rows[0]
    assert ws.freeze_panes == "A2", ws.freeze_panes
    got = {r[0]: r[1:] for r in rows[1:]}
    assert set(got) == set(want), set(got) ^ set(want)
    answered = 0
    for name, u in want.items():
        g = got[name]
        assert list(g[:6]) == u[:6], (name, g, u)
        rate = None if u[5] == 0 else u[6] / u[5]
        assert (g[6] is None) == (rate is None) and (rate is None or abs(g[6] - rate) < 1e-9), (name, g[6], rate)
        assert list(g[7:9]) == u[7:9], (name, g[7:9], u[7:9])
        assert g[9] == median(days[name]), (name, g[9], days[name])
        answered += u[7]
    assert answered > 0, "no answered item: the median is not tested"
    print(len(want))


def scores(jsonf, xlsx):
    """deadlinectl scores --json: the 按单位 sheet's figures, its units
    the lowest on-time rate first (none due last), then the most overdue,
    then by name."""
    d = json.load(open(jsonf))
    ws = openpyxl.load_workbook(xlsx)["按单位"]
    rows = list(ws.iter_rows(values_only=True))
    keys = ["items", "done_on_time", "done_late", "overdue", "open",
            "due_by_report_date", "on_time_rate", "acknowledged",
            "never_acknowledged", "ack_median_workdays", "reports_due",
            "reports_on_time"]
    sheet = {r[0]: r[1:] for r in rows[1:]}
    assert [u["unit"] for u in d["units"]] and set(u["unit"] for u in d["units"]) == set(sheet)
    for u in d["units"]:
        g = list(sheet[u["unit"]])
        if g[6] is not None:
            g[6] = int(g[6] * 100 + 0.5)
        assert [u[k] for k in keys] == g, (u, g)
    def key(u):
        r = u["on_time_rate"]
        return (r is None, r or 0, -u["overdue"], u["unit"].encode())
    assert d["units"] == sorted(d["units"], key=key), [u["unit"] for u in d["units"]]
    print(len(d["units"]))


def rows(xlsx):
    head, body, _ = sheet_rows(xlsx)
    c = {h: i for i, h in enumerate(head)}
    for r in body:
        print("%s\t%s\t%s\t%s" % (r[c["责任单位"]], r[c["状态"]], r[c["举措编号"]], r[c["所属分组"]] or ""))


if __name__ == "__main__":
    {"same": same, "sheet": sheet, "units": units, "scores": scores,
     "rows": rows}[sys.argv[1]](*sys.argv[2:])
