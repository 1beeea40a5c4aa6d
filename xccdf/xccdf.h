/*
 * The one public header of xccdf/: load SCAP content (source data streams
 * 1.2/1.3, XCCDF 1.1/1.2 benchmarks, tailoring, CPE dictionaries), describe
 * it (`kensa info`), evaluate a checklist through the OVAL engine on a
 * platform target, and write XCCDF 1.2 results and ARF 1.1. agent/ uses
 * only this; the model is in xccdf/xccdf_int.h. HTML is agent's job (it
 * renders what xccdf writes).
 */
#ifndef KS_XCCDF_H
#define KS_XCCDF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "platform/base/base.h"
#include "platform/platform.h"

struct xccdf_content;
struct xccdf_eval;

/* XCCDF rule results (XCCDF 1.2 section 6.6.4.2). */
enum xccdf_result {
	XCCDF_R_PASS,
	XCCDF_R_FAIL,
	XCCDF_R_ERROR,
	XCCDF_R_UNKNOWN,
	XCCDF_R_NOTAPPLICABLE,
	XCCDF_R_NOTCHECKED,
	XCCDF_R_NOTSELECTED,
	XCCDF_R_INFORMATIONAL,
	XCCDF_R_FIXED,
	XCCDF_R_COUNT
};
/* "pass", ...; NULL out of range. Parse: -1 for an unknown name. */
const char *xccdf_result_name(enum xccdf_result r);
int xccdf_result_parse(const char *s);

/* What kind of document a file is (by its root element). */
enum xccdf_doc_kind {
	XCCDF_DOC_UNKNOWN,
	XCCDF_DOC_DS_COLLECTION,	/* ds:data-stream-collection */
	XCCDF_DOC_BENCHMARK,		/* xccdf 1.1/1.2 Benchmark */
	XCCDF_DOC_TAILORING,		/* xccdf 1.2 Tailoring */
	XCCDF_DOC_CPE_DICT,		/* cpe-list */
	XCCDF_DOC_OVAL_DEFS,		/* oval_definitions */
	XCCDF_DOC_ARF,			/* arf:asset-report-collection */
	XCCDF_DOC_OVAL_RESULTS,
};

/*
 * Opens `path` with the safe XML loader (no network, no external
 * entities): a source data stream collection, an XCCDF benchmark, a
 * tailoring document or a CPE dictionary is loaded as a DOM; of OVAL
 * definitions, OVAL results and ARF only the root is read (for `info`;
 * xccdf_content_root is NULL for them). KS_EPARSE with file:line:column
 * for malformed XML; KS_EUNSUPPORTED naming an unknown root element.
 */
int xccdf_content_open(struct xccdf_content **out, const char *path);
/* xccdf_content_open for xccdf_eval_run: a data stream's OVAL components
 * parsed on the second thread of its parse are also read into models
 * there, which the evaluation takes instead of reading them again. */
int xccdf_content_open_eval(struct xccdf_content **out, const char *path);
void xccdf_content_free(struct xccdf_content *c);
enum xccdf_doc_kind xccdf_content_kind(const struct xccdf_content *c);
/* The kind of an arbitrary file from its root element, without a DOM
 * (reads the first element only). XCCDF_DOC_UNKNOWN when unreadable. */
enum xccdf_doc_kind xccdf_doc_kind_of(const char *path);
/*
 * Adds a document the checks may refer to by base name (an OVAL file given
 * next to a plain benchmark on the command line, a CPE dictionary given
 * with --cpe: kind decides). Not loaded until used (OVAL) or loaded now
 * (CPE dictionaries: DOM). Borrowed path must outlive the content.
 */
int xccdf_content_add_file(struct xccdf_content *c, const char *path);

/*
 * Prints what `oscap info` prints, in the same layout: document type,
 * for a data stream each stream with its dictionaries, checklists (each
 * benchmark's status, resolved flag, profiles with titles and ids,
 * referenced check files with their systems) and checks; for a plain
 * benchmark the same for it; for tailoring its profiles. `lang` chooses
 * titles. Returns 0 or KS_* with the message set.
 */
int xccdf_info_print(struct xccdf_content *c, FILE *out, const char *lang);

/* Options of one evaluation. Strings borrowed; NULL when not given. */
struct xccdf_eval_opts {
	const char	*datastream_id;
	const char	*xccdf_id;		/* component-ref id */
	const char	*benchmark_id;
	const char	*profile;		/* id or unique suffix */
	const char	*tailoring_file;
	const char	*tailoring_id;		/* DS component-ref id */
	const char	**rules;		/* --rule, only these */
	uint32_t	 nrules;
	const char	**skip_rules;		/* --skip-rule */
	uint32_t	 nskip_rules;
	const char	*lang;			/* "ja", "en" or NULL */
	bool		 fetch_remote;		/* --fetch-remote-resources */
	/*
	 * With fetch_remote: makes the remote resource at `url` (an http(s)
	 * URL a component-ref or a check href names) a local file: OVAL
	 * definitions, or an XCCDF Benchmark or Tailoring (a checklist
	 * component-ref; xccdf/ checks which kind a reference needs). 0
	 * with *path (read during the call; the file must stay until the
	 * evaluation is freed), or a negative KS_* code with the message
	 * naming the URL and the reason, which becomes the reason of every
	 * rule that needs it (result error). May be called again for a URL.
	 * NULL, or fetch_remote false: remote resources are not fetched
	 * (those rules are notchecked, with a warning naming the option).
	 */
	int		(*fetch)(const char *url, const char **path,
			    void *payload);
	void		*fetch_payload;
	bool		 progress;		/* --progress: id:result lines */
	/* called after each rule result (NULL: quiet) */
	void		(*on_result)(const struct xccdf_eval *e, uint32_t i,
			    void *payload);
	void		*payload;
};

/*
 * Chooses the checklist (by the ids in opts, else the first stream's first
 * checklist), applies tailoring and the profile, evaluates CPE
 * applicability and every selected rule on `target` (borrowed). Rules that
 * cannot be decided get error/notchecked with the reason; only a problem
 * with the whole checklist (no benchmark, unknown profile, malformed
 * tailoring, extends loop) fails: KS_* with the message set. Caller frees
 * with xccdf_eval_free.
 */
int xccdf_eval_run(struct xccdf_eval **out, struct xccdf_content *c,
    struct plat_target *target, const struct xccdf_eval_opts *opts);
void xccdf_eval_free(struct xccdf_eval *e);

/* Reading the outcome. */
uint32_t xccdf_eval_count(const struct xccdf_eval *e);
struct xccdf_eval_rule {
	const char		*rule_id;
	const char		*title;		/* plain, in opts->lang */
	const char		*severity;	/* "high", ... */
	const char		*ident;		/* first ident (CCE) or NULL */
	enum xccdf_result	 result;
	const char		*instance;	/* multi-check instance or NULL */
	const char		*message;	/* reason, or NULL */
};
/* Fills *out for the i-th rule result (strings live as long as e). */
void xccdf_eval_rule(const struct xccdf_eval *e, uint32_t i,
    struct xccdf_eval_rule *out);
/* Counts per result. */
void xccdf_eval_counts(const struct xccdf_eval *e,
    uint32_t counts[XCCDF_R_COUNT]);
/* The score of the benchmark's first model (default model when none). */
double xccdf_eval_score(const struct xccdf_eval *e, double *max);
/* 0 when every evaluated rule passed (pass/notapplicable/notchecked/
 * notselected/informational/fixed), 2 when any is fail, error or unknown
 * (oscap's exit codes). */
int xccdf_eval_exit_code(const struct xccdf_eval *e);

/*
 * The OVAL sessions the evaluation ran, one per OVAL document, in the
 * order first used: cb(document name, session). For findings (agent/):
 * the vulnerability and patch definitions that made rules fail. Stops when
 * cb returns non-zero and returns that.
 */
struct oval_session;
int xccdf_eval_foreach_oval(struct xccdf_eval *e,
    int (*cb)(const char *name, struct oval_session *s, void *payload),
    void *payload);

/* Output options. */
struct xccdf_write_opts {
	bool		 thin;		/* --thin-results: no system data */
	bool		 without_syschar;
	/* ARF: the OVAL results carry their oval_definitions (a second copy
	 * of what the data stream in the report request already holds). */
	bool		 arf_oval_definitions;
	const char	*oval_dir;	/* --oval-results: directory ("."),
					 * files "<name>.result.xml" */
};

/*
 * XCCDF results: the benchmark (copied from its DOM, in its own XCCDF
 * version: a 1.1 benchmark gets a 1.1 TestResult) with one TestResult
 * appended (target
 * facts, identity, profile, set-values, rule-results with idents, checks
 * with check-content-refs and check-exports, scores). Written to a
 * temporary file and renamed. KS_ERROR with the message on I/O failure.
 */
int xccdf_results_write(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o);
/* OVAL results of every OVAL document the evaluation ran: one file per
 * document, "<dir>/<name>.result.xml". */
int xccdf_oval_results_write(struct xccdf_eval *e,
    const struct xccdf_write_opts *o);
/*
 * ARF 1.1 asset-report-collection: core:relationships, report-requests
 * (the source data stream, once; a plain benchmark is embedded as itself;
 * a remote checklist component is a second request of its own),
 * the asset (ai:computing-
 * device with host name, FQDN, IP and MAC addresses the target knows), and
 * reports: the XCCDF TestResult (with benchmark reference) and the OVAL
 * results of each OVAL document. Atomic write.
 */
int xccdf_arf_write(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o);
/*
 * The same collection as a DOM, for the HTML report without writing the
 * source out and parsing it again: everything but the source is written
 * to memory and parsed; the source element itself (the data stream or
 * benchmark of the content) is then MOVED into the report request. After
 * this, e and its content may only be freed (in any order, before or after
 * *out, which the caller frees with xmlFreeDoc). 0 or KS_*.
 */
struct _xmlDoc;
int xccdf_arf_doc(struct xccdf_eval *e, const struct xccdf_write_opts *o,
    struct _xmlDoc **out);
/*
 * xccdf_arf_write and xccdf_arf_doc at once, the reports written once: the
 * file is written from the same text on a thread of its own (the source's
 * bytes copied in) while the DOM is made; xccdf_arf_file_end (*file)
 * joins it and returns how the file's writing went (0 or KS_*, message
 * set), and frees it. The content must live until then. 0 or KS_* as the
 * two; on failure *file is NULL or must still be ended.
 */
struct xccdf_arf_file;
int xccdf_arf_write_doc(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o, struct _xmlDoc **out,
    struct xccdf_arf_file **file);
int xccdf_arf_file_end(struct xccdf_arf_file *f);

#endif /* KS_XCCDF_H */
