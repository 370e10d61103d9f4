/* describe: the configuration in force written back out as a libconfig
 * file (`deadlinectl check-config --verbose`): every option of the table
 * with its value, secrets never shown. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "base/base64.h"
#include "base/buf.h"
#include "conf/calendar.h"
#include "base/clock.h"
#include "conf/config.h"
#include "conf/describe.h"
#include "base/log.h"
#include "base/text.h"
#include "conf/options.h"
#include "base/redact.h"

/* s as a libconfig string literal. */
static void
put_quoted(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else {
			if (*p == '"' || *p == '\\')
				buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

/* key = ["a", "b"]; (nothing when n is 0). */
static void
put_strings(struct buf *b, const char *key, char *const *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	buf_printf(b, " %s = [", key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		put_quoted(b, v[i]);
	}
	buf_puts(b, "];");
}

/* One option's value as written in the file. */
static void
put_value(struct buf *b, const struct config *c, const struct option_def *o)
{
	const char *const *sp = cslot(c, o->offset);
	const int *ip = cslot(c, o->offset);
	const int *const *vp;
	char *const *const *lp;
	unsigned mask;
	size_t i, n;
	int d;

	switch (o->type) {
	case OPT_STRING:
	case OPT_PATH:
		if (*sp == NULL)
			buf_puts(b, "(unset)");
		else
			put_quoted(b, *sp);
		break;
	case OPT_SECRET:
		buf_puts(b, *sp != NULL ? "(set)" : "(unset)");
		break;
	case OPT_INT:
		buf_printf(b, "%d", *ip);
		break;
	case OPT_BOOL:
		buf_puts(b, *(const bool *)cslot(c, o->offset) ?
		    "true" : "false");
		break;
	case OPT_ENUM:
		buf_printf(b, "\"%s\"", o->choices[*ip]);
		break;
	case OPT_TIME:
		buf_printf(b, "\"%02d:%02d\"", *ip / 60, *ip % 60);
		break;
	case OPT_INTS:
		vp = cslot(c, o->offset);
		n = *(const size_t *)cslot(c, o->count_offset);
		buf_putc(b, '[');
		for (i = 0; i < n; i++)
			buf_printf(b, "%s%d", i > 0 ? ", " : "", (*vp)[i]);
		buf_putc(b, ']');
		break;
	case OPT_STRINGS:
	case OPT_PATHS:
		lp = cslot(c, o->offset);
		n = *(const size_t *)cslot(c, o->count_offset);
		buf_putc(b, '[');
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			put_quoted(b, (*lp)[i]);
		}
		buf_putc(b, ']');
		break;
	case OPT_DAYS:
		mask = *(const unsigned *)cslot(c, o->offset);
		buf_putc(b, '[');
		/* Monday first, as people write the week. */
		for (i = 0, n = 0; i < 7; i++) {
			d = (int)(i + 1) % 7;
			if (mask & (1u << d))
				buf_printf(b, "%s\"%s\"", n++ > 0 ? ", " : "",
				    day_names[d]);
		}
		buf_putc(b, ']');
		break;
	}
}

/* A recipient's channels, { email = [...]; webhook = (...); ... }. */
static void
put_recipient(struct buf *b, const struct recipient *r, bool named)
{
	char *where;
	size_t i;

	buf_putc(b, '{');
	if (named) {
		buf_puts(b, " name = ");
		put_quoted(b, r->name);
		buf_putc(b, ';');
		put_strings(b, "aliases", r->aliases, r->naliases);
	}
	put_strings(b, "email", r->email, r->nemail);
	if (r->nwebhooks > 0) {
		buf_puts(b, " webhook = (");
		for (i = 0; i < r->nwebhooks; i++) {
			buf_printf(b, "%s { type = \"%s\"; url = ",
			    i > 0 ? "," : "",
			    channel_name(r->webhooks[i].type));
			/* Secrets are never shown, like the password: neither
			 * the secret nor a robot's token in its URL. */
			where = redact_url(r->webhooks[i].url);
			put_quoted(b, where);
			free(where);
			buf_printf(b, "; secret = %s;",
			    r->webhooks[i].secret != NULL ?
			    "(set)" : "(unset)");
			if (r->webhooks[i].tls_ca_file != NULL) {
				buf_puts(b, " tls_ca_file = ");
				put_quoted(b, r->webhooks[i].tls_ca_file);
				buf_putc(b, ';');
			}
			buf_puts(b, " }");
		}
		buf_puts(b, " );");
	}
	if (r->maildir != NULL) {
		buf_puts(b, " maildir = ");
		put_quoted(b, r->maildir);
		buf_putc(b, ';');
	}
	buf_puts(b, " }");
}

/* One report as written: name, every, day, at, plans, to. */
static void
put_report(struct buf *b, const struct report_conf *r, bool more)
{
	size_t i;

	buf_puts(b, "  { name = ");
	put_quoted(b, r->name);
	buf_printf(b, "; every = \"%s\"; day = ", r->every == PERIOD_WEEK ?
	    "week" : "month");
	if (r->every == PERIOD_WEEK)
		buf_printf(b, "\"%s\"", day_names[r->day]);
	else if (r->day == REPORT_LAST_DAY)
		buf_puts(b, "\"last\"");
	else
		buf_printf(b, "%d", r->day);
	buf_printf(b, "; at = \"%02d:%02d\";", r->at / 60, r->at % 60);
	if (r->nplans > 0) {
		buf_puts(b, " plans = [");
		for (i = 0; i < r->nplans; i++)
			buf_printf(b, "%s %lld", i > 0 ? "," : "",
			    (long long)r->plans[i]);
		buf_puts(b, " ];");
	}
	buf_puts(b, " to = ");
	put_recipient(b, &r->to, false);
	buf_puts(b, more ? "; },\n" : "; }\n");
}

/* Every option as `path = value;  # help`, then the lists. */
void
config_describe(const struct config *c, struct buf *b)
{
	const struct option_def *o;
	size_t i;

	buf_printf(b, "# %s\n", c->path != NULL ? c->path :
	    "built-in defaults");
	for (i = 0; i < noptions; i++) {
		o = &options[i];
		buf_printf(b, "%s = ", o->path);
		put_value(b, c, o);
		buf_printf(b, ";  # %s\n", o->help);
	}
	buf_puts(b, "admin = ");
	put_recipient(b, &c->admin, false);
	buf_puts(b, ";  # unmapped names and escalations\n");
	buf_puts(b, "supervisors = ");
	put_recipient(b, &c->supervisors, false);
	buf_puts(b, ";  # approvers (review_by) and escalations\n");
	buf_printf(b, "units = (  # %zu\n", c->nunits);
	for (i = 0; i < c->nunits; i++) {
		buf_puts(b, "  ");
		put_recipient(b, &c->units[i], true);
		buf_puts(b, i + 1 < c->nunits ? ",\n" : "\n");
	}
	buf_puts(b, ");\n");
	buf_printf(b, "groups = (  # %zu\n", c->ngroups);
	for (i = 0; i < c->ngroups; i++) {
		buf_puts(b, "  { name = ");
		put_quoted(b, c->groups[i].name);
		buf_putc(b, ';');
		put_strings(b, "members", c->groups[i].members,
		    c->groups[i].nmembers);
		buf_puts(b, i + 1 < c->ngroups ? " },\n" : " }\n");
	}
	buf_puts(b, ");\n");
	buf_printf(b, "reports = (  # %zu\n", c->nreports);
	for (i = 0; i < c->nreports; i++)
		put_report(b, &c->reports[i], i + 1 < c->nreports);
	buf_puts(b, ");\n");
}

