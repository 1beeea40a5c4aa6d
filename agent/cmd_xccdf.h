/*
 * `kensa xccdf eval`: evaluate an XCCDF checklist (a SCAP source data
 * stream or a benchmark file) on a target and write XCCDF results, ARF,
 * OVAL results and the HTML report.
 */
#ifndef KS_AGENT_CMD_XCCDF_H
#define KS_AGENT_CMD_XCCDF_H

int agent_cmd_xccdf(int argc, char **argv);

#endif /* KS_AGENT_CMD_XCCDF_H */
