/* options: the option table (options.c) that parse.c reads the file
 * with and describe.c writes it back with.  Private to conf/. */
#ifndef DEADLINED_OPTIONS_H
#define DEADLINED_OPTIONS_H

#include <stddef.h>
#include "conf/config.h"

enum opt_type {
	OPT_STRING,	/* char * */
	OPT_PATH,	/* char *, relative to the config file's folder */
	OPT_PATHS,	/* OPT_STRINGS, each relative to the config file's folder */
	OPT_INT,	/* int in [min, max] */
	OPT_BOOL,	/* bool */
	OPT_ENUM,	/* int-sized enum: the index of its name in choices */
	OPT_INTS,	/* int * and a size_t count: distinct, descending */
	OPT_TIME,	/* int minutes after midnight, written "HH:MM" */
	OPT_DAYS,	/* unsigned weekday mask, written ["mon", "tue", ...] */
	OPT_SECRET,	/* char *, filled from another option; never shown */
	OPT_STRINGS,	/* char ** and a size_t count: a list of strings */
};

struct option_def {
	const char *path;	/* libconfig path, e.g. "smtp.url" */
	enum opt_type type;
	size_t offset;		/* into struct config */
	size_t count_offset;	/* OPT_INTS, OPT_STRINGS, OPT_PATHS: the count */
	const char *def_str;	/* strings (NULL: unset); OPT_INTS "30 14 …" */
	long long def;		/* numbers, booleans, enums, times, day masks */
	long long min, max;	/* OPT_INT and each element of OPT_INTS */
	const char *const *choices;	/* OPT_ENUM names, NULL-terminated */
	/* Extra check of a string (of each, for OPT_STRINGS): NULL when
	 * fine, else what is wrong. */
	const char *(*check)(const char *);
	const char *help;
};


extern const struct option_def options[];
extern const size_t noptions;

/* Names of enum values as written in the file, NULL-terminated. */
extern const char *const ongoing_names[];
extern const char *const report_every_names[];
extern const char *const log_level_names[];
extern const char *const review_by_names[];
/* Weekday d (0 = Sunday) as written in send_window.days. */
extern const char *const day_names[7];

/* The settings read by list readers rather than by the table, and the
 * keys each list entry may have. */
extern const char *const list_keys[];
extern const char *const unit_keys[];
extern const char *const admin_keys[];
extern const char *const webhook_keys[];
extern const char *const group_keys[];

/* A string's check: NULL when fine, else what is wrong. */
typedef const char *check_fn(const char *);
/* A unit's e-mail address; a webhook's http(s) URL. */
const char *check_email(const char *v);
const char *check_http_url(const char *v);

/* Where an option lives in c. */
static inline void *
slot(struct config *c, size_t offset)
{
	return (char *)c + offset;
}

static inline const void *
cslot(const struct config *c, size_t offset)
{
	return (const char *)c + offset;
}

#endif
