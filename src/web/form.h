/* form: application/x-www-form-urlencoded bodies (the WHATWG URL
 * standard's "application/x-www-form-urlencoded parsing"): fields split on
 * '&', name and value on the first '=', '+' as space, %XX decoded.  Strict
 * where the standard is lenient, because the input is untrusted: a bad
 * %XX, a decoded NUL or invalid UTF-8 rejects the whole body. */
#ifndef DEADLINED_FORM_H
#define DEADLINED_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct form_field {
	char *name;		/* decoded, NUL-terminated, valid UTF-8 */
	char *value;		/* "" when the field has no '=' or is empty */
};

/* Parse body[0..len) into out[0..max), setting *n.  False (and nothing
 * left allocated) on a malformed body or more than max fields.  Empty
 * pieces ("a=1&&b=2") are skipped; duplicate names are all kept, in
 * order, for the caller to judge (form_count). */
bool form_parse(const char *body, size_t len, struct form_field *out,
    size_t max, size_t *n);
void form_free(struct form_field *f, size_t n);

/* The value of the first field called name, or NULL. */
const char *form_get(const struct form_field *f, size_t n, const char *name);
/* How many fields are called name. */
size_t form_count(const struct form_field *f, size_t n, const char *name);

/* Decode one percent-encoded component s[0..len) (with '+' as space when
 * plus is true) into a new string; NULL on a bad %XX, a NUL or invalid
 * UTF-8. */
char *form_decode(const char *s, size_t len, bool plus);

#endif
