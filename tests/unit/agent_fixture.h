/* agent_fixture: point the sender at the delivery agent built beside the
 * test programs ($BUILD/deadlined-send, the test being $BUILD/tests/X),
 * for the tests that deliver through a real agent.  A header of one
 * static function, included by each such test. */
#ifndef DEADLINED_AGENT_FIXTURE_H
#define DEADLINED_AGENT_FIXTURE_H

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
use_built_agent(void)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	assert_non_null(slash = strrchr(exe, '/'));
	*slash = '\0';
	assert_non_null(slash = strrchr(exe, '/'));	/* $BUILD/tests */
	strcpy(slash, "/deadlined-send");
	setenv("DEADLINED_SEND", exe, 1);
}

#endif
