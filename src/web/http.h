/* http: the HTTP endpoint (libmicrohttpd): acknowledgement pages, the
 * supervisor's dashboard and its JSON, per-unit iCalendar feeds, health
 * and metrics.
 *
 * Usage (the daemon): after opening its own store,
 *
 *	struct http_server *http = NULL;
 *	if (http_start(cfg, db_path, &http, &err) != 0) { report err; exit }
 *	...the daemon's loop, unchanged...
 *	http_stop(http);
 *
 * The server answers on its own thread (libmicrohttpd's internal polling
 * thread; every request is handled on that one thread) with its own
 * connection to the database (SQLite in WAL mode lets it read while the
 * daemon writes).  It listens on c->http.listen, "ADDR:PORT" or
 * "[IPv6]:PORT"; c is read only during http_start (stop and start again
 * to apply a new configuration).  Signals stay blocked on its thread, so
 * the daemon's signalfd gets them all.
 *
 * Routes:
 *	GET  /ack/TOKEN		the item and a form (GET never records)
 *	POST /ack/TOKEN		kind=ack|done, note (<= 500 characters)
 *	GET  /			the dashboard; ?unit=NAME&state=STATE
 *	GET  /api/v1/board	the same as JSON
 *	GET  /api/v1/acks	the acknowledgement log as JSON
 *	GET  /ics/FEED.ics	one unit's items of every active plan, merged
 *				into one VCALENDAR
 *	GET  /healthz		"ok" when the database answers, else 503;
 *				when the database is damaged, 503 with
 *				the damage and the way to recover
 *	GET  /metrics		Prometheus text
 *
 * Access: /ack/ and /ics/ URLs are capabilities (unguessable tokens) and
 * need nothing else.  When the listen address is not loopback
 * (127.0.0.0/8, ::1), / and /api/ require the token in the environment
 * variable DEADLINED_HTTP_TOKEN, sent as "Authorization: Bearer TOKEN"
 * (or as the password of HTTP Basic authentication, for browsers); with
 * the variable unset they are refused.  /healthz and /metrics are open to
 * loopback clients and need the same token from others.  A client is the
 * peer, or the one X-Forwarded-For names when the peer is one of
 * c->http.trusted_proxies (a forwarded client off loopback needs the
 * token for / and /api/ too).  Any route answers 421 to a Host that is
 * not public_url's host, the listen address, localhost or one of
 * c->http.allowed_hosts (DNS rebinding).  Both lists are read from the
 * current configuration, so a reload applies them.
 *
 * Limits (web/conns.c): 64 connections, 8 per address but for trusted
 * proxies, a request's head within 5 s, 5 s without a byte.
 *
 * A damaged database (http_set_damage, or a statement of the server's
 * own failing so): every other route answers 503 too, recording nothing.
 *
 * Feed tokens: FEED = lowercase hex HMAC-SHA256(key, unit name), where
 * key is 32 random bytes in the file DB_PATH.key (mode 0600, created next
 * to the database on first use; delete it to revoke every feed URL). */
#ifndef DEADLINED_HTTP_H
#define DEADLINED_HTTP_H

#include <stdbool.h>

#include "conf/config.h"
#include "base/util.h"

struct http_server;

/* Start serving; EXIT_CONFIG for a bad listen address, EXIT_IOERR (or
 * the store's code) when the socket, the database or the key file cannot
 * be opened.  A damaged database (store_damage_error) is not a failure:
 * the server starts without it and tells /healthz so. */
int http_start(const struct config *c, const char *db_path,
    struct http_server **out, struct error *err) WARN_UNUSED_RESULT;
/* A reloaded configuration: the pages count its units from now on; the
 * old one may be freed when this returns. */
void http_set_config(struct http_server *h, const struct config *c);
/* A descriptor that polls readable when an answer has come in through
 * the web (read 8 bytes to clear it): the daemon then runs a pass, which
 * applies the answer and recounts the board.  -1 for NULL. */
int http_nudge_fd(const struct http_server *h);
/* The database is damaged (line: the damage and the way to recover, as
 * the store words it): /healthz answers 503 with it from now on.  The
 * first line given stays. */
void http_set_damage(struct http_server *h, const char *line);
/* The database takes no writes (line: why), or does again (NULL):
 * /healthz answers 503 with it meanwhile. */
void http_set_trouble(struct http_server *h, const char *line);
/* Stop serving (waits for the request in progress); NULL is fine. */
void http_stop(struct http_server *h);

/* The daemon's loop calls this on every turn (healthz reports the loop
 * dead when it has not for two hours: it sleeps an hour at most), and
 * with pass = true after each pass (metrics report its time). */
void http_alive(struct http_server *h, bool pass);

/* The feed token of unit (64 hex digits, free()), creating the key file
 * when missing; NULL when the key file cannot be read or created. */
char *http_unit_feed_token(const char *db_path, const char *unit);

#endif
