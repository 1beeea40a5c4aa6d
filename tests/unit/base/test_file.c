/*
 * Tests for atomic file replacement and capped reads (platform/base/file.c):
 * the old file must survive every failure.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"

static char dir[64];

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/ks_file_XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

/* Removes everything in dir (flat) and dir itself. */
static int
teardown(void **state)
{
	ks_rm_flat(dir);
	return access(dir, F_OK) == 0 ? -1 : 0;
}

/* Number of directory entries (to see that no temporary is left). */
static int
count_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
expect_content(const char *path, const char *want)
{
	char *buf = NULL;
	size_t len = 0;

	assert_int_equal(ks_file_read(path, 1 << 20, &buf, &len), 0);
	assert_int_equal(len, strlen(want));
	assert_string_equal(buf, want);
	free(buf);
}

static void
test_file__write_and_read(void **state)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/a.txt", dir);
	assert_int_equal(ks_file_write_atomic(path, "hello\n", 6), 0);
	expect_content(path, "hello\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(ks_file_write_atomic(path, "", 0), 0);
	expect_content(path, "");
	assert_int_equal(count_entries(), 1);
}

static void
test_file__keeps_mode(void **state)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/m.txt", dir);
	assert_int_equal(ks_file_write_atomic(path, "1", 1), 0);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(ks_file_write_atomic(path, "2", 1), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	expect_content(path, "2");
}

static void
test_file__read_errors(void **state)
{
	char path[128], *buf = (char *)1;
	size_t len = 7;

	snprintf(path, sizeof(path), "%s/none", dir);
	assert_int_equal(ks_file_read(path, 100, &buf, &len), KS_ENOTFOUND);
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_non_null(strstr(ks_error_msg(), path));

	snprintf(path, sizeof(path), "%s/big", dir);
	assert_int_equal(ks_file_write_atomic(path, "0123456789", 10), 0);
	assert_int_equal(ks_file_read(path, 9, &buf, &len), KS_ELIMIT);
	assert_null(buf);
	assert_int_equal(ks_file_read(path, 10, &buf, &len), 0);
	assert_int_equal(len, 10);
	free(buf);

	if (geteuid() != 0) {
		assert_int_equal(chmod(path, 0), 0);
		assert_int_equal(ks_file_read(path, 100, &buf, &len),
		    KS_EPERM);
	}
}

/* A write into a directory that does not exist fails without side effects;
 * a rename onto a directory fails and removes the temporary. */
static void
test_file__failed_write_keeps_old(void **state)
{
	char path[128], sub[128];

	snprintf(path, sizeof(path), "%s/nodir/x", dir);
	assert_int_equal(ks_file_write_atomic(path, "x", 1), KS_ENOTFOUND);

	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(path, sizeof(path), "%s/sub/keep", dir);
	assert_int_equal(ks_file_write_atomic(path, "keep", 4), 0);
	/* The target is a non-empty directory: rename must fail. */
	assert_int_not_equal(ks_file_write_atomic(sub, "new", 3), 0);
	expect_content(path, "keep");
	assert_int_equal(count_entries(), 1);	/* only sub, no temp */
	unlink(path);
	rmdir(sub);
}

static void
test_file__atomic_stream_commit(void **state)
{
	struct ks_atomic *a = NULL;
	char path[128];

	snprintf(path, sizeof(path), "%s/s.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, "old", 3), 0);
	assert_int_equal(ks_atomic_open(&a, path), 0);
	assert_true(fprintf(ks_atomic_fp(a), "<new n=\"%d\"/>", 1) > 0);
	/* Not visible before commit. */
	expect_content(path, "old");
	assert_int_equal(count_entries(), 2);
	assert_int_equal(ks_atomic_commit(a), 0);
	expect_content(path, "<new n=\"1\"/>");
	assert_int_equal(count_entries(), 1);
}

static void
test_file__atomic_stream_abort(void **state)
{
	struct ks_atomic *a = NULL;
	char path[128];

	snprintf(path, sizeof(path), "%s/s.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, "old", 3), 0);
	assert_int_equal(ks_atomic_open(&a, path), 0);
	fputs("half-written", ks_atomic_fp(a));
	ks_atomic_abort(a);
	ks_atomic_abort(NULL);
	expect_content(path, "old");
	assert_int_equal(count_entries(), 1);
}

static void
test_file__atomic_commit_failure(void **state)
{
	struct ks_atomic *a = NULL;
	char path[128], sub[128];

	/* A stream with a write error must not replace the file. */
	snprintf(path, sizeof(path), "%s/e.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, "old", 3), 0);
	assert_int_equal(ks_atomic_open(&a, path), 0);
	fputs("partial", ks_atomic_fp(a));
	/* Simulate a failed write (as ENOSPC would leave it). */
	fflush(ks_atomic_fp(a));
	{
		FILE *fp = ks_atomic_fp(a);

		/* Reading a write-only stream sets its error flag. */
		(void)fgetc(fp);
		assert_true(ferror(fp));
	}
	assert_int_not_equal(ks_atomic_commit(a), 0);
	expect_content(path, "old");
	assert_int_equal(count_entries(), 1);

	/* A rename that fails removes the temporary. */
	snprintf(sub, sizeof(sub), "%s/d", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(path, sizeof(path), "%s/d/f", dir);
	assert_int_equal(ks_file_write_atomic(path, "x", 1), 0);
	assert_int_equal(ks_atomic_open(&a, sub), 0);
	fputs("data", ks_atomic_fp(a));
	assert_int_not_equal(ks_atomic_commit(a), 0);
	assert_int_equal(count_entries(), 2);	/* e.xml and d */
	unlink(path);
	rmdir(sub);
}

static void
test_file__atomic_open_fails(void **state)
{
	struct ks_atomic *a = (void *)1;
	char path[128];

	snprintf(path, sizeof(path), "%s/missing/x", dir);
	assert_int_equal(ks_atomic_open(&a, path), KS_ENOTFOUND);
	assert_null(a);
}

/* ks_rm_flat: every entry (dot files too) and the directory; a missing
 * directory or NULL is nothing to do. */
static void
test_file__rm_flat(void **state)
{
	char p[600];
	struct stat st;

	snprintf(p, sizeof(p), "%s/a", dir);
	assert_int_equal(ks_file_write_atomic(p, "x", 1), 0);
	snprintf(p, sizeof(p), "%s/.partial", dir);
	assert_int_equal(ks_file_write_atomic(p, "y", 1), 0);
	ks_rm_flat(dir);
	assert_int_equal(stat(dir, &st), -1);
	ks_rm_flat(dir);
	ks_rm_flat(NULL);
	/* Again, for teardown to remove. */
	assert_int_equal(mkdir(dir, 0700), 0);
}

/* Deferred commits: the data is written at commit (a write error fails
 * it there, the old file kept), the rename happens by ks_atomic_wait_all,
 * which returns the first failure of a sync or rename with its message. */
static void
test_file__atomic_deferred(void **state)
{
	struct ks_atomic *a = NULL;
	char path[128], p2[128], sub[128];

	snprintf(path, sizeof(path), "%s/a.xml", dir);
	snprintf(p2, sizeof(p2), "%s/b.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, "old", 3), 0);
	ks_atomic_defer(true);
	assert_int_equal(ks_atomic_open(&a, path), 0);
	fputs("new a", ks_atomic_fp(a));
	assert_int_equal(ks_atomic_commit(a), 0);
	assert_int_equal(ks_atomic_open(&a, p2), 0);
	fputs("new b", ks_atomic_fp(a));
	assert_int_equal(ks_atomic_commit(a), 0);
	assert_int_equal(ks_atomic_wait_all(), 0);
	expect_content(path, "new a");
	expect_content(p2, "new b");
	assert_int_equal(count_entries(), 2);
	/* Nothing pending: nothing to wait for. */
	assert_int_equal(ks_atomic_wait_all(), 0);

	/* A write error still fails at commit, the old file kept. */
	assert_int_equal(ks_atomic_open(&a, path), 0);
	fputs("partial", ks_atomic_fp(a));
	fflush(ks_atomic_fp(a));
	(void)fgetc(ks_atomic_fp(a));
	assert_int_not_equal(ks_atomic_commit(a), 0);
	expect_content(path, "new a");

	/* A rename that fails: reported by the wait, temporary removed. */
	snprintf(sub, sizeof(sub), "%s/d", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(p2, sizeof(p2), "%s/d/f", dir);
	assert_int_equal(ks_file_write_atomic(p2, "x", 1), 0);
	assert_int_equal(ks_atomic_open(&a, sub), 0);
	fputs("data", ks_atomic_fp(a));
	assert_int_equal(ks_atomic_commit(a), 0);
	assert_int_not_equal(ks_atomic_wait_all(), 0);
	assert_non_null(strstr(ks_error_msg(), "cannot rename"));
	assert_non_null(strstr(ks_error_msg(), sub));
	ks_atomic_defer(false);
	assert_int_equal(count_entries(), 3);	/* a.xml, b.xml and d */
	unlink(p2);
	rmdir(sub);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_file__write_and_read,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_file__keeps_mode,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_file__read_errors,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file__failed_write_keeps_old, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file__atomic_stream_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file__atomic_stream_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file__atomic_commit_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file__atomic_open_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file__rm_flat,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_file__atomic_deferred,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
