/* log: leveled messages on stderr, with journal priority prefixes when
 * stderr is connected to the journal. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sysexits.h>

#include "base/log.h"

static const char *log_prog = "deadlined";
static int log_verbose;
static int log_max = LOG_LVL_INFO;
static int log_journal;

void
log_init(const char *prog, int verbose)
{
	log_prog = prog;
	log_verbose = verbose;
	log_max = verbose ? LOG_LVL_DEBUG : LOG_LVL_INFO;
	/* systemd sets JOURNAL_STREAM when stderr is the journal. */
	log_journal = getenv("JOURNAL_STREAM") != NULL;
}

void
log_set_level(int level)
{
	log_max = log_verbose ? LOG_LVL_DEBUG : level;
}

int
log_get_level(void)
{
	return log_max;
}

static void
vlog(int level, const char *fmt, va_list ap)
{
	if (level > log_max)
		return;
	if (log_journal)
		fprintf(stderr, "<%d>", level);
	else
		fprintf(stderr, "%s: ", log_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_WARNING, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_INFO, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_DEBUG, fmt, ap);
	va_end(ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_ERR, fmt, ap);
	va_end(ap);
	exit(EX_SOFTWARE);
}

char *
log_escape(const char *s)
{
	/* At most four bytes ("\xNN") for each byte of s. */
	char *out = malloc(strlen(s) * 4 + 1), *o = out;
	const unsigned char *p;

	if (out == NULL)
		fatalx("out of memory");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n')
			o += sprintf(o, "\\n");
		else if (*p == '\t')
			o += sprintf(o, "\\t");
		else if (*p == '\\')
			o += sprintf(o, "\\\\");
		else if (*p < 0x20 || *p == 0x7F)
			o += sprintf(o, "\\x%02x", *p);
		else
			*o++ = (char)*p;
	}
	*o = '\0';
	return out;
}
