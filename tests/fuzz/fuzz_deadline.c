/* fuzz_deadline: libFuzzer target for the deadline grammar: the first two
 * bytes give the plan year (1..9999, the range the store accepts), the
 * rest is the phrase; the result is fed back to deadline_current_due and
 * deadline_occurrence (monthly or quarterly check-ins) on a day around
 * that year (also from the first bytes); and the phrase as a measure's
 * text whose end deadline_in_text reads. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "plan/deadline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deadline dl;
	struct dl_rules rules;
	char *s;
	int year, today;

	if (size < 2)
		return 0;
	year = 1 + (data[0] | data[1] << 8) % 9999;
	s = malloc(size - 1);
	if (s == NULL)
		return 0;
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';
	dl = deadline_parse(s, year);
	(void)deadline_kind_name(dl.kind);
	today = date_from_ymd(year, 1, 1) + (data[0] ^ data[1]) * 3 - 200;
	(void)deadline_current_due(&dl, year, today, NULL);
	(void)deadline_current_due(&dl, year, DATE_NONE, NULL);
	rules = (struct dl_rules){ data[0] & 1 ? 1 : 3, NULL, NULL };
	(void)deadline_occurrence(&dl, year, today, &rules);
	free(deadline_in_text(s, year));
	free(s);
	return 0;
}
