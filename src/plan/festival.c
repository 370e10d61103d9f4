/* festival: the festivals a deadline names (春节前, 国庆节前 …) and
 * their days in a year, from the generated table (festivals.c) for the
 * lunar ones. */
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/util.h"
#include "plan/festival.h"
#include "plan/festivals.h"

/* Festivals a deadline may name ("春节前": the day before it). */
enum festival { FEST_NEW_YEAR, FEST_SPRING, FEST_LANTERN, FEST_QINGMING,
    FEST_LABOUR, FEST_DRAGON, FEST_AUTUMN, FEST_NATIONAL, FEST_CHILDREN,
    FEST_PARTY, FEST_ARMY };

static const struct {
	const char *name;
	enum festival f;
} festival_names[] = {
	{ "元旦", FEST_NEW_YEAR }, { "春节", FEST_SPRING },
	{ "元宵节", FEST_LANTERN }, { "元宵", FEST_LANTERN },
	{ "清明节", FEST_QINGMING }, { "清明", FEST_QINGMING },
	{ "五一", FEST_LABOUR }, { "劳动节", FEST_LABOUR },
	{ "五一劳动节", FEST_LABOUR }, { "五一节", FEST_LABOUR },
	{ "端午节", FEST_DRAGON },
	{ "端午", FEST_DRAGON }, { "中秋节", FEST_AUTUMN },
	{ "中秋", FEST_AUTUMN }, { "国庆节", FEST_NATIONAL },
	{ "国庆", FEST_NATIONAL }, { "十一", FEST_NATIONAL },
	{ "正月十五", FEST_LANTERN }, { "六一", FEST_CHILDREN },
	{ "儿童节", FEST_CHILDREN }, { "七一", FEST_PARTY },
	{ "建党节", FEST_PARTY }, { "八一", FEST_ARMY },
	{ "建军节", FEST_ARMY },
	/* Both names at once: 七一建党节前, 五一国际劳动节前. */
	{ "五一国际劳动节", FEST_LABOUR }, { "国际劳动节", FEST_LABOUR },
	{ "十一国庆节", FEST_NATIONAL }, { "十一节", FEST_NATIONAL },
	{ "六一儿童节", FEST_CHILDREN }, { "七一建党节", FEST_PARTY },
	{ "八一建军节", FEST_ARMY },
};

/* The festival's day in year y, or DATE_NONE outside the table's
 * years. */
static int
festival_day(enum festival f, int y)
{
	const struct festival_year *fy;

	switch (f) {
	case FEST_NEW_YEAR:
		return date_from_ymd(y, 1, 1);
	case FEST_LABOUR:
		return date_from_ymd(y, 5, 1);
	case FEST_NATIONAL:
		return date_from_ymd(y, 10, 1);
	case FEST_CHILDREN:
		return date_from_ymd(y, 6, 1);
	case FEST_PARTY:
		return date_from_ymd(y, 7, 1);
	case FEST_ARMY:
		return date_from_ymd(y, 8, 1);
	default:
		break;
	}
	if (y < festival_first || y > festival_last)
		return DATE_NONE;
	fy = &festival_years[y - festival_first];
	switch (f) {
	case FEST_SPRING:
		return date_from_ymd(y, fy->spring_m, fy->spring_d);
	case FEST_LANTERN:	/* the first lunar month's 15th */
		return date_from_ymd(y, fy->spring_m, fy->spring_d) + 14;
	case FEST_QINGMING:
		return fy->qingming_d != 0 ? date_from_ymd(y, 4,
		    fy->qingming_d) : DATE_NONE;
	case FEST_DRAGON:
		return date_from_ymd(y, fy->dragon_m, fy->dragon_d);
	default:
		return date_from_ymd(y, fy->autumn_m, fy->autumn_d);
	}
}

int
festival_eve(const char *s, int year, bool named)
{
	size_t n = strlen(s), k;
	int day, before = 1;

	/* 春节前后, "about the festival": its day. */
	if (text_ends(s, "前后")) {
		n -= strlen("前后");
		before = 0;
	} else if (text_ends(s, "前"))
		n -= strlen("前");
	else
		return DATE_NONE;
	for (k = 0; k < ARRAY_LEN(festival_names); k++) {
		if (strlen(festival_names[k].name) != n ||
		    strncmp(s, festival_names[k].name, n) != 0)
			continue;
		/* 元旦 alone is the one the plan's year runs to. */
		day = festival_day(festival_names[k].f,
		    festival_names[k].f == FEST_NEW_YEAR && !named ? year + 1 :
		    year);
		return day == DATE_NONE ? DATE_NONE : day - before;
	}
	return DATE_NONE;
}
