/* ctl: the helpers every deadlinectl command uses (see ctl.h). */
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/acks.h"
#include "engine/agenda.h"
#include "deliver/deliver.h"
#include "store/outbox.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/schedule.h"
#include "base/buf.h"
#include "base/clock.h"
#include "conf/config.h"
#include "conf/describe.h"
#include "conf/load.h"
#include "base/date.h"
#include "plan/export.h"
#include "web/http.h"
#include "base/json.h"
#include "base/log.h"
#include "read/planfile.h"
#include "store/store.h"
#include "ctl/ctl.h"


void
usage_line(FILE *f, const struct command *c)
{
	fprintf(f, "usage: deadlinectl [-c FILE] [--db PATH] [--now TIME] %s%s%s\n",
	    c->name, *c->usage != '\0' ? " " : "", c->usage);
}

/* Handle an option every command shares; returns -1 for an unknown one,
 * 1 when the command is done (help shown), 0 otherwise. */
int
global_option(struct ctl *ctl, const struct command *c, int opt)
{
	switch (opt) {
	case 'c':
		ctl->config_path = optarg;
		return 0;
	case 'D':
		ctl->db_path = optarg;
		return 0;
	case 'N':
		ctl->now_arg = optarg;
		return 0;
	case 'h':
		usage_line(stdout, c);
		printf("\n%s\n", c->help);
		return 1;
	default:
		return -1;
	}
}

/* Report a usage error for command c. */
int
usage_error(const struct command *c, const char *what)
{
	if (what != NULL)
		fprintf(stderr, "deadlinectl %s: %s\n", c->name, what);
	usage_line(stderr, c);
	return EXIT_USAGE;
}

/* Load the configuration and settle the zone, the clock and the day;
 * once (a command may need the zone before its common work does it). */
int
setup(struct ctl *ctl)
{
	struct error err;
	const char *path = ctl->config_path;

	if (ctl->cfg != NULL)
		return 0;

	if (path == NULL && access(CONFIG_DEFAULT_PATH, F_OK) == 0)
		path = CONFIG_DEFAULT_PATH;
	if (config_load(path, &ctl->cfg, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	if (!clock_set_zone(ctl->cfg->timezone)) {
		fprintf(stderr, "%s: timezone: unknown zone \"%s\"\n",
		    path != NULL ? path : "defaults", ctl->cfg->timezone);
		return EXIT_CONFIG;
	}
	if (ctl->now_arg != NULL) {
		if (!clock_parse(ctl->now_arg, &ctl->now)) {
			fprintf(stderr, "deadlinectl: --now: not an ISO 8601 time: "
			    "\"%s\" (e.g. 2021-06-23T10:00:00+08:00)\n", ctl->now_arg);
			return EXIT_USAGE;
		}
		clock_pin(ctl->now);
	}
	ctl->now = clock_now();
	ctl->today = clock_local_day(ctl->now);
	return 0;
}

/* Open the database named by --db or the configuration. */
int
open_store(struct ctl *ctl, struct store **st)
{
	struct error err;
	const char *path = ctl->db_path != NULL ? ctl->db_path : ctl->cfg->database;

	if (store_open(path, st, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	return 0;
}

int
open_store_dry(struct ctl *ctl, struct store **st)
{
	const char *path = ctl->db_path != NULL ? ctl->db_path : ctl->cfg->database;
	struct error err;

	if (access(path, F_OK) == 0)
		return open_store(ctl, st);
	/* No database yet: an empty one in memory, and no file made. */
	if (store_open(":memory:", st, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	return 0;
}

/* Write b to stdout; EXIT_IOERR when that fails (a full disk, a closed
 * pipe). */
int
emit(struct buf *b)
{
	if (fwrite(buf_str(b), 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		perror("deadlinectl: stdout");
		buf_free(b);
		return EXIT_IOERR;
	}
	buf_free(b);
	return 0;
}

/* Parse a --year value: YYYY or "current". */
bool
parse_year(const struct ctl *ctl, const char *s, int *year)
{
	int y, m, d;
	char *end;
	long v;

	if (strcmp(s, "current") == 0) {
		date_to_ymd(ctl->today, &y, &m, &d);
		*year = y;
		return true;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || end - s != 4 || v < 1900 || v > 9999)
		return false;
	*year = (int)v;
	return true;
}

