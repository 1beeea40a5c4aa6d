/*
 * Private to results_*.c: a thin streaming XML writer over libxml2's
 * xmlTextWriter with a sticky error (so callers write a whole element tree
 * and check once), the namespaces the OVAL documents use, and the pieces the
 * results and system-characteristics writers share. Not a general XML API:
 * other modules use libxml2 directly or platform/base.
 */
#ifndef KS_OVAL_RESULTS_INT_H
#define KS_OVAL_RESULTS_INT_H

#include "oval/oval_int.h"

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

struct _xmlTextWriter;

/*
 * The writer. After the first failure every call is a no-op and
 * oval_xw_close reports the failure (message set once, where it happened).
 */
struct oval_xw {
	struct _xmlTextWriter *w;
	FILE *fp;
	const char *path;  /* for messages */
	int rc;            /* 0 or the first KS_* error */
	struct ks_buf tmp; /* sanitised text */
	char qname[128];
};

/* Starts a document on fp (borrowed; not closed). 0 or KS_ERROR. */
int oval_xw_open(struct oval_xw *x, FILE *fp, const char *path);
/* Ends the document, flushes and frees the writer: 0 or the first error. */
int oval_xw_close(struct oval_xw *x);
/* <name> (name may carry a prefix: "oval-sc:object"). */
void oval_xw_start(struct oval_xw *x, const char *name);
/* <prefix:local>, the qualified name built here (prefix "" or NULL: none). */
void oval_xw_start2(struct oval_xw *x, const char *prefix, const char *local);
void oval_xw_end(struct oval_xw *x);
/* name="value": the value is made valid XML 1.0 text first (characters XML
 * cannot carry become U+FFFD) and escaped by libxml2. NULL value: nothing. */
void oval_xw_attr(struct oval_xw *x, const char *name, const char *value);
/* The same for a value known to be valid XML text (our own enumeration
 * names and numbers): no sanitising pass. */
void oval_xw_attr_lit(struct oval_xw *x, const char *name, const char *value);
void oval_xw_attr_u32(struct oval_xw *x, const char *name, uint32_t v);
void oval_xw_attr_bool(struct oval_xw *x, const char *name, bool v);
void oval_xw_text(struct oval_xw *x, const char *text);
/* <name>text</name>; text NULL writes an empty element. */
void oval_xw_elem(struct oval_xw *x, const char *name, const char *text);
/* Records a failure from a caller (message already set). */
void oval_xw_fail(struct oval_xw *x, int rc);

/* Whether s is usable as a family name in a namespace fragment and prefix. */
bool oval_res_ns_ok(const char *ns);

/* <generator> with oval:product_name, product_version, schema_version and
 * timestamp; `name` is the generator element's own (prefixed) name. The
 * oval: prefix must be bound to OVAL_NS_COMMON. */
void oval_res_generator(struct oval_xw *x, const char *name);

/* Writes <oval-sc:oval_system_characteristics> of s (the element, with its
 * namespace declarations; the document around it is the caller's). Only
 * collected objects (done) are listed; item ids are index + 1. in_results:
 * inside a results document, where masked values are left out. */
void oval_res_syschar_elem(struct oval_xw *x, struct oval_session *s,
                           bool in_results);

/* Writes <oval-def:oval_definitions>: a copy of the model (results_defs.c).
 * The oval: and oval-def: prefixes must be bound by the caller. */
void oval_res_defs_elem(struct oval_xw *x, const struct oval_defs *d);

/* Opens path atomically and a writer on it (results_syschar.c). */
int oval_res_doc_begin(struct oval_xw *x, struct ks_atomic **a,
                       const char *path);
/* Closes the writer and commits (or aborts on any failure). */
int oval_res_doc_end(struct oval_xw *x, struct ks_atomic *a);

/* oval_syschar_read on a document in memory (`name` for messages); for
 * the fuzz target and tests. */
int oval_res_syschar_read_mem(struct oval_session *s, const char *buf,
                              size_t len, const char *name);

#endif /* KS_OVAL_RESULTS_INT_H */
