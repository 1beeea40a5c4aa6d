/*
 * `kensa bundle`: sign, verify and unpack a security officer's checklist
 * bundle from the command line. The format and the checks live in feeds/
 * (feeds/feeds.h); this is only the command.
 */
#ifndef KS_AGENT_CMD_BUNDLE_H
#define KS_AGENT_CMD_BUNDLE_H

/*
 * Runs `kensa bundle SUBCOMMAND ...`; argv[0] ("bundle") is not looked at:
 *   sign --key KEY.pem --out FILE DIR
 *   verify --trust PEM [--trust PEM...] BUNDLE
 *   unpack --trust PEM [--trust PEM...] [--replace] BUNDLE DESTDIR
 *   help, --help, -h
 * Returns the process exit status: 0 when the operation succeeded (one
 * summary line on stdout), 1 on any failure, with one line on stderr
 * naming the bundle (or file) and the reason.
 */
int agent_cmd_bundle(int argc, char **argv);

#endif /* KS_AGENT_CMD_BUNDLE_H */
