/* admin: the operator's commands: outbox, retry, check-config and
 * send-test. */
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
#include "base/redact.h"
#include "engine/retry.h"

/* Set up, open the store, let fill write the listing into a buffer and
 * print it: what every listing command does once it has read its
 * options. */
static int
print_listing(struct ctl *ctl, int (*fill)(struct store *, const void *,
    struct buf *, struct error *), const void *arg)
{
	struct store *st = NULL;
	struct buf b = BUF_INIT;
	struct error err;
	int rc;

	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = fill(st, arg, &b, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		buf_free(&b);
		goto out;
	}
	rc = emit(&b);
out:
	store_close(st);
	return rc;
}

/* A listing that takes nothing but --json. */
struct plain_listing {
	int (*list)(struct store *, bool, struct buf *, struct error *);
	bool json;
};

static int
fill_plain(struct store *st, const void *arg, struct buf *b, struct error *err)
{
	const struct plain_listing *l = arg;

	return l->list(st, l->json, b, err);
}

/* A command that prints one listing from the store, as text or --json. */
int
list_command(struct ctl *ctl, int argc, char **argv, const char *name,
    int (*list)(struct store *, bool, struct buf *, struct error *))
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command(name);
	struct plain_listing l = { list, false };
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'j')
			l.json = true;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	return print_listing(ctl, fill_plain, &l);
}

/* The outbox, as its options filter it. */
struct outbox_listing {
	struct outbox_filter f;
	const char *since;	/* parsed once the configuration's zone is set */
	bool json;
};

static int
fill_outbox(struct store *st, const void *arg, struct buf *b, struct error *err)
{
	const struct outbox_listing *l = arg;

	return outbox_list(st, &l->f, l->json, b, err);
}

int
cmd_outbox(struct ctl *ctl, int argc, char **argv)
{
	static const char *const states[] = { "queued", "sending", "sent",
	    "failed", "skipped" };
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "state", required_argument, NULL, 's' },
		{ "unit", required_argument, NULL, 'u' },
		{ "since", required_argument, NULL, 'S' },
		{ "all", no_argument, NULL, 'a' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("outbox");
	struct outbox_listing l = { { NULL, NULL, 0, false }, NULL, false };
	bool known;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			l.json = true;
			break;
		case 's':
			known = false;
			for (size_t i = 0; i < ARRAY_LEN(states); i++)
				known |= strcmp(optarg, states[i]) == 0;
			if (!known)
				return usage_error(c, "--state: queued, sending, "
				    "sent, failed or skipped");
			l.f.state = optarg;
			break;
		case 'u':
			l.f.unit = optarg;
			break;
		case 'S':
			l.since = optarg;
			break;
		case 'a':
			l.f.all = true;
			break;
		default:
			if ((rc = global_option(ctl, c, opt)) != 0)
				return rc < 0 ? usage_error(c, NULL) : 0;
		}
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if (l.since != NULL) {
		/* A time without an offset is the configured zone's. */
		if ((rc = setup(ctl)) != 0)
			return rc;
		if (!clock_parse(l.since, &l.f.since))
			return usage_error(c, "--since: a time such as "
			    "2026-06-01T09:00 or 2026-06-01T09:00:00+08:00");
	}
	return print_listing(ctl, fill_outbox, &l);
}

/* Say what retry did, message by message. */
static void
print_retried(const struct retried *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("message %lld (%s, %s): queued again to %s", (long long)r[i].id,
		    r[i].unit, channel_name(r[i].channel), r[i].to);
		if (strcmp(r[i].to, r[i].was) != 0)
			printf(" (was %s)", r[i].was);
		printf("\n");
	}
}

int
cmd_retry(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "failed", no_argument, NULL, 'f' },
		{ "unit", required_argument, NULL, 'u' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("retry");
	const struct recipient *r = NULL;
	const char *unit = NULL;
	struct retried *done = NULL;
	struct buf problems = BUF_INIT;
	struct store *st = NULL;
	struct error err;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, ndone = 0;
	bool failed = false;
	char *end;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'f')
			failed = true;
		else if (opt == 'u')
			unit = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (failed == (optind < argc))
		return usage_error(c, "message ids, or --failed");
	if (unit != NULL && !failed)
		return usage_error(c, "--unit goes with --failed");
	for (int i = optind; i < argc; i++) {
		ids = xgrow(ids, &cap, n + 1, sizeof(*ids));
		ids[n] = strtoll(argv[i], &end, 10);
		if (*end != '\0' || end == argv[i] || ids[n] <= 0) {
			free(ids);
			return usage_error(c, "ID: a message's id (see outbox)");
		}
		n++;
	}
	if ((rc = setup(ctl)) != 0)
		goto out;
	/* A unit by its name or an alias, as the outbox stores it. */
	if (unit != NULL)
		r = recipients_named(ctl->cfg, unit);
	if (unit != NULL && r == NULL) {
		fprintf(stderr, "deadlinectl: no configured unit \"%s\"\n", unit);
		rc = EXIT_DATAERR;
		goto out;
	}
	if ((rc = open_store(ctl, &st)) != 0)
		goto out;
	if (failed && (rc = outbox_failed_ids(st, r != NULL ? r->name : NULL,
	    &ids, &n, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	if (failed && n == 0) {
		printf("no failed message%s%s\n", r != NULL ? " for " : "",
		    r != NULL ? r->name : "");
		goto out;
	}
	if ((rc = retry_messages(ctl->cfg, st, ids, n, ctl->now, &done, &ndone,
	    &problems, &err)) != 0) {
		for (char *l = problems.s, *nl; l != NULL && *l != '\0'; l = nl + 1) {
			nl = strchr(l, '\n');
			fprintf(stderr, "deadlinectl: %.*s\n", (int)(nl - l), l);
		}
		fprintf(stderr, "deadlinectl: %s\n", err.msg);
		goto out;
	}
	print_retried(done, ndone);
	rc = fflush(stdout) == 0 ? 0 : EXIT_IOERR;
out:
	retried_free(done, ndone);
	buf_free(&problems);
	free(ids);
	store_close(st);
	return rc;
}

/* The stored plans, read only: check-config never creates or migrates
 * the database (run as root before the service's first start, it would
 * leave the service a database it cannot write).  Without a database, or
 * with one busy, none, said in b. */
static int
read_plans(struct ctl *ctl, struct plan ***plans, size_t *n, bool *read,
    struct buf *b)
{
	struct store *st = NULL;
	const char *path;
	struct error err;
	int rc;

	*plans = NULL;
	*n = 0;
	*read = false;
	path = ctl->db_path != NULL ? ctl->db_path : ctl->cfg->database;
	if ((rc = store_open_readonly(path, &st, &err)) != 0) {
		if (rc != EXIT_NOINPUT && rc != EXIT_TEMPFAIL) {
			fprintf(stderr, "%s\n", err.msg);
			return rc;
		}
		buf_printf(b, "%s; plan units not checked\n", rc == EXIT_NOINPUT ?
		    "no database yet" : err.msg);
		return 0;
	}
	if ((rc = store_load_plans(st, ctl->cfg, plans, n, &err)) != 0)
		fprintf(stderr, "%s\n", err.msg);
	else
		*read = true;
	store_close(st);
	return rc;
}

/* Report the plan unit names that map to no recipient. */
static void
report_unmapped(struct ctl *ctl, struct plan **plans, size_t n, struct buf *b)
{
	const struct recipient **rs;
	size_t p, t, k, u, i, count = 0, nseen = 0, cap = 0;
	char **seen = NULL;
	bool unmapped, dup;

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
			buf_printf(b, "unmapped unit: %s (its notices go to "
			    "admin%s)\n", name, units_vague(name) ? "; it names "
			    "no unit in particular: make it a group of the "
			    "units it means" : "");
			count++;
		}
	}
	buf_printf(b, "%zu unit name(s) in %zu plan(s), %zu unmapped\n", nseen,
	    n, count);
	free(seen);
}

/* Where notices and answers go: the ack links' base, which serves the
 * dashboard too, and the Maildir of the units with no channel of their
 * own (or admin, without one). */
static void
report_channels(const struct config *c, struct buf *b)
{
	bool admin_bare = !recipient_has_channel(&c->admin);
	size_t i, bare = 0;

	buf_printf(b, "ack links and the dashboard: %s/ (served on %s)\n",
	    c->http.public_url, c->http.listen);
	for (i = 0; i < c->nunits; i++)
		bare += !recipient_has_channel(&c->units[i]);
	if (c->maildir != NULL && (bare > 0 || admin_bare))
		buf_printf(b, "Maildir %s: the notices of %zu unit(s) with no "
		    "channel of their own%s\n", c->maildir, bare,
		    admin_bare ? ", and admin's" : "");
	else if (bare > 0)
		buf_printf(b, "%zu unit(s) with no channel of their own: their "
		    "notices go to admin\n", bare);
}

/* One line on stderr for a year the holiday calendar does not know. */
static void
warn_year(const struct ctl *ctl, int year, const char *whose)
{
	fprintf(stderr, "%s: warning: no holidays of %d (%s) in "
	    "schedule.calendar%s: that year's notices go out on the send "
	    "window's weekdays, holidays too\n", ctl->cfg->path != NULL ?
	    ctl->cfg->path : "built-in defaults", year, whose,
	    ctl->cfg->calendar == NULL ? " (not set)" : "");
}

/* Warn about today's year and each stored plan's year, once a year,
 * when the calendar lists no holiday in it. */
static void
check_calendar_years(const struct ctl *ctl, struct plan **plans, size_t n)
{
	const struct calendar *cal = ctl->cfg->calendar;
	char whose[64];
	int today, m, d;
	size_t p, q;

	date_to_ymd(ctl->today, &today, &m, &d);
	if (!calendar_has_year(cal, today))
		warn_year(ctl, today, "today's year");
	for (p = 0; p < n; p++) {
		if (plans[p]->year == today ||
		    calendar_has_year(cal, plans[p]->year))
			continue;
		for (q = 0; q < p && plans[q]->year != plans[p]->year; q++)
			;
		if (q < p)
			continue;
		snprintf(whose, sizeof(whose), "the year of plan %lld",
		    (long long)plans[p]->id);
		warn_year(ctl, plans[p]->year, whose);
	}
}

/* Warn about each plan a report names that the database does not hold:
 * such a report counts nothing, a mistake better seen before Friday. */
static void
check_report_plans(const struct ctl *ctl, struct plan **plans, size_t n)
{
	const struct config *c = ctl->cfg;
	size_t r, k, p;

	for (r = 0; r < c->nreports; r++)
	for (k = 0; k < c->reports[r].nplans; k++) {
		for (p = 0; p < n && plans[p]->id != c->reports[r].plans[k]; p++)
			;
		if (p == n)
			fprintf(stderr, "%s:%d: warning: reports[%zu].plans: no "
			    "plan %lld in the database: the report counts none "
			    "of it\n", c->path != NULL ? c->path : "built-in "
			    "defaults", c->reports[r].line, r,
			    (long long)c->reports[r].plans[k]);
	}
}

int
cmd_check_config(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("check-config");
	struct buf b = BUF_INIT;
	struct plan **plans;
	bool verbose = false, read;
	size_t n;
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
	/* Groups that resolve wrong are errors here (the daemon warns and
	 * runs on, giving those notices to admin). */
	if (recipients_check(ctl->cfg, &b) > 0) {
		fputs(buf_str(&b), stderr);
		buf_free(&b);
		return EXIT_CONFIG;
	}
	buf_printf(&b, "%s: configuration ok\n", ctl->cfg->path != NULL ?
	    ctl->cfg->path : "built-in defaults");
	report_channels(ctl->cfg, &b);
	if (verbose)
		config_describe(ctl->cfg, &b);
	if ((rc = read_plans(ctl, &plans, &n, &read, &b)) != 0) {
		buf_free(&b);
		return rc;
	}
	if (read)
		report_unmapped(ctl, plans, n, &b);
	rc = emit(&b);
	check_calendar_years(ctl, plans, n);
	if (read)
		check_report_plans(ctl, plans, n);
	plans_free(plans, n);
	return rc;
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

int
cmd_send_test(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("send-test");
	const struct recipient *r;
	struct address a;
	struct deliverer *d;
	struct notice_item item;
	struct digest dg;
	struct pollfd pfd[64];
	char *title, msgid[96];
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
	if ((r = recipients_named(ctl->cfg, argv[optind])) == NULL) {
		fprintf(stderr, "deadlinectl: no configured unit \"%s\"\n", argv[optind]);
		return EXIT_DATAERR;
	}
	item = (struct notice_item){ 0, "测试", 0, 0, "测试通知", "这是一条测试提醒，"
	    "用于确认本单位能收到督办提醒。", "测试", ctl->today, 0,
	    ROLE_RESPONSIBLE, "lead", NULL, NULL, DL_DATE, ctl->today, NULL, DATE_NONE };
	/* Every test message its own id: a mail client or robot that
	 * de-duplicates by id must show each test. */
	snprintf(msgid, sizeof(msgid), "test.%lld.%ld@deadlined",
	    (long long)clock_now(), (long)getpid());
	dg = (struct digest){ r->name, msgid, ctl->now, &item, 1 };
	title = render_subject(&dg);
	d = deliverer_new(&ctl->cfg->delivery);
	/* Its channels, or where its notices go when it has none of its
	 * own (admin for the supervisors, else the default maildir): where
	 * the daemon would send. */
	if (r == &ctl->cfg->supervisors && !recipient_has_channel(r)) {
		printf("supervisors have no channel of their own: admin "
		    "stands in\n");
		r = &ctl->cfg->admin;
	}
	if (!recipient_has_channel(r) && recipient_address(ctl->cfg, r, 0, &a))
		printf("%s has no channel of its own: its notices go to the "
		    "default maildir\n", r->name);
	for (k = nch = 0; recipient_address(ctl->cfg, r, k, &a); k++, nch++) {
		struct outgoing o;
		char **parts;
		size_t np, j;

		/* What the daemon would send this channel, part by part. */
		np = render_for_channel(&dg, a.kind, ctl->cfg->delivery.smtp.from,
		    a.kind == CHAN_EMAIL ? a.to : "undisclosed-recipients:;",
		    &parts);
		for (j = 0; j < np; j++) {
			o = (struct outgoing){ ++id, a.kind, a.to, a.webhook != NULL ?
			    a.webhook->secret : NULL, a.webhook != NULL ?
			    a.webhook->tls_ca_file : NULL, msgid, parts[j], title,
			    strlen(parts[j]) };
			char *where = redact_url(a.to);

			printf("channel %lld: %s %s\n", (long long)id,
			    channel_name(a.kind), where);
			free(where);
			while (!deliverer_submit(d, &o, clock_now(), &nb))
				sleep(1);
			free(parts[j]);	/* the deliverer keeps its own copy */
		}
		free(parts);
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
	free(title);
	if (nch == 0) {
		fprintf(stderr, "deadlinectl: unit \"%s\" has no channel and "
		    "there is no default maildir: its notices go nowhere\n",
		    r->name);
		return EXIT_CONFIG;
	}
	return worst;
}

