/*
 * Tests of the file search shared by the file-based collectors
 * (oval/probe_files.c), through textfilecontent54_object: operations other
 * than equals and pattern match, links that point outside a root, special
 * files, unsupported operations, the size cap.
 */
#include "test_probe_fixture.h"
#include "oval/probe_unixfile.h"

#include <fcntl.h>

#define OBJ(n, body) \
    "<textfilecontent54_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_IND ">" body "<pattern operation=\"pattern match\">^v=(.*)$" \
    "</pattern><instance datatype=\"int\" operation=\"greater than or " \
    "equal\">1</instance></textfilecontent54_object>"

static const char *const objs =
    OBJ(1, "<filepath operation=\"not equal\">/d/a.conf</filepath>")
    OBJ(2, "<path>/d</path><filename operation=\"not equal\">a.conf"
        "</filename>")
    OBJ(3, "<path operation=\"greater than\">/d</path>"
        "<filename>a.conf</filename>")
    OBJ(4, "<filepath>/d/link.conf</filepath>")
    OBJ(5, "<path>/d</path><filename operation=\"pattern match\">.*"
        "</filename>")
    OBJ(6, "<filepath>/big/huge.txt</filepath>")
    OBJ(7, "<filepath var_ref=\"oval:t:var:1\"/>")
    OBJ(8, "<path operation=\"case insensitive equals\">/D</path>"
        "<filename>a.conf</filename>")
    OBJ(9, "<filepath>../../etc/x</filepath>")
    OBJ(10, "<path>/d</path><filename>../outside.conf</filename>")
    OBJ(11, "<filepath var_ref=\"oval:t:var:1\" "
        "var_check=\"at least one\"/>")
    OBJ(12, "<behaviors recurse_direction=\"down\"/>"
        "<path>/n</path><filename>f</filename>")
    /* An alternation inside a group after the literal start. */
    OBJ(13, "<filepath operation=\"pattern match\">^/d/(a|b)\\.conf$"
        "</filepath>")
    /* Top-level alternatives, each anchored. */
    OBJ(14, "<filepath operation=\"pattern match\">^/sub/c\\.conf$|"
        "^/d/a\\.conf$</filepath>")
    /* One alternative is not anchored: it may match anywhere. */
    OBJ(15, "<filepath operation=\"pattern match\">^/d/a\\.conf$|"
        "/etc/x$</filepath>")
    /* A character class holding a bar is not an alternation. */
    OBJ(16, "<filepath operation=\"pattern match\">^/d/[|a]\\.conf$"
        "</filepath>")
    /* Patterns from a variable: a path matches one of them... */
    OBJ(17, "<filepath operation=\"pattern match\" var_ref=\"oval:t:var:2\" "
        "var_check=\"at least one\"/>")
    /* ...or none of them: anywhere. */
    OBJ(18, "<filepath operation=\"pattern match\" var_ref=\"oval:t:var:2\" "
        "var_check=\"none satisfy\"/>")
    /* Groups of literal alternatives, as SSG's binary directories:
     * /bin, /sbin, /usr/bin, /usr/sbin, /usr/local/bin, /usr/local/sbin
     * (an empty alternative, an escaped slash, (?:...)). */
    OBJ(19, "<path operation=\"pattern match\">^\\/(|s)bin$|"
        "^\\/usr\\/(?:|local\\/)(|s)bin$</path><filename "
        "operation=\"pattern match\">^.*$</filename>")
    /* A group that is optional ends the prefix: /o, then anything. */
    OBJ(20, "<filepath operation=\"pattern match\">^/o(p/)?t\\.conf$"
        "</filepath>")
    /* Nine groups: the ninth is past the expansion's bound. */
    OBJ(21, "<filepath operation=\"pattern match\">"
        "^/(d)(/)(a)(\\.)(c)(o)(n)(f)(X|)$</filepath>");

static const char *const vars =
    "<constant_variable id=\"oval:t:var:1\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>/d/a.conf</value><value>/d/b.conf</value>"
    "<value>/d/none.conf</value></constant_variable>"
    "<constant_variable id=\"oval:t:var:2\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>^/d/b\\.conf$</value>"
    "<value>^/sub/.*$</value></constant_variable>";

static void
setup_fx(struct fx *f)
{
	char p[512];

	fx_root(f);
	fx_file(f, "/d/a.conf", "v=a\n");
	fx_file(f, "/d/b.conf", "v=b\n");
	fx_file(f, "/etc/x", "v=inside\n");
	fx_file(f, "/outside.conf", "v=out\n");
	fx_file(f, "/sub/c.conf", "v=c\n");
	/* An absolute link: inside a root it means ROOT/etc/x. */
	snprintf(p, sizeof(p), "%s/d/link.conf", f->root);
	assert_int_equal(symlink("/etc/x", p), 0);
	snprintf(p, sizeof(p), "%s/d/fifo", f->root);
	assert_int_equal(mkfifo(p, 0600), 0);
	fx_load(f, objs, vars);
}

static bool
has_filepath(struct fx *f, const struct oval_collected *c, const char *fp)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), "filepath", 0), fp) == 0)
			return true;
	return false;
}

static void
test_probe_files__not_equal(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* filepath "not equal": every other regular file of the target. */
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_false(has_filepath(&f, c, "/d/a.conf"));
	assert_true(has_filepath(&f, c, "/d/b.conf"));
	assert_true(has_filepath(&f, c, "/sub/c.conf"));
	assert_true(has_filepath(&f, c, "/etc/x"));
	c = fx_collect(&f, "oval:t:obj:2");
	assert_false(has_filepath(&f, c, "/d/a.conf"));
	assert_true(has_filepath(&f, c, "/d/b.conf"));
	fx_free(&f);
}

static void
test_probe_files__unsupported_operation(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* oval-definitions-schema: "greater than" is not defined for
	 * strings; the object is in error and the message names it. */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 0);
	assert_true(fx_msg_has(c, "oval:t:obj:3"));
	fx_free(&f);
}

static void
test_probe_files__case_insensitive_path(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "filepath", 0),
	    "/d/a.conf");
	fx_free(&f);
}

static void
test_probe_files__links_stay_inside(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "subexpression", 0),
	    "inside");
	/* A relative filepath names nothing; a filename with a slash would
	 * step out of its path. */
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	c = fx_collect(&f, "oval:t:obj:10");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_files__special_files_skipped(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* "will only collect regular files": the FIFO is never opened; the
	 * link to a regular file counts as one. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 3);
	assert_false(has_filepath(&f, c, "/d/fifo"));
	assert_true(has_filepath(&f, c, "/d/link.conf"));
	fx_free(&f);
}

static void
test_probe_files__size_cap(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	char p[512];
	int fd;

	(void)state;
	setup_fx(&f);
	fx_dir(&f, "/big");
	/* A sparse file over the 256 MiB cap: no disk used. */
	snprintf(p, sizeof(p), "%s/big/huge.txt", f.root);
	fd = open(p, O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)300 << 20), 0);
	close(fd);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_ERROR);
	assert_string_equal(fx_val(it, "filepath", 0), "/big/huge.txt");
	assert_non_null(strstr(it->msgs[0].text, "256 MiB"));
	fx_free(&f);
}

static void
test_probe_files__var_ref_filepaths(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* equals with a var_ref of three paths (var_check all by default:
	 * a path cannot equal three different values, so nothing). */
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	/* "at least one": each existing path of the three. */
	c = fx_collect(&f, "oval:t:obj:11");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	assert_true(has_filepath(&f, c, "/d/b.conf"));
	fx_free(&f);
}

static void
test_probe_files__depth_cap(void **state)
{
	struct fx f;
	struct oval_collected *c;
	struct ks_buf p;

	(void)state;
	setup_fx(&f);
	fx_file(&f, "/n/f", "v=top\n");
	/* 70 levels below /n: more than the 64 the search goes down. */
	ks_buf_init(&p, 0);
	ks_buf_puts(&p, "/n");
	for (int i = 0; i < 70; i++)
		ks_buf_puts(&p, "/d");
	ks_buf_puts(&p, "/f");
	fx_file(&f, p.data, "v=deep\n");
	ks_buf_free(&p);
	/* max_depth defaults to -1 (no limit), so kensa's own cap cuts the
	 * search: what was found is reported, the flag says incomplete. */
	c = fx_collect(&f, "oval:t:obj:12");
	assert_int_equal(c->flag, OVAL_FLAG_INCOMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_true(fx_msg_has(c, "deeper than 64 levels"));
	fx_free(&f);
}

/*
 * A regular expression's literal start prunes the walk (issue: "filters,
 * patterns and max_depth prune the walk"): only directories that can lead
 * to a match are listed. PCRE2 alternation binds loosest, so "^/a|^/b"
 * has two anchored alternatives and "^/d/(a|b)" one prefix, /d/.
 */
static void
test_probe_files__regex_prunes(void **state)
{
	struct fx f;
	struct oval_collected *c;
	size_t nd, ne, nd2, ne2;

	(void)state;
	setup_fx(&f);
	fx_file(&f, "/other/deep/x.conf", "v=x\n");
	fx_file(&f, "/other/deep2/y.conf", "v=y\n");
	c = fx_collect(&f, "oval:t:obj:13");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	assert_true(has_filepath(&f, c, "/d/b.conf"));
	/* Listed: /d only (the walk starts there). */
	probe_files_cache_stats(f.s, &nd, &ne);
	assert_int_equal(nd, 1);
	c = fx_collect(&f, "oval:t:obj:14");
	assert_int_equal(c->nitems, 2);
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	assert_true(has_filepath(&f, c, "/sub/c.conf"));
	/* Started at / (common to /sub and /d): / and /sub listed now,
	 * /other, /etc, /big... never. */
	probe_files_cache_stats(f.s, &nd2, &ne2);
	assert_int_equal(nd2, 3);
	c = fx_collect(&f, "oval:t:obj:16");
	assert_int_equal(c->nitems, 1);
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	probe_files_cache_stats(f.s, &nd2, &ne2);
	assert_int_equal(nd2, 3);
	/* The prefixes of a variable's patterns: /d and /sub again. */
	c = fx_collect(&f, "oval:t:obj:17");
	assert_int_equal(c->nitems, 2);
	assert_true(has_filepath(&f, c, "/d/b.conf"));
	assert_true(has_filepath(&f, c, "/sub/c.conf"));
	probe_files_cache_stats(f.s, &nd2, &ne2);
	assert_int_equal(nd2, 3);
	/* Unanchored alternative: the whole tree, every match found. */
	c = fx_collect(&f, "oval:t:obj:15");
	assert_int_equal(c->nitems, 2);
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	assert_true(has_filepath(&f, c, "/etc/x"));
	probe_files_cache_stats(f.s, &nd2, &ne2);
	assert_true(nd2 > 5);
	/* "none satisfy": every file but /d/b.conf and /sub/c.conf. */
	c = fx_collect(&f, "oval:t:obj:18");
	assert_true(has_filepath(&f, c, "/other/deep/x.conf"));
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	assert_false(has_filepath(&f, c, "/d/b.conf"));
	assert_false(has_filepath(&f, c, "/sub/c.conf"));
	fx_free(&f);
}

/*
 * A group of literal alternatives splits a prefix ("^/(|s)bin" is /bin and
 * /sbin): SSG's binary-directory objects search six directories, not the
 * whole tree, where a directory that cannot be listed (a nested /proc)
 * used to make them incomplete.
 */
static void
test_probe_files__regex_groups_prune(void **state)
{
	static const char *const bins[] = {
		"/bin/a", "/sbin/b", "/usr/bin/c", "/usr/sbin/d",
		"/usr/local/bin/e", "/usr/local/sbin/f",
	};
	struct fx f;
	struct oval_collected *c;
	size_t nd, ne;

	(void)state;
	setup_fx(&f);
	for (size_t i = 0; i < sizeof(bins) / sizeof(bins[0]); i++)
		fx_file(&f, bins[i], "v=1\n");
	fx_file(&f, "/usr/lib/bin/x", "v=no\n");
	fx_file(&f, "/usr/binx/y", "v=no\n");
	fx_file(&f, "/other/bin/z", "v=no\n");
	fx_file(&f, "/ot.conf", "v=ot\n");
	fx_file(&f, "/op/t.conf", "v=opt\n");
	c = fx_collect(&f, "oval:t:obj:19");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 6);
	for (size_t i = 0; i < sizeof(bins) / sizeof(bins[0]); i++)
		assert_true(has_filepath(&f, c, bins[i]));
	/* Listed: /, /usr, /usr/local (on the way), the six, and /usr/binx
	 * (a prefix is a string: /usr/bin begins it); not /usr/lib, /other,
	 * /d, /etc... */
	probe_files_cache_stats(f.s, &nd, &ne);
	assert_int_equal(nd, 3 + 6 + 1);
	c = fx_collect(&f, "oval:t:obj:20");
	assert_int_equal(c->nitems, 2);
	assert_true(has_filepath(&f, c, "/ot.conf"));
	assert_true(has_filepath(&f, c, "/op/t.conf"));
	c = fx_collect(&f, "oval:t:obj:21");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_true(has_filepath(&f, c, "/d/a.conf"));
	fx_free(&f);
}

/* The pattern prefixes a walk is pruned by (probe_files_regex_prefixes):
 * constructs that hide parentheses or bars from a plain scan (\cX, \Q..\E,
 * comments, extended mode) leave the walk unpruned. The first pattern is
 * what fuzz_prefixes found: "\c(" is one character, so "n" is a top-level
 * alternative that matches anywhere. */
static void
test_probe_files__prefixes_escapes(void **state)
{
	static const struct {
		const char	*re;
		uint32_t	 n;
		const char	*first;
	} cases[] = {
		{ "^\\/(|s)bi,|^\\/usr\\c(|n|^\\/usrlibexec", 0, NULL },
		{ "^/etc/a\\c(b", 1, "/etc/a" },
		{ "^/a(?x) b|c", 0, NULL },
		{ "^/a(?ix:b)|^/c", 0, NULL },
		{ "^/a(?#(|x)|^/b", 0, NULL },
		{ "^/a\\Q(|\\E|^/b", 0, NULL },
		{ "^/a[\\c]]|^/b", 2, "/a" },
		{ "^/usr/(|local/)bin", 2, "/usr/bin" },
		{ "^/a(?i)b|^/c", 2, "/a" },
	};
	char *out[PROBE_FILES_MAX_PREFIXES];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t n = probe_files_regex_prefixes(cases[i].re, out);

		if (n != cases[i].n)
			fail_msg("%s: %u prefixes, want %u", cases[i].re, n,
			    cases[i].n);
		if (n > 0)
			assert_string_equal(out[0], cases[i].first);
		for (uint32_t j = 0; j < n; j++)
			free(out[j]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_files__not_equal),
		cmocka_unit_test(test_probe_files__regex_groups_prune),
		cmocka_unit_test(test_probe_files__prefixes_escapes),
		cmocka_unit_test(test_probe_files__unsupported_operation),
		cmocka_unit_test(test_probe_files__case_insensitive_path),
		cmocka_unit_test(test_probe_files__links_stay_inside),
		cmocka_unit_test(test_probe_files__special_files_skipped),
		cmocka_unit_test(test_probe_files__size_cap),
		cmocka_unit_test(test_probe_files__var_ref_filepaths),
		cmocka_unit_test(test_probe_files__depth_cap),
		cmocka_unit_test(test_probe_files__regex_prunes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
