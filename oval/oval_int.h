/*
 * The OVAL model shared inside oval/: definitions documents parsed into
 * compact arrays (interned strings, references as indexes), system
 * characteristics (items and collected objects), the evaluation session,
 * and the functions the parts of oval/ call in each other. Not for use
 * outside oval/: agent/ goes through oval/oval.h.
 *
 * Owners (one file set each; signatures here are the contract):
 *   parse_*.c     definitions, external variables, directives documents
 *   value_*.c     datatypes and operations (oval_compare and friends)
 *   eval_*.c      criteria, tests, states, objects/sets/filters, variables
 *   probe_*.c     collectors, one file per object family
 *   results_*.c   OVAL results and system-characteristics writers/reader
 *   session.c     orchestration, oval.h API
 */
#ifndef KS_OVAL_INT_H
#define KS_OVAL_INT_H

#include "platform/base/base.h"
#include "platform/platform.h"
#include "oval/oval.h"

#define OVAL_NONE UINT32_MAX	/* "no index" */

/* ---- enumerations (values are indexes into the name tables) ---------- */
enum oval_datatype {
	OVAL_DT_BINARY, OVAL_DT_BOOLEAN, OVAL_DT_EVR_STRING,
	OVAL_DT_DEBIAN_EVR_STRING, OVAL_DT_FILESET_REVISION, OVAL_DT_FLOAT,
	OVAL_DT_INT, OVAL_DT_IOS_VERSION, OVAL_DT_IPV4_ADDRESS,
	OVAL_DT_IPV6_ADDRESS, OVAL_DT_STRING, OVAL_DT_VERSION, OVAL_DT_RECORD,
	OVAL_DT_COUNT
};
enum oval_operation {
	OVAL_OP_EQUALS, OVAL_OP_NOT_EQUAL, OVAL_OP_CI_EQUALS,
	OVAL_OP_CI_NOT_EQUAL, OVAL_OP_GREATER_THAN, OVAL_OP_LESS_THAN,
	OVAL_OP_GREATER_THAN_OR_EQUAL, OVAL_OP_LESS_THAN_OR_EQUAL,
	OVAL_OP_BITWISE_AND, OVAL_OP_BITWISE_OR, OVAL_OP_PATTERN_MATCH,
	OVAL_OP_SUBSET_OF, OVAL_OP_SUPERSET_OF, OVAL_OP_COUNT
};
/* Results, in the order of the OVAL results schema's ResultEnumeration. */
enum oval_result {
	OVAL_R_TRUE, OVAL_R_FALSE, OVAL_R_UNKNOWN, OVAL_R_ERROR,
	OVAL_R_NOT_EVALUATED, OVAL_R_NOT_APPLICABLE, OVAL_R_COUNT
};
enum oval_check {	/* CheckEnumeration */
	OVAL_CHECK_ALL, OVAL_CHECK_AT_LEAST_ONE, OVAL_CHECK_NONE_EXIST,
	OVAL_CHECK_NONE_SATISFY, OVAL_CHECK_ONLY_ONE
};
enum oval_existence {	/* ExistenceEnumeration */
	OVAL_EX_ALL_EXIST, OVAL_EX_ANY_EXIST, OVAL_EX_AT_LEAST_ONE_EXISTS,
	OVAL_EX_NONE_EXIST, OVAL_EX_ONLY_ONE_EXISTS
};
enum oval_operator { OVAL_OPR_AND, OVAL_OPR_ONE, OVAL_OPR_OR, OVAL_OPR_XOR };
enum oval_class {
	OVAL_CLASS_COMPLIANCE, OVAL_CLASS_INVENTORY, OVAL_CLASS_MISCELLANEOUS,
	OVAL_CLASS_PATCH, OVAL_CLASS_VULNERABILITY, OVAL_CLASS_COUNT
};
/* FlagEnumeration of a collected object (and of a variable's values). */
enum oval_flag {
	OVAL_FLAG_ERROR, OVAL_FLAG_COMPLETE, OVAL_FLAG_INCOMPLETE,
	OVAL_FLAG_DOES_NOT_EXIST, OVAL_FLAG_NOT_COLLECTED,
	OVAL_FLAG_NOT_APPLICABLE, OVAL_FLAG_COUNT
};
enum oval_item_status {	/* StatusEnumeration */
	OVAL_ST_EXISTS, OVAL_ST_DOES_NOT_EXIST, OVAL_ST_ERROR,
	OVAL_ST_NOT_COLLECTED
};
enum oval_set_op {
	OVAL_SET_UNION, OVAL_SET_INTERSECTION, OVAL_SET_COMPLEMENT
};

/* Schema spellings ("evr_string", "greater than or equal", "not evaluated",
 * "at least one", "only one exists", "AND", "vulnerability", "complete",
 * "does not exist", "UNION"). *_parse return -1 for an unknown name. */
const char *oval_datatype_name(enum oval_datatype d);
int oval_datatype_parse(const char *s);
const char *oval_operation_name(enum oval_operation o);
int oval_operation_parse(const char *s);
const char *oval_result_name(enum oval_result r);
int oval_result_parse(const char *s);
const char *oval_check_name(enum oval_check c);
int oval_check_parse(const char *s);
const char *oval_existence_name(enum oval_existence e);
int oval_existence_parse(const char *s);
const char *oval_operator_name(enum oval_operator o);
int oval_operator_parse(const char *s);
const char *oval_class_name(enum oval_class c);
int oval_class_parse(const char *s);
const char *oval_flag_name(enum oval_flag f);
int oval_flag_parse(const char *s);
const char *oval_item_status_name(enum oval_item_status s);
int oval_item_status_parse(const char *s);
const char *oval_set_op_name(enum oval_set_op s);
int oval_set_op_parse(const char *s);

/* ---- definitions model ------------------------------------------------ */
struct oval_attr {
	const char	*name;
	const char	*value;
};

/* An entity of an object or state (or a <field> of a record entity). */
struct oval_entity {
	const char		*name;		/* element local name */
	const char		*value;		/* text; NULL when nil or var_ref */
	enum oval_datatype	 dt;		/* default string */
	enum oval_operation	 op;		/* default equals */
	enum oval_check		 var_check;	/* default all */
	enum oval_check		 entity_check;	/* states; default all */
	uint32_t		 var;		/* var_ref index or OVAL_NONE */
	bool			 nil;		/* xsi:nil="true" */
	bool			 mask;
	bool			 has_var_check;	/* attribute present */
	struct oval_entity	*fields;	/* record: <field> children */
	uint32_t		 nfields;
};

struct oval_filter {
	uint32_t	state;
	bool		exclude;	/* action="exclude" (the default) */
};

struct oval_set {
	enum oval_set_op	 op;		/* default UNION */
	uint32_t		 objs[2];	/* object_reference indexes */
	uint8_t			 nobjs;
	struct oval_set		*sets[2];	/* nested sets */
	uint8_t			 nsets;
	struct oval_filter	*filters;
	uint32_t		 nfilters;
};

struct oval_object {
	const char		*id;
	const char		*ns;		/* "independent", "linux", "unix"... */
	const char		*type;		/* element name, "dpkginfo_object" */
	const char		*comment;
	uint32_t		 version;
	uint32_t		 line;		/* in the definitions file */
	bool			 deprecated;
	struct oval_attr	*behaviors;	/* attributes of <behaviors> */
	uint32_t		 nbehaviors;
	struct oval_entity	*ents;		/* in document order */
	uint32_t		 nents;
	struct oval_set		*set;		/* non-NULL for a set object */
	struct oval_filter	*filters;	/* <filter> directly in object */
	uint32_t		 nfilters;
	uint32_t		 var_ref_var;	/* variable_object's var_ref */
};

struct oval_state {
	const char		*id;
	const char		*ns;
	const char		*type;
	const char		*comment;
	uint32_t		 version;
	uint32_t		 line;
	bool			 deprecated;
	enum oval_operator	 operator;	/* default AND */
	struct oval_entity	*ents;
	uint32_t		 nents;
};

struct oval_test {
	const char		*id;
	const char		*ns;
	const char		*type;		/* "dpkginfo_test" */
	const char		*comment;
	uint32_t		 version;
	uint32_t		 line;
	bool			 deprecated;
	enum oval_check		 check;		/* required in 5.x */
	enum oval_existence	 check_existence;	/* default at_least_one_exists */
	enum oval_operator	 state_operator;	/* default AND */
	uint32_t		 object;	/* OVAL_NONE for unknown_test */
	uint32_t		*states;
	uint32_t		 nstates;
};

/* Criteria tree node. */
enum oval_cnode_kind {
	OVAL_CN_CRITERIA, OVAL_CN_CRITERION, OVAL_CN_EXTEND
};
struct oval_cnode {
	enum oval_cnode_kind	 kind;
	enum oval_operator	 operator;	/* criteria; default AND */
	bool			 negate;
	int8_t			 applicability_check;	/* -1 absent, 0, 1 */
	uint32_t		 ref;		/* test (criterion) or def (extend) */
	const char		*comment;
	struct oval_cnode	*kids;		/* criteria children */
	uint32_t		 nkids;
};

struct oval_reference {
	const char	*source;
	const char	*ref_id;
	const char	*ref_url;	/* NULL if absent */
};

struct oval_definition {
	const char		*id;
	uint32_t		 version;
	uint32_t		 line;
	enum oval_class		 klass;
	bool			 deprecated;
	const char		*title;
	const char		*description;
	const char		*affected_family;	/* NULL if none */
	const char		**platforms;
	uint32_t		 nplatforms;
	const char		**products;
	uint32_t		 nproducts;
	struct oval_reference	*refs;
	uint32_t		 nrefs;
	/* Whole <advisory> element (vendor metadata: severity, cve with
	 * cvss attributes, ...) as XML text, or NULL; for findings. */
	const char		*advisory_xml;
	struct oval_cnode	*criteria;	/* NULL: no criteria */
	/* Set by the parser when the definition itself is broken (e.g. a
	 * dangling test reference): it evaluates to error with this text. */
	const char		*error;
};

/* Local variable components. */
enum oval_comp_kind {
	OVAL_COMP_LITERAL, OVAL_COMP_OBJECT, OVAL_COMP_VARIABLE,
	OVAL_COMP_ARITHMETIC, OVAL_COMP_BEGIN, OVAL_COMP_END, OVAL_COMP_CONCAT,
	OVAL_COMP_COUNT, OVAL_COMP_ESCAPE_REGEX, OVAL_COMP_GLOB_TO_REGEX,
	OVAL_COMP_REGEX_CAPTURE, OVAL_COMP_SPLIT, OVAL_COMP_SUBSTRING,
	OVAL_COMP_TIME_DIFFERENCE, OVAL_COMP_UNIQUE
};
struct oval_component {
	enum oval_comp_kind	 kind;
	const char		*value;		/* literal */
	enum oval_datatype	 dt;		/* literal datatype */
	uint32_t		 ref;		/* object or variable index */
	const char		*item_field;	/* object_component */
	const char		*record_field;	/* object_component, or NULL */
	const char		*arith_op;	/* "add" / "multiply" */
	const char		*character;	/* begin / end */
	const char		*delimiter;	/* split */
	const char		*pattern;	/* regex_capture */
	int64_t			 substring_start;	/* 1-based */
	int64_t			 substring_length;	/* -1: to the end */
	const char		*format_1, *format_2;	/* time_difference */
	bool			 glob_noescape;
	struct oval_component	*args;		/* function arguments */
	uint32_t		 nargs;
};

enum oval_var_kind { OVAL_VAR_CONSTANT, OVAL_VAR_EXTERNAL, OVAL_VAR_LOCAL };
struct oval_restriction {
	enum oval_operation	 op;
	const char		*value;
};
struct oval_possible {		/* external_variable possible_value/_restriction */
	bool			 is_restriction;
	const char		*hint;
	const char		*value;		/* possible_value */
	enum oval_operator	 operator;	/* possible_restriction */
	struct oval_restriction	*restrictions;
	uint32_t		 nrestrictions;
};
struct oval_variable {
	const char		*id;
	const char		*comment;
	uint32_t		 version;
	uint32_t		 line;
	bool			 deprecated;
	enum oval_var_kind	 kind;
	enum oval_datatype	 dt;
	const char		**values;	/* constant_variable */
	uint32_t		 nvalues;
	struct oval_component	*comp;		/* local_variable */
	struct oval_possible	*possibles;	/* external_variable */
	uint32_t		 npossibles;
};

struct oval_defs {
	struct ks_strpool	*pool;
	char			*path;		/* the file it came from */
	char			*schema_version;	/* generator's */
	struct oval_definition	*defs;	uint32_t ndefs;
	struct oval_test	*tests;	uint32_t ntests;
	struct oval_object	*objects; uint32_t nobjects;
	struct oval_state	*states; uint32_t nstates;
	struct oval_variable	*vars;	uint32_t nvars;
	/* id -> index + 1 (0 is "absent"), as uintptr_t cast to void * */
	struct ks_map		*def_ids, *test_ids, *obj_ids, *state_ids,
				*var_ids;
};

/* ---- values of variables ------------------------------------------------ */
/* What a variable (or a component) evaluates to. Strings are interned in
 * the session pool. flag: complete, incomplete, error, does not exist...
 * Ownership: the `v` array is malloc'd; oval_session_free frees
 * s->var_vals[i].v, and for s->ext_vars both each struct oval_values (itself
 * malloc'd) and its v. Likewise the session frees with free() the arrays of
 * s->sc.objs[i] (msgs, items, varvals), s->test_res[i] (items, varvals) and
 * every item's ents/fields/msgs (oval_item_clear): allocate them with
 * ks_malloc/ks_realloc, never in the pool. */
struct oval_values {
	enum oval_datatype	 dt;
	enum oval_flag		 flag;
	const char		**v;
	uint32_t		 n;
	const char		*msg;	/* why, when flag is not complete */
};

/* ---- system characteristics -------------------------------------------- */
struct oval_item_ent {
	const char		*name;
	const char		*value;		/* NULL when nil */
	enum oval_datatype	 dt;
	enum oval_item_status	 status;	/* default exists */
	bool			 mask;
	struct oval_item_ent	*fields;	/* record */
	uint32_t		 nfields;
};
struct oval_message {
	const char	*level;		/* "error", "warning", "info", "debug" */
	const char	*text;
};
struct oval_item {
	uint32_t		 id;		/* unique in the document, >= 1 */
	const char		*ns;		/* "linux" */
	const char		*type;		/* "dpkginfo_item" */
	enum oval_item_status	 status;
	struct oval_message	*msgs;
	uint32_t		 nmsgs;
	struct oval_item_ent	*ents;		/* in schema order */
	uint32_t		 nents;
};
struct oval_varval {
	uint32_t	 var;
	const char	*value;
};
struct oval_collected {
	bool			 done;
	enum oval_flag		 flag;
	struct oval_message	*msgs;
	uint32_t		 nmsgs;
	uint32_t		*items;		/* indexes into sc->items */
	uint32_t		 nitems;
	struct oval_varval	*varvals;	/* variable values used */
	uint32_t		 nvarvals;
};
struct oval_syschar {
	struct oval_item	*items;
	uint32_t		 nitems;
	size_t			 items_cap;
	struct oval_collected	*objs;		/* [defs->nobjects] */
	struct plat_sysinfo	 sysinfo;
	/* Items are de-duplicated: identical items collected by two objects
	 * are stored once. Key: canonical text of the item. */
	struct ks_map		*item_keys;
};

/* ---- results ---------------------------------------------------------- */
struct oval_tested_item {
	uint32_t		item;
	enum oval_result	result;
};
struct oval_test_result {
	bool				 done;
	enum oval_result		 result;
	struct oval_tested_item		*items;
	uint32_t			 nitems;
	struct oval_varval		*varvals;	/* tested_variable */
	uint32_t			 nvarvals;
	const char			*msg;
};
struct oval_def_result {
	uint8_t			 state;		/* 0 new, 1 in progress, 2 done */
	enum oval_result	 result;
};

/* ---- the session -------------------------------------------------------- */
#define OVAL_PROBE_SLOTS 16
struct oval_session {
	struct oval_defs	*defs;		/* borrowed */
	struct plat_target	*target;	/* borrowed; NULL for analyse */
	struct ks_strpool	*pool;		/* values and items */
	struct ks_regex_cache	*re;
	struct oval_syschar	 sc;
	bool			 sc_loaded;	/* from a file: never collect */
	int64_t			 written_at;	/* oval_res_time; 0: not yet */
	/* variables */
	struct oval_values	*var_vals;	/* [nvars] */
	uint8_t			*var_state;	/* 0 new, 1 busy, 2 done */
	struct ks_map		*ext_vars;	/* id -> struct oval_values * */
	uint8_t			*obj_state;	/* 0 new, 1 busy, 2 done */
	/* results */
	struct oval_test_result	*test_res;	/* [ntests] */
	struct oval_def_result	*def_res;	/* [ndefs] */
	/* per-probe-family state (opened package databases, ...) */
	void			*probe_state[OVAL_PROBE_SLOTS];
	void			(*probe_free[OVAL_PROBE_SLOTS])(void *);
	const char		*only_id;	/* --id, or NULL */
	/* Definitions selected (--id, oval_session_select); when has_sel is
	 * false every definition is. [ndefs] */
	uint8_t			*sel;
	bool			 has_sel;
	struct oval_directives	*directives;	/* effective; owned */
};

/* Whether definition i is in the session's selection. */
static inline bool
oval_def_selected(const struct oval_session *s, uint32_t i)
{
	return !s->has_sel || s->sel[i] != 0;
}

/* Interns into the session pool. */
const char *oval_intern(struct oval_session *s, const char *v);
/* Adds a copy of `it` (taking its arrays) to sc, de-duplicating; returns
 * the item index. */
uint32_t oval_sc_add_item(struct oval_session *s, struct oval_item *it);
/* Frees what an item holds (entities, fields, messages), not the struct. */
void oval_item_clear(struct oval_item *it);
/* Appends a formatted message to a message array (items, objects). */
void oval_msg_vappend(struct oval_session *s, struct oval_message **msgs,
    uint32_t *n, const char *level, const char *fmt, va_list ap);
/* Appends a message to a collected object. */
void oval_collected_msg(struct oval_session *s, struct oval_collected *c,
    const char *level, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- value_*.c: datatypes and operations -------------------------------- */
/*
 * Compares an actual (item / variable) value with an expected (state /
 * object) value under datatype dt and operation op, as the OVAL 5.11
 * specification defines. *res is OVAL_R_TRUE or OVAL_R_FALSE on success;
 * a pair the specification does not allow (e.g. "greater than" on boolean),
 * or a value that is not of the datatype, returns KS_EUNSUPPORTED /
 * KS_EPARSE with the message set (the caller reports error). Pattern match
 * compiles the expected value through `re` (may be NULL: compile once here).
 */
int oval_compare(enum oval_datatype dt, enum oval_operation op,
    const char *actual, const char *expected, struct ks_regex_cache *re,
    enum oval_result *res);
/* Whether the specification allows op on dt at all. */
bool oval_op_allowed(enum oval_datatype dt, enum oval_operation op);
/* Validates/normalises a value of dt (e.g. "0x1F" int? no: decimal only);
 * 0 or KS_EPARSE with a message. Used for literals and fuzzing. */
int oval_value_check(enum oval_datatype dt, const char *v);
/* Orderings: <0, 0, >0 (on a malformed value, KS_EPARSE via *err). */
int oval_evr_cmp(const char *a, const char *b);		/* rpm rpmvercmp */
int oval_debian_evr_cmp(const char *a, const char *b);	/* dpkg */
int oval_version_cmp(const char *a, const char *b, int *err);

/* Combine results by operator / check / existence (OVAL 5.11 tables). */
struct oval_rcount {
	uint32_t c[OVAL_R_COUNT];
};
enum oval_result oval_operator_apply(enum oval_operator op,
    const struct oval_rcount *rc);
enum oval_result oval_check_apply(enum oval_check ck,
    const struct oval_rcount *rc);
/* Existence from item statuses: counts of exists / does not exist /
 * error / not collected items. */
enum oval_result oval_existence_apply(enum oval_existence ex,
    uint32_t n_exists, uint32_t n_dne, uint32_t n_error, uint32_t n_nc);
enum oval_result oval_negate(enum oval_result r);

/* ---- eval_*.c: evaluation ------------------------------------------------ */
/* Values of a variable, computed once per session (cycle -> error flag,
 * message names the chain). Never fails: problems are in the flag. */
const struct oval_values *oval_var_eval(struct oval_session *s, uint32_t var);
/*
 * Whether a candidate value (from the system) satisfies an object entity:
 * resolves the entity's var_ref (all values, combined with var_check),
 * applies its datatype and operation. *res true/false/error; KS_* only on
 * a fatal problem. Collectors use this to select items.
 */
int oval_entity_match(struct oval_session *s, const struct oval_entity *e,
    const char *candidate, enum oval_result *res);
/* Same for a state entity against an item entity (entity_check over
 * multiple item entities is handled by the caller via oval_check_apply). */
int oval_state_ent_match(struct oval_session *s, const struct oval_entity *se,
    const struct oval_item_ent *ie, enum oval_result *res);
/* Collects an object once (sets, filters, variable_object, then a probe);
 * fills s->sc.objs[obj]. Returns the collected object (never NULL). */
const struct oval_collected *oval_object_collect(struct oval_session *s,
    uint32_t obj);
/* Evaluates a test / definition once (memoised). */
enum oval_result oval_test_eval(struct oval_session *s, uint32_t test);
enum oval_result oval_def_eval(struct oval_session *s, uint32_t def);

/* ---- probe_*.c: collectors ------------------------------------------------ */
/*
 * One collector per object type. collect() fills `c` (flag, messages,
 * items added with oval_sc_add_item) for a non-set object; entity
 * selection goes through oval_entity_match. The table in probe.c lists them.
 */
struct oval_probe {
	const char	*ns;		/* "linux" */
	const char	*object;	/* "dpkginfo_object" */
	int		 slot;		/* probe_state slot, -1: none */
	int	(*collect)(struct oval_session *s, const struct oval_object *o,
		    struct oval_collected *c);
};
/* The probe for an object type, or NULL when not collected by kensa. */
const struct oval_probe *oval_probe_find(const char *ns, const char *object);
/* Every supported probe, terminated by a NULL-object entry. */
const struct oval_probe *oval_probe_list(void);

/* ---- parse_*.c: documents ------------------------------------------------ */
/* Streams a definitions document (5.3 .. 5.11.2) into *out (caller frees
 * with oval_defs_free). Broken definitions/tests are kept with an error
 * text; only a malformed document fails (KS_EPARSE, "file:line: ...). */
int oval_defs_parse(struct oval_defs **out, const char *path);
int oval_defs_parse_mem(struct oval_defs **out, const char *buf, size_t len,
    const char *name);
struct _xmlNode;
int oval_defs_parse_node(struct oval_defs **out, const struct _xmlNode *root,
    const char *name);
void oval_defs_free(struct oval_defs *d);
/* Looks up an id; OVAL_NONE when absent. */
uint32_t oval_defs_find(const struct ks_map *ids, const char *id);
/* Reads an oval_variables document into s->ext_vars. */
int oval_ext_vars_read(struct oval_session *s, const char *path);

struct oval_directive {
	bool	reported;
	bool	full;		/* content="full" (else thin) */
};
struct oval_directives {
	struct oval_directive	 def[OVAL_R_COUNT];
	/* class_directives (5.11): per class override; has_class[c] */
	bool			 has_class[OVAL_CLASS_COUNT];
	struct oval_directive	 cls[OVAL_CLASS_COUNT][OVAL_R_COUNT];
	bool			 include_source_definitions;
};
/* Defaults: everything reported, full. */
void oval_directives_default(struct oval_directives *d);
int oval_directives_read(struct oval_directives *d, const char *path);

/* ---- results_*.c: documents written ---------------------------------------- */
int oval_results_write(struct oval_session *s, const struct oval_directives *d,
    const char *path);
/* The same with OVAL_WRITE_* flags (oval.h). */
int oval_results_write_flags(struct oval_session *s,
    const struct oval_directives *d, const char *path, unsigned flags);
int oval_syschar_write(struct oval_session *s, const char *path);
/* Loads a system-characteristics document for `oval analyse`. */
int oval_syschar_read(struct oval_session *s, const char *path);

#endif /* KS_OVAL_INT_H */
