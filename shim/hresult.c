/*
 * hresult.c - the one error table and every conversion that reads it.
 *
 * Precedence (CONTRACT section 5): a contract code where the contract names
 * the cause, else a standard COM value, else FACILITY_ITF carrying the Slurm
 * errno in the low 16 bits. Rows are never renumbered once released; where
 * two rows record the same Slurm errno, the first row is the one that errno
 * maps to. Lookups never return NULL and never allocate.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <slurm/slurm_errno.h>

#include "hresult.h"

#define ROW(hr, name, text, e, x) { (ccp_hr_t)(hr), name, text, e, x }

const ccp_hr_row ccp_hr_table[] = {
	ROW(0x00000000, "S_OK", "The operation completed successfully.",
	    0, CCP_EXIT_OK),
	ROW(0x00000001, "S_FALSE", "The operation completed with fewer items "
	    "than asked for.", 0, CCP_EXIT_OK),
	/* Contract codes, FACILITY_ITF 0x0200-0x02FF. */
	ROW(0x80040203, "CCP_E_JOB_NOT_FOUND", "The job was not found. Slurm "
	    "forgets a finished job MinJobAge seconds after it ends (default "
	    "300).", ESLURM_INVALID_JOB_ID, CCP_EXIT_NOT_FOUND),
	ROW(0x80040202, "CCP_E_TASK_NOT_FOUND", "The task was not found in "
	    "the job.", ESLURM_INVALID_JOB_ID, CCP_EXIT_NOT_FOUND),
	ROW(0x80040201, "CCP_E_TASK_FINISHED", "You cannot call this method "
	    "for completed tasks.", 0, CCP_EXIT_REFUSED),
	ROW(0x8004020A, "CCP_E_JOB_FINISHED", "You cannot call this method "
	    "for a completed job.", 0, CCP_EXIT_REFUSED),
	ROW(0x80040204, "CCP_E_REQUEUE_DISABLED", "The job does not allow "
	    "requeue (its Requeue flag is 0).", ESLURM_DISABLED,
	    CCP_EXIT_REFUSED),
	ROW(0x80040205, "CCP_E_UNREACHABLE", "The cluster's controller could "
	    "not be reached.", SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR,
	    CCP_EXIT_UNREACHABLE),
	ROW(0x80040206, "CCP_E_TIMEOUT", "The cluster did not answer in "
	    "time.", SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT, CCP_EXIT_UNREACHABLE),
	ROW(0x80040207, "CCP_E_SERVER_TOO_OLD", "The server is too old for "
	    "this operation.", 0, CCP_EXIT_UNSUPPORTED),
	ROW(0x80040208, "CCP_E_NOT_CONNECTED", "Not connected: call Connect "
	    "first.", 0, CCP_EXIT_FAILURE),
	ROW(0x80040209, "CCP_E_NO_CONFIG", "No usable Slurm configuration "
	    "(slurm.conf) was found.", 0, CCP_EXIT_UNREACHABLE),
	ROW(0x8004020B, "CCP_E_WRONG_CLUSTER", "The named cluster is not the "
	    "one this configuration reaches.", 0, CCP_EXIT_UNREACHABLE),
	/* Standard COM values. */
	ROW(0x80004001, "E_NOTIMPL", "Not implemented.", 0,
	    CCP_EXIT_UNSUPPORTED),
	ROW(0x80004002, "E_NOINTERFACE", "No such interface supported.", 0,
	    CCP_EXIT_FAILURE),
	ROW(0x80004003, "E_POINTER", "A required pointer is NULL.", 0,
	    CCP_EXIT_USAGE),
	ROW(0x80004005, "E_FAIL", "Unspecified failure.", 0,
	    CCP_EXIT_FAILURE),
	ROW(0x8000FFFF, "E_UNEXPECTED", "Catastrophic failure.", 0,
	    CCP_EXIT_FAILURE),
	ROW(0x80040154, "REGDB_E_CLASSNOTREG", "Class not registered.", 0,
	    CCP_EXIT_FAILURE),
	ROW(0x80070005, "E_ACCESSDENIED", "Access denied: you may not requeue "
	    "this job.", ESLURM_ACCESS_DENIED, CCP_EXIT_ACCESS),
	ROW(0x8007000E, "E_OUTOFMEMORY", "Out of memory.", ENOMEM,
	    CCP_EXIT_NOMEM),
	ROW(0x80070057, "E_INVALIDARG", "An argument is not valid.", 0,
	    CCP_EXIT_USAGE),
};
const size_t ccp_hr_table_len = sizeof(ccp_hr_table) / sizeof(ccp_hr_table[0]);

static int is_carried_slurm(ccp_hr_t hr)
{
	uint32_t u = (uint32_t)hr, low = u & 0xFFFFu;

	return (u & 0xFFFF0000u) == 0x80040000u && low >= 1000;
}

const ccp_hr_row *ccp_hr_row_of(ccp_hr_t hr)
{
	for (size_t i = 0; i < ccp_hr_table_len; i++)
		if (ccp_hr_table[i].hr == hr)
			return &ccp_hr_table[i];
	return NULL;
}

const char *ccp_hr_name(ccp_hr_t hr)
{
	const ccp_hr_row *r = ccp_hr_row_of(hr);

	if (r)
		return r->name;
	if (is_carried_slurm(hr))
		return "CCP_E_SLURM";
	return hr >= 0 ? "S_UNKNOWN" : "E_UNKNOWN";
}

const char *ccp_hr_text(ccp_hr_t hr)
{
	const ccp_hr_row *r = ccp_hr_row_of(hr);

	if (r)
		return r->text;
	if (is_carried_slurm(hr))
		return "Slurm refused the request; its error number is the "
		       "low 16 bits of the code.";
	return hr >= 0 ? "Success." : "Unknown error code.";
}

int ccp_hr_exit_status(ccp_hr_t hr)
{
	const ccp_hr_row *r = ccp_hr_row_of(hr);

	if (r)
		return r->exit_status;
	return hr >= 0 ? CCP_EXIT_OK : CCP_EXIT_FAILURE;
}

int ccp_hr_slurm_errno(ccp_hr_t hr)
{
	const ccp_hr_row *r = ccp_hr_row_of(hr);

	if (r)
		return r->slurm_errno;
	if (is_carried_slurm(hr))
		return (int)((uint32_t)hr & 0xFFFFu);
	return 0;
}

ccp_hr_t ccp_hr_from_slurm_errno(int e)
{
	if (e == 0)
		return CCP_S_OK;
	for (size_t i = 0; i < ccp_hr_table_len; i++)
		if (ccp_hr_table[i].slurm_errno == e)
			return ccp_hr_table[i].hr;
	if (e >= 1000 && e <= 0xFFFF)
		return CCP_HR_FROM_SLURM(e);
	return CCP_E_FAIL;
}
