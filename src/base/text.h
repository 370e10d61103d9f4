/* text: UTF-8 checks and decoding, display widths, whitespace and digit
 * normalisation, and Chinese numerals.  Plan text is untrusted: nothing
 * here assumes valid input without checking. */
#ifndef DEADLINED_TEXT_H
#define DEADLINED_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Check that s[0..len) is valid UTF-8 (no overlongs, no surrogates).
 * On failure *bad (when not NULL) is the offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Decode one code point at *p (before end) and advance *p past it.
 * Returns -1 (and advances one byte) on an invalid sequence. */
int32_t utf8_next(const char **p, const char *end);

/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_put(uint32_t cp, char *out);

/* The longest prefix of s[0..len) of at most max bytes that does not end
 * inside a character: where to cut text to a byte limit. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* Whether s is text a person typed into a form: valid UTF-8 of at most
 * max characters (a line break sent as CR LF counts as one, as a
 * textarea's maxlength counts it), no control characters but line
 * breaks and tabs. */
bool text_typed_ok(const char *s, size_t max);

/* Whitespace as far as plan text goes: ASCII space and controls,
 * NBSP, the ideographic space U+3000 and the other Unicode spaces. */
bool text_is_space(uint32_t cp);

/* A Chinese character (CJK ideographs and their extensions), not the
 * full-width punctuation after which nobody writes a space. */
bool text_is_han(int32_t cp);

/* Columns a code point takes in a CJK typeset line: 2 for wide and
 * full-width characters and for the quotes and dashes that Chinese
 * typesetting sets full-width, 1 otherwise. */
int text_cp_width(uint32_t cp);
/* Sum of text_cp_width over the string. */
int text_width(const char *s);

/* Whether s is empty or all whitespace (text_squash would give ""). */
bool text_blank(const char *s);

/* New string: s without leading or trailing whitespace and with every
 * inner run of whitespace folded to one ASCII space. */
char *text_squash(const char *s);
/* The same for the n bytes at s. */
char *text_squashn(const char *s, size_t n);
/* Whether a and b hold the same characters once their whitespace is
 * dropped: what text_squash of each must share to be equal apart from
 * where the spaces stand (a cheap test before a line is cut up). */
bool text_same_ink(const char *a, const char *b);

/* New string for matching: full-width ASCII (U+FF01..U+FF5E) folded to
 * ASCII and every whitespace character removed. */
char *text_fold(const char *s);
/* text_fold into buf (size bytes) without allocating; false, stopping
 * early with what fitted in buf, when it does not fit. */
bool text_fold_to(const char *s, char *buf, size_t size);
/* The first character of text_fold(s) (0 when it is empty, -1 when it
 * starts with an invalid byte), without building it: a cheap test before
 * folding a string that most strings fail. */
int32_t text_fold_first(const char *s);

/* Parse a number written in Arabic digits or Chinese numerals
 * (〇 一 二 两 三 … 九 十 百, e.g. 十, 十二, 二十一, 一百) at the start
 * of s (already folded by text_fold).  Returns the value and sets *len
 * to the bytes used, or returns -1 when s does not start with one. */
int text_number(const char *s, size_t *len);
/* n digits written one by one, in Arabic or Chinese digits (2026,
 * 二〇二六, ○ for 〇 as it is often typed) at the start of s: their
 * value and, in *len, their bytes; -1 when s does not start so. */
int text_digits(const char *s, int n, size_t *len);

/* The edit distance (insertions, deletions, substitutions and swaps of
 * two neighbours, by bytes) between a and b; strings longer than 63
 * bytes count as far from everything. */
size_t text_distance(const char *a, const char *b);

/* True when s starts with prefix; *rest (when not NULL) gets what follows. */
bool text_starts(const char *s, const char *prefix, const char **rest);
/* True when s ends with suffix. */
bool text_ends(const char *s, const char *suffix);
/* True when s starts with, or is exactly, one of the NULL-terminated
 * list. */
bool text_starts_any(const char *s, const char *const *list);
bool text_equals_any(const char *s, const char *const *list);
/* True when s holds one of the NULL-terminated list anywhere. */
bool text_holds_any(const char *s, const char *const *list);
/* FNV-1a, the one hash of the tables of names and of keys that must stay
 * the same from run to run (a notice's, a mail's boundary): n bytes at
 * p hashed on from h, which starts at TEXT_HASH_SEED. */
#define TEXT_HASH_SEED UINT64_C(14695981039346656037)
uint64_t text_hash_mem(uint64_t h, const void *p, size_t n);
/* s's bytes hashed from TEXT_HASH_SEED. */
size_t text_hash(const char *s);

#endif
