/* bench_deliver: how fast the deliverer fans messages out, through
 * deliver.h's API only, driven the way src/deadlined.c drives it: poll
 * the fds deliverer_fds gives, deliverer_run, then submit whatever it
 * takes (a refused submit waits for the next round, as the engine's does).
 *
 *   bench_deliver smtp URL N [CONNECTIONS]
 *   bench_deliver webhook URL N [CONCURRENCY]
 *
 * smtp sends N copies of a digest-sized mail (distinct Message-IDs and
 * recipients) to URL (smtp://HOST:PORT, no STARTTLS); webhook posts N
 * signed generic webhooks (Standard Webhooks, as the daemon signs them) to
 * URL/N.  Prints one line: messages, seconds, rate, outcomes, and the CPU
 * time this process spent per message.  Not part of make test: see
 * bench/run.sh, which starts the peers and the curl baselines. */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "config.h"
#include "deliver.h"

#define WHSEC "whsec_TWZLUTlyOEdLWXFyVHdqVVBEOElMUFpJbzJMYUxhU3c="
#define MAX_FDS 64

struct tally {
	size_t sent, retry, failed;
	char first_error[256];
};

/* done(): count the outcome, keep the first error. */
static void
on_done(void *arg, int64_t id, const struct outcome *o)
{
	struct tally *t = arg;

	(void)id;
	if (o->kind == OUTCOME_SENT) {
		t->sent++;
		return;
	}
	if (t->first_error[0] == '\0')
		snprintf(t->first_error, sizeof(t->first_error), "%s", o->error);
	if (o->kind == OUTCOME_RETRY)
		t->retry++;
	else
		t->failed++;
}

/* Seconds on the monotonic clock. */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* User plus system CPU seconds of this process, all threads. */
static double
cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Message i: a digest mail of about 2 kB, or a generic webhook's JSON. */
static void
make_message(bool mail, const char *url, size_t i, char *addr, size_t addrlen,
    char *ext, size_t extlen, char *payload, size_t paylen)
{
	size_t n;
	int k;

	if (mail) {
		snprintf(addr, addrlen, "unit%zu@example.org", i);
		snprintf(ext, extlen, "n%zu.bench@example.org", i);
		n = (size_t)snprintf(payload, paylen,
		    "From: =?UTF-8?B?552j5Yqe5o+Q6YaS?= <reminder@example.org>\r\n"
		    "To: %s\r\nSubject: =?UTF-8?B?5rWL6K+V?=\r\n"
		    "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=UTF-8\r\n"
		    "Content-Transfer-Encoding: 8bit\r\n\r\n", addr, ext);
		for (k = 0; k < 24 && n < paylen; k++)
			n += (size_t)snprintf(payload + n, paylen - n, "任务 %d："
			    "加强商标审查，6月底前完成。 http://127.0.0.1:8470/"
			    "ack/0123456789abcdef\r\n", k + 1);
	} else {
		snprintf(addr, addrlen, "%s/%zu", url, i);
		snprintf(ext, extlen, "msg_%zu", i);
		snprintf(payload, paylen, "{\"type\":\"deadline.notice\","
		    "\"id\":\"msg_%zu\",\"unit\":\"济南商标审协中心\",\"items\":"
		    "[{\"measure\":18,\"text\":\"加强商标审查\",\"due\":"
		    "\"2021-06-30\"}]}", i);
	}
}

int
main(int argc, char **argv)
{
	static char addr[512], ext[128], payload[8192];
	struct pollfd p[MAX_FDS];
	struct config c;
	struct deliverer *d;
	struct tally t;
	double t0, c0, secs;
	size_t n, next = 0;
	bool mail;
	time_t nb;
	int nfd, wait;

	if (argc < 4 || (strcmp(argv[1], "smtp") != 0 &&
	    strcmp(argv[1], "webhook") != 0)) {
		fprintf(stderr, "usage: bench_deliver smtp URL N [CONNECTIONS]\n"
		    "       bench_deliver webhook URL N [CONCURRENCY]\n");
		return 64;
	}
	mail = strcmp(argv[1], "smtp") == 0;
	n = strtoul(argv[3], NULL, 10);
	memset(&c, 0, sizeof(c));
	memset(&t, 0, sizeof(t));
	c.smtp.url = argv[2];
	c.smtp.from = "督办提醒 <reminder@example.org>";
	c.smtp.starttls = false;
	c.smtp.timeout = 30;
	c.webhook_concurrency = 8;
	c.smtp.connections = 2;
	if (argc > 4 && mail)
		c.smtp.connections = atoi(argv[4]);
	else if (argc > 4)
		c.webhook_concurrency = atoi(argv[4]);

	d = deliverer_new(&c);
	t0 = now_s();
	c0 = cpu_s();
	while (t.sent + t.retry + t.failed < n) {
		/* As the engine does after each run: submit until refused. */
		while (next < n) {
			struct outgoing m;

			make_message(mail, argv[2], next, addr, sizeof(addr), ext,
			    sizeof(ext), payload, sizeof(payload));
			m = (struct outgoing){ (int64_t)next, mail ? CHAN_EMAIL :
			    CHAN_GENERIC, addr, mail ? NULL : WHSEC, ext, payload,
			    NULL, strlen(payload) };
			if (!deliverer_submit(d, &m, time(NULL), &nb))
				break;
			next++;
		}
		nfd = deliverer_fds(d, p, MAX_FDS, &wait);
		if (wait < 0 || wait > 1000)
			wait = 1000;
		poll(p, (nfds_t)nfd, wait);
		deliverer_run(d, on_done, &t);
	}
	secs = now_s() - t0;
	printf("%s: %zu in %.3f s: %.0f/s; sent %zu, retry %zu, failed %zu; "
	    "cpu %.1f us/message%s%s\n", argv[1], n, secs, (double)n / secs,
	    t.sent, t.retry, t.failed, (cpu_s() - c0) * 1e6 / (double)n,
	    t.first_error[0] != '\0' ? "; first error: " : "", t.first_error);
	deliverer_free(d);
	return t.sent == n ? 0 : 1;
}
