/* config: libconfig file -> struct config.  Every option is one row of
 * the table below (after tmux's options-table.c): the row gives its path
 * in the file, type, default and help, and drives parsing, defaults and
 * validation alike. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "clock.h"
#include "config.h"

enum opt_type { OPT_STRING };

struct option_def {
	const char *path;	/* libconfig path, e.g. "smtp.url" */
	enum opt_type type;
	size_t offset;		/* into struct config */
	const char *def;	/* default, NULL for none */
	bool (*valid)(const char *);	/* extra check, NULL for none */
	const char *help;
};

static const struct option_def options[] = {
	{ "database", OPT_STRING, offsetof(struct config, database),
	  "/var/lib/deadlined/deadlined.db", NULL,
	  "SQLite database file" },
	{ "timezone", OPT_STRING, offsetof(struct config, timezone),
	  "Asia/Shanghai", clock_zone_exists,
	  "IANA time zone of deadlines and send windows" },
};

static char **
string_slot(struct config *c, const struct option_def *o)
{
	return (char **)(void *)((char *)c + o->offset);
}

/* Fill every option from its default. */
static void
set_defaults(struct config *c)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(options); i++)
		if (options[i].def != NULL)
			*string_slot(c, &options[i]) = xstrdup(options[i].def);
}

/* Read one option from the parsed file, if it is there. */
static int
read_option(struct config *c, config_t *cf, const char *file,
    const struct option_def *o, struct error *err)
{
	config_setting_t *s = config_lookup(cf, o->path);
	const char *v;
	char **slot;

	if (s == NULL)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return error_set(err, EXIT_CONFIG, "%s:%d: %s: expected a string",
		    file, config_setting_source_line(s), o->path);
	v = config_setting_get_string(s);
	if (o->valid != NULL && !o->valid(v))
		return error_set(err, EXIT_CONFIG, "%s:%d: %s: invalid value \"%s\"",
		    file, config_setting_source_line(s), o->path, v);
	slot = string_slot(c, o);
	free(*slot);
	*slot = xstrdup(v);
	return 0;
}

int
config_load(const char *path, struct config **out, struct error *err)
{
	struct config *c = xcalloc(1, sizeof(*c));
	config_t cf;
	struct stat st;
	FILE *f;
	size_t i;
	int rc = 0;

	set_defaults(c);
	*out = NULL;
	if (path == NULL) {
		*out = c;
		return 0;
	}
	c->path = xstrdup(path);
	if ((f = fopen(path, "r")) == NULL) {
		rc = error_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_CONFIG,
		    "%s: %s", path, strerror(errno));
		config_free(c);
		return rc;
	}
	/* fopen opens a folder too, and libconfig's scanner then exits
	 * the process ("input in flex scanner failed"). */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = error_set(err, EXIT_NOINPUT, "%s: is a directory", path);
		fclose(f);
		config_free(c);
		return rc;
	}
	config_init(&cf);
	if (config_read(&cf, f) != CONFIG_TRUE) {
		rc = error_set(err, EXIT_CONFIG, "%s:%d: %s", path,
		    config_error_line(&cf), config_error_text(&cf));
		goto out;
	}
	for (i = 0; i < ARRAY_LEN(options) && rc == 0; i++)
		rc = read_option(c, &cf, path, &options[i], err);
out:
	fclose(f);
	config_destroy(&cf);
	if (rc != 0)
		config_free(c);
	else
		*out = c;
	return rc;
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < ARRAY_LEN(options); i++)
		free(*string_slot(c, &options[i]));
	free(c->path);
	free(c);
}
