/* plans: the commands about plans: import, export, list and
 * parse-deadline. */
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "store/acks.h"
#include "engine/agenda.h"
#include "store/pauses.h"
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
#include "store/requests.h"
#include "store/store.h"
#include "ctl/ctl.h"

/* Append the units of m as "name (role), …". */
static void
put_units(struct buf *b, const struct plan_measure *m)
{
	for (size_t i = 0; i < m->nunits; i++)
		buf_printf(b, "%s%s%s%s", i > 0 ? ", " : "", m->units[i].name,
		    m->units[i].role == ROLE_RESPONSIBLE ? "" :
		    m->units[i].role == ROLE_LEAD ? " (lead)" : " (support)", "");
}

/* --dry-run: the plan as read, a line a measure, for a person to check
 * against the document row by row before anything is stored: where it
 * stands, its task, the start of its text, its units with their roles,
 * its deadline as written and what it means. */
static void
dry_run_table(const struct plan *p)
{
	const char *section = NULL;
	char day[11];

	printf("%s (%d)\n", p->title, p->year);
	for (size_t t = 0; t < p->ntasks; t++) {
		const struct plan_task *tk = &p->tasks[t];

		if (section == NULL || strcmp(section, tk->section) != 0) {
			section = tk->section;
			if (*section != '\0')
				printf("%s\n", section);
		}
		for (size_t k = 0; k < tk->nmeasures; k++) {
			const struct plan_measure *m = &tk->measures[k];
			struct buf b = BUF_INIT;
			size_t cut = utf8_cut(m->text, strlen(m->text), 60);

			plan_put_place(&b, p, m->loc);
			buf_printf(&b, "\t%d. ", tk->no);
			buf_add(&b, tk->title, utf8_cut(tk->title,
			    strlen(tk->title), 30));
			buf_puts(&b, "\t");
			buf_add(&b, m->text, cut);
			buf_puts(&b, cut < strlen(m->text) ? "…\t" : "\t");
			put_units(&b, m);
			date_format(m->deadline.due, day);
			buf_printf(&b, "\t%s → %s%s%s\n", m->deadline_text,
			    deadline_kind_name(m->deadline.kind),
			    m->deadline.due != DATE_NONE ? " " : "",
			    m->deadline.due != DATE_NONE ? day : "");
			fputs(buf_str(&b), stdout);
			buf_free(&b);
		}
	}
}

int
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
	recipients_warn_run_together(ctl->cfg, p);
	for (i = 0; i < p->nwarnings; i++) {
		struct buf w = BUF_INIT;

		plan_put_place(&w, p, p->warnings[i].loc);
		fprintf(stderr, "%s: warning: %s\n", buf_str(&w),
		    p->warnings[i].msg);
		buf_free(&w);
	}
	if (p->units_order != UNITS_ORDER_NONE) {
		struct buf w = BUF_INIT;

		plan_put_place(&w, p, p->units_order_loc);
		fprintf(stderr, "%s: note: as the plan says here, the first "
		    "unit of a units cell that marks no role is read as the "
		    "lead%s\n", buf_str(&w), p->units_order ==
		    UNITS_FIRST_LEADS_REST_SUPPORT ? ", the others as support" :
		    "");
		buf_free(&w);
	}
	if (p->restart_loc != NULL) {
		struct buf w = BUF_INIT;

		plan_put_place(&w, p, p->restart_loc);
		fprintf(stderr, "%s: note: the task numbers start again in "
		    "each section; the tasks are numbered 1 to %zu through "
		    "the plan, as stored and shown\n", buf_str(&w), p->ntasks);
		buf_free(&w);
	}
	if (strict && p->nwarnings > 0) {
		fprintf(stderr, "%s: %zu warning(s) with --strict: nothing "
		    "imported\n", p->source, p->nwarnings);
		plan_free(p);
		return EXIT_DATAERR;
	}
	if (dry_run)
		dry_run_table(p);
	if ((rc = dry_run ? open_store_dry(ctl, &st) : open_store(ctl, &st)) != 0)
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

int
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
	const struct recipient *r;
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
	/* A unit's calendar, or its share of the plan, counts the units a
	 * measure stands for (the feed gives the same calendar); the plan
	 * itself is exported as written, to import again. */
	if (fmt == EXPORT_ICS || unit != NULL)
		recipients_canonical_plans(ctl->cfg, &p, 1);
	/* A unit by its name or an alias; one the plan does not name is an
	 * error, not an empty plan that looks like a unit with no work. */
	if (unit != NULL && (r = recipients_find(ctl->cfg, unit)) != NULL)
		unit = r->name;
	if (unit != NULL && !export_has_unit(p, unit)) {
		fprintf(stderr, "deadlinectl: export: no measure of unit "
		    "\"%s\"\n", unit);
		rc = EXIT_DATAERR;
		goto out;
	}
	if (fmt == EXPORT_ICS) {
		struct dl_rules rules = config_deadline_rules(ctl->cfg);

		export_ics_alarms(&b, p, unit, (long long)ctl->now,
		    ctl->cfg->schedule.lead_days, ctl->cfg->schedule.nlead_days,
		    &rules);
	} else
		export_plan(&b, p, fmt, unit, (long long)ctl->now);
	rc = emit(&b);
out:
	plan_free(p);
	store_close(st);
	return rc;
}

/* When the next notice about an item goes out under the configured
 * schedule (0: none left). */
static time_t
next_notice(const struct ctl *ctl, const struct agenda_item *it)
{
	struct sched_item si = { it->measure->deadline, it->plan->year,
	    ROLE_RESPONSIBLE, NULL, NULL, NULL, NULL };
	struct sched_notice out[64];
	time_t next = 0;

	(void)schedule_item(ctl->cfg, &si, ctl->now, out, ARRAY_LEN(out), &next);
	return next;
}

/* What the requests and pauses say of an item's units. */
struct list_state {
	const struct request_set *rs;
	const struct pause_set *ps;
	int today;
};

/* The units of an agenda item whose approved extension moved its due
 * date or that are paused: "UNIT extended to DATE", "UNIT paused until
 * DATE" lines, or each unit's JSON "extended_to" and "paused_until"
 * (null: none). */
static void
put_extension(struct buf *b, const struct list_state *ls,
    const struct agenda_item *it, size_t u, bool json)
{
	const char *name = it->measure->units[u].name;
	int moved = request_set_due(ls->rs, it->measure->id, name, it->due);
	const struct pause_row *p = pause_set_find(ls->ps, it->measure->id,
	    name, ls->today);
	char day[11], until[11];

	date_format(moved, day);
	date_format(p != NULL ? p->until : DATE_NONE, until);
	if (json) {
		buf_printf(b, moved != it->due ? ", \"extended_to\": \"%s\"" :
		    ", \"extended_to\": null", day);
		buf_printf(b, p != NULL ? ", \"paused_until\": \"%s\"" :
		    ", \"paused_until\": null", until);
		return;
	}
	if (moved != it->due)
		buf_printf(b, "\n    %s extended to %s", name, day);
	if (p != NULL)
		buf_printf(b, "\n    %s paused until %s", name, until);
}

/* One agenda item as a JSON object. */
static void
put_item_json(struct buf *b, const struct agenda_item *it, time_t next,
    const struct list_state *ls)
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
		buf_printf(b, ", \"role\": \"%s\"", role_name(m->units[i].role));
		put_extension(b, ls, it, i, true);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* One agenda item for people: date, state, then the measure. */
static void
put_item_text(struct buf *b, const struct agenda_item *it, time_t next,
    const struct list_state *ls)
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
	for (size_t u = 0; u < m->nunits; u++)
		put_extension(b, ls, it, u, false);
	if (next != 0) {
		char at[40];

		clock_format(next, at, sizeof(at));
		buf_printf(b, "\n    next notice: %.16s", at);
	}
	buf_putc(b, '\n');
}

int
cmd_list(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "due-within", required_argument, NULL, 'w' },
		{ "unit", required_argument, NULL, 'u' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("list");
	const char *unit = NULL;
	struct plan **plans = NULL;
	struct agenda_item *items = NULL;
	struct request_set *rs = NULL;
	struct pause_set *ps = NULL;
	struct list_state ls;
	struct store *st = NULL;
	struct buf b = BUF_INIT;
	struct dl_rules rules;
	struct error err;
	size_t n = 0, nitems, nshown, i;
	bool json = false;
	long within = 30, limit = -1;
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
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || limit < 0)
				return usage_error(c, "--limit: a number of items");
			break;
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
	if ((rc = store_load_plans(st, ctl->cfg, &plans, &n, &err)) != 0 ||
	    (rc = request_set_load(st, &rs, &err)) != 0 ||
	    (rc = pause_set_load(st, &ps, &err)) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		goto out;
	}
	ls = (struct list_state){ rs, ps, ctl->today };
	rules = config_deadline_rules(ctl->cfg);
	nitems = agenda_collect(plans, n, ctl->today, (int)within, unit, &rules,
	    &items);
	nshown = limit >= 0 && (size_t)limit < nitems ? (size_t)limit : nitems;
	if (json) {
		buf_puts(&b, "[");
		for (i = 0; i < nshown; i++) {
			buf_puts(&b, i > 0 ? ",\n " : "\n ");
			put_item_json(&b, &items[i], next_notice(ctl, &items[i]),
			    &ls);
		}
		buf_puts(&b, nshown > 0 ? "\n]\n" : "]\n");
	} else {
		for (i = 0; i < nshown; i++)
			put_item_text(&b, &items[i], next_notice(ctl, &items[i]),
			    &ls);
		if (nitems == 0)
			buf_printf(&b, "nothing due within %ld days\n", within);
		else if (nshown < nitems)
			buf_printf(&b, "... and %zu more (%zu in all)\n",
			    nitems - nshown, nitems);
	}
	rc = emit(&b);
out:
	plans_free(plans, n);
	request_set_free(rs);
	pause_set_free(ps);
	free(items);
	store_close(st);
	return rc;
}

int
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
		buf_puts(&b, "null");
	else
		buf_printf(&b, "\"%s\"", due);
	/* A working day of the month (每季度结束后5个工作日内): which. */
	if (dl.workday != 0)
		buf_printf(&b, ", \"workday\": %d", dl.workday);
	buf_puts(&b, "}\n");
	return emit(&b);
}

