/* ledger_write: the ledger's three file forms from one table of columns
 * (store/ledger.c): CSV and JSON into a buffer, XLSX through
 * libxlsxwriter (a frozen header, a filter, widths that fit Chinese
 * text, the state coloured, dates as Excel dates, and the 按单位 sheet of
 * each unit's figures). */
#include <sys/stat.h>

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "store/ledger.h"
#include "base/clock.h"
#include "base/csv.h"
#include "base/date.h"
#include "base/json.h"
#include "base/text.h"

/* libxlsxwriter is opened when a workbook is first written, not linked:
 * it brings OpenSSL's libcrypto, 1.7 MB of an idle daemon's memory, for
 * /ledger.xlsx and deadlinectl ledger alone.  Each call's type is the
 * header's own (__typeof__), so a prototype cannot be mistyped here. */
#define LXW_SONAME "libxlsxwriter.so.4"
#define LXW_CALLS(X) X(workbook_new_opt) X(workbook_add_format) \
	X(workbook_add_worksheet) X(workbook_close) X(format_set_bold) \
	X(format_set_bg_color) X(format_set_font_color) \
	X(format_set_num_format) X(worksheet_write_string) \
	X(worksheet_write_number) X(worksheet_write_datetime) \
	X(worksheet_set_column) X(worksheet_freeze_panes) \
	X(worksheet_autofilter) X(lxw_strerror)
#define LXW_POINTER(f) __typeof__(f) *f;
static struct {
	LXW_CALLS(LXW_POINTER)
} lxw;
static char lxw_why[256];	/* why it could not be opened; "" once open */
static pthread_once_t lxw_once = PTHREAD_ONCE_INIT;

/* libxlsxwriter 1.1.4 deflates each part of a workbook at zlib's default
 * level (6) and has no option for it; for a large ledger that is half of
 * its time.  Its calls into minizip resolve through the process's global
 * scope first, where the function below stands (the binaries export it:
 * Makefile), so the level is chosen here.  A 340,000-row ledger (make
 * bench) took 3.09 s at 6, 2.62 s at 5 (2 % larger: 6 follows hash chains
 * four times as long through the rows' repeated XML) and 2.26 s at 3,
 * the last level of zlib's fast strategy (18 % larger): a supervisor
 * waits for the file, and a mail carries 16 MB as well as 14.  The real
 * function is minizip's, found through libxlsxwriter's own dependencies.
 * The prototype is minizip 1.1's (zip.h), whose types (voidp, uInt,
 * uLong) are these. */
#define ZIP_OPEN_ENTRY "zipOpenNewFileInZip4_64"
#define ZIP_LEVEL 3
#define ZIP_INTERNALERROR (-104)
int zipOpenNewFileInZip4_64(void *file, const char *name, const void *info,
    const void *local_extra, unsigned local_extra_len,
    const void *global_extra, unsigned global_extra_len, const char *comment,
    int method, int level, int raw, int window_bits, int mem_level,
    int strategy, const char *password, unsigned long crc,
    unsigned long version_made_by, unsigned long flag_base, int zip64);
static __typeof__(zipOpenNewFileInZip4_64) *zip_open_entry;

int
zipOpenNewFileInZip4_64(void *file, const char *name, const void *info,
    const void *local_extra, unsigned local_extra_len,
    const void *global_extra, unsigned global_extra_len, const char *comment,
    int method, int level, int raw, int window_bits, int mem_level,
    int strategy, const char *password, unsigned long crc,
    unsigned long version_made_by, unsigned long flag_base, int zip64)
{
	if (zip_open_entry == NULL)
		return ZIP_INTERNALERROR;
	if (level != 0)		/* 0 is "stored", asked for on purpose */
		level = ZIP_LEVEL;
	return zip_open_entry(file, name, info, local_extra, local_extra_len,
	    global_extra, global_extra_len, comment, method, level, raw,
	    window_bits, mem_level, strategy, password, crc, version_made_by,
	    flag_base, zip64);
}

static void
lxw_open(void)
{
	void *h = dlopen(LXW_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (h == NULL) {
		e = dlerror();
		snprintf(lxw_why, sizeof(lxw_why), "%s", e != NULL ? e :
		    LXW_SONAME);
		return;
	}
#define LXW_LOOKUP(f) \
	if (lxw_why[0] == '\0' && (*(void **)&lxw.f = dlsym(h, #f)) == NULL) \
		snprintf(lxw_why, sizeof(lxw_why), "%s: no %s", LXW_SONAME, #f);
	LXW_CALLS(LXW_LOOKUP)
	*(void **)&zip_open_entry = dlsym(h, ZIP_OPEN_ENTRY);
}

/* Whether libxlsxwriter could be opened (err says why not). */
static bool
lxw_ready(struct error *err)
{
	(void)pthread_once(&lxw_once, lxw_open);
	if (lxw_why[0] == '\0')
		return true;
	error_set(err, EXIT_UNAVAILABLE, "cannot write a workbook: %s "
	    "(Debian: apt install libxlsxwriter4)", lxw_why);
	return false;
}

/* The 按单位 sheet's columns; JSON's members are the second names. */
static const struct ledger_column unit_columns[] = {
	{ "单位", "unit" }, { "事项", "items" }, { "按期完成", "done_on_time" },
	{ "逾期完成", "done_late" }, { "已逾期", "overdue" },
	{ "未完成未逾期", "open" }, { "截至报告日应完成", "due_by_report_date" },
	{ "按期完成率", "on_time_rate" }, { "已确认", "acknowledged" },
	{ "未确认", "never_acknowledged" },
	{ "确认用时中位数(工作日)", "ack_median_workdays" },
	{ "进展应报", "reports_due" }, { "进展按时", "reports_on_time" },
};
/* The rate's column: a per cent, in XLSX the exact fraction. */
#define UNIT_COL_RATE 7
#define UNIT_NFIGURES (ARRAY_LEN(unit_columns) - 1)

/* A value as CSV and JSON write it: dates YYYY-MM-DD, times ISO 8601
 * with the zone's offset.  NULL for an empty cell. */
static const char *
value_text(const struct ledger_value *v, char *out, size_t len)
{
	switch (v->kind) {
	case LV_EMPTY:
		return NULL;
	case LV_TEXT:
		return v->text;
	case LV_INT:
		snprintf(out, len, "%lld", v->i);
		return out;
	case LV_DATE:
		date_format(v->day, out);
		return out;
	case LV_TIME:
		clock_format(v->t, out, len);
		return out;
	}
	return NULL;
}

/* The unit figures of u in unit_columns' order (the first, its name,
 * left out); -1 for none: the rate when nothing was due, the median when
 * nothing was answered, the reports when they are off. */
static void
unit_figures(const struct ledger *l, const struct ledger_unit *u, double *f)
{
	f[0] = (double)u->items;
	f[1] = (double)u->done_ontime;
	f[2] = (double)u->done_late;
	f[3] = (double)u->overdue;
	f[4] = (double)u->open;
	f[5] = (double)u->due_by;
	f[6] = ledger_ontime_rate(u);
	f[7] = (double)u->acked;
	f[8] = (double)u->unacked;
	f[9] = u->ack_median;
	f[10] = l->reports ? (double)u->reports_due : -1;
	f[11] = l->reports ? (double)u->reports_ontime : -1;
}

/* One unit's members after "unit": the figures, null for none. */
static void
unit_json(struct buf *b, const struct ledger *l, const struct ledger_unit *u)
{
	double f[UNIT_NFIGURES];

	unit_figures(l, u, f);
	buf_printf(b, "\"%s\": ", unit_columns[0].key);
	json_put_str(b, u->name);
	for (size_t k = 1; k < ARRAY_LEN(unit_columns); k++)
		if (f[k - 1] < 0)
			buf_printf(b, ", \"%s\": null", unit_columns[k].key);
		else
			buf_printf(b, ", \"%s\": %g", unit_columns[k].key,
			    f[k - 1]);
}

void
ledger_write_csv(struct buf *b, const struct ledger *l)
{
	char scratch[64], text[40];
	struct ledger_value v;
	size_t i, k;

	for (k = 0; k < LEDGER_NCOLUMNS; k++) {
		if (k > 0)
			buf_putc(b, ',');
		csv_put_field(b, ',', ledger_columns[k].label);
	}
	csv_end_record(b, ',');
	for (i = 0; i < l->nrows; i++) {
		for (k = 0; k < LEDGER_NCOLUMNS; k++) {
			const char *s;

			ledger_value(&l->rows[i], k, scratch, &v);
			s = value_text(&v, text, sizeof(text));
			if (k > 0)
				buf_putc(b, ',');
			csv_put_field(b, ',', s != NULL ? s : "");
		}
		csv_end_record(b, ',');
	}
}

void
ledger_write_json(struct buf *b, const struct ledger *l)
{
	char scratch[64], text[40];
	struct ledger_value v;
	size_t i, k;

	date_format(l->today, text);
	buf_printf(b, "{\"report_date\": \"%s\",\n\"rows\": [", text);
	for (i = 0; i < l->nrows; i++) {
		buf_puts(b, i > 0 ? ",\n {" : "\n {");
		for (k = 0; k < LEDGER_NCOLUMNS; k++) {
			ledger_value(&l->rows[i], k, scratch, &v);
			buf_printf(b, "%s\"%s\": ", k > 0 ? ", " : "",
			    ledger_columns[k].key);
			if (v.kind == LV_INT)
				buf_printf(b, "%lld", v.i);
			else
				json_put_str(b, value_text(&v, text, sizeof(text)));
		}
		buf_printf(b, ", \"state_name\": \"%s\"}",
		    ledger_state_name(l->rows[i].state));
	}
	buf_puts(b, l->nrows > 0 ? "\n],\n\"units\": [" : "],\n\"units\": [");
	for (i = 0; i < l->nunits; i++) {
		buf_puts(b, i > 0 ? ",\n {" : "\n {");
		unit_json(b, l, &l->units[i]);
		buf_puts(b, "}");
	}
	buf_puts(b, l->nunits > 0 ? "\n]}\n" : "]}\n");
}

/* A date as a JSON member's value: "YYYY-MM-DD" or null. */
static void
date_json(struct buf *b, const char *key, int day)
{
	char text[11];

	date_format(day, text);
	if (day == DATE_NONE)
		buf_printf(b, "\"%s\": null", key);
	else
		buf_printf(b, "\"%s\": \"%s\"", key, text);
}

void
ledger_write_scores_json(struct buf *b, const struct ledger *l)
{
	size_t *order = xcalloc(l->nunits + 1, sizeof(*order)), i;

	ledger_units_order(l, false, order);
	buf_putc(b, '{');
	date_json(b, "report_date", l->today);
	buf_puts(b, ", ");
	date_json(b, "from", l->from);
	buf_puts(b, ", ");
	date_json(b, "to", l->to);
	buf_puts(b, ",\n\"units\": [");
	for (i = 0; i < l->nunits; i++) {
		buf_puts(b, i > 0 ? ",\n {" : "\n {");
		unit_json(b, l, &l->units[order[i]]);
		buf_puts(b, "}");
	}
	buf_puts(b, l->nunits > 0 ? "\n]}\n" : "]}\n");
	free(order);
}

/* s padded with spaces to w columns (CJK characters two each). */
static void
put_padded(struct buf *b, const char *s, int w)
{
	buf_puts(b, s);
	for (int k = text_width(s); k < w; k++)
		buf_putc(b, ' ');
}

/* One column of the scores table: a gap, then CELL padded to its width. */
static void
put_column(struct buf *b, const char *cell)
{
	buf_puts(b, "  ");
	put_padded(b, cell, 8);
}

/* V then SUFFIX in CELL, or "-" for a figure that does not apply
 * (negative). */
static const char *
figure(char cell[static 40], double v, const char *suffix)
{
	if (v < 0)
		return "-";
	snprintf(cell, 40, "%g%s", v, suffix);
	return cell;
}

void
ledger_write_scores_text(struct buf *b, const struct ledger *l)
{
	static const char *const head[] = { "事项", "按期", "逾期完成",
	    "已逾期", "未完成", "应完成", "按期率", "确认中位", "未确认",
	    "进展按时" };
	size_t *order = xcalloc(l->nunits + 1, sizeof(*order)), i, k;
	int w = text_width("单位");
	char t[11], u[11], cell[40];

	ledger_units_order(l, false, order);
	date_format(l->from, t);
	date_format(l->to, u);
	buf_printf(b, "考评 %s 至 %s（报告日 ", l->from != DATE_NONE ? t : "…",
	    l->to != DATE_NONE ? u : "…");
	date_format(l->today, t);
	buf_printf(b, "%s）\n", t);
	for (i = 0; i < l->nunits; i++)
		if (text_width(l->units[i].name) > w)
			w = text_width(l->units[i].name);
	put_padded(b, "单位", w);
	for (k = 0; k < ARRAY_LEN(head); k++)
		put_column(b, head[k]);
	buf_putc(b, '\n');
	for (i = 0; i < l->nunits; i++) {
		const struct ledger_unit *x = &l->units[order[i]];
		double f[UNIT_NFIGURES];

		unit_figures(l, x, f);
		put_padded(b, x->name, w);
		for (k = 0; k < 6; k++)
			put_column(b, figure(cell, f[k], ""));
		put_column(b, figure(cell, f[6], "%"));
		put_column(b, figure(cell, f[9], ""));
		put_column(b, figure(cell, f[8], ""));
		if (f[10] < 0)
			snprintf(cell, sizeof(cell), "-");
		else
			snprintf(cell, sizeof(cell), "%g/%g", f[11], f[10]);
		buf_printf(b, "  %s\n", cell);
	}
	free(order);
}

/* ---- XLSX -------------------------------------------------------------------- */

#define WIDTH_MAX	60	/* characters of the widest column */

struct book {
	lxw_workbook *wb;
	lxw_format *head, *date, *time, *pct, *state[LEDGER_NSTATES];
};

static void
book_formats(struct book *bk)
{
	bk->head = lxw.workbook_add_format(bk->wb);
	lxw.format_set_bold(bk->head);
	lxw.format_set_bg_color(bk->head, 0xD9D9D9);
	bk->date = lxw.workbook_add_format(bk->wb);
	lxw.format_set_num_format(bk->date, "yyyy-mm-dd");
	bk->time = lxw.workbook_add_format(bk->wb);
	lxw.format_set_num_format(bk->time, "yyyy-mm-dd hh:mm");
	bk->pct = lxw.workbook_add_format(bk->wb);
	lxw.format_set_num_format(bk->pct, "0%");
	for (size_t i = 0; i < LEDGER_NSTATES; i++) {
		bk->state[i] = lxw.workbook_add_format(bk->wb);
		lxw.format_set_bg_color(bk->state[i], ledger_state_colour(i)->fill);
		lxw.format_set_font_color(bk->state[i], ledger_state_colour(i)->font);
	}
}

static void
day_to_lxw(int day, lxw_datetime *d)
{
	memset(d, 0, sizeof(*d));
	date_to_ymd(day, &d->year, &d->month, &d->day);
}

/* The instant in the configured zone, as Excel keeps times (no zone). */
static void
time_to_lxw(time_t t, lxw_datetime *d)
{
	struct tm tm;

	localtime_r(&t, &tm);
	*d = (lxw_datetime){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec };
}

/* The display width of value v of column k, a CJK character counting
 * two; last[k] the text last measured there (a measure's rows share
 * their texts: each is measured once). */
static int
value_width(const struct ledger_value *v, size_t k, const char *scratch,
    const char **last, int sofar)
{
	switch (v->kind) {
	case LV_TEXT:
		if (sofar >= WIDTH_MAX || v->text == last[k])
			return 0;
		if (v->text != scratch)
			last[k] = v->text;
		return text_width(v->text);
	case LV_INT:
		return 8;
	case LV_DATE:
		return 10;
	case LV_TIME:
		return 16;
	case LV_EMPTY:
		break;
	}
	return 0;
}

/* The rows under a header, and the columns as wide as their texts (up
 * to WIDTH_MAX), set after the rows: libxlsxwriter writes the widths when
 * it closes the book, in constant-memory mode too. */
static lxw_error
write_rows(lxw_worksheet *ws, const struct ledger *l, const struct book *bk)
{
	const char *last[LEDGER_NCOLUMNS] = { NULL };
	int w[LEDGER_NCOLUMNS], n;
	char scratch[64];
	struct ledger_value v;
	lxw_datetime d;
	lxw_error e = LXW_NO_ERROR;
	size_t i, k;

	for (k = 0; k < LEDGER_NCOLUMNS && e == LXW_NO_ERROR; k++) {
		w[k] = text_width(ledger_columns[k].label);
		e = lxw.worksheet_write_string(ws, 0, (lxw_col_t)k,
		    ledger_columns[k].label, bk->head);
	}
	for (i = 0; i < l->nrows && e == LXW_NO_ERROR; i++) {
		const struct ledger_row *r = &l->rows[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		for (k = 0; k < LEDGER_NCOLUMNS && e == LXW_NO_ERROR; k++) {
			ledger_value(r, k, scratch, &v);
			if ((n = value_width(&v, k, scratch, last, w[k])) > w[k])
				w[k] = n;
			switch (v.kind) {
			case LV_EMPTY:
				break;
			case LV_TEXT:
				e = lxw.worksheet_write_string(ws, row, (lxw_col_t)k,
				    v.text, k == LEDGER_COL_STATE ?
				    bk->state[r->state] : NULL);
				break;
			case LV_INT:
				e = lxw.worksheet_write_number(ws, row, (lxw_col_t)k,
				    (double)v.i, NULL);
				break;
			case LV_DATE:
				day_to_lxw(v.day, &d);
				e = lxw.worksheet_write_datetime(ws, row, (lxw_col_t)k,
				    &d, bk->date);
				break;
			case LV_TIME:
				time_to_lxw(v.t, &d);
				e = lxw.worksheet_write_datetime(ws, row, (lxw_col_t)k,
				    &d, bk->time);
				break;
			}
		}
	}
	for (k = 0; k < LEDGER_NCOLUMNS && e == LXW_NO_ERROR; k++)
		e = lxw.worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
		    (w[k] > WIDTH_MAX ? WIDTH_MAX : w[k]) + 2, NULL);
	return e;
}

static lxw_error
write_units(lxw_worksheet *ws, const struct ledger *l, const struct book *bk)
{
	double f[UNIT_NFIGURES];
	lxw_error e = LXW_NO_ERROR;
	int w = text_width(unit_columns[0].label);
	size_t i, k;

	for (k = 0; k < ARRAY_LEN(unit_columns) && e == LXW_NO_ERROR; k++) {
		e = lxw.worksheet_write_string(ws, 0, (lxw_col_t)k,
		    unit_columns[k].label, bk->head);
		if (k > 0)
			lxw.worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
			    text_width(unit_columns[k].label) + 2, NULL);
	}
	for (i = 0; i < l->nunits; i++)
		if (text_width(l->units[i].name) > w)
			w = text_width(l->units[i].name);
	lxw.worksheet_set_column(ws, 0, 0, (w > WIDTH_MAX ? WIDTH_MAX : w) + 2, NULL);
	lxw.worksheet_freeze_panes(ws, 1, 0);
	lxw.worksheet_autofilter(ws, 0, 0, (lxw_row_t)l->nunits,
	    (lxw_col_t)(ARRAY_LEN(unit_columns) - 1));
	for (i = 0; i < l->nunits && e == LXW_NO_ERROR; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);

		unit_figures(l, &l->units[i], f);
		e = lxw.worksheet_write_string(ws, row, 0, l->units[i].name, NULL);
		for (k = 1; k < ARRAY_LEN(unit_columns) && e == LXW_NO_ERROR; k++)
			if (k == UNIT_COL_RATE && f[k - 1] >= 0)
				/* The rate as a fraction shown in per
				 * cent, exact. */
				e = lxw.worksheet_write_number(ws, row,
				    (lxw_col_t)k, (double)l->units[i].due_ontime /
				    (double)l->units[i].due_by, bk->pct);
			else if (f[k - 1] >= 0)
				e = lxw.worksheet_write_number(ws, row,
				    (lxw_col_t)k, f[k - 1], NULL);
	}
	return e;
}

int
ledger_write_xlsx(const struct ledger *l, const char *path,
    const char *tmpdir, struct error *err)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE,
	    .tmpdir = (char *)tmpdir };
	lxw_worksheet *rows, *units;
	struct book bk = { 0 };
	lxw_error e;

	if (!lxw_ready(err))
		return err->code;
	if ((bk.wb = lxw.workbook_new_opt(path, &opts)) == NULL)
		return error_set(err, EXIT_CANTCREAT, "%s: cannot create the "
		    "workbook", path);
	book_formats(&bk);
	rows = lxw.workbook_add_worksheet(bk.wb, "台账");
	units = lxw.workbook_add_worksheet(bk.wb, "按单位");
	lxw.worksheet_freeze_panes(rows, 1, 0);
	lxw.worksheet_autofilter(rows, 0, 0, (lxw_row_t)l->nrows,
	    (lxw_col_t)(LEDGER_NCOLUMNS - 1));
	e = write_rows(rows, l, &bk);
	if (e == LXW_NO_ERROR)
		e = write_units(units, l, &bk);
	if (e != LXW_NO_ERROR) {
		lxw.workbook_close(bk.wb);
		return error_set(err, EXIT_SOFTWARE, "%s: %s", path,
		    lxw.lxw_strerror(e));
	}
	if ((e = lxw.workbook_close(bk.wb)) != LXW_NO_ERROR)
		return error_set(err, EXIT_CANTCREAT, "%s: %s", path,
		    lxw.lxw_strerror(e));
	return 0;
}

int
ledger_xlsx_bytes(const struct ledger *l, size_t max, struct buf *out,
    struct error *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX], path[PATH_MAX + 16];
	struct stat sb;
	FILE *f = NULL;
	int rc;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/deadlined-ledger.XXXXXX",
	    tmp) >= sizeof(dir) || mkdtemp(dir) == NULL)
		return error_set(err, EXIT_CANTCREAT, "%s: cannot make a "
		    "private directory: %s", tmp, strerror(errno));
	snprintf(path, sizeof(path), "%s/ledger.xlsx", dir);
	rc = ledger_write_xlsx(l, path, dir, err);
	if (rc == 0 && ((f = fopen(path, "rb")) == NULL ||
	    fstat(fileno(f), &sb) != 0))
		rc = error_set(err, EXIT_IOERR, "%s: %s", path, strerror(errno));
	else if (rc == 0 && (size_t)sb.st_size > max)
		rc = error_set(err, EXIT_SOFTWARE, "ledger: the workbook has "
		    "%lld bytes, more than %zu", (long long)sb.st_size, max);
	while (rc == 0) {
		char chunk[65536];
		size_t got = fread(chunk, 1, sizeof(chunk), f);

		buf_add(out, chunk, got);
		if (got < sizeof(chunk)) {
			if (ferror(f))
				rc = error_set(err, EXIT_IOERR, "%s: %s", path,
				    strerror(errno));
			break;
		}
	}
	if (f != NULL)
		fclose(f);
	(void)unlink(path);
	(void)rmdir(dir);
	return rc;
}
