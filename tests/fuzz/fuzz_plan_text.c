/* fuzz_plan_text: libFuzzer target for the text importer: planfile_parse
 * on arbitrary bytes as PLAN_TEXT (year from the file and 2021) and
 * PLAN_AUTO (which also exercises format detection). */
#include <stddef.h>
#include <stdint.h>

#include "plan/plan.h"
#include "read/planfile.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
one(const uint8_t *data, size_t size, enum plan_format fmt, int year)
{
	struct plan *p = NULL;
	struct error err;

	if (planfile_parse("fuzz.txt", (const char *)data, size, fmt, year,
	    &p, &err) == 0)
		plan_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, PLAN_TEXT, 0);
	one(data, size, PLAN_TEXT, 2021);
	one(data, size, PLAN_AUTO, 0);
	return 0;
}
