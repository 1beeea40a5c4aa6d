/*
 * The portable runtime every kensa module may include: error codes and the one
 * thread-local error message, capped buffers, string interning, logging, the
 * safe XML loader and the PCRE2 wrapper. It knows nothing of OVAL or XCCDF.
 */
#ifndef KS_BASE_H
#define KS_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* ---- errors ------------------------------------------------------------ */
/*
 * A function that can fail returns 0 or one of these. The message is set once
 * with ks_error_set() where the error is found; callers pass rc up unchanged.
 */
#define KS_OK		 0
#define KS_ERROR	-1	/* generic failure, see the message */
#define KS_ENOTFOUND	-2	/* the thing asked for does not exist */
#define KS_EUNSUPPORTED	-3	/* not implemented by this back-end / object */
#define KS_ELIMIT	-4	/* a cap was hit (size, depth, count, time) */
#define KS_EPARSE	-5	/* malformed input */
#define KS_EPERM	-6	/* permission denied */
#define KS_ENOMEM	-7	/* out of memory */

/* Sets the thread-local message (printf format, capped at 4 KiB). It
 * returns nothing: the caller returns the fitting KS_* code itself. */
void ks_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ks_error_vset(const char *fmt, va_list ap);
/* The current message, "" when none; borrowed until the next set/clear. */
const char *ks_error_msg(void);
void ks_error_clear(void);
/* A short name for a code: "parse error", "not found", ... */
const char *ks_strerror(int rc);

/* ---- memory ------------------------------------------------------------ */
/* Abort with a message on allocation failure: kensa does not try to run on
 * without memory (every input that could make us allocate a lot is capped). */
void *ks_malloc(size_t n);
void *ks_calloc(size_t nmemb, size_t n);
void *ks_realloc(void *p, size_t n);
char *ks_strdup(const char *s);
char *ks_strndup(const char *s, size_t n);
/* printf into a new string; the caller frees it. */
char *ks_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *arr (of element size esz) so it holds at least need elements. */
void ks_grow(void *arrp, size_t *cap, size_t need, size_t esz);

/*
 * Exit-time frees. A command that exits right after its output may leave
 * big structures (DOMs of a data stream and of its report, an OVAL model)
 * to the kernel: freeing them node by node costs more than a tenth of such
 * a run. main() turns this on with ks_mem_set_leave_at_exit(true); library
 * callers (the unit tests) never do. ks_mem_leave(p) then keeps p
 * reachable until exit and returns true; otherwise it returns false and
 * the caller frees p as usual. Builds with AddressSanitizer always free,
 * so that its leak check still finds real leaks; the environment variable
 * KENSA_FREE_AT_EXIT=1 does the same in any build (valgrind), =0 leaves
 * even under AddressSanitizer (the test of this path).
 */
void ks_mem_set_leave_at_exit(bool on);
bool ks_mem_leave(void *p);

/* ---- capped buffer ----------------------------------------------------- */
/*
 * A growable byte buffer with a ceiling. Appends past `max` fail with
 * KS_ELIMIT (message set) and leave the buffer unchanged. The data is always
 * NUL-terminated (the NUL is not counted in len).
 */
struct ks_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* 0: no cap (only for trusted data) */
};
void ks_buf_init(struct ks_buf *b, size_t max);
void ks_buf_free(struct ks_buf *b);	/* frees data, resets to empty */
void ks_buf_reset(struct ks_buf *b);	/* len = 0, keeps memory */
int ks_buf_append(struct ks_buf *b, const void *p, size_t n);
int ks_buf_puts(struct ks_buf *b, const char *s);
int ks_buf_putc(struct ks_buf *b, char c);
int ks_buf_printf(struct ks_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Takes the data out (caller frees) and resets the buffer. */
char *ks_buf_steal(struct ks_buf *b);

/* ---- string interning ---------------------------------------------------- */
/*
 * An arena of unique NUL-terminated strings. Interned strings live as long as
 * the pool and can be compared by pointer. Big feeds repeat the same names,
 * versions and comments thousands of times; this keeps one copy.
 */
struct ks_strpool;
int ks_strpool_new(struct ks_strpool **out);
void ks_strpool_free(struct ks_strpool *p);
/* Returns the pool's copy of s[0..n) (never NULL; aborts on OOM). */
const char *ks_strpool_intern(struct ks_strpool *p, const char *s, size_t n);
const char *ks_strpool_get(struct ks_strpool *p, const char *s);
size_t ks_strpool_bytes(const struct ks_strpool *p);

/* ---- hash map: interned-or-not string -> pointer ------------------------- */
struct ks_map;
int ks_map_new(struct ks_map **out);
void ks_map_free(struct ks_map *m);	/* does not free keys or values */
/* Keys are copied by the map. Replaces an existing value. */
int ks_map_put(struct ks_map *m, const char *key, void *val);
void *ks_map_get(const struct ks_map *m, const char *key);
size_t ks_map_count(const struct ks_map *m);
/* Calls cb for every entry in unspecified order; stops when cb returns non-0
 * and returns that value. */
int ks_map_foreach(const struct ks_map *m,
    int (*cb)(const char *key, void *val, void *payload), void *payload);

/* ---- logging ----------------------------------------------------------- */
enum ks_log_level { KS_LOG_ERROR, KS_LOG_WARN, KS_LOG_INFO, KS_LOG_DEBUG };
void ks_log_set_level(enum ks_log_level lvl);
enum ks_log_level ks_log_get_level(void);
/* Writes "kensa: <level>: message\n" to stderr when lvl <= current level. */
void ks_log(enum ks_log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define ks_warn(...)	ks_log(KS_LOG_WARN, __VA_ARGS__)
#define ks_info(...)	ks_log(KS_LOG_INFO, __VA_ARGS__)
#define ks_debug(...)	ks_log(KS_LOG_DEBUG, __VA_ARGS__)

/* ---- time -------------------------------------------------------------- */
/* "YYYY-MM-DDThh:mm:ss" local time of `t` into out[20+]; 0 or KS_ERROR. */
int ks_time_iso(int64_t t, char *out, size_t outsz);
double ks_time_mono(void);	/* seconds, monotonic, for benchmarks */

/* ---- safe XML ---------------------------------------------------------- */
/*
 * Every XML document from outside goes through these. They never touch the
 * network, never load a DTD or an external entity, do not substitute entities
 * beyond the five predefined ones, cap nesting depth and text node size, and
 * report errors as "FILE:LINE:COL: message".
 */
#define KS_XML_MAX_DEPTH	256
#define KS_XML_MAX_TEXT		(64u << 20)	/* one text node */

struct _xmlTextReader;
struct _xmlDoc;
struct _xmlNode;
/* Opens a streaming reader on a file (a gz/xz-compressed file is read as is:
 * callers decompress first). The caller frees with ks_xml_reader_free. */
int ks_xml_reader_open(struct _xmlTextReader **out, const char *path);
/* The buffer is not copied: it must outlive the reader. */
int ks_xml_reader_mem(struct _xmlTextReader **out, const char *buf,
    size_t len, const char *name);
void ks_xml_reader_free(struct _xmlTextReader *r);
/*
 * Advances like xmlTextReaderRead: 1 on a node, 0 at the end, KS_EPARSE on a
 * malformed document (message "file:line:col: ..." set) or KS_ELIMIT when the
 * nesting depth exceeds KS_XML_MAX_DEPTH.
 */
int ks_xml_reader_next(struct _xmlTextReader *r);
/* The current line of the reader, for messages. */
int ks_xml_reader_line(struct _xmlTextReader *r);
/* The file name given to open/mem. */
const char *ks_xml_reader_name(struct _xmlTextReader *r);

/* A whole (small) document as a DOM, same protections; for XPath over
 * xmlfilecontent targets, tailoring files, variables and directives. */
int ks_xml_doc_read_file(struct _xmlDoc **out, const char *path);
/*
 * ks_xml_doc_read_file for a big document of many children, such as a data
 * stream: with two cores, the root's children from a `child` element near
 * the middle of the file (named with the root's prefix: "component" under
 * ds:data-stream-collection) to the last are parsed on a thread of their
 * own. The same tree, line numbers and errors as ks_xml_doc_read_file;
 * KENSA_XML_THREADS=1 in the environment makes it that one parse.
 */
struct ks_xml_split_hook {
	/* On the second thread, each element it parsed (a child of the root)
	 * while no other thread reads it: to read what the caller will need
	 * of it. Its node pointers stay valid in the document; its strings
	 * (names, texts) do not: copy them. */
	void	(*moved)(struct _xmlNode *el, void *payload);
	/* On the caller's thread, when those elements were not kept (one
	 * parser read the document): drop what was made of them. */
	void	(*dropped)(void *payload);
	void	*payload;
};
int ks_xml_doc_read_file_split(struct _xmlDoc **out, const char *path,
    const char *child, const struct ks_xml_split_hook *hook);
int ks_xml_doc_read_mem(struct _xmlDoc **out, const char *buf, size_t len,
    const char *name);
/* The same, with the string dictionary of `like` (NULL: its own): nodes of
 * one document may then be moved into the other (xmlAddChild) and freed
 * with it, as libxml2 frees a node's names only when its document's
 * dictionary does not own them. */
int ks_xml_doc_read_mem_with(struct _xmlDoc **out, const char *buf,
    size_t len, const char *name, const struct _xmlDoc *like);
/* A walk of root's subtree in document order, without recursion: the node
 * after n, into n's children when n is an element that has them; NULL
 * after the last. root itself is the first. */
struct _xmlNode *ks_xml_walk_next(const struct _xmlNode *root,
    struct _xmlNode *n);
/* Process-wide libxml2 set-up (no network, error handlers); idempotent. */
void ks_xml_init(void);
/* A string libxml2 allocated (xmlChar *: an attribute, a text) as one of
 * ours: a copy the caller frees with free(), v released with xmlFree;
 * NULL stays NULL. */
char *ks_xml_take(unsigned char *v);

/* ---- regular expressions (PCRE2) ----------------------------------------- */
/*
 * OVAL regular expressions are Perl-compatible (OVAL 5.11 follows PCRE
 * semantics). Compile once, JIT where available; match and depth limits
 * turn a pathological pattern into KS_ELIMIT for that one entity.
 */
struct ks_regex;
#define KS_RE_CASELESS	0x1u
#define KS_RE_MULTILINE	0x2u	/* ^ and $ match at line ends */
#define KS_RE_DOTALL	0x4u	/* . matches a newline */
/* On a bad pattern returns KS_EPARSE with "regex 'pat': reason at offset N". */
int ks_regex_new(struct ks_regex **out, const char *pattern, unsigned flags);
void ks_regex_free(struct ks_regex *re);
/* 1 on match, 0 on no match, KS_ELIMIT / KS_ERROR (message set). */
int ks_regex_match(const struct ks_regex *re, const char *s, size_t len);
/*
 * Match starting at byte `start`; on a match fills ovec[2*i], ovec[2*i+1]
 * with the start/end of group i (or SIZE_MAX, SIZE_MAX for an unset group)
 * for i < *ngroups, and sets *ngroups to the number of pairs filled
 * (group 0 included). Returns as ks_regex_match.
 */
int ks_regex_exec(const struct ks_regex *re, const char *s, size_t len,
    size_t start, size_t *ovec, size_t *ngroups);
/* Number of capturing groups (not counting group 0). */
unsigned ks_regex_groups(const struct ks_regex *re);
/*
 * A cache of compiled patterns keyed by (pattern, flags), shared by a scan
 * so every distinct pattern is compiled once. Returned regexes are borrowed
 * and live as long as the cache.
 */
struct ks_regex_cache;
int ks_regex_cache_new(struct ks_regex_cache **out);
void ks_regex_cache_free(struct ks_regex_cache *c);
int ks_regex_cache_get(struct ks_regex_cache *c, const char *pattern,
    unsigned flags, const struct ks_regex **out);

/* ---- files ------------------------------------------------------------- */
/*
 * Writes `len` bytes to `path` through a temporary file in the same directory
 * and an atomic rename, so a failure never leaves a half-written file where
 * the user had a good one.
 */
int ks_file_write_atomic(const char *path, const void *data, size_t len);
/* Reads a whole local file (not a target's!) up to max bytes. */
int ks_file_read(const char *path, size_t max, char **out, size_t *outlen);
/* Unlinks every entry of a directory holding only files (scratch and
 * partial-download directories), then the directory; errors are ignored:
 * for cleaning up, where nothing better can be done. NULL ok. */
void ks_rm_flat(const char *dir);

/*
 * A stdio stream that becomes `path` atomically on ks_atomic_commit; on
 * ks_atomic_abort (or on failure) the temporary is removed and `path` is left
 * as it was. For results written as a stream.
 */
struct ks_atomic;
int ks_atomic_open(struct ks_atomic **out, const char *path);
struct _IO_FILE *ks_atomic_fp(struct ks_atomic *a);
int ks_atomic_commit(struct ks_atomic *a);	/* frees a */
void ks_atomic_abort(struct ks_atomic *a);	/* frees a; NULL ok */
/*
 * With ks_atomic_defer(true), a commit returns once the data is written
 * (write errors show then) and syncs and renames on a thread of its own;
 * ks_atomic_wait_all() joins them all and returns the first failure (0 or
 * KS_*, message set). For a command that reads none of its outputs back
 * and waits before it exits; from the thread that commits.
 */
void ks_atomic_defer(bool on);
int ks_atomic_wait_all(void);

/* ---- libraries loaded on first use ------------------------------------- */
/*
 * For the big libraries only some runs need (librpm, libcurl, libxslt,
 * libselinux, libarchive, libcrypto, libyaml): linked, their dependency
 * trees cost every kensa run milliseconds of dynamic linking and megabytes
 * of memory, and most runs never read an rpm database, download, unpack or
 * hash anything. A user names the library by soname and lists the functions
 * it calls; ks_dl_load opens it once per process and fills every slot, or
 * fails with a message naming the library and the missing symbol (the same
 * message on every later call). Thread-safe. The slots are function
 * pointers stored through void **, as POSIX dlsym requires.
 *
 * The list is an X-macro, FUNCS(X) expanding X(function) once per function;
 * the slots have the types of the prototypes compiled against:
 *	#define RPM_FUNCS(X) X(headerGet) X(rpmtsCreate)
 *	#define RPM_SYM(f) KS_DL_SYM(R, f)
 *	static struct { RPM_FUNCS(KS_DL_SLOT) } R;
 *	static const struct ks_dl_sym rpm_syms[] = { RPM_FUNCS(RPM_SYM) };
 *	static struct ks_dl_lib rpm_lib =
 *	    KS_DL_LIB(KS_SONAME_RPM, "reading rpm databases", rpm_syms);
 *	... if ((rc = ks_dl_load(&rpm_lib)) != 0) return rc; R.headerGet(...)
 * Call through the table only what the list names: a function the header
 * defines as a macro (OPENSSL_free) is listed and called as what it expands
 * to (CRYPTO_free with its file and line).
 */
struct ks_dl_sym {
	const char	*name;
	void		**slot;
};
struct ks_dl_lib {
	const char		*soname;
	const char		*what;	/* "reading rpm databases" */
	const struct ks_dl_sym	*syms;
	size_t			 nsyms;
	int			 state;	/* 0 untried, 1 loaded, -1 failed */
	char			 msg[256];	/* why, after the soname */
};
#define KS_DL_SLOT(f)		__typeof__(f) *f;
#define KS_DL_SYM(tab, f)	{ #f, (void **)&(tab).f },
#define KS_DL_LIB(so, wh, symtab) { .soname = (so), .what = (wh), \
	.syms = (symtab), .nsyms = sizeof(symtab) / sizeof((symtab)[0]) }
/* Returns 0 when every slot is filled, else KS_EUNSUPPORTED with the
 * message "<lib->what> needs <soname>, which ...". */
int ks_dl_load(struct ks_dl_lib *lib);
/* The same, for a library several features share: the message names
 * `what` ("filehash58", "verifying bundles") instead of lib->what. */
int ks_dl_need(struct ks_dl_lib *lib, const char *what);

/* ---- UTF-8 ------------------------------------------------------------- */
bool ks_utf8_valid(const char *s, size_t len);

#endif /* KS_BASE_H */
