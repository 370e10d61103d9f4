/* festival: the festivals a deadline may name, by their days. */
#ifndef DEADLINED_FESTIVAL_H
#define DEADLINED_FESTIVAL_H

#include <stdbool.h>

/* "春节前" and the like, folded (text_fold), in year `year`: the day
 * before the festival ("春节前后", about it: its day); DATE_NONE when s
 * is no such text, or the
 * festival's day in that year is beyond the table's years.  元旦 is the
 * one that ends the plan's year, or the first day of a year the text
 * names (`named`: 2027年元旦前, 次年元旦前). */
int festival_eve(const char *s, int year, bool named);

#endif
