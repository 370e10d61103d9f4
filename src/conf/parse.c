/* parse: libconfig file -> struct config.  Every scalar option is one
 * row of the option table (options.c, after tmux's options-table.c): the
 * row gives its path in the file, type, offset, default, range and help,
 * and drives parsing, defaults, range checks and config_describe alike.
 * The lists (admin and the units with their webhooks, the groups) have
 * small readers of their own (lists.c); then the cross-option checks, the
 * password file and the calendar.  Every error is one line,
 * "FILE:LINE: message", with EXIT_CONFIG. */
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
#include "conf/parse.h"
#include "base/log.h"
#include "base/text.h"
#include "conf/options.h"
#include "conf/reader.h"

int
parse_hhmm(const char *v)
{
	int h, m;

	if (strlen(v) != 5 || v[2] != ':' ||
	    v[0] < '0' || v[0] > '9' || v[1] < '0' || v[1] > '9' ||
	    v[3] < '0' || v[3] > '9' || v[4] < '0' || v[4] > '9')
		return -1;
	h = (v[0] - '0') * 10 + (v[1] - '0');
	m = (v[3] - '0') * 10 + (v[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* Sort descending. */
static int
cmp_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x < y) - (x > y);
}

/* Sort v descending and drop repeats; returns the new count. */
static size_t
sort_distinct_desc(int *v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_desc);
	for (i = 1; i < n; i++)
		if (v[i] != v[k])
			v[++k] = v[i];
	return k + 1;
}

/* Read an OPT_INTS option: integers in range, kept distinct, descending. */
static int
read_ints(struct config *c, const struct reader *rd, config_setting_t *s,
    const struct option_def *o)
{
	int **vp = slot(c, o->offset);
	size_t *np = slot(c, o->count_offset);
	int i, len, rc;

	if (config_setting_is_group(s))
		return rd_fail(rd, s, "%s: expected a list of integers", o->path);
	len = rd_values_len(s);
	free(*vp);
	*vp = xcalloc((size_t)len, sizeof(**vp));
	*np = 0;
	for (i = 0; i < len; i++) {
		if ((rc = rd_get_int(rd, rd_value_at(s, i), o->path, o->min, o->max,
		    &(*vp)[i])) != 0)
			return rc;
		*np = (size_t)i + 1;
	}
	*np = sort_distinct_desc(*vp, *np);
	return 0;
}

/* Read an OPT_STRINGS option: a string or a list of them, each checked
 * (an empty list is none). */
static int
read_strings(struct config *c, const struct reader *rd, config_setting_t *s,
    const struct option_def *o)
{
	char ***vp = slot(c, o->offset);
	size_t *np = slot(c, o->count_offset), i;

	for (i = 0; i < *np; i++)
		free((*vp)[i]);
	free(*vp);
	*vp = NULL;
	*np = 0;
	return rd_get_strings(rd, s, o->path, o->check, vp, np);
}

/* Read an OPT_PATHS option: a string or a list of them, each taken from
 * the config file's folder when relative. */
static int
read_paths(struct config *c, const struct reader *rd, config_setting_t *s,
    const struct option_def *o)
{
	char **v;
	size_t i, n;
	int rc;

	if ((rc = read_strings(c, rd, s, o)) != 0)
		return rc;
	v = *(char ***)slot(c, o->offset);
	n = *(size_t *)slot(c, o->count_offset);
	for (i = 0; i < n; i++) {
		char *rel = v[i];

		v[i] = rd_path_under(rd->dir, rel);
		free(rel);
	}
	return 0;
}

/* Read an OPT_DAYS option: ["mon", "tue", ...] into a weekday mask. */
static int
read_days(struct config *c, const struct reader *rd, config_setting_t *s,
    const struct option_def *o)
{
	config_setting_t *e;
	unsigned mask = 0;
	const char *v;
	char q[64];
	int i, d, len;

	if (config_setting_is_group(s))
		return rd_fail(rd, s, "%s: expected a list of days", o->path);
	len = rd_values_len(s);
	for (i = 0; i < len; i++) {
		e = rd_value_at(s, i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING)
			return rd_fail(rd, e, "%s: expected a day name", o->path);
		v = config_setting_get_string(e);
		for (d = 0; d < 7 && strcasecmp(v, day_names[d]) != 0; d++)
			;
		if (d == 7)
			return rd_fail(rd, e, "%s: unknown day \"%s\" (expected "
			    "mon, tue, wed, thu, fri, sat or sun)", o->path,
			    rd_escape(v, q, sizeof(q)));
		mask |= 1u << d;
	}
	if (mask == 0)
		return rd_fail(rd, s, "%s: no day: notices could never be sent",
		    o->path);
	*(unsigned *)slot(c, o->offset) = mask;
	return 0;
}

/* Read one table option from the parsed file, if it is there. */
static int
read_option(struct config *c, const struct reader *rd,
    const struct option_def *o)
{
	config_setting_t *s;
	char q[64], **sp;
	const char *v;
	int i, rc;

	if (o->type == OPT_SECRET ||
	    (s = config_lookup(rd->cf, o->path)) == NULL)
		return 0;
	switch (o->type) {
	case OPT_STRING:
		return rd_get_string(rd, s, o->path, o->check, slot(c, o->offset));
	case OPT_PATH:
		sp = slot(c, o->offset);
		if ((rc = rd_get_string(rd, s, o->path, o->check, sp)) != 0)
			return rc;
		v = *sp;
		*sp = rd_path_under(rd->dir, v);
		free((char *)v);
		return 0;
	case OPT_PATHS:
		return read_paths(c, rd, s, o);
	case OPT_INT:
		return rd_get_int(rd, s, o->path, o->min, o->max,
		    slot(c, o->offset));
	case OPT_BOOL:
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return rd_fail(rd, s, "%s: expected true or false",
			    o->path);
		*(bool *)slot(c, o->offset) = config_setting_get_bool(s) != 0;
		return 0;
	case OPT_ENUM:
		if (config_setting_type(s) != CONFIG_TYPE_STRING ||
		    (i = rd_name_index(o->choices,
		    config_setting_get_string(s))) < 0)
			return rd_fail_choices(rd, s, o);
		*(int *)slot(c, o->offset) = i;
		return 0;
	case OPT_INTS:
		return read_ints(c, rd, s, o);
	case OPT_STRINGS:
		return read_strings(c, rd, s, o);
	case OPT_TIME:
		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			return rd_fail(rd, s, "%s: expected a time \"HH:MM\"",
			    o->path);
		v = config_setting_get_string(s);
		if ((i = parse_hhmm(v)) < 0)
			return rd_fail(rd, s, "%s: invalid time \"%s\" (expected "
			    "\"HH:MM\", 00:00 to 24:00)", o->path,
			    rd_escape(v, q, sizeof(q)));
		*(int *)slot(c, o->offset) = i;
		return 0;
	case OPT_DAYS:
		return read_days(c, rd, s, o);
	case OPT_SECRET:
		break;
	}
	return 0;
}

/* Fill every table option from its default. */
static void
set_defaults(struct config *c)
{
	const struct option_def *o;
	const char *p;
	char *end;
	size_t i, n;
	int **vp;

	for (i = 0; i < noptions; i++) {
		o = &options[i];
		switch (o->type) {
		case OPT_STRING:
		case OPT_PATH:
		case OPT_SECRET:
			if (o->def_str != NULL)
				*(char **)slot(c, o->offset) =
				    xstrdup(o->def_str);
			break;
		case OPT_INT:
		case OPT_ENUM:
		case OPT_TIME:
			*(int *)slot(c, o->offset) = (int)o->def;
			break;
		case OPT_BOOL:
			*(bool *)slot(c, o->offset) = o->def != 0;
			break;
		case OPT_DAYS:
			*(unsigned *)slot(c, o->offset) = (unsigned)o->def;
			break;
		case OPT_STRINGS:
		case OPT_PATHS:
			break;		/* none */
		case OPT_INTS:
			vp = slot(c, o->offset);
			*vp = xcalloc(strlen(o->def_str) + 1, sizeof(**vp));
			for (n = 0, p = o->def_str;; n++) {
				(*vp)[n] = (int)strtol(p, &end, 10);
				if (end == p)
					break;
				p = end;
			}
			*(size_t *)slot(c, o->count_offset) =
			    sort_distinct_desc(*vp, n);
			break;
		}
	}
	c->admin.name = xstrdup("admin");
	c->supervisors.name = xstrdup("supervisors");
}

/* Whether path is a table option read from the file. */
static bool
is_option(const char *path)
{
	size_t i;

	for (i = 0; i < noptions; i++)
		if (options[i].type != OPT_SECRET &&
		    strcmp(options[i].path, path) == 0)
			return true;
	return false;
}

/* Whether path is a group holding table options ("smtp"). */
static bool
is_option_group(const char *path)
{
	size_t i, n = strlen(path);

	for (i = 0; i < noptions; i++)
		if (strncmp(options[i].path, path, n) == 0 &&
		    options[i].path[n] == '.')
			return true;
	return false;
}

/* The names that may stand in group prefix (NULL: the root), for a
 * suggestion: each option's next part of its path, and at the root the
 * lists; NULL-ended, the strings the table's (free the array only). */
static const char **
names_in(const char *prefix)
{
	const char **v = xcalloc(noptions + 8, sizeof(*v));
	size_t n = 0, plen = prefix != NULL ? strlen(prefix) : 0;

	for (size_t i = 0; i < noptions; i++) {
		const char *p = options[i].path;

		if (options[i].type == OPT_SECRET)
			continue;
		if (prefix != NULL) {
			if (strncmp(p, prefix, plen) != 0 || p[plen] != '.')
				continue;
			p += plen + 1;
		}
		v[n++] = p;	/* compared up to its next '.' below */
	}
	if (prefix == NULL)
		for (size_t i = 0; list_keys[i] != NULL; i++)
			v[n++] = list_keys[i];
	return v;
}

/* " (did you mean ...)" for name among the names of group prefix. */
static char *
suggest_option(const char *prefix, const char *name)
{
	const char **v = names_in(prefix);
	char **parts = xcalloc(noptions + 8, sizeof(*parts));
	char *hint;
	size_t n;

	/* Each candidate up to its next '.': "schedule", not
	 * "schedule.lead_days", at the root. */
	for (n = 0; v[n] != NULL; n++)
		parts[n] = xstrndup(v[n], strcspn(v[n], "."));
	hint = rd_suggest((const char *const *)parts, name);
	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
	free(v);
	return hint;
}

/* Check that every setting of group g (at path prefix, NULL for the root)
 * is a table option, a group of them or a list the list readers read. */
static int
check_option_keys(const struct reader *rd, config_setting_t *g,
    const char *prefix)
{
	config_setting_t *s;
	const char *name;
	char *path;
	int i, rc = 0;

	for (i = 0; rc == 0 && i < config_setting_length(g); i++) {
		s = config_setting_get_elem(g, i);
		name = config_setting_name(s);
		path = prefix == NULL ? xstrdup(name) :
		    xasprintf("%s.%s", prefix, name);
		if (is_option(path) ||
		    (prefix == NULL && rd_name_index(list_keys, name) >= 0))
			;
		else if (!is_option_group(path)) {
			char *hint = suggest_option(prefix, name);

			rc = prefix == NULL ?
			    rd_fail(rd, s, "unknown setting \"%s\"%s", name, hint) :
			    rd_fail(rd, s, "unknown setting \"%s\" in %s%s", name,
			    prefix, hint);
			free(hint);
		}
		else if (!config_setting_is_group(s))
			rc = rd_fail(rd, s, "%s: expected a group { ... }", path);
		else
			rc = check_option_keys(rd, s, path);
		free(path);
	}
	return rc;
}

/* The first of the paths set in the file, for a message's line. */
static config_setting_t *
first_set(const struct reader *rd, const char *a, const char *b)
{
	config_setting_t *s = config_lookup(rd->cf, a);

	return s != NULL ? s : config_lookup(rd->cf, b);
}

/* Whether the file open as fd, at path, can be read by any user: its
 * mode has o+r and every folder above it has o+x (a 0644 file in a 0700
 * folder is private; one in /etc/deadlined is not). */
static bool
readable_by_others(int fd, const char *path)
{
	char *real, *slash;
	struct stat st;
	bool open_to_all = true;

	if (fstat(fd, &st) != 0 || (st.st_mode & S_IROTH) == 0)
		return false;
	if ((real = realpath(path, NULL)) == NULL)
		return true;	/* cannot tell: assume the worst */
	while ((slash = strrchr(real, '/')) != NULL && open_to_all) {
		slash[slash == real ? 1 : 0] = '\0';
		if (stat(real, &st) != 0 || (st.st_mode & S_IXOTH) == 0)
			open_to_all = false;
		if (slash == real)
			break;
	}
	free(real);
	return open_to_all;
}

/* The password: the first line of smtp.password_file, looked up in
 * $CREDENTIALS_DIRECTORY (systemd's LoadCredential=) or next to the
 * config file when relative.  Messages name the file, never its text. */
static int
read_password(struct config *c, const struct reader *rd)
{
	const config_setting_t *s = config_lookup(rd->cf, "smtp.password_file");
	const char *creds = getenv("CREDENTIALS_DIRECTORY");
	char *path, *line = NULL, q[256];
	struct stat st;
	size_t cap = 0;
	ssize_t n;
	FILE *f;
	int rc = 0, saved;

	if (c->delivery.smtp.password_file[0] != '/' && creds != NULL && *creds != '\0')
		path = rd_path_under(creds, c->delivery.smtp.password_file);
	else
		path = rd_path_under(rd->dir, c->delivery.smtp.password_file);
	if ((f = fopen(path, "r")) == NULL) {
		saved = errno;
		rc = rd_fail(rd, s, "smtp.password_file: cannot read \"%s\": %s",
		    rd_escape(path, q, sizeof(q)), strerror(saved));
		free(path);
		return rc;
	}
	/* fopen opens a folder too; getline would then fail. */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = rd_fail(rd, s, "smtp.password_file: \"%s\" is a directory",
		    rd_escape(path, q, sizeof(q)));
		fclose(f);
		free(path);
		return rc;
	}
	/* A password others can read is no secret: refuse it, as ssh does
	 * a private key, before reading it (make install creates it 0600;
	 * systemd hands it over with LoadCredential=, so the service's own
	 * user never needs it readable). */
	if (readable_by_others(fileno(f), path)) {
		rc = rd_fail(rd, s, "smtp.password_file: \"%s\": readable by "
		    "others; chmod o-r %s", rd_escape(path, q, sizeof(q)), q);
		fclose(f);
		free(path);
		return rc;
	}
	n = getline(&line, &cap, f);
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	if (n <= 0)
		rc = rd_fail(rd, s, "smtp.password_file: \"%s\" has no password "
		    "on its first line", rd_escape(path, q, sizeof(q)));
	else {
		free(c->delivery.smtp.password);
		c->delivery.smtp.password = xstrdup(line);
	}
	if (line != NULL)
		memset(line, 0, cap);
	free(line);
	fclose(f);
	free(path);
	return rc;
}

/* A recipient with an e-mail address needs smtp.url: without it every
 * mail would retry for a day ("smtp.url is not set"); said at the
 * recipient's email line. */
static int
mail_without_smtp(const struct config *c, const struct reader *rd)
{
	const config_setting_t *units = config_lookup(rd->cf, "units"), *u;

	if (c->admin.nemail > 0)
		return rd_fail(rd, config_lookup(rd->cf, "admin.email"),
		    "admin.email: an e-mail address, and smtp.url is not set "
		    "(set smtp.url, or use a webhook or a maildir)");
	if (c->supervisors.nemail > 0)
		return rd_fail(rd, config_lookup(rd->cf, "supervisors.email"),
		    "supervisors.email: an e-mail address, and smtp.url is not "
		    "set (set smtp.url, or use a webhook or a maildir)");
	for (size_t i = 0; i < c->nreports; i++)
		if (c->reports[i].to.nemail > 0)
			return rd_fail(rd, config_setting_get_member(
			    report_setting(rd, i, "to"), "email"), "report \"%s\": an e-mail address, and "
			    "smtp.url is not set (set smtp.url, or use a webhook "
			    "or a maildir)", c->reports[i].name);
	for (int i = 0; i < (int)c->nunits && units != NULL; i++) {
		if (c->units[i].nemail == 0 ||
		    (u = config_setting_get_elem(units, (unsigned)i)) == NULL)
			continue;
		return rd_fail(rd, config_setting_get_member(u, "email"),
		    "unit %s: an e-mail address, and smtp.url is not set (set "
		    "smtp.url, or use a webhook or a maildir)", c->units[i].name);
	}
	return 0;
}

/* smtp.ca_file: a PEM file, for a connection that uses TLS (a CA for
 * plain smtp:// would never be asked, and the mail would go in clear). */
static int
smtp_ca_file(const struct config *c, const struct reader *rd)
{
	const config_setting_t *s = config_lookup(rd->cf, "smtp.ca_file");
	const char *url = c->delivery.smtp.url;

	if (url != NULL && strncmp(url, "smtp://", 7) == 0 &&
	    !c->delivery.smtp.starttls)
		return rd_fail(rd, s, "smtp.ca_file: no TLS to check: smtp.url "
		    "is smtp:// and smtp.starttls is false");
	return rd_check_ca_file(rd, s, "smtp.ca_file",
	    c->delivery.smtp.ca_file);
}

/* The holiday calendar from schedule.calendar's files and folders.  An
 * error inside a holiday file is named by its own FILE:LINE; one opening
 * a path, by this file's line that names it. */
static int
read_calendar(struct config *c, const struct reader *rd)
{
	config_setting_t *s = config_lookup(rd->cf, "schedule.calendar");
	char *where;
	size_t i;
	int rc = 0;

	c->calendar = calendar_new();
	for (i = 0; i < c->schedule.ncalendar_paths && rc == 0; i++) {
		where = xasprintf("%s:%d: schedule.calendar: ", rd->file,
		    rd_line(rd_value_at(s, (int)i)));
		rc = calendar_add(c->calendar, c->schedule.calendar_paths[i],
		    where, rd->err);
		free(where);
	}
	return rc;
}

/* Checks across options, the password, the CA file and the calendar. */
static int
finish(struct config *c, const struct reader *rd)
{
	size_t n;
	int rc;

	if (c->schedule.window.from >= c->schedule.window.to)
		return rd_fail(rd, first_set(rd, "schedule.send_window.to",
		    "schedule.send_window.from"),
		    "schedule.send_window: from must be before to");
	if (c->delivery.smtp.url != NULL && c->delivery.smtp.from == NULL)
		return rd_fail(rd, config_lookup(rd->cf, "smtp"),
		    "smtp: from missing (needed with url)");
	if (c->delivery.smtp.url == NULL && (rc = mail_without_smtp(c, rd)) != 0)
		return rc;
	/* The ack links are public_url + "/ack/TOKEN". */
	n = strlen(c->http.public_url);
	while (n > 0 && c->http.public_url[n - 1] == '/')
		c->http.public_url[--n] = '\0';
	if (c->delivery.smtp.password_file != NULL && (rc = read_password(c, rd)) != 0)
		return rc;
	if (c->delivery.smtp.ca_file != NULL && (rc = smtp_ca_file(c, rd)) != 0)
		return rc;
	if (c->schedule.ncalendar_paths > 0)
		return read_calendar(c, rd);
	return 0;
}

/* Whether any recipient has a webhook secret. */
static bool
has_webhook_secret(const struct config *c)
{
	size_t i, j;

	for (j = 0; j < c->admin.nwebhooks; j++)
		if (c->admin.webhooks[j].secret != NULL)
			return true;
	for (j = 0; j < c->supervisors.nwebhooks; j++)
		if (c->supervisors.webhooks[j].secret != NULL)
			return true;
	for (i = 0; i < c->nreports; i++)
		for (j = 0; j < c->reports[i].to.nwebhooks; j++)
			if (c->reports[i].to.webhooks[j].secret != NULL)
				return true;
	for (i = 0; i < c->nunits; i++)
		for (j = 0; j < c->units[i].nwebhooks; j++)
			if (c->units[i].webhooks[j].secret != NULL)
				return true;
	return false;
}

int
config_parse(const char *path, struct config **out, struct error *err)
{
	struct config *c = xcalloc(1, sizeof(*c));
	struct reader rd;
	config_t cf;
	struct stat st;
	FILE *f;
	size_t i;
	int rc = 0;

	set_defaults(c);
	*out = NULL;
	if (path == NULL) {
		*out = c;
		return 0;
	}
	c->path = xstrdup(path);
	if ((f = fopen(path, "r")) == NULL) {
		rc = error_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_CONFIG,
		    "%s: %s", path, strerror(errno));
		config_release(c);
		return rc;
	}
	/* fopen opens a folder too, and libconfig's scanner then exits
	 * the process ("input in flex scanner failed"). */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = error_set(err, EXIT_NOINPUT, "%s: is a directory", path);
		fclose(f);
		config_release(c);
		return rc;
	}
	config_init(&cf);
	rd = (struct reader){ path, rd_dir_of(path), &cf, err };
	if (config_read(&cf, f) != CONFIG_TRUE) {
		rc = error_set(err, EXIT_CONFIG, "%s:%d: %s", path,
		    config_error_line(&cf), config_error_text(&cf));
		goto out;
	}
	if ((rc = check_option_keys(&rd, config_root_setting(&cf), NULL)) != 0)
		goto out;
	for (i = 0; i < noptions && rc == 0; i++)
		rc = read_option(c, &rd, &options[i]);
	if (rc == 0 && (rc = lists_read(c, &rd)) == 0 &&
	    (rc = reports_read(c, &rd)) == 0)
		rc = finish(c, &rd);
	/* Webhook secrets live in the config file itself.  It is only
	 * warned about, not refused, when others can read it: the shipped
	 * unit runs as a DynamicUser with PrivateUsers=, to which a root-
	 * owned /etc/deadlined/deadlined.conf is readable only as "other",
	 * so refusing would make secrets unusable there.  The SMTP password,
	 * in a file of its own handed over by LoadCredential=, is refused
	 * (read_password). */
	if (rc == 0 && has_webhook_secret(c) &&
	    readable_by_others(fileno(f), path))
		log_warnx("%s: readable by others and holds webhook secrets; "
		    "chmod o-r %s if the service's user can still read it "
		    "(not under the shipped unit's dynamic user)",
		    path, path);
out:
	fclose(f);
	config_destroy(&cf);
	free(rd.dir);
	if (rc != 0)
		config_release(c);
	else
		*out = c;
	return rc;
}

void
free_recipient(struct recipient *r)
{
	size_t i;

	free(r->name);
	for (i = 0; i < r->naliases; i++)
		free(r->aliases[i]);
	free(r->aliases);
	for (i = 0; i < r->nemail; i++)
		free(r->email[i]);
	free(r->email);
	for (i = 0; i < r->nwebhooks; i++) {
		free(r->webhooks[i].url);
		if (r->webhooks[i].secret != NULL)
			memset(r->webhooks[i].secret, 0,
			    strlen(r->webhooks[i].secret));
		free(r->webhooks[i].secret);
		free(r->webhooks[i].tls_ca_file);
	}
	free(r->webhooks);
	free(r->maildir);
}

/* Free c and everything it owns, wiping the secrets first. */
void
config_release(struct config *c)
{
	const struct option_def *o;
	char **sp, ***lp;
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < noptions; i++) {
		o = &options[i];
		switch (o->type) {
		case OPT_SECRET:
			sp = slot(c, o->offset);
			if (*sp != NULL)
				memset(*sp, 0, strlen(*sp));
			/* FALLTHROUGH */
		case OPT_STRING:
		case OPT_PATH:
		case OPT_INTS:
			free(*(void **)slot(c, o->offset));
			break;
		case OPT_STRINGS:
		case OPT_PATHS:
			lp = slot(c, o->offset);
			for (k = 0; k < *(size_t *)slot(c, o->count_offset); k++)
				free((*lp)[k]);
			free(*lp);
			break;
		default:
			break;
		}
	}
	free_recipient(&c->admin);
	free_recipient(&c->supervisors);
	for (i = 0; i < c->nunits; i++)
		free_recipient(&c->units[i]);
	free(c->units);
	for (i = 0; i < c->ngroups; i++) {
		free(c->groups[i].name);
		for (k = 0; k < c->groups[i].nmembers; k++)
			free(c->groups[i].members[k]);
		free(c->groups[i].members);
		free(c->groups[i].member_lines);
	}
	free(c->groups);
	reports_free(c);
	calendar_free(c->calendar);
	free(c->path);
	free(c);
}

