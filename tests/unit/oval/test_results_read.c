/*
 * Tests of oval_syschar_read (oval/results_read.c): a system-characteristics
 * document written by oval_syschar_write reads back into the same items and
 * collected objects; malformed or inconsistent documents fail with
 * "file:line" messages and leave the session as it was.
 */
#include "test_results_fixture.h"

struct r_fix {
	struct oval_defs *d;
	struct oval_session *src; /* written */
	struct oval_session *dst; /* read back */
	char *dir;
	char *out;
};

static int
setup(void **state)
{
	struct r_fix *f = ks_calloc(1, sizeof(*f));

	f->d = fx_defs();
	f->src = fx_session(f->d);
	f->dst = fx_session_empty(f->d);
	f->dir = fx_tmpdir();
	f->out = fx_path(f->dir, "sc.xml");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct r_fix *f = *state;

	fx_session_free(f->src);
	fx_session_free(f->dst);
	oval_defs_free(f->d);
	fx_rmdir(f->dir);
	free(f->out);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	assert_int_equal(ks_file_write_atomic(path, text, strlen(text)), 0);
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
assert_ents_equal(const struct oval_item_ent *a, const struct oval_item_ent *b,
                  uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		assert_string_equal(a[i].name, b[i].name);
		assert_true(
		    str_eq(a[i].value, b[i].value) ||
		    /* a record's value is its fields */
		    a[i].dt == OVAL_DT_RECORD ||
		    /* an empty non-nil entity (not collected) reads as "" */
		    (a[i].value == NULL && a[i].status != OVAL_ST_EXISTS &&
		     b[i].value != NULL && b[i].value[0] == '\0'));
		assert_int_equal(a[i].dt, b[i].dt);
		assert_int_equal(a[i].status, b[i].status);
		assert_int_equal(a[i].mask, b[i].mask);
		assert_int_equal(a[i].nfields, b[i].nfields);
		assert_ents_equal(a[i].fields, b[i].fields, a[i].nfields);
	}
}

/* Round trip: every item (family, type, status, messages, entities with
 * datatype, status, mask, nil and record fields), every collected object
 * (flag, messages, variable values, item references) and the system facts. */
static void
test_results_read__round_trip(void **state)
{
	struct r_fix *f = *state;
	struct oval_syschar *a = &f->src->sc, *b = &f->dst->sc;

	assert_int_equal(oval_syschar_write(f->src, f->out), 0);
	assert_int_equal(oval_syschar_read(f->dst, f->out), 0);
	assert_true(f->dst->sc_loaded);
	assert_int_equal(b->nitems, a->nitems);
	for (uint32_t i = 0; i < a->nitems; i++) {
		const struct oval_item *x = &a->items[i], *y = &b->items[i];

		assert_int_equal(y->id, i + 1);
		assert_string_equal(x->ns, y->ns);
		assert_string_equal(x->type, y->type);
		assert_int_equal(x->status, y->status);
		assert_int_equal(x->nmsgs, y->nmsgs);
		for (uint32_t j = 0; j < x->nmsgs; j++) {
			assert_string_equal(x->msgs[j].level, y->msgs[j].level);
			assert_string_equal(x->msgs[j].text, y->msgs[j].text);
		}
		assert_int_equal(x->nents, y->nents);
		assert_ents_equal(x->ents, y->ents, x->nents);
	}
	/* the nil filename stays nil */
	assert_null(b->items[2].ents[2].value);
	for (uint32_t i = 0; i < f->d->nobjects; i++) {
		const struct oval_collected *x = &a->objs[i], *y = &b->objs[i];

		assert_int_equal(x->done, y->done);
		if (!x->done)
			continue;
		assert_int_equal(x->flag, y->flag);
		assert_int_equal(x->nitems, y->nitems);
		assert_memory_equal(x->items, y->items,
		                    x->nitems * sizeof(*x->items));
		assert_int_equal(x->nmsgs, y->nmsgs);
		for (uint32_t j = 0; j < x->nmsgs; j++)
			assert_string_equal(x->msgs[j].text, y->msgs[j].text);
		assert_int_equal(x->nvarvals, y->nvarvals);
		for (uint32_t j = 0; j < x->nvarvals; j++) {
			assert_int_equal(x->varvals[j].var, y->varvals[j].var);
			assert_string_equal(x->varvals[j].value,
			                    y->varvals[j].value);
		}
	}
	assert_string_equal(b->sysinfo.os_name, "Ubuntu");
	assert_string_equal(b->sysinfo.hostname, "");
	assert_int_equal(b->sysinfo.nifaces, 1);
	assert_string_equal(b->sysinfo.ifaces[0].ip, "192.0.2.1");

	/* and what was read writes out the same way, still valid */
	assert_int_equal(oval_syschar_write(f->dst, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
}

/* The system characteristics inside a results document are read too. */
static void
test_results_read__from_results(void **state)
{
	struct r_fix *f = *state;

	assert_int_equal(oval_results_write(f->src, NULL, f->out), 0);
	assert_int_equal(oval_syschar_read(f->dst, f->out), 0);
	assert_int_equal(f->dst->sc.nitems, 5);
	assert_true(
	    f->dst->sc.objs[fx_idx(f->d->obj_ids, "oval:t:obj:5")].done);
}

#define SC_HEAD                                                                \
	"<?xml version='1.0'?>\n"                                              \
	"<oval_system_characteristics xmlns='http://oval.mitre.org/"           \
	"XMLSchema/oval-system-characteristics-5'\n"                           \
	" xmlns:lin='http://oval.mitre.org/XMLSchema/"                         \
	"oval-system-characteristics-5#linux'>\n"
#define SC_TAIL "</oval_system_characteristics>\n"

/* Item ids in a file need not be 1..n: they are remapped to indexes, and
 * an object unknown to the definitions is skipped with a warning. */
static void
test_results_read__remaps_ids(void **state)
{
	struct r_fix *f = *state;
	uint32_t o1 = fx_idx(f->d->obj_ids, "oval:t:obj:1");
	const struct oval_collected *c;

	write_file(
	    f->out, SC_HEAD
	    "<collected_objects>\n"
	    "<object id='oval:t:obj:1' version='1' flag='complete'>"
	    "<reference item_ref='907'/><reference item_ref='12'/></object>\n"
	    "<object id='oval:other:obj:9' version='1' flag='complete'>"
	    "<reference item_ref='12'/></object>\n"
	    "</collected_objects><system_data>\n"
	    "<lin:dpkginfo_item id='12'><lin:name>a</lin:name>"
	    "</lin:dpkginfo_item>\n"
	    "<lin:dpkginfo_item id='907' status='does not exist'/>\n"
	    "</system_data>" SC_TAIL);
	assert_int_equal(oval_syschar_read(f->dst, f->out), 0);
	assert_int_equal(f->dst->sc.nitems, 2);
	c = &f->dst->sc.objs[o1];
	assert_true(c->done);
	assert_int_equal(c->nitems, 2);
	assert_int_equal(c->items[0], 1);
	assert_int_equal(c->items[1], 0);
	assert_int_equal(f->dst->sc.items[1].status, OVAL_ST_DOES_NOT_EXIST);
	assert_string_equal(f->dst->sc.items[0].ents[0].value, "a");
}

/* A failed read names file and line, and leaves the session empty. */
static void
expect_fail(struct r_fix *f, const char *doc, int want_rc, const char *want)
{
	write_file(f->out, doc);
	ks_error_clear();
	assert_int_equal(oval_syschar_read(f->dst, f->out), want_rc);
	if (strstr(ks_error_msg(), want) == NULL)
		fprintf(stderr, "message: %s\n", ks_error_msg());
	assert_non_null(strstr(ks_error_msg(), want));
	assert_non_null(strstr(ks_error_msg(), f->out));
	assert_int_equal(f->dst->sc.nitems, 0);
	assert_false(f->dst->sc_loaded);
	for (uint32_t i = 0; i < f->d->nobjects; i++)
		assert_false(f->dst->sc.objs[i].done);
}

static void
test_results_read__malformed(void **state)
{
	struct r_fix *f = *state;

	expect_fail(f,
	            SC_HEAD "<system_data><lin:dpkginfo_item id='1'>"
	                    "</system_data>" SC_TAIL,
	            KS_EPARSE, ":");
	expect_fail(f, "<?xml version='1.0'?><foo/>", KS_EPARSE,
	            "not an OVAL system-characteristics document");
	expect_fail(
	    f,
	    SC_HEAD
	    "<collected_objects><object id='oval:t:obj:1'"
	    " version='1' flag='complete'><reference item_ref='5'/></object>"
	    "</collected_objects>" SC_TAIL,
	    KS_EPARSE, "references item 5");
	expect_fail(f,
	            SC_HEAD
	            "<system_data>"
	            "<lin:dpkginfo_item id='1'/><lin:dpkginfo_item id='1'/>"
	            "</system_data>" SC_TAIL,
	            KS_EPARSE, "duplicate item id 1");
	expect_fail(f,
	            SC_HEAD "<system_data>"
	                    "<lin:dpkginfo_item id='x'/></system_data>" SC_TAIL,
	            KS_EPARSE, "without a valid id");
	expect_fail(
	    f,
	    SC_HEAD
	    "<system_data>"
	    "<lin:dpkginfo_item id='1'><lin:name datatype='nope'>a</lin:name>"
	    "</lin:dpkginfo_item></system_data>" SC_TAIL,
	    KS_EPARSE, "unknown datatype 'nope'");
	expect_fail(f,
	            SC_HEAD "<system_data>"
	                    "<dpkginfo_item id='1'/></system_data>" SC_TAIL,
	            KS_EPARSE, "family namespace");
	expect_fail(f,
	            SC_HEAD
	            "<collected_objects><object id='oval:t:obj:1'"
	            " version='1' flag='bogus'/></collected_objects>" SC_TAIL,
	            KS_EPARSE, "valid id and flag");
	expect_fail(f,
	            SC_HEAD "<system_data><lin:dpkginfo_item id='1'>"
	                    "<lin:name>a<b/></lin:name></lin:dpkginfo_item></"
	                    "system_data>" SC_TAIL,
	            KS_EPARSE, "unexpected element <b>");
}

/* A document that fails half-way through system_data after objects were
 * read leaves nothing behind (no objects marked collected). */
static void
test_results_read__rollback(void **state)
{
	struct r_fix *f = *state;

	expect_fail(
	    f,
	    SC_HEAD
	    "<collected_objects><object id='oval:t:obj:1'"
	    " version='1' flag='complete'><reference item_ref='1'/>"
	    "<message level='info'>m</message></object></collected_objects>"
	    "<system_data><lin:dpkginfo_item id='1'><lin:name>a</lin:name>"
	    "</lin:dpkginfo_item><lin:dpkginfo_item "
	    "id='1'/></system_data>" SC_TAIL,
	    KS_EPARSE, "duplicate");
	/* and the same session can then read a good document */
	assert_int_equal(oval_syschar_write(f->src, f->out), 0);
	assert_int_equal(oval_syschar_read(f->dst, f->out), 0);
	assert_int_equal(f->dst->sc.nitems, 5);
}

/* Reading into a session that already holds characteristics is refused
 * rather than mixing two systems. */
static void
test_results_read__not_twice(void **state)
{
	struct r_fix *f = *state;

	assert_int_equal(oval_syschar_write(f->src, f->out), 0);
	assert_int_equal(oval_syschar_read(f->dst, f->out), 0);
	assert_true(oval_syschar_read(f->dst, f->out) < 0);
	assert_int_equal(f->dst->sc.nitems, 5);
}

static void
test_results_read__missing_file(void **state)
{
	struct r_fix *f = *state;
	char *p = fx_path(f->dir, "nope.xml");

	ks_error_clear();
	assert_true(oval_syschar_read(f->dst, p) < 0);
	assert_true(ks_error_msg()[0] != '\0');
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_results_read__round_trip,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_read__from_results,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_read__remaps_ids,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_read__malformed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_read__rollback, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_read__not_twice, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_read__missing_file,
	                                    setup, teardown),
	};
	int rc;

	ks_xml_init();
	ks_log_set_level(KS_LOG_ERROR); /* the expected warnings */
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	fx_schema_free();
	xmlCleanupParser();
	return rc;
}
