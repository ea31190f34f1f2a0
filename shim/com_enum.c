/*
 * com_enum.c - IClusterEnumerable, the collection CCP callers fill with
 * VT_I4 ids for RequeueTasks/RequeueJobs (a growable list of VARIANTs that
 * owns copies of what is added), and its IEnumVARIANT. An enumerator works
 * on a snapshot of the items taken by GetEnumerator, shared with its
 * clones, so changing the collection never disturbs a walk in progress.
 * Memory work only; no cluster, no Slurm.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "com_internal.h"

/* The items as they were at GetEnumerator; shared by an enumerator and
 * its clones, freed with the last of them. */
typedef struct snapshot {
	ULONG refs;
	size_t n;
	VARIANT v[];
} snapshot;

typedef struct collection {
	IClusterEnumerable iface;     /* first: the interface pointer is us */
	ULONG refs;
	int readonly;
	size_t n, cap;
	VARIANT *items;
} collection;

typedef struct enumerator {
	IEnumVARIANT iface;           /* first: the interface pointer is us */
	ULONG refs;
	snapshot *snap;
	size_t pos;
} enumerator;

static ULONG ref_inc(ULONG *r)
{
	return __atomic_add_fetch(r, 1, __ATOMIC_RELAXED);
}

static ULONG ref_dec(ULONG *r)
{
	return __atomic_sub_fetch(r, 1, __ATOMIC_ACQ_REL);
}

/* ---- snapshot ------------------------------------------------------------ */

static void snapshot_release(snapshot *s)
{
	size_t i;

	if (!s || ref_dec(&s->refs))
		return;
	for (i = 0; i < s->n; i++)
		ccp_VariantClear(&s->v[i]);
	free(s);
}

static HRESULT snapshot_new(const collection *c, snapshot **out)
{
	snapshot *s;
	size_t i;
	HRESULT hr;

	*out = NULL;
	if (c->n > (SIZE_MAX - sizeof(*s)) / sizeof(VARIANT))
		return E_OUTOFMEMORY;
	s = malloc(sizeof(*s) + c->n * sizeof(VARIANT));
	if (!s)
		return E_OUTOFMEMORY;
	s->refs = 1;
	s->n = 0;
	for (i = 0; i < c->n; i++) {
		ccp_VariantInit(&s->v[i]);
		hr = ccp_VariantCopy(&s->v[i], &c->items[i]);
		if (FAILED(hr)) {
			snapshot_release(s);
			return hr;
		}
		s->n++;
	}
	*out = s;
	return S_OK;
}

/* ---- IEnumVARIANT -------------------------------------------------------- */

static const IEnumVARIANTVtbl enumerator_vtbl;

static enumerator *enum_of(IEnumVARIANT *This)
{
	return (enumerator *)This;
}

static HRESULT enum_new(snapshot *s, size_t pos, IEnumVARIANT **out)
{
	enumerator *e = calloc(1, sizeof(*e));

	*out = NULL;
	if (!e)
		return E_OUTOFMEMORY;
	e->iface.lpVtbl = &enumerator_vtbl;
	e->refs = 1;
	e->snap = s;
	ref_inc(&s->refs);
	e->pos = pos;
	*out = &e->iface;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE enum_QueryInterface(IEnumVARIANT *This,
	REFIID riid, void **ppvObject)
{
	static const IID *const iids[] = { &ccp_IID_IEnumVARIANT, NULL };

	return ccpcom_query(This, This ? &enum_of(This)->refs : NULL, riid,
			    ppvObject, iids);
}

static ULONG STDMETHODCALLTYPE enum_AddRef(IEnumVARIANT *This)
{
	return This ? ref_inc(&enum_of(This)->refs) : 0;
}

static ULONG STDMETHODCALLTYPE enum_Release(IEnumVARIANT *This)
{
	enumerator *e = enum_of(This);
	ULONG left;

	if (!e)
		return 0;
	left = ref_dec(&e->refs);
	if (!left) {
		snapshot_release(e->snap);
		free(e);
	}
	return left;
}

static HRESULT STDMETHODCALLTYPE enum_Next(IEnumVARIANT *This, ULONG celt,
	VARIANT *rgVar, ULONG *pCeltFetched)
{
	enumerator *e = enum_of(This);
	ULONG i, n;
	HRESULT hr;

	if (pCeltFetched)
		*pCeltFetched = 0;
	if (!e)
		return E_POINTER;
	if (!pCeltFetched && celt != 1)
		return E_INVALIDARG;
	if (celt && !rgVar)
		return E_POINTER;
	n = (e->snap->n - e->pos < celt) ? (ULONG)(e->snap->n - e->pos) : celt;
	for (i = 0; i < n; i++) {
		ccp_VariantInit(&rgVar[i]);
		hr = ccp_VariantCopy(&rgVar[i], &e->snap->v[e->pos + i]);
		if (FAILED(hr)) {
			/* All or nothing: give back what was copied. */
			while (i--)
				ccp_VariantClear(&rgVar[i]);
			return hr;
		}
	}
	e->pos += n;
	if (pCeltFetched)
		*pCeltFetched = n;
	return n == celt ? S_OK : S_FALSE;
}

static HRESULT STDMETHODCALLTYPE enum_Skip(IEnumVARIANT *This, ULONG celt)
{
	enumerator *e = enum_of(This);
	size_t left;

	if (!e)
		return E_POINTER;
	left = e->snap->n - e->pos;
	if (celt > left) {
		e->pos = e->snap->n;
		return S_FALSE;
	}
	e->pos += celt;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE enum_Reset(IEnumVARIANT *This)
{
	if (!This)
		return E_POINTER;
	enum_of(This)->pos = 0;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE enum_Clone(IEnumVARIANT *This,
	IEnumVARIANT **ppEnum)
{
	if (!ppEnum)
		return E_POINTER;
	*ppEnum = NULL;
	if (!This)
		return E_POINTER;
	return enum_new(enum_of(This)->snap, enum_of(This)->pos, ppEnum);
}

static const IEnumVARIANTVtbl enumerator_vtbl = {
	.QueryInterface = enum_QueryInterface,
	.AddRef = enum_AddRef,
	.Release = enum_Release,
	.Next = enum_Next,
	.Skip = enum_Skip,
	.Reset = enum_Reset,
	.Clone = enum_Clone,
};

/* ---- IClusterEnumerable -------------------------------------------------- */

static collection *coll_of(IClusterEnumerable *This)
{
	return (collection *)This;
}

static HRESULT STDMETHODCALLTYPE coll_QueryInterface(IClusterEnumerable *This,
	REFIID riid, void **ppvObject)
{
	static const IID *const iids[] = {
		&ccp_IID_IDispatch, &ccp_IID_IClusterEnumerable, NULL
	};

	return ccpcom_query(This, This ? &coll_of(This)->refs : NULL, riid,
			    ppvObject, iids);
}

static ULONG STDMETHODCALLTYPE coll_AddRef(IClusterEnumerable *This)
{
	return This ? ref_inc(&coll_of(This)->refs) : 0;
}

static ULONG STDMETHODCALLTYPE coll_Release(IClusterEnumerable *This)
{
	collection *c = coll_of(This);
	ULONG left;
	size_t i;

	if (!c)
		return 0;
	left = ref_dec(&c->refs);
	if (!left) {
		for (i = 0; i < c->n; i++)
			ccp_VariantClear(&c->items[i]);
		free(c->items);
		free(c);
	}
	return left;
}

static HRESULT STDMETHODCALLTYPE coll_GetTypeInfoCount(
	IClusterEnumerable *This, UINT *pctinfo)
{
	(void)This;
	return ccpcom_typeinfo_count(pctinfo);
}

static HRESULT STDMETHODCALLTYPE coll_GetTypeInfo(IClusterEnumerable *This,
	UINT iTInfo, LCID lcid, ITypeInfo **ppTInfo)
{
	(void)This; (void)iTInfo; (void)lcid;
	if (ppTInfo)
		*ppTInfo = NULL;
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE coll_GetIDsOfNames(IClusterEnumerable *This,
	REFIID riid, LPOLESTR *rgszNames, UINT cNames, LCID lcid,
	DISPID *rgDispId)
{
	(void)This; (void)riid; (void)rgszNames; (void)cNames; (void)lcid;
	(void)rgDispId;
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE coll_Invoke(IClusterEnumerable *This,
	DISPID dispIdMember, REFIID riid, LCID lcid, WORD wFlags,
	DISPPARAMS *pDispParams, VARIANT *pVarResult, EXCEPINFO *pExcepInfo,
	UINT *puArgErr)
{
	(void)This; (void)dispIdMember; (void)riid; (void)lcid; (void)wFlags;
	(void)pDispParams; (void)pVarResult; (void)pExcepInfo; (void)puArgErr;
	return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE coll_Add(IClusterEnumerable *This,
	VARIANT item)
{
	collection *c = coll_of(This);
	HRESULT hr;

	if (!c)
		return E_POINTER;
	if (c->readonly)
		return E_ACCESSDENIED;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		VARIANT *items;

		if (cap > SIZE_MAX / sizeof(VARIANT))
			return E_OUTOFMEMORY;
		items = realloc(c->items, cap * sizeof(VARIANT));
		if (!items)
			return E_OUTOFMEMORY;
		c->items = items;
		c->cap = cap;
	}
	ccp_VariantInit(&c->items[c->n]);
	hr = ccp_VariantCopy(&c->items[c->n], &item);
	if (FAILED(hr))
		return hr;
	c->n++;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE coll_get_IsReadOnly(IClusterEnumerable *This,
	VARIANT_BOOL *pRetVal)
{
	if (!This || !pRetVal)
		return E_POINTER;
	*pRetVal = coll_of(This)->readonly ? VARIANT_TRUE : VARIANT_FALSE;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE coll_GetEnumerator(IClusterEnumerable *This,
	IEnumVARIANT **pRetVal)
{
	snapshot *s;
	HRESULT hr;

	if (!pRetVal)
		return E_POINTER;
	*pRetVal = NULL;
	if (!This)
		return E_POINTER;
	hr = snapshot_new(coll_of(This), &s);
	if (FAILED(hr))
		return hr;
	hr = enum_new(s, 0, pRetVal);
	snapshot_release(s);   /* the enumerator holds its own reference */
	return hr;
}

static HRESULT STDMETHODCALLTYPE coll_Remove(IClusterEnumerable *This,
	VARIANT item)
{
	collection *c = coll_of(This);
	size_t i;

	if (!c)
		return E_POINTER;
	if (c->readonly)
		return E_ACCESSDENIED;
	for (i = 0; i < c->n; i++) {
		if (!ccpcom_variant_equal(&c->items[i], &item))
			continue;
		ccp_VariantClear(&c->items[i]);
		memmove(&c->items[i], &c->items[i + 1],
			(c->n - i - 1) * sizeof(VARIANT));
		c->n--;
		return S_OK;
	}
	return S_FALSE;
}

static const IClusterEnumerableVtbl collection_vtbl = {
	.QueryInterface = coll_QueryInterface,
	.AddRef = coll_AddRef,
	.Release = coll_Release,
	.GetTypeInfoCount = coll_GetTypeInfoCount,
	.GetTypeInfo = coll_GetTypeInfo,
	.GetIDsOfNames = coll_GetIDsOfNames,
	.Invoke = coll_Invoke,
	.Add = coll_Add,
	.get_IsReadOnly = coll_get_IsReadOnly,
	.GetEnumerator = coll_GetEnumerator,
	.Remove = coll_Remove,
};

HRESULT ccpcom_enum_new(int readonly, IClusterEnumerable **out)
{
	collection *c;

	if (!out)
		return E_POINTER;
	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return E_OUTOFMEMORY;
	c->iface.lpVtbl = &collection_vtbl;
	c->refs = 1;
	c->readonly = readonly != 0;
	*out = &c->iface;
	return S_OK;
}
