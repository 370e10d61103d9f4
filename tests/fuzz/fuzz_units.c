/* fuzz_units: libFuzzer target for the responsible-units cell:
 * units_parse on the input as a string and as a typed cell
 * (units_typed), and units_open_ended. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unit_ref *u = NULL;
	size_t i, n;
	char *s, *typed;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = units_parse(s, &u);
	for (i = 0; i < n; i++) {
		(void)strlen(u[i].name);
		(void)role_label(u[i].role);
	}
	units_free(u, n);
	(void)units_open_ended(s);
	typed = units_typed(s);
	n = units_parse(typed, &u);
	units_free(u, n);
	free(typed);
	free(s);
	return 0;
}
