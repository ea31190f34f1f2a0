/*
 * backend_rest.c - the slurmrestd backend (libcurl + json-c), for clients
 * on machines that are not Slurm nodes. Not built yet: Connect to an
 * http(s):// URL answers E_NOTIMPL with a message that says so.
 */
#include "config.h"

#include "cluster.h"

static ccp_hr_t rest_connect(ccp_cluster *c, const char *target)
{
	return ccp_fail(c, CCP_E_NOTIMPL, "Connect: %s is a slurmrestd URL, "
			"and this build of ccpshim has no slurmrestd backend "
			"yet. Run the client on a Slurm node (native backend) "
			"and connect with an empty name or the cluster's name.",
			target);
}

static const char *rest_words(int e)
{
	(void)e;
	return "";
}

const ccp_backend_ops ccp_backend_rest = {
	.name = "slurmrestd",
	.connect = rest_connect,
	.strerror = rest_words,
};
