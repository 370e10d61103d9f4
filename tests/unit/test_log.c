/*
 * Tests for log: each line reaches stderr whole in one write (a short
 * one, one past the stack buffer, one of 20,000 bytes), with the program
 * name or, under the journal, the level's "<N>" prefix; lines above the
 * level set are dropped; log_escape escapes control characters.
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

#include "base/log.h"

/* What the logging in body wrote to stderr, read back from a file. */
static char *
captured(void (*body)(void))
{
	char path[] = "/tmp/test_log.XXXXXX", *out;
	int fd = mkstemp(path), saved = dup(2);
	FILE *f;
	long n;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	assert_int_equal(dup2(fd, 2), 2);
	body();
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	close(fd);
	assert_non_null(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	assert_non_null(out = calloc(1, (size_t)n + 1));
	assert_int_equal(fread(out, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	return out;
}

static char big[20000];

static void
plain_lines(void)
{
	log_init("prog", 0);
	log_info("short %d", 42);
	log_debug("not shown at the info level");
	log_warnx("%s", big);
	log_set_level(LOG_LVL_WARNING);
	log_info("not shown at the warning level");
	log_warnx("%.1100s|", big);
}

/* Every line whole: the prefix, the text, one newline. */
static void
test_lines(void **state)
{
	char *out, *want;
	size_t n = sizeof(big) - 1;

	(void)state;
	memset(big, 'x', n);
	out = captured(plain_lines);
	assert_non_null(want = malloc(n + 1200));
	snprintf(want, n + 1200, "prog: short 42\nprog: %s\nprog: %.1100s|\n",
	    big, big);
	assert_string_equal(out, want);
	free(want);
	free(out);
}

static void
journal_lines(void)
{
	setenv("JOURNAL_STREAM", "8:1234", 1);
	log_init("prog", 1);
	unsetenv("JOURNAL_STREAM");
	log_debug("debug");
	log_warnx("warning");
}

/* Under the journal, the level's priority prefix instead of the name. */
static void
test_journal(void **state)
{
	char *out;

	(void)state;
	out = captured(journal_lines);
	assert_string_equal(out, "<7>debug\n<4>warning\n");
	free(out);
}

static void
test_escape(void **state)
{
	char *s;

	(void)state;
	s = log_escape("a\nb\tc\\d\x01\x7f" "中");
	assert_string_equal(s, "a\\nb\\tc\\\\d\\x01\\x7f中");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_journal),
		cmocka_unit_test(test_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
