/* text_lines: the lines of text extracted from a PDF task table, as the
 * text reader (plan_text.c) needs them: cut into the fragments that
 * belong to cells, the header row told by its column names (wrapped in a
 * narrow column or not), a page's top repeating the title or the header,
 * page numbers, the title above the table, and the curly quotes
 * LibreOffice's PDFs give out of place, put back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "plan/deadline.h"
#include "plan/plan.h"
#include "plan/text_lines.h"

/* The widest name of a column (plan/columns), with room for spaces. */
#define NAME_WIDTH 16

const enum col part_col[P_COUNT] = {
	COL_TASK, COL_MEASURE, COL_UNITS, COL_DEADLINE,
};

/* Append the fragment [start, end) of a line, squashed. */
static void
add_frag(struct frags *out, const char *start, const char *end)
{
	struct frag *f;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->text = text_squashn(start, (size_t)(end - start));
}

/* Whether text is a deadline the grammar knows. */
bool
tl_is_deadline(const char *text)
{
	/* Longer text is none: a line of many cells is not parsed once a
	 * space, each time to its end. */
	return strnlen(text, DEADLINE_MAX + 1) <= DEADLINE_MAX &&
	    deadline_parse(text, 2000).kind != DL_UNKNOWN;
}

/* Whether the text at "at" (the rest of a line) is a deadline, alone or
 * with the short lines after it (next[0..nnext): a deadline wrapped in
 * its narrow column, "6月30" "日前"). */
static bool
deadline_ahead(const char *at, char *const *next, size_t nnext)
{
	struct buf b = BUF_INIT;
	bool yes;
	size_t k, pieces = 0;

	if (strnlen(at, DEADLINE_MAX + 1) > DEADLINE_MAX)
		return false;
	yes = tl_is_deadline(at);
	buf_puts(&b, at);
	for (k = 0; k < nnext && pieces < MAX_PIECES && !yes; k++) {
		char *piece;

		if (text_blank(next[k]))
			continue;
		piece = text_squash(next[k]);
		if (text_width(piece) > PIECE_WIDTH || strchr(piece, ' ') != NULL) {
			free(piece);
			break;
		}
		buf_puts(&b, piece);
		free(piece);
		pieces++;
		yes = tl_is_deadline(buf_str(&b));
	}
	buf_free(&b);
	return yes;
}

/* Split one line into fragments at the spaces that separate cells: a run
 * of spaces with a non-ASCII character on both sides, or before a digit
 * or a Latin letter when the rest of the line is a deadline ("标准化科
 * 9月30日前"), perhaps wrapped onto the lines after it (next[0..nnext)).
 * Other spaces next to ASCII ("面向 2035 年", "RCEP 成员国") belong to
 * the text. */
void
tl_split_line(struct frags *out, const char *line, int lineno, char *const *next,
    size_t nnext)
{
	const char *p, *end = line + strlen(line), *start = NULL, *gap = NULL;
	int32_t cp, prev = 0;
	size_t first = out->n, i;

	for (p = line; p < end;) {
		const char *at = p;

		cp = utf8_next(&p, end);
		if (cp >= 0 && text_is_space((uint32_t)cp)) {
			if (start != NULL && gap == NULL)
				gap = at;
			continue;
		}
		if (start == NULL)
			start = at;
		else if (gap != NULL && prev >= 0x80 && (cp >= 0x80 ||
		    deadline_ahead(at, next, nnext))) {
			add_frag(out, start, gap);
			start = at;
		}
		gap = NULL;
		prev = cp;
	}
	if (start != NULL)
		add_frag(out, start, gap != NULL ? gap : end);
	for (i = first; i < out->n; i++) {
		out->v[i].line = lineno;
		out->v[i].width = text_width(out->v[i].text);
		out->v[i].line_start = i == first;
		out->v[i].line_end = i + 1 == out->n;
	}
}

/* Whether the fragments of one line read s.  They are the line's squashed
 * text cut at spaces, so they join with one space. */
static bool
frags_read(const struct frags *line, const char *s)
{
	size_t i, n;

	for (i = 0; i < line->n; i++) {
		if (i > 0 && *s++ != ' ')
			return false;
		n = strlen(line->v[i].text);
		if (strncmp(s, line->v[i].text, n) != 0)
			return false;
		s += n;
	}
	return line->n > 0 && *s == '\0';
}

void
tl_frags_free(struct frags *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i].text);
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

/* Concatenate fragments [a, b) as a cell's lines, one a line: the
 * interpreter joins them as the document writes (plan_join_line). */
char *
tl_join(const struct frags *fs, size_t a, size_t b)
{
	struct buf out = BUF_INIT;

	for (size_t i = a; i < b; i++) {
		if (i > a)
			buf_putc(&out, '\n');
		buf_puts(&out, fs->v[i].text);
	}
	return buf_steal(&out);
}

void
tl_header_free(struct header *h)
{
	for (int k = 0; k < P_COUNT; k++) {
		free(h->name[k]);
		h->name[k] = NULL;
	}
}

/* Whether lines[i] starts the header row: the four column names in
 * order (plan/columns), each possibly wrapped over short lines ("完"
 * "成" "时" "限" in a narrow column; the longest reading wins), the last
 * ending a line.  Returns the number of lines it takes (0: not a
 * header); fills h when not NULL. */
size_t
tl_header(char **lines, size_t i, size_t n, struct header *h)
{
	struct frags fs = { NULL, 0, 0 };
	struct buf name = BUF_INIT;
	size_t next = i, k = 0, m, best, used = 0;
	int role, width, col;
	bool numbered = false;

	/* Most lines are asked and fail at once: the first column's name
	 * (or 序号's) starts the line, or it is no header. */
	if (text_blank(lines[i]) || (!plan_column_may_start(lines[i],
	    part_col[0]) && !plan_column_may_start(lines[i], COL_TASK_NO)))
		return 0;
	/* A 序号 column first (序 over 号 when narrow): its numbers start
	 * their tasks' text. */
	for (m = 0; m < 2; m++) {
		while (fs.n <= m && next < n && next < i + 2) {
			tl_split_line(&fs, lines[next], (int)next + 1, NULL, 0);
			next++;
		}
		if (m < fs.n)
			buf_puts(&name, fs.v[m].text);
		if (plan_column(buf_str(&name)) == COL_TASK_NO) {
			k = m + 1;
			numbered = true;
			break;
		}
	}
	buf_reset(&name);
	for (role = 0; role < P_COUNT; role++) {
		best = 0;
		width = 0;
		buf_reset(&name);
		for (m = k; m < k + MAX_PIECES; m++) {
			/* Lines are split as the names need them. */
			while (fs.n <= m && next < n &&
			    next < i + P_COUNT * MAX_PIECES) {
				tl_split_line(&fs, lines[next], (int)next + 1, NULL, 0);
				next++;
			}
			/* No column's name is wider than NAME_WIDTH. */
			if (m >= fs.n || (width += fs.v[m].width) > NAME_WIDTH)
				break;
			buf_puts(&name, fs.v[m].text);
			col = plan_column(buf_str(&name));
			/* The units may be the lead's (牵头单位). */
			if (col == (int)part_col[role] || (col == COL_LEAD &&
			    part_col[role] == COL_UNITS))
				best = m - k + 1;
		}
		if (best == 0)
			goto out;
		if (h != NULL) {
			char *t = tl_join(&fs, k, k + best);

			free(h->name[role]);
			h->name[role] = t;
		}
		k += best;
	}
	if (fs.v[k - 1].line_end)
		used = (size_t)fs.v[k - 1].line - i;
	if (h != NULL) {
		h->line = (int)i + 1;
		h->numbered = numbered;
	}
out:
	if (used == 0 && h != NULL)
		tl_header_free(h);
	tl_frags_free(&fs);
	buf_free(&name);
	return used;
}

/* Whether [s, s + len) is a curly quotation mark. */
static bool
is_quote(const char *s, size_t len)
{
	static const char *const quotes[] = { "“", "”", "‘", "’" };

	for (size_t i = 0; i < ARRAY_LEN(quotes); i++)
		if (len == strlen(quotes[i]) && memcmp(s, quotes[i], len) == 0)
			return true;
	return false;
}

/* The quotes of a line that holds only quotation marks, perhaps after a
 * task number ("1. “"), into quotes (their text, no spaces) and the
 * number into lead; false for any other line. */
static bool
quote_line(const char *line, struct buf *quotes, struct buf *lead)
{
	const char *p = line, *tok;
	size_t len;

	buf_reset(quotes);
	buf_reset(lead);
	for (;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		tok = p;
		len = strcspn(p, " \t");
		p += len;
		if (is_quote(tok, len))
			buf_add(quotes, tok, len);
		else if (tok == line + strspn(line, " \t") && len >= 2 &&
		    strspn(tok, "0123456789") == len - 1 && tok[len - 1] == '.')
			buf_add(lead, tok, len);
		else
			return false;
	}
	return quotes->len > 0;
}

/* The places in line where a single space parts two Chinese characters:
 * up to max of them into at (byte offsets); returns how many there are. */
static size_t
cjk_gaps(const char *line, size_t *at, size_t max)
{
	const char *p = line, *end = line + strlen(line), *q;
	int32_t prev = 0, cp;
	size_t n = 0;

	while (p < end) {
		q = p;
		cp = utf8_next(&p, end);
		if (cp == ' ' && prev >= 0x80 && p < end &&
		    (unsigned char)*p >= 0x80) {
			if (n < max)
				at[n] = (size_t)(q - line);
			n++;
		}
		prev = cp;
	}
	return n;
}

/* LibreOffice sets curly quotes (and a task number on their line) in a
 * Latin font, and `pdftotext -raw` gives that run as a line of its own
 * before the line it belongs to, leaving a space there where each quote
 * goes ("“ ”" over "高起点谋划 十四五 时期").  Put them back when the
 * counts agree: the mended lines are new strings, kept in *kept. */
void
tl_mend_quotes(char **lines, size_t n, char ***kept, size_t *nkept)
{
	struct buf quotes = BUF_INIT, lead = BUF_INIT, out = BUF_INIT;
	size_t i, j, k, gaps[16], ngaps, qi;
	size_t kcap = 0;

	for (i = 0; i < n; i++) {
		if (!quote_line(lines[i], &quotes, &lead))
			continue;
		for (j = i + 1; j < n && text_blank(lines[j]); j++)
			;
		if (j == n)
			continue;
		ngaps = cjk_gaps(lines[j], gaps, ARRAY_LEN(gaps));
		if (ngaps > ARRAY_LEN(gaps))
			continue;
		/* Each quote is 3 bytes of UTF-8. */
		if (ngaps != quotes.len / 3)
			continue;
		buf_reset(&out);
		buf_puts(&out, buf_str(&lead));
		for (k = 0, qi = 0; k < ngaps; k++, qi += 3) {
			buf_add(&out, lines[j] + (k > 0 ? gaps[k - 1] + 1 : 0),
			    gaps[k] - (k > 0 ? gaps[k - 1] + 1 : 0));
			buf_add(&out, quotes.s + qi, 3);
		}
		buf_puts(&out, lines[j] + (ngaps > 0 ? gaps[ngaps - 1] + 1 : 0));
		*kept = xgrow(*kept, &kcap, *nkept + 1, sizeof(**kept));
		lines[j] = (*kept)[(*nkept)++] = buf_steal(&out);
		lines[i] += strlen(lines[i]);	/* now blank */
	}
	buf_free(&quotes);
	buf_free(&lead);
	buf_free(&out);
}

void
tl_join_numbers(char **lines, size_t from, size_t n, char ***kept,
    size_t *nkept)
{
	size_t i, j, kcap = *nkept;

	for (i = from; i < n; i++) {
		char *s = text_squash(lines[i]);
		size_t d = strspn(s, "0123456789");

		/* On the task's first line, a space between ("1 重点任务"). */
		if (d > 0 && d <= 3 && s[d] == ' ' && (unsigned char)s[d + 1] >=
		    0x80) {
			*kept = xgrow(*kept, &kcap, *nkept + 1, sizeof(**kept));
			lines[i] = (*kept)[(*nkept)++] = xasprintf("%.*s.%s",
			    (int)d, s, s + d + 1);
		} else if (plan_lone_number(s) >= 0) {
			for (j = i + 1; j < n && text_blank(lines[j]); j++)
				;
			if (j < n) {
				*kept = xgrow(*kept, &kcap, *nkept + 1,
				    sizeof(**kept));
				lines[j] = (*kept)[(*nkept)++] = xasprintf("%s%s%s",
				    s, text_ends(s, ".") || text_ends(s, "、") ?
				    "" : ".", lines[j]);
				lines[i] += strlen(lines[i]);	/* now blank */
			}
		}
		free(s);
	}
}

/* Lines of data, without CR, as an array of strings that all live in
 * *text, one copy of data (a string each would be 400,000 allocations
 * for a large plan); free both. */
char **
tl_split_lines(const char *data, size_t len, char **text, size_t *n)
{
	char **lines = NULL, *t = *text = xstrndup(data, len);
	size_t cap = 0, i = 0, start = 0;

	*n = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		start = i = 3;	/* UTF-8 BOM */
	for (; i <= len; i++) {
		if (i == len || data[i] == '\n') {
			size_t e = i;

			if (e > start && data[e - 1] == '\r')
				e--;
			t[e] = '\0';
			lines = xgrow(lines, &cap, *n + 1, sizeof(*lines));
			lines[(*n)++] = t + start;
			start = i + 1;
		}
	}
	return lines;
}

/* The table's title: the lines between the annex marker and the header
 * joined (a title may wrap), or without a marker the nearest line above
 * the header. */
char *
tl_title(char **lines, size_t annex, size_t header)
{
	struct buf title = BUF_INIT;
	size_t i;

	for (i = header; i > annex; i--) {
		char *s = text_squash(lines[i - 1]);
		bool skip = *s == '\0' || plan_is_page_number(s);

		if (!skip) {
			/* Lines are met bottom-up: prepend. */
			char *joined = xasprintf("%s%s", s, buf_str(&title));

			buf_reset(&title);
			buf_puts(&title, joined);
			free(joined);
		}
		free(s);
		if (!skip && annex == 0)
			break;
	}
	return buf_steal(&title);
}

/* Whether lines[i] repeats the title or the header at a page's top;
 * the lines it takes (0: it does not). */
size_t
tl_page_top(char **lines, size_t i, size_t n, const char *title)
{
	struct frags line = { NULL, 0, 0 };
	bool yes = false;

	/* Every line of the body is asked: it is cut into cells only when
	 * its characters are the title's. */
	if (*title != '\0' && text_same_ink(lines[i], title)) {
		tl_split_line(&line, lines[i], (int)i + 1, NULL, 0);
		yes = frags_read(&line, title);
		tl_frags_free(&line);
	}
	return yes ? 1 : tl_header(lines, i, n, NULL);
}

/* Whether lines[i] is a page number.  A bare number ("12") is one only
 * where a page ends (a page top, or the end, follows): in a narrow
 * column it may be the first line of a deadline ("10" "月" "份" "前"). */
bool
tl_page_number(char **lines, size_t i, size_t n, const char *title)
{
	const char *s = lines[i] + strspn(lines[i], " \t");
	size_t j;

	if (!plan_is_page_number(s))
		return false;
	if (*s < '0' || *s > '9')
		return true;
	for (j = i + 1; j < n && text_blank(lines[j]); j++)
		;
	return j == n || tl_page_top(lines, j, n, title) > 0;
}
