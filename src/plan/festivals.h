/* festivals: the yearly dates of the festivals that deadlines name
 * (春节前, 清明节前 …), generated (src/plan/festivals.c, by
 * tools/gen-festivals.py from a maintained source, never typed in). */
#ifndef DEADLINED_FESTIVALS_H
#define DEADLINED_FESTIVALS_H

struct festival_year {
	short year;
	unsigned char spring_m, spring_d;	/* 春节: lunar 1/1 */
	unsigned char qingming_d;		/* 清明: April, 0 unknown */
	unsigned char dragon_m, dragon_d;	/* 端午: lunar 5/5 */
	unsigned char autumn_m, autumn_d;	/* 中秋: lunar 8/15 */
};

extern const struct festival_year festival_years[];
extern const int festival_first, festival_last;

#endif
