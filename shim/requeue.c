/*
 * requeue.c - the contract (CONTRACT sections 1-4): argument checks, the
 * Slurm -> CCP state rules, job-level refusals first, tasks in the caller's
 * order, stop at the first task that cannot be queued, and the message that
 * says what happened. It decides; the backend only reads and sends.
 *
 * Default mode: one state read, at most two requeue RPCs (tasks read as
 * Running go with Slurm's JOB_RUNNING flag, the others without), and a
 * re-read only when running tasks were sent or Slurm's reply was mixed.
 * Strict mode: one requeue RPC per task, in order.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cluster.h"
#include "hresult.h"

/* Slurm base states (job_state & 0xff), the same in every release. */
enum {
	ST_PENDING = 0, ST_RUNNING, ST_SUSPENDED, ST_COMPLETE, ST_CANCELLED,
	ST_FAILED, ST_TIMEOUT, ST_NODE_FAIL, ST_PREEMPTED, ST_BOOT_FAIL,
	ST_DEADLINE, ST_OOM
};
#define ST_BASE 0xffu

/* Rounds of "re-read, send what changed" before the default mode gives up
 * chasing a cluster that keeps changing under it. */
#define MAX_ROUNDS 4

static ccp_task_status ccp_status_of_state(uint32_t state)
{
	switch (state & ST_BASE) {
	case ST_PENDING:
		return CCP_STATUS_QUEUED;
	case ST_RUNNING:
	case ST_SUSPENDED:
		return CCP_STATUS_RUNNING;
	case ST_COMPLETE:
		return CCP_STATUS_FINISHED;
	case ST_CANCELLED:
		return CCP_STATUS_CANCELLED;
	default:	/* FAILED, TIMEOUT, NODE_FAIL, PREEMPTED, BOOT_FAIL,
			   DEADLINE, OUT_OF_MEMORY */
		return CCP_STATUS_FAILED;
	}
}

static const char *state_name(uint32_t state)
{
	static const char *const names[] = {
		"PENDING", "RUNNING", "SUSPENDED", "COMPLETED", "CANCELLED",
		"FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL",
		"DEADLINE", "OUT_OF_MEMORY"
	};
	uint32_t b = state & ST_BASE;

	return b < sizeof(names) / sizeof(names[0]) ? names[b] : "UNKNOWN";
}

static ccp_action action_of(ccp_task_status s)
{
	switch (s) {
	case CCP_STATUS_QUEUED:
		return CCP_ACTION_NONE;
	case CCP_STATUS_RUNNING:
		return CCP_ACTION_CANCEL_REQUEUE;
	case CCP_STATUS_FAILED:
	case CCP_STATUS_CANCELLED:
		return CCP_ACTION_REQUEUE;
	default:
		return CCP_ACTION_REFUSE;
	}
}

/* ------------------------------------------------------------------ */
/* Messages                                                            */

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static const char *slurm_words(ccp_cluster *c, int e)
{
	if (c->be && c->be->strerror)
		return c->be->strerror(e);
	return "";
}

/* The tail every task-level failure message ends with. */
static void tail(char *buf, size_t len, size_t queued, size_t after_queued,
		 int dry_run)
{
	if (dry_run)
		snprintf(buf, len, " Dry run: %zu task%s before it would be "
			 "queued; nothing was sent.", queued, plural(queued));
	else if (after_queued)
		snprintf(buf, len, " %zu task%s before it %s queued; %zu task%s "
			 "after it %s also queued, because the cluster changed "
			 "during the call (strict mode keeps the order).",
			 queued, plural(queued), queued == 1 ? "is" : "are",
			 after_queued, plural(after_queued),
			 after_queued == 1 ? "was" : "were");
	else
		snprintf(buf, len, " %zu task%s before it %s queued; no task "
			 "after it was touched.", queued, plural(queued),
			 queued == 1 ? "is" : "are");
}

static ccp_hr_t fail_job_not_found(ccp_cluster *c, uint32_t job_id)
{
	return ccp_fail(c, CCP_E_JOB_NOT_FOUND,
			"Job %u was not found on cluster %s (Slurm: %s). Slurm "
			"forgets a job MinJobAge seconds after it ends "
			"(MinJobAge=%u here); a job that ended longer ago can "
			"no longer be requeued: submit it again, or ask the "
			"administrator to raise MinJobAge in slurm.conf.",
			job_id, c->cluster_name[0] ? c->cluster_name : "(local)",
			slurm_words(c, CCP_SLURM_INVALID_JOB_ID), c->min_job_age);
}

/* Describe the task ids a job has, for "no such task" messages. */
static void describe_tasks(const ccp_job *job, char *buf, size_t len)
{
	if (!job->is_array) {
		snprintf(buf, len, "job %u is not a job array: its only task "
			 "is 1", job->job_id);
		return;
	}
	if (!job->ntasks) {
		snprintf(buf, len, "job %u has no tasks left", job->job_id);
		return;
	}
	snprintf(buf, len, "job %u has %zu task%s, ids %u to %u",
		 job->job_id, job->ntasks, plural(job->ntasks),
		 job->tasks[0].task_id, job->tasks[job->ntasks - 1].task_id);
}

static ccp_hr_t fail_task(ccp_cluster *c, const ccp_job *job,
			  uint32_t task_id, const ccp_task *t, int slurm_errno,
			  const char *slurm_ids, size_t queued,
			  size_t after_queued)
{
	char end[256], what[160];

	tail(end, sizeof(end), queued, after_queued, c->dry_run);
	if (!t && job->lost && job->is_array)
		return ccp_fail(c, CCP_E_TASK_NOT_FOUND,
				"Job %u, task %u: Slurm lists no such task, "
				"and holds a record of job %u without a task id "
				"(Slurm state %s). Slurm 26.05 leaves a task "
				"that way when it is cancelled by its id "
				"before it started, and from then on answers "
				"\"%s\" for %u_%u too. If task %u is that task, "
				"it cannot be requeued by itself: submit it "
				"again.%s", job->job_id, task_id, job->job_id,
				state_name(job->lost_state),
				slurm_words(c, CCP_SLURM_INVALID_JOB_ID),
				job->job_id, task_id, task_id, end);
	if (!t) {
		describe_tasks(job, what, sizeof(what));
		return ccp_fail(c, CCP_E_TASK_NOT_FOUND,
				"Job %u, task %u: no such task (%s). Check the "
				"task id; a task that ended more than MinJobAge "
				"(%u s) ago is forgotten by Slurm.%s",
				job->job_id, task_id, what, c->min_job_age, end);
	}
	switch (ccp_status_of_state(t->state)) {
	case CCP_STATUS_FINISHED:
		return ccp_fail(c, CCP_E_TASK_FINISHED,
				"Job %u, task %u has finished (Slurm state %s): "
				"You cannot call this method for completed "
				"tasks. To run it again, submit it as a new "
				"job.%s", job->job_id, task_id,
				state_name(t->state), end);
	default:
		break;
	}
	/* Slurm refused a task the contract would queue. */
	if (slurm_errno) {
		ccp_hr_t hr = ccp_hr_from_slurm_errno(slurm_errno);

		return ccp_fail(c, hr, "Job %u, task %u (Slurm state %s) could "
				"not be queued: Slurm answered \"%s\" (error %d"
				"%s%s).%s", job->job_id, task_id,
				state_name(t->state),
				slurm_words(c, slurm_errno), slurm_errno,
				slurm_ids && *slurm_ids ? ", for " : "",
				slurm_ids ? slurm_ids : "", end);
	}
	return ccp_fail(c, CCP_E_FAIL, "Job %u, task %u (Slurm state %s) is "
			"still not queued after Slurm accepted the requeue; "
			"try again.%s", job->job_id, task_id,
			state_name(t->state), end);
}

/* ------------------------------------------------------------------ */
/* Job-level checks                                                    */

static ccp_hr_t check_connected(ccp_cluster *c)
{
	if (!c->be)
		return ccp_fail(c, CCP_E_NOT_CONNECTED, "Not connected to a "
				"cluster: call Connect first.");
	return CCP_S_OK;
}

static ccp_hr_t check_job_id(ccp_cluster *c, int32_t job_id)
{
	if (job_id <= 0)
		return ccp_fail(c, CCP_E_INVALIDARG, "Job id %d is not valid: "
				"Slurm job ids are positive numbers.", job_id);
	return CCP_S_OK;
}

/* A read that found nothing, or a record that is not a CCP job. */
static ccp_hr_t check_job_shape(ccp_cluster *c, const ccp_job *job)
{
	if (!job->found)
		return fail_job_not_found(c, job->job_id);
	if (job->split_of)
		return ccp_fail(c, CCP_E_INVALIDARG, "Job %u is the own id Slurm "
				"gave task %u of job array %u, not a CCP job "
				"id: address it as %u.%u (ARRAYID.TASK).",
				job->job_id, job->split_task, job->split_of,
				job->split_of, job->split_task);
	if (job->het)
		return ccp_fail(c, CCP_E_INVALIDARG, "Job %u is part of a "
				"heterogeneous job, which CCP has no task model "
				"for; nothing was changed. Use scontrol requeue "
				"for it.", job->job_id);
	return CCP_S_OK;
}

/* Whether Slurm might refuse this caller access to the job. */
static int may_be_denied(const ccp_cluster *c, const ccp_job *job)
{
	if (c->caller_uid == CCP_UID_UNKNOWN)
		return 1;
	return c->caller_uid != 0 && c->caller_uid != c->slurm_user_id &&
	       c->caller_uid != job->user_id;
}

/*
 * Access is Slurm's first check. For a caller who is neither the owner nor
 * root/SlurmUser (operators and account coordinators may still be allowed),
 * ask Slurm itself with a requeue that cannot change anything: JOB_RUNNING
 * on a task that is not running is answered after the access check and
 * before any change.
 */
static ccp_hr_t probe_access(ccp_cluster *c, const ccp_job *job)
{
	ccp_rq_result res;
	ccp_hr_t hr;
	uint32_t tid;
	size_t i;

	for (i = 0; i < job->ntasks; i++)
		if (ccp_status_of_state(job->tasks[i].state) !=
		    CCP_STATUS_RUNNING)
			break;
	if (i == job->ntasks)
		return CCP_S_OK;	/* every task runs: the requeue itself
					   is refused whole if access is */
	tid = job->tasks[i].task_id;
	memset(&res, 0, sizeof(res));
	hr = c->be->requeue(c, job, &tid, 1, 1, &res);
	if (CCP_FAILED(hr))
		return hr;
	if (!res.all_ok && res.first_errno == CCP_SLURM_ACCESS_DENIED)
		return CCP_E_ACCESSDENIED;
	return CCP_S_OK;
}

static ccp_hr_t check_job_level(ccp_cluster *c, const ccp_job *job)
{
	ccp_hr_t hr;

	if (may_be_denied(c, job)) {
		hr = probe_access(c, job);
		if (hr == CCP_E_ACCESSDENIED)
			return ccp_fail(c, hr, "Job %u belongs to uid %u; you "
					"(uid %d) may not requeue it (Slurm: %s). "
					"Nothing was changed. Ask its owner or a "
					"Slurm operator.", job->job_id,
					job->user_id, (int)c->caller_uid,
					slurm_words(c, CCP_SLURM_ACCESS_DENIED));
		if (CCP_FAILED(hr))
			return hr;
	}
	if (!job->requeue)
		return ccp_fail(c, CCP_E_REQUEUE_DISABLED, "Job %u does not "
				"allow requeue (Requeue=0: submitted with "
				"--no-requeue, or JobRequeue=0 is the cluster's "
				"default). Nothing was changed. Allow it with "
				"'scontrol update jobid=%u Requeue=1' and try "
				"again.", job->job_id, job->job_id);
	if (!job->batch)
		return ccp_fail(c, ccp_hr_from_slurm_errno(CCP_SLURM_BATCH_ONLY),
				"Job %u is not a batch job (started by srun or "
				"salloc); Slurm requeues only batch jobs (Slurm: "
				"%s). Nothing was changed.", job->job_id,
				slurm_words(c, CCP_SLURM_BATCH_ONLY));
	return CCP_S_OK;
}

/* Read a job and apply every job-level rule. */
static ccp_hr_t read_checked(ccp_cluster *c, uint32_t job_id,
			     const uint32_t *ids, size_t n, ccp_job *job)
{
	ccp_hr_t hr;

	if (ids && c->be->read_tasks)
		hr = c->be->read_tasks(c, job_id, ids, n, job);
	else
		hr = c->be->read_job(c, job_id, job);
	if (CCP_FAILED(hr))
		return hr;
	hr = check_job_shape(c, job);
	if (CCP_FAILED(hr))
		return hr;
	return check_job_level(c, job);
}

/* ------------------------------------------------------------------ */
/* The engine                                                          */

/* One call's working state: the task list and what happened to each. */
typedef struct run {
	ccp_cluster *c;
	ccp_job *job;
	uint32_t job_id;
	const uint32_t *ids;	/* the caller's order */
	size_t n;
	uint8_t *status;	/* CCP status as first read */
	uint8_t *sent;		/* 0 none, 1 plain, 2 running_only */
	uint32_t *restart;	/* restart count as first read */
	size_t stop;		/* index of the first refused task, or n */
	uint32_t *buf;		/* scratch for task id sets */
} run;

static void report(const run *r, size_t i, ccp_hr_t hr)
{
	ccp_task_report rep;
	const ccp_task *t;

	if (!r->c->report)
		return;
	memset(&rep, 0, sizeof(rep));
	rep.job_id = (int32_t)r->job_id;
	rep.task_id = (int32_t)r->ids[i];
	rep.status = (ccp_task_status)r->status[i];
	rep.action = action_of(rep.status);
	rep.hr = hr;
	t = ccp_job_find(r->job, r->ids[i]);
	rep.held = t && (t->held) && rep.status == CCP_STATUS_QUEUED;
	rep.dry_run = r->c->dry_run;
	r->c->report(r->c->report_arg, &rep);
}

/*
 * Whether task i was requeued since the first read: Slurm counts every
 * requeue in restart_cnt; after a light read (no counts, and only tasks in
 * ended states) a requeued task is the one now queued.
 */
static int requeued_since(const run *r, size_t i, const ccp_task *t)
{
	if (!t)
		return 0;
	if (r->restart[i] == UINT32_MAX)
		return ccp_status_of_state(t->state) == CCP_STATUS_QUEUED;
	return t->restart_cnt > r->restart[i];
}

/* Send the tasks of [0, stop) marked `kind`, in one RPC. */
static ccp_hr_t send_kind(run *r, uint8_t kind, ccp_rq_result *res)
{
	size_t i, m = 0;

	memset(res, 0, sizeof(*res));
	res->all_ok = 1;
	for (i = 0; i < r->stop; i++)
		if (r->sent[i] == kind)
			r->buf[m++] = r->ids[i];
	if (!m)
		return CCP_S_OK;
	ccp_sort_ids(r->buf, m);	/* the caller's order may not be */
	return r->c->be->requeue(r->c, r->job, r->buf, m, kind == 2, res);
}

/*
 * Walk the caller's list over the job as read: mark what to send, find the
 * first refusal. A task marked for sending reads as queued from then on,
 * so a duplicate id finds it queued.
 */
static void plan(run *r)
{
	size_t i;

	r->stop = r->n;
	for (i = 0; i < r->n; i++) {
		ccp_task *t = (ccp_task *)ccp_job_find(r->job, r->ids[i]);
		ccp_task_status s = t ? ccp_status_of_state(t->state) :
					CCP_STATUS_NONE;

		r->status[i] = (uint8_t)s;
		r->sent[i] = 0;
		/* Unknown (light read): never taken as "requeued since". */
		r->restart[i] = !t ? 0 : r->job->no_restart ? UINT32_MAX :
			       t->restart_cnt;
		if (s == CCP_STATUS_NONE || s == CCP_STATUS_FINISHED) {
			r->stop = i;
			return;
		}
		if (s == CCP_STATUS_RUNNING)
			r->sent[i] = 2;
		else if (s == CCP_STATUS_FAILED || s == CCP_STATUS_CANCELLED)
			r->sent[i] = 1;
		if (r->sent[i])
			t->state = (t->state & ~ST_BASE) | ST_PENDING;
	}
}

/* The refusal at r->stop, as planned (nothing changed by then). */
static ccp_hr_t fail_at_stop(run *r, size_t queued)
{
	uint32_t tid = r->ids[r->stop];

	return fail_task(r->c, r->job, tid, ccp_job_find(r->job, tid), 0,
			 NULL, queued, 0);
}

static ccp_hr_t run_default(run *r, size_t *n_queued)
{
	ccp_cluster *c = r->c;
	ccp_rq_result res1, res2;
	size_t i, queued;
	int round;
	ccp_hr_t hr;

	plan(r);
	if (c->dry_run) {
		for (i = 0; i < r->stop; i++)
			report(r, i, CCP_S_OK);
		*n_queued = r->stop;
		if (r->stop == r->n)
			return CCP_S_OK;
		hr = fail_at_stop(r, r->stop);
		report(r, r->stop, hr);
		return hr;
	}

	for (round = 0;; round++) {
		int any_running = 0, again = 0;
		size_t bad = r->stop;
		int bad_errno = 0;
		const char *bad_ids = NULL;

		hr = send_kind(r, 1, &res1);
		if (CCP_SUCCEEDED(hr))
			hr = send_kind(r, 2, &res2);
		if (CCP_FAILED(hr))
			return hr;	/* the backend said what it could */
		for (i = 0; i < r->stop; i++)
			any_running |= r->sent[i] == 2;
		if (!any_running && res1.all_ok && res2.all_ok)
			break;
		if (round == MAX_ROUNDS)
			return ccp_fail(c, CCP_E_FAIL, "Job %u kept changing "
					"during the requeue; %d rounds did not "
					"settle it. Try again, or use strict "
					"mode.", r->job_id, MAX_ROUNDS);
		/* Judge every sent task again by what the cluster holds. */
		ccp_job_reset(r->job);
		hr = c->be->read_job(c, r->job_id, r->job);
		if (CCP_FAILED(hr))
			return hr;
		if (!r->job->found)
			return fail_job_not_found(c, r->job_id);
		for (i = 0; i < r->stop; i++) {
			const ccp_task *t = ccp_job_find(r->job, r->ids[i]);
			ccp_task_status s = t ? ccp_status_of_state(t->state) :
						CCP_STATUS_NONE;
			uint8_t was = r->sent[i];

			r->sent[i] = 0;
			/* Not sent: it was queued when read, and that holds. */
			if (!was || bad < r->stop)
				continue;
			/* Slurm counts every requeue in restart_cnt. */
			if (s == CCP_STATUS_QUEUED || requeued_since(r, i, t))
				continue;
			if (was == 2 && (s == CCP_STATUS_FAILED ||
					 s == CCP_STATUS_CANCELLED)) {
				/* It ended between read and requeue: judge
				 * it again by its new state. */
				r->sent[i] = 1;
				again = 1;
				continue;
			}
			bad = i;
			if (was == 1 && !res1.all_ok) {
				bad_errno = res1.first_errno;
				bad_ids = res1.first_ids;
			} else if (was == 2 && !res2.all_ok) {
				bad_errno = res2.first_errno;
				bad_ids = res2.first_ids;
			}
		}
		if (bad < r->stop) {
			size_t after = 0;
			const ccp_task *t = ccp_job_find(r->job, r->ids[bad]);

			for (i = bad + 1; i < r->stop; i++) {
				const ccp_task *u = ccp_job_find(r->job,
								 r->ids[i]);

				after += r->status[i] != CCP_STATUS_QUEUED &&
					 requeued_since(r, i, u);
			}
			for (i = 0; i < bad; i++)
				report(r, i, CCP_S_OK);
			*n_queued = bad;
			hr = fail_task(c, r->job, r->ids[bad], t, bad_errno,
				       bad_ids, bad, after);
			report(r, bad, hr);
			return hr;
		}
		if (!again)
			break;
	}
	queued = r->stop;
	for (i = 0; i < queued; i++)
		report(r, i, CCP_S_OK);
	*n_queued = queued;
	if (r->stop == r->n)
		return CCP_S_OK;
	hr = fail_at_stop(r, queued);
	report(r, r->stop, hr);
	return hr;
}

/*
 * Strict mode: task by task, in order, one requeue RPC each. A task sent as
 * running is read again (its own record) to tell "requeued" from "ended
 * just before": the latter is judged again by its new state.
 */
static ccp_hr_t run_strict(run *r, size_t *n_queued)
{
	ccp_cluster *c = r->c;
	size_t i;
	ccp_hr_t hr;

	for (i = 0; i < r->n; i++) {
		ccp_task *t = (ccp_task *)ccp_job_find(r->job, r->ids[i]);
		ccp_task_status s = t ? ccp_status_of_state(t->state) :
					CCP_STATUS_NONE;
		int tries;

		r->status[i] = (uint8_t)s;
		for (tries = 0; tries < MAX_ROUNDS; tries++) {
			ccp_rq_result res;
			uint32_t tid = r->ids[i];

			if (s == CCP_STATUS_NONE || s == CCP_STATUS_FINISHED) {
				*n_queued = i;
				hr = fail_task(c, r->job, tid, t, 0, NULL, i, 0);
				report(r, i, hr);
				return hr;
			}
			if (s == CCP_STATUS_QUEUED || c->dry_run)
				break;
			memset(&res, 0, sizeof(res));
			hr = c->be->requeue(c, r->job, &tid, 1,
					    s == CCP_STATUS_RUNNING, &res);
			if (CCP_FAILED(hr))
				return hr;
			if (!res.all_ok) {
				*n_queued = i;
				hr = fail_task(c, r->job, tid, t,
					       res.first_errno, res.first_ids,
					       i, 0);
				report(r, i, hr);
				return hr;
			}
			if (s != CCP_STATUS_RUNNING) {
				t->state = (t->state & ~ST_BASE) | ST_PENDING;
				break;
			}
			/* Running: did it requeue, or end first? */
			hr = c->be->read_task(c, r->job, t);
			if (CCP_FAILED(hr))
				return hr;
			s = ccp_status_of_state(t->state);
			if (s == CCP_STATUS_QUEUED)
				break;
			if (s == CCP_STATUS_RUNNING) {
				*n_queued = i;
				hr = fail_task(c, r->job, tid, t, 0, NULL, i, 0);
				report(r, i, hr);
				return hr;
			}
		}
		if (tries == MAX_ROUNDS) {
			*n_queued = i;
			return ccp_fail(c, CCP_E_FAIL, "Job %u, task %u kept "
					"changing during the requeue. %zu task%s "
					"before it %s queued.", r->job_id,
					r->ids[i], i, plural(i),
					i == 1 ? "is" : "are");
		}
		report(r, i, CCP_S_OK);
	}
	*n_queued = r->n;
	return CCP_S_OK;
}

static ccp_hr_t run_list(ccp_cluster *c, ccp_job *job, const uint32_t *ids,
			 size_t n, size_t *n_queued)
{
	run r;
	ccp_hr_t hr;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.job = job;
	r.job_id = job->job_id;
	r.ids = ids;
	r.n = n;
	r.status = malloc(n ? n : 1);
	r.sent = malloc(n ? n : 1);
	r.buf = malloc((n ? n : 1) * sizeof(uint32_t));
	r.restart = malloc((n ? n : 1) * sizeof(uint32_t));
	if (!r.status || !r.sent || !r.buf || !r.restart) {
		hr = ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory for %zu "
			      "task ids of job %u", n, job->job_id);
	} else {
		hr = c->strict ? run_strict(&r, n_queued) :
				 run_default(&r, n_queued);
	}
	free(r.status);
	free(r.sent);
	free(r.buf);
	free(r.restart);
	return hr;
}

/* ------------------------------------------------------------------ */
/* The public calls                                                    */

ccp_hr_t ccp_requeue_tasks(ccp_cluster *c, int32_t job_id,
			   const int32_t *task_ids, size_t n,
			   size_t *n_queued)
{
	size_t i, dummy;
	ccp_job job;
	ccp_hr_t hr;

	if (!n_queued)
		n_queued = &dummy;
	*n_queued = 0;
	if (!c)
		return CCP_E_POINTER;
	if (n && !task_ids)
		return ccp_fail(c, CCP_E_POINTER, "RequeueTasks: the task id "
				"list is NULL.");
	if (CCP_FAILED(hr = check_job_id(c, job_id)))
		return hr;
	for (i = 0; i < n; i++)
		if (task_ids[i] < 0)
			return ccp_fail(c, CCP_E_INVALIDARG, "RequeueTasks: "
					"task id %d (item %zu) is negative; "
					"nothing was changed.", task_ids[i],
					i + 1);
	if (CCP_FAILED(hr = check_connected(c)))
		return hr;
	for (i = 0; i < n; i++)
		if ((uint32_t)task_ids[i] >= c->max_array_size)
			return ccp_fail(c, CCP_E_INVALIDARG, "RequeueTasks: "
					"task id %d (item %zu) is over this "
					"cluster's largest task id %u "
					"(MaxArraySize=%u); nothing was changed.",
					task_ids[i], i + 1,
					c->max_array_size - 1,
					c->max_array_size);
	if (n == 0)
		return CCP_S_OK;

	memset(&job, 0, sizeof(job));
	hr = read_checked(c, (uint32_t)job_id, (const uint32_t *)task_ids, n,
			  &job);
	if (CCP_SUCCEEDED(hr))
		hr = run_list(c, &job, (const uint32_t *)task_ids, n, n_queued);
	ccp_job_reset(&job);
	return hr;
}

ccp_hr_t ccp_requeue_task(ccp_cluster *c, int32_t job_id, int32_t task_id)
{
	return ccp_requeue_tasks(c, job_id, &task_id, 1, NULL);
}

/* RequeueJob on a job already read and checked. */
static ccp_hr_t requeue_whole_job(ccp_cluster *c, ccp_job *job)
{
	size_t i, m = 0, queued = 0, cancelled = 0, finished = 0, dummy;
	uint32_t *ids;
	ccp_hr_t hr;

	ids = malloc((job->ntasks ? job->ntasks : 1) * sizeof(*ids));
	if (!ids)
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory for the "
				"%zu tasks of job %u", job->ntasks,
				job->job_id);
	for (i = 0; i < job->ntasks; i++) {
		switch (ccp_status_of_state(job->tasks[i].state)) {
		case CCP_STATUS_FAILED:
		case CCP_STATUS_RUNNING:
			ids[m++] = job->tasks[i].task_id;
			break;
		case CCP_STATUS_QUEUED:
			queued++;
			break;
		case CCP_STATUS_CANCELLED:
			cancelled++;
			break;
		default:
			finished++;
			break;
		}
	}
	if (!m && !queued) {
		free(ids);
		return ccp_fail(c, CCP_E_JOB_FINISHED, "Job %u has ended: "
				"%zu task%s finished and %zu cancelled, none "
				"failed or running. You cannot call this method "
				"for a completed job. RequeueJob does not rerun "
				"cancelled tasks: use RequeueTasks for them.",
				job->job_id, finished, plural(finished),
				cancelled);
	}
	hr = m ? run_list(c, job, ids, m, &dummy) : CCP_S_OK;
	free(ids);
	return hr;
}

ccp_hr_t ccp_requeue_job(ccp_cluster *c, int32_t job_id)
{
	ccp_job job;
	ccp_hr_t hr;

	if (!c)
		return CCP_E_POINTER;
	if (CCP_FAILED(hr = check_job_id(c, job_id)))
		return hr;
	if (CCP_FAILED(hr = check_connected(c)))
		return hr;
	memset(&job, 0, sizeof(job));
	hr = read_checked(c, (uint32_t)job_id, NULL, 0, &job);
	if (CCP_SUCCEEDED(hr))
		hr = requeue_whole_job(c, &job);
	ccp_job_reset(&job);
	return hr;
}

ccp_hr_t ccp_requeue_jobs(ccp_cluster *c, const int32_t *job_ids, size_t n,
			  size_t *n_done)
{
	size_t i, dummy;
	ccp_hr_t hr;

	if (!n_done)
		n_done = &dummy;
	*n_done = 0;
	if (!c)
		return CCP_E_POINTER;
	if (n && !job_ids)
		return ccp_fail(c, CCP_E_POINTER, "RequeueJobs: the job id "
				"list is NULL.");
	for (i = 0; i < n; i++)
		if (job_ids[i] <= 0)
			return ccp_fail(c, CCP_E_INVALIDARG, "RequeueJobs: job "
					"id %d (item %zu) is not valid; nothing "
					"was changed.", job_ids[i], i + 1);
	if (n && CCP_FAILED(hr = check_connected(c)))
		return hr;
	for (i = 0; i < n; i++) {
		hr = ccp_requeue_job(c, job_ids[i]);
		if (CCP_FAILED(hr)) {
			char msg[CCP_ERRMSG_MAX];

			memcpy(msg, c->errmsg, sizeof(msg));
			return ccp_fail(c, hr, "RequeueJobs stopped at job %d "
					"(item %zu of %zu); %zu job%s before it "
					"%s requeued, none after it was touched. "
					"%s", job_ids[i], i + 1, n, i,
					plural(i), i == 1 ? "was" : "were", msg);
		}
		*n_done = i + 1;
	}
	return CCP_S_OK;
}

ccp_hr_t ccp_list_tasks(ccp_cluster *c, int32_t job_id,
			ccp_task_info **tasks, size_t *n)
{
	ccp_task_info *out;
	ccp_job job;
	ccp_hr_t hr;
	size_t i;

	if (!c)
		return CCP_E_POINTER;
	if (!tasks || !n)
		return ccp_fail(c, CCP_E_POINTER, "ListTasks: NULL output.");
	*tasks = NULL;
	*n = 0;
	if (CCP_FAILED(hr = check_job_id(c, job_id)))
		return hr;
	if (CCP_FAILED(hr = check_connected(c)))
		return hr;
	memset(&job, 0, sizeof(job));
	hr = c->be->read_job(c, (uint32_t)job_id, &job);
	if (CCP_SUCCEEDED(hr))
		hr = check_job_shape(c, &job);
	if (CCP_FAILED(hr))
		goto out;
	out = calloc(job.ntasks ? job.ntasks : 1, sizeof(*out));
	if (!out) {
		hr = ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory listing "
			      "the %zu tasks of job %u", job.ntasks,
			      job.job_id);
		goto out;
	}
	for (i = 0; i < job.ntasks; i++) {
		const ccp_task *t = &job.tasks[i];

		out[i].task_id = (int32_t)t->task_id;
		out[i].slurm_job_id = t->job_id;
		out[i].slurm_state = t->state;
		out[i].status = ccp_status_of_state(t->state);
		out[i].action = action_of(out[i].status);
		out[i].restart_count = t->restart_cnt;
		out[i].exit_code = t->exit_code;
		out[i].held = t->held;
		snprintf(out[i].state_name, sizeof(out[i].state_name), "%s",
			 state_name(t->state));
	}
	*tasks = out;
	*n = job.ntasks;
out:
	ccp_job_reset(&job);
	return hr;
}
