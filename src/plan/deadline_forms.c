/* deadline_forms: the deadline grammar's words and the table of its
 * forms (deadline_forms.h). */
#include "base/util.h"
#include "plan/deadline_forms.h"

static const char *const tail_none[] = { "", NULL };
static const char *const tail_before[] = { "前", NULL };
/* 前后 and 左右 ("about": 12月10日前后) leave the date as it is, and
 * 止 ("until": 至12月31日止) is 前. */
static const char *const tail_opt_before[] = {
	"", "前", "前后", "左右", "止", NULL
};
/* 底 and 末 both name the end of the period; 前 after them is the usual
 * "by", which changes nothing; 内 ("within": 6月内) is the end too. */
static const char *const tail_end[] = {
	"", "底", "底前", "末", "末前", "内", "前后", "左右", "底前后",
	"底左右", NULL
};
static const char *const tail_end_only[] = { "底", "底前", "末", "末前", NULL };
/* For quarters and half years a bare 前 means by the end of the period
 * (README, "Deadlines": 一季度前 is the last day of Q1), unlike "X月前";
 * 内 ("within": 三季度内, 6月内) is its end too. */
static const char *const tail_period[] = {
	"", "前", "底", "底前", "末", "末前", "内", "前后", "左右", "底前后",
	"底左右", "末前后", "末左右", NULL
};
/* What goes on all year is often said with its verb: 持续推进, 长期坚持,
 * 常态化开展, 全年实施, 持续深化.  The first ("") must stay first:
 * tail_ongoing + 1 is the verbs alone. */
static const char *const tail_ongoing[] = {
	"", "推进", "开展", "实施", "进行", "坚持", "落实", "执行", "有效",
	"推动", "深化", "加强", "完善", "提升", "优化", "施行", "持续推进",
	"持续开展", "持续实施", "常态化开展", "常态化推进", "长期坚持",
	"长期推进", "长期开展", "深入推进", "深入开展", "深入实施",
	"抓好落实", "有序推进", "动态推进", "有效执行", "常态化", "监管",
	/* or as a kind of work: 长期任务, 常态化工作, 持续性工作 */
	"工作", "任务", "性工作", "性任务", NULL
};
/* What is done by the period: 按季度报送, 按月调度, 按月报送一次. */
static const char *const tail_periodic[] = {
	"", "报送", "上报", "报告", "调度", "通报", "汇总", "报送一次",
	"上报一次", "报告一次", "调度一次", "通报一次", "汇总一次", NULL
};
/* Every period's end (每月底, 每季度结束前), or what is reported then:
 * 每月报送, 每季度通报, 每周调度 (a reporting verb only: 每月开展检查 is
 * a measure's text), 每半年一次. */
static const char *const tail_every[] = {
	"", "底", "底前", "末", "末前", "结束前", "报送", "上报", "报告",
	"调度", "通报", "汇总", "报送一次", "上报一次", "报告一次", "调度一次", "通报一次",
	"汇总一次", "一报", "一次", "1次", "一调度", "一通报", NULL
};
/* Within (一周内). */
static const char *const tail_in[] = { "内", NULL };
/* A day counted after a period's end: 每季度结束后10日内, 10天内, 10日前. */
static const char *const tail_within[] = { "日内", "天内", "日前", NULL };
/* Working days counted from a month's start: 每季度结束后5个工作日内,
 * 每月前3个工作日, 次月5个工作日前; or the Nth: 每月第一个工作日. */
static const char *const tail_workdays[] = {
	"个工作日内", "个工作日前", "个工作日", NULL
};
static const char *const tail_workdays_within[] = { "个工作日内", NULL };
/* A day of a month named by the head: 每季度首月10日(前), 10号(前). */
static const char *const tail_day[] = { "日", "日前", "号", "号前", NULL };
/* 年 alone is no deadline, and 年前 reads as "before the Spring
 * Festival", so the year head needs a tail. */
const char *const deadline_tail_year[] = {
	"底", "底前", "末", "末前", "内", "终", "终前", "底前后", "底左右",
	NULL
};
/* Once in the year (每年一次, 一年一报, 按年度报送): a plan is one
 * year's, so by its end. */
static const char *const tail_once[] = {
	"一次", "1次", "一报", "报送一次", "上报一次", "报告一次", "调度一次",
	"通报一次", "汇总一次", NULL
};
/* Once a period, after the period (一年一次, 一月一报, 一季一调度,
 * 两周一次, 半年一通报). */
static const char *const tail_one_each[] = {
	"一次", "1次", "一报", "一调度", "一通报", "一汇总", "一总结",
	"一评估", "一督查", "一督导", "一检查", "一会商", "一研判", "一分析",
	NULL
};
/* Once a half year with its verb (半年报送一次): 半年 alone is no
 * deadline, nor 半年报送 (which half?). */
static const char *const tail_report_once[] = {
	"报送一次", "上报一次", "报告一次", "调度一次", "通报一次", "汇总一次",
	NULL
};
/* Twice or four times a year (每年两次, 一年2次, 全年四次): once a
 * half year or a quarter. */
static const char *const tail_twice[] = { "两次", "2次", "二次", NULL };
static const char *const tail_four_times[] = { "四次", "4次", NULL };

/* The separators of a range ("5—9月", "5至9月"), folded. */
const char *const deadline_range_seps[] = {
	"——", "-", "—", "–", "―", "~", "至", "到", NULL
};

/* What a range into the next year starts its end with (11月至次年3月,
 * 10月—翌年4月); deadline.c's year words read it. */
const char *const deadline_next_years[] = { "次年", "翌年", "明年", NULL };

/* What a date says is due by then (6月底前出台, 每月5日前报送): the date
 * is the deadline.  Taken off only after a deadline word, so that an
 * ongoing form keeps its own verb (全年落实). */
const char *const deadline_date_verbs[] = {
	"出台", "印发", "建成", "启动", "报送", "上报", "提交", "到位",
	"部署", "办结", "制定", "落实", "实现", "开展", "推进", "实施",
	"建立", "健全", "完善", "形成", "取得", "见效", "见成效", "落地见效", "发布",
	"召开", "举办", "组织", "编制", "修订", "起草", "公布", "开通",
	"上线", "通过", "推开", "推广", "铺开", "见到实效", "验收", "定稿",
	"开工", "完工", "竣工", "投用", "投运", "挂牌", "成立", "下达", "公示",
	"初见成效", "取得实效", "总结", "评估", "考核", "整改", "审核", "审定",
	"批复", "备案", "报批", "评审", "排查", "梳理", "调研", "培训", "检查",
	"督查", "申报", "认定", "签订", "报告", "汇总", "通报", "新增", "新建",
	"培育", "改造", "清零", "销号", "达标", "达到", "投入使用", "交付使用",
	"创建", "自查", "摸排", "摸清", "移交", "拿出", "征求意见", "施行",
	"发放", "兑付", "试点", "启用", "审批", "批准", "更新", NULL
};
/* The heads of every month, week or part of them, after which only a
 * report's verb names what is due (每月|报送进展, 双月|报送进展,
 * 每周|报送进展): 月 and 周 alone are no deadline words.  A day of
 * every week is a head too: 每周 or 每星期, then one of
 * deadline_weekdays (每周五|报送进展). */
const char *const deadline_every_heads[] = {
	"每月", "每个月", "每两个月", "每两月", "每双月", "双月", "每半月",
	"每半个月", "每周", "每星期", "每两周", "每双周", "双周",
	"按月", "按周", "按月度", "逐月", "月度", "逐周",
	NULL	/* 按月报送进展, as 按季度报送进展 */
};
const char *const deadline_every_week[] = { "每周", "每星期", NULL };
const char *const deadline_weekdays[] = {
	"一", "二", "三", "四", "五", "六", "日", "天", NULL
};

/* The verbs of a report, which alone may follow 每月 with what is
 * reported (每月报送进展; 每月开展检查 is a measure's text). */
const char *const deadline_report_verbs[] = {
	"报送", "上报", "报告", "调度", "通报", "汇总", NULL
};

/* A bracketed note that makes 前 inclusive: 6月（含）前 is by June's
 * end, as 6月底前, not May's (without_note). */
const char *const deadline_inclusive_notes[] = {
	"含", "含当日", "含当天", "含当月", "含本月", NULL
};
/* One that leaves out the day it follows: 7月1日（不含）前 is by June
 * 30 (without_note). */
const char *const deadline_exclusive_notes[] = {
	"不含", "不含当日", "不含当天", "不含本日", NULL
};

/* Words that start what is done after a date (年底前完成，此后每年更新;
 * 6月底前（以后每年更新）). */
const char *const deadline_after_words[] = {
	"此后", "以后", "之后", "今后", "后续", NULL
};
/* A note that puts its date aside (6月底前（暂缓）, 年底前（已取消）):
 * nothing to remind of by it (without_note). */
const char *const deadline_void_notes[] = {
	"暂缓", "缓办", "延期", "推迟", "取消", "撤销", "废止", "终止", "停止",
	"暂停", "搁置", "不再", "待定", "不作要求", NULL
};
/* Words of a time in a note the grammar does not read whole
 * (汛期每周报送, 年中报送进展, 季度首月报送): another deadline beside
 * the cell's, so which one is meant? (without_note). */
const char *const deadline_note_times[] = {
	"每", "月底", "月末", "月初", "年中", "年底", "年末", "季度", "季末",
	"上旬", "中旬", "下旬", "期前", "期间", NULL
};

/* Words before a deadline that leave it as it is: 力争年底前完成,
 * 确保6月底前, 截至9月底, 于10月底前, 每年6月底前 (a plan is a year's),
 * 应于6月底前完成, 最迟不晚于10月底, 并于年底前完成. */
const char *const deadline_lead_words[] = {
	"力争", "确保", "争取", "截至", "截止到", "截止", "于", "在", "每年",
	"至迟", "至", "到", "分别", "即日起", "自即日起", "从即日起", "原则上", "自",
	"从", "应", "须", "需", "要", "务必", "请", "并", "不晚于", "不迟于",
	"不得晚于", "不得迟于", "最迟", "最晚", "计划", "预计", "暂定",
	"初定", "拟", "不超过", "不得超过",
	"其中",	/* 全年，其中6月底前完成方案 */
	/* Going on until a date (持续到年底, 持续推进至6月底): done by
	 * it, as 年底前持续推进 is. */
	"持续到", "持续至", "持续推进到", "持续推进至", "持续开展到",
	"持续开展至", "持续实施到", "持续实施至",
	NULL
};
/* Words between a deadline and its verb: 年底前全面完成, 全面推开,
 * 9月底前正式印发, 年底前如期完成. */
const char *const deadline_done_adverbs[] = {
	"全面", "基本", "全部", "初步", "正式", "如期", "按时", "按期",
	"各",	/* 6月、12月各报送一次: at each */
	"分别",	/* 6月底前、12月底前分别报送: the same */
	"力争", "确保", "争取", "务必",	/* 年底前力争完成 */
	"累计",	/* 截至年底累计完成 */
	NULL
};

/* The separators of a list of dates ("6月底、12月底前"), folded. */
const char *const deadline_list_seps[] = {
	",", ";", "、", "和", "及", "与", "/", NULL
};

const struct form deadline_forms[] = {
	{ "%m月",	tail_before,	DL_DATE, 0, -1, DAY_END, 0 },
	{ "%m月份",	tail_before,	DL_DATE, 0, -1, DAY_END, 0 },
	{ "%m月",	tail_end,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "%m月份",	tail_end,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "%m月上旬",	tail_opt_before, DL_DATE, 0, 0, 10, 0 },
	/* The start of a month: its first ten days' end, as 上旬. */
	{ "%m月初",	tail_opt_before, DL_DATE, 0, 0, 10, 0 },
	/* The middle of a month: its middle ten days' end, as 中旬. */
	{ "%m月中",	tail_opt_before, DL_DATE, 0, 0, 20, 0 },
	{ "%m月中旬",	tail_opt_before, DL_DATE, 0, 0, 20, 0 },
	{ "%m月下旬",	tail_opt_before, DL_DATE, 0, 0, DAY_END, 0 },
	/* Two ten-day periods: the later one's end. */
	{ "%m月上中旬",	tail_opt_before, DL_DATE, 0, 0, 20, 0 },
	{ "%m月中下旬",	tail_opt_before, DL_DATE, 0, 0, DAY_END, 0 },
	{ "%m月%d日",	tail_opt_before, DL_DATE, 0, 0, DAY_MATCHED, 0 },
	{ "%m月%d号",	tail_opt_before, DL_DATE, 0, 0, DAY_MATCHED, 0 },
	/* The day's 日 left off before 前 (6月30前); bare, 6月30 is half
	 * of a wrapped 6月30日. */
	{ "%m月%d",	tail_before,	DL_DATE, 0, 0, DAY_MATCHED, 0 },
	{ "%q季度",	tail_period,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "第%q季度",	tail_period,	DL_DATE, 0, 0, DAY_END, 0 },
	/* 三季末, 第二季末: the quarter written short, at its end. */
	{ "%q季",	tail_end_only,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "第%q季",	tail_end_only,	DL_DATE, 0, 0, DAY_END, 0 },
	/* The first N quarters (前三季度, 前三个季度): by the Nth's end. */
	{ "前%q季度",	tail_period,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "前%q个季度",	tail_period,	DL_DATE, 0, 0, DAY_END, 0 },
	/* Q3, 2026Q3 (strip_year), 2026年Q3: the quarter's end. */
	{ "Q%q",	tail_period,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "q%q",	tail_period,	DL_DATE, 0, 0, DAY_END, 0 },
	{ "上半年",	tail_period,	DL_DATE, 6, 0, DAY_END, 0 },
	{ "下半年",	tail_period,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "上半年度",	tail_period,	DL_DATE, 6, 0, DAY_END, 0 },
	{ "下半年度",	tail_period,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "年中",	tail_opt_before, DL_DATE, 6, 0, DAY_END, 0 },
	/* The year's last days, said as of the season (岁末, 岁尾). */
	{ "岁末",	tail_opt_before, DL_DATE, 12, 0, DAY_END, 0 },
	{ "岁尾",	tail_opt_before, DL_DATE, 12, 0, DAY_END, 0 },
	{ "年",		deadline_tail_year,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "年度",	deadline_tail_year,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "年度",	tail_none,	DL_DATE, 12, 0, DAY_END, 0 },	/* 2026年度 */
	{ "年",		tail_once,	DL_DATE, 12, 0, DAY_END, 0 },	/* 每年一次 */
	{ "一年",	tail_one_each,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "按年度",	tail_periodic,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "按年",	tail_periodic,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "全年",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "全年度",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "长期",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "持续",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "常态化",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* 常态 with its verb (常态推进); alone it is no deadline. */
	{ "常态",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* How it goes on, with its verb only (分阶段推进, 逐步实施): all
	 * year, as 持续推进; 逐步 alone is no deadline. */
	{ "分阶段",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "分步",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "逐步",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "稳步",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "有序",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "分批",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "滚动",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "分年度",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "贯穿全年",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "全年持续",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "长期持续",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "常年",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "日常",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "经常性",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "常抓不懈",	tail_none,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* From a month on to the year's end (6月起, 自7月1日起持续开展):
	 * what goes on all year, started later. */
	{ "%m月起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月份起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月份开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月以后",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月份以后",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月之后",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月份之后",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月%d日起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%m月%d日开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* From a quarter or half year on (二季度起, 下半年开始). */
	{ "%q季度起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "第%q季度起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "%q季度开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "第%q季度开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "下半年起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "下半年开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* 下半年 alone is a date (above); with a verb of going on
	 * (下半年持续推进) it is the same as 下半年起. */
	{ "下半年",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* From a year's start to its end (2026年起至年底, 今年至年底). */
	{ "年起至年",	deadline_tail_year,	DL_DATE, 12, 0, DAY_END, 0 },
	{ "年至年",	deadline_tail_year,	DL_DATE, 12, 0, DAY_END, 0 },
	/* From a year on (2026年起, 今年起开展): all of it. */
	{ "年起",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "年开始",	tail_ongoing,	DL_ONGOING, 12, 0, DAY_END, 0 },
	/* Since a year (2023年以来持续推进): on into the plan's. */
	{ "年以来",	tail_ongoing + 1,	DL_ONGOING, 12, 0, DAY_END, 0 },
	{ "每月",	tail_every,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	/* "By the month": 按月报送 (its verb: 月 after 按 is no date's). */
	{ "按月",	tail_periodic,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	/* The period as a kind (月度, 月度调度; 季度 is every_quarter's,
	 * 年度 a date) or taken one by one (逐月报送, 逐季度, 逐周): as 按月. */
	{ "月度",	tail_periodic,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "按月度",	tail_periodic,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "逐月",	tail_periodic,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "逐季度",	tail_periodic,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "逐季",	tail_periodic,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "逐周",	tail_periodic,	DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	/* One report a period: 一月一报, 一季一调度, 半年一通报, 一周一报. */
	{ "一月",	tail_one_each,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "一季",	tail_one_each,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "一季度",	tail_one_each,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "半年",	tail_one_each,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	/* 每年两次 reads as 年两次 (deadline.c's year_tail_starts). */
	{ "年",	tail_twice,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "一年",	tail_twice,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "全年",	tail_twice,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "年",	tail_four_times,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "一年",	tail_four_times,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "全年",	tail_four_times,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "一周",	tail_one_each,	DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每季",	tail_one_each,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	/* A day of every month: due holds January's, whose day of the
	 * month every month has (deadline.h). */
	{ "每月%d日",	tail_opt_before, DL_MONTHLY, 1, 0, DAY_MATCHED, 0 },
	{ "每月%d号",	tail_opt_before, DL_MONTHLY, 1, 0, DAY_MATCHED, 0 },
	{ "每月上旬",	tail_opt_before, DL_MONTHLY, 1, 0, 10, 0 },
	/* The start of each month or quarter: its first ten days' end,
	 * as X月初 (每季度初: of its first month). */
	{ "每月初",	tail_opt_before, DL_MONTHLY, 1, 0, 10, 0 },
	{ "每月月初",	tail_opt_before, DL_MONTHLY, 1, 0, 10, 0 },
	{ "每季度初",	tail_opt_before, DL_QUARTERLY, 1, 0, 10, 0 },
	{ "每月中旬",	tail_opt_before, DL_MONTHLY, 1, 0, 20, 0 },
	{ "每月中",	tail_opt_before, DL_MONTHLY, 1, 0, 20, 0 },
	{ "每月下旬",	tail_opt_before, DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每季度",	tail_every,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "按季度",	tail_periodic,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "按季",	tail_periodic,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "每个季度",	tail_every,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "各季度",	tail_end,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	/* 每季 alone would end a wrapped 每季度 early (text reader). */
	{ "每季",	tail_end_only,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "每个月",	tail_every,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	/* The period's last day, said so. */
	{ "每月最后一天",	tail_opt_before, DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每季度最后一天",	tail_opt_before, DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	/* 每月月底前 says 月 twice. */
	{ "每月月",	tail_end_only,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	/* A day near each period's end: due holds the first period's
	 * (deadline.h), whose month sets every period's (每季度结束后10日内:
	 * April 10, then July, October and January 10). */
	{ "每季度结束后%d",	tail_within,	DL_QUARTERLY, 4, 0, DAY_MATCHED, 0 },
	{ "每季后%d",	tail_within,	DL_QUARTERLY, 4, 0, DAY_MATCHED, 0 },
	{ "每季度后%d",	tail_within,	DL_QUARTERLY, 4, 0, DAY_MATCHED, 0 },
	{ "每季度次月%d",	tail_day,	DL_QUARTERLY, 4, 0, DAY_MATCHED, 0 },
	{ "每季度首月%d",	tail_day,	DL_QUARTERLY, 1, 0, DAY_MATCHED, 0 },
	{ "每季度第一个月%d",	tail_day,	DL_QUARTERLY, 1, 0, DAY_MATCHED, 0 },
	{ "每季度末月%d",	tail_day,	DL_QUARTERLY, 3, 0, DAY_MATCHED, 0 },
	{ "每季度最后一个月%d",	tail_day,	DL_QUARTERLY, 3, 0, DAY_MATCHED, 0 },
	{ "每季度最后一月%d",	tail_day,	DL_QUARTERLY, 3, 0, DAY_MATCHED, 0 },
	{ "每季度末%d",	tail_day,	DL_QUARTERLY, 3, 0, DAY_MATCHED, 0 },
	{ "每季末月%d",	tail_day,	DL_QUARTERLY, 3, 0, DAY_MATCHED, 0 },
	/* A quarter's first month, no day named: by its end (每季度首月
	 * 报送上季度情况: January 31, April 30 ...; day 31 stands for every
	 * month's last, deadline_month_due). */
	{ "每季度首月",	tail_every,	DL_QUARTERLY, 1, 0, DAY_END, 0 },
	{ "每季度第一个月",	tail_every,	DL_QUARTERLY, 1, 0, DAY_END, 0 },
	/* A week after each period's end: its 7th day (每月结束后一周内). */
	{ "每月结束后一周",	tail_in,	DL_MONTHLY, 2, 0, 7, 0 },
	{ "每季度结束后一周",	tail_in,	DL_QUARTERLY, 4, 0, 7, 0 },
	{ "每月结束后1周",	tail_in,	DL_MONTHLY, 2, 0, 7, 0 },
	{ "每季度结束后1周",	tail_in,	DL_QUARTERLY, 4, 0, 7, 0 },
	/* A quarter's last month, no day named: by its end (每季度末月报送). */
	{ "每季度末月",	tail_every,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "每季末月",	tail_every,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	/* A part of the month after each period's end, or of a quarter's
	 * month: 次月上旬 (the 10th), 每季度首月上旬, 每季度末月下旬. */
	{ "次月上旬",	tail_opt_before, DL_MONTHLY, 2, 0, 10, 0 },
	{ "次月初",	tail_opt_before, DL_MONTHLY, 2, 0, 10, 0 },
	{ "下月上旬",	tail_opt_before, DL_MONTHLY, 2, 0, 10, 0 },
	{ "下月初",	tail_opt_before, DL_MONTHLY, 2, 0, 10, 0 },
	{ "次月中旬",	tail_opt_before, DL_MONTHLY, 2, 0, 20, 0 },
	{ "每季度次月上旬",	tail_opt_before, DL_QUARTERLY, 4, 0, 10, 0 },
	{ "每季度首月上旬",	tail_opt_before, DL_QUARTERLY, 1, 0, 10, 0 },
	{ "每季度末月下旬",	tail_opt_before, DL_QUARTERLY, 3, 0, DAY_END, 0 },
	{ "每季末%d",	tail_day,	DL_QUARTERLY, 3, 0, DAY_MATCHED, 0 },
	/* Or a working day there, under the holiday calendar
	 * (deadline.workday): each period's due is the Nth (or last)
	 * working day of the month the first period's due falls in. */
	{ "每季度结束后%d",	tail_workdays,	DL_QUARTERLY, 4, 0, DAY_WORKDAY, 0 },
	{ "每季后%d",	tail_workdays,	DL_QUARTERLY, 4, 0, DAY_WORKDAY, 0 },
	{ "每季度后%d",	tail_workdays,	DL_QUARTERLY, 4, 0, DAY_WORKDAY, 0 },
	{ "每季度次月%d",	tail_workdays,	DL_QUARTERLY, 4, 0, DAY_WORKDAY, 0 },
	{ "每季度首月%d",	tail_workdays,	DL_QUARTERLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每季度首月前%d",	tail_workdays,	DL_QUARTERLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每季度前%d",	tail_workdays,	DL_QUARTERLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每季度第一个月%d",	tail_workdays,	DL_QUARTERLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每季度最后一个工作日", tail_opt_before, DL_QUARTERLY, 3, 0,
	    DAY_LAST_WORKDAY, 0 },
	/* The same, its month named: 每季度末月最后一个工作日. */
	{ "每季度末月最后一个工作日", tail_opt_before, DL_QUARTERLY, 3, 0,
	    DAY_LAST_WORKDAY, 0 },
	{ "每季度最后一个月最后一个工作日", tail_opt_before, DL_QUARTERLY, 3,
	    0, DAY_LAST_WORKDAY, 0 },
	{ "每月结束后%d",	tail_workdays,	DL_MONTHLY, 2, 0, DAY_WORKDAY, 0 },
	{ "次月%d",	tail_workdays,	DL_MONTHLY, 2, 0, DAY_WORKDAY, 0 },
	{ "次月前%d",	tail_workdays,	DL_MONTHLY, 2, 0, DAY_WORKDAY, 0 },
	{ "次月第%d",	tail_workdays,	DL_MONTHLY, 2, 0, DAY_WORKDAY, 0 },
	{ "下月%d",	tail_workdays,	DL_MONTHLY, 2, 0, DAY_WORKDAY, 0 },
	{ "下月前%d",	tail_workdays,	DL_MONTHLY, 2, 0, DAY_WORKDAY, 0 },
	{ "每月前%d",	tail_workdays,	DL_MONTHLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每月初%d",	tail_workdays,	DL_MONTHLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每月%d",	tail_workdays_within, DL_MONTHLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每月第%d",	tail_workdays,	DL_MONTHLY, 1, 0, DAY_WORKDAY, 0 },
	{ "每月最后一个工作日", tail_opt_before, DL_MONTHLY, 1, 0,
	    DAY_LAST_WORKDAY, 0 },
	{ "每半年结束后%d",	tail_workdays,	DL_SEMIANNUAL, 7, 0, DAY_WORKDAY, 0 },
	{ "每月结束后%d",	tail_within,	DL_MONTHLY, 2, 0, DAY_MATCHED, 0 },
	{ "次月%d",	tail_day,	DL_MONTHLY, 2, 0, DAY_MATCHED, 0 },
	{ "下月%d",	tail_day,	DL_MONTHLY, 2, 0, DAY_MATCHED, 0 },
	{ "每半年结束后%d",	tail_within,	DL_SEMIANNUAL, 7, 0, DAY_MATCHED, 0 },
	{ "每半年",	tail_every,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "每半年度",	tail_end,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "半年",	tail_report_once,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "按半年",	tail_periodic,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "按半年度",	tail_periodic,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	/* Alone only: 半年度报送 is 半年报送 (which half?). */
	{ "半年度",	tail_none,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	/* Every other month (双月调度, 每两个月报送一次): at the end of
	 * February, April and on to December. */
	{ "每两个月",	tail_every,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每两月",	tail_every,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每2个月",	tail_every,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每双月",	tail_every,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "双月",	tail_every,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "隔月",	tail_every,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "两月",	tail_one_each,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "两个月",	tail_one_each,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每两个月结束后%d",	tail_within,	DL_BIMONTHLY, 3, 0, DAY_MATCHED, 0 },
	/* Every other week (每两周, 双周调度), from the one holding the
	 * year's first Friday; every half month (每半月: the 15th and the
	 * month's end); every part of ten days (每旬: the 10th, the 20th
	 * and the month's end).  deadline_year_dues has their days. */
	{ "每两周",	tail_every,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每2周",	tail_every,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每双周",	tail_every,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "双周",	tail_every,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "隔周",	tail_every,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每两个星期",	tail_every,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "两周",	tail_one_each,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每半月",	tail_every,	DL_SEMIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每半个月",	tail_every,	DL_SEMIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "按半月",	tail_periodic,	DL_SEMIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "半月",	tail_one_each,	DL_SEMIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "每旬",	tail_every,	DL_TENDAY, 0, 0, DAY_NONE, 0 },
	{ "按旬",	tail_periodic,	DL_TENDAY, 0, 0, DAY_NONE, 0 },
	{ "一旬",	tail_one_each,	DL_TENDAY, 0, 0, DAY_NONE, 0 },
	/* A period's report by its name (月报, 双周报): due each period. */
	{ "月报",	tail_none,	DL_MONTHLY, 0, 0, DAY_NONE, 0 },
	{ "季报",	tail_none,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "周报",	tail_none,	DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	{ "双月报",	tail_none,	DL_BIMONTHLY, 0, 0, DAY_NONE, 0 },
	{ "双周报",	tail_none,	DL_BIWEEKLY, 0, 0, DAY_NONE, 0 },
	{ "旬报",	tail_none,	DL_TENDAY, 0, 0, DAY_NONE, 0 },
	/* Every three or six months: the quarter, the half year. */
	{ "每三个月",	tail_every,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "每3个月",	tail_every,	DL_QUARTERLY, 0, 0, DAY_NONE, 0 },
	{ "每六个月",	tail_every,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	{ "每6个月",	tail_every,	DL_SEMIANNUAL, 0, 0, DAY_NONE, 0 },
	/* Weekly: due on the week's last working day, which in an ordinary
	 * week is the Friday that 每周五 names. */
	{ "每周",	tail_every,	DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每周五",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每星期",	tail_none,	DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	{ "每星期五",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	{ "按周",	tail_periodic,	DL_WEEKLY, 0, 0, DAY_NONE, 0 },
	/* A day of every week (每周一前报送), or the working day before it
	 * (deadline_week_due). */
	{ "每周一",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 1 },
	{ "每周二",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 2 },
	{ "每周三",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 3 },
	{ "每周四",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 4 },
	{ "每周六",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 6 },
	{ "每周日",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 7 },
	{ "每周天",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 7 },
	{ "每星期一",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 1 },
	{ "每星期二",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 2 },
	{ "每星期三",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 3 },
	{ "每星期四",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 4 },
	{ "每星期六",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 6 },
	{ "每星期日",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 7 },
	{ "每星期天",	tail_opt_before, DL_WEEKLY, 0, 0, DAY_NONE, 7 },
};
const size_t deadline_nforms = ARRAY_LEN(deadline_forms);
