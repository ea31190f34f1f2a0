/*
 * backend_rest.c - the slurmrestd backend (libcurl + json-c), for clients
 * on machines that are not Slurm nodes: the same contract, HRESULTs and
 * message shapes as backend_slurm.c, over HTTP(S) with JWT authentication.
 *
 * Connect reads the server's OpenAPI description once and picks the newest
 * data_parser version it offers (and whether that version can requeue:
 * slurmrestd 26.05's v0.0.45 has POST /jobs/requeue; 22.05-25.11 have no
 * requeue endpoint: reads work, requeue is CCP_E_SERVER_TOO_OLD). One easy
 * handle per cluster handle, reused across calls (connection reuse); each
 * request is bounded by c->timeout_ms; TLS peer and host verification are
 * always on (CA bundle: CCP_CA_BUNDLE). The token (SLURM_JWT) is read per
 * request, kept only in the request's header list, and wiped after it.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>

#include "cluster.h"
#include "hresult.h"

#define REST_MAX_BODY (64u << 20)	/* the largest reply we accept */
#define REST_NO_MAX_ARRAY 4000001u	/* Slurm's own cap on MaxArraySize */
#define REST_DEFAULT_MIN_JOB_AGE 300u

typedef struct rest_state {
	CURL *h;
	char base[256];		/* URL without a trailing '/' */
	char ver[16];		/* data_parser version, e.g. "v0.0.45" */
	char release[32];	/* the server's Slurm release */
	int can_requeue;	/* the version offers POST .../jobs/requeue */
	int has_conf;		/* ... and GET .../conf */
	char curlerr[CURL_ERROR_SIZE];
} rest_state;

typedef struct reply {
	char *body;
	size_t len, cap;
	int too_big;
} reply;

/* ------------------------------------------------------------------ */
/* Slurm's words for an errno: as the server last gave them (per thread:
 * one handle is used by one thread at a time), else libslurm's table. */

static __thread struct {
	int e;
	char words[128];
} seen[8];
static __thread unsigned seen_next;

static void remember_words(int e, const char *words)
{
	unsigned i;

	if (!e || !words || !*words)
		return;
	for (i = 0; i < 8; i++)
		if (seen[i].e == e)
			break;
	if (i == 8)
		i = seen_next++ % 8;
	seen[i].e = e;
	snprintf(seen[i].words, sizeof(seen[i].words), "%s", words);
}

static const char *rest_words(int e)
{
	const char *s;

	for (unsigned i = 0; i < 8; i++)
		if (seen[i].e == e && seen[i].words[0])
			return seen[i].words;
	s = slurm_strerror(e);
	return s ? s : "unknown error";
}

/* ------------------------------------------------------------------ */
/* json-c helpers                                                      */

static json_object *jget(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/*
 * A number as slurmrestd writes it: a plain integer (v0.0.38), an
 * {"set","infinite","number"} object (v0.0.40 and later), a bool, or a
 * numeric string. Returns 0 if absent or unset.
 */
static int jnum(json_object *o, const char *key, uint64_t *out)
{
	json_object *v = key ? jget(o, key) : o, *s;

	if (!v)
		return 0;
	switch (json_object_get_type(v)) {
	case json_type_int:
		*out = (uint64_t)json_object_get_int64(v);
		return 1;
	case json_type_boolean:
		*out = json_object_get_boolean(v) ? 1 : 0;
		return 1;
	case json_type_double:
		*out = (uint64_t)json_object_get_double(v);
		return 1;
	case json_type_string: {
		const char *str = json_object_get_string(v);
		char *end;

		errno = 0;
		*out = strtoull(str, &end, 10);
		return !errno && end != str && !*end;
	}
	case json_type_object:
		if ((s = jget(v, "set")) && !json_object_get_boolean(s))
			return 0;
		if ((s = jget(v, "infinite")) && json_object_get_boolean(s))
			return 0;
		return jnum(v, "number", out);
	default:
		return 0;
	}
}

static uint32_t ju32(json_object *o, const char *key, uint32_t dflt)
{
	uint64_t v;

	return jnum(o, key, &v) ? (uint32_t)v : dflt;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v = jget(o, key);

	return v && json_object_is_type(v, json_type_string) ?
		json_object_get_string(v) : NULL;
}

/* ------------------------------------------------------------------ */
/* Job states by name (slurm.h values; stable across releases)         */

static const struct {
	const char *name;
	uint32_t base;
	uint32_t flag;
} state_names[] = {
	{ "PENDING", 0, 0 }, { "RUNNING", 1, 0 }, { "SUSPENDED", 2, 0 },
	{ "COMPLETED", 3, 0 }, { "CANCELLED", 4, 0 }, { "FAILED", 5, 0 },
	{ "TIMEOUT", 6, 0 }, { "NODE_FAIL", 7, 0 }, { "PREEMPTED", 8, 0 },
	{ "BOOT_FAIL", 9, 0 }, { "DEADLINE", 10, 0 },
	{ "OUT_OF_MEMORY", 11, 0 },
	/* Flags. v0.0.38 names only the flag when one is set: the base it
	 * implies is given (requeued jobs are pending, the others still
	 * hold resources). */
	{ "LAUNCH_FAILED", 0, JOB_LAUNCH_FAILED },
	{ "REQUEUED", 0, JOB_REQUEUE }, { "REQUEUE_HOLD", 0, JOB_REQUEUE_HOLD },
	{ "SPECIAL_EXIT", 0, JOB_SPECIAL_EXIT },
	{ "REQUEUE_FED", 0, JOB_REQUEUE_FED },
	{ "RESV_DEL_HOLD", 0, JOB_RESV_DEL_HOLD },
	{ "RESIZING", 1, JOB_RESIZING }, { "CONFIGURING", 1, JOB_CONFIGURING },
	{ "COMPLETING", 1, JOB_COMPLETING }, { "STOPPED", 1, JOB_STOPPED },
	{ "SIGNALING", 1, JOB_SIGNALING }, { "STAGE_OUT", 1, JOB_STAGE_OUT },
	{ "POWER_UP_NODE", 1, JOB_POWER_UP_NODE },
	{ "REVOKED", 4, JOB_REVOKED },
};

/* Returns the state, or 0xffffffff if no name is known. */
static uint32_t state_of_names(json_object *v)
{
	uint32_t base = 0xffffffffu, flags = 0, fbase = 0xffffffffu;
	size_t n = 1, i, k;

	if (!v)
		return 0xffffffffu;
	if (json_object_is_type(v, json_type_array))
		n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		json_object *e = json_object_is_type(v, json_type_array) ?
				 json_object_array_get_idx(v, i) : v;
		const char *s = json_object_get_string(e);

		for (k = 0; s && k < sizeof(state_names) /
					   sizeof(state_names[0]); k++) {
			if (strcasecmp(s, state_names[k].name))
				continue;
			if (state_names[k].flag) {
				flags |= state_names[k].flag;
				if (fbase == 0xffffffffu)
					fbase = state_names[k].base;
			} else if (base == 0xffffffffu) {
				base = state_names[k].base;
			}
			break;
		}
	}
	if (base == 0xffffffffu)
		base = fbase;
	return base == 0xffffffffu ? base : (base | flags);
}

/* ------------------------------------------------------------------ */
/* HTTP                                                                */

static size_t on_body(char *p, size_t sz, size_t nm, void *arg)
{
	reply *r = arg;
	size_t n = sz * nm;

	if (r->len + n + 1 > REST_MAX_BODY) {
		r->too_big = 1;
		return 0;
	}
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 16384;
		char *b;

		while (cap < r->len + n + 1)
			cap *= 2;
		if (!(b = realloc(r->body, cap)))
			return 0;
		r->body = b;
		r->cap = cap;
	}
	memcpy(r->body + r->len, p, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

static void wipe_headers(struct curl_slist *hl)
{
	for (struct curl_slist *p = hl; p; p = p->next)
		if (p->data)
			explicit_bzero(p->data, strlen(p->data));
	curl_slist_free_all(hl);
}

/* The Slurm user name sent with the token. */
static void user_name(char *buf, size_t len)
{
	static const char *const vars[] = { "CCP_USER", "SLURM_USER",
					    "USER", "LOGNAME" };
	struct passwd pw, *res = NULL;
	char pwbuf[1024];

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v && !strpbrk(v, "\r\n:")) {
			snprintf(buf, len, "%s", v);
			return;
		}
	}
	if (!getpwuid_r(geteuid(), &pw, pwbuf, sizeof(pwbuf), &res) && res)
		snprintf(buf, len, "%s", res->pw_name);
	else
		snprintf(buf, len, "%d", (int)geteuid());
}

static ccp_hr_t fail_token(ccp_cluster *c, const char *what, const char *why)
{
	return ccp_fail(c, CCP_E_ACCESSDENIED, "%s: the slurmrestd at %s did "
			"not accept this client's token (%s). Set SLURM_JWT to a "
			"valid token for your user: 'scontrol token "
			"lifespan=SECONDS' on a cluster node, or the site's token "
			"service; it may have expired. Nothing was changed.",
			what, c->target, why);
}

/*
 * One request. On S_OK *out holds the parsed reply (an object) and *http
 * the status; errors[] is left to the caller. Transport, HTTP and JSON
 * failures are reported here. changing: the request may change the
 * cluster (for the timeout message).
 */
static ccp_hr_t rest_call(ccp_cluster *c, const char *method,
			  const char *path, const char *body, const char *what,
			  int changing, json_object **out, long *http)
{
	rest_state *st = c->be_state;
	struct curl_slist *hl = NULL, *tmp;
	const char *tok = getenv("SLURM_JWT"), *ca = getenv("CCP_CA_BUNDLE");
	char url[1024], user[128], *hdr = NULL;
	json_tokener *jt;
	json_object *j;
	reply r = { 0 };
	CURLcode cc;
	ccp_hr_t hr = CCP_S_OK;
	size_t tl;

	*out = NULL;
	*http = 0;
	if (ca && !*ca)
		ca = NULL;
	if (!tok || !*tok)
		return ccp_fail(c, CCP_E_ACCESSDENIED, "%s: SLURM_JWT is not "
				"set. slurmrestd at %s needs a token: get one "
				"with 'scontrol token lifespan=SECONDS' on a "
				"cluster node (or the site's token service) and "
				"export SLURM_JWT. Nothing was changed.", what,
				c->target);
	if (strpbrk(tok, "\r\n"))
		return fail_token(c, what, "SLURM_JWT holds a line break");
	snprintf(url, sizeof(url), "%s%s", st->base, path);
	user_name(user, sizeof(user));
	tl = strlen(tok) + 32;
	if (!(hdr = malloc(tl)))
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
	snprintf(hdr, tl, "X-SLURM-USER-TOKEN: %s", tok);
	tmp = curl_slist_append(hl, hdr);
	explicit_bzero(hdr, tl);
	free(hdr);
	if (!tmp)
		goto oom;
	hl = tmp;
	{
		char uh[160];

		snprintf(uh, sizeof(uh), "X-SLURM-USER-NAME: %s", user);
		if (!(tmp = curl_slist_append(hl, uh)))
			goto oom;
		hl = tmp;
	}
	if (!(tmp = curl_slist_append(hl, "Accept: application/json")))
		goto oom;
	hl = tmp;
	if (body) {
		if (!(tmp = curl_slist_append(hl, "Content-Type: "
					      "application/json")))
			goto oom;
		hl = tmp;
	}
	curl_easy_setopt(st->h, CURLOPT_URL, url);
	curl_easy_setopt(st->h, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(st->h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(st->h, CURLOPT_CONNECTTIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(st->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(st->h, CURLOPT_WRITEDATA, &r);
	if (body) {
		curl_easy_setopt(st->h, CURLOPT_POST, 1L);
		curl_easy_setopt(st->h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(st->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	} else {
		curl_easy_setopt(st->h, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(st->h, CURLOPT_CUSTOMREQUEST,
			 strcmp(method, body ? "POST" : "GET") ? method : NULL);
	st->curlerr[0] = '\0';
	cc = curl_easy_perform(st->h);
	curl_easy_setopt(st->h, CURLOPT_HTTPHEADER, NULL);
	wipe_headers(hl);
	hl = NULL;
	curl_easy_getinfo(st->h, CURLINFO_RESPONSE_CODE, http);

	if (cc != CURLE_OK) {
		const char *cw = st->curlerr[0] ? st->curlerr :
				 curl_easy_strerror(cc);

		switch (cc) {
		case CURLE_OPERATION_TIMEDOUT:
			hr = ccp_fail(c, CCP_E_TIMEOUT, "%s: the slurmrestd at %s "
				      "did not answer within %ld ms; %s", what,
				      c->target, c->timeout_ms, changing ?
				      "the requeue may still take effect: read "
				      "the tasks' states before trying again." :
				      "nothing was changed.");
			break;
		case CURLE_COULDNT_CONNECT:
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_COULDNT_RESOLVE_PROXY:
			hr = ccp_fail(c, CCP_E_UNREACHABLE, "%s: the slurmrestd at "
				      "%s could not be reached (%s). Check that "
				      "slurmrestd runs and listens there, and "
				      "the URL's host and port.", what,
				      c->target, cw);
			break;
		case CURLE_PEER_FAILED_VERIFICATION:
		case CURLE_SSL_CACERT_BADFILE:
		case CURLE_SSL_CONNECT_ERROR:
		case CURLE_SSL_CERTPROBLEM:
			hr = ccp_fail(c, CCP_E_FAIL, "%s: the TLS connection to %s "
				      "failed (%s). The server's certificate "
				      "must be signed by a CA this client "
				      "trusts: the system's, or the file named "
				      "by CCP_CA_BUNDLE%s%s%s. Verification is "
				      "never turned off.", what, c->target, cw,
				      ca ? " (now " : "", ca ? ca : "",
				      ca ? ")" : "");
			break;
		case CURLE_WRITE_ERROR:
			hr = ccp_fail(c, r.too_big ? CCP_E_FAIL :
				      CCP_E_OUTOFMEMORY, "%s: %s", what,
				      r.too_big ? "slurmrestd's reply is over "
				      "64 MiB; refused." : "out of memory for "
				      "slurmrestd's reply");
			break;
		case CURLE_PARTIAL_FILE:
			hr = ccp_fail(c, CCP_E_FAIL, "%s: slurmrestd's reply from "
				      "%s was cut short (%s); %s", what,
				      c->target, cw, changing ? "the requeue "
				      "may have taken effect: read the tasks' "
				      "states." : "nothing was changed.");
			break;
		default:
			hr = ccp_fail(c, CCP_E_FAIL, "%s: the request to %s "
				      "failed (%s, curl error %d); %s", what,
				      c->target, cw, (int)cc, changing ?
				      "the requeue may have taken effect: read "
				      "the tasks' states." : "nothing was "
				      "changed.");
			break;
		}
		goto out;
	}
	if (*http == 401)
		return free(r.body), fail_token(c, what, "HTTP 401");
	if (!r.body || !r.len) {
		hr = ccp_fail(c, CCP_E_FAIL, "%s: slurmrestd at %s answered HTTP "
			      "%ld with an empty body.", what, c->target, *http);
		goto out;
	}
	if (!(jt = json_tokener_new()))
		goto oom;
	j = json_tokener_parse_ex(jt, r.body, (int)r.len);
	if (!j || json_tokener_get_error(jt) != json_tokener_success ||
	    !json_object_is_type(j, json_type_object)) {
		char head[81];
		size_t i;

		snprintf(head, sizeof(head), "%s", r.body);
		for (i = 0; head[i]; i++)
			if (!isprint((unsigned char)head[i]))
				head[i] = ' ';
		json_object_put(j);
		json_tokener_free(jt);
		if (*http == 403)
			return free(r.body), fail_token(c, what, "HTTP 403");
		hr = ccp_fail(c, CCP_E_FAIL, "%s: the reply from %s (HTTP %ld) "
			      "is not slurmrestd's JSON: \"%s\". Check that "
			      "the URL names a slurmrestd (or a proxy in front "
			      "of one).", what, c->target, *http, head);
		goto out;
	}
	json_tokener_free(jt);
	*out = j;
	goto out;
oom:
	if (hl)
		wipe_headers(hl);
	hr = ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
out:
	free(r.body);
	return hr;
}

/* The first error in a reply's errors[]: its number (0 if none). */
static int reply_errno(json_object *j, const char **words, const char **desc)
{
	json_object *errs = jget(j, "errors");
	size_t i, n;

	*words = *desc = NULL;
	if (!errs || !json_object_is_type(errs, json_type_array))
		return 0;
	n = json_object_array_length(errs);
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(errs, i);
		uint32_t num = ju32(e, "error_number", 0);

		if (!num)
			num = ju32(e, "errno", 0);
		if (!num)
			num = ju32(e, "error_code", 0);
		if (num) {
			*words = jstr(e, "error");
			*desc = jstr(e, "description");
			remember_words((int)num, *words);
			return (int)num;
		}
	}
	return 0;
}

static int is_comm_errno(int e)
{
	return (e >= SLURM_COMMUNICATIONS_CONNECTION_ERROR &&
		e <= SLURM_COMMUNICATIONS_SHUTDOWN_ERROR) ||
	       (e >= SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR &&
		e <= SLURMCTLD_COMMUNICATIONS_SHUTDOWN_ERROR) ||
	       e == SLURM_COMMUNICATIONS_MISSING_SOCKET_ERROR;
}

static int is_auth_errno(int e)
{
	return e == SLURM_PROTOCOL_AUTHENTICATION_ERROR ||
	       (e >= ESLURM_AUTH_CRED_INVALID &&
		e < ESLURM_AUTH_CRED_INVALID + 100);
}

/* A Slurm errno the server reported for a whole request, as the native
 * backend's fail_rpc words it. */
static ccp_hr_t fail_errno(ccp_cluster *c, const char *what, int e,
			   const char *desc)
{
	if (is_comm_errno(e))
		return ccp_fail(c, CCP_E_UNREACHABLE, "%s: slurmrestd at %s "
				"could not reach the Slurm controller (Slurm: "
				"%s, error %d). Check that slurmctld runs.",
				what, c->target, rest_words(e), e);
	if (is_auth_errno(e))
		return fail_token(c, what, rest_words(e));
	return ccp_fail(c, ccp_hr_from_slurm_errno(e), "%s failed: Slurm "
			"answered \"%s\" (error %d%s%s).", what, rest_words(e),
			e, desc && *desc ? ": " : "", desc ? desc : "");
}

/* ------------------------------------------------------------------ */
/* Connect                                                             */

static int is_loopback(const char *host)
{
	return !strcasecmp(host, "localhost") || !strncmp(host, "127.", 4) ||
	       !strcmp(host, "::1") || !strcmp(host, "[::1]");
}

static ccp_hr_t setup_handle(ccp_cluster *c, rest_state *st,
			     const char *target)
{
	const char *ca = getenv("CCP_CA_BUNDLE");
	CURLU *u;
	char *host = NULL, *scheme = NULL;
	size_t n;
	int plain;

	n = strlen(target);
	while (n && target[n - 1] == '/')
		n--;
	if (n >= sizeof(st->base))
		return ccp_fail(c, CCP_E_INVALIDARG, "Connect: the URL is too "
				"long");
	memcpy(st->base, target, n);
	st->base[n] = '\0';
	if (!(u = curl_url()))
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, st->base, 0) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0)) {
		curl_url_cleanup(u);
		return ccp_fail(c, CCP_E_INVALIDARG, "Connect: \"%s\" is not a "
				"valid http(s):// URL.", target);
	}
	plain = !strcasecmp(scheme, "http");
	if (plain && !is_loopback(host)) {
		const char *ok = getenv("CCP_REST_ALLOW_HTTP");

		if (!ok || strcmp(ok, "1")) {
			ccp_hr_t hr = ccp_fail(c, CCP_E_INVALIDARG, "Connect: "
					"%s is plain http:// to another host: "
					"the token would cross the network in "
					"clear. Use https:// (slurmrestd behind a "
					"TLS proxy), or set CCP_REST_ALLOW_HTTP=1 "
					"if the network is trusted.", target);

			curl_free(host);
			curl_free(scheme);
			curl_url_cleanup(u);
			return hr;
		}
	}
	curl_free(host);
	curl_free(scheme);
	curl_url_cleanup(u);

	if (!(st->h = curl_easy_init()))
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "Connect: libcurl could "
				"not make a handle");
	curl_easy_setopt(st->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(st->h, CURLOPT_ERRORBUFFER, st->curlerr);
	curl_easy_setopt(st->h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(st->h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(st->h, CURLOPT_PROTOCOLS,
			 (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(st->h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(st->h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca && *ca)
		curl_easy_setopt(st->h, CURLOPT_CAINFO, ca);
	curl_easy_setopt(st->h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(st->h, CURLOPT_USERAGENT, "ccpshim/" PACKAGE_VERSION);
	return CCP_S_OK;
}

static void meta_release(rest_state *st, json_object *j)
{
	json_object *m = jget(j, "meta"), *s = jget(m, "slurm");
	const char *rel;

	if (!s)
		s = jget(m, "Slurm");
	if ((rel = jstr(s, "release")))
		snprintf(st->release, sizeof(st->release), "%s", rel);
}

/* Pick the newest /slurm/v0.0.N/ the server offers with a job endpoint. */
static ccp_hr_t pick_version(ccp_cluster *c, rest_state *st)
{
	json_object *j, *paths;
	long http;
	unsigned best = 0;
	char key[96];
	ccp_hr_t hr;

	hr = rest_call(c, "GET", "/openapi/v3", NULL, "Connect", 0, &j, &http);
	if (CCP_FAILED(hr))
		return hr;
	paths = jget(j, "paths");
	if (http == 404 || !paths) {
		json_object_put(j);
		return ccp_fail(c, CCP_E_FAIL, "Connect: %s did not describe "
				"its API (GET /openapi/v3 gave HTTP %ld); it "
				"does not look like a slurmrestd.", c->target,
				http);
	}
	json_object_object_foreach(paths, k, v) {
		unsigned n;
		char tail[64];

		(void)v;
		if (sscanf(k, "/slurm/v0.0.%u/%63s", &n, tail) == 2 &&
		    !strcmp(tail, "job/{job_id}") && n > best)
			best = n;
	}
	if (!best) {
		json_object_put(j);
		return ccp_fail(c, CCP_E_SERVER_TOO_OLD, "Connect: the "
				"slurmrestd at %s offers no /slurm/v0.0.N/job "
				"endpoint this client can read (is the "
				"openapi/slurmctld plugin loaded?).", c->target);
	}
	snprintf(st->ver, sizeof(st->ver), "v0.0.%u", best);
	snprintf(key, sizeof(key), "/slurm/%s/jobs/requeue", st->ver);
	st->can_requeue = jget(jget(paths, key), "post") != NULL;
	snprintf(key, sizeof(key), "/slurm/%s/conf", st->ver);
	st->has_conf = jget(jget(paths, key), "get") != NULL;
	json_object_put(j);
	return CCP_S_OK;
}

static ccp_hr_t read_conf(ccp_cluster *c, rest_state *st)
{
	json_object *j, *conf, *m;
	const char *w, *d, *name = NULL;
	char path[64];
	long http;
	ccp_hr_t hr;
	int e;

	c->max_array_size = REST_NO_MAX_ARRAY;
	c->min_job_age = REST_DEFAULT_MIN_JOB_AGE;
	c->slurm_user_id = 0;
	snprintf(path, sizeof(path), "/slurm/%s/%s", st->ver,
		 st->has_conf ? "conf" : "ping/");
	hr = rest_call(c, "GET", path, NULL, "Connect", 0, &j, &http);
	if (CCP_FAILED(hr))
		return hr;
	meta_release(st, j);
	if ((e = reply_errno(j, &w, &d))) {
		hr = fail_errno(c, "Connect", e, d);
		json_object_put(j);
		return hr;
	}
	if (http >= 400) {
		json_object_put(j);
		return ccp_fail(c, CCP_E_FAIL, "Connect: slurmrestd at %s "
				"answered HTTP %ld to %s.", c->target, http,
				path);
	}
	if (st->has_conf) {
		conf = jget(j, "slurm_conf");
		c->max_array_size = ju32(conf, "MaxArraySize",
					 REST_NO_MAX_ARRAY);
		c->min_job_age = ju32(conf, "MinJobAge",
				      REST_DEFAULT_MIN_JOB_AGE);
		c->slurm_user_id = ju32(conf, "SlurmUserId", 0);
		name = jstr(conf, "ClusterName");
	} else {
		/* ping: the controller must answer (v0.0.38 "ping":"UP",
		 * later "responding": true and a "status" in words). */
		json_object *p = json_object_array_get_idx(jget(j, "pings"), 0);
		const char *ping = jstr(p, "ping"), *status = jstr(p, "status");
		json_object *resp = jget(p, "responding");
		int up = ping ? !strcasecmp(ping, "UP") :
			 resp ? json_object_get_boolean(resp) : 0;

		if (!up) {
			if (status && strcasestr(status, "authentication"))
				hr = fail_token(c, "Connect", status);
			else
				hr = ccp_fail(c, CCP_E_UNREACHABLE, "Connect: "
					      "slurmrestd at %s answers, but the "
					      "Slurm controller does not (%s). "
					      "Check that slurmctld runs.",
					      c->target, status ? status :
					      (ping ? ping : "no ping"));
			json_object_put(j);
			return hr;
		}
	}
	m = jget(jget(j, "meta"), "slurm");
	if (!name)
		name = jstr(m, "cluster");
	/* v0.0.38 names no cluster: the URL stands for it in messages. */
	snprintf(c->cluster_name, sizeof(c->cluster_name), "%.127s",
		 name && *name ? name : st->base);
	json_object_put(j);
	return CCP_S_OK;
}

static void rest_disconnect(ccp_cluster *c)
{
	rest_state *st = c->be_state;

	if (!st)
		return;
	if (st->h)
		curl_easy_cleanup(st->h);
	explicit_bzero(st, sizeof(*st));
	free(st);
	c->be_state = NULL;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_ok;

static void curl_init_once(void)
{
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

static ccp_hr_t rest_connect(ccp_cluster *c, const char *target)
{
	rest_state *st;
	ccp_hr_t hr;

	pthread_once(&curl_once, curl_init_once);
	if (!curl_ok)
		return ccp_fail(c, CCP_E_FAIL, "Connect: libcurl could not be "
				"initialised");
	if (!(st = calloc(1, sizeof(*st))))
		return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
	c->be_state = st;
	c->caller_uid = CCP_UID_UNKNOWN;	/* the core asks Slurm */
	hr = setup_handle(c, st, target);
	if (CCP_SUCCEEDED(hr))
		hr = pick_version(c, st);
	if (CCP_SUCCEEDED(hr))
		hr = read_conf(c, st);
	if (CCP_FAILED(hr))
		rest_disconnect(c);
	return hr;
}

/* ------------------------------------------------------------------ */
/* Reading jobs                                                        */

static void fill_task(ccp_task *t, json_object *j, uint32_t id)
{
	json_object *ec = jget(j, "exit_code");
	uint64_t prio = 1;

	t->task_id = id;
	t->job_id = ju32(j, "job_id", 0);
	t->state = state_of_names(jget(j, "job_state"));
	if (t->state == 0xffffffffu)
		t->state = JOB_FAILED;	/* an unknown name: not queued */
	t->restart_cnt = ju32(j, "restart_cnt", 0);
	if (ec && json_object_is_type(ec, json_type_object))
		t->exit_code = (ju32(ec, "return_code", 0) & 0xff) << 8 |
			       (ju32(jget(ec, "signal"), "id", 0) & 0x7f);
	else
		t->exit_code = ju32(j, "exit_code", 0);
	jnum(j, "priority", &prio);
	t->held = (t->state & JOB_STATE_BASE) == JOB_PENDING && prio == 0;
}

/* Task ids of the array's pending record: "1-3,7", "1-9:2", "1-5%2" or a
 * hex mask "0x...". */
static ccp_hr_t add_task_string(ccp_cluster *c, ccp_job *job, json_object *j,
				const char *s)
{
	ccp_task t;
	ccp_hr_t hr;

	memset(&t, 0, sizeof(t));
	fill_task(&t, j, 0);
	t.job_id = 0;
	if (!strncasecmp(s, "0x", 2)) {
		size_t len = strcspn(s + 2, "%"), k;

		for (k = 0; k < len; k++) {
			char ch = s[2 + len - 1 - k];
			unsigned v = isdigit((unsigned char)ch) ? (unsigned)(ch - '0') :
				     (unsigned)(tolower((unsigned char)ch) - 'a' + 10);

			for (unsigned b = 0; b < 4; b++)
				if (v & (1u << b)) {
					t.task_id = (uint32_t)(k * 4 + b);
					if (CCP_FAILED(hr = ccp_job_add_task(c,
							job, &t)))
						return hr;
				}
		}
		return CCP_S_OK;
	}
	while (*s && *s != '%') {
		char *end;
		unsigned long a = strtoul(s, &end, 10), b = a, step = 1;

		if (end == s)
			break;
		s = end;
		if (*s == '-') {
			b = strtoul(s + 1, &end, 10);
			s = end;
			if (*s == ':') {
				step = strtoul(s + 1, &end, 10);
				s = end;
				if (!step)
					step = 1;
			}
		}
		for (unsigned long i = a; i <= b && i < REST_NO_MAX_ARRAY;
		     i += step) {
			t.task_id = (uint32_t)i;
			if (CCP_FAILED(hr = ccp_job_add_task(c, job, &t)))
				return hr;
		}
		if (*s == ',')
			s++;
	}
	return CCP_S_OK;
}

static ccp_hr_t add_record(ccp_cluster *c, ccp_job *job, json_object *j)
{
	uint32_t ajid = ju32(j, "array_job_id", 0);
	uint32_t tid = ju32(j, "array_task_id", NO_VAL);
	const char *ts = jstr(j, "array_task_string");
	ccp_task t;

	memset(&t, 0, sizeof(t));
	if (!ajid) {
		fill_task(&t, j, 1);
		return ccp_job_add_task(c, job, &t);
	}
	if (tid != NO_VAL && tid < REST_NO_MAX_ARRAY) {
		fill_task(&t, j, tid);
		return ccp_job_add_task(c, job, &t);
	}
	if (ts && *ts)
		return add_task_string(c, job, j, ts);
	fill_task(&t, j, 0);		/* no task id, no tasks: backend.h */
	job->lost = 1;
	job->lost_state = t.state;
	return CCP_S_OK;
}

/* GET the job's records. *found = 0 (and S_OK) when Slurm has no such job. */
static ccp_hr_t load(ccp_cluster *c, uint32_t job_id, json_object **out)
{
	rest_state *st = c->be_state;
	const char *w, *d;
	char path[64], what[64];
	json_object *j;
	long http;
	ccp_hr_t hr;
	int e;

	*out = NULL;
	snprintf(path, sizeof(path), "/slurm/%s/job/%u", st->ver, job_id);
	hr = rest_call(c, "GET", path, NULL, "Reading the job's state", 0, &j,
		       &http);
	if (CCP_FAILED(hr))
		return hr;
	e = reply_errno(j, &w, &d);
	if (e == CCP_SLURM_INVALID_JOB_ID) {
		json_object_put(j);
		return CCP_S_OK;
	}
	if (e || http >= 400) {
		snprintf(what, sizeof(what), "Reading job %u", job_id);
		hr = e ? fail_errno(c, what, e, d) :
			 ccp_fail(c, CCP_E_FAIL, "%s: slurmrestd at %s answered "
				  "HTTP %ld.", what, c->target, http);
		json_object_put(j);
		return hr;
	}
	*out = j;
	return CCP_S_OK;
}

static ccp_hr_t rest_read_job(ccp_cluster *c, uint32_t job_id, ccp_job *job)
{
	json_object *j, *jobs;
	ccp_hr_t hr;
	size_t i, n;

	ccp_job_reset(job);
	job->job_id = job_id;
	if (CCP_FAILED(hr = load(c, job_id, &j)))
		return hr;
	jobs = jget(j, "jobs");
	n = jobs && json_object_is_type(jobs, json_type_array) ?
	    json_object_array_length(jobs) : 0;
	if (!n)
		goto out;
	job->found = 1;
	for (i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(jobs, i);
		uint32_t id = ju32(r, "job_id", 0);
		uint32_t ajid = ju32(r, "array_job_id", 0);
		uint32_t het = ju32(r, "het_job_id", 0);

		if (id == job_id && ajid && ajid != job_id) {
			job->split_of = ajid;
			job->split_task = ju32(r, "array_task_id", 0);
		}
		if (het && het != NO_VAL)
			job->het = 1;
		if (i == 0) {
			uint64_t v = 0;

			job->is_array = ajid != 0;
			job->requeue = jnum(r, "requeue", &v) && v;
			v = 0;
			job->batch = jnum(r, "batch_flag", &v) && v;
			job->user_id = ju32(r, "user_id", 0);
		}
		if (CCP_FAILED(hr = add_record(c, job, r)))
			goto out;
	}
	ccp_job_sort(job);
out:
	json_object_put(j);
	return hr;
}

static ccp_hr_t rest_read_task(ccp_cluster *c, const ccp_job *job,
			       ccp_task *t)
{
	uint32_t own = t->job_id ? t->job_id : job->job_id;
	json_object *j, *jobs;
	ccp_job tmp;
	ccp_hr_t hr;
	size_t i, n;

	if (CCP_FAILED(hr = load(c, own, &j)))
		return hr;
	if (!j) {
		t->state = JOB_COMPLETE;	/* gone: Slurm purged it */
		return CCP_S_OK;
	}
	jobs = jget(j, "jobs");
	n = jobs ? json_object_array_length(jobs) : 0;
	memset(&tmp, 0, sizeof(tmp));
	for (i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(jobs, i);

		if (CCP_FAILED(hr = add_record(c, &tmp, r)))
			break;
	}
	if (CCP_SUCCEEDED(hr)) {
		const ccp_task *f;

		ccp_job_sort(&tmp);
		if ((f = ccp_job_find(&tmp, t->task_id)))
			*t = *f;
		else
			t->state = JOB_COMPLETE;
	}
	ccp_job_reset(&tmp);
	json_object_put(j);
	return hr;
}

/* ------------------------------------------------------------------ */
/* Requeue                                                             */

/* One answer of the requeue reply: {"error_code", "error", "step_id"}. */
static void take_answer(ccp_rq_result *res, json_object *a)
{
	int e = (int)ju32(a, "error_code", 0);
	const char *ids = jstr(a, "step_id"), *words = jstr(a, "error");

	if (!e || e == CCP_SLURM_JOB_PENDING)
		return;
	remember_words(e, words);
	if (res->all_ok) {
		res->first_errno = e;
		snprintf(res->first_ids, sizeof(res->first_ids), "%s",
			 ids ? ids : "");
	}
	res->all_ok = 0;
}

static ccp_hr_t rest_requeue(ccp_cluster *c, const ccp_job *job,
			     const uint32_t *tasks, size_t n,
			     int running_only, ccp_rq_result *res)
{
	rest_state *st = c->be_state;
	json_object *req, *list, *j, *status;
	const char *w, *d;
	char path[64], id[32];
	long http;
	ccp_hr_t hr;
	size_t i;
	int e;

	memset(res, 0, sizeof(*res));
	res->all_ok = 1;
	if (!st->can_requeue)
		return ccp_fail(c, CCP_E_SERVER_TOO_OLD, "Requeue: the "
				"slurmrestd at %s runs Slurm %s (API %s), which "
				"has no requeue endpoint (slurmrestd can requeue "
				"from Slurm 26.05, API v0.0.45). Nothing was "
				"changed. Upgrade slurmrestd, or run the client "
				"on a Slurm node and connect with the cluster's "
				"name or an empty name (native backend). Reading "
				"tasks works with this server.", c->target,
				st->release[0] ? st->release : "(unknown)",
				st->ver);
	/* {"jobs": ["J_t", ...], "flags": ["Incomplete"]}: one request;
	 * slurmrestd answers per entry (its parser takes no bracket
	 * expressions). */
	if (!(req = json_object_new_object()) ||
	    !(list = json_object_new_array()))
		goto oom;
	json_object_object_add(req, "jobs", list);
	for (i = 0; i < n; i++) {
		if (job->is_array)
			snprintf(id, sizeof(id), "%u_%u", job->job_id, tasks[i]);
		else
			snprintf(id, sizeof(id), "%u", job->job_id);
		if (json_object_array_add(list, json_object_new_string(id)))
			goto oom;
	}
	if (running_only) {
		json_object *fl = json_object_new_array();

		if (!fl)
			goto oom;
		json_object_array_add(fl, json_object_new_string("Incomplete"));
		json_object_object_add(req, "flags", fl);
	}
	snprintf(path, sizeof(path), "/slurm/%s/jobs/requeue", st->ver);
	hr = rest_call(c, "POST", path, json_object_to_json_string_ext(req,
		       JSON_C_TO_STRING_PLAIN), "Requeue", 1, &j, &http);
	json_object_put(req);
	if (CCP_FAILED(hr))
		return hr;
	status = jget(j, "status");
	for (i = 0; status && i < json_object_array_length(status); i++) {
		json_object *s = json_object_array_get_idx(status, i);

		if (json_object_is_type(s, json_type_array)) {
			for (size_t k = 0; k < json_object_array_length(s); k++)
				take_answer(res, json_object_array_get_idx(s, k));
		} else {
			take_answer(res, s);
		}
	}
	e = reply_errno(j, &w, &d);
	if (e && e != CCP_SLURM_JOB_PENDING && res->all_ok) {
		if (is_comm_errno(e) || is_auth_errno(e) ||
		    e == SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT) {
			hr = fail_errno(c, "Requeue", e, d);
			json_object_put(j);
			return hr;
		}
		res->all_ok = 0;
		res->first_errno = e;
		snprintf(res->first_ids, sizeof(res->first_ids), "%u%s",
			 job->job_id, job->is_array ? "_[...]" : "");
	} else if (!e && http >= 400 && res->all_ok) {
		hr = ccp_fail(c, CCP_E_FAIL, "Requeue: slurmrestd at %s "
			      "answered HTTP %ld without saying why; read the "
			      "tasks' states before trying again.", c->target,
			      http);
		json_object_put(j);
		return hr;
	}
	json_object_put(j);
	return CCP_S_OK;
oom:
	json_object_put(req);
	return ccp_fail(c, CCP_E_OUTOFMEMORY, "out of memory");
}

const ccp_backend_ops ccp_backend_rest = {
	.name = "slurmrestd",
	.connect = rest_connect,
	.read_job = rest_read_job,
	.requeue = rest_requeue,
	.read_task = rest_read_task,
	.strerror = rest_words,
	.disconnect = rest_disconnect,
};
