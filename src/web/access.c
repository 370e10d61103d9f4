/* access: who is asking, and for which host.  The Host check answers
 * DNS rebinding (a page of rebind.attacker.example whose name is turned
 * to 127.0.0.1 reads our pages as its own origin; the name it used is
 * still in Host, RFC 9110, sect. 7.2); the client's address believes
 * X-Forwarded-For and X-Forwarded-Proto from the trusted proxies only,
 * so that the lockout of token guessers and the ack log see clients,
 * not the proxy, and a forged header from anyone else changes nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/netaddr.h"
#include "conf/config.h"
#include "web/server.h"

#define HOST_MAX	256	/* bytes of a host name (DNS: 253) */
#define XFF_MAX		4096	/* bytes of X-Forwarded-For read */

/* The host of "HOST", "HOST:PORT", "[IPv6]" or "[IPv6]:PORT" into out,
 * without brackets, port or a final dot; false when v is none of them. */
static bool
host_part(const char *v, char *out, size_t len)
{
	const char *start = v, *end, *rest;
	size_t n;

	if (*v == '[') {
		start = v + 1;
		if ((end = strchr(start, ']')) == NULL)
			return false;
		rest = end + 1;
	} else {
		end = strchr(v, ':');
		if (end == NULL)
			end = v + strlen(v);
		rest = end;
	}
	if (*rest == ':') {
		rest++;
		if (strspn(rest, "0123456789") != strlen(rest))
			return false;	/* bare IPv6, or not a port */
	} else if (*rest != '\0')
		return false;
	n = (size_t)(end - start);
	if (n > 1 && start[n - 1] == '.')
		n--;		/* "localhost." is localhost */
	if (n == 0 || n >= len)
		return false;
	memcpy(out, start, n);
	out[n] = '\0';
	return true;
}

/* Whether hosts a and b (host_part's) are the same: addresses by value
 * (::1 is 0::1), names without regard to case (RFC 4343). */
static bool
same_host(const char *a, const char *b)
{
	unsigned char x[16], y[16];

	if (net_addr_parse(a, x) && net_addr_parse(b, y))
		return memcmp(x, y, 16) == 0;
	return strcasecmp(a, b) == 0;
}

/* The host of URL u (scheme://[userinfo@]host[:port][/...]) into out. */
static bool
url_host(const char *u, char *out, size_t len)
{
	const char *p = strstr(u, "://"), *end, *at;
	char auth[HOST_MAX + 16];
	size_t n;

	if (p == NULL)
		return false;
	p += 3;
	end = p + strcspn(p, "/?#");
	if ((at = memchr(p, '@', (size_t)(end - p))) != NULL)
		p = at + 1;
	if ((n = (size_t)(end - p)) >= sizeof(auth))
		return false;
	memcpy(auth, p, n);
	auth[n] = '\0';
	return host_part(auth, out, len);
}

/* Whether host is the unspecified address (0.0.0.0, ::). */
static bool
unspecified(const char *host)
{
	static const unsigned char v4any[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff, 0, 0, 0, 0 }, v6any[16];
	unsigned char a[16];

	return net_addr_parse(host, a) &&
	    (memcmp(a, v4any, 16) == 0 || memcmp(a, v6any, 16) == 0);
}

/* 0 when the request's Host is one this server answers for, else the
 * status to answer with.  Served: public_url's host, the listen address,
 * localhost and http.allowed_hosts; with a listen address of every
 * interface ("0.0.0.0:PORT", "[::]:PORT") any address too, for the
 * machine's addresses are not known here.  An address written as Host
 * cannot be rebound (the attacker's page would have to come from that
 * very address), a name can.  Anything else: 421.
 *
 * Without Host: HTTP/1.1 requires it, and a request lacking it gets 400
 * (RFC 9112, sect. 3.2).  An HTTP/1.0 request without one is served:
 * browsers never send one (fetch and XMLHttpRequest always set Host), so
 * it cannot come from a rebinding page, and scripts and probes speaking
 * HTTP/1.0 keep working, under the same access rules as everyone. */
unsigned
access_host(struct http_server *h, struct MHD_Connection *c,
    const char *version)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	char host[HOST_MAX], want[HOST_MAX];
	unsigned char a[16];
	const struct config *cfg;
	bool ok = false;
	size_t i;

	if (v == NULL)
		return strcmp(version, MHD_HTTP_VERSION_1_0) == 0 ? 0 :
		    MHD_HTTP_BAD_REQUEST;
	if (!host_part(v, host, sizeof(host)))
		return MHD_HTTP_MISDIRECTED_REQUEST;
	if (strcasecmp(host, "localhost") == 0)
		return 0;
	pthread_mutex_lock(&h->cfg_lock);
	cfg = h->cfg;
	if (url_host(cfg->http.public_url, want, sizeof(want)) &&
	    same_host(host, want))
		ok = true;
	if (!ok && host_part(cfg->http.listen, want, sizeof(want)) &&
	    (same_host(host, want) ||
	    (unspecified(want) && net_addr_parse(host, a))))
		ok = true;
	for (i = 0; !ok && i < cfg->http.nallowed_hosts; i++)
		ok = host_part(cfg->http.allowed_hosts[i], want, sizeof(want)) &&
		    same_host(host, want);
	pthread_mutex_unlock(&h->cfg_lock);
	return ok ? 0 : MHD_HTTP_MISDIRECTED_REQUEST;
}

/* Whether addr is one of http.trusted_proxies (the lock is held). */
static bool
trusted(const struct config *cfg, const unsigned char *addr)
{
	struct net_range r;
	size_t i;

	for (i = 0; i < cfg->http.ntrusted_proxies; i++)
		if (net_range_parse(cfg->http.trusted_proxies[i], &r) == NULL &&
		    net_range_has(&r, addr))
			return true;
	return false;
}

/* Whether peer is one of http.trusted_proxies. */
bool
access_trusted(struct http_server *h, const unsigned char *peer)
{
	bool yes;

	pthread_mutex_lock(&h->cfg_lock);
	yes = trusted(h->cfg, peer);
	pthread_mutex_unlock(&h->cfg_lock);
	return yes;
}

/* Every X-Forwarded-For header of the request, joined by commas as one
 * list (RFC 9110, sect. 5.3), in the order received. */
struct xff {
	struct buf b;
	bool too_long;		/* a list this long is no proxy's: none */
};

static enum MHD_Result
join_xff(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct xff *x = cls;

	(void)kind;
	if (key == NULL || value == NULL ||
	    strcasecmp(key, "X-Forwarded-For") != 0)
		return MHD_YES;
	if (x->b.len + strlen(value) + 1 > XFF_MAX) {
		x->too_long = true;
		return MHD_NO;
	}
	if (x->b.len > 0)
		buf_putc(&x->b, ',');
	buf_puts(&x->b, value);
	return MHD_YES;
}

/* One element of X-Forwarded-For, "ADDR", "ADDR:PORT" or "[ADDR]:PORT"
 * with white space around, as an address. */
static bool
xff_addr(const char *p, size_t n, unsigned char *out)
{
	char e[64], host[64];

	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(e))
		return false;
	memcpy(e, p, n);
	e[n] = '\0';
	if (net_addr_parse(e, out))		/* plain, IPv6 too */
		return true;
	return host_part(e, host, sizeof(host)) && net_addr_parse(host, out);
}

/* The request's client into r: the connection's peer, or, when the peer
 * is a trusted proxy, the rightmost address of X-Forwarded-For that is
 * not itself a trusted proxy (each proxy appends the address it got the
 * request from, so the entries left of it are the client's to forge and
 * are never read).  When every entry is trusted, the leftmost; when the
 * one to believe is no address, the nearest proxy (the proxy's fault,
 * not the client's: the client cannot write right of it). */
void
access_client(struct http_server *h, struct MHD_Connection *c,
    struct request *r)
{
	struct xff xff = { BUF_INIT, false };
	const struct config *cfg;
	const char *s, *end, *comma, *proto;
	unsigned char a[16];

	r->client_known = net_addr_from_sockaddr(http_client_addr(c),
	    r->client);
	r->forwarded = r->https = false;
	if (!r->client_known)
		return;
	pthread_mutex_lock(&h->cfg_lock);
	cfg = h->cfg;
	if (cfg->http.ntrusted_proxies == 0 || !trusted(cfg, r->client)) {
		pthread_mutex_unlock(&h->cfg_lock);
		return;
	}
	proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Forwarded-Proto");
	r->https = proto != NULL && strcasecmp(proto, "https") == 0;
	if (MHD_get_connection_values(c, MHD_HEADER_KIND, join_xff, &xff) >= 0 &&
	    xff.b.len > 0 && !xff.too_long) {
		s = buf_str(&xff.b);
		end = s + xff.b.len;
		while (end > s) {
			comma = end;
			while (comma > s && comma[-1] != ',')
				comma--;
			if (!xff_addr(comma, (size_t)(end - comma), a))
				break;
			memcpy(r->client, a, 16);
			r->forwarded = true;
			if (!trusted(cfg, a))
				break;
			end = comma > s ? comma - 1 : s;
		}
	}
	pthread_mutex_unlock(&h->cfg_lock);
	buf_free(&xff.b);
}
