/*
 * OVAL variables: constant, external and local variables with every
 * component and function of OVAL 5.11.2, evaluated once per session and
 * memoised in s->var_vals; also entity matching against variable values and
 * the evaluation stack that names cycles. Not for collection (eval_object.c)
 * or value comparison itself (value_*.c: oval_compare).
 */
#include "oval/eval_int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A local variable may not produce more values than this (a cartesian
 * product of object components can explode). */
#define VAR_MAX_VALUES	100000u
/* One produced value (concat, begin...) may not be longer than this. */
#define VAR_MAX_LEN	(1u << 20)

/* ---- the evaluation stack ------------------------------------------------ */
struct eval_frame {
	const struct oval_session	*s;
	enum oval_eval_kind		 k;
	uint32_t			 idx;
};
static _Thread_local struct eval_frame	estack[OVAL_EVAL_MAX_DEPTH];
static _Thread_local uint32_t		edepth;

int
oval_eval_push(struct oval_session *s, enum oval_eval_kind k, uint32_t idx)
{
	if (edepth >= OVAL_EVAL_MAX_DEPTH) {
		ks_error_set("%s: evaluation nested deeper than %d levels",
		    oval_eval_id(s, k, idx), OVAL_EVAL_MAX_DEPTH);
		return KS_ELIMIT;
	}
	estack[edepth].s = s;
	estack[edepth].k = k;
	estack[edepth].idx = idx;
	edepth++;
	return 0;
}

void
oval_eval_pop(void)
{
	if (edepth > 0)
		edepth--;
}

uint32_t
oval_eval_depth(const struct oval_session *s, enum oval_eval_kind k)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < edepth; i++)
		if (estack[i].s == s && estack[i].k == k)
			n++;
	return n;
}

const char *
oval_eval_id(const struct oval_session *s, enum oval_eval_kind k,
    uint32_t idx)
{
	const struct oval_defs *d = s->defs;

	switch (k) {
	case OVAL_EK_VAR:
		return idx < d->nvars ? d->vars[idx].id : "?";
	case OVAL_EK_OBJ:
		return idx < d->nobjects ? d->objects[idx].id : "?";
	case OVAL_EK_DEF:
		return idx < d->ndefs ? d->defs[idx].id : "?";
	}
	return "?";
}

char *
oval_eval_chain(const struct oval_session *s, enum oval_eval_kind k,
    uint32_t idx)
{
	struct ks_buf b;
	uint32_t first = edepth;

	for (uint32_t i = 0; i < edepth; i++)
		if (estack[i].s == s && estack[i].k == k &&
		    estack[i].idx == idx) {
			first = i;
			break;
		}
	ks_buf_init(&b, 0);
	for (uint32_t i = first; i < edepth; i++)
		if (estack[i].s == s)
			ks_buf_printf(&b, "%s -> ",
			    oval_eval_id(s, estack[i].k, estack[i].idx));
	ks_buf_puts(&b, oval_eval_id(s, k, idx));
	return ks_buf_steal(&b);
}

/* ---- value lists --------------------------------------------------------- */
struct vlist {
	const char	**v;
	uint32_t	  n;
	size_t		  cap;
};

static int
vl_add(struct vlist *l, const char *v)
{
	if (l->n >= VAR_MAX_VALUES) {
		ks_error_set("more than %u values", VAR_MAX_VALUES);
		return KS_ELIMIT;
	}
	ks_grow(&l->v, &l->cap, (size_t)l->n + 1, sizeof(*l->v));
	l->v[l->n++] = v;
	return 0;
}

static void
vals_take(struct oval_values *out, struct vlist *l)
{
	free(out->v);
	out->v = l->v;
	out->n = l->n;
	memset(l, 0, sizeof(*l));
}

/* Sets out to error with a message (interned); drops its values. */
static void __attribute__((format(printf, 3, 4)))
vals_error(struct oval_session *s, struct oval_values *out,
    const char *fmt, ...)
{
	va_list ap;
	char *m = NULL;

	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) < 0)
		m = NULL;
	va_end(ap);
	out->flag = OVAL_FLAG_ERROR;
	out->msg = oval_intern(s, m != NULL ? m : "error");
	free(m);
	free(out->v);
	out->v = NULL;
	out->n = 0;
}

void
oval_eval_varvals_add(struct oval_varval **vv, uint32_t *n, uint32_t var,
    const struct oval_values *vals)
{
	for (uint32_t i = 0; i < vals->n; i++) {
		bool dup = false;

		for (uint32_t j = 0; j < *n && !dup; j++)
			dup = (*vv)[j].var == var &&
			    strcmp((*vv)[j].value, vals->v[i]) == 0;
		if (dup)
			continue;
		*vv = ks_realloc(*vv, (*n + 1) * sizeof(**vv));
		(*vv)[*n].var = var;
		(*vv)[*n].value = vals->v[i];
		(*n)++;
	}
}

void
oval_eval_varvals_ents(struct oval_session *s, struct oval_varval **vv,
    uint32_t *n, const struct oval_entity *ents, uint32_t nents)
{
	for (uint32_t i = 0; i < nents; i++) {
		if (ents[i].var != OVAL_NONE)
			oval_eval_varvals_add(vv, n, ents[i].var,
			    oval_var_eval(s, ents[i].var));
		if (ents[i].nfields > 0)
			oval_eval_varvals_ents(s, vv, n, ents[i].fields,
			    ents[i].nfields);
	}
}

/* ---- flags --------------------------------------------------------------- */
/*
 * The flag of a function over several components: the concat function's
 * chart in the OVAL 5.11.2 definitions schema (ConcatFunctionType):
 * any error -> error; else any not applicable -> not applicable; else any
 * not collected -> not collected; else any does not exist -> does not
 * exist; else any incomplete -> incomplete; else complete. We apply it to
 * every function that takes several components.
 */
static enum oval_flag
flag_product(enum oval_flag a, enum oval_flag b)
{
	static const int rank[OVAL_FLAG_COUNT] = {
		[OVAL_FLAG_ERROR] = 5, [OVAL_FLAG_NOT_APPLICABLE] = 4,
		[OVAL_FLAG_NOT_COLLECTED] = 3, [OVAL_FLAG_DOES_NOT_EXIST] = 2,
		[OVAL_FLAG_INCOMPLETE] = 1, [OVAL_FLAG_COMPLETE] = 0,
	};

	return rank[a] >= rank[b] ? a : b;
}

/* ---- components ---------------------------------------------------------- */
static void comp_eval(struct oval_session *s, uint32_t var,
    const struct oval_component *c, struct oval_values *out);

/* Evaluates every argument; returns the combined flag. On error, out is
 * set to error with the first failing argument's message. */
static enum oval_flag
args_eval(struct oval_session *s, uint32_t var, const struct oval_component *c,
    struct oval_values *args, struct oval_values *out)
{
	enum oval_flag f = OVAL_FLAG_COMPLETE;

	for (uint32_t i = 0; i < c->nargs; i++) {
		comp_eval(s, var, &c->args[i], &args[i]);
		f = flag_product(f, args[i].flag);
	}
	out->flag = f;
	for (uint32_t i = 0; i < c->nargs; i++)
		if (args[i].flag == f && args[i].msg != NULL) {
			out->msg = args[i].msg;
			break;
		}
	return f;
}

static void
args_free(struct oval_values *args, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		free(args[i].v);
	free(args);
}

static void
comp_literal(struct oval_session *s, const struct oval_component *c,
    struct oval_values *out)
{
	struct vlist l = { 0 };

	out->dt = c->dt;
	out->flag = OVAL_FLAG_COMPLETE;
	(void)vl_add(&l, oval_intern(s, c->value != NULL ? c->value : ""));
	vals_take(out, &l);
}

static void
comp_variable(struct oval_session *s, const struct oval_component *c,
    struct oval_values *out)
{
	const struct oval_values *v = oval_var_eval(s, c->ref);

	out->dt = v->dt;
	out->flag = v->flag;
	out->msg = v->msg;
	out->n = v->n;
	out->v = NULL;
	if (v->n > 0) {
		out->v = ks_malloc(v->n * sizeof(*out->v));
		memcpy(out->v, v->v, v->n * sizeof(*out->v));
	}
}

/*
 * object_component (ObjectComponentType): the values of the item_field
 * entities (or of their record_field fields) of every collected item.
 * "If an entity is not found with a name that matches the value of the
 * item_field an error should be reported"; likewise a missing record field.
 * An object without items gives no values and its own flag (the brief: an
 * entity referring to such a variable makes its object "does not exist").
 */
static void
comp_object(struct oval_session *s, const struct oval_component *c,
    struct oval_values *out)
{
	const struct oval_collected *col;
	const char *oid;
	struct vlist l = { 0 };
	bool have_dt = false;

	out->dt = OVAL_DT_STRING;
	if (c->ref >= s->defs->nobjects) {
		vals_error(s, out, "object_component refers to a "
		    "missing object");
		return;
	}
	oid = s->defs->objects[c->ref].id;
	col = oval_object_collect(s, c->ref);
	switch (col->flag) {
	case OVAL_FLAG_ERROR:
		vals_error(s, out, "object %s: %s", oid, col->nmsgs > 0 ?
		    col->msgs[0].text : "collection error");
		return;
	case OVAL_FLAG_NOT_COLLECTED:
	case OVAL_FLAG_NOT_APPLICABLE:
	case OVAL_FLAG_DOES_NOT_EXIST:
		out->flag = col->flag;
		out->msg = oval_intern(s, col->nmsgs > 0 ? col->msgs[0].text :
		    oval_flag_name(col->flag));
		return;
	default:
		out->flag = col->flag;
		break;
	}
	for (uint32_t i = 0; i < col->nitems; i++) {
		const struct oval_item *it = &s->sc.items[col->items[i]];
		uint32_t found = 0;

		if (it->status != OVAL_ST_EXISTS)
			continue;
		for (uint32_t j = 0; j < it->nents; j++) {
			const struct oval_item_ent *e = &it->ents[j];

			if (strcmp(e->name, c->item_field) != 0)
				continue;
			if (c->record_field == NULL) {
				found++;
				if (e->status != OVAL_ST_EXISTS ||
				    e->value == NULL)
					continue;
				if (!have_dt) {
					out->dt = e->dt;
					have_dt = true;
				}
				if (vl_add(&l, e->value) < 0)
					goto limit;
				continue;
			}
			for (uint32_t k = 0; k < e->nfields; k++) {
				const struct oval_item_ent *f = &e->fields[k];

				if (strcmp(f->name, c->record_field) != 0)
					continue;
				found++;
				if (f->status != OVAL_ST_EXISTS ||
				    f->value == NULL)
					continue;
				if (!have_dt) {
					out->dt = f->dt;
					have_dt = true;
				}
				if (vl_add(&l, f->value) < 0)
					goto limit;
			}
		}
		if (found == 0) {
			free(l.v);
			if (c->record_field != NULL)
				vals_error(s, out, "object %s: item %" PRIu32
				    " has no field '%s' in entity '%s'", oid,
				    it->id, c->record_field, c->item_field);
			else
				vals_error(s, out, "object %s: item %" PRIu32
				    " has no entity '%s'", oid, it->id,
				    c->item_field);
			return;
		}
	}
	vals_take(out, &l);
	return;
limit:
	free(l.v);
	vals_error(s, out, "object %s: %s", oid, ks_error_msg());
}

/* Strict numbers: the whole string, no blanks. */
static bool
parse_i64(const char *v, int64_t *out)
{
	char *end;
	long long x;

	if (v == NULL || *v == '\0' || isspace((unsigned char)*v))
		return false;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = x;
	return true;
}

static bool
parse_f64(const char *v, double *out)
{
	char *end;

	if (v == NULL || *v == '\0' || isspace((unsigned char)*v))
		return false;
	errno = 0;
	*out = strtod(v, &end);
	return *end == '\0' && errno != ERANGE;
}

/*
 * A float result with 15 significant digits (DBL_DIG, the decimal
 * precision a double keeps): arithmetic on decimal inputs leaves binary
 * noise beyond it (1.1 * 1.1 is 1.2100000000000002 as a double), which the
 * author of "1.1 * 1.1 = 1.21" does not mean.
 */
static const char *
fmt_f64(struct oval_session *s, double x)
{
	char buf[64];

	if (snprintf(buf, sizeof(buf), "%.15g", x) >= (int)sizeof(buf))
		buf[0] = '\0';
	return oval_intern(s, buf);
}

static const char *
fmt_i64(struct oval_session *s, int64_t x)
{
	char buf[32];

	(void)snprintf(buf, sizeof(buf), "%" PRId64, x);
	return oval_intern(s, buf);
}

/*
 * Walks the cartesian product of the argument value lists (FunctionGroup:
 * "the operation will be performed on the Cartesian product of the
 * components"), calling fn with one value of each argument in order.
 */
typedef int (*tuple_fn)(struct oval_session *s, const struct oval_component *c,
    const struct oval_values *args, const char **tuple, struct vlist *l,
    struct oval_values *out);

static void
product(struct oval_session *s, const struct oval_component *c,
    struct oval_values *args, tuple_fn fn, struct oval_values *out)
{
	uint32_t n = c->nargs;
	uint32_t *ix = ks_calloc(n + 1, sizeof(*ix));
	const char **tuple = ks_calloc(n + 1, sizeof(*tuple));
	struct vlist l = { 0 };
	uint64_t total = 1;

	for (uint32_t i = 0; i < n; i++) {
		total *= args[i].n;
		if (total > VAR_MAX_VALUES) {
			vals_error(s, out, "the cartesian product of the "
			    "components has more than %u values",
			    VAR_MAX_VALUES);
			goto out;
		}
	}
	if (n == 0 || total == 0)
		goto done;
	for (;;) {
		uint32_t k;

		for (uint32_t i = 0; i < n; i++)
			tuple[i] = args[i].v[ix[i]];
		if (fn(s, c, args, tuple, &l, out) < 0) {
			free(l.v);
			l.v = NULL;
			goto out;
		}
		for (k = n; k > 0; k--) {
			if (++ix[k - 1] < args[k - 1].n)
				break;
			ix[k - 1] = 0;
		}
		if (k == 0)
			break;
	}
done:
	vals_take(out, &l);
out:
	free(l.v);
	free(ix);
	free(tuple);
}

/* arithmetic (ArithmeticFunctionType): add or multiply; "if both an
 * integer and float components are used then the result is a float". */
static int
tuple_arith(struct oval_session *s, const struct oval_component *c,
    const struct oval_values *args, const char **t, struct vlist *l,
    struct oval_values *out)
{
	bool mul = c->arith_op != NULL && strcmp(c->arith_op, "multiply") == 0;
	bool use_float = false;
	int64_t iacc = mul ? 1 : 0;
	double facc = mul ? 1.0 : 0.0;

	if (c->arith_op == NULL || (!mul && strcmp(c->arith_op, "add") != 0)) {
		vals_error(s, out, "arithmetic: unknown operation '%s'",
		    c->arith_op != NULL ? c->arith_op : "");
		return KS_ERROR;
	}
	for (uint32_t i = 0; i < c->nargs; i++) {
		int64_t iv;
		double fv;

		if (args[i].dt == OVAL_DT_FLOAT || !parse_i64(t[i], &iv)) {
			if (!parse_f64(t[i], &fv)) {
				vals_error(s, out, "arithmetic: '%s' is not an "
				    "int or a float", t[i]);
				return KS_ERROR;
			}
			use_float = true;
		}
	}
	for (uint32_t i = 0; i < c->nargs; i++) {
		int64_t iv = 0;
		double fv = 0;

		if (use_float) {
			(void)parse_f64(t[i], &fv);
			facc = mul ? facc * fv : facc + fv;
			continue;
		}
		(void)parse_i64(t[i], &iv);
		if (mul ? __builtin_mul_overflow(iacc, iv, &iacc) :
		    __builtin_add_overflow(iacc, iv, &iacc)) {
			vals_error(s, out, "arithmetic: integer overflow");
			return KS_ERROR;
		}
	}
	if (use_float)
		out->dt = OVAL_DT_FLOAT;
	return vl_add(l, use_float ? fmt_f64(s, facc) : fmt_i64(s, iacc));
}

/* concat (ConcatFunctionType): the values joined in component order. */
static int
tuple_concat(struct oval_session *s, const struct oval_component *c,
    const struct oval_values *args, const char **t, struct vlist *l,
    struct oval_values *out)
{
	struct ks_buf b;
	int rc;

	ks_buf_init(&b, VAR_MAX_LEN);
	for (uint32_t i = 0; i < c->nargs; i++)
		if (ks_buf_puts(&b, t[i]) < 0) {
			ks_buf_free(&b);
			vals_error(s, out, "concat: %s", ks_error_msg());
			return KS_ELIMIT;
		}
	rc = vl_add(l, oval_intern(s, b.data != NULL ? b.data : ""));
	ks_buf_free(&b);
	return rc;
}

/* ---- time_difference ----------------------------------------------------- */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	/* Days since 1970-01-01 in the proleptic Gregorian calendar: count
	 * years from March so that the leap day ends the year. */
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool
date_ok(int y, int mo, int d, int h, int mi, int sec)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	if (mo == 2 && d == 29 && !leap)
		return false;
	return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 &&
	    sec <= 60;
}

/* Reads between min and max digits. */
static bool
digits(const char **p, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && isdigit((unsigned char)(*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < min)
		return false;
	*p += n;
	*out = v;
	return true;
}

static bool
lit(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* " hh:mm:ss" or the end of the string. */
static bool
opt_time(const char *p, int *h, int *mi, int *sec)
{
	*h = *mi = *sec = 0;
	if (*p == '\0')
		return true;
	return lit(&p, ' ') && digits(&p, 1, 2, h) && lit(&p, ':') &&
	    digits(&p, 1, 2, mi) && lit(&p, ':') && digits(&p, 1, 2, sec) &&
	    *p == '\0';
}

static int
month_name(const char **p)
{
	static const char *names[12] = { "january", "february", "march",
	    "april", "may", "june", "july", "august", "september", "october",
	    "november", "december" };
	size_t n = 0;

	while (isalpha((unsigned char)(*p)[n]))
		n++;
	for (int i = 0; i < 12; i++)
		if ((n == strlen(names[i]) || n == 3) &&
		    strncasecmp(*p, names[i], n) == 0) {
			*p += n;
			return i + 1;
		}
	return 0;
}

static bool
civil(int y, int mo, int d, int h, int mi, int sec, int64_t *out)
{
	if (!date_ok(y, mo, d, h, mi, sec))
		return false;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	return true;
}

/*
 * A date-time in one of the DateTimeFormatEnumeration formats, as seconds
 * since the epoch (UTC: "the values of that component are subtracted from
 * the current time (UTC)").
 */
static bool
parse_time(const char *fmt, const char *v, int64_t *out)
{
	const char *p = v;
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
	char sep;

	if (fmt == NULL)
		fmt = "year_month_day";
	if (strcmp(fmt, "seconds_since_epoch") == 0)
		return parse_i64(v, out);
	if (strcmp(fmt, "win_filetime") == 0) {
		/* 100 ns intervals since 1601-01-01 UTC, written in
		 * hexadecimal as Windows shows a FILETIME (the OVAL test
		 * content writes 1970-01-01 as 19db1ded53e8000); a 0x prefix
		 * is allowed. */
		char *end;
		unsigned long long ft;

		if (!isxdigit((unsigned char)*v))
			return false;
		errno = 0;
		ft = strtoull(v, &end, 16);
		if (errno != 0 || *end != '\0' || ft / 10000000ULL >
		    (unsigned long long)INT64_MAX)
			return false;
		*out = (int64_t)(ft / 10000000ULL) - INT64_C(11644473600);
		return true;
	}
	if (strcmp(fmt, "year_month_day") == 0) {
		/* yyyymmdd, yyyymmddThhmmss, yyyy/mm/dd[ hh:mm:ss],
		 * yyyy-mm-dd[ hh:mm:ss] */
		if (!digits(&p, 4, 4, &y))
			return false;
		if (*p == '/' || *p == '-') {
			sep = *p++;
			if (!digits(&p, 1, 2, &mo) || !lit(&p, sep) ||
			    !digits(&p, 1, 2, &d) ||
			    !opt_time(p, &h, &mi, &sec))
				return false;
			return civil(y, mo, d, h, mi, sec, out);
		}
		if (!digits(&p, 2, 2, &mo) || !digits(&p, 2, 2, &d))
			return false;
		if (*p == 'T' && (p++, !digits(&p, 2, 2, &h) ||
		    !digits(&p, 2, 2, &mi) || !digits(&p, 2, 2, &sec)))
			return false;
		return *p == '\0' && civil(y, mo, d, h, mi, sec, out);
	}
	if (strcmp(fmt, "month_day_year") == 0) {
		/* mm/dd/yyyy[ hh:mm:ss], mm-dd-yyyy[...], "Month, dd yyyy"
		 * with a full or three-letter month name */
		if (isalpha((unsigned char)*p)) {
			if ((mo = month_name(&p)) == 0)
				return false;
			(void)lit(&p, ',');
			if (!lit(&p, ' ') || !digits(&p, 1, 2, &d) ||
			    !lit(&p, ' ') || !digits(&p, 4, 4, &y) ||
			    !opt_time(p, &h, &mi, &sec))
				return false;
			return civil(y, mo, d, h, mi, sec, out);
		}
		if (!digits(&p, 1, 2, &mo) || (*p != '/' && *p != '-'))
			return false;
		sep = *p++;
		if (!digits(&p, 1, 2, &d) || !lit(&p, sep) ||
		    !digits(&p, 4, 4, &y) || !opt_time(p, &h, &mi, &sec))
			return false;
		return civil(y, mo, d, h, mi, sec, out);
	}
	if (strcmp(fmt, "day_month_year") == 0) {
		if (!digits(&p, 1, 2, &d) || (*p != '/' && *p != '-'))
			return false;
		sep = *p++;
		if (!digits(&p, 1, 2, &mo) || !lit(&p, sep) ||
		    !digits(&p, 4, 4, &y) || !opt_time(p, &h, &mi, &sec))
			return false;
		return civil(y, mo, d, h, mi, sec, out);
	}
	if (strcmp(fmt, "cim_datetime") == 0) {
		/* yyyymmddHHMMSS.mmmmmmsUUU (sUUU: minutes east of UTC), or
		 * yyyy-mm-dd HH:MM:SS:mmm */
		int us, off, ms;

		if (!digits(&p, 4, 4, &y))
			return false;
		if (*p == '-') {
			p++;
			if (!digits(&p, 2, 2, &mo) || !lit(&p, '-') ||
			    !digits(&p, 2, 2, &d) || !lit(&p, ' ') ||
			    !digits(&p, 2, 2, &h) || !lit(&p, ':') ||
			    !digits(&p, 2, 2, &mi) || !lit(&p, ':') ||
			    !digits(&p, 2, 2, &sec) || !lit(&p, ':') ||
			    !digits(&p, 3, 3, &ms) || *p != '\0')
				return false;
			return civil(y, mo, d, h, mi, sec, out);
		}
		if (!digits(&p, 2, 2, &mo) || !digits(&p, 2, 2, &d) ||
		    !digits(&p, 2, 2, &h) || !digits(&p, 2, 2, &mi) ||
		    !digits(&p, 2, 2, &sec) || !lit(&p, '.') ||
		    !digits(&p, 6, 6, &us) || (*p != '+' && *p != '-'))
			return false;
		sep = *p++;
		if (!digits(&p, 3, 3, &off) || *p != '\0' ||
		    !civil(y, mo, d, h, mi, sec, out))
			return false;
		*out -= (int64_t)(sep == '-' ? -off : off) * 60;
		return true;
	}
	return false;
}

static int
tuple_timediff(struct oval_session *s, const struct oval_component *c,
    const struct oval_values *args, const char **t, struct vlist *l,
    struct oval_values *out)
{
	int64_t a, b;
	const char *fa = c->format_1, *fb = c->format_2;

	if (c->nargs == 1) {
		/* "If only one input is specified, specify the format with
		 * the format2 attribute, as the first input is considered to
		 * be the implied 'current time' input." */
		a = (int64_t)time(NULL);
		if (!parse_time(fb, t[0], &b)) {
			vals_error(s, out, "time_difference: '%s' is not a "
			    "valid %s", t[0], fb != NULL ? fb :
			    "year_month_day");
			return KS_ERROR;
		}
	} else {
		if (!parse_time(fa, t[0], &a)) {
			vals_error(s, out, "time_difference: '%s' is not a "
			    "valid %s", t[0], fa != NULL ? fa :
			    "year_month_day");
			return KS_ERROR;
		}
		if (!parse_time(fb, t[1], &b)) {
			vals_error(s, out, "time_difference: '%s' is not a "
			    "valid %s", t[1], fb != NULL ? fb :
			    "year_month_day");
			return KS_ERROR;
		}
	}
	return vl_add(l, fmt_i64(s, a - b));
}

/* ---- single-string functions --------------------------------------------- */
static const char RE_META[] = "^$\\.[](){}*+?|";

/*
 * glob_to_regex (GlobToRegexFunctionType): follows the schema's table of
 * examples. '*' and '?' never match '/'; at the start of a path component
 * they do not match a leading '.' ("(?=[^.])[^/]*", "[^./]"); brackets are
 * copied as a class ('!' negates); with glob_noescape a backslash is a
 * literal character; an unterminated bracket is an error.
 */
static int
glob_to_regex(const char *g, bool noescape, struct ks_buf *b)
{
	bool start = true;	/* at the start of a path component */
	bool after_lit_bs = false;

	if (ks_buf_putc(b, '^') < 0)
		return KS_ELIMIT;
	for (const char *p = g; *p != '\0'; p++) {
		int rc = 0;
		bool was_lit_bs = after_lit_bs;

		after_lit_bs = false;
		switch (*p) {
		case '*':
			rc = ks_buf_puts(b, start ? "(?=[^.])[^/]*" : "[^/]*");
			start = false;
			break;
		case '?':
			/* The table maps '?' after a literal backslash
			 * ('\?' with glob_noescape) to "[^./]" too. */
			rc = ks_buf_puts(b, start || was_lit_bs ? "[^./]" :
			    "[^/]");
			start = false;
			break;
		case '/':
			rc = ks_buf_putc(b, '/');
			start = true;
			break;
		case '\\':
			start = false;
			if (noescape || p[1] == '\0') {
				rc = ks_buf_puts(b, "\\\\");
				after_lit_bs = true;
				break;
			}
			p++;
			if (strchr(RE_META, *p) != NULL || *p == '/')
				rc = ks_buf_putc(b, '\\');
			if (rc == 0)
				rc = ks_buf_putc(b, *p);
			break;
		case '[': {
			const char *q = p + 1;

			/* Find the closing bracket: a ']' right after '['
			 * or '[!' is literal; "[:class:]" is skipped whole;
			 * a backslash escapes (unless noescape). */
			if (*q == '!' || *q == '^')
				q++;
			if (*q == ']')
				q++;
			while (*q != '\0' && *q != ']') {
				if (q[0] == '[' && q[1] == ':') {
					const char *e = strstr(q + 2, ":]");

					if (e == NULL)
						break;
					q = e + 2;
					continue;
				}
				if (*q == '\\' && !noescape && q[1] != '\0')
					q++;
				q++;
			}
			if (*q != ']') {
				ks_error_set("glob '%s': unterminated '['", g);
				return KS_EPARSE;
			}
			rc = ks_buf_putc(b, '[');
			p++;
			if (rc == 0 && (*p == '!' || *p == '^')) {
				rc = ks_buf_putc(b, '^');
				p++;
			}
			for (; rc == 0 && p < q; p++) {
				if (*p == '\\' && noescape)
					rc = ks_buf_puts(b, "\\\\");
				else if (*p == '\\') {
					rc = ks_buf_putc(b, '\\');
					if (rc == 0)
						rc = ks_buf_putc(b, *++p);
				} else
					rc = ks_buf_putc(b, *p);
			}
			if (rc == 0)
				rc = ks_buf_putc(b, ']');
			p = q;
			start = false;
			break;
		}
		default:
			if (strchr(RE_META, *p) != NULL)
				rc = ks_buf_putc(b, '\\');
			if (rc == 0)
				rc = ks_buf_putc(b, *p);
			start = false;
			break;
		}
		if (rc < 0)
			return rc;
	}
	return ks_buf_putc(b, '$');
}

/* The number of characters of a string (UTF-8 code points when valid). */
static size_t
u8_len(const char *v, size_t n, bool utf8)
{
	size_t c = 0;

	if (!utf8)
		return n;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)v[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Byte offset of character `ch`. */
static size_t
u8_off(const char *v, size_t n, bool utf8, size_t ch)
{
	size_t c = 0, i;

	if (!utf8)
		return ch < n ? ch : n;
	for (i = 0; i < n; i++) {
		if (((unsigned char)v[i] & 0xC0) != 0x80) {
			if (c == ch)
				return i;
			c++;
		}
	}
	return n;
}

/* Applies a one-string function to every value of its component. */
static void
map_values(struct oval_session *s, const struct oval_component *c,
    const struct oval_values *in, struct oval_values *out)
{
	struct vlist l = { 0 };
	struct ks_buf b;
	const struct ks_regex *re = NULL;
	int rc = 0;

	ks_buf_init(&b, VAR_MAX_LEN);
	if (c->kind == OVAL_COMP_REGEX_CAPTURE &&
	    ks_regex_cache_get(s->re, c->pattern != NULL ? c->pattern : "", 0,
	    &re) < 0) {
		vals_error(s, out, "regex_capture: %s", ks_error_msg());
		goto out;
	}
	if (c->kind == OVAL_COMP_SPLIT &&
	    (c->delimiter == NULL || c->delimiter[0] == '\0')) {
		vals_error(s, out, "split: the delimiter is empty");
		goto out;
	}
	for (uint32_t i = 0; i < in->n && rc == 0; i++) {
		const char *v = in->v[i];
		size_t vl = strlen(v);

		ks_buf_reset(&b);
		switch (c->kind) {
		case OVAL_COMP_BEGIN: {
			const char *ch = c->character != NULL ?
			    c->character : "";

			if (strncmp(v, ch, strlen(ch)) == 0) {
				rc = vl_add(&l, v);
				break;
			}
			if ((rc = ks_buf_puts(&b, ch)) == 0 &&
			    (rc = ks_buf_puts(&b, v)) == 0)
				rc = vl_add(&l, oval_intern(s, b.data));
			break;
		}
		case OVAL_COMP_END: {
			const char *ch = c->character != NULL ?
			    c->character : "";
			size_t cl = strlen(ch);

			if (vl >= cl && strcmp(v + vl - cl, ch) == 0) {
				rc = vl_add(&l, v);
				break;
			}
			if ((rc = ks_buf_puts(&b, v)) == 0 &&
			    (rc = ks_buf_puts(&b, ch)) == 0)
				rc = vl_add(&l, oval_intern(s, b.data));
			break;
		}
		case OVAL_COMP_ESCAPE_REGEX:
			/* "The set of Perl metacharacters which must be
			 * escaped by this function is ... '^$\.[](){}*+?|'" */
			rc = ks_buf_puts(&b, "");
			for (const char *p = v; *p != '\0' && rc == 0; p++) {
				if (strchr(RE_META, *p) != NULL)
					rc = ks_buf_putc(&b, '\\');
				if (rc == 0)
					rc = ks_buf_putc(&b, *p);
			}
			if (rc == 0)
				rc = vl_add(&l, oval_intern(s, b.data));
			break;
		case OVAL_COMP_GLOB_TO_REGEX:
			rc = glob_to_regex(v, c->glob_noescape, &b);
			if (rc == 0)
				rc = vl_add(&l, oval_intern(s, b.data));
			else {
				vals_error(s, out, "glob_to_regex: %s",
				    ks_error_msg());
				goto out;
			}
			break;
		case OVAL_COMP_REGEX_CAPTURE: {
			/* "If there are no capturing sub-patterns, the result
			 * for each target string must be the empty string ...
			 * If no matches are found in a target string, the
			 * result for that target must be the empty string." */
			size_t ov[4], ng = 2;
			int m = ks_regex_exec(re, v, vl, 0, ov, &ng);

			if (m < 0) {
				vals_error(s, out, "regex_capture: %s",
				    ks_error_msg());
				goto out;
			}
			if (m == 1 && ng >= 2 && ov[2] != SIZE_MAX)
				rc = vl_add(&l, ks_strpool_intern(s->pool,
				    v + ov[2], ov[3] - ov[2]));
			else
				rc = vl_add(&l, oval_intern(s, ""));
			break;
		}
		case OVAL_COMP_SPLIT: {
			/* Empty fields are kept: "-a-a-" gives "", "a", "a",
			 * "" (SplitFunctionType). */
			const char *p = v, *q;
			size_t dl = strlen(c->delimiter);

			while (rc == 0 &&
			    (q = strstr(p, c->delimiter)) != NULL) {
				rc = vl_add(&l, ks_strpool_intern(s->pool, p,
				    (size_t)(q - p)));
				p = q + dl;
			}
			if (rc == 0)
				rc = vl_add(&l, oval_intern(s, p));
			break;
		}
		case OVAL_COMP_SUBSTRING: {
			/* "A value less than 1 also means that the start
			 * position would be 1. If the substring_start
			 * attribute has value greater than the length of the
			 * original string an error should be reported ... A
			 * substring_length value greater than the actual
			 * length of the string, or a negative value, means to
			 * include all of the characters after the starting
			 * character." */
			bool u8 = ks_utf8_valid(v, vl);
			size_t len = u8_len(v, vl, u8), from, to;
			int64_t st = c->substring_start < 1 ? 1 :
			    c->substring_start;

			if ((uint64_t)st > len) {
				vals_error(s, out, "substring: start %" PRId64
				    " is beyond the end of '%s' (%zu "
				    "characters)", c->substring_start, v, len);
				goto out;
			}
			from = u8_off(v, vl, u8, (size_t)st - 1);
			if (c->substring_length < 0 ||
			    (uint64_t)c->substring_length >= len)
				to = vl;
			else
				to = u8_off(v, vl, u8, (size_t)st - 1 +
				    (size_t)c->substring_length);
			rc = vl_add(&l, ks_strpool_intern(s->pool, v + from,
			    to - from));
			break;
		}
		default:
			break;
		}
	}
	if (rc < 0) {
		vals_error(s, out, "%s", ks_error_msg());
		goto out;
	}
	out->dt = OVAL_DT_STRING;
	vals_take(out, &l);
out:
	free(l.v);
	ks_buf_free(&b);
}

/* Evaluates one component into out (out->v malloc'd, strings interned). */
static void
comp_eval(struct oval_session *s, uint32_t var, const struct oval_component *c,
    struct oval_values *out)
{
	struct oval_values *args = NULL;
	enum oval_flag f;

	memset(out, 0, sizeof(*out));
	out->dt = OVAL_DT_STRING;
	out->flag = OVAL_FLAG_COMPLETE;
	switch (c->kind) {
	case OVAL_COMP_LITERAL:
		comp_literal(s, c, out);
		return;
	case OVAL_COMP_VARIABLE:
		comp_variable(s, c, out);
		return;
	case OVAL_COMP_OBJECT:
		comp_object(s, c, out);
		return;
	default:
		break;
	}
	if (c->nargs == 0) {
		vals_error(s, out, "function without a component");
		return;
	}
	args = ks_calloc(c->nargs, sizeof(*args));
	f = args_eval(s, var, c, args, out);
	if (f == OVAL_FLAG_ERROR) {
		if (out->msg == NULL)
			out->msg = oval_intern(s, "error in a component");
		goto out;
	}
	switch (c->kind) {
	case OVAL_COMP_ARITHMETIC:
		out->dt = OVAL_DT_INT;
		product(s, c, args, tuple_arith, out);
		break;
	case OVAL_COMP_CONCAT:
		product(s, c, args, tuple_concat, out);
		break;
	case OVAL_COMP_TIME_DIFFERENCE:
		if (c->nargs > 2) {
			vals_error(s, out, "time_difference takes one or two "
			    "components, not %" PRIu32, c->nargs);
			break;
		}
		out->dt = OVAL_DT_INT;
		product(s, c, args, tuple_timediff, out);
		break;
	case OVAL_COMP_COUNT: {
		/* CountFunctionType: the number of values of all
		 * components. A component that does not exist counts 0 (so
		 * "how many files match" can be 0); not collected, not
		 * applicable and incomplete components make the count
		 * uncertain and keep their flag. */
		uint64_t n = 0;
		struct vlist l = { 0 };

		out->flag = OVAL_FLAG_COMPLETE;
		for (uint32_t i = 0; i < c->nargs; i++) {
			n += args[i].n;
			if (args[i].flag != OVAL_FLAG_DOES_NOT_EXIST)
				out->flag = flag_product(out->flag,
				    args[i].flag);
		}
		out->dt = OVAL_DT_INT;
		(void)vl_add(&l, fmt_i64(s, (int64_t)n));
		vals_take(out, &l);
		break;
	}
	case OVAL_COMP_UNIQUE: {
		/* UniqueFunctionType: duplicates removed, first occurrence
		 * kept, values treated as strings. Like a union, a component
		 * that does not exist adds nothing when another has values. */
		struct vlist l = { 0 };
		struct ks_map *seen = NULL;
		bool any = false;

		(void)ks_map_new(&seen);
		out->flag = OVAL_FLAG_COMPLETE;
		for (uint32_t i = 0; i < c->nargs; i++) {
			if (args[i].flag != OVAL_FLAG_DOES_NOT_EXIST)
				out->flag = flag_product(out->flag,
				    args[i].flag);
			else
				continue;
			any = true;
			for (uint32_t j = 0; j < args[i].n; j++) {
				if (ks_map_get(seen, args[i].v[j]) != NULL)
					continue;
				(void)ks_map_put(seen, args[i].v[j],
				    (void *)1);
				(void)vl_add(&l, args[i].v[j]);
			}
		}
		if (!any)
			out->flag = OVAL_FLAG_DOES_NOT_EXIST;
		ks_map_free(seen);
		out->dt = OVAL_DT_STRING;
		vals_take(out, &l);
		break;
	}
	case OVAL_COMP_BEGIN:
	case OVAL_COMP_END:
	case OVAL_COMP_ESCAPE_REGEX:
	case OVAL_COMP_GLOB_TO_REGEX:
	case OVAL_COMP_REGEX_CAPTURE:
	case OVAL_COMP_SPLIT:
	case OVAL_COMP_SUBSTRING:
		if (c->nargs != 1) {
			vals_error(s, out, "this function takes one "
			    "component, not %" PRIu32, c->nargs);
			break;
		}
		map_values(s, c, &args[0], out);
		break;
	default:
		vals_error(s, out, "unknown component kind %d", (int)c->kind);
		break;
	}
	if (out->flag == OVAL_FLAG_COMPLETE)
		out->msg = NULL;
out:
	args_free(args, c->nargs);
}

/* ---- variables ----------------------------------------------------------- */
/* Every value must be of the variable's datatype (VariableType: "The set
 * of values identified by a variable must comply with the specified
 * datatype, otherwise an error should be reported."). */
static void
check_datatype(struct oval_session *s, const struct oval_variable *var,
    struct oval_values *out)
{
	if (out->flag == OVAL_FLAG_ERROR)
		return;
	for (uint32_t i = 0; i < out->n; i++)
		if (oval_value_check(var->dt, out->v[i]) < 0) {
			vals_error(s, out, "variable %s: '%s' is not a valid "
			    "%s: %s", var->id, out->v[i],
			    oval_datatype_name(var->dt), ks_error_msg());
			return;
		}
}

/* external_variable: "the value assigned by an external source must match
 * one of the possible_value or possible_restriction elements specified." */
static bool
possible_ok(struct oval_session *s, const struct oval_variable *var,
    const char *v)
{
	if (var->npossibles == 0)
		return true;
	for (uint32_t i = 0; i < var->npossibles; i++) {
		const struct oval_possible *p = &var->possibles[i];
		enum oval_result r;

		if (!p->is_restriction) {
			if (oval_compare(var->dt, OVAL_OP_EQUALS, v,
			    p->value != NULL ? p->value : "", s->re, &r) == 0 &&
			    r == OVAL_R_TRUE)
				return true;
			continue;
		}
		{
			struct oval_rcount rc = { { 0 } };

			for (uint32_t j = 0; j < p->nrestrictions; j++) {
				const struct oval_restriction *x =
				    &p->restrictions[j];

				if (oval_compare(var->dt, x->op, v,
				    x->value != NULL ? x->value : "", s->re,
				    &r) < 0)
					r = OVAL_R_ERROR;
				rc.c[r]++;
			}
			if (p->nrestrictions > 0 &&
			    oval_operator_apply(p->operator, &rc) ==
			    OVAL_R_TRUE)
				return true;
		}
	}
	return false;
}

static void
var_external(struct oval_session *s, const struct oval_variable *var,
    struct oval_values *out)
{
	const struct oval_values *ev = s->ext_vars != NULL ?
	    ks_map_get(s->ext_vars, var->id) : NULL;
	struct vlist l = { 0 };

	if (ev == NULL) {
		vals_error(s, out, "external variable %s has no value (use "
		    "--variables)", var->id);
		return;
	}
	for (uint32_t i = 0; i < ev->n; i++) {
		if (!possible_ok(s, var, ev->v[i])) {
			free(l.v);
			vals_error(s, out, "external variable %s: value "
			    "'%s' is not one of its possible values", var->id,
			    ev->v[i]);
			return;
		}
		if (vl_add(&l, oval_intern(s, ev->v[i])) < 0) {
			free(l.v);
			vals_error(s, out, "external variable %s: %s", var->id,
			    ks_error_msg());
			return;
		}
	}
	out->flag = ev->flag == OVAL_FLAG_ERROR ? OVAL_FLAG_ERROR :
	    OVAL_FLAG_COMPLETE;
	vals_take(out, &l);
}

/* A stable place for the values returned to a caller caught in a cycle:
 * the variable itself is still being evaluated further up. */
static _Thread_local struct oval_values cycle_vals[8];
static _Thread_local unsigned cycle_next;

const struct oval_values *
oval_var_eval(struct oval_session *s, uint32_t idx)
{
	static const struct oval_values bad = {
		.dt = OVAL_DT_STRING, .flag = OVAL_FLAG_ERROR,
		.msg = "reference to a missing variable",
	};
	const struct oval_variable *var;
	struct oval_values *out;

	if (idx >= s->defs->nvars)
		return &bad;
	out = &s->var_vals[idx];
	if (s->var_state[idx] == 2)
		return out;
	if (s->var_state[idx] == 1) {
		struct oval_values *cv = &cycle_vals[cycle_next++ % 8];
		char *chain = oval_eval_chain(s, OVAL_EK_VAR, idx);

		memset(cv, 0, sizeof(*cv));
		cv->dt = s->defs->vars[idx].dt;
		cv->flag = OVAL_FLAG_ERROR;
		{
			char *m = ks_asprintf("variable %s refers to "
			    "itself: %s", s->defs->vars[idx].id, chain);

			cv->msg = oval_intern(s, m);
			free(m);
		}
		free(chain);
		return cv;
	}
	var = &s->defs->vars[idx];
	memset(out, 0, sizeof(*out));
	out->dt = var->dt;
	out->flag = OVAL_FLAG_COMPLETE;
	if (oval_eval_push(s, OVAL_EK_VAR, idx) < 0) {
		vals_error(s, out, "%s", ks_error_msg());
		s->var_state[idx] = 2;
		return out;
	}
	s->var_state[idx] = 1;
	switch (var->kind) {
	case OVAL_VAR_CONSTANT: {
		struct vlist l = { 0 };

		for (uint32_t i = 0; i < var->nvalues; i++)
			(void)vl_add(&l, oval_intern(s, var->values[i] != NULL ?
			    var->values[i] : ""));
		vals_take(out, &l);
		break;
	}
	case OVAL_VAR_EXTERNAL:
		var_external(s, var, out);
		break;
	case OVAL_VAR_LOCAL:
		if (var->comp == NULL) {
			vals_error(s, out, "local variable %s has no component",
			    var->id);
			break;
		}
		comp_eval(s, idx, var->comp, out);
		if (out->flag == OVAL_FLAG_ERROR && out->msg == NULL)
			out->msg = oval_intern(s, "error");
		break;
	}
	out->dt = var->dt;
	check_datatype(s, var, out);
	oval_eval_pop();
	s->var_state[idx] = 2;
	return out;
}

/* ---- entity matching ----------------------------------------------------- */
/* Compares `actual` with every value of the entity (its var_ref's values,
 * combined by var_check, or its own value). */
static enum oval_result
ent_compare(struct oval_session *s, const struct oval_entity *e,
    enum oval_datatype dt, const char *actual, bool state)
{
	enum oval_result r;

	if (e->var != OVAL_NONE) {
		const struct oval_values *vals = oval_var_eval(s, e->var);
		struct oval_rcount rc = { { 0 } };

		if (vals->flag == OVAL_FLAG_ERROR) {
			ks_error_set("variable %s: %s",
			    oval_eval_id(s, OVAL_EK_VAR, e->var),
			    vals->msg != NULL ? vals->msg : "error");
			return OVAL_R_ERROR;
		}
		if (vals->n == 0) {
			/* EntityAttributeGroup var_check: "If a variable does
			 * not have any value when referenced by an OVAL State
			 * an error should be reported"; for an object, it
			 * "should be considered to not exist": nothing
			 * matches. */
			if (!state)
				return OVAL_R_FALSE;
			ks_error_set("variable %s has no value",
			    oval_eval_id(s, OVAL_EK_VAR, e->var));
			return OVAL_R_ERROR;
		}
		for (uint32_t i = 0; i < vals->n; i++) {
			if (oval_compare(dt, e->op, actual, vals->v[i], s->re,
			    &r) < 0)
				r = OVAL_R_ERROR;
			rc.c[r]++;
		}
		return oval_check_apply(e->var_check, &rc);
	}
	if (oval_compare(dt, e->op, actual, e->value != NULL ? e->value : "",
	    s->re, &r) < 0)
		return OVAL_R_ERROR;
	return r;
}

int
oval_entity_match(struct oval_session *s, const struct oval_entity *e,
    const char *candidate, enum oval_result *res)
{
	/* xsi:nil on an object entity: the entity places no constraint (the
	 * probes give the special meanings, e.g. a nil filename). */
	if (e->nil) {
		*res = OVAL_R_TRUE;
		return 0;
	}
	if (candidate == NULL) {
		*res = OVAL_R_FALSE;
		return 0;
	}
	*res = ent_compare(s, e, e->dt, candidate, false);
	return 0;
}

/* One simple (non-record) state entity against one item entity. */
static enum oval_result
state_simple(struct oval_session *s, const struct oval_entity *se,
    const struct oval_item_ent *ie)
{
	switch (ie->status) {
	case OVAL_ST_EXISTS:
		break;
	case OVAL_ST_ERROR:
		ks_error_set("item entity %s has status error", ie->name);
		return OVAL_R_ERROR;
	case OVAL_ST_NOT_COLLECTED:
		return OVAL_R_UNKNOWN;
	case OVAL_ST_DOES_NOT_EXIST:
		return OVAL_R_FALSE;
	}
	/* The state's datatype governs the comparison: the item's value is
	 * cast to it (EntityAttributeGroup datatype: "the datatype attribute
	 * specifies how the data should be cast before performing the
	 * operation"). */
	return ent_compare(s, se, se->dt, ie->value != NULL ? ie->value : "",
	    true);
}

int
oval_state_ent_match(struct oval_session *s, const struct oval_entity *se,
    const struct oval_item_ent *ie, enum oval_result *res)
{
	struct oval_rcount all = { { 0 } };

	if (se->dt != OVAL_DT_RECORD && se->nfields == 0) {
		*res = state_simple(s, se, ie);
		return 0;
	}
	if (ie->status != OVAL_ST_EXISTS) {
		*res = state_simple(s, se, ie);
		return 0;
	}
	/*
	 * EntityStateRecordType: "each field is analyzed and then the overall
	 * result ... is computed by logically anding the results for each
	 * field"; a field's entity_check combines same-named item fields;
	 * "an error should be reported for the result of a field that is
	 * present in the OVAL State, but not found in the system
	 * characteristics Item".
	 */
	for (uint32_t i = 0; i < se->nfields; i++) {
		const struct oval_entity *sf = &se->fields[i];
		struct oval_rcount rc = { { 0 } };
		uint32_t found = 0;
		enum oval_result r;

		for (uint32_t j = 0; j < ie->nfields; j++) {
			if (strcmp(ie->fields[j].name, sf->name) != 0)
				continue;
			found++;
			rc.c[state_simple(s, sf, &ie->fields[j])]++;
		}
		if (found == 0) {
			ks_error_set("record %s: no field '%s' in the item",
			    se->name, sf->name);
			r = OVAL_R_ERROR;
		} else
			r = oval_check_apply(sf->entity_check, &rc);
		all.c[r]++;
	}
	*res = oval_operator_apply(OVAL_OPR_AND, &all);
	return 0;
}
