/* retry: failed messages queued again by hand (see retry.h).  The
 * message keeps its text, its Message-ID or webhook-id and its attempts;
 * what follows the configuration is its address (and a mail's To).  A
 * running daemon sends it as soon as it is queued (it watches the
 * database, store_watch). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/redact.h"
#include "conf/recipients.h"
#include "deliver/render.h"
#include "engine/retry.h"
#include "store/outbox.h"

/* The configured recipient a message was stored for, or NULL: admin,
 * the supervisors, a periodic report's recipients (by its name), a
 * unit. */
static const struct recipient *
recipient_named(const struct config *c, const char *name)
{
	if (strcmp(name, c->admin.name) == 0)
		return &c->admin;
	if (strcmp(name, c->supervisors.name) == 0)
		return &c->supervisors;
	for (size_t i = 0; i < c->nreports; i++)
		if (strcmp(name, c->reports[i].to.name) == 0)
			return &c->reports[i].to;
	return recipients_find(c, name);
}

/* Whether s is one of v[0..n). */
static bool
among(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* Where failed message rec goes now: *to (into c), or NULL with the
 * reason in problems. */
static int
address_now(const struct config *c, struct store *st,
    const struct message_record *rec, const char **to, struct buf *problems,
    struct error *err)
{
	const struct recipient *r = recipient_named(c, rec->recipient);
	const char *ch = channel_name(rec->channel), *fresh = NULL;
	struct address a;
	char **covered = NULL, *was;
	size_t k, ncov = 0, nkind = 0, nfresh = 0;
	int rc;

	*to = NULL;
	if (r == NULL) {
		buf_printf(problems, "message %lld: unit \"%s\" is not in the "
		    "configuration any more\n", (long long)rec->id,
		    rec->recipient);
		return 0;
	}
	for (k = 0; recipient_address(c, r, k, &a); k++) {
		if (a.kind != rec->channel)
			continue;
		nkind++;
		if (strcmp(a.to, rec->address) == 0) {
			*to = a.to;
			return 0;
		}
	}
	/* The address it failed at is gone: the one that took its place
	 * is the one of that channel that has not had these items. */
	if (nkind > 0 && (rc = outbox_covered(st, rec->id, &covered, &ncov,
	    err)) != 0)
		return rc;
	for (k = 0; recipient_address(c, r, k, &a); k++)
		if (a.kind == rec->channel && !among(covered, ncov, a.to)) {
			nfresh++;
			fresh = a.to;
		}
	for (k = 0; k < ncov; k++)
		free(covered[k]);
	free(covered);
	if (nfresh == 1) {
		*to = fresh;
		return 0;
	}
	was = redact_url(rec->address);
	if (nkind == 0)
		buf_printf(problems, "message %lld: unit \"%s\" has no %s "
		    "address any more\n", (long long)rec->id, r->name, ch);
	else if (nfresh == 0)
		buf_printf(problems, "message %lld: %s is no %s address of unit "
		    "\"%s\" any more, and its other ones have had these items\n",
		    (long long)rec->id, was, ch, r->name);
	else
		buf_printf(problems, "message %lld: %s is no %s address of unit "
		    "\"%s\" any more, and %zu new ones could take its place\n",
		    (long long)rec->id, was, ch, r->name, nfresh);
	free(was);
	return 0;
}

/* Queue failed message rec again to `to`, its text following for a
 * mail; what was done into *out. */
static int
requeue(struct store *st, const struct message_record *rec, const char *to,
    time_t now, struct retried *out, struct error *err)
{
	char *payload = NULL, *mail = NULL, *note, when[40];
	bool moved = strcmp(to, rec->address) != 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->id = rec->id;
	out->unit = xstrdup(rec->recipient);
	out->channel = rec->channel;
	out->was = redact_url(rec->address);
	out->to = redact_url(to);
	clock_format(now, when, sizeof(when));
	if (moved)
		note = xasprintf("queued again by deadlinectl retry at %s, to "
		    "%s (was %s); last error: %s", when, out->to, out->was,
		    rec->last_error != NULL ? rec->last_error : "none");
	else
		note = xasprintf("queued again by deadlinectl retry at %s; last "
		    "error: %s", when, rec->last_error != NULL ?
		    rec->last_error : "none");
	/* Only a mail names its address in its text. */
	if (moved && rec->channel == CHAN_EMAIL) {
		if ((rc = outbox_payload(st, rec->id, &payload, err)) != 0)
			goto out;
		if ((mail = render_mail_readdress(payload, to)) == NULL) {
			rc = error_set(err, EXIT_DATAERR, "message %lld: a mail "
			    "without a To field", (long long)rec->id);
			goto out;
		}
	}
	rc = outbox_requeue(st, rec->id, to, mail, note, now, err);
out:
	free(payload);
	free(mail);
	free(note);
	return rc;
}

int
retry_messages(const struct config *c, struct store *st, const int64_t *ids,
    size_t n, time_t now, struct retried **out, size_t *nout,
    struct buf *problems, struct error *err)
{
	struct message_record rec;
	const char *to;
	size_t i, k, cap = 0;
	bool found, seen;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = outbox_begin(st, err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0, seen = false; k < i && !seen; k++)
			seen = ids[k] == ids[i];
		if (seen)
			continue;
		if ((rc = outbox_record(st, ids[i], &rec, &found, err)) != 0)
			break;
		to = NULL;
		if (!found)
			buf_printf(problems, "message %lld: no such message\n",
			    (long long)ids[i]);
		else if (strcmp(rec.state, "failed") != 0)
			buf_printf(problems, "message %lld: %s, not failed\n",
			    (long long)ids[i], rec.state);
		else
			rc = address_now(c, st, &rec, &to, problems, err);
		if (rc == 0 && to != NULL) {
			*out = xgrow(*out, &cap, *nout + 1, sizeof(**out));
			rc = requeue(st, &rec, to, now, &(*out)[*nout], err);
			(*nout)++;
		}
		outbox_record_free(&rec);
	}
	if (rc == 0 && problems->len > 0)
		rc = error_set(err, EXIT_DATAERR, "nothing queued again");
	if (rc == 0 && (rc = outbox_commit(st, err)) == 0)
		return 0;
	outbox_rollback(st);
	retried_free(*out, *nout);
	*out = NULL;
	*nout = 0;
	return rc;
}

void
retried_free(struct retried *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].unit);
		free(r[i].was);
		free(r[i].to);
	}
	free(r);
}
