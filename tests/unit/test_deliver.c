/* test_deliver: the deliverer against real peers on loopback, no mocks.
 * Each test starts tests/peers/smtp_server.py (aiosmtpd) or
 * tests/peers/webhook_server.py (http.server) in the mode it needs, waits
 * for the port file, builds a struct config by hand with only what the
 * deliverer reads, drives the transfers with a small poll loop and checks
 * the outcomes and what the peer stored or logged (the peers check the
 * signatures themselves, in Python).  Runs from the top of the tree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conf/config.h"
#include "deliver/deliver.h"

#include "testdir.h"

#define PYTHON		"/usr/bin/python3"
#define SMTP_PEER	"tests/peers/smtp_server.py"
#define HOOK_PEER	"tests/peers/webhook_server.py"
#define MAX_DONE	64
#define NOW		((time_t)1624413600)	/* 2021-06-23 10:00 +08:00 */

struct done {
	int64_t id;
	struct outcome o;
};

struct fx {
	char dir[128];
	pid_t pid;
	pid_t pid2;		/* a second peer, when a test needs two */
	int port;
	char url[256];
	char url2[256];
	struct config c;
	struct deliverer *d;
	struct done done[MAX_DONE];
	size_t ndone;
};

/* ---- fixture ----------------------------------------------------------- */

/* A temporary directory and a config with only what the deliverer reads. */
static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	testdir_make(f->dir, sizeof(f->dir), "test_deliver");
	f->pid = -1;
	f->pid2 = -1;
	f->c.delivery.smtp.from = "督办提醒 <reminder@example.org>";
	f->c.delivery.smtp.timeout = 5;
	f->c.delivery.webhook_concurrency = 4;
	*state = f;
	return 0;
}

/* Remove what the SMTP peer stored, for a new peer to number from 1. */
static void
clear_received(struct fx *f)
{
	char path[200];

	snprintf(path, sizeof(path), "%s/received", f->dir);
	(void)nftw(path, testdir_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Stop a peer: SIGTERM, then SIGKILL if it lingers past 3 s. */
static void
stop_pid(pid_t *pid)
{
	int i, status;

	if (*pid <= 0)
		return;
	kill(*pid, SIGTERM);
	for (i = 0; i < 300; i++) {
		if (waitpid(*pid, &status, WNOHANG) == *pid) {
			*pid = -1;
			return;
		}
		usleep(10000);
	}
	kill(*pid, SIGKILL);
	waitpid(*pid, &status, 0);
	*pid = -1;
}

/* Stop the peer. */
static void
stop_peer(struct fx *f)
{
	stop_pid(&f->pid);
}

/* Free the deliverer, stop the peer, remove the directory. */
static int
teardown(void **state)
{
	struct fx *f = *state;

	deliverer_free(f->d);
	stop_peer(f);
	stop_pid(&f->pid2);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

/* Start a peer script with args (NULL-terminated after the script's own
 * --port-file) and wait up to 10 s for its port. */
static void
start_peer(struct fx *f, const char *script, const char **args)
{
	char portfile[200], buf[32];
	const char *argv[16];
	size_t n = 0;
	FILE *fp;
	int i, status;

	snprintf(portfile, sizeof(portfile), "%s/port", f->dir);
	unlink(portfile);
	argv[n++] = PYTHON;
	argv[n++] = script;
	argv[n++] = "--port-file";
	argv[n++] = portfile;
	while (*args != NULL && n < ARRAY_LEN(argv) - 1)
		argv[n++] = *args++;
	argv[n] = NULL;
	f->pid = fork();
	assert_true(f->pid >= 0);
	if (f->pid == 0) {
		execv(PYTHON, (char *const *)argv);
		_exit(127);
	}
	for (i = 0; i < 1000; i++) {
		if ((fp = fopen(portfile, "r")) != NULL) {
			if (fgets(buf, sizeof(buf), fp) != NULL)
				f->port = atoi(buf);
			fclose(fp);
			if (f->port > 0)
				return;
		}
		if (waitpid(f->pid, &status, WNOHANG) == f->pid) {
			f->pid = -1;
			fail_msg("%s exited before listening", script);
		}
		usleep(10000);
	}
	fail_msg("%s did not write its port", script);
}

/* The SMTP peer in mode, with option opt (NULL: none) set to val;
 * f->c.delivery.smtp.url points at it. */
static void
start_smtp_opt(struct fx *f, const char *mode, const char *opt,
    const char *val)
{
	char maildir[200];
	const char *args[] = { "--maildir", maildir, "--mode", mode, opt, val,
	    NULL };

	snprintf(maildir, sizeof(maildir), "%s/received", f->dir);
	start_peer(f, SMTP_PEER, args);
	snprintf(f->url, sizeof(f->url), "smtp://127.0.0.1:%d", f->port);
	f->c.delivery.smtp.url = f->url;
}

/* The SMTP peer in mode, answering each message delay seconds after it
 * stored it (NULL: at once). */
static void
start_smtp_delay(struct fx *f, const char *mode, const char *delay)
{
	start_smtp_opt(f, mode, delay != NULL ? "--delay" : NULL, delay);
}

/* The SMTP peer in mode; f->c.delivery.smtp.url points at it. */
static void
start_smtp(struct fx *f, const char *mode)
{
	start_smtp_delay(f, mode, NULL);
}

/* The webhook peer in mode (with secret unless NULL), with option opt
 * (NULL: none) set to val; f->url is its base URL. */
static void
start_hook_opt(struct fx *f, const char *mode, const char *secret,
    const char *opt, const char *val)
{
	char log[200];
	const char *args[] = { "--log", log, "--mode", mode, "--delay", "3",
	    opt != NULL ? opt : "--delay", opt != NULL ? val : "3",
	    secret != NULL ? "--secret" : NULL, secret, NULL };

	snprintf(log, sizeof(log), "%s/hook.log", f->dir);
	start_peer(f, HOOK_PEER, args);
	snprintf(f->url, sizeof(f->url), "http://127.0.0.1:%d", f->port);
}

/* The webhook peer in mode (with secret unless NULL). */
static void
start_hook(struct fx *f, const char *mode, const char *secret)
{
	start_hook_opt(f, mode, secret, NULL, NULL);
}

/* A port nothing listens on (bound, then closed). */
static int
dead_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int s, port;

	s = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	close(s);
	return port;
}

/* done() callback: keep the outcome. */
static void
on_done(void *arg, int64_t id, const struct outcome *o)
{
	struct fx *f = arg;

	assert_true(f->ndone < MAX_DONE);
	f->done[f->ndone].id = id;
	f->done[f->ndone].o = *o;
	f->ndone++;
}

/* Monotonic milliseconds, for time limits. */
static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Poll and run until want outcomes are in and nothing is busy, for at
 * most limit_ms. */
static void
drive(struct fx *f, size_t want, int limit_ms)
{
	long long end = mono_ms() + limit_ms;
	struct pollfd p[16];
	int n, t;

	while ((f->ndone < want || deliverer_busy(f->d) > 0) &&
	    mono_ms() < end) {
		n = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &t);
		if (t < 0 || t > 200)
			t = 200;
		poll(p, (nfds_t)n, t);
		deliverer_run(f->d, on_done, f);
	}
	if (f->ndone < want)
		fail_msg("%zu of %zu outcomes after %d ms", f->ndone, want,
		    limit_ms);
}

/* Submit one message, which must start. */
static void
submit(struct fx *f, int64_t id, enum channel_kind ch, const char *address,
    const char *secret, const char *ext_id, const char *payload)
{
	struct outgoing m = { id, ch, address, secret, NULL, ext_id, payload,
	    "【督办提醒】测试单位：1 项", strlen(payload) };
	time_t nb;

	if (f->d == NULL)
		f->d = deliverer_new(&f->c.delivery);
	assert_true(deliverer_submit(f->d, &m, NOW, &nb));
}

/* Send one message and wait for its outcome. */
static const struct outcome *
send_one(struct fx *f, enum channel_kind ch, const char *address,
    const char *secret, const char *ext_id, const char *payload)
{
	submit(f, 7, ch, address, secret, ext_id, payload);
	drive(f, 1, 10000);
	assert_int_equal(f->ndone, 1);
	assert_int_equal(f->done[0].id, 7);
	return &f->done[0].o;
}

/* The whole of a file, NUL-terminated; NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0, r;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - n < 4096)
			assert_non_null(s = realloc(s, cap = cap * 2 + 4096));
		r = fread(s + n, 1, cap - n - 1, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	s[n] = '\0';
	if (len != NULL)
		*len = n;
	return s;
}

/* The webhook peer's log. */
static char *
hook_log(struct fx *f)
{
	char path[200];
	char *s;

	snprintf(path, sizeof(path), "%s/hook.log", f->dir);
	s = slurp(path, NULL);
	assert_non_null(s);
	return s;
}

/* Lines in s. */
static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

#define MAIL "From: =?UTF-8?B?552j5Yqe5o+Q6YaS?= <reminder@example.org>\r\n" \
	"To: bhc@example.org\r\n" \
	"Subject: =?UTF-8?B?5rWL6K+V?=\r\n" \
	"Message-ID: <abc123@example.org>\r\n" \
	"MIME-Version: 1.0\r\n" \
	"Content-Type: text/plain; charset=UTF-8\r\n" \
	"Content-Transfer-Encoding: 8bit\r\n" \
	"\r\n" \
	"任务 18：加强商标审查\r\n" \
	".a line that starts with a dot\r\n" \
	"..and one with two\r\n" \
	".\r\n" \
	"end\r\n"

/* ---- channel names ----------------------------------------------------- */

/* Channel names round-trip through channel_from_name. */
static void
test_channel_names(void **state)
{
	static const enum channel_kind all[] = { CHAN_EMAIL, CHAN_GENERIC,
	    CHAN_DINGTALK, CHAN_WECOM, CHAN_FEISHU, CHAN_MAILDIR };
	enum channel_kind k;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(all); i++) {
		assert_true(channel_from_name(channel_name(all[i]), &k));
		assert_int_equal(k, all[i]);
	}
	assert_string_equal(channel_name(CHAN_EMAIL), "email");
	assert_string_equal(channel_name(CHAN_DINGTALK), "dingtalk");
	assert_false(channel_from_name("pigeon", &k));
}

/* ---- email --------------------------------------------------------------- */

/* Three mails on one deliverer: each stored byte for byte (dots and
 * all), with the envelope taken from smtp.from and the address. */
static void
test_email_sent(void **state)
{
	struct fx *f = *state;
	char path[300];
	char *s;
	size_t len, i;

	start_smtp(f, "ok");
	for (i = 0; i < 3; i++)
		submit(f, (int64_t)i + 1, CHAN_EMAIL, "bhc@example.org", NULL,
		    "abc123@example.org", MAIL);
	drive(f, 3, 10000);
	for (i = 0; i < 3; i++) {
		assert_int_equal(f->done[i].o.kind, OUTCOME_SENT);
		snprintf(path, sizeof(path), "%s/received/%zu.eml", f->dir, i + 1);
		assert_non_null(s = slurp(path, &len));
		assert_int_equal(len, strlen(MAIL));
		assert_memory_equal(s, MAIL, len);
		free(s);
		snprintf(path, sizeof(path), "%s/received/%zu.json", f->dir, i + 1);
		assert_non_null(s = slurp(path, NULL));
		assert_non_null(strstr(s,
		    "\"mail_from\": \"reminder@example.org\""));
		assert_non_null(strstr(s, "\"rcpt_tos\": [\"bhc@example.org\"]"));
		free(s);
	}
	assert_int_equal(deliverer_busy(f->d), 0);
}

/* Nobody listening: try again later; the password stays out of the
 * error text. */
static void
test_email_refused(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;

	snprintf(f->url, sizeof(f->url), "smtp://127.0.0.1:%d", dead_port());
	f->c.delivery.smtp.url = f->url;
	f->c.delivery.smtp.username = "reminder";
	f->c.delivery.smtp.password = "hunter2-secret";
	o = send_one(f, CHAN_EMAIL, "bhc@example.org", NULL, "a@b", MAIL);
	assert_int_equal(o->kind, OUTCOME_RETRY);
	assert_true(o->error[0] != '\0');
	assert_null(strstr(o->error, "hunter2"));
}

/* STARTTLS demanded of a server that does not offer it: nothing is
 * sent in the clear. */
static void
test_email_starttls_required(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char path[300];

	start_smtp(f, "ok");
	f->c.delivery.smtp.starttls = true;
	o = send_one(f, CHAN_EMAIL, "bhc@example.org", NULL, "a@b", MAIL);
	assert_int_equal(o->kind, OUTCOME_RETRY);
	snprintf(path, sizeof(path), "%s/received/1.eml", f->dir);
	assert_int_equal(access(path, F_OK), -1);
}

/* No SMTP configured: kept for a later try, not lost; an address that
 * would inject an SMTP command is refused for good. */
static void
test_email_unconfigured(void **state)
{
	struct fx *f = *state;

	submit(f, 1, CHAN_EMAIL, "bhc@example.org", NULL, "a@b", MAIL);
	f->c.delivery.smtp.url = "smtp://127.0.0.1:1";
	submit(f, 2, CHAN_EMAIL, "a@b.org>\r\nRCPT TO:<c@d.org", NULL, "a@b",
	    MAIL);
	drive(f, 2, 5000);
	assert_int_equal(f->done[0].o.kind, OUTCOME_RETRY);
	assert_non_null(strstr(f->done[0].o.error, "smtp.url"));
	assert_int_equal(f->done[1].o.kind, OUTCOME_FAILED);
}

/* ---- generic webhook ----------------------------------------------------- */

#define JSON_BODY "{\"type\":\"deadline.notice\",\"id\":\"msg_42\"," \
	"\"unit\":\"济南商标审协中心\",\"items\":[]}"
/* "whsec_" + base64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") */
#define WHSEC "whsec_TWZLUTlyOEdLWXFyVHdqVVBEOElMUFpJbzJMYUxhU3c="

/* A signed webhook: the peer finds the signature valid and the id kept. */
static void
test_generic_sent(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char *log;

	start_hook(f, "ok", WHSEC);
	o = send_one(f, CHAN_GENERIC, f->url, WHSEC, "msg_42", JSON_BODY);
	assert_int_equal(o->kind, OUTCOME_SENT);
	log = hook_log(f);
	assert_int_equal(count_lines(log), 1);
	assert_non_null(strstr(log, "\"signature\": \"standard\""));
	assert_non_null(strstr(log, "\"signature_valid\": true"));
	assert_non_null(strstr(log, "\"webhook-id\": \"msg_42\""));
	assert_non_null(strstr(log, "\"content-type\": \"application/json"));
	assert_non_null(strstr(log, "\"method\": \"POST\""));
	free(log);
}

/* Retries carry the same webhook-id; a plain secret (no whsec_) is used
 * as it is. */
static void
test_generic_same_id(void **state)
{
	struct fx *f = *state;
	char *log, *second;

	start_hook(f, "500", "plain-secret");
	submit(f, 1, CHAN_GENERIC, f->url, "plain-secret", "msg_77", JSON_BODY);
	drive(f, 1, 10000);
	submit(f, 2, CHAN_GENERIC, f->url, "plain-secret", "msg_77", JSON_BODY);
	drive(f, 2, 10000);
	log = hook_log(f);
	assert_int_equal(count_lines(log), 2);
	second = strchr(log, '\n') + 1;
	assert_non_null(strstr(log, "\"webhook-id\": \"msg_77\""));
	assert_non_null(strstr(second, "\"webhook-id\": \"msg_77\""));
	assert_non_null(strstr(second, "\"signature_valid\": true"));
	free(log);
}

static void
test_generic_404(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char *log;

	start_hook(f, "404", NULL);
	o = send_one(f, CHAN_GENERIC, f->url, NULL, "msg_1", JSON_BODY);
	assert_int_equal(o->kind, OUTCOME_FAILED);
	assert_non_null(strstr(o->error, "404"));
	/* Unsigned without a secret, but still identified. */
	log = hook_log(f);
	assert_non_null(strstr(log, "\"webhook-id\": \"msg_1\""));
	assert_null(strstr(log, "webhook-signature"));
	free(log);
}

/* A peer slower than the timeout (1 s here, the peer sleeps 3). */
static void
test_generic_timeout(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	long long t0 = mono_ms();

	f->c.delivery.smtp.timeout = 1;
	start_hook(f, "timeout", NULL);
	o = send_one(f, CHAN_GENERIC, f->url, NULL, "msg_1", JSON_BODY);
	assert_int_equal(o->kind, OUTCOME_RETRY);
	assert_true(mono_ms() - t0 < 2900);
}

/* Nobody listening on the webhook's port: try again. */
static void
test_generic_refused(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;

	snprintf(f->url, sizeof(f->url), "http://127.0.0.1:%d/hook", dead_port());
	o = send_one(f, CHAN_GENERIC, f->url, NULL, "msg_1", JSON_BODY);
	assert_int_equal(o->kind, OUTCOME_RETRY);
}

/* A whsec_ secret that is not base64 cannot sign anything. */
static void
test_generic_bad_secret(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;

	o = send_one(f, CHAN_GENERIC, "http://127.0.0.1:1/", "whsec_!!!",
	    "msg_1", JSON_BODY);
	assert_int_equal(o->kind, OUTCOME_FAILED);
}

/* ---- robots ------------------------------------------------------------- */

#define MARKDOWN "### 督办提醒\n- **任务 18**：加强商标审查 \"质量\"\n"
#define DT_SECRET "SEC0123456789abcdef"

/* DingTalk: a signed URL the peer accepts, a markdown message with a title. */
static void
test_dingtalk_signed(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char url[300], *log;

	start_hook(f, "ok", DT_SECRET);
	snprintf(url, sizeof(url), "%s/robot/send?access_token=tok123", f->url);
	o = send_one(f, CHAN_DINGTALK, url, DT_SECRET, "msg_1", MARKDOWN);
	assert_int_equal(o->kind, OUTCOME_SENT);
	log = hook_log(f);
	assert_non_null(strstr(log, "\"signature\": \"dingtalk\""));
	assert_non_null(strstr(log, "\"signature_valid\": true"));
	assert_non_null(strstr(log, "\"access_token\": \"tok123\""));
	assert_non_null(strstr(log, "\\\"msgtype\\\":\\\"markdown\\\""));
	assert_non_null(strstr(log, "\\\"title\\\":\\\"【督办提醒】测试单位"));
	free(log);
}

/* WeCom: a markdown message, answered errcode 0. */
static void
test_wecom(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char *log;

	start_hook(f, "ok", NULL);
	o = send_one(f, CHAN_WECOM, f->url, NULL, "msg_1", MARKDOWN);
	assert_int_equal(o->kind, OUTCOME_SENT);
	log = hook_log(f);
	assert_non_null(strstr(log, "{\\\"msgtype\\\":\\\"markdown\\\","
	    "\\\"markdown\\\":{\\\"content\\\":\\\"### 督办提醒\\\\n"));
	free(log);
}

/* Feishu: an interactive card, signed in the body. */
static void
test_feishu_signed(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char *log;

	start_hook(f, "ok", "feishu-secret");
	o = send_one(f, CHAN_FEISHU, f->url, "feishu-secret", "msg_1", MARKDOWN);
	assert_int_equal(o->kind, OUTCOME_SENT);
	log = hook_log(f);
	assert_non_null(strstr(log, "\"signature\": \"feishu\""));
	assert_non_null(strstr(log, "\"signature_valid\": true"));
	assert_non_null(strstr(log, "\\\"msg_type\\\":\\\"interactive\\\""));
	free(log);
}

/* A robot's message as the engine renders it (render_robot.c) goes out
 * as it is; Feishu's signature is put into it, DingTalk's in the URL.
 * (The tests above send markdown, as a version before it queued.) */
#define FEISHU_CARD "{\"msg_type\":\"interactive\",\"card\":{\"header\":" \
	"{\"template\":\"red\",\"title\":{\"tag\":\"plain_text\"," \
	"\"content\":\"【催办】测试单位\"}},\"elements\":[{\"tag\":" \
	"\"markdown\",\"content\":\"### 【催办】测试单位\"}]}}"
#define DT_CARD "{\"msgtype\":\"actionCard\",\"actionCard\":{\"title\":" \
	"\"【提醒】测试单位\",\"text\":\"### 【提醒】\",\"btnOrientation\":" \
	"\"1\",\"btns\":[{\"title\":\"签收\",\"actionURL\":" \
	"\"http://127.0.0.1/ack/x\"}]}}"

static void
test_feishu_rendered(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char *log;

	start_hook(f, "ok", "feishu-secret");
	o = send_one(f, CHAN_FEISHU, f->url, "feishu-secret", "msg_1",
	    FEISHU_CARD);
	assert_int_equal(o->kind, OUTCOME_SENT);
	log = hook_log(f);
	assert_non_null(strstr(log, "\"signature\": \"feishu\""));
	assert_non_null(strstr(log, "\"signature_valid\": true"));
	/* The card whole after the signature: nothing wrapped around it. */
	assert_non_null(strstr(log, "\\\",\\\"msg_type\\\":\\\"interactive\\\","
	    "\\\"card\\\":{\\\"header\\\":{\\\"template\\\":\\\"red\\\","));
	free(log);
}

static void
test_dingtalk_rendered(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char url[300], *log;

	start_hook(f, "ok", DT_SECRET);
	snprintf(url, sizeof(url), "%s/robot/send?access_token=tok123", f->url);
	o = send_one(f, CHAN_DINGTALK, url, DT_SECRET, "msg_1", DT_CARD);
	assert_int_equal(o->kind, OUTCOME_SENT);
	log = hook_log(f);
	assert_non_null(strstr(log, "\"signature_valid\": true"));
	assert_non_null(strstr(log, "\"body\": \"{\\\"msgtype\\\":\\\"actionCard\\\","));
	free(log);
}

/* ---- how each channel reads its peer's answers ------------------------ */

/* One peer answer and what the deliverer must make of it: the peer
 * (tests/peers: smtp_server.py or webhook_server.py) in a mode, one
 * message, and the outcome's kind, Retry-After and words. */
struct answer_case {
	const char *what;
	enum channel_kind ch;
	const char *mode;	/* the peer's mode */
	const char *secret;
	enum outcome_kind want;
	int retry_after;	/* -1: any; -2: more than 0 */
	const char *words[2];	/* in the error text (NULL: none) */
};

static const struct answer_case answers[] = {
	{ "SMTP 4xx", CHAN_EMAIL, "refuse4xx", NULL, OUTCOME_RETRY, -1,
	  { "451 4.3.0", NULL } },
	/* The server's own words are kept, on one line. */
	{ "SMTP 5xx", CHAN_EMAIL, "refuse5xx", NULL, OUTCOME_FAILED, -1,
	  { "554 5.6.0 Message rejected", NULL } },
	{ "SMTP 4xx to RCPT", CHAN_EMAIL, "rcpt-4xx", NULL, OUTCOME_RETRY, -1,
	  { "450 4.2.1 Mailbox busy", NULL } },
	{ "SMTP hangs up in DATA", CHAN_EMAIL, "close-mid-data", NULL,
	  OUTCOME_RETRY, -1, { NULL, NULL } },
	{ "webhook 500", CHAN_GENERIC, "500", NULL, OUTCOME_RETRY, 0,
	  { "500", NULL } },
	{ "webhook 429", CHAN_GENERIC, "429", NULL, OUTCOME_RETRY, 120,
	  { NULL, NULL } },
	/* Robots answer 200 with an error code: failed, with their message
	 * (DingTalk's comes as \uXXXX escapes). */
	{ "DingTalk errcode", CHAN_DINGTALK, "dingtalk-error", DT_SECRET,
	  OUTCOME_FAILED, -1, { "310000", "sign not match 签名不匹配" } },
	{ "DingTalk too fast", CHAN_DINGTALK, "dingtalk-busy", NULL,
	  OUTCOME_RETRY, 60, { NULL, NULL } },
	{ "WeCom errcode", CHAN_WECOM, "wecom-error", NULL, OUTCOME_FAILED, -1,
	  { "93000", "invalid webhook url" } },
	{ "WeCom rate limit", CHAN_WECOM, "wecom-busy", NULL, OUTCOME_RETRY, 60,
	  { NULL, NULL } },
	{ "Feishu code", CHAN_FEISHU, "feishu-error", "feishu-secret",
	  OUTCOME_FAILED, -1, { "19021", "sign match fail" } },
	{ "Feishu rate limit", CHAN_FEISHU, "feishu-busy", NULL, OUTCOME_RETRY,
	  -2, { NULL, NULL } },
	/* A robot's 404 without a JSON answer is judged by its status. */
	{ "robot 404", CHAN_DINGTALK, "404", NULL, OUTCOME_FAILED, -1,
	  { "404", NULL } },
};

/* Each case with a fixture and a peer of its own. */
static void
test_peer_answers(void **state)
{
	const struct outcome *o;
	struct fx *f;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		const struct answer_case *a = &answers[i];
		void *st = NULL;

		print_message("# %s\n", a->what);
		assert_int_equal(setup(&st), 0);
		f = st;
		if (a->ch == CHAN_EMAIL) {
			start_smtp(f, a->mode);
			o = send_one(f, a->ch, "bhc@example.org", NULL, "a@b",
			    MAIL);
		} else {
			start_hook(f, a->mode, a->secret);
			o = send_one(f, a->ch, f->url, a->secret, "msg_1",
			    a->ch == CHAN_GENERIC ? JSON_BODY : MARKDOWN);
		}
		if (o->kind != a->want)
			fail_msg("%s: outcome %d, error \"%s\"", a->what,
			    (int)o->kind, o->error);
		if (a->retry_after >= 0)
			assert_int_equal(o->retry_after, a->retry_after);
		else if (a->retry_after == -2)
			assert_true(o->retry_after > 0);
		for (k = 0; k < 2 && a->words[k] != NULL; k++)
			if (strstr(o->error, a->words[k]) == NULL)
				fail_msg("%s: \"%s\" not in \"%s\"", a->what,
				    a->words[k], o->error);
		assert_null(strchr(o->error, '\n'));
		assert_null(strchr(o->error, '\r'));
		teardown(&st);
	}
}

/* ---- rate limits and concurrency ------------------------------------- */

/* DingTalk: 20 a minute per robot; the 21st waits for the first to
 * leave the window, another robot is not held up. */
static void
test_rate_dingtalk(void **state)
{
	struct fx *f = *state;
	struct outgoing m = { 0, CHAN_DINGTALK, NULL, NULL, NULL, "msg_1",
	    MARKDOWN, "t", strlen(MARKDOWN) };
	char other[300];
	time_t nb;
	int i;

	f->c.delivery.webhook_concurrency = 32;
	start_hook(f, "ok", NULL);
	snprintf(other, sizeof(other), "%s/other", f->url);
	f->d = deliverer_new(&f->c.delivery);
	m.address = f->url;
	for (i = 0; i < 20; i++) {
		m.id = i;
		assert_true(deliverer_submit(f->d, &m, NOW + i, &nb));
	}
	drive(f, 20, 10000);
	for (i = 0; i < 20; i++)
		assert_int_equal(f->done[i].o.kind, OUTCOME_SENT);
	assert_false(deliverer_submit(f->d, &m, NOW + 30, &nb));
	assert_int_equal(nb, NOW + 60);
	assert_false(deliverer_submit(f->d, &m, NOW + 59, &nb));
	assert_int_equal(nb, NOW + 60);
	m.address = other;
	assert_true(deliverer_submit(f->d, &m, NOW + 30, &nb));
	m.address = f->url;
	assert_true(deliverer_submit(f->d, &m, NOW + 60, &nb));
	/* The window rolls: the second send (at NOW + 1) is next to go. */
	assert_false(deliverer_submit(f->d, &m, NOW + 60, &nb));
	assert_int_equal(nb, NOW + 61);
	drive(f, 22, 10000);
}

/* Feishu: 5 a second. */
static void
test_rate_feishu(void **state)
{
	struct fx *f = *state;
	struct outgoing m = { 0, CHAN_FEISHU, NULL, NULL, NULL, "msg_1",
	    MARKDOWN, "t", strlen(MARKDOWN) };
	time_t nb;
	int i;

	f->c.delivery.webhook_concurrency = 8;
	start_hook(f, "ok", NULL);
	f->d = deliverer_new(&f->c.delivery);
	m.address = f->url;
	for (i = 0; i < 5; i++)
		assert_true(deliverer_submit(f->d, &m, NOW, &nb));
	assert_false(deliverer_submit(f->d, &m, NOW, &nb));
	assert_int_equal(nb, NOW + 1);
	assert_true(deliverer_submit(f->d, &m, NOW + 1, &nb));
	drive(f, 6, 10000);
}

/* No more transfers than webhook_concurrency at once, and 8 webhooks
 * taken per slot, the rest waiting: with 2 slots, 16 taken and the 17th
 * refused; six to a peer answering in 0.3 s take three rounds.  Maildir,
 * which needs no slot, is not held back. */
static void
test_concurrency(void **state)
{
	struct fx *f = *state;
	struct outgoing m = { 1, CHAN_GENERIC, NULL, NULL, NULL, "msg_1",
	    JSON_BODY, NULL, strlen(JSON_BODY) };
	long long t0;
	char md[200];
	time_t nb;
	int i;

	f->c.delivery.webhook_concurrency = 2;
	start_hook_opt(f, "ok", NULL, "--answer-delay", "0.3");
	f->d = deliverer_new(&f->c.delivery);
	m.address = f->url;
	for (i = 0; i < 16; i++)
		assert_true(deliverer_submit(f->d, &m, NOW, &nb));
	assert_false(deliverer_submit(f->d, &m, NOW, &nb));
	assert_int_equal(nb, NOW + 1);
	snprintf(md, sizeof(md), "%s/Maildir", f->dir);
	m.channel = CHAN_MAILDIR;
	m.address = md;
	assert_true(deliverer_submit(f->d, &m, NOW, &nb));
	assert_int_equal(deliverer_busy(f->d), 17);
	drive(f, 17, 20000);
	assert_int_equal(f->done[0].o.kind, OUTCOME_SENT);

	m.channel = CHAN_GENERIC;
	m.address = f->url;
	t0 = mono_ms();
	for (i = 0; i < 6; i++)
		assert_true(deliverer_submit(f->d, &m, NOW, &nb));
	drive(f, 23, 10000);
	print_message("# six posts, two at a time: %lld ms\n", mono_ms() - t0);
	assert_true(mono_ms() - t0 >= 900);
	assert_true(mono_ms() - t0 < 5000);
	for (i = 0; i < 23; i++)
		assert_int_equal(f->done[i].o.kind, OUTCOME_SENT);
}

/* Cancel drops what is in flight without a word. */
static void
test_cancel(void **state)
{
	struct fx *f = *state;
	struct pollfd p[16];
	int i, n, t;

	start_hook(f, "timeout", NULL);
	for (i = 0; i < 3; i++)
		submit(f, i, CHAN_GENERIC, f->url, NULL, "msg_1", JSON_BODY);
	for (i = 0; i < 5; i++) {
		n = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &t);
		poll(p, (nfds_t)n, 20);
		deliverer_run(f->d, on_done, f);
	}
	assert_int_equal(deliverer_busy(f->d), 3);
	deliverer_cancel(f->d);
	assert_int_equal(deliverer_busy(f->d), 0);
	n = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &t);
	assert_int_equal(n, 0);
	assert_int_equal(t, -1);
	deliverer_run(f->d, on_done, f);
	assert_int_equal(f->ndone, 0);
}

/* Files in dir whose names end in suffix. */
static int
count_suffix(const char *dir, const char *suffix)
{
	char cmd[400], line[256];
	FILE *p;
	size_t n, k = strlen(suffix);
	int count = 0;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' 2>/dev/null", dir);
	assert_non_null(p = popen(cmd, "r"));
	while (fgets(line, sizeof(line), p) != NULL) {
		n = strcspn(line, "\n");
		line[n] = '\0';
		count += n >= k && strcmp(line + n - k, suffix) == 0;
	}
	pclose(p);
	return count;
}

/* A slow mail server (2 s to answer the end of DATA) blocks neither the
 * caller's loop nor the webhooks, and mails go out side by side on
 * three connections: no call takes long, the webhook's outcome comes
 * first, and three mails take about 2 s in all, not 6. */
static void
test_email_slow_server(void **state)
{
	struct fx *f = *state;
	struct pollfd p[16];
	long long t0, t, slowest = 0, hook_at = -1, mail_at = -1;
	char dir[200];
	int i, n, wait;

	f->c.delivery.smtp.connections = 3;
	start_smtp_delay(f, "ok", "2");
	f->pid2 = f->pid;
	f->pid = -1;
	snprintf(f->url2, sizeof(f->url2), "%s", f->url);
	f->c.delivery.smtp.url = f->url2;
	start_hook(f, "ok", NULL);

	t0 = mono_ms();
	for (i = 1; i <= 3; i++)
		submit(f, i, CHAN_EMAIL, "bhc@example.org", NULL,
		    "abc@example.org", MAIL);
	submit(f, 4, CHAN_GENERIC, f->url, NULL, "msg_4", JSON_BODY);
	assert_int_equal(deliverer_busy(f->d), 4);
	assert_true(mono_ms() - t0 < 200);
	while ((f->ndone < 4 || deliverer_busy(f->d) > 0) &&
	    mono_ms() - t0 < 10000) {
		t = mono_ms();
		n = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &wait);
		if (mono_ms() - t > slowest)
			slowest = mono_ms() - t;
		/* Workers in flight: their wake-up fd is among these. */
		assert_true(n > 0);
		if (wait < 0 || wait > 100)
			wait = 100;
		t = mono_ms();
		poll(p, (nfds_t)n, wait);
		if (mono_ms() - t - wait > slowest)
			slowest = mono_ms() - t - wait;
		t = mono_ms();
		deliverer_run(f->d, on_done, f);
		if (mono_ms() - t > slowest)
			slowest = mono_ms() - t;
		for (i = 0; i < (int)f->ndone; i++) {
			if (f->done[i].id == 4 && hook_at < 0)
				hook_at = mono_ms() - t0;
		}
		if (f->ndone == 4 && mail_at < 0)
			mail_at = mono_ms() - t0;
	}
	/* (For poll: beyond the wait asked for.) */
	print_message("# slowest call %lld ms, webhook at %lld ms, "
	    "mails done at %lld ms\n", slowest, hook_at, mail_at);
	assert_int_equal(f->ndone, 4);
	assert_true(slowest < 200);
	assert_true(hook_at >= 0 && hook_at < 1000);
	/* The webhook came first, the mails only after the server's 2 s. */
	assert_int_equal(f->done[0].id, 4);
	assert_true(mail_at >= 1900 && mail_at < 3500);
	for (i = 0; i < 4; i++)
		assert_int_equal(f->done[i].o.kind, OUTCOME_SENT);
	snprintf(dir, sizeof(dir), "%s/received", f->dir);
	assert_int_equal(count_suffix(dir, ".json"), 3);
}

/* The deliverer takes 8 mails per connection (one on it, the rest
 * waiting); cancel waits for the one in flight, drops the waiting ones
 * unsent, and reports none. */
static void
test_email_cancel(void **state)
{
	struct fx *f = *state;
	struct outgoing m = { 1, CHAN_EMAIL, "bhc@example.org", NULL, NULL,
	    "abc@example.org", MAIL, NULL, strlen(MAIL) };
	struct pollfd p[16];
	char dir[200];
	time_t nb;
	int i, n, t;

	f->c.delivery.smtp.connections = 1;
	start_smtp_delay(f, "ok", "1");
	f->d = deliverer_new(&f->c.delivery);
	for (i = 0; i < 8; i++)
		assert_true(deliverer_submit(f->d, &m, NOW, &nb));
	assert_false(deliverer_submit(f->d, &m, NOW, &nb));
	assert_int_equal(nb, NOW + 1);
	for (i = 0; i < 3; i++) {
		n = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &t);
		poll(p, (nfds_t)n, 20);
		deliverer_run(f->d, on_done, f);
	}
	assert_int_equal(deliverer_busy(f->d), 8);
	deliverer_cancel(f->d);
	assert_int_equal(deliverer_busy(f->d), 0);
	n = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &t);
	assert_int_equal(n, 0);
	assert_int_equal(t, -1);
	deliverer_run(f->d, on_done, f);
	assert_int_equal(f->ndone, 0);
	/* The server has the first, though nobody heard it say so. */
	snprintf(dir, sizeof(dir), "%s/received", f->dir);
	assert_int_equal(count_suffix(dir, ".json"), 1);
	/* And the deliverer goes on. */
	assert_true(deliverer_submit(f->d, &m, NOW, &nb));
	drive(f, 1, 10000);
	assert_int_equal(f->done[0].o.kind, OUTCOME_SENT);
	assert_int_equal(count_suffix(dir, ".json"), 2);
}

/* Send n mails (ids 1..n), submitting each as soon as the deliverer
 * takes it, as the engine does; wait for every outcome, which must be
 * SENT. */
static void
send_mails(struct fx *f, int n)
{
	struct outgoing m = { 0, CHAN_EMAIL, "bhc@example.org", NULL, NULL,
	    "abc@example.org", MAIL, NULL, strlen(MAIL) };
	struct pollfd p[16];
	long long end = mono_ms() + 20000;
	size_t first = f->ndone, i;
	time_t nb;
	int k = 1, nfd, t;

	if (f->d == NULL)
		f->d = deliverer_new(&f->c.delivery);
	while ((k <= n || f->ndone < first + (size_t)n) && mono_ms() < end) {
		for (; k <= n; k++) {
			m.id = k;
			if (!deliverer_submit(f->d, &m, NOW, &nb))
				break;
		}
		nfd = deliverer_fds(f->d, p, (int)ARRAY_LEN(p), &t);
		poll(p, (nfds_t)nfd, t < 0 || t > 200 ? 200 : t);
		deliverer_run(f->d, on_done, f);
	}
	assert_int_equal(f->ndone, first + (size_t)n);
	for (i = first; i < f->ndone; i++) {
		if (f->done[i].o.kind != OUTCOME_SENT)
			fail_msg("mail %lld: %s", (long long)f->done[i].id,
			    f->done[i].o.error);
	}
}

/* The client port of each message the server stored (its N.json's
 * "peer"), in the order stored; how many. */
static int
mail_peers(struct fx *f, int *port, int max)
{
	char path[300], *s, *p;
	int n;

	for (n = 0; n < max; n++) {
		snprintf(path, sizeof(path), "%s/received/%d.json", f->dir, n + 1);
		if ((s = slurp(path, NULL)) == NULL)
			break;
		assert_non_null(p = strstr(s, "\"peer\": "));
		port[n] = atoi(p + 8);
		free(s);
	}
	return n;
}

/* Distinct values among port[0..n). */
static int
distinct(const int *port, int n)
{
	int i, k, count = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < i && port[k] != port[i]; k++)
			;
		count += k == i;
	}
	return count;
}

/* Issue 7: a connection carries mail after mail.  Six mails on one
 * connection, then eight on two, each connection used in turn. */
static void
test_email_reuse(void **state)
{
	struct fx *f = *state;
	int port[16];

	f->c.delivery.smtp.connections = 1;
	start_smtp(f, "ok");
	send_mails(f, 6);
	assert_int_equal(mail_peers(f, port, 16), 6);
	assert_int_equal(distinct(port, 6), 1);

	deliverer_free(f->d);
	f->d = NULL;
	f->c.delivery.smtp.connections = 2;
	send_mails(f, 8);
	assert_int_equal(mail_peers(f, port, 16), 14);
	/* A new deliverer, new connections: at most two more. */
	assert_true(port[6] != port[0]);
	assert_true(distinct(port + 6, 8) <= 2);
}

/* A server that hangs up after each mail, or on the next MAIL FROM on a
 * connection (closed as the client spoke: curl cannot see it coming),
 * costs a reconnect per mail, not a failed mail. */
static void
test_email_server_closes(void **state)
{
	struct fx *f = *state;
	static const char *const modes[] = { "close-after-mail",
	    "close-on-reuse" };
	int port[16];
	size_t i;

	f->c.delivery.smtp.connections = 1;
	for (i = 0; i < ARRAY_LEN(modes); i++) {
		start_smtp(f, modes[i]);
		send_mails(f, 4);
		assert_int_equal(mail_peers(f, port, 16), 4);
		assert_int_equal(distinct(port, 4), 4);
		deliverer_free(f->d);
		f->d = NULL;
		stop_peer(f);
		clear_received(f);
	}
}

/* A server that drops idle clients (421, then hangs up): the next mails
 * go on a new connection. */
static void
test_email_server_idle_timeout(void **state)
{
	struct fx *f = *state;
	int port[16];

	f->c.delivery.smtp.connections = 1;
	start_smtp_opt(f, "ok", "--idle-timeout", "0.5");
	send_mails(f, 2);
	usleep(1000 * 1000);
	send_mails(f, 2);
	assert_int_equal(mail_peers(f, port, 16), 4);
	assert_int_equal(port[0], port[1]);
	assert_int_equal(port[2], port[3]);
	assert_true(port[1] != port[2]);
}

/* A connection left idle is closed with QUIT after SMTP_IDLE_S (10 s),
 * not kept open until the server drops it. */
static void
test_email_idle_quit(void **state)
{
	struct fx *f = *state;
	char path[300], *s;
	long long t0;
	int port[4];

	f->c.delivery.smtp.connections = 1;
	start_smtp(f, "ok");
	send_mails(f, 1);
	t0 = mono_ms();
	snprintf(path, sizeof(path), "%s/received/quit.log", f->dir);
	/* The server opens the log, then writes the port: a whole line. */
	for (;;) {
		s = slurp(path, NULL);
		if ((s != NULL && strchr(s, '\n') != NULL) ||
		    mono_ms() - t0 >= 15000)
			break;
		free(s);
		usleep(50 * 1000);
	}
	assert_non_null(s);
	assert_non_null(strchr(s, '\n'));
	print_message("# QUIT after %lld ms idle\n", mono_ms() - t0);
	assert_true(mono_ms() - t0 >= 9000);
	assert_int_equal(mail_peers(f, port, 4), 1);
	assert_int_equal(atoi(s), port[0]);
	free(s);
	/* And the next mail opens a new one. */
	send_mails(f, 1);
	assert_int_equal(mail_peers(f, port, 4), 2);
	assert_true(port[0] != port[1]);
}

/* ---- maildir ------------------------------------------------------------- */

/* Only entry of dir (other than . and ..), or NULL when not exactly one. */
static char *
only_entry(const char *dir)
{
	char cmd[400], *s;
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "ls -A '%s'", dir);
	assert_non_null(p = popen(cmd, "r"));
	assert_non_null(s = calloc(1, 4096));
	n = fread(s, 1, 4095, p);
	pclose(p);
	if (n == 0 || strchr(s, '\n') != s + n - 1) {
		free(s);
		return NULL;
	}
	s[n - 1] = '\0';
	return s;
}

/* A message lands in new/, byte for byte, under a Maildir name. */
static void
test_maildir(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char md[200], path[600], host[256], *name, *s;
	struct stat st;
	size_t len;

	snprintf(md, sizeof(md), "%s/Maildir", f->dir);
	submit(f, 7, CHAN_MAILDIR, md, NULL, "abc@example.org", MAIL);
	/* Written already, reported at the next run. */
	assert_int_equal(deliverer_busy(f->d), 1);
	assert_int_equal(f->ndone, 0);
	deliverer_run(f->d, on_done, f);
	assert_int_equal(f->ndone, 1);
	o = &f->done[0].o;
	assert_int_equal(o->kind, OUTCOME_SENT);
	assert_int_equal(deliverer_busy(f->d), 0);

	assert_int_equal(stat(md, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof(path), "%s/cur", md);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/tmp", md);
	assert_null(only_entry(path));
	snprintf(path, sizeof(path), "%s/new", md);
	assert_non_null(name = only_entry(path));
	/* time.Ppid_Qcounter.host */
	assert_int_equal(gethostname(host, sizeof(host)), 0);
	assert_non_null(strstr(name, ".P"));
	assert_non_null(strstr(name, "_Q"));
	assert_non_null(strstr(name, host));
	snprintf(path, sizeof(path), "%s/new/%s", md, name);
	assert_non_null(s = slurp(path, &len));
	assert_int_equal(len, strlen(MAIL));
	assert_memory_equal(s, MAIL, len);
	free(s);
	free(name);
}

/* A path that cannot be a directory: retry, with the reason. */
static void
test_maildir_error(void **state)
{
	struct fx *f = *state;
	const struct outcome *o;
	char file[200], md[300];
	FILE *fp;

	snprintf(file, sizeof(file), "%s/plainfile", f->dir);
	assert_non_null(fp = fopen(file, "w"));
	fclose(fp);
	snprintf(md, sizeof(md), "%s/Maildir", file);
	o = send_one(f, CHAN_MAILDIR, md, NULL, "x", MAIL);
	assert_int_equal(o->kind, OUTCOME_RETRY);
	assert_non_null(strstr(o->error, strerror(ENOTDIR)));
}

/* ---- memory ---------------------------------------------------------- */

/* ASan's allocator keeps freed memory in quarantine and its shadow grows
 * with it: RSS says nothing about leaks there (LeakSanitizer does). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* The bound on RSS growth over a run of failing deliveries: at 400 of
 * them, a leak of 4 KB each (1.6 MB) goes well past it. */
#define RSS_SLACK_KB	768

/* This process's resident set size in kB, from /proc/self/status. */
static long
rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *fp = fopen("/proc/self/status", "r");

	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0) {
			kb = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(fp);
	assert_true(kb > 0);
	return kb;
}

/* The endpoints of a memory run, and what came back. */
struct mem_run {
	struct fx *f;
	const char *hook;	/* webhook base URL */
	time_t now;		/* a clock of its own, past the robots' limits */
	size_t sent, ndone, nretry;
	char big[4096];		/* a long query string, for distinct robots */
};

/* done() for the memory runs: every delivery here must fail, retryably. */
static void
mem_done(void *arg, int64_t id, const struct outcome *o)
{
	struct mem_run *r = arg;

	(void)id;
	r->ndone++;
	if (o->kind == OUTCOME_RETRY)
		r->nretry++;
	else
		fail_msg("message %lld: outcome %d, %s", (long long)id,
		    (int)o->kind, o->error);
}

/* Poll once and report what finished. */
static void
mem_step(struct mem_run *r)
{
	struct pollfd p[16];
	int n, t;

	n = deliverer_fds(r->f->d, p, (int)ARRAY_LEN(p), &t);
	if (t < 0 || t > 50)
		t = 50;
	poll(p, (nfds_t)n, t);
	deliverer_run(r->f->d, mem_done, r);
}

/* Submit message i, waiting for a free slot when the deliverer says
 * later.  Kinds in turn: generic signed, DingTalk with a secret, mail;
 * distinct: a DingTalk robot of its own with a long token. */
static void
mem_submit(struct mem_run *r, size_t i, bool distinct)
{
	static const enum channel_kind kinds[] = { CHAN_GENERIC,
	    CHAN_DINGTALK, CHAN_EMAIL };
	char url[sizeof(r->big) + 300];
	char ext[32];
	struct outgoing m;
	long long end = mono_ms() + 10000;
	time_t nb;

	memset(&m, 0, sizeof(m));
	m.id = (int64_t)i;
	m.channel = distinct ? CHAN_DINGTALK : kinds[i % ARRAY_LEN(kinds)];
	snprintf(ext, sizeof(ext), "msg_%zu", i);
	m.ext_id = ext;
	m.title = "【督办提醒】测试单位：1 项";
	switch (m.channel) {
	case CHAN_GENERIC:
		snprintf(url, sizeof(url), "%s/hook", r->hook);
		m.secret = WHSEC;
		m.payload = JSON_BODY;
		break;
	case CHAN_DINGTALK:
		if (distinct)
			snprintf(url, sizeof(url), "%s/robot/send?access_token="
			    "tok%zu&pad=%s", r->hook, i, r->big);
		else
			snprintf(url, sizeof(url), "%s/robot/send?access_token="
			    "tok123", r->hook);
		m.secret = DT_SECRET;
		m.payload = MARKDOWN;
		break;
	default:
		snprintf(url, sizeof(url), "bhc@example.org");
		m.payload = MAIL;
		break;
	}
	m.address = url;
	m.len = strlen(m.payload);
	/* Past every robot's window: each message is let through, and a
	 * robot's record is stale by the next one. */
	r->now += 61;
	while (!deliverer_submit(r->f->d, &m, r->now, &nb)) {
		if (mono_ms() > end)
			fail_msg("message %zu not started after 10 s", i);
		mem_step(r);
	}
	r->sent++;
}

/* Send n failing messages from first, then wait for every outcome. */
static void
mem_batch(struct mem_run *r, size_t first, size_t n, bool distinct)
{
	long long end;
	size_t i;

	for (i = first; i < first + n; i++)
		mem_submit(r, i, distinct);
	end = mono_ms() + 10000;
	while ((r->ndone < r->sent || deliverer_busy(r->f->d) > 0) &&
	    mono_ms() < end)
		mem_step(r);
	assert_int_equal(r->ndone, r->sent);
	assert_int_equal(r->nretry, r->sent);
	assert_int_equal(deliverer_busy(r->f->d), 0);
}

/* Check the growth from before and print it. */
static void
mem_check(const char *what, long before, long after)
{
	printf("# %s: RSS %ld kB -> %ld kB (%+ld kB)%s\n", what, before, after,
	    after - before, UNDER_ASAN ? ", not checked under ASan" : "");
	if (!UNDER_ASAN && after - before > RSS_SLACK_KB)
		fail_msg("%s: RSS grew by %ld kB (bound %d kB)", what,
		    after - before, RSS_SLACK_KB);
}

/* One run against the current peers (or none): warm up, measure, send
 * 400 more of the three kinds, measure again. */
static void
mem_run(struct mem_run *r, const char *what)
{
	long before;

	mem_batch(r, 0, 48, false);
	before = rss_kb();
	mem_batch(r, 1000, 402, false);
	mem_check(what, before, rss_kb());
}

/* Issue 6: the deliverer's memory stays flat under peer faults.
 * Webhooks answered 500 and mails refused 4xx, then the same with nobody
 * listening at all, then 300 robots of their own (distinct URLs, 4 KB
 * each), whose rate records must go when their window has passed. */
static void
test_memory_flat(void **state)
{
	struct fx *f = *state;
	struct mem_run r;
	char hook[256];
	long before;

	memset(&r, 0, sizeof(r));
	r.f = f;
	r.now = NOW;
	memset(r.big, 'x', sizeof(r.big) - 1);
	start_hook(f, "500", WHSEC);
	f->pid2 = f->pid;
	f->pid = -1;
	snprintf(hook, sizeof(hook), "%s", f->url);
	r.hook = hook;
	start_smtp(f, "refuse4xx");
	f->d = deliverer_new(&f->c.delivery);
	mem_run(&r, "webhook 500, smtp 4xx");

	/* Nobody listening: refused, at once. */
	stop_peer(f);
	stop_pid(&f->pid2);
	snprintf(f->url, sizeof(f->url), "smtp://127.0.0.1:%d", dead_port());
	snprintf(hook, sizeof(hook), "http://127.0.0.1:%d", dead_port());
	mem_run(&r, "refused");

	/* Distinct robots, against the 500 peer again. */
	start_hook(f, "500", DT_SECRET);
	snprintf(hook, sizeof(hook), "%s", f->url);
	mem_batch(&r, 2000, 20, true);
	before = rss_kb();
	mem_batch(&r, 3000, 300, true);
	mem_check("300 distinct robots", before, rss_kb());
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_channel_names),
		T(test_email_sent),
		T(test_email_refused),
		T(test_email_starttls_required),
		T(test_email_unconfigured),
		T(test_generic_sent),
		T(test_generic_same_id),
		T(test_generic_404),
		T(test_generic_timeout),
		T(test_generic_refused),
		T(test_generic_bad_secret),
		T(test_dingtalk_signed),
		T(test_wecom),
		T(test_feishu_signed),
		T(test_feishu_rendered),
		T(test_dingtalk_rendered),
		cmocka_unit_test(test_peer_answers),
		T(test_rate_dingtalk),
		T(test_rate_feishu),
		T(test_concurrency),
		T(test_cancel),
		T(test_email_slow_server),
		T(test_email_cancel),
		T(test_email_reuse),
		T(test_email_server_closes),
		T(test_email_server_idle_timeout),
		T(test_email_idle_quit),
		T(test_maildir),
		T(test_maildir_error),
		T(test_memory_flat),
	};

	/* A peer that dies must not take the test down with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
