#!/bin/bash
# run.sh - the ccpshim live suite: starts ONE private Slurm cluster
# (tests/live/cluster.sh), runs every case against it through the real
# library (tests/live/live_client, tests/live/live_plain), prints one
# TAP-like line per case and a final "N passed, N failed" line, and stops
# the cluster on every exit path. Exit status 0 only if every case passed.
#
# Environment:
#   CCP_BUILDDIR   where live_client/live_plain were built (default: cwd)
#   CCP_LIVE_ONLY  run only the cases whose name matches this ERE
#   CCP_LIVE_KEEP  1: keep the cluster folder for debugging
#   CCP_LIVE_CLIENT / CCP_LIVE_PLAIN  override the program paths
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/cluster.sh"

BUILDDIR=${CCP_BUILDDIR:-$(pwd)}
CLIENT=${CCP_LIVE_CLIENT:-$BUILDDIR/tests/live/live_client}
PLAIN=${CCP_LIVE_PLAIN:-$BUILDDIR/tests/live/live_plain}
THREADS=${CCP_LIVE_THREADS:-$BUILDDIR/tests/live/live_threads}
ONLY=${CCP_LIVE_ONLY:-}

# Sanitizer builds (configure --enable-sanitizers): an error or a leak
# makes the program exit 86, which fails the case. lsan.supp holds only
# libslurm's own leaks, each explained there.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$HERE/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

N=0; PASSED=0; FAILED=0
CASE_OUT=

on_exit() {
	local rc=$?
	cluster_stop
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- assertions (inside a case) ------------------------------------------
_asserts=0; _fails=0
note() { printf '#   %s\n' "$*"; }
fail() { _fails=$((_fails + 1)); printf '#   FAIL: %s\n' "$*"; }
assert_eq() { # WHAT GOT WANT
	_asserts=$((_asserts + 1))
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}
assert_ne() { # WHAT GOT NOTWANT
	_asserts=$((_asserts + 1))
	[ "$2" != "$3" ] || fail "$1: got '$2', must differ"
}
assert_match() { # WHAT TEXT ERE
	_asserts=$((_asserts + 1))
	printf '%s' "$2" | grep -Eiq -- "$3" || fail "$1: '$2' does not match /$3/"
}
assert_true() { # WHAT CMD...
	local what=$1; shift
	_asserts=$((_asserts + 1))
	"$@" || fail "$what"
}
assert_le() { # WHAT GOT MAX
	_asserts=$((_asserts + 1))
	[ "$2" -le "$3" ] 2>/dev/null || fail "$1: got '$2', want <= $3"
}
# assert_state ID STATE [RESTARTS]: scontrol's view of job or task ID.
assert_state() {
	assert_eq "$1 JobState" "$(jstate "$1")" "$2"
	[ $# -lt 3 ] || assert_eq "$1 Restarts" "$(jfield "$1" Restarts)" "$3"
}
# must ID SECS STATE...: wait for a state during set-up; abort the case if not.
must() {
	wait_state "$@" || { fail "set-up: $1 never reached $3 ($(jshow "$1" | head -c 300))"; return 1; }
}

# --- running the programs under test -------------------------------------
# client ARGS...: run live_client; output in $OUT, exit status in $RC.
OUT=; RC=0
_run_prog() {
	local prog=$1; shift
	if [ ! -x "$prog" ]; then
		fail "program not built: $prog (make check-live builds it)"
		OUT=; RC=127; return 1
	fi
	OUT=$(timeout 60 "$prog" "$@" 2>&1); RC=$?
	local args="$*"
	[ "${#args}" -le 160 ] || args="${args:0:160}... ($# arguments)"
	note "$(basename "$prog") $args -> exit $RC"
	printf '%s\n' "$OUT" | sed 's/^/#     | /'
	[ "$RC" -eq 0 ] || fail "$(basename "$prog") exited $RC"
	return 0
}
client() { _run_prog "$CLIENT" "$@"; }
plain() { _run_prog "$PLAIN" "$@"; }
# hr [N]: the Nth "hr=" value printed (default 1); msg [N] likewise.
hr() { printf '%s\n' "$OUT" | sed -n 's/^hr=//p' | sed -n "${1:-1}p"; }
msg() { printf '%s\n' "$OUT" | sed -n 's/^msg=//p' | sed -n "${1:-1}p"; }
outval() { printf '%s\n' "$OUT" | sed -n "s/^$1=//p" | head -n 1; }

# --- the case runner ------------------------------------------------------
# run_case NAME FUNCTION: one TAP line; details as "#" lines.
run_case() {
	local name=$1 fn=$2 log rc t0=$SECONDS
	if [ -n "$ONLY" ] && ! printf '%s' "$name" | grep -Eq -- "$ONLY"; then
		return 0
	fi
	N=$((N + 1))
	log=$(mktemp "$CCP_LIVE_DIR/case.XXXXXX")
	( _asserts=0; _fails=0
	  "$fn"; rc=$?
	  [ "$rc" -eq 0 ] || fail "case body returned $rc"
	  [ "$_asserts" -gt 0 ] || fail "the case asserted nothing"
	  [ "$_fails" -eq 0 ] ) >"$log" 2>&1
	rc=$?
	[ $((SECONDS - t0)) -lt 10 ] || echo "#   (took $((SECONDS - t0)) s)" >> "$log"
	if [ "$rc" -eq 0 ]; then
		PASSED=$((PASSED + 1)); echo "ok $N - $name"
		[ "${CCP_LIVE_VERBOSE:-0}" = 1 ] && cat "$log"
	else
		FAILED=$((FAILED + 1)); echo "not ok $N - $name"
		cat "$log"
	fi
	rm -f "$log"
	cancel_case_jobs
}

# =========================================================================
# Set-up helpers for the cases.
# =========================================================================
OK=0x00000000
E_INVALIDARG=0x80070057
E_ACCESSDENIED=0x80070005
TASK_FINISHED=0x80040201
TASK_NOT_FOUND=0x80040202
JOB_NOT_FOUND=0x80040203
REQUEUE_DISABLED=0x80040204
UNREACHABLE=0x80040205
NO_CONFIG=0x80040209
JOB_FINISHED=0x8004020A

# The job script: argument i says what array task i (1 for a plain job)
# does: fail (exit 1), ok (exit 0), sleep (runs until cancelled).
write_task_script() {
	cat > "$CCP_LIVE_DIR/jobs/task.sh" <<'EOS'
#!/bin/sh
# Live-suite job script: argument N is what task N does.
i=${SLURM_ARRAY_TASK_ID:-1}
eval "what=\${$i:-ok}"
case $what in
fail) exit 1 ;;
sleep) exec sleep 600 ;;
*) exit 0 ;;
esac
EOS
	chmod 0755 "$CCP_LIVE_DIR/jobs/task.sh"
}

# mkarr [SBATCH_OPTS... --] WHAT...: array 1-N, task i does WHAT i.
# Prints the job id; the job is cancelled after the case.
mkarr() {
	local opts=() j
	if printf '%s\n' "$@" | grep -qx -- --; then
		while [ "$1" != -- ]; do opts+=("$1"); shift; done
		shift
	fi
	j=$(csub -a "1-$#" "${opts[@]}" "$CCP_LIVE_DIR/jobs/task.sh" "$@") || return 1
	[ -n "$j" ] || return 1
	echo "$j" >> "$CCP_LIVE_DIR/case_jobs"
	echo "$j"
}
# mkjob [SBATCH_OPTS...] -- WHAT: a plain batch job.
mkjob() {
	local opts=() j
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	j=$(csub "${opts[@]}" "$CCP_LIVE_DIR/jobs/task.sh" "$@") || return 1
	[ -n "$j" ] || return 1
	echo "$j" >> "$CCP_LIVE_DIR/case_jobs"
	echo "$j"
}

# settle JOB WHAT...: wait until every task shows what WHAT makes of it.
settle() {
	local j=$1 i=1 w; shift
	for w in "$@"; do
		case $w in
		fail)  must "${j}_$i" 30 FAILED || return 1 ;;
		ok)    must "${j}_$i" 30 COMPLETED || return 1 ;;
		sleep) must "${j}_$i" 30 RUNNING || return 1 ;;
		esac
		i=$((i + 1))
	done
}
# newarr [OPTS --] WHAT...: mkarr + settle (not for a held array, -H);
# sets J.
newarr() {
	local a=("$@") i
	J=$(mkarr "$@") || { fail "set-up: sbatch failed"; return 1; }
	for i in "${!a[@]}"; do
		[ "${a[$i]}" = -H ] && return 0
		if [ "${a[$i]}" = -- ]; then a=("${a[@]:$((i + 1))}"); break; fi
	done
	settle "$J" "${a[@]}"
}

# assert_queued ID RESTARTS: ID is (or within 20 s becomes) PENDING after a
# requeue (a running task passes through COMPLETING), with RESTARTS.
assert_queued() {
	_asserts=$((_asserts + 1))
	wait_state "$1" 20 PENDING 2>/dev/null ||
		fail "$1: not PENDING after the requeue: $(jfield "$1" JobState)"
	assert_eq "$1 Restarts" "$(jfield "$1" Restarts)" "$2"
}

cancel_case_jobs() {
	local f=$CCP_LIVE_DIR/case_jobs
	[ -s "$f" ] && timeout 20 scancel $(sort -u "$f") >/dev/null 2>&1
	: > "$f"
}

# =========================================================================
# The cases. Each sets up its own jobs, checks scontrol before and after.
# =========================================================================

# The programs under test load the library of this build, not an older
# installed one (/usr/local/lib...), so a pass means this build passed.
case_library_path() {
	local lib
	if [ ! -x "$CLIENT" ]; then fail "program not built: $CLIENT"; return 1; fi
	lib=$(LD_DEBUG=libs timeout 30 "$CLIENT" connect 2>&1 >/dev/null |
		sed -n 's/.*calling init: \(.*libccpshim[^ ]*\).*/\1/p' | head -n 1)
	note "live_client loads $lib"
	assert_ne "libccpshim loaded" "$lib" ""
	case $CLIENT in
	"$BUILDDIR"/*)
		assert_match "libccpshim comes from $BUILDDIR" "$lib" "^$BUILDDIR/" ;;
	esac
}

# The cluster itself runs, fails and completes array tasks.
case_cluster_sanity() {
	newarr ok fail ok || return 1
	assert_state "${J}_1" COMPLETED 0
	assert_state "${J}_2" FAILED 0
	assert_eq "${J}_2 ExitCode" "$(jfield "${J}_2" ExitCode)" "1:0"
	assert_eq "${J}_2 ArrayJobId" "$(jfield "${J}_2" ArrayJobId)" "$J"
	# Slurm itself requeues a failed task (the shim builds on this).
	assert_true "scontrol requeue ${J}_2" timeout 10 scontrol requeue "${J}_2"
	assert_state "${J}_2" PENDING 1
}

# Section 2, Failed: queued again.
case_failed() {
	newarr fail ok || return 1
	assert_state "${J}_1" FAILED 0
	client tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
	assert_state "${J}_2" COMPLETED 0
}

# Section 2, Cancelled: queued again.
case_cancelled() {
	newarr sleep sleep || return 1
	timeout 10 scancel "${J}_1"
	must "${J}_1" 20 CANCELLED || return 1
	assert_state "${J}_1" CANCELLED 0
	client tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
	assert_state "${J}_2" RUNNING 0
}

# Section 2, Finished: refused, nothing changed.
case_completed() {
	newarr ok fail || return 1
	assert_state "${J}_1" COMPLETED 0
	client tasks "$J" 1
	assert_eq hr "$(hr)" $TASK_FINISHED
	assert_match "message says completed" "$(msg)" "complet"
	assert_match "message names the job" "$(msg)" "(^|[^0-9])$J([^0-9]|$)"
	assert_state "${J}_1" COMPLETED 0
	assert_state "${J}_2" FAILED 0
}

# Section 2, Running: cancelled and queued again.
case_running() {
	newarr sleep sleep || return 1
	assert_state "${J}_1" RUNNING 0
	client tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
	assert_state "${J}_2" RUNNING 0
}

# Section 2, Suspended (Running): cancelled and queued again.
case_suspended() {
	newarr sleep || return 1
	timeout 10 scontrol suspend "${J}_1" || { fail "set-up: scontrol suspend"; return 1; }
	must "${J}_1" 10 SUSPENDED || return 1
	client tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
}

# Section 2, Queued (held): success, nothing sent, it stays held.
case_pending_held() {
	J=$(mkarr -H -- ok ok) || { fail "set-up: sbatch"; return 1; }
	must "${J}_1" 10 PENDING || return 1
	assert_eq "${J}_1 Priority before" "$(jfield "${J}_1" Priority)" 0
	client tasks "$J" 1 2
	assert_eq hr "$(hr)" $OK
	assert_state "${J}_1" PENDING 0
	assert_state "${J}_2" PENDING 0
	assert_eq "${J}_1 still held (Priority)" "$(jfield "${J}_1" Priority)" 0
	assert_match "${J}_1 still held (Reason)" "$(jfield "${J}_1" Reason)" "^JobHeld"
}

# Section 2, Queued (not held, waiting for its begin time): success.
case_pending_begin() {
	J=$(mkarr --begin=now+1hour -- ok ok) || { fail "set-up: sbatch"; return 1; }
	must "${J}_1" 10 PENDING || return 1
	client tasks "$J" 2 1
	assert_eq hr "$(hr)" $OK
	assert_state "${J}_1" PENDING 0
	assert_state "${J}_2" PENDING 0
}

# Section 2, Failed (TIMEOUT): queued again. Prepared at suite start.
case_timeout() {
	[ -z "${TO_ERR:-}" ] || { fail "set-up: $TO_ERR"; return 1; }
	J=$TO_JOB
	echo "$J" >> "$CCP_LIVE_DIR/case_jobs"
	must "${J}_1" 60 TIMEOUT || return 1
	assert_state "${J}_1" TIMEOUT 0
	client tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
}

# Section 2, no such task: refused, not found.
case_unknown_task() {
	newarr fail fail || return 1
	client tasks "$J" 7
	assert_eq hr "$(hr)" $TASK_NOT_FOUND
	assert_match "message names the task" "$(msg)" "7"
	assert_state "${J}_1" FAILED 0
	# The largest valid id (MaxArraySize-1 = 1000) is not found, not invalid.
	client tasks "$J" 1000
	assert_eq "hr for task 1000" "$(hr)" $TASK_NOT_FOUND
}

# Section 2, no such job: refused, message names MinJobAge.
case_unknown_job() {
	local nx
	nx=$(( $(mkjob -H -- ok) + 500000 ))
	client tasks "$nx" 1
	assert_eq hr "$(hr)" $JOB_NOT_FOUND
	assert_match "message names MinJobAge" "$(msg)" "MinJobAge"
	assert_match "message names the job" "$(msg)" "(^|[^0-9])$nx([^0-9]|$)"
	client job "$nx"
	assert_eq "RequeueJob hr" "$(hr)" $JOB_NOT_FOUND
}

# Job-level refusal: --no-requeue refuses everything, even failed tasks.
case_no_requeue() {
	newarr --no-requeue -- fail ok || return 1
	assert_eq "Requeue flag" "$(jfield "${J}_1" Requeue)" 0
	client tasks "$J" 1
	assert_eq hr "$(hr)" $REQUEUE_DISABLED
	assert_state "${J}_1" FAILED 0
	client job "$J"
	assert_eq "RequeueJob hr" "$(hr)" $REQUEUE_DISABLED
	assert_state "${J}_1" FAILED 0
	assert_state "${J}_2" COMPLETED 0
}

# Section 1: a plain batch job has exactly one task, task 1.
case_plain_job() {
	local p
	p=$(mkjob -- fail) || { fail "set-up: sbatch"; return 1; }
	must "$p" 30 FAILED || return 1
	client tasks "$p" 2
	assert_eq "task 2 of a plain job" "$(hr)" $TASK_NOT_FOUND
	assert_state "$p" FAILED 0
	client tasks "$p" 1
	assert_eq "task 1 of a plain job" "$(hr)" $OK
	assert_queued "$p" 1
}

# Section 3.3/3.4: the first refusal stops the call; earlier stay queued.
case_mixed_stop() {
	newarr fail fail ok fail || return 1
	client tasks "$J" 1 2 3 4
	assert_eq hr "$(hr)" $TASK_FINISHED
	assert_queued "${J}_1" 1
	assert_queued "${J}_2" 1
	assert_state "${J}_3" COMPLETED 0
	assert_state "${J}_4" FAILED 0
	assert_match "message names the job" "$(msg)" "(^|[^0-9])$J([^0-9]|$)"
	assert_match "message names task 3" "$(msg)" "(task[^0-9]*3([^0-9]|$)|[._]3([^0-9]|$))"
	assert_match "message says 2 were queued" "$(msg)" "(^|[^0-9])2 [^.]*queued|queued[^.0-9]*(^|[^0-9])2([^0-9]|$)"
}

# Section 3.5: duplicates find the task queued: success, requeued once.
case_duplicates() {
	newarr fail fail || return 1
	client tasks "$J" 1 1 2 1 2
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
	assert_queued "${J}_2" 1
}

# Section 3.1: an empty collection is S_OK and changes nothing.
case_empty() {
	newarr fail || return 1
	client tasks "$J"
	assert_eq hr "$(hr)" $OK
	assert_state "${J}_1" FAILED 0
}

# Section 3.1: a VT_BSTR item is E_INVALIDARG before anything changes.
case_bstr_item() {
	newarr fail fail || return 1
	client bstr "$J" 1 2
	assert_eq hr "$(hr)" $E_INVALIDARG
	assert_state "${J}_1" FAILED 0
	assert_state "${J}_2" FAILED 0
}

# Section 3.1: negative ids and ids over MaxArraySize are E_INVALIDARG.
case_invalid_ids() {
	newarr fail || return 1
	client tasks "$J" 1 -1
	assert_eq "hr for -1" "$(hr)" $E_INVALIDARG
	assert_state "${J}_1" FAILED 0
	client tasks "$J" 1 1001
	assert_eq "hr for 1001 (MaxArraySize 1001)" "$(hr)" $E_INVALIDARG
	assert_state "${J}_1" FAILED 0
}

# Section 3.4: get_ErrorMessage keeps the last error after a success.
case_last_error_kept() {
	newarr fail || return 1
	client twice "$J" 9 1
	assert_eq "first hr" "$(hr 1)" $TASK_NOT_FOUND
	assert_eq "second hr" "$(hr 2)" $OK
	assert_ne "first message" "$(msg 1)" ""
	assert_eq "message after the success" "$(msg 2)" "$(msg 1)"
	assert_queued "${J}_1" 1
}

# Section 4: RequeueTask is RequeueTasks of one.
case_requeue_task() {
	newarr fail ok || return 1
	client task "$J" 1
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
	client task "$J" 2
	assert_eq "hr for a completed task" "$(hr)" $TASK_FINISHED
	assert_state "${J}_2" COMPLETED 0
}

# Section 4: RequeueJob - failed and running queued, cancelled not rerun,
# finished stay finished.
case_requeue_job() {
	newarr fail sleep sleep ok || return 1
	timeout 10 scancel "${J}_3"
	must "${J}_3" 20 CANCELLED || return 1
	client job "$J"
	assert_eq hr "$(hr)" $OK
	assert_queued "${J}_1" 1
	assert_queued "${J}_2" 1
	assert_state "${J}_3" CANCELLED 0
	assert_state "${J}_4" COMPLETED 0
}

# Section 4: RequeueJob of a job whose tasks all finished is refused.
case_requeue_job_finished() {
	newarr ok ok || return 1
	client job "$J"
	assert_eq hr "$(hr)" $JOB_FINISHED
	assert_ne "message" "$(msg)" ""
	assert_state "${J}_1" COMPLETED 0
	assert_state "${J}_2" COMPLETED 0
}

# Section 4: RequeueJobs stops at the first failing job.
case_requeue_jobs() {
	local a b c
	newarr fail || return 1; a=$J
	newarr ok || return 1; b=$J
	newarr fail || return 1; c=$J
	client jobs "$a" "$b" "$c"
	assert_eq hr "$(hr)" $JOB_FINISHED
	assert_match "message names the failing job" "$(msg)" "(^|[^0-9])$b([^0-9]|$)"
	assert_queued "${a}_1" 1
	assert_state "${b}_1" COMPLETED 0
	assert_state "${c}_1" FAILED 0
	# The plain API reports how many jobs were done before the stop.
	newarr fail || return 1; a=$J
	newarr ok || return 1; b=$J
	plain jobs "$a" "$b"
	assert_eq "plain hr" "$(hr)" $JOB_FINISHED
	assert_eq "done" "$(outval done)" 1
	assert_queued "${a}_1" 1
}

# Section 3.6: strict mode (one RPC per task) gives the same answers.
case_strict_same() {
	local x y hx mx hy my i rq
	newarr fail sleep sleep ok fail || return 1; x=$J
	newarr fail sleep sleep ok fail || return 1; y=$J
	timeout 10 scancel "${x}_3" "${y}_3"
	must "${x}_3" 20 CANCELLED || return 1
	must "${y}_3" 20 CANCELLED || return 1
	# sdiag shows each mode really is what it claims: the default sends
	# the queued prefix at once (running tasks may go in a second RPC with
	# Slurm's JOB_RUNNING flag), strict one requeue RPC per queued task.
	timeout 10 sdiag -r >/dev/null || { fail "set-up: sdiag -r"; return 1; }
	plain tasks "$x" 1 2 3 4 5
	rq=$(rpc_count '^REQUEST_JOB_REQUEUE$')
	assert_eq "default mode strict option" "$(outval strict)" 0
	note "default mode: $rq requeue RPCs"
	assert_le "default mode: requeue RPCs for 3 queued tasks" "$rq" 2
	hx=$(hr); mx=$(msg)
	assert_eq "default queued" "$(outval queued)" 3
	timeout 10 sdiag -r >/dev/null || { fail "set-up: sdiag -r"; return 1; }
	plain --strict tasks "$y" 1 2 3 4 5
	rq=$(rpc_count '^REQUEST_JOB_REQUEUE$')
	assert_eq "strict option read back" "$(outval strict)" 1
	note "strict mode: $rq requeue RPCs"
	assert_eq "strict mode: requeue RPCs for 3 queued tasks" "$rq" 3
	hy=$(hr); my=$(msg)
	assert_eq "strict queued" "$(outval queued)" 3
	assert_eq "default hr" "$hx" $TASK_FINISHED
	assert_eq "strict hr = default hr" "$hy" "$hx"
	assert_eq "strict message = default message (job ids aside)" \
		"$(printf '%s' "$my" | sed -E "s/([Jj]ob |array )$y([^0-9]|$)/\\1JOB\\2/g")" \
		"$(printf '%s' "$mx" | sed -E "s/([Jj]ob |array )$x([^0-9]|$)/\\1JOB\\2/g")"
	for j in "$x" "$y"; do
		for i in 1 2 3; do assert_queued "${j}_$i" 1; done
		assert_state "${j}_4" COMPLETED 0
		assert_state "${j}_5" FAILED 0
	done
	# The job-level and argument refusals, strict.
	plain --strict tasks "$((x + 500000))" 1
	assert_eq "strict unknown job" "$(hr)" $JOB_NOT_FOUND
	plain --strict tasks "$x" 1 -1
	assert_eq "strict negative id" "$(hr)" $E_INVALIDARG
	newarr --no-requeue -- fail || return 1
	plain --strict tasks "$J" 1
	assert_eq "strict --no-requeue" "$(hr)" $REQUEUE_DISABLED
	assert_state "${J}_1" FAILED 0
}

# Job-level refusal: another (unprivileged) user gets E_ACCESSDENIED.
case_access_denied() {
	local real lib stage
	newarr fail fail || return 1
	if [ ! -x "$CLIENT" ]; then fail "program not built: $CLIENT"; return 1; fi
	# ccptest may not reach the build tree: run a staged copy of the
	# program (libtool's real binary, not its wrapper) and this build's
	# library.
	real=$(dirname "$CLIENT")/.libs/$(basename "$CLIENT")
	[ -x "$real" ] || real=$CLIENT
	lib=$BUILDDIR/shim/.libs/libccpshim.so.0
	[ -e "$lib" ] || lib=
	stage=$(cluster_stage "$real" $lib) || { fail "set-up: cannot stage $real"; return 1; }
	real=$stage/$(basename "$real")
	OUT=$(cd / && as_ccptest env LD_LIBRARY_PATH="$stage" "$real" tasks "$J" 1 2 2>&1); RC=$?
	note "as $CCP_LIVE_USER ($(cd / && as_ccptest id -u)): live_client tasks $J 1 2 -> exit $RC"
	printf '%s\n' "$OUT" | sed 's/^/#     | /'
	assert_eq "exit status" "$RC" 0
	assert_eq "connect as $CCP_LIVE_USER" "$(outval connect_hr)" $OK
	assert_eq hr "$(hr)" $E_ACCESSDENIED
	assert_state "${J}_1" FAILED 0
	assert_state "${J}_2" FAILED 0
	OUT=$(cd / && as_ccptest env LD_LIBRARY_PATH="$stage" "$real" job "$J" 2>&1); RC=$?
	note "as $CCP_LIVE_USER: live_client job $J -> exit $RC"
	printf '%s\n' "$OUT" | sed 's/^/#     | /'
	assert_eq "RequeueJob hr" "$(hr)" $E_ACCESSDENIED
	assert_state "${J}_1" FAILED 0
}

# Section 5: no slurm.conf is an HRESULT; the process lives on.
case_no_config() {
	SLURM_CONF=$CCP_LIVE_DIR/no-such/slurm.conf client tasks 1 1
	assert_eq "exit status (the process lives on)" "$RC" 0
	assert_eq "Connect hr" "$(outval connect_hr)" $NO_CONFIG
	assert_match "Connect message names the file" "$(outval connect_msg)" "no-such/slurm.conf|SLURM_CONF"
	SLURM_CONF=$CCP_LIVE_DIR/no-such/slurm.conf plain connect
	assert_eq "plain API: exit status" "$RC" 0
	assert_eq "plain API: Connect hr" "$(outval connect_hr)" $NO_CONFIG
}

# Section 6: a controller nobody answers fails Connect within 30 s.
case_dead_controller() {
	local conf t0 t1
	conf=$(cluster_dead_conf) || { fail "set-up: dead.conf"; return 1; }
	assert_true "port $CCP_LIVE_DEAD_PORT is closed" ccp_port_free "$CCP_LIVE_DEAD_PORT"
	t0=$(date +%s)
	SLURM_CONF=$conf client connect
	t1=$(date +%s)
	note "Connect took $((t1 - t0)) s"
	assert_eq "exit status" "$RC" 0
	assert_eq "Connect hr" "$(outval connect_hr)" $UNREACHABLE
	assert_ne "Connect message" "$(outval connect_msg)" ""
	# A refused connection is known at once (Connect pings first);
	# libslurm's other RPCs retry it for MessageTimeout (10 s).
	assert_le "seconds Connect took" "$((t1 - t0))" 5
}

# A held array whose tasks 1-2 are split off and task 3 is still in the
# array's own record, cancelled by task ids. Slurm 22.05 gives that record
# task id 3; Slurm 26.05 leaves it without one, and J_3 is then an invalid
# id for Slurm itself. ccpshim must agree with Slurm: requeue J_3 where
# Slurm knows it, else TASK_NOT_FOUND saying why (docs/choices.md).
case_cancelled_last_task() {
	local rec
	J=$(mkarr -H -- sleep sleep sleep) || { fail "set-up: sbatch failed"; return 1; }
	timeout 10 scontrol update jobid="${J}_[1-2]" name=ccpsplit >/dev/null 2>&1 ||
		{ fail "set-up: split of ${J}_[1-2]"; return 1; }
	timeout 10 scancel "${J}_[1-3]"
	must "${J}_1" 30 CANCELLED || return 1
	must "${J}_2" 30 CANCELLED || return 1
	rec=$(timeout 10 squeue -h -a -r -t all -j "$J" -o '%i %T' | grep "^$J[ _]" | grep -v "^${J}_[12] ")
	note "the array's own record: '$rec'"
	if jshow "${J}_3" | grep -q "ArrayTaskId=3 "; then
		note "Slurm knows ${J}_3 (22.05 behaviour)"
		client tasks "$J" 3
		assert_eq "hr" "$(hr)" 0x00000000
		assert_queued "${J}_3" 1
	else
		note "Slurm lost task 3's id (26.05 behaviour)"
		assert_match "the record is cancelled, with no task id" "$rec" "^$J CANCELLED$"
		client tasks "$J" 1 3
		assert_eq "hr" "$(hr)" "$TASK_NOT_FOUND"
		assert_match "message" "$(msg)" "task 3: Slurm lists no such task.*without a task id \\(Slurm state CANCELLED\\).*${J}_3.*submit it again"
		assert_queued "${J}_1" 1
		assert_eq "record unchanged" "$(timeout 10 squeue -h -a -r -t all -j "$J" -o '%i %T' | grep "^$J ")" "$J CANCELLED"
	fi
}

# Section 1: a split-off task's own job id is not a CCP job id.
case_split_id() {
	local i own t=
	newarr fail fail fail || return 1
	for i in 1 2 3; do
		own=$(jfield "${J}_$i" JobId)
		if [ -n "$own" ] && [ "$own" != "$J" ]; then t=$i; break; fi
	done
	[ -n "$t" ] || { fail "set-up: no task of $J has its own job id"; return 1; }
	note "task ${J}_$t has its own job id $own"
	client tasks "$own" 1
	assert_match "refused" "$(hr)" "^0x8"
	assert_match "message names $J.$t" "$(msg)" "$J\\.$t([^0-9]|$)"
	client tasks "$own" "$t"
	assert_match "refused (task $t)" "$(hr)" "^0x8"
	assert_state "${J}_$t" FAILED 0
	assert_state "${J}_1" FAILED 0
}

# Section 1: a heterogeneous job is refused before anything changes. (Slurm
# starts hetjobs from the backfill pass only, every 30 s, so the job is
# checked while pending: a plain pending job would be S_OK, this must not.)
case_hetjob() {
	local h
	h=$(csub -n1 : -n1 "$CCP_LIVE_DIR/jobs/task.sh" fail) || { fail "set-up: sbatch hetjob"; return 1; }
	echo "$h" >> "$CCP_LIVE_DIR/case_jobs"
	must "${h}+0" 10 PENDING || return 1
	assert_eq "HetJobId" "$(jfield "${h}+0" HetJobId)" "$h"
	client tasks "$h" 1
	assert_match "RequeueTasks refused" "$(hr)" "^0x8"
	assert_match "message says heterogeneous" "$(msg)" "heterogeneous"
	client job "$h"
	assert_match "RequeueJob refused" "$(hr)" "^0x8"
	client tasks "$((h + 1))" 1
	assert_match "second component refused" "$(hr)" "^0x8"
	assert_state "${h}+0" PENDING 0
	assert_state "${h}+1" PENDING 0
}

# Section 6: separate handles on separate threads at once (live_threads),
# the library-wide set-up racing on the first Connect.
case_threads() {
	local jobs=() args=() i line
	for i in 1 2 3 4 5 6; do
		newarr fail fail || return 1
		jobs+=("$J"); args+=("$J:1,2")
	done
	_run_prog "$THREADS" 3 "${args[@]}"
	for i in "${!jobs[@]}"; do
		line=$(printf '%s\n' "$OUT" | grep "^job=${jobs[$i]} ")
		assert_match "thread for ${jobs[$i]}" "$line" "connect=0x00000000 hr=0x00000000 queued=2$"
		assert_queued "${jobs[$i]}_1" 1
		assert_queued "${jobs[$i]}_2" 1
	done
}

# rpc_count ERE: sum of sdiag's per-type RPC counts for types matching ERE.
rpc_count() {
	timeout 10 sdiag 2>/dev/null | awk -v re="$1" '
		/^Remote Procedure Call statistics by message type/ { f = 1; next }
		/^Remote Procedure Call statistics by user/ { f = 0 }
		f && $1 ~ re { if (match($0, /count:[0-9]+/)) n += substr($0, RSTART + 6, RLENGTH - 6) }
		END { print n + 0 }'
}

# Section 3.6: a call of 1000 tasks costs O(1) controller round trips.
case_sdiag_cost() {
	local k rq ri n ids
	J=$(mkarr -H -- $(seq 1000 | sed 's/.*/ok/')) || { fail "set-up: sbatch 1000"; return 1; }
	k=$(mkarr -H -- $(seq 999 | sed 's/.*/ok/')) || { fail "set-up: sbatch 999"; return 1; }
	timeout 20 scancel "$J" "$k"
	must "${J}_1000" 20 CANCELLED || return 1
	must "${k}_999" 20 CANCELLED || return 1
	must "${J}_1" 20 CANCELLED || return 1

	timeout 10 sdiag -r >/dev/null || { fail "set-up: sdiag -r"; return 1; }
	client tasks "$J" $(seq 1000)
	rq=$(rpc_count '^REQUEST_JOB_REQUEUE$'); ri=$(rpc_count '^REQUEST_JOB_INFO')
	note "all 1000: REQUEST_JOB_REQUEUE=$rq REQUEST_JOB_INFO*=$ri"
	assert_eq "hr (1000 cancelled tasks)" "$(hr)" $OK
	assert_le "REQUEST_JOB_REQUEUE for 1000 tasks" "$rq" 3
	assert_le "REQUEST_JOB_INFO* for 1000 tasks" "$ri" 3
	n=$(timeout 20 squeue -h -r -j "$J" -t PD -o %i | wc -l)
	assert_eq "tasks of $J pending after" "$n" 1000

	timeout 10 sdiag -r >/dev/null || { fail "set-up: sdiag -r"; return 1; }
	client tasks "$k" $(seq 999) 1000
	rq=$(rpc_count '^REQUEST_JOB_REQUEUE$'); ri=$(rpc_count '^REQUEST_JOB_INFO')
	note "999 then a missing one: REQUEST_JOB_REQUEUE=$rq REQUEST_JOB_INFO*=$ri"
	assert_eq "hr (999 cancelled, then task 1000 missing)" "$(hr)" $TASK_NOT_FOUND
	assert_match "message says 999 were queued" "$(msg)" "999"
	assert_le "REQUEST_JOB_REQUEUE for 1000 tasks (mixed)" "$rq" 3
	assert_le "REQUEST_JOB_INFO* for 1000 tasks (mixed)" "$ri" 3
	n=$(timeout 20 squeue -h -r -j "$k" -t PD -o %i | wc -l)
	assert_eq "tasks of $k pending after" "$n" 999
}

# The command line's and the SPANK plugin's live cases live in their own
# files (same helpers, same cluster): cli_cases_run, plugin_cases.
LIVE_PARTS_ERR=
for _part in cli_cases.sh plugin_cases.sh; do
	. "$HERE/$_part" || LIVE_PARTS_ERR="$LIVE_PARTS_ERR $_part"
done
case_parts_loaded() {
	assert_eq "live case files that failed to load" "$LIVE_PARTS_ERR" ""
}

# =========================================================================
main() {
	echo "# ccpshim live suite"
	cluster_user_setup || { echo "not ok 1 - cluster: cannot create user $CCP_LIVE_USER"; echo "0 passed, 1 failed"; exit 1; }
	if ! cluster_start; then
		echo "not ok 1 - cluster start (see the log tails above)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	echo "# cluster: $CCP_LIVE_DIR (ctld port $CCP_LIVE_CTLD_PORT, slurmd port $CCP_LIVE_SLURMD_PORT)"

	write_task_script
	: > "$CCP_LIVE_DIR/case_jobs"
	# TIMEOUT needs slurmctld's 30 s time-limit pass: start it first, check
	# it later (case_timeout).
	TO_JOB=; TO_ERR=
	if TO_JOB=$(mkarr sleep sleep) && wait_state "${TO_JOB}_1" 30 RUNNING 2>/dev/null; then
		TO_ERR=$(make_timeout "${TO_JOB}_1") || TO_ERR="scontrol update EndTime failed: $TO_ERR"
	else
		TO_ERR="the TIMEOUT job ${TO_JOB:-?} did not start: $(jshow "${TO_JOB}_1" | head -c 300)"
	fi
	: > "$CCP_LIVE_DIR/case_jobs"

	local t0=$SECONDS
	run_case "live_client uses the library of this build" case_library_path
	run_case "cluster runs, fails and completes array tasks" case_cluster_sanity
	run_case "FAILED task is queued again" case_failed
	run_case "CANCELLED task is queued again" case_cancelled
	run_case "COMPLETED task is refused (TASK_FINISHED), unchanged" case_completed
	run_case "RUNNING task is cancelled and queued again" case_running
	run_case "SUSPENDED task is cancelled and queued again" case_suspended
	run_case "PENDING held task: success, stays held" case_pending_held
	run_case "PENDING (begin time) task: success, unchanged" case_pending_begin
	run_case "unknown task: TASK_NOT_FOUND" case_unknown_task
	run_case "unknown job: JOB_NOT_FOUND naming MinJobAge" case_unknown_job
	run_case "--no-requeue job: REQUEUE_DISABLED, failed tasks unchanged" case_no_requeue
	run_case "plain (non-array) job is task 1" case_plain_job
	run_case "mixed list stops at the first refusal" case_mixed_stop
	run_case "duplicate ids: success, requeued once" case_duplicates
	run_case "empty collection: S_OK, nothing changed" case_empty
	run_case "VT_BSTR item: E_INVALIDARG, nothing changed" case_bstr_item
	run_case "negative and over-MaxArraySize ids: E_INVALIDARG" case_invalid_ids
	run_case "get_ErrorMessage keeps the last error after a success" case_last_error_kept
	run_case "RequeueTask" case_requeue_task
	run_case "RequeueJob: failed+running queued, cancelled/finished stay" case_requeue_job
	run_case "RequeueJob of an all-finished job is refused" case_requeue_job_finished
	run_case "RequeueJobs stops at the first failing job" case_requeue_jobs
	run_case "strict mode gives the same answers" case_strict_same
	run_case "unprivileged user: E_ACCESSDENIED, nothing changed" case_access_denied
	run_case "no slurm.conf: an HRESULT, the process lives on" case_no_config
	run_case "dead controller: Connect fails within 5 s" case_dead_controller
	run_case "heterogeneous job is refused, nothing changed" case_hetjob
	run_case "split-off task's own job id is refused naming ARRAYID.TASK" case_split_id
	run_case "task cancelled while in the array's own record (26.05 loses its id)" case_cancelled_last_task
	run_case "1000 tasks cost O(1) RPCs (sdiag)" case_sdiag_cost
	run_case "separate handles on separate threads at once" case_threads
	run_case "TIMEOUT task is queued again" case_timeout
	run_case "cli_cases.sh and plugin_cases.sh loaded" case_parts_loaded
	command -v cli_cases_run >/dev/null && cli_cases_run
	command -v plugin_cases >/dev/null && plugin_cases
	echo "# cases took $((SECONDS - t0)) s"

	if [ "$N" -eq 0 ]; then
		echo "not ok 1 - no case matched CCP_LIVE_ONLY='$ONLY'"
		FAILED=1
	fi
	echo "1..$N"
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}

main "$@"
