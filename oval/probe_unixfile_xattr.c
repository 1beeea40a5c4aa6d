/*
 * unix fileextendedattribute_object: the extended attributes (getfattr,
 * getxattr(2)) of every file of any type the object selects, one item per
 * attribute whose name the attribute_name entity matches. Which files:
 * probe_files.c; reading the attributes: platform/fs_xattr.c. Not ACL
 * interpretation (has_extended_acl of file_item does that).
 */
#include "oval/probe_unixfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xa {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*attr;
	const char			*filepath, *path, *filename;
	bool				 item_errors;
	bool				 unsupported;
	int				 err;		/* fatal */
};

static void
base_ents(struct xa *x, struct oval_item *it, const char *name)
{
	probe_item_init(it, "unix", "fileextendedattribute_item");
	probe_item_add(x->s, it, "filepath", x->filepath, OVAL_DT_STRING);
	probe_item_add(x->s, it, "path", x->path, OVAL_DT_STRING);
	probe_item_add(x->s, it, "filename", x->filename, OVAL_DT_STRING);
	probe_item_add(x->s, it, "attribute_name", name, OVAL_DT_STRING);
}

/* Text values as they are (one trailing NUL, as C strings are stored,
 * dropped); anything else as hex with datatype binary. */
static void
add_value(struct xa *x, struct oval_item *it, const char *v, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	bool text;
	char *h;

	if (len > 0 && v[len - 1] == '\0')
		len--;
	text = ks_utf8_valid(v, len) && memchr(v, '\0', len) == NULL;
	for (size_t i = 0; text && i < len; i++)
		if ((unsigned char)v[i] < 0x20 && v[i] != '\t' &&
		    v[i] != '\n' && v[i] != '\r')
			text = false;
	if (text) {
		char *t = ks_strndup(v, len);

		probe_item_add(x->s, it, "value", t, OVAL_DT_STRING);
		free(t);
		return;
	}
	h = ks_malloc(2 * len + 1);
	for (size_t i = 0; i < len; i++) {
		h[2 * i] = hex[(unsigned char)v[i] >> 4];
		h[2 * i + 1] = hex[(unsigned char)v[i] & 0xf];
	}
	h[2 * len] = '\0';
	probe_item_add(x->s, it, "value", h, OVAL_DT_BINARY);
	free(h);
}

static int
name_cb(const char *name, void *payload)
{
	struct xa *x = payload;
	struct oval_item it;
	char *v = NULL;
	size_t len = 0;
	int rc;

	rc = probe_match(x->s, x->attr, name);
	if (rc < 0) {
		x->err = rc;
		return 1;
	}
	if (rc == 0)
		return 0;
	base_ents(x, &it, name);
	ks_error_clear();
	rc = plat_fs_getxattr(x->s->target, x->filepath, name, &v, &len);
	if (rc == KS_ENOTFOUND) {
		/* Removed since it was listed. */
		oval_item_clear(&it);
		ks_error_clear();
		return 0;
	}
	if (rc < 0) {
		it.status = OVAL_ST_ERROR;
		probe_item_add_status(x->s, &it, "value", OVAL_DT_STRING,
		    OVAL_ST_ERROR);
		probe_item_msg(x->s, &it, "error", "%s", ks_error_msg());
		x->item_errors = true;
	} else
		add_value(x, &it, v, len);
	free(v);
	ks_error_clear();
	probe_item_commit(x->s, x->c, &it);
	return 0;
}

static int
entry_cb(const char *filepath, const char *path, const char *filename,
    const struct plat_stat *st, void *payload)
{
	struct xa *x = payload;
	int rc;

	x->filepath = filepath;
	x->path = path;
	x->filename = filename;
	ks_error_clear();
	rc = plat_fs_listxattr(x->s->target, filepath, name_cb, x);
	if (x->err != 0)
		return x->err;
	if (rc == KS_EUNSUPPORTED) {
		x->unsupported = true;
		return 1;	/* the same for every file: stop */
	}
	if (rc < 0 && rc != KS_ENOTFOUND) {
		oval_collected_msg(x->s, x->c, "warning", "%s", ks_error_msg());
		x->item_errors = true;
	}
	ks_error_clear();
	return 0;
}

int
probe_unixfile_xattr_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c)
{
	struct xa x = { .s = s, .o = o, .c = c };
	struct probe_files_result res;
	int rc;

	x.attr = probe_ent(o, "attribute_name");
	if (x.attr == NULL) {
		ks_error_set("the attribute_name entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	ks_error_clear();
	rc = probe_files_walk(s, o, c, entry_cb, &x, &res);
	if (x.unsupported) {
		/* The target (in-memory, image) has no attributes to read:
		 * the object cannot be collected there at all. */
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info", "%s %s: extended attributes "
		    "cannot be read on target %s", o->type, o->id,
		    plat_target_name(s->target));
		return 0;
	}
	if (rc < 0)
		probe_fail(s, o, c, NULL);
	else
		probe_finish_flag(s, o, c, x.item_errors, res.incomplete);
	return 0;
}
