/*
 * Tests of selinuxboolean_object and selinuxsecuritycontext_object
 * (oval/probe_system_selinux.c, platform/sys_selinux.c): not applicable
 * where SELinux is not enabled (checked independently with libselinux) or
 * an offline root does not configure it; on a root that does, the booleans
 * of a binary policy compiled here with checkpolicy from a policy.conf
 * written here, and file contexts from security.selinux attributes set
 * here. Setting security.* attributes needs CAP_SYS_ADMIN: without it
 * (or without checkpolicy) the tests fail, they are never skipped.
 */
#include "test_probe_fixture.h"

#include <selinux/selinux.h>
#include <sys/xattr.h>

static const char *const objs =
    "<selinuxboolean_object id=\"oval:t:obj:1\" version=\"1\" " FX_LINUX ">"
    "<name operation=\"pattern match\">.*</name></selinuxboolean_object>"
    "<selinuxsecuritycontext_object id=\"oval:t:obj:2\" version=\"1\" "
    FX_LINUX "><filepath>/etc/passwd</filepath>"
    "</selinuxsecuritycontext_object>"
    "<selinuxsecuritycontext_object id=\"oval:t:obj:3\" version=\"1\" "
    FX_LINUX "><pid xsi:nil=\"true\"/></selinuxsecuritycontext_object>"
    "<selinuxboolean_object id=\"oval:t:obj:4\" version=\"1\" " FX_LINUX ">"
    "<name>kensa_on</name></selinuxboolean_object>"
    "<selinuxboolean_object id=\"oval:t:obj:5\" version=\"1\" " FX_LINUX ">"
    "<name>kensa_old</name></selinuxboolean_object>"
    "<selinuxsecuritycontext_object id=\"oval:t:obj:6\" version=\"1\" "
    FX_LINUX "><filepath>/etc/shadow</filepath>"
    "</selinuxsecuritycontext_object>"
    "<selinuxsecuritycontext_object id=\"oval:t:obj:7\" version=\"1\" "
    FX_LINUX "><path>/etc</path><filename operation=\"pattern match\">"
    "^(hosts|group)$</filename></selinuxsecuritycontext_object>";

/*
 * A minimal policy (checkpolicy's policy.conf grammar: classes, initial
 * sids, access vectors, types, booleans, roles, rules, users, initial sid
 * contexts, in that order) with two booleans; BOOLS is replaced for the
 * older policy.30 to show that the highest version is read.
 */
static const char policy_conf[] =
    "class file\nclass process\nsid kernel\nsid file\n"
    "class file { read getattr }\nclass process { transition }\n"
    "type kernel_t;\ntype etc_t;\n%s"
    "role system_r;\nrole system_r types { kernel_t etc_t };\n"
    "allow kernel_t etc_t:file getattr;\n"
    "if (kensa_on) { allow kernel_t etc_t:file read; }\n"
    "user system_u roles { system_r object_r };\n"
    "sid kernel system_u:system_r:kernel_t\n"
    "sid file system_u:object_r:etc_t\n";

static void
test_probe_system_selinux__host(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_host_new(&f.t), 0);
	fx_load(&f, objs, NULL);
	for (int i = 1; i <= 3; i++) {
		char id[32];

		snprintf(id, sizeof(id), "oval:t:obj:%d", i);
		c = fx_collect(&f, id);
		if (is_selinux_enabled() > 0) {
			assert_true(c->flag == OVAL_FLAG_COMPLETE ||
			    c->flag == OVAL_FLAG_DOES_NOT_EXIST);
		} else {
			assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
			assert_true(fx_msg_has(c,
			    "SELinux is not enabled on this system"));
		}
	}
	fx_free(&f);
}

static void
offline(const char *config, enum oval_flag want, const char *msg)
{
	struct fx f;
	struct oval_collected *c;

	fx_root(&f);
	fx_dir(&f, "/etc");
	if (config != NULL)
		fx_file(&f, "/etc/selinux/config", config);
	fx_load(&f, objs, NULL);
	for (int i = 1; i <= 2; i++) {
		c = fx_collect(&f, i == 1 ? "oval:t:obj:1" : "oval:t:obj:2");
		assert_int_equal(c->flag, want);
		assert_int_equal(c->nitems, 0);
		assert_true(fx_msg_has(c, msg));
	}
	fx_free(&f);
}

static void
test_probe_system_selinux__offline_off(void **state)
{
	(void)state;
	offline(NULL, OVAL_FLAG_NOT_APPLICABLE, "SELinux is not configured");
	offline("# x\nSELINUX=disabled\nSELINUXTYPE=targeted\n",
	    OVAL_FLAG_NOT_APPLICABLE, "SELinux is disabled");
	/* Leading blanks are skipped, the last assignment wins. */
	offline("SELINUX=enforcing\n  SELINUX=disabled  \n",
	    OVAL_FLAG_NOT_APPLICABLE, "SELinux is disabled");
}

/* Sets ROOT/path's security.selinux as the kernel stores it (with its
 * NUL); fails the test where this process may not. */
static void
label(struct fx *f, const char *path, const char *ctx)
{
	char full[4096];

	snprintf(full, sizeof(full), "%s%s", f->root, path);
	if (lsetxattr(full, "security.selinux", ctx, strlen(ctx) + 1, 0) != 0)
		fail_msg("setting security.selinux on %s: %s (needs "
		    "CAP_SYS_ADMIN)", full, strerror(errno));
}

/* Compiles policy_conf with `bools` into ROOT/path (version `ver`). */
static void
compile_policy(struct fx *f, const char *path, int ver, const char *bools)
{
	char conf[2048], cmd[8192];
	int k;

	k = snprintf(conf, sizeof(conf), policy_conf, bools);
	assert_true(k > 0 && (size_t)k < sizeof(conf));
	fx_file(f, "/tmp-policy.conf", conf);
	snprintf(cmd, sizeof(cmd), "checkpolicy -c %d -o '%s%s' "
	    "'%s/tmp-policy.conf' >/dev/null 2>&1", ver, f->root, path,
	    f->root);
	if (system(cmd) != 0)
		fail_msg("checkpolicy failed (Debian package checkpolicy)");
}

/* The root of an SELinux system: config, policy.30 and policy.31,
 * labelled files and one unlabelled; a session with objs on it. */
static void
selinux_root(struct fx *f)
{
	fx_root(f);
	fx_file(f, "/etc/selinux/config", "# SELinux\nSELINUX=enforcing\n"
	    "SELINUXTYPE=kensa\n");
	fx_dir(f, "/etc/selinux/kensa/policy");
	compile_policy(f, "/etc/selinux/kensa/policy/policy.30", 30,
	    "bool kensa_on false;\nbool kensa_old true;\n");
	compile_policy(f, "/etc/selinux/kensa/policy/policy.31", 31,
	    "bool kensa_on true;\nbool kensa_off false;\n");
	fx_file(f, "/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
	fx_file(f, "/etc/shadow", "root:*:1::::::\n");
	fx_file(f, "/etc/hosts", "127.0.0.1 localhost\n");
	fx_file(f, "/etc/group", "root:x:0:\n");
	label(f, "/etc/passwd", "system_u:object_r:passwd_file_t:s0");
	label(f, "/etc/shadow", "system_u:object_r:shadow_t:s0-s15:c0.c1023");
	label(f, "/etc/hosts", "system_u:object_r:net_conf_t");
	/* /etc/group: no attribute. */
	fx_load(f, objs, NULL);
}

static const struct oval_item *
item_named(struct fx *f, const struct oval_collected *c, const char *ent,
    const char *val)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), ent, 0), val) == 0)
			return fx_item(f, c, i);
	fail_msg("no item with %s %s", ent, val);
	return NULL;
}

/*
 * selinuxboolean_item: name, current_status, pending_status, from the
 * highest policy.N of /etc/selinux/SELINUXTYPE/policy; offline nothing is
 * pending, so both are the policy's value.
 */
static void
test_probe_system_selinux__offline_booleans(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	selinux_root(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	it = item_named(&f, c, "name", "kensa_on");
	assert_string_equal(fx_order(it), "name,current_status,"
	    "pending_status");
	assert_string_equal(fx_val(it, "current_status", 0), "true");
	assert_string_equal(fx_val(it, "pending_status", 0), "true");
	it = item_named(&f, c, "name", "kensa_off");
	assert_string_equal(fx_val(it, "current_status", 0), "false");
	assert_string_equal(fx_val(it, "pending_status", 0), "false");
	assert_true(fx_msg_has(c, "binary policy"));
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 1);
	/* policy.30's boolean: not the policy read. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

/* A policy file libsepol cannot read, and a configuration without
 * SELINUXTYPE: errors that say why, nothing invented. */
static void
test_probe_system_selinux__offline_bad_policy(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	selinux_root(&f);
	fx_file(&f, "/etc/selinux/kensa/policy/policy.32", "not a policy");
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 0);
	assert_true(fx_msg_has(c, "policy.32: not a binary SELinux policy"));
	fx_free(&f);

	fx_root(&f);
	fx_file(&f, "/etc/selinux/config", "SELINUX=permissive\n");
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "sets no SELINUXTYPE"));
	fx_free(&f);
}

/*
 * selinuxsecuritycontext_item from security.selinux, split as
 * "user:role:type:low_sensitivity[:low_category]-high_sensitivity
 * [:high_category]" (linux-system-characteristics-schema); offline the
 * translated entities hold the raw context (no mcstrans).
 */
static void
test_probe_system_selinux__offline_contexts(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	selinux_root(&f);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "filepath,path,filename,user,role,"
	    "type,low_sensitivity,low_category,high_sensitivity,"
	    "high_category,rawlow_sensitivity,rawlow_category,"
	    "rawhigh_sensitivity,rawhigh_category");
	assert_string_equal(fx_val(it, "user", 0), "system_u");
	assert_string_equal(fx_val(it, "role", 0), "object_r");
	assert_string_equal(fx_val(it, "type", 0), "passwd_file_t");
	assert_string_equal(fx_val(it, "low_sensitivity", 0), "s0");
	/* One level: the high is the low. */
	assert_string_equal(fx_val(it, "high_sensitivity", 0), "s0");
	assert_int_equal(fx_ent(it, "low_category", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	assert_true(fx_msg_has(c, "untranslated"));

	c = fx_collect(&f, "oval:t:obj:6");
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "type", 0), "shadow_t");
	assert_string_equal(fx_val(it, "low_sensitivity", 0), "s0");
	assert_string_equal(fx_val(it, "high_sensitivity", 0), "s15");
	assert_string_equal(fx_val(it, "high_category", 0), "c0.c1023");
	assert_string_equal(fx_val(it, "rawhigh_sensitivity", 0), "s15");
	assert_string_equal(fx_val(it, "rawhigh_category", 0), "c0.c1023");

	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	/* No MLS level: the level entities do not exist. */
	it = item_named(&f, c, "filename", "hosts");
	assert_string_equal(fx_val(it, "type", 0), "net_conf_t");
	assert_int_equal(fx_ent(it, "low_sensitivity", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	/*
	 * No attribute: the file (the item) exists, its context does not:
	 * "A status of 'does not exist' says that the item or specific piece
	 * of information does not exist ... if the information for that
	 * entity is not set" (oval-system-characteristics-schema
	 * StatusEnumeration).
	 */
	it = item_named(&f, c, "filename", "group");
	assert_int_equal(it->status, OVAL_ST_EXISTS);
	assert_int_equal(fx_ent(it, "user", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	assert_int_equal(fx_ent(it, "rawhigh_category", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	assert_int_equal(it->nmsgs, 1);
	assert_non_null(strstr(it->msgs[0].text, "no security.selinux"));

	/* Processes exist only on a running system. */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	assert_int_equal(c->nitems, 0);
	assert_true(fx_msg_has(c, "only on a running system"));
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_system_selinux__host),
		cmocka_unit_test(test_probe_system_selinux__offline_off),
		cmocka_unit_test(test_probe_system_selinux__offline_booleans),
		cmocka_unit_test(
		    test_probe_system_selinux__offline_bad_policy),
		cmocka_unit_test(test_probe_system_selinux__offline_contexts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
