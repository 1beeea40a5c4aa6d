/*
 * Private to platform/: the back-end operation tables (fs, pkgdb), the
 * structures behind the opaque handles of platform.h and the shared path
 * walker. Nothing outside platform/ (and its unit tests) includes this.
 */
#ifndef KS_PLAT_INT_H
#define KS_PLAT_INT_H

#include "platform/platform.h"

#include <pthread.h>
#include <sys/stat.h>

/* Caps shared by the back-ends. */
#define PLAT_MAX_LINKS		40	/* the kernel's MAXSYMLINKS */
#define PLAT_MAX_DIRENTS	(4u << 20)	/* names in one directory */

/* ---- file-system back-ends ---------------------------------------------- */
/*
 * One table per implementation ("host", "root", "mem"), static const with
 * designated initializers. The core (target.c) allocates `state_size` zeroed
 * bytes, calls open, and frees the state after close. Paths handed to the
 * operations are already checked: absolute, shorter than PATH_MAX. Errors
 * are set where found (message names the path as seen in the target). An
 * optional operation is NULL; its wrapper returns KS_EUNSUPPORTED.
 */
struct plat_fs_ops {
	const char	*name;
	size_t		 state_size;
	enum plat_target_kind kind;
	/* arg: the root directory (root), unused (mem) */
	int	(*open)(void *st, const char *arg);
	void	(*close)(void *st);
	int	(*stat)(void *st, const char *path, struct plat_stat *out);
	int	(*lstat)(void *st, const char *path, struct plat_stat *out);
	int	(*readlink)(void *st, const char *path, char **out);
	int	(*realpath)(void *st, const char *path, char **out);
	/* Fills *f (fd or memory) for a regular file; refuses other types. */
	int	(*open_file)(void *st, const char *path,
		    struct plat_file *f);
	int	(*list)(void *st, const char *dir, plat_dirent_cb cb,
		    void *payload);
	/* NULL: plat_fs_list_stat lists, then lstats each entry. When set,
	 * it must be safe to call from another thread than the other ops. */
	int	(*list_stat)(void *st, const char *dir,
		    plat_dirent_stat_cb cb, void *payload);
	/* Extended attributes kept in memory (image, mem), with the
	 * semantics of plat_fs_listxattr / plat_fs_getxattr. NULL: read from
	 * the disk through /proc/self/fd (root, host) or refused. */
	int	(*listxattr)(void *st, const char *path,
		    int (*cb)(const char *name, void *payload), void *payload);
	int	(*getxattr)(void *st, const char *path, const char *name,
		    char **val, size_t *len);
	/* In-memory fixtures only (NULL elsewhere). */
	int	(*add_file)(void *st, const char *path, const void *data,
		    size_t len, mode_t mode);
	int	(*add_dir)(void *st, const char *path, mode_t mode);
	int	(*add_symlink)(void *st, const char *path, const char *dest);
};

extern const struct plat_fs_ops plat_fs_host_ops;
extern const struct plat_fs_ops plat_fs_root_ops;
extern const struct plat_fs_ops plat_fs_mem_ops;

/* An open regular file: a read-only descriptor, or borrowed memory (mem
 * target; valid as long as the target). `path` is for messages. */
struct plat_file {
	int		 fd;		/* -1 for memory */
	const char	*mem;
	size_t		 memlen;
	size_t		 pos;
	char		*path;
};

struct plat_target {
	enum plat_target_kind	 kind;
	const struct plat_fs_ops *fs;
	void			*fs_state;
	char			*name;
};

/* State of a directory-root (or host) target. */
struct plat_fsroot {
	int	 rootfd;	/* O_PATH|O_DIRECTORY of the root */
	bool	 openat2;	/* false: the component walker only */
	bool	 noproc;	/* tests: never reopen via /proc/self/fd */
	/* lstat's last directory (a walk stats a directory's entries one
	 * after another): its path as asked and an O_PATH descriptor
	 * resolved inside the root; NULL: none. Under lock. */
	char		*lastdir;
	int		 lastfd;
	pthread_mutex_t	 lock;
};

/*
 * The directory-root implementation, shared by the host back-end (which is
 * the same code with root "/"). Declared here only so fs_host.c can build
 * its own table from them.
 */
int plat_fsroot_open(void *st, const char *dir);
void plat_fsroot_close(void *st);
int plat_fsroot_stat(void *st, const char *path, struct plat_stat *out);
int plat_fsroot_lstat(void *st, const char *path, struct plat_stat *out);
int plat_fsroot_readlink(void *st, const char *path, char **out);
int plat_fsroot_realpath(void *st, const char *path, char **out);
int plat_fsroot_open_file(void *st, const char *path, struct plat_file *f);
int plat_fsroot_list(void *st, const char *dir, plat_dirent_cb cb,
    void *payload);
int plat_fsroot_list_stat(void *st, const char *dir, plat_dirent_stat_cb cb,
    void *payload);
/*
 * Tests only: when on, root/host targets created afterwards never use
 * openat2(2) nor /proc/self/fd: every path is resolved with the component
 * walker and files are reopened by their canonical path (the code path of
 * old kernels without procfs). Process-wide, not thread-safe.
 */
void plat_fsroot_force_walk(bool on);

/*
 * fs_xattr.c: the extended attributes of one file held in memory (image and
 * in-memory targets). Zeroed: no attributes. set copies the value,
 * replacing one of the same name; KS_EPARSE (empty name, longer than 255
 * bytes) or KS_ELIMIT (a value over 64 KiB, names over 64 KiB, over 1024
 * attributes), message naming `path`. list calls cb in the order set
 * (stops on non-zero and returns it; x may be NULL). get: as
 * plat_fs_getxattr (KS_ENOTFOUND when absent; x may be NULL).
 */
struct plat_xattrs {
	char	*data;		/* packed records, see fs_xattr.c */
	size_t	 len;
};
int plat_xattrs_set(struct plat_xattrs *x, const char *path,
    const char *name, const void *val, size_t len);
int plat_xattrs_list(const struct plat_xattrs *x,
    int (*cb)(const char *name, void *payload), void *payload);
int plat_xattrs_get(const struct plat_xattrs *x, const char *path,
    const char *name, char **val, size_t *len);
void plat_xattrs_free(struct plat_xattrs *x);

/* ---- shared helpers (target.c) ---------------------------------------- */
/* Maps errno `err` to a KS_* code and sets "PATH: what: strerror". */
int plat_errno_rc(int err, const char *path, const char *what);
/* Converts a struct stat. */
void plat_stat_from_sys(const struct stat *sb, struct plat_stat *out);
enum plat_ftype plat_ftype_from_mode(mode_t m);

/*
 * The one path-resolution algorithm of every back-end: component by
 * component from the target's root, "." skipped, ".." never above the root,
 * absolute link text restarting at the root, at most PLAT_MAX_LINKS links
 * (more: ELOOP). A handle is back-end defined (a descriptor, a node). The
 * callbacks return 0 or an errno value.
 */
struct plat_walk_ops {
	void	*root;		/* the root handle, not released */
	/* Looks `name` up in directory `dir`; sets *out and *is_link. */
	int	(*child)(void *ctx, void *dir, const char *name, void **out,
		    bool *is_link);
	/* The parent of the directory whose canonical path is `canon`
	 * (never the root itself). */
	int	(*parent)(void *ctx, void *h, const char *canon, void **out);
	int	(*readlink)(void *ctx, void *h, char **text);
	bool	(*is_dir)(void *ctx, void *h);
	void	(*release)(void *ctx, void *h);
};
/*
 * Resolves `path`. follow_last: a link as the last component is followed.
 * On success *out is the handle (possibly ops->root: release it with
 * plat_walk_release) and, if canon != NULL, *canon the canonical path
 * (caller frees). Errors: KS_* with the message naming `path`.
 */
int plat_walk(const struct plat_walk_ops *ops, void *ctx, const char *path,
    bool follow_last, void **out, char **canon);
void plat_walk_release(const struct plat_walk_ops *ops, void *ctx, void *h);

/* ---- package-database back-ends ----------------------------------------- */
struct plat_pkgdb_ops {
	const char	*name;		/* "dpkg" */
	size_t		 state_size;	/* the core allocates/frees */
	/* Reads only through t's fs. */
	int	(*open)(void *st, struct plat_target *t);
	void	(*close)(void *st);
	int	(*lookup)(void *st, const char *name, plat_pkg_cb cb,
		    void *payload);
	int	(*foreach)(void *st, plat_pkg_cb cb, void *payload);
	size_t	(*count)(const void *st);
};

/*
 * fs_root.c: an O_PATH descriptor of the directory whose canonical path is
 * `canon`, re-walked from the root with O_NOFOLLOW on every component (a
 * directory replaced by a link since fails instead of leaving the root).
 * Returns 0 or an errno value; the caller closes *out.
 */
struct plat_fsroot;
int plat_fsroot_canon_walk(struct plat_fsroot *st, const char *canon,
    int *out);

extern const struct plat_pkgdb_ops plat_pkgdb_dpkg_ops;
extern const struct plat_pkgdb_ops plat_pkgdb_rpm_ops;	/* pkgdb_rpm.c */

struct plat_pkgdb {
	const struct plat_pkgdb_ops *ops;
	void	*state;
};

#endif /* KS_PLAT_INT_H */
