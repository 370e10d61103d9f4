/* config: the configuration in memory (struct config): the options, the
 * recipients and groups, the calendar.  Read from the libconfig file by
 * parse.c through the option table (options.c; lists.c for the units and
 * groups), written back by describe.c; programs load it with conf/load.h. */
#ifndef DEADLINED_CONFIG_H
#define DEADLINED_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/util.h"
#include "conf/calendar.h"
#include "conf/channels.h"

#define CONFIG_DEFAULT_PATH "/etc/deadlined/deadlined.conf"

enum ongoing_policy { ONGOING_NONE, ONGOING_MONTHLY, ONGOING_QUARTERLY };

/* The months between an ongoing item's check-ins, 0 for none. */
static inline int
ongoing_months(enum ongoing_policy p)
{
	return p == ONGOING_MONTHLY ? 1 : p == ONGOING_QUARTERLY ? 3 : 0;
}
/* How often progress reports are due (schedule.progress.every). */
enum report_every { REPORT_NONE, REPORT_MONTHLY, REPORT_QUARTERLY };

/* The months between report dates, 0 for none. */
static inline int
report_months(enum report_every e)
{
	return e == REPORT_MONTHLY ? 1 : e == REPORT_QUARTERLY ? 3 : 0;
}
enum log_verbosity { LOGV_ERROR, LOGV_WARNING, LOGV_INFO, LOGV_DEBUG };
/* Who decides a unit's request (an extension, a completion under
 * review): the measure's lead units, the supervisors, or admin. */
enum review_by { REVIEW_BY_LEAD, REVIEW_BY_SUPERVISORS, REVIEW_BY_ADMIN };

struct webhook {
	enum channel_kind type;	/* a CONF_WEBHOOK kind of conf/channels.h */
	char *url;
	char *secret;		/* NULL when none */
	char *tls_ca_file;	/* the CAs its https:// peer is checked
				 * against instead of the system's, NULL:
				 * the system's */
	int line;
};

/* Where a unit's (or the admin's) notices go. */
struct recipient {
	char *name;
	char **aliases;
	size_t naliases;
	char **email;
	size_t nemail;
	struct webhook *webhooks;
	size_t nwebhooks;
	char *maildir;		/* NULL when none */
	int line;		/* in the config file, 0 for built-ins */
};

struct group {
	char *name;
	char **members;
	size_t nmembers;
	int line;
	int *member_lines;	/* where each member is written, 0: unknown */
};

struct name_index;

/* How often a periodic report (情况通报) goes out. */
enum report_period { PERIOD_WEEK, PERIOD_MONTH };
/* A monthly report's day that stands for the month's last day ("last",
 * and 31 in a shorter month: any day past the month's end is its last). */
#define REPORT_LAST_DAY 31

/* One periodic report: when (a weekday or a day of the month at a time
 * of day, in the configured zone, moved to the next working day) and to
 * whom, over which plans. */
struct report_conf {
	char *name;		/* its key in report_run; "week"/"month" by default */
	enum report_period every;
	int day;		/* week: 0 = Sunday .. 6; month: 1 .. 31 */
	int at;			/* minutes after local midnight */
	struct recipient to;	/* named as the report */
	int64_t *plans;		/* the plans it covers (ids), none: all */
	size_t nplans;
	int line;
};

/* What the delivery agent needs of the configuration, and nothing else:
 * the daemon hands it over whole (deliver/sendproto.c), and the
 * deliverer and its channels see only this. */
struct delivery_config {
	struct {
		char *url;		/* NULL: no SMTP */
		char *from;
		char *username;
		char *password_file;
		char *password;		/* read from password_file; never logged */
		bool starttls;		/* require STARTTLS on smtp:// */
		char *ca_file;		/* the CAs the server is checked against
					 * instead of the system's, NULL: the
					 * system's */
		int timeout;		/* seconds */
		int connections;	/* to the server at once, each reused */
	} smtp;
	int webhook_concurrency;	/* transfers at once */
};

struct config {
	char *path;		/* the file read, NULL for built-in defaults */
	struct name_index *names;	/* recipients_index's */
	char *database;
	char *timezone;
	enum log_verbosity log_level;

	struct {
		int *lead_days;		/* distinct, sorted descending */
		size_t nlead_days;
		int overdue_every_days;
		int overdue_max;
		enum ongoing_policy ongoing;
		int checkin_lead_days;
		int escalate_after_days;
		/* Progress reports (进展填报): due by `day` of every month
		 * or of each quarter's last month, asked for lead_days
		 * working days before. */
		struct {
			enum report_every every;
			int day;
			int lead_days;
		} progress;
		bool notify_support;	/* support units get notices too */
		bool review;		/* 已完成 waits for the approver (a
					 * plan's own setting overrides it) */
		struct send_window window;
		char **calendar_paths;	/* holiday files and folders */
		size_t ncalendar_paths;
	} schedule;

	struct delivery_config delivery;

	struct {
		char *listen;
		char *public_url;
		char **allowed_hosts;	/* Host names served besides the
					 * public_url's, listen's, localhost */
		size_t nallowed_hosts;
		char **trusted_proxies;	/* ADDR or ADDR/LEN whose
					 * X-Forwarded-For is believed */
		size_t ntrusted_proxies;
		int approval_link_days;	/* an approval link's lifetime */
	} http;

	char *maildir;		/* default channel for units with none, NULL */

	struct recipient admin;
	/* Who approve requests (review_by = "supervisors") and receive
	 * escalations beside the lead units and admin; none by default. */
	struct recipient supervisors;
	enum review_by review_by;
	struct recipient *units;
	size_t nunits;
	struct group *groups;
	size_t ngroups;

	struct report_conf *reports;	/* reports = ( ... ) */
	size_t nreports;

	struct calendar *calendar;	/* from calendar_paths, or NULL */
};

#endif
