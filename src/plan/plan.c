/* plan: the in-memory work plan and its construction. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "plan/plan.h"
#include "base/text.h"

struct plan *
plan_new(const char *source)
{
	struct plan *p = xcalloc(1, sizeof(*p));

	p->source = xstrdup(source != NULL ? source : "-");
	p->title = xstrdup("");
	return p;
}

static void
measure_free(struct plan_measure *m)
{
	free(m->text);
	free(m->deadline_text);
	free(m->units_text);
	units_free(m->units, m->nunits);
}

void
plan_free(struct plan *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->ntasks; i++) {
		for (j = 0; j < p->tasks[i].nmeasures; j++)
			measure_free(&p->tasks[i].measures[j]);
		free(p->tasks[i].measures);
		free(p->tasks[i].section);
		free(p->tasks[i].title);
	}
	for (i = 0; i < p->nwarnings; i++)
		free(p->warnings[i].msg);
	free(p->tasks);
	free(p->warnings);
	free(p->title);
	free(p->source);
	free(p);
}

void
plans_free(struct plan **plans, size_t n)
{
	for (size_t i = 0; plans != NULL && i < n; i++)
		plan_free(plans[i]);
	free(plans);
}

struct plan_task *
plan_add_task(struct plan *p, int no, const char *section, const char *title,
    int line)
{
	struct plan_task *t;

	p->tasks = xgrow(p->tasks, &p->cap, p->ntasks + 1, sizeof(*p->tasks));
	t = &p->tasks[p->ntasks++];
	memset(t, 0, sizeof(*t));
	t->no = no;
	t->section = text_squash(section != NULL ? section : "");
	t->title = text_squash(title != NULL ? title : "");
	t->line = line;
	return t;
}

struct plan_measure *
plan_add_measure(struct plan_task *t, const char *text,
    const char *deadline_text, const char *units_text, int line)
{
	struct plan_measure *m;

	t->measures = xgrow(t->measures, &t->cap, t->nmeasures + 1,
	    sizeof(*t->measures));
	m = &t->measures[t->nmeasures++];
	memset(m, 0, sizeof(*m));
	m->text = text_squash(text);
	m->deadline_text = text_squash(deadline_text);
	m->units_text = text_squash(units_text);
	m->deadline.kind = DL_UNKNOWN;
	m->deadline.due = DATE_NONE;
	m->line = line;
	m->deadline_line = line;
	return m;
}

void
plan_warn(struct plan *p, int line, const char *fmt, ...)
{
	struct plan_warning *w;
	va_list ap;

	p->warnings = xgrow(p->warnings, &p->wcap, p->nwarnings + 1,
	    sizeof(*p->warnings));
	w = &p->warnings[p->nwarnings++];
	w->line = line;
	va_start(ap, fmt);
	if (vasprintf(&w->msg, fmt, ap) < 0)
		w->msg = xstrdup(fmt);
	va_end(ap);
}

void
plan_resolve(struct plan *p)
{
	struct plan_measure *m;
	size_t i, j;

	for (i = 0; i < p->ntasks; i++) {
		for (j = 0; j < p->tasks[i].nmeasures; j++) {
			m = &p->tasks[i].measures[j];
			m->deadline = deadline_parse(m->deadline_text, p->year);
			if (m->deadline.kind == DL_UNKNOWN)
				plan_warn(p, m->deadline_line,
				    "unrecognised deadline \"%s\" (task %d); "
				    "stored as unknown", m->deadline_text,
				    p->tasks[i].no);
			units_free(m->units, m->nunits);
			m->nunits = units_parse(m->units_text, &m->units);
			if (m->nunits == 0)
				plan_warn(p, m->line, "measure names no "
				    "responsible unit (task %d)", p->tasks[i].no);
		}
	}
}

size_t
plan_measure_count(const struct plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ntasks; i++)
		n += p->tasks[i].nmeasures;
	return n;
}

size_t
plan_unknown_count(const struct plan *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < p->ntasks; i++)
		for (j = 0; j < p->tasks[i].nmeasures; j++)
			n += p->tasks[i].measures[j].deadline.kind == DL_UNKNOWN;
	return n;
}
