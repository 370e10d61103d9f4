#!/usr/bin/python3
"""Synthetic work plans for the benchmark, the same for the same arguments.

    gen_plan.py --measures N [--seed S] [--format tsv|csv]
    gen_plan.py --fanout N --unit-format FMT [--deadline TEXT]

The first form writes a plan in deadlinectl's export columns (plan, year,
task_no, section, task, measure, units, deadline; as tests/data/*.tsv):
N measures in at most 999 tasks (about a hundred measures each for the
largest plans; the readers take task numbers of up to six digits, and
tests/e2e/layouts.sh covers plans past 999 tasks) under ten sections,
written like real measures, with unit cells of one to four units (牵头,
配合, clauses after "；") and deadlines drawn from every form of the
grammar.  tests/render_plan.py renders it as PDF-extracted text.

The second form (CSV) is the delivery benchmarks' plan: N measures, each
owned by its own unit, named FMT % i (i = 1..N), all due at TEXT
(default 12月底前).
"""

import argparse
import csv
import random
import sys

TITLE = "2026 年全市重点工作任务清单（基准测试）"
YEAR = 2026
COLUMNS = ["plan", "year", "task_no", "section", "task", "measure", "units",
           "deadline"]

SECTIONS = [
    "一、深化改革创新，持续优化营商环境",
    "二、强化监管执法，守牢安全发展底线",
    "三、推动质量提升，服务高质量发展",
    "四、加强知识产权保护，激发创新活力",
    "五、推进生态环境治理，建设美丽城市",
    "六、保障和改善民生，增进群众福祉",
    "七、推进数字化转型，提升治理效能",
    "八、加强法治建设，规范权力运行",
    "九、防范化解风险，维护安全稳定",
    "十、加强自身建设，提升履职能力",
]
TASK_VERBS = ["深化", "强化", "推进", "完善", "加强", "健全", "提升", "优化",
              "推动", "落实"]
TASK_OBJECTS = [
    "商事制度改革", "信用监管体系建设", "食品安全监管", "特种设备安全监察",
    "药品安全治理", "产品质量监督抽查", "标准化建设", "计量基础能力建设",
    "知识产权行政保护", "知识产权运用转化", "大气污染联防联控", "水生态环境保护",
    "土壤污染风险管控", "固体废物综合治理", "政务服务标准化", "数据共享开放",
    "行政执法规范化建设", "消费者权益保护", "网络交易监管", "价格监督检查",
    "公平竞争审查", "安全生产专项整治", "应急管理能力建设", "基层治理体系建设",
    "干部队伍建设", "党风廉政建设", "宣传引导工作", "统计监测分析",
]
ACTIONS = ["开展", "组织开展", "推进", "完善", "制定出台", "修订", "建立健全",
           "全面落实", "深入实施", "加快推进", "持续推进", "探索建立"]
OBJECTS = [
    "经营主体登记注册全程电子化", "企业开办“一网通办”", "歇业备案和简易注销改革试点",
    "经营主体信用风险分类管理", "食品安全抽检监测", "校园食品安全专项检查",
    "特种设备隐患排查治理", "电梯维保质量提升行动", "药品零售企业飞行检查",
    "重点工业产品质量监督抽查", "地方标准制定修订", "民生计量器具强制检定",
    "知识产权纠纷快速处理机制", "商标侵权案件查办", "专利转化运用专项计划",
    "重点行业超低排放改造评估监测", "挥发性有机物综合治理", "重污染天气应急预案修订",
    "入河排污口排查整治", "建设用地土壤污染状况调查", "危险废物规范化环境管理评估",
    "政务服务事项标准化梳理", "公共数据资源目录编制", "行政执法“三项制度”",
    "消费投诉公示制度", "网络交易平台合规指引", "涉企收费专项检查",
    "妨碍统一市场和公平竞争政策措施清理", "城镇燃气安全专项整治", "应急物资储备体系",
    "社区网格化管理", "年轻干部培养选拔", "廉政风险防控", "重大政策新闻发布",
    "经济运行监测分析", "城乡供水一体化工程", "农村人居环境整治", "中小企业融资服务",
]
METHODS = ["建立工作台账", "实行清单化管理", "强化部门协同联动", "加强督导检查",
           "定期通报进展情况", "开展专项行动", "引入第三方评估", "推动数据共享互认",
           "健全长效机制", "压实属地责任", "完善考核评价办法", "加强业务培训"]
GOALS = ["确保按期完成任务", "覆盖率达到 {n}% 以上", "办理时限压缩至 {n} 个工作日以内",
         "形成可复制可推广的经验", "切实提升群众满意度", "全年完成 {n} 家企业检查",
         "问题整改率达到 {n}%", "培育示范单位 {n} 个"]
UNITS = [
    "办公室", "法规处", "综合规划处", "登记注册处", "信用监管处", "执法稽查局",
    "宣传处", "人事教育处", "财务审计处", "信息中心", "质量发展处", "标准化处",
    "计量处", "认证认可处", "食品生产处", "食品经营处", "食品抽检处",
    "特种设备安全监察处", "药品流通监管处", "医疗器械监管处", "知识产权保护处",
    "知识产权运用促进处", "大气环境处", "水生态环境处", "土壤生态环境处",
    "生态环境执法支队", "监测中心", "应急中心", "机关党委", "发展改革委",
    "工业和信息化局", "住房城乡建设局", "农业农村局", "交通运输局", "教育局",
    "卫生健康委", "网络交易监督管理处", "消费者权益保护处",
    "价格监督检查和反不正当竞争处", "市计量测试研究院", "12315 指挥中心",
]
AREA_UNITS = ["各区县市场监管局", "各县（市、区）生态环境分局", "各有关处室（单位）"]
CN_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def deadline(rnd):
    """A deadline in one of the grammar's forms, weighted towards the
    common ones (月底前, 季度, 年底前, 全年)."""
    m = rnd.randint(1, 12)
    forms = [
        (20, lambda: "%d月底前" % m),
        (6, lambda: "%d月份前" % rnd.randint(2, 12)),
        (3, lambda: "%d月" % m),
        (4, lambda: "%d月%s" % (m, rnd.choice(["上旬", "中旬", "下旬"]))),
        (5, lambda: "%d月%d日前" % (m, rnd.randint(1, 28))),
        (6, lambda: rnd.choice(["", "第"]) + rnd.choice(["一", "二", "三", "四"])
         + "季度" + rnd.choice(["", "末"])),
        (4, lambda: rnd.choice(["上半年", "下半年", "上半年前"])),
        (10, lambda: rnd.choice(["年底前", "年底前完成", "年内", "年底"])),
        (8, lambda: rnd.choice(["全年", "长期坚持", "持续推进", "常态化", "长期"])),
        (3, lambda: rnd.choice(["每月", "每季度"])),
        (2, lambda: ("%d月底前" % m).translate(FULLWIDTH)),
        (2, lambda: "%s月底前" % CN_MONTHS[m - 1]),
        (1, lambda: "%d年%d月底前" % (YEAR + 1, rnd.randint(1, 6))),
        (2, lambda: "%d月底前完成" % m),
    ]
    pick = rnd.uniform(0, sum(w for w, _ in forms))
    for w, f in forms:
        pick -= w
        if pick <= 0:
            return f()
    return forms[0][1]()


def units(rnd):
    """A units cell: one to four units, with roles in the usual forms."""
    a, b, c, d = rnd.sample(UNITS, 4)
    area = rnd.choice(AREA_UNITS)
    return rnd.choice([
        a, a, a + "、" + b, a + "牵头，" + b + "配合", a + "牵头，" + b + "、" + c + "配合",
        a + "牵头，" + b + "配合；" + area, a + "；" + area, a + "（牵头），" + b,
        a + "、" + b + "、" + c, a + "牵头，" + b + "、" + c + "、" + d + "配合",
    ])


def measure(rnd, i):
    goal = rnd.choice(GOALS).format(n=rnd.randint(3, 99))
    # The serial keeps measures of one task distinct, as real ones are.
    return "%s%s（第 %d 项），%s，%s。" % (rnd.choice(ACTIONS), rnd.choice(OBJECTS),
                                      i, rnd.choice(METHODS), goal)


def plan_rows(n, seed):
    rnd = random.Random(seed)
    ntasks = max(1, min(999, n // 8))
    # Every task gets one measure, the rest go to tasks at random.
    owner = sorted(list(range(ntasks)) + [rnd.randrange(ntasks) for _ in range(n - ntasks)])
    titles = [rnd.choice(TASK_VERBS) + rnd.choice(TASK_OBJECTS) for _ in range(ntasks)]
    for i, t in enumerate(owner):
        section = SECTIONS[t * len(SECTIONS) // ntasks]
        yield [TITLE, str(YEAR), str(t + 1), section, titles[t], measure(rnd, i + 1),
               units(rnd), deadline(rnd)]


def fanout_rows(n, unit_format, due):
    for i in range(1, n + 1):
        t = (i - 1) // 10 + 1
        yield [TITLE, str(YEAR), str(t), SECTIONS[0], "推进基准测试任务第 %d 组" % t,
               "完成基准测试事项（第 %d 项），按期报送进展情况。" % i,
               unit_format % i, due]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int)
    ap.add_argument("--fanout", type=int)
    ap.add_argument("--unit-format", default="基准单位%05d")
    ap.add_argument("--deadline", default="12月底前")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--format", choices=["tsv", "csv"], default="tsv")
    args = ap.parse_args()
    if (args.measures is None) == (args.fanout is None):
        ap.error("give --measures or --fanout")
    if args.fanout is not None:
        args.format = "csv"
        rows = fanout_rows(args.fanout, args.unit_format, args.deadline)
    else:
        rows = plan_rows(args.measures, args.seed)
    out = sys.stdout
    if args.format == "tsv":
        out.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    else:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(COLUMNS)
        w.writerows(rows)


if __name__ == "__main__":
    main()
