/* sendproto: the records that the daemon's sender (sender.c) and its
 * delivery agent (deadlined-send) exchange over a stream socket, fd 3 in
 * the agent.  A record is a 4-byte length, a type byte and its fields:
 * integers as 8 bytes, strings as a 4-byte length, the bytes and a NUL
 * (so that a reader may point into the record), all in host byte order
 * since both ends run on one machine.
 *
 * Daemon to agent: CONFIG first, what the deliverer reads of the
 * configuration (the SMTP password with it, which so never appears in
 * argv, the environment or a file the agent reads), then MESSAGEs.
 * Agent to daemon: an OUTCOME for every MESSAGE (OUTCOME_DEFERRED when a
 * robot's rate limit holds it back), and IDLE when the agent has had
 * nothing to do for a while and may be stopped.
 *
 * Both ends read and write without blocking, through a struct sp_conn
 * whose buffers hold what is not yet read or sent; a write never raises
 * SIGPIPE. */
#ifndef DEADLINED_SENDPROTO_H
#define DEADLINED_SENDPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/buf.h"
#include "conf/config.h"
#include "deliver/outgoing.h"

enum sp_type {
	SP_CONFIG = 'C',
	SP_MESSAGE = 'M',
	SP_OUTCOME = 'O',
	SP_IDLE = 'I',
};

struct sp_conn {
	int fd;			/* -1: closed */
	struct buf in;		/* received, from in_off on not yet taken */
	size_t in_off;
	struct buf out;		/* to send, from out_off on */
	size_t out_off;
};

/* A record taken from the input: it points into the connection's input
 * buffer and is valid until the next sendproto_read. */
struct sp_rec {
	enum sp_type type;
	const unsigned char *p, *end;	/* its fields */
};

/* Use fd (made non-blocking) for c. */
void sendproto_init(struct sp_conn *c, int fd);
/* Close c's fd; its buffers are wiped (a CONFIG holds a password) and
 * freed. */
void sendproto_close(struct sp_conn *c);

/* Read what has arrived: > 0 when the peer is still there, 0 at the end
 * of its stream, -1 on an error (errno). */
int sendproto_read(struct sp_conn *c);
/* Take the next whole record: 1 (*r is filled), 0 when there is none
 * yet, -1 when the input is not a record stream. */
int sendproto_next(struct sp_conn *c, struct sp_rec *r);

/* Send what the socket takes now: 0, or -1 on an error (errno; EPIPE
 * when the peer is gone). */
int sendproto_flush(struct sp_conn *c);
/* Bytes still to send. */
size_t sendproto_pending(const struct sp_conn *c);

void sendproto_put_config(struct sp_conn *c, const struct delivery_config *cfg,
    int log_level);
void sendproto_put_message(struct sp_conn *c, const struct outgoing *m);
void sendproto_put_outcome(struct sp_conn *c, int64_t id, const struct outcome *o);
void sendproto_put_idle(struct sp_conn *c);

/* Decode r into cfg (zeroed first; only the fields CONFIG carries are
 * set, as copies: free them with sendproto_config_free); false when r is
 * not a well-formed CONFIG. */
bool sendproto_get_config(const struct sp_rec *r, struct delivery_config *cfg,
    int *log_level) WARN_UNUSED_RESULT;
/* Free (and wipe) what sendproto_get_config set in cfg. */
void sendproto_config_free(struct delivery_config *cfg);
/* Decode r into m, whose strings point into r; false when malformed. */
bool sendproto_get_message(const struct sp_rec *r, struct outgoing *m) WARN_UNUSED_RESULT;
bool sendproto_get_outcome(const struct sp_rec *r, int64_t *id,
    struct outcome *o) WARN_UNUSED_RESULT;

#endif
