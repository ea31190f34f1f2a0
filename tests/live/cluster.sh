# cluster.sh - start and stop a private one-host Slurm cluster for the live
# suite: its own munged, slurmctld and slurmd on loopback, its own ports
# (17000-17999, never 6817/6818), everything under one mktemp -d folder.
#
# Source it (bash), then:
#   cluster_start      make $CCP_LIVE_DIR, write key + slurm.conf, start the
#                      daemons, wait (bounded) until the node is idle;
#                      non-zero and daemon log tails on failure
#   cluster_stop       cancel every job, stop the daemons by pid file, wait,
#                      remove the folder (kept when CCP_LIVE_KEEP=1)
#   cluster_logs       print the tails of the daemon logs
#   cluster_user_setup create the unprivileged user ccptest if missing
#   as_ccptest CMD...  run CMD as ccptest (keeps SLURM_CONF)
#   cluster_stage F... copy files where ccptest can read them
#   cluster_dead_conf  write a slurm.conf copy whose controller port is
#                      closed; prints its path
#   csub ARGS...       sbatch --parsable into our cluster; prints the job id
#   jstate ID / jfield ID FIELD / wait_state ID STATE... [secs]
#   make_timeout ID    make running task ID end in TIMEOUT soon (see below)
#
# Needs root (munged runs as user munge, the Slurm daemons as root).

. "$(dirname "${BASH_SOURCE[0]}")/slurm_conf.sh"

CCP_LIVE_WAIT=${CCP_LIVE_WAIT:-60}
CCP_LIVE_CPUS=${CCP_LIVE_CPUS:-16}
CCP_LIVE_USER=${CCP_LIVE_USER:-ccptest}
CCP_LIVE_PORT_BASE=${CCP_LIVE_PORT_BASE:-17000}	# ports from BASE..BASE+999

_cl_say() { printf '# cluster: %s\n' "$*" >&2; }

cluster_logs() {
	local f
	[ -n "${CCP_LIVE_DIR:-}" ] || return 0
	for f in "$CCP_LIVE_DIR"/munge/munged.log "$CCP_LIVE_DIR"/log/slurmctld.log \
		 "$CCP_LIVE_DIR"/log/slurmd.log "$CCP_LIVE_DIR"/log/*.out; do
		[ -f "$f" ] || continue
		echo "# ---- tail of $f ----" >&2
		tail -n 40 "$f" | sed 's/^/#   /' >&2
	done
}

cluster_user_setup() {
	if ! getent passwd "$CCP_LIVE_USER" >/dev/null; then
		useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$CCP_LIVE_USER" ||
			{ _cl_say "cannot create user $CCP_LIVE_USER"; return 1; }
	fi
}

# cluster_stage FILE...: copy FILEs (links followed) into the cluster's
# folder, readable by every user whatever the permissions on the way to
# the build tree (a clone under a 0700 folder); prints the stage folder.
cluster_stage() {
	local s=$CCP_LIVE_DIR/stage
	mkdir -p "$s" && cp -L "$@" "$s/" && chmod -R a+rX "$s" && echo "$s"
}

# as_ccptest CMD...: run CMD as the unprivileged user, environment kept
# (SLURM_CONF, ASAN_OPTIONS...), no way back to root.
as_ccptest() {
	timeout "${CCP_LIVE_CMD_TIMEOUT:-60}" setpriv --reuid="$CCP_LIVE_USER" --regid="$(id -g "$CCP_LIVE_USER")" \
		--init-groups -- "$@"
}

_cl_write_conf() {
	local d=$CCP_LIVE_DIR

	ccp_slurm_conf "$d/slurm.conf" "$d" ccplive "$CCP_LIVE_CTLD_PORT" \
		"$CCP_LIVE_SLURMD_PORT" "$CCP_LIVE_CPUS" "$(ccp_slurm_major)" \
		"PlugStackConfig=$d/plugstack.conf" \
		"MaxJobCount=20000" \
		"# Job ids of five digits: a job id in a message is never mistaken" \
		"# for a task id or a count." \
		"FirstJobId=50001" || return 1
	: > "$d/plugstack.conf"
	chmod 0644 "$d/plugstack.conf"
}

# _cl_wait SECS CMD...: retry CMD every 0.5 s until it succeeds or SECS pass.
_cl_wait() {
	local secs=$1; shift
	local end=$((SECONDS + secs))
	while :; do
		"$@" && return 0
		[ "$SECONDS" -ge "$end" ] && return 1
		sleep 0.5
	done
}

_cl_ctld_up() { timeout 10 scontrol ping 2>/dev/null | grep -q 'is UP'; }
_cl_node_idle() {
	local s
	s=$(timeout 10 sinfo -h -N -n n1 -o %t 2>/dev/null) || return 1
	[ "$s" = idle ]
}
_cl_munge_up() {
	[ -S "$CCP_LIVE_DIR/munge/munge.socket" ] &&
		munge -n --socket="$CCP_LIVE_DIR/munge/munge.socket" 2>/dev/null |
		unmunge --socket="$CCP_LIVE_DIR/munge/munge.socket" >/dev/null 2>&1
}

cluster_start() {
	local ports d
	for t in munged munge unmunge slurmctld slurmd scontrol sbatch sinfo squeue scancel sdiag setpriv timeout; do
		command -v "$t" >/dev/null ||
		[ -x "/usr/sbin/$t" ] ||
			{ _cl_say "missing program: $t"; return 1; }
	done
	PATH=$PATH:/usr/sbin:/sbin
	[ "$(id -u)" -eq 0 ] || { _cl_say "the live suite needs root"; return 1; }
	getent passwd munge >/dev/null || { _cl_say "no user munge"; return 1; }

	CCP_LIVE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ccplive.XXXXXX") ||
		{ _cl_say "mktemp failed"; return 1; }
	export CCP_LIVE_DIR
	d=$CCP_LIVE_DIR
	# Readable and traversable: munged (user munge) and ccptest must get in.
	chmod 0755 "$d"
	mkdir -p "$d/munge" "$d/state" "$d/spool" "$d/log" "$d/run" "$d/jobs"
	chmod 0755 "$d/munge" "$d/log" "$d/run"
	chmod 1777 "$d/jobs"
	chown munge:munge "$d/munge"

	ports=$(ccp_pick_ports 3 "$CCP_LIVE_PORT_BASE") ||
		{ _cl_say "no free ports in $CCP_LIVE_PORT_BASE-$((CCP_LIVE_PORT_BASE + 999))"; return 1; }
	set -- $ports
	export CCP_LIVE_CTLD_PORT=$1 CCP_LIVE_SLURMD_PORT=$2 CCP_LIVE_DEAD_PORT=$3
	_cl_say "folder $d, slurmctld port $1, slurmd port $2"

	# munge key: 1024 random bytes, owned by munge, 0400.
	dd if=/dev/urandom of="$d/munge/munge.key" bs=1024 count=1 status=none &&
		chown munge:munge "$d/munge/munge.key" &&
		chmod 0400 "$d/munge/munge.key" || { _cl_say "cannot write munge key"; return 1; }

	_cl_write_conf
	export SLURM_CONF=$d/slurm.conf

	# The marker CCP_LIVE_DAEMON lets cluster_stop find every process our
	# daemons started (slurmstepd inherits slurmd's environment).
	env CCP_LIVE_DAEMON="$d" setpriv --reuid=munge --regid=munge --clear-groups -- \
		munged --socket="$d/munge/munge.socket" \
		--key-file="$d/munge/munge.key" \
		--pid-file="$d/munge/munged.pid" \
		--log-file="$d/munge/munged.log" \
		--seed-file="$d/munge/munged.seed" \
		</dev/null >>"$d/log/munged.out" 2>&1 ||
		{ _cl_say "munged did not start"; cluster_logs; return 1; }
	_cl_wait 15 _cl_munge_up ||
		{ _cl_say "munged does not answer"; cluster_logs; return 1; }

	env CCP_LIVE_DAEMON="$d" slurmctld -i -f "$d/slurm.conf" \
		</dev/null >>"$d/log/slurmctld.out" 2>&1 ||
		{ _cl_say "slurmctld did not start"; cluster_logs; return 1; }
	env CCP_LIVE_DAEMON="$d" slurmd -f "$d/slurm.conf" -N n1 \
		</dev/null >>"$d/log/slurmd.out" 2>&1 ||
		{ _cl_say "slurmd did not start"; cluster_logs; return 1; }

	_cl_wait "$CCP_LIVE_WAIT" _cl_ctld_up ||
		{ _cl_say "slurmctld not UP after ${CCP_LIVE_WAIT}s"; cluster_logs; return 1; }
	_cl_wait "$CCP_LIVE_WAIT" _cl_node_idle ||
		{ _cl_say "node n1 not idle after ${CCP_LIVE_WAIT}s: $(sinfo -h -N -o '%N %t %E' 2>&1)";
		  cluster_logs; return 1; }
	_cl_say "cluster up"
	return 0
}

# _cl_kill_pidfile FILE NAME: TERM, wait up to 15 s, then KILL.
_cl_kill_pidfile() {
	local f=$1 name=$2 pid i
	[ -f "$f" ] || return 0
	pid=$(cat "$f" 2>/dev/null)
	case $pid in ''|*[!0-9]*) return 0;; esac
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	for i in $(seq 1 30); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	_cl_say "$name ($pid) ignored TERM: KILL"
	kill -KILL "$pid" 2>/dev/null
}

# _cl_marked_pids: processes whose environment carries our markers
# (daemons, slurmstepd, and job scripts submitted through csub).
_cl_marked_pids() {
	local p e
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$p" = "$$" ] && continue
		e=$(tr "\\0" "\\n" 2>/dev/null < "/proc/$p/environ") || continue
		case $e in
		*"CCP_LIVE_DAEMON=$CCP_LIVE_DIR"*|*"CCP_LIVE_JOB=$CCP_LIVE_DIR"*)
			echo "$p";;
		esac
	done
}

cluster_stop() {
	local d=${CCP_LIVE_DIR:-} p left
	[ -n "$d" ] && [ -d "$d" ] || return 0
	if _cl_ctld_up; then
		timeout 10 scancel -u root >/dev/null 2>&1
		_cl_wait 20 _cl_no_active_jobs ||
			_cl_say "jobs still active at stop: $(squeue -h -o '%i %T' 2>&1 | head -5)"
	fi
	_cl_kill_pidfile "$d/run/slurmd.pid" slurmd
	_cl_kill_pidfile "$d/run/slurmctld.pid" slurmctld
	_cl_kill_pidfile "$d/munge/munged.pid" munged
	# Leftovers (a slurmstepd, a job's sleep): by id, marked as ours.
	left=$(_cl_marked_pids)
	if [ -n "$left" ]; then
		_cl_say "killing leftover processes: $(echo $left)"
		for p in $left; do kill -KILL "$p" 2>/dev/null; done
	fi
	if [ "${CCP_LIVE_KEEP:-0}" = 1 ]; then
		_cl_say "kept $d (CCP_LIVE_KEEP=1)"
	else
		rm -rf "$d"
	fi
	CCP_LIVE_DIR=
}

_cl_no_active_jobs() {
	local n
	n=$(timeout 10 squeue -h -t running,completing,suspended,configuring -o %i 2>/dev/null | wc -l) || return 1
	[ "$n" -eq 0 ]
}

# cluster_dead_conf: a slurm.conf copy pointing at a port nobody listens on.
cluster_dead_conf() {
	local f=$CCP_LIVE_DIR/dead.conf
	sed -e "s/^SlurmctldPort=.*/SlurmctldPort=$CCP_LIVE_DEAD_PORT/" \
		"$CCP_LIVE_DIR/slurm.conf" > "$f" && chmod 0644 "$f" && echo "$f"
}

# --- helpers for the test cases ------------------------------------------

# csub ARGS...: sbatch into our cluster, job marked for cleanup; prints id.
csub() {
	timeout 20 sbatch --parsable --export=ALL,CCP_LIVE_JOB="$CCP_LIVE_DIR" \
		-o "$CCP_LIVE_DIR/jobs/%x-%A_%a.out" "$@" | cut -d';' -f1
}

# jshow ID: one-line scontrol record of job or task ID (e.g. 12_3).
jshow() { timeout 10 scontrol show job -o "$1" 2>&1; }

# jfield ID FIELD: one field of that record (JobState, Restarts, Reason...).
jfield() {
	jshow "$1" | head -n 1 | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}
jstate() { jfield "$1" JobState; }

# wait_state ID SECS STATE...: poll until ID is in one of STATEs.
wait_state() {
	local id=$1 secs=$2; shift 2
	local end=$((SECONDS + secs)) s w
	while :; do
		s=$(jstate "$id")
		for w in "$@"; do [ "$s" = "$w" ] && return 0; done
		if [ "$SECONDS" -ge "$end" ]; then
			echo "# $id: state '$s' after ${secs}s, wanted $*" >&2
			return 1
		fi
		sleep 0.3
	done
}

# make_timeout ID: move running task ID's end time to now+1 s. slurmctld
# checks time limits every 30 s (PERIODIC_TIMEOUT), so ID is TIMEOUT within
# about 35 s; start this early and check late. (TimeLimit cannot go below
# one minute; EndTime of a running job can be set to the second.)
make_timeout() {
	timeout 10 scontrol update jobid="$1" EndTime=now+2 2>&1
}
