/*
 * ccpapi.h - the COM-shaped C API of libccpshim: what legacy Compute
 * Cluster Pack client code includes in place of the MIDL-generated header
 * of ccpapi.tlb.
 *
 * It gives the Windows types and widths that code relies on (LONG is 32
 * bits, BSTR is a length-prefixed wchar_t string, VARIANT has vt/lVal/...),
 * the COM run-time calls it makes (CoCreateInstance, SysAllocString,
 * VariantClear, ...), and ICluster / IClusterEnumerable / IEnumVARIANT as
 * C structs with lpVtbl and the ICluster_Xxx(This, ...) call macros.
 *
 * Every symbol the library exports carries the prefix ccp_; the COM names
 * below are macros onto them (SysAllocString -> ccp_SysAllocString,
 * CLSID_Cluster -> ccp_CLSID_Cluster), so the library clashes with nothing.
 * The layer sits on the plain C API (ccpshim.h); see docs/api.md.
 *
 * Ownership follows COM: [in] arguments stay the caller's; what comes back
 * through an [out] pointer is the caller's to free (SysFreeString for a
 * BSTR, Release for an interface, VariantClear for a VARIANT). The comment
 * under each prototype says so.
 *
 * Threads: one ICluster (and the collections it made) is used by one
 * thread at a time, as an apartment-threaded COM object; separate objects
 * may be used from separate threads at once.
 */
#ifndef CCPSHIM_CCPAPI_H
#define CCPSHIM_CCPAPI_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include <ccpshim/ccpshim.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Windows base types, with Windows widths -------------------------- */

typedef int32_t  LONG;           /* 32 bits, as on Windows (not C long) */
typedef uint32_t ULONG;
typedef int16_t  SHORT;
typedef uint16_t USHORT;
typedef int64_t  LONGLONG;
typedef uint64_t ULONGLONG;
typedef int32_t  INT;
typedef uint32_t UINT;
typedef char     CHAR;
typedef uint8_t  BYTE;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef float    FLOAT;
typedef double   DOUBLE;
typedef void    *PVOID;
typedef int32_t  SCODE;
typedef double   DATE;
typedef uint32_t LCID;
typedef LONG     DISPID;

typedef ccp_hr_t HRESULT;        /* int32_t; negative means failure */

#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)
#define FAILED(hr)    ((HRESULT)(hr) < 0)

#define STDMETHODCALLTYPE        /* one calling convention on Linux */

/* ---- HRESULT values ---------------------------------------------------- */
/* The library's own values come from ccpshim.h (CCP_E_TASK_FINISHED, ...);
 * these are the COM names legacy code tests against. */

#define S_OK                   ((HRESULT)CCP_S_OK)
#define S_FALSE                ((HRESULT)0x00000001)
#define E_NOTIMPL              ((HRESULT)CCP_E_NOTIMPL)
#define E_NOINTERFACE          ((HRESULT)0x80004002)
#define E_POINTER              ((HRESULT)CCP_E_POINTER)
#define E_ABORT                ((HRESULT)0x80004004)
#define E_FAIL                 ((HRESULT)CCP_E_FAIL)
#define E_UNEXPECTED           ((HRESULT)0x8000FFFF)
#define E_ACCESSDENIED         ((HRESULT)CCP_E_ACCESSDENIED)
#define E_OUTOFMEMORY          ((HRESULT)CCP_E_OUTOFMEMORY)
#define E_INVALIDARG           ((HRESULT)CCP_E_INVALIDARG)
#define DISP_E_UNKNOWNINTERFACE ((HRESULT)0x80020001)
#define DISP_E_MEMBERNOTFOUND  ((HRESULT)0x80020003)
#define DISP_E_PARAMNOTFOUND   ((HRESULT)0x80020004)
#define DISP_E_TYPEMISMATCH    ((HRESULT)0x80020005)
#define DISP_E_UNKNOWNNAME     ((HRESULT)0x80020006)
#define DISP_E_BADVARTYPE      ((HRESULT)0x80020008)
#define DISP_E_EXCEPTION       ((HRESULT)0x80020009)
#define DISP_E_OVERFLOW        ((HRESULT)0x8002000A)
#define DISP_E_BADINDEX        ((HRESULT)0x8002000B)
#define DISP_E_BADPARAMCOUNT   ((HRESULT)0x8002000E)
#define CLASS_E_NOAGGREGATION  ((HRESULT)0x80040110)
#define REGDB_E_CLASSNOTREG    ((HRESULT)0x80040154)
#define CO_E_NOTINITIALIZED    ((HRESULT)0x800401F0)
#define RPC_E_CHANGED_MODE     ((HRESULT)0x80010106)

/* ---- GUIDs ------------------------------------------------------------- */

typedef struct _GUID {
	uint32_t Data1;
	uint16_t Data2;
	uint16_t Data3;
	uint8_t  Data4[8];
} GUID;
typedef GUID IID;
typedef GUID CLSID;
typedef const GUID *REFGUID;
typedef const IID *REFIID;
typedef const CLSID *REFCLSID;

/* The real identifiers of CCP's ccpapi.tlb (docs/api.md gives sources). */
#define CLSID_Cluster          ccp_CLSID_Cluster
#define IID_ICluster           ccp_IID_ICluster
#define IID_IClusterEnumerable ccp_IID_IClusterEnumerable
/* COM's own. */
#define IID_IUnknown           ccp_IID_IUnknown
#define IID_IDispatch          ccp_IID_IDispatch
#define IID_IEnumVARIANT       ccp_IID_IEnumVARIANT
#define GUID_NULL              ccp_GUID_NULL
#define IID_NULL               ccp_GUID_NULL
#define CLSID_NULL             ccp_GUID_NULL

extern const CLSID ccp_CLSID_Cluster;          /* {1DA43A99-31B9-4CD1-A3A7-9BC6EC9B696F} */
extern const IID ccp_IID_ICluster;             /* {98136C13-CB10-4D76-BB2C-9F4A5DFB03B2} */
extern const IID ccp_IID_IClusterEnumerable;   /* {09283FBF-85A6-40F6-8B66-62F8AA3ED4E6} */
extern const IID ccp_IID_IUnknown;             /* {00000000-0000-0000-C000-000000000046} */
extern const IID ccp_IID_IDispatch;            /* {00020400-0000-0000-C000-000000000046} */
extern const IID ccp_IID_IEnumVARIANT;         /* {00020404-0000-0000-C000-000000000046} */
extern const GUID ccp_GUID_NULL;

#define IsEqualGUID  ccp_IsEqualGUID
#define IsEqualIID(a, b)   ccp_IsEqualGUID((a), (b))
#define IsEqualCLSID(a, b) ccp_IsEqualGUID((a), (b))

int ccp_IsEqualGUID(REFGUID a, REFGUID b);
/* Nonzero if *a and *b are the same GUID. Both must be valid pointers. */

/* ---- BSTR -------------------------------------------------------------- */

typedef wchar_t OLECHAR;         /* 32-bit characters on Linux */
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;
typedef OLECHAR *BSTR;           /* length in the 4 bytes before it */

#define SysAllocString    ccp_SysAllocString
#define SysAllocStringLen ccp_SysAllocStringLen
#define SysReAllocString  ccp_SysReAllocString
#define SysFreeString     ccp_SysFreeString
#define SysStringLen      ccp_SysStringLen
#define SysStringByteLen  ccp_SysStringByteLen

BSTR ccp_SysAllocString(const OLECHAR *psz);
/* A new BSTR holding psz up to its NUL (NULL gives NULL). The caller frees
 * it with SysFreeString. NULL if out of memory. */

BSTR ccp_SysAllocStringLen(const OLECHAR *pch, UINT cch);
/* A new BSTR of cch characters copied from pch (which may hold NULs), or
 * zeroed if pch is NULL, always followed by a NUL. The caller frees it
 * with SysFreeString. NULL if out of memory or cch is too large. */

int ccp_SysReAllocString(BSTR *pbstr, const OLECHAR *psz);
/* Replace *pbstr (freed) with a new copy of psz. Nonzero on success; on
 * failure *pbstr is unchanged. */

void ccp_SysFreeString(BSTR bstr);
/* Free a BSTR made by this library. NULL is fine. Never pass a literal. */

UINT ccp_SysStringLen(BSTR bstr);
/* Characters in bstr, not counting the final NUL (embedded NULs count);
 * 0 for NULL. bstr must come from SysAllocString*, not a literal. */

UINT ccp_SysStringByteLen(BSTR bstr);
/* Bytes in bstr (SysStringLen * sizeof(OLECHAR)); 0 for NULL. */

/* ---- VARIANT ----------------------------------------------------------- */

typedef uint16_t VARTYPE;
typedef int16_t VARIANT_BOOL;
#define VARIANT_TRUE  ((VARIANT_BOOL)-1)
#define VARIANT_FALSE ((VARIANT_BOOL)0)

enum VARENUM {
	VT_EMPTY = 0, VT_NULL = 1, VT_I2 = 2, VT_I4 = 3, VT_R4 = 4,
	VT_R8 = 5, VT_CY = 6, VT_DATE = 7, VT_BSTR = 8, VT_DISPATCH = 9,
	VT_ERROR = 10, VT_BOOL = 11, VT_VARIANT = 12, VT_UNKNOWN = 13,
	VT_DECIMAL = 14, VT_I1 = 16, VT_UI1 = 17, VT_UI2 = 18, VT_UI4 = 19,
	VT_I8 = 20, VT_UI8 = 21, VT_INT = 22, VT_UINT = 23, VT_VOID = 24,
	VT_HRESULT = 25, VT_RECORD = 36,
	VT_ARRAY = 0x2000, VT_BYREF = 0x4000, VT_TYPEMASK = 0x0FFF
};

typedef struct IUnknown IUnknown;
typedef struct IDispatch IDispatch;
typedef struct IRecordInfo IRecordInfo;   /* not provided: opaque */
typedef struct ITypeInfo ITypeInfo;       /* not provided: opaque */
typedef struct tagSAFEARRAY SAFEARRAY;    /* not provided: opaque */

typedef union tagCY {
	struct {
		ULONG Lo;
		LONG Hi;
	};
	LONGLONG int64;
} CY;

typedef struct tagDEC {
	USHORT wReserved;
	BYTE scale;
	BYTE sign;
	ULONG Hi32;
	ULONGLONG Lo64;
} DECIMAL;

/* Laid out as Windows lays it out: 16 bytes on 32-bit, 24 on 64-bit. */
typedef struct tagVARIANT VARIANT;
struct tagVARIANT {
	union {
		struct {
			VARTYPE vt;
			WORD wReserved1;
			WORD wReserved2;
			WORD wReserved3;
			union {
				LONGLONG llVal;
				LONG lVal;
				BYTE bVal;
				SHORT iVal;
				FLOAT fltVal;
				DOUBLE dblVal;
				VARIANT_BOOL boolVal;
				SCODE scode;
				CY cyVal;
				DATE date;
				BSTR bstrVal;
				IUnknown *punkVal;
				IDispatch *pdispVal;
				SAFEARRAY *parray;
				BYTE *pbVal;
				SHORT *piVal;
				LONG *plVal;
				LONGLONG *pllVal;
				FLOAT *pfltVal;
				DOUBLE *pdblVal;
				VARIANT_BOOL *pboolVal;
				SCODE *pscode;
				CY *pcyVal;
				DATE *pdate;
				BSTR *pbstrVal;
				IUnknown **ppunkVal;
				IDispatch **ppdispVal;
				SAFEARRAY **pparray;
				VARIANT *pvarVal;
				PVOID byref;
				CHAR cVal;
				USHORT uiVal;
				ULONG ulVal;
				ULONGLONG ullVal;
				INT intVal;
				UINT uintVal;
				DECIMAL *pdecVal;
				CHAR *pcVal;
				USHORT *puiVal;
				ULONG *pulVal;
				ULONGLONG *pullVal;
				INT *pintVal;
				UINT *puintVal;
				struct {
					PVOID pvRecord;
					IRecordInfo *pRecInfo;
				};
			};
		};
		DECIMAL decVal;
	};
};
typedef VARIANT VARIANTARG;

/* oleauto.h's accessors. */
#define V_VT(v)       ((v)->vt)
#define V_I2(v)       ((v)->iVal)
#define V_I4(v)       ((v)->lVal)
#define V_I8(v)       ((v)->llVal)
#define V_INT(v)      ((v)->intVal)
#define V_R8(v)       ((v)->dblVal)
#define V_BOOL(v)     ((v)->boolVal)
#define V_BSTR(v)     ((v)->bstrVal)
#define V_UNKNOWN(v)  ((v)->punkVal)
#define V_DISPATCH(v) ((v)->pdispVal)
#define V_BYREF(v)    ((v)->byref)

#define VariantInit  ccp_VariantInit
#define VariantClear ccp_VariantClear
#define VariantCopy  ccp_VariantCopy

void ccp_VariantInit(VARIANTARG *pvarg);
/* Make *pvarg VT_EMPTY (whatever it held is not freed). */

HRESULT ccp_VariantClear(VARIANTARG *pvarg);
/* Free what *pvarg owns (a BSTR is freed, an interface Released; VT_BYREF
 * owns nothing) and make it VT_EMPTY. E_INVALIDARG for NULL;
 * DISP_E_BADVARTYPE, nothing changed, for VT_ARRAY, VT_RECORD and unknown
 * types, which this library does not handle. */

HRESULT ccp_VariantCopy(VARIANTARG *pvargDest, const VARIANTARG *pvargSrc);
/* Clear *pvargDest, then make it a deep copy of *pvargSrc: a BSTR is
 * duplicated (the caller frees both), an interface is AddRef'd. On failure
 * (E_OUTOFMEMORY, DISP_E_BADVARTYPE, E_INVALIDARG) *pvargDest is VT_EMPTY
 * or unchanged. */

/* ---- IUnknown and IDispatch ------------------------------------------- */

typedef struct IUnknownVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IUnknown *This,
		REFIID riid, void **ppvObject);
	/* *ppvObject: an AddRef'd pointer the caller Releases; NULL on failure */
	ULONG (STDMETHODCALLTYPE *AddRef)(IUnknown *This);
	ULONG (STDMETHODCALLTYPE *Release)(IUnknown *This);
	/* AddRef/Release return the new count (for diagnostics only). */
} IUnknownVtbl;
struct IUnknown {
	const struct IUnknownVtbl *lpVtbl;
};
#define IUnknown_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IUnknown_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IUnknown_Release(This) ((This)->lpVtbl->Release(This))

typedef struct tagDISPPARAMS {
	VARIANTARG *rgvarg;
	DISPID *rgdispidNamedArgs;
	UINT cArgs;
	UINT cNamedArgs;
} DISPPARAMS;

typedef struct tagEXCEPINFO {
	WORD wCode;
	WORD wReserved;
	BSTR bstrSource;
	BSTR bstrDescription;
	BSTR bstrHelpFile;
	DWORD dwHelpContext;
	PVOID pvReserved;
	HRESULT (STDMETHODCALLTYPE *pfnDeferredFillIn)(struct tagEXCEPINFO *);
	SCODE scode;
} EXCEPINFO;

typedef struct IDispatchVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IDispatch *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(IDispatch *This);
	ULONG (STDMETHODCALLTYPE *Release)(IDispatch *This);
	HRESULT (STDMETHODCALLTYPE *GetTypeInfoCount)(IDispatch *This,
		UINT *pctinfo);
	HRESULT (STDMETHODCALLTYPE *GetTypeInfo)(IDispatch *This,
		UINT iTInfo, LCID lcid, ITypeInfo **ppTInfo);
	HRESULT (STDMETHODCALLTYPE *GetIDsOfNames)(IDispatch *This,
		REFIID riid, LPOLESTR *rgszNames, UINT cNames, LCID lcid,
		DISPID *rgDispId);
	HRESULT (STDMETHODCALLTYPE *Invoke)(IDispatch *This,
		DISPID dispIdMember, REFIID riid, LCID lcid, WORD wFlags,
		DISPPARAMS *pDispParams, VARIANT *pVarResult,
		EXCEPINFO *pExcepInfo, UINT *puArgErr);
	/* ccpshim's objects have no type information: GetTypeInfoCount
	 * gives 0, the other three return E_NOTIMPL. */
} IDispatchVtbl;
struct IDispatch {
	const struct IDispatchVtbl *lpVtbl;
};
#define IDispatch_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IDispatch_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IDispatch_Release(This) ((This)->lpVtbl->Release(This))
#define IDispatch_GetTypeInfoCount(This,pctinfo) \
	((This)->lpVtbl->GetTypeInfoCount(This,pctinfo))
#define IDispatch_GetTypeInfo(This,iTInfo,lcid,ppTInfo) \
	((This)->lpVtbl->GetTypeInfo(This,iTInfo,lcid,ppTInfo))
#define IDispatch_GetIDsOfNames(This,riid,rgszNames,cNames,lcid,rgDispId) \
	((This)->lpVtbl->GetIDsOfNames(This,riid,rgszNames,cNames,lcid,rgDispId))
#define IDispatch_Invoke(This,dispIdMember,riid,lcid,wFlags,pDispParams,pVarResult,pExcepInfo,puArgErr) \
	((This)->lpVtbl->Invoke(This,dispIdMember,riid,lcid,wFlags,pDispParams,pVarResult,pExcepInfo,puArgErr))

/* ---- COM run time ------------------------------------------------------ */

typedef enum tagCLSCTX {
	CLSCTX_INPROC_SERVER = 0x1,
	CLSCTX_INPROC_HANDLER = 0x2,
	CLSCTX_LOCAL_SERVER = 0x4,
	CLSCTX_REMOTE_SERVER = 0x10
} CLSCTX;
#define CLSCTX_INPROC (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER)
#define CLSCTX_SERVER (CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER | \
		       CLSCTX_REMOTE_SERVER)
#define CLSCTX_ALL    (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER | \
		       CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER)

typedef enum tagCOINIT {
	COINIT_MULTITHREADED = 0x0,
	COINIT_APARTMENTTHREADED = 0x2,
	COINIT_DISABLE_OLE1DDE = 0x4,
	COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

#define CoInitialize     ccp_CoInitialize
#define CoInitializeEx   ccp_CoInitializeEx
#define CoUninitialize   ccp_CoUninitialize
#define CoCreateInstance ccp_CoCreateInstance

HRESULT ccp_CoInitialize(void *pvReserved);
/* CoInitializeEx(pvReserved, COINIT_APARTMENTTHREADED). */

HRESULT ccp_CoInitializeEx(void *pvReserved, DWORD dwCoInit);
/* Counts initialisations on the calling thread: S_OK the first time,
 * S_FALSE after; RPC_E_CHANGED_MODE if the thread was set up in the other
 * threading mode. pvReserved must be NULL (E_INVALIDARG). Balance every
 * successful call with CoUninitialize. Nothing to free. */

void ccp_CoUninitialize(void);
/* Undo one successful CoInitialize(Ex) on this thread. */

HRESULT ccp_CoCreateInstance(REFCLSID rclsid, IUnknown *pUnkOuter,
			     DWORD dwClsContext, REFIID riid, void **ppv);
/* Make a Cluster object (rclsid == &CLSID_Cluster) and return its riid
 * interface (IID_ICluster, IID_IDispatch or IID_IUnknown) in *ppv, which
 * the caller Releases. E_POINTER (ppv NULL), E_INVALIDARG (rclsid or riid
 * NULL), CLASS_E_NOAGGREGATION (pUnkOuter set), REGDB_E_CLASSNOTREG (other
 * CLSID, or a context without CLSCTX_INPROC_SERVER), E_NOINTERFACE (other
 * IID), E_OUTOFMEMORY; *ppv is NULL on failure. CoInitialize first is the
 * COM habit but is not required. */

/* ---- CCP interfaces not provided (opaque, for signatures) ------------- */
/* ccpshim does not make these objects; their types exist so that ported
 * code passing them compiles. Each has CCP's IDispatch-derived shape. */

typedef struct IJob IJob;
typedef struct ITask ITask;
typedef struct INode INode;
typedef struct IClusterCounter IClusterCounter;
typedef struct IJobCounter IJobCounter;
typedef struct IResourceUsage IResourceUsage;
typedef struct IExecutionResult IExecutionResult;
typedef struct INameValueCollection INameValueCollection;
typedef struct INameValue INameValue;

/* IJob: a job */
typedef struct IJobVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IJob *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(IJob *This);
	ULONG (STDMETHODCALLTYPE *Release)(IJob *This);
} IJobVtbl;
struct IJob {
	const struct IJobVtbl *lpVtbl;
};
#define IJob_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IJob_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IJob_Release(This) ((This)->lpVtbl->Release(This))

/* ITask: a task */
typedef struct ITaskVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(ITask *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(ITask *This);
	ULONG (STDMETHODCALLTYPE *Release)(ITask *This);
} ITaskVtbl;
struct ITask {
	const struct ITaskVtbl *lpVtbl;
};
#define ITask_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define ITask_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ITask_Release(This) ((This)->lpVtbl->Release(This))

/* INode: a compute node */
typedef struct INodeVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(INode *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(INode *This);
	ULONG (STDMETHODCALLTYPE *Release)(INode *This);
} INodeVtbl;
struct INode {
	const struct INodeVtbl *lpVtbl;
};
#define INode_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define INode_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define INode_Release(This) ((This)->lpVtbl->Release(This))

/* IClusterCounter: cluster counters */
typedef struct IClusterCounterVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IClusterCounter *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(IClusterCounter *This);
	ULONG (STDMETHODCALLTYPE *Release)(IClusterCounter *This);
} IClusterCounterVtbl;
struct IClusterCounter {
	const struct IClusterCounterVtbl *lpVtbl;
};
#define IClusterCounter_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IClusterCounter_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IClusterCounter_Release(This) ((This)->lpVtbl->Release(This))

/* IJobCounter: job counters */
typedef struct IJobCounterVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IJobCounter *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(IJobCounter *This);
	ULONG (STDMETHODCALLTYPE *Release)(IJobCounter *This);
} IJobCounterVtbl;
struct IJobCounter {
	const struct IJobCounterVtbl *lpVtbl;
};
#define IJobCounter_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IJobCounter_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IJobCounter_Release(This) ((This)->lpVtbl->Release(This))

/* IResourceUsage: resource usage */
typedef struct IResourceUsageVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IResourceUsage *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(IResourceUsage *This);
	ULONG (STDMETHODCALLTYPE *Release)(IResourceUsage *This);
} IResourceUsageVtbl;
struct IResourceUsage {
	const struct IResourceUsageVtbl *lpVtbl;
};
#define IResourceUsage_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IResourceUsage_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IResourceUsage_Release(This) ((This)->lpVtbl->Release(This))

/* IExecutionResult: a command result */
typedef struct IExecutionResultVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IExecutionResult *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(IExecutionResult *This);
	ULONG (STDMETHODCALLTYPE *Release)(IExecutionResult *This);
} IExecutionResultVtbl;
struct IExecutionResult {
	const struct IExecutionResultVtbl *lpVtbl;
};
#define IExecutionResult_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IExecutionResult_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IExecutionResult_Release(This) ((This)->lpVtbl->Release(This))

/* INameValueCollection: name/value pairs */
typedef struct INameValueCollectionVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(INameValueCollection *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(INameValueCollection *This);
	ULONG (STDMETHODCALLTYPE *Release)(INameValueCollection *This);
} INameValueCollectionVtbl;
struct INameValueCollection {
	const struct INameValueCollectionVtbl *lpVtbl;
};
#define INameValueCollection_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define INameValueCollection_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define INameValueCollection_Release(This) ((This)->lpVtbl->Release(This))

/* INameValue: one name/value pair */
typedef struct INameValueVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(INameValue *This,
		REFIID riid, void **ppvObject);
	ULONG (STDMETHODCALLTYPE *AddRef)(INameValue *This);
	ULONG (STDMETHODCALLTYPE *Release)(INameValue *This);
} INameValueVtbl;
struct INameValue {
	const struct INameValueVtbl *lpVtbl;
};
#define INameValue_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define INameValue_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define INameValue_Release(This) ((This)->lpVtbl->Release(This))


/* JobStatus (jobstatus.md): ListJobs and ListJobsWithPaging take one. */
typedef enum JobStatus {
	JobStatus_NotSubmitted = 0,
	JobStatus_Queued = 1,
	JobStatus_Running = 2,
	JobStatus_Finished = 3,
	JobStatus_Failed = 4,
	JobStatus_Cancelled = 5
} JobStatus;

typedef struct IEnumVARIANT IEnumVARIANT;
typedef struct IClusterEnumerable IClusterEnumerable;
typedef struct ICluster ICluster;

/* ---- IEnumVARIANT ------------------------------------------------------ */

typedef struct IEnumVARIANTVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IEnumVARIANT *This,
		REFIID riid, void **ppvObject);
	/* IID_IUnknown, IID_IEnumVARIANT; *ppvObject: caller Releases */
	ULONG (STDMETHODCALLTYPE *AddRef)(IEnumVARIANT *This);
	ULONG (STDMETHODCALLTYPE *Release)(IEnumVARIANT *This);
	HRESULT (STDMETHODCALLTYPE *Next)(IEnumVARIANT *This, ULONG celt,
		VARIANT *rgVar, ULONG *pCeltFetched);
	/* Copies the next celt items into rgVar[0..] (whatever was there is
	 * overwritten, not freed); the caller VariantClears each fetched
	 * one. S_OK if celt were fetched, S_FALSE if fewer (then
	 * *pCeltFetched says how many). pCeltFetched may be NULL only when
	 * celt is 1 (E_INVALIDARG). */
	HRESULT (STDMETHODCALLTYPE *Skip)(IEnumVARIANT *This, ULONG celt);
	/* S_FALSE if fewer than celt items were left (it stops at the end). */
	HRESULT (STDMETHODCALLTYPE *Reset)(IEnumVARIANT *This);
	HRESULT (STDMETHODCALLTYPE *Clone)(IEnumVARIANT *This,
		IEnumVARIANT **ppEnum);
	/* *ppEnum: a new enumerator at the same position; caller Releases */
} IEnumVARIANTVtbl;
struct IEnumVARIANT {
	const struct IEnumVARIANTVtbl *lpVtbl;
};
#define IEnumVARIANT_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IEnumVARIANT_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IEnumVARIANT_Release(This) ((This)->lpVtbl->Release(This))
#define IEnumVARIANT_Next(This,celt,rgVar,pCeltFetched) \
	((This)->lpVtbl->Next(This,celt,rgVar,pCeltFetched))
#define IEnumVARIANT_Skip(This,celt) ((This)->lpVtbl->Skip(This,celt))
#define IEnumVARIANT_Reset(This) ((This)->lpVtbl->Reset(This))
#define IEnumVARIANT_Clone(This,ppEnum) \
	((This)->lpVtbl->Clone(This,ppEnum))

/* ---- IClusterEnumerable ------------------------------------------------ */
/* Methods after IDispatch's in the order of CCP's own list (docs/api.md). */

typedef struct IClusterEnumerableVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(IClusterEnumerable *This,
		REFIID riid, void **ppvObject);
	/* IID_IUnknown, IID_IDispatch, IID_IClusterEnumerable;
	 * *ppvObject: caller Releases */
	ULONG (STDMETHODCALLTYPE *AddRef)(IClusterEnumerable *This);
	ULONG (STDMETHODCALLTYPE *Release)(IClusterEnumerable *This);
	/* The last Release frees the collection and what it holds. */
	HRESULT (STDMETHODCALLTYPE *GetTypeInfoCount)(
		IClusterEnumerable *This, UINT *pctinfo);
	HRESULT (STDMETHODCALLTYPE *GetTypeInfo)(IClusterEnumerable *This,
		UINT iTInfo, LCID lcid, ITypeInfo **ppTInfo);
	HRESULT (STDMETHODCALLTYPE *GetIDsOfNames)(IClusterEnumerable *This,
		REFIID riid, LPOLESTR *rgszNames, UINT cNames, LCID lcid,
		DISPID *rgDispId);
	HRESULT (STDMETHODCALLTYPE *Invoke)(IClusterEnumerable *This,
		DISPID dispIdMember, REFIID riid, LCID lcid, WORD wFlags,
		DISPPARAMS *pDispParams, VARIANT *pVarResult,
		EXCEPINFO *pExcepInfo, UINT *puArgErr);
	/* No type information: 0 type infos, the other three E_NOTIMPL. */
	HRESULT (STDMETHODCALLTYPE *Add)(IClusterEnumerable *This,
		VARIANT item);
	/* Appends a copy of item (VariantCopy: a BSTR is duplicated, an
	 * interface AddRef'd); the caller still owns item. Duplicates are
	 * allowed. E_ACCESSDENIED on a read-only collection. */
	HRESULT (STDMETHODCALLTYPE *get_IsReadOnly)(IClusterEnumerable *This,
		VARIANT_BOOL *pRetVal);
	/* VARIANT_FALSE for a collection from CreateClusterEnumerable. */
	HRESULT (STDMETHODCALLTYPE *GetEnumerator)(IClusterEnumerable *This,
		IEnumVARIANT **pRetVal);
	/* *pRetVal: a new enumerator over the items as they are now (later
	 * Add/Remove do not change it); the caller Releases it. */
	HRESULT (STDMETHODCALLTYPE *Remove)(IClusterEnumerable *This,
		VARIANT item);
	/* Removes the first item of the same VARTYPE and value (a BSTR by
	 * its text, an interface by pointer) and frees it; S_FALSE if none
	 * matched. The caller still owns item. */
} IClusterEnumerableVtbl;
struct IClusterEnumerable {
	const struct IClusterEnumerableVtbl *lpVtbl;
};
#define IClusterEnumerable_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define IClusterEnumerable_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IClusterEnumerable_Release(This) ((This)->lpVtbl->Release(This))
#define IClusterEnumerable_GetTypeInfoCount(This,pctinfo) \
	((This)->lpVtbl->GetTypeInfoCount(This,pctinfo))
#define IClusterEnumerable_GetTypeInfo(This,iTInfo,lcid,ppTInfo) \
	((This)->lpVtbl->GetTypeInfo(This,iTInfo,lcid,ppTInfo))
#define IClusterEnumerable_GetIDsOfNames(This,riid,rgszNames,cNames,lcid,rgDispId) \
	((This)->lpVtbl->GetIDsOfNames(This,riid,rgszNames,cNames,lcid,rgDispId))
#define IClusterEnumerable_Invoke(This,dispIdMember,riid,lcid,wFlags,pDispParams,pVarResult,pExcepInfo,puArgErr) \
	((This)->lpVtbl->Invoke(This,dispIdMember,riid,lcid,wFlags,pDispParams,pVarResult,pExcepInfo,puArgErr))
#define IClusterEnumerable_Add(This,item) ((This)->lpVtbl->Add(This,item))
#define IClusterEnumerable_get_IsReadOnly(This,pRetVal) \
	((This)->lpVtbl->get_IsReadOnly(This,pRetVal))
#define IClusterEnumerable_GetEnumerator(This,pRetVal) \
	((This)->lpVtbl->GetEnumerator(This,pRetVal))
#define IClusterEnumerable_Remove(This,item) \
	((This)->lpVtbl->Remove(This,item))

/* ---- ICluster ---------------------------------------------------------- */
/*
 * Every method of CCP's ICluster, after IUnknown's and IDispatch's, in the
 * order of the CCP SDK's own method list (the MIDL order is not published:
 * docs/api.md). Those ccpshim does not implement return E_NOTIMPL, leave
 * their out parameters alone, and set get_ErrorMessage to
 * "ICluster::<Method> is not implemented by ccpshim". Every method that
 * fails sets the object's error message (get_ErrorMessage); a later
 * success does not clear it.
 */

typedef struct IClusterVtbl {
	HRESULT (STDMETHODCALLTYPE *QueryInterface)(ICluster *This,
		REFIID riid, void **ppvObject);
	/* IID_IUnknown, IID_IDispatch, IID_ICluster;
	 * *ppvObject: caller Releases */
	ULONG (STDMETHODCALLTYPE *AddRef)(ICluster *This);
	ULONG (STDMETHODCALLTYPE *Release)(ICluster *This);
	/* The last Release disconnects and frees the object. */
	HRESULT (STDMETHODCALLTYPE *GetTypeInfoCount)(ICluster *This,
		UINT *pctinfo);
	HRESULT (STDMETHODCALLTYPE *GetTypeInfo)(ICluster *This,
		UINT iTInfo, LCID lcid, ITypeInfo **ppTInfo);
	HRESULT (STDMETHODCALLTYPE *GetIDsOfNames)(ICluster *This,
		REFIID riid, LPOLESTR *rgszNames, UINT cNames, LCID lcid,
		DISPID *rgDispId);
	HRESULT (STDMETHODCALLTYPE *Invoke)(ICluster *This,
		DISPID dispIdMember, REFIID riid, LCID lcid, WORD wFlags,
		DISPPARAMS *pDispParams, VARIANT *pVarResult,
		EXCEPINFO *pExcepInfo, UINT *puArgErr);
	/* No type information: 0 type infos, the other three E_NOTIMPL. */
	HRESULT (STDMETHODCALLTYPE *AddJob)(ICluster *This, IJob *Job,
		LONG *pRetVal);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *AddJobs)(ICluster *This,
		IClusterEnumerable *jobs, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *AddTask)(ICluster *This, LONG jobId,
		ITask *Task, LONG *pRetVal);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *AddTasks)(ICluster *This, LONG jobId,
		IClusterEnumerable *tasks, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ApproveNode)(ICluster *This,
		BSTR NodeName);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *CancelJob)(ICluster *This, LONG jobId,
		BSTR Message);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *CancelJobs)(ICluster *This,
		IClusterEnumerable *jobIds, BSTR Message);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *CancelTask)(ICluster *This, LONG jobId,
		LONG taskId, BSTR Message);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *CancelTasks)(ICluster *This, LONG jobId,
		IClusterEnumerable *taskIds, BSTR Message);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *CheckAnyTask)(ICluster *This, LONG jobId,
		VARIANT *Timestamp, ITask **pRetVal);
	/* E_NOTIMPL. CCP: *Timestamp: caller owns (VariantClear); *pRetVal:
	 * caller Releases.
	 */
	HRESULT (STDMETHODCALLTYPE *Connect)(ICluster *This, BSTR clusterName);
	/* clusterName: NULL or L"" for the default cluster; read up to its
	 * first NUL, so a plain L"..." string works; the caller keeps it.
	 */
	HRESULT (STDMETHODCALLTYPE *CreateClusterEnumerable)(ICluster *This,
		IClusterEnumerable **pRetVal);
	/* *pRetVal: a new empty collection (refcount 1); the caller Releases
	 * it.
	 */
	HRESULT (STDMETHODCALLTYPE *CreateJob)(ICluster *This, IJob **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *CreateJobFromXml)(ICluster *This,
		BSTR xmlDocument, IJob **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *CreateJobFromXmlFile)(ICluster *This,
		BSTR xmlDocument, IJob **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *CreateTask)(ICluster *This,
		ITask **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *CreateTaskFromXml)(ICluster *This,
		BSTR xmlDocument, ITask **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *CreateTaskFromXmlFile)(ICluster *This,
		BSTR path, ITask **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *DeleteCachedCredentials)(ICluster *This,
		BSTR userName);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *EndCommand)(ICluster *This, LONG Id);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *ExecuteCommand)(ICluster *This, LONG Id,
		ITask *Task, BSTR userName, BSTR password,
		VARIANT_BOOL isConsole, LONG hwndParent,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ExecuteCommandWithPaging)(ICluster *This,
		LONG Id, ITask *Task, BSTR userName, BSTR password,
		VARIANT_BOOL isConsole, LONG hwndParent, LONG pageSize,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *get_ClusterCounter)(ICluster *This,
		IClusterCounter **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *get_ComputeNodes)(ICluster *This,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *get_EnvironmentVariables)(ICluster *This,
		INameValueCollection **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *get_ErrorMessage)(ICluster *This,
		BSTR *pRetVal);
	/* *pRetVal: a new BSTR of the last error set on this object ("" if
	 * none); the caller frees it with SysFreeString.
	 */
	HRESULT (STDMETHODCALLTYPE *get_IsAsynchronous)(ICluster *This,
		VARIANT_BOOL *pRetVal);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *get_Name)(ICluster *This, BSTR *pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller frees (SysFreeString). */
	HRESULT (STDMETHODCALLTYPE *get_Parameters)(ICluster *This,
		INameValueCollection **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *get_Timeout)(ICluster *This,
		LONG *pRetVal);
	/* *pRetVal: the bound in milliseconds on Connect and each call. */
	HRESULT (STDMETHODCALLTYPE *GetJob)(ICluster *This, LONG jobId,
		IJob **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *GetJobCounter)(ICluster *This, LONG jobId,
		IJobCounter **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *GetJobResourceUsage)(ICluster *This,
		LONG jobId, IResourceUsage **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *GetNewCommandId)(ICluster *This,
		LONG *pRetVal);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *GetTask)(ICluster *This, LONG jobId,
		LONG taskId, ITask **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *GetTaskResourceUsage)(ICluster *This,
		LONG jobId, LONG taskId, IResourceUsage **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *IsAdmin)(ICluster *This,
		VARIANT_BOOL *pRetVal);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *ListAllJobs)(ICluster *This,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ListAllJobsWithPaging)(ICluster *This,
		VARIANT_BOOL withTasks, VARIANT *Timestamp, VARIANT *Version,
		LONG pageSize, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *Timestamp: caller owns (VariantClear); *Version:
	 * caller owns (VariantClear); *pRetVal: caller Releases.
	 */
	HRESULT (STDMETHODCALLTYPE *ListJobs)(ICluster *This, BSTR SubmittedBy,
		JobStatus Status, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ListJobsOnNode)(ICluster *This,
		BSTR NodeName, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ListJobsWithPaging)(ICluster *This,
		BSTR SubmittedBy, JobStatus Status, VARIANT_BOOL withTasks,
		VARIANT *Timestamp, VARIANT *Version, LONG pageSize,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *Timestamp: caller owns (VariantClear); *Version:
	 * caller owns (VariantClear); *pRetVal: caller Releases.
	 */
	HRESULT (STDMETHODCALLTYPE *ListTasks)(ICluster *This, LONG jobId,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ListTasksOnNode)(ICluster *This,
		BSTR NodeName, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ListTasksWithPaging)(ICluster *This,
		LONG jobId, VARIANT *Timestamp, VARIANT *Version,
		LONG pageSize, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *Timestamp: caller owns (VariantClear); *Version:
	 * caller owns (VariantClear); *pRetVal: caller Releases.
	 */
	HRESULT (STDMETHODCALLTYPE *ModifyJob)(ICluster *This, LONG jobId,
		IJob *Job);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *ModifyJobTerm)(ICluster *This, LONG jobId,
		BSTR termName, BSTR termValue);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *PauseNode)(ICluster *This, BSTR NodeName);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *put_IsAsynchronous)(ICluster *This,
		VARIANT_BOOL Val);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *put_Timeout)(ICluster *This, LONG timeout);
	/* timeout: milliseconds, 1 ms to 1 hour; 0 or -1 (CCP: no limit)
	 * mean the longest bound, 1 hour.
	 */
	HRESULT (STDMETHODCALLTYPE *QueueJob)(ICluster *This, IJob *Job,
		BSTR userName, BSTR password, VARIANT_BOOL isConsole,
		LONG hwndParent, LONG *pRetVal);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *QueueJobs)(ICluster *This,
		IClusterEnumerable *jobs, BSTR userName, BSTR password,
		VARIANT_BOOL isConsole, LONG hwndParent,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *ReadExecutionResult)(ICluster *This,
		IExecutionResult *result, BSTR *pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller frees (SysFreeString). */
	HRESULT (STDMETHODCALLTYPE *RequeueJob)(ICluster *This, LONG jobId);
	/* Requeues the job's failed tasks, cancels and requeues its running
	 * ones.
	 */
	HRESULT (STDMETHODCALLTYPE *RequeueJobs)(ICluster *This,
		IClusterEnumerable *jobIds);
	/* jobIds: VT_I4 items; the caller keeps (and Releases) the
	 * collection.
	 */
	HRESULT (STDMETHODCALLTYPE *RequeueTask)(ICluster *This, LONG jobId,
		LONG taskId);
	/* RequeueTasks of one task. */
	HRESULT (STDMETHODCALLTYPE *RequeueTasks)(ICluster *This, LONG jobId,
		IClusterEnumerable *taskIds);
	/* taskIds: VT_I4 items, taken in order; the caller keeps (and
	 * Releases) the collection.
	 */
	HRESULT (STDMETHODCALLTYPE *ResumeNode)(ICluster *This, BSTR NodeName);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SetCachedCredentials)(ICluster *This,
		BSTR userName, BSTR password, VARIANT_BOOL isConsole,
		LONG hwndParent);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SetClusterParameter)(ICluster *This,
		BSTR Name, BSTR Value);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SetEnvironmentVariable)(ICluster *This,
		BSTR Name, BSTR Value);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SetJobCredentials)(ICluster *This,
		LONG jobId, BSTR userName, BSTR password);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SetJobCredentialsFromCache)(ICluster *This,
		LONG jobId, BSTR userName, VARIANT_BOOL isConsole,
		LONG hwndParent);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SubmitJob)(ICluster *This, LONG jobId,
		BSTR userName, BSTR password, VARIANT_BOOL isConsole,
		LONG hwndParent);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *SubmitJobs)(ICluster *This,
		IClusterEnumerable *jobIds, BSTR userName, BSTR password,
		VARIANT_BOOL isConsole, LONG hwndParent);
	/* E_NOTIMPL. CCP: nothing to free. */
	HRESULT (STDMETHODCALLTYPE *WaitForCommand)(ICluster *This, LONG Id,
		IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
	HRESULT (STDMETHODCALLTYPE *WaitForCommandWithPaging)(ICluster *This,
		LONG Id, LONG pageSize, IClusterEnumerable **pRetVal);
	/* E_NOTIMPL. CCP: *pRetVal: caller Releases. */
} IClusterVtbl;
struct ICluster {
	const struct IClusterVtbl *lpVtbl;
};

#define ICluster_QueryInterface(This,riid,ppvObject) \
	((This)->lpVtbl->QueryInterface(This,riid,ppvObject))
#define ICluster_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ICluster_Release(This) ((This)->lpVtbl->Release(This))
#define ICluster_GetTypeInfoCount(This,pctinfo) \
	((This)->lpVtbl->GetTypeInfoCount(This,pctinfo))
#define ICluster_GetTypeInfo(This,iTInfo,lcid,ppTInfo) \
	((This)->lpVtbl->GetTypeInfo(This,iTInfo,lcid,ppTInfo))
#define ICluster_GetIDsOfNames(This,riid,rgszNames,cNames,lcid,rgDispId) \
	((This)->lpVtbl->GetIDsOfNames(This,riid,rgszNames,cNames,lcid,rgDispId))
#define ICluster_Invoke(This,dispIdMember,riid,lcid,wFlags,pDispParams,pVarResult,pExcepInfo,puArgErr) \
	((This)->lpVtbl->Invoke(This,dispIdMember,riid,lcid,wFlags,pDispParams,pVarResult,pExcepInfo,puArgErr))
#define ICluster_AddJob(This,Job,pRetVal) \
	((This)->lpVtbl->AddJob(This,Job,pRetVal))
#define ICluster_AddJobs(This,jobs,pRetVal) \
	((This)->lpVtbl->AddJobs(This,jobs,pRetVal))
#define ICluster_AddTask(This,jobId,Task,pRetVal) \
	((This)->lpVtbl->AddTask(This,jobId,Task,pRetVal))
#define ICluster_AddTasks(This,jobId,tasks,pRetVal) \
	((This)->lpVtbl->AddTasks(This,jobId,tasks,pRetVal))
#define ICluster_ApproveNode(This,NodeName) \
	((This)->lpVtbl->ApproveNode(This,NodeName))
#define ICluster_CancelJob(This,jobId,Message) \
	((This)->lpVtbl->CancelJob(This,jobId,Message))
#define ICluster_CancelJobs(This,jobIds,Message) \
	((This)->lpVtbl->CancelJobs(This,jobIds,Message))
#define ICluster_CancelTask(This,jobId,taskId,Message) \
	((This)->lpVtbl->CancelTask(This,jobId,taskId,Message))
#define ICluster_CancelTasks(This,jobId,taskIds,Message) \
	((This)->lpVtbl->CancelTasks(This,jobId,taskIds,Message))
#define ICluster_CheckAnyTask(This,jobId,Timestamp,pRetVal) \
	((This)->lpVtbl->CheckAnyTask(This,jobId,Timestamp,pRetVal))
#define ICluster_Connect(This,clusterName) \
	((This)->lpVtbl->Connect(This,clusterName))
#define ICluster_CreateClusterEnumerable(This,pRetVal) \
	((This)->lpVtbl->CreateClusterEnumerable(This,pRetVal))
#define ICluster_CreateJob(This,pRetVal) \
	((This)->lpVtbl->CreateJob(This,pRetVal))
#define ICluster_CreateJobFromXml(This,xmlDocument,pRetVal) \
	((This)->lpVtbl->CreateJobFromXml(This,xmlDocument,pRetVal))
#define ICluster_CreateJobFromXmlFile(This,xmlDocument,pRetVal) \
	((This)->lpVtbl->CreateJobFromXmlFile(This,xmlDocument,pRetVal))
#define ICluster_CreateTask(This,pRetVal) \
	((This)->lpVtbl->CreateTask(This,pRetVal))
#define ICluster_CreateTaskFromXml(This,xmlDocument,pRetVal) \
	((This)->lpVtbl->CreateTaskFromXml(This,xmlDocument,pRetVal))
#define ICluster_CreateTaskFromXmlFile(This,path,pRetVal) \
	((This)->lpVtbl->CreateTaskFromXmlFile(This,path,pRetVal))
#define ICluster_DeleteCachedCredentials(This,userName) \
	((This)->lpVtbl->DeleteCachedCredentials(This,userName))
#define ICluster_EndCommand(This,Id) \
	((This)->lpVtbl->EndCommand(This,Id))
#define ICluster_ExecuteCommand(This,Id,Task,userName,password,isConsole,hwndParent,pRetVal) \
	((This)->lpVtbl->ExecuteCommand(This,Id,Task,userName,password,isConsole,hwndParent,pRetVal))
#define ICluster_ExecuteCommandWithPaging(This,Id,Task,userName,password,isConsole,hwndParent,pageSize,pRetVal) \
	((This)->lpVtbl->ExecuteCommandWithPaging(This,Id,Task,userName,password,isConsole,hwndParent,pageSize,pRetVal))
#define ICluster_get_ClusterCounter(This,pRetVal) \
	((This)->lpVtbl->get_ClusterCounter(This,pRetVal))
#define ICluster_get_ComputeNodes(This,pRetVal) \
	((This)->lpVtbl->get_ComputeNodes(This,pRetVal))
#define ICluster_get_EnvironmentVariables(This,pRetVal) \
	((This)->lpVtbl->get_EnvironmentVariables(This,pRetVal))
#define ICluster_get_ErrorMessage(This,pRetVal) \
	((This)->lpVtbl->get_ErrorMessage(This,pRetVal))
#define ICluster_get_IsAsynchronous(This,pRetVal) \
	((This)->lpVtbl->get_IsAsynchronous(This,pRetVal))
#define ICluster_get_Name(This,pRetVal) \
	((This)->lpVtbl->get_Name(This,pRetVal))
#define ICluster_get_Parameters(This,pRetVal) \
	((This)->lpVtbl->get_Parameters(This,pRetVal))
#define ICluster_get_Timeout(This,pRetVal) \
	((This)->lpVtbl->get_Timeout(This,pRetVal))
#define ICluster_GetJob(This,jobId,pRetVal) \
	((This)->lpVtbl->GetJob(This,jobId,pRetVal))
#define ICluster_GetJobCounter(This,jobId,pRetVal) \
	((This)->lpVtbl->GetJobCounter(This,jobId,pRetVal))
#define ICluster_GetJobResourceUsage(This,jobId,pRetVal) \
	((This)->lpVtbl->GetJobResourceUsage(This,jobId,pRetVal))
#define ICluster_GetNewCommandId(This,pRetVal) \
	((This)->lpVtbl->GetNewCommandId(This,pRetVal))
#define ICluster_GetTask(This,jobId,taskId,pRetVal) \
	((This)->lpVtbl->GetTask(This,jobId,taskId,pRetVal))
#define ICluster_GetTaskResourceUsage(This,jobId,taskId,pRetVal) \
	((This)->lpVtbl->GetTaskResourceUsage(This,jobId,taskId,pRetVal))
#define ICluster_IsAdmin(This,pRetVal) \
	((This)->lpVtbl->IsAdmin(This,pRetVal))
#define ICluster_ListAllJobs(This,pRetVal) \
	((This)->lpVtbl->ListAllJobs(This,pRetVal))
#define ICluster_ListAllJobsWithPaging(This,withTasks,Timestamp,Version,pageSize,pRetVal) \
	((This)->lpVtbl->ListAllJobsWithPaging(This,withTasks,Timestamp,Version,pageSize,pRetVal))
#define ICluster_ListJobs(This,SubmittedBy,Status,pRetVal) \
	((This)->lpVtbl->ListJobs(This,SubmittedBy,Status,pRetVal))
#define ICluster_ListJobsOnNode(This,NodeName,pRetVal) \
	((This)->lpVtbl->ListJobsOnNode(This,NodeName,pRetVal))
#define ICluster_ListJobsWithPaging(This,SubmittedBy,Status,withTasks,Timestamp,Version,pageSize,pRetVal) \
	((This)->lpVtbl->ListJobsWithPaging(This,SubmittedBy,Status,withTasks,Timestamp,Version,pageSize,pRetVal))
#define ICluster_ListTasks(This,jobId,pRetVal) \
	((This)->lpVtbl->ListTasks(This,jobId,pRetVal))
#define ICluster_ListTasksOnNode(This,NodeName,pRetVal) \
	((This)->lpVtbl->ListTasksOnNode(This,NodeName,pRetVal))
#define ICluster_ListTasksWithPaging(This,jobId,Timestamp,Version,pageSize,pRetVal) \
	((This)->lpVtbl->ListTasksWithPaging(This,jobId,Timestamp,Version,pageSize,pRetVal))
#define ICluster_ModifyJob(This,jobId,Job) \
	((This)->lpVtbl->ModifyJob(This,jobId,Job))
#define ICluster_ModifyJobTerm(This,jobId,termName,termValue) \
	((This)->lpVtbl->ModifyJobTerm(This,jobId,termName,termValue))
#define ICluster_PauseNode(This,NodeName) \
	((This)->lpVtbl->PauseNode(This,NodeName))
#define ICluster_put_IsAsynchronous(This,Val) \
	((This)->lpVtbl->put_IsAsynchronous(This,Val))
#define ICluster_put_Timeout(This,timeout) \
	((This)->lpVtbl->put_Timeout(This,timeout))
#define ICluster_QueueJob(This,Job,userName,password,isConsole,hwndParent,pRetVal) \
	((This)->lpVtbl->QueueJob(This,Job,userName,password,isConsole,hwndParent,pRetVal))
#define ICluster_QueueJobs(This,jobs,userName,password,isConsole,hwndParent,pRetVal) \
	((This)->lpVtbl->QueueJobs(This,jobs,userName,password,isConsole,hwndParent,pRetVal))
#define ICluster_ReadExecutionResult(This,result,pRetVal) \
	((This)->lpVtbl->ReadExecutionResult(This,result,pRetVal))
#define ICluster_RequeueJob(This,jobId) \
	((This)->lpVtbl->RequeueJob(This,jobId))
#define ICluster_RequeueJobs(This,jobIds) \
	((This)->lpVtbl->RequeueJobs(This,jobIds))
#define ICluster_RequeueTask(This,jobId,taskId) \
	((This)->lpVtbl->RequeueTask(This,jobId,taskId))
#define ICluster_RequeueTasks(This,jobId,taskIds) \
	((This)->lpVtbl->RequeueTasks(This,jobId,taskIds))
#define ICluster_ResumeNode(This,NodeName) \
	((This)->lpVtbl->ResumeNode(This,NodeName))
#define ICluster_SetCachedCredentials(This,userName,password,isConsole,hwndParent) \
	((This)->lpVtbl->SetCachedCredentials(This,userName,password,isConsole,hwndParent))
#define ICluster_SetClusterParameter(This,Name,Value) \
	((This)->lpVtbl->SetClusterParameter(This,Name,Value))
#define ICluster_SetEnvironmentVariable(This,Name,Value) \
	((This)->lpVtbl->SetEnvironmentVariable(This,Name,Value))
#define ICluster_SetJobCredentials(This,jobId,userName,password) \
	((This)->lpVtbl->SetJobCredentials(This,jobId,userName,password))
#define ICluster_SetJobCredentialsFromCache(This,jobId,userName,isConsole,hwndParent) \
	((This)->lpVtbl->SetJobCredentialsFromCache(This,jobId,userName,isConsole,hwndParent))
#define ICluster_SubmitJob(This,jobId,userName,password,isConsole,hwndParent) \
	((This)->lpVtbl->SubmitJob(This,jobId,userName,password,isConsole,hwndParent))
#define ICluster_SubmitJobs(This,jobIds,userName,password,isConsole,hwndParent) \
	((This)->lpVtbl->SubmitJobs(This,jobIds,userName,password,isConsole,hwndParent))
#define ICluster_WaitForCommand(This,Id,pRetVal) \
	((This)->lpVtbl->WaitForCommand(This,Id,pRetVal))
#define ICluster_WaitForCommandWithPaging(This,Id,pageSize,pRetVal) \
	((This)->lpVtbl->WaitForCommandWithPaging(This,Id,pageSize,pRetVal))

#ifdef __cplusplus
}
#endif
#endif /* CCPSHIM_CCPAPI_H */
