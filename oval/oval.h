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

int oval_session_write_results(struct oval_session *s, const char *path);
int oval_session_write_syschar(struct oval_session *s, const char *path);

/* Every object type kensa collects, "ns:object" each: cb per entry. */
void oval_supported_objects(void (*cb)(const char *ns, const char *object,
    void *payload), void *payload);

#endif /* KS_OVAL_H */
