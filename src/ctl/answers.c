/* answers: the commands about units' answers: ack, done, progress, acks,
 * feeds, and the ledger that sums them up. */
#include <errno.h>
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
#include "store/ledger.h"
#include "engine/report.h"
#include "store/pauses.h"
#include "store/tokens.h"

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

/* Record an answer for target (the unit's role in it: role; a report's
 * rest in p, NULL for none) and say so. */
static int
record_answer(struct ctl *ctl, struct store *st, const struct ack_target *t,
    enum role role, enum ack_kind kind, const char *note,
    const struct ack_progress *p)
{
	struct ack_record a = { kind, ACK_CLI, note, NULL, NULL, p };
	struct error err;
	char due[11];
	bool waiting;

	if (acks_record_answer(st, t, &a, role, ctl->cfg->schedule.review,
	    ctl->now, &waiting, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return err.code;
	}
	date_format(t->due, due);
	printf("%s: measure %lld, %s, due %s%s\n", kind == ACK_DONE ? "done" :
	    kind == ACK_PROGRESS ? "progress reported" : "acknowledged",
	    (long long)t->measure_id, t->unit, due,
	    waiting ? " (待审核: waits for the approver)" : "");
	return 0;
}

int
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
	if (token_lookup(st, argv[optind], &t, &err) != 0) {
		fprintf(stderr, "deadlinectl: unknown or malformed token\n");
		rc = EXIT_DATAERR;
		goto out;
	}
	rc = record_answer(ctl, st, &t, ROLE_RESPONSIBLE, ACK_ACK, note, NULL);
	ack_target_free(&t);
out:
	store_close(st);
	return rc;
}

const struct plan_measure *
ctl_find_measure(struct plan **plans, size_t n, int64_t id,
    const struct plan **plan)
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

int
ctl_measure_id(const struct command *c, const char *arg, int64_t *id)
{
	char *end;

	*id = strtoll(arg, &end, 10);
	if (*end != '\0' || *id <= 0)
		return usage_error(c, "MEASURE_ID: a measure's id (see export, list)");
	return 0;
}

int
ctl_find_item(struct ctl *ctl, struct store *st, int64_t id,
    const char *unit, struct plan ***plans, size_t *n, struct ack_target *t,
    enum role *role)
{
	const struct plan_measure *m = NULL;
	const struct plan *plan = NULL;
	const struct recipient *r;
	struct dl_rules rules;
	struct error err;
	size_t u;
	int rc;

	if ((rc = store_load_plans(st, ctl->cfg, plans, n, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return rc;
	}
	if ((m = ctl_find_measure(*plans, *n, id, &plan)) == NULL) {
		fprintf(stderr, "deadlinectl: no current measure %lld\n", (long long)id);
		return EXIT_DATAERR;
	}
	/* A unit may be given by an alias: the items are the units'. */
	if ((r = recipients_find(ctl->cfg, unit)) != NULL)
		unit = r->name;
	for (u = 0; u < m->nunits && strcmp(m->units[u].name, unit) != 0; u++)
		;
	if (u == m->nunits) {
		fprintf(stderr, "deadlinectl: measure %lld names no unit \"%s\"\n",
		    (long long)id, unit);
		return EXIT_DATAERR;
	}
	/* The occurrence current today (this month's, for a monthly item;
	 * this week's for a weekly one). */
	rules = config_deadline_rules(ctl->cfg);
	/* The unit's name borrowed from the plans, which the caller frees
	 * (never with ack_target_free). */
	*t = (struct ack_target){ id, (char *)m->units[u].name,
	    deadline_occurrence(&m->deadline, plan->year, ctl->today, &rules) };
	*role = m->units[u].role;
	if (t->due == DATE_NONE) {
		fprintf(stderr, "deadlinectl: measure %lld has no due date\n",
		    (long long)id);
		return EXIT_DATAERR;
	}
	return 0;
}

int
cmd_done(struct ctl *ctl, int argc, char **argv)
{
	const struct command *c = find_command("done");
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct ack_target t;
	const char *note;
	enum role role;
	int64_t id;
	size_t n = 0;
	int rc;

	if ((rc = ack_options(ctl, c, argc, argv, &note)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 2)
		return usage_error(c, "a measure id and a unit expected");
	if ((rc = ctl_measure_id(c, argv[optind], &id)) != 0)
		return rc;
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0 ||
	    (rc = ctl_find_item(ctl, st, id, argv[optind + 1],
	    &plans, &n, &t, &role)) != 0)
		goto out;
	rc = record_answer(ctl, st, &t, role, ACK_DONE, note, NULL);
out:
	plans_free(plans, n);
	store_close(st);
	return rc;
}

int
cmd_progress(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "text", required_argument, NULL, 't' },
		{ "percent", required_argument, NULL, 'p' },
		{ "problems", required_argument, NULL, 'P' },
		{ "next", required_argument, NULL, 'x' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("progress");
	const char *text = NULL, *percent = NULL, *problems = NULL, *next = NULL;
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct ack_progress p;
	enum progress_fault f;
	struct ack_target t;
	enum role role;
	int64_t id;
	size_t n = 0;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 't')
			text = optarg;
		else if (opt == 'p')
			percent = optarg;
		else if (opt == 'P')
			problems = optarg;
		else if (opt == 'x')
			next = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (argc - optind != 2)
		return usage_error(c, "a measure id and a unit expected");
	if ((rc = ctl_measure_id(c, argv[optind], &id)) != 0)
		return rc;
	if (text == NULL)
		return usage_error(c, "--text expected");
	/* The report is checked before anything is opened: a bad one
	 * records nothing. */
	if ((f = acks_progress_read(&p, text, percent, problems, next)) !=
	    PROGRESS_OK) {
		fprintf(stderr, "deadlinectl: progress: %s\n",
		    progress_fault_text(f));
		return EXIT_DATAERR;
	}
	if ((rc = setup(ctl)) == 0 && (rc = open_store(ctl, &st)) == 0 &&
	    (rc = ctl_find_item(ctl, st, id, argv[optind + 1], &plans, &n,
	    &t, &role)) == 0)
		rc = record_answer(ctl, st, &t, role, ACK_PROGRESS, p.text, &p);
	plans_free(plans, n);
	store_close(st);
	return rc;
}

int
cmd_acks(struct ctl *ctl, int argc, char **argv)
{
	return list_command(ctl, argc, argv, "acks", acks_list);
}

int
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


enum ledger_format { LEDGER_XLSX, LEDGER_CSV, LEDGER_JSON, LEDGER_TEXT };

/* Most bytes of a workbook deadlinectl copies to stdout. */
#define LEDGER_XLSX_MAX ((size_t)1 << 30)

/* The ledger in its form, to path (NULL or "-": stdout).  An XLSX goes
 * straight to its file; to stdout only when that is no terminal.  With
 * scores, its 考评 alone (JSON or text). */
static int
write_ledger(const struct ledger *l, enum ledger_format fmt, const char *path,
    bool scores)
{
	struct buf b = BUF_INIT;
	struct error err;
	bool out = path == NULL || strcmp(path, "-") == 0;
	FILE *f;

	if (fmt == LEDGER_XLSX && !out) {
		if (ledger_write_xlsx(l, path, NULL, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			return err.code;
		}
		return 0;
	}
	if (fmt == LEDGER_XLSX && ledger_xlsx_bytes(l, LEDGER_XLSX_MAX, &b,
	    &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		buf_free(&b);
		return err.code;
	}
	if (scores && fmt == LEDGER_JSON)
		ledger_write_scores_json(&b, l);
	else if (scores)
		ledger_write_scores_text(&b, l);
	else if (fmt == LEDGER_CSV)
		ledger_write_csv(&b, l);
	else if (fmt == LEDGER_JSON)
		ledger_write_json(&b, l);
	if (out)
		return emit(&b);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(buf_str(&b), 1, b.len, f) != b.len || fclose(f) != 0) {
		fprintf(stderr, "deadlinectl: %s: %s\n", path, strerror(errno));
		buf_free(&b);
		return EXIT_CANTCREAT;
	}
	buf_free(&b);
	return 0;
}

/* deadlinectl ledger, and with scores its 考评 alone (a table, or JSON
 * with --json). */
static int
ledger_command(struct ctl *ctl, int argc, char **argv, bool scores)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "plan", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		{ "output", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "json", no_argument, NULL, 'j' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command(scores ? "scores" : "ledger");
	enum ledger_format fmt = scores ? LEDGER_TEXT : LEDGER_XLSX;
	struct ledger_period period;
	int from = DATE_NONE, to = DATE_NONE;
	const char *unit = NULL, *path = NULL, *plan_arg = NULL;
	const struct recipient *r;
	struct board_cell *cells = NULL, *shown = NULL;
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct ledger l = { 0 };
	struct dl_rules rules;
	struct error err;
	size_t np = 0, ncells = 0, i, kept;
	int64_t plan = 0;
	char *end;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT "o:", opts,
	    NULL)) != -1) {
		switch (opt) {
		case 'F':
			if (!date_parse(optarg, &from))
				return usage_error(c, "--from: a date YYYY-MM-DD");
			break;
		case 'T':
			if (!date_parse(optarg, &to))
				return usage_error(c, "--to: a date YYYY-MM-DD");
			break;
		case 'j':
			if (!scores)
				return usage_error(c, "--json: use --format json");
			fmt = LEDGER_JSON;
			break;
		case 'f':
			if (scores)
				return usage_error(c, "--format: use --json");
			if (strcmp(optarg, "xlsx") == 0)
				fmt = LEDGER_XLSX;
			else if (strcmp(optarg, "csv") == 0)
				fmt = LEDGER_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = LEDGER_JSON;
			else
				return usage_error(c, "--format: xlsx, csv or json");
			break;
		case 'p': plan_arg = optarg; break;
		case 'u': unit = optarg; break;
		case 'o':
			if (scores)
				return usage_error(c, "-o: scores print to stdout");
			path = optarg;
			break;
		default:
			if ((rc = global_option(ctl, c, opt)) != 0)
				return rc < 0 ? usage_error(c, NULL) : 0;
		}
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if (from != DATE_NONE && to != DATE_NONE && from > to)
		return usage_error(c, "--from is after --to");
	if (plan_arg != NULL && ((plan = strtoll(plan_arg, &end, 10)) <= 0 ||
	    *end != '\0'))
		return usage_error(c, "--plan: a plan's id");
	/* A workbook is no text for a terminal. */
	if (fmt == LEDGER_XLSX && (path == NULL || strcmp(path, "-") == 0) &&
	    isatty(STDOUT_FILENO)) {
		fprintf(stderr, "deadlinectl: ledger: not writing a workbook to a "
		    "terminal (-o FILE, or redirect stdout)\n");
		return EXIT_USAGE;
	}
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = store_load_plans(st, ctl->cfg, &plans, &np, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	/* Keep the plan asked for. */
	for (i = 0, kept = 0; i < np; i++)
		if (plan == 0 || plans[i]->id == plan)
			plans[kept++] = plans[i];
		else
			plan_free(plans[i]);
	np = kept;
	if (plan != 0 && np == 0) {
		fprintf(stderr, "deadlinectl: %s: no plan %lld\n",
		    c->name, (long long)plan);
		rc = EXIT_NOINPUT;
		goto out;
	}
	rules = config_deadline_rules(ctl->cfg);
	if ((rc = acks_board(st, plans, np, ctl->today, &rules, &cells, &ncells,
	    &err)) != 0 || (rc = pauses_mark_board(st, cells, ncells,
	    ctl->today, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	/* A unit by its name or alias, or a group by its name: its members. */
	if (unit != NULL && (r = recipients_find(ctl->cfg, unit)) != NULL)
		unit = r->name;
	shown = xcalloc(ncells + 1, sizeof(*shown));
	for (i = 0, kept = 0; i < ncells; i++)
		if (unit == NULL || strcmp(cells[i].unit->name, unit) == 0 ||
		    (cells[i].unit->group != NULL &&
		    strcmp(cells[i].unit->group, unit) == 0))
			shown[kept++] = cells[i];
	if (unit != NULL && kept == 0) {
		fprintf(stderr, "deadlinectl: %s: no item of unit \"%s\"\n",
		    c->name, unit);
		rc = EXIT_DATAERR;
		goto out;
	}
	schedule_ledger_period(ctl->cfg, from, to, &period);
	if ((rc = ledger_build_period(st, shown, kept, ctl->today, &period, &l,
	    &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	rc = write_ledger(&l, fmt, path, scores);
out:
	ledger_free(&l);
	free(shown);
	acks_board_free(cells, ncells);
	plans_free(plans, np);
	store_close(st);
	return rc;
}

int
cmd_report(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'd' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("report");
	const struct report_conf *r = NULL;
	const char *name = NULL, *fmt = "html";
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct report_made o;
	struct error err;
	struct buf b = BUF_INIT;
	size_t np = 0, i;
	bool dry = false;
	time_t at;
	int opt, rc, slot;

	memset(&o, 0, sizeof(o));
	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'f': fmt = optarg; break;
		case 'd': dry = true; break;
		default:
			if ((rc = global_option(ctl, c, opt)) != 0)
				return rc < 0 ? usage_error(c, NULL) : 0;
		}
	}
	if (optind != argc)
		return usage_error(c, "no arguments expected");
	if (strcmp(fmt, "html") != 0 && strcmp(fmt, "text") != 0 &&
	    strcmp(fmt, "markdown") != 0)
		return usage_error(c, "--format: html, text or markdown");
	/* The daemon sends the reports; this only shows one. */
	if (!dry)
		return usage_error(c, "--dry-run expected (deadlined sends the "
		    "reports)");
	if ((rc = setup(ctl)) != 0)
		return rc;
	for (i = 0; i < ctl->cfg->nreports && r == NULL; i++)
		if (name == NULL || strcmp(ctl->cfg->reports[i].name, name) == 0)
			r = &ctl->cfg->reports[i];
	if (r == NULL) {
		fprintf(stderr, "deadlinectl: report: %s%s%s\n", name != NULL ?
		    "no report named \"" : "no reports configured",
		    name != NULL ? name : "", name != NULL ? "\"" : "");
		return EXIT_CONFIG;
	}
	if ((rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = store_load_plans(st, ctl->cfg, &plans, &np, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	/* The slot whose time has come (today's day before any has). */
	if (!schedule_report_slot(ctl->cfg, r, ctl->now, &slot, &at))
		slot = ctl->today;
	if ((rc = report_make(st, ctl->cfg, plans, np, r, slot, ctl->now, &o,
	    &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	buf_puts(&b, strcmp(fmt, "html") == 0 ? buf_str(&o.t.html) :
	    strcmp(fmt, "text") == 0 ? buf_str(&o.t.text) :
	    buf_str(&o.t.markdown));
	rc = emit(&b);
out:
	buf_free(&b);
	report_made_free(&o);
	plans_free(plans, np);
	store_close(st);
	return rc;
}

int
cmd_ledger(struct ctl *ctl, int argc, char **argv)
{
	return ledger_command(ctl, argc, argv, false);
}

int
cmd_scores(struct ctl *ctl, int argc, char **argv)
{
	return ledger_command(ctl, argc, argv, true);
}
