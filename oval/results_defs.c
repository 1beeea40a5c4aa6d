/*
 * Writes the copy of the source definitions that an OVAL results document
 * carries when its directives say include_source_definitions (the schema's
 * default): <oval_definitions> rebuilt from the compact model, streamed.
 * Whatever the model does not keep (notes, signatures, XML comments) is not
 * in the copy; the parser owns what the model keeps.
 */
#include "oval/results_int.h"

#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Families of tests, objects and states, declared once on the root. */
#define MAX_DEF_FAMILIES 64
struct def_families {
	const char *ns[MAX_DEF_FAMILIES];
	char prefix[MAX_DEF_FAMILIES][OVAL_RES_NS_MAX + 8];
	size_t n;
};

static const char *
fam_prefix(const struct def_families *f, const char *ns)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->ns[i] == ns || strcmp(f->ns[i], ns) == 0)
			return f->prefix[i];
	return NULL;
}

static int
fam_add(struct def_families *f, const char *ns, const char *what,
        const char *id, const char *path)
{
	if (ns != NULL && fam_prefix(f, ns) != NULL)
		return 0;
	if (!oval_res_ns_ok(ns)) {
		ks_error_set("%s: %s '%s' has a bad family '%s'", path, what,
		             id != NULL ? id : "", ns != NULL ? ns : "(null)");
		return KS_ERROR;
	}
	if (f->n == MAX_DEF_FAMILIES) {
		ks_error_set("%s: more than %d families", path,
		             MAX_DEF_FAMILIES);
		return KS_ELIMIT;
	}
	f->ns[f->n] = ns;
	(void)snprintf(f->prefix[f->n], sizeof(f->prefix[f->n]), "%s-def", ns);
	f->n++;
	return 0;
}

static int
fam_collect(struct def_families *f, const struct oval_defs *d, const char *path)
{
	int rc;

	f->n = 0;
	for (uint32_t i = 0; i < d->ntests; i++)
		if ((rc = fam_add(f, d->tests[i].ns, "test", d->tests[i].id,
		                  path)) < 0)
			return rc;
	for (uint32_t i = 0; i < d->nobjects; i++)
		if ((rc = fam_add(f, d->objects[i].ns, "object",
		                  d->objects[i].id, path)) < 0)
			return rc;
	for (uint32_t i = 0; i < d->nstates; i++)
		if ((rc = fam_add(f, d->states[i].ns, "state", d->states[i].id,
		                  path)) < 0)
			return rc;
	return 0;
}

/* ---- definitions ------------------------------------------------------------
 */

/* The <advisory> text kept by the parser is written as it is, but only when
 * it is a well-formed element on its own: a broken fragment must not make
 * the whole results document unreadable. */
static void
write_advisory(struct ks_xmlw *x, const char *xml)
{
	xmlDocPtr doc;
	size_t n = strlen(xml);

	if (ks_xmlw_status(x) != 0 || n == 0 || n > INT32_MAX)
		return;
	doc = xmlReadMemory(xml, (int)n, "advisory", NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR |
	                        XML_PARSE_NOWARNING);
	if (doc == NULL) {
		ks_warn("%s: advisory metadata is not well-formed XML; "
		        "left out of the results",
		        ks_xmlw_name(x));
		return;
	}
	xmlFreeDoc(doc);
	ks_xmlw_raw(x, xml, n);
}

static void
write_def_cnode(struct ks_xmlw *x, const struct oval_defs *d,
                const struct oval_cnode *n)
{
	switch (n->kind) {
	case OVAL_CN_CRITERIA:
		ks_xmlw_start(x, "oval-def:criteria");
		if (n->applicability_check >= 0)
			ks_xmlw_attr_bool(x, "applicability_check",
			                  n->applicability_check > 0);
		ks_xmlw_attr(x, "operator",
		                 oval_operator_name(n->operator));
		if (n->negate)
			ks_xmlw_attr(x, "negate", "true");
		ks_xmlw_attr(x, "comment", n->comment);
		for (uint32_t i = 0; i < n->nkids; i++)
			write_def_cnode(x, d, &n->kids[i]);
		ks_xmlw_end(x);
		break;
	case OVAL_CN_CRITERION:
		ks_xmlw_start(x, "oval-def:criterion");
		if (n->applicability_check >= 0)
			ks_xmlw_attr_bool(x, "applicability_check",
			                  n->applicability_check > 0);
		ks_xmlw_attr(x, "test_ref", d->tests[n->ref].id);
		if (n->negate)
			ks_xmlw_attr(x, "negate", "true");
		ks_xmlw_attr(x, "comment", n->comment);
		ks_xmlw_end(x);
		break;
	case OVAL_CN_EXTEND:
		ks_xmlw_start(x, "oval-def:extend_definition");
		if (n->applicability_check >= 0)
			ks_xmlw_attr_bool(x, "applicability_check",
			                  n->applicability_check > 0);
		ks_xmlw_attr(x, "definition_ref", d->defs[n->ref].id);
		if (n->negate)
			ks_xmlw_attr(x, "negate", "true");
		ks_xmlw_attr(x, "comment", n->comment);
		ks_xmlw_end(x);
		break;
	}
}

static bool
cnode_resolves(const struct oval_defs *d, const struct oval_cnode *n)
{
	if (n->kind == OVAL_CN_CRITERION)
		return n->ref < d->ntests;
	if (n->kind == OVAL_CN_EXTEND)
		return n->ref < d->ndefs;
	if (n->nkids == 0)
		return false;
	for (uint32_t i = 0; i < n->nkids; i++)
		if (!cnode_resolves(d, &n->kids[i]))
			return false;
	return true;
}

static void
write_definition(struct ks_xmlw *x, const struct oval_defs *d,
                 const struct oval_definition *def)
{
	ks_xmlw_start(x, "oval-def:definition");
	ks_xmlw_attr(x, "id", def->id);
	ks_xmlw_attr_u32(x, "version", def->version);
	ks_xmlw_attr(x, "class", oval_class_name(def->klass));
	if (def->deprecated)
		ks_xmlw_attr(x, "deprecated", "true");
	ks_xmlw_start(x, "oval-def:metadata");
	/* Vendor metadata in the source usually sits in the definitions
	 * namespace by default; keep it there. */
	if (def->advisory_xml != NULL)
		ks_xmlw_attr(x, "xmlns", OVAL_NS_DEF);
	ks_xmlw_elem(x, "oval-def:title", def->title);
	if (def->affected_family != NULL) {
		ks_xmlw_start(x, "oval-def:affected");
		ks_xmlw_attr(x, "family", def->affected_family);
		for (uint32_t i = 0; i < def->nplatforms; i++)
			ks_xmlw_elem(x, "oval-def:platform", def->platforms[i]);
		for (uint32_t i = 0; i < def->nproducts; i++)
			ks_xmlw_elem(x, "oval-def:product", def->products[i]);
		ks_xmlw_end(x);
	}
	for (uint32_t i = 0; i < def->nrefs; i++) {
		ks_xmlw_start(x, "oval-def:reference");
		ks_xmlw_attr(x, "source", def->refs[i].source);
		ks_xmlw_attr(x, "ref_id", def->refs[i].ref_id);
		ks_xmlw_attr(x, "ref_url", def->refs[i].ref_url);
		ks_xmlw_end(x);
	}
	ks_xmlw_elem(x, "oval-def:description", def->description);
	if (def->advisory_xml != NULL)
		write_advisory(x, def->advisory_xml);
	ks_xmlw_end(x);
	if (def->criteria != NULL && cnode_resolves(d, def->criteria))
		write_def_cnode(x, d, def->criteria);
	ks_xmlw_end(x);
}

/* ---- tests, objects, states -------------------------------------------------
 */

/* Attributes of an object or state entity, only where they differ from the
 * schema defaults (EntityAttributeGroup). */
static void
write_ent_attrs(struct ks_xmlw *x, const struct oval_defs *d,
                const struct oval_entity *e, bool state)
{
	if (e->dt != OVAL_DT_STRING)
		ks_xmlw_attr(x, "datatype", oval_datatype_name(e->dt));
	if (e->op != OVAL_OP_EQUALS)
		ks_xmlw_attr(x, "operation", oval_operation_name(e->op));
	if (e->mask)
		ks_xmlw_attr(x, "mask", "true");
	if (e->var != OVAL_NONE && e->var < d->nvars)
		ks_xmlw_attr(x, "var_ref", d->vars[e->var].id);
	if (e->has_var_check)
		ks_xmlw_attr(x, "var_check", oval_check_name(e->var_check));
	if (state && e->entity_check != OVAL_CHECK_ALL)
		ks_xmlw_attr(x, "entity_check",
		                 oval_check_name(e->entity_check));
	if (e->nil)
		ks_xmlw_attr(x, "xsi:nil", "true");
}

static void
write_entities(struct ks_xmlw *x, const struct oval_defs *d, const char *prefix,
               const struct oval_entity *ents, uint32_t n, bool state)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct oval_entity *e = &ents[i];

		ks_xmlw_start2(x, prefix, e->name);
		write_ent_attrs(x, d, e, state);
		if (e->dt == OVAL_DT_RECORD) {
			for (uint32_t f = 0; f < e->nfields; f++) {
				const struct oval_entity *fe = &e->fields[f];

				ks_xmlw_start(x, "oval-def:field");
				ks_xmlw_attr(x, "name", fe->name);
				write_ent_attrs(x, d, fe, true);
				ks_xmlw_text(x, fe->value);
				ks_xmlw_end(x);
			}
		} else if (!e->nil)
			ks_xmlw_text(x, e->value);
		ks_xmlw_end(x);
	}
}

static void
write_filters(struct ks_xmlw *x, const struct oval_defs *d,
              const struct oval_filter *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (f[i].state >= d->nstates)
			continue;
		ks_xmlw_start(x, "oval-def:filter");
		ks_xmlw_attr(x, "action", f[i].exclude ? "exclude" : "include");
		ks_xmlw_text(x, d->states[f[i].state].id);
		ks_xmlw_end(x);
	}
}

static void
write_set(struct ks_xmlw *x, const struct oval_defs *d,
          const struct oval_set *set)
{
	ks_xmlw_start(x, "oval-def:set");
	ks_xmlw_attr(x, "set_operator", oval_set_op_name(set->op));
	for (uint8_t i = 0; i < set->nsets && i < 2; i++)
		write_set(x, d, set->sets[i]);
	for (uint8_t i = 0; i < set->nobjs && i < 2; i++) {
		if (set->objs[i] >= d->nobjects)
			continue;
		ks_xmlw_elem(x, "oval-def:object_reference",
		             d->objects[set->objs[i]].id);
	}
	write_filters(x, d, set->filters, set->nfilters);
	ks_xmlw_end(x);
}

static void
write_test(struct ks_xmlw *x, const struct oval_defs *d,
           const struct def_families *fam, const struct oval_test *t)
{
	const char *prefix = fam_prefix(fam, t->ns);

	ks_xmlw_start2(x, prefix, t->type);
	ks_xmlw_attr(x, "id", t->id);
	ks_xmlw_attr_u32(x, "version", t->version);
	ks_xmlw_attr(x, "check_existence",
	                 oval_existence_name(t->check_existence));
	ks_xmlw_attr(x, "check", oval_check_name(t->check));
	if (t->state_operator != OVAL_OPR_AND)
		ks_xmlw_attr(x, "state_operator",
		                 oval_operator_name(t->state_operator));
	/* comment is required on a test (NonEmptyStringType). */
	ks_xmlw_attr(x, "comment",
	             t->comment != NULL && t->comment[0] != '\0' ? t->comment
	                                                         : t->id);
	if (t->deprecated)
		ks_xmlw_attr(x, "deprecated", "true");
	if (t->object != OVAL_NONE && t->object < d->nobjects) {
		ks_xmlw_start2(x, prefix, "object");
		ks_xmlw_attr(x, "object_ref", d->objects[t->object].id);
		ks_xmlw_end(x);
	}
	for (uint32_t i = 0; i < t->nstates; i++) {
		if (t->states[i] >= d->nstates)
			continue;
		ks_xmlw_start2(x, prefix, "state");
		ks_xmlw_attr(x, "state_ref", d->states[t->states[i]].id);
		ks_xmlw_end(x);
	}
	ks_xmlw_end(x);
}

static void
write_object(struct ks_xmlw *x, const struct oval_defs *d,
             const struct def_families *fam, const struct oval_object *o)
{
	const char *prefix = fam_prefix(fam, o->ns);

	ks_xmlw_start2(x, prefix, o->type);
	ks_xmlw_attr(x, "id", o->id);
	ks_xmlw_attr_u32(x, "version", o->version);
	ks_xmlw_attr(x, "comment", o->comment);
	if (o->deprecated)
		ks_xmlw_attr(x, "deprecated", "true");
	if (o->set != NULL) {
		write_set(x, d, o->set);
	} else {
		if (o->nbehaviors > 0) {
			ks_xmlw_start2(x, prefix, "behaviors");
			for (uint32_t i = 0; i < o->nbehaviors; i++)
				ks_xmlw_attr(x, o->behaviors[i].name,
				             o->behaviors[i].value);
			ks_xmlw_end(x);
		}
		if (strcmp(o->type, "variable_object") == 0 &&
		    o->var_ref_var < d->nvars)
			ks_xmlw_elem(x, "independent-def:var_ref",
			             d->vars[o->var_ref_var].id);
		write_entities(x, d, prefix, o->ents, o->nents, false);
		write_filters(x, d, o->filters, o->nfilters);
	}
	ks_xmlw_end(x);
}

static void
write_state(struct ks_xmlw *x, const struct oval_defs *d,
            const struct def_families *fam, const struct oval_state *st)
{
	const char *prefix = fam_prefix(fam, st->ns);

	ks_xmlw_start2(x, prefix, st->type);
	ks_xmlw_attr(x, "id", st->id);
	ks_xmlw_attr_u32(x, "version", st->version);
	if (st->operator!= OVAL_OPR_AND)
		ks_xmlw_attr(x, "operator",
		                 oval_operator_name(st->operator));
	ks_xmlw_attr(x, "comment", st->comment);
	if (st->deprecated)
		ks_xmlw_attr(x, "deprecated", "true");
	write_entities(x, d, prefix, st->ents, st->nents, true);
	ks_xmlw_end(x);
}

/* ---- variables --------------------------------------------------------------
 */

static const char *const comp_names[] = {
    [OVAL_COMP_LITERAL] = "oval-def:literal_component",
    [OVAL_COMP_OBJECT] = "oval-def:object_component",
    [OVAL_COMP_VARIABLE] = "oval-def:variable_component",
    [OVAL_COMP_ARITHMETIC] = "oval-def:arithmetic",
    [OVAL_COMP_BEGIN] = "oval-def:begin",
    [OVAL_COMP_END] = "oval-def:end",
    [OVAL_COMP_CONCAT] = "oval-def:concat",
    [OVAL_COMP_COUNT] = "oval-def:count",
    [OVAL_COMP_ESCAPE_REGEX] = "oval-def:escape_regex",
    [OVAL_COMP_GLOB_TO_REGEX] = "oval-def:glob_to_regex",
    [OVAL_COMP_REGEX_CAPTURE] = "oval-def:regex_capture",
    [OVAL_COMP_SPLIT] = "oval-def:split",
    [OVAL_COMP_SUBSTRING] = "oval-def:substring",
    [OVAL_COMP_TIME_DIFFERENCE] = "oval-def:time_difference",
    [OVAL_COMP_UNIQUE] = "oval-def:unique",
};

static void
write_component(struct ks_xmlw *x, const struct oval_defs *d,
                const struct oval_component *c, unsigned depth)
{
	if ((unsigned)c->kind >= sizeof(comp_names) / sizeof(comp_names[0]) ||
	    depth > KS_XML_MAX_DEPTH) {
		ks_error_set("%s: bad variable component", ks_xmlw_name(x));
		ks_xmlw_fail(x, KS_ERROR);
		return;
	}
	ks_xmlw_start(x, comp_names[c->kind]);
	switch (c->kind) {
	case OVAL_COMP_LITERAL:
		if (c->dt != OVAL_DT_STRING)
			ks_xmlw_attr(x, "datatype",
			                 oval_datatype_name(c->dt));
		ks_xmlw_text(x, c->value);
		break;
	case OVAL_COMP_OBJECT:
		if (c->ref < d->nobjects)
			ks_xmlw_attr(x, "object_ref", d->objects[c->ref].id);
		ks_xmlw_attr(x, "item_field", c->item_field);
		ks_xmlw_attr(x, "record_field", c->record_field);
		break;
	case OVAL_COMP_VARIABLE:
		if (c->ref < d->nvars)
			ks_xmlw_attr(x, "var_ref", d->vars[c->ref].id);
		break;
	case OVAL_COMP_ARITHMETIC:
		ks_xmlw_attr(x, "arithmetic_operation", c->arith_op);
		break;
	case OVAL_COMP_BEGIN:
	case OVAL_COMP_END:
		ks_xmlw_attr(x, "character", c->character);
		break;
	case OVAL_COMP_GLOB_TO_REGEX:
		if (c->glob_noescape)
			ks_xmlw_attr(x, "glob_noescape", "true");
		break;
	case OVAL_COMP_REGEX_CAPTURE:
		ks_xmlw_attr(x, "pattern", c->pattern);
		break;
	case OVAL_COMP_SPLIT:
		ks_xmlw_attr(x, "delimiter", c->delimiter);
		break;
	case OVAL_COMP_SUBSTRING:
		ks_xmlw_attr_i64(x, "substring_start", c->substring_start);
		ks_xmlw_attr_i64(x, "substring_length", c->substring_length);
		break;
	case OVAL_COMP_TIME_DIFFERENCE:
		ks_xmlw_attr(x, "format_1", c->format_1);
		ks_xmlw_attr(x, "format_2", c->format_2);
		break;
	default:
		break;
	}
	for (uint32_t i = 0; i < c->nargs; i++)
		write_component(x, d, &c->args[i], depth + 1);
	ks_xmlw_end(x);
}

static const char *const var_names[] = {
    [OVAL_VAR_CONSTANT] = "oval-def:constant_variable",
    [OVAL_VAR_EXTERNAL] = "oval-def:external_variable",
    [OVAL_VAR_LOCAL] = "oval-def:local_variable",
};

static void
write_variable(struct ks_xmlw *x, const struct oval_defs *d,
               const struct oval_variable *v)
{
	if ((unsigned)v->kind > OVAL_VAR_LOCAL) {
		ks_error_set("%s: variable '%s' of unknown kind",
		             ks_xmlw_name(x), v->id);
		ks_xmlw_fail(x, KS_ERROR);
		return;
	}
	ks_xmlw_start(x, var_names[v->kind]);
	ks_xmlw_attr(x, "id", v->id);
	ks_xmlw_attr_u32(x, "version", v->version);
	ks_xmlw_attr(x, "datatype", oval_datatype_name(v->dt));
	ks_xmlw_attr(x, "comment",
	             v->comment != NULL && v->comment[0] != '\0' ? v->comment
	                                                         : v->id);
	if (v->deprecated)
		ks_xmlw_attr(x, "deprecated", "true");
	switch (v->kind) {
	case OVAL_VAR_CONSTANT:
		for (uint32_t i = 0; i < v->nvalues; i++)
			ks_xmlw_elem(x, "oval-def:value", v->values[i]);
		break;
	case OVAL_VAR_EXTERNAL:
		for (uint32_t i = 0; i < v->npossibles; i++) {
			const struct oval_possible *p = &v->possibles[i];

			if (!p->is_restriction) {
				ks_xmlw_start(x, "oval-def:possible_value");
				ks_xmlw_attr(x, "hint",
				             p->hint != NULL ? p->hint : "");
				ks_xmlw_text(x, p->value);
				ks_xmlw_end(x);
				continue;
			}
			ks_xmlw_start(x, "oval-def:possible_restriction");
			if (p->operator!= OVAL_OPR_AND)
				ks_xmlw_attr(
				    x, "operator",
				    oval_operator_name(p->operator));
			ks_xmlw_attr(x, "hint", p->hint != NULL ? p->hint : "");
			for (uint32_t j = 0; j < p->nrestrictions; j++) {
				ks_xmlw_start(x, "oval-def:restriction");
				ks_xmlw_attr(
				    x, "operation",
				    oval_operation_name(p->restrictions[j].op));
				ks_xmlw_text(x, p->restrictions[j].value);
				ks_xmlw_end(x);
			}
			ks_xmlw_end(x);
		}
		break;
	case OVAL_VAR_LOCAL:
		if (v->comp != NULL)
			write_component(x, d, v->comp, 0);
		break;
	}
	ks_xmlw_end(x);
}

/* ---- the source document, copied as it is -------------------------------- */

#define COPY_CHUNK (1u << 20)

/* Whether the document prolog in buf declares an encoding other than UTF-8
 * (or US-ASCII, a subset): such a file cannot be copied byte for byte. */
static bool
prolog_utf8(const char *buf, size_t n)
{
	const char *end = memchr(buf, '>', n), *enc;
	char name[16];
	size_t i = 0;
	char q;

	if (n < 5 || strncmp(buf, "<?xml", 5) != 0)
		return true; /* no declaration: UTF-8 */
	if (end == NULL)
		return false;
	enc = strstr(buf, "encoding");
	if (enc == NULL || enc > end)
		return true;
	enc += 8;
	while (enc < end && (*enc == ' ' || *enc == '=' || *enc == '\t'))
		enc++;
	if (enc >= end || (*enc != '"' && *enc != '\''))
		return false;
	q = *enc++;
	while (enc < end && *enc != q && i < sizeof(name) - 1)
		name[i++] = *enc++;
	name[i] = '\0';
	return strcasecmp(name, "utf-8") == 0 ||
	       strcasecmp(name, "utf8") == 0 ||
	       strcasecmp(name, "us-ascii") == 0;
}

/*
 * Copies the <oval_definitions> element of the file the model was parsed
 * from, byte for byte: 5.11 asks for "an exact copy of the definitions
 * evaluated" (which the model, without notes, signatures or comments, cannot
 * give), and copying is far faster than rebuilding. Returns 1 when copied,
 * 0 when the file is not usable (gone, not UTF-8, a data stream rather than
 * a definitions document: the caller rebuilds from the model), or a KS_*
 * error once output has started.
 */
static int
copy_source(struct ks_xmlw *x, const struct oval_defs *d)
{
	FILE *fp;
	char *buf;
	size_t n, off = 0;
	const char *p, *gt;
	char last = '\0';
	int rc = 0;

	if (d->path == NULL || (fp = fopen(d->path, "rb")) == NULL)
		return 0;
	buf = ks_malloc(COPY_CHUNK + 1);
	n = fread(buf, 1, COPY_CHUNK, fp);
	buf[n] = '\0';
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	if (!prolog_utf8(buf + off, n - off))
		goto out;
	/* Skip the prolog: declaration, comments, processing instructions
	 * and a doctype (no internal subset in OVAL content). */
	p = buf + off;
	for (;;) {
		p = memchr(p, '<', (size_t)(buf + n - p));
		if (p == NULL || p + 1 >= buf + n)
			goto out;
		if (p[1] != '?' && p[1] != '!')
			break;
		if (strncmp(p, "<!--", 4) == 0) {
			if ((p = strstr(p, "-->")) == NULL)
				goto out;
		} else if ((gt = memchr(p, '>', (size_t)(buf + n - p))) ==
		               NULL ||
		           memchr(p, '[', (size_t)(gt - p)) != NULL)
			goto out;
		else
			p = gt;
	}
	/* The root must be oval_definitions (a data stream is not copied). */
	gt = p + 1;
	while (gt < buf + n && *gt != ' ' && *gt != '>' && *gt != '\t' &&
	       *gt != '\n' && *gt != '\r' && *gt != '/')
		gt++;
	if ((size_t)(gt - p) < 17 ||
	    strncmp(gt - 16, "oval_definitions", 16) != 0 ||
	    (gt - 17 != p && gt[-17] != ':'))
		goto out;
	/* A NUL cannot be in a document the parser accepted: the file
	 * changed since. Nothing is written yet, so rebuild instead. */
	if (memchr(p, '\0', (size_t)(buf + n - p)) != NULL)
		goto out;
	rc = 1;
	for (;;) {
		ks_xmlw_raw(x, p, (size_t)(buf + n - p));
		last = n > 0 ? buf[n - 1] : last;
		if (ks_xmlw_status(x) != 0) {
			rc = ks_xmlw_status(x);
			break;
		}
		if ((n = fread(buf, 1, COPY_CHUNK, fp)) == 0)
			break;
		p = buf;
		if (memchr(buf, '\0', n) != NULL) {
			ks_error_set("%s: NUL byte in the definitions",
			             d->path);
			ks_xmlw_fail(x, KS_EPARSE);
			rc = KS_EPARSE;
			break;
		}
	}
	if (rc == 1 && ferror(fp)) {
		ks_error_set("%s: read error while copying", d->path);
		ks_xmlw_fail(x, KS_ERROR);
		rc = KS_ERROR;
	}
	/* Most files end without a newline after the root's end tag: keep
	 * the next element on its own line. */
	if (rc == 1 && last != '\n')
		ks_xmlw_raw(x, "\n", 1);
out:
	free(buf);
	fclose(fp);
	return rc;
}

void
oval_res_defs_elem(struct ks_xmlw *x, const struct oval_defs *d,
    int64_t when)
{
	struct def_families fam;
	char uri[sizeof(OVAL_NS_DEF) + OVAL_RES_NS_MAX + 2];
	char attr[OVAL_RES_NS_MAX + 16];
	int rc;

	if (ks_xmlw_status(x) != 0)
		return;
	if ((rc = copy_source(x, d)) != 0)
		return;
	/* Advisories are checked with libxml2: set up as every parse is. */
	ks_xml_init();
	if ((rc = fam_collect(&fam, d, ks_xmlw_name(x))) < 0) {
		ks_xmlw_fail(x, rc);
		return;
	}
	ks_xmlw_start(x, "oval-def:oval_definitions");
	ks_xmlw_attr(x, "xmlns:oval-def", OVAL_NS_DEF);
	ks_xmlw_attr(x, "xmlns:xsi", OVAL_NS_XSI);
	for (size_t i = 0; i < fam.n; i++) {
		(void)snprintf(uri, sizeof(uri), "%s#%s", OVAL_NS_DEF,
		               fam.ns[i]);
		(void)snprintf(attr, sizeof(attr), "xmlns:%s", fam.prefix[i]);
		ks_xmlw_attr(x, attr, uri);
	}
	/* variable_object's var_ref lives in the independent namespace even
	 * when no independent test declared it. */
	if (fam_prefix(&fam, "independent") == NULL)
		ks_xmlw_attr(x, "xmlns:independent-def",
		             OVAL_NS_DEF "#independent");
	oval_res_generator(x, "oval-def:generator", when);
	if (d->ndefs > 0) {
		ks_xmlw_start(x, "oval-def:definitions");
		for (uint32_t i = 0; i < d->ndefs && oval_xw_ok(x); i++)
			write_definition(x, d, &d->defs[i]);
		ks_xmlw_end(x);
	}
	if (d->ntests > 0) {
		ks_xmlw_start(x, "oval-def:tests");
		for (uint32_t i = 0; i < d->ntests && oval_xw_ok(x); i++)
			write_test(x, d, &fam, &d->tests[i]);
		ks_xmlw_end(x);
	}
	if (d->nobjects > 0) {
		ks_xmlw_start(x, "oval-def:objects");
		for (uint32_t i = 0; i < d->nobjects && oval_xw_ok(x); i++)
			write_object(x, d, &fam, &d->objects[i]);
		ks_xmlw_end(x);
	}
	if (d->nstates > 0) {
		ks_xmlw_start(x, "oval-def:states");
		for (uint32_t i = 0; i < d->nstates && oval_xw_ok(x); i++)
			write_state(x, d, &fam, &d->states[i]);
		ks_xmlw_end(x);
	}
	if (d->nvars > 0) {
		ks_xmlw_start(x, "oval-def:variables");
		for (uint32_t i = 0; i < d->nvars && oval_xw_ok(x); i++)
			write_variable(x, d, &d->vars[i]);
		ks_xmlw_end(x);
	}
	ks_xmlw_end(x);
}
