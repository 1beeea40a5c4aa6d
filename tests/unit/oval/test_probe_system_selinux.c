/*
 * Tests of selinuxboolean_object and selinuxsecuritycontext_object
 * (oval/probe_system_selinux.c): not applicable where SELinux is not
 * enabled (checked independently with libselinux), and on offline roots
 * as their /etc/selinux/config says.
 */
#include "test_probe_fixture.h"

#include <selinux/selinux.h>

static const char *const objs =
    "<selinuxboolean_object id=\"oval:t:obj:1\" version=\"1\" " FX_LINUX ">"
    "<name operation=\"pattern match\">.*</name></selinuxboolean_object>"
    "<selinuxsecuritycontext_object id=\"oval:t:obj:2\" version=\"1\" "
    FX_LINUX "><filepath>/etc/passwd</filepath>"
    "</selinuxsecuritycontext_object>"
    "<selinuxsecuritycontext_object id=\"oval:t:obj:3\" version=\"1\" "
    FX_LINUX "><pid xsi:nil=\"true\"/></selinuxsecuritycontext_object>";

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
test_probe_system_selinux__offline(void **state)
{
	(void)state;
	offline(NULL, OVAL_FLAG_NOT_APPLICABLE, "SELinux is not configured");
	offline("# x\nSELINUX=disabled\nSELINUXTYPE=targeted\n",
	    OVAL_FLAG_NOT_APPLICABLE, "SELinux is disabled");
	/* Enabled in the root's config: the values exist but are not read
	 * offline, so nothing is invented. */
	offline("SELINUX=enforcing\nSELINUXTYPE=targeted\n",
	    OVAL_FLAG_NOT_COLLECTED, "does not read them offline");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_system_selinux__host),
		cmocka_unit_test(test_probe_system_selinux__offline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
