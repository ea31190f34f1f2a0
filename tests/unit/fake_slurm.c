/*
 * fake_slurm.c - the libslurm stand-in for unit tests (see fake_slurm.h).
 * Every __wrap_ function here replaces one libslurm call at link time; the
 * unit tests link no libslurm at all, so a call with no fake here fails
 * the link instead of reaching a real controller.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>

#include "fake_slurm.h"
#include "slurmcompat.h"

fake_ctl fake;
static fake_job *jobs[8];

/*
 * The guard: a unit test must never reach the real libslurm. The link has
 * no -lslurm, so an unwrapped call fails to link; this also refuses to run
 * at all if a libslurm was loaded some other way (LD_PRELOAD, a dependency).
 */
__attribute__((constructor)) static void no_real_libslurm(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "libslurm")) {
			fprintf(stderr, "unit test guard: the real libslurm is "
				"loaded (%s); unit tests must use the fakes\n",
				line);
			exit(99);	/* automake's "hard error" */
		}
	}
	fclose(f);
}
static int njobs;
static __thread int fake_errno;

void fake_reset(void)
{
	for (int i = 0; i < njobs; i++)
		free(jobs[i]);
	njobs = 0;
	memset(&fake, 0, sizeof(fake));
	fake.max_array_size = 1001;
	fake.cluster_name = "fakecluster";
}

fake_job *fake_add_job(uint32_t id, int is_array)
{
	fake_job *j = calloc(1, sizeof(*j));

	j->id = id;
	j->is_array = is_array;
	j->requeue = 1;
	j->batch = 1;
	jobs[njobs++] = j;
	return j;
}

void fake_add_task(fake_job *j, uint32_t tid, uint32_t state, int split)
{
	int i = j->ntasks++;

	j->task_id[i] = tid;
	j->state[i] = state;
	j->split[i] = split || state != JOB_PENDING;
	j->priority[i] = 1;
}

fake_job *fake_find_job(uint32_t id)
{
	for (int i = 0; i < njobs; i++)
		if (jobs[i]->id == id)
			return jobs[i];
	return NULL;
}

int fake_task_index(const fake_job *j, uint32_t tid)
{
	for (int i = 0; i < j->ntasks; i++)
		if (j->task_id[i] == tid)
			return i;
	return -1;
}

uint32_t fake_state(uint32_t job, uint32_t tid)
{
	fake_job *j = fake_find_job(job);

	return j->state[fake_task_index(j, tid)];
}

uint32_t fake_restart(uint32_t job, uint32_t tid)
{
	fake_job *j = fake_find_job(job);

	return j->restart[fake_task_index(j, tid)];
}

uint32_t fake_own_id(uint32_t job, uint32_t tid)
{
	return job * 100000 + tid + 1;
}

void fake_conf_env(void)
{
	static char path[] = "/tmp/ccpshim-unit-slurm.conf";
	FILE *f = fopen(path, "w");

	if (f) {
		fputs("# unit tests: never read by a real libslurm\n", f);
		fclose(f);
	}
	setenv("SLURM_CONF", path, 1);
}

/* --- bitmaps: a length and one byte per bit ------------------------- */
typedef struct fbits {
	int64_t n;
	uint8_t b[];
} fbits;

int64_t __wrap_slurm_bit_size(bitstr_t *b);
int __wrap_slurm_bit_test(bitstr_t *b, int64_t bit);
int64_t __wrap_slurm_bit_ffs(bitstr_t *b);
int64_t __wrap_slurm_bit_fls(bitstr_t *b);

int64_t __wrap_slurm_bit_size(bitstr_t *b)
{
	return ((fbits *)b)->n;
}

int __wrap_slurm_bit_test(bitstr_t *b, int64_t bit)
{
	fbits *f = (fbits *)b;

	return bit >= 0 && bit < f->n && f->b[bit];
}

int64_t __wrap_slurm_bit_ffs(bitstr_t *b)
{
	fbits *f = (fbits *)b;

	for (int64_t i = 0; i < f->n; i++)
		if (f->b[i])
			return i;
	return -1;
}

int64_t __wrap_slurm_bit_fls(bitstr_t *b)
{
	fbits *f = (fbits *)b;

	for (int64_t i = f->n - 1; i >= 0; i--)
		if (f->b[i])
			return i;
	return -1;
}

/* --- errors --------------------------------------------------------- */
int __wrap_slurm_get_errno(void);
char *__wrap_slurm_strerror(int e);

int __wrap_slurm_get_errno(void)
{
	return fake_errno;
}

char *__wrap_slurm_strerror(int e)
{
	static __thread char buf[64];

	switch (e) {
	case ESLURM_ACCESS_DENIED:
		return "Access/permission denied";
	case ESLURM_INVALID_JOB_ID:
		return "Invalid job id specified";
	case ESLURM_DISABLED:
		return "Requested operation is presently disabled";
	case ESLURM_BATCH_ONLY:
		return "Only batch jobs are accepted or processed";
	case ESLURM_JOB_PENDING:
		return "Job is pending execution";
	case SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR:
		return "Unable to contact slurm controller (connect failure)";
	}
	snprintf(buf, sizeof(buf), "fake Slurm error %d", e);
	return buf;
}

/* --- set-up and configuration ---------------------------------------- */
int __wrap_slurm_init(const char *conf);
int __wrap_slurm_ping(int dest);
int __wrap_slurm_load_ctl_conf(time_t t, slurm_conf_t **out);
void __wrap_slurm_free_ctl_conf(slurm_conf_t *c);

int __wrap_slurm_init(const char *conf)
{
	(void)conf;
	fake.n_init++;
	return 0;
}

/* libslurm's global configuration: slurm_init() is faked, so it stays
 * zero (no controllers listed: the library pings controller 0). */
slurm_conf_t slurm_conf;

int __wrap_slurm_ping(int dest)
{
	(void)dest;
	fake.n_ping++;
	if (fake.ping_errno) {
		errno = fake_errno = fake.ping_errno;
		return -1;
	}
	return 0;
}

int __wrap_slurm_load_ctl_conf(time_t t, slurm_conf_t **out)
{
	slurm_conf_t *c;

	(void)t;
	fake.n_conf++;
	if (fake.conf_errno) {
		errno = fake_errno = fake.conf_errno;
		return -1;
	}
	c = calloc(1, sizeof(*c));
	c->max_array_sz = fake.max_array_size;
	c->min_job_age = 300;
	c->cluster_name = strdup(fake.cluster_name);
	c->control_cnt = 1;
	c->control_machine = calloc(2, sizeof(char *));
	c->control_machine[0] = strdup("head.example.org");
	*out = c;
	return 0;
}

void __wrap_slurm_free_conf(slurm_conf_t *c);	/* its name since 25.x */

void __wrap_slurm_free_conf(slurm_conf_t *c)
{
	__wrap_slurm_free_ctl_conf(c);
}

void __wrap_slurm_free_ctl_conf(slurm_conf_t *c)
{
	if (!c)
		return;
	free(c->cluster_name);
	if (c->control_machine)
		free(c->control_machine[0]);
	free(c->control_machine);
	free(c);
}

/* --- federation: never federated -------------------------------------- */
int __wrap_slurm_load_federation(void **fed);
void __wrap_slurm_destroy_federation_rec(void *fed);
int __wrap_slurm_list_count(void *l);

int __wrap_slurm_load_federation(void **fed)
{
	fake.n_fed++;
	*fed = NULL;
	return 0;
}

void __wrap_slurm_destroy_federation_rec(void *fed)
{
	(void)fed;
}

int __wrap_slurm_list_count(void *l)
{
	(void)l;
	return 0;
}

/* --- slurm_load_job --------------------------------------------------- */
#ifdef CCP_SLURM_LOAD_JOB_STEP_ID
#define FAKE_JOB_ID_ARG slurm_step_id_t step_id
#define FAKE_JOB_ID (step_id.job_id)
#else
#define FAKE_JOB_ID_ARG uint32_t job_id
#define FAKE_JOB_ID job_id
#endif
int __wrap_slurm_load_job(job_info_msg_t **resp, FAKE_JOB_ID_ARG,
			  uint16_t flags);
void __wrap_slurm_free_job_info_msg(job_info_msg_t *m);

/* The array's own record's bitmap: a bit per task not split off. */
static bitstr_t *pending_bitmap(const fake_job *j)
{
	int64_t top = 0;
	fbits *b;

	for (int i = 0; i < j->ntasks; i++)
		if (!j->split[i] && j->task_id[i] >= top)
			top = j->task_id[i] + 1;
	b = calloc(1, sizeof(*b) + (size_t)top);
	b->n = top;
	for (int i = 0; i < j->ntasks; i++)
		if (!j->split[i])
			b->b[j->task_id[i]] = 1;
	return (bitstr_t *)b;
}

static void fill(slurm_job_info_t *r, const fake_job *j, int i)
{
	r->array_job_id = j->is_array ? j->id : 0;
	r->array_task_id = j->is_array ? j->task_id[i] : NO_VAL;
	r->job_id = j->is_array ? fake_own_id(j->id, j->task_id[i]) : j->id;
	r->job_state = j->state[i];
	r->restart_cnt = (uint16_t)j->restart[i];
	r->priority = j->priority[i];
	r->requeue = (uint16_t)j->requeue;
	r->batch_flag = (uint16_t)j->batch;
	r->user_id = j->user_id;
	r->het_job_id = j->het ? j->id : 0;
}

int __wrap_slurm_load_job(job_info_msg_t **resp, FAKE_JOB_ID_ARG,
			  uint16_t flags)
{
#ifdef CCP_SLURM_LOAD_JOB_STEP_ID
	uint32_t job_id = FAKE_JOB_ID;
#endif
	job_info_msg_t *m;
	fake_job *j = fake_find_job(job_id);
	int nth = ++fake.n_load, pending = 0, k = 0;

	fake.last_load_flags = flags;
	*resp = NULL;
	if (fake.load_errno) {
		errno = fake_errno = fake.load_errno;
		return -1;
	}
	m = calloc(1, sizeof(*m));
	m->job_array = calloc(FAKE_MAX_TASKS + 1, sizeof(slurm_job_info_t));
	if (!j) {	/* maybe the own id of a split task */
		for (int a = 0; a < njobs && !k; a++)
			for (int i = 0; i < jobs[a]->ntasks; i++)
				if (jobs[a]->split[i] && jobs[a]->is_array &&
				    fake_own_id(jobs[a]->id,
						jobs[a]->task_id[i]) == job_id) {
					fill(&m->job_array[k++], jobs[a], i);
					break;
				}
		if (!k) {
			free(m->job_array);
			free(m);
			errno = fake_errno = ESLURM_INVALID_JOB_ID;
			return -1;
		}
	} else {
		for (int i = 0; i < j->ntasks; i++) {
			if (j->split[i] || !j->is_array) {
				fill(&m->job_array[k++], j, i);
			} else {
				pending++;
			}
		}
		if (pending) {	/* the array's pending record */
			slurm_job_info_t *r = &m->job_array[k++];
			int first = -1;

			for (int i = 0; i < j->ntasks && first < 0; i++)
				if (!j->split[i])
					first = i;
			fill(r, j, first);
			r->job_id = j->id;
			r->array_task_id = NO_VAL;
			r->array_bitmap = pending_bitmap(j);
		} else if (j->is_array && j->lost && j->ntasks) {
			slurm_job_info_t *r = &m->job_array[k++];

			fill(r, j, 0);
			r->job_id = j->id;
			r->array_task_id = NO_VAL;
			r->job_state = JOB_CANCELLED;
		}
	}
	m->record_count = (uint32_t)k;
	*resp = m;
	if (fake.after_load)
		fake.after_load(nth);
	return 0;
}

void __wrap_slurm_free_job_info_msg(job_info_msg_t *m)
{
	if (!m)
		return;
	for (uint32_t i = 0; i < m->record_count; i++)
		free(m->job_array[i].array_bitmap);
	free(m->job_array);
	free(m);
}

#if HAVE_DECL_SLURM_LOAD_JOB_STATE
/* --- slurm_load_job_state (24.05+) ------------------------------------ */
/*
 * As slurmctld answers one selection {array job, task}: the task's own
 * record when it is split off, the array's pending record (with its
 * bitmap) when it is not, nothing for an unknown task or a plain job.
 */
int __wrap_slurm_load_job_state(int n, slurm_selected_step_t *sel,
				job_state_response_msg_t **out);
void __wrap_slurm_free_job_state_response_msg(job_state_response_msg_t *m);

int __wrap_slurm_load_job_state(int n, slurm_selected_step_t *sel,
				job_state_response_msg_t **out)
{
	job_state_response_msg_t *m;

	fake.n_state++;
	*out = NULL;
	if (fake.state_errno) {
		errno = fake_errno = fake.state_errno;
		return -1;
	}
	m = calloc(1, sizeof(*m));
	m->jobs = calloc((size_t)n + 1, sizeof(*m->jobs));
	for (int s = 0; s < n; s++) {
		fake_job *j = fake_find_job(sel[s].step_id.job_id);
		job_state_response_job_t *r = &m->jobs[m->jobs_count];
		int i;

		if (!j || !j->is_array ||
		    (i = fake_task_index(j, sel[s].array_task_id)) < 0)
			continue;
		r->array_job_id = j->id;
		r->het_job_id = j->het ? j->id : 0;
		r->state = j->state[i];
		if (j->split[i]) {
			r->job_id = fake_own_id(j->id, j->task_id[i]);
			r->array_task_id = j->task_id[i];
		} else {
			r->job_id = j->id;
			r->array_task_id = NO_VAL;
			r->array_task_id_bitmap = pending_bitmap(j);
		}
		m->jobs_count++;
	}
	*out = m;
	return 0;
}

void __wrap_slurm_free_job_state_response_msg(job_state_response_msg_t *m)
{
	if (!m)
		return;
	for (uint32_t i = 0; i < m->jobs_count; i++)
		free(m->jobs[i].array_task_id_bitmap);
	free(m->jobs);
	free(m);
}
#endif

/* --- slurm_requeue2 --------------------------------------------------- */
int __wrap_slurm_requeue2(char *id, uint32_t flags, job_array_resp_msg_t **r);
void __wrap_slurm_free_job_array_resp(job_array_resp_msg_t *r);

/* slurmctld's _job_requeue_op, on one task. */
static int requeue_one(fake_job *j, int i, uint32_t flags)
{
	uint32_t base = j->state[i] & JOB_STATE_BASE;

	if (fake.deny_access)
		return ESLURM_ACCESS_DENIED;
	if ((flags & JOB_STATE_BASE) == JOB_RUNNING &&
	    base != JOB_RUNNING && base != JOB_SUSPENDED)
		return 0;
	if (!j->requeue)
		return ESLURM_DISABLED;
	if (!j->batch)
		return ESLURM_BATCH_ONLY;
	if (base == JOB_PENDING)
		return ESLURM_JOB_PENDING;
	if (fake.refuse_task && j->task_id[i] == (uint32_t)fake.refuse_task)
		return fake.refuse_errno;
	j->state[i] = JOB_PENDING;
	j->restart[i]++;
	j->split[i] = 1;
	return 0;
}

static void add_code(job_array_resp_msg_t *r, int code, const char *id)
{
	for (uint32_t i = 0; i < r->job_array_count; i++)
		if ((int)r->error_code[i] == code)
			return;
	r->error_code[r->job_array_count] = (uint32_t)code;
	r->job_array_id[r->job_array_count] = strdup(id);
	r->job_array_count++;
}

int __wrap_slurm_requeue2(char *id, uint32_t flags, job_array_resp_msg_t **out)
{
	char *end;
	unsigned long jid = strtoul(id, &end, 10);
	fake_job *j = fake_find_job((uint32_t)jid);
	job_array_resp_msg_t *r;
	char *p, *tok, *save, *copy;

	fake.n_requeue++;
	snprintf(fake.last_expr, sizeof(fake.last_expr), "%s", id);
	fake.last_flags = flags;
	*out = NULL;
	if (fake.requeue_errno) {
		errno = fake_errno = fake.requeue_errno;
		return -1;
	}
	if (!j) {
		errno = fake_errno = ESLURM_INVALID_JOB_ID;
		return -1;
	}
	if (*end == '\0') {		/* a plain job: rc only */
		int rc = j->is_array ? ESLURM_NOT_SUPPORTED :
				       requeue_one(j, 0, flags);

		errno = fake_errno = rc;
		return rc ? -1 : 0;
	}
	if (*end != '_' || !j->is_array) {
		errno = fake_errno = ESLURM_INVALID_JOB_ID;
		return -1;
	}
	r = calloc(1, sizeof(*r));
	r->error_code = calloc(16, sizeof(uint32_t));
	r->job_array_id = calloc(16, sizeof(char *));
	copy = strdup(end + 1);
	p = copy;
	if (*p == '[')
		p++;
	p[strcspn(p, "]")] = '\0';
	for (tok = strtok_r(p, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned long a = strtoul(tok, &end, 10), b = a;

		if (*end == '-')
			b = strtoul(end + 1, NULL, 10);
		for (unsigned long t = a; t <= b; t++) {
			int i = fake_task_index(j, (uint32_t)t);
			int rc = i < 0 ? ESLURM_INVALID_JOB_ID :
					 requeue_one(j, i, flags);

			add_code(r, rc, id);
		}
	}
	free(copy);
	*out = r;
	return 0;
}

void __wrap_slurm_free_job_array_resp(job_array_resp_msg_t *r)
{
	if (!r)
		return;
	for (uint32_t i = 0; i < r->job_array_count; i++)
		free(r->job_array_id[i]);
	free(r->job_array_id);
	free(r->error_code);
	free(r);
}
