# bench/local.mk: the benchmark (built by make, not run by make check).
