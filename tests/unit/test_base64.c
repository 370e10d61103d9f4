/*
 * Tests for base64: the RFC 4648 (sect. 10) vectors both ways, bytes that
 * use "+" and "/", a round trip over every length up to 300, and inputs
 * the strict decoder must refuse (bad length, characters, padding, pad
 * bits) while leaving its output as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/base64.h"
#include "base/util.h"

/* RFC 4648, sect. 10, and a few more checked with Python's base64. */
static const struct {
	const char *data;
	size_t len;
	const char *enc;
} vectors[] = {
	{ "", 0, "" },
	{ "f", 1, "Zg==" },
	{ "fo", 2, "Zm8=" },
	{ "foo", 3, "Zm9v" },
	{ "foob", 4, "Zm9vYg==" },
	{ "fooba", 5, "Zm9vYmE=" },
	{ "foobar", 6, "Zm9vYmFy" },
	{ "\xfb\xff", 2, "+/8=" },			/* b64encode(b"\xfb\xff") */
	{ "\x00\x00\x00", 3, "AAAA" },
	{ "\xff\xff\xff", 3, "////" },
	{ "\x00", 1, "AA==" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 6, "5Lit5paH" },	/* "中文" */
};

/* Each vector encodes to its text and decodes back to its bytes. */
static void
test_vectors(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(vectors); i++) {
		buf_reset(&b);
		base64_encode(&b, vectors[i].data, vectors[i].len);
		if (strcmp(buf_str(&b), vectors[i].enc) != 0)
			print_error("encode #%zu: \"%s\", want \"%s\"\n", i,
			    buf_str(&b), vectors[i].enc);
		assert_string_equal(buf_str(&b), vectors[i].enc);

		buf_reset(&b);
		assert_true(base64_decode(vectors[i].enc, &b));
		assert_int_equal(b.len, vectors[i].len);
		assert_memory_equal(buf_str(&b), vectors[i].data,
		    vectors[i].len);
	}
	buf_free(&b);
}

/* Both functions append to what the buf already holds. */
static void
test_appends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "x:");
	base64_encode(&b, "foo", 3);
	assert_string_equal(buf_str(&b), "x:Zm9v");
	assert_true(base64_decode("YmFy", &b));
	assert_string_equal(buf_str(&b), "x:Zm9vbar");
	buf_free(&b);
}

/* Every length 0..300 of bytes 0..255 survives a round trip, and the
 * encoding has the length 4 * ceil(n / 3) with only alphabet and '='. */
static void
test_round_trip(void **state)
{
	unsigned char data[300];
	struct buf enc = BUF_INIT, dec = BUF_INIT;
	size_t n, i;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 131 + 7);
	for (n = 0; n <= sizeof(data); n++) {
		buf_reset(&enc);
		buf_reset(&dec);
		base64_encode(&enc, data, n);
		assert_int_equal(enc.len, (n + 2) / 3 * 4);
		assert_int_equal(strspn(buf_str(&enc), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789+/="), enc.len);
		assert_true(base64_decode(buf_str(&enc), &dec));
		assert_int_equal(dec.len, n);
		if (n > 0)
			assert_memory_equal(dec.s, data, n);
	}
	buf_free(&enc);
	buf_free(&dec);
}

/* Inputs the decoder refuses. */
static const char *const invalid[] = {
	"Z",		/* length not a multiple of 4 */
	"Zg",
	"Zg=",
	"Zm9vY",
	"====",		/* padding only */
	"Z===",		/* three pad characters */
	"=Zg=",		/* padding first */
	"Zg==Zg==",	/* padding inside */
	"Z=g=",
	"Zh==",		/* non-zero pad bits (RFC 4648, sect. 3.5) */
	"Zm9=",
	"Zm-v",		/* the URL alphabet is not this one */
	"Zm_v",
	"Zm9v\n",	/* line breaks and spaces */
	"Zm 9",
	"Zm9v\r\nYmFy",
	"Zm9\x80",	/* bytes outside ASCII */
	"Zm9.",
};

/* Each invalid input fails and leaves the output as it was. */
static void
test_invalid(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;
	bool ok;

	(void)state;
	for (i = 0; i < ARRAY_LEN(invalid); i++) {
		buf_reset(&b);
		buf_puts(&b, "keep");
		ok = base64_decode(invalid[i], &b);
		if (ok)
			print_error("accepted invalid #%zu \"%s\"\n", i,
			    invalid[i]);
		assert_false(ok);
		assert_int_equal(b.len, 4);
		assert_string_equal(buf_str(&b), "keep");
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
