#!/usr/bin/env bash
# Plans nobody on the team has seen: ground-truth TSV plans rendered as
# PDF-extracted text in many layouts (column widths, header names, number
# dots, spacing, CRLF, page breaks, joined cells, broken deadlines).  The
# text import must give the same plan as the TSV import.
. "$(dirname "$0")/../lib.sh"

layouts=(
    "--seed 1"
    "--seed 2 --widths 12,40,16,8 --headers 重点任务,具体措施,牵头单位,完成时限"
    "--seed 3 --widths 16,52,22,10 --headers 工作任务,工作措施,责任部门,时间节点 --dot ．"
    "--seed 4 --widths 14,46,18,8 --single"
    "--seed 5 --widths 10,36,14,8 --crlf"
    "--seed 6 --widths 18,60,24,12 --single --dot ．"
)
for plan in "$TOP"/tests/data/plan-*.tsv; do
    name=$(basename "$plan" .tsv)
    "$CTL" --db "$T/$name-tsv.db" import "$plan" >/dev/null
    "$CTL" --db "$T/$name-tsv.db" export --format json >"$T/$name-truth.json"
    i=0
    for layout in "${layouts[@]}"; do
        i=$((i + 1))
        # shellcheck disable=SC2086
        "$PY" "$TOP/tests/render_plan.py" "$plan" $layout >"$T/$name-$i.txt"
        out=$("$CTL" --db "$T/$name-$i.db" import "$T/$name-$i.txt" 2>&1)
        unlike "$name layout $i: imports without warnings" 'warning:|error' "$out"
        "$CTL" --db "$T/$name-$i.db" export --format json >"$T/$name-$i.json"
        ok "$name layout $i ($layout): same plan as its TSV" \
            "$PY" "$TOP/tests/plan_compare.py" "$T/$name-$i.json" "$T/$name-truth.json"
    done
done

# A table numbered past 999: the reader once stopped at three digits and
# folded every later task into task 999 without a warning.
"$PY" - "$T/long.tsv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("plan\tyear\ttask_no\tsection\ttask\tmeasure\tunits\tdeadline\n")
    for t in range(1, 1011):
        for k in (1, 2):
            f.write(f"长表\t2026\t{t}\t一、总体\t任务{t}的标题\t第{t}项任务"
                    f"第{k}条措施，推进落实。\t处室{t % 7}牵头\t年底前\n")
PY
"$CTL" --db "$T/long-tsv.db" import "$T/long.tsv" >/dev/null
"$CTL" --db "$T/long-tsv.db" export --format json >"$T/long-truth.json"
"$PY" "$TOP/tests/render_plan.py" "$T/long.tsv" >"$T/long.txt"
out=$("$CTL" --db "$T/long-txt.db" import "$T/long.txt" 2>&1)
like "a table of 1010 tasks: all of them, without warnings" ': 1010 tasks, 2020 measures;.* 0 warnings$' "$out"
"$CTL" --db "$T/long-txt.db" export --format json >"$T/long.json"
ok "a table of 1010 tasks: same plan as its TSV" \
    "$PY" "$TOP/tests/plan_compare.py" "$T/long.json" "$T/long-truth.json"

# A note above the table on the order of the units names, wrapped over
# two lines (牵 on one, 头 on the next): the first unit leads, the others
# support.
printf '%s\n\n' "2026年全市营商环境工作任务清单" "注：责任单位中排在第一位的为牵" \
    "头单位，其余为配合单位。" "任务清单 落实举措 责任单位 完成时间" \
    "1.优化服务 制定实施方案。 市发展改革委、市财政局 6月底前" \
    "2.强化监管 开展专项检查。 市市场监管局、市公安局 年底前" >"$T/order.txt"
out=$("$CTL" --db "$T/order.db" import "$T/order.txt" 2>&1)
like "a wrapped note on the units' order is named at its first line" \
    'order\.txt:3: note: .* the others as support' "$out"
is "and each first unit leads, the others support" "2026-06-30 市发展改革委:lead 市财政局:support
2026-12-31 市市场监管局:lead 市公安局:support" "$(plan_roles "$T/order.db")"

# The same note under the table, wrapped, where the text's columns cut it
# into cells: left out with a warning at its line, not stored as a measure,
# and what it says of the order taken all the same.
printf '%s\n\n' "2026年全市营商环境工作任务清单" "任务清单 落实举措 责任单位 完成时间" \
    "1.优化服务 制定实施方案。 市发展改革委、市财政局 6月底前" \
    "2.强化监管 开展专项检查。 市市场监管局、市公安局 年底前" \
    "注：责任单位中排在第一位的为牵头单" "位，其余为配合单位。" >"$T/order2.txt"
out=$("$CTL" --db "$T/order2.db" import "$T/order2.txt" 2>&1)
like "a note under a text table: left out, warned at its line" \
    'order2\.txt:9: warning: a note under the table \("注：.*"\) is left out' "$out"
like "and its order taken" 'order2\.txt:9: note: .* the others as support' "$out"
like "2 measures, not 3" ': 2 tasks, 2 measures;' "$out"
is "each first unit leads, the others support" "2026-06-30 市发展改革委:lead 市财政局:support
2026-12-31 市市场监管局:lead 市公安局:support" "$(plan_roles "$T/order2.db")"

done_testing
