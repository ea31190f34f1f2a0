/*
 * ccpshim.h - what the files of the SPANK plugin share: the configuration
 * parsed from plugstack.conf, the table of CCP_* variables, the facts about
 * one job step, and the entry points of each context file.
 *
 * The plugin links no Slurm library: it includes Slurm's headers for types
 * only; the spank_* calls are resolved from the host process (srun, sbatch,
 * slurmstepd), and the few libslurm calls slurmstepd can serve are looked up
 * at run time (slurmrt.c).
 */
#ifndef CCPSHIM_PLUGIN_H
#define CCPSHIM_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <slurm/spank.h>

#define CCP_PLUGIN_NAME "ccpshim"

/* Bounds on everything that comes from the job or the configuration. */
#define CCP_SCHEDULER_MAX 255        /* CCP_SCHEDULER / scheduler= */
#define CCP_VALUE_MAX     4096       /* JOBNAME, WORKDIR, an env value read */
#define CCP_NODELIST_MAX  65536      /* compressed host list from the job */
#define CCP_NODES_MAX     (1 << 20)  /* formatted CCP_NODES */
#define CCP_MAX_NODES     65536      /* hosts in one allocation */

/* The variables, in the order they are documented (docs/plugin.md). */
enum ccp_var {
	CCP_V_JOBID,
	CCP_V_TASKID,
	CCP_V_TASKINSTANCEID,
	CCP_V_RETRY_COUNT,
	CCP_V_NUMCPUS,
	CCP_V_NODES,
	CCP_V_JOBNAME,
	CCP_V_WORKDIR,
	CCP_V_SCHEDULER,
	CCP_V_RERUNNABLE,
	CCP_V_COUNT
};

struct ccp_var_info {
	const char *name;     /* environment variable */
	bool identity;        /* always describes this task: overwritten */
	bool standard;        /* in vars=standard (the default set) */
};

extern const struct ccp_var_info ccp_vars[CCP_V_COUNT];

#define CCP_VBIT(v) (1u << (v))
#define CCP_VARS_STANDARD 0x1ffu            /* all but CCP_RERUNNABLE */
#define CCP_VARS_ALL ((1u << CCP_V_COUNT) - 1)

/* plugstack.conf arguments, parsed once per process (config.c). */
struct ccp_config {
	bool enabled;                          /* enabled=yes|no */
	unsigned vars;                         /* vars=standard|all|LIST */
	char scheduler[CCP_SCHEDULER_MAX + 1]; /* scheduler=NAME; "" = auto */
};

/* Defaults, then each argument; 0, or -1 with msg filled (config.c). */
int ccp_config_parse(struct ccp_config *cfg, int ac, char **av,
		     char *msg, size_t msglen);

/* The user option --ccp-env=yes|no (option.c). */
int ccp_option_register(spank_t sp);
bool ccp_option_opted_out(void);

/*
 * What slurmstepd knows about this step's job, gathered once per step as
 * root (facts.c). Strings are owned by the struct.
 */
struct ccp_facts {
	bool ok;               /* identity facts established */
	bool batch;            /* the batch step (trusted launch data) */
	uint32_t job_id;       /* CCP_JOBID */
	uint32_t task_id;      /* CCP_TASKID */
	bool have_restart;     /* restart_cnt known (job record) */
	uint32_t restart_cnt;
	uint32_t num_cpus;     /* CCP_NUMCPUS */
	char *nodes;           /* CCP_NODES */
	bool have_requeue;
	bool requeue;          /* CCP_RERUNNABLE */
	char *job_name;        /* from the job record, when read */
	char scheduler[CCP_SCHEDULER_MAX + 1];
	char why[256];         /* when !ok: the reason */
};

int ccp_facts_gather(spank_t sp, const struct ccp_config *cfg,
		     struct ccp_facts *f);
void ccp_facts_free(struct ccp_facts *f);

/* Per context (remote.c; local contexts need nothing beyond the option). */
int ccp_remote_post_opt(spank_t sp, const struct ccp_config *cfg);
int ccp_remote_task_init(spank_t sp, const struct ccp_config *cfg);
void ccp_remote_exit(void);

/* Pure helpers, no Slurm (format.c; unit-tested by plugin/test_format). */
int ccp_parse_u32(const char *s, uint32_t max, uint32_t *out);
/* "2(x3),1" -> {2,2,2,1}; returns the count, -1 if malformed or > max. */
long ccp_parse_cpus_per_node(const char *s, uint32_t *out, size_t max);
/* "N host cores host cores ..." into buf; -1 when it does not fit. */
int ccp_format_nodes(char *buf, size_t len, char *const *hosts,
		     const uint32_t *cpus, size_t n);
bool ccp_scheduler_name_ok(const char *s);

/* libslurm functions slurmstepd carries, found at run time (slurmrt.c). */
/* Expand a host list; *hosts is a malloc'd array of malloc'd names. */
int ccp_rt_expand_hosts(const char *list, char ***hosts, size_t *n,
			size_t max);
void ccp_rt_free_hosts(char **hosts, size_t n);
/* The first SlurmctldHost of the running configuration (its name, else
 * its address), or NULL. */
const char *ccp_rt_controller(void);
/* The job record of job_id, copied into f (facts.c's fields); with nodes,
 * also CCP_NODES and CCP_NUMCPUS (which may cost one more RPC); 0 or -1. */
int ccp_rt_job_record(uint32_t job_id, struct ccp_facts *f, bool nodes);

#endif
