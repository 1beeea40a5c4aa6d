/*
 * libFuzzer target for the XCCDF model: arbitrary bytes through the safe
 * DOM loader, xccdf_bench_parse (items, extends resolution, profiles) and
 * xccdf_policy_new with no profile, then every item title rendered. Any
 * crash, leak or hang is a bug in xccdf/xccdf_parse.c, xccdf_policy.c or
 * xccdf_text.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/xccdf_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct _xmlDoc *doc = NULL;
	struct xccdf_bench *b = NULL;
	struct xccdf_policy *p = NULL;
	uint32_t i;

	ks_xml_init();
	ks_log_set_level(KS_LOG_ERROR);
	if (ks_xml_doc_read_mem(&doc, (const char *)data, size,
	    "fuzz.xml") != 0)
		return 0;
	if (xccdf_bench_parse(&b, xmlDocGetRootElement(doc), "fuzz.xml") ==
	    0) {
		if (xccdf_policy_new(&p, b, NULL) == 0) {
			for (i = 0; i < b->nitems; i++) {
				char *t = xccdf_item_title(b, p, i, "en");

				(void)xccdf_policy_effective(p, i);
				free(t);
			}
			xccdf_policy_free(p);
		}
		/* every profile must resolve or fail with a message */
		for (i = 0; i < b->nprofiles; i++) {
			if (xccdf_policy_new(&p, b, b->profiles[i].id) == 0)
				xccdf_policy_free(p);
			else if (ks_error_msg()[0] == '\0')
				__builtin_trap();
		}
		xccdf_bench_free(b);
	} else if (ks_error_msg()[0] == '\0') {
		__builtin_trap();
	}
	xmlFreeDoc(doc);
	return 0;
}
