/*
 * unix password_object (/etc/passwd, with last_login from /var/log/lastlog)
 * and shadow_object (/etc/shadow, with encrypt_method derived from the
 * hash's prefix), both read through the target's file system. Not NSS: users
 * that only exist in LDAP or other directories are not the target's files
 * and are not seen (the schema's objects describe these files).
 */
#include "oval/probe_unixfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWD_MAX	(16u << 20)	/* /etc/passwd, /etc/shadow */
#define LASTLOG_MAX	(32u << 20)	/* sparse: uid * 292 bytes */
#define LASTLOG_REC	292		/* struct lastlog: time, line, host */
#define ACCT_FIELDS	9

/*
 * Splits one line at ':' into at most `max` fields (in place). Returns the
 * number of fields found.
 */
static int
split_colon(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p != '\0'; p++)
		if (*p == ':') {
			*p = '\0';
			if (n == max)
				return max + 1;	/* too many: malformed */
			f[n++] = p + 1;
		}
	return n;
}

/* Whether a text is a decimal number (what the int entities need). */
static bool
is_num(const char *v)
{
	if (*v == '-')
		v++;
	if (*v == '\0')
		return false;
	for (; *v != '\0'; v++)
		if (*v < '0' || *v > '9')
			return false;
	return true;
}

/* An int entity, or status does not exist when the field is empty and
 * error when it is not a number. */
static void
add_num(struct oval_session *s, struct oval_item *it, const char *name,
    const char *v)
{
	if (v[0] == '\0')
		probe_item_add_status(s, it, name, OVAL_DT_INT,
		    OVAL_ST_DOES_NOT_EXIST);
	else if (is_num(v))
		probe_item_add(s, it, name, v, OVAL_DT_INT);
	else {
		probe_item_add_status(s, it, name, OVAL_DT_INT, OVAL_ST_ERROR);
		probe_item_msg(s, it, "warning", "%s '%s' is not a number",
		    name, v);
	}
}

/* Reads an account file: 0 or a negative code (message set). */
static int
read_file(struct oval_session *s, const char *path, char **data)
{
	size_t len;

	ks_error_clear();
	return plat_fs_read_file(s->target, path, PASSWD_MAX, data, &len);
}

/* The lastlog record time of uid, or -1 when none is recorded. */
static long long
last_login(const char *ll, size_t len, const char *uid)
{
	unsigned long long u;
	size_t off;
	char *end;
	uint32_t t;
	unsigned char b[4];

	if (ll == NULL || !is_num(uid) || uid[0] == '-')
		return -1;
	u = strtoull(uid, &end, 10);
	if (u > (unsigned long long)(len / LASTLOG_REC))
		return -1;
	off = (size_t)u * LASTLOG_REC;
	if (off + 4 > len)
		return -1;
	memcpy(b, ll + off, 4);
	/* ll_time is a 32-bit time in host order on the machine that wrote
	 * it; Linux targets we read are little-endian in practice. */
	t = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
	    ((uint32_t)b[3] << 24);
	return t == 0 ? -1 : (long long)t;
}

struct acct {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*user;
	char				*lastlog;
	size_t				 lastlog_len;
	bool				 lastlog_cut;
};

static void
passwd_item(struct acct *a, char **f)
{
	struct oval_session *s = a->s;
	struct oval_item it;
	long long ll;

	/* unix-system-characteristics password_item, in schema order. */
	probe_item_init(&it, "unix", "password_item");
	probe_item_add(s, &it, "username", f[0], OVAL_DT_STRING);
	probe_item_add(s, &it, "password", f[1], OVAL_DT_STRING);
	add_num(s, &it, "user_id", f[2]);
	add_num(s, &it, "group_id", f[3]);
	probe_item_add(s, &it, "gcos", f[4], OVAL_DT_STRING);
	probe_item_add(s, &it, "home_dir", f[5], OVAL_DT_STRING);
	probe_item_add(s, &it, "login_shell", f[6], OVAL_DT_STRING);
	ll = last_login(a->lastlog, a->lastlog_len, f[2]);
	if (ll >= 0) {
		char buf[24];
		int k = snprintf(buf, sizeof(buf), "%lld", ll);

		if (k > 0 && (size_t)k < sizeof(buf))
			probe_item_add(s, &it, "last_login", buf, OVAL_DT_INT);
	} else if (a->lastlog_cut) {
		probe_item_add_status(s, &it, "last_login", OVAL_DT_INT,
		    OVAL_ST_NOT_COLLECTED);
		probe_item_msg(s, &it, "info", "last_login: /var/log/lastlog "
		    "is larger than %u bytes", LASTLOG_MAX);
	} else
		/* No login recorded (or no lastlog at all). */
		probe_item_add_status(s, &it, "last_login", OVAL_DT_INT,
		    OVAL_ST_DOES_NOT_EXIST);
	probe_item_commit(s, a->c, &it);
}

/* The encryption method a crypt(3) hash's prefix names, per
 * EntityItemEncryptMethodType ("" when none of the listed ones: locked
 * or empty passwords, yescrypt, gost-yescrypt, scrypt...). */
const char *
probe_unixfile_encrypt_method(const char *hash)
{
	size_t n;

	while (*hash == '!')
		hash++;	/* a locked account keeps its hash after "!" */
	n = strlen(hash);
	if (strncmp(hash, "$1$", 3) == 0)
		return "MD5";
	if (strncmp(hash, "$2a$", 4) == 0 || strncmp(hash, "$2b$", 4) == 0 ||
	    strncmp(hash, "$2x$", 4) == 0 || strncmp(hash, "$2y$", 4) == 0 ||
	    strncmp(hash, "$2$", 3) == 0)
		return "Blowfish";
	if (strncmp(hash, "$md5", 4) == 0)
		return "Sun MD5";
	if (strncmp(hash, "$5$", 3) == 0)
		return "SHA-256";
	if (strncmp(hash, "$6$", 3) == 0)
		return "SHA-512";
	if (hash[0] == '_' && n == 20)
		return "BSDi";
	if (n == 13 && strspn(hash, "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz") == 13)
		return "DES";
	return "";
}

static void
shadow_item(struct acct *a, char **f)
{
	struct oval_session *s = a->s;
	struct oval_item it;

	/* unix-system-characteristics shadow_item, in schema order. */
	probe_item_init(&it, "unix", "shadow_item");
	probe_item_add(s, &it, "username", f[0], OVAL_DT_STRING);
	probe_item_add(s, &it, "password", f[1], OVAL_DT_STRING);
	add_num(s, &it, "chg_lst", f[2]);
	add_num(s, &it, "chg_allow", f[3]);
	add_num(s, &it, "chg_req", f[4]);
	add_num(s, &it, "exp_warn", f[5]);
	add_num(s, &it, "exp_inact", f[6]);
	add_num(s, &it, "exp_date", f[7]);
	add_num(s, &it, "flag", f[8]);
	probe_item_add(s, &it, "encrypt_method",
	    probe_unixfile_encrypt_method(f[1]), OVAL_DT_STRING);
	probe_item_commit(s, a->c, &it);
}

static int
collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, bool shadow)
{
	struct acct a = { .s = s, .o = o, .c = c };
	const char *path = shadow ? "/etc/shadow" : "/etc/passwd";
	int want = shadow ? 9 : 7;
	char *data = NULL, *line, *save = NULL;
	uint32_t lineno = 0;
	bool bad = false;
	int rc;

	a.user = probe_ent(o, "username");
	if (a.user == NULL) {
		ks_error_set("the username entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	rc = read_file(s, path, &data);
	if (rc == KS_ENOTFOUND) {
		c->flag = OVAL_FLAG_DOES_NOT_EXIST;
		oval_collected_msg(s, c, "info", "%s %s: %s does not exist",
		    o->type, o->id, path);
		ks_error_clear();
		return 0;
	}
	if (rc < 0) {
		probe_fail(s, o, c, path);
		return 0;
	}
	if (!shadow) {
		size_t len = 0;

		ks_error_clear();
		rc = plat_fs_read_file(s->target, "/var/log/lastlog",
		    LASTLOG_MAX, &a.lastlog, &len);
		a.lastlog_len = rc == 0 ? len : 0;
		a.lastlog_cut = rc == KS_ELIMIT;
		ks_error_clear();
	}
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[ACCT_FIELDS];
		int n;

		lineno++;
		/* NIS compat entries ("+", "-user") and comments are not
		 * accounts of this file. */
		if (line[0] == '#' || line[0] == '+' || line[0] == '-' ||
		    line[0] == '\0')
			continue;
		n = split_colon(line, f, want);
		if (n != want || f[0][0] == '\0') {
			if (!bad)
				oval_collected_msg(s, c, "warning", "%s:%u: "
				    "malformed line skipped", path, lineno);
			bad = true;
			continue;
		}
		rc = probe_match(s, a.user, f[0]);
		if (rc < 0) {
			probe_fail(s, o, c, "username");
			goto out;
		}
		if (rc == 0)
			continue;
		if (shadow)
			shadow_item(&a, f);
		else
			passwd_item(&a, f);
	}
	probe_finish_flag(s, o, c, false, false);
out:
	free(a.lastlog);
	free(data);
	return 0;
}

int
probe_unixfile_password_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c)
{
	return collect(s, o, c, false);
}

int
probe_unixfile_shadow_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c)
{
	return collect(s, o, c, true);
}
