/*
 * The one header of platform/: a target to inspect (the live host, a
 * directory root, an in-memory fixture) and the back-ends that read it: file
 * system, package databases, live system facts. It knows nothing of OVAL:
 * collectors in oval/ turn what it returns into items.
 */
#ifndef KS_PLATFORM_H
#define KS_PLATFORM_H

#include "platform/base/base.h"
#include <sys/types.h>

/* ---- targets ------------------------------------------------------------- */
struct plat_target;

enum plat_target_kind {
	PLAT_TARGET_HOST,	/* the running system, "/" and live kernel facts */
	PLAT_TARGET_ROOT,	/* a directory holding another system's "/" */
	PLAT_TARGET_MEM,	/* in-memory files, for tests */
	PLAT_TARGET_IMAGE,	/* an image archive, read through libarchive */
};

/* Each returns 0 and a new target the caller frees with plat_target_free,
 * or a negative code with the message set (e.g. root not a directory). */
int plat_target_host_new(struct plat_target **out);
int plat_target_root_new(struct plat_target **out, const char *dir);
int plat_target_mem_new(struct plat_target **out);
/* A container image or root-file-system archive (platform/fs_image.c). */
int plat_target_image_new(struct plat_target **out, const char *path);
void plat_target_free(struct plat_target *t);

enum plat_target_kind plat_target_kind(const struct plat_target *t);
/* A short description for messages and results: "host", "root:/mnt/x". */
const char *plat_target_name(const struct plat_target *t);
/* True when live kernel/process facts (uname, environment, processes) are
 * those of the target: only the host. */
bool plat_target_is_live(const struct plat_target *t);

/* In-memory fixture building (PLAT_TARGET_MEM only; KS_EUNSUPPORTED else).
 * Parent directories are created as needed. */
int plat_target_mem_add_file(struct plat_target *t, const char *path,
    const void *data, size_t len, mode_t mode);
int plat_target_mem_add_dir(struct plat_target *t, const char *path,
    mode_t mode);
int plat_target_mem_add_symlink(struct plat_target *t, const char *path,
    const char *dest);

/* ---- file system --------------------------------------------------------- */
/*
 * Every path is absolute in the target's namespace ("/etc/passwd" means
 * ROOT/etc/passwd for a directory root). Symbolic links are resolved inside
 * the target: "..", absolute links and link chains can never leave it. Device
 * files, FIFOs and sockets are never opened for reading. Nothing here writes.
 * Errors: KS_ENOTFOUND (no such path), KS_EPERM, KS_ELIMIT (cap, link loop),
 * KS_ERROR (other, message set with the path).
 */
enum plat_ftype {
	PLAT_FT_REG, PLAT_FT_DIR, PLAT_FT_LNK, PLAT_FT_CHR, PLAT_FT_BLK,
	PLAT_FT_FIFO, PLAT_FT_SOCK, PLAT_FT_OTHER
};
struct plat_stat {
	enum plat_ftype	type;
	mode_t		mode;		/* permission bits incl. suid/sgid/sticky */
	uid_t		uid;
	gid_t		gid;
	uint64_t	size;
	int64_t		atime, mtime, ctime;	/* seconds since the epoch */
	uint64_t	dev, ino, nlink;
};
/* stat follows symbolic links (inside the target); lstat does not. */
int plat_fs_stat(struct plat_target *t, const char *path, struct plat_stat *st);
int plat_fs_lstat(struct plat_target *t, const char *path,
    struct plat_stat *st);
/* The link's text as stored (not resolved); caller frees *out. */
int plat_fs_readlink(struct plat_target *t, const char *path, char **out);
/* The canonical path inside the target with every link resolved. */
int plat_fs_realpath(struct plat_target *t, const char *path, char **out);
/*
 * Reads a whole regular file (following links inside the target). More than
 * `max` bytes is KS_ELIMIT. *data is NUL-terminated (not counted in *len);
 * the caller frees it.
 */
int plat_fs_read_file(struct plat_target *t, const char *path, size_t max,
    char **data, size_t *len);
/* Streaming reads of a regular file, for big files and digests. */
struct plat_file;
int plat_fs_open(struct plat_target *t, const char *path,
    struct plat_file **out);
/* Returns bytes read (0 at end) or a negative code. */
ssize_t plat_file_read(struct plat_file *f, void *buf, size_t n);
void plat_file_close(struct plat_file *f);
/*
 * Calls cb for each entry of a directory except "." and "..", in sorted
 * order; `type` is the entry's own type (a link is PLAT_FT_LNK). Stops when
 * cb returns non-zero and returns that value.
 */
typedef int (*plat_dirent_cb)(const char *name, enum plat_ftype type,
    void *payload);
int plat_fs_list(struct plat_target *t, const char *dir, plat_dirent_cb cb,
    void *payload);

/* ---- package databases ---------------------------------------------------- */
/*
 * An installed package as the database records it. Strings are borrowed
 * from the database and live until plat_pkgdb_free. Absent fields are NULL.
 */
struct plat_pkg {
	const char	*name;
	const char	*arch;
	const char	*epoch;		/* dpkg: "0" when the version has none */
	const char	*version;	/* dpkg: upstream version */
	const char	*release;	/* dpkg: debian revision ("" if none) */
	const char	*evr;		/* dpkg: "epoch:version[-release]",
					 * epoch always present */
	const char	*full_version;	/* as written in the database */
	const char	*source;	/* dpkg: Source package, or NULL */
};
typedef int (*plat_pkg_cb)(const struct plat_pkg *pkg, void *payload);

struct plat_pkgdb;
/*
 * Opens and indexes the target's database of the named kind ("dpkg"; "rpm"
 * comes later). KS_ENOTFOUND when the target has no such database (not an
 * error for a scan: dpkginfo objects then do not exist). The database is
 * parsed once; lookups are queries on the index.
 */
int plat_pkgdb_open(struct plat_pkgdb **out, struct plat_target *t,
    const char *kind);
void plat_pkgdb_free(struct plat_pkgdb *db);
/* Every installed package named `name` (several for multi-arch). Returns 0
 * (even when none match) or the cb's non-zero value. */
int plat_pkgdb_lookup(struct plat_pkgdb *db, const char *name, plat_pkg_cb cb,
    void *payload);
/* Every installed package in name order. */
int plat_pkgdb_foreach(struct plat_pkgdb *db, plat_pkg_cb cb, void *payload);
size_t plat_pkgdb_count(const struct plat_pkgdb *db);

/* ---- system facts --------------------------------------------------------- */
struct plat_uname {
	char	*os_name;	/* sysname */
	char	*node_name;
	char	*os_release;
	char	*os_version;
	char	*machine_class;
	char	*processor_type;
};
/* Live only: KS_EUNSUPPORTED on a target that is not the host. The caller
 * frees with plat_uname_clear. */
int plat_uname(struct plat_target *t, struct plat_uname *u);
void plat_uname_clear(struct plat_uname *u);

struct plat_iface {
	char	*name;
	char	*ip;		/* address as text */
	char	*mac;
};
struct plat_sysinfo {
	char	*os_name;	/* e.g. "Debian GNU/Linux" from os-release */
	char	*os_version;	/* e.g. "12" */
	char	*architecture;	/* e.g. "x86_64" */
	char	*hostname;
	struct plat_iface *ifaces;
	size_t	 nifaces;
};
/*
 * For the host: uname, os-release and interfaces. For a root: os-release,
 * /etc/hostname and the architecture dpkg/rpm records; no interfaces.
 * The caller frees with plat_sysinfo_clear.
 */
int plat_sysinfo(struct plat_target *t, struct plat_sysinfo *si);
void plat_sysinfo_clear(struct plat_sysinfo *si);

/*
 * Environment variables of the scanning process (live host only;
 * KS_EUNSUPPORTED otherwise): calls cb(name, value) for each.
 */
int plat_environ_foreach(struct plat_target *t,
    int (*cb)(const char *name, const char *value, void *payload),
    void *payload);

#endif /* KS_PLATFORM_H */
