#!/usr/bin/python3
"""Write a plan nobody has seen, as JSON in the shape make_plan.py reads
(and plan_compare.py compares with): other units, roles and deadline
forms than the seed's (weekly, monthly, every other month or week, half
months, ten days, festivals, ranges, another
year's), three sections, a few measures a task, Latin letters and digits
among the Chinese as offices write them (ISO 9001认证, 200人次, 第3项).

usage: unseen_plan.py OUT.json TASKS [YEAR]
"""
import json
import sys

UNITS = ["办公室", "财务处", "人事处", "科技处", "法规处", "各区县教育局", "信息中心"]
SECTIONS = ["一、强化制度建设", "二、推进重点改革", "三、加强督促检查"]


def forms(year):
    y = str(year)
    return [("3月底前", "date", y + "-03-31"), ("6月30日前", "date", y + "-06-30"),
            ("第三季度", "date", y + "-09-30"), ("年底前", "date", y + "-12-31"),
            ("全年", "ongoing", y + "-12-31"), ("每季度", "quarterly", None),
            ("10月份前", "date", y + "-09-30"), ("上半年", "date", y + "-06-30"),
            ("5—9月", "date", y + "-09-30"), ("%d年3月底前" % (year + 1), "date", "%d-03-31" % (year + 1)),
            ("11月中下旬", "date", y + "-11-30"), ("每月", "monthly", None),
            ("9月1日—15日", "date", y + "-09-15"), ("每周", "weekly", None), ("年中", "date", y + "-06-30"),
            ("双月报送", "bimonthly", None), ("每半月", "semimonthly", None), ("每两周", "biweekly", None),
            ("每旬报送", "tenday", None)]


# Clauses of measures, some with Latin letters and digits.
PHRASES = ["制定实施方案", "细化责任分工", "完成ISO 9001质量管理体系认证", "培训教师200人次以上",
           "推进RCEP框架下的交流合作", "建设5G智慧校园试点10所", "开展专项督查", "按季度报送进展情况",
           "覆盖率达到95%以上", "落实“双减”政策要求"]


def main():
    out, ntasks = sys.argv[1], int(sys.argv[2])
    year = int(sys.argv[3]) if len(sys.argv) > 3 else 2026
    f = forms(year)
    tasks, k = [], 0
    for no in range(1, ntasks + 1):
        ms = []
        for _ in range(1 + no % 3):
            k += 1
            d = f[k % len(f)]
            units = [[UNITS[k % 7], "lead"], [UNITS[(k + 2) % 7], "responsible"]]
            if k % 3 == 0:
                units.append([UNITS[(k + 4) % 7], "support"])
            ms.append({"text": "围绕第%d项重点工作%s，明确时间节点，确保各项任务落到实处。"
                               % (k, "，".join(PHRASES[(k + j * 3) % len(PHRASES)]
                                              for j in range(1 + k % 3))),
                       "deadline_text": d[0], "kind": d[1], "due": d[2], "units": units})
        tasks.append({"no": no, "section": SECTIONS[(no - 1) * len(SECTIONS) // ntasks],
                      "title": ("重点任务第%d项工作安排" if no % 2 else "抓好第%d项ISO认证工作") % no, "measures": ms})
    json.dump({"year": year, "title": "%d年教育工作要点任务分工方案" % year, "tasks": tasks},
              open(out, "w", encoding="utf-8"), ensure_ascii=False)


if __name__ == "__main__":
    main()
