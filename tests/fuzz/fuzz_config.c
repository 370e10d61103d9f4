/* fuzz_config: libFuzzer target for the configuration reader: the input
 * is written to a file in a private temporary directory (so relative
 * password_file and calendar paths resolve to nothing there) and
 * config_load reads it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/config.h"
#include "conf/load.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/* libconfig 1.5's scanner leaks the string it is building when a
 * syntax error interrupts it (Debian 12's libconfig9 1.5-0.4); not ours. */
const char *
__lsan_default_suppressions(void)
{
	return "leak:libconfig.so\n";
}

static char dir[] = "/tmp/fuzz_config.XXXXXX";
static char path[64];

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *c = NULL;
	struct error err;
	FILE *f;

	if (path[0] == '\0') {
		if (mkdtemp(dir) == NULL)
			abort();
		snprintf(path, sizeof(path), "%s/deadlined.conf", dir);
		unsetenv("CREDENTIALS_DIRECTORY");
		atexit(cleanup);
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	if (config_load(path, &c, &err) == 0)
		config_free(c);
	return 0;
}
