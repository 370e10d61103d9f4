/* role: the roles a unit has on a measure (units.h) and their names, in
 * a header of their own so that the units cell's vocabulary
 * (units_words.h), which units.c reads, need not include units.h. */
#ifndef DEADLINED_ROLE_H
#define DEADLINED_ROLE_H

#include <stdbool.h>

enum role {
	ROLE_RESPONSIBLE,	/* no marker */
	ROLE_LEAD,		/* 牵头 */
	ROLE_SUPPORT,		/* 配合 */
};

/* The role as plans write it: 牵头, 配合, or 负责 for a unit without a
 * marker. */
const char *role_label(enum role role);

/* Whether role a is stronger than b: lead, then responsible, then
 * support. */
bool role_stronger(enum role a, enum role b);

/* "responsible", "lead", "support". */
const char *role_name(enum role role);
bool role_from_name(const char *name, enum role *role);

#endif
