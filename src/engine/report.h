/* report: the periodic report (情况通报): made from the ledger of the
 * plans it covers on its slot's day (engine/report_render.c writes its
 * texts), queued by the daemon's pass once per slot, in the pass's
 * transaction together with its report_run row, and shown by
 * `deadlinectl report --dry-run`. */
#ifndef DEADLINED_REPORT_H
#define DEADLINED_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/buf.h"
#include "base/util.h"
#include "conf/config.h"
#include "plan/plan.h"
#include "store/ledger.h"
#include "store/store.h"

/* Rows a list of the report shows (overdue, unreported, changed); the
 * rest are counted and left to the ledger. */
#define REPORT_LIST_MAX 100
/* The ledger goes with a mail up to this size (the workbook's bytes,
 * 8 MiB: within what common mail servers take once base64 adds a
 * third); a larger one is linked instead. */
#define REPORT_FILE_MAX ((size_t)8 << 20)

/* How long after its time a slot is still made (the daemon was down):
 * a day; one later than that is not sent at all. */
#define REPORT_LATE_MAX 86400

/* What the texts say besides the ledger. */
struct report_input {
	const char *name;		/* the report's */
	const char *last_snapshot;	/* the last report's states, NULL:
					 * this is the first */
	int last_slot;			/* and its day */
	bool attached;			/* the ledger goes with a mail */
	const char *file_name;		/* as which */
	const char *ledger_url;		/* /ledger.xlsx, NULL: none */
};

struct report_text {
	char *subject;
	struct buf html, text, markdown;
};

/* The report's texts from ledger l (report_render.c). */
void report_render(const struct ledger *l, const struct report_input *in,
    struct report_text *out);
void report_text_free(struct report_text *t);
/* Each row's state, "MEASURE\tUNIT\tSTATE\n", for the next report. */
void report_snapshot(const struct ledger *l, struct buf *b);

/* A report made for a slot. */
struct report_made {
	struct report_text t;
	struct buf file;		/* the workbook when attached */
	char file_name[64];		/* 台账-YYYY-MM-DD.xlsx */
	bool attached;
	char *url;			/* /ledger.xlsx, NULL: none */
	struct buf snapshot;
};

/* Report r of slot (its nominal day) at now, over the stored plans
 * (those r names, or all): the ledger on now's day, the last report's
 * states before slot for the changes. */
int report_make(struct store *st, const struct config *cfg,
    struct plan *const *plans, size_t np, const struct report_conf *r,
    int slot, time_t now, struct report_made *o,
    struct error *err) WARN_UNUSED_RESULT;
void report_made_free(struct report_made *o);

#endif
