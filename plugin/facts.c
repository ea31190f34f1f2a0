/*
 * facts.c - what this job step's tasks are told, gathered once per step in
 * slurmstepd (as root, before any task exists).
 *
 * Trust: the batch step is started from a launch message slurmctld built;
 * slurmstepd gives the plugin its job and array ids (spank_get_item) and
 * has overwritten SLURM_JOB_NODELIST and SLURM_JOB_CPUS_PER_NODE in the
 * step's environment from that message before SPANK starts, so nothing
 * here comes from the submitter's environment. Any other step (srun,
 * salloc's steps) is launched from a message srun built out of a user
 * process's environment: only the job id is Slurm's own, so the rest is
 * read from the job's record in slurmctld (one RPC per step per node).
 * The restart count of the batch step is read per task (remote.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <slurm/slurm.h>

#include "ccpshim.h"

/* A step environment variable, bounded; NULL if unset or too long. */
static char *step_getenv(spank_t sp, const char *name, size_t max)
{
	char *buf = malloc(max + 1);

	if (!buf)
		return NULL;
	if (spank_getenv(sp, name, buf, (int)max + 1) != ESPANK_SUCCESS) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* CCP_NODES and CCP_NUMCPUS from the batch step's own allocation. */
static int batch_nodes(spank_t sp, struct ccp_facts *f)
{
	char *list = step_getenv(sp, "SLURM_JOB_NODELIST", CCP_NODELIST_MAX);
	char *cpn = step_getenv(sp, "SLURM_JOB_CPUS_PER_NODE", CCP_NODELIST_MAX);
	char **hosts = NULL;
	uint32_t *cpus = NULL;
	size_t n = 0, i;
	long nc;
	int rc = -1;

	if (!list || !cpn) {
		snprintf(f->why, sizeof(f->why), "the batch step has no "
			 "SLURM_JOB_NODELIST or SLURM_JOB_CPUS_PER_NODE");
		goto out;
	}
	if (ccp_rt_expand_hosts(list, &hosts, &n, CCP_MAX_NODES) < 0 || !n) {
		snprintf(f->why, sizeof(f->why), "cannot expand the node list "
			 "'%.64s'", list);
		goto out;
	}
	if (!(cpus = calloc(n, sizeof(*cpus))))
		goto out;
	nc = ccp_parse_cpus_per_node(cpn, cpus, n);
	if (nc < 0 || (size_t)nc != n) {
		snprintf(f->why, sizeof(f->why), "CPUs per node '%.64s' does "
			 "not match %zu nodes", cpn, n);
		goto out;
	}
	f->num_cpus = 0;
	for (i = 0; i < n; i++)
		f->num_cpus += cpus[i];
	if (!(f->nodes = malloc(CCP_NODES_MAX)) ||
	    ccp_format_nodes(f->nodes, CCP_NODES_MAX, hosts, cpus, n) < 0) {
		snprintf(f->why, sizeof(f->why), "CCP_NODES would be over %d "
			 "bytes", CCP_NODES_MAX);
		goto out;
	}
	rc = 0;
out:
	free(list);
	free(cpn);
	free(cpus);
	ccp_rt_free_hosts(hosts, n);
	return rc;
}

static int batch_facts(spank_t sp, const struct ccp_config *cfg,
		       struct ccp_facts *f)
{
	uint32_t job_id = 0, arr_job = 0, arr_task = NO_VAL;
	struct ccp_facts rec;

	if (spank_get_item(sp, S_JOB_ID, &job_id) != ESPANK_SUCCESS ||
	    spank_get_item(sp, S_JOB_ARRAY_ID, &arr_job) != ESPANK_SUCCESS ||
	    spank_get_item(sp, S_JOB_ARRAY_TASK_ID, &arr_task) !=
	    ESPANK_SUCCESS) {
		snprintf(f->why, sizeof(f->why), "slurmstepd did not give "
			 "the job's ids");
		return -1;
	}
	if (arr_task != NO_VAL && arr_job != 0) {
		f->job_id = arr_job;
		f->task_id = arr_task;
	} else {
		f->job_id = job_id;
		f->task_id = 1;
	}
	if (batch_nodes(sp, f) < 0)
		return -1;

	/* CCP_RERUNNABLE only: the launch message does not carry it. */
	if (cfg->vars & CCP_VBIT(CCP_V_RERUNNABLE)) {
		memset(&rec, 0, sizeof(rec));
		if (ccp_rt_job_record(job_id, &rec, false) == 0) {
			f->have_requeue = true;
			f->requeue = rec.requeue;
		} else {
			slurm_error("%s: CCP_RERUNNABLE not set: %s",
				    CCP_PLUGIN_NAME, rec.why);
		}
		ccp_facts_free(&rec);
	}
	return 0;
}

int ccp_facts_gather(spank_t sp, const struct ccp_config *cfg,
		     struct ccp_facts *f)
{
	uint32_t job_id = 0, step_id = 0;
	const char *ctl;

	memset(f, 0, sizeof(*f));
	if (cfg->scheduler[0])
		snprintf(f->scheduler, sizeof(f->scheduler), "%s",
			 cfg->scheduler);
	else if ((ctl = ccp_rt_controller()))
		snprintf(f->scheduler, sizeof(f->scheduler), "%s", ctl);

	if (spank_get_item(sp, S_JOB_ID, &job_id) != ESPANK_SUCCESS ||
	    spank_get_item(sp, S_JOB_STEPID, &step_id) != ESPANK_SUCCESS) {
		snprintf(f->why, sizeof(f->why), "slurmstepd did not give "
			 "the job and step ids");
		return -1;
	}
	f->batch = (step_id == SLURM_BATCH_SCRIPT);
	if (f->batch ? batch_facts(sp, cfg, f) :
	    ccp_rt_job_record(job_id, f, true))
		return -1;
	f->ok = true;
	return 0;
}

void ccp_facts_free(struct ccp_facts *f)
{
	free(f->nodes);
	free(f->job_name);
	f->nodes = NULL;
	f->job_name = NULL;
	f->ok = false;
}
