/* admin: the operator's commands: outbox, check-config and send-test. */
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

/* Report the plan unit names that map to no recipient. */
static int
report_unmapped(struct ctl *ctl, struct buf *b)
{
	struct plan **plans = NULL;
	struct store *st = NULL;
	const struct recipient **rs;
	const char *path;
	struct error err;
	size_t n = 0, p, t, k, u, i, count = 0, nseen = 0, cap = 0;
	char **seen = NULL;
	bool unmapped, dup;
	int rc;

	/* Read only: check-config never creates or migrates the database
	 * (run as root before the service's first start, it would leave
	 * the service a database it cannot write). */
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
	if ((rc = store_load_plans(st, ctl->cfg, &plans, &n, &err)) != 0) {
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

int
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
	/* Groups that resolve wrong are errors here (the daemon warns and
	 * runs on, giving those notices to admin). */
	if (recipients_check(ctl->cfg, &b) > 0) {
		fputs(buf_str(&b), stderr);
		buf_free(&b);
		return EXIT_CONFIG;
	}
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

int
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
	if ((r = recipients_find(ctl->cfg, argv[optind])) == NULL &&
	    strcmp(argv[optind], "admin") == 0)
		r = &ctl->cfg->admin;
	if (r == NULL) {
		fprintf(stderr, "deadlinectl: no configured unit \"%s\"\n", argv[optind]);
		return EXIT_DATAERR;
	}
	item = (struct notice_item){ 0, "测试", 0, 0, "测试通知", "这是一条测试提醒，"
	    "用于确认本单位能收到督办提醒。", "测试", ctl->today, 0,
	    ROLE_RESPONSIBLE, "lead", NULL, NULL, DL_DATE, ctl->today };
	/* Every test message its own id: a mail client or robot that
	 * de-duplicates by id must show each test. */
	snprintf(msgid, sizeof(msgid), "test.%lld.%ld@deadlined",
	    (long long)clock_now(), (long)getpid());
	dg = (struct digest){ r->name, msgid, ctl->now, &item, 1 };
	title = render_subject(&dg);
	d = deliverer_new(&ctl->cfg->delivery);
	nch = r->nemail + r->nwebhooks + (r->maildir != NULL);
	for (k = 0; k < nch; k++) {
		struct outgoing o;
		const struct webhook *w = k >= r->nemail && k < r->nemail + r->nwebhooks ?
		    &r->webhooks[k - r->nemail] : NULL;
		enum channel_kind ch = k < r->nemail ? CHAN_EMAIL : w != NULL ?
		    w->type : CHAN_MAILDIR;
		const char *addr = k < r->nemail ? r->email[k] : w != NULL ? w->url :
		    r->maildir;
		char **parts;
		size_t np, j;

		/* What the daemon would send this channel, part by part. */
		np = render_for_channel(&dg, ch, ctl->cfg->delivery.smtp.from,
		    k < r->nemail ? addr : "undisclosed-recipients:;", &parts);
		for (j = 0; j < np; j++) {
			o = (struct outgoing){ ++id, ch, addr, w != NULL ?
			    w->secret : NULL, msgid, parts[j], title,
			    strlen(parts[j]) };
			char *where = redact_url(addr);

			printf("channel %lld: %s %s\n", (long long)id,
			    channel_name(ch), where);
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
		fprintf(stderr, "deadlinectl: unit \"%s\" has no channel\n", r->name);
		return EXIT_CONFIG;
	}
	return worst;
}

