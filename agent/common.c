/*
 * What every command shares: opening the target, finding kensa's data
 * directory, printing errors and the version banner.
 */
#include "agent/agent.h"
#include "oval/oval.h"

#include <libxml/xmlversion.h>
#include <openssl/opensslv.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
agent_target_open(struct plat_target **out, const char *root,
    const char *image)
{
	if (root != NULL && image != NULL) {
		ks_error_set("--root and --image name two targets; give one");
		return KS_ERROR;
	}
	if (image != NULL)
		return plat_target_image_new(out, image);
	if (root == NULL)
		return plat_target_host_new(out);
	return plat_target_root_new(out, root);
}

static bool
has_content(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s/content", dir);

	return n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode);
}

const char *
agent_datadir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	const char *env = getenv("KENSA_DATADIR");
	ssize_t n;

	if (env != NULL && *env != '\0')
		return env;
	if (dir[0] != '\0')
		return dir;
	/* A build tree runs from build/kensa or build/<variant>/kensa: its
	 * data is the source tree's, not an older installed copy. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			if ((slash = strrchr(exe, '/')) == NULL)
				break;
			*slash = '\0';
			if (snprintf(dir, sizeof(dir), "%s/data", exe) <
			    (int)sizeof(dir) && has_content(dir))
				return dir;
		}
	}
	snprintf(dir, sizeof(dir), "%s", KS_DATADIR);
	if (!has_content(dir) && has_content(KS_SRCDIR "/data"))
		snprintf(dir, sizeof(dir), "%s", KS_SRCDIR "/data");
	return dir;
}

const char *
agent_lang(const char *opt)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = opt;

	for (size_t i = 0; (v == NULL || *v == '\0') &&
	    i < sizeof(vars) / sizeof(vars[0]); i++)
		v = getenv(vars[i]);
	return v != NULL && strncmp(v, "ja", 2) == 0 ? "ja" : "en";
}

void
agent_perror(const char *what)
{
	const char *msg = ks_error_msg();

	if (what != NULL && *msg != '\0')
		fprintf(stderr, "kensa: %s: %s\n", what, msg);
	else if (what != NULL)
		fprintf(stderr, "kensa: %s\n", what);
	else
		fprintf(stderr, "kensa: %s\n", *msg ? msg : "unknown error");
}

static void
print_object(const char *ns, const char *object, void *payload)
{
	(void)payload;
	printf("  %s:%s\n", ns, object);
}

void
agent_print_version(void)
{
	printf("kensa %s\n", KS_VERSION);
	printf("libxml2 %s, %s, PCRE2 %d.%d\n", LIBXML_DOTTED_VERSION,
	    OPENSSL_VERSION_TEXT, PCRE2_MAJOR, PCRE2_MINOR);
	printf("OVAL 5.3 to 5.11.2 definitions; results and system "
	    "characteristics 5.11.2\n");
	printf("collected OVAL objects:\n");
	oval_supported_objects(print_object, NULL);
}
