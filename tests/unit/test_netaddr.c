/* Unit tests for netaddr: addresses of both families in one form, CIDR
 * ranges (IPv4 ones against IPv4-mapped IPv6 addresses), and the text a
 * bad range is refused with. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/netaddr.h"

static const struct {
	const char *range, *addr;
	bool in;
} matches[] = {
	{ "127.0.0.1", "127.0.0.1", true },
	{ "127.0.0.1", "127.0.0.2", false },
	{ "127.0.0.1", "::ffff:127.0.0.1", true },	/* on an IPv6 socket */
	{ "10.0.0.0/8", "10.255.1.2", true },
	{ "10.0.0.0/8", "11.0.0.1", false },
	{ "10.1.2.3/8", "10.9.9.9", true },		/* host bits ignored */
	{ "192.168.1.128/25", "192.168.1.200", true },
	{ "192.168.1.128/25", "192.168.1.127", false },
	{ "0.0.0.0/0", "203.0.113.9", true },
	{ "0.0.0.0/0", "2001:db8::1", false },		/* IPv4 only */
	{ "::/0", "2001:db8::1", true },
	{ "::1", "::1", true },
	{ "::1", "0:0::1", true },
	{ "::1", "127.0.0.1", false },
	{ "fd00::/8", "fd12:3456::1", true },
	{ "fd00::/8", "fe80::1", false },
	{ "2001:db8::/33", "2001:db8:7fff::1", true },
	{ "2001:db8::/33", "2001:db8:8000::1", false },
	{ "2001:DB8::1/128", "2001:db8::1", true },
};

static void
test_match(void **state)
{
	struct net_range r;
	unsigned char a[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(matches) / sizeof(matches[0]); i++) {
		print_message("# %s in %s\n", matches[i].addr, matches[i].range);
		assert_null(net_range_parse(matches[i].range, &r));
		assert_true(net_addr_parse(matches[i].addr, a));
		assert_int_equal(net_range_has(&r, a), matches[i].in);
	}
}

static void
test_bad(void **state)
{
	static const struct { const char *in, *why; } bad[] = {
		{ "proxy.example.org", "not an IP address" },
		{ "10.0.0.0/33", "not 0..32" },
		{ "::/129", "not 0..128" },
		{ "10.0.0.0/", "not a number" },
		{ "10.0.0.0/-1", "not a number" },
		{ "10.0.0.0/8x", "not 0..32" },
		{ "10.0.0", "not an IP address" },
		{ "[::1]", "not an IP address" },
		{ "fe80::1%eth0", "not an IP address" },
		{ "", "not an IP address" },
	};
	struct net_range r;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("# %s\n", bad[i].in);
		why = net_range_parse(bad[i].in, &r);
		assert_non_null(why);
		assert_non_null(strstr(why, bad[i].why));
	}
}

static void
test_format(void **state)
{
	unsigned char a[16];
	char out[64];

	(void)state;
	assert_true(net_addr_parse("198.51.100.7", a));
	net_addr_format(a, out, sizeof(out));
	assert_string_equal(out, "198.51.100.7");
	assert_true(net_addr_parse("::ffff:127.0.0.1", a));
	net_addr_format(a, out, sizeof(out));
	assert_string_equal(out, "127.0.0.1");
	assert_true(net_addr_parse("2001:DB8:0::1", a));
	net_addr_format(a, out, sizeof(out));
	assert_string_equal(out, "2001:db8::1");
	assert_false(net_addr_parse("1.2.3.4:80", a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
