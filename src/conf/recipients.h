/* recipients: plan unit names -> configured recipients, through names,
 * aliases and groups (各市市场监督管理局 -> the 16 city bureaus). */
#ifndef DEADLINED_RECIPIENTS_H
#define DEADLINED_RECIPIENTS_H

#include <stdbool.h>
#include <stddef.h>
#include "base/buf.h"
#include "conf/config.h"
#include "plan/plan.h"
#include "plan/units.h"

/* Resolve a unit name as written in a plan.  Returns the number of
 * recipients and a new array of pointers into c (free() it).  A name that
 * maps to nothing (or a group member that does) yields c->admin and sets
 * *unmapped.  Whitespace and full-width/half-width differences are
 * ignored when comparing names. */
size_t recipients_resolve(const struct config *c, const char *name,
    const struct recipient ***out, bool *unmapped);

/* Index c's unit names, aliases and group names, folded (config_load
 * does it once: resolving is then a lookup, not a scan folding every
 * configured name).  recipients_unindex frees the index. */
void recipients_index(struct config *c);
void recipients_unindex(struct config *c);

/* Whether r has a channel of its own (an address, a webhook or a
 * maildir); one without gets the configuration's maildir. */
bool recipient_has_channel(const struct recipient *r);

/* The configured recipient with this name or alias, or NULL. */
const struct recipient *recipients_find(const struct config *c, const char *name);
/* Admin, the supervisors or a periodic report's recipients by their
 * names, else recipients_find: the recipient an outbox row names. */
const struct recipient *recipients_named(const struct config *c,
    const char *name);

/* One place a recipient's notices go: a channel and its address. */
struct address {
	enum channel_kind kind;
	const char *to;			/* into the configuration */
	const struct webhook *webhook;	/* its webhook, NULL for mail */
};

/* The k-th address of r, in order: its emails, its webhooks, its
 * maildir; a recipient with none of these has the configuration's
 * default maildir, if there is one.  False past the last.  The one
 * place that says where a recipient's messages go. */
bool recipient_address(const struct config *c, const struct recipient *r,
    size_t k, struct address *a);

/* What resolving cannot get right, one line each into b as
 * "PATH:LINE: message": a group member that names no unit, alias or
 * group, and a group that contains itself (directly or through other
 * groups).  Returns the number of lines. */
size_t recipients_check(const struct config *c, struct buf *b);

/* The canonical units of a measure whose cell names in[0..n): each name
 * stands for the configured unit it names (by name or alias), or for
 * every member of the group it names (members inherit the group's role
 * on the measure; nested groups too).  A unit reached twice keeps the
 * stronger role, and the group that lists it (unit_ref.group).  A name
 * that resolves to nothing stays a unit of its own.  Order: first
 * mention.  Returns the count; *out is freed with units_free. */
size_t recipients_canonical(const struct config *c, const struct unit_ref *in,
    size_t n, struct unit_ref **out);

/* Warn in p, at each measure, of a unit name that names nothing
 * configured but configured names run together (市生态环境局市水务局):
 * recipients_canonical reads it as those, and the plan may have meant
 * one office the configuration does not know. */
void recipients_warn_run_together(const struct config *c, struct plan *p);
/* Replace every measure's units by its canonical units: what the
 * engine, the board, the feeds and the CLI count items by. */
void recipients_canonical_plans(const struct config *c,
    struct plan *const *plans, size_t n);

#endif
