/*
 * ids.h - the command line's id syntax: job ids, task ids (JOB.TASK,
 * JOB_TASK) and task lists and ranges (JOB.[1-5,9], JOB_[1-9:2]), parsed
 * and expanded in the order written. Pure functions: no I/O, no library
 * calls, nothing global; the only allocation is the id list itself.
 *
 * A range is checked against the static bounds before it is expanded, so
 * "95.[1-999999999]" is refused without building a billion ids. The
 * cluster's own MaxArraySize is only known after connect: the library
 * refuses ids over it (E_INVALIDARG).
 */
#ifndef CCPSHIM_CLI_IDS_H
#define CCPSHIM_CLI_IDS_H

#include <stddef.h>
#include <stdint.h>

/* Largest task id any Slurm accepts: MaxArraySize is at most 4000001. */
#define CLI_TASK_ID_MAX 4000000
/* Largest job id the API takes (ids are LONG, 32-bit signed). */
#define CLI_JOB_ID_MAX  INT32_MAX
/* Most ids one command may name, after expansion. */
#define CLI_IDS_MAX     4000001u

/* Room for one error message (the id is quoted, cut at 64 characters). */
#define CLI_ERR_LEN 320

/* Return values of the parsers. */
enum {
	CLI_IDS_OK = 0,
	CLI_IDS_BAD = -1,   /* malformed or out of bounds: err says why */
	CLI_IDS_NOMEM = -2  /* out of memory: err says so */
};

/* Ids in the order given. task[i] is -1 in a list of whole jobs. */
typedef struct cli_ids {
	int32_t *job;
	int32_t *task;
	size_t n, cap;
} cli_ids;

/*
 * cli_parse_job_id - a job id: decimal digits, 1 to CLI_JOB_ID_MAX.
 * Returns CLI_IDS_OK or CLI_IDS_BAD (err filled, errlen >= 1).
 */
int cli_parse_job_id(const char *arg, int32_t *job, char *err, size_t errlen);

/*
 * cli_count_task_arg - check one task argument and count the ids it names,
 * without expanding it. *job receives its job id, *count the number of ids
 * (duplicates counted). Returns CLI_IDS_OK or CLI_IDS_BAD.
 */
int cli_count_task_arg(const char *arg, int32_t *job, uint64_t *count,
		       char *err, size_t errlen);

/*
 * cli_ids_add_task_arg - check one task argument and append its ids in
 * order. Nothing is appended unless the whole argument is valid and the
 * list stays within CLI_IDS_MAX ids.
 */
int cli_ids_add_task_arg(cli_ids *ids, const char *arg, char *err,
			 size_t errlen);

/* cli_ids_add_job_arg - check one job id and append it (task -1). */
int cli_ids_add_job_arg(cli_ids *ids, const char *arg, char *err,
			size_t errlen);

/*
 * cli_ids_run_end - the end (exclusive) of the run of consecutive ids that
 * share the job of ids->job[start]: one API call's worth.
 */
size_t cli_ids_run_end(const cli_ids *ids, size_t start);

/* cli_ids_free - free the list and zero it (a zeroed list is empty). */
void cli_ids_free(cli_ids *ids);

#endif
