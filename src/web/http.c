/* http: the HTTP endpoint on libmicrohttpd.  One polling thread handles
 * every request, so the server's store connection is used by one thread
 * only.  This file does routing, limits and access; the pages come from
 * web.c, the data from the store and acks modules. */
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
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "store/acks.h"
#include "store/pauses.h"
#include "engine/schedule.h"
#include "base/base64.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/digest.h"
#include "conf/load.h"
#include "plan/export.h"
#include "web/form.h"
#include "web/http.h"
#include "base/json.h"
#include "base/log.h"
#include "base/netaddr.h"
#include "store/outbox.h"
#include "store/store.h"
#include "base/text.h"
#include "web/web.h"
#include "web/routes.h"
#include "web/server.h"

/* Every response carries these: no script, no framing, no caching, no
 * Referer leaking a capability URL. */
const char http_csp[] = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

void
http_alive(struct http_server *h, bool pass)
{
	if (h == NULL)
		return;
	atomic_store(&h->alive, (long long)(clock_mono_ms() / 1000));
	if (pass)
		atomic_store(&h->last_pass, (long long)clock_now());
}

enum MHD_Result
http_queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
	conns_note_status(c, status);
	return MHD_queue_response(c, status, r);
}

/* Send body (malloc'd, taken) with status and the common headers. */
/* Reply with len bytes of body (taken over), the common headers, and a
 * Content-Disposition when disposition is not NULL. */
static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type, char *body,
    size_t len, const char *allow, const char *disposition)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", http_csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (allow != NULL)
		MHD_add_response_header(r, "Allow", allow);
	if (disposition != NULL)
		MHD_add_response_header(r, "Content-Disposition", disposition);
	if (status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(r, "WWW-Authenticate",
		    "Basic realm=\"deadlined\", charset=\"UTF-8\"");
	rc = http_queue(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

enum MHD_Result
http_reply(struct MHD_Connection *c, unsigned status, const char *type, char *body,
    const char *allow)
{
	return reply(c, status, type, body, strlen(body), allow, NULL);
}

enum MHD_Result
http_reply_file(struct MHD_Connection *c, const char *type, char *body,
    size_t len, const char *disposition)
{
	return reply(c, 200, type, body, len, NULL, disposition);
}

/* Send an HTML page. */
enum MHD_Result
http_reply_html(struct MHD_Connection *c, unsigned status, char *html)
{
	return http_reply(c, status, "text/html; charset=utf-8", html, NULL);
}

static const char *
reason_phrase(unsigned status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 421: return "Misdirected Request";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

/* A plain error page: no hint of why. */
enum MHD_Result
http_reply_error(struct MHD_Connection *c, unsigned status)
{
	return http_reply(c, status, "text/html; charset=utf-8",
	    web_error_page((int)status, reason_phrase(status)),
	    status == 405 ? "GET, HEAD, POST" : NULL);
}

/* The same refusal as JSON, for a script reading /api/: it parses the
 * body it asked for whatever the status. */
enum MHD_Result
http_reply_json_error(struct MHD_Connection *c, unsigned status)
{
	return http_reply(c, status, "application/json",
	    xasprintf("{\"status\": %u, \"error\": \"%s\"}\n", status,
	    reason_phrase(status)), status == 405 ? "GET, HEAD" : NULL);
}

/* Log err and answer 500. */
enum MHD_Result
http_reply_fail(struct MHD_Connection *c, const struct error *err)
{
	log_warnx("http: %s", err->msg);
	return http_reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
}

enum MHD_Result
http_reply_json_fail(struct MHD_Connection *c, const struct error *err)
{
	log_warnx("http: %s", err->msg);
	return http_reply_json_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
}

/* A refusal before a route's own handler: JSON under /api/. */
static enum MHD_Result
refuse(struct MHD_Connection *c, const char *url, unsigned status)
{
	return text_starts(url, "/api/", NULL) ?
	    http_reply_json_error(c, status) : http_reply_error(c, status);
}

/* Whether a (16 bytes, IPv4 mapped) is a loopback address (127.0.0.0/8,
 * ::1, ::ffff:127.x). */
static bool
is_loopback(const unsigned char *a)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };
	static const unsigned char one[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 1 };

	return (memcmp(a, mapped, 12) == 0 && a[12] == 127) ||
	    memcmp(a, one, 16) == 0;
}

/* The client's address. */
const struct sockaddr *
http_client_addr(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	return ci != NULL ? ci->client_addr : NULL;
}

/* Whether the request carries DEADLINED_HTTP_TOKEN, as a bearer token or
 * a Basic password.  Digests are compared, in constant time, so neither
 * the token nor its length leaks through timing. */
static bool
authorized(const struct http_server *h, struct MHD_Connection *c)
{
	unsigned char want[DIGEST_LEN], got[DIGEST_LEN];
	struct buf dec = BUF_INIT;
	const char *auth, *given = NULL, *colon;
	bool ok;

	if (h->token == NULL)
		return false;
	auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (auth == NULL)
		return false;
	if (strncasecmp(auth, "Bearer ", 7) == 0)
		given = auth + 7;
	else if (strncasecmp(auth, "Basic ", 6) == 0 &&
	    base64_decode(auth + 6, &dec) &&
	    (colon = memchr(buf_str(&dec), ':', dec.len)) != NULL)
		given = colon + 1;
	if (given == NULL) {
		buf_free(&dec);
		return false;
	}
	digest_sha256(h->token, strlen(h->token), want);
	digest_sha256(given, strlen(given), got);
	ok = digest_equal(want, got, sizeof(want));
	buf_free(&dec);
	return ok;
}

bool
http_filter(struct MHD_Connection *c, struct web_filter *f)
{
	const char *plan, *page, *from, *to;
	enum level level;
	char *end;

	memset(f, 0, sizeof(*f));
	/* A 考评 period: from or to given, even empty (the form's button). */
	from = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "from");
	to = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "to");
	f->period = from != NULL || to != NULL;
	f->from = f->to = DATE_NONE;
	if ((from != NULL && *from != '\0' && !date_parse(from, &f->from)) ||
	    (to != NULL && *to != '\0' && !date_parse(to, &f->to)) ||
	    (f->from != DATE_NONE && f->to != DATE_NONE && f->from > f->to))
		return false;
	f->unit = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "unit");
	f->group = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "group");
	f->state = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "state");
	f->level = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "level");
	plan = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "plan");
	page = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
	if (f->unit != NULL && *f->unit == '\0')
		f->unit = NULL;
	if (f->group != NULL && *f->group == '\0')
		f->group = NULL;
	if (f->state != NULL && *f->state == '\0')
		f->state = NULL;
	if (f->level != NULL && *f->level == '\0')
		f->level = NULL;
	if (f->level != NULL && !level_from_name(f->level, &level))
		return false;
	if ((f->unit != NULL && !utf8_valid(f->unit, strlen(f->unit), NULL)) ||
	    (f->group != NULL && !utf8_valid(f->group, strlen(f->group), NULL)))
		return false;
	if (plan != NULL && *plan != '\0') {
		long long v = strtoll(plan, &end, 10);

		if (*end != '\0' || v <= 0)
			return false;
		f->plan = v;
	}
	if (page != NULL && *page != '\0') {
		long long v = strtoll(page, &end, 10);

		if (*end != '\0' || v <= 0 || v > 1000000)
			return false;
		f->page = (size_t)v;
	}
	return f->state == NULL || web_state_valid(f->state);
}

/* GET /api/v1/board (GET /, with its 考评, is scores.c's). */
static enum MHD_Result
route_board(struct http_server *h, struct MHD_Connection *c)
{
	const struct board_cell *cells;
	struct web_filter f;
	struct error err;
	size_t ncells;
	int today = clock_local_day(clock_now());

	if (!http_filter(c, &f))
		return http_reply_json_error(c, 400);
	if (http_board(h, today, &cells, &ncells, &err) != 0)
		return http_reply_json_fail(c, &err);
	return http_reply(c, 200, "application/json",
	    web_board_json(cells, ncells, today, &f), NULL);
}

/* GET /api/v1/acks. */
static enum MHD_Result
route_acks(struct http_server *h, struct MHD_Connection *c)
{
	struct buf b = BUF_INIT;
	struct error err;

	if (acks_list(h->st, true, &b, &err) != 0) {
		buf_free(&b);
		return http_reply_json_fail(c, &err);
	}
	return http_reply(c, 200, "application/json", buf_steal(&b), NULL);
}

/* The damage the daemon reported or a statement of the server's own met
 * (malloc'd, one line ending in a newline), NULL when there is none. */
static char *
damage(struct http_server *h)
{
	const char *own = store_damage(h->st);
	char *line = NULL;

	pthread_mutex_lock(&h->cfg_lock);
	if (h->damage != NULL)
		line = xasprintf("%s\n", h->damage);
	pthread_mutex_unlock(&h->cfg_lock);
	if (line == NULL && own != NULL)
		line = xasprintf("%s\n", own);
	return line;
}

void
http_set_damage(struct http_server *h, const char *line)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->cfg_lock);
	if (h->damage == NULL)
		h->damage = xstrdup(line);
	pthread_mutex_unlock(&h->cfg_lock);
}

void
http_set_trouble(struct http_server *h, const char *line)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->cfg_lock);
	if (line == NULL || h->trouble == NULL || strcmp(line, h->trouble) != 0) {
		free(h->trouble);
		h->trouble = line != NULL ? xstrdup(line) : NULL;
	}
	pthread_mutex_unlock(&h->cfg_lock);
}

/* The daemon's word that the database takes no writes, as a line. */
static char *
trouble(struct http_server *h)
{
	char *line = NULL;

	pthread_mutex_lock(&h->cfg_lock);
	if (h->trouble != NULL)
		line = xasprintf("the database takes no writes: %s\n", h->trouble);
	pthread_mutex_unlock(&h->cfg_lock);
	return line;
}

/* GET /healthz: the loop has turned lately and the database answers. */
static enum MHD_Result
route_health(struct http_server *h, struct MHD_Connection *c)
{
	long long alive = atomic_load(&h->alive);
	struct error err;
	size_t counts[5];
	char *line;

	/* Damaged: 503 however the rest looks, saying what and how to
	 * recover (a monitor shows the body). */
	if ((line = damage(h)) != NULL || (line = trouble(h)) != NULL)
		return http_reply(c, 503, "text/plain; charset=utf-8", line, NULL);

	if (alive != 0 && (long long)(clock_mono_ms() / 1000) - alive > 2 * 3600) {
		log_warnx("http: healthz: the daemon's loop has not turned for "
		    "%lld s", (long long)(clock_mono_ms() / 1000) - alive);
		return http_reply(c, 503, "text/plain; charset=utf-8",
		    xstrdup("loop stalled\n"), NULL);
	}
	if (outbox_counts(h->st, counts, &err) != 0) {
		log_warnx("http: healthz: %s", err.msg);
		return http_reply(c, 503, "text/plain; charset=utf-8",
		    store_damage_error(&err) ? xasprintf("%s\n", err.msg) :
		    xstrdup("unavailable\n"), NULL);
	}
	return http_reply(c, 200, "text/plain; charset=utf-8", xstrdup("ok\n"), NULL);
}

/* Dispatch a complete request. */
static enum MHD_Result
route(struct http_server *h, struct MHD_Connection *c, const char *url,
    const char *method, struct request *r)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;
	struct route_match m;
	long long wait;
	char *line;
	bool far;

	if (!get && !post)
		return refuse(c, url, 405);
	if (r->too_big)
		return refuse(c, url, 413);
	route_match(url, &m);
	r->route = m.id;
	/* A damaged database: /healthz says so, nothing else is served (an
	 * answer recorded now could be lost with the file, or worsen it). */
	if (m.id != ROUTE_HEALTH && (line = damage(h)) != NULL) {
		free(line);
		return refuse(c, url, 503);
	}
	if (m.id == ROUTE_ACK || m.id == ROUTE_ACK_BAD ||
	    m.id == ROUTE_REVIEW || m.id == ROUTE_REVIEW_BAD) {
		if ((wait = ack_blocked(h, r)) > 0)
			return ack_reply_too_many(c, wait);
		if (m.id == ROUTE_ACK)
			return ack_route(h, c, url, m.token, post, r);
		if (m.id == ROUTE_REVIEW)
			return review_route(h, c, url, m.token, post, r);
		ack_failed(h, r);	/* a malformed token is a guess too */
		return refuse(c, url, 404);
	}
	if (m.id == ROUTE_NONE)
		return refuse(c, url, 404);
	/* Local is the client's address: behind a proxy on this machine
	 * the peer is loopback for everyone, the client a trusted proxy
	 * forwarded for is not, and needs the token as on a public
	 * listener. */
	far = !r->client_known || !is_loopback(r->client);
	if ((m.access == ACCESS_LOCAL && far && !authorized(h, c)) ||
	    (m.access == ACCESS_SUPERVISOR && (h->remote || (r->forwarded &&
	    far)) && !authorized(h, c)))
		return refuse(c, url, 401);
	if (post && !m.post)
		return refuse(c, url, 405);
	switch (m.id) {
	case ROUTE_FEED:
		return feeds_route(h, c, m.token);
	case ROUTE_HEALTH:
		return route_health(h, c);
	case ROUTE_METRICS:
		return metrics_route(h, c);
	case ROUTE_ACKS_JSON:
		return route_acks(h, c);
	case ROUTE_BOARD:
		return scores_board(h, c);
	case ROUTE_BOARD_JSON:
		return route_board(h, c);
	case ROUTE_SCORES_JSON:
		return scores_route(h, c);
	case ROUTE_LEDGER_XLSX:
		return workbook_route(h, c);
	default:
		return refuse(c, url, 404);
	}
}

/* libmicrohttpd's access handler: called once with the headers, then for
 * each piece of the body, then once more with none left. */
static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http_server *h = cls;
	struct request *r = *con_cls;
	struct route_match m;
	const char *cl;
	char *end;
	unsigned long long len;
	unsigned status;

	if (r == NULL) {
		atomic_fetch_add(&h->requests, 1);
		r = *con_cls = xcalloc(1, sizeof(*r));
		conns_head_done(h, c);
		access_client(h, c, r);
		/* A name we do not answer for: a rebound DNS name most likely
		 * (RFC 9110, sect. 15.5.20); nothing of ours in the answer. */
		if ((status = access_host(h, c, version)) != 0)
			return refuse(c, url, status);
		/* Refuse a declared oversized body before reading it. */
		route_match(url, &m);
		r->max = m.id == ROUTE_ACK ? ACK_BODY_MAX : BODY_MAX;
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "Content-Length");
		if (cl != NULL) {
			errno = 0;
			len = strtoull(cl, &end, 10);
			if (errno != 0 || end == cl || *end != '\0' ||
			    len > r->max) {
				r->too_big = true;
				return refuse(c, url, 413);
			}
		}
		return MHD_YES;
	}
	if (*upload_size > 0) {
		/* Counted, not kept, past the limit (a chunked body). */
		if (!r->too_big && *upload_size <= r->max - r->len) {
			r->body = xrealloc(r->body, r->len + *upload_size);
			memcpy(r->body + r->len, upload, *upload_size);
			r->len += *upload_size;
		} else
			r->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	return route(h, c, url, method, r);
}

/* Free what handle() allocated for a connection's request. */
static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_server *h = cls;
	struct request *r = *con_cls;
	unsigned status = conns_status(c);

	(void)toe;
	if (r != NULL && status != 0)
		h->answers[r->route][metrics_status_slot(status)]++;
	if (r != NULL) {
		conns_request_done(cls, c);	/* the next head's clock */
		free(r->body);
	}
	free(*con_cls);
	*con_cls = NULL;
}

/* libmicrohttpd's messages, into our log. */
static void PRINTF_LIKE(2, 0)
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_warnx("http: %s", msg);
}

/* Parse "ADDR:PORT" or "[ADDR]:PORT" (numeric addresses, "localhost", or
 * an empty ADDR for every address) into *res. */
static int
parse_listen(const char *listen, struct addrinfo **res, struct error *err)
{
	struct addrinfo hints;
	const char *colon;
	char *host;
	int rc;

	if (listen[0] == '[') {
		if ((colon = strstr(listen, "]:")) == NULL)
			goto bad;
		host = xstrndup(listen + 1, (size_t)(colon - listen - 1));
		colon++;
	} else {
		if ((colon = strrchr(listen, ':')) == NULL)
			goto bad;
		host = xstrndup(listen, (size_t)(colon - listen));
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if (strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    strlen(colon + 1) == 0 || strlen(colon + 1) > 5 ||
	    atoi(colon + 1) < 1 || atoi(colon + 1) > 65535) {
		free(host);
		goto bad;
	}
	rc = getaddrinfo(*host != '\0' ? host : NULL, colon + 1, &hints, res);
	free(host);
	if (rc != 0)
		return error_set(err, EXIT_CONFIG, "http.listen: \"%s\": %s",
		    listen, gai_strerror(rc));
	return 0;
bad:
	return error_set(err, EXIT_CONFIG, "http.listen: \"%s\": not ADDR:PORT "
	    "or [ADDR]:PORT", listen);
}

/* Parse the address, open the key and the store, start the thread. */
int
http_start(const struct config *c, const char *db_path,
    struct http_server **out, struct error *err)
{
	struct http_server *h;
	struct addrinfo *ai = NULL;
	unsigned char a16[16];
	sigset_t all, old;
	const char *tok;
	unsigned flags;
	int rc;

	*out = NULL;
	if ((rc = parse_listen(c->http.listen, &ai, err)) != 0)
		return rc;
	h = xcalloc(1, sizeof(*h));
	atomic_init(&h->requests, 0);
	pthread_mutex_init(&h->cfg_lock, NULL);
	if ((h->nudge = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
		rc = error_set(err, EXIT_IOERR, "eventfd: %s", strerror(errno));
		h->nudge = -1;
		goto fail;
	}
	h->cfg = c;
	atomic_init(&h->checkin_months, ongoing_months(c->schedule.ongoing));
	h->db_path = xstrdup(db_path);
	h->remote = !(net_addr_from_sockaddr(ai->ai_addr, a16) &&
	    is_loopback(a16));
	if ((tok = getenv("DEADLINED_HTTP_TOKEN")) != NULL && *tok != '\0')
		h->token = xstrdup(tok);
	if (h->remote && h->token == NULL)
		log_warnx("http: %s is not loopback and DEADLINED_HTTP_TOKEN is "
		    "unset: the dashboard and /api/ are refused",
		    c->http.listen);
	if ((rc = feeds_load_key(db_path, h->key, err)) != 0)
		goto fail;
	/* A damaged database: serve /healthz's 503 without it (the daemon
	 * has logged it). */
	if ((rc = store_open(db_path, &h->st, err)) != 0) {
		if (!store_damage_error(err))
			goto fail;
		h->damage = xstrdup(err->msg);
	}
	flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* The server's thread inherits a mask blocking every signal: the
	 * daemon reads its signals from a signalfd, which only works when
	 * no thread can take them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	/* The limits are conns.c's (CONN_MAX, CONN_PER_ADDR: the proxies
	 * are exempt, which libmicrohttpd's per-address limit cannot do);
	 * libmicrohttpd's own is a backstop above them, for the connections
	 * cut to make room are counted until its thread has closed them.
	 * Its timeout counts from the last byte, either way: IDLE_SECS,
	 * the same as the head's deadline, so a client that stops reading
	 * its answer or sending its body goes as fast as one that never
	 * sends its head (conns.c says why that deadline is needed too). */
	if ((rc = conns_start(h, err)) == 0)
		h->d = MHD_start_daemon(flags, 0, conns_accept, h, handle, h,
		    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, h,	/* first, or ignored */
		    MHD_OPTION_SOCK_ADDR, ai->ai_addr,
		    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(2 * CONN_MAX),
		    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_SECS,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		    MHD_OPTION_NOTIFY_COMPLETED, completed, h,
		    MHD_OPTION_NOTIFY_CONNECTION, conns_notify, h,
		    MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		goto fail;
	if (h->d == NULL) {
		rc = error_set(err, EXIT_IOERR, "http.listen: cannot listen on "
		    "%s", c->http.listen);
		goto fail;
	}
	log_info("http: listening on %s", c->http.listen);
	freeaddrinfo(ai);
	*out = h;
	return 0;
fail:
	freeaddrinfo(ai);
	http_stop(h);
	return rc;
}

void
http_set_config(struct http_server *h, const struct config *c)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->cfg_lock);
	h->cfg = c;
	atomic_store(&h->checkin_months, ongoing_months(c->schedule.ongoing));
	pthread_mutex_unlock(&h->cfg_lock);
}

int
http_nudge_fd(const struct http_server *h)
{
	return h != NULL ? h->nudge : -1;
}

static void
cache_drop_board(struct http_server *h)
{
	acks_board_free(h->cache.cells, h->cache.ncells);
	h->cache.cells = NULL;
	h->cache.ncells = 0;
	h->cache.counted = false;
}

static void
cache_drop(struct http_server *h)
{
	cache_drop_board(h);
	feeds_drop(h);
	plans_free(h->cache.plans, h->cache.nplans);
	h->cache.plans = NULL;
	h->cache.nplans = 0;
	h->cache.loaded = false;
}

int
http_plans(struct http_server *h, struct plan *const **plans, size_t *n,
    struct error *err)
{
	int64_t gen;
	int rc;

	if ((rc = store_generation(h->st, &gen, err)) != 0)
		return rc;
	pthread_mutex_lock(&h->cfg_lock);
	if (!h->cache.loaded || h->cache.gen != gen || h->cache.cfg != h->cfg) {
		cache_drop(h);
		rc = store_load_plans(h->st, h->cfg, &h->cache.plans,
		    &h->cache.nplans, err);
		h->cache.loaded = rc == 0;
		h->cache.gen = gen;
		h->cache.cfg = h->cfg;
	}
	pthread_mutex_unlock(&h->cfg_lock);
	*plans = h->cache.plans;
	*n = h->cache.nplans;
	return rc;
}

int
http_board(struct http_server *h, int today, const struct board_cell **cells,
    size_t *n, struct error *err)
{
	struct plan *const *plans;
	struct dl_rules rules;
	size_t np, msgs[5], a;
	int64_t mark;
	int checkin = atomic_load(&h->checkin_months), rc;

	*cells = NULL;
	*n = 0;
	/* What the cells depend on: the plans (above), the answers (and
	 * the pauses, which the answers log records), the sent messages,
	 * the day; each a counter, read in a few rows. */
	if ((rc = http_plans(h, &plans, &np, err)) != 0 ||
	    (rc = outbox_counts(h->st, msgs, err)) != 0 ||
	    (rc = acks_count_all(h->st, &a, err)) != 0 ||
	    (rc = requests_mark(h->st, &mark, err)) != 0)
		return rc;
	if (!h->cache.counted || h->cache.acks != a ||
	    h->cache.requests != mark ||
	    h->cache.sent != msgs[2] || h->cache.today != today ||
	    h->cache.checkin != checkin) {
		cache_drop_board(h);
		/* The rules point into the configuration: held while used. */
		pthread_mutex_lock(&h->cfg_lock);
		rules = config_deadline_rules(h->cfg);
		rc = acks_board(h->st, plans, np, today, &rules,
		    &h->cache.cells, &h->cache.ncells, err);
		if (rc == 0)
			schedule_mark_behind(h->cfg, h->cache.cells,
			    h->cache.ncells, today);
		pthread_mutex_unlock(&h->cfg_lock);
		if (rc == 0)
			rc = pauses_mark_board(h->st, h->cache.cells,
			    h->cache.ncells, today, err);
		if (rc != 0)
			return rc;
		h->cache.counted = true;
		h->cache.acks = a;
		h->cache.requests = mark;
		h->cache.sent = msgs[2];
		h->cache.today = today;
		h->cache.checkin = checkin;
	}
	*cells = h->cache.cells;
	*n = h->cache.ncells;
	return 0;
}

/* Stop the thread, then free what it used. */
void
http_stop(struct http_server *h)
{
	if (h == NULL)
		return;
	if (h->d != NULL)
		MHD_stop_daemon(h->d);
	conns_stop(h);
	store_close(h->st);
	explicit_bzero(h->key, sizeof(h->key));
	free(h->token);
	free(h->db_path);
	cache_drop(h);
	free(h->damage);
	free(h->trouble);
	pthread_mutex_destroy(&h->cfg_lock);
	if (h->nudge >= 0)
		close(h->nudge);
	free(h);
}

