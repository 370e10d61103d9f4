/* text_lines: the lines of a PDF task table's extracted text, cut into
 * fragments and told apart (header, page top, page number, title), for
 * the text reader (plan_text.c) alone. */
#ifndef DEADLINED_TEXT_LINES_H
#define DEADLINED_TEXT_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include "plan/columns.h"

/* One fragment: a line, or one cell's part of a line. */
struct frag {
	char *text;
	int line;
	int width;
	bool line_start;	/* first fragment on its line */
	bool line_end;		/* last fragment on its line */
	bool after_break;	/* the first after a page break */
};

struct frags {
	struct frag *v;
	size_t n, cap;
};

/* The four columns, in the order extraction gives a row's cells. */
enum part { P_TASK, P_MEASURE, P_UNITS, P_DEADLINE, P_COUNT };

/* The column each part is (plan/columns). */
extern const enum col part_col[P_COUNT];

/* The most lines a wrapped header name or deadline is read over. */
#define MAX_PIECES 8
/* A wrapped piece of a deadline or of a header name is this narrow. */
#define PIECE_WIDTH 12

/* The header's column names as read, one per role. */
struct header {
	char *name[P_COUNT];
	int line;
	bool numbered;		/* a 序号 column first */
};

/* Whether text is a deadline the grammar knows. */
bool tl_is_deadline(const char *text);

/* Split one line (line number lineno) into fragments appended to out:
 * cells that share a line are parted by a space between two Chinese
 * characters, or before a deadline (one that may wrap onto the lines
 * next[0..nnext)). */
void tl_split_line(struct frags *out, const char *line, int lineno,
    char *const *next, size_t nnext);
void tl_frags_free(struct frags *fs);
/* The text of fragments [a, b) joined as one cell's lines. */
char *tl_join(const struct frags *fs, size_t a, size_t b);

/* The lines of data (a BOM and CRs dropped) as strings living in *text,
 * one copy of data; free both. */
char **tl_split_lines(const char *data, size_t len, char **text, size_t *n);
/* Put LibreOffice's displaced curly quotes back into their lines; the
 * mended lines are new strings added to *kept (free them). */
void tl_mend_quotes(char **lines, size_t n, char ***kept, size_t *nkept);
/* Under a header with a 序号 column, put each number alone on its line
 * ("1." over "稳定粮食播", as `pdftotext -raw` gives the column) before
 * the line after it, and write one a space parts from the task's first
 * line ("1 稳定粮食播") as "1.", as a task cell's own number: new
 * strings added to *kept. */
void tl_join_numbers(char **lines, size_t from, size_t n, char ***kept,
    size_t *nkept);
/* The number of lines the header row starting at lines[i] takes (0: it
 * is none); its names into h when not NULL (free with tl_header_free). */
size_t tl_header(char **lines, size_t i, size_t n, struct header *h);
void tl_header_free(struct header *h);
/* The table's title: the lines between the annex marker (line annex,
 * 0 for none) and the header joined, or the nearest line above it. */
char *tl_title(char **lines, size_t annex, size_t header);
/* The lines a page-top repetition of the title or the header at lines[i]
 * takes (0: none there). */
size_t tl_page_top(char **lines, size_t i, size_t n, const char *title);
/* Whether lines[i] is a page number (a bare number only where a page
 * ends). */
bool tl_page_number(char **lines, size_t i, size_t n, const char *title);

#endif
