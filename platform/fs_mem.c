/*
 * The in-memory file-system back-end: a tree of directories, regular files
 * and symbolic links built by tests and fuzzers with plat_target_mem_add_*,
 * resolved by the same walker as a directory root (links stay inside, loops
 * are KS_ELIMIT). Stat fields are synthesized; extended attributes are
 * whatever plat_target_mem_set_xattr gave a node. Not for real systems.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct mem_node {
	char		*name;
	enum plat_ftype	 type;		/* REG, DIR or LNK */
	mode_t		 mode;
	char		*data;		/* REG */
	size_t		 len;
	char		*link;		/* LNK */
	struct mem_node	*parent;	/* the root is its own parent */
	struct mem_node	**kids;	/* DIR, sorted by strcmp */
	size_t		 nkids, capkids;
	uint64_t	 ino;
	struct plat_xattrs xa;
};

struct mem_fs {
	struct mem_node	*root;
	uint64_t	 next_ino;
};

static struct mem_node *
node_new(struct mem_fs *fs, const char *name, enum plat_ftype type,
    mode_t mode)
{
	struct mem_node *n = ks_calloc(1, sizeof(*n));

	n->name = ks_strdup(name);
	n->type = type;
	n->mode = mode & 07777;
	n->ino = ++fs->next_ino;
	return n;
}

static void
node_free(struct mem_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->name);
	free(n->data);
	free(n->link);
	plat_xattrs_free(&n->xa);
	free(n);
}

/* Index of `name` in dir's kids, or where it would go (*found false). */
static size_t
kid_find(const struct mem_node *dir, const char *name, bool *found)
{
	size_t lo = 0, hi = dir->nkids, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(dir->kids[mid]->name, name);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static void
kid_insert(struct mem_node *dir, size_t at, struct mem_node *n)
{
	ks_grow(&dir->kids, &dir->capkids, dir->nkids + 1, sizeof(*dir->kids));
	memmove(dir->kids + at + 1, dir->kids + at,
	    (dir->nkids - at) * sizeof(*dir->kids));
	dir->kids[at] = n;
	dir->nkids++;
	n->parent = dir;
}

/* ---- walker callbacks --------------------------------------------------- */

static int
w_child(void *ctx, void *dir, const char *name, void **out, bool *is_link)
{
	struct mem_node *d = dir;
	bool found;
	size_t i;

	if (d->type != PLAT_FT_DIR)
		return ENOTDIR;
	i = kid_find(d, name, &found);
	if (!found)
		return ENOENT;
	*out = d->kids[i];
	*is_link = d->kids[i]->type == PLAT_FT_LNK;
	return 0;
}

static int
w_parent(void *ctx, void *h, const char *canon, void **out)
{
	*out = ((struct mem_node *)h)->parent;
	return 0;
}

static int
w_readlink(void *ctx, void *h, char **text)
{
	struct mem_node *n = h;

	if (n->type != PLAT_FT_LNK)
		return EINVAL;
	*text = ks_strdup(n->link);
	return 0;
}

static bool
w_is_dir(void *ctx, void *h)
{
	return ((struct mem_node *)h)->type == PLAT_FT_DIR;
}

static void
w_release(void *ctx, void *h)
{
	/* nodes belong to the tree */
}

static int
resolve(struct mem_fs *fs, const char *path, bool follow,
    struct mem_node **out, char **canon)
{
	struct plat_walk_ops ops = {
		.root = fs->root,
		.child = w_child,
		.parent = w_parent,
		.readlink = w_readlink,
		.is_dir = w_is_dir,
		.release = w_release,
	};
	void *h;
	int rc;

	if ((rc = plat_walk(&ops, fs, path, follow, &h, canon)) != 0)
		return rc;
	*out = h;
	return 0;
}

/* ---- operations --------------------------------------------------------- */

static int
mem_open(void *st, const char *arg)
{
	struct mem_fs *fs = st;

	fs->root = node_new(fs, "", PLAT_FT_DIR, 0755);
	fs->root->parent = fs->root;
	return 0;
}

static void
mem_close(void *st)
{
	struct mem_fs *fs = st;

	node_free(fs->root);
	fs->root = NULL;
}

static void
node_stat(const struct mem_node *n, struct plat_stat *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->type = n->type;
	out->mode = n->mode;
	out->ino = n->ino;
	out->nlink = 1;
	switch (n->type) {
	case PLAT_FT_REG:
		out->size = n->len;
		break;
	case PLAT_FT_LNK:
		out->size = strlen(n->link);
		break;
	default:
		out->nlink = 2;
		for (i = 0; i < n->nkids; i++)
			if (n->kids[i]->type == PLAT_FT_DIR)
				out->nlink++;
		break;
	}
}

static int
mem_stat(void *st, const char *path, struct plat_stat *out)
{
	struct mem_node *n;
	int rc;

	if ((rc = resolve(st, path, true, &n, NULL)) != 0)
		return rc;
	node_stat(n, out);
	return 0;
}

static int
mem_lstat(void *st, const char *path, struct plat_stat *out)
{
	struct mem_node *n;
	int rc;

	if ((rc = resolve(st, path, false, &n, NULL)) != 0)
		return rc;
	node_stat(n, out);
	return 0;
}

static int
mem_readlink(void *st, const char *path, char **out)
{
	struct mem_node *n;
	int rc;

	if ((rc = resolve(st, path, false, &n, NULL)) != 0)
		return rc;
	if (n->type != PLAT_FT_LNK) {
		ks_error_set("%s: not a symbolic link", path);
		return KS_ERROR;
	}
	*out = ks_strdup(n->link);
	return 0;
}

static int
mem_realpath(void *st, const char *path, char **out)
{
	struct mem_node *n;

	return resolve(st, path, true, &n, out);
}

static int
mem_open_file(void *st, const char *path, struct plat_file *f)
{
	struct mem_node *n;
	int rc;

	if ((rc = resolve(st, path, true, &n, NULL)) != 0)
		return rc;
	if (n->type == PLAT_FT_DIR) {
		ks_error_set("%s: is a directory", path);
		return KS_ERROR;
	}
	if (n->type != PLAT_FT_REG) {
		ks_error_set("refusing to read device/fifo/socket %s", path);
		return KS_EPERM;
	}
	f->fd = -1;
	f->mem = n->data != NULL ? n->data : "";
	f->memlen = n->len;
	f->pos = 0;
	return 0;
}

static int
mem_list(void *st, const char *dir, plat_dirent_cb cb, void *payload)
{
	struct mem_node *n;
	size_t i;
	int rc;

	if ((rc = resolve(st, dir, true, &n, NULL)) != 0)
		return rc;
	if (n->type != PLAT_FT_DIR)
		return plat_errno_rc(ENOTDIR, dir, "opendir");
	for (i = 0; i < n->nkids; i++)
		if ((rc = cb(n->kids[i]->name, n->kids[i]->type, payload)) != 0)
			return rc;
	return 0;
}

static int
mem_listxattr(void *st, const char *path,
    int (*cb)(const char *name, void *payload), void *payload)
{
	struct mem_node *n;
	int rc;

	if ((rc = resolve(st, path, false, &n, NULL)) != 0)
		return rc;
	return plat_xattrs_list(&n->xa, cb, payload);
}

static int
mem_getxattr(void *st, const char *path, const char *name, char **val,
    size_t *len)
{
	struct mem_node *n;
	int rc;

	*val = NULL;
	*len = 0;
	if ((rc = resolve(st, path, false, &n, NULL)) != 0)
		return rc;
	return plat_xattrs_get(&n->xa, path, name, val, len);
}

/* ---- fixture building --------------------------------------------------- */

/*
 * Finds (creating as needed, mode 0755) the directory that will hold the
 * last component of `path`, and copies that component into *base. Existing
 * links on the way are followed inside the tree, like mkdir -p would.
 */
static int
mkparents(struct mem_fs *fs, const char *path, struct mem_node **out,
    char **base)
{
	struct mem_node *cur = fs->root, *n;
	char *copy = ks_strdup(path), *p, *end, *slash, *name, *prefix;
	size_t len = strlen(copy), i;
	bool found;
	int rc = KS_ERROR;

	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	slash = strrchr(copy, '/');
	*slash = '\0';
	if (strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0) {
		ks_error_set("%s: '.' and '..' not allowed here", path);
		goto out;
	}
	for (p = copy;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		end = strchrnul(p, '/');
		name = ks_strndup(p, (size_t)(end - p));
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			ks_error_set("%s: '.' and '..' not allowed here", path);
			free(name);
			goto out;
		}
		i = kid_find(cur, name, &found);
		if (!found) {
			n = node_new(fs, name, PLAT_FT_DIR, 0755);
			kid_insert(cur, i, n);
		} else {
			n = cur->kids[i];
		}
		free(name);
		if (n->type == PLAT_FT_LNK) {
			prefix = ks_strndup(copy, (size_t)(end - copy));
			rc = resolve(fs, prefix, true, &n, NULL);
			free(prefix);
			if (rc != 0)
				goto out;
			rc = KS_ERROR;
		}
		if (n->type != PLAT_FT_DIR) {
			rc = plat_errno_rc(ENOTDIR, path, NULL);
			goto out;
		}
		cur = n;
		p = end;
	}
	*base = slash[1] != '\0' ? ks_strdup(slash + 1) : NULL;
	*out = cur;
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Adds (or finds, for an existing node of the same type) `path`. */
static int
add_node(struct mem_fs *fs, const char *path, enum plat_ftype type,
    mode_t mode, struct mem_node **out)
{
	struct mem_node *dir, *n;
	char *base = NULL;
	bool found;
	size_t i;
	int rc;

	if ((rc = mkparents(fs, path, &dir, &base)) != 0)
		return rc;
	if (base == NULL) {
		/* "/" itself */
		if (type != PLAT_FT_DIR) {
			ks_error_set("%s: the root is a directory", path);
			return KS_ERROR;
		}
		*out = fs->root;
		return 0;
	}
	i = kid_find(dir, base, &found);
	if (found) {
		n = dir->kids[i];
		free(base);
		if (n->type != type || type == PLAT_FT_LNK) {
			ks_error_set("%s: already exists", path);
			return KS_ERROR;
		}
		*out = n;
		return 0;
	}
	n = node_new(fs, base, type, mode);
	free(base);
	kid_insert(dir, i, n);
	*out = n;
	return 0;
}

static int
mem_add_file(void *st, const char *path, const void *data, size_t len,
    mode_t mode)
{
	struct mem_node *n;
	int rc;

	if ((rc = add_node(st, path, PLAT_FT_REG, mode, &n)) != 0)
		return rc;
	/* Adding an existing file replaces its content and mode. */
	free(n->data);
	n->data = ks_malloc(len + 1);
	if (len > 0)
		memcpy(n->data, data, len);
	n->data[len] = '\0';
	n->len = len;
	n->mode = mode & 07777;
	return 0;
}

static int
mem_add_dir(void *st, const char *path, mode_t mode)
{
	struct mem_node *n;
	int rc;

	if ((rc = add_node(st, path, PLAT_FT_DIR, mode, &n)) != 0)
		return rc;
	n->mode = mode & 07777;
	return 0;
}

static int
mem_add_symlink(void *st, const char *path, const char *dest)
{
	struct mem_node *n;
	int rc;

	if ((rc = add_node(st, path, PLAT_FT_LNK, 0777, &n)) != 0)
		return rc;
	n->link = ks_strdup(dest);
	return 0;
}

const struct plat_fs_ops plat_fs_mem_ops = {
	.name = "mem",
	.kind = PLAT_TARGET_MEM,
	.state_size = sizeof(struct mem_fs),
	.open = mem_open,
	.close = mem_close,
	.stat = mem_stat,
	.lstat = mem_lstat,
	.readlink = mem_readlink,
	.realpath = mem_realpath,
	.open_file = mem_open_file,
	.list = mem_list,
	.listxattr = mem_listxattr,
	.getxattr = mem_getxattr,
	.add_file = mem_add_file,
	.add_dir = mem_add_dir,
	.add_symlink = mem_add_symlink,
};

/*
 * Sets (or replaces) the attribute `name` of the node `path` itself (a last
 * link is not followed). Returns 0; KS_EUNSUPPORTED for another kind of
 * target; the codes of plat_fs_lstat and plat_xattrs_set.
 */
int
plat_target_mem_set_xattr(struct plat_target *t, const char *path,
    const char *name, const void *val, size_t len)
{
	struct plat_stat sb;
	struct mem_node *n;
	int rc;

	if (t->fs != &plat_fs_mem_ops) {
		ks_error_set("%s: setting attributes is not supported by "
		    "this target", t->name);
		return KS_EUNSUPPORTED;
	}
	/* the path checks of every operation, and its message */
	if ((rc = plat_fs_lstat(t, path, &sb)) != 0)
		return rc;
	if ((rc = resolve(t->fs_state, path, false, &n, NULL)) != 0)
		return rc;
	return plat_xattrs_set(&n->xa, path, name, val, len);
}
