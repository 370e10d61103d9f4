/* units_wrap: where a units cell of a PDF or a text file parts two names
 * at a line break (units.h).  Wrapping fills a line to the column's
 * edge wherever a name is cut; a line the writer broke ends a name and
 * the next starts one.  Two names glued (市生态环境局市水务局) match no
 * unit, so this errs towards parting only where both sides say so. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/units.h"
#include "plan/units_words.h"

/* Characters before a place's level that make it a place's name (青岛市,
 * 黄岛区), not a word's (城市管理局), and the most there are. */
#define PLACE_MIN 2
#define PLACE_MAX 4

/* Whether the line [s, end) starts a name: a word of units_name_starts,
 * or a place (two to four Chinese characters, then 省, 市, 县 or 区). */
static bool
starts_name(const char *s, const char *end)
{
	static const char *const levels[] = { "省", "市", "县", "区", NULL };
	const char *p = s;

	if (text_starts_any(s, units_name_starts))
		return true;
	for (int n = 0; n <= PLACE_MAX && p < end; n++) {
		if (n >= PLACE_MIN && text_starts_any(p, levels))
			return true;
		if (!text_is_han(utf8_next(&p, end)))
			return false;
	}
	return false;
}

/* Whether the text [s, end) ends a name. */
static bool
ends_name(const char *s, const char *end)
{
	for (size_t i = 0; units_name_ends[i] != NULL; i++) {
		size_t n = strlen(units_name_ends[i]);

		if ((size_t)(end - s) > n &&
		    memcmp(end - n, units_name_ends[i], n) == 0)
			return true;
	}
	return false;
}

char *
units_wrapped(const char *cell)
{
	struct buf b = BUF_INIT;
	const char *s, *nl;

	for (s = cell; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
		char *line;

		nl = s + strcspn(s, "\n");
		line = text_squashn(s, (size_t)(nl - s));
		/* What is written so far ends a name (a wrapped one's last
		 * line may be 局 alone, or 心 of 中心: its tail read
		 * without the breaks). */
		if (*line != '\0' && b.len > 0) {
			char tail[32];
			size_t n = 0;

			for (size_t k = b.len > 24 ? b.len - 24 : 0; k < b.len;
			    k++)
				if (b.s[k] != '\n')
					tail[n++] = b.s[k];
			buf_puts(&b, ends_name(tail, tail + n) &&
			    starts_name(line, line + strlen(line)) ? "、" : "\n");
		}
		buf_puts(&b, line);
		free(line);
	}
	return buf_steal(&b);
}
