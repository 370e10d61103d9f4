/* review: the approval pages behind each request's signed link
 * (/review/TOKEN: GET shows what is to be decided and records nothing,
 * POST records the decision, once), and the ack page's extension form
 * (a POST of kind=extend to /ack/TOKEN).  Unknown, tampered and expired
 * approval links get a plain 404 and count against the address, as
 * guessed ack tokens do. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/log.h"
#include "base/netaddr.h"
#include "base/text.h"
#include "store/requests.h"
#include "store/store.h"
#include "web/form.h"
#include "web/server.h"
#include "web/web.h"

/* Parse r's body, a urlencoded form, into f[0..*n); false when it is
 * none. */
static bool
parse_form(const struct request *r, struct form_field *f, size_t *n)
{
	return r->len > 0 && form_parse(r->body, r->len, f, FORM_FIELDS, n);
}

/* Whether the form's Content-Type is urlencoded. */
static bool
urlencoded(struct MHD_Connection *c)
{
	const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Content-Type");

	return type != NULL && strncasecmp(type,
	    "application/x-www-form-urlencoded", 33) == 0 &&
	    (type[33] == '\0' || type[33] == ';' || type[33] == ' ');
}

bool
review_is_extend(const struct request *r)
{
	struct form_field f[FORM_FIELDS];
	const char *k;
	size_t n;
	bool yes;

	if (!parse_form(r, f, &n))
		return false;
	k = form_get(f, n, "kind");
	yes = k != NULL && strcmp(k, "extend") == 0;
	form_free(f, n);
	return yes;
}

/* The measure a request or ack names, as stored, into *it (*v owns the
 * strings); *role the unit's role in it. */
static int
load_view(struct http_server *h, int64_t measure_id, const char *unit,
    int due, struct measure_view *v, struct web_item *it, enum role *role,
    struct error *err)
{
	bool found;
	int rc;

	memset(it, 0, sizeof(*it));
	memset(v, 0, sizeof(*v));
	it->unit = unit;
	it->due = due;
	*role = ROLE_RESPONSIBLE;
	pthread_mutex_lock(&h->cfg_lock);
	rc = store_measure_view(h->st, h->cfg, measure_id, unit, v, &found, err);
	pthread_mutex_unlock(&h->cfg_lock);
	if (rc != 0 || !found)
		return rc;
	it->plan_title = v->plan_title;
	it->task_no = v->task_no;
	it->task_title = v->task_title;
	it->measure = v->measure;
	it->deadline_text = v->deadline_text;
	if (v->has_role) {
		it->role = role_label(v->role);
		*role = v->role;
	}
	return 0;
}

/* The client as the log names it. */
static void
client_name(const struct request *r, char *ip, size_t len)
{
	if (r->client_known)
		net_addr_format(r->client, ip, len);
	else
		snprintf(ip, len, "unknown");
}

bool
review_extend_form(const struct form_field *f, size_t n, int *new_due,
    const char **reason)
{
	const char *to = form_get(f, n, "new_due");

	*reason = form_get(f, n, "reason");
	return form_count(f, n, "kind") == 1 &&
	    form_count(f, n, "new_due") == 1 &&
	    form_count(f, n, "reason") == 1 && date_parse(to, new_due) &&
	    !text_blank(*reason) && ack_note_ok(*reason);
}

enum MHD_Result
review_extend(struct http_server *h, struct MHD_Connection *c,
    const struct ack_target *t, const struct request *r)
{
	struct form_field f[FORM_FIELDS];
	struct unit_request q;
	struct measure_view view;
	struct web_item it;
	struct error err;
	const char *reason;
	enum MHD_Result rc;
	char ip[INET6_ADDRSTRLEN + 8];
	size_t n;
	int new_due;
	bool good;

	if (!urlencoded(c) || !parse_form(r, f, &n))
		return http_reply_error(c, 400);
	good = review_extend_form(f, n, &new_due, &reason);
	memset(&q, 0, sizeof(q));
	if (good) {
		q = (struct unit_request){ 0, REQUEST_EXTENSION, t->measure_id,
		    t->unit, ROLE_RESPONSIBLE, t->due, new_due, xstrdup(reason),
		    "web", REQUEST_PENDING, 0, 0, NULL };
	}
	form_free(f, n);
	if (!good)
		return http_reply_error(c, 400);
	if (load_view(h, t->measure_id, t->unit, t->due, &view, &it, &q.role,
	    &err) != 0) {
		rc = http_reply_fail(c, &err);
		goto out;
	}
	if (requests_add(h->st, &q, clock_now(), &err) != 0) {
		/* A date not later than the deadline, one waiting already:
		 * the unit's mistake, said on the page. */
		rc = err.code == EXIT_DATAERR ? http_reply_html(c, 422,
		    web_error_page(422, err.msg)) : http_reply_fail(c, &err);
		goto out;
	}
	client_name(r, ip, sizeof(ip));
	log_info("http: extension requested for measure %lld from %s "
	    "(request %lld)", (long long)t->measure_id, ip, (long long)q.id);
	(void)write(h->nudge, &(uint64_t){ 1 }, sizeof(uint64_t));
	rc = http_reply_html(c, 200, web_extend_recorded(&it, &q));
out:
	free(q.note);
	measure_view_free(&view);
	return rc;
}

bool
review_decision_form(const struct form_field *f, size_t n, bool *approve,
    const char **note)
{
	const char *d = form_get(f, n, "decision");

	*note = form_get(f, n, "note");
	if (form_count(f, n, "decision") != 1 || form_count(f, n, "note") > 1 ||
	    (*note != NULL && !ack_note_ok(*note)))
		return false;
	if (*note != NULL && text_blank(*note))
		*note = NULL;
	*approve = strcmp(d, "approve") == 0;
	/* A rejection (a return) says why. */
	return *approve || (strcmp(d, "reject") == 0 && *note != NULL);
}

/* Parse the approval form into *approve and a new *note (NULL: none);
 * false on anything unexpected. */
static bool
parse_review_form(struct MHD_Connection *c, const struct request *r,
    bool *approve, char **note)
{
	struct form_field f[FORM_FIELDS];
	const char *v;
	size_t n;
	bool ok;

	if (!urlencoded(c) || !parse_form(r, f, &n))
		return false;
	if ((ok = review_decision_form(f, n, approve, &v)))
		*note = v != NULL ? xstrdup(v) : NULL;
	form_free(f, n);
	return ok;
}

/* GET or POST /review/TOKEN. */
enum MHD_Result
review_route(struct http_server *h, struct MHD_Connection *c, const char *url,
    const char *token, bool post, const struct request *r)
{
	struct unit_request q;
	struct measure_view view;
	struct web_item it;
	struct error err;
	enum MHD_Result rc;
	enum role role;
	char ip[INET6_ADDRSTRLEN + 8], *note = NULL;
	int64_t id;
	bool found, approve = false;

	memset(&q, 0, sizeof(q));
	memset(&view, 0, sizeof(view));
	if (review_token_lookup(h->st, token, clock_now(), &id, &err) != 0) {
		if (err.code != EXIT_NOINPUT)
			return http_reply_fail(c, &err);
		ack_failed(h, r);
		return http_reply_error(c, 404);
	}
	if (post && !parse_review_form(c, r, &approve, &note))
		return http_reply_error(c, 400);
	if (requests_get(h->st, id, &q, &found, &err) != 0 || !found ||
	    load_view(h, q.measure_id, q.unit, q.due, &view, &it, &role,
	    &err) != 0) {
		rc = found ? http_reply_fail(c, &err) : http_reply_error(c, 404);
		goto out;
	}
	if (!post) {
		rc = http_reply_html(c, 200, web_review_page(&it, &q, url));
		goto out;
	}
	request_free(&q);
	if (requests_decide(h->st, id, approve, note, "web", clock_now(), &q,
	    &err) != 0) {
		rc = err.code == EXIT_CANTCREAT ? http_reply_html(c, 409,
		    web_review_decided(&it, &q, true)) : http_reply_fail(c, &err);
		goto out;
	}
	client_name(r, ip, sizeof(ip));
	log_info("http: request %lld %s from %s", (long long)id,
	    request_state_name(q.state), ip);
	(void)write(h->nudge, &(uint64_t){ 1 }, sizeof(uint64_t));
	rc = http_reply_html(c, 200, web_review_decided(&it, &q, false));
out:
	request_free(&q);
	measure_view_free(&view);
	free(note);
	return rc;
}
