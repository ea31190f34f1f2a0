# packaging/local.mk: Debian and RPM packages.
