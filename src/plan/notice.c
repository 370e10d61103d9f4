/* notice: the names the outbox stores for the stages of a notice. */
#include <string.h>

#include "base/util.h"
#include "plan/notice.h"

static const char *const stage_names[] = {
	[STAGE_LEAD] = "lead",
	[STAGE_DUE] = "due",
	[STAGE_OVERDUE] = "overdue",
	[STAGE_CHECKIN] = "checkin",
	[STAGE_ESCALATION] = "escalation",
};

const char *
stage_name(enum stage s)
{
	return (size_t)s < ARRAY_LEN(stage_names) ? stage_names[s] : "unknown";
}

bool
stage_from_name(const char *name, enum stage *s)
{
	for (size_t i = 0; i < ARRAY_LEN(stage_names); i++)
		if (strcmp(name, stage_names[i]) == 0) {
			*s = (enum stage)i;
			return true;
		}
	return false;
}
