/*
 * Private interface between the XCCDF results writer (xccdf_results.c) and
 * the ARF writer (arf.c): one TestResult writer and one DOM copier both
 * use, and entry points that take the target facts from the caller (tests
 * give interfaces a directory or in-memory target does not have). Not for
 * use outside xccdf/.
 */
#ifndef KS_XCCDF_RESULTS_INT_H
#define KS_XCCDF_RESULTS_INT_H

#include "platform/base/xmlw.h"
#include "xccdf/xccdf_int.h"

/* The asset identification namespace, also the target-id-ref system. */
#define XCCDF_AI_NS "http://scap.nist.gov/schema/asset-identification/1.1"

/* How a TestResult is written. */
struct xccdf_tr_ctx {
	const struct plat_sysinfo *si;	/* facts of the target (borrowed) */
	/* Prefix of the XCCDF namespace in scope ("xccdf-1.2"), or NULL for
	 * the default namespace. */
	const char	*prefix;
	/* Declare the XCCDF namespace on TestResult (ARF: it stands alone). */
	bool		 declare_ns;
	/* ARF: the asset the result is about (target-id-ref), or NULL. */
	const char	*asset_id;
	/* ARF: OVAL documents reported next to the TestResult: a
	 * check-content-ref whose href's base name is names[i] becomes
	 * "#" ids[i], so readers find the OVAL results in the collection. */
	const char *const *oval_names;
	const char *const *oval_ids;
	uint32_t	 noval;
};

/*
 * Writes one TestResult element (XCCDF 1.2 section 6.6, or the XCCDF 1.1
 * TestResult for a 1.1 benchmark) of e into x. Errors go into the writer's
 * sticky status (ks_xmlw_status); the message is set once.
 */
void xccdf_results_testresult(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c);

/*
 * Copies element `el` and its subtree from its DOM into x with every
 * namespace in scope at `el` declared on it (so a Benchmark taken out of a
 * data-stream collection keeps the declarations it inherited). When
 * `insert` is not NULL it is called once, before the first child element
 * named `insert_before` in el's namespace, else after the last child: the
 * place of an appended TestResult. Errors go into the writer's status.
 */
void xccdf_results_copy_element(struct ks_xmlw *x, struct _xmlNode *el,
    const char *insert_before,
    void (*insert)(struct ks_xmlw *x, void *payload), void *payload);

/*
 * xccdf_results_write and xccdf_arf_write with the target facts given:
 * si NULL reads them from e->target (plat_sysinfo), or uses none when e
 * has no target. Same returns as the public functions.
 */
int xccdf_results_write_si(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o, const struct plat_sysinfo *si);
int xccdf_arf_write_si(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o, const struct plat_sysinfo *si);

/* The XCCDF namespace prefix of the Benchmark element (NULL: default). */
const char *xccdf_results_bench_prefix(const struct xccdf_eval *e);

/*
 * The host name to report for the target: si's host name when it knows
 * one, else the target's description ("root:/mnt/x"), else "unknown".
 */
const char *xccdf_results_target_name(const struct xccdf_eval *e,
    const struct plat_sysinfo *si);

#endif /* KS_XCCDF_RESULTS_INT_H */
