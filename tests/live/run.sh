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
ONLY=${CCP_LIVE_ONLY:-}

# Sanitizer builds: leaks and errors fail the program (and so the case);
# libslurm's own process-lifetime allocations are suppressed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$HERE/lsan.supp:print_suppressions=0}
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
	note "$(basename "$prog") $* -> exit $RC"
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
	local name=$1 fn=$2 log rc
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
	if [ "$rc" -eq 0 ]; then
		PASSED=$((PASSED + 1)); echo "ok $N - $name"
		[ "${CCP_LIVE_VERBOSE:-0}" = 1 ] && cat "$log"
	else
		FAILED=$((FAILED + 1)); echo "not ok $N - $name"
		cat "$log"
	fi
	rm -f "$log"
}

# =========================================================================
# The cases. Each sets up its own jobs, checks scontrol before and after.
# =========================================================================

# The cluster itself runs, fails and completes array tasks.
case_cluster_sanity() {
	local j
	j=$(csub -a 1-3 --wrap='[ "$SLURM_ARRAY_TASK_ID" = 2 ] && exit 1; exit 0') ||
		{ fail "sbatch failed"; return 1; }
	must "${j}_1" 30 COMPLETED || return 1
	must "${j}_2" 30 FAILED || return 1
	must "${j}_3" 30 COMPLETED || return 1
	assert_state "${j}_1" COMPLETED 0
	assert_state "${j}_2" FAILED 0
	assert_eq "${j}_2 ExitCode" "$(jfield "${j}_2" ExitCode)" "1:0"
	assert_eq "${j}_2 ArrayJobId" "$(jfield "${j}_2" ArrayJobId)" "$j"
	# Slurm itself requeues a failed task (the shim builds on this).
	assert_true "scontrol requeue ${j}_2" timeout 10 scontrol requeue "${j}_2"
	assert_state "${j}_2" PENDING 1
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

	run_case "cluster runs, fails and completes array tasks" case_cluster_sanity

	if [ "$N" -eq 0 ]; then
		echo "not ok 1 - no case matched CCP_LIVE_ONLY='$ONLY'"
		FAILED=1
	fi
	echo "1..$N"
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}

main "$@"
