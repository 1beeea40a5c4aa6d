/*
 * The public interface of feeds/: what the agent and the other modules may
 * use of the vulnerability-knowledge side of kensa. For now it holds CVSS
 * vector parsing, validation and scoring; fetching, verifying and caching
 * feeds will be declared here too. Nothing here evaluates OVAL or XCCDF.
 */
#ifndef KS_FEEDS_H
#define KS_FEEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- CVSS ---------------------------------------------------------------- */
/*
 * CVSS v2.0, v3.0, v3.1 and v4.0 vectors, scored by the formulas of each
 * version's specification (FIRST): v2 and v3.x base, temporal and
 * environmental equations with each version's rounding; v4.0 with the
 * official macrovector method (the tables are compiled in).
 */
enum feed_cvss_version {
	FEED_CVSS_V2,
	FEED_CVSS_V30,
	FEED_CVSS_V31,
	FEED_CVSS_V40,
};

/* No version has more metrics than this (v4.0 has exactly 32). */
#define FEED_CVSS_MAX_METRICS	32
/* Longer vectors are rejected before parsing (the longest valid one,
 * v4.0 with every metric, is about 190 bytes). */
#define FEED_CVSS_MAX_VECTOR	512

struct feed_cvss {
	enum feed_cvss_version ver;
	/*
	 * Scores, already rounded as the specification says. A score whose
	 * has_* flag is false is undefined (printed as "-"): v2 temporal and
	 * environmental when the vector sets none of the group's metrics, and
	 * base/temporal/environmental for v4.0, which has only `score`.
	 * v3.x always defines all three.
	 */
	double	 base, temporal, environmental;
	/* The most specific score the vector defines: environmental if it sets
	 * an environmental metric, else temporal (v4.0: threat) if it sets one
	 * of those, else base. For v4.0 the CVSS-B/BT/BE/BTE score. */
	double	 score;
	bool	 has_base, has_temporal, has_environmental;
	/* The vector sets a temporal/threat or environmental metric to a value
	 * other than Not Defined (v2 "ND", v3/v4 "X"). */
	bool	 sets_temporal, sets_environmental;
	/* Parsed metrics, indexed by the version's metric table: bit i of
	 * `present` says metric i appears in the vector, val[i] is the index
	 * of its value. Use feed_cvss_metric_get() to read them by name. */
	uint64_t present;
	unsigned char val[FEED_CVSS_MAX_METRICS];
};

/*
 * Parses, validates and scores one vector: v2 bare ("AV:N/AC:L/...") or in
 * parentheses ("(AV:N/...)"), v3 with a "CVSS:3.0/" or "CVSS:3.1/" prefix,
 * v4 with "CVSS:4.0/". Metrics may come in any order. Returns 0 and fills
 * *out, or KS_EPARSE with a message naming the offending metric, value or
 * prefix (empty vector, empty field or trailing "/", unknown metric,
 * unknown value, duplicate metric, missing mandatory metric, wrong prefix,
 * vector longer than FEED_CVSS_MAX_VECTOR). *out is undefined on error.
 */
int feed_cvss_parse(const char *vector, struct feed_cvss *out);

/*
 * Qualitative severity of c->score: "None", "Low", "Medium", "High",
 * "Critical" (v3.x, v4.0); "Low", "Medium", "High" (v2, where 0.0 is Low).
 * Static string.
 */
const char *feed_cvss_severity(const struct feed_cvss *c);

/* The same severity in words of `lang` ("ja" → JVN's 緊急/重要/警告/注意/なし,
 * v2 危険/警告/注意; anything else → English). Static string. */
const char *feed_cvss_severity_text(const struct feed_cvss *c,
    const char *lang);

/* "2.0", "3.0", "3.1" or "4.0". Static string. */
const char *feed_cvss_version_name(enum feed_cvss_version v);

/* v4.0: "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE" (which groups the
 * score includes); NULL for the other versions. Static string. */
const char *feed_cvss_nomenclature(const struct feed_cvss *c);

/* One metric of a parsed vector; every pointer is a static string. */
struct feed_cvss_metric {
	const char *abbr;	/* "AV" */
	const char *value;	/* "N" */
	const char *name;	/* "Attack Vector" / "攻撃元区分" */
	const char *value_name;	/* "Network" / "ネットワーク" */
	const char *group;	/* "base", "temporal", "threat",
				   "environmental", "supplemental" */
};

/* How many metrics the vector sets (appear in it, Not Defined included). */
size_t feed_cvss_metric_count(const struct feed_cvss *c);

/*
 * The i-th metric the vector sets, in the specification's order (not the
 * vector's), with its texts in `lang` ("ja…" → Japanese, else English).
 * Returns 0, or KS_ENOTFOUND when i >= feed_cvss_metric_count(c).
 */
int feed_cvss_metric_get(const struct feed_cvss *c, size_t i,
    const char *lang, struct feed_cvss_metric *out);

/* ---- download and cache (feed_fetch*.c, feed_cache.c, feed_config.c) --- */
/* @@fetch-cache@@ */

/* ---- archives and signed bundles (feed_archive.c, feed_bundle.c) ------- */
/* @@archive-bundle@@ */

/* ---- vulnerability knowledge (feed_jvn*.c, feed_vulnstore.c) ----------- */
/* @@vulnstore@@ */

#endif /* KS_FEEDS_H */
