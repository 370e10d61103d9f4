/*
 * Tests for config: built-in defaults, files that override them, keys
 * the daemon does not know yet, and every kind of error with its exit
 * code and "FILE:LINE: " place.  Each test writes its file into its own
 * mkdtemp folder, removed afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"
#include "util.h"

/* A test's folder and the config file in it. */
struct fixture {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "%s", "/tmp/test_config.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/deadlined.conf", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Write text as the fixture's config file. */
static void
write_file(const struct fixture *f, const char *text)
{
	FILE *fp = fopen(f->path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* Load the fixture's file expecting success. */
static struct config *
load_ok(const struct fixture *f)
{
	struct config *c = NULL;
	struct error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = config_load(f->path, &c, &err);
	if (rc != 0)
		print_error("config_load: %d: %s\n", rc, err.msg);
	assert_int_equal(rc, 0);
	assert_non_null(c);
	return c;
}

/* Load path expecting an error with code and a message that starts with
 * prefix and contains each of the NULL-terminated words. */
static void
load_fails(const char *path, int code, const char *prefix, ...)
{
	struct config *c = (struct config *)&c;	/* must become NULL */
	struct error err;
	const char *word;
	va_list ap;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = config_load(path, &c, &err);
	print_message("# %s\n", err.msg);
	if (rc != code || strncmp(err.msg, prefix, strlen(prefix)) != 0)
		print_error("got %d \"%s\", want %d starting \"%s\"\n", rc,
		    err.msg, code, prefix);
	assert_int_equal(rc, code);
	assert_int_equal(err.code, code);
	assert_null(c);
	assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
	va_start(ap, prefix);
	while ((word = va_arg(ap, const char *)) != NULL) {
		if (strstr(err.msg, word) == NULL)
			print_error("\"%s\" does not mention \"%s\"\n", err.msg,
			    word);
		assert_non_null(strstr(err.msg, word));
	}
	va_end(ap);
}

/* Load the fixture's file expecting an error on line `line`. */
static void
load_fails_at(const struct fixture *f, int code, int line, const char *word)
{
	char prefix[160];

	snprintf(prefix, sizeof(prefix), "%s:%d: ", f->path, line);
	load_fails(f->path, code, prefix, word, (const char *)NULL);
}

/* No file: the built-in defaults. */
static void
test_defaults(void **state)
{
	struct config *c = NULL;
	struct error err;

	(void)state;
	assert_int_equal(config_load(NULL, &c, &err), 0);
	assert_non_null(c);
	assert_null(c->path);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "Asia/Shanghai");
	config_free(c);
	config_free(NULL);
}

/* A file overrides both options. */
static void
test_override(void **state)
{
	struct fixture *f = *state;
	struct config *c;

	write_file(f, "# deadlined\n"
	    "database = \"/srv/deadlined/plans.db\";\n"
	    "timezone = \"America/New_York\";\n");
	c = load_ok(f);
	assert_string_equal(c->path, f->path);
	assert_string_equal(c->database, "/srv/deadlined/plans.db");
	assert_string_equal(c->timezone, "America/New_York");
	config_free(c);
}

/* An option the file leaves out keeps its default. */
static void
test_partial(void **state)
{
	struct fixture *f = *state;
	struct config *c;

	write_file(f, "timezone = \"UTC\";\n");
	c = load_ok(f);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "UTC");
	config_free(c);

	write_file(f, "");
	c = load_ok(f);
	assert_string_equal(c->path, f->path);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "Asia/Shanghai");
	config_free(c);
}

/* Groups and keys for later parts of the daemon are accepted. */
static void
test_unknown_keys(void **state)
{
	struct fixture *f = *state;
	struct config *c;

	write_file(f, "smtp = {\n"
	    "  url = \"smtps://mail.example.org:465\";\n"
	    "  from = \"deadlined@example.org\";\n"
	    "  port = 465;\n"
	    "};\n"
	    "database = \"/tmp/x.db\";\n"
	    "webhooks = ( { name = \"wecom\"; url = \"https://x/\"; } );\n"
	    "send_window = [ \"09:00\", \"18:00\" ];\n"
	    "debug = true;\n");
	c = load_ok(f);
	assert_string_equal(c->database, "/tmp/x.db");
	assert_string_equal(c->timezone, "Asia/Shanghai");
	config_free(c);
}

/* A syntax error names the file and its line.  (No string right before
 * the error: libconfig 1.5 leaks a string token it was holding when the
 * parse fails, which LeakSanitizer reports.) */
static void
test_syntax_error(void **state)
{
	struct fixture *f = *state;

	write_file(f, "# comment\n"
	    "database = \"/tmp/x.db\";\n"
	    "\n"
	    "timezone = = 8;\n"
	    "debug = true;\n");
	load_fails_at(f, EXIT_CONFIG, 4, NULL);

	write_file(f, "smtp = {\n"
	    "  url = \"x\";\n"
	    "  port = ;\n"
	    "};\n");
	load_fails_at(f, EXIT_CONFIG, 3, NULL);
}

/* A value of the wrong type names its line and the option. */
static void
test_wrong_type(void **state)
{
	struct fixture *f = *state;

	write_file(f, "database = \"/tmp/x.db\";\ntimezone = 42;\n");
	load_fails_at(f, EXIT_CONFIG, 2, "timezone");

	write_file(f, "\n\n\ndatabase = true;\n");
	load_fails_at(f, EXIT_CONFIG, 4, "database");

	write_file(f, "timezone = { name = \"UTC\"; };\n");
	load_fails_at(f, EXIT_CONFIG, 1, "timezone");
}

/* A zone that is not installed is a config error, not silent UTC. */
static void
test_unknown_zone(void **state)
{
	static const char *const zones[] = {
		"Mars/Olympus", "../etc/passwd", "/etc/localtime", "", "Asia",
	};
	struct fixture *f = *state;
	char text[128];
	size_t i;

	for (i = 0; i < ARRAY_LEN(zones); i++) {
		print_message("# zone \"%s\"\n", zones[i]);
		snprintf(text, sizeof(text), "database = \"x\";\n"
		    "timezone = \"%s\";\n", zones[i]);
		write_file(f, text);
		load_fails_at(f, EXIT_CONFIG, 2, "timezone");
	}
}

/* A file that is not there is EXIT_NOINPUT, naming the file. */
static void
test_missing_file(void **state)
{
	struct fixture *f = *state;
	char path[160];

	snprintf(path, sizeof(path), "%s/none.conf", f->dir);
	load_fails(path, EXIT_NOINPUT, path, (const char *)NULL);
}

/* A folder is no config file: an error, not an exit from inside
 * libconfig's scanner. */
static void
test_directory(void **state)
{
	struct fixture *f = *state;
	char prefix[80];

	snprintf(prefix, sizeof(prefix), "%s: ", f->dir);
	load_fails(f->dir, EXIT_NOINPUT, prefix, "directory", (const char *)NULL);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test_setup_teardown(test_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_zone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory, setup, teardown),
	};

	unsetenv("TZDIR");
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
