/*
 * Private interface between feeds/feed_archive.c (the capped libarchive
 * reader and the staging directory that safe extraction writes into) and
 * feeds/feed_bundle.c (signed bundles), plus the entry points the fuzz
 * targets use. Not for other modules: they use feeds/feeds.h.
 */
#ifndef KS_FEED_INT_BUNDLE_H
#define KS_FEED_INT_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "feeds/feeds.h"

struct archive;
struct archive_entry;

/* ---- capped reader (feed_archive.c) ------------------------------------ */

enum feed_arc_kind {
	FEED_ARC_RAW,		/* one compressed stream: decompress only */
	FEED_ARC_ARCHIVE,	/* tar or zip, any supported filter */
	FEED_ARC_TAR,		/* uncompressed tar only (bundles) */
};

/*
 * One libarchive reader with the caps of feed_archive_limits applied to
 * what it reads: compressed bytes are counted by our own read callback,
 * expanded bytes by feed_arc_data.
 */
struct feed_arc;

/* Opens a file (fd kept open until feed_arc_free). `name` is used in
 * messages (NULL: path). Returns 0 or a KS_* code, message set. */
int feed_arc_open_file(struct feed_arc **out, const char *path,
    const char *name, enum feed_arc_kind kind,
    const struct feed_archive_limits *lim);
/* The same over a buffer that must outlive the reader. */
int feed_arc_open_mem(struct feed_arc **out, const void *buf, size_t len,
    const char *name, enum feed_arc_kind kind,
    const struct feed_archive_limits *lim);
void feed_arc_free(struct feed_arc *r);
const char *feed_arc_name(const struct feed_arc *r);

/*
 * Next entry header: 1 and *e set (borrowed until the next call), 0 at the
 * end, KS_ELIMIT past max_entries, KS_EPARSE on corrupt data.
 */
int feed_arc_next(struct feed_arc *r, struct archive_entry **e);
/*
 * Up to `cap` bytes of the current entry into buf: returns the count (0 at
 * the entry's end) or KS_ELIMIT (total or ratio cap, message names the
 * archive and the limit) / KS_EPARSE.
 */
long feed_arc_data(struct feed_arc *r, void *buf, size_t cap);

/*
 * The entry's path made relative and checked: a leading "./" and repeated
 * or "." components are dropped; absolute paths, ".." components, empty
 * names and over-long names are refused with KS_EPARSE naming the archive.
 * Writes the clean path into out[outsz].
 */
int feed_arc_clean_path(const struct feed_arc *r, const char *path,
    char *out, size_t outsz);

/*
 * Walks every entry of an in-memory archive as extraction would (paths,
 * types and link targets checked, data read under the caps) but writes
 * nothing. Returns 0 or a KS_* code with the message set. For fuzzing.
 */
int feed_arc_walk_mem(const void *buf, size_t len,
    const struct feed_archive_limits *lim);

/* ---- staging directory (feed_archive.c) -------------------------------- */

/*
 * A temporary sibling of the destination directory that extraction writes
 * into; committed by an atomic rename, or removed.
 */
struct feed_stage;

/* Creates ".<base>.kensa-XXXXXX" next to destdir after checking destdir
 * may be (re)placed under `flags` (FEED_EXTRACT_*). */
int feed_stage_new(struct feed_stage **out, const char *destdir,
    unsigned flags);
/*
 * Creates the regular file `path` (clean, relative) below the stage with
 * permission bits `mode & 0777`, creating missing parent directories and
 * never following a symlink. Returns an fd open for writing (caller
 * closes) or a negative KS_* code; `what` names the source in messages.
 */
int feed_stage_create(struct feed_stage *st, const char *what,
    const char *path, unsigned mode);
/* Moves the stage to destdir (swapping out an old destdir), frees st. */
int feed_stage_commit(struct feed_stage *st);
/* Removes the stage and everything in it; frees st. NULL ok. */
void feed_stage_abort(struct feed_stage *st);

/* Writes all of buf to fd; KS_ERROR naming `path` on failure. */
int feed_write_all(int fd, const void *buf, size_t len, const char *path);

/* ---- manifest (feed_bundle.c) ------------------------------------------ */

struct feed_manifest_entry {
	char		*path;
	uint64_t	 size;
	unsigned char	 sha256[32];
	int		 seen;		/* verification state */
};

struct feed_manifest {
	struct feed_manifest_entry	*v;
	size_t				 n;
	uint64_t			 total;	/* sum of sizes */
};

/*
 * Parses MANIFEST bytes (format in feeds/feeds.h). `name` prefixes the
 * messages ("NAME: MANIFEST line N: reason"). Returns 0 and *out (caller
 * frees with feed_manifest_free) or KS_EPARSE / KS_ELIMIT.
 */
int feed_manifest_parse(const char *buf, size_t len, const char *name,
    struct feed_manifest **out);
void feed_manifest_free(struct feed_manifest *m);
/* The entry with this path, or NULL (binary search: entries are sorted). */
struct feed_manifest_entry *feed_manifest_find(const struct feed_manifest *m,
    const char *path);

#endif /* KS_FEED_INT_BUNDLE_H */
