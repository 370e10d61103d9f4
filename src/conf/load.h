/* load: a configuration as the programs use it: the file read
 * (conf/config) with the index of unit names, aliases and groups that
 * resolving needs (conf/recipients) built on top. */
#ifndef DEADLINED_LOAD_H
#define DEADLINED_LOAD_H

#include "base/util.h"
#include "conf/config.h"
#include "conf/parse.h"
#include "plan/deadline.h"

/* Read path (NULL: the built-in defaults) into a new, indexed *out.
 * Errors "FILE:LINE: message" with a sysexits code. */
int config_load(const char *path, struct config **out, struct error *err) WARN_UNUSED_RESULT;
/* Free c, its index and everything it owns, wiping the secrets first. */
void config_free(struct config *c);

/* The rules c gives deadlines' occurrences (plan/deadline.h): its ongoing
 * check-ins, and the working days of its holiday calendar when one is
 * configured (without one, a weekly item is due on Fridays).  The rules
 * point into c, and live as long as it. */
struct dl_rules config_deadline_rules(const struct config *c);

#endif
