/* reports: the periodic reports' runs (report_run): each report's slot
 * made once, and its items' states, which the next report's "what
 * changed" is counted against. */
#ifndef DEADLINED_STORE_REPORTS_H
#define DEADLINED_STORE_REPORTS_H

#include <stdbool.h>
#include <time.h>

#include "base/util.h"
#include "store/store.h"

/* Whether report's slot (its nominal day) has been made. */
int report_run_made(struct store *s, const char *report, int slot,
    bool *made, struct error *err) WARN_UNUSED_RESULT;
/* The snapshot of report's latest run before slot, in a new *snapshot
 * (NULL when there is none), and that run's slot and time. */
int report_run_last(struct store *s, const char *report, int slot,
    char **snapshot, int *last_slot, time_t *made_at,
    struct error *err) WARN_UNUSED_RESULT;
/* Record report's slot as made at now with its items' states (inside
 * the transaction that queues its messages). */
int report_run_add(struct store *s, const char *report, int slot,
    time_t now, const char *snapshot, struct error *err) WARN_UNUSED_RESULT;

#endif
