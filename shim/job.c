/*
 * job.c - the job record a backend fills from one state read: a task list
 * kept sorted by task id, lookup by binary search, and the Slurm array
 * expression ("J_[1-5,9]") that sends a set of tasks in one RPC.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"

void ccp_job_reset(ccp_job *job)
{
	free(job->tasks);
	memset(job, 0, sizeof(*job));
}

ccp_hr_t ccp_job_add_task(ccp_cluster *c, ccp_job *job, const ccp_task *t)
{
	if (job->ntasks == job->cap) {
		size_t cap = job->cap ? job->cap * 2 : 64;
		ccp_task *n = realloc(job->tasks, cap * sizeof(*n));

		if (!n)
			return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory "
					"reading job %u (%zu tasks)",
					job->job_id, job->ntasks);
		job->tasks = n;
		job->cap = cap;
	}
	job->tasks[job->ntasks++] = *t;
	return CCP_S_OK;
}

static int cmp_task(const void *a, const void *b)
{
	uint32_t x = ((const ccp_task *)a)->task_id;
	uint32_t y = ((const ccp_task *)b)->task_id;

	return (x > y) - (x < y);
}

static int cmp_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

void ccp_sort_ids(uint32_t *ids, size_t n)
{
	size_t i;

	for (i = 1; i < n && ids[i - 1] < ids[i]; i++)
		;
	if (i < n)
		qsort(ids, n, sizeof(*ids), cmp_id);
}

void ccp_job_sort(ccp_job *job)
{
	size_t i, o;

	if (job->ntasks < 2)
		return;
	/* Slurm sends an array's records newest first: often in exactly
	 * descending or ascending order, where no sort is needed. */
	for (i = 1; i < job->ntasks; i++)
		if (job->tasks[i - 1].task_id > job->tasks[i].task_id)
			break;
	if (i < job->ntasks) {
		for (i = 1; i < job->ntasks; i++)
			if (job->tasks[i - 1].task_id < job->tasks[i].task_id)
				break;
		if (i == job->ntasks)
			for (size_t a = 0, b = job->ntasks - 1; a < b; a++, b--) {
				ccp_task t = job->tasks[a];

				job->tasks[a] = job->tasks[b];
				job->tasks[b] = t;
			}
		else
			qsort(job->tasks, job->ntasks, sizeof(ccp_task),
			      cmp_task);
	}
	/* A split task's own record wins over a stale pending-bitmap bit. */
	for (i = 1, o = 1; i < job->ntasks; i++) {
		if (job->tasks[i].task_id == job->tasks[o - 1].task_id) {
			if (job->tasks[i].job_id)
				job->tasks[o - 1] = job->tasks[i];
			continue;
		}
		job->tasks[o++] = job->tasks[i];
	}
	job->ntasks = o;
}

const ccp_task *ccp_job_find(const ccp_job *job, uint32_t task_id)
{
	size_t lo = 0, hi = job->ntasks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t v = job->tasks[mid].task_id;

		if (v == task_id)
			return &job->tasks[mid];
		if (v < task_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int ccp_format_array_expr(char *buf, size_t len, uint32_t job_id,
			  const uint32_t *t, size_t n)
{
	size_t i = 0, off;
	int w;

	w = snprintf(buf, len, "%u_[", job_id);
	if (w < 0 || (size_t)w >= len)
		return -1;
	off = (size_t)w;
	while (i < n) {
		size_t j = i;

		while (j + 1 < n && t[j + 1] == t[j] + 1)
			j++;
		if (j == i)
			w = snprintf(buf + off, len - off, "%s%u",
				     i ? "," : "", t[i]);
		else
			w = snprintf(buf + off, len - off, "%s%u-%u",
				     i ? "," : "", t[i], t[j]);
		if (w < 0 || (size_t)w >= len - off)
			return -1;
		off += (size_t)w;
		i = j + 1;
	}
	if (off + 2 > len)
		return -1;
	buf[off++] = ']';
	buf[off] = '\0';
	return (int)off;
}
