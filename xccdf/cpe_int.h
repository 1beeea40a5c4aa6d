/*
 * Private to the CPE files (cpe_name.c, cpe_dict.c, cpe_lang.c) and their
 * tests: NISTIR 7696 attribute comparison, NISTIR 7695 binding of a WFN
 * back to a URI or formatted string, and read access to a dictionary's
 * items. The contract others use is the CPE section of xccdf_int.h.
 */
#ifndef KS_CPE_INT_H
#define KS_CPE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "xccdf/xccdf_int.h"

/* Longest CPE name accepted (bytes); longer ones are KS_EPARSE. */
#define CPE_NAME_MAX	4096

/* Namespaces. The dictionary keeps the 2.0 namespace in every version up
 * to 2.3; the applicability language 2.3 reuses the 2.0 namespace too. */
#define CPE_NS_DICT	"http://cpe.mitre.org/dictionary/2.0"
#define CPE_NS_DICT23	"http://scap.nist.gov/schema/cpe-extension/2.3"
#define CPE_NS_LANG	"http://cpe.mitre.org/language/2.0"

/* Attribute indexes in struct cpe_name (NISTIR 7695 section 5.3). */
enum cpe_attr {
	CPE_PART, CPE_VENDOR, CPE_PRODUCT, CPE_VERSION, CPE_UPDATE,
	CPE_EDITION, CPE_LANGUAGE, CPE_SW_EDITION, CPE_TARGET_SW,
	CPE_TARGET_HW, CPE_OTHER
};
/* "part", "vendor", ...; NULL out of range. */
const char *cpe_attr_name(unsigned i);

/* NISTIR 7696 section 6.2 attribute comparison relations. */
enum cpe_rel {
	CPE_REL_DISJOINT,
	CPE_REL_SUBSET,
	CPE_REL_SUPERSET,
	CPE_REL_EQUAL,
	CPE_REL_UNDEFINED,	/* the target holds wildcards */
};
/* "DISJOINT", ... */
const char *cpe_rel_name(enum cpe_rel r);
/*
 * Compares one source attribute with one target attribute (value NULL and
 * na false = ANY; na true = NA; else a WFN value, quoted, with unquoted *
 * and ? in the source as wildcards). Case-insensitive.
 */
enum cpe_rel cpe_attr_compare(const char *src, bool src_na, const char *tgt,
    bool tgt_na);

/*
 * Binds a WFN to a CPE 2.2 URI (NISTIR 7695 section 6.1.2, with the
 * edition packed when any extended attribute is set) or to a 2.3
 * formatted string (section 6.2.2). *out is malloc'd; 0 or KS_EPARSE
 * when a value cannot be bound (an embedded unquoted wildcard).
 */
int cpe_name_to_uri(const struct cpe_name *n, char **out);
int cpe_name_to_fs(const struct cpe_name *n, char **out);

/* A dictionary item as parsed. Strings live as long as the dictionary. */
struct cpe_dict_check {
	const char	*system;
	const char	*href;		/* NULL when absent */
	const char	*name;		/* element text, trimmed */
};
struct cpe_dict_title {
	const char	*lang;		/* xml:lang or NULL */
	const char	*text;
};
struct cpe_dict_item {
	const char		*name;		/* cpe-item@name as written */
	const char		*name23;	/* cpe23-item@name or NULL */
	struct cpe_name		 wfn;		/* of name */
	struct cpe_name		 wfn23;		/* of name23 */
	bool			 has_wfn, has_wfn23;
	bool			 deprecated;
	const char		*deprecated_by;
	struct cpe_dict_title	*titles;
	uint32_t		 ntitles;
	struct cpe_dict_check	*checks;
	uint32_t		 nchecks;
	int			 line;
	/* memo of the item's own check outcome (cpe_dict.c) */
	bool			 memo_set;
	enum cpe_result		 memo;
	char			*memo_msg;
};

uint32_t cpe_dict_count(const struct cpe_dict *d);
/* The i-th item (document order), NULL out of range. */
const struct cpe_dict_item *cpe_dict_item(const struct cpe_dict *d,
    uint32_t i);
/* The item whose name is exactly `name` (as written), or NULL. */
const struct cpe_dict_item *cpe_dict_find(const struct cpe_dict *d,
    const char *name);
/* The title for `lang` (exact, then language prefix, then the first), or
 * NULL when the item has none. */
const char *cpe_dict_item_title(const struct cpe_dict_item *it,
    const char *lang);

#endif /* KS_CPE_INT_H */
