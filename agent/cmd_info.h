/*
 * `kensa info`: describe SCAP content (data streams, XCCDF benchmarks and
 * tailoring, CPE dictionaries, OVAL documents) as `oscap info` does. The
 * description itself is xccdf_info_print; this is only the command.
 */
#ifndef KS_AGENT_CMD_INFO_H
#define KS_AGENT_CMD_INFO_H

/*
 * Runs `kensa info [--lang ja|en] FILE`. argv[0] is the command's name.
 * Returns the process exit status: 0 when the description was printed,
 * 1 on a usage error or content that cannot be read (one line
 * "kensa: FILE:LINE: ..." on stderr).
 */
int agent_cmd_info(int argc, char **argv);

#endif /* KS_AGENT_CMD_INFO_H */
