/*
 * hresult.h - the one error table: every HRESULT the library returns, with
 * its name, message, the Slurm errno that produces it and the CLI's exit
 * status. Every converter (hresult.c) reads the table; nothing else maps.
 */
#ifndef CCPSHIM_HRESULT_H
#define CCPSHIM_HRESULT_H

#include "ccpshim/ccpshim.h"

/* Internal to the library: not exported from libccpshim.so. */
#pragma GCC visibility push(hidden)

/* CLI exit statuses, one per error class (docs/errors.md). */
enum {
	CCP_EXIT_OK          = 0,
	CCP_EXIT_FAILURE     = 1,  /* anything not below */
	CCP_EXIT_USAGE       = 2,  /* bad arguments (the CLI's own, too) */
	CCP_EXIT_NOT_FOUND   = 3,  /* job or task not found */
	CCP_EXIT_REFUSED     = 4,  /* task or job finished, requeue disabled */
	CCP_EXIT_ACCESS      = 5,  /* access denied */
	CCP_EXIT_UNREACHABLE = 6,  /* no config, controller down, timeout */
	CCP_EXIT_UNSUPPORTED = 7,  /* not implemented, server too old */
	CCP_EXIT_NOMEM       = 8   /* out of memory */
};

typedef struct ccp_hr_row {
	ccp_hr_t hr;
	const char *name;
	const char *text;
	int slurm_errno;     /* the Slurm errno that maps here, 0 if none */
	int exit_status;
} ccp_hr_row;

/* The table, for walking (tests, docs). */
extern const ccp_hr_row ccp_hr_table[];
extern const size_t ccp_hr_table_len;

/* The row of hr, or NULL for a carried Slurm errno or an unknown code. */
const ccp_hr_row *ccp_hr_row_of(ccp_hr_t hr);

#pragma GCC visibility pop

#endif
