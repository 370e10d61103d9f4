/* load: config_parse, then the names index; the one place that puts the
 * two together, so that the reader knows nothing of resolving. */
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
