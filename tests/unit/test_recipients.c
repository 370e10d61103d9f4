/*
 * Tests for recipients: plan unit names resolved through unit names,
 * aliases and groups (nested, cyclic, with members that name nothing),
 * or two names of one office, the second in brackets, or offices joined
 * by 和 or 及 in one name or run together,
 * compared after folding white space and full-width letters; what maps
 * to nothing goes to admin.  The configuration is a real file loaded by
 * config_load, written into a scratch folder (testdir.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf/config.h"
#include "conf/load.h"
#include "conf/recipients.h"
#include "base/util.h"
#include "testdir.h"
#include "conf_fixture.h"

static const char conf_text[] =
    "smtp = { url = \"smtp://127.0.0.1:25\"; from = \"d@example.org\"; };\n"
    "admin = { email = [\"admin@example.org\"]; };\n"
    "units = (\n"
    "  { name = \"知识产权保护处\"; aliases = [\"保护处\"];"
    " email = [\"bhc@example.org\"]; },\n"
    "  { name = \"省知识产权事业发展中心\"; aliases = [\"知识产权事业发展中心\"]; },\n"
    "  { name = \"法规处\"; },\n"
    "  { name = \"ABC 中心\"; },\n"
    "  { name = \"丙处（丁处）\"; }\n"
    ");\n"
    "groups = (\n"
    "  { name = \"三个单位\"; members = [\"知识产权保护处\","
    " \"知识产权事业发展中心\", \"不存在的处\"]; },\n"
    "  { name = \"两个单位\"; members = [\"保护处\", \"法规处\"]; },\n"
    "  { name = \"组中组\"; members = [\"两个单位\", \"ABC中心\","
    " \"知识产权保护处\"]; },\n"
    "  { name = \"甲组\"; members = [\"乙组\", \"保护处\"]; },\n"
    "  { name = \"乙组\"; members = [\"甲组\", \"法规处\"]; },\n"
    "  { name = \"自己\"; members = [\"自己\"]; },\n"
    "  { name = \"空组\"; members = []; },\n"
    "  { name = \"重复\"; members = [\"保护处\", \"知识产权保护处\","
    " \" 保护处 \"]; }\n"
    ");\n";

/* The loaded configuration, from a file in its own folder. */
static int
setup(void **state)
{
	char dir[256], path[300];
	struct config *c;

	testdir_make(dir, sizeof(dir), "test_recipients");
	snprintf(path, sizeof(path), "%s/deadlined.conf", dir);
	conf_write(path, "%s", conf_text);
	c = conf_load_ok(path);
	testdir_remove(dir);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	config_free(*state);
	return 0;
}

/* recipients_find: names and aliases, folded; groups are no unit. */
static void
test_find(void **state)
{
	static const struct {
		const char *name;
		const char *want;	/* NULL: none */
	} cases[] = {
		{ "知识产权保护处", "知识产权保护处" },
		{ "保护处", "知识产权保护处" },
		{ " 保护 处 ", "知识产权保护处" },
		{ "保护\u3000处", "知识产权保护处" },	/* ideographic space */
		{ "知识产权事业发展中心", "省知识产权事业发展中心" },
		{ "法规处", "法规处" },
		{ "ABC中心", "ABC 中心" },
		{ "ＡＢＣ　中心", "ABC 中心" },	/* full width */
		{ "abc中心", NULL },		/* no case folding */
		{ "三个单位", NULL },		/* a group */
		{ "不存在的处", NULL },
		{ "", NULL },
		{ "   ", NULL },
		{ "admin", NULL },
		/* Two names of one office, the second in brackets: the one
		 * either finds, unless they find two, or the whole is a name. */
		{ "法规处（省法规办）", "法规处" },
		{ "省法规办(法规处)", "法规处" },
		{ "保护处（知识产权保护处）", "知识产权保护处" },
		{ "法规处（保护处）", NULL },
		{ "（法规处）", NULL },
		{ "法规处（", NULL },
		{ "丙处（丁处）", "丙处（丁处）" },
		{ "三个单位（法规处）", NULL },	/* a group and a unit */
	};
	const struct config *c = *state;
	const struct recipient *r;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# \"%s\"\n", cases[i].name);
		r = recipients_find(c, cases[i].name);
		if (cases[i].want == NULL)
			assert_null(r);
		else {
			assert_non_null(r);
			assert_string_equal(r->name, cases[i].want);
		}
	}
}

/* recipients_canonical: offices joined by 和, 及, 与 or 以及 in one name
 * are each theirs, when every part names a unit or a group; else the
 * name stays whole. */
static void
test_conjoined(void **state)
{
	static const struct {
		const char *name;
		const char *want;	/* the names, "|" after each */
	} cases[] = {
		{ "法规处和保护处", "法规处|知识产权保护处|" },
		{ "法规处及两个单位", "法规处|知识产权保护处|" },
		{ "法规处与ABC中心以及保护处", "法规处|ABC 中心|知识产权保护处|" },
		{ "法规处及其部门", "法规处及其部门|" },
		{ "法规处和", "法规处和|" },
		{ "和法规处", "和法规处|" },
		{ "不存在的处和法规处", "不存在的处和法规处|" },
		{ "法规处和不存在的处", "法规处和不存在的处|" },
		/* Run together, as a PDF cell's lines that each ended a
		 * name read (the reader could not part them). */
		{ "法规处保护处", "法规处|知识产权保护处|" },
		{ "法规处两个单位ABC中心", "法规处|知识产权保护处|ABC 中心|" },
		{ "法规处不存在的处", "法规处不存在的处|" },
		{ "法规处法规", "法规处法规|" },
		/* At most eight parts: more is no list of offices. */
		{ "法规处和保护处和法规处和保护处和法规处和保护处和法规处和保护处",
		  "法规处|知识产权保护处|" },
		{ "法规处和保护处和法规处和保护处和法规处和保护处和法规处和保护处和法规处",
		  "法规处和保护处和法规处和保护处和法规处和保护处和法规处和保护处和法规处|" },
	};
	const struct config *c = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct unit_ref in = { cases[i].name, ROLE_SUPPORT, NULL }, *out;
		size_t n = recipients_canonical(c, &in, 1, &out);
		char got[512] = "";

		print_message("# \"%s\"\n", cases[i].name);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(out[k].role, ROLE_SUPPORT);
			strcat(got, out[k].name);
			strcat(got, "|");
		}
		assert_string_equal(got, cases[i].want);
		units_free(out, n);
	}
}

/* recipients_warn_run_together: a warning at the measure's place for
 * a name read as names run together, none for one joined by a
 * conjunction, one configured whole or one naming nothing. */
static void
test_run_together_warned(void **state)
{
	const struct config *c = *state;
	struct plan *p = plan_new("plan.pdf");
	struct plan_task *t = plan_add_task(p, 1, "", "任务", 1);

	plan_add_measure(t, "甲", "年底前", "法规处保护处、ABC中心", 2);
	plan_add_measure(t, "乙", "年底前", "法规处和保护处", 3);
	plan_add_measure(t, "丙", "年底前", "丙处（丁处）；不存在的处", 4);
	plan_add_measure(t, "丁", "年底前", "法规处不存在的处", 5);
	p->year = 2026;
	plan_resolve(p);
	assert_int_equal(p->nwarnings, 0);
	recipients_warn_run_together(c, p);
	assert_int_equal(p->nwarnings, 1);
	assert_string_equal(p->warnings[0].loc, "2");
	assert_non_null(strstr(p->warnings[0].msg, "\"法规处保护处\""));
	assert_non_null(strstr(p->warnings[0].msg, "法规处, 保护处"));
	plan_free(p);
}

/* recipients_resolve: the recipients, in order, without repeats. */
static void
test_resolve(void **state)
{
	static const struct {
		const char *name;
		const char *want[5];	/* names; NULL-terminated */
		bool unmapped;
	} cases[] = {
		{ "知识产权保护处", { "知识产权保护处" }, false },
		{ "保护处", { "知识产权保护处" }, false },
		{ "ＡＢＣ 中心", { "ABC 中心" }, false },
		{ "不存在的处", { "admin" }, true },
		{ "", { "admin" }, true },
		/* A group of 3, one naming nothing: 2 units and admin. */
		{ "三个单位", { "知识产权保护处", "省知识产权事业发展中心",
		  "admin" }, true },
		{ " 三个 单位", { "知识产权保护处", "省知识产权事业发展中心",
		  "admin" }, true },
		{ "两个单位", { "知识产权保护处", "法规处" }, false },
		/* A group in a group; 知识产权保护处 comes once. */
		{ "组中组", { "知识产权保护处", "法规处", "ABC 中心" }, false },
		/* Groups naming each other: each unit once, no loop. */
		{ "甲组", { "法规处", "知识产权保护处" }, false },
		{ "乙组", { "知识产权保护处", "法规处" }, false },
		/* A group of itself or of nobody: admin. */
		{ "自己", { "admin" }, true },
		{ "空组", { "admin" }, true },
		{ "重复", { "知识产权保护处" }, false },
		{ "两个单位（双单位）", { "知识产权保护处", "法规处" }, false },
		{ "法规处（保护处）", { "admin" }, true },
		{ "三个单位（法规处）", { "admin" }, true },
	};
	const struct config *c = *state;
	const struct recipient **out;
	bool unmapped;
	size_t i, k, n;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# \"%s\"\n", cases[i].name);
		unmapped = !cases[i].unmapped;
		out = NULL;
		n = recipients_resolve(c, cases[i].name, &out, &unmapped);
		for (k = 0; cases[i].want[k] != NULL; k++) {
			assert_true(k < n);
			assert_string_equal(out[k]->name, cases[i].want[k]);
		}
		assert_int_equal(n, k);
		assert_int_equal(unmapped, cases[i].unmapped);
		free(out);
	}
}

/* Unmapped names get the configured admin itself (with its channels). */
static void
test_admin(void **state)
{
	const struct config *c = *state;
	const struct recipient **out;
	size_t n;

	n = recipients_resolve(c, "某某局", &out, NULL);
	assert_int_equal(n, 1);
	assert_ptr_equal(out[0], &c->admin);
	assert_int_equal(out[0]->nemail, 1);
	assert_string_equal(out[0]->email[0], "admin@example.org");
	free(out);

	/* Mapped recipients point into the configuration. */
	n = recipients_resolve(c, "保护处", &out, NULL);
	assert_int_equal(n, 1);
	assert_ptr_equal(out[0], &c->units[0]);
	free(out);
}

/* With the built-in defaults (no units at all) everything is unmapped. */
static void
test_no_units(void **state)
{
	const struct recipient **out;
	struct config *c = NULL;
	struct error err;
	bool unmapped = false;
	size_t n;

	(void)state;
	assert_int_equal(config_load(NULL, &c, &err), 0);
	assert_null(recipients_find(c, "保护处"));
	n = recipients_resolve(c, "保护处", &out, &unmapped);
	assert_int_equal(n, 1);
	assert_ptr_equal(out[0], &c->admin);
	assert_string_equal(out[0]->name, "admin");
	assert_true(unmapped);
	free(out);
	config_free(c);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conjoined, setup, teardown),
		cmocka_unit_test_setup_teardown(test_run_together_warned, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_admin, setup, teardown),
		cmocka_unit_test(test_no_units),
	};

	return cmocka_run_group_tests_name("recipients", tests, NULL, NULL);
}
