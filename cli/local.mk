# cli/local.mk: the ccp-task and ccp-job commands.
