/*
 * The variables of a definitions document (constant_variable,
 * external_variable with its possible values/restrictions, local_variable
 * with its tree of components and functions), walked over their
 * recorded SAX events (parse_sax.c). Values are computed by the
 * evaluator, never here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oval/parse_int.h"

static const struct {
	const char		*name;
	enum oval_comp_kind	 kind;
	uint8_t			 min, max;	/* arguments; 0 0: none */
} comp_kinds[] = {
	{ "literal_component", OVAL_COMP_LITERAL, 0, 0 },
	{ "object_component", OVAL_COMP_OBJECT, 0, 0 },
	{ "variable_component", OVAL_COMP_VARIABLE, 0, 0 },
	/* OVAL 5.11.2 asks two arguments of arithmetic and concat; older
	 * content sometimes has one, which is harmless: we take >= 1. */
	{ "arithmetic", OVAL_COMP_ARITHMETIC, 1, UINT8_MAX },
	{ "begin", OVAL_COMP_BEGIN, 1, 1 },
	{ "end", OVAL_COMP_END, 1, 1 },
	{ "concat", OVAL_COMP_CONCAT, 1, UINT8_MAX },
	{ "count", OVAL_COMP_COUNT, 1, UINT8_MAX },
	{ "escape_regex", OVAL_COMP_ESCAPE_REGEX, 1, 1 },
	{ "glob_to_regex", OVAL_COMP_GLOB_TO_REGEX, 1, 1 },
	{ "regex_capture", OVAL_COMP_REGEX_CAPTURE, 1, 1 },
	{ "split", OVAL_COMP_SPLIT, 1, 1 },
	{ "substring", OVAL_COMP_SUBSTRING, 1, 1 },
	{ "time_difference", OVAL_COMP_TIME_DIFFERENCE, 1, 2 },
	{ "unique", OVAL_COMP_UNIQUE, 1, UINT8_MAX },
};
#define NCOMP_KINDS (sizeof(comp_kinds) / sizeof(comp_kinds[0]))

/* DateTimeFormatEnumeration (OVAL 5.11.2). */
static const char *const time_formats[] = {
	"year_month_day", "month_day_year", "day_month_year", "win_filetime",
	"seconds_since_epoch", "cim_datetime",
};

static int
comp_kind(const char *local)
{
	size_t i;

	for (i = 0; i < NCOMP_KINDS; i++)
		if (strcmp(comp_kinds[i].name, local) == 0)
			return (int)i;
	return -1;
}

void
oval_p_comp_free(struct oval_component *k)
{
	uint32_t i;

	for (i = 0; i < k->nargs; i++)
		oval_p_comp_free(&k->args[i]);
	free(k->args);
	k->args = NULL;
	k->nargs = 0;
}

static void
fail(struct oval_pctx *c, uint32_t var, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail(struct oval_pctx *c, uint32_t var, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	/* A longer message is cut at the buffer: still says what. */
	oval_p_fail(c, OVAL_PK_VAR, var, line, "%s", msg);
}

/* A required attribute: interned, or a problem of the variable. */
static const char *
required(struct oval_pctx *c, uint32_t var, int line, const char *comp,
    const char *attr, const char *v)
{
	if (v == NULL) {
		fail(c, var, line, "%s without %s", comp, attr);
		return NULL;
	}
	return oval_p_intern(c, v);
}

static bool
parse_i64(const char *s, int64_t *out)
{
	long long v;
	char *end;

	if (s == NULL)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*out = v;
	return true;
}

static const char *
time_format(struct oval_pctx *c, uint32_t var, int line, const char *attr,
    const char *v)
{
	size_t i;

	if (v == NULL)
		v = "year_month_day";	/* the schema's default */
	for (i = 0; i < sizeof(time_formats) / sizeof(time_formats[0]); i++)
		if (strcmp(v, time_formats[i]) == 0)
			return oval_p_intern(c, v);
	fail(c, var, line, "time_difference: unknown %s '%s'", attr, v);
	return oval_p_intern(c, v);
}

/* Reads the attributes of component k (of kind index ki). */
static int
comp_attrs(struct oval_pctx *c, struct oval_component *k, size_t ki,
    uint32_t var, int line)
{
	const char *name = comp_kinds[ki].name;
	struct oval_pattrs a;
	const char *s;
	int rc, v;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	switch (k->kind) {
	case OVAL_COMP_LITERAL:
		if (a.v[PA_DATATYPE]) {
			v = oval_datatype_parse(a.v[PA_DATATYPE]);
			if (v < 0 || v == OVAL_DT_RECORD)
				fail(c, var, line, "%s: unknown datatype '%s'",
				    name, a.v[PA_DATATYPE]);
			else
				k->dt = (enum oval_datatype)v;
		}
		break;
	case OVAL_COMP_OBJECT:
		s = required(c, var, line, name, "object_ref",
		    a.v[PA_OBJECT_REF]);
		if (s)
			k->ref = oval_p_ref(c, s);
		k->item_field = required(c, var, line, name, "item_field",
		    a.v[PA_ITEM_FIELD]);
		k->record_field = oval_p_intern(c, a.v[PA_RECORD_FIELD]);
		break;
	case OVAL_COMP_VARIABLE:
		s = required(c, var, line, name, "var_ref", a.v[PA_VAR_REF]);
		if (s)
			k->ref = oval_p_ref(c, s);
		break;
	case OVAL_COMP_ARITHMETIC:
		s = a.v[PA_ARITHMETIC_OPERATION];
		if (s == NULL || (strcmp(s, "add") != 0 &&
		    strcmp(s, "multiply") != 0))
			fail(c, var, line, "arithmetic: %s "
			    "arithmetic_operation%s%s%s",
			    s ? "unknown" : "missing", s ? " '" : "",
			    s ? s : "", s ? "'" : "");
		k->arith_op = oval_p_intern(c, s);
		break;
	case OVAL_COMP_BEGIN:
	case OVAL_COMP_END:
		k->character = required(c, var, line, name, "character",
		    a.v[PA_CHARACTER]);
		break;
	case OVAL_COMP_SPLIT:
		k->delimiter = required(c, var, line, name, "delimiter",
		    a.v[PA_DELIMITER]);
		break;
	case OVAL_COMP_REGEX_CAPTURE:
		k->pattern = required(c, var, line, name, "pattern",
		    a.v[PA_PATTERN]);
		break;
	case OVAL_COMP_SUBSTRING:
		/* Both are required; a negative length means "to the end"
		 * (OVAL 5.11 SubstringFunctionType), as does a missing one
		 * here after the problem is recorded. */
		if (!parse_i64(a.v[PA_SUBSTRING_START], &k->substring_start))
			fail(c, var, line, "substring: bad or missing "
			    "substring_start");
		if (a.v[PA_SUBSTRING_LENGTH] == NULL)
			fail(c, var, line, "substring without "
			    "substring_length");
		else if (!parse_i64(a.v[PA_SUBSTRING_LENGTH],
		    &k->substring_length))
			fail(c, var, line, "substring: bad substring_length "
			    "'%s'", a.v[PA_SUBSTRING_LENGTH]);
		if (k->substring_length < 0)
			k->substring_length = -1;
		break;
	case OVAL_COMP_TIME_DIFFERENCE:
		k->format_1 = time_format(c, var, line, "format_1",
		    a.v[PA_FORMAT_1]);
		k->format_2 = time_format(c, var, line, "format_2",
		    a.v[PA_FORMAT_2]);
		break;
	case OVAL_COMP_GLOB_TO_REGEX:
		if (a.v[PA_GLOB_NOESCAPE]) {
			v = oval_p_bool(a.v[PA_GLOB_NOESCAPE]);
			if (v < 0)
				fail(c, var, line, "glob_to_regex: bad "
				    "glob_noescape '%s'",
				    a.v[PA_GLOB_NOESCAPE]);
			k->glob_noescape = v == 1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* The reader is on a component element of variable `var`: fills *k and
 * its arguments. Nesting beyond OVAL_P_MAX_COMP_DEPTH is a problem of the
 * variable (the rest of the subtree is skipped). */
static int
parse_comp(struct oval_pctx *c, struct oval_component *k, uint32_t var,
    int depth)
{
	struct oval_pchild it;
	size_t cap = 0, ki;
	const char *s;
	size_t n;
	int rc, line = oval_p_line(c), i;

	memset(k, 0, sizeof(*k));
	k->ref = OVAL_NONE;
	k->dt = OVAL_DT_STRING;
	k->substring_length = -1;
	i = comp_kind(oval_p_local(c));
	if (i < 0) {
		fail(c, var, line, "unknown component '%s'", oval_p_local(c));
		return 0;
	}
	ki = (size_t)i;
	k->kind = comp_kinds[ki].kind;
	if (depth > OVAL_P_MAX_COMP_DEPTH) {
		fail(c, var, line, "components nested deeper than %d",
		    OVAL_P_MAX_COMP_DEPTH);
		return 0;
	}
	rc = comp_attrs(c, k, ki, var, line);
	if (rc < 0)
		return rc;
	if (k->kind == OVAL_COMP_LITERAL) {
		rc = oval_p_text(c, &s, &n);
		if (rc == 0)
			k->value = ks_strpool_intern(c->d->pool, s, n);
		return rc;
	}
	if (comp_kinds[ki].max == 0)
		return 0;
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		struct oval_component arg;

		if (strcmp(oval_p_ns(c), OVAL_NS_DEF) != 0)
			continue;
		rc = parse_comp(c, &arg, var, depth + 1);
		if (rc < 0) {
			oval_p_comp_free(&arg);
			return rc;
		}
		ks_grow(&k->args, &cap, (size_t)k->nargs + 1,
		    sizeof(*k->args));
		k->args[k->nargs++] = arg;
	}
	if (rc < 0)
		return rc;
	if (k->nargs > 0)
		oval_p_shrink(&k->args, k->nargs, sizeof(*k->args));
	if (k->nargs < comp_kinds[ki].min || k->nargs > comp_kinds[ki].max)
		fail(c, var, line, "%s with %u argument%s",
		    comp_kinds[ki].name, k->nargs, k->nargs == 1 ? "" : "s");
	return 0;
}

static int
parse_possibles(struct oval_pctx *c, struct oval_variable *v, uint32_t var)
{
	struct oval_pchild it, rit;
	struct oval_pattrs a;
	size_t cap = 0, rcap;
	const char *s;
	size_t n;
	int rc, line, op;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		struct oval_possible *p;
		bool restr;

		if (strcmp(oval_p_ns(c), OVAL_NS_DEF) != 0)
			continue;
		restr = oval_p_is(c, NULL, "possible_restriction");
		if (!restr && !oval_p_is(c, NULL, "possible_value"))
			continue;
		line = oval_p_line(c);
		rc = oval_p_attrs(c, &a);
		if (rc < 0)
			return rc;
		ks_grow(&v->possibles, &cap, (size_t)v->npossibles + 1,
		    sizeof(*v->possibles));
		p = &v->possibles[v->npossibles++];
		memset(p, 0, sizeof(*p));
		p->is_restriction = restr;
		p->hint = oval_p_intern(c, a.v[PA_HINT]);
		p->operator = OVAL_OPR_AND;
		if (!restr) {
			rc = oval_p_text(c, &s, &n);
			if (rc < 0)
				return rc;
			p->value = ks_strpool_intern(c->d->pool, s, n);
			continue;
		}
		if (a.v[PA_OPERATOR]) {
			op = oval_operator_parse(a.v[PA_OPERATOR]);
			if (op < 0)
				fail(c, var, line, "possible_restriction: "
				    "unknown operator '%s'",
				    a.v[PA_OPERATOR]);
			else
				p->operator = (enum oval_operator)op;
		}
		rcap = 0;
		oval_p_child_init(c, &rit);
		while ((rc = oval_p_child(c, &rit)) > 0) {
			struct oval_restriction *r;

			if (!oval_p_is(c, OVAL_NS_DEF, "restriction"))
				continue;
			line = oval_p_line(c);
			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			ks_grow(&p->restrictions, &rcap,
			    (size_t)p->nrestrictions + 1,
			    sizeof(*p->restrictions));
			r = &p->restrictions[p->nrestrictions++];
			r->op = OVAL_OP_EQUALS;
			r->value = NULL;
			op = a.v[PA_OPERATION] ?
			    oval_operation_parse(a.v[PA_OPERATION]) : -1;
			if (op < 0)
				fail(c, var, line, "restriction: %s "
				    "operation%s%s%s",
				    a.v[PA_OPERATION] ? "unknown" : "missing",
				    a.v[PA_OPERATION] ? " '" : "",
				    a.v[PA_OPERATION] ? a.v[PA_OPERATION] : "",
				    a.v[PA_OPERATION] ? "'" : "");
			else
				r->op = (enum oval_operation)op;
			rc = oval_p_text(c, &s, &n);
			if (rc < 0)
				return rc;
			r->value = ks_strpool_intern(c->d->pool, s, n);
		}
		if (rc < 0)
			return rc;
		if (p->nrestrictions > 0)
			oval_p_shrink(&p->restrictions, p->nrestrictions,
			    sizeof(*p->restrictions));
	}
	if (v->npossibles > 0)
		oval_p_shrink(&v->possibles, v->npossibles,
		    sizeof(*v->possibles));
	return rc;
}

/*
 * The reader is on a child of <variables>. OVAL 5.11 VariableType: id,
 * version, datatype (required; never "record"), comment, deprecated.
 */
int
oval_p_variable(struct oval_pctx *c)
{
	struct oval_variable *v;
	struct oval_pattrs a;
	struct oval_pchild it;
	enum oval_var_kind kind;
	const char *ln = oval_p_local(c), *s;
	size_t cap = 0, n;
	uint32_t idx;
	int rc, line = oval_p_line(c), dt;

	if (strcmp(ln, "constant_variable") == 0)
		kind = OVAL_VAR_CONSTANT;
	else if (strcmp(ln, "external_variable") == 0)
		kind = OVAL_VAR_EXTERNAL;
	else if (strcmp(ln, "local_variable") == 0)
		kind = OVAL_VAR_LOCAL;
	else
		return 0;	/* not a variable (references to it dangle) */
	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	if (a.v[PA_ID] == NULL) {
		ks_warn("%s:%d: %s without id ignored", c->name, line, ln);
		return 0;
	}
	rc = oval_p_add(c, OVAL_PK_VAR, oval_p_intern(c, a.v[PA_ID]), &idx);
	if (rc < 0 || idx == OVAL_NONE)
		return rc;
	v = &c->d->vars[idx];
	v->kind = kind;
	v->line = (uint32_t)line;
	v->comment = oval_p_intern(c, a.v[PA_COMMENT]);
	if (a.v[PA_VERSION])
		v->version = (uint32_t)strtoul(a.v[PA_VERSION], NULL, 10);
	if (a.v[PA_DEPRECATED])
		v->deprecated = oval_p_bool(a.v[PA_DEPRECATED]) == 1;
	v->dt = OVAL_DT_STRING;
	dt = a.v[PA_DATATYPE] ? oval_datatype_parse(a.v[PA_DATATYPE]) : -1;
	if (dt < 0 || dt == OVAL_DT_RECORD)
		fail(c, idx, line, "%s datatype%s%s%s",
		    a.v[PA_DATATYPE] ? "unknown" : "missing",
		    a.v[PA_DATATYPE] ? " '" : "",
		    a.v[PA_DATATYPE] ? a.v[PA_DATATYPE] : "",
		    a.v[PA_DATATYPE] ? "'" : "");
	else
		v->dt = (enum oval_datatype)dt;

	if (kind == OVAL_VAR_EXTERNAL)
		return parse_possibles(c, v, idx);
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (strcmp(oval_p_ns(c), OVAL_NS_DEF) != 0)
			continue;
		if (kind == OVAL_VAR_CONSTANT) {
			if (!oval_p_is(c, NULL, "value"))
				continue;
			rc = oval_p_text(c, &s, &n);
			if (rc < 0)
				return rc;
			ks_grow(&v->values, &cap, (size_t)v->nvalues + 1,
			    sizeof(*v->values));
			v->values[v->nvalues++] =
			    ks_strpool_intern(c->d->pool, s, n);
			continue;
		}
		if (oval_p_is(c, NULL, "notes") || v->comp != NULL)
			continue;
		v->comp = ks_calloc(1, sizeof(*v->comp));
		rc = parse_comp(c, v->comp, idx, 1);
		if (rc < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	if (v->nvalues > 0)
		oval_p_shrink(&v->values, v->nvalues, sizeof(*v->values));
	if (kind == OVAL_VAR_CONSTANT && v->nvalues == 0)
		fail(c, idx, line, "constant_variable without a value");
	if (kind == OVAL_VAR_LOCAL && v->comp == NULL)
		fail(c, idx, line, "local_variable without a component");
	return 0;
}
