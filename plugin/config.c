/*
 * config.c - the plugstack.conf arguments of the ccpshim SPANK plugin and
 * the table of CCP_* variables. Defaults first, then each argument in turn;
 * the first bad one stops the parse with a message the dispatcher logs
 * before refusing to load. Touches nothing outside the struct.
 *
 *   enabled=yes|no          site switch (default yes: listed means on)
 *   vars=standard|all|LIST  which variables; LIST is comma-separated names
 *   scheduler=NAME          CCP_SCHEDULER (default: the controller host)
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ccpshim.h"

const struct ccp_var_info ccp_vars[CCP_V_COUNT] = {
	[CCP_V_JOBID]          = { "CCP_JOBID",          true,  true },
	[CCP_V_TASKID]         = { "CCP_TASKID",         true,  true },
	[CCP_V_TASKINSTANCEID] = { "CCP_TASKINSTANCEID", true,  true },
	[CCP_V_RETRY_COUNT]    = { "CCP_RETRY_COUNT",    true,  true },
	[CCP_V_NUMCPUS]        = { "CCP_NUMCPUS",        true,  true },
	[CCP_V_NODES]          = { "CCP_NODES",          true,  true },
	[CCP_V_JOBNAME]        = { "CCP_JOBNAME",        false, true },
	[CCP_V_WORKDIR]        = { "CCP_WORKDIR",        false, true },
	[CCP_V_SCHEDULER]      = { "CCP_SCHEDULER",      false, true },
	[CCP_V_RERUNNABLE]     = { "CCP_RERUNNABLE",     true,  false },
};

static int parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "on") ||
	    !strcasecmp(v, "true") || !strcmp(v, "1"))
		*out = true;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "off") ||
		 !strcasecmp(v, "false") || !strcmp(v, "0"))
		*out = false;
	else
		return -1;
	return 0;
}

static int var_by_name(const char *name, size_t len)
{
	int i;

	for (i = 0; i < CCP_V_COUNT; i++)
		if (strlen(ccp_vars[i].name) == len &&
		    !strncasecmp(ccp_vars[i].name, name, len))
			return i;
	return -1;
}

static int parse_vars(const char *v, unsigned *out, char *msg, size_t msglen)
{
	const char *p = v, *end;
	unsigned set = 0;
	int i;

	if (!strcasecmp(v, "standard")) {
		*out = CCP_VARS_STANDARD;
		return 0;
	}
	if (!strcasecmp(v, "all")) {
		*out = CCP_VARS_ALL;
		return 0;
	}
	for (;;) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		i = var_by_name(p, (size_t)(end - p));
		if (i < 0) {
			snprintf(msg, msglen, "vars=%s: '%.*s' is not a "
				 "variable this plugin sets (use standard, all, "
				 "or names such as CCP_JOBID,CCP_TASKID)", v,
				 (int)(end - p > 64 ? 64 : end - p), p);
			return -1;
		}
		set |= CCP_VBIT(i);
		if (!*end)
			break;
		p = end + 1;
	}
	*out = set;
	return 0;
}

int ccp_config_parse(struct ccp_config *cfg, int ac, char **av,
		     char *msg, size_t msglen)
{
	bool seen_enabled = false, seen_vars = false, seen_sched = false;
	int i;

	cfg->enabled = true;
	cfg->vars = CCP_VARS_STANDARD;
	cfg->scheduler[0] = '\0';

	for (i = 0; i < ac; i++) {
		const char *a = av[i], *eq = strchr(a, '=');
		const char *v = eq ? eq + 1 : "";
		size_t klen = eq ? (size_t)(eq - a) : strlen(a);
		bool *seen;

		if (klen == 7 && !strncmp(a, "enabled", 7))
			seen = &seen_enabled;
		else if (klen == 4 && !strncmp(a, "vars", 4))
			seen = &seen_vars;
		else if (klen == 9 && !strncmp(a, "scheduler", 9))
			seen = &seen_sched;
		else {
			snprintf(msg, msglen, "unknown argument '%.64s' "
				 "(known: enabled=yes|no, "
				 "vars=standard|all|LIST, scheduler=NAME)", a);
			return -1;
		}
		if (!eq || !*v) {
			snprintf(msg, msglen, "argument '%.*s' needs a value "
				 "(%.*s=VALUE)", (int)klen, a, (int)klen, a);
			return -1;
		}
		if (*seen) {
			snprintf(msg, msglen, "argument '%.*s' given twice",
				 (int)klen, a);
			return -1;
		}
		*seen = true;

		if (seen == &seen_enabled) {
			if (parse_bool(v, &cfg->enabled) < 0) {
				snprintf(msg, msglen, "enabled=%.64s: want yes "
					 "or no", v);
				return -1;
			}
		} else if (seen == &seen_vars) {
			if (strlen(v) > 1024) {
				snprintf(msg, msglen, "vars=: value too long");
				return -1;
			}
			if (parse_vars(v, &cfg->vars, msg, msglen) < 0)
				return -1;
		} else {
			if (strlen(v) > CCP_SCHEDULER_MAX ||
			    !ccp_scheduler_name_ok(v)) {
				snprintf(msg, msglen, "scheduler=%.64s: want a "
					 "host name, cluster name or http(s) "
					 "URL of at most %d characters "
					 "(letters, digits, . - _ : /)", v,
					 CCP_SCHEDULER_MAX);
				return -1;
			}
			strcpy(cfg->scheduler, v);
		}
	}
	return 0;
}
