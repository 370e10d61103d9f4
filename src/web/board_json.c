/* board_json: the supervisor's board as JSON (/api/v1/board), with the
 * page's filters: a pure function over the board's cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "plan/units.h"
#include "web/web.h"

/* A cell's extended_to (its unit's new date, null: none), review
 * ("waiting", "returned", "confirmed"; null: none), paused_until and
 * pause_reason (null: not paused). */
static void
board_json_cycle(struct buf *b, const struct board_cell *c)
{
	char day[11];

	date_format(c->extended_to, day);
	if (c->extended_to != DATE_NONE)
		buf_printf(b, ",\"extended_to\":\"%s\"", day);
	else
		buf_puts(b, ",\"extended_to\":null");
	if (c->review != REVIEW_NONE)
		buf_printf(b, ",\"review\":\"%s\"", review_state_name(c->review));
	else
		buf_puts(b, ",\"review\":null");
	date_format(c->paused_until, day);
	if (c->paused_until != DATE_NONE)
		buf_printf(b, ",\"paused_until\":\"%s\"", day);
	else
		buf_puts(b, ",\"paused_until\":null");
	buf_puts(b, ",\"pause_reason\":");
	json_put_str(b, c->pause_reason);
}

/* A cell's latest progress report as the member "progress": null, or
 * its share (null when not given), time and text. */
static void
progress_json(struct buf *b, const struct board_cell *c)
{
	char at[40];

	buf_puts(b, ",\"progress\":");
	if (c->reported == 0) {
		buf_puts(b, "null");
		return;
	}
	clock_format(c->reported, at, sizeof(at));
	if (c->percent >= 0)
		buf_printf(b, "{\"percent\":%d,", c->percent);
	else
		buf_puts(b, "{\"percent\":null,");
	buf_printf(b, "\"at\":\"%s\",\"text\":", at);
	json_put_str(b, c->report);
	buf_puts(b, "}");
}

/* The board as JSON, with the same filters (every page). */
char *
web_board_json(const struct board_cell *cells, size_t n, int today,
    const struct web_filter *f)
{
	struct buf b = BUF_INIT;
	const char *sep = "";
	char day[11];
	size_t i;

	date_format(today, day);
	buf_printf(&b, "{\"today\":\"%s\",\"cells\":[", day);
	for (i = 0; i < n; i++) {
		if (!web_cell_shown(&cells[i], f))
			continue;
		buf_printf(&b, "%s\n{\"plan_id\":%lld,\"task_no\":%d,"
		    "\"measure_id\":%lld,\"unit\":", sep,
		    (long long)cells[i].plan->id, cells[i].task->no,
		    (long long)cells[i].measure->id);
		json_put_str(&b, cells[i].unit->name);
		buf_puts(&b, ",\"group\":");
		if (cells[i].unit->group != NULL)
			json_put_str(&b, cells[i].unit->group);
		else
			buf_puts(&b, "null");
		buf_printf(&b, ",\"role\":\"%s\",\"due\":",
		    role_name(cells[i].unit->role));
		if (cells[i].due == DATE_NONE)
			buf_puts(&b, "null");
		else {
			date_format(cells[i].due, day);
			buf_printf(&b, "\"%s\"", day);
		}
		buf_printf(&b, ",\"state\":\"%s\",\"level\":", web_state_name(cells[i].state));
		if (cells[i].has_level)
			buf_printf(&b, "\"%s\"", level_name(cells[i].level));
		else
			buf_puts(&b, "null");
		board_json_cycle(&b, &cells[i]);
		progress_json(&b, &cells[i]);
		buf_putc(&b, '}');
		sep = ",";
	}
	buf_puts(&b, "]}\n");
	return buf_steal(&b);
}
