/*
 * Streaming XML through libxml2's SAX2 callbacks for the few big documents
 * (OVAL definitions feeds), with the protections of the safe loader in
 * xml.c: no network, no DTD or external entity, entity declarations
 * refused, nesting and text size capped, errors as "FILE:LINE:COL: msg".
 * Builds nothing: the caller's callbacks see every event once.
 */
#ifndef KS_BASE_XML_SAX_H
#define KS_BASE_XML_SAX_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>

/*
 * Parses path (or buf[0..len), name used in messages; NULL: "(memory)")
 * with h's startElementNs, endElementNs, characters and cdataBlock (a NULL
 * cdataBlock delivers CDATA through characters; ignorable white space goes
 * to characters too); every other member of h is ignored. The callbacks get
 * `payload` as their first argument and may call the ks_xml_sax_* functions
 * below. Returns 0, or:
 *   KS_ENOTFOUND / KS_EPERM / KS_ERROR when path cannot be opened,
 *   KS_EPARSE "NAME:LINE:COL: <libxml2 message>" for malformed or
 *     non-UTF-8 input, "NAME:LINE: document declares entities in its DTD;
 *     refused" for any entity declaration,
 *   KS_ELIMIT "NAME:LINE: nesting deeper than 256" or "NAME:LINE: text
 *     larger than N bytes" (KS_XML_MAX_TEXT, one run of text),
 *   the code a callback passed to ks_xml_sax_stop (its message kept).
 * Parsing stops at the first error; no callback runs after it.
 */
int ks_xml_sax_parse_file(const char *path, const xmlSAXHandler *h,
    void *payload);
int ks_xml_sax_parse_mem(const char *buf, size_t len, const char *name,
    const xmlSAXHandler *h, void *payload);

/*
 * The same callbacks for the subtree at root, an element of a DOM the safe
 * loader built (name used in messages): the events a parse of that
 * subtree serialized on its own would give. The root declares every
 * namespace in scope, attribute values carry '&' as "&#38;" as the parser
 * hands them over, text comes in the DOM's runs, comments and PIs give
 * nothing; ks_xml_sax_line is the element's line in the DOM's document and
 * ks_xml_sax_empty_tag true for an element without children. The caps
 * (depth, text) and ks_xml_sax_stop work as in a parse. For documents
 * inside a data stream: no serialization and no second parse.
 */
int ks_xml_sax_replay(const xmlNode *root, const char *name,
    const xmlSAXHandler *h, void *payload);

/* Only from inside a callback of the running parse (this thread): */
/* The line the parser is on (the end of the current start tag). */
int ks_xml_sax_line(void);
/* True in startElementNs when the element is written <x/>. */
bool ks_xml_sax_empty_tag(void);
/* Stops the parse; it returns rc (< 0; the caller set the message). */
void ks_xml_sax_stop(int rc);
/* The name given to the parse, for messages. */
const char *ks_xml_sax_name(void);
/*
 * The current parse's name dictionary with a reference taken (NULL in a
 * replay, whose names are the DOM's): the element, attribute and
 * namespace names the callbacks were given stay valid after the parse
 * until the caller's xmlDictFree, for a thread still reading them.
 */
struct _xmlDict *ks_xml_sax_dict_ref(void);

#endif /* KS_BASE_XML_SAX_H */
