/* digest: the few cryptographic functions the project needs (SHA-256,
 * HMAC-SHA256, a constant-time comparison) behind one header, whatever
 * library does them.  It is nettle: the daemon maps it anyway, through
 * libmicrohttpd's GnuTLS, where OpenSSL's libcrypto would add 1.4 MiB to
 * its resident memory.  Wiping secrets is explicit_bzero (libc). */
#ifndef DEADLINED_DIGEST_H
#define DEADLINED_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define DIGEST_LEN	32		/* bytes of SHA-256 and HMAC-SHA256 */
#define DIGEST_HEX_LEN	(2 * DIGEST_LEN)

void digest_sha256(const void *data, size_t len, unsigned char out[DIGEST_LEN]);
/* Lower-case hex SHA-256 of data into out (DIGEST_HEX_LEN + 1 bytes). */
void digest_sha256_hex(const void *data, size_t len, char *out);
void digest_hmac_sha256(const void *key, size_t keylen, const void *msg,
    size_t len, unsigned char out[DIGEST_LEN]);
/* md[0..DIGEST_LEN) as lower-case hex into out (DIGEST_HEX_LEN + 1 bytes). */
void digest_hex(const unsigned char md[DIGEST_LEN], char *out);
/* Whether a[0..n) equals b[0..n), in a time that depends on n alone. */
bool digest_equal(const void *a, const void *b, size_t n);
/* n bytes (at most DIGEST_RANDOM_MAX) from the kernel's CSPRNG into out,
 * as 2n lower-case hex digits and a NUL: tokens and message ids.  False
 * when the kernel gave none (never a weaker value).  Drawn from a
 * per-thread pool that getrandom fills 512 bytes at a time: a fan-out
 * makes two a message, and a system call each cost it more than its
 * SQL.  A pool is not shared with a child: the daemon's only one (the
 * delivery agent) execs at once. */
#define DIGEST_RANDOM_MAX 64
bool digest_random_hex(char *out, size_t n);

#endif
