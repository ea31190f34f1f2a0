# packaging/local.mk: Debian and RPM packages, and their test.
#   make deb        .debs from the dist tarball (packaging/debian), in deb/
#   make rpm        RPMs from packaging/ccpshim.spec, in rpm/
#   make check-pkg  tests/pkg/run.sh: build the .debs from a clean clone,
#                   install them in a bookworm chroot, run a cluster there
# None of these is part of make check or distcheck (docs/packaging.md).
DEB_DIR = $(abs_top_builddir)/deb
RPM_DIR = $(abs_top_builddir)/rpm

# dpkg-buildpackage wants debian/ at the top of an unpacked source tree:
# unpack the dist tarball in a scratch folder, put packaging/debian there.
deb: dist-gzip
	@v=$$(sed -n '1s/^[^(]*(\([^-)]*\).*/\1/p' $(srcdir)/packaging/debian/changelog); \
	test "$$v" = "$(VERSION)" || { \
	  echo "make deb: packaging/debian/changelog is at $$v, configure.ac at $(VERSION): add a changelog entry (dch -v $(VERSION)-1)" >&2; \
	  exit 1; }
	rm -rf $(DEB_DIR)/build
	$(MKDIR_P) $(DEB_DIR)/build
	tar -C $(DEB_DIR)/build -xzf $(distdir).tar.gz
	cp -R $(DEB_DIR)/build/$(distdir)/packaging/debian $(DEB_DIR)/build/$(distdir)/debian
	cd $(DEB_DIR)/build/$(distdir) && dpkg-buildpackage -us -uc -b --jobs-try=auto
	mv $(DEB_DIR)/build/*.deb $(DEB_DIR)/build/*.changes \
	  $(DEB_DIR)/build/*.buildinfo $(DEB_DIR)/
	rm -rf $(DEB_DIR)/build
	@echo "make deb: packages in $(DEB_DIR):"; ls -1 $(DEB_DIR)/*.deb

# --nodeps: rpmbuild checks BuildRequires against the RPM database, which
# on Debian is empty (the libraries are dpkg's), so the check always fails
# there. On an RPM distribution drop it: rpmbuild -ta ccpshim-*.tar.gz.
# No debuginfo subpackage: Debian's rpm lacks find-debuginfo.
rpm: dist-gzip packaging/ccpshim.spec
	rm -rf $(RPM_DIR)
	$(MKDIR_P) $(RPM_DIR)/SOURCES
	cp $(distdir).tar.gz $(RPM_DIR)/SOURCES/
	rpmbuild --nodeps -bb \
	  --define '_topdir $(RPM_DIR)' \
	  --define 'debug_package %{nil}' \
	  packaging/ccpshim.spec
	@echo "make rpm: packages in $(RPM_DIR)/RPMS:"; find $(RPM_DIR)/RPMS -name '*.rpm'

check-pkg:
	CCP_SRCDIR="$(abs_top_srcdir)" $(SHELL) $(top_srcdir)/tests/pkg/run.sh

clean-local: clean-pkg
clean-pkg:
	rm -rf $(DEB_DIR) $(RPM_DIR)

PHONY += deb rpm check-pkg clean-pkg

# The filled-in spec too (from the build folder), so that
# rpmbuild -ta ccpshim-X.Y.Z.tar.gz works on an RPM distribution.
EXTRA_DIST += tests/pkg packaging/ccpshim.spec
