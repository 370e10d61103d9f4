/* deadline_notes: how two readings of one deadline cell go together: a
 * note in brackets beside its date (6月30日（含）前, 年底前（视情况）,
 * 6月底前（暂缓）), an ongoing form beside a date (全年，6月底前完成), one
 * period's reports said twice (按季度，每季度末月25日前).  Part of the
 * deadline grammar (deadline.c), which hands it the reader of a cell. */
#ifndef DEADLINED_DEADLINE_NOTES_H
#define DEADLINED_DEADLINE_NOTES_H

#include <stdbool.h>

#include "plan/deadline_kind.h"

/* How a cell's text is read without its notes, for a plan's year. */
typedef struct deadline (*deadline_cell_reader)(const char *text, int year);

/* One of a and b goes on all year and the other is a date or a
 * period's (全年，每季度报送; 6月底前（持续推进）): the other is the
 * deadline, into *dl; both go on (长期坚持，常抓不懈; 2026年起，持续
 * 推进): the one that starts later.  False when neither goes on. */
bool deadline_beside_ongoing(struct deadline a, struct deadline b,
    struct deadline *dl);
/* Two readings of one period's reports, one saying its day or both
 * none (按季度，每季度末月25日前; 每季度末（3月、6月、9月、12月）): the
 * one with the day, into *dl; false when they are not. */
bool deadline_same_period(struct deadline a, struct deadline b,
    struct deadline *dl);
/* By the end of the day before dl's (7月1日（不含）前, 7月1日0时前): a
 * date's, or a day of every month's but the 1st; else unknown. */
struct deadline deadline_day_before(struct deadline dl);
/* text read by read without its bracketed notes (up to four), when the
 * notes leave one deadline: not another deadline, a time the grammar
 * does not read whole, or a date put aside (暂缓); else unknown. */
struct deadline deadline_without_note(const char *text, int year,
    deadline_cell_reader read);
/* text with the brackets of its notes taken off, when each is a
 * step's stage (9月底前（初验），12月底前（终验）: 初验 and 终验 name
 * them, as a verb would), a new string; NULL when it has none, or one
 * is longer than DEADLINE_STAGE_MAX characters or holds a figure. */
char *deadline_stage_notes(const char *text);
/* text with its notes in square brackets put in round ones (6月底前【已
 * 完成】, 6月底前[暂定], 年底前〔视情况〕), a new string; NULL when it has
 * none. */
char *deadline_round_notes(const char *text);

#endif
