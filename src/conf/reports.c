/* reports: the periodic reports (情况通报), reports = ( { name; every;
 * day; at; to; plans; }, ... ): when each goes out and to whom.  `to`
 * takes admin's shapes (email, webhook, maildir), read by lists.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "conf/config.h"
#include "conf/options.h"
#include "conf/reader.h"

static const char *const report_keys[] = {
	"name", "every", "day", "at", "to", "plans", NULL
};
static const char *const period_names[] = { "week", "month", NULL };

config_setting_t *
report_setting(const struct reader *rd, size_t i, const char *key)
{
	config_setting_t *l = config_lookup(rd->cf, "reports");

	l = l != NULL ? config_setting_get_elem(l, (unsigned)i) : NULL;
	return l != NULL ? config_setting_get_member(l, key) : NULL;
}

/* day: "mon" .. "sun" for a week; 1 .. 31 or "last" for a month. */
static int
read_day(const struct reader *rd, config_setting_t *s, const char *what,
    struct report_conf *r)
{
	char *full;
	int d, rc;

	if (r->every == PERIOD_MONTH) {
		if (config_setting_type(s) == CONFIG_TYPE_STRING &&
		    strcmp(config_setting_get_string(s), "last") == 0) {
			r->day = REPORT_LAST_DAY;
			return 0;
		}
		if (config_setting_type(s) != CONFIG_TYPE_INT)
			return rd_fail(rd, s, "%s.day: expected a day of the "
			    "month, 1 to 31, or \"last\"", what);
		full = xasprintf("%s.day", what);
		rc = rd_get_int(rd, s, full, 1, 31, &r->day);
		free(full);
		return rc;
	}
	for (d = 0; config_setting_type(s) == CONFIG_TYPE_STRING && d < 7; d++)
		if (strcmp(config_setting_get_string(s), day_names[d]) == 0)
			break;
	if (config_setting_type(s) != CONFIG_TYPE_STRING || d == 7)
		return rd_fail(rd, s, "%s.day: expected a weekday, \"mon\" to "
		    "\"sun\"", what);
	r->day = d;
	return 0;
}

/* plans = [ ID, ... ]: plan ids, as deadlinectl list shows them. */
static int
read_plans(const struct reader *rd, config_setting_t *s, const char *what,
    struct report_conf *r)
{
	char *full = xasprintf("%s.plans", what);
	int i, n = rd_values_len(s), id, rc = 0;

	r->plans = xcalloc((size_t)n + 1, sizeof(*r->plans));
	for (i = 0; i < n && rc == 0; i++) {
		if (config_setting_type(rd_value_at(s, i)) != CONFIG_TYPE_INT)
			rc = rd_fail(rd, rd_value_at(s, i), "%s: expected plan "
			    "ids [ 1, 2, ... ]", full);
		else if ((rc = rd_get_int(rd, rd_value_at(s, i), full, 1,
		    INT32_MAX, &id)) == 0)
			r->plans[r->nplans++] = id;
	}
	free(full);
	return rc;
}

/* One report { ... } into r. */
static int
read_report(const struct reader *rd, config_setting_t *s, const char *what,
    struct report_conf *r)
{
	config_setting_t *e;
	char q[64], *to;
	int rc;

	r->line = rd_line(s);
	if ((rc = rd_check_keys(rd, s, what, report_keys)) != 0 ||
	    (rc = rd_get_member_string(rd, s, what, "name", NULL,
	    &r->name)) != 0)
		return rc;
	if ((e = config_setting_get_member(s, "every")) == NULL)
		return rd_fail(rd, s, "%s: every missing (\"week\" or \"month\")",
		    what);
	if (config_setting_type(e) != CONFIG_TYPE_STRING ||
	    rd_name_index(period_names, config_setting_get_string(e)) < 0)
		return rd_fail(rd, e, "%s.every: expected \"week\" or \"month\"",
		    what);
	r->every = (enum report_period)rd_name_index(period_names,
	    config_setting_get_string(e));
	if (r->name == NULL)
		r->name = xstrdup(period_names[r->every]);
	if ((e = config_setting_get_member(s, "day")) == NULL)
		return rd_fail(rd, s, "%s: day missing", what);
	if ((rc = read_day(rd, e, what, r)) != 0)
		return rc;
	if ((e = config_setting_get_member(s, "at")) == NULL)
		return rd_fail(rd, s, "%s: at missing (\"HH:MM\")", what);
	if (config_setting_type(e) != CONFIG_TYPE_STRING ||
	    (r->at = parse_hhmm(config_setting_get_string(e))) < 0 ||
	    r->at >= 24 * 60)
		return rd_fail(rd, e, "%s.at: invalid time \"%s\" (expected "
		    "\"HH:MM\", 00:00 to 23:59)", what,
		    config_setting_type(e) == CONFIG_TYPE_STRING ?
		    rd_escape(config_setting_get_string(e), q, sizeof(q)) : "");
	if ((e = config_setting_get_member(s, "plans")) != NULL &&
	    (rc = read_plans(rd, e, what, r)) != 0)
		return rc;
	if ((e = config_setting_get_member(s, "to")) == NULL)
		return rd_fail(rd, s, "%s: to missing (email, webhook or "
		    "maildir)", what);
	to = xasprintf("%s.to", what);
	if ((rc = lists_read_channels(rd, e, to, &r->to)) == 0 &&
	    r->to.nemail == 0 && r->to.nwebhooks == 0 && r->to.maildir == NULL)
		rc = rd_fail(rd, e, "%s: no email, webhook or maildir", to);
	free(to);
	/* Its messages are stored under the report's name. */
	r->to.name = xstrdup(r->name);
	return rc;
}

int
reports_read(struct config *c, const struct reader *rd)
{
	config_setting_t *l = config_lookup(rd->cf, "reports"), *s;
	char *what;
	size_t i, k;
	int rc = 0, len;

	if (l == NULL)
		return 0;
	if (!config_setting_is_list(l) && !(config_setting_is_array(l) &&
	    config_setting_length(l) == 0))
		return rd_fail(rd, l, "reports: expected ( { every = ...; day = "
		    "...; at = ...; to = { ... }; }, ... )");
	len = config_setting_length(l);
	c->reports = xcalloc((size_t)len + 1, sizeof(*c->reports));
	for (i = 0; i < (size_t)len && rc == 0; i++) {
		s = config_setting_get_elem(l, (unsigned)i);
		what = xasprintf("reports[%zu]", i);
		c->nreports++;
		rc = read_report(rd, s, what, &c->reports[i]);
		for (k = 0; k < i && rc == 0; k++)
			if (strcmp(c->reports[k].name, c->reports[i].name) == 0)
				rc = rd_fail(rd, s, "%s: a second report \"%s\" "
				    "(line %d): give each its own name", what,
				    c->reports[i].name, c->reports[k].line);
		free(what);
	}
	return rc;
}

void
reports_free(struct config *c)
{
	size_t i;

	for (i = 0; i < c->nreports; i++) {
		free(c->reports[i].name);
		free_recipient(&c->reports[i].to);
		free(c->reports[i].plans);
	}
	free(c->reports);
}
