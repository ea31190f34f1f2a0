# shim/local.mk: the library, libccpshim.
# Every source goes into a convenience library first: the shipped library
# wraps it with an export list, and the unit tests link it directly so that
# -Wl,--wrap replaces every Slurm call.
noinst_LTLIBRARIES += shim/libccpshim_core.la
shim_libccpshim_core_la_SOURCES = \
	shim/backend.h \
	shim/cluster.h \
	shim/hresult.h \
	shim/cluster.c \
	shim/hresult.c \
	shim/job.c \
	shim/requeue.c \
	shim/deadline.c \
	shim/deadline.h \
	shim/slurmcompat.h \
	shim/backend_slurm.c \
	shim/backend_rest.c \
	shim/com_types.c \
	shim/com_enum.c \
	shim/com_cluster.c \
	shim/com_internal.h
shim_libccpshim_core_la_CPPFLAGS = $(AM_CPPFLAGS) $(SLURM_CPPFLAGS) \
	$(CURL_CFLAGS) $(JSONC_CFLAGS)

lib_LTLIBRARIES += shim/libccpshim.la
shim_libccpshim_la_SOURCES =
shim_libccpshim_la_LIBADD = shim/libccpshim_core.la $(SLURM_LIBS) \
	$(CURL_LIBS) $(JSONC_LIBS) $(PTHREAD_LIBS)
shim_libccpshim_la_LDFLAGS = $(AM_LDFLAGS) $(SLURM_LDFLAGS) \
	-version-info $(LIBCCPSHIM_LT_VERSION) \
	-export-symbols-regex '^ccp_'

ccpshimincdir = $(includedir)/ccpshim
ccpshiminc_HEADERS = shim/ccpshim/ccpapi.h shim/ccpshim/ccpshim.h

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = shim/ccpshim.pc

