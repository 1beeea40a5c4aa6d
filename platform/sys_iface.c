/*
 * Network interface addresses of the running system (getifaddrs(3)), one
 * record per address with the interface's link type, hardware address and
 * flags. Live host only. Not the system_info interfaces (sysinfo.c).
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

static int
prefix_len(const struct in6_addr *m)
{
	int n = 0;

	for (int i = 0; i < 16; i++)
		for (int b = 7; b >= 0; b--) {
			if (!(m->s6_addr[i] & (1u << b)))
				return n;
			n++;
		}
	return n;
}

static void
link_of(const struct ifaddrs *all, const char *name, int *type,
    char *hw, size_t hwsz)
{
	*type = -1;
	hw[0] = '\0';
	for (const struct ifaddrs *j = all; j != NULL; j = j->ifa_next) {
		const struct sockaddr_ll *ll;
		size_t n = 0;

		if (j->ifa_addr == NULL || j->ifa_name == NULL ||
		    j->ifa_addr->sa_family != AF_PACKET ||
		    strcmp(j->ifa_name, name) != 0)
			continue;
		ll = (const struct sockaddr_ll *)(const void *)j->ifa_addr;
		*type = ll->sll_hatype;
		/* IEEE 802 form: octets separated by hyphens (the schema's
		 * hardware_addr documentation). */
		for (int i = 0; i < ll->sll_halen && i < 8 && n + 4 < hwsz;
		    i++) {
			int k = snprintf(hw + n, hwsz - n, i ? "-%02X" :
			    "%02X", ll->sll_addr[i]);

			if (k < 0)
				break;
			n += (size_t)k;
		}
		return;
	}
}

int
plat_ifaddrs_foreach(struct plat_target *t, plat_ifaddr_cb cb, void *payload)
{
	struct ifaddrs *ifa = NULL;
	int rc = 0;

	if (!plat_target_is_live(t)) {
		ks_error_set("%s: network interfaces are only known on the "
		    "live host", plat_target_name(t));
		return KS_EUNSUPPORTED;
	}
	if (getifaddrs(&ifa) != 0)
		return plat_errno_rc(errno, "getifaddrs", NULL);
	for (struct ifaddrs *i = ifa; i != NULL && rc == 0; i = i->ifa_next) {
		char addr[INET6_ADDRSTRLEN + 8], bc[INET6_ADDRSTRLEN];
		char nm[INET6_ADDRSTRLEN], hw[32];
		struct plat_ifaddr a;
		int fam;

		if (i->ifa_name == NULL)
			continue;
		memset(&a, 0, sizeof(a));
		a.name = i->ifa_name;
		a.flags = i->ifa_flags;
		link_of(ifa, i->ifa_name, &a.arp_type, hw, sizeof(hw));
		a.hw_addr = hw[0] != '\0' ? hw : NULL;
		fam = i->ifa_addr != NULL ? i->ifa_addr->sa_family : -1;
		if (fam == AF_INET) {
			const struct sockaddr_in *sin = (const void *)
			    i->ifa_addr;

			if (inet_ntop(AF_INET, &sin->sin_addr, addr,
			    sizeof(addr)) == NULL)
				continue;
			a.addr = addr;
			if (i->ifa_netmask != NULL && inet_ntop(AF_INET,
			    &((const struct sockaddr_in *)(const void *)
			    i->ifa_netmask)->sin_addr, nm, sizeof(nm)) != NULL)
				a.netmask = nm;
			if ((i->ifa_flags & IFF_BROADCAST) &&
			    i->ifa_broadaddr != NULL && inet_ntop(AF_INET,
			    &((const struct sockaddr_in *)(const void *)
			    i->ifa_broadaddr)->sin_addr, bc, sizeof(bc)) !=
			    NULL)
				a.broadcast = bc;
		} else if (fam == AF_INET6) {
			const struct sockaddr_in6 *s6 = (const void *)
			    i->ifa_addr;
			char tmp[INET6_ADDRSTRLEN];
			int plen = i->ifa_netmask != NULL ? prefix_len(
			    &((const struct sockaddr_in6 *)(const void *)
			    i->ifa_netmask)->sin6_addr) : 128, k;

			if (inet_ntop(AF_INET6, &s6->sin6_addr, tmp,
			    sizeof(tmp)) == NULL)
				continue;
			/* "an IPv6 address prefix using CIDR notation" */
			k = snprintf(addr, sizeof(addr), "%s/%d", tmp, plen);
			if (k < 0 || (size_t)k >= sizeof(addr))
				continue;
			a.addr = addr;
		} else if (fam == AF_PACKET) {
			/* Reported alone only when the interface has no IP
			 * address at all. */
			bool other = false;

			for (struct ifaddrs *j = ifa; j != NULL;
			    j = j->ifa_next)
				if (j->ifa_addr != NULL &&
				    j->ifa_name != NULL &&
				    strcmp(j->ifa_name, i->ifa_name) == 0 &&
				    (j->ifa_addr->sa_family == AF_INET ||
				    j->ifa_addr->sa_family == AF_INET6))
					other = true;
			if (other)
				continue;
		} else
			continue;
		rc = cb(&a, payload);
	}
	freeifaddrs(ifa);
	return rc;
}
