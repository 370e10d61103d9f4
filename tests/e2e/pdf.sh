#!/usr/bin/env bash
# PDF plans (issue 14), read by deadlinectl itself: made by Chromium's
# print to PDF from a bordered HTML table (its header repeated on each
# page, task cells spanning their measures, rows broken across pages) and,
# when it is installed, by LibreOffice from a Word file.  Each must give
# the plan exactly; rows joined across pages are warned about; a PDF
# without text, or that is no PDF gets its line; a table without ruling
# lines is read from its text's positions, with a warning.
. "$(dirname "$0")/../lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
GEN="$TOP/tests/gen/make_plan.py"
GOLD="$TOP/tests/golden/2021-shandong-ip-workplan.expected.json"
TITLE="2021 年全省知识产权工作任务清单"

print_pdf() {	# print_pdf HTML PDF
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$T/chrome" --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
}

if [ ! -x "$CHROMIUM" ]; then
    _report 1 "chromium is installed (make browser-deps)"
    done_testing; exit 1
fi
"$PY" "$GEN" "$GOLD" "$T/seed.html" --title "$TITLE"
print_pdf "$T/seed.html" "$T/seed.pdf"
plan_roundtrip "the seed printed by Chromium (14 pages, rows broken across pages)" "$T/seed.pdf" "$GOLD"
like "a row joined across a page is warned about, with both places" \
    'seed.pdf:page [0-9]+: warning: row joined to the measure above \(.*seed.pdf:page [0-9]+\)' "$(cat "$T/rt.err")"
status_is "--strict refuses what was joined (65)" 65 "$CTL" --db "$T/strict.db" import --strict "$T/seed.pdf"
# Units and deadlines that a task's measures share in one cell, spanning
# their rows (rowspan): each measure has the cell's text.  Tasks 7-9 of
# the seed (two pages: a span broken by a page would be a row broken by
# it, joined with a warning); 10月 over 底前 at the page's top is one
# deadline broken by the page.
"$PY" -c 'import json, sys
p = json.load(open(sys.argv[1])); p["tasks"] = p["tasks"][6:9]
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)' "$GOLD" "$T/part.json"
"$PY" "$GEN" "$T/part.json" "$T/merged.html" --title "$TITLE" --seqno --merge-same
print_pdf "$T/merged.html" "$T/merged.pdf"
plan_roundtrip "tasks 7-9 printed with units and deadlines spanning rows" "$T/merged.pdf" "$T/part.json"

# An unseen plan, with a 序号 column.
"$PY" "$TOP/tests/gen/unseen_plan.py" "$T/unseen.json" 15
"$PY" "$GEN" "$T/unseen.json" "$T/unseen.html" --seqno --title "2026年教育工作要点任务分工方案"
print_pdf "$T/unseen.html" "$T/unseen.pdf"
plan_roundtrip "an unseen plan printed by Chromium" "$T/unseen.pdf" "$T/unseen.json"
# Distributed (分散对齐, text-align-last too): every line spread over
# its cell, the blanks Chromium puts between the characters no spaces.
"$PY" "$GEN" "$T/unseen.json" "$T/distributed.html" --seqno --distribute \
    --title "2026年教育工作要点任务分工方案"
print_pdf "$T/distributed.html" "$T/distributedh.pdf"
plan_roundtrip "an unseen plan distributed, printed by Chromium" "$T/distributedh.pdf" \
    "$T/unseen.json"
# The same in paragraphs, no table (each measure's units and deadline in
# brackets at its end), lines wrapped by the page.
"$PY" "$GEN" "$T/unseen.json" "$T/paras.html" --paragraphs --title "2026年教育工作要点任务分工方案"
print_pdf "$T/paras.html" "$T/paras.pdf"
plan_roundtrip "an unseen plan in paragraphs printed by Chromium" "$T/paras.pdf" "$T/unseen.json" quiet

# Units parted by spaces, as some offices type them: the PDF keeps a
# space between two Chinese characters as a blank wider than the line's
# others, and names part there (the first ending one, each of two
# characters or more), as the web page and Calc print them.
cat >"$T/spaced.json" <<'EOF'
{"year": 2026, "tasks": [
 {"no": 1, "section": "一、深入打好蓝天保卫战", "title": "推进重点行业超低排放改造", "measures": [
  {"text": "推动钢铁、水泥、焦化行业企业完成超低排放改造，全年完成改造企业不少于8家。", "deadline_text": "10月底前", "units": [["市生态环境局", "responsible"], ["市工业和信息化局", "responsible"], ["各县（市、区）人民政府", "responsible"]], "kind": "date", "due": "2026-10-31"},
  {"text": "开展柴油货车污染治理专项行动，加强重型柴油车路检路查和入户抽查。", "deadline_text": "全年", "units": [["市生态环境局", "responsible"], ["市公安局", "responsible"], ["市交通运输局", "responsible"]], "kind": "ongoing", "due": "2026-12-31"}]},
 {"no": 2, "section": "一、深入打好蓝天保卫战", "title": "加强扬尘污染综合治理", "measures": [
  {"text": "严格落实施工工地扬尘防控要求，对违规工地依法查处并纳入信用记录。", "deadline_text": "每月10日前", "units": [["市住房城乡建设局", "responsible"], ["市城市管理局", "responsible"], ["市自然资源和规划局", "responsible"]], "kind": "monthly", "due": "2026-01-10"},
  {"text": "推进城市道路机械化清扫，城市建成区主次干道机械化清扫率达到95%以上。", "deadline_text": "9月底前", "units": [["市城市管理局", "responsible"]], "kind": "date", "due": "2026-09-30"}]},
 {"no": 3, "section": "二、深入打好碧水保卫战", "title": "推进农业农村和港口污染治理", "measures": [
  {"text": "新增完成农村生活污水治理行政村150个，农村黑臭水体动态清零。", "deadline_text": "年底前", "units": [["市农业农村局", "responsible"], ["市生态环境局", "responsible"]], "kind": "date", "due": "2026-12-31"},
  {"text": "推进港口码头岸电设施建设和使用，新增岸电泊位20个。", "deadline_text": "三季度末", "units": [["市交通运输局", "responsible"], ["国网济宁供电公司", "responsible"], ["市水务局", "responsible"]], "kind": "date", "due": "2026-09-30"}]}]}
EOF
"$PY" "$GEN" "$T/spaced.json" "$T/spaced.html" --seqno --units-sep " " --title "2026年生态环境保护重点工作任务分工方案"
print_pdf "$T/spaced.html" "$T/spaced.pdf"
plan_roundtrip "units parted by spaces, printed by Chromium" "$T/spaced.pdf" "$T/spaced.json" quiet

# Lead and support units in columns of their own, printed: each unit
# takes its column's role.
cat >"$T/roles.html" <<'EOF'
<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px}</style></head><body>
<p>附件</p><h2>2026年市场监管工作要点任务分工</h2>
<table><tr><th>序号</th><th>工作任务</th><th>具体措施</th><th>牵头单位</th><th>配合单位</th><th>完成时间</th></tr>
<tr><td>1</td><td>强化保护</td><td>开展专项执法行动。</td><td>知识产权保护处</td><td>各市市场监督管理局</td><td>6月30日之前</td></tr>
<tr><td>2</td><td>优化服务</td><td>推进登记便利化。</td><td>办公室、法规处</td><td>知识产权运用促进处；财务处</td><td>2026.9.30</td></tr>
<tr><td>3</td><td>加强监管</td><td>开展质量抽查。</td><td>质量监督处</td><td></td><td>今年底</td></tr>
</table></body></html>
EOF
print_pdf "$T/roles.html" "$T/roles.pdf"
like "lead and support columns printed: 3 measures, no warning" '3 measures;.* 0 warnings' \
    "$("$CTL" --db "$T/roles.db" import "$T/roles.pdf" 2>&1)"
is "each unit with its column's role" "2026-06-30 知识产权保护处:lead 各市市场监督管理局:support
2026-09-30 办公室:lead 法规处:lead 知识产权运用促进处:support 财务处:support
2026-12-31 质量监督处:lead" "$(plan_roles "$T/roles.db")"
# Under a two-row header (责任单位 spanning them): the same.
sed 's|<tr><th>序号</th><th>工作任务</th><th>具体措施</th><th>牵头单位</th><th>配合单位</th><th>完成时间</th></tr>|<tr><th rowspan="2">序号</th><th rowspan="2">工作任务</th><th rowspan="2">具体措施</th><th colspan="2">责任单位</th><th rowspan="2">完成时间</th></tr><tr><th>牵头单位</th><th>配合单位</th></tr>|' \
    "$T/roles.html" >"$T/roles2.html"
grep -q 'colspan="2">责任单位' "$T/roles2.html" || _report 1 "the two-row header was written"
print_pdf "$T/roles2.html" "$T/roles2.pdf"
like "a two-row header printed: 3 measures, no warning" '3 measures;.* 0 warnings' \
    "$("$CTL" --db "$T/roles2.db" import "$T/roles2.pdf" 2>&1)"
is "each unit with its column's role under the spanning header" "$(plan_roles "$T/roles.db")" \
    "$(plan_roles "$T/roles2.db")"
# The two-row header repeated on every page (a <thead>, as Word's
# repeated header rows print): the second row still names the columns
# under 责任单位 on the first page and on the others.
"$PY" - "$T/roles5.html" <<'PY'
import sys
rows = "".join(f"<tr><td>{i}</td><td>任务{i}</td><td>开展第{i}项专项检查，形成检查报告。</td>"
               f"<td>质量监督处</td><td>法规处、财务处</td><td>{i % 12 + 1}月底前</td></tr>"
               for i in range(1, 41))
open(sys.argv[1], "w").write(
    '<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}'
    'td,th{border:1px solid #000;padding:6px}</style></head><body>'
    '<h2>2026年市场监管工作要点任务分工</h2><table><thead>'
    '<tr><th rowspan="2">序号</th><th rowspan="2">工作任务</th><th rowspan="2">具体措施</th>'
    '<th colspan="2">责任单位</th><th rowspan="2">完成时间</th></tr>'
    '<tr><th>牵头单位</th><th>配合单位</th></tr></thead><tbody>' + rows +
    '</tbody></table></body></html>')
PY
print_pdf "$T/roles5.html" "$T/roles5.pdf"
out=$("$CTL" --db "$T/roles5.db" import "$T/roles5.pdf" --year 2026 2>&1)
like "a repeated two-row header: 40 measures over pages, no warning" '40 measures;.* 0 warnings' "$out"
is "a repeated two-row header: every measure's lead and supports" "40" \
    "$(plan_roles "$T/roles5.db" | grep -c ' 质量监督处:lead 法规处:support 财务处:support$')"
# Names on lines of their own in a units cell (<br>, centred as many
# offices set them), one cut by a narrow column: each line that ends a
# name before one that starts another parts them; a name wrapped
# elsewhere stays whole.
cat >"$T/lines.html" <<'EOF'
<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px}td.u{width:7em;text-align:center}</style></head><body>
<h2>2026年城市更新行动重点任务分解表</h2>
<table><tr><th>序号</th><th>工作任务</th><th>具体措施</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>老旧小区改造</td><td>开工改造城镇老旧小区120个。</td><td class="u">市住房城乡建设局<br>各区人民政府</td><td>6月底前</td></tr>
<tr><td>2</td><td>管网改造</td><td>实施小区内外水电气热管网改造。</td><td class="u">市生态环境局<br>市水务局<br>青岛市财政局</td><td>11月底前</td></tr>
<tr><td>3</td><td>社保衔接</td><td>做好社保关系转移接续。</td><td class="u">省人力资源和社会保障厅牵头</td><td>年底前</td></tr>
</table></body></html>
EOF
print_pdf "$T/lines.html" "$T/lines.pdf"
"$CTL" --db "$T/lines.db" import "$T/lines.pdf" --year 2026 >/dev/null 2>&1
is "a PDF's names on lines of their own are parted, a wrapped one is whole" \
    "2026-06-30 市住房城乡建设局:responsible 各区人民政府:responsible
2026-11-30 市生态环境局:responsible 市水务局:responsible 青岛市财政局:responsible
2026-12-31 省人力资源和社会保障厅:lead" "$(plan_roles "$T/lines.db")"
# Columns named by their shape only (承担牵头单位, 协助单位, 实施时间):
# read, each warned about.
sed 's|<th>牵头单位</th><th>配合单位</th><th>完成时间</th>|<th>承担牵头单位</th><th>协助单位</th><th>实施时间</th>|' \
    "$T/roles.html" >"$T/shaped.html"
print_pdf "$T/shaped.html" "$T/shaped.pdf"
out=$("$CTL" --db "$T/shaped.db" import "$T/shaped.pdf" 2>&1)
like "columns named by their shape printed: 3 measures, 3 warnings" \
    '3 measures;.* 3 warnings' "$out"
like "the warning says what a column is read as" \
    'shaped.pdf:page 1: warning: column "协助单位" is read as 配合单位' "$out"
is "each unit with its shaped column's role" "$(plan_roles "$T/roles.db")" \
    "$(plan_roles "$T/shaped.db")"

# A 序号 numbering rows, the task cells merged down (rowspan): each task
# one, numbered in order.
cat >"$T/rows.html" <<'EOF'
<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px}</style></head><body>
<h2>2026年工作要点任务分工</h2>
<table><tr><th>序号</th><th>重点任务</th><th>工作举措</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td rowspan="3">加强保护</td><td>开展专项行动。</td><td>保护处</td><td>6月底前</td></tr>
<tr><td>2</td><td>建立协作机制。</td><td>法规处</td><td>9月底前</td></tr>
<tr><td>3</td><td>完善监测网络。</td><td>办公室</td><td>年底前</td></tr>
<tr><td>4</td><td>优化服务</td><td>推进便利化。</td><td>财务处</td><td>年底前</td></tr>
<tr><td>5</td><td rowspan="2">强化运用</td><td>培育示范企业。</td><td>运用处</td><td>10月底前</td></tr>
<tr><td>6</td><td>开展质押融资。</td><td>运用处</td><td>11月底前</td></tr>
</table></body></html>
EOF
print_pdf "$T/rows.html" "$T/rows.pdf"
like "a 序号 numbering rows, printed: 3 tasks, 6 measures, no warning" '3 tasks, 6 measures;.* 0 warnings' \
    "$("$CTL" --db "$T/rows.db" import "$T/rows.pdf" --year 2026 2>&1)"
is "tasks numbered in order, each with its measures" "1 加强保护 3
2 优化服务 1
3 强化运用 2" "$("$CTL" --db "$T/rows.db" export --format tsv | awk -F'\t' 'NR > 1 { n[$3] = $5; c[$3]++ } END { for (k in n) print k, n[k], c[k] }' | sort -n)"

if command -v soffice >/dev/null 2>&1; then
    "$PY" "$GEN" "$GOLD" "$T/lo.docx" --title "$TITLE" --prose --split 40
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf lo.docx >/dev/null 2>&1)
    PLAN_COMPARE_LOOSE=1 plan_roundtrip "the seed typeset by LibreOffice from Word (prose, 附件, a table continued)" "$T/lo.pdf" "$GOLD"
    # A workbook printed by Calc on tall rows: the second section's task
    # cell, merged down, starts on page 1's last row, and Calc prints
    # its text on page 2 only, where the page's top is ruled over the
    # other columns alone: the text is that cell's, and that row's
    # measure the second task's (not the first's, of another section).
    cat >"$T/calc.json" <<'EOF'
{"year": 2026, "tasks": [
 {"no": 1, "section": "一、强化知识产权创造", "title": "实施高价值专利培育工程", "measures": [
  {"text": "遴选20家企业开展高价值专利培育，支持企业构建专利池。", "deadline_text": "11月底前", "units": [["市知识产权局", "lead"], ["市科技局", "support"]]},
  {"text": "开展专利申请质量抽查，严厉打击非正常专利申请。", "deadline_text": "全年", "units": [["市知识产权局", "responsible"]]},
  {"text": "组织开展市专利奖评选，对获奖专利给予奖励。", "deadline_text": "9月30日前", "units": [["市知识产权局", "lead"], ["市财政局", "support"]]}]},
 {"no": 2, "section": "二、加强知识产权保护", "title": "加大行政执法力度", "measures": [
  {"text": "开展专项执法行动，严厉查处侵权假冒大案要案。", "deadline_text": "长期坚持", "units": [["市市场监督管理局", "lead"], ["市公安局", "support"]]},
  {"text": "加强重点商圈、电商平台等领域知识产权执法。", "deadline_text": "10月底前", "units": [["市市场监督管理局", "responsible"]]},
  {"text": "加强进出口环节知识产权保护，维护对外贸易秩序。", "deadline_text": "8月31日前", "units": [["市商务局", "responsible"]]}]}]}
EOF
    "$PY" "$GEN" "$T/calc.json" "$T/calc.xlsx" --seqno --row-height 90 --title "2026年知识产权工作要点任务分工"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf calc.xlsx >/dev/null 2>&1)
    out=$("$CTL" --db "$T/calc.db" import "$T/calc.pdf" --year 2026 2>&1)
    like "Calc: a task cell merged over a page's end, its row after a section: no warning" \
        'calc.pdf: plan 1 .* 2 tasks, 6 measures; .* 0 warnings$' "$out"
    is "and its measure is the second task's, as each measure is" \
        "$("$PY" -c 'import json, sys
for t in json.load(open(sys.argv[1]))["tasks"]:
    for m in t["measures"]: print(t["no"], m["text"])' "$T/calc.json")" \
        "$("$CTL" --db "$T/calc.db" export --format tsv | awk -F'\t' 'NR > 1 { print $3, $6 }')"
    # A sheet printed with its header on every page (print titles) and
    # task cells merged over pages' ends: Calc prints the cell's text
    # again behind the repeated header (5 / 序号).  Every measure is read
    # (the header was taken for a row of another shape, and pages were
    # skipped).
    "$PY" "$GEN" "$T/unseen.json" "$T/titles.xlsx" --seqno --row-height 90 --repeat-header \
        --title "2026年教育工作要点任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf titles.xlsx >/dev/null 2>&1)
    # A task cell merged over a page's end within a section: Calc
    # prints its text on the next page (clipped under the table on this
    # one), the last row's task cell empty but ruled off from the task
    # above, and the next page's top ruled over the other columns: that
    # text is the cell's, and the row its task's.
    plan_roundtrip "Calc's print titles over task cells merged over pages' ends" \
        "$T/titles.pdf" "$T/unseen.json" quiet
    # Units parted by spaces in a workbook Calc prints.
    "$PY" "$GEN" "$T/spaced.json" "$T/spacedx.xlsx" --seqno --row-height 48 --units-sep " " \
        --title "2026年生态环境保护重点工作任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf spacedx.xlsx >/dev/null 2>&1)
    plan_roundtrip "units parted by spaces, printed by Calc" "$T/spacedx.pdf" "$T/spaced.json" quiet
    # An office's own divisions, one a line (a break typed in the cell),
    # printed by Writer and Calc: a line that stops short of its
    # column's room was broken there, and parts names that start none
    # of a place (办公室 over 人事处), or end a place's (历下区 over 市中区).
    "$PY" -c 'import json, sys
p = json.load(open(sys.argv[1]))
names = [["办公室", "人事处"], ["财务处", "科技处", "法规处"], ["信息中心", "办公室"],
         ["历下区", "市中区", "槐荫区"], ["科技处", "财务处"], ["法规处", "信息中心", "人事处"]]
ms = [m for t in p["tasks"] for m in t["measures"]]
for m, n in zip(ms, names): m["units"] = [[u, "responsible"] for u in n]
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)' "$T/spaced.json" "$T/lines.json"
    "$PY" "$GEN" "$T/lines.json" "$T/lines.docx" --seqno --units-sep $'\n' \
        --title "2026年重点工作任务分工方案"
    "$PY" "$GEN" "$T/lines.json" "$T/linesx.xlsx" --seqno --row-height 60 --units-sep $'\n' \
        --title "2026年重点工作任务分工方案"
    # Justified (两端对齐), Writer spreads each line that ends in a typed
    # break over the cell (办  公  室): no spaces, and each line a name.
    "$PY" "$GEN" "$T/lines.json" "$T/linesj.docx" --seqno --units-sep $'\n' --justify \
        --title "2026年重点工作任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf lines.docx linesj.docx linesx.xlsx >/dev/null 2>&1)
    plan_roundtrip "divisions one a line, printed by Writer" "$T/lines.pdf" "$T/lines.json" quiet
    plan_roundtrip "divisions one a line, justified, printed by Writer" "$T/linesj.pdf" \
        "$T/lines.json" quiet
    plan_roundtrip "divisions one a line, printed by Calc" "$T/linesx.pdf" "$T/lines.json" quiet
    # One task's cell merged down over the pages of a sheet printed
    # without print titles: on the pages it goes on over, Calc draws its
    # rules down but none across, and prints its text in its middle,
    # beside the rows or above them (the first page's is clipped), so
    # their tables lack its columns; their rows are still the task's, and
    # that text is its.  The units stand one a line, centred: on the
    # later pages of the first sheet every name is as wide as the widest
    # (历下区 / 市中区), and the column's room is the first page's.
    "$PY" -c 'import calendar, json, sys
wide = [["市住房和城乡建设局", "市自然资源和规划局"], ["省人力资源和社会保障厅", "市财政局"],
        ["市发展和改革委员会", "市工业和信息化局"], ["市市场监督管理局", "市知识产权局"],
        ["市农业农村局", "市生态环境局"], ["市交通运输局", "市公安局"]]
places = ["历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区",
          "莱芜区", "钢城区", "平阴县", "商河县"]
for n, out in (14, sys.argv[1]), (40, sys.argv[2]):
    ms = [{"text": "推进第%d项重点工作，按期完成。" % (i + 1), "deadline_text": "%d月底前" % (i % 12 + 1),
           "kind": "date", "due": "2026-%02d-%02d" % (i % 12 + 1, calendar.monthrange(2026, i % 12 + 1)[1]),
           "units": [[u, "responsible"] for u in (wide[i % 14] if i % 14 < 6 else
                     [places[(3 * i + k) % 12] for k in range(3)])]} for i in range(n)]
    json.dump({"year": 2026, "tasks": [{"no": 1, "section": "", "title": "重点工作",
               "measures": ms}]}, open(out, "w"), ensure_ascii=False)' "$T/pages.json" "$T/pages40.json"
    "$PY" "$GEN" "$T/pages.json" "$T/pages.xlsx" --seqno --row-height 60 --center --units-sep $'\n' \
        --title "2026年重点工作任务分工方案"
    "$PY" "$GEN" "$T/pages40.json" "$T/pages40.xlsx" --seqno --row-height 40 --center \
        --units-sep $'\n' --title "2026年重点工作任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf pages.xlsx pages40.xlsx >/dev/null 2>&1)
    plan_roundtrip "one task over three pages printed by Calc, its cell's text on the second" \
        "$T/pages.pdf" "$T/pages.json" quiet
    plan_roundtrip "one task over four pages printed by Calc, its cell's text on the second and third" \
        "$T/pages40.pdf" "$T/pages40.json" quiet
    # Units and deadlines that measures share, one cell merged down over
    # twenty of them across a page's end (two tasks' worth): Calc rules
    # the next page's top over the measures' column alone, so its first
    # row is a new measure whose shared cells go on from above; Writer
    # breaks the cell's text over the pages (市市场监督管 / 理局), and
    # the measures below have the whole of it.
    "$PY" -c 'import json, sys
ms = [{"text": "推进第%d项重点工作，按期完成。" % (i + 1),
       "deadline_text": "年底前" if i < 20 else "6月底前", "kind": "date",
       "due": "2026-12-31" if i < 20 else "2026-06-30",
       "units": [["市市场监督管理局" if i < 20 else "市财政局", "responsible"]]} for i in range(30)]
json.dump({"year": 2026, "tasks": [
    {"no": 1, "section": "", "title": "重点工作", "measures": ms[:15]},
    {"no": 2, "section": "", "title": "其他工作", "measures": ms[15:]}]},
    open(sys.argv[1], "w"), ensure_ascii=False)' "$T/shared.json"
    "$PY" "$GEN" "$T/shared.json" "$T/shared.xlsx" --seqno --row-height 40 --merge-same \
        --title "2026年重点工作任务分工方案"
    "$PY" "$GEN" "$T/shared.json" "$T/sharedw.docx" --seqno --merge-same \
        --title "2026年重点工作任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf shared.xlsx sharedw.docx >/dev/null 2>&1)
    plan_roundtrip "units and deadlines shared over a page's end, printed by Calc" \
        "$T/shared.pdf" "$T/shared.json" quiet
    plan_roundtrip "units and deadlines shared over a page's end, printed by Writer" \
        "$T/sharedw.pdf" "$T/shared.json"
    like "(its row broken by the page joined, warned about)" \
        'sharedw.pdf:page 2: warning: row joined to the measure above' "$(cat "$T/rt.err")"
    # Justified text wrapped in its cell: Writer widens a full line's
    # characters, or the blanks between them, to reach the cell's edge;
    # neither is a space (推进第10项, 覆盖率达到95%).  Distributed, every
    # line is spread so, its last too (5—9 at one side, 月 at the other).
    "$PY" "$GEN" "$T/unseen.json" "$T/justified.docx" --seqno --justify \
        --title "2026年教育工作要点任务分工方案"
    "$PY" "$GEN" "$T/unseen.json" "$T/distributed.docx" --seqno --distribute \
        --title "2026年教育工作要点任务分工方案"
    "$PY" "$GEN" "$T/unseen.json" "$T/distributedx.xlsx" --seqno --distribute --row-height 60 \
        --title "2026年教育工作要点任务分工方案"
    # A character grid (文档网格): each character in a cell wider than
    # itself, a figure in whole cells (第1项 set as 第 1   项).
    "$PY" "$GEN" "$T/unseen.json" "$T/grid.docx" --seqno --char-grid \
        --title "2026年教育工作要点任务分工方案"
    # A grid wider than its characters (字符间距 4 pt): they keep their
    # width, 4 pt apart, and a units line as full as the grid lets it
    # is wrapped (各区县 / 教育局 is one name).
    "$PY" "$GEN" "$T/unseen.json" "$T/widegrid.docx" --seqno --char-grid 16384 \
        --title "2026年教育工作要点任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf justified.docx distributed.docx distributedx.xlsx grid.docx \
        widegrid.docx \
        >/dev/null 2>&1)
    plan_roundtrip "an unseen plan justified, printed by Writer" "$T/justified.pdf" "$T/unseen.json"
    plan_roundtrip "an unseen plan distributed, printed by Writer" "$T/distributed.pdf" \
        "$T/unseen.json"
    plan_roundtrip "an unseen plan distributed, printed by Calc" "$T/distributedx.pdf" \
        "$T/unseen.json"
    plan_roundtrip "an unseen plan on a character grid, printed by Writer" "$T/grid.pdf" \
        "$T/unseen.json"
    plan_roundtrip "an unseen plan on a grid wider than its characters, printed by Writer" \
        "$T/widegrid.pdf" "$T/unseen.json"
    # The same dark blue header, from Excel and from Word, as LibreOffice
    # prints them (its rules drawn black on the fill).
    "$PY" -c 'import json, sys
p = json.load(open(sys.argv[1])); p["tasks"] = p["tasks"][:3]
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)' "$T/unseen.json" "$T/u3.json"
    "$PY" "$GEN" "$T/u3.json" "$T/darkx.xlsx" --seqno --row-height 48 --header-fill 1F4E79 \
        --title "2026年教育工作要点任务分工方案"
    "$PY" "$GEN" "$T/unseen.json" "$T/darkw.docx" --seqno --header-fill 1F4E79 \
        --title "2026年教育工作要点任务分工方案"
    (cd "$T" && timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$T/lo" \
        --convert-to pdf darkx.xlsx darkw.docx >/dev/null 2>&1)
    plan_roundtrip "a workbook under a dark blue header printed by Calc" "$T/darkx.pdf" "$T/u3.json" quiet
    plan_roundtrip "a Word table under a dark blue header printed by Writer" "$T/darkw.pdf" "$T/unseen.json"
fi

# Rules in gray: Word's light grid (#bfbfbf), a mid gray, each thin (a
# smoothed line is lighter still); and black rules around a header shaded
# 25 % gray, whose gray between the characters is no rule.
for look in 'lgray:s/border:1px solid #000/border:0.5pt solid #bfbfbf/' \
    'gray:s/border:1px solid #000/border:0.75pt solid #808080/' \
    'shaded:s/td,th{/th{background:#bfbfbf}td,th{/'; do
    name=${look%%:*}
    sed "${look#*:}" "$T/unseen.html" >"$T/$name.html"
    print_pdf "$T/$name.html" "$T/$name.pdf"
    plan_roundtrip "an unseen plan ruled $name" "$T/$name.pdf" "$T/unseen.json" quiet
done
# Tall rows, the header not repeated: a page whose first and last rows
# both go on over a page break has its table's sides and column rules
# open at both ends (Chromium draws no border at a break); the rows'
# borders end on the sides and cross the columns' rules.
"$PY" -c 'import json, sys
p = json.load(open(sys.argv[1]))
more = "，并建立工作台账，实行清单化管理、项目化推进，定期调度进展情况，及时协调解决推进中遇到的困难和问题" * 4
for t in p["tasks"]:
    for m in t["measures"]: m["text"] = m["text"].rstrip("。") + more + "。"
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)' "$T/unseen.json" "$T/tall.json"
"$PY" "$GEN" "$T/tall.json" "$T/tall.html" --seqno --title "2026年教育工作要点任务分工方案"
sed -i 's|<thead>|<tbody>|; s|</thead>|</tbody>|' "$T/tall.html"
print_pdf "$T/tall.html" "$T/tall.pdf"
plan_roundtrip "tall rows broken at both ends of a page, no repeated header" "$T/tall.pdf" "$T/tall.json"
# A header filled dark blue, its text white: the fill is no rule, and
# the black rules drawn on it (and the white characters) are read as on
# paper.
"$PY" "$GEN" "$T/unseen.json" "$T/dark.html" --seqno --title "2026年教育工作要点任务分工方案" --header-fill 1F4E79
print_pdf "$T/dark.html" "$T/dark.pdf"
plan_roundtrip "an unseen plan under a dark blue header" "$T/dark.pdf" "$T/unseen.json" quiet

# Footnote marks, small raised figures after the text they mark: out of
# the title (which names the plan) and of the measure; a unit's ² after a
# Latin letter stays.
cat >"$T/marks.html" <<'EOF'
<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:3pt;vertical-align:top}</style></head><body>
<h2>2026年全市重点工作任务分工<sup>1</sup></h2>
<table><tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>组织开展市专利奖评选<sup>2</sup>，对获奖专利给予奖励。</td><td>市知识产权局</td><td>9月底前</td></tr>
<tr><td>2</td><td>建成面积100m<sup>2</sup>以上的示范区3个。</td><td>市财政局</td><td>年底前</td></tr>
</table><p><sup>1</sup>经市政府常务会议审议通过。</p></body></html>
EOF
print_pdf "$T/marks.html" "$T/marks.pdf"
"$CTL" --db "$T/marks.db" import --strict "$T/marks.pdf" >/dev/null 2>&1
is "footnote marks are no text; a unit's ² is" "2026年全市重点工作任务分工|组织开展市专利奖评选，对获奖专利给予奖励。|建成面积100m2以上的示范区3个。" \
    "$("$CTL" --db "$T/marks.db" export --format json | "$PY" -c '
import json, sys
p = json.load(sys.stdin)
print("|".join([p["title"]] + [m["text"] for t in p["tasks"] for m in t["measures"]]))')"

# A deadline cell's lines, each a deadline, that read as none joined
# (6月底前 over 12月底前): parted, as a Word cell's are, and warned about.
sed 's|<td>9月底前</td>|<td>6月底前<br>12月底前</td>|' "$T/marks.html" >"$T/lines.html"
print_pdf "$T/lines.html" "$T/lines.pdf"
out=$("$CTL" --db "$T/lines.db" import "$T/lines.pdf" 2>&1)
is "a PDF cell's two deadlines on their lines read as a list" "6月底前；12月底前 semiannual" \
    "$("$CTL" --db "$T/lines.db" export --format json | "$PY" -c '
import json, sys
m = json.load(sys.stdin)["tasks"][0]["measures"][0]["deadline"]
print(m["text"], m["kind"])')"
like "and warned about" 'lines.pdf:page 1: warning: the deadline cell holds two deadlines' "$out"

# A table without ruling lines: its columns are read from where the text
# stands, with a warning a page, so that --strict refuses it.
sed 's/border:1px solid #000/border:none/' "$T/unseen.html" >"$T/bare.html"
print_pdf "$T/bare.html" "$T/bare.pdf"
plan_roundtrip "an unseen plan printed without rules" "$T/bare.pdf" "$T/unseen.json"
like "warned about, at its page" 'bare.pdf:page 1: warning: no ruling lines; columns read from text positions' "$(cat "$T/rt.err")"
status_is "--strict refuses a table read without rules (65)" 65 "$CTL" --db "$T/bare.db" import --strict "$T/bare.pdf"
# Without rules, in columns narrow enough that the bold header's names
# wrap (序/号, 重点任/务): a bold font's glyph boxes are shorter than the
# body's, and measured from box edges its second line stood a row below
# the first, so no row named the columns.  Lead and support columns too.
cat >"$T/bare6.html" <<'EOF'
<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td,th{padding:4px 10px;vertical-align:top}</style></head><body>
<h2>2026年重点工作任务清单</h2>
<table><tr><th>序号</th><th>重点任务</th><th>具体措施</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>加强保护</td><td>开展专项执法行动，严厉打击侵权假冒违法行为。</td><td>省市场监管局</td><td>省公安厅、省司法厅</td><td>6月底前</td></tr>
<tr><td>2</td><td>优化服务</td><td>建设知识产权公共服务平台。</td><td>省知识产权局</td><td>省财政厅</td><td>年底前</td></tr>
<tr><td>3</td><td>强化运用</td><td>推进专利转化运用，每季度报送进展。</td><td>省科技厅</td><td></td><td>每季度</td></tr></table></body></html>
EOF
print_pdf "$T/bare6.html" "$T/bare6.pdf"
out=$("$CTL" --db "$T/bare6.db" import "$T/bare6.pdf" 2>&1)
like "six columns without rules, the header wrapped: 3 measures, only the rules' warning" '3 tasks, 3 measures;.* 1 warnings' "$out"
is "each unit with its column's role, read from text positions" "2026-06-30 省市场监管局:lead 省公安厅:support 省司法厅:support
2026-12-31 省知识产权局:lead 省财政厅:support
None 省科技厅:lead" "$(plan_roles "$T/bare6.db")"

# No text layer: a page that is only a picture.
printf '<!DOCTYPE html><svg width="600" height="400"><rect width="500" height="300" fill="#333"/></svg>' >"$T/scan.html"
print_pdf "$T/scan.html" "$T/scan.pdf"
out=$("$CTL" --db "$T/scan.db" import "$T/scan.pdf" 2>&1); rc=$?
is "a PDF without text: 65" 65 "$rc"
like "saying it needs OCR" 'scan.pdf: page 1: no text layer: a scanned PDF needs OCR first' "$out"
printf '%%PDF-1.7\nthis is not really a PDF\n' >"$T/fake.pdf"
out=$("$CTL" --db "$T/fake.db" import "$T/fake.pdf" 2>&1); rc=$?
is "a broken PDF: 65" 65 "$rc"
like "saying what poppler found" "^$T/fake.pdf: not a readable PDF: .+\$" "$out"
is "in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
head -c 20000 "$T/seed.pdf" >"$T/cut.pdf"
status_is "a truncated PDF: 65" 65 "$CTL" --db "$T/cut.db" import "$T/cut.pdf"

# One table written four ways (tests/gen/make_pdf.py): as Word by
# python3-docx, printed by Chromium with and without rules, typeset by
# LibreOffice from the Word file (its note right under the table).  Each
# PDF must import as the Word file does, measure for measure.
P="$T/made"; mkdir -p "$P"
"$PY" "$TOP/tests/gen/make_pdf.py" "$P"
"$CTL" --db "$P/word.db" import "$P/word.docx" >/dev/null 2>&1
"$CTL" --db "$P/word.db" export --format json >"$P/word.json"
plan_roundtrip "Chromium's PDF of the Word file's table (第1项, a units cell's line break)" "$P/ruled.pdf" "$P/word.json" quiet
plan_roundtrip "the same without rules" "$P/bare.pdf" "$P/word.json"
plan_roundtrip "the same inside a box drawn on every page (a frame, no table; a row broken by the page joined, with a warning)" "$P/boxed.pdf" \
    "$P/word.json"
plan_roundtrip "the same box sliced by the pages (no bottom on the first, no top on the last)" \
    "$P/sliced.pdf" "$P/word.json" quiet
if [ -f "$P/word.pdf" ]; then
    plan_roundtrip "LibreOffice's PDF of the Word file" "$P/word.pdf" "$P/word.json"
    plan_roundtrip "the same with a page border (页面边框: a frame, no table)" \
        "$P/bordered.pdf" "$P/word.json"
    plan_roundtrip "the Word file's table framed by a bordered table of one cell" \
        "$P/framed.docx" "$P/word.json" quiet
    plan_roundtrip "LibreOffice's PDF of it (the frame's top rule the table's: a frame, no table)" \
        "$P/framed.pdf" "$P/word.json"
    # An Excel sheet without borders, printed by LibreOffice: no padding,
    # so a full cell's text comes closer to the next cell's than a blank;
    # the last row alone on the last page.  Each PDF reads as its sheet.
    for f in sheet lines; do
        "$CTL" --db "$P/$f.db" import "$P/$f.xlsx" >/dev/null 2>&1
        "$CTL" --db "$P/$f.db" export --format json >"$P/$f.json"
    done
    plan_roundtrip "LibreOffice's PDF of an Excel sheet without borders" "$P/sheet.pdf" "$P/sheet.json"
    plan_roundtrip "the same with every row one line (rows as close as a cell's lines)" "$P/lines.pdf" "$P/lines.json"
    out=$("$CTL" --db "$P/secret.db" import "$P/secret.pdf" 2>&1); rc=$?
    is "an encrypted PDF: 65" 65 "$rc"
    is "saying to save it without a password" \
        "$P/secret.pdf: an encrypted PDF (it asks for a password): save it without one first" "$out"
fi
out=$("$CTL" --db "$P/boxes.db" import "$P/boxes.pdf" 2>&1); rc=$?
is "drawn boxes and no text: 65, as a scan" 65 "$rc"
like "saying it needs OCR" 'boxes.pdf: page 1: no text layer' "$out"
out=$("$CTL" --db "$P/mixed.db" import "$P/mixed.pdf" 2>&1)
like "a page that is only a picture among text pages is named" 'no text layer \(a scanned page\?\)' "$out"
# Hostile files are bounded: each refused in one line, in seconds.
for f in pages chars huge notpdf cut; do
    out=$(timeout 60 "$CTL" --db "$P/$f.db" import "$P/$f.pdf" 2>&1); rc=$?
    is "$f.pdf: refused (65)" 65 "$rc"
    is "$f.pdf: in one line" 1 "$(printf '%s\n' "$out" | wc -l)"
done
like "2001 pages are more than a plan has" '2001 pages \(more than 2000\): refusing it' \
    "$("$CTL" --db "$P/pages.db" import "$P/pages.pdf" 2>&1)"

done_testing
