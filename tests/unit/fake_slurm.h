/*
 * fake_slurm.h - an in-memory stand-in for libslurm, linked into unit test
 * programs only (-Wl,--wrap=...). It keeps a few jobs and answers
 * slurm_load_job and slurm_requeue2 by slurmctld's own rules
 * (job_mgr.c: _job_requeue_op): access, JOB_RUNNING flag, Requeue flag,
 * batch only, already pending, then requeue (state PENDING, restart+1).
 */
#ifndef CCPSHIM_FAKE_SLURM_H
#define CCPSHIM_FAKE_SLURM_H

#include <stdint.h>

#define FAKE_MAX_TASKS 20000

typedef struct fake_job {
	uint32_t id;
	int is_array;
	int requeue;          /* Requeue flag */
	int batch;
	int het;
	uint32_t user_id;
	int ntasks;
	uint32_t task_id[FAKE_MAX_TASKS];
	uint32_t state[FAKE_MAX_TASKS];
	uint32_t restart[FAKE_MAX_TASKS];
	uint32_t priority[FAKE_MAX_TASKS];
	int split[FAKE_MAX_TASKS];   /* has its own record (else pending bitmap) */
	int lost;             /* one more record: the array's own, CANCELLED,
	                         no task id, no bitmap (Slurm 26.05 after its
	                         last unsplit task was cancelled by id) */
} fake_job;

/* Everything the fake counts and can be told to do. */
typedef struct fake_ctl {
	int n_init, n_ping, n_conf, n_fed, n_load, n_requeue;
	int n_state;              /* slurm_load_job_state calls (24.05+) */
	int state_errno;          /* slurm_load_job_state fails with this */
	uint16_t last_load_flags;
	char last_expr[256];
	uint32_t last_flags;
	int deny_access;          /* every requeue answers ESLURM_ACCESS_DENIED */
	int ping_errno;           /* slurm_ping fails with this */
	int conf_errno;           /* slurm_load_ctl_conf fails with this */
	int load_errno;           /* slurm_load_job fails with this */
	int requeue_errno;        /* slurm_requeue2 fails whole with this */
	int refuse_task;          /* this task answers refuse_errno */
	int refuse_errno;
	uint32_t max_array_size;
	const char *cluster_name;
	/* Called after each slurm_load_job: simulates concurrent change. */
	void (*after_load)(int nth_load);
} fake_ctl;

extern fake_ctl fake;

void fake_reset(void);
fake_job *fake_add_job(uint32_t id, int is_array);
/* Add task tid in Slurm base state `state`; split: has its own record. */
void fake_add_task(fake_job *j, uint32_t tid, uint32_t state, int split);
fake_job *fake_find_job(uint32_t id);
int fake_task_index(const fake_job *j, uint32_t tid);
uint32_t fake_state(uint32_t job, uint32_t tid);
uint32_t fake_restart(uint32_t job, uint32_t tid);
/* Own Slurm job id the fake gives a split task. */
uint32_t fake_own_id(uint32_t job, uint32_t tid);
/* Write a readable slurm.conf and point SLURM_CONF at it. */
void fake_conf_env(void);

#endif
