/*
 * Private to feeds/feed_jvn.c and feeds/feed_vulnstore.c: an entry under
 * construction (owned copies of every string, freed by feed_vb_clear) that
 * the parsers fill and hand to feed_vulnstore_add. Not for other modules.
 */
#ifndef KS_FEED_INT_VULN_H
#define KS_FEED_INT_VULN_H

#include "feeds/feeds.h"

/* Longest field (title, vector, URL, ...) the parsers keep; longer text
 * from a feed is cut at a UTF-8 character boundary. */
#define FEED_VB_MAX_FIELD	8192
/* Most scores, aliases or references one entry may hold. */
#define FEED_VB_MAX_LIST	4096

struct feed_vb {
	struct feed_vuln	 v;	/* every string malloc'd, owned */
	size_t			 acap, scap, rcap;
};

void feed_vb_init(struct feed_vb *b);
/* Frees every string and array and re-initialises b. */
void feed_vb_clear(struct feed_vb *b);
/* Replaces *field with a trimmed, capped copy of s (NULL or only blanks:
 * NULL). */
void feed_vb_set(const char **field, const char *s);
/* Appends (copies; blanks trimmed; empty and duplicate values ignored). */
void feed_vb_alias(struct feed_vb *b, const char *id);
void feed_vb_score(struct feed_vb *b, const struct feed_vuln_score *sc);
void feed_vb_ref(struct feed_vb *b, const char *source, const char *id,
    const char *url);
/* Adds b->v to vs when it has an id and a source (else does nothing);
 * then clears b. Returns feed_vulnstore_add's code. */
int feed_vb_commit(struct feed_vulnstore *vs, struct feed_vb *b);

#endif /* KS_FEED_INT_VULN_H */
