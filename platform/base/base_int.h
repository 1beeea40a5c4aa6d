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

#endif /* KS_BASE_INT_H */
