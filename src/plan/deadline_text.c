/* deadline_text: the deadline a measure's text ends with, for a table
 * without a deadline column (deadline.h): a note in brackets at its end,
 * else its last clause, when the grammar (deadline.c) reads it. */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/deadline.h"

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
