/*
 * backend.h - what a backend must do: connect, read a job's task states,
 * requeue a set of tasks. The contract core (requeue.c) decides; a backend
 * only talks to Slurm (backend_slurm.c: libslurm; backend_rest.c:
 * slurmrestd). Backends report failures with ccp_fail() on the handle.
 */
#ifndef CCPSHIM_BACKEND_H
#define CCPSHIM_BACKEND_H

#include <stddef.h>
#include <stdint.h>
#include "ccpshim/ccpshim.h"

/* Internal to the library: not exported from libccpshim.so. */
#pragma GCC visibility push(hidden)

/* One task as the backend read it. */
typedef struct ccp_task {
	uint32_t task_id;     /* array index; 1 for a plain job */
	uint32_t job_id;      /* Slurm's own id of the record (0: pending
	                         record of the array, not split off) */
	uint32_t state;       /* Slurm job_state: base state and flags */
	uint32_t restart_cnt;
	uint32_t exit_code;
	uint8_t  held;        /* pending with priority 0 */
} ccp_task;

/* One job as the backend read it, in one state read. */
typedef struct ccp_job {
	uint32_t job_id;        /* the id asked for */
	uint8_t  found;         /* 0: no such job (nothing else is set) */
	uint8_t  is_array;
	uint8_t  requeue;       /* the job's Requeue flag */
	uint8_t  batch;         /* batch_flag != 0 */
	uint8_t  het;           /* part of a heterogeneous job */
	uint8_t  no_restart;    /* 1: the read gave no restart counts (the
	                           light read); restart_cnt is 0 */
	uint32_t user_id;
	uint32_t split_of;      /* != 0: job_id is the own id of a task split
	                           off array split_of, task split_task */
	uint32_t split_task;
	/* A record of the array with neither a task id nor tasks still in
	 * it: Slurm 26.05 leaves the array's own record so when the task it
	 * held is cancelled by id before it started, and forgets that task's
	 * id (J_T is an invalid id from then on). lost_state: its state. */
	uint8_t  lost;
	uint32_t lost_state;
	size_t   ntasks;        /* tasks, sorted by task_id, no duplicates */
	size_t   cap;
	ccp_task *tasks;
} ccp_job;

/* Outcome of one requeue RPC over a set of tasks. */
typedef struct ccp_rq_result {
	int all_ok;             /* every task: success or "already pending" */
	int first_errno;        /* Slurm errno of the first failure group */
	char first_ids[64];     /* Slurm's id string of that group (may be cut) */
} ccp_rq_result;

typedef struct ccp_backend_ops {
	const char *name;
	/* Contact the cluster named by target (NULL: local default).
	 * Fills c->max_array_size and c->cluster_name. */
	ccp_hr_t (*connect)(ccp_cluster *c, const char *target);
	/* One state read of job_id: all its task records. */
	ccp_hr_t (*read_job)(ccp_cluster *c, uint32_t job_id, ccp_job *out);
	/* Optional: read at least tasks ids[0..n) of job_id and the job's
	 * own facts, holding memory for those tasks rather than the whole
	 * array where Slurm allows it; may fall back to read_job. */
	ccp_hr_t (*read_tasks)(ccp_cluster *c, uint32_t job_id,
			       const uint32_t *ids, size_t n, ccp_job *out);
	/* One requeue RPC for tasks[0..n) of job_id. For a plain job, n == 1
	 * and tasks[0] == 1. running_only: Slurm's JOB_RUNNING flag (only
	 * tasks still running or suspended are touched). Returns a failure
	 * HRESULT only when the RPC itself failed; per-task answers go in res. */
	ccp_hr_t (*requeue)(ccp_cluster *c, const ccp_job *job,
			    const uint32_t *tasks, size_t n, int running_only,
			    ccp_rq_result *res);
	/* Read one task again (its own record), updating *t in place. */
	ccp_hr_t (*read_task)(ccp_cluster *c, const ccp_job *job, ccp_task *t);
	/* Slurm's words for a Slurm errno. Never NULL. */
	const char *(*strerror)(int slurm_errno);
	void (*disconnect)(ccp_cluster *c);
} ccp_backend_ops;

/* Slurm errnos the core must recognise (stable across releases). */
#define CCP_SLURM_ACCESS_DENIED 2002
#define CCP_SLURM_INVALID_JOB_ID 2017
#define CCP_SLURM_JOB_PENDING 2024
#define CCP_SLURM_BATCH_ONLY 2039

extern const ccp_backend_ops ccp_backend_slurm;
extern const ccp_backend_ops ccp_backend_rest;

/* Job record helpers (job.c). */
void ccp_job_reset(ccp_job *job);          /* free tasks, zero it */
ccp_hr_t ccp_job_add_task(ccp_cluster *c, ccp_job *job, const ccp_task *t);
void ccp_job_sort(ccp_job *job);            /* sort by task_id, drop dups */
const ccp_task *ccp_job_find(const ccp_job *job, uint32_t task_id);
/* Sort task ids ascending (no work when they already are: the common
 * 1..N list). Duplicates are kept. */
void ccp_sort_ids(uint32_t *ids, size_t n);

/*
 * Array expression "J_[a-b,c,...]" of sorted task ids into buf (caller's);
 * returns the length, or -1 if it does not fit.
 */
int ccp_format_array_expr(char *buf, size_t len, uint32_t job_id,
			  const uint32_t *sorted_tasks, size_t n);

#pragma GCC visibility pop

#endif
