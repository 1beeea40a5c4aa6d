/*
 * The rpm package-database back-end: copies the target's rpm database
 * (read through the target's fs, so host, directory roots and images work
 * alike) into a private temporary directory, reads every header once with
 * librpm, indexes what OVAL needs (name, epoch, version, release, arch,
 * signing key id, recorded file list) and frees librpm's state. The copy
 * stays until the database is closed: a dependency check (rpm -V's, asked
 * for by rpmverifypackage) opens it again, once, on first need. It does not
 * compare versions (oval/'s evr code does), never opens the host's rpm
 * database for another target, and never runs rpm.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmfiles.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmpgp.h>
#include <rpm/rpmprob.h>
#include <rpm/rpmps.h>
#include <rpm/rpmtag.h>
#include <rpm/rpmtd.h>
#include <rpm/rpmte.h>
#include <rpm/rpmts.h>

/* Where distributions keep the database, newest layout first. */
static const char *const rpm_db_dirs[] = {
	"/usr/lib/sysimage/rpm",
	"/var/lib/rpm",
};
#define RPM_MAX_DBFILE	((uint64_t)4 << 30)	/* one database file */
#define RPM_MAX_DBFILES	64			/* files in the db dir */
#define RPM_MAX_FILES	(50u << 20)		/* recorded files in all */
#define RPM_MAX_WHY	512			/* unmet deps text */

struct tmpdb;
struct rpm_db {
	struct ks_strpool	*pool;
	struct plat_pkg		*pkgs;
	size_t			 n, cap;
	struct plat_pkg_file	*files;
	size_t			 nfiles, fcap;
	size_t			*first;	/* per package: index in files */
	size_t			 firstcap;
	unsigned		*inst;	/* per package: header instance */
	size_t			 instcap;
	/* Dependency checks, on first need: the copy of the database, one
	 * transaction set on it (or why there is none), and per package
	 * rpm's words for what is unsatisfied. */
	struct tmpdb		*td;
	const char		*tname;
	rpmts			 dts;
	int			 dts_rc;	/* 0 untried, 1 open, < 0 */
	char			*dts_msg;
	const char		**why;
};

/* librpm is opened on first use (ks_dl_load): see base.h for why. The
 * slots have the types of the prototypes we compile against. */
#define RPM_FUNCS(X) \
	X(headerGet) \
	X(headerGetInstance) \
	X(pgpDigParamsFree) \
	X(pgpDigParamsSignID) \
	X(pgpPrtParams) \
	X(headerGetNumber) \
	X(headerGetString) \
	X(headerIsEntry) \
	X(rpmPopMacro) \
	X(rpmProblemString) \
	X(rpmPushMacro) \
	X(rpmReadConfigFiles) \
	X(rpmdbFreeIterator) \
	X(rpmdbNextIterator) \
	X(rpmfilesFC) \
	X(rpmfilesFCaps) \
	X(rpmfilesFDigest) \
	X(rpmfilesFFlags) \
	X(rpmfilesFGroup) \
	X(rpmfilesFLink) \
	X(rpmfilesFMode) \
	X(rpmfilesFMtime) \
	X(rpmfilesFN) \
	X(rpmfilesFRdev) \
	X(rpmfilesFSize) \
	X(rpmfilesFState) \
	X(rpmfilesFUser) \
	X(rpmfilesFree) \
	X(rpmfilesNew) \
	X(rpmfilesVFlags) \
	X(rpmpsFree) \
	X(rpmpsFreeIterator) \
	X(rpmpsInitIterator) \
	X(rpmpsNumProblems) \
	X(rpmpsiNext) \
	X(rpmteProblems) \
	X(rpmlogRecMessage) \
	X(rpmlogRecPriority) \
	X(rpmlogSetCallback) \
	X(rpmtdFree) \
	X(rpmtdFreeData) \
	X(rpmtdNew) \
	X(rpmtsAddInstallElement) \
	X(rpmtsCheck) \
	X(rpmtsCloseDB) \
	X(rpmtsCreate) \
	X(rpmtsElement) \
	X(rpmtsEmpty) \
	X(rpmtsFree) \
	X(rpmtsInitIterator) \
	X(rpmtsOpenDB) \
	X(rpmtsSetRootDir) \
	X(rpmtsSetVSFlags) \

#define RPM_SYM(f) KS_DL_SYM(R, f)
_Static_assert(sizeof(KS_SONAME_RPM) > 1, "the Makefile found no librpm");
static struct { RPM_FUNCS(KS_DL_SLOT) } R;
static const struct ks_dl_sym rpm_syms[] = { RPM_FUNCS(RPM_SYM) };
static struct ks_dl_lib rpm_lib =
    KS_DL_LIB(KS_SONAME_RPM, "reading rpm databases", rpm_syms);

/* librpm keeps its configuration, macros and log in process globals: every
 * use is serialized here. */
static pthread_mutex_t rpm_lock = PTHREAD_MUTEX_INITIALIZER;
static bool rpm_configured;
static char rpm_logmsg[512];

static int
rpm_log_cb(rpmlogRec rec, rpmlogCallbackData data)
{
	const char *m = R.rpmlogRecMessage(rec);
	size_t n;

	(void)data;
	if (m == NULL || R.rpmlogRecPriority(rec) > RPMLOG_ERR)
		return 0;
	n = strlen(m);
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == '\r'))
		n--;
	if (n >= sizeof(rpm_logmsg))
		n = sizeof(rpm_logmsg) - 1;
	memcpy(rpm_logmsg, m, n);
	rpm_logmsg[n] = '\0';
	return 0;	/* never printed: errors reach the caller instead */
}

static const char *
intern(struct rpm_db *db, const char *s)
{
	if (s == NULL)
		return NULL;
	return ks_strpool_intern(db->pool, s, strlen(s));
}

/* ---- copying the database out of the target ------------------------------ */

struct dbfiles {
	char	*names[RPM_MAX_DBFILES];
	size_t	 n;
	bool	 overflow;
};

static int
list_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct dbfiles *df = payload;

	/* Berkeley DB environment files and locks are per host and useless
	 * to a read-only copy. */
	if (type != PLAT_FT_REG && type != PLAT_FT_LNK)
		return 0;
	if (strncmp(name, "__db.", 5) == 0 || name[0] == '.' ||
	    strcmp(name, "rpmdb.sqlite-shm") == 0)
		return 0;
	if (df->n == RPM_MAX_DBFILES) {
		df->overflow = true;
		return 0;
	}
	df->names[df->n++] = ks_strdup(name);
	return 0;
}

static bool
has_name(const struct dbfiles *df, const char *name)
{
	for (size_t i = 0; i < df->n; i++)
		if (strcmp(df->names[i], name) == 0)
			return true;
	return false;
}

/* Copies target file `src` to host file `dst` (created 0600, exclusive). */
static int
copy_file(struct plat_target *t, const char *src, const char *dst)
{
	struct plat_file *f = NULL;
	char buf[65536];
	uint64_t total = 0;
	ssize_t r;
	int fd = -1, rc = KS_ERROR;

	if ((rc = plat_fs_open(t, src, &f)) != 0)
		return rc;
	rc = KS_ERROR;
	fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = plat_errno_rc(errno, dst, "create");
		goto out;
	}
	while ((r = plat_file_read(f, buf, sizeof(buf))) > 0) {
		const char *p = buf;
		size_t left = (size_t)r;

		total += (uint64_t)r;
		if (total > RPM_MAX_DBFILE) {
			ks_error_set("%s: rpm database file larger than "
			    "%llu bytes", src,
			    (unsigned long long)RPM_MAX_DBFILE);
			rc = KS_ELIMIT;
			goto out;
		}
		while (left > 0) {
			ssize_t w = write(fd, p, left);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = plat_errno_rc(errno, dst, "write");
				goto out;
			}
			p += w;
			left -= (size_t)w;
		}
	}
	if (r < 0) {
		rc = (int)r;
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = plat_errno_rc(errno, dst, "close");
	plat_file_close(f);
	return rc;
}

/* The temporary layout: TMP/root is librpm's (empty) root directory and
 * TMP/root/db the copied database, so rootdir + _dbpath stays inside TMP. */
struct tmpdb {
	char	 dir[64];
	char	*root, *db;
	struct dbfiles files;
	const char *backend;
};

static void
tmpdb_remove(struct tmpdb *td)
{
	if (td->dir[0] == '\0')
		return;
	for (size_t i = 0; i < td->files.n; i++) {
		char *p = ks_asprintf("%s/%s", td->db, td->files.names[i]);

		(void)unlink(p);
		free(p);
	}
	/* librpm may leave its own files (sqlite's -shm, a lock). */
	{
		static const char *const extra[] = {
			"rpmdb.sqlite-shm", "rpmdb.sqlite-wal",
			"rpmdb.sqlite-journal", ".rpm.lock", ".dbenv.lock",
		};
		for (size_t i = 0; i < sizeof(extra) / sizeof(*extra); i++) {
			char *p = ks_asprintf("%s/%s", td->db, extra[i]);

			(void)unlink(p);
			free(p);
		}
	}
	(void)rmdir(td->db);
	(void)rmdir(td->root);
	(void)rmdir(td->dir);
	for (size_t i = 0; i < td->files.n; i++)
		free(td->files.names[i]);
	free(td->root);
	free(td->db);
	memset(td, 0, sizeof(*td));
}

/*
 * librpm's sqlite back-end leaks its handle when the file is not a database
 * at all, so that case is refused here by the file's magic ("SQLite format
 * 3\0", the first 16 bytes of every SQLite 3 database).
 */
static int
check_sqlite(const struct tmpdb *td, const char *tname, const char *src)
{
	static const char magic[16] = "SQLite format 3";
	char head[16], *p;
	ssize_t r = -1;
	int fd;

	if (strcmp(td->backend, "sqlite") != 0)
		return 0;
	p = ks_asprintf("%s/rpmdb.sqlite", td->db);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	free(p);
	if (fd >= 0) {
		r = read(fd, head, sizeof(head));
		close(fd);
	}
	if (r != (ssize_t)sizeof(head) || memcmp(head, magic, 16) != 0) {
		ks_error_set("%s: %s/rpmdb.sqlite: not an SQLite rpm database",
		    tname, src);
		return KS_EPARSE;
	}
	return 0;
}

/*
 * Finds the target's database and copies it. KS_ENOTFOUND when the target
 * has none; KS_EUNSUPPORTED for a format this librpm cannot read.
 */
static int
tmpdb_make(struct tmpdb *td, struct plat_target *t)
{
	const char *src = NULL;
	int rc = KS_ERROR;

	memset(td, 0, sizeof(*td));
	for (size_t i = 0; i < sizeof(rpm_db_dirs) / sizeof(*rpm_db_dirs);
	    i++) {
		struct dbfiles df;

		memset(&df, 0, sizeof(df));
		rc = plat_fs_list(t, rpm_db_dirs[i], list_cb, &df);
		if (rc == 0 && (has_name(&df, "rpmdb.sqlite") ||
		    has_name(&df, "Packages") ||
		    has_name(&df, "Packages.db"))) {
			src = rpm_db_dirs[i];
			td->files = df;
			break;
		}
		for (size_t k = 0; k < df.n; k++)
			free(df.names[k]);
		if (rc < 0 && rc != KS_ENOTFOUND)
			return rc;
	}
	if (src == NULL) {
		ks_error_set("%s: no rpm database in /usr/lib/sysimage/rpm or "
		    "/var/lib/rpm", plat_target_name(t));
		return KS_ENOTFOUND;
	}
	if (has_name(&td->files, "rpmdb.sqlite"))
		td->backend = "sqlite";
	else if (has_name(&td->files, "Packages"))
		td->backend = "bdb_ro";
	else {
		/* SUSE's ndb format: librpm here is built without it. */
		ks_error_set("%s: %s/Packages.db: the ndb rpm database format "
		    "is not supported", plat_target_name(t), src);
		rc = KS_EUNSUPPORTED;
		goto fail;
	}
	if (td->files.overflow) {
		ks_error_set("%s: %s: more than %d files", plat_target_name(t),
		    src, RPM_MAX_DBFILES);
		rc = KS_ELIMIT;
		goto fail;
	}
	snprintf(td->dir, sizeof(td->dir), "/tmp/kensa-rpmdb-XXXXXX");
	if (mkdtemp(td->dir) == NULL) {
		rc = plat_errno_rc(errno, "/tmp", "mkdtemp");
		td->dir[0] = '\0';
		goto fail;
	}
	td->root = ks_asprintf("%s/root", td->dir);
	td->db = ks_asprintf("%s/db", td->root);
	if (mkdir(td->root, 0700) != 0 || mkdir(td->db, 0700) != 0) {
		rc = plat_errno_rc(errno, td->db, "mkdir");
		goto fail;
	}
	for (size_t i = 0; i < td->files.n; i++) {
		char *from = ks_asprintf("%s/%s", src, td->files.names[i]);
		char *to = ks_asprintf("%s/%s", td->db, td->files.names[i]);

		rc = copy_file(t, from, to);
		free(from);
		free(to);
		if (rc != 0)
			goto fail;
	}
	if ((rc = check_sqlite(td, plat_target_name(t), src)) != 0)
		goto fail;
	return 0;
fail:
	if (td->dir[0] == '\0')
		for (size_t k = 0; k < td->files.n; k++)
			free(td->files.names[k]);
	tmpdb_remove(td);
	return rc;
}

/* ---- reading the headers ------------------------------------------------ */

/* The key id of the first OpenPGP signature of h: the header-only RSA or
 * DSA signature, else the header+payload ones; NULL when unsigned. */
static const char *
sig_keyid(struct rpm_db *db, Header h)
{
	static const rpmTagVal tags[] = {
		RPMTAG_RSAHEADER, RPMTAG_DSAHEADER, RPMTAG_SIGGPG,
		RPMTAG_SIGPGP,
	};
	const char *out = NULL;

	for (size_t i = 0; i < sizeof(tags) / sizeof(*tags) && out == NULL;
	    i++) {
		rpmtd td = R.rpmtdNew();
		pgpDigParams dig = NULL;

		if (R.headerGet(h, tags[i], td, HEADERGET_MINMEM) &&
		    td->type == RPM_BIN_TYPE && td->data != NULL &&
		    R.pgpPrtParams(td->data, td->count, PGPTAG_SIGNATURE,
		    &dig) == 0 && dig != NULL) {
			const uint8_t *id = R.pgpDigParamsSignID(dig);
			char hex[17];

			if (id != NULL) {
				for (int k = 0; k < 8; k++)
					snprintf(hex + 2 * k, 3, "%02x", id[k]);
				out = intern(db, hex);
			}
		}
		R.pgpDigParamsFree(dig);
		R.rpmtdFreeData(td);
		R.rpmtdFree(td);
	}
	return out;
}

static int
add_files(struct rpm_db *db, Header h, const char *pkgname)
{
	rpmfiles fi = R.rpmfilesNew(NULL, h, RPMTAG_BASENAMES,
	    RPMFI_FLAGS_VERIFY);
	int n;

	if (fi == NULL)
		return 0;	/* no files */
	n = R.rpmfilesFC(fi);
	if (db->nfiles + (size_t)n > RPM_MAX_FILES) {
		R.rpmfilesFree(fi);
		ks_error_set("rpm database: more than %u recorded files "
		    "(at package %s)", RPM_MAX_FILES, pkgname);
		return KS_ELIMIT;
	}
	ks_grow(&db->files, &db->fcap, db->nfiles + (size_t)n,
	    sizeof(*db->files));
	for (int i = 0; i < n; i++) {
		struct plat_pkg_file *pf = &db->files[db->nfiles++];
		char *fn = R.rpmfilesFN(fi, i);
		const unsigned char *dg;
		rpmfileAttrs fl = R.rpmfilesFFlags(fi, i);
		rpmfileState fs = R.rpmfilesFState(fi, i);
		const char *link = R.rpmfilesFLink(fi, i);
		const char *caps = R.rpmfilesFCaps(fi, i);
		size_t dlen = 0;
		int algo = 0;

		memset(pf, 0, sizeof(*pf));
		pf->path = intern(db, fn != NULL ? fn : "");
		free(fn);
		dg = R.rpmfilesFDigest(fi, i, &algo, &dlen);
		if (dg != NULL && dlen > 0 && dlen <= 64) {
			char hex[129];
			bool zero = true;

			for (size_t k = 0; k < dlen; k++) {
				snprintf(hex + 2 * k, 3, "%02x", dg[k]);
				zero = zero && dg[k] == 0;
			}
			if (!zero) {
				pf->digest = intern(db, hex);
				pf->digest_algo = algo;
			}
		}
		pf->linkto = link != NULL && link[0] != '\0' ?
		    intern(db, link) : NULL;
		pf->user = intern(db, R.rpmfilesFUser(fi, i));
		pf->group = intern(db, R.rpmfilesFGroup(fi, i));
		pf->caps = caps != NULL && caps[0] != '\0' ?
		    intern(db, caps) : NULL;
		pf->size = (uint64_t)R.rpmfilesFSize(fi, i);
		pf->mtime = (int64_t)R.rpmfilesFMtime(fi, i);
		pf->rdev = (uint64_t)R.rpmfilesFRdev(fi, i);
		pf->mode = (mode_t)R.rpmfilesFMode(fi, i);
		pf->verify = (unsigned)R.rpmfilesVFlags(fi, i) & 0x1ffu;
		pf->flags = (fl & RPMFILE_CONFIG ? PLAT_PKGF_CONFIG : 0) |
		    (fl & RPMFILE_DOC ? PLAT_PKGF_DOC : 0) |
		    (fl & RPMFILE_GHOST ? PLAT_PKGF_GHOST : 0) |
		    (fl & RPMFILE_LICENSE ? PLAT_PKGF_LICENSE : 0) |
		    (fl & RPMFILE_README ? PLAT_PKGF_README : 0) |
		    (fl & RPMFILE_MISSINGOK ? PLAT_PKGF_MISSINGOK : 0) |
		    (fs != RPMFILE_STATE_MISSING && !RPMFILE_IS_INSTALLED(fs) ?
		    PLAT_PKGF_NOTINSTALLED : 0);
	}
	R.rpmfilesFree(fi);
	return 0;
}

static int
add_header(struct rpm_db *db, Header h)
{
	const char *name = R.headerGetString(h, RPMTAG_NAME);
	const char *ver = R.headerGetString(h, RPMTAG_VERSION);
	const char *rel = R.headerGetString(h, RPMTAG_RELEASE);
	const char *arch = R.headerGetString(h, RPMTAG_ARCH);
	struct plat_pkg *pk;
	char epoch[24], *s;

	if (name == NULL || ver == NULL || rel == NULL)
		return 0;	/* not a package header */
	ks_grow(&db->pkgs, &db->cap, db->n + 1, sizeof(*db->pkgs));
	ks_grow(&db->first, &db->firstcap, db->n + 1, sizeof(*db->first));
	ks_grow(&db->inst, &db->instcap, db->n + 1, sizeof(*db->inst));
	pk = &db->pkgs[db->n];
	memset(pk, 0, sizeof(*pk));
	db->first[db->n] = db->nfiles;
	db->inst[db->n] = R.headerGetInstance(h);
	db->n++;
	pk->name = intern(db, name);
	pk->version = intern(db, ver);
	pk->release = intern(db, rel);
	/*
	 * The gpg-pubkey pseudo-packages have no ARCH; the schema asks for
	 * "(none)" in their extended_name (linux-system-characteristics
	 * rpminfo_item extended_name).
	 */
	pk->arch = arch != NULL ? intern(db, arch) : NULL;
	if (R.headerIsEntry(h, RPMTAG_EPOCH)) {
		snprintf(epoch, sizeof(epoch), "%llu",
		    (unsigned long long)R.headerGetNumber(h, RPMTAG_EPOCH));
		pk->epoch = intern(db, epoch);
	} else
		snprintf(epoch, sizeof(epoch), "0");
	s = ks_asprintf("%s:%s-%s", epoch, ver, rel);
	pk->evr = intern(db, s);
	free(s);
	s = ks_asprintf("%s-%s", ver, rel);
	pk->full_version = intern(db, s);
	free(s);
	s = ks_asprintf("%s-%s:%s-%s.%s", name, epoch, ver, rel,
	    arch != NULL ? arch : "(none)");
	pk->extended_name = intern(db, s);
	free(s);
	pk->signature_keyid = sig_keyid(db, h);
	pk->deps_ok = -1;
	return add_files(db, h, name);
}

/*
 * Takes the librpm lock, routes its errors to rpm_logmsg and reads its
 * configuration once per process. rpm_leave undoes it (also after a
 * failure here, which sets the message).
 */
static int
rpm_enter(void)
{
	pthread_mutex_lock(&rpm_lock);
	rpm_logmsg[0] = '\0';
	R.rpmlogSetCallback(rpm_log_cb, NULL);
	if (!rpm_configured) {
		if (R.rpmReadConfigFiles(NULL, NULL) != 0) {
			ks_error_set("librpm: cannot read its "
			    "configuration%s%s", rpm_logmsg[0] ? ": " : "",
			    rpm_logmsg);
			return KS_ERROR;
		}
		rpm_configured = true;
	}
	return 0;
}

static void
rpm_leave(void)
{
	R.rpmlogSetCallback(NULL, NULL);
	pthread_mutex_unlock(&rpm_lock);
}

/*
 * A transaction set on the copy, read only: root td->root, database
 * ROOT/db in td->backend's format; headers are read as recorded, their
 * signatures are not checked (the keys are the target's, not ours).
 * Called with the lock held; the macros only matter while the database
 * is opened. The caller frees *out (rpmtsFree closes the database).
 */
static int
open_ts(const struct tmpdb *td, const char *tname, rpmts *out)
{
	rpmts ts;
	int rc = KS_ERROR;

	R.rpmPushMacro(NULL, "_dbpath", NULL, "/db", RMIL_CMDLINE);
	R.rpmPushMacro(NULL, "_db_backend", NULL, td->backend, RMIL_CMDLINE);
	ts = R.rpmtsCreate();
	if (R.rpmtsSetRootDir(ts, td->root) != 0) {
		ks_error_set("librpm: cannot use %s as root", td->root);
		goto out;
	}
	(void)R.rpmtsSetVSFlags(ts, _RPMVSF_NODIGESTS | _RPMVSF_NOSIGNATURES);
	if (R.rpmtsOpenDB(ts, O_RDONLY) != 0) {
		ks_error_set("%s: cannot open the rpm database (%s)%s%s",
		    tname, td->backend, rpm_logmsg[0] ? ": " : "", rpm_logmsg);
		goto out;
	}
	rc = 0;
out:
	R.rpmPopMacro(NULL, "_db_backend");
	R.rpmPopMacro(NULL, "_dbpath");
	if (rc != 0) {
		R.rpmtsFree(ts);
		ts = NULL;
	}
	*out = ts;
	return rc;
}

static int
read_headers(struct rpm_db *db, const struct tmpdb *td, const char *tname)
{
	rpmts ts = NULL;
	rpmdbMatchIterator mi = NULL;
	Header h;
	int rc;

	if ((rc = rpm_enter()) != 0 || (rc = open_ts(td, tname, &ts)) != 0)
		goto out;
	mi = R.rpmtsInitIterator(ts, RPMDBI_PACKAGES, NULL, 0);
	while (mi != NULL && (h = R.rpmdbNextIterator(mi)) != NULL)
		if ((rc = add_header(db, h)) != 0)
			goto out;
	rc = 0;
out:
	R.rpmdbFreeIterator(mi);
	if (ts != NULL) {
		R.rpmtsCloseDB(ts);
		R.rpmtsFree(ts);
	}
	rpm_leave();
	return rc;
}

/* ---- the index ---------------------------------------------------------- */

struct sortent {
	struct plat_pkg	 pkg;
	size_t		 first, nfiles, seq;
	unsigned	 inst;
};

static int
sortent_cmp(const void *a, const void *b)
{
	const struct sortent *x = a, *y = b;
	int c = strcmp(x->pkg.name, y->pkg.name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the packages by name (database order among equal names) and
 * points each at its files, now that the file array no longer moves. */
static void
finish_index(struct rpm_db *db)
{
	struct sortent *se = ks_calloc(db->n ? db->n : 1, sizeof(*se));

	for (size_t i = 0; i < db->n; i++) {
		se[i].pkg = db->pkgs[i];
		se[i].first = db->first[i];
		se[i].nfiles = (i + 1 < db->n ? db->first[i + 1] :
		    db->nfiles) - db->first[i];
		se[i].seq = i;
		se[i].inst = db->inst[i];
	}
	qsort(se, db->n, sizeof(*se), sortent_cmp);
	for (size_t i = 0; i < db->n; i++) {
		db->pkgs[i] = se[i].pkg;
		db->inst[i] = se[i].inst;
		db->pkgs[i].nfiles = se[i].nfiles;
		db->pkgs[i].files = se[i].nfiles > 0 ?
		    &db->files[se[i].first] : NULL;
	}
	free(se);
	free(db->first);
	db->first = NULL;
}

static void
rpm_close(void *st)
{
	struct rpm_db *db = st;

	if (db->dts != NULL) {
		pthread_mutex_lock(&rpm_lock);
		R.rpmtsFree(db->dts);
		pthread_mutex_unlock(&rpm_lock);
	}
	if (db->td != NULL) {
		tmpdb_remove(db->td);
		free(db->td);
	}
	ks_strpool_free(db->pool);
	free(db->pkgs);
	free(db->files);
	free(db->first);
	free(db->inst);
	free(db->why);
	free(db->dts_msg);
	memset(db, 0, sizeof(*db));
}

static int
rpm_open(void *st, struct plat_target *t)
{
	struct rpm_db *db = st;
	int rc;

	db->td = ks_calloc(1, sizeof(*db->td));
	if ((rc = tmpdb_make(db->td, t)) != 0) {
		free(db->td);
		db->td = NULL;
		return rc;
	}
	if ((rc = ks_dl_load(&rpm_lib)) != 0)
		goto out;
	if ((rc = ks_strpool_new(&db->pool)) != 0)
		goto out;
	db->tname = intern(db, plat_target_name(t));
	rc = read_headers(db, db->td, db->tname);
	if (rc == 0)
		finish_index(db);
out:
	if (rc != 0)
		rpm_close(db);
	return rc;
}

/* ---- dependency checks ------------------------------------------------- */

/*
 * rpm's words for the problems of `ps`, "; "-separated, capped at
 * RPM_MAX_WHY bytes (a package can miss hundreds of dependencies).
 */
static const char *
problems_text(struct rpm_db *db, rpmps ps)
{
	rpmpsi psi = R.rpmpsInitIterator(ps);
	rpmProblem pb;
	char buf[RPM_MAX_WHY];
	size_t len = 0;

	buf[0] = '\0';
	while ((pb = R.rpmpsiNext(psi)) != NULL) {
		char *m = R.rpmProblemString(pb);
		int k;

		if (m == NULL)
			continue;
		k = snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    len > 0 ? "; " : "", m);
		free(m);
		if (k < 0 || (size_t)k >= sizeof(buf) - len) {
			/* Cut: end with an ellipsis. */
			memcpy(buf + sizeof(buf) - 4, "...", 4);
			break;
		}
		len += (size_t)k;
	}
	R.rpmpsFreeIterator(psi);
	return intern(db, buf);
}

/*
 * rpm -V's dependency verification of package i: a transaction holding only
 * its installed header as an install element, checked against the
 * database; the package passes when that element has no problems (as for
 * rpm -V, an unmet Requires or a Conflicts with an installed package).
 * Called with the lock held and db->dts open. 1, 0, or KS_ERROR (message
 * set).
 */
static int
check_one(struct rpm_db *db, size_t i)
{
	const struct plat_pkg *p = &db->pkgs[i];
	unsigned inst = db->inst[i];
	rpmdbMatchIterator mi;
	Header h;
	rpmps ps;
	int n, rc = KS_ERROR;

	mi = R.rpmtsInitIterator(db->dts, RPMDBI_PACKAGES, &inst,
	    sizeof(inst));
	h = mi != NULL ? R.rpmdbNextIterator(mi) : NULL;
	if (h == NULL) {
		ks_error_set("%s: %s: header %u not found in the rpm database"
		    "%s%s", db->tname, p->extended_name, inst,
		    rpm_logmsg[0] ? ": " : "", rpm_logmsg);
		goto out;
	}
	if (R.rpmtsAddInstallElement(db->dts, h, NULL, 0, NULL) != 0 ||
	    R.rpmtsCheck(db->dts) != 0) {
		ks_error_set("%s: %s: librpm could not check the "
		    "dependencies%s%s", db->tname, p->extended_name,
		    rpm_logmsg[0] ? ": " : "", rpm_logmsg);
		goto out;
	}
	ps = R.rpmteProblems(R.rpmtsElement(db->dts, 0));
	n = R.rpmpsNumProblems(ps);
	if (n > 0)
		db->why[i] = problems_text(db, ps);
	R.rpmpsFree(ps);
	rc = n == 0;
out:
	R.rpmtsEmpty(db->dts);
	R.rpmdbFreeIterator(mi);
	return rc;
}

/* Package i's answer, checked on first need (lock held). The first check
 * opens the transaction set for the scan; when it cannot, every later
 * check gives the same reason. */
static int
check_cached(struct rpm_db *db, size_t i)
{
	int rc;

	if (db->pkgs[i].deps_ok >= 0)
		return db->pkgs[i].deps_ok;
	if (db->dts_rc == 0) {
		db->dts_rc = open_ts(db->td, db->tname, &db->dts);
		if (db->dts_rc == 0) {
			db->dts_rc = 1;
			db->why = ks_calloc(db->n, sizeof(*db->why));
		} else
			db->dts_msg = ks_strdup(ks_error_msg());
	}
	if (db->dts_rc < 0) {
		ks_error_set("%s", db->dts_msg);
		return db->dts_rc;
	}
	if ((rc = check_one(db, i)) >= 0)
		db->pkgs[i].deps_ok = rc;
	return rc;
}

int
plat_pkgdb_rpm_deps(struct plat_pkgdb *pdb, const struct plat_pkg *p,
    const char **why)
{
	struct rpm_db *db;
	uintptr_t a = (uintptr_t)p, lo, hi;
	size_t i;
	int rc;

	if (why != NULL)
		*why = NULL;
	if (pdb == NULL || pdb->ops != &plat_pkgdb_rpm_ops) {
		ks_error_set("dependency checks need an rpm database");
		return KS_EUNSUPPORTED;
	}
	db = pdb->state;
	lo = (uintptr_t)db->pkgs;
	hi = (uintptr_t)(db->pkgs + db->n);
	if (a < lo || a >= hi || (a - lo) % sizeof(*p) != 0) {
		ks_error_set("%s: the package is not one of this rpm database",
		    db->tname);
		return KS_ERROR;
	}
	i = (a - lo) / sizeof(*p);
	if ((rc = rpm_enter()) == 0)
		rc = check_cached(db, i);
	rpm_leave();
	if (rc >= 0 && why != NULL)
		*why = db->why[i];
	return rc;
}

/* The first package named `name`, or db->n. */
static size_t
lower_bound(const struct rpm_db *db, const char *name)
{
	size_t lo = 0, hi = db->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(db->pkgs[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
rpm_lookup(void *st, const char *name, plat_pkg_cb cb, void *payload)
{
	struct rpm_db *db = st;
	int r;

	for (size_t i = lower_bound(db, name);
	    i < db->n && strcmp(db->pkgs[i].name, name) == 0; i++)
		if ((r = cb(&db->pkgs[i], payload)) != 0)
			return r;
	return 0;
}

static int
rpm_foreach(void *st, plat_pkg_cb cb, void *payload)
{
	struct rpm_db *db = st;
	int r;

	for (size_t i = 0; i < db->n; i++)
		if ((r = cb(&db->pkgs[i], payload)) != 0)
			return r;
	return 0;
}

static size_t
rpm_count(const void *st)
{
	const struct rpm_db *db = st;

	return db->n;
}

const struct plat_pkgdb_ops plat_pkgdb_rpm_ops = {
	.name = "rpm",
	.state_size = sizeof(struct rpm_db),
	.open = rpm_open,
	.close = rpm_close,
	.lookup = rpm_lookup,
	.foreach = rpm_foreach,
	.count = rpm_count,
};
