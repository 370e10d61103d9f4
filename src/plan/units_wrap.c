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

static bool ends_name(const char *s, const char *end);

/* Whether a role's word starts s (牵头, 配合, （协办）): no name does. */
static bool
role_word(const char *s)
{
	const struct role_word *const lists[] = { units_markers,
	    units_suffixes };

	for (size_t i = 0; i < ARRAY_LEN(lists); i++)
		for (const struct role_word *w = lists[i]; w->text != NULL; w++)
			if (text_starts(s, w->text, NULL))
				return true;
	return false;
}

/* Whether the line [s, end) starts a name: a word of units_name_starts,
 * or a place (two to four Chinese characters, then 省, 市, 县 or 区; not
 * a name's end before it: 人民政府 / 市生态环境局 is no place). */
static bool
starts_name(const char *s, const char *end)
{
	static const char *const levels[] = { "省", "市", "县", "区", NULL };
	const char *p = s;

	if (text_starts_any(s, units_name_starts))
		return true;
	if (role_word(s))
		return false;	/* 牵头市…: no place */
	for (int n = 0; n <= PLACE_MAX && p < end; n++) {
		if (n >= PLACE_MIN && text_starts_any(p, levels))
			return !ends_name(s, p);
		/* 各 ("each") is in no place's name: 部门各县 is none. */
		if (text_starts(p, "各", NULL) ||
		    !text_is_han(utf8_next(&p, end)))
			return false;
	}
	return false;
}

/* Whether the text [s, end) ends with one of words (NULL ends them),
 * with more before it when after is true. */
static bool
ends_with(const char *s, const char *end, const char *const *words,
    bool after)
{
	for (size_t i = 0; words[i] != NULL; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(end - s) >= (after ? n + 1 : n) &&
		    memcmp(end - n, words[i], n) == 0)
			return true;
	}
	return false;
}

/* Whether the text [s, end) ends a name (not 有关 or 相关, of 海关's
 * 关: 市直有关 / 部门 is one). */
static bool
ends_name(const char *s, const char *end)
{
	static const char *const words[] = { "有关", "相关", NULL };

	return !ends_with(s, end, words, false) &&
	    ends_with(s, end, units_name_ends, true);
}

/* Whether the line broke inside a name's ending of two characters or
 * more (市直有关部 / 门各县…: 部门, not 部), its first part ending tail
 * and the rest starting ahead. */
static bool
broken_end(const char *tail, const char *ahead)
{
	size_t len = strlen(tail);

	for (size_t i = 0; units_name_ends[i] != NULL; i++) {
		const char *e = units_name_ends[i], *rest = e;
		const char *end = e + strlen(e);

		for (;;) {
			size_t n;

			(void)utf8_next(&rest, end);
			if (*rest == '\0')
				break;
			n = (size_t)(rest - e);
			if (len >= n && memcmp(tail + len - n, e, n) == 0 &&
			    text_starts(ahead, rest, NULL))
				return true;
		}
	}
	return false;
}

/* Whether a bank's name goes on with its branch (人民银行 / 市分行,
 * 农业发展银行 / 青岛市分行, 人民银行济宁市中心 / 支行): a bank's
 * name in tail, and ahead, within six characters, 分行 or 支行 without
 * another bank's name before it. */
static bool
bank_branch(const char *tail, const char *ahead)
{
	static const char *const branches[] = { "分行", "支行" };
	const char *at = NULL, *bank = strstr(ahead, "银行");

	if (strstr(tail, "银行") == NULL)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(branches) && at == NULL; i++)
		at = strstr(ahead, branches[i]);
	return at != NULL && at - ahead <= 6 * 3 && (bank == NULL || bank > at);
}

/* Where the piece at s ends: at a line break or a space (an ideographic
 * one too), which a PDF keeps where the writer typed one between two
 * names (市市场监管局　各区人民政府) and where it spaced a line out. */
static const char *
piece_end(const char *s)
{
	const char *p = s;

	for (; *p != '\0' && *p != '\n' && *p != ' ' && *p != '\t'; p++)
		if (text_starts(p, "\u3000", NULL))
			break;
	return p;
}

/* Whether the text at s is a word a space parts from the one before:
 * two characters or more up to the next space, over line breaks (not a
 * line spaced out character by character), a Chinese character first
 * (not a bracket: 甲 / （牵头） is one name), and no role's word (甲 /
 * 牵头 乙). */
static bool
spaced_word(const char *s)
{
	const char *p = s, *end = s + strlen(s);
	int n = 0;

	if (!text_is_han(utf8_next(&p, end)) || role_word(s))
		return false;
	for (p = s; p < end && n < 2 && *p != ' ' && *p != '\t' &&
	    !text_starts(p, "\u3000", NULL); )
		if (*p == '\n')
			p++;
		else if (utf8_next(&p, end) >= 0)
			n++;
	return n >= 2;
}

/* Whether the text [s, end) ends a place's name (历下区, 章丘区, 平阴县):
 * a name where the writer broke the line, not where it wrapped
 * (历下区 / 市场监管局 is one). */
static bool
ends_place(const char *s, const char *end)
{
	static const char *const levels[] = { "区", "县", "市", "镇", "乡",
	    "街道", NULL };

	return ends_with(s, end, levels, true);
}

/* Whether the text [s, end), before a break the writer made, ends a
 * name: as ends_name does, or a place's (ends_place), or it is a name's
 * ending alone (the rest of a name broken over a page's end: 行). */
static bool
ends_before_break(const char *s, const char *end)
{
	if (ends_name(s, end) || ends_place(s, end))
		return true;
	for (size_t i = 0; units_name_ends[i] != NULL; i++)
		if ((size_t)(end - s) == strlen(units_name_ends[i]) &&
		    memcmp(s, units_name_ends[i], (size_t)(end - s)) == 0)
			return true;
	return false;
}

char *
units_wrapped(const char *cell)
{
	struct buf b = BUF_INIT;
	const char *s, *nl, *p;
	char ahead[32];	/* some characters, the last dropped (maybe cut) */
	size_t n_ahead;
	bool spaced = false;	/* a space before s: within a line, or at
				 * its end (the PDF reader's mark of a line
				 * the writer broke) */

	for (s = cell; *s != '\0'; s = *nl == '\0' ? nl : *nl == ' ' ||
	    *nl == '\t' || *nl == '\n' ? nl + 1 : nl + strlen("\u3000")) {
		bool after_space = spaced;
		char *line;

		if ((nl = piece_end(s)) == s)
			continue;	/* a space before a break: one */
		spaced = *nl != '\n' && *nl != '\0';
		line = text_squashn(s, (size_t)(nl - s));
		/* What starts here, read on over breaks and spaces (人民 /
		 * 银行市分行 starts 人民银行市分行). */
		for (n_ahead = 0, p = s; *p != '\0' && n_ahead + 4 <
		    sizeof(ahead); p++)
			if (text_starts(p, "\u3000", NULL))
				p += strlen("\u3000") - 1;
			else if (*p != ' ' && *p != '\t' && *p != '\n')
				ahead[n_ahead++] = *p;
		while (*p != '\0' && n_ahead > 0 &&
		    ((unsigned char)ahead[n_ahead - 1] & 0xC0) == 0x80)
			n_ahead--;	/* cut short: its last character goes */
		if (*p != '\0' && n_ahead > 0 &&
		    ((unsigned char)ahead[n_ahead - 1] & 0x80))
			n_ahead--;
		ahead[n_ahead] = '\0';
		/* What is written so far ends a name (a wrapped one's last
		 * line may be 局 alone, or 心 of 中心: its tail read
		 * without the breaks) and what comes starts one, or, after a
		 * space (市交通运输局 国网…, 历下区 市中区), what is written ends
		 * a name or a place and what comes is a word. */
		if (*line != '\0' && b.len > 0) {
			char tail[32];
			size_t n = 0;

			for (size_t k = b.len > 24 ? b.len - 24 : 0; k < b.len;
			    k++)
				if (b.s[k] != '\n')
					tail[n++] = b.s[k];
			tail[n] = '\0';
			buf_puts(&b, (after_space ?
			    ends_before_break(tail, tail + n) :
			    ends_name(tail, tail + n)) &&
			    !broken_end(tail, ahead) &&
			    (starts_name(ahead, ahead + strlen(ahead)) ||
			    (after_space && spaced_word(s))) &&
			    !bank_branch(tail, ahead) ? "、" : "\n");
		}
		buf_puts(&b, line);
		free(line);
	}
	return buf_steal(&b);
}
