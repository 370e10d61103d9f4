/* notice_keys: the keys of the notices stored, for a pass that looks at
 * every item again (after a start, a reload, a request): it asks the
 * database only about the notices not there yet instead of about each of
 * an item's past ones.  Read in the pass's transaction; a fingerprint of
 * each key (62 bits, and whether it is current) in a set of open
 * addressing. */
#ifndef DEADLINED_NOTICE_KEYS_H
#define DEADLINED_NOTICE_KEYS_H

#include <stdbool.h>

#include "store/outbox.h"

struct notice_keys;
int outbox_notice_keys(struct store *s, struct notice_keys **out,
    struct error *err) WARN_UNUSED_RESULT;
/* Whether outbox_add_notice(n) would change nothing: n is stored, and
 * current or n is not. */
bool notice_keys_known(const struct notice_keys *k, const struct notice_new *n);
void notice_keys_free(struct notice_keys *k);

#endif
