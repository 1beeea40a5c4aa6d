/*
 * `kensa cvss score` and `kensa cvss describe`: the command-line face of
 * the CVSS code in feeds/ (parsing and scoring live there, not here). The
 * output of `score` is tab-separated for scripts; `describe` is for people,
 * in English or Japanese.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "agent/agent.h"
#include "agent/cmd_cvss.h"

/* Longest line read from standard input; longer ones are reported as an
 * error for that line and skipped. */
#define CVSS_LINE_MAX	4096

static const char usage[] =
    "usage: kensa cvss score [VECTOR...]      (VECTOR '-': read stdin)\n"
    "       kensa cvss describe [--lang ja|en] VECTOR...\n"
    "\n"
    "score prints one tab-separated line per vector:\n"
    "  vector version base temporal environmental score severity\n"
    "or 'vector error reason' for an invalid vector (exit status 1).\n"
    "Versions: 2.0 (bare or in parentheses), CVSS:3.0/, CVSS:3.1/, "
    "CVSS:4.0/.\n";

/* Writes s with every byte that could break the tab-separated format (tab,
 * newline, other control characters) replaced by '?'. */
static void
put_clean(FILE *fp, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, fp);
}

static void
put_score(FILE *fp, bool defined, double x)
{
	if (defined)
		fprintf(fp, "\t%.1f", x);
	else
		fputs("\t-", fp);
}

/* One line of `score` output; returns 0 or 1 (invalid vector). */
static int
score_one(FILE *fp, const char *vector)
{
	struct feed_cvss c;

	put_clean(fp, vector);
	if (feed_cvss_parse(vector, &c) != 0) {
		fputs("\terror\t", fp);
		put_clean(fp, ks_error_msg());
		fputc('\n', fp);
		return 1;
	}
	fprintf(fp, "\t%s", feed_cvss_version_name(c.ver));
	put_score(fp, c.has_base, c.base);
	put_score(fp, c.has_temporal, c.temporal);
	put_score(fp, c.has_environmental, c.environmental);
	fprintf(fp, "\t%.1f\t%s\n", c.score, feed_cvss_severity(&c));
	return 0;
}

/* Trims spaces, tabs and CR/LF at both ends, in place. */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		s[--n] = '\0';
	return s;
}

/* `score -`: one vector per line of in, blank lines skipped. */
static int
score_stream(FILE *in, FILE *out)
{
	char line[CVSS_LINE_MAX + 2];
	int status = 0;

	while (fgets(line, sizeof(line), in) != NULL) {
		size_t n = strlen(line);
		char *v;

		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			int ch;

			/* Drain the rest of the overlong line. */
			while ((ch = fgetc(in)) != EOF && ch != '\n')
				;
			line[64] = '\0';
			put_clean(out, trim(line));
			fprintf(out, "...\terror\tline longer than %d bytes\n",
			    CVSS_LINE_MAX);
			status = 1;
			continue;
		}
		v = trim(line);
		if (*v == '\0')
			continue;
		status |= score_one(out, v);
	}
	if (ferror(in)) {
		fprintf(stderr, "kensa: cvss: reading standard input failed\n");
		status = 1;
	}
	return status;
}

static int
cmd_score(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 1) {
		fprintf(stderr, "kensa: cvss score: no vector given (use '-' "
		    "to read them from standard input)\n%s", usage);
		return 1;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			status |= score_stream(stdin, stdout);
		else
			status |= score_one(stdout, argv[i]);
	}
	return status;
}

static void
describe_score(FILE *fp, const char *label, bool defined, double x)
{
	if (defined)
		fprintf(fp, "%s: %.1f\n", label, x);
	else
		fprintf(fp, "%s: -\n", label);
}

static int
describe_one(FILE *fp, const char *vector, const char *lang)
{
	bool ja = strcmp(lang, "ja") == 0;
	struct feed_cvss c;
	struct feed_cvss_metric m;
	const char *nom;
	size_t i, n;

	if (feed_cvss_parse(vector, &c) != 0) {
		fputs("kensa: cvss describe: ", stderr);
		put_clean(stderr, vector);
		fprintf(stderr, ": %s\n", ks_error_msg());
		return 1;
	}
	fputs(ja ? "ベクトル: " : "Vector: ", fp);
	put_clean(fp, vector);
	fprintf(fp, "\n%s: %s\n", ja ? "バージョン" : "Version",
	    feed_cvss_version_name(c.ver));
	n = feed_cvss_metric_count(&c);
	for (i = 0; i < n; i++) {
		if (feed_cvss_metric_get(&c, i, lang, &m) != 0)
			break;
		fprintf(fp, "%s: %s\n", m.name, m.value_name);
	}
	describe_score(fp, ja ? "基本値" : "Base Score", c.has_base, c.base);
	describe_score(fp, ja ? "現状値" : "Temporal Score", c.has_temporal,
	    c.temporal);
	describe_score(fp, ja ? "環境値" : "Environmental Score",
	    c.has_environmental, c.environmental);
	nom = feed_cvss_nomenclature(&c);
	if (nom != NULL)
		fprintf(fp, "%s (%s): %.1f\n", ja ? "スコア" : "Score", nom,
		    c.score);
	else
		fprintf(fp, "%s: %.1f\n", ja ? "スコア" : "Score", c.score);
	fprintf(fp, "%s: %s\n", ja ? "深刻度" : "Severity",
	    feed_cvss_severity_text(&c, lang));
	return 0;
}

static int
cmd_describe(int argc, char **argv)
{
	const char *lang = agent_lang(NULL);
	int i = 0, status = 0, done = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		const char *val = NULL;

		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strncmp(argv[i], "--lang=", 7) == 0)
			val = argv[i] + 7;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			val = argv[++i];
		if (val == NULL || (strcmp(val, "ja") != 0 &&
		    strcmp(val, "en") != 0)) {
			fprintf(stderr, "kensa: cvss describe: bad option "
			    "'%s' (--lang ja|en)\n", argv[i]);
			return 1;
		}
		lang = val;
	}
	if (i >= argc) {
		fprintf(stderr, "kensa: cvss describe: no vector given\n%s",
		    usage);
		return 1;
	}
	for (; i < argc; i++) {
		if (done++ > 0)
			fputc('\n', stdout);
		status |= describe_one(stdout, argv[i], lang);
	}
	return status;
}

int
agent_cmd_cvss(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	int status;

	if (sub == NULL) {
		fputs(usage, stderr);
		return 1;
	}
	if (strcmp(sub, "help") == 0 || strcmp(sub, "--help") == 0 ||
	    strcmp(sub, "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(sub, "score") == 0)
		status = cmd_score(argc - 2, argv + 2);
	else if (strcmp(sub, "describe") == 0)
		status = cmd_describe(argc - 2, argv + 2);
	else {
		fprintf(stderr, "kensa: cvss: unknown subcommand '%s'\n%s",
		    sub, usage);
		return 1;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "kensa: cvss: writing standard output "
		    "failed\n");
		return 1;
	}
	return status;
}
