/*
 * common.c - the command line both programs share: getopt_long options,
 * HPC Pack's "/scheduler:NAME" and "/?", the subcommand, and the
 * connection (options set first, then Connect). Usage errors are one line
 * on stderr and exit status 2, found before anything is contacted.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "ids.h"

enum { OPT_JSON = 256, OPT_STRICT, OPT_TIMEOUT };

static const struct option longopts[] = {
	{ "scheduler", required_argument, NULL, 's' },
	{ "dry-run",   no_argument,       NULL, 'n' },
	{ "quiet",     no_argument,       NULL, 'q' },
	{ "json",      no_argument,       NULL, OPT_JSON },
	{ "strict",    no_argument,       NULL, OPT_STRICT },
	{ "timeout",   required_argument, NULL, OPT_TIMEOUT },
	{ "help",      no_argument,       NULL, 'h' },
	{ "version",   no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};
static const char shortopts[] = ":s:nqhV";

int cli_usage_error(const cli_opts *o, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", o->prog->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try '%s --help')\n", o->prog->name);
	return CLI_EXIT_USAGE;
}

int cli_parse_ids(const cli_opts *o, cli_ids *ids, cli_add_fn add,
		  const char *need)
{
	char err[CLI_ERR_LEN];
	int i, r;

	if (!o->nargs)
		return cli_usage_error(o, "%s needs at least one %s",
				       o->command, need);
	for (i = 0; i < o->nargs; i++) {
		r = add(ids, o->args[i], err, sizeof(err));
		if (r == CLI_IDS_NOMEM) {
			fprintf(stderr, "%s: %s\n", o->prog->name, err);
			cli_ids_free(ids);
			return ccp_hr_exit_status(CCP_E_OUTOFMEMORY);
		}
		if (r) {
			cli_ids_free(ids);
			return cli_usage_error(o, "%s", err);
		}
	}
	return -1;
}

static int show_version(const cli_opts *o)
{
	printf("%s (ccpshim) %s\nlibrary: ccpshim %s\n", o->prog->name,
	       PACKAGE_VERSION, ccp_version());
	return 0;
}

/* Options that take their value from the next argument. */
static int takes_value(const char *a)
{
	return !strcmp(a, "-s") || !strcmp(a, "--scheduler") ||
	       !strcmp(a, "--timeout") ||
	       (a[0] == '-' && a[1] != '-' && strchr(a + 1, 's') &&
		strchr(a + 1, 's')[1] == '\0' &&
		strspn(a + 1, "nqhVs") == strlen(a + 1));
}

/*
 * Before getopt: take out HPC Pack's "/" options and refuse negative ids
 * (getopt would take "-5.3" for options -5 -. -3). av receives the rest.
 * Returns -1 to go on, else an exit status.
 */
static int pre_scan(int argc, char **argv, cli_opts *o, char **av, int *ac)
{
	int i, n = 0, operands_only = 0;

	av[n++] = argv[0];
	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (operands_only) {
			av[n++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			operands_only = 1;
			av[n++] = a;
			continue;
		}
		if (takes_value(a) && i + 1 < argc) {
			av[n++] = a;
			av[n++] = argv[++i];
			continue;
		}
		if (a[0] == '-' && a[1] >= '0' && a[1] <= '9')
			return cli_usage_error(o, "'%s': ids cannot be "
					       "negative", a);
		if (a[0] == '/') {
			if (!strcmp(a, "/?") || !strcasecmp(a, "/help")) {
				fputs(o->prog->help, stdout);
				return 0;
			}
			if (!strncasecmp(a, "/scheduler:", 11)) {
				if (!a[11])
					return cli_usage_error(o, "'%s': no "
						"scheduler name after ':'", a);
				o->scheduler = a + 11;
				continue;
			}
			return cli_usage_error(o, "unknown option '%s'", a);
		}
		av[n++] = a;
	}
	av[n] = NULL;
	*ac = n;
	return -1;
}

static int parse_timeout(const cli_opts *o, const char *s, long *ms)
{
	char *end;
	long v;

	if (!*s || *s < '0' || *s > '9')
		goto bad;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > 3600)
		goto bad;
	*ms = v * 1000;
	return -1;
bad:
	return cli_usage_error(o, "--timeout takes whole seconds, 1 to 3600, "
			       "not '%s'", s);
}

int cli_parse(int argc, char **argv, const cli_prog *prog, cli_opts *o)
{
	char **av;
	int ac = 0, ch, r, i;

	memset(o, 0, sizeof(*o));
	o->prog = prog;
	av = calloc((size_t)argc + 1, sizeof(*av));
	if (!av) {
		fprintf(stderr, "%s: out of memory\n", prog->name);
		return ccp_hr_exit_status(CCP_E_OUTOFMEMORY);
	}
	if ((r = pre_scan(argc, argv, o, av, &ac)) >= 0)
		goto out;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(ac, av, shortopts, longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (!*optarg) {
				r = cli_usage_error(o, "the scheduler name is "
						    "empty");
				goto out;
			}
			o->scheduler = optarg;
			break;
		case 'n':
			o->dry_run = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case OPT_JSON:
			o->json = 1;
			break;
		case OPT_STRICT:
			o->strict = 1;
			break;
		case OPT_TIMEOUT:
			if ((r = parse_timeout(o, optarg, &o->timeout_ms)) >= 0)
				goto out;
			break;
		case 'h':
			fputs(prog->help, stdout);
			r = 0;
			goto out;
		case 'V':
			r = show_version(o);
			goto out;
		case ':':
			r = cli_usage_error(o, "option '%s' needs a value",
					    av[optind - 1]);
			goto out;
		default:
			if (optopt)
				r = cli_usage_error(o, "unknown option '-%c'",
						    optopt);
			else
				r = cli_usage_error(o, "unknown option '%s'",
						    av[optind - 1]);
			goto out;
		}
	}
	if (optind >= ac) {
		r = cli_usage_error(o, "no command given");
		goto out;
	}
	for (i = 0; prog->commands[i]; i++)
		if (!strcasecmp(av[optind], prog->commands[i]))
			break;
	if (!prog->commands[i]) {
		r = cli_usage_error(o, "unknown command '%s'", av[optind]);
		goto out;
	}
	o->command = prog->commands[i];
	/* The operands stay valid: they point into argv, not into av. */
	o->nargs = ac - optind - 1;
	o->args = argv + argc - o->nargs;
	memmove(o->args, av + optind + 1, (size_t)o->nargs * sizeof(*av));
	r = -1;
out:
	free(av);
	return r;
}

ccp_hr_t cli_connect(const cli_opts *o, ccp_cluster **out)
{
	ccp_cluster *c = NULL;
	ccp_hr_t hr;

	*out = NULL;
	hr = ccp_cluster_new(&c);
	if (CCP_FAILED(hr))
		return hr;
	*out = c;
	if (CCP_FAILED(hr = ccp_set_option(c, CCP_OPT_DRY_RUN, o->dry_run)) ||
	    CCP_FAILED(hr = ccp_set_option(c, CCP_OPT_STRICT, o->strict)))
		return hr;
	if (o->timeout_ms &&
	    CCP_FAILED(hr = ccp_set_option(c, CCP_OPT_TIMEOUT_MS,
					   o->timeout_ms)))
		return hr;
	return ccp_connect(c, o->scheduler);
}

const char *cli_message(const ccp_cluster *c, ccp_hr_t hr)
{
	const char *m = ccp_error_message(c);

	if (c && *m && ccp_last_error(c) == hr)
		return m;
	return ccp_hr_text(hr);
}
