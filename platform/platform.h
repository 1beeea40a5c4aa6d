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
/* Sets extended attribute `name` of `path` itself (platform/fs_mem.c). */
int plat_target_mem_set_xattr(struct plat_target *t, const char *path,
    const char *name, const void *val, size_t len);

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
/*
 * plat_fs_list with each entry's lstat: st_rc is 0 with *st filled, or the
 * negative code of a failed lstat (KS_ENOTFOUND: gone since the listing;
 * no message is kept). Root and host targets stat through the listing's
 * own descriptor: one path resolution per directory, not one per entry.
 */
typedef int (*plat_dirent_stat_cb)(const char *name, enum plat_ftype type,
    int st_rc, const struct plat_stat *st, void *payload);
int plat_fs_list_stat(struct plat_target *t, const char *dir,
    plat_dirent_stat_cb cb, void *payload);
/*
 * Whether plat_fs_list_stat may run in another thread while this thread
 * uses the target (root and host targets; not images or in-memory
 * fixtures, whose state is not locked).
 */
bool plat_fs_list_concurrent(const struct plat_target *t);

/* ---- file attributes (platform/fs_xattr.c) ------------------------------ */
/*
 * Extended attributes of `path` itself (a final link is not followed; the
 * rest of the path is resolved inside the target). Directory roots and the
 * host read the disk; images answer from the attributes their archive
 * records, in-memory targets from those their fixture set; a root read
 * without /proc (the tests' component walker) gives KS_EUNSUPPORTED.
 * listxattr calls cb for each attribute name ("user.x", "security.selinux",
 * "system.posix_acl_access"...); a file system without xattr support has
 * none. Stops when cb returns non-zero and returns that value.
 * getxattr: *val (NUL-terminated, not counted in *len; caller frees) is
 * the raw value; KS_ENOTFOUND when the file has no such attribute.
 * Values and name lists are capped at 64 KiB (KS_ELIMIT).
 */
int plat_fs_listxattr(struct plat_target *t, const char *path,
    int (*cb)(const char *name, void *payload), void *payload);
int plat_fs_getxattr(struct plat_target *t, const char *path,
    const char *name, char **val, size_t *len);

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
	/* rpm only (NULL / 0 elsewhere); see the "rpm" section below. For
	 * rpm, epoch is NULL when the header has none and evr is
	 * "EPOCH:VERSION-RELEASE" with epoch "0" then. */
	const char	*signature_keyid;	/* 16 lowercase hex, NULL:
						 * unsigned */
	const char	*extended_name;	/* "NAME-EPOCH:VERSION-RELEASE.ARCH" */
	const struct plat_pkg_file *files;	/* recorded file list */
	size_t		 nfiles;
	int		 deps_ok;	/* 1 every Requires is provided by an
					 * installed package, 0 not, -1 not
					 * checked */
};
typedef int (*plat_pkg_cb)(const struct plat_pkg *pkg, void *payload);

/* ---- rpm (platform/pkgdb_rpm.c) ------------------------------------------ */
/*
 * A file as the rpm database records it for one package (what rpm -V
 * compares with the disk). Strings are borrowed like plat_pkg's.
 */
#define PLAT_PKGF_CONFIG	0x01u	/* %config */
#define PLAT_PKGF_DOC		0x02u	/* %doc */
#define PLAT_PKGF_GHOST		0x04u	/* %ghost: not in the payload */
#define PLAT_PKGF_LICENSE	0x08u	/* %license */
#define PLAT_PKGF_README	0x10u	/* %readme */
#define PLAT_PKGF_MISSINGOK	0x20u	/* %config(missingok) */
#define PLAT_PKGF_NOTINSTALLED	0x40u	/* state: not installed (--excludedocs,
					 * another color, netshared) */
/* Which attributes the package asks rpm to verify (%verify). */
#define PLAT_PKGV_DIGEST	0x01u
#define PLAT_PKGV_SIZE		0x02u
#define PLAT_PKGV_LINKTO	0x04u
#define PLAT_PKGV_USER		0x08u
#define PLAT_PKGV_GROUP		0x10u
#define PLAT_PKGV_MTIME		0x20u
#define PLAT_PKGV_MODE		0x40u
#define PLAT_PKGV_RDEV		0x80u
#define PLAT_PKGV_CAPS		0x100u
struct plat_pkg_file {
	const char	*path;		/* absolute, in the target */
	const char	*digest;	/* lowercase hex; NULL: none recorded */
	int		 digest_algo;	/* OpenPGP hash id: 1 md5, 2 sha1,
					 * 8 sha256, 10 sha512 ... */
	const char	*linkto;	/* symlink text, NULL when not a link */
	const char	*user, *group;	/* owner names */
	const char	*caps;		/* file capabilities text, or NULL */
	uint64_t	 size;
	int64_t		 mtime;
	uint64_t	 rdev;
	mode_t		 mode;		/* st_mode with the type bits */
	unsigned	 flags;		/* PLAT_PKGF_* */
	unsigned	 verify;	/* PLAT_PKGV_*: attributes to check */
};

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
/*
 * rpm only (pkgdb_rpm.c): rpm -V's dependency check of `p`, a package of
 * db, against the target's database; done on first need, once per package
 * (p->deps_ok holds the answer afterwards). Returns 1 (satisfied), 0 (not:
 * *why, when why is not NULL, is rpm's text for what is unsatisfied,
 * borrowed like p's strings), KS_EUNSUPPORTED (not an rpm database) or
 * KS_ERROR (librpm could not check; message set).
 */
int plat_pkgdb_rpm_deps(struct plat_pkgdb *db, const struct plat_pkg *p,
    const char **why);

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
 * os-release(5) of the target (/etc/os-release, else /usr/lib/os-release,
 * read through t): NAME, ID and VERSION_ID, each NULL when absent, empty
 * or longer than 256 bytes; shell quoting undone, the last assignment of a
 * key wins. 0, KS_ENOTFOUND when neither file exists, or the read error.
 * The caller clears *o (also after an error).
 */
struct plat_os_release {
	char	*name;
	char	*id;
	char	*version_id;
};
int plat_os_release(struct plat_target *t, struct plat_os_release *o);
void plat_os_release_clear(struct plat_os_release *o);

/*
 * Environment variables of the scanning process (live host only;
 * KS_EUNSUPPORTED otherwise): calls cb(name, value) for each.
 */
int plat_environ_foreach(struct plat_target *t,
    int (*cb)(const char *name, const char *value, void *payload),
    void *payload);


/* ---- live system facts (platform/sys_*.c) ------------------------- */
/*
 * Facts of the running kernel, for the host target only: every function
 * here returns KS_EUNSUPPORTED (message set) on any other target. Strings
 * in the structures passed to callbacks are borrowed for the duration of
 * the call. A callback's non-zero return stops the walk and is returned.
 */

/* A mounted file system (/proc/self/mountinfo, statvfs(3)). */
struct plat_mount {
	const char	*mount_point;
	const char	*device;	/* mount source: /dev/sda1, tmpfs */
	const char	*fs_type;
	const char	*options;	/* mount, then super block options,
					 * comma-separated */
	const char	*uuid;		/* /dev/disk/by-uuid name, or NULL */
	bool		 has_space;	/* statvfs succeeded */
	uint64_t	 block_size;	/* f_frsize */
	uint64_t	 blocks, bfree, bavail;	/* in block_size units */
};
typedef int (*plat_mount_cb)(const struct plat_mount *m, void *payload);
int plat_mounts_foreach(struct plat_target *t, plat_mount_cb cb,
    void *payload);

/* A process (/proc/<pid>/{stat,status,cmdline,loginuid,sessionid}). Numbers
 * that could not be read are -1 (and strings NULL). */
struct plat_proc {
	int64_t		 pid, ppid, ruid, euid, loginuid, session_id;
	int64_t		 priority;	/* stat field 18 */
	int		 policy;	/* SCHED_* from stat field 41 */
	const char	*comm;
	const char	*cmdline;	/* arguments joined by spaces; NULL
					 * for kernel threads (none) */
	const char	*tty;		/* "pts/0", "tty1"; NULL: none */
	uint64_t	 cpu_ticks;	/* utime + stime */
	uint64_t	 start_ticks;	/* since boot */
	int64_t		 boot_time;	/* /proc/stat btime */
	long		 hz;		/* sysconf(_SC_CLK_TCK) */
	bool		 has_caps;
	uint64_t	 cap_eff;
	const char	*selinux_label;	/* attr/current (SELinux only) */
};
typedef int (*plat_proc_cb)(const struct plat_proc *p, void *payload);
/* Processes that vanish during the walk are skipped. */
int plat_procs_foreach(struct plat_target *t, plat_proc_cb cb,
    void *payload);

/* One address of a network interface (getifaddrs(3)); an interface with no
 * IPv4/IPv6 address is reported once with addr NULL. */
struct plat_ifaddr {
	const char	*name;
	int		 arp_type;	/* ARPHRD_*, -1 unknown */
	const char	*hw_addr;	/* "00-11-22-33-44-55", or NULL */
	const char	*addr;		/* IPv4, IPv6 "addr/prefix" */
	const char	*broadcast;	/* IPv4 only, or NULL */
	const char	*netmask;	/* IPv4 only, or NULL */
	unsigned int	 flags;		/* IFF_* */
};
typedef int (*plat_ifaddr_cb)(const struct plat_ifaddr *a, void *payload);
int plat_ifaddrs_foreach(struct plat_target *t, plat_ifaddr_cb cb,
    void *payload);

/* A listening (tcp) or bound (udp) socket of /proc/net/{tcp,udp}{,6}, with
 * the process holding it when /proc/<pid>/fd shows it (pid -1 else). */
struct plat_listen {
	const char	*protocol;	/* "tcp", "udp", "tcp6", "udp6" */
	const char	*local_addr, *foreign_addr;
	int		 local_port, foreign_port;
	int64_t		 uid;
	int64_t		 pid;
	const char	*program;	/* comm of pid, or NULL */
};
typedef int (*plat_listen_cb)(const struct plat_listen *l, void *payload);
int plat_listen_foreach(struct plat_target *t, plat_listen_cb cb,
    void *payload);

/* SELinux (sys_selinux.c): libselinux on the live host; on other targets
 * what their files hold. plat_selinux_enabled (live host only) returns 1
 * when SELinux is enabled on the running kernel, 0 when not. */
int plat_selinux_enabled(struct plat_target *t);
/* The SELINUX= and SELINUXTYPE= values of the target's
 * /etc/selinux/config (NULL when unset; the caller frees both): 0,
 * KS_ENOTFOUND without the file, or the read error. */
int plat_selinux_config(struct plat_target *t, char **mode, char **type);
struct plat_sebool {
	const char	*name;
	int		 active, pending;	/* 0/1, -1 unknown */
};
typedef int (*plat_sebool_cb)(const struct plat_sebool *b, void *payload);
/* Live: the kernel's booleans. Offline: those of the target's binary policy
 * (/etc/selinux/SELINUXTYPE/policy/policy.N, highest N), active and
 * pending both its value; KS_ENOTFOUND without one, KS_EPARSE when
 * libsepol cannot read it. */
int plat_selinux_booleans_foreach(struct plat_target *t, plat_sebool_cb cb,
    void *payload);
/* The raw and translated security contexts of a file (not following a
 * final link) or a process; the caller frees both. A file without a
 * context (no security.selinux attribute) gives 0 and both NULL; offline
 * both are the raw context (no translation). KS_ENOTFOUND when the file or
 * process does not exist; processes are live host only. */
int plat_selinux_file_context(struct plat_target *t, const char *path,
    char **raw, char **trans);
int plat_selinux_pid_context(struct plat_target *t, long pid, char **raw,
    char **trans);


/* ---- the systemd manager (platform/sys_systemd.c) ----------------------- */
/*
 * systemd's manager (org.freedesktop.systemd1 on the system bus, which
 * DBUS_SYSTEM_BUS_ADDRESS may name), through sd-bus from libsystemd opened
 * on first use. Live host only. Every call waits at most
 * PLAT_SYSTEMD_TIMEOUT_MS; after a broken connection or a timeout every
 * later call fails at once. Nothing here changes the manager's state
 * beyond LoadUnit (which loads a unit file into memory, as `systemctl
 * show` does).
 *
 * Property values are strings, one per element of a D-Bus array (an empty
 * array has none); everything else is one value: strings, object paths
 * and signatures as they are; booleans "true"/"false"; integers in
 * decimal (bytes too); doubles as "%g"; and, inside an array element,
 * structs as "(a, b)", arrays as "[a, b]", dict entries as "key=value"
 * and variants as what they hold (strings unquoted). More than
 * PLAT_SYSTEMD_MAX_VALUES elements, or a value longer than
 * PLAT_SYSTEMD_VALUE_MAX, sets `truncated` (the rest is dropped).
 */
#define PLAT_SYSTEMD_TIMEOUT_MS	5000u
#define PLAT_SYSTEMD_MAX_UNITS	20000u	/* unit names listed */
#define PLAT_SYSTEMD_MAX_PROPS	4096u	/* properties of one unit */
#define PLAT_SYSTEMD_MAX_VALUES	4096u	/* values of one property */
#define PLAT_SYSTEMD_VALUE_MAX	(64u << 10)	/* bytes in a value */

struct plat_systemd;
/*
 * Connects to the system bus and checks that org.freedesktop.systemd1 has
 * an owner. Returns 0 and a handle the caller frees with
 * plat_systemd_free, or KS_EUNSUPPORTED with the reason in the message:
 * not the live host, libsystemd missing, no system bus, systemd not on it.
 */
int plat_systemd_open(struct plat_target *t, struct plat_systemd **out);
void plat_systemd_free(struct plat_systemd *sd);
/*
 * Calls cb once for each unit name the manager knows: loaded units
 * (ListUnits) and installed unit files (ListUnitFiles), unsorted. At most
 * PLAT_SYSTEMD_MAX_UNITS names (then KS_ELIMIT after the calls). Returns
 * 0, cb's non-zero value, or a negative code (message set).
 */
int plat_systemd_units_foreach(struct plat_systemd *sd,
    int (*cb)(const char *name, void *payload), void *payload);
/* One property; every pointer is borrowed for the callback. */
struct plat_systemd_prop {
	const char		*name;		/* "ActiveState" */
	const char		*iface;		/* "Unit", "Service" */
	const char *const	*values;
	size_t			 nvalues;
	bool			 truncated;	/* values dropped */
};
/*
 * Every property of unit `name` (org.freedesktop.DBus.Properties.GetAll on
 * its object from GetUnit, or LoadUnit when it is not loaded): the Unit
 * interface, then the one of its type (Service, Socket, Timer...). cb is
 * called only after both replies arrived, so a failure calls it never.
 * Returns 0, cb's non-zero value, KS_ENOTFOUND when the manager has no
 * such unit or the name is not a unit name, or KS_ERROR with the D-Bus
 * error in the message.
 */
int plat_systemd_unit_props(struct plat_systemd *sd, const char *name,
    int (*cb)(const struct plat_systemd_prop *p, void *payload),
    void *payload);

#endif /* KS_PLATFORM_H */
