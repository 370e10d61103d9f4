/* options: the configuration's options as data (after tmux's
 * options-table.c): each option's path, type, default, bounds, the field
 * of struct config it fills and its one-line help, and the checks of
 * string values.  parse.c reads the file through this table;
 * describe.c writes it back out. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>

#include "base/clock.h"
#include "base/netaddr.h"
#include "base/text.h"
#include "conf/options.h"

/* OPT_ENUM values are stored through an int. */
_Static_assert(sizeof(enum ongoing_policy) == sizeof(int),
    "enum ongoing_policy is not int-sized");

static const char *check_zone(const char *);
static const char *check_smtp_url(const char *);
static const char *check_from(const char *);
static const char *check_listen(const char *);
static const char *check_host(const char *);
static const char *check_proxy(const char *);

const char *const ongoing_names[] = {
	[ONGOING_NONE] = "none",
	[ONGOING_MONTHLY] = "monthly",
	[ONGOING_QUARTERLY] = "quarterly",
	NULL
};

_Static_assert(sizeof(enum report_every) == sizeof(int),
    "enum report_every is not int-sized");
const char *const report_every_names[] = {
	[REPORT_NONE] = "none",
	[REPORT_MONTHLY] = "month",
	[REPORT_QUARTERLY] = "quarter",
	NULL
};

_Static_assert(sizeof(enum log_verbosity) == sizeof(int),
    "enum log_verbosity is not int-sized");
const char *const log_level_names[] = {
	[LOGV_ERROR] = "error",
	[LOGV_WARNING] = "warning",
	[LOGV_INFO] = "info",
	[LOGV_DEBUG] = "debug",
	NULL
};

_Static_assert(sizeof(enum review_by) == sizeof(int),
    "enum review_by is not int-sized");
const char *const review_by_names[] = {
	[REVIEW_BY_LEAD] = "lead",
	[REVIEW_BY_SUPERVISORS] = "supervisors",
	[REVIEW_BY_ADMIN] = "admin",
	NULL
};

/* Weekday d (0 = Sunday) as written in send_window.days. */
const char *const day_names[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat",
};

#define OFF(m) offsetof(struct config, m)
#define MON_TO_FRI 0x3eu

const struct option_def options[] = {
	{ .path = "database", .type = OPT_STRING, .offset = OFF(database),
	  .def_str = "/var/lib/deadlined/deadlined.db",
	  .help = "SQLite database file" },
	{ .path = "timezone", .type = OPT_STRING, .offset = OFF(timezone),
	  .def_str = "Asia/Shanghai", .check = check_zone,
	  .help = "IANA time zone of deadlines and send windows" },

	{ .path = "schedule.lead_days", .type = OPT_INTS,
	  .offset = OFF(schedule.lead_days),
	  .count_offset = OFF(schedule.nlead_days),
	  .def_str = "30 14 7 3 1 0", .min = 0, .max = 365,
	  .help = "days before a due date on which notices go out" },
	{ .path = "schedule.overdue_every_days", .type = OPT_INT,
	  .offset = OFF(schedule.overdue_every_days), .def = 3,
	  .min = 1, .max = 365,
	  .help = "days between overdue notices" },
	{ .path = "schedule.overdue_max", .type = OPT_INT,
	  .offset = OFF(schedule.overdue_max), .def = 5, .min = 0, .max = 100,
	  .help = "overdue notices at most, per item and unit" },
	{ .path = "schedule.ongoing", .type = OPT_ENUM,
	  .offset = OFF(schedule.ongoing), .def = ONGOING_QUARTERLY,
	  .choices = ongoing_names,
	  .help = "check-ins for ongoing items: none, monthly or quarterly" },
	{ .path = "schedule.checkin_lead_days", .type = OPT_INT,
	  .offset = OFF(schedule.checkin_lead_days), .def = 7,
	  .min = 0, .max = 365,
	  .help = "days before each period's end that a check-in goes out" },
	{ .path = "schedule.escalate_after_days", .type = OPT_INT,
	  .offset = OFF(schedule.escalate_after_days), .def = 2,
	  .min = 0, .max = 365,
	  .help = "working days without an acknowledgement before escalation "
	  "(0: none)" },
	{ .path = "schedule.progress.every", .type = OPT_ENUM,
	  .offset = OFF(schedule.progress.every), .def = REPORT_NONE,
	  .choices = report_every_names,
	  .help = "progress reports due every month or quarter (none: no "
	  "report requests)" },
	{ .path = "schedule.progress.day", .type = OPT_INT,
	  .offset = OFF(schedule.progress.day), .def = 25, .min = 1, .max = 31,
	  .help = "reports due by this day of the month (of each quarter's "
	  "last month; a shorter month's last day; a day off: the working "
	  "day before)" },
	{ .path = "schedule.progress.lead_days", .type = OPT_INT,
	  .offset = OFF(schedule.progress.lead_days), .def = 3,
	  .min = 0, .max = 20,
	  .help = "working days before the report date that the request goes "
	  "out" },
	{ .path = "schedule.notify_support", .type = OPT_BOOL,
	  .offset = OFF(schedule.notify_support), .def = 1,
	  .help = "supporting (配合) units get notices too" },
	{ .path = "schedule.review", .type = OPT_BOOL,
	  .offset = OFF(schedule.review), .def = 0,
	  .help = "a unit's 已完成 waits for the approver's check (待审核) "
	  "before the item is closed (deadlinectl plan-review: per plan)" },
	{ .path = "schedule.send_window.days", .type = OPT_DAYS,
	  .offset = OFF(schedule.window.days), .def = MON_TO_FRI,
	  .help = "weekdays on which notices are sent" },
	{ .path = "schedule.send_window.from", .type = OPT_TIME,
	  .offset = OFF(schedule.window.from), .def = 9 * 60,
	  .help = "local time the send window opens" },
	{ .path = "schedule.send_window.to", .type = OPT_TIME,
	  .offset = OFF(schedule.window.to), .def = 17 * 60 + 30,
	  .help = "local time the send window closes (after from)" },
	{ .path = "schedule.calendar", .type = OPT_PATHS,
	  .offset = OFF(schedule.calendar_paths),
	  .count_offset = OFF(schedule.ncalendar_paths),
	  .help = "holiday files, or folders of them, with holidays and "
	  "make-up working days (relative: to this file's folder)" },

	{ .path = "smtp.url", .type = OPT_STRING, .offset = OFF(delivery.smtp.url),
	  .check = check_smtp_url,
	  .help = "mail server, smtp://HOST[:PORT] or smtps://HOST[:PORT]; "
	  "unset: no mail" },
	{ .path = "smtp.from", .type = OPT_STRING, .offset = OFF(delivery.smtp.from),
	  .check = check_from,
	  .help = "From: of every notice, e.g. \"Name <addr@example.org>\"" },
	{ .path = "smtp.username", .type = OPT_STRING,
	  .offset = OFF(delivery.smtp.username),
	  .help = "SMTP AUTH user name; unset: no authentication" },
	{ .path = "smtp.password_file", .type = OPT_STRING,
	  .offset = OFF(delivery.smtp.password_file),
	  .help = "file whose first line is the SMTP password (relative: to "
	  "$CREDENTIALS_DIRECTORY, else this file's folder)" },
	{ .path = "smtp.password", .type = OPT_SECRET,
	  .offset = OFF(delivery.smtp.password),
	  .help = "read from smtp.password_file, never shown" },
	{ .path = "smtp.starttls", .type = OPT_BOOL,
	  .offset = OFF(delivery.smtp.starttls), .def = 1,
	  .help = "require STARTTLS on smtp:// (smtps:// is TLS from the "
	  "start)" },
	{ .path = "smtp.ca_file", .type = OPT_PATH,
	  .offset = OFF(delivery.smtp.ca_file),
	  .help = "PEM file of the CAs the server's certificate is checked "
	  "against instead of the system's (relative: to this file's "
	  "folder)" },
	{ .path = "smtp.timeout", .type = OPT_INT, .offset = OFF(delivery.smtp.timeout),
	  .def = 30, .min = 1, .max = 3600,
	  .help = "seconds before an SMTP transfer is given up (and retried)" },
	{ .path = "smtp.connections", .type = OPT_INT,
	  .offset = OFF(delivery.smtp.connections), .def = 2, .min = 1, .max = 16,
	  .help = "connections to the mail server at once, each kept for "
	  "the next mail" },

	{ .path = "http.listen", .type = OPT_STRING, .offset = OFF(http.listen),
	  .def_str = "127.0.0.1:8470", .check = check_listen,
	  .help = "address:port of the acknowledgement endpoint" },
	{ .path = "http.public_url", .type = OPT_STRING,
	  .offset = OFF(http.public_url), .def_str = "http://127.0.0.1:8470",
	  .check = check_http_url,
	  .help = "base of the ack links in notices, as users reach it" },
	{ .path = "http.allowed_hosts", .type = OPT_STRINGS,
	  .offset = OFF(http.allowed_hosts),
	  .count_offset = OFF(http.nallowed_hosts), .check = check_host,
	  .help = "Host header names served besides public_url's host, the "
	  "listen address and localhost (others: 421)" },
	{ .path = "http.trusted_proxies", .type = OPT_STRINGS,
	  .offset = OFF(http.trusted_proxies),
	  .count_offset = OFF(http.ntrusted_proxies), .check = check_proxy,
	  .help = "addresses or CIDR ranges of reverse proxies whose "
	  "X-Forwarded-For and X-Forwarded-Proto are believed" },
	{ .path = "http.approval_link_days", .type = OPT_INT,
	  .offset = OFF(http.approval_link_days), .def = 14, .min = 1,
	  .max = 365,
	  .help = "days an approval link (/review/TOKEN) stays valid" },

	{ .path = "review_by", .type = OPT_ENUM, .offset = OFF(review_by),
	  .def = REVIEW_BY_LEAD, .choices = review_by_names,
	  .help = "who decides extensions and reviewed completions: lead "
	  "(the measure's lead units; none: supervisors, then admin), "
	  "supervisors or admin" },
	{ .path = "log_level", .type = OPT_ENUM, .offset = OFF(log_level),
	  .def = LOGV_INFO, .choices = log_level_names,
	  .help = "least severe messages logged: error, warning, info or "
	  "debug (-v: debug)" },
	{ .path = "webhook_concurrency", .type = OPT_INT,
	  .offset = OFF(delivery.webhook_concurrency), .def = 4, .min = 1, .max = 64,
	  .help = "webhook transfers at once" },
	{ .path = "maildir", .type = OPT_STRING, .offset = OFF(maildir),
	  .help = "Maildir for units with no channel of their own; unset: "
	  "none" },
};

/* The settings read by list readers rather than by the table. */
const char *const list_keys[] = {
	"admin", "supervisors", "units", "groups", "reports", NULL
};

const char *const unit_keys[] = {
	"name", "aliases", "email", "webhook", "maildir", NULL
};
const char *const admin_keys[] = { "email", "webhook", "maildir", NULL };
const char *const webhook_keys[] = {
	"type", "url", "secret", "tls_ca_file", NULL
};
const char *const group_keys[] = { "name", "members", NULL };

/* A string's check: NULL when fine, else what is wrong. */
typedef const char *check_fn(const char *);

/* timezone: an installed IANA zone (glibc would silently use UTC). */
static const char *
check_zone(const char *v)
{
	return clock_zone_exists(v) ? NULL : "not an installed IANA time zone";
}

/* smtp.url: what libcurl's SMTP speaks, nothing else. */
static const char *
check_smtp_url(const char *v)
{
	if (strncmp(v, "smtp://", 7) != 0 && strncmp(v, "smtps://", 8) != 0)
		return "expected smtp:// or smtps://";
	if (strpbrk(v, " \t\r\n") != NULL)
		return "contains white space";
	return NULL;
}

/* A header value with an address: no line breaks (header injection). */
static const char *
check_from(const char *v)
{
	if (strpbrk(v, "\r\n") != NULL)
		return "contains a line break";
	if (strchr(v, '@') == NULL)
		return "no address";
	return NULL;
}

/* HOST:PORT, HOST possibly a bracketed IPv6 address. */
static const char *
check_listen(const char *v)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long port;

	if (colon == NULL || colon == v)
		return "expected ADDRESS:PORT";
	port = strtol(colon + 1, &end, 10);
	if (colon[1] < '0' || colon[1] > '9' || *end != '\0' || port < 1 ||
	    port > 65535)
		return "expected ADDRESS:PORT with a port 1..65535";
	return NULL;
}

/* http.allowed_hosts: a name or an address as a Host header gives it,
 * without the port. */
static const char *
check_host(const char *v)
{
	const char *p;

	if (v[0] == '[')
		return v[strlen(v) - 1] == ']' && strlen(v) > 2 ? NULL :
		    "expected a name, an IPv4 address or [IPv6]";
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_'))
			return *p == ':' ? "a name without a port (IPv6: "
			    "in brackets)" : "expected a host name (letters, "
			    "digits, '.', '-')";
	return NULL;
}

/* http.trusted_proxies: ADDRESS or ADDRESS/LENGTH, IPv4 or IPv6. */
static const char *
check_proxy(const char *v)
{
	struct net_range r;

	return net_range_parse(v, &r);
}

/* http.public_url and webhook urls: http:// or https:// only. */
const char *
check_http_url(const char *v)
{
	if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
		return "expected http:// or https://";
	if (strpbrk(v, " \t\r\n\"<>") != NULL)
		return "contains white space or quotes";
	return NULL;
}

/* An e-mail address: something@something, nothing that could break a
 * header or an SMTP command. */
const char *
check_email(const char *v)
{
	const char *p, *at = strchr(v, '@');

	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '<' ||
		    *p == '>')
			return "not a plain address (space, control or <>)";
	if (at == NULL || at == v || at[1] == '\0')
		return "not an address (NAME@DOMAIN)";
	return NULL;
}


const size_t noptions = ARRAY_LEN(options);
