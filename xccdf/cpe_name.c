/*
 * CPE names: unbinding CPE 2.2 URIs and CPE 2.3 formatted strings into
 * well-formed names (NISTIR 7695 sections 6.1.3 and 6.2.3), binding them
 * back (6.1.2, 6.2.2), and NISTIR 7696 name matching. It knows nothing of
 * dictionaries or the applicability language (cpe_dict.c, cpe_lang.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/base/base.h"
#include "xccdf/cpe_int.h"

static const char *const attr_names[CPE_NATTR] = {
	"part", "vendor", "product", "version", "update", "edition",
	"language", "sw_edition", "target_sw", "target_hw", "other",
};

const char *
cpe_attr_name(unsigned i)
{
	return i < CPE_NATTR ? attr_names[i] : NULL;
}

const char *
cpe_rel_name(enum cpe_rel r)
{
	switch (r) {
	case CPE_REL_DISJOINT:	return "DISJOINT";
	case CPE_REL_SUBSET:	return "SUBSET";
	case CPE_REL_SUPERSET:	return "SUPERSET";
	case CPE_REL_EQUAL:	return "EQUAL";
	case CPE_REL_UNDEFINED:	return "UNDEFINED";
	}
	return NULL;
}

static bool
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* WFN values are printable ASCII without the space (NISTIR 7695 5.3.2). */
static bool
is_wfn_char(int c)
{
	return c > 0x20 && c < 0x7f;
}

/* One parse: the whole name for messages. */
struct pctx {
	const char	*name;
};

static void perr(const struct pctx *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
perr(const struct pctx *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	ks_error_set("CPE name '%.256s': %s", p->name, msg);
}

void
cpe_name_clear(struct cpe_name *n)
{
	unsigned i;

	if (n == NULL)
		return;
	for (i = 0; i < CPE_NATTR; i++) {
		free(n->attr[i]);
		n->attr[i] = NULL;
		n->na[i] = false;
	}
}

/* Stores a finished value: a lone unquoted "*" is ANY. */
static void
set_value(struct cpe_name *n, unsigned a, struct ks_buf *b)
{
	if (strcmp(b->data, "*") == 0) {
		ks_buf_free(b);
		return;
	}
	n->attr[a] = ks_buf_steal(b);
}

/* Whether the characters before s[i] leave s[i] unquoted (an even number
 * of backslashes precede it). */
static bool
unquoted_at(const char *s, size_t i)
{
	size_t k = 0;

	while (k < i && s[i - 1 - k] == '\\')
		k++;
	return k % 2 == 0;
}

/* The decoded character of a URI percent-encoding (NISTIR 7695 6.1.3.3,
 * the table of decode()), or 0 for one the table does not list. */
static char
pct_decode(const char *f)
{
	/* The table plus "-" "." "_", which need no encoding but decode
	 * harmlessly. */
	static const char allowed[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	char hex[3] = { f[1], f[2], '\0' }, *end;
	long v;

	if (!((hex[0] >= '0' && hex[0] <= '9') ||
	    (hex[0] >= 'a' && hex[0] <= 'f')) ||
	    !((hex[1] >= '0' && hex[1] <= '9') ||
	    (hex[1] >= 'a' && hex[1] <= 'f')))
		return 0;
	v = strtol(hex, &end, 16);
	if (*end != '\0' || v <= 0 || strchr(allowed, (int)v) == NULL)
		return 0;
	return (char)v;
}

/*
 * decode() of NISTIR 7695 section 6.1.3.3 for one URI component s[0..len):
 * "" is ANY, "-" NA; the value is lowercased; "." "-" "~" become quoted;
 * %01 is "?" and %02 "*" only where the section allows them (at either end,
 * %01 in runs); other percent-encodings decode to the quoted character.
 */
static int
uri_decode(const struct pctx *p, struct cpe_name *n, unsigned a,
    const char *s, size_t len)
{
	struct ks_buf b;
	size_t i = 0;
	int rc = KS_EPARSE;

	if (len == 0)
		return 0;
	if (len == 1 && s[0] == '-') {
		n->na[a] = true;
		return 0;
	}
	ks_buf_init(&b, 2 * CPE_NAME_MAX + 8);
	while (i < len) {
		char c = lower(s[i]);

		if (!is_wfn_char((unsigned char)c)) {
			perr(p, "%s holds the byte 0x%02x", attr_names[a],
			    (unsigned char)c);
			goto out;
		}
		if (c != '%') {
			if (is_alnum(c) || c == '_')
				ks_buf_putc(&b, c);
			else {
				/* "." "-" "~" per the section; any other
				 * raw punctuation is taken literally too. */
				ks_buf_putc(&b, '\\');
				ks_buf_putc(&b, c);
			}
			i++;
			continue;
		}
		if (len - i < 3) {
			perr(p, "%s has a truncated percent-encoding",
			    attr_names[a]);
			goto out;
		}
		if (s[i + 1] == '0' && s[i + 2] == '1') {
			size_t k = i;

			/* A run of %01 must touch an end of the value
			 * (NISTIR 7695 5.3.2: "?" only at the beginning
			 * or end); decode()'s test alone lets a run that
			 * starts after a character end inside the value. */
			while (len - k >= 3 && strncmp(s + k, "%01", 3) == 0)
				k += 3;
			if (i == 0 || k == len) {
				for (; i < k; i += 3)
					ks_buf_putc(&b, '?');
				continue;
			}
			perr(p, "%s has %%01 (?) inside the value",
			    attr_names[a]);
			goto out;
		}
		if (s[i + 1] == '0' && s[i + 2] == '2') {
			if (i == 0 || i == len - 3) {
				ks_buf_putc(&b, '*');
			} else {
				perr(p, "%s has %%02 (*) inside the value",
				    attr_names[a]);
				goto out;
			}
		} else {
			char lc[3] = { '%', lower(s[i + 1]),
			    lower(s[i + 2]) };
			char d = pct_decode(lc);

			if (d == 0) {
				perr(p, "%s has the invalid percent-encoding "
				    "'%.3s'", attr_names[a], s + i);
				goto out;
			}
			if (d != '_')
				ks_buf_putc(&b, '\\');
			ks_buf_putc(&b, d);
		}
		i += 3;
	}
	set_value(n, a, &b);
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

/* part must be a, o or h (NISTIR 7695 5.3.3.1), or ANY. */
static int
check_part(const struct pctx *p, const struct cpe_name *n)
{
	const char *v = n->attr[CPE_PART];

	if (n->na[CPE_PART]) {
		perr(p, "part is '-', expected a, o or h");
		return KS_EPARSE;
	}
	if (v != NULL && strcmp(v, "a") != 0 && strcmp(v, "o") != 0 &&
	    strcmp(v, "h") != 0) {
		perr(p, "part is '%s', expected a, o or h", v);
		return KS_EPARSE;
	}
	return 0;
}

/*
 * unbind_URI (NISTIR 7695 6.1.3.2): up to seven components after "cpe:/";
 * missing ones are ANY; an edition starting with "~" is the packed form
 * "~edition~sw_edition~target_sw~target_hw~other" (6.1.3.4).
 */
static int
parse_uri(const struct pctx *p, struct cpe_name *n, const char *s)
{
	const char *comp[7], *c;
	size_t clen[7];
	unsigned nc = 0, i;
	int rc;

	for (c = s;;) {
		const char *e = strchr(c, ':');
		size_t l = e ? (size_t)(e - c) : strlen(c);

		if (nc == 7) {
			unsigned more = nc + 1;

			while (e != NULL) {
				more++;
				e = strchr(e + 1, ':');
			}
			perr(p, "cpe:/ name has %u components, at most 7",
			    more);
			return KS_EPARSE;
		}
		comp[nc] = c;
		clen[nc++] = l;
		if (e == NULL)
			break;
		c = e + 1;
	}
	for (i = 0; i < nc; i++) {
		if (i == CPE_EDITION && clen[i] > 0 && comp[i][0] == '~') {
			static const unsigned packed[5] = { CPE_EDITION,
			    CPE_SW_EDITION, CPE_TARGET_SW, CPE_TARGET_HW,
			    CPE_OTHER };
			const char *q = comp[i] + 1, *end = comp[i] + clen[i];
			unsigned k, nf = 1;

			for (c = q; c < end; c++)
				nf += *c == '~';
			if (nf != 5) {
				perr(p, "packed edition has %u fields, "
				    "expected 5 (~edition~sw_edition~"
				    "target_sw~target_hw~other)", nf);
				return KS_EPARSE;
			}
			for (k = 0; k < 5; k++) {
				const char *t = memchr(q, '~',
				    (size_t)(end - q));

				if (t == NULL)
					t = end;
				rc = uri_decode(p, n, packed[k], q,
				    (size_t)(t - q));
				if (rc != 0)
					return rc;
				q = t + 1;
			}
			continue;
		}
		rc = uri_decode(p, n, i, comp[i], clen[i]);
		if (rc != 0)
			return rc;
	}
	return check_part(p, n);
}

/*
 * unbind_value_fs and add_quoting (NISTIR 7695 6.2.3.3): "*" is ANY, "-"
 * NA; other punctuation gets quoted; an unquoted "*" may stand only at an
 * end, "?" only in runs at an end. Values are lowercased.
 */
static int
fs_value(const struct pctx *p, struct cpe_name *n, unsigned a,
    const char *s, size_t len)
{
	struct ks_buf b;
	size_t i = 0;
	int rc = KS_EPARSE;

	if (len == 0) {
		perr(p, "%s is empty (use * for ANY)", attr_names[a]);
		return KS_EPARSE;
	}
	if (len == 1 && s[0] == '*')
		return 0;
	if (len == 1 && s[0] == '-') {
		n->na[a] = true;
		return 0;
	}
	ks_buf_init(&b, 2 * CPE_NAME_MAX + 8);
	while (i < len) {
		char c = lower(s[i]);

		if (!is_wfn_char((unsigned char)c)) {
			perr(p, "%s holds the byte 0x%02x", attr_names[a],
			    (unsigned char)c);
			goto out;
		}
		if (is_alnum(c) || c == '_') {
			ks_buf_putc(&b, c);
			i++;
			continue;
		}
		if (c == '\\') {
			char q;

			if (i + 1 >= len) {
				perr(p, "%s ends with a lone backslash",
				    attr_names[a]);
				goto out;
			}
			q = lower(s[i + 1]);
			if (!is_wfn_char((unsigned char)q)) {
				perr(p, "%s holds the byte 0x%02x",
				    attr_names[a], (unsigned char)q);
				goto out;
			}
			/* A quoted letter, digit or "_" is the character
			 * itself: keep one spelling so names compare. */
			if (!is_alnum(q) && q != '_')
				ks_buf_putc(&b, '\\');
			ks_buf_putc(&b, q);
			i += 2;
			continue;
		}
		if (c == '*') {
			if (i == 0 || i == len - 1) {
				ks_buf_putc(&b, '*');
				i++;
					continue;
			}
			perr(p, "%s has an unquoted * inside the value",
			    attr_names[a]);
			goto out;
		}
		if (c == '?') {
			size_t k = i;

			/* A run of "?" must touch an end of the value (5.3.2;
			 * add_quoting's own test accepts "a??b?"). */
			while (k < len && s[k] == '?')
				k++;
			if (i == 0 || k == len) {
				for (; i < k; i++)
					ks_buf_putc(&b, '?');
				continue;
			}
			perr(p, "%s has an unquoted ? inside the value",
			    attr_names[a]);
			goto out;
		}
		ks_buf_putc(&b, '\\');
		ks_buf_putc(&b, c);
		i++;
	}
	set_value(n, a, &b);
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

/* unbind_fs (NISTIR 7695 6.2.3.2): exactly 13 fields split at unquoted
 * colons, "cpe", "2.3" and the 11 attributes in order. */
static int
parse_fs(const struct pctx *p, struct cpe_name *n, const char *s)
{
	const char *field[13];
	size_t flen[13], i, start = 0, len = strlen(s);
	unsigned nf = 0, a;
	int rc;

	for (i = 0; i <= len; i++) {
		if (i + 1 < len && s[i] == '\\') {
			i++;
			continue;
		}
		if (i < len && s[i] != ':')
			continue;
		if (nf < 13) {
			field[nf] = s + start;
			flen[nf] = i - start;
		}
		nf++;
		start = i + 1;
	}
	if (nf != 13) {
		perr(p, "cpe:2.3 name has %u fields, expected 13", nf);
		return KS_EPARSE;
	}
	for (a = 0; a < CPE_NATTR; a++) {
		rc = fs_value(p, n, a, field[a + 2], flen[a + 2]);
		if (rc != 0)
			return rc;
	}
	return check_part(p, n);
}

int
cpe_name_parse(struct cpe_name *out, const char *s)
{
	struct pctx p = { .name = s };
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL) {
		ks_error_set("CPE name missing");
		return KS_EPARSE;
	}
	if (strlen(s) > CPE_NAME_MAX) {
		ks_error_set("CPE name '%.64s...' is longer than %d bytes", s,
		    CPE_NAME_MAX);
		return KS_EPARSE;
	}
	if (strncasecmp(s, "cpe:/", 5) == 0)
		rc = parse_uri(&p, out, s + 5);
	else if (strncasecmp(s, "cpe:2.3:", 8) == 0)
		rc = parse_fs(&p, out, s);
	else {
		perr(&p, "not a CPE name (expected cpe:/ or cpe:2.3:)");
		rc = KS_EPARSE;
	}
	if (rc != 0)
		cpe_name_clear(out);
	return rc;
}

/* ---- matching (NISTIR 7696) --------------------------------------------- */

static bool
has_wildcards(const char *v)
{
	size_t i;

	for (i = 0; v[i] != '\0'; i++) {
		if (v[i] == '\\' && v[i + 1] != '\0') {
			i++;
			continue;
		}
		if (v[i] == '*' || v[i] == '?')
			return true;
	}
	return false;
}

/* Length of the WFN character at s: a quoted pair or one byte. */
static size_t
unit_len(const char *s)
{
	return (s[0] == '\\' && s[1] != '\0') ? 2 : 1;
}

static size_t
count_units(const char *s)
{
	size_t n = 0;

	while (*s != '\0') {
		s += unit_len(s);
		n++;
	}
	return n;
}

/*
 * compare_strings (NISTIR 7696 section 6.2): the source's leading "*"
 * (begins = -1) or run of "?" (begins = their count) and trailing "*" or
 * "?" run are cut off; the rest must occur in the target with at most
 * `begins` characters before it and at most `ends` after it. As in the
 * 7696 algorithm, a run of k "?" matches up to k characters. Positions
 * count WFN characters, so a quoted pair is one character.
 */
static enum cpe_rel
compare_strings(const char *src, const char *tgt)
{
	size_t slen = strlen(src), start = 0, end = slen, mlen;
	size_t pos, nt = count_units(tgt), nm;
	long begins = 0, ends = 0;
	const char *t;
	char *mid;
	enum cpe_rel rel = CPE_REL_DISJOINT;

	if (src[0] == '*') {
		start = 1;
		begins = -1;
	} else {
		while (start < slen && src[start] == '?') {
			start++;
			begins++;
		}
	}
	if (end > start && src[end - 1] == '*' && unquoted_at(src, end - 1)) {
		end--;
		ends = -1;
	} else {
		while (end > start && src[end - 1] == '?' &&
		    unquoted_at(src, end - 1)) {
			end--;
			ends++;
		}
	}
	mlen = end - start;
	mid = ks_strndup(src + start, mlen);
	nm = count_units(mid);
	for (t = tgt, pos = 0; pos + nm <= nt; pos++) {
		if (strncasecmp(t, mid, mlen) == 0) {
			size_t leftover = nt - pos - nm;

			if (begins != -1 && pos > (size_t)begins)
				break;
			if (ends == -1 || leftover <= (size_t)ends) {
				rel = CPE_REL_SUPERSET;
				break;
			}
		}
		if (*t == '\0')
			break;
		t += unit_len(t);
	}
	free(mid);
	return rel;
}

enum cpe_rel
cpe_attr_compare(const char *src, bool src_na, const char *tgt, bool tgt_na)
{
	bool s_any = src == NULL && !src_na, t_any = tgt == NULL && !tgt_na;

	/* NISTIR 7696 section 6.2, compare(): wildcards in the target make
	 * the relation undefined; then ANY/NA logic, then strings. */
	if (tgt != NULL && !tgt_na && has_wildcards(tgt))
		return CPE_REL_UNDEFINED;
	if ((s_any && t_any) || (src_na && tgt_na))
		return CPE_REL_EQUAL;
	if (src != NULL && !src_na && tgt != NULL && !tgt_na &&
	    strcasecmp(src, tgt) == 0)
		return CPE_REL_EQUAL;
	if (s_any)
		return CPE_REL_SUPERSET;
	if (t_any)
		return CPE_REL_SUBSET;
	if (src_na || tgt_na)
		return CPE_REL_DISJOINT;
	return compare_strings(src, tgt);
}

bool
cpe_name_match(const struct cpe_name *source, const struct cpe_name *target)
{
	unsigned i;

	/* NISTIR 7696 section 6.3: CPE_SUPERSET(source, target) holds when
	 * every attribute is SUPERSET or EQUAL. */
	for (i = 0; i < CPE_NATTR; i++) {
		enum cpe_rel r = cpe_attr_compare(source->attr[i],
		    source->na[i], target->attr[i], target->na[i]);

		if (r != CPE_REL_SUPERSET && r != CPE_REL_EQUAL)
			return false;
	}
	return true;
}

/* ---- binding (NISTIR 7695 6.1.2, 6.2.2) ---------------------------------- */

/* bind_value_for_uri / transform_for_uri (6.1.2.3). */
static void
uri_value(struct ks_buf *b, const struct cpe_name *n, unsigned a)
{
	const char *v = n->attr[a];

	if (n->na[a]) {
		ks_buf_putc(b, '-');
		return;
	}
	if (v == NULL)
		return;
	/* A value that is one literal hyphen must not read back as NA. */
	if (strcmp(v, "\\-") == 0) {
		ks_buf_puts(b, "%2d");
		return;
	}
	for (; *v != '\0'; v++) {
		if (*v == '\\' && v[1] != '\0') {
			v++;
			if (*v == '-' || *v == '.' || is_alnum(*v) ||
			    *v == '_')
				ks_buf_putc(b, lower(*v));
			else
				ks_buf_printf(b, "%%%02x",
				    (unsigned)(unsigned char)*v);
		} else if (*v == '?') {
			ks_buf_puts(b, "%01");
		} else if (*v == '*') {
			ks_buf_puts(b, "%02");
		} else {
			ks_buf_putc(b, lower(*v));
		}
	}
}

int
cpe_name_to_uri(const struct cpe_name *n, char **out)
{
	struct ks_buf b;
	unsigned a;
	bool packed = false;

	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "cpe:/");
	for (a = CPE_SW_EDITION; a <= CPE_OTHER; a++)
		packed |= n->attr[a] != NULL || n->na[a];
	for (a = CPE_PART; a <= CPE_LANGUAGE; a++) {
		if (a > CPE_PART)
			ks_buf_putc(&b, ':');
		if (a == CPE_EDITION && packed) {
			unsigned k;

			ks_buf_putc(&b, '~');
			uri_value(&b, n, CPE_EDITION);
			for (k = CPE_SW_EDITION; k <= CPE_OTHER; k++) {
				ks_buf_putc(&b, '~');
				uri_value(&b, n, k);
			}
		} else {
			uri_value(&b, n, a);
		}
	}
	/* "trim": trailing empty components are dropped. */
	while (b.len > 5 && b.data[b.len - 1] == ':')
		b.data[--b.len] = '\0';
	*out = ks_buf_steal(&b);
	return 0;
}

int
cpe_name_to_fs(const struct cpe_name *n, char **out)
{
	struct ks_buf b;
	unsigned a;

	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "cpe:2.3");
	for (a = 0; a < CPE_NATTR; a++) {
		const char *v = n->attr[a];

		ks_buf_putc(&b, ':');
		if (n->na[a]) {
			ks_buf_putc(&b, '-');
			continue;
		}
		if (v == NULL) {
			ks_buf_putc(&b, '*');
			continue;
		}
		if (strcmp(v, "\\-") == 0) {
			/* one literal hyphen keeps its quote: "-" is NA */
			ks_buf_puts(&b, "\\-");
			continue;
		}
		/* process_quoted_chars: "." "-" "_" lose their quote. */
		for (; *v != '\0'; v++) {
			if (*v == '\\' && v[1] != '\0') {
				v++;
				if (*v != '.' && *v != '-' && *v != '_')
					ks_buf_putc(&b, '\\');
			}
			ks_buf_putc(&b, lower(*v));
		}
	}
	*out = ks_buf_steal(&b);
	return 0;
}
