/*
 * `kensa info`: describes SCAP content in the layout of `oscap info` (data
 * streams with their checklists, checks and dictionaries; benchmarks with
 * status, profiles and referenced check files; tailoring; CPE and OVAL
 * documents). Reads straight from the DOM; it does not parse or resolve
 * benchmarks (xccdf_parse.c does that for evaluation).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/tree.h>

#include "xccdf/ds_int.h"

#define INFO_TITLE_MAX	4096	/* bytes of one title printed */
#define INFO_REFS_MAX	4096	/* distinct referenced check files */

static xmlNode *
elem_first(xmlNode *n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNode *
elem_next(xmlNode *n)
{
	return elem_first(n->next);
}

/* Same element of the same XCCDF namespace as the benchmark. */
static bool
is_x(const xmlNode *n, const xmlNode *bench, const char *name)
{
	return bench->ns != NULL &&
	    xccdf_ds_is(n, (const char *)bench->ns->href, name);
}

/* Whether an xml:lang value fits the wanted language: exact (case
 * insensitive) = 2, same primary subtag ("en" for "en-US") = 1. */
static int
lang_fit(const char *have, const char *want)
{
	size_t n;

	if (have == NULL || want == NULL)
		return 0;
	if (strcasecmp(have, want) == 0)
		return 2;
	n = strcspn(want, "-_");
	return strncasecmp(have, want, n) == 0 &&
	    (have[n] == '\0' || have[n] == '-') ? 1 : 0;
}

/*
 * The title child of parent in `lang` (exact, then the same language,
 * else the first title), as its first-level text with whitespace
 * collapsed. NULL when there is no title; the caller frees.
 */
static char *
title_of(xmlNode *parent, const xmlNode *bench, const char *lang)
{
	xmlNode *n, *best = NULL, *t;
	int best_fit = -1;
	struct ks_buf b;
	bool space = false;

	for (n = elem_first(parent->children); n; n = elem_next(n)) {
		int fit;

		if (!is_x(n, bench, "title"))
			continue;
		fit = lang_fit(xccdf_ds_attr(n, "lang",
		    (const char *)XML_XML_NAMESPACE), lang);
		if (fit > best_fit) {
			best = n;
			best_fit = fit;
		}
	}
	if (best == NULL)
		return NULL;
	ks_buf_init(&b, INFO_TITLE_MAX);
	for (t = best->children; t != NULL; t = t->next) {
		const char *s;

		if (t->type != XML_TEXT_NODE || t->content == NULL)
			continue;
		for (s = (const char *)t->content; *s != '\0'; s++) {
			if (*s == ' ' || *s == '\t' || *s == '\n' ||
			    *s == '\r') {
				space = b.len > 0;
				continue;
			}
			if ((space && ks_buf_putc(&b, ' ') != 0) ||
			    ks_buf_putc(&b, *s) != 0) {
				ks_error_clear();	/* cut, not fail */
				goto done;
			}
			space = false;
		}
	}
done:
	return ks_buf_steal(&b);
}

static void
indent(FILE *out, int n)
{
	while (n-- > 0)
		fputc('\t', out);
}

static void
print_imported(FILE *out, const char *path)
{
	struct stat st;
	struct tm tm;
	char buf[64];

	/* oscap prints the file's modification time, local time. */
	if (stat(path, &st) != 0 || localtime_r(&st.st_mtime, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return;
	fprintf(out, "Imported: %s\n", buf);
}

static void
print_profiles(FILE *out, xmlNode *parent, const xmlNode *ns_of,
    const char *lang, int ind)
{
	xmlNode *n;

	indent(out, ind);
	fputs("Profiles:\n", out);
	for (n = elem_first(parent->children); n; n = elem_next(n)) {
		char *title;

		if (!is_x(n, ns_of, "Profile"))
			continue;
		title = title_of(n, ns_of, lang);
		indent(out, ind + 1);
		fprintf(out, "Title: %s\n", title ? title : "(null)");
		indent(out, ind + 2);
		fprintf(out, "Id: %s\n", xccdf_ds_attr(n, "id", NULL) ?
		    xccdf_ds_attr(n, "id", NULL) : "(null)");
		free(title);
	}
}

struct check_file {
	const char	*href;
	const char	*system;
};

struct check_files {
	struct check_file	*v;
	size_t			 n, cap;
};

static void
add_check_file(struct check_files *cf, const char *href, const char *system)
{
	for (size_t i = 0; i < cf->n; i++)
		if (strcmp(cf->v[i].href, href) == 0 &&
		    strcmp(cf->v[i].system, system) == 0)
			return;
	if (cf->n >= INFO_REFS_MAX)
		return;
	ks_grow(&cf->v, &cf->cap, cf->n + 1, sizeof(*cf->v));
	cf->v[cf->n].href = href;
	cf->v[cf->n].system = system;
	cf->n++;
}

/*
 * Every (href, system) of the checks of the benchmark's rules, once each,
 * in document order (what oscap lists as "Referenced check files").
 * Descends only through Groups, Rules and complex-checks.
 */
static void
collect_check_files(xmlNode *parent, const xmlNode *bench,
    struct check_files *cf, int depth)
{
	xmlNode *n, *ref;

	if (depth > KS_XML_MAX_DEPTH)
		return;
	for (n = elem_first(parent->children); n; n = elem_next(n)) {
		if (is_x(n, bench, "Group") || is_x(n, bench, "Rule") ||
		    is_x(n, bench, "complex-check")) {
			collect_check_files(n, bench, cf, depth + 1);
			continue;
		}
		if (!is_x(n, bench, "check"))
			continue;
		const char *system = xccdf_ds_attr(n, "system", NULL);

		for (ref = elem_first(n->children); ref;
		    ref = elem_next(ref)) {
			const char *href = xccdf_ds_attr(ref, "href", NULL);

			if (is_x(ref, bench, "check-content-ref") &&
			    href != NULL)
				add_check_file(cf, href,
				    system ? system : "(null)");
		}
	}
}

/* The newest status (latest @date; the later one on a tie or without
 * dates), XCCDF 1.2 section 6.2.8. */
static xmlNode *
current_status(xmlNode *bench)
{
	xmlNode *n, *best = NULL;
	const char *best_date = NULL;

	for (n = elem_first(bench->children); n; n = elem_next(n)) {
		const char *d;

		if (!is_x(n, bench, "status"))
			continue;
		d = xccdf_ds_attr(n, "date", NULL);
		if (best == NULL || best_date == NULL ||
		    (d != NULL && strcmp(d, best_date) >= 0)) {
			best = n;
			best_date = d;
		}
	}
	return best;
}

static void
print_benchmark(FILE *out, xmlNode *bench, const char *lang, int ind)
{
	struct check_files cf = { 0 };
	xmlNode *st = current_status(bench);
	const char *resolved = xccdf_ds_attr(bench, "resolved", NULL);
	const char *date = st ? xccdf_ds_attr(st, "date", NULL) : NULL;
	xmlChar *status = st ? xmlNodeGetContent(st) : NULL;

	indent(out, ind);
	fprintf(out, "Status: %s\n", status ? (const char *)status : "(null)");
	xmlFree(status);
	indent(out, ind);
	fprintf(out, "Generated: %s\n", date ? date : "(null)");
	indent(out, ind);
	fprintf(out, "Resolved: %s\n", resolved != NULL &&
	    (strcmp(resolved, "1") == 0 || strcmp(resolved, "true") == 0) ?
	    "true" : "false");
	print_profiles(out, bench, bench, lang, ind);
	collect_check_files(bench, bench, &cf, 0);
	indent(out, ind);
	fputs("Referenced check files:\n", out);
	for (size_t i = 0; i < cf.n; i++) {
		indent(out, ind + 1);
		fprintf(out, "%s\n", cf.v[i].href);
		indent(out, ind + 2);
		fprintf(out, "system: %s\n", cf.v[i].system);
	}
	free(cf.v);
}

static void
print_tailoring(FILE *out, xmlNode *t, const char *lang, int ind)
{
	const char *hint = NULL;
	xmlNode *n;

	for (n = elem_first(t->children); n; n = elem_next(n))
		if (is_x(n, t, "benchmark")) {
			hint = xccdf_ds_attr(n, "href", NULL);
			break;
		}
	indent(out, ind);
	fprintf(out, "Benchmark Hint: %s\n", hint ? hint : "(null)");
	print_profiles(out, t, t, lang, ind);
}

/* One group of component-refs of a stream: "Checks:" / "No checks." */
static void
print_refs(FILE *out, xmlNode *stream, const char *group, const char *label)
{
	xmlNode *g, *n;
	int count = 0;

	for (g = elem_first(stream->children); g; g = elem_next(g))
		if (xccdf_ds_is(g, XCCDF_DS_NS, group))
			break;
	for (n = g ? elem_first(g->children) : NULL; n; n = elem_next(n)) {
		if (!xccdf_ds_is(n, XCCDF_DS_NS, "component-ref"))
			continue;
		if (count++ == 0)
			fprintf(out, "%s:\n", label);
		fprintf(out, "\tRef-Id: %s\n", xccdf_ds_attr(n, "id", NULL) ?
		    xccdf_ds_attr(n, "id", NULL) : "(null)");
	}
	if (count == 0) {
		char low[32];

		snprintf(low, sizeof(low), "%s", label);
		low[0] = (char)(low[0] - 'A' + 'a');
		fprintf(out, "No %s.\n", low);
	}
}

static void
print_stream(FILE *out, struct xccdf_content *c, xmlNode *stream,
    const char *lang)
{
	const char *ts = xccdf_ds_attr(stream, "timestamp", NULL);
	const char *ver = xccdf_ds_attr(stream, "scap-version", NULL);
	const char *id = xccdf_ds_attr(stream, "id", NULL);
	xmlNode *g, *n, *root;

	fprintf(out, "\nStream: %s\n", id ? id : "(null)");
	fprintf(out, "Generated: %s\n", ts ? ts : "(null)");
	fprintf(out, "Version: %s\n", ver ? ver : "(null)");
	fputs("Checklists:\n", out);
	for (g = elem_first(stream->children); g; g = elem_next(g))
		if (xccdf_ds_is(g, XCCDF_DS_NS, "checklists"))
			break;
	for (n = g ? elem_first(g->children) : NULL; n; n = elem_next(n)) {
		const char *rid = xccdf_ds_attr(n, "id", NULL);

		if (!xccdf_ds_is(n, XCCDF_DS_NS, "component-ref"))
			continue;
		fprintf(out, "\tRef-Id: %s\n", rid ? rid : "(null)");
		/* A broken ref is shown where it is and the listing goes
		 * on: info is for finding such things. */
		if (xccdf_ds_cref_target(c, n, &root, NULL) != 0) {
			fprintf(out, "\t\tUnresolved: %s\n", ks_error_msg());
			ks_error_clear();
			continue;
		}
		switch (xccdf_ds_kind_of_node(root)) {
		case XCCDF_DOC_BENCHMARK:
			print_benchmark(out, root, lang, 2);
			break;
		case XCCDF_DOC_TAILORING:
			print_tailoring(out, root, lang, 2);
			break;
		default:
			fprintf(out, "\t\tDocument type: %s\n",
			    xccdf_ds_kind_name(xccdf_ds_kind_of_node(root)));
			break;
		}
	}
	print_refs(out, stream, "checks", "Checks");
	print_refs(out, stream, "dictionaries", "Dictionaries");
}

static const char *
xccdf_version_of(const xmlNode *bench)
{
	if (bench->ns != NULL &&
	    strcmp((const char *)bench->ns->href, XCCDF_NS_11) == 0)
		return "1.1";
	return "1.2";
}

int
xccdf_info_print(struct xccdf_content *c, FILE *out, const char *lang)
{
	xmlNode *n;

	fprintf(out, "Document type: %s\n", xccdf_ds_kind_name(c->kind));
	switch (c->kind) {
	case XCCDF_DOC_DS_COLLECTION:
		print_imported(out, c->path);
		for (n = elem_first(c->root->children); n; n = elem_next(n))
			if (xccdf_ds_is(n, XCCDF_DS_NS, "data-stream"))
				print_stream(out, c, n, lang);
		break;
	case XCCDF_DOC_BENCHMARK:
		fprintf(out, "Checklist version: %s\n",
		    xccdf_version_of(c->root));
		print_imported(out, c->path);
		print_benchmark(out, c->root, lang, 0);
		break;
	case XCCDF_DOC_TAILORING:
		print_imported(out, c->path);
		print_tailoring(out, c->root, lang, 0);
		break;
	case XCCDF_DOC_OVAL_DEFS:
	case XCCDF_DOC_OVAL_RESULTS:
		fprintf(out, "OVAL version: %s\n", c->oval_version ?
		    c->oval_version : "(null)");
		fprintf(out, "Generated: %s\n", c->oval_timestamp ?
		    c->oval_timestamp : "(null)");
		print_imported(out, c->path);
		break;
	default:
		print_imported(out, c->path);
		break;
	}
	if (fflush(out) != 0 || ferror(out)) {
		ks_error_set("cannot write the description of %s", c->path);
		return KS_ERROR;
	}
	return 0;
}
