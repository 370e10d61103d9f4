/*
 * Tests for config: built-in defaults, the sample etc/deadlined.conf, a
 * file setting every option, the lists (admin, units, webhooks, groups),
 * every kind of error with its exit code and "FILE:LINE: " place (a table
 * of bad files), the SMTP password file (next to the config, through
 * $CREDENTIALS_DIRECTORY, and never in a message or config_describe), the
 * calendar file, the TLS CA files and config_describe.  Each test writes its files into its
 * own scratch folder (testdir.h), removed afterwards.  Tests run from the repository
 * root (for the sample).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf.h"
#include "conf/calendar.h"
#include "conf/config.h"
#include "conf/describe.h"
#include "conf/load.h"
#include "base/date.h"
#include "base/util.h"
#include "testdir.h"
#include "conf_fixture.h"

/* A test's folder and the config file in it. */
struct fixture {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	testdir_make(f->dir, sizeof(f->dir), "test_config");
	snprintf(f->path, sizeof(f->path), "%s/deadlined.conf", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	testdir_remove(f->dir);
	free(f);
	unsetenv("CREDENTIALS_DIRECTORY");
	return 0;
}

/* Write text as the fixture's config file. */
static void
write_file(const struct fixture *f, const char *text)
{
	conf_write(f->path, "%s", text);
}

/* Write text as file `name` in folder dir. */
static void
write_in(const char *dir, const char *name, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	conf_write(path, "%s", text);
}

/* Load the fixture's file expecting success. */
static struct config *
load_ok(const struct fixture *f)
{
	return conf_load_ok(f->path);
}

/* Load path expecting an error with code and a message that starts with
 * prefix and contains each of the NULL-terminated words. */
static void
load_fails(const char *path, int code, const char *prefix, ...)
{
	struct config *c = (struct config *)&c;	/* must become NULL */
	struct error err;
	const char *word;
	va_list ap;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = config_load(path, &c, &err);
	print_message("# %s\n", err.msg);
	if (rc != code || strncmp(err.msg, prefix, strlen(prefix)) != 0)
		print_error("got %d \"%s\", want %d starting \"%s\"\n", rc,
		    err.msg, code, prefix);
	assert_int_equal(rc, code);
	assert_int_equal(err.code, code);
	assert_null(c);
	assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
	va_start(ap, prefix);
	while ((word = va_arg(ap, const char *)) != NULL) {
		if (strstr(err.msg, word) == NULL)
			print_error("\"%s\" does not mention \"%s\"\n", err.msg,
			    word);
		assert_non_null(strstr(err.msg, word));
	}
	va_end(ap);
}

/* Load the fixture's file expecting an error on line `line`. */
static void
load_fails_at(const struct fixture *f, int code, int line, const char *word)
{
	char prefix[160];

	snprintf(prefix, sizeof(prefix), "%s:%d: ", f->path, line);
	load_fails(f->path, code, prefix, word, (const char *)NULL);
}

/* No file: the built-in defaults. */
static void
test_defaults(void **state)
{
	struct config *c = NULL;
	struct error err;

	(void)state;
	assert_int_equal(config_load(NULL, &c, &err), 0);
	assert_non_null(c);
	assert_null(c->path);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "Asia/Shanghai");
	config_free(c);
	config_free(NULL);
}

/* A file overrides both options. */
static void
test_override(void **state)
{
	struct fixture *f = *state;
	struct config *c;

	write_file(f, "# deadlined\n"
	    "database = \"/srv/deadlined/plans.db\";\n"
	    "timezone = \"America/New_York\";\n");
	c = load_ok(f);
	assert_string_equal(c->path, f->path);
	assert_string_equal(c->database, "/srv/deadlined/plans.db");
	assert_string_equal(c->timezone, "America/New_York");
	config_free(c);
}

/* An option the file leaves out keeps its default. */
static void
test_partial(void **state)
{
	struct fixture *f = *state;
	struct config *c;

	write_file(f, "timezone = \"UTC\";\n");
	c = load_ok(f);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "UTC");
	config_free(c);

	write_file(f, "");
	c = load_ok(f);
	assert_string_equal(c->path, f->path);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "Asia/Shanghai");
	config_free(c);
}

/* Keys the daemon does not know are errors at their line (a misspelt
 * key would otherwise be ignored without a word), at the top level and
 * inside groups. */
static void
test_unknown_keys(void **state)
{
	static const struct {
		const char *text;
		int line;
		const char *word;
	} cases[] = {
		{ "smtp = {\n"
		  "  url = \"smtps://mail.example.org:465\";\n"
		  "  from = \"deadlined@example.org\";\n"
		  "  port = 465;\n"
		  "};\n", 4, "unknown setting \"port\"" },
		{ "database = \"/tmp/x.db\";\n"
		  "webhooks = ( { name = \"wecom\"; url = \"https://x/\"; } );\n",
		  2, "unknown setting \"webhooks\"" },
		{ "\nsend_window = [ \"09:00\", \"18:00\" ];\n", 2,
		  "unknown setting \"send_window\"" },
		{ "debug = true;\n", 1, "unknown setting \"debug\"" },
		{ "schedule = {\n  lead_days = [1];\n  leaddays = [2];\n};\n", 3,
		  "unknown setting \"leaddays\"" },
		{ "schedule = { send_window = {\n from = \"09:00\";\n"
		  "  until = \"18:00\"; }; };\n", 3, "unknown setting \"until\"" },
		{ "http = { port = 80; };\n", 1, "unknown setting \"port\"" },
		{ "admin = {\n  name = \"root\";\n};\n", 2,
		  "unknown setting \"name\"" },
		{ "units = ( { name = \"a\"; },\n"
		  "  { name = \"b\";\n    colour = \"red\"; } );\n", 3,
		  "unknown setting \"colour\"" },
		{ "units = ( { name = \"a\"; webhook = ( {\n"
		  "  url = \"https://x.example.org/\";\n  token = \"t\"; } ); } );\n",
		  3, "unknown setting \"token\"" },
		{ "groups = ( { name = \"g\"; members = [];\n  owner = \"x\"; } );\n",
		  2, "unknown setting \"owner\"" },
		{ "smtp = { password = \"hunter2\"; };\n", 1,
		  "unknown setting \"password\"" },
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# case %zu\n", i);
		write_file(f, cases[i].text);
		load_fails_at(f, EXIT_CONFIG, cases[i].line, cases[i].word);
	}
}

/* http.allowed_hosts and http.trusted_proxies: lists of strings, each
 * checked, a bad one named at its own line. */
static void
test_http_lists(void **state)
{
	static const struct {
		const char *text;
		int line;
		const char *word;
	} bad[] = {
		{ "http = { trusted_proxies = [ \"127.0.0.1\",\n"
		  "  \"10.0.0.0/33\" ]; };\n", 2, "not 0..32" },
		{ "http = { trusted_proxies = [ \"fd00::/129\" ]; };\n", 1,
		  "not 0..128" },
		{ "http = {\n trusted_proxies = \"proxy.example.org\"; };\n", 2,
		  "not an IP address" },
		{ "http = { trusted_proxies = [ \"10.0.0.0/\" ]; };\n", 1,
		  "not a number" },
		{ "http = { trusted_proxies = [ 10 ]; };\n", 1,
		  "expected a string" },
		{ "http = { allowed_hosts = [ \"a.example.org:80\" ]; };\n", 1,
		  "without a port" },
		{ "http = { allowed_hosts = [ \"a b\" ]; };\n", 1,
		  "expected a host name" },
	};
	struct fixture *f = *state;
	struct config *c;
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		print_message("# case %zu\n", i);
		write_file(f, bad[i].text);
		load_fails_at(f, EXIT_CONFIG, bad[i].line, bad[i].word);
	}
	write_file(f, "http = { allowed_hosts = [ \"Deadlines.example.org\","
	    " \"[::1]\" ];\n trusted_proxies = [ \"127.0.0.1\", \"10.0.0.0/8\","
	    " \"fd00::/8\", \"::1\" ]; };\n");
	c = load_ok(f);
	assert_int_equal(c->http.nallowed_hosts, 2);
	assert_string_equal(c->http.allowed_hosts[0], "Deadlines.example.org");
	assert_string_equal(c->http.allowed_hosts[1], "[::1]");
	assert_int_equal(c->http.ntrusted_proxies, 4);
	assert_string_equal(c->http.trusted_proxies[1], "10.0.0.0/8");
	config_free(c);
	/* Unset: none of either. */
	write_file(f, "http = { listen = \"127.0.0.1:1\"; };\n");
	c = load_ok(f);
	assert_int_equal(c->http.nallowed_hosts, 0);
	assert_int_equal(c->http.ntrusted_proxies, 0);
	config_free(c);
}

/* A syntax error names the file and its line.  (No string right before
 * the error: libconfig 1.5 leaks a string token it was holding when the
 * parse fails, which LeakSanitizer reports.) */
static void
test_syntax_error(void **state)
{
	struct fixture *f = *state;

	write_file(f, "# comment\n"
	    "database = \"/tmp/x.db\";\n"
	    "\n"
	    "timezone = = 8;\n"
	    "debug = true;\n");
	load_fails_at(f, EXIT_CONFIG, 4, NULL);

	write_file(f, "smtp = {\n"
	    "  url = \"x\";\n"
	    "  port = ;\n"
	    "};\n");
	load_fails_at(f, EXIT_CONFIG, 3, NULL);
}

/* A value of the wrong type names its line and the option. */
static void
test_wrong_type(void **state)
{
	struct fixture *f = *state;

	write_file(f, "database = \"/tmp/x.db\";\ntimezone = 42;\n");
	load_fails_at(f, EXIT_CONFIG, 2, "timezone");

	write_file(f, "\n\n\ndatabase = true;\n");
	load_fails_at(f, EXIT_CONFIG, 4, "database");

	write_file(f, "timezone = { name = \"UTC\"; };\n");
	load_fails_at(f, EXIT_CONFIG, 1, "timezone");
}

/* A zone that is not installed is a config error, not silent UTC. */
static void
test_unknown_zone(void **state)
{
	static const char *const zones[] = {
		"Mars/Olympus", "../etc/passwd", "/etc/localtime", "", "Asia",
	};
	struct fixture *f = *state;
	char text[128];
	size_t i;

	for (i = 0; i < ARRAY_LEN(zones); i++) {
		print_message("# zone \"%s\"\n", zones[i]);
		snprintf(text, sizeof(text), "database = \"x\";\n"
		    "timezone = \"%s\";\n", zones[i]);
		write_file(f, text);
		load_fails_at(f, EXIT_CONFIG, 2, "timezone");
	}
}

/* A file that is not there is EXIT_NOINPUT, naming the file. */
static void
test_missing_file(void **state)
{
	struct fixture *f = *state;
	char path[160];

	snprintf(path, sizeof(path), "%s/none.conf", f->dir);
	load_fails(path, EXIT_NOINPUT, path, (const char *)NULL);
}

/* A folder is no config file: an error, not an exit from inside
 * libconfig's scanner. */
static void
test_directory(void **state)
{
	struct fixture *f = *state;
	char prefix[80];

	snprintf(prefix, sizeof(prefix), "%s: ", f->dir);
	load_fails(f->dir, EXIT_NOINPUT, prefix, "directory", (const char *)NULL);
}

/* Every option's built-in default, and the admin with no channel. */
static void
test_all_defaults(void **state)
{
	static const int lead[] = { 30, 14, 7, 3, 1, 0 };
	struct config *c = NULL;
	struct error err;
	size_t i;

	(void)state;
	assert_int_equal(config_load(NULL, &c, &err), 0);
	assert_int_equal(c->schedule.nlead_days, ARRAY_LEN(lead));
	for (i = 0; i < ARRAY_LEN(lead); i++)
		assert_int_equal(c->schedule.lead_days[i], lead[i]);
	assert_int_equal(c->schedule.overdue_every_days, 3);
	assert_int_equal(c->schedule.overdue_max, 5);
	assert_int_equal(c->schedule.ongoing, ONGOING_QUARTERLY);
	assert_int_equal(c->schedule.checkin_lead_days, 7);
	assert_int_equal(c->schedule.escalate_after_days, 2);
	assert_true(c->schedule.notify_support);
	assert_int_equal(c->schedule.window.days, 0x3e);	/* mon-fri */
	assert_int_equal(c->schedule.window.from, 9 * 60);
	assert_int_equal(c->schedule.window.to, 17 * 60 + 30);
	assert_int_equal(c->schedule.ncalendar_paths, 0);
	assert_null(c->calendar);
	assert_null(c->delivery.smtp.url);
	assert_null(c->delivery.smtp.from);
	assert_null(c->delivery.smtp.username);
	assert_null(c->delivery.smtp.password_file);
	assert_null(c->delivery.smtp.password);
	assert_true(c->delivery.smtp.starttls);
	assert_int_equal(c->delivery.smtp.timeout, 30);
	assert_int_equal(c->delivery.smtp.connections, 2);
	assert_string_equal(c->http.listen, "127.0.0.1:8470");
	assert_string_equal(c->http.public_url, "http://127.0.0.1:8470");
	assert_int_equal(c->delivery.webhook_concurrency, 4);
	assert_null(c->maildir);
	assert_string_equal(c->admin.name, "admin");
	assert_int_equal(c->admin.nemail, 0);
	assert_int_equal(c->admin.nwebhooks, 0);
	assert_null(c->admin.maildir);
	assert_false(c->schedule.review);
	assert_int_equal(c->review_by, REVIEW_BY_LEAD);
	assert_int_equal(c->http.approval_link_days, 14);
	assert_string_equal(c->supervisors.name, "supervisors");
	assert_int_equal(c->supervisors.nemail, 0);
	assert_int_equal(c->supervisors.nwebhooks, 0);
	assert_int_equal(c->nunits, 0);
	assert_int_equal(c->ngroups, 0);
	config_free(c);
}

/* The sample etc/deadlined.conf loads (from the repository root), with
 * its calendar, units, webhooks and groups. */
static void
test_sample(void **state)
{
	struct config *c = NULL;
	struct error err;
	const struct recipient *u;
	int rc;

	(void)state;
	memset(&err, 0, sizeof(err));
	rc = config_load("etc/deadlined.conf", &c, &err);
	if (rc != 0)
		print_error("%s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_string_equal(c->database, "/var/lib/deadlined/deadlined.db");
	assert_string_equal(c->timezone, "Asia/Shanghai");
	assert_int_equal(c->schedule.nlead_days, 6);
	assert_int_equal(c->schedule.ongoing, ONGOING_QUARTERLY);
	assert_int_equal(c->schedule.ncalendar_paths, 1);
	assert_string_equal(c->schedule.calendar_paths[0], "etc/holidays");
	assert_non_null(c->calendar);
	/* 2026-02-14, a Saturday, is a make-up working day. */
	assert_true(calendar_is_workday(c->calendar, &c->schedule.window,
	    date_from_ymd(2026, 2, 14)));
	/* As shipped, everything goes to the Maildir var/mail (make run). */
	assert_null(c->delivery.smtp.url);
	assert_null(c->delivery.smtp.password);
	/* The ack links open where the endpoint listens (make run). */
	assert_string_equal(c->http.listen, "127.0.0.1:8470");
	assert_string_equal(c->http.public_url, "http://127.0.0.1:8470");
	assert_string_equal(c->maildir, "var/mail");
	assert_int_equal(c->admin.nemail, 0);
	assert_int_equal(c->nunits, 27);
	u = &c->units[0];
	assert_string_equal(u->name, "省知识产权事业发展中心");
	assert_int_equal(u->naliases, 1);
	assert_string_equal(u->aliases[0], "知识产权事业发展中心");
	assert_int_equal(u->nemail + u->nwebhooks, 0);
	assert_null(u->maildir);
	assert_int_equal(c->ngroups, 4);
	assert_string_equal(c->groups[0].name, "各市市场监督管理局");
	assert_int_equal(c->groups[0].nmembers, 16);
	config_free(c);
}

/* A file that sets every option to something else than its default. */
static void
test_full(void **state)
{
	static const int lead[] = { 60, 10, 5, 0 };
	struct fixture *f = *state;
	struct config *c;
	size_t i;

	write_file(f, "database = \"/srv/d.db\";\n"
	    "timezone = \"America/New_York\";\n"
	    "schedule: {\n"
	    "  lead_days = [5, 60, 0, 10, 5, 60];\n"
	    "  overdue_every_days = 1;\n"
	    "  overdue_max = 0;\n"
	    "  ongoing = \"monthly\";\n"
	    "  checkin_lead_days = 3;\n"
	    "  escalate_after_days = 0;\n"
	    "  notify_support = false;\n"
	    "  review = true;\n"
	    "  send_window: { days = [\"Sat\", \"sun\"]; from = \"00:00\";"
	    " to = \"24:00\"; };\n"
	    "};\n"
	    "smtp: { url = \"smtp://mail.example.org:587\";\n"
	    "  from = \"reminder@example.org\"; username = \"u\";\n"
	    "  starttls = false; timeout = 3600; connections = 16; };\n"
	    "http: { listen = \"[::1]:8080\";"
	    " public_url = \"https://d.example.org/base//\";"
	    " approval_link_days = 30; };\n"
	    "review_by = \"supervisors\";\n"
	    "webhook_concurrency = 64;\n"
	    "maildir = \"var/mail\";\n");
	c = load_ok(f);
	assert_string_equal(c->database, "/srv/d.db");
	assert_string_equal(c->timezone, "America/New_York");
	/* Distinct and descending, whatever the file's order. */
	assert_int_equal(c->schedule.nlead_days, ARRAY_LEN(lead));
	for (i = 0; i < ARRAY_LEN(lead); i++)
		assert_int_equal(c->schedule.lead_days[i], lead[i]);
	assert_int_equal(c->schedule.overdue_every_days, 1);
	assert_int_equal(c->schedule.overdue_max, 0);
	assert_int_equal(c->schedule.ongoing, ONGOING_MONTHLY);
	assert_int_equal(c->schedule.checkin_lead_days, 3);
	assert_int_equal(c->schedule.escalate_after_days, 0);
	assert_false(c->schedule.notify_support);
	assert_true(c->schedule.review);
	assert_int_equal(c->review_by, REVIEW_BY_SUPERVISORS);
	assert_int_equal(c->http.approval_link_days, 30);
	assert_int_equal(c->schedule.window.days, (1u << 6) | 1u);
	assert_int_equal(c->schedule.window.from, 0);
	assert_int_equal(c->schedule.window.to, 24 * 60);
	assert_string_equal(c->delivery.smtp.url, "smtp://mail.example.org:587");
	assert_string_equal(c->delivery.smtp.from, "reminder@example.org");
	assert_string_equal(c->delivery.smtp.username, "u");
	assert_false(c->delivery.smtp.starttls);
	assert_int_equal(c->delivery.smtp.timeout, 3600);
	assert_int_equal(c->delivery.smtp.connections, 16);
	assert_string_equal(c->http.listen, "[::1]:8080");
	/* Trailing slashes dropped: links are public_url + "/ack/…". */
	assert_string_equal(c->http.public_url, "https://d.example.org/base");
	assert_int_equal(c->delivery.webhook_concurrency, 64);
	assert_string_equal(c->maildir, "var/mail");

	/* An empty lead list: due-day and overdue notices only. */
	write_file(f, "schedule = { lead_days = []; };\n");
	c = (config_free(c), load_ok(f));
	assert_int_equal(c->schedule.nlead_days, 0);
	config_free(c);
}

/* Admin, units with aliases and channels, webhooks, groups. */
static void
test_lists(void **state)
{
	struct fixture *f = *state;
	const struct recipient *u;
	struct config *c;

	write_file(f, "admin = { email = \"root@example.org\";\n"
	    "  webhook = { type = \"wecom\"; url = \"https://w.example.org/k\"; };\n"
	    "  maildir = \"/var/mail/admin\"; };\n"
	    "units = (\n"
	    "  { name = \"知识产权保护处\"; aliases = [\"保护处\", \"保护 处室\"];\n"
	    "    email = [\"a@example.org\", \"b.c+d@example.org\"];\n"
	    "    webhook = (\n"
	    "      { type = \"generic\"; url = \"http://127.0.0.1:9/h\";"
	    " secret = \"whsec_c2VjcmV0\"; },\n"
	    "      { type = \"dingtalk\"; url = \"https://d.example.org/r?t=1\";"
	    " secret = \"SECabc\"; },\n"
	    "      { url = \"https://g.example.org/\"; secret = \"plain\"; }\n"
	    "    ); },\n"
	    "  { name = \"法规处\"; maildir = \"/srv/mail/fgc\"; }\n"
	    ");\n"
	    "groups = ( { name = \"各处\"; members = [\"保护处\", \"法规处\","
	    " \"不存在的处\"]; },\n"
	    "  { name = \"空组\"; members = []; } );\n"
	    "smtp = { url = \"smtp://127.0.0.1:25\"; from = \"d@example.org\"; };\n"
	    "supervisors = { email = [\"ducha@example.org\"]; webhook = ("
	    " { type = \"feishu\"; url = \"https://f.example.org/h\"; } ); };\n");
	c = load_ok(f);
	assert_string_equal(c->admin.name, "admin");
	assert_int_equal(c->admin.nemail, 1);
	assert_string_equal(c->admin.email[0], "root@example.org");
	assert_int_equal(c->admin.nwebhooks, 1);
	assert_int_equal(c->admin.webhooks[0].type, CHAN_WECOM);
	assert_null(c->admin.webhooks[0].secret);
	assert_int_equal(c->admin.webhooks[0].line, 2);
	assert_string_equal(c->admin.maildir, "/var/mail/admin");
	assert_int_equal(c->supervisors.nemail, 1);
	assert_string_equal(c->supervisors.email[0], "ducha@example.org");
	assert_int_equal(c->supervisors.nwebhooks, 1);
	assert_int_equal(c->supervisors.webhooks[0].type, CHAN_FEISHU);
	assert_int_equal(c->nunits, 2);
	u = &c->units[0];
	assert_int_equal(u->line, 5);
	assert_string_equal(u->name, "知识产权保护处");
	assert_int_equal(u->naliases, 2);
	assert_string_equal(u->aliases[1], "保护 处室");
	assert_int_equal(u->nemail, 2);
	assert_string_equal(u->email[1], "b.c+d@example.org");
	assert_int_equal(u->nwebhooks, 3);
	assert_int_equal(u->webhooks[0].type, CHAN_GENERIC);
	assert_string_equal(u->webhooks[0].url, "http://127.0.0.1:9/h");
	assert_string_equal(u->webhooks[0].secret, "whsec_c2VjcmV0");
	assert_int_equal(u->webhooks[1].type, CHAN_DINGTALK);
	assert_int_equal(u->webhooks[1].line, 9);
	/* type defaults to generic. */
	assert_int_equal(u->webhooks[2].type, CHAN_GENERIC);
	assert_null(u->maildir);
	assert_string_equal(c->units[1].name, "法规处");
	assert_int_equal(c->units[1].nemail, 0);
	assert_string_equal(c->units[1].maildir, "/srv/mail/fgc");
	/* A member naming nothing is no error (check-config reports it). */
	assert_int_equal(c->ngroups, 2);
	assert_int_equal(c->groups[0].nmembers, 3);
	assert_string_equal(c->groups[0].members[2], "不存在的处");
	assert_int_equal(c->groups[0].line, 14);
	assert_int_equal(c->groups[1].nmembers, 0);
	config_free(c);
}

/* Bad values: each names its line and the option, EXIT_CONFIG. */
static void
test_errors(void **state)
{
	static const struct {
		const char *text;
		int line;
		const char *word;
	} cases[] = {
		/* Ranges. */
		{ "schedule = {\n  lead_days = [30, 366];\n};\n", 2, "lead_days" },
		{ "schedule = { lead_days = [\n  7,\n  -1 ]; };\n", 3, "lead_days" },
		{ "schedule = { lead_days = [\"7\"]; };\n", 1, "lead_days" },
		{ "schedule = { lead_days = { a = 1; }; };\n", 1, "lead_days" },
		{ "\nschedule = { overdue_every_days = 0; };\n", 2,
		  "overdue_every_days" },
		{ "schedule = { overdue_every_days = 366; };\n", 1, "366" },
		{ "schedule = { overdue_max = 101; };\n", 1, "overdue_max" },
		{ "schedule = { overdue_max = -1; };\n", 1, "overdue_max" },
		{ "schedule = { checkin_lead_days = 400; };\n", 1,
		  "checkin_lead_days" },
		{ "smtp = { timeout = 0; };\n", 1, "smtp.timeout" },
		{ "smtp = { connections = 0; };\n", 1, "smtp.connections" },
		{ "smtp = { connections = 17; };\n", 1, "smtp.connections" },
		{ "webhook_concurrency = 65;\n", 1, "webhook_concurrency" },
		{ "webhook_concurrency = 0;\n", 1, "webhook_concurrency" },
		{ "webhook_concurrency = 10000000000;\n", 1, "webhook_concurrency" },
		/* Types. */
		{ "schedule = { escalate_after_days = 1.5; };\n", 1,
		  "escalate_after_days" },
		{ "schedule = { overdue_max = \"5\"; };\n", 1, "overdue_max" },
		{ "schedule = { notify_support = 1; };\n", 1, "notify_support" },
		{ "smtp = { starttls = \"yes\"; };\n", 1, "starttls" },
		{ "smtp = 5;\n", 1, "smtp" },
		{ "schedule = { send_window = \"09:00-17:00\"; };\n", 1,
		  "send_window" },
		{ "database = \"\";\n", 1, "database" },
		{ "maildir = [\"a\"];\n", 1, "maildir" },
		/* Enumerations, times and days. */
		{ "schedule = { ongoing = \"weekly\"; };\n", 1, "quarterly" },
		{ "schedule = { ongoing = 1; };\n", 1, "ongoing" },
		{ "schedule = { send_window = { days = [\"mon\",\n"
		  "  \"funday\"]; }; };\n", 2, "funday" },
		{ "schedule = { send_window = { days = []; }; };\n", 1, "days" },
		{ "schedule = { send_window = { from = \"9:00\"; }; };\n", 1,
		  "send_window.from" },
		{ "schedule = { send_window = { to = \"17:60\"; }; };\n", 1,
		  "send_window.to" },
		{ "schedule = { send_window = { to = \"24:30\"; }; };\n", 1,
		  "send_window.to" },
		{ "schedule = { send_window = {\n  from = \"18:00\";\n"
		  "  to = \"09:00\"; }; };\n", 3, "from must be before to" },
		{ "schedule = { send_window = { from = \"18:00\"; }; };\n", 1,
		  "from must be before to" },
		/* URLs and addresses. */
		{ "smtp = { url = \"ftp://mail.example.org\";"
		  " from = \"a@example.org\"; };\n", 1, "smtp.url" },
		{ "smtp = { url = \"mail.example.org:25\"; };\n", 1, "smtp.url" },
		{ "smtp = {\n  url = \"smtp://mail.example.org\"; };\n", 1,
		  "from missing" },
		{ "smtp = { from = \"x@example.org\\r\\nBcc: y@example.org\"; };\n",
		  1, "smtp.from" },
		{ "http = { public_url = \"ftp://x.example.org\"; };\n", 1,
		  "public_url" },
		{ "http = { listen = \"8470\"; };\n", 1, "http.listen" },
		{ "http = { listen = \"127.0.0.1:99999\"; };\n", 1, "http.listen" },
		{ "admin = { email = [\"root\"]; };\n", 1, "admin.email" },
		{ "admin = { email = [\"a@example.org\",\n  \"b @example.org\"]; };\n",
		  2, "admin.email" },
		{ "units = ( { name = \"u\";\n  email = \"<u@example.org>\"; } );\n",
		  2, "unit \"u\".email" },
		{ "units = ( { name = \"u\";\n  email = \"u@example.org\\nX\"; } );\n",
		  2, "\\x0a" },
		{ "units = ( { name = \"u\"; email = 5; } );\n", 1, "unit \"u\".email" },
		{ "units = ( { name = \"u\"; email = \"@example.org\"; } );\n", 1,
		  "email" },
		/* Webhooks. */
		{ "units = ( { name = \"u\"; webhook = ( {\n"
		  "  type = \"slack\"; url = \"https://x.example.org\"; } ); } );\n",
		  2, "unknown webhook type \"slack\"" },
		{ "units = ( { name = \"u\"; webhook = (\n"
		  "  { url = \"ftp://x.example.org\"; } ); } );\n", 2,
		  "unit \"u\".webhook[0].url" },
		{ "units = ( { name = \"u\"; webhook = (\n"
		  "  { type = \"wecom\"; } ); } );\n", 2, "url missing" },
		{ "admin = { webhook = [\"https://x.example.org\"]; };\n", 1,
		  "admin.webhook" },
		{ "units = ( { name = \"u\"; webhook = ( { url = \"https://x.org\";\n"
		  "  secret = \"whsec_!!\"; } ); } );\n", 2, "base64" },
		/* Units and groups. */
		{ "units = { name = \"u\"; };\n", 1, "units" },
		{ "units = ( { name = \"a\"; },\n  { email = [\"b@example.org\"]; } );\n",
		  2, "name missing" },
		{ "units = ( { name = \" \"; } );\n", 1, "units[0].name" },
		{ "units = ( \"a\" );\n", 1, "units[0]" },
		{ "units = ( { name = \"保护处\"; },\n  { name = \"法规处\"; },\n"
		  "  { name = \"保护处\"; } );\n", 3, "\"保护处\" is already" },
		{ "units = ( { name = \"知识产权保护处\"; },\n"
		  "  { name = \"法规处\"; aliases = [\"法规\",\n"
		  "    \"知识产权保护处\"]; } );\n", 3, "知识产权保护处" },
		{ "units = ( { name = \"a\"; aliases = [\"x\"]; },\n"
		  "  { name = \"b\"; aliases = [\"x\"]; } );\n", 2, "\"x\"" },
		/* Names match after folding white space and full width. */
		{ "units = ( { name = \"ABC 中心\"; },\n"
		  "  { name = \"ＡＢＣ中心\"; } );\n", 2, "already" },
		{ "units = ( { name = \"a\"; } );\n"
		  "groups = ( { name = \"g\"; members = [\"a\"]; },\n"
		  "  { name = \"a\"; members = []; } );\n", 3, "\"a\" is already" },
		{ "groups = ( { name = \"g\"; members = [\"a\"]; },\n"
		  "  { name = \"g\"; members = []; } );\n", 2, "\"g\" is already" },
		{ "groups = ( { name = \"g\"; } );\n", 1, "members missing" },
		{ "groups = ( { members = [\"a\"]; } );\n", 1, "name missing" },
		{ "groups = ( { name = \"g\"; members = [1]; } );\n", 1,
		  "group \"g\".members" },
		/* A slip gets a suggestion. */
		{ "schedule = { leaddays = [1]; };\n", 1,
		  "unknown setting \"leaddays\" in schedule (did you mean \"lead_days\"?)" },
		{ "smpt = { url = \"smtp://x\"; };\n", 1,
		  "unknown setting \"smpt\" (did you mean \"smtp\"?)" },
		{ "units = ( { name = \"u\"; emial = [\"a@example.org\"]; } );\n", 1,
		  "unknown setting \"emial\" in unit \"u\" (did you mean \"email\"?)" },
		/* The calendar must be there. */
		{ "\nschedule = { calendar = \"no-such-calendar.conf\"; };\n", 2,
		  "no-such-calendar.conf" },
		{ "schedule = { calendar = \"/\"; };\n", 1, "no holiday file" },
		{ "schedule = { calendar = [\n"
		  "  \"no-such-calendar.conf\"]; };\n", 2, "schedule.calendar" },
		{ "schedule = { calendar = [1]; };\n", 1, "schedule.calendar" },
		{ "smtp = { password_file = \"/\"; };\n", 1, "is a directory" },
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		print_message("# case %zu\n", i);
		write_file(f, cases[i].text);
		load_fails_at(f, EXIT_CONFIG, cases[i].line, cases[i].word);
	}
}

/* Load the fixture's file expecting an error that mentions word and not
 * the password. */
static void
fails_without(const struct fixture *f, const char *word, const char *password)
{
	struct config *c = NULL;
	struct error err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(config_load(f->path, &c, &err), EXIT_CONFIG);
	assert_null(c);
	print_message("# %s\n", err.msg);
	assert_non_null(strstr(err.msg, word));
	assert_null(strstr(err.msg, password));
}

/* config_describe's text of c. */
static char *
describe(const struct config *c)
{
	struct buf b = BUF_INIT;

	config_describe(c, &b);
	return buf_steal(&b);
}

/* The SMTP password: the first line of password_file, next to the config
 * file or in $CREDENTIALS_DIRECTORY; never in a message or describe. */
static void
test_password(void **state)
{
	static const char conf[] = "smtp = {\n"
	    "  url = \"smtps://mail.example.org\";\n"
	    "  from = \"r@example.org\";\n"
	    "  username = \"r\";\n"
	    "  password_file = \"smtp.pass\";\n"
	    "};\n";
	struct fixture *f = *state;
	char creds[64], text[512], *d;
	struct config *c;

	/* Relative to the config file's folder; the newline is dropped. */
	write_file(f, conf);
	write_in(f->dir, "smtp.pass", "Config-Dir-Pa55\nsecond line\n");
	c = load_ok(f);
	assert_string_equal(c->delivery.smtp.password_file, "smtp.pass");
	assert_string_equal(c->delivery.smtp.password, "Config-Dir-Pa55");
	d = describe(c);
	assert_non_null(strstr(d, "smtp.password = (set);"));
	assert_null(strstr(d, "Config-Dir-Pa55"));
	free(d);
	config_free(c);

	/* $CREDENTIALS_DIRECTORY wins for a relative path (CRLF too). */
	testdir_make(creds, sizeof(creds), "test_config_creds");
	write_in(creds, "smtp.pass", "Cred-Dir-Pa55\r\n");
	assert_int_equal(setenv("CREDENTIALS_DIRECTORY", creds, 1), 0);
	c = load_ok(f);
	assert_string_equal(c->delivery.smtp.password, "Cred-Dir-Pa55");
	d = describe(c);
	assert_null(strstr(d, "Cred-Dir-Pa55"));
	free(d);
	config_free(c);

	/* An absolute path is taken as it is. */
	snprintf(text, sizeof(text), "smtp = { url = \"smtp://m.example.org\";"
	    " from = \"r@example.org\";\n password_file = \"%s/smtp.pass\"; };\n",
	    f->dir);
	write_file(f, text);
	c = load_ok(f);
	assert_string_equal(c->delivery.smtp.password, "Config-Dir-Pa55");
	config_free(c);

	/* Missing in $CREDENTIALS_DIRECTORY: the message names that file. */
	write_file(f, conf);
	testdir_remove(creds);
	load_fails_at(f, EXIT_CONFIG, 5, creds);
	unsetenv("CREDENTIALS_DIRECTORY");

	/* An empty first line is no password. */
	write_in(f->dir, "smtp.pass", "\nConfig-Dir-Pa55\n");
	fails_without(f, "smtp.pass", "Config-Dir-Pa55");
	write_in(f->dir, "smtp.pass", "");
	fails_without(f, "smtp.pass", "Config-Dir-Pa55");

	/* Errors found after the password was read do not show it. */
	write_in(f->dir, "smtp.pass", "Config-Dir-Pa55\n");
	snprintf(text, sizeof(text), "%s%s", conf,
	    "schedule = { calendar = \"none.conf\"; };\n");
	write_file(f, text);
	fails_without(f, "none.conf", "Config-Dir-Pa55");
	snprintf(text, sizeof(text), "%s%s", conf,
	    "units = ( { name = \"u\"; email = \"x\"; } );\n");
	write_file(f, text);
	fails_without(f, "unit \"u\".email", "Config-Dir-Pa55");
	/* A password written into the config is refused without echo. */
	write_file(f, "smtp = { password = \"Config-Dir-Pa55\"; };\n");
	fails_without(f, "unknown setting", "Config-Dir-Pa55");
	write_file(f, "smtp = { password_file = \"Config-Dir-Pa55\"; };\n");
	fails_without(f, "password_file", "Config-Dir-Pa55!");
}

/* schedule.calendar: a file, a folder or a list of them, relative to the
 * config file's folder, loaded into c->calendar; errors inside a file
 * name its own FILE:LINE. */
static void
test_calendar_file(void **state)
{
	struct fixture *f = *state;
	char want[192], prefix[256];
	struct config *c;

	write_in(f->dir, "hol.conf", "holidays = [\"2021-10-01\"];\n"
	    "workdays = [\"2021-10-09\"];\n");
	write_file(f, "schedule = { calendar = \"hol.conf\"; };\n");
	c = load_ok(f);
	snprintf(want, sizeof(want), "%s/hol.conf", f->dir);
	assert_int_equal(c->schedule.ncalendar_paths, 1);
	assert_string_equal(c->schedule.calendar_paths[0], want);
	assert_non_null(c->calendar);
	assert_false(calendar_is_workday(c->calendar, &c->schedule.window,
	    date_from_ymd(2021, 10, 1)));
	assert_true(calendar_is_workday(c->calendar, &c->schedule.window,
	    date_from_ymd(2021, 10, 9)));
	config_free(c);

	/* A list: a file and a folder, together. */
	snprintf(prefix, sizeof(prefix), "%s/cal", f->dir);
	assert_int_equal(mkdir(prefix, 0700), 0);
	write_in(prefix, "2022.conf", "holidays = [\"2022-10-03\"];\n");
	write_file(f, "schedule = { calendar = [\"hol.conf\", \"cal\"]; };\n");
	c = load_ok(f);
	assert_int_equal(c->schedule.ncalendar_paths, 2);
	assert_string_equal(c->schedule.calendar_paths[1], prefix);
	assert_false(calendar_is_workday(c->calendar, &c->schedule.window,
	    date_from_ymd(2021, 10, 1)));
	assert_false(calendar_is_workday(c->calendar, &c->schedule.window,
	    date_from_ymd(2022, 10, 3)));
	assert_true(calendar_has_year(c->calendar, 2022));
	config_free(c);

	/* A day off in one that is a working day in the other: the
	 * second's line. */
	write_in(prefix, "2022.conf", "\nworkdays = [\"2021-10-01\"];\n");
	snprintf(prefix, sizeof(prefix), "%s/cal/2022.conf:2: ", f->dir);
	load_fails(f->path, EXIT_CONFIG, prefix, "2021-10-01 is both",
	    (const char *)NULL);

	write_in(f->dir, "hol.conf", "holidays = [\"2021-10-01\",\n"
	    "  \"2021-02-30\"];\n");
	write_file(f, "schedule = { calendar = \"hol.conf\"; };\n");
	snprintf(prefix, sizeof(prefix), "%s:2: ", want);
	load_fails(f->path, EXIT_CONFIG, prefix, "holidays", (const char *)NULL);
}

/* A CA's certificate as openssl writes it (the text is not read here:
 * only the marker is). */
#define CA_PEM "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

/* smtp.ca_file and a webhook's tls_ca_file: relative to the config
 * file's folder, a PEM file with a certificate, and only where TLS is
 * used; each refusal names the setting's line. */
static void
test_ca_files(void **state)
{
	struct fixture *f = *state;
	char want[192], *d;
	struct config *c;

	write_in(f->dir, "office-ca.pem", "# the office's CA\n" CA_PEM);
	write_file(f, "smtp = { url = \"smtps://mail.example.org\";\n"
	    "  from = \"r@example.org\"; ca_file = \"office-ca.pem\"; };\n"
	    "units = ( { name = \"u\"; webhook = (\n"
	    "  { url = \"https://hooks.example.org/u\";\n"
	    "    tls_ca_file = \"office-ca.pem\"; },\n"
	    "  { url = \"https://hooks.example.org/v\"; } ); } );\n");
	c = load_ok(f);
	snprintf(want, sizeof(want), "%s/office-ca.pem", f->dir);
	assert_string_equal(c->delivery.smtp.ca_file, want);
	assert_string_equal(c->units[0].webhooks[0].tls_ca_file, want);
	assert_null(c->units[0].webhooks[1].tls_ca_file);
	d = describe(c);
	assert_non_null(strstr(d, "\nsmtp.ca_file = \""));
	assert_non_null(strstr(d, "; tls_ca_file = \""));
	free(d);
	config_free(c);

	/* STARTTLS checks the certificate too. */
	write_file(f, "smtp = { url = \"smtp://mail.example.org:587\";\n"
	    "  from = \"r@example.org\"; ca_file = \"office-ca.pem\"; };\n");
	config_free(load_ok(f));

	/* Missing, a folder, not PEM (a DER file, a key). */
	write_file(f, "smtp = { url = \"smtps://mail.example.org\";\n"
	    "  from = \"r@example.org\";\n  ca_file = \"none.pem\"; };\n");
	load_fails_at(f, EXIT_CONFIG, 3, "smtp.ca_file: cannot read");
	write_file(f, "smtp = { ca_file = \".\"; };\n");
	load_fails_at(f, EXIT_CONFIG, 1, "is a directory");
	write_in(f->dir, "key.pem", "-----BEGIN PRIVATE KEY-----\nMIGH\n"
	    "-----END PRIVATE KEY-----\n");
	write_file(f, "\nsmtp = { ca_file = \"key.pem\"; };\n");
	load_fails_at(f, EXIT_CONFIG, 2, "holds no PEM certificate");
	/* Plain smtp:// never asks for a certificate. */
	write_file(f, "smtp = { url = \"smtp://mail.example.org\";\n"
	    "  from = \"r@example.org\"; starttls = false;\n"
	    "  ca_file = \"office-ca.pem\"; };\n");
	load_fails_at(f, EXIT_CONFIG, 3, "no TLS to check");

	write_file(f, "units = ( { name = \"u\"; webhook = (\n"
	    "  { url = \"https://hooks.example.org/u\";\n"
	    "    tls_ca_file = \"none.pem\"; } ); } );\n");
	load_fails_at(f, EXIT_CONFIG, 3,
	    "unit \"u\".webhook[0].tls_ca_file: cannot read");
	write_file(f, "admin = { webhook = ( { url = \"https://h.example.org\";\n"
	    "  tls_ca_file = \"key.pem\"; } ); };\n");
	load_fails_at(f, EXIT_CONFIG, 2, "admin.webhook[0].tls_ca_file");
	write_file(f, "admin = { webhook = ( { url = \"http://h.example.org\";\n"
	    "  tls_ca_file = \"office-ca.pem\"; } ); };\n");
	load_fails_at(f, EXIT_CONFIG, 2, "no TLS to check: the url is http://");
}

/* config_describe writes every option as `path = value;  # help`. */
static void
test_describe(void **state)
{
	static const char *const lines[] = {
		"# built-in defaults\n",
		"\ndatabase = \"/var/lib/deadlined/deadlined.db\";  # ",
		"\ntimezone = \"Asia/Shanghai\";  # ",
		"\nschedule.lead_days = [30, 14, 7, 3, 1, 0];  # ",
		"\nschedule.overdue_every_days = 3;  # ",
		"\nschedule.overdue_max = 5;  # ",
		"\nschedule.ongoing = \"quarterly\";  # ",
		"\nschedule.checkin_lead_days = 7;  # ",
		"\nschedule.escalate_after_days = 2;  # ",
		"\nschedule.notify_support = true;  # ",
		"\nschedule.send_window.days = [\"mon\", \"tue\", \"wed\", \"thu\","
		" \"fri\"];  # ",
		"\nschedule.send_window.from = \"09:00\";  # ",
		"\nschedule.send_window.to = \"17:30\";  # ",
		"\nschedule.calendar = [];  # ",
		"\nsmtp.url = (unset);  # ",
		"\nsmtp.password_file = (unset);  # ",
		"\nsmtp.password = (unset);  # ",
		"\nsmtp.starttls = true;  # ",
		"\nsmtp.ca_file = (unset);  # ",
		"\nsmtp.timeout = 30;  # ",
		"\nsmtp.connections = 2;  # ",
		"\nhttp.listen = \"127.0.0.1:8470\";  # ",
		"\nhttp.public_url = \"http://127.0.0.1:8470\";  # ",
		"\nwebhook_concurrency = 4;  # ",
		"\nmaildir = (unset);  # ",
		"\nunits = (  # 0\n);\n",
	};
	struct fixture *f = *state;
	struct config *c = NULL;
	struct error err;
	char *d;
	size_t i;

	assert_int_equal(config_load(NULL, &c, &err), 0);
	d = describe(c);
	for (i = 0; i < ARRAY_LEN(lines); i++) {
		if (strstr(d, lines[i]) == NULL)
			print_error("no \"%s\" in:\n%s", lines[i], d);
		assert_non_null(strstr(d, lines[i]));
	}
	free(d);
	config_free(c);

	/* Lists, with webhook secrets hidden like the password. */
	write_file(f, "smtp = { url = \"smtp://127.0.0.1:25\"; from = \"d@example.org\"; };\n"
	    "units = ( { name = \"保护处\"; email = \"b@example.org\";\n"
	    "  webhook = ( { url = \"https://h.example.org/\";"
	    " secret = \"Hook-Secret-1\"; } ); } );\n"
	    "groups = ( { name = \"g\"; members = [\"保护处\"]; } );\n"
	    "schedule = { send_window = { days = [\"sun\", \"mon\"]; }; };\n");
	c = load_ok(f);
	d = describe(c);
	assert_non_null(strstr(d, "name = \"保护处\"; email = [\"b@example.org\"];"));
	assert_non_null(strstr(d, "secret = (set);"));
	assert_null(strstr(d, "Hook-Secret-1"));
	assert_non_null(strstr(d, "{ name = \"g\"; members = [\"保护处\"]; }"));
	assert_non_null(strstr(d, "days = [\"mon\", \"sun\"];"));
	free(d);
	config_free(c);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test_setup_teardown(test_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_http_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_zone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory, setup, teardown),
		cmocka_unit_test(test_all_defaults),
		cmocka_unit_test(test_sample),
		cmocka_unit_test_setup_teardown(test_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ca_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_describe, setup, teardown),
	};

	unsetenv("TZDIR");
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
