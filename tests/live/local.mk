# tests/live/local.mk: the live suite (make check-live), a real cluster.
# Not part of make check (distcheck and package builds start no cluster).
live_programs = tests/live/live_client tests/live/live_plain \
	tests/live/live_threads
EXTRA_PROGRAMS += $(live_programs)
tests_live_live_client_SOURCES = tests/live/live_client.c
tests_live_live_client_LDADD = shim/libccpshim.la
tests_live_live_plain_SOURCES = tests/live/live_plain.c
tests_live_live_plain_LDADD = shim/libccpshim.la
tests_live_live_threads_SOURCES = tests/live/live_threads.c
tests_live_live_threads_LDADD = shim/libccpshim.la $(PTHREAD_LIBS)
CLEANFILES += $(live_programs)

check-live: $(live_programs) plugin/ccpshim.la cli/ccp-task$(EXEEXT) cli/ccp-job$(EXEEXT)
	CCP_BUILDDIR="$(abs_top_builddir)" CCP_SRCDIR="$(abs_top_srcdir)" \
	  LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/live/lsan.supp:print_suppressions=0" \
	  $(SHELL) $(top_srcdir)/tests/live/run.sh

PHONY += check-live

EXTRA_DIST += tests/live
