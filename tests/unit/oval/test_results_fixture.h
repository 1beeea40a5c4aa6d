/*
 * Shared by the test_results_*.c suites: a small definitions document, a
 * hand-built evaluated session over it (items of three families, a record,
 * a nil entity, an error item with a message, variable values), schema
 * validation against the official OVAL 5.11.2 schemas, and temp dirs.
 * Not a test itself; every function is static (each suite is one program).
 */
#ifndef KS_TEST_RESULTS_FIXTURE_H
#define KS_TEST_RESULTS_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "oval/oval_int.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif
#define FX_SCHEMA KS_SRCDIR "/data/schemas/oval-results-all.xsd"

static const char fx_defs_xml[] =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<oval_definitions "
    "xmlns='http://oval.mitre.org/XMLSchema/oval-definitions-5'"
    " xmlns:oval='http://oval.mitre.org/XMLSchema/oval-common-5'"
    " xmlns:linux='http://oval.mitre.org/XMLSchema/oval-definitions-5#linux'"
    " xmlns:unix='http://oval.mitre.org/XMLSchema/oval-definitions-5#unix'"
    " xmlns:ind='http://oval.mitre.org/XMLSchema/"
    "oval-definitions-5#independent'>"
    "<generator><oval:schema_version>5.11.2</oval:schema_version>"
    "<oval:timestamp>2024-01-01T00:00:00</oval:timestamp></generator>"
    "<definitions>"
    "<definition id='oval:t:def:1' version='3' class='vulnerability'>"
    " <metadata><title>bash &lt;5.2 &amp; co</title>"
    "  <affected family='unix'><platform>Ubuntu 22.04</platform></affected>"
    "  <reference source='CVE' ref_id='CVE-2024-0001'"
    "   ref_url='https://example.org/CVE-2024-0001'/>"
    "  <description>d1</description></metadata>"
    " <criteria operator='OR'>"
    "  <criterion test_ref='oval:t:tst:1' comment='bash old'/>"
    "  <criteria operator='AND' negate='true'>"
    "   <criterion test_ref='oval:t:tst:2' negate='true'/>"
    "   <extend_definition definition_ref='oval:t:def:2'"
    "    applicability_check='true'/>"
    "  </criteria>"
    " </criteria></definition>"
    "<definition id='oval:t:def:2' version='1' class='inventory'>"
    " <metadata><title>t2</title><description>d2</description></metadata>"
    " <criteria><criterion test_ref='oval:t:tst:3'/></criteria></definition>"
    "<definition id='oval:t:def:3' version='1' class='compliance'>"
    " <metadata><title>t3</title><description>d3</description></metadata>"
    " <criteria><criterion test_ref='oval:t:tst:4'/></criteria></definition>"
    "<definition id='oval:t:def:4' version='2' class='patch'>"
    " <metadata><title>t4</title><description>d4</description></metadata>"
    " <criteria><criterion test_ref='oval:t:tst:5'/></criteria></definition>"
    "</definitions>"
    "<tests>"
    "<linux:dpkginfo_test id='oval:t:tst:1' version='1' check='all'"
    " comment='bash'><linux:object object_ref='oval:t:obj:1'/>"
    " <linux:state state_ref='oval:t:ste:1'/></linux:dpkginfo_test>"
    "<ind:textfilecontent54_test id='oval:t:tst:2' version='2' check='all'"
    " check_existence='all_exist' comment='conf'>"
    " <ind:object object_ref='oval:t:obj:2'/>"
    " <ind:state state_ref='oval:t:ste:2'/></ind:textfilecontent54_test>"
    "<unix:file_test id='oval:t:tst:3' version='1' check='at least one'"
    " comment='dir'><unix:object object_ref='oval:t:obj:3'/></unix:file_test>"
    "<ind:family_test id='oval:t:tst:4' version='1' check='only one'"
    " comment='fam'><ind:object object_ref='oval:t:obj:4'/></ind:family_test>"
    "<ind:textfilecontent54_test id='oval:t:tst:5' version='1' check='all'"
    " state_operator='OR' comment='unreadable'>"
    " <ind:object object_ref='oval:t:obj:5'/></ind:textfilecontent54_test>"
    "</tests>"
    "<objects>"
    "<linux:dpkginfo_object id='oval:t:obj:1' version='1' comment='bash pkg'>"
    " <linux:name>bash</linux:name></linux:dpkginfo_object>"
    "<ind:textfilecontent54_object id='oval:t:obj:2' version='1'>"
    " <ind:filepath>/etc/x.conf</ind:filepath>"
    " <ind:pattern operation='pattern match'>^a(\\d+)b(.*)$</ind:pattern>"
    " <ind:instance datatype='int' operation='greater than or equal'>1"
    " </ind:instance></ind:textfilecontent54_object>"
    "<unix:file_object id='oval:t:obj:3' version='1'>"
    " <unix:behaviors recurse_direction='down' max_depth='1'/>"
    " <unix:path>/etc/dir</unix:path><unix:filename xsi:nil='true'"
    "  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'/>"
    "</unix:file_object>"
    "<ind:family_object id='oval:t:obj:4' version='1'/>"
    "<ind:textfilecontent54_object id='oval:t:obj:5' version='1'>"
    " <ind:filepath>/root/secret</ind:filepath>"
    " <ind:pattern operation='pattern match'>.*</ind:pattern>"
    " <ind:instance datatype='int'>1</ind:instance>"
    "</ind:textfilecontent54_object>"
    "</objects>"
    "<states>"
    "<linux:dpkginfo_state id='oval:t:ste:1' version='1'>"
    " <linux:evr datatype='debian_evr_string' operation='less than'>"
    "0:5.2-1</linux:evr></linux:dpkginfo_state>"
    "<ind:textfilecontent54_state id='oval:t:ste:2' version='1'>"
    " <ind:subexpression var_ref='oval:t:var:1' var_check='at least one'/>"
    "</ind:textfilecontent54_state>"
    "</states>"
    "<variables>"
    "<constant_variable id='oval:t:var:1' version='1' datatype='string'"
    " comment='c'><value>12</value><value>13</value></constant_variable>"
    "<local_variable id='oval:t:var:2' version='1' datatype='string'"
    " comment='l'><concat><literal_component>a</literal_component>"
    "<variable_component var_ref='oval:t:var:1'/></concat></local_variable>"
    "</variables>"
    "</oval_definitions>\n";

/* Indexes into the parsed model, looked up by id. */
static inline uint32_t
fx_idx(const struct ks_map *m, const char *id)
{
	uint32_t i = oval_defs_find(m, id);

	assert_int_not_equal(i, OVAL_NONE);
	return i;
}

static inline const char *
fx_str(struct oval_session *s, const char *v)
{
	return ks_strpool_intern(s->pool, v, strlen(v));
}

static inline struct oval_item_ent *
fx_ent(struct oval_item *it, struct oval_session *s, const char *name,
       const char *value, enum oval_datatype dt)
{
	struct oval_item_ent *e;

	it->ents = ks_realloc(it->ents, (it->nents + 1) * sizeof(*it->ents));
	e = &it->ents[it->nents++];
	memset(e, 0, sizeof(*e));
	e->name = fx_str(s, name);
	e->value = value != NULL ? fx_str(s, value) : NULL;
	e->dt = dt;
	e->status = OVAL_ST_EXISTS;
	return e;
}

static inline void
fx_field(struct oval_item_ent *rec, struct oval_session *s, const char *name,
         const char *value, enum oval_datatype dt, bool mask)
{
	struct oval_item_ent *f;

	rec->fields =
	    ks_realloc(rec->fields, (rec->nfields + 1) * sizeof(*rec->fields));
	f = &rec->fields[rec->nfields++];
	memset(f, 0, sizeof(*f));
	f->name = fx_str(s, name);
	f->value = fx_str(s, value);
	f->dt = dt;
	f->mask = mask;
}

static inline struct oval_item *
fx_item(struct oval_session *s, const char *ns, const char *type)
{
	struct oval_item *it;

	ks_grow(&s->sc.items, &s->sc.items_cap, s->sc.nitems + 1,
	        sizeof(*s->sc.items));
	it = &s->sc.items[s->sc.nitems++];
	memset(it, 0, sizeof(*it));
	it->id = s->sc.nitems;
	it->ns = fx_str(s, ns);
	it->type = fx_str(s, type);
	return it;
}

static inline void
fx_msg(struct oval_session *s, struct oval_message **m, uint32_t *n,
       const char *level, const char *text)
{
	*m = ks_realloc(*m, (*n + 1) * sizeof(**m));
	(*m)[*n].level = fx_str(s, level);
	(*m)[*n].text = fx_str(s, text);
	(*n)++;
}

static inline void
fx_collect(struct oval_session *s, const char *obj_id, enum oval_flag flag,
           const uint32_t *items, uint32_t nitems)
{
	struct oval_collected *c =
	    &s->sc.objs[fx_idx(s->defs->obj_ids, obj_id)];

	c->done = true;
	c->flag = flag;
	c->items = ks_malloc((nitems + 1) * sizeof(*c->items));
	memcpy(c->items, items, nitems * sizeof(*items));
	c->nitems = nitems;
}

static inline void
fx_test(struct oval_session *s, const char *test_id, enum oval_result r,
        uint32_t item, enum oval_result ir)
{
	struct oval_test_result *t =
	    &s->test_res[fx_idx(s->defs->test_ids, test_id)];

	t->done = true;
	t->result = r;
	if (item != OVAL_NONE) {
		t->items = ks_malloc(sizeof(*t->items));
		t->items[0].item = item;
		t->items[0].result = ir;
		t->nitems = 1;
	}
}

static inline void
fx_def(struct oval_session *s, const char *def_id, enum oval_result r)
{
	uint32_t i = fx_idx(s->defs->def_ids, def_id);

	s->def_res[i].state = 2;
	s->def_res[i].result = r;
}

/* An empty session over d, as oval_session_new would leave it. */
static inline struct oval_session *
fx_session_empty(struct oval_defs *d)
{
	struct oval_session *s = ks_calloc(1, sizeof(*s));

	s->defs = d;
	assert_int_equal(ks_strpool_new(&s->pool), 0);
	s->sc.objs = ks_calloc(d->nobjects + 1, sizeof(*s->sc.objs));
	s->test_res = ks_calloc(d->ntests + 1, sizeof(*s->test_res));
	s->def_res = ks_calloc(d->ndefs + 1, sizeof(*s->def_res));
	return s;
}

/* The evaluated session the suites write. */
static inline struct oval_session *
fx_session(struct oval_defs *d)
{
	struct oval_session *s = fx_session_empty(d);
	struct oval_item *it;
	struct oval_item_ent *e;
	struct oval_collected *c;
	struct oval_test_result *t;
	uint32_t one;

	s->sc.sysinfo.os_name = ks_strdup("Ubuntu");
	s->sc.sysinfo.os_version = ks_strdup("22.04");
	s->sc.sysinfo.architecture = ks_strdup("x86_64");
	/* hostname left NULL: written empty, the element is required */
	s->sc.sysinfo.ifaces = ks_calloc(1, sizeof(*s->sc.sysinfo.ifaces));
	s->sc.sysinfo.ifaces[0].name = ks_strdup("eth0");
	s->sc.sysinfo.ifaces[0].ip = ks_strdup("192.0.2.1");
	s->sc.sysinfo.ifaces[0].mac = ks_strdup("00:11:22:33:44:55");
	s->sc.sysinfo.nifaces = 1;

	/* item 0: a package */
	it = fx_item(s, "linux", "dpkginfo_item");
	fx_ent(it, s, "name", "bash", OVAL_DT_STRING);
	fx_ent(it, s, "arch", "amd64", OVAL_DT_STRING);
	fx_ent(it, s, "epoch", "0", OVAL_DT_STRING);
	fx_ent(it, s, "release", "1ubuntu1", OVAL_DT_STRING);
	fx_ent(it, s, "version", "5.1", OVAL_DT_STRING);
	fx_ent(it, s, "evr", "0:5.1-1ubuntu1", OVAL_DT_DEBIAN_EVR_STRING);
	/* item 1: a text line with subexpressions needing escapes */
	it = fx_item(s, "independent", "textfilecontent_item");
	fx_ent(it, s, "filepath", "/etc/x.conf", OVAL_DT_STRING);
	fx_ent(it, s, "path", "/etc", OVAL_DT_STRING);
	fx_ent(it, s, "filename", "x.conf", OVAL_DT_STRING);
	fx_ent(it, s, "pattern", "^a(\\d+)b(.*)$", OVAL_DT_STRING);
	fx_ent(it, s, "instance", "1", OVAL_DT_INT);
	fx_ent(it, s, "text", "a12b<&>\"'\ttab", OVAL_DT_STRING);
	fx_ent(it, s, "subexpression", "12", OVAL_DT_STRING);
	fx_ent(it, s, "subexpression", "  <&>\"'\ttab\r\n ", OVAL_DT_STRING);
	fx_ent(it, s, "subexpression", " ", OVAL_DT_STRING);
	/* item 2: a directory: nil filename, an entity not collected */
	it = fx_item(s, "unix", "file_item");
	fx_ent(it, s, "filepath", "/etc/dir", OVAL_DT_STRING);
	fx_ent(it, s, "path", "/etc/dir", OVAL_DT_STRING);
	fx_ent(it, s, "filename", NULL, OVAL_DT_STRING);
	fx_ent(it, s, "type", "directory", OVAL_DT_STRING);
	e = fx_ent(it, s, "user_id", NULL, OVAL_DT_INT);
	e->status = OVAL_ST_NOT_COLLECTED;
	/* item 3: a record */
	it = fx_item(s, "independent", "sql57_item");
	fx_ent(it, s, "version", "15", OVAL_DT_STRING);
	fx_ent(it, s, "connection_string", "db", OVAL_DT_STRING);
	fx_ent(it, s, "sql", "SELECT user, uid FROM t", OVAL_DT_STRING);
	e = fx_ent(it, s, "result", NULL, OVAL_DT_RECORD);
	fx_field(e, s, "user", "root", OVAL_DT_STRING, false);
	fx_field(e, s, "uid", "0", OVAL_DT_INT, true);
	/* item 4: an error with a message */
	it = fx_item(s, "independent", "textfilecontent_item");
	it->status = OVAL_ST_ERROR;
	fx_msg(s, &it->msgs, &it->nmsgs, "error",
	       "/root/secret: permission "
	       "denied");
	fx_ent(it, s, "filepath", "/root/secret", OVAL_DT_STRING);

	one = 0;
	fx_collect(s, "oval:t:obj:1", OVAL_FLAG_COMPLETE, &one, 1);
	one = 1;
	fx_collect(s, "oval:t:obj:2", OVAL_FLAG_COMPLETE, &one, 1);
	c = &s->sc.objs[fx_idx(d->obj_ids, "oval:t:obj:2")];
	c->varvals = ks_malloc(2 * sizeof(*c->varvals));
	c->varvals[0].var = fx_idx(d->var_ids, "oval:t:var:1");
	c->varvals[0].value = fx_str(s, "12");
	c->varvals[1].var = fx_idx(d->var_ids, "oval:t:var:1");
	c->varvals[1].value = fx_str(s, "13");
	c->nvarvals = 2;
	one = 2;
	fx_collect(s, "oval:t:obj:3", OVAL_FLAG_COMPLETE, &one, 1);
	one = 4;
	fx_collect(s, "oval:t:obj:5", OVAL_FLAG_ERROR, &one, 1);
	c = &s->sc.objs[fx_idx(d->obj_ids, "oval:t:obj:5")];
	fx_msg(s, &c->msgs, &c->nmsgs, "error", "permission denied");
	/* obj:4 (family) was never collected: it must not be listed. */

	fx_test(s, "oval:t:tst:1", OVAL_R_TRUE, 0, OVAL_R_TRUE);
	fx_test(s, "oval:t:tst:2", OVAL_R_FALSE, 1, OVAL_R_FALSE);
	t = &s->test_res[fx_idx(d->test_ids, "oval:t:tst:2")];
	t->varvals = ks_malloc(sizeof(*t->varvals));
	t->varvals[0].var = fx_idx(d->var_ids, "oval:t:var:1");
	t->varvals[0].value = fx_str(s, "12");
	t->nvarvals = 1;
	fx_test(s, "oval:t:tst:3", OVAL_R_TRUE, 2, OVAL_R_TRUE);
	fx_test(s, "oval:t:tst:5", OVAL_R_ERROR, 4, OVAL_R_ERROR);
	s->test_res[fx_idx(d->test_ids, "oval:t:tst:5")].msg =
	    fx_str(s, "/root/secret: permission denied");

	fx_def(s, "oval:t:def:1", OVAL_R_TRUE);
	fx_def(s, "oval:t:def:2", OVAL_R_TRUE);
	fx_def(s, "oval:t:def:4", OVAL_R_ERROR);
	/* def:3 never evaluated: "not evaluated" */
	return s;
}

static inline void
fx_session_free(struct oval_session *s)
{
	struct plat_sysinfo *si;

	if (s == NULL)
		return;
	for (uint32_t i = 0; i < s->sc.nitems; i++) {
		struct oval_item *it = &s->sc.items[i];

		for (uint32_t j = 0; j < it->nents; j++)
			free(it->ents[j].fields);
		free(it->ents);
		free(it->msgs);
	}
	free(s->sc.items);
	for (uint32_t i = 0; i < s->defs->nobjects; i++) {
		free(s->sc.objs[i].items);
		free(s->sc.objs[i].msgs);
		free(s->sc.objs[i].varvals);
	}
	free(s->sc.objs);
	for (uint32_t i = 0; i < s->defs->ntests; i++) {
		free(s->test_res[i].items);
		free(s->test_res[i].varvals);
	}
	free(s->test_res);
	free(s->def_res);
	si = &s->sc.sysinfo;
	free(si->os_name);
	free(si->os_version);
	free(si->architecture);
	free(si->hostname);
	for (size_t i = 0; i < si->nifaces; i++) {
		free(si->ifaces[i].name);
		free(si->ifaces[i].ip);
		free(si->ifaces[i].mac);
	}
	free(si->ifaces);
	ks_strpool_free(s->pool);
	free(s);
}

static inline struct oval_defs *
fx_defs(void)
{
	struct oval_defs *d = NULL;
	int rc = oval_defs_parse_mem(&d, fx_defs_xml, sizeof(fx_defs_xml) - 1,
	                             "fixture.xml");

	if (rc < 0)
		fprintf(stderr, "fixture: %s\n", ks_error_msg());
	assert_int_equal(rc, 0);
	return d;
}

/* ---- schema validation ------------------------------------------------------
 */

static xmlSchemaPtr fx_schema_cached;

static inline void
fx_schema_free(void)
{
	if (fx_schema_cached != NULL)
		xmlSchemaFree(fx_schema_cached);
	fx_schema_cached = NULL;
}

static inline void
fx_schema_err(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* 0 when the file validates against the OVAL 5.11.2 schemas (results,
 * system characteristics, definitions and the independent, linux and unix
 * families through data/schemas/oval-results-all.xsd). */
static inline int
fx_validate(const char *path)
{
	xmlSchemaValidCtxtPtr v;
	int rc;

	if (fx_schema_cached == NULL) {
		xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(FX_SCHEMA);

		assert_non_null(p);
		xmlSchemaSetParserErrors(p, fx_schema_err, fx_schema_err, NULL);
		fx_schema_cached = xmlSchemaParse(p);
		xmlSchemaFreeParserCtxt(p);
		assert_non_null(fx_schema_cached);
	}
	v = xmlSchemaNewValidCtxt(fx_schema_cached);
	assert_non_null(v);
	xmlSchemaSetValidErrors(v, fx_schema_err, fx_schema_err, NULL);
	rc = xmlSchemaValidateFile(v, path, 0);
	xmlSchemaFreeValidCtxt(v);
	return rc;
}

/* ---- XPath over a written file ----------------------------------------------
 */

struct fx_doc {
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

static inline void
fx_doc_open(struct fx_doc *fd, const char *path)
{
	fd->doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	assert_non_null(fd->doc);
	fd->xp = xmlXPathNewContext(fd->doc);
	assert_non_null(fd->xp);
	xmlXPathRegisterNs(fd->xp, BAD_CAST "r",
	                   BAD_CAST
	                   "http://oval.mitre.org/XMLSchema/oval-results-5");
	xmlXPathRegisterNs(
	    fd->xp, BAD_CAST "sc",
	    BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5");
	xmlXPathRegisterNs(
	    fd->xp, BAD_CAST "d",
	    BAD_CAST "http://oval.mitre.org/XMLSchema/oval-definitions-5");
	xmlXPathRegisterNs(
	    fd->xp, BAD_CAST "lsc",
	    BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
	    "#linux");
	xmlXPathRegisterNs(
	    fd->xp, BAD_CAST "isc",
	    BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
	    "#independent");
	xmlXPathRegisterNs(
	    fd->xp, BAD_CAST "usc",
	    BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
	    "#unix");
	xmlXPathRegisterNs(fd->xp, BAD_CAST "c",
	                   BAD_CAST
	                   "http://oval.mitre.org/XMLSchema/oval-common-5");
}

static inline void
fx_doc_close(struct fx_doc *fd)
{
	xmlXPathFreeContext(fd->xp);
	xmlFreeDoc(fd->doc);
}

/* The string value of an XPath expression (number/count as "%g"). */
static inline char *
fx_xpath(struct fx_doc *fd, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, fd->xp);
	xmlChar *v;
	char *out;

	assert_non_null(o);
	v = xmlXPathCastToString(o);
	out = ks_strdup((const char *)v);
	xmlFree(v);
	xmlXPathFreeObject(o);
	return out;
}

static inline void
fx_assert_xpath(struct fx_doc *fd, const char *expr, const char *want)
{
	char *got = fx_xpath(fd, expr);

	if (strcmp(got, want) != 0)
		fprintf(stderr, "xpath %s: got '%s', want '%s'\n", expr, got,
		        want);
	assert_string_equal(got, want);
	free(got);
}

/* ---- temp dirs
 * ---------------------------------------------------------------- */

static inline char *
fx_tmpdir(void)
{
	char *t = ks_strdup("/tmp/kensa-results-XXXXXX");

	assert_non_null(mkdtemp(t));
	return t;
}

static inline size_t
fx_dir_count(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static inline void
fx_rmdir(char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[4096];

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			(void)snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

static inline char *
fx_path(const char *dir, const char *name)
{
	return ks_asprintf("%s/%s", dir, name);
}

#endif /* KS_TEST_RESULTS_FIXTURE_H */
