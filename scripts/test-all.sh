#!/bin/bash
# test-all.sh - the whole test suite, as root on Debian: unit tests
# (make check), the live suite against a real private Slurm cluster
# (make check-live), the slurmrestd suite against a real Slurm 26.05 in a
# Debian sid chroot and the host's 22.05 (make check-rest), the benchmark's
# quick mode, the Debian packages installed and used in a clean bookworm
# chroot (make check-pkg), then the unit and live suites and the
# benchmark's quick mode again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Fails if any part fails or the cluster
# cannot start.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

"$top/scripts/deps.sh"
cd "$top"
./bootstrap >/dev/null 2>&1 || { ./bootstrap; exit 1; }

passed=0
failed=0
# count LOG...: add cmocka's and the live runners' totals from these logs.
count() {
	local p f
	p=$(cat "$@" 2>/dev/null | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | paste -sd+ | bc)
	passed=$((passed + ${p:-0}))
	f=$(cat "$@" 2>/dev/null | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | paste -sd+ | bc)
	failed=$((failed + ${f:-0}))
}

# live TARGET: run a live make target, show its output, add its totals.
live() {
	make -s "$1" 2>&1 | tee "$1.out"
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	local p f
	p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' "$1.out" | paste -sd+ | bc)
	f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' "$1.out" | paste -sd+ | bc)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

run() {	# run NAME CONFIGURE-ARGS...
	local name=$1; shift
	local dir="$top/_build-$name"
	echo "# test-all: [$name] configure $*"
	rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
	"$top/configure" -q "$@"
	make -s -j2 >/dev/null
	echo "# test-all: [$name] unit tests"
	make -s check || { cat tests/unit/*.log tests/*/*.log 2>/dev/null | tail -80; return 1; }
	count $(find . -name 'test_*.log')
	echo "# test-all: [$name] live suite"
	live check-live
	if [ "$name" = plain ]; then
		echo "# test-all: [$name] slurmrestd suite (Slurm 26.05 in a chroot, and 22.05)"
		live check-rest
		echo "# test-all: [$name] native backend built against Slurm 26.05 (sid chroot): unit tests, live suite, bench --quick"
		bash "$top/scripts/check-slurm26.sh" 2>&1 | tee slurm26.out
		[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
		passed=$((passed + $(sed -n 's/^\([0-9]*\) passed, .*/\1/p' slurm26.out)))
		echo "# test-all: [$name] benchmark, quick (N=100: it runs; figures in docs/performance.md)"
		CCP_BUILDDIR="$dir" bash "$top/bench/run.sh" --quick
		echo "# test-all: [$name] packages: build the .debs, install them in a clean bookworm chroot, use them"
		live check-pkg
	else
		# The bench's own code (its arrays, the mixed layout) under
		# the sanitizers too: an error or a leak exits 86.
		echo "# test-all: [$name] benchmark, quick, under the sanitizers"
		LSAN_OPTIONS="suppressions=$top/tests/live/lsan.supp:print_suppressions=0" \
		ASAN_OPTIONS=exitcode=86 CCP_BUILDDIR="$dir" \
			bash "$top/bench/run.sh" --quick
	fi
	cd "$top"
}

run plain
run asan --enable-sanitizers
echo "# test-all: every suite passed"
echo "total: $passed passed, $failed failed"
