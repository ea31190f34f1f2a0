/*
 * deadline.h - run a blocking call on a worker thread and wait for it at
 * most a given time. libslurm's own timeouts and retries are process-wide
 * (22.05 retries a dead controller for about a minute), so every backend
 * call is bounded here instead.
 */
#ifndef CCPSHIM_DEADLINE_H
#define CCPSHIM_DEADLINE_H

/* Internal to the library: not exported from libccpshim.so. */
#pragma GCC visibility push(hidden)

/*
 * ccp_call_bounded - run fn(arg) and wait up to timeout_ms for it.
 * Returns 0 when fn finished (its results are in *arg), ETIMEDOUT when the
 * time ran out, or an errno if no thread could be started (then fn ran on
 * the caller's thread, unbounded). On ETIMEDOUT the call goes on in the
 * background and cleanup(arg) is called when it ends; the caller must not
 * touch arg again. On 0 the caller owns arg (cleanup is not called).
 */
int ccp_call_bounded(void (*fn)(void *arg), void *arg,
		     void (*cleanup)(void *arg), long timeout_ms);

#pragma GCC visibility pop

#endif
