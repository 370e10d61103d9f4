/* units_words: the vocabulary of a units cell besides the names: its
 * punctuation, role markers and suffixes, labels of units and of
 * people, the words of "and others" (等), the levels of government.
 * One home for the words units.c reads with; each list ends with a
 * NULL text. */
#ifndef DEADLINED_UNITS_WORDS_H
#define DEADLINED_UNITS_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "plan/role.h"

/* What a character does to the cell's structure. */
enum units_punct {
	P_NONE,
	P_NAME,		/* ends a name (、) */
	P_GROUP,	/* ends a name and what a role suffix reaches back to */
	P_CLAUSE,	/* ends a name and its clause */
	P_OPEN,		/* brackets protect the separators inside them */
	P_CLOSE,
};

/* What character cp does in a units cell. */
enum units_punct units_punct_of(int32_t cp);
/* Step past the character at *p: what it does, and the depth of the
 * brackets it leaves *depth at (a close without an open changes
 * nothing).  Every walk of a cell counts brackets so. */
enum units_punct units_step(const char **p, const char *end, size_t *depth);

/* A word that gives a role. */
struct role_word {
	const char *text;
	enum role role;
};

/* Role markers after a name (牵头, 配合, in brackets too): they reach back
 * over 、 to the clause's last ，, and a name may follow them at once. */
extern const struct role_word units_markers[];
/* Other words a name may end in that give its role, longer ones first. */
extern const struct role_word units_suffixes[];
/* What may follow a marker in one word with it (牵头组织, 为牵头单位). */
extern const char *const units_marker_tails[];
/* Labels before names, with a colon (牵头单位：甲). */
extern const struct role_word units_labels[];
/* Labels of people, not units (责任领导：张三). */
extern const char *const units_person_labels[];
/* What a name ending in one of these says: and others, unnamed (等). */
extern const char *const units_etc_words[];
/* What a cell says where it names no unit (无, 暂无). */
extern const char *const units_none_words[];
/* text without the names that are words for none, each with the
 * separator before it (甲，无配合单位 is 甲: 配合 there gives 甲 no
 * role); NULL when it has none of them. */
char *units_drop_none(const char *text);
/* Notes in brackets on the names' order (排名不分先后). */
extern const char *const units_order_notes[];
/* How a name ends (局, 厅, 中心) and starts (省, 市, 各): two names on
 * two lines of a PDF's cell. */
extern const char *const units_name_ends[];
extern const char *const units_name_starts[];
/* Marks of a lead, before or after its name (★甲). */
extern const char *const units_lead_marks[];
/* Conjunctions that join two names when a group follows (甲及各市局). */
extern const char *const units_and_words[];

/* A level of government and its rank, higher levels first (省 0, 市 1,
 * 县 and 区 2, 乡镇 3). */
struct units_level {
	const char *name;
	int rank;
};
extern const struct units_level units_levels[];

#endif
