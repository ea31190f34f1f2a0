# plugin_cases.sh - live cases for the ccpshim SPANK plugin (issue 4).
# Sourced by tests/live/run.sh after cluster.sh and its assertion helpers
# (assert_eq, assert_match, fail, note, must, csub, jfield, run_case,
# cancel_case_jobs); `plugin_cases` runs every case through run_case.
#
# The test cluster's slurm.conf names PlugStackConfig=$CCP_LIVE_DIR/
# plugstack.conf; each case writes that file (sbatch, srun and slurmstepd
# read it afresh at every start) and the last step empties it again, so the
# other cases run without the plugin. The plugin is listed `required`: one
# that fails to load must stop sbatch/srun, not vanish.
#
# Environment: CCP_PLUGIN_SO overrides the plugin path (default:
# $CCP_BUILDDIR/plugin/.libs/ccpshim.so, built by `make check-live`).

PLUGIN_SO=${CCP_PLUGIN_SO:-${CCP_BUILDDIR:-$(pwd)}/plugin/.libs/ccpshim.so}
PLUGIN_IDENTITY="CCP_JOBID CCP_TASKID CCP_TASKINSTANCEID CCP_RETRY_COUNT CCP_NUMCPUS CCP_NODES"

# plugin_stack ARGS...: list the plugin (required) with ARGS.
plugin_stack() {
	printf 'required %s %s\n' "$PLUGIN_SO" "$*" > "$CCP_LIVE_DIR/plugstack.conf"
}
plugin_nostack() { : > "$CCP_LIVE_DIR/plugstack.conf"; }

# The folder the jobs write to; the user ccptest may write there too.
PDIR=
plugin_prepare() {
	PDIR=$CCP_LIVE_DIR/jobs/plugin
	mkdir -p "$PDIR" && chmod 1777 "$PDIR"
	# penv.sh OUT MODE: writes the task's CCP_* (and SLURM_RESTART_COUNT,
	# SLURM_JOB_ID) to OUT.<array index or p>.run<N>, N = runs before.
	cat > "$PDIR/penv.sh" <<EOS
#!/bin/sh
# Live-suite job script of the plugin cases (tests/live/plugin_cases.sh).
out=\$1.\${SLURM_ARRAY_TASK_ID:-p}
n=0; while [ -e "\$out.run\$n" ]; do n=\$((n + 1)); done
{ env | grep -E '^(CCP_[A-Z_]*|SLURM_RESTART_COUNT)=' | grep -v '^CCP_LIVE'
  echo "SLURM_JOB_ID=\$SLURM_JOB_ID"; } > "\$out.run\$n.tmp"
mv "\$out.run\$n.tmp" "\$out.run\$n"
case \$2 in
requeue)
	# First run: wait to be requeued. Second: submit a job from in here,
	# this task's whole environment inherited (sbatch's default).
	[ "\$n" -eq 0 ] && exec sleep 600
	sbatch --parsable -o /dev/null "$PDIR/penv.sh" "\$1.child" none \
		> "\$out.childid.tmp" 2>&1
	mv "\$out.childid.tmp" "\$out.childid" ;;
srun)
	# A step whose environment lies about everything srun passes on.
	CCP_JOBID=999 CCP_TASKID=999 SLURM_ARRAY_JOB_ID=999 \
	SLURM_ARRAY_TASK_ID=998 SLURM_RESTART_COUNT=9 \
	SLURM_JOB_NODELIST=bogus SLURM_JOB_CPUS_PER_NODE=64 \
		srun -n1 "$PDIR/penv.sh" "\$1.step.\$SLURM_ARRAY_TASK_ID" none ;;
sleep) exec sleep 600 ;;
esac
exit 0
EOS
	chmod 0755 "$PDIR/penv.sh"
}

# psub [SBATCH ARGS...]: sbatch as root into the cluster; prints the id
# and records it for cancel_case_jobs.
psub() {
	local j
	j=$(timeout 20 sbatch --parsable -o /dev/null "$@" | cut -d';' -f1)
	[ -n "$j" ] || return 1
	echo "$j" >> "$CCP_LIVE_DIR/case_jobs"
	echo "$j"
}
# psub_user: the same as the unprivileged user ccptest.
psub_user() {
	local j
	j=$(as_ccptest sbatch --parsable -o /dev/null "$@" | cut -d';' -f1)
	[ -n "$j" ] || return 1
	echo "$j" >> "$CCP_LIVE_DIR/case_jobs"
	echo "$j"
}

# pval FILE NAME: NAME's value in a penv output, or <unset>.
pval() {
	if [ ! -f "$1" ]; then echo "<no file $1>"; return; fi
	grep -q "^$2=" "$1" && sed -n "s/^$2=//p" "$1" | head -n 1 || echo "<unset>"
}

# wait_file FILE SECS: until FILE exists.
wait_file() {
	local end=$((SECONDS + $2))
	while [ ! -e "$1" ]; do
		[ "$SECONDS" -ge "$end" ] && { fail "no file $1 after $2 s"; return 1; }
		sleep 0.3
	done
}

# The controller host as slurmctld names it (SlurmctldHost[0], no address).
# plugin_controller: the first SlurmctldHost as an ERE matching its name or
# its address: slurmstepd of 22.05 knows the name, that of 26.05 only the
# address (docs/plugin.md). "NAME(ADDR)" -> ^(NAME|ADDR)$; "NAME" -> ^(NAME)$.
plugin_controller() {
	timeout 10 scontrol show config |
		sed -n 's/^SlurmctldHost\[0\] *= *\([^(]*\)(\{0,1\}\([^)]*\))\{0,1\}.*/\1 \2/p' |
		awk 'NF { gsub(/\./, "\\."); printf "^(%s%s)$", $1, (NF > 1 ? "|" $2 : "") }'
}

# assert_task FILE JOBID TASKID RETRY NUMCPUS NODES: the identity set.
assert_task() {
	local f=$1
	[ -f "$f" ] && note "${f##*/}: $(tr '\n' ' ' < "$f")"
	assert_eq "$f CCP_JOBID" "$(pval "$f" CCP_JOBID)" "$2"
	assert_eq "$f CCP_TASKID" "$(pval "$f" CCP_TASKID)" "$3"
	assert_eq "$f CCP_TASKINSTANCEID" "$(pval "$f" CCP_TASKINSTANCEID)" 0
	assert_eq "$f CCP_RETRY_COUNT" "$(pval "$f" CCP_RETRY_COUNT)" "$4"
	assert_eq "$f CCP_NUMCPUS" "$(pval "$f" CCP_NUMCPUS)" "$5"
	assert_eq "$f CCP_NODES" "$(pval "$f" CCP_NODES)" "$6"
}

# No step logged a ccpshim error since mark (a byte offset of slurmd.log).
plugin_log_mark() { stat -c %s "$CCP_LIVE_DIR/log/slurmd.log"; }
assert_no_plugin_errors() {
	local errs
	errs=$(tail -c +"$(($1 + 1))" "$CCP_LIVE_DIR/log/slurmd.log" | grep 'ccpshim' | head -5)
	assert_eq "ccpshim errors in slurmd.log" "$errs" ""
}

# --- the cases ------------------------------------------------------------

# A job array (as ccptest, 2 CPUs per task) and a plain job print the
# standard set; task 1 of the array is split off and still says the
# array's id.
case_plugin_array_plain() {
	local j p i f mark sched
	plugin_stack
	mark=$(plugin_log_mark)
	sched=$(plugin_controller)
	assert_ne "controller host" "$sched" ""
	j=$(psub_user -J ccparr -c 2 -D "$PDIR" -a 1-3 "$PDIR/penv.sh" "$PDIR/arr" none) ||
		{ fail "sbatch (array) failed"; return 1; }
	p=$(psub_user -J ccpplain -D "$PDIR" "$PDIR/penv.sh" "$PDIR/plain" none) ||
		{ fail "sbatch (plain) failed"; return 1; }
	for i in 1 2 3; do must "${j}_$i" 60 COMPLETED || return 1; done
	must "$p" 60 COMPLETED || return 1
	assert_ne "task 1 was split off (own job id)" "$(jfield "${j}_1" JobId)" "$j"
	for i in 1 2 3; do
		f=$PDIR/arr.$i.run0
		assert_task "$f" "$j" "$i" 0 2 "1 n1 2"
		assert_eq "$f CCP_JOBNAME" "$(pval "$f" CCP_JOBNAME)" ccparr
		assert_eq "$f CCP_WORKDIR" "$(pval "$f" CCP_WORKDIR)" "$PDIR"
		assert_match "$f CCP_SCHEDULER" "$(pval "$f" CCP_SCHEDULER)" "$sched"
		assert_eq "$f CCP_RERUNNABLE" "$(pval "$f" CCP_RERUNNABLE)" "<unset>"
	done
	f=$PDIR/plain.p.run0
	assert_task "$f" "$p" 1 0 1 "1 n1 1"
	assert_eq "$f CCP_JOBNAME" "$(pval "$f" CCP_JOBNAME)" ccpplain
	assert_eq "$f CCP_WORKDIR" "$(pval "$f" CCP_WORKDIR)" "$PDIR"
	assert_match "$f CCP_SCHEDULER" "$(pval "$f" CCP_SCHEDULER)" "$sched"
	assert_no_plugin_errors "$mark"
}

# A job submitted with another job's CCP_* (and SLURM_RESTART_COUNT) in its
# environment: identity overwritten, user-set JOBNAME/WORKDIR/SCHEDULER
# kept; scheduler= sets CCP_SCHEDULER where the user did not.
case_plugin_inherited() {
	local j p f
	plugin_stack scheduler=head.example.org
	j=$(env CCP_JOBID=999 CCP_TASKID=999 CCP_TASKINSTANCEID=9 \
		CCP_RETRY_COUNT=9 CCP_NUMCPUS=99 CCP_NODES="9 x 9" \
		SLURM_RESTART_COUNT=7 CCP_JOBNAME=mine CCP_WORKDIR=/mine \
		CCP_SCHEDULER=myhead \
		sbatch --parsable -o /dev/null -D "$PDIR" -a 4 \
		"$PDIR/penv.sh" "$PDIR/inh" none) || { fail "sbatch failed"; return 1; }
	echo "$j" >> "$CCP_LIVE_DIR/case_jobs"
	p=$(CCP_JOBID=999 psub -D "$PDIR" "$PDIR/penv.sh" "$PDIR/sch" none) ||
		{ fail "sbatch failed"; return 1; }
	must "${j}_4" 60 COMPLETED || return 1
	must "$p" 60 COMPLETED || return 1
	f=$PDIR/inh.4.run0
	assert_task "$f" "$j" 4 0 1 "1 n1 1"
	assert_eq "$f SLURM_RESTART_COUNT (inherited 7 dropped)" \
		"$(pval "$f" SLURM_RESTART_COUNT)" "<unset>"
	assert_eq "$f CCP_JOBNAME (user's)" "$(pval "$f" CCP_JOBNAME)" mine
	assert_eq "$f CCP_WORKDIR (user's)" "$(pval "$f" CCP_WORKDIR)" /mine
	assert_eq "$f CCP_SCHEDULER (user's)" "$(pval "$f" CCP_SCHEDULER)" myhead
	f=$PDIR/sch.p.run0
	assert_eq "$f CCP_JOBID" "$(pval "$f" CCP_JOBID)" "$p"
	assert_eq "$f CCP_SCHEDULER (scheduler=)" "$(pval "$f" CCP_SCHEDULER)" head.example.org
}

# A split-off running task requeued and run again says CCP_RETRY_COUNT=1;
# a job it submits (its environment inherited, SLURM_RESTART_COUNT=1 in
# it) says 0 and its own id.
case_plugin_requeue() {
	local j t1 c f mark
	plugin_stack
	mark=$(plugin_log_mark)
	j=$(psub_user -D "$PDIR" -a 1-2 "$PDIR/penv.sh" "$PDIR/rq" requeue) ||
		{ fail "sbatch failed"; return 1; }
	must "${j}_1" 60 RUNNING || return 1
	wait_file "$PDIR/rq.1.run0" 30 || return 1
	t1=$(jfield "${j}_1" JobId)
	assert_ne "task 1 split off" "$t1" "$j"
	assert_true "scontrol requeue ${j}_1" timeout 10 scontrol requeue "${j}_1"
	must "${j}_1" 60 PENDING || return 1
	# slurmd refuses a launch in the same second as the requeue revoked
	# the task's credential ("Job credential revoked": whole seconds), and
	# the task then ends FAILED at once: let that second pass first.
	sleep 2
	assert_true "StartTime=now" timeout 10 scontrol update jobid="${j}_1" StartTime=now
	must "${j}_1" 90 COMPLETED || return 1
	assert_eq "${j}_1 Restarts" "$(jfield "${j}_1" Restarts)" 1
	assert_task "$PDIR/rq.1.run0" "$j" 1 0 1 "1 n1 1"
	f=$PDIR/rq.1.run1
	assert_task "$f" "$j" 1 1 1 "1 n1 1"
	assert_eq "$f SLURM_RESTART_COUNT" "$(pval "$f" SLURM_RESTART_COUNT)" 1
	wait_file "$PDIR/rq.1.childid" 30 || return 1
	c=$(cat "$PDIR/rq.1.childid")
	case $c in ''|*[!0-9]*) fail "child sbatch said: $c"; return 1;; esac
	echo "$c" >> "$CCP_LIVE_DIR/case_jobs"
	must "$c" 60 COMPLETED || return 1
	# The child inherited SLURM_ARRAY_TASK_ID=1 in its environment.
	f=$(ls "$PDIR"/rq.child.*.run0 2>/dev/null | head -n 1)
	[ -n "$f" ] || { fail "the child job wrote nothing"; return 1; }
	assert_task "$f" "$c" 1 0 1 "1 n1 1"
	assert_eq "$f SLURM_RESTART_COUNT" "$(pval "$f" SLURM_RESTART_COUNT)" "<unset>"
	assert_no_plugin_errors "$mark"
}

# An srun step inside a split-off array task, its environment forged: the
# values come from the job's record, not from srun's environment. And srun
# outside any job (its own allocation) gets its job id.
case_plugin_srun_step() {
	local j i f out mark
	plugin_stack
	mark=$(plugin_log_mark)
	j=$(psub -D "$PDIR" -a 1-2 "$PDIR/penv.sh" "$PDIR/st" srun) ||
		{ fail "sbatch failed"; return 1; }
	must "${j}_1" 60 COMPLETED || return 1
	must "${j}_2" 60 COMPLETED || return 1
	for i in 1 2; do
		# The step's own SLURM_ARRAY_TASK_ID was forged: 998.
		f=$PDIR/st.step.$i.998.run0
		assert_task "$f" "$j" "$i" 0 1 "1 n1 1"
	done
	out=$(cd "$PDIR" && timeout 60 srun -n1 -J ccpsrun sh -c \
		'echo "$SLURM_JOB_ID $CCP_JOBID $CCP_TASKID $CCP_RETRY_COUNT $CCP_JOBNAME"' 2>&1)
	set -- $out
	assert_eq "srun job: CCP_JOBID = SLURM_JOB_ID" "${2:-}" "${1:-x}"
	assert_eq "srun job: rest" "${3:-} ${4:-} ${5:-}" "1 0 ccpsrun"
	assert_no_plugin_errors "$mark"
}

# --ccp-env=no: no identity variable, even one the environment held; a bad
# value stops sbatch with the plugin's message.
case_plugin_optout() {
	local j f v out rc
	plugin_stack
	j=$(CCP_JOBID=999 CCP_NODES=x psub --ccp-env=no -D "$PDIR" \
		"$PDIR/penv.sh" "$PDIR/no" none) || { fail "sbatch --ccp-env=no failed"; return 1; }
	must "$j" 60 COMPLETED || return 1
	f=$PDIR/no.p.run0
	for v in $PLUGIN_IDENTITY; do
		assert_eq "$f $v" "$(pval "$f" "$v")" "<unset>"
	done
	assert_eq "$f CCP_JOBNAME" "$(pval "$f" CCP_JOBNAME)" "<unset>"
	out=$(timeout 60 srun --ccp-env=no -n1 sh -c 'echo "[${CCP_JOBID:-none}]"' 2>&1)
	assert_eq "srun --ccp-env=no" "$out" "[none]"
	out=$(timeout 20 sbatch --ccp-env=maybe -o /dev/null --wrap=true 2>&1); rc=$?
	assert_ne "sbatch --ccp-env=maybe exit" "$rc" 0
	assert_match "sbatch --ccp-env=maybe message" "$out" "ccpshim: --ccp-env=maybe: want yes or no"
}

# A bad plugstack.conf argument: sbatch and srun stop with the plugin's
# message, and no job is submitted.
case_plugin_bad_argument() {
	local out rc before
	before=$(timeout 10 squeue -h -o %i | wc -l)
	plugin_stack bogus=1
	out=$(timeout 20 sbatch -o /dev/null --wrap=true 2>&1); rc=$?
	assert_ne "sbatch exit (bogus=1)" "$rc" 0
	assert_match "sbatch message" "$out" "ccpshim: plugstack.conf: unknown argument 'bogus=1'"
	out=$(timeout 20 srun -n1 true 2>&1); rc=$?
	assert_ne "srun exit (bogus=1)" "$rc" 0
	assert_match "srun message" "$out" "ccpshim: plugstack.conf: unknown argument 'bogus=1'"
	plugin_stack vars=CCP_JOBID,CCP_FOO
	out=$(timeout 20 sbatch -o /dev/null --wrap=true 2>&1); rc=$?
	assert_ne "sbatch exit (vars=CCP_FOO)" "$rc" 0
	assert_match "sbatch message (vars)" "$out" "ccpshim: plugstack.conf: vars=.*'CCP_FOO'"
	plugin_stack enabled=perhaps
	out=$(timeout 20 sbatch -o /dev/null --wrap=true 2>&1); rc=$?
	assert_ne "sbatch exit (enabled=perhaps)" "$rc" 0
	assert_match "sbatch message (enabled)" "$out" "enabled=perhaps: want yes or no"
	assert_eq "no job was submitted" "$(timeout 10 squeue -h -o %i | wc -l)" "$before"
}

# enabled=no: nothing set, --ccp-env still accepted; vars=all adds
# CCP_RERUNNABLE from the job's Requeue flag; a chosen list sets only it.
case_plugin_switches() {
	local j k l f
	plugin_stack enabled=no
	j=$(psub --ccp-env=no -D "$PDIR" "$PDIR/penv.sh" "$PDIR/off" none) ||
		{ fail "sbatch (enabled=no) failed"; return 1; }
	must "$j" 60 COMPLETED || return 1
	assert_eq "enabled=no: CCP_JOBID" "$(pval "$PDIR/off.p.run0" CCP_JOBID)" "<unset>"
	plugin_stack vars=all
	j=$(psub -D "$PDIR" "$PDIR/penv.sh" "$PDIR/rr" none) || { fail "sbatch failed"; return 1; }
	k=$(psub --no-requeue -D "$PDIR" -a 3 "$PDIR/penv.sh" "$PDIR/nr" none) ||
		{ fail "sbatch --no-requeue failed"; return 1; }
	must "$j" 60 COMPLETED || return 1
	must "${k}_3" 60 COMPLETED || return 1
	assert_eq "requeue job: CCP_RERUNNABLE" "$(pval "$PDIR/rr.p.run0" CCP_RERUNNABLE)" True
	assert_eq "--no-requeue: CCP_RERUNNABLE" "$(pval "$PDIR/nr.3.run0" CCP_RERUNNABLE)" False
	assert_task "$PDIR/nr.3.run0" "$k" 3 0 1 "1 n1 1"
	plugin_stack vars=CCP_JOBID,CCP_TASKID
	l=$(psub -D "$PDIR" -a 5 "$PDIR/penv.sh" "$PDIR/ls" none) || { fail "sbatch failed"; return 1; }
	must "${l}_5" 60 COMPLETED || return 1
	f=$PDIR/ls.5.run0
	assert_eq "$f CCP_JOBID" "$(pval "$f" CCP_JOBID)" "$l"
	assert_eq "$f CCP_TASKID" "$(pval "$f" CCP_TASKID)" 5
	assert_eq "$f CCP_NODES (not chosen)" "$(pval "$f" CCP_NODES)" "<unset>"
	assert_eq "$f CCP_JOBNAME (not chosen)" "$(pval "$f" CCP_JOBNAME)" "<unset>"
}

# The .so exports only plugin_* and slurm_spank_*, and needs no Slurm
# library of its own.
case_plugin_symbols() {
	local extra needed
	assert_true "plugin built: $PLUGIN_SO" test -r "$PLUGIN_SO"
	extra=$(nm -D --defined-only "$PLUGIN_SO" | awk '{print $3}' |
		grep -Ev '^(plugin_[a-z_]+|slurm_spank_[a-z_]+)$')
	assert_eq "exported beyond plugin_*/slurm_spank_*" "$extra" ""
	assert_match "slurm_spank_init exported" "$(nm -D --defined-only "$PLUGIN_SO")" " T slurm_spank_init$"
	needed=$(readelf -d "$PLUGIN_SO" | grep NEEDED | grep -Ei 'slurm|ccpshim')
	assert_eq "Slurm or ccpshim libraries linked" "$needed" ""
}

# plugin_cases: run them all, then take the plugin out of the stack.
plugin_cases() {
	if ! grep -qx "PlugStackConfig=$CCP_LIVE_DIR/plugstack.conf" "$CCP_LIVE_DIR/slurm.conf"; then
		run_case "plugin: cluster has PlugStackConfig" _plugin_no_stack
		return
	fi
	if [ ! -r "$PLUGIN_SO" ]; then
		run_case "plugin: built at $PLUGIN_SO" _plugin_not_built
		return
	fi
	plugin_prepare
	# sbatch runs as ccptest in some cases and loads the plugin itself:
	# load a staged copy it can read, wherever the build tree is.
	PLUGIN_SO=$(cluster_stage "$PLUGIN_SO")/$(basename "$PLUGIN_SO")
	run_case "plugin: exports only plugin_*/slurm_spank_*, links no Slurm" case_plugin_symbols
	run_case "plugin: job array and plain job see the CCP_* set" case_plugin_array_plain
	run_case "plugin: inherited CCP_* overwritten, user's JOBNAME/WORKDIR/SCHEDULER kept" case_plugin_inherited
	run_case "plugin: requeued task CCP_RETRY_COUNT=1, job submitted from it 0" case_plugin_requeue
	run_case "plugin: srun steps take the job record, not srun's environment" case_plugin_srun_step
	run_case "plugin: --ccp-env=no removes the variables" case_plugin_optout
	run_case "plugin: bad plugstack.conf argument stops sbatch and srun" case_plugin_bad_argument
	run_case "plugin: enabled=no, vars=all (CCP_RERUNNABLE), vars=LIST" case_plugin_switches
	plugin_nostack
}
_plugin_no_stack() { fail "slurm.conf lacks PlugStackConfig=$CCP_LIVE_DIR/plugstack.conf (tests/live/cluster.sh)"; }
_plugin_not_built() { fail "no plugin at $PLUGIN_SO (make check-live builds it; or set CCP_PLUGIN_SO)"; }
