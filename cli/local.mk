# cli/local.mk: the ccp-task and ccp-job commands, their man pages, the
# HPC Pack compatibility names (task, job) and the id parser's unit test.
CLI_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
CLI_COMMON = \
	cli/cli.h \
	cli/common.c \
	cli/output.c \
	cli/ids.c \
	cli/ids.h

bin_PROGRAMS += cli/ccp-task cli/ccp-job

cli_ccp_task_SOURCES = cli/ccp_task.c $(CLI_COMMON)
cli_ccp_task_CPPFLAGS = $(CLI_CPPFLAGS)
cli_ccp_task_LDADD = shim/libccpshim.la $(JSONC_LIBS)

cli_ccp_job_SOURCES = cli/ccp_job.c $(CLI_COMMON)
cli_ccp_job_CPPFLAGS = $(CLI_CPPFLAGS)
cli_ccp_job_LDADD = shim/libccpshim.la $(JSONC_LIBS)

dist_man_MANS += \
	docs/man/ccp-task.1 \
	docs/man/ccp-job.1 \
	docs/man/ccpshim.3

# HPC Pack's command names, as links a site may put on PATH:
# PATH=$(libexecdir)/ccpshim/hpcpack:$PATH makes "task requeue 95.4" work.
hpcpackdir = $(libexecdir)/ccpshim/hpcpack

install-exec-hook: install-cli-links
uninstall-hook: uninstall-cli-links

install-cli-links:
	$(MKDIR_P) '$(DESTDIR)$(hpcpackdir)'
	cd '$(DESTDIR)$(hpcpackdir)' && \
	  rm -f task$(EXEEXT) job$(EXEEXT) && \
	  $(LN_S) '$(bindir)/ccp-task$(EXEEXT)' task$(EXEEXT) && \
	  $(LN_S) '$(bindir)/ccp-job$(EXEEXT)' job$(EXEEXT)

uninstall-cli-links:
	rm -f '$(DESTDIR)$(hpcpackdir)/task$(EXEEXT)' \
	  '$(DESTDIR)$(hpcpackdir)/job$(EXEEXT)'
	-rmdir '$(DESTDIR)$(hpcpackdir)' 2>/dev/null

PHONY += install-cli-links uninstall-cli-links

# The id parser's unit test: pure functions, no library, no cluster.
if HAVE_CMOCKA
check_PROGRAMS += tests/cli/test_ids
TESTS += tests/cli/test_ids
endif
tests_cli_test_ids_SOURCES = tests/cli/test_ids.c cli/ids.c cli/ids.h
tests_cli_test_ids_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli \
	$(CMOCKA_CFLAGS)
tests_cli_test_ids_LDADD = $(CMOCKA_LIBS)
