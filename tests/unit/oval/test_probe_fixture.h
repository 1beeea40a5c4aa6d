/*
 * Shared fixture of the collector tests (tests/unit/oval/test_probe_*.c):
 * a directory root built in a temp dir (or an in-memory target), a small
 * OVAL definitions document parsed from a string, a session, and helpers
 * to run one object's collector and read its items. Each test program
 * includes it once; everything here is static.
 */
#ifndef KS_TEST_PROBE_FIXTURE_H
#define KS_TEST_PROBE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oval/oval_int.h"
#include "tests/unit/test_tmp.h"

/* Not every test program uses every helper. */
#define FX_UNUSED __attribute__((unused))

struct fx {
	struct plat_target	*t;
	struct oval_defs	*d;
	struct oval_session	*s;
	char			 root[64];	/* "" for non-root targets */
};

/* A fresh temp dir as a directory-root target. */
FX_UNUSED static void
fx_root(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->root, sizeof(f->root), "/tmp/kensa-probe-XXXXXX");
	/* Removed at exit if a failed assertion skips fx_free. */
	assert_non_null(test_tmp_dir(f->root));
	assert_int_equal(plat_target_root_new(&f->t, f->root), 0);
}

FX_UNUSED static void
fx_mkdirs(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(buf, 0755);
			*p = '/';
		}
	(void)mkdir(buf, 0755);
}

/* Writes ROOT/path (parents created) with len bytes of data. */
FX_UNUSED static void
fx_write(struct fx *f, const char *path, const void *data, size_t len)
{
	char full[4096], dir[4096];
	FILE *fp;

	snprintf(full, sizeof(full), "%s%s", f->root, path);
	snprintf(dir, sizeof(dir), "%s", full);
	*strrchr(dir, '/') = '\0';
	fx_mkdirs(dir);
	fp = fopen(full, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

FX_UNUSED static void
fx_file(struct fx *f, const char *path, const char *text)
{
	fx_write(f, path, text, strlen(text));
}

FX_UNUSED static void
fx_dir(struct fx *f, const char *path)
{
	char full[4096];

	snprintf(full, sizeof(full), "%s%s", f->root, path);
	fx_mkdirs(full);
}

/* Copies a host file into ROOT/path. */
FX_UNUSED static void
fx_copy(struct fx *f, const char *host, const char *path)
{
	char *data = NULL;
	size_t len = 0;

	assert_int_equal(ks_file_read(host, 1u << 24, &data, &len), 0);
	fx_write(f, path, data, len);
	free(data);
}

#define FX_NS_DEF "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define FX_IND "xmlns=\"" FX_NS_DEF "#independent\""
#define FX_LINUX "xmlns=\"" FX_NS_DEF "#linux\""
#define FX_UNIX "xmlns=\"" FX_NS_DEF "#unix\""

/*
 * Parses a definitions document holding `objects` and `states` (filters;
 * may be NULL) and `variables` (may be NULL), and opens a session on the
 * fixture's target.
 */
FX_UNUSED static void
fx_load_states(struct fx *f, const char *objects, const char *states,
    const char *variables)
{
	char *doc = ks_asprintf(
	    "<?xml version=\"1.0\"?>\n"
	    "<oval_definitions xmlns=\"" FX_NS_DEF "\" "
	    "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
	    "<generator><oval:schema_version>5.11.2</oval:schema_version>"
	    "<oval:timestamp>2024-01-01T00:00:00</oval:timestamp>"
	    "</generator>\n<objects>%s</objects>%s%s%s%s%s%s"
	    "</oval_definitions>\n",
	    objects, states != NULL ? "<states>" : "",
	    states != NULL ? states : "", states != NULL ? "</states>" : "",
	    variables != NULL ? "<variables>" : "",
	    variables != NULL ? variables : "",
	    variables != NULL ? "</variables>" : "");
	int rc = oval_defs_parse_mem(&f->d, doc, strlen(doc), "test.xml");

	if (rc != 0)
		fprintf(stderr, "parse: %s\n", ks_error_msg());
	assert_int_equal(rc, 0);
	free(doc);
	rc = oval_session_new(&f->s, f->d, f->t, NULL);
	if (rc != 0)
		fprintf(stderr, "session: %s\n", ks_error_msg());
	assert_int_equal(rc, 0);
}

/* fx_load_states without states. */
FX_UNUSED static void
fx_load(struct fx *f, const char *objects, const char *variables)
{
	fx_load_states(f, objects, NULL, variables);
}

/* Runs the collector of object `id` (directly, not through sets or
 * caching) and returns its collected object. */
FX_UNUSED static struct oval_collected *
fx_collect(struct fx *f, const char *id)
{
	uint32_t i = oval_defs_find(f->d->obj_ids, id);
	const struct oval_object *o;
	const struct oval_probe *p;

	assert_int_not_equal(i, OVAL_NONE);
	o = &f->d->objects[i];
	p = oval_probe_find(o->ns, o->type);
	assert_non_null(p);
	assert_int_equal(p->collect(f->s, o, &f->s->sc.objs[i]), 0);
	return &f->s->sc.objs[i];
}

FX_UNUSED static const struct oval_item *
fx_item(struct fx *f, const struct oval_collected *c, uint32_t k)
{
	assert_true(k < c->nitems);
	return &f->s->sc.items[c->items[k]];
}

/* The nth (0-based) entity called name of an item, or NULL. */
FX_UNUSED static const struct oval_item_ent *
fx_ent(const struct oval_item *it, const char *name, int nth)
{
	for (uint32_t i = 0; i < it->nents; i++)
		if (strcmp(it->ents[i].name, name) == 0 && nth-- == 0)
			return &it->ents[i];
	return NULL;
}

/* The value of the nth entity called name ("(absent)" / "(nil)"). */
FX_UNUSED static const char *
fx_val(const struct oval_item *it, const char *name, int nth)
{
	const struct oval_item_ent *e = fx_ent(it, name, nth);

	if (e == NULL)
		return "(absent)";
	return e->value != NULL ? e->value : "(nil)";
}

FX_UNUSED static int
fx_count(const struct oval_item *it, const char *name)
{
	int n = 0;

	for (uint32_t i = 0; i < it->nents; i++)
		n += strcmp(it->ents[i].name, name) == 0;
	return n;
}

/* Whether some message of c contains needle. */
FX_UNUSED static bool
fx_msg_has(const struct oval_collected *c, const char *needle)
{
	for (uint32_t i = 0; i < c->nmsgs; i++)
		if (strstr(c->msgs[i].text, needle) != NULL)
			return true;
	return false;
}

/* The entity names of an item joined with ",", to check schema order. */
FX_UNUSED static const char *
fx_order(const struct oval_item *it)
{
	static char buf[512];
	size_t n = 0;

	buf[0] = '\0';
	for (uint32_t i = 0; i < it->nents; i++) {
		int k = snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i > 0 ? "," : "", it->ents[i].name);

		if (k < 0 || (size_t)k >= sizeof(buf) - n)
			break;
		n += (size_t)k;
	}
	return buf;
}

FX_UNUSED static void
fx_free(struct fx *f)
{
	oval_session_free(f->s);
	oval_defs_free(f->d);
	plat_target_free(f->t);
	if (f->root[0] != '\0')
		test_tmp_done(f->root);
	memset(f, 0, sizeof(*f));
}

#endif /* KS_TEST_PROBE_FIXTURE_H */
