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

/* A line is formatted whole and written at once: one write(2) instead of
 * three on unbuffered stderr (a fan-out logs two lines a message), and
 * lines from the daemon's threads never interleave in the journal. */
static void
vlog(int level, const char *fmt, va_list ap)
{
	char buf[1024], *line = buf;
	int head, len;
	va_list again;

	if (level > log_max)
		return;
	head = log_journal ? snprintf(buf, sizeof(buf), "<%d>", level) :
	    snprintf(buf, sizeof(buf), "%s: ", log_prog);
	if (head < 0 || (size_t)head >= sizeof(buf))
		head = 0;
	va_copy(again, ap);
	len = vsnprintf(buf + head, sizeof(buf) - (size_t)head, fmt, ap);
	if (len >= 0 && (size_t)(head + len) + 1 >= sizeof(buf) &&
	    (line = malloc((size_t)(head + len) + 2)) != NULL) {
		memcpy(line, buf, (size_t)head);
		vsnprintf(line + head, (size_t)len + 1, fmt, again);
	} else if (line == NULL)
		line = buf;	/* no memory: the line cut short */
	va_end(again);
	if (len < 0)
		len = 0;
	len += head;
	if (line == buf && (size_t)len + 1 >= sizeof(buf))
		len = (int)sizeof(buf) - 2;
	line[len] = '\n';
	fwrite(line, 1, (size_t)len + 1, stderr);
	if (line != buf)
		free(line);
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
