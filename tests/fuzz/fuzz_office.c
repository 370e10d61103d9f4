/* fuzz_office: libFuzzer target for the Word and Excel readers (ZIP and
 * XML from untrusted files) and the interpreter behind them: the input
 * is read as a .docx and as a .xlsx, and whatever rows come out are
 * interpreted as a plan. */
#include <stddef.h>
#include <stdint.h>

#include "plan/interp.h"
#include "plan/plan.h"
#include "read/docx.h"
#include "read/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
interpret(struct table_doc *d)
{
	struct plan *p = NULL;
	struct error err;

	if (interp_plan(d, &p, &err) == 0) {
		plan_resolve(p);
		plan_free(p);
	}
	table_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table_doc *d = NULL;
	struct error err;

	if (docx_read("fuzz.docx", (const char *)data, size, &d, &err) == 0)
		interpret(d);
	if (xlsx_read("fuzz.xlsx", (const char *)data, size, &d, &err) == 0)
		interpret(d);
	return 0;
}
