/* planfile: from a file name to a resolved plan.  Picks the reader by
 * the content through one table of formats (a test and a reader each),
 * checks what text formats need (not empty, no NUL, UTF-8 or GB18030),
 * has the interpreter read the rows as a plan, and settles the year
 * before deadlines are parsed. */
#include <errno.h>
#include <iconv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>


#include "base/buf.h"
#include "base/digest.h"
#include "base/text.h"
#include "plan/interp.h"
#include "plan/plan_csv.h"
#include "plan/plan_text.h"
#include "read/convert.h"
#include "read/docx.h"
#include "read/pdf.h"
#include "read/planfile.h"
#include "read/xlsx.h"
#include "read/zipxml.h"

/* Plans are a few hundred kilobytes; refuse what cannot be one. */
#define PLANFILE_MAX (64u << 20)

bool
plan_format_from_name(const char *name, enum plan_format *fmt)
{
	static const struct { const char *name; enum plan_format fmt; } names[] = {
		{ "auto", PLAN_AUTO }, { "text", PLAN_TEXT },
		{ "csv", PLAN_CSV }, { "tsv", PLAN_TSV },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(name, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return true;
		}
	return false;
}

/* Line number (1-based) of byte offset off. */
static int
line_of(const char *data, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		line += data[i] == '\n';
	return line;
}

/* Data that is not UTF-8 but is GB18030 (which includes GBK and GB2312:
 * what Excel and WPS save as "CSV" on a Chinese Windows), as a new UTF-8
 * string; NULL when it is not that either. */
static char *
from_gb18030(const char *data, size_t len, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = len * 2 + 16, left = cap;
	char *out, *o, *in = (char *)data;
	size_t inleft = len;

	if (cd == (iconv_t)-1)
		return NULL;
	out = o = xcalloc(cap + 1, 1);
	if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1 || inleft != 0) {
		free(out);
		out = NULL;
	} else
		*outlen = cap - left;
	iconv_close(cd);
	return out;
}

/* Make data text a reader can take: not empty, no NUL, UTF-8 (GB18030
 * is converted into *conv, and *gb set). */
static int
check_text(const char *name, const char **data, size_t *len, char **conv,
    bool *gb, struct error *err)
{
	const char *nul = memchr(*data, '\0', *len);
	size_t bad, i, glen = 0;

	for (i = 0; i < *len && strchr(" \t\r\n", (*data)[i]) != NULL; i++)
		;
	if (i == *len)
		return error_set(err, EXIT_DATAERR, "%s: empty file", name);
	if (nul != NULL)
		return error_set(err, EXIT_DATAERR, "%s:%d: binary data (NUL "
		    "byte): not a plan (a text, CSV, Word, Excel or PDF file)",
		    name, line_of(*data, (size_t)(nul - *data)));
	if (utf8_valid(*data, *len, &bad))
		return 0;
	if ((*conv = from_gb18030(*data, *len, &glen)) != NULL) {
		*data = *conv;
		*len = glen;
		*gb = true;
		return 0;
	}
	return error_set(err, EXIT_DATAERR, "%s:%d: invalid UTF-8 (byte "
	    "0x%02x); convert the file to UTF-8 (e.g. iconv -f GB18030)",
	    name, line_of(*data, bad), (unsigned char)(*data)[bad]);
}

/* A ZIP archive: a Word or an Excel document, by what it holds. */
static int
read_zip(const char *name, const char *data, size_t len,
    struct table_doc **d, struct error *err)
{
	struct zipxml z;
	bool word, excel, odt = false, ods = false, ofd;
	char *mime = NULL;
	size_t mlen;
	int rc;

	if ((rc = zipxml_open(&z, name, data, len, err)) != 0)
		return rc;
	word = zipxml_has(&z, "word/document.xml");
	excel = zipxml_has(&z, "xl/workbook.xml");
	ofd = zipxml_has(&z, "OFD.xml");
	/* An OpenDocument file says what it is in its first member. */
	if (!word && !excel && zipxml_has(&z, "content.xml") &&
	    zipxml_read(&z, "mimetype", true, &mime, &mlen, err) == 0 &&
	    mime != NULL) {
		odt = strcmp(mime, "application/vnd.oasis.opendocument.text") == 0;
		ods = strcmp(mime,
		    "application/vnd.oasis.opendocument.spreadsheet") == 0;
	}
	free(mime);
	zipxml_close(&z);
	if (word)
		return docx_read(name, data, len, d, err);
	if (excel)
		return xlsx_read(name, data, len, d, err);
	if (odt || ods)
		return convert_odf(name, data, len, ods, d, err);
	return error_set(err, EXIT_DATAERR, "%s: a ZIP archive that is no "
	    "Word (.docx), Excel (.xlsx) or OpenDocument (.odt, .ods) "
	    "document%s", name, ofd ? " (an OFD document: export it as PDF)" :
	    "");
}

static int
read_csv(const char *name, const char *data, size_t len,
    struct table_doc **d, struct error *err)
{
	return plan_csv_read(name, data, len, ',', d, err);
}

static int
read_tsv(const char *name, const char *data, size_t len,
    struct table_doc **d, struct error *err)
{
	return plan_csv_read(name, data, len, '\t', d, err);
}

static bool
is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

static bool
is_pdf(const char *data, size_t len)
{
	return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

static bool
is_tsv(const char *data, size_t len)
{
	return plan_csv_detect(data, len, '\t');
}

static bool
is_csv(const char *data, size_t len)
{
	return plan_csv_detect(data, len, ',');
}

static bool
is_any(const char *data, size_t len)
{
	(void)data;
	(void)len;
	return true;
}

/* The formats, each a test of the content and a reader of rows for the
 * interpreter, tried in order: binary formats by their first bytes, then
 * (on text: UTF-8, or GB18030 converted) the text ones, plain text last
 * (its reader says what it misses).  A format is one row here. */
static const struct format {
	const char *name;
	enum plan_format fmt;		/* its --format, PLAN_AUTO if none */
	bool text;			/* read as text, checked first */
	bool (*test)(const char *data, size_t len);
	int (*read)(const char *name, const char *data, size_t len,
	    struct table_doc **out, struct error *err);
} formats[] = {
	{ "Word or Excel", PLAN_AUTO, false, is_zip, read_zip },
	{ "PDF", PLAN_AUTO, false, is_pdf, pdf_read },
	{ "legacy Office", PLAN_AUTO, false, convert_is_ole, convert_read },
	{ "TSV", PLAN_TSV, true, is_tsv, read_tsv },
	{ "CSV", PLAN_CSV, true, is_csv, read_csv },
	{ "text", PLAN_TEXT, true, is_any, plan_text_read },
};

/* Files that are no plan in any format we read, by their first bytes:
 * what they are, and what to do. */
static const struct other {
	const char *magic;
	size_t len;
	const char *what, *hint;
} others[] = {
	{ "\x89PNG", 4, "a PNG image", "a scan needs OCR first" },
	{ "\xFF\xD8\xFF", 3, "a JPEG image", "a scan needs OCR first" },
	{ "II*\0", 4, "a TIFF image", "a scan needs OCR first" },
	{ "MM\0*", 4, "a TIFF image", "a scan needs OCR first" },
	{ "GIF8", 4, "a GIF image", NULL },
	{ "\x1F\x8B", 2, "a gzip archive", "unpack it first" },
	{ "7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive", "unpack it first" },
	{ "Rar!", 4, "a RAR archive", "unpack it first" },
	{ "{\\rtf", 5, "an RTF document", "save it as .docx" },
	{ "%!PS", 4, "a PostScript file", "convert it to PDF (ps2pdf)" },
	{ "\x7F" "ELF", 4, "a program", NULL },
	{ "<html", 5, "an HTML page", "save its table as .xlsx, or print it "
	    "to PDF" },
	{ "<!doctype html", 14, "an HTML page", "save its table as .xlsx, "
	    "or print it to PDF" },
};

/* XML files that office programs save, by a mark near their start (the
 * magic is the mark), and any other XML file. */
static const struct other xml_others[] = {
	{ "<office:document", 0, "a flat OpenDocument file (.fodt, .fods)",
	    "save it as .odt or .ods (or .docx, .xlsx)" },
	{ "progid=\"Word.Document\"", 0, "a Word 2003 XML document",
	    "save it as .docx" },
	{ "progid=\"Excel.Sheet\"", 0, "an Excel 2003 XML spreadsheet",
	    "save it as .xlsx" },
	{ "", 0, "an XML file", NULL },
};

/* How far into an XML file its mark is looked for: past the
 * declaration and the processing instructions before the root. */
#define XML_HEAD 4096

/* What data is when it is none of our formats, or NULL. */
static const struct other *
looks_like(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	char *head;
	size_t i;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && strchr(" \t\r\n", *p) != NULL)
		p++;
	for (i = 0; i < ARRAY_LEN(others); i++)
		if ((size_t)(end - p) >= others[i].len &&
		    strncasecmp(p, others[i].magic, others[i].len) == 0)
			return &others[i];
	if ((size_t)(end - p) < 5 || strncmp(p, "<?xml", 5) != 0)
		return NULL;
	head = xstrndup(p, (size_t)(end - p) < XML_HEAD ? (size_t)(end - p) :
	    XML_HEAD);
	for (i = 0; strstr(head, xml_others[i].magic) == NULL; i++)
		;
	free(head);
	return &xml_others[i];
}

/* The rows of the file, by the reader of its format. */
static int
read_rows(const char *name, const char *data, size_t len, enum plan_format fmt,
    struct table_doc **d, bool *gb, struct error *err)
{
	const struct format *f = NULL;
	const struct other *o;
	char *conv = NULL;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_LEN(formats) && f == NULL; i++)
		if (fmt == PLAN_AUTO ? !formats[i].text &&
		    formats[i].test(data, len) : formats[i].fmt == fmt)
			f = &formats[i];
	if (f == NULL && (o = looks_like(data, len)) != NULL)
		return error_set(err, EXIT_DATAERR, "%s: %s, not a plan file%s%s",
		    name, o->what, o->hint != NULL ? ": " : "",
		    o->hint != NULL ? o->hint : "");
	if (f == NULL || f->text) {
		if ((rc = check_text(name, &data, &len, &conv, gb, err)) != 0)
			return rc;
		for (i = 0; i < ARRAY_LEN(formats) && f == NULL; i++)
			if (formats[i].text && formats[i].test(data, len))
				f = &formats[i];
	}
	rc = f->read(name, data, len, d, err);
	free(conv);
	return rc;
}

int
planfile_parse(const char *name, const char *data, size_t len,
    enum plan_format fmt, int year_override, struct plan **out,
    struct error *err)
{
	struct table_doc *d = NULL;
	struct plan *p = NULL;
	bool gb = false;
	int rc;

	*out = NULL;
	if ((rc = read_rows(name, data, len, fmt, &d, &gb, err)) == 0)
		rc = interp_plan(d, &p, err);
	table_free(d);
	if (rc != 0)
		return rc;
	if (gb)
		plan_warn(p, 0, "read as GB18030 (not UTF-8): check the names");
	if (year_override != 0)
		p->year = year_override;
	if (p->year == 0) {
		plan_free(p);
		return error_set(err, EXIT_DATAERR, "%s: the plan names no year "
		    "(none in its title); give one with --year", name);
	}
	plan_number_through(p);
	plan_resolve(p);
	*out = p;
	return 0;
}

/* Read the whole file into memory. */
static int
slurp(const char *path, char **data, size_t *len, struct error *err)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	struct stat st;
	ssize_t n;
	int fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return error_set(err, EXIT_NOINPUT, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return error_set(err, EXIT_NOINPUT, "%s: is a directory", path);
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = error_set(err, EXIT_IOERR, "%s: %s", path, strerror(errno));
			break;
		}
		if (b.len + (size_t)n > PLANFILE_MAX) {
			rc = error_set(err, EXIT_DATAERR, "%s: larger than %u MiB: "
			    "not a plan", path, PLANFILE_MAX >> 20);
			break;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*data = buf_steal(&b);
	if (rc != 0) {
		free(*data);
		*data = NULL;
	}
	return rc;
}

int
planfile_read(const char *path, enum plan_format fmt, int year_override,
    struct plan **out, char *hash, struct error *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = slurp(path, &data, &len, err)) != 0)
		return rc;
	if (hash != NULL)
		digest_sha256_hex(data, len, hash);
	rc = planfile_parse(path, data, len, fmt, year_override, out, err);
	free(data);
	return rc;
}
