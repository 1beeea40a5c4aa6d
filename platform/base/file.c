/*
 * Reading and atomically replacing kensa's OWN local files (caches, results,
 * reports). Not for reading a scan target's files: those go through the
 * target's fs back-end in platform/platform.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

/* Maps an errno from opening `path` to a KS_* code and sets the message
 * (base_int.h). */
int
ks_file_errno(const char *what, const char *path, int err)
{
	ks_error_set("%s %s: %s", what, path, strerror(err));
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return KS_ENOTFOUND;
	case EACCES:
	case EPERM:
	case EROFS:
		return KS_EPERM;
	case ENOMEM:
		return KS_ENOMEM;
	default:
		return KS_ERROR;
	}
}

/*
 * Creates "<path>.XXXXXX" next to path (so rename stays in one file system)
 * with the mode the final file should have: the old file's, else 0644.
 * Returns the fd and the temporary's name in *tmpp (caller frees), or a
 * negative KS_* code with the message set.
 */
static int
ks_file_mktemp(const char *path, char **tmpp)
{
	struct stat st;
	mode_t mode = 0644;
	char *tmp;
	int fd;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		mode = st.st_mode & 07777;
	tmp = ks_asprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int rc = ks_file_errno("cannot create a temporary file for",
		    path, errno);

		free(tmp);
		return rc;
	}
	if (fchmod(fd, mode) != 0) {
		int rc = ks_file_errno("cannot set the mode of", tmp, errno);

		close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	*tmpp = tmp;
	return fd;
}

/* Writes data to path via a temporary and rename; path unchanged on error. */
int
ks_file_write_atomic(const char *path, const void *data, size_t len)
{
	const char *p = data;
	char *tmp = NULL;
	int rc = KS_ERROR, fd;

	if ((fd = ks_file_mktemp(path, &tmp)) < 0)
		return fd;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = ks_file_errno("cannot write", tmp, errno);
			goto out;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0) {
		rc = ks_file_errno("cannot sync", tmp, errno);
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = ks_file_errno("cannot close", tmp, errno);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		rc = ks_file_errno("cannot rename the temporary to", path,
		    errno);
		goto out;
	}
	free(tmp);
	return 0;
out:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * Reads all of path into *out (NUL-terminated, caller frees) and its length
 * into *outlen. KS_ENOTFOUND, KS_EPERM, KS_ELIMIT past max bytes, KS_ERROR.
 */
int
ks_file_read(const char *path, size_t max, char **out, size_t *outlen)
{
	struct ks_buf b;
	char chunk[65536];
	int rc = KS_ERROR, fd;

	*out = NULL;
	*outlen = 0;
	ks_buf_init(&b, max);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return ks_file_errno("cannot open", path, errno);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = ks_file_errno("cannot read", path, errno);
			goto out;
		}
		if (n == 0)
			break;
		if (ks_buf_append(&b, chunk, (size_t)n) != 0) {
			ks_error_set("%s: larger than the limit of %zu bytes",
			    path, max);
			rc = KS_ELIMIT;
			goto out;
		}
	}
	*outlen = b.len;
	*out = ks_buf_steal(&b);
	rc = 0;
out:
	close(fd);
	ks_buf_free(&b);
	return rc;
}

/* ---- streaming variant --------------------------------------------------- */

/*
 * The stream writes through a cookie that starts the kernel's write-back of
 * every KS_ATOMIC_WB_CHUNK written (sync_file_range, which does not wait), so
 * that the fsync at commit waits for the last chunk only, not for the whole
 * file: on a 30 MB results document that is most of the fsync's 15 ms.
 */
#define KS_ATOMIC_WB_CHUNK	((off_t)4 << 20)
#define KS_ATOMIC_BUFSZ		((size_t)256 << 10)

struct ks_atomic {
	FILE	*fp;
	int	 fd;
	off_t	 written, started;	/* bytes written; write-back begun */
	char	*buf;			/* the stream's buffer */
	char	*path;
	char	*tmp;
};

static ssize_t
atomic_write(void *cookie, const char *p, size_t n)
{
	struct ks_atomic *a = cookie;
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(a->fd, p + done, n - done);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return done > 0 ? (ssize_t)done : -1;
		}
		done += (size_t)w;
	}
	a->written += (off_t)done;
	if (a->written - a->started >= KS_ATOMIC_WB_CHUNK) {
		/* Only a hint: an error here shows again at fsync. */
		(void)sync_file_range(a->fd, a->started,
		    a->written - a->started, SYNC_FILE_RANGE_WRITE);
		a->started = a->written;
	}
	return (ssize_t)done;
}

static int
atomic_close(void *cookie)
{
	struct ks_atomic *a = cookie;

	return close(a->fd);
}

int
ks_atomic_open(struct ks_atomic **out, const char *path)
{
	static const cookie_io_functions_t io = {
		.write = atomic_write, .close = atomic_close,
	};
	struct ks_atomic *a;
	char *tmp = NULL;
	FILE *fp;
	int fd;

	*out = NULL;
	if ((fd = ks_file_mktemp(path, &tmp)) < 0)
		return fd;
	a = ks_calloc(1, sizeof(*a));
	a->fd = fd;
	if ((fp = fopencookie(a, "w", io)) == NULL) {
		int rc = ks_file_errno("cannot open a stream on", tmp, errno);

		close(fd);
		unlink(tmp);
		free(tmp);
		free(a);
		return rc;
	}
	/* Fewer, larger writes than stdio's default 8 KiB (glibc ignores
	 * the size unless it is given the buffer). */
	a->buf = ks_malloc(KS_ATOMIC_BUFSZ);
	setvbuf(fp, a->buf, _IOFBF, KS_ATOMIC_BUFSZ);
	a->fp = fp;
	a->tmp = tmp;
	a->path = ks_strdup(path);
	*out = a;
	return 0;
}

/* The stream to write to; borrowed, valid until commit/abort. */
FILE *
ks_atomic_fp(struct ks_atomic *a)
{
	return a->fp;
}

static void
ks_atomic_release(struct ks_atomic *a)
{
	free(a->path);
	free(a->tmp);
	free(a->buf);
	free(a);
}

/* The second half of a commit: sync, close, rename. fp is flushed. */
static int
ks_atomic_finish(struct ks_atomic *a)
{
	FILE *fp = a->fp;
	int rc;

	if (fsync(a->fd) != 0) {
		rc = ks_file_errno("cannot sync", a->tmp, errno);
		fclose(fp);
		goto fail;
	}
	if (fclose(fp) != 0) {
		rc = ks_file_errno("cannot close", a->tmp, errno);
		goto fail;
	}
	if (rename(a->tmp, a->path) != 0) {
		rc = ks_file_errno("cannot rename the temporary to", a->path,
		    errno);
		goto fail;
	}
	ks_atomic_release(a);
	return 0;
fail:
	unlink(a->tmp);
	ks_atomic_release(a);
	return rc;
}

/*
 * Deferred commits (ks_atomic_defer): the sync and the rename -- the
 * kernel freeing the blocks of the file replaced, for a data stream's
 * ARF several milliseconds -- run on a thread of their own while the
 * command goes on; ks_atomic_wait_all joins them.
 */
struct ks_atomic_pending {
	pthread_t			 th;
	struct ks_atomic		*a;
	int				 rc;
	char				 msg[512];
	struct ks_atomic_pending	*next;
};

/* Per thread: a thread that writes beside the command commits as it
 * always did, whatever the command's own thread deferred. */
static _Thread_local bool ks_atomic_deferring;
static struct ks_atomic_pending *ks_atomic_pending;

static void *
ks_atomic_bg(void *arg)
{
	struct ks_atomic_pending *p = arg;

	if ((p->rc = ks_atomic_finish(p->a)) != 0)
		snprintf(p->msg, sizeof(p->msg), "%s", ks_error_msg());
	return NULL;
}

void
ks_atomic_defer(bool on)
{
	ks_atomic_deferring = on;
}

int
ks_atomic_wait_all(void)
{
	int rc = 0;

	while (ks_atomic_pending != NULL) {
		struct ks_atomic_pending *p = ks_atomic_pending;

		ks_atomic_pending = p->next;
		pthread_join(p->th, NULL);
		if (p->rc != 0 && rc == 0) {
			rc = p->rc;
			ks_error_set("%s", p->msg);
		}
		free(p);
	}
	return rc;
}

/*
 * Flushes, syncs and renames the temporary over path; frees a. On any
 * failure (including an earlier write error on the stream) the temporary is
 * removed, path is untouched and a KS_* code is returned. Deferred, the
 * sync and rename are left to a thread once the flush went well.
 */
int
ks_atomic_commit(struct ks_atomic *a)
{
	struct ks_atomic_pending *p;
	FILE *fp = a->fp;
	int rc;

	errno = 0;
	if (fflush(fp) != 0 || ferror(fp)) {
		rc = ks_file_errno("cannot write", a->tmp,
		    errno ? errno : EIO);
		fclose(fp);
		unlink(a->tmp);
		ks_atomic_release(a);
		return rc;
	}
	if (!ks_atomic_deferring)
		return ks_atomic_finish(a);
	p = ks_calloc(1, sizeof(*p));
	p->a = a;
	if (pthread_create(&p->th, NULL, ks_atomic_bg, p) != 0) {
		free(p);
		return ks_atomic_finish(a);
	}
	p->next = ks_atomic_pending;
	ks_atomic_pending = p;
	return 0;
}

void
ks_atomic_abort(struct ks_atomic *a)
{
	if (a == NULL)
		return;
	fclose(a->fp);
	unlink(a->tmp);
	ks_atomic_release(a);
}

void
ks_rm_flat(const char *dir)
{
	DIR *d;
	struct dirent *e;

	if (dir == NULL)
		return;
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0)
				(void)unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	(void)rmdir(dir);
}
