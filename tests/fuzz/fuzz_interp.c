/* fuzz_interp: libFuzzer target for the table interpreter alone, on
 * rows built from the input: a line is a row, a tab separates cells; a
 * line starting with "#" is a paragraph, "^" a cell merged from above,
 * "=" a header-flagged row, "+" a row that may continue the one before,
 * "*" the first row of a new table, and a cell starting with "2*" spans
 * two columns, "@" has a place of its own. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/interp.h"
#include "plan/plan.h"
#include "plan/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table_doc *d = table_new("fuzz");
	const char *s = (const char *)data, *end = s + size;
	struct plan *p = NULL;
	struct error err;
	int n = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl != NULL ? nl : end;
		unsigned flags = 0;
		struct trow *r;

		n++;
		if (s < le && *s == '#') {
			char *t = strndup(s + 1, (size_t)(le - s - 1));

			if (t != NULL && table_add_paragraph(d, t, "%d", n) == NULL) {
				free(t);
				break;
			}
			free(t);
			s = le + (nl != NULL);
			continue;
		}
		if (s < le && *s == '=')
			flags |= TROW_HEADER, s++;
		if (s < le && *s == '+')
			flags |= TROW_CONTINUES, s++;
		if (s < le && *s == '*')
			flags |= TROW_NEW_TABLE, s++;
		if ((r = table_add_row(d, TROW_CELLS, flags, "row %d", n)) == NULL)
			break;
		while (s <= le) {
			const char *tab = memchr(s, '\t', (size_t)(le - s));
			const char *ce = tab != NULL ? tab : le;
			int span = 1;
			unsigned cf = 0;
			struct tcell *c;
			bool own = false;

			if (ce - s >= 2 && s[0] == '2' && s[1] == '*')
				span = 2, s += 2;
			if (s < ce && *s == '^')
				cf = TCELL_MERGED_UP, s++;
			if (s < ce && *s == '@')
				own = true, s++;
			c = table_add_cell(r, s, (size_t)(ce - s), span, cf);
			if (c != NULL && own)
				c->loc = strdup("cell");
			if (tab == NULL)
				break;
			s = tab + 1;
		}
		s = le + (nl != NULL);
	}
	if (interp_plan(d, &p, &err) == 0) {
		plan_resolve(p);
		plan_free(p);
	}
	table_free(d);
	return 0;
}
