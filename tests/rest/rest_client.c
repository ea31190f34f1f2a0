/*
 * rest_client.c - the REST suite's driver: one call through the plain API
 * (ccpshim.h) against a slurmrestd URL, printed as hr=0x%08X, msg=...,
 * queued=N (and task=... lines for list), plus ms= (the call's wall time).
 * Exits 0 whatever the HRESULT (the suite judges it), 2 on bad usage.
 *
 *   rest_client URL connect | list JOB | tasks JOB T... | job JOB | jobs J...
 * Environment: CCP_TIMEOUT_MS (option), CCP_STRICT=1 (strict mode),
 * REST_CLIENT_PAUSE_MS (sleep between Connect and the call: fault tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ccpshim/ccpshim.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void show(const char *what, ccp_cluster *c, ccp_hr_t hr, long t0)
{
	printf("%s_hr=0x%08X\n", what, (unsigned)hr);
	printf("hr=0x%08X\n", (unsigned)hr);
	printf("name=%s\n", ccp_hr_name(hr));
	if (hr < 0)
		printf("msg=%s\n", ccp_error_message(c));
	printf("ms=%ld\n", now_ms() - t0);
}

static int usage(void)
{
	fprintf(stderr, "usage: rest_client URL connect|list JOB|tasks JOB "
		"T...|job JOB|jobs J...\n");
	return 2;
}

int main(int argc, char **argv)
{
	ccp_cluster *c = NULL;
	const char *env;
	ccp_hr_t hr;
	long t0;
	int32_t ids[256];
	size_t n = 0, done = 0, i;

	if (argc < 3)
		return usage();
	if (ccp_cluster_new(&c) < 0)
		return 1;
	if ((env = getenv("CCP_TIMEOUT_MS")))
		ccp_set_option(c, CCP_OPT_TIMEOUT_MS, atol(env));
	if ((env = getenv("CCP_STRICT")) && !strcmp(env, "1"))
		ccp_set_option(c, CCP_OPT_STRICT, 1);
	for (i = 4; (int)i < argc && n < 256; i++)
		ids[n++] = (int32_t)atol(argv[i]);

	t0 = now_ms();
	hr = ccp_connect(c, argv[1]);
	if (hr < 0 || !strcmp(argv[2], "connect")) {
		show("connect", c, hr, t0);
		ccp_cluster_free(c);
		return 0;
	}
	if ((env = getenv("REST_CLIENT_PAUSE_MS"))) {
		long ms = atol(env);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	if (argc < 4) {
		ccp_cluster_free(c);
		return usage();
	}
	t0 = now_ms();
	if (!strcmp(argv[2], "list")) {
		ccp_task_info *t = NULL;
		size_t nt = 0;

		hr = ccp_list_tasks(c, atoi(argv[3]), &t, &nt);
		for (i = 0; i < nt; i++)
			printf("task=%d status=%s state=%s held=%d restarts=%u\n",
			       t[i].task_id, ccp_status_name(t[i].status),
			       t[i].state_name, t[i].held, t[i].restart_count);
		ccp_free(t);
		show("list", c, hr, t0);
	} else if (!strcmp(argv[2], "tasks")) {
		hr = ccp_requeue_tasks(c, atoi(argv[3]), ids, n, &done);
		show("tasks", c, hr, t0);
		printf("queued=%zu\n", done);
	} else if (!strcmp(argv[2], "job")) {
		hr = ccp_requeue_job(c, atoi(argv[3]));
		show("job", c, hr, t0);
	} else if (!strcmp(argv[2], "jobs")) {
		ids[n < 256 ? n : 255] = 0;
		for (i = n; i > 0; i--)
			ids[i] = ids[i - 1];
		ids[0] = atoi(argv[3]);
		hr = ccp_requeue_jobs(c, ids, n + 1 > 256 ? 256 : n + 1, &done);
		show("jobs", c, hr, t0);
		printf("done=%zu\n", done);
	} else {
		ccp_cluster_free(c);
		return usage();
	}
	ccp_cluster_free(c);
	return 0;
}
