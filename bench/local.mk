# bench/local.mk: the benchmark (built by make, not run by make check).
# bench/run.sh starts a private cluster, runs it, stops the cluster;
# docs/performance.md has the figures.
noinst_PROGRAMS += bench/requeue_bench
bench_requeue_bench_SOURCES = bench/requeue_bench.c
bench_requeue_bench_CPPFLAGS = $(AM_CPPFLAGS) $(SLURM_CPPFLAGS)
bench_requeue_bench_LDFLAGS = $(AM_LDFLAGS) $(SLURM_LDFLAGS)
bench_requeue_bench_LDADD = shim/libccpshim.la $(SLURM_LIBS)
EXTRA_DIST += bench/run.sh
