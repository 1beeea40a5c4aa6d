/*
 * libFuzzer target for the literal prefixes a file walk prunes by
 * (oval/probe_files.c, probe_files_regex_prefixes): content's path
 * patterns are untrusted. The input is a pattern, then (after the first
 * NUL byte) a candidate path. Beyond "never crash", it traps when the
 * pruning would lose a match: when the pattern compiles and matches the
 * path, the path must begin with one of the prefixes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oval/probe_unixfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 2), *path, *pre[PROBE_FILES_MAX_PREFIXES];
	struct ks_regex *re = NULL;
	uint32_t n;
	size_t plen;

	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	in[size + 1] = '\0';
	path = in + strlen(in) + 1;
	plen = strlen(path);
	n = probe_files_regex_prefixes(in, pre);
	for (uint32_t i = 0; i < n; i++)
		if (pre[i][0] != '/' || pre[i][1] == '\0')
			__builtin_trap();
	if (n > 0 && ks_regex_new(&re, in, 0) == 0) {
		if (ks_regex_match(re, path, plen) == 1) {
			uint32_t i;

			for (i = 0; i < n; i++)
				if (strncmp(path, pre[i], strlen(pre[i])) == 0)
					break;
			if (i == n)
				__builtin_trap();
		}
		ks_regex_free(re);
	}
	ks_error_clear();
	for (uint32_t i = 0; i < n; i++)
		free(pre[i]);
	free(in);
	return 0;
}
