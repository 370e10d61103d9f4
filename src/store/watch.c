/* watch: a running daemon's cue that another process wrote the database
 * (deadlinectl retry, import, ack).  inotify reports a close of the file
 * by a process that had it open for writing; the daemon's own
 * connections stay open, so only others' are seen.  Reading the file
 * (check-config opens it read-only) is no cue. */
#include <errno.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "store/sql.h"
#include "store/store.h"

int
store_watch(const struct store *s, struct error *err)
{
	int fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		(void)error_set(err, EXIT_IOERR, "inotify: %s", strerror(errno));
		return -1;
	}
	if (inotify_add_watch(fd, s->path, IN_CLOSE_WRITE) < 0) {
		(void)error_set(err, EXIT_IOERR, "%s: cannot watch it: %s",
		    s->path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

bool
store_watch_read(int fd)
{
	char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool any = false;

	while (read(fd, ev, sizeof(ev)) > 0)
		any = true;
	return any;
}
