/*
 * A small streaming XML writer for the documents kensa produces (OVAL
 * results and system characteristics): buffered output to a stdio stream,
 * escaping, U+FFFD for bytes XML cannot carry, optional indentation and a
 * sticky error. It is not a parser, does not validate names or namespaces
 * (callers declare namespaces as xmlns attributes) and never reads input.
 */
#ifndef KS_BASE_XMLW_H
#define KS_BASE_XMLW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Indent nested elements by two spaces, one element per line. */
#define KS_XMLW_INDENT 0x1u

/* Bytes kept before a write to the stream. */
#define KS_XMLW_BUFSZ (256u << 10)
/* Deepest element nesting and longest element name accepted: past these
 * the writer fails with KS_ELIMIT. */
#define KS_XMLW_MAX_DEPTH 1024
#define KS_XMLW_MAX_NAME 512

struct ks_xmlw;

/*
 * A writer on fp (borrowed: never closed here). `name` is the file name used
 * in messages (copied). flags: KS_XMLW_*. Nothing is written yet. Returns 0
 * (allocation failure aborts, as ks_malloc does).
 */
int ks_xmlw_new(struct ks_xmlw **out, FILE *fp, const char *name,
                unsigned flags);
/* Frees the writer and drops whatever was not yet flushed; NULL ok. */
void ks_xmlw_free(struct ks_xmlw *w);
/*
 * Ends every open element, writes the buffer out and flushes fp. Returns 0
 * or the first error of the writer's life: KS_ERROR with "NAME: cannot
 * write: <errno text>" for an output failure, KS_ELIMIT for a cap, or the
 * code given to ks_xmlw_fail. After a failure nothing more reaches fp
 * (the caller discards the output). The writer is left for ks_xmlw_free.
 */
int ks_xmlw_finish(struct ks_xmlw *w);

/*
 * After the first failure every call below does nothing, so a caller writes
 * a whole tree and checks once (ks_xmlw_status, ks_xmlw_finish).
 */
/* <?xml version="1.0" encoding="UTF-8"?> and a newline. */
void ks_xmlw_decl(struct ks_xmlw *w);
/* <name (copied; may carry a prefix: "oval-sc:object"). */
void ks_xmlw_start(struct ks_xmlw *w, const char *name);
/* <prefix:local>, or <local> when prefix is NULL or "". */
void ks_xmlw_start2(struct ks_xmlw *w, const char *prefix, const char *local);
/* Ends the innermost open element: "/>" when it has no content. Ending
 * with no element open is an error (KS_ERROR). */
void ks_xmlw_end(struct ks_xmlw *w);
/*
 * name="value" on the element just started (an error once it has content).
 * The value is escaped (& < > " tab newline carriage return as references)
 * and every byte that does not start a valid XML 1.0 character (malformed
 * UTF-8, a surrogate, U+FFFE/U+FFFF, a control character other than tab,
 * newline and carriage return) becomes U+FFFD. NULL value: nothing.
 */
void ks_xmlw_attr(struct ks_xmlw *w, const char *name, const char *value);
void ks_xmlw_attr_u32(struct ks_xmlw *w, const char *name, uint32_t v);
void ks_xmlw_attr_i64(struct ks_xmlw *w, const char *name, int64_t v);
void ks_xmlw_attr_bool(struct ks_xmlw *w, const char *name, bool v);
/* Character data, escaped (& < > and carriage return) and cleaned as for
 * attributes. NULL or "": nothing. _n: n bytes (a NUL is replaced). */
void ks_xmlw_text(struct ks_xmlw *w, const char *text);
void ks_xmlw_text_n(struct ks_xmlw *w, const char *text, size_t n);
/* <name>text</name>; NULL or empty text writes <name/>. */
void ks_xmlw_elem(struct ks_xmlw *w, const char *name, const char *text);
/* n bytes written as they are, as content of the open element: the caller
 * vouches that they are well-formed XML. */
void ks_xmlw_raw(struct ks_xmlw *w, const void *p, size_t n);
/* Records a caller's failure (its message already set): later calls do
 * nothing and finish returns rc (KS_ERROR when rc is not negative). */
void ks_xmlw_fail(struct ks_xmlw *w, int rc);
/* 0 or the first error so far. */
int ks_xmlw_status(const struct ks_xmlw *w);
/* The name given to ks_xmlw_new, for the caller's messages. */
const char *ks_xmlw_name(const struct ks_xmlw *w);

/*
 * A whole document written to `path` atomically: ks_xmlw_doc_begin opens a
 * temporary file next to path (ks_atomic_open) with an indenting writer on
 * it and writes the XML declaration; 0 or the KS_* error of ks_atomic_open
 * (then *x and *a are NULL). ks_xmlw_doc_end finishes and frees the writer,
 * then commits; on any failure (one the writer recorded included) it
 * aborts, leaving path as it was. 0 or KS_*.
 */
struct ks_atomic;
int ks_xmlw_doc_begin(struct ks_xmlw **x, struct ks_atomic **a,
                      const char *path);
int ks_xmlw_doc_end(struct ks_xmlw *x, struct ks_atomic *a);

#endif /* KS_BASE_XMLW_H */
