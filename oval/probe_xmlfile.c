/*
 * xmlfilecontent_object: the value of an XPath 1.0 expression over an XML
 * file of the target, with libxml2. The document is loaded by the safe
 * loader (no network, no DTD, no external entities). Which files:
 * probe_files.c.
 */
#include "oval/probe_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

struct xf {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const char			**xpaths;
	uint32_t			 nxpaths;
	bool				 item_errors;
};

static void
start_item(struct xf *x, struct oval_item *it, const char *filepath,
    const char *path, const char *filename, const char *xpath)
{
	probe_item_init(it, "independent", "xmlfilecontent_item");
	probe_item_add(x->s, it, "filepath", filepath, OVAL_DT_STRING);
	probe_item_add(x->s, it, "path", path, OVAL_DT_STRING);
	probe_item_add(x->s, it, "filename", filename, OVAL_DT_STRING);
	if (xpath != NULL)
		probe_item_add(x->s, it, "xpath", xpath, OVAL_DT_STRING);
}

static void
error_item(struct xf *x, const char *filepath, const char *path,
    const char *filename, const char *xpath, const char *why)
{
	struct oval_item it;

	start_item(x, &it, filepath, path, filename, xpath);
	it.status = OVAL_ST_ERROR;
	probe_item_msg(x->s, &it, "error", "%s: %s", filepath, why);
	probe_item_commit(x->s, x->c, &it);
	x->item_errors = true;
}

static void
add_value(struct xf *x, struct oval_item *it, xmlChar *v)
{
	probe_item_add(x->s, it, "value_of", v != NULL ? (const char *)v : "",
	    OVAL_DT_STRING);
	xmlFree(v);
}

/* libxml2 reports XPath errors through the (thread-local) structured error
 * handler; while evaluating, ours keeps the first message for the item
 * instead of printing it on stderr. (The XPath context's own handler gets
 * no message text in libxml2 2.9.) */
static void
xpath_error(void *payload, xmlErrorPtr err)
{
	char *buf = payload;
	size_t n;

	if (buf[0] != '\0' || err == NULL || err->message == NULL)
		return;
	snprintf(buf, 256, "%s", err->message);
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
}

/*
 * Evaluates one XPath over doc into an item. independent-definitions-schema
 * xmlfilecontent_object xpath: "Specifies an XPath 1.0 expression to
 * evaluate against the XML file"; the item's value_of holds "the value(s)
 * of the XPath": the string value of every node of a node-set, or the one
 * value of a string, number or boolean.
 */
static void
eval_xpath(struct xf *x, xmlDocPtr doc, const char *filepath,
    const char *path, const char *filename, const char *xpath)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr res;
	xmlNodePtr root;
	struct oval_item it;
	char why[256] = "";
	xmlStructuredErrorFunc old_handler;
	void *old_payload;

	ctx = xmlXPathNewContext(doc);
	if (ctx == NULL) {
		error_item(x, filepath, path, filename, xpath,
		    "out of memory for XPath");
		return;
	}
	/* Let the expression use the prefixes the document's root declares
	 * (a default namespace has no prefix and cannot be named in XPath
	 * 1.0: that is the language, not a limitation here). */
	root = xmlDocGetRootElement(doc);
	for (xmlNsPtr ns = root != NULL ? root->nsDef : NULL; ns != NULL;
	    ns = ns->next)
		if (ns->prefix != NULL && ns->href != NULL)
			(void)xmlXPathRegisterNs(ctx, ns->prefix, ns->href);
	old_handler = xmlStructuredError;
	old_payload = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(why, xpath_error);
	res = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlSetStructuredErrorFunc(old_payload, old_handler);
	if (res == NULL) {
		char *m = ks_asprintf("XPath '%s' is not a valid XPath 1.0 "
		    "expression%s%s", xpath, why[0] != '\0' ? ": " : "", why);

		error_item(x, filepath, path, filename, xpath, m);
		free(m);
		xmlXPathFreeContext(ctx);
		return;
	}
	start_item(x, &it, filepath, path, filename, xpath);
	switch (res->type) {
	case XPATH_NODESET:
		if (res->nodesetval == NULL || res->nodesetval->nodeNr == 0) {
			/* Nothing selected: the item exists (the file does),
			 * its value_of does not. */
			probe_item_add_status(x->s, &it, "value_of",
			    OVAL_DT_STRING, OVAL_ST_DOES_NOT_EXIST);
			break;
		}
		for (int i = 0; i < res->nodesetval->nodeNr; i++)
			add_value(x, &it, xmlXPathCastNodeToString(
			    res->nodesetval->nodeTab[i]));
		break;
	case XPATH_BOOLEAN:
	case XPATH_NUMBER:
	case XPATH_STRING:
		add_value(x, &it, xmlXPathCastToString(res));
		break;
	default:
		it.status = OVAL_ST_ERROR;
		probe_item_msg(x->s, &it, "error", "XPath '%s': result of an "
		    "unsupported type", xpath);
		x->item_errors = true;
		break;
	}
	probe_item_commit(x->s, x->c, &it);
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(ctx);
}

static int
file_cb(const char *filepath, const char *path, const char *filename,
    void *payload)
{
	struct xf *x = payload;
	xmlDocPtr doc = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;

	ks_error_clear();
	rc = plat_fs_read_file(x->s->target, filepath, PROBE_XML_MAX, &data,
	    &len);
	if (rc == KS_ENOTFOUND) {
		ks_error_clear();
		return 0;
	}
	if (rc < 0) {
		for (uint32_t i = 0; i < x->nxpaths; i++)
			error_item(x, filepath, path, filename, x->xpaths[i],
			    rc == KS_ELIMIT ? "file larger than 64 MiB: not "
			    "read" : ks_error_msg());
		return 0;
	}
	ks_error_clear();
	rc = ks_xml_doc_read_mem(&doc, data, len, filepath);
	free(data);
	if (rc < 0) {
		for (uint32_t i = 0; i < x->nxpaths; i++)
			error_item(x, filepath, path, filename, x->xpaths[i],
			    ks_error_msg());
		return 0;
	}
	for (uint32_t i = 0; i < x->nxpaths; i++)
		eval_xpath(x, doc, filepath, path, filename, x->xpaths[i]);
	xmlFreeDoc(doc);
	return 0;
}

int
probe_xmlfile_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct xf x = { .s = s, .o = o, .c = c };
	const struct oval_entity *xp = probe_ent(o, "xpath");
	struct probe_files_result res;
	int rc;

	ks_error_clear();
	if (xp == NULL) {
		ks_error_set("the xpath entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	/* The xpath is an expression to evaluate, not a value to match: only
	 * equals has a meaning (each value of a var_ref is evaluated). */
	rc = probe_ent_literals(s, xp, &x.xpaths, &x.nxpaths);
	if (rc == KS_EUNSUPPORTED)
		ks_error_set("xpath: operation '%s' is not supported, only "
		    "'equals'", oval_operation_name(xp->op));
	if (rc < 0) {
		probe_fail(s, o, c, NULL);
		return 0;
	}
	ks_xml_init();
	ks_error_clear();
	rc = probe_files_foreach(s, o, c, file_cb, &x, &res);
	if (rc < 0)
		probe_fail(s, o, c, NULL);
	else
		probe_finish_flag(s, o, c, x.item_errors, res.incomplete);
	free(x.xpaths);
	return 0;
}
