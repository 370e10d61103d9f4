/* testdir: a fresh directory for a test's files, $TMPDIR/NAME.XXXXXX
 * (/tmp without TMPDIR), and its removal with everything in it.  A
 * header of static functions, included by each test that writes files. */
#ifndef DEADLINED_TESTDIR_H
#define DEADLINED_TESTDIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static void
testdir_make(char *dir, size_t len, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, len, "%s/%s.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", name);
	assert_non_null(mkdtemp(dir));
}

/* nftw callback: remove one entry (children first: FTW_DEPTH). */
static int
testdir_rm_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
testdir_remove(const char *dir)
{
	assert_int_equal(nftw(dir, testdir_rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

#endif
