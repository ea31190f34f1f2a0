/*
 * cluster.h - the handle behind ccp_cluster: connection, options, and the
 * last error (code and message, kept in a fixed buffer so that reporting
 * out-of-memory never needs memory). Internal to the library.
 */
#ifndef CCPSHIM_CLUSTER_H
#define CCPSHIM_CLUSTER_H

#include <stdarg.h>
#include "ccpshim/ccpshim.h"
#include "backend.h"

/* Internal to the library: not exported from libccpshim.so. */
#pragma GCC visibility push(hidden)

#define CCP_ERRMSG_MAX 2048
#define CCP_DEFAULT_TIMEOUT_MS 10000
#define CCP_UID_UNKNOWN 0xFFFFFFFEu

struct ccp_cluster {
	const ccp_backend_ops *be;    /* NULL until connected */
	void *be_state;               /* the backend's own data */
	int strict;
	int dry_run;
	long timeout_ms;
	ccp_report_fn report;
	void *report_arg;
	uint32_t max_array_size;      /* from the cluster at Connect */
	uint32_t min_job_age;         /* MinJobAge, for messages */
	uint32_t caller_uid;          /* who Slurm sees calling, or unknown */
	uint32_t slurm_user_id;       /* SlurmUser: allowed like root */
	uint32_t read_flags;          /* the native backend's show_flags for
	                                 job reads (SHOW_LOCAL when the
	                                 cluster is not federated) */
	char cluster_name[128];
	char target[256];             /* what Connect was given, resolved */
	ccp_hr_t last_hr;
	char errmsg[CCP_ERRMSG_MAX];
};

/*
 * ccp_fail - record hr and a message on the handle, return hr. The message
 * is formatted into the handle's fixed buffer (cut, never allocated).
 */
ccp_hr_t ccp_fail(ccp_cluster *c, ccp_hr_t hr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
ccp_hr_t ccp_vfail(ccp_cluster *c, ccp_hr_t hr, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#pragma GCC visibility pop

#endif
