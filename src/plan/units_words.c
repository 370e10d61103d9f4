/* units_words: the words and punctuation of a units cell that are no
 * unit's name (see the header). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/units_words.h"

static const struct {
	uint32_t cp;
	enum units_punct what;
} puncts[] = {
	{ 0xFF0C, P_GROUP },	/* ， */
	{ 0x3001, P_NAME },	/* 、 */
	{ ',', P_GROUP },
	{ '/', P_NAME },
	{ 0xFF0F, P_NAME },	/* ／ */
	{ 0xFE51, P_NAME },	/* ﹑, a small 、 */
	{ 0xFF64, P_NAME },	/* ､, a half-width 、 */
	{ 0xFF1B, P_CLAUSE },	/* ； */
	{ ';', P_CLAUSE },
	/* 。 ends a clause too (牵头单位：甲。配合单位：乙), though a cell
	 * holding one is warned about: it may be a measure's text. */
	{ 0x3002, P_CLAUSE },
	{ 0xFF08, P_OPEN },	/* （ */
	{ 0xFF09, P_CLOSE },	/* ） */
	{ '(', P_OPEN },
	{ ')', P_CLOSE },
	{ 0x3010, P_OPEN },	/* 【 */
	{ 0x3011, P_CLOSE },	/* 】 */
	{ 0x300A, P_OPEN },	/* 《 */
	{ 0x300B, P_CLOSE },	/* 》 */
	{ 0x3014, P_OPEN },	/* 〔 */
	{ 0x3015, P_CLOSE },	/* 〕 */
	{ '[', P_OPEN },
	{ ']', P_CLOSE },
};

enum units_punct
units_punct_of(int32_t cp)
{
	for (size_t i = 0; i < ARRAY_LEN(puncts); i++)
		if ((int32_t)puncts[i].cp == cp)
			return puncts[i].what;
	return P_NONE;
}

enum units_punct
units_step(const char **p, const char *end, size_t *depth)
{
	enum units_punct what = units_punct_of(utf8_next(p, end));

	if (what == P_OPEN)
		(*depth)++;
	else if (what == P_CLOSE && *depth > 0)
		(*depth)--;
	return what;
}

/* Role markers, as written after a name. */
const struct role_word units_markers[] = {
	/* 甲、乙分别牵头: each leads (before 牵头, which would leave
	 * 乙分别). */
	{ "按职责分工分别牵头", ROLE_LEAD }, { "按职责分别牵头", ROLE_LEAD },
	{ "按职责分工牵头", ROLE_LEAD }, { "按职责牵头", ROLE_LEAD },
	{ "分别牵头", ROLE_LEAD }, { "共同牵头", ROLE_LEAD },
	{ "牵头", ROLE_LEAD },
	{ "（牵头）", ROLE_LEAD },
	{ "(牵头)", ROLE_LEAD },
	/* 乙积极配合: the adverb is no part of 乙. */
	{ "积极配合", ROLE_SUPPORT }, { "全力配合", ROLE_SUPPORT },
	{ "密切配合", ROLE_SUPPORT }, { "协同配合", ROLE_SUPPORT },
	{ "共同配合", ROLE_SUPPORT }, { "分别配合", ROLE_SUPPORT },
	{ "配合", ROLE_SUPPORT },
	{ "（配合）", ROLE_SUPPORT },
	{ "(配合)", ROLE_SUPPORT },
	{ NULL, ROLE_RESPONSIBLE },
};

/* More words a name may end in, taken off it only there (参与 and 负责
 * stand inside names too: 公众参与处): longer ones first. */
const struct role_word units_suffixes[] = {
	{ "（牵头单位）", ROLE_LEAD }, { "(牵头单位)", ROLE_LEAD },
	{ "（主办）", ROLE_LEAD }, { "(主办)", ROLE_LEAD },
	{ "（主责）", ROLE_LEAD }, { "(主责)", ROLE_LEAD },
	{ "（主责单位）", ROLE_LEAD }, { "(主责单位)", ROLE_LEAD },
	{ "（主要负责）", ROLE_LEAD }, { "(主要负责)", ROLE_LEAD },
	{ "主要负责", ROLE_LEAD },
	{ "负总责", ROLE_LEAD }, { "主责", ROLE_LEAD }, { "领衔", ROLE_LEAD },
	{ "统筹", ROLE_LEAD },
	{ "（配合单位）", ROLE_SUPPORT }, { "(配合单位)", ROLE_SUPPORT },
	{ "（协办）", ROLE_SUPPORT }, { "(协办)", ROLE_SUPPORT },
	{ "（参与）", ROLE_SUPPORT }, { "(参与)", ROLE_SUPPORT },
	{ "（协同）", ROLE_SUPPORT }, { "(协同)", ROLE_SUPPORT },
	{ "（协助）", ROLE_SUPPORT }, { "(协助)", ROLE_SUPPORT },
	{ "参与", ROLE_SUPPORT }, { "协助", ROLE_SUPPORT },
	{ "协同", ROLE_SUPPORT }, { "协办", ROLE_SUPPORT },
	{ "（按职责分工负责）", ROLE_RESPONSIBLE },
	{ "(按职责分工负责)", ROLE_RESPONSIBLE },
	{ "按职责分工负责", ROLE_RESPONSIBLE }, { "按职责负责", ROLE_RESPONSIBLE },
	{ "（按职责分工）", ROLE_RESPONSIBLE }, { "(按职责分工)", ROLE_RESPONSIBLE },
	{ "按职责分工", ROLE_RESPONSIBLE },
	{ "按照职责分工负责", ROLE_RESPONSIBLE },
	{ "按职能分工负责", ROLE_RESPONSIBLE }, { "按分工负责", ROLE_RESPONSIBLE },
	{ "按职能负责", ROLE_RESPONSIBLE },
	{ "分别负责", ROLE_RESPONSIBLE }, { "共同负责", ROLE_RESPONSIBLE },
	{ "分工负责", ROLE_RESPONSIBLE }, { "具体负责", ROLE_RESPONSIBLE },
	{ "各负其责", ROLE_RESPONSIBLE }, { "负责实施", ROLE_RESPONSIBLE },
	{ "为责任单位", ROLE_RESPONSIBLE },
	{ "（负责）", ROLE_RESPONSIBLE }, { "(负责)", ROLE_RESPONSIBLE },
	{ "负责落实", ROLE_RESPONSIBLE }, { "负责", ROLE_RESPONSIBLE },
	{ "落实", ROLE_RESPONSIBLE },
	{ NULL, ROLE_RESPONSIBLE },
};
/* What may follow a marker in one word with it (为牵头单位, 牵头组织,
 * 配合实施): no name starts there, and the whole is the marker's. */
const char *const units_marker_tails[] = {
	"单位", "部门", "处室", "组织", "实施", "推进", "落实", "开展", "负责",
	"做好", NULL
};

/* Labels before names ("牵头单位：甲；配合单位：乙、丙"): the role of
 * every name after one, up to the next label or the clause's end. */
const struct role_word units_labels[] = {
	{ "牵头单位", ROLE_LEAD }, { "牵头部门", ROLE_LEAD },
	{ "主办单位", ROLE_LEAD }, { "主办部门", ROLE_LEAD },
	{ "主责单位", ROLE_LEAD }, { "主责部门", ROLE_LEAD },
	{ "牵头", ROLE_LEAD }, { "主办", ROLE_LEAD }, { "主责", ROLE_LEAD },
	{ "配合单位", ROLE_SUPPORT }, { "配合部门", ROLE_SUPPORT },
	{ "协办单位", ROLE_SUPPORT }, { "协办部门", ROLE_SUPPORT },
	{ "参与单位", ROLE_SUPPORT }, { "协助单位", ROLE_SUPPORT },
	{ "配合", ROLE_SUPPORT }, { "协办", ROLE_SUPPORT },
	{ "责任单位", ROLE_RESPONSIBLE }, { "责任部门", ROLE_RESPONSIBLE },
	{ NULL, ROLE_RESPONSIBLE },
};

/* Labels of people, not units (责任领导：张三, 联系人：王五 电话：…, and
 * in brackets: 市场监管局（分管领导：李四）): what follows one, to the
 * clause's end, the next unit label or the bracket's end, is no unit. */
const char *const units_person_labels[] = {
	"责任领导", "分管领导", "牵头领导", "联系领导", "分管负责人",
	"主要负责人", "负责人", "责任人", "联系人", "经办人", "联系电话",
	"电话", "手机", NULL
};

/* What a name ending in one of these says: and others, unnamed
 * (甲、乙等单位, 甲等有关部门配合).  Taken off the name (its role marker
 * first); units_open_ended tells.  Longer ones first. */
const char *const units_etc_words[] = {
	"等有关单位", "等有关部门", "等相关单位", "等相关部门", "等单位",
	"等部门", "等", NULL
};

/* What a cell says where it names no unit (a 配合单位 column's 无):
 * besides these, a name of dashes alone (—, ——, -).  无需 and 不涉及
 * are what is left of 无需配合 and 不涉及配合 once 配合 is read as a
 * role. */
const char *const units_none_words[] = {
	"无", "暂无", "空", "无配合单位", "无牵头单位", "无需配合", "无需",
	"不涉及", NULL
};

/* Marks a plan sets before or after the name of a lead (★甲、乙, 甲*、乙;
 * its note: 标★的为牵头单位). */
const char *const units_lead_marks[] = {
	"★", "☆", "*", "＊", "※", NULL
};

/* The levels of government, higher first, by rank: a name's level,
 * before 、, shares the name after it when a lower level follows. */
const struct units_level units_levels[] = {
	{ "省", 0 }, { "市", 1 }, { "县（市、区）", 2 }, { "县(市、区)", 2 },
	{ "县（市）", 2 }, { "县(市)", 2 }, { "县", 2 }, { "区", 2 },
	{ "乡镇", 3 }, { "乡", 3 }, { "镇", 3 }, { "街道", 3 },
	{ NULL, 0 },
};

/* "And", between a name and a group (省局及各市局, 省科技厅和各市科技局,
 * 甲以及各有关单位): 和 is inside many names (省人力资源和社会保障厅), so
 * only before 各, which starts a group's name; not 与, which ends 参与
 * (甲参与各项工作 is no list). */
const char *const units_and_words[] = { "以及", "及", "和", NULL };

/* Notes in brackets after the last name on the names' order, which say
 * nothing of roles (甲、乙（排名不分先后）). */
const char *const units_order_notes[] = {
	"排名不分先后", "排名不分先后顺序", "排序不分先后", "不分先后",
	"排名不分前后", NULL
};

/* How a name ends and how one starts: a PDF's line that ends one and a
 * line that starts another are two names, not one wrapped. */
const char *const units_name_ends[] = {
	"局", "厅", "委", "办", "院", "府", "处", "部", "室", "中心", "科",
	"队", "所", "站", "行", "司", "社", "联", "馆", "团", "校", "署",
	"台", "会", "协", "学", "关", "部门", "单位", "）", ")", NULL
};
const char *const units_name_starts[] = {
	"省", "市", "县", "区", "各", "国家", "中国", "中共", "全省", "全市",
	"共青团", "团省委", "团市委", "团县委", "团区委", "人民银行",
	/* A province's short name (山东大学, 山东广播电视台). */
	"北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江",
	"上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
	"湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
	"云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", NULL
};

char *
units_drop_none(const char *text)
{
	const char *end = text + strlen(text), *name = text, *p, *at;
	const char *sep = "";		/* the separator before name */
	size_t depth = 0, sep_len = 0;
	struct buf b = BUF_INIT;
	bool dropped = false;

	for (;;) {
		bool parted = false;	/* a separator ends the name */
		char *one;

		for (p = at = name; p < end && !parted; ) {
			enum units_punct what;

			at = p;
			what = units_step(&p, end, &depth);
			parted = depth == 0 && (what == P_NAME ||
			    what == P_GROUP || what == P_CLAUSE);
		}
		if (!parted)
			at = end;
		one = text_squashn(name, (size_t)(at - name));
		if (text_equals_any(one, units_none_words))
			dropped = true;
		else if (*one != '\0') {
			if (b.len > 0)
				buf_add(&b, sep, sep_len);
			buf_add(&b, name, (size_t)(at - name));
		}
		free(one);
		if (!parted)
			break;
		sep = at;
		sep_len = (size_t)(p - at);
		name = p;
	}
	if (!dropped) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}
