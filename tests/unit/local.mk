# tests/unit/local.mk: cmocka unit tests, Slurm replaced at link time.
# No libslurm on the link line: a Slurm call that is not wrapped by a fake
# fails the link, so a unit test can never reach the real libslurm.
SLURM_WRAPS = \
	-Wl,--wrap=slurm_init \
	-Wl,--wrap=slurm_ping \
	-Wl,--wrap=slurm_load_ctl_conf \
	-Wl,--wrap=slurm_free_ctl_conf \
	-Wl,--wrap=slurm_free_conf \
	-Wl,--wrap=slurm_load_federation \
	-Wl,--wrap=slurm_destroy_federation_rec \
	-Wl,--wrap=slurm_list_count \
	-Wl,--wrap=slurm_load_job \
	-Wl,--wrap=slurm_free_job_info_msg \
	-Wl,--wrap=slurm_load_job_state \
	-Wl,--wrap=slurm_free_job_state_response_msg \
	-Wl,--wrap=slurm_requeue2 \
	-Wl,--wrap=slurm_free_job_array_resp \
	-Wl,--wrap=slurm_get_errno \
	-Wl,--wrap=slurm_strerror \
	-Wl,--wrap=slurm_bit_size \
	-Wl,--wrap=slurm_bit_test \
	-Wl,--wrap=slurm_bit_ffs \
	-Wl,--wrap=slurm_bit_fls

UNIT_CPPFLAGS = $(AM_CPPFLAGS) $(SLURM_CPPFLAGS) $(CMOCKA_CFLAGS) \
	-DCCP_SRCDIR='"$(abs_top_srcdir)"'
UNIT_LDADD = shim/libccpshim_core.la $(CMOCKA_LIBS) $(CURL_LIBS) \
	$(JSONC_LIBS) $(PTHREAD_LIBS)

if HAVE_CMOCKA
check_PROGRAMS += \
	tests/unit/test_hresult \
	tests/unit/test_requeue \
	tests/unit/test_com
TESTS += tests/unit/test_hresult tests/unit/test_requeue tests/unit/test_com \
	tests/unit/test_exports.sh
TESTS_ENVIRONMENT = srcdir='$(srcdir)'; export srcdir;
EXTRA_DIST += tests/unit/test_exports.sh
endif

tests_unit_test_hresult_SOURCES = tests/unit/test_hresult.c tests/unit/fake_slurm.c tests/unit/fake_slurm.h
tests_unit_test_hresult_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_hresult_LDADD = $(UNIT_LDADD)
tests_unit_test_hresult_LDFLAGS = $(AM_LDFLAGS) $(SLURM_WRAPS)

tests_unit_test_requeue_SOURCES = tests/unit/test_requeue.c tests/unit/fake_slurm.c tests/unit/fake_slurm.h
tests_unit_test_requeue_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_requeue_LDADD = $(UNIT_LDADD)
tests_unit_test_requeue_LDFLAGS = $(AM_LDFLAGS) $(SLURM_WRAPS)

tests_unit_test_com_SOURCES = tests/unit/test_com.c tests/unit/fake_slurm.c tests/unit/fake_slurm.h
tests_unit_test_com_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_com_LDADD = $(UNIT_LDADD)
tests_unit_test_com_LDFLAGS = $(AM_LDFLAGS) $(SLURM_WRAPS)

