/*
 * Temporary directories of unit tests that go away even when a test
 * fails: cmocka ends a test at its first failed assertion, before its own
 * cleanup, and a tree left in /tmp changes what a later scan of this host
 * finds. test_tmp_dir registers a new directory, test_tmp_done removes it;
 * what is still registered is removed when the program exits. Not for
 * programs killed by a signal (nothing runs then).
 */
#ifndef KENSA_TEST_TMP_H
#define KENSA_TEST_TMP_H

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_TMP_MAX	64

__attribute__((unused)) static char test_tmp_dirs[TEST_TMP_MAX][128];

__attribute__((unused)) static int
test_tmp_rm_cb(const char *p, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Removes dir and everything in it; nftw's result. */
__attribute__((unused)) static int
test_tmp_rm(const char *dir)
{
	return nftw(dir, test_tmp_rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

__attribute__((unused)) static void
test_tmp_atexit(void)
{
	for (int i = 0; i < TEST_TMP_MAX; i++)
		if (test_tmp_dirs[i][0] != '\0') {
			(void)test_tmp_rm(test_tmp_dirs[i]);
			test_tmp_dirs[i][0] = '\0';
		}
}

/* mkdtemp(tmpl) (at most 127 bytes), registered; NULL as mkdtemp. */
__attribute__((unused)) static char *
test_tmp_dir(char *tmpl)
{
	static bool registered;

	if (mkdtemp(tmpl) == NULL)
		return NULL;
	if (!registered)
		registered = atexit(test_tmp_atexit) == 0;
	for (int i = 0; i < TEST_TMP_MAX; i++)
		if (test_tmp_dirs[i][0] == '\0') {
			snprintf(test_tmp_dirs[i], sizeof(test_tmp_dirs[i]),
			    "%s", tmpl);
			break;
		}
	return tmpl;
}

/* Removes dir and everything in it, and forgets it. */
__attribute__((unused)) static void
test_tmp_done(const char *dir)
{
	(void)test_tmp_rm(dir);
	for (int i = 0; i < TEST_TMP_MAX; i++)
		if (strcmp(test_tmp_dirs[i], dir) == 0) {
			test_tmp_dirs[i][0] = '\0';
			break;
		}
}

#endif /* KENSA_TEST_TMP_H */
