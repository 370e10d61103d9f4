/*
 * Tests for sender, with real child processes: the real delivery agent
 * (beside this test's directory: $BUILD/deadlined-send) writing into a
 * Maildir, and tests/peers/fake_agent.py, which logs the records it gets
 * and misbehaves on demand.  Nothing reaches the agent before sender_run
 * (the caller records 'sending' first); the bound per channel; a missing
 * agent, one that exits, one that writes garbage: retry outcomes, no
 * child left; IDLE stops the agent only when nothing is outstanding, and
 * the next submit starts another.  Runs from the top of the tree.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deliver/sender.h"

#include "agent_fixture.h"
#include "testdir.h"

#define FAKE_AGENT	"tests/peers/fake_agent.py"
#define NOW		((time_t)1624413600)
#define MAX_DONE	16

struct fx {
	char dir[128];
	char log[200];
	struct config c;
	struct sender *s;
	int64_t ids[MAX_DONE];
	struct outcome o[MAX_DONE];
	size_t ndone;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	testdir_make(f->dir, sizeof(f->dir), "test_sender");
	snprintf(f->log, sizeof(f->log), "%s/agent.log", f->dir);
	setenv("FAKE_AGENT_LOG", f->log, 1);
	f->c.delivery.webhook_concurrency = 1;
	f->c.delivery.smtp.connections = 1;
	f->c.delivery.smtp.timeout = 5;
	f->s = sender_new(&f->c);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	sender_free(f->s);
	testdir_remove(f->dir);
	unsetenv("DEADLINED_SEND");
	unsetenv("FAKE_AGENT_MODE");
	free(f);
	return 0;
}

/* Use the fake agent in mode. */
static void
fake(const char *mode)
{
	setenv("DEADLINED_SEND", FAKE_AGENT, 1);
	setenv("FAKE_AGENT_MODE", mode, 1);
}

static void
done(void *arg, int64_t id, const struct outcome *o)
{
	struct fx *f = arg;

	assert_true(f->ndone < MAX_DONE);
	f->ids[f->ndone] = id;
	f->o[f->ndone++] = *o;
}

/* Poll and run until nothing is outstanding or ms have passed. */
static void
drive(struct fx *f, int ms)
{
	struct pollfd pfd[4];
	int n, t, waited = 0;

	while (sender_busy(f->s) > 0 && waited < ms) {
		n = sender_fds(f->s, pfd, 4, &t);
		if (t < 0 || t > 50)
			t = 50;
		(void)poll(pfd, (nfds_t)n, t);
		waited += t;
		sender_run(f->s, done, f);
	}
}

/* Wait up to ms for the fake agent's log to read want; its text. */
static const char *
agent_log(struct fx *f, const char *want, int ms)
{
	static char text[256];
	FILE *fp;
	size_t n;

	for (;;) {
		text[0] = '\0';
		if ((fp = fopen(f->log, "r")) != NULL) {
			n = fread(text, 1, sizeof(text) - 1, fp);
			text[n] = '\0';
			fclose(fp);
		}
		if (strcmp(text, want) == 0 || ms <= 0)
			return text;
		usleep(20000);
		ms -= 20;
	}
}

/* This process's children. */
static int
children(void)
{
	char path[64], buf[256];
	FILE *fp;
	int n = 0;
	char *p, *save = NULL;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	assert_non_null(fp = fopen(path, "r"));
	buf[0] = '\0';
	if (fgets(buf, sizeof(buf), fp) == NULL)
		buf[0] = '\0';
	fclose(fp);
	for (p = strtok_r(buf, " \n", &save); p != NULL; p = strtok_r(NULL, " \n", &save))
		n++;
	return n;
}

/* A message of kind to address. */
static struct outgoing
msg(int64_t id, enum channel_kind kind, const char *address)
{
	static const char mail[] = "From: a@example.org\r\nTo: b@example.org\r\n"
	    "Subject: test\r\nMessage-ID: <x@example.org>\r\n\r\nbody\r\n";

	return (struct outgoing){ id, kind, address, NULL, NULL,
	    "x@example.org", mail, NULL, sizeof(mail) - 1 };
}

/* Nothing of a message reaches the agent before sender_run: the caller
 * commits 'sending' in between. */
static void
test_sent_at_run(void **state)
{
	struct fx *f = *state;
	struct outgoing m = msg(1, CHAN_EMAIL, "b@example.org");
	time_t nb;

	fake("quiet");
	assert_true(sender_submit(f->s, &m, NOW, &nb));
	assert_int_equal(sender_busy(f->s), 1);
	/* The configuration went at once; the message waits. */
	assert_string_equal(agent_log(f, "C\n", 2000), "C\n");
	usleep(200000);
	assert_string_equal(agent_log(f, "C\n", 0), "C\n");
	sender_run(f->s, done, f);
	assert_string_equal(agent_log(f, "C\nM\n", 2000), "C\nM\n");
	assert_int_equal(f->ndone, 0);
	assert_int_equal(children(), 1);
	/* Freed with a message outstanding: killed and reaped. */
	sender_free(f->s);
	f->s = NULL;
	assert_int_equal(children(), 0);
}

/* At most outgoing_window() messages of one channel with the agent
 * (mail: one a connection, so two for two; webhooks: what the deliverer
 * holds); other channels are counted apart. */
static void
test_bound_per_channel(void **state)
{
	struct fx *f = *state;
	size_t cap, i;
	struct outgoing m, h = msg(100, CHAN_GENERIC, "http://127.0.0.1:9/hook");
	char want[64] = "C\n";
	time_t nb;

	f->c.delivery.smtp.connections = 2;
	cap = outgoing_window(&f->c.delivery, CHAN_EMAIL);
	assert_int_equal(cap, 2);
	assert_int_equal(outgoing_window(&f->c.delivery, CHAN_GENERIC),
	    outgoing_capacity(&f->c.delivery, CHAN_GENERIC));
	assert_true(outgoing_capacity(&f->c.delivery, CHAN_GENERIC) > 1);
	fake("quiet");
	for (i = 0; i < cap; i++) {
		m = msg((int64_t)i + 1, CHAN_EMAIL, "a@example.org");
		assert_true(sender_submit(f->s, &m, NOW, &nb));
		strcat(want, "M\n");
	}
	m = msg(99, CHAN_EMAIL, "b@example.org");
	assert_false(sender_submit(f->s, &m, NOW, &nb));
	assert_int_equal(nb, NOW + 1);
	assert_true(sender_submit(f->s, &h, NOW, &nb));
	assert_int_equal(nb, 0);
	strcat(want, "M\n");
	assert_int_equal(sender_busy(f->s), cap + 1);
	sender_run(f->s, done, f);
	assert_string_equal(agent_log(f, want, 2000), want);
}

/* The real agent writes the mails into a Maildir, one more than the
 * bound: that one waits for a slot. */
static void
test_real_agent(void **state)
{
	struct fx *f = *state;
	char md[200], sub[240];
	struct dirent *e;
	struct outgoing m;
	time_t nb;
	DIR *d;
	int i, n = (int)outgoing_window(&f->c.delivery, CHAN_MAILDIR) + 1, files = 0;

	use_built_agent();
	snprintf(md, sizeof(md), "%s/md", f->dir);
	for (i = 1; i <= n; i++) {
		m = msg(i, CHAN_MAILDIR, md);
		assert_true(sender_submit(f->s, &m, NOW, &nb) == (i < n));
	}
	drive(f, 10000);
	m = msg(n, CHAN_MAILDIR, md);
	assert_true(sender_submit(f->s, &m, NOW, &nb));
	drive(f, 10000);
	assert_int_equal(f->ndone, n);
	for (i = 0; i < n; i++)
		assert_int_equal(f->o[i].kind, OUTCOME_SENT);
	snprintf(sub, sizeof(sub), "%s/new", md);
	assert_non_null(d = opendir(sub));
	while ((e = readdir(d)) != NULL)
		files += e->d_name[0] != '.';
	closedir(d);
	assert_int_equal(files, n);
	assert_int_equal(children(), 1);	/* idle, not yet gone */
	sender_free(f->s);
	f->s = NULL;
	assert_int_equal(children(), 0);
}

/* No agent to run: the message gets a retry with the reason. */
static void
test_no_agent(void **state)
{
	struct fx *f = *state;
	struct outgoing m = msg(7, CHAN_EMAIL, "b@example.org");
	struct pollfd pfd[4];
	time_t nb;
	int t;

	setenv("DEADLINED_SEND", "/nonexistent/deadlined-send", 1);
	assert_true(sender_submit(f->s, &m, NOW, &nb));
	assert_int_equal(sender_busy(f->s), 1);
	assert_int_equal(sender_fds(f->s, pfd, 4, &t), 0);
	assert_int_equal(t, 0);
	sender_run(f->s, done, f);
	assert_int_equal(f->ndone, 1);
	assert_int_equal(f->ids[0], 7);
	assert_int_equal(f->o[0].kind, OUTCOME_RETRY);
	assert_non_null(strstr(f->o[0].error,
	    "DEADLINED_SEND=/nonexistent/deadlined-send"));
	assert_int_equal(sender_busy(f->s), 0);
	assert_int_equal(children(), 0);
}

/* An agent that exits: every message it had is retried, it is reaped,
 * and the next submit starts another. */
static void
test_agent_exits(void **state)
{
	struct fx *f = *state;
	struct outgoing a = msg(1, CHAN_EMAIL, "a@example.org"),
	    b = msg(2, CHAN_MAILDIR, "/nonexistent");
	time_t nb;

	fake("exit");
	assert_true(sender_submit(f->s, &a, NOW, &nb));
	assert_true(sender_submit(f->s, &b, NOW, &nb));
	sender_run(f->s, done, f);
	drive(f, 5000);
	assert_int_equal(f->ndone, 2);
	assert_int_equal(f->o[0].kind, OUTCOME_RETRY);
	assert_int_equal(f->o[1].kind, OUTCOME_RETRY);
	assert_string_equal(f->o[0].error, "delivery agent exited: exit status 3");
	assert_int_equal(children(), 0);
	fake("quiet");
	assert_true(sender_submit(f->s, &a, NOW, &nb));
	sender_run(f->s, done, f);
	assert_string_equal(agent_log(f, "C\nM\nC\nM\n", 2000), "C\nM\nC\nM\n");
}

/* An agent that breaks the stream is killed; its messages are retried. */
static void
test_agent_garbage(void **state)
{
	struct fx *f = *state;
	struct outgoing a = msg(1, CHAN_EMAIL, "a@example.org");
	time_t nb;

	fake("garbage");
	assert_true(sender_submit(f->s, &a, NOW, &nb));
	sender_run(f->s, done, f);
	drive(f, 5000);
	assert_int_equal(f->ndone, 1);
	assert_int_equal(f->o[0].kind, OUTCOME_RETRY);
	assert_non_null(strstr(f->o[0].error, "delivery agent sent a broken record"));
	assert_int_equal(children(), 0);
}

/* IDLE with a message outstanding is ignored; the agent stays. */
static void
test_idle_ignored_when_busy(void **state)
{
	struct fx *f = *state;
	struct outgoing a = msg(1, CHAN_EMAIL, "a@example.org");
	time_t nb;

	fake("idle");
	assert_true(sender_submit(f->s, &a, NOW, &nb));
	assert_string_equal(agent_log(f, "C\n", 2000), "C\n");
	usleep(100000);		/* the IDLE is in the socket now */
	sender_run(f->s, done, f);
	drive(f, 300);
	assert_int_equal(sender_busy(f->s), 1);
	assert_int_equal(children(), 1);
	assert_string_equal(agent_log(f, "C\nM\n", 2000), "C\nM\n");
}

/* IDLE once nothing is outstanding stops the agent (reaped); the next
 * submit starts another. */
static void
test_idle_stops(void **state)
{
	struct fx *f = *state;
	struct outgoing a = msg(1, CHAN_EMAIL, "a@example.org"),
	    b = msg(2, CHAN_EMAIL, "b@example.org");
	time_t nb;

	fake("serve");
	assert_true(sender_submit(f->s, &a, NOW, &nb));
	drive(f, 5000);
	assert_int_equal(f->ndone, 1);
	assert_int_equal(f->o[0].kind, OUTCOME_SENT);
	assert_int_equal(f->ids[0], 1);
	/* The IDLE came with the outcome, or comes right after. */
	for (int i = 0; i < 100 && children() > 0; i++) {
		struct pollfd pfd[4];
		int t, n = sender_fds(f->s, pfd, 4, &t);

		(void)poll(pfd, (nfds_t)n, 20);
		sender_run(f->s, done, f);
	}
	assert_int_equal(children(), 0);
	assert_true(sender_submit(f->s, &b, NOW, &nb));
	drive(f, 5000);
	assert_int_equal(f->ndone, 2);
	assert_int_equal(f->ids[1], 2);
	assert_string_equal(agent_log(f, "C\nM\nC\nM\n", 2000), "C\nM\nC\nM\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sent_at_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound_per_channel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_agent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_agent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agent_exits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agent_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_ignored_when_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_stops, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
