/* checker: running an outside program (a real mail or JSON parser) on
 * what a test rendered, written to a temporary file first.  A header of
 * static functions (unused ones are no warning), included by the tests
 * that run an outside program; cmocka.h comes first. */
#ifndef DEADLINED_CHECKER_H
#define DEADLINED_CHECKER_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run argv (argv[0] a path) and return its exit status, -1 if it did
 * not exit normally.  quiet: its output goes to /dev/null (for runs that
 * are meant to fail). */
static int __attribute__((unused))
run(char *const argv[], bool quiet)
{
	pid_t pid;
	int status, fd;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if (quiet && (fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Write s to a new temporary file whose name goes to path. */
static void __attribute__((unused))
write_temp(char *path, size_t len, const char *s)
{
	FILE *f;
	int fd;

	snprintf(path, len, "/tmp/deadlined_check.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, strlen(s), f), strlen(s));
	assert_int_equal(fclose(f), 0);
}

#endif
