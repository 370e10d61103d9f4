/* deadline_kind: the names of the kinds of deadline (deadline_kind.h). */
#include <string.h>

#include "base/util.h"
#include "plan/deadline_kind.h"

static const char *const kind_names[] = {
	[DL_DATE] = "date",
	[DL_ONGOING] = "ongoing",
	[DL_MONTHLY] = "monthly",
	[DL_QUARTERLY] = "quarterly",
	[DL_SEMIANNUAL] = "semiannual",
	[DL_WEEKLY] = "weekly",
	[DL_BIMONTHLY] = "bimonthly",
	[DL_BIWEEKLY] = "biweekly",
	[DL_SEMIMONTHLY] = "semimonthly",
	[DL_TENDAY] = "tenday",
	[DL_UNKNOWN] = "unknown",
};

/* The name of a kind, as stored and exported. */
const char *
deadline_kind_name(enum dl_kind kind)
{
	if ((size_t)kind >= ARRAY_LEN(kind_names) || kind_names[kind] == NULL)
		return "unknown";
	return kind_names[kind];
}

/* The kind a stored name stands for; false for an unknown name. */
bool
deadline_kind_from_name(const char *name, enum dl_kind *kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(kind_names); i++) {
		if (kind_names[i] != NULL && strcmp(name, kind_names[i]) == 0) {
			*kind = (enum dl_kind)i;
			return true;
		}
	}
	return false;
}
