/*
 * requeue_failed.c - a legacy CCP client, ported: the shape of code written
 * against ICluster in Compute Cluster Pack, compiled on Linux against
 * ccpshim with `cc requeue_failed.c $(pkg-config --cflags --libs ccpshim)`.
 *
 *   requeue_failed JOBID            RequeueJob: failed tasks run again
 *   requeue_failed JOBID T1 T2 ...  RequeueTasks of those tasks, in order
 *
 * Only names of the CCP API are used: CoCreateInstance, ICluster_*,
 * IClusterEnumerable_*, VARIANT, BSTR.
 */
#include <stdio.h>
#include <stdlib.h>
#include <ccpshim/ccpapi.h>

static void report(ICluster *cluster, HRESULT hr)
{
	BSTR msg = NULL;

	if (SUCCEEDED(hr)) {
		printf("requeue: S_OK\n");
		return;
	}
	ICluster_get_ErrorMessage(cluster, &msg);
	printf("requeue failed: hr=0x%08X\n  %ls\n", (unsigned)hr,
	       msg ? msg : L"");
	SysFreeString(msg);
}

int main(int argc, char **argv)
{
	ICluster *cluster = NULL;
	IClusterEnumerable *tasks = NULL;
	HRESULT hr;
	LONG job;

	if (argc < 2) {
		fprintf(stderr, "usage: %s JOBID [TASKID ...]\n", argv[0]);
		return 2;
	}
	job = atol(argv[1]);
	CoInitialize(NULL);
	hr = CoCreateInstance(&CLSID_Cluster, NULL, CLSCTX_INPROC_SERVER,
			      &IID_ICluster, (void **)&cluster);
	if (FAILED(hr)) {
		fprintf(stderr, "CoCreateInstance: 0x%08X\n", (unsigned)hr);
		return 1;
	}
	hr = ICluster_Connect(cluster, L"");	/* the default cluster */
	if (FAILED(hr))
		goto out;

	if (argc == 2) {
		hr = ICluster_RequeueJob(cluster, job);
		goto out;
	}
	hr = ICluster_CreateClusterEnumerable(cluster, &tasks);
	if (FAILED(hr))
		goto out;
	for (int i = 2; i < argc; i++) {
		VARIANT v;

		VariantInit(&v);
		v.vt = VT_I4;
		v.lVal = atol(argv[i]);
		IClusterEnumerable_Add(tasks, v);
		VariantClear(&v);
	}
	hr = ICluster_RequeueTasks(cluster, job, tasks);
	IClusterEnumerable_Release(tasks);
out:
	report(cluster, hr);
	ICluster_Release(cluster);
	CoUninitialize();
	return SUCCEEDED(hr) ? 0 : 1;
}
