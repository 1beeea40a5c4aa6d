/*
 * Private glue between the evaluator's files (eval_var.c, eval_object.c,
 * eval_test.c, eval_def.c): the evaluation stack used to name cycles, and
 * the helpers one file needs from another. Not for other modules: they use
 * the eval_* contract in oval/oval_int.h.
 */
#ifndef KS_OVAL_EVAL_INT_H
#define KS_OVAL_EVAL_INT_H

#include "oval/oval_int.h"

/*
 * What is being evaluated right now, innermost last. Variables, objects and
 * definitions call each other through other modules (a probe resolves an
 * entity's var_ref, which collects an object ...), so the stack is kept per
 * thread, not passed along. It names a cycle ("a -> b -> a") and caps the
 * nesting depth of non-cyclic chains.
 */
enum oval_eval_kind { OVAL_EK_VAR, OVAL_EK_OBJ, OVAL_EK_DEF };
#define OVAL_EVAL_MAX_DEPTH 256

/* Pushes a frame; KS_ELIMIT (message set) when the stack is full. */
int oval_eval_push(struct oval_session *s, enum oval_eval_kind k,
    uint32_t idx);
void oval_eval_pop(void);
/* Frames of kind k for session s on the stack (0: evaluated from the top). */
uint32_t oval_eval_depth(const struct oval_session *s, enum oval_eval_kind k);
/* The chain from the first frame (s, k, idx) to the top, then idx again:
 * "oval:x:var:1 -> oval:x:obj:2 -> oval:x:var:1". Caller frees. */
char *oval_eval_chain(const struct oval_session *s, enum oval_eval_kind k,
    uint32_t idx);
/* The id of an entry, "?" for an index out of range. */
const char *oval_eval_id(const struct oval_session *s, enum oval_eval_kind k,
    uint32_t idx);

/* Appends (var, value) for every value of vals not already in *vv. */
void oval_eval_varvals_add(struct oval_varval **vv, uint32_t *n,
    uint32_t var, const struct oval_values *vals);
/* Adds the values of every var_ref of ents (and record fields), for
 * syschar variable_value and results tested_variable. */
void oval_eval_varvals_ents(struct oval_session *s, struct oval_varval **vv,
    uint32_t *n, const struct oval_entity *ents, uint32_t nents);

/* eval_test.c: an item against a state (entities combined by the state's
 * operator). A missing state index is error. */
enum oval_result oval_eval_state_item(struct oval_session *s, uint32_t state,
    const struct oval_item *it);

/* eval_object.c: applies filters (in order) to an item index list in
 * place. An error evaluating a filter returns KS_ERROR with the message
 * set; the list is then left as far as it got. */
int oval_eval_filters(struct oval_session *s, const struct oval_filter *f,
    uint32_t nf, uint32_t *items, uint32_t *nitems);
/* The flag of a set of two operands (the specification's tables); a is
 * the first object reference or set, b the second. */
enum oval_flag oval_eval_set_flag(enum oval_set_op op, enum oval_flag a,
    enum oval_flag b);

#endif /* KS_OVAL_EVAL_INT_H */
