/*
 * requeue_bench.c - what RequeueTasks(1..N) costs on a live Slurm cluster,
 * next to what Slurm's own calls cost for the same tasks (issue 5).
 *
 * For N = 100, 1000, 10000 it makes a held job array of N split task
 * records (one submit, one update of J_[1-(N-1)] that splits them, one
 * cancel: every task is a CANCELLED record, requeueable, and it stays held
 * after a requeue so nothing ever runs), then alternates, round by round,
 * with a reset (cancel again) before each: the library's default path, its
 * strict mode, one slurm_requeue2("J_[1-N]"), one slurm_requeue2("J_i") per
 * task, and as whole processes "ccp-task requeue J.[1-N]" and
 * "scontrol requeue J_[1-N]". It prints medians, ratios, the cost of the
 * full state read alone, the peak memory of the library path and of the
 * read (getrusage maxrss in a fresh child process), and the controller's
 * RPC counts (sdiag's statistics) around one library call.
 *
 * A mixed variant (a few failed, running and finished tasks among cancelled
 * ones) times the same methods on the list of requeueable tasks, and shows
 * the RPC counts of one call over 1..N that stops at a finished task in the
 * middle.
 *
 * Usage: requeue_bench [--quick] [--sizes 100,1000,10000] [--rounds R]
 *                      [--no-mixed] [--mixed-n N] [--cli PATH]
 *        requeue_bench --profile N   (one library call on a fresh array of
 *                                     N, for valgrind --tool=callgrind)
 * Needs SLURM_CONF pointing at the test cluster (bench/run.sh does it all).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>

#include "ccpshim/ccpshim.h"
#include "slurmcompat.h"

extern char **environ;

/* Exported by libslurm (bitstring.c aliases) but not in its headers. */
extern int slurm_bit_test(bitstr_t *b, int64_t bit);
extern int64_t slurm_bit_ffs(bitstr_t *b);
extern int64_t slurm_bit_fls(bitstr_t *b);
/* Exported by libslurm, declared only in its private headers (sdiag's). */
extern void slurm_free_stats_response_msg(stats_info_response_msg_t *msg);

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "requeue_bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *v, size_t n)
{
	double *s;
	double m;

	if (!n)
		return 0.0;
	s = xmalloc(n * sizeof(*s));
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
	free(s);
	return m;
}

/*
 * "J<sep>[a-b,c,...]" for a sorted id list, into a new string. sep is '_'
 * for Slurm, '.' for ccp-task.
 */
static char *array_expr(uint32_t job, char sep, const int32_t *ids, size_t n)
{
	size_t cap = 32 + n * 12, off, i = 0;
	char *s = xmalloc(cap);

	off = (size_t)snprintf(s, cap, "%u%c[", job, sep);
	while (i < n) {
		size_t j = i;

		while (j + 1 < n && ids[j + 1] == ids[j] + 1)
			j++;
		if (j == i)
			off += (size_t)snprintf(s + off, cap - off, "%s%d",
						i ? "," : "", ids[i]);
		else
			off += (size_t)snprintf(s + off, cap - off, "%s%d-%d",
						i ? "," : "", ids[i], ids[j]);
		i = j + 1;
	}
	snprintf(s + off, cap - off, "]");
	return s;
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */

/*
 * Run argv (PATH searched), stdout into out (may be NULL: discarded),
 * stderr discarded unless show_err. Returns the exit status, -1 if it
 * could not run or died.
 */
static int run_prog(char *const argv[], char *out, size_t outlen,
		    int show_err)
{
	posix_spawn_file_actions_t fa;
	int pfd[2] = { -1, -1 }, st;
	pid_t pid;
	size_t got = 0;

	posix_spawn_file_actions_init(&fa);
	if (out) {
		if (pipe(pfd))
			die("pipe: %s", strerror(errno));
		posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
		posix_spawn_file_actions_addclose(&fa, pfd[0]);
		posix_spawn_file_actions_addclose(&fa, pfd[1]);
	} else {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
						 0);
	}
	if (!show_err)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY,
						 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		if (out) {
			close(pfd[0]);
			close(pfd[1]);
		}
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (out) {
		ssize_t r;

		close(pfd[1]);
		while (got + 1 < outlen &&
		       (r = read(pfd[0], out + got, outlen - 1 - got)) > 0)
			got += (size_t)r;
		out[got] = '\0';
		close(pfd[0]);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ------------------------------------------------------------------ */
/* Slurm: make, reset and read arrays                                  */

/* Submit a held array 1..n with this shell body; returns its id. */
static uint32_t submit_array(int n, const char *body)
{
	char arr[64], wrap[4096], out[256], exp[512];
	const char *live = getenv("CCP_LIVE_DIR");
	char *argv[16];
	int a = 0, rc;

	snprintf(arr, sizeof(arr), "--array=1-%d", n);
	snprintf(wrap, sizeof(wrap), "--wrap=%s", body);
	argv[a++] = "sbatch";
	argv[a++] = "--parsable";
	argv[a++] = "--hold";
	argv[a++] = "--requeue";
	argv[a++] = "--job-name=ccpbench";
	argv[a++] = "--output=/dev/null";
	argv[a++] = arr;
	if (live) {
		/* cluster.sh's marker: cluster_stop finds our processes. */
		snprintf(exp, sizeof(exp), "--export=ALL,CCP_LIVE_JOB=%s", live);
		argv[a++] = exp;
	}
	argv[a++] = wrap;
	argv[a] = NULL;
	rc = run_prog(argv, out, sizeof(out), 1);
	if (rc != 0)
		die("sbatch --array=1-%d failed (exit %d)", n, rc);
	return (uint32_t)strtoul(out, NULL, 10);
}

/* slurm_update_job2 on a job id string: one RPC. */
static void update_expr(const char *expr, const char *comment, time_t begin)
{
	job_desc_msg_t d;
	job_array_resp_msg_t *resp = NULL;
	uint32_t i;

	slurm_init_job_desc_msg(&d);
	d.job_id_str = (char *)expr;
	if (comment)
		d.comment = (char *)comment;
	if (begin)
		d.begin_time = begin;
	if (slurm_update_job2(&d, &resp))
		die("update %s: %s", expr, slurm_strerror(ccp_slurm_errno()));
	for (i = 0; resp && i < resp->job_array_count; i++)
		if (resp->error_code[i])
			die("update %s: %s: %s", expr, resp->job_array_id[i],
			    slurm_strerror((int)resp->error_code[i]));
	if (resp)
		slurm_free_job_array_resp(resp);
}

static void kill_expr(const char *expr)
{
	if (slurm_kill_job2(expr, SIGKILL, 0, NULL) &&
	    ccp_slurm_errno() != ESLURM_ALREADY_DONE)
		die("cancel %s: %s", expr, slurm_strerror(ccp_slurm_errno()));
}

/*
 * Base state of every task 1..n of job into st[1..n] (0xff: no record).
 * Returns the number of records read.
 */
static uint32_t read_states(uint32_t job, int n, uint8_t *st)
{
	job_info_msg_t *msg = NULL;
	uint32_t i;
	int64_t b;

	memset(st, 0xff, (size_t)n + 1);
	if (ccp_slurm_load_job(&msg, job, SHOW_ALL))
		die("load job %u: %s", job, slurm_strerror(ccp_slurm_errno()));
	for (i = 0; i < msg->record_count; i++) {
		slurm_job_info_t *j = &msg->job_array[i];
		uint8_t s = (uint8_t)(j->job_state & JOB_STATE_BASE);

		if (j->array_task_id != NO_VAL) {
			if (j->array_task_id <= (uint32_t)n)
				st[j->array_task_id] = s;
		} else if (j->array_bitmap) {
			int64_t f = slurm_bit_ffs(j->array_bitmap);
			int64_t l = slurm_bit_fls(j->array_bitmap);

			for (b = f; f >= 0 && b <= l && b <= n; b++)
				if (slurm_bit_test(j->array_bitmap, b))
					st[b] = s;
		}
	}
	i = msg->record_count;
	slurm_free_job_info_msg(msg);
	return i;
}

/* How many of ids[] are in base state want. */
static size_t count_in(const uint8_t *st, const int32_t *ids, size_t n,
		       uint8_t want)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += st[ids[i]] == want;
	return c;
}

/* ------------------------------------------------------------------ */
/* The controller's RPC statistics (what sdiag prints)                 */

typedef struct rpc_stats {
	uint32_t n;
	uint16_t id[256];
	uint32_t cnt[256];
	uint64_t usec[256];
} rpc_stats;

static void rpc_snapshot(rpc_stats *s)
{
	stats_info_request_msg_t req = { .command_id = STAT_COMMAND_GET };
	stats_info_response_msg_t *r = NULL;
	uint32_t i;

	memset(s, 0, sizeof(*s));
	if (slurm_get_statistics(&r, &req) || !r)
		die("sdiag statistics: %s", slurm_strerror(ccp_slurm_errno()));
	for (i = 0; i < r->rpc_type_size && i < 256; i++) {
		s->id[i] = r->rpc_type_id[i];
		s->cnt[i] = r->rpc_type_cnt[i];
		s->usec[i] = r->rpc_type_time[i];
	}
	s->n = i;
	slurm_free_stats_response_msg(r);
}

static const char *rpc_name(uint16_t id)
{
	switch (id) {
	case 1002: return "MESSAGE_NODE_REGISTRATION_STATUS";
	case 1008: return "REQUEST_PING";
	case 2001: return "REQUEST_BUILD_INFO";
	case 2003: return "REQUEST_JOB_INFO";
	case 2009: return "REQUEST_PARTITION_INFO";
	case 2021: return "REQUEST_JOB_INFO_SINGLE";
	case 2035: return "REQUEST_STATS_INFO";
	case 2049: return "REQUEST_FED_INFO";
	case 2057: return "REQUEST_JOB_STATE";
	case 3001: return "REQUEST_UPDATE_JOB";
	case 4003: return "REQUEST_SUBMIT_BATCH_JOB";
	case 5018: return "REQUEST_COMPLETE_BATCH_SCRIPT";
	case 5023: return "REQUEST_JOB_REQUEUE";
	case 5032: return "REQUEST_KILL_JOB";
	case 6012: return "MESSAGE_EPILOG_COMPLETE";
	default: return "(other)";
	}
}

static void rpc_diff(const rpc_stats *a, const rpc_stats *b,
		     const char *what)
{
	uint32_t i, k;
	unsigned total = 0;

	printf("  controller RPCs during %s (sdiag, after - before; the "
	       "REQUEST_STATS_INFO is the snapshot itself):\n", what);
	for (i = 0; i < b->n; i++) {
		uint32_t c0 = 0;
		uint64_t u0 = 0;

		for (k = 0; k < a->n; k++)
			if (a->id[k] == b->id[i]) {
				c0 = a->cnt[k];
				u0 = a->usec[k];
			}
		if (b->cnt[i] == c0)
			continue;
		printf("    %-34s (%4u) count:+%-6u time:+%llu us\n",
		       rpc_name(b->id[i]), b->id[i], b->cnt[i] - c0,
		       (unsigned long long)(b->usec[i] - u0));
		if (b->id[i] != 2035)
			total += b->cnt[i] - c0;
	}
	printf("    => %u controller RPC%s besides the snapshot\n", total,
	       total == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* The arrays under test                                               */

typedef struct bench_array {
	uint32_t job;
	int n;			/* tasks 1..n */
	int mixed;
	int32_t *list;		/* the task list requeued (sorted) */
	size_t nlist;
	char *slurm_expr;	/* "J_[...]" of list */
	char *ccp_expr;		/* "J.[...]" of list */
	/* mixed only: */
	int32_t *fail, *runs, *done;
	size_t nfail, nruns, ndone;
	char *cancel_expr;	/* the tasks kept cancelled */
	char *restart_expr;	/* failed + running: started again */
	uint8_t *st;		/* scratch, n + 1 */
} bench_array;

static void free_array(bench_array *a)
{
	free(a->list);
	free(a->slurm_expr);
	free(a->ccp_expr);
	free(a->fail);
	free(a->runs);
	free(a->done);
	free(a->cancel_expr);
	free(a->restart_expr);
	free(a->st);
	memset(a, 0, sizeof(*a));
}

/* Wait until every task of ids is in state want (bounded). */
static int wait_states(bench_array *a, const int32_t *ids, size_t n,
		       uint8_t want, int secs)
{
	double end = now_ms() + secs * 1000.0;

	for (;;) {
		read_states(a->job, a->n, a->st);
		if (count_in(a->st, ids, n, want) == n)
			return 0;
		if (now_ms() > end)
			return -1;
		sleep_ms(100);
	}
}

/* A base state's name, as squeue prints it. */
static const char *base_name(uint8_t s)
{
	static const char *const names[] = {
		[JOB_PENDING] = "PENDING", [JOB_RUNNING] = "RUNNING",
		[JOB_SUSPENDED] = "SUSPENDED", [JOB_COMPLETE] = "COMPLETED",
		[JOB_CANCELLED] = "CANCELLED", [JOB_FAILED] = "FAILED",
		[JOB_TIMEOUT] = "TIMEOUT", [JOB_NODE_FAIL] = "NODE_FAIL",
		[JOB_PREEMPTED] = "PREEMPTED", [JOB_BOOT_FAIL] = "BOOT_FAIL",
		[JOB_DEADLINE] = "DEADLINE", [JOB_OOM] = "OUT_OF_MEMORY",
	};

	if (s == 0xff)
		return "without a record";
	return s < sizeof(names) / sizeof(names[0]) && names[s] ? names[s] :
	       "in an unknown state";
}

/* wait_states or die naming the group and the first task not there. */
static void must_reach(bench_array *a, const char *what, const int32_t *ids,
		       size_t n, uint8_t want, int secs)
{
	size_t i;

	if (!wait_states(a, ids, n, want, secs))
		return;
	for (i = 0; i < n && a->st[ids[i]] == want; i++)
		;
	die("array %u: the %s tasks did not reach %s in %d s (%zu of %zu did; "
	    "task %d is %s)", a->job, what, base_name(want), secs,
	    count_in(a->st, ids, n, want), n, i < n ? ids[i] : 0,
	    i < n ? base_name(a->st[ids[i]]) : "?");
}

static void make_plain(bench_array *a, int n)
{
	char expr[64];
	int i;

	memset(a, 0, sizeof(*a));
	a->n = n;
	a->st = xmalloc((size_t)n + 1);
	a->job = submit_array(n, "sleep 3600");
	/* One update of all but the last splits them into records; the last
	 * stays in the array's own record, now a plain task record too. */
	snprintf(expr, sizeof(expr), "%u_[1-%d]", a->job, n - 1);
	update_expr(expr, "ccpbench", 0);
	a->list = xmalloc((size_t)n * sizeof(int32_t));
	for (i = 0; i < n; i++)
		a->list[i] = i + 1;
	a->nlist = (size_t)n;
	a->slurm_expr = array_expr(a->job, '_', a->list, a->nlist);
	a->ccp_expr = array_expr(a->job, '.', a->list, a->nlist);
}

static int in_set(const int32_t *s, size_t n, int32_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == v)
			return 1;
	return 0;
}

/* "a|b|c" for a shell case pattern. */
static void case_pat(char *buf, size_t len, const int32_t *s, size_t n)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%d",
					i ? "|" : "", s[i]);
}

/*
 * A mixed array of n: nf failed (exit 1), nr running (sleep), nd finished
 * (exit 0) tasks spread over it and the last task finished, the rest
 * cancelled. The task list is every task but the finished ones.
 */
static void make_mixed(bench_array *a, int n, size_t nf, size_t nr,
		       size_t nd)
{
	char body[2048], pf[512], pr[512], pd[512], expr[64];
	int32_t *specials, *cancelled;
	size_t i, nc = 0, ns;
	int t;

	memset(a, 0, sizeof(*a));
	a->n = n;
	a->mixed = 1;
	a->st = xmalloc((size_t)n + 1);
	a->fail = xmalloc(nf * sizeof(int32_t));
	a->runs = xmalloc(nr * sizeof(int32_t));
	a->done = xmalloc((nd + 1) * sizeof(int32_t));
	/* Failed near the front, running next, finished from the middle. */
	for (i = 0; i < nf; i++)
		a->fail[a->nfail++] = (int32_t)(2 + i * (size_t)n / (3 * nf));
	for (i = 0; i < nr; i++)
		a->runs[a->nruns++] = (int32_t)(n / 3 + 3 + i * (size_t)n /
						(6 * nr));
	for (i = 0; i < nd; i++)
		a->done[a->ndone++] = (int32_t)(n / 2 + 1 + i * (size_t)n /
						(3 * nd));
	/*
	 * The last task stays in the array's own record (the split below
	 * leaves it there); it runs and finishes. Cancelled by a task list,
	 * Slurm 26.05 would cancel that record without giving it the task's
	 * id, and "J_n" would be an invalid id from then on.
	 */
	a->done[a->ndone++] = n;
	case_pat(pf, sizeof(pf), a->fail, a->nfail);
	case_pat(pr, sizeof(pr), a->runs, a->nruns);
	case_pat(pd, sizeof(pd), a->done, a->ndone);
	snprintf(body, sizeof(body), "case $SLURM_ARRAY_TASK_ID in %s) exit 1;; "
		 "%s) exec sleep 3600;; %s) exit 0;; *) exec sleep 3600;; esac",
		 pf, pr, pd);
	a->job = submit_array(n, body);
	snprintf(expr, sizeof(expr), "%u_[1-%d]", a->job, n - 1);
	update_expr(expr, "ccpbench", 0);

	a->list = xmalloc((size_t)n * sizeof(int32_t));
	cancelled = xmalloc((size_t)n * sizeof(int32_t));
	specials = xmalloc((nf + nr + a->ndone) * sizeof(int32_t));
	for (t = 1; t <= n; t++) {
		int d = in_set(a->done, a->ndone, t);
		int s = d || in_set(a->fail, a->nfail, t) ||
			in_set(a->runs, a->nruns, t);

		if (!d)
			a->list[a->nlist++] = t;
		if (!s)
			cancelled[nc++] = t;
	}
	ns = 0;
	for (t = 1; t <= n; t++)
		if (in_set(a->fail, a->nfail, t) || in_set(a->runs, a->nruns, t))
			specials[ns++] = t;
	a->restart_expr = array_expr(a->job, '_', specials, ns);
	a->cancel_expr = array_expr(a->job, '_', cancelled, nc);
	a->slurm_expr = array_expr(a->job, '_', a->list, a->nlist);
	a->ccp_expr = array_expr(a->job, '.', a->list, a->nlist);

	/* Release and run the special ones, cancel the rest. */
	for (t = 1; t <= n; t++)
		if (in_set(a->done, a->ndone, t))
			specials[ns++] = t;
	{
		char *rel = array_expr(a->job, '_', specials, ns);
		char *argv[] = { "scontrol", "release", rel, NULL };

		if (run_prog(argv, NULL, 0, 1))
			die("scontrol release %s failed", rel);
		free(rel);
	}
	kill_expr(a->cancel_expr);
	must_reach(a, "failed", a->fail, a->nfail, JOB_FAILED, 120);
	must_reach(a, "running", a->runs, a->nruns, JOB_RUNNING, 120);
	must_reach(a, "finished", a->done, a->ndone, JOB_COMPLETE, 120);
	must_reach(a, "cancelled", cancelled, nc, JOB_CANCELLED, 60);
	free(cancelled);
	free(specials);
}

/* Put the array back as made: everything requeueable again. */
static void reset_array(bench_array *a)
{
	char id[32];
	double end;
	int first;

	if (!a->mixed) {
		snprintf(id, sizeof(id), "%u", a->job);
		kill_expr(id);
		if (wait_states(a, a->list, a->nlist, JOB_CANCELLED, 60))
			die("array %u: tasks not back in CANCELLED", a->job);
		return;
	}
	kill_expr(a->cancel_expr);
	/*
	 * Failed and running ones: start each again now (a requeued task
	 * waits for its BeginTime otherwise; one still completing refuses
	 * the update, so ask again until it starts), then wait for the old
	 * states. slurmd refuses a start in the same second as the kill of
	 * the requeue ("Job credential revoked": its times are in seconds):
	 * wait that second out, and requeue again a running one that fell
	 * to FAILED that way.
	 */
	end = now_ms() + 120000.0;
	for (first = 1;; first = 0) {
		size_t k;

		read_states(a->job, a->n, a->st);
		if (count_in(a->st, a->fail, a->nfail, JOB_FAILED) == a->nfail &&
		    count_in(a->st, a->runs, a->nruns, JOB_RUNNING) == a->nruns)
			break;
		if (now_ms() > end)
			die("mixed array %u: failed/running tasks did not "
			    "come back", a->job);
		if (first) {
			sleep_ms(1100);
			continue;
		}
		for (k = 0; k < a->nfail + a->nruns; k++) {
			int32_t t = k < a->nfail ? a->fail[k] :
					a->runs[k - a->nfail];
			job_desc_msg_t d;
			job_array_resp_msg_t *resp = NULL;
			char one[32];

			snprintf(one, sizeof(one), "%u_%d", a->job, t);
			if (k >= a->nfail && a->st[t] != JOB_PENDING &&
			    a->st[t] != JOB_RUNNING) {
				slurm_requeue2(one, 0, &resp);
				if (resp)
					slurm_free_job_array_resp(resp);
				sleep_ms(1100);
				continue;
			}
			if (a->st[t] != JOB_PENDING)
				continue;
			slurm_init_job_desc_msg(&d);
			d.job_id_str = one;
			d.begin_time = time(NULL);
			slurm_update_job2(&d, &resp);	/* may be refused */
			if (resp)
				slurm_free_job_array_resp(resp);
		}
		sleep_ms(100);
	}
	if (wait_states(a, a->done, a->ndone, JOB_COMPLETE, 5))
		die("mixed array %u: a finished task changed", a->job);
}

/* After a requeue: every listed task must be PENDING. */
static size_t check_requeued(bench_array *a)
{
	read_states(a->job, a->n, a->st);
	return a->nlist - count_in(a->st, a->list, a->nlist, JOB_PENDING);
}

/* ------------------------------------------------------------------ */
/* The methods                                                         */

enum {
	M_LIB, M_STRICT, M_ONE, M_PER_TASK, M_CLI, M_SCONTROL, M_READ,
	M_READ_LOCAL, M_COUNT
};

static const char *const method_name[M_COUNT] = {
	"library RequeueTasks (default)",
	"library RequeueTasks (strict)",
	"slurm_requeue2 J_[list], 1 RPC",
	"slurm_requeue2 J_i, 1 RPC/task",
	"process: ccp-task requeue J.[..]",
	"process: scontrol requeue J_[..]",
	"slurm_load_job alone (the read)",
	"  same, SHOW_LOCAL (no FED_INFO)",
};

typedef struct bench {
	ccp_cluster *lib, *strict;
	const char *cli;	/* ccp-task, or NULL */
	int rounds;
	int failures;
} bench;

static int slurm_ok(int rc, job_array_resp_msg_t *resp)
{
	uint32_t i;
	int ok = rc == 0;

	for (i = 0; resp && i < resp->job_array_count; i++)
		if (resp->error_code[i])
			ok = 0;
	if (resp)
		slurm_free_job_array_resp(resp);
	return ok;
}

/* Run one method once; returns ms, sets *ok. */
static double run_method(bench *b, bench_array *a, int m, int *ok)
{
	job_array_resp_msg_t *resp = NULL;
	job_info_msg_t *msg = NULL;
	double t0, t1;
	size_t q = 0, i;
	ccp_hr_t hr;
	char buf[64];
	int rc;

	*ok = 1;
	switch (m) {
	case M_LIB:
	case M_STRICT:
		t0 = now_ms();
		hr = ccp_requeue_tasks(m == M_LIB ? b->lib : b->strict,
				       (int32_t)a->job, a->list, a->nlist, &q);
		t1 = now_ms();
		if (hr != CCP_S_OK || q != a->nlist) {
			fprintf(stderr, "# %s: 0x%08x, %zu queued: %s\n",
				method_name[m], (unsigned)hr, q,
				ccp_error_message(m == M_LIB ? b->lib :
						  b->strict));
			*ok = 0;
		}
		return t1 - t0;
	case M_ONE:
		t0 = now_ms();
		rc = slurm_requeue2(a->slurm_expr, 0, &resp);
		t1 = now_ms();
		*ok = slurm_ok(rc, resp);
		return t1 - t0;
	case M_PER_TASK:
		t0 = now_ms();
		for (i = 0; i < a->nlist; i++) {
			snprintf(buf, sizeof(buf), "%u_%d", a->job, a->list[i]);
			resp = NULL;
			rc = slurm_requeue2(buf, 0, &resp);
			if (!slurm_ok(rc, resp))
				*ok = 0;
		}
		t1 = now_ms();
		return t1 - t0;
	case M_CLI: {
		char *argv[] = { (char *)b->cli, "requeue", a->ccp_expr, NULL };

		t0 = now_ms();
		rc = run_prog(argv, NULL, 0, 0);
		t1 = now_ms();
		*ok = rc == 0;
		return t1 - t0;
	}
	case M_SCONTROL: {
		char *argv[] = { "scontrol", "requeue", a->slurm_expr, NULL };

		t0 = now_ms();
		rc = run_prog(argv, NULL, 0, 0);
		t1 = now_ms();
		*ok = rc == 0;
		return t1 - t0;
	}
	case M_READ:
	case M_READ_LOCAL:
	default:
		t0 = now_ms();
		rc = ccp_slurm_load_job(&msg, a->job, m == M_READ ? SHOW_ALL :
				    SHOW_ALL | SHOW_LOCAL);
		t1 = now_ms();
		*ok = rc == 0;
		if (msg)
			slurm_free_job_info_msg(msg);
		return t1 - t0;
	}
}

/* ------------------------------------------------------------------ */
/* Memory: a fresh child process per measurement                       */

/*
 * Child side: --mem-child MODE JOB N (MODE lib | read). getrusage's
 * maxrss cannot be used here: Linux carries it over execve from the
 * parent (the bench itself, much bigger). Instead the child's malloc is
 * made to keep its high-water mark: one arena (the library's worker
 * threads allocate in it too), no mmap, no trimming; then the growth of
 * the heap over the call is its peak memory. Prints "grown in_use_before".
 */
static int mem_child(const char *mode, uint32_t job, int n)
{
	struct mallinfo2 m0, m1;
	ccp_cluster *c;
	int32_t *ids;
	size_t q;
	int i;

	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_MAX, 0);
	mallopt(M_TRIM_THRESHOLD, INT_MAX);
	ids = xmalloc((size_t)n * sizeof(*ids));
	for (i = 0; i < n; i++)
		ids[i] = i + 1;
	if (ccp_cluster_new(&c) || ccp_connect(c, NULL))
		return 1;
	m0 = mallinfo2();
	if (!strcmp(mode, "lib")) {
		if (ccp_requeue_tasks(c, (int32_t)job, ids, (size_t)n, &q))
			return 1;
	} else {
		job_info_msg_t *msg = NULL;

		if (ccp_slurm_load_job(&msg, job, SHOW_ALL))
			return 1;
		slurm_free_job_info_msg(msg);
	}
	m1 = mallinfo2();
	printf("%zu %zu\n", m1.arena - m0.arena, m0.uordblks);
	ccp_cluster_free(c);
	free(ids);
	return 0;
}

/* Parent side: heap high-water growth (KiB) of MODE in a fresh process. */
static long mem_measure(const char *mode, uint32_t job, int n)
{
	char jb[32], nb[32], out[128];
	char *argv[] = { NULL, "--mem-child", (char *)mode, jb, nb, NULL };
	size_t grown, before;
	char self[4096];
	ssize_t l = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (l <= 0)
		return -1;
	self[l] = '\0';
	argv[0] = self;
	snprintf(jb, sizeof(jb), "%u", job);
	snprintf(nb, sizeof(nb), "%d", n);
	if (run_prog(argv, out, sizeof(out), 1) ||
	    sscanf(out, "%zu %zu", &grown, &before) != 2)
		return -1;
	return (long)(grown / 1024);
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* ------------------------------------------------------------------ */
/* One size                                                            */

static void print_row(int m, const double *v, size_t n, size_t ntasks,
		      long faults)
{
	double lo = v[0], hi = v[0], med = median(v, n);
	size_t i;

	for (i = 1; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	printf("  %-34s %10.2f %10.2f %10.2f %10.2f", method_name[m], med,
	       lo, hi, med * 1000.0 / (double)ntasks);
	if (faults >= 0)
		printf(" %8ld", faults);
	printf("\n");
}

static void bench_size(bench *b, bench_array *a, const char *label)
{
	double *t[M_COUNT];
	int have[M_COUNT], order[M_COUNT], no = 0, m, r, k, ok;
	double t0 = now_ms(), med[M_COUNT];
	long flt[M_COUNT] = { 0 };
	rpc_stats s0, s1;

	for (m = 0; m < M_COUNT; m++) {
		t[m] = xmalloc((size_t)b->rounds * sizeof(double));
		have[m] = m != M_CLI || b->cli;
		if (have[m] && m != M_READ && m != M_READ_LOCAL)
			order[no++] = m;
	}
	printf("\n== %s: job %u, %zu tasks requeued per call, %d rounds ==\n",
	       label, a->job, a->nlist, b->rounds);
	fflush(stdout);
	for (r = 0; r < b->rounds; r++) {
		/* The read alone: changes nothing. */
		for (m = M_READ; m <= M_READ_LOCAL; m++) {
			long f0 = minflt();

			t[m][r] = run_method(b, a, m, &ok);
			flt[m] += minflt() - f0;
		}
		/* Alternate: each round starts one method further on. */
		for (k = 0; k < no; k++) {
			size_t left;

			long f0;

			m = order[(r + k) % no];
			reset_array(a);
			f0 = minflt();
			t[m][r] = run_method(b, a, m, &ok);
			flt[m] += minflt() - f0;
			left = check_requeued(a);
			if (!ok || left) {
				fprintf(stderr, "# round %d, %s: %s, %zu tasks "
					"not pending after it\n", r + 1,
					method_name[m], ok ? "ok" : "FAILED",
					left);
				b->failures++;
			}
		}
	}
	printf("  %-34s %10s %10s %10s %10s %8s\n", "method (ms)", "median",
	       "min", "max", "us/task", "minflt");
	for (m = 0; m < M_COUNT; m++) {
		med[m] = median(t[m], (size_t)b->rounds);
		if (have[m])
			print_row(m, t[m], (size_t)b->rounds, a->nlist,
				  m == M_CLI || m == M_SCONTROL ? -1 :
				  flt[m] / b->rounds);
		else
			printf("  %-34s %10s\n", method_name[m],
			       "(not built: no ccp-task)");
	}
	printf("  ratio library/one-RPC        %6.2fx  (goal <= 1.5x)\n",
	       med[M_LIB] / med[M_ONE]);
	printf("  ratio per-task/library       %6.1fx  (goal >= 30x at N=1000)\n",
	       med[M_PER_TASK] / med[M_LIB]);
	printf("  ratio strict/library         %6.1fx\n",
	       med[M_STRICT] / med[M_LIB]);
	printf("  (minflt: page faults of this process per call; the "
	       "processes' own are not counted)\n");
	printf("  library - one-RPC - read     %6.2f ms (the library's own "
	       "work and threads)\n", med[M_LIB] - med[M_ONE] - med[M_READ]);
	if (have[M_CLI])
		printf("  ratio ccp-task/scontrol      %6.2fx  (whole "
		       "processes)\n", med[M_CLI] / med[M_SCONTROL]);

	/* One library call, seen from the controller. */
	reset_array(a);
	rpc_snapshot(&s0);
	run_method(b, a, M_LIB, &ok);
	rpc_snapshot(&s1);
	rpc_diff(&s0, &s1, "one library call (default path)");
	if (!a->mixed) {
		long kl, kr;

		reset_array(a);
		kl = mem_measure("lib", a->job, a->n);
		kr = mem_measure("read", a->job, a->n);
		printf("  peak heap, fresh process: library call %ld KiB "
		       "(%.2f KiB/task), slurm_load_job alone %ld KiB\n", kl,
		       (double)kl / (double)a->n, kr);
	}
	printf("  (phase took %.1f s)\n", (now_ms() - t0) / 1000.0);
	fflush(stdout);
	for (m = 0; m < M_COUNT; m++)
		free(t[m]);
}

/*
 * Memory of a few tasks of a big array (--sparse N K): RequeueTasks of
 * tasks 1..K of an N-task array whose tasks are all split off, in a fresh
 * process, against one full read of that array. With the light read
 * (Slurm 24.05+) the call holds the K tasks, not the N records.
 */
static int bench_sparse(int n, int k)
{
	bench_array a;
	int32_t *ids = xmalloc((size_t)k * sizeof(*ids)), next = k + 1;
	long kl, kr;
	double t0 = now_ms();
	int i, bad;

	printf("\n== sparse: RequeueTasks of tasks 1..%d of a %d-task array, "
	       "every task split off and cancelled ==\n", k, n);
	make_plain(&a, n);
	reset_array(&a);
	printf("  set-up took %.1f s\n", (now_ms() - t0) / 1000.0);
	kl = mem_measure("lib", a.job, k);
	for (i = 0; i < k; i++)
		ids[i] = i + 1;
	read_states(a.job, a.n, a.st);
	bad = count_in(a.st, ids, (size_t)k, JOB_PENDING) != (size_t)k ||
	      count_in(a.st, &next, 1, JOB_CANCELLED) != 1;
	kr = mem_measure("read", a.job, k);
	printf("  peak heap, fresh process: RequeueTasks(%d tasks) %ld KiB; "
	       "slurm_load_job of the array (the full read) %ld KiB\n", k, kl,
	       kr);
	printf("  tasks 1..%d pending and task %d untouched: %s\n", k, k + 1,
	       bad ? "NO (failure)" : "yes");
	kill_expr(a.slurm_expr);
	free_array(&a);
	free(ids);
	return bad || kl < 0 || kr < 0;
}

/* The mixed array, and one call over 1..n that stops in the middle. */
static void bench_mixed(bench *b, int n, int quick)
{
	bench_array a;
	rpc_stats s0, s1;
	int32_t *all;
	size_t q = 0;
	ccp_hr_t hr;
	double t0, t1;
	int i;

	if (quick)
		make_mixed(&a, n, 2, 1, 1);
	else
		make_mixed(&a, n, 5, 3, 2);
	printf("\n== mixed array of %d: failed", n);
	for (i = 0; i < (int)a.nfail; i++)
		printf(" %d", a.fail[i]);
	printf(", running");
	for (i = 0; i < (int)a.nruns; i++)
		printf(" %d", a.runs[i]);
	printf(", finished");
	for (i = 0; i < (int)a.ndone; i++)
		printf(" %d", a.done[i]);
	printf(", the rest cancelled ==\n");
	bench_size(b, &a, "mixed, list = every task but the finished ones");

	/* RequeueTasks(1..n): stops at the first finished task. */
	all = xmalloc((size_t)n * sizeof(*all));
	for (i = 0; i < n; i++)
		all[i] = i + 1;
	reset_array(&a);
	rpc_snapshot(&s0);
	t0 = now_ms();
	hr = ccp_requeue_tasks(b->lib, (int32_t)a.job, all, (size_t)n, &q);
	t1 = now_ms();
	rpc_snapshot(&s1);
	printf("\n== mixed: RequeueTasks(%u, 1..%d), finished task %d in the "
	       "middle ==\n", a.job, n, a.done[0]);
	printf("  returned 0x%08x (%s) after %.2f ms, %zu tasks queued before "
	       "the stop\n  message: %s\n", (unsigned)hr, ccp_hr_name(hr),
	       t1 - t0, q, ccp_error_message(b->lib));
	if (hr != CCP_E_TASK_FINISHED || q != (size_t)a.done[0] - 1) {
		fprintf(stderr, "# mixed stop: expected CCP_E_TASK_FINISHED "
			"after %d tasks\n", a.done[0] - 1);
		b->failures++;
	}
	read_states(a.job, a.n, a.st);
	{
		size_t after = 0;

		for (i = a.done[0] + 1; i <= n; i++)
			after += a.st[i] == JOB_PENDING;
		printf("  tasks after the stop left pending (must be 0): %zu\n",
		       after);
		if (after)
			b->failures++;
	}
	rpc_diff(&s0, &s1, "that call");
	free(all);
	free_array(&a);
}

/* ------------------------------------------------------------------ */

static int profile_one(int n)
{
	bench_array a;
	size_t q;
	ccp_hr_t hr;
	ccp_cluster *c;
	double t0;

	if (ccp_cluster_new(&c) || ccp_connect(c, NULL))
		die("connect: %s", ccp_error_message(c));
	make_plain(&a, n);
	reset_array(&a);
	t0 = now_ms();
	hr = ccp_requeue_tasks(c, (int32_t)a.job, a.list, a.nlist, &q);
	printf("profile: RequeueTasks(%u, 1..%d) = 0x%08x in %.2f ms\n", a.job,
	       n, (unsigned)hr, now_ms() - t0);
	kill_expr(a.slurm_expr);
	free_array(&a);
	ccp_cluster_free(c);
	return hr != CCP_S_OK;
}

/* The bench's own Slurm calls need libslurm set up: Connect does it. */
static void set_up_libslurm(void)
{
	ccp_cluster *c;

	if (ccp_cluster_new(&c) || ccp_connect(c, NULL))
		die("connect failed");
	ccp_cluster_free(c);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: requeue_bench [--quick] [--sizes 100,1000,10000] "
		"[--rounds R]\n"
		"                     [--no-mixed] [--mixed-n N] [--cli PATH]\n"
		"       requeue_bench --profile N\n"
		"       requeue_bench --sparse N K\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int sizes[8] = { 100, 1000, 10000 }, nsizes = 3, rounds = 0;
	int quick = 0, mixed = 1, mixed_n = 1000, i, s;
	bench b;
	double t0 = now_ms();

	memset(&b, 0, sizeof(b));
	if (argc == 5 && !strcmp(argv[1], "--mem-child"))
		return mem_child(argv[2], (uint32_t)strtoul(argv[3], NULL, 10),
				 atoi(argv[4]));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = 1;
		} else if (!strcmp(argv[i], "--no-mixed")) {
			mixed = 0;
		} else if (!strcmp(argv[i], "--profile") && i + 1 < argc) {
			set_up_libslurm();
			return profile_one(atoi(argv[++i]));
		} else if (!strcmp(argv[i], "--sparse") && i + 2 < argc) {
			int n = atoi(argv[i + 1]), k = atoi(argv[i + 2]);

			if (n < 2 || k < 1 || k >= n)
				die("--sparse N K: 1 <= K < N");
			set_up_libslurm();
			return bench_sparse(n, k);
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			rounds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--mixed-n") && i + 1 < argc) {
			mixed_n = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--cli") && i + 1 < argc) {
			b.cli = argv[++i];
		} else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			char *p = argv[++i];

			for (nsizes = 0; *p && nsizes < 8; nsizes++) {
				sizes[nsizes] = (int)strtol(p, &p, 10);
				if (*p == ',')
					p++;
			}
		} else {
			usage();
		}
	}
	if (quick) {
		sizes[0] = 100;
		nsizes = 1;
		mixed_n = 100;
		if (!rounds)
			rounds = 3;
	}
	for (s = 0; s < nsizes; s++)
		if (sizes[s] < 2)
			die("sizes must be at least 2");
	if (b.cli && access(b.cli, X_OK)) {
		printf("# ccp-task %s not there: the CLI rows are skipped\n",
		       b.cli);
		b.cli = NULL;
	}

	if (ccp_cluster_new(&b.lib) || ccp_connect(b.lib, NULL))
		die("connect: %s", b.lib ? ccp_error_message(b.lib) : "");
	if (ccp_cluster_new(&b.strict) || ccp_connect(b.strict, NULL))
		die("connect: %s", ccp_error_message(b.strict));
	ccp_set_option(b.strict, CCP_OPT_STRICT, 1);
	ccp_set_option(b.lib, CCP_OPT_TIMEOUT_MS, 60000);
	ccp_set_option(b.strict, CCP_OPT_TIMEOUT_MS, 60000);

	printf("requeue_bench: libccpshim %s, %s mode\n", ccp_version(),
	       quick ? "quick" : "full");
	for (s = 0; s < nsizes; s++) {
		bench_array a;
		char label[64];

		/* Rounds: more for the cheap sizes; 10,000 costs ~20 s a
		 * round in the per-task methods. */
		b.rounds = rounds ? rounds : sizes[s] >= 10000 ? 5 :
			   sizes[s] >= 1000 ? 7 : 11;
		make_plain(&a, sizes[s]);
		snprintf(label, sizeof(label), "N = %d, cancelled tasks",
			 sizes[s]);
		bench_size(&b, &a, label);
		kill_expr(a.slurm_expr);
		free_array(&a);
	}
	if (mixed) {
		b.rounds = rounds ? rounds : 5;
		bench_mixed(&b, mixed_n, quick);
	}
	printf("\nrequeue_bench: done in %.1f s, %d failure%s\n",
	       (now_ms() - t0) / 1000.0, b.failures,
	       b.failures == 1 ? "" : "s");
	ccp_cluster_free(b.lib);
	ccp_cluster_free(b.strict);
	return b.failures ? 1 : 0;
}
