/*
 * live_plain.c - the live suite's driver of the plain C API (ccpshim.h),
 * for what the COM names cannot reach: strict mode (CCP_OPT_STRICT, one
 * RPC per task) and the n_queued / n_done counts. Output matches
 * live_client's so run.sh checks both the same way:
 *
 *   connect_hr=0x%08X / connect_msg=...
 *   strict=N                      the option as read back after setting it
 *   hr=0x%08X / msg=... / queued=N (tasks) or done=N (jobs)
 *
 * Usage: live_plain [--strict] [-s NAME] CMD ARGS...
 *   connect | tasks JOB [T...] | job JOB | jobs J...
 *
 * Exit status: 0 if the calls were made (whatever they returned), 2 on a
 * usage error, 3 if the handle could not be made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ccpshim/ccpshim.h>

static void print_msg(const char *label, const char *m)
{
	printf("%s=", label);
	for (const char *p = m ? m : ""; *p; p++)
		putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	putchar('\n');
}

static int parse_ids(char **argv, int argc, int32_t **out)
{
	int32_t *ids = calloc((size_t)argc + 1, sizeof(*ids));

	if (!ids)
		return -1;
	for (int i = 0; i < argc; i++) {
		char *end;
		long v = strtol(argv[i], &end, 10);
		if (*argv[i] == '\0' || *end != '\0') {
			free(ids);
			return -1;
		}
		ids[i] = (int32_t)v;
	}
	*out = ids;
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: live_plain [--strict] [-s NAME] connect | "
		"tasks JOB [T...] | job JOB | jobs J...\n");
	return 2;
}

int main(int argc, char **argv)
{
	ccp_cluster *c = NULL;
	const char *name = "", *cmd;
	int32_t *ids = NULL;
	int strict = 0, rc = 0;
	ccp_hr_t hr;
	long opt = -1;

	argv++, argc--;
	while (argc > 0 && argv[0][0] == '-') {
		if (strcmp(argv[0], "--strict") == 0) {
			strict = 1;
			argv++, argc--;
		} else if (strcmp(argv[0], "-s") == 0 && argc >= 2) {
			name = argv[1];
			argv += 2, argc -= 2;
		} else {
			return usage();
		}
	}
	if (argc < 1)
		return usage();
	cmd = argv[0];
	argv++, argc--;
	if (strcmp(cmd, "connect") == 0) {
		if (argc != 0)
			return usage();
	} else if (strcmp(cmd, "tasks") == 0 || strcmp(cmd, "jobs") == 0 ||
		   strcmp(cmd, "job") == 0) {
		if ((strcmp(cmd, "jobs") != 0 && argc < 1) ||
		    (strcmp(cmd, "job") == 0 && argc != 1))
			return usage();
		if (parse_ids(argv, argc, &ids) != 0)
			return usage();
	} else {
		return usage();
	}

	hr = ccp_cluster_new(&c);
	if (CCP_FAILED(hr) || !c) {
		printf("new_hr=0x%08X\n", (unsigned)hr);
		free(ids);
		return 3;
	}
	if (strict) {
		hr = ccp_set_option(c, CCP_OPT_STRICT, 1);
		if (CCP_FAILED(hr))
			printf("set_option_hr=0x%08X\n", (unsigned)hr);
	}
	hr = ccp_get_option(c, CCP_OPT_STRICT, &opt);
	if (CCP_FAILED(hr))
		printf("get_option_hr=0x%08X\n", (unsigned)hr);
	printf("strict=%ld\n", opt);

	hr = ccp_connect(c, name);
	printf("connect_hr=0x%08X\n", (unsigned)hr);
	print_msg("connect_msg", ccp_error_message(c));
	if (CCP_FAILED(hr) || strcmp(cmd, "connect") == 0)
		goto out;

	if (strcmp(cmd, "tasks") == 0) {
		size_t q = (size_t)-1;
		hr = ccp_requeue_tasks(c, ids[0], ids + 1, (size_t)argc - 1, &q);
		printf("hr=0x%08X\n", (unsigned)hr);
		print_msg("msg", ccp_error_message(c));
		printf("queued=%zu\n", q);
	} else if (strcmp(cmd, "job") == 0) {
		hr = ccp_requeue_job(c, ids[0]);
		printf("hr=0x%08X\n", (unsigned)hr);
		print_msg("msg", ccp_error_message(c));
	} else {
		size_t d = (size_t)-1;
		hr = ccp_requeue_jobs(c, ids, (size_t)argc, &d);
		printf("hr=0x%08X\n", (unsigned)hr);
		print_msg("msg", ccp_error_message(c));
		printf("done=%zu\n", d);
	}
out:
	fflush(stdout);
	ccp_cluster_free(c);
	free(ids);
	return rc;
}
