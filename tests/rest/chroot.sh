#!/bin/bash
# chroot.sh - build (once) and cache a Debian sid minbase chroot holding
# Slurm (slurmctld, slurmd, slurmrestd), munge and nginx, for the REST suite.
# The chroot is reused while its stamp file is there; a failed build is
# removed, never half-used.
#
#   CCP_REST_CHROOT   where the chroot lives (default /var/cache/ccpshim/sid-chroot)
#   CCP_REST_MIRROR   Debian mirror (default http://deb.debian.org/debian)
#
# Usage: chroot.sh [--print]   build if missing; print the path with --print.
set -eu

ROOT=${CCP_REST_CHROOT:-/var/cache/ccpshim/sid-chroot}
MIRROR=${CCP_REST_MIRROR:-http://deb.debian.org/debian}
STAMP=$ROOT/.ccpshim-ready
PKGS="slurmctld slurmd slurmrestd slurm-client munge nginx-light openssl procps"

say() { printf '# chroot: %s\n' "$*" >&2; }

if [ -f "$STAMP" ]; then
	[ "${1:-}" = --print ] && echo "$ROOT"
	exit 0
fi
[ "$(id -u)" = 0 ] || { say "needs root to build $ROOT"; exit 1; }
command -v debootstrap >/dev/null ||
	{ say "installing debootstrap"; apt-get install -y -q debootstrap >&2; }

LOCK=$(dirname "$ROOT")/.sid-chroot.lock
mkdir -p "$(dirname "$ROOT")"
exec 9>"$LOCK"
flock 9
if [ -f "$STAMP" ]; then	# built while we waited
	[ "${1:-}" = --print ] && echo "$ROOT"
	exit 0
fi
rm -rf "$ROOT"
cleanup() {
	local rc=$?
	umount -l "$ROOT/proc" 2>/dev/null || true
	umount -l "$ROOT/dev" 2>/dev/null || true
	[ "$rc" -eq 0 ] || { say "build failed; removing $ROOT"; rm -rf "$ROOT"; }
}
trap cleanup EXIT
say "debootstrap sid into $ROOT (about a minute)"
debootstrap --variant=minbase sid "$ROOT" "$MIRROR" >&2
# No service may start during package installation.
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
# A mirror or proxy may serve a sid Release whose Valid-Until has passed;
# the signature is still checked.
echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/99ccpshim"
mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
say "installing $PKGS"
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	--no-install-recommends $PKGS >&2
# The jwt plugin is its own package in some releases.
if chroot "$ROOT" apt-cache show slurm-wlm-jwt-plugin >/dev/null 2>&1; then
	chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends slurm-wlm-jwt-plugin >&2
fi
chroot "$ROOT" apt-get clean
chroot "$ROOT" dpkg-query -W -f='${Package} ${Version}\n' slurmctld slurmrestd >&2
date -u +%FT%TZ > "$STAMP"
[ "${1:-}" = --print ] && echo "$ROOT"
exit 0
