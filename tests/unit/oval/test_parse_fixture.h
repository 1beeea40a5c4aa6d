/*
 * Shared by the tests of oval/parse_*.c: an in-memory definitions document
 * skeleton, parse helpers and the path of the shared test data (the OVAL
 * Test Content and vendor feeds beside the repository, as tests/e2e uses).
 */
#ifndef KS_TEST_PARSE_FIXTURE_H
#define KS_TEST_PARSE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oval/oval_int.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif
#define FX_TESTDATA KS_SRCDIR "/../shared/testdata"

#define FX_NS_DEF "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define FX_HEAD								\
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"			\
	"<oval_definitions xmlns=\"" FX_NS_DEF "\"\n"			\
	" xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\"\n" \
	" xmlns:oval-def=\"" FX_NS_DEF "\"\n"				\
	" xmlns:ind=\"" FX_NS_DEF "#independent\"\n"			\
	" xmlns:linux=\"" FX_NS_DEF "#linux\"\n"			\
	" xmlns:unix=\"" FX_NS_DEF "#unix\"\n"				\
	" xmlns:win=\"" FX_NS_DEF "#windows\"\n"			\
	" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"	\
	"<generator><oval:schema_version>5.11.2</oval:schema_version>"	\
	"</generator>\n"
#define FX_TAIL "</oval_definitions>\n"

/* A whole document from its body (definitions, tests, ... sections). */
#define FX_DOC(body) FX_HEAD body FX_TAIL

static inline int
fx_parse(struct oval_defs **d, const char *xml)
{
	return oval_defs_parse_mem(d, xml, strlen(xml), "t.xml");
}

static inline struct oval_defs *
fx_parse_ok(const char *xml)
{
	struct oval_defs *d = NULL;
	int rc = fx_parse(&d, xml);

	if (rc != 0)
		fprintf(stderr, "parse failed: %s\n", ks_error_msg());
	assert_int_equal(rc, 0);
	assert_non_null(d);
	return d;
}

static inline uint32_t
fx_find(const struct ks_map *ids, const char *id)
{
	uint32_t i = oval_defs_find(ids, id);

	if (i == OVAL_NONE)
		fprintf(stderr, "id %s not found\n", id);
	assert_int_not_equal(i, OVAL_NONE);
	return i;
}

#define FX_DEF(d, id)	(&(d)->defs[fx_find((d)->def_ids, (id))])
#define FX_TEST(d, id)	(&(d)->tests[fx_find((d)->test_ids, (id))])
#define FX_OBJ(d, id)	(&(d)->objects[fx_find((d)->obj_ids, (id))])
#define FX_STATE(d, id)	(&(d)->states[fx_find((d)->state_ids, (id))])
#define FX_VAR(d, id)	(&(d)->vars[fx_find((d)->var_ids, (id))])

/* Asserts that `hay` contains `needle` (with a readable failure). */
static inline void
fx_contains(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL) {
		fprintf(stderr, "'%s' does not contain '%s'\n",
		    hay ? hay : "(null)", needle);
		fail();
	}
}

/* Writes `text` to a new file in a new temporary directory; the caller
 * removes both with fx_unlink. */
static inline char *
fx_write_tmp(const char *text, const char *name)
{
	char dir[] = "/tmp/kensa-parse-XXXXXX";
	char *path;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	path = ks_asprintf("%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

static inline void
fx_unlink(char *path)
{
	char *slash;

	unlink(path);
	slash = strrchr(path, '/');
	if (slash) {
		*slash = '\0';
		rmdir(path);
	}
	free(path);
}

#endif /* KS_TEST_PARSE_FIXTURE_H */
