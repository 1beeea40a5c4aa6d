/*
 * System facts: uname and the environment only on the live host, system_info
 * from os-release / hostname / the dpkg database on offline targets, and from
 * the kernel and interfaces on the host (compared with the syscalls
 * themselves, never with fixed values of this machine).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "platform/platform.h"

static struct plat_target *
mem_target(void)
{
	struct plat_target *t = NULL;

	assert_int_equal(plat_target_mem_new(&t), 0);
	return t;
}

static void
add(struct plat_target *t, const char *path, const char *data)
{
	assert_int_equal(plat_target_mem_add_file(t, path, data, strlen(data),
	    0644), 0);
}

/* Reads NAME/ID/VERSION_ID out of os-release text on a memory target. */
static void
osr(const char *text, const char *want_id, const char *want_ver)
{
	struct plat_target *t = mem_target();
	struct plat_os_release o;

	add(t, "/etc/os-release", text);
	assert_int_equal(plat_os_release(t, &o), 0);
	if (want_id == NULL)
		assert_null(o.id);
	else
		assert_string_equal(o.id, want_id);
	if (want_ver == NULL)
		assert_null(o.version_id);
	else
		assert_string_equal(o.version_id, want_ver);
	plat_os_release_clear(&o);
	plat_target_free(t);
}

/* os-release(5): shell quoting, the last assignment wins, ID_LIKE and
 * VERSION_CODENAME are not ID and VERSION_ID. */
static void
test_sysinfo__os_release(void **state)
{
	struct plat_target *t;
	struct plat_os_release o;

	(void)state;
	/* Ubuntu's own file: quoted VERSION_ID, ID unquoted, ID_LIKE and
	 * VERSION_CODENAME must not be taken for ID or VERSION_ID. */
	osr("PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\n"
	    "VERSION_ID=\"22.04\"\nVERSION=\"22.04.4 LTS (Jammy "
	    "Jellyfish)\"\nVERSION_CODENAME=jammy\nID=ubuntu\n"
	    "ID_LIKE=debian\n", "ubuntu", "22.04");
	/* Single quotes, blanks around, CRLF, comments. */
	osr("# ID=commented\n  ID='rhel'\r\nVERSION_ID=\"9.4\"  \n",
	    "rhel", "9.4");
	/* Inside double quotes \" \\ \$ \` stand for the character; any
	 * other backslash is kept, as a shell keeps it. */
	osr("ID=\"a\\\"b\\\\c\"\nVERSION_ID=\"9.\\4\"\n", "a\"b\\c",
	    "9.\\4");
	/* Debian sid: no VERSION_ID. A missing last newline. */
	osr("NAME=\"Debian GNU/Linux\"\nID=debian", "debian", NULL);
	/* The last assignment wins, as when a shell sources the file. */
	osr("ID=a\nID=b\nVERSION_ID=1\nVERSION_ID=\n", "b", NULL);
	/* Nothing there; a line without '='. */
	osr("", NULL, NULL);
	osr("ID\nVERSION_ID\n", NULL, NULL);
	/* An absurdly long value is not an ID. */
	{
		char *text = ks_asprintf("ID=%0400d\nVERSION_ID=1\n", 0);

		osr(text, NULL, "1");
		free(text);
	}
	/* /usr/lib/os-release when /etc has none; neither: not found. */
	t = mem_target();
	add(t, "/usr/lib/os-release", "ID=fedora\nNAME=Fedora\n");
	assert_int_equal(plat_os_release(t, &o), 0);
	assert_string_equal(o.id, "fedora");
	assert_string_equal(o.name, "Fedora");
	plat_os_release_clear(&o);
	plat_target_free(t);
	t = mem_target();
	assert_int_equal(plat_os_release(t, &o), KS_ENOTFOUND);
	plat_os_release_clear(&o);
	plat_target_free(t);
}

static void
test_sysinfo__uname_host(void **state)
{
	struct plat_target *t = NULL;
	struct plat_uname u;
	struct utsname un;

	assert_int_equal(plat_target_host_new(&t), 0);
	assert_int_equal(uname(&un), 0);
	assert_int_equal(plat_uname(t, &u), 0);
	assert_string_equal(u.os_name, un.sysname);
	assert_string_equal(u.node_name, un.nodename);
	assert_string_equal(u.os_release, un.release);
	assert_string_equal(u.os_version, un.version);
	assert_string_equal(u.machine_class, un.machine);
	assert_non_null(u.processor_type);
	plat_uname_clear(&u);
	assert_null(u.os_name);
	plat_uname_clear(&u);	/* twice is fine */
	plat_target_free(t);
}

static void
test_sysinfo__uname_offline_unsupported(void **state)
{
	struct plat_target *t = mem_target();
	struct plat_uname u;

	assert_int_equal(plat_uname(t, &u), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "uname"));
	assert_null(u.os_name);
	plat_target_free(t);
}

static void
test_sysinfo__offline_from_files(void **state)
{
	struct plat_target *t = mem_target();
	struct plat_sysinfo si;

	add(t, "/usr/lib/os-release",
	    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
	    "# NAME=commented\n"
	    "NAME=\"Debian GNU/Linux\"\n"
	    "VERSION_ID='12'\n"
	    "VERSION=\"12 (bookworm)\"\n"
	    "ID=debian\n");
	/* the usual relative link, resolved inside the target */
	assert_int_equal(plat_target_mem_add_symlink(t, "/etc/os-release",
	    "../usr/lib/os-release"), 0);
	add(t, "/etc/hostname", "  web01\n");
	add(t, "/var/lib/dpkg/status",
	    "Package: base-files\nStatus: install ok installed\n"
	    "Architecture: amd64\nVersion: 12.4+deb12u5\n");
	assert_int_equal(plat_sysinfo(t, &si), 0);
	assert_string_equal(si.os_name, "Debian GNU/Linux");
	assert_string_equal(si.os_version, "12");
	assert_string_equal(si.hostname, "web01");
	/* dpkg's "amd64" as the kernel would name it */
	assert_string_equal(si.architecture, "x86_64");
	assert_int_equal(si.nifaces, 0);
	assert_null(si.ifaces);
	plat_sysinfo_clear(&si);
	plat_target_free(t);
}

static void
test_sysinfo__offline_etc_wins_and_escapes(void **state)
{
	struct plat_target *t = mem_target();
	struct plat_sysinfo si;

	add(t, "/etc/os-release",
	    "NAME=\"Say \\\"hi\\\" \\\\ \\$x\"\nVERSION_ID=9.1  \n");
	add(t, "/usr/lib/os-release", "NAME=other\nVERSION_ID=1\n");
	add(t, "/var/lib/dpkg/status",
	    "Package: dpkg\nStatus: install ok installed\n"
	    "Architecture: riscv64\nVersion: 1.21\n");
	assert_int_equal(plat_sysinfo(t, &si), 0);
	assert_string_equal(si.os_name, "Say \"hi\" \\ $x");
	assert_string_equal(si.os_version, "9.1");
	assert_string_equal(si.architecture, "riscv64");
	assert_string_equal(si.hostname, "unknown");
	plat_sysinfo_clear(&si);
	plat_target_free(t);
}

static void
test_sysinfo__offline_nothing_known(void **state)
{
	struct plat_target *t = mem_target();
	struct plat_sysinfo si;

	assert_int_equal(plat_sysinfo(t, &si), 0);
	assert_string_equal(si.os_name, "unknown");
	assert_string_equal(si.os_version, "unknown");
	assert_string_equal(si.hostname, "unknown");
	assert_string_equal(si.architecture, "unknown");
	plat_sysinfo_clear(&si);
	plat_sysinfo_clear(&si);
	plat_target_free(t);
}

static void
test_sysinfo__host(void **state)
{
	struct plat_target *t = NULL;
	struct plat_sysinfo si;
	struct utsname un;
	size_t i;

	assert_int_equal(plat_target_host_new(&t), 0);
	assert_int_equal(uname(&un), 0);
	assert_int_equal(plat_sysinfo(t, &si), 0);
	assert_string_equal(si.hostname, un.nodename);
	assert_string_equal(si.architecture, un.machine);
	assert_non_null(si.os_name);
	assert_non_null(si.os_version);
	for (i = 0; i < si.nifaces; i++) {
		assert_non_null(si.ifaces[i].name);
		assert_non_null(si.ifaces[i].ip);
		assert_non_null(si.ifaces[i].mac);
		/* an address as text, a MAC as aa:bb:... or empty */
		assert_true(strchr(si.ifaces[i].ip, '.') != NULL ||
		    strchr(si.ifaces[i].ip, ':') != NULL);
		if (si.ifaces[i].mac[0] != '\0')
			assert_int_equal(strlen(si.ifaces[i].mac) % 3, 2);
	}
	plat_sysinfo_clear(&si);
	plat_target_free(t);
}

struct env_seen {
	int	found;
	int	count;
};

static int
env_cb(const char *name, const char *value, void *payload)
{
	struct env_seen *s = payload;

	s->count++;
	if (strcmp(name, "KENSA_TEST_VAR") == 0 &&
	    strcmp(value, "a=b c") == 0)
		s->found++;
	return 0;
}

static int
env_stop(const char *name, const char *value, void *payload)
{
	return 5;
}

static void
test_sysinfo__environ(void **state)
{
	struct plat_target *t = NULL, *m = mem_target();
	struct env_seen s = { 0, 0 };

	assert_int_equal(setenv("KENSA_TEST_VAR", "a=b c", 1), 0);
	assert_int_equal(plat_target_host_new(&t), 0);
	assert_int_equal(plat_environ_foreach(t, env_cb, &s), 0);
	assert_int_equal(s.found, 1);
	assert_true(s.count >= 1);
	assert_int_equal(plat_environ_foreach(t, env_stop, NULL), 5);
	assert_int_equal(plat_environ_foreach(m, env_cb, &s),
	    KS_EUNSUPPORTED);
	plat_target_free(t);
	plat_target_free(m);
	unsetenv("KENSA_TEST_VAR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sysinfo__os_release),
		cmocka_unit_test(test_sysinfo__uname_host),
		cmocka_unit_test(test_sysinfo__uname_offline_unsupported),
		cmocka_unit_test(test_sysinfo__offline_from_files),
		cmocka_unit_test(test_sysinfo__offline_etc_wins_and_escapes),
		cmocka_unit_test(test_sysinfo__offline_nothing_known),
		cmocka_unit_test(test_sysinfo__host),
		cmocka_unit_test(test_sysinfo__environ),
	};

	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests_name("sysinfo", tests, NULL, NULL);
}
