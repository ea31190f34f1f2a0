#!/bin/bash
# inchroot.sh - the package test's cases, run INSIDE the bookworm chroot by
# tests/pkg/run.sh, with only the installed .debs (and munge, slurmctld,
# slurmd, gcc, pkg-config). Starts a private cluster with the live suite's
# cluster.sh and slurm_conf.sh (copied in beside this file) on ports
# 19000-19999, stops it on every exit path. Prints "RESULT ok NAME" /
# "RESULT fail NAME" lines that run.sh numbers and counts; everything else
# is commentary.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Ports 19000-19999: the live suite on the host uses 17000-17999 and may
# run at the same time.
CCP_LIVE_PORT_BASE=19000
. "$HERE/cluster.sh"

ok()   { echo "RESULT ok $*"; }
bad()  { echo "RESULT fail $*"; }
note() { printf '#   %s\n' "$*"; }
# check NAME CMD...: one result line from CMD's exit status.
check() { local n=$1; shift; if "$@"; then ok "$n"; else bad "$n"; fi; }
# has TEXT ERE / count TEXT ERE: grep on a variable's lines.
has() { printf '%s\n' "$1" | grep -Eq -- "$2"; }
count() { printf '%s\n' "$1" | grep -Ec -- "$2"; }

trap 'cluster_stop' EXIT
trap 'exit 130' INT TERM

# --- the -dev package ----------------------------------------------------
SPANK=$(pkg-config ccpshim --variable=spankplugin)
note "pkg-config: $(pkg-config --cflags --libs ccpshim) spankplugin=$SPANK"
# The client is the shipped example (examples/requeue_failed.c): a ported
# CCP client, as a user would build it.
check "client compiles against libccpshim-dev (pkg-config ccpshim)" \
	sh -c "cc -Wall -o $HERE/client $HERE/requeue_failed.c \$(pkg-config --cflags --libs ccpshim)"
check "pkg-config spankplugin names the installed plugin" \
	test -f "$SPANK" -a "$(dpkg -S "$SPANK" 2>/dev/null | cut -d: -f1)" = slurm-spank-ccpshim
check "HPC Pack links run ccp-task" \
	sh -c '/usr/libexec/ccpshim/hpcpack/task --help 2>&1 | grep -qi requeue'

# --- a cluster -----------------------------------------------------------
if ! cluster_start; then
	bad "private cluster starts in the chroot"
	exit 1
fi
ok "private cluster starts in the chroot (ports $CCP_LIVE_CTLD_PORT, $CCP_LIVE_SLURMD_PORT)"

# An array whose even tasks fail.
cat > "$CCP_LIVE_DIR/jobs/odd.sh" <<'EOS'
#!/bin/sh
[ $((SLURM_ARRAY_TASK_ID % 2)) -eq 1 ]
EOS
chmod 0755 "$CCP_LIVE_DIR/jobs/odd.sh"
job=$(csub -J odd --array=1-4 "$CCP_LIVE_DIR/jobs/odd.sh")
note "job array $job"
setup=ok
for t in 1 2 3 4; do
	want=COMPLETED; [ $((t % 2)) -eq 0 ] && want=FAILED
	wait_state "${job}_$t" 60 "$want" || setup=
done
check "job array $job ran: tasks 2 and 4 FAILED, 1 and 3 COMPLETED" test -n "$setup"

out=$(timeout 60 ccp-task requeue "$job.2" 2>&1); rc=$?
note "ccp-task requeue $job.2 -> $rc: $out"
check "ccp-task requeue $job.2 exits 0" test "$rc" -eq 0
s=$(jstate "${job}_2"); r=$(jfield "${job}_2" Restarts)
note "scontrol: ${job}_2 JobState=$s Restarts=$r"
check "scontrol: ${job}_2 PENDING with Restarts=1" test "$s" = PENDING -a "$r" = 1

out=$(timeout 60 "$HERE/client" "$job" 4 2>&1); rc=$?
note "client $job 4 -> $rc: $out"
s=$(jstate "${job}_4"); r=$(jfield "${job}_4" Restarts)
check "packaged client: RequeueTasks($job, {4}) S_OK, ${job}_4 PENDING Restarts=1" \
	test "$rc" -eq 0 -a "$s" = PENDING -a "$r" = 1
out=$(timeout 60 "$HERE/client" "$job" 3 2>&1); rc=$?
note "client $job 3 -> $rc: $(echo $out)"
check "packaged client: finished task 3 refused with 0x80040201" \
	has "$out" '^requeue failed: hr=0x80040201$'
timeout 10 scancel "$job" >/dev/null 2>&1

# --- the plugin, from its installed path ----------------------------------
cat > "$CCP_LIVE_DIR/jobs/env.sh" <<'EOS'
#!/bin/sh
echo "CCP_JOBID=${CCP_JOBID:-unset} CCP_TASKID=${CCP_TASKID:-unset}"
EOS
chmod 0755 "$CCP_LIVE_DIR/jobs/env.sh"
# plugin_job NAME: run a 2-task array, print its two output lines.
plugin_job() {
	local j t
	j=$(csub -J "$1" --array=1-2 "$CCP_LIVE_DIR/jobs/env.sh") || return 1
	for t in 1 2; do wait_state "${j}_$t" 60 COMPLETED FAILED || return 1; done
	cat "$CCP_LIVE_DIR/jobs/$1-${j}_1.out" "$CCP_LIVE_DIR/jobs/$1-${j}_2.out"
}

echo "required $SPANK" > "$CCP_LIVE_DIR/plugstack.conf"
out=$(plugin_job req 2>&1)
note "required $SPANK: $(echo $out)"
if has "$out" 'CCP_TASKID=1$' && has "$out" 'CCP_TASKID=2$'; then
	ok "plugin (required, installed path): tasks print CCP_TASKID=1 and 2"
else
	bad "plugin (required, installed path): tasks print CCP_TASKID=1 and 2"
fi

echo "include /etc/slurm/plugstack.conf.d/*.conf" > "$CCP_LIVE_DIR/plugstack.conf"
note "packaged snippet: $(grep -v '^#' /etc/slurm/plugstack.conf.d/ccpshim.conf)"
out=$(plugin_job snip 2>&1)
note "include plugstack.conf.d: $(echo $out)"
check "plugin (packaged plugstack.conf.d snippet): tasks print CCP_TASKID" \
	has "$out" 'CCP_TASKID=1$'

# What a Slurm upgrade that leaves the plugin behind looks like: optional
# runs the job without the variables; required would fail it.
echo "optional /usr/lib/nonexistent/ccpshim.so" > "$CCP_LIVE_DIR/plugstack.conf"
out=$(plugin_job gone 2>&1)
note "optional, plugin missing: $(echo $out)"
check "optional + missing plugin: jobs still run (CCP_TASKID unset)" \
	test "$(count "$out" 'CCP_TASKID=unset$')" -eq 2
: > "$CCP_LIVE_DIR/plugstack.conf"
exit 0
