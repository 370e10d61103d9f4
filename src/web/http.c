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
#include "web/web.h"

#define BODY_MAX	4096		/* bytes of a request body */
#define NOTE_MAX	500		/* characters of a note */
#define AGENT_MAX	256		/* bytes of a User-Agent kept */
#define FORM_FIELDS	8
#define KEY_LEN		32
#define ACK_TOKEN_LEN	32		/* hex digits (outbox_ack_token) */
#define FEED_TOKEN_LEN	64		/* hex digits of HMAC-SHA256 */
#define ACK_FAIL_MAX	20		/* unknown ack tokens per address ... */
#define ACK_FAIL_WINDOW	60		/* ... per this many seconds */
#define ACK_FAIL_SLOTS	256		/* addresses remembered */

/* Every response carries these: no script, no framing, no caching, no
 * Referer leaking a capability URL. */
static const char csp[] = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

/* Failed /ack/ lookups of one client address in its current window. */
struct ack_fails {
	unsigned char addr[16];		/* IPv4 as v4-mapped IPv6 */
	long long window;		/* monotonic second the window began */
	unsigned count;
	bool used;
};

struct http_server {
	struct MHD_Daemon *d;
	struct store *st;
	char *db_path;
	unsigned char key[KEY_LEN];	/* feed tokens */
	bool remote;			/* listening beyond loopback */
	char *token;			/* DEADLINED_HTTP_TOKEN, NULL: none */
	atomic_ulong requests;
	atomic_llong alive;		/* monotonic seconds of the loop's last turn */
	atomic_llong last_pass;		/* unix time of the last pass, 0: none */
	/* Guessing ack tokens: a fixed table, only touched by the server's
	 * single polling thread, so no lock. */
	struct ack_fails fails[ACK_FAIL_SLOTS];
};

/* Seconds on the monotonic clock. */
static long long
mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

void
http_alive(struct http_server *h, bool pass)
{
	if (h == NULL)
		return;
	atomic_store(&h->alive, mono_seconds());
	if (pass)
		atomic_store(&h->last_pass, (long long)clock_now());
}

/* What a connection accumulates until its request is complete. */
struct request {
	size_t len;
	bool too_big;
	char body[BODY_MAX];
};

/* Send body (malloc'd, taken) with status and the common headers. */
static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type, char *body,
    const char *allow)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(strlen(body), body,
	    MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (allow != NULL)
		MHD_add_response_header(r, "Allow", allow);
	if (status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(r, "WWW-Authenticate",
		    "Basic realm=\"deadlined\", charset=\"UTF-8\"");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Send an HTML page. */
static enum MHD_Result
reply_html(struct MHD_Connection *c, unsigned status, char *html)
{
	return reply(c, status, "text/html; charset=utf-8", html, NULL);
}

/* A plain error page: no hint of why. */
static enum MHD_Result
reply_error(struct MHD_Connection *c, unsigned status)
{
	const char *reason;

	switch (status) {
	case 400: reason = "Bad Request"; break;
	case 401: reason = "Unauthorized"; break;
	case 404: reason = "Not Found"; break;
	case 405: reason = "Method Not Allowed"; break;
	case 413: reason = "Content Too Large"; break;
	case 415: reason = "Unsupported Media Type"; break;
	case 503: reason = "Service Unavailable"; break;
	default: reason = "Internal Server Error"; break;
	}
	return reply(c, status, "text/html; charset=utf-8",
	    web_error_page((int)status, reason),
	    status == 405 ? "GET, HEAD, POST" : NULL);
}

/* Log err and answer 500. */
static enum MHD_Result
reply_fail(struct MHD_Connection *c, const struct error *err)
{
	log_warnx("http: %s", err->msg);
	return reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
}

/* Whether s is exactly n lowercase hex digits. */
static bool
is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return s[n] == '\0';
}

/* Whether sa is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x). */
static bool
is_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in6 *s6;
	const unsigned char *a;

	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family != AF_INET6)
		return false;
	s6 = (const struct sockaddr_in6 *)(const void *)sa;
	a = s6->sin6_addr.s6_addr;
	return IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr) ||
	    (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) && a[12] == 127);
}

/* The client's address. */
static const struct sockaddr *
client_addr(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	return ci != NULL ? ci->client_addr : NULL;
}

/* The client's address as text into out. */
static void
client_ip(struct MHD_Connection *c, char *out, size_t len)
{
	const struct sockaddr *sa = client_addr(c);

	out[0] = '\0';
	if (sa == NULL ||
	    getnameinfo(sa, sa->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
	    out, (socklen_t)len, NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(out, len, "unknown");
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

/* The measure t names, in plans[0..n): fills *it (pointing into the
 * plans) and tells whether it was found. */
static bool
find_item(struct plan **plans, size_t n, const struct ack_target *t,
    struct web_item *it)
{
	const struct plan_measure *m;
	const struct plan_task *task;
	size_t i, j, k, u;

	memset(it, 0, sizeof(*it));
	it->unit = t->unit;
	it->due = t->due;
	for (i = 0; i < n; i++)
		for (j = 0; j < plans[i]->ntasks; j++) {
			task = &plans[i]->tasks[j];
			for (k = 0; k < task->nmeasures; k++) {
				m = &task->measures[k];
				if (m->id != t->measure_id)
					continue;
				it->plan_title = plans[i]->title;
				it->task_no = task->no;
				it->task_title = task->title;
				it->measure = m->text;
				it->deadline_text = m->deadline_text;
				for (u = 0; u < m->nunits; u++)
					if (strcmp(m->units[u].name, t->unit) == 0)
						it->role = role_label(m->units[u].role);
				return true;
			}
		}
	return false;
}

/* Whether a note is acceptable: at most NOTE_MAX characters (the form
 * says so), no control characters but line breaks and tabs. */
static bool
note_ok(const char *note)
{
	const char *p = note, *end = note + strlen(note);
	size_t n = 0;
	int32_t cp;

	while (p < end) {
		if ((cp = utf8_next(&p, end)) < 0)
			return false;
		if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') ||
		    cp == 0x7f)
			return false;
		if (++n > NOTE_MAX)
			return false;
	}
	return true;
}

/* Parse the ack form; false on anything unexpected. */
static bool
parse_ack_form(struct MHD_Connection *c, const struct request *r,
    enum ack_kind *kind, char **note)
{
	struct form_field f[FORM_FIELDS];
	const char *type, *k, *v;
	size_t n;
	bool ok = false;

	type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	if (type == NULL || strncasecmp(type,
	    "application/x-www-form-urlencoded", 33) != 0 ||
	    (type[33] != '\0' && type[33] != ';' && type[33] != ' '))
		return false;
	if (!form_parse(r->body, r->len, f, FORM_FIELDS, &n))
		return false;
	k = form_get(f, n, "kind");
	v = form_get(f, n, "note");
	if (form_count(f, n, "kind") != 1 || form_count(f, n, "note") > 1)
		goto out;
	if (strcmp(k, "ack") == 0)
		*kind = ACK_ACK;
	else if (strcmp(k, "done") == 0)
		*kind = ACK_DONE;
	else
		goto out;
	if (v != NULL && !note_ok(v))
		goto out;
	*note = v != NULL && *v != '\0' ? xstrdup(v) : NULL;
	ok = true;
out:
	form_free(f, n);
	return ok;
}

/* The User-Agent, cut to AGENT_MAX bytes at a character boundary; NULL
 * when missing or not UTF-8. */
static char *
user_agent(struct MHD_Connection *c)
{
	const char *a, *p, *end;
	int32_t cp;

	a = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "User-Agent");
	if (a == NULL)
		return NULL;
	p = a;
	end = a + strlen(a);
	while (p < end) {
		const char *q = p;

		if ((cp = utf8_next(&p, end)) < 0 || cp < 0x20 || cp == 0x7f)
			return NULL;
		if ((size_t)(p - a) > AGENT_MAX)
			return xstrndup(a, (size_t)(q - a));
	}
	return xstrdup(a);
}

/* The client's address as 16 bytes (IPv4 mapped into IPv6, IPv6 cut to
 * its /64); false when unknown. */
static bool
addr_key(const struct sockaddr *sa, unsigned char *key)
{
	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET) {
		memset(key, 0, 10);
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr, 16);
		/* One host usually holds a whole /64: count it as one. */
		if (!IN6_IS_ADDR_V4MAPPED(
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr))
			memset(key + 8, 0, 8);
		return true;
	}
	return false;
}

/* The slot of key in h's table; with create, a new one (the free or the
 * oldest slot, so the table never grows) when it has none. */
static struct ack_fails *
fails_slot(struct http_server *h, const unsigned char *key, bool create)
{
	struct ack_fails *f, *victim = NULL;
	size_t i;

	for (i = 0; i < ACK_FAIL_SLOTS; i++) {
		f = &h->fails[i];
		if (f->used && memcmp(f->addr, key, 16) == 0)
			return f;
		if (!f->used) {
			if (victim == NULL || victim->used)
				victim = f;
		} else if (victim == NULL ||
		    (victim->used && f->window < victim->window))
			victim = f;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->addr, key, 16);
	victim->used = true;
	return victim;
}

/* Seconds the client must wait before its next /ack/ request, 0: none.
 * An address past ACK_FAIL_MAX unknown tokens in its window is refused
 * for the rest of that window: 2^128 tokens cannot be guessed anyway,
 * but nothing should get to try at line rate. */
static long long
ack_blocked(struct http_server *h, struct MHD_Connection *c)
{
	unsigned char key[16];
	struct ack_fails *f;
	long long now = mono_seconds();

	if (!addr_key(client_addr(c), key) ||
	    (f = fails_slot(h, key, false)) == NULL ||
	    now - f->window >= ACK_FAIL_WINDOW || f->count < ACK_FAIL_MAX)
		return 0;
	return f->window + ACK_FAIL_WINDOW - now;
}

/* Count one unknown token from the client. */
static void
ack_failed(struct http_server *h, struct MHD_Connection *c)
{
	unsigned char key[16];
	struct ack_fails *f;
	long long now = mono_seconds();

	if (!addr_key(client_addr(c), key))
		return;
	f = fails_slot(h, key, true);
	if (f->count == 0 || now - f->window >= ACK_FAIL_WINDOW) {
		f->window = now;
		f->count = 0;
	}
	f->count++;
}

/* 429 with Retry-After. */
static enum MHD_Result
reply_too_many(struct MHD_Connection *c, long long wait)
{
	struct MHD_Response *r;
	enum MHD_Result rc;
	char *body = web_error_page(429, "Too Many Requests"), secs[24];

	r = MHD_create_response_from_buffer(strlen(body), body,
	    MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(body);
		return MHD_NO;
	}
	snprintf(secs, sizeof(secs), "%lld", wait > 0 ? wait : 1);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Retry-After", secs);
	rc = MHD_queue_response(c, 429, r);
	MHD_destroy_response(r);
	return rc;
}

/* GET or POST /ack/TOKEN. */
static enum MHD_Result
route_ack(struct http_server *h, struct MHD_Connection *c, const char *url,
    const char *token, bool post, const struct request *r)
{
	struct ack_target t;
	struct ack_record rec;
	struct web_item it;
	struct plan **plans = NULL;
	struct error err;
	enum answer ans;
	enum ack_kind kind = ACK_ACK;
	enum MHD_Result rc;
	char ip[INET6_ADDRSTRLEN + 8], *note = NULL, *agent = NULL;
	size_t n = 0;

	memset(&t, 0, sizeof(t));
	/* The lookup is by the token's SHA-256 in SQL: no comparison of
	 * secrets in C to time, and a stored hash is no usable token. */
	if (acks_lookup(h->st, token, &t, &err) != 0) {
		if (err.code != EXIT_NOINPUT)
			return reply_fail(c, &err);
		ack_failed(h, c);
		return reply_error(c, 404);
	}
	if (post && !parse_ack_form(c, r, &kind, &note)) {
		ack_target_free(&t);
		return reply_error(c, 400);
	}
	if (store_load_plans(h->st, &plans, &n, &err) != 0) {
		rc = reply_fail(c, &err);
		goto out;
	}
	(void)find_item(plans, n, &t, &it);
	if (post) {
		client_ip(c, ip, sizeof(ip));
		agent = user_agent(c);
		rec = (struct ack_record){ .kind = kind, .source = ACK_WEB,
		    .note = note, .remote = ip, .agent = agent };
		if (acks_record(h->st, &t, &rec, clock_now(), &err) != 0) {
			rc = reply_fail(c, &err);
			goto out;
		}
		log_info("http: %s recorded for measure %lld from %s",
		    ack_kind_name(kind), (long long)t.measure_id, ip);
		rc = reply_html(c, 200, web_ack_recorded(&it, kind, note));
	} else {
		if (acks_answer(h->st, t.measure_id, t.unit, t.due, &ans,
		    &err) != 0) {
			rc = reply_fail(c, &err);
			goto out;
		}
		rc = reply_html(c, 200, web_ack_page(&it, ans, url));
	}
out:
	plans_free(plans, n);
	ack_target_free(&t);
	free(note);
	free(agent);
	return rc;
}

/* The filters of the query string; false when one is malformed. */
static bool
get_filter(struct MHD_Connection *c, struct web_filter *f)
{
	f->unit = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "unit");
	f->state = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "state");
	if (f->unit != NULL && *f->unit == '\0')
		f->unit = NULL;
	if (f->state != NULL && *f->state == '\0')
		f->state = NULL;
	if (f->unit != NULL && !utf8_valid(f->unit, strlen(f->unit), NULL))
		return false;
	return f->state == NULL || web_state_valid(f->state);
}

/* GET / and /api/v1/board. */
static enum MHD_Result
route_board(struct http_server *h, struct MHD_Connection *c, bool json)
{
	struct plan **plans = NULL;
	struct board_cell *cells = NULL;
	struct web_filter f;
	struct error err;
	enum MHD_Result rc;
	size_t n = 0, ncells = 0;
	int today = clock_local_day(clock_now());

	if (!get_filter(c, &f))
		return reply_error(c, 400);
	if (store_load_plans(h->st, &plans, &n, &err) != 0)
		return reply_fail(c, &err);
	if (acks_board(h->st, plans, n, today, &cells, &ncells, &err) != 0)
		rc = reply_fail(c, &err);
	else if (json)
		rc = reply(c, 200, "application/json",
		    web_board_json(cells, ncells, today, &f), NULL);
	else
		rc = reply_html(c, 200, web_dashboard(cells, ncells, today, &f));
	free(cells);
	plans_free(plans, n);
	return rc;
}

/* GET /api/v1/acks. */
static enum MHD_Result
route_acks(struct http_server *h, struct MHD_Connection *c)
{
	struct buf b = BUF_INIT;
	struct error err;

	if (acks_list(h->st, true, &b, &err) != 0) {
		buf_free(&b);
		return reply_fail(c, &err);
	}
	return reply(c, 200, "application/json", buf_steal(&b), NULL);
}

/* HMAC-SHA256(key, unit) as hex into out (FEED_TOKEN_LEN + 1 bytes). */
static void
feed_token(const unsigned char *key, const char *unit, char *out)
{
	unsigned char md[DIGEST_LEN];

	digest_hmac_sha256(key, KEY_LEN, unit, strlen(unit), md);
	digest_hex(md, out);
}

/* The unit of plans[0..n) whose feed token is token, or NULL. */
static const char *
feed_unit(const struct http_server *h, struct plan **plans, size_t n,
    const char *token)
{
	const struct plan_measure *m;
	char tok[FEED_TOKEN_LEN + 1];
	size_t i, j, k, u;

	for (i = 0; i < n; i++)
		for (j = 0; j < plans[i]->ntasks; j++)
			for (k = 0; k < plans[i]->tasks[j].nmeasures; k++) {
				m = &plans[i]->tasks[j].measures[k];
				for (u = 0; u < m->nunits; u++) {
					feed_token(h->key, m->units[u].name, tok);
					if (digest_equal(tok, token,
					    FEED_TOKEN_LEN))
						return m->units[u].name;
				}
			}
	return NULL;
}

/* GET /ics/TOKEN.ics: the unit's items of every active plan, merged into
 * one calendar (the first plan's header, every plan's events). */
static enum MHD_Result
route_ics(struct http_server *h, struct MHD_Connection *c, const char *token)
{
	static const char end_cal[] = "END:VCALENDAR\r\n";
	struct plan **plans = NULL;
	struct buf out = BUF_INIT, one = BUF_INIT;
	struct error err;
	const char *unit, *ev, *tail;
	size_t n = 0, i;

	if (store_load_plans(h->st, &plans, &n, &err) != 0)
		return reply_fail(c, &err);
	if ((unit = feed_unit(h, plans, n, token)) == NULL) {
		plans_free(plans, n);
		return reply_error(c, 404);
	}
	for (i = 0; i < n; i++) {
		buf_reset(&one);
		export_plan(&one, plans[i], EXPORT_ICS, unit, (long long)clock_now());
		if ((tail = strstr(buf_str(&one), end_cal)) == NULL)
			continue;
		if (out.len == 0)
			buf_add(&out, buf_str(&one), (size_t)(tail - buf_str(&one)));
		else if ((ev = strstr(buf_str(&one), "BEGIN:VEVENT\r\n")) != NULL &&
		    ev < tail)
			buf_add(&out, ev, (size_t)(tail - ev));
	}
	if (out.len == 0)
		buf_puts(&out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		    "PRODID:-//deadlined//EN\r\n");
	buf_puts(&out, end_cal);
	buf_free(&one);
	plans_free(plans, n);
	return reply(c, 200, "text/calendar; charset=utf-8", buf_steal(&out),
	    NULL);
}

/* GET /healthz: the loop has turned lately and the database answers. */
static enum MHD_Result
route_health(struct http_server *h, struct MHD_Connection *c)
{
	long long alive = atomic_load(&h->alive);
	struct error err;
	size_t counts[5];

	if (alive != 0 && mono_seconds() - alive > 2 * 3600) {
		log_warnx("http: healthz: the daemon's loop has not turned for "
		    "%lld s", mono_seconds() - alive);
		return reply(c, 503, "text/plain; charset=utf-8",
		    xstrdup("loop stalled\n"), NULL);
	}
	if (outbox_counts(h->st, counts, &err) != 0) {
		log_warnx("http: healthz: %s", err.msg);
		return reply(c, 503, "text/plain; charset=utf-8",
		    xstrdup("unavailable\n"), NULL);
	}
	return reply(c, 200, "text/plain; charset=utf-8", xstrdup("ok\n"), NULL);
}

/* GET /metrics (Prometheus text format 0.0.4): the outbox, answers,
 * today's board, the last pass, requests.  Never a secret. */
static enum MHD_Result
route_metrics(struct http_server *h, struct MHD_Connection *c)
{
	static const char *const names[5] = { "queued", "sending", "sent",
	    "failed", "skipped" };
	static const enum cell_state cs[] = { CELL_QUIET, CELL_WAITING,
	    CELL_ACKED, CELL_DONE, CELL_OVERDUE };
	struct plan **plans = NULL;
	struct board_cell *cells = NULL;
	struct buf b = BUF_INIT;
	struct error err;
	size_t counts[5], n = 0, ncells = 0, i, j, k;

	if (outbox_counts(h->st, counts, &err) != 0 ||
	    store_load_plans(h->st, &plans, &n, &err) != 0 ||
	    acks_board(h->st, plans, n, clock_local_day(clock_now()), &cells,
	    &ncells, &err) != 0) {
		plans_free(plans, n);
		return reply_fail(c, &err);
	}
	buf_puts(&b, "# HELP deadlined_messages Messages in the outbox by state.\n"
	    "# TYPE deadlined_messages gauge\n");
	for (i = 0; i < 5; i++)
		buf_printf(&b, "deadlined_messages{state=\"%s\"} %zu\n", names[i],
		    counts[i]);
	buf_puts(&b, "# HELP deadlined_board_cells Measure-unit cells of the "
	    "active plans by state today.\n# TYPE deadlined_board_cells gauge\n");
	for (i = 0; i < ARRAY_LEN(cs); i++) {
		for (j = k = 0; j < ncells; j++)
			k += cells[j].state == cs[i];
		buf_printf(&b, "deadlined_board_cells{state=\"%s\"} %zu\n",
		    web_state_name(cs[i]), k);
	}
	if (outbox_metrics(h->st, clock_now(), &b, &err) != 0) {
		buf_free(&b);
		free(cells);
		plans_free(plans, n);
		return reply_fail(c, &err);
	}
	buf_puts(&b, "# HELP deadlined_acks_total Answers recorded by kind.\n"
	    "# TYPE deadlined_acks_total counter\n");
	for (i = 0; i < 2; i++) {
		if (acks_count(h->st, (enum ack_kind)i, &k, &err) != 0) {
			buf_free(&b);
			free(cells);
			plans_free(plans, n);
			return reply_fail(c, &err);
		}
		buf_printf(&b, "deadlined_acks_total{kind=\"%s\"} %zu\n",
		    ack_kind_name((enum ack_kind)i), k);
	}
	buf_printf(&b, "# HELP deadlined_last_pass_timestamp_seconds When the "
	    "last pass ran (0: none yet).\n# TYPE "
	    "deadlined_last_pass_timestamp_seconds gauge\n"
	    "deadlined_last_pass_timestamp_seconds %lld\n",
	    (long long)atomic_load(&h->last_pass));
	buf_printf(&b, "# HELP deadlined_http_requests_total HTTP requests "
	    "received.\n# TYPE deadlined_http_requests_total counter\n"
	    "deadlined_http_requests_total %lu\n",
	    (unsigned long)atomic_load(&h->requests));
	free(cells);
	plans_free(plans, n);
	return reply(c, 200, "text/plain; version=0.0.4; charset=utf-8",
	    buf_steal(&b), NULL);
}

/* Dispatch a complete request. */
static enum MHD_Result
route(struct http_server *h, struct MHD_Connection *c, const char *url,
    const char *method, const struct request *r)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;
	const char *rest;

	if (!get && !post)
		return reply_error(c, 405);
	if (r->too_big)
		return reply_error(c, 413);
	/* Exact matches only: "..", "//", "%2e%2e" and trailing parts
	 * (libmicrohttpd hands over the URL decoded) match nothing. */
	if (text_starts(url, "/ack/", &rest)) {
		long long wait = ack_blocked(h, c);

		if (wait > 0)
			return reply_too_many(c, wait);
		if (is_hex(rest, ACK_TOKEN_LEN))
			return route_ack(h, c, url, rest, post, r);
		ack_failed(h, c);	/* a malformed token is a guess too */
		return reply_error(c, 404);
	}
	if (text_starts(url, "/ics/", &rest) &&
	    strlen(rest) == FEED_TOKEN_LEN + 4 &&
	    strcmp(rest + FEED_TOKEN_LEN, ".ics") == 0) {
		char tok[FEED_TOKEN_LEN + 1];

		memcpy(tok, rest, FEED_TOKEN_LEN);
		tok[FEED_TOKEN_LEN] = '\0';
		if (!is_hex(tok, FEED_TOKEN_LEN))
			return reply_error(c, 404);
		return post ? reply_error(c, 405) : route_ics(h, c, tok);
	}
	if (strcmp(url, "/healthz") == 0 || strcmp(url, "/metrics") == 0) {
		if (!is_loopback(client_addr(c)) && !authorized(h, c))
			return reply_error(c, 401);
		if (post)
			return reply_error(c, 405);
		return url[1] == 'h' ? route_health(h, c) : route_metrics(h, c);
	}
	if (strcmp(url, "/") != 0 && strcmp(url, "/api/v1/board") != 0 &&
	    strcmp(url, "/api/v1/acks") != 0)
		return reply_error(c, 404);
	if (h->remote && !authorized(h, c))
		return reply_error(c, 401);
	if (post)
		return reply_error(c, 405);
	if (strcmp(url, "/api/v1/acks") == 0)
		return route_acks(h, c);
	return route_board(h, c, strcmp(url, "/") != 0);
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
	const char *cl;
	char *end;
	unsigned long long len;

	(void)version;
	if (r == NULL) {
		atomic_fetch_add(&h->requests, 1);
		r = *con_cls = xcalloc(1, sizeof(*r));
		/* Refuse a declared oversized body before reading it. */
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "Content-Length");
		if (cl != NULL) {
			errno = 0;
			len = strtoull(cl, &end, 10);
			if (errno != 0 || end == cl || *end != '\0' ||
			    len > BODY_MAX) {
				r->too_big = true;
				return reply_error(c, 413);
			}
		}
		return MHD_YES;
	}
	if (*upload_size > 0) {
		/* Counted, not kept, past the limit (a chunked body). */
		if (!r->too_big && *upload_size <= BODY_MAX - r->len) {
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
	(void)cls;
	(void)c;
	(void)toe;
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

/* Read the 32-byte key of DB_PATH.key, creating it (0600, atomically by
 * link(2), so two processes agree on one key) when missing. */
static int
load_key(const char *db_path, unsigned char *key, struct error *err)
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

	if (load_key(db_path, key, &err) != 0)
		return NULL;
	out = xmalloc(FEED_TOKEN_LEN + 1);
	feed_token(key, unit, out);
	explicit_bzero(key, sizeof(key));
	return out;
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
	sigset_t all, old;
	const char *tok;
	unsigned flags;
	int rc;

	*out = NULL;
	if ((rc = parse_listen(c->http.listen, &ai, err)) != 0)
		return rc;
	h = xcalloc(1, sizeof(*h));
	atomic_init(&h->requests, 0);
	h->db_path = xstrdup(db_path);
	h->remote = !is_loopback(ai->ai_addr);
	if ((tok = getenv("DEADLINED_HTTP_TOKEN")) != NULL && *tok != '\0')
		h->token = xstrdup(tok);
	if (h->remote && h->token == NULL)
		log_warnx("http: %s is not loopback and DEADLINED_HTTP_TOKEN is "
		    "unset: the dashboard and /api/ are refused",
		    c->http.listen);
	if ((rc = load_key(db_path, h->key, err)) != 0 ||
	    (rc = store_open(db_path, &h->st, err)) != 0)
		goto fail;
	flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* The server's thread inherits a mask blocking every signal: the
	 * daemon reads its signals from a signalfd, which only works when
	 * no thread can take them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	h->d = MHD_start_daemon(flags, 0, NULL, NULL, handle, h,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, h,	/* first, or ignored */
	    MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)64,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)8,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, completed, h,
	    MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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

/* Stop the thread, then free what it used. */
void
http_stop(struct http_server *h)
{
	if (h == NULL)
		return;
	if (h->d != NULL)
		MHD_stop_daemon(h->d);
	store_close(h->st);
	explicit_bzero(h->key, sizeof(h->key));
	free(h->token);
	free(h->db_path);
	free(h);
}
