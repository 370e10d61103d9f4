/* zone_fixture: what the store's tests share besides the store itself:
 * the zone their dates are read in and a day by its ISO date.  A header
 * of static functions, included by each such test. */
#ifndef DEADLINED_ZONE_FIXTURE_H
#define DEADLINED_ZONE_FIXTURE_H

#include "base/clock.h"
#include "base/date.h"

static int
group_setup(void **state)
{
	(void)state;
	if (!clock_set_zone("Asia/Shanghai"))
		fail_msg("zone Asia/Shanghai is not installed");
	return 0;
}

static int
day(const char *iso)
{
	int d;

	assert_true(date_parse(iso, &d));
	return d;
}

#endif
