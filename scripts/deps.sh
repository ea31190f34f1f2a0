#!/bin/bash
# deps.sh - install, as root on Debian, everything ccpshim needs to build,
# test and run a local cluster. Safe to run again.
set -euo pipefail
pkgs=(build-essential autoconf automake libtool pkg-config
      slurmctld slurmd slurm-client libslurm-dev munge
      libcmocka-dev libcurl4-openssl-dev libjson-c-dev
      iproute2 procps python3 util-linux bc)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "# deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# Debian's packages start no daemon here: the tests start their own.
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "# deps: all present"
