/*
 * Private to ds.c and xccdf_info.c (and their tests and fuzz target): the
 * loaded content, its data streams and the files added next to it. Other
 * xccdf/ files use xccdf_int.h; agent/ uses xccdf.h.
 */
#ifndef KS_XCCDF_DS_INT_H
#define KS_XCCDF_DS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "xccdf/xccdf_int.h"

#define XCCDF_DS_NS	"http://scap.nist.gov/schema/scap/source/1.2"
#define XCCDF_XLINK_NS	"http://www.w3.org/1999/xlink"
#define XCCDF_CAT_NS	"urn:oasis:names:tc:entity:xmlns:xml:catalog"
#define XCCDF_CPE_DICT_NS "http://cpe.mitre.org/dictionary/2.0"
#define XCCDF_OVAL_DEFS_NS "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define XCCDF_OVAL_RES_NS "http://oval.mitre.org/XMLSchema/oval-results-5"
#define XCCDF_OVAL_COMMON_NS "http://oval.mitre.org/XMLSchema/oval-common-5"
#define XCCDF_ARF_NS \
	"http://scap.nist.gov/schema/asset-reporting-format/1.1"

/* A file next to the content: added with xccdf_content_add_file (given)
 * or found relative to a plain document. OVAL documents are not loaded
 * (the OVAL engine streams them); other kinds are DOM-loaded once. */
struct xccdf_ds_file {
	char			*path;		/* owned */
	const char		*base;		/* last segment */
	enum xccdf_doc_kind	 kind;
	struct _xmlDoc		*doc;		/* NULL for OVAL */
	struct _xmlNode		*root;
	bool			 given;
};

struct xccdf_content {
	char			*path;		/* as opened */
	char			*dir;		/* its directory or "." */
	enum xccdf_doc_kind	 kind;
	struct _xmlDoc		*doc;		/* NULL: streamed kinds */
	struct _xmlNode		*root;
	struct ks_map		*comps;		/* component id -> elem */
	struct ks_map		*crefs;		/* cref id -> elem */
	struct xccdf_ds_file	**files;
	size_t			 nfiles, files_cap;
	/* OVAL documents (not DOM-loaded): the generator's facts. */
	char			*oval_version;
	char			*oval_timestamp;
	/* The file the DOM was read from, as it was before the read: ARF
	 * copies it byte for byte while it is still the same file
	 * (xccdf_content_copy_source in ds_source.c). */
	struct stat		 src_st;
	bool			 has_src;
	/* Remote resources: the fetcher of the options the checklist was
	 * last chosen with (xccdf_content_checklist), NULL when they are not
	 * to be fetched. */
	int			(*fetch)(const char *url, const char **path,
				    void *payload);
	void			*fetch_payload;
	/* Strings made while resolving (URLs of relative hrefs of a remote
	 * checklist): they live as long as the content. NULL until used. */
	struct ks_strpool	*pool;
	/* OVAL components read into models on the parse's second thread
	 * (xccdf_content_open_eval), until taken (xccdf_content_take_oval). */
	struct ds_oval_pre	*opre;
	size_t			 nopre, opre_cap;
};

/*
 * Opens content from memory (the fuzz target and tests): like
 * xccdf_content_open, with `name` used as path in messages and as the
 * base for relative hrefs.
 */
int xccdf_content_open_mem(struct xccdf_content **out, const char *buf,
    size_t len, const char *name);
/* The kind of a document whose root element is `root` (DOM). */
enum xccdf_doc_kind xccdf_ds_kind_of_node(const struct _xmlNode *root);
/* "Source Data Stream", "XCCDF Checklist", ... as oscap names them. */
const char *xccdf_ds_kind_name(enum xccdf_doc_kind k);
/*
 * The document element a component-ref points to (the first element child
 * of its ds:component or ds:extended-component). KS_EUNSUPPORTED for a
 * remote (non-"#") href, KS_ENOTFOUND for a dangling one; message set.
 * *comp_id (may be NULL) gets the component's id.
 */
int xccdf_ds_cref_target(struct xccdf_content *c, struct _xmlNode *cref,
    struct _xmlNode **root, const char **comp_id);
/* An attribute's value borrowed from the DOM (NULL when absent); ns NULL:
 * no namespace. */
const char *xccdf_ds_attr(const struct _xmlNode *n, const char *name,
    const char *ns);
/* Whether n is an element `name` in namespace `ns`. */
bool xccdf_ds_is(const struct _xmlNode *n, const char *ns, const char *name);

#endif /* KS_XCCDF_DS_INT_H */
