/*
 * libFuzzer target for platform/fs_image.c: arbitrary bytes opened as an
 * image (root-file-system archive, docker-save archive with its
 * manifest.json, OCI layout with index.json and blobs), unpacked into the
 * private tree, one file read through the target, and the tree removed.
 * The input is written to a temporary file because images are read from a
 * path; the expanded size is capped low so that one input stays cheap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "platform/platform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/kensa-fuzz-image-XXXXXX";
	struct plat_target *t = NULL;
	int fd;

	(void)setenv("KENSA_IMAGE_MAX_BYTES", "4194304", 1);
	ks_log_set_level(KS_LOG_ERROR);
	if ((fd = mkstemp(path)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	if (plat_target_image_new(&t, path) == 0) {
		char *buf = NULL;
		size_t len = 0;

		if (plat_fs_read_file(t, "/etc/os-release", 1 << 16, &buf,
		    &len) == 0)
			free(buf);
		plat_target_free(t);
	}
	ks_error_clear();
	unlink(path);
	return 0;
}
