/*
 * deadline.c - ccp_call_bounded(): a worker thread per call and a timed
 * wait. The shared state is reference counted so that whichever side
 * finishes last frees it: the caller after a normal end, the worker after
 * a timeout.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "deadline.h"

typedef struct bounded {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int done;
	int abandoned;
	void (*fn)(void *);
	void *arg;
	void (*cleanup)(void *);
} bounded;

static void bounded_free(bounded *b)
{
	pthread_cond_destroy(&b->cond);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

static void *worker(void *p)
{
	bounded *b = p;
	int abandoned;

	b->fn(b->arg);
	pthread_mutex_lock(&b->lock);
	b->done = 1;
	abandoned = b->abandoned;
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
	if (abandoned) {
		if (b->cleanup)
			b->cleanup(b->arg);
		bounded_free(b);
	}
	return NULL;
}

int ccp_call_bounded(void (*fn)(void *arg), void *arg,
		     void (*cleanup)(void *arg), long timeout_ms)
{
	pthread_condattr_t ca;
	pthread_attr_t ta;
	pthread_t tid;
	struct timespec end;
	bounded *b;
	int rc = 0, err;

	if (!(b = calloc(1, sizeof(*b)))) {
		fn(arg);
		return ENOMEM;
	}
	b->fn = fn;
	b->arg = arg;
	b->cleanup = cleanup;
	pthread_mutex_init(&b->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&b->cond, &ca);
	pthread_condattr_destroy(&ca);

	pthread_attr_init(&ta);
	pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&tid, &ta, worker, b);
	pthread_attr_destroy(&ta);
	if (err) {
		bounded_free(b);
		fn(arg);
		return err;
	}

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout_ms / 1000;
	end.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&b->lock);
	while (!b->done && rc == 0)
		rc = pthread_cond_timedwait(&b->cond, &b->lock, &end);
	if (b->done) {
		pthread_mutex_unlock(&b->lock);
		bounded_free(b);
		return 0;
	}
	b->abandoned = 1;
	pthread_mutex_unlock(&b->lock);
	return ETIMEDOUT;
}
