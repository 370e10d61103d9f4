/*
 * Tests for digest: SHA-256 against FIPS 180-2's examples (and a million
 * "a"), HMAC-SHA256 against RFC 4231's test cases 1, 2 and 6 and an empty
 * key and message (Python's hmac), hex, the comparison, and random hex
 * (its shape, and no value twice across many refills of its pool).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/digest.h"
#include "base/util.h"

/* FIPS 180-2, appendix B; the empty string. */
static void
test_sha256(void **state)
{
	static const struct {
		const char *in, *hex;
	} v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[DIGEST_HEX_LEN + 1];
	size_t i, n = 1000000;
	char *a;

	(void)state;
	for (i = 0; i < ARRAY_LEN(v); i++) {
		digest_sha256_hex(v[i].in, strlen(v[i].in), hex);
		assert_string_equal(hex, v[i].hex);
	}
	digest_sha256_hex(NULL, 0, hex);
	assert_string_equal(hex, v[0].hex);
	assert_non_null(a = malloc(n));
	memset(a, 'a', n);
	digest_sha256_hex(a, n, hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* RFC 4231, sect. 4.2, 4.3 and 4.7 (a key longer than the block). */
static void
test_hmac_sha256(void **state)
{
	unsigned char key1[20], key6[131], md[DIGEST_LEN];
	char hex[DIGEST_HEX_LEN + 1];
	static const char msg6[] =
	    "Test Using Larger Than Block-Size Key - Hash Key First";

	(void)state;
	memset(key1, 0x0b, sizeof(key1));
	digest_hmac_sha256(key1, sizeof(key1), "Hi There", 8, md);
	digest_hex(md, hex);
	assert_string_equal(hex,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	digest_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, md);
	digest_hex(md, hex);
	assert_string_equal(hex,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key6, 0xaa, sizeof(key6));
	digest_hmac_sha256(key6, sizeof(key6), msg6, strlen(msg6), md);
	digest_hex(md, hex);
	assert_string_equal(hex,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	digest_hmac_sha256(NULL, 0, NULL, 0, md);
	digest_hex(md, hex);
	assert_string_equal(hex,
	    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

/* Equal, unequal in the first or last byte, and empty. */
static void
test_equal(void **state)
{
	unsigned char a[DIGEST_LEN], b[DIGEST_LEN];

	(void)state;
	digest_sha256("x", 1, a);
	memcpy(b, a, sizeof(b));
	assert_true(digest_equal(a, b, sizeof(a)));
	b[0] ^= 1;
	assert_false(digest_equal(a, b, sizeof(a)));
	b[0] ^= 1;
	b[DIGEST_LEN - 1] ^= 0x80;
	assert_false(digest_equal(a, b, sizeof(a)));
	assert_true(digest_equal(a, b, 0));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_random_hex(void **state)
{
	enum { N = 2000 };	/* 16 bytes each: 62 refills of the pool */
	static char buf[N][2 * 16 + 1];
	char *v[N], big[2 * DIGEST_RANDOM_MAX + 2] = "unchanged";
	size_t i, k, hist[16] = { 0 };

	(void)state;
	for (i = 0; i < N; i++) {
		assert_true(digest_random_hex(buf[i], i % 7 == 0 ? 5 : 16));
		/* Sizes that do not divide the pool: a draw spans no refill
		 * half-used. */
		if (i % 7 == 0)
			assert_true(digest_random_hex(buf[i], 16));
		assert_int_equal(strlen(buf[i]), 32);
		for (k = 0; k < 32; k++) {
			assert_non_null(strchr("0123456789abcdef", buf[i][k]));
			hist[buf[i][k] <= '9' ? buf[i][k] - '0' :
			    buf[i][k] - 'a' + 10]++;
		}
		v[i] = buf[i];
	}
	qsort(v, N, sizeof(v[0]), cmp_str);
	for (i = 1; i < N; i++)
		assert_string_not_equal(v[i - 1], v[i]);
	/* 64,000 digits, 4,000 expected of each: a stuck or biased pool
	 * shows far outside 3,500..4,500. */
	for (k = 0; k < 16; k++)
		assert_in_range(hist[k], 3500, 4500);
	assert_true(digest_random_hex(big, DIGEST_RANDOM_MAX));
	assert_int_equal(strlen(big), 2 * DIGEST_RANDOM_MAX);
	assert_false(digest_random_hex(big, DIGEST_RANDOM_MAX + 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_hmac_sha256),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_random_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
