# plugin/local.mk: the SPANK plugin, ccpshim.so, installed as
# $(pkglibdir)/spank/ccpshim.so (referenced by full path in plugstack.conf;
# pkg-config ccpshim --variable=spankplugin prints it).
# It links no Slurm library and not libccpshim: slurmstepd already carries
# libslurmfull, and the spank_* calls resolve against the host process.
# Never sanitized: a sanitizer runtime cannot be loaded into slurmstepd.
spankplugindir = $(pkglibdir)/spank
spankplugin_LTLIBRARIES = plugin/ccpshim.la

plugin_ccpshim_la_SOURCES = \
	plugin/ccpshim.h \
	plugin/dispatch.c \
	plugin/config.c \
	plugin/option.c \
	plugin/remote.c \
	plugin/facts.c \
	plugin/format.c \
	plugin/slurmrt.c
plugin_ccpshim_la_CPPFLAGS = -I$(top_builddir) -I$(top_srcdir)/shim $(SLURM_CPPFLAGS)
plugin_ccpshim_la_CFLAGS = $(WARN_CFLAGS)
plugin_ccpshim_la_LDFLAGS = -module -avoid-version -shared \
	-Wl,--version-script=$(srcdir)/plugin/ccpshim.lds
plugin_ccpshim_la_LIBADD =
EXTRA_plugin_ccpshim_la_DEPENDENCIES = $(srcdir)/plugin/ccpshim.lds

# The pure helpers (format.c, config.c), tested without Slurm running.
# An EXTRA_PROGRAM built by its .log rule: tests/unit/local.mk adds all of
# check_PROGRAMS to TESTS, which would run a check_PROGRAM twice.
EXTRA_PROGRAMS += plugin/test_format
TESTS += plugin/test_format
CLEANFILES += plugin/test_format
plugin_test_format_SOURCES = plugin/test_format.c plugin/format.c \
	plugin/config.c plugin/ccpshim.h
plugin_test_format_CPPFLAGS = -I$(top_builddir) $(SLURM_CPPFLAGS)
plugin_test_format_CFLAGS = $(WARN_CFLAGS)
plugin_test_format_LDFLAGS =

EXTRA_DIST += plugin/ccpshim.lds plugin/plugstack.conf.d/ccpshim.conf
