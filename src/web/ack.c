/* ack: the acknowledgement pages behind each notice's signed link
 * (/ack/TOKEN): the item shown, the answer form read and checked, and
 * the lockout of addresses that guess tokens. */
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
#include "base/date.h"
#include "base/digest.h"
#include "base/netaddr.h"
#include "plan/export.h"
#include "web/form.h"
#include "web/http.h"
#include "base/json.h"
#include "base/log.h"
#include "store/outbox.h"
#include "store/pauses.h"
#include "store/store.h"
#include "base/text.h"
#include "web/web.h"
#include "web/server.h"
#include "store/tokens.h"

/* The page's item: the measure t names, as stored (*v owns the strings
 * that it points into); a retired measure leaves only the unit. */
static int
load_item(struct http_server *h, const struct ack_target *t,
    struct measure_view *v, struct web_item *it, struct error *err)
{
	bool found;
	int rc;

	memset(it, 0, sizeof(*it));
	it->unit = t->unit;
	it->due = t->due;
	pthread_mutex_lock(&h->cfg_lock);
	rc = store_measure_view(h->st, h->cfg, t->measure_id, t->unit, v,
	    &found, err);
	pthread_mutex_unlock(&h->cfg_lock);
	if (rc != 0 || !found)
		return rc;
	it->plan_title = v->plan_title;
	it->task_no = v->task_no;
	it->task_title = v->task_title;
	it->measure = v->measure;
	it->deadline_text = v->deadline_text;
	it->role = v->has_role ? role_label(v->role) : NULL;
	return 0;
}

/* Whether a note is acceptable: at most NOTE_MAX characters (the form
 * says so), no control characters but line breaks and tabs. */
bool
ack_note_ok(const char *note)
{
	return text_typed_ok(note, NOTE_MAX);
}

/* A progress report's fields as the form gave them (copies). */
struct progress_form {
	char *text, *percent, *problems, *next;
};

/* A copy of the form's one field name, NULL when absent; false when it
 * is there twice. */
static bool
one_field(const struct form_field *f, size_t n, const char *name, char **out)
{
	const char *v = form_get(f, n, name);

	*out = v != NULL ? xstrdup(v) : NULL;
	return form_count(f, n, name) <= 1;
}

static void
progress_form_free(struct progress_form *pf)
{
	free(pf->text);
	free(pf->percent);
	free(pf->problems);
	free(pf->next);
}

/* Parse the ack form; false on anything unexpected.  A progress report's
 * fields go to *pf, for acks_progress_read to judge. */
static bool
parse_ack_form(struct MHD_Connection *c, const struct request *r,
    enum ack_kind *kind, char **note, struct progress_form *pf)
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
	if (!form_parse(r->body != NULL ? r->body : "", r->len, f, FORM_FIELDS,
	    &n))
		return false;
	k = form_get(f, n, "kind");
	v = form_get(f, n, "note");
	if (form_count(f, n, "kind") != 1 || form_count(f, n, "note") > 1)
		goto out;
	if (strcmp(k, "ack") == 0)
		*kind = ACK_ACK;
	else if (strcmp(k, "done") == 0)
		*kind = ACK_DONE;
	else if (strcmp(k, "progress") == 0) {
		*kind = ACK_PROGRESS;
		ok = one_field(f, n, "text", &pf->text) &&
		    one_field(f, n, "percent", &pf->percent) &&
		    one_field(f, n, "problems", &pf->problems) &&
		    one_field(f, n, "next", &pf->next);
		goto out;
	} else
		goto out;
	if (v != NULL && !ack_note_ok(v))
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

/* The client's address as the table's key: IPv6 cut to its /64 (one
 * host usually holds a whole /64: count it as one); false when unknown. */
static bool
addr_key(const struct request *r, unsigned char *key)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	if (!r->client_known)
		return false;
	memcpy(key, r->client, 16);
	if (memcmp(key, mapped, 12) != 0)
		memset(key + 8, 0, 8);
	return true;
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
long long
ack_blocked(struct http_server *h, const struct request *r)
{
	unsigned char key[16];
	struct ack_fails *f;
	long long now = (long long)(clock_mono_ms() / 1000);

	if (!addr_key(r, key) ||
	    (f = fails_slot(h, key, false)) == NULL ||
	    now - f->window >= ACK_FAIL_WINDOW || f->count < ACK_FAIL_MAX)
		return 0;
	return f->window + ACK_FAIL_WINDOW - now;
}

/* Count one unknown token from the client. */
void
ack_failed(struct http_server *h, const struct request *r)
{
	unsigned char key[16];
	struct ack_fails *f;
	long long now = (long long)(clock_mono_ms() / 1000);

	if (!addr_key(r, key))
		return;
	f = fails_slot(h, key, true);
	if (f->count == 0 || now - f->window >= ACK_FAIL_WINDOW) {
		f->window = now;
		f->count = 0;
	}
	f->count++;
}

/* 429 with Retry-After. */
enum MHD_Result
ack_reply_too_many(struct MHD_Connection *c, long long wait)
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
	MHD_add_response_header(r, "Content-Security-Policy", http_csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Retry-After", secs);
	rc = http_queue(c, 429, r);
	MHD_destroy_response(r);
	return rc;
}

/* GET or POST /ack/TOKEN. */
enum MHD_Result
ack_route(struct http_server *h, struct MHD_Connection *c, const char *url,
    const char *token, bool post, const struct request *r)
{
	struct ack_target t;
	struct ack_record rec;
	struct web_item it;
	struct measure_view view;
	struct error err;
	enum answer ans;
	enum ack_kind kind = ACK_ACK;
	enum MHD_Result rc;
	struct progress_form pf = { NULL, NULL, NULL, NULL };
	struct ack_progress prog;
	enum progress_fault fault = PROGRESS_OK;
	struct progress_row *reports = NULL;
	size_t nreports = 0;
	char ip[INET6_ADDRSTRLEN + 8], *note = NULL, *agent = NULL;
	bool review, waiting;

	memset(&t, 0, sizeof(t));
	memset(&view, 0, sizeof(view));
	/* The lookup is by the token's SHA-256 in SQL: no comparison of
	 * secrets in C to time, and a stored hash is no usable token. */
	if (token_lookup(h->st, token, &t, &err) != 0) {
		if (err.code != EXIT_NOINPUT)
			return http_reply_fail(c, &err);
		ack_failed(h, r);
		return http_reply_error(c, 404);
	}
	if (post && review_is_extend(r)) {
		rc = review_extend(h, c, &t, r);
		ack_target_free(&t);
		return rc;
	}
	if (post && !parse_ack_form(c, r, &kind, &note, &pf)) {
		progress_form_free(&pf);
		ack_target_free(&t);
		return http_reply_error(c, 400);
	}
	/* A report that fails its checks: the page says which field. */
	if (post && kind == ACK_PROGRESS && (fault = acks_progress_read(&prog,
	    pf.text, pf.percent, pf.problems, pf.next)) != PROGRESS_OK) {
		progress_form_free(&pf);
		ack_target_free(&t);
		return http_reply_html(c, 400, web_progress_refused(fault, url));
	}
	if (load_item(h, &t, &view, &it, &err) != 0) {
		rc = http_reply_fail(c, &err);
		goto out;
	}
	if (post) {
		/* The client's, a trusted proxy's forwarded one included. */
		if (r->client_known)
			net_addr_format(r->client, ip, sizeof(ip));
		else
			snprintf(ip, sizeof(ip), "unknown");
		agent = user_agent(c);
		rec = (struct ack_record){ .kind = kind, .source = ACK_WEB,
		    .note = note, .remote = ip, .agent = agent,
		    .progress = kind == ACK_PROGRESS ? &prog : NULL };
		pthread_mutex_lock(&h->cfg_lock);
		review = h->cfg->schedule.review;
		pthread_mutex_unlock(&h->cfg_lock);
		if (acks_record_answer(h->st, &t, &rec, view.has_role ?
		    view.role : ROLE_RESPONSIBLE, review, clock_now(),
		    &waiting, &err) != 0) {
			rc = http_reply_fail(c, &err);
			goto out;
		}
		log_info("http: %s recorded for measure %lld from %s%s%s",
		    ack_kind_name(kind), (long long)t.measure_id, ip,
		    waiting ? " (waits for review)" : "",
		    !r->forwarded ? "" : r->https ? " (through a proxy, https)" :
		    " (through a proxy)");
		/* The daemon's loop runs a pass: the answer takes effect now,
		 * and the board's counts follow it. */
		(void)write(h->nudge, &(uint64_t){ 1 }, sizeof(uint64_t));
		rc = http_reply_html(c, 200, waiting ? web_done_waiting(&it, note) :
		    web_ack_recorded(&it, kind, note, kind == ACK_PROGRESS ?
		    &prog : NULL));
	} else {
		/* The requests are few (people's asks): all of them, read
		 * through the one home of what they mean for an item. */
		struct request_set *rs = NULL;
		struct pause_set *ps = NULL;
		const struct pause_row *pr;
		struct ack_standing sd;
		int orig, moved;

		if (acks_answer(h->st, t.measure_id, t.unit, t.due, &ans,
		    &err) != 0 || acks_progress_list(h->st, t.measure_id, t.unit,
		    t.due, PROGRESS_SHOWN, &reports, &nreports, &err) != 0 ||
		    request_set_load(h->st, &rs, &err) != 0 ||
		    pause_set_load(h->st, &ps, &err) != 0) {
			request_set_free(rs);
			rc = http_reply_fail(c, &err);
			goto out;
		}
		orig = request_set_original(rs, t.measure_id, t.unit, t.due);
		moved = request_set_due(rs, t.measure_id, t.unit, orig);
		pr = pause_set_find(ps, t.measure_id, t.unit,
		    clock_local_day(clock_now()));
		sd = (struct ack_standing){ ans,
		    request_set_review(rs, t.measure_id, t.unit, orig),
		    moved != orig ? moved : DATE_NONE,
		    pr != NULL ? pr->until : DATE_NONE,
		    pr != NULL ? pr->reason : NULL };
		rc = http_reply_html(c, 200, web_ack_page(&it, &sd, url, reports,
		    nreports));
		pause_set_free(ps);
		request_set_free(rs);
	}
out:
	progress_rows_free(reports, nreports);
	progress_form_free(&pf);
	measure_view_free(&view);
	ack_target_free(&t);
	free(note);
	free(agent);
	return rc;
}
