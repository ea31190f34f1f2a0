/*
 * live_threads.c - CONTRACT section 6's thread rule, live: separate
 * ccp_cluster handles used from separate threads at the same time, the
 * library-wide set-up racing on the first Connect. Each thread connects its
 * own handle and requeues the given tasks of its own job.
 *
 * Usage: live_threads ROUNDS JOB:T1,T2,... [JOB:T...] ...
 * Prints one line per thread: "job=J hr=0x%08X queued=N" and exits 0 when
 * every call was made (the test script checks the values and the states).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ccpshim/ccpshim.h>

#define MAXT 64

typedef struct work {
	int32_t job;
	int32_t tasks[MAXT];
	size_t n;
	int rounds;
	ccp_hr_t connect_hr, hr;
	size_t queued;
} work;

static void *run(void *p)
{
	work *w = p;
	ccp_cluster *c = NULL;

	if (CCP_FAILED(w->connect_hr = ccp_cluster_new(&c)))
		return NULL;
	w->connect_hr = ccp_connect(c, NULL);
	/* The first round queues the tasks; later rounds find them queued. */
	for (int r = 0; r < w->rounds && CCP_SUCCEEDED(w->connect_hr); r++)
		w->hr = ccp_requeue_tasks(c, w->job, w->tasks, w->n, &w->queued);
	ccp_cluster_free(c);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[MAXT];
	work w[MAXT];
	int nw = argc - 2, rounds;

	if (argc < 3 || nw > MAXT || (rounds = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: live_threads ROUNDS JOB:T1,T2,... ...\n");
		return 2;
	}
	memset(w, 0, sizeof(w));
	for (int i = 0; i < nw; i++) {
		char *s = argv[i + 2], *tok, *save;

		w[i].job = (int32_t)strtol(s, &s, 10);
		w[i].rounds = rounds;
		if (*s++ != ':')
			return 2;
		for (tok = strtok_r(s, ",", &save); tok && w[i].n < MAXT;
		     tok = strtok_r(NULL, ",", &save))
			w[i].tasks[w[i].n++] = (int32_t)atoi(tok);
	}
	for (int i = 0; i < nw; i++)
		if (pthread_create(&th[i], NULL, run, &w[i]))
			return 3;
	for (int i = 0; i < nw; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < nw; i++)
		printf("job=%d connect=0x%08X hr=0x%08X queued=%zu\n", w[i].job,
		       (unsigned)w[i].connect_hr, (unsigned)w[i].hr,
		       w[i].queued);
	return 0;
}
