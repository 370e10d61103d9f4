/* netaddr: IP addresses and CIDR ranges as 16 bytes (IPv4 mapped into
 * IPv6, ::ffff:a.b.c.d), for the HTTP server's trusted proxies and the
 * configuration's check of them.  No sockets, no name lookups. */
#ifndef DEADLINED_NETADDR_H
#define DEADLINED_NETADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* An address range: addr with its first bits bits significant. */
struct net_range {
	unsigned char addr[16];
	unsigned bits;		/* 0..128; an IPv4 /n is 96 + n */
};

/* A numeric IPv4 or IPv6 address (no brackets, no port, no zone) into
 * out; false when s is none. */
bool net_addr_parse(const char *s, unsigned char out[16]);
/* sa's address into out; false for a family other than IPv4 and IPv6. */
bool net_addr_from_sockaddr(const struct sockaddr *sa, unsigned char out[16]);
/* out as text (IPv4 for a mapped address), into len bytes (46 suffice). */
void net_addr_format(const unsigned char addr[16], char *out, size_t len);
/* ADDR or ADDR/LEN (0..32 for IPv4, 0..128 for IPv6), host bits allowed;
 * NULL when fine, else what is wrong. */
const char *net_range_parse(const char *s, struct net_range *r);
/* Whether addr lies in r. */
bool net_range_has(const struct net_range *r, const unsigned char addr[16]);

#endif
