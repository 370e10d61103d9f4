/* role: the roles a unit has on a measure (units.h), in a header of
 * their own so that the units cell's vocabulary (units_words.h), which
 * units.c reads, need not include units.h. */
#ifndef DEADLINED_ROLE_H
#define DEADLINED_ROLE_H

enum role {
	ROLE_RESPONSIBLE,	/* no marker */
	ROLE_LEAD,		/* 牵头 */
	ROLE_SUPPORT,		/* 配合 */
};

#endif
