/*
 * format.c - the pure parts of the plugin: strict number parsing, Slurm's
 * compressed CPUs-per-node form ("2(x3),1"), the CCP_NODES format
 * ("N host cores host cores ...") and the check on a scheduler name. No
 * Slurm, no allocation beyond the caller's buffers; unit-tested by
 * plugin/test_format.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccpshim.h"

/* Decimal digits only (no sign, no space, no hex), value <= max. */
int ccp_parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	unsigned long long v = 0;
	const char *p = s;

	if (!s || !*s)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || p - s >= 10)
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
	}
	if (v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* One number at *pp, advancing past it. */
static int take_u32(const char **pp, uint32_t max, uint32_t *out)
{
	char buf[11];
	size_t n = 0;
	const char *p = *pp;

	while (*p >= '0' && *p <= '9') {
		if (n >= sizeof(buf) - 1)
			return -1;
		buf[n++] = *p++;
	}
	buf[n] = '\0';
	if (ccp_parse_u32(buf, max, out) < 0)
		return -1;
	*pp = p;
	return 0;
}

long ccp_parse_cpus_per_node(const char *s, uint32_t *out, size_t max)
{
	const char *p = s;
	size_t n = 0;
	uint32_t cpus, reps, i;

	if (!s || !*s)
		return -1;
	for (;;) {
		if (take_u32(&p, 0xffff, &cpus) < 0)
			return -1;
		reps = 1;
		if (p[0] == '(' && p[1] == 'x') {
			p += 2;
			if (take_u32(&p, CCP_MAX_NODES, &reps) < 0 ||
			    reps == 0 || *p++ != ')')
				return -1;
		}
		if (reps > max - n)
			return -1;
		for (i = 0; i < reps; i++)
			out[n++] = cpus;
		if (!*p)
			break;
		if (*p++ != ',')
			return -1;
	}
	return (long)n;
}

int ccp_format_nodes(char *buf, size_t len, char *const *hosts,
		     const uint32_t *cpus, size_t n)
{
	size_t used;
	size_t i;
	int w;

	w = snprintf(buf, len, "%zu", n);
	if (w < 0 || (size_t)w >= len)
		return -1;
	used = (size_t)w;
	for (i = 0; i < n; i++) {
		w = snprintf(buf + used, len - used, " %s %u", hosts[i],
			     cpus[i]);
		if (w < 0 || (size_t)w >= len - used)
			return -1;
		used += (size_t)w;
	}
	return 0;
}

/* Host or cluster name, or an http(s) URL: no spaces, no shell syntax. */
bool ccp_scheduler_name_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || strlen(s) > CCP_SCHEDULER_MAX)
		return false;
	for (; *p; p++)
		if (!isalnum(*p) && !strchr(".-_:/[]", *p))
			return false;
	return true;
}
