/* deadlined: the daemon.  Argument parsing, signals and the loop: one
 * thread polls a signalfd, a timerfd, the delivery agent's socket and a
 * watch on the database (what deadlinectl wrote), sleeping until the
 * engine's next trigger or retry (at most an hour), or until the system
 * clock is set; the engine does the work. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "base/clock.h"
#include "conf/config.h"
#include "conf/load.h"
#include "conf/recipients.h"
#include "engine/engine.h"
#include "web/http.h"
#include "base/log.h"
#include "base/notify.h"
#include "store/outbox.h"
#include "store/store.h"
#include "base/version.h"

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

/* --help: the usage and what each option does (deadlined(8) says more). */
static void
help(void)
{
	usage(stdout);
	fputs("\nReminds each unit of its work plan's deadlines by mail or\n"
	    "webhook, and serves the units' ack links.\n\n"
	    "  -c, --config FILE  configuration (default " CONFIG_DEFAULT_PATH ")\n"
	    "      --db PATH      database (default: the configuration's)\n"
	    "      --once         one pass, deliver, and exit\n"
	    "      --dry-run      log what would be sent; send and record "
	    "nothing\n"
	    "      --now TIME     start the clock at TIME (ISO 8601), then run in "
	    "real time\n"
	    "  -v, --verbose      debug messages too\n"
	    "  -h, --help         this text\n"
	    "      --version      the version\n", stdout);
}

/* The log priority of each configured log_level. */
static const int log_levels[] = {
	[LOGV_ERROR] = LOG_LVL_ERR, [LOGV_WARNING] = LOG_LVL_WARNING,
	[LOGV_INFO] = LOG_LVL_INFO, [LOGV_DEBUG] = LOG_LVL_DEBUG,
};

/* Load and apply a configuration; keeps *cfg on error. */
/* Say what check-config would refuse in the groups: the daemon runs
 * on (those notices go to admin), but not in silence. */
static void
warn_groups(const struct config *c)
{
	struct buf b = BUF_INIT;
	char *line, *save = NULL;

	if (recipients_check(c, &b) > 0)
		for (line = strtok_r(b.s, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			log_warnx("%s", line);
	buf_free(&b);
}

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
	log_set_level(log_levels[c->log_level]);
	warn_groups(c);
	return 0;
}

#define MAX_FDS 64
/* How long --once waits for the database to take the outcomes it keeps. */
#define ONCE_KEEP_MS 60000
#define SANITY_WAKE 3600	/* seconds */
/* A system clock more than this ahead of the monotonic one since the last
 * pass was set, not slept through (seconds). */
#define JUMP_LIMIT 3600

/* What the daemon knows of its database's soundness. */
struct health {
	time_t checked;		/* the pass's now at the last quick_check, 0: none */
	char *damage;		/* the damage and the way to recover, NULL: sound */
	struct http_server *http;
};

/* The database is damaged: say so once, with the way to recover (the
 * store's line), and stop.  Nothing more is sent or recorded; a running
 * daemon stays up so that /healthz can say why (a restart would find the
 * same file). */
static void
set_damaged(struct health *h, const char *line)
{
	if (h->damage != NULL)
		return;
	h->damage = xstrdup(line);
	log_warnx("%s", line);
	log_warnx("the database is damaged: nothing more is sent until it "
	    "is restored or recovered (then start deadlined again)");
	http_set_damage(h->http, line);
}

/* Whether the store has met damage; if so, set_damaged. */
static bool
damaged(struct health *h, struct store *st)
{
	if (h->damage == NULL && store_damage(st) != NULL)
		set_damaged(h, store_damage(st));
	return h->damage != NULL;
}

/* PRAGMA quick_check at start and then once a day, on the pass's clock
 * (now, which --now pins); a check that cannot run (a lock held too long)
 * is logged and tried again at the next pass. */
static void
check_store(struct health *h, struct store *st, time_t now)
{
	struct error err;

	if (h->damage != NULL || !engine_check_due(h->checked, now))
		return;
	if (store_quick_check(st, &err) == 0)
		h->checked = now;
	else if (store_damage_error(&err))
		set_damaged(h, err.msg);
	else
		log_warnx("database check failed: %s", err.msg);
}

/* Open and check the database, put back what a crash left in flight.
 * A damaged file is logged and kept in h (a running daemon stays up to
 * say so); *st is NULL when it could not even be opened. */
static int
open_store(const struct daemon_opts *o, const struct config *cfg,
    struct store **st, struct health *h)
{
	const char *path = o->db_path != NULL ? o->db_path : cfg->database;
	struct error err;
	size_t n = 0;

	if (store_open(path, st, &err) != 0) {
		if (store_damage_error(&err))
			set_damaged(h, err.msg);
		else
			log_warnx("%s", err.msg);
		return err.code;
	}
	check_store(h, *st, clock_now());
	if (h->damage != NULL)
		return EXIT_IOERR;
	if (!o->dry_run && outbox_recover(*st, &n, &err) != 0) {
		if (!damaged(h, *st))
			log_warnx("%s", err.msg);
		return err.code;
	}
	if (n > 0)
		log_info("%zu message(s) interrupted by a stop go back to the queue", n);
	return 0;
}

/* Start what may be sent now, unless the database is damaged; how many
 * were started.  With `outcomes`, the finished deliveries are read first
 * and recorded in the same commit (engine_turn). */
static size_t
send_more(struct engine *e, struct store *st, struct health *h, time_t now,
    bool outcomes)
{
	struct error err;
	size_t started = 0;
	int rc;

	if (damaged(h, st)) {
		if (outcomes)
			engine_run(e, now);
		return 0;
	}
	rc = outcomes ? engine_turn(e, now, &started, &err) :
	    engine_send(e, now, &started, &err);
	if (rc != 0 && !damaged(h, st))
		log_warnx("send failed: %s", err.msg);
	return started;
}

/* The day's check, a pass and the sends it makes possible; errors are
 * logged.  0, or the failed pass's exit code (EXIT_IOERR when the
 * database is damaged). */
static int
work(struct engine *e, struct store *st, struct health *h, time_t now)
{
	struct engine_stats s;
	struct error err;
	int rc = 0;

	check_store(h, st, now);
	if (damaged(h, st))
		return EXIT_IOERR;
	if ((rc = engine_pass(e, now, &s, &err)) != 0) {
		if (damaged(h, st))
			return EXIT_IOERR;
		/* Most likely the database takes no writes: the engine
		 * backs off and says so once a minute. */
		if (engine_trouble_line(e) == NULL)
			log_warnx("pass failed: %s", err.msg);
		engine_trouble(e, err.msg);
	} else {
		engine_trouble_clear(e);
		log_info("pass: %zu new notice(s), %zu skipped, %zu message(s) "
		    "queued%s", s.notices, s.skipped, s.messages,
		    s.unmapped > 0 ? ", some units unmapped (sent to admin)" : "");
	}
	send_more(e, st, h, now, false);
	if (!damaged(h, st))
		engine_board(e, now);
	return damaged(h, st) ? EXIT_IOERR : rc;
}

/* The clock of the last pass, by the system clock and by the monotonic
 * one, to tell a jump of the first. */
struct pass_clock {
	time_t at;
	int64_t ms;
};

/* Before a pass at now: when the system clock ran ahead of the monotonic
 * one by more than JUMP_LIMIT since the last pass, say so, and hold the
 * overdue notices and escalations that only the jump made due for one
 * check interval (SANITY_WAKE), for the clock to hold: a clock set right
 * meanwhile never sends them.  (A clock set back needs nothing here: the
 * pass itself starts over, engine_pass.) */
static void
check_clock(struct engine *e, struct pass_clock *pc, time_t now)
{
	int64_t ms = clock_boot_ms(), jump;
	char was[40], is[40], until[40];

	if (pc->at != 0 &&
	    (jump = clock_jump(pc->at, pc->ms, now, ms)) > JUMP_LIMIT) {
		clock_format(now - (time_t)jump, was, sizeof(was));
		clock_format(now, is, sizeof(is));
		clock_format(now + SANITY_WAKE, until, sizeof(until));
		log_warnx("the system clock jumped ahead: it reads %s, the "
		    "monotonic clock puts it at %s (%lld s behind); overdue "
		    "notices and escalations due only since then wait until "
		    "%s for the clock to hold", is, was, (long long)jump, until);
		engine_hold(e, now - (time_t)jump, now + SANITY_WAKE);
	}
	pc->at = now;
	pc->ms = ms;
}

/* Poll fds[0..nfd) (our own: signals, timer) and the delivery agent's socket
 * for at most wait_ms (-1: no limit but the sender's). */
static int
wait_events(struct engine *e, const int *fds, int nfd, int wait_ms,
    struct pollfd *pfd)
{
	int n, t = -1, rc;

	for (n = 0; n < nfd; n++)
		pfd[n] = (struct pollfd){ fds[n], POLLIN, 0 };
	n += engine_fds(e, pfd + n, MAX_FDS - n, &t);
	if (t >= 0 && (wait_ms < 0 || t < wait_ms))
		wait_ms = t;
	rc = poll(pfd, (nfds_t)n, wait_ms);
	return rc < 0 && errno != EINTR ? -1 : rc;
}

/* --once: a pass, then deliver until nothing is in flight.  0 when all
 * was delivered, EXIT_UNAVAILABLE when a message failed for good (a
 * cron job's mail says so), EXIT_TEMPFAIL when some messages wait for a
 * retry or for the send window, the pass's code when it failed
 * (EXIT_IOERR: the database is damaged). */
static int
run_once(struct engine *e, struct store *st, struct health *h)
{
	struct pollfd pfd[MAX_FDS];
	size_t queued;
	int rc;

	/* Messages the sender could not take at once (too many in
	 * flight) go as soon as others finish. */
	rc = work(e, st, h, clock_now());
	while (engine_busy(e) > 0) {
		if (wait_events(e, NULL, 0, 1000, pfd) < 0)
			fatalx("poll: %s", strerror(errno));
		(void)send_more(e, st, h, clock_now(), true);
	}
	/* Outcomes the database would not take: tried for a minute more. */
	for (int64_t until = clock_mono_ms() + ONCE_KEEP_MS;
	    engine_kept(e) > 0 && clock_mono_ms() < until;) {
		(void)poll(NULL, 0, 1000);
		engine_run(e, clock_now());
	}
	if (engine_kept_last(e) > 0)
		return EXIT_IOERR;
	if (damaged(h, st))
		return EXIT_IOERR;
	if (rc != 0)
		return rc;
	queued = engine_queued(e);
	if (queued > 0)
		log_info("%zu message(s) wait for a later attempt (a retry, or "
		    "the send window's opening)", queued);
	if (engine_failed(e) > 0) {
		log_warnx("%zu message(s) failed for good (admin told; "
		    "`deadlinectl outbox --state failed` lists them)",
		    engine_failed(e));
		return EXIT_UNAVAILABLE;
	}
	return queued > 0 ? EXIT_TEMPFAIL : 0;
}

/* Arm the timer for the daemon's instant `at` (its clock may be pinned
 * by --now), as an absolute time on the clock it reads (clock_timer_id).
 * On the system clock, a setting of the clock that passes `at` fires it
 * at once; any other setting leaves it be, so that a clock set many
 * times a second (a virtual machine's may be) wakes nothing.  To the
 * nanosecond: a timer that fired while the daemon's clock still read the
 * second before would find nothing due, and fire again at once. */
static void
arm_timer(int tfd, time_t at)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	its.it_value = clock_timer_at(at);
	if (timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL) != 0)
		fatalx("timerfd_settime: %s", strerror(errno));
}

/* Put back in the queue what a stop interrupts. */
static void
requeue(struct store *st)
{
	struct error err;
	size_t n;

	if (outbox_recover(st, &n, &err) != 0)
		log_warnx("%s", err.msg);
}

/* The start line: the version, the configuration file (NULL: the
 * built-in defaults) and the database, as full paths when they exist. */
static void
log_start(const char *config_path, const char *db_path, bool once,
    bool dry_run)
{
	char full[2][PATH_MAX], *conf, *db;

	conf = log_escape(config_path == NULL ? "none (built-in defaults)" :
	    realpath(config_path, full[0]) != NULL ? full[0] : config_path);
	db = log_escape(realpath(db_path, full[1]) != NULL ? full[1] : db_path);
	log_info("started%s (version %s%s): configuration %s, database %s",
	    once ? " for one pass" : "", VERSION, dry_run ? ", dry run" : "",
	    conf, db);
	free(conf);
	free(db);
}

/* Tell systemd how things stand, in one line. */
static void
notify_status(struct engine *e, time_t next)
{
	char at[40];

	clock_format(next, at, sizeof(at));
	(void)notify("STATUS=%zu message(s) queued; next wake-up %.16s",
	    engine_queued(e), at);
}

/* The service: until SIGTERM or SIGINT.  With a damaged database (st
 * may be NULL) it only answers signals and /healthz. */
static int
serve(struct engine **ep, struct store *st, struct daemon_opts *o,
    struct config **cfg, struct http_server *http, struct health *health)
{
	struct pollfd pfd[MAX_FDS];
	struct signalfd_siginfo si;
	struct config *pending = NULL;
	struct pass_clock pc = { 0, 0 };
	uint64_t expirations;
	int64_t fed = 0;
	int watchdog_ms;
	sigset_t mask;
	time_t now, next = 0, at;
	int fds[4], nfds = 2, nudge = -1, watch = -1;
	struct error err;
	bool busy, wrote;

	/* Signals are read from a signalfd in the loop, never handled in
	 * signal context. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if ((fds[0] = signalfd(-1, &mask, SFD_CLOEXEC)) < 0 ||
	    (fds[1] = timerfd_create(clock_timer_id(), TFD_CLOEXEC |
	    TFD_NONBLOCK)) < 0)
		fatalx("signalfd/timerfd: %s", strerror(errno));
	/* Answers given on the web: a pass at once. */
	if ((fds[nfds] = http_nudge_fd(http)) >= 0)
		nudge = nfds++;
	/* What deadlinectl wrote (a retry queues messages): sent at once,
	 * not at the next wake-up, which may be an hour away. */
	if (st != NULL && health->damage == NULL) {
		if ((fds[nfds] = store_watch(st, &err)) >= 0)
			watch = nfds++;
		else
			log_warnx("%s; what deadlinectl queues waits for the "
			    "next wake-up", err.msg);
	}
	/* Started: the database is open and HTTP listens.  The first pass,
	 * whose length grows with the plans, is the service's work. */
	(void)notify("READY=1");
	/* The watchdog is fed from this loop, so a stuck loop is caught:
	 * wake at least every half interval. */
	watchdog_ms = (int)(notify_watchdog_usec() / 2000);
	for (;;) {
		now = clock_now();
		http_alive(http, false);
		if ((next == 0 || now >= next) && health->damage != NULL) {
			next = now + SANITY_WAKE;
			arm_timer(fds[1], next);
			(void)notify("STATUS=the database is damaged; "
			    "nothing is sent");
		} else if (next == 0 || now >= next) {
			check_clock(*ep, &pc, now);
			(void)work(*ep, st, health, now);
			http_set_trouble(http, engine_trouble_line(*ep));
			http_alive(http, true);
			if (health->damage == NULL)
				next = engine_next(*ep, now);
			if (next == 0 || next - now > SANITY_WAKE ||
			    health->damage != NULL)
				next = now + SANITY_WAKE;
			arm_timer(fds[1], next);
			/* Passes are minutes to hours apart: what the pass
			 * read and built goes back to the kernel (measured:
			 * 250 KiB of an idle daemon's 7 MiB, 600 KiB after a
			 * first pass). */
			store_shrink(st);
			(void)malloc_trim(0);
			if (health->damage == NULL)
				notify_status(*ep, next);
		}
		if (watchdog_ms > 0 && clock_mono_ms() - fed >= watchdog_ms) {
			(void)notify("WATCHDOG=1");
			fed = clock_mono_ms();
		}
		busy = engine_busy(*ep) > 0;
		if (wait_events(*ep, fds, nfds, watchdog_ms > 0 ? watchdog_ms : -1,
		    pfd) < 0)
			fatalx("poll: %s", strerror(errno));
		now = clock_now();
		/* Without a database (too damaged to open) nothing is in
		 * flight, and nothing can be recorded. */
		if (st != NULL) {
			(void)send_more(*ep, st, health, now, true);
			http_set_trouble(http, engine_trouble_line(*ep));
		}
		/* Another process wrote the database: what it queued went
		 * out just now (send_more) or waits for its time. */
		wrote = watch >= 0 && (pfd[watch].revents & POLLIN) &&
		    store_watch_read(fds[watch]);
		/* A pause or a request added, ended or decided: a pass
		 * now plans again. */
		if (wrote && health->damage == NULL && next != 0 &&
		    engine_replan_due(*ep))
			next = 0;
		/* An outcome may have put a message back in the queue for a
		 * retry before the wake-up armed, and so may deadlinectl. */
		if ((busy || wrote) && health->damage == NULL && next != 0 &&
		    (at = engine_next(*ep, now)) != 0 && at < next) {
			next = at;
			arm_timer(fds[1], next);
		}
		/* Expired: time for a pass. */
		if ((pfd[1].revents & POLLIN) &&
		    read(fds[1], &expirations, sizeof(expirations)) > 0)
			next = 0;
		if (nudge >= 0 && (pfd[nudge].revents & POLLIN) &&
		    read(fds[nudge], &expirations, sizeof(expirations)) != 0)
			next = 0;
		if ((pfd[0].revents & POLLIN) &&
		    read(fds[0], &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo != SIGHUP)
				break;
			(void)notify_reloading();
			config_free(pending);
			pending = NULL;
			if (load_config(o->config_path, &pending) != 0)
				log_warnx("reload failed; keeping the old configuration");
			(void)notify("READY=1");
		}
		/* A new configuration takes over once nothing is in flight
		 * under the old one. */
		if (pending != NULL && engine_busy(*ep) == 0) {
			engine_set_config(*ep, pending);
			http_set_config(http, pending);
			config_free(*cfg);
			*cfg = pending;
			pending = NULL;
			next = 0;
			log_info("configuration reloaded");
		}
	}
	(void)notify("STOPPING=1");
	log_info("stopping on signal %u", si.ssi_signo);
	config_free(pending);
	(void)engine_kept_last(*ep);
	/* In-flight transfers are dropped; their messages go back to the
	 * queue, to be sent again on the next start. */
	engine_free(*ep);
	*ep = NULL;
	if (health->damage == NULL)
		requeue(st);
	close(fds[0]);
	close(fds[1]);
	if (watch >= 0)
		close(fds[watch]);
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
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon_opts o;
	struct health health = { 0, NULL, NULL };
	struct config *cfg = NULL;
	const char *now_arg = NULL;
	struct http_server *http = NULL;
	struct engine *e;
	struct store *st = NULL;
	struct error err;
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
		case 'h': help(); return 0;
		case 'V': printf("deadlined %s\n", VERSION); return 0;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	log_init("deadlined", o.verbose);
	notify_init();
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
	/* A damaged database ends --once (EXIT_IOERR); the service stays
	 * up to say so on /healthz rather than being restarted into the
	 * same file again and again. */
	if ((rc = open_store(&o, cfg, &st, &health)) != 0 &&
	    (o.once || health.damage == NULL)) {
		store_close(st);
		config_free(cfg);
		free(health.damage);
		return rc;
	}
	/* The service answers ack links; a single --once pass does not. */
	if (!o.once && http_start(cfg, o.db_path != NULL ? o.db_path :
	    cfg->database, &http, &err) != 0) {
		log_warnx("%s", err.msg);
		store_close(st);
		config_free(cfg);
		free(health.damage);
		return err.code;
	}
	health.http = http;
	if (health.damage != NULL)
		http_set_damage(http, health.damage);
	e = engine_new(cfg, st, o.dry_run);
	log_start(o.config_path, o.db_path != NULL ? o.db_path : cfg->database,
	    o.once, o.dry_run);
	rc = o.once ? run_once(e, st, &health) :
	    serve(&e, st, &o, &cfg, http, &health);
	http_stop(http);
	engine_free(e);
	store_close(st);
	config_free(cfg);
	free(health.damage);
	return rc;
}
