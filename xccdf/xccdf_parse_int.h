/*
 * Private helpers of the XCCDF model files (xccdf_parse.c, xccdf_policy.c,
 * xccdf_text.c): lookups the parser indexes once. Not for other modules:
 * they use xccdf/xccdf_int.h.
 */
#ifndef KS_XCCDF_PARSE_INT_H
#define KS_XCCDF_PARSE_INT_H

#include <stdbool.h>

#include "xccdf/xccdf_int.h"

/*
 * The Benchmark's <plain-text id="..."> element with that id, or NULL
 * (XCCDF 1.2 section 6.2.7: <sub> may name a plain-text). Borrowed.
 */
struct _xmlNode *xccdf_bench_plain_text(const struct xccdf_bench *b,
    const char *id);

/*
 * The value of a Value item for `selector` (XCCDF 1.2 section 6.4.4.5):
 * the <value> with that selector; else the selector-less <value> (and
 * *found = false when a selector was asked for and does not exist); else
 * the first <value>; "" when the Value has none. selector NULL or "" asks
 * for the default. Borrowed from the benchmark.
 */
const char *xccdf_value_pick(const struct xccdf_item *it,
    const char *selector, bool *found);

/* Whether `n` is an element of an XCCDF namespace (1.1 or 1.2) named
 * `local`. */
bool xccdf_xml_is(const struct _xmlNode *n, const char *local);

#endif /* KS_XCCDF_PARSE_INT_H */
