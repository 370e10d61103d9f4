/* deadline_days: days of every month named one by one (每月15日和月底前,
 * 每月10日、20日、月底前报送): the parts of a month that make a kind of
 * its own, every half month or every ten days.  Part of the deadline
 * grammar (deadline.c). */
#ifndef DEADLINED_DEADLINE_DAYS_H
#define DEADLINED_DEADLINE_DAYS_H

#include <stdbool.h>

#include "plan/deadline_kind.h"

/* s (folded, its lead words gone) as every month's 15th and end
 * (semimonthly) or 10th, 20th and end (tenday) into *dl; false for
 * other days, which no kind keeps (每月5日、25日前: two deadlines a
 * month). */
bool deadline_month_days(const char *s, struct deadline *dl);

#endif
