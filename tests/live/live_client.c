/*
 * live_client.c - a legacy-style CCP client for the live suite
 * (tests/live/run.sh). It uses only the COM-shaped names of CONTRACT
 * section 6 (ccpshim/ccpapi.h), as ported CCP code would, and prints what
 * every call returned so the test scripts can check it:
 *
 *   connect_hr=0x%08X / connect_msg=...   after ICluster_Connect
 *   hr=0x%08X / msg=...                    after each requeue call
 *
 * msg is ICluster_get_ErrorMessage after that call (the last error set on
 * the object; a later success does not clear it). Newlines in messages are
 * printed as spaces, non-ASCII characters as '?'.
 *
 * Usage: live_client [-s NAME] CMD ARGS...
 *   connect                      Connect only
 *   tasks JOB [T...]             RequeueTasks(JOB, {VT_I4 T...})
 *   task JOB T                   RequeueTask(JOB, T)
 *   job JOB                      RequeueJob(JOB)
 *   jobs J...                    RequeueJobs({VT_I4 J...})
 *   bstr JOB [T...]              RequeueTasks(JOB, {VT_I4 T..., VT_BSTR "1"})
 *   twice JOB TBAD TGOOD         RequeueTask(TBAD), then RequeueTask(TGOOD)
 *                                on the same object
 * -s NAME is given to Connect (default L"", the default cluster).
 *
 * Exit status: 0 if the calls were made (whatever they returned), 2 on a
 * usage error, 3 if the object could not be made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <ccpshim/ccpapi.h>

static void print_bstr(const char *label, BSTR s)
{
	printf("%s=", label);
	if (s) {
		for (const wchar_t *p = s; *p; p++) {
			wchar_t ch = *p;
			if (ch == L'\n' || ch == L'\r' || ch == L'\t')
				putchar(' ');
			else if (ch >= 32 && ch < 127)
				putchar((int)ch);
			else
				putchar('?');
		}
	}
	putchar('\n');
}

static void print_result(ICluster *c, const char *prefix, HRESULT hr)
{
	BSTR m = NULL;
	HRESULT mhr;
	char label[32];

	printf("%shr=0x%08X\n", prefix, (unsigned)hr);
	mhr = ICluster_get_ErrorMessage(c, &m);
	snprintf(label, sizeof(label), "%smsg", prefix);
	if (FAILED(mhr))
		printf("%s_hr=0x%08X\n", label, (unsigned)mhr);
	print_bstr(label, m);
	SysFreeString(m);
	fflush(stdout);
}

static int parse_long(const char *s, LONG *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0')
		return -1;
	*out = (LONG)v;
	return 0;
}

static BSTR bstr_from(const char *s)
{
	size_t n = strlen(s);
	wchar_t *w = calloc(n + 1, sizeof(wchar_t));
	BSTR b;

	if (!w)
		return NULL;
	for (size_t i = 0; i < n; i++)
		w[i] = (unsigned char)s[i];
	b = SysAllocString(w);
	free(w);
	return b;
}

/* A collection of VT_I4 items from argv; with_bstr adds a VT_BSTR "1". */
static HRESULT make_ids(ICluster *c, char **argv, int argc, int with_bstr,
			IClusterEnumerable **out)
{
	IClusterEnumerable *e = NULL;
	HRESULT hr = ICluster_CreateClusterEnumerable(c, &e);

	if (FAILED(hr)) {
		printf("create_hr=0x%08X\n", (unsigned)hr);
		return hr;
	}
	for (int i = 0; i < argc; i++) {
		VARIANT v;
		LONG id;

		if (parse_long(argv[i], &id) != 0) {
			fprintf(stderr, "live_client: not a number: %s\n", argv[i]);
			IClusterEnumerable_Release(e);
			return E_INVALIDARG;
		}
		VariantInit(&v);
		v.vt = VT_I4;
		v.lVal = id;
		hr = IClusterEnumerable_Add(e, v);
		if (FAILED(hr)) {
			printf("add_hr=0x%08X\n", (unsigned)hr);
			IClusterEnumerable_Release(e);
			return hr;
		}
	}
	if (with_bstr) {
		VARIANT v;

		VariantInit(&v);
		v.vt = VT_BSTR;
		v.bstrVal = SysAllocString(L"1");
		hr = IClusterEnumerable_Add(e, v);
		VariantClear(&v);
		if (FAILED(hr)) {
			printf("add_hr=0x%08X\n", (unsigned)hr);
			IClusterEnumerable_Release(e);
			return hr;
		}
	}
	*out = e;
	return S_OK;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: live_client [-s NAME] connect | tasks JOB [T...] | task JOB T |\n"
		"       job JOB | jobs J... | bstr JOB [T...] | twice JOB TBAD TGOOD\n");
	return 2;
}

int main(int argc, char **argv)
{
	ICluster *c = NULL;
	IClusterEnumerable *ids = NULL;
	BSTR name = NULL;
	const char *cmd;
	HRESULT hr;
	LONG job = 0, t1 = 0, t2 = 0;
	int rc = 0;

	argv++, argc--;
	if (argc >= 2 && strcmp(argv[0], "-s") == 0) {
		name = bstr_from(argv[1]);
		argv += 2, argc -= 2;
	}
	if (argc < 1)
		return usage();
	cmd = argv[0];
	argv++, argc--;

	/* Check the arguments before touching the library. */
	if (strcmp(cmd, "connect") == 0) {
		if (argc != 0)
			return usage();
	} else if (strcmp(cmd, "tasks") == 0 || strcmp(cmd, "bstr") == 0 ||
		   strcmp(cmd, "job") == 0) {
		if (argc < 1 || parse_long(argv[0], &job) != 0)
			return usage();
		if (strcmp(cmd, "job") == 0 && argc != 1)
			return usage();
	} else if (strcmp(cmd, "task") == 0) {
		if (argc != 2 || parse_long(argv[0], &job) != 0 ||
		    parse_long(argv[1], &t1) != 0)
			return usage();
	} else if (strcmp(cmd, "twice") == 0) {
		if (argc != 3 || parse_long(argv[0], &job) != 0 ||
		    parse_long(argv[1], &t1) != 0 ||
		    parse_long(argv[2], &t2) != 0)
			return usage();
	} else if (strcmp(cmd, "jobs") != 0) {
		return usage();
	}

	hr = CoInitialize(NULL);
	if (FAILED(hr)) {
		printf("coinit_hr=0x%08X\n", (unsigned)hr);
		return 3;
	}
	hr = CoCreateInstance(&CLSID_Cluster, NULL, CLSCTX_INPROC_SERVER,
			      &IID_ICluster, (void **)&c);
	if (FAILED(hr) || !c) {
		printf("create_instance_hr=0x%08X\n", (unsigned)hr);
		CoUninitialize();
		return 3;
	}

	hr = name ? ICluster_Connect(c, name) : ICluster_Connect(c, L"");
	print_result(c, "connect_", hr);
	if (FAILED(hr) || strcmp(cmd, "connect") == 0)
		goto out;

	if (strcmp(cmd, "tasks") == 0 || strcmp(cmd, "bstr") == 0) {
		hr = make_ids(c, argv + 1, argc - 1, strcmp(cmd, "bstr") == 0,
			      &ids);
		if (FAILED(hr)) {
			rc = 2;
			goto out;
		}
		hr = ICluster_RequeueTasks(c, job, ids);
		print_result(c, "", hr);
	} else if (strcmp(cmd, "task") == 0) {
		hr = ICluster_RequeueTask(c, job, t1);
		print_result(c, "", hr);
	} else if (strcmp(cmd, "job") == 0) {
		hr = ICluster_RequeueJob(c, job);
		print_result(c, "", hr);
	} else if (strcmp(cmd, "jobs") == 0) {
		hr = make_ids(c, argv, argc, 0, &ids);
		if (FAILED(hr)) {
			rc = 2;
			goto out;
		}
		hr = ICluster_RequeueJobs(c, ids);
		print_result(c, "", hr);
	} else if (strcmp(cmd, "twice") == 0) {
		hr = ICluster_RequeueTask(c, job, t1);
		print_result(c, "", hr);
		hr = ICluster_RequeueTask(c, job, t2);
		print_result(c, "", hr);
	}

out:
	if (ids)
		IClusterEnumerable_Release(ids);
	ICluster_Release(c);
	SysFreeString(name);
	CoUninitialize();
	return rc;
}
