/*
 * Tests for the responsible-units cell: one table of cells with the names
 * and roles each must give (README, "Units and roles", with cells
 * from the 2021 Shandong plan), and the role names.  Every table row runs
 * as its own test case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "plan/units.h"
#include "base/util.h"

#define MAX_UNITS 8

/* Short names for the roles, to keep the table readable. */
#define R ROLE_RESPONSIBLE
#define L ROLE_LEAD
#define S ROLE_SUPPORT

struct units_case {
	const char *what;
	const char *text;
	struct {
		const char *name;	/* NULL ends the list */
		enum role role;
	} want[MAX_UNITS];
};

static const struct units_case cases[] = {
	{ "plan: two leads, two supports",
	  "知识产权运用促进处、法规处牵头，知识产权保护处、省知识产权事业发展中心配合",
	  { { "知识产权运用促进处", L }, { "法规处", L },
	    { "知识产权保护处", S }, { "省知识产权事业发展中心", S } } },
	{ "plan: lead, support; responsible",
	  "知识产权运用促进处牵头，各有关知识产权处室（单位）配合；各市市场监督管理局",
	  { { "知识产权运用促进处", L }, { "各有关知识产权处室（单位）", S },
	    { "各市市场监督管理局", R } } },
	{ "plan: lead, unmarked; responsible",
	  "省知识产权事业发展中心牵头，知识产权运用促进处；各市市场监督管理局",
	  { { "省知识产权事业发展中心", L }, { "知识产权运用促进处", R },
	    { "各市市场监督管理局", R } } },
	{ "plan: lead、unmarked; responsible",
	  "知识产权运用促进处牵头、各有关知识产权处室（单位）；各市市场监督管理局",
	  { { "知识产权运用促进处", L }, { "各有关知识产权处室（单位）", R },
	    { "各市市场监督管理局", R } } },
	/* A role suffix reaches back over 、 but not over ，: the later
	 * names alone are support, the earlier responsible. */
	{ "unmarked，support",
	  "省市场监管局，省财政厅（配合）",
	  { { "省市场监管局", R }, { "省财政厅", S } } },
	{ "list，marked list",
	  "甲、乙，丙、丁参与",
	  { { "甲", R }, { "乙", R }, { "丙", S }, { "丁", S } } },
	/* A marker with what follows it in one word, 为 before it. */
	{ "为牵头单位, 为配合单位",
	  "省市场监管局为牵头单位，省财政厅为配合单位",
	  { { "省市场监管局", L }, { "省财政厅", S } } },
	{ "牵头组织, 配合实施",
	  "甲牵头组织，乙、丙配合实施",
	  { { "甲", L }, { "乙", S }, { "丙", S } } },
	/* A lead's mark before or after a name (标★的为牵头单位): that name
	 * leads, unless a marker gives it another role; a name marked and
	 * also named plainly is one unit. */
	{ "lead marks",
	  "★甲、乙，丙*、＊丁；※戊",
	  { { "甲", L }, { "乙", R }, { "丙", L }, { "丁", L }, { "戊", L } } },
	{ "a lead mark under a marker",
	  "★甲、乙配合；丙、☆丁",
	  { { "甲", S }, { "乙", S }, { "丙", R }, { "丁", L } } },
	{ "a lead mark on a name named again",
	  "甲、★甲、乙",
	  { { "甲", L }, { "乙", R } } },
	{ "a mark alone is no name taken apart",
	  "★",
	  { { "★", R } } },
	{ "more suffixes",
	  "甲负总责；乙领衔，丙协同；丁统筹；戊主责，己协办",
	  { { "甲", L }, { "乙", L }, { "丙", S }, { "丁", L },
	    { "戊", L }, { "己", S } } },
	{ "responsible suffixes",
	  "甲、乙分工负责；丙具体负责；丁各负其责；戊、己按分工负责",
	  { { "甲", R }, { "乙", R }, { "丙", R }, { "丁", R }, { "戊", R },
	    { "己", R } } },
	{ "主要负责 leads",
	  "甲（主要负责），乙参与；丙主要负责",
	  { { "甲", L }, { "乙", S }, { "丙", L } } },
	{ "a marker then a name still parts them",
	  "甲牵头乙配合",
	  { { "甲", L }, { "乙", S } } },
	/* A level of government before 、 shares the name after it when a
	 * lower level follows: one name (a group to configure). */
	{ "levels sharing a name",
	  "各市、县（市、区）政府，省财政厅配合",
	  { { "各市、县（市、区）政府", R }, { "省财政厅", S } } },
	{ "three levels, then a unit",
	  "省、市、县市场监管部门、省公安厅",
	  { { "省、市、县市场监管部门", R }, { "省公安厅", R } } },
	{ "county levels of one rank",
	  "各区、县政府牵头",
	  { { "各区、县政府", L } } },
	/* Past a lead, a name between ， and a support marker supports. */
	{ "a name between a lead and 配合 supports",
	  "甲牵头，乙，丙配合",
	  { { "甲", L }, { "乙", S }, { "丙", S } } },
	{ "without a lead before it, it is responsible",
	  "甲，乙配合",
	  { { "甲", R }, { "乙", S } } },
	{ "nor across a clause",
	  "甲牵头；乙，丙配合",
	  { { "甲", L }, { "乙", R }, { "丙", S } } },
	{ "nor past its own role",
	  "甲牵头，乙负责，丙配合",
	  { { "甲", L }, { "乙", R }, { "丙", S } } },
	{ "按职责分工 without 负责",
	  "省财政厅、省税务局（按职责分工）",
	  { { "省财政厅", R }, { "省税务局", R } } },
	/* "And others" with a count. */
	{ "等 and a count of departments",
	  "省教育厅、省人力资源社会保障厅等10部门",
	  { { "省教育厅", R }, { "省人力资源社会保障厅", R } } },
	{ "等 and a count in Chinese, with its role",
	  "甲、乙等十个单位配合",
	  { { "甲", S }, { "乙", S } } },
	{ "等 inside a name stays",
	  "中等职业学校、高等学校",
	  { { "中等职业学校", R }, { "高等学校", R } } },
	/* A role in any bracket plans use, and an adverb before 配合. */
	{ "a role in brackets, with its tail", "甲（牵头负责）、乙",
	  { { "甲", L }, { "乙", R } } },
	{ "【】 and 〔〕 brackets", "甲【牵头】，乙〔配合〕",
	  { { "甲", L }, { "乙", S } } },
	{ "[] and () brackets round a suffix", "甲[负总责]、乙(统筹)",
	  { { "甲", L }, { "乙", L } } },
	{ "a bracket that is no role stays", "甲（试行）", { { "甲（试行）", R } } },
	{ "a note on the order is no part of a name", "甲、乙（排名不分先后）",
	  { { "甲", R }, { "乙", R } } },
	{ "积极配合", "甲牵头，乙积极配合", { { "甲", L }, { "乙", S } } },
	{ "按职责分别牵头", "甲、乙按职责分别牵头", { { "甲", L }, { "乙", L } } },
	{ "（按职责分工分别牵头）", "甲、乙（按职责分工分别牵头）",
	  { { "甲", L }, { "乙", L } } },
	/* Where a cell names no unit (a 配合单位 column's 无 or —). */
	{ "无 names none", "无", { { NULL, R } } },
	{ "dashes name none", "——", { { NULL, R } } },
	{ "a lead and 暂无", "甲牵头；暂无", { { "甲", L } } },
	{ "无配合单位 gives the name before it no role", "甲，无配合单位",
	  { { "甲", R } } },
	{ "无需配合 after a lead", "甲牵头，无需配合", { { "甲", L } } },
	{ "无牵头单位 before a support", "无牵头单位；乙配合", { { "乙", S } } },
	{ "不涉及 names none", "不涉及", { { NULL, R } } },
	{ "a lone 等 after a space", "甲 等", { { "甲", R } } },
	{ "a name holding 无 stays", "无线电管理办公室",
	  { { "无线电管理办公室", R } } },
	/* Places before the one that names their office share it. */
	{ "cities sharing a government",
	  "济南市、青岛市人民政府",
	  { { "济南市人民政府", R }, { "青岛市人民政府", R } } },
	{ "two-character cities sharing 市 and a government",
	  "济南、青岛、烟台市政府牵头，省财政厅配合",
	  { { "济南市政府", L }, { "青岛市政府", L }, { "烟台市政府", L },
	    { "省财政厅", S } } },
	{ "districts sharing a bureau, 等 left to the last",
	  "市南区、市北区市场监管局等",
	  { { "市南区市场监管局", R }, { "市北区市场监管局", R } } },
	{ "places of another level share nothing",
	  "黄岛区、青岛市人民政府",
	  { { "黄岛区", R }, { "青岛市人民政府", R } } },
	{ "places parted by ，share nothing",
	  "济南市，青岛市人民政府",
	  { { "济南市", R }, { "青岛市人民政府", R } } },
	{ "a place before a unit of no place",
	  "济南市、省财政厅",
	  { { "济南市", R }, { "省财政厅", R } } },
	{ "two characters before a unit are no city",
	  "妇联、团市委",
	  { { "妇联", R }, { "团市委", R } } },
	{ "cities and others sharing their governments",
	  "济南、青岛、潍坊等市人民政府牵头，省财政厅配合",
	  { { "济南市人民政府", L }, { "青岛市人民政府", L },
	    { "潍坊市人民政府", L }, { "省财政厅", S } } },
	{ "the office's bracket stays its own",
	  "济南市、青岛市人民政府（管委会）",
	  { { "济南市人民政府", R }, { "青岛市人民政府（管委会）", R } } },
	{ "a city list before a province's unit",
	  "各市、省财政厅",
	  { { "各市", R }, { "省财政厅", R } } },
	{ "a level last",
	  "省发展改革委、各市",
	  { { "省发展改革委", R }, { "各市", R } } },
	{ "list，lead, ASCII comma",
	  "甲,乙、丙牵头",
	  { { "甲", R }, { "乙", L }, { "丙", L } } },
	{ "a label reaches over ，",
	  "配合单位：甲，乙；丙",
	  { { "甲", S }, { "乙", S }, { "丙", R } } },
	{ "plan: no markers",
	  "知识产权保护处、法规处",
	  { { "知识产权保护处", R }, { "法规处", R } } },
	{ "plan: cell broken across lines",
	  "办公室牵头，各处室\n（单位）配合；各市",
	  { { "办公室", L }, { "各处室（单位）", S }, { "各市", R } } },
	{ "roles in brackets after a name",
	  "省知识产权局（牵头单位），省公安厅（协同）、省司法厅（参与）",
	  { { "省知识产权局", L }, { "省公安厅", S }, { "省司法厅", S } } },
	{ "主责 and 协办 in brackets",
	  "甲（主责）、乙(协办)",
	  { { "甲", L }, { "乙", S } } },
	{ "牵头负责, then 参与 and 协助",
	  "省知识产权局牵头负责，省公安厅参与；丙协助",
	  { { "省知识产权局", L }, { "省公安厅", S }, { "丙", S } } },
	{ "负责 and its longer forms say responsible, and go",
	  "省委宣传部，省知识产权局按职责分工负责；甲、乙分别负责；由丙负责",
	  { { "省委宣传部", R }, { "省知识产权局", R }, { "甲", R },
	    { "乙", R }, { "丙", R } } },
	{ "参与 and 负责 inside a name stay",
	  "公众参与处、负责人办公室",
	  { { "公众参与处", R }, { "负责人办公室", R } } },
	{ "及 before a group parts two names, as 、 does",
	  "省市场监管局及各市市场监管局牵头，省公安厅配合",
	  { { "省市场监管局", L }, { "各市市场监管局", L }, { "省公安厅", S } } },
	{ "和 and 以及 before a group too",
	  "省科技厅和各市科技局；省局以及各有关处室",
	  { { "省科技厅", R }, { "各市科技局", R }, { "省局", R },
	    { "各有关处室", R } } },
	{ "和 inside a name, 与 after 参 and 及 before no group are kept",
	  "省人力资源和社会保障厅、省文化和旅游厅与各市政府；省医保局参与各项工作；甲及乙",
	  { { "省人力资源和社会保障厅", R }, { "省文化和旅游厅与各市政府", R },
	    { "省医保局参与各项工作", R }, { "甲及乙", R } } },
	{ "会同: the first leads, the rest of the clause support",
	  "省知识产权局会同省公安厅、省司法厅；各市",
	  { { "省知识产权局", L }, { "省公安厅", S }, { "省司法厅", S },
	    { "各市", R } } },
	{ "配合 between two names: the second leads",
	  "省财政厅配合省知识产权局、省科技厅；各市",
	  { { "省财政厅", S }, { "省知识产权局", L }, { "省科技厅", L },
	    { "各市", R } } },
	{ "配合 as a name's marker, then the next name, is no lead",
	  "甲牵头乙配合，丙",
	  { { "甲", L }, { "乙", S }, { "丙", R } } },
	{ "分别牵头 and 共同牵头: each leads",
	  "甲、乙分别牵头，丙配合；丁、戊共同牵头",
	  { { "甲", L }, { "乙", L }, { "丙", S }, { "丁", L }, { "戊", L } } },
	{ "。 ends a clause",
	  "牵头单位：甲。配合单位：乙、丙。",
	  { { "甲", L }, { "乙", S }, { "丙", S } } },
	{ "主办 and 协办 as labels",
	  "主办：甲 协办：乙、丙；主责单位：丁；协助单位：戊",
	  { { "甲", L }, { "乙", S }, { "丙", S }, { "丁", L }, { "戊", S } } },
	{ "labels give the role of the names after them",
	  "牵头单位：市公安局；配合单位：市司法局、市财政局",
	  { { "市公安局", L }, { "市司法局", S }, { "市财政局", S } } },
	{ "labels, the lines joined without a separator (a PDF's)",
	  "牵头单位:甲配合单位：乙、丙；丁",
	  { { "甲", L }, { "乙", S }, { "丙", S }, { "丁", R } } },
	{ "a label names the responsible too, up to its clause's end",
	  "责任单位：甲、乙；丙牵头",
	  { { "甲", R }, { "乙", R }, { "丙", L } } },
	{ "not a label without its colon",
	  "牵头单位甲",
	  { { "牵头单位甲", R } } },
	{ "等 at a name's end is no part of it",
	  "甲、乙等单位；丙等",
	  { { "甲", R }, { "乙", R }, { "丙", R } } },
	{ "等 before a name's role marker, and its longer forms",
	  "甲牵头，乙等部门配合；丙等有关单位",
	  { { "甲", L }, { "乙", S }, { "丙", R } } },
	{ "a person's label names no unit, to the clause's end",
	  "市发展改革委；责任领导：张三、李四；市财政局",
	  { { "市发展改革委", R }, { "市财政局", R } } },
	{ "a person's label ends at a unit label",
	  "牵头单位：市教育局；责任人：钱七 配合单位：市体育局",
	  { { "市教育局", L }, { "市体育局", S } } },
	{ "a contact and a telephone after the names",
	  "市公安局、市司法局 联系人：王五 电话：12345678",
	  { { "市公安局", R }, { "市司法局", R } } },
	{ "a person in brackets after a name, its role after them",
	  "市财政局（分管领导：赵六）牵头，市税务局（联系人：孙八）配合",
	  { { "市财政局", L }, { "市税务局", S } } },
	{ "负责 and 协助 in brackets",
	  "市人社局（负责），市统计局（协助）",
	  { { "市人社局", R }, { "市统计局", S } } },
	{ "按职责分工负责 in brackets, after the clause's last name",
	  "甲、乙（按职责分工负责）",
	  { { "甲", R }, { "乙", R } } },
	{ "落实 and 负责落实 after a name",
	  "甲牵头；各县（市、区）人民政府落实，丙负责落实",
	  { { "甲", L }, { "各县（市、区）人民政府", R }, { "丙", R } } },
	{ "a slash parts two names",
	  "甲／乙/丙",
	  { { "甲", R }, { "乙", R }, { "丙", R } } },
	{ "a marker then a name on the next line",
	  "登记注册处牵头\n信息中心配合",
	  { { "登记注册处", L }, { "信息中心", S } } },
	{ "a marker then a name, the break lost",
	  "甲（牵头）乙、丙配合；丁",
	  { { "甲", L }, { "乙", S }, { "丙", S }, { "丁", R } } },
	{ "one name", "办公室", { { "办公室", R } } },
	{ "separators inside brackets",
	  "办公室（含A、B；C）、法规处",
	  { { "办公室（含A、B；C）", R }, { "法规处", R } } },
	{ "every kind of bracket",
	  "甲【a，b】、乙《c、d》、丙[e,f]、丁(g;h)、戊〔i；j〕",
	  { { "甲【a，b】", R }, { "乙《c、d》", R }, { "丙[e,f]", R },
	    { "丁(g;h)", R }, { "戊〔i；j〕", R } } },
	{ "nested brackets",
	  "甲（乙（丙、丁）、戊）、己",
	  { { "甲（乙（丙、丁）、戊）", R }, { "己", R } } },
	{ "ASCII separators",
	  "甲牵头,乙;丙",
	  { { "甲", L }, { "乙", R }, { "丙", R } } },
	{ "markers in brackets",
	  "甲（牵头）、乙(配合)",
	  { { "甲", L }, { "乙", S } } },
	{ "bracketed markers apply to earlier names",
	  "甲、乙（牵头），丙、丁(配合)；戊",
	  { { "甲", L }, { "乙", L }, { "丙", S }, { "丁", S },
	    { "戊", R } } },
	{ "a marker stays in its clause",
	  "甲；乙配合",
	  { { "甲", R }, { "乙", S } } },
	{ "duplicates keep the first place and role",
	  "甲牵头、乙；乙配合、甲；丙",
	  { { "甲", L }, { "乙", R }, { "丙", R } } },
	{ "duplicate in one clause",
	  "甲、乙、甲",
	  { { "甲", R }, { "乙", R } } },
	{ "empty", "", { { NULL, R } } },
	{ "only whitespace", " \t\n\xe3\x80\x80", { { NULL, R } } },
	{ "only separators", "、、；,；", { { NULL, R } } },
	{ "empty names skipped",
	  "、甲、、乙、；；丙；",
	  { { "甲", R }, { "乙", R }, { "丙", R } } },
	{ "whitespace removed",
	  " 知识产权 保护处 、\n法规\xe3\x80\x80处 ",
	  { { "知识产权保护处", R }, { "法规处", R } } },
	{ "one space kept between ASCII words",
	  "IBM  China、Foo\xe3\x80\x80" "Bar 处、中 A",
	  { { "IBM China", R }, { "Foo Bar处", R }, { "中A", R } } },
	{ "marker written apart",
	  "法规处 牵 头、保护处 （配合）",
	  { { "法规处", L }, { "保护处", S } } },
	{ "a marker alone marks the names before it",
	  "甲、乙，配合",
	  { { "甲", S }, { "乙", S } } },
	{ "a marker alone after a marked name",
	  "甲牵头，乙，（配合）；丙",
	  { { "甲", L }, { "乙", S }, { "丙", R } } },
	{ "a marker alone first in its clause",
	  "甲；牵头、乙",
	  { { "甲", R }, { "乙", R } } },
	{ "only a marker", "配合", { { NULL, R } } },
	{ "invalid UTF-8 is kept, not fatal",
	  "甲\xff、\xe4\xb9",
	  { { "甲\xff", R }, { "\xe4\xb9", R } } },
};

/* One row of cases. */
static void
test_units(void **state)
{
	const struct units_case *c = *state;
	struct unit_ref *u = NULL;
	size_t i, n, want = 0;

	while (want < MAX_UNITS && c->want[want].name != NULL)
		want++;
	n = units_parse(c->text, &u);
	for (i = 0; i < n && i < want; i++) {
		assert_string_equal(u[i].name, c->want[i].name);
		assert_string_equal(role_name(u[i].role),
		    role_name(c->want[i].role));
	}
	assert_int_equal(n, want);
	units_free(u, n);
}

/* Role names are the contract's, and read back to the same role. */
static void
test_role_names(void **state)
{
	static const struct {
		enum role role;
		const char *name;
	} names[] = {
		{ ROLE_RESPONSIBLE, "responsible" },
		{ ROLE_LEAD, "lead" },
		{ ROLE_SUPPORT, "support" },
	};
	static const char *const bad[] = { "", "Lead", "牵头", "owner" };
	enum role role;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(names); i++) {
		assert_string_equal(role_name(names[i].role), names[i].name);
		role = names[i].role == ROLE_LEAD ? ROLE_SUPPORT : ROLE_LEAD;
		assert_true(role_from_name(names[i].name, &role));
		assert_int_equal(role, names[i].role);
	}
	for (i = 0; i < ARRAY_LEN(bad); i++)
		assert_false(role_from_name(bad[i], &role));
}

/* A lead and a support column read as one cell: each clause of a column
 * marked with its role unless it carries its own, and parsed so. */
static void
test_join(void **state)
{
	static const struct {
		const char *units, *lead, *support, *want;
	} joins[] = {
		{ "", "甲", "乙", "甲牵头；乙配合" },
		{ "", "甲、乙", "丙，丁", "甲、乙牵头；丙、丁配合" },
		{ "", "甲（一，二）", "", "甲（一，二）牵头" },
		{ "", "甲；乙", "", "甲、乙牵头" },
		{ "", "甲;;乙", "丙；", "甲、乙牵头；丙配合" },
		/* A role the cell gives stays; 负责 and the like give none. */
		{ "", "甲（牵头）", "乙牵头", "甲牵头；乙牵头" },
		{ "", "省公安厅负责", "省司法厅参与", "省公安厅牵头；省司法厅配合" },
		{ "", "甲", "无需配合", "甲牵头" },
		{ "", "甲", "各市人民政府负责落实", "甲牵头；各市人民政府配合" },
		{ "丙", "甲", "", "丙；甲牵头" },
		{ "丙", "", "", "丙" },
		{ "", "", "", "" },
	};
	struct unit_ref *u;
	char *s;
	size_t n;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(joins); i++) {
		s = units_join(joins[i].units, joins[i].lead, joins[i].support);
		assert_string_equal(s, joins[i].want);
		free(s);
	}
	s = units_join("丙", "甲、乙", "丁");
	n = units_parse(s, &u);
	assert_int_equal(n, 4);
	assert_string_equal(u[0].name, "丙");
	assert_int_equal(u[0].role, ROLE_RESPONSIBLE);
	assert_int_equal(u[1].role, ROLE_LEAD);
	assert_int_equal(u[2].role, ROLE_LEAD);
	assert_string_equal(u[3].name, "丁");
	assert_int_equal(u[3].role, ROLE_SUPPORT);
	units_free(u, n);
	free(s);
}

/* A units cell typed a name a line, or Chinese names parted by spaces:
 * joined by 、 where no separator ends or starts them, blank lines
 * dropped; a space before a marker or a bracket, or beside an ASCII
 * letter or digit, stays one. */
static void
test_lines(void **state)
{
	static const struct {
		const char *cell, *want;
	} lines[] = {
		{ "甲\n乙", "甲、乙" },
		{ "甲、\n乙", "甲、乙" },
		{ "甲\n，乙", "甲，乙" },
		{ "甲牵头；\n乙配合", "甲牵头；乙配合" },
		{ "\n 甲 \n\n乙\n", "甲、乙" },
		{ "甲", "甲" },
		{ "", "" },
		{ "市委宣传部 市公安局　市司法局", "市委宣传部、市公安局、市司法局" },
		{ "甲 牵头 乙 配合", "甲 牵头、乙 配合" },
		{ "甲 （牵头）", "甲 （牵头）" },
		{ "甲、 乙", "甲、 乙" },
		{ "IBM China 甲", "IBM China 甲" },
		{ "12315 指挥中心 乙", "12315 指挥中心、乙" },
		{ "牵头单位：甲 配合单位：乙", "牵头单位：甲、配合单位：乙" },
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		s = units_typed(lines[i].cell);
		assert_string_equal(s, lines[i].want);
		free(s);
	}
}

/* A PDF's units cell keeps its lines for joining, but parts two names
 * where one line ends a name and the next starts another, even when
 * the first wrapped (局 alone on a line); a name cut anywhere else, or
 * a next line no name starts, stays one. */
static void
test_wrapped(void **state)
{
	static const struct {
		const char *cell, *want;
	} lines[] = {
		{ "市生态环境局\n市水务局", "市生态环境局、市水务局" },
		{ "市住房城乡建设\n局\n各区人民政府",
		  "市住房城乡建设\n局、各区人民政府" },
		{ "省住房城乡建设厅\n省交通运输厅", "省住房城乡建设厅、省交通运输厅" },
		{ "市发展改革委\n青岛市财政局", "市发展改革委、青岛市财政局" },
		{ "省知识产权局（牵头）\n省公安厅", "省知识产权局（牵头）、省公安厅" },
		{ "省人力资源和社会\n保障厅", "省人力资源和社会\n保障厅" },
		{ "中共青岛市委\n宣传部", "中共青岛市委\n宣传部" },
		{ "省公安厅\n交通管理局", "省公安厅\n交通管理局" },
		{ "市住房城乡建设局\n城市管理局", "市住房城乡建设局\n城市管理局" },
		{ "局\n市水务局", "局\n市水务局" },
		/* 中心 wrapped after 中; names ending 会 and 协; 团县委. */
		{ "县融媒体中\n心\n县总工会", "县融媒体中\n心、县总工会" },
		{ "县总工会\n团县委", "县总工会、团县委" },
		{ "县科协\n县妇联", "县科协、县妇联" },
		{ "县红十字会\n县残联", "县红十字会、县残联" },
		{ "市社会\n保险事业中心", "市社会\n保险事业中心" },
		/* A space a PDF kept between names, an ideographic one too;
		 * the next name read on over the break. */
		{ "市市场监管局 人民\n银行市分行", "市市场监管局、人民\n银行市分行" },
		{ "市行政审批服务局\u3000各区人民政府",
		  "市行政审批服务局、各区人民政府" },
		{ "省知识 产权局", "省知识\n产权局" },
		/* After a space between two words, a name ends before
		 * whatever starts the next; a line spaced out character by
		 * character parts nothing. */
		{ "市交通运输局 国网济\n宁供电公司", "市交通运输局、国网济\n宁供电公司" },
		{ "市交通运输局\n国网济宁供电公司", "市交通运输局\n国网济宁供电公司" },
		{ "市 委 宣 传 部", "市\n委\n宣\n传\n部" },
		{ "市委 宣", "市委\n宣" },
		/* A line that ends short (a space before its break: the PDF
		 * reader's mark) parts names as a space does. */
		{ "办公室 \n人事处 \n信息中心", "办公室、人事处、信息中心" },
		{ "办公室\n人事处", "办公室\n人事处" },
		{ "省知识产权局 \n（牵头）", "省知识产权局\n（牵头）" },
		/* After it a place's name ends too, and a name's ending
		 * alone (the rest of a name over a page's end); a piece of
		 * one character before it parts; no role's word after it. */
		{ "历下区 \n市中区 \n槐荫区", "历下区、市中区、槐荫区" },
		{ "历下区\n市场监管局", "历下区\n市场监管局" },
		{ "历下区 市中\n区 槐荫区", "历下区、市中\n区、槐荫区" },
		{ "财务处 法\n规处 信息中心", "财务处、法\n规处、信息中心" },
		{ "国网济南供电公司\n牵头 市城市管理局\n配合",
		  "国网济南供电公司\n牵头\n市城市管理局\n配合" },
		{ "行 \n省市场监管局", "行、省市场监管局" },
		{ "国网济南供电公\n司 \n省财政厅", "国网济南供电公\n司、省财政厅" },
		{ "国网济南供电公司\n牵头 市城市管理局", "国网济南供电公司\n牵头\n市城市管理局" },
		/* No place's name after a name's end (人民政府 / 市…). */
		{ "各县（市、区）\n人民政府 市生态环境局",
		  "各县（市、区）\n人民政府、市生态环境局" },
		/* A bank's name, then its branch on the next line; another
		 * bank's branch is another name. */
		{ "人民银行\n市分行\n市财政局", "人民银行\n市分行、市财政局" },
		{ "农业发展银行\n青岛市分行", "农业发展银行\n青岛市分行" },
		{ "人民银行\n中国银行市分行", "人民银行、中国银行市分行" },
		/* A university, a customs office; a province's short name or
		 * 人民银行 starting the next name; not after a cut name. */
		{ "山东大学\n济南市人民政府", "山东大学、济南市人民政府" },
		{ "省市场监管局\n山东广播电视台", "省市场监管局、山东广播电视台" },
		{ "省地方金融管理局\n人民银行山东省分行",
		  "省地方金融管理局、人民银行山东省分行" },
		{ "国网\n山东省电力公司", "国网\n山东省电力公司" },
		/* A group of bodies named so (有关部门, 有关单位). */
		{ "市直有关部门\n各县（市、区）人民政府",
		  "市直有关部门、各县（市、区）人民政府" },
		{ "各有关单位\n市财政局", "各有关单位、市财政局" },
		/* The line broke inside such an ending (部 / 门). */
		{ "市直有关部\n门\n各县人民政府", "市直有关部\n门、各县人民政府" },
		{ "市委宣传部\n市财政局", "市委宣传部、市财政局" },
		/* 有关 is no name's end, 各 in no place's name; a bank's
		 * branch after its city's 中心. */
		{ "市直有关\n部门\n各县人民政府", "市直有关\n部门、各县人民政府" },
		{ "人民银行济宁市中心\n支行\n市财政局",
		  "人民银行济宁市中心\n支行、市财政局" },
		{ " 甲 \n\n乙", "甲\n乙" },
		{ "", "" },
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		s = units_wrapped(lines[i].cell);
		assert_string_equal(s, lines[i].want);
		free(s);
	}
}

/* A cell says 等 when a name ends in it, a role marker after it or not;
 * 等 inside a name, or followed by more of one, is none. */
static void
test_open_ended(void **state)
{
	(void)state;
	assert_true(units_open_ended("甲、乙等"));
	assert_true(units_open_ended("甲等单位；丙"));
	assert_true(units_open_ended("甲牵头，乙等部门配合"));
	assert_true(units_open_ended("乙等有关部门（配合）"));
	assert_true(units_open_ended("乙等负责，丙"));
	assert_false(units_open_ended("甲、乙"));
	assert_false(units_open_ended("等级评定中心"));
	assert_false(units_open_ended("甲高等学校"));
	assert_false(units_open_ended("甲等级办配合"));
	/* With a count, and places before their 等: */
	assert_true(units_open_ended("甲、乙等10部门"));
	assert_true(units_open_ended("甲等十个单位配合"));
	assert_true(units_open_ended("青岛、潍坊等市政府"));
	assert_false(units_open_ended("甲、中等职业学校"));
}

/* A note on the order of names: an ordinal, a few words, 为 or 是, then
 * 牵头; the others support only when it says so.  Other sentences with
 * 第一 and 牵头 are none. */
static void
test_order_note(void **state)
{
	static const struct {
		const char *text;
		enum units_order want;
	} notes[] = {
		{ "注：责任单位中排在第一位的为牵头单位。", UNITS_FIRST_LEADS },
		{ "排在第一位的为牵头单位，其他为配合单位", UNITS_FIRST_LEADS_REST_SUPPORT },
		{ "第一个单位为牵头单位，其余单位协办。", UNITS_FIRST_LEADS_REST_SUPPORT },
		{ "责任单位（排名第一的单位是牵头单位）", UNITS_FIRST_LEADS },
		{ "说明：列 首位 的为牵头单位", UNITS_FIRST_LEADS },
		{ "第1个为牵头部门", UNITS_FIRST_LEADS },
		{ "召开第一次牵头单位会议", UNITS_ORDER_NONE },
		{ "第一责任人牵头抓总", UNITS_ORDER_NONE },
		{ "第一季度前完成，由市局牵头", UNITS_ORDER_NONE },
		{ "排在第一位的为主办单位", UNITS_ORDER_NONE },
		{ "", UNITS_ORDER_NONE },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(notes); i++)
		if (units_order_in(notes[i].text) != notes[i].want)
			fail_msg("units_order_in(\"%s\"): %d, wanted %d",
			    notes[i].text, (int)units_order_in(notes[i].text),
			    (int)notes[i].want);
}

/* The order applies to a cell that marks no role, and the cell written
 * back (units_write) reads as the same roles. */
static void
test_order_in_cell(void **state)
{
	struct unit_ref *u;
	size_t n;

	(void)state;
	/* A note in brackets at a cell's end orders that cell's names. */
	n = units_parse("甲，乙，丙（列第一位的为牵头单位）", &u);
	assert_int_equal(n, 3);
	assert_string_equal(u[0].name, "甲");
	assert_int_equal(u[0].role, ROLE_LEAD);
	assert_string_equal(u[2].name, "丙");
	assert_int_equal(u[2].role, ROLE_RESPONSIBLE);
	units_free(u, n);
	n = units_parse("甲、乙(排名第一的为牵头单位，其他为配合单位)", &u);
	assert_int_equal(n, 2);
	assert_int_equal(u[1].role, ROLE_SUPPORT);
	units_free(u, n);
	/* Any other bracket is the name's. */
	n = units_parse("省委网信办（省互联网信息办公室）", &u);
	assert_int_equal(n, 1);
	assert_string_equal(u[0].name, "省委网信办（省互联网信息办公室）");
	units_free(u, n);
}

static void
test_order_apply(void **state)
{
	struct unit_ref *u, *back;
	size_t n, nb;
	char *w;

	(void)state;
	n = units_parse("甲、乙、丙", &u);
	assert_true(units_order_apply(UNITS_FIRST_LEADS_REST_SUPPORT, u, n));
	assert_int_equal(u[0].role, ROLE_LEAD);
	assert_int_equal(u[1].role, ROLE_SUPPORT);
	assert_int_equal(u[2].role, ROLE_SUPPORT);
	w = units_write(u, n);
	assert_string_equal(w, "甲牵头；乙、丙配合");
	nb = units_parse(w, &back);
	assert_int_equal(nb, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(back[i].name, u[i].name);
		assert_int_equal(back[i].role, u[i].role);
	}
	units_free(back, nb);
	free(w);
	units_free(u, n);

	n = units_parse("甲、乙", &u);
	assert_true(units_order_apply(UNITS_FIRST_LEADS, u, n));
	w = units_write(u, n);
	assert_string_equal(w, "甲牵头；乙");
	nb = units_parse(w, &back);
	assert_int_equal(back[1].role, ROLE_RESPONSIBLE);
	units_free(back, nb);
	free(w);
	units_free(u, n);

	/* A cell with a marker keeps its own roles. */
	n = units_parse("甲、乙配合", &u);
	assert_false(units_order_apply(UNITS_FIRST_LEADS, u, n));
	assert_int_equal(u[0].role, ROLE_SUPPORT);
	units_free(u, n);
	n = units_parse("甲、乙", &u);
	assert_false(units_order_apply(UNITS_ORDER_NONE, u, n));
	assert_int_equal(u[0].role, ROLE_RESPONSIBLE);
	units_free(u, n);
}

/* Run every table row as a test case of its own, then the rest. */
int
main(void)
{
	size_t n = ARRAY_LEN(cases) + 8;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    test_units, (void *)&cases[i]);
		tests[i].name = cases[i].what;
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_role_names);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_join);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_lines);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_wrapped);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_open_ended);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_order_note);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(test_order_in_cell);
	tests[i] = (struct CMUnitTest)cmocka_unit_test(test_order_apply);
	rc = _cmocka_run_group_tests("units", tests, n, NULL, NULL);
	free(tests);
	return rc;
}
