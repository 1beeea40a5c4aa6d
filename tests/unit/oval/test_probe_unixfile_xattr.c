/*
 * Tests of unix fileextendedattribute_object (oval/probe_unixfile_xattr.c)
 * and of plat_fs_listxattr / plat_fs_getxattr (platform/fs_xattr.c): user
 * attributes set by the test with setxattr(2), text and binary values,
 * attribute_name operations, a link's own attributes, the in-memory target.
 */
#include "test_probe_fixture.h"

#include <sys/xattr.h>

#define OBJ(n, body) \
    "<fileextendedattribute_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_UNIX ">" body "</fileextendedattribute_object>"

static const char *const objs =
    OBJ(1, "<filepath>/d/a</filepath><attribute_name>user.color"
        "</attribute_name>")
    OBJ(2, "<path>/d</path><filename operation=\"pattern match\">.*"
        "</filename><attribute_name operation=\"pattern match\">^user\\."
        "</attribute_name>")
    OBJ(3, "<filepath>/d/a</filepath><attribute_name>user.bin"
        "</attribute_name>")
    OBJ(4, "<filepath>/d/a</filepath><attribute_name>user.none"
        "</attribute_name>")
    OBJ(5, "<filepath>/d/lnk</filepath><attribute_name operation="
        "\"pattern match\">.*</attribute_name>");

static void
setx(struct fx *f, const char *path, const char *name, const void *v,
    size_t len)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", f->root, path);
	if (setxattr(p, name, v, len, 0) != 0)
		fail_msg("setxattr(%s) on %s: %s: the test needs a file "
		    "system with user extended attributes", name, p,
		    strerror(errno));
}

static void
setup_fx(struct fx *f)
{
	static const unsigned char bin[] = { 0x00, 0xff, 0x10 };
	char p[512];

	fx_root(f);
	fx_file(f, "/d/a", "a\n");
	fx_file(f, "/d/b", "b\n");
	setx(f, "/d/a", "user.color", "blue", 4);
	setx(f, "/d/a", "user.bin", bin, sizeof(bin));
	/* A C string stored with its NUL, as SELinux labels are. */
	setx(f, "/d/b", "user.label", "system_u:object_r:x_t:s0", 25);
	snprintf(p, sizeof(p), "%s/d/lnk", f->root);
	assert_int_equal(symlink("a", p), 0);
	fx_load(f, objs, NULL);
}

static void
test_probe_unixfile_xattr__value(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "filepath,path,filename,"
	    "attribute_name,value");
	assert_string_equal(fx_val(it, "value", 0), "blue");
	/* Binary values are hex with datatype binary. */
	c = fx_collect(&f, "oval:t:obj:3");
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "value", 0), "00FF10");
	assert_int_equal(fx_ent(it, "value", 0)->dt, OVAL_DT_BINARY);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_unixfile_xattr__patterns(void **state)
{
	struct fx f;
	struct oval_collected *c;
	bool label = false;

	(void)state;
	setup_fx(&f);
	/* a: color, bin; b: label (its trailing NUL dropped); the link
	 * itself has no user attributes (they are not followed). */
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->nitems, 3);
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(&f, c, i), "attribute_name", 0),
		    "user.label") == 0) {
			assert_string_equal(fx_val(fx_item(&f, c, i), "value",
			    0), "system_u:object_r:x_t:s0");
			label = true;
		}
	assert_true(label);
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_unixfile_xattr__mem_target(void **state)
{
	struct fx f;
	struct oval_collected *c;
	char *v = NULL;
	size_t len = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	assert_int_equal(plat_target_mem_add_file(f.t, "/d/a", "x", 1,
	    0644), 0);
	/* An in-memory target answers from the attributes its fixture set
	 * (images: from their archive's records), like a disk would. */
	assert_int_equal(plat_fs_getxattr(f.t, "/d/a", "user.x", &v, &len),
	    KS_ENOTFOUND);
	assert_int_equal(plat_target_mem_set_xattr(f.t, "/d/a", "user.color",
	    "blue", 4), 0);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "value", 0), "blue");
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_unixfile_xattr__value),
		cmocka_unit_test(test_probe_unixfile_xattr__patterns),
		cmocka_unit_test(test_probe_unixfile_xattr__mem_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
