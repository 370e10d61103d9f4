/* docx_numbering: the numbers Word draws before a numbered paragraph
 * (w:numPr, directly or through its paragraph style), which are no text
 * in document.xml but are on the printed page: a 序号 column numbered
 * automatically, a section heading "一、" or a task "（1）".  Read from
 * word/numbering.xml (w:abstractNum levels: w:start, w:numFmt, w:lvlText;
 * w:num instances with w:startOverride) and word/styles.xml (paragraph
 * styles' w:numPr, through w:basedOn); both parts are optional. */
#ifndef DEADLINED_DOCX_NUMBERING_H
#define DEADLINED_DOCX_NUMBERING_H

#include "base/buf.h"
#include "base/util.h"
#include "read/zipxml.h"

struct docx_numbering;

/* The lists of the document in z; an empty set when it has none.
 * EXIT_DATAERR (err set) for a damaged or hostile part. */
int docx_numbering_load(struct zipxml *z, struct docx_numbering **out,
    struct error *err) WARN_UNUSED_RESULT;
void docx_numbering_free(struct docx_numbering *n);

/* A paragraph's number: style is its w:pStyle (NULL: none), num_id and
 * ilvl its own w:numPr (-1 each when absent: the style's then).  Counts
 * the paragraph in its list and appends its label to out ("1.", "一、",
 * "（2）", then a space unless the level says w:suff "nothing"); appends
 * nothing for a paragraph in no list, or a bullet's. */
void docx_numbering_label(struct docx_numbering *n, const char *style,
    int num_id, int ilvl, struct buf *out);

#endif
