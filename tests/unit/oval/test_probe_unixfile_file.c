/*
 * Tests of unix file_object (oval/probe_unixfile_file.c) and of the any-type
 * walk of oval/probe_files.c it uses: every item field, every file type,
 * xsi:nil filename, the FileBehaviors, links that stay in the root, the
 * per-session listing cache and has_extended_acl from a POSIX ACL.
 */
#include "test_probe_fixture.h"
#include "oval/probe_unixfile.h"

#include <sys/xattr.h>
#include <utime.h>

#define OBJ(n, body) \
    "<file_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_UNIX ">" \
    body "</file_object>"
#define NIL "<filename xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-" \
    "instance\" xsi:nil=\"true\"/>"

static const char *const objs =
    OBJ(1, "<filepath>/d/a.conf</filepath>")
    OBJ(2, "<path>/d</path><filename operation=\"pattern match\">.*"
        "</filename>")
    OBJ(3, "<path>/d</path>" NIL)
    OBJ(4, "<behaviors recurse=\"directories\" recurse_direction=\"down\" "
        "max_depth=\"-1\"/><path>/t</path>" NIL)
    OBJ(5, "<behaviors recurse_direction=\"down\" max_depth=\"1\"/>"
        "<path>/t</path><filename operation=\"pattern match\">^f"
        "</filename>")
    OBJ(6, "<behaviors recurse=\"symlinks and directories\" "
        "recurse_direction=\"down\"/><path>/t</path><filename>f3"
        "</filename>")
    OBJ(7, "<behaviors recurse=\"directories\" recurse_direction=\"down\"/>"
        "<path>/t</path><filename>f3</filename>")
    OBJ(8, "<behaviors recurse_direction=\"up\" max_depth=\"2\"/>"
        "<path>/t/a/b</path><filename>f0</filename>")
    OBJ(9, "<path operation=\"pattern match\">^/t/a(/b)?$</path>" NIL)
    OBJ(10, "<filepath operation=\"pattern match\">^/t/.*/f[12]$"
        "</filepath>")
    OBJ(11, "<filepath>/d/lnk</filepath>")
    OBJ(12, "<filepath>/d/acl</filepath>")
    OBJ(13, "<behaviors recurse_direction=\"down\"/><path>/loop</path>"
        "<filename operation=\"pattern match\">.*</filename>")
    OBJ(14, "<behaviors recurse_direction=\"down\" "
        "recurse_file_system=\"defined\"/><path>/t</path>" NIL)
    OBJ(15, "<path>/</path>" NIL)
    OBJ(16, "<filepath>/d/../../../d/a.conf</filepath>")
    OBJ(17, "<path>/none</path><filename>x</filename>");

static void
mkfile(struct fx *f, const char *path, mode_t mode)
{
	char p[512];

	fx_file(f, path, "hello\n");
	snprintf(p, sizeof(p), "%s%s", f->root, path);
	assert_int_equal(chmod(p, mode), 0);
}

static void
mklink(struct fx *f, const char *path, const char *dest)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", f->root, path);
	assert_int_equal(symlink(dest, p), 0);
}

/*
 * A system.posix_acl_access value: version 2, then {tag, perm, id}
 * entries sorted by tag (USER_OBJ 1, USER 2, GROUP_OBJ 4, MASK 0x10,
 * OTHER 0x20), little-endian.
 */
static size_t
acl_blob(unsigned char *b, bool extended)
{
	static const unsigned tags[5] = { 0x01, 0x02, 0x04, 0x10, 0x20 };
	size_t n = 4;

	memset(b, 0, 44);
	b[0] = 2;
	for (int i = 0; i < 5; i++) {
		unsigned id = tags[i] == 0x02 ? 4242 : 0xffffffffu;

		if (!extended && (tags[i] == 0x02 || tags[i] == 0x10))
			continue;
		b[n] = (unsigned char)tags[i];
		b[n + 2] = 6;
		for (int k = 0; k < 4; k++)
			b[n + 4 + k] = (unsigned char)(id >> (8 * k));
		n += 8;
	}
	return n;
}

static void
setup_fx(struct fx *f)
{
	char p[512];
	unsigned char acl[44];
	size_t len;
	struct utimbuf ut = { .actime = 1000000000, .modtime = 1200000000 };

	fx_root(f);
	mkfile(f, "/d/a.conf", 06755);
	snprintf(p, sizeof(p), "%s/d/a.conf", f->root);
	assert_int_equal(chown(p, 1234, 5678), 0);
	/* chown clears set-id bits: set the mode again. */
	assert_int_equal(chmod(p, 06755), 0);
	assert_int_equal(utime(p, &ut), 0);
	mkfile(f, "/d/sticky", 01642);
	fx_dir(f, "/d/sub");
	snprintf(p, sizeof(p), "%s/d/fifo", f->root);
	assert_int_equal(mkfifo(p, 0600), 0);
	mklink(f, "/d/lnk", "/etc/../../../../etc/target");
	fx_file(f, "/etc/target", "t\n");
	mkfile(f, "/d/acl", 0640);
	/* /t/f0, /t/a/f1, /t/a/b/f2, /t/a/b/c/f3, and a link /t/l -> a/b. */
	mkfile(f, "/t/f0", 0644);
	mkfile(f, "/t/a/f1", 0644);
	mkfile(f, "/t/a/f0", 0644);
	mkfile(f, "/t/a/b/f2", 0644);
	mkfile(f, "/t/a/b/c/f3", 0644);
	mkfile(f, "/x/f3", 0644);
	mklink(f, "/t/l", "/x");
	/* A loop: /loop/self -> /loop. */
	fx_dir(f, "/loop");
	mkfile(f, "/loop/g", 0644);
	mklink(f, "/loop/self", "/loop");
	/* The ACL fixture: the test fails loudly where the file system has
	 * no ACL support rather than passing on nothing. */
	len = acl_blob(acl, true);
	snprintf(p, sizeof(p), "%s/d/acl", f->root);
	if (setxattr(p, "system.posix_acl_access", acl, len, 0) != 0)
		fail_msg("setxattr(system.posix_acl_access) on %s: %s: the "
		    "test needs a file system with POSIX ACLs", p,
		    strerror(errno));
	fx_load(f, objs, NULL);
}

static const struct oval_item *
find(struct fx *f, const struct oval_collected *c, const char *fp)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), "filepath", 0), fp) == 0)
			return fx_item(f, c, i);
	return NULL;
}

static void
test_probe_unixfile_file__every_field(void **state)
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
	/* unix-system-characteristics-schema file_item, in order. */
	assert_string_equal(fx_order(it), "filepath,path,filename,type,"
	    "group_id,user_id,a_time,c_time,m_time,size,suid,sgid,sticky,"
	    "uread,uwrite,uexec,gread,gwrite,gexec,oread,owrite,oexec,"
	    "has_extended_acl");
	assert_string_equal(fx_val(it, "path", 0), "/d");
	assert_string_equal(fx_val(it, "filename", 0), "a.conf");
	assert_string_equal(fx_val(it, "type", 0), "regular");
	assert_string_equal(fx_val(it, "user_id", 0), "1234");
	assert_string_equal(fx_val(it, "group_id", 0), "5678");
	assert_string_equal(fx_val(it, "a_time", 0), "1000000000");
	assert_string_equal(fx_val(it, "m_time", 0), "1200000000");
	assert_string_equal(fx_val(it, "size", 0), "6");
	/* 06755 */
	assert_string_equal(fx_val(it, "suid", 0), "true");
	assert_string_equal(fx_val(it, "sgid", 0), "true");
	assert_string_equal(fx_val(it, "sticky", 0), "false");
	assert_string_equal(fx_val(it, "uread", 0), "true");
	assert_string_equal(fx_val(it, "uwrite", 0), "true");
	assert_string_equal(fx_val(it, "uexec", 0), "true");
	assert_string_equal(fx_val(it, "gread", 0), "true");
	assert_string_equal(fx_val(it, "gwrite", 0), "false");
	assert_string_equal(fx_val(it, "gexec", 0), "true");
	assert_string_equal(fx_val(it, "oread", 0), "true");
	assert_string_equal(fx_val(it, "owrite", 0), "false");
	assert_string_equal(fx_val(it, "oexec", 0), "true");
	assert_string_equal(fx_val(it, "has_extended_acl", 0), "false");
	fx_free(&f);
}

static void
test_probe_unixfile_file__every_type(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	/* "The file_object will collect all UNIX file types": a FIFO is
	 * described (never opened), a link is described, not followed. */
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 6);
	assert_string_equal(fx_val(find(&f, c, "/d/fifo"), "type", 0),
	    "fifo");
	assert_string_equal(fx_val(find(&f, c, "/d/sub"), "type", 0),
	    "directory");
	assert_string_equal(fx_val(find(&f, c, "/d/lnk"), "type", 0),
	    "symbolic link");
	it = find(&f, c, "/d/sticky");
	assert_string_equal(fx_val(it, "sticky", 0), "true");
	assert_string_equal(fx_val(it, "owrite", 0), "true");
	assert_string_equal(fx_val(it, "uexec", 0), "false");
	fx_free(&f);
}

static void
test_probe_unixfile_file__nil_filename(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	/* unix-definitions-schema filename: "If the xsi:nil attribute is
	 * set to true, then the object being specified is the higher level
	 * directory object (not all the files in the directory)." */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "filepath", 0), "/d");
	assert_string_equal(fx_val(it, "path", 0), "/d");
	assert_string_equal(fx_val(it, "filename", 0), "(nil)");
	assert_string_equal(fx_val(it, "type", 0), "directory");
	c = fx_collect(&f, "oval:t:obj:15");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "path", 0), "/");
	fx_free(&f);
}

static void
test_probe_unixfile_file__recurse_down(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* recurse="directories": /t, /t/a, /t/a/b, /t/a/b/c; the link /t/l
	 * is not entered. */
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 4);
	assert_non_null(find(&f, c, "/t/a/b/c"));
	assert_null(find(&f, c, "/t/l"));
	/* max_depth 1: "'1' means to step only one directory level". */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_non_null(find(&f, c, "/t/f0"));
	assert_non_null(find(&f, c, "/t/a/f1"));
	assert_non_null(find(&f, c, "/t/a/f0"));
	assert_null(find(&f, c, "/t/a/b/f2"));
	/* The default recurse ("symlinks and directories") follows /t/l
	 * (to /x, inside the root); "directories" does not. */
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->nitems, 2);
	assert_non_null(find(&f, c, "/t/a/b/c/f3"));
	assert_non_null(find(&f, c, "/t/l/f3"));
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->nitems, 1);
	fx_free(&f);
}

static void
test_probe_unixfile_file__recurse_up(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* up, max_depth 2: /t/a/b, /t/a, /t: f0 is in /t/a and /t. */
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->nitems, 2);
	assert_non_null(find(&f, c, "/t/a/f0"));
	assert_non_null(find(&f, c, "/t/f0"));
	fx_free(&f);
}

static void
test_probe_unixfile_file__patterns(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->nitems, 2);
	assert_non_null(find(&f, c, "/t/a"));
	assert_non_null(find(&f, c, "/t/a/b"));
	c = fx_collect(&f, "oval:t:obj:10");
	assert_int_equal(c->nitems, 2);
	assert_non_null(find(&f, c, "/t/a/f1"));
	assert_non_null(find(&f, c, "/t/a/b/f2"));
	fx_free(&f);
}

static void
test_probe_unixfile_file__links_and_loops(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:11");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "type", 0),
	    "symbolic link");
	/* A link to its own directory is not entered twice. */
	c = fx_collect(&f, "oval:t:obj:13");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	/* ".." never climbs above the root. */
	c = fx_collect(&f, "oval:t:obj:16");
	assert_int_equal(c->nitems, 1);
	c = fx_collect(&f, "oval:t:obj:17");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_unixfile_file__defined_file_system(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* The fixture is one file system: "defined" finds what "all"
	 * finds (crossing is checked by st_dev, which a temp dir cannot
	 * change without mounting). */
	c = fx_collect(&f, "oval:t:obj:14");
	assert_int_equal(c->nitems, 5);
	fx_free(&f);
}

static void
test_probe_unixfile_file__acl(void **state)
{
	struct fx f;
	struct oval_collected *c;
	unsigned char b[44];
	size_t n;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:12");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "has_extended_acl", 0),
	    "true");
	n = acl_blob(b, false);
	assert_int_equal(probe_unixfile_acl_extended((char *)b, n), 0);
	n = acl_blob(b, true);
	assert_int_equal(probe_unixfile_acl_extended((char *)b, n), 1);
	assert_int_equal(probe_unixfile_acl_extended((char *)b, 5),
	    KS_EPARSE);
	fx_free(&f);
}

static void
test_probe_unixfile_file__listed_once(void **state)
{
	struct fx f;
	size_t d1, e1, d2, e2;

	(void)state;
	setup_fx(&f);
	(void)fx_collect(&f, "oval:t:obj:4");
	probe_files_cache_stats(f.s, &d1, &e1);
	assert_true(d1 >= 4);
	/* Other objects over the same tree list nothing new. */
	(void)fx_collect(&f, "oval:t:obj:7");
	(void)fx_collect(&f, "oval:t:obj:8");
	(void)fx_collect(&f, "oval:t:obj:9");
	probe_files_cache_stats(f.s, &d2, &e2);
	assert_int_equal(d1, d2);
	assert_int_equal(e1, e2);
	fx_free(&f);
}

/*
 * A cold walk of a big tree is listed by threads ahead of the walk
 * (probe_files.c "prefetch"): the items must be exactly those of a walk
 * alone, whatever the threads' timing, with links to directories (which
 * the threads never enter), filters that read a few fields first, the
 * depth cap, and later objects served from the cache.
 */
#define WOBJ(n, beh, body) \
    "<file_object id=\"oval:w:obj:" #n "\" version=\"1\" " FX_UNIX ">" \
    "<behaviors " beh "/>" body "</file_object>"
#define WDOWN "recurse=\"directories\" recurse_direction=\"down\""
static const char *const wobjs =
    WOBJ(1, WDOWN, "<path>/w</path><filename operation=\"pattern match\">"
        ".*</filename><filter xmlns=\"" FX_NS_DEF "\" action=\"include\">"
        "oval:w:ste:1</filter>")
    WOBJ(2, WDOWN, "<path>/w</path><filename operation=\"pattern match\">"
        ".*</filename><filter xmlns=\"" FX_NS_DEF "\" action=\"include\">"
        "oval:w:ste:1</filter><filter xmlns=\"" FX_NS_DEF "\" "
        "action=\"exclude\">oval:w:ste:2</filter>")
    WOBJ(3, "recurse_direction=\"down\"", "<path>/w</path><filename>f"
        "</filename>")
    WOBJ(4, WDOWN " max_depth=\"1\"", "<path>/w</path><filename "
        "operation=\"pattern match\">.*</filename>")
    WOBJ(5, WDOWN, "<path>/n</path><filename>f</filename>");
static const char *const wstates =
    "<file_state id=\"oval:w:ste:1\" version=\"1\" operator=\"OR\" "
    FX_UNIX "><suid datatype=\"boolean\">true</suid><sgid "
    "datatype=\"boolean\">true</sgid></file_state>"
    "<file_state id=\"oval:w:ste:2\" version=\"1\" " FX_UNIX "><filepath "
    "operation=\"pattern match\">^/w/d29/</filepath></file_state>";

static void
setup_wide(struct fx *f)
{
	char p[512];
	struct ks_buf b;

	fx_root(f);
	/* 30 directories of 8 sub-directories, each with a file f. */
	for (int d = 0; d < 30; d++)
		for (int e = 0; e < 8; e++) {
			snprintf(p, sizeof(p), "/w/d%02d/e%d/f", d, e);
			mkfile(f, p, 0644);
		}
	mkfile(f, "/w/d07/e3/s", 04755);
	mkfile(f, "/w/d29/e7/s", 02755);
	mklink(f, "/w/d05/ln", "/w/d09");
	/* 70 levels below /n, more than the 64 a walk goes down. */
	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "/n");
	for (int i = 0; i < 70; i++)
		ks_buf_puts(&b, "/d");
	ks_buf_puts(&b, "/f");
	mkfile(f, "/n/f", 0644);
	mkfile(f, b.data, 0644);
	ks_buf_free(&b);
	fx_load_states(f, wobjs, wstates, NULL);
}

static void
test_probe_unixfile_file__threaded_walk(void **state)
{
	struct fx f;
	struct oval_collected *c;
	size_t d1, e1, d2, e2;

	(void)state;
	/* Cold, with a link to a directory: the default recurse follows
	 * /w/d05/ln, which only the walk itself lists. */
	setup_wide(&f);
	c = fx_collect(&f, "oval:w:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 30 * 8 + 8);
	assert_non_null(find(&f, c, "/w/d00/e0/f"));
	assert_non_null(find(&f, c, "/w/d29/e7/f"));
	assert_non_null(find(&f, c, "/w/d05/ln/e4/f"));
	probe_files_cache_stats(f.s, &d1, &e1);
	/* /w, 30, 240, and the 9 directories through the link. */
	assert_int_equal(d1, 1 + 30 + 240 + 9);
	/* Warm: filters read suid and sgid first, then the whole item. */
	c = fx_collect(&f, "oval:w:obj:1");
	assert_int_equal(c->nitems, 2);
	assert_non_null(find(&f, c, "/w/d07/e3/s"));
	assert_string_equal(fx_val(find(&f, c, "/w/d29/e7/s"), "sgid", 0),
	    "true");
	assert_string_equal(fx_val(find(&f, c, "/w/d29/e7/s"), "uread", 0),
	    "true");
	assert_string_equal(fx_val(find(&f, c, "/w/d29/e7/s"), "size", 0),
	    "6");
	c = fx_collect(&f, "oval:w:obj:2");
	assert_int_equal(c->nitems, 1);
	assert_non_null(find(&f, c, "/w/d07/e3/s"));
	/* max_depth 1: the entries of /w and of /w/dNN. */
	c = fx_collect(&f, "oval:w:obj:4");
	assert_int_equal(c->nitems, 30 + 30 * 8 + 1);
	probe_files_cache_stats(f.s, &d2, &e2);
	assert_int_equal(d1, d2);
	assert_int_equal(e1, e2);
	fx_free(&f);

	/* Cold again, the filtered object first: the same two items; then
	 * the depth cap stops threads and walk alike. */
	setup_wide(&f);
	c = fx_collect(&f, "oval:w:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	assert_non_null(find(&f, c, "/w/d07/e3/s"));
	assert_non_null(find(&f, c, "/w/d29/e7/s"));
	c = fx_collect(&f, "oval:w:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_INCOMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_non_null(find(&f, c, "/n/f"));
	assert_true(fx_msg_has(c, "deeper than 64 levels"));
	fx_free(&f);
}

static void
test_probe_unixfile_file__mem_target(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	unsigned char acl[44];
	size_t n;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	assert_int_equal(plat_target_mem_add_file(f.t, "/d/a.conf", "x", 1,
	    0640), 0);
	assert_int_equal(plat_target_mem_add_file(f.t, "/t/f0", "x", 1,
	    0600), 0);
	assert_int_equal(plat_target_mem_add_file(f.t, "/t/a/f1", "xy", 2,
	    0604), 0);
	assert_int_equal(plat_target_mem_add_file(f.t, "/t/a/b/f2", "x", 1,
	    0644), 0);
	n = acl_blob(acl, true);
	assert_int_equal(plat_target_mem_set_xattr(f.t, "/t/f0",
	    "system.posix_acl_access", acl, n), 0);
	fx_load(&f, objs, NULL);
	/* A recursive walk lists with each entry's lstat: this target has
	 * no list_stat of its own, plat_fs_list_stat stats each entry. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->nitems, 2);
	assert_string_equal(fx_val(find(&f, c, "/t/a/f1"), "size", 0), "2");
	assert_string_equal(fx_val(find(&f, c, "/t/a/f1"), "oread", 0),
	    "true");
	assert_string_equal(fx_val(find(&f, c, "/t/f0"), "oread", 0),
	    "false");
	assert_string_equal(fx_val(find(&f, c, "/t/f0"), "has_extended_acl",
	    0), "true");
	assert_string_equal(fx_val(find(&f, c, "/t/a/f1"), "has_extended_acl",
	    0), "false");
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "uread", 0), "true");
	assert_string_equal(fx_val(it, "gread", 0), "true");
	assert_string_equal(fx_val(it, "oread", 0), "false");
	/* The fixture set no ACL attribute: none beyond the mode bits. */
	assert_string_equal(fx_val(it, "has_extended_acl", 0), "false");
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_unixfile_file__every_field),
		cmocka_unit_test(test_probe_unixfile_file__every_type),
		cmocka_unit_test(test_probe_unixfile_file__nil_filename),
		cmocka_unit_test(test_probe_unixfile_file__recurse_down),
		cmocka_unit_test(test_probe_unixfile_file__recurse_up),
		cmocka_unit_test(test_probe_unixfile_file__patterns),
		cmocka_unit_test(test_probe_unixfile_file__links_and_loops),
		cmocka_unit_test(
		    test_probe_unixfile_file__defined_file_system),
		cmocka_unit_test(test_probe_unixfile_file__acl),
		cmocka_unit_test(test_probe_unixfile_file__listed_once),
		cmocka_unit_test(test_probe_unixfile_file__threaded_walk),
		cmocka_unit_test(test_probe_unixfile_file__mem_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
