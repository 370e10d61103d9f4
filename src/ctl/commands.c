/* commands: the table of deadlinectl's commands (name, handler, usage,
 * help), and the usage text made from it. */
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
	{ "list", cmd_list, "[--due-within DAYS] [--unit NAME] [--limit N] [--json]",
	  "Show overdue items and items due within DAYS (default 30) of today,\n"
	  "in the configured time zone, soonest first, each with when its next\n"
	  "notice goes out under the configured schedule; --limit N, the first\n"
	  "N and how many more." },
	{ "ack", cmd_ack, "TOKEN [--note TEXT]",
	  "Record that the unit of an ack link (its TOKEN, the last part of\n"
	  "the link) has received the item (已收到)." },
	{ "done", cmd_done, "MEASURE_ID UNIT [--note TEXT]",
	  "Record that UNIT has completed the measure (已完成), for its\n"
	  "occurrence due now: no further notice goes to that unit for it." },
	{ "extend", cmd_extend, "MEASURE_ID UNIT --to YYYY-MM-DD --reason TEXT",
	  "Ask, for UNIT, a later deadline for the measure's occurrence due\n"
	  "now (申请延期): the request goes to the approver (review_by) with\n"
	  "a signed approval link.  Approved, that unit's item is due on the\n"
	  "new date; the other units keep theirs." },
	{ "approve", cmd_approve, "ID [--note TEXT]",
	  "Approve request ID (see review): an extension's new date holds\n"
	  "for its unit; a completion under review is confirmed (销号).  The\n"
	  "unit is told." },
	{ "reject", cmd_reject, "ID --note TEXT",
	  "Reject request ID, saying why: an extension changes nothing; a\n"
	  "completion is returned (退回) and reminders resume.  The unit is\n"
	  "told, with the note." },
	{ "review", cmd_review, "[--json]",
	  "Show the requests that wait for a decision, each with its ID." },
	{ "plan-review", cmd_plan_review, "PLAN_ID on|off|default",
	  "Whether a unit's 已完成 in this plan waits for the approver's\n"
	  "check (待审核); default: as schedule.review says." },
	{ "progress", cmd_progress,
	  "MEASURE_ID UNIT --text TEXT [--percent N] [--problems TEXT] [--next TEXT]",
	  "Record UNIT's progress report (报告进展) on the measure's occurrence\n"
	  "due now: what was done (up to 2000 characters), the share complete\n"
	  "(0-100), problems needing coordination and next steps (up to 1000\n"
	  "characters each).  It counts as 已收到 and ends that period's report\n"
	  "request (schedule.progress)." },
	{ "pause", cmd_pause,
	  "MEASURE_ID UNIT|--all --until YYYY-MM-DD --reason TEXT",
	  "Pause the item (暂停), for a measure held up by something outside\n"
	  "the unit's hands: no notice of any stage goes to it until the\n"
	  "--until date, when it resumes (of what fell due in the pause only\n"
	  "the notice current then goes out).  UNIT may be a unit, an alias\n"
	  "or a group (each of its members in the measure paused); --all\n"
	  "pauses every unit of the measure.  Logged in acks." },
	{ "resume", cmd_resume, "MEASURE_ID UNIT|--all",
	  "End the item's pause before its date (for a group, its members';\n"
	  "--all, every pause of the measure).  Logged in acks." },
	{ "pauses", cmd_pauses, "[--json]",
	  "Show the pauses in force: measure, unit, until, source, reason." },
	{ "acks", cmd_acks, "[--json]",
	  "Show the acknowledgement log: unit, measure, due date, kind (ack,\n"
	  "done, progress; the supervisor's pause, resume), time, source (web,\n"
	  "cli, api), note, and a report's share complete, problems and next\n"
	  "steps." },
	{ "ledger", cmd_ledger,
	  "[--format xlsx|csv|json] [--plan ID] [--unit NAME] [--from DATE] "
	  "[--to DATE] [-o FILE]",
	  "Write the ledger (台账): a row per item (a measure and one of its\n"
	  "units, a group's members each their own) with its due date, state,\n"
	  "when it was first notified, acknowledged and done, and whether on\n"
	  "time; the XLSX (the default) has a second sheet of each unit's\n"
	  "figures (考评) of the items due from --from to --to.  --unit takes\n"
	  "a unit, an alias or a group.  A workbook is not written to a\n"
	  "terminal: give -o FILE or redirect stdout." },
	{ "scores", cmd_scores,
	  "[--from DATE] [--to DATE] [--plan ID] [--unit NAME] [--json]",
	  "Show each unit's 考评 for the items due from --from to --to (every\n"
	  "item without them): items, done on time and late, overdue, open,\n"
	  "due by today, the on-time rate, the median working days from the\n"
	  "first notice to the first answer, those never answered, and\n"
	  "progress reports on time of those due; the lowest rate first." },
	{ "report", cmd_report,
	  "--dry-run [--name NAME] [--format html|text|markdown]",
	  "Print the periodic report (情况通报, reports in the configuration;\n"
	  "the first, or --name's) as it would go out at --now: the HTML of\n"
	  "its mail (the default), its text part, or the robots' markdown.\n"
	  "Records and sends nothing: deadlined sends the reports." },
	{ "feeds", cmd_feeds, "",
	  "Print each configured unit's calendar feed URL (public_url +\n"
	  "/ics/TOKEN.ics), to subscribe to in Outlook, WPS or DingTalk.  The\n"
	  "tokens derive from the key file next to the database." },
	{ "outbox", cmd_outbox,
	  "[--state STATE] [--unit NAME] [--since TIME] [--all] [--json]",
	  "Show the deliveries and their state (queued, sending, sent,\n"
	  "failed; skipped ones only with --all or --state skipped), with\n"
	  "their attempts, next attempt, last error and measures, under a\n"
	  "header row." },
	{ "retry", cmd_retry, "ID... | --failed [--unit NAME]",
	  "Queue failed messages again: those with these ids (see outbox), or\n"
	  "every failed one (of unit NAME).  Each goes to the address its unit\n"
	  "has now in the configuration: fix the address, reload deadlined,\n"
	  "then retry.  All or none: an id that names no failed message, or a\n"
	  "message whose unit has no address to take its place, queues nothing\n"
	  "(exit 65).  A running deadlined sends them at once." },
	{ "check-config", cmd_check_config, "[--verbose]",
	  "Validate the configuration (errors as FILE:LINE: message, exit 78)\n"
	  "and list the plan unit names that map to no recipient; warn when\n"
	  "the holiday calendar has no holidays of this year or of a stored\n"
	  "plan's.  --verbose also prints every option with its value." },
	{ "send-test", cmd_send_test, "UNIT",
	  "Send a test notice to every channel of UNIT (a configured unit, or\n"
	  "admin) and report each outcome." },
	{ "parse-deadline", cmd_parse_deadline, "TEXT [--year YYYY|current]",
	  "Print how the deadline grammar reads TEXT, as one JSON object:\n"
	  "{\"text\": ..., \"kind\": ..., \"due\": ...}." },
};

const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void
ctl_usage(FILE *f)
{
	fprintf(f, "usage: deadlinectl [-c FILE] [--db PATH] [--now TIME] COMMAND [ARGS]\n\n"
	    "commands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  %s%s%s\n", commands[i].name,
		    *commands[i].usage != '\0' ? " " : "", commands[i].usage);
	fprintf(f, "\n'deadlinectl COMMAND --help' describes a command.\n");
}
