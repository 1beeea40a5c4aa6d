/*
 * The XCCDF model shared inside xccdf/: a benchmark (1.1 or 1.2) parsed
 * from its DOM element into items, profiles and values, the policy a
 * profile (and tailoring) makes of it, CPE names, dictionaries and
 * applicability, and the evaluation state results writers read. agent/
 * uses xccdf/xccdf.h only. Files:
 *   ds.c            source data streams, plain documents, href resolution
 *   xccdf_parse.c   Benchmark/Tailoring element -> model, item inheritance
 *   xccdf_policy.c  profile/tailoring resolution -> struct xccdf_policy
 *   xccdf_text.c    xml:lang selection and <sub> substitution
 *   xccdf_eval.c    selection, applicability, checks, result derivation
 *   xccdf_score.c   the four scoring models
 *   xccdf_oval.c    the OVAL check system (sessions per href, exports)
 *   cpe_name.c      CPE 2.2 URI / 2.3 formatted string, NISTIR 7696 match
 *   cpe_dict.c      CPE dictionaries 2.x with checks
 *   cpe_lang.c      CPE applicability language (platform-specification)
 *   xccdf_results.c XCCDF 1.2 results (benchmark copy + TestResult)
 *   arf.c           ARF 1.1 result data streams
 *
 * Strings in the model are borrowed from the benchmark's pool or from the
 * DOM the benchmark was parsed from; both live as long as the benchmark.
 */
#ifndef KS_XCCDF_INT_H
#define KS_XCCDF_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "platform/base/base.h"
#include "xccdf/xccdf.h"

struct _xmlNode;
struct _xmlDoc;

#define XCCDF_NONE UINT32_MAX

#define XCCDF_NS_11	"http://checklists.nist.gov/xccdf/1.1"
#define XCCDF_NS_12	"http://checklists.nist.gov/xccdf/1.2"
#define XCCDF_OVAL_SYSTEM "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define XCCDF_OCIL_SYSTEM "http://scap.nist.gov/schema/ocil/2"
#define XCCDF_SCORE_DEFAULT	"urn:xccdf:scoring:default"
#define XCCDF_SCORE_FLAT	"urn:xccdf:scoring:flat"
#define XCCDF_SCORE_FLAT_UNW	"urn:xccdf:scoring:flat-unweighted"
#define XCCDF_SCORE_ABSOLUTE	"urn:xccdf:scoring:absolute"

enum xccdf_item_type {
	XCCDF_ITEM_BENCHMARK,
	XCCDF_ITEM_GROUP,
	XCCDF_ITEM_RULE,
	XCCDF_ITEM_VALUE,
};

enum xccdf_role {
	XCCDF_ROLE_FULL,
	XCCDF_ROLE_UNSCORED,
	XCCDF_ROLE_UNCHECKED,
};

enum xccdf_severity {
	XCCDF_SEV_UNKNOWN,
	XCCDF_SEV_INFO,
	XCCDF_SEV_LOW,
	XCCDF_SEV_MEDIUM,
	XCCDF_SEV_HIGH,
};

enum xccdf_value_type {
	XCCDF_VT_STRING,
	XCCDF_VT_NUMBER,
	XCCDF_VT_BOOLEAN,
};

/* Value/@operator (XCCDF 1.2 valueOperatorType). */
enum xccdf_value_op {
	XCCDF_OP_EQUALS,
	XCCDF_OP_NOT_EQUAL,
	XCCDF_OP_GREATER,
	XCCDF_OP_LESS,
	XCCDF_OP_GREATER_EQ,
	XCCDF_OP_LESS_EQ,
	XCCDF_OP_PATTERN,
};

/* "pass" ... ; NULL for an out-of-range value. */
const char *xccdf_role_name(enum xccdf_role r);
const char *xccdf_severity_name(enum xccdf_severity s);
const char *xccdf_value_type_name(enum xccdf_value_type t);
const char *xccdf_value_op_name(enum xccdf_value_op o);
/* -1 for an unknown name. */
int xccdf_role_parse(const char *s);
int xccdf_severity_parse(const char *s);
int xccdf_value_type_parse(const char *s);
int xccdf_value_op_parse(const char *s);

/* A text element in one language (title, description, rationale, ...).
 * `node` is the element in the DOM (XHTML and <sub> inside); `lang` its
 * xml:lang (inherited from ancestors), or NULL. */
struct xccdf_text {
	const char		*lang;
	struct _xmlNode		*node;
	bool			 override;
};
struct xccdf_texts {
	struct xccdf_text	*v;
	uint32_t		 n;
};

struct xccdf_ident {
	const char	*system;
	const char	*value;
};

struct xccdf_check_ref {
	const char	*href;
	const char	*name;		/* NULL: every definition of href */
};

struct xccdf_check_export {
	const char	*value_id;	/* Value/@id */
	const char	*export_name;	/* OVAL variable id */
};

enum xccdf_complex_op {
	XCCDF_CC_NONE,		/* a plain <check> */
	XCCDF_CC_AND,
	XCCDF_CC_OR,
};

/* <check> or <complex-check>. */
struct xccdf_check {
	enum xccdf_complex_op	 op;		/* NONE: a check */
	bool			 negate;
	/* check */
	const char		*system;
	const char		*selector;	/* NULL or "" = none */
	const char		*id;
	bool			 multi_check;
	bool			 has_content;	/* inline <check-content> */
	struct _xmlNode		*content;	/* that element, or NULL */
	struct xccdf_check_ref	*refs;		/* in document order */
	uint32_t		 nrefs;
	struct xccdf_check_export *exports;
	uint32_t		 nexports;
	struct xccdf_check_import_ {
		const char	*name;
		const char	*xpath;
	}			*imports;
	uint32_t		 nimports;
	/* complex-check */
	struct xccdf_check	*kids;
	uint32_t		 nkids;
	struct _xmlNode		*node;
};

/* One <value> (or default/lower-bound/...) with its selector. */
struct xccdf_sel_str {
	const char	*selector;	/* "" for none */
	const char	*value;
};
/* <choices selector="..." mustMatch="..."><choice>...</choices> */
struct xccdf_choices {
	const char	*selector;
	bool		 must_match;
	const char	**v;
	uint32_t	 n;
};

/* An idref list: requires@idref is a space-separated list, satisfied when
 * any one is selected; conflicts has one idref. */
struct xccdf_idrefs {
	const char	**v;
	uint32_t	 n;
};

struct xccdf_item {
	enum xccdf_item_type	 type;
	const char		*id;
	uint32_t		 parent;	/* item index; XCCDF_NONE for 0 */
	uint32_t		*kids;		/* Values, Groups, Rules in order */
	uint32_t		 nkids;
	struct _xmlNode		*node;
	/* item attributes after inheritance (extends) is resolved */
	const char		*extends;	/* as written */
	bool			 abstract;
	bool			 hidden;
	bool			 prohibit_changes;
	bool			 selected;	/* selectable items: @selected */
	double			 weight;	/* default 1.0 */
	const char		*cluster_id;
	const char		*version;
	struct xccdf_texts	 title, description, rationale, warning,
				 fixtext, question;
	const char		**platforms;	/* platform/@idref */
	uint32_t		 nplatforms;
	struct _xmlNode		**references;	/* <reference> elements */
	uint32_t		 nreferences;
	struct xccdf_idrefs	*requires;
	uint32_t		 nrequires;
	const char		**conflicts;
	uint32_t		 nconflicts;
	/* Rule */
	enum xccdf_role		 role;
	enum xccdf_severity	 severity;
	bool			 multiple;
	struct xccdf_ident	*idents;
	uint32_t		 nidents;
	struct xccdf_check	*checks;	/* every <check> */
	uint32_t		 nchecks;
	struct xccdf_check	*complex;	/* <complex-check> or NULL */
	struct _xmlNode		**fixes;	/* <fix> elements */
	uint32_t		 nfixes;
	/* Value */
	enum xccdf_value_type	 vtype;
	enum xccdf_value_op	 vop;
	bool			 interactive;
	struct xccdf_sel_str	*values;	/* <value selector> */
	uint32_t		 nvalues;
	struct xccdf_sel_str	*defaults;
	uint32_t		 ndefaults;
	struct xccdf_sel_str	*lower, *upper, *match;
	uint32_t		 nlower, nupper, nmatch;
	struct xccdf_choices	*choices;
	uint32_t		 nchoices;
};

struct xccdf_select {
	const char	*idref;		/* item id or cluster-id */
	bool		 selected;
};
struct xccdf_set_value {
	const char	*idref;
	const char	*value;
	bool		 complex;	/* 1.2 set-complex-value (first <item>) */
};
struct xccdf_refine_value {
	const char	*idref;
	const char	*selector;	/* NULL: none */
	bool		 has_op;
	enum xccdf_value_op op;
};
struct xccdf_refine_rule {
	const char	*idref;		/* item id or cluster-id */
	const char	*selector;	/* NULL: none */
	bool		 has_weight, has_severity, has_role;
	double		 weight;
	enum xccdf_severity severity;
	enum xccdf_role	 role;
};

struct xccdf_profile {
	const char		*id;
	const char		*extends;
	bool			 abstract;
	bool			 prohibit_changes;
	bool			 from_tailoring;
	struct xccdf_texts	 title, description;
	const char		**platforms;
	uint32_t		 nplatforms;
	/* in document order; inherited entries of `extends` come first (the
	 * parse and xccdf_bench_add_tailoring resolve them) */
	struct xccdf_select	*selects;
	uint32_t		 nselects;
	struct xccdf_set_value	*set_values;
	uint32_t		 nset_values;
	struct xccdf_refine_value *refine_values;
	uint32_t		 nrefine_values;
	struct xccdf_refine_rule *refine_rules;
	uint32_t		 nrefine_rules;
	struct _xmlNode		*node;
};

struct xccdf_bench {
	int			 version;	/* 11 or 12 */
	const char		*ns;		/* XCCDF_NS_11 / _12 */
	const char		*id;
	const char		*file;		/* for messages */
	const char		*version_str;	/* <version> */
	const char		*status;	/* newest <status> */
	const char		*status_date;
	const char		*lang;		/* Benchmark/@xml:lang */
	bool			 resolved;	/* @resolved as written */
	struct _xmlNode		*node;		/* Benchmark element (borrowed) */
	struct ks_strpool	*pool;
	struct xccdf_item	*items;		/* [0] is the benchmark */
	uint32_t		 nitems;
	struct ks_map		*item_ids;	/* id -> index + 1 (uintptr_t) */
	struct xccdf_profile	*profiles;
	uint32_t		 nprofiles;
	const char		**models;	/* <model system> in order */
	uint32_t		 nmodels;
	/* cpe-lang:platform-specification inside the benchmark (NULL) */
	struct _xmlNode		*platform_spec;
	/* Tailoring documents applied (their ids), for results. */
	const char		*tailoring_id;
	const char		*tailoring_file;
	int			 tailoring_version;
};

/*
 * Parses a Benchmark element (XCCDF 1.1 or 1.2, by namespace) into *out
 * and resolves it as XCCDF 1.2 section 7.2.2 says: item `extends`
 * (properties inherited, lists appended, overrides honoured), Profile
 * `extends`, cycles and dangling extends are errors (KS_EPARSE naming file,
 * line and ids). `root` and its document are borrowed and must outlive
 * the benchmark. `file` is used in messages.
 */
int xccdf_bench_parse(struct xccdf_bench **out, struct _xmlNode *root,
    const char *file);
void xccdf_bench_free(struct xccdf_bench *b);
/* Item index for an id, or XCCDF_NONE. */
uint32_t xccdf_bench_find(const struct xccdf_bench *b, const char *id);
/* Profile by exact id, or NULL. */
const struct xccdf_profile *xccdf_bench_profile(const struct xccdf_bench *b,
    const char *id);
/*
 * Adds the Profiles of an XCCDF 1.2 Tailoring element (standalone file or
 * data-stream component) to b, replacing benchmark profiles with the same
 * id (XCCDF 1.2 section 6.7). Checks Tailoring/benchmark@href loosely (a
 * warning when it names another benchmark). KS_EPARSE for a malformed
 * tailoring (file:line: element). The tailoring's DOM must outlive the
 * benchmark: strings and nodes are borrowed from it.
 */
int xccdf_bench_add_tailoring(struct xccdf_bench *b, struct _xmlNode *root,
    const char *file);

/*
 * The effect of a profile on a benchmark: what is selected, with which
 * weight/severity/role/check selector, and each Value's value. Arrays are
 * indexed by item index.
 */
struct xccdf_policy {
	const struct xccdf_bench *bench;		/* borrowed */
	const struct xccdf_profile *profile;		/* NULL: default */
	bool		*selected;	/* item's own selection after profile */
	double		*weight;
	enum xccdf_severity *severity;
	enum xccdf_role	*role;
	const char	**rule_selector;	/* refine-rule selector or NULL */
	const char	**value;		/* Values: effective value */
	enum xccdf_value_op *vop;		/* Values: effective operator */
	const char	**value_selector;	/* refine-value selector or NULL */
	bool		*value_set;		/* set-value used */
};
/*
 * Resolves `profile` (exact id, or the unique profile whose id ends with
 * "_" + profile, or "(default)"/NULL for none) on b. An unknown or
 * ambiguous name is KS_ENOTFOUND with a message listing the profiles that
 * exist. Values take set-value, else the refine-value selector's value,
 * else the value without selector (XCCDF 1.2 section 6.4.4.5).
 */
int xccdf_policy_new(struct xccdf_policy **out, const struct xccdf_bench *b,
    const char *profile);
void xccdf_policy_free(struct xccdf_policy *p);
/* Whether the item and every ancestor group is selected. */
bool xccdf_policy_effective(const struct xccdf_policy *p, uint32_t item);

/*
 * Texts. xccdf_text_pick chooses the text for `lang` (exact, then language
 * prefix "ja" for "ja-JP", then the benchmark's xml:lang, then the first);
 * NULL when there is none. xccdf_text_plain renders a text element as plain
 * text with whitespace collapsed, <sub idref> replaced by the Value's
 * effective value under policy p (or the plain-text's text; p may be NULL:
 * the default value) and XHTML markup dropped. Returns a malloc'd string.
 */
const struct xccdf_text *xccdf_text_pick(const struct xccdf_bench *b,
    const struct xccdf_texts *t, const char *lang);
char *xccdf_text_plain(const struct xccdf_bench *b,
    const struct xccdf_policy *p, const struct _xmlNode *node);
/* xccdf_text_pick + xccdf_text_plain; NULL when there is no text. */
char *xccdf_item_title(const struct xccdf_bench *b,
    const struct xccdf_policy *p, uint32_t item, const char *lang);

/* ---- CPE ------------------------------------------------------------------ */
/* A CPE name split into the 11 attributes of CPE 2.3 (NISTIR 7695): part,
 * vendor, product, version, update, edition, language, sw_edition,
 * target_sw, target_hw, other. Values are in the WFN form: attr NULL and
 * na false = ANY, na true = NA ("-"), else the attribute value with 2.3
 * quoting (\. \- ...) and unquoted * and ? as wildcards. A 2.2 URI's
 * edition field carries the packed 2.3 attributes ("~a~b~c~d~e"). */
#define CPE_NATTR 11
struct cpe_name {
	char	*attr[CPE_NATTR];	/* malloc'd, NULL = ANY */
	bool	 na[CPE_NATTR];		/* NA ("-") */
};
/* Parses a 2.2 URI ("cpe:/o:debian:debian_linux:11") or a 2.3 formatted
 * string ("cpe:2.3:o:debian:debian_linux:11:*:*:*:*:*:*:*"). KS_EPARSE
 * naming the offending part. cpe_name_clear frees the attributes. */
int cpe_name_parse(struct cpe_name *out, const char *s);
void cpe_name_clear(struct cpe_name *n);
/* NISTIR 7696 name matching: whether `target` is a subset of or equal to
 * `source` (CPE_Name_Compare results SUPERSET/EQUAL for every attribute).
 * Returns true for a match. */
bool cpe_name_match(const struct cpe_name *source,
    const struct cpe_name *target);

/* How a CPE check or applicability decision comes out. */
enum cpe_result {
	CPE_TRUE,
	CPE_FALSE,
	CPE_ERROR,
};

/* Evaluates one check (system URI, href, name) for the CPE code: the
 * evaluation engine supplies it (OVAL through xccdf_oval.c). `ctx`
 * identifies the document the href is relative to (a dictionary). */
typedef int (*cpe_check_fn)(void *payload, const void *ctx,
    const char *system, const char *href, const char *name,
    enum cpe_result *res);

struct cpe_dict;
/* Parses a cpe-list element (CPE dictionary 2.0/2.2/2.3); `ctx` is passed
 * back to the check callback for this dictionary's checks. */
int cpe_dict_parse(struct cpe_dict **out, struct _xmlNode *root,
    const char *file, const void *ctx);
void cpe_dict_free(struct cpe_dict *d);
/*
 * Whether `name` applies to the target: some dictionary item whose name
 * matches (NISTIR 7696, item name as target of name) has a check that
 * evaluates true (items without a check: CPE_FALSE: nothing decides them).
 * Results are memoised per name. dicts[ndicts] are searched in order.
 */
int cpe_dicts_applicable(struct cpe_dict **dicts, uint32_t ndicts,
    const char *name, cpe_check_fn check, void *payload,
    enum cpe_result *res);

/*
 * Evaluates a cpe-lang platform (CPE applicability language 2.3: logical
 * tests AND/OR with negate, fact-ref against the dictionaries, check-fact-ref
 * through `check` directly). `platform` is a cpe-lang:platform element.
 */
int cpe_lang_eval(struct _xmlNode *platform, struct cpe_dict **dicts,
    uint32_t ndicts, cpe_check_fn check, void *payload,
    enum cpe_result *res);
/* The cpe-lang:platform with @id in a platform-specification element, or
 * NULL. */
struct _xmlNode *cpe_lang_find(struct _xmlNode *spec, const char *id);

/* ---- content (ds.c) -------------------------------------------------------- */
/*
 * What an href resolves to: a document root element inside a loaded DOM
 * (a data-stream component or a loaded file), or a file on disk that has
 * not been loaded (OVAL documents given by path are streamed, not
 * DOM-loaded). `name` is the href's last path segment, used for results
 * file names ("ssg-debian11-oval.xml").
 */
struct xccdf_resource {
	const char		*name;
	const char		*path;		/* file, or NULL */
	struct _xmlNode		*root;		/* element, or NULL */
	const char		*component_id;	/* DS component, or NULL */
	const char		*component_ref;	/* DS component-ref, or NULL */
};

/* A benchmark chosen in the content with where its hrefs resolve. */
struct xccdf_ds_checklist {
	const char		*datastream_id;		/* NULL: plain file */
	const char		*component_ref_id;	/* NULL: plain file */
	struct _xmlNode		*benchmark;		/* Benchmark element */
	struct _xmlNode		*tailoring;	/* Tailoring in the DS, or NULL */
	/* A remote checklist component (--fetch-remote-resources): the URL
	 * it was fetched from, the base of its relative check hrefs; NULL
	 * for a local one. */
	const char		*base_url;
};

/*
 * Chooses the checklist to evaluate: the data stream opts->datastream_id
 * (else the first), in it the checklist component-ref opts->xccdf_id (else
 * the one whose Benchmark has @id opts->benchmark_id, else the first), and
 * the tailoring component-ref opts->tailoring_id when given. For a plain
 * benchmark file, the benchmark itself. Unknown ids: KS_ENOTFOUND with a
 * message listing the ids that exist. A remote (URL) checklist or
 * tailoring component-ref is fetched with --fetch-remote-resources (the
 * options' fetcher) and must be an XCCDF Benchmark or Tailoring (KS_ERROR
 * when it cannot be had or is something else); without the option it is
 * KS_EUNSUPPORTED naming the component-ref and the option. `out` borrows
 * from c.
 */
int xccdf_content_checklist(struct xccdf_content *c,
    const struct xccdf_eval_opts *opts, struct xccdf_ds_checklist *out);
/* The content's file path (as opened) and its kind. */
const char *xccdf_content_path(const struct xccdf_content *c);

/*
 * The element of the dictionary component-refs (DS) or the CPE dictionary
 * documents given: cb(root, ctx) for each, ctx identifying it for
 * xccdf_content_resolve.
 */
int xccdf_content_foreach_dict(struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl,
    int (*cb)(struct _xmlNode *root, const void *ctx, void *payload),
    void *payload);
/*
 * The OVAL definitions documents among the components the checklist's
 * data stream refers to (checks and dictionaries; local ones only), in
 * document order: cb(root, name) with the oval_definitions element and
 * the name a component-ref without one gets (xccdf_content_resolve). For
 * loading them ahead; nothing for a plain file.
 */
void xccdf_content_foreach_oval(struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl,
    void (*cb)(struct _xmlNode *root, const char *name, void *payload),
    void *payload);
/*
 * The model xccdf_content_open_eval read of the oval_definitions element
 * `root` under `name` (xccdf_content_foreach_oval's), handed over (the
 * caller frees it with oval_unload); NULL when there is none.
 */
struct oval_defs;
struct oval_defs *xccdf_content_take_oval(struct xccdf_content *c,
    const struct _xmlNode *root, const char *name);
/*
 * Resolves `href` of a check in the checklist (ctx NULL) or in a
 * dictionary (its ctx): through the component-ref's catalog (a
 * cat:uri name="href" uri="#component-ref-id"), a "#component-ref-id"
 * itself, then files given with xccdf_content_add_file by base name, then
 * a path relative to the referring document's directory (plain files
 * only). A remote http(s) href, or a remote component-ref, is fetched
 * through the evaluation's fetch callback with --fetch-remote-resources,
 * else KS_EUNSUPPORTED ("remote resource, use --fetch-remote-resources");
 * KS_ERROR when a remote resource could not be fetched or read (the rule
 * is then error, not notchecked). KS_ENOTFOUND with a message otherwise.
 */
int xccdf_content_resolve(struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl, const void *ctx, const char *href,
    struct xccdf_resource *out);
/* The whole document (DS collection or plain file) root element. */
struct _xmlNode *xccdf_content_root(struct xccdf_content *c);
/*
 * Hands the content's DOM over to the caller (who frees it), when it is
 * the document `root` belongs to; NULL (nothing changed) otherwise. The
 * content no longer frees it; its node pointers stay valid as long as the
 * caller keeps the document. For the report's ARF (arf.c).
 */
struct _xmlDoc *xccdf_content_take_doc(struct xccdf_content *c,
    const struct _xmlNode *root);
/*
 * Writes the document c's DOM was read from into x as it is on disk, from
 * its root element's start tag on (ds_source.c): ARF's copy of the source
 * without serializing the DOM, which is most of the time of writing ARF.
 * Only when the bytes are the same XML as the DOM: the file is unchanged
 * since it was read (device, inode, size, modification time), is UTF-8,
 * and has no DOCTYPE (whose attribute defaults the DOM holds). Returns 0
 * when written; KS_EUNSUPPORTED with nothing written when the caller must
 * serialize the DOM instead; another KS_* (also recorded in x) when the
 * file failed after writing began.
 */
struct ks_xmlw;
int xccdf_content_copy_source(const struct xccdf_content *c,
    struct ks_xmlw *x);
/*
 * The same in two steps, for a thread that writes the ARF file while the
 * content changes hands: xccdf_source_open checks the file and reads its
 * first chunk (KS_EUNSUPPORTED as above, nothing opened), then
 * xccdf_source_copy writes it into x touching nothing of c but the
 * path, which must live as long (0, or KS_* also recorded in x).
 */
struct xccdf_source;
int xccdf_source_open(struct xccdf_source **out,
    const struct xccdf_content *c);
int xccdf_source_copy(struct xccdf_source *s, struct ks_xmlw *x);
void xccdf_source_free(struct xccdf_source *s);

/* ---- evaluation (xccdf_eval.c) --------------------------------------------- */
/* The result of one rule (or one multi-check instance). */
struct xccdf_rule_result {
	uint32_t		 item;		/* Rule index */
	enum xccdf_result	 result;
	const char		*instance;	/* multi-check: definition id */
	const struct xccdf_check *check;	/* the check used, or NULL */
	/* the check-content-ref that decided (multi-check: the one name);
	 * NULL when none resolved */
	const char		*href;
	const char		*name;
	const char		*message;	/* why (error/notchecked...) */
	const char		*time;		/* ISO 8601, UTC */
};

struct xccdf_score {
	const char	*system;	/* XCCDF_SCORE_* */
	double		 score;
	double		 max;
};

/*
 * One evaluation: the policy, rule results in document order, scores and
 * the OVAL sessions it ran (for --oval-results and ARF). Strings live as
 * long as the eval.
 */
struct xccdf_eval {
	struct xccdf_content	*content;	/* borrowed */
	struct xccdf_ds_checklist checklist;
	struct xccdf_bench	*bench;		/* owned */
	struct xccdf_policy	*policy;	/* owned */
	struct ks_strpool	*pool;
	struct xccdf_rule_result *results;
	uint32_t		 nresults;
	struct xccdf_score	*scores;
	uint32_t		 nscores;
	const char		*start_time, *end_time;
	/* applicability of the benchmark as a whole */
	bool			 bench_applicable;
	/* Whether any platform of the profile applies (true when it has
	 * none): informative, rules are evaluated as selected either way. */
	bool			 profile_applicable;
	/* Platform idrefs the target was found to meet, in order of first
	 * evaluation (TestResult/platform). */
	const char		**platforms_met;
	uint32_t		 nplatforms_met;
	/* Values exported to checks: value id -> effective value, in order
	 * of first export (for TestResult set-value). */
	const char		**exported;
	uint32_t		 nexported;
	struct xccdf_oval	*oval;		/* the OVAL check system */
	struct cpe_dict		**dicts;
	uint32_t		 ndicts;
	const struct xccdf_eval_opts *opts;	/* borrowed */
	struct plat_target	*target;	/* borrowed */
};

/*
 * The four scoring models of XCCDF 1.2 section 7.3 over the results:
 * default (weighted group averages), flat, flat-unweighted and absolute
 * (1 when every scored rule passed, else 0). Only rules with role full
 * and results pass/fail/error/unknown (fail/error/unknown count 0) are
 * scored; notapplicable, notchecked, notselected, informational do not
 * count. Returns 0, KS_EUNSUPPORTED for an unknown model URI.
 */
int xccdf_score_compute(const struct xccdf_eval *e, const char *model,
    struct xccdf_score *out);

/* SP 800-126 rev 3 section 4.5.2 (OVAL definition result -> XCCDF rule result)
 * for class compliance/inventory/miscellaneous, and the reversal for
 * vulnerability/patch. `oval_result` is an OVAL result name. */
enum xccdf_result xccdf_result_from_oval(const char *oval_result,
    const char *klass);
/* XCCDF 1.2 table 26: AND / OR over rule results; negate. */
enum xccdf_result xccdf_result_and(enum xccdf_result a, enum xccdf_result b);
enum xccdf_result xccdf_result_or(enum xccdf_result a, enum xccdf_result b);
enum xccdf_result xccdf_result_negate(enum xccdf_result r);

/* ---- the OVAL check system (xccdf_oval.c) ---------------------------------- */
struct xccdf_oval;
int xccdf_oval_new(struct xccdf_oval **out, struct plat_target *target,
    const struct xccdf_eval_opts *opts);
void xccdf_oval_free(struct xccdf_oval *o);
/*
 * Registers a definition (or every definition when name is NULL) of the
 * resource for evaluation, with the values to bind to external variables
 * (export_name -> value). Loads the resource the first time (KS_EPARSE and
 * friends: the message names the file). Definitions unknown in the
 * document: KS_ENOTFOUND.
 */
int xccdf_oval_add(struct xccdf_oval *o, const struct xccdf_resource *r,
    const char *name, const char **export_names, const char **values,
    uint32_t nexports);
/* Collects and evaluates what was registered (each resource once). */
int xccdf_oval_run(struct xccdf_oval *o);
/*
 * Starts loading the OVAL components of the checklist's data stream on a
 * thread (with two cores): xccdf_oval_add takes a model from there when
 * it is the one it would load (same element, same name). The content's
 * DOM must not change until xccdf_oval_prefetch_end (or the free).
 */
void xccdf_oval_prefetch(struct xccdf_oval *o, struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl);
/* Waits for the loading ahead to end and frees what was not taken: from
 * then on the content's DOM may change (the report's ARF moves it). */
void xccdf_oval_prefetch_end(struct xccdf_oval *o);
/* The OVAL result name ("true", ...) and class of a definition evaluated by
 * run; KS_ENOTFOUND when it was not registered. */
int xccdf_oval_result(struct xccdf_oval *o, const struct xccdf_resource *r,
    const char *name, const char **result, const char **klass);
/* Every definition id of a resource, in document order (multi-check and
 * name-less refs): cb(id). */
int xccdf_oval_foreach_def(struct xccdf_oval *o,
    const struct xccdf_resource *r,
    int (*cb)(const char *id, void *payload), void *payload);
/* Each resource that was evaluated: cb(resource name, session). */
struct oval_session;
int xccdf_oval_foreach_session(struct xccdf_oval *o,
    int (*cb)(const char *name, struct oval_session *s, void *payload),
    void *payload);

#endif /* KS_XCCDF_INT_H */
