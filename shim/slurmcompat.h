/*
 * slurmcompat.h - the few libslurm API differences between the Slurm
 * releases ccpshim builds against (22.05 to 26.05), decided by configure's
 * feature checks (m4/x_ac_slurm.m4), so that the callers (backend_slurm.c,
 * the bench, the plugin) read the same everywhere. Not installed.
 */
#ifndef CCPSHIM_SLURMCOMPAT_H
#define CCPSHIM_SLURMCOMPAT_H

#include <errno.h>
#include <stdint.h>
#include <slurm/slurm.h>

/* The errno of the last failed call: a function until 24.x, errno since. */
#if HAVE_DECL_SLURM_GET_ERRNO
#define ccp_slurm_errno() slurm_get_errno()
#else
#define ccp_slurm_errno() (errno)
#endif

/* Freeing slurm_load_ctl_conf's answer: renamed slurm_free_conf. */
#if HAVE_DECL_SLURM_FREE_CTL_CONF
#define ccp_slurm_free_conf(c) slurm_free_ctl_conf(c)
#else
#define ccp_slurm_free_conf(c) slurm_free_conf(c)
#endif

/* hostlist_t was a pointer type; it names the struct since 25.x. */
#ifdef CCP_SLURM_HOSTLIST_STRUCT
typedef hostlist_t *ccp_hostlist;
#else
typedef hostlist_t ccp_hostlist;
#endif

/* slurm_load_job by job id: the id is a slurm_step_id_t since 25.11. */
#ifdef CCP_SLURM_LOAD_JOB_STEP_ID
typedef int (*ccp_load_job_fn)(job_info_msg_t **, slurm_step_id_t, uint16_t);
static inline int ccp_slurm_load_job_via(ccp_load_job_fn fn,
					 job_info_msg_t **m, uint32_t job_id,
					 uint16_t flags)
{
	slurm_step_id_t s = SLURM_STEP_ID_INITIALIZER;

	s.job_id = job_id;
	return fn(m, s, flags);
}
#else
typedef int (*ccp_load_job_fn)(job_info_msg_t **, uint32_t, uint16_t);
static inline int ccp_slurm_load_job_via(ccp_load_job_fn fn,
					 job_info_msg_t **m, uint32_t job_id,
					 uint16_t flags)
{
	return fn(m, job_id, flags);
}
#endif
#define ccp_slurm_load_job(m, id, flags) \
	ccp_slurm_load_job_via(slurm_load_job, (m), (id), (flags))

/* slurm_allocation_lookup by job id: a slurm_step_id_t in 26.05 too (the
 * plugin calls it through dlsym, so it needs the prototype, not a macro). */
#ifdef CCP_SLURM_ALLOC_LOOKUP_STEP_ID
typedef int (*ccp_alloc_lookup_fn)(slurm_step_id_t,
				   resource_allocation_response_msg_t **);
static inline int ccp_slurm_alloc_lookup_via(ccp_alloc_lookup_fn fn,
	uint32_t job_id, resource_allocation_response_msg_t **a)
{
	slurm_step_id_t s = SLURM_STEP_ID_INITIALIZER;

	s.job_id = job_id;
	return fn(s, a);
}
#else
typedef int (*ccp_alloc_lookup_fn)(uint32_t,
				   resource_allocation_response_msg_t **);
static inline int ccp_slurm_alloc_lookup_via(ccp_alloc_lookup_fn fn,
	uint32_t job_id, resource_allocation_response_msg_t **a)
{
	return fn(job_id, a);
}
#endif

#endif
