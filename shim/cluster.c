/*
 * cluster.c - the ccp_cluster handle: creation, options, Connect's choice
 * of backend, and the last error kept on the handle (get_ErrorMessage).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cluster.h"

ccp_hr_t ccp_vfail(ccp_cluster *c, ccp_hr_t hr, const char *fmt, va_list ap)
{
	if (!c)
		return hr;
	c->last_hr = hr;
	vsnprintf(c->errmsg, sizeof(c->errmsg), fmt, ap);
	return hr;
}

ccp_hr_t ccp_fail(ccp_cluster *c, ccp_hr_t hr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ccp_vfail(c, hr, fmt, ap);
	va_end(ap);
	return hr;
}

ccp_hr_t ccp_cluster_new(ccp_cluster **out)
{
	ccp_cluster *c;

	if (!out)
		return CCP_E_POINTER;
	*out = NULL;
	if (!(c = calloc(1, sizeof(*c))))
		return CCP_E_OUTOFMEMORY;
	c->timeout_ms = CCP_DEFAULT_TIMEOUT_MS;
	*out = c;
	return CCP_S_OK;
}

static void disconnect(ccp_cluster *c)
{
	if (c->be && c->be->disconnect)
		c->be->disconnect(c);
	c->be = NULL;
	c->be_state = NULL;
}

void ccp_cluster_free(ccp_cluster *c)
{
	if (!c)
		return;
	disconnect(c);
	free(c);
}

static int is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

ccp_hr_t ccp_connect(ccp_cluster *c, const char *name)
{
	const ccp_backend_ops *be;
	ccp_hr_t hr;

	if (!c)
		return CCP_E_POINTER;
	/* NULL or empty: CCP_SCHEDULER if set, else the local configuration. */
	if (!name || !*name) {
		name = getenv("CCP_SCHEDULER");
		if (name && !*name)
			name = NULL;
	}
	if (name && strlen(name) >= sizeof(c->target))
		return ccp_fail(c, CCP_E_INVALIDARG,
				"Connect: the cluster name is longer than %zu "
				"characters", sizeof(c->target) - 1);
	disconnect(c);
	be = (name && is_url(name)) ? &ccp_backend_rest : &ccp_backend_slurm;
	snprintf(c->target, sizeof(c->target), "%s", name ? name : "");
	c->be = be;
	hr = be->connect(c, name);
	if (CCP_FAILED(hr)) {
		c->be = NULL;
		c->be_state = NULL;
	}
	return hr;
}

ccp_hr_t ccp_set_option(ccp_cluster *c, ccp_option opt, long value)
{
	if (!c)
		return CCP_E_POINTER;
	switch (opt) {
	case CCP_OPT_STRICT:
		c->strict = value != 0;
		return CCP_S_OK;
	case CCP_OPT_DRY_RUN:
		c->dry_run = value != 0;
		return CCP_S_OK;
	case CCP_OPT_TIMEOUT_MS:
		if (value < 1 || value > 3600L * 1000)
			return ccp_fail(c, CCP_E_INVALIDARG, "the timeout must "
					"be 1 ms to 1 hour, not %ld ms", value);
		c->timeout_ms = value;
		return CCP_S_OK;
	}
	return ccp_fail(c, CCP_E_INVALIDARG, "unknown option %d", (int)opt);
}

ccp_hr_t ccp_get_option(const ccp_cluster *c, ccp_option opt, long *value)
{
	if (!c || !value)
		return CCP_E_POINTER;
	switch (opt) {
	case CCP_OPT_STRICT:
		*value = c->strict;
		return CCP_S_OK;
	case CCP_OPT_DRY_RUN:
		*value = c->dry_run;
		return CCP_S_OK;
	case CCP_OPT_TIMEOUT_MS:
		*value = c->timeout_ms;
		return CCP_S_OK;
	}
	return CCP_E_INVALIDARG;
}

ccp_hr_t ccp_set_report(ccp_cluster *c, ccp_report_fn fn, void *arg)
{
	if (!c)
		return CCP_E_POINTER;
	c->report = fn;
	c->report_arg = arg;
	return CCP_S_OK;
}

const char *ccp_error_message(const ccp_cluster *c)
{
	return c ? c->errmsg : "";
}

ccp_hr_t ccp_last_error(const ccp_cluster *c)
{
	return c ? c->last_hr : CCP_E_POINTER;
}

void ccp_free(void *p)
{
	free(p);
}

const char *ccp_status_name(ccp_task_status s)
{
	static const char *const names[] = {
		"NotFound", "Queued", "Running", "Finished", "Failed",
		"Cancelled"
	};

	return ((unsigned)s < sizeof(names) / sizeof(names[0])) ?
		names[s] : "Unknown";
}

const char *ccp_action_name(ccp_action a)
{
	static const char *const names[] = {
		"none", "requeue", "cancel-requeue", "refuse"
	};

	return ((unsigned)a < sizeof(names) / sizeof(names[0])) ?
		names[a] : "unknown";
}

const char *ccp_version(void)
{
	return PACKAGE_VERSION " (built with Slurm " CCP_SLURM_VERSION ")";
}
