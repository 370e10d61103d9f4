/* reader: reading a libconfig file with messages that name FILE:LINE:
 * the file being read, and its typed getters and key checks, shared by
 * the option table's reader (parse.c) and the list readers (lists.c).
 * Private to conf/. */
#ifndef DEADLINED_READER_H
#define DEADLINED_READER_H

#include <stdbool.h>
#include <stddef.h>

#include <libconfig.h>

#include "base/compiler.h"
#include "base/util.h"
#include "conf/config.h"
#include "conf/options.h"

/* The file being read, for messages and relative paths. */
struct reader {
	const char *file;
	char *dir;		/* its folder */
	config_t *cf;
	struct error *err;
};

/* The line of s in the file (0 when unknown). */
int rd_line(const config_setting_t *s);
/* v with control characters, quotes and backslashes escaped, cut to fit
 * out, so that a message stays one line. */
const char *rd_escape(const char *v, char *out, size_t len);
/* Fill rd->err with "FILE:LINE: message" at setting s; EXIT_CONFIG. */
int rd_fail(const struct reader *rd, const config_setting_t *s, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* name in the NULL-terminated list, or -1. */
int rd_name_index(const char *const *list, const char *name);
/* The name of known (NULL-ended) nearest to name when it is near enough
 * to be a slip (a third of its length, at least one edit), else NULL. */
const char *rd_nearest(const char *const *known, const char *name);
/* " (did you mean \"NEAR\"?)" for the nearest of known, or "". */
char *rd_suggest(const char *const *known, const char *name);
/* rel as is when absolute, else under dir. */
char *rd_path_under(const char *dir, const char *rel);
/* The folder of path ("." for a bare name). */
char *rd_dir_of(const char *path);
/* The number of values of s: its elements, or 1 for a scalar. */
int rd_values_len(const config_setting_t *s);
/* Value i of s (s itself for a scalar). */
config_setting_t *rd_value_at(config_setting_t *s, int i);
/* A non-empty string setting into *out (a new string), after check. */
int rd_get_string(const struct reader *rd, const config_setting_t *s,
    const char *what, check_fn *check, char **out);
/* A string or a list of strings into a new array *out of *n (which c
 * owns as soon as it is allocated, so that config_release cleans up). */
int rd_get_strings(const struct reader *rd, config_setting_t *s, const char *what,
    check_fn *check, char ***out, size_t *n);
/* An integer setting in [min, max]. */
int rd_get_int(const struct reader *rd, const config_setting_t *s, const char *what,
    long long min, long long max, int *out);
/* An OPT_ENUM value that is none of its choices. */
int rd_fail_choices(const struct reader *rd, const config_setting_t *s,
    const struct option_def *o);
/* Check that group s (named what in messages) holds only known keys. */
int rd_check_keys(const struct reader *rd, config_setting_t *s, const char *what,
    const char *const *known);
/* Member key of group s into *out when it is there, after check. */
int rd_get_member_string(const struct reader *rd, config_setting_t *s,
    const char *what, const char *key, check_fn *check, char **out);
/* Member key of group s, a list of strings, into *out when it is there. */
int rd_get_member_strings(const struct reader *rd, config_setting_t *s,
    const char *what, const char *key, check_fn *check, char ***out, size_t *n);
/* A CA file at path (smtp.ca_file, a webhook's tls_ca_file, named what
 * at setting s) must be readable and hold a PEM certificate. */
int rd_check_ca_file(const struct reader *rd, const config_setting_t *s,
    const char *what, const char *path);

/* "HH:MM" (00:00 to 24:00) as minutes after midnight, or -1 (parse.c). */
int parse_hhmm(const char *v);
/* Free a recipient's strings and webhooks, not r itself (parse.c). */
void free_recipient(struct recipient *r);

/* lists.c: admin, units and groups, and the checks across their names. */
/* admin, units and groups. */
int lists_read(struct config *c, const struct reader *rd);
/* A recipient's email, webhook and maildir (admin's keys) at s, named
 * what in messages, into r. */
int lists_read_channels(const struct reader *rd, config_setting_t *s,
    const char *what, struct recipient *r);

/* reports.c: reports = ( { name; every; day; at; to; plans; }, ... ). */
int reports_read(struct config *c, const struct reader *rd);
/* Member key of report i's setting (NULL when not there), for messages. */
config_setting_t *report_setting(const struct reader *rd, size_t i,
    const char *key);
void reports_free(struct config *c);

#endif
