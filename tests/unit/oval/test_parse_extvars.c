/*
 * Tests of oval/parse_extvars.c: an oval_variables document read into a
 * session's ext_vars (values literal, datatype, flags), repeated ids, and
 * the documents that are refused. The session is a bare struct with a pool.
 */
#include "test_parse_fixture.h"

#define NS_VARS "http://oval.mitre.org/XMLSchema/oval-variables-5"

static const char vars_doc[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<oval_variables xmlns=\"" NS_VARS "\" "
	"xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">\n"
	"<generator><oval:schema_version>5.10.1</oval:schema_version>"
	"</generator>\n"
	"<variables>\n"
	"<variable id=\"oval:t:var:1\" datatype=\"binary\" comment=\"c\">"
	"<value>0000</value></variable>\n"
	"<variable id=\"oval:t:var:2\" datatype=\"int\" comment=\"c\">"
	"<value>1</value><value> 2 </value><value>3</value></variable>\n"
	"<variable id=\"oval:t:var:3\" datatype=\"evr_string\" comment=\"c\">"
	"<value>1:2.3.4-5.6</value></variable>\n"
	"<variable id=\"oval:t:var:4\" datatype=\"string\" comment=\"c\"/>\n"
	"<variable id=\"oval:t:var:1\" datatype=\"int\" comment=\"again\">"
	"<value>9</value></variable>\n"
	"</variables>\n"
	"</oval_variables>\n";


static void
sess_init(struct oval_session *s)
{
	memset(s, 0, sizeof(*s));
	assert_int_equal(ks_strpool_new(&s->pool), 0);
}

static int
free_cb(const char *key, void *val, void *payload)
{
	struct oval_values *v = val;

	(void)key;
	(void)payload;
	free(v->v);
	free(v);
	return 0;
}

static void
sess_fini(struct oval_session *s)
{
	if (s->ext_vars) {
		ks_map_foreach(s->ext_vars, free_cb, NULL);
		ks_map_free(s->ext_vars);
	}
	ks_strpool_free(s->pool);
}

static int
read_text(struct oval_session *s, const char *text)
{
	char *path = fx_write_tmp(text, "vars.xml");
	int rc = oval_ext_vars_read(s, path);

	fx_unlink(path);
	return rc;
}

static void
test_parse_extvars__values(void **state)
{
	struct oval_session s;
	const struct oval_values *v;

	(void)state;
	sess_init(&s);
	assert_int_equal(read_text(&s, vars_doc), 0);
	assert_non_null(s.ext_vars);
	assert_int_equal(ks_map_count(s.ext_vars), 4);

	v = ks_map_get(s.ext_vars, "oval:t:var:1");
	assert_non_null(v);
	/* The first of two variables with one id is kept. */
	assert_int_equal(v->dt, OVAL_DT_BINARY);
	assert_int_equal(v->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(v->n, 1);
	assert_string_equal(v->v[0], "0000");
	/* Values live in the session pool. */
	assert_ptr_equal(v->v[0], ks_strpool_get(s.pool, "0000"));

	v = ks_map_get(s.ext_vars, "oval:t:var:2");
	assert_int_equal(v->dt, OVAL_DT_INT);
	assert_int_equal(v->n, 3);
	assert_string_equal(v->v[0], "1");
	assert_string_equal(v->v[1], " 2 ");
	assert_string_equal(v->v[2], "3");
	assert_null(v->msg);

	v = ks_map_get(s.ext_vars, "oval:t:var:3");
	assert_int_equal(v->dt, OVAL_DT_EVR_STRING);
	assert_string_equal(v->v[0], "1:2.3.4-5.6");

	/* VariableType asks for at least one value: none is an error for
	 * whatever uses the variable. */
	v = ks_map_get(s.ext_vars, "oval:t:var:4");
	assert_int_equal(v->n, 0);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(v->msg);

	/* A second document adds to the same map. */
	assert_int_equal(read_text(&s, "<oval_variables xmlns=\"" NS_VARS
	    "\"><variables><variable id=\"oval:t:var:9\" datatype=\"boolean\""
	    " comment=\"c\"><value>true</value></variable></variables>"
	    "</oval_variables>"), 0);
	assert_int_equal(ks_map_count(s.ext_vars), 5);
	sess_fini(&s);
}

static void
test_parse_extvars__refused(void **state)
{
	struct oval_session s;

	(void)state;
	sess_init(&s);
	assert_int_equal(read_text(&s, "<oval_variables xmlns=\"" NS_VARS
	    "\"><variables><variable id=\"oval:t:var:1\" datatype=\"word\" "
	    "comment=\"c\"><value>1</value></variable></variables>"
	    "</oval_variables>"), KS_EPARSE);
	fx_contains(ks_error_msg(), "variable oval:t:var:1: unknown datatype "
	    "'word'");
	/* Nothing half-read lands in the session. */
	assert_null(s.ext_vars);
	assert_int_equal(read_text(&s, "<oval_variables xmlns=\"" NS_VARS
	    "\"><variables><variable datatype=\"int\" comment=\"c\"><value>1"
	    "</value></variable></variables></oval_variables>"), KS_EPARSE);
	fx_contains(ks_error_msg(), "variable without id");
	assert_int_equal(read_text(&s, "<oval_variables xmlns=\"" NS_VARS
	    "\"><variables><variable id=\"oval:t:var:1\" datatype=\"int\" "
	    "comment=\"c\"><value>1</value></variable></variables>"),
	    KS_EPARSE);
	assert_null(s.ext_vars);
	assert_int_equal(read_text(&s, FX_DOC("")), KS_EPARSE);
	fx_contains(ks_error_msg(), "not an OVAL variables document");
	assert_true(oval_ext_vars_read(&s, "/nonexistent/kensa/v.xml") < 0);
	assert_null(s.ext_vars);
	sess_fini(&s);
}

/* The Test Content's own variables file. */
static void
test_parse_extvars__test_content_file(void **state)
{
	struct oval_session s;
	const struct oval_values *v;
	int rc;

	(void)state;
	sess_init(&s);
	rc = oval_ext_vars_read(&s, FX_TESTDATA
	    "/oval-test-content/support/var/linux-external-variables.xml");
	if (rc != 0)
		fprintf(stderr, "%s\n", ks_error_msg());
	assert_int_equal(rc, 0);
	v = ks_map_get(s.ext_vars, "oval:org.mitre.oval.test:var:505");
	assert_non_null(v);
	assert_int_equal(v->dt, OVAL_DT_BINARY);
	assert_int_equal(v->n, 4);
	assert_string_equal(v->v[3], "1000");
	v = ks_map_get(s.ext_vars, "oval:org.mitre.oval.test:var:964");
	assert_non_null(v);
	assert_int_equal(v->dt, OVAL_DT_FLOAT);
	assert_string_equal(v->v[1], "-3.542E2");
	assert_int_equal(ks_map_count(s.ext_vars), 18);
	sess_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_extvars__values),
		cmocka_unit_test(test_parse_extvars__refused),
		cmocka_unit_test(test_parse_extvars__test_content_file),
	};

	ks_log_set_level(KS_LOG_ERROR);	/* the repeated-id warning */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
