/*
 * remote.c - the slurmstepd side (S_CTX_REMOTE): facts once per step as
 * root in slurm_spank_init_post_opt, then the CCP_* variables in each
 * task's environment in slurm_spank_task_init (as the user, in the task,
 * just before exec). Writes nothing but the task's environment; runs no
 * program; every value from the job is bounded and parsed strictly.
 *
 * Identity variables always describe this task: overwritten, or removed
 * when they cannot be established (never left at an inherited value).
 * CCP_JOBNAME, CCP_WORKDIR and CCP_SCHEDULER are set only when absent.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <slurm/slurm.h>

#include "ccpshim.h"

static struct ccp_facts facts;
static enum { R_IDLE, R_ACTIVE, R_OPTED_OUT } mode = R_IDLE;

int ccp_remote_post_opt(spank_t sp, const struct ccp_config *cfg)
{
	uint32_t step_id = 0;

	if (!cfg->enabled)
		return 0;
	if (spank_get_item(sp, S_JOB_STEPID, &step_id) != ESPANK_SUCCESS ||
	    step_id == SLURM_EXTERN_CONT)
		return 0;
	if (ccp_option_opted_out()) {
		mode = R_OPTED_OUT;
		return 0;
	}
	/*
	 * The batch step: slurmstepd adds SLURM_RESTART_COUNT from the launch
	 * message (only when above 0) after this point; one present now was
	 * inherited from the submitter's environment. Drop it, so the value a
	 * task sees is slurmstepd's or none (0), never the submitter's.
	 */
	if (step_id == SLURM_BATCH_SCRIPT &&
	    (cfg->vars & CCP_VBIT(CCP_V_RETRY_COUNT)))
		spank_unsetenv(sp, "SLURM_RESTART_COUNT");

	if (ccp_facts_gather(sp, cfg, &facts) < 0)
		slurm_error("%s: CCP_* identity variables not set: %s",
			    CCP_PLUGIN_NAME, facts.why);
	mode = R_ACTIVE;
	return 0;
}

static void set_var(spank_t sp, enum ccp_var v, const char *value)
{
	spank_err_t rc;

	rc = spank_setenv(sp, ccp_vars[v].name, value,
			  ccp_vars[v].identity ? 1 : 0);
	if (rc != ESPANK_SUCCESS && rc != ESPANK_ENV_EXISTS)
		slurm_error("%s: cannot set %s: %s", CCP_PLUGIN_NAME,
			    ccp_vars[v].name, spank_strerror(rc));
}

static void unset_identity(spank_t sp)
{
	int v;

	for (v = 0; v < CCP_V_COUNT; v++)
		if (ccp_vars[v].identity)
			spank_unsetenv(sp, ccp_vars[v].name);
}

/* The batch step's restart count: slurmstepd's SLURM_RESTART_COUNT. */
static int batch_restart_count(spank_t sp, uint32_t *out)
{
	char buf[16];
	spank_err_t rc = spank_getenv(sp, "SLURM_RESTART_COUNT", buf,
				      sizeof(buf));

	if (rc == ESPANK_ENV_NOEXIST) {
		*out = 0;
		return 0;
	}
	if (rc != ESPANK_SUCCESS)
		return -1;
	return ccp_parse_u32(buf, 65535, out);
}

static void set_identity(spank_t sp, unsigned vars)
{
	char num[16];
	uint32_t restarts;

	if (vars & CCP_VBIT(CCP_V_JOBID)) {
		snprintf(num, sizeof(num), "%u", facts.job_id);
		set_var(sp, CCP_V_JOBID, num);
	}
	if (vars & CCP_VBIT(CCP_V_TASKID)) {
		snprintf(num, sizeof(num), "%u", facts.task_id);
		set_var(sp, CCP_V_TASKID, num);
	}
	if (vars & CCP_VBIT(CCP_V_TASKINSTANCEID))
		set_var(sp, CCP_V_TASKINSTANCEID, "0");
	if (vars & CCP_VBIT(CCP_V_RETRY_COUNT)) {
		if (facts.batch ? batch_restart_count(sp, &restarts) == 0 :
		    facts.have_restart) {
			if (!facts.batch)
				restarts = facts.restart_cnt;
			snprintf(num, sizeof(num), "%u", restarts);
			set_var(sp, CCP_V_RETRY_COUNT, num);
		} else {
			slurm_error("%s: CCP_RETRY_COUNT not set: no valid "
				    "restart count", CCP_PLUGIN_NAME);
		}
	}
	if (vars & CCP_VBIT(CCP_V_NUMCPUS)) {
		snprintf(num, sizeof(num), "%u", facts.num_cpus);
		set_var(sp, CCP_V_NUMCPUS, num);
	}
	if ((vars & CCP_VBIT(CCP_V_NODES)) && facts.nodes)
		set_var(sp, CCP_V_NODES, facts.nodes);
	if ((vars & CCP_VBIT(CCP_V_RERUNNABLE)) && facts.have_requeue)
		set_var(sp, CCP_V_RERUNNABLE, facts.requeue ? "True" : "False");
}

static void set_others(spank_t sp, unsigned vars)
{
	char *buf;

	if ((vars & CCP_VBIT(CCP_V_SCHEDULER)) && facts.scheduler[0])
		set_var(sp, CCP_V_SCHEDULER, facts.scheduler);

	if (!(buf = malloc(CCP_VALUE_MAX + 1)))
		return;
	if (vars & CCP_VBIT(CCP_V_JOBNAME)) {
		if (facts.job_name)
			set_var(sp, CCP_V_JOBNAME, facts.job_name);
		else if (spank_getenv(sp, "SLURM_JOB_NAME", buf,
				      CCP_VALUE_MAX + 1) == ESPANK_SUCCESS)
			set_var(sp, CCP_V_JOBNAME, buf);
	}
	/* The task runs in slurmstepd's chdir to the job's work dir. */
	if ((vars & CCP_VBIT(CCP_V_WORKDIR)) && getcwd(buf, CCP_VALUE_MAX + 1))
		set_var(sp, CCP_V_WORKDIR, buf);
	free(buf);
}

int ccp_remote_task_init(spank_t sp, const struct ccp_config *cfg)
{
	if (mode == R_IDLE)
		return 0;
	/* Whatever a variable held before, it did not describe this task. */
	unset_identity(sp);
	if (mode == R_OPTED_OUT || !facts.ok)
		return 0;
	set_identity(sp, cfg->vars);
	set_others(sp, cfg->vars);
	return 0;
}

void ccp_remote_exit(void)
{
	ccp_facts_free(&facts);
	mode = R_IDLE;
}
