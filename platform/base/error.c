/*
 * The one thread-local error message and the names of the KS_* codes. It
 * does not decide how errors are reported to the user; callers do.
 */
#include <stdio.h>
#include <string.h>

#include "platform/base/base.h"

#define KS_ERRMSG_MAX	4096

static _Thread_local char ks_errmsg[KS_ERRMSG_MAX];

/*
 * Formats into the thread-local buffer. A message longer than the buffer is
 * cut, ending in "..." so a reader knows; a format error leaves a fixed text.
 */
void
ks_error_vset(const char *fmt, va_list ap)
{
	char tmp[KS_ERRMSG_MAX];
	int n;

	/* Format into a scratch copy: an argument may be ks_error_msg(). */
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	if (n < 0) {
		snprintf(ks_errmsg, sizeof(ks_errmsg),
		    "(unformattable error message)");
		return;
	}
	if ((size_t)n >= sizeof(tmp))
		memcpy(tmp + sizeof(tmp) - 4, "...", 4);
	memcpy(ks_errmsg, tmp, sizeof(tmp));
}

void
ks_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ks_error_vset(fmt, ap);
	va_end(ap);
}

const char *
ks_error_msg(void)
{
	return ks_errmsg;
}

void
ks_error_clear(void)
{
	ks_errmsg[0] = '\0';
}

const char *
ks_strerror(int rc)
{
	switch (rc) {
	case KS_OK:		return "success";
	case KS_ERROR:		return "error";
	case KS_ENOTFOUND:	return "not found";
	case KS_EUNSUPPORTED:	return "not supported";
	case KS_ELIMIT:		return "limit exceeded";
	case KS_EPARSE:		return "parse error";
	case KS_EPERM:		return "permission denied";
	case KS_ENOMEM:		return "out of memory";
	default:		return "unknown error";
	}
}
