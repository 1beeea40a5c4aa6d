/*
 * The source content copied byte for byte into ARF's report request: the
 * data stream (or benchmark) file read again from disk, instead of
 * serializing its DOM, when the bytes are provably the same XML. Not a
 * parser: anything it cannot vouch for in the prolog sends the caller back
 * to the DOM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"
#include "platform/base/xmlw.h"
#include "xccdf/ds_int.h"

#define SRC_CHUNK	((size_t)256 << 10)

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The value of pseudo-attribute `name` in an XML declaration
 * decl[0..n), "" when absent. */
static void
decl_attr(const char *decl, size_t n, const char *name, char *out,
    size_t outsz)
{
	size_t len = strlen(name);
	const char *p = memmem(decl, n, name, len);
	const char *end = decl + n;
	char q;
	size_t k = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n' || *p == '='))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return;
	q = *p++;
	while (p < end && *p != q && k + 1 < outsz)
		out[k++] = *p++;
	out[k] = '\0';
}

/*
 * The offset of the root element's start tag in buf[0..n) (the file's
 * first chunk), or -1 when the prolog is not one we copy from: a BOM, an
 * XML declaration of version 1.0 in UTF-8 (or none), then only
 * whitespace, comments and processing instructions. A DOCTYPE, another
 * encoding or a prolog longer than the chunk gives -1.
 */
static long
root_offset(const char *buf, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (n - i >= 6 && memcmp(buf + i, "<?xml", 5) == 0 &&
	    strchr(" \t\r\n", buf[i + 5]) != NULL) {
		const char *e = memmem(buf + i, n - i, "?>", 2);
		char enc[32], ver[8];

		if (e == NULL)
			return -1;
		decl_attr(buf + i, (size_t)(e - (buf + i)), "encoding", enc,
		    sizeof(enc));
		decl_attr(buf + i, (size_t)(e - (buf + i)), "version", ver,
		    sizeof(ver));
		if ((enc[0] != '\0' && strcasecmp(enc, "UTF-8") != 0) ||
		    strcmp(ver, "1.0") != 0)
			return -1;
		i = (size_t)(e - buf) + 2;
	}
	while (i < n) {
		const char *e;

		if (strchr(" \t\r\n", buf[i]) != NULL && buf[i] != '\0') {
			i++;
			continue;
		}
		if (buf[i] != '<' || i + 1 >= n)
			return -1;
		if (n - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
			if ((e = memmem(buf + i + 4, n - i - 4, "-->", 3)) ==
			    NULL)
				return -1;
			i = (size_t)(e - buf) + 3;
		} else if (buf[i + 1] == '?') {
			if ((e = memmem(buf + i + 2, n - i - 2, "?>", 2)) ==
			    NULL)
				return -1;
			i = (size_t)(e - buf) + 2;
		} else if (buf[i + 1] == '!') {
			/* A DOCTYPE: its internal subset may give
			 * attributes defaults the DOM has and the bytes
			 * do not. */
			return -1;
		} else {
			return (long)i;
		}
	}
	return -1;
}

struct xccdf_source {
	const char	*path;		/* the content's */
	struct stat	 st;		/* as it was read */
	int		 fd;
	char		*buf;		/* SRC_CHUNK: the first chunk, */
	size_t		 off, got;	/* its root start tag and length */
};

void
xccdf_source_free(struct xccdf_source *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	close(s->fd);
	free(s);
}

int
xccdf_source_open(struct xccdf_source **out, const struct xccdf_content *c)
{
	struct xccdf_source *s;
	struct stat st;
	ssize_t got;
	long off;
	int fd;

	*out = NULL;
	if (!c->has_src || c->doc == NULL)
		return KS_EUNSUPPORTED;
	if ((fd = open(c->path, O_RDONLY | O_CLOEXEC)) < 0)
		return KS_EUNSUPPORTED;
	s = ks_calloc(1, sizeof(*s));
	s->fd = fd;
	s->path = c->path;
	s->st = c->src_st;
	if (fstat(fd, &st) != 0 || !same_file(&st, &c->src_st))
		goto no;
	s->buf = ks_malloc(SRC_CHUNK);
	do
		got = read(fd, s->buf, SRC_CHUNK);
	while (got < 0 && errno == EINTR);
	if (got <= 0 || (off = root_offset(s->buf, (size_t)got)) < 0)
		goto no;
	s->off = (size_t)off;
	s->got = (size_t)got;
	*out = s;
	return 0;
no:
	xccdf_source_free(s);
	return KS_EUNSUPPORTED;
}

int
xccdf_source_copy(struct xccdf_source *s, struct ks_xmlw *x)
{
	struct stat st;
	ssize_t got;
	int rc;

	/* From here on the bytes are in the document: a failure is the
	 * document's. */
	ks_xmlw_raw(x, s->buf + s->off, s->got - s->off);
	for (;;) {
		do
			got = read(s->fd, s->buf, SRC_CHUNK);
		while (got < 0 && errno == EINTR);
		if (got == 0)
			break;
		if (got < 0) {
			rc = ks_file_errno("cannot read", s->path, errno);
			ks_xmlw_fail(x, rc);
			return rc;
		}
		ks_xmlw_raw(x, s->buf, (size_t)got);
	}
	/* Changed while we copied: what was written is not what was
	 * evaluated. */
	if (fstat(s->fd, &st) != 0 || !same_file(&st, &s->st)) {
		ks_error_set("%s changed while it was copied into the ARF "
		    "report request", s->path);
		ks_xmlw_fail(x, KS_ERROR);
		return KS_ERROR;
	}
	return 0;
}

int
xccdf_content_copy_source(const struct xccdf_content *c, struct ks_xmlw *x)
{
	struct xccdf_source *s;
	int rc;

	if ((rc = xccdf_source_open(&s, c)) != 0)
		return rc;
	rc = xccdf_source_copy(s, x);
	xccdf_source_free(s);
	return rc;
}
