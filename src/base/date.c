/* date: civil dates <-> day numbers (Howard Hinnant's algorithms, valid
 * for the whole proleptic Gregorian calendar). */
#include <stdio.h>
#include <string.h>

#include "base/date.h"

int
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && leap);
}

bool
date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= date_days_in_month(y, m);
}

int
date_month_end(int y, int m)
{
	return date_from_ymd(y, m, date_days_in_month(y, m));
}

int
date_weekday(int day)
{
	/* 1970-01-01 was a Thursday (4). */
	return ((day % 7) + 7 + 4) % 7;
}

int
date_next_weekday(int day, int wd)
{
	return day + (wd - date_weekday(day) + 7) % 7;
}

int
date_monday(int day)
{
	return day - (date_weekday(day) + 6) % 7;
}

void
date_format(int day, char *out)
{
	int y, m, d;

	if (day == DATE_NONE) {
		out[0] = '\0';
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

bool
date_parse(const char *s, int *day)
{
	int y, m, d, i;

	/* Digits where digits belong: %d alone would also take a sign or
	 * leading blanks ("2021-+6-03", "2021- 6-03"). */
	if (strlen(s) != 10)
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (s[4] != '-' || s[7] != '-')
		return false;
	/* By hand: a pass reads a million stored dates, and sscanf was the
	 * most of its time. */
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!date_valid(y, m, d))
		return false;
	*day = date_from_ymd(y, m, d);
	return true;
}
