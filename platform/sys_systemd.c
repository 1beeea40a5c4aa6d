/*
 * The running systemd manager through its D-Bus interface (sd-bus from
 * libsystemd, opened on first use): unit names and every property of a
 * unit, rendered as strings. Live host only; reading unit files of an
 * offline root is the systemd collector's job, not this file's.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#define SD_FUNCS(F) \
	F(sd_bus_call) \
	F(sd_bus_call_method) \
	F(sd_bus_error_free) \
	F(sd_bus_error_has_name) \
	F(sd_bus_flush_close_unref) \
	F(sd_bus_message_enter_container) \
	F(sd_bus_message_exit_container) \
	F(sd_bus_message_peek_type) \
	F(sd_bus_message_read_basic) \
	F(sd_bus_message_skip) \
	F(sd_bus_message_unref) \
	F(sd_bus_open_system) \
	F(sd_bus_set_method_call_timeout) \

#define SD_SYM(f) KS_DL_SYM(SDB, f)
_Static_assert(sizeof(KS_SONAME_SYSTEMD) > 1,
    "the Makefile found no libsystemd");
static struct { SD_FUNCS(KS_DL_SLOT) } SDB;
static const struct ks_dl_sym sd_syms[] = { SD_FUNCS(SD_SYM) };
static struct ks_dl_lib sd_lib =
    KS_DL_LIB(KS_SONAME_SYSTEMD, "querying systemd over D-Bus", sd_syms);

#define SD_DEST		"org.freedesktop.systemd1"
#define SD_PATH		"/org/freedesktop/systemd1"
#define SD_MANAGER	"org.freedesktop.systemd1.Manager"
#define SD_PROPS	"org.freedesktop.DBus.Properties"
#define SD_MAX_DEPTH	8	/* container nesting rendered */

struct plat_systemd {
	sd_bus	*bus;
	bool	 broken;	/* a timeout or lost connection */
};

/* Sets the message for a failed call and remembers a dead connection, so
 * a hung manager costs one timeout, not one per unit. */
static int
sd_fail(struct plat_systemd *sd, const char *what, int r,
    const sd_bus_error *e)
{
	if (r == -ETIMEDOUT || r == -ECONNRESET || r == -ENOTCONN ||
	    r == -EPIPE || (e != NULL && (SDB.sd_bus_error_has_name(e,
	    "org.freedesktop.DBus.Error.ServiceUnknown") ||
	    SDB.sd_bus_error_has_name(e,
	    "org.freedesktop.DBus.Error.NoReply"))))
		sd->broken = true;
	if (e != NULL && e->name != NULL)
		ks_error_set("systemd D-Bus %s: %s: %s", what, e->name,
		    e->message != NULL ? e->message : "");
	else
		ks_error_set("systemd D-Bus %s: %s", what, strerror(-r));
	return KS_ERROR;
}

static int
sd_alive(struct plat_systemd *sd)
{
	if (!sd->broken)
		return 0;
	ks_error_set("systemd D-Bus: the connection failed earlier in this "
	    "scan");
	return KS_ERROR;
}

int
plat_systemd_open(struct plat_target *t, struct plat_systemd **out)
{
	struct plat_systemd *sd;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r, owned = 0, rc = KS_EUNSUPPORTED;

	*out = NULL;
	if (!plat_target_is_live(t)) {
		ks_error_set("%s: the systemd manager is only queried on the "
		    "live host", plat_target_name(t));
		return KS_EUNSUPPORTED;
	}
	if (ks_dl_load(&sd_lib) != 0)
		return KS_EUNSUPPORTED;
	sd = ks_calloc(1, sizeof(*sd));
	if ((r = SDB.sd_bus_open_system(&sd->bus)) < 0) {
		ks_error_set("the system bus is unreachable: %s",
		    strerror(-r));
		goto out;
	}
	(void)SDB.sd_bus_set_method_call_timeout(sd->bus,
	    (uint64_t)PLAT_SYSTEMD_TIMEOUT_MS * 1000u);
	r = SDB.sd_bus_call_method(sd->bus, "org.freedesktop.DBus",
	    "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
	    &e, &reply, "s", SD_DEST);
	if (r < 0) {
		ks_error_set("the system bus is unreachable: %s",
		    e.message != NULL ? e.message : strerror(-r));
		goto out;
	}
	if ((r = SDB.sd_bus_message_read_basic(reply, 'b', &owned)) < 0) {
		ks_error_set("the system bus gave a malformed NameHasOwner "
		    "reply: %s", strerror(-r));
		goto out;
	}
	if (!owned) {
		ks_error_set("systemd is not running: %s has no owner on the "
		    "system bus", SD_DEST);
		goto out;
	}
	*out = sd;
	sd = NULL;
	rc = 0;
out:
	SDB.sd_bus_error_free(&e);
	SDB.sd_bus_message_unref(reply);
	plat_systemd_free(sd);
	return rc;
}

void
plat_systemd_free(struct plat_systemd *sd)
{
	if (sd == NULL)
		return;
	if (sd->bus != NULL)
		SDB.sd_bus_flush_close_unref(sd->bus);
	free(sd);
}

/* ---- unit names ---------------------------------------------------------- */
/*
 * Reads the array of structs of a ListUnits (a(ssssssouso)) or
 * ListUnitFiles (a(ss)) reply and calls cb with the unit name: the first
 * field, or for unit files the base name of the path in it.
 */
static int
sd_names_read(sd_bus_message *m, const char *sig, bool path, size_t *n,
    int (*cb)(const char *name, void *payload), void *payload)
{
	char fields[32];
	const char *s;
	int r;

	/* The struct's contents: sig without its parentheses. */
	snprintf(fields, sizeof(fields), "%.*s", (int)strlen(sig) - 2,
	    sig + 1);
	if ((r = SDB.sd_bus_message_enter_container(m, 'a', sig)) < 0)
		goto bad;
	while ((r = SDB.sd_bus_message_enter_container(m, 'r', fields)) >
	    0) {
		int cr;

		if ((r = SDB.sd_bus_message_read_basic(m, 's', &s)) < 0)
			goto bad;
		if (path && strrchr(s, '/') != NULL)
			s = strrchr(s, '/') + 1;
		if (*n >= PLAT_SYSTEMD_MAX_UNITS) {
			ks_error_set("systemd lists more than %u units",
			    PLAT_SYSTEMD_MAX_UNITS);
			return KS_ELIMIT;
		}
		(*n)++;
		if ((cr = cb(s, payload)) != 0)
			return cr;
		/* The rest of the struct, then leave it. */
		while ((r = SDB.sd_bus_message_peek_type(m, NULL, NULL)) > 0)
			if ((r = SDB.sd_bus_message_skip(m, NULL)) < 0)
				goto bad;
		if (r < 0 ||
		    (r = SDB.sd_bus_message_exit_container(m)) < 0)
			goto bad;
	}
	if (r < 0 || (r = SDB.sd_bus_message_exit_container(m)) < 0)
		goto bad;
	return 0;
bad:
	ks_error_set("systemd D-Bus: malformed unit list (%s): %s", sig,
	    strerror(-r));
	return KS_ERROR;
}

int
plat_systemd_units_foreach(struct plat_systemd *sd,
    int (*cb)(const char *name, void *payload), void *payload)
{
	static const struct {
		const char	*method, *sig;
		bool		 path;
	} calls[] = {
		{ "ListUnits", "(ssssssouso)", false },
		{ "ListUnitFiles", "(ss)", true },
	};
	size_t n = 0;
	int rc = 0;

	if ((rc = sd_alive(sd)) != 0)
		return rc;
	for (size_t i = 0; i < sizeof(calls) / sizeof(*calls) && rc == 0;
	    i++) {
		sd_bus_error e = SD_BUS_ERROR_NULL;
		sd_bus_message *reply = NULL;
		int r = SDB.sd_bus_call_method(sd->bus, SD_DEST, SD_PATH,
		    SD_MANAGER, calls[i].method, &e, &reply, "");

		if (r < 0)
			rc = sd_fail(sd, calls[i].method, r, &e);
		else
			rc = sd_names_read(reply, calls[i].sig, calls[i].path,
			    &n, cb, payload);
		SDB.sd_bus_error_free(&e);
		SDB.sd_bus_message_unref(reply);
	}
	return rc;
}

/* ---- rendering values ---------------------------------------------------- */
/* A value being rendered: past the cap, text is no longer kept but the
 * message is still read to the end of the value, so reading can go on. */
struct sd_out {
	struct ks_buf	b;
	bool		over;
};

static void
sd_puts(struct sd_out *o, const char *s)
{
	if (!o->over && ks_buf_puts(&o->b, s) != 0) {
		o->over = true;
		ks_error_clear();
	}
}

/* Appends one basic value of type `type` as text. */
static int
sd_render_basic(sd_bus_message *m, char type, struct sd_out *o)
{
	union {
		uint8_t y; int b; int16_t n; uint16_t q; int32_t i;
		uint32_t u; int64_t x; uint64_t t; double d; const char *s;
	} v;
	char num[64];
	int r;

	if ((r = SDB.sd_bus_message_read_basic(m, type, &v)) < 0)
		return r;
	switch (type) {
	case 'y': snprintf(num, sizeof(num), "%u", (unsigned)v.y); break;
	case 'b': snprintf(num, sizeof(num), "%s", v.b ? "true" : "false");
		break;
	case 'n': snprintf(num, sizeof(num), "%d", (int)v.n); break;
	case 'q': snprintf(num, sizeof(num), "%u", (unsigned)v.q); break;
	case 'i': case 'h': snprintf(num, sizeof(num), "%d", (int)v.i);
		break;
	case 'u': snprintf(num, sizeof(num), "%u", (unsigned)v.u); break;
	case 'x': snprintf(num, sizeof(num), "%lld", (long long)v.x); break;
	case 't': snprintf(num, sizeof(num), "%llu",
		    (unsigned long long)v.t); break;
	case 'd': snprintf(num, sizeof(num), "%g", v.d); break;
	case 's': case 'o': case 'g': sd_puts(o, v.s); return 0;
	default: return -EBADMSG;
	}
	/* 64 bytes hold any of these numbers: no truncation to check. */
	sd_puts(o, num);
	return 0;
}

/*
 * Appends the value at the read position: a basic value, or a container
 * rendered as platform.h describes ("(a, b)", "[a, b]", "k=v", variants
 * as their content). Returns >= 0 or a negative errno from sd-bus.
 */
static int
sd_render(sd_bus_message *m, struct sd_out *o, int depth)
{
	const char *contents, *open, *close, *sep;
	char type;
	int r, first = 1;

	if ((r = SDB.sd_bus_message_peek_type(m, &type, &contents)) <= 0)
		return r < 0 ? r : -EBADMSG;
	if (type != 'a' && type != 'r' && type != 'e' && type != 'v')
		return sd_render_basic(m, type, o);
	if (depth >= SD_MAX_DEPTH)
		return -E2BIG;
	switch (type) {
	case 'a': open = "["; close = "]"; sep = ", "; break;
	case 'r': open = "("; close = ")"; sep = ", "; break;
	case 'e': open = ""; close = ""; sep = "="; break;
	default: open = ""; close = ""; sep = ""; break;
	}
	if ((r = SDB.sd_bus_message_enter_container(m, type, contents)) < 0)
		return r;
	sd_puts(o, open);
	while ((r = SDB.sd_bus_message_peek_type(m, NULL, NULL)) > 0) {
		if (!first)
			sd_puts(o, sep);
		first = 0;
		if ((r = sd_render(m, o, depth + 1)) < 0)
			return r;
	}
	if (r < 0)
		return r;
	sd_puts(o, close);
	return SDB.sd_bus_message_exit_container(m);
}

/* ---- properties ---------------------------------------------------------- */
struct sd_prop {
	char		*name;
	const char	*iface;
	char		**values;
	size_t		 nvalues, cap;
	bool		 truncated;
};

struct sd_props {
	struct sd_prop	*v;
	size_t		 n, cap;
};

static void
sd_props_clear(struct sd_props *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		for (size_t k = 0; k < ps->v[i].nvalues; k++)
			free(ps->v[i].values[k]);
		free(ps->v[i].values);
		free(ps->v[i].name);
	}
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

/* Renders the value at the read position into p; past the caps it is
 * read but dropped, and p is marked truncated. */
static int
sd_value_add(sd_bus_message *m, struct sd_prop *p, int depth)
{
	struct sd_out o = { .over = false };
	int r;

	ks_buf_init(&o.b, PLAT_SYSTEMD_VALUE_MAX);
	r = sd_render(m, &o, depth);
	if (r >= 0 && !o.over && p->nvalues < PLAT_SYSTEMD_MAX_VALUES) {
		ks_grow(&p->values, &p->cap, p->nvalues + 1,
		    sizeof(*p->values));
		p->values[p->nvalues++] = o.b.data != NULL ?
		    ks_buf_steal(&o.b) : ks_strdup("");
	} else if (r >= 0)
		p->truncated = true;
	ks_buf_free(&o.b);
	return r < 0 ? r : 0;
}

/* The variant of one property: an array gives one value per element. */
static int
sd_prop_read(sd_bus_message *m, struct sd_prop *p)
{
	const char *contents;
	char type;
	int r;

	if ((r = SDB.sd_bus_message_enter_container(m, 'v', NULL)) < 0)
		return r;
	if ((r = SDB.sd_bus_message_peek_type(m, &type, &contents)) <= 0)
		return r < 0 ? r : -EBADMSG;
	if (type != 'a')
		r = sd_value_add(m, p, 0);
	else {
		if ((r = SDB.sd_bus_message_enter_container(m, 'a',
		    contents)) < 0)
			return r;
		while ((r = SDB.sd_bus_message_peek_type(m, NULL, NULL)) >
		    0)
			if ((r = sd_value_add(m, p, 1)) < 0)
				return r;
		if (r < 0 || (r = SDB.sd_bus_message_exit_container(m)) < 0)
			return r;
	}
	if (r < 0)
		return r;
	return SDB.sd_bus_message_exit_container(m);
}

/* Reads a GetAll reply (a{sv}) into ps. */
static int
sd_getall_read(sd_bus_message *m, const char *iface, struct sd_props *ps)
{
	const char *name;
	int r;

	if ((r = SDB.sd_bus_message_enter_container(m, 'a', "{sv}")) < 0)
		return r;
	while ((r = SDB.sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		struct sd_prop *p;

		if (ps->n >= PLAT_SYSTEMD_MAX_PROPS)
			return -E2BIG;
		if ((r = SDB.sd_bus_message_read_basic(m, 's', &name)) < 0)
			return r;
		ks_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
		p = &ps->v[ps->n++];
		memset(p, 0, sizeof(*p));
		p->name = ks_strdup(name);
		p->iface = iface;
		if ((r = sd_prop_read(m, p)) < 0)
			return r;
		if ((r = SDB.sd_bus_message_exit_container(m)) < 0)
			return r;
	}
	if (r < 0)
		return r;
	return SDB.sd_bus_message_exit_container(m);
}

/* The interface of a unit's type, from its suffix (systemd.unit(5)). */
static const char *
sd_type_iface(const char *name)
{
	static const char *const types[][2] = {
		{ ".service", "Service" }, { ".socket", "Socket" },
		{ ".target", "Target" }, { ".device", "Device" },
		{ ".mount", "Mount" }, { ".automount", "Automount" },
		{ ".swap", "Swap" }, { ".timer", "Timer" },
		{ ".path", "Path" }, { ".slice", "Slice" },
		{ ".scope", "Scope" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot != NULL && i < sizeof(types) /
	    sizeof(*types); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return NULL;
}

/* Errors that mean "no such unit": not loaded and no file, or a string
 * that is not a valid unit name. */
static bool
sd_is_missing(const sd_bus_error *e)
{
	return SDB.sd_bus_error_has_name(e,
	    "org.freedesktop.systemd1.NoSuchUnit") ||
	    SDB.sd_bus_error_has_name(e,
	    "org.freedesktop.DBus.Error.InvalidArgs");
}

/* The object path of unit `name` into *path (caller frees): GetUnit, and
 * LoadUnit for a unit that is installed but not loaded. */
static int
sd_unit_path(struct plat_systemd *sd, const char *name, char **path)
{
	static const char *const methods[] = { "GetUnit", "LoadUnit" };
	int rc = KS_ENOTFOUND;

	*path = NULL;
	for (size_t i = 0; i < 2 && rc == KS_ENOTFOUND; i++) {
		sd_bus_error e = SD_BUS_ERROR_NULL;
		sd_bus_message *reply = NULL;
		const char *p;
		int r = SDB.sd_bus_call_method(sd->bus, SD_DEST, SD_PATH,
		    SD_MANAGER, methods[i], &e, &reply, "s", name);

		if (r < 0 && sd_is_missing(&e)) {
			ks_error_set("systemd has no unit %s", name);
			rc = KS_ENOTFOUND;
		} else if (r < 0) {
			char *what = ks_asprintf("%s %s", methods[i], name);

			rc = sd_fail(sd, what, r, &e);
			free(what);
		} else if ((r = SDB.sd_bus_message_read_basic(reply, 'o',
		    &p)) < 0)
			rc = sd_fail(sd, methods[i], r, NULL);
		else {
			*path = ks_strdup(p);
			rc = 0;
		}
		SDB.sd_bus_error_free(&e);
		SDB.sd_bus_message_unref(reply);
	}
	return rc;
}

/* GetAll of interface org.freedesktop.systemd1.<iface> into ps. A unit
 * without that interface adds nothing. */
static int
sd_getall(struct plat_systemd *sd, const char *unit, const char *path,
    const char *iface, struct sd_props *ps)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	char *full = ks_asprintf("org.freedesktop.systemd1.%s", iface);
	int r, rc = 0;

	r = SDB.sd_bus_call_method(sd->bus, SD_DEST, path, SD_PROPS,
	    "GetAll", &e, &reply, "s", full);
	if (r < 0 && !SDB.sd_bus_error_has_name(&e,
	    "org.freedesktop.DBus.Error.UnknownInterface")) {
		char *what = ks_asprintf("GetAll %s of %s", full, unit);

		rc = sd_fail(sd, what, r, &e);
		free(what);
	} else if (r >= 0 && (r = sd_getall_read(reply, iface, ps)) < 0) {
		ks_error_set("systemd D-Bus GetAll %s of %s: %s", full, unit,
		    r == -E2BIG ? "over the caps" : strerror(-r));
		rc = KS_ERROR;
	}
	free(full);
	SDB.sd_bus_error_free(&e);
	SDB.sd_bus_message_unref(reply);
	return rc;
}

int
plat_systemd_unit_props(struct plat_systemd *sd, const char *name,
    int (*cb)(const struct plat_systemd_prop *p, void *payload),
    void *payload)
{
	struct sd_props ps = { 0 };
	const char *type = sd_type_iface(name);
	char *path = NULL;
	int rc;

	if ((rc = sd_alive(sd)) != 0)
		return rc;
	if ((rc = sd_unit_path(sd, name, &path)) != 0)
		goto out;
	if ((rc = sd_getall(sd, name, path, "Unit", &ps)) != 0)
		goto out;
	if (type != NULL && (rc = sd_getall(sd, name, path, type, &ps)) != 0)
		goto out;
	for (size_t i = 0; i < ps.n && rc == 0; i++) {
		struct plat_systemd_prop p = {
			.name = ps.v[i].name, .iface = ps.v[i].iface,
			.values = (const char *const *)ps.v[i].values,
			.nvalues = ps.v[i].nvalues,
			.truncated = ps.v[i].truncated,
		};

		rc = cb(&p, payload);
	}
out:
	free(path);
	sd_props_clear(&ps);
	return rc;
}
