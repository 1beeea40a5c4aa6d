/*
 * Private helpers shared by the runtime's own files (string hash, a chunked
 * arena). Not for other modules: they use base.h.
 */
#ifndef KS_BASE_INT_H
#define KS_BASE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A fast 64-bit hash of n bytes (not cryptographic: tables only). */
uint64_t ks_hash_bytes(const void *p, size_t n);

/*
 * A bump allocator of chunks that never move: pointers handed out stay valid
 * until ks_arena_free. Zero-initialise a struct ks_arena to start.
 */
struct ks_arena_chunk;
struct ks_arena {
	struct ks_arena_chunk	*head;	/* newest chunk */
	char			*pos;	/* next free byte in head */
	char			*end;	/* end of head */
	size_t			 used;	/* bytes handed out */
};
/* Copies s[0..n) and a NUL into the arena; never NULL (aborts on OOM). */
char *ks_arena_strndup(struct ks_arena *a, const char *s, size_t n);
void ks_arena_free(struct ks_arena *a);

/*
 * xml.c: how every libxml2 error is worded, for the reader, the DOM loader
 * and the SAX parser alike. ks_xml_oneline turns a message into one line.
 * ks_xml_error_word writes e's message (one line) into msg and returns
 * the code: KS_ELIMIT for libxml2's own depth and size caps (*depth set for
 * the nesting cap, which is worded "nesting deeper than N"), else
 * KS_EPARSE.
 */
struct _xmlError;
void ks_xml_oneline(char *msg);
int ks_xml_error_word(const struct _xmlError *e, char *msg, size_t msgsz,
    bool *depth);

/* Sets "WHAT PATH: <errno text>" and maps err to KS_ENOTFOUND, KS_EPERM,
 * KS_ENOMEM or KS_ERROR (file.c), for every open of a user's file. */
int ks_file_errno(const char *what, const char *path, int err);

#endif /* KS_BASE_INT_H */
