/*
 * Every vector of the shared CVSS test data (../shared/testdata/cvss/vectors/,
 * the Red Hat "cvss" library's test files, see PROVENANCE.md) must score
 * exactly as listed: base, temporal and environmental for v2/v3 ("None"
 * meaning undefined), the score for v4.0. The test fails when the
 * directory, a file or a vector is missing.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"

#define VECDIR	KS_SRCDIR "/../shared/testdata/cvss/vectors"

/* The files we know, with their number of vectors (a file that shrinks or
 * disappears must not pass silently). */
static const struct {
	const char	*name;
	int		 count;
} known[] = {
	{ "vectors_calculator2", 5 },
	{ "vectors_calculator3", 2 },
	{ "vectors_cvsslib2", 24 },
	{ "vectors_cvsslib3", 29 },
	{ "vectors_security4", 54 },
	{ "vectors_simple2", 729 },
	{ "vectors_simple3", 2592 },
	{ "vectors_simple31", 2592 },
	{ "vectors_simple4", 1058 },
	{ "vectors_supplemental4", 576 },
	{ "vectors_threat4", 6 },
};
#define NKNOWN	(sizeof(known) / sizeof(known[0]))

/* Expected score: defined or not ("None"), and its value in tenths. */
struct expect {
	bool	defined;
	long	tenths;
};

/* Parses one number or "None" at *p, moving past it. */
static bool
parse_num(const char **p, struct expect *e)
{
	char *end;
	double x;

	while (**p == ' ')
		(*p)++;
	if (strncmp(*p, "None", 4) == 0) {
		*p += 4;
		e->defined = false;
		return true;
	}
	x = strtod(*p, &end);
	if (end == *p)
		return false;
	*p = end;
	e->defined = true;
	e->tenths = lround(x * 10.0);
	return true;
}

static long
tenths(double x)
{
	return lround(x * 10.0);
}

static bool
same(const struct expect *e, bool defined, double got)
{
	return e->defined == defined && (!defined || e->tenths == tenths(got));
}

/*
 * Checks one line "VECTOR - (b, t, e)" / "VECTOR - (s,)" / "VECTOR - s".
 * Returns 1 when checked and right, 0 when wrong (printed), -1 when the
 * line is not in a known format.
 */
static int
check_line(const char *file, int lineno, char *line)
{
	struct expect ex[3];
	struct feed_cvss c;
	const char *p;
	char *sep = strstr(line, " - ");
	int n = 0;

	if (sep == NULL)
		return -1;
	*sep = '\0';
	p = sep + 3;
	if (*p == '(') {
		p++;
		while (n < 3 && parse_num(&p, &ex[n])) {
			n++;
			while (*p == ' ')
				p++;
			if (*p != ',')
				break;
			p++;
		}
		while (*p == ' ')
			p++;
		if (*p != ')')
			return -1;
	} else if (parse_num(&p, &ex[0]))
		n = 1;
	if (n != 1 && n != 3)
		return -1;

	if (feed_cvss_parse(line, &c) != 0) {
		print_message("%s:%d: %s: rejected: %s\n", file, lineno, line,
		    ks_error_msg());
		return 0;
	}
	if (n == 1) {
		if (c.ver == FEED_CVSS_V40 && ex[0].defined &&
		    ex[0].tenths == tenths(c.score))
			return 1;
		print_message("%s:%d: %s: expected %.1f, got %.1f (%s)\n",
		    file, lineno, line, ex[0].tenths / 10.0, c.score,
		    feed_cvss_version_name(c.ver));
		return 0;
	}
	if (c.ver != FEED_CVSS_V40 && same(&ex[0], c.has_base, c.base) &&
	    same(&ex[1], c.has_temporal, c.temporal) &&
	    same(&ex[2], c.has_environmental, c.environmental))
		return 1;
	print_message("%s:%d: %s: expected (%.1f%s, %.1f%s, %.1f%s), got "
	    "(%.1f%s, %.1f%s, %.1f%s)\n", file, lineno, line,
	    ex[0].tenths / 10.0, ex[0].defined ? "" : "=None",
	    ex[1].tenths / 10.0, ex[1].defined ? "" : "=None",
	    ex[2].tenths / 10.0, ex[2].defined ? "" : "=None",
	    c.base, c.has_base ? "" : "=None",
	    c.temporal, c.has_temporal ? "" : "=None",
	    c.environmental, c.has_environmental ? "" : "=None");
	return 0;
}

/* Checks every vector of one file; returns the number checked, adds the
 * failures to *bad. */
static int
check_file(const char *name, int *bad)
{
	char path[512], line[1024];
	int lineno = 0, ok = 0, r;
	FILE *fp;

	if (snprintf(path, sizeof(path), "%s/%s", VECDIR, name) >=
	    (int)sizeof(path))
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		r = check_line(name, lineno, line);
		if (r < 0) {
			print_message("%s:%d: line in an unknown format\n",
			    name, lineno);
			(*bad)++;
		} else if (r == 0)
			(*bad)++;
		else
			ok++;
	}
	fclose(fp);
	return ok;
}

static void
test_cvss_vectors__all_files_score_exactly(void **state)
{
	bool seen[NKNOWN] = { false };
	struct dirent *de;
	int bad = 0, total = 0, files = 0;
	size_t i;
	DIR *d = opendir(VECDIR);

	if (d == NULL)
		fail_msg("test data directory %s is missing", VECDIR);
	while ((de = readdir(d)) != NULL) {
		int n, before = bad, expected = -1;

		if (strncmp(de->d_name, "vectors_", 8) != 0)
			continue;	/* LICENSE, ".", ".." */
		for (i = 0; i < NKNOWN; i++)
			if (strcmp(known[i].name, de->d_name) == 0) {
				seen[i] = true;
				expected = known[i].count;
			}
		n = check_file(de->d_name, &bad);
		print_message("%s: %d vectors checked, %d wrong\n", de->d_name,
		    n + (bad - before), bad - before);
		if (expected >= 0 && n + (bad - before) != expected) {
			print_message("%s: expected %d vectors\n", de->d_name,
			    expected);
			bad++;
		}
		total += n;
		files++;
	}
	closedir(d);
	for (i = 0; i < NKNOWN; i++)
		if (!seen[i]) {
			print_message("%s: missing\n", known[i].name);
			bad++;
		}
	print_message("%d files, %d vectors scored exactly, %d failures\n",
	    files, total, bad);
	assert_int_equal(bad, 0);
	assert_true(total >= 7667);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss_vectors__all_files_score_exactly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
