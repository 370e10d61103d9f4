/*
 * Tests for the deadline grammar: one table of phrases with the kind and
 * due date each must give (README, "Deadlines", plus the
 * variants real plans use), one table for deadline_current_due, and the
 * kind names.  Every table row runs as its own test case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "plan/deadline.h"
#include "base/log.h"
#include "base/util.h"

struct parse_case {
	const char *text;
	int year;
	enum dl_kind kind;
	const char *due;	/* YYYY-MM-DD, or NULL for none */
};

static const struct parse_case parse_cases[] = {
	/* X月份前, X月前: the end of the month before. */
	/* Ranges: the end of the later month (or day). */
	{ "5—9月", 2026, DL_DATE, "2026-09-30" },
	{ "5-9月", 2026, DL_DATE, "2026-09-30" },
	{ "5～9月底前", 2026, DL_DATE, "2026-09-30" },
	{ "5至9月", 2026, DL_DATE, "2026-09-30" },
	{ "5到9月底", 2026, DL_DATE, "2026-09-30" },
	{ "5月—9月", 2026, DL_DATE, "2026-09-30" },
	{ "5月至9月底", 2026, DL_DATE, "2026-09-30" },
	{ "二至四月", 2026, DL_DATE, "2026-04-30" },
	{ "5—9月前", 2026, DL_DATE, "2026-09-30" },	/* the period's end */
	/* Quarters: the later one's end. */
	{ "三至四季度", 2026, DL_DATE, "2026-12-31" },
	{ "第三季度至第四季度", 2026, DL_DATE, "2026-12-31" },
	{ "第二至第三季度末", 2026, DL_DATE, "2026-09-30" },
	{ "3—4季度", 2026, DL_DATE, "2026-12-31" },
	{ "一至二季度完成", 2026, DL_DATE, "2026-06-30" },
	{ "二季度至三季度前", 2026, DL_DATE, "2026-09-30" },
	{ "四至三季度", 2026, DL_UNKNOWN, NULL },	/* backwards */
	{ "三至五季度", 2026, DL_UNKNOWN, NULL },
	{ "3—4月", 2026, DL_DATE, "2026-04-30" },	/* months, not quarters */
	{ "5月至9月份前", 2026, DL_DATE, "2026-09-30" },
	{ "5-9月份", 2026, DL_DATE, "2026-09-30" },
	{ "11—2月", 2026, DL_UNKNOWN, NULL },
	{ "5—9月前后", 2026, DL_DATE, "2026-09-30" },	/* about */
	{ "5—9月前期", 2026, DL_UNKNOWN, NULL },
	{ "9月1日—15日", 2026, DL_DATE, "2026-09-15" },
	/* The first day's 日 left off; a later ten days of the month. */
	{ "6月1-30日", 2026, DL_DATE, "2026-06-30" },
	{ "6月30-1日", 2026, DL_UNKNOWN, NULL },		/* backwards */
	{ "9月上旬-中旬", 2026, DL_DATE, "2026-09-20" },
	{ "9月上旬至下旬", 2026, DL_DATE, "2026-09-30" },
	{ "9月中旬-上旬", 2026, DL_UNKNOWN, NULL },
	/* From a part of a month: to the later part, or month. */
	{ "6月下旬至7月上旬", 2026, DL_DATE, "2026-07-10" },
	{ "6月底至7月中旬", 2026, DL_DATE, "2026-07-20" },
	{ "6月上旬至6月下旬", 2026, DL_DATE, "2026-06-30" },
	{ "6月初至9月", 2026, DL_DATE, "2026-09-30" },
	{ "6月中旬—年底", 2026, DL_DATE, "2026-12-31" },
	{ "7月下旬至6月", 2026, DL_UNKNOWN, NULL },
	{ "6月至6月", 2026, DL_UNKNOWN, NULL },
	{ "9月1日至15日前", 2026, DL_DATE, "2026-09-15" },
	{ "9月1日—31日", 2026, DL_UNKNOWN, NULL },
	{ "9-5月", 2026, DL_UNKNOWN, NULL },
	{ "9月15日—1日", 2026, DL_UNKNOWN, NULL },
	/* Two ten-day periods; the middle of the year. */
	{ "10月中下旬", 2026, DL_DATE, "2026-10-31" },
	{ "3月上中旬", 2026, DL_DATE, "2026-03-20" },
	{ "年中", 2026, DL_DATE, "2026-06-30" },
	{ "年中前", 2026, DL_DATE, "2026-06-30" },
	/* Festivals: the day before (lunar ones from the generated table). */
	{ "元旦前", 2026, DL_DATE, "2026-12-31" },
	/* A year named: its 元旦, its first day. */
	{ "2027年元旦前", 2026, DL_DATE, "2026-12-31" },
	{ "2026年元旦前", 2026, DL_DATE, "2025-12-31" },
	{ "次年元旦前", 2026, DL_DATE, "2026-12-31" },
	{ "今年元旦前", 2026, DL_DATE, "2026-12-31" },
	{ "2027年元旦前后", 2026, DL_DATE, "2027-01-01" },
	{ "春节前", 2026, DL_DATE, "2026-02-16" },
	{ "春节前", 2021, DL_DATE, "2021-02-11" },
	{ "春节前后", 2026, DL_DATE, "2026-02-17" },
	{ "国庆节前后", 2026, DL_DATE, "2026-10-01" },
	{ "清明节前", 2026, DL_DATE, "2026-04-04" },
	{ "清明前", 2021, DL_DATE, "2021-04-03" },
	{ "清明节前", 2024, DL_DATE, "2024-04-03" },	/* 4 April in leap years */
	{ "清明节前", 2008, DL_DATE, "2008-04-03" },
	{ "清明节前", 2099, DL_DATE, "2099-04-03" },
	{ "春节前", 2000, DL_DATE, "2000-02-04" },
	{ "中秋节前", 2099, DL_DATE, "2099-09-28" },
	{ "春节前", 1999, DL_UNKNOWN, NULL },
	{ "元旦前", 2100, DL_DATE, "2100-12-31" },
	{ "五一前", 2026, DL_DATE, "2026-04-30" },
	{ "劳动节前", 2026, DL_DATE, "2026-04-30" },
	{ "端午节前", 2026, DL_DATE, "2026-06-18" },
	{ "端午前", 2021, DL_DATE, "2021-06-13" },
	{ "中秋节前", 2026, DL_DATE, "2026-09-24" },
	{ "中秋前", 2021, DL_DATE, "2021-09-20" },
	{ "国庆节前", 2026, DL_DATE, "2026-09-30" },
	{ "国庆前", 2026, DL_DATE, "2026-09-30" },
	{ "五一节前", 2026, DL_DATE, "2026-04-30" },
	/* 元宵: the first lunar month's 15th, 14 days after 春节. */
	{ "元宵节前", 2026, DL_DATE, "2026-03-02" },
	{ "元宵前", 2021, DL_DATE, "2021-02-25" },
	{ "元宵节前", 2100, DL_UNKNOWN, NULL },
	{ "春节前", 2100, DL_UNKNOWN, NULL },
	{ "春节后", 2026, DL_UNKNOWN, NULL },
	/* Still unknown: no date of their own. */
	{ "每学期", 2026, DL_UNKNOWN, NULL },
	{ "汛期前", 2026, DL_UNKNOWN, NULL },
	{ "秋季开学前", 2026, DL_UNKNOWN, NULL },
	{ "4月份前", 2021, DL_DATE, "2021-03-31" },
	{ "10月份前", 2021, DL_DATE, "2021-09-30" },
	{ "4月前", 2021, DL_DATE, "2021-03-31" },
	{ "3月前", 2021, DL_DATE, "2021-02-28" },
	{ "3月份前", 2024, DL_DATE, "2024-02-29" },
	{ "十二月份前", 2021, DL_DATE, "2021-11-30" },
	{ "1月份前", 2021, DL_DATE, "2020-12-31" },
	{ "1月前", 2021, DL_DATE, "2020-12-31" },

	/* The end of month X, in every numeral script. */
	{ "10月底前", 2021, DL_DATE, "2021-10-31" },
	{ "１０月底前", 2021, DL_DATE, "2021-10-31" },
	{ "十月底前", 2021, DL_DATE, "2021-10-31" },
	{ "十一月底前", 2021, DL_DATE, "2021-11-30" },
	{ "6月底", 2021, DL_DATE, "2021-06-30" },
	{ "6月", 2021, DL_DATE, "2021-06-30" },
	{ "１２月", 2021, DL_DATE, "2021-12-31" },
	{ "2月", 2024, DL_DATE, "2024-02-29" },
	{ "9月份", 2021, DL_DATE, "2021-09-30" },
	{ "9月末", 2021, DL_DATE, "2021-09-30" },
	{ "9月末前", 2021, DL_DATE, "2021-09-30" },
	/* Within the month: its end. */
	{ "6月内", 2021, DL_DATE, "2021-06-30" },
	{ "九月份内完成", 2021, DL_DATE, "2021-09-30" },
	{ "9月份底前", 2021, DL_DATE, "2021-09-30" },
	{ "09月底前", 2021, DL_DATE, "2021-09-30" },

	/* 上旬, 中旬, 下旬. */
	{ "3月上旬", 2021, DL_DATE, "2021-03-10" },
	{ "3月上旬前", 2021, DL_DATE, "2021-03-10" },
	{ "3月中旬", 2021, DL_DATE, "2021-03-20" },
	{ "三月中旬前", 2021, DL_DATE, "2021-03-20" },
	{ "2月下旬", 2021, DL_DATE, "2021-02-28" },
	{ "2月下旬前", 2024, DL_DATE, "2024-02-29" },
	/* The middle of a month: 中旬's end. */
	{ "6月中", 2026, DL_DATE, "2026-06-20" },
	{ "六月中前", 2026, DL_DATE, "2026-06-20" },
	{ "6月中期", 2026, DL_UNKNOWN, NULL },
	{ "每月中", 2026, DL_MONTHLY, "2026-01-20" },
	/* 止 ("until") after a day is 前. */
	{ "12月31日止", 2026, DL_DATE, "2026-12-31" },
	{ "至6月30日止", 2026, DL_DATE, "2026-06-30" },
	/* 为止 as 止, and after a period's end (6月底止: 6月底前). */
	{ "6月底为止", 2026, DL_DATE, "2026-06-30" },
	{ "到6月底为止", 2026, DL_DATE, "2026-06-30" },
	{ "至9月30日为止", 2026, DL_DATE, "2026-09-30" },
	{ "至6月底止", 2026, DL_DATE, "2026-06-30" },
	{ "年末止", 2026, DL_DATE, "2026-12-31" },
	/* A month's end or middle said twice, ten days' end. */
	{ "6月月底前", 2026, DL_DATE, "2026-06-30" },
	{ "6月份月底前", 2026, DL_DATE, "2026-06-30" },
	{ "每月月中", 2026, DL_MONTHLY, "2026-01-20" },
	{ "6月上旬末", 2026, DL_DATE, "2026-06-10" },
	{ "6月中旬末前", 2026, DL_DATE, "2026-06-20" },
	{ "二季度末前后", 2026, DL_DATE, "2026-06-30" },
	{ "2026年中", 2026, DL_DATE, "2026-06-30" },
	{ "2027年中", 2026, DL_DATE, "2027-06-30" },
	{ "2026年度第三季度", 2026, DL_DATE, "2026-09-30" },
	/* So is a year's date or half (年度 as 年). */
	{ "2026年度6月底前", 2026, DL_DATE, "2026-06-30" },
	{ "2027年度3月底前", 2026, DL_DATE, "2027-03-31" },
	{ "2026年度年底前", 2026, DL_DATE, "2026-12-31" },
	{ "2026年度上半年", 2026, DL_DATE, "2026-06-30" },
	{ "2026年度", 2026, DL_DATE, "2026-12-31" },
	/* What recurs all year, said so; a period's ordinal after 的. */
	{ "全年每月10日前", 2026, DL_MONTHLY, "2026-01-10" },
	{ "全年各季度末", 2026, DL_QUARTERLY, NULL },
	{ "年内每季度", 2026, DL_QUARTERLY, NULL },
	{ "每季度的最后一个月25日前", 2026, DL_QUARTERLY, "2026-03-25" },
	{ "每季度的第一个月5日前", 2026, DL_QUARTERLY, "2026-01-05" },
	/* Going on until a date is done by it; done cumulatively too. */
	{ "持续到年底", 2026, DL_DATE, "2026-12-31" },
	{ "持续推进至6月底", 2026, DL_DATE, "2026-06-30" },
	{ "持续开展到2027年6月底", 2026, DL_DATE, "2027-06-30" },
	{ "截至年底累计完成", 2026, DL_DATE, "2026-12-31" },
	{ "9月底前累计完成", 2026, DL_DATE, "2026-09-30" },
	{ "每月10日止", 2026, DL_MONTHLY, "2026-01-10" },
	/* Quarters as Q1 to Q4, with a year before them or not. */
	{ "Q3", 2026, DL_DATE, "2026-09-30" },
	{ "q4前", 2026, DL_DATE, "2026-12-31" },
	{ "Ｑ２末", 2026, DL_DATE, "2026-06-30" },
	{ "2027Q1", 2026, DL_DATE, "2027-03-31" },
	{ "2026年Q2完成", 2026, DL_DATE, "2026-06-30" },
	{ "Q5", 2026, DL_UNKNOWN, NULL },
	{ "Q0", 2026, DL_UNKNOWN, NULL },
	/* Once a year, in a plan of one year: by its end. */
	{ "每年一次", 2026, DL_DATE, "2026-12-31" },
	{ "每年1次", 2026, DL_DATE, "2026-12-31" },
	{ "一年一次", 2026, DL_DATE, "2026-12-31" },
	{ "每年一报", 2026, DL_DATE, "2026-12-31" },
	{ "一年一报", 2026, DL_DATE, "2026-12-31" },
	{ "一年一评估", 2026, DL_DATE, "2026-12-31" },
	{ "每年至少一次", 2026, DL_DATE, "2026-12-31" },
	{ "按年度报送", 2026, DL_DATE, "2026-12-31" },
	{ "按年报告一次", 2026, DL_DATE, "2026-12-31" },
	{ "每年", 2026, DL_UNKNOWN, NULL },
	/* From a year on: all of it. */
	{ "2026年起", 2026, DL_ONGOING, "2026-12-31" },
	{ "今年起持续推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "2026年开始实施", 2026, DL_ONGOING, "2026-12-31" },
	{ "2027年起", 2026, DL_ONGOING, "2027-12-31" },
	/* From a year before the plan's: it goes on in the plan's year. */
	{ "2025年起", 2026, DL_ONGOING, "2026-12-31" },
	{ "2025年9月起持续推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "2024年下半年起", 2026, DL_ONGOING, "2026-12-31" },
	{ "2025年底前", 2026, DL_DATE, "2025-12-31" },	/* a date stays */
	/* From a year's start to its end: by its end. */
	/* 本年度 and 当年度 are the plan's year, as 本年. */
	{ "本年度上半年", 2026, DL_DATE, "2026-06-30" },
	{ "当年度6月底前", 2026, DL_DATE, "2026-06-30" },
	{ "本年度", 2026, DL_DATE, "2026-12-31" },
	{ "本年度内", 2026, DL_DATE, "2026-12-31" },
	{ "当年度完成", 2026, DL_DATE, "2026-12-31" },
	{ "本年", 2026, DL_UNKNOWN, NULL },
	/* More of what goes on all year. */
	{ "全年常态化开展", 2026, DL_ONGOING, "2026-12-31" },
	{ "常抓不懈", 2026, DL_ONGOING, "2026-12-31" },
	{ "2026年起至年底", 2026, DL_DATE, "2026-12-31" },
	{ "今年至年底前", 2026, DL_DATE, "2026-12-31" },
	{ "2027年至年底", 2026, DL_DATE, "2027-12-31" },
	{ "2026年至6月", 2026, DL_UNKNOWN, NULL },

	/* A day. */
	{ "3月15日前", 2021, DL_DATE, "2021-03-15" },
	{ "3月15日", 2021, DL_DATE, "2021-03-15" },
	{ "3月15号", 2021, DL_DATE, "2021-03-15" },
	{ "3月15号前", 2021, DL_DATE, "2021-03-15" },
	{ "十月一日", 2021, DL_DATE, "2021-10-01" },
	{ "十二月二十一日前", 2021, DL_DATE, "2021-12-21" },
	{ "2月29日", 2024, DL_DATE, "2024-02-29" },
	{ "2月29日", 2021, DL_UNKNOWN, NULL },
	{ "2月30日", 2021, DL_UNKNOWN, NULL },
	{ "4月31日前", 2021, DL_UNKNOWN, NULL },
	{ "3月0日", 2021, DL_UNKNOWN, NULL },
	{ "3月32日", 2021, DL_UNKNOWN, NULL },

	/* Quarters: 前 means by the end of the quarter. */
	{ "一季度", 2021, DL_DATE, "2021-03-31" },
	{ "第一季度", 2021, DL_DATE, "2021-03-31" },
	{ "一季度末", 2021, DL_DATE, "2021-03-31" },
	{ "一季度前", 2021, DL_DATE, "2021-03-31" },
	{ "一季度末前", 2021, DL_DATE, "2021-03-31" },
	{ "一季度底", 2021, DL_DATE, "2021-03-31" },
	{ "一季度底前", 2021, DL_DATE, "2021-03-31" },
	{ "二季度", 2021, DL_DATE, "2021-06-30" },
	{ "第三季度末", 2021, DL_DATE, "2021-09-30" },
	{ "三季度内", 2021, DL_DATE, "2021-09-30" },
	{ "四季度", 2021, DL_DATE, "2021-12-31" },
	{ "第四季度前", 2021, DL_DATE, "2021-12-31" },
	{ "第1季度", 2021, DL_DATE, "2021-03-31" },
	{ "３季度", 2021, DL_DATE, "2021-09-30" },
	{ "五季度", 2021, DL_UNKNOWN, NULL },
	/* The first N quarters: by the Nth's end. */
	{ "前三季度", 2021, DL_DATE, "2021-09-30" },
	{ "前两个季度", 2021, DL_DATE, "2021-06-30" },
	{ "前三季度末", 2021, DL_DATE, "2021-09-30" },
	{ "2022年前三季度", 2021, DL_DATE, "2022-09-30" },
	{ "前五季度", 2021, DL_UNKNOWN, NULL },
	{ "第0季度", 2021, DL_UNKNOWN, NULL },

	/* Half years. */
	{ "上半年", 2021, DL_DATE, "2021-06-30" },
	{ "上半年前", 2021, DL_DATE, "2021-06-30" },
	{ "上半年末", 2021, DL_DATE, "2021-06-30" },
	{ "上半年末前", 2021, DL_DATE, "2021-06-30" },
	{ "上半年底", 2021, DL_DATE, "2021-06-30" },
	{ "上半年底前", 2021, DL_DATE, "2021-06-30" },
	{ "上半年内", 2021, DL_DATE, "2021-06-30" },
	{ "下半年", 2021, DL_DATE, "2021-12-31" },
	{ "下半年底前", 2021, DL_DATE, "2021-12-31" },

	/* The end of the year. */
	{ "年底前", 2021, DL_DATE, "2021-12-31" },
	{ "年底", 2021, DL_DATE, "2021-12-31" },
	{ "年内", 2021, DL_DATE, "2021-12-31" },
	{ "年末", 2021, DL_DATE, "2021-12-31" },
	{ "年终", 2021, DL_DATE, "2021-12-31" },
	{ "2022年终前", 2021, DL_DATE, "2022-12-31" },
	/* About a date (前后, 左右): the date. */
	{ "12月10日前后", 2021, DL_DATE, "2021-12-10" },
	{ "6月底左右", 2021, DL_DATE, "2021-06-30" },
	{ "9月前后", 2021, DL_DATE, "2021-09-30" },
	{ "三季度左右", 2021, DL_DATE, "2021-09-30" },
	{ "每月10日左右", 2021, DL_MONTHLY, "2021-01-10" },
	{ "9月前后左右", 2021, DL_UNKNOWN, NULL },
	{ "年底前后", 2021, DL_DATE, "2021-12-31" },
	{ "2022年底左右", 2021, DL_DATE, "2022-12-31" },
	{ "年末前", 2021, DL_DATE, "2021-12-31" },
	{ "年底前", 2024, DL_DATE, "2024-12-31" },

	/* Ongoing and periodic. */
	{ "全年", 2021, DL_ONGOING, "2021-12-31" },
	{ "长期", 2021, DL_ONGOING, "2021-12-31" },
	{ "持续推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "常态化", 2022, DL_ONGOING, "2022-12-31" },
	{ "长期坚持", 2021, DL_ONGOING, "2021-12-31" },
	{ "持续深化", 2021, DL_ONGOING, "2021-12-31" },
	{ "持续加强", 2021, DL_ONGOING, "2021-12-31" },
	{ "全年度", 2021, DL_ONGOING, "2021-12-31" },
	{ "持续研究", 2021, DL_UNKNOWN, NULL },
	{ "每月", 2021, DL_MONTHLY, NULL },
	{ "每月底", 2021, DL_MONTHLY, NULL },
	/* A day of every month: January's stands for it. */
	{ "每月5日前", 2021, DL_MONTHLY, "2021-01-05" },
	{ "每月5日", 2021, DL_MONTHLY, "2021-01-05" },
	{ "每月10号之前", 2021, DL_MONTHLY, "2021-01-10" },
	{ "每月３１日前", 2021, DL_MONTHLY, "2021-01-31" },
	{ "2022年每月15日前", 2021, DL_MONTHLY, "2022-01-15" },
	{ "每月上旬", 2021, DL_MONTHLY, "2021-01-10" },
	{ "每月中旬前", 2021, DL_MONTHLY, "2021-01-20" },
	{ "每月下旬", 2021, DL_MONTHLY, NULL },
	{ "每月32日前", 2021, DL_UNKNOWN, NULL },
	{ "每月0日前", 2021, DL_UNKNOWN, NULL },
	{ "每季度", 2021, DL_QUARTERLY, NULL },
	{ "每季度末", 2021, DL_QUARTERLY, NULL },
	{ "每半年", 2026, DL_SEMIANNUAL, NULL },
	{ "每半年度", 2026, DL_SEMIANNUAL, NULL },
	{ "半年一次", 2026, DL_SEMIANNUAL, NULL },
	/* Once a period, with a report's verb: 年 and 半年 then no date. */
	{ "半年报送一次", 2026, DL_SEMIANNUAL, NULL },
	{ "半年报送", 2026, DL_UNKNOWN, NULL },		/* which half? */
	{ "每年报送一次", 2026, DL_DATE, "2026-12-31" },
	{ "2027年上报一次", 2026, DL_DATE, "2027-12-31" },
	{ "每周", 2026, DL_WEEKLY, NULL },
	{ "双月", 2026, DL_BIMONTHLY, NULL },
	{ "每双月", 2026, DL_BIMONTHLY, NULL },
	{ "每两个月", 2026, DL_BIMONTHLY, NULL },
	{ "每两月调度", 2026, DL_BIMONTHLY, NULL },
	{ "每2个月报送一次", 2026, DL_BIMONTHLY, NULL },
	{ "隔月报送", 2026, DL_BIMONTHLY, NULL },
	{ "两月一报", 2026, DL_BIMONTHLY, NULL },
	{ "两个月一次", 2026, DL_BIMONTHLY, NULL },
	{ "双月报送进展", 2026, DL_BIMONTHLY, NULL },
	{ "每两个月报送工作进展", 2026, DL_BIMONTHLY, NULL },
	{ "每两个月结束后10日内", 2026, DL_BIMONTHLY, "2026-03-10" },
	{ "双月开展检查", 2026, DL_UNKNOWN, NULL },	/* a measure's text */
	/* Every three or six months: the quarter, the half year. */
	{ "每三个月", 2026, DL_QUARTERLY, NULL },
	{ "每三个月报送一次", 2026, DL_QUARTERLY, NULL },
	{ "每6个月报送一次", 2026, DL_SEMIANNUAL, NULL },
	{ "每五个月", 2026, DL_UNKNOWN, NULL },
	{ "每两周", 2026, DL_BIWEEKLY, NULL },
	{ "双周调度", 2026, DL_BIWEEKLY, NULL },
	{ "隔周报送", 2026, DL_BIWEEKLY, NULL },
	{ "每2周一次", 2026, DL_BIWEEKLY, NULL },
	{ "两周一报", 2026, DL_BIWEEKLY, NULL },
	{ "每两周报送工作进展", 2026, DL_BIWEEKLY, NULL },
	{ "每半月", 2026, DL_SEMIMONTHLY, NULL },
	{ "每半个月报送一次", 2026, DL_SEMIMONTHLY, NULL },
	{ "按半月报送", 2026, DL_SEMIMONTHLY, NULL },
	{ "半月一报", 2026, DL_SEMIMONTHLY, NULL },
	/* One a period, whatever is done once (一X一调度, 一X一通报). */
	{ "半月一调度", 2026, DL_SEMIMONTHLY, NULL },
	{ "一月一通报", 2026, DL_MONTHLY, NULL },
	{ "一月一次", 2026, DL_MONTHLY, NULL },
	{ "一月", 2026, DL_DATE, "2026-01-31" },	/* January */
	{ "一季一调度", 2026, DL_QUARTERLY, NULL },
	{ "一季度一通报", 2026, DL_QUARTERLY, NULL },
	{ "一季度一次", 2026, DL_QUARTERLY, NULL },
	{ "一季度", 2026, DL_DATE, "2026-03-31" },
	{ "每季一通报", 2026, DL_QUARTERLY, NULL },
	{ "半年一通报", 2026, DL_SEMIANNUAL, NULL },
	{ "一周一调度", 2026, DL_WEEKLY, NULL },
	{ "两周一调度", 2026, DL_BIWEEKLY, NULL },
	{ "两个月一通报", 2026, DL_BIMONTHLY, NULL },
	{ "一旬一调度", 2026, DL_TENDAY, NULL },
	{ "一月一开展", 2026, DL_UNKNOWN, NULL },
	{ "每季度至少1次", 2026, DL_QUARTERLY, NULL },
	{ "每半年至少一次", 2026, DL_SEMIANNUAL, NULL },
	{ "每半月报送进展", 2026, DL_SEMIMONTHLY, NULL },
	{ "每旬", 2026, DL_TENDAY, NULL },
	{ "按旬报送", 2026, DL_TENDAY, NULL },
	{ "每旬一报", 2026, DL_TENDAY, NULL },
	/* The days of every month named: the half month's, the ten days'. */
	{ "每月15日和月底", 2026, DL_SEMIMONTHLY, NULL },
	{ "每月15日前和月底前报送", 2026, DL_SEMIMONTHLY, NULL },
	{ "每个月15号、月末前", 2026, DL_SEMIMONTHLY, NULL },
	{ "每月的15日和最后一天", 2026, DL_SEMIMONTHLY, NULL },
	{ "每月10日、20日、月底前报送进展", 2026, DL_TENDAY, NULL },
	{ "每月10、20日和月底前", 2026, DL_TENDAY, NULL },
	{ "每月5日、25日前", 2026, DL_UNKNOWN, NULL },	/* two a month */
	{ "每月15日和30日", 2026, DL_UNKNOWN, NULL },	/* 31 days: late */
	{ "每月20日、月底前", 2026, DL_UNKNOWN, NULL },
	{ "每月15日、月底前开展检查", 2026, DL_UNKNOWN, NULL },
	{ "每月15日、20日、月底前", 2026, DL_UNKNOWN, NULL },
	/* A quarter's first month, a week after a period's end. */
	{ "每季度首月报送", 2026, DL_QUARTERLY, "2026-01-31" },
	{ "季度第一个月", 2026, DL_QUARTERLY, "2026-01-31" },
	{ "每月结束后一周内", 2026, DL_MONTHLY, "2026-02-07" },
	{ "季度结束后1周内报送", 2026, DL_QUARTERLY, "2026-04-07" },
	{ "每季度结束后一周", 2026, DL_UNKNOWN, NULL },
	/* A quarter's last month: by its end. */
	{ "每季度末月", 2026, DL_QUARTERLY, NULL },
	{ "每季度末月报送", 2026, DL_QUARTERLY, NULL },
	{ "季末月底前", 2026, DL_QUARTERLY, NULL },
	{ "每周报送进展", 2026, DL_WEEKLY, NULL },
	{ "每周开展检查", 2026, DL_UNKNOWN, NULL },	/* a measure's text */
	{ "每三周", 2026, DL_UNKNOWN, NULL },
	/* Within the year, done in it: by its end. */
	{ "全年内", 2026, DL_DATE, "2026-12-31" },
	{ "全年完成", 2026, DL_DATE, "2026-12-31" },
	{ "全年内完成", 2026, DL_DATE, "2026-12-31" },
	{ "全年内每月10日前", 2026, DL_MONTHLY, "2026-01-10" },
	{ "全年完成64家企业检查", 2026, DL_UNKNOWN, NULL },	/* text */
	{ "全年内完成64家企业检查", 2026, DL_UNKNOWN, NULL },
	{ "全年持续推进", 2026, DL_ONGOING, "2026-12-31" },
	/* Daily, and times counted from when no date says: no deadline. */
	{ "每日", 2026, DL_UNKNOWN, NULL },
	{ "每天报送", 2026, DL_UNKNOWN, NULL },
	{ "每个工作日", 2026, DL_UNKNOWN, NULL },
	{ "三个月内", 2026, DL_UNKNOWN, NULL },
	{ "立即", 2026, DL_UNKNOWN, NULL },
	{ "十四五期间", 2026, DL_UNKNOWN, NULL },
	{ "每月最后一天", 2026, DL_MONTHLY, NULL },
	{ "每季度最后一天前", 2026, DL_QUARTERLY, NULL },
	{ "每月最后一个工作日", 2026, DL_MONTHLY, "2026-01-30" },	/* test_workday_due */
	{ "每周五", 2026, DL_WEEKLY, NULL },
	{ "每周五前", 2026, DL_WEEKLY, NULL },
	{ "每周末前", 2026, DL_WEEKLY, NULL },
	{ "每星期", 2026, DL_WEEKLY, NULL },
	{ "每星期五前", 2026, DL_WEEKLY, NULL },
	{ "每周一次", 2026, DL_WEEKLY, NULL },
	{ "按周报送", 2026, DL_WEEKLY, NULL },
	{ "每周报送一次", 2026, DL_WEEKLY, NULL },
	/* 每周一报 is a report a week, not Monday's */
	{ "每周一报", 2026, DL_WEEKLY, NULL },
	{ "一周一报", 2026, DL_WEEKLY, NULL },
	{ "2027年每周", 2026, DL_WEEKLY, NULL },
	/* A named day: its first week's (test_week_named_day). */
	{ "每周一", 2026, DL_WEEKLY, "2026-01-05" },
	{ "每周三前", 2026, DL_WEEKLY, "2026-01-07" },
	{ "每星期六", 2021, DL_WEEKLY, "2021-01-02" },
	{ "每周一下午", 2026, DL_WEEKLY, "2026-01-05" },
	{ "每周完成", 2026, DL_UNKNOWN, NULL },
	/* Before each period is over. */
	{ "每季度结束前", 2026, DL_QUARTERLY, NULL },
	{ "每月结束前报送", 2026, DL_MONTHLY, NULL },
	{ "每半年结束前", 2026, DL_SEMIANNUAL, NULL },
	/* No quarter named: every one (季度末 as 每季度末). */
	{ "季度结束前", 2026, DL_QUARTERLY, NULL },
	{ "季度末", 2026, DL_QUARTERLY, NULL },
	{ "季末报送进展", 2026, DL_QUARTERLY, NULL },
	{ "季度第一个月5日前", 2026, DL_QUARTERLY, "2026-01-05" },
	{ "一季度末", 2026, DL_DATE, "2026-03-31" },
	{ "月底前", 2026, DL_UNKNOWN, NULL },	/* this month's, or each? */
	/* Reported at each date of a list. */
	{ "6月、12月各报送一次", 2026, DL_SEMIANNUAL, NULL },
	{ "3、6、9、12月各报送一次", 2026, DL_QUARTERLY, NULL },
	{ "年底前各市完成", 2026, DL_UNKNOWN, NULL },	/* 各 starts a name */
	/* A time of day before the verb. */
	{ "6月30日17时前报送", 2026, DL_DATE, "2026-06-30" },
	{ "6月30日17:00前报送进展", 2026, DL_DATE, "2026-06-30" },
	{ "每周一上午10点前报送上周情况", 2026, DL_WEEKLY, "2026-01-05" },
	{ "6月30日下班前完成", 2026, DL_DATE, "2026-06-30" },
	/* Or a part of the day without its hour. */
	{ "6月30日下午报送", 2026, DL_DATE, "2026-06-30" },
	{ "每周一上午报送", 2026, DL_WEEKLY, "2026-01-05" },
	{ "每周五下午报送进展", 2026, DL_WEEKLY, NULL },
	{ "每月5日上午报送", 2026, DL_MONTHLY, "2026-01-05" },
	{ "每周五下午开展检查", 2026, DL_UNKNOWN, NULL },	/* not a report */
	{ "下午报送", 2026, DL_UNKNOWN, NULL },
	/* A day of every week, then what is reported on it. */
	{ "每周五报送", 2026, DL_WEEKLY, NULL },
	{ "每周一报送进展", 2026, DL_WEEKLY, "2026-01-05" },
	/* Said twice: 每周周五, 每个星期五. */
	{ "每周周五", 2026, DL_WEEKLY, NULL },
	{ "每个星期五", 2026, DL_WEEKLY, NULL },
	{ "每周的周一", 2026, DL_WEEKLY, "2026-01-05" },
	/* One report a period by its name, or said so. */
	{ "双月报", 2026, DL_BIMONTHLY, NULL },
	{ "旬报", 2026, DL_TENDAY, NULL },
	{ "月报", 2026, DL_MONTHLY, NULL },
	{ "每月一调度", 2026, DL_MONTHLY, NULL },
	{ "每季度一通报", 2026, DL_QUARTERLY, NULL },
	{ "每星期三上报", 2026, DL_WEEKLY, "2026-01-07" },
	{ "每周五开展检查", 2026, DL_UNKNOWN, NULL },	/* a measure's text */
	{ "每周八报送", 2026, DL_UNKNOWN, NULL },

	/* An explicit year wins over the plan's. */
	{ "2022年3月底前", 2021, DL_DATE, "2022-03-31" },
	{ "2022年底前", 2021, DL_DATE, "2022-12-31" },
	{ "2022年年底前", 2021, DL_DATE, "2022-12-31" },
	{ "2022年内", 2021, DL_DATE, "2022-12-31" },
	{ "2022年末", 2021, DL_DATE, "2022-12-31" },
	{ "2023年一季度", 2021, DL_DATE, "2023-03-31" },
	{ "2022年1月份前", 2021, DL_DATE, "2021-12-31" },
	{ "２０２２年６月底前", 2021, DL_DATE, "2022-06-30" },
	{ "2022 年 上半年", 2021, DL_DATE, "2022-06-30" },
	{ "2022年底前完成", 2021, DL_DATE, "2022-12-31" },
	{ "2022年全年", 2021, DL_ONGOING, "2022-12-31" },
	{ "2022年每月", 2021, DL_MONTHLY, NULL },
	{ "2024年2月29日", 2021, DL_DATE, "2024-02-29" },
	{ "0000年底前", 2021, DL_UNKNOWN, NULL },

	/* Whitespace anywhere is ignored. */
	{ "6 月 底 前", 2021, DL_DATE, "2021-06-30" },
	{ "6月底\n前", 2021, DL_DATE, "2021-06-30" },
	{ "6\xe3\x80\x80月底前", 2021, DL_DATE, "2021-06-30" },
	{ "6月底\xe3\x80\x80\n前", 2021, DL_DATE, "2021-06-30" },
	{ " 年底前 ", 2021, DL_DATE, "2021-12-31" },
	{ "\t全年\r\n", 2021, DL_ONGOING, "2021-12-31" },

	/* 完成 after any date form, and only after one. */
	{ "6月底前完成", 2021, DL_DATE, "2021-06-30" },
	{ "年底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "年底完成", 2021, DL_DATE, "2021-12-31" },
	{ "3月15日前完成", 2021, DL_DATE, "2021-03-15" },
	{ "一季度完成", 2021, DL_DATE, "2021-03-31" },
	{ "10月份前 完成", 2021, DL_DATE, "2021-09-30" },
	{ "全年完成", 2021, DL_DATE, "2021-12-31" },	/* 年内完成 */
	{ "每月完成", 2021, DL_UNKNOWN, NULL },
	{ "完成", 2021, DL_UNKNOWN, NULL },

	/* 之前 and 以前 for 前: a month's 前 still means the month before. */
	{ "6月30日之前", 2021, DL_DATE, "2021-06-30" },
	{ "4月份以前", 2021, DL_DATE, "2021-03-31" },
	{ "9月底以前完成", 2021, DL_DATE, "2021-09-30" },
	{ "三季度之前", 2021, DL_DATE, "2021-09-30" },
	{ "国庆节以前", 2021, DL_DATE, "2021-09-30" },
	{ "之前", 2021, DL_UNKNOWN, NULL },
	{ "全年以前", 2021, DL_UNKNOWN, NULL },

	/* Dates in figures, one separator throughout. */
	{ "2021.6.30", 2021, DL_DATE, "2021-06-30" },
	{ "2022-03-31", 2021, DL_DATE, "2022-03-31" },
	{ "2021/9/30前", 2021, DL_DATE, "2021-09-30" },
	{ "２０２１．６．３０", 2021, DL_DATE, "2021-06-30" },
	{ "2021.6.30完成", 2021, DL_DATE, "2021-06-30" },
	{ "2021.2", 2021, DL_DATE, "2021-02-28" },
	{ "2021-6-31", 2021, DL_UNKNOWN, NULL },
	{ "2021.6-30", 2021, DL_UNKNOWN, NULL },
	{ "2021.6.", 2021, DL_UNKNOWN, NULL },
	/* A clause's end, brackets, dashes of other widths. */
	{ "6月底前，", 2026, DL_DATE, "2026-06-30" },
	{ "6月底前、", 2026, DL_DATE, "2026-06-30" },
	{ "[6月底前]", 2026, DL_DATE, "2026-06-30" },
	{ "〔年底前〕", 2026, DL_DATE, "2026-12-31" },
	{ "1——6月", 2026, DL_DATE, "2026-06-30" },
	{ "1―6月", 2026, DL_DATE, "2026-06-30" },
	{ "2021.13", 2021, DL_UNKNOWN, NULL },
	{ "21.6.30", 2021, DL_UNKNOWN, NULL },
	{ "2021-2025", 2021, DL_UNKNOWN, NULL },
	{ "20210630", 2021, DL_UNKNOWN, NULL },

	/* A date, then what goes on after it: the date. */
	{ "6月底前，长期坚持", 2021, DL_DATE, "2021-06-30" },
	{ "年底前并持续推进", 2021, DL_DATE, "2021-12-31" },
	{ "2022年6月底前完成，并长期坚持", 2021, DL_DATE, "2022-06-30" },
	{ "6月底前；常态化", 2021, DL_DATE, "2021-06-30" },
	{ "6月底前，9月底前", 2021, DL_UNKNOWN, NULL },
	{ "长期坚持，6月底前", 2021, DL_DATE, "2021-06-30" },	/* the date, either way round */
	/* A day of the week after the day, as Excel's long date writes
	 * it; a system's ISO time after the date. */
	{ "2021年6月30日星期三", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日周三前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日星期八", 2021, DL_UNKNOWN, NULL },
	{ "2021-12-31T00:00:00", 2021, DL_DATE, "2021-12-31" },
	/* A year in figures, a dot, then a month with its 月. */
	{ "2022.6月底前", 2021, DL_DATE, "2022-06-30" },
	{ "2021/10月底前完成", 2021, DL_DATE, "2021-10-31" },
	{ "2021.13月", 2021, DL_UNKNOWN, NULL },
	{ "T12:00", 2021, DL_UNKNOWN, NULL },
	/* A note that names another day (December's exception): which
	 * one?  One that names none is a note. */
	{ "每月25日前（12月为20日前）", 2021, DL_UNKNOWN, NULL },
	{ "每月25日前（节假日顺延）", 2021, DL_MONTHLY, "2021-01-25" },
	/* Verbs: going on deeper; taking effect on the ground. */
	{ "持续深入推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "深入推进", 2021, DL_UNKNOWN, NULL },
	{ "上半年出台，年底前落地见效", 2021, DL_DATE, "2021-12-31" },
	/* What the work goes on, a first clause: the deadline after it. */
	{ "根据国家部署，年底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "按省统一部署，6月底前完成", 2021, DL_DATE, "2021-06-30" },
	{ "根据国家部署推进", 2021, DL_UNKNOWN, NULL },
	/* 按月 is a form, no basis: one period said twice, with its day. */
	{ "按月，每月10日前", 2021, DL_MONTHLY, "2021-01-10" },
	/* A day off's shift as a last clause: a note. */
	{ "每月10日前报送，遇节假日顺延", 2021, DL_MONTHLY, "2021-01-10" },
	{ "6月30日前；如遇法定节假日顺延至节后第一个工作日", 2021, DL_DATE,
	  "2021-06-30" },
	{ "每月10日前，遇节假日顺延3天", 2021, DL_UNKNOWN, NULL },
	{ "每月10日前，持续推进", 2021, DL_MONTHLY, "2021-01-10" },
	/* Two ways of going on: on. */
	{ "全年，长期坚持", 2021, DL_ONGOING, "2021-12-31" },
	{ "长期坚持，常抓不懈", 2021, DL_ONGOING, "2021-12-31" },
	{ "长期坚持、持续推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "2022年起，持续推进", 2021, DL_ONGOING, "2022-12-31" },
	{ "持续推进，2022年起", 2021, DL_ONGOING, "2022-12-31" },
	{ "7月1日起，长期坚持", 2021, DL_ONGOING, "2021-12-31" },
	{ "6月底前并", 2021, DL_UNKNOWN, NULL },
	/* Steps to a later end, which its verb names: the end. */
	{ "9月底前启动，年底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前完成初稿、9月底前印发", 2021, DL_DATE, "2021-09-30" },
	{ "9月底前印发、6月底前完成初稿", 2021, DL_UNKNOWN, NULL },
	{ "3月底前、9月底前", 2021, DL_UNKNOWN, NULL },	/* no period */
	{ "6月底前、长期坚持", 2021, DL_DATE, "2021-06-30" },
	/* And what else is done by then, after 并: the date. */
	{ "6月底前完成，并报送总结", 2021, DL_DATE, "2021-06-30" },
	{ "年底前完成,并全面推开", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前完成，报送总结", 2021, DL_UNKNOWN, NULL },	/* no 并 */
	{ "6月底前完成，并报送2020年总结", 2021, DL_UNKNOWN, NULL },
	{ "省知识产权局，并报送", 2021, DL_UNKNOWN, NULL },
	/* Three steps or more, each later one with its verb: the last. */
	{ "3月底前制定方案，6月底前启动实施，12月底前完成", 2021, DL_DATE,
	  "2021-12-31" },
	{ "3月底前制定方案；6月底前启动；9月底前验收；年底前完成", 2021,
	  DL_DATE, "2021-12-31" },
	/* Sentences in a row are clauses, as parted by ；. */
	{ "3月底前制定方案。6月底前启动实施。12月底前完成。", 2021, DL_DATE,
	  "2021-12-31" },
	{ "6月底前完成初稿。9月底前印发", 2021, DL_DATE, "2021-09-30" },
	{ "持续推进。每季度报送", 2021, DL_QUARTERLY, NULL },
	{ "覆盖率达到95%以上。年底前", 2021, DL_UNKNOWN, NULL },
	/* Four steps with their verbs: more than 96 bytes, read whole. */
	{ "3月底前完成摸底调查工作，6月底前制定整改工作方案，10月底前完成整改，"
	  "12月底前完成全部整改验收", 2021, DL_DATE, "2021-12-31" },
	{ "3月底前制定方案，6月底前启动，5月底前完成", 2021, DL_UNKNOWN, NULL },
	/* 分别 before the verb of a list: at each. */
	{ "6月底前、12月底前分别报送工作总结", 2021, DL_SEMIANNUAL, NULL },
	{ "于6月底前和12月底前分别报送", 2021, DL_SEMIANNUAL, NULL },
	{ "3月底前制定方案，6月底前，12月底前完成", 2021, DL_UNKNOWN, NULL },
	/* A cell's lines, each a deadline: as if parted by ；. */
	{ "6月底前出台方案\n年底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前\n\n12月底前", 2021, DL_SEMIANNUAL, NULL },
	{ "6月底前\n（持续推进）", 2021, DL_DATE, "2021-06-30" },
	{ "6月\n底前", 2021, DL_DATE, "2021-06-30" },
	{ "全年\n持续推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "2022年6月底前部署，9月底前印发", 2021, DL_DATE, "2022-09-30" },
	{ "年底前，6月底前完成", 2021, DL_UNKNOWN, NULL },	/* earlier */
	{ "6月底前启动，年底前", 2021, DL_UNKNOWN, NULL },	/* no verb */

	/* Every period's end, listed: the period. */
	{ "6月底前，年底前", 2021, DL_SEMIANNUAL, NULL },
	{ "6月底、12月底前", 2021, DL_SEMIANNUAL, NULL },
	{ "6月、12月底前", 2021, DL_SEMIANNUAL, NULL },
	/* parted by / too, which a date in figures keeps (2021/6/30) */
	{ "6月底前/12月底前", 2021, DL_SEMIANNUAL, NULL },
	{ "3月底／6月底／9月底／12月底前", 2021, DL_QUARTERLY, NULL },
	{ "4月底前/10月底前", 2021, DL_UNKNOWN, NULL },
	{ "2021/6/30", 2021, DL_DATE, "2021-06-30" },
	/* Two of them: the later. */
	{ "2021.6-2021.12", 2021, DL_DATE, "2021-12-31" },
	{ "2021.01—2021.12", 2021, DL_DATE, "2021-12-31" },
	{ "2021.6.1～2021.6.30", 2021, DL_DATE, "2021-06-30" },
	{ "2021-01-01至2021-12-31", 2021, DL_DATE, "2021-12-31" },
	{ "2021.6—2022.6", 2021, DL_DATE, "2022-06-30" },
	{ "2021.12-2021.6", 2021, DL_UNKNOWN, NULL },	/* backwards */
	{ "2021.6-12", 2021, DL_UNKNOWN, NULL },	/* June 12? */
	{ "6.1-2021.6.30", 2021, DL_UNKNOWN, NULL },
	{ "6/30前", 2021, DL_DATE, "2021-06-30" },
	{ "分别于6月底和12月底前", 2021, DL_SEMIANNUAL, NULL },
	{ "每年6月30日及12月31日前", 2021, DL_SEMIANNUAL, NULL },
	{ "2021年6月底前、12月底前报送", 2021, DL_SEMIANNUAL, NULL },
	{ "6月底前报送进展，12月底前报送总结", 2021, DL_SEMIANNUAL, NULL },
	{ "3、6、9、12月底前", 2021, DL_QUARTERLY, NULL },
	{ "三、六、九、十二月底前", 2021, DL_QUARTERLY, NULL },
	{ "3月底、6月底、9月底、12月底前报送", 2021, DL_QUARTERLY, NULL },
	{ "1、2、3、4、5、6、7、8、9、10、11、12月底前", 2021, DL_MONTHLY, NULL },
	{ "2、4、6、8、10、12月底前", 2021, DL_BIMONTHLY, NULL },
	{ "4、8、12月底前", 2021, DL_UNKNOWN, NULL },	/* no such period */
	/* One day of each period's month: due that day of the first. */
	{ "3月、6月、9月、12月25日前", 2026, DL_QUARTERLY, "2026-03-25" },
	{ "3、6、9、12月25日前", 2026, DL_QUARTERLY, "2026-03-25" },
	{ "1月、4月、7月、10月10日前", 2026, DL_QUARTERLY, "2026-01-10" },
	{ "3月25日、6月25日、9月25日、12月25日前报送", 2026, DL_QUARTERLY,
	  "2026-03-25" },
	{ "1月、7月10日前", 2026, DL_SEMIANNUAL, "2026-01-10" },
	{ "6月30日、12月30日前", 2026, DL_SEMIANNUAL, "2026-06-30" },
	{ "3月、6月、9月、12月", 2026, DL_QUARTERLY, NULL },
	{ "3月25日、6月20日、9月25日、12月25日前", 2026, DL_UNKNOWN, NULL },
	{ "4月、7月、10月10日前", 2026, DL_UNKNOWN, NULL },	/* not every */
	{ "2月、5月、8月、11月底前", 2026, DL_UNKNOWN, NULL },
	{ "3月、6月", 2026, DL_UNKNOWN, NULL },
	/* Not every end, not in order, not ends, not this year's, steps. */
	{ "3、6、9月底前", 2021, DL_UNKNOWN, NULL },
	{ "12月底、6月底前", 2021, DL_UNKNOWN, NULL },
	{ "4月底前，10月底前", 2021, DL_UNKNOWN, NULL },
	{ "6月15日、12月31日前", 2021, DL_UNKNOWN, NULL },
	{ "6月底、2022年12月底前", 2021, DL_UNKNOWN, NULL },
	{ "6月底前启动，12月底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前启动、12月底前印发", 2021, DL_DATE, "2021-12-31" },	/* steps */
	{ "6月底前报送，12月底前", 2021, DL_UNKNOWN, NULL },
	{ "6月底、12月底前完成", 2021, DL_UNKNOWN, NULL },
	{ "6月底和", 2021, DL_UNKNOWN, NULL },
	{ "、、", 2021, DL_UNKNOWN, NULL },
	{ "1、2、3、4、5、6、7、8、9、10、11、12、12月底前", 2021, DL_UNKNOWN, NULL },

	/* A note in brackets: the date without it, unless it is another. */
	{ "6月30日（含）前", 2021, DL_DATE, "2021-06-30" },
	{ "2021年6月底前（视情况）", 2021, DL_DATE, "2021-06-30" },
	/* a note after each date of a list or of steps */
	{ "6月底前（初验），12月底前（终验）", 2021, DL_SEMIANNUAL, NULL },
	/* ... or steps, each note its stage's name, when the dates alone
	 * are none */
	{ "9月底前（初验），12月底前（终验）", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前（第一批），10月底前（第二批）", 2021, DL_DATE, "2021-10-31" },
	{ "6月底前（汛期前），年底前（验收）", 2021, DL_DATE, "2021-12-31" },
	{ "9月底前（初验），6月底前（终验）", 2021, DL_UNKNOWN, NULL },
	{ "9月底前（2021年），12月底前（终验）", 2021, DL_UNKNOWN, NULL },
	{ "9月底前（初步完成验收工作），12月底前（终验）", 2021, DL_UNKNOWN,
	  NULL },					/* > 6 characters */
	{ "9月底前（试点）启动，年底前（全面）完成", 2021, DL_DATE, "2021-12-31" },
	{ "3月底前(一)，6月底前(二)，9月底前(三)，12月底前(四)", 2021, DL_QUARTERLY, NULL },
	{ "1月(a)(b)(c)(d)(e)底前", 2021, DL_UNKNOWN, NULL },	/* NOTES_MAX */
	{ "年底前(2021年12月31日)", 2021, DL_DATE, "2021-12-31" },
	{ "每月10日前（节假日顺延）", 2021, DL_MONTHLY, "2021-01-10" },
	{ "10月底前（国庆节前）", 2021, DL_UNKNOWN, NULL },
	/* A note naming a time the grammar does not read whole: another
	 * deadline, which one is meant?  (Not what is done after it.) */
	{ "每月10日前（汛期每周一报送）", 2026, DL_UNKNOWN, NULL },
	{ "年底前（年中报送进展）", 2026, DL_UNKNOWN, NULL },
	{ "6月底前（汛期前完成）", 2026, DL_UNKNOWN, NULL },
	{ "年底前（季度末报送进展）", 2026, DL_UNKNOWN, NULL },
	/* One the grammar reads: each quarter's, in the month after it
	 * (every first month's end, as 每季度首月报送). */
	{ "每季度末（季度首月报送）", 2026, DL_QUARTERLY, "2026-01-31" },
	{ "6月底前（以后每年更新）", 2026, DL_DATE, "2026-06-30" },
	{ "全年（重点在汛期）", 2026, DL_ONGOING, "2026-12-31" },
	/* A note that puts the date aside: nothing to remind of. */
	{ "6月底前（暂缓）", 2026, DL_UNKNOWN, NULL },
	{ "年底前（已取消）", 2026, DL_UNKNOWN, NULL },
	{ "6月底前（已延期）", 2026, DL_UNKNOWN, NULL },
	{ "每月10日前（暂停报送）", 2026, DL_UNKNOWN, NULL },
	{ "6月底前（时间待定）", 2026, DL_UNKNOWN, NULL },
	{ "6月底前（已完成）", 2026, DL_DATE, "2026-06-30" },
	/* Notes in square brackets, as in round ones. */
	{ "6月底前【已完成】", 2026, DL_DATE, "2026-06-30" },
	{ "6月底前[暂定]", 2026, DL_DATE, "2026-06-30" },
	{ "年底前〔视情况〕", 2026, DL_DATE, "2026-12-31" },
	{ "6月底前【暂缓】", 2026, DL_UNKNOWN, NULL },
	{ "6月底前【10月底前】", 2026, DL_UNKNOWN, NULL },
	{ "（含）", 2021, DL_UNKNOWN, NULL },
	/* An inclusive note before 前 includes the period: June's end. */
	{ "6月（含）前", 2021, DL_DATE, "2021-06-30" },
	{ "6月份(含)以前", 2021, DL_DATE, "2021-06-30" },
	{ "2022年3月（含当月）之前", 2021, DL_DATE, "2022-03-31" },
	{ "每月10日（含）前", 2021, DL_MONTHLY, "2021-01-10" },
	{ "6月（视情况）前", 2021, DL_DATE, "2021-05-31" },
	/* An exclusive note leaves out the day it follows. */
	{ "7月1日（不含）前", 2026, DL_DATE, "2026-06-30" },
	{ "7月1日前（不含当日）", 2026, DL_DATE, "2026-06-30" },
	{ "每月10日（不含）前", 2026, DL_MONTHLY, "2026-01-09" },
	{ "6月（不含）前", 2026, DL_DATE, "2026-05-31" },
	{ "年底前（不含）", 2026, DL_UNKNOWN, NULL },	/* not of a day */
	{ "（含）前", 2021, DL_UNKNOWN, NULL },
	{ "6月底前（", 2021, DL_UNKNOWN, NULL },

	/* A range of years: the later's end. */
	{ "2021—2022年", 2021, DL_DATE, "2022-12-31" },
	{ "2021年至2023年底", 2021, DL_DATE, "2023-12-31" },
	{ "2022—2021年", 2021, DL_UNKNOWN, NULL },
	{ "2021—2022", 2021, DL_UNKNOWN, NULL },
	{ "2021—2022年6月", 2021, DL_DATE, "2022-06-30" },
	{ "2021年6月至2022年6月", 2021, DL_DATE, "2022-06-30" },
	{ "2021年3月—2022年3月底前", 2021, DL_DATE, "2022-03-31" },
	{ "2022年6月至2021年6月", 2021, DL_UNKNOWN, NULL },	/* backwards */
	/* 向 and whom to, before the verb. */
	{ "6月底前向省政府报送", 2026, DL_DATE, "2026-06-30" },
	{ "每月5日前向市发展改革委报送上月进展情况", 2026, DL_MONTHLY,
	  "2026-01-05" },
	{ "6月底前向省政府", 2026, DL_UNKNOWN, NULL },
	{ "6月底前向", 2026, DL_UNKNOWN, NULL },	/* 向 last: no read past */
	{ "10月底前报市政府审定", 2026, DL_DATE, "2026-10-31" },
	{ "年底前报省政府批准", 2026, DL_DATE, "2026-12-31" },
	{ "6月底前报", 2026, DL_UNKNOWN, NULL },
	/* A second date without figures in what is due: two dates. */
	{ "6月底前出台方案年底前完成", 2026, DL_UNKNOWN, NULL },
	{ "9月底前启动年底前完成", 2026, DL_UNKNOWN, NULL },
	{ "7月底前报送上半年工作总结", 2026, DL_DATE, "2026-07-31" },
	{ "6月底前完成上半年总结", 2026, DL_DATE, "2026-06-30" },
	/* 报 and whom to, ending the text: the report. */
	{ "6月底前报省政府", 2026, DL_DATE, "2026-06-30" },
	{ "年底前报国家知识产权局", 2026, DL_DATE, "2026-12-31" },
	{ "每季度末报市委办公室", 2026, DL_QUARTERLY, NULL },
	{ "6月底前报方案", 2026, DL_UNKNOWN, NULL },
	{ "6月底前报2份", 2026, DL_UNKNOWN, NULL },
	{ "6月底前报向报向报向报向报向报向", 2026, DL_UNKNOWN, NULL },
	/* A quarter written short at its end; a half year 年度. */
	{ "三季末", 2026, DL_DATE, "2026-09-30" },
	{ "第二季末前", 2026, DL_DATE, "2026-06-30" },
	{ "三季", 2026, DL_UNKNOWN, NULL },
	{ "五季末", 2026, DL_UNKNOWN, NULL },
	{ "上半年度", 2026, DL_DATE, "2026-06-30" },
	{ "下半年度前", 2026, DL_DATE, "2026-12-31" },
	/* Into the next year, its end with its year word. */
	{ "11月至次年3月", 2026, DL_DATE, "2027-03-31" },
	/* From a quarter or half year to a later date, each side whole. */
	{ "二季度至年底", 2026, DL_DATE, "2026-12-31" },
	{ "下半年至年底", 2026, DL_DATE, "2026-12-31" },
	{ "上半年—下半年", 2026, DL_DATE, "2026-12-31" },
	{ "下半年至明年上半年", 2026, DL_DATE, "2027-06-30" },
	{ "今年下半年至明年上半年", 2026, DL_DATE, "2027-06-30" },
	{ "四季度至次年一季度", 2026, DL_DATE, "2027-03-31" },
	{ "下半年至上半年", 2026, DL_UNKNOWN, NULL },	/* backwards */
	{ "年底至年底", 2026, DL_UNKNOWN, NULL },
	{ "下半年至", 2026, DL_UNKNOWN, NULL },
	{ "年底前落实到位", 2026, DL_DATE, "2026-12-31" },
	{ "2026年11月至次年3月", 2026, DL_DATE, "2027-03-31" },
	{ "10月—翌年4月底前", 2026, DL_DATE, "2027-04-30" },
	{ "12月20日—次年1月10日", 2026, DL_DATE, "2027-01-10" },
	{ "11月至次年", 2026, DL_UNKNOWN, NULL },
	/* The same year at both ends: backward is a slip, too. */
	{ "2026年9月—2026年6月", 2026, DL_UNKNOWN, NULL },
	{ "2026年10月1日—2026年9月30日", 2026, DL_UNKNOWN, NULL },
	{ "2026年三季度至2026年一季度", 2026, DL_UNKNOWN, NULL },
	{ "2026年12月起至2026年6月底", 2026, DL_UNKNOWN, NULL },
	{ "2026年1月—2026年6月", 2026, DL_DATE, "2026-06-30" },
	{ "2026年6月—2026年6月", 2026, DL_DATE, "2026-06-30" },
	{ "2026年3月1日至2026年3月1日", 2026, DL_DATE, "2026-03-01" },
	{ "2021年至2022年汛期前", 2021, DL_UNKNOWN, NULL },	/* no date */

	/* A label before the date. */
	{ "办结时限：6月底前", 2021, DL_DATE, "2021-06-30" },
	/* a verb as the label: what is done by the date */
	{ "启动：3月底前；完成：12月底前", 2021, DL_DATE, "2021-12-31" },
	{ "启动：3月底前；推进：6月底前；完成：年底前", 2021, DL_DATE, "2021-12-31" },
	{ "完成：9月底前", 2021, DL_DATE, "2021-09-30" },
	{ "完成：12月底前；启动：3月底前", 2021, DL_UNKNOWN, NULL },
	{ "完成时间: 年底前", 2021, DL_DATE, "2021-12-31" },
	{ "2021:6月底前", 2021, DL_UNKNOWN, NULL },	/* a figure: no label */
	{ "：6月底前", 2021, DL_UNKNOWN, NULL },
	/* a deadline column's name needs no colon */
	{ "完成时间2021年6月底", 2021, DL_DATE, "2021-06-30" },
	{ "完成时限 9月底前", 2021, DL_DATE, "2021-09-30" },
	{ "截止日期2021-06-30", 2021, DL_DATE, "2021-06-30" },
	{ "完成时限年底前", 2021, DL_DATE, "2021-12-31" },
	{ "期限内完成", 2021, DL_UNKNOWN, NULL },	/* 期限 ends no name */
	{ "完成时限", 2021, DL_UNKNOWN, NULL },

	/* A verb after a deadline word: what is due then. */
	{ "6月底前出台", 2021, DL_DATE, "2021-06-30" },
	{ "年底前建成", 2021, DL_DATE, "2021-12-31" },
	{ "9月30日之前报送", 2021, DL_DATE, "2021-09-30" },
	{ "每月5日前报送", 2021, DL_MONTHLY, "2021-01-05" },
	{ "每月报送一次", 2021, DL_MONTHLY, NULL },
	{ "按月调度一次", 2021, DL_MONTHLY, NULL },
	{ "每月一报", 2021, DL_MONTHLY, NULL },
	{ "每月初", 2021, DL_MONTHLY, "2021-01-10" },
	{ "每月月初前", 2021, DL_MONTHLY, "2021-01-10" },
	{ "每季度初", 2021, DL_QUARTERLY, "2021-01-10" },
	{ "一月一报", 2021, DL_MONTHLY, NULL },
	{ "一季一报", 2021, DL_QUARTERLY, NULL },
	{ "每季度一报", 2021, DL_QUARTERLY, NULL },
	{ "半年一报", 2021, DL_SEMIANNUAL, NULL },
	{ "一月底前", 2021, DL_DATE, "2021-01-31" },
	{ "每月开展检查一次", 2021, DL_UNKNOWN, NULL },
	/* 的 between a period and a figure */
	{ "每月的20日前", 2021, DL_MONTHLY, "2021-01-20" },
	{ "每年的6月底前", 2021, DL_DATE, "2021-06-30" },
	{ "每季度第一个月的10日前", 2021, DL_QUARTERLY, "2021-01-10" },
	{ "每月的月底", 2021, DL_UNKNOWN, NULL },
	{ "每月10日前报送进展", 2021, DL_MONTHLY, "2021-01-10" },
	{ "年底前提交工作总结", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前出台实施方案", 2021, DL_DATE, "2021-06-30" },
	/* An amount in figures after the verb: the date's. */
	{ "6月底前完成总任务的50%", 2021, DL_DATE, "2021-06-30" },
	{ "10月底前完成80%以上", 2021, DL_DATE, "2021-10-31" },
	{ "年底前建成10个示范点", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前完成全年任务的60％", 2021, DL_DATE, "2021-06-30" },
	{ "9月底前完成50%，年底前全部完成", 2021, DL_DATE, "2021-12-31" },
	/* figures that start another date are no amount */
	{ "6月底前启动7月底前完成", 2021, DL_UNKNOWN, NULL },
	{ "6月底前启动2021.7.1完成", 2021, DL_UNKNOWN, NULL },
	{ "9月底前定稿", 2021, DL_DATE, "2021-09-30" },
	{ "年底前竣工", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前完成初稿，9月底前定稿", 2021, DL_DATE, "2021-09-30" },
	{ "年底前全面完成验收", 2021, DL_DATE, "2021-12-31" },
	{ "9月30日前正式印发", 2021, DL_DATE, "2021-09-30" },
	{ "年底前如期完成", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前按时报送", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日前完成初稿，9月30日前正式印发", 2021, DL_DATE, "2021-09-30" },
	{ "正式印发", 2021, DL_UNKNOWN, NULL },
	{ "6月底前完成市级验收，年底前完成省级验收", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前报送2020年总结", 2021, DL_UNKNOWN, NULL },	/* a figure */
	{ "年底前提交关于进一步加强知识产权保护工作的总结报告", 2021,
	    DL_UNKNOWN, NULL },	/* too long for what is due */
	{ "每月10日前完成", 2021, DL_UNKNOWN, NULL },	/* 完成: a date's */
	{ "年底前提交总结", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前情况", 2021, DL_UNKNOWN, NULL },	/* an object, no verb */
	{ "报送进展", 2021, DL_UNKNOWN, NULL },
	{ "6月出台", 2021, DL_DATE, "2021-06-30" },	/* a month, its number */
	{ "十月启动", 2021, DL_DATE, "2021-10-31" },
	{ "6月份出台", 2021, DL_DATE, "2021-06-30" },
	{ "每月开展检查", 2021, DL_UNKNOWN, NULL },	/* 每月: a measure's */
	/* After 每月 a report's verb and what is reported. */
	{ "每月报送进展", 2026, DL_MONTHLY, NULL },
	{ "每个月上报进展情况", 2026, DL_MONTHLY, NULL },
	{ "持续推进，每月报送进展", 2026, DL_MONTHLY, NULL },
	{ "每月完成检查", 2026, DL_UNKNOWN, NULL },
	{ "每月出台文件", 2026, DL_UNKNOWN, NULL },
	{ "年底前初见成效", 2026, DL_DATE, "2026-12-31" },
	{ "9月底前取得实效", 2026, DL_DATE, "2026-09-30" },
	/* From a quarter or half year on. */
	{ "二季度起", 2026, DL_ONGOING, "2026-12-31" },
	{ "第三季度开始实施", 2026, DL_ONGOING, "2026-12-31" },
	{ "下半年起持续推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "下半年开始", 2026, DL_ONGOING, "2026-12-31" },
	{ "五季度起", 2026, DL_UNKNOWN, NULL },
	{ "4月启动，年底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "年底前形成长效机制", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前完成，年底前见效", 2021, DL_DATE, "2021-12-31" },
	{ "年底前通过验收", 2021, DL_DATE, "2021-12-31" },

	/* A day near every period's end: the first period's. */
	{ "每季度结束后10日内", 2021, DL_QUARTERLY, "2021-04-10" },
	{ "每季度结束后15天内报送", 2021, DL_QUARTERLY, "2021-04-15" },
	{ "季度结束后5日前", 2021, DL_QUARTERLY, "2021-04-05" },
	{ "季后15日内", 2021, DL_QUARTERLY, "2021-04-15" },
	{ "每季后10天内报送", 2021, DL_QUARTERLY, "2021-04-10" },
	{ "每季度后15日内", 2021, DL_QUARTERLY, "2021-04-15" },
	{ "季后", 2021, DL_UNKNOWN, NULL },
	{ "每季度次月5日前", 2021, DL_QUARTERLY, "2021-04-05" },
	{ "每季度首月10日前", 2021, DL_QUARTERLY, "2021-01-10" },
	{ "季度末月20日前", 2021, DL_QUARTERLY, "2021-03-20" },
	/* A part of the month after each period, or of a quarter's month. */
	{ "次月上旬", 2021, DL_MONTHLY, "2021-02-10" },
	{ "下月初报送", 2021, DL_MONTHLY, "2021-02-10" },
	{ "每季度次月上旬", 2021, DL_QUARTERLY, "2021-04-10" },
	{ "每季度首月上旬", 2021, DL_QUARTERLY, "2021-01-10" },
	{ "每季度末月下旬", 2021, DL_QUARTERLY, "2021-03-31" },
	/* Working days: the Nth of each quarter's first month, of the
	 * month after each month (Monday to Friday here). */
	{ "每季度前5个工作日", 2026, DL_QUARTERLY, "2026-01-07" },
	{ "次月第5个工作日前", 2026, DL_MONTHLY, "2026-02-06" },
	{ "每季度首月第5个工作日", 2026, DL_QUARTERLY, "2026-01-07" },
	{ "每季度结束后第5个工作日", 2026, DL_QUARTERLY, "2026-04-07" },
	/* 终了后 is 结束后; the month after the end is the count's. */
	{ "每季度终了后15日内", 2026, DL_QUARTERLY, "2026-04-15" },
	{ "各季度末月25日前", 2026, DL_QUARTERLY, "2026-03-25" },
	{ "各季度结束后10日内", 2026, DL_QUARTERLY, "2026-04-10" },
	{ "每月终了后5日内", 2026, DL_MONTHLY, "2026-02-05" },
	{ "每季度结束后次月10日前", 2026, DL_QUARTERLY, "2026-04-10" },
	{ "每季度结束后的次月10日前", 2026, DL_QUARTERLY, "2026-04-10" },
	{ "每半年终了后次月15日前", 2026, DL_SEMIANNUAL, "2026-07-15" },
	{ "每季度第一个月十五号前", 2021, DL_QUARTERLY, "2021-01-15" },
	{ "每季度最后一个月20日前", 2021, DL_QUARTERLY, "2021-03-20" },
	{ "每季度末25日前", 2021, DL_QUARTERLY, "2021-03-25" },
	{ "每季末20号", 2021, DL_QUARTERLY, "2021-03-20" },
	{ "每季度最后一月25日", 2021, DL_QUARTERLY, "2021-03-25" },
	{ "每季度末月25日", 2021, DL_QUARTERLY, "2021-03-25" },
	{ "每月结束后5日内", 2021, DL_MONTHLY, "2021-02-05" },
	{ "次月5日前报送", 2021, DL_MONTHLY, "2021-02-05" },
	{ "下月10号前", 2021, DL_MONTHLY, "2021-02-10" },
	{ "7月初", 2021, DL_DATE, "2021-07-10" },
	{ "七月初前报送", 2021, DL_DATE, "2021-07-10" },
	{ "每半年结束后10日内", 2021, DL_SEMIANNUAL, "2021-07-10" },
	{ "每季度结束后15个工作日内", 2021, DL_QUARTERLY, "2021-04-21" },
	{ "每季度结束后24个工作日内", 2021, DL_UNKNOWN, NULL },	/* > a month's */
	{ "每季度结束后32日内", 2021, DL_UNKNOWN, NULL },
	{ "每个季度", 2021, DL_QUARTERLY, NULL },
	{ "各季度末", 2021, DL_QUARTERLY, NULL },
	{ "每季末", 2021, DL_QUARTERLY, NULL },
	{ "每季", 2021, DL_UNKNOWN, NULL },	/* a wrapped 每季度's first line */
	{ "每个月底", 2021, DL_MONTHLY, NULL },
	{ "按季度报送", 2021, DL_QUARTERLY, NULL },
	{ "按月调度", 2021, DL_MONTHLY, NULL },
	{ "按半年", 2021, DL_SEMIANNUAL, NULL },
	{ "每季度一次", 2021, DL_QUARTERLY, NULL },
	{ "每月一次", 2021, DL_MONTHLY, NULL },
	{ "每半年一次", 2021, DL_SEMIANNUAL, NULL },
	{ "每半年1次", 2021, DL_SEMIANNUAL, NULL },
	{ "每个季度一次", 2021, DL_QUARTERLY, NULL },
	{ "每周1次", 2021, DL_WEEKLY, NULL },
	{ "每周一次性", 2021, DL_UNKNOWN, NULL },
	{ "按月开展检查", 2021, DL_UNKNOWN, NULL },	/* a measure's text */
	{ "按月报送进展情况", 2021, DL_MONTHLY, NULL },	/* what is reported */
	{ "按周报送工作进展", 2021, DL_WEEKLY, NULL },
	/* The period as a kind, or taken one by one: as 按月. */
	{ "月度", 2026, DL_MONTHLY, NULL },
	{ "月度调度", 2026, DL_MONTHLY, NULL },
	{ "按月度报送一次", 2026, DL_MONTHLY, NULL },
	{ "逐月报送", 2026, DL_MONTHLY, NULL },
	{ "逐月报送进展情况", 2026, DL_MONTHLY, NULL },
	{ "逐季度", 2026, DL_QUARTERLY, NULL },
	{ "逐季通报", 2026, DL_QUARTERLY, NULL },
	{ "逐周调度", 2026, DL_WEEKLY, NULL },
	{ "半年度", 2026, DL_SEMIANNUAL, NULL },
	{ "按半年度报送", 2026, DL_SEMIANNUAL, NULL },
	{ "半年度报送", 2026, DL_UNKNOWN, NULL },	/* which half? */
	{ "逐月推进", 2026, DL_UNKNOWN, NULL },	/* a measure's text */
	{ "月度考核", 2026, DL_UNKNOWN, NULL },
	{ "逐年", 2026, DL_UNKNOWN, NULL },
	{ "6月度", 2026, DL_UNKNOWN, NULL },
	{ "常年开展", 2021, DL_ONGOING, "2021-12-31" },
	/* More verbs of going on, and how. */
	{ "持续抓好落实", 2021, DL_ONGOING, "2021-12-31" },
	{ "全年有序推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "长期有效执行", 2021, DL_ONGOING, "2021-12-31" },
	{ "全年常态化", 2021, DL_ONGOING, "2021-12-31" },
	{ "滚动推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "分年度实施", 2021, DL_ONGOING, "2021-12-31" },
	{ "滚动", 2021, DL_UNKNOWN, NULL },		/* a verb only */
	{ "2020年以来持续推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "2020年以来", 2021, DL_UNKNOWN, NULL },
	{ "8月份开始", 2021, DL_ONGOING, "2021-12-31" },
	/* An adverb before the verb, a limit before the date. */
	{ "年底前力争完成", 2021, DL_DATE, "2021-12-31" },
	{ "9月30日前务必完成", 2021, DL_DATE, "2021-09-30" },
	{ "最迟不超过9月30日", 2021, DL_DATE, "2021-09-30" },
	{ "原则上不超过9月底", 2021, DL_DATE, "2021-09-30" },
	{ "每月10日前更新台账", 2021, DL_MONTHLY, "2021-01-10" },
	/* Both names of a festival. */
	{ "七一建党节前", 2021, DL_DATE, "2021-06-30" },
	{ "五一国际劳动节前", 2021, DL_DATE, "2021-04-30" },
	{ "十一国庆节前", 2021, DL_DATE, "2021-09-30" },

	/* What goes on all year beside a date or a period's reports. */
	{ "长期坚持，每季度报送进展", 2021, DL_QUARTERLY, NULL },
	{ "全年，每季度报送", 2021, DL_QUARTERLY, NULL },
	{ "长期坚持，6月底前完成", 2021, DL_DATE, "2021-06-30" },
	/* Or before steps: their end. */
	{ "持续推进，6月底前完成试点，年底前全面完成", 2021, DL_DATE,
	  "2021-12-31" },
	{ "长期坚持；3月底前制定方案；9月底前启动；年底前完成", 2021, DL_DATE,
	  "2021-12-31" },
	{ "持续推进，年底前完成试点，6月底前全面完成", 2021, DL_UNKNOWN,
	  NULL },					/* out of order */
	{ "持续推进，长期坚持，年底前完成", 2021, DL_UNKNOWN, NULL },
	/* Two steps, each named by its stage rather than a verb. */
	{ "9月底前初验，12月底前终验", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前第一批、10月底前第二批", 2021, DL_DATE, "2021-10-31" },
	{ "年底前完成方案，2022年完成建设", 2021, DL_DATE, "2022-12-31" },
	{ "9月底前初验，12月底前", 2021, DL_UNKNOWN, NULL },
	{ "12月底前初验，9月底前终验", 2021, DL_UNKNOWN, NULL },
	{ "9月底前初验，12月底前终验2", 2021, DL_UNKNOWN, NULL },
	{ "上半年每月、下半年每季度报送", 2021, DL_UNKNOWN, NULL },
	{ "每季度一次，季末月25日前", 2021, DL_QUARTERLY, "2021-03-25" },
	/* A period's dates after it. */
	{ "半年一次，6月底、12月底前", 2021, DL_SEMIANNUAL, NULL },
	{ "按季度报送，3月、6月、9月、12月底前", 2021, DL_QUARTERLY, NULL },
	{ "半年一次，3月、6月、9月、12月底前", 2021, DL_UNKNOWN, NULL },
	/* Times a year: once a half year, once a quarter. */
	{ "每年两次", 2026, DL_SEMIANNUAL, NULL },
	{ "一年2次", 2026, DL_SEMIANNUAL, NULL },
	{ "全年二次", 2026, DL_SEMIANNUAL, NULL },
	{ "每年两次，6月底、12月底前", 2026, DL_SEMIANNUAL, NULL },
	{ "每年四次", 2026, DL_QUARTERLY, NULL },
	{ "全年4次", 2026, DL_QUARTERLY, NULL },
	{ "每年3次", 2026, DL_UNKNOWN, NULL },
	/* A report's verb before the times. */
	{ "每年报送两次", 2026, DL_SEMIANNUAL, NULL },
	{ "全年上报4次", 2026, DL_QUARTERLY, NULL },
	{ "每年开展两次", 2026, DL_UNKNOWN, NULL },
	{ "每年报送3次", 2026, DL_UNKNOWN, NULL },
	{ "两次", 2026, DL_UNKNOWN, NULL },
	/* A start, then a period, with no comma between. */
	{ "10月起每月报送", 2026, DL_MONTHLY, NULL },
	{ "从10月起每月5日前", 2026, DL_MONTHLY, "2026-01-05" },
	{ "2026年起每季度报送", 2026, DL_QUARTERLY, NULL },
	{ "10月开始每月", 2026, DL_MONTHLY, NULL },
	{ "10月起每", 2026, DL_UNKNOWN, NULL },
	/* A period's ends and the year's, which is one of them. */
	{ "每季度末及年底前", 2021, DL_QUARTERLY, NULL },
	{ "每月底和年底前", 2021, DL_MONTHLY, NULL },
	{ "每半年，年底前", 2021, DL_SEMIANNUAL, NULL },
	{ "每月10日前及年底前", 2021, DL_UNKNOWN, NULL },	/* not an end */
	{ "每季度末及9月底前", 2021, DL_UNKNOWN, NULL },
	/* One period's reports said twice, once with its day: the day. */
	{ "按季度，每季度末月25日前", 2021, DL_QUARTERLY, "2021-03-25" },
	{ "按季度报送，每季度结束后10日内", 2021, DL_QUARTERLY, "2021-04-10" },
	{ "按季度（每季度末月20日前）", 2021, DL_QUARTERLY, "2021-03-20" },
	{ "每季度末（3月、6月、9月、12月）", 2021, DL_QUARTERLY, NULL },
	{ "每半年报送一次（6月、12月）", 2021, DL_SEMIANNUAL, NULL },
	{ "每季度末（3月、6月）", 2021, DL_UNKNOWN, NULL },	/* not each */
	{ "每月10日前，每月20日前", 2021, DL_UNKNOWN, NULL },	/* which? */
	{ "每季度，每月", 2021, DL_UNKNOWN, NULL },
	/* Once at each date of a list. */
	{ "6月底、12月底前各一次", 2021, DL_SEMIANNUAL, NULL },
	{ "年中、年底各一次", 2021, DL_SEMIANNUAL, NULL },
	{ "一、二、三、四季度各一次", 2021, DL_QUARTERLY, NULL },
	{ "7、8月各一次", 2021, DL_UNKNOWN, NULL },
	/* A day's 日 after figures; a dot ending Chinese. */
	{ "6.30日前", 2021, DL_DATE, "2021-06-30" },
	{ "2021.12.31日", 2021, DL_DATE, "2021-12-31" },
	{ "9月30日前.", 2021, DL_DATE, "2021-09-30" },
	/* A colon between the date and what is due. */
	{ "12月底前：完成验收", 2021, DL_DATE, "2021-12-31" },
	{ "每月10日前:报送进展", 2021, DL_MONTHLY, "2021-01-10" },
	{ "2021.6.", 2021, DL_UNKNOWN, NULL },
	{ "9月底前（持续推进）", 2021, DL_DATE, "2021-09-30" },
	{ "持续推进（每季度报送进展）", 2021, DL_QUARTERLY, NULL },
	{ "每月报送，长期坚持", 2021, DL_MONTHLY, NULL },
	/* A reporting verb after 每月 and the like; no other verb. */
	{ "每月报送", 2021, DL_MONTHLY, NULL },
	{ "每周调度", 2021, DL_WEEKLY, NULL },
	{ "每半年报告", 2021, DL_SEMIANNUAL, NULL },
	{ "每季度通报", 2021, DL_QUARTERLY, NULL },
	{ "每月开展专项检查", 2021, DL_UNKNOWN, NULL },
	/* A whole cell in brackets; a sentence's end. */
	{ "（2021年12月底前）", 2021, DL_DATE, "2021-12-31" },
	{ "【6月底前】", 2021, DL_DATE, "2021-06-30" },
	{ "2021年12月底前。", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前；", 2021, DL_DATE, "2021-06-30" },
	{ "。", 2021, DL_UNKNOWN, NULL },
	{ "（）", 2021, DL_UNKNOWN, NULL },
	{ "【】", 2021, DL_UNKNOWN, NULL },
	/* Quotes around a cell, as 【】. */
	{ "“6月底前”", 2021, DL_DATE, "2021-06-30" },
	{ "\"年底前\"", 2021, DL_DATE, "2021-12-31" },
	{ "「全年」", 2021, DL_ONGOING, "2021-12-31" },
	{ "‘每季度’", 2021, DL_QUARTERLY, NULL },
	{ "“6月底前", 2021, DL_UNKNOWN, NULL },
	{ "“”", 2021, DL_UNKNOWN, NULL },
	{ "\"", 2021, DL_UNKNOWN, NULL },
	/* An adverb before any verb. */
	{ "7月底前完成试点，12月底前全面推开", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前完成试点，年底前推广", 2021, DL_DATE, "2021-12-31" },

	/* Lists of the half years by name. */
	{ "上半年、下半年", 2021, DL_SEMIANNUAL, NULL },
	{ "年中和年底前", 2021, DL_SEMIANNUAL, NULL },
	{ "年中、9月底", 2021, DL_UNKNOWN, NULL },

	/* A year in Chinese digits. */
	{ "二〇二二年底前", 2021, DL_DATE, "2022-12-31" },
	{ "二○二二年六月底前", 2021, DL_DATE, "2022-06-30" },	/* ○ for 〇 */
	{ "二两二二年底前", 2021, DL_UNKNOWN, NULL },

	/* A spreadsheet's date and time of day: the date. */
	{ "2021/6/30 0:00", 2021, DL_DATE, "2021-06-30" },
	{ "2021-06-03 17:30:00", 2021, DL_DATE, "2021-06-03" },
	{ "2021/6/3 17:30", 2021, DL_DATE, "2021-06-03" },
	{ "2021/6/3 17:3x", 2021, DL_UNKNOWN, NULL },

	/* A time of day after a day: the day. */
	{ "12月31日24时前", 2021, DL_DATE, "2021-12-31" },
	/* Midnight at a day's start: by the day before. */
	{ "7月1日0时前", 2026, DL_DATE, "2026-06-30" },
	{ "7月1日零时前", 2026, DL_DATE, "2026-06-30" },
	{ "7月1日00:00前", 2026, DL_DATE, "2026-06-30" },
	{ "12月1日零点之前", 2026, DL_DATE, "2026-11-30" },
	{ "7月1日0时整前报送", 2026, DL_DATE, "2026-06-30" },
	{ "2027年1月1日0时前", 2026, DL_DATE, "2026-12-31" },
	{ "每月11日0时前", 2026, DL_MONTHLY, "2026-01-10" },
	{ "每月1日0时前", 2026, DL_UNKNOWN, NULL },
	{ "2026/6/30 0:00", 2026, DL_DATE, "2026-06-30" },	/* a cell's time */
	{ "7月1日0时", 2026, DL_DATE, "2026-07-01" },	/* at, not before */
	{ "6月30日17:00前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日18点", 2021, DL_DATE, "2021-06-30" },
	{ "2022年3月5号12时之前", 2021, DL_DATE, "2022-03-05" },
	{ "6月30日124时前", 2021, DL_UNKNOWN, NULL },
	/* a part of the day, with or without its hour, in figures or not */
	{ "6月30日下午", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日中午12点前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日下午五点前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日十二时前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日17时30分前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日下午17:00前", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日17时30前", 2021, DL_UNKNOWN, NULL },
	{ "6月30日上午开会", 2021, DL_UNKNOWN, NULL },
	{ "6月30日下午五时", 2021, DL_DATE, "2021-06-30" },
	{ "6月30日下班前", 2021, DL_DATE, "2021-06-30" },
	{ "每月10日17时前", 2021, DL_MONTHLY, "2021-01-10" },
	/* after a day of the week too */
	{ "每周五12时前", 2026, DL_WEEKLY, NULL },
	{ "每星期五18点前", 2026, DL_WEEKLY, NULL },
	{ "每周五下班前", 2026, DL_WEEKLY, NULL },
	{ "每周三17:00前", 2026, DL_WEEKLY, "2026-01-07" },
	{ "每周一上午", 2026, DL_WEEKLY, "2026-01-05" },
	{ "每周一上午10点前", 2026, DL_WEEKLY, "2026-01-05" },
	{ "每周五下午5点半前", 2026, DL_WEEKLY, NULL },
	{ "每周五下午下班前", 2026, DL_WEEKLY, NULL },
	{ "周五12时前", 2026, DL_UNKNOWN, NULL },

	/* A date without its year in figures, then 前. */
	{ "6.30前", 2021, DL_DATE, "2021-06-30" },
	{ "3.5前", 2021, DL_DATE, "2021-03-05" },
	{ "6/30之前", 2021, DL_DATE, "2021-06-30" },
	{ "12.31前完成", 2021, DL_DATE, "2021-12-31" },
	{ "13.5前", 2021, DL_UNKNOWN, NULL },
	{ "6.31前", 2021, DL_UNKNOWN, NULL },
	{ "6-30前", 2021, DL_UNKNOWN, NULL },	/* "6-9月": months */
	{ "12.31", 2021, DL_UNKNOWN, NULL },

	/* 每年底 keeps its 年 (每年 is dropped before a form). */
	{ "每年底", 2021, DL_DATE, "2021-12-31" },
	{ "每年末前", 2021, DL_DATE, "2021-12-31" },
	{ "年底前见到实效", 2021, DL_DATE, "2021-12-31" },

	/* 当年 is the plan's year. */
	{ "当年底前", 2021, DL_DATE, "2021-12-31" },
	{ "当年6月底前完成", 2021, DL_DATE, "2021-06-30" },

	/* The next year; from today on. */
	{ "次年1月底前", 2021, DL_DATE, "2022-01-31" },
	{ "明年6月底前报送", 2021, DL_DATE, "2022-06-30" },
	{ "翌年底前", 2021, DL_DATE, "2022-12-31" },
	{ "次年度", 2021, DL_DATE, "2022-12-31" },
	{ "即日起至年底", 2021, DL_DATE, "2021-12-31" },
	{ "自即日起至2021年9月30日", 2021, DL_DATE, "2021-09-30" },
	{ "即日起", 2021, DL_UNKNOWN, NULL },
	{ "出台", 2021, DL_UNKNOWN, NULL },

	{ "下半年开展", 2021, DL_DATE, "2021-12-31" },
	{ "三季度推进", 2021, DL_DATE, "2021-09-30" },

	/* Words before a deadline, and between it and its 完成. */
	{ "力争年底前完成", 2021, DL_DATE, "2021-12-31" },
	{ "力争于2026年底前完成", 2021, DL_DATE, "2026-12-31" },
	/* "Shall", "by no later than", "and": 应于, 须于, 最迟不晚于, 并于. */
	{ "应于6月底前完成", 2026, DL_DATE, "2026-06-30" },
	{ "须于年底前完成", 2026, DL_DATE, "2026-12-31" },
	{ "要在9月底前完成", 2026, DL_DATE, "2026-09-30" },
	{ "务必于6月底前", 2026, DL_DATE, "2026-06-30" },
	{ "请于6月30日前报送", 2026, DL_DATE, "2026-06-30" },
	{ "不晚于9月30日", 2026, DL_DATE, "2026-09-30" },
	{ "最迟不晚于10月底", 2026, DL_DATE, "2026-10-31" },
	{ "不迟于6月30日", 2026, DL_DATE, "2026-06-30" },
	{ "不得晚于9月底前", 2026, DL_DATE, "2026-09-30" },
	{ "不得迟于年底", 2026, DL_DATE, "2026-12-31" },
	{ "最迟应于10月底前", 2026, DL_DATE, "2026-10-31" },
	{ "至迟10月底", 2026, DL_DATE, "2026-10-31" },
	{ "至迟于9月30日前", 2026, DL_DATE, "2026-09-30" },
	{ "至年底", 2026, DL_DATE, "2026-12-31" },
	/* The year's end said as of the season; 常态 with its verb. */
	{ "岁末", 2026, DL_DATE, "2026-12-31" },
	{ "岁末前", 2026, DL_DATE, "2026-12-31" },
	{ "2027年岁尾", 2026, DL_DATE, "2027-12-31" },
	{ "常态推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "常态", 2026, DL_UNKNOWN, NULL },
	{ "6月底前启动，并于年底前完成", 2026, DL_DATE, "2026-12-31" },
	{ "应急演练", 2026, DL_UNKNOWN, NULL },
	/* The second half, going on: as 下半年起. */
	{ "下半年持续推进", 2026, DL_ONGOING, "2026-12-31" },
	/* More verbs, lead words, next-year words, festivals and days. */
	{ "年底前新建充电桩500个", 2026, DL_DATE, "2026-12-31" },
	{ "6月底前自查", 2026, DL_DATE, "2026-06-30" },
	{ "试点：6月底前；推广：年底前", 2026, DL_DATE, "2026-12-31" },
	{ "6月初启动", 2026, DL_DATE, "2026-06-10" },
	{ "每月初报送进展", 2026, DL_MONTHLY, "2026-01-10" },
	{ "计划6月底前完成", 2026, DL_DATE, "2026-06-30" },
	{ "拟于9月底前", 2026, DL_DATE, "2026-09-30" },
	{ "预计年底前完工", 2026, DL_DATE, "2026-12-31" },
	{ "下年度", 2026, DL_DATE, "2027-12-31" },
	{ "下年一季度", 2026, DL_DATE, "2027-03-31" },
	{ "来年3月底前", 2026, DL_DATE, "2027-03-31" },
	{ "元月底前", 2026, DL_DATE, "2026-01-31" },
	{ "元月10日前", 2026, DL_DATE, "2026-01-10" },
	{ "每个月5日前", 2026, DL_MONTHLY, "2026-01-05" },
	/* Steps named by their stages. */
	{ "3月—5月动员部署，6月—10月集中整治，11月—12月总结提升", 2026,
	  DL_DATE, "2026-12-31" },
	{ "5月底前自查自纠，8月底前督导检查，11月底前巩固提升", 2026, DL_DATE,
	  "2026-11-30" },
	{ "6月—10月集中整治", 2026, DL_UNKNOWN, NULL },	/* one step alone */
	{ "9月—10月整治，3月—5月动员，11月提升", 2026, DL_UNKNOWN, NULL },
	{ "3月动员，6月整治2次，12月提升", 2026, DL_UNKNOWN, NULL },
	{ "每个季度结束后10日内", 2026, DL_QUARTERLY, "2026-04-10" },
	{ "“五一”前", 2026, DL_DATE, "2026-04-30" },
	{ "\"春节\"前", 2026, DL_DATE, "2026-02-16" },
	{ "十一前", 2026, DL_DATE, "2026-09-30" },
	{ "七一前", 2026, DL_DATE, "2026-06-30" },
	{ "八一前", 2026, DL_DATE, "2026-07-31" },
	{ "正月十五前", 2026, DL_DATE, "2026-03-02" },
	{ "十一月前", 2026, DL_DATE, "2026-10-31" },
	{ "十一", 2026, DL_UNKNOWN, NULL },
	{ "9月份之后", 2026, DL_ONGOING, "2026-12-31" },
	/* Going on until a date is done by it. */
	{ "年底前持续推进", 2026, DL_DATE, "2026-12-31" },
	{ "年内持续开展", 2026, DL_DATE, "2026-12-31" },
	{ "6月底前持续推进专项整治", 2026, DL_DATE, "2026-06-30" },
	{ "年底前持续", 2026, DL_UNKNOWN, NULL },
	/* How it goes on, with its verb: all year. */
	{ "分阶段推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "逐步实施", 2026, DL_ONGOING, "2026-12-31" },
	{ "稳步推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "有序开展", 2026, DL_ONGOING, "2026-12-31" },
	{ "分批推进", 2026, DL_ONGOING, "2026-12-31" },
	{ "逐步", 2026, DL_UNKNOWN, NULL },
	{ "分批", 2026, DL_UNKNOWN, NULL },
	{ "分批推进，年底前完成", 2026, DL_DATE, "2026-12-31" },
	/* Work of a kind that goes on. */
	{ "长期任务", 2026, DL_ONGOING, "2026-12-31" },
	{ "常态化工作", 2026, DL_ONGOING, "2026-12-31" },
	{ "持续性工作", 2026, DL_ONGOING, "2026-12-31" },
	{ "日常工作", 2026, DL_ONGOING, "2026-12-31" },
	{ "经常性工作", 2026, DL_ONGOING, "2026-12-31" },
	{ "年度任务", 2026, DL_UNKNOWN, NULL },
	{ "阶段性任务", 2026, DL_UNKNOWN, NULL },
	{ "分阶段推进，年底前完成", 2026, DL_DATE, "2026-12-31" },
	{ "下半年", 2026, DL_DATE, "2026-12-31" },
	{ "下半年开展", 2026, DL_DATE, "2026-12-31" },
	{ "需求调研", 2026, DL_UNKNOWN, NULL },
	{ "最迟", 2026, DL_UNKNOWN, NULL },
	{ "确保6月底前", 2021, DL_DATE, "2021-06-30" },
	{ "截至9月底", 2021, DL_DATE, "2021-09-30" },
	{ "至年底", 2021, DL_DATE, "2021-12-31" },
	{ "到2022年6月底", 2021, DL_DATE, "2022-06-30" },
	{ "每年6月底前", 2021, DL_DATE, "2021-06-30" },
	{ "年底前全面完成", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前基本完成", 2021, DL_DATE, "2021-06-30" },
	{ "12月底前总结", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前评估", 2021, DL_DATE, "2021-06-30" },
	{ "长期坚持，12月底前总结", 2021, DL_DATE, "2021-12-31" },
	/* What is done after the date: the date. */
	{ "2021年底前完成，此后每年更新", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前建成，之后常态化运行", 2021, DL_DATE, "2021-06-30" },
	{ "年底前完成；今后持续推进", 2021, DL_DATE, "2021-12-31" },
	{ "6月底前，以后每季度报送", 2021, DL_UNKNOWN, NULL },	/* which? */
	{ "全面完成", 2021, DL_UNKNOWN, NULL },
	{ "力争", 2021, DL_UNKNOWN, NULL },
	{ "2026年度", 2021, DL_DATE, "2026-12-31" },
	{ "2026年度内", 2021, DL_DATE, "2026-12-31" },
	/* A year alone is by its end. */
	{ "2021年", 2021, DL_DATE, "2021-12-31" },
	{ "2022年", 2021, DL_DATE, "2022-12-31" },
	{ "到2022年", 2021, DL_DATE, "2022-12-31" },
	{ "2021年完成", 2021, DL_DATE, "2021-12-31" },
	{ "2022年全面完成", 2021, DL_DATE, "2022-12-31" },
	{ "2021年底前基本完成，2022年全面完成", 2021, DL_DATE, "2022-12-31" },
	{ "2022年全面", 2021, DL_UNKNOWN, NULL },
	/* With a verb or two, alone or ending a step; not with an object. */
	{ "2022年建成", 2021, DL_DATE, "2022-12-31" },
	{ "力争2022年建成投用", 2021, DL_DATE, "2022-12-31" },
	{ "2021年开工，2022年建成", 2021, DL_DATE, "2022-12-31" },
	{ "2035年制定标准化发展规划", 2021, DL_UNKNOWN, NULL },
	{ "明年建成", 2021, DL_DATE, "2022-12-31" },
	{ "今年启动，明年完成", 2021, DL_DATE, "2022-12-31" },
	{ "明年", 2021, DL_UNKNOWN, NULL },
	{ "2021", 2021, DL_UNKNOWN, NULL },	/* no 年: a number */
	/* Figures without a year are no date ("1.1" is a measure's
	 * number, and Excel stores 6.30 as 6.3). */
	{ "6.30", 2021, DL_UNKNOWN, NULL },
	{ "1.1", 2021, DL_UNKNOWN, NULL },
	{ "6月30", 2021, DL_UNKNOWN, NULL },	/* half of a wrapped 6月30日 */
	{ "6月30前", 2021, DL_DATE, "2021-06-30" },	/* but 日 left off */
	{ "12月31之前", 2021, DL_DATE, "2021-12-31" },
	{ "6月30前报送", 2021, DL_DATE, "2021-06-30" },
	{ "6月31前", 2021, DL_UNKNOWN, NULL },
	{ "6月305前", 2021, DL_UNKNOWN, NULL },

	/* Ongoing, with its verb. */
	{ "持续开展", 2021, DL_ONGOING, "2021-12-31" },
	{ "常态化推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "全年持续推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "贯穿全年", 2021, DL_ONGOING, "2021-12-31" },
	{ "全年落实", 2021, DL_ONGOING, "2021-12-31" },
	{ "长期有效", 2021, DL_ONGOING, "2021-12-31" },
	{ "持续完成", 2021, DL_UNKNOWN, NULL },
	{ "2021年起长期坚持", 2021, DL_ONGOING, "2021-12-31" },
	{ "自6月起长期推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "全年，其中6月底前完成方案", 2021, DL_DATE, "2021-06-30" },
	{ "全年，其中", 2021, DL_UNKNOWN, NULL },

	/* A range of dates across months: the later. */
	{ "10月1日—12月31日", 2026, DL_DATE, "2026-12-31" },
	{ "2022年10月1日至10月15日", 2026, DL_DATE, "2022-10-15" },
	{ "12月1日—10月31日", 2026, DL_UNKNOWN, NULL },
	{ "9月15日—9月1日", 2026, DL_UNKNOWN, NULL },
	{ "10月1日—11月31日", 2026, DL_UNKNOWN, NULL },

	/* 今年 and 本年: the plan's year. */
	{ "今年底", 2021, DL_DATE, "2021-12-31" },
	{ "本年度内", 2021, DL_DATE, "2021-12-31" },
	{ "今年6月底前", 2021, DL_DATE, "2021-06-30" },
	{ "年度末", 2021, DL_DATE, "2021-12-31" },
	{ "今年", 2021, DL_UNKNOWN, NULL },
	{ "当年完成", 2021, DL_DATE, "2021-12-31" },
	{ "今年完成", 2026, DL_DATE, "2026-12-31" },
	{ "原则上6月底前", 2021, DL_DATE, "2021-06-30" },

	/* A range to the year's end, or from a month on to a date. */
	{ "3月至年底", 2021, DL_DATE, "2021-12-31" },
	{ "5月—年底前", 2021, DL_DATE, "2021-12-31" },
	{ "6月起至年底", 2021, DL_DATE, "2021-12-31" },
	{ "4月起至10月底", 2021, DL_DATE, "2021-10-31" },
	{ "9月1日至年底", 2021, DL_DATE, "2021-12-31" },
	{ "3月至年", 2021, DL_UNKNOWN, NULL },

	/* From a month on: what goes on to the year's end. */
	{ "6月起", 2021, DL_ONGOING, "2021-12-31" },
	{ "9月以后", 2021, DL_ONGOING, "2021-12-31" },
	{ "3月份以后持续推进", 2021, DL_ONGOING, "2021-12-31" },
	{ "9月之后", 2021, DL_ONGOING, "2021-12-31" },
	{ "自7月1日起持续开展", 2021, DL_ONGOING, "2021-12-31" },
	{ "7月1日起施行", 2021, DL_ONGOING, "2021-12-31" },
	{ "7月1日开始实施", 2021, DL_ONGOING, "2021-12-31" },
	{ "从9月份起", 2021, DL_ONGOING, "2021-12-31" },
	{ "10月开始实施", 2021, DL_ONGOING, "2021-12-31" },
	{ "13月起", 2021, DL_UNKNOWN, NULL },
	{ "从严查处", 2021, DL_UNKNOWN, NULL },

	/* Months or quarters in a row named together: the span's end. */
	{ "7、8月", 2021, DL_DATE, "2021-08-31" },
	{ "7、8、9月份", 2021, DL_DATE, "2021-09-30" },
	{ "三、四季度", 2021, DL_DATE, "2021-12-31" },
	{ "第二、第三季度", 2021, DL_DATE, "2021-09-30" },
	{ "7、9月", 2021, DL_UNKNOWN, NULL },		/* not in a row */
	/* Each of them: no span (a list would name every period). */
	{ "7、8月各报送一次", 2021, DL_UNKNOWN, NULL },
	{ "三、四季度分别报送", 2021, DL_UNKNOWN, NULL },
	{ "7、8月底前完成", 2021, DL_DATE, "2021-08-31" },
	{ "8、7月", 2021, DL_UNKNOWN, NULL },
	{ "12、13月", 2021, DL_UNKNOWN, NULL },
	{ "四、五季度", 2021, DL_UNKNOWN, NULL },
	{ "7月底、8月底前", 2021, DL_UNKNOWN, NULL },	/* a list */
	/* Run together, one numeral character each; the last read whole. */
	{ "三四季度", 2021, DL_DATE, "2021-12-31" },
	{ "第二三季度", 2021, DL_DATE, "2021-09-30" },
	{ "七八月份", 2021, DL_DATE, "2021-08-31" },
	{ "三五季度", 2021, DL_UNKNOWN, NULL },
	{ "十一十二月", 2021, DL_UNKNOWN, NULL },
	{ "三四", 2021, DL_UNKNOWN, NULL },
	{ "三、四季度前", 2021, DL_DATE, "2021-12-31" },
	{ "三四季度完成", 2021, DL_DATE, "2021-12-31" },
	{ "7、8月底前", 2021, DL_DATE, "2021-08-31" },
	{ "7、8月份完成", 2021, DL_DATE, "2021-08-31" },
	{ "7、8日", 2021, DL_UNKNOWN, NULL },
	{ "1、2、3、4季度", 2021, DL_QUARTERLY, NULL },	/* every one */
	{ "按季报送", 2021, DL_QUARTERLY, NULL },
	{ "按季", 2021, DL_QUARTERLY, NULL },
	{ "每月月底前", 2021, DL_MONTHLY, NULL },

	/* Not deadlines. */
	{ "13月底前", 2021, DL_UNKNOWN, NULL },
	{ "0月底前", 2021, DL_UNKNOWN, NULL },
	{ "十三月", 2021, DL_UNKNOWN, NULL },
	{ "下个月", 2021, DL_UNKNOWN, NULL },
	{ "", 2021, DL_UNKNOWN, NULL },
	{ "  ", 2021, DL_UNKNOWN, NULL },
	{ "尽快", 2021, DL_UNKNOWN, NULL },
	{ "abc", 2021, DL_UNKNOWN, NULL },
	{ "年", 2021, DL_UNKNOWN, NULL },
	{ "年前", 2021, DL_UNKNOWN, NULL },
	{ "月底前", 2021, DL_UNKNOWN, NULL },
	{ "6月底后", 2021, DL_UNKNOWN, NULL },
	{ "6月底前前", 2021, DL_UNKNOWN, NULL },
	{ "每年", 2021, DL_UNKNOWN, NULL },

	/* Invalid UTF-8 is unknown, not a crash. */
	{ "\xff月底前", 2021, DL_UNKNOWN, NULL },
	{ "6\xe6\x9c", 2021, DL_UNKNOWN, NULL },
	{ "6月底\xe5", 2021, DL_UNKNOWN, NULL },
	{ "2022\xe5\xb9", 2021, DL_UNKNOWN, NULL },
};

struct due_case {
	const char *what;
	enum dl_kind kind;
	const char *due;	/* the item's own due, or NULL */
	int year;
	const char *today;
	const char *want;	/* NULL for DATE_NONE */
};

static const struct due_case due_cases[] = {
	{ "monthly mid-month", DL_MONTHLY, NULL, 2021, "2021-06-23", "2021-06-30" },
	{ "monthly first day", DL_MONTHLY, NULL, 2021, "2021-02-01", "2021-02-28" },
	{ "monthly last day", DL_MONTHLY, NULL, 2021, "2021-12-31", "2021-12-31" },
	{ "monthly leap Feb", DL_MONTHLY, NULL, 2024, "2024-02-10", "2024-02-29" },
	{ "monthly before year", DL_MONTHLY, NULL, 2021, "2020-11-05", "2021-01-31" },
	{ "monthly after year", DL_MONTHLY, NULL, 2021, "2022-03-01", "2021-12-31" },
	{ "monthly 5th, before it", DL_MONTHLY, "2021-01-05", 2021, "2021-06-03", "2021-06-05" },
	{ "monthly 5th, on it", DL_MONTHLY, "2021-01-05", 2021, "2021-06-05", "2021-06-05" },
	{ "monthly 5th, past it", DL_MONTHLY, "2021-01-05", 2021, "2021-06-06", "2021-07-05" },
	{ "monthly 5th, past December's", DL_MONTHLY, "2021-01-05", 2021, "2021-12-20", "2021-12-05" },
	{ "monthly 5th, before year", DL_MONTHLY, "2021-01-05", 2021, "2020-12-20", "2021-01-05" },
	{ "monthly 5th, after year", DL_MONTHLY, "2021-01-05", 2021, "2022-01-03", "2021-12-05" },
	{ "monthly 31st in February", DL_MONTHLY, "2021-01-31", 2021, "2021-02-10", "2021-02-28" },
	{ "monthly 30th, leap February", DL_MONTHLY, "2024-01-30", 2024, "2024-02-01", "2024-02-29" },
	{ "monthly 30th past February's", DL_MONTHLY, "2021-01-30", 2021, "2021-03-01", "2021-03-30" },
	{ "quarterly Q1 start", DL_QUARTERLY, NULL, 2021, "2021-01-01", "2021-03-31" },
	{ "quarterly Q2 start", DL_QUARTERLY, NULL, 2021, "2021-04-01", "2021-06-30" },
	{ "quarterly Q2 end", DL_QUARTERLY, NULL, 2021, "2021-06-30", "2021-06-30" },
	{ "quarterly Q3", DL_QUARTERLY, NULL, 2021, "2021-08-15", "2021-09-30" },
	{ "quarterly Q4", DL_QUARTERLY, NULL, 2021, "2021-11-30", "2021-12-31" },
	{ "quarterly before year", DL_QUARTERLY, NULL, 2021, "2020-12-31", "2021-03-31" },
	{ "bimonthly Jan: February's end", DL_BIMONTHLY, NULL, 2026, "2026-01-05", "2026-02-28" },
	{ "bimonthly on April's end", DL_BIMONTHLY, NULL, 2026, "2026-04-30", "2026-04-30" },
	{ "bimonthly May", DL_BIMONTHLY, NULL, 2026, "2026-05-01", "2026-06-30" },
	{ "bimonthly after year", DL_BIMONTHLY, NULL, 2026, "2027-01-10", "2026-12-31" },
	{ "after two months, November's", DL_BIMONTHLY, "2026-03-10", 2026, "2026-11-11", "2027-01-10" },
	/* 每半月: the 15th and the month's end; 每旬: the 10th, 20th, end. */
	{ "half months, first", DL_SEMIMONTHLY, NULL, 2026, "2026-01-03", "2026-01-15" },
	{ "half months, on the 15th", DL_SEMIMONTHLY, NULL, 2026, "2026-01-15", "2026-01-15" },
	{ "half months, second", DL_SEMIMONTHLY, NULL, 2026, "2026-01-16", "2026-01-31" },
	{ "half months, February's end", DL_SEMIMONTHLY, NULL, 2026, "2026-02-20", "2026-02-28" },
	{ "half months, before year", DL_SEMIMONTHLY, NULL, 2026, "2025-12-20", "2026-01-15" },
	{ "half months, after year", DL_SEMIMONTHLY, NULL, 2026, "2027-01-05", "2026-12-31" },
	{ "ten days, second", DL_TENDAY, NULL, 2026, "2026-01-11", "2026-01-20" },
	{ "ten days, February's last", DL_TENDAY, NULL, 2026, "2026-02-21", "2026-02-28" },
	{ "ten days, on the 10th", DL_TENDAY, NULL, 2026, "2026-03-10", "2026-03-10" },
	/* 每两周 in 2026: Fridays Jan 2, 16, 30, ... (weeks from Jan 2's). */
	{ "two weeks, the first's Saturday", DL_BIWEEKLY, NULL, 2026, "2026-01-03", "2026-01-02" },
	{ "two weeks, the week between", DL_BIWEEKLY, NULL, 2026, "2026-01-05", "2026-01-16" },
	{ "two weeks, on Friday", DL_BIWEEKLY, NULL, 2026, "2026-01-16", "2026-01-16" },
	{ "two weeks, past it", DL_BIWEEKLY, NULL, 2026, "2026-01-19", "2026-01-30" },
	{ "two weeks, after year", DL_BIWEEKLY, NULL, 2026, "2027-02-01", "2026-12-18" },
	{ "semiannual H1", DL_SEMIANNUAL, NULL, 2026, "2026-02-10", "2026-06-30" },
	{ "semiannual H1 end", DL_SEMIANNUAL, NULL, 2026, "2026-06-30", "2026-06-30" },
	{ "semiannual H2", DL_SEMIANNUAL, NULL, 2026, "2026-07-01", "2026-12-31" },
	{ "semiannual after year", DL_SEMIANNUAL, NULL, 2026, "2027-03-01", "2026-12-31" },
	{ "quarterly after year", DL_QUARTERLY, NULL, 2021, "2023-05-05", "2021-12-31" },
	/* 每季度结束后10日内: April, July, October and next January 10. */
	{ "after quarters, before Q1's", DL_QUARTERLY, "2021-04-10", 2021, "2021-02-01", "2021-04-10" },
	{ "after quarters, on Q1's", DL_QUARTERLY, "2021-04-10", 2021, "2021-04-10", "2021-04-10" },
	{ "after quarters, past Q1's", DL_QUARTERLY, "2021-04-10", 2021, "2021-04-11", "2021-07-10" },
	{ "after quarters, Q4's next year", DL_QUARTERLY, "2021-04-10", 2021, "2021-12-20", "2022-01-10" },
	{ "after quarters, after year", DL_QUARTERLY, "2021-04-10", 2021, "2022-03-01", "2022-01-10" },
	/* 每季度首月10日前: January, April, July and October 10. */
	{ "quarters' first months", DL_QUARTERLY, "2021-01-10", 2021, "2021-01-05", "2021-01-10" },
	{ "quarters' first months, past", DL_QUARTERLY, "2021-01-10", 2021, "2021-05-01", "2021-07-10" },
	{ "quarters' first months, last", DL_QUARTERLY, "2021-01-10", 2021, "2021-11-01", "2021-10-10" },
	/* 每季度首月: the ends of January, April, July and October. */
	{ "quarters' first months' ends, April", DL_QUARTERLY, "2026-01-31", 2026, "2026-02-01", "2026-04-30" },
	{ "quarters' first months' ends, July", DL_QUARTERLY, "2026-01-31", 2026, "2026-05-01", "2026-07-31" },
	{ "after months, December's", DL_MONTHLY, "2021-02-05", 2021, "2021-12-06", "2022-01-05" },
	{ "after months, 31st", DL_MONTHLY, "2021-02-28", 2021, "2021-03-01", "2021-03-28" },
	{ "after half years, H2's", DL_SEMIANNUAL, "2026-07-10", 2026, "2026-07-11", "2027-01-10" },
	/* 1月、7月10日前: January and July 10. */
	{ "half years' first months", DL_SEMIANNUAL, "2026-01-10", 2026, "2026-02-01", "2026-07-10" },
	{ "half years' first months, last", DL_SEMIANNUAL, "2026-01-10", 2026, "2026-08-01", "2026-07-10" },
	{ "weekly on Tuesday", DL_WEEKLY, NULL, 2026, "2026-06-23", "2026-06-26" },
	{ "weekly on Friday", DL_WEEKLY, NULL, 2026, "2026-06-26", "2026-06-26" },
	{ "weekly on Sunday: the week's", DL_WEEKLY, NULL, 2026, "2026-06-28", "2026-06-26" },
	{ "weekly on Monday", DL_WEEKLY, NULL, 2026, "2026-06-29", "2026-07-03" },
	{ "weekly before year", DL_WEEKLY, NULL, 2026, "2025-11-05", "2026-01-02" },
	{ "weekly after year", DL_WEEKLY, NULL, 2026, "2027-03-01", "2026-12-25" },
	{ "weekly, Friday in the next year", DL_WEEKLY, NULL, 2026, "2026-12-30", "2026-12-25" },
	{ "weekly, Jan 1 a Friday", DL_WEEKLY, NULL, 2021, "2021-01-01", "2021-01-01" },
	{ "date before due", DL_DATE, "2021-10-31", 2021, "2021-06-23", "2021-10-31" },
	{ "date after due", DL_DATE, "2021-03-31", 2021, "2021-06-23", "2021-03-31" },
	{ "ongoing", DL_ONGOING, "2021-12-31", 2021, "2021-06-23", "2021-12-31" },
	{ "unknown", DL_UNKNOWN, NULL, 2021, "2021-06-23", NULL },
};

/* Day number of "YYYY-MM-DD" in a table row, or DATE_NONE for NULL. */
static int
day_of(const char *ymd)
{
	int day;

	if (ymd == NULL)
		return DATE_NONE;
	if (!date_parse(ymd, &day))
		fail_msg("bad date in the test table: %s", ymd);
	return day;
}

/* One row of parse_cases. */
static void
test_parse(void **state)
{
	const struct parse_case *c = *state;
	struct deadline dl = deadline_parse(c->text, c->year);
	char got[11];

	date_format(dl.due, got);
	assert_string_equal(deadline_kind_name(dl.kind),
	    deadline_kind_name(c->kind));
	assert_string_equal(got, c->due != NULL ? c->due : "");
	assert_int_equal(dl.due, day_of(c->due));
}

/* One row of due_cases. */
static void
test_current_due(void **state)
{
	const struct due_case *c = *state;
	struct deadline dl = { c->kind, day_of(c->due), 0 };
	char got[11];

	date_format(deadline_current_due(&dl, c->year, day_of(c->today), NULL),
	    got);
	assert_string_equal(got, c->want != NULL ? c->want : "");
}

/* Kind names are the contract's, and read back to the same kind. */
static void
test_kind_names(void **state)
{
	static const struct {
		enum dl_kind kind;
		const char *name;
	} names[] = {
		{ DL_DATE, "date" },
		{ DL_ONGOING, "ongoing" },
		{ DL_MONTHLY, "monthly" },
		{ DL_QUARTERLY, "quarterly" },
		{ DL_SEMIANNUAL, "semiannual" },
		{ DL_WEEKLY, "weekly" },
		{ DL_BIMONTHLY, "bimonthly" },
		{ DL_BIWEEKLY, "biweekly" },
		{ DL_SEMIMONTHLY, "semimonthly" },
		{ DL_TENDAY, "tenday" },
		{ DL_UNKNOWN, "unknown" },
	};
	static const char *const bad[] = { "", "Date", "fortnightly", "date " };
	enum dl_kind kind;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(names); i++) {
		assert_string_equal(deadline_kind_name(names[i].kind),
		    names[i].name);
		kind = DL_UNKNOWN;
		if (names[i].kind == DL_UNKNOWN)
			kind = DL_DATE;
		assert_true(deadline_kind_from_name(names[i].name, &kind));
		assert_int_equal(kind, names[i].kind);
	}
	for (i = 0; i < ARRAY_LEN(bad); i++)
		assert_false(deadline_kind_from_name(bad[i], &kind));
}

/* A calendar for the weekly rule: 2026's National Day (Oct 1-7 off, Oct
 * 10 a make-up Saturday) and a made-up week of holidays (Oct 12-18). */
static bool
test_workday(const void *arg, int day)
{
	int y, m, d, wd = date_weekday(day);

	(void)arg;
	date_to_ymd(day, &y, &m, &d);
	if (y == 2026 && m == 10 && d == 10)
		return true;
	if (y == 2026 && m == 10 && d >= 1 && d <= 18 && d != 8 && d != 9)
		return false;
	return wd >= 1 && wd <= 5;
}

/* Weekly item dl on day (2026): its week's due day want ("" for none),
 * and the occurrence current then, as the schedule and `list` see it. */
static void
expect_week(const struct deadline *dl, const char *day, const char *want,
    const char *occurrence)
{
	struct dl_rules rules = { 0, test_workday, NULL };
	char got[11];

	date_format(deadline_week_due(dl, day_of(day), &rules), got);
	assert_string_equal(got, want != NULL ? want : "");
	date_format(deadline_occurrence(dl, 2026, day_of(day), &rules), got);
	assert_string_equal(got, occurrence);
	date_format(deadline_current_due(dl, 2026, day_of(day), &rules), got);
	assert_string_equal(got, occurrence);
}

/* The weekly rule under a calendar: the week's last working day, the
 * next week's for a week without one, and the same in the occurrence. */
static void
test_week_due(void **state)
{
	static const struct {
		const char *day, *want, *occurrence;
	} cases[] = {
		{ "2026-09-28", "2026-09-30", "2026-09-30" },	/* Friday off */
		{ "2026-10-04", "2026-09-30", "2026-09-30" },
		{ "2026-10-05", "2026-10-10", "2026-10-10" },	/* make-up Sat */
		{ "2026-10-11", "2026-10-10", "2026-10-10" },
		{ "2026-10-14", NULL, "2026-10-23" },	/* no working day */
		{ "2026-10-19", "2026-10-23", "2026-10-23" },
	};
	struct deadline dl = { DL_WEEKLY, DATE_NONE, 0 };
	char got[11];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++)
		expect_week(&dl, cases[i].day, cases[i].want,
		    cases[i].occurrence);
	/* Without rules: Friday, whatever the holidays. */
	date_format(deadline_week_due(NULL, day_of("2026-10-01"), NULL), got);
	assert_string_equal(got, "2026-10-02");
}

/* Working days of a period's month: where the grammar puts the first
 * (Monday to Friday), and where each period's falls under a calendar. */
static void
test_workday_due(void **state)
{
	static const struct {
		const char *text;
		enum dl_kind kind;
		int workday;
		const char *first;	/* the grammar's due, Monday to Friday */
		int month;		/* a period ending in this month of 2026 */
		const char *plain, *held;	/* its due without, with rules */
	} cases[] = {
		{ "每季度结束后5个工作日内", DL_QUARTERLY, 5, "2026-04-07", 9,
		  "2026-10-07", "2026-10-20" },
		{ "每季度结束后五个工作日内报送", DL_QUARTERLY, 5, "2026-04-07",
		  9, "2026-10-07", "2026-10-20" },
		{ "次月3个工作日内", DL_MONTHLY, 3, "2026-02-04", 9,
		  "2026-10-05", "2026-10-10" },		/* a make-up Saturday */
		{ "每月前3个工作日", DL_MONTHLY, 3, "2026-01-05", 10,
		  "2026-10-05", "2026-10-10" },
		{ "每月第一个工作日", DL_MONTHLY, 1, "2026-01-01", 10,
		  "2026-10-01", "2026-10-08" },
		{ "每月最后一个工作日", DL_MONTHLY, -1, "2026-01-30", 10,
		  "2026-10-30", "2026-10-30" },
		{ "每季度最后一个工作日", DL_QUARTERLY, -1, "2026-03-31", 12,
		  "2026-12-31", "2026-12-31" },
		{ "每季度末月最后一个工作日", DL_QUARTERLY, -1, "2026-03-31", 12,
		  "2026-12-31", "2026-12-31" },
		{ "每季度首月10个工作日内", DL_QUARTERLY, 10, "2026-01-14", 12,
		  "2026-10-14", "2026-10-27" },
		{ "每半年结束后10个工作日内", DL_SEMIANNUAL, 10, "2026-07-14", 6,
		  "2026-07-14", "2026-07-14" },
	};
	struct dl_rules rules = { 0, test_workday, NULL };
	char got[11];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct deadline dl = deadline_parse(cases[i].text, 2026);

		assert_string_equal(deadline_kind_name(dl.kind),
		    deadline_kind_name(cases[i].kind));
		assert_int_equal(dl.workday, cases[i].workday);
		date_format(dl.due, got);
		assert_string_equal(got, cases[i].first);
		date_format(deadline_month_due(&dl, 2026, cases[i].month, NULL),
		    got);
		assert_string_equal(got, cases[i].plain);
		date_format(deadline_month_due(&dl, 2026, cases[i].month,
		    &rules), got);
		assert_string_equal(got, cases[i].held);
	}
	/* The occurrence current in the holidays is the held day; the
	 * period before it ends on July's fifth working day. */
	{
		struct deadline dl = deadline_parse("每季度结束后5个工作日内",
		    2026);

		date_format(deadline_occurrence(&dl, 2026, day_of("2026-10-12"),
		    &rules), got);
		assert_string_equal(got, "2026-10-20");
		date_format(deadline_period_start(&dl, 2026,
		    day_of("2026-10-20"), &rules), got);
		assert_string_equal(got, "2026-07-07");
	}
	/* A day past a month's working days, or a plain day, has none. */
	assert_int_equal(deadline_parse("每月30个工作日内", 2026).kind,
	    DL_UNKNOWN);
	assert_int_equal(deadline_parse("每月5日前", 2026).workday, 0);
}

/* A weekly item that names its day: that day, else the working day
 * before it in its week, else the first after it; its due is its first
 * week's; 每周一次 names none. */
static void
test_week_named_day(void **state)
{
	static const struct {
		const char *text, *first, *day, *want, *occurrence;
	} cases[] = {
		{ "每周一", "2026-01-05", "2026-09-30", "2026-09-28", "2026-09-28" },
		/* Mon-Wed off: Thursday. */
		{ "每周一前报送", "2026-01-05", "2026-10-05", "2026-10-08",
		  "2026-10-08" },
		{ "每周一", "2026-01-05", "2026-10-14", NULL, "2026-10-19" },
		{ "每星期三前", "2026-01-07", "2026-10-09", "2026-10-08",
		  "2026-10-08" },
		{ "每周三", "2026-01-07", "2026-10-21", "2026-10-21", "2026-10-21" },
		/* Sunday off: the make-up Saturday, else Friday. */
		{ "每周日", "2026-01-04", "2026-10-06", "2026-10-10", "2026-10-10" },
		{ "每星期天前", "2026-01-04", "2026-09-22", "2026-09-25",
		  "2026-09-25" },
	};
	struct deadline dl;
	char got[11];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		dl = deadline_parse(cases[i].text, 2026);
		assert_int_equal(dl.kind, DL_WEEKLY);
		date_format(dl.due, got);
		assert_string_equal(got, cases[i].first);
		expect_week(&dl, cases[i].day, cases[i].want,
		    cases[i].occurrence);
	}
	dl = deadline_parse("每周一次", 2026);
	assert_int_equal(dl.kind, DL_WEEKLY);
	assert_int_equal(dl.due, DATE_NONE);
}

/* Long runs of numerals neither crash nor overflow: they are unknown. */
static void
test_long_numerals(void **state)
{
	static const char *const runs[] = { "百", "十", "9", "0" };
	enum { REPEAT = 100000 };
	struct deadline dl;
	size_t i, j, n;
	char *s;

	(void)state;
	for (i = 0; i < ARRAY_LEN(runs); i++) {
		n = strlen(runs[i]);
		s = xmalloc(n * REPEAT + sizeof("月底前"));
		for (j = 0; j < REPEAT; j++)
			memcpy(s + j * n, runs[i], n);
		strcpy(s + n * REPEAT, "月底前");
		dl = deadline_parse(s, 2021);
		free(s);
		assert_int_equal(dl.kind, DL_UNKNOWN);
		assert_int_equal(dl.due, DATE_NONE);
	}
}

/* The deadline a measure's text ends with: a note in brackets the
 * grammar reads, else the last clause; none for anything else. */
static void
test_in_text(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "开展专项行动（6月底前完成）。", "6月底前完成" },
		{ "开展专项行动(完成时限：年底前)", "完成时限：年底前" },
		{ "建立机制，2026年9月底前建成。", "2026年9月底前建成" },
		{ "推进转化（重点企业），年底前。", "年底前" },
		{ "调度进展，每月15日和月底前报送。", "每月15日和月底前报送" },
		{ "推进转化（重点企业）。", NULL },
		{ "持续推进专利转化。", NULL },
		{ "年底前", "年底前" },
		{ "（", NULL }, { "）", NULL }, { "()", NULL }, { "。", NULL },
		{ "，。；", NULL }, { "", NULL },
	};
	char *got;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		got = deadline_in_text(cases[i].text, 2026);
		if (cases[i].want == NULL && got != NULL)
			fail_msg("\"%s\": got \"%s\"", cases[i].text, got);
		if (cases[i].want != NULL)
			assert_string_equal(got != NULL ? got : "(none)",
			    cases[i].want);
		free(got);
	}
}

/* Run every table row as a test case of its own, then the rest. */
int
main(void)
{
	size_t n = ARRAY_LEN(parse_cases) + ARRAY_LEN(due_cases) + 6;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	char **names = xcalloc(n, sizeof(*names));
	size_t i, t = 0;
	char *esc;
	int rc;

	for (i = 0; i < ARRAY_LEN(parse_cases); i++, t++) {
		esc = log_escape(parse_cases[i].text);
		names[t] = xasprintf("parse \"%s\" in %d", esc,
		    parse_cases[i].year);
		free(esc);
		tests[t] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    test_parse, (void *)&parse_cases[i]);
		tests[t].name = names[t];
	}
	for (i = 0; i < ARRAY_LEN(due_cases); i++, t++) {
		names[t] = xasprintf("current due: %s", due_cases[i].what);
		tests[t] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    test_current_due, (void *)&due_cases[i]);
		tests[t].name = names[t];
	}
	tests[t++] = (struct CMUnitTest)cmocka_unit_test(test_kind_names);
	tests[t++] = (struct CMUnitTest)cmocka_unit_test(test_week_due);
	tests[t++] = (struct CMUnitTest)cmocka_unit_test(test_week_named_day);
	tests[t++] = (struct CMUnitTest)cmocka_unit_test(test_workday_due);
	tests[t++] = (struct CMUnitTest)cmocka_unit_test(test_long_numerals);
	tests[t++] = (struct CMUnitTest)cmocka_unit_test(test_in_text);

	rc = _cmocka_run_group_tests("deadline", tests, t, NULL, NULL);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	return rc;
}
