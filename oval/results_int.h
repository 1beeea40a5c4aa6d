/*
 * Private to results_*.c: the namespaces the OVAL documents use and the
 * pieces the results and system-characteristics writers share, all written
 * through the streaming writer of platform/base/xmlw.h. Not a general XML
 * API: other modules use libxml2 directly or platform/base.
 */
#ifndef KS_OVAL_RESULTS_INT_H
#define KS_OVAL_RESULTS_INT_H

#include "oval/oval_int.h"
#include "platform/base/xmlw.h"

#include <stdio.h>

#ifndef KS_VERSION
#define KS_VERSION "0.1.0"
#endif

#define OVAL_RES_SCHEMA_VERSION "5.11.2"

#define OVAL_NS_COMMON "http://oval.mitre.org/XMLSchema/oval-common-5"
#define OVAL_NS_DEF "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define OVAL_NS_SC                                                             \
	"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
#define OVAL_NS_RES "http://oval.mitre.org/XMLSchema/oval-results-5"
#define OVAL_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"

/* Longest family name ("independent", "linux", ...) we accept. */
#define OVAL_RES_NS_MAX 32

/* Whether the writer has had no error yet: loops over many elements stop
 * at the first failure. */
static inline bool
oval_xw_ok(const struct ks_xmlw *x)
{
	return ks_xmlw_status(x) == 0;
}

/* Whether s is usable as a family name in a namespace fragment and prefix. */
bool oval_res_ns_ok(const char *ns);

/* <generator> with oval:product_name, product_version, schema_version and
 * timestamp `when`; `name` is the generator element's own (prefixed) name.
 * The oval: prefix must be bound to OVAL_NS_COMMON. */
void oval_res_generator(struct ks_xmlw *x, const char *name, int64_t when);
/* The generator timestamp of every document written from s: the time of
 * the first, so that results written twice (an ARF file and the one its
 * HTML report reads) are the same document. */
int64_t oval_res_time(struct oval_session *s);

/* Writes <oval-sc:oval_system_characteristics> of s (the element, with its
 * namespace declarations; the document around it is the caller's). Only
 * collected objects (done) are listed; item ids are index + 1. in_results:
 * inside a results document, where masked values are left out. */
void oval_res_syschar_elem(struct ks_xmlw *x, struct oval_session *s,
                           bool in_results);
/* The same; with_data false leaves out collected objects and items (only
 * the generator and system_info: --without-syschar). */
void oval_res_syschar_elem_opt(struct ks_xmlw *x, struct oval_session *s,
                               bool in_results, bool with_data);

/* Writes <oval-def:oval_definitions> (results_defs.c): the source file's
 * root element copied byte for byte when it can be, else rebuilt from the
 * model. The oval: and oval-def: prefixes must be bound by the caller. */
void oval_res_defs_elem(struct ks_xmlw *x, const struct oval_defs *d,
    int64_t when);

/* oval_syschar_read on a document in memory (`name` for messages); for
 * the fuzz target and tests. */
int oval_res_syschar_read_mem(struct oval_session *s, const char *buf,
                              size_t len, const char *name);

#endif /* KS_OVAL_RESULTS_INT_H */
