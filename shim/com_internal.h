/*
 * com_internal.h - what the COM layer's files (com_types.c, com_enum.c,
 * com_cluster.c) share: helpers for VARIANTs, wide strings and the
 * collection. Internal to the library, not installed. The names start with
 * ccpcom_, not ccp_, so the library's export list (^ccp_) leaves them out.
 */
#ifndef CCPSHIM_COM_INTERNAL_H
#define CCPSHIM_COM_INTERNAL_H

#include <stddef.h>
#include "ccpshim/ccpapi.h"

/* Internal to the library: not exported from libccpshim.so. */
#pragma GCC visibility push(hidden)

/* com_types.c */

/* Name of a VARTYPE for messages: "VT_BSTR", "VT_BYREF|VT_I4", ... into
 * buf (the caller's); returns buf. */
const char *ccpcom_vt_name(VARTYPE vt, char *buf, size_t len);

/* Nonzero if a and b have the same VARTYPE and value (a BSTR by its text,
 * a NULL BSTR equal to an empty one; an interface or VT_BYREF by pointer). */
int ccpcom_variant_equal(const VARIANT *a, const VARIANT *b);

/*
 * Wide string (up to its NUL, at most len characters) to UTF-8 in out
 * (the caller's, outlen bytes). S_OK; E_INVALIDARG for a character that is
 * not Unicode (a surrogate or over U+10FFFF: *bad_index says where) or
 * when out is too small (*bad_index is -1).
 */
HRESULT ccpcom_wide_to_utf8(const OLECHAR *in, size_t len, char *out,
			    size_t outlen, long *bad_index);

/* A new BSTR of UTF-8 text s (bytes that are not UTF-8 become U+FFFD);
 * NULL if out of memory. The caller frees it with SysFreeString. */
BSTR ccpcom_bstr_from_utf8(const char *s);

/*
 * The QueryInterface every object here shares: *ppv = This, with a
 * reference taken on *refs, when riid is IID_IUnknown or one of iids (a
 * NULL-terminated list); else E_NOINTERFACE. refs may be NULL only when
 * This is.
 */
HRESULT ccpcom_query(void *This, ULONG *refs, REFIID riid, void **ppv,
		     const IID *const *iids);

/* The IDispatch part every object here shares: no type information. */
HRESULT ccpcom_typeinfo_count(UINT *pctinfo);

/* com_enum.c */

/* A new empty collection (refcount 1); readonly makes Add/Remove refuse. */
HRESULT ccpcom_enum_new(int readonly, IClusterEnumerable **out);

#pragma GCC visibility pop

#endif
