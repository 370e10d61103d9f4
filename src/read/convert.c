/* convert: the formats we do not read ourselves (Word 97-2003 .doc,
 * Excel .xls, WPS .wps/.et: OLE2 compound files) go through LibreOffice
 * when it is installed: converted in a private temporary directory
 * (with a profile of its own, so that it works as root and beside a
 * running LibreOffice) to .docx or .xlsx, then read like those.  Without
 * it, one line says which command converts the file. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/convert.h"
#include "read/docx.h"
#include "read/xlsx.h"

#define CONVERT_SECONDS 120

extern char **environ;

bool
convert_is_ole(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

/* Whether data holds name as a UTF-16LE string (an OLE directory entry's
 * name: "WordDocument" in Word and WPS files, "Workbook" or "Book" in
 * Excel and ET ones). */
static bool
has_stream(const char *data, size_t len, const char *name)
{
	char u[64];
	size_t n = strlen(name);

	for (size_t i = 0; i < n && 2 * i + 1 < sizeof(u); i++) {
		u[2 * i] = name[i];
		u[2 * i + 1] = '\0';
	}
	return memmem(data, len, u, 2 * n) != NULL;
}

/* The PATH directory holding soffice, or NULL. */
static char *
find_soffice(void)
{
	const char *path = getenv("PATH");
	char *dirs, *dir, *save = NULL, *found = NULL;

	if (path == NULL)
		path = "/usr/bin:/bin";
	dirs = xstrdup(path);
	for (dir = strtok_r(dirs, ":", &save); dir != NULL && found == NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		char *p = xasprintf("%s/soffice", dir);

		if (access(p, X_OK) == 0)
			found = p;
		else
			free(p);
	}
	free(dirs);
	return found;
}

static int
write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return close(fd);
}

static char *
read_file(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	*len = b.len;
	return buf_steal(&b);
}

/* Run soffice to convert in to format in dir; false when it did not
 * finish in time or failed. */
static bool
run_soffice(const char *soffice, const char *dir, const char *in,
    const char *format)
{
	char *profile = xasprintf("-env:UserInstallation=file://%s/profile", dir);
	char *argv[] = { (char *)soffice, "--headless", "--norestore",
	    "--nologo", profile, "--convert-to", (char *)format, "--outdir",
	    (char *)dir, (char *)in, NULL };
	posix_spawn_file_actions_t fa;
	time_t until = time(NULL) + CONVERT_SECONDS;
	int status = -1;
	pid_t pid;
	bool ok = false;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, soffice, &fa, NULL, argv, environ) == 0) {
		for (;;) {
			pid_t w = waitpid(pid, &status, WNOHANG);

			if (w == pid) {
				ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
				break;
			}
			if (w < 0 || time(NULL) > until) {
				kill(pid, SIGKILL);
				(void)waitpid(pid, &status, 0);
				break;
			}
			usleep(100 * 1000);
		}
	}
	posix_spawn_file_actions_destroy(&fa);
	free(profile);
	return ok;
}

int
convert_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err)
{
	bool word = has_stream(data, len, "WordDocument");
	bool excel = !word && (has_stream(data, len, "Workbook") ||
	    has_stream(data, len, "Book"));
	const char *to = excel ? "xlsx" : "docx";
	char dir[] = "/tmp/deadlinectl.XXXXXX", *soffice, *in = NULL, *res = NULL;
	char *conv = NULL, *cmd;
	size_t clen = 0;
	int rc;

	*out = NULL;
	if (!word && !excel)
		return error_set(err, EXIT_DATAERR, "%s: an OLE compound file "
		    "that is neither a Word nor an Excel document: not a plan",
		    name);
	if ((soffice = find_soffice()) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: a Word 97-2003 or WPS "
		    "%s file, which deadlinectl reads through LibreOffice: install "
		    "it, or convert the file (soffice --headless --convert-to %s "
		    "\"%s\") and import the .%s", name, excel ? "spreadsheet" :
		    "document", to, name, to);
	if (mkdtemp(dir) == NULL) {
		free(soffice);
		return error_set(err, EXIT_IOERR, "%s: a temporary directory: %s",
		    name, strerror(errno));
	}
	in = xasprintf("%s/plan.%s", dir, excel ? "xls" : "doc");
	res = xasprintf("%s/plan.%s", dir, to);
	if (write_file(in, data, len) != 0)
		rc = error_set(err, EXIT_IOERR, "%s: %s", in, strerror(errno));
	else if (!run_soffice(soffice, dir, in, to) ||
	    (conv = read_file(res, &clen)) == NULL)
		rc = error_set(err, EXIT_DATAERR, "%s: LibreOffice could not "
		    "convert it to .%s (within %d s)", name, to, CONVERT_SECONDS);
	else
		rc = excel ? xlsx_read(name, conv, clen, out, err) :
		    docx_read(name, conv, clen, out, err);
	/* The directory is ours alone: remove it whole. */
	cmd = xasprintf("%s", dir);
	{
		char *argv[] = { "rm", "-rf", "--", cmd, NULL };
		pid_t pid;
		int status;

		if (posix_spawnp(&pid, "rm", NULL, NULL, argv, environ) == 0)
			(void)waitpid(pid, &status, 0);
	}
	free(cmd);
	free(conv);
	free(in);
	free(res);
	free(soffice);
	return rc;
}
