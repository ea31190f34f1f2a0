# slurm_conf.sh - what the test harnesses' private one-host clusters
# share: free ports and the one slurm.conf writer. The live suite
# (tests/live/cluster.sh, Slurm on the host or in the sid chroot; also the
# package test in its bookworm chroot) and the REST suite
# (tests/rest/cluster26.sh, Slurm 26.05 in the chroot) differ only in what
# they pass here. Sourced by both; defines functions only.

# ccp_port_free PORT: nothing listens on PORT (TCP, any address).
ccp_port_free() {
	if command -v ss >/dev/null 2>&1; then
		! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
	else
		# No iproute2: a port is taken if a connect to it succeeds.
		! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
	fi
}

# ccp_pick_ports N BASE: print N distinct free ports from BASE..BASE+999
# (a random start, then the next free ones). Each harness has its own
# range, so suites may run at the same time; never 6817/6818.
ccp_pick_ports() {
	local want=$1 base=$2 got=() p tries=0
	p=$((base + RANDOM % 1000))
	while [ "${#got[@]}" -lt "$want" ] && [ "$tries" -lt 1000 ]; do
		ccp_port_free "$p" && got+=("$p")
		p=$((p + 1)); [ "$p" -gt $((base + 999)) ] && p=$base
		tries=$((tries + 1))
	done
	[ "${#got[@]}" -eq "$want" ] || return 1
	echo "${got[@]}"
}

# ccp_slurm_major [CMD...]: the major release (22, 26...) of the slurmctld
# on PATH, or of the one CMD runs (e.g. a chroot wrapper); 0 if none.
ccp_slurm_major() {
	"$@" slurmctld -V 2>/dev/null |
		awk '{ split($2, v, "."); print v[1] + 0; exit }' | grep . || echo 0
}

# ccp_slurm_conf FILE DIR NAME CTLD_PORT SLURMD_PORT CPUS MAJOR [LINE...]
#   FILE    where to write slurm.conf (host path); cgroup.conf goes next to
#           it for Slurm 24.05+
#   DIR     the cluster's folder as the daemons see it (munge socket,
#           state, spool, pid files, logs)
#   NAME    ClusterName
#   MAJOR   slurmctld's major release: from 24 on CR_Core (else memory is
#           consumed and tasks wait on Resources), sched_interval=1 (else
#           array tasks start one every few seconds) and cgroups off (no
#           cgroup file system in a chroot)
#   LINE... more lines, written before the node and partition lines
ccp_slurm_conf() {
	local f=$1 d=$2 name=$3 cport=$4 dport=$5 cpus=$6 major=$7 l
	local select=CR_CPU sched=batch_sched_delay=0,sched_min_interval=0
	shift 7
	if [ "${major:-0}" -ge 24 ]; then
		select=CR_Core
		sched=sched_interval=1,$sched
		echo "CgroupPlugin=disabled" > "$(dirname "$f")/cgroup.conf" &&
			chmod 0644 "$(dirname "$f")/cgroup.conf" || return 1
	fi
	{
		cat <<EOF
# slurm.conf of the private test cluster $name (tests/live/slurm_conf.sh)
ClusterName=$name
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$cport
SlurmdPort=$dport
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$d/munge/munge.socket
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/run/slurmctld.pid
SlurmdPidFile=$d/run/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=$select
SchedulerType=sched/backfill
SchedulerParameters=$sched
SlurmdParameters=config_overrides
ReturnToService=2
MaxArraySize=1001
KillWait=2
InactiveLimit=0
MessageTimeout=10
SlurmdTimeout=300
JobRequeue=1
EOF
		for l in "$@"; do printf '%s\n' "$l"; done
		cat <<EOF
NodeName=n1 NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=n1 Default=YES MaxTime=INFINITE State=UP
EOF
	} > "$f" && chmod 0644 "$f"
}
