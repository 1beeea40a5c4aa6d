/*
 * Private to oval/parse_*.c: the streaming parse context shared by the
 * definitions, external-variables and directives parsers, and the helpers
 * that walk the document (children, text, attributes): over libxml2's
 * reader (variables, directives) or over the recorded SAX events of one
 * element (definitions, parse_sax.c). Not for use anywhere else: other
 * modules see only the model in oval/oval_int.h.
 */
#ifndef KS_OVAL_PARSE_INT_H
#define KS_OVAL_PARSE_INT_H

#include "oval/oval_int.h"

#define OVAL_NS_DEF	"http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define OVAL_NS_COMMON	"http://oval.mitre.org/XMLSchema/oval-common-5"
#define OVAL_NS_VARS	"http://oval.mitre.org/XMLSchema/oval-variables-5"
#define OVAL_NS_DIR	"http://oval.mitre.org/XMLSchema/oval-directives-5"
#define OVAL_NS_RES	"http://oval.mitre.org/XMLSchema/oval-results-5"
#define OVAL_NS_XSI	"http://www.w3.org/2001/XMLSchema-instance"

/* Local-variable components nest at most this deep (the XML reader caps
 * the document at KS_XML_MAX_DEPTH anyway; this keeps evaluation sane). */
#define OVAL_P_MAX_COMP_DEPTH	64
/* The <advisory> subtree kept as XML text is at most this long. */
#define OVAL_P_MAX_ADVISORY	(64u << 10)

/* Attributes the parsers read, by local name (index into oval_pattrs.v). */
enum oval_pattr {
	PA_ACTION, PA_APPLICABILITY_CHECK, PA_ARITHMETIC_OPERATION,
	PA_CHARACTER, PA_CHECK, PA_CHECK_EXISTENCE, PA_CLASS, PA_COMMENT,
	PA_CONTENT, PA_DATATYPE, PA_DEFINITION_REF, PA_DELIMITER,
	PA_DEPRECATED, PA_ENTITY_CHECK, PA_FAMILY, PA_FORMAT_1, PA_FORMAT_2,
	PA_GLOB_NOESCAPE, PA_HINT, PA_ID, PA_INCLUDE_SOURCE_DEFINITIONS,
	PA_ITEM_FIELD, PA_MASK, PA_NAME, PA_NEGATE, PA_OBJECT_REF,
	PA_OPERATION, PA_OPERATOR, PA_PATTERN, PA_RECORD_FIELD, PA_REF_ID,
	PA_REF_URL, PA_REPORTED, PA_SET_OPERATOR, PA_SOURCE, PA_STATE_OPERATOR,
	PA_STATE_REF, PA_SUBSTRING_LENGTH, PA_SUBSTRING_START, PA_TEST_REF,
	PA_VAR_CHECK, PA_VAR_REF, PA_VERSION,
	PA_NIL,		/* xsi:nil, the one namespaced attribute we read */
	PA__COUNT
};
/* Values of the current element's attributes, NULL when absent; borrowed
 * from the context until the next oval_p_attrs call. */
struct oval_pattrs {
	const char	*v[PA__COUNT];
};

/* Who owns a problem found while parsing: the problem is recorded against
 * this element and later reaches every definition that uses it. */
enum oval_pkind {
	OVAL_PK_DEF, OVAL_PK_TEST, OVAL_PK_OBJ, OVAL_PK_STATE, OVAL_PK_VAR,
	OVAL_PK__COUNT
};
struct oval_perr {
	uint8_t		 kind;		/* enum oval_pkind */
	uint32_t	 idx;
	const char	*msg;		/* interned in the defs pool */
};

/*
 * Event mode: the SAX parser (parse_sax.c) records the subtree of one
 * top-level element (a definition, test, object, state, variable, the
 * generator) as a flat list of events, then the descent parsers walk it
 * with the same helpers as over the reader. Names are libxml2's dictionary
 * strings (alive for the whole parse); attribute values and text live in
 * `data`, NUL-terminated, by offset. The arrays are reused element after
 * element, so the steady state allocates nothing.
 */
enum oval_pev_type { OVAL_EV_START, OVAL_EV_END, OVAL_EV_TEXT };
struct oval_pev {
	uint8_t		 type;		/* enum oval_pev_type */
	bool		 empty;		/* START/END of <x/> */
	uint16_t	 depth;
	uint32_t	 line;		/* START and its END: the start tag's */
	uint32_t	 end;		/* START: index of its END */
	uint32_t	 nattrs, nns;	/* START */
	uint32_t	 attr0, ns0;	/* START: first in xattrs / xns */
	const char	*local, *prefix, *uri;	/* START/END; uri NULL: none */
	size_t		 off, len;	/* TEXT: in data */
};
struct oval_pxattr {
	const char	*local, *prefix, *uri;
	size_t		 off;		/* value, in data */
};
struct oval_pxns {
	const char	*prefix, *uri;	/* prefix NULL: the default */
};

/* One recorded element (event mode): its events, attributes, namespace
 * declarations and the text they point into, moved as one (parse_sax.c
 * hands them to the model's thread). */
struct oval_prec {
	struct oval_pev		*ev;
	size_t			 nev, ev_cap;
	struct oval_pxattr	*xattrs;
	size_t			 nxattrs, xattrs_cap;
	struct oval_pxns	*xns;
	size_t			 nxns, xns_cap;
	char			*data;
	size_t			 dlen, dcap;
};

struct oval_pctx {
	struct _xmlTextReader	*r;
	bool			 sax;		/* event mode: pos in rec.ev */
	struct oval_prec	 rec;
	size_t			 pos;
	/* Attribute name (a libxml2 dictionary pointer, so unique for the
	 * parse) -> enum oval_pattr or -1, to skip the by-name search. */
	struct {
		const char	*name;
		int		 idx;
	}			 acache[128];
	const char		*name;		/* for messages */
	struct oval_defs	*d;		/* NULL outside definitions */
	struct ks_buf		 text;		/* oval_p_text scratch */
	struct ks_buf		 abuf;		/* oval_p_attrs scratch */
	struct ks_buf		 adv;		/* <advisory> capture */
	size_t			 aoff[PA__COUNT];
	/* Reference ids waiting for the resolve pass: a reference field of
	 * the model holds an index into refs until then. */
	const char		**refs;
	size_t			 nrefs, refs_cap;
	struct oval_perr	*errs;
	size_t			 nerrs, errs_cap;
	size_t			 defs_cap, tests_cap, objs_cap, states_cap,
				 vars_cap;
};

/* An iterator over the child elements of the element the reader is on. */
struct oval_pchild {
	int	depth;
	bool	done;
};

/* Event-mode capacity of one recorded element (events; data bytes):
 * beyond it the document fails with KS_ELIMIT. */
#define OVAL_P_MAX_EVENTS	(4u << 20)
#define OVAL_P_MAX_DATA		(256u << 20)

/* ---- reader helpers (parse_defs.c) ------------------------------------- */
void oval_p_child_init(struct oval_pctx *c, struct oval_pchild *it);
/* Moves to the next child element: 1 (reader on its start tag), 0 at the
 * parent's end, or a negative KS_* code from the reader (message set).
 * Whatever the caller left unread of the previous child is skipped. */
int oval_p_child(struct oval_pctx *c, struct oval_pchild *it);
/* True when the current element is (ns, local); ns NULL matches any. */
bool oval_p_is(struct oval_pctx *c, const char *ns, const char *local);
const char *oval_p_local(struct oval_pctx *c);
const char *oval_p_ns(struct oval_pctx *c);	/* "" when none */
int oval_p_line(struct oval_pctx *c);
/* True when the current element has attributes or namespace
 * declarations (xmlTextReaderHasAttributes). */
bool oval_p_has_attrs(struct oval_pctx *c);
/* Reads the known attributes of the current element into *a. Returns 0 or
 * KS_ELIMIT (message set) when their text exceeds the scratch cap. */
int oval_p_attrs(struct oval_pctx *c, struct oval_pattrs *a);
/* Reads the text content (text and CDATA children, concatenated, not
 * trimmed) of the current element, leaving the reader on its end. *out is
 * borrowed from the context until the next call; *len may be NULL. */
int oval_p_text(struct oval_pctx *c, const char **out, size_t *len);
/* The text with surrounding white space removed, interned (for ids). */
int oval_p_text_id(struct oval_pctx *c, const char **out);
const char *oval_p_intern(struct oval_pctx *c, const char *s);
/* xsd:boolean ("true", "false", "1", "0"): 0/1, or -1 when malformed. */
int oval_p_bool(const char *s);

/* ---- the definitions model (parse_defs.c) ------------------------------ */
/* Sections of <oval_definitions> whose children parse_sax.c records. */
enum oval_psec {
	OVAL_PS_NONE, OVAL_PS_GENERATOR, OVAL_PS_DEFS, OVAL_PS_TESTS,
	OVAL_PS_OBJS, OVAL_PS_STATES, OVAL_PS_VARS
};
/* Parses the recorded element (c->pos 0 is its start) of section sec
 * (OVAL_PS_GENERATOR: the <generator> itself). 0 or a negative KS_* code
 * (message set), which fails the document. */
int oval_p_defs_item(struct oval_pctx *c, enum oval_psec sec);

/* ---- parse_sax.c -------------------------------------------------------- */
/* Streams the definitions document at path (buf NULL) or in buf[0..len)
 * into c->d with SAX: checks the root, records each element of the
 * sections and hands it to oval_p_defs_item. Returns 0 or the first error
 * (KS_EPARSE, KS_ELIMIT, open errors; message set). */
int oval_p_sax_run(struct oval_pctx *c, const char *path, const char *buf,
    size_t len, const struct _xmlNode *node);
void oval_p_sax_free(struct oval_pctx *c);
/* Queues a reference id for the resolve pass; returns the field value. */
uint32_t oval_p_ref(struct oval_pctx *c, const char *id);
/* Records a problem of one element: "NAME:LINE: <what> ID: message". The
 * first problem of an element is the one reported. */
void oval_p_fail(struct oval_pctx *c, enum oval_pkind kind, uint32_t idx,
    int line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Grows the array of one element kind by one zeroed element, registers
 * `id` (interned) in its id map and sets *idx to the new index, or to
 * OVAL_NONE when the id is a duplicate (warned; the first one is kept).
 * Returns 0 or KS_ELIMIT / KS_ENOMEM (message set). */
int oval_p_add(struct oval_pctx *c, enum oval_pkind kind, const char *id,
    uint32_t *idx);
/* Shrinks a grown array to n elements (n may be 0: frees, sets NULL). */
void oval_p_shrink(void *arrp, size_t n, size_t esz);
/* Name of an element kind for messages ("test", "object", ...). */
const char *oval_p_kind_name(enum oval_pkind kind);

/* ---- parse_entity.c ---------------------------------------------------- */
/*
 * Each is called with the reader on a child element of <tests>, <objects>
 * or <states> and appends it to the model (an element without id, or with
 * a duplicate id, is skipped with a warning). Problems of the element are
 * recorded with oval_p_fail; the return is 0 or the reader's KS_EPARSE /
 * KS_ELIMIT (message set), which fails the document.
 */
int oval_p_test(struct oval_pctx *c);
int oval_p_object(struct oval_pctx *c);
int oval_p_state(struct oval_pctx *c);
/* Free what an entity / a set holds (fields; nested sets, filters, and the
 * set itself). NULL set is fine. */
void oval_p_entity_free(struct oval_entity *e);
void oval_p_set_free(struct oval_set *s);

/* ---- parse_var.c ------------------------------------------------------- */
/* As oval_p_test, for a child of <variables>; elements that are not one
 * of the three variable kinds are skipped. */
int oval_p_variable(struct oval_pctx *c);
/* Frees the arguments of a component (recursively), not k itself. */
void oval_p_comp_free(struct oval_component *k);

#endif /* KS_OVAL_PARSE_INT_H */
