/*
 * unix file_object: the metadata of every file (of any type) an object
 * selects, as file_items with every field of the 5.11 schema: type, owner,
 * times, size, permission bits and has_extended_acl. Which files:
 * probe_files.c (probe_files_walk). Not the file's contents (textfile*,
 * filehash*) and not its extended attributes' values (_xattr.c).
 */
#include "oval/probe_unixfile.h"
#include "oval/eval_int.h"	/* oval_eval_state_item, for early filters */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* POSIX ACL extended-attribute layout (the kernel's posix_acl_xattr):
 * a 4-byte version, then 8-byte entries {tag, perm, id}. */
#define ACL_XATTR_VERSION	2
#define ACL_HDR_LEN		4
#define ACL_ENT_LEN		8

struct uf {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	uint32_t			*set;		/* item indexes + 1 */
	size_t				 setcap;	/* power of two */
	uint32_t			 nmatched;	/* before filters */
	bool				 acl_first;	/* a filter reads it */
	uint32_t			 prefilter;	/* fields filters read */
};

/*
 * Adds item index idx to c->items once. A whole-file-system object holds
 * hundreds of thousands of items: an open-addressing set replaces the
 * linear duplicate scan of probe_item_ref. The array grows like
 * probe_item_ref's (powers of two), as the session frees it.
 */
static void
ref_add(struct uf *u, uint32_t idx)
{
	struct oval_collected *c = u->c;
	size_t h;

	if ((size_t)c->nitems * 2 >= u->setcap) {
		size_t ncap = u->setcap == 0 ? 64 : 2 * u->setcap;
		uint32_t *nset = ks_calloc(ncap, sizeof(*nset));

		for (size_t i = 0; i < u->setcap; i++) {
			if (u->set[i] == 0)
				continue;
			h = (u->set[i] * 2654435761u) & (ncap - 1);
			while (nset[h] != 0)
				h = (h + 1) & (ncap - 1);
			nset[h] = u->set[i];
		}
		free(u->set);
		u->set = nset;
		u->setcap = ncap;
	}
	h = ((idx + 1) * 2654435761u) & (u->setcap - 1);
	while (u->set[h] != 0) {
		if (u->set[h] == idx + 1)
			return;
		h = (h + 1) & (u->setcap - 1);
	}
	u->set[h] = idx + 1;
	if ((c->nitems & (c->nitems - 1)) == 0)
		c->items = ks_realloc(c->items,
		    (c->nitems == 0 ? 1 : 2 * (size_t)c->nitems) *
		    sizeof(*c->items));
	c->items[c->nitems++] = idx;
}

/*
 * The object's own filters, applied as each item is built so that the
 * items a filter drops are never stored (a search of "/" selects every
 * file; its filter keeps a few). eval_object.c applies the same filters
 * again to what is kept, which changes nothing. Returns true to keep; a
 * filter that cannot be evaluated keeps the item, so the evaluator sees
 * and reports the error.
 */
static bool
filters_keep(struct uf *u, const struct oval_item *it)
{
	const struct oval_object *o = u->o;

	for (uint32_t i = 0; i < o->nfilters; i++) {
		enum oval_result r;

		ks_error_clear();
		r = oval_eval_state_item(u->s, o->filters[i].state, it);
		ks_error_clear();
		if (r != OVAL_R_TRUE && r != OVAL_R_FALSE)
			return true;
		if ((r == OVAL_R_TRUE) == o->filters[i].exclude)
			return false;
	}
	return true;
}

/* unix-system-characteristics-schema file_item type: "regular file
 * (regular), directory, named pipe (fifo), symbolic link, socket or block
 * special" (and character special for character devices). */
static const char *
type_name(enum plat_ftype t)
{
	switch (t) {
	case PLAT_FT_REG:	return "regular";
	case PLAT_FT_DIR:	return "directory";
	case PLAT_FT_LNK:	return "symbolic link";
	case PLAT_FT_CHR:	return "character special";
	case PLAT_FT_BLK:	return "block special";
	case PLAT_FT_FIFO:	return "fifo";
	case PLAT_FT_SOCK:	return "socket";
	default:		return "unknown";
	}
}

/*
 * Whether an ACL xattr value holds more than the three base entries
 * (owner, group, other) that mirror the permission bits. 1 yes, 0 no,
 * KS_EPARSE for a malformed value.
 */
int
probe_unixfile_acl_extended(const char *v, size_t len)
{
	unsigned char b[4];

	if (len < ACL_HDR_LEN || (len - ACL_HDR_LEN) % ACL_ENT_LEN != 0)
		return KS_EPARSE;
	memcpy(b, v, 4);
	/* Little-endian on disk, whatever the host. */
	if ((unsigned)b[0] + ((unsigned)b[1] << 8) != ACL_XATTR_VERSION ||
	    b[2] != 0 || b[3] != 0)
		return KS_EPARSE;
	return (len - ACL_HDR_LEN) / ACL_ENT_LEN > 3 ? 1 : 0;
}

/*
 * has_extended_acl, like acl_extended_file(3): an access ACL beyond the
 * base entries, or any default ACL (directories). Returns 1, 0, or
 * KS_EUNSUPPORTED when the target cannot say (the schema: "if a system
 * doesn't support ACLs, the entity will have a status of 'does not
 * exist'"), or another negative code (message set).
 */
static int
acl_name_cb(const char *name, void *payload)
{
	int *found = payload;

	if (strcmp(name, "system.posix_acl_access") == 0)
		*found |= 1;
	else if (strcmp(name, "system.posix_acl_default") == 0)
		*found |= 2;
	return 0;
}

int
probe_unixfile_has_acl(struct plat_target *t, const char *path)
{
	static const char *const names[2] = {
		"system.posix_acl_access", "system.posix_acl_default"
	};
	int rc, ext = 0, found = 0;

	/* One listing first: most files have no ACL attribute at all. */
	ks_error_clear();
	rc = plat_fs_listxattr(t, path, acl_name_cb, &found);
	if (rc < 0)
		return rc;
	for (int i = 0; i < 2 && ext == 0; i++) {
		char *v = NULL;
		size_t len = 0;

		if ((found & (1 << i)) == 0)
			continue;
		ks_error_clear();
		rc = plat_fs_getxattr(t, path, names[i], &v, &len);
		if (rc == KS_ENOTFOUND)
			continue;
		if (rc < 0)
			return rc;
		/* An empty default ACL is none. */
		if (i == 1)
			ext = len > ACL_HDR_LEN ? 1 : 0;
		else if ((ext = probe_unixfile_acl_extended(v, len)) < 0)
			ks_error_set("%s: malformed %s", path, names[i]);
		free(v);
	}
	ks_error_clear();
	return ext < 0 ? 0 : ext;
}

/*
 * One file item per file of a walk (hundreds of thousands on a host), most
 * of them dropped by the object's filters: names and booleans are string
 * literals stored as they are, numbers are written without printf, and the
 * other values point at the walk's strings and at buf until keep_item
 * interns them, for the items the filters keep.
 */
#define UF_BORROWED	10	/* filepath .. size: the first entities */

/* v in decimal, written at the end of buf; returns its start. */
static const char *
fmt_int(long long v, char buf[24])
{
	char *p = buf + 24;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

static void
add_bool(struct oval_session *s, struct oval_item *it, const char *name,
    bool v)
{
	probe_item_add_raw(s, it, name, v ? "true" : "false",
	    OVAL_DT_BOOLEAN);
}

/* The borrowed values become the session's, before the item is kept. */
static void
keep_item(struct oval_session *s, struct oval_item *it)
{
	for (uint32_t i = 0; i < UF_BORROWED && i < it->nents; i++)
		it->ents[i].value = oval_intern(s, it->ents[i].value);
}

/* file_item's fields before has_extended_acl, in schema order; a bit per
 * field says which of them the object's filters read. */
static const char *const uf_fields[] = {
	"filepath", "path", "filename", "type", "group_id", "user_id",
	"a_time", "c_time", "m_time", "size", "suid", "sgid", "sticky",
	"uread", "uwrite", "uexec", "gread", "gwrite", "gexec", "oread",
	"owrite", "oexec",
};
#define UF_NFIELDS	(sizeof(uf_fields) / sizeof(uf_fields[0]))
#define UF_ALL		((1u << UF_NFIELDS) - 1)

/* The fields in `mask`, in schema order: added to it, or when `fixed` is
 * not NULL written into that array (room for UF_NFIELDS) as it->ents, so
 * the first look of the filters allocates nothing. */
static void
add_fields(struct oval_session *s, struct oval_item *it, uint32_t mask,
    const char *filepath, const char *path, const char *filename,
    const struct plat_stat *st, char nums[6][24],
    struct oval_item_ent *fixed)
{
	const long long n[6] = {
		(long long)st->gid, (long long)st->uid, (long long)st->atime,
		(long long)st->ctime, (long long)st->mtime, (long long)st->size,
	};
	const char *str[4] = { filepath, path, filename, type_name(st->type) };

	if (fixed != NULL)
		it->ents = fixed;
	for (uint32_t i = 0; i < UF_NFIELDS; i++) {
		enum oval_datatype dt = OVAL_DT_BOOLEAN;
		const char *v;

		if ((mask & (1u << i)) == 0)
			continue;
		if (i < 4) {
			/* A directory selected by a nil filename: nil. */
			v = str[i];
			dt = OVAL_DT_STRING;
		} else if (i < 10) {
			v = fmt_int(n[i - 4], nums[i - 4]);
			dt = OVAL_DT_INT;
		} else
			/* suid (04000) down to oexec (01): one bit each. */
			v = (st->mode & (04000u >> (i - 10))) != 0 ? "true" :
			    "false";
		if (fixed == NULL) {
			probe_item_add_raw(s, it, uf_fields[i], v, dt);
			continue;
		}
		memset(&fixed[it->nents], 0, sizeof(fixed[it->nents]));
		fixed[it->nents].name = uf_fields[i];
		fixed[it->nents].value = v;
		fixed[it->nents].dt = dt;
		fixed[it->nents].status = OVAL_ST_EXISTS;
		it->nents++;
	}
}

static int
entry_cb(const char *filepath, const char *path, const char *filename,
    const struct plat_stat *st, void *payload)
{
	struct uf *u = payload;
	struct oval_session *s = u->s;
	struct oval_item it;
	char nums[6][24];
	bool filtered = false;
	int acl;

	/* Most files of a walk are dropped by the filters, which read a few
	 * fields (suid and sgid, say): those alone decide first, and only
	 * the files kept get a whole item. */
	if (u->prefilter != UF_ALL) {
		struct oval_item_ent fixed[UF_NFIELDS];

		probe_item_init(&it, "unix", "file_item");
		add_fields(s, &it, u->prefilter, filepath, path, filename, st,
		    nums, fixed);
		u->nmatched++;
		if (!filters_keep(u, &it))
			return 0;
		filtered = true;
	}
	/* unix-system-characteristics file_item, in schema order. */
	probe_item_init(&it, "unix", "file_item");
	add_fields(s, &it, UF_ALL, filepath, path, filename, st, nums, NULL);
	/* Reading attributes costs more than the rest of the item: when no
	 * filter looks at has_extended_acl, the filters run first and only
	 * the items they keep get it. */
	if (!u->acl_first && !filtered) {
		u->nmatched++;
		if (!filters_keep(u, &it)) {
			oval_item_clear(&it);
			return 0;
		}
	}
	acl = probe_unixfile_has_acl(s->target, filepath);
	if (acl >= 0)
		add_bool(s, &it, "has_extended_acl", acl == 1);
	else if (acl == KS_EUNSUPPORTED)
		probe_item_add_status(s, &it, "has_extended_acl",
		    OVAL_DT_BOOLEAN, OVAL_ST_DOES_NOT_EXIST);
	else if (acl == KS_ENOTFOUND) {
		/* Vanished between the listing and now. */
		oval_item_clear(&it);
		ks_error_clear();
		return 0;
	} else {
		probe_item_add_status(s, &it, "has_extended_acl",
		    OVAL_DT_BOOLEAN, OVAL_ST_ERROR);
		probe_item_msg(s, &it, "warning", "has_extended_acl: %s",
		    ks_error_msg());
	}
	ks_error_clear();
	if (u->acl_first) {
		u->nmatched++;
		if (!filters_keep(u, &it)) {
			oval_item_clear(&it);
			return 0;
		}
	}
	keep_item(s, &it);
	ref_add(u, oval_sc_add_item(s, &it));
	return 0;
}

/*
 * The fields the object's filters read (UF_ALL when a whole item is as
 * cheap: no filter, or one that reads has_extended_acl, which is read
 * before any filter then). A state entity naming no file_item field
 * finds nothing in either item, so leaving the other fields out of the
 * first item changes no filter's result.
 */
static uint32_t
filter_fields(struct uf *u)
{
	const struct oval_object *o = u->o;
	uint32_t mask = 0;

	if (o->nfilters == 0)
		return UF_ALL;
	for (uint32_t i = 0; i < o->nfilters; i++) {
		const struct oval_state *st;

		if (o->filters[i].state >= u->s->defs->nstates)
			return UF_ALL;
		st = &u->s->defs->states[o->filters[i].state];
		for (uint32_t k = 0; k < st->nents; k++) {
			const char *n = st->ents[k].name;

			if (strcmp(n, "has_extended_acl") == 0)
				u->acl_first = true;
			for (uint32_t f = 0; f < UF_NFIELDS; f++)
				if (strcmp(n, uf_fields[f]) == 0)
					mask |= 1u << f;
		}
	}
	return u->acl_first ? UF_ALL : mask;
}

int
probe_unixfile_file_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c)
{
	struct uf u = { .s = s, .o = o, .c = c };
	struct probe_files_result res;
	int rc;

	u.prefilter = filter_fields(&u);
	ks_error_clear();
	rc = probe_files_walk(s, o, c, entry_cb, &u, &res);
	free(u.set);
	if (rc < 0)
		probe_fail(s, o, c, NULL);
	else if (c->nitems == 0 && u.nmatched > 0)
		/* Files exist; the filters dropped them all: the same flag
		 * the evaluator gives when it filters afterwards. */
		c->flag = res.incomplete ? OVAL_FLAG_INCOMPLETE :
		    OVAL_FLAG_COMPLETE;
	else
		probe_finish_flag(s, o, c, false, res.incomplete);
	return 0;
}
