/* load: config_parse, then the names index; the one place that puts the
 * two together, so that the reader knows nothing of resolving.  Also
 * what a loaded configuration gives the deadline grammar (its rules). */
#include <stddef.h>

#include "conf/load.h"
#include "conf/recipients.h"

int
config_load(const char *path, struct config **out, struct error *err)
{
	int rc = config_parse(path, out, err);

	if (rc == 0)
		recipients_index(*out);
	return rc;
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	recipients_unindex(c);
	config_release(c);
}

/* calendar_is_workday for struct dl_rules: arg is the configuration. */
static bool
config_is_workday(const void *arg, int day)
{
	const struct config *c = arg;

	return calendar_is_workday(c->calendar, &c->schedule.window, day);
}

struct dl_rules
config_deadline_rules(const struct config *c)
{
	return (struct dl_rules){ ongoing_months(c->schedule.ongoing),
	    c->calendar != NULL ? config_is_workday : NULL, c };
}
