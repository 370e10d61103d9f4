/* notify: sd_notify's protocol, without libsystemd: one datagram per
 * message on an AF_UNIX socket whose path is $NOTIFY_SOCKET ("@" means
 * the abstract namespace). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "base/notify.h"

static struct sockaddr_un notify_addr;
static socklen_t notify_len;
static uint64_t watchdog_usec;

void
notify_init(void)
{
	const char *path = getenv("NOTIFY_SOCKET"), *wd = getenv("WATCHDOG_USEC");
	const char *pid = getenv("WATCHDOG_PID");
	size_t n;

	notify_len = 0;
	watchdog_usec = 0;
	if (path != NULL && (path[0] == '/' || path[0] == '@') &&
	    (n = strlen(path)) < sizeof(notify_addr.sun_path)) {
		memset(&notify_addr, 0, sizeof(notify_addr));
		notify_addr.sun_family = AF_UNIX;
		memcpy(notify_addr.sun_path, path, n);
		if (path[0] == '@')
			notify_addr.sun_path[0] = '\0';
		notify_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
		    (path[0] == '/'));
	}
	/* The watchdog is ours only when WATCHDOG_PID is unset or us. */
	if (wd != NULL && (pid == NULL || atol(pid) == (long)getpid()))
		watchdog_usec = strtoull(wd, NULL, 10);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
}

bool
notify(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	ssize_t sent;
	int fd, n;

	if (notify_len == 0)
		return false;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return false;
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return false;
	sent = sendto(fd, msg, (size_t)n, MSG_NOSIGNAL,
	    (struct sockaddr *)&notify_addr, notify_len);
	close(fd);
	return sent == n;
}

uint64_t
notify_watchdog_usec(void)
{
	return watchdog_usec;
}

bool
notify_reloading(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return notify("RELOADING=1\nMONOTONIC_USEC=%llu", (unsigned long long)
	    ts.tv_sec * 1000000ULL + (unsigned long long)ts.tv_nsec / 1000ULL);
}
