/*
 * kensa's entry point: global options and dispatch to a command. The
 * commands themselves live in agent/cmd_*.c.
 */
#include "agent/agent.h"
#include "agent/cmd_cvss.h"
#include "agent/cmd_feed.h"
#include "agent/cmd_bundle.h"
#include "agent/cmd_info.h"
#include "agent/cmd_xccdf.h"
#include "agent/report.h"
/* @@cmd-includes@@ */

#include <stdio.h>
#include <string.h>

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kensa [-v|--verbose] [-q|--quiet] COMMAND [ARGS]\n"
	    "\n"
	    "commands:\n"
	    "  scan                      check this host (or --root DIR) with "
	    "the default content\n"
	    "  oval eval [OPTS] DEFS     evaluate OVAL definitions\n"
	    "  oval collect [OPTS] DEFS  collect system characteristics only\n"
	    "  oval analyse [OPTS] DEFS SYSCHAR\n"
	    "                            evaluate recorded system "
	    "characteristics\n"
	    "  cvss score VECTOR...|-    score CVSS v2/v3.0/v3.1/v4.0 vectors\n"
	    "  cvss describe VECTOR      explain a vector's metrics\n"
	    "  feed list|update|show|verify\n"
	    "                            the local feed cache (JVN, OVAL, "
	    "bundles)\n"
	    "  jvn overview|detail       ask the MyJVN API\n"
	    "  bundle sign|verify|unpack sign or check a checklist bundle\n"
	    "  xccdf eval [OPTS] CONTENT evaluate an XCCDF checklist or SCAP "
	    "data stream\n"
	    "  info FILE                 what a data stream or benchmark "
	    "holds\n"
	    "  report [OPTS] RESULTS     HTML report from ARF or XCCDF "
	    "results\n"
	    /* @@cmd-usage@@ */
	    "\n"
	    "  --version                 versions and supported OVAL objects\n"
	    "run 'kensa COMMAND --help' for a command's options.\n");
}

int
main(int argc, char **argv)
{
	int i;

	ks_xml_init();
	/* Every command exits when it returns. */
	ks_mem_set_leave_at_exit(true);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0 ||
		    strcmp(argv[i], "--verbose") == 0) {
			if (ks_log_get_level() < KS_LOG_DEBUG)
				ks_log_set_level(ks_log_get_level() + 1);
		} else if (strcmp(argv[i], "-q") == 0 ||
		    strcmp(argv[i], "--quiet") == 0) {
			ks_log_set_level(KS_LOG_ERROR);
		} else if (strcmp(argv[i], "--version") == 0 ||
		    strcmp(argv[i], "-V") == 0) {
			agent_print_version();
			return AGENT_EXIT_OK;
		} else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return AGENT_EXIT_OK;
		} else {
			fprintf(stderr, "kensa: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return AGENT_EXIT_ERROR;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return AGENT_EXIT_ERROR;
	}
	if (strcmp(argv[i], "oval") == 0)
		return agent_cmd_oval(argc - i, argv + i);
	if (strcmp(argv[i], "scan") == 0)
		return agent_cmd_scan(argc - i, argv + i);
	if (strcmp(argv[i], "cvss") == 0)
		return agent_cmd_cvss(argc - i, argv + i);
	if (strcmp(argv[i], "feed") == 0)
		return agent_cmd_feed(argc - i, argv + i);
	if (strcmp(argv[i], "jvn") == 0)
		return agent_cmd_jvn(argc - i, argv + i);
	if (strcmp(argv[i], "bundle") == 0)
		return agent_cmd_bundle(argc - i, argv + i);
	if (strcmp(argv[i], "xccdf") == 0)
		return agent_cmd_xccdf(argc - i, argv + i);
	if (strcmp(argv[i], "info") == 0)
		return agent_cmd_info(argc - i, argv + i);
	if (strcmp(argv[i], "report") == 0)
		return agent_cmd_report(argc - i, argv + i);
	/* @@cmd-dispatch@@ */
	fprintf(stderr, "kensa: unknown command '%s'\n", argv[i]);
	usage(stderr);
	return AGENT_EXIT_ERROR;
}
