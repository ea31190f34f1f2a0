# tests/live/local.mk: the live suite (make check-live), a real cluster.
# Not part of make check (distcheck and package builds start no cluster).
EXTRA_PROGRAMS += tests/live/live_client
tests_live_live_client_SOURCES = tests/live/live_client.c
tests_live_live_client_LDADD = shim/libccpshim.la
CLEANFILES += tests/live/live_client

check-live: tests/live/live_client$(EXEEXT)
	CCP_BUILDDIR="$(abs_top_builddir)" CCP_SRCDIR="$(abs_top_srcdir)" \
	  $(SHELL) $(top_srcdir)/tests/live/run.sh

PHONY += check-live

EXTRA_DIST += tests/live
