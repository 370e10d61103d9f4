/* fuzz_csv: libFuzzer target for CSV and TSV: the record reader on its
 * own (both separators), then planfile_parse as PLAN_CSV and PLAN_TSV. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/csv.h"
#include "plan/plan.h"
#include "read/planfile.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
records(const uint8_t *data, size_t size, char sep)
{
	struct csv_reader r;
	struct csv_record rec;
	struct error err;
	size_t i;

	memset(&rec, 0, sizeof(rec));
	csv_reader_init(&r, (const char *)data, size, sep);
	while (csv_next(&r, "fuzz", &rec, &err) == 1)
		for (i = 0; i < rec.n; i++)	/* touch every field */
			(void)strlen(rec.fields[i]);
	csv_record_free(&rec);
}

static void
plan(const uint8_t *data, size_t size, enum plan_format fmt, int year)
{
	struct plan *p = NULL;
	struct error err;

	if (planfile_parse("fuzz.csv", (const char *)data, size, fmt, year,
	    &p, &err) == 0)
		plan_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	records(data, size, ',');
	records(data, size, '\t');
	plan(data, size, PLAN_CSV, 0);
	plan(data, size, PLAN_TSV, 2021);
	return 0;
}
