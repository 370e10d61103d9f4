/* deadlined: the daemon.  Argument parsing and the wait between passes;
 * a pass logs what is due and overdue in the stored plans.  (Delivery by
 * mail and webhook comes with the reminder engine.) */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "agenda.h"
#include "clock.h"
#include "config.h"
#include "date.h"
#include "log.h"
#include "store.h"

struct daemon_opts {
	const char *config_path;
	const char *db_path;
	bool once;
	bool dry_run;
	int verbose;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: deadlined [-c FILE] [--db PATH] [--once] [--dry-run] "
	    "[--now TIME] [-v]\n");
}

/* One pass: log every item due today or overdue. */
static int
pass(const struct daemon_opts *o, const struct config *cfg)
{
	const char *path = o->db_path != NULL ? o->db_path : cfg->database;
	struct agenda_item *items = NULL;
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct error err;
	size_t n = 0, nitems = 0, i;
	int today = clock_local_day(clock_now()), rc;

	if ((rc = store_open(path, &st, &err)) != 0 ||
	    (rc = store_load_plans(st, &plans, &n, &err)) != 0) {
		log_warnx("%s", err.msg);
		goto out;
	}
	nitems = agenda_collect(plans, n, today, 0, NULL, &items);
	for (i = 0; i < nitems; i++) {
		char due[11], *text = log_escape(items[i].measure->text);

		date_format(items[i].due, due);
		log_info("%s measure %lld (task %d, %d days %s): %.120s", due,
		    (long long)items[i].measure->id, items[i].task->no,
		    abs(items[i].days_left), items[i].days_left < 0 ?
		    "overdue" : "left", text);
		free(text);
	}
	log_info("pass: %zu plan(s), %zu item(s) due or overdue", n, nitems);
out:
	plans_free(plans, n);
	free(items);
	store_close(st);
	return rc;
}

/* Milliseconds until the next local midnight, when the day's items
 * change. */
static int
ms_to_midnight(void)
{
	time_t now = clock_now();
	time_t next = clock_local_time(clock_local_day(now) + 1, 0, 0);

	return next > now ? (int)((next - now) * 1000 > 3600000 ? 3600000 :
	    (next - now) * 1000) : 1000;
}

/* Load and apply a configuration; keeps *cfg on error. */
static int
load_config(const char *path, struct config **cfg)
{
	struct config *c;
	struct error err;

	if (config_load(path, &c, &err) != 0) {
		log_warnx("%s", err.msg);
		return err.code;
	}
	if (!clock_set_zone(c->timezone)) {
		log_warnx("%s: timezone: unknown zone \"%s\"", path != NULL ?
		    path : "defaults", c->timezone);
		config_free(c);
		return EXIT_CONFIG;
	}
	config_free(*cfg);
	*cfg = c;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'D' },
		{ "once", no_argument, NULL, '1' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "now", required_argument, NULL, 'N' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon_opts o;
	struct config *cfg = NULL;
	const char *now_arg = NULL;
	struct signalfd_siginfo si;
	struct pollfd pfd;
	sigset_t mask;
	time_t start;
	int opt, rc;

	memset(&o, 0, sizeof(o));
	while ((opt = getopt_long(argc, argv, "c:vh", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': o.config_path = optarg; break;
		case 'D': o.db_path = optarg; break;
		case '1': o.once = true; break;
		case 'n': o.dry_run = true; break;
		case 'N': now_arg = optarg; break;
		case 'v': o.verbose++; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	log_init("deadlined", o.verbose);
	if (o.config_path == NULL && access(CONFIG_DEFAULT_PATH, F_OK) == 0)
		o.config_path = CONFIG_DEFAULT_PATH;
	if ((rc = load_config(o.config_path, &cfg)) != 0)
		return rc;
	if (now_arg != NULL) {
		if (!clock_parse(now_arg, &start)) {
			log_warnx("--now: not an ISO 8601 time: \"%s\"", now_arg);
			return EXIT_USAGE;
		}
		clock_pin(start);
	}
	if (o.once) {
		rc = pass(&o, cfg);
		config_free(cfg);
		return rc;
	}

	/* Signals are read from a signalfd in the loop, never handled in
	 * signal context. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	pfd.fd = signalfd(-1, &mask, SFD_CLOEXEC);
	pfd.events = POLLIN;
	if (pfd.fd < 0)
		fatalx("signalfd: %s", strerror(errno));
	log_info("started");
	for (int last_day = INT_MIN;;) {
		/* The agenda changes with the day: one pass a day, and one
		 * after every reload. */
		if (clock_local_day(clock_now()) != last_day) {
			last_day = clock_local_day(clock_now());
			(void)pass(&o, cfg);
		}
		if (poll(&pfd, 1, ms_to_midnight()) <= 0)
			continue;
		if (read(pfd.fd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGHUP) {
			if (load_config(o.config_path, &cfg) == 0) {
				log_info("configuration reloaded");
				last_day = INT_MIN;
			} else
				log_warnx("reload failed; keeping the old configuration");
			continue;
		}
		break;
	}
	log_info("stopping on signal %u", si.ssi_signo);
	close(pfd.fd);
	config_free(cfg);
	return 0;
}
