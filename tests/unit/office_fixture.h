/* office_fixture: what the Word and Excel reader tests share: running a
 * generator (tests/gen/, with Debian's python3), reading the file it
 * wrote, and printing a table_doc as text to compare with what a test
 * expects, one line a row:
 *
 *   LOC FLAGS| cell | cell ...
 *
 * FLAGS are H (a header row), N (a table's first row), C (continues);
 * a paragraph row is "LOC P| text".  A cell is its text ('\n' shown as
 * "\n"), then "<N>" when it spans N columns, "^" when it continues the
 * cell above, and "@LOC" when it has a place of its own and the caller
 * asks for them.  A header of static functions, included by each test. */
#ifndef DEADLINED_OFFICE_FIXTURE_H
#define DEADLINED_OFFICE_FIXTURE_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "plan/table.h"
#include "checker.h"

#define OFFICE_PYTHON "/usr/bin/python3"

/* Run argv (argv[0] a path; NULL-ended) with its output to /dev/null and
 * return its exit status, -1 when it did not exit. */
static int
office_run(char *const argv[])
{
	return run(argv, true);
}

/* Run a generator of tests/gen/ with one or two arguments; it must
 * succeed. */
static void
office_gen(const char *script, const char *arg1, const char *arg2)
{
	char *path = xasprintf("tests/gen/%s", script);
	char *argv[] = { OFFICE_PYTHON, path, (char *)arg1, (char *)arg2, NULL };

	assert_int_equal(office_run(argv), 0);
	free(path);
}

/* The whole file at path (it must exist), NUL-terminated. */
static char *
office_slurp(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	*len = b.len;
	return buf_steal(&b);
}

/* Whether LibreOffice is on PATH (the legacy formats need it). */
static bool
office_has_soffice(void)
{
	char *argv[] = { "/bin/sh", "-c", "command -v soffice", NULL };

	return office_run(argv) == 0;
}

/* d as text, one line a row (see the top of this file). */
static char *
office_dump(const struct table_doc *d, bool cell_locs)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < d->nrows; i++) {
		const struct trow *r = &d->rows[i];

		buf_printf(&b, "%s ", r->loc);
		if (r->kind == TROW_PARAGRAPH)
			buf_puts(&b, "P");
		if (r->flags & TROW_HEADER)
			buf_puts(&b, "H");
		if (r->flags & TROW_NEW_TABLE)
			buf_puts(&b, "N");
		if (r->flags & TROW_CONTINUES)
			buf_puts(&b, "C");
		buf_puts(&b, "|");
		for (size_t j = 0; j < r->ncells; j++) {
			const struct tcell *c = &r->cells[j];

			buf_puts(&b, j > 0 ? " | " : " ");
			for (const char *s = c->text; *s != '\0'; s++)
				if (*s == '\n')
					buf_puts(&b, "\\n");
				else
					buf_putc(&b, *s);
			if (c->colspan > 1)
				buf_printf(&b, "<%d>", c->colspan);
			if (c->flags & TCELL_MERGED_UP)
				buf_puts(&b, "^");
			if (cell_locs && c->loc != NULL)
				buf_printf(&b, "@%s", c->loc);
		}
		buf_puts(&b, "\n");
	}
	return buf_steal(&b);
}

/* The reader's warnings, one line each: "LOC: MSG". */
static char *
office_warnings(const struct table_doc *d)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < d->nwarnings; i++)
		buf_printf(&b, "%s: %s\n", d->warnings[i].loc,
		    d->warnings[i].msg);
	return buf_steal(&b);
}

#endif
