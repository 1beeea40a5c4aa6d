/*
 * libFuzzer target for the system-characteristics reader (`oval analyse`
 * input): arbitrary bytes are read into a session over a small fixed set
 * of definitions; whatever reads successfully is written back out as a
 * document. Any crash, leak or sanitizer report is a bug; parse errors and
 * caps are expected outcomes, and an error must come with a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "oval/results_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char defs_xml[] =
    "<oval_definitions "
    "xmlns='http://oval.mitre.org/XMLSchema/oval-definitions-5'"
    " xmlns:oval='http://oval.mitre.org/XMLSchema/oval-common-5'"
    " xmlns:ind='http://oval.mitre.org/XMLSchema/"
    "oval-definitions-5#independent'"
    " xmlns:linux='http://oval.mitre.org/XMLSchema/oval-definitions-5#linux'>"
    "<generator><oval:schema_version>5.11.2</oval:schema_version>"
    "<oval:timestamp>2024-01-01T00:00:00</oval:timestamp></generator>"
    "<objects>"
    "<linux:dpkginfo_object id='oval:f:obj:1' version='1'>"
    "<linux:name>a</linux:name></linux:dpkginfo_object>"
    "<ind:family_object id='oval:f:obj:2' version='1'/>"
    "</objects>"
    "<variables><constant_variable id='oval:f:var:1' version='1'"
    " datatype='string' comment='c'><value>1</value></constant_variable>"
    "</variables></oval_definitions>";

static struct oval_defs *defs;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oval_session *s = NULL;
	int rc;

	ks_xml_init();
	ks_log_set_level(KS_LOG_ERROR);
	if (defs == NULL &&
	    oval_defs_parse_mem(&defs, defs_xml, sizeof(defs_xml) - 1,
	                        "defs.xml") < 0)
		__builtin_trap();
	if (oval_session_new(&s, defs, NULL, NULL) < 0)
		__builtin_trap();
	ks_error_clear();
	rc = oval_res_syschar_read_mem(s, (const char *)data, size, "fuzz.xml");
	if (rc < 0 && ks_error_msg()[0] == '\0')
		__builtin_trap();
	if (rc == 0) {
		/* What was read must be writable (failures such as an
		 * over-long name are reported, not crashes). */
		(void)oval_syschar_write(s, "fuzz_syschar.out.xml");
	}
	oval_session_free(s);
	return 0;
}
