/*
 * Tests for pdftext: a cell's characters read as text, on pages built in
 * code from the boxes poppler gives for what LibreOffice prints.  Each
 * case is a cell's lines, each glyph with its advance, and the column's
 * room; a line that reaches the room may be justified (两端对齐), and its
 * widened characters or blanks are no spaces.  Tables run row by row; a
 * failing row is printed before the assertion fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "read/pdftext.h"
#include "base/util.h"
#include "plan/table.h"

#define MAX_LINES 5
#define MAX_GLYPHS 64

struct text_case {
	const char *what;
	double h;		/* the characters' height (points) */
	double room;		/* the column's room for a line, 0: unknown */
	/* A line: glyphs "C:ADVANCE" parted by '|', "_" a space poppler
	 * gives (no ink). */
	const char *lines[MAX_LINES];
	const char *want;
};

static const struct text_case cases[] = {
	/* Writer, 10.5 pt, 两端对齐: the wrapped line's characters are
	 * widened (1.09 em) but for the last before a figure and the
	 * line's last, and the blank beside the figure as much. */
	{ "justified by widened characters", 13.65, 74.3,
	  { "推:11.49|进:11.49|第:10.5|_:3.13|1:6.29|0:6.29|_:3.12|项:11.49|工:10.5",
	    "作:10.5" },
	  "推进第10项工\n作" },
	/* The same blanks on a line short of the room: typed spaces. */
	{ "typed spaces on a short line", 13.65, 120,
	  { "推:10.5|进:10.5|第:10.5|_:3.32|1:6.29|0:6.29|_:3.32|项:10.5" },
	  "推进第 10 项" },
	/* Writer, 11 pt: a line with one pair of Chinese characters widened
	 * by blanks, the figure's own blank wider by LibreOffice's spacing
	 * of Chinese and Latin. */
	{ "justified by widened blanks", 14.3, 75.6,
	  { "达:11|_:5.29|到:11|_:7.61|9:7|5:7|%:10.45|_:5.26|以:11",
	    "上:11" },
	  "达到95%以\n上" },
	/* No two Chinese characters side by side: the widening shows in
	 * the blank between Chinese and Latin alone; the typed space
	 * between two Latin words stays. */
	{ "justified, no Chinese pair", 14.3, 75.7,
	  { "I:4.3|S:7.59|O:9.01|_:8.46|9:7|0:7|0:7|1:7|_:7.36|质:11",
	    "量:11" },
	  "ISO 9001质\n量" },
	/* Distributed (分散对齐): a figure set solid at one side, the
	 * character at the other. */
	{ "distributed, a figure with a dash", 14.3, 75.7,
	  { "5:7|—:11|9:7|_:39.71|月:11" },
	  "5—9月" },
	/* Names parted by a typed space on a justified line: the space
	 * stands out from the widening. */
	{ "typed space between names on a justified line", 13.65, 117.2,
	  { "市:11.49|生:11.49|态:11.49|环:11.49|境:11.49|局:10.5|_:4.31|"
	    "市:11.49|公:11.49|安:11.49|局:10.5" },
	  "市生态环境局 市公安局" },
	/* Chromium, not justified: a line as wide as the room whose
	 * Chinese characters stand solid has typed spaces by a figure. */
	{ "typed spaces by a figure on a full line set solid", 13.85, 142.8,
	  { "认:10.99|真:10.99|做:10.99|好:10.99|北:10.99|京:10.99|_:3.29|"
	    "2:6.59|0:6.59|2:6.59|2:6.59|_:3.29|年:10.99|冬:10.99|奥:10.99|"
	    "会:10.99" },
	  "认真做好北京 2022 年冬奥会" },
	/* Writer, a justified line on a character grid (10.5 pt, 文档网格):
	 * its cells spread evenly, a run of Latin one of them; what is
	 * left of a cell after it is no space. */
	{ "justified line of a grid", 13.65, 71.4,
	  { "围:10.5|_:4.7|绕:10.5|_:4.7|第:10.5|_:4.8|3:6.7|_:8.5|项:10.5" },
	  "围绕第3项" },
	{ "a run of figures in a justified line of a grid", 13.65, 68.5,
	  { "训:10.5|_:5.6|教:10.5|_:5.7|师:10.5|_:5.7|2:6.7|0:6.6|0:6.7" },
	  "训教师200" },
	/* A line on a grid the page does not show (alone in its cell):
	 * its cells start evenly, a run of figures taking two. */
	{ "a line of a grid alone", 13.65, 200,
	  { "6:6.7|_:5.78|月:10.5|_:1.98|3:6.7|0:6.7|_:11.56|日:10.5|_:1.98|前:10.5" },
	  "6月30日前" },
	/* Set solid, a typed space after the figure: no cells. */
	{ "a typed space after a figure", 13.65, 200,
	  { "围:10.5|绕:10.5|第:10.5|_:1.5|3:5.25|_:4.1|项:10.5" },
	  "围绕第3 项" },
	{ "typed space between Chinese and Latin on a short line", 13.65, 200,
	  { "完:10.5|成:10.5|_:3.32|I:4.3|S:7.59|O:9.01" },
	  "完成 ISO" },
	/* A line spread over the cell (a typed break after it): the
	 * blanks are no spaces, and it ends short of a line's room. */
	{ "spread line", 13.65, 63,
	  { "办:10.5|_:14.29|公:10.5|_:14.29|室:10.5", "人:10.5|事:10.5|处:10.5" },
	  "办公室 \n人事处" },
};

/* Glyphs of the case's lines into pg (left 100, a line each 20 points
 * down from 100). */
static void
build(struct pdf_page *pg, const struct text_case *c)
{
	pg->g = xcalloc(MAX_LINES * MAX_GLYPHS, sizeof(*pg->g));
	pg->ng = 0;
	for (int i = 0; i < MAX_LINES && c->lines[i] != NULL; i++) {
		char *spec = xstrdup(c->lines[i]), *save = NULL;
		double x = 100, y = 100 + 20.0 * i;

		for (char *t = strtok_r(spec, "|", &save); t != NULL;
		    t = strtok_r(NULL, "|", &save)) {
			struct pdf_glyph *g = &pg->g[pg->ng++];
			char *colon = strrchr(t, ':');

			assert_non_null(colon);
			*colon = '\0';
			g->space = strcmp(t, "_") == 0;
			snprintf(g->utf8, sizeof(g->utf8), "%s",
			    g->space ? " " : t);
			g->x0 = x;
			g->x1 = x += strtod(colon + 1, NULL);
			g->y0 = y;
			g->y1 = y + c->h;
		}
		free(spec);
	}
}

/* got must be want; the case is named when it is not. */
static void
expect(const struct text_case *c, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		print_error("case '%s': got '%s', want '%s'\n", c->what, got,
		    want);
	assert_string_equal(got, want);
}

static void
test_text_in(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct text_case *c = &cases[i];
		struct pdf_page pg = { .no = 1, .w = 595, .h = 842 };
		char *got;

		build(&pg, c);
		got = pdf_text_in(&pg, 95, 90, 500, 200, c->room);
		expect(c, got, c->want);
		free(got);
		free(pg.g);
	}
}

/* A page set on a character grid (文档网格, Writer, 11 pt characters in
 * cells of 12.99): the rest of a cell after a character, and of the
 * last cell a run of Latin takes, is no space. */
static const struct text_case grid_case = {
	"a character grid", 14.3, 0,
	{ "重:12.99|点:12.99|任:12.99|务:12.99|第:11|_:1.99|1:7|_:5.99|项:12.99|工:11",
	  "围:12.99|绕:12.99|第:11|_:1.99|2:7|_:5.99|项:12.99|重:12.99|点:11",
	  "推:12.99|进:11|_:1.99|R:8.29|C:8.4|E:8|P:7.39|_:6.89|框:11|_:1.99|架:11" },
	"重点任务第1项工\n围绕第2项重点\n推进RCEP框架"
};

#define JUSTIFIED "推:11.49|进:11.49|第:10.5|_:3.13|1:6.29|0:6.29|_:3.12|项:11.49|工:10.5"
static const struct text_case justified = {
	"justified lines", 13.65, 74.3, { JUSTIFIED, JUSTIFIED, JUSTIFIED }, ""
};

/* The text between y0 and y1 of the case's page, its grid found (a
 * pitch between lo and hi), in a column of the room, must be want. */
static void
expect_on_grid(const struct text_case *c, double lo, double hi, double y0,
    double y1, double room, const char *want)
{
	struct pdf_page pg = { .no = 1, .w = 595, .h = 842 };
	char *got;

	build(&pg, c);
	pg.pitch = pdf_grid(&pg, 0);
	assert_true(pg.pitch > lo && pg.pitch < hi);
	got = pdf_text_in(&pg, 95, y0, 500, y1, room);
	expect(c, got, want);
	free(got);
	free(pg.g);
}

static void
test_grid(void **state)
{
	struct pdf_page pg = { .no = 1, .w = 595, .h = 842 };

	(void)state;
	expect_on_grid(&grid_case, 12.98, 13, 90, 200, 0, grid_case.want);
	/* Justified lines, widened as much, are no grid: their Latin ends
	 * off it. */
	build(&pg, &justified);
	assert_true(pdf_grid(&pg, 0) == 0);
	free(pg.g);
}

/* A grid wider than its characters (Writer, 10.5 pt in cells of 16):
 * they keep their width, the rest of each cell stands between them, and
 * a run of Latin takes whole cells.  A line of the units cell as full
 * as the grid lets it is wrapped, not ended short (各区县 / 教育局). */
static const struct text_case wide_grid = {
	"a grid wider than its characters", 13.65, 0,
	{ "设:10.5|_:5.5|5:6.69|G:9.31|智:10.5|_:5.5|慧:10.5|_:5.5|校:10.5|_:5.5|园:10.5",
	  "1:6.69|0:6.68|_:2.63|所:10.5|_:5.5|试:10.5|_:5.5|点:10.5|_:5.5|建:10.5|_:5.5|设:10.5",
	  "到:10.5|_:5.5|9:6.69|5:6.6|%:9.98|_:8.73|以:10.5|_:5.5|上:10.5|_:5.5|完:10.5|_:5.5|成:10.5",
	  "各:10.5|_:5.5|区:10.5|_:5.5|县:10.5",
	  "教:10.5|_:5.5|育:10.5|_:5.5|局:10.5" },
	"设5G智慧校园\n10所试点建设\n到95%以上完成"
};

static const struct text_case short_page = {
	"a page too short to show its grid", 13.65, 0,
	{ "各:10.5|_:5.5|区:10.5|_:5.5|县:10.5",
	  "教:10.5|_:5.5|育:10.5|_:5.5|局:10.5" }, ""
};

static void
test_wide_grid(void **state)
{
	struct pdf_page pg = { .no = 1, .w = 595, .h = 842 };

	(void)state;
	expect_on_grid(&wide_grid, 15.9, 16.1, 90, 150, 0, wide_grid.want);
	expect_on_grid(&wide_grid, 15.9, 16.1, 150, 200, 48, "各区县\n教育局");
	/* A page too short to show a grid keeps the page before's, if
	 * its characters stand at that step. */
	build(&pg, &short_page);
	assert_true(pdf_grid(&pg, 0) == 0);
	assert_true(pdf_grid(&pg, 15.99) == 15.99);
	assert_true(pdf_grid(&pg, 12.48) == 0);
	free(pg.g);
}

/* Paragraphs: a line that ends where the page's longest do may be
 * justified; one that ends short of another is set as typed. */
static const struct text_case paragraph_cases[] = {
	{ "the longest line justified", 13.65, 0,
	  { "推:11.49|进:11.49|第:10.5|_:3.13|1:6.29|0:6.29|_:3.12|项:11.49|工:10.5",
	    "作:10.5|。:10.5" },
	  "推进第10项工|作。" },
	{ "a line short of a longer one", 13.65, 0,
	  { "推:11.49|进:11.49|第:10.5|_:3.13|1:6.29|0:6.29|_:3.12|项:11.49|工:10.5",
	    "作:10.5|为:10.5|第:10.5|一:10.5|项:10.5|工:10.5|作:10.5|安:10.5" },
	  "推进第 10 项工|作为第一项工作安" },
};

static void
test_paragraphs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(paragraph_cases) /
	    sizeof(paragraph_cases[0]); i++) {
		const struct text_case *c = &paragraph_cases[i];
		struct pdf_page pg = { .no = 1, .w = 595, .h = 842 };
		struct table_doc *d = table_new("t.pdf");
		struct error err = { 0 };
		char got[512] = "";

		build(&pg, c);
		assert_int_equal(pdf_paragraphs(&pg, 90, 200, d, &err), 0);
		for (size_t r = 0; r < d->nrows; r++) {
			assert_int_equal(d->rows[r].kind, TROW_PARAGRAPH);
			snprintf(got + strlen(got), sizeof(got) - strlen(got),
			    "%s%s", r > 0 ? "|" : "", d->rows[r].cells[0].text);
		}
		expect(c, got, c->want);
		table_free(d);
		free(pg.g);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_in),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_wide_grid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
