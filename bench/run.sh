#!/bin/bash
# run.sh - start a private one-host Slurm cluster (tests/live/cluster.sh)
# with the bench's knobs, run bench/requeue_bench in it, stop the cluster
# (also on failure or ^C).
#
# Usage: bench/run.sh [--quick] [other requeue_bench options]
#        CCP_BENCH_MAX_ARRAY=100001 bench/run.sh --sparse 100000 10
#        bench/run.sh --callgrind N   one library call of N tasks under
#                                     valgrind --tool=callgrind
# Environment: CCP_BUILDDIR (the build tree; default: the current folder),
# CCP_SRCDIR (default: this script's parent), CCP_TASK (the ccp-task to
# time; default: the build tree's cli/ccp-task when it was built).
# Needs root, like the live suite.
#
# Knobs the bench needs and cluster.sh does not take from the environment
# (it writes MaxArraySize=1001, MaxJobCount=20000 and no MinJobAge): the
# generated slurm.conf is edited before the daemons start:
#   MaxArraySize=10001  tasks 1..10000 (CCP_BENCH_MAX_ARRAY: more, for
#                       --sparse 100000 K)
#   MaxJobCount=300000  three arrays of 100 + 1000 + 10000 split records
#                       and the mixed one, or --sparse's 100,000, stay in
#                       the controller at once
#   MinJobAge=3600      cancelled tasks must not be purged mid-run
#                       (default 300 s)
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${CCP_SRCDIR:-$(dirname "$here")}
build=${CCP_BUILDDIR:-$PWD}
bench=$build/bench/requeue_bench
[ -x "$bench" ] || { echo "run.sh: $bench is not built: run make in the" \
	"build tree, or set CCP_BUILDDIR" >&2; exit 2; }

. "$src/tests/live/cluster.sh" || exit 2

# Wrap cluster.sh's slurm.conf writer: its output, then our knobs.
eval "_bench_conf_orig() $(declare -f _cl_write_conf | tail -n +2)"
_cl_write_conf() {
	_bench_conf_orig || return 1
	sed -i -e "s/^MaxArraySize=.*/MaxArraySize=${CCP_BENCH_MAX_ARRAY:-10001}/" \
	       -e 's/^MaxJobCount=.*/MaxJobCount=300000/' \
	       -e 's/^MessageTimeout=.*/MessageTimeout=100/' \
	       -e '/^MinJobAge=/d' "$CCP_LIVE_DIR/slurm.conf" &&
	echo "MinJobAge=3600" >> "$CCP_LIVE_DIR/slurm.conf"
}

trap 'cluster_stop' EXIT
trap 'exit 130' INT TERM
cluster_start || exit 1

# The machine, for docs/performance.md (after the start: Slurm's commands
# need SLURM_CONF, without it they look for DNS SRV records for minutes).
echo "# machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
	"$(uname -sr), $(timeout 10 sinfo -V 2>/dev/null), $(date -u +%FT%TZ)"
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine disturbs the figures)"

# The CLI, when it is built: the real program, not libtool's wrapper
# script (its shell start-up would be timed too).
cli=${CCP_TASK:-}
if [ -z "$cli" ]; then
	if [ -x "$build/cli/.libs/ccp-task" ]; then
		cli=$build/cli/.libs/ccp-task
	elif [ -x "$build/cli/ccp-task" ]; then
		cli=$build/cli/ccp-task
	fi
fi
export LD_LIBRARY_PATH=$build/shim/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
cli_args=()
if [ -n "$cli" ]; then
	cli_args=(--cli "$cli")
else
	echo "# no ccp-task in $build/cli: the CLI rows are skipped"
fi

if [ "${1:-}" = --callgrind ]; then
	n=${2:-10000}
	out=${CCP_CALLGRIND_OUT:-$PWD/callgrind.bench.$n}
	"$build/libtool" --mode=execute valgrind --tool=callgrind \
		--callgrind-out-file="$out" "$bench" --profile "$n"
	rc=$?
	callgrind_annotate --inclusive=yes "$out" 2>/dev/null | head -n 60
	echo "# callgrind output: $out"
	exit $rc
fi
"$bench" "${cli_args[@]}" "$@"
