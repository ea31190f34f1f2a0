# tests/rest/local.mk: the slurmrestd suite (make check-rest): a Slurm
# 26.05 cluster in a cached sid chroot, the host's 22.05 slurmrestd, and
# HTTP-level faults. Not part of make check (it needs root and a network
# mirror for the first chroot build).
rest_programs = tests/rest/rest_client
EXTRA_PROGRAMS += $(rest_programs)
tests_rest_rest_client_SOURCES = tests/rest/rest_client.c
tests_rest_rest_client_LDADD = shim/libccpshim.la
CLEANFILES += $(rest_programs)

check-rest: $(rest_programs)
	CCP_BUILDDIR="$(abs_top_builddir)" CCP_SRCDIR="$(abs_top_srcdir)" \
	  $(SHELL) $(top_srcdir)/tests/rest/run.sh

PHONY += check-rest

EXTRA_DIST += tests/rest
