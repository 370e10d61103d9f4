/* reader: the FILE:LINE messages and typed getters every part of the
 * configuration reader uses (see reader.h). */
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

/* The line of s in the file (0 when unknown). */
int
rd_line(const config_setting_t *s)
{
	return s != NULL ? (int)config_setting_source_line(s) : 0;
}

/* v with control characters, quotes and backslashes escaped, cut to fit
 * out, so that a message stays one line. */
const char *
rd_escape(const char *v, char *out, size_t len)
{
	size_t n = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)v; *p != '\0' && n + 5 < len; p++) {
		if (*p < 0x20 || *p == 0x7f)
			n += (size_t)snprintf(out + n, len - n, "\\x%02x", *p);
		else {
			if (*p == '"' || *p == '\\')
				out[n++] = '\\';
			out[n++] = (char)*p;
		}
	}
	out[n] = '\0';
	return out;
}

/* Fill rd->err with "FILE:LINE: message" at setting s; EXIT_CONFIG. */
int
rd_fail(const struct reader *rd, const config_setting_t *s, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error_set(rd->err, EXIT_CONFIG, "%s:%d: %s", rd->file,
	    rd_line(s), msg);
}

/* name in the NULL-terminated list, or -1. */
int
rd_name_index(const char *const *list, const char *name)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

/* rel as is when absolute, else under dir. */
char *
rd_path_under(const char *dir, const char *rel)
{
	if (rel[0] == '/')
		return xstrdup(rel);
	return xasprintf("%s/%s", dir, rel);
}

/* The folder of path ("." for a bare name). */
char *
rd_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The number of values of s: its elements, or 1 for a scalar. */
int
rd_values_len(const config_setting_t *s)
{
	return config_setting_is_aggregate(s) ? config_setting_length(s) : 1;
}

/* Value i of s (s itself for a scalar). */
config_setting_t *
rd_value_at(config_setting_t *s, int i)
{
	return config_setting_is_aggregate(s) ?
	    config_setting_get_elem(s, (unsigned)i) : s;
}

/* A non-empty string setting into *out (a new string), after check. */
int
rd_get_string(const struct reader *rd, const config_setting_t *s,
    const char *what, check_fn *check, char **out)
{
	char q[160];
	const char *v, *why;

	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return rd_fail(rd, s, "%s: expected a string", what);
	v = config_setting_get_string(s);
	if (*v == '\0')
		return rd_fail(rd, s, "%s: empty string", what);
	if (check != NULL && (why = check(v)) != NULL)
		return rd_fail(rd, s, "%s: invalid value \"%s\": %s", what,
		    rd_escape(v, q, sizeof(q)), why);
	free(*out);
	*out = xstrdup(v);
	return 0;
}

/* A string or a list of strings into a new array *out of *n (which c
 * owns as soon as it is allocated, so that config_release cleans up). */
int
rd_get_strings(const struct reader *rd, config_setting_t *s, const char *what,
    check_fn *check, char ***out, size_t *n)
{
	int i, len;
	int rc;

	if (config_setting_is_group(s))
		return rd_fail(rd, s, "%s: expected a list of strings", what);
	len = rd_values_len(s);
	*out = xcalloc((size_t)len, sizeof(**out));
	*n = (size_t)len;
	for (i = 0; i < len; i++)
		if ((rc = rd_get_string(rd, rd_value_at(s, i), what, check,
		    &(*out)[i])) != 0)
			return rc;
	return 0;
}

/* An integer setting in [min, max]. */
int
rd_get_int(const struct reader *rd, const config_setting_t *s, const char *what,
    long long min, long long max, int *out)
{
	long long v;

	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return rd_fail(rd, s, "%s: expected an integer", what);
	v = config_setting_get_int64(s);
	if (v < min || v > max)
		return rd_fail(rd, s, "%s: %lld is out of range %lld..%lld", what,
		    v, min, max);
	*out = (int)v;
	return 0;
}

/* An OPT_ENUM value that is none of its choices. */
int
rd_fail_choices(const struct reader *rd, const config_setting_t *s,
    const struct option_def *o)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; o->choices[i] != NULL; i++)
		buf_printf(&b, "%s\"%s\"", i > 0 ? ", " : "", o->choices[i]);
	rc = rd_fail(rd, s, "%s: expected one of %s", o->path, buf_str(&b));
	buf_free(&b);
	return rc;
}

const char *
rd_nearest(const char *const *known, const char *name)
{
	const char *best = NULL;
	size_t d, best_d = SIZE_MAX, limit = strlen(name) / 3;

	if (limit < 1)
		limit = 1;
	for (; *known != NULL; known++)
		if ((d = text_distance(name, *known)) < best_d) {
			best_d = d;
			best = *known;
		}
	return best_d <= limit ? best : NULL;
}

char *
rd_suggest(const char *const *known, const char *name)
{
	const char *near = rd_nearest(known, name);

	return near != NULL ? xasprintf(" (did you mean \"%s\"?)", near) :
	    xstrdup("");
}

/* Check that group s (named what in messages) holds only known keys. */
int
rd_check_keys(const struct reader *rd, config_setting_t *s, const char *what,
    const char *const *known)
{
	config_setting_t *e;
	int i;

	if (!config_setting_is_group(s))
		return rd_fail(rd, s, "%s: expected a group { ... }", what);
	for (i = 0; i < config_setting_length(s); i++) {
		e = config_setting_get_elem(s, i);
		if (rd_name_index(known, config_setting_name(e)) < 0) {
			char *hint = rd_suggest(known, config_setting_name(e));
			int rc = rd_fail(rd, e, "unknown setting \"%s\" in %s%s",
			    config_setting_name(e), what, hint);

			free(hint);
			return rc;
		}
	}
	return 0;
}

/* Member key of group s into *out when it is there, after check. */
int
rd_get_member_string(const struct reader *rd, config_setting_t *s,
    const char *what, const char *key, check_fn *check, char **out)
{
	config_setting_t *e = config_setting_get_member(s, key);
	char *full;
	int rc;

	if (e == NULL)
		return 0;
	full = xasprintf("%s.%s", what, key);
	rc = rd_get_string(rd, e, full, check, out);
	free(full);
	return rc;
}

/* Member key of group s, a list of strings, into *out when it is there. */
int
rd_get_member_strings(const struct reader *rd, config_setting_t *s,
    const char *what, const char *key, check_fn *check, char ***out, size_t *n)
{
	config_setting_t *e = config_setting_get_member(s, key);
	char *full;
	int rc;

	if (e == NULL)
		return 0;
	full = xasprintf("%s.%s", what, key);
	rc = rd_get_strings(rd, e, full, check, out, n);
	free(full);
	return rc;
}

/* A CA file (smtp.ca_file, a webhook's tls_ca_file) at path, named what
 * at setting s: one that cannot be read or holds no PEM certificate (a
 * DER file, a key) is refused here, not at every TLS handshake. */
int
rd_check_ca_file(const struct reader *rd, const config_setting_t *s,
    const char *what, const char *path)
{
	char *line = NULL, q[256];
	struct stat st;
	size_t cap = 0;
	bool found = false;
	FILE *f;
	int rc = 0, saved;

	if ((f = fopen(path, "r")) == NULL) {
		saved = errno;
		return rd_fail(rd, s, "%s: cannot read \"%s\": %s", what,
		    rd_escape(path, q, sizeof(q)), strerror(saved));
	}
	/* fopen opens a folder too; getline would then fail. */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = rd_fail(rd, s, "%s: \"%s\" is a directory", what,
		    rd_escape(path, q, sizeof(q)));
		goto out;
	}
	/* What OpenSSL reads: "-----BEGIN CERTIFICATE-----" (or X509 or
	 * TRUSTED CERTIFICATE) at the start of a line. */
	while (!found && getline(&line, &cap, f) > 0)
		found = strncmp(line, "-----BEGIN ", 11) == 0 &&
		    strstr(line, "CERTIFICATE-----") != NULL;
	if (ferror(f)) {
		saved = errno;
		rc = rd_fail(rd, s, "%s: cannot read \"%s\": %s", what,
		    rd_escape(path, q, sizeof(q)), strerror(saved));
	} else if (!found)
		rc = rd_fail(rd, s, "%s: \"%s\" holds no PEM certificate "
		    "(-----BEGIN CERTIFICATE-----)", what,
		    rd_escape(path, q, sizeof(q)));
out:
	free(line);
	fclose(f);
	return rc;
}
