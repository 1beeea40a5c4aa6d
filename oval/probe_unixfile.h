/*
 * Private to the unixfile collector family (probe_unixfile*.c, probe_yaml.c)
 * and the shared file search (probe_files.c): the any-type walk the unix
 * file objects use, and the collectors the family's table registers. Not
 * for other collectors, which use probe_files_foreach from probe_int.h.
 */
#ifndef KS_OVAL_PROBE_UNIXFILE_H
#define KS_OVAL_PROBE_UNIXFILE_H

#include "oval/probe_int.h"

/*
 * Called for every file of any type (regular, directory, link, device,
 * FIFO, socket) an object selects, with its lstat result (a link is
 * described, not followed). filename is NULL for a directory selected by a
 * nil filename (path is then the directory itself, like filepath).
 * Non-zero stops the walk and is returned by probe_files_walk.
 */
typedef int (*probe_entry_cb)(const char *filepath, const char *path,
    const char *filename, const struct plat_stat *st, void *payload);

/*
 * Like probe_files_foreach (probe_int.h) for the objects that collect
 * every UNIX file type (file_object, fileextendedattribute_object): also
 * xsi:nil filename (the directories themselves), and the FileBehaviors
 * recurse (symlinks / directories), recurse_direction, max_depth and
 * recurse_file_system (all / local / defined). Listings and lstat results
 * come from the session cache, so every directory is read once per scan.
 * Returns 0, the callback's non-zero value, or a negative code with the
 * message set.
 */
int probe_files_walk(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, probe_entry_cb cb, void *payload,
    struct probe_files_result *res);

/* Directories and entries held by the session's listing cache (tests). */
void probe_files_cache_stats(struct oval_session *s, size_t *ndirs,
    size_t *nents);
/*
 * The literal prefixes that every path a pattern matches begins with, as a
 * walk prunes by them (fuzzing): up to PROBE_FILES_MAX_PREFIXES malloc'd
 * strings in out, and their number; 0 when the walk cannot be pruned.
 */
#define PROBE_FILES_MAX_PREFIXES	16
uint32_t probe_files_regex_prefixes(const char *re, char **out);

/*
 * Whether a system.posix_acl_access value holds more than the three base
 * entries: 1, 0, or KS_EPARSE when malformed.
 */
int probe_unixfile_acl_extended(const char *v, size_t len);
/*
 * has_extended_acl of path, as acl_extended_file(3) decides: 1, 0,
 * KS_EUNSUPPORTED when the target has no attributes to read, KS_ENOTFOUND
 * when the file is gone, or another negative code (message set).
 */
int probe_unixfile_has_acl(struct plat_target *t, const char *path);

/* The EntityItemEncryptMethodType value a crypt(3) hash's prefix names
 * ("SHA-512", "MD5", ...; "" for none of them). */
const char *probe_unixfile_encrypt_method(const char *hash);

/* A YAML key as a record field name: uppercase letters become '^' and
 * the lowercase letter, '^' becomes "^^" (caller frees). */
char *probe_yaml_field_name(const char *key);

/* Collectors of the family (registered in probe_unixfile.c). */
int probe_unixfile_file_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_unixfile_symlink_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_unixfile_password_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_unixfile_shadow_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_unixfile_xinetd_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_unixfile_xattr_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_yaml_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);

#endif /* KS_OVAL_PROBE_UNIXFILE_H */
