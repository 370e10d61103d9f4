/* Unit tests for the engine's routing (engine/route.c), apart from a
 * pass: a recipient's channels become one batch per channel and address,
 * each notice once in a batch even when a unit is reached twice (through
 * groups), current and skipped notices apart, the default maildir only
 * for a recipient with no channel of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "conf/config.h"
#include "engine/state.h"

static void
free_batches(struct batch *b, size_t nb)
{
	for (size_t i = 0; i < nb; i++)
		free(b[i].idx);
	free(b);
}

static void
test_channels_of_a_recipient(void **state)
{
	char *email[] = { "a@example.org", "b@example.org" };
	struct webhook hooks[] = {
		{ CHAN_DINGTALK, "https://oapi.example/robot?access_token=x",
		  NULL, NULL, 1 },
		{ CHAN_GENERIC, "https://hooks.example/in", "whsec_eA==", NULL,
		  2 },
	};
	struct recipient r = { .name = "法规处", .email = email, .nemail = 2,
	    .webhooks = hooks, .nwebhooks = 2, .maildir = "/var/mail/fg" };
	struct config c = { .maildir = "/var/mail/default" };
	struct batch *b = NULL;
	size_t nb = 0, cap = 0;

	(void)state;
	assert_true(route_add_channels(&c, &b, &nb, &cap, &r, true, 0));
	/* The same notice again (a group naming the unit too), another
	 * notice, and a skipped one. */
	assert_true(route_add_channels(&c, &b, &nb, &cap, &r, true, 0));
	assert_true(route_add_channels(&c, &b, &nb, &cap, &r, true, 3));
	assert_true(route_add_channels(&c, &b, &nb, &cap, &r, false, 4));
	assert_int_equal(nb, 10);	/* 5 addresses, current and not */
	assert_int_equal(b[0].channel, CHAN_EMAIL);
	assert_string_equal(b[0].address, "a@example.org");
	assert_int_equal(b[0].n, 2);
	assert_int_equal(b[0].idx[0], 0);
	assert_int_equal(b[0].idx[1], 3);
	assert_int_equal(b[2].channel, CHAN_DINGTALK);
	assert_int_equal(b[3].channel, CHAN_GENERIC);
	assert_int_equal(b[4].channel, CHAN_MAILDIR);
	assert_string_equal(b[4].address, "/var/mail/fg");
	for (size_t i = 5; i < 10; i++) {
		assert_false(b[i].current);
		assert_int_equal(b[i].n, 1);
		assert_int_equal(b[i].idx[0], 4);
	}
	free_batches(b, nb);
}

static void
test_default_maildir(void **state)
{
	struct recipient none = { .name = "办公室" };
	struct config c = { .maildir = "/var/mail/default" }, bare = { 0 };
	struct batch *b = NULL;
	size_t nb = 0, cap = 0;

	(void)state;
	assert_true(route_add_channels(&c, &b, &nb, &cap, &none, true, 7));
	assert_int_equal(nb, 1);
	assert_int_equal(b[0].channel, CHAN_MAILDIR);
	assert_string_equal(b[0].address, "/var/mail/default");
	free_batches(b, nb);
	b = NULL;
	nb = cap = 0;
	/* No channel anywhere: the caller sends it to admin instead. */
	assert_false(route_add_channels(&bare, &b, &nb, &cap, &none, true, 7));
	assert_int_equal(nb, 0);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_channels_of_a_recipient),
		cmocka_unit_test(test_default_maildir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
