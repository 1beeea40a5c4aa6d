/*
 * Findings: the vulnerability and patch definitions an evaluated OVAL
 * session found true, joined with what the vulnerability store knows
 * (CVSS scores with their sources, JVN ids and Japanese titles), and the
 * findings.xml writer (urn:kensa:findings:1, data/schemas/
 * kensa-findings-1.xsd). Not a CVSS scorer (feeds/ is) nor an evaluator.
 */
#ifndef KS_AGENT_FINDINGS_H
#define KS_AGENT_FINDINGS_H

#include "feeds/feeds.h"
#include "oval/oval.h"

#include <stdio.h>
#include <sys/types.h>

#define AGENT_FINDINGS_NS	"urn:kensa:findings:1"

/* A finding's severity, lowest first. `unknown`: neither a CVSS score nor
 * a vendor severity word we recognise. */
enum agent_sev {
	AGENT_SEV_UNKNOWN, AGENT_SEV_NONE, AGENT_SEV_LOW, AGENT_SEV_MEDIUM,
	AGENT_SEV_HIGH, AGENT_SEV_CRITICAL, AGENT_SEV_COUNT
};
/* "unknown", "none", "low", "medium", "high", "critical". */
const char *agent_sev_name(enum agent_sev s);
/* Parses a --fail-on word: one of the names above, or "any" (=unknown,
 * the lowest). -1 for anything else. */
int agent_sev_parse(const char *s);

/* One score a source gives, checked with feeds' CVSS parser. */
struct agent_evidence {
	char			*about;		/* CVE or JVNDB id */
	enum feed_origin	 origin;
	char			*source;
	char			*version;	/* parsed when valid */
	char			*vector;	/* raw, as given */
	char			*stated;	/* the source's number */
	bool			 valid;
	double			 score;		/* when valid */
	const char		*severity;	/* when valid: "High" */
	char			*reason;	/* when not valid: why */
};
struct agent_pkg {
	char	*type, *name, *installed, *arch, *fixed;
};
struct agent_ref {
	char	*source, *id, *url;
};
struct agent_finding {
	char			*def_id, *klass, *title;
	char			*title_lang;	/* "ja" or "en" */
	char			**cves, **jvndb, **advisories;
	size_t			 ncves, njvndb, nadvisories;
	struct agent_pkg	*pkgs;
	size_t			 npkgs;
	struct agent_evidence	*ev;
	size_t			 nev;
	ssize_t			 chosen;	/* into ev; -1: none */
	char			*no_score;	/* why there is none */
	char			*vendor;	/* the definition's */
	char			*vendor_sev, *vendor_sev_source;
	enum agent_sev		 severity;
	const char		*severity_basis;	/* cvss|vendor|none */
	struct agent_ref	*refs;
	size_t			 nrefs;
};
/* A cached feed copy the findings were made with (findings.xml <feeds>). */
struct agent_findings_feed {
	char			*source, *kind, *url, *verified;
	int64_t			 updated;	/* epoch seconds */
	struct feed_cache_file	*files;	/* name size sha256 */
	size_t			 nfiles;
};
struct agent_findings {
	struct agent_finding	*v;
	size_t			 n;
	size_t			 count[AGENT_SEV_COUNT];
	char			*lang;
	struct agent_findings_feed *feeds;
	size_t			 nfeeds;
};

/*
 * Builds the findings of an evaluated session: every definition of class
 * vulnerability or patch whose result is true. `store` (may be NULL) adds
 * JVN and vendor knowledge by CVE id; the definitions' own metadata is
 * always used. lang "ja" or "en" selects titles. Score policy: among the
 * valid CVSS scores of every source, the highest CVSS version wins; at
 * equal version the definition's own vendor's score wins for a
 * distribution package (a finding with package items) and JVN/NVD scores
 * otherwise (another vendor's score ranks last); then the higher score.
 * Every other score is kept as evidence. The findings are
 * sorted by score (highest first, unscored last), then definition id.
 * Returns 0 (caller frees *out) or a KS_* code.
 */
int agent_findings_build(struct agent_findings **out, struct oval_session *s,
    const struct feed_vulnstore *store, const char *lang);
/* The same over several sessions (an XCCDF evaluation runs one per OVAL
 * document): the findings of all, sorted together. */
int agent_findings_build_multi(struct agent_findings **out,
    struct oval_session *const *sessions, size_t nsessions,
    const struct feed_vulnstore *store, const char *lang);
void agent_findings_free(struct agent_findings *f);
/*
 * Moves every finding of `from` into `into` (a definition id already in
 * `into` is not added twice: the first document that found it wins),
 * recounts and sorts as agent_findings_build does, and frees `from`.
 */
void agent_findings_merge(struct agent_findings *into,
    struct agent_findings *from);
/* Records (copies) one cached feed copy the findings were made with:
 * source name, kind ("oval", "jvn-ipedia") and the copy's state. */
void agent_findings_add_feed(struct agent_findings *f, const char *source,
    const char *kind, const struct feed_cache_info *info);
/* Findings at or above min. */
size_t agent_findings_at_least(const struct agent_findings *f,
    enum agent_sev min);
/*
 * Writes findings.xml atomically. target names what was scanned (may be
 * NULL). Returns 0 or a KS_* code (message set).
 */
int agent_findings_write(const struct agent_findings *f, const char *path,
    const char *target);
/* The terminal table: severity, score, id, package, installed -> fixed. */
void agent_findings_print(const struct agent_findings *f, FILE *fp);

/*
 * The store for a command: loads `path` (NULL: feed_vulnstore_default_path,
 * where a missing file is an empty store; a missing named file is an empty
 * store when may_create, else KS_ENOTFOUND), then imports each JVN document
 * of jvn[0..njvn). Returns 0 (the caller frees *out) or a KS_* code.
 */
int agent_vulnstore_open(struct feed_vulnstore **out, const char *path,
    bool may_create, char **jvn, size_t njvn);

#endif /* KS_AGENT_FINDINGS_H */
