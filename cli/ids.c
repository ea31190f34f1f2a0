/*
 * ids.c - parsing and expansion of the command line's job and task ids
 * (see ids.h for the syntax). Every argument is walked twice: once to check
 * it and count its ids, once to expand it; nothing is appended unless the
 * whole argument is valid, so a bad id never leaves half a list behind.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"

/* Above every bound we check; saturating here keeps uint64_t from wrapping. */
#define NUM_SAT 99999999999ULL

static void set_err(char *err, size_t len, const char *arg, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

/* "'ARG': why". ARG is cut at 64 characters and made printable. */
static void set_err(char *err, size_t len, const char *arg, const char *fmt,
		    ...)
{
	char q[72];
	size_t i, o = 0;
	va_list ap;
	int w;

	if (!err || !len)
		return;
	for (i = 0; arg[i] && o < 64; i++)
		q[o++] = (arg[i] >= 32 && arg[i] < 127) ? arg[i] : '?';
	if (arg[i])
		q[o++] = '.', q[o++] = '.', q[o++] = '.';
	q[o] = '\0';
	w = snprintf(err, len, "'%s': ", q);
	if (w < 0 || (size_t)w >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(err + w, len - (size_t)w, fmt, ap);
	va_end(ap);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A decimal number filling exactly [s, e). Returns 1 and *v (saturated at
 * NUM_SAT), or 0 if the span is empty or holds anything but digits.
 */
static int span_num(const char *s, const char *e, uint64_t *v)
{
	uint64_t x = 0;

	if (s >= e)
		return 0;
	for (; s < e; s++) {
		if (!is_digit(*s))
			return 0;
		x = x * 10 + (uint64_t)(*s - '0');
		if (x > NUM_SAT)
			x = NUM_SAT;
	}
	*v = x;
	return 1;
}

/* Copy [s, e) into buf for a message, cut to fit. */
static const char *span_str(const char *s, const char *e, char *buf,
			    size_t len)
{
	size_t n = (size_t)(e - s);

	if (n >= len)
		n = len - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (s[i] >= 32 && s[i] < 127) ? s[i] : '?';
	buf[n] = '\0';
	return buf;
}

/* Check a job id in [s, e). */
static int check_job(const char *arg, const char *s, const char *e,
		     int32_t *job, char *err, size_t len)
{
	char b[24];
	uint64_t v;

	if (s == e)
		return set_err(err, len, arg, "no job id before '%c'; write "
			       "JOB.TASK, for example 95.4", *e), CLI_IDS_BAD;
	if (*s == '-')
		return set_err(err, len, arg, "ids cannot be negative"),
		       CLI_IDS_BAD;
	if (!span_num(s, e, &v))
		return set_err(err, len, arg, "job id '%s' is not a number",
			       span_str(s, e, b, sizeof(b))), CLI_IDS_BAD;
	if (v == 0)
		return set_err(err, len, arg, "job id 0 is not valid: Slurm "
			       "job ids start at 1"), CLI_IDS_BAD;
	if (v > CLI_JOB_ID_MAX)
		return set_err(err, len, arg, "job id %s is too large (the "
			       "largest is %d)", span_str(s, e, b, sizeof(b)),
			       CLI_JOB_ID_MAX), CLI_IDS_BAD;
	*job = (int32_t)v;
	return CLI_IDS_OK;
}

/* A task id bound in [s, e): digits, at most CLI_TASK_ID_MAX. */
static int check_task_num(const char *arg, const char *s, const char *e,
			  uint64_t *v, char *err, size_t len)
{
	char b[24];

	if (s < e && *s == '-')
		return set_err(err, len, arg, "task ids cannot be negative"),
		       CLI_IDS_BAD;
	if (s == e)
		return set_err(err, len, arg, "a task id is missing"),
		       CLI_IDS_BAD;
	if (!span_num(s, e, v))
		return set_err(err, len, arg, "task id '%s' is not a number",
			       span_str(s, e, b, sizeof(b))), CLI_IDS_BAD;
	if (*v > CLI_TASK_ID_MAX)
		return set_err(err, len, arg, "task id %s is over %d, the "
			       "largest task id Slurm allows (MaxArraySize is "
			       "at most %d)", span_str(s, e, b, sizeof(b)),
			       CLI_TASK_ID_MAX, CLI_TASK_ID_MAX + 1),
		       CLI_IDS_BAD;
	return CLI_IDS_OK;
}

/*
 * One list item in [s, e): N, N-M or N-M:STEP. Gives its bounds and step;
 * the caller counts or expands.
 */
static int check_item(const char *arg, const char *s, const char *e,
		      uint64_t *lo, uint64_t *hi, uint64_t *step, char *err,
		      size_t len)
{
	const char *dash, *colon;
	char b[24];
	int r;

	if (s == e)
		return set_err(err, len, arg, "empty item in the task list"),
		       CLI_IDS_BAD;
	if (*s == '-')
		return set_err(err, len, arg, "task ids cannot be negative"),
		       CLI_IDS_BAD;
	dash = memchr(s, '-', (size_t)(e - s));
	colon = memchr(s, ':', (size_t)(e - s));
	*step = 1;
	if (!dash) {
		if (colon)
			return set_err(err, len, arg, "a step (':') needs a "
				       "range, as in 1-9:2"), CLI_IDS_BAD;
		if ((r = check_task_num(arg, s, e, lo, err, len)))
			return r;
		*hi = *lo;
		return CLI_IDS_OK;
	}
	if (colon && colon < dash)
		return set_err(err, len, arg, "write a stepped range as "
			       "FIRST-LAST:STEP"), CLI_IDS_BAD;
	if ((r = check_task_num(arg, s, dash, lo, err, len)))
		return r;
	if ((r = check_task_num(arg, dash + 1, colon ? colon : e, hi, err,
				len)))
		return r;
	if (colon && (!span_num(colon + 1, e, step) || *step == 0))
		return set_err(err, len, arg, "step '%s' is not a positive "
			       "number", span_str(colon + 1, e, b, sizeof(b))),
		       CLI_IDS_BAD;
	if (*lo > *hi)
		return set_err(err, len, arg, "range %llu-%llu runs backwards "
			       "(write %llu-%llu)", (unsigned long long)*lo,
			       (unsigned long long)*hi,
			       (unsigned long long)*hi,
			       (unsigned long long)*lo), CLI_IDS_BAD;
	return CLI_IDS_OK;
}

/*
 * The walk behind counting and expanding. With out == NULL it checks and
 * counts; otherwise it appends (the caller has checked and made room).
 */
static int walk(const char *arg, int32_t *job, uint64_t *count,
		cli_ids *out, char *err, size_t len)
{
	const char *sep, *s, *e, *end;
	uint64_t n = 0, lo, hi, step, t;
	int r;

	if (!arg || !*arg)
		return set_err(err, len, "", "empty id; write JOB.TASK, for "
			       "example 95.4"), CLI_IDS_BAD;
	if (*arg == '-')
		return set_err(err, len, arg, "ids cannot be negative"),
		       CLI_IDS_BAD;
	sep = arg + strcspn(arg, "._");
	end = arg + strlen(arg);
	if (!*sep) {
		char b[24];

		if (span_num(arg, end, &t)) {
			span_str(arg, end, b, sizeof(b));
			return set_err(err, len, arg, "no task id; write "
				       "JOB.TASK (for example %s.1), or use "
				       "'ccp-job requeue %s' for the whole job",
				       b, b), CLI_IDS_BAD;
		}
		return set_err(err, len, arg, "not a task id; write JOB.TASK, "
			       "JOB_TASK or JOB.[1-5,9]"), CLI_IDS_BAD;
	}
	if ((r = check_job(arg, arg, sep, job, err, len)))
		return r;
	s = sep + 1;
	if (s == end)
		return set_err(err, len, arg, "no task id after '%c'; write "
			       "JOB.TASK, for example %d.4", *sep, *job),
		       CLI_IDS_BAD;
	if (*s != '[') {
		e = s + strcspn(s, "._,[]");
		if (*e == '.' || *e == '_')
			return set_err(err, len, arg, "too many parts; write "
				       "JOB.TASK (task instance ids are not "
				       "supported)"), CLI_IDS_BAD;
		if (*e || (s < e && memchr(s + 1, '-', (size_t)(e - s - 1))))
			return set_err(err, len, arg, "write task lists and "
				       "ranges in brackets, as in %d.[1-5,9]",
				       *job), CLI_IDS_BAD;
		if ((r = check_task_num(arg, s, e, &lo, err, len)))
			return r;
		if (out) {
			out->job[out->n] = *job;
			out->task[out->n++] = (int32_t)lo;
		}
		*count = 1;
		return CLI_IDS_OK;
	}
	/* A bracketed list: "[" item ("," item)* "]" and nothing after. */
	s++;
	if (end[-1] != ']' && strchr(s, ']'))
		return set_err(err, len, arg, "nothing may follow the task "
			       "list's ']'"), CLI_IDS_BAD;
	if (end[-1] != ']' || end - 1 < s)
		return set_err(err, len, arg, "the task list has no closing "
			       "']'"), CLI_IDS_BAD;
	if (memchr(s, ']', (size_t)(end - 1 - s)) ||
	    memchr(s, '[', (size_t)(end - 1 - s)))
		return set_err(err, len, arg, "only one bracketed task list "
			       "may follow the job id"), CLI_IDS_BAD;
	end--;
	if (s == end)
		return set_err(err, len, arg, "the task list is empty"),
		       CLI_IDS_BAD;
	while (s <= end) {
		e = memchr(s, ',', (size_t)(end - s));
		if (!e)
			e = end;
		if ((r = check_item(arg, s, e, &lo, &hi, &step, err, len)))
			return r;
		if (out) {
			for (t = lo; t <= hi; t += step) {
				out->job[out->n] = *job;
				out->task[out->n++] = (int32_t)t;
			}
		}
		n += (hi - lo) / step + 1;
		s = e + 1;
	}
	*count = n;
	return CLI_IDS_OK;
}

int cli_parse_job_id(const char *arg, int32_t *job, char *err,
		     size_t errlen)
{
	const char *end;

	if (!arg || !*arg)
		return set_err(err, errlen, "", "empty job id"), CLI_IDS_BAD;
	end = arg + strlen(arg);
	if (arg[strcspn(arg, "._")]) {
		char b[24];

		return set_err(err, errlen, arg, "a job id is a number; for "
			       "tasks use 'ccp-task requeue %s'",
			       span_str(arg, end, b, sizeof(b))), CLI_IDS_BAD;
	}
	return check_job(arg, arg, end, job, err, errlen);
}

int cli_count_task_arg(const char *arg, int32_t *job, uint64_t *count,
		       char *err, size_t errlen)
{
	int32_t j = 0;
	uint64_t n = 0;
	int r = walk(arg, &j, &n, NULL, err, errlen);

	if (r == CLI_IDS_OK) {
		if (job)
			*job = j;
		if (count)
			*count = n;
	}
	return r;
}

/* Make room for `more` ids, within CLI_IDS_MAX. */
static int reserve(cli_ids *ids, uint64_t more, const char *arg, char *err,
		   size_t errlen)
{
	size_t cap;
	int32_t *j, *t;

	if (more > CLI_IDS_MAX || ids->n + more > CLI_IDS_MAX)
		return set_err(err, errlen, arg, "too many ids: one command "
			       "takes at most %u", CLI_IDS_MAX), CLI_IDS_BAD;
	if (ids->n + more <= ids->cap)
		return CLI_IDS_OK;
	cap = ids->cap ? ids->cap : 16;
	while (cap < ids->n + more)
		cap *= 2;
	if (cap > CLI_IDS_MAX)
		cap = CLI_IDS_MAX;
	j = realloc(ids->job, cap * sizeof(*j));
	if (!j)
		goto nomem;
	ids->job = j;
	t = realloc(ids->task, cap * sizeof(*t));
	if (!t)
		goto nomem;
	ids->task = t;
	ids->cap = cap;
	return CLI_IDS_OK;
nomem:
	set_err(err, errlen, arg, "out of memory for %llu ids",
		(unsigned long long)(ids->n + more));
	return CLI_IDS_NOMEM;
}

int cli_ids_add_task_arg(cli_ids *ids, const char *arg, char *err,
			 size_t errlen)
{
	int32_t job;
	uint64_t n;
	int r;

	if ((r = walk(arg, &job, &n, NULL, err, errlen)))
		return r;
	if ((r = reserve(ids, n, arg, err, errlen)))
		return r;
	return walk(arg, &job, &n, ids, err, errlen);
}

int cli_ids_add_job_arg(cli_ids *ids, const char *arg, char *err,
			size_t errlen)
{
	int32_t job;
	int r;

	if ((r = cli_parse_job_id(arg, &job, err, errlen)))
		return r;
	if ((r = reserve(ids, 1, arg, err, errlen)))
		return r;
	ids->job[ids->n] = job;
	ids->task[ids->n++] = -1;
	return CLI_IDS_OK;
}

size_t cli_ids_run_end(const cli_ids *ids, size_t start)
{
	size_t i = start;

	while (i < ids->n && ids->job[i] == ids->job[start])
		i++;
	return i;
}

void cli_ids_free(cli_ids *ids)
{
	if (!ids)
		return;
	free(ids->job);
	free(ids->task);
	memset(ids, 0, sizeof(*ids));
}
