/*
 * Optional libraries opened with dlopen on first use (see base.h for why).
 * Not a plugin system: the soname and the symbols are fixed at build time,
 * from the same headers the code is compiled against.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "platform/base/base.h"

static pthread_mutex_t dl_lock = PTHREAD_MUTEX_INITIALIZER;

static int
dl_open(struct ks_dl_lib *lib)
{
	void *h;
	size_t i;

	/* RTLD_LOCAL: the library's symbols stay out of the global scope,
	 * so nothing of ours is ever resolved against it by accident. */
	h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		snprintf(lib->msg, sizeof(lib->msg), "which cannot be "
		    "loaded: %s", dlerror());
		return KS_EUNSUPPORTED;
	}
	for (i = 0; i < lib->nsyms; i++) {
		void *p = dlsym(h, lib->syms[i].name);

		if (p == NULL) {
			snprintf(lib->msg, sizeof(lib->msg), "which has no "
			    "symbol %s (a different version than kensa was "
			    "built with?)", lib->syms[i].name);
			/* Slots filled so far are never used: state stays
			 * failed. The handle stays open, harmlessly. */
			return KS_EUNSUPPORTED;
		}
		*lib->syms[i].slot = p;
	}
	return 0;
}

int
ks_dl_load(struct ks_dl_lib *lib)
{
	return ks_dl_need(lib, lib->what);
}

int
ks_dl_need(struct ks_dl_lib *lib, const char *what)
{
	int rc;

	pthread_mutex_lock(&dl_lock);
	if (lib->state == 0)
		lib->state = dl_open(lib) == 0 ? 1 : -1;
	rc = lib->state == 1 ? 0 : KS_EUNSUPPORTED;
	if (rc != 0)
		ks_error_set("%s needs %s, %s", what, lib->soname, lib->msg);
	pthread_mutex_unlock(&dl_lock);
	return rc;
}
