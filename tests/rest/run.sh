#!/bin/bash
# run.sh - the ccpshim REST suite: the slurmrestd backend against a real
# Slurm 26.05 (cached sid chroot, tests/rest/cluster26.sh) over http:// and
# over https:// (nginx, test CA), HTTP-level faults, and the host's Slurm
# 22.05 slurmrestd (reads work, requeue is CCP_E_SERVER_TOO_OLD). Prints
# "ok N - name" / "not ok N - name" and "N passed, N failed"; exits
# non-zero on any failure, or if a cluster cannot start (never skips).
#
#   CCP_BUILDDIR     where tests/rest/rest_client was built (default: cwd)
#   CCP_REST_ONLY    run only the cases whose name matches this ERE
#   CCP_REST_KEEP=1  keep the cluster folders
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILDDIR=${CCP_BUILDDIR:-$(pwd)}
CLIENT=${CCP_REST_CLIENT:-$BUILDDIR/tests/rest/rest_client}
ONLY=${CCP_REST_ONLY:-}
. "$HERE/cluster26.sh"
. "$HERE/../live/cluster.sh"
PATH=$PATH:/usr/sbin:/sbin

N=0; PASSED=0; FAILED=0
FAKE_PID=; H22_REST_PID=
OK=0x00000000; E_FAIL=0x80004005; E_ACCESSDENIED=0x80070005
TASK_FINISHED=0x80040201; TASK_NOT_FOUND=0x80040202; JOB_NOT_FOUND=0x80040203
REQUEUE_DISABLED=0x80040204; UNREACHABLE=0x80040205; TIMEOUT=0x80040206
TOO_OLD=0x80040207

on_exit() {
	local rc=$?
	[ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null
	[ -n "$H22_REST_PID" ] && kill "$H22_REST_PID" 2>/dev/null
	c26_stop
	cluster_stop
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- assertions ----------------------------------------------------------
note() { printf '#   %s\n' "$*"; }
fail() { _fails=$((_fails + 1)); printf '#   FAIL: %s\n' "$*"; }
assert_eq() { _asserts=$((_asserts + 1)); [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }
assert_match() { _asserts=$((_asserts + 1)); printf '%s' "$2" | grep -Eiq -- "$3" || fail "$1: '$2' does not match /$3/"; }
assert_nomatch() { _asserts=$((_asserts + 1)); ! printf '%s' "$2" | grep -Eq -- "$3" || fail "$1: '$2' must not match /$3/"; }
assert_le() { _asserts=$((_asserts + 1)); [ "$2" -le "$3" ] 2>/dev/null || fail "$1: got '$2', want <= $3"; }

OUT=; RC=0
client() {
	OUT=$(timeout 60 "$CLIENT" "$@" 2>&1); RC=$?
	note "rest_client $* -> exit $RC"
	printf '%s\n' "$OUT" | sed 's/^/#     | /'
	[ "$RC" -eq 0 ] || fail "rest_client exited $RC (crashed or hung?)"
}
hr() { printf '%s\n' "$OUT" | sed -n 's/^hr=//p' | head -n 1; }
msg() { printf '%s\n' "$OUT" | sed -n 's/^msg=//p' | head -n 1; }
outval() { printf '%s\n' "$OUT" | sed -n "s/^$1=//p" | head -n 1; }

run_case() {
	local name=$1 fn=$2 log rc
	if [ -n "$ONLY" ] && ! printf '%s' "$name" | grep -Eq -- "$ONLY"; then return 0; fi
	N=$((N + 1))
	log=$(mktemp)
	( _asserts=0; _fails=0
	  "$fn"; rc=$?
	  [ "$rc" -eq 0 ] || fail "case body returned $rc"
	  [ "$_asserts" -gt 0 ] || fail "the case asserted nothing"
	  [ "$_fails" -eq 0 ] ) >"$log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then PASSED=$((PASSED + 1)); echo "ok $N - $name"
		[ "${CCP_REST_VERBOSE:-0}" = 1 ] && cat "$log"
	else FAILED=$((FAILED + 1)); echo "not ok $N - $name"; cat "$log"; fi
	rm -f "$log"
}
broken() { # NAME WHY: a set-up that failed counts as a failed case
	N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $1"; echo "#   $2"
}
finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ] && [ "$N" -gt 0 ]
	exit $?
}

# =========================================================================
# Slurm 26.05 in the chroot: jobs, states by scontrol inside the chroot
# =========================================================================
s26() { c26 scontrol show job -o "$1" 2>&1 | head -n 1; }
f26() { s26 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
wait26() { # ID SECS STATE...
	local id=$1 secs=$2 s w end; shift 2; end=$((SECONDS + secs))
	while :; do
		s=$(f26 "$id" JobState)
		for w in "$@"; do [ "$s" = "$w" ] && return 0; done
		[ "$SECONDS" -ge "$end" ] && { note "$id: state '$s' after ${secs}s, wanted $*"; return 1; }
		sleep 0.3
	done
}
state26() { # ID STATE [RESTARTS]
	assert_eq "$1 JobState" "$(f26 "$1" JobState)" "$2"
	[ $# -lt 3 ] || assert_eq "$1 Restarts" "$(f26 "$1" Restarts)" "$3"
}
queued26() { # ID RESTARTS: PENDING after the requeue (running passes COMPLETING)
	_asserts=$((_asserts + 1))
	wait26 "$1" 20 PENDING || fail "$1 not PENDING after the requeue"
	assert_eq "$1 Restarts" "$(f26 "$1" Restarts)" "$2"
}
# arr26 [OPTS --] WHAT...: array 1-N where task i does WHAT i (ok/fail/
# sleep); waits until each task shows it; sets J.
arr26() {
	local opts=() i=1 w
	if printf '%s\n' "$@" | grep -qx -- --; then
		while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
	fi
	J=$(c26 sbatch --parsable -o /dev/null -a "1-$#" "${opts[@]}" "$C26_W/jobs/task.sh" "$@" | cut -d';' -f1)
	[ -n "$J" ] || { fail "set-up: sbatch failed"; return 1; }
	for w in "$@"; do
		case $w in
		fail)  wait26 "${J}_$i" 30 FAILED || { fail "set-up: ${J}_$i"; return 1; } ;;
		ok)    wait26 "${J}_$i" 30 COMPLETED || { fail "set-up: ${J}_$i"; return 1; } ;;
		sleep) wait26 "${J}_$i" 30 RUNNING || { fail "set-up: ${J}_$i"; return 1; } ;;
		esac
		i=$((i + 1))
	done
}
write_task_script() {
	cat > "$C26_D/jobs/task.sh" <<'EOS'
#!/bin/sh
# task i of the array does word i of the arguments
i=${SLURM_ARRAY_TASK_ID:-1}
eval w=\${$i}
case $w in fail) exit 1 ;; sleep) exec sleep 600 ;; *) exit 0 ;; esac
EOS
	chmod 0755 "$C26_D/jobs/task.sh"
}

# --- the contract cases; $URL and $CA are set per pass -------------------
cl() { CCP_CA_BUNDLE=$CA SLURM_JWT=$TOKEN client "$URL" "$@"; }

case_failed() {
	arr26 fail ok || return 1
	cl tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	queued26 "${J}_1" 1
	state26 "${J}_2" COMPLETED 0
}
case_cancelled() {
	arr26 sleep sleep || return 1
	c26 scancel "${J}_1"; wait26 "${J}_1" 20 CANCELLED || { fail "set-up: cancel"; return 1; }
	cl tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	queued26 "${J}_1" 1
	state26 "${J}_2" RUNNING 0
}
case_completed() {
	arr26 ok fail || return 1
	cl tasks "$J" 1
	assert_eq hr "$(hr)" $TASK_FINISHED
	assert_match msg "$(msg)" "completed tasks"
	assert_match "msg names the job" "$(msg)" "Job $J, task 1"
	state26 "${J}_1" COMPLETED 0
	state26 "${J}_2" FAILED 0
}
case_running() {
	arr26 sleep sleep || return 1
	cl tasks "$J" 2
	assert_eq hr "$(hr)" $OK
	queued26 "${J}_2" 1
	state26 "${J}_1" RUNNING 0
}
case_held() {
	J=$(c26 sbatch --parsable -o /dev/null -H -a 1-2 "$C26_W/jobs/task.sh" ok ok | cut -d';' -f1)
	[ -n "$J" ] || { fail "set-up: sbatch"; return 1; }
	cl tasks "$J" 2 1 2
	assert_eq hr "$(hr)" $OK
	assert_eq queued "$(outval queued)" 3
	state26 "${J}_1" PENDING 0
	assert_match "still held" "$(f26 "${J}_1" Reason)" "Held"
}
case_unknown_task() {
	arr26 fail || return 1
	cl tasks "$J" 7
	assert_eq hr "$(hr)" $TASK_NOT_FOUND
	assert_match msg "$(msg)" "no such task"
	state26 "${J}_1" FAILED 0
}
case_unknown_job() {
	cl tasks 987654 1
	assert_eq hr "$(hr)" $JOB_NOT_FOUND
	assert_match msg "$(msg)" "MinJobAge=300"
}
case_no_requeue() {
	arr26 --no-requeue -- fail fail || return 1
	cl tasks "$J" 1 2
	assert_eq hr "$(hr)" $REQUEUE_DISABLED
	assert_match msg "$(msg)" "Requeue=0"
	state26 "${J}_1" FAILED 0
	state26 "${J}_2" FAILED 0
}
case_mixed_stop() {
	arr26 fail ok fail fail || return 1
	cl tasks "$J" 1 3 2 4
	assert_eq hr "$(hr)" $TASK_FINISHED
	assert_eq queued "$(outval queued)" 2
	assert_match msg "$(msg)" "2 tasks before it are queued; no task after it was touched"
	queued26 "${J}_1" 1
	queued26 "${J}_3" 1
	state26 "${J}_2" COMPLETED 0
	state26 "${J}_4" FAILED 0
}
case_plain_job() {
	J=$(c26 sbatch --parsable -o /dev/null "$C26_W/jobs/task.sh" fail | cut -d';' -f1)
	wait26 "$J" 30 FAILED || { fail "set-up"; return 1; }
	cl tasks "$J" 1
	assert_eq hr "$(hr)" $OK
	queued26 "$J" 1
}
case_requeue_job() {
	arr26 fail ok sleep sleep || return 1
	c26 scancel "${J}_4"; wait26 "${J}_4" 20 CANCELLED || true
	cl job "$J"
	assert_eq hr "$(hr)" $OK
	queued26 "${J}_1" 1
	queued26 "${J}_3" 1
	state26 "${J}_2" COMPLETED 0
	state26 "${J}_4" CANCELLED 0
}
# Slurm 26.05 loses the id of the task still in the array's own record when
# that task is cancelled by id (docs/choices.md): TASK_NOT_FOUND says so.
case_lost_task() {
	J=$(c26 sbatch --parsable -o /dev/null -H -a 1-3 "$C26_W/jobs/task.sh" ok ok ok | cut -d';' -f1)
	[ -n "$J" ] || { fail "set-up: sbatch"; return 1; }
	c26 scontrol update jobid="${J}_[1-2]" name=ccpsplit >/dev/null 2>&1
	c26 scancel "${J}_[1-3]"
	wait26 "${J}_1" 20 CANCELLED || { fail "set-up: cancel"; return 1; }
	wait26 "${J}_2" 20 CANCELLED || { fail "set-up: cancel"; return 1; }
	cl tasks "$J" 1 3
	assert_eq hr "$(hr)" $TASK_NOT_FOUND
	assert_match msg "$(msg)" "task 3: Slurm lists no such task.*without a task id \\(Slurm state CANCELLED\\).*submit it again"
	queued26 "${J}_1" 1
}
case_list() {
	arr26 fail ok || return 1
	cl list "$J"
	assert_eq hr "$(hr)" $OK
	assert_match "task 1" "$OUT" "task=1 status=Failed state=FAILED"
	assert_match "task 2" "$OUT" "task=2 status=Finished state=COMPLETED"
}

contract_pass() { # LABEL
	local p=$1
	run_case "$p: failed task queued again" case_failed
	run_case "$p: cancelled task queued again" case_cancelled
	run_case "$p: completed task refused, nothing changed" case_completed
	run_case "$p: running task cancelled and queued" case_running
	run_case "$p: pending/held tasks are success, stay held" case_held
	run_case "$p: unknown task refused" case_unknown_task
	run_case "$p: unknown job refused (MinJobAge)" case_unknown_job
	run_case "$p: no-requeue job refused whole" case_no_requeue
	run_case "$p: mixed list stops at the first refusal" case_mixed_stop
	run_case "$p: plain batch job is task 1" case_plain_job
	run_case "$p: RequeueJob" case_requeue_job
	run_case "$p: list tasks" case_list
	run_case "$p: task whose id Slurm 26.05 lost refused, saying so" case_lost_task
	c26 scancel -u root >/dev/null 2>&1
}

# --- TLS, tokens, faults -------------------------------------------------
case_tls_wrong_ca() {
	CA=$C26_BADCA; URL=$C26_HTTPS
	cl connect
	assert_eq hr "$(hr)" $E_FAIL
	assert_match msg "$(msg)" "certificate|TLS"
	assert_match "names CCP_CA_BUNDLE" "$(msg)" "CCP_CA_BUNDLE"
	CA=; cl connect
	assert_eq "no CA bundle: system CAs only" "$(hr)" $E_FAIL
}
case_token_wrong() {
	URL=$C26_HTTP CA=
	OUT=$(SLURM_JWT="${TOKEN%?}x" timeout 60 "$CLIENT" "$URL" list 1 2>&1); RC=$?; note "$OUT"
	assert_eq exit "$RC" 0
	assert_eq hr "$(hr)" $E_ACCESSDENIED
	assert_match msg "$(msg)" "token"
	assert_nomatch "token not in message" "$(msg)" "${TOKEN:20:40}"
}
case_token_expired() {
	local t; t=$(c26_token 1)
	[ -n "$t" ] || { fail "set-up: no token"; return 1; }
	sleep 3
	OUT=$(SLURM_JWT="$t" timeout 60 "$CLIENT" "$C26_HTTP" list 1 2>&1); RC=$?; note "$OUT"
	assert_eq exit "$RC" 0
	assert_eq hr "$(hr)" $E_ACCESSDENIED
	assert_match msg "$(msg)" "expired"
}
case_token_missing() {
	OUT=$(env -u SLURM_JWT timeout 60 "$CLIENT" "$C26_HTTP" connect 2>&1); RC=$?; note "$OUT"
	assert_eq exit "$RC" 0
	assert_eq hr "$(hr)" $E_ACCESSDENIED
	assert_match msg "$(msg)" "SLURM_JWT is not set"
}
case_rest_stopped() {
	c26_rest_stop
	URL=$C26_HTTP CA=
	CCP_TIMEOUT_MS=5000 cl connect
	assert_eq hr "$(hr)" $UNREACHABLE
	assert_le ms "$(outval ms)" 5500
	c26_rest_start || fail "slurmrestd did not come back"
}
case_rest_hung() {
	local p; p=$(c26_rest_pid)
	kill -STOP "$p"
	URL=$C26_HTTP CA=
	CCP_TIMEOUT_MS=3000 cl connect
	assert_eq hr "$(hr)" $TIMEOUT
	assert_le ms "$(outval ms)" 4000
	kill -CONT "$p"
	cl connect
	assert_eq "answers again" "$(hr)" $OK
}
case_hung_midcall() {
	# Connected, then slurmrestd stops answering: the next call times out.
	arr26 fail || return 1
	local p f; p=$(c26_rest_pid); f=$(mktemp)
	REST_CLIENT_PAUSE_MS=2000 CCP_TIMEOUT_MS=3000 SLURM_JWT=$TOKEN \
		timeout 60 "$CLIENT" "$C26_HTTP" tasks "$J" 1 >"$f" 2>&1 &
	local cpid=$!
	sleep 1; kill -STOP "$p"
	wait "$cpid"; RC=$?
	kill -CONT "$p"
	OUT=$(cat "$f"); rm -f "$f"; note "$OUT"
	assert_eq exit "$RC" 0
	assert_eq "connected first" "$(printf '%s\n' "$OUT" | grep -c connect_hr)" 0
	assert_eq hr "$(hr)" $TIMEOUT
	assert_match msg "$(msg)" "Reading the job's state"
	assert_le ms "$(outval ms)" 4000
	state26 "${J}_1" FAILED 0
}
# A loopback listener that answers garbage (a fault injector).
fake_server() { # MODE: garbage | notjson | truncated
	local port; port=$(ccp_pick_ports 1 18000)
	python3 - "$port" "$1" <<'EOPY' &
import socket, sys
port, mode = int(sys.argv[1]), sys.argv[2]
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(8)
while True:
    c, _ = s.accept()
    try:
        c.recv(65536)
        if mode == "garbage":
            c.sendall(b"\x00\x01garbage not http\r\n\r\n")
        elif mode == "notjson":
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\n\r\n<html>hello</html>\r\n")
        else:
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"paths\": {")
    finally:
        c.close()
EOPY
	FAKE_PID=$!
	_c26_wait 10 eval "! ccp_port_free $port"
	FAKE_URL=http://127.0.0.1:$port
}
fake_stop() { kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; FAKE_PID=; }
case_garbage() {
	local m
	for m in garbage notjson truncated; do
		fake_server $m
		OUT=$(SLURM_JWT=$TOKEN CCP_TIMEOUT_MS=3000 timeout 30 "$CLIENT" "$FAKE_URL" connect 2>&1); RC=$?
		note "$m: $OUT"
		assert_eq "$m: exit" "$RC" 0
		assert_eq "$m: hr" "$(hr)" $E_FAIL
		assert_le "$m: ms" "$(outval ms)" 3500
		case $m in
		notjson) assert_match "$m: msg" "$(msg)" "not slurmrestd's JSON" ;;
		truncated) assert_match "$m: msg" "$(msg)" "cut short" ;;
		esac
		fake_stop
	done
}
case_http_remote_refused() {
	OUT=$(SLURM_JWT=$TOKEN timeout 30 "$CLIENT" "http://192.0.2.1:6820" connect 2>&1); note "$OUT"
	assert_eq hr "$(hr)" 0x80070057
	assert_match msg "$(msg)" "in clear"
}

# =========================================================================
echo "# REST suite: Slurm 26.05 in $C26_ROOT"
if ! c26_start; then
	broken "26.05 cluster starts (chroot, slurmctld, slurmd, slurmrestd, nginx)" "see the log tails above"
	finish
fi
write_task_script
TOKEN=$(c26_token 3600)
[ -n "$TOKEN" ] || { broken "scontrol token" "no token from the 26.05 cluster"; finish; }

URL=$C26_HTTP; CA=
contract_pass http
URL=$C26_HTTPS; CA=$C26_CA
contract_pass https
run_case "https: wrong CA fails, verification not off" case_tls_wrong_ca
run_case "fault: wrong token" case_token_wrong
run_case "fault: expired token" case_token_expired
run_case "fault: no token" case_token_missing
run_case "fault: slurmrestd stopped" case_rest_stopped
run_case "fault: slurmrestd hung (SIGSTOP) at connect" case_rest_hung
run_case "fault: slurmrestd hung during a call" case_hung_midcall
run_case "fault: garbage / non-JSON / truncated replies" case_garbage
run_case "plain http to a remote host refused" case_http_remote_refused
c26_stop

# =========================================================================
# The host's Slurm 22.05 slurmrestd: reads work, requeue is too old.
# =========================================================================
echo "# REST suite: host Slurm $(slurmctld -V 2>&1) slurmrestd"
if ! command -v slurmrestd >/dev/null; then
	apt-get install -y -q slurmrestd >/dev/null 2>&1 ||
		{ broken "22.05 slurmrestd installed" "apt-get install slurmrestd failed"; finish; }
fi
eval "$(declare -f _cl_write_conf | sed '1s/_cl_write_conf/_cl_write_conf_rest_orig/')"
_cl_write_conf() {
	_cl_write_conf_rest_orig
	dd if=/dev/urandom of="$CCP_LIVE_DIR/jwt.key" bs=32 count=1 status=none
	chmod 0600 "$CCP_LIVE_DIR/jwt.key"
	printf 'AuthAltTypes=auth/jwt\nAuthAltParameters=jwt_key=%s\n' \
		"$CCP_LIVE_DIR/jwt.key" >> "$CCP_LIVE_DIR/slurm.conf"
}
cluster_user_setup >/dev/null 2>&1
if ! cluster_start; then
	broken "22.05 host cluster starts" "see the log tails above"; finish
fi
H22_PORT=$(ccp_pick_ports 1 18000)
env SLURM_JWT=daemon CCP_LIVE_DAEMON="$CCP_LIVE_DIR" setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
	slurmrestd -f "$SLURM_CONF" -a rest_auth/jwt -s openapi/v0.0.38,openapi/v0.0.37 \
	"127.0.0.1:$H22_PORT" </dev/null >>"$CCP_LIVE_DIR/log/slurmrestd.log" 2>&1 &
H22_REST_PID=$!
_c26_wait 20 eval "! ccp_port_free $H22_PORT" ||
	{ broken "22.05 slurmrestd starts" "$(tail -5 "$CCP_LIVE_DIR/log/slurmrestd.log")"; finish; }
H22_URL=http://127.0.0.1:$H22_PORT
TOKEN=$(timeout 10 scontrol token username=root lifespan=3600 | sed -n 's/^SLURM_JWT=//p')
h22_arr() {
	J=$(csub -a 1-2 --wrap 'exit $((SLURM_ARRAY_TASK_ID % 2))') || return 1
	wait_state "${J}_1" 30 FAILED && wait_state "${J}_2" 30 COMPLETED
}
case_h22_read() {
	h22_arr || { fail "set-up"; return 1; }
	OUT=$(SLURM_JWT=$TOKEN timeout 60 "$CLIENT" "$H22_URL" list "$J" 2>&1); RC=$?; note "$OUT"
	assert_eq exit "$RC" 0
	assert_eq hr "$(hr)" $OK
	assert_match "task 1" "$OUT" "task=1 status=Failed"
	assert_match "task 2" "$OUT" "task=2 status=Finished"
	OUT=$(SLURM_JWT=$TOKEN timeout 60 "$CLIENT" "$H22_URL" list 987654 2>&1); note "$OUT"
	assert_eq "unknown job" "$(hr)" $JOB_NOT_FOUND
}
case_h22_too_old() {
	h22_arr || { fail "set-up"; return 1; }
	OUT=$(SLURM_JWT=$TOKEN timeout 60 "$CLIENT" "$H22_URL" tasks "$J" 1 2>&1); RC=$?; note "$OUT"
	assert_eq exit "$RC" 0
	assert_eq hr "$(hr)" $TOO_OLD
	assert_match "names the version" "$(msg)" "22\.05"
	assert_match "names the native backend" "$(msg)" "native backend"
	assert_eq "${J}_1 unchanged" "$(jstate "${J}_1")" FAILED
	assert_eq "${J}_1 restarts" "$(jfield "${J}_1" Restarts)" 0
}
run_case "22.05: reads work" case_h22_read
run_case "22.05: requeue is CCP_E_SERVER_TOO_OLD" case_h22_too_old
kill "$H22_REST_PID" 2>/dev/null; wait "$H22_REST_PID" 2>/dev/null; H22_REST_PID=
finish
