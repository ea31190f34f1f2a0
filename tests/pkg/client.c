/*
 * client.c - the package test's client: compiled inside the bookworm
 * chroot against the installed libccpshim-dev only
 * (cc client.c $(pkg-config --cflags --libs ccpshim)), then run against
 * the chroot's cluster. Usage: client JOBID TASKID...; calls
 * RequeueTasks and prints "hr=0x........" (and the message on failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <ccpshim/ccpapi.h>

int main(int argc, char **argv)
{
	ICluster *cluster = NULL;
	IClusterEnumerable *tasks = NULL;
	BSTR msg = NULL;
	HRESULT hr;

	if (argc < 3) {
		fprintf(stderr, "usage: %s JOBID TASKID...\n", argv[0]);
		return 2;
	}
	CoInitialize(NULL);
	hr = CoCreateInstance(&CLSID_Cluster, NULL, CLSCTX_INPROC_SERVER,
			      &IID_ICluster, (void **)&cluster);
	if (FAILED(hr)) {
		printf("hr=0x%08X CoCreateInstance\n", (unsigned)hr);
		return 1;
	}
	hr = ICluster_Connect(cluster, L"");
	if (SUCCEEDED(hr))
		hr = ICluster_CreateClusterEnumerable(cluster, &tasks);
	if (SUCCEEDED(hr)) {
		for (int i = 2; i < argc; i++) {
			VARIANT v;

			VariantInit(&v);
			v.vt = VT_I4;
			v.lVal = atol(argv[i]);
			IClusterEnumerable_Add(tasks, v);
			VariantClear(&v);
		}
		hr = ICluster_RequeueTasks(cluster, atol(argv[1]), tasks);
		IClusterEnumerable_Release(tasks);
	}
	printf("hr=0x%08X\n", (unsigned)hr);
	if (FAILED(hr) && SUCCEEDED(ICluster_get_ErrorMessage(cluster, &msg)) && msg)
		printf("%ls\n", msg);
	SysFreeString(msg);
	ICluster_Release(cluster);
	CoUninitialize();
	return SUCCEEDED(hr) ? 0 : 1;
}
