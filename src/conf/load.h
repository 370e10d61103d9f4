/* load: a configuration as the programs use it: the file read
 * (conf/config) with the index of unit names, aliases and groups that
 * resolving needs (conf/recipients) built on top. */
#ifndef DEADLINED_LOAD_H
#define DEADLINED_LOAD_H

#include "base/util.h"
#include "conf/config.h"
#include "conf/parse.h"

/* Read path (NULL: the built-in defaults) into a new, indexed *out.
 * Errors "FILE:LINE: message" with a sysexits code. */
int config_load(const char *path, struct config **out, struct error *err) WARN_UNUSED_RESULT;
/* Free c, its index and everything it owns, wiping the secrets first. */
void config_free(struct config *c);

#endif
