/*
 * `kensa info`: opens one content file and prints what it holds in the
 * layout of `oscap info`. Option parsing and errors only; the description
 * is xccdf/xccdf_info.c.
 */
#include "agent/agent.h"
#include "agent/cmd_info.h"
#include "xccdf/xccdf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
info_usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kensa info [--lang ja|en] FILE\n"
	    "describes a source data stream, XCCDF benchmark or tailoring,\n"
	    "CPE dictionary or OVAL document: its streams, checklists,\n"
	    "profiles, referenced check files, checks and dictionaries.\n"
	    "Titles are printed in --lang (default from the locale), else\n"
	    "in the first language the content has.\n");
}

int
agent_cmd_info(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct xccdf_content *c = NULL;
	const char *lang = NULL;
	int ch, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			lang = optarg;
			break;
		case 'h':
			info_usage(stdout);
			return AGENT_EXIT_OK;
		default:
			fprintf(stderr, "kensa info: unknown or incomplete "
			    "option '%s'\n", argv[optind - 1]);
			info_usage(stderr);
			return AGENT_EXIT_ERROR;
		}
	}
	if (lang != NULL && strcmp(lang, "ja") != 0 &&
	    strcmp(lang, "en") != 0) {
		fprintf(stderr, "kensa info: --lang takes ja or en\n");
		return AGENT_EXIT_ERROR;
	}
	if (argc - optind != 1) {
		fprintf(stderr, "kensa info: expected one FILE\n");
		info_usage(stderr);
		return AGENT_EXIT_ERROR;
	}
	if ((rc = xccdf_content_open(&c, argv[optind])) == 0)
		rc = xccdf_info_print(c, stdout, agent_lang(lang));
	xccdf_content_free(c);
	if (rc != 0) {
		agent_perror(NULL);
		return AGENT_EXIT_ERROR;
	}
	return AGENT_EXIT_OK;
}
