/* feeds: each unit's calendar feed (/ics/TOKEN), its token (an HMAC of
 * the unit's name under the database's key) and that key's file. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "store/acks.h"
#include "base/base64.h"
#include "base/clock.h"
#include "base/digest.h"
#include "plan/export.h"
#include "web/form.h"
#include "web/http.h"
#include "base/json.h"
#include "base/log.h"
#include "store/outbox.h"
#include "store/store.h"
#include "base/text.h"
#include "conf/load.h"
#include "web/web.h"
#include "web/server.h"

/* HMAC-SHA256(key, unit) as hex into out (FEED_TOKEN_LEN + 1 bytes). */
void
feeds_token(const unsigned char *key, const char *unit, char *out)
{
	unsigned char md[DIGEST_LEN];

	digest_hmac_sha256(key, KEY_LEN, unit, strlen(unit), md);
	digest_hex(md, out);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
feeds_drop(struct http_server *h)
{
	free(h->cache.feeds);
	h->cache.feeds = NULL;
	h->cache.nfeeds = 0;
	h->cache.feeds_made = false;
}

/* The plans' distinct units with their tokens, into the cache. */
static void
feeds_make(struct http_server *h, struct plan *const *plans, size_t n)
{
	const char **names = NULL;
	size_t nnames = 0, cap = 0, k = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < plans[i]->ntasks; j++)
			for (size_t m = 0; m < plans[i]->tasks[j].nmeasures; m++) {
				const struct plan_measure *x =
				    &plans[i]->tasks[j].measures[m];

				for (size_t u = 0; u < x->nunits; u++) {
					names = xgrow(names, &cap, nnames + 1,
					    sizeof(*names));
					names[nnames++] = x->units[u].name;
				}
			}
	if (nnames > 0)
		qsort(names, nnames, sizeof(*names), cmp_name);
	h->cache.feeds = xcalloc(nnames + 1, sizeof(*h->cache.feeds));
	for (size_t i = 0; i < nnames; i++) {
		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		h->cache.feeds[k].name = names[i];
		feeds_token(h->key, names[i], h->cache.feeds[k].token);
		k++;
	}
	h->cache.nfeeds = k;
	h->cache.feeds_made = true;
	free(names);
}

/* The unit of plans[0..n) whose feed token is token, or NULL: every
 * token compared in full, in constant time each. */
static const char *
feed_unit(struct http_server *h, struct plan *const *plans, size_t n,
    const char *token)
{
	const char *unit = NULL;

	if (!h->cache.feeds_made)
		feeds_make(h, plans, n);
	for (size_t i = 0; i < h->cache.nfeeds; i++)
		if (digest_equal(h->cache.feeds[i].token, token,
		    FEED_TOKEN_LEN) && unit == NULL)
			unit = h->cache.feeds[i].name;
	return unit;
}

/* GET /ics/TOKEN.ics: the unit's items of every active plan, merged into
 * one calendar (the first plan's header, every plan's events). */
enum MHD_Result
feeds_route(struct http_server *h, struct MHD_Connection *c, const char *token)
{
	static const char end_cal[] = "END:VCALENDAR\r\n";
	struct plan *const *plans = NULL;
	struct buf out = BUF_INIT, one = BUF_INIT;
	struct error err;
	struct dl_rules rules;
	const char *unit, *ev, *tail;
	size_t n = 0, i;

	if (http_plans(h, &plans, &n, &err) != 0)
		return http_reply_fail(c, &err);
	if ((unit = feed_unit(h, plans, n, token)) == NULL)
		return http_reply_error(c, 404);
	/* The same calendar as `deadlinectl export --format ics --unit`:
	 * an alarm for each lead day, working days under the holiday
	 * calendar.  The rules point into the configuration: held while
	 * used. */
	pthread_mutex_lock(&h->cfg_lock);
	rules = config_deadline_rules(h->cfg);
	for (i = 0; i < n; i++) {
		buf_reset(&one);
		export_ics_alarms(&one, plans[i], unit, (long long)clock_now(),
		    h->cfg->schedule.lead_days, h->cfg->schedule.nlead_days,
		    &rules);
		if ((tail = strstr(buf_str(&one), end_cal)) == NULL)
			continue;
		if (out.len == 0)
			buf_add(&out, buf_str(&one), (size_t)(tail - buf_str(&one)));
		else if ((ev = strstr(buf_str(&one), "BEGIN:VEVENT\r\n")) != NULL &&
		    ev < tail)
			buf_add(&out, ev, (size_t)(tail - ev));
	}
	pthread_mutex_unlock(&h->cfg_lock);
	if (out.len == 0)
		buf_puts(&out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		    "PRODID:-//deadlined//EN\r\n");
	buf_puts(&out, end_cal);
	buf_free(&one);
	return http_reply(c, 200, "text/calendar; charset=utf-8", buf_steal(&out),
	    NULL);
}

/* Read the 32-byte key of DB_PATH.key, creating it (0600, atomically by
 * link(2), so two processes agree on one key) when missing. */
int
feeds_load_key(const char *db_path, unsigned char *key, struct error *err)
{
	char *path = xasprintf("%s.key", db_path), *tmp = NULL;
	struct stat sb, db;
	ssize_t got;
	int fd = -1, rc = 0;
	/* Made by root (deadlinectl feeds), the key must still be readable
	 * by the service's user, who owns the database: give it to that
	 * owner, as SQLite does with its -wal and -shm files. */
	bool give = geteuid() == 0 && stat(db_path, &db) == 0;

	for (;;) {
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		free(tmp);
		tmp = xasprintf("%s.XXXXXX", path);
		if ((fd = mkstemp(tmp)) < 0)
			break;
		if (fchmod(fd, 0600) != 0 ||
		    (give && fchown(fd, db.st_uid, db.st_gid) != 0) ||
		    getrandom(key, KEY_LEN, 0) != KEY_LEN ||
		    write(fd, key, KEY_LEN) != KEY_LEN || fsync(fd) != 0) {
			rc = error_set(err, EXIT_IOERR, "%s: %s", tmp,
			    strerror(errno));
			close(fd);
			unlink(tmp);
			goto out;
		}
		close(fd);
		fd = -1;
		if (link(tmp, path) != 0 && errno != EEXIST) {
			rc = error_set(err, EXIT_IOERR, "%s: %s", path,
			    strerror(errno));
			unlink(tmp);
			goto out;
		}
		unlink(tmp);	/* then read whichever key won */
	}
	if (fd < 0) {
		rc = error_set(err, EXIT_IOERR, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size != KEY_LEN ||
	    (got = read(fd, key, KEY_LEN)) != KEY_LEN)
		rc = error_set(err, EXIT_IOERR, "%s: not a %d-byte key file",
		    path, KEY_LEN);
	close(fd);
out:
	free(tmp);
	free(path);
	return rc;
}

/* The feed token of a unit, for deadlinectl. */
char *
http_unit_feed_token(const char *db_path, const char *unit)
{
	unsigned char key[KEY_LEN];
	struct error err;
	char *out;

	if (feeds_load_key(db_path, key, &err) != 0)
		return NULL;
	out = xmalloc(FEED_TOKEN_LEN + 1);
	feeds_token(key, unit, out);
	explicit_bzero(key, sizeof(key));
	return out;
}
