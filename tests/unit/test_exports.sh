#!/bin/sh
# test_exports.sh - libccpshim.so exports only the public API: every
# dynamic symbol it defines is named in an installed header (ccpshim.h or
# ccpapi.h), and every function of ccpshim.h is exported.
set -u
lib=shim/.libs/libccpshim.so
hdr="$srcdir/shim/ccpshim"
[ -f "$lib" ] || { echo "FAIL: $lib not built"; exit 1; }
syms=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort -u)
n=0; bad=0
for s in $syms; do
	n=$((n + 1))
	if ! grep -qw "$s" "$hdr/ccpshim.h" "$hdr/ccpapi.h"; then
		echo "FAIL: $s is exported but in no public header"; bad=1
	fi
done
for f in $(sed -n 's/^[a-z_ *]*[ *]\(ccp_[a-z_]*\)(.*/\1/p' "$hdr/ccpshim.h" | sort -u); do
	echo "$syms" | grep -qx "$f" || { echo "FAIL: $f is in ccpshim.h but not exported"; bad=1; }
done
[ "$n" -ge 30 ] || { echo "FAIL: only $n symbols exported"; bad=1; }
[ "$bad" -eq 0 ] && echo "PASS: $n exported symbols, all public"
exit "$bad"
