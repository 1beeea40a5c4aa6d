/*
 * libFuzzer target for the two-thread DOM loader (platform/base/xml_split.c),
 * differential: arbitrary bytes as a file, parsed in two and in one; both
 * must fail with the same message or give the same document, byte for
 * byte. Any difference, crash or leak is a bug in xml_split.c.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct _xmlDoc *one = NULL, *two = NULL;
	xmlChar *t1 = NULL, *t2 = NULL;
	char path[64], msg[1024];
	int fd, rc1, rc2, l1 = 0, l2 = 0;

	ks_xml_init();
	/* Every input is big enough to split. */
	ks_xml_split_min_set(1);
	if ((fd = memfd_create("fuzz", 0)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	setenv("KENSA_XML_THREADS", "1", 1);
	rc1 = ks_xml_doc_read_file(&one, path);
	snprintf(msg, sizeof(msg), "%s", rc1 != 0 ? ks_error_msg() : "");
	unsetenv("KENSA_XML_THREADS");
	rc2 = ks_xml_doc_read_file_split(&two, path, "component",
	    NULL);
	if (rc1 != rc2 || (rc2 != 0 && strcmp(msg, ks_error_msg()) != 0))
		__builtin_trap();
	if (rc1 == 0) {
		xmlDocDumpMemory(one, &t1, &l1);
		xmlDocDumpMemory(two, &t2, &l2);
		if (l1 != l2 || (l1 > 0 && memcmp(t1, t2, (size_t)l1) != 0))
			__builtin_trap();
		xmlFree(t1);
		xmlFree(t2);
	}
	xmlFreeDoc(one);
	xmlFreeDoc(two);
	close(fd);
	return 0;
}
