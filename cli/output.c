/*
 * output.c - everything the commands print. Text goes to stdout as it
 * happens (one line per task; -q silences it); with --json, stdout gets
 * exactly one JSON document at the end (field names in docs/cli.md, kept
 * stable). Failures always go to stderr: the message and the HRESULT in
 * hex. Exit statuses come from the library's one table.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "cli.h"

/* Version of the JSON documents' shape; raised only when a field changes
 * meaning or goes away (new fields may appear without it). */
#define CLI_JSON_FORMAT 1

struct cli_out {
	const cli_opts *o;
	json_object *tasks;     /* requeue: one object per task judged */
	json_object *jobs;      /* per job (job requeue, list, view) */
	json_object *error;     /* NULL until a failure */
	size_t queued;          /* tasks queued or found queued */
	size_t requeued;        /* of those, sent to Slurm (or would be) */
	size_t job_requeued;    /* sent, since the last out_job_done */
	size_t not_reached;
	int stopped;
	int32_t stop_job, stop_task;
	ccp_hr_t stop_hr;
};

static int text(const cli_out *out)
{
	return !out->o->json && !out->o->quiet;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static json_object *jhex(ccp_hr_t hr)
{
	char b[16];

	snprintf(b, sizeof(b), "0x%08X", (unsigned)(uint32_t)hr);
	return json_object_new_string(b);
}

static json_object *jid(int32_t job, int32_t task)
{
	char b[32];

	snprintf(b, sizeof(b), "%d.%d", job, task);
	return json_object_new_string(b);
}

/* json-c's adders ignore a NULL value; add() makes that explicit. */
static void add(json_object *o, const char *k, json_object *v)
{
	json_object_object_add(o, k, v);
}

cli_out *out_new(const cli_opts *o)
{
	cli_out *out = calloc(1, sizeof(*out));

	if (!out)
		return NULL;
	out->o = o;
	out->tasks = json_object_new_array();
	out->jobs = json_object_new_array();
	if (!out->tasks || !out->jobs) {
		json_object_put(out->tasks);
		json_object_put(out->jobs);
		free(out);
		return NULL;
	}
	return out;
}

/* ------------------------------------------------------------------ */
/* Requeue                                                             */

static const char *result_name(const ccp_task_report *r)
{
	if (CCP_FAILED(r->hr))
		return "refused";
	if (r->action == CCP_ACTION_NONE)
		return "already_queued";
	return r->dry_run ? "would_requeue" : "requeued";
}

static const char *result_text(const ccp_task_report *r)
{
	switch (r->action) {
	case CCP_ACTION_NONE:
		return r->held ? "already queued, held (it stays held)" :
				 "already queued";
	case CCP_ACTION_REQUEUE:
		return r->dry_run ? "would be queued again" : "queued again";
	case CCP_ACTION_CANCEL_REQUEUE:
		return r->dry_run ? "would be cancelled and queued again" :
				    "cancelled and queued again";
	default:
		return "refused";
	}
}

void out_report(void *arg, const ccp_task_report *r)
{
	cli_out *out = arg;
	json_object *t;

	if (CCP_SUCCEEDED(r->hr)) {
		out->queued++;
		if (r->action != CCP_ACTION_NONE) {
			out->requeued++;
			out->job_requeued++;
		}
	} else {
		out->stopped = 1;
		out->stop_job = r->job_id;
		out->stop_task = r->task_id;
		out->stop_hr = r->hr;
	}
	if (text(out)) {
		if (CCP_SUCCEEDED(r->hr))
			printf("%d.%d %s: %s\n", r->job_id, r->task_id,
			       ccp_status_name(r->status), result_text(r));
		else if (r->dry_run)
			printf("%d.%d %s: the requeue would stop here "
			       "(0x%08X %s)\n", r->job_id, r->task_id,
			       ccp_status_name(r->status),
			       (unsigned)(uint32_t)r->hr, ccp_hr_name(r->hr));
	}
	t = json_object_new_object();
	if (!t)
		return;
	add(t, "id", jid(r->job_id, r->task_id));
	add(t, "job_id", json_object_new_int(r->job_id));
	add(t, "task_id", json_object_new_int(r->task_id));
	add(t, "status", json_object_new_string(ccp_status_name(r->status)));
	add(t, "action", json_object_new_string(ccp_action_name(r->action)));
	add(t, "held", json_object_new_boolean(r->held));
	add(t, "result", json_object_new_string(result_name(r)));
	add(t, "hresult", jhex(r->hr));
	add(t, "hresult_name", json_object_new_string(ccp_hr_name(r->hr)));
	json_object_array_add(out->tasks, t);
}

void out_job_done(cli_out *out, int32_t job_id, ccp_hr_t hr)
{
	json_object *j;
	size_t n = out->job_requeued;

	out->job_requeued = 0;
	if (text(out) && CCP_SUCCEEDED(hr)) {
		if (n)
			printf("job %d: %s (%zu task%s)\n", job_id,
			       out->o->dry_run ? "would be requeued" :
			       "requeued", n, plural(n));
		else
			printf("job %d: nothing to requeue (no failed or "
			       "running task; the others are queued)\n",
			       job_id);
	}
	if (!(j = json_object_new_object()))
		return;
	add(j, "job_id", json_object_new_int(job_id));
	add(j, "result", json_object_new_string(
		CCP_FAILED(hr) ? "refused" : n ? (out->o->dry_run ?
		"would_requeue" : "requeued") : "nothing_to_do"));
	add(j, "tasks_requeued", json_object_new_int64((int64_t)n));
	add(j, "hresult", jhex(hr));
	add(j, "hresult_name", json_object_new_string(ccp_hr_name(hr)));
	json_object_array_add(out->jobs, j);
}

/* ------------------------------------------------------------------ */
/* Lists                                                               */

static unsigned exit_code(uint32_t w)
{
	return (w >> 8) & 0xffu;
}

static unsigned exit_signal(uint32_t w)
{
	return w & 0x7fu;
}

/* What a requeue would do to t, in words (and its action name). */
static const char *would(const ccp_task_info *t, ccp_hr_t job_hr,
			 const char **action, char *buf, size_t len)
{
	*action = ccp_action_name(t->action);
	if (CCP_FAILED(job_hr)) {
		*action = ccp_action_name(CCP_ACTION_REFUSE);
		snprintf(buf, len, "refuse: job-level (%s)",
			 ccp_hr_name(job_hr));
		return buf;
	}
	switch (t->action) {
	case CCP_ACTION_NONE:
		return t->held ? "none: already queued, held (stays held)" :
				 "none: already queued";
	case CCP_ACTION_REQUEUE:
		return "queue again";
	case CCP_ACTION_CANCEL_REQUEUE:
		return "cancel and queue again";
	default:
		snprintf(buf, len, "refuse: %s", t->status ==
			 CCP_STATUS_FINISHED ? "finished" : "not queueable");
		return buf;
	}
}

static json_object *jrefusal(ccp_hr_t hr, const char *msg)
{
	json_object *r;

	if (CCP_SUCCEEDED(hr) || !(r = json_object_new_object()))
		return NULL;
	add(r, "hresult", jhex(hr));
	add(r, "hresult_name", json_object_new_string(ccp_hr_name(hr)));
	add(r, "message", json_object_new_string(msg ? msg : ""));
	add(r, "exit_status", json_object_new_int(ccp_hr_exit_status(hr)));
	return r;
}

void out_task_list(cli_out *out, int32_t job_id, const ccp_task_info *t,
		   size_t n, size_t n_all, ccp_hr_t job_hr,
		   const char *job_msg)
{
	json_object *j, *arr;
	const char *action, *note;
	char buf[96], code[24], id[32];
	size_t i;

	if (text(out)) {
		printf("Job %d: %zu task%s\n", job_id, n_all, plural(n_all));
		if (CCP_FAILED(job_hr))
			printf("  a requeue of this job is refused as a whole "
			       "(0x%08X %s): %s\n", (unsigned)(uint32_t)job_hr,
			       ccp_hr_name(job_hr), job_msg);
		if (n)
			printf("%-10s %-9s %-13s %8s %-6s %s\n", "TASK",
			       "STATUS", "SLURM_STATE", "RESTARTS", "EXIT",
			       "REQUEUE WOULD");
		for (i = 0; i < n; i++) {
			note = would(&t[i], job_hr, &action, buf, sizeof(buf));
			snprintf(code, sizeof(code), "%u:%u",
				 exit_code(t[i].exit_code),
				 exit_signal(t[i].exit_code));
			snprintf(id, sizeof(id), "%d.%d", job_id,
				 t[i].task_id);
			printf("%-10s %-9s %-13s %8u %-6s %s\n", id,
			       ccp_status_name(t[i].status), t[i].state_name,
			       t[i].restart_count, code, note);
		}
	}
	if (!(j = json_object_new_object()))
		return;
	arr = json_object_new_array();
	add(j, "job_id", json_object_new_int(job_id));
	add(j, "task_count", json_object_new_int64((int64_t)n_all));
	add(j, "requeue_refused", jrefusal(job_hr, job_msg));
	for (i = 0; arr && i < n; i++) {
		json_object *o = json_object_new_object();

		if (!o)
			break;
		note = would(&t[i], job_hr, &action, buf, sizeof(buf));
		add(o, "id", jid(job_id, t[i].task_id));
		add(o, "job_id", json_object_new_int(job_id));
		add(o, "task_id", json_object_new_int(t[i].task_id));
		add(o, "status", json_object_new_string(
			ccp_status_name(t[i].status)));
		add(o, "status_code", json_object_new_int((int)t[i].status));
		add(o, "slurm_state", json_object_new_string(t[i].state_name));
		add(o, "slurm_state_code",
		    json_object_new_int64(t[i].slurm_state));
		add(o, "slurm_job_id", json_object_new_int64(t[i].slurm_job_id));
		add(o, "restart_count",
		    json_object_new_int64(t[i].restart_count));
		add(o, "exit_code", json_object_new_int(
			(int)exit_code(t[i].exit_code)));
		add(o, "exit_signal", json_object_new_int(
			(int)exit_signal(t[i].exit_code)));
		add(o, "held", json_object_new_boolean(t[i].held));
		add(o, "action", json_object_new_string(action));
		add(o, "would", json_object_new_string(note));
		json_object_array_add(arr, o);
	}
	add(j, "tasks", arr);
	json_object_array_add(out->jobs, j);
}

void out_job_view(cli_out *out, int32_t job_id, const ccp_task_info *t,
		  size_t n, size_t n_would, ccp_hr_t verdict,
		  const char *verdict_msg)
{
	size_t count[6] = { 0 }, i;
	json_object *j, *c, *w;

	for (i = 0; i < n; i++)
		count[(unsigned)t[i].status < 6 ? t[i].status : 0]++;
	if (text(out)) {
		printf("Job %d: %zu task%s: %zu Queued, %zu Running, %zu "
		       "Finished, %zu Failed, %zu Cancelled\n", job_id, n,
		       plural(n), count[1], count[2], count[3], count[4],
		       count[5]);
		if (CCP_FAILED(verdict))
			printf("RequeueJob would be refused (0x%08X %s): %s\n",
			       (unsigned)(uint32_t)verdict,
			       ccp_hr_name(verdict), verdict_msg);
		else if (n_would)
			printf("RequeueJob would requeue %zu task%s (its "
			       "failed and running ones)\n", n_would,
			       plural(n_would));
		else
			printf("RequeueJob would do nothing: no failed or "
			       "running task\n");
	}
	if (!(j = json_object_new_object()))
		return;
	add(j, "job_id", json_object_new_int(job_id));
	add(j, "task_count", json_object_new_int64((int64_t)n));
	if ((c = json_object_new_object())) {
		for (i = 1; i < 6; i++)
			add(c, ccp_status_name((ccp_task_status)i),
			    json_object_new_int64((int64_t)count[i]));
	}
	add(j, "counts", c);
	if ((w = json_object_new_object())) {
		add(w, "result", json_object_new_string(
			CCP_FAILED(verdict) ? "refused" : n_would ?
			"would_requeue" : "nothing_to_do"));
		add(w, "tasks_requeued",
		    json_object_new_int64((int64_t)n_would));
		add(w, "hresult", jhex(verdict));
		add(w, "hresult_name", json_object_new_string(
			ccp_hr_name(verdict)));
		add(w, "message", json_object_new_string(
			CCP_FAILED(verdict) && verdict_msg ? verdict_msg : ""));
	}
	add(j, "requeue_job", w);
	json_object_array_add(out->jobs, j);
}

/* ------------------------------------------------------------------ */
/* Failure and the end                                                 */

int out_fail(cli_out *out, ccp_hr_t hr, const char *msg, const char *where)
{
	int status = ccp_hr_exit_status(hr);

	if (!status)	/* a failure never exits 0 */
		status = ccp_hr_exit_status(CCP_E_FAIL);
	fprintf(stderr, "%s: error 0x%08X %s: %s\n", out->o->prog->name,
		(unsigned)(uint32_t)hr, ccp_hr_name(hr), msg ? msg : "");
	if (where)
		fprintf(stderr, "%s: %s\n", out->o->prog->name, where);
	json_object_put(out->error);
	if ((out->error = json_object_new_object())) {
		add(out->error, "hresult", jhex(hr));
		add(out->error, "hresult_name",
		    json_object_new_string(ccp_hr_name(hr)));
		add(out->error, "message", json_object_new_string(msg ? msg :
								  ""));
		if (where)
			add(out->error, "stopped", json_object_new_string(where));
		add(out->error, "exit_status", json_object_new_int(status));
	}
	return status;
}

void out_not_reached(cli_out *out, size_t n)
{
	out->not_reached = n;
}

static int is_requeue(const cli_out *out)
{
	return !strcmp(out->o->command, "requeue");
}

static void text_summary(const cli_out *out, int status)
{
	if (!text(out) || !is_requeue(out))
		return;
	if (status && !out->queued && !out->stopped)
		return;	/* failed before any task was judged: stderr says */
	if (out->o->dry_run) {
		printf("dry run, nothing changed: %zu task%s would be queued "
		       "(%zu to requeue, %zu already queued)", out->queued,
		       plural(out->queued), out->requeued,
		       out->queued - out->requeued);
		if (out->stopped)
			printf("; the requeue would stop at %d.%d (%s)",
			       out->stop_job, out->stop_task,
			       ccp_hr_name(out->stop_hr));
		else if (status)
			printf("; the requeue would fail (exit status %d)",
			       status);
		printf("\n");
		return;
	}
	printf("%zu task%s queued (%zu requeued, %zu already queued)",
	       out->queued, plural(out->queued), out->requeued,
	       out->queued - out->requeued);
	if (out->requeued)
		printf("; a requeued task waits about 120 s (reason "
		       "BeginTime) before it may start again");
	printf("%s\n", status ? "; stopped at a failure (see stderr)" : "");
}

int out_finish(cli_out *out, int status)
{
	json_object *doc;

	if (!out)
		return status;
	text_summary(out, status);
	if (out->o->json && (doc = json_object_new_object())) {
		add(doc, "format", json_object_new_int(CLI_JSON_FORMAT));
		add(doc, "program", json_object_new_string(
			out->o->prog->name));
		add(doc, "command", json_object_new_string(out->o->command));
		add(doc, "version", json_object_new_string(PACKAGE_VERSION));
		add(doc, "scheduler", out->o->scheduler ?
		    json_object_new_string(out->o->scheduler) : NULL);
		add(doc, "dry_run", json_object_new_boolean(out->o->dry_run));
		if (is_requeue(out)) {
			json_object *s = NULL;

			add(doc, "tasks", json_object_get(out->tasks));
			add(doc, "queued", json_object_new_int64(
				(int64_t)out->queued));
			add(doc, "requeued", json_object_new_int64(
				(int64_t)out->requeued));
			add(doc, "not_reached", json_object_new_int64(
				(int64_t)out->not_reached));
			if (out->stopped && (s = json_object_new_object())) {
				add(s, "id", jid(out->stop_job,
						 out->stop_task));
				add(s, "job_id", json_object_new_int(
					out->stop_job));
				add(s, "task_id", json_object_new_int(
					out->stop_task));
			}
			add(doc, "stopped_at", s);
		}
		if (strcmp(out->o->prog->name, "ccp-task") ||
		    !is_requeue(out))
			add(doc, "jobs", json_object_get(out->jobs));
		add(doc, "error", json_object_get(out->error));
		add(doc, "exit_status", json_object_new_int(status));
		puts(json_object_to_json_string_ext(doc,
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(doc);
	}
	json_object_put(out->tasks);
	json_object_put(out->jobs);
	json_object_put(out->error);
	free(out);
	if (fflush(stdout) != 0 && !status)
		status = ccp_hr_exit_status(CCP_E_FAIL);
	return status;
}
