# cli_cases.sh - live cases for the command line (ccp-task, ccp-job),
# sourced by tests/live/run.sh after cluster.sh. Each case runs the real
# programs against the private cluster and checks stdout, stderr, the exit
# status and the real states (scontrol show job -o).
#
# Uses from run.sh: run_case, note, fail, assert_eq, assert_ne,
# assert_match, assert_true, must; from cluster.sh: csub, jstate, jfield,
# jshow, wait_state, cluster_dead_conf. Everything here is prefixed cli_.
#
# Hook: after sourcing, call cli_cases_run inside main (cluster up).
# Environment: CCP_LIVE_CLI_DIR, where ccp-task and ccp-job were built
# (default: $CCP_BUILDDIR/cli, else ./cli).

CLI_DIR=${CCP_LIVE_CLI_DIR:-${CCP_BUILDDIR:-$(pwd)}/cli}
COUT=; CERR=; CRC=0

# cli PROG ARGS...: run ccp-task or ccp-job. stdout in $COUT, stderr in
# $CERR, exit status in $CRC. A crash, a sanitizer report or a hang fails
# the case whatever the caller expects.
cli() {
	local prog=$1 e args; shift
	if [ ! -x "$CLI_DIR/$prog" ]; then
		fail "program not built: $CLI_DIR/$prog"
		COUT=; CERR=; CRC=127; return 1
	fi
	e=$(mktemp "$CCP_LIVE_DIR/cli.XXXXXX")
	COUT=$(timeout 60 "$CLI_DIR/$prog" "$@" 2>"$e"); CRC=$?
	CERR=$(cat "$e"); rm -f "$e"
	args="$*"
	[ "${#args}" -le 120 ] || args="${args:0:120}... ($# arguments)"
	note "$prog $args -> exit $CRC"
	printf '%s\n' "$COUT" | head -n 15 | sed 's/^/#     1| /'
	printf '%s\n' "$CERR" | head -n 6 | sed 's/^/#     2| /'
	if [ "$CRC" -ge 124 ]; then
		fail "$prog crashed or hung (exit $CRC)"
	fi
	case $CERR in
	*AddressSanitizer*|*LeakSanitizer*|*"runtime error"*)
		fail "$prog: sanitizer report";;
	esac
	return 0
}

# cli_ok / cli_status N: the exit status.
cli_status() { assert_eq "exit status" "$CRC" "$1"; }
# cli_err HRESULT: a failure: the HRESULT in hex on stderr, nothing else
# claimed.
cli_err() {
	assert_match "stderr names the HRESULT" "$CERR" "error $1 "
}
# cli_usage: a usage error: one line on stderr, nothing on stdout, exit 2.
cli_usage() {
	cli_status 2
	assert_eq "usage error: stdout" "$COUT" ""
	assert_eq "usage error: stderr lines" "$(printf '%s\n' "$CERR" | wc -l)" 1
	assert_ne "usage error: stderr" "$CERR" ""
}
# jget EXPR: a field of the JSON on $COUT (python3; d is the document).
jget() {
	printf '%s' "$COUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>&1
}

# cli_arr [SBATCH_OPTS... --] WHAT...: run.sh's newarr (array 1-N, task i
# does WHAT i, settled unless held; cancelled after the case). Sets J.
cli_arr() { newarr "$@"; }

# cli_snapshot JOB: every task's state and restart count, one per line.
cli_snapshot() {
	timeout 10 scontrol show job -o "$1" 2>&1 | tr ' ' '\n' |
		grep -E '^(ArrayTaskId|JobState|Restarts|Reason)=' | paste -d' ' - - - -
}

# cli_requeued ID RESTARTS: ID is (or within 20 s becomes) PENDING with
# RESTARTS, waiting on BeginTime (a running task passes through COMPLETING).
cli_requeued() {
	wait_state "$1" 20 PENDING 2>/dev/null
	assert_state "$1" PENDING "$2"
}

# =========================================================================

case_cli_failed() {
	cli_arr fail ok || return 1
	cli ccp-task requeue "$J.1"
	cli_status 0
	assert_match "stdout: one line for the task" "$COUT" "^$J\\.1 Failed: queued again"
	assert_eq "stderr" "$CERR" ""
	cli_requeued "${J}_1" 1
	assert_state "${J}_2" COMPLETED 0
}

case_cli_finished() {
	cli_arr ok || return 1
	cli ccp-task requeue "$J.1"
	cli_status 4
	cli_err 0x80040201
	assert_match "stderr: CCP's words" "$CERR" "CCP_E_TASK_FINISHED.*completed tasks"
	assert_true "stdout: no queued line" [ -z "$(printf '%s\n' "$COUT" | grep "^$J\\.1 ")" ]
	assert_state "${J}_1" COMPLETED 0
}

case_cli_running() {
	cli_arr sleep || return 1
	cli ccp-task requeue "${J}_1"		# Slurm's JOB_TASK form
	cli_status 0
	assert_match "stdout" "$COUT" "^$J\\.1 Running: cancelled and queued again"
	cli_requeued "${J}_1" 1
}

case_cli_cancelled() {
	cli_arr sleep sleep || return 1
	timeout 10 scancel "${J}_1"
	must "${J}_1" 20 CANCELLED || return 1
	cli ccp-task requeue "$J.1" -q
	cli_status 0
	assert_eq "stdout with -q" "$COUT" ""
	cli_requeued "${J}_1" 1
	assert_state "${J}_2" RUNNING 0
}

case_cli_pending() {
	cli_arr -H -- ok ok || return 1
	cli ccp-task requeue "$J.[1-2]"
	cli_status 0
	assert_match "stdout: held stays held" "$COUT" "^$J\\.1 Queued: already queued, held"
	assert_state "${J}_1" PENDING 0
	assert_match "still held" "$(jfield "${J}_1" Reason)" "JobHeld"
}

case_cli_unknown_task() {
	cli_arr fail || return 1
	cli ccp-task requeue "$J.7"
	cli_status 3
	cli_err 0x80040202
	cli ccp-task view "$J.7"
	cli_status 3
	cli_err 0x80040202
	assert_state "${J}_1" FAILED 0
}

case_cli_unknown_job() {
	cli ccp-task requeue 999999.1
	cli_status 3
	cli_err 0x80040203
	assert_match "message names MinJobAge" "$CERR" "MinJobAge"
	cli ccp-task list 999999
	cli_status 3
	cli ccp-job requeue 999999
	cli_status 3
	cli_err 0x80040203
}

case_cli_no_requeue() {
	cli_arr --no-requeue -- fail fail || return 1
	cli ccp-task requeue "$J.[1-2]"
	cli_status 4
	cli_err 0x80040204
	assert_state "${J}_1" FAILED 0
	assert_state "${J}_2" FAILED 0
	cli ccp-task list "$J"
	cli_status 0
	assert_match "list: refused as a whole" "$COUT" "refused as a whole.*CCP_E_REQUEUE_DISABLED"
	assert_match "list: task line" "$COUT" "^$J\\.1 +Failed +FAILED +0 +1:0 +refuse"
	cli ccp-job requeue "$J"
	cli_status 4
	cli_err 0x80040204
	assert_state "${J}_1" FAILED 0
}

# One job: stop in the middle. Two jobs: order kept, stop across calls.
case_cli_mixed_stop() {
	local k
	cli_arr fail ok fail || return 1
	k=$J
	cli ccp-task requeue "$k.1" "$k.2" "$k.3"
	cli_status 4
	cli_err 0x80040201
	assert_match "stderr: where it stopped" "$CERR" "stopped at $k\\.2 \\(id 2 of 3\\)"
	assert_match "stdout: first task queued" "$COUT" "^$k\\.1 Failed: queued again"
	cli_requeued "${k}_1" 1
	assert_state "${k}_2" COMPLETED 0
	assert_state "${k}_3" FAILED 0

	cli_arr fail || return 1
	cli ccp-task requeue "$J.1" "${k}_3" "$k.2" "$k.3"
	cli_status 4
	assert_match "stderr: stopped in the second job" "$CERR" "stopped at $k\\.2 \\(id 3 of 4\\)"
	cli_requeued "${J}_1" 1
	cli_requeued "${k}_3" 1
	assert_state "${k}_2" COMPLETED 0
}

case_cli_dry_run() {
	local before after
	cli_arr fail ok sleep || return 1
	before=$(cli_snapshot "$J")
	cli ccp-task requeue --dry-run "$J.[1,3,2]"
	cli_status 4
	cli_err 0x80040201
	assert_match "would queue 1" "$COUT" "^$J\\.1 Failed: would be queued again"
	assert_match "would cancel 3" "$COUT" "$J\\.3 Running: would be cancelled and queued again"
	assert_match "would stop at 2" "$COUT" "$J\\.2 Finished: the requeue would stop here"
	cli ccp-task requeue -n "$J.1" "$J.3" --json
	cli_status 0
	assert_eq "json dry_run" "$(jget 'd["dry_run"]')" True
	assert_eq "json results" "$(jget '",".join(t["result"] for t in d["tasks"])')" "would_requeue,would_requeue"
	cli ccp-job requeue --dry-run "$J"
	cli_status 0
	assert_match "job dry run" "$COUT" "job $J: would be requeued \\(2 tasks\\)"
	sleep 1
	after=$(cli_snapshot "$J")
	assert_eq "states after the dry runs" "$after" "$before"
	assert_state "${J}_1" FAILED 0
	assert_state "${J}_3" RUNNING 0
}

case_cli_json() {
	local i s want
	cli_arr fail ok || return 1
	cli ccp-task list "$J" --json
	cli_status 0
	assert_true "list --json parses" python3 -m json.tool <<<"$COUT" >/dev/null
	for i in 1 2; do
		s=$(jget "[(t['slurm_state'], t['restart_count'], t['status']) for t in d['jobs'][0]['tasks'] if t['task_id']==$i][0]")
		want=$(jstate "${J}_$i")
		assert_match "list --json: task $i state" "$s" "^\\('$want', $(jfield "${J}_$i" Restarts), "
	done
	assert_eq "list --json: 1 would" "$(jget "d['jobs'][0]['tasks'][0]['action']")" requeue
	assert_eq "list --json: 2 would" "$(jget "d['jobs'][0]['tasks'][1]['action']")" refuse
	cli ccp-task requeue "$J.1" --json
	cli_status 0
	assert_eq "requeue --json: result" "$(jget "d['tasks'][0]['result']")" requeued
	assert_eq "requeue --json: error" "$(jget "d['error']")" None
	cli_requeued "${J}_1" 1
	cli ccp-task requeue "$J.2" --json
	cli_status 4
	assert_eq "failure --json: hresult" "$(jget "d['error']['hresult']")" 0x80040201
	assert_eq "failure --json: exit_status" "$(jget "d['exit_status']")" 4
	cli_err 0x80040201
	cli ccp-task view "$J.[2,1]" --json
	cli_status 0
	assert_eq "view --json: order" "$(jget "[t['task_id'] for t in d['jobs'][0]['tasks']]")" "[2, 1]"
	assert_eq "view --json: requeued task" "$(jget "d['jobs'][0]['tasks'][1]['status']")" Queued
	cli ccp-job view "$J" --json
	cli_status 0
	assert_eq "job view --json: counts" "$(jget "d['jobs'][0]['counts']['Queued'], d['jobs'][0]['counts']['Finished']")" "1 1"
}

case_cli_malformed() {
	local a t0
	cli_arr fail || return 1
	for a in "95." ".4" "95.x" "95.[5-1]" "95.[1-999999999]" "-95.4" \
		 "95.-4" "" "95" "95.3.1" "95.[1-5" "0.1" "95.1-5" \
		 "99999999999.1"; do
		t0=$SECONDS
		cli ccp-task requeue "$a"
		cli_usage
		assert_true "'$a' answered at once" [ $((SECONDS - t0)) -le 2 ]
	done
	# A bad id anywhere: nothing is touched, not even the good ones first.
	cli ccp-task requeue "$J.1" "95.x"
	cli_usage
	assert_state "${J}_1" FAILED 0
	cli ccp-task requeue --bogus "$J.1"
	cli_usage
	cli ccp-task requeue "$J.1" /frob
	cli_usage
	cli ccp-job requeue "$J.1"
	cli_usage
	assert_state "${J}_1" FAILED 0
	# Over this cluster's MaxArraySize (1001): the library's E_INVALIDARG.
	cli ccp-task requeue "$J.[1,1001]"
	cli_status 2
	cli_err 0x80070057
	assert_state "${J}_1" FAILED 0
}

case_cli_many_ids() {
	local args
	cli_arr fail || return 1
	args=$(yes "$J.1" | head -n 10000)
	# shellcheck disable=SC2086
	cli ccp-task requeue -q $args
	cli_status 0
	assert_eq "stdout with -q" "$COUT" ""
	cli_requeued "${J}_1" 1
	cli ccp-task requeue "$J.[1-1000]" --json
	cli_status 3
	assert_eq "1000 ids: stopped at task 2" "$(jget "d['stopped_at']['id']")" "$J.2"
	assert_eq "1000 ids: not reached" "$(jget "d['not_reached']")" 998
	assert_state "${J}_1" PENDING 1
}

case_cli_job_requeue() {
	local k
	cli_arr ok ok || return 1
	k=$J
	cli_arr fail ok sleep || return 1
	cli ccp-job requeue "$J"
	cli_status 0
	assert_match "stdout: job line" "$COUT" "job $J: requeued \\(2 tasks\\)"
	cli_requeued "${J}_1" 1
	assert_state "${J}_2" COMPLETED 0
	cli_requeued "${J}_3" 1
	cli ccp-job requeue "$J" "$k" "$J"
	cli_status 4
	cli_err 0x8004020A
	assert_match "stderr: where" "$CERR" "stopped at job $k \\(job 2 of 3\\)"
	assert_state "${k}_1" COMPLETED 0
}

case_cli_scheduler() {
	local dead t0
	cli_arr fail || return 1
	cli ccp-task list "$J" /scheduler:ccplive
	cli_status 0
	cli ccp-task list "$J" -s ccplive
	cli_status 0
	CCP_SCHEDULER=ccplive cli ccp-task list "$J"
	cli_status 0
	cli ccp-task list "$J" --scheduler=nosuchcluster
	assert_ne "wrong cluster: exit status" "$CRC" 0
	assert_match "wrong cluster: stderr" "$CERR" "error 0x8004"
	dead=$(cluster_dead_conf)
	t0=$SECONDS
	SLURM_CONF=$dead cli ccp-task requeue "$J.1" --timeout=5
	cli_status 6
	cli_err '0x8004020[56]'
	assert_true "dead controller answered within 30 s" [ $((SECONDS - t0)) -le 30 ]
	assert_state "${J}_1" FAILED 0
}

# cli_cases_run: every CLI case, through run.sh's run_case.
cli_cases_run() {
	local c
	for c in \
		"cli: FAILED task is queued again:case_cli_failed" \
		"cli: COMPLETED task is refused, exit 4:case_cli_finished" \
		"cli: RUNNING task (JOB_TASK form) is cancelled and queued:case_cli_running" \
		"cli: CANCELLED task is queued again (-q):case_cli_cancelled" \
		"cli: PENDING held tasks: success, stay held:case_cli_pending" \
		"cli: unknown task: exit 3:case_cli_unknown_task" \
		"cli: unknown job: exit 3, names MinJobAge:case_cli_unknown_job" \
		"cli: --no-requeue job: exit 4, nothing changed:case_cli_no_requeue" \
		"cli: mixed list stops in the middle, across jobs:case_cli_mixed_stop" \
		"cli: --dry-run changes nothing:case_cli_dry_run" \
		"cli: --json parses and matches the states:case_cli_json" \
		"cli: malformed ids: exit 2, nothing touched:case_cli_malformed" \
		"cli: 10,000 ids and a 1000-id range:case_cli_many_ids" \
		"cli: ccp-job requeue, stop at a finished job:case_cli_job_requeue" \
		"cli: /scheduler:, -s, CCP_SCHEDULER, dead controller:case_cli_scheduler"
	do
		run_case "${c%:*}" "${c##*:}"
	done
}
