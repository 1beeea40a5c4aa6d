/*
 * System facts of a target: uname(2) and the process environment (live host
 * only), and the OVAL system_info block (os-release, host name, architecture,
 * interfaces) for every target, read through the target's fs where the
 * target is not live. It does not collect processes or sysctls.
 */
#include "platform/plat_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#define OS_RELEASE_MAX	(64u << 10)
#define OS_RELEASE_VALUE_MAX	256	/* longer: not a name or an id */
#define HOSTNAME_MAX	(4u << 10)

extern char **environ;

static int
not_live(struct plat_target *t, const char *what)
{
	ks_error_set("%s: %s is only available on the live host",
	    plat_target_name(t), what);
	return KS_EUNSUPPORTED;
}

int
plat_uname(struct plat_target *t, struct plat_uname *u)
{
	struct utsname un;

	memset(u, 0, sizeof(*u));
	if (!plat_target_is_live(t))
		return not_live(t, "uname");
	if (uname(&un) != 0)
		return plat_errno_rc(errno, "uname", NULL);
	u->os_name = ks_strdup(un.sysname);
	u->node_name = ks_strdup(un.nodename);
	u->os_release = ks_strdup(un.release);
	u->os_version = ks_strdup(un.version);
	u->machine_class = ks_strdup(un.machine);
	/* Linux has no separate processor type (uname -p prints the
	 * machine or "unknown"): report the machine. */
	u->processor_type = ks_strdup(un.machine);
	return 0;
}

void
plat_uname_clear(struct plat_uname *u)
{
	if (u == NULL)
		return;
	free(u->os_name);
	free(u->node_name);
	free(u->os_release);
	free(u->os_version);
	free(u->machine_class);
	free(u->processor_type);
	memset(u, 0, sizeof(*u));
}

/* ---- os-release --------------------------------------------------------- */

/*
 * The value of KEY=VALUE as os-release(5) writes it: shell-style, optionally
 * in single or double quotes, with \" \\ \$ \` escapes inside double quotes.
 * NULL for a value longer than OS_RELEASE_VALUE_MAX (not a name or an id).
 */
static char *
osr_value(const char *p, const char *end)
{
	struct ks_buf b;
	char q = 0;

	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		end--;
	if (end - p > OS_RELEASE_VALUE_MAX + 2)
		return NULL;
	ks_buf_init(&b, 0);
	if (p < end && (*p == '"' || *p == '\'')) {
		q = *p++;
		if (end > p && end[-1] == q)
			end--;
	}
	for (; p < end; p++) {
		if (q == '"' && *p == '\\' && p + 1 < end &&
		    strchr("\"\\$`", p[1]) != NULL)
			p++;
		(void)ks_buf_putc(&b, *p);
	}
	return ks_buf_steal(&b);
}

int
plat_os_release(struct plat_target *t, struct plat_os_release *o)
{
	static const char *const files[] = {
		"/etc/os-release", "/usr/lib/os-release",
	};
	const char *p, *end, *nl, *eq;
	char *data = NULL;
	size_t len = 0, i;
	int rc = KS_ENOTFOUND;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		rc = plat_fs_read_file(t, files[i], OS_RELEASE_MAX, &data,
		    &len);
		if (rc != KS_ENOTFOUND)
			break;
	}
	if (rc != 0)
		return rc;
	for (p = data, end = data + len; p < end; p = nl + 1) {
		char **dst = NULL;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		while (p < nl && (*p == ' ' || *p == '\t'))
			p++;
		eq = memchr(p, '=', (size_t)(nl - p));
		if (eq == NULL || *p == '#')
			continue;
		if (eq - p == 4 && memcmp(p, "NAME", 4) == 0)
			dst = &o->name;
		else if (eq - p == 2 && memcmp(p, "ID", 2) == 0)
			dst = &o->id;
		else if (eq - p == 10 && memcmp(p, "VERSION_ID", 10) == 0)
			dst = &o->version_id;
		if (dst == NULL)
			continue;
		/* The last assignment wins, as when a shell sources the
		 * file; an empty value is no value. */
		free(*dst);
		*dst = osr_value(eq + 1, nl);
		if (*dst != NULL && **dst == '\0') {
			free(*dst);
			*dst = NULL;
		}
	}
	free(data);
	return 0;
}

void
plat_os_release_clear(struct plat_os_release *o)
{
	free(o->name);
	free(o->id);
	free(o->version_id);
	memset(o, 0, sizeof(*o));
}

/* ---- root facts -------------------------------------------------------- */

static char *
root_hostname(struct plat_target *t)
{
	char *data = NULL, *h;
	size_t len = 0, n;

	if (plat_fs_read_file(t, "/etc/hostname", HOSTNAME_MAX, &data,
	    &len) != 0)
		return NULL;
	h = data;
	while (*h == ' ' || *h == '\t' || *h == '\n' || *h == '\r')
		h++;
	n = strcspn(h, " \t\r\n");
	h = n > 0 ? ks_strndup(h, n) : NULL;
	free(data);
	return h;
}

/* Debian architecture names as the kernel (uname -m) spells them, so a
 * root and a host report the same word. */
static const char *
dpkg_arch_to_machine(const char *a)
{
	static const struct { const char *dpkg, *uname; } map[] = {
		{ "amd64", "x86_64" }, { "arm64", "aarch64" },
		{ "i386", "i686" }, { "armhf", "armv7l" },
		{ "armel", "armv5tel" }, { "ppc64el", "ppc64le" },
		{ "mips64el", "mips64" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (strcmp(map[i].dpkg, a) == 0)
			return map[i].uname;
	return a;
}

static int
arch_cb(const struct plat_pkg *pkg, void *payload)
{
	char **out = payload;

	if (pkg->arch == NULL || strcmp(pkg->arch, "all") == 0)
		return 0;
	*out = ks_strdup(dpkg_arch_to_machine(pkg->arch));
	return 1;
}

static char *
root_arch(struct plat_target *t)
{
	static const char *const pkgs[] = { "base-files", "dpkg" };
	struct plat_pkgdb *db = NULL;
	char *arch = NULL;
	size_t i;

	if (plat_pkgdb_open(&db, t, "dpkg") != 0)
		return NULL;
	for (i = 0; i < sizeof(pkgs) / sizeof(*pkgs) && arch == NULL; i++)
		(void)plat_pkgdb_lookup(db, pkgs[i], arch_cb, &arch);
	plat_pkgdb_free(db);
	return arch;
}

/* ---- interfaces --------------------------------------------------------- */

static char *
mac_text(const struct sockaddr_ll *ll)
{
	struct ks_buf b;
	int i;

	ks_buf_init(&b, 0);
	for (i = 0; i < ll->sll_halen && i < 8; i++)
		(void)ks_buf_printf(&b, i ? ":%02x" : "%02x",
		    ll->sll_addr[i]);
	return ks_buf_steal(&b);
}

static int
host_ifaces(struct plat_sysinfo *si)
{
	struct ifaddrs *ifa = NULL, *i, *j;
	char addr[INET6_ADDRSTRLEN];
	struct plat_iface *f;
	size_t cap = 0;
	const void *src;
	int fam;

	if (getifaddrs(&ifa) != 0)
		return plat_errno_rc(errno, "getifaddrs", NULL);
	for (i = ifa; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_name == NULL)
			continue;
		fam = i->ifa_addr->sa_family;
		if (fam == AF_INET)
			src = &((struct sockaddr_in *)(void *)
			    i->ifa_addr)->sin_addr;
		else if (fam == AF_INET6)
			src = &((struct sockaddr_in6 *)(void *)
			    i->ifa_addr)->sin6_addr;
		else
			continue;
		if (inet_ntop(fam, src, addr, sizeof(addr)) == NULL)
			continue;
		ks_grow(&si->ifaces, &cap, si->nifaces + 1,
		    sizeof(*si->ifaces));
		f = &si->ifaces[si->nifaces++];
		f->name = ks_strdup(i->ifa_name);
		f->ip = ks_strdup(addr);
		f->mac = NULL;
		for (j = ifa; j != NULL; j = j->ifa_next)
			if (j->ifa_addr != NULL &&
			    j->ifa_addr->sa_family == AF_PACKET &&
			    j->ifa_name != NULL &&
			    strcmp(j->ifa_name, i->ifa_name) == 0) {
				f->mac = mac_text((struct sockaddr_ll *)
				    (void *)j->ifa_addr);
				break;
			}
		if (f->mac == NULL)
			f->mac = ks_strdup("");
	}
	freeifaddrs(ifa);
	return 0;
}

/* ---- system_info -------------------------------------------------------- */

int
plat_sysinfo(struct plat_target *t, struct plat_sysinfo *si)
{
	struct utsname un;
	struct plat_os_release osr;
	bool live = plat_target_is_live(t);
	int rc = KS_ERROR;

	memset(si, 0, sizeof(*si));
	/* A missing or unreadable os-release leaves "unknown": system_info
	 * is still worth reporting. */
	rc = plat_os_release(t, &osr);
	if (rc != 0 && rc != KS_ENOTFOUND)
		ks_warn("%s: os-release: %s", plat_target_name(t),
		    ks_error_msg());
	si->os_name = osr.name;
	si->os_version = osr.version_id;
	free(osr.id);
	if (live) {
		if (uname(&un) != 0) {
			rc = plat_errno_rc(errno, "uname", NULL);
			goto out;
		}
		si->hostname = ks_strdup(un.nodename);
		si->architecture = ks_strdup(un.machine);
		/* Without os-release the kernel is all we know. */
		if (si->os_name == NULL)
			si->os_name = ks_strdup(un.sysname);
		if (si->os_version == NULL)
			si->os_version = ks_strdup(un.release);
		if ((rc = host_ifaces(si)) != 0)
			goto out;
	} else {
		si->hostname = root_hostname(t);
		si->architecture = root_arch(t);
		ks_error_clear();
	}
	if (si->os_name == NULL)
		si->os_name = ks_strdup("unknown");
	if (si->os_version == NULL)
		si->os_version = ks_strdup("unknown");
	if (si->hostname == NULL)
		si->hostname = ks_strdup("unknown");
	if (si->architecture == NULL)
		si->architecture = ks_strdup("unknown");
	rc = 0;
out:
	if (rc != 0)
		plat_sysinfo_clear(si);
	return rc;
}

void
plat_sysinfo_clear(struct plat_sysinfo *si)
{
	size_t i;

	if (si == NULL)
		return;
	free(si->os_name);
	free(si->os_version);
	free(si->architecture);
	free(si->hostname);
	for (i = 0; i < si->nifaces; i++) {
		free(si->ifaces[i].name);
		free(si->ifaces[i].ip);
		free(si->ifaces[i].mac);
	}
	free(si->ifaces);
	memset(si, 0, sizeof(*si));
}

int
plat_environ_foreach(struct plat_target *t,
    int (*cb)(const char *name, const char *value, void *payload),
    void *payload)
{
	char **e, *name;
	const char *eq;
	int rc;

	if (!plat_target_is_live(t))
		return not_live(t, "the process environment");
	for (e = environ; e != NULL && *e != NULL; e++) {
		eq = strchr(*e, '=');
		if (eq == NULL) {
			rc = cb(*e, "", payload);
		} else {
			name = ks_strndup(*e, (size_t)(eq - *e));
			rc = cb(name, eq + 1, payload);
			free(name);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}
