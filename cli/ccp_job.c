/*
 * ccp_job.c - the ccp-job command (HPC Pack's "job"): requeue whole jobs
 * with RequeueJob's rules (failed tasks queued again, running ones
 * cancelled and queued again, cancelled and finished ones left), in the
 * order given, stopping at the first job that fails; and view a job's
 * counts with what RequeueJob would do to it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ids.h"

static const char *const commands[] = { "requeue", "view", NULL };

static const char help[] =
"Usage: ccp-job requeue JOB... [options]\n"
"       ccp-job view JOB... [options]\n"
"\n"
"Requeue whole jobs with Compute Cluster Pack's RequeueJob rules: a job's\n"
"failed tasks are queued again and its running tasks cancelled and queued\n"
"again; cancelled tasks are not rerun (use ccp-task requeue for them) and\n"
"finished tasks stay finished; a job whose tasks have all ended without a\n"
"failure is refused. Jobs are taken in the order given; the first that\n"
"fails stops the command, and no job after it is touched. A requeued task\n"
"waits about 120 s (reason BeginTime) before it may start again.\n"
"\n"
"view prints a job's tasks by status and what RequeueJob would do.\n"
"\n"
"Options:\n"
"  -s, --scheduler=NAME  the cluster: a Slurm ClusterName, a controller host\n"
"                        or an http(s):// slurmrestd URL (also\n"
"                        /scheduler:NAME; default: $CCP_SCHEDULER, then the\n"
"                        local Slurm configuration)\n"
"  -n, --dry-run         read the states and print what a requeue would do;\n"
"                        change nothing; exit with the status the requeue\n"
"                        would\n"
"  -q, --quiet           print nothing on stdout (errors still go to stderr)\n"
"      --json            print one JSON document on stdout\n"
"      --strict          one requeue request per task, in order\n"
"      --timeout=SECONDS bound on connecting and on each request (1-3600)\n"
"  -h, --help            this help (also /?)\n"
"  -V, --version         the version\n"
"\n"
"Exit status: 0 success; 1 failure; 2 usage error or invalid argument;\n"
"3 job not found; 4 refused (job finished, requeue disabled); 5 access\n"
"denied; 6 cluster unreachable, no configuration or timeout; 7 not\n"
"supported; 8 out of memory.\n"
"See ccp-job(1).\n";

static const cli_prog prog = { "ccp-job", commands, help };

static int do_requeue(const cli_opts *o, cli_out *out, ccp_cluster *c,
		      const cli_ids *ids)
{
	ccp_hr_t hr;
	size_t i;

	ccp_set_report(c, out_report, out);
	for (i = 0; i < ids->n; i++) {
		hr = ccp_requeue_job(c, ids->job[i]);
		out_job_done(out, ids->job[i], hr);
		if (CCP_SUCCEEDED(hr))
			continue;
		out_not_reached(out, ids->n - i - 1);
		if (ids->n > 1) {
			char where[256];

			snprintf(where, sizeof(where), "%s at job %d (job %zu "
				 "of %zu): %zu job%s before it %s, %zu after "
				 "it %s", o->dry_run ?
				 "the requeue would stop" : "stopped",
				 ids->job[i], i + 1, ids->n, i,
				 i == 1 ? "" : "s", o->dry_run ?
				 "would be requeued" : i == 1 ?
				 "was requeued" : "were requeued",
				 ids->n - i - 1, o->dry_run ?
				 "would not be touched" : ids->n - i - 1 == 1 ?
				 "was not touched" : "were not touched");
			return out_fail(out, hr, cli_message(c, hr), where);
		}
		return out_fail(out, hr, cli_message(c, hr), NULL);
	}
	return 0;
}

static void count_would(void *arg, const ccp_task_report *r)
{
	if (CCP_SUCCEEDED(r->hr) && r->action != CCP_ACTION_NONE)
		++*(size_t *)arg;
}

static int do_view(cli_out *out, ccp_cluster *c, const cli_ids *ids)
{
	ccp_task_info *t = NULL;
	size_t i, n, would;
	char msg[2048];
	ccp_hr_t hr, verdict;

	hr = ccp_set_option(c, CCP_OPT_DRY_RUN, 1);
	if (CCP_FAILED(hr))
		return out_fail(out, hr, cli_message(c, hr), NULL);
	for (i = 0; i < ids->n; i++) {
		hr = ccp_list_tasks(c, ids->job[i], &t, &n);
		if (CCP_FAILED(hr))
			return out_fail(out, hr, cli_message(c, hr), NULL);
		would = 0;
		ccp_set_report(c, count_would, &would);
		verdict = ccp_requeue_job(c, ids->job[i]);
		ccp_set_report(c, NULL, NULL);
		snprintf(msg, sizeof(msg), "%s",
			 CCP_FAILED(verdict) ? cli_message(c, verdict) : "");
		out_job_view(out, ids->job[i], t, n, would, verdict, msg);
		ccp_free(t);
		t = NULL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	cli_ids ids = { 0 };
	ccp_cluster *c = NULL;
	cli_out *out;
	cli_opts o;
	ccp_hr_t hr;
	int r, status;

	if ((r = cli_parse(argc, argv, &prog, &o)) >= 0)
		return r;
	if ((r = cli_parse_ids(&o, &ids, cli_ids_add_job_arg, "job id")) >= 0)
		return r;
	if (!(out = out_new(&o))) {
		fprintf(stderr, "%s: out of memory\n", o.prog->name);
		cli_ids_free(&ids);
		return ccp_hr_exit_status(CCP_E_OUTOFMEMORY);
	}
	hr = cli_connect(&o, &c);
	if (CCP_FAILED(hr)) {
		if (!strcmp(o.command, "requeue"))
			out_not_reached(out, ids.n);
		status = out_fail(out, hr, cli_message(c, hr), NULL);
	} else if (!strcmp(o.command, "requeue")) {
		status = do_requeue(&o, out, c, &ids);
	} else {
		status = do_view(out, c, &ids);
	}
	status = out_finish(out, status);
	ccp_cluster_free(c);
	cli_ids_free(&ids);
	return status;
}
