/* planfile: from a file name to a resolved plan.  Checks what every
 * format needs (readable, not empty, not binary, valid UTF-8), picks the
 * reader, and settles the year before deadlines are parsed. */
#include <errno.h>
#include <iconv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Refuse what is not text: empty, binary or not UTF-8. */
static int
check_text(const char *name, const char *data, size_t len, struct error *err)
{
	const char *nul = memchr(data, '\0', len);
	size_t bad, i;

	for (i = 0; i < len && strchr(" \t\r\n", data[i]) != NULL; i++)
		;
	if (i == len)
		return error_set(err, EXIT_DATAERR, "%s: empty file", name);
	if (nul != NULL)
		return error_set(err, EXIT_DATAERR, "%s:%d: binary data (NUL "
		    "byte): not a plan", name, line_of(data, (size_t)(nul - data)));
	if (!utf8_valid(data, len, &bad))
		return error_set(err, EXIT_DATAERR, "%s:%d: invalid UTF-8 (byte "
		    "0x%02x); convert the file to UTF-8 (e.g. iconv -f GB18030)",
		    name, line_of(data, bad), (unsigned char)data[bad]);
	return 0;
}

/* Pick the format from the content: CSV or TSV when the first line is
 * such a header row, else text (whose reader explains what it misses). */
static enum plan_format
detect(const char *data, size_t len)
{
	if (plan_csv_detect(data, len, '\t'))
		return PLAN_TSV;
	if (plan_csv_detect(data, len, ','))
		return PLAN_CSV;
	return PLAN_TEXT;
}

/* A ZIP archive: a Word or an Excel document, by what it holds. */
static int
read_office(const char *name, const char *data, size_t len,
    struct table_doc **d, struct error *err)
{
	struct zipxml z;
	bool word, excel, odf;
	int rc;

	if ((rc = zipxml_open(&z, name, data, len, err)) != 0)
		return rc;
	word = zipxml_has(&z, "word/document.xml");
	excel = zipxml_has(&z, "xl/workbook.xml");
	odf = zipxml_has(&z, "content.xml") && zipxml_has(&z, "mimetype");
	zipxml_close(&z);
	if (word)
		return docx_read(name, data, len, d, err);
	if (excel)
		return xlsx_read(name, data, len, d, err);
	return error_set(err, EXIT_DATAERR, "%s: a ZIP archive that is no "
	    "Word (.docx) or Excel (.xlsx) document%s", name, odf ?
	    " (an OpenDocument file: save it as .docx or .xlsx, or "
	    "soffice --headless --convert-to docx it)" : "");
}

/* The binary formats: read into rows, then interpreted. */
static int
read_document(const char *name, const char *data, size_t len,
    struct plan **p, struct error *err)
{
	struct table_doc *d = NULL;
	int rc;

	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		rc = read_office(name, data, len, &d, err);
	else if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		rc = pdf_read(name, data, len, &d, err);
	else
		rc = convert_read(name, data, len, &d, err);
	if (rc == 0)
		rc = interp_plan(d, p, err);
	table_free(d);
	return rc;
}

static bool
is_document(const char *data, size_t len)
{
	return (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) ||
	    (len >= 5 && memcmp(data, "%PDF-", 5) == 0) ||
	    convert_is_ole(data, len);
}

int
planfile_parse(const char *name, const char *data, size_t len,
    enum plan_format fmt, int year_override, struct plan **out,
    struct error *err)
{
	struct plan *p = NULL;
	int rc;

	*out = NULL;
	size_t bad, glen = 0;
	char *gb = NULL;

	if (fmt == PLAN_AUTO && is_document(data, len))
		rc = read_document(name, data, len, &p, err);
	else if (!utf8_valid(data, len, &bad) && memchr(data, '\0', len) == NULL &&
	    (gb = from_gb18030(data, len, &glen)) != NULL) {
		/* Read as the UTF-8 it stands for. */
		rc = planfile_parse(name, gb, glen, fmt, year_override, out, err);
		free(gb);
		if (rc == 0)
			plan_warn(*out, 0, "read as GB18030 (not UTF-8): check "
			    "the names");
		return rc;
	} else if ((rc = check_text(name, data, len, err)) != 0)
		return rc;
	else {
		if (fmt == PLAN_AUTO)
			fmt = detect(data, len);
		if (fmt == PLAN_TEXT)
			rc = plan_text_parse(name, data, len, &p, err);
		else
			rc = plan_csv_parse(name, data, len, fmt == PLAN_TSV ?
			    '\t' : ',', &p, err);
	}
	if (rc != 0)
		return rc;
	if (year_override != 0)
		p->year = year_override;
	if (p->year == 0) {
		plan_free(p);
		return error_set(err, EXIT_DATAERR, "%s: the plan names no year "
		    "(none in its title); give one with --year", name);
	}
	if (plan_measure_count(p) == 0) {
		plan_free(p);
		return error_set(err, EXIT_DATAERR, "%s: the plan has no measures",
		    name);
	}
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
