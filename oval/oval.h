/*
 * The one public header of oval/: load OVAL definitions, collect system
 * characteristics from a platform target, evaluate, and write OVAL results.
 * agent/ and xccdf/ use only this; the model lives in oval/oval_int.h.
 */
#ifndef KS_OVAL_H
#define KS_OVAL_H

#include "platform/base/base.h"
#include "platform/platform.h"

struct oval_defs;
struct oval_session;

/* Options of one evaluation. Paths are NULL when not given. */
struct oval_eval_opts {
	const char	*variables;	/* external variables document */
	const char	*directives;	/* results directives document */
	const char	*only_id;	/* evaluate only this definition */
};

/* Loads a definitions document; see oval_defs_parse in oval_int.h. */
int oval_load(struct oval_defs **out, const char *path);
void oval_unload(struct oval_defs *d);
uint32_t oval_def_count(const struct oval_defs *d);

/*
 * A session evaluates `defs` against `target` (borrowed; NULL with a
 * system-characteristics file for analyse). Caller frees with
 * oval_session_free.
 */
int oval_session_new(struct oval_session **out, struct oval_defs *defs,
    struct plat_target *target, const struct oval_eval_opts *opts);
void oval_session_free(struct oval_session *s);
/* Collects every object the selected definitions need (each once). */
int oval_session_collect(struct oval_session *s);
/* Loads recorded system characteristics instead of collecting. */
int oval_session_load_syschar(struct oval_session *s, const char *path);
/* Evaluates every (or the selected) definition. */
int oval_session_evaluate(struct oval_session *s);

/* Walks definition results in document order: cb(id, class name, title,
 * result name). Stops when cb returns non-zero. */
int oval_session_foreach_result(struct oval_session *s,
    int (*cb)(const char *id, const char *klass, const char *title,
	const char *result, void *payload), void *payload);

/* Items the tests of one definition examined (collected objects of every
 * test its criteria reach, extended definitions included), each once:
 * cb(item). Getters below read them. KS_ENOTFOUND for an unknown id. */
struct oval_item;
int oval_session_foreach_def_item(struct oval_session *s, const char *def_id,
    int (*cb)(const struct oval_item *it, void *payload), void *payload);
/* "dpkginfo_item"; and the first value of entity `name`, or NULL. */
const char *oval_item_type(const struct oval_item *it);
const char *oval_item_value(const struct oval_item *it, const char *name);
/* Facts about the target the session recorded (borrowed). */
const struct plat_sysinfo *oval_session_sysinfo(const struct oval_session *s);

/* ---- queries for findings (session_query.c) ---------------------------- */
/* What one definition says about itself. Strings are borrowed and live as
 * long as the definitions; absent ones are NULL. */
struct oval_def_meta {
	const char	*id;
	const char	*klass;		/* "vulnerability", "patch", ... */
	const char	*title;
	const char	*description;
	const char	*family;	/* affected@family */
	const char	*advisory_xml;	/* whole <advisory> element, or NULL */
	const char	*result;	/* "true"...; NULL when not evaluated */
	uint32_t	 nrefs;		/* <reference> count */
	uint32_t	 nproducts;	/* affected/product count */
};
/* Fills *out for def_id; KS_ENOTFOUND for an unknown id. */
int oval_session_def_meta(struct oval_session *s, const char *def_id,
    struct oval_def_meta *out);
/* The i-th <reference> of a definition (ref_url may be NULL), or the i-th
 * affected <product> name; KS_ENOTFOUND past the end or for an unknown id. */
int oval_session_def_ref(struct oval_session *s, const char *def_id,
    uint32_t i, const char **source, const char **ref_id,
    const char **ref_url);
int oval_session_def_product(struct oval_session *s, const char *def_id,
    uint32_t i, const char **product);

/* A package that made a definition true. Borrowed strings. */
struct oval_def_pkg {
	const char	*test_id;	/* the test that found it */
	const char	*item_type;	/* "dpkginfo_item", "rpminfo_item" */
	const char	*name;
	const char	*installed;	/* the item's evr, or NULL */
	const char	*arch;		/* or NULL */
	/* The value of the test's state entity evr compared with "less
	 * than" (the version that fixes it), or NULL when none is stated. */
	const char	*fixed;
};
/*
 * Walks what made an evaluated definition true: the criteria nodes whose
 * result is true (extended definitions included, negated branches
 * skipped), and calls cb for every package item (dpkginfo_item,
 * rpminfo_item) with a `name` that their true tests found (items with
 * result true; every existing item of a test without states). Stops when
 * cb returns non-zero and returns that. KS_ENOTFOUND for an unknown id.
 */
int oval_session_foreach_def_package(struct oval_session *s,
    const char *def_id,
    int (*cb)(const struct oval_def_pkg *p, void *payload), void *payload);

/* ---- for XCCDF check systems ------------------------------------------- */
/* Loads a definitions document held in memory (a data-stream component);
 * `name` is used in messages. As oval_load. */
int oval_load_mem(struct oval_defs **out, const char *buf, size_t len,
    const char *name);
/* The same from an oval_definitions element of a DOM (a data-stream
 * component the caller holds; borrowed for the call): its events are
 * replayed, nothing is serialized or parsed again; messages name `name`
 * with the element's line in the DOM's document. */
struct _xmlNode;
int oval_load_node(struct oval_defs **out, const struct _xmlNode *root,
    const char *name);
/* Walks definition ids in document order; stops when cb returns non-zero
 * and returns that. */
int oval_defs_foreach_id(const struct oval_defs *d,
    int (*cb)(const char *id, void *payload), void *payload);
/*
 * Adds a definition to the session's selection: once anything is selected,
 * collect, evaluate and the results document cover only the selected
 * definitions (and what they extend). KS_ENOTFOUND for an unknown id.
 */
int oval_session_select(struct oval_session *s, const char *def_id);
/*
 * Binds values (copied) to an external_variable, as an oval_variables
 * document would (XCCDF check-export). Replaces an earlier binding.
 * KS_ENOTFOUND when the document has no external_variable with that id.
 */
int oval_session_set_var(struct oval_session *s, const char *var_id,
    const char *const *values, uint32_t n);
/*
 * The result of one definition: evaluates it now if collect/evaluate did
 * not (collecting what it needs). *result "true".., *klass "compliance"..
 * (borrowed). KS_ENOTFOUND for an unknown id.
 */
int oval_session_eval_def(struct oval_session *s, const char *def_id,
    const char **result, const char **klass);
/* Writing OVAL results into a document being written (ARF): flags. */
#define OVAL_WRITE_NO_DEFINITIONS	0x1u	/* omit oval_definitions */
#define OVAL_WRITE_THIN			0x2u	/* thin results, no system_data */
#define OVAL_WRITE_NO_SYSCHAR		0x4u	/* omit oval_system_characteristics */
struct ks_xmlw;
/* Writes the <oval_results> element (no XML declaration) with its
 * namespace declarations into x. Errors are the writer's (ks_xmlw_status). */
int oval_session_write_results_xmlw(struct oval_session *s,
    struct ks_xmlw *x, unsigned flags);
/* The same, to a file, atomically. */
int oval_session_write_results_flags(struct oval_session *s,
    const char *path, unsigned flags);
int oval_session_write_results(struct oval_session *s, const char *path);
int oval_session_write_syschar(struct oval_session *s, const char *path);

/* Every object type kensa collects, "ns:object" each: cb per entry. */
void oval_supported_objects(void (*cb)(const char *ns, const char *object,
    void *payload), void *payload);

#endif /* KS_OVAL_H */
