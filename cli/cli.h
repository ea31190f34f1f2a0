/*
 * cli.h - what the two commands (ccp-task, ccp-job) share: the parsed
 * command line, the connection to the cluster, and the output sink that
 * prints text as it goes or gathers one JSON document for the end.
 * The CLI talks to the cluster only through ccpshim.h; no Slurm call here.
 */
#ifndef CCPSHIM_CLI_CLI_H
#define CCPSHIM_CLI_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "ccpshim/ccpshim.h"

/* Exit status of a usage error (the table's CCP_EXIT_USAGE). */
#define CLI_EXIT_USAGE 2

/* One program: its name, its subcommands, its help text. */
typedef struct cli_prog {
	const char *name;              /* "ccp-task" */
	const char *const *commands;   /* NULL-terminated */
	const char *help;              /* the whole --help text */
} cli_prog;

/* The command line, parsed. */
typedef struct cli_opts {
	const cli_prog *prog;
	const char *scheduler;  /* -s, --scheduler, /scheduler: (NULL: default) */
	int dry_run;
	int quiet;
	int json;
	int strict;
	long timeout_ms;        /* 0: the library's default */
	const char *command;    /* the subcommand */
	char **args;            /* its operands */
	int nargs;
} cli_opts;

/*
 * cli_parse - parse argv. Returns -1 to go on, or the exit status to leave
 * with (0 after --help/--version, CLI_EXIT_USAGE after a one-line error on
 * stderr). Nothing is contacted.
 */
int cli_parse(int argc, char **argv, const cli_prog *prog, cli_opts *o);

/* cli_usage_error - "PROG: message" and a hint, on stderr; returns 2. */
int cli_usage_error(const cli_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * cli_parse_ids - check every argument with add (cli_ids_add_task_arg or
 * cli_ids_add_job_arg, ids.h) into ids, before anything is contacted; need
 * names what one argument is ("job id"). Returns -1 when all are good,
 * else the exit status (a usage error, or out of memory), ids freed.
 */
struct cli_ids;
typedef int (*cli_add_fn)(struct cli_ids *ids, const char *arg, char *err,
			  size_t errlen);
int cli_parse_ids(const cli_opts *o, struct cli_ids *ids, cli_add_fn add,
		  const char *need);

/*
 * cli_connect - make a handle, set the options, connect. On failure *out
 * is NULL (or the handle, for its message) and the HRESULT is returned.
 */
ccp_hr_t cli_connect(const cli_opts *o, ccp_cluster **out);

/* The message for hr: the handle's if it is about hr, else the table's. */
const char *cli_message(const ccp_cluster *c, ccp_hr_t hr);

/* ------------------------------------------------------------------ */
/* Output (output.c)                                                   */

typedef struct cli_out cli_out;

/* Start the output of one command run. NULL on out of memory. */
cli_out *out_new(const cli_opts *o);

/* The report callback (ccp_set_report): one task judged by a requeue. */
void out_report(void *arg, const ccp_task_report *r);

/* A ccp-job requeue result for one job (after its task reports). */
void out_job_done(cli_out *out, int32_t job_id, ccp_hr_t hr);

/*
 * One job's task list (ccp-task list/view). job_hr/job_msg: a job-level
 * refusal that would stop any requeue of it (S_OK if none).
 */
void out_task_list(cli_out *out, int32_t job_id, const ccp_task_info *t,
		   size_t n, size_t n_all, ccp_hr_t job_hr,
		   const char *job_msg);

/* ccp-job view: counts by status and what RequeueJob would do. */
void out_job_view(cli_out *out, int32_t job_id, const ccp_task_info *t,
		  size_t n, size_t n_would, ccp_hr_t verdict,
		  const char *verdict_msg);

/*
 * A failure: the message and the HRESULT in hex on stderr (always), the
 * error in the JSON document. where: a CLI line saying where a multi-call
 * command stopped, or NULL. Returns the exit status (ccp_hr_exit_status).
 */
int out_fail(cli_out *out, ccp_hr_t hr, const char *msg, const char *where);

/* Record how many ids the command never reached (after a stop). */
void out_not_reached(cli_out *out, size_t n);

/* Print the summary (text) or the document (JSON), free out, return status. */
int out_finish(cli_out *out, int status);

#endif
