/*
 * Levelled messages to stderr for the user ("kensa: warning: ..."). Not a
 * results channel: findings go to the report writers.
 */
#include <stdio.h>

#include "platform/base/base.h"

/* Set once at start-up by the command line; read by every thread. */
static _Atomic int ks_log_level = KS_LOG_WARN;

void
ks_log_set_level(enum ks_log_level lvl)
{
	ks_log_level = (int)lvl;
}

enum ks_log_level
ks_log_get_level(void)
{
	return (enum ks_log_level)ks_log_level;
}

/* One fprintf per message so lines from threads do not interleave. */
void
ks_log(enum ks_log_level lvl, const char *fmt, ...)
{
	static const char *const names[] = {
		[KS_LOG_ERROR] = "error", [KS_LOG_WARN] = "warning",
		[KS_LOG_INFO] = "info", [KS_LOG_DEBUG] = "debug",
	};
	char msg[2048];
	va_list ap;
	int n;

	if ((int)lvl > ks_log_level || (int)lvl < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	fprintf(stderr, "kensa: %s: %s%s\n", names[lvl], msg,
	    (size_t)n >= sizeof(msg) ? "..." : "");
}
