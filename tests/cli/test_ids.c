/*
 * test_ids.c - cmocka tests of the command line's id parser (cli/ids.c):
 * every accepted form expands in the order written, every malformed or
 * out-of-bounds id is refused with a message and appends nothing, and a
 * huge range is refused by counting, before anything is expanded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "ids.h"

static char err[CLI_ERR_LEN];

/* Expand one argument; check it gives exactly want[] for job. */
static void expands(const char *arg, int32_t job, const int32_t *want,
		    size_t n)
{
	cli_ids ids = { 0 };
	size_t i;

	err[0] = '\0';
	assert_int_equal(cli_ids_add_task_arg(&ids, arg, err, sizeof(err)),
			 CLI_IDS_OK);
	assert_int_equal(ids.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(ids.job[i], job);
		assert_int_equal(ids.task[i], want[i]);
	}
	cli_ids_free(&ids);
}

/* Refuse one argument: CLI_IDS_BAD, nothing appended, message has `has`. */
static void refuses(const char *arg, const char *has)
{
	cli_ids ids = { 0 };

	err[0] = '\0';
	assert_int_equal(cli_ids_add_task_arg(&ids, "7.1", err, sizeof(err)),
			 CLI_IDS_OK);
	assert_int_equal(cli_ids_add_task_arg(&ids, arg, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_int_equal(ids.n, 1);
	if (!strstr(err, has))
		fail_msg("'%s': message '%s' lacks '%s'", arg, err, has);
	assert_null(strchr(err, '\n'));
	cli_ids_free(&ids);
}

static void test_single(void **state)
{
	static const int32_t four[] = { 4 }, zero[] = { 0 };

	(void)state;
	expands("95.4", 95, four, 1);
	expands("95_4", 95, four, 1);
	expands("95.0", 95, zero, 1);
	expands("0095.004", 95, four, 1);
	expands("2147483647.4", 2147483647, four, 1);
}

static void test_lists_in_order(void **state)
{
	static const int32_t a[] = { 1, 2, 3, 4, 5, 9 };
	static const int32_t b[] = { 9, 1, 2, 3, 9 };
	static const int32_t c[] = { 1, 3, 5, 7, 9 };
	static const int32_t d[] = { 4000000 };
	static const int32_t e[] = { 6, 2, 10, 11, 12 };

	(void)state;
	expands("95.[1-5,9]", 95, a, 6);
	expands("95_[1-5,9]", 95, a, 6);
	expands("95.[9,1-3,9]", 95, b, 5);
	expands("95.[1-9:2]", 95, c, 5);
	expands("95.[1-10:2]", 95, c, 5);
	expands("95.[4000000]", 95, d, 1);
	expands("95.[6,2,10-12]", 95, e, 5);
	expands("95.[3-3]", 95, c + 1, 1);
}

static void test_malformed(void **state)
{
	(void)state;
	refuses("", "empty");
	refuses("95.", "no task id after '.'");
	refuses("95_", "no task id after '_'");
	refuses(".4", "no job id");
	refuses("_4", "no job id");
	refuses("95.x", "'x' is not a number");
	refuses("95.4x", "not a number");
	refuses("9x5.4", "job id '9x5' is not a number");
	refuses("95", "no task id");
	refuses("abc", "not a task id");
	refuses("95.3.1", "too many parts");
	refuses("95.1-5", "in brackets");
	refuses("95.1,2", "in brackets");
	refuses("95.[5-1]", "runs backwards");
	refuses("95.[]", "empty");
	refuses("95.[1,]", "empty item");
	refuses("95.[,1]", "empty item");
	refuses("95.[1-5", "no closing");
	refuses("95.[1-5]x", "nothing may follow");
	refuses("95.[1-5][7]", "only one");
	refuses("95.[1-]", "missing");
	refuses("95.[-3]", "negative");
	refuses("95.[1-9:0]", "step");
	refuses("95.[1-9:x]", "step");
	refuses("95.[4:2]", "needs a range");
	refuses("95.[a-3]", "not a number");
	refuses("95. 4", "not a number");
	refuses(" 95.4", "not a number");
}

static void test_negative_and_bounds(void **state)
{
	(void)state;
	refuses("-95.4", "negative");
	refuses("95.-4", "negative");
	refuses("0.4", "job id 0");
	refuses("2147483648.4", "too large");
	refuses("99999999999999999999999.4", "too large");
	refuses("95.4000001", "over 4000000");
	refuses("95.99999999999999999999", "over 4000000");
	refuses("95.[1-4000001]", "over 4000000");
}

/* A billion-id range is refused at once: counted, never expanded. */
static void test_huge_range_not_expanded(void **state)
{
	clock_t t0 = clock();
	uint64_t n = 0;
	int32_t job = 0;

	(void)state;
	refuses("95.[1-999999999]", "over 4000000");
	assert_int_equal(cli_count_task_arg("95.[1-999999999]", &job, &n,
					    err, sizeof(err)), CLI_IDS_BAD);
	/* The largest legal range counts without being built. */
	assert_int_equal(cli_count_task_arg("95.[0-4000000]", &job, &n,
					    err, sizeof(err)), CLI_IDS_OK);
	assert_int_equal(job, 95);
	assert_true(n == 4000001);
	assert_int_equal(cli_count_task_arg("95.[0-4000000,0-4000000]", &job,
					    &n, err, sizeof(err)), CLI_IDS_OK);
	assert_true(n == 8000002);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}

/* The whole command is bounded: past CLI_IDS_MAX nothing is appended. */
static void test_total_bound(void **state)
{
	cli_ids ids = { 0 };

	(void)state;
	assert_int_equal(cli_ids_add_task_arg(&ids, "95.[0-4000000,0-3]",
					      err, sizeof(err)), CLI_IDS_BAD);
	assert_non_null(strstr(err, "too many ids"));
	assert_int_equal(ids.n, 0);
	assert_int_equal(cli_ids_add_task_arg(&ids, "95.[1-4000000]", err,
					      sizeof(err)), CLI_IDS_OK);
	assert_int_equal(ids.n, 4000000);
	assert_int_equal(ids.task[3999999], 4000000);
	assert_int_equal(cli_ids_add_task_arg(&ids, "96.1", err,
					      sizeof(err)), CLI_IDS_OK);
	assert_int_equal(cli_ids_add_task_arg(&ids, "96.2", err,
					      sizeof(err)), CLI_IDS_BAD);
	assert_int_equal(ids.n, 4000001);
	cli_ids_free(&ids);
	assert_int_equal(ids.n, 0);
	assert_null(ids.job);
}

/* Several jobs keep their order; runs of one job are one call each. */
static void test_runs(void **state)
{
	static const char *const args[] = { "95.1", "95_[2-3]", "96.1",
					    "95.4", "95.5" };
	cli_ids ids = { 0 };
	size_t i, e;

	(void)state;
	for (i = 0; i < 5; i++)
		assert_int_equal(cli_ids_add_task_arg(&ids, args[i], err,
						      sizeof(err)), CLI_IDS_OK);
	assert_int_equal(ids.n, 6);
	e = cli_ids_run_end(&ids, 0);
	assert_int_equal(e, 3);
	e = cli_ids_run_end(&ids, e);
	assert_int_equal(e, 4);
	assert_int_equal(ids.job[3], 96);
	e = cli_ids_run_end(&ids, e);
	assert_int_equal(e, 6);
	assert_int_equal(ids.task[5], 5);
	assert_int_equal(cli_ids_run_end(&ids, 6), 6);
	cli_ids_free(&ids);
}

/* Ten thousand separate arguments. */
static void test_many_args(void **state)
{
	cli_ids ids = { 0 };
	char b[32];
	int i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		snprintf(b, sizeof(b), "95.%d", i % 1000);
		assert_int_equal(cli_ids_add_task_arg(&ids, b, err,
						      sizeof(err)), CLI_IDS_OK);
	}
	assert_int_equal(ids.n, 10000);
	assert_int_equal(ids.task[9999], 999);
	assert_int_equal(cli_ids_run_end(&ids, 0), 10000);
	cli_ids_free(&ids);
}

static void test_job_ids(void **state)
{
	cli_ids ids = { 0 };
	int32_t j = 0;

	(void)state;
	assert_int_equal(cli_parse_job_id("95", &j, err, sizeof(err)),
			 CLI_IDS_OK);
	assert_int_equal(j, 95);
	assert_int_equal(cli_parse_job_id("", &j, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_int_equal(cli_parse_job_id("0", &j, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_int_equal(cli_parse_job_id("-3", &j, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_non_null(strstr(err, "negative"));
	assert_int_equal(cli_parse_job_id("95.4", &j, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_non_null(strstr(err, "ccp-task requeue"));
	assert_int_equal(cli_parse_job_id("95x", &j, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_int_equal(cli_parse_job_id("4294967297", &j, err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_int_equal(cli_ids_add_job_arg(&ids, "95", err, sizeof(err)),
			 CLI_IDS_OK);
	assert_int_equal(cli_ids_add_job_arg(&ids, "96", err, sizeof(err)),
			 CLI_IDS_OK);
	assert_int_equal(cli_ids_add_job_arg(&ids, "x", err, sizeof(err)),
			 CLI_IDS_BAD);
	assert_int_equal(ids.n, 2);
	assert_int_equal(ids.task[1], -1);
	assert_int_equal(cli_ids_run_end(&ids, 0), 1);
	cli_ids_free(&ids);
}

/* Messages quote the id, cut and made printable. */
static void test_message_quoting(void **state)
{
	char longarg[300];

	(void)state;
	memset(longarg, '9', sizeof(longarg) - 1);
	longarg[sizeof(longarg) - 1] = '\0';
	refuses(longarg, "...");
	assert_true(strlen(err) < 260);
	refuses("95.\x01", "'95.?'");
	refuses("95.4\n", "not a number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_lists_in_order),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_negative_and_bounds),
		cmocka_unit_test(test_huge_range_not_expanded),
		cmocka_unit_test(test_total_bound),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_many_args),
		cmocka_unit_test(test_job_ids),
		cmocka_unit_test(test_message_quoting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
