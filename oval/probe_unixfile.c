/*
 * Registration table of the unixfile collector family (see probe_int.h):
 * the unix file-system objects (file, symlink, password, shadow, xinetd,
 * fileextendedattribute) and independent yamlfilecontent. The collectors
 * are in probe_unixfile_*.c and probe_yaml.c; the shared file search is
 * probe_files.c.
 */
#include "oval/probe_unixfile.h"

const struct oval_probe oval_probes_unixfile[] = {
	{ .ns = "independent", .object = "yamlfilecontent_object",
	  .slot = PROBE_SLOT_UNIXFILE, .collect = probe_yaml_collect },
	{ .ns = "unix", .object = "file_object",
	  .slot = PROBE_SLOT_UNIXFILE, .collect = probe_unixfile_file_collect },
	{ .ns = "unix", .object = "fileextendedattribute_object",
	  .slot = PROBE_SLOT_UNIXFILE,
	  .collect = probe_unixfile_xattr_collect },
	{ .ns = "unix", .object = "password_object",
	  .slot = -1, .collect = probe_unixfile_password_collect },
	{ .ns = "unix", .object = "shadow_object",
	  .slot = -1, .collect = probe_unixfile_shadow_collect },
	{ .ns = "unix", .object = "symlink_object",
	  .slot = PROBE_SLOT_UNIXFILE,
	  .collect = probe_unixfile_symlink_collect },
	{ .ns = "unix", .object = "xinetd_object",
	  .slot = -1, .collect = probe_unixfile_xinetd_collect },
	{ .ns = NULL, .object = NULL, .slot = -1, .collect = NULL },
};
