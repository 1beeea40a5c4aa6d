/*
 * libFuzzer target for the signed-bundle manifest parser
 * (feeds/feed_bundle.c, feed_manifest_parse). It traps when a broken
 * contract shows: a refusal without a message, or an accepted manifest
 * whose entries are unsorted, duplicated, unsafe (absolute, "..", empty
 * components), not findable by feed_manifest_find, or whose sizes do not
 * add up to its total.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
unsafe(const char *p)
{
	size_t n = strlen(p);

	return n == 0 || p[0] == '/' || p[n - 1] == '/' ||
	    strstr(p, "//") != NULL || strcmp(p, "..") == 0 ||
	    strncmp(p, "../", 3) == 0 || strstr(p, "/../") != NULL ||
	    (n >= 3 && strcmp(p + n - 3, "/..") == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_manifest *m = NULL;
	uint64_t total = 0;
	size_t i;

	ks_error_clear();
	if (feed_manifest_parse((const char *)data, size, "fuzz", &m) != 0) {
		if (m != NULL || ks_error_msg()[0] == '\0')
			__builtin_trap();
		return 0;
	}
	for (i = 0; i < m->n; i++) {
		if (unsafe(m->v[i].path) ||
		    feed_manifest_find(m, m->v[i].path) != &m->v[i])
			__builtin_trap();
		if (i > 0 && strcmp(m->v[i - 1].path, m->v[i].path) >= 0)
			__builtin_trap();
		total += m->v[i].size;
	}
	if (total != m->total)
		__builtin_trap();
	feed_manifest_free(m);
	return 0;
}
