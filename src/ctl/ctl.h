/* ctl: what deadlinectl's commands share: the global options and what
 * they lead to (the configuration, the clock), opening the store, and
 * writing output.  Each command file (ctl/plans.c, ctl/answers.c,
 * ctl/admin.c) holds the commands of one kind; deadlinectl.c parses the
 * command line and dispatches. */
#ifndef DEADLINED_CTL_H
#define DEADLINED_CTL_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "base/buf.h"
#include "conf/config.h"
#include "plan/units.h"
#include "store/store.h"
#include "store/tokens.h"

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

/* Long options every command accepts besides its own. */
#define GLOBAL_OPTIONS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "db", required_argument, NULL, 'D' }, \
	{ "now", required_argument, NULL, 'N' }, \
	{ "help", no_argument, NULL, 'h' }
/* Commands take options anywhere (GNU permutation); before the command,
 * "+" stops at its name. */
#define GLOBAL_SHORT "c:h"


/* commands.c: the command named name, or NULL; the usage text. */
const struct command *find_command(const char *name);
void ctl_usage(FILE *f);

/* ctl.c */
void usage_line(FILE *f, const struct command *c);
/* Handle an option every command shares; returns -1 for an unknown one,
 * 1 when the command is done (help shown), 0 otherwise. */
int global_option(struct ctl *ctl, const struct command *c, int opt);
/* Report a usage error for command c. */
int usage_error(const struct command *c, const char *what);
/* Load the configuration and settle the zone, the clock and the day. */
int setup(struct ctl *ctl);
/* Open the database named by --db or the configuration. */
int open_store(struct ctl *ctl, struct store **st);
/* The same for a run that stores nothing (import --dry-run): when the
 * database does not exist yet, an empty one in memory, no file made. */
int open_store_dry(struct ctl *ctl, struct store **st);
/* Write b to stdout; EXIT_IOERR when that fails (a full disk, a closed
 * pipe). */
int emit(struct buf *b);
/* Parse a --year value: YYYY or "current". */
bool parse_year(const struct ctl *ctl, const char *s, int *year);

/* plans.c */
int cmd_import(struct ctl *ctl, int argc, char **argv);
int cmd_export(struct ctl *ctl, int argc, char **argv);
int cmd_list(struct ctl *ctl, int argc, char **argv);
int cmd_parse_deadline(struct ctl *ctl, int argc, char **argv);

/* admin.c */
/* A command that prints one listing from the store, as text or --json. */
int list_command(struct ctl *ctl, int argc, char **argv, const char *name,
    int (*list)(struct store *, bool, struct buf *, struct error *));
int cmd_outbox(struct ctl *ctl, int argc, char **argv);
int cmd_retry(struct ctl *ctl, int argc, char **argv);
int cmd_check_config(struct ctl *ctl, int argc, char **argv);
int cmd_send_test(struct ctl *ctl, int argc, char **argv);

/* answers.c */
int cmd_ack(struct ctl *ctl, int argc, char **argv);
int cmd_done(struct ctl *ctl, int argc, char **argv);
/* The measure with this id in the loaded plans (its plan in *plan), or
 * NULL. */
const struct plan_measure *ctl_find_measure(struct plan **plans, size_t n,
    int64_t id, const struct plan **plan);
/* A MEASURE_ID argument of command c into *id; a usage error else. */
int ctl_measure_id(const struct command *c, const char *arg, int64_t *id);
/* The item MEASURE_ID UNIT (a unit's name or alias) names, for its
 * occurrence current today, and the unit's role in it; the plans loaded
 * into *plans (t->unit points into them: free them after).  A sysexits
 * code, the reason said on stderr, when there is none. */
int ctl_find_item(struct ctl *ctl, struct store *st, int64_t id,
    const char *unit, struct plan ***plans, size_t *n, struct ack_target *t,
    enum role *role);
int cmd_progress(struct ctl *ctl, int argc, char **argv);
int cmd_acks(struct ctl *ctl, int argc, char **argv);
int cmd_feeds(struct ctl *ctl, int argc, char **argv);
int cmd_ledger(struct ctl *ctl, int argc, char **argv);
int cmd_scores(struct ctl *ctl, int argc, char **argv);
int cmd_report(struct ctl *ctl, int argc, char **argv);

/* pauses.c */
int cmd_pause(struct ctl *ctl, int argc, char **argv);
int cmd_resume(struct ctl *ctl, int argc, char **argv);
int cmd_pauses(struct ctl *ctl, int argc, char **argv);

/* requests.c */
/* Whether a reason or note is acceptable: at most max characters of
 * UTF-8. */
bool ctl_note_ok(const char *s, size_t max);
int cmd_extend(struct ctl *ctl, int argc, char **argv);
int cmd_approve(struct ctl *ctl, int argc, char **argv);
int cmd_reject(struct ctl *ctl, int argc, char **argv);
int cmd_review(struct ctl *ctl, int argc, char **argv);
int cmd_plan_review(struct ctl *ctl, int argc, char **argv);

#endif
