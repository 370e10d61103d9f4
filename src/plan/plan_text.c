/* plan_text: the task table of a work plan, as text extracted from PDF.
 *
 * Extraction keeps each printed line of a cell as a line of text, reads a
 * row's cells in column order (task, measure, units, deadline), and puts
 * cells that share a baseline on one line separated by a space.  So the
 * table arrives as a stream of "fragments" (a line, or the part of a line
 * on one side of such a space) that belong to the columns in order.  The
 * reader cuts that stream back into cells using what the layout
 * guarantees, never particular words:
 *
 *  - a row ends with its deadline, recognised by the deadline grammar (a
 *    deadline broken over two lines is joined); a row whose deadline the
 *    grammar does not know ends where the next row visibly starts;
 *  - a task cell starts with its number ("1." or "1．") and is set in the
 *    narrow first column;
 *  - every line of a cell but its last is full, as wide as its column;
 *    measure lines are the widest in the table;
 *  - measures are sentences ending in "。"; unit lists never contain one.
 *
 * Section rows ("一、…") span the table and stand on a line of their own.
 * Page numbers ("- 8 -") and page-top repetitions of the header are
 * dropped.  Only the annex (after a line "附件") is read: the prose before
 * it repeats the same content in another form. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "plan/deadline.h"
#include "plan/plan_text.h"
#include "base/text.h"

/* One fragment: a line, or one cell's part of a line. */
struct frag {
	char *text;
	int line;
	int width;
	bool line_start;	/* first fragment on its line */
	bool line_end;		/* last fragment on its line */
};

struct frags {
	struct frag *v;
	size_t n, cap;
};

/* Header names of the four columns (README, "Importing plans"). */
static const char *const header_names[4][4] = {
	{ "任务清单", "重点任务", "工作任务", NULL },
	{ "落实举措", "具体措施", "工作措施", NULL },
	{ "责任单位", "牵头单位", "责任部门", NULL },
	{ "完成时间", "完成时限", "时间节点", NULL },
};

/* Column of a header name, or -1. */
static int
header_column(const char *s)
{
	char f[32];	/* more than the longest name: what does not fit is none */
	int c, i;

	if (!text_fold_to(s, f, sizeof(f)))
		return -1;
	for (c = 0; c < 4; c++)
		for (i = 0; header_names[c][i] != NULL; i++)
			if (strcmp(f, header_names[c][i]) == 0)
				return c;
	return -1;
}

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

static bool is_deadline(const char *text);

/* Split one line into fragments at the spaces that separate cells: a run
 * of spaces with a non-ASCII character on both sides, or before a digit
 * or a Latin letter when the rest of the line is a deadline ("标准化科
 * 9月30日前").  Other spaces next to ASCII ("面向 2035 年", "RCEP
 * 成员国") belong to the text. */
static void
split_line(struct frags *out, const char *line, int lineno)
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
		    is_deadline(at))) {
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
	return *s == '\0';
}

static void
frags_free(struct frags *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i].text);
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}



/* Number of the task a fragment starts ("12." "12．" "12、"), with *title
 * pointing past the number; -1 when it does not start one. */
static int
task_number(const char *s, const char **title)
{
	const char *p = s, *rest;
	int no = 0, digits = 0;

	while (*p >= '0' && *p <= '9' && digits <= PLAN_TASK_NO_DIGITS) {
		no = no * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || digits > PLAN_TASK_NO_DIGITS)
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '.')
		rest = p + 1;
	else if (!text_starts(p, "．", &rest) && !text_starts(p, "、", &rest))
		return -1;
	while (*rest == ' ')
		rest++;
	/* "2.5亿" is a number in a sentence, not a task. */
	if (*rest == '\0' || (*rest >= '0' && *rest <= '9'))
		return -1;
	if (title != NULL)
		*title = rest;
	return no;
}

/* A section row: a whole line starting "一、" … "十二、". */
static bool
is_section(const struct frag *f)
{
	size_t n;
	const char *rest;

	if (!f->line_start || !f->line_end || f->text[0] == '\0' ||
	    (unsigned char)f->text[0] < 0x80 || text_number(f->text, &n) <= 0)
		return false;
	return text_starts(f->text + n, "、", &rest) && *rest != '\0';
}

/* Whether the text ends or contains a sentence end (。！？). */
static bool
has_sentence_end(const char *s, bool at_end_only)
{
	static const char *const ends[] = { "。", "！", "？", "!", "?" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(ends); i++)
		if (at_end_only ? text_ends(s, ends[i]) : strstr(s, ends[i]) != NULL)
			return true;
	return false;
}

/* Concatenate fragments [a, b): cells are broken anywhere in Chinese,
 * so lines join without a space, except between two ASCII words. */
static char *
join(const struct frags *fs, size_t a, size_t b)
{
	struct buf out = BUF_INIT;
	unsigned char last, first;

	for (size_t i = a; i < b; i++) {
		const char *t = fs->v[i].text;

		if (out.len > 0 && *t != '\0') {
			last = (unsigned char)out.s[out.len - 1];
			first = (unsigned char)t[0];
			if (last < 0x80 && first < 0x80 && last != ' ' &&
			    ((last | 0x20) >= 'a' && (last | 0x20) <= 'z') &&
			    ((first | 0x20) >= 'a' && (first | 0x20) <= 'z'))
				buf_putc(&out, ' ');
		}
		buf_puts(&out, t);
	}
	return buf_steal(&out);
}

/* Whether text is a deadline the grammar knows. */
static bool
is_deadline(const char *text)
{
	return deadline_parse(text, 2000).kind != DL_UNKNOWN;
}

/* Column widths measured on this document. */
struct layout {
	int task_width;		/* widest first line of a task cell */
	int full_measure;	/* a measure line at least this wide is full */
};

/* Measure the columns: the task column by the numbered first lines of
 * task cells, the measure column by the widest line standing alone on its
 * line (the widest column; sections aside).  A line is full when it comes
 * within three characters of that width: line breaking may leave a line
 * short by a character or an ASCII word. */
static struct layout
measure_layout(const struct frags *fs)
{
	struct layout l = { 0, 0 };
	int widest = 0;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct frag *f = &fs->v[i];

		if (f->line_start && task_number(f->text, NULL) >= 0) {
			if (f->width > l.task_width)
				l.task_width = f->width;
		} else if (f->line_start && f->line_end && !is_section(f) &&
		    f->width > widest)
			widest = f->width;
	}
	if (l.task_width == 0)
		l.task_width = 14;
	l.full_measure = widest > 0 ? widest - 6 : 1000;
	return l;
}

struct reader {
	const char *name;
	struct plan *plan;
	struct frags fs;
	struct layout lay;
	struct plan_task *task;
	char *section;
	int last_no;
	bool after_section;
};

/* Whether fragment i may start task number > last one. */
static bool
starts_task(const struct reader *r, size_t i)
{
	int no = task_number(r->fs.v[i].text, NULL);

	if (no < 0)
		return false;
	/* The first task may have any number; then numbers grow (a small
	 * gap is a typo, not a measure) or restart at 1 under a new
	 * section. */
	return r->task == NULL || (no > r->last_no && no <= r->last_no + 3) ||
	    (no == 1 && r->after_section);
}

/* Where the row starting at fragment i ends: sets [*dl, *dl_end) to its
 * deadline fragments (*dl == *dl_end when there is none).  min: the
 * fragments the row needs before its deadline. */
static void
find_deadline(const struct reader *r, size_t i, size_t min, size_t *dl,
    size_t *dl_end)
{
	const struct frags *fs = &r->fs;
	bool seen_sentence = false;
	size_t j;

	for (j = i; j < fs->n; j++) {
		const struct frag *g = &fs->v[j], *h = j + 1 < fs->n ? &fs->v[j + 1] : NULL;

		if (j > i && g->line_start && (is_section(g) || starts_task(r, j)))
			break;
		if (j - i >= min) {
			/* A deadline broken over two lines ("年底前完" "成"). */
			if (h != NULL && h->line_start && g->line_end &&
			    h->width <= 8) {
				char *both = xasprintf("%s%s", g->text, h->text);
				bool yes = is_deadline(both);

				free(both);
				if (yes) {
					*dl = j;
					*dl_end = j + 2;
					return;
				}
			}
			if (is_deadline(g->text)) {
				*dl = j;
				*dl_end = j + 1;
				return;
			}
			/* An unknown deadline: a short last cell followed by
			 * the full first line of the next measure. */
			if (seen_sentence && g->line_end && g->width <= 16 &&
			    !has_sentence_end(g->text, false) && h != NULL &&
			    h->line_start && h->width >= r->lay.full_measure) {
				*dl = j;
				*dl_end = j + 1;
				return;
			}
		}
		seen_sentence = seen_sentence || has_sentence_end(g->text, false);
	}
	/* The row ends where the next one starts; its last fragment is
	 * the deadline the grammar does not know. */
	*dl = j > i + min ? j - 1 : j;
	*dl_end = j;
}

/* Split the row's cells [a, b) (deadline excluded) into task title
 * [a, *t), measure [*t, *u) and units [*u, b). */
static void
split_row(const struct reader *r, size_t a, size_t b, bool has_title,
    size_t *t, size_t *u)
{
	const struct frags *fs = &r->fs;
	const struct frag *v = fs->v;
	size_t m, last = SIZE_MAX, i;

	*t = a;
	if (has_title) {
		/* The title cell goes on while its lines are full and the
		 * next line is narrow enough for the task column, leaving at
		 * least a measure and a unit line. */
		*t = a + 1;
		while (*t + 3 <= b && v[*t].line_start &&
		    v[*t - 1].width >= r->lay.task_width - 4 &&
		    v[*t].width <= r->lay.task_width + 1)
			(*t)++;
	}
	/* Units never contain a sentence end, and measures end with one:
	 * the measure ends at the last fragment ending a sentence.  (Widths
	 * cannot tell better: a units column may be nearly as wide as the
	 * measures'.) */
	for (i = *t; i < b; i++)
		if (has_sentence_end(v[i].text, false))
			last = i;
	if (last != SIZE_MAX && has_sentence_end(v[last].text, true))
		*u = last + 1;
	else {
		/* No full stop at a line's end: the measure is its full
		 * lines and then its last line, and reaches at least the
		 * last sentence end inside a line. */
		for (m = *t; m + 1 < b && v[m].width >= r->lay.full_measure &&
		    v[m].line_end; m++)
			;
		*u = m + 1;
		if (last != SIZE_MAX && last + 1 > *u)
			*u = last + 1;
	}
	if (*u >= b && b > *t + 1)
		*u = b - 1;
	if (*u > b)
		*u = b;
}

/* Read one row starting at fragment i; returns the next fragment. */
static size_t
read_row(struct reader *r, size_t i)
{
	const struct frags *fs = &r->fs;
	const char *title_rest = NULL;
	size_t dl, dl_end, t = 0, u = 0, min;
	bool has_title = false;
	char *title, *text, *units, *deadline, *full;
	struct plan_measure *m;
	int no;

	if (starts_task(r, i)) {
		has_title = true;
		no = task_number(fs->v[i].text, &title_rest);
		if (r->task != NULL && no != r->last_no + 1 &&
		    !(no == 1 && r->after_section))
			plan_warn(r->plan, fs->v[i].line, "task %d follows task %d",
			    no, r->last_no);
		r->task = plan_add_task(r->plan, no, r->section, "", fs->v[i].line);
		r->last_no = no;
		r->after_section = false;
	} else if (r->task == NULL) {
		plan_warn(r->plan, fs->v[i].line, "text before the first "
		    "numbered task ignored: \"%.60s\"", fs->v[i].text);
		return i + 1;
	}
	min = has_title ? 3 : 2;
	find_deadline(r, i, min, &dl, &dl_end);
	if (dl > i)
		split_row(r, i, dl, has_title, &t, &u);
	if (dl <= i || t >= dl) {
		plan_warn(r->plan, fs->v[i].line, "incomplete row ignored: "
		    "\"%.60s\"", fs->v[i].text);
		return dl_end > i ? dl_end : i + 1;
	}
	if (has_title) {
		full = join(fs, i, t);
		task_number(full, &title_rest);
		title = text_squash(title_rest);
		free(r->task->title);
		r->task->title = title;
		free(full);
	}
	text = join(fs, t, u);
	units = join(fs, u, dl);
	deadline = join(fs, dl, dl_end);
	m = plan_add_measure(r->task, text, deadline, units, fs->v[t].line);
	m->deadline_line = fs->v[dl < dl_end ? dl : dl - 1].line;
	free(text);
	free(units);
	free(deadline);
	return dl_end;
}

/* Read the rows of the table body. */
static void
read_body(struct reader *r)
{
	size_t i = 0;

	r->lay = measure_layout(&r->fs);
	while (i < r->fs.n) {
		const struct frag *f = &r->fs.v[i];

		if (is_section(f)) {
			free(r->section);
			r->after_section = true;
			/* A section row too long for one line goes on until
			 * the numbered task under it. */
			if (i + 2 < r->fs.n && r->fs.v[i + 1].line_end &&
			    !starts_task(r, i + 1) && starts_task(r, i + 2)) {
				r->section = join(&r->fs, i, i + 2);
				i += 2;
			} else {
				r->section = xstrdup(f->text);
				i++;
			}
			continue;
		}
		i = read_row(r, i);
	}
}

/* A header row: a line whose fragments are all column names, naming at
 * least three of the four columns. */
static bool
is_header(const struct frags *line)
{
	int seen[4] = { 0, 0, 0, 0 }, c, count = 0;

	if (line->n == 0)
		return false;
	for (size_t i = 0; i < line->n; i++) {
		if ((c = header_column(line->v[i].text)) < 0)
			return false;
		count += !seen[c]++;
	}
	return count >= 3;
}

/* Lines of data, without CR, as an array of strings that all live in
 * *text, one copy of data (a string each would be 400,000 allocations
 * for a large plan); free both. */
static char **
split_lines(const char *data, size_t len, char **text, size_t *n)
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

/* Year named in s ("2021 年…"), or 0. */
static int
year_in(const char *s)
{
	char *f = text_fold(s);
	const char *p;
	int year = 0;

	for (p = f; *p != '\0' && year == 0; p++)
		if (p[0] >= '1' && p[0] <= '2' && strspn(p, "0123456789") == 4 &&
		    (p == f || p[-1] < '0' || p[-1] > '9') &&
		    text_starts(p + 4, "年", NULL))
			year = atoi(p) ;
	free(f);
	return year;
}

/* The table's title: the text between the annex marker and the header,
 * or without a marker the nearest line above the header. */
static char *
find_title(char **lines, size_t annex, size_t header)
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

int
plan_text_parse(const char *name, const char *data, size_t len,
    struct plan **out, struct error *err)
{
	struct reader r;
	size_t n, i, annex = 0, header = SIZE_MAX, first_text = SIZE_MAX;
	char *text, **lines = split_lines(data, len, &text, &n);
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.name = name;
	*out = NULL;
	for (i = 0; i < n; i++) {
		if (first_text == SIZE_MAX && lines[i][strspn(lines[i], " \t")] != '\0')
			first_text = i;
		if (plan_is_annex(lines[i])) {
			annex = i + 1;
			break;
		}
	}
	for (i = annex; i < n && header == SIZE_MAX; i++) {
		struct frags line = { NULL, 0, 0 };

		split_line(&line, lines[i], (int)i + 1);
		if (is_header(&line))
			header = i;
		frags_free(&line);
	}
	if (header == SIZE_MAX) {
		rc = annex > 0 ?
		    error_set(err, EXIT_DATAERR, "%s:%zu: no task table in the "
		    "annex: no header row naming its columns (任务清单 落实举措 "
		    "责任单位 完成时间)", name, annex) :
		    error_set(err, EXIT_DATAERR, "%s: no task table found: no "
		    "header row naming its columns (任务清单 落实举措 责任单位 "
		    "完成时间)", name);
		goto out;
	}

	r.plan = plan_new(name);
	free(r.plan->title);
	r.plan->title = find_title(lines, annex, header);
	r.plan->year = year_in(r.plan->title);
	if (r.plan->year == 0 && first_text != SIZE_MAX)
		r.plan->year = year_in(lines[first_text]);

	/* The table's lines, without page numbers and without the title and
	 * the header repeated at the top of a page.  (A page number is one
	 * whatever the spaces: folding drops them.) */
	for (i = header + 1; i < n; i++) {
		size_t first = r.fs.n;
		struct frags line;

		if (plan_is_page_number(lines[i]))
			continue;
		split_line(&r.fs, lines[i], (int)i + 1);
		if (r.fs.n == first)
			continue;	/* a blank line */
		line = (struct frags){ r.fs.v + first, r.fs.n - first, 0 };
		if (frags_read(&line, r.plan->title) || is_header(&line)) {
			while (r.fs.n > first)
				free(r.fs.v[--r.fs.n].text);
		}
	}
	read_body(&r);
	if (plan_measure_count(r.plan) == 0) {
		rc = error_set(err, EXIT_DATAERR, "%s:%zu: the task table has no "
		    "measures", name, header + 1);
		plan_free(r.plan);
		goto out;
	}
	*out = r.plan;
out:
	frags_free(&r.fs);
	free(r.section);
	free(lines);
	free(text);
	return rc;
}
