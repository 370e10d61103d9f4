/* fuzz_docx: libFuzzer target for the Word reader and the interpreter
 * behind it.  The input is read as a .docx (the ZIP archive and what is
 * in it), then as word/document.xml wrapped in an archive (fuzz_zip.h),
 * so that mutations reach the XML reader; whatever rows come out are
 * interpreted as a plan.  The seeds (tests/fuzz/corpus/docx) are
 * documents python3-docx and LibreOffice wrote and their document.xml
 * alone. */
#include <stddef.h>
#include <stdint.h>

#include "plan/interp.h"
#include "plan/plan.h"
#include "read/docx.h"
#include "fuzz_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
read_docx(const char *data, size_t size)
{
	struct table_doc *d = NULL;
	struct plan *p = NULL;
	struct error err;

	if (docx_read("fuzz.docx", data, size, &d, &err) != 0)
		return;
	if (interp_plan(d, &p, &err) == 0) {
		plan_resolve(p);
		plan_free(p);
	}
	table_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = { "word/document.xml" };
	const char *datas[] = { (const char *)data };
	size_t lens[] = { size }, len;
	char *zip;

	read_docx((const char *)data, size);
	if ((zip = fuzz_zip(names, datas, lens, 1, &len)) != NULL) {
		read_docx(zip, len);
		free(zip);
	}
	return 0;
}
