/* retry: failed messages queued again by hand (deadlinectl retry), each
 * to the address its unit has now in the configuration, so that fixing
 * an address and retrying reaches the unit. */
#ifndef DEADLINED_RETRY_H
#define DEADLINED_RETRY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "conf/config.h"
#include "store/store.h"

/* What retry did with one message. */
struct retried {
	int64_t id;
	char *unit;
	enum channel_kind channel;
	char *was;		/* the address it failed at, secrets masked */
	char *to;		/* the address it goes to now, the same way */
};

/* Queue the failed messages ids[0..n) again at now, all or none, in one
 * transaction; *out gets one record each (a repeated id counts once).
 * Each goes to its recipient's address on its channel as c has it
 * (recipient_address): the one it failed at while c still has it; else
 * the one address of that channel that no other message with its
 * notices has gone to (a mail's To follows it).  The outbox notes the
 * retry as the message's last error until its next outcome; attempts are
 * kept.  Each problem (no such message, one not failed, a unit c no
 * longer has, or no address or several to take the old one's place) is
 * a line "message N: ..." in problems, and makes it EXIT_DATAERR with
 * nothing queued. */
int retry_messages(const struct config *c, struct store *st,
    const int64_t *ids, size_t n, time_t now, struct retried **out,
    size_t *nout, struct buf *problems, struct error *err);
void retried_free(struct retried *r, size_t n);

#endif
