/*
 * test_hresult.c - the one error table: every row, every Slurm errno, and
 * values outside the table. Lookups never return NULL, codes are unique,
 * the contract's values are the ones CONTRACT section 5 names, and every
 * Slurm errno survives errno -> HRESULT -> errno.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hresult.h"

static void rows_are_unique_and_complete(void **state)
{
	(void)state;
	assert_true(ccp_hr_table_len > 10);
	for (size_t i = 0; i < ccp_hr_table_len; i++) {
		const ccp_hr_row *r = &ccp_hr_table[i];

		assert_non_null(r->name);
		assert_non_null(r->text);
		assert_true(strlen(r->text) > 5);
		assert_true(r->exit_status >= 0 && r->exit_status <= 8);
		assert_true((r->hr >= 0) == (r->exit_status == 0));
		assert_ptr_equal(ccp_hr_row_of(r->hr), r);
		assert_string_equal(ccp_hr_name(r->hr), r->name);
		assert_int_equal(ccp_hr_slurm_errno(r->hr), r->slurm_errno);
		for (size_t k = i + 1; k < ccp_hr_table_len; k++) {
			assert_int_not_equal(r->hr, ccp_hr_table[k].hr);
			assert_string_not_equal(r->name, ccp_hr_table[k].name);
		}
		/* a recorded errno maps to a row carrying that errno */
		if (r->slurm_errno)
			assert_int_equal(ccp_hr_slurm_errno(
				ccp_hr_from_slurm_errno(r->slurm_errno)),
				r->slurm_errno);
	}
}

static void contract_values(void **state)
{
	(void)state;
	assert_int_equal(CCP_E_POINTER, (int32_t)0x80004003);
	assert_int_equal(CCP_E_INVALIDARG, (int32_t)0x80070057);
	assert_int_equal(CCP_E_OUTOFMEMORY, (int32_t)0x8007000E);
	assert_int_equal(CCP_E_ACCESSDENIED, (int32_t)0x80070005);
	assert_int_equal(CCP_E_NOTIMPL, (int32_t)0x80004001);
	assert_int_equal(CCP_E_FAIL, (int32_t)0x80004005);
	assert_string_equal(ccp_hr_name(CCP_E_TASK_FINISHED),
			    "CCP_E_TASK_FINISHED");
	assert_string_equal(ccp_hr_text(CCP_E_TASK_FINISHED),
			    "You cannot call this method for completed tasks.");
	/* every contract code sits in FACILITY_ITF 0x200-0x2FF */
	for (size_t i = 0; i < ccp_hr_table_len; i++) {
		uint32_t u = (uint32_t)ccp_hr_table[i].hr;

		if (!strncmp(ccp_hr_table[i].name, "CCP_E_", 6))
			assert_true((u & 0xFFFFFF00u) == 0x80040200u);
	}
	/* the causes the contract names have their own codes */
	assert_int_equal(ccp_hr_from_slurm_errno(2017), CCP_E_JOB_NOT_FOUND);
	assert_int_equal(ccp_hr_from_slurm_errno(2037), CCP_E_REQUEUE_DISABLED);
	assert_int_equal(ccp_hr_from_slurm_errno(2002), CCP_E_ACCESSDENIED);
	assert_int_equal(ccp_hr_from_slurm_errno(1800), CCP_E_UNREACHABLE);
	assert_int_equal(ccp_hr_from_slurm_errno(5004), CCP_E_TIMEOUT);
	assert_int_equal(ccp_hr_from_slurm_errno(12), CCP_E_OUTOFMEMORY);
	assert_int_equal(ccp_hr_from_slurm_errno(0), CCP_S_OK);
}

static void every_slurm_errno_round_trips(void **state)
{
	(void)state;
	for (int e = 1000; e <= 0xFFFF; e++) {
		ccp_hr_t hr = ccp_hr_from_slurm_errno(e);

		assert_true(hr < 0);
		assert_int_equal(ccp_hr_slurm_errno(hr), e);
		assert_non_null(ccp_hr_name(hr));
		assert_non_null(ccp_hr_text(hr));
		assert_true(ccp_hr_exit_status(hr) > 0);
	}
	assert_string_equal(ccp_hr_name(CCP_HR_FROM_SLURM(2039)), "CCP_E_SLURM");
}

static void out_of_range_values(void **state)
{
	static const int32_t odd[] = {
		2, 0x7FFFFFFF, (int32_t)0x80000000, (int32_t)0x80040000,
		(int32_t)0x800401FF, (int32_t)0x800402FF, (int32_t)0xFFFFFFFF,
		(int32_t)0x80070000, -1
	};

	(void)state;
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		assert_non_null(ccp_hr_name(odd[i]));
		assert_non_null(ccp_hr_text(odd[i]));
		assert_int_equal(ccp_hr_exit_status(odd[i]), odd[i] >= 0 ? 0 : 1);
		assert_int_equal(ccp_hr_slurm_errno(odd[i]), 0);
	}
	/* errnos outside Slurm's range that the table does not name */
	assert_int_equal(ccp_hr_from_slurm_errno(-1), CCP_E_FAIL);
	assert_int_equal(ccp_hr_from_slurm_errno(5), CCP_E_FAIL);
	assert_int_equal(ccp_hr_from_slurm_errno(0x10000), CCP_E_FAIL);
	assert_non_null(ccp_status_name((ccp_task_status)99));
	assert_non_null(ccp_action_name((ccp_action)-1));
	assert_string_equal(ccp_status_name(CCP_STATUS_FAILED), "Failed");
}

/* docs/errors.md lists every row: its code, name and exit status. */
static void docs_list_every_code(void **state)
{
	char path[4096], line[1024], *doc = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/docs/errors.md", CCP_SRCDIR);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		doc = realloc(doc, len + strlen(line) + 1);
		memcpy(doc + len, line, strlen(line) + 1);
		len += strlen(line);
	}
	fclose(f);
	for (size_t i = 0; i < ccp_hr_table_len; i++) {
		const ccp_hr_row *r = &ccp_hr_table[i];
		char want[128];

		snprintf(want, sizeof(want), "| `0x%08X` | %s |",
			 (unsigned)r->hr, r->name);
		if (!strstr(doc, want))
			fail_msg("docs/errors.md lacks the row \"%s\"", want);
		snprintf(want, sizeof(want), "| %d |\n", r->exit_status);
		assert_non_null(strstr(strstr(doc, r->name), want));
	}
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_are_unique_and_complete),
		cmocka_unit_test(contract_values),
		cmocka_unit_test(every_slurm_errno_round_trips),
		cmocka_unit_test(out_of_range_values),
		cmocka_unit_test(docs_list_every_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
