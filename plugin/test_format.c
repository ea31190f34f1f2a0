/*
 * test_format.c - unit test of the plugin's pure parts: plugstack.conf
 * argument parsing (config.c) and the value formats (format.c). Needs no
 * Slurm daemon and no SPANK host; exits non-zero on the first failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccpshim.h"

static int failures;

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
		#cond); failures++; } } while (0)

static int parse(struct ccp_config *c, char *msg, size_t len, int ac, ...)
{
	char *av[8];
	va_list ap;
	int i;

	va_start(ap, ac);
	for (i = 0; i < ac && i < 8; i++)
		av[i] = va_arg(ap, char *);
	va_end(ap);
	msg[0] = '\0';
	return ccp_config_parse(c, ac, av, msg, len);
}

static void test_config(void)
{
	struct ccp_config c;
	char msg[512];

	CHECK(parse(&c, msg, sizeof(msg), 0) == 0);
	CHECK(c.enabled && c.vars == CCP_VARS_STANDARD && !c.scheduler[0]);
	CHECK(!(c.vars & CCP_VBIT(CCP_V_RERUNNABLE)));

	CHECK(parse(&c, msg, sizeof(msg), 3, "enabled=no", "vars=all",
		    "scheduler=head.example.org") == 0);
	CHECK(!c.enabled && c.vars == CCP_VARS_ALL);
	CHECK(!strcmp(c.scheduler, "head.example.org"));

	CHECK(parse(&c, msg, sizeof(msg), 1, "vars=CCP_JOBID,ccp_taskid") == 0);
	CHECK(c.vars == (CCP_VBIT(CCP_V_JOBID) | CCP_VBIT(CCP_V_TASKID)));

	CHECK(parse(&c, msg, sizeof(msg), 1, "bogus=1") < 0);
	CHECK(strstr(msg, "unknown argument 'bogus=1'") != NULL);
	CHECK(parse(&c, msg, sizeof(msg), 1, "enabled=maybe") < 0);
	CHECK(strstr(msg, "enabled=maybe") != NULL);
	CHECK(parse(&c, msg, sizeof(msg), 1, "enabled") < 0);
	CHECK(parse(&c, msg, sizeof(msg), 1, "vars=CCP_JOBID,HOME") < 0);
	CHECK(strstr(msg, "'HOME'") != NULL);
	CHECK(parse(&c, msg, sizeof(msg), 1, "vars=CCP_JOBID,") < 0);
	CHECK(parse(&c, msg, sizeof(msg), 1, "scheduler=a;rm -rf /") < 0);
	CHECK(parse(&c, msg, sizeof(msg), 2, "vars=all", "vars=all") < 0);
	CHECK(strstr(msg, "twice") != NULL);
}

static void test_numbers(void)
{
	uint32_t v = 7;

	CHECK(ccp_parse_u32("0", 10, &v) == 0 && v == 0);
	CHECK(ccp_parse_u32("65535", 65535, &v) == 0 && v == 65535);
	CHECK(ccp_parse_u32("65536", 65535, &v) < 0);
	CHECK(ccp_parse_u32("", 10, &v) < 0);
	CHECK(ccp_parse_u32("-1", 10, &v) < 0);
	CHECK(ccp_parse_u32(" 1", 10, &v) < 0);
	CHECK(ccp_parse_u32("1x", 10, &v) < 0);
	CHECK(ccp_parse_u32("99999999999999", 0xffffffffu, &v) < 0);
	CHECK(ccp_parse_u32("4294967295", 0xffffffffu, &v) == 0 &&
	      v == 4294967295u);
}

static void test_cpus(void)
{
	uint32_t c[8];

	CHECK(ccp_parse_cpus_per_node("4", c, 8) == 1 && c[0] == 4);
	CHECK(ccp_parse_cpus_per_node("2(x3),1", c, 8) == 4);
	CHECK(c[0] == 2 && c[1] == 2 && c[2] == 2 && c[3] == 1);
	CHECK(ccp_parse_cpus_per_node("2(x9)", c, 8) < 0);
	CHECK(ccp_parse_cpus_per_node("2(x0)", c, 8) < 0);
	CHECK(ccp_parse_cpus_per_node("2(x3", c, 8) < 0);
	CHECK(ccp_parse_cpus_per_node("2,", c, 8) < 0);
	CHECK(ccp_parse_cpus_per_node("", c, 8) < 0);
	CHECK(ccp_parse_cpus_per_node("a", c, 8) < 0);
}

static void test_nodes(void)
{
	char *hosts[] = { "n1", "n2" };
	uint32_t cpus[] = { 8, 4 };
	char buf[64];

	CHECK(ccp_format_nodes(buf, sizeof(buf), hosts, cpus, 2) == 0);
	CHECK(!strcmp(buf, "2 n1 8 n2 4"));
	CHECK(ccp_format_nodes(buf, sizeof(buf), hosts, cpus, 1) == 0);
	CHECK(!strcmp(buf, "1 n1 8"));
	CHECK(ccp_format_nodes(buf, 8, hosts, cpus, 2) < 0);
	CHECK(ccp_scheduler_name_ok("https://head:6820/"));
	CHECK(!ccp_scheduler_name_ok("a b"));
	CHECK(!ccp_scheduler_name_ok("$(id)"));
	CHECK(!ccp_scheduler_name_ok(""));
}

int main(void)
{
	test_config();
	test_numbers();
	test_cpus();
	test_nodes();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("test_format: all checks passed\n");
	return 0;
}
