/* server: what the HTTP endpoint's files share (http.c: the server,
 * routing, access and the small routes; ack.c: the acknowledgement pages;
 * feeds.c: the calendar feeds and their key): the server's state, the
 * request limits and the reply helpers.  Private to web/. */
#ifndef DEADLINED_SERVER_H
#define DEADLINED_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "base/util.h"
#include "plan/plan.h"
#include "store/acks.h"
#include "store/store.h"
#include "web/form.h"
#include "web/routes.h"

#define BODY_MAX	4096		/* bytes of a request body ... */
/* ... but the ack page's, which carries a progress report: what was done
 * (PROGRESS_TEXT_MAX characters), problems and next steps
 * (PROGRESS_MORE_MAX each), each character up to 12 bytes
 * percent-encoded (four UTF-8 bytes as %XX), and the field names. */
#define ACK_BODY_MAX	(12 * (PROGRESS_TEXT_MAX + 2 * PROGRESS_MORE_MAX) + 1024)
#define NOTE_MAX	500		/* characters of a note */
#define PROGRESS_SHOWN	20		/* earlier reports on the ack page */
#define AGENT_MAX	256		/* bytes of a User-Agent kept */
#define FORM_FIELDS	8
#define HTTP_STATUS_SLOTS 14	/* the statuses counted (http.c), and "other" */
#define KEY_LEN		32
#define ACK_FAIL_MAX	20		/* unknown ack tokens per address ... */
#define ACK_FAIL_WINDOW	60		/* ... per this many seconds */
#define ACK_FAIL_SLOTS	256		/* addresses remembered */
#define CONN_MAX	64		/* connections held (conns.c) ... */
#define CONN_PER_ADDR	8		/* ... and per address, proxies aside */
#define HEAD_MS		5000		/* ms for a request's head to arrive */
#define IDLE_SECS	5		/* s without a byte either way */

/* Failed /ack/ lookups of one client address in its current window. */
struct ack_fails {
	unsigned char addr[16];		/* IPv4 as v4-mapped IPv6 */
	long long window;		/* monotonic second the window began */
	unsigned count;
	bool used;
};

struct conns;

struct http_server {
	struct MHD_Daemon *d;
	struct conns *conns;		/* conns.c: limits, head deadlines */
	struct store *st;
	char *db_path;
	unsigned char key[KEY_LEN];	/* feed tokens */
	bool remote;			/* listening beyond loopback */
	char *token;			/* DEADLINED_HTTP_TOKEN, NULL: none */
	atomic_ulong requests;
	/* Answers by route and status (http_status_slot), counted when a
	 * request completes; the server's thread alone touches them. */
	unsigned long answers[ROUTE_COUNT][HTTP_STATUS_SLOTS];
	atomic_llong alive;		/* monotonic seconds of the loop's last turn */
	atomic_llong last_pass;		/* unix time of the last pass, 0: none */
	/* Guessing ack tokens: a fixed table, only touched by the server's
	 * single polling thread, so no lock. */
	struct ack_fails fails[ACK_FAIL_SLOTS];
	/* The daemon's configuration, for its units: each page counts the
	 * canonical units (recipients_canonical).  The daemon swaps it on a
	 * reload (http_set_config) before freeing the old one. */
	pthread_mutex_t cfg_lock;
	const struct config *cfg;
	char *trouble;			/* under cfg_lock: the database takes no
					 * writes (why), NULL: it does */
	char *damage;			/* under cfg_lock: the daemon's word of
					 * a damaged database, NULL: none */
	atomic_int checkin_months;	/* ongoing_months of cfg */
	int nudge;			/* eventfd: an answer came in */
	/* The plans as the pages see them and the board's cells, kept
	 * while what they were made from stays the same (the server's one
	 * thread alone touches them): a page then costs its own rendering,
	 * not a province's plan read from the database. */
	struct {
		const struct config *cfg;
		int64_t gen;
		struct plan **plans;
		size_t nplans;
		bool loaded;
		size_t acks, sent;
		int64_t requests;	/* requests_mark */
		int today, checkin;
		struct board_cell *cells;
		size_t ncells;
		bool counted;
		/* The plans' units and their feed tokens (feeds.c), made
		 * once for the plans: a feed request then costs a compare
		 * a unit, not an HMAC a unit of every measure. */
		struct feed_unit *feeds;
		size_t nfeeds;
		bool feeds_made;
	} cache;
};

/* What a connection accumulates until its request is complete. */
struct request {
	/* The client (access_client): the peer, or the address a trusted
	 * proxy forwarded for; 16 bytes, IPv4 mapped into IPv6. */
	unsigned char client[16];
	bool client_known;
	bool forwarded;		/* client is from X-Forwarded-For */
	bool https;		/* a trusted proxy said X-Forwarded-Proto: https
				 * (logged with the answer) */
	size_t len;
	size_t max;		/* the route's limit: BODY_MAX, ACK_BODY_MAX */
	bool too_big;
	enum route_id route;	/* ROUTE_NONE until matched */
	char *body;		/* len bytes, grown as they come */
};

/* Every response carries this Content-Security-Policy (http.c). */
extern const char http_csp[];

/* http.c: replies with the common headers, the client's address */
/* MHD_queue_response, noting the status for /metrics. */
enum MHD_Result http_queue(struct MHD_Connection *c, unsigned status,
    struct MHD_Response *r);
enum MHD_Result http_reply(struct MHD_Connection *c, unsigned status,
    const char *type, char *body, const char *allow);
enum MHD_Result http_reply_html(struct MHD_Connection *c, unsigned status,
    char *html);
/* 200 with len bytes of body (taken over) and a Content-Disposition. */
enum MHD_Result http_reply_file(struct MHD_Connection *c, const char *type,
    char *body, size_t len, const char *disposition);
struct web_filter;
/* The board's filters of the query string; false when one is malformed. */
bool http_filter(struct MHD_Connection *c, struct web_filter *f);
enum MHD_Result http_reply_error(struct MHD_Connection *c, unsigned status);
enum MHD_Result http_reply_fail(struct MHD_Connection *c,
    const struct error *err);
/* The same as {"status": N, "error": "Reason"}, for /api/. */
enum MHD_Result http_reply_json_error(struct MHD_Connection *c,
    unsigned status);
enum MHD_Result http_reply_json_fail(struct MHD_Connection *c,
    const struct error *err);
/* The active plans with each measure's canonical units, and the board's
 * cells of day today: borrowed from the server's cache, valid until the
 * next call (the server's thread only). */
int http_plans(struct http_server *h, struct plan *const **plans, size_t *n,
    struct error *err);
int http_board(struct http_server *h, int today,
    const struct board_cell **cells, size_t *n, struct error *err);
/* The connection's peer (a trusted proxy's, not its client's). */
const struct sockaddr *http_client_addr(struct MHD_Connection *c);

/* access.c: the Host check (DNS rebinding), the client behind trusted
 * proxies */
unsigned access_host(struct http_server *h, struct MHD_Connection *c,
    const char *version);
bool access_trusted(struct http_server *h, const unsigned char *peer);
void access_client(struct http_server *h, struct MHD_Connection *c,
    struct request *r);

/* conns.c: the connections: the accept policy (the limits), the
 * connection notifier, and the two ends of each request, which stop and
 * restart the clock of the head's deadline */
int conns_start(struct http_server *h, struct error *err);
void conns_stop(struct http_server *h);
enum MHD_Result conns_accept(void *cls, const struct sockaddr *addr,
    socklen_t len);
void conns_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode toe);
void conns_head_done(struct http_server *h, struct MHD_Connection *mc);
void conns_request_done(struct http_server *h, struct MHD_Connection *mc);
/* The status of the response last queued on mc's connection. */
void conns_note_status(struct MHD_Connection *mc, unsigned status);
unsigned conns_status(struct MHD_Connection *mc);

/* ack.c: the ack pages and the lockout of token guessers */
bool ack_note_ok(const char *note);
long long ack_blocked(struct http_server *h, const struct request *r);
void ack_failed(struct http_server *h, const struct request *r);
enum MHD_Result ack_reply_too_many(struct MHD_Connection *c, long long wait);
enum MHD_Result ack_route(struct http_server *h, struct MHD_Connection *c,
    const char *url, const char *token, bool post, const struct request *r);

/* review.c: the approval pages (/review/TOKEN) and the ack page's
 * extension form (a POST of kind=extend to /ack/TOKEN) */
enum MHD_Result review_route(struct http_server *h, struct MHD_Connection *c,
    const char *url, const char *token, bool post, const struct request *r);
bool review_is_extend(const struct request *r);
/* The checks of the two forms, over parsed fields: the extension's
 * (kind once, new_due a date, reason not blank, ack_note_ok) and the
 * decision's (decision approve, or reject with a note not blank; the
 * note ack_note_ok).  *reason and *note point into f. */
bool review_extend_form(const struct form_field *f, size_t n, int *new_due,
    const char **reason);
bool review_decision_form(const struct form_field *f, size_t n, bool *approve,
    const char **note);
enum MHD_Result review_extend(struct http_server *h, struct MHD_Connection *c,
    const struct ack_target *t, const struct request *r);

/* metrics.c: GET /metrics, and the slot of answers[][] for a status */
enum MHD_Result metrics_route(struct http_server *h, struct MHD_Connection *c);
size_t metrics_status_slot(unsigned status);

/* feeds.c: calendar feeds and their key */
struct feed_unit {
	const char *name;			/* into the cached plans */
	char token[FEED_TOKEN_LEN + 1];
};
void feeds_token(const unsigned char *key, const char *unit, char *out);
/* Forget the feed tokens made for the cached plans. */
void feeds_drop(struct http_server *h);
enum MHD_Result feeds_route(struct http_server *h, struct MHD_Connection *c,
    const char *token);

/* workbook.c: GET /ledger.xlsx, the ledger of the board's filters. */
enum MHD_Result workbook_route(struct http_server *h, struct MHD_Connection *c);
/* scores.c: GET / (the board with its 考评 of ?from=&to=) and GET
 * /api/v1/scores, for the board's filters; 400 for a malformed query. */
enum MHD_Result scores_board(struct http_server *h, struct MHD_Connection *c);
enum MHD_Result scores_route(struct http_server *h, struct MHD_Connection *c);
/* The ledger (store/ledger.h) of the board's cells of day today that F
 * shows, for F's period [from, to] (DATE_NONE: open): the cells in
 * *cells, those shown in *shown (its rows point at them: free it after
 * ledger_free).  0, or -1 with err. */
struct ledger;
int scores_ledger(struct http_server *h, int today, const struct web_filter *f,
    const struct board_cell **cells, size_t *n, struct board_cell **shown,
    struct ledger *l, struct error *err);
int feeds_load_key(const char *db_path, unsigned char *key, struct error *err);

#endif
