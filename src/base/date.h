/* date: proleptic Gregorian calendar dates as day numbers (days since
 * 1970-01-01), so that date arithmetic is integer arithmetic. */
#ifndef DEADLINED_DATE_H
#define DEADLINED_DATE_H

#include <limits.h>
#include <stdbool.h>

/* "No date": the due of a kind that has none. */
#define DATE_NONE INT_MIN

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
bool date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Last day of month m of year y. */
int date_month_end(int y, int m);
/* 0 = Sunday … 6 = Saturday. */
int date_weekday(int day);
/* The first day on or after `day` that is weekday wd (0 = Sunday). */
int date_next_weekday(int day, int wd);
/* The Monday of the week, Monday to Sunday, that holds day. */
int date_monday(int day);
/* "YYYY-MM-DD" into out (at least 11 bytes); "" for DATE_NONE. */
void date_format(int day, char *out);
/* Parse exactly "YYYY-MM-DD". */
bool date_parse(const char *s, int *day);

#endif
