/* notice: the names the outbox stores for the stages of a notice, and
 * each stage's level. */
#include <string.h>

#include "base/util.h"
#include "plan/notice.h"

static const char *const stage_names[] = {
	[STAGE_LEAD] = "lead",
	[STAGE_DUE] = "due",
	[STAGE_OVERDUE] = "overdue",
	[STAGE_CHECKIN] = "checkin",
	[STAGE_ESCALATION] = "escalation",
	[STAGE_EXTENSION] = "extension",
	[STAGE_COMPLETION] = "completion",
	[STAGE_APPROVED] = "approved",
	[STAGE_REJECTED] = "rejected",
	[STAGE_CONFIRMED] = "confirmed",
	[STAGE_RETURNED] = "returned",
	[STAGE_REPORT] = "report",
	[STAGE_BEHIND] = "behind",
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

bool
stage_of_request(enum stage s)
{
	switch (s) {
	case STAGE_EXTENSION:
	case STAGE_COMPLETION:
	case STAGE_APPROVED:
	case STAGE_REJECTED:
	case STAGE_CONFIRMED:
	case STAGE_RETURNED:
		return true;
	case STAGE_LEAD:
	case STAGE_DUE:
	case STAGE_OVERDUE:
	case STAGE_CHECKIN:
	case STAGE_ESCALATION:
	case STAGE_REPORT:
	case STAGE_BEHIND:
		break;
	}
	return false;
}

enum level
stage_level(enum stage s)
{
	switch (s) {
	case STAGE_OVERDUE:
		return LEVEL_URGE;
	case STAGE_ESCALATION:
	case STAGE_RETURNED:	/* a completion sent back: work to finish */
	case STAGE_BEHIND:
		return LEVEL_PRESS;
	case STAGE_LEAD:
	case STAGE_DUE:
	case STAGE_CHECKIN:
	case STAGE_EXTENSION:
	case STAGE_COMPLETION:
	case STAGE_APPROVED:
	case STAGE_REJECTED:
	case STAGE_CONFIRMED:
	case STAGE_REPORT:
		break;
	}
	return LEVEL_REMIND;
}

static const struct {
	const char *name, *label;
} levels[] = {
	[LEVEL_REMIND] = { "remind", "提醒" },
	[LEVEL_PRESS] = { "press", "督办" },
	[LEVEL_URGE] = { "urge", "催办" },
};

const char *
level_name(enum level l)
{
	return levels[l].name;
}

const char *
level_label(enum level l)
{
	return levels[l].label;
}

bool
level_from_name(const char *name, enum level *l)
{
	for (size_t i = 0; i < ARRAY_LEN(levels); i++)
		if (strcmp(name, levels[i].name) == 0) {
			*l = (enum level)i;
			return true;
		}
	return false;
}
