/*
 * libFuzzer target for the JVN iPedia parsers (feeds/feed_jvn.c): any bytes
 * as a VULDEF or JVNRSS document streamed into a vulnerability store, and
 * every score it keeps checked by the CVSS parser as findings would. Beyond
 * "never crash", it traps when a refusal comes without a message and when
 * an entry lacks its id or source.
 */
#include <stddef.h>
#include <stdint.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
check_entry(const struct feed_vuln *v, void *payload)
{
	struct feed_cvss c;

	(void)payload;
	if (v->id == NULL || v->source == NULL)
		__builtin_trap();
	for (uint32_t i = 0; i < v->nscores; i++)
		if (v->scores[i].vector != NULL)
			(void)feed_cvss_parse(v->scores[i].vector, &c);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_vulnstore *vs = NULL;
	int rc;

	ks_xml_init();
	if (feed_vulnstore_new(&vs) < 0)
		return 0;
	ks_error_clear();
	rc = feed_jvn_import_mem(vs, (const char *)data, size, "fuzz.xml");
	if (rc != 0 && ks_error_msg()[0] == '\0')
		__builtin_trap();
	if (rc > 0)
		__builtin_trap();
	feed_vulnstore_foreach(vs, check_entry, NULL);
	feed_vulnstore_free(vs);
	return 0;
}
