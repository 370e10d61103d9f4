#!/usr/bin/env bash
# Word and Excel plans (issue 14), made by the tools offices use: the
# generator tests/gen/make_plan.py writes them with python3-docx and
# python3-openpyxl (header rows repeated on every page, sections merged
# across, task cells merged down, a 序号 column, a table continued in a
# second one, a title row, a date cell).  Each is imported and exported
# again, and must give the plan exactly; then the hostile files.
. "$(dirname "$0")/../lib.sh"

GEN="$TOP/tests/gen/make_plan.py"
GOLD="$TOP/tests/golden/2021-shandong-ip-workplan.expected.json"
TITLE="2021 年全省知识产权工作任务清单"


"$PY" "$GEN" "$GOLD" "$T/seed.docx" --title "$TITLE" --prose --split 40
"$PY" "$GEN" "$GOLD" "$T/seed.xlsx" --title "$TITLE" --seqno
"$PY" "$GEN" "$GOLD" "$T/seed2.docx" --title "$TITLE" --seqno
"$PY" "$GEN" "$GOLD" "$T/seed2.xlsx" --title "$TITLE"
plan_roundtrip "the seed as Word (prose, 附件, a table continued)" "$T/seed.docx" "$GOLD" quiet
plan_roundtrip "the seed as Word (a 序号 column)" "$T/seed2.docx" "$GOLD" quiet
plan_roundtrip "the seed as Excel (title row, 序号 numbers)" "$T/seed.xlsx" "$GOLD" quiet
plan_roundtrip "the seed as Excel (numbers in the task cells)" "$T/seed2.xlsx" "$GOLD" quiet
# A task's measures that share units or a deadline share one cell,
# merged down over them (11 units and 46 deadline cells in the seed):
# each measure below the first has the cell's text, and no warning.
"$PY" "$GEN" "$GOLD" "$T/merged.docx" --title "$TITLE" --seqno --merge-same
"$PY" "$GEN" "$GOLD" "$T/merged.xlsx" --title "$TITLE" --seqno --merge-same
plan_roundtrip "the seed as Word, units and deadlines merged down (w:vMerge)" "$T/merged.docx" "$GOLD" quiet
plan_roundtrip "the seed as Excel, units and deadlines merged down" "$T/merged.xlsx" "$GOLD" quiet
is "the title comes from the document" "$TITLE" \
    "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["title"])' "$T/rt.json")"

# The same plan from another format keeps every measure's id (a units
# cell written another way updates the measure in place).
ids() { "$CTL" --db "$T/same.db" export --format json | "$PY" -c '
import json,sys
print(" ".join(str(m["id"]) for t in json.load(sys.stdin)["tasks"] for m in t["measures"]))'; }
"$CTL" --db "$T/same.db" import "$SEED" >/dev/null
before=$(ids)
like "Word after text: no measure added or retired" '85 measures; 0 added, [0-9]+ updated, [0-9]+ unchanged, 0 retired' \
    "$("$CTL" --db "$T/same.db" import "$T/seed.docx")"
is "and every measure keeps its id" "$before" "$(ids)"
like "Excel after Word: the same" '85 measures; 0 added, [0-9]+ updated, [0-9]+ unchanged, 0 retired' \
    "$("$CTL" --db "$T/same.db" import "$T/seed.xlsx")"
is "ids again unchanged" "$before" "$(ids)"

# A plan nobody has seen: other units, roles and deadline forms.
"$PY" "$TOP/tests/gen/unseen_plan.py" "$T/unseen.json" 12
"$PY" "$GEN" "$T/unseen.json" "$T/unseen.docx" --seqno --split 9
"$PY" "$GEN" "$T/unseen.json" "$T/unseen.xlsx"
plan_roundtrip "an unseen plan as Word" "$T/unseen.docx" "$T/unseen.json" quiet
plan_roundtrip "an unseen plan as Excel" "$T/unseen.xlsx" "$T/unseen.json" quiet
# The same written in prose, no table: a notice and 附件 above its
# title, sections, headings （一）… and numbered measures whose units and
# deadlines stand in brackets at their ends.
"$PY" "$GEN" "$T/unseen.json" "$T/paras.docx" --paragraphs
plan_roundtrip "an unseen plan in paragraphs, as Word" "$T/paras.docx" "$T/unseen.json" quiet

# Lead and support units in columns of their own (牵头单位, 配合单位),
# as many offices lay a table out, in Word and in Excel: each unit takes
# its column's role, a group its members', and a cell marking its own
# role keeps it.
"$PY" - "$T/roles.docx" "$T/roles.xlsx" <<'PY'
import docx, openpyxl, sys
head = ["序号", "工作任务", "具体措施", "牵头单位", "配合单位", "完成时间"]
rows = [["1", "强化保护", "开展专项执法行动。", "知识产权保护处", "各市市场监督管理局", "6月30日之前"],
        ["2", "优化服务", "推进登记便利化。", "办公室、法规处", "知识产权运用促进处；财务处", "2026.9.30"],
        ["3", "加强监管", "开展质量抽查。", "质量监督处", "", "今年底"],
        ["4", "宣传培训", "组织业务培训。", "人事处", "法规处（牵头）", "年底前"]]
d = docx.Document(); d.add_paragraph("2026年市场监管工作要点任务分工")
t = d.add_table(rows=0, cols=len(head)); t.style = "Table Grid"
for r in [head] + rows:
    for c, v in zip(t.add_row().cells, r): c.text = v
d.save(sys.argv[1])
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "分工"
ws.append(["2026年市场监管工作要点任务分工"]); ws.append(head)
for r in rows: ws.append([int(r[0])] + r[1:])
wb.save(sys.argv[2])
# The same under a two-row header: 责任单位 spanning 牵头单位 and 配合单位,
# the other names merged down.
d = docx.Document(); d.add_paragraph("2026年市场监管工作要点任务分工")
t = d.add_table(rows=2, cols=len(head)); t.style = "Table Grid"
for i, v in enumerate(head):
    t.cell(1 if i in (3, 4) else 0, i).text = v
for i in (0, 1, 2, 5):
    t.cell(0, i).merge(t.cell(1, i))
t.cell(0, 3).merge(t.cell(0, 4)).text = "责任单位"
for r in rows:
    for c, v in zip(t.add_row().cells, r): c.text = v
d.save(sys.argv[1].replace("roles", "roles2"))
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年市场监管工作要点任务分工"])
ws.append(head[:3] + ["责任单位", None, head[5]])
ws.append([None] * 3 + head[3:5] + [None])
for m in ("A2:A3", "B2:B3", "C2:C3", "F2:F3", "D2:E2"): ws.merge_cells(m)
for r in rows: ws.append([int(r[0])] + r[1:])
wb.save(sys.argv[2].replace("roles", "roles2"))
# Again under 责任分工, a name no column has, with the persons answerable
# and remarks beside (left out quietly), both header rows repeated on
# every page (w:tblHeader on each, as Word marks them).
d = docx.Document(); d.add_paragraph("2026年市场监管工作要点任务分工")
t = d.add_table(rows=2, cols=len(head) + 2); t.style = "Table Grid"
for i, v in enumerate(head + ["责任人", "备注"]):
    t.cell(1 if i in (3, 4) else 0, i).text = v
for i in (0, 1, 2, 5, 6, 7):
    t.cell(0, i).merge(t.cell(1, i))
t.cell(0, 3).merge(t.cell(0, 4)).text = "责任分工"
from docx.oxml import OxmlElement
for row in t.rows:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
for r in rows:
    for c, v in zip(t.add_row().cells, r + ["张三", ""]): c.text = v
d.save(sys.argv[1].replace("roles", "roles3"))
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年市场监管工作要点任务分工"])
ws.append(head[:3] + ["责任分工", None, head[5], "进展情况"])
ws.append([None] * 3 + head[3:5] + [None, None])
for m in ("A2:A3", "B2:B3", "C2:C3", "F2:F3", "G2:G3", "D2:E2"): ws.merge_cells(m)
for r in rows: ws.append([int(r[0])] + r[1:] + ["已启动"])
wb.save(sys.argv[2].replace("roles", "roles3"))
# 时间安排 spanning when each measure starts and when it is due (启动时间
# | 完成时间): the deadline is the latter's.
times = head[:5] + ["启动时间", "完成时间"]
d = docx.Document(); d.add_paragraph("2026年市场监管工作要点任务分工")
t = d.add_table(rows=2, cols=len(times)); t.style = "Table Grid"
for i, v in enumerate(times):
    t.cell(1 if i in (5, 6) else 0, i).text = v
for i in range(5):
    t.cell(0, i).merge(t.cell(1, i))
t.cell(0, 5).merge(t.cell(0, 6)).text = "时间安排"
for r in rows:
    for c, v in zip(t.add_row().cells, r[:5] + ["3月", r[5]]): c.text = v
d.save(sys.argv[1].replace("roles", "roles4"))
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年市场监管工作要点任务分工"])
ws.append(times[:5] + ["时间安排", None])
ws.append([None] * 5 + times[5:])
for m in ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2"): ws.merge_cells(m)
for r in rows: ws.append([int(r[0])] + r[1:5] + ["3月", r[5]])
wb.save(sys.argv[2].replace("roles", "roles4"))
# A column no task table has (工作目标): its text would be left out.
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "分工"
ws.append(head[:2] + ["工作目标"] + head[2:])
for r in rows: ws.append([int(r[0]), r[1], "目标"] + r[2:])
wb.save(sys.argv[2].replace("roles", "goal"))
# Columns named by their shape only (承担牵头单位, 协助单位, 实施时间).
shaped = head[:3] + ["承担牵头单位", "协助单位", "实施时间"]
d = docx.Document(); d.add_paragraph("2026年市场监管工作要点任务分工")
t = d.add_table(rows=0, cols=len(head)); t.style = "Table Grid"
for r in [shaped] + rows:
    for c, v in zip(t.add_row().cells, r): c.text = v
d.save(sys.argv[1].replace("roles", "shaped"))
# In Excel behind a cover sheet: the sheet is found by those names too.
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "封面"
ws.append(["2026年市场监管工作要点任务分工"]); ws = wb.create_sheet("分工")
ws.append(shaped)
for r in rows: ws.append([int(r[0])] + r[1:])
wb.save(sys.argv[2].replace("roles", "shaped"))
PY
want="2026-06-30 知识产权保护处:lead 各市市场监督管理局:support
2026-09-30 办公室:lead 法规处:lead 知识产权运用促进处:support 财务处:support
2026-12-31 质量监督处:lead
2026-12-31 人事处:lead 法规处:lead"
for f in roles.docx roles.xlsx roles2.docx roles2.xlsx roles3.docx roles3.xlsx roles4.docx roles4.xlsx; do
    out=$("$CTL" --db "$T/$f.db" import "$T/$f" --year 2026 2>&1)
    like "$f: 4 measures, no warning" '4 measures;.* 0 warnings' "$out"
    is "$f: each unit with its column's role" "$want" "$(plan_roles "$T/$f.db")"
done
out=$("$CTL" --db "$T/goal.db" import "$T/goal.xlsx" --year 2026 2>&1)
like "an unread column is warned about at its cell" \
    'goal.xlsx:分工!C1: warning: column "工作目标" is not read' "$out"
like "the rest is read" '4 measures;.* 1 warnings' "$out"
out=$("$CTL" --db "$T/goal2.db" import "$T/goal.xlsx" --year 2026 --strict 2>&1); rc=$?
is "--strict refuses a table whose column is not read (exit 65)" 65 "$rc"
for f in shaped.docx shaped.xlsx; do
    out=$("$CTL" --db "$T/$f.db" import "$T/$f" --year 2026 2>&1)
    like "$f: columns named by their shape are read, each warned about" \
        '4 measures;.* 3 warnings' "$out"
    is "$f: each unit with its column's role" "$want" "$(plan_roles "$T/$f.db")"
done
like "the warning names the column's cell and what it is read as" \
    'shaped.xlsx:分工!F1: warning: column "实施时间" is read as 完成时限' "$out"
"$CTL" --db "$T/shaped2.db" import "$T/shaped.xlsx" --year 2026 --strict \
    >/dev/null 2>&1; rc=$?
is "--strict refuses columns named by their shape (exit 65)" 65 "$rc"

# A 序号 that numbers rows, not tasks: tasks merged down over their
# measures (Word, Excel) or written again on every row (Excel).  Each
# task is one, numbered in order.
"$PY" - "$T/rows.docx" "$T/rows.xlsx" "$T/rows2.xlsx" <<'PY'
import docx, openpyxl, sys
head = ["序号", "重点任务", "工作举措", "责任单位", "完成时限"]
rows = [["1", "加强保护", "开展专项行动。", "保护处", "6月底前"],
        ["2", "加强保护", "建立协作机制。", "法规处", "9月底前"],
        ["3", "加强保护", "完善监测网络。", "办公室", "年底前"],
        ["4", "优化服务", "推进便利化。", "财务处", "年底前"],
        ["5", "强化运用", "培育示范企业。", "运用处", "10月底前"],
        ["6", "强化运用", "开展质押融资。", "运用处", "11月底前"]]
spans = [(1, 3), (5, 6)]
d = docx.Document(); d.add_paragraph("2026年工作要点任务分工")
t = d.add_table(rows=1 + len(rows), cols=len(head)); t.style = "Table Grid"
for i, v in enumerate(head): t.cell(0, i).text = v
for r, row in enumerate(rows, 1):
    for i, v in enumerate(row):
        if i != 1 or not any(a < r <= b for a, b in spans): t.cell(r, i).text = v
for a, b in spans: t.cell(a, 1).merge(t.cell(b, 1))
d.save(sys.argv[1])
for path, merged in ((sys.argv[2], True), (sys.argv[3], False)):
    wb = openpyxl.Workbook(); ws = wb.active
    ws.append(head)
    for r, row in enumerate(rows, 1):
        keep = not merged or not any(a < r <= b for a, b in spans)
        ws.append([int(row[0]), row[1] if keep else None] + row[2:])
    if merged:
        for a, b in spans: ws.merge_cells(start_row=a + 1, start_column=2, end_row=b + 1, end_column=2)
    wb.save(path)
PY
want="1 加强保护 3
2 优化服务 1
3 强化运用 2"
for f in rows.docx rows.xlsx rows2.xlsx; do
    out=$("$CTL" --db "$T/$f.db" import "$T/$f" --year 2026 2>&1)
    like "$f: 3 tasks, 6 measures, no warning" '3 tasks, 6 measures;.* 0 warnings' "$out"
    is "$f: tasks numbered in order, each with its measures" "$want" \
        "$("$CTL" --db "$T/$f.db" export --format tsv | awk -F'\t' 'NR > 1 { n[$3] = $5; c[$3]++ } END { for (k in n) print k, n[k], c[k] }' | sort -n)"
done

# No measure column: 序号 | 工作任务 | 责任单位 | 完成时间 | 备注, sections
# merged across the table (Word) or alone in their row (Excel): the task
# column holds what is done, each row a task of its own.
"$PY" - "$T/tasks.docx" "$T/tasks.xlsx" <<'PY'
import docx, openpyxl, sys
rows = [["序号", "工作任务", "责任单位", "完成时间", "备注"],
        ["一、强化责任落实"],
        ["1", "制定年度安全生产考核办法。", "市应急局（牵头），市委组织部", "3月底前", ""],
        ["2", "开展安全生产大检查。", "市应急局、各区县政府", "持续开展", ""],
        ["二、深化专项整治"],
        ["3", "推进燃气安全专项整治。", "市住建局牵头；市市场监管局、市应急局配合", "6月30日前", "按月报送"],
        ["4", "开展消防安全隐患排查。", "市消防救援支队", "每月10日前报送进展", ""]]
d = docx.Document(); d.add_paragraph("附件"); d.add_paragraph("2026年全市安全生产工作要点任务分工")
t = d.add_table(rows=0, cols=5); t.style = "Table Grid"
for r in rows:
    cells = t.add_row().cells
    if len(r) == 1:
        cells[0].merge(cells[4]).text = r[0]
    else:
        for c, v in zip(cells, r): c.text = v
d.save(sys.argv[1])
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年全市安全生产工作要点任务分工"])
for r in rows: ws.append([int(r[0]) if r[0].isdigit() else r[0]] + r[1:])
wb.save(sys.argv[2])
PY
want="1 一、强化责任落实 制定年度安全生产考核办法。 2026-03-31
2 一、强化责任落实 开展安全生产大检查。 2026-12-31
3 二、深化专项整治 推进燃气安全专项整治。 2026-06-30
4 二、深化专项整治 开展消防安全隐患排查。 2026-01-10"
for f in tasks.docx tasks.xlsx; do
    out=$("$CTL" --db "$T/$f.db" import "$T/$f" --year 2026 2>&1)
    like "$f: a row a task: 4 tasks, 4 measures, no warning" '4 tasks, 4 measures;.* 0 warnings' "$out"
    is "$f: each with its section, text and due date" "$want" "$("$CTL" --db "$T/$f.db" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        print(t["no"], t["section"], m["text"], m["deadline"]["due"])')"
done

# Names a line each in a units cell (Alt+Enter in Excel, a line break in
# Word), under a two-row header whose second row says only 牵头 and 配合,
# and a deadline column called 时间要求: each line a unit of its own.
"$PY" - "$T/lines.xlsx" "$T/lines.docx" <<'PY'
import docx, openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年重点工作任务清单"])
ws.append(["编号", "重点任务", "工作措施", "责任单位", None, "时间要求"])
ws.append([None, None, None, "牵头", "配合", None])
for m in ("A2:A3", "B2:B3", "C2:C3", "F2:F3", "D2:E2"): ws.merge_cells(m)
ws.append([1, "优化服务", "推进登记便利化。", "登记处", "信息中心\n法规处", "6月底前"])
ws.append([2, "加强监管", "开展质量抽查。", "质量处\n标准处", None, "9月底前"])
wb.save(sys.argv[1])
d = docx.Document(); d.add_paragraph("2026年工作要点分工方案")
t = d.add_table(rows=0, cols=4); t.style = "Table Grid"
for r in [["序号", "具体工作", "责任部门", "时间要求"],
          ["1", "推进登记便利化。", "登记处牵头\n信息中心、法规处配合", "6月底前"],
          ["2", "开展质量抽查。", "质量处\n标准处", "9月底前"]]:
    for c, v in zip(t.add_row().cells, r): c.text = v
d.save(sys.argv[2])
PY
want="2026-06-30 登记处:lead 信息中心:support 法规处:support
2026-09-30 质量处:lead 标准处:lead"
for f in lines.xlsx lines.docx; do
    out=$("$CTL" --db "$T/$f.db" import "$T/$f" --year 2026 2>&1)
    like "$f: 2 measures, no warning" '2 measures;.* 0 warnings' "$out"
done
is "lines.xlsx: each line of a units cell a unit, with its column's role" "$want" "$(plan_roles "$T/lines.xlsx.db")"
is "lines.docx: the same, roles as written" "2026-06-30 登记处:lead 信息中心:support 法规处:support
2026-09-30 质量处:responsible 标准处:responsible" "$(plan_roles "$T/lines.docx.db")"

# Which sheet: after a cover sheet, the one whose header heads a task
# table, a row-a-task one too; more than one such sheet is a doubt.
"$PY" - "$T/cover.xlsx" "$T/two.xlsx" <<'PY'
import openpyxl, sys
head = ["序号", "工作任务", "责任单位", "完成时限"]
rows = [[1, "制定考核办法。", "应急局", "3月底前"], [2, "开展大检查。", "住建局", "年底前"]]
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "说明"
ws.append(["填报说明：请各单位于每月5日前报送进展。"])
ws = wb.create_sheet("分工"); ws.append(head)
for r in rows: ws.append(r)
wb.save(sys.argv[1])
ws = wb.create_sheet("汇总"); ws.append(head)
for r in rows: ws.append(r)
wb.save(sys.argv[2])
PY
like "a cover sheet, then a row-a-task table: that sheet, 2 measures, no warning" '2 measures;.* 0 warnings' \
    "$("$CTL" --db "$T/cover.db" import "$T/cover.xlsx" --year 2026 2>&1)"
out=$("$CTL" --db "$T/two.db" import "$T/two.xlsx" --year 2026 2>&1)
like "two sheets with task tables: the first read, the other named" \
    'two\.xlsx:分工: warning: other sheets hold task tables too \(汇总\): only this one is read' "$out"
status_is "and --strict refuses it (65)" 65 "$CTL" --db "$T/two2.db" import --strict "$T/two.xlsx" --year 2026

# A workbook as an office types it: deadlines as Excel dates (two date
# formats), a task cell left blank under a 序号 that numbers rows (the
# task above goes on), a leaders' column that names no unit.
"$PY" - "$T/typed.xlsx" <<'PY'
import datetime, openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "任务清单"
ws.append(["2026年全市知识产权工作要点任务分解表"]); ws.merge_cells("A1:G1")
ws.append(["序号", "重点任务", "具体措施", "责任领导", "牵头单位", "配合单位", "完成时限"])
ws.append([1, "加强保护", "开展专项执法行动。", "张三", "市场监管局", "公安局、法院", datetime.date(2026, 6, 30)])
ws.append([2, None, "建立快速维权机制。", "李四", "知识产权局", "司法局", datetime.datetime(2026, 9, 30)])
ws.append([3, "提升运用效益", "推进专利转化。", "王五", "科技局", None, "6月底、12月底前"])
ws["G3"].number_format = 'yyyy"年"m"月"d"日"'
ws["G4"].number_format = "yyyy/m/d"
wb.save(sys.argv[1])
PY
like "typed.xlsx: 2 tasks, 3 measures, no warning" '2 tasks, 3 measures;.* 0 warnings' \
    "$("$CTL" --db "$T/typed.db" import --strict "$T/typed.xlsx" --year 2026 2>&1)"
is "typed.xlsx: dates as typed, the blank task the one above, the leaders no unit" \
    "1 加强保护 2026-06-30 市场监管局:lead 公安局:support 法院:support
1 加强保护 2026-09-30 知识产权局:lead 司法局:support
2 提升运用效益 semiannual 科技局:lead" \
    "$("$CTL" --db "$T/typed.db" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        print(t["no"], t["title"], m["deadline"]["due"] or m["deadline"]["kind"],
              " ".join("%s:%s" % (u["name"], u["role"]) for u in m["units"]))')"

# Numbers and dates as their formats show them: 2026.1 under 0.00 is
# 2026.10 (October), a date under m"月底前" is 6月底前, the format's
# words after a date are read with it, and 2026.6 under General stays.
"$PY" - "$T/formats.xlsx" <<'PY'
import datetime, openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "清单"
ws.append(["重点任务", "具体措施", "责任单位", "完成时限"])
ws.append(["任务", "措施一。", "办公室", 2026.1]); ws["D2"].number_format = "0.00"
ws.append(["任务", "措施二。", "办公室", datetime.date(2026, 6, 30)]); ws["D3"].number_format = 'm"月底前"'
ws.append(["任务", "措施三。", "办公室", datetime.date(2026, 9, 15)]); ws["D4"].number_format = 'yyyy"年"m"月"d"日前"'
ws.append(["任务", "措施四。", "办公室", 2026.6])
ws.append(["任务", "措施五。", "办公室", 11]); ws["D6"].number_format = '0"月底前"'
ws.append([]); ws.append([None, None, "制表人：张三", "审核人：李四"])   # a sign-off line
wb.save(sys.argv[1])
PY
like "formats.xlsx: five measures; the sign-off line under the table no row, no warning" \
    '5 measures;.* 0 warnings' "$("$CTL" --db "$T/fmt2.db" import --strict "$T/formats.xlsx" --year 2026 2>&1)"
out=$("$CTL" --db "$T/fmt.db" import "$T/formats.xlsx" --year 2026 --dry-run 2>&1)
is "formats.xlsx: each deadline as its cell shows it" \
    "2026.10 → date 2026-10-31
6月底前 → date 2026-06-30
2026年9月15日前 → date 2026-09-15
2026.6 → date 2026-06-30
11月底前 → date 2026-11-30" "$(printf '%s\n' "$out" | grep '→' | awk -F'\t' '{ print $NF }')"

# A section numbered in the 序号 column (一 | 营造公平竞争环境), its
# heading alone in the task column or merged across the row, over rows
# that name their own tasks; and a task numbered so (一 | 加强保护) over
# measures whose task cells are empty, which stays a task.
"$PY" - "$T" <<'PY'
import docx, openpyxl, sys
t = sys.argv[1]
head = ["序号", "重点任务", "落实举措", "责任单位", "完成时限"]
def rows(merged):
    return [head, ["一", "营造公平竞争环境", None, None, None],
            ["1", "清理政策措施", "全面梳理现行政策措施。", "市司法局", "6月底前"],
            ["2", "清理政策措施", "落实公平竞争审查制度。", "市市场监管局", "年底前"],
            ["二", "提升政务服务效能", None, None, None],
            ["3", "优化涉企服务", "建立政企沟通机制。", "市工商联", "9月底前"]]
for merged in (False, True):
    d = docx.Document(); d.add_paragraph("2026年优化营商环境重点任务分工")
    rs = rows(merged); tb = d.add_table(rows=len(rs), cols=5)
    for i, r in enumerate(rs):
        for j, v in enumerate(r):
            if v is not None: tb.cell(i, j).text = v
        if merged and r[2] is None:
            tb.cell(i, 1).merge(tb.cell(i, 4)).text = r[1]
    d.save(t + "/numsec%d.docx" % merged)
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "清单"
    ws.append(["2026年优化营商环境重点任务分工"])
    for i, r in enumerate(rs):
        ws.append(r)
        if merged and r[2] is None: ws.merge_cells("B%d:E%d" % (i + 2, i + 2))
    wb.save(t + "/numsec%d.xlsx" % merged)
d = docx.Document(); d.add_paragraph("2026年优化营商环境重点任务分工")
rs = [head, ["一", "加强保护", "", "", ""], ["1", "", "开展专项执法。", "市市场监管局", "6月底前"],
      ["2", "", "建立维权机制。", "市司法局", "年底前"]]
tb = d.add_table(rows=len(rs), cols=5)
for i, r in enumerate(rs):
    for j, v in enumerate(r): tb.cell(i, j).text = v
d.save(t + "/numtask.docx")
PY
sections() {
    "$CTL" --db "$T/ns.db" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]:
    print(t["section"] or "-", t["title"], len(t["measures"]))'
}
for f in numsec0.docx numsec1.docx numsec0.xlsx numsec1.xlsx; do
    rm -f "$T/ns.db"
    like "$f: sections numbered in 序号, no warning" '3 measures;.* 0 warnings' \
        "$("$CTL" --db "$T/ns.db" import --strict "$T/$f" --year 2026 2>&1)"
    is "$f: each task under its section" "一、营造公平竞争环境 清理政策措施 2
二、提升政务服务效能 优化涉企服务 1" "$(sections)"
done
rm -f "$T/ns.db"
"$CTL" --db "$T/ns.db" import --strict "$T/numtask.docx" --year 2026 >/dev/null 2>&1
is "numtask.docx: a task numbered 一 over measures with empty task cells stays a task" "- 加强保护 2" "$(sections)"

# No task column: sections across the table, then headings numbered in
# brackets across it, each over its measures numbered in 序号 (Word and
# Excel); and a task cell whose number stands on a line of its own.
"$PY" - "$T" <<'PY'
import sys, docx, openpyxl
t = sys.argv[1]
rows = [["一、强化保护"], ["（一）加强行政保护"], ["1", "开展执法行动。", "执法处牵头", "6月底前"],
        ["2", "建立保护名录。", "保护处", "年底前"], ["（二）推进快速维权"],
        ["3", "扩大预审服务。", "服务处", "9月底前"], ["二、提升运用"], ["（一）促进转化"],
        ["4", "盘活存量专利。", "运用处", "全年"]]
head = ["序号", "具体措施", "责任单位", "完成时限"]
d = docx.Document()
d.add_paragraph("2026年知识产权工作任务分工方案")
tb = d.add_table(rows=len(rows) + 1, cols=4)
for j, v in enumerate(head): tb.cell(0, j).text = v
for i, r in enumerate(rows, 1):
    if len(r) == 1:
        c = tb.cell(i, 0).merge(tb.cell(i, 3)); c.text = r[0]
    else:
        for j, v in enumerate(r): tb.cell(i, j).text = v
d.save(t + "/subhead.docx")
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年知识产权工作任务分工方案"]); ws.append(head)
for r in rows:
    ws.append(r)
    if len(r) == 1:
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
wb.save(t + "/subhead.xlsx")
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["2026年知识产权工作任务分工方案"]); ws.append(["重点任务", "具体措施", "责任单位", "完成时限"])
ws.append(["3\n促进转化运用", "盘活存量专利。", "运用处", "全年"])
ws.append(["四、\n加强公共服务", "建设服务网点。", "服务处", "年底前"])
wb.save(t + "/numline.xlsx")
d = docx.Document()
d.add_paragraph("2026年知识产权工作任务分工方案")
rows = [["1", "加强行政保护"], ["（1）", "开展执法行动。", "执法处牵头", "6月底前"],
        ["（2）", "建立保护名录。", "保护处", "年底前"], ["2", "推进快速维权"],
        ["（1）", "扩大预审服务。", "服务处", "9月底前"]]
tb = d.add_table(rows=len(rows) + 1, cols=4)
for j, v in enumerate(head): tb.cell(0, j).text = v
for i, r in enumerate(rows, 1):
    tb.cell(i, 0).text = r[0]
    if len(r) == 2:
        c = tb.cell(i, 1).merge(tb.cell(i, 3)); c.text = r[1]
    else:
        for j, v in enumerate(r[1:], 1): tb.cell(i, j).text = v
d.save(t + "/taskrow.docx")
PY
for f in subhead.docx subhead.xlsx; do
    rm -f "$T/ns.db"
    "$CTL" --db "$T/ns.db" import --strict "$T/$f" --year 2026 >/dev/null 2>&1
    is "$f: a heading in brackets under a section is the task of the measures below" "一、强化保护 加强行政保护 2
一、强化保护 推进快速维权 1
二、提升运用 促进转化 1" "$(sections)"
done
rm -f "$T/ns.db"
"$CTL" --db "$T/ns.db" import --strict "$T/taskrow.docx" --year 2026 >/dev/null 2>&1
is "taskrow.docx: a number and a title merged across are a task over rows numbered （1）" "- 加强行政保护 2
- 推进快速维权 1" "$(sections)"
rm -f "$T/ns.db"
"$CTL" --db "$T/ns.db" import --strict "$T/numline.xlsx" --year 2026 >/dev/null 2>&1
is "numline.xlsx: a task number alone on its cell's first line is the number" "3 促进转化运用
4 加强公共服务" "$("$CTL" --db "$T/ns.db" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]: print(t["no"], t["title"])')"

# Units cells as offices type them in Word: names parted by spaces,
# labels giving roles (each on its line, or after a space), 等.
"$PY" - "$T/labels.docx" <<'PY'
import docx, sys
d = docx.Document()
d.add_paragraph("2026年重点工作任务分工")
rows = [["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "制定实施方案。", "市委宣传部 市公安局　市司法局", "3月底前"],
        ["2", "开展专项检查。", "牵头单位：市场监管局\n配合单位：公安局、税务局", "6月底前"],
        ["3", "建立协作机制。", "牵头单位：科技局 配合单位：财政局", "年底前"],
        ["4", "推广典型经验。", "商务局等单位", "年底前"]]
t = d.add_table(rows=len(rows), cols=4)
for r, row in zip(t.rows, rows):
    for c, text in zip(r.cells, row):
        lines = text.split("\n")
        c.text = lines[0]
        for l in lines[1:]:
            c.add_paragraph(l)
d.save(sys.argv[1])
PY
out=$("$CTL" --db "$T/labels.db" import "$T/labels.docx" --year 2026 2>&1)
like "labels.docx: 4 measures, one warning" '4 measures;.* 1 warnings' "$out"
like "labels.docx: 等 warned at its row" 'labels\.docx:table 1 row 5: warning: the units cell names others with 等' "$out"
is "labels.docx: spaces part names, labels give roles, 等 is no part of a name" \
    "2026-03-31 市委宣传部:responsible 市公安局:responsible 市司法局:responsible
2026-06-30 市场监管局:lead 公安局:support 税务局:support
2026-12-31 科技局:lead 财政局:support
2026-12-31 商务局:responsible" "$(plan_roles "$T/labels.db")"
status_is "labels.docx: --strict refuses the 等 (65)" 65 "$CTL" --db "$T/labels2.db" import --strict "$T/labels.docx" --year 2026

# A note saying the first unit named leads (排在第一位的为牵头单位),
# under the title in Word, in a row of its own under an Excel table, or
# in the units column's header (a short gloss, or one too long to be a
# name's, with what the others are): cells that mark no role take it, a
# cell marking its own keeps it, and the export reads back the same roles.
"$PY" - "$T/order.docx" "$T/order.xlsx" "$T/order2.docx" "$T/order3.docx" <<'PY'
import docx, openpyxl, sys
head = ["序号", "工作任务", "责任单位", "完成时限"]
rows = [["1", "制定实施方案。", "市发展改革委、市财政局、市司法局", "6月底前"],
        ["2", "开展专项检查。", "市市场监管局", "年底前"],
        ["3", "建立工作机制。", "市商务局牵头，市公安局配合", "9月底前"]]
def word(path, note, header):
    d = docx.Document(); d.add_paragraph("2026年营商环境工作任务分工")
    if note: d.add_paragraph(note)
    t = d.add_table(rows=0, cols=4); t.style = "Table Grid"
    for r in [header] + rows:
        for c, v in zip(t.add_row().cells, r): c.text = v
    d.save(path)
word(sys.argv[1], "注：责任单位中排在第一位的为牵头单位，其他为配合单位。", head)
word(sys.argv[3], None, ["序号", "工作任务", "责任单位（排名第一的单位是牵头单位）", "完成时限"])
word(sys.argv[4], None, ["序号", "工作任务", "责任单位（列第一位的为牵头单位，其他为配合单位）", "完成时限"])
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "分工"
ws.append(["2026年营商环境工作任务分工"]); ws.append(head)
for r in rows: ws.append([int(r[0])] + r[1:])
ws.append(["说明：排在第一位的为牵头单位，其余单位为配合单位。"])
wb.save(sys.argv[2])
PY
both="2026-06-30 市发展改革委:lead 市财政局:support 市司法局:support
2026-12-31 市市场监管局:lead
2026-09-30 市商务局:lead 市公安局:support"
for f in order.docx order.xlsx; do
    out=$("$CTL" --db "$T/$f.db" import "$T/$f" --strict 2>&1)
    like "$f: the note is named, no warning (--strict imports)" \
        "$f:(paragraph 2|分工!A6): note: as the plan says here, the first unit .* the others as support" "$out"
    is "$f: the first unit leads, the others support; a marked cell keeps its roles" "$both" "$(plan_roles "$T/$f.db")"
done
"$CTL" --db "$T/order.docx.db" export --format csv >"$T/order.csv"
"$CTL" --db "$T/order-rt.db" import "$T/order.csv" >/dev/null 2>&1
is "order: the export reads back with the same roles" "$both" "$(plan_roles "$T/order-rt.db")"
like "order2.docx: the units header says it: the first leads, the others stay responsible" \
    "table 1 row 1: note: .*read as the lead$" "$("$CTL" --db "$T/order2.db" import "$T/order2.docx" 2>&1 | grep note)"
is "order2.docx: roles" "2026-06-30 市发展改革委:lead 市财政局:responsible 市司法局:responsible
2026-12-31 市市场监管局:lead
2026-09-30 市商务局:lead 市公安局:support" "$(plan_roles "$T/order2.db")"
"$CTL" --db "$T/order3.db" import "$T/order3.docx" --strict >/dev/null 2>&1
is "order3.docx: a long gloss on the units header: the first leads, the others support" \
    "$both" "$(plan_roles "$T/order3.db")"

# A sheet's title row, then a form's line under it (填报单位, 填报时间
# with a year) or an 附件1 row: the title is still the line naming the
# plan.
"$PY" - "$T/form.xlsx" "$T/annex1.xlsx" <<'PY'
import openpyxl, sys
for path, under in ((sys.argv[1], "填报单位（盖章）：        填报时间：2026年  月  日"),
                    (sys.argv[2], "附件1")):
    wb = openpyxl.Workbook(); ws = wb.active
    ws.append(["济南市2026年优化营商环境重点任务清单"]); ws.merge_cells("A1:D1")
    ws.append([under])
    ws.append(["重点任务", "具体措施", "责任单位", "完成时限"])
    ws.append(["（一）优化营商环境", "开展营商环境评价。", "市发展改革委", "6月底前"])
    ws.append(["（二）提升政务服务", "推行一网通办。", "市大数据局", "9月底前"])
    wb.save(path)
PY
for f in form.xlsx annex1.xlsx; do
    "$CTL" --db "$T/$f.db" import "$T/$f" >/dev/null 2>&1
    is "$f: the title is the line naming the plan; a task's （一） is its number" \
        "济南市2026年优化营商环境重点任务清单 1:优化营商环境 2:提升政务服务" \
        "$("$CTL" --db "$T/$f.db" export --format json | "$PY" -c 'import json,sys; j=json.load(sys.stdin); j=j[0] if isinstance(j, list) else j; print(j["title"], *("%s:%s" % (t["no"], t["title"]) for t in j["tasks"]))')"
done

# No deadline column: each measure's deadline is where its text ends;
# a table with one, later in the document, wins over one without.
"$PY" - "$T/nodl.docx" "$T/nodl2.docx" <<'PY'
import docx, sys
def table(d, rows):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in zip(t.rows, rows):
        for c, text in zip(r.cells, row):
            c.text = text
d = docx.Document()
d.add_paragraph("2026年重点工作任务分工")
rows = [["序号", "重点任务", "具体措施", "责任单位"],
        ["1", "加强保护", "开展专项执法行动（6月底前完成）。", "市场监管局"],
        ["2", "优化服务", "建立快速维权机制，2026年9月底前建成。", "知识产权局"],
        ["3", "强化运用", "持续推进专利转化。", "科技局"]]
table(d, rows)
d.save(sys.argv[1])
d = docx.Document()
d.add_paragraph("附件")
table(d, [["工作内容", "责任单位"], ["宣传培训。", "办公室"]])
d.add_paragraph("2026年重点工作任务分工")
table(d, [r[:3] + ["完成时限", r[3]] if i == 0 else r[:3] + ["年底前", r[3]] for i, r in enumerate(rows)])
d.save(sys.argv[2])
PY
out=$("$CTL" --db "$T/nodl.db" import "$T/nodl.docx" --year 2026 2>&1)
like "nodl.docx: a table without a deadline column is read, with a warning at its header" \
    'nodl\.docx:table 1 row 1: warning: the table has no deadline column' "$out"
is "nodl.docx: each deadline from its measure's text, none where it ends with none" "2026-06-30 市场监管局:responsible
2026-09-30 知识产权局:responsible
None 科技局:responsible" "$(plan_roles "$T/nodl.db")"
like "nodl.docx: that one warned about" 'warning: measure has no deadline \(task 3\)' "$out"
status_is "nodl.docx: --strict refuses it (65)" 65 "$CTL" --db "$T/nodl3.db" import --strict "$T/nodl.docx" --year 2026
out=$("$CTL" --db "$T/nodl2.db" import --strict "$T/nodl2.docx" --year 2026 2>&1)
like "nodl2.docx: the table with a deadline column is read, not the one before it" '3 measures;.* 0 warnings' "$out"

# Numbers Word draws itself (w:numPr, directly or through a paragraph
# style): a 序号 column numbered 1, 2, 3 on the page is empty in the text,
# and section headings 一、 二、 too.  Read as printed, a task a row under
# its section; the number a tracked change took away is not read.
"$PY" "$TOP/tests/gen/make_numbered_docx.py" "$T/numbered.docx"
out=$("$CTL" --db "$T/numbered.db" import --strict "$T/numbered.docx" --year 2026 2>&1)
like "numbered.docx: 5 tasks, 5 measures, no warning" '5 tasks, 5 measures;.* 0 warnings' "$out"
is "numbered.docx: task numbers and sections as printed" "1 一、加强制度建设 制定年度考核办法。
2 一、加强制度建设 修订督办工作规则。
3 一、加强制度建设 建立台账管理制度。
4 二、推进重点改革 开展专项督查。
5 二、推进重点改革 组织业务培训。" "$("$CTL" --db "$T/numbered.db" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        print(t["no"], t["section"], m["text"])')"
# Its numbering part damaged: one line naming the part.
"$PY" - "$T/numbered.docx" "$T/badnum.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as a, zipfile.ZipFile(sys.argv[2], "w") as b:
    for i in a.infolist():
        data = a.read(i)
        if i.filename == "word/numbering.xml":
            data = data[: len(data) // 2]
        b.writestr(i, data)
PY
out=$("$CTL" --db "$T/badnum.db" import "$T/badnum.docx" --year 2026 2>&1)
status=$?
is "badnum.docx: a damaged numbering part is refused (65)" 65 "$status"
like "badnum.docx: naming the part and its line" 'badnum\.docx: word/numbering\.xml:[0-9]+: malformed XML' "$out"
is "badnum.docx: in one line" 1 "$(printf '%s\n' "$out" | wc -l)"

# A 序号 column of formulas (=ROW()-2): openpyxl stores no values for
# them (Excel computes them on opening), so the cells read empty, and
# the rows are named in a warning; saved with their values (as Excel and
# LibreOffice save, put in here by hand), they are numbers, no warning.
"$PY" - "$T/formulas.xlsx" "$T/values.xlsx" <<'PY'
import re, sys, zipfile
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["2026年重点工作任务清单"])
ws.append(["序号", "重点任务", "责任单位", "完成时限"])
for t, u, d in (("制定方案。", "办公室", "3月底前"), ("开展督查。", "督查室", "年底前")):
    ws.append(["=ROW()-2", t, u, d])
wb.save(sys.argv[1])
with zipfile.ZipFile(sys.argv[1]) as a, zipfile.ZipFile(sys.argv[2], "w") as b:
    for i in a.infolist():
        data = a.read(i)
        if i.filename.startswith("xl/worksheets/"):
            data = re.sub(rb'<c r="A(\d+)"><f>ROW\(\)-2</f><v\s*/?>(</v>)?',
                          lambda m: b'<c r="A%s"><f>ROW()-2</f><v>%d</v>' % (m.group(1), int(m.group(1)) - 2),
                          data)
        b.writestr(i, data)
PY
out=$("$CTL" --db "$T/formulas.db" import "$T/formulas.xlsx" --year 2026 2>&1)
like "formulas.xlsx: the rows whose formulas have no stored value are named" \
    'formulas\.xlsx:Sheet!A3: warning: rows with formulas but no stored values \(3, 4\)' "$out"
status_is "formulas.xlsx: --strict refuses it (65)" 65 "$CTL" --db "$T/formulas2.db" import --strict "$T/formulas.xlsx" --year 2026
out=$("$CTL" --db "$T/values.db" import --strict "$T/values.xlsx" --year 2026 2>&1)
like "values.xlsx: the stored values number the tasks, no warning" '2 tasks, 2 measures;.* 0 warnings' "$out"

# Legacy formats go through LibreOffice when it is there; else a hint.
if command -v soffice >/dev/null 2>&1; then
    # As a Writer user saves it: opened (.odt), then saved as Word 97.
    # (Saved straight from python-docx's file, LibreOffice's Word 97
    # filter writes its tables as plain text, whoever reads them.)
    "$PY" "$GEN" "$T/unseen.json" "$T/legacy.docx" --seqno
    cp "$T/unseen.xlsx" "$T/legacy.xlsx"
    lo() { (cd "$T" && timeout 180 soffice --headless --norestore \
        "-env:UserInstallation=file://$T/lo" --convert-to "$@" >/dev/null 2>&1); }
    lo odt legacy.docx && rm "$T/legacy.docx" && lo doc legacy.odt && lo xls legacy.xlsx &&
        lo ods legacy.xlsx
    plan_roundtrip "an unseen plan saved by LibreOffice as Word 97 (.doc)" "$T/legacy.doc" "$T/unseen.json" quiet
    plan_roundtrip "and as Excel 97 (.xls)" "$T/legacy.xls" "$T/unseen.json" quiet
    plan_roundtrip "and as OpenDocument text (.odt)" "$T/legacy.odt" "$T/unseen.json" quiet
    plan_roundtrip "and as an OpenDocument spreadsheet (.ods)" "$T/legacy.ods" "$T/unseen.json" quiet
else
    cp "$T/unseen.docx" "$T/x.bin"
    printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0' >"$T/old.doc"
    out=$("$CTL" --db "$T/x.db" import "$T/old.doc" 2>&1); rc=$?
    is "a .doc without LibreOffice: 65" 65 "$rc"
    like "with the command that converts it" 'soffice --headless --convert-to docx' "$out"
fi

# Doubts are warned about with their place, and --strict refuses.
"$PY" - "$T/doubt.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "清单"
ws.append(["2026年工作任务清单"])
ws.append(["工作任务", "具体措施", "责任单位", "完成时限"])
ws.append(["1.任务一", "完成第一项工作。", "办公室", "6月底前"])
ws.append([None, "完成第二项工作。", "由办公室负责完成全部工作。", "7月底前"])
ws.append([None, "完成第三项工作。", "财务处", "汛期前"])
ws.append([None, "完成第四项工作。", "人事处", "6月底前\n年底前"])
ws.append([None, "完成第五项工作。", "人事处", None])
wb.save(sys.argv[1])
PY
out=$("$CTL" --db "$T/w.db" import "$T/doubt.xlsx" 2>&1)
like "a unit cell that reads like a sentence: warned at its cell" 'doubt.xlsx:清单!A4: warning: the units cell reads like a sentence' "$out"
like "a deadline the grammar does not know: warned at its cell" 'doubt.xlsx:清单!D5: warning: .*汛期前' "$out"
like "two deadlines in one cell: warned (rows run together?)" 'doubt.xlsx:清单!A6: warning: the deadline cell holds two deadlines' "$out"
status_is "--strict refuses it (65)" 65 "$CTL" --db "$T/w2.db" import --strict "$T/doubt.xlsx"

# Steps typed on lines of their own in a Word cell (6月底前出台方案 over
# 年底前完成) are read as parted by ；: due at the last step (the lines
# run together read 6月底前 with "方案年底前完成" as its object).
"$PY" - "$T/steps.docx" <<'PY'
import docx, sys
d = docx.Document(); d.add_paragraph("2026年工作任务分工")
t = d.add_table(rows=0, cols=4)
for row in [["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "制定并实施方案。", "市发展改革委", "6月底前出台方案\n年底前完成"],
            ["2", "推进试点。", "市财政局", "全年\n持续推进"]]:
    for c, v in zip(t.add_row().cells, row):
        lines = v.split("\n"); c.text = lines[0]
        for l in lines[1:]: c.add_paragraph(l)
d.save(sys.argv[1])
PY
"$CTL" --db "$T/steps.db" import "$T/steps.docx" >/dev/null 2>&1
is "steps typed on two lines: due at the last, written with ；; 全年 over 持续推进 stays ongoing" \
    "6月底前出台方案；年底前完成 date 2026-12-31
全年持续推进 ongoing 2026-12-31" "$("$CTL" --db "$T/steps.db" export --format json | "$PY" -c '
import json, sys
for t in json.load(sys.stdin)["tasks"]:
    for m in t["measures"]:
        d = m["deadline"]; print(d["text"], d["kind"], d["due"])')"

# Hidden rows are read and named; a hidden sheet (an old version, a
# template's drop-down lists) gives way to a visible one with a task
# table, and is read, with a warning, only when no visible sheet has one.
"$PY" - "$T" <<'PY'
import openpyxl, sys
t = sys.argv[1]
head = ["重点任务", "具体措施", "责任单位", "完成时限"]
wb = openpyxl.Workbook()
old = wb.active; old.title = "旧版"; old.append(head); old.append(["旧任务", "旧措施。", "办公室", "3月底前"])
old.sheet_state = "hidden"
ws = wb.create_sheet("任务清单"); ws.append(head)
for i in range(8):
    ws.append(["任务%d" % (i // 2 + 1), "措施%d。" % i, "办公室", "6月底前"])
for r in (3, 5, 6, 7, 8, 9):
    ws.row_dimensions[r].hidden = True
lists = wb.create_sheet("下拉选项"); lists.append(["办公室"]); lists.sheet_state = "hidden"
wb.save(t + "/hidden.xlsx")
# A hidden old units column beside the visible ones, and a row of no
# height (hidden without the flag, as some programs write it).
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "清单"
ws.append(["重点任务", "具体措施", "责任单位", "牵头单位", "配合单位", "完成时限"])
ws.append(["任务", "措施一。", "法规处", "办公室", "财务处", "6月底前"])
ws.append(["任务", "措施二。", "法规处", "办公室", "", "9月底前"])
ws.append(["任务", "措施三。", "", "办公室", "", "年底前"])
ws.column_dimensions["C"].hidden = True
wb.save(t + "/hidcol0.xlsx")
import zipfile     # openpyxl leaves a height of 0 out: as Excel writes it
with zipfile.ZipFile(t + "/hidcol0.xlsx") as zi, zipfile.ZipFile(t + "/hidcol.xlsx", "w") as zo:
    for n in zi.namelist():
        b = zi.read(n)
        if n.startswith("xl/worksheets/"):
            b = b.replace(b'<row r="4">', b'<row r="4" ht="0" customHeight="1">')
        zo.writestr(n, b)
wb = openpyxl.Workbook(); cover = wb.active; cover.title = "说明"; cover.append(["见任务清单"])
ws = wb.create_sheet("任务清单"); ws.append(head); ws.append(["任务", "措施。", "办公室", "6月底前"])
ws.sheet_state = "hidden"
wb.save(t + "/hidden2.xlsx")
PY
out=$("$CTL" --db "$T/hid.db" import "$T/hidden.xlsx" --year 2026 2>&1)
like "the visible task sheet is read, every row of it" 'hidden.xlsx: plan 1 .*: 4 tasks, 8 measures' "$out"
like "hidden rows named at the first, six in all" \
    'hidden.xlsx:任务清单!A3: warning: hidden rows \(3, 5, 6, 7, 8 … \(6 in all\)\) are read like the others' "$out"
like "the hidden old version named as another task table" 'other sheets hold task tables too \(旧版\)' "$out"
status_is "--strict refuses hidden rows (65)" 65 "$CTL" --db "$T/hid3.db" import --strict "$T/hidden.xlsx" --year 2026
out=$("$CTL" --db "$T/hid4.db" import "$T/hidcol.xlsx" --year 2026 --dry-run 2>&1)
like "a hidden column with text is named at its head" \
    'hidcol.xlsx:清单!C1: warning: hidden columns \(C\) are read like the others' "$out"
like "a row of no height is named as hidden" \
    'hidcol.xlsx:清单!A4: warning: hidden rows \(4\) are read like the others' "$out"
status_is "--strict refuses a hidden column (65)" 65 "$CTL" --db "$T/hid4.db" import --strict "$T/hidcol.xlsx" --year 2026
out=$("$CTL" --db "$T/hid2.db" import "$T/hidden2.xlsx" --year 2026 2>&1)
like "a task table only on a hidden sheet is read" 'hidden2.xlsx: plan 1 .*: 1 tasks, 1 measures' "$out"
like "with a warning" 'hidden2.xlsx:任务清单: warning: the task table is on a hidden sheet' "$out"

# Hidden text (a run's font hidden: Word neither shows nor prints it)
# is not read.
"$PY" - "$T/vanish.docx" <<'PY'
import docx, sys
d = docx.Document()
d.add_paragraph("2026年工作任务")
t = d.add_table(rows=2, cols=4)
for c, v in zip(t.rows[0].cells, ["重点任务", "具体措施", "责任单位", "完成时限"]):
    c.text = v
cells = t.rows[1].cells
cells[0].text = "任务"
p = cells[1].paragraphs[0]
p.add_run("开展专项行动。")
p.add_run("（内部备注：暂缓）").font.hidden = True
cells[2].text = "办公室"
p = cells[3].paragraphs[0]
p.add_run("6月底前")
p.add_run("旧：3月底前").font.hidden = True
d.save(sys.argv[1])
PY
"$CTL" --db "$T/van.db" import "$T/vanish.docx" >/dev/null 2>&1
is "hidden text is not read" "开展专项行动。	6月底前	2026-06-30" \
    "$("$CTL" --db "$T/van.db" export --format tsv | awk -F'\t' 'NR == 2 { print $6 "\t" $8 "\t" $10 }')"

# Text struck through (删除线: a cancelled measure?) is read, and its row
# named in a warning, in Word (a run's strike or dstrike) and in Excel (a
# cell style's font), so that --strict refuses it.
"$PY" - "$T" <<'PY'
import docx, openpyxl, sys
from openpyxl.styles import Font
t = sys.argv[1]
head = ["重点任务", "具体措施", "责任单位", "完成时限"]
rows = [["加强管理", "建立制度。", "办公室", "6月底前"],
        ["深化改革", "推进试点。", "改革办", "年底前"],
        ["优化服务", "压减时限。", "政务中心", "9月底前"]]
d = docx.Document()
d.add_paragraph("2026年工作任务")
tb = d.add_table(rows=1, cols=4)
for c, v in zip(tb.rows[0].cells, head):
    c.text = v
for i, r in enumerate(rows):
    for c, v in zip(tb.add_row().cells, r):
        run = c.paragraphs[0].add_run(v)
        run.font.strike = i == 1
        run.font.double_strike = i == 2 and v == "压减时限。"
d.save(t + "/strike.docx")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "清单"; ws.append(head)
for r in rows:
    ws.append(r)
for c in ws[3]:
    c.font = Font(strike=True)
ws["A4"].font = Font(strike=False, bold=True)
ws["B4"].font = Font(strike=True)
wb.save(t + "/strike.xlsx")
PY
out=$("$CTL" --db "$T/st.db" import "$T/strike.docx" --year 2026 2>&1)
like "Word: every row read" 'strike.docx: plan 1 .*: 3 tasks, 3 measures' "$out"
like "Word: a struck row named, its text quoted" 'strike.docx:table 1 row 3: warning: text struck through \("深化改革 推进试点。 改革办 年底前"\)' "$out"
like "Word: a double strike too" 'strike.docx:table 1 row 4: warning: text struck through \("压减时限。"\)' "$out"
unlike "Word: a row without strike is not named" 'table 1 row 2: warning' "$out"
out=$("$CTL" --db "$T/st2.db" import "$T/strike.xlsx" --year 2026 2>&1)
like "Excel: every row read" 'strike.xlsx: plan 1 .*: 3 tasks, 3 measures' "$out"
like "Excel: the struck rows named in one warning" \
    'strike.xlsx:清单!A3: warning: rows with text struck through \(3, 4\) are read like the others' "$out"
status_is "--strict refuses struck rows (65)" 65 "$CTL" --db "$T/st3.db" import --strict "$T/strike.xlsx" --year 2026

# Text alone in the 序号 column numbers nothing: a section typed without
# merging ("（一）…") is the next rows' section, warned; a note under the
# table (注：…, 联系人：…) is left out.  Before, either refused the file.
"$PY" - "$T/notes.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "清单"
ws.append(["2026年重点工作任务分解表"]); ws.merge_cells("A1:E1")
ws.append(["序号", "重点任务", "具体措施", "责任单位", "完成时限"])
ws.append(["（一）提升政务服务效能"])
ws.append([1, "加强管理", "建立制度。", "办公室", "6月底前"])
ws.append([2, "深化改革", "推进试点。", "改革办", "年底前"])
ws.append(["注：各单位每月25日前报送进展情况。"])
ws.append(["联系人：张三，电话：12345678"])
wb.save(sys.argv[1])
PY
out=$("$CTL" --db "$T/notes.db" import "$T/notes.xlsx" --year 2026 2>&1)
like "every task read" 'notes.xlsx: plan 1 .*: 2 tasks, 2 measures; .*; 1 warnings' "$out"
like "the unmerged section warned at its cell" 'notes.xlsx:清单!A3: warning: text alone in the 序号 column \("（一）提升政务服务效能"\)' "$out"
is "the tasks are in that section" "（一）提升政务服务效能
（一）提升政务服务效能" "$("$CTL" --db "$T/notes.db" export --format tsv | awk -F'\t' 'NR > 1 { print $4 }')"

# Hostile files: one line each, exit 65, nothing stored.
"$PY" - "$T" <<'PY'
import io, sys, zipfile
t = sys.argv[1]
with zipfile.ZipFile(t + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", b"<w:document>" + b" " * (300 << 20) + b"</w:document>")
lol = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>' \
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;&x;</w:t></w:r></w:p></w:body></w:document>'
with zipfile.ZipFile(t + "/lol.docx", "w") as z:
    z.writestr("word/document.xml", lol)
deep = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + "<w:tbl>" * 5000 + "</w:tbl>" * 5000 + "</w:body></w:document>"
with zipfile.ZipFile(t + "/deep.docx", "w") as z:
    z.writestr("word/document.xml", deep)
with zipfile.ZipFile(t + "/other.zip", "w") as z:
    z.writestr("readme.txt", "hello")
with zipfile.ZipFile(t + "/slides.odp", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
    z.writestr("content.xml", "<office:document-content/>")
data = open(t + "/seed.docx", "rb").read()
open(t + "/cut.docx", "wb").write(data[:len(data) // 2])
# XML that office programs save: LibreOffice's flat ODF, Excel's 2003 XML.
open(t + "/flat.fodt", "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text/></office:body></office:document>')
open(t + "/sheet.xml", "w").write('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>')
PY
for f in bomb.docx:'zip bomb' lol.docx:'DOCTYPE' deep.docx:'nested deeper' other.zip:'no Word \(.docx\), Excel \(.xlsx\) or OpenDocument \(.odt, .ods\) document$' slides.odp:'no Word \(.docx\), Excel' cut.docx:'not a readable ZIP' \
    flat.fodt:'a flat OpenDocument file \(.fodt, .fods\), not a plan file: save it as .odt or .ods' \
    sheet.xml:'an Excel 2003 XML spreadsheet, not a plan file: save it as .xlsx$'; do
    file=${f%%:*} want=${f#*:}
    out=$("$CTL" --db "$T/h.db" import "$T/$file" 2>&1); rc=$?
    is "$file: refused with 65" 65 "$rc"
    like "$file: one line saying why" "^$T/$file: .*$want" "$out"
    is "$file: one line" 1 "$(printf '%s\n' "$out" | wc -l)"
done
ok "nothing was stored" bash -c '! [ -s "$1" ] || [ "$("$2" --db "$1" export 2>&1 | grep -c "\"id\"")" = 0 ]' _ "$T/h.db" "$CTL"

# Task numbers that start again in each section (一、 1, 2; 二、 1, 2), in
# Word and in Excel: the tasks numbered through the plan, with a note;
# a number twice in one section is still refused.
"$PY" - "$T" <<'PY'
import docx, openpyxl, sys
t = sys.argv[1]
rows = [["序号", "重点任务", "落实举措", "责任单位", "完成时限"],
        ["一、强化创造", None, None, None, None],
        ["1", "培育高价值专利", "实施专利培育工程。", "市知识产权局", "6月底前"],
        ["2", "推进商标品牌", "培育地理标志商标。", "市市场监督管理局", "年底前"],
        ["二、加强保护", None, None, None, None],
        ["1", "加大执法力度", "开展专项执法行动。", "市公安局", "全年"],
        ["2", "健全调解机制", "建设人民调解委员会。", "市司法局", "9月底前"]]
def save(rows, name):
    d = docx.Document(); d.add_paragraph("2026年知识产权工作任务分工")
    tb = d.add_table(rows=0, cols=5)
    for r in rows:
        cells = tb.add_row().cells
        if r[1] is None:
            cells[0].merge(cells[4]).text = r[0]
        else:
            for c, v in zip(cells, r): c.text = v
    d.save(f"{t}/{name}.docx")
    wb = openpyxl.Workbook(); ws = wb.active
    ws.append(["2026年知识产权工作任务分工"])
    for r in rows: ws.append(r)
    wb.save(f"{t}/{name}.xlsx")
save(rows, "restart")
save(rows + [["1", "另立一项", "完善服务网点。", "市财政局", "年底前"]], "twice")
PY
for ext in docx xlsx; do
    out=$("$CTL" --db "$T/r-$ext.db" import --strict "$T/restart.$ext" 2>&1); rc=$?
    is "restart.$ext: numbers starting again per section import under --strict" 0 "$rc"
    like "restart.$ext: a note says they are numbered through" \
        'restart\.'"$ext"':.*: note: the task numbers start again in each section; the tasks are numbered 1 to 4 through the plan' "$out"
    is "restart.$ext: tasks 1 to 4, each under its section" \
        "1 一、强化创造 培育高价值专利|2 一、强化创造 推进商标品牌|3 二、加强保护 加大执法力度|4 二、加强保护 健全调解机制" \
        "$("$CTL" --db "$T/r-$ext.db" export --format json | "$PY" -c '
import json, sys
print("|".join("%d %s %s" % (t["no"], t["section"], t["title"]) for t in json.load(sys.stdin)["tasks"]))')"
    out=$("$CTL" --db "$T/t-$ext.db" import "$T/twice.$ext" 2>&1); rc=$?
    is "twice.$ext: a number twice in one section is refused (65)" 65 "$rc"
    like "twice.$ext: saying where" 'task 1 appears twice' "$out"
done

done_testing
