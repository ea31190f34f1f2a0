/*
 * com_types.c - the COM run-time pieces legacy code calls directly: BSTR
 * (SysAllocString & co.), VARIANT (VariantInit/Clear/Copy), GUIDs and
 * their compare, and the wide <-> UTF-8 conversions the COM layer needs.
 * Touches no cluster: plain memory work, no Slurm.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "com_internal.h"

/* The real identifiers of ccpapi.tlb (GuidAttribute of the CCP assembly's
 * Cluster class and interfaces); COM's own for IUnknown and the rest. */
const CLSID ccp_CLSID_Cluster = { 0x1DA43A99, 0x31B9, 0x4CD1,
	{ 0xA3, 0xA7, 0x9B, 0xC6, 0xEC, 0x9B, 0x69, 0x6F } };
const IID ccp_IID_ICluster = { 0x98136C13, 0xCB10, 0x4D76,
	{ 0xBB, 0x2C, 0x9F, 0x4A, 0x5D, 0xFB, 0x03, 0xB2 } };
const IID ccp_IID_IClusterEnumerable = { 0x09283FBF, 0x85A6, 0x40F6,
	{ 0x8B, 0x66, 0x62, 0xF8, 0xAA, 0x3E, 0xD4, 0xE6 } };
const IID ccp_IID_IUnknown = { 0x00000000, 0x0000, 0x0000,
	{ 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 } };
const IID ccp_IID_IDispatch = { 0x00020400, 0x0000, 0x0000,
	{ 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 } };
const IID ccp_IID_IEnumVARIANT = { 0x00020404, 0x0000, 0x0000,
	{ 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 } };
const GUID ccp_GUID_NULL = { 0, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 0 } };

int ccp_IsEqualGUID(REFGUID a, REFGUID b)
{
	return a->Data1 == b->Data1 && a->Data2 == b->Data2 &&
		a->Data3 == b->Data3 &&
		!memcmp(a->Data4, b->Data4, sizeof(a->Data4));
}

/* ---- BSTR: a uint32_t byte count, then the characters, then a NUL ------ */

#define BSTR_PREFIX sizeof(uint32_t)
/* Most characters a BSTR may hold: its byte count must fit the prefix. */
#define BSTR_MAX_CCH ((UINT32_MAX - BSTR_PREFIX) / sizeof(OLECHAR) - 1)

_Static_assert(BSTR_PREFIX % _Alignof(OLECHAR) == 0,
	       "the characters must stay aligned after the prefix");

BSTR ccp_SysAllocStringLen(const OLECHAR *pch, UINT cch)
{
	unsigned char *base;
	uint32_t bytes;
	BSTR s;

	if (cch > BSTR_MAX_CCH)
		return NULL;
	bytes = (uint32_t)(cch * sizeof(OLECHAR));
	base = malloc(BSTR_PREFIX + (size_t)bytes + sizeof(OLECHAR));
	if (!base)
		return NULL;
	memcpy(base, &bytes, sizeof(bytes));
	s = (BSTR)(void *)(base + BSTR_PREFIX);
	if (pch)
		memcpy(s, pch, bytes);
	else
		memset(s, 0, bytes);
	s[cch] = L'\0';
	return s;
}

BSTR ccp_SysAllocString(const OLECHAR *psz)
{
	size_t n;

	if (!psz)
		return NULL;
	n = wcslen(psz);
	if (n > BSTR_MAX_CCH)
		return NULL;
	return ccp_SysAllocStringLen(psz, (UINT)n);
}

int ccp_SysReAllocString(BSTR *pbstr, const OLECHAR *psz)
{
	BSTR s;

	if (!pbstr)
		return 0;
	s = ccp_SysAllocString(psz);
	if (!s && psz)
		return 0;
	ccp_SysFreeString(*pbstr);
	*pbstr = s;
	return 1;
}

void ccp_SysFreeString(BSTR bstr)
{
	if (bstr)
		free((unsigned char *)bstr - BSTR_PREFIX);
}

UINT ccp_SysStringByteLen(BSTR bstr)
{
	uint32_t bytes;

	if (!bstr)
		return 0;
	memcpy(&bytes, (unsigned char *)bstr - BSTR_PREFIX, sizeof(bytes));
	return bytes;
}

UINT ccp_SysStringLen(BSTR bstr)
{
	return ccp_SysStringByteLen(bstr) / sizeof(OLECHAR);
}

/* ---- VARIANT ------------------------------------------------------------ */

void ccp_VariantInit(VARIANTARG *pvarg)
{
	if (pvarg)
		memset(pvarg, 0, sizeof(*pvarg));
}

/* Whether this library knows how to own (copy, free) a value of type vt. */
static int vt_supported(VARTYPE vt)
{
	if (vt & VT_BYREF)
		return !(vt & VT_ARRAY);  /* a reference owns nothing */
	switch (vt) {
	case VT_EMPTY: case VT_NULL: case VT_I2: case VT_I4: case VT_R4:
	case VT_R8: case VT_CY: case VT_DATE: case VT_BSTR: case VT_DISPATCH:
	case VT_ERROR: case VT_BOOL: case VT_UNKNOWN: case VT_DECIMAL:
	case VT_I1: case VT_UI1: case VT_UI2: case VT_UI4: case VT_I8:
	case VT_UI8: case VT_INT: case VT_UINT: case VT_HRESULT:
		return 1;
	default:
		return 0;  /* VT_ARRAY (SAFEARRAY), VT_RECORD, unknown */
	}
}

HRESULT ccp_VariantClear(VARIANTARG *pvarg)
{
	if (!pvarg)
		return E_INVALIDARG;
	if (!vt_supported(pvarg->vt))
		return DISP_E_BADVARTYPE;
	switch (pvarg->vt) {
	case VT_BSTR:
		ccp_SysFreeString(pvarg->bstrVal);
		break;
	case VT_UNKNOWN:
	case VT_DISPATCH:
		/* IDispatch starts with IUnknown's three methods. */
		if (pvarg->punkVal)
			pvarg->punkVal->lpVtbl->Release(pvarg->punkVal);
		break;
	default:
		break;
	}
	memset(pvarg, 0, sizeof(*pvarg));
	return S_OK;
}

HRESULT ccp_VariantCopy(VARIANTARG *pvargDest, const VARIANTARG *pvargSrc)
{
	VARIANT v;
	HRESULT hr;

	if (!pvargDest || !pvargSrc)
		return E_INVALIDARG;
	if (pvargDest == pvargSrc)
		return S_OK;
	if (!vt_supported(pvargSrc->vt))
		return DISP_E_BADVARTYPE;
	/* Copy first: src may live inside what dest owns. */
	v = *pvargSrc;
	if (v.vt == VT_BSTR && v.bstrVal) {
		v.bstrVal = ccp_SysAllocStringLen(pvargSrc->bstrVal,
				ccp_SysStringLen(pvargSrc->bstrVal));
		if (!v.bstrVal)
			return E_OUTOFMEMORY;
	} else if ((v.vt == VT_UNKNOWN || v.vt == VT_DISPATCH) && v.punkVal) {
		v.punkVal->lpVtbl->AddRef(v.punkVal);
	}
	hr = ccp_VariantClear(pvargDest);
	if (FAILED(hr)) {
		/* dest holds what we cannot free: leave it, drop the copy. */
		ccp_VariantClear(&v);
		return hr;
	}
	*pvargDest = v;
	return S_OK;
}

int ccpcom_variant_equal(const VARIANT *a, const VARIANT *b)
{
	if (a->vt != b->vt)
		return 0;
	if (a->vt & VT_BYREF)
		return a->byref == b->byref;
	switch (a->vt) {
	case VT_EMPTY: case VT_NULL:
		return 1;
	case VT_I1: case VT_UI1:
		return a->bVal == b->bVal;
	case VT_I2: case VT_UI2: case VT_BOOL:
		return a->iVal == b->iVal;
	case VT_I4: case VT_UI4: case VT_INT: case VT_UINT: case VT_ERROR:
	case VT_HRESULT:
		return a->lVal == b->lVal;
	case VT_I8: case VT_UI8: case VT_CY:
		return a->llVal == b->llVal;
	case VT_R4:
		return a->fltVal == b->fltVal;
	case VT_R8: case VT_DATE:
		return a->dblVal == b->dblVal;
	case VT_BSTR: {
		UINT la = ccp_SysStringLen(a->bstrVal);
		UINT i;

		if (la != ccp_SysStringLen(b->bstrVal))
			return 0;
		/* A loop, not wmemcmp: glibc's vector wmemcmp reads past the
		 * end of short strings, which valgrind reports. */
		for (i = 0; i < la; i++)
			if (a->bstrVal[i] != b->bstrVal[i])
				return 0;
		return 1;
	}
	case VT_UNKNOWN: case VT_DISPATCH:
		return a->punkVal == b->punkVal;
	case VT_DECIMAL:
		return a->decVal.scale == b->decVal.scale &&
			a->decVal.sign == b->decVal.sign &&
			a->decVal.Hi32 == b->decVal.Hi32 &&
			a->decVal.Lo64 == b->decVal.Lo64;
	default:
		return 0;
	}
}

const char *ccpcom_vt_name(VARTYPE vt, char *buf, size_t len)
{
	static const struct { VARTYPE vt; const char *name; } names[] = {
		{ VT_EMPTY, "VT_EMPTY" }, { VT_NULL, "VT_NULL" },
		{ VT_I2, "VT_I2" }, { VT_I4, "VT_I4" }, { VT_R4, "VT_R4" },
		{ VT_R8, "VT_R8" }, { VT_CY, "VT_CY" }, { VT_DATE, "VT_DATE" },
		{ VT_BSTR, "VT_BSTR" }, { VT_DISPATCH, "VT_DISPATCH" },
		{ VT_ERROR, "VT_ERROR" }, { VT_BOOL, "VT_BOOL" },
		{ VT_VARIANT, "VT_VARIANT" }, { VT_UNKNOWN, "VT_UNKNOWN" },
		{ VT_DECIMAL, "VT_DECIMAL" }, { VT_I1, "VT_I1" },
		{ VT_UI1, "VT_UI1" }, { VT_UI2, "VT_UI2" },
		{ VT_UI4, "VT_UI4" }, { VT_I8, "VT_I8" }, { VT_UI8, "VT_UI8" },
		{ VT_INT, "VT_INT" }, { VT_UINT, "VT_UINT" },
		{ VT_VOID, "VT_VOID" }, { VT_HRESULT, "VT_HRESULT" },
		{ VT_RECORD, "VT_RECORD" },
	};
	const char *base = NULL;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].vt == (vt & VT_TYPEMASK))
			base = names[i].name;
	if (base)
		snprintf(buf, len, "%s%s%s",
			 (vt & VT_BYREF) ? "VT_BYREF|" : "",
			 (vt & VT_ARRAY) ? "VT_ARRAY|" : "", base);
	else
		snprintf(buf, len, "VARTYPE 0x%04x", (unsigned)vt);
	return buf;
}

/* ---- wide <-> UTF-8 ----------------------------------------------------- */

HRESULT ccpcom_wide_to_utf8(const OLECHAR *in, size_t len, char *out,
			    size_t outlen, long *bad_index)
{
	size_t i, o = 0;

	*bad_index = -1;
	for (i = 0; i < len && in[i]; i++) {
		uint32_t c = (uint32_t)in[i];
		unsigned char b[4];
		size_t n;

		if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
			*bad_index = (long)i;
			return E_INVALIDARG;
		}
		if (c < 0x80) {
			b[0] = (unsigned char)c;
			n = 1;
		} else if (c < 0x800) {
			b[0] = (unsigned char)(0xC0 | (c >> 6));
			b[1] = (unsigned char)(0x80 | (c & 0x3F));
			n = 2;
		} else if (c < 0x10000) {
			b[0] = (unsigned char)(0xE0 | (c >> 12));
			b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			b[2] = (unsigned char)(0x80 | (c & 0x3F));
			n = 3;
		} else {
			b[0] = (unsigned char)(0xF0 | (c >> 18));
			b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
			b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			b[3] = (unsigned char)(0x80 | (c & 0x3F));
			n = 4;
		}
		if (outlen - o <= n)  /* keep room for the NUL */
			return E_INVALIDARG;
		memcpy(out + o, b, n);
		o += n;
	}
	if (o >= outlen)
		return E_INVALIDARG;
	out[o] = '\0';
	return S_OK;
}

/* Decode one UTF-8 sequence at s (NUL-terminated); *c gets the character,
 * U+FFFD for a malformed one. Returns the bytes used (at least 1). */
static size_t utf8_next(const unsigned char *s, uint32_t *c)
{
	size_t n, i;
	uint32_t v, min;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2; v = s[0] & 0x1F; min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3; v = s[0] & 0x0F; min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4; v = s[0] & 0x07; min = 0x10000;
	} else {
		*c = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {  /* also stops at the NUL */
			*c = 0xFFFD;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = 0xFFFD;
	*c = v;
	return n;
}

BSTR ccpcom_bstr_from_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, i;
	uint32_t c;
	BSTR b;

	/* Never more characters than bytes. */
	i = strlen(s);
	if (i > BSTR_MAX_CCH)
		i = BSTR_MAX_CCH;
	b = ccp_SysAllocStringLen(NULL, (UINT)i);
	if (!b)
		return NULL;
	while (*p && n < i) {
		p += utf8_next(p, &c);
		b[n++] = (OLECHAR)c;
	}
	b[n] = L'\0';
	/* Record the real length in the prefix. */
	{
		uint32_t bytes = (uint32_t)(n * sizeof(OLECHAR));

		memcpy((unsigned char *)b - BSTR_PREFIX, &bytes,
		       sizeof(bytes));
	}
	return b;
}

HRESULT ccpcom_query(void *This, ULONG *refs, REFIID riid, void **ppv,
		     const IID *const *iids)
{
	int known;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!This || !riid)
		return E_INVALIDARG;
	known = ccp_IsEqualGUID(riid, &ccp_IID_IUnknown);
	for (; !known && *iids; iids++)
		known = ccp_IsEqualGUID(riid, *iids);
	if (!known)
		return E_NOINTERFACE;
	__atomic_add_fetch(refs, 1, __ATOMIC_RELAXED);
	*ppv = This;
	return S_OK;
}

HRESULT ccpcom_typeinfo_count(UINT *pctinfo)
{
	if (!pctinfo)
		return E_POINTER;
	*pctinfo = 0;
	return S_OK;
}
