/* deadlinectl: the admin tool.  Argument parsing and dispatch only; the
 * work is done by the modules it links. */
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
#include "plan/planfile.h"
#include "store/store.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

/* State shared by every command: the global options and what they lead
 * to. */
struct ctl {
	const char *config_path;
	const char *db_path;
	const char *now_arg;
	struct config *cfg;
	time_t now;
	int today;
};

struct command {
	const char *name;
	int (*run)(struct ctl *, int, char **);
	const char *usage;
	const char *help;
};

static const struct command *find_command(const char *name);

/* Long options every command accepts besides its own. */
#define GLOBAL_OPTIONS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "db", required_argument, NULL, 'D' }, \
	{ "now", required_argument, NULL, 'N' }, \
	{ "help", no_argument, NULL, 'h' }
/* Commands take options anywhere (GNU permutation); before the command,
 * "+" stops at its name. */
#define GLOBAL_SHORT "c:h"
#define MAIN_SHORT "+c:h"

static void
usage_line(FILE *f, const struct command *c)
{
	fprintf(f, "usage: deadlinectl [-c FILE] [--db PATH] [--now TIME] %s %s\n",
	    c->name, c->usage);
}

/* Handle an option every command shares; returns -1 for an unknown one,
 * 1 when the command is done (help shown), 0 otherwise. */
static int
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
static int
usage_error(const struct command *c, const char *what)
{
	if (what != NULL)
		fprintf(stderr, "deadlinectl %s: %s\n", c->name, what);
	usage_line(stderr, c);
	return EXIT_USAGE;
}

/* Load the configuration and settle the zone, the clock and the day. */
static int
setup(struct ctl *ctl)
{
	struct error err;
	const char *path = ctl->config_path;

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
static int
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

/* Write b to stdout; EXIT_IOERR when that fails (a full disk, a closed
 * pipe). */
static int
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
static bool
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

static int
cmd_import(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "year", required_argument, NULL, 'y' },
		{ "strict", no_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("import");
	const char *year_arg = NULL;
	enum plan_format fmt = PLAN_AUTO;
	bool strict = false, dry_run = false;
	struct import_summary sum;
	struct store *st = NULL;
	struct plan *p = NULL;
	struct error err;
	char hash[65];
	int opt, rc, year = 0;
	size_t i;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!plan_format_from_name(optarg, &fmt))
				return usage_error(c, "--format: auto, text, csv or tsv");
			break;
		case 'y': year_arg = optarg; break;
		case 's': strict = true; break;
		case 'n': dry_run = true; break;
		default:
			if ((rc = global_option(ctl, c, opt)) != 0)
				return rc < 0 ? usage_error(c, NULL) : 0;
		}
	}
	if (argc - optind != 1)
		return usage_error(c, "one plan file expected");
	if ((rc = setup(ctl)) != 0)
		return rc;
	if (year_arg != NULL && !parse_year(ctl, year_arg, &year))
		return usage_error(c, "--year: YYYY or current");
	if (planfile_read(argv[optind], fmt, year, &p, hash, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	for (i = 0; i < p->nwarnings; i++) {
		if (p->warnings[i].line > 0)
			fprintf(stderr, "%s:%d: warning: %s\n", p->source,
			    p->warnings[i].line, p->warnings[i].msg);
		else
			fprintf(stderr, "%s: warning: %s\n", p->source,
			    p->warnings[i].msg);
	}
	if (strict && p->nwarnings > 0) {
		fprintf(stderr, "%s: %zu warning(s) with --strict: nothing "
		    "imported\n", p->source, p->nwarnings);
		plan_free(p);
		return EXIT_DATAERR;
	}
	if ((rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = store_import(st, p, argv[optind], hash, ctl->now, dry_run,
	    &sum, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	printf("%s%s: plan %lld \"%s\" (%d): %zu tasks, %zu measures; "
	    "%zu added, %zu updated, %zu unchanged, %zu retired, %zu restored; "
	    "%zu warnings\n", dry_run ? "dry run, nothing stored: " : "",
	    argv[optind], (long long)sum.plan_id, p->title, p->year, sum.tasks,
	    sum.measures, sum.added, sum.updated, sum.unchanged, sum.retired,
	    sum.restored, sum.warnings);
out:
	store_close(st);
	plan_free(p);
	return rc;
}

/* The plan --plan names, or the most recently imported one. */
static int
load_plan(struct ctl *ctl, struct store *st, const char *plan_arg,
    struct plan **p)
{
	struct error err;
	int64_t *ids = NULL, id;
	size_t n = 0;
	char *end;

	if (plan_arg != NULL) {
		id = strtoll(plan_arg, &end, 10);
		if (*end != '\0' || id <= 0) {
			fprintf(stderr, "deadlinectl: --plan: not a plan id: \"%s\"\n",
			    plan_arg);
			return EXIT_USAGE;
		}
	} else {
		if (store_plan_ids(st, &ids, &n, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			return err.code;
		}
		id = n > 0 ? ids[0] : 0;
		free(ids);
		if (id == 0) {
			fprintf(stderr, "%s: no plan imported yet (deadlinectl "
			    "import FILE)\n", ctl->db_path != NULL ?
			    ctl->db_path : ctl->cfg->database);
			return EXIT_NOINPUT;
		}
	}
	if (store_load_plan(st, id, p, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	return 0;
}

static int
cmd_export(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "unit", required_argument, NULL, 'u' },
		{ "plan", required_argument, NULL, 'p' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("export");
	enum export_format fmt = EXPORT_JSON;
	const char *unit = NULL, *plan_arg = NULL;
	struct store *st = NULL;
	struct plan *p = NULL;
	struct buf b = BUF_INIT;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!export_format_from_name(optarg, &fmt))
				return usage_error(c, "--format: json, csv, tsv or ics");
			break;
		case 'u': unit = optarg; break;
		case 'p': plan_arg = optarg; break;
		default:
			if ((rc = global_option(ctl, c, opt)) != 0)
				return rc < 0 ? usage_error(c, NULL) : 0;
		}
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0 ||
	    (rc = load_plan(ctl, st, plan_arg, &p)) != 0)
		goto out;
	if (fmt == EXPORT_ICS)
		export_ics_alarms(&b, p, unit, (long long)ctl->now,
		    ctl->cfg->schedule.lead_days, ctl->cfg->schedule.nlead_days);
	else
		export_plan(&b, p, fmt, unit, (long long)ctl->now);
	rc = emit(&b);
out:
	plan_free(p);
	store_close(st);
	return rc;
}

/* Append the units of m as "name (role), …". */
static void
put_units(struct buf *b, const struct plan_measure *m)
{
	for (size_t i = 0; i < m->nunits; i++)
		buf_printf(b, "%s%s%s%s", i > 0 ? ", " : "", m->units[i].name,
		    m->units[i].role == ROLE_RESPONSIBLE ? "" :
		    m->units[i].role == ROLE_LEAD ? " (lead)" : " (support)", "");
}

/* When the next notice about an item goes out under the configured
 * schedule (0: none left). */
static time_t
next_notice(const struct ctl *ctl, const struct agenda_item *it)
{
	struct sched_item si = { it->measure->deadline, it->plan->year,
	    ROLE_RESPONSIBLE, NULL, NULL };
	struct sched_notice out[64];
	time_t next = 0;

	(void)schedule_item(ctl->cfg, &si, ctl->now, out, ARRAY_LEN(out), &next);
	return next;
}

/* One agenda item as a JSON object. */
static void
put_item_json(struct buf *b, const struct agenda_item *it, time_t next)
{
	const struct plan_measure *m = it->measure;
	char due[11], mdue[11];

	date_format(it->due, due);
	date_format(m->deadline.due, mdue);
	buf_printf(b, "{\"plan_id\": %lld, \"year\": %d, \"task_no\": %d, "
	    "\"measure_id\": %lld, \"due\": \"%s\", \"days_left\": %d, \"task\": ",
	    (long long)it->plan->id, it->plan->year, it->task->no,
	    (long long)m->id, due, it->days_left);
	json_put_str(b, it->task->title);
	buf_puts(b, ", \"text\": ");
	json_put_str(b, m->text);
	buf_puts(b, ", \"deadline\": {\"text\": ");
	json_put_str(b, m->deadline_text);
	buf_printf(b, ", \"kind\": \"%s\", \"due\": ",
	    deadline_kind_name(m->deadline.kind));
	if (m->deadline.due == DATE_NONE)
		buf_puts(b, "null");
	else
		buf_printf(b, "\"%s\"", mdue);
	buf_puts(b, "}, \"next_notice\": ");
	if (next != 0) {
		char at[40];

		clock_format(next, at, sizeof(at));
		buf_printf(b, "\"%s\"", at);
	} else
		buf_puts(b, "null");
	buf_puts(b, ", \"units\": [");
	for (size_t i = 0; i < m->nunits; i++) {
		buf_puts(b, i > 0 ? ", {\"name\": " : "{\"name\": ");
		json_put_str(b, m->units[i].name);
		buf_printf(b, ", \"role\": \"%s\"}", role_name(m->units[i].role));
	}
	buf_puts(b, "]}");
}

/* One agenda item for people: date, state, then the measure. */
static void
put_item_text(struct buf *b, const struct agenda_item *it, time_t next)
{
	const struct plan_measure *m = it->measure;
	char due[11];

	date_format(it->due, due);
	if (it->days_left < 0)
		buf_printf(b, "%s  overdue by %d day%s", due, -it->days_left,
		    it->days_left == -1 ? "" : "s");
	else if (it->days_left == 0)
		buf_printf(b, "%s  due today", due);
	else
		buf_printf(b, "%s  in %d day%s", due, it->days_left,
		    it->days_left == 1 ? "" : "s");
	buf_printf(b, "  [measure %lld, task %d, %s, %d]\n    %s\n    units: ",
	    (long long)m->id, it->task->no, m->deadline_text, it->plan->year,
	    m->text);
	put_units(b, m);
	if (next != 0) {
		char at[40];

		clock_format(next, at, sizeof(at));
		buf_printf(b, "\n    next notice: %.16s", at);
	}
	buf_putc(b, '\n');
}

static int
cmd_list(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "due-within", required_argument, NULL, 'w' },
		{ "unit", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("list");
	const char *unit = NULL;
	struct plan **plans = NULL;
	struct agenda_item *items = NULL;
	struct store *st = NULL;
	struct buf b = BUF_INIT;
	struct error err;
	size_t n = 0, nitems, i;
	bool json = false;
	long within = 30;
	char *end;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		switch (opt) {
		case 'w':
			within = strtol(optarg, &end, 10);
			if (*end != '\0' || within < 0 || within > 3660)
				return usage_error(c, "--due-within: days, 0 to 3660");
			break;
		case 'u': unit = optarg; break;
		case 'j': json = true; break;
		default:
			if ((rc = global_option(ctl, c, opt)) != 0)
				return rc < 0 ? usage_error(c, NULL) : 0;
		}
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = store_load_plans(st, &plans, &n, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	nitems = agenda_collect(plans, n, ctl->today, (int)within, unit, &items);
	if (json) {
		buf_puts(&b, "[");
		for (i = 0; i < nitems; i++) {
			buf_puts(&b, i > 0 ? ",\n " : "\n ");
			put_item_json(&b, &items[i], next_notice(ctl, &items[i]));
		}
		buf_puts(&b, nitems > 0 ? "\n]\n" : "]\n");
	} else {
		for (i = 0; i < nitems; i++)
			put_item_text(&b, &items[i], next_notice(ctl, &items[i]));
		if (nitems == 0)
			buf_printf(&b, "nothing due within %ld days\n", within);
	}
	rc = emit(&b);
out:
	plans_free(plans, n);
	free(items);
	store_close(st);
	return rc;
}

static int
cmd_parse_deadline(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("parse-deadline");
	const char *year_arg = NULL;
	struct deadline dl;
	struct buf b = BUF_INIT;
	char due[11];
	int opt, rc, year;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'y')
			year_arg = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (argc - optind != 1)
		return usage_error(c, "one deadline text expected");
	if ((rc = setup(ctl)) != 0)
		return rc;
	if (!parse_year(ctl, year_arg != NULL ? year_arg : "current", &year))
		return usage_error(c, "--year: YYYY or current");
	dl = deadline_parse(argv[optind], year);
	date_format(dl.due, due);
	buf_puts(&b, "{\"text\": ");
	json_put_str(&b, argv[optind]);
	buf_printf(&b, ", \"kind\": \"%s\", \"due\": ", deadline_kind_name(dl.kind));
	if (dl.due == DATE_NONE)
		buf_puts(&b, "null}\n");
	else
		buf_printf(&b, "\"%s\"}\n", due);
	return emit(&b);
}

/* A command that prints one listing from the store, as text or --json. */
static int
list_command(struct ctl *ctl, int argc, char **argv, const char *name,
    int (*list)(struct store *, bool, struct buf *, struct error *))
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command(name);
	struct store *st = NULL;
	struct buf b = BUF_INIT;
	struct error err;
	bool json = false;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'j')
			json = true;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = list(st, json, &b, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		buf_free(&b);
		goto out;
	}
	rc = emit(&b);
out:
	store_close(st);
	return rc;
}

static int
cmd_outbox(struct ctl *ctl, int argc, char **argv)
{
	return list_command(ctl, argc, argv, "outbox", outbox_list);
}

/* Report the plan unit names that map to no recipient. */
static int
report_unmapped(struct ctl *ctl, struct buf *b)
{
	struct plan **plans = NULL;
	struct store *st = NULL;
	const struct recipient **rs;
	struct error err;
	size_t n = 0, p, t, k, u, i, count = 0, nseen = 0, cap = 0;
	char **seen = NULL;
	bool unmapped, dup;
	int rc;

	if ((rc = open_store(ctl, &st)) != 0)
		return rc;
	if ((rc = store_load_plans(st, &plans, &n, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		store_close(st);
		return rc;
	}
	for (p = 0; p < n; p++)
	for (t = 0; t < plans[p]->ntasks; t++)
	for (k = 0; k < plans[p]->tasks[t].nmeasures; k++)
	for (u = 0; u < plans[p]->tasks[t].measures[k].nunits; u++) {
		const char *name = plans[p]->tasks[t].measures[k].units[u].name;

		for (i = 0, dup = false; i < nseen && !dup; i++)
			dup = strcmp(seen[i], name) == 0;
		if (dup)
			continue;
		seen = xgrow(seen, &cap, nseen + 1, sizeof(*seen));
		seen[nseen++] = (char *)name;
		(void)recipients_resolve(ctl->cfg, name, &rs, &unmapped);
		free(rs);
		if (unmapped) {
			buf_printf(b, "unmapped unit: %s (its notices go to admin)\n",
			    name);
			count++;
		}
	}
	buf_printf(b, "%zu unit name(s) in %zu plan(s), %zu unmapped\n", nseen,
	    n, count);
	free(seen);
	plans_free(plans, n);
	store_close(st);
	return 0;
}

static int
cmd_check_config(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("check-config");
	struct buf b = BUF_INIT;
	bool verbose = false;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'v')
			verbose = true;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if ((rc = setup(ctl)) != 0)
		return rc;
	buf_printf(&b, "%s: configuration ok\n", ctl->cfg->path != NULL ?
	    ctl->cfg->path : "built-in defaults");
	if (verbose)
		config_describe(ctl->cfg, &b);
	if ((rc = report_unmapped(ctl, &b)) != 0) {
		buf_free(&b);
		return rc;
	}
	return emit(&b);
}

/* Report one send-test outcome. */
static void
test_done(void *arg, int64_t id, const struct outcome *o)
{
	int *worst = arg;

	printf("channel %lld: %s%s%s\n", (long long)id, o->kind == OUTCOME_SENT ?
	    "sent" : o->kind == OUTCOME_RETRY ? "temporary failure" : "failed",
	    o->error[0] != '\0' ? ": " : "", o->error);
	if (o->kind != OUTCOME_SENT)
		*worst = EXIT_TEMPFAIL;
}

static int
cmd_send_test(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("send-test");
	const struct recipient *r;
	struct deliverer *d;
	struct notice_item item;
	struct digest dg;
	struct pollfd pfd[64];
	char *payload = NULL, *title;
	time_t nb;
	int opt, rc, worst = 0, n, wait;
	int64_t id = 0;
	size_t k, nch;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1)
		if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	if (argc - optind != 1)
		return usage_error(c, "one unit name expected");
	if ((rc = setup(ctl)) != 0)
		return rc;
	if ((r = recipients_find(ctl->cfg, argv[optind])) == NULL &&
	    strcmp(argv[optind], "admin") == 0)
		r = &ctl->cfg->admin;
	if (r == NULL) {
		fprintf(stderr, "deadlinectl: no configured unit \"%s\"\n", argv[optind]);
		return EXIT_DATAERR;
	}
	item = (struct notice_item){ 0, "测试", 0, 0, "测试通知", "这是一条测试提醒，"
	    "用于确认本单位能收到督办提醒。", "测试", ctl->today, 0,
	    ROLE_RESPONSIBLE, "lead", NULL, NULL };
	dg = (struct digest){ r->name, "test@deadlined", ctl->now, &item, 1 };
	title = render_subject(&dg);
	d = deliverer_new(ctl->cfg);
	nch = r->nemail + r->nwebhooks + (r->maildir != NULL);
	for (k = 0; k < nch; k++) {
		struct outgoing o;
		const struct webhook *w = k >= r->nemail && k < r->nemail + r->nwebhooks ?
		    &r->webhooks[k - r->nemail] : NULL;
		enum channel_kind ch = k < r->nemail ? CHAN_EMAIL : w == NULL ?
		    CHAN_MAILDIR : w->type == WEBHOOK_DINGTALK ? CHAN_DINGTALK :
		    w->type == WEBHOOK_WECOM ? CHAN_WECOM : w->type == WEBHOOK_FEISHU ?
		    CHAN_FEISHU : CHAN_GENERIC;
		const char *addr = k < r->nemail ? r->email[k] : w != NULL ? w->url :
		    r->maildir;

		free(payload);
		payload = ch == CHAN_EMAIL || ch == CHAN_MAILDIR ?
		    render_mail(&dg, ctl->cfg->smtp.from != NULL ? ctl->cfg->smtp.from :
		    "deadlined <deadlined@localhost>", k < r->nemail ? addr :
		    "undisclosed-recipients:;") : ch == CHAN_GENERIC ? render_json(&dg) :
		    xstrdup(title);
		o = (struct outgoing){ ++id, ch, addr, w != NULL ? w->secret : NULL,
		    "test@deadlined", payload, title, strlen(payload) };
		printf("channel %lld: %s %s\n", (long long)id, channel_name(ch), addr);
		while (!deliverer_submit(d, &o, clock_now(), &nb))
			sleep(1);
	}
	/* Wait for every transfer, then report. */
	for (;;) {
		deliverer_run(d, test_done, &worst);
		if (deliverer_busy(d) == 0)
			break;
		wait = 1000;
		n = deliverer_fds(d, pfd, 64, &wait);
		if (poll(pfd, (nfds_t)n, wait < 0 || wait > 1000 ? 1000 : wait) < 0)
			break;
	}
	deliverer_run(d, test_done, &worst);
	deliverer_free(d);
	free(payload);
	free(title);
	if (nch == 0) {
		fprintf(stderr, "deadlinectl: unit \"%s\" has no channel\n", r->name);
		return EXIT_CONFIG;
	}
	return worst;
}

/* Parse the --note option shared by ack and done. */
static int
ack_options(struct ctl *ctl, const struct command *c, int argc, char **argv,
    const char **note)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	int opt, rc;

	*note = NULL;
	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'n')
			*note = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : -1;
	}
	return 0;
}

/* Record an answer for target and say so. */
static int
record_answer(struct ctl *ctl, struct store *st, const struct ack_target *t,
    enum ack_kind kind, const char *note)
{
	struct ack_record a = { kind, ACK_CLI, note, NULL, NULL };
	struct error err;
	char due[11];

	if (acks_record(st, t, &a, ctl->now, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	date_format(t->due, due);
	printf("%s: measure %lld, %s, due %s\n", kind == ACK_DONE ? "done" :
	    "acknowledged", (long long)t->measure_id, t->unit, due);
	return 0;
}

static int
cmd_ack(struct ctl *ctl, int argc, char **argv)
{
	const struct command *c = find_command("ack");
	struct ack_target t;
	struct store *st = NULL;
	struct error err;
	const char *note;
	int rc;

	if ((rc = ack_options(ctl, c, argc, argv, &note)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return usage_error(c, "one token expected");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if (acks_lookup(st, argv[optind], &t, &err) != 0) {
		fprintf(stderr, "deadlinectl: unknown or malformed token\n");
		rc = EXIT_DATAERR;
		goto out;
	}
	rc = record_answer(ctl, st, &t, ACK_ACK, note);
	ack_target_free(&t);
out:
	store_close(st);
	return rc;
}

/* The measure with this id in the loaded plans, or NULL. */
static const struct plan_measure *
find_loaded(struct plan **plans, size_t n, int64_t id, const struct plan **plan)
{
	for (size_t p = 0; p < n; p++)
		for (size_t t = 0; t < plans[p]->ntasks; t++)
			for (size_t k = 0; k < plans[p]->tasks[t].nmeasures; k++)
				if (plans[p]->tasks[t].measures[k].id == id) {
					*plan = plans[p];
					return &plans[p]->tasks[t].measures[k];
				}
	return NULL;
}

static int
cmd_done(struct ctl *ctl, int argc, char **argv)
{
	const struct command *c = find_command("done");
	const struct plan_measure *m = NULL;
	const struct plan *plan = NULL;
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct ack_target t;
	struct error err;
	const char *note;
	size_t n = 0, u;
	int64_t id;
	char *end;
	int rc;

	if ((rc = ack_options(ctl, c, argc, argv, &note)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 2)
		return usage_error(c, "a measure id and a unit expected");
	id = strtoll(argv[optind], &end, 10);
	if (*end != '\0' || id <= 0)
		return usage_error(c, "MEASURE_ID: a measure's id (see export, list)");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = store_load_plans(st, &plans, &n, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	if ((m = find_loaded(plans, n, id, &plan)) == NULL) {
		fprintf(stderr, "deadlinectl: no current measure %lld\n", (long long)id);
		rc = EXIT_DATAERR;
		goto out;
	}
	for (u = 0; u < m->nunits && strcmp(m->units[u].name, argv[optind + 1]) != 0; u++)
		;
	if (u == m->nunits) {
		fprintf(stderr, "deadlinectl: measure %lld names no unit \"%s\"\n",
		    (long long)id, argv[optind + 1]);
		rc = EXIT_DATAERR;
		goto out;
	}
	/* Done for the occurrence current today (this month's, for a
	 * monthly item). */
	t = (struct ack_target){ id, m->units[u].name,
	    deadline_current_due(&m->deadline, plan->year, ctl->today) };
	if (t.due == DATE_NONE) {
		fprintf(stderr, "deadlinectl: measure %lld has no due date\n",
		    (long long)id);
		rc = EXIT_DATAERR;
		goto out;
	}
	rc = record_answer(ctl, st, &t, ACK_DONE, note);
out:
	plans_free(plans, n);
	store_close(st);
	return rc;
}

static int
cmd_acks(struct ctl *ctl, int argc, char **argv)
{
	return list_command(ctl, argc, argv, "acks", acks_list);
}

static int
cmd_feeds(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("feeds");
	const char *db;
	struct buf b = BUF_INIT;
	char *tok;
	size_t i;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1)
		if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if ((rc = setup(ctl)) != 0)
		return rc;
	db = ctl->db_path != NULL ? ctl->db_path : ctl->cfg->database;
	for (i = 0; i < ctl->cfg->nunits; i++) {
		if ((tok = http_unit_feed_token(db, ctl->cfg->units[i].name)) == NULL) {
			fprintf(stderr, "deadlinectl: %s.key: cannot read or create "
			    "the feed key\n", db);
			buf_free(&b);
			return EXIT_IOERR;
		}
		buf_printf(&b, "%s\t%s/ics/%s.ics\n", ctl->cfg->units[i].name,
		    ctl->cfg->http.public_url, tok);
		free(tok);
	}
	return emit(&b);
}

static const struct command commands[] = {
	{ "import", cmd_import,
	  "FILE [--format auto|text|csv|tsv] [--year YYYY|current] [--strict] [--dry-run]",
	  "Load a work plan's task table into the database.  Re-importing is\n"
	  "idempotent; an edited plan updates changed measures and retires\n"
	  "vanished ones.  Warnings go to stderr as FILE:LINE: warning: ...;\n"
	  "--strict refuses the import when there is any, --dry-run reports\n"
	  "what would change and stores nothing." },
	{ "export", cmd_export,
	  "[--format json|csv|tsv|ics] [--unit NAME] [--plan ID]",
	  "Write a stored plan (default: the most recently imported) to stdout.\n"
	  "CSV and TSV exports import again to the same plan." },
	{ "list", cmd_list, "[--due-within DAYS] [--unit NAME] [--json]",
	  "Show overdue items and items due within DAYS (default 30) of today,\n"
	  "in the configured time zone, soonest first, each with when its next\n"
	  "notice goes out under the configured schedule." },
	{ "ack", cmd_ack, "TOKEN [--note TEXT]",
	  "Record that the unit of an ack link (its TOKEN, the last part of\n"
	  "the link) has received the item (已收到)." },
	{ "done", cmd_done, "MEASURE_ID UNIT [--note TEXT]",
	  "Record that UNIT has completed the measure (已完成), for its\n"
	  "occurrence due now: no further notice goes to that unit for it." },
	{ "acks", cmd_acks, "[--json]",
	  "Show the acknowledgement log: unit, measure, due date, kind (ack,\n"
	  "done), time, source (web, cli, api) and note." },
	{ "feeds", cmd_feeds, "",
	  "Print each configured unit's calendar feed URL (public_url +\n"
	  "/ics/TOKEN.ics), to subscribe to in Outlook, WPS or DingTalk.  The\n"
	  "tokens derive from the key file next to the database." },
	{ "outbox", cmd_outbox, "[--json]",
	  "Show every delivery and its state (queued, sending, sent, failed,\n"
	  "skipped), with its attempts and measures." },
	{ "check-config", cmd_check_config, "[--verbose]",
	  "Validate the configuration (errors as FILE:LINE: message, exit 78)\n"
	  "and list the plan unit names that map to no recipient.  --verbose\n"
	  "also prints every option with its value." },
	{ "send-test", cmd_send_test, "UNIT",
	  "Send a test notice to every channel of UNIT (a configured unit, or\n"
	  "admin) and report each outcome." },
	{ "parse-deadline", cmd_parse_deadline, "TEXT [--year YYYY|current]",
	  "Print how the deadline grammar reads TEXT, as one JSON object:\n"
	  "{\"text\": ..., \"kind\": ..., \"due\": ...}." },
};

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: deadlinectl [-c FILE] [--db PATH] [--now TIME] COMMAND [ARGS]\n\n"
	    "commands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  %s %s\n", commands[i].name, commands[i].usage);
	fprintf(f, "\n'deadlinectl COMMAND --help' describes a command.\n");
}

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
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[optind], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if ((c = find_command(argv[optind])) == NULL) {
		fprintf(stderr, "deadlinectl: unknown command \"%s\"\n", argv[optind]);
		usage(stderr);
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
