/*
 * backend_slurm.c - the native backend: the only file that calls Slurm's
 * client API (libslurm). Connect finds the configuration without letting
 * slurm_init() exit the caller, then asks the controller for its
 * configuration within a deadline; read_job loads every record of a job
 * in one RPC; requeue sends one slurm_requeue2() with an array expression.
 * Every RPC runs under ccp_call_bounded(), so a controller that stops
 * answering costs the caller the handle's timeout, not libslurm's minute.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>
#include <slurm/slurmdb.h>

#include "cluster.h"
#include "deadline.h"
#include "hresult.h"
#include "slurmcompat.h"

/* Exported by libslurm (bitstring.c aliases) but not in its headers. */
extern int64_t slurm_bit_size(bitstr_t *b);
extern int slurm_bit_test(bitstr_t *b, int64_t bit);
extern int64_t slurm_bit_ffs(bitstr_t *b);
extern int64_t slurm_bit_fls(bitstr_t *b);
/* libslurm's own configuration, set by slurm_init() (not in its headers). */
extern slurm_conf_t slurm_conf;

_Static_assert(CCP_SLURM_ACCESS_DENIED == ESLURM_ACCESS_DENIED, "errno");
_Static_assert(CCP_SLURM_INVALID_JOB_ID == ESLURM_INVALID_JOB_ID, "errno");
_Static_assert(CCP_SLURM_JOB_PENDING == ESLURM_JOB_PENDING, "errno");
_Static_assert(CCP_SLURM_BATCH_ONLY == ESLURM_BATCH_ONLY, "errno");

/* ------------------------------------------------------------------ */
/* Library-wide set-up: once per process, whichever thread comes first. */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static char init_conf[4096];	/* the slurm.conf libslurm was set up with */

static void do_init(void)
{
	slurm_init(init_conf[0] ? init_conf : NULL);
}

/*
 * Find the slurm.conf libslurm would use, in its own order (SLURM_CONF,
 * the default path, a configless node's cache), and check it can be read:
 * 22.05's slurm_init() exits the process when it cannot.
 */
static ccp_hr_t find_conf(ccp_cluster *c, char *path, size_t len)
{
	static const char *const cached = "/run/slurm/conf/slurm.conf";
	const char *env = getenv("SLURM_CONF");
	struct stat st;

	if (env && *env) {
		if (stat(env, &st) || !S_ISREG(st.st_mode) ||
		    access(env, R_OK))
			return ccp_fail(c, CCP_E_NO_CONFIG, "Connect: SLURM_CONF "
					"names %s, which is not a readable file "
					"(%s). Point SLURM_CONF at the cluster's "
					"slurm.conf.", env, stat(env, &st) ?
					strerror(errno) : "not readable");
		snprintf(path, len, "%s", env);
		return CCP_S_OK;
	}
	if (!stat(CCP_SLURM_DEFAULT_CONF, &st)) {
		if (access(CCP_SLURM_DEFAULT_CONF, R_OK))
			return ccp_fail(c, CCP_E_NO_CONFIG, "Connect: %s is not "
					"readable by uid %d.",
					CCP_SLURM_DEFAULT_CONF, (int)geteuid());
		snprintf(path, len, "%s", CCP_SLURM_DEFAULT_CONF);
		return CCP_S_OK;
	}
	if (!stat(cached, &st) && !access(cached, R_OK)) {
		snprintf(path, len, "%s", cached);
		return CCP_S_OK;
	}
	return ccp_fail(c, CCP_E_NO_CONFIG, "Connect: no Slurm configuration "
			"found: SLURM_CONF is not set, and neither %s nor %s "
			"(a configless node's cache) exists. Set SLURM_CONF, "
			"or connect to a slurmrestd with an http(s):// URL.",
			CCP_SLURM_DEFAULT_CONF, cached);
}

static ccp_hr_t ensure_init(ccp_cluster *c)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	char path[sizeof(init_conf)];
	ccp_hr_t hr;

	hr = find_conf(c, path, sizeof(path));
	if (CCP_FAILED(hr))
		return hr;
	pthread_mutex_lock(&lock);
	if (!init_conf[0])
		snprintf(init_conf, sizeof(init_conf), "%s", path);
	pthread_mutex_unlock(&lock);
	pthread_once(&init_once, do_init);
	if (strcmp(path, init_conf))
		return ccp_fail(c, CCP_E_WRONG_CLUSTER, "Connect: this process "
				"already uses the Slurm configuration %s; "
				"libslurm cannot switch to %s in the same "
				"process.", init_conf, path);
	return CCP_S_OK;
}

/* ------------------------------------------------------------------ */
/* Bounded RPCs                                                        */

typedef struct rpc {
	int kind;
	uint32_t job_id;
	uint32_t flags;
	char *expr;
	int rc;
	int err;
	slurm_conf_t *conf;
	void *fed;
	job_info_msg_t *jobs;
	job_array_resp_msg_t *resp;
#if HAVE_DECL_SLURM_LOAD_JOB_STATE
	slurm_selected_step_t *sel;	/* the light read's task list */
	int nsel;
	job_state_response_msg_t *states;
#endif
} rpc;

enum { RPC_PING, RPC_CONF, RPC_FED, RPC_LOAD_JOB, RPC_REQUEUE, RPC_JOB_STATE };

static void rpc_run(void *p)
{
	rpc *r = p;

	switch (r->kind) {
	case RPC_PING:
		/* Each controller in turn (primary, backups) until one
		 * answers: a ping is not retried by libslurm, where any other
		 * RPC retries a refused connection for MessageTimeout. */
		for (int i = 0; i < (int)(slurm_conf.control_cnt ?
					  slurm_conf.control_cnt : 1); i++)
			if (!(r->rc = slurm_ping(i)))
				break;
		break;
	case RPC_CONF:
		r->rc = slurm_load_ctl_conf((time_t)0, &r->conf);
		break;
	case RPC_FED:
		r->rc = slurm_load_federation(&r->fed);
		break;
	case RPC_LOAD_JOB:
		r->rc = ccp_slurm_load_job(&r->jobs, r->job_id,
				       (uint16_t)(SHOW_ALL | r->flags));
		break;
	case RPC_REQUEUE:
		r->resp = NULL;
		r->rc = slurm_requeue2(r->expr, r->flags, &r->resp);
		break;
#if HAVE_DECL_SLURM_LOAD_JOB_STATE
	case RPC_JOB_STATE:
		r->states = NULL;
		r->rc = slurm_load_job_state(r->nsel, r->sel, &r->states);
		break;
#endif
	}
	r->err = r->rc ? ccp_slurm_errno() : 0;
}

static void rpc_free(void *p)
{
	rpc *r = p;

	if (!r)
		return;
	if (r->conf)
		ccp_slurm_free_conf(r->conf);
	if (r->fed)
		slurm_destroy_federation_rec(r->fed);
	if (r->jobs)
		slurm_free_job_info_msg(r->jobs);
	if (r->resp)
		slurm_free_job_array_resp(r->resp);
#if HAVE_DECL_SLURM_LOAD_JOB_STATE
	if (r->states)
		slurm_free_job_state_response_msg(r->states);
	free(r->sel);
#endif
	free(r->expr);
	free(r);
}

static ccp_hr_t fail_rpc(ccp_cluster *c, const char *what, int e)
{
	ccp_hr_t hr = ccp_hr_from_slurm_errno(e);

	if (e >= SLURM_COMMUNICATIONS_CONNECTION_ERROR &&
	    e <= SLURM_COMMUNICATIONS_SHUTDOWN_ERROR)
		hr = CCP_E_UNREACHABLE;
	else if (e >= SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR &&
		 e <= SLURMCTLD_COMMUNICATIONS_SHUTDOWN_ERROR)
		hr = CCP_E_UNREACHABLE;
	if (hr == CCP_E_UNREACHABLE)
		return ccp_fail(c, hr, "%s: the Slurm controller could not be "
				"reached (Slurm: %s, error %d). Check that "
				"slurmctld runs and that SlurmctldHost/"
				"SlurmctldPort in %s are right.", what,
				slurm_strerror(e), e, init_conf);
	if (e == SLURM_PROTOCOL_AUTHENTICATION_ERROR ||
	    (e >= ESLURM_AUTH_CRED_INVALID && e < ESLURM_AUTH_CRED_INVALID + 100))
		return ccp_fail(c, hr, "%s: Slurm could not authenticate this "
				"request (Slurm: %s, error %d). Check that munged "
				"runs and shares the cluster's key.", what,
				slurm_strerror(e), e);
	return ccp_fail(c, hr, "%s failed: Slurm answered \"%s\" (error %d).",
			what, slurm_strerror(e), e);
}

/* Run r under the handle's deadline. On failure r is gone. */
static ccp_hr_t call(ccp_cluster *c, rpc *r, const char *what)
{
	int rc = ccp_call_bounded(rpc_run, r, rpc_free, c->timeout_ms);

	if (rc == ETIMEDOUT)
		return ccp_fail(c, CCP_E_TIMEOUT, "%s: the Slurm controller did "
				"not answer within %ld ms; %s", what,
				c->timeout_ms, r->kind == RPC_REQUEUE ?
				"the requeue may still take effect: read the "
				"tasks' states before trying again." :
				"nothing was changed.");
	return CCP_S_OK;
}

static rpc *rpc_new(ccp_cluster *c, int kind)
{
	rpc *r = calloc(1, sizeof(*r));

	if (!r)
		ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
	else
		r->kind = kind;
	return r;
}

/* ------------------------------------------------------------------ */
/* Connect                                                             */

static int host_matches(const char *name, const char *host)
{
	size_t n;

	if (!host || !*host)
		return 0;
	if (!strcasecmp(name, host))
		return 1;
	/* "head" matches "head.example.org" and the reverse. */
	n = strcspn(name, ".");
	return !strncasecmp(name, host, n) &&
	       (host[n] == '.' || host[n] == '\0') &&
	       strcspn(host, ".") == n;
}

/* One RPC of Connect that must succeed; *out is NULL after a failure. */
static ccp_hr_t connect_rpc(ccp_cluster *c, int kind, rpc **out)
{
	ccp_hr_t hr;
	rpc *r;

	*out = NULL;
	if (!(r = rpc_new(c, kind)))
		return CCP_E_OUTOFMEMORY;
	if (CCP_FAILED(hr = call(c, r, "Connect")))
		return hr;
	if (r->rc) {
		hr = fail_rpc(c, "Connect", r->err);
		rpc_free(r);
		return hr;
	}
	*out = r;
	return CCP_S_OK;
}

static ccp_hr_t be_connect(ccp_cluster *c, const char *target)
{
	slurm_conf_t *conf;
	ccp_hr_t hr;
	rpc *r, *r2;
	int ok;

	hr = ensure_init(c);
	if (CCP_FAILED(hr))
		return hr;
	/* A dead controller answers a ping at once; slurm_load_ctl_conf
	 * would retry the refused connection for MessageTimeout seconds. */
	if (CCP_FAILED(hr = connect_rpc(c, RPC_PING, &r)))
		return hr;
	rpc_free(r);
	if (CCP_FAILED(hr = connect_rpc(c, RPC_CONF, &r)))
		return hr;
	conf = r->conf;
	ok = !target;
	if (target) {
		ok = conf->cluster_name && !strcasecmp(target,
						       conf->cluster_name);
		for (uint32_t i = 0; !ok && i < conf->control_cnt; i++)
			ok = host_matches(target, conf->control_machine[i]) ||
			     (conf->control_addr &&
			      host_matches(target, conf->control_addr[i]));
		ok = ok || !strcasecmp(target, "localhost");
	}
	if (!ok) {
		hr = ccp_fail(c, CCP_E_WRONG_CLUSTER, "Connect: \"%s\" is neither "
			      "this Slurm cluster's name (%s) nor its "
			      "controller (%s). The native backend reaches only "
			      "the cluster of %s; for another cluster give an "
			      "http(s):// URL of its slurmrestd.", target,
			      conf->cluster_name ? conf->cluster_name : "unset",
			      conf->control_cnt ? conf->control_machine[0] : "",
			      init_conf);
		rpc_free(r);
		return hr;
	}
	/*
	 * Without SHOW_LOCAL every slurm_load_job first asks the controller
	 * for the federation (one more RPC per read); ask once here instead.
	 */
	c->read_flags = SHOW_LOCAL;
	if (!(r2 = rpc_new(c, RPC_FED))) {
		rpc_free(r);
		return CCP_E_OUTOFMEMORY;
	}
	if (CCP_FAILED(hr = call(c, r2, "Connect"))) {
		rpc_free(r);
		return hr;
	}
	if (!r2->rc && r2->fed) {
		slurmdb_federation_rec_t *fed = r2->fed;

		if (fed->cluster_list && slurm_list_count(fed->cluster_list))
			c->read_flags = 0;	/* federated: libslurm looks */
	}
	rpc_free(r2);
	c->max_array_size = conf->max_array_sz;
	c->min_job_age = conf->min_job_age;
	c->slurm_user_id = conf->slurm_user_id;
	c->caller_uid = (uint32_t)geteuid();
	snprintf(c->cluster_name, sizeof(c->cluster_name), "%s",
		 conf->cluster_name ? conf->cluster_name : "");
	rpc_free(r);
	return CCP_S_OK;
}

/* ------------------------------------------------------------------ */
/* Reading jobs                                                        */

static void fill_task(ccp_task *t, const slurm_job_info_t *j, uint32_t id)
{
	t->task_id = id;
	t->job_id = j->job_id;
	t->state = j->job_state;
	t->restart_cnt = j->restart_cnt;
	t->exit_code = j->exit_code;
	t->held = (j->job_state & JOB_STATE_BASE) == JOB_PENDING &&
		  j->priority == 0;
}

static ccp_hr_t add_record(ccp_cluster *c, ccp_job *job,
			   const slurm_job_info_t *j)
{
	ccp_task t;

	memset(&t, 0, sizeof(t));
	if (!j->array_job_id) {			/* a plain job: task 1 */
		fill_task(&t, j, 1);
		return ccp_job_add_task(c, job, &t);
	}
	if (j->array_task_id != NO_VAL) {	/* a task record */
		fill_task(&t, j, j->array_task_id);
		return ccp_job_add_task(c, job, &t);
	}
	if (!j->array_bitmap || slurm_bit_ffs(j->array_bitmap) < 0) {
		job->lost = 1;			/* see backend.h */
		job->lost_state = j->job_state;
	} else {				/* tasks not split off yet */
		bitstr_t *b = j->array_bitmap;
		int64_t i, first = slurm_bit_ffs(b), last = slurm_bit_fls(b);

		for (i = first; first >= 0 && i <= last; i++) {
			ccp_hr_t hr;

			if (!slurm_bit_test(b, i))
				continue;
			fill_task(&t, j, (uint32_t)i);
			t.job_id = 0;
			if (CCP_FAILED(hr = ccp_job_add_task(c, job, &t)))
				return hr;
		}
	}
	return CCP_S_OK;
}

static ccp_hr_t load(ccp_cluster *c, uint32_t job_id, rpc **out)
{
	ccp_hr_t hr;
	rpc *r;

	*out = NULL;
	if (!(r = rpc_new(c, RPC_LOAD_JOB)))
		return CCP_E_OUTOFMEMORY;
	r->job_id = job_id;
	r->flags = c->read_flags;
	if (CCP_FAILED(hr = call(c, r, "Reading the job's state")))
		return hr;
	if (r->rc && r->err != ESLURM_INVALID_JOB_ID) {
		char what[64];

		snprintf(what, sizeof(what), "Reading job %u", job_id);
		hr = fail_rpc(c, what, r->err);
		rpc_free(r);
		return hr;
	}
	*out = r;
	return CCP_S_OK;
}

static ccp_hr_t be_read_job(ccp_cluster *c, uint32_t job_id, ccp_job *job)
{
	ccp_hr_t hr = CCP_S_OK;
	rpc *r;

	ccp_job_reset(job);
	job->job_id = job_id;
	if (CCP_FAILED(hr = load(c, job_id, &r)))
		return hr;
	if (r->rc || !r->jobs || !r->jobs->record_count)
		goto out;	/* not found */
	job->found = 1;
	for (uint32_t i = 0; i < r->jobs->record_count; i++) {
		const slurm_job_info_t *j = &r->jobs->job_array[i];

		if (j->job_id == job_id && j->array_job_id &&
		    j->array_job_id != job_id) {
			job->split_of = j->array_job_id;
			job->split_task = j->array_task_id;
		}
		if (j->het_job_id && j->het_job_id != NO_VAL)
			job->het = 1;
		if (i == 0) {
			job->is_array = j->array_job_id != 0;
			job->requeue = j->requeue != 0;
			job->batch = j->batch_flag != 0;
			job->user_id = j->user_id;
		}
		if (CCP_FAILED(hr = add_record(c, job, j)))
			goto out;
	}
	ccp_job_sort(job);
out:
	rpc_free(r);
	return hr;
}

#if HAVE_DECL_SLURM_LOAD_JOB_STATE
/*
 * The light read (Slurm 24.05+): slurm_load_job_state() for the tasks
 * asked for, one selection per task, and the job's own facts (Requeue,
 * batch, owner) from one full record: a task split off the array, read by
 * its own id. Memory and time follow the ids asked for, not the array.
 *
 * It answers only when that is the whole truth; otherwise the full read
 * (be_read_job) does, as on 22.05:
 *  - a task pending or running among them: the contract needs whether it
 *    is held and its restart count, which only the full record has;
 *  - an asked task not found, or nothing found (a plain job, no such job,
 *    an own id of a split task: the full read names each), a
 *    heterogeneous job, or no split-off task to read the job's facts from
 *    (a record with the array's own id would bring every record).
 * Slurm answers each asked task still pending in the array's own record
 * with that record (and its bitmap); such a task sends us to the full read.
 */
static int ended(uint32_t state)
{
	uint32_t base = state & JOB_STATE_BASE;

	return base > JOB_SUSPENDED && base < JOB_END &&
	       !(state & (JOB_COMPLETING | JOB_REQUEUE | JOB_REQUEUE_HOLD |
			  JOB_SPECIAL_EXIT));
}

/*
 * Fill job from the light answer; 0 when the full read must answer.
 * ids[0..n): the asked tasks, ascending, no duplicates.
 */
static int from_states(ccp_cluster *c, ccp_job *job,
		       const job_state_response_msg_t *m,
		       const uint32_t *ids, size_t n, uint32_t *own)
{
	int meta_done = 0;

	*own = 0;
	if (!m || !m->jobs_count)
		return 0;
	for (uint32_t i = 0; i < m->jobs_count; i++) {
		const job_state_response_job_t *s = &m->jobs[i];
		ccp_task t;

		if (s->array_job_id != job->job_id || !ended(s->state) ||
		    (s->het_job_id && s->het_job_id != NO_VAL))
			return 0;
		memset(&t, 0, sizeof(t));
		t.state = s->state;
		if (s->array_task_id == NO_VAL) {
			/* The array's own record, ended with tasks it never
			 * split off (cancelled while pending): it comes once
			 * per such task asked; take the asked ones once. */
			bitstr_t *b = s->array_task_id_bitmap;

			if (!b)
				return 0;
			if (meta_done++)
				continue;
			for (size_t k = 0; k < n; k++) {
				if (ids[k] >= (uint64_t)slurm_bit_size(b) ||
				    !slurm_bit_test(b, ids[k]))
					continue;
				t.task_id = ids[k];
				if (CCP_FAILED(ccp_job_add_task(c, job, &t)))
					return 0;
			}
			continue;
		}
		t.task_id = s->array_task_id;
		t.job_id = s->job_id;
		if (CCP_FAILED(ccp_job_add_task(c, job, &t)))
			return 0;
		if (!*own && s->job_id != job->job_id)
			*own = s->job_id;
	}
	/* Every asked task found, or the full read must say which is not
	 * (and what the job has: the light answer holds only these). */
	return *own != 0 && job->ntasks == n;
}

static ccp_hr_t be_read_tasks(ccp_cluster *c, uint32_t job_id,
			      const uint32_t *ids, size_t n, ccp_job *job)
{
	uint32_t own = 0, *sorted = NULL;
	size_t i, m = 0;
	ccp_hr_t hr;
	rpc *r, *r2;
	int ok;

	/* A federation's sibling records come only with the full read. */
	if (!n || n > (size_t)INT32_MAX || !(c->read_flags & SHOW_LOCAL))
		return be_read_job(c, job_id, job);
	ccp_job_reset(job);
	job->job_id = job_id;
	if (!(r = rpc_new(c, RPC_JOB_STATE)))
		return CCP_E_OUTOFMEMORY;
	sorted = malloc(n * sizeof(*sorted));
	r->sel = malloc(n * sizeof(*r->sel));
	if (!sorted || !r->sel) {
		free(sorted);
		rpc_free(r);
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory for %zu "
				"task ids", n);
	}
	memcpy(sorted, ids, n * sizeof(*sorted));
	ccp_sort_ids(sorted, n);
	for (i = 0; i < n; i++) {
		slurm_selected_step_t s = SLURM_SELECTED_STEP_INITIALIZER;

		if (m && sorted[i] == sorted[m - 1])
			continue;
		sorted[m] = sorted[i];
		s.step_id.job_id = job_id;
		s.array_task_id = sorted[i];
		r->sel[m++] = s;
	}
	r->nsel = (int)m;
	if (CCP_FAILED(hr = call(c, r, "Reading the tasks' states"))) {
		free(sorted);
		return hr;
	}
	/* Any failure here (also a controller without this RPC): full read. */
	ok = !r->rc && from_states(c, job, r->states, sorted, m, &own);
	free(sorted);
	rpc_free(r);
	if (!ok)
		return be_read_job(c, job_id, job);

	if (!(r2 = rpc_new(c, RPC_LOAD_JOB)))
		return CCP_E_OUTOFMEMORY;
	r2->job_id = own;
	r2->flags = c->read_flags;
	if (CCP_FAILED(hr = call(c, r2, "Reading the job's state")))
		return hr;
	ok = !r2->rc && r2->jobs && r2->jobs->record_count == 1 &&
	     r2->jobs->job_array[0].job_id == own &&
	     r2->jobs->job_array[0].array_job_id == job_id;
	if (ok) {
		const slurm_job_info_t *j = &r2->jobs->job_array[0];

		job->found = 1;
		job->is_array = 1;
		job->requeue = j->requeue != 0;
		job->batch = j->batch_flag != 0;
		job->user_id = j->user_id;
		job->no_restart = 1;
		ccp_job_sort(job);
	}
	rpc_free(r2);
	return ok ? CCP_S_OK : be_read_job(c, job_id, job);
}
#endif

static ccp_hr_t be_read_task(ccp_cluster *c, const ccp_job *job,
				ccp_task *t)
{
	ccp_hr_t hr = CCP_S_OK;
	uint32_t own = t->job_id ? t->job_id : job->job_id;
	rpc *r;

	if (CCP_FAILED(hr = load(c, own, &r)))
		return hr;
	if (r->rc || !r->jobs)
		goto out;
	for (uint32_t i = 0; i < r->jobs->record_count; i++) {
		const slurm_job_info_t *j = &r->jobs->job_array[i];
		uint32_t tid = j->array_job_id ? j->array_task_id : 1;

		if (tid == t->task_id) {
			fill_task(t, j, tid);
			goto out;
		}
		if (j->array_task_id == NO_VAL && j->array_bitmap &&
		    t->task_id < (uint32_t)slurm_bit_size(j->array_bitmap) &&
		    slurm_bit_test(j->array_bitmap, t->task_id)) {
			fill_task(t, j, t->task_id);
			t->job_id = 0;
			goto out;
		}
	}
	t->state = JOB_COMPLETE;	/* gone: Slurm purged it */
out:
	rpc_free(r);
	return hr;
}

/* ------------------------------------------------------------------ */
/* Requeue                                                             */

static ccp_hr_t be_requeue(ccp_cluster *c, const ccp_job *job,
			      const uint32_t *tasks, size_t n,
			      int running_only, ccp_rq_result *res)
{
	size_t len = 32 + n * 12;
	ccp_hr_t hr;
	rpc *r;

	memset(res, 0, sizeof(*res));
	res->all_ok = 1;
	if (!(r = rpc_new(c, RPC_REQUEUE)))
		return CCP_E_OUTOFMEMORY;
	r->flags = running_only ? JOB_RUNNING : 0;
	if (!(r->expr = malloc(len))) {
		rpc_free(r);
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
	}
	if (!job->is_array)
		snprintf(r->expr, len, "%u", job->job_id);
	else if (n == 1)
		snprintf(r->expr, len, "%u_%u", job->job_id, tasks[0]);
	else if (ccp_format_array_expr(r->expr, len, job->job_id, tasks,
				       n) < 0) {
		rpc_free(r);
		return ccp_fail(c, CCP_E_FAIL, "internal: array expression "
				"overflow");
	}
	if (CCP_FAILED(hr = call(c, r, "Requeue")))
		return hr;
	if (r->resp) {
		/* Per-task answers, grouped by code. The id strings may be
		 * cut (22.05: 32 bytes): kept for messages only. */
		for (uint32_t i = 0; i < r->resp->job_array_count; i++) {
			int e = (int)r->resp->error_code[i];

			if (!e || e == ESLURM_JOB_PENDING)
				continue;
			if (res->all_ok) {
				res->first_errno = e;
				snprintf(res->first_ids, sizeof(res->first_ids),
					 "%s", r->resp->job_array_id[i] ?
					 r->resp->job_array_id[i] : "");
			}
			res->all_ok = 0;
		}
	} else if (r->rc && r->err != ESLURM_JOB_PENDING) {
		int e = r->err;

		if ((e >= SLURM_COMMUNICATIONS_CONNECTION_ERROR &&
		     e <= SLURM_COMMUNICATIONS_SHUTDOWN_ERROR) ||
		    (e >= SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR &&
		     e <= SLURMCTLD_COMMUNICATIONS_SHUTDOWN_ERROR) ||
		    e == SLURM_PROTOCOL_AUTHENTICATION_ERROR ||
		    e == SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT) {
			hr = fail_rpc(c, "Requeue", e);
			rpc_free(r);
			return hr;
		}
		res->all_ok = 0;
		res->first_errno = e;
		snprintf(res->first_ids, sizeof(res->first_ids), "%s",
			 r->expr);
	}
	rpc_free(r);
	return CCP_S_OK;
}

static const char *be_words(int e)
{
	const char *s = slurm_strerror(e);

	return s ? s : "unknown error";
}

static void be_disconnect(ccp_cluster *c)
{
	(void)c;
}

const ccp_backend_ops ccp_backend_slurm = {
	.name = "slurm",
	.connect = be_connect,
	.read_job = be_read_job,
#if HAVE_DECL_SLURM_LOAD_JOB_STATE
	.read_tasks = be_read_tasks,
#endif
	.requeue = be_requeue,
	.read_task = be_read_task,
	.strerror = be_words,
	.disconnect = be_disconnect,
};
