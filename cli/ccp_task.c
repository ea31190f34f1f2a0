/*
 * ccp_task.c - the ccp-task command (HPC Pack's "task"): requeue tasks by
 * JOB.TASK, JOB_TASK or JOB.[1-5,9], list a job's tasks, view some tasks.
 * Every id is checked before the cluster is contacted; consecutive ids of
 * one job go to the cluster in one ccp_requeue_tasks call, and the command
 * stops at the first failure across all of them, as the API does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ids.h"

static const char *const commands[] = { "requeue", "list", "view", NULL };

static const char help[] =
"Usage: ccp-task requeue JOB.TASK... [options]\n"
"       ccp-task list JOB... [options]\n"
"       ccp-task view JOB.TASK... [options]\n"
"\n"
"Requeue, list or view the tasks of Slurm job arrays, with Compute Cluster\n"
"Pack's RequeueTasks rules: tasks are taken in the order given; failed and\n"
"cancelled tasks are queued again, running ones cancelled and queued again,\n"
"queued ones left as they are; the first task that cannot be queued (it\n"
"finished, or does not exist) stops the command, and no task after it is\n"
"touched. A requeued task waits about 120 s (reason BeginTime) before it\n"
"may start again.\n"
"\n"
"Task ids: JOB.TASK or JOB_TASK (95.4, 95_4); a list or ranges in\n"
"brackets, expanded in order: 95.[1-5,9], 95_[1-9:2]. A plain batch job\n"
"has one task, 1. Ids of several jobs may be mixed; their order is kept.\n"
"\n"
"Options:\n"
"  -s, --scheduler=NAME  the cluster: a Slurm ClusterName, a controller host\n"
"                        or an http(s):// slurmrestd URL (also\n"
"                        /scheduler:NAME; default: $CCP_SCHEDULER, then the\n"
"                        local Slurm configuration)\n"
"  -n, --dry-run         read the states and print what a requeue would do,\n"
"                        task by task, and where it would stop; change\n"
"                        nothing; exit with the status the requeue would\n"
"  -q, --quiet           print nothing on stdout (errors still go to stderr)\n"
"      --json            print one JSON document on stdout\n"
"      --strict          one requeue request per task, in order\n"
"      --timeout=SECONDS bound on connecting and on each request (1-3600)\n"
"  -h, --help            this help (also /?)\n"
"  -V, --version         the version\n"
"\n"
"Exit status: 0 success; 1 failure; 2 usage error or invalid argument;\n"
"3 job or task not found; 4 refused (task or job finished, requeue\n"
"disabled); 5 access denied; 6 cluster unreachable, no configuration or\n"
"timeout; 7 not supported; 8 out of memory.\n"
"See ccp-task(1).\n";

static const cli_prog prog = { "ccp-task", commands, help };

/* What one argument is, for "requeue needs at least one ...". */
#define TASK_ID "task id (JOB.TASK, for example 95.4)"

static int do_requeue(const cli_opts *o)
{
	cli_ids ids = { 0 };
	ccp_cluster *c = NULL;
	cli_out *out = NULL;
	size_t start, end, nq, stop;
	int status = 0, r;
	ccp_hr_t hr;

	if ((r = cli_parse_ids(o, &ids, cli_ids_add_task_arg, TASK_ID)) >= 0)
		return r;
	if (!(out = out_new(o))) {
		fprintf(stderr, "%s: out of memory\n", o->prog->name);
		cli_ids_free(&ids);
		return ccp_hr_exit_status(CCP_E_OUTOFMEMORY);
	}
	hr = cli_connect(o, &c);
	if (CCP_FAILED(hr)) {
		out_not_reached(out, ids.n);
		status = out_fail(out, hr, cli_message(c, hr), NULL);
		goto done;
	}
	ccp_set_report(c, out_report, out);
	for (start = 0; start < ids.n; start = end) {
		end = cli_ids_run_end(&ids, start);
		nq = 0;
		hr = ccp_requeue_tasks(c, ids.job[start], ids.task + start,
				       end - start, &nq);
		if (CCP_SUCCEEDED(hr))
			continue;
		stop = start + nq;
		if (stop >= ids.n)
			stop = ids.n - 1;
		out_not_reached(out, ids.n - stop - 1);
		if (ids.n > 1) {
			char where[256];

			snprintf(where, sizeof(where), "%s at %d.%d (id %zu "
				 "of %zu): %zu id%s before it %s queued, %zu "
				 "after it %s", o->dry_run ?
				 "the requeue would stop" : "stopped",
				 ids.job[stop], ids.task[stop], stop + 1,
				 ids.n, stop, stop == 1 ? "" : "s",
				 o->dry_run ? "would be" :
				 stop == 1 ? "is" : "are", ids.n - stop - 1,
				 o->dry_run ? "would not be touched" :
				 ids.n - stop - 1 == 1 ? "was not touched" :
				 "were not touched");
			status = out_fail(out, hr, cli_message(c, hr), where);
		} else {
			status = out_fail(out, hr, cli_message(c, hr), NULL);
		}
		break;
	}
done:
	status = out_finish(out, status);
	ccp_cluster_free(c);
	cli_ids_free(&ids);
	return status;
}

static int cmp_task(const void *key, const void *elem)
{
	int32_t k = *(const int32_t *)key;
	int32_t t = ((const ccp_task_info *)elem)->task_id;

	return (k > t) - (k < t);
}

/*
 * A job-level refusal that would stop any requeue of the job (requeue
 * disabled, access denied, not a batch job), found by a dry run on one of
 * its tasks. Task-level refusals are the per-task actions' business.
 */
static ccp_hr_t job_level(ccp_cluster *c, int32_t job, const ccp_task_info *t,
			  size_t n, char *msg, size_t len)
{
	ccp_hr_t hr;

	msg[0] = '\0';
	if (!n)
		return CCP_S_OK;
	hr = ccp_requeue_tasks(c, job, &t[0].task_id, 1, NULL);
	if (CCP_SUCCEEDED(hr) || hr == CCP_E_TASK_FINISHED ||
	    hr == CCP_E_TASK_NOT_FOUND)
		return CCP_S_OK;
	snprintf(msg, len, "%s", cli_message(c, hr));
	return hr;
}

/* list (job ids) and view (task ids): read, judge, print; change nothing. */
static int do_list(const cli_opts *o, int view)
{
	cli_ids ids = { 0 };
	ccp_cluster *c = NULL;
	cli_out *out = NULL;
	ccp_task_info *t = NULL, *sel = NULL;
	size_t start, end, n, i, m;
	char msg[2048];
	int status = 0, r;
	ccp_hr_t hr, jhr;

	r = view ? cli_parse_ids(o, &ids, cli_ids_add_task_arg, TASK_ID) :
		   cli_parse_ids(o, &ids, cli_ids_add_job_arg, "job id");
	if (r >= 0)
		return r;
	if (!(out = out_new(o))) {
		fprintf(stderr, "%s: out of memory\n", o->prog->name);
		cli_ids_free(&ids);
		return ccp_hr_exit_status(CCP_E_OUTOFMEMORY);
	}
	hr = cli_connect(o, &c);
	if (CCP_SUCCEEDED(hr))	/* the job-level probe must never send */
		hr = ccp_set_option(c, CCP_OPT_DRY_RUN, 1);
	if (CCP_FAILED(hr)) {
		status = out_fail(out, hr, cli_message(c, hr), NULL);
		goto done;
	}
	for (start = 0; start < ids.n; start = end) {
		int32_t job = ids.job[start];

		end = view ? cli_ids_run_end(&ids, start) : start + 1;
		hr = ccp_list_tasks(c, job, &t, &n);
		if (CCP_FAILED(hr)) {
			status = out_fail(out, hr, cli_message(c, hr), NULL);
			goto done;
		}
		jhr = job_level(c, job, t, n, msg, sizeof(msg));
		if (!view) {
			out_task_list(out, job, t, n, n, jhr, msg);
			ccp_free(t);
			t = NULL;
			continue;
		}
		sel = malloc((end - start) * sizeof(*sel));
		if (!sel) {
			status = out_fail(out, CCP_E_OUTOFMEMORY,
					  "out of memory", NULL);
			goto done;
		}
		for (i = start, m = 0; i < end; i++) {
			const ccp_task_info *f = bsearch(&ids.task[i], t, n,
							 sizeof(*t), cmp_task);
			if (!f)
				break;
			sel[m++] = *f;
		}
		out_task_list(out, job, sel, m, n, jhr, msg);
		if (i < end) {
			snprintf(msg, sizeof(msg), "Job %d, task %d: no such "
				 "task (job %d has %zu task%s: 'ccp-task list "
				 "%d' shows them). A task that ended more than "
				 "MinJobAge ago is forgotten by Slurm.", job,
				 ids.task[i], job, n, n == 1 ? "" : "s", job);
			status = out_fail(out, CCP_E_TASK_NOT_FOUND, msg, NULL);
			goto done;
		}
		free(sel);
		sel = NULL;
		ccp_free(t);
		t = NULL;
	}
done:
	status = out_finish(out, status);
	free(sel);
	ccp_free(t);
	ccp_cluster_free(c);
	cli_ids_free(&ids);
	return status;
}

int main(int argc, char **argv)
{
	cli_opts o;
	int r;

	if ((r = cli_parse(argc, argv, &prog, &o)) >= 0)
		return r;
	if (!strcmp(o.command, "requeue"))
		return do_requeue(&o);
	return do_list(&o, !strcmp(o.command, "view"));
}
