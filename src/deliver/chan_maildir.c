/* chan_maildir: delivery into a local Maildir (cr.yp.to/proto/maildir.html):
 * the message is written under a unique name in tmp/, flushed to disk,
 * then renamed into new/, so that a reader never sees half a message and
 * a crash leaves at most a stray file in tmp/.  It needs no transfer: the
 * deliverer reports the outcome at its next run.  The payload is stored
 * byte for byte, CRLF line ends included (MUAs and Dovecot read them). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deliver/channel.h"

/* Deliveries by this process, for unique names within one second. */
static unsigned int counter;

/* mkdir path (mode 0700) unless it is there. */
static int
make_dir(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

/* mkdir -p: the Maildir's parents too ("var/mail" in a fresh working
 * folder). */
static int
make_dirs(const char *path)
{
	char buf[PATH_MAX];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, path, n + 1);
	for (i = 1; i < n; i++)
		if (buf[i] == '/') {
			buf[i] = '\0';
			if (make_dir(buf) != 0)
				return -1;
			buf[i] = '/';
		}
	return make_dir(buf);
}

/* This host's name as the Maildir spec wants it in file names: "/" and
 * ":" would break the name, so they are written \057 and \072. */
static void
host_name(char *out, size_t size)
{
	char host[HOST_NAME_MAX + 1];
	size_t i, n = 0;

	if (gethostname(host, sizeof(host)) != 0 || host[0] == '\0')
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	for (i = 0; host[i] != '\0' && n + 5 < size; i++) {
		if (host[i] == '/')
			n += (size_t)snprintf(out + n, size - n, "\\057");
		else if (host[i] == ':')
			n += (size_t)snprintf(out + n, size - n, "\\072");
		else
			out[n++] = host[i];
	}
	out[n] = '\0';
}

/* Write len bytes of p to fd. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync the directory path, so that a rename into it survives a crash. */
static int
sync_dir(const char *path)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Deliver x into the Maildir at its address: tmp/, fsync, rename to new/. */
static enum start_result
maildir_start(const struct delivery_config *c, struct xfer *x)
{
	char host[256], name[400], tmp[PATH_MAX], new[PATH_MAX], dir[PATH_MAX];
	const char *step, *sub[] = { "tmp", "new", "cur" };
	int fd = -1, tries, saved;
	size_t i;

	(void)c;
	tmp[0] = '\0';
	step = "mkdir";
	if (make_dirs(x->address) != 0)
		goto fail;
	for (i = 0; i < ARRAY_LEN(sub); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", x->address, sub[i]);
		if (make_dir(dir) != 0)
			goto fail;
	}
	host_name(host, sizeof(host));
	step = "open";
	/* Names are "time.Ppid_Qcounter.host"; O_EXCL catches the clash
	 * the counter should already prevent. */
	for (tries = 0; tries < 10 && fd < 0; tries++) {
		snprintf(name, sizeof(name), "%lld.P%ld_Q%u.%s",
		    (long long)time(NULL), (long)getpid(), counter++, host);
		if ((size_t)snprintf(tmp, sizeof(tmp), "%s/tmp/%s", x->address,
		    name) >= sizeof(tmp)) {
			errno = ENAMETOOLONG;
			tmp[0] = '\0';
			goto fail;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			tmp[0] = '\0';
			goto fail;
		}
	}
	if (fd < 0) {
		tmp[0] = '\0';
		goto fail;
	}
	step = "write";
	if (write_all(fd, x->payload, x->len) != 0)
		goto fail;
	step = "fsync";
	if (fsync(fd) != 0)
		goto fail;
	step = "close";
	saved = close(fd);
	fd = -1;
	if (saved != 0)
		goto fail;
	step = "rename";
	snprintf(new, sizeof(new), "%s/new/%s", x->address, name);
	if (rename(tmp, new) != 0)
		goto fail;
	tmp[0] = '\0';
	/* Delivered from here on: a failed directory sync is not worth a
	 * second copy. */
	snprintf(dir, sizeof(dir), "%s/new", x->address);
	(void)sync_dir(dir);
	x->out.kind = OUTCOME_SENT;
	x->out.error[0] = '\0';
	return START_DONE;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (tmp[0] != '\0')
		unlink(tmp);
	/* A full disk or a missing mount may well pass. */
	outcome_set(&x->out, OUTCOME_RETRY, "maildir %s: %s: %s", x->address,
	    step, strerror(saved));
	return START_DONE;
}

const struct channel chan_maildir = {
	.kind = CHAN_MAILDIR,
	.start = maildir_start,
};
