#!/bin/bash
# quickstart.sh - on a fresh Debian machine, as root: install what ccpshim
# needs, build and install it, start a private local Slurm cluster, run a
# job array whose odd tasks fail, requeue the failed tasks with the
# command line (ccp-task) and through the CCP API (a ported ICluster
# client), and show what happened. Stops the cluster afterwards.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
prefix=${PREFIX:-/usr/local}

"$top/scripts/deps.sh"

echo "# quickstart: build and install into $prefix"
cd "$top"
./bootstrap >/dev/null 2>&1 || { ./bootstrap; exit 1; }
mkdir -p "$top/_build" && cd "$top/_build"
"$top/configure" -q --prefix="$prefix"
make -s -j2 >/dev/null
make -s install >/dev/null
ldconfig
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:${PKG_CONFIG_PATH:-}"
export PATH="$prefix/bin:$PATH"

echo "# quickstart: compile a CCP client against the installed header"
client=$(mktemp -d)/requeue_failed
# shellcheck disable=SC2046
cc -o "$client" "$top/examples/requeue_failed.c" $(pkg-config --cflags --libs ccpshim)

# shellcheck source=../tests/live/cluster.sh
. "$top/tests/live/cluster.sh"
trap cluster_stop EXIT
cluster_start

echo "# quickstart: a 6-task job array; odd tasks fail"
job=$(csub --array=1-6 \
	--wrap='exit $((SLURM_ARRAY_TASK_ID % 2))')
for t in 1 2 3 4 5 6; do
	want=COMPLETED; [ $((t % 2)) -eq 1 ] && want=FAILED
	wait_state "${job}_$t" 60 "$want" >/dev/null
done
show() {
	for t in 1 2 3 4 5 6; do
		printf '  %s_%s  %-10s restarts=%s\n' "$job" "$t" \
			"$(jstate "${job}_$t")" "$(jfield "${job}_$t" Restarts)"
	done
}
echo "# before:"; show
echo "# \$ ccp-task list $job"
ccp-task list "$job"

echo "# \$ ccp-task requeue $job.[1-6] --dry-run     (nothing changes)"
ccp-task requeue "$job.[1-6]" --dry-run || echo "# (exit $?: it would stop at task 2)"

echo "# \$ ccp-task requeue $job.1 $job.3 $job.5"
ccp-task requeue "$job.1" "$job.3" "$job.5"
echo "# after:"; show

echo "# ported CCP client: RequeueTasks($job, {1, 2}): 1 is queued, 2 finished: it stops there"
"$client" "$job" 1 2 || true

echo "# ported CCP client: RequeueJob($job): nothing failed any more, queued tasks stay queued"
"$client" "$job"

for t in 1 3 5; do
	s=$(jstate "${job}_$t")
	[ "$s" = PENDING ] || { echo "quickstart: task $t is $s, not PENDING" >&2; exit 1; }
done
for t in 2 4 6; do
	s=$(jstate "${job}_$t")
	[ "$s" = COMPLETED ] || { echo "quickstart: task $t is $s, not COMPLETED" >&2; exit 1; }
done
echo "# quickstart: done: failed tasks 1, 3, 5 are queued again (they wait about"
echo "# 120 s, reason BeginTime, before they may run); finished ones were refused."
