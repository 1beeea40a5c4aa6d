/*
 * Tests of unix password_object and shadow_object
 * (oval/probe_unixfile_passwd.c): every item field in schema order,
 * username operations, last_login from a lastlog the test writes,
 * encrypt_method from each hash prefix, missing and malformed files.
 */
#include "test_probe_fixture.h"
#include "oval/probe_unixfile.h"

#define POBJ(n, body) \
    "<password_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_UNIX ">" \
    body "</password_object>"
#define SOBJ(n, body) \
    "<shadow_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_UNIX ">" \
    body "</shadow_object>"

static const char *const objs =
    POBJ(1, "<username>alice</username>")
    POBJ(2, "<username operation=\"pattern match\">.*</username>")
    POBJ(3, "<username operation=\"not equal\">root</username>")
    SOBJ(4, "<username operation=\"pattern match\">.*</username>")
    SOBJ(5, "<username>bob</username>")
    POBJ(6, "<username>nobody-here</username>");

static const char passwd[] =
    "root:x:0:0:root:/root:/bin/bash\n"
    "# a comment\n"
    "alice:x:1000:1000:Alice A,,,:/home/alice:/bin/zsh\n"
    "broken line without colons\n"
    "bob:x:1001:100::/home/bob:/usr/sbin/nologin\n"
    "+nisuser::::::\n";

static const char shadow[] =
    "root:$6$salt$hash:19000:0:99999:7:::\n"
    "alice:$y$j9T$salt$hash:19001:1:90:14:30:20000:\n"
    "bob:!$1$salt$hash:19002::::::\n"
    "carol:*:19003:0:99999:7:::\n"
    "dave:$5$s$h:1:2:3:4:5:6:7\n";

static void
setup_fx(struct fx *f, bool with_files)
{
	fx_root(f);
	if (with_files) {
		unsigned char rec[292 * 1001];

		fx_file(f, "/etc/passwd", passwd);
		fx_file(f, "/etc/shadow", shadow);
		/* lastlog: records of 292 bytes by uid; uid 1000 logged
		 * in at 1700000000 (little-endian 32-bit time). */
		memset(rec, 0, sizeof(rec));
		rec[292 * 1000 + 0] = 0x00;
		rec[292 * 1000 + 1] = 0xf1;
		rec[292 * 1000 + 2] = 0x53;
		rec[292 * 1000 + 3] = 0x65;
		fx_write(f, "/var/log/lastlog", rec, sizeof(rec));
	}
	fx_load(f, objs, NULL);
}

static const struct oval_item *
by_user(struct fx *f, const struct oval_collected *c, const char *u)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), "username", 0), u) == 0)
			return fx_item(f, c, i);
	return NULL;
}

static void
test_probe_unixfile_passwd__fields(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f, true);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	/* unix-system-characteristics-schema password_item, in order. */
	assert_string_equal(fx_order(it), "username,password,user_id,"
	    "group_id,gcos,home_dir,login_shell,last_login");
	assert_string_equal(fx_val(it, "password", 0), "x");
	assert_string_equal(fx_val(it, "user_id", 0), "1000");
	assert_string_equal(fx_val(it, "group_id", 0), "1000");
	assert_string_equal(fx_val(it, "gcos", 0), "Alice A,,,");
	assert_string_equal(fx_val(it, "home_dir", 0), "/home/alice");
	assert_string_equal(fx_val(it, "login_shell", 0), "/bin/zsh");
	/* 0x6553f100 */
	assert_string_equal(fx_val(it, "last_login", 0), "1700000000");
	fx_free(&f);
}

static void
test_probe_unixfile_passwd__operations(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f, true);
	/* Comments, NIS "+" entries and malformed lines are no accounts;
	 * the malformed line is said. */
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->nitems, 3);
	assert_true(fx_msg_has(c, "/etc/passwd:4: malformed"));
	/* A user never logged in: last_login does not exist. */
	it = by_user(&f, c, "bob");
	assert_non_null(it);
	assert_int_equal(fx_ent(it, "last_login", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	assert_string_equal(fx_val(it, "gcos", 0), "");
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 2);
	assert_null(by_user(&f, c, "root"));
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_unixfile_passwd__shadow(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f, true);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 5);
	it = by_user(&f, c, "alice");
	/* unix-system-characteristics-schema shadow_item, in order. */
	assert_string_equal(fx_order(it), "username,password,chg_lst,"
	    "chg_allow,chg_req,exp_warn,exp_inact,exp_date,flag,"
	    "encrypt_method");
	assert_string_equal(fx_val(it, "chg_lst", 0), "19001");
	assert_string_equal(fx_val(it, "chg_allow", 0), "1");
	assert_string_equal(fx_val(it, "chg_req", 0), "90");
	assert_string_equal(fx_val(it, "exp_warn", 0), "14");
	assert_string_equal(fx_val(it, "exp_inact", 0), "30");
	assert_string_equal(fx_val(it, "exp_date", 0), "20000");
	/* An empty field: the entity does not exist. */
	assert_int_equal(fx_ent(it, "flag", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	/* yescrypt is not in EntityItemEncryptMethodType: "". */
	assert_string_equal(fx_val(it, "encrypt_method", 0), "");
	assert_string_equal(fx_val(by_user(&f, c, "root"), "encrypt_method",
	    0), "SHA-512");
	/* A locked account keeps its hash after "!". */
	assert_string_equal(fx_val(by_user(&f, c, "bob"), "encrypt_method",
	    0), "MD5");
	assert_string_equal(fx_val(by_user(&f, c, "carol"), "encrypt_method",
	    0), "");
	it = by_user(&f, c, "dave");
	assert_string_equal(fx_val(it, "encrypt_method", 0), "SHA-256");
	assert_string_equal(fx_val(it, "flag", 0), "7");
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->nitems, 1);
	fx_free(&f);
}

static void
test_probe_unixfile_passwd__encrypt_methods(void **state)
{
	(void)state;
	assert_string_equal(probe_unixfile_encrypt_method("$1$a$b"), "MD5");
	assert_string_equal(probe_unixfile_encrypt_method("$2b$10$x"),
	    "Blowfish");
	assert_string_equal(probe_unixfile_encrypt_method("$2y$10$x"),
	    "Blowfish");
	assert_string_equal(probe_unixfile_encrypt_method("$md5$x$y"),
	    "Sun MD5");
	assert_string_equal(probe_unixfile_encrypt_method("$5$a$b"),
	    "SHA-256");
	assert_string_equal(probe_unixfile_encrypt_method("$6$a$b"),
	    "SHA-512");
	assert_string_equal(probe_unixfile_encrypt_method("_J9..abcdEFGHijkl"
	    "mno"), "BSDi");
	assert_string_equal(probe_unixfile_encrypt_method("abJnggxhB/yWI"),
	    "DES");
	assert_string_equal(probe_unixfile_encrypt_method("!!"), "");
	assert_string_equal(probe_unixfile_encrypt_method(""), "");
}

static void
test_probe_unixfile_passwd__missing_files(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f, false);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_true(fx_msg_has(c, "/etc/passwd does not exist"));
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_unixfile_passwd__fields),
		cmocka_unit_test(test_probe_unixfile_passwd__operations),
		cmocka_unit_test(test_probe_unixfile_passwd__shadow),
		cmocka_unit_test(test_probe_unixfile_passwd__encrypt_methods),
		cmocka_unit_test(test_probe_unixfile_passwd__missing_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
