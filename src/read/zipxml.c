/* zipxml: bounded ZIP members (libzip) and safe streaming XML (libxml2's
 * xmlReader) for the Office readers.  The bounds are checked on what is
 * really inflated, not on what the archive declares: a member read in
 * chunks stops at the limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "read/zipxml.h"

int
zipxml_open(struct zipxml *z, const char *name, const char *data, size_t len,
    struct error *err)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_int64_t n;

	memset(z, 0, sizeof(*z));
	z->name = name;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (z->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		int rc = error_set(err, EXIT_DATAERR, "%s: not a readable ZIP "
		    "archive (%s): a .docx or .xlsx file is one", name,
		    zip_error_strerror(&ze));

		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	if ((n = zip_get_num_entries(z->zip, 0)) > ZIPXML_MAX_ENTRIES) {
		zipxml_close(z);
		return error_set(err, EXIT_DATAERR, "%s: %lld entries in the "
		    "archive (more than %d): refusing it", name, (long long)n,
		    ZIPXML_MAX_ENTRIES);
	}
	return 0;
}

void
zipxml_close(struct zipxml *z)
{
	if (z->zip != NULL)
		zip_discard(z->zip);
	z->zip = NULL;
}

bool
zipxml_has(const struct zipxml *z, const char *member)
{
	return zip_name_locate(z->zip, member, 0) >= 0;
}

/* Whether b bytes inflated from comp compressed ones look like a bomb:
 * past a MiB, more than RATIO times the compressed size. */
static bool
too_dense(size_t b, zip_uint64_t comp)
{
	return b > (1u << 20) && b / (comp + 1) > ZIPXML_MAX_RATIO;
}

int
zipxml_read(struct zipxml *z, const char *member, bool optional, char **out,
    size_t *len, struct error *err)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	zip_stat_t st;
	zip_uint64_t comp;
	zip_file_t *f;
	zip_int64_t n;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if (zip_stat(z->zip, member, 0, &st) != 0) {
		if (optional)
			return 0;
		return error_set(err, EXIT_DATAERR, "%s: no %s in the archive",
		    z->name, member);
	}
	comp = st.valid & ZIP_STAT_COMP_SIZE ? st.comp_size : 0;
	/* What the archive declares is checked first; what really inflates
	 * is checked below, since a forged header may declare anything. */
	if ((st.valid & ZIP_STAT_SIZE) && (st.size > ZIPXML_MAX_MEMBER ||
	    too_dense(st.size, comp)))
		return error_set(err, EXIT_DATAERR, "%s: %s: declares %llu MiB "
		    "(ratio %llu): refusing a possible zip bomb", z->name, member,
		    (unsigned long long)(st.size >> 20),
		    (unsigned long long)(st.size / (comp + 1)));
	if ((f = zip_fopen(z->zip, member, 0)) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: %s: %s", z->name,
		    member, zip_strerror(z->zip));
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		buf_add(&b, chunk, (size_t)n);
		if (b.len > ZIPXML_MAX_MEMBER || too_dense(b.len, comp)) {
			rc = error_set(err, EXIT_DATAERR, "%s: %s: expands beyond "
			    "%zu MiB (ratio %zu): refusing a possible zip bomb",
			    z->name, member, b.len >> 20,
			    (size_t)(b.len / (comp + 1)));
			break;
		}
		if (z->total + b.len > ZIPXML_MAX_TOTAL) {
			rc = error_set(err, EXIT_DATAERR, "%s: %s: the members "
			    "read expand beyond %u MiB in all: refusing a possible "
			    "zip bomb", z->name, member, ZIPXML_MAX_TOTAL >> 20);
			break;
		}
	}
	if (rc == 0 && n < 0)
		rc = error_set(err, EXIT_DATAERR, "%s: %s: damaged (%s)",
		    z->name, member, zip_file_strerror(f));
	zip_fclose(f);
	if (rc != 0) {
		buf_free(&b);
		return rc;
	}
	z->total += b.len;
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

/* libxml2's messages are for the console; ours go through err. */
static void
quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

xmlTextReaderPtr
zipxml_reader(struct zipxml *z, const char *member, const char *xml,
    size_t len, struct error *err)
{
	xmlTextReaderPtr r;

	/* Office documents have no DTD: one that does is refused before
	 * anything is parsed (an entity bomb, an external entity). */
	if (memmem(xml, len, "<!DOCTYPE", 9) != NULL) {
		error_set(err, EXIT_DATAERR, "%s: %s: a DOCTYPE (DTD) in an "
		    "Office document: refusing it (entities are not expanded)",
		    z->name, member);
		return NULL;
	}
	/* No network, no entity substitution (XML_PARSE_NOENT is not
	 * given), no DTD loaded or validated, no huge-text relaxation. */
	r = xmlReaderForMemory(xml, (int)len, member, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
	if (r == NULL) {
		error_set(err, EXIT_DATAERR, "%s: %s: not XML", z->name, member);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(r, quiet, NULL);
	return r;
}

int
zipxml_next(struct zipxml *z, const char *member, xmlTextReaderPtr r,
    struct error *err)
{
	int rc = xmlTextReaderRead(r);

	if (rc < 0) {
		const xmlError *e = xmlGetLastError();

		error_set(err, EXIT_DATAERR, "%s: %s:%d: malformed XML%s%s",
		    z->name, member, e != NULL ? e->line : 0,
		    e != NULL && e->message != NULL ? ": " : "",
		    e != NULL && e->message != NULL ? e->message : "");
		/* One line: libxml2's messages end in a newline. */
		err->msg[strcspn(err->msg, "\n")] = '\0';
		return -1;
	}
	if (rc == 0)
		return 0;
	if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		error_set(err, EXIT_DATAERR, "%s: %s: a DOCTYPE (DTD) in an "
		    "Office document: refusing it (entities are not expanded)",
		    z->name, member);
		return -1;
	}
	if (xmlTextReaderDepth(r) > ZIPXML_MAX_DEPTH) {
		error_set(err, EXIT_DATAERR, "%s: %s: XML nested deeper than "
		    "%d: refusing it", z->name, member, ZIPXML_MAX_DEPTH);
		return -1;
	}
	return 1;
}

const char *
zipxml_local(xmlTextReaderPtr r)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);

	return n != NULL ? (const char *)n : "";
}

char *
zipxml_attr(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (strcmp(zipxml_local(r), local) == 0) {
			const xmlChar *s = xmlTextReaderConstValue(r);

			v = xstrdup(s != NULL ? (const char *)s : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

bool
zipxml_onoff(const char *v, bool dflt)
{
	if (v == NULL)
		return dflt;
	return strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0;
}
