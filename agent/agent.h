/*
 * The one header of agent/: the command-line commands and the shared
 * option handling they use. agent/ is the only module that wires the others
 * together; nothing else includes this.
 */
#ifndef KS_AGENT_H
#define KS_AGENT_H

#include "platform/base/base.h"
#include "platform/platform.h"

#ifndef KS_VERSION
#define KS_VERSION "0.1.0"
#endif

/* Exit statuses shared by every command (oscap's where users know them). */
#define AGENT_EXIT_OK		0
#define AGENT_EXIT_ERROR	1
#define AGENT_EXIT_FINDINGS	2

/* Each command takes argv after its name (argv[0] is the command name) and
 * returns the process exit status. Errors are printed as one line. */
int agent_cmd_oval(int argc, char **argv);
int agent_cmd_scan(int argc, char **argv);
void agent_print_version(void);

/*
 * `kensa scan`'s configuration baseline (scan_baseline.c): evaluates the
 * embedded XCCDF checklist on t, prints a summary and writes
 * OUTDIR/xccdf-results.xml, arf.xml and report.html. 0 or KS_* with the
 * message set.
 */
int agent_scan_baseline(struct plat_target *t, const char *outdir,
    const char *lang);

/* Opens the target selected by --root DIR or --image FILE (both NULL: the
 * host; both given: an error). An image is unpacked into a private
 * temporary tree that plat_target_free removes. */
int agent_target_open(struct plat_target **out, const char *root,
    const char *image);
/* The directory holding kensa's data (content, schemas, stylesheets):
 * $KENSA_DATADIR, the source tree next to the binary, or the installed one.
 * Borrowed, static. */
const char *agent_datadir(void);
/*
 * The language of messages and titles: `opt` (--lang) when given, else the
 * locale's (LC_ALL, else LC_MESSAGES, else LANG, the first one set
 * deciding, as POSIX orders them): "ja" when it starts with "ja", else
 * "en". Static string.
 */
const char *agent_lang(const char *opt);
/* Prints "kensa: <message>" for the current error to stderr. */
void agent_perror(const char *what);

#endif /* KS_AGENT_H */
