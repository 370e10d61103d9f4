/* netaddr: IP addresses and CIDR ranges (RFC 4632), IPv4 kept as
 * IPv4-mapped IPv6 (RFC 4291, sect. 2.5.5.2) so one comparison serves
 * both families. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/netaddr.h"

bool
net_addr_parse(const char *s, unsigned char out[16])
{
	struct in_addr a4;

	if (inet_pton(AF_INET, s, &a4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &a4, 4);
		return true;
	}
	return inet_pton(AF_INET6, s, out) == 1;
}

bool
net_addr_from_sockaddr(const struct sockaddr *sa, unsigned char out[16])
{
	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		memcpy(out, &((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr, 16);
		return true;
	}
	return false;
}

void
net_addr_format(const unsigned char addr[16], char *out, size_t len)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	if (memcmp(addr, mapped, 12) == 0) {
		if (inet_ntop(AF_INET, addr + 12, out, (socklen_t)len) == NULL)
			snprintf(out, len, "unknown");
	} else if (inet_ntop(AF_INET6, addr, out, (socklen_t)len) == NULL)
		snprintf(out, len, "unknown");
}

const char *
net_range_parse(const char *s, struct net_range *r)
{
	const char *slash = strchr(s, '/');
	char host[64], *end;
	long bits;
	bool v4;

	if ((slash != NULL ? (size_t)(slash - s) : strlen(s)) >= sizeof(host))
		return "not an IP address";
	snprintf(host, sizeof(host), "%.*s",
	    (int)(slash != NULL ? slash - s : (long)strlen(s)), s);
	if (!net_addr_parse(host, r->addr))
		return "not an IP address or ADDRESS/LENGTH (no names)";
	v4 = strchr(host, ':') == NULL;
	r->bits = 128;
	if (slash == NULL)
		return NULL;
	if (slash[1] < '0' || slash[1] > '9')
		return "the prefix length is not a number";
	bits = strtol(slash + 1, &end, 10);
	if (*end != '\0' || bits > (v4 ? 32 : 128))
		return v4 ? "the prefix length is not 0..32" :
		    "the prefix length is not 0..128";
	r->bits = (unsigned)bits + (v4 ? 96 : 0);
	return NULL;
}

bool
net_range_has(const struct net_range *r, const unsigned char addr[16])
{
	unsigned full = r->bits / 8, rest = r->bits % 8;
	unsigned char mask;

	if (memcmp(r->addr, addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (unsigned char)(0xff << (8 - rest));
	return (r->addr[full] & mask) == (addr[full] & mask);
}
