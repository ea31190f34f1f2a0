/*
 * test_requeue.c - the contract core (requeue.c) and the native backend
 * over fake_slurm.c: every rule of CONTRACT sections 1-4, every Slurm base
 * state, the O(1) round trips, concurrent change, strict mode, dry run.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <slurm/slurm.h>

#include "cluster.h"
#include "fake_slurm.h"

static ccp_cluster *connected(void)
{
	ccp_cluster *c = NULL;

	fake_conf_env();
	assert_int_equal(ccp_cluster_new(&c), CCP_S_OK);
	assert_int_equal(ccp_connect(c, NULL), CCP_S_OK);
	fake.n_conf = fake.n_load = fake.n_requeue = 0;
	return c;
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	unsetenv("CCP_SCHEDULER");
	return 0;
}

/* An array job 95 with tasks 1..n in the given base states. */
static fake_job *array95(const uint32_t *states, int n)
{
	fake_job *j = fake_add_job(95, 1);

	for (int i = 0; i < n; i++)
		fake_add_task(j, (uint32_t)i + 1, states[i], 0);
	return j;
}

#define MSG_HAS(c, s) do { \
	if (!strstr(ccp_error_message(c), (s))) \
		fail_msg("message \"%s\" lacks \"%s\"", \
			 ccp_error_message(c), (s)); \
	} while (0)

/* --- Connect ---------------------------------------------------------- */

static void connect_no_config(void **state)
{
	ccp_cluster *c;

	(void)state;
	setenv("SLURM_CONF", "/nonexistent/slurm.conf", 1);
	assert_int_equal(ccp_cluster_new(&c), CCP_S_OK);
	assert_int_equal(ccp_connect(c, ""), CCP_E_NO_CONFIG);
	MSG_HAS(c, "/nonexistent/slurm.conf");
	assert_int_equal(fake.n_conf, 0);
	ccp_cluster_free(c);
}

static void connect_names(void **state)
{
	ccp_cluster *c;

	(void)state;
	fake_conf_env();
	assert_int_equal(ccp_cluster_new(&c), CCP_S_OK);
	assert_int_equal(ccp_connect(c, "fakecluster"), CCP_S_OK);
	assert_int_equal(c->max_array_size, 1001);
	assert_int_equal(ccp_connect(c, "head"), CCP_S_OK);
	assert_int_equal(ccp_connect(c, "head.example.org"), CCP_S_OK);
	assert_int_equal(ccp_connect(c, "otherhost"), CCP_E_WRONG_CLUSTER);
	MSG_HAS(c, "otherhost");
	setenv("CCP_SCHEDULER", "nothere", 1);
	assert_int_equal(ccp_connect(c, NULL), CCP_E_WRONG_CLUSTER);
	unsetenv("CCP_SCHEDULER");
	/* a URL goes to the slurmrestd backend: no token, then nobody there */
	unsetenv("SLURM_JWT");
	assert_int_equal(ccp_connect(c, "http://127.0.0.1:1/"), CCP_E_ACCESSDENIED);
	setenv("SLURM_JWT", "x", 1);
	assert_int_equal(ccp_connect(c, "http://127.0.0.1:1/"), CCP_E_UNREACHABLE);
	unsetenv("SLURM_JWT");
	ccp_cluster_free(c);
}

static void connect_unreachable(void **state)
{
	ccp_cluster *c;

	(void)state;
	fake_conf_env();
	assert_int_equal(ccp_cluster_new(&c), CCP_S_OK);
	/* No controller answers the ping: the configuration is not asked
	 * for (libslurm would retry that refused connection for seconds). */
	fake.ping_errno = 1800;	/* SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR */
	assert_int_equal(ccp_connect(c, NULL), CCP_E_UNREACHABLE);
	MSG_HAS(c, "could not be reached");
	assert_int_equal(fake.n_ping, 1);
	assert_int_equal(fake.n_conf, 0);
	fake.ping_errno = 0;
	fake.conf_errno = 1800;
	assert_int_equal(ccp_connect(c, NULL), CCP_E_UNREACHABLE);
	MSG_HAS(c, "controller");
	fake.conf_errno = 1007;	/* authentication: munge */
	assert_int_equal(ccp_connect(c, NULL), CCP_HR_FROM_SLURM(1007));
	MSG_HAS(c, "munge");
	/* Not connected: calls say so. */
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_E_NOT_CONNECTED);
	ccp_cluster_free(c);
}

/* --- Arguments ---------------------------------------------------------- */

static void bad_arguments_change_nothing(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_FAILED };
	ccp_cluster *c;
	int32_t neg[] = { 1, -2 }, big[] = { 1, 1001 }, ok[] = { 1 };
	size_t q = 99;

	(void)state;
	array95(st, 2);
	c = connected();
	assert_int_equal(ccp_requeue_tasks(c, 0, ok, 1, &q), CCP_E_INVALIDARG);
	assert_int_equal(q, 0);
	assert_int_equal(ccp_requeue_tasks(c, -5, ok, 1, NULL), CCP_E_INVALIDARG);
	assert_int_equal(ccp_requeue_tasks(c, 95, neg, 2, NULL), CCP_E_INVALIDARG);
	MSG_HAS(c, "item 2");
	assert_int_equal(ccp_requeue_tasks(c, 95, big, 2, NULL), CCP_E_INVALIDARG);
	MSG_HAS(c, "MaxArraySize=1001");
	assert_int_equal(ccp_requeue_tasks(c, 95, NULL, 3, NULL), CCP_E_POINTER);
	assert_int_equal(ccp_requeue_tasks(NULL, 95, ok, 1, NULL), CCP_E_POINTER);
	assert_int_equal(ccp_requeue_tasks(c, 95, NULL, 0, NULL), CCP_S_OK);
	assert_int_equal(fake.n_load + fake.n_requeue, 0);
	assert_int_equal(fake_state(95, 1), JOB_FAILED);
	ccp_cluster_free(c);
}

/* --- Every base state ---------------------------------------------------- */

static void every_base_state(void **state)
{
	static const struct { uint32_t st; ccp_hr_t hr; int requeued; } rows[] = {
		{ JOB_PENDING,   CCP_S_OK, 0 },
		{ JOB_RUNNING,   CCP_S_OK, 1 },
		{ JOB_SUSPENDED, CCP_S_OK, 1 },
		{ JOB_COMPLETE,  CCP_E_TASK_FINISHED, 0 },
		{ JOB_CANCELLED, CCP_S_OK, 1 },
		{ JOB_FAILED,    CCP_S_OK, 1 },
		{ JOB_TIMEOUT,   CCP_S_OK, 1 },
		{ JOB_NODE_FAIL, CCP_S_OK, 1 },
		{ JOB_PREEMPTED, CCP_S_OK, 1 },
		{ JOB_BOOT_FAIL, CCP_S_OK, 1 },
		{ JOB_DEADLINE,  CCP_S_OK, 1 },
		{ JOB_OOM,       CCP_S_OK, 1 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		for (int strict = 0; strict < 2; strict++) {
			ccp_cluster *c;
			fake_job *j;

			fake_reset();
			j = fake_add_job(95, 1);
			fake_add_task(j, 7, rows[k].st, 1);
			/* a flag on top must not change the reading */
			if (rows[k].st == JOB_COMPLETE)
				j->state[0] |= JOB_COMPLETING;
			c = connected();
			ccp_set_option(c, CCP_OPT_STRICT, strict);
			assert_int_equal(ccp_requeue_task(c, 95, 7), rows[k].hr);
			assert_int_equal(fake_restart(95, 7),
					 (uint32_t)rows[k].requeued);
			if (rows[k].requeued)
				assert_int_equal(fake_state(95, 7) &
						 JOB_STATE_BASE, JOB_PENDING);
			else
				assert_int_equal(fake_state(95, 7) &
						 JOB_STATE_BASE, rows[k].st);
			if (rows[k].st == JOB_PENDING)
				assert_int_equal(fake.n_requeue, 0);
			ccp_cluster_free(c);
		}
	}
}

static void finished_task_message(void **state)
{
	uint32_t st[] = { JOB_COMPLETE };
	ccp_cluster *c;

	(void)state;
	array95(st, 1);
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_E_TASK_FINISHED);
	MSG_HAS(c, "You cannot call this method for completed tasks");
	MSG_HAS(c, "Job 95, task 1");
	MSG_HAS(c, "COMPLETED");
	assert_int_equal(fake.n_requeue, 0);
	ccp_cluster_free(c);
}

static void running_uses_running_flag(void **state)
{
	uint32_t st[] = { JOB_RUNNING };
	ccp_cluster *c;

	(void)state;
	array95(st, 1);
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_S_OK);
	assert_int_equal(fake.last_flags, JOB_RUNNING);
	assert_int_equal(fake.n_requeue, 1);
	ccp_cluster_free(c);
}

static void pending_and_held(void **state)
{
	uint32_t st[] = { JOB_PENDING, JOB_PENDING };
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	j = array95(st, 2);
	j->priority[0] = j->priority[1] = 0;	/* held */
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 95, 2), CCP_S_OK);
	assert_int_equal(fake.n_requeue, 0);
	assert_int_equal(fake.n_load, 1);
	ccp_cluster_free(c);
}

static int held_seen;

static void on_report(void *arg, const ccp_task_report *r)
{
	(void)arg;
	held_seen += r->held;
}

static void held_is_reported(void **state)
{
	uint32_t st[] = { JOB_PENDING };
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	j = array95(st, 1);
	j->priority[0] = 0;
	c = connected();
	held_seen = 0;
	ccp_set_report(c, on_report, NULL);
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_S_OK);
	assert_int_equal(held_seen, 1);
	ccp_cluster_free(c);
}

/* --- Not found ------------------------------------------------------------ */

static void unknown_task_and_job(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_FAILED };
	ccp_cluster *c;

	(void)state;
	array95(st, 2);
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 95, 9), CCP_E_TASK_NOT_FOUND);
	MSG_HAS(c, "task 9");
	assert_int_equal(ccp_requeue_task(c, 96, 1), CCP_E_JOB_NOT_FOUND);
	MSG_HAS(c, "MinJobAge");
	MSG_HAS(c, "Job 96");
	assert_int_equal(fake.n_requeue, 0);
	assert_int_equal(fake_restart(95, 1), 0);
	ccp_cluster_free(c);
}

/* Slurm 26.05: the array's own record, cancelled by task id while it held
 * the last unstarted task, has no task id left: the message says so. */
static void task_lost_by_slurm(void **state)
{
	ccp_cluster *c;
	fake_job *j;
	int32_t ids[] = { 1, 4 };
	size_t q = 0;

	(void)state;
	j = fake_add_job(95, 1);
	for (uint32_t t = 1; t <= 3; t++)
		fake_add_task(j, t, JOB_CANCELLED, 1);
	j->lost = 1;
	c = connected();
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, &q),
			 CCP_E_TASK_NOT_FOUND);
	assert_int_equal(q, 1);
	assert_int_equal(fake_state(95, 1), JOB_PENDING);
	MSG_HAS(c, "Job 95, task 4: Slurm lists no such task");
	MSG_HAS(c, "without a task id (Slurm state CANCELLED)");
	MSG_HAS(c, "95_4");
	MSG_HAS(c, "submit it again");
	/* Without that record: the plain "no such task". */
	j->lost = 0;
	assert_int_equal(ccp_requeue_task(c, 95, 4), CCP_E_TASK_NOT_FOUND);
	MSG_HAS(c, "no such task (job 95 has 3 tasks, ids 1 to 3)");
	ccp_cluster_free(c);
}

static void plain_job_is_task_1(void **state)
{
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	j = fake_add_job(200, 0);
	fake_add_task(j, 1, JOB_FAILED, 1);
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 200, 2), CCP_E_TASK_NOT_FOUND);
	MSG_HAS(c, "not a job array");
	assert_int_equal(ccp_requeue_task(c, 200, 1), CCP_S_OK);
	assert_string_equal(fake.last_expr, "200");
	assert_int_equal(fake_restart(200, 1), 1);
	ccp_cluster_free(c);
}

static void split_task_own_id_refused(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_FAILED, JOB_FAILED, JOB_FAILED };
	ccp_cluster *c;
	char want[32];

	(void)state;
	array95(st, 4);
	c = connected();
	assert_int_equal(ccp_requeue_task(c, (int32_t)fake_own_id(95, 4), 1),
			 CCP_E_INVALIDARG);
	snprintf(want, sizeof(want), "95.4");
	MSG_HAS(c, want);
	assert_int_equal(fake.n_requeue, 0);
	ccp_cluster_free(c);
}

/* --- Job-level refusals ---------------------------------------------------- */

static void requeue_disabled_changes_nothing(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_COMPLETE };
	int32_t ids[] = { 1, 2 };
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	j = array95(st, 2);
	j->requeue = 0;
	c = connected();
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, NULL),
			 CCP_E_REQUEUE_DISABLED);
	MSG_HAS(c, "Requeue=0");
	assert_int_equal(fake_restart(95, 1), 0);
	assert_int_equal(fake.n_requeue, 0);
	/* job-level first: even with the finished task first */
	ids[0] = 2;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 1, NULL),
			 CCP_E_REQUEUE_DISABLED);
	assert_int_equal(ccp_requeue_job(c, 95), CCP_E_REQUEUE_DISABLED);
	ccp_cluster_free(c);
}

static void not_batch_and_het(void **state)
{
	uint32_t st[] = { JOB_FAILED };
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	j = array95(st, 1);
	j->batch = 0;
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_HR_FROM_SLURM(2039));
	MSG_HAS(c, "not a batch job");
	j->batch = 1;
	j->het = 1;
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_E_INVALIDARG);
	MSG_HAS(c, "heterogeneous");
	assert_int_equal(fake_restart(95, 1), 0);
	ccp_cluster_free(c);
}

static void access_denied_first(void **state)
{
	uint32_t st[] = { JOB_COMPLETE, JOB_FAILED };
	int32_t ids[] = { 1, 2 };
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	j = array95(st, 2);
	j->user_id = 5678;
	c = connected();
	c->caller_uid = 1234;
	fake.deny_access = 1;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, NULL),
			 CCP_E_ACCESSDENIED);
	MSG_HAS(c, "uid 5678");
	assert_int_equal(fake_restart(95, 2), 0);
	/* the probe asked with JOB_RUNNING: it cannot change anything */
	assert_int_equal(fake.last_flags, JOB_RUNNING);
	/* an operator (not denied) goes on to the task rules */
	fake.deny_access = 0;
	ids[0] = 2;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 1, NULL), CCP_S_OK);
	assert_int_equal(fake_restart(95, 2), 1);
	/* the owner is never probed */
	c->caller_uid = 5678;
	fake.n_requeue = 0;
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_E_TASK_FINISHED);
	assert_int_equal(fake.n_requeue, 0);
	ccp_cluster_free(c);
}

/* --- Order, stop at first failure, duplicates ------------------------------- */

static void stops_at_first_failure(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_CANCELLED, JOB_COMPLETE, JOB_FAILED };
	int32_t ids[] = { 1, 2, 3, 4 };
	ccp_cluster *c;
	size_t q = 0;

	(void)state;
	array95(st, 4);
	for (int strict = 0; strict < 2; strict++) {
		fake_reset();
		array95(st, 4);
		c = connected();
		ccp_set_option(c, CCP_OPT_STRICT, strict);
		assert_int_equal(ccp_requeue_tasks(c, 95, ids, 4, &q),
				 CCP_E_TASK_FINISHED);
		assert_int_equal(q, 2);
		assert_int_equal(fake_restart(95, 1), 1);
		assert_int_equal(fake_restart(95, 2), 1);
		assert_int_equal(fake_state(95, 3), JOB_COMPLETE);
		assert_int_equal(fake_restart(95, 4), 0);
		assert_int_equal(fake_state(95, 4), JOB_FAILED);
		MSG_HAS(c, "task 3");
		MSG_HAS(c, "2 tasks before it are queued");
		ccp_cluster_free(c);
	}
}

static void duplicates_find_task_queued(void **state)
{
	uint32_t st[] = { JOB_FAILED };
	int32_t ids[] = { 1, 1, 1 };
	ccp_cluster *c;
	size_t q = 0;

	(void)state;
	array95(st, 1);
	c = connected();
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 3, &q), CCP_S_OK);
	assert_int_equal(q, 3);
	assert_int_equal(fake_restart(95, 1), 1);
	ccp_cluster_free(c);
}

static void last_error_kept(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_COMPLETE };
	ccp_cluster *c;

	(void)state;
	array95(st, 2);
	c = connected();
	assert_int_equal(ccp_requeue_task(c, 95, 2), CCP_E_TASK_FINISHED);
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_S_OK);
	assert_int_equal(ccp_last_error(c), CCP_E_TASK_FINISHED);
	MSG_HAS(c, "completed tasks");
	ccp_cluster_free(c);
}

static void slurm_refusal_carried(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_FAILED, JOB_FAILED };
	int32_t ids[] = { 1, 2, 3 };
	ccp_cluster *c;
	size_t q = 0;

	(void)state;
	array95(st, 3);
	c = connected();
	fake.refuse_task = 2;
	fake.refuse_errno = 2036;	/* ESLURM_NOT_SUPPORTED */
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 3, &q),
			 CCP_HR_FROM_SLURM(2036));
	assert_int_equal(q, 1);
	MSG_HAS(c, "fake Slurm error 2036");
	MSG_HAS(c, "task 2");
	/* Slurm's array requeue does not stop: task 3 was queued, and the
	 * message says so */
	MSG_HAS(c, "after it was also queued");
	ccp_cluster_free(c);
}

/* --- Cost ------------------------------------------------------------------ */

static void thousand_tasks_constant_rpcs(void **state)
{
	static uint32_t st[1000];
	static int32_t ids[1000];
	ccp_cluster *c;
	size_t q;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		st[i] = JOB_FAILED;
		ids[i] = i + 1;
	}
	array95(st, 1000);
	c = connected();
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 1000, &q), CCP_S_OK);
	assert_int_equal(q, 1000);
	assert_int_equal(fake.n_load, 1);
	assert_int_equal(fake.n_requeue, 1);
	assert_string_equal(fake.last_expr, "95_[1-1000]");
	/* not federated: reads ask for local jobs only (no federation RPC) */
	assert_true(fake.last_load_flags & SHOW_LOCAL);
	ccp_cluster_free(c);

	/* mixed: running, failed, pending, cancelled; one finished at 600 */
	fake_reset();
	for (int i = 0; i < 1000; i++)
		st[i] = (uint32_t[]){ JOB_FAILED, JOB_RUNNING, JOB_PENDING,
				      JOB_CANCELLED }[i % 4];
	st[599] = JOB_COMPLETE;
	array95(st, 1000);
	c = connected();
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 1000, &q),
			 CCP_E_TASK_FINISHED);
	assert_int_equal(q, 599);
	assert_true(fake.n_load <= 2);
	assert_true(fake.n_requeue <= 2);
	assert_int_equal(fake_restart(95, 601), 0);
	assert_int_equal(fake_restart(95, 597), 1);	/* failed */
	assert_int_equal(fake_restart(95, 598), 1);	/* running */
	assert_int_equal(fake_restart(95, 599), 0);	/* pending */
	ccp_cluster_free(c);
}

#if HAVE_DECL_SLURM_LOAD_JOB_STATE
/*
 * Slurm 24.05+: ended tasks split off the array are read with the light
 * state read (the asked tasks only) plus one task's own record for the
 * job's facts; anything the light read cannot tell goes to the full read.
 */
static void light_read_when_it_tells_all(void **state)
{
	static int32_t ids[1000];
	fake_job *j;
	ccp_cluster *c;
	size_t q;

	(void)state;
	j = fake_add_job(95, 1);
	for (int i = 0; i < 900; i++) {
		fake_add_task(j, (uint32_t)i + 1, i % 2 ? JOB_FAILED :
			      JOB_CANCELLED, 1);
		ids[i] = i + 1;
	}
	c = connected();
	fake.n_state = 0;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 10, &q), CCP_S_OK);
	assert_int_equal(q, 10);
	assert_int_equal(fake.n_state, 1);
	assert_int_equal(fake.n_load, 1);	/* one task's own record */
	assert_int_equal(fake.n_requeue, 1);
	assert_string_equal(fake.last_expr, "95_[1-10]");
	assert_int_equal(fake_restart(95, 11), 0);

	/* a finished task in the middle: same reads, the stop is kept */
	fake_add_task(j, 901, JOB_COMPLETE, 1);
	fake.n_state = fake.n_load = fake.n_requeue = 0;
	ids[0] = 20;
	ids[1] = 901;
	ids[2] = 21;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 3, &q),
			 CCP_E_TASK_FINISHED);
	assert_int_equal(q, 1);
	assert_int_equal(fake.n_state, 1);
	assert_int_equal(fake.n_load, 1);
	assert_int_equal(fake_restart(95, 20), 1);
	assert_int_equal(fake_restart(95, 21), 0);

	/* a task Slurm refuses although the read said ended: the re-read
	 * (full) judges by state, and the tasks after it are told apart */
	fake.refuse_task = 31;
	fake.refuse_errno = ESLURM_DISABLED;
	fake.n_state = fake.n_load = fake.n_requeue = 0;
	for (int i = 0; i < 3; i++)
		ids[i] = 30 + i;
	assert_int_not_equal(ccp_requeue_tasks(c, 95, ids, 3, &q), CCP_S_OK);
	assert_int_equal(q, 1);
	assert_int_equal(fake_restart(95, 30), 1);
	MSG_HAS(c, "31");
	fake.refuse_task = 0;

	/* an unknown task among known ones: the full read names it and
	 * says what the job has (the light answer holds the asked only) */
	fake.n_state = fake.n_load = fake.n_requeue = 0;
	ids[0] = 50;
	ids[1] = 950;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, &q),
			 CCP_E_TASK_NOT_FOUND);
	assert_int_equal(q, 1);
	assert_int_equal(fake.n_state, 1);
	assert_int_equal(fake.n_load, 1);	/* the whole job */
	MSG_HAS(c, "job 95 has 901 tasks, ids 1 to 901");

	/* a pending task among them: the full read answers (held, counts) */
	fake_add_task(j, 902, JOB_PENDING, 0);
	fake.n_state = fake.n_load = fake.n_requeue = 0;
	ids[0] = 40;
	ids[1] = 902;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, &q), CCP_S_OK);
	assert_int_equal(fake.n_state, 1);
	assert_int_equal(fake.n_load, 1);	/* the whole job */
	assert_int_equal(fake_restart(95, 40), 1);

	/* the light read fails (an older controller): the full read */
	fake.state_errno = SLURM_PROTOCOL_VERSION_ERROR;
	fake.n_state = fake.n_load = 0;
	ids[0] = 50;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 1, &q), CCP_S_OK);
	assert_int_equal(fake.n_state, 1);
	assert_int_equal(fake.n_load, 1);
	fake.state_errno = 0;

	/* a plain job: the light read finds nothing; the full read does */
	fake_add_task(fake_add_job(96, 0), 1, JOB_FAILED, 1);
	ids[0] = 1;
	assert_int_equal(ccp_requeue_tasks(c, 96, ids, 1, &q), CCP_S_OK);
	assert_int_equal(fake_restart(96, 1), 1);
	ccp_cluster_free(c);
}
#endif

static void strict_one_rpc_per_task(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_PENDING, JOB_CANCELLED, JOB_FAILED };
	int32_t ids[] = { 1, 2, 3, 4 };
	ccp_cluster *c;

	(void)state;
	array95(st, 4);
	c = connected();
	ccp_set_option(c, CCP_OPT_STRICT, 1);
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 4, NULL), CCP_S_OK);
	assert_int_equal(fake.n_requeue, 3);
	assert_string_equal(fake.last_expr, "95_4");
	ccp_cluster_free(c);
}

/* --- Concurrent change ------------------------------------------------------ */

static uint32_t change_to;

static void end_task1_after_first_load(int nth)
{
	if (nth == 1) {
		fake_job *j = fake_find_job(95);

		j->state[0] = change_to;
	}
}

static void running_task_ends_before_requeue(void **state)
{
	uint32_t st[] = { JOB_RUNNING, JOB_FAILED };
	int32_t ids[] = { 1, 2 };
	ccp_cluster *c;
	size_t q;

	(void)state;
	/* ended FAILED: judged again, queued */
	array95(st, 2);
	c = connected();
	change_to = JOB_FAILED;
	fake.after_load = end_task1_after_first_load;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, &q), CCP_S_OK);
	assert_int_equal(fake_restart(95, 1), 1);
	assert_int_equal(fake_restart(95, 2), 1);
	ccp_cluster_free(c);

	/* ended COMPLETED: refused at its place, and reported exactly */
	fake_reset();
	array95(st, 2);
	c = connected();
	change_to = JOB_COMPLETE;
	fake.after_load = end_task1_after_first_load;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, &q),
			 CCP_E_TASK_FINISHED);
	assert_int_equal(q, 0);
	assert_int_equal(fake_state(95, 1), JOB_COMPLETE);
	MSG_HAS(c, "changed during the call");
	ccp_cluster_free(c);

	/* strict mode: the same answer, and task 2 is not touched */
	fake_reset();
	array95(st, 2);
	c = connected();
	ccp_set_option(c, CCP_OPT_STRICT, 1);
	change_to = JOB_COMPLETE;
	fake.after_load = end_task1_after_first_load;
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 2, &q),
			 CCP_E_TASK_FINISHED);
	assert_int_equal(fake_restart(95, 2), 0);
	ccp_cluster_free(c);
}

static void rpc_failure(void **state)
{
	uint32_t st[] = { JOB_FAILED };
	ccp_cluster *c;

	(void)state;
	array95(st, 1);
	c = connected();
	fake.requeue_errno = 1800;
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_E_UNREACHABLE);
	fake.requeue_errno = 0;
	fake.load_errno = 1007;
	assert_int_equal(ccp_requeue_task(c, 95, 1), CCP_HR_FROM_SLURM(1007));
	ccp_cluster_free(c);
}

/* --- Dry run ------------------------------------------------------------------ */

static void dry_run_sends_nothing(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_RUNNING, JOB_COMPLETE };
	int32_t ids[] = { 1, 2, 3 };
	ccp_cluster *c;
	size_t q;

	(void)state;
	array95(st, 3);
	c = connected();
	ccp_set_option(c, CCP_OPT_DRY_RUN, 1);
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 3, &q),
			 CCP_E_TASK_FINISHED);
	assert_int_equal(q, 2);
	assert_int_equal(fake.n_requeue, 0);
	assert_int_equal(fake_restart(95, 1), 0);
	MSG_HAS(c, "2 tasks before it would be queued; nothing was sent");
	ccp_cluster_free(c);
}

/* --- RequeueJob, RequeueJobs, list ---------------------------------------------- */

static void requeue_job_rules(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_RUNNING, JOB_CANCELLED, JOB_COMPLETE,
			  JOB_PENDING };
	ccp_cluster *c;
	fake_job *j;

	(void)state;
	array95(st, 5);
	c = connected();
	assert_int_equal(ccp_requeue_job(c, 95), CCP_S_OK);
	assert_int_equal(fake_restart(95, 1), 1);
	assert_int_equal(fake_restart(95, 2), 1);
	assert_int_equal(fake_state(95, 3), JOB_CANCELLED);
	assert_int_equal(fake_state(95, 4), JOB_COMPLETE);

	j = fake_add_job(96, 1);
	fake_add_task(j, 1, JOB_COMPLETE, 1);
	fake_add_task(j, 2, JOB_CANCELLED, 1);
	assert_int_equal(ccp_requeue_job(c, 96), CCP_E_JOB_FINISHED);
	MSG_HAS(c, "completed job");
	assert_int_equal(fake_state(96, 2), JOB_CANCELLED);
	ccp_cluster_free(c);
}

static void requeue_jobs_stop(void **state)
{
	uint32_t st[] = { JOB_FAILED };
	int32_t ids[] = { 95, 96, 97 };
	ccp_cluster *c;
	fake_job *j;
	size_t done;

	(void)state;
	array95(st, 1);
	j = fake_add_job(96, 1);
	fake_add_task(j, 1, JOB_COMPLETE, 1);
	j = fake_add_job(97, 1);
	fake_add_task(j, 1, JOB_FAILED, 1);
	c = connected();
	assert_int_equal(ccp_requeue_jobs(c, ids, 3, &done), CCP_E_JOB_FINISHED);
	assert_int_equal(done, 1);
	assert_int_equal(fake_restart(95, 1), 1);
	assert_int_equal(fake_restart(97, 1), 0);
	MSG_HAS(c, "job 96");
	ids[1] = -1;
	assert_int_equal(ccp_requeue_jobs(c, ids, 3, &done), CCP_E_INVALIDARG);
	ccp_cluster_free(c);
}

/* Slurm sends an array's records newest first. */
static void records_newest_first(void **state)
{
	int32_t ids[] = { 2, 4, 1 };
	ccp_task_info *t = NULL;
	ccp_cluster *c;
	fake_job *j;
	size_t n = 0;

	(void)state;
	j = fake_add_job(95, 1);
	for (uint32_t tid = 5; tid >= 1; tid--)
		fake_add_task(j, tid, JOB_FAILED, 1);
	c = connected();
	assert_int_equal(ccp_list_tasks(c, 95, &t, &n), CCP_S_OK);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(t[i].task_id, (int32_t)i + 1);
	ccp_free(t);
	assert_int_equal(ccp_requeue_tasks(c, 95, ids, 3, NULL), CCP_S_OK);
	assert_string_equal(fake.last_expr, "95_[1-2,4]");
	assert_int_equal(fake_restart(95, 3), 0);
	assert_int_equal(fake_restart(95, 4), 1);
	ccp_cluster_free(c);
}

static void list_tasks(void **state)
{
	uint32_t st[] = { JOB_FAILED, JOB_PENDING, JOB_COMPLETE };
	ccp_task_info *t = NULL;
	ccp_cluster *c;
	size_t n = 0;

	(void)state;
	array95(st, 3);
	c = connected();
	assert_int_equal(ccp_list_tasks(c, 95, &t, &n), CCP_S_OK);
	assert_int_equal(n, 3);
	assert_int_equal(t[0].status, CCP_STATUS_FAILED);
	assert_int_equal(t[0].action, CCP_ACTION_REQUEUE);
	assert_int_equal(t[1].status, CCP_STATUS_QUEUED);
	assert_int_equal(t[1].slurm_job_id, 0);	/* in the pending record */
	assert_int_equal(t[2].status, CCP_STATUS_FINISHED);
	assert_string_equal(t[2].state_name, "COMPLETED");
	ccp_free(t);
	ccp_cluster_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup(f, setup)
		T(connect_no_config),
		T(connect_names),
		T(connect_unreachable),
		T(bad_arguments_change_nothing),
		T(every_base_state),
		T(finished_task_message),
		T(running_uses_running_flag),
		T(pending_and_held),
		T(held_is_reported),
		T(unknown_task_and_job),
		T(task_lost_by_slurm),
		T(plain_job_is_task_1),
		T(split_task_own_id_refused),
		T(requeue_disabled_changes_nothing),
		T(not_batch_and_het),
		T(access_denied_first),
		T(stops_at_first_failure),
		T(duplicates_find_task_queued),
		T(last_error_kept),
		T(slurm_refusal_carried),
		T(thousand_tasks_constant_rpcs),
#if HAVE_DECL_SLURM_LOAD_JOB_STATE
		T(light_read_when_it_tells_all),
#endif
		T(strict_one_rpc_per_task),
		T(running_task_ends_before_requeue),
		T(rpc_failure),
		T(dry_run_sends_nothing),
		T(requeue_job_rules),
		T(requeue_jobs_stop),
		T(records_newest_first),
		T(list_tasks),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
