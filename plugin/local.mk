# plugin/local.mk: the SPANK plugin.
