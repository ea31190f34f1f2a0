/*
 * test_com.c - the COM-shaped API (ccpapi.h): BSTR and VARIANT rules,
 * IClusterEnumerable and its IEnumVARIANT, reference counts (run under
 * AddressSanitizer they also prove nothing leaks or is used after free),
 * CoCreateInstance's errors, argument checks made before any cluster is
 * contacted, the E_NOTIMPL stubs, get_ErrorMessage keeping the last error,
 * and a few calls through to the fake Slurm (fake_slurm.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>
#include <slurm/slurm.h>

#include <ccpshim/ccpapi.h>
#include "com_internal.h"
#include "fake_slurm.h"

/* ---- helpers -------------------------------------------------------------- */

static ICluster *new_cluster(void)
{
	ICluster *cl = NULL;

	assert_int_equal(CoCreateInstance(&CLSID_Cluster, NULL,
					  CLSCTX_INPROC_SERVER, &IID_ICluster,
					  (void **)&cl), S_OK);
	assert_non_null(cl);
	return cl;
}

static IClusterEnumerable *new_collection(ICluster *cl)
{
	IClusterEnumerable *e = NULL;

	assert_int_equal(ICluster_CreateClusterEnumerable(cl, &e), S_OK);
	assert_non_null(e);
	return e;
}

static void add_i4(IClusterEnumerable *e, LONG v)
{
	VARIANT var;

	VariantInit(&var);
	var.vt = VT_I4;
	var.lVal = v;
	assert_int_equal(IClusterEnumerable_Add(e, var), S_OK);
}

static void add_bstr(IClusterEnumerable *e, const OLECHAR *s)
{
	VARIANT var;

	VariantInit(&var);
	var.vt = VT_BSTR;
	var.bstrVal = SysAllocString(s);
	assert_non_null(var.bstrVal);
	assert_int_equal(IClusterEnumerable_Add(e, var), S_OK);
	/* Add copied it: ours to free. */
	assert_int_equal(VariantClear(&var), S_OK);
}

/* Fails the test unless get_ErrorMessage holds needle. */
static void message_has(ICluster *cl, const OLECHAR *needle)
{
	BSTR msg = NULL;

	assert_int_equal(ICluster_get_ErrorMessage(cl, &msg), S_OK);
	assert_non_null(msg);
	if (!wcsstr(msg, needle)) {
		char m[1024], n[256];

		wcstombs(m, msg, sizeof(m) - 1);
		m[sizeof(m) - 1] = '\0';
		wcstombs(n, needle, sizeof(n) - 1);
		n[sizeof(n) - 1] = '\0';
		SysFreeString(msg);
		fail_msg("get_ErrorMessage \"%s\" lacks \"%s\"", m, n);
	}
	SysFreeString(msg);
}

/* Takes a BSTR the way CCP's [in] parameters do. */
static size_t in_len(BSTR s)
{
	return s ? wcslen(s) : 0;
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	unsetenv("CCP_SCHEDULER");
	return 0;
}

/* ---- Windows widths and layout --------------------------------------------- */

static void widths(void **state)
{
	(void)state;
	assert_int_equal(sizeof(LONG), 4);
	assert_int_equal(sizeof(ULONG), 4);
	assert_int_equal(sizeof(HRESULT), 4);
	assert_int_equal(sizeof(VARIANT_BOOL), 2);
	assert_int_equal(sizeof(VARTYPE), 2);
	assert_int_equal(sizeof(GUID), 16);
	assert_int_equal(sizeof(VARIANT), sizeof(void *) == 8 ? 24 : 16);
	assert_int_equal(offsetof(VARIANT, lVal), 8);
	assert_int_equal(offsetof(VARIANT, bstrVal), 8);
	assert_int_equal(sizeof(VARIANTARG), sizeof(VARIANT));
	assert_true(VARIANT_TRUE == -1 && VARIANT_FALSE == 0);
	assert_true(FAILED(E_POINTER) && SUCCEEDED(S_FALSE));
	assert_int_equal((uint32_t)E_INVALIDARG, 0x80070057u);
	assert_int_equal((uint32_t)E_NOTIMPL, 0x80004001u);
	assert_int_equal((uint32_t)REGDB_E_CLASSNOTREG, 0x80040154u);
}

/* The vtable: IUnknown 3 + IDispatch 4 + the SDK's 67 methods, none NULL. */
static void vtable_complete(void **state)
{
	ICluster *cl;
	void (*const *slot)(void);
	size_t i, n = sizeof(IClusterVtbl) / sizeof(void (*)(void));

	(void)state;
	assert_int_equal(n, 3 + 4 + 67);
	cl = new_cluster();
	slot = (void (*const *)(void))(const void *)cl->lpVtbl;
	for (i = 0; i < n; i++)
		if (!slot[i])
			fail_msg("ICluster vtable slot %zu is NULL", i);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void guids(void **state)
{
	static const CLSID cluster = { 0x1DA43A99, 0x31B9, 0x4CD1,
		{ 0xA3, 0xA7, 0x9B, 0xC6, 0xEC, 0x9B, 0x69, 0x6F } };

	(void)state;
	assert_true(IsEqualGUID(&CLSID_Cluster, &cluster));
	assert_true(IsEqualCLSID(&CLSID_Cluster, &cluster));
	assert_false(IsEqualIID(&IID_ICluster, &IID_IClusterEnumerable));
	assert_false(IsEqualGUID(&CLSID_Cluster, &IID_ICluster));
	assert_false(IsEqualGUID(&IID_IUnknown, &GUID_NULL));
	assert_int_equal(IID_ICluster.Data1, 0x98136C13u);
	assert_int_equal(IID_IClusterEnumerable.Data1, 0x09283FBFu);
}

/* ---- BSTR -------------------------------------------------------------------- */

static void bstr_basics(void **state)
{
	BSTR s, t;

	(void)state;
	s = SysAllocString(L"head");
	assert_non_null(s);
	assert_int_equal(SysStringLen(s), 4);
	assert_int_equal(SysStringByteLen(s), 4 * sizeof(OLECHAR));
	assert_int_equal(s[4], L'\0');
	assert_int_equal(wcscmp(s, L"head"), 0);
	/* L"..." literals pass where a BSTR input is expected. */
	assert_int_equal(in_len(L"head"), 4);
	SysFreeString(s);

	assert_null(SysAllocString(NULL));
	assert_int_equal(SysStringLen(NULL), 0);
	assert_int_equal(SysStringByteLen(NULL), 0);
	SysFreeString(NULL);

	/* Embedded NULs count; the terminator does not. */
	s = SysAllocStringLen(L"a\0b", 3);
	assert_non_null(s);
	assert_int_equal(SysStringLen(s), 3);
	assert_int_equal(s[1], L'\0');
	assert_int_equal(s[2], L'b');
	assert_int_equal(s[3], L'\0');
	SysFreeString(s);

	/* NULL source: zeroed, still terminated. */
	s = SysAllocStringLen(NULL, 5);
	assert_non_null(s);
	assert_int_equal(SysStringLen(s), 5);
	for (int i = 0; i <= 5; i++)
		assert_int_equal(s[i], L'\0');
	SysFreeString(s);

	s = SysAllocString(L"");
	assert_non_null(s);
	assert_int_equal(SysStringLen(s), 0);
	assert_int_equal(s[0], L'\0');

	/* Characters beyond the BMP are one OLECHAR each (32-bit wchar_t). */
	t = SysAllocString(L"\U0001F600x");
	assert_int_equal(SysStringLen(t), 2);
	SysFreeString(t);

	assert_true(SysReAllocString(&s, L"tail"));
	assert_int_equal(SysStringLen(s), 4);
	assert_int_equal(wcscmp(s, L"tail"), 0);
	SysFreeString(s);

	/* Too long for the 32-bit byte count: NULL, not a crash. */
	assert_null(SysAllocStringLen(NULL, 0xFFFFFFFFu));
	assert_null(SysAllocStringLen(NULL, 0x40000000u));
}

/* ---- VARIANT ------------------------------------------------------------------ */

static void variant_basics(void **state)
{
	VARIANT a, b;

	(void)state;
	memset(&a, 0xA5, sizeof(a));
	VariantInit(&a);
	assert_int_equal(a.vt, VT_EMPTY);
	assert_int_equal(VariantClear(&a), S_OK);
	assert_int_equal(VariantClear(NULL), E_INVALIDARG);

	a.vt = VT_I4;
	a.lVal = -7;
	VariantInit(&b);
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	assert_int_equal(V_VT(&b), VT_I4);
	assert_int_equal(V_I4(&b), -7);
	assert_int_equal(VariantCopy(&b, &b), S_OK);

	a.vt = VT_I8;
	a.llVal = INT64_C(1) << 40;
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	assert_true(b.llVal == INT64_C(1) << 40);

	a.vt = VT_BOOL;
	a.boolVal = VARIANT_TRUE;
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	assert_int_equal(b.vt, VT_BOOL);
	assert_int_equal(b.boolVal, VARIANT_TRUE);

	/* Types this library cannot own are refused, dest untouched. */
	a.vt = VT_ARRAY | VT_I4;
	a.parray = NULL;
	assert_int_equal(VariantCopy(&b, &a), DISP_E_BADVARTYPE);
	assert_int_equal(b.vt, VT_BOOL);
	assert_int_equal(VariantClear(&a), DISP_E_BADVARTYPE);
	assert_int_equal(VariantCopy(NULL, &b), E_INVALIDARG);
	assert_int_equal(VariantClear(&b), S_OK);
	assert_int_equal(b.vt, VT_EMPTY);
}

static void variant_bstr_ownership(void **state)
{
	VARIANT a, b;

	(void)state;
	VariantInit(&a);
	VariantInit(&b);
	a.vt = VT_BSTR;
	a.bstrVal = SysAllocStringLen(L"x\0y", 3);
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	/* A deep copy: its own BSTR, same length and text (NUL included). */
	assert_ptr_not_equal(b.bstrVal, a.bstrVal);
	assert_int_equal(SysStringLen(b.bstrVal), 3);
	assert_memory_equal(b.bstrVal, a.bstrVal, 3 * sizeof(OLECHAR));

	/* Copying over a BSTR frees the old one (ASan would see a leak). */
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	assert_int_equal(SysStringLen(b.bstrVal), 3);
	/* Each VARIANT frees its own BSTR. */
	assert_int_equal(VariantClear(&b), S_OK);
	assert_int_equal(VariantClear(&a), S_OK);
	assert_int_equal(a.vt, VT_EMPTY);

	/* A NULL BSTR copies as NULL. */
	a.vt = VT_BSTR;
	a.bstrVal = NULL;
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	assert_int_equal(b.vt, VT_BSTR);
	assert_null(b.bstrVal);
	assert_int_equal(VariantClear(&b), S_OK);
}

/* VT_UNKNOWN / VT_DISPATCH: copies AddRef, clears Release. */
static void variant_interface_refs(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;
	VARIANT a, b;

	(void)state;
	cl = new_cluster();
	e = new_collection(cl);
	VariantInit(&a);
	VariantInit(&b);
	a.vt = VT_DISPATCH;
	a.pdispVal = (IDispatch *)e;
	assert_int_equal(VariantCopy(&b, &a), S_OK);
	assert_int_equal(IClusterEnumerable_AddRef(e), 3);
	assert_int_equal(IClusterEnumerable_Release(e), 2);
	assert_int_equal(VariantClear(&b), S_OK);
	assert_int_equal(IClusterEnumerable_AddRef(e), 2);
	assert_int_equal(IClusterEnumerable_Release(e), 1);

	/* An enumerable holding an interface keeps it alive. */
	a.vt = VT_UNKNOWN;
	a.punkVal = (IUnknown *)cl;
	assert_int_equal(IClusterEnumerable_Add(e, a), S_OK);
	assert_int_equal(ICluster_Release(cl), 1);   /* the item's reference */
	assert_int_equal(IClusterEnumerable_Release(e), 0);  /* frees both */
}

/* ---- IClusterEnumerable and IEnumVARIANT -------------------------------------- */

static void enum_walk(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;
	IEnumVARIANT *it, *copy;
	VARIANT v[8];
	VARIANT one;
	ULONG got;

	(void)state;
	cl = new_cluster();
	e = new_collection(cl);
	for (LONG i = 1; i <= 5; i++)
		add_i4(e, i * 10);              /* 10 20 30 40 50 */
	assert_int_equal(IClusterEnumerable_GetEnumerator(e, &it), S_OK);

	/* Changes after GetEnumerator do not reach the enumerator. */
	add_i4(e, 60);

	assert_int_equal(IEnumVARIANT_Next(it, 2, v, &got), S_OK);
	assert_int_equal(got, 2);
	assert_int_equal(v[0].vt, VT_I4);
	assert_int_equal(v[0].lVal, 10);
	assert_int_equal(v[1].lVal, 20);

	assert_int_equal(IEnumVARIANT_Skip(it, 1), S_OK);       /* past 30 */
	assert_int_equal(IEnumVARIANT_Clone(it, &copy), S_OK);

	/* celt over what is left: S_FALSE and the real count. */
	got = 99;
	assert_int_equal(IEnumVARIANT_Next(it, 8, v, &got), S_FALSE);
	assert_int_equal(got, 2);
	assert_int_equal(v[0].lVal, 40);
	assert_int_equal(v[1].lVal, 50);
	assert_int_equal(IEnumVARIANT_Next(it, 1, v, &got), S_FALSE);
	assert_int_equal(got, 0);
	assert_int_equal(IEnumVARIANT_Skip(it, 1), S_FALSE);

	/* The clone kept its own position. */
	assert_int_equal(IEnumVARIANT_Next(copy, 1, &one, NULL), S_OK);
	assert_int_equal(one.lVal, 40);
	/* pCeltFetched may be NULL only for celt == 1. */
	assert_int_equal(IEnumVARIANT_Next(copy, 2, v, NULL), E_INVALIDARG);
	assert_int_equal(IEnumVARIANT_Skip(copy, 5), S_FALSE);
	assert_int_equal(IEnumVARIANT_Release(copy), 0);

	assert_int_equal(IEnumVARIANT_Reset(it), S_OK);
	assert_int_equal(IEnumVARIANT_Next(it, 8, v, &got), S_FALSE);
	assert_int_equal(got, 5);
	assert_int_equal(v[4].lVal, 50);

	/* The enumerator outlives the collection and the cluster. */
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_Release(cl), 0);
	assert_int_equal(IEnumVARIANT_Reset(it), S_OK);
	assert_int_equal(IEnumVARIANT_Next(it, 1, &one, NULL), S_OK);
	assert_int_equal(one.lVal, 10);
	assert_int_equal(IEnumVARIANT_Release(it), 0);

	/* A new enumerator sees the sixth item. */
	cl = new_cluster();
	e = new_collection(cl);
	assert_int_equal(IClusterEnumerable_GetEnumerator(e, &it), S_OK);
	assert_int_equal(IEnumVARIANT_Next(it, 1, &one, NULL), S_FALSE);
	assert_int_equal(IEnumVARIANT_Release(it), 0);
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void enum_bstr_items(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;
	IEnumVARIANT *it;
	VARIANT v[4], key;
	ULONG got;

	(void)state;
	cl = new_cluster();
	e = new_collection(cl);
	add_bstr(e, L"alpha");
	add_i4(e, 3);
	add_bstr(e, L"beta");
	add_i4(e, 3);

	/* Remove: first equal item (same type, same value) only. */
	VariantInit(&key);
	key.vt = VT_I4;
	key.lVal = 3;
	assert_int_equal(IClusterEnumerable_Remove(e, key), S_OK);
	key.lVal = 99;
	assert_int_equal(IClusterEnumerable_Remove(e, key), S_FALSE);
	key.vt = VT_I2;
	key.iVal = 3;                   /* a VT_I2 3 is not a VT_I4 3 */
	assert_int_equal(IClusterEnumerable_Remove(e, key), S_FALSE);
	key.vt = VT_BSTR;
	key.bstrVal = SysAllocString(L"alpha");  /* equal text, other BSTR */
	assert_int_equal(IClusterEnumerable_Remove(e, key), S_OK);
	VariantClear(&key);

	assert_int_equal(IClusterEnumerable_GetEnumerator(e, &it), S_OK);
	assert_int_equal(IEnumVARIANT_Next(it, 4, v, &got), S_FALSE);
	assert_int_equal(got, 2);
	assert_int_equal(v[0].vt, VT_BSTR);
	assert_int_equal(wcscmp(v[0].bstrVal, L"beta"), 0);
	assert_int_equal(v[1].vt, VT_I4);
	assert_int_equal(v[1].lVal, 3);
	/* What Next hands out is the caller's. */
	VariantClear(&v[0]);
	VariantClear(&v[1]);
	assert_int_equal(IEnumVARIANT_Release(it), 0);
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void enum_interfaces(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e, *ro;
	IEnumVARIANT *it;
	VARIANT_BOOL b = 7;
	void *p;
	VARIANT v;
	UINT n = 9;

	(void)state;
	cl = new_cluster();
	e = new_collection(cl);
	assert_int_equal(IClusterEnumerable_get_IsReadOnly(e, &b), S_OK);
	assert_int_equal(b, VARIANT_FALSE);
	assert_int_equal(IClusterEnumerable_get_IsReadOnly(e, NULL), E_POINTER);
	assert_int_equal(IClusterEnumerable_GetEnumerator(e, NULL), E_POINTER);

	assert_int_equal(IClusterEnumerable_AddRef(e), 2);
	assert_int_equal(IClusterEnumerable_QueryInterface(e,
			&IID_IDispatch, &p), S_OK);
	assert_ptr_equal(p, e);
	assert_int_equal(IClusterEnumerable_QueryInterface(e,
			&IID_IEnumVARIANT, &p), E_NOINTERFACE);
	assert_null(p);
	assert_int_equal(IClusterEnumerable_Release(e), 2);
	assert_int_equal(IClusterEnumerable_Release(e), 1);
	assert_int_equal(IClusterEnumerable_GetTypeInfoCount(e, &n), S_OK);
	assert_int_equal(n, 0);

	assert_int_equal(IClusterEnumerable_GetEnumerator(e, &it), S_OK);
	assert_int_equal(IEnumVARIANT_QueryInterface(it, &IID_IEnumVARIANT,
						     &p), S_OK);
	assert_int_equal(IEnumVARIANT_Release(it), 1);
	assert_int_equal(IEnumVARIANT_Release(it), 0);
	assert_int_equal(IClusterEnumerable_Release(e), 0);

	/* A read-only collection (the kind CCP's list methods return). */
	assert_int_equal(ccpcom_enum_new(1, &ro), S_OK);
	assert_int_equal(IClusterEnumerable_get_IsReadOnly(ro, &b), S_OK);
	assert_int_equal(b, VARIANT_TRUE);
	VariantInit(&v);
	v.vt = VT_I4;
	assert_int_equal(IClusterEnumerable_Add(ro, v), E_ACCESSDENIED);
	assert_int_equal(IClusterEnumerable_Remove(ro, v), E_ACCESSDENIED);
	assert_int_equal(IClusterEnumerable_Release(ro), 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

/* ---- creation ------------------------------------------------------------------ */

static void cocreate_errors(void **state)
{
	void *p = (void *)1;
	ICluster *cl;
	IUnknown *unk;

	(void)state;
	assert_int_equal(CoCreateInstance(&IID_ICluster, NULL,
			CLSCTX_INPROC_SERVER, &IID_ICluster, &p),
			REGDB_E_CLASSNOTREG);
	assert_null(p);
	p = (void *)1;
	assert_int_equal(CoCreateInstance(&CLSID_Cluster, NULL,
			CLSCTX_INPROC_SERVER, &IID_IEnumVARIANT, &p),
			E_NOINTERFACE);
	assert_null(p);
	assert_int_equal(CoCreateInstance(&CLSID_Cluster, NULL,
			CLSCTX_INPROC_SERVER, &IID_ICluster, NULL), E_POINTER);
	assert_int_equal(CoCreateInstance(NULL, NULL, CLSCTX_INPROC_SERVER,
			&IID_ICluster, &p), E_INVALIDARG);
	assert_int_equal(CoCreateInstance(&CLSID_Cluster, NULL,
			CLSCTX_INPROC_SERVER, NULL, &p), E_INVALIDARG);
	assert_int_equal(CoCreateInstance(&CLSID_Cluster, (IUnknown *)&p,
			CLSCTX_INPROC_SERVER, &IID_ICluster, &p),
			CLASS_E_NOAGGREGATION);
	assert_int_equal(CoCreateInstance(&CLSID_Cluster, NULL,
			CLSCTX_LOCAL_SERVER, &IID_ICluster, &p),
			REGDB_E_CLASSNOTREG);
	assert_null(p);

	/* IUnknown, then QueryInterface to ICluster: the same object. */
	assert_int_equal(CoCreateInstance(&CLSID_Cluster, NULL, CLSCTX_ALL,
			&IID_IUnknown, (void **)&unk), S_OK);
	assert_int_equal(IUnknown_QueryInterface(unk, &IID_ICluster,
			(void **)&cl), S_OK);
	assert_ptr_equal(cl, unk);
	assert_int_equal(ICluster_QueryInterface(cl, &IID_IClusterEnumerable,
			&p), E_NOINTERFACE);
	assert_int_equal(ICluster_QueryInterface(cl, NULL, &p), E_INVALIDARG);
	assert_int_equal(ICluster_QueryInterface(cl, &IID_ICluster, NULL),
			 E_POINTER);
	assert_int_equal(ICluster_AddRef(cl), 3);
	assert_int_equal(ICluster_Release(cl), 2);
	assert_int_equal(ICluster_Release(cl), 1);
	assert_int_equal(IUnknown_Release(unk), 0);
}

static void coinit(void **state)
{
	(void)state;
	assert_int_equal(CoInitialize(NULL), S_OK);
	assert_int_equal(CoInitialize(NULL), S_FALSE);
	assert_int_equal(CoInitializeEx(NULL, COINIT_MULTITHREADED),
			 RPC_E_CHANGED_MODE);
	CoUninitialize();
	CoUninitialize();
	assert_int_equal(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
	CoUninitialize();
	CoUninitialize();  /* one too many: harmless */
	assert_int_equal(CoInitialize((void *)1), E_INVALIDARG);
}

/* ---- ICluster: arguments are checked before any cluster is needed ---------- */

static void requeue_null_collection(void **state)
{
	ICluster *cl;

	(void)state;
	cl = new_cluster();
	assert_int_equal(ICluster_RequeueTasks(cl, 95, NULL), E_POINTER);
	message_has(cl, L"RequeueTasks");
	message_has(cl, L"taskIds is NULL");
	assert_int_equal(ICluster_RequeueJobs(cl, NULL), E_POINTER);
	message_has(cl, L"RequeueJobs: jobIds is NULL");
	assert_int_equal(fake.n_load + fake.n_requeue, 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void requeue_bad_item(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;
	VARIANT v;

	(void)state;
	cl = new_cluster();
	e = new_collection(cl);
	add_i4(e, 1);
	add_bstr(e, L"2");
	add_i4(e, 3);
	assert_int_equal(ICluster_RequeueTasks(cl, 95, e), E_INVALIDARG);
	message_has(cl, L"index 1");
	message_has(cl, L"VT_BSTR");
	message_has(cl, L"nothing was sent");
	assert_int_equal(fake.n_load + fake.n_requeue, 0);

	/* Other types are named as well; RequeueJobs checks the same way. */
	IClusterEnumerable_Release(e);
	e = new_collection(cl);
	add_i4(e, 1);
	VariantInit(&v);
	v.vt = VT_I2;
	v.iVal = 5;
	assert_int_equal(IClusterEnumerable_Add(e, v), S_OK);
	assert_int_equal(ICluster_RequeueJobs(cl, e), E_INVALIDARG);
	message_has(cl, L"RequeueJobs: the item at index 1 of jobIds is VT_I2");
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

/* A collection larger than one read batch, with the bad item late. */
static void requeue_bad_item_late(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;

	(void)state;
	cl = new_cluster();
	e = new_collection(cl);
	for (LONG i = 0; i < 150; i++)
		add_i4(e, i);
	add_bstr(e, L"x");
	assert_int_equal(ICluster_RequeueTasks(cl, 95, e), E_INVALIDARG);
	message_has(cl, L"index 150");
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void not_implemented(void **state)
{
	ICluster *cl;
	IClusterEnumerable *out = (IClusterEnumerable *)&out;
	LONG id = 42;
	VARIANT_BOOL b;

	(void)state;
	cl = new_cluster();
	assert_int_equal(ICluster_AddJob(cl, NULL, &id), E_NOTIMPL);
	message_has(cl, L"ICluster::AddJob is not implemented by ccpshim");
	assert_int_equal(id, 42);
	assert_int_equal(ICluster_ListJobs(cl, L"", JobStatus_Failed, &out),
			 E_NOTIMPL);
	message_has(cl, L"ICluster::ListJobs is not implemented");
	assert_int_equal(ICluster_WaitForCommandWithPaging(cl, 1, 10, &out),
			 E_NOTIMPL);
	message_has(cl, L"ICluster::WaitForCommandWithPaging is not");
	assert_int_equal(ICluster_IsAdmin(cl, &b), E_NOTIMPL);
	message_has(cl, L"ICluster::IsAdmin ");
	assert_int_equal(ICluster_SetEnvironmentVariable(cl, L"A", L"b"),
			 E_NOTIMPL);
	message_has(cl, L"ICluster::SetEnvironmentVariable ");
	assert_int_equal(ICluster_Invoke(cl, 1, &GUID_NULL, 0, 0, NULL, NULL,
					 NULL, NULL), E_NOTIMPL);
	message_has(cl, L"ICluster::Invoke ");
	assert_int_equal(ICluster_Release(cl), 0);
}

static void error_message_kept(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;
	BSTR msg = NULL;

	(void)state;
	cl = new_cluster();
	/* Nothing failed yet: an empty string, not NULL. */
	assert_int_equal(ICluster_get_ErrorMessage(cl, &msg), S_OK);
	assert_non_null(msg);
	assert_int_equal(SysStringLen(msg), 0);
	SysFreeString(msg);
	assert_int_equal(ICluster_get_ErrorMessage(cl, NULL), E_POINTER);

	assert_int_equal(ICluster_RequeueTasks(cl, 7, NULL), E_POINTER);
	/* Successes afterwards leave the message alone. */
	e = new_collection(cl);
	assert_int_equal(ICluster_put_Timeout(cl, 5000), S_OK);
	assert_int_equal(ICluster_get_ErrorMessage(cl, NULL), E_POINTER);
	message_has(cl, L"RequeueTasks: taskIds is NULL");
	/* The next failure replaces it. */
	assert_int_equal(ICluster_CreateClusterEnumerable(cl, NULL), E_POINTER);
	message_has(cl, L"CreateClusterEnumerable");
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void timeout(void **state)
{
	ICluster *cl;
	LONG ms = 0;

	(void)state;
	cl = new_cluster();
	assert_int_equal(ICluster_get_Timeout(cl, &ms), S_OK);
	assert_int_equal(ms, 10000);
	assert_int_equal(ICluster_put_Timeout(cl, 2500), S_OK);
	assert_int_equal(ICluster_get_Timeout(cl, &ms), S_OK);
	assert_int_equal(ms, 2500);
	/* CCP's "no limit" becomes the longest bound. */
	assert_int_equal(ICluster_put_Timeout(cl, 0), S_OK);
	assert_int_equal(ICluster_get_Timeout(cl, &ms), S_OK);
	assert_int_equal(ms, 3600 * 1000);
	assert_int_equal(ICluster_put_Timeout(cl, -1), S_OK);
	assert_int_equal(ICluster_put_Timeout(cl, -5), E_INVALIDARG);
	assert_int_equal(ICluster_get_Timeout(cl, NULL), E_POINTER);
	message_has(cl, L"get_Timeout");
	assert_int_equal(ICluster_Release(cl), 0);
}

static void connect_bad_names(void **state)
{
	ICluster *cl;
	OLECHAR bad[] = { L'h', 0xD800, L'x', 0 };
	OLECHAR *big;
	BSTR b;

	(void)state;
	cl = new_cluster();
	assert_int_equal(ICluster_Connect(cl, bad), E_INVALIDARG);
	message_has(cl, L"position 1");
	big = calloc(2000, sizeof(*big));
	assert_non_null(big);
	wmemset(big, L'a', 1999);
	b = SysAllocString(big);
	free(big);
	assert_int_equal(ICluster_Connect(cl, b), E_INVALIDARG);
	message_has(cl, L"longer than");
	SysFreeString(b);
	assert_int_equal(fake.n_init + fake.n_conf, 0);
	assert_int_equal(ICluster_Release(cl), 0);
}

/* ---- through to the (fake) cluster ------------------------------------------ */

static ICluster *connected(void)
{
	ICluster *cl = new_cluster();

	fake_conf_env();
	assert_int_equal(ICluster_Connect(cl, L"fakecluster"), S_OK);
	fake.n_conf = fake.n_load = fake.n_requeue = 0;
	return cl;
}

static void connect_names(void **state)
{
	ICluster *cl;
	BSTR name;

	(void)state;
	cl = new_cluster();
	fake_conf_env();
	assert_int_equal(ICluster_Connect(cl, NULL), S_OK);
	assert_int_equal(ICluster_Connect(cl, L""), S_OK);
	name = SysAllocString(L"otherhost");
	assert_int_equal(ICluster_Connect(cl, name), CCP_E_WRONG_CLUSTER);
	SysFreeString(name);
	assert_int_equal(ICluster_Release(cl), 0);
}

static void requeue_through(void **state)
{
	ICluster *cl;
	IClusterEnumerable *e;
	fake_job *j;

	(void)state;
	j = fake_add_job(95, 1);
	fake_add_task(j, 1, JOB_FAILED, 1);
	fake_add_task(j, 2, JOB_FAILED, 1);
	fake_add_task(j, 3, JOB_COMPLETE, 1);
	fake_add_task(j, 4, JOB_FAILED, 1);
	fake_add_task(j, 5, JOB_FAILED, 1);
	cl = connected();

	/* Empty collection: S_OK, nothing sent. */
	e = new_collection(cl);
	assert_int_equal(ICluster_RequeueTasks(cl, 95, e), S_OK);
	assert_int_equal(fake.n_requeue, 0);

	/* 1, 2, then the finished 3 stops the call; 4 is not touched. */
	add_i4(e, 1);
	add_i4(e, 2);
	add_i4(e, 3);
	add_i4(e, 4);
	assert_int_equal(ICluster_RequeueTasks(cl, 95, e), CCP_E_TASK_FINISHED);
	assert_int_equal(fake_state(95, 1), JOB_PENDING);
	assert_int_equal(fake_state(95, 2), JOB_PENDING);
	assert_int_equal(fake_state(95, 3), JOB_COMPLETE);
	assert_int_equal(fake_state(95, 4), JOB_FAILED);
	message_has(cl, L"95");
	assert_int_equal(IClusterEnumerable_Release(e), 0);

	assert_int_equal(ICluster_RequeueTask(cl, 95, 4), S_OK);
	assert_int_equal(fake_state(95, 4), JOB_PENDING);
	/* The earlier failure's message stays after this success. */
	message_has(cl, L"95");

	e = new_collection(cl);
	add_i4(e, 95);
	assert_int_equal(ICluster_RequeueJobs(cl, e), S_OK);
	assert_int_equal(fake_state(95, 5), JOB_PENDING);
	assert_int_equal(fake_state(95, 3), JOB_COMPLETE);
	assert_int_equal(IClusterEnumerable_Release(e), 0);
	assert_int_equal(ICluster_RequeueJob(cl, 96), CCP_E_JOB_NOT_FOUND);
	assert_int_equal(ICluster_Release(cl), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(widths, setup),
		cmocka_unit_test_setup(vtable_complete, setup),
		cmocka_unit_test_setup(guids, setup),
		cmocka_unit_test_setup(bstr_basics, setup),
		cmocka_unit_test_setup(variant_basics, setup),
		cmocka_unit_test_setup(variant_bstr_ownership, setup),
		cmocka_unit_test_setup(variant_interface_refs, setup),
		cmocka_unit_test_setup(enum_walk, setup),
		cmocka_unit_test_setup(enum_bstr_items, setup),
		cmocka_unit_test_setup(enum_interfaces, setup),
		cmocka_unit_test_setup(cocreate_errors, setup),
		cmocka_unit_test_setup(coinit, setup),
		cmocka_unit_test_setup(requeue_null_collection, setup),
		cmocka_unit_test_setup(requeue_bad_item, setup),
		cmocka_unit_test_setup(requeue_bad_item_late, setup),
		cmocka_unit_test_setup(not_implemented, setup),
		cmocka_unit_test_setup(error_message_kept, setup),
		cmocka_unit_test_setup(timeout, setup),
		cmocka_unit_test_setup(connect_bad_names, setup),
		cmocka_unit_test_setup(connect_names, setup),
		cmocka_unit_test_setup(requeue_through, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
