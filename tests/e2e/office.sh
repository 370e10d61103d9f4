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
"$PY" - "$T/unseen.json" <<'PY'
import json, sys
units = ["办公室", "财务处", "人事处", "科技处", "法规处", "各区县教育局", "信息中心"]
forms = [("3月底前", "date", "2026-03-31"), ("6月30日前", "date", "2026-06-30"),
         ("第三季度", "date", "2026-09-30"), ("年底前", "date", "2026-12-31"),
         ("全年", "ongoing", "2026-12-31"), ("每季度", "quarterly", None),
         ("10月份前", "date", "2026-09-30"), ("上半年", "date", "2026-06-30")]
tasks, k = [], 0
for no in range(1, 13):
    ms = []
    for j in range(1 + no % 3):
        k += 1
        d = forms[k % len(forms)]
        roles = [[units[k % 7], "lead"], [units[(k + 2) % 7], "responsible"]]
        if k % 3 == 0:
            roles.append([units[(k + 4) % 7], "support"])
        ms.append({"text": "围绕第%d项重点工作，制定实施方案并组织推进落实，按季度报送进展情况。" % k,
                   "deadline_text": d[0], "kind": d[1], "due": d[2], "units": roles})
    tasks.append({"no": no, "section": ["一、强化制度建设", "二、推进重点改革", "三、加强督促检查"][(no - 1) // 4],
                  "title": "重点任务第%d项" % no, "measures": ms})
json.dump({"year": 2026, "title": "2026年教育工作要点任务分工方案", "tasks": tasks},
          open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$PY" "$GEN" "$T/unseen.json" "$T/unseen.docx" --seqno --split 9
"$PY" "$GEN" "$T/unseen.json" "$T/unseen.xlsx"
plan_roundtrip "an unseen plan as Word" "$T/unseen.docx" "$T/unseen.json" quiet
plan_roundtrip "an unseen plan as Excel" "$T/unseen.xlsx" "$T/unseen.json" quiet

# Legacy formats go through LibreOffice when it is there; else a hint.
if command -v soffice >/dev/null 2>&1; then
    # As a Writer user saves it: opened (.odt), then saved as Word 97.
    # (Saved straight from python-docx's file, LibreOffice's Word 97
    # filter writes its tables as plain text, whoever reads them.)
    "$PY" "$GEN" "$T/unseen.json" "$T/legacy.docx" --seqno
    cp "$T/unseen.xlsx" "$T/legacy.xlsx"
    lo() { (cd "$T" && timeout 180 soffice --headless --norestore \
        "-env:UserInstallation=file://$T/lo" --convert-to "$@" >/dev/null 2>&1); }
    lo odt legacy.docx && rm "$T/legacy.docx" && lo doc legacy.odt && lo xls legacy.xlsx
    plan_roundtrip "an unseen plan saved by LibreOffice as Word 97 (.doc)" "$T/legacy.doc" "$T/unseen.json" quiet
    plan_roundtrip "and as Excel 97 (.xls)" "$T/legacy.xls" "$T/unseen.json" quiet
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
wb.save(sys.argv[1])
PY
out=$("$CTL" --db "$T/w.db" import "$T/doubt.xlsx" 2>&1)
like "a unit cell that reads like a sentence: warned at its cell" 'doubt.xlsx:清单!A4: warning: the units cell reads like a sentence' "$out"
like "a deadline the grammar does not know: warned at its row" 'doubt.xlsx:清单!A5: warning: .*汛期前' "$out"
status_is "--strict refuses it (65)" 65 "$CTL" --db "$T/w2.db" import --strict "$T/doubt.xlsx"

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
data = open(t + "/seed.docx", "rb").read()
open(t + "/cut.docx", "wb").write(data[:len(data) // 2])
PY
for f in bomb.docx:'zip bomb' lol.docx:'DOCTYPE' deep.docx:'nested deeper' other.zip:'no Word \(.docx\) or Excel' cut.docx:'not a readable ZIP'; do
    file=${f%%:*} want=${f#*:}
    out=$("$CTL" --db "$T/h.db" import "$T/$file" 2>&1); rc=$?
    is "$file: refused with 65" 65 "$rc"
    like "$file: one line saying why" "^$T/$file: .*$want" "$out"
    is "$file: one line" 1 "$(printf '%s\n' "$out" | wc -l)"
done
ok "nothing was stored" bash -c '! [ -s "$1" ] || [ "$("$2" --db "$1" export 2>&1 | grep -c "\"id\"")" = 0 ]' _ "$T/h.db" "$CTL"

done_testing
