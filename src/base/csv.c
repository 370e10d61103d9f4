/* csv: an RFC 4180 reader and writer, and its TSV variant.
 *
 * The reader works on a whole buffer in memory (plans are small) and keeps
 * a line counter that also counts the line breaks inside quoted fields, so
 * that every message names the line a user sees in an editor.  Records end
 * at LF or CRLF; a last record without a line break is accepted, as
 * spreadsheets write it.  TSV (sep '\t') has no quoting: a quote is just a
 * character, and a field cannot hold a tab or a line break.
 */
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

/* Start reading data[0..len) with separator sep, at line 1. */
void
csv_reader_init(struct csv_reader *r, const char *data, size_t len, char sep)
{
	r->p = data;
	r->end = data + len;
	r->sep = sep;
	r->line = 1;
}

/* Drop the fields of a record so it can be filled again. */
static void
record_clear(struct csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		free(rec->fields[i]);
	rec->n = 0;
}

/* Append a field of n bytes at s. */
static void
record_add(struct csv_record *rec, const char *s, size_t n)
{
	rec->fields = xgrow(rec->fields, &rec->cap, rec->n + 1,
	    sizeof(*rec->fields));
	rec->fields[rec->n++] = xstrndup(s, n);
}

/* If p is at a record end (LF, CRLF), return its length, else 0. */
static size_t
eol_len(const char *p, const char *end)
{
	if (p < end && *p == '\n')
		return 1;
	if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
		return 2;
	return 0;
}

/* Read a quoted field starting at the opening quote *pp into b; on
 * return *pp is just past the closing quote.  Returns -1 when the data
 * ends before the closing quote. */
static int
read_quoted(struct csv_reader *r, const char **pp, struct buf *b)
{
	const char *p = *pp + 1, *run = p;

	for (;;) {
		if (p >= r->end)
			return -1;
		if (*p == '"') {
			buf_add(b, run, (size_t)(p - run));
			/* RFC 4180, 2.7: a quote inside is written twice. */
			if (p + 1 < r->end && p[1] == '"') {
				buf_putc(b, '"');
				p += 2;
				run = p;
				continue;
			}
			*pp = p + 1;
			return 0;
		}
		if (*p == '\n')
			r->line++;
		p++;
	}
}

/* Read the next record; see csv.h for the results. */
int
csv_next(struct csv_reader *r, const char *name, struct csv_record *rec,
    struct error *err)
{
	const char *p = r->p, *start;
	struct buf b = BUF_INIT;
	bool quoting = r->sep != '\t';
	int fline;
	size_t n;

	record_clear(rec);
	if (p >= r->end)
		return 0;
	rec->line = r->line;
	for (;;) {
		if (quoting && p < r->end && *p == '"') {
			fline = r->line;
			buf_reset(&b);
			if (read_quoted(r, &p, &b) == -1) {
				error_set(err, EXIT_DATAERR, "%s:%d: quoted "
				    "field not terminated", name, fline);
				goto bad;
			}
			if (p < r->end && *p != r->sep &&
			    eol_len(p, r->end) == 0) {
				error_set(err, EXIT_DATAERR, "%s:%d: text after "
				    "the closing quote of a field", name,
				    r->line);
				goto bad;
			}
			record_add(rec, buf_str(&b), b.len);
		} else {
			start = p;
			while (p < r->end && *p != r->sep &&
			    eol_len(p, r->end) == 0) {
				if (quoting && *p == '"') {
					error_set(err, EXIT_DATAERR, "%s:%d: "
					    "quote inside an unquoted field "
					    "(quote the whole field and double "
					    "the quote)", name, r->line);
					goto bad;
				}
				p++;
			}
			record_add(rec, start, (size_t)(p - start));
		}
		if (p < r->end && *p == r->sep) {
			p++;
			continue;
		}
		/* End of the record: a line break or the end of the data. */
		if ((n = eol_len(p, r->end)) > 0) {
			p += n;
			r->line++;
		}
		break;
	}
	buf_free(&b);
	r->p = p;
	return 1;
bad:
	buf_free(&b);
	record_clear(rec);
	/* Nothing sensible follows a malformed record: stop reading. */
	r->p = r->end;
	return -1;
}

/* Free the fields of a record and its array. */
void
csv_record_free(struct csv_record *rec)
{
	record_clear(rec);
	free(rec->fields);
	rec->fields = NULL;
	rec->cap = 0;
}

/* Append one field; the caller writes the separator between fields. */
void
csv_put_field(struct buf *b, char sep, const char *s)
{
	const char *p;

	if (sep == '\t') {
		/* TSV cannot quote: a tab or line break would split the
		 * field, so it becomes a space. */
		for (p = s; *p != '\0'; p++)
			buf_putc(b, (*p == '\t' || *p == '\r' || *p == '\n') ?
			    ' ' : *p);
		return;
	}
	if (strchr(s, sep) == NULL && strpbrk(s, "\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* End a record: CRLF for CSV (RFC 4180, 2.1), LF for TSV. */
void
csv_end_record(struct buf *b, char sep)
{
	buf_puts(b, sep == '\t' ? "\n" : "\r\n");
}
