/*
 * Wall-clock timestamps for reports and a monotonic clock for benchmarks.
 * Not a date library.
 */
#include <stdio.h>
#include <time.h>

#include "platform/base/base.h"

/* Local time of t as "YYYY-MM-DDThh:mm:ss"; KS_ERROR if out doesn't fit. */
int
ks_time_iso(int64_t t, char *out, size_t outsz)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if ((int64_t)tt != t || localtime_r(&tt, &tm) == NULL) {
		ks_error_set("time %lld cannot be represented",
		    (long long)t);
		return KS_ERROR;
	}
	if (outsz < 20 || strftime(out, outsz, "%Y-%m-%dT%H:%M:%S", &tm)
	    != 19) {
		ks_error_set("time %lld does not fit in %zu bytes",
		    (long long)t, outsz);
		return KS_ERROR;
	}
	return 0;
}

double
ks_time_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
