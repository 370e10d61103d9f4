/* config: the libconfig configuration file -> struct config, through one
 * declarative option table (name, type, default, help) that serves
 * parsing, defaults, validation and `check-config`. */
#ifndef DEADLINED_CONFIG_H
#define DEADLINED_CONFIG_H

#include "util.h"

#define CONFIG_DEFAULT_PATH "/etc/deadlined/deadlined.conf"

struct config {
	char *path;		/* the file read, NULL for built-in defaults */
	char *database;
	char *timezone;
};

/* Read path, or the built-in defaults when path is NULL.  Errors are
 * "FILE:LINE: message" with EXIT_CONFIG (EXIT_NOINPUT when the file
 * cannot be read). */
int config_load(const char *path, struct config **out, struct error *err) WARN_UNUSED_RESULT;
void config_free(struct config *c);

#endif
