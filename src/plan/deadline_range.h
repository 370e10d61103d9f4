/* deadline_range: a range of months ("5—9月底前", "5月至9月"), of days
 * ("9月1日—15日", "10月1日—12月31日") or of quarters ("三至四季度"):
 * what is due is its end.  Part of the deadline grammar (deadline.c). */
#ifndef DEADLINED_DEADLINE_RANGE_H
#define DEADLINED_DEADLINE_RANGE_H

/* The text to match for s, folded: the range's end (a new string), or
 * NULL when s is no range.  A range names a period, so a bare 前 after a
 * range of months is the period's end, as for quarters ("5—9月前" is by
 * September 30, not "before September"). */
char *deadline_range_end(const char *s);

#endif
