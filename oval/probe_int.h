/*
 * Private helpers shared by the OVAL collectors (probe_*.c): building items
 * and recording them in a collected object, reading object entities and
 * behaviors, and resolving the files a file-based object names (path +
 * filename or filepath, with operations, var_refs and recursion). Not for
 * use outside probe_*.c: the rest of oval/ sees only oval_probe_find/list.
 */
#ifndef KS_OVAL_PROBE_INT_H
#define KS_OVAL_PROBE_INT_H

#include "oval/oval_int.h"

/* probe_state slots (s->probe_state[...]) owned by collectors. */
/* ---- probe_pkg.c: shared by the package collectors --------------------- */
/*
 * The outcome when a package database could not be opened (rc, msg as
 * remembered from plat_pkgdb_open; kind "dpkg", "rpm"): false with c's
 * flag and message set (does not exist for KS_ENOTFOUND, error else), true
 * when the caller should go on collecting.
 */
bool probe_pkg_usable(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, const char *kind, int rc, const char *msg);
typedef int (*probe_pkg_fn)(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c,
    const struct plat_pkg *p, void *payload);
/*
 * Calls fn for every package whose name matches o's name entity: equals
 * (also through a var_ref, confirmed so var_check applies) is one indexed
 * lookup per value, any other operation looks at every package. Returns 0
 * or a negative code (fn's, or with the message set).
 */
int probe_pkg_select(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, struct plat_pkgdb *db, probe_pkg_fn fn,
    void *payload);

#define PROBE_SLOT_DPKG		0
#define PROBE_SLOT_RPM		1	/* probe_rpm.c */
#define PROBE_SLOT_UNIXFILE	2	/* probe_unixfile*.c */
#define PROBE_SLOT_SYSTEM	3	/* probe_system*.c */

/*
 * Registration tables of the collector families, each ended by an entry
 * whose object is NULL; probe.c merges them. One per family file set.
 */
extern const struct oval_probe oval_probes_rpm[];	/* probe_rpm.c */
extern const struct oval_probe oval_probes_unixfile[];	/* probe_unixfile.c */
extern const struct oval_probe oval_probes_system[];	/* probe_system.c */

/* Ceilings for untrusted input. */
#define PROBE_TEXT_MAX		(256u << 20)	/* textfilecontent file size */
#define PROBE_XML_MAX		(64u << 20)	/* xmlfilecontent file size */
#define PROBE_WALK_MAX_DEPTH	64	/* directory levels below a start */
#define PROBE_WALK_MAX_DIRS	200000u	/* directories listed per object */
#define PROBE_MAX_MATCHES	100000u	/* pattern matches per file */

/* ---- items ------------------------------------------------------------- */
/* Starts an empty item of ns/type (static strings) with status exists. */
void probe_item_init(struct oval_item *it, const char *ns, const char *type);
/* Appends an entity; `value` NULL writes a nil entity. The name and value
 * are interned in the session pool. */
void probe_item_add(struct oval_session *s, struct oval_item *it,
    const char *name, const char *value, enum oval_datatype dt);
/* As probe_item_add with name and value stored as given, not interned:
 * both must live as long as the session (string literals, or strings of
 * the session pool). For items made once per file of a walk. */
void probe_item_add_raw(struct oval_session *s, struct oval_item *it,
    const char *name, const char *value, enum oval_datatype dt);
/* Appends an entity with no value and the given status (e.g. an entity
 * that does not exist, or one whose value could not be collected). */
void probe_item_add_status(struct oval_session *s, struct oval_item *it,
    const char *name, enum oval_datatype dt, enum oval_item_status st);
/* Appends a message to an item (printf format). */
void probe_item_msg(struct oval_session *s, struct oval_item *it,
    const char *level, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/*
 * Stores the item in the system characteristics (oval_sc_add_item takes its
 * arrays, even for a duplicate) and appends its index to c->items. Returns
 * the item index.
 */
uint32_t probe_item_commit(struct oval_session *s, struct oval_collected *c,
    struct oval_item *it);
/* Appends an already stored item (index into s->sc.items) to c->items,
 * once. */
void probe_item_ref(struct oval_collected *c, uint32_t idx);

/* ---- objects ------------------------------------------------------------- */
/* The object's first entity named `name`, or NULL. */
const struct oval_entity *probe_ent(const struct oval_object *o,
    const char *name);
/* The value of behavior attribute `name`, or `def` when absent. */
const char *probe_behavior(const struct oval_object *o, const char *name,
    const char *def);
/* A boolean behavior ("true"/"1" are true), `def` when absent. */
bool probe_behavior_bool(const struct oval_object *o, const char *name,
    bool def);
/*
 * Whether candidate satisfies entity e (via oval_entity_match). Returns 1
 * (true), 0 (false) or KS_ERROR when the comparison is an error; then the
 * message is in ks_error_msg() (set here if the matcher gave none).
 */
int probe_match(struct oval_session *s, const struct oval_entity *e,
    const char *candidate);
/*
 * The literal values an entity with operation equals stands for: its
 * value, or every value of its var_ref. On success *vals is a malloc'd
 * array of borrowed strings (caller frees the array) and *n its length.
 * KS_ERROR with the message set when the variable is in error.
 * Returns KS_EUNSUPPORTED when the entity is not a plain equals.
 */
int probe_ent_literals(struct oval_session *s, const struct oval_entity *e,
    const char ***vals, uint32_t *n);
/* Sets c->flag = error and adds the current ks_error_msg() (prefixed by the
 * object id) as an error message. */
void probe_fail(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, const char *what);

/*
 * Sets the flag of an object whose search ran to the end: error when some
 * selected items could not be read (item_errors), else does not exist
 * with no items, incomplete when part of the search was cut (or error when
 * that left no item: "incomplete" asserts that a matching item exists),
 * else complete. Adds a message for the error cases.
 */
void probe_finish_flag(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, bool item_errors, bool incomplete);

/* ---- files named by an object -------------------------------------------- */
/*
 * Called for every regular file (after following links inside the target)
 * an object's filepath or path + filename selects: path is the directory,
 * filename the last component, filepath the whole absolute path (all in
 * the target's namespace). A non-zero return stops the walk and is
 * returned by probe_files_foreach.
 */
typedef int (*probe_file_cb)(const char *filepath, const char *path,
    const char *filename, void *payload);
struct probe_files_result {
	uint32_t	nfiles;		/* files passed to cb */
	bool		incomplete;	/* a cap was hit: the search was cut */
};
/*
 * Resolves the files an object selects through its filepath, or path and
 * filename entities, and the file behaviors max_depth / recurse_direction
 * (on path). Entities with operation equals are direct lookups; other
 * operations list directories (pattern match walks down from the regex's
 * literal prefix). Everything goes through the target's file system.
 * Returns 0 (also when nothing matched: res->nfiles is 0), the callback's
 * non-zero value, or a negative code with the message set (unsupported
 * entity combination, a variable in error, a bad regex). Messages about
 * parts that were cut off are added to c.
 */
int probe_files_foreach(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, probe_file_cb cb, void *payload,
    struct probe_files_result *res);

/* Splits an absolute path into directory and file name parts (both
 * malloc'd; the directory of "/x" is "/"). */
void probe_path_split(const char *filepath, char **dir, char **name);
/* Joins a directory and a name (caller frees). */
char *probe_path_join(const char *dir, const char *name);

/* ---- collectors (one per object type; the table is in probe.c) ---------- */
int probe_family_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);
int probe_variable_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_environ58_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_textfile54_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_textfile_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_xmlfile_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_filehash58_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_filehash_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_dpkginfo_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_uname_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);

#endif /* KS_OVAL_PROBE_INT_H */
