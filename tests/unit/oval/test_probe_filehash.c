/*
 * Tests of filehash58_object and filehash_object (oval/probe_filehash.c)
 * against digests computed with openssl(1) at development time:
 * printf 'hello kensa\n' | openssl dgst -<type>.
 */
#include "test_probe_fixture.h"
#include "platform/base/dl_libs.h"

#define H_MD5 "883f4ebfcf6faa6b08880dc878265b64"
#define H_SHA1 "747e731afd8f1c87be700e54c32e60b62627e9e1"
#define H_SHA224 "262da0a885ea91b0d8ba2ec4a9a7669933c2be08d5b3e10b591dfbda"
#define H_SHA256 \
    "7fe9c60ac0068c1c4ad0e0e8067593dc1278e0f0e956c4b4d383168a5a7dcdd8"
#define H_SHA384 \
    "290c5ec997e7b69bf2213c5028e70d4f0d2e2f0d5bb3a658081644d29a5372f1" \
    "f4f4c5c3b1253363def5c3bbfe52f1e4"
#define H_SHA512 \
    "fb2abfa74b9b949d70db7e9417fc074f0fd20942672417ce3ccbacca81b8bff1" \
    "f036915e27155671cc0d16d4bbcd1db34617398ccc597679005d220269d11137"
#define H_EMPTY256 \
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

#define OBJ(n, body) \
    "<filehash58_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_IND ">" \
    body "</filehash58_object>"

static const char *const objs =
    OBJ(1, "<path>/data</path><filename>hello.txt</filename>"
        "<hash_type>SHA-256</hash_type>")
    OBJ(2, "<filepath>/data/hello.txt</filepath>"
        "<hash_type operation=\"pattern match\">.*</hash_type>")
    OBJ(3, "<path>/data</path><filename>hello.txt</filename>"
        "<hash_type var_ref=\"oval:t:var:1\" var_check=\"at least one\"/>")
    OBJ(4, "<path>/data</path><filename>hello.txt</filename>"
        "<hash_type var_ref=\"oval:t:var:1\" var_check=\"none satisfy\"/>")
    OBJ(5, "<filepath>/data/missing</filepath><hash_type>MD5</hash_type>")
    OBJ(6, "<filepath>/data</filepath><hash_type>MD5</hash_type>")
    OBJ(7, "<path>/data</path><filename operation=\"pattern match\">"
        "\\.txt$</filename><hash_type>SHA-256</hash_type>")
    "<filehash_object id=\"oval:t:obj:8\" version=\"1\" " FX_IND ">"
    "<path>/data</path><filename>hello.txt</filename></filehash_object>";

static const char *const vars =
    "<constant_variable id=\"oval:t:var:1\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>MD5</value><value>SHA-1</value>"
    "</constant_variable>";

static void
setup_fx(struct fx *f)
{
	fx_root(f);
	fx_file(f, "/data/hello.txt", "hello kensa\n");
	fx_file(f, "/data/empty.txt", "");
	fx_file(f, "/data/other.bin", "x");
	fx_load(f, objs, vars);
}

/* The hash of the item whose hash_type is type, or NULL. */
static const char *
hash_of(struct fx *f, const struct oval_collected *c, const char *type,
    const char *filename)
{
	for (uint32_t i = 0; i < c->nitems; i++) {
		const struct oval_item *it = fx_item(f, c, i);

		if (strcmp(fx_val(it, "hash_type", 0), type) == 0 &&
		    strcmp(fx_val(it, "filename", 0), filename) == 0)
			return fx_val(it, "hash", 0);
	}
	return NULL;
}

static void
test_probe_filehash__sha256(void **state)
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
	assert_string_equal(it->type, "filehash58_item");
	/* independent-system-characteristics-schema filehash58_item. */
	assert_string_equal(fx_order(it),
	    "filepath,path,filename,hash_type,hash");
	assert_string_equal(fx_val(it, "filepath", 0), "/data/hello.txt");
	assert_string_equal(fx_val(it, "path", 0), "/data");
	assert_string_equal(fx_val(it, "filename", 0), "hello.txt");
	assert_string_equal(fx_val(it, "hash_type", 0), "SHA-256");
	assert_string_equal(fx_val(it, "hash", 0), H_SHA256);
	fx_free(&f);
}

static void
test_probe_filehash__all_six(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 6);
	assert_string_equal(hash_of(&f, c, "MD5", "hello.txt"), H_MD5);
	assert_string_equal(hash_of(&f, c, "SHA-1", "hello.txt"), H_SHA1);
	assert_string_equal(hash_of(&f, c, "SHA-224", "hello.txt"), H_SHA224);
	assert_string_equal(hash_of(&f, c, "SHA-256", "hello.txt"), H_SHA256);
	assert_string_equal(hash_of(&f, c, "SHA-384", "hello.txt"), H_SHA384);
	assert_string_equal(hash_of(&f, c, "SHA-512", "hello.txt"), H_SHA512);
	fx_free(&f);
}

static void
test_probe_filehash__var_check(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* var_check "at least one" over {MD5, SHA-1}: those two. */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 2);
	assert_string_equal(hash_of(&f, c, "MD5", "hello.txt"), H_MD5);
	assert_string_equal(hash_of(&f, c, "SHA-1", "hello.txt"), H_SHA1);
	/* "none satisfy": the four others (OVAL test content tst:544). */
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 4);
	assert_null(hash_of(&f, c, "MD5", "hello.txt"));
	assert_string_equal(hash_of(&f, c, "SHA-512", "hello.txt"), H_SHA512);
	fx_free(&f);
}

static void
test_probe_filehash__missing_and_dir(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	/* "will only collect regular files": a directory is not hashed. */
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_true(fx_msg_has(c, "not a regular file"));
	fx_free(&f);
}

static void
test_probe_filehash__filename_pattern(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	assert_string_equal(hash_of(&f, c, "SHA-256", "hello.txt"), H_SHA256);
	assert_string_equal(hash_of(&f, c, "SHA-256", "empty.txt"),
	    H_EMPTY256);
	fx_free(&f);
}

static void
test_probe_filehash__deprecated(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "filehash_item");
	assert_string_equal(fx_order(it), "filepath,path,filename,md5,sha1");
	assert_string_equal(fx_val(it, "md5", 0), H_MD5);
	assert_string_equal(fx_val(it, "sha1", 0), H_SHA1);
	fx_free(&f);
}

static void
test_probe_filehash__mem_target(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	assert_int_equal(plat_target_mem_add_file(f.t, "/data/hello.txt",
	    "hello kensa\n", 12, 0644), 0);
	fx_load(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "hash", 0), H_SHA256);
	fx_free(&f);
}

/* libcrypto is opened on first use (platform/base/dl_libs.h): without it
 * the object is in error with a message naming the object, the library and
 * what needed it, and no item is made. The library's state is swapped for
 * the test and put back, whatever ran before. */
static void
test_probe_filehash__no_libcrypto(void **state)
{
	struct ks_dl_lib saved = ks_crypto_lib;
	struct fx f;
	struct oval_collected *c;

	(void)state;
	ks_crypto_lib.soname = "libkensa-no-crypto.so.0";
	ks_crypto_lib.state = 0;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 0);
	assert_true(fx_msg_has(c, "oval:t:obj:1: hashing files needs "
	    "libkensa-no-crypto.so.0, which cannot be loaded"));
	/* The deprecated object too; the failure is remembered. */
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "oval:t:obj:8: hashing files needs "
	    "libkensa-no-crypto.so.0"));
	fx_free(&f);
	ks_crypto_lib = saved;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_filehash__sha256),
		cmocka_unit_test(test_probe_filehash__all_six),
		cmocka_unit_test(test_probe_filehash__var_check),
		cmocka_unit_test(test_probe_filehash__missing_and_dir),
		cmocka_unit_test(test_probe_filehash__filename_pattern),
		cmocka_unit_test(test_probe_filehash__deprecated),
		cmocka_unit_test(test_probe_filehash__mem_target),
		cmocka_unit_test(test_probe_filehash__no_libcrypto),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
