/*
 * unix xinetd_object: the services of the target's xinetd configuration
 * (/etc/xinetd.conf, its "defaults" section, and the files its include and
 * includedir directives name), one item per service, read through the
 * target's file system. Not inetd.conf (inetd_object) and not whether
 * xinetd runs.
 */
#include "oval/probe_unixfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XI_FILE_MAX	(1u << 20)	/* one configuration file */
#define XI_MAX_FILES	1024u		/* files read per scan */
#define XI_MAX_INCLUDE	8		/* include nesting */
#define XI_MAX_SERVICES	4096u

/* One "name op values" line of a section. */
struct xattr_line {
	char	*name;
	char	 op;		/* '=', '+' (+=) or '-' (-=) */
	char	*value;
};
struct xsect {
	char			*name;		/* service; NULL: defaults */
	struct xattr_line	*a;
	size_t			 n, cap;
};
struct xconf {
	struct xsect	*sv;
	size_t		 nsv, capsv;
	struct xsect	 defaults;
	uint32_t	 nfiles;
	bool		 cut;		/* a cap was hit */
	char		*warn;		/* first problem, for the object */
};

static void
sect_clear(struct xsect *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->a[i].name);
		free(x->a[i].value);
	}
	free(x->a);
	free(x->name);
	memset(x, 0, sizeof(*x));
}

static void
conf_free(struct xconf *cf)
{
	for (size_t i = 0; i < cf->nsv; i++)
		sect_clear(&cf->sv[i]);
	free(cf->sv);
	sect_clear(&cf->defaults);
	free(cf->warn);
}

static void
conf_warn(struct xconf *cf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
conf_warn(struct xconf *cf, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (cf->warn != NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) >= 0)
		cf->warn = m;
	va_end(ap);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int parse_file(struct oval_session *s, struct xconf *cf,
    const char *path, int depth);

/* includedir: every file of dir whose name has no '.' and does not end
 * in '~' (xinetd.conf(5)), in name order. */
struct dirnames {
	char	**v;
	size_t	  n, cap;
};

static int
dir_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct dirnames *d = payload;
	size_t len = strlen(name);

	if (strchr(name, '.') != NULL || (len > 0 && name[len - 1] == '~'))
		return 0;
	if (type != PLAT_FT_REG && type != PLAT_FT_LNK)
		return 0;
	ks_grow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = ks_strdup(name);
	return 0;
}

static void
include_dir(struct oval_session *s, struct xconf *cf, const char *dir,
    int depth)
{
	struct dirnames d = { 0 };

	ks_error_clear();
	if (plat_fs_list(s->target, dir, dir_cb, &d) < 0) {
		conf_warn(cf, "includedir %s: %s", dir, ks_error_msg());
		ks_error_clear();
	}
	for (size_t i = 0; i < d.n; i++) {
		char *p = probe_path_join(dir, d.v[i]);

		(void)parse_file(s, cf, p, depth + 1);
		free(p);
		free(d.v[i]);
	}
	free(d.v);
}

/* Parses one file into cf. Returns 0, or KS_ENOTFOUND for a missing
 * file (the caller decides what that means). */
static int
parse_file(struct oval_session *s, struct xconf *cf, const char *path,
    int depth)
{
	char *data = NULL, *line, *save = NULL;
	struct xsect *cur = NULL;
	bool want_brace = false;
	size_t len;
	uint32_t lineno = 0;
	int rc;

	if (depth > XI_MAX_INCLUDE || cf->nfiles >= XI_MAX_FILES) {
		cf->cut = true;
		conf_warn(cf, "%s: too many or too deeply nested includes",
		    path);
		return 0;
	}
	cf->nfiles++;
	ks_error_clear();
	rc = plat_fs_read_file(s->target, path, XI_FILE_MAX, &data, &len);
	if (rc < 0) {
		if (rc != KS_ENOTFOUND) {
			cf->cut = true;
			conf_warn(cf, "%s", ks_error_msg());
		}
		ks_error_clear();
		return rc == KS_ENOTFOUND ? rc : 0;
	}
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(line, '#'), *l, *eq;

		lineno++;
		if (hash != NULL)
			*hash = '\0';
		l = trim(line);
		if (*l == '\0')
			continue;
		if (cur == NULL || want_brace) {
			if (strcmp(l, "{") == 0 && want_brace) {
				want_brace = false;
				continue;
			}
			if (want_brace) {
				conf_warn(cf, "%s:%u: '{' expected", path,
				    lineno);
				want_brace = false;
				cur = NULL;
			}
			if (strncmp(l, "includedir", 10) == 0 &&
			    (l[10] == ' ' || l[10] == '\t')) {
				include_dir(s, cf, trim(l + 10), depth);
				continue;
			}
			if (strncmp(l, "include", 7) == 0 &&
			    (l[7] == ' ' || l[7] == '\t')) {
				(void)parse_file(s, cf, trim(l + 7),
				    depth + 1);
				continue;
			}
			if (strncmp(l, "defaults", 8) == 0) {
				cur = &cf->defaults;
				l = trim(l + 8);
			} else if (strncmp(l, "service", 7) == 0 &&
			    (l[7] == ' ' || l[7] == '\t')) {
				char *name = trim(l + 7), *end;

				end = name + strcspn(name, " \t{");
				if (cf->nsv >= XI_MAX_SERVICES) {
					cf->cut = true;
					conf_warn(cf, "more than %u services",
					    XI_MAX_SERVICES);
					break;
				}
				ks_grow(&cf->sv, &cf->capsv, cf->nsv + 1,
				    sizeof(*cf->sv));
				cur = &cf->sv[cf->nsv++];
				memset(cur, 0, sizeof(*cur));
				cur->name = ks_strndup(name,
				    (size_t)(end - name));
				l = trim(end);
			} else {
				conf_warn(cf, "%s:%u: unexpected '%s'", path,
				    lineno, l);
				continue;
			}
			if (strcmp(l, "{") == 0)
				continue;
			want_brace = true;
			continue;
		}
		if (strcmp(l, "}") == 0) {
			cur = NULL;
			continue;
		}
		eq = strchr(l, '=');
		if (eq == NULL) {
			conf_warn(cf, "%s:%u: attribute without '='", path,
			    lineno);
			continue;
		}
		ks_grow(&cur->a, &cur->cap, cur->n + 1, sizeof(*cur->a));
		cur->a[cur->n].op = '=';
		if (eq > l && (eq[-1] == '+' || eq[-1] == '-')) {
			cur->a[cur->n].op = eq[-1];
			eq[-1] = '\0';
		}
		*eq = '\0';
		cur->a[cur->n].name = ks_strdup(trim(l));
		cur->a[cur->n].value = ks_strdup(trim(eq + 1));
		cur->n++;
	}
	if (cur != NULL)
		conf_warn(cf, "%s: section not closed", path);
	free(data);
	return 0;
}

/* The words of a list attribute after applying =, += and -= in order,
 * starting from the defaults' words when `inherit`. */
struct words {
	char	**v;
	size_t	  n, cap;
};

static void
words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

static void
words_apply(struct words *w, char op, const char *value)
{
	char *copy = ks_strdup(value), *tok, *sp = NULL;

	if (op == '=')
		words_free(w);
	for (tok = strtok_r(copy, " \t", &sp); tok != NULL;
	    tok = strtok_r(NULL, " \t", &sp)) {
		if (op == '-') {
			for (size_t i = 0; i < w->n; i++)
				if (strcmp(w->v[i], tok) == 0) {
					free(w->v[i]);
					w->v[i] = w->v[--w->n];
					break;
				}
			continue;
		}
		ks_grow(&w->v, &w->cap, w->n + 1, sizeof(*w->v));
		w->v[w->n++] = ks_strdup(tok);
	}
	free(copy);
}

static void
words_of(const struct xsect *x, const char *name, struct words *w)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->a[i].name, name) == 0)
			words_apply(w, x->a[i].op, x->a[i].value);
}

/* The last "name = value" of a section, or NULL. */
static const char *
scalar(const struct xsect *x, const char *name)
{
	const char *v = NULL;

	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->a[i].name, name) == 0)
			v = x->a[i].value;
	return v;
}

static bool
in_words(const struct xsect *x, const char *attr, const char *word)
{
	struct words w = { 0 };
	bool found = false;

	words_of(x, attr, &w);
	for (size_t i = 0; i < w.n && !found; i++)
		found = strcmp(w.v[i], word) == 0;
	words_free(&w);
	return found;
}

static bool
has_attr(const struct xsect *x, const char *attr)
{
	return scalar(x, attr) != NULL;
}

/* Adds a list attribute: the service's own, or the defaults' when the
 * service has none (xinetd.conf(5): defaults are inherited, += adds). */
static void
add_list(struct oval_session *s, struct oval_item *it, const char *ent,
    const struct xsect *def, const struct xsect *sv, const char *attr,
    enum oval_datatype dt)
{
	struct words w = { 0 };
	bool own_assign = false;

	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->a[i].name, attr) == 0 && sv->a[i].op == '=')
			own_assign = true;
	if (!own_assign && def != NULL)
		words_of(def, attr, &w);
	words_of(sv, attr, &w);
	for (size_t i = 0; i < w.n; i++)
		probe_item_add(s, it, ent, w.v[i], dt);
	words_free(&w);
}

static void
add_scalar(struct oval_session *s, struct oval_item *it, const char *ent,
    const char *v, enum oval_datatype dt)
{
	if (v != NULL)
		probe_item_add(s, it, ent, v, dt);
	else
		probe_item_add_status(s, it, ent, dt, OVAL_ST_DOES_NOT_EXIST);
}

/* The protocol of a service: its own attribute, else what its socket
 * type implies (stream: tcp, dgram: udp), else NULL. */
static const char *
service_protocol(const struct xsect *sv)
{
	const char *p = scalar(sv, "protocol"), *st;

	if (p != NULL)
		return p;
	st = scalar(sv, "socket_type");
	if (st != NULL && strcmp(st, "stream") == 0)
		return "tcp";
	if (st != NULL && strcmp(st, "dgram") == 0)
		return "udp";
	return NULL;
}

static const char *
yes_no(const char *v)
{
	if (v == NULL)
		return NULL;
	if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
		return "true";
	if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
		return "false";
	return v;
}

static void
service_item(struct oval_session *s, struct oval_collected *c,
    const struct xconf *cf, const struct xsect *sv, const char *proto)
{
	const struct xsect *def = &cf->defaults;
	struct oval_item it;
	const char *dis;
	bool disabled;

	/* unix-system-characteristics xinetd_item, in schema order. */
	probe_item_init(&it, "unix", "xinetd_item");
	add_scalar(s, &it, "protocol", proto, OVAL_DT_STRING);
	probe_item_add(s, &it, "service_name", sv->name, OVAL_DT_STRING);
	add_list(s, &it, "flags", def, sv, "flags", OVAL_DT_STRING);
	add_list(s, &it, "no_access", def, sv, "no_access", OVAL_DT_STRING);
	add_list(s, &it, "only_from", def, sv, "only_from",
	    OVAL_DT_STRING);
	add_scalar(s, &it, "port", scalar(sv, "port"), OVAL_DT_INT);
	add_scalar(s, &it, "server", scalar(sv, "server"), OVAL_DT_STRING);
	add_scalar(s, &it, "server_arguments", scalar(sv, "server_args"),
	    OVAL_DT_STRING);
	add_scalar(s, &it, "socket_type", scalar(sv, "socket_type"),
	    OVAL_DT_STRING);
	add_list(s, &it, "type", NULL, sv, "type", OVAL_DT_STRING);
	add_scalar(s, &it, "user", scalar(sv, "user"), OVAL_DT_STRING);
	add_scalar(s, &it, "wait", yes_no(scalar(sv, "wait")),
	    OVAL_DT_BOOLEAN);
	/* Disabled: "disable = yes" in the service, or the service listed
	 * in the defaults' "disabled", or an "enabled" list in the
	 * defaults that does not name it (xinetd.conf(5)). */
	dis = yes_no(scalar(sv, "disable"));
	disabled = dis != NULL && strcmp(dis, "true") == 0;
	if (in_words(def, "disabled", sv->name))
		disabled = true;
	if (has_attr(def, "enabled") && !in_words(def, "enabled", sv->name))
		disabled = true;
	probe_item_add(s, &it, "disabled", disabled ? "true" : "false",
	    OVAL_DT_BOOLEAN);
	probe_item_commit(s, c, &it);
}

int
probe_unixfile_xinetd_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c)
{
	const struct oval_entity *proto = probe_ent(o, "protocol");
	const struct oval_entity *name = probe_ent(o, "service_name");
	struct xconf cf;
	int rc;

	if (proto == NULL || name == NULL) {
		ks_error_set("the protocol and service_name entities are "
		    "required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	memset(&cf, 0, sizeof(cf));
	rc = parse_file(s, &cf, "/etc/xinetd.conf", 0);
	if (rc == KS_ENOTFOUND) {
		/* No xinetd configuration: no service exists. */
		c->flag = OVAL_FLAG_DOES_NOT_EXIST;
		oval_collected_msg(s, c, "info", "%s %s: /etc/xinetd.conf does "
		    "not exist", o->type, o->id);
		ks_error_clear();
		conf_free(&cf);
		return 0;
	}
	if (cf.warn != NULL)
		oval_collected_msg(s, c, "warning", "%s", cf.warn);
	for (size_t i = 0; i < cf.nsv; i++) {
		const char *p = service_protocol(&cf.sv[i]);

		rc = probe_match(s, name, cf.sv[i].name);
		if (rc == 1)
			rc = probe_match(s, proto, p != NULL ? p : "");
		if (rc < 0) {
			probe_fail(s, o, c, NULL);
			conf_free(&cf);
			return 0;
		}
		if (rc == 1)
			service_item(s, c, &cf, &cf.sv[i], p);
	}
	probe_finish_flag(s, o, c, false, cf.cut);
	conf_free(&cf);
	return 0;
}
