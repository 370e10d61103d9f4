/* units_order: a plan's note on the order of the names in its units
 * cells (排在第一位的为牵头单位), found and applied (units.h). */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "plan/units.h"

/* A note on the order of the names (units_order_in): an ordinal, at
 * most ORDER_GAP of order_gap's characters, 为 or 是, then 牵头
 * (排在第一位的为牵头单位, 第一个单位为牵头, 排名第一的单位是牵头单位,
 * 列首位的为牵头单位); after it, the others (其他, 其余) and within
 * ORDER_REACH bytes a support word (其他为配合单位, 其余单位协办). */
static const char *const order_firsts[] = { "第一", "首位", "首个", "第1",
	NULL };
static const char *const order_gap[] = { "位", "的", "个", "单", "部", "门",
	"家", "名", NULL };
static const char *const order_is[] = { "为", "是", NULL };
static const char *const order_others[] = { "其他", "其余", "其它", NULL };
static const char *const order_support[] = { "配合", "协办", "协助", "参与",
	NULL };
#define ORDER_GAP 4
#define ORDER_REACH 30

/* Whether [from, at) ends with one of words; *start is where it does. */
static bool
ends_with_any(const char *from, const char *at, const char *const *words,
    const char **start)
{
	for (; *words != NULL; words++) {
		size_t n = strlen(*words);

		if ((size_t)(at - from) >= n && memcmp(at - n, *words, n) == 0) {
			*start = at - n;
			return true;
		}
	}
	return false;
}

/* Whether an ordinal ends at q's 为 or 是 with at most ORDER_GAP
 * characters of order_gap between. */
static bool
first_before(const char *f, const char *q)
{
	const char *at;
	int gap = 0;

	if (!ends_with_any(f, q, order_is, &at))
		return false;
	while (!ends_with_any(f, at, order_firsts, &q))
		if (gap++ == ORDER_GAP || !ends_with_any(f, at, order_gap, &at))
			return false;
	return true;
}

enum units_order
units_order_in(const char *text)
{
	char *f = text_fold(text);
	const char *q, *o, *sup;
	enum units_order order = UNITS_ORDER_NONE;

	for (q = strstr(f, "牵头"); q != NULL && order == UNITS_ORDER_NONE;
	    q = strstr(q + strlen("牵头"), "牵头")) {
		if (!first_before(f, q))
			continue;
		order = UNITS_FIRST_LEADS;
		for (size_t i = 0; order_others[i] != NULL; i++)
			if ((o = strstr(q, order_others[i])) != NULL)
				for (size_t k = 0; order_support[k] != NULL; k++)
					if ((sup = strstr(o, order_support[k])) !=
					    NULL && sup - o <= ORDER_REACH)
						order =
						    UNITS_FIRST_LEADS_REST_SUPPORT;
	}
	free(f);
	return order;
}

bool
units_order_apply(enum units_order order, struct unit_ref *u, size_t n)
{
	size_t i;

	/* A cell that marks a role says who does what itself. */
	for (i = 0; i < n; i++)
		if (u[i].role != ROLE_RESPONSIBLE)
			return false;
	if (order == UNITS_ORDER_NONE || n == 0)
		return false;
	u[0].role = ROLE_LEAD;
	for (i = 1; i < n && order == UNITS_FIRST_LEADS_REST_SUPPORT; i++)
		u[i].role = ROLE_SUPPORT;
	return true;
}

const char *
units_order_note(const char *text)
{
	static const char *const opens[] = { "（", "(" };
	const char *at = NULL, *q;

	if (!text_ends(text, "）") && !text_ends(text, ")"))
		return NULL;
	for (size_t k = 0; k < ARRAY_LEN(opens); k++)
		for (q = strstr(text, opens[k]); q != NULL;
		    q = strstr(q + 1, opens[k]))
			if (at == NULL || q > at)
				at = q;
	return at != NULL && at > text && units_order_in(at) !=
	    UNITS_ORDER_NONE ? at : NULL;
}
