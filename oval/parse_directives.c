/*
 * Reads an OVAL directives document (oval-directives-5): which definition
 * results the OVAL results document reports, full or thin, globally and
 * (5.11) per definition class. Writing results by them is results_*.c's
 * job.
 */
#include <string.h>

#include <libxml/xmlreader.h>

#include "oval/parse_int.h"

/* DirectivesType children in the order of enum oval_result. */
static const char *const directive_names[OVAL_R_COUNT] = {
	"definition_true", "definition_false", "definition_unknown",
	"definition_error", "definition_not_evaluated",
	"definition_not_applicable",
};

/*
 * Fills d with the defaults of an OVAL results document without
 * directives: every result reported, full content, no class overrides,
 * source definitions included (DefaultDirectivesType's default).
 */
void
oval_directives_default(struct oval_directives *d)
{
	int r, k;

	memset(d, 0, sizeof(*d));
	for (r = 0; r < OVAL_R_COUNT; r++) {
		d->def[r].reported = true;
		d->def[r].full = true;
		for (k = 0; k < OVAL_CLASS_COUNT; k++) {
			d->cls[k][r].reported = true;
			d->cls[k][r].full = true;
		}
	}
	d->include_source_definitions = true;
}

/* Reads the definition_* children of a (class_)directives element into
 * set[]. OVAL 5.11 DirectiveType: reported required, content optional
 * with default "full". */
static int
read_directives(struct oval_pctx *c, struct oval_directive *set)
{
	struct oval_pchild it;
	struct oval_pattrs a;
	int rc, r, b;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (strcmp(oval_p_ns(c), OVAL_NS_RES) != 0 &&
		    strcmp(oval_p_ns(c), OVAL_NS_DIR) != 0)
			continue;
		for (r = 0; r < OVAL_R_COUNT; r++)
			if (strcmp(oval_p_local(c), directive_names[r]) == 0)
				break;
		if (r == OVAL_R_COUNT)
			continue;
		rc = oval_p_attrs(c, &a);
		if (rc < 0)
			return rc;
		b = a.v[PA_REPORTED] ? oval_p_bool(a.v[PA_REPORTED]) : -1;
		if (b < 0) {
			ks_error_set("%s:%d: %s: %s reported attribute",
			    c->name, oval_p_line(c), directive_names[r],
			    a.v[PA_REPORTED] ? "bad" : "missing");
			return KS_EPARSE;
		}
		set[r].reported = b == 1;
		set[r].full = true;
		if (a.v[PA_CONTENT]) {
			if (strcmp(a.v[PA_CONTENT], "thin") == 0) {
				set[r].full = false;
			} else if (strcmp(a.v[PA_CONTENT], "full") != 0) {
				ks_error_set("%s:%d: %s: unknown content "
				    "'%s'", c->name, oval_p_line(c),
				    directive_names[r], a.v[PA_CONTENT]);
				return KS_EPARSE;
			}
		}
	}
	return rc;
}

static int
read_doc(struct oval_pctx *c, struct oval_directives *d)
{
	struct oval_pchild it;
	struct oval_pattrs a;
	int rc, k, b;

	for (;;) {
		rc = ks_xml_reader_next(c->r);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			ks_error_set("%s: empty document", c->name);
			return KS_EPARSE;
		}
		if (xmlTextReaderNodeType(c->r) == XML_READER_TYPE_ELEMENT)
			break;
	}
	if (!oval_p_is(c, OVAL_NS_DIR, "oval_directives")) {
		ks_error_set("%s:%d: not an OVAL directives document (root "
		    "element %s)", c->name, oval_p_line(c), oval_p_local(c));
		return KS_EPARSE;
	}
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (oval_p_is(c, OVAL_NS_DIR, "directives")) {
			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			if (a.v[PA_INCLUDE_SOURCE_DEFINITIONS]) {
				b = oval_p_bool(
				    a.v[PA_INCLUDE_SOURCE_DEFINITIONS]);
				if (b < 0) {
					ks_error_set("%s:%d: bad "
					    "include_source_definitions '%s'",
					    c->name, oval_p_line(c),
					    a.v[PA_INCLUDE_SOURCE_DEFINITIONS]);
					return KS_EPARSE;
				}
				d->include_source_definitions = b == 1;
			}
			rc = read_directives(c, d->def);
		} else if (oval_p_is(c, OVAL_NS_DIR, "class_directives")) {
			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			k = a.v[PA_CLASS] ? oval_class_parse(a.v[PA_CLASS]) :
			    -1;
			if (k < 0) {
				ks_error_set("%s:%d: class_directives: %s "
				    "class", c->name, oval_p_line(c),
				    a.v[PA_CLASS] ? "unknown" : "missing");
				return KS_EPARSE;
			}
			/* The schema requires all six children; one left
			 * out falls back to the global directive. */
			memcpy(d->cls[k], d->def, sizeof(d->cls[k]));
			d->has_class[k] = true;
			rc = read_directives(c, d->cls[k]);
		}
		if (rc < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	while ((rc = ks_xml_reader_next(c->r)) > 0)
		;
	return rc;
}

/*
 * Reads the directives document `path` into *d, which starts from
 * oval_directives_default. Returns 0, or KS_EPARSE (message "file:line:
 * ...") for a malformed document, a wrong root or a bad attribute; *d is
 * then left at the defaults.
 */
int
oval_directives_read(struct oval_directives *d, const char *path)
{
	struct oval_pctx c;
	size_t i;
	int rc;

	oval_directives_default(d);
	memset(&c, 0, sizeof(c));
	for (i = 0; i < PA__COUNT; i++)
		c.aoff[i] = SIZE_MAX;
	ks_buf_init(&c.text, KS_XML_MAX_TEXT);
	ks_buf_init(&c.abuf, KS_XML_MAX_TEXT);
	rc = ks_xml_reader_open(&c.r, path);
	if (rc == 0) {
		c.name = ks_xml_reader_name(c.r);
		if (c.name == NULL)
			c.name = path;
		rc = read_doc(&c, d);
	}
	if (rc < 0)
		oval_directives_default(d);
	ks_buf_free(&c.text);
	ks_buf_free(&c.abuf);
	ks_xml_reader_free(c.r);
	return rc;
}
