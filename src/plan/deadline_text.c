/* deadline_text: the deadline a measure's text ends with, for a table
 * without a deadline column (deadline.h): a note in brackets at its end,
 * else its last clause, when the grammar (deadline.c) reads it; a
 * cell's lines read as clauses of one deadline, or as two; and the
 * grammar's answers remembered (deadline_parse). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/deadline.h"
#include "plan/deadline_memo.h"

/* Marks that end a measure's text, and those that end its clauses. */
static const char *const text_ends_marks[] = { "。", "；", ";", ".", NULL };
static const char *const clause_marks[] = {
	"，", "；", "：", "。", ",", ";", ":", NULL
};

char *
deadline_in_text(const char *text, int year)
{
	size_t n = strlen(text), k, len;
	const char *from = text, *open = NULL;
	char *part;

	for (k = 0; text_ends_marks[k] != NULL;)
		if (n >= (len = strlen(text_ends_marks[k])) &&
		    strncmp(text + n - len, text_ends_marks[k], len) == 0) {
			n -= len;
			k = 0;
		} else
			k++;
	/* A note in brackets at the end: its opening bracket, the last. */
	if ((n >= strlen("）") && strncmp(text + n - strlen("）"), "）",
	    strlen("）")) == 0) || (n > 0 && text[n - 1] == ')'))
		for (const char *p = text; p < text + n; p++)
			if (text_starts(p, "（", NULL) || *p == '(')
				open = p;
	if (open != NULL) {
		len = *open == '(' ? 1 : strlen("（");
		part = xstrndup(open + len, (size_t)(text + n - open - len) -
		    (text[n - 1] == ')' ? 1 : strlen("）")));
		if (deadline_parse(part, year).kind != DL_UNKNOWN)
			return part;
		free(part);
		n = (size_t)(open - text);
	}
	/* Else the last clause. */
	for (const char *p = text; p < text + n; p++)
		for (k = 0; clause_marks[k] != NULL; k++)
			if (text_starts(p, clause_marks[k], NULL) &&
			    p + strlen(clause_marks[k]) <= text + n)
				from = p + strlen(clause_marks[k]);
	part = xstrndup(from, (size_t)(text + n - from));
	if (*part != '\0' && strlen(part) <= DEADLINE_MAX &&
	    deadline_parse(part, year).kind != DL_UNKNOWN)
		return part;
	free(part);
	return NULL;
}

char *
deadline_lines_as_clauses(const char *text, int year)
{
	struct buf b = BUF_INIT, joined = BUF_INIT;
	const char *p, *nl;
	size_t lines = 0;
	struct deadline as_one, as_clauses;

	if (strchr(text, '\n') == NULL ||
	    strnlen(text, DEADLINE_MAX + 1) > DEADLINE_MAX)
		return NULL;
	for (p = text; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		char *line;
		bool yes;

		nl = p + strcspn(p, "\n");
		line = text_squashn(p, (size_t)(nl - p));
		yes = text_blank(line) || deadline_parse(line, year).kind !=
		    DL_UNKNOWN;
		if (yes && !text_blank(line)) {
			buf_printf(&b, "%s%s", lines > 0 ? "；" : "", line);
			buf_puts(&joined, line);
			lines++;
		}
		free(line);
		if (!yes) {
			lines = 0;
			break;
		}
	}
	if (lines >= 2) {
		as_one = deadline_parse(buf_str(&joined), year);
		as_clauses = deadline_parse(buf_str(&b), year);
		if (as_one.kind != DL_UNKNOWN && as_one.kind == as_clauses.kind &&
		    as_one.due == as_clauses.due)
			lines = 0;
	}
	buf_free(&joined);
	if (lines < 2) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Whether line is a year and nothing else: 2026年, 2026. */
static bool
year_alone(const char *line)
{
	size_t n = strspn(line, "0123456789");

	return n == 4 && (line[n] == '\0' || strcmp(line + n, "年") == 0);
}

bool
deadline_two_lines(const char *text)
{
	const char *s, *nl;
	int n = 0;

	if (strchr(text, '\n') == NULL)
		return false;
	for (s = text; *s != '\0' && n < 2; s = *nl != '\0' ? nl + 1 : nl) {
		char *line;

		nl = s + strcspn(s, "\n");
		line = text_squashn(s, (size_t)(nl - s));
		/* A year alone over more is the year of what follows
		 * (2026年 over 10月底前, wrapped). */
		if (*nl == '\0' || !year_alone(line))
			n += deadline_parse(line, DEADLINE_ANY_YEAR).kind !=
			    DL_UNKNOWN;
		free(line);
	}
	return n >= 2;
}

struct deadline
deadline_parse(const char *text, int year)
{
	static _Thread_local struct deadline_memo memo[64];
	struct deadline_memo *m;
	struct deadline dl;
	bool hit;

	if ((m = deadline_memo_slot(memo, ARRAY_LEN(memo), text, year,
	    &hit)) != NULL && hit)
		return m->dl;
	dl = deadline_classify(text, year);
	if (m != NULL)
		deadline_memo_keep(m, text, year, dl);
	return dl;
}
