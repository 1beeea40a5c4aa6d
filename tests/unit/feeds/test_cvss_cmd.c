/*
 * Tests for `kensa cvss score` and `kensa cvss describe`
 * (agent/cmd_cvss.c): exact output lines, exit statuses, standard input,
 * and the English and Japanese descriptions. Standard output and input
 * are redirected to files in a temporary directory.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "agent/cmd_cvss.h"

static char tmpdir[64];

static int
setup(void **state)
{
	strcpy(tmpdir, "/tmp/kensa-cvss-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char p[128];

	snprintf(p, sizeof(p), "%s/out", tmpdir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/in", tmpdir);
	unlink(p);
	return rmdir(tmpdir);
}

/*
 * Runs agent_cmd_cvss with the NULL-terminated arguments after "cvss",
 * with `input` (may be NULL) on standard input; returns the exit status
 * and stores standard output in *out (caller frees).
 */
static int
run(const char *input, char **out, ...)
{
	char *argv[16], opath[128], ipath[128];
	int argc = 0, rc, saved_out, saved_in = -1, fd;
	size_t len;
	va_list ap;

	argv[argc++] = (char *)"cvss";
	va_start(ap, out);
	while ((argv[argc] = va_arg(ap, char *)) != NULL && argc < 15)
		argc++;
	va_end(ap);
	argv[argc] = NULL;

	snprintf(opath, sizeof(opath), "%s/out", tmpdir);
	snprintf(ipath, sizeof(ipath), "%s/in", tmpdir);
	if (input != NULL) {
		assert_int_equal(ks_file_write_atomic(ipath, input,
		    strlen(input)), 0);
		fd = open(ipath, O_RDONLY);
		assert_true(fd >= 0);
		saved_in = dup(0);
		dup2(fd, 0);
		close(fd);
		clearerr(stdin);
	}
	fflush(stdout);
	saved_out = dup(1);
	fd = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 1);
	close(fd);

	rc = agent_cmd_cvss(argc, argv);

	fflush(stdout);
	dup2(saved_out, 1);
	close(saved_out);
	if (saved_in >= 0) {
		dup2(saved_in, 0);
		close(saved_in);
		clearerr(stdin);
	}
	assert_int_equal(ks_file_read(opath, 1 << 20, out, &len), 0);
	return rc;
}

static void
test_cvss_cmd__score_lines(void **state)
{
	char *out;
	int rc = run(NULL, &out, "score",
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "(AV:N/AC:L/Au:N/C:P/I:P/A:P)",
	    "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:UC",
	    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/MAV:P",
	    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
	    "AV:L/AC:H/Au:M/C:N/I:N/A:N", (char *)NULL);

	assert_int_equal(rc, 0);
	assert_string_equal(out,
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\t3.1\t9.8\t9.8\t"
	    "9.8\t9.8\tCritical\n"
	    "(AV:N/AC:L/Au:N/C:P/I:P/A:P)\t2.0\t7.5\t-\t-\t7.5\tHigh\n"
	    "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:UC\t2.0\t10.0\t6.7\t-\t"
	    "6.7\tMedium\n"
	    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/MAV:P\t3.0\t"
	    "9.8\t9.0\t6.2\t6.2\tMedium\n"
	    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
	    "\t4.0\t-\t-\t-\t9.3\tCritical\n"
	    "AV:L/AC:H/Au:M/C:N/I:N/A:N\t2.0\t0.0\t-\t-\t0.0\tLow\n");
	free(out);
}

static void
test_cvss_cmd__score_invalid(void **state)
{
	char *out;
	int rc = run(NULL, &out, "score", "CVSS:3.1/AV:N/AV:N", "bad\tvector",
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", (char *)NULL);

	assert_int_equal(rc, 1);
	assert_string_equal(out,
	    "CVSS:3.1/AV:N/AV:N\terror\tCVSS 3.1: duplicate metric 'AV'\n"
	    "bad?vector\terror\tCVSS 2.0: field 'bad?vector' is not "
	    "METRIC:VALUE\n"
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N\t3.1\t5.3\t5.3\t"
	    "5.3\t5.3\tMedium\n");
	free(out);
}

static void
test_cvss_cmd__score_stdin(void **state)
{
	char *out;
	int rc = run("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r\n"
	    "\n   \n"
	    "  CVSS:3.1/AV:X\t\n"
	    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
	    &out, "score", "-", (char *)NULL);

	assert_int_equal(rc, 1);
	assert_string_equal(out,
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\t3.1\t9.8\t9.8\t"
	    "9.8\t9.8\tCritical\n"
	    "CVSS:3.1/AV:X\terror\tCVSS 3.1: unknown value 'X' for metric "
	    "'AV'\n"
	    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"
	    "\t4.0\t-\t-\t-\t0.0\tNone\n");
	free(out);
}

static void
test_cvss_cmd__score_stdin_long_line(void **state)
{
	char *in = ks_malloc(6000), *out;
	int rc;

	memset(in, 'A', 5000);
	strcpy(in + 5000, "\nAV:N/AC:L/Au:N/C:P/I:P/A:P\n");
	rc = run(in, &out, "score", "-", (char *)NULL);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "...\terror\tline longer than 4096 "
	    "bytes\n"));
	assert_non_null(strstr(out, "\nAV:N/AC:L/Au:N/C:P/I:P/A:P\t2.0\t7.5"));
	free(out);
	free(in);
}

static void
test_cvss_cmd__describe_en(void **state)
{
	char *out;
	int rc = run(NULL, &out, "describe", "--lang", "en",
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P", (char *)NULL);

	assert_int_equal(rc, 0);
	assert_string_equal(out,
	    "Vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P\n"
	    "Version: 3.1\n"
	    "Attack Vector: Network\n"
	    "Attack Complexity: Low\n"
	    "Privileges Required: None\n"
	    "User Interaction: Required\n"
	    "Scope: Changed\n"
	    "Confidentiality: Low\n"
	    "Integrity: Low\n"
	    "Availability: None\n"
	    "Exploit Code Maturity: Proof-of-Concept\n"
	    "Base Score: 6.1\n"
	    "Temporal Score: 5.8\n"
	    "Environmental Score: 5.8\n"
	    "Score: 5.8\n"
	    "Severity: Medium\n");
	free(out);
}

static void
test_cvss_cmd__describe_ja(void **state)
{
	char *out;
	int rc = run(NULL, &out, "describe", "--lang=ja",
	    "AV:N/AC:L/Au:N/C:P/I:P/A:P", (char *)NULL);

	assert_int_equal(rc, 0);
	assert_string_equal(out,
	    "ベクトル: AV:N/AC:L/Au:N/C:P/I:P/A:P\n"
	    "バージョン: 2.0\n"
	    "攻撃元区分: ネットワーク\n"
	    "攻撃条件の複雑さ: 低\n"
	    "攻撃前の認証要否: 不要\n"
	    "機密性への影響: 部分的\n"
	    "完全性への影響: 部分的\n"
	    "可用性への影響: 部分的\n"
	    "基本値: 7.5\n"
	    "現状値: -\n"
	    "環境値: -\n"
	    "スコア: 7.5\n"
	    "深刻度: 危険\n");
	free(out);
}

static void
test_cvss_cmd__describe_v4_and_locale(void **state)
{
	char *out;
	int rc;

	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "ja_JP.UTF-8", 1);
	rc = run(NULL, &out, "describe", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/"
	    "VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/U:Red", (char *)NULL);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "攻撃の前提条件: なし\n"));
	assert_non_null(strstr(out, "攻撃される可能性: 報告なし\n"));
	assert_non_null(strstr(out, "提供者の緊急度: レッド\n"));
	assert_non_null(strstr(out, "基本値: -\n"));
	assert_non_null(strstr(out, "スコア (CVSS-BT): 8.1\n"));
	assert_non_null(strstr(out, "深刻度: 重要\n"));
	free(out);

	/* LC_ALL wins over LANG. */
	setenv("LC_ALL", "C", 1);
	rc = run(NULL, &out, "describe", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/"
	    "VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", (char *)NULL);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "Attack Requirements: None\n"));
	assert_non_null(strstr(out, "Score (CVSS-B): 9.3\n"));
	assert_non_null(strstr(out, "Severity: Critical\n"));
	free(out);
	unsetenv("LC_ALL");
	unsetenv("LANG");
}

static void
test_cvss_cmd__usage_errors(void **state)
{
	char *out;

	assert_int_equal(run(NULL, &out, (char *)NULL), 1);
	free(out);
	assert_int_equal(run(NULL, &out, "frobnicate", (char *)NULL), 1);
	free(out);
	assert_int_equal(run(NULL, &out, "score", (char *)NULL), 1);
	free(out);
	assert_int_equal(run(NULL, &out, "describe", (char *)NULL), 1);
	free(out);
	assert_int_equal(run(NULL, &out, "describe", "--lang", "fr",
	    "AV:N/AC:L/Au:N/C:P/I:P/A:P", (char *)NULL), 1);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(run(NULL, &out, "describe", "CVSS:3.1/AV:N",
	    (char *)NULL), 1);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(run(NULL, &out, "--help", (char *)NULL), 0);
	assert_non_null(strstr(out, "usage: kensa cvss score"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss_cmd__score_lines),
		cmocka_unit_test(test_cvss_cmd__score_invalid),
		cmocka_unit_test(test_cvss_cmd__score_stdin),
		cmocka_unit_test(test_cvss_cmd__score_stdin_long_line),
		cmocka_unit_test(test_cvss_cmd__describe_en),
		cmocka_unit_test(test_cvss_cmd__describe_ja),
		cmocka_unit_test(test_cvss_cmd__describe_v4_and_locale),
		cmocka_unit_test(test_cvss_cmd__usage_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
