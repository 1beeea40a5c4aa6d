/*
 * XCCDF texts for people: choosing the xml:lang variant of a title or
 * description and rendering it as plain text with <sub> substituted
 * (XCCDF 1.2 sections 6.2.4-6.2.7). Not an HTML renderer: markup is
 * dropped, its text kept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/xccdf_int.h"
#include "xccdf/xccdf_parse_int.h"

#define TEXT_MAX	(4u << 20)	/* rendered text, bytes */
#define WARNED_MAX	16

/* The primary subtag's length ("ja" of "ja-JP"). */
static size_t
primary_len(const char *l)
{
	size_t n = 0;

	while (l[n] != '\0' && l[n] != '-' && l[n] != '_')
		n++;
	return n;
}

static bool
same_primary(const char *a, const char *b)
{
	size_t na = primary_len(a), nb = primary_len(b);

	return na == nb && strncasecmp(a, b, na) == 0;
}

const struct xccdf_text *
xccdf_text_pick(const struct xccdf_bench *b, const struct xccdf_texts *t,
    const char *lang)
{
	uint32_t i;

	if (t == NULL || t->n == 0)
		return NULL;
	if (lang != NULL && *lang != '\0') {
		for (i = 0; i < t->n; i++)
			if (t->v[i].lang != NULL &&
			    strcasecmp(t->v[i].lang, lang) == 0)
				return &t->v[i];
		for (i = 0; i < t->n; i++)
			if (t->v[i].lang != NULL &&
			    same_primary(t->v[i].lang, lang))
				return &t->v[i];
	}
	if (b != NULL && b->lang != NULL) {
		for (i = 0; i < t->n; i++)
			if (t->v[i].lang != NULL &&
			    strcasecmp(t->v[i].lang, b->lang) == 0)
				return &t->v[i];
	}
	return &t->v[0];
}

struct render {
	const struct xccdf_bench	*b;
	const struct xccdf_policy	*p;
	struct ks_buf			 out;
	bool				 space;	/* space pending */
	char				*warned[WARNED_MAX];
	uint32_t			 nwarned;
	int				 depth;
};

/* Appends s with whitespace runs collapsed to one space (trimmed at the
 * start; a trailing run stays pending). */
static void
put_text(struct render *r, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			r->space = true;
			continue;
		}
		if (r->space && r->out.len > 0)
			(void)ks_buf_putc(&r->out, ' ');
		r->space = false;
		(void)ks_buf_putc(&r->out, (char)ch);
	}
}

/* XHTML elements that separate words when their markup is dropped. */
static bool
is_block(const xmlNode *n)
{
	static const char *const blocks[] = {
		"br", "p", "div", "li", "ul", "ol", "pre", "tr", "td", "th",
		"table", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt",
		"blockquote", "hr", NULL,
	};
	size_t i;

	for (i = 0; blocks[i] != NULL; i++)
		if (strcmp((const char *)n->name, blocks[i]) == 0)
			return true;
	return false;
}

static void render_nodes(struct render *r, const xmlNode *n);

static void
warn_unknown(struct render *r, const char *idref)
{
	uint32_t i;

	for (i = 0; i < r->nwarned; i++)
		if (strcmp(r->warned[i], idref) == 0)
			return;
	if (r->nwarned < WARNED_MAX)
		r->warned[r->nwarned++] = ks_strdup(idref);
	ks_warn("<sub idref=\"%s\">: no such Value or plain-text, "
	    "substituted with nothing", idref);
}

/* <sub idref="V"/> (section 6.2.7): the Value's effective value (1.2
 * use="title": its title), or a plain-text's text. */
static void
render_sub(struct render *r, const xmlNode *n)
{
	xmlChar *idref = xmlGetProp(n, (const xmlChar *)"idref");
	xmlChar *use = xmlGetProp(n, (const xmlChar *)"use");
	const xmlNode *pt;
	uint32_t i;

	if (idref == NULL)
		goto out;
	i = xccdf_bench_find(r->b, (const char *)idref);
	if (i != XCCDF_NONE &&
	    r->b->items[i].type == XCCDF_ITEM_VALUE) {
		const struct xccdf_item *it = &r->b->items[i];

		if (use != NULL && strcmp((const char *)use, "title") == 0) {
			const struct xccdf_text *t =
			    xccdf_text_pick(r->b, &it->title, NULL);

			if (t != NULL && r->depth < 8) {
				r->depth++;
				render_nodes(r, t->node->children);
				r->depth--;
			}
		} else if (r->p != NULL && r->p->value[i] != NULL) {
			put_text(r, r->p->value[i]);
		} else {
			put_text(r, xccdf_value_pick(it, NULL, NULL));
		}
	} else if ((pt = xccdf_bench_plain_text(r->b,
	    (const char *)idref)) != NULL) {
		render_nodes(r, pt->children);
	} else {
		warn_unknown(r, (const char *)idref);
	}
out:
	xmlFree(idref);
	xmlFree(use);
}

static void
render_nodes(struct render *r, const xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				put_text(r, (const char *)n->content);
			break;
		case XML_ELEMENT_NODE:
			if (xccdf_xml_is(n, "sub")) {
				render_sub(r, n);
				break;
			}
			if (is_block(n))
				r->space = true;
			render_nodes(r, n->children);
			if (is_block(n))
				r->space = true;
			break;
		default:
			break;
		}
	}
}

char *
xccdf_text_plain(const struct xccdf_bench *b, const struct xccdf_policy *p,
    const struct _xmlNode *node)
{
	struct render r;
	uint32_t i;

	memset(&r, 0, sizeof(r));
	r.b = b;
	r.p = p;
	ks_buf_init(&r.out, TEXT_MAX);
	(void)ks_buf_puts(&r.out, "");
	if (node != NULL)
		render_nodes(&r, node->children);
	for (i = 0; i < r.nwarned; i++)
		free(r.warned[i]);
	return ks_buf_steal(&r.out);
}

char *
xccdf_item_title(const struct xccdf_bench *b, const struct xccdf_policy *p,
    uint32_t item, const char *lang)
{
	const struct xccdf_text *t;

	if (b == NULL || item >= b->nitems)
		return NULL;
	t = xccdf_text_pick(b, &b->items[item].title, lang);
	if (t == NULL)
		return NULL;
	return xccdf_text_plain(b, p, t->node);
}
