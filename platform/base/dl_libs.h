/*
 * The function tables of the libraries several modules share and kensa opens
 * on first use (ks_dl_need, see base.h): libarchive (images, feeds, bundles),
 * libcrypto (hashes, bundle signatures, random) and libyaml (yamlfilecontent,
 * feed checksum lists). Only what the code calls is listed; a run that never
 * unpacks, hashes or reads YAML never loads them. Not a wrapper API: callers
 * use the libraries' own types and call ks_crypto.EVP_DigestInit_ex(...)
 * after ks_dl_need(&ks_crypto_lib, what) returned 0, `what` naming the OVAL
 * object type or the feature ("verifying bundles") for the message.
 */
#ifndef KS_BASE_DL_LIBS_H
#define KS_BASE_DL_LIBS_H

#include <archive.h>
#include <archive_entry.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <yaml.h>

#include "platform/base/base.h"

#define KS_ARCHIVE_FUNCS(X) \
	X(archive_entry_acl_next) \
	X(archive_entry_acl_reset) \
	X(archive_entry_atime) \
	X(archive_entry_atime_is_set) \
	X(archive_entry_ctime) \
	X(archive_entry_ctime_is_set) \
	X(archive_entry_filetype) \
	X(archive_entry_free) \
	X(archive_entry_gid) \
	X(archive_entry_hardlink) \
	X(archive_entry_mtime) \
	X(archive_entry_mtime_is_set) \
	X(archive_entry_new) \
	X(archive_entry_pathname) \
	X(archive_entry_perm) \
	X(archive_entry_set_filetype) \
	X(archive_entry_set_mtime) \
	X(archive_entry_set_pathname) \
	X(archive_entry_set_perm) \
	X(archive_entry_set_size) \
	X(archive_entry_size) \
	X(archive_entry_size_is_set) \
	X(archive_entry_symlink) \
	X(archive_entry_uid) \
	X(archive_entry_xattr_next) \
	X(archive_entry_xattr_reset) \
	X(archive_error_string) \
	X(archive_read_data) \
	X(archive_read_free) \
	X(archive_read_new) \
	X(archive_read_next_header) \
	X(archive_read_open1) \
	X(archive_read_open_fd) \
	X(archive_read_open_filename) \
	X(archive_read_set_callback_data) \
	X(archive_read_set_read_callback) \
	X(archive_read_set_seek_callback) \
	X(archive_read_support_filter_all) \
	X(archive_read_support_filter_bzip2) \
	X(archive_read_support_filter_gzip) \
	X(archive_read_support_filter_lzma) \
	X(archive_read_support_filter_xz) \
	X(archive_read_support_filter_zstd) \
	X(archive_read_support_format_all) \
	X(archive_read_support_format_raw) \
	X(archive_read_support_format_tar) \
	X(archive_read_support_format_zip) \
	X(archive_set_error) \
	X(archive_write_add_filter_none) \
	X(archive_write_close) \
	X(archive_write_data) \
	X(archive_write_free) \
	X(archive_write_header) \
	X(archive_write_new) \
	X(archive_write_open_FILE) \
	X(archive_write_set_format_pax_restricted) \

/* OPENSSL_free(p) is a macro for CRYPTO_free(p, file, line): call
 * ks_openssl_free(p) below. */
#define KS_CRYPTO_FUNCS(X) \
	X(BIO_free) \
	X(BIO_new_mem_buf) \
	X(CRYPTO_free) \
	X(ERR_clear_error) \
	X(ERR_error_string_n) \
	X(ERR_peek_error) \
	X(ERR_peek_last_error) \
	X(EVP_Digest) \
	X(EVP_DigestFinal_ex) \
	X(EVP_DigestInit_ex) \
	X(EVP_DigestSign) \
	X(EVP_DigestSignInit) \
	X(EVP_DigestUpdate) \
	X(EVP_DigestVerify) \
	X(EVP_DigestVerifyInit) \
	X(EVP_MD_CTX_free) \
	X(EVP_MD_CTX_new) \
	X(EVP_PKEY_CTX_set_rsa_mgf1_md) \
	X(EVP_PKEY_CTX_set_rsa_padding) \
	X(EVP_PKEY_CTX_set_rsa_pss_saltlen) \
	X(EVP_PKEY_free) \
	X(EVP_PKEY_get_base_id) \
	X(EVP_PKEY_get_bits) \
	X(EVP_md5) \
	X(EVP_sha1) \
	X(EVP_sha224) \
	X(EVP_sha256) \
	X(EVP_sha384) \
	X(EVP_sha512) \
	X(OPENSSL_cleanse) \
	X(PEM_read_bio) \
	X(PEM_read_bio_PrivateKey) \
	X(RAND_bytes) \
	X(X509_free) \
	X(X509_get_pubkey) \
	X(d2i_PUBKEY) \
	X(d2i_PublicKey) \
	X(d2i_X509) \
	X(d2i_X509_AUX) \
	X(i2d_PUBKEY) \

#define KS_YAML_FUNCS(X) \
	X(yaml_document_delete) \
	X(yaml_document_get_node) \
	X(yaml_document_get_root_node) \
	X(yaml_event_delete) \
	X(yaml_parser_delete) \
	X(yaml_parser_initialize) \
	X(yaml_parser_load) \
	X(yaml_parser_parse) \
	X(yaml_parser_set_input_string) \

struct ks_archive_fns { KS_ARCHIVE_FUNCS(KS_DL_SLOT) };
struct ks_crypto_fns { KS_CRYPTO_FUNCS(KS_DL_SLOT) };
struct ks_yaml_fns { KS_YAML_FUNCS(KS_DL_SLOT) };

/* The slots, valid once ks_dl_need(&ks_<lib>_lib, what) returned 0 (NULL
 * before: call nothing, not even a free, until then). */
extern struct ks_archive_fns ks_archive;
extern struct ks_crypto_fns ks_crypto;
extern struct ks_yaml_fns ks_yaml;
extern struct ks_dl_lib ks_archive_lib;
extern struct ks_dl_lib ks_crypto_lib;
extern struct ks_dl_lib ks_yaml_lib;

/* OPENSSL_free through the table; libcrypto must be loaded (p comes from
 * it). */
static inline void
ks_openssl_free(void *p)
{
	ks_crypto.CRYPTO_free(p, OPENSSL_FILE, OPENSSL_LINE);
}

#endif
