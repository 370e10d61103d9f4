/* deadline_figures: dates and times written in figures, as spreadsheet
 * users type them (2026.6.30, 6.30前) and as a spreadsheet writes them
 * (2026/6/30 0:00), and a time of day after a day (12月31日24时前).
 * Part of the deadline grammar (deadline.c). */
#ifndef DEADLINED_DEADLINE_FIGURES_H
#define DEADLINED_DEADLINE_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

/* text_number on the next few bytes only: the grammar's numbers are
 * short, and the bound keeps a long run of numerals in hostile input from
 * overflowing text_number's accumulator. */
int deadline_number(const char *s, size_t *len);

/* Up to max ASCII digits at *p (at least one) as a number, *p moved past
 * them; -1 when there is none. */
int deadline_figures(const char **p, int max);

/* text folded (text_fold), without the time of day a spreadsheet writes
 * after a date ("2026/6/30 0:00"). */
char *deadline_fold(const char *text);

/* s's words spelled another way, in place: quotes around a festival's name
 * (“五一”前, "七一"前) go, a pair at a time (a lone one stays: “6月底前
 * is text cut short); 元月 is 1月 (元月底前), 每个月 每月 and 每个季度
 * 每季度 (每个月5日前) as 各季度 (各季度末月25日前), 终了后 结束后 and 结束后次月 (or 的次月)
 * 结束后 (每季度结束后次月10日前); a report's verb between 年 and its
 * times goes (每年报送两次: 每年两次).  Each spelling is the longer. */
void deadline_respell(char *s);

/* Take, in place, the marks that end a sentence or a clause off the
 * end of s (年底前。), and brackets (【】, [], 〔〕) or quotes around it
 * (“6月底前”). */
void deadline_drop_end_marks(char *s);

/* Take a time of day off the end of s, folded, when it follows a day
 * (日 or 号, or a day of the week: 周五): "24时前", "17点", "18:00前",
 * "17时30分", "下班前", a part of the day with or without its hour
 * ("下午", "下午五点前"); a 前 after it stays. */
void deadline_drop_hour(char *s);
/* text, folded, with a midnight after its day cut out (7月1日0时前,
 * 零点前, 00:00前 are by the day before's end: 7月1日前, for the caller
 * to take a day off); NULL when it names none. */
char *deadline_cut_midnight(const char *text);

/* Whether rest, folded, is what a date's verb has done by then: at most
 * max bytes, no comma, and figures only as an amount, never as another
 * date (完成50%, 建成10个, 完成全年任务的80%以上; in 启动7月底前完成 the
 * 7 starts a date), nor a period's end before (方案年底前完成). */
bool deadline_verb_object(const char *rest, size_t max);

/* Take a label off the start of s, folded, up to its colon: 办结时限：
 * 6月底前 is 6月底前 (a label at most 24 bytes, without a figure); a
 * deadline column's name needs no colon (完成时限2026年6月底).  A
 * label that is a date's verb goes after the date, up to the clause's
 * end: 启动:3月底前;完成:12月底前 is 3月底前启动;完成:12月底前. */
void deadline_drop_label(char *s);

/* Take 的 out of s, folded, between a period's word (年, 月, 季度, 周)
 * and a figure: 每月的20日前 is 每月20日前, 每年的6月底前 每年6月底前. */
void deadline_drop_of(char *s);

/* Whether s, after a year's figures, is a separator and a month in
 * figures with its 月 (2026.6月底前, as typed in a spreadsheet). */
bool deadline_dotted_month(const char *s);

/* Whether s, folded, names a month or a day in figures (a note's
 * exception: 12月为20日前). */
bool deadline_names_day(const char *s);

/* Take off the start of s, folded, a first clause that only says on
 * what the work goes (根据国家部署，年底前完成; 按省统一部署，): short,
 * starting 根据, 按照, 依据, 结合 or 按, without figures or a period's
 * word (按月, 按年度 are forms). */
void deadline_drop_basis(char *s);

/* Take out of s, folded, the day of the week after a day (6月30日星期二
 * is 6月30日, as Excel's long date writes it; 6月30日周二前). */
void deadline_drop_weekday(char *s);

/* Take off the end of s, folded, a last clause that only moves a date
 * off a day off, without figures (每月10日前报送，遇节假日顺延; 节假日
 * 提前): a note, read as in brackets (每月10日前（节假日顺延）), the due
 * date the one named. */
void deadline_drop_shift_note(char *s);

/* s, folded, as a date in figures: "2021.6.30", "2021-06-30",
 * "2021/6/30" or "2021.6" (that month's last day), then nothing or 前;
 * or "6.30前" or "6/30前" in the plan's year (without its year and 前,
 * figures are no date: 1.1 numbers a measure, and Excel stores 6.30 as
 * 6.3).  The day (base/date.h) into *due, or false. */
bool deadline_figures_date(const char *s, int year, int *due);

/* s, folded, as a range of dates in figures, the first with its year
 * ("2026.01-2026.12", "2026.6.1—2026.6.30"): the later one, as
 * deadline_figures_date reads it, into *due; false when s is none or
 * it ends before it starts. */
bool deadline_figures_range(const char *s, int year, int *due);

#endif
