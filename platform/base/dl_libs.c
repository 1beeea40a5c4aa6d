/*
 * The shared tables of dl_libs.h: one per library, filled by the first
 * ks_dl_need of any of its users. Not the place for code that uses them.
 */
#include "platform/base/dl_libs.h"

_Static_assert(sizeof(KS_SONAME_ARCHIVE) > 1,
    "the Makefile found no libarchive");
_Static_assert(sizeof(KS_SONAME_CRYPTO) > 1, "the Makefile found no libcrypto");
_Static_assert(sizeof(KS_SONAME_YAML) > 1, "the Makefile found no libyaml");

#define ARCHIVE_SYM(f) KS_DL_SYM(ks_archive, f)
#define CRYPTO_SYM(f) KS_DL_SYM(ks_crypto, f)
#define YAML_SYM(f) KS_DL_SYM(ks_yaml, f)

struct ks_archive_fns ks_archive;
struct ks_crypto_fns ks_crypto;
struct ks_yaml_fns ks_yaml;

static const struct ks_dl_sym archive_syms[] = {
	KS_ARCHIVE_FUNCS(ARCHIVE_SYM)
};
static const struct ks_dl_sym crypto_syms[] = {
	KS_CRYPTO_FUNCS(CRYPTO_SYM)
};
static const struct ks_dl_sym yaml_syms[] = { KS_YAML_FUNCS(YAML_SYM) };

/* The `what` here is a fallback: users call ks_dl_need with their own. */
struct ks_dl_lib ks_archive_lib =
    KS_DL_LIB(KS_SONAME_ARCHIVE, "reading archives", archive_syms);
struct ks_dl_lib ks_crypto_lib =
    KS_DL_LIB(KS_SONAME_CRYPTO, "hashing", crypto_syms);
struct ks_dl_lib ks_yaml_lib =
    KS_DL_LIB(KS_SONAME_YAML, "reading YAML", yaml_syms);
