/* units: the responsible-units cell -> unit names with their roles
 * (README, "Units and roles"). */
#ifndef DEADLINED_UNITS_H
#define DEADLINED_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/role.h"

struct unit_ref {
	const char *name;
	enum role role;
	const char *group;	/* the configured group this unit stands in for the
			 * measure through (conf/recipients.c), else NULL */
};

/* Split text into names with roles.  Returns the count (0 for an empty
 * cell) and a new array in *out, freed with units_free.  A name listed
 * twice is kept once, at its first place. */
size_t units_parse(const char *text, struct unit_ref **out);
void units_free(struct unit_ref *u, size_t n);

/* A row's units as one cell of this grammar, from a plan that gives
 * them in up to three columns: the units cell, then the lead cell's
 * names marked 牵头 and the support cell's marked 配合 (a name the cell
 * itself marks keeps its own role; 负责 and the like give none), as one
 * writing "A牵头；B、C配合" would.  Any may be "". */
char *units_join(const char *units, const char *lead, const char *support);

/* A units cell as typed (Word, Excel, CSV), as one line: a line break,
 * or a space between two names' characters, parts two names and becomes
 * 、 (where no separator, marker or label is there already). */
char *units_typed(const char *cell);

/* A units cell of a PDF or a text file, whose lines wrapping made: its
 * line breaks stay, but one after a line that ends a name (局, 厅, 中心)
 * before one that starts another (省, 市, 各, a place: 青岛市) becomes
 * 、: the cell's writer put each name on a line (units_wrap.c). */
char *units_wrapped(const char *cell);

/* Whether a name of the cell ends in 等 (等单位, 等部门; its role marker
 * may follow: 甲等部门配合): others, not named, share the work
 * (units_parse takes the word off the name). */
bool units_open_ended(const char *cell);

/* Whether a unit's name names no unit in particular: 有关单位, 相关部门,
 * 各有关处室, 其他成员单位 (a plan's "whom it may concern"). */
bool units_vague(const char *name);

/* What a plan says of the order of the names in its units cells, in a
 * note or a header ("排在第一位的为牵头单位", "第一个单位为牵头单位，
 * 其他为配合单位"): the first named leads, and the others support when
 * it says so.  Applied to a cell that marks no role (units_order_apply). */
enum units_order {
	UNITS_ORDER_NONE,
	UNITS_FIRST_LEADS,
	UNITS_FIRST_LEADS_REST_SUPPORT,
};
enum units_order units_order_in(const char *text);
/* Where such a note in brackets ends a units cell (甲，乙，丙
 * （列第一位的为牵头单位）); NULL for none. */
const char *units_order_note(const char *text);
/* Whether order changed the roles of u (a cell that marks none). */
bool units_order_apply(enum units_order order, struct unit_ref *u, size_t n);

/* u written as a units cell that reads back as u: each run of names of
 * one role with its marker, runs parted by ；("甲牵头；乙、丙配合"). */
char *units_write(const struct unit_ref *u, size_t n);

#endif
