/* zipxml: what the Office readers share: a ZIP archive read from memory
 * with bounds (entries, each member's inflated size, the ratio), and XML
 * read as a stream that never loads a DTD, an external entity or the
 * network, and stops at a bounded depth.  A hostile file gets one clear
 * line, not the machine's memory. */
#ifndef DEADLINED_ZIPXML_H
#define DEADLINED_ZIPXML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/util.h"

#define ZIPXML_MAX_ENTRIES 10000
#define ZIPXML_MAX_MEMBER (64u << 20)	/* bytes a member may inflate to */
#define ZIPXML_MAX_TOTAL (256u << 20)	/* bytes all members read may */
#define ZIPXML_MAX_RATIO 200		/* inflated / compressed, beyond 1 MiB */
#define ZIPXML_MAX_DEPTH 100		/* XML element nesting (a Word table
					 * nests a dozen deep) */

struct zipxml {
	const char *name;	/* the file, for messages */
	zip_t *zip;
	size_t total;		/* bytes inflated so far, all members */
};

/* Open the archive in data[0..len).  EXIT_DATAERR with one line when it
 * is no ZIP archive or has too many entries. */
int zipxml_open(struct zipxml *z, const char *name, const char *data,
    size_t len, struct error *err) WARN_UNUSED_RESULT;
void zipxml_close(struct zipxml *z);

/* Whether the archive has a member of that name. */
bool zipxml_has(const struct zipxml *z, const char *member);

/* Inflate member into a new buffer (*out, *len, NUL-terminated), within
 * the bounds: its declared size, then the bytes really inflated (read in
 * chunks, stopping at ZIPXML_MAX_MEMBER, at ZIPXML_MAX_RATIO times its
 * compressed size past a MiB, or when all members read so far pass
 * ZIPXML_MAX_TOTAL).  EXIT_DATAERR naming the member when it is missing
 * (unless optional: then 0 and *out NULL), damaged or too large. */
int zipxml_read(struct zipxml *z, const char *member, bool optional,
    char **out, size_t *len, struct error *err) WARN_UNUSED_RESULT;

/* A streaming reader over xml (from zipxml_read) with the safe options;
 * NULL (and err set) when libxml2 refuses it. */
xmlTextReaderPtr zipxml_reader(struct zipxml *z, const char *member,
    const char *xml, size_t len, struct error *err);

/* Step the reader: 1 at a node, 0 at the end, -1 on an error (err set,
 * naming the member and line: malformed XML, a DOCTYPE, too deep). */
int zipxml_next(struct zipxml *z, const char *member, xmlTextReaderPtr r,
    struct error *err);

/* The local name of the current node ("tc" of "w:tc"), never NULL. */
const char *zipxml_local(xmlTextReaderPtr r);
/* The value of the attribute with that local name (any namespace
 * prefix), a new string, or NULL. */
char *zipxml_attr(xmlTextReaderPtr r, const char *local);

/* An OOXML on/off value (ST_OnOff: "1", "true", "on" and their
 * opposites); an absent one (NULL) is dflt, as an element without
 * w:val means "on". */
bool zipxml_onoff(const char *v, bool dflt);

#endif
