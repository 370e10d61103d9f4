/* requests: the commands of the supervision cycle's requests: extend
 * (a unit asks for a later deadline), approve and reject (the approver
 * decides), review (what waits) and plan-review (a plan's own review
 * setting). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "store/requests.h"
#include "store/store.h"
#include "ctl/ctl.h"

bool
ctl_note_ok(const char *s, size_t max)
{
	const char *p = s, *end = s + strlen(s);
	size_t n = 0;

	while (p < end)
		if (utf8_next(&p, end) < 0 || ++n > max)
			return false;
	return true;
}

int
cmd_extend(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("extend");
	const char *to = NULL, *reason = NULL;
	struct unit_request r;
	struct plan **plans = NULL;
	struct store *st = NULL;
	struct ack_target t;
	struct error err;
	char day[11];
	int64_t id;
	size_t n = 0;
	int opt, rc, new_due;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 't')
			to = optarg;
		else if (opt == 'r')
			reason = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (argc - optind != 2)
		return usage_error(c, "a measure id and a unit expected");
	if ((rc = ctl_measure_id(c, argv[optind], &id)) != 0)
		return rc;
	if (to == NULL || !date_parse(to, &new_due))
		return usage_error(c, "--to: the new date, YYYY-MM-DD");
	if (reason == NULL || text_blank(reason) ||
	    !ctl_note_ok(reason, REQUEST_NOTE_MAX))
		return usage_error(c, "--reason: why, at most 500 characters");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0 ||
	    (rc = ctl_find_item(ctl, st, id, argv[optind + 1], &plans, &n, &t,
	    &r.role)) != 0)
		goto out;
	r = (struct unit_request){ 0, REQUEST_EXTENSION, t.measure_id, t.unit,
	    r.role, t.due, new_due, (char *)reason, "cli", REQUEST_PENDING, 0, 0,
	    NULL };
	if ((rc = requests_add(st, &r, ctl->now, &err)) != 0) {
		fprintf(stderr, "deadlinectl: measure %lld, %s: %s\n",
		    (long long)id, t.unit, err.msg);
		goto out;
	}
	date_format(new_due, day);
	printf("request %lld: measure %lld, %s, extension to %s, waits for "
	    "the approver\n", (long long)r.id, (long long)id, t.unit, day);
out:
	plans_free(plans, n);
	store_close(st);
	return rc;
}

/* approve ID [--note T] and reject ID --note T. */
static int
decide(struct ctl *ctl, int argc, char **argv, bool approve)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command(approve ? "approve" : "reject");
	struct unit_request r;
	struct store *st = NULL;
	struct error err;
	const char *note = NULL;
	int64_t id;
	char *end;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
		if (opt == 'n')
			note = optarg;
		else if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	}
	if (argc - optind != 1)
		return usage_error(c, "one request id expected (see review)");
	id = strtoll(argv[optind], &end, 10);
	if (*end != '\0' || id <= 0)
		return usage_error(c, "ID: a request's id (see review)");
	if (!approve && (note == NULL || text_blank(note)))
		return usage_error(c, "--note: why it is rejected or returned");
	if (note != NULL && !ctl_note_ok(note, REQUEST_NOTE_MAX))
		return usage_error(c, "--note: at most 500 characters");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = requests_decide(st, id, approve, note, "cli", ctl->now, &r,
	    &err)) != 0) {
		fprintf(stderr, "deadlinectl: %s\n", err.msg);
		request_free(&r);
		/* An unknown request, or one decided already: bad data. */
		if (rc == EXIT_NOINPUT || rc == EXIT_CANTCREAT)
			rc = EXIT_DATAERR;
		goto out;
	}
	printf("request %lld: %s %s\n", (long long)id,
	    request_kind_name(r.kind), request_state_name(r.state));
	request_free(&r);
out:
	store_close(st);
	return rc;
}

int
cmd_approve(struct ctl *ctl, int argc, char **argv)
{
	return decide(ctl, argc, argv, true);
}

int
cmd_reject(struct ctl *ctl, int argc, char **argv)
{
	return decide(ctl, argc, argv, false);
}

int
cmd_review(struct ctl *ctl, int argc, char **argv)
{
	return list_command(ctl, argc, argv, "review", requests_list);
}

int
cmd_plan_review(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, { NULL, 0, NULL, 0 }
	};
	const struct command *c = find_command("plan-review");
	const char *v;
	struct store *st = NULL;
	struct error err;
	int64_t id;
	char *end;
	int opt, rc, on;

	while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1)
		if ((rc = global_option(ctl, c, opt)) != 0)
			return rc < 0 ? usage_error(c, NULL) : 0;
	if (argc - optind != 2)
		return usage_error(c, "a plan id and on, off or default expected");
	id = strtoll(argv[optind], &end, 10);
	v = argv[optind + 1];
	if (*end != '\0' || id <= 0)
		return usage_error(c, "PLAN_ID: a plan's id (see export)");
	if (strcmp(v, "on") == 0)
		on = 1;
	else if (strcmp(v, "off") == 0)
		on = 0;
	else if (strcmp(v, "default") == 0)
		on = -1;
	else
		return usage_error(c, "on, off or default expected");
	if ((rc = setup(ctl)) != 0 || (rc = open_store(ctl, &st)) != 0)
		goto out;
	if ((rc = requests_set_plan_review(st, id, on, &err)) != 0) {
		fprintf(stderr, "deadlinectl: %s\n", err.msg);
		goto out;
	}
	printf("plan %lld: review %s\n", (long long)id, on < 0 ?
	    (ctl->cfg->schedule.review ? "on (schedule.review)" :
	    "off (schedule.review)") : on ? "on" : "off");
out:
	store_close(st);
	return rc;
}
