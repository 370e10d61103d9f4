/* deadlinectl: the admin tool.  The global options and dispatch only;
 * the commands are in ctl/, their table in ctl/commands.c. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/version.h"
#include "conf/load.h"
#include "ctl/ctl.h"

/* Global options before the command: "+" stops at its name. */
#define MAIN_SHORT "+c:h"

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "version", no_argument, NULL, 'V' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	struct ctl ctl;
	const struct command *c;
	int opt, rc;

	memset(&ctl, 0, sizeof(ctl));
	log_init("deadlinectl", 0);
	/* Global options before the command; "+" stops at the command. */
	while ((opt = getopt_long(argc, argv, MAIN_SHORT, opts, NULL)) != -1) {
		switch (opt) {
		case 'c': ctl.config_path = optarg; break;
		case 'D': ctl.db_path = optarg; break;
		case 'N': ctl.now_arg = optarg; break;
		case 'V': printf("deadlinectl %s\n", VERSION); return 0;
		case 'h': ctl_usage(stdout); return 0;
		default: ctl_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		ctl_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[optind], "help") == 0) {
		ctl_usage(stdout);
		return 0;
	}
	if ((c = find_command(argv[optind])) == NULL) {
		fprintf(stderr, "deadlinectl: unknown command \"%s\"\n", argv[optind]);
		ctl_usage(stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	/* 0, not 1: glibc then starts afresh, forgetting the "+" mode. */
	optind = 0;
	rc = c->run(&ctl, argc, argv);
	config_free(ctl.cfg);
	return rc;
}

