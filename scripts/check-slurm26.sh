#!/bin/bash
# check-slurm26.sh - the native backend on Slurm 26.05: build ccpshim in the
# cached Debian sid chroot (tests/rest/chroot.sh) against its libslurm-dev
# 26.05, run the unit tests there (the light state read's cases compile
# only against 24.05+), the live suite (tests/live/run.sh: every contract,
# CLI and plugin case, on a private 26.05 cluster started inside the chroot
# by tests/live/cluster.sh), then the benchmark's quick run. Prints
# "N passed, M failed" for scripts/test-all.sh; exit 0 only if all passed.
# Needs root. Usage: scripts/check-slurm26.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
say() { printf '# slurm26: %s\n' "$*"; }

ROOT=$(bash "$top/tests/rest/chroot.sh" --print) || { say "no sid chroot"; exit 1; }
mounted=
cleanup() {
	for m in $mounted; do umount -l "$ROOT/$m" 2>/dev/null; done
	rm -rf "$ROOT/ccpshim26"
}
trap cleanup EXIT
for m in proc dev; do
	if ! mountpoint -q "$ROOT/$m"; then
		if [ "$m" = proc ]; then mount -t proc proc "$ROOT/proc"
		else mount --bind /dev "$ROOT/dev"; fi || { say "cannot mount $m"; exit 1; }
		mounted="$mounted $m"
	fi
done
cp /etc/hosts "$ROOT/etc/hosts"

say "build tools and libslurm-dev in the chroot"
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	--no-install-recommends gcc make autoconf automake libtool pkg-config \
	libslurm-dev libcurl4-openssl-dev libjson-c-dev libcmocka-dev \
	libc6-dev bc python3 >/dev/null 2>&1 ||
	{ say "apt-get install in the chroot failed"; exit 1; }
say "$(chroot "$ROOT" dpkg-query -W -f='libslurm-dev ${Version}' libslurm-dev)"

rm -rf "$ROOT/ccpshim26"
mkdir -p "$ROOT/ccpshim26/src" "$ROOT/ccpshim26/build"
if [ -d "$top/.git" ]; then
	git -C "$top" ls-files -z | (cd "$top" && xargs -0 cp --parents -t "$ROOT/ccpshim26/src")
else
	cp -a "$top/." "$ROOT/ccpshim26/src/"
fi
say "configure and build against Slurm 26.05"
chroot "$ROOT" bash -c 'cd /ccpshim26/src && ./bootstrap >/dev/null 2>&1 &&
	cd /ccpshim26/build && /ccpshim26/src/configure -q >/dev/null &&
	make -s -j2 >/dev/null' || { say "build failed"; exit 1; }

say "unit tests (make check)"
chroot "$ROOT" bash -c 'cd /ccpshim26/build && make -s check >/dev/null 2>&1'
unit=$?
logs=$(find "$ROOT/ccpshim26/build" -name 'test_*.log')
p=$(cat $logs | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | paste -sd+ | bc)
f=$(cat $logs | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | paste -sd+ | bc)
p=${p:-0}; f=${f:-0}
grep -h '^\[  \(FAILED\|ERROR\) *\]' $logs | sed 's/^/#   /'
if [ "$unit" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; say "make check failed"; fi
grep -q 'light_read_when_it_tells_all' $logs ||
	{ say "the light-read unit test did not run"; f=$((f + 1)); }

say "live suite (make check-live) on a private Slurm 26.05 cluster"
chroot "$ROOT" bash -c 'cd /ccpshim26/build && timeout 1800 make check-live' \
	> "$ROOT/ccpshim26/live.out" 2>&1
live=$?
grep -E '^not ok|^# cases took|passed, [0-9]+ failed' "$ROOT/ccpshim26/live.out" | sed 's/^/#   /'
lp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$ROOT/ccpshim26/live.out" | tail -1)
lf=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$ROOT/ccpshim26/live.out" | tail -1)
if [ -z "$lp" ]; then
	f=$((f + 1)); say "the live suite did not finish:"
	tail -30 "$ROOT/ccpshim26/live.out" | sed 's/^/#   /'
else
	p=$((p + lp)); f=$((f + lf))
	[ "$live" -eq 0 ] || [ "$lf" -gt 0 ] || { f=$((f + 1)); say "make check-live failed"; }
fi

say "benchmark, quick, on a private Slurm 26.05 cluster (the light read)"
if chroot "$ROOT" bash -c 'cd /ccpshim26/build && CCP_BUILDDIR=/ccpshim26/build \
	timeout 900 /ccpshim26/src/bench/run.sh --quick' > "$ROOT/ccpshim26/bench.out" 2>&1 &&
   grep -q 'REQUEST_JOB_STATE' "$ROOT/ccpshim26/bench.out"; then
	p=$((p + 1))
else
	f=$((f + 1)); say "bench failed (or the light read was not used):"
fi
grep -E 'library RequeueTasks \(default|J_\[list|REQUEST_|ratio|done in' "$ROOT/ccpshim26/bench.out" | sed 's/^/#   /'
echo "$p passed, $f failed (ccpshim built against Slurm 26.05)"
[ "$f" -eq 0 ]
