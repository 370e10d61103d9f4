/* pauses: the supervisor's pause (暂停) of items, like a silence: pause
 * (hold an item's notices until a date), resume (end it early) and
 * pauses (those in force). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "conf/load.h"
#include "conf/recipients.h"
#include "store/pauses.h"
#include "store/store.h"
#include "ctl/ctl.h"

/* What MEASURE_ID UNIT|--all names: the pause requests (one per unit
 * paused: a group's members each their own; with --all one for every
 * unit, its unit NULL) and their items. */
struct target {
	struct plan **plans;
	size_t nplans;
	struct pause_req *req;
	size_t nreq;
	const char **items;	/* every unit's name, for --all's log */
};

static void
target_free(struct target *t)
{
	free(t->req);
	free(t->items);
	plans_free(t->plans, t->nplans);
}

/* Resolve measure id and unit (NULL: --all) into t; a sysexits code,
 * said on stderr, when the measure or the unit is unknown. */
static int
find_target(struct ctl *ctl, struct store *st, int64_t id, const char *unit,
    struct target *t)
{
	const struct plan_measure *m;
	const struct plan *plan = NULL;
	const struct recipient *r;
	struct dl_rules rules;
	struct error err;
	const char *name;
	size_t u;
	int rc, due;

	if ((rc = store_load_plans(st, ctl->cfg, &t->plans, &t->nplans,
	    &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return rc;
	}
	if ((m = ctl_find_measure(t->plans, t->nplans, id, &plan)) == NULL) {
		fprintf(stderr, "deadlinectl: no current measure %lld\n",
		    (long long)id);
		return EXIT_NOINPUT;
	}
	rules = config_deadline_rules(ctl->cfg);
	due = deadline_occurrence(&m->deadline, plan->year, ctl->today, &rules);
	t->req = xcalloc(m->nunits + 1, sizeof(*t->req));
	t->items = xcalloc(m->nunits + 1, sizeof(*t->items));
	for (u = 0; u < m->nunits; u++)
		t->items[u] = m->units[u].name;
	if (unit == NULL) {
		t->req[t->nreq++] = (struct pause_req){ id, NULL, t->items,
		    m->nunits, due, DATE_NONE, NULL, ACK_CLI };
		return 0;
	}
	/* A unit by its name or alias, or a group by its name: each of its
	 * members in the measure, an item of its own. */
	name = (r = recipients_find(ctl->cfg, unit)) != NULL ? r->name : unit;
	for (u = 0; u < m->nunits; u++)
		if (strcmp(m->units[u].name, name) == 0 ||
		    (m->units[u].group != NULL &&
		    strcmp(m->units[u].group, unit) == 0))
			t->req[t->nreq++] = (struct pause_req){ id,
			    m->units[u].name, &t->items[u], 1, due, DATE_NONE,
			    NULL, ACK_CLI };
	if (t->nreq == 0) {
		fprintf(stderr, "deadlinectl: measure %lld names no unit \"%s\"\n",
		    (long long)id, unit);
		return EXIT_DATAERR;
	}
	return 0;
}

/* pause and resume: MEASURE_ID UNIT|--all, and a pause's --until and
 * --reason. */
static int
pause_or_resume(struct ctl *ctl, int argc, char **argv, bool pause)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "until", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command(pause ? "pause" : "resume");
	const char *until = NULL, *reason = NULL, *unit;
	struct target t = { 0 };
	struct store *st = NULL;
	struct error err;
	bool all = false;
	char day[11];
	int64_t id;
	int opt, rc, until_day = DATE_NONE;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'a')
			all = true;
		else if (opt == 'u' && pause)
			until = optarg;
		else if (opt == 'r' && pause)
			reason = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (argc - optind != (all ? 1 : 2))
		return usage_error(c, "a measure id and a unit (or --all) expected");
	if ((rc = ctl_measure_id(c, argv[optind], &id)) != 0)
		return rc;
	unit = all ? NULL : argv[optind + 1];
	if (pause && (until == NULL || !date_parse(until, &until_day)))
		return usage_error(c, "--until: the day notices resume, YYYY-MM-DD");
	if (pause && (reason == NULL || text_blank(reason) ||
	    !ctl_note_ok(reason, PAUSE_REASON_MAX)))
		return usage_error(c, "--reason: why, at most 500 characters");
	if ((rc = setup(ctl)) != 0)
		return rc;
	if (pause && until_day <= ctl->today) {
		fprintf(stderr, "deadlinectl: pause: --until %s is not after "
		    "today\n", until);
		return EXIT_DATAERR;
	}
	if ((rc = open_store(ctl, &st)) != 0 ||
	    (rc = find_target(ctl, st, id, unit, &t)) != 0)
		goto out;
	for (size_t i = 0; i < t.nreq; i++) {
		t.req[i].until = until_day;
		t.req[i].reason = reason;
	}
	rc = pause ? pauses_add(st, t.req, t.nreq, ctl->now, &err) :
	    pauses_resume(st, t.req, t.nreq, ctl->today, ctl->now, &err);
	if (rc != 0) {
		fprintf(stderr, "deadlinectl: measure %lld, %s: %s\n",
		    (long long)id, all ? "every unit" : unit, err.msg);
		goto out;
	}
	date_format(until_day, day);
	for (size_t i = 0; i < t.nreq; i++)
		printf("%s: measure %lld, %s%s%s\n", pause ? "paused" : "resumed",
		    (long long)id, all ? "every unit" : t.req[i].unit,
		    pause ? ", until " : "", pause ? day : "");
out:
	target_free(&t);
	store_close(st);
	return rc;
}

int
cmd_pause(struct ctl *ctl, int argc, char **argv)
{
	return pause_or_resume(ctl, argc, argv, true);
}

int
cmd_resume(struct ctl *ctl, int argc, char **argv)
{
	return pause_or_resume(ctl, argc, argv, false);
}

int
cmd_pauses(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("pauses");
	struct buf b = BUF_INIT;
	struct store *st = NULL;
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
	if ((rc = pauses_list(st, ctl->today, json, &b, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		buf_free(&b);
		goto out;
	}
	rc = emit(&b);
out:
	store_close(st);
	return rc;
}
