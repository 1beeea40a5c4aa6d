/*
 * libFuzzer target for xccdf/ds.c and xccdf/xccdf_info.c: arbitrary bytes
 * loaded as SCAP content from memory, then kind detection, checklist
 * selection (default, by ids, with tailoring), href resolution of every
 * check-content-ref of a data stream's benchmark, the dictionaries and the
 * `info` description. Plain benchmarks are not resolved: their hrefs name
 * files on disk.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "xccdf/ds_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
dict_cb(struct _xmlNode *root, const void *ctx, void *payload)
{
	struct xccdf_content *c = payload;
	struct xccdf_resource r;

	/* The hrefs a CPE dictionary's checks would use. */
	(void)xccdf_content_resolve(c, NULL, ctx, "x-cpe-oval.xml", &r);
	return root == NULL ? 1 : 0;
}

/* Resolves every check-content-ref href under n (bounded walk). */
static void
resolve_all(struct xccdf_content *c, const struct xccdf_ds_checklist *cl,
    xmlNode *n, int depth, int *budget)
{
	for (; n != NULL && *budget > 0; n = n->next) {
		const char *href;
		struct xccdf_resource r;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		(*budget)--;
		href = xccdf_ds_attr(n, "href", NULL);
		if (href != NULL &&
		    strcmp((const char *)n->name, "check-content-ref") == 0 &&
		    xccdf_content_resolve(c, cl, NULL, href, &r) == 0 &&
		    r.root == NULL && r.path == NULL)
			__builtin_trap();	/* success gives a result */
		if (depth < 64)
			resolve_all(c, cl, n->children, depth + 1, budget);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xccdf_eval_opts o = { 0 };
	struct xccdf_content *c = NULL;
	struct xccdf_ds_checklist cl;
	FILE *null;
	int budget = 2000;

	ks_xml_init();
	if (xccdf_content_open_mem(&c, (const char *)data, size, "fuzz.xml")
	    != 0) {
		if (strncmp(ks_error_msg(), "fuzz.xml", 8) != 0)
			__builtin_trap();
		return 0;
	}
	if ((null = fopen("/dev/null", "w")) != NULL) {
		(void)xccdf_info_print(c, null, "en");
		fclose(null);
	}
	if (xccdf_content_kind(c) == XCCDF_DOC_DS_COLLECTION) {
		if (xccdf_content_checklist(c, NULL, &cl) == 0) {
			if (cl.benchmark == NULL)
				__builtin_trap();
			resolve_all(c, &cl, cl.benchmark, 0, &budget);
			(void)xccdf_content_foreach_dict(c, &cl, dict_cb, c);
		}
		o.datastream_id = "scap_org.open-scap_datastream_1";
		o.xccdf_id = "scap_org.open-scap_cref_x";
		o.tailoring_id = "t";
		(void)xccdf_content_checklist(c, &o, &cl);
		o.xccdf_id = NULL;
		o.datastream_id = NULL;
		o.benchmark_id = "xccdf_b";
		o.fetch_remote = true;
		(void)xccdf_content_checklist(c, &o, &cl);
	}
	xccdf_content_free(c);
	return 0;
}
