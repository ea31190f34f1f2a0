/*
 * dispatch.c - the only slurm_spank_* symbols of the ccpshim plugin. Each
 * entry point parses nothing itself: it switches on spank_context() into
 * the file for that context (option.c for srun/sbatch/salloc, remote.c for
 * slurmstepd). slurmd and prolog/epilog contexts need nothing.
 *
 * The plugstack.conf arguments are parsed in slurm_spank_init in every
 * context, so a bad argument stops sbatch and srun with the plugin's own
 * message before a job is submitted (list the plugin as `required`).
 */
#include <stdio.h>

#include "ccpshim.h"

SPANK_PLUGIN(ccpshim, 1);

static struct ccp_config config;

int slurm_spank_init(spank_t sp, int ac, char **av)
{
	char msg[512];

	if (ccp_config_parse(&config, ac, av, msg, sizeof(msg)) < 0) {
		slurm_error("%s: plugstack.conf: %s; not loading",
			    CCP_PLUGIN_NAME, msg);
		return -1;
	}
	switch (spank_context()) {
	case S_CTX_LOCAL:
	case S_CTX_ALLOCATOR:
	case S_CTX_REMOTE:
		/* Registered even when the site switched the plugin off, so
		 * job scripts that say --ccp-env=no keep working. */
		return ccp_option_register(sp);
	default:
		return 0;
	}
}

int slurm_spank_init_post_opt(spank_t sp, int ac, char **av)
{
	(void)ac;
	(void)av;
	if (spank_context() == S_CTX_REMOTE)
		return ccp_remote_post_opt(sp, &config);
	return 0;
}

int slurm_spank_task_init(spank_t sp, int ac, char **av)
{
	(void)ac;
	(void)av;
	if (spank_context() == S_CTX_REMOTE)
		return ccp_remote_task_init(sp, &config);
	return 0;
}

int slurm_spank_exit(spank_t sp, int ac, char **av)
{
	(void)sp;
	(void)ac;
	(void)av;
	if (spank_context() == S_CTX_REMOTE)
		ccp_remote_exit();
	return 0;
}
