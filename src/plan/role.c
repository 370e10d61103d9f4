/* role: what a unit's role on a measure is called, as stored and
 * exported and as plans write it (role.h). */
#include <stdbool.h>
#include <string.h>

#include "base/util.h"
#include "plan/role.h"

static const char *const role_names[] = {
	[ROLE_RESPONSIBLE] = "responsible",
	[ROLE_LEAD] = "lead",
	[ROLE_SUPPORT] = "support",
};

bool
role_stronger(enum role a, enum role b)
{
	static const int rank[] = {
		[ROLE_SUPPORT] = 0, [ROLE_RESPONSIBLE] = 1, [ROLE_LEAD] = 2,
	};

	return rank[a] > rank[b];
}

/* The name of a role, as stored and exported. */
const char *
role_name(enum role role)
{
	if ((size_t)role >= ARRAY_LEN(role_names))
		return "responsible";
	return role_names[role];
}

/* The role a stored name stands for; false for an unknown name. */
bool
role_from_name(const char *name, enum role *role)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(role_names); i++) {
		if (strcmp(name, role_names[i]) == 0) {
			*role = (enum role)i;
			return true;
		}
	}
	return false;
}

const char *
role_label(enum role role)
{
	switch (role) {
	case ROLE_LEAD:
		return "牵头";
	case ROLE_SUPPORT:
		return "配合";
	default:
		return "负责";
	}
}
