/*
 * libFuzzer target for the CPE name parser (xccdf/cpe_name.c). Beyond
 * "never crash", it traps when a contract is broken: a rejection without
 * a message, an accepted name that does not survive binding to a 2.3
 * formatted string and to a 2.2 URI and parsing back unchanged, or a
 * wildcard-free name that does not match itself (NISTIR 7696: EQUAL).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "xccdf/cpe_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
same(const struct cpe_name *a, const struct cpe_name *b)
{
	unsigned i;

	for (i = 0; i < CPE_NATTR; i++) {
		if (a->na[i] != b->na[i])
			return false;
		if ((a->attr[i] == NULL) != (b->attr[i] == NULL))
			return false;
		if (a->attr[i] != NULL && strcmp(a->attr[i], b->attr[i]) != 0)
			return false;
	}
	return true;
}

static bool
has_wild(const struct cpe_name *n)
{
	unsigned i;

	for (i = 0; i < CPE_NATTR; i++)
		if (cpe_attr_compare(NULL, false, n->attr[i], n->na[i]) ==
		    CPE_REL_UNDEFINED)
			return true;
	return false;
}

/* Binds n with `bind`, parses the result and compares. */
static void
round_trip(const struct cpe_name *n, int (*bind)(const struct cpe_name *,
    char **))
{
	struct cpe_name back;
	char *s = NULL;

	if (bind(n, &s) != 0)
		__builtin_trap();
	if (strlen(s) > CPE_NAME_MAX) {	/* quoting grew it past the cap */
		free(s);
		return;
	}
	if (cpe_name_parse(&back, s) != 0 || !same(n, &back))
		__builtin_trap();
	cpe_name_clear(&back);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	struct cpe_name n;

	if (size > CPE_NAME_MAX + 16)
		size = CPE_NAME_MAX + 16;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	ks_error_clear();
	if (cpe_name_parse(&n, s) != 0) {
		if (ks_error_msg()[0] == '\0')
			__builtin_trap();
		for (unsigned i = 0; i < CPE_NATTR; i++)
			if (n.attr[i] != NULL)
				__builtin_trap();
		free(s);
		return 0;
	}
	round_trip(&n, cpe_name_to_fs);
	round_trip(&n, cpe_name_to_uri);
	if (!has_wild(&n) && !cpe_name_match(&n, &n))
		__builtin_trap();
	cpe_name_clear(&n);
	free(s);
	return 0;
}
