/* outgoing: outcomes and capacities, shared by the deliverer, the
 * daemon's sender and the outbox. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf/config.h"
#include "deliver/outgoing.h"

/* Length of the longest prefix of s[0..len) that does not end inside a
 * UTF-8 sequence, so that cut messages stay valid UTF-8. */
static size_t
utf8_prefix(const char *s, size_t len)
{
	size_t i = len, need;
	unsigned char c;

	/* Back up over continuation bytes to the last lead byte. */
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return len;
	c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return len;
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return len - (i - 1) >= need ? len : i - 1;
}

void
outcome_set(struct outcome *o, enum outcome_kind kind, const char *fmt, ...)
{
	va_list ap;
	size_t i, len;
	int n;

	o->kind = kind;
	va_start(ap, fmt);
	n = vsnprintf(o->error, sizeof(o->error), fmt, ap);
	va_end(ap);
	if (n < 0)
		o->error[0] = '\0';
	len = strlen(o->error);
	/* The outbox keeps one line: servers' replies may carry CR LF. */
	for (i = 0; i < len; i++)
		if ((unsigned char)o->error[i] < 0x20 || o->error[i] == 0x7f)
			o->error[i] = ' ';
	if (n >= 0 && (size_t)n >= sizeof(o->error))
		o->error[utf8_prefix(o->error, len)] = '\0';
}

/* One on each connection or slot and the rest waiting: a transfer that
 * ends is followed at once by the next while the daemon records the last
 * ones, and it hands over several per round rather than one.  Measured
 * with 1000 mails through deadlined --once: 2 per connection, 2.4 s and
 * 1.1 s of CPU; 8, 1.1 s and 0.75 s; more, little better. */
size_t
outgoing_capacity(const struct delivery_config *c, enum channel_kind kind)
{
	int slots = kind == CHAN_EMAIL ? c->smtp.connections : c->webhook_concurrency;

	return 8 * (size_t)(slots > 0 ? slots : 1);
}

/* Mail: one a connection, the next only once the last one's outcome is
 * committed (engine_turn commits it with the next one's mark), so that a
 * crash can re-send no more than one mail a connection: the one on the
 * wire, or just answered.  A commit (a sync) a round of mail: 1000 mails
 * through 2 connections to bench/smtp_sink.py took 0.63 s against 0.53 s
 * with the deliverer's 8 a connection; a crash re-sent 2.0 to 2.3 a kill
 * then.  Webhooks: what the deliverer holds. */
size_t
outgoing_window(const struct delivery_config *c, enum channel_kind kind)
{
	if (kind == CHAN_EMAIL)
		return c->smtp.connections > 0 ? (size_t)c->smtp.connections : 1;
	return outgoing_capacity(c, kind);
}
