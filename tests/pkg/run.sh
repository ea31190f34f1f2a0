#!/bin/bash
# run.sh - the package test (make check-pkg): builds the .debs from a clean
# clone (make deb), runs lintian on them and make rpm, installs the .debs
# with apt into a fresh Debian bookworm chroot (base cached under
# /var/cache/ccpshim/bookworm-chroot, copied per run), and there compiles a
# client against libccpshim-dev, starts a private cluster (ports
# 19000-19999) and runs tests/pkg/inchroot.sh: ccp-task requeue, the
# packaged client, the plugin from its installed path. Prints "ok N - name"
# / "not ok N - name" and "N passed, N failed"; exit 1 on any failure.
# Needs root and Debian's mirror. Unmounts and removes its folder on every
# exit path (kept with CCP_PKG_KEEP=1).
#
# Environment: CCP_SRCDIR (tree to clone; default: this script's tree),
# CCP_PKG_MIRROR (default http://deb.debian.org/debian), CCP_PKG_KEEP,
# CCP_PKG_CACHEDIR (default /var/cache/ccpshim).
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCDIR=${CCP_SRCDIR:-$(cd "$HERE/../.." && pwd)}
MIRROR=${CCP_PKG_MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${CCP_PKG_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
CACHEDIR=${CCP_PKG_CACHEDIR:-/var/cache/ccpshim}
CACHE=$CACHEDIR/bookworm-chroot
APTCACHE=$CACHEDIR/bookworm-apt
# Cases inchroot.sh reports when it runs to the end.
INNER_CASES=12

N=0; PASSED=0; FAILED=0
pass() { N=$((N + 1)); PASSED=$((PASSED + 1)); echo "ok $N - $*"; }
fail() { N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $*"; }
say()  { echo "# $*"; }
# tail_log FILE: the end of a step's log, as comments.
tail_log() { tail -n "${2:-30}" "$1" 2>/dev/null | sed 's/^/#   /'; }
# bail NAME: a step everything after it needs failed; say what is not run.
bail() {
	fail "$1"
	fail "remaining cases not run (an earlier step failed)"
	exit 1
}

WORK=
ROOT=
cleanup() {
	local rc=$? p m left
	if [ -n "$ROOT" ] && [ -d "$ROOT" ]; then
		# Anything still running inside our chroot (inchroot.sh stops its
		# cluster itself; this is for a kill or a timeout): by pid.
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] &&
				kill -KILL "${p#/proc/}" 2>/dev/null
		done
		sleep 0.5
		for m in $(awk -v r="$ROOT" 'index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r); do
			umount "$m" 2>/dev/null || umount -l "$m"
		done
	fi
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		left=$(awk -v r="$WORK" 'index($2, r "/") == 1' /proc/mounts)
		if [ -n "$left" ]; then
			say "still mounted, $WORK kept: $left"
		elif [ "${CCP_PKG_KEEP:-0}" = 1 ]; then
			say "kept $WORK (CCP_PKG_KEEP=1)"
		else
			rm -rf "$WORK"
		fi
	fi
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ] && [ "$rc" -eq 0 ] && exit 0
	exit 1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || bail "run as root (apt, debootstrap, chroot, mount)"
export DEBIAN_FRONTEND=noninteractive
START=$SECONDS

# --- host tools ------------------------------------------------------------
HOST_PKGS="debhelper dh-autoreconf devscripts lintian rpm debootstrap fakeroot
 git autoconf automake libtool pkg-config make gcc libcmocka-dev
 libcurl4-openssl-dev libjson-c-dev"
dpkg-query -W -f='${Status}\n' slurm-smd-dev 2>/dev/null | grep -q 'ok installed' ||
	HOST_PKGS="$HOST_PKGS libslurm-dev"
missing=
for p in $HOST_PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
WORK=$(mktemp -d /var/tmp/ccpshim-pkg.XXXXXX) || bail "mktemp"
mkdir -p "$WORK/logs"
if [ -n "$missing" ]; then
	say "installing on the host:$missing"
	if { apt-get update -q && apt-get install -y -q --no-install-recommends $missing; } \
		> "$WORK/logs/host-apt.log" 2>&1; then
		pass "host tools installed:$missing"
	else
		tail_log "$WORK/logs/host-apt.log"; bail "host tools installed:$missing"
	fi
else
	pass "host tools present (debhelper, lintian, rpm, debootstrap, build deps)"
fi

# --- build from a clean clone ----------------------------------------------
if git -C "$SRCDIR" rev-parse --git-dir >/dev/null 2>&1; then
	git clone -q "$SRCDIR" "$WORK/src" || bail "clean clone of $SRCDIR"
	say "clean clone of $SRCDIR at $(git -C "$WORK/src" log --oneline -1)"
else
	# A dist tarball's tree (make check-pkg from make dist): clean already.
	cp -a "$SRCDIR" "$WORK/src" || bail "copy of $SRCDIR"
	say "$SRCDIR is no git clone: copied it"
fi
cd "$WORK/src" || bail "cd $WORK/src"
t=$SECONDS
if { [ ! -x ./bootstrap ] || ./bootstrap; } > "$WORK/logs/build.log" 2>&1 &&
	./configure -q >> "$WORK/logs/build.log" 2>&1 &&
	make deb >> "$WORK/logs/build.log" 2>&1; then
	pass "make deb in a clean clone ($((SECONDS - t)) s)"
else
	tail_log "$WORK/logs/build.log" 40; bail "make deb in a clean clone"
fi
DEBS=$(ls deb/*.deb | grep -v -- '-dbgsym_')
say "packages: $(echo $DEBS)"
want="ccpshim-tools libccpshim-dev libccpshim0 slurm-spank-ccpshim"
got=$(for d in $DEBS; do dpkg-deb -f "$d" Package; done | sort | tr '\n' ' ')
if [ "$got" = "$want " ]; then pass "four packages built: $want"
else fail "four packages built: got '$got', want '$want'"; fi

lintian --tag-display-limit 0 deb/*.deb > "$WORK/logs/lintian.log" 2>&1
tail_log "$WORK/logs/lintian.log" 50
if grep -q '^E:' "$WORK/logs/lintian.log"; then fail "lintian: no errors"
else pass "lintian: no errors ($(grep -c '^W:' "$WORK/logs/lintian.log") warnings, listed in docs/packaging.md)"; fi

slurmdev=$(dpkg-query -S /usr/include/slurm/slurm.h | cut -d: -f1)
slurmver=$(dpkg-query -W -f='${Version}' "$slurmdev")
dep=$(dpkg-deb -f deb/slurm-spank-ccpshim_*.deb Depends)
say "slurm-spank-ccpshim Depends: $dep"
case $dep in
*"(= $slurmver)"*) pass "plugin package pinned to the Slurm it was built with ($slurmver)";;
*) fail "plugin package pinned to the Slurm it was built with ($slurmver)";;
esac

t=$SECONDS
if make rpm > "$WORK/logs/rpm.log" 2>&1 &&
	[ "$(find rpm/RPMS -name '*.rpm' | wc -l)" -eq 4 ]; then
	pass "make rpm: four RPMs ($((SECONDS - t)) s)"
	for r in rpm/RPMS/*/*.rpm; do say "  ${r##*/}"; done
	say "  slurm-spank-ccpshim requires: $(rpm -qp --requires rpm/RPMS/*/slurm-spank-ccpshim-*.rpm 2>/dev/null | grep '^slurm')"
else
	tail_log "$WORK/logs/rpm.log"; fail "make rpm: four RPMs"
fi

# --- the chroot ------------------------------------------------------------
mkdir -p "$CACHEDIR" "$APTCACHE"
if [ -d "$CACHE" ]; then
	pass "base chroot cached in $CACHE"
else
	t=$SECONDS
	rm -rf "$CACHE.tmp"
	if debootstrap --variant=minbase bookworm "$CACHE.tmp" "$MIRROR" \
		> "$WORK/logs/debootstrap.log" 2>&1 && mv "$CACHE.tmp" "$CACHE"; then
		pass "debootstrap --variant=minbase bookworm into $CACHE ($((SECONDS - t)) s)"
	else
		tail_log "$WORK/logs/debootstrap.log"; rm -rf "$CACHE.tmp"
		bail "debootstrap --variant=minbase bookworm into $CACHE"
	fi
fi
ROOT=$WORK/root
cp -a "$CACHE" "$ROOT" || bail "copy of the base chroot"
cat > "$ROOT/etc/apt/sources.list" <<EOS
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECMIRROR bookworm-security main
EOS
cp /etc/hosts /etc/resolv.conf "$ROOT/etc/"
# Installing munge and slurmd must not start their services in the chroot.
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
cp "$APTCACHE"/*.deb "$ROOT/var/cache/apt/archives/" 2>/dev/null
mkdir -p "$ROOT/root/debs" "$ROOT/root/ccppkg"
cp $DEBS "$ROOT/root/debs/"
# slurmd reads the CPU topology from /sys and initialises its cgroup plugin
# even with proctrack/linuxproc: /proc, /sys and the host's cgroup tree
# (recursive, made a slave first so that unmounting it never propagates
# back to the host's mounts).
{ mount -t proc proc "$ROOT/proc" && mount -t sysfs sysfs "$ROOT/sys" &&
  mount --rbind /sys/fs/cgroup "$ROOT/sys/fs/cgroup" &&
  mount --make-rslave "$ROOT/sys/fs/cgroup"; } ||
	bail "mount /proc, /sys, /sys/fs/cgroup in the chroot"

inchroot() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root TMPDIR=/tmp LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
APT="apt-get -y -q -o Dpkg::Use-Pty=0 --no-install-recommends"
t=$SECONDS
inchroot apt-get -q update > "$WORK/logs/chroot-apt.log" 2>&1 ||
	{ tail_log "$WORK/logs/chroot-apt.log"; bail "apt-get update in the chroot"; }
# The four packages alone first: apt must resolve every dependency itself.
if inchroot sh -c "cd /root/debs && $APT install ./*.deb" >> "$WORK/logs/chroot-apt.log" 2>&1; then
	pass "apt install ./*.deb in a clean bookworm chroot resolves the dependencies ($((SECONDS - t)) s)"
else
	tail_log "$WORK/logs/chroot-apt.log"; bail "apt install ./*.deb in a clean bookworm chroot"
fi
inst=$(inchroot dpkg-query -W -f='${Version}' slurm-wlm-basic-plugins 2>/dev/null)
if [ "$inst" = "$slurmver" ]; then pass "chroot got the pinned Slurm ($inst)"
else fail "chroot got the pinned Slurm: slurm-wlm-basic-plugins '$inst', want '$slurmver'"; fi
t=$SECONDS
if inchroot $APT install munge slurmctld slurmd slurm-client gcc libc6-dev pkg-config \
	>> "$WORK/logs/chroot-apt.log" 2>&1; then
	pass "chroot: munge, slurmctld, slurmd, gcc, pkg-config installed ($((SECONDS - t)) s)"
else
	tail_log "$WORK/logs/chroot-apt.log"; bail "chroot: munge, slurmctld, slurmd, gcc, pkg-config installed"
fi
cp -n "$ROOT"/var/cache/apt/archives/*.deb "$APTCACHE/" 2>/dev/null

cp "$WORK/src/tests/live/cluster.sh" "$WORK/src/tests/live/slurm_conf.sh" "$HERE/inchroot.sh" \
	"$WORK/src/examples/requeue_failed.c" "$ROOT/root/ccppkg/"
t=$SECONDS
timeout 600 chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root TMPDIR=/tmp LANG=C.UTF-8 bash /root/ccppkg/inchroot.sh \
	> "$WORK/logs/inchroot.log" 2>&1
rc=$?
seen=0
while IFS= read -r l; do
	case $l in
	"RESULT ok "*)   seen=$((seen + 1)); pass "chroot: ${l#RESULT ok }";;
	"RESULT fail "*) seen=$((seen + 1)); fail "chroot: ${l#RESULT fail }";;
	"#"*) echo "$l";;
	*) echo "#   $l";;
	esac
done < "$WORK/logs/inchroot.log"
if [ "$rc" -eq 0 ] && [ "$seen" -eq "$INNER_CASES" ]; then
	pass "chroot cases ran to the end ($seen cases, $((SECONDS - t)) s)"
else
	fail "chroot cases ran to the end: exit $rc, $seen of $INNER_CASES cases reported"
fi
say "total $((SECONDS - START)) s"
