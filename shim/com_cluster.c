/*
 * com_cluster.c - the Cluster object behind ICluster, and the COM calls
 * that make it (CoCreateInstance, CoInitialize(Ex), CoUninitialize).
 *
 * A thin layer over the plain C API (ccpshim.h): each object owns one
 * ccp_cluster handle. The methods check their COM arguments (NULL
 * pointers, VARIANT types) before anything reaches the handle, turn wide
 * strings into UTF-8 and collections into id arrays, and call ccp_*; errors
 * this layer finds are recorded on the handle with ccp_fail(), so
 * get_ErrorMessage always reports the last failure. The methods ccpshim
 * does not implement are one-line stubs made by CCPCOM_STUB below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "com_internal.h"
#include "cluster.h"

typedef struct cluster_obj {
	ICluster iface;              /* first: the interface pointer is us */
	ULONG refs;
	ccp_cluster *c;
} cluster_obj;

/* put_Timeout(0) and (-1) mean "no limit" in CCP; the plain API wants a
 * bound, so they get the longest it allows. */
#define TIMEOUT_MAX_MS (3600L * 1000)

/* Cluster names longer than this (in UTF-8) are refused before Connect. */
#define NAME_MAX_BYTES 1024

/* Ids are read from a collection this many at a time. */
#define ID_BATCH 64

static ccp_cluster *handle(ICluster *This)
{
	return ((cluster_obj *)This)->c;
}

static HRESULT notimpl(ICluster *This, const char *method)
{
	return ccp_fail(handle(This), E_NOTIMPL,
			"ICluster::%s is not implemented by ccpshim", method);
}

/* ---- IUnknown ------------------------------------------------------------- */

static HRESULT STDMETHODCALLTYPE cluster_QueryInterface(ICluster *This,
	REFIID riid, void **ppvObject)
{
	static const IID *const iids[] = {
		&ccp_IID_IDispatch, &ccp_IID_ICluster, NULL
	};

	return ccpcom_query(This, This ? &((cluster_obj *)This)->refs : NULL,
			    riid, ppvObject, iids);
}

static ULONG STDMETHODCALLTYPE cluster_AddRef(ICluster *This)
{
	if (!This)
		return 0;
	return __atomic_add_fetch(&((cluster_obj *)This)->refs, 1,
				  __ATOMIC_RELAXED);
}

static ULONG STDMETHODCALLTYPE cluster_Release(ICluster *This)
{
	cluster_obj *o = (cluster_obj *)This;
	ULONG left;

	if (!o)
		return 0;
	left = __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL);
	if (!left) {
		ccp_cluster_free(o->c);
		free(o);
	}
	return left;
}

/* ---- IDispatch: no type information --------------------------------------- */

static HRESULT STDMETHODCALLTYPE cluster_GetTypeInfoCount(ICluster *This,
	UINT *pctinfo)
{
	(void)This;
	return ccpcom_typeinfo_count(pctinfo);
}

static HRESULT STDMETHODCALLTYPE cluster_GetTypeInfo(ICluster *This,
	UINT iTInfo, LCID lcid, ITypeInfo **ppTInfo)
{
	(void)iTInfo; (void)lcid;
	if (ppTInfo)
		*ppTInfo = NULL;
	return notimpl(This, "GetTypeInfo");
}

static HRESULT STDMETHODCALLTYPE cluster_GetIDsOfNames(ICluster *This,
	REFIID riid, LPOLESTR *rgszNames, UINT cNames, LCID lcid,
	DISPID *rgDispId)
{
	(void)riid; (void)rgszNames; (void)cNames; (void)lcid; (void)rgDispId;
	return notimpl(This, "GetIDsOfNames");
}

static HRESULT STDMETHODCALLTYPE cluster_Invoke(ICluster *This,
	DISPID dispIdMember, REFIID riid, LCID lcid, WORD wFlags,
	DISPPARAMS *pDispParams, VARIANT *pVarResult, EXCEPINFO *pExcepInfo,
	UINT *puArgErr)
{
	(void)dispIdMember; (void)riid; (void)lcid; (void)wFlags;
	(void)pDispParams; (void)pVarResult; (void)pExcepInfo; (void)puArgErr;
	return notimpl(This, "Invoke");
}

/* ---- the implemented methods ----------------------------------------------- */

static HRESULT STDMETHODCALLTYPE cluster_Connect(ICluster *This,
	BSTR clusterName)
{
	char name[NAME_MAX_BYTES];
	long bad;
	HRESULT hr;

	/* Read up to the NUL, not by the BSTR prefix: L"..." works too. */
	if (!clusterName || !clusterName[0])
		return ccp_connect(handle(This), NULL);
	hr = ccpcom_wide_to_utf8(clusterName, wcslen(clusterName), name,
				 sizeof(name), &bad);
	if (FAILED(hr) && bad >= 0)
		return ccp_fail(handle(This), E_INVALIDARG,
				"Connect: the cluster name holds a character "
				"that is not Unicode (0x%lX at position %ld)",
				(unsigned long)(uint32_t)clusterName[bad], bad);
	if (FAILED(hr))
		return ccp_fail(handle(This), E_INVALIDARG,
				"Connect: the cluster name is longer than %d "
				"bytes in UTF-8", NAME_MAX_BYTES - 1);
	return ccp_connect(handle(This), name);
}

/*
 * Read every item of coll into a new array of int32 ids (*ids, freed by
 * the caller with free). Every item must be VT_I4; anything else is
 * E_INVALIDARG naming the item. Errors are recorded on the handle.
 */
static HRESULT collect_ids(ICluster *This, const char *method,
			   const char *param, IClusterEnumerable *coll,
			   int32_t **ids, size_t *n)
{
	ccp_cluster *c = handle(This);
	IEnumVARIANT *e = NULL;
	VARIANT batch[ID_BATCH];
	int32_t *out = NULL;
	size_t len = 0, cap = 0;
	HRESULT hr, bad = S_OK;

	*ids = NULL;
	*n = 0;
	if (!coll)
		return ccp_fail(c, E_POINTER, "%s: %s is NULL: pass a "
				"collection from CreateClusterEnumerable",
				method, param);
	hr = coll->lpVtbl->GetEnumerator(coll, &e);
	if (FAILED(hr) || !e)
		return ccp_fail(c, FAILED(hr) ? hr : E_POINTER,
				"%s: %s could not be enumerated "
				"(HRESULT 0x%08X)", method, param,
				(unsigned)hr);
	for (;;) {
		ULONG got = 0, i;

		hr = e->lpVtbl->Next(e, ID_BATCH, batch, &got);
		if (FAILED(hr)) {
			bad = ccp_fail(c, hr, "%s: reading %s failed "
				       "(HRESULT 0x%08X)", method, param,
				       (unsigned)hr);
			break;
		}
		if (got > ID_BATCH)   /* a foreign enumerator gone wrong */
			got = ID_BATCH;
		for (i = 0; i < got; i++) {
			if (SUCCEEDED(bad) && batch[i].vt != VT_I4) {
				char vt[48];

				bad = ccp_fail(c, E_INVALIDARG,
					"%s: the item at index %zu of %s is "
					"%s, not VT_I4 (ids go in lVal with "
					"vt = VT_I4); nothing was sent to the "
					"cluster", method, len + i, param,
					ccpcom_vt_name(batch[i].vt, vt,
						       sizeof(vt)));
			}
			if (SUCCEEDED(bad) && len + i >= cap) {
				size_t ncap = cap ? cap * 2 : ID_BATCH;
				int32_t *p = realloc(out, ncap * sizeof(*p));

				if (!p)
					bad = ccp_fail(c, E_OUTOFMEMORY,
						"%s: out of memory reading %s",
						method, param);
				else {
					out = p;
					cap = ncap;
				}
			}
			if (SUCCEEDED(bad))
				out[len + i] = batch[i].lVal;
		}
		for (i = 0; i < got; i++)
			ccp_VariantClear(&batch[i]);
		if (FAILED(bad))
			break;
		len += got;
		if (hr != S_OK || got < ID_BATCH)
			break;
	}
	e->lpVtbl->Release(e);
	if (FAILED(bad)) {
		free(out);
		return bad;
	}
	*ids = out;
	*n = len;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE cluster_RequeueTasks(ICluster *This,
	LONG jobId, IClusterEnumerable *taskIds)
{
	static const int32_t none[1];
	int32_t *ids;
	size_t n;
	HRESULT hr;

	hr = collect_ids(This, "RequeueTasks", "taskIds", taskIds, &ids, &n);
	if (FAILED(hr))
		return hr;
	hr = ccp_requeue_tasks(handle(This), jobId, ids ? ids : none, n,
			       NULL);
	free(ids);
	return hr;
}

static HRESULT STDMETHODCALLTYPE cluster_RequeueTask(ICluster *This,
	LONG jobId, LONG taskId)
{
	return ccp_requeue_task(handle(This), jobId, taskId);
}

static HRESULT STDMETHODCALLTYPE cluster_RequeueJob(ICluster *This,
	LONG jobId)
{
	return ccp_requeue_job(handle(This), jobId);
}

static HRESULT STDMETHODCALLTYPE cluster_RequeueJobs(ICluster *This,
	IClusterEnumerable *jobIds)
{
	static const int32_t none[1];
	int32_t *ids;
	size_t n;
	HRESULT hr;

	hr = collect_ids(This, "RequeueJobs", "jobIds", jobIds, &ids, &n);
	if (FAILED(hr))
		return hr;
	hr = ccp_requeue_jobs(handle(This), ids ? ids : none, n, NULL);
	free(ids);
	return hr;
}

static HRESULT STDMETHODCALLTYPE cluster_CreateClusterEnumerable(
	ICluster *This, IClusterEnumerable **pRetVal)
{
	HRESULT hr;

	if (!pRetVal)
		return ccp_fail(handle(This), E_POINTER,
				"CreateClusterEnumerable: pRetVal is NULL");
	hr = ccpcom_enum_new(0, pRetVal);
	if (FAILED(hr))
		return ccp_fail(handle(This), hr, "CreateClusterEnumerable: "
				"out of memory");
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE cluster_get_ErrorMessage(ICluster *This,
	BSTR *pRetVal)
{
	/* Not recorded as the last error: that would hide the one asked for. */
	if (!pRetVal)
		return E_POINTER;
	*pRetVal = ccpcom_bstr_from_utf8(ccp_error_message(handle(This)));
	return *pRetVal ? S_OK : E_OUTOFMEMORY;
}

static HRESULT STDMETHODCALLTYPE cluster_get_Timeout(ICluster *This,
	LONG *pRetVal)
{
	long ms = 0;
	HRESULT hr;

	if (!pRetVal)
		return ccp_fail(handle(This), E_POINTER,
				"get_Timeout: pRetVal is NULL");
	hr = ccp_get_option(handle(This), CCP_OPT_TIMEOUT_MS, &ms);
	if (FAILED(hr))
		return ccp_fail(handle(This), hr, "get_Timeout: cannot read "
				"the timeout");
	*pRetVal = ms > INT32_MAX ? INT32_MAX : (LONG)ms;
	return S_OK;
}

static HRESULT STDMETHODCALLTYPE cluster_put_Timeout(ICluster *This,
	LONG timeout)
{
	long ms = (timeout == 0 || timeout == -1) ? TIMEOUT_MAX_MS : timeout;

	return ccp_set_option(handle(This), CCP_OPT_TIMEOUT_MS, ms);
}

/* ---- the rest: E_NOTIMPL, with a message naming the method ----------------- */

#define CCPCOM_STUB(Method, ...) \
	static HRESULT STDMETHODCALLTYPE cluster_##Method(ICluster *This, \
							  __VA_ARGS__) \
	{ \
		return notimpl(This, #Method); \
	}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
CCPCOM_STUB(AddJob, IJob *Job, LONG *pRetVal)
CCPCOM_STUB(AddJobs, IClusterEnumerable *jobs, IClusterEnumerable **pRetVal)
CCPCOM_STUB(AddTask, LONG jobId, ITask *Task, LONG *pRetVal)
CCPCOM_STUB(AddTasks, LONG jobId, IClusterEnumerable *tasks, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ApproveNode, BSTR NodeName)
CCPCOM_STUB(CancelJob, LONG jobId, BSTR Message)
CCPCOM_STUB(CancelJobs, IClusterEnumerable *jobIds, BSTR Message)
CCPCOM_STUB(CancelTask, LONG jobId, LONG taskId, BSTR Message)
CCPCOM_STUB(CancelTasks, LONG jobId, IClusterEnumerable *taskIds, BSTR Message)
CCPCOM_STUB(CheckAnyTask, LONG jobId, VARIANT *Timestamp, ITask **pRetVal)
CCPCOM_STUB(CreateJob, IJob **pRetVal)
CCPCOM_STUB(CreateJobFromXml, BSTR xmlDocument, IJob **pRetVal)
CCPCOM_STUB(CreateJobFromXmlFile, BSTR xmlDocument, IJob **pRetVal)
CCPCOM_STUB(CreateTask, ITask **pRetVal)
CCPCOM_STUB(CreateTaskFromXml, BSTR xmlDocument, ITask **pRetVal)
CCPCOM_STUB(CreateTaskFromXmlFile, BSTR path, ITask **pRetVal)
CCPCOM_STUB(DeleteCachedCredentials, BSTR userName)
CCPCOM_STUB(EndCommand, LONG Id)
CCPCOM_STUB(ExecuteCommand, LONG Id, ITask *Task, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ExecuteCommandWithPaging, LONG Id, ITask *Task, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent, LONG pageSize, IClusterEnumerable **pRetVal)
CCPCOM_STUB(get_ClusterCounter, IClusterCounter **pRetVal)
CCPCOM_STUB(get_ComputeNodes, IClusterEnumerable **pRetVal)
CCPCOM_STUB(get_EnvironmentVariables, INameValueCollection **pRetVal)
CCPCOM_STUB(get_IsAsynchronous, VARIANT_BOOL *pRetVal)
CCPCOM_STUB(get_Name, BSTR *pRetVal)
CCPCOM_STUB(get_Parameters, INameValueCollection **pRetVal)
CCPCOM_STUB(GetJob, LONG jobId, IJob **pRetVal)
CCPCOM_STUB(GetJobCounter, LONG jobId, IJobCounter **pRetVal)
CCPCOM_STUB(GetJobResourceUsage, LONG jobId, IResourceUsage **pRetVal)
CCPCOM_STUB(GetNewCommandId, LONG *pRetVal)
CCPCOM_STUB(GetTask, LONG jobId, LONG taskId, ITask **pRetVal)
CCPCOM_STUB(GetTaskResourceUsage, LONG jobId, LONG taskId, IResourceUsage **pRetVal)
CCPCOM_STUB(IsAdmin, VARIANT_BOOL *pRetVal)
CCPCOM_STUB(ListAllJobs, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListAllJobsWithPaging, VARIANT_BOOL withTasks, VARIANT *Timestamp, VARIANT *Version, LONG pageSize, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListJobs, BSTR SubmittedBy, JobStatus Status, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListJobsOnNode, BSTR NodeName, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListJobsWithPaging, BSTR SubmittedBy, JobStatus Status, VARIANT_BOOL withTasks, VARIANT *Timestamp, VARIANT *Version, LONG pageSize, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListTasks, LONG jobId, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListTasksOnNode, BSTR NodeName, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ListTasksWithPaging, LONG jobId, VARIANT *Timestamp, VARIANT *Version, LONG pageSize, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ModifyJob, LONG jobId, IJob *Job)
CCPCOM_STUB(ModifyJobTerm, LONG jobId, BSTR termName, BSTR termValue)
CCPCOM_STUB(PauseNode, BSTR NodeName)
CCPCOM_STUB(put_IsAsynchronous, VARIANT_BOOL Val)
CCPCOM_STUB(QueueJob, IJob *Job, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent, LONG *pRetVal)
CCPCOM_STUB(QueueJobs, IClusterEnumerable *jobs, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent, IClusterEnumerable **pRetVal)
CCPCOM_STUB(ReadExecutionResult, IExecutionResult *result, BSTR *pRetVal)
CCPCOM_STUB(ResumeNode, BSTR NodeName)
CCPCOM_STUB(SetCachedCredentials, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent)
CCPCOM_STUB(SetClusterParameter, BSTR Name, BSTR Value)
CCPCOM_STUB(SetEnvironmentVariable, BSTR Name, BSTR Value)
CCPCOM_STUB(SetJobCredentials, LONG jobId, BSTR userName, BSTR password)
CCPCOM_STUB(SetJobCredentialsFromCache, LONG jobId, BSTR userName, VARIANT_BOOL isConsole, LONG hwndParent)
CCPCOM_STUB(SubmitJob, LONG jobId, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent)
CCPCOM_STUB(SubmitJobs, IClusterEnumerable *jobIds, BSTR userName, BSTR password, VARIANT_BOOL isConsole, LONG hwndParent)
CCPCOM_STUB(WaitForCommand, LONG Id, IClusterEnumerable **pRetVal)
CCPCOM_STUB(WaitForCommandWithPaging, LONG Id, LONG pageSize, IClusterEnumerable **pRetVal)
#pragma GCC diagnostic pop

static const IClusterVtbl cluster_vtbl = {
	.QueryInterface = cluster_QueryInterface,
	.AddRef = cluster_AddRef,
	.Release = cluster_Release,
	.GetTypeInfoCount = cluster_GetTypeInfoCount,
	.GetTypeInfo = cluster_GetTypeInfo,
	.GetIDsOfNames = cluster_GetIDsOfNames,
	.Invoke = cluster_Invoke,
	.AddJob = cluster_AddJob,
	.AddJobs = cluster_AddJobs,
	.AddTask = cluster_AddTask,
	.AddTasks = cluster_AddTasks,
	.ApproveNode = cluster_ApproveNode,
	.CancelJob = cluster_CancelJob,
	.CancelJobs = cluster_CancelJobs,
	.CancelTask = cluster_CancelTask,
	.CancelTasks = cluster_CancelTasks,
	.CheckAnyTask = cluster_CheckAnyTask,
	.Connect = cluster_Connect,
	.CreateClusterEnumerable = cluster_CreateClusterEnumerable,
	.CreateJob = cluster_CreateJob,
	.CreateJobFromXml = cluster_CreateJobFromXml,
	.CreateJobFromXmlFile = cluster_CreateJobFromXmlFile,
	.CreateTask = cluster_CreateTask,
	.CreateTaskFromXml = cluster_CreateTaskFromXml,
	.CreateTaskFromXmlFile = cluster_CreateTaskFromXmlFile,
	.DeleteCachedCredentials = cluster_DeleteCachedCredentials,
	.EndCommand = cluster_EndCommand,
	.ExecuteCommand = cluster_ExecuteCommand,
	.ExecuteCommandWithPaging = cluster_ExecuteCommandWithPaging,
	.get_ClusterCounter = cluster_get_ClusterCounter,
	.get_ComputeNodes = cluster_get_ComputeNodes,
	.get_EnvironmentVariables = cluster_get_EnvironmentVariables,
	.get_ErrorMessage = cluster_get_ErrorMessage,
	.get_IsAsynchronous = cluster_get_IsAsynchronous,
	.get_Name = cluster_get_Name,
	.get_Parameters = cluster_get_Parameters,
	.get_Timeout = cluster_get_Timeout,
	.GetJob = cluster_GetJob,
	.GetJobCounter = cluster_GetJobCounter,
	.GetJobResourceUsage = cluster_GetJobResourceUsage,
	.GetNewCommandId = cluster_GetNewCommandId,
	.GetTask = cluster_GetTask,
	.GetTaskResourceUsage = cluster_GetTaskResourceUsage,
	.IsAdmin = cluster_IsAdmin,
	.ListAllJobs = cluster_ListAllJobs,
	.ListAllJobsWithPaging = cluster_ListAllJobsWithPaging,
	.ListJobs = cluster_ListJobs,
	.ListJobsOnNode = cluster_ListJobsOnNode,
	.ListJobsWithPaging = cluster_ListJobsWithPaging,
	.ListTasks = cluster_ListTasks,
	.ListTasksOnNode = cluster_ListTasksOnNode,
	.ListTasksWithPaging = cluster_ListTasksWithPaging,
	.ModifyJob = cluster_ModifyJob,
	.ModifyJobTerm = cluster_ModifyJobTerm,
	.PauseNode = cluster_PauseNode,
	.put_IsAsynchronous = cluster_put_IsAsynchronous,
	.put_Timeout = cluster_put_Timeout,
	.QueueJob = cluster_QueueJob,
	.QueueJobs = cluster_QueueJobs,
	.ReadExecutionResult = cluster_ReadExecutionResult,
	.RequeueJob = cluster_RequeueJob,
	.RequeueJobs = cluster_RequeueJobs,
	.RequeueTask = cluster_RequeueTask,
	.RequeueTasks = cluster_RequeueTasks,
	.ResumeNode = cluster_ResumeNode,
	.SetCachedCredentials = cluster_SetCachedCredentials,
	.SetClusterParameter = cluster_SetClusterParameter,
	.SetEnvironmentVariable = cluster_SetEnvironmentVariable,
	.SetJobCredentials = cluster_SetJobCredentials,
	.SetJobCredentialsFromCache = cluster_SetJobCredentialsFromCache,
	.SubmitJob = cluster_SubmitJob,
	.SubmitJobs = cluster_SubmitJobs,
	.WaitForCommand = cluster_WaitForCommand,
	.WaitForCommandWithPaging = cluster_WaitForCommandWithPaging,
};

/* ---- COM run time ----------------------------------------------------------- */

/* Per thread, as COM keeps it: how many CoInitialize(Ex) calls are
 * outstanding, and in which mode the first one put the thread. */
static _Thread_local unsigned long co_count;
static _Thread_local int co_apartment;

HRESULT ccp_CoInitializeEx(void *pvReserved, DWORD dwCoInit)
{
	int apartment = (dwCoInit & COINIT_APARTMENTTHREADED) != 0;

	if (pvReserved)
		return E_INVALIDARG;
	if (co_count && apartment != co_apartment)
		return RPC_E_CHANGED_MODE;
	co_apartment = apartment;
	return co_count++ ? S_FALSE : S_OK;
}

HRESULT ccp_CoInitialize(void *pvReserved)
{
	return ccp_CoInitializeEx(pvReserved, COINIT_APARTMENTTHREADED);
}

void ccp_CoUninitialize(void)
{
	if (co_count)
		co_count--;
}

HRESULT ccp_CoCreateInstance(REFCLSID rclsid, IUnknown *pUnkOuter,
			     DWORD dwClsContext, REFIID riid, void **ppv)
{
	cluster_obj *o;
	HRESULT hr;

	if (!ppv)
		return E_POINTER;
	*ppv = NULL;
	if (!rclsid || !riid)
		return E_INVALIDARG;
	if (pUnkOuter)
		return CLASS_E_NOAGGREGATION;
	if (!ccp_IsEqualGUID(rclsid, &ccp_CLSID_Cluster) ||
	    !(dwClsContext & CLSCTX_INPROC_SERVER))
		return REGDB_E_CLASSNOTREG;
	if (!ccp_IsEqualGUID(riid, &ccp_IID_IUnknown) &&
	    !ccp_IsEqualGUID(riid, &ccp_IID_IDispatch) &&
	    !ccp_IsEqualGUID(riid, &ccp_IID_ICluster))
		return E_NOINTERFACE;
	o = calloc(1, sizeof(*o));
	if (!o)
		return E_OUTOFMEMORY;
	hr = ccp_cluster_new(&o->c);
	if (FAILED(hr)) {
		free(o);
		return hr;
	}
	o->iface.lpVtbl = &cluster_vtbl;
	o->refs = 1;
	*ppv = &o->iface;
	return S_OK;
}
