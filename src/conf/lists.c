/* lists: the configuration's lists: admin, the units (names, aliases,
 * addresses, webhooks, Maildirs) and the groups, with the checks across
 * their names (duplicates, aliases colliding with names). */
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
#include "base/log.h"
#include "base/text.h"
#include "conf/options.h"
#include "conf/reader.h"

/* A webhook's tls_ca_file (relative: to the config's folder), for an
 * https:// url only: on http:// it would never be asked. */
static int
read_tls_ca_file(const struct reader *rd, config_setting_t *s,
    const char *what, struct webhook *w)
{
	const config_setting_t *e = config_setting_get_member(s, "tls_ca_file");
	char *v = NULL, *full;
	int rc;

	if ((rc = rd_get_member_string(rd, s, what, "tls_ca_file", NULL,
	    &v)) != 0 || v == NULL)
		return rc;
	w->tls_ca_file = rd_path_under(rd->dir, v);
	free(v);
	full = xasprintf("%s.tls_ca_file", what);
	if (strncmp(w->url, "https://", 8) != 0)
		rc = rd_fail(rd, e, "%s: no TLS to check: the url is http://",
		    full);
	else
		rc = rd_check_ca_file(rd, e, full, w->tls_ca_file);
	free(full);
	return rc;
}

/* One webhook { type; url; secret; tls_ca_file; } into w. */
static int
read_webhook(const struct reader *rd, config_setting_t *s, const char *what,
    struct webhook *w)
{
	struct buf key = BUF_INIT;
	char *type = NULL, q[64];
	const struct channel_info *ch = channel_info(CHAN_GENERIC);
	int rc;

	w->line = rd_line(s);
	if ((rc = rd_check_keys(rd, s, what, webhook_keys)) != 0 ||
	    (rc = rd_get_member_string(rd, s, what, "type", NULL, &type)) != 0)
		goto out;
	if (type != NULL && ((ch = channel_by_name(type)) == NULL ||
	    ch->config != CONF_WEBHOOK)) {
		rc = rd_fail(rd, config_setting_get_member(s, "type"),
		    "%s.type: unknown webhook type \"%s\" (expected %s)", what,
		    rd_escape(type, q, sizeof(q)), channel_webhook_names());
		goto out;
	}
	w->type = ch->kind;
	if ((rc = rd_get_member_string(rd, s, what, "url", check_http_url,
	    &w->url)) != 0 ||
	    (rc = rd_get_member_string(rd, s, what, "secret", NULL,
	    &w->secret)) != 0)
		goto out;
	if (w->url == NULL) {
		rc = rd_fail(rd, s, "%s: url missing", what);
		goto out;
	}
	if ((rc = read_tls_ca_file(rd, s, what, w)) != 0)
		goto out;
	/* Standard Webhooks keys: "whsec_" + base64.  The secret itself is
	 * never put in a message. */
	if (w->type == CHAN_GENERIC && w->secret != NULL &&
	    strncmp(w->secret, "whsec_", 6) == 0 &&
	    !base64_decode(w->secret + 6, &key))
		rc = rd_fail(rd, config_setting_get_member(s, "secret"),
		    "%s.secret: invalid base64 after \"whsec_\"", what);
out:
	if (key.s != NULL)
		memset(key.s, 0, key.cap);
	buf_free(&key);
	free(type);
	return rc;
}

/* webhook = ( { ... }, ... ) (or one group) into r. */
static int
read_webhooks(const struct reader *rd, config_setting_t *s, const char *what,
    struct recipient *r)
{
	char *w;
	int i, len, rc = 0;

	if (config_setting_is_array(s) || config_setting_is_scalar(s))
		return rd_fail(rd, s, "%s.webhook: expected ( { type = ...; "
		    "url = ...; }, ... )", what);
	len = config_setting_is_group(s) ? 1 : config_setting_length(s);
	r->webhooks = xcalloc((size_t)len, sizeof(*r->webhooks));
	r->nwebhooks = (size_t)len;
	for (i = 0; rc == 0 && i < len; i++) {
		w = xasprintf("%s.webhook[%d]", what, i);
		rc = read_webhook(rd, config_setting_is_group(s) ? s :
		    config_setting_get_elem(s, i), w, &r->webhooks[i]);
		free(w);
	}
	return rc;
}

/* One recipient: a unit { name; aliases; email; webhook; maildir; }, or
 * the admin (no name, no aliases). */
static int
read_recipient(const struct reader *rd, config_setting_t *s, const char *what,
    bool admin, struct recipient *r)
{
	config_setting_t *e;
	char *folded;
	int rc;

	r->line = rd_line(s);
	if ((rc = rd_check_keys(rd, s, what, admin ? admin_keys : unit_keys)) != 0)
		return rc;
	if (!admin) {
		if ((rc = rd_get_member_string(rd, s, what, "name", NULL,
		    &r->name)) != 0 ||
		    (rc = rd_get_member_strings(rd, s, what, "aliases", NULL,
		    &r->aliases, &r->naliases)) != 0)
			return rc;
		if (r->name == NULL)
			return rd_fail(rd, s, "%s: name missing", what);
		folded = text_fold(r->name);
		rc = *folded == '\0' ? rd_fail(rd, config_setting_get_member(s,
		    "name"), "%s.name: only white space", what) : 0;
		free(folded);
		if (rc != 0)
			return rc;
	}
	if ((rc = rd_get_member_strings(rd, s, what, "email", check_email,
	    &r->email, &r->nemail)) != 0 ||
	    (rc = rd_get_member_string(rd, s, what, "maildir", NULL,
	    &r->maildir)) != 0)
		return rc;
	if ((e = config_setting_get_member(s, "webhook")) != NULL)
		return read_webhooks(rd, e, what, r);
	return 0;
}

int
lists_read_channels(const struct reader *rd, config_setting_t *s,
    const char *what, struct recipient *r)
{
	return read_recipient(rd, s, what, true, r);
}

/* One group { name; members; }. */
static int
read_group(const struct reader *rd, config_setting_t *s, const char *what,
    struct group *g)
{
	config_setting_t *m;
	int rc;

	g->line = rd_line(s);
	if ((rc = rd_check_keys(rd, s, what, group_keys)) != 0 ||
	    (rc = rd_get_member_string(rd, s, what, "name", NULL,
	    &g->name)) != 0 ||
	    (rc = rd_get_member_strings(rd, s, what, "members", NULL, &g->members,
	    &g->nmembers)) != 0)
		return rc;
	if (g->name == NULL)
		return rd_fail(rd, s, "%s: name missing", what);
	if ((m = config_setting_get_member(s, "members")) == NULL)
		return rd_fail(rd, s, "%s: members missing", what);
	/* check-config names a member that names nothing by its line. */
	g->member_lines = xcalloc(g->nmembers + 1, sizeof(*g->member_lines));
	for (size_t i = 0; i < g->nmembers; i++)
		g->member_lines[i] = rd_line(rd_value_at(m, (int)i));
	return 0;
}

/* A name a unit or group answers to, for the collision check. */
struct name_key {
	char *folded;
	const char *name;
	const char *owner;	/* the unit's or group's name */
	const config_setting_t *where;
	size_t seq;		/* in the order of the file */
};

/* By folded name, then in file order. */
static int
cmp_key(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;

	return cmp_str_pos(x->folded, x->seq, y->folded, y->seq);
}

static void
add_key(struct name_key **keys, size_t *n, size_t *cap, const char *name,
    const char *owner, const config_setting_t *where)
{
	*keys = xgrow(*keys, cap, *n + 1, sizeof(**keys));
	(*keys)[*n] = (struct name_key){ text_fold(name), name, owner, where, *n };
	(*n)++;
}

/* Every unit name and alias and every group name must name one thing.
 * Sorted, the names that clash are neighbours; the one reported is the
 * first in the file to take a name that another already had. */
static int
check_names(struct config *c, const struct reader *rd, config_setting_t *units,
    config_setting_t *groups)
{
	struct name_key *keys = NULL;
	const struct name_key *bad = NULL, *first = NULL, *had = NULL;
	config_setting_t *s, *a;
	char q1[160], q2[160];
	size_t n = 0, cap = 0, i, k;
	int rc = 0;

	for (i = 0; i < c->nunits; i++) {
		s = config_setting_get_elem(units, (unsigned)i);
		add_key(&keys, &n, &cap, c->units[i].name, c->units[i].name,
		    config_setting_get_member(s, "name"));
		a = config_setting_get_member(s, "aliases");
		for (k = 0; k < c->units[i].naliases; k++)
			add_key(&keys, &n, &cap, c->units[i].aliases[k],
			    c->units[i].name, rd_value_at(a, (int)k));
	}
	for (i = 0; i < c->ngroups; i++) {
		s = config_setting_get_elem(groups, (unsigned)i);
		add_key(&keys, &n, &cap, c->groups[i].name, c->groups[i].name,
		    config_setting_get_member(s, "name"));
	}
	if (n > 1)
		qsort(keys, n, sizeof(*keys), cmp_key);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(keys[i].folded, keys[i - 1].folded) != 0)
			first = &keys[i];
		else if (keys[i].owner != first->owner &&
		    (bad == NULL || keys[i].seq < bad->seq)) {
			bad = &keys[i];
			had = first;
		}
	}
	if (bad != NULL)
		rc = rd_fail(rd, bad->where, "\"%s\" is already the name or an alias "
		    "of \"%s\" (line %d)", rd_escape(bad->name, q1, sizeof(q1)),
		    rd_escape(had->owner, q2, sizeof(q2)), rd_line(had->where));
	for (i = 0; i < n; i++)
		free(keys[i].folded);
	free(keys);
	return rc;
}

/* How messages name entry i of a list: by its name when it has one
 * (unit "法规处"), else by its place (units[3]); a blank name is none. */
static char *
entry_name(const config_setting_t *e, const char *kind, const char *list,
    int i)
{
	const char *name = NULL;

	if (e != NULL && config_setting_is_group(e) &&
	    config_setting_lookup_string(e, "name", &name) == CONFIG_TRUE &&
	    !text_blank(name))
		return xasprintf("%s \"%s\"", kind, name);
	return xasprintf("%s[%d]", list, i);
}

/* admin, units and groups. */
int
lists_read(struct config *c, const struct reader *rd)
{
	config_setting_t *s, *units, *groups;
	char *what;
	int i, len, rc;

	if ((s = config_lookup(rd->cf, "admin")) != NULL &&
	    (rc = read_recipient(rd, s, "admin", true, &c->admin)) != 0)
		return rc;
	if ((s = config_lookup(rd->cf, "supervisors")) != NULL &&
	    (rc = read_recipient(rd, s, "supervisors", true,
	    &c->supervisors)) != 0)
		return rc;
	if ((units = config_lookup(rd->cf, "units")) != NULL) {
		if (!config_setting_is_list(units) &&
		    !(config_setting_is_array(units) &&
		    config_setting_length(units) == 0))
			return rd_fail(rd, units, "units: expected ( { name = ...; "
			    "}, ... )");
		len = config_setting_length(units);
		c->units = xcalloc((size_t)len, sizeof(*c->units));
		c->nunits = (size_t)len;
		for (i = 0; i < len; i++) {
			what = entry_name(config_setting_get_elem(units,
			    (unsigned)i), "unit", "units", i);
			rc = read_recipient(rd, config_setting_get_elem(units,
			    (unsigned)i), what, false, &c->units[i]);
			free(what);
			if (rc != 0)
				return rc;
		}
	}
	if ((groups = config_lookup(rd->cf, "groups")) != NULL) {
		if (!config_setting_is_list(groups) &&
		    !(config_setting_is_array(groups) &&
		    config_setting_length(groups) == 0))
			return rd_fail(rd, groups, "groups: expected ( { name = ...; "
			    "members = [...]; }, ... )");
		len = config_setting_length(groups);
		c->groups = xcalloc((size_t)len, sizeof(*c->groups));
		c->ngroups = (size_t)len;
		for (i = 0; i < len; i++) {
			what = entry_name(config_setting_get_elem(groups,
			    (unsigned)i), "group", "groups", i);
			rc = read_group(rd, config_setting_get_elem(groups,
			    (unsigned)i), what, &c->groups[i]);
			free(what);
			if (rc != 0)
				return rc;
		}
	}
	return check_names(c, rd, units, groups);
}
