/*
 * Private interface between the value_*.c files: one parse/check and one
 * compare function per datatype family, which oval_compare() in
 * value_compare.c dispatches to. Not for use outside value_*.c and their
 * unit tests; the rest of oval/ calls the contract in oval/oval_int.h.
 */
#ifndef KS_OVAL_VALUE_INT_H
#define KS_OVAL_VALUE_INT_H

#include "oval/oval_int.h"

/* Longest part of a value quoted in an error message. */
#define OVAL_VALUE_QUOTE	64

/*
 * Maps a three-way ordering (<0, 0, >0 of actual against expected) to the
 * result of an ordering operation: equals, not equal, greater than (or
 * equal), less than (or equal). Any other operation gives OVAL_R_ERROR;
 * callers have already checked oval_op_allowed().
 */
enum oval_result oval_value_order_result(enum oval_operation op, int cmp);

/*
 * Per-datatype checks: 0 when v is a value of the datatype, else KS_EPARSE
 * with a message naming the datatype and (a prefix of) the value.
 */
int oval_value_int_check(const char *v);
int oval_value_float_check(const char *v);
int oval_value_bool_check(const char *v);
int oval_value_binary_check(const char *v);
int oval_value_evr_check(const char *v);
int oval_value_debian_check(const char *v);
int oval_value_version_check(const char *v);
int oval_value_ios_check(const char *v);
int oval_value_fileset_check(const char *v);
int oval_value_ipv4_check(const char *v);
int oval_value_ipv6_check(const char *v);

/* Parses an OVAL int (xsd:integer limited to 64 bits): 0 or KS_EPARSE. */
int oval_value_int_parse(const char *v, int64_t *out);

/*
 * Per-datatype comparisons. op is one oval_op_allowed() accepts for the
 * datatype. On success 0 and *res is OVAL_R_TRUE or OVAL_R_FALSE; on a
 * malformed value KS_EPARSE, on an undefined comparison (ip addresses
 * ordered across different prefix lengths) KS_ERROR, message set.
 */
int oval_value_int_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_float_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_bool_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_binary_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_evr_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_debian_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_version_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_ios_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_fileset_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_ipv4_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);
int oval_value_ipv6_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res);

/*
 * Cisco IOS train ordering (value_version.c): <0, 0, >0. *err (may be
 * NULL) is set to 0, or to KS_EPARSE (message set, result 0) when either
 * value is malformed; oval_version_cmp() behaves the same.
 */
int oval_value_ios_cmp(const char *a, const char *b, int *err);

/*
 * rpmvercmp() on two byte ranges [a, a + alen) and [b, b + blen) (one
 * version or release field, no epoch): <0, 0, >0. Exposed for tests.
 */
int oval_value_rpmvercmp(const char *a, size_t alen, const char *b,
    size_t blen);

#endif /* KS_OVAL_VALUE_INT_H */
