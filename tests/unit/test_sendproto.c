/*
 * Tests for sendproto, over a real socketpair: every record type round
 * trips (NULL and empty strings, a payload with NUL bytes, the password);
 * a record arriving a byte at a time is taken only when whole; a 3 MiB
 * payload crosses a non-blocking socket in many flushes and reads; bad
 * lengths and truncated or mistyped fields are refused; a peer that is
 * gone gives EOF to a reader and EPIPE, not SIGPIPE, to a writer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "deliver/sendproto.h"

struct pair {
	struct sp_conn a, b;
};

static int
setup(void **state)
{
	struct pair *p = calloc(1, sizeof(*p));
	int sv[2];

	if (p == NULL || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return -1;
	sendproto_init(&p->a, sv[0]);
	sendproto_init(&p->b, sv[1]);
	*state = p;
	return 0;
}

static int
teardown(void **state)
{
	struct pair *p = *state;

	sendproto_close(&p->a);
	sendproto_close(&p->b);
	free(p);
	return 0;
}

/* Move everything a has to send over to b, and take b's next record. */
static void
transfer(struct pair *p, struct sp_rec *r)
{
	int got = 0;

	while (got == 0) {
		assert_int_equal(sendproto_flush(&p->a), 0);
		assert_true(sendproto_read(&p->b) > 0);
		got = sendproto_next(&p->b, r);
		assert_int_not_equal(got, -1);
	}
}

/* CONFIG carries the deliverer's options, NULL strings as NULL. */
static void
test_config(void **state)
{
	struct pair *p = *state;
	struct delivery_config in, out;
	struct sp_rec r;
	int level = -1;

	memset(&in, 0, sizeof(in));
	in.smtp.url = "smtps://mail.example.org:465";
	in.smtp.from = "督办提醒 <reminder@example.org>";
	in.smtp.username = "reminder";
	in.smtp.password = "s3cret";
	in.smtp.starttls = true;
	in.smtp.ca_file = "/etc/deadlined/office-ca.pem";
	in.smtp.timeout = 17;
	in.webhook_concurrency = 9;
	in.smtp.connections = 3;
	sendproto_put_config(&p->a, &in, 6);
	transfer(p, &r);
	assert_int_equal(r.type, SP_CONFIG);
	assert_true(sendproto_get_config(&r, &out, &level));
	assert_int_equal(level, 6);
	assert_string_equal(out.smtp.url, in.smtp.url);
	assert_string_equal(out.smtp.from, in.smtp.from);
	assert_string_equal(out.smtp.username, "reminder");
	assert_string_equal(out.smtp.password, "s3cret");
	assert_true(out.smtp.starttls);
	assert_string_equal(out.smtp.ca_file, "/etc/deadlined/office-ca.pem");
	assert_int_equal(out.smtp.timeout, 17);
	assert_int_equal(out.webhook_concurrency, 9);
	assert_int_equal(out.smtp.connections, 3);
	sendproto_config_free(&out);
	assert_null(out.smtp.password);
	assert_int_equal(sendproto_next(&p->b, &r), 0);
}

/* MESSAGE and OUTCOME round trip; a payload keeps its NUL bytes. */
static void
test_message_outcome_idle(void **state)
{
	struct pair *p = *state;
	static const char payload[] = "Subject: x\r\n\r\nbody\0with a NUL";
	struct outgoing in = { 42, CHAN_DINGTALK, "https://oapi.example/robot",
	    NULL, "/etc/deadlined/office-ca.pem", "msg_0123", payload, "",
	    sizeof(payload) - 1 }, m;
	struct outcome o, got;
	struct sp_rec r;
	int64_t id;

	sendproto_put_message(&p->a, &in);
	memset(&o, 0, sizeof(o));
	outcome_set(&o, OUTCOME_DEFERRED, "dingtalk: rate limit, held back %d s", 40);
	o.retry_after = 40;
	sendproto_put_outcome(&p->a, 42, &o);
	sendproto_put_idle(&p->a);

	transfer(p, &r);
	assert_true(sendproto_get_message(&r, &m));
	assert_int_equal(m.id, 42);
	assert_int_equal(m.channel, CHAN_DINGTALK);
	assert_string_equal(m.address, in.address);
	assert_null(m.secret);
	assert_string_equal(m.ca_file, "/etc/deadlined/office-ca.pem");
	assert_string_equal(m.ext_id, "msg_0123");
	assert_string_equal(m.title, "");
	assert_int_equal(m.len, sizeof(payload) - 1);
	assert_memory_equal(m.payload, payload, sizeof(payload) - 1);
	/* A MESSAGE is not an OUTCOME or a CONFIG. */
	assert_false(sendproto_get_outcome(&r, &id, &got));

	assert_int_equal(sendproto_next(&p->b, &r), 1);
	assert_true(sendproto_get_outcome(&r, &id, &got));
	assert_int_equal(id, 42);
	assert_int_equal(got.kind, OUTCOME_DEFERRED);
	assert_int_equal(got.retry_after, 40);
	assert_string_equal(got.error, "dingtalk: rate limit, held back 40 s");

	assert_int_equal(sendproto_next(&p->b, &r), 1);
	assert_int_equal(r.type, SP_IDLE);
	assert_true(r.p == r.end);
	assert_int_equal(sendproto_next(&p->b, &r), 0);
}

/* A record is taken only once its last byte is in. */
static void
test_byte_at_a_time(void **state)
{
	struct pair *p = *state;
	struct outgoing in = { 7, CHAN_EMAIL, "a@example.org", NULL, NULL,
	    "id@x", "hello", NULL, 5 }, m;
	struct sp_rec r;
	size_t i, len;

	sendproto_put_message(&p->a, &in);
	len = sendproto_pending(&p->a);
	for (i = 0; i < len; i++) {
		assert_int_equal(send(p->a.fd, p->a.out.s + i, 1, 0), 1);
		assert_true(sendproto_read(&p->b) > 0);
		assert_int_equal(sendproto_next(&p->b, &r), i + 1 == len);
	}
	assert_true(sendproto_get_message(&r, &m));
	assert_string_equal(m.payload, "hello");
	assert_null(m.title);
}

/* 3 MiB through a socket that takes far less at a time. */
static void
test_large_payload(void **state)
{
	struct pair *p = *state;
	size_t n = 3u << 20, i, flushes = 0;
	char *big = malloc(n);
	struct outgoing in = { 1, CHAN_MAILDIR, "var/mail", NULL, NULL, "x",
	    big, NULL, n }, m;
	struct sp_rec r;
	int got = 0;

	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	sendproto_put_message(&p->a, &in);
	while (got == 0) {
		assert_int_equal(sendproto_flush(&p->a), 0);
		flushes++;
		assert_true(sendproto_read(&p->b) > 0);
		got = sendproto_next(&p->b, &r);
	}
	assert_int_equal(got, 1);
	assert_true(flushes > 1);
	assert_int_equal(sendproto_pending(&p->a), 0);
	assert_true(sendproto_get_message(&r, &m));
	assert_int_equal(m.len, n);
	assert_memory_equal(m.payload, big, n);
	free(big);
}

/* Raw bytes as a record stream into b. */
static void
feed(struct pair *p, const void *bytes, size_t n)
{
	assert_int_equal(send(p->a.fd, bytes, n, 0), (ssize_t)n);
	assert_true(sendproto_read(&p->b) > 0);
}

/* A zero or huge length is no record stream. */
static void
test_bad_length(void **state)
{
	struct pair *p = *state;
	uint32_t len = 0;
	struct sp_rec r;

	feed(p, &len, sizeof(len));
	assert_int_equal(sendproto_next(&p->b, &r), -1);
	teardown(state);
	setup(state);
	p = *state;
	len = UINT32_MAX - 1;
	feed(p, &len, sizeof(len));
	assert_int_equal(sendproto_next(&p->b, &r), -1);
}

/* Fields cut short, strings without their NUL, a NUL inside a string,
 * kinds out of range: refused. */
static void
test_bad_fields(void **state)
{
	struct pair *p = *state;
	struct outgoing m;
	struct outcome o;
	struct sp_rec r;
	int64_t id;
	unsigned char rec[64];
	uint32_t len, slen;
	int64_t v;
	size_t k;

	/* OUTCOME: id, kind 9 (no such kind), 0, "" */
	k = sizeof(len);
	rec[k++] = SP_OUTCOME;
	v = 1; memcpy(rec + k, &v, 8); k += 8;
	v = 9; memcpy(rec + k, &v, 8); k += 8;
	v = 0; memcpy(rec + k, &v, 8); k += 8;
	slen = 0; memcpy(rec + k, &slen, 4); k += 4;
	rec[k++] = '\0';
	len = (uint32_t)(k - sizeof(len));
	memcpy(rec, &len, sizeof(len));
	feed(p, rec, k);
	assert_int_equal(sendproto_next(&p->b, &r), 1);
	assert_false(sendproto_get_outcome(&r, &id, &o));

	/* The same with kind 0 but the string's NUL missing. */
	v = 0; memcpy(rec + sizeof(len) + 1 + 8, &v, 8);
	rec[k - 1] = 'x';
	feed(p, rec, k);
	assert_int_equal(sendproto_next(&p->b, &r), 1);
	assert_false(sendproto_get_outcome(&r, &id, &o));

	/* Well formed at last. */
	rec[k - 1] = '\0';
	feed(p, rec, k);
	assert_int_equal(sendproto_next(&p->b, &r), 1);
	assert_true(sendproto_get_outcome(&r, &id, &o));
	assert_int_equal(o.kind, OUTCOME_SENT);

	/* A MESSAGE that stops after its id. */
	k = sizeof(len);
	rec[k++] = SP_MESSAGE;
	v = 5; memcpy(rec + k, &v, 8); k += 8;
	len = (uint32_t)(k - sizeof(len));
	memcpy(rec, &len, sizeof(len));
	feed(p, rec, k);
	assert_int_equal(sendproto_next(&p->b, &r), 1);
	assert_false(sendproto_get_message(&r, &m));
}

/* The peer's end closed: EOF for the reader, EPIPE (no SIGPIPE, which
 * would end this test) for the writer. */
static void
test_peer_gone(void **state)
{
	struct pair *p = *state;
	struct outgoing in = { 1, CHAN_EMAIL, "a@example.org", NULL, NULL, "x",
	    "hi", NULL, 2 };
	int rc = 0, i;

	close(p->b.fd);
	p->b.fd = -1;
	assert_int_equal(sendproto_read(&p->a), 0);
	/* The first send may still be taken by the kernel. */
	for (i = 0; i < 4 && rc == 0; i++) {
		sendproto_put_message(&p->a, &in);
		rc = sendproto_flush(&p->a);
	}
	assert_int_equal(rc, -1);
	assert_int_equal(errno, EPIPE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_message_outcome_idle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_payload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_gone, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
