#!/bin/bash
# test-all.sh - the whole test suite, as root on Debian: unit tests
# (make check), the live suite against a real private Slurm cluster
# (make check-live), then both again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Fails if any part fails or the cluster
# cannot start.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

"$top/scripts/deps.sh"
cd "$top"
./bootstrap >/dev/null 2>&1 || { ./bootstrap; exit 1; }

run() {	# run NAME CONFIGURE-ARGS...
	local name=$1; shift
	local dir="$top/_build-$name"
	echo "# test-all: [$name] configure $*"
	rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
	"$top/configure" -q "$@"
	make -s -j2 >/dev/null
	echo "# test-all: [$name] unit tests"
	make -s check || { cat tests/unit/*.log tests/*/*.log 2>/dev/null | tail -80; return 1; }
	echo "# test-all: [$name] live suite"
	make -s check-live
	cd "$top"
}

run plain
run asan --enable-sanitizers
echo "# test-all: every suite passed"
