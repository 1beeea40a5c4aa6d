/*
 * Private helpers shared by the runtime's own files (string hash, a chunked
 * arena). Not for other modules: they use base.h.
 */
#ifndef KS_BASE_INT_H
#define KS_BASE_INT_H

#include <stdbool.h>
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

/*
 * xml.c: the DOM loader's push parser, for xml_split.c. A DOM is for
 * small documents: anything bigger than KS_XML_DOC_MAX is refused.
 */
#define KS_XML_DOC_MAX	(256u << 20)
/* Bytes handed to the push parser at a time. */
#define KS_XML_CHUNK	(256u << 10)

/* Per reader or per DOM parse: the name for messages and the first error. */
struct ks_xml_state {
	char	*name;
	char	 err[1024];	/* first error, formatted */
	int	 rc;		/* KS_EPARSE, KS_ELIMIT; 0: none */
	bool	 dtd_checked;	/* the root element was reached */
};

struct _xmlParserCtxt;
struct _xmlDoc;
struct ks_xml_push {
	struct ks_xml_state	 st;	/* st.name borrowed */
	struct _xmlParserCtxt	*ctxt;
	char			*chunk;	/* KS_XML_CHUNK bytes */
	uint64_t		 total;	/* bytes fed */
	bool			 stopped;	/* on the first error */
};
/* A push parser for a DOM with the loader's hooks and options; NULL (message
 * set) when libxml2 has no memory. name is borrowed for messages. */
struct ks_xml_push *ks_xml_push_new(const char *name);
/* Feeds n bytes (last: and ends the document). 0, or KS_ELIMIT past
 * KS_XML_DOC_MAX in all (message set); a malformed document only stops the
 * parser (->stopped), whose error ks_xml_push_end returns. */
int ks_xml_push_bytes(struct ks_xml_push *p, const char *buf, size_t n,
    bool last);
/* Feeds len bytes read from fd at its offset (len < 0: to the end of the
 * file; fewer at an early end). 0, KS_ELIMIT, or the read's error. */
int ks_xml_push_fd(struct ks_xml_push *p, int fd, int64_t len, bool last);
/* The document in *out (caller frees) or the first error, as
 * "NAME:LINE:COL: message" (message set); frees p either way. */
int ks_xml_push_end(struct ks_xml_push *p, struct _xmlDoc **out);
/* Frees p and what it parsed; NULL does nothing. */
void ks_xml_push_free(struct ks_xml_push *p);

/* xml_split.c, for tests and the fuzz target: the smallest file it splits
 * (0: the default, 1 MB); how many splits were kept so far. */
void ks_xml_split_min_set(size_t bytes);
unsigned ks_xml_split_kept(void);

/* mem.c: "kensa: out of memory" and abort(), for libxml2 allocations
 * that cannot be undone. */
void ks_oom(void) __attribute__((noreturn));

/* Sets "WHAT PATH: <errno text>" and maps err to KS_ENOTFOUND, KS_EPERM,
 * KS_ENOMEM or KS_ERROR (file.c), for every open of a user's file. */
int ks_file_errno(const char *what, const char *path, int err);

#endif /* KS_BASE_INT_H */
