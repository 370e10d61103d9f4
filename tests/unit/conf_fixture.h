/* conf_fixture: a unit test's configuration file, written into its
 * scratch folder (testdir.h), then loaded expecting success, with
 * config_load's message when it fails.  A header of static functions,
 * included by each test that loads a file. */
#ifndef DEADLINED_CONF_FIXTURE_H
#define DEADLINED_CONF_FIXTURE_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/compiler.h"
#include "conf/load.h"

/* The file at path with printf's fmt and its arguments. */
static inline void PRINTF_LIKE(2, 3)
conf_write(const char *path, const char *fmt, ...)
{
	FILE *fp = fopen(path, "w");
	va_list ap;

	assert_non_null(fp);
	va_start(ap, fmt);
	assert_true(vfprintf(fp, fmt, ap) >= 0);
	va_end(ap);
	assert_int_equal(fclose(fp), 0);
}

static inline struct config *
conf_load_ok(const char *path)
{
	struct config *c = NULL;
	struct error err;
	int rc;

	memset(&err, 0, sizeof(err));
	if ((rc = config_load(path, &c, &err)) != 0)
		print_error("config_load: %s: %s\n", path, err.msg);
	assert_int_equal(rc, 0);
	assert_non_null(c);
	return c;
}

#endif
