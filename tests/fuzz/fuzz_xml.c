/*
 * libFuzzer target for the safe XML loader: arbitrary bytes through the
 * streaming reader (to the end or the first error) and the DOM reader. Any
 * crash, leak, hang or unbounded allocation is a bug in platform/base/xml.c
 * or in how it drives libxml2.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "platform/base/base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct _xmlTextReader *r = NULL;
	struct _xmlDoc *doc = NULL;
	int rc;

	ks_xml_init();
	if (ks_xml_reader_mem(&r, (const char *)data, size, "fuzz.xml") ==
	    0) {
		while ((rc = ks_xml_reader_next(r)) == 1) {
			/* Touch what callers read, as the OVAL parser does. */
			(void)xmlTextReaderConstLocalName(r);
			(void)xmlTextReaderConstValue(r);
			(void)ks_xml_reader_line(r);
		}
		/* An error must come with a message naming the document. */
		if (rc < 0 && strncmp(ks_error_msg(), "fuzz.xml", 8) != 0)
			__builtin_trap();
		ks_xml_reader_free(r);
	}
	rc = ks_xml_doc_read_mem(&doc, (const char *)data, size, "fuzz.xml");
	if (rc == 0)
		xmlFreeDoc(doc);
	else if (strncmp(ks_error_msg(), "fuzz.xml", 8) != 0)
		__builtin_trap();
	return 0;
}
