/*
 * The streaming XML writer of xmlw.h: a large output buffer written to the
 * stream in big chunks, one escaping pass that also replaces what XML cannot
 * carry, a stack of open element names for end tags and indentation. It
 * replaces libxml2's xmlTextWriter for our own documents, whose per-call
 * overhead dominated writing big results. It reads and parses nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "platform/base/xmlw.h"

struct ks_xmlw {
	FILE *fp;
	char *name;     /* for messages */
	unsigned flags; /* KS_XMLW_* */
	int rc;         /* 0 or the first error */
	bool open;      /* a start tag is not yet closed by '>' */
	bool doindent;  /* an end tag goes on its own, indented line */
	char *buf;      /* KS_XMLW_BUFSZ bytes of pending output */
	size_t len;
	char *names; /* open element names, each NUL-terminated */
	size_t nlen, ncap;
	size_t *offs; /* where each open element's name starts in names */
	size_t depth, dcap;
};

/* The U+FFFD REPLACEMENT CHARACTER in UTF-8. */
#define REPLACEMENT "\xEF\xBF\xBD"

/*
 * Byte classes: bit T set when the byte needs care in character data, bit A
 * when it needs care in an attribute value. Printable ASCII without & < > "
 * (DEL included: XML allows it) needs none: one table load per byte on the
 * fast path.
 */
#define T 1
#define A 2
#define B (T | A)
static const unsigned char cls[256] = {
    /* 0x00 */ B, B, B, B, B, B, B, B, B, A, A, B, B, B, B, B,
    /* 0x10 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0x20 */ 0, 0, A, 0, 0, 0, B, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x30 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, B, 0, B, 0,
    /* 0x40 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x50 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x60 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x70 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x80 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0x90 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0xA0 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0xB0 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0xC0 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0xD0 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0xE0 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
    /* 0xF0 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
};
#undef T
#undef A
#undef B
#define CLS_TEXT 1
#define CLS_ATTR 2

int
ks_xmlw_new(struct ks_xmlw **out, FILE *fp, const char *name, unsigned flags)
{
	struct ks_xmlw *w = ks_calloc(1, sizeof(*w));

	w->fp = fp;
	w->name = ks_strdup(name != NULL ? name : "(xml output)");
	w->flags = flags;
	w->buf = ks_malloc(KS_XMLW_BUFSZ);
	*out = w;
	return 0;
}

void
ks_xmlw_free(struct ks_xmlw *w)
{
	if (w == NULL)
		return;
	free(w->name);
	free(w->buf);
	free(w->names);
	free(w->offs);
	free(w);
}

void
ks_xmlw_fail(struct ks_xmlw *w, int rc)
{
	if (w->rc == 0)
		w->rc = rc < 0 ? rc : KS_ERROR;
}

int
ks_xmlw_status(const struct ks_xmlw *w)
{
	return w->rc;
}

const char *
ks_xmlw_name(const struct ks_xmlw *w)
{
	return w->name;
}

/* An output failure: the message is set here, once, with errno's text. */
static void
io_fail(struct ks_xmlw *w, int err)
{
	if (w->rc != 0)
		return;
	ks_error_set("%s: cannot write: %s", w->name,
	             err != 0 ? strerror(err) : "I/O error");
	w->rc = KS_ERROR;
}

/* A misuse by the caller (attribute after content, unbalanced end). */
static void
use_fail(struct ks_xmlw *w, int rc, const char *what)
{
	if (w->rc != 0)
		return;
	ks_error_set("%s: XML writer: %s", w->name, what);
	w->rc = rc;
}

static void
write_out(struct ks_xmlw *w, const void *p, size_t n)
{
	if (w->rc != 0 || n == 0)
		return;
	errno = 0;
	if (fwrite(p, 1, n, w->fp) != n)
		io_fail(w, errno != 0 ? errno : EIO);
}

static void
flush_buf(struct ks_xmlw *w)
{
	write_out(w, w->buf, w->len);
	w->len = 0;
}

static void put_slow(struct ks_xmlw *w, const void *p, size_t n);

/* Appends n bytes to the output; big blocks go to the stream directly. */
static inline void
put(struct ks_xmlw *w, const void *p, size_t n)
{
	if (n <= KS_XMLW_BUFSZ - w->len) {
		memcpy(w->buf + w->len, p, n);
		w->len += n;
		return;
	}
	put_slow(w, p, n);
}

static void
put_slow(struct ks_xmlw *w, const void *p, size_t n)
{
	flush_buf(w);
	if (n >= KS_XMLW_BUFSZ / 2) {
		write_out(w, p, n);
		return;
	}
	memcpy(w->buf, p, n);
	w->len = n;
}

static inline void
put_c(struct ks_xmlw *w, char c)
{
	if (w->len == KS_XMLW_BUFSZ)
		flush_buf(w);
	w->buf[w->len++] = c;
}

#define PUT_LIT(w, s) put((w), (s), sizeof(s) - 1)

static void
put_indent(struct ks_xmlw *w, size_t level)
{
	static const char spaces[] = "                                ";
	size_t n = level * 2;

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		put(w, spaces, k);
		n -= k;
	}
}

/*
 * Length of the valid XML 1.0 character that starts at p (n > 0 bytes left,
 * p[0] >= 0x80), or 0 when the bytes there are not one: malformed or
 * overlong UTF-8, a surrogate, U+FFFE, U+FFFF or beyond U+10FFFF.
 */
static size_t
utf8_char_len(const unsigned char *p, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE ||
	    c == 0xFFFF)
		return 0;
	return len;
}

/*
 * Writes s[0..n) escaped for character data (mask CLS_TEXT) or an attribute
 * value (CLS_ATTR), with U+FFFD for every byte that does not start a valid
 * XML character. With n == SIZE_MAX, s is NUL-terminated and ends at its
 * NUL: one pass, no strlen (a NUL ends any UTF-8 sequence as invalid).
 */
static void
put_escaped(struct ks_xmlw *w, const char *s, size_t n, unsigned char mask)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run, l;

	for (;;) {
		run = i;
		while (i < n && (cls[p[i]] & mask) == 0)
			i++;
		if (i > run)
			put(w, p + run, i - run);
		if (i == n || (p[i] == '\0' && n == SIZE_MAX))
			break;
		switch (p[i]) {
		case '&':
			PUT_LIT(w, "&amp;");
			break;
		case '<':
			PUT_LIT(w, "&lt;");
			break;
		case '>':
			PUT_LIT(w, "&gt;");
			break;
		case '"':
			PUT_LIT(w, "&quot;");
			break;
		case '\t':
			PUT_LIT(w, "&#9;");
			break;
		case '\n':
			PUT_LIT(w, "&#10;");
			break;
		case '\r':
			PUT_LIT(w, "&#13;");
			break;
		default:
			l = p[i] >= 0x80 ? utf8_char_len(p + i, n - i) : 0;
			if (l > 0) {
				put(w, p + i, l);
				i += l;
				continue;
			}
			PUT_LIT(w, REPLACEMENT);
			break;
		}
		i++;
	}
}

/* Ends a pending start tag with '>' before content. */
static void
close_tag(struct ks_xmlw *w)
{
	if (!w->open)
		return;
	put_c(w, '>');
	w->open = false;
}

void
ks_xmlw_decl(struct ks_xmlw *w)
{
	if (w->rc != 0)
		return;
	PUT_LIT(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

static void
start_n(struct ks_xmlw *w, const char *prefix, size_t np, const char *local,
        size_t nl)
{
	size_t n = np + (np > 0) + nl;
	char *dst;

	if (w->rc != 0)
		return;
	if (nl == 0 || n > KS_XMLW_MAX_NAME) {
		use_fail(w, KS_ELIMIT, nl == 0 ? "empty element name"
		                               : "element name too long");
		return;
	}
	if (w->depth == KS_XMLW_MAX_DEPTH) {
		use_fail(w, KS_ELIMIT, "elements nested too deep");
		return;
	}
	if (w->open) {
		put_c(w, '>');
		if (w->flags & KS_XMLW_INDENT)
			put_c(w, '\n');
		w->open = false;
	}
	if (w->flags & KS_XMLW_INDENT)
		put_indent(w, w->depth);
	/* The name goes on the stack of open elements for the end tag. */
	ks_grow(&w->offs, &w->dcap, w->depth + 1, sizeof(*w->offs));
	ks_grow(&w->names, &w->ncap, w->nlen + n + 1, 1);
	dst = w->names + w->nlen;
	if (np > 0) {
		memcpy(dst, prefix, np);
		dst[np] = ':';
	}
	memcpy(dst + np + (np > 0), local, nl);
	dst[n] = '\0';
	w->offs[w->depth++] = w->nlen;
	w->nlen += n + 1;
	put_c(w, '<');
	put(w, dst, n);
	w->open = true;
}

void
ks_xmlw_start(struct ks_xmlw *w, const char *name)
{
	start_n(w, NULL, 0, name, strlen(name));
}

void
ks_xmlw_start2(struct ks_xmlw *w, const char *prefix, const char *local)
{
	start_n(w, prefix, prefix != NULL ? strlen(prefix) : 0, local,
	        strlen(local));
}

/*
 * Indentation follows the familiar libxml2 layout: a start tag on its own
 * indented line, text right after it, and the end tag indented on its own
 * line only when the element held elements rather than text.
 */
void
ks_xmlw_end(struct ks_xmlw *w)
{
	const char *name;
	size_t off;

	if (w->rc != 0)
		return;
	if (w->depth == 0) {
		use_fail(w, KS_ERROR, "end of an element that is not open");
		return;
	}
	off = w->offs[--w->depth];
	name = w->names + off;
	if (w->open) {
		PUT_LIT(w, "/>");
		w->open = false;
	} else {
		if ((w->flags & KS_XMLW_INDENT) && w->doindent)
			put_indent(w, w->depth);
		PUT_LIT(w, "</");
		put(w, name, w->nlen - off - 1);
		put_c(w, '>');
	}
	w->doindent = true;
	if (w->flags & KS_XMLW_INDENT)
		put_c(w, '\n');
	w->nlen = off;
}

void
ks_xmlw_attr(struct ks_xmlw *w, const char *name, const char *value)
{
	if (w->rc != 0 || value == NULL)
		return;
	if (!w->open) {
		use_fail(w, KS_ERROR, "attribute outside a start tag");
		return;
	}
	put_c(w, ' ');
	put(w, name, strlen(name));
	PUT_LIT(w, "=\"");
	put_escaped(w, value, SIZE_MAX, CLS_ATTR);
	put_c(w, '"');
}

/* Decimal digits of v, written backwards ending at end; returns the first. */
static char *
fmt_u64(char *end, uint64_t v)
{
	*--end = '\0';
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

void
ks_xmlw_attr_u32(struct ks_xmlw *w, const char *name, uint32_t v)
{
	char num[16];

	ks_xmlw_attr(w, name, fmt_u64(num + sizeof(num), v));
}

void
ks_xmlw_attr_i64(struct ks_xmlw *w, const char *name, int64_t v)
{
	char num[24], *p;

	/* The magnitude of INT64_MIN does not fit in int64_t: use uint64_t. */
	p = fmt_u64(num + sizeof(num),
	            v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	ks_xmlw_attr(w, name, p);
}

void
ks_xmlw_attr_bool(struct ks_xmlw *w, const char *name, bool v)
{
	ks_xmlw_attr(w, name, v ? "true" : "false");
}

void
ks_xmlw_text_n(struct ks_xmlw *w, const char *text, size_t n)
{
	if (w->rc != 0 || text == NULL || n == 0)
		return;
	if (w->depth == 0) {
		use_fail(w, KS_ERROR, "text outside the root element");
		return;
	}
	close_tag(w);
	w->doindent = false;
	put_escaped(w, text, n, CLS_TEXT);
}

void
ks_xmlw_text(struct ks_xmlw *w, const char *text)
{
	if (w->rc != 0 || text == NULL || text[0] == '\0')
		return;
	if (w->depth == 0) {
		use_fail(w, KS_ERROR, "text outside the root element");
		return;
	}
	close_tag(w);
	w->doindent = false;
	put_escaped(w, text, SIZE_MAX, CLS_TEXT);
}

void
ks_xmlw_elem(struct ks_xmlw *w, const char *name, const char *text)
{
	ks_xmlw_start(w, name);
	ks_xmlw_text(w, text);
	ks_xmlw_end(w);
}

void
ks_xmlw_raw(struct ks_xmlw *w, const void *p, size_t n)
{
	if (w->rc != 0 || n == 0)
		return;
	close_tag(w);
	w->doindent = false;
	put(w, p, n);
}

int
ks_xmlw_finish(struct ks_xmlw *w)
{
	while (w->rc == 0 && w->depth > 0)
		ks_xmlw_end(w);
	flush_buf(w);
	if (w->rc == 0) {
		errno = 0;
		if (fflush(w->fp) != 0 || ferror(w->fp))
			io_fail(w, errno != 0 ? errno : EIO);
	}
	return w->rc;
}

int
ks_xmlw_doc_begin(struct ks_xmlw **x, struct ks_atomic **a, const char *path)
{
	int rc;

	*x = NULL;
	if ((rc = ks_atomic_open(a, path)) < 0)
		return rc;
	/* The writer hands the stream big blocks: a second buffer in stdio
	 * would only copy them once more. The stream is new, so this is
	 * allowed; should it fail, stdio keeps its buffer and works as well. */
	(void)setvbuf(ks_atomic_fp(*a), NULL, _IONBF, 0);
	(void)ks_xmlw_new(x, ks_atomic_fp(*a), path, KS_XMLW_INDENT);
	ks_xmlw_decl(*x);
	return 0;
}

int
ks_xmlw_doc_end(struct ks_xmlw *x, struct ks_atomic *a)
{
	int rc = ks_xmlw_finish(x);

	ks_xmlw_free(x);
	if (rc < 0) {
		ks_atomic_abort(a);
		return rc;
	}
	return ks_atomic_commit(a);
}
