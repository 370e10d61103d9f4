/* parse: the libconfig configuration file -> struct config, through the
 * option table (options.c) and the list readers (lists.c). */
#ifndef DEADLINED_PARSE_H
#define DEADLINED_PARSE_H

#include "base/util.h"
#include "conf/config.h"

/* Read path, or the built-in defaults when path is NULL.  Errors are
 * "FILE:LINE: message" with EXIT_CONFIG (EXIT_NOINPUT when the file
 * cannot be read).  Relative password_file and calendar paths are taken
 * from $CREDENTIALS_DIRECTORY (password) or the config file's directory. */
int config_parse(const char *path, struct config **out, struct error *err) WARN_UNUSED_RESULT;
/* Free c and everything it owns, wiping the secrets first. */
void config_release(struct config *c);

#endif
