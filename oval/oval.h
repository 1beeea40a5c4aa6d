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

int oval_session_write_results(struct oval_session *s, const char *path);
int oval_session_write_syschar(struct oval_session *s, const char *path);

/* Every object type kensa collects, "ns:object" each: cb per entry. */
void oval_supported_objects(void (*cb)(const char *ns, const char *object,
    void *payload), void *payload);

#endif /* KS_OVAL_H */
