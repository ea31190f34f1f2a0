/*
 * slurmrt.c - the libslurm calls the plugin needs inside slurmstepd, found
 * at run time in the copy slurmstepd already carries (libslurmfull), with
 * dlsym(RTLD_DEFAULT). The plugin never links a Slurm library: a second
 * copy of Slurm's globals in slurmstepd breaks it, and srun/sbatch must be
 * able to load the plugin whatever they carry. Each call checks that the
 * symbol is there and fails cleanly when it is not.
 *
 * Used as root in slurmstepd only, with a job id Slurm gave us (never one
 * from the job's environment).
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <slurm/slurm.h>

#include "ccpshim.h"
#include "slurmcompat.h"

typedef ccp_hostlist (*hl_create_f)(const char *);
typedef char *(*hl_shift_f)(ccp_hostlist);
typedef void (*hl_destroy_f)(ccp_hostlist);
typedef void (*free_job_f)(job_info_msg_t *);
typedef int (*cpus_on_node_id_f)(job_resources_t *, int);
typedef void (*free_alloc_f)(resource_allocation_response_msg_t *);
typedef char *(*strerror_f)(int);

static void *sym(const char *name)
{
	return dlsym(RTLD_DEFAULT, name);
}

void ccp_rt_free_hosts(char **hosts, size_t n)
{
	size_t i;

	if (!hosts)
		return;
	for (i = 0; i < n; i++)
		free(hosts[i]);
	free(hosts);
}

int ccp_rt_expand_hosts(const char *list, char ***hosts, size_t *n,
			size_t max)
{
	hl_create_f create = (hl_create_f)sym("slurm_hostlist_create");
	hl_shift_f shift = (hl_shift_f)sym("slurm_hostlist_shift");
	hl_destroy_f destroy = (hl_destroy_f)sym("slurm_hostlist_destroy");
	ccp_hostlist hl;
	char **v, *h;
	size_t cnt = 0;

	*hosts = NULL;
	*n = 0;
	if (!create || !shift || !destroy || !list ||
	    strlen(list) > CCP_NODELIST_MAX)
		return -1;
	if (!(hl = create(list)))
		return -1;
	if (!(v = calloc(max ? max : 1, sizeof(*v)))) {
		destroy(hl);
		return -1;
	}
	while ((h = shift(hl))) {
		if (cnt >= max || strlen(h) > 255) {
			free(h);
			destroy(hl);
			ccp_rt_free_hosts(v, cnt);
			return -1;
		}
		/* hostlist_shift's result is malloc'd (slurm.h: free()). */
		v[cnt++] = h;
	}
	destroy(hl);
	*hosts = v;
	*n = cnt;
	return 0;
}

/*
 * slurmstepd's configuration names the controller in 22.05; in 26.05 slurmd
 * hands slurmstepd only its address (SlurmctldHost=NAME(ADDR): ADDR;
 * without "(ADDR)" the address is NAME itself), so that is the fallback.
 */
const char *ccp_rt_controller(void)
{
	slurm_conf_t *conf = (slurm_conf_t *)sym("slurm_conf");

	if (!conf || conf->control_cnt == 0)
		return NULL;
	if (conf->control_machine && conf->control_machine[0] &&
	    ccp_scheduler_name_ok(conf->control_machine[0]))
		return conf->control_machine[0];
	if (conf->control_addr && conf->control_addr[0] &&
	    ccp_scheduler_name_ok(conf->control_addr[0]))
		return conf->control_addr[0];
	return NULL;
}

/*
 * CPUs on each of the job's n nodes from its allocation (one more RPC):
 * Slurm 26.05 no longer exports slurm_job_cpus_allocated_on_node_id().
 */
static int alloc_cpus(const slurm_job_info_t *j, uint32_t *cpus, size_t n)
{
	ccp_alloc_lookup_fn lookup =
		(ccp_alloc_lookup_fn)sym("slurm_allocation_lookup");
	free_alloc_f release =
		(free_alloc_f)sym("slurm_free_resource_allocation_response_msg");
	resource_allocation_response_msg_t *a = NULL;
	size_t k = 0;
	int rc = -1;

	if (!lookup || !release ||
	    ccp_slurm_alloc_lookup_via(lookup, j->job_id, &a) != 0 || !a)
		return -1;
	/* The same node list in the same order, or nothing. */
	if (!a->node_list || strcmp(a->node_list, j->nodes) ||
	    a->node_cnt != n || !a->cpus_per_node || !a->cpu_count_reps)
		goto out;
	for (uint32_t g = 0; g < a->num_cpu_groups; g++)
		for (uint32_t r = 0; r < a->cpu_count_reps[g]; r++) {
			if (k == n)
				goto out;
			cpus[k++] = a->cpus_per_node[g];
		}
	rc = k == n ? 0 : -1;
out:
	release(a);
	return rc;
}

/* The job's hosts with their CPU counts, in the CCP_NODES format. */
static char *record_nodes(slurm_job_info_t *j, uint32_t *total)
{
	cpus_on_node_id_f cpus_on =
		(cpus_on_node_id_f)sym("slurm_job_cpus_allocated_on_node_id");
	char **hosts = NULL, *buf = NULL;
	uint32_t *cpus = NULL;
	size_t n = 0, i;
	int c;

	if (!j->nodes)
		return NULL;
	if (ccp_rt_expand_hosts(j->nodes, &hosts, &n, CCP_MAX_NODES) < 0)
		return NULL;
	if (!(cpus = calloc(n ? n : 1, sizeof(*cpus))))
		goto out;
	if (cpus_on && j->job_resrcs) {
		for (i = 0; i < n; i++) {
			c = cpus_on(j->job_resrcs, (int)i);
			if (c <= 0)
				goto out;
			cpus[i] = (uint32_t)c;
		}
	} else if (alloc_cpus(j, cpus, n) < 0) {
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!cpus[i])
			goto out;
		*total += cpus[i];
	}
	if (!(buf = malloc(CCP_NODES_MAX)))
		goto out;
	if (ccp_format_nodes(buf, CCP_NODES_MAX, hosts, cpus, n) < 0) {
		free(buf);
		buf = NULL;
	}
out:
	free(cpus);
	ccp_rt_free_hosts(hosts, n);
	return buf;
}

int ccp_rt_job_record(uint32_t job_id, struct ccp_facts *f, bool nodes)
{
	ccp_load_job_fn load = (ccp_load_job_fn)sym("slurm_load_job");
	free_job_f release = (free_job_f)sym("slurm_free_job_info_msg");
	strerror_f serr = (strerror_f)sym("slurm_strerror");
	job_info_msg_t *msg = NULL;
	slurm_job_info_t *j;
	uint32_t i;
	int rc;

	if (!load || !release) {
		snprintf(f->why, sizeof(f->why), "slurm_load_job is not "
			 "available in this process");
		return -1;
	}
	if (ccp_slurm_load_job_via(load, &msg, job_id,
				   SHOW_ALL | SHOW_DETAIL) != 0 || !msg) {
		rc = errno;
		snprintf(f->why, sizeof(f->why), "cannot read job %u's record "
			 "from slurmctld: %s", job_id,
			 serr ? serr(rc) : "error");
		return -1;
	}
	/* Loading an array's own id returns every record of the array. */
	j = NULL;
	for (i = 0; i < msg->record_count; i++)
		if (msg->job_array[i].job_id == job_id) {
			j = &msg->job_array[i];
			break;
		}
	if (!j) {
		snprintf(f->why, sizeof(f->why), "slurmctld returned no record "
			 "for job %u", job_id);
		release(msg);
		return -1;
	}
	if (j->array_task_id != NO_VAL && j->array_job_id) {
		f->job_id = j->array_job_id;
		f->task_id = j->array_task_id;
	} else {
		f->job_id = j->job_id;
		f->task_id = 1;
	}
	f->have_restart = true;
	f->restart_cnt = j->restart_cnt;
	f->have_requeue = true;
	f->requeue = j->requeue != 0;
	f->num_cpus = 0;
	free(f->job_name);
	f->job_name = (j->name && strlen(j->name) <= CCP_VALUE_MAX) ?
		strdup(j->name) : NULL;
	free(f->nodes);
	f->nodes = nodes ? record_nodes(j, &f->num_cpus) : NULL;
	release(msg);
	if (nodes && !f->nodes) {
		snprintf(f->why, sizeof(f->why), "job %u's record has no "
			 "usable node list", job_id);
		return -1;
	}
	return 0;
}
