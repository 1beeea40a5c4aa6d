/*
 * Processes and listening sockets of the running system, from /proc. Live
 * host only (an offline root has no processes). It reports what /proc
 * says; formatting for OVAL items is the collectors' job.
 */
#include "platform/plat_int.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROC_FILE_MAX	(1u << 20)
#define NET_FILE_MAX	(64u << 20)
#define MAX_PROCS	(4u << 20)

static int
not_live(struct plat_target *t, const char *what)
{
	ks_error_set("%s: %s is only available on the live host",
	    plat_target_name(t), what);
	return KS_EUNSUPPORTED;
}

static char *
proc_read(long pid, const char *file, size_t *len)
{
	char path[64], *data = NULL;
	size_t n = 0;
	int k = snprintf(path, sizeof(path), "/proc/%ld/%s", pid, file);

	if (k < 0 || (size_t)k >= sizeof(path))
		return NULL;
	if (ks_file_read(path, PROC_FILE_MAX, &data, &n) != 0)
		return NULL;
	if (len != NULL)
		*len = n;
	return data;
}

static int64_t
status_field(const char *status, const char *key, int nth)
{
	const char *p = status;
	size_t kl = strlen(key);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
			char *end;
			long long v = 0;

			p += kl + 1;
			for (int i = 0; i <= nth; i++) {
				v = strtoll(p, &end, 10);
				if (end == p)
					return -1;
				p = end;
			}
			return v;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return -1;
}

/* The tty name of a tty_nr (stat field 7), as ps(1) prints it. */
static char *
tty_name(unsigned long nr)
{
	unsigned int maj = (unsigned int)((nr >> 8) & 0xfff);
	unsigned int min = (unsigned int)((nr & 0xff) | ((nr >> 12) & 0xfff00));

	if (nr == 0)
		return NULL;
	if (maj >= 136 && maj <= 143)
		return ks_asprintf("pts/%u", (maj - 136) * 256 + min);
	if (maj == 4 && min < 64)
		return ks_asprintf("tty%u", min);
	if (maj == 4)
		return ks_asprintf("ttyS%u", min - 64);
	if (maj == 5 && min == 1)
		return ks_strdup("console");
	return ks_asprintf("%u:%u", maj, min);
}

static int64_t
boot_time(void)
{
	char *data = NULL, *p;
	size_t len = 0;
	int64_t bt = -1;

	if (ks_file_read("/proc/stat", PROC_FILE_MAX, &data, &len) != 0)
		return -1;
	if ((p = strstr(data, "\nbtime ")) != NULL)
		bt = strtoll(p + 7, NULL, 10);
	free(data);
	return bt;
}

static int
one_proc(long pid, int64_t btime, long hz, plat_proc_cb cb, void *payload)
{
	struct plat_proc p;
	char *stat = NULL, *status = NULL, *cmd = NULL, *tty = NULL;
	char *lu = NULL, *sid = NULL, *label = NULL, *rp, *lp, *f[48];
	char *save = NULL, *tok;
	size_t clen = 0;
	int n = 0, rc = 0;

	if ((stat = proc_read(pid, "stat", NULL)) == NULL)
		return 0;	/* gone */
	memset(&p, 0, sizeof(p));
	p.pid = pid;
	p.loginuid = p.session_id = p.ruid = p.euid = -1;
	/* "pid (comm) state ppid ...": comm may hold spaces and ")". */
	lp = strchr(stat, '(');
	rp = strrchr(stat, ')');
	if (lp == NULL || rp == NULL || rp < lp)
		goto out;
	*rp = '\0';
	p.comm = lp + 1;
	for (tok = strtok_r(rp + 1, " \n", &save); tok != NULL && n < 48;
	    tok = strtok_r(NULL, " \n", &save))
		f[n++] = tok;
	/* f[0] is field 3 (state). */
	if (n < 20)
		goto out;
	p.ppid = strtoll(f[1], NULL, 10);
	p.session_id = strtoll(f[3], NULL, 10);
	tty = tty_name(strtoul(f[4], NULL, 10));
	p.tty = tty;
	p.cpu_ticks = strtoull(f[11], NULL, 10) + strtoull(f[12], NULL, 10);
	p.priority = strtoll(f[15], NULL, 10);
	p.start_ticks = strtoull(f[19], NULL, 10);
	p.policy = n > 38 ? (int)strtol(f[38], NULL, 10) : -1;
	p.boot_time = btime;
	p.hz = hz;
	if ((status = proc_read(pid, "status", NULL)) != NULL) {
		p.ruid = status_field(status, "Uid", 0);
		p.euid = status_field(status, "Uid", 1);
		{
			const char *c = strstr(status, "\nCapEff:");

			if (c != NULL) {
				p.cap_eff = strtoull(c + 8, NULL, 16);
				p.has_caps = true;
			}
		}
	}
	if ((cmd = proc_read(pid, "cmdline", &clen)) != NULL && clen > 0) {
		while (clen > 0 && cmd[clen - 1] == '\0')
			clen--;
		for (size_t i = 0; i < clen; i++)
			if (cmd[i] == '\0')
				cmd[i] = ' ';
		cmd[clen] = '\0';
		p.cmdline = cmd;
	}
	if ((lu = proc_read(pid, "loginuid", NULL)) != NULL)
		p.loginuid = strtoll(lu, NULL, 10);
	/* attr/current holds the label of whichever LSM is active
	 * (AppArmor too): only SELinux's is a SELinux domain label. */
	if (access("/sys/fs/selinux/enforce", F_OK) == 0 &&
	    (label = proc_read(pid, "attr/current", NULL)) != NULL) {
		label[strcspn(label, "\n")] = '\0';
		if (label[0] != '\0')
			p.selinux_label = label;
	}
	rc = cb(&p, payload);
out:
	free(stat);
	free(status);
	free(cmd);
	free(tty);
	free(lu);
	free(sid);
	free(label);
	return rc;
}

int
plat_procs_foreach(struct plat_target *t, plat_proc_cb cb, void *payload)
{
	struct dirent *de;
	DIR *d;
	int64_t bt;
	long hz = sysconf(_SC_CLK_TCK);
	unsigned int n = 0;
	int rc = 0;

	if (!plat_target_is_live(t))
		return not_live(t, "the process list");
	if ((d = opendir("/proc")) == NULL)
		return plat_errno_rc(errno, "/proc", NULL);
	bt = boot_time();
	while (rc == 0 && (de = readdir(d)) != NULL && n < MAX_PROCS) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end != '\0' || pid <= 0)
			continue;
		n++;
		rc = one_proc(pid, bt, hz, cb, payload);
	}
	closedir(d);
	return rc;
}

/* ---- listening sockets --------------------------------------------------- */
struct inode_owner {
	unsigned long	inode;
	long		pid;
};

/* Every socket inode held open by a process we can see. */
static void
socket_owners(struct inode_owner **out, size_t *nout)
{
	struct dirent *de, *fe;
	size_t cap = 0;
	DIR *d, *fd;

	*out = NULL;
	*nout = 0;
	if ((d = opendir("/proc")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char path[64], lnk[128], tgt[128];
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		int k;

		if (*end != '\0' || pid <= 0)
			continue;
		k = snprintf(path, sizeof(path), "/proc/%ld/fd", pid);
		if (k < 0 || (size_t)k >= sizeof(path) ||
		    (fd = opendir(path)) == NULL)
			continue;
		while ((fe = readdir(fd)) != NULL) {
			ssize_t r;

			if (fe->d_name[0] == '.')
				continue;
			k = snprintf(lnk, sizeof(lnk), "%s/%s", path,
			    fe->d_name);
			if (k < 0 || (size_t)k >= sizeof(lnk))
				continue;
			r = readlink(lnk, tgt, sizeof(tgt) - 1);
			if (r <= 0)
				continue;
			tgt[r] = '\0';
			if (strncmp(tgt, "socket:[", 8) != 0)
				continue;
			ks_grow(out, &cap, *nout + 1, sizeof(**out));
			(*out)[*nout].inode = strtoul(tgt + 8, NULL, 10);
			(*out)[(*nout)++].pid = pid;
		}
		closedir(fd);
	}
	closedir(d);
}

/* "0100007F:0016" (kernel byte order words) -> text address and port. */
static int
net_addr(const char *s, bool v6, char *out, size_t outsz, int *port)
{
	unsigned char b[16];
	const char *colon = strchr(s, ':');
	size_t hexlen = v6 ? 32 : 8;

	if (colon == NULL || (size_t)(colon - s) != hexlen)
		return -1;
	for (size_t w = 0; w < hexlen / 8; w++) {
		char word[9];
		uint32_t v;

		memcpy(word, s + w * 8, 8);
		word[8] = '\0';
		v = (uint32_t)strtoul(word, NULL, 16);
		/* Each 32-bit word is printed in host order. */
		memcpy(b + w * 4, &v, 4);
	}
	if (inet_ntop(v6 ? AF_INET6 : AF_INET, b, out, (socklen_t)outsz) ==
	    NULL)
		return -1;
	*port = (int)strtol(colon + 1, NULL, 16);
	return 0;
}

int
plat_listen_foreach(struct plat_target *t, plat_listen_cb cb, void *payload)
{
	static const struct { const char *file, *proto; bool v6, tcp; } nf[] = {
		{ "/proc/net/tcp", "tcp", false, true },
		{ "/proc/net/tcp6", "tcp6", true, true },
		{ "/proc/net/udp", "udp", false, false },
		{ "/proc/net/udp6", "udp6", true, false },
	};
	struct inode_owner *own = NULL;
	size_t nown = 0;
	int rc = 0;

	if (!plat_target_is_live(t))
		return not_live(t, "the socket table");
	socket_owners(&own, &nown);
	for (size_t i = 0; i < sizeof(nf) / sizeof(*nf) && rc == 0; i++) {
		char *data = NULL, *line, *save = NULL;
		size_t len = 0;

		if (ks_file_read(nf[i].file, NET_FILE_MAX, &data, &len) != 0)
			continue;	/* e.g. no IPv6 */
		line = strtok_r(data, "\n", &save);	/* header */
		while (rc == 0 && (line = strtok_r(NULL, "\n", &save)) !=
		    NULL) {
			char loc[INET6_ADDRSTRLEN], rem[INET6_ADDRSTRLEN];
			char *f[12], *s2 = NULL, *tok, *comm = NULL;
			struct plat_listen l;
			unsigned long inode, st;
			int n = 0;

			for (tok = strtok_r(line, " ", &s2); tok != NULL &&
			    n < 12; tok = strtok_r(NULL, " ", &s2))
				f[n++] = tok;
			if (n < 10)
				continue;
			st = strtoul(f[3], NULL, 16);
			/* TCP_LISTEN is 0x0A; for UDP, an unconnected bound
			 * socket is TCP_CLOSE (0x07). */
			if ((nf[i].tcp && st != 0x0A) ||
			    (!nf[i].tcp && st != 0x07))
				continue;
			memset(&l, 0, sizeof(l));
			if (net_addr(f[1], nf[i].v6, loc, sizeof(loc),
			    &l.local_port) != 0 || net_addr(f[2], nf[i].v6,
			    rem, sizeof(rem), &l.foreign_port) != 0)
				continue;
			l.protocol = nf[i].proto;
			l.local_addr = loc;
			l.foreign_addr = rem;
			l.uid = strtoll(f[7], NULL, 10);
			inode = strtoul(f[9], NULL, 10);
			l.pid = -1;
			for (size_t k = 0; k < nown && inode != 0; k++)
				if (own[k].inode == inode) {
					l.pid = own[k].pid;
					break;
				}
			if (l.pid > 0 && (comm = proc_read(l.pid, "comm",
			    NULL)) != NULL) {
				comm[strcspn(comm, "\n")] = '\0';
				l.program = comm;
			}
			rc = cb(&l, payload);
			free(comm);
		}
		free(data);
	}
	free(own);
	return rc;
}
