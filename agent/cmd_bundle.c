/*
 * `kensa bundle sign|verify|unpack`: argument handling and one-line
 * reports around feed_bundle_* (feeds/feed_bundle.c). No verification
 * logic lives here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "agent/agent.h"
#include "agent/cmd_bundle.h"

static const char usage[] =
    "usage: kensa bundle sign --key KEY.pem --out FILE DIR\n"
    "       kensa bundle verify --trust PEM [--trust PEM...] BUNDLE\n"
    "       kensa bundle unpack --trust PEM [--trust PEM...] [--replace] "
    "BUNDLE DESTDIR\n"
    "\n"
    "sign bundles the regular files below DIR with a manifest (SHA-256 and\n"
    "size of each) signed by KEY.pem (Ed25519, or RSA: RSA-PSS SHA-256).\n"
    "verify checks the signature against the trusted public keys or\n"
    "certificates in each PEM file, then every file. unpack verifies and\n"
    "extracts in one pass into DESTDIR (created; an existing non-empty\n"
    "DESTDIR is swapped out atomically only with --replace). A bundle that\n"
    "fails any check is never unpacked. Exit status 0 ok, 1 failure.\n";

static int
fail(const char *what)
{
	agent_perror(what);
	return AGENT_EXIT_ERROR;
}

static int
bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "kensa: bundle: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return AGENT_EXIT_ERROR;
}

static int
cmd_sign(int argc, char **argv)
{
	const char *key = NULL, *out = NULL, *dir = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			key = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return bad_usage("sign: unknown option '%s'", argv[i]);
		else if (dir == NULL)
			dir = argv[i];
		else
			return bad_usage("sign: unexpected '%s'", argv[i]);
	}
	if (key == NULL || out == NULL || dir == NULL)
		return bad_usage("sign: %s", "needs --key, --out and DIR");
	if (feed_bundle_sign(dir, key, out) != 0)
		return fail("bundle sign");
	printf("%s: signed %s\n", out, dir);
	return AGENT_EXIT_OK;
}

/* verify and unpack share their options. */
static int
cmd_check(int argc, char **argv, bool unpack)
{
	struct feed_trust *trust = NULL;
	struct feed_bundle_info info;
	const char *pos[2] = { NULL, NULL };
	unsigned flags = 0;
	int i, npos = 0, status = AGENT_EXIT_ERROR, rc;

	feed_trust_new(&trust);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--trust") == 0 && i + 1 < argc) {
			if (feed_trust_add_file(trust, argv[++i]) != 0) {
				status = fail("bundle: trust anchors");
				goto out;
			}
		} else if (unpack && strcmp(argv[i], "--replace") == 0) {
			flags |= FEED_EXTRACT_REPLACE;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			status = bad_usage("unknown option '%s'", argv[i]);
			goto out;
		} else if (npos < (unpack ? 2 : 1)) {
			pos[npos++] = argv[i];
		} else {
			status = bad_usage("unexpected '%s'", argv[i]);
			goto out;
		}
	}
	if (npos != (unpack ? 2 : 1) || feed_trust_count(trust) == 0) {
		status = bad_usage("%s", unpack ?
		    "unpack needs --trust PEM, BUNDLE and DESTDIR" :
		    "verify needs --trust PEM and BUNDLE");
		goto out;
	}
	rc = unpack ? feed_bundle_unpack(pos[0], trust, pos[1], flags, NULL,
	    &info) : feed_bundle_verify(pos[0], trust, NULL, &info);
	if (rc != 0) {
		status = fail(unpack ? "bundle unpack" : "bundle verify");
		goto out;
	}
	printf("%s: OK: %zu files, %" PRIu64 " bytes, signed by %s%s%s\n",
	    pos[0], info.files, info.bytes, info.signer,
	    unpack ? ", unpacked into " : "", unpack ? pos[1] : "");
	status = AGENT_EXIT_OK;
out:
	feed_trust_free(trust);
	return status;
}

int
agent_cmd_bundle(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return AGENT_EXIT_OK;
	}
	if (strcmp(argv[1], "sign") == 0)
		return cmd_sign(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") == 0)
		return cmd_check(argc - 1, argv + 1, false);
	if (strcmp(argv[1], "unpack") == 0)
		return cmd_check(argc - 1, argv + 1, true);
	return bad_usage("unknown subcommand '%s'", argv[1]);
}
