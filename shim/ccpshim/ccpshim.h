/*
 * ccpshim.h - the plain C API of libccpshim.
 *
 * The CCP RequeueTasks contract on Slurm job arrays, without COM clothing:
 * the CLI uses this header, and the COM-shaped API (ccpapi.h) is a thin
 * layer over it. Every call returns an HRESULT (an int32_t with COM's bit
 * layout); the detailed message of the last failure stays on the handle.
 *
 * Threads: one ccp_cluster is used by one thread at a time; separate handles
 * may be used from separate threads at once. Library-wide set-up happens
 * once, whichever thread comes first.
 *
 * The library never exits, aborts or prints on the caller's behalf.
 */
#ifndef CCPSHIM_CCPSHIM_H
#define CCPSHIM_CCPSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An HRESULT: negative means failure. */
typedef int32_t ccp_hr_t;

#define CCP_SUCCEEDED(hr) ((ccp_hr_t)(hr) >= 0)
#define CCP_FAILED(hr)    ((ccp_hr_t)(hr) < 0)

/* Standard COM values the library returns (docs/errors.md lists all). */
#define CCP_S_OK           ((ccp_hr_t)0x00000000)
#define CCP_E_NOTIMPL      ((ccp_hr_t)0x80004001)
#define CCP_E_POINTER      ((ccp_hr_t)0x80004003)
#define CCP_E_FAIL         ((ccp_hr_t)0x80004005)
#define CCP_E_ACCESSDENIED ((ccp_hr_t)0x80070005)
#define CCP_E_OUTOFMEMORY  ((ccp_hr_t)0x8007000E)
#define CCP_E_INVALIDARG   ((ccp_hr_t)0x80070057)

/*
 * The contract's own codes: FACILITY_ITF, low 16 bits 0x0200-0x02FF (clear
 * of COM's reserved 0x000-0x1FF and of Slurm's errnos, 1000 and up).
 * Never renumbered once released.
 */
#define CCP_E_TASK_FINISHED     ((ccp_hr_t)0x80040201)
#define CCP_E_TASK_NOT_FOUND    ((ccp_hr_t)0x80040202)
#define CCP_E_JOB_NOT_FOUND     ((ccp_hr_t)0x80040203)
#define CCP_E_REQUEUE_DISABLED  ((ccp_hr_t)0x80040204)
#define CCP_E_UNREACHABLE       ((ccp_hr_t)0x80040205)
#define CCP_E_TIMEOUT           ((ccp_hr_t)0x80040206)
#define CCP_E_SERVER_TOO_OLD    ((ccp_hr_t)0x80040207)
#define CCP_E_NOT_CONNECTED     ((ccp_hr_t)0x80040208)
#define CCP_E_NO_CONFIG         ((ccp_hr_t)0x80040209)
#define CCP_E_JOB_FINISHED      ((ccp_hr_t)0x8004020A)
#define CCP_E_WRONG_CLUSTER     ((ccp_hr_t)0x8004020B)

/* Any other Slurm errno E comes back as CCP_HR_FROM_SLURM(E). */
#define CCP_HR_FROM_SLURM(e)    ((ccp_hr_t)(0x80040000u | ((uint32_t)(e) & 0xFFFFu)))

/* CCP TaskStatus values (taskstatus.md); 0 means no such task. */
typedef enum ccp_task_status {
	CCP_STATUS_NONE      = 0,
	CCP_STATUS_QUEUED    = 1,
	CCP_STATUS_RUNNING   = 2,
	CCP_STATUS_FINISHED  = 3,
	CCP_STATUS_FAILED    = 4,
	CCP_STATUS_CANCELLED = 5
} ccp_task_status;

/* What a requeue does, or would do, to one task. */
typedef enum ccp_action {
	CCP_ACTION_NONE     = 0, /* already queued: success, nothing sent */
	CCP_ACTION_REQUEUE  = 1, /* failed or cancelled: queued again */
	CCP_ACTION_CANCEL_REQUEUE = 2, /* running: cancelled and queued again */
	CCP_ACTION_REFUSE   = 3  /* finished or not found: the call stops */
} ccp_action;

typedef struct ccp_cluster ccp_cluster;

/* Options (ccp_set_option). */
typedef enum ccp_option {
	CCP_OPT_STRICT  = 1, /* 1: one RPC per task, in order (default 0) */
	CCP_OPT_DRY_RUN = 2, /* 1: read and judge, send nothing (default 0) */
	CCP_OPT_TIMEOUT_MS = 3 /* bound on Connect and each call (default 10000) */
} ccp_option;

/* One task as read from the cluster. */
typedef struct ccp_task_info {
	int32_t  task_id;        /* CCP task id (array index; 1 for a plain job) */
	uint32_t slurm_job_id;   /* Slurm's own id of the record (0: still in
	                            the array's pending record) */
	uint32_t slurm_state;    /* Slurm job_state, base state and flags */
	ccp_task_status status;  /* CCP TaskStatus */
	ccp_action action;       /* what a requeue would do to it now */
	uint32_t restart_count;  /* times Slurm has requeued it */
	uint32_t exit_code;      /* Slurm's exit code (wait status) */
	int      held;           /* pending and held (priority 0) */
	char     state_name[32]; /* Slurm's name of the state, e.g. "FAILED" */
} ccp_task_info;

/* A per-task report, given to the report callback as each task is judged. */
typedef struct ccp_task_report {
	int32_t  job_id;
	int32_t  task_id;
	ccp_task_status status;  /* as read before the requeue */
	ccp_action action;
	ccp_hr_t hr;             /* S_OK, or the failure that stops the call */
	int      held;           /* queued but held: it stays held */
	int      dry_run;        /* nothing was sent */
} ccp_task_report;

typedef void (*ccp_report_fn)(void *arg, const ccp_task_report *report);

/*
 * ccp_cluster_new - make a handle, not yet connected.
 * Returns S_OK, E_POINTER or E_OUTOFMEMORY. Free with ccp_cluster_free.
 */
ccp_hr_t ccp_cluster_new(ccp_cluster **out);

/* ccp_cluster_free - free a handle (NULL is fine). */
void ccp_cluster_free(ccp_cluster *c);

/*
 * ccp_connect - connect to a cluster and check that it answers.
 * name: NULL or "" for the default cluster (CCP_SCHEDULER if set, else the
 * local Slurm configuration: SLURM_CONF, the default path, a configless
 * node's cache); a Slurm ClusterName or controller host; or an
 * http(s):// URL of a slurmrestd. Fails within the handle's timeout.
 */
ccp_hr_t ccp_connect(ccp_cluster *c, const char *name);

/* ccp_set_option / ccp_get_option - see ccp_option. */
ccp_hr_t ccp_set_option(ccp_cluster *c, ccp_option opt, long value);
ccp_hr_t ccp_get_option(const ccp_cluster *c, ccp_option opt, long *value);

/*
 * ccp_set_report - call fn for every task judged by the requeue calls
 * (one call per task, in order, on the caller's thread). NULL turns it off.
 */
ccp_hr_t ccp_set_report(ccp_cluster *c, ccp_report_fn fn, void *arg);

/*
 * ccp_requeue_tasks - RequeueTasks(jobId, taskIds): the contract.
 * Tasks are taken in order; the first that cannot be queued stops the call
 * (earlier ones stay queued, later ones untouched) and its HRESULT is
 * returned. n_queued (may be NULL) receives how many tasks were queued or
 * found queued before the stop. n == 0 is S_OK and changes nothing.
 */
ccp_hr_t ccp_requeue_tasks(ccp_cluster *c, int32_t job_id,
			   const int32_t *task_ids, size_t n,
			   size_t *n_queued);

/* ccp_requeue_task - RequeueTask(jobId, taskId): RequeueTasks of one. */
ccp_hr_t ccp_requeue_task(ccp_cluster *c, int32_t job_id, int32_t task_id);

/*
 * ccp_requeue_job - RequeueJob(jobId): queue again its failed tasks,
 * cancel and queue its running ones; cancelled tasks are not rerun and
 * finished ones stay finished. A job whose tasks have all finished is
 * refused (CCP_E_JOB_FINISHED).
 */
ccp_hr_t ccp_requeue_job(ccp_cluster *c, int32_t job_id);

/*
 * ccp_requeue_jobs - RequeueJobs(jobIds): RequeueJob in order, stopping at
 * the first job that fails. n_done (may be NULL) receives how many jobs
 * were requeued before the stop.
 */
ccp_hr_t ccp_requeue_jobs(ccp_cluster *c, const int32_t *job_ids, size_t n,
			  size_t *n_done);

/*
 * ccp_list_tasks - every task of a job with its CCP status, in task order.
 * *tasks is allocated by the library: free it with ccp_free.
 */
ccp_hr_t ccp_list_tasks(ccp_cluster *c, int32_t job_id,
			ccp_task_info **tasks, size_t *n);

/* ccp_free - free memory the library handed out. */
void ccp_free(void *p);

/*
 * ccp_error_message - the message of the last failure on this handle
 * (a later success does not clear it); "" if none. Never NULL. The string
 * belongs to the handle and stays valid until the next call on it.
 */
const char *ccp_error_message(const ccp_cluster *c);

/* ccp_last_error - the HRESULT of the last failure on this handle. */
ccp_hr_t ccp_last_error(const ccp_cluster *c);

/* The one error table (docs/errors.md). None of these returns NULL. */
const char *ccp_hr_name(ccp_hr_t hr);        /* "CCP_E_TASK_FINISHED" */
const char *ccp_hr_text(ccp_hr_t hr);        /* the table's message */
int ccp_hr_exit_status(ccp_hr_t hr);         /* the CLI's exit status */
int ccp_hr_slurm_errno(ccp_hr_t hr);         /* Slurm errno, 0 if none */
ccp_hr_t ccp_hr_from_slurm_errno(int slurm_errno); /* 0 gives S_OK */

/* Names of CCP statuses and actions, for output. Never NULL. */
const char *ccp_status_name(ccp_task_status s); /* "Failed" */
const char *ccp_action_name(ccp_action a);      /* "requeue" */

/* The library's version string, e.g. "0.1.0 (Slurm 22.05.8)". */
const char *ccp_version(void);

#ifdef __cplusplus
}
#endif
#endif /* CCPSHIM_CCPSHIM_H */
