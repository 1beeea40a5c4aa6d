/*
 * A string -> pointer hash map (open addressing, linear probing, keys copied
 * into an arena). It does not own the values and has no delete: ids and
 * names are added while a document is read and looked up afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

struct ks_map_slot {
	const char	*key;	/* NULL: empty slot */
	void		*val;
	uint64_t	 hash;
};

struct ks_map {
	struct ks_map_slot	*slots;
	size_t			 mask;	/* capacity - 1, 2^k */
	size_t			 count;
	struct ks_arena		 keys;
};

#define KS_MAP_INIT	64u

int
ks_map_new(struct ks_map **out)
{
	struct ks_map *m = ks_calloc(1, sizeof(*m));

	m->slots = ks_calloc(KS_MAP_INIT, sizeof(*m->slots));
	m->mask = KS_MAP_INIT - 1;
	*out = m;
	return 0;
}

void
ks_map_free(struct ks_map *m)
{
	if (m == NULL)
		return;
	ks_arena_free(&m->keys);
	free(m->slots);
	free(m);
}

static struct ks_map_slot *
ks_map_find(const struct ks_map *m, const char *key, size_t n, uint64_t h)
{
	size_t i = h & m->mask;

	for (;;) {
		struct ks_map_slot *s = &m->slots[i];

		if (s->key == NULL ||
		    (s->hash == h && strcmp(s->key, key) == 0))
			return s;
		i = (i + 1) & m->mask;
	}
}

static void
ks_map_rehash(struct ks_map *m)
{
	size_t ncap = (m->mask + 1) * 2, i, j;
	struct ks_map_slot *ns;

	if (ncap > SIZE_MAX / sizeof(*ns))
		abort();
	ns = ks_calloc(ncap, sizeof(*ns));
	for (i = 0; i <= m->mask; i++) {
		if (m->slots[i].key == NULL)
			continue;
		for (j = m->slots[i].hash & (ncap - 1); ns[j].key != NULL;
		    j = (j + 1) & (ncap - 1))
			;
		ns[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = ns;
	m->mask = ncap - 1;
}

/* Adds or replaces key -> val; the key is copied. Always 0 (aborts on OOM). */
int
ks_map_put(struct ks_map *m, const char *key, void *val)
{
	size_t n = strlen(key);
	uint64_t h = ks_hash_bytes(key, n);
	struct ks_map_slot *s = ks_map_find(m, key, n, h);

	if (s->key != NULL) {
		s->val = val;
		return 0;
	}
	/* Resize at 70% load. */
	if ((m->count + 1) * 10 > (m->mask + 1) * 7) {
		ks_map_rehash(m);
		s = ks_map_find(m, key, n, h);
	}
	s->key = ks_arena_strndup(&m->keys, key, n);
	s->val = val;
	s->hash = h;
	m->count++;
	return 0;
}

/* The value for key, or NULL when absent (or when NULL was stored). */
void *
ks_map_get(const struct ks_map *m, const char *key)
{
	size_t n = strlen(key);

	return ks_map_find(m, key, n, ks_hash_bytes(key, n))->val;
}

size_t
ks_map_count(const struct ks_map *m)
{
	return m->count;
}

int
ks_map_foreach(const struct ks_map *m,
    int (*cb)(const char *key, void *val, void *payload), void *payload)
{
	size_t i;
	int rc;

	for (i = 0; i <= m->mask; i++) {
		if (m->slots[i].key == NULL)
			continue;
		if ((rc = cb(m->slots[i].key, m->slots[i].val, payload)) != 0)
			return rc;
	}
	return 0;
}
