/*
 * libFuzzer target for the archive reader (feeds/feed_archive.c): any
 * bytes as a possibly compressed tar or zip, walked the way extraction
 * walks it (entry names, types and link targets checked, data read) but
 * with small caps and without writing anything. Beyond "never crash", it
 * traps when a refusal comes without a message.
 */
#include <stddef.h>
#include <stdint.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_archive_limits lim = {
		.max_entries = 64,
		.max_total = 4u << 20,
		.max_ratio = 50,
		.ratio_grace = 64u << 10,
	};
	int rc;

	ks_error_clear();
	rc = feed_arc_walk_mem(data, size, &lim);
	if (rc != 0 && ks_error_msg()[0] == '\0')
		__builtin_trap();
	if (rc > 0)
		__builtin_trap();
	return 0;
}
