/*
 * option.c - the user option --ccp-env=yes|no (sbatch, salloc, srun).
 *
 * Registered with spank_option_register() from slurm_spank_init, since an
 * option only in a spank_options table is unknown to sbatch. Slurm carries
 * the value to slurmstepd (launch message or the job's environment), where
 * the callback runs again: the value is the job's own, untrusted, and can
 * only switch this job's variables off.
 */
#include <string.h>
#include <strings.h>

#include "ccpshim.h"

static bool opted_out;

static int ccp_env_cb(int val, const char *optarg, int remote)
{
	(void)val;
	(void)remote;
	if (!optarg || !strcasecmp(optarg, "yes")) {
		opted_out = false;
		return 0;
	}
	if (!strcasecmp(optarg, "no")) {
		opted_out = true;
		return 0;
	}
	slurm_error("%s: --ccp-env=%.32s: want yes or no", CCP_PLUGIN_NAME,
		    optarg);
	return -1;
}

static struct spank_option ccp_env_option = {
	"ccp-env", "yes|no",
	"Set the CCP_* task variables of Compute Cluster Pack (default yes; "
	"no: the tasks get none).",
	1, 0, ccp_env_cb
};

int ccp_option_register(spank_t sp)
{
	spank_err_t rc = spank_option_register(sp, &ccp_env_option);

	if (rc != ESPANK_SUCCESS) {
		slurm_error("%s: cannot register --ccp-env: %s",
			    CCP_PLUGIN_NAME, spank_strerror(rc));
		return -1;
	}
	return 0;
}

bool ccp_option_opted_out(void)
{
	return opted_out;
}
