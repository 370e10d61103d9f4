/* convert: the formats we do not read ourselves (Word 97-2003 .doc,
 * Excel .xls, WPS .wps/.et: OLE2 compound files; OpenDocument .odt and
 * .ods) go through LibreOffice
 * when it is installed: converted in a private temporary directory
 * (with a profile of its own, so that it works as root and beside a
 * running LibreOffice) to .docx or .xlsx, then read like those.  Without
 * it, one line says which command converts the file. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/convert.h"
#include "read/docx.h"
#include "read/xlsx.h"

#define CONVERT_SECONDS 120
#define CONVERT_MAX_OUT (64u << 20)	/* the converted file read back */
#define OLE_END 0xFFFFFFFEu	/* ENDOFCHAIN */

enum ole_kind { OLE_OTHER, OLE_WORD, OLE_EXCEL };

extern char **environ;

bool
convert_is_ole(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The sector after sec in the FAT (MS-CFB 2.3), or ENDOFCHAIN when it
 * cannot be found: only the header's 109 FAT sectors are looked at (a
 * file of several MiB at least has more; its kind then comes from its
 * name). */
static uint32_t
fat_next(const unsigned char *d, size_t len, unsigned shift, uint32_t sec)
{
	uint32_t per = (1u << shift) / 4, idx = sec / per, fatsec;
	size_t off;

	if (idx >= 109)
		return OLE_END;
	fatsec = le32(d + 0x4C + 4 * idx);
	off = ((size_t)fatsec + 1) << shift;
	if (fatsec >= OLE_END - 16 || off + (1u << shift) > len)
		return OLE_END;
	return le32(d + off + 4 * (sec % per));
}

/* Whether a directory entry (128 bytes) names a stream called name. */
static bool
entry_is(const unsigned char *e, const char *name)
{
	size_t n = strlen(name);
	unsigned nlen = (unsigned)e[64] | (unsigned)e[65] << 8;

	if (nlen != 2 * (n + 1) || e[66] != 2)	/* 2: a stream */
		return false;
	for (size_t i = 0; i < n; i++)
		if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
			return false;
	return true;
}

/* Word or Excel, by the streams the OLE directory names: "WordDocument"
 * in Word and WPS Writer files, "Workbook" or "Book" (Excel 5) in Excel
 * and WPS Spreadsheets ones; else by the file name's extension. */
static enum ole_kind
ole_kind(const char *name, const char *data, size_t len)
{
	const unsigned char *d = (const unsigned char *)data;
	unsigned shift = len >= 0x200 ? d[0x1E] : 0;
	uint32_t sec = len >= 0x200 ? le32(d + 0x30) : OLE_END;
	const char *ext = strrchr(name, '.');

	/* Each directory sector visited once at most: a cycle ends. */
	for (size_t hops = 0; (shift == 9 || shift == 12) && sec < OLE_END - 16 &&
	    hops < len >> shift; hops++) {
		size_t off = ((size_t)sec + 1) << shift;

		if (off + (1u << shift) > len)
			break;
		for (size_t e = off; e < off + (1u << shift); e += 128) {
			if (entry_is(d + e, "WordDocument"))
				return OLE_WORD;
			if (entry_is(d + e, "Workbook") || entry_is(d + e, "Book"))
				return OLE_EXCEL;
		}
		sec = fat_next(d, len, shift, sec);
	}
	if (ext != NULL && (strcasecmp(ext, ".doc") == 0 ||
	    strcasecmp(ext, ".wps") == 0))
		return OLE_WORD;
	if (ext != NULL && (strcasecmp(ext, ".xls") == 0 ||
	    strcasecmp(ext, ".et") == 0))
		return OLE_EXCEL;
	return OLE_OTHER;
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
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 &&
	    b.len <= CONVERT_MAX_OUT)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0 || b.len > CONVERT_MAX_OUT) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_steal(&b);
}

/* Run soffice to convert in to format in dir; false when it did not
 * finish in time or failed.  It runs in a process group of its own, so
 * that the office process it starts (soffice.bin) is stopped with it. */
static bool
run_soffice(const char *soffice, const char *dir, const char *in,
    const char *format)
{
	char *profile = xasprintf("-env:UserInstallation=file://%s/profile", dir);
	char *argv[] = { (char *)soffice, "--headless", "--norestore",
	    "--nologo", profile, "--convert-to", (char *)format, "--outdir",
	    (char *)dir, (char *)in, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	time_t until = time(NULL) + CONVERT_SECONDS;
	int status = -1;
	pid_t pid;
	bool ok = false;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	if (posix_spawn(&pid, soffice, &fa, &attr, argv, environ) == 0) {
		for (;;) {
			pid_t w = waitpid(pid, &status, WNOHANG);

			if (w == pid) {
				ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
				break;
			}
			if (w < 0 || time(NULL) > until) {
				kill(-pid, SIGKILL);
				(void)waitpid(pid, &status, 0);
				break;
			}
			usleep(100 * 1000);
		}
		/* Whatever it left running would hold the directory. */
		kill(-pid, SIGKILL);
	}
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	free(profile);
	return ok;
}

/* nftw callback: remove one entry (children first: FTW_DEPTH). */
static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	(void)remove(path);
	return 0;
}

/* Convert data (a file of extension ext) with soffice to .xlsx (excel)
 * or .docx and read that; what is said when soffice is missing names
 * the kind of file (what). */
static int
convert_with(const char *name, const char *data, size_t len, const char *ext,
    bool excel, const char *what, struct table_doc **out, struct error *err)
{
	const char *to = excel ? "xlsx" : "docx";
	const char *tmp = getenv("TMPDIR");
	char *dir, *soffice, *in, *res, *conv = NULL;
	size_t clen = 0;
	int rc;

	*out = NULL;
	if ((soffice = find_soffice()) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: %s, read only through "
		    "LibreOffice, which is not installed: convert it with "
		    "soffice --headless --convert-to %s \"%s\" and import the "
		    ".%s", name, what, to, name, to);
	dir = xasprintf("%s/deadlinectl.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		rc = error_set(err, EXIT_IOERR, "%s: a temporary directory in "
		    "%s: %s", name, tmp != NULL && *tmp != '\0' ? tmp : "/tmp",
		    strerror(errno));
		free(dir);
		free(soffice);
		return rc;
	}
	in = xasprintf("%s/plan.%s", dir, ext);
	res = xasprintf("%s/plan.%s", dir, to);
	if (write_file(in, data, len) != 0)
		rc = error_set(err, EXIT_IOERR, "%s: %s", in, strerror(errno));
	else if (!run_soffice(soffice, dir, in, to) ||
	    (conv = read_file(res, &clen)) == NULL)
		rc = error_set(err, EXIT_DATAERR, "%s: LibreOffice could not "
		    "convert it to .%s (within %d s, at most %u MiB)", name, to,
		    CONVERT_SECONDS, CONVERT_MAX_OUT >> 20);
	else
		rc = excel ? xlsx_read(name, conv, clen, out, err) :
		    docx_read(name, conv, clen, out, err);
	/* The directory is ours alone: remove it whole. */
	(void)nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(conv);
	free(in);
	free(res);
	free(dir);
	free(soffice);
	return rc;
}

int
convert_read(const char *name, const char *data, size_t len,
    struct table_doc **out, struct error *err)
{
	enum ole_kind kind = ole_kind(name, data, len);

	*out = NULL;
	if (kind == OLE_OTHER)
		return error_set(err, EXIT_DATAERR, "%s: an OLE compound file "
		    "that is neither a Word nor an Excel document: not a plan",
		    name);
	return kind == OLE_EXCEL ?
	    convert_with(name, data, len, "xls", true, "an Excel 97-2003 or "
	    "WPS spreadsheet", out, err) :
	    convert_with(name, data, len, "doc", false, "a Word 97-2003 or WPS "
	    "document", out, err);
}

int
convert_odf(const char *name, const char *data, size_t len, bool sheet,
    struct table_doc **out, struct error *err)
{
	return sheet ?
	    convert_with(name, data, len, "ods", true, "an OpenDocument "
	    "spreadsheet (.ods)", out, err) :
	    convert_with(name, data, len, "odt", false, "an OpenDocument text "
	    "(.odt)", out, err);
}
