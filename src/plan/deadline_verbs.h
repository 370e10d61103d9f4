/* deadline_verbs: what is due by a date, said after it (6月底前|出台实施方案,
 * 年底前|全面完成验收, 每月|报送进展): where it starts and its verb.
 * Part of the deadline grammar (deadline.c); its words are
 * deadline_forms'. */
#ifndef DEADLINED_DEADLINE_VERBS_H
#define DEADLINED_DEADLINE_VERBS_H

#include <stdbool.h>
#include <stddef.h>

/* s past one of deadline_done_adverbs (全面完成: 完成), or s. */
const char *deadline_done_adverb(const char *s);

/* Whether a word that ends a deadline before its verb ends [s, p):
 * 前, 底, 末, 日, 年, 季度 ...; 月 and 月份 only after a number (4月启动;
 * 每月开展 is a measure's text). */
bool deadline_after_word(const char *s, const char *p);

/* The verb that starts p (出台实施方案, 全面完成验收): one of
 * deadline_date_verbs or 完成 (of deadline_report_verbs only when
 * report), after an optional adverb of deadline_done_adverbs, then an
 * object (deadline_verb_object); NULL when none does. */
const char *deadline_verb_at(const char *p, bool report);

/* Where in s what is due by its date starts, with *verb: right after
 * a deadline word (or the head of every period, for a report's verb
 * only: 每月|报送进展, 每周五|报送), deadline_verb_at; the earliest
 * such place, or -1. */
ptrdiff_t deadline_verb_start(const char *s, const char **verb);

#endif
