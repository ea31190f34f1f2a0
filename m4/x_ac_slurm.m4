# X_AC_SLURM: find Slurm's headers and libslurm (--with-slurm=DIR), and check
# that the library has slurm_requeue2, which the native backend needs.
AC_DEFUN([X_AC_SLURM], [
  AC_ARG_WITH([slurm],
    [AS_HELP_STRING([--with-slurm=DIR], [Slurm installation prefix (default: search the system)])],
    [slurm_dir="$withval"], [slurm_dir=""])
  SLURM_CPPFLAGS=""
  SLURM_LDFLAGS=""
  AS_IF([test -n "$slurm_dir"], [
    SLURM_CPPFLAGS="-I$slurm_dir/include"
    for d in "$slurm_dir/lib64" "$slurm_dir/lib" "$slurm_dir/lib/x86_64-linux-gnu"; do
      AS_IF([test -d "$d"], [SLURM_LDFLAGS="$SLURM_LDFLAGS -L$d -Wl,-rpath,$d"])
    done
  ])
  save_CPPFLAGS="$CPPFLAGS"; save_LDFLAGS="$LDFLAGS"; save_LIBS="$LIBS"
  CPPFLAGS="$CPPFLAGS $SLURM_CPPFLAGS"
  LDFLAGS="$LDFLAGS $SLURM_LDFLAGS"
  AC_CHECK_HEADER([slurm/slurm.h], [],
    [AC_MSG_ERROR([slurm/slurm.h not found: install libslurm-dev (or slurm-smd-dev) or pass --with-slurm=DIR])])
  AC_CHECK_LIB([slurm], [slurm_requeue2], [SLURM_LIBS="-lslurm"],
    [AC_MSG_ERROR([libslurm with slurm_requeue2 not found: install libslurm-dev or pass --with-slurm=DIR])])
  AC_MSG_CHECKING([for Slurm's version])
  AC_COMPUTE_INT([slurm_version_number], [SLURM_VERSION_NUMBER],
    [#include <slurm/slurm_version.h>], [slurm_version_number=0])
  SLURM_VERSION_MAJOR=$(( slurm_version_number >> 16 ))
  SLURM_VERSION_MINOR=$(( (slurm_version_number >> 8) & 255 ))
  SLURM_VERSION_MICRO=$(( slurm_version_number & 255 ))
  SLURM_VERSION=$(printf "%d.%02d.%d" "$SLURM_VERSION_MAJOR" "$SLURM_VERSION_MINOR" "$SLURM_VERSION_MICRO")
  AC_MSG_RESULT([$SLURM_VERSION])
  # The API differences between the releases we build against (22.05 to
  # 26.05), by feature rather than by version number: shim/slurmcompat.h.
  AC_CHECK_DECLS([slurm_get_errno, slurm_free_ctl_conf, slurm_load_job_state],
    [], [], [[#include <slurm/slurm.h>]])
  AC_MSG_CHECKING([whether slurm_load_job takes a slurm_step_id_t])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <slurm/slurm.h>]],
      [[job_info_msg_t *m; slurm_step_id_t s = SLURM_STEP_ID_INITIALIZER;
        return slurm_load_job(&m, s, 0);]])],
    [AC_MSG_RESULT([yes])
     AC_DEFINE([CCP_SLURM_LOAD_JOB_STEP_ID], [1], [slurm_load_job takes a slurm_step_id_t (25.11+)])],
    [AC_MSG_RESULT([no])])
  AC_MSG_CHECKING([whether slurm_allocation_lookup takes a slurm_step_id_t])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <slurm/slurm.h>]],
      [[resource_allocation_response_msg_t *a; slurm_step_id_t s = SLURM_STEP_ID_INITIALIZER;
        return slurm_allocation_lookup(s, &a);]])],
    [AC_MSG_RESULT([yes])
     AC_DEFINE([CCP_SLURM_ALLOC_LOOKUP_STEP_ID], [1], [slurm_allocation_lookup takes a slurm_step_id_t (26.05)])],
    [AC_MSG_RESULT([no])])
  AC_MSG_CHECKING([whether hostlist_t is the struct (used as hostlist_t *)])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <slurm/slurm.h>]],
      [[hostlist_t *h = slurm_hostlist_create("n1"); slurm_hostlist_destroy(h); return 0;]])],
    [AC_MSG_RESULT([yes])
     AC_DEFINE([CCP_SLURM_HOSTLIST_STRUCT], [1], [hostlist_t names the struct, not a pointer])],
    [AC_MSG_RESULT([no])])
  CPPFLAGS="$save_CPPFLAGS"; LDFLAGS="$save_LDFLAGS"; LIBS="$save_LIBS"
  AC_SUBST([SLURM_CPPFLAGS])
  AC_SUBST([SLURM_LDFLAGS])
  AC_SUBST([SLURM_LIBS])
  AC_SUBST([SLURM_VERSION])
  AC_DEFINE_UNQUOTED([CCP_SLURM_VERSION], ["$SLURM_VERSION"], [Slurm release built against])
])
