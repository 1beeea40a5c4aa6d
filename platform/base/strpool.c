/*
 * String interning: an open-addressing table over a chunked arena, so an
 * interned string never moves and two interned strings are equal exactly
 * when their pointers are. Also holds the runtime's hash and arena. Strings
 * are never removed; the whole pool is freed at once.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

/* ---- hash ---------------------------------------------------------------- */

#define KS_H0	0x9e3779b97f4a7c15ull
#define KS_H1	0xa0761d6478bd642full
#define KS_H2	0xe7037ed1a0b428dbull
#define KS_H3	0x8ebc6af09c88c6e3ull

/* 64x64->128 multiply folded to 64 bits: the mixing step. */
static inline uint64_t
ks_mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t
ks_rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Reads 0..8 bytes into the low bytes of a word (little-endian order). */
static inline uint64_t
ks_rdtail(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if (n >= 4) {
		uint32_t lo, hi;

		memcpy(&lo, p, 4);
		memcpy(&hi, p + n - 4, 4);
		return (uint64_t)lo << 32 | hi;
	}
	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * Consumes 16 bytes per multiply; the tail is read as two overlapping words
 * so every length is handled without a byte loop beyond 3 bytes.
 */
uint64_t
ks_hash_bytes(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = KS_H0 ^ ((uint64_t)n * KS_H3);
	uint64_t a, b;
	size_t left = n;

	while (left > 16) {
		h = ks_mix(ks_rd64(p) ^ KS_H1, ks_rd64(p + 8) ^ h);
		p += 16;
		left -= 16;
	}
	if (left > 8) {
		a = ks_rd64(p);
		b = ks_rd64(p + left - 8);
	} else {
		a = ks_rdtail(p, left);
		b = 0;
	}
	h = ks_mix(a ^ KS_H1, b ^ h ^ KS_H2);
	return ks_mix(h ^ KS_H0, (uint64_t)n ^ KS_H2);
}

/* ---- arena --------------------------------------------------------------- */

#define KS_ARENA_CHUNK	(64u << 10)

struct ks_arena_chunk {
	struct ks_arena_chunk	*next;
	char			 data[];
};

/* Strings bigger than a quarter chunk get a chunk of their own, placed
 * behind the current one so the current chunk's free space is kept. */
char *
ks_arena_strndup(struct ks_arena *a, const char *s, size_t n)
{
	char *dst;

	if (n == SIZE_MAX || n >= SIZE_MAX - sizeof(struct ks_arena_chunk) - 1)
		abort();
	if ((size_t)(a->end - a->pos) < n + 1) {
		struct ks_arena_chunk *c;

		if (n + 1 > KS_ARENA_CHUNK / 4 && a->head != NULL) {
			c = ks_malloc(sizeof(*c) + n + 1);
			c->next = a->head->next;
			a->head->next = c;
			dst = c->data;
			goto copy;
		}
		c = ks_malloc(sizeof(*c) + (n + 1 > KS_ARENA_CHUNK ?
		    n + 1 : KS_ARENA_CHUNK));
		c->next = a->head;
		a->head = c;
		a->pos = c->data;
		a->end = c->data + (n + 1 > KS_ARENA_CHUNK ?
		    n + 1 : KS_ARENA_CHUNK);
	}
	dst = a->pos;
	a->pos += n + 1;
copy:
	if (n > 0)
		memcpy(dst, s, n);
	dst[n] = '\0';
	a->used += n + 1;
	return dst;
}

void
ks_arena_free(struct ks_arena *a)
{
	struct ks_arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(a, 0, sizeof(*a));
}

/* ---- pool ---------------------------------------------------------------- */

struct ks_pool_slot {
	const char	*str;	/* NULL: empty slot */
	uint32_t	 len;
	uint32_t	 hash;	/* hash low bits: index, quick reject */
};

struct ks_strpool {
	struct ks_pool_slot	*slots;
	size_t			 mask;	/* capacity - 1 (pow. 2) */
	size_t			 count;
	struct ks_arena		 arena;
};

#define KS_POOL_INIT	1024u

int
ks_strpool_new(struct ks_strpool **out)
{
	struct ks_strpool *p = ks_calloc(1, sizeof(*p));

	p->slots = ks_calloc(KS_POOL_INIT, sizeof(*p->slots));
	p->mask = KS_POOL_INIT - 1;
	*out = p;
	return 0;
}

void
ks_strpool_free(struct ks_strpool *p)
{
	if (p == NULL)
		return;
	ks_arena_free(&p->arena);
	free(p->slots);
	free(p);
}

/* Doubles the table; the strings themselves stay where they are. */
static void
ks_strpool_rehash(struct ks_strpool *p)
{
	size_t ncap = (p->mask + 1) * 2, i, j;
	struct ks_pool_slot *ns;

	/* The slot index comes from the stored 32-bit hash. */
	if (ncap > UINT32_MAX || ncap > SIZE_MAX / sizeof(*ns))
		abort();
	ns = ks_calloc(ncap, sizeof(*ns));
	for (i = 0; i <= p->mask; i++) {
		const struct ks_pool_slot *s = &p->slots[i];

		if (s->str == NULL)
			continue;
		for (j = s->hash & (ncap - 1); ns[j].str != NULL; j = (j + 1) &
		    (ncap - 1))
			;
		ns[j] = *s;
	}
	free(p->slots);
	p->slots = ns;
	p->mask = ncap - 1;
}

/* Finds s[0..n) (hash h); returns its slot, empty when absent. */
static inline struct ks_pool_slot *
ks_strpool_find(const struct ks_strpool *p, const char *s, size_t n,
    uint64_t h)
{
	uint32_t h32 = (uint32_t)h;
	size_t i = h32 & p->mask;

	for (;;) {
		struct ks_pool_slot *slot = &p->slots[i];

		if (slot->str == NULL)
			return slot;
		if (slot->hash == h32 && slot->len == n &&
		    memcmp(slot->str, s, n) == 0)
			return slot;
		i = (i + 1) & p->mask;
	}
}

const char *
ks_strpool_intern(struct ks_strpool *p, const char *s, size_t n)
{
	struct ks_pool_slot *slot;
	uint64_t h;

	if (n > UINT32_MAX)
		abort();	/* inputs are capped far below 4 GiB */
	h = ks_hash_bytes(s, n);
	slot = ks_strpool_find(p, s, n, h);
	if (slot->str != NULL)
		return slot->str;
	/* Keep the load under 70% so probe runs stay short. */
	if ((p->count + 1) * 10 > (p->mask + 1) * 7) {
		ks_strpool_rehash(p);
		slot = ks_strpool_find(p, s, n, h);
	}
	slot->str = ks_arena_strndup(&p->arena, s, n);
	slot->len = (uint32_t)n;
	slot->hash = (uint32_t)h;
	p->count++;
	return slot->str;
}

/* The interned copy of the NUL-terminated s, or NULL when not interned. */
const char *
ks_strpool_get(struct ks_strpool *p, const char *s)
{
	size_t n = strlen(s);

	if (n > UINT32_MAX)
		return NULL;
	return ks_strpool_find(p, s, n, ks_hash_bytes(s, n))->str;
}

size_t
ks_strpool_bytes(const struct ks_strpool *p)
{
	return p->arena.used;
}
