/*
 * `kensa cvss`: score and describe CVSS vectors from the command line. The
 * scoring itself lives in feeds/ (feeds/feeds.h); this is only the command.
 */
#ifndef KS_AGENT_CMD_CVSS_H
#define KS_AGENT_CMD_CVSS_H

/*
 * Runs `kensa cvss SUBCOMMAND ...`. argv[0] is the command's own name
 * ("cvss") and is not looked at; argv[1] is the subcommand:
 *   score [VECTOR...]     one tab-separated line per vector (a VECTOR of
 *                         "-" reads one vector per line from stdin):
 *                         vector version base temporal environmental score
 *                         severity, or "vector error reason";
 *   describe [--lang ja|en] VECTOR...
 *                         every metric and score in words;
 *   help, --help, -h      usage on stdout.
 * Returns the process exit status: 0 when every vector was valid, 1 when
 * one was not (the others are still printed), on a usage error (message on
 * stderr) or when standard output could not be written.
 */
int agent_cmd_cvss(int argc, char **argv);

#endif /* KS_AGENT_CMD_CVSS_H */
