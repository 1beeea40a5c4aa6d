/*
 * unix symlink_object: for each symbolic link its filepath selects, the
 * canonical path of its final target, resolved inside the target's root
 * (a link can never point out of a directory root or image). Not other
 * file types: a filepath that is not a link selects nothing.
 */
#include "oval/probe_unixfile.h"

#include <stdlib.h>
#include <string.h>

struct sl {
	struct oval_session	*s;
	struct oval_collected	*c;
	bool			 item_errors;
};

static int
entry_cb(const char *filepath, const char *path, const char *filename,
    const struct plat_stat *st, void *payload)
{
	struct sl *l = payload;
	struct oval_item it;
	char *canon = NULL;
	int rc;

	/* unix-definitions-schema symlink_object: "If the file located at
	 * filepath is not a symlink, or if there is no file located at the
	 * filepath, then any resulting item would itself have a status of
	 * does not exist": such files are not items. */
	if (st->type != PLAT_FT_LNK)
		return 0;
	probe_item_init(&it, "unix", "symlink_item");
	probe_item_add(l->s, &it, "filepath", filepath, OVAL_DT_STRING);
	ks_error_clear();
	rc = plat_fs_realpath(l->s->target, filepath, &canon);
	if (rc == 0) {
		probe_item_add(l->s, &it, "canonical_path", canon,
		    OVAL_DT_STRING);
	} else {
		/* "... an error if the link target does not exist or is a
		 * circular link (e.g., a link to itself)." */
		it.status = OVAL_ST_ERROR;
		probe_item_add_status(l->s, &it, "canonical_path",
		    OVAL_DT_STRING, OVAL_ST_ERROR);
		probe_item_msg(l->s, &it, "error", "%s", ks_error_msg());
		l->item_errors = true;
	}
	ks_error_clear();
	free(canon);
	probe_item_commit(l->s, l->c, &it);
	return 0;
}

int
probe_unixfile_symlink_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c)
{
	struct sl l = { .s = s, .c = c };
	struct probe_files_result res;
	int rc;

	if (probe_ent(o, "filepath") == NULL) {
		ks_error_set("the filepath entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	ks_error_clear();
	rc = probe_files_walk(s, o, c, entry_cb, &l, &res);
	if (rc < 0)
		probe_fail(s, o, c, NULL);
	else
		probe_finish_flag(s, o, c, l.item_errors, res.incomplete);
	return 0;
}
