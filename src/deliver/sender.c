/* sender: starts the delivery agent, passes it messages, turns its
 * answers into outcomes (see sender.h).  The agent is a child process on
 * the other end of a socketpair; the daemon's loop polls that socket, so
 * an agent's exit is seen as the end of its stream (then reaped at once:
 * a process closes its sockets only as it exits) and costs no timer. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/log.h"
#include "deliver/sender.h"
#include "deliver/sendproto.h"

#define AGENT_NAME	"deadlined-send"
/* Where make install puts it, from the daemon's bin directory. */
#define AGENT_LIBEXEC	"../lib/deadlined/" AGENT_NAME
#define AGENT_ENV	"DEADLINED_SEND"
#define AGENT_FD	3	/* the socket, in the agent */

/* A message with the agent. */
struct flight {
	int64_t id;
	enum channel_kind kind;
	struct flight *next;
};

/* An outcome decided here (no agent to send with), for the next run. */
struct report {
	int64_t id;
	struct outcome o;
	struct report *next;
};

struct sender {
	const struct config *c;
	pid_t pid;			/* the agent, 0 when none */
	struct sp_conn conn;		/* to the agent; fd -1 when none */
	struct flight *flying;
	size_t nflying;
	size_t per_kind[CHAN_KINDS];
	struct report *ready, **ready_tail;
	size_t nready;
};

struct sender *
sender_new(const struct config *c)
{
	struct sender *s = xcalloc(1, sizeof(*s));

	s->c = c;
	s->conn.fd = -1;
	s->ready_tail = &s->ready;
	return s;
}

/* dir + name into out, when it fits and is an executable. */
static bool
try_path(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s%s", dir, name);

	return n > 0 && (size_t)n < size && access(out, X_OK) == 0;
}

/* The agent's path into out; false (with why) when there is none. */
static bool
agent_path(char *out, size_t size, char *why, size_t whysize)
{
	const char *env = getenv(AGENT_ENV);
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (env != NULL && *env != '\0') {
		if (try_path(out, size, "", env))
			return true;
		snprintf(why, whysize, "%s=%s: %s", AGENT_ENV, env, strerror(errno));
		return false;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) < 0) {
		snprintf(why, whysize, "/proc/self/exe: %s", strerror(errno));
		return false;
	}
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		slash[1] = '\0';
	/* Beside the daemon (the build tree), then where make install
	 * puts it. */
	if (try_path(out, size, exe, AGENT_NAME) ||
	    try_path(out, size, exe, AGENT_LIBEXEC))
		return true;
	snprintf(why, whysize, "no %s beside %s nor in its ../lib/deadlined",
	    AGENT_NAME, exe);
	return false;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void NORETURN
agent_exec(const char *path, int fd, pid_t parent)
{
	char *const argv[] = { (char *)AGENT_NAME, NULL };
	sigset_t none;

	/* The signals the daemon reads from its signalfd are blocked, and
	 * a mask survives exec. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Killed with the daemon, whatever kills it; if the daemon died
	 * already, before this took effect, go now. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
		_exit(127);
	/* Out of the daemon's process group: a terminal's Ctrl-C is for
	 * the daemon, which then stops the agent itself. */
	(void)setpgid(0, 0);
	if (fd == AGENT_FD ? fcntl(fd, F_SETFD, 0) != 0 : dup2(fd, AGENT_FD) < 0)
		_exit(127);
	/* Nothing else of the daemon's (its database, the HTTP listener)
	 * reaches the agent. */
	(void)close_range(AGENT_FD + 1, ~0U, CLOSE_RANGE_CLOEXEC);
	execv(path, argv);
	_exit(127);
}

/* Start the agent and send it the configuration; false (with why) when
 * it cannot be started. */
static bool
agent_start(struct sender *s, char *why, size_t whysize)
{
	char path[PATH_MAX];
	pid_t parent = getpid(), pid;
	int sv[2];

	if (!agent_path(path, sizeof(path), why, whysize))
		return false;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		snprintf(why, whysize, "socketpair: %s", strerror(errno));
		return false;
	}
	if ((pid = fork()) < 0) {
		snprintf(why, whysize, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return false;
	}
	if (pid == 0)
		agent_exec(path, sv[1], parent);
	close(sv[1]);
	s->pid = pid;
	sendproto_init(&s->conn, sv[0]);
	sendproto_put_config(&s->conn, &s->c->delivery, log_get_level());
	/* Sent now (the socket is empty), so the password leaves the
	 * buffer at once; an error shows as the end of the stream. */
	(void)sendproto_flush(&s->conn);
	log_debug("delivery agent %s started (pid %ld)", path, (long)pid);
	return true;
}

/* Close the socket and reap the agent; its exit status into how. */
static void
agent_reap(struct sender *s, char *how, size_t size)
{
	int st;

	sendproto_close(&s->conn);
	while (waitpid(s->pid, &st, 0) < 0) {
		if (errno != EINTR) {
			snprintf(how, size, "waitpid: %s", strerror(errno));
			s->pid = 0;
			return;
		}
	}
	if (WIFEXITED(st))
		snprintf(how, size, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(how, size, "killed by signal %d (%s)", WTERMSIG(st),
		    strsignal(WTERMSIG(st)));
	else
		snprintf(how, size, "wait status %#x", (unsigned)st);
	s->pid = 0;
}

/* Stop the agent: when messages are with it, kill it rather than wait
 * for transfers that may take up to their timeout (their outcomes would
 * be dropped anyway); else closing the socket ends it. */
static void
agent_stop(struct sender *s)
{
	bool kill_it = s->nflying > 0;
	char how[128];

	if (s->pid == 0)
		return;
	if (kill_it)
		(void)kill(s->pid, SIGKILL);
	agent_reap(s, how, sizeof(how));
	/* Closing its input ends it with status 0: anything else is news. */
	if (kill_it || strcmp(how, "exit status 0") == 0)
		log_debug("delivery agent stopped: %s", how);
	else
		log_warnx("delivery agent stopped: %s", how);
}

/* Forget the messages with the agent; the list, for the caller. */
static struct flight *
flights_take(struct sender *s)
{
	struct flight *f = s->flying;

	s->flying = NULL;
	s->nflying = 0;
	memset(s->per_kind, 0, sizeof(s->per_kind));
	return f;
}

/* The agent is gone, or must go (it broke the stream: kill it): reap it
 * and give every message it had a retry outcome. */
static void
agent_lost(struct sender *s, const char *what, bool kill_it,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg)
{
	struct flight *f = flights_take(s), *next;
	struct outcome o;
	char how[128];
	size_t n = 0;

	if (kill_it)
		(void)kill(s->pid, SIGKILL);
	agent_reap(s, how, sizeof(how));
	for (next = f; next != NULL; next = next->next)
		n++;
	log_warnx("delivery agent %s: %s; %zu message(s) it had will be retried",
	    what, how, n);
	for (; f != NULL; f = next) {
		next = f->next;
		memset(&o, 0, sizeof(o));
		outcome_set(&o, OUTCOME_RETRY, "delivery agent %s: %s", what, how);
		done(arg, f->id, &o);
		free(f);
	}
}

/* Unlink the message id from the flights; false when it is not there. */
static bool
flight_land(struct sender *s, int64_t id)
{
	struct flight **fp, *f;

	for (fp = &s->flying; (f = *fp) != NULL; fp = &f->next) {
		if (f->id != id)
			continue;
		*fp = f->next;
		s->nflying--;
		if ((unsigned)f->kind < CHAN_KINDS)
			s->per_kind[f->kind]--;
		free(f);
		return true;
	}
	return false;
}

bool
sender_submit(struct sender *s, const struct outgoing *m, time_t now,
    time_t *not_before)
{
	bool known = (unsigned)m->channel < CHAN_KINDS;
	char why[PATH_MAX + 64];
	struct flight *f;
	struct report *r;

	*not_before = 0;
	if (known && s->per_kind[m->channel] >= outgoing_window(&s->c->delivery, m->channel)) {
		/* A slot frees with the next outcome, which wakes the
		 * caller's loop; a second is a fair guess at the latest. */
		*not_before = now + 1;
		return false;
	}
	if (s->pid == 0 && !agent_start(s, why, sizeof(why))) {
		log_warnx("cannot start the delivery agent: %s", why);
		r = xcalloc(1, sizeof(*r));
		r->id = m->id;
		outcome_set(&r->o, OUTCOME_RETRY, "delivery agent: %s", why);
		*s->ready_tail = r;
		s->ready_tail = &r->next;
		s->nready++;
		return true;
	}
	/* Only buffered: it goes to the agent in the next sender_run, after
	 * the caller has recorded it as sending. */
	sendproto_put_message(&s->conn, m);
	f = xcalloc(1, sizeof(*f));
	f->id = m->id;
	f->kind = m->channel;
	f->next = s->flying;
	s->flying = f;
	s->nflying++;
	if (known)
		s->per_kind[m->channel]++;
	return true;
}

size_t
sender_room(const struct sender *s, enum channel_kind kind)
{
	size_t cap = outgoing_window(&s->c->delivery, kind);

	if ((unsigned)kind >= CHAN_KINDS || 2 * s->per_kind[kind] > cap)
		return 0;
	return cap - s->per_kind[kind];
}

size_t
sender_busy(const struct sender *s)
{
	return s->nflying + s->nready;
}

int
sender_fds(struct sender *s, struct pollfd *fds, int max, int *timeout_ms)
{
	*timeout_ms = s->nready > 0 ? 0 : -1;
	if (s->conn.fd < 0 || max < 1)
		return 0;
	fds[0] = (struct pollfd){ s->conn.fd, POLLIN |
	    (sendproto_pending(&s->conn) > 0 ? POLLOUT : 0), 0 };
	return 1;
}

/* Act on the records that arrived; false when the stream is broken. */
static bool
take_answers(struct sender *s,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg)
{
	struct outcome o;
	struct sp_rec r;
	int64_t id;
	int rc = 0;

	while (s->conn.fd >= 0 && (rc = sendproto_next(&s->conn, &r)) == 1) {
		if (r.type == SP_IDLE) {
			/* Answers come in order: with none outstanding,
			 * nothing was sent after the agent fell idle. */
			if (s->nflying == 0 && sendproto_pending(&s->conn) == 0)
				agent_stop(s);
			continue;
		}
		if (!sendproto_get_outcome(&r, &id, &o))
			return false;
		if (!flight_land(s, id)) {
			log_warnx("delivery agent: an outcome for message %lld, "
			    "which it does not have", (long long)id);
			continue;
		}
		done(arg, id, &o);
	}
	return s->conn.fd < 0 || rc == 0;
}

void
sender_run(struct sender *s,
    void (*done)(void *arg, int64_t id, const struct outcome *o), void *arg)
{
	struct report *r;
	int in;

	while ((r = s->ready) != NULL) {
		if ((s->ready = r->next) == NULL)
			s->ready_tail = &s->ready;
		s->nready--;
		done(arg, r->id, &r->o);
		free(r);
	}
	if (s->conn.fd < 0)
		return;
	/* Outcomes already in the socket count even when the agent died
	 * after writing them. */
	in = sendproto_read(&s->conn);
	if (!take_answers(s, done, arg)) {
		agent_lost(s, "sent a broken record", true, done, arg);
		return;
	}
	if (s->conn.fd < 0)
		return;		/* stopped when idle */
	if (in <= 0 || sendproto_flush(&s->conn) != 0)
		agent_lost(s, "exited", false, done, arg);
}

void
sender_cancel(struct sender *s)
{
	struct flight *f, *next;
	struct report *r;

	agent_stop(s);
	for (f = flights_take(s); f != NULL; f = next) {
		next = f->next;
		free(f);
	}
	while ((r = s->ready) != NULL) {
		s->ready = r->next;
		free(r);
	}
	s->ready_tail = &s->ready;
	s->nready = 0;
}

void
sender_free(struct sender *s)
{
	if (s == NULL)
		return;
	sender_cancel(s);
	free(s);
}
