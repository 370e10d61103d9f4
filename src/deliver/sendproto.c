/* sendproto: framing, encoding and non-blocking I/O of the sender's
 * records (see sendproto.h). */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "deliver/sendproto.h"

/* The largest record either end accepts: a digest is tens of KiB; more
 * than this is a broken stream, not a message. */
#define RECORD_MAX	(64u << 20)
#define NULL_STR	UINT32_MAX	/* string length that stands for NULL */
#define READ_CHUNK	16384

void
sendproto_init(struct sp_conn *c, int fd)
{
	int fl;

	memset(c, 0, sizeof(*c));
	c->fd = fd;
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		(void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Wipe and free b. */
static void
buf_wipe(struct buf *b)
{
	if (b->s != NULL)
		explicit_bzero(b->s, b->cap);
	buf_free(b);
}

void
sendproto_close(struct sp_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_wipe(&c->in);
	buf_wipe(&c->out);
	c->in_off = c->out_off = 0;
}

/* Drop the first n bytes of b, wiping what is left behind. */
static void
buf_consume(struct buf *b, size_t n)
{
	if (n == 0)
		return;
	memmove(b->s, b->s + n, b->len - n);
	explicit_bzero(b->s + b->len - n, n);
	b->len -= n;
	b->s[b->len] = '\0';
}

int
sendproto_read(struct sp_conn *c)
{
	char chunk[READ_CHUNK];
	ssize_t n;

	/* What was taken is done with: records point into the buffer only
	 * until this call. */
	buf_consume(&c->in, c->in_off);
	c->in_off = 0;
	for (;;) {
		n = read(c->fd, chunk, sizeof(chunk));
		if (n > 0) {
			buf_add(&c->in, chunk, (size_t)n);
			continue;
		}
		if (n == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 1;
		return -1;
	}
}

int
sendproto_next(struct sp_conn *c, struct sp_rec *r)
{
	const unsigned char *p = (const unsigned char *)c->in.s + c->in_off;
	size_t avail = c->in.len - c->in_off;
	uint32_t len;

	if (avail < sizeof(len))
		return 0;
	memcpy(&len, p, sizeof(len));
	if (len == 0 || len > RECORD_MAX)
		return -1;
	if (avail - sizeof(len) < len)
		return 0;
	r->type = (enum sp_type)p[sizeof(len)];
	r->p = p + sizeof(len) + 1;
	r->end = p + sizeof(len) + len;
	c->in_off += sizeof(len) + len;
	return 1;
}

int
sendproto_flush(struct sp_conn *c)
{
	ssize_t n;

	while (c->out_off < c->out.len) {
		n = send(c->fd, c->out.s + c->out_off, c->out.len - c->out_off,
		    MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0)
			return -1;
		c->out_off += (size_t)n;
	}
	buf_consume(&c->out, c->out_off);
	c->out_off = 0;
	return 0;
}

size_t
sendproto_pending(const struct sp_conn *c)
{
	return c->out.len - c->out_off;
}

/* ---- encoding -------------------------------------------------------- */

/* Open a record of type t: its length is filled in by rec_end. */
static size_t
rec_begin(struct sp_conn *c, enum sp_type t)
{
	size_t at = c->out.len;
	uint32_t zero = 0;
	char type = (char)t;

	buf_add(&c->out, &zero, sizeof(zero));
	buf_add(&c->out, &type, 1);
	return at;
}

static void
rec_end(struct sp_conn *c, size_t at)
{
	uint32_t len = (uint32_t)(c->out.len - at - sizeof(len));

	memcpy(c->out.s + at, &len, sizeof(len));
}

static void
put_int(struct sp_conn *c, int64_t v)
{
	buf_add(&c->out, &v, sizeof(v));
}

/* s[0..n), or NULL. */
static void
put_mem(struct sp_conn *c, const char *s, size_t n)
{
	uint32_t len = s != NULL ? (uint32_t)n : NULL_STR;

	buf_add(&c->out, &len, sizeof(len));
	if (s != NULL) {
		buf_add(&c->out, s, n);
		buf_add(&c->out, "", 1);
	}
}

static void
put_str(struct sp_conn *c, const char *s)
{
	put_mem(c, s, s != NULL ? strlen(s) : 0);
}

/* The fields of the configuration that the agent needs, in record
 * order: the one list that encoder, decoder and free all walk, so that a
 * field added here cannot be sent and not read (as smtp.connections once
 * was).  Integers carry their range; strings are copied, the secret ones
 * wiped when freed. */
static const struct sp_field {
	enum { SPF_INT, SPF_BOOL, SPF_STR, SPF_SECRET } type;
	size_t offset;		/* into struct delivery_config */
	int64_t min, max;
} config_fields[] = {
	{ SPF_BOOL, offsetof(struct delivery_config, smtp.starttls), 0, 1 },
	{ SPF_INT, offsetof(struct delivery_config, smtp.timeout), 0, INT32_MAX },
	{ SPF_INT, offsetof(struct delivery_config, webhook_concurrency), 0, INT32_MAX },
	{ SPF_INT, offsetof(struct delivery_config, smtp.connections), 0, INT32_MAX },
	{ SPF_STR, offsetof(struct delivery_config, smtp.url), 0, 0 },
	{ SPF_STR, offsetof(struct delivery_config, smtp.from), 0, 0 },
	{ SPF_STR, offsetof(struct delivery_config, smtp.username), 0, 0 },
	{ SPF_STR, offsetof(struct delivery_config, smtp.ca_file), 0, 0 },
	{ SPF_SECRET, offsetof(struct delivery_config, smtp.password), 0, 0 },
};

static void *
field_at(const struct delivery_config *cfg, const struct sp_field *f)
{
	return (char *)(uintptr_t)cfg + f->offset;
}

void
sendproto_put_config(struct sp_conn *c, const struct delivery_config *cfg, int log_level)
{
	size_t at = rec_begin(c, SP_CONFIG), i;
	const struct sp_field *f;

	put_int(c, log_level);
	for (i = 0; i < ARRAY_LEN(config_fields); i++) {
		f = &config_fields[i];
		switch (f->type) {
		case SPF_BOOL:
			put_int(c, *(bool *)field_at(cfg, f));
			break;
		case SPF_INT:
			put_int(c, *(int *)field_at(cfg, f));
			break;
		case SPF_STR:
		case SPF_SECRET:
			put_str(c, *(char **)field_at(cfg, f));
			break;
		}
	}
	rec_end(c, at);
}

void
sendproto_put_message(struct sp_conn *c, const struct outgoing *m)
{
	size_t at = rec_begin(c, SP_MESSAGE);

	put_int(c, m->id);
	put_int(c, m->channel);
	put_str(c, m->address);
	put_str(c, m->secret);
	put_str(c, m->ca_file);
	put_str(c, m->ext_id);
	put_str(c, m->title);
	put_mem(c, m->payload, m->payload != NULL ? m->len : 0);
	rec_end(c, at);
}

void
sendproto_put_outcome(struct sp_conn *c, int64_t id, const struct outcome *o)
{
	size_t at = rec_begin(c, SP_OUTCOME);

	put_int(c, id);
	put_int(c, o->kind);
	put_int(c, o->retry_after);
	put_str(c, o->error);
	rec_end(c, at);
}

void
sendproto_put_idle(struct sp_conn *c)
{
	rec_end(c, rec_begin(c, SP_IDLE));
}

/* ---- decoding -------------------------------------------------------- */

static bool
get_int(const unsigned char **p, const unsigned char *end, int64_t *v)
{
	if ((size_t)(end - *p) < sizeof(*v))
		return false;
	memcpy(v, *p, sizeof(*v));
	*p += sizeof(*v);
	return true;
}

/* A string as put_mem wrote it: *s points into the record (NULL for
 * NULL), *n is its length. */
static bool
get_mem(const unsigned char **p, const unsigned char *end, const char **s,
    size_t *n)
{
	uint32_t len;

	if ((size_t)(end - *p) < sizeof(len))
		return false;
	memcpy(&len, *p, sizeof(len));
	*p += sizeof(len);
	*n = 0;
	if (len == NULL_STR) {
		*s = NULL;
		return true;
	}
	if ((size_t)(end - *p) <= len || (*p)[len] != '\0')
		return false;
	*s = (const char *)*p;
	*n = len;
	*p += (size_t)len + 1;
	return true;
}

static bool
get_str(const unsigned char **p, const unsigned char *end, const char **s)
{
	size_t n;

	return get_mem(p, end, s, &n) && (*s == NULL || strlen(*s) == n);
}

/* An int64 that must fit [lo, hi]. */
static bool
get_range(const unsigned char **p, const unsigned char *end, int64_t lo,
    int64_t hi, int64_t *v)
{
	return get_int(p, end, v) && *v >= lo && *v <= hi;
}

bool
sendproto_get_config(const struct sp_rec *r, struct delivery_config *cfg, int *log_level)
{
	const unsigned char *p = r->p;
	const struct sp_field *f;
	const char *str;
	int64_t v;
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	if (r->type != SP_CONFIG || !get_range(&p, r->end, 0, 7, &v))
		return false;
	*log_level = (int)v;
	for (i = 0; i < ARRAY_LEN(config_fields); i++) {
		f = &config_fields[i];
		if (f->type == SPF_STR || f->type == SPF_SECRET) {
			if (!get_str(&p, r->end, &str))
				break;
			*(char **)field_at(cfg, f) = str != NULL ?
			    xstrdup(str) : NULL;
		} else if (!get_range(&p, r->end, f->min, f->max, &v))
			break;
		else if (f->type == SPF_BOOL)
			*(bool *)field_at(cfg, f) = v != 0;
		else
			*(int *)field_at(cfg, f) = (int)v;
	}
	if (i < ARRAY_LEN(config_fields) || p != r->end) {
		sendproto_config_free(cfg);
		return false;
	}
	return true;
}

void
sendproto_config_free(struct delivery_config *cfg)
{
	const struct sp_field *f;
	char **sp;
	size_t i;

	for (i = 0; i < ARRAY_LEN(config_fields); i++) {
		f = &config_fields[i];
		if (f->type != SPF_STR && f->type != SPF_SECRET)
			continue;
		sp = field_at(cfg, f);
		if (*sp != NULL && f->type == SPF_SECRET)
			explicit_bzero(*sp, strlen(*sp));
		free(*sp);
	}
	memset(cfg, 0, sizeof(*cfg));
}

bool
sendproto_get_message(const struct sp_rec *r, struct outgoing *m)
{
	const unsigned char *p = r->p;
	int64_t id, ch;

	memset(m, 0, sizeof(*m));
	if (r->type != SP_MESSAGE || !get_int(&p, r->end, &id) ||
	    !get_range(&p, r->end, INT32_MIN, INT32_MAX, &ch) ||
	    !get_str(&p, r->end, &m->address) ||
	    !get_str(&p, r->end, &m->secret) ||
	    !get_str(&p, r->end, &m->ca_file) ||
	    !get_str(&p, r->end, &m->ext_id) ||
	    !get_str(&p, r->end, &m->title) ||
	    !get_mem(&p, r->end, &m->payload, &m->len) || p != r->end)
		return false;
	m->id = id;
	/* A kind outside the enum stays so: the deliverer fails it. */
	m->channel = (enum channel_kind)ch;
	return true;
}

bool
sendproto_get_outcome(const struct sp_rec *r, int64_t *id, struct outcome *o)
{
	const unsigned char *p = r->p;
	const char *error;
	int64_t kind, after;

	memset(o, 0, sizeof(*o));
	if (r->type != SP_OUTCOME || !get_int(&p, r->end, id) ||
	    !get_range(&p, r->end, OUTCOME_SENT, OUTCOME_DEFERRED, &kind) ||
	    !get_range(&p, r->end, 0, INT32_MAX, &after) ||
	    !get_str(&p, r->end, &error) || error == NULL || p != r->end)
		return false;
	o->kind = (enum outcome_kind)kind;
	o->retry_after = (int)after;
	outcome_set(o, o->kind, "%s", error);
	return true;
}
