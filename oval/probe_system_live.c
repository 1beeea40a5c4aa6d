/*
 * Collectors of live kernel facts: partition_object (mounted file
 * systems), process58_object, interface_object and
 * inetlisteningservers_object. The facts come from platform/ (sys_*.c);
 * on an offline target they do not exist and each object is not
 * applicable with a message. Not sysctl (probe_system_sysctl.c).
 */
#include "oval/probe_system_int.h"

#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
add_int(struct oval_session *s, struct oval_item *it, const char *name,
    int64_t v)
{
	char buf[32];
	int k = snprintf(buf, sizeof(buf), "%lld", (long long)v);

	if (k > 0 && (size_t)k < sizeof(buf))
		probe_item_add(s, it, name, buf, OVAL_DT_INT);
}

/* Matches an optional object entity; 1 when absent. */
static int
opt_match(struct oval_session *s, const struct oval_object *o,
    const char *name, const char *val, int *err)
{
	const struct oval_entity *e = probe_ent(o, name);
	int r;

	if (e == NULL)
		return 1;
	if (val == NULL)
		return 0;
	r = probe_match(s, e, val);
	if (r < 0)
		*err = r;
	return r > 0;
}

/* ---- partition_object ---------------------------------------------------- */
struct part {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	int				 err;
};

static int
part_cb(const struct plat_mount *m, void *payload)
{
	struct part *d = payload;
	struct oval_item it;
	const char *p;

	if (!opt_match(d->s, d->o, "mount_point", m->mount_point, &d->err))
		return d->err;
	probe_item_init(&it, "linux", "partition_item");
	probe_item_add(d->s, &it, "mount_point", m->mount_point,
	    OVAL_DT_STRING);
	probe_item_add(d->s, &it, "device", m->device, OVAL_DT_STRING);
	if (m->uuid != NULL)
		probe_item_add(d->s, &it, "uuid", m->uuid, OVAL_DT_STRING);
	else
		probe_item_add_status(d->s, &it, "uuid", OVAL_DT_STRING,
		    OVAL_ST_DOES_NOT_EXIST);
	probe_item_add(d->s, &it, "fs_type", m->fs_type, OVAL_DT_STRING);
	for (p = m->options; *p != '\0';) {
		size_t n = strcspn(p, ",");
		char *opt = ks_strndup(p, n);

		probe_item_add(d->s, &it, "mount_options", opt,
		    OVAL_DT_STRING);
		free(opt);
		p += n;
		if (*p == ',')
			p++;
	}
	if (m->has_space) {
		add_int(d->s, &it, "total_space", (int64_t)m->blocks);
		add_int(d->s, &it, "space_used",
		    (int64_t)(m->blocks - m->bfree));
		add_int(d->s, &it, "space_left", (int64_t)m->bfree);
		add_int(d->s, &it, "space_left_for_unprivileged_users",
		    (int64_t)m->bavail);
		add_int(d->s, &it, "block_size", (int64_t)m->block_size);
	} else {
		static const char *const sp[] = { "total_space",
		    "space_used", "space_left",
		    "space_left_for_unprivileged_users", "block_size" };

		for (size_t i = 0; i < 5; i++)
			probe_item_add_status(d->s, &it, sp[i], OVAL_DT_INT,
			    OVAL_ST_NOT_COLLECTED);
		probe_item_msg(d->s, &it, "info", "statvfs(%s) failed",
		    m->mount_point);
	}
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

int
probe_partition_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct part d = { .s = s, .o = o, .c = c };
	int rc;

	/*
	 * partition_item describes mounted file systems ("a partition on
	 * the local system" with its space used and left): an offline root
	 * has an fstab, which says what would be mounted at boot, not what
	 * is mounted, so the object is not applicable there.
	 */
	if (!plat_target_is_live(s->target))
		return probe_sys_offline(s, c, "the mounted file systems");
	if (probe_ent(o, "mount_point") == NULL) {
		ks_error_set("the mount_point entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	ks_error_clear();
	rc = plat_mounts_foreach(s->target, part_cb, &d);
	if (rc < 0 || d.err < 0) {
		probe_fail(s, o, c, "mount_point");
		return 0;
	}
	probe_finish_flag(s, o, c, false, false);
	return 0;
}

/* ---- process58_object ---------------------------------------------------- */
/* linux/include/uapi/linux/capability.h, by bit number. */
static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG",
	"CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
	"CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
	"CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
	"CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

/* ps(1) CLS names of the SCHED_* policies. */
static const char *
sched_class(int policy)
{
	switch (policy) {
	case 0: return "TS";
	case 1: return "FF";
	case 2: return "RR";
	case 3: return "B";
	case 4: return "ISO";
	case 5: return "IDL";
	case 6: return "DLN";
	default: return NULL;
	}
}

struct proc58 {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	int				 err;
	time_t				 now;
};

static int
proc_cb(const struct plat_proc *p, void *payload)
{
	struct proc58 *d = payload;
	struct oval_item it;
	char pid[32], buf[64], *cmd;
	const char *cls;
	int k;

	cmd = p->cmdline != NULL ? ks_strdup(p->cmdline) :
	    ks_asprintf("[%s]", p->comm);	/* kernel thread, as ps */
	k = snprintf(pid, sizeof(pid), "%lld", (long long)p->pid);
	if (k < 0 || (size_t)k >= sizeof(pid) ||
	    !opt_match(d->s, d->o, "command_line", cmd, &d->err) ||
	    !opt_match(d->s, d->o, "pid", pid, &d->err)) {
		free(cmd);
		return d->err;
	}
	/* unix-system-characteristics-schema process58_item order. */
	probe_item_init(&it, "unix", "process58_item");
	probe_item_add(d->s, &it, "command_line", cmd, OVAL_DT_STRING);
	free(cmd);
	if (p->hz > 0) {
		uint64_t t = p->cpu_ticks / (uint64_t)p->hz;

		/* "[DD-]HH:MM:SS" */
		if (t >= 86400)
			k = snprintf(buf, sizeof(buf), "%llu-%02u:%02u:%02u",
			    (unsigned long long)(t / 86400),
			    (unsigned)(t % 86400 / 3600),
			    (unsigned)(t % 3600 / 60), (unsigned)(t % 60));
		else
			k = snprintf(buf, sizeof(buf), "%02u:%02u:%02u",
			    (unsigned)(t / 3600), (unsigned)(t % 3600 / 60),
			    (unsigned)(t % 60));
		if (k > 0 && (size_t)k < sizeof(buf))
			probe_item_add(d->s, &it, "exec_time", buf,
			    OVAL_DT_STRING);
	}
	add_int(d->s, &it, "pid", p->pid);
	add_int(d->s, &it, "ppid", p->ppid);
	add_int(d->s, &it, "priority", p->priority);
	if (p->ruid >= 0)
		add_int(d->s, &it, "ruid", p->ruid);
	if ((cls = sched_class(p->policy)) != NULL)
		probe_item_add(d->s, &it, "scheduling_class", cls,
		    OVAL_DT_STRING);
	if (p->hz > 0 && p->boot_time > 0) {
		time_t st = (time_t)(p->boot_time +
		    (int64_t)(p->start_ticks / (uint64_t)p->hz));
		struct tm a, b;

		/* "HH:MM:SS if the same day ... MMM_DD (Ex.: Feb_5)". */
		if (localtime_r(&st, &a) != NULL &&
		    localtime_r(&d->now, &b) != NULL) {
			size_t w;

			if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
				w = strftime(buf, sizeof(buf), "%H:%M:%S", &a);
			else {
				w = strftime(buf, sizeof(buf), "%b_", &a);
				k = snprintf(buf + w, sizeof(buf) - w, "%d",
				    a.tm_mday);
				if (k < 0)
					w = 0;
			}
			if (w > 0)
				probe_item_add(d->s, &it, "start_time", buf,
				    OVAL_DT_STRING);
		}
	}
	if (p->tty != NULL)
		probe_item_add(d->s, &it, "tty", p->tty, OVAL_DT_STRING);
	else
		probe_item_add_status(d->s, &it, "tty", OVAL_DT_STRING,
		    OVAL_ST_DOES_NOT_EXIST);
	if (p->euid >= 0)
		add_int(d->s, &it, "user_id", p->euid);
	/* Exec Shield was a Red Hat kernel patch; mainline kernels have
	 * no such per-process setting. */
	probe_item_add_status(d->s, &it, "exec_shield", OVAL_DT_BOOLEAN,
	    OVAL_ST_DOES_NOT_EXIST);
	if (p->loginuid >= 0)
		add_int(d->s, &it, "loginuid", p->loginuid);
	if (p->has_caps)
		for (unsigned b = 0; b < 64; b++) {
			if (!(p->cap_eff & (1ull << b)))
				continue;
			if (b < sizeof(cap_names) / sizeof(*cap_names))
				probe_item_add(d->s, &it, "posix_capability",
				    cap_names[b], OVAL_DT_STRING);
		}
	if (p->selinux_label != NULL)
		probe_item_add(d->s, &it, "selinux_domain_label",
		    p->selinux_label, OVAL_DT_STRING);
	else
		probe_item_add_status(d->s, &it, "selinux_domain_label",
		    OVAL_DT_STRING, OVAL_ST_DOES_NOT_EXIST);
	if (p->session_id >= 0)
		add_int(d->s, &it, "session_id", p->session_id);
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

int
probe_process58_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct proc58 d = { .s = s, .o = o, .c = c, .now = time(NULL) };
	int rc;

	if (!plat_target_is_live(s->target))
		return probe_sys_offline(s, c, "the process list");
	ks_error_clear();
	rc = plat_procs_foreach(s->target, proc_cb, &d);
	if (rc < 0 || d.err < 0) {
		probe_fail(s, o, c, "process");
		return 0;
	}
	probe_finish_flag(s, o, c, false, false);
	return 0;
}

/* ---- interface_object ---------------------------------------------------- */
static const char *
arp_name(int t)
{
	switch (t) {
	case ARPHRD_ETHER: return "ARPHRD_ETHER";
	case ARPHRD_FDDI: return "ARPHRD_FDDI";
	case ARPHRD_LOOPBACK: return "ARPHRD_LOOPBACK";
	case ARPHRD_VOID: return "ARPHRD_VOID";
	case ARPHRD_PPP: return "ARPHRD_PPP";
	case ARPHRD_SLIP: return "ARPHRD_SLIP";
	case ARPHRD_PRONET: return "ARPHRD_PRONET";
	default: return NULL;
	}
}

struct ifc {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	int				 err;
};

static int
iface_cb(const struct plat_ifaddr *a, void *payload)
{
	static const struct { unsigned int f; const char *n; } fl[] = {
		{ IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_DEBUG, "DEBUG" }, { IFF_LOOPBACK, "LOOPBACK" },
		{ IFF_POINTOPOINT, "POINTOPOINT" },
		{ IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_RUNNING, "RUNNING" },
		{ IFF_NOARP, "NOARP" }, { IFF_PROMISC, "PROMISC" },
		{ IFF_ALLMULTI, "ALLMULTI" }, { IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_PORTSEL, "PORTSEL" }, { IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_DYNAMIC, "DYNAMIC" },
	};
	struct ifc *d = payload;
	struct oval_item it;
	const char *ty = arp_name(a->arp_type);
	enum oval_datatype adt;

	if (!opt_match(d->s, d->o, "name", a->name, &d->err))
		return d->err;
	adt = a->addr != NULL && strchr(a->addr, ':') != NULL ?
	    OVAL_DT_IPV6_ADDRESS : OVAL_DT_IPV4_ADDRESS;
	probe_item_init(&it, "unix", "interface_item");
	probe_item_add(d->s, &it, "name", a->name, OVAL_DT_STRING);
	if (ty != NULL)
		probe_item_add(d->s, &it, "type", ty, OVAL_DT_STRING);
	else
		probe_item_add_status(d->s, &it, "type", OVAL_DT_STRING,
		    OVAL_ST_NOT_COLLECTED);
	if (a->hw_addr != NULL)
		probe_item_add(d->s, &it, "hardware_addr", a->hw_addr,
		    OVAL_DT_STRING);
	if (a->addr != NULL)
		probe_item_add(d->s, &it, "inet_addr", a->addr, adt);
	if (a->broadcast != NULL)
		probe_item_add(d->s, &it, "broadcast_addr", a->broadcast,
		    adt);
	if (a->netmask != NULL)
		probe_item_add(d->s, &it, "netmask", a->netmask, adt);
	for (size_t i = 0; i < sizeof(fl) / sizeof(*fl); i++)
		if (a->flags & fl[i].f)
			probe_item_add(d->s, &it, "flag", fl[i].n,
			    OVAL_DT_STRING);
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

int
probe_interface_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct ifc d = { .s = s, .o = o, .c = c };
	int rc;

	if (!plat_target_is_live(s->target))
		return probe_sys_offline(s, c, "the network interfaces");
	ks_error_clear();
	rc = plat_ifaddrs_foreach(s->target, iface_cb, &d);
	if (rc < 0 || d.err < 0) {
		probe_fail(s, o, c, "name");
		return 0;
	}
	probe_finish_flag(s, o, c, false, false);
	return 0;
}

/* ---- inetlisteningservers_object ----------------------------------------- */
static int
listen_cb(const struct plat_listen *l, void *payload)
{
	struct ifc *d = payload;
	struct oval_item it;
	char port[16], *full;
	bool v6 = strchr(l->local_addr, ':') != NULL;
	enum oval_datatype adt = v6 ? OVAL_DT_IPV6_ADDRESS :
	    OVAL_DT_IPV4_ADDRESS;
	const char *proto = strncmp(l->protocol, "tcp", 3) == 0 ? "tcp" :
	    "udp";
	int k = snprintf(port, sizeof(port), "%d", l->local_port);

	/* "the transport-layer protocol, in lowercase: tcp or udp" */
	if (k < 0 || (size_t)k >= sizeof(port) ||
	    !opt_match(d->s, d->o, "protocol", proto, &d->err) ||
	    !opt_match(d->s, d->o, "local_address", l->local_addr,
	    &d->err) || !opt_match(d->s, d->o, "local_port", port, &d->err))
		return d->err;
	probe_item_init(&it, "linux", "inetlisteningserver_item");
	probe_item_add(d->s, &it, "protocol", proto, OVAL_DT_STRING);
	probe_item_add(d->s, &it, "local_address", l->local_addr, adt);
	add_int(d->s, &it, "local_port", l->local_port);
	full = ks_asprintf(v6 ? "[%s]:%d" : "%s:%d", l->local_addr,
	    l->local_port);
	probe_item_add(d->s, &it, "local_full_address", full,
	    OVAL_DT_STRING);
	free(full);
	if (l->program != NULL)
		probe_item_add(d->s, &it, "program_name", l->program,
		    OVAL_DT_STRING);
	else
		probe_item_add_status(d->s, &it, "program_name",
		    OVAL_DT_STRING, OVAL_ST_NOT_COLLECTED);
	probe_item_add(d->s, &it, "foreign_address", l->foreign_addr, adt);
	add_int(d->s, &it, "foreign_port", l->foreign_port);
	full = ks_asprintf(v6 ? "[%s]:%d" : "%s:%d", l->foreign_addr,
	    l->foreign_port);
	probe_item_add(d->s, &it, "foreign_full_address", full,
	    OVAL_DT_STRING);
	free(full);
	if (l->pid > 0)
		add_int(d->s, &it, "pid", l->pid);
	else {
		/* Sockets of other users' processes are invisible without
		 * privileges: say so instead of guessing. */
		probe_item_add_status(d->s, &it, "pid", OVAL_DT_INT,
		    OVAL_ST_NOT_COLLECTED);
		probe_item_msg(d->s, &it, "info", "no visible process holds "
		    "this socket (insufficient privileges?)");
	}
	add_int(d->s, &it, "user_id", l->uid);
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

int
probe_listen_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct ifc d = { .s = s, .o = o, .c = c };
	int rc;

	if (!plat_target_is_live(s->target))
		return probe_sys_offline(s, c, "the listening sockets");
	ks_error_clear();
	rc = plat_listen_foreach(s->target, listen_cb, &d);
	if (rc < 0 || d.err < 0) {
		probe_fail(s, o, c, "socket");
		return 0;
	}
	probe_finish_flag(s, o, c, false, false);
	return 0;
}
