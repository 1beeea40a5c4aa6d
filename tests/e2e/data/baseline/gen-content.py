#!/usr/bin/env python3
"""Writes kensa's embedded default checklist: the XCCDF 1.2 benchmark, its
OVAL 5.11 definitions, the CPE dictionary and the CPE OVAL checks under
data/content/ (kensa-baseline-*.xml). The rules are declared once here, with
their Japanese and English texts, and every document is derived from them so
that the ids, the exported values and the definitions cannot drift apart.
Not run by the build: run it by hand after editing a rule, then run
tests/e2e/baseline-content.sh and update the .expect files if a result moves.

    python3 tests/e2e/data/baseline/gen-content.py [REPO]

The texts are our own (written for kensa); the CCE numbers are the public
identifiers that SCAP Security Guide assigns to the same settings on Red Hat
Enterprise Linux 8 and 9 (no CCE exists for Debian and Ubuntu).
"""
import os
import re
import sys
from xml.sax.saxutils import escape

REPO = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
OUT = os.path.join(REPO, "data", "content")
NS = "org.kensa.baseline"
CPENS = "org.kensa.cpe"
XCCDF_ID = "xccdf_org.kensa_benchmark_baseline"
VERSION = "1.0"
TIMESTAMP = "2026-11-22T00:00:00"


def q(s):
    return escape(s, {'"': "&quot;"})


# --------------------------------------------------------------------------
# Values (XCCDF Value, exported to OVAL external variables by check-export)

VALUES = [
    # id suffix, type, operator, default, server, lower, upper, en, ja,
    # description en, ja
    ("sshd_max_auth_tries", "number", "less than or equal", "4", "3", 1, 10,
     "Maximum SSH authentication attempts per connection",
     "SSH 接続あたりの認証試行回数の上限",
     "The largest MaxAuthTries value sshd may be configured with.",
     "sshd の MaxAuthTries に設定してよい最大値です。"),
    ("pass_max_days", "number", "less than or equal", "365", "90", 1, 99998,
     "Maximum password age (days)",
     "パスワードの最長有効期間（日）",
     "The largest PASS_MAX_DAYS value login.defs may set for new accounts.",
     "login.defs の PASS_MAX_DAYS に設定してよい最大値です（新規アカウントに適用）。"),
    ("pass_min_days", "number", "greater than or equal", "1", "1", 0, 365,
     "Minimum password age (days)",
     "パスワードの最短変更間隔（日）",
     "The smallest PASS_MIN_DAYS value login.defs may set for new accounts.",
     "login.defs の PASS_MIN_DAYS に設定すべき最小値です（新規アカウントに適用）。"),
    ("pass_warn_age", "number", "greater than or equal", "7", "14", 1, 90,
     "Password expiry warning (days)",
     "パスワード期限切れの事前警告（日）",
     "The smallest PASS_WARN_AGE value login.defs may set.",
     "login.defs の PASS_WARN_AGE に設定すべき最小値です。"),
    ("password_min_length", "number", "greater than or equal", "12", "14", 8,
     64,
     "Minimum password length",
     "パスワードの最小文字数",
     "The smallest minlen pam_pwquality may be configured with.",
     "pam_pwquality の minlen に設定すべき最小値です。"),
]
VALUE_VAR = {}          # value id suffix -> OVAL external variable number


def value_id(name):
    return "xccdf_org.kensa_value_" + name


# --------------------------------------------------------------------------
# OVAL builder

class Oval:
    def __init__(self, ns, family_platforms):
        self.ns = ns
        self.defs, self.tests, self.objs, self.states, self.vars = \
            [], [], [], [], []
        self.n = {"tst": 0, "obj": 0, "ste": 0, "var": 0}
        self.platforms = family_platforms
        self.varcache = {}

    def id(self, kind, num=None):
        if num is None:
            self.n[kind] += 1
            num = self.n[kind]
        return "oval:%s:%s:%d" % (self.ns, kind, num)

    def constvar(self, datatype, values, comment):
        key = (datatype, tuple(values))
        if key in self.varcache:
            return self.varcache[key]
        vid = self.id("var")
        body = "".join("<value>%s</value>" % q(v) for v in values)
        self.vars.append('    <constant_variable id="%s" version="1" '
                         'datatype="%s" comment="%s">%s</constant_variable>'
                         % (vid, datatype, q(comment), body))
        self.varcache[key] = vid
        return vid

    def extvar(self, datatype, comment):
        vid = self.id("var")
        self.vars.append('    <external_variable id="%s" version="1" '
                         'datatype="%s" comment="%s"/>'
                         % (vid, datatype, q(comment)))
        return vid

    def tfc(self, comment, pattern, filepath=None, files=None,
            fp_var=None, existence="at_least_one_exists", check="all",
            state=None):
        """textfilecontent54 test over one file, a variable of paths, or
        files: [(directory, file name or ^pattern)], one object per entry
        joined by a set (no filesystem walk: every directory is named);
        state is (operation, datatype, value|None, var_ref|None) on
        subexpression, or None."""
        def obj(where):
            oid = self.id("obj")
            self.objs.append(
                '    <ind:textfilecontent54_object id="%s" version="1" '
                'comment="%s">\n      %s\n      <ind:pattern operation='
                '"pattern match">%s</ind:pattern>\n      <ind:instance '
                'datatype="int" operation="greater than or equal">1'
                '</ind:instance>\n    </ind:textfilecontent54_object>'
                % (oid, q(comment), where, q(pattern)))
            return oid

        if filepath:
            oid = obj('<ind:filepath>%s</ind:filepath>' % q(filepath))
        elif fp_var:
            oid = obj('<ind:filepath var_ref="%s" var_check="at least one"/>'
                      % fp_var)
        else:
            subs = []
            for d, name in files:
                if name.startswith("^"):
                    fn = ('<ind:filename operation="pattern match">%s'
                          '</ind:filename>' % q(name))
                else:
                    fn = '<ind:filename>%s</ind:filename>' % q(name)
                subs.append(obj('<ind:path>%s</ind:path>%s' % (q(d), fn)))
            if len(subs) == 1:
                oid = subs[0]
            else:
                oid = self.id("obj")
                refs = "".join("<object_reference>%s</object_reference>" % x
                               for x in subs)
                self.objs.append(
                    '    <ind:textfilecontent54_object id="%s" version="1" '
                    'comment="%s"><set>%s</set>'
                    '</ind:textfilecontent54_object>'
                    % (oid, q(comment), refs))
        sref = ""
        if state:
            sid = self.id("ste")
            op, dt, val, var = state
            attrs = ' operation="%s"' % op
            if dt != "string":
                attrs += ' datatype="%s"' % dt
            if var:
                self.states.append(
                    '    <ind:textfilecontent54_state id="%s" version="1">'
                    '<ind:subexpression%s var_ref="%s" var_check="all"/>'
                    '</ind:textfilecontent54_state>' % (sid, attrs, var))
            else:
                self.states.append(
                    '    <ind:textfilecontent54_state id="%s" version="1">'
                    '<ind:subexpression%s>%s</ind:subexpression>'
                    '</ind:textfilecontent54_state>' % (sid, attrs, q(val)))
            sref = '<ind:state state_ref="%s"/>' % sid
        tid = self.id("tst")
        self.tests.append(
            '    <ind:textfilecontent54_test id="%s" version="1" check="%s" '
            'check_existence="%s" comment="%s"><ind:object object_ref="%s"/>'
            '%s</ind:textfilecontent54_test>'
            % (tid, check, existence, q(comment), oid, sref))
        return tid

    def file(self, comment, state, path=None, filepath=None, path_var=None,
             filename=None, dirs=False, recurse=False, filt=None,
             existence="at_least_one_exists", check="all"):
        """unix file test. state: dict of file_state entities (in schema
        order) or None; filt: a dict for a filter state (include)."""
        oid = self.id("obj")
        parts = []
        if recurse:
            parts.append('<unix:behaviors recurse="directories" '
                         'recurse_direction="down" max_depth="-1"/>')
        if filepath:
            parts.append('<unix:filepath>%s</unix:filepath>' % q(filepath))
        else:
            if path_var:
                parts.append('<unix:path var_ref="%s" var_check="at least '
                             'one"/>' % path_var)
            else:
                parts.append('<unix:path>%s</unix:path>' % q(path))
            if dirs:
                parts.append('<unix:filename xsi:nil="true"/>')
            elif filename.startswith("^"):
                parts.append('<unix:filename operation="pattern match">%s'
                             '</unix:filename>' % q(filename))
            else:
                parts.append('<unix:filename>%s</unix:filename>'
                             % q(filename))
        if filt:
            fid = self.file_state(filt)
            parts.append('<filter action="include">%s</filter>' % fid)
        self.objs.append(
            '    <unix:file_object id="%s" version="1" comment="%s">\n      %s'
            '\n    </unix:file_object>'
            % (oid, q(comment), "\n      ".join(parts)))
        sref = ""
        if state:
            sref = '<unix:state state_ref="%s"/>' % self.file_state(state)
        tid = self.id("tst")
        self.tests.append(
            '    <unix:file_test id="%s" version="1" check="%s" '
            'check_existence="%s" comment="%s"><unix:object object_ref="%s"/>'
            '%s</unix:file_test>'
            % (tid, check, existence, q(comment), oid, sref))
        return tid

    FILE_ORDER = ["type", "group_id", "user_id", "suid", "sgid", "sticky",
                  "uread", "uwrite", "uexec", "gread", "gwrite", "gexec",
                  "oread", "owrite", "oexec"]

    def file_state(self, ents):
        sid = self.id("ste")
        body = []
        for k in self.FILE_ORDER:
            if k not in ents:
                continue
            v = ents[k]
            if k in ("group_id", "user_id"):
                if isinstance(v, str) and v.startswith("oval:"):
                    body.append('<unix:%s datatype="int" var_ref="%s" '
                                'var_check="at least one"/>' % (k, v))
                else:
                    body.append('<unix:%s datatype="int">%s</unix:%s>'
                                % (k, v, k))
            elif k == "type":
                body.append('<unix:type>%s</unix:type>' % v)
            else:
                body.append('<unix:%s datatype="boolean">%s</unix:%s>'
                            % (k, "true" if v else "false", k))
        self.states.append('    <unix:file_state id="%s" version="1">%s'
                           '</unix:file_state>' % (sid, "".join(body)))
        return sid

    def pkg(self, kind, name, comment):
        oid = self.id("obj")
        self.objs.append('    <linux:%s_object id="%s" version="1" comment="%s">'
                         '<linux:name>%s</linux:name></linux:%s_object>'
                         % (kind, oid, q(comment), q(name), kind))
        tid = self.id("tst")
        self.tests.append(
            '    <linux:%s_test id="%s" version="1" check="all" '
            'check_existence="at_least_one_exists" comment="%s">'
            '<linux:object object_ref="%s"/></linux:%s_test>'
            % (kind, tid, q(comment), oid, kind))
        return tid

    def family(self):
        oid = self.id("obj")
        self.objs.append('    <ind:family_object id="%s" version="1" '
                         'comment="the OS family"/>' % oid)
        sid = self.id("ste")
        self.states.append('    <ind:family_state id="%s" version="1">'
                           '<ind:family>unix</ind:family></ind:family_state>'
                           % sid)
        tid = self.id("tst")
        self.tests.append(
            '    <ind:family_test id="%s" version="1" check="all" '
            'check_existence="at_least_one_exists" comment="family is unix">'
            '<ind:object object_ref="%s"/><ind:state state_ref="%s"/>'
            '</ind:family_test>' % (tid, oid, sid))
        return tid

    def definition(self, num, cls, title, desc, criteria, refs=()):
        did = "oval:%s:def:%d" % (self.ns, num)
        aff = "".join("<platform>%s</platform>" % p for p in self.platforms)
        refx = "".join('<reference source="%s" ref_id="%s"/>' % r
                       for r in refs)
        self.defs.append(
            '    <definition id="%s" version="1" class="%s">\n'
            '      <metadata><title>%s</title><affected family="unix">%s'
            '</affected>%s<description>%s</description></metadata>\n'
            '      %s\n    </definition>'
            % (did, cls, q(title), aff, refx, q(desc), criteria))
        return did

    def write(self, path, comment):
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            f.write("<!-- %s\n     Generated by tests/e2e/data/baseline/"
                    "gen-content.py: edit the rules there. -->\n" % comment)
            f.write(
                '<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/'
                'oval-definitions-5" xmlns:oval="http://oval.mitre.org/'
                'XMLSchema/oval-common-5" xmlns:ind="http://oval.mitre.org/'
                'XMLSchema/oval-definitions-5#independent" xmlns:linux="http:'
                '//oval.mitre.org/XMLSchema/oval-definitions-5#linux" '
                'xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions'
                '-5#unix" xmlns:xsi="http://www.w3.org/2001/XMLSchema-'
                'instance">\n')
            f.write("  <generator>\n    <oval:product_name>kensa"
                    "</oval:product_name>\n    <oval:schema_version>5.11.2"
                    "</oval:schema_version>\n    <oval:timestamp>%s"
                    "</oval:timestamp>\n  </generator>\n" % TIMESTAMP)
            for tag, items in (("definitions", self.defs),
                               ("tests", self.tests),
                               ("objects", self.objs),
                               ("states", self.states),
                               ("variables", self.vars)):
                if not items:
                    continue
                f.write("  <%s>\n%s\n  </%s>\n" % (tag, "\n".join(items), tag))
            f.write("</oval_definitions>\n")


def crit(tests, op="AND"):
    """criteria from [(test_id, comment, negate)]"""
    c = "".join('<criterion test_ref="%s" comment="%s"%s/>'
                % (t, q(cm), ' negate="true"' if neg else "")
                for t, cm, neg in tests)
    return '<criteria operator="%s">%s</criteria>' % (op, c)


# --------------------------------------------------------------------------
# Rules

CONF = r"^.*\.conf$"
SSHD_FILES = [("/etc/ssh", "sshd_config"), ("/etc/ssh/sshd_config.d", CONF)]
SYSCTL_FILES = [("/etc", "sysctl.conf"), ("/etc/sysctl.d", CONF)]
LOGIN_DEFS = "/etc/login.defs"
PWQUALITY_FILES = [("/etc/security", "pwquality.conf"),
                   ("/etc/security/pwquality.conf.d", CONF)]
PAM_FILES = [("/etc/pam.d", r"^.*$")]
APT_CONF_FILES = [("/etc/apt", "apt.conf"), ("/etc/apt/apt.conf.d", r"^.*$")]

RULES = []
GROUPS = []


def group(gid, en, ja, den, dja, platform=None, parent=None):
    GROUPS.append(dict(id=gid, en=en, ja=ja, den=den, dja=dja,
                       platform=platform, parent=parent))


def rule(name, grp, sev, en, ja, den, dja, ren, rja, check, cce=(),
         values=(), ref=None):
    RULES.append(dict(name=name, group=grp, sev=sev, en=en, ja=ja, den=den,
                      dja=dja, ren=ren, rja=rja, check=check, cce=cce,
                      values=values, ref=ref))


def sshd_kw(keyword):
    # sshd_config keywords are case-insensitive; "Keyword value" and
    # "Keyword=value" are both accepted by sshd.
    return r"(?i)^[ \t]*%s(?:[ \t]*=[ \t]*|[ \t]+)(\S+)" % keyword


def sshd_check(keyword, want, required, datatype="string", op=None,
               var=None):
    def build(o):
        st = (op or "case insensitive equals", datatype, want, var)
        return [(o.tfc("%s in sshd_config and its drop-ins" % keyword,
                       sshd_kw(keyword), files=SSHD_FILES,
                       existence="at_least_one_exists" if required
                       else "any_exist", state=st),
                 "every %s line is %s" % (keyword, want or "within bounds"),
                 False)]
    return build


def sysctl_key(key):
    return r"^[ \t]*-?%s[ \t]*=[ \t]*(\S+)" % key.replace(".", "[./]")


def sysctl_check(key, want, required):
    def build(o):
        return [(o.tfc("%s in /etc/sysctl.conf and /etc/sysctl.d" % key,
                       sysctl_key(key), files=SYSCTL_FILES,
                       existence="at_least_one_exists" if required
                       else "any_exist",
                       state=("equals", "int", want, None)),
                 "every %s setting is %s" % (key, want), False)]
    return build


def login_defs_check(keyword, value, op):
    def build(o):
        var = o.extvar("int", "XCCDF value %s" % value)
        VALUE_VAR[value] = var
        return [(o.tfc("%s in /etc/login.defs" % keyword,
                       r"^[ \t]*%s[ \t]+(\d+)[ \t]*$" % keyword,
                       filepath=LOGIN_DEFS,
                       state=(op, "int", None, var)),
                 "%s %s the required value" % (keyword, op), False)]
    return build


def none_check(comment, pattern, **where):
    def build(o):
        return [(o.tfc(comment, pattern, existence="none_exist", **where),
                 comment, False)]
    return build


# Permission sets: what "not more permissive than MODE" forbids.
def perms(mode, dirs=False):
    bits = [("uread", 0o400), ("uwrite", 0o200), ("uexec", 0o100),
            ("gread", 0o040), ("gwrite", 0o020), ("gexec", 0o010),
            ("oread", 0o004), ("owrite", 0o002), ("oexec", 0o001)]
    st = {"suid": False, "sgid": False}
    if not dirs:
        st["sticky"] = False
    for k, b in bits:
        if not mode & b:
            st[k] = False
    return st


def file_check(comment, st, existence="at_least_one_exists", **where):
    def build(o):
        s = dict(st)
        if s.get("group_id") == "ROOT_OR_SHADOW":
            # Debian's base-passwd gives the shadow group the static gid
            # 42; Red Hat-family systems keep these files in group root.
            s["group_id"] = o.constvar("int", ["0", "42"],
                                       "gid root or shadow")
        return [(o.file(comment, s, existence=existence, **where), comment,
                 False)]
    return build


# The group carries the platform "an OpenSSH server is installed" (a
# cpe-lang platform over cpe:/a:openbsd:openssh, see openssh_server()): on
# a target without the server its rules are notapplicable instead of
# failing on a missing or leftover sshd_config. The permission rules for
# sshd_config and the host keys (group permissions) stay everywhere: they
# pass when the files are absent and still guard keys a removed server
# left behind.
OPENSSH_PLATFORM = "kensa_platform_openssh_server"
group("xccdf_org.kensa_group_ssh", "SSH server", "SSH サーバー",
      "Settings of the OpenSSH server read from /etc/ssh/sshd_config and "
      "the drop-in files in /etc/ssh/sshd_config.d/. Every occurrence of a "
      "keyword is checked, also inside Match blocks, so a permissive value "
      "anywhere fails the rule. The rules apply only where an OpenSSH "
      "server is installed (the package openssh-server, or /usr/sbin/sshd); "
      "elsewhere they are not applicable.",
      "/etc/ssh/sshd_config と /etc/ssh/sshd_config.d/ のドロップインファイル"
      "から読み取る OpenSSH サーバーの設定です。キーワードの出現箇所をすべて"
      "（Match ブロック内も含めて）検査するため、どこか一箇所でも緩い値があれば"
      "不合格になります。これらのルールは OpenSSH サーバー（openssh-server "
      "パッケージまたは /usr/sbin/sshd）がインストールされている場合にだけ"
      "適用され、それ以外では適用対象外になります。",
      platform="#" + OPENSSH_PLATFORM)

rule("sshd_disable_root_login", "ssh", "high",
     "SSH: direct root login is disabled",
     "SSH: root での直接ログインを禁止する",
     "sshd_config sets PermitRootLogin no, and no file sets another value.",
     "sshd_config で PermitRootLogin no を設定し、他の値を設定するファイルが"
     "ないこと。",
     "Administrators should log in as themselves and raise privileges with "
     "sudo, so that every action is attributable to a person and the root "
     "password or key is not a direct target for attackers.",
     "管理者は個人のアカウントでログインし sudo で権限を昇格すべきです。操作を"
     "個人に帰属させ、root のパスワードや鍵が直接の攻撃対象になるのを防ぎます。",
     sshd_check("PermitRootLogin", "no", True),
     cce=("CCE-80901-2", "CCE-90800-4"))
rule("sshd_disable_empty_passwords", "ssh", "high",
     "SSH: login with an empty password is refused",
     "SSH: 空パスワードでのログインを拒否する",
     "PermitEmptyPasswords is not set, or set to no everywhere (the "
     "OpenSSH default is no).",
     "PermitEmptyPasswords が未設定であるか、すべての箇所で no であること"
     "（OpenSSH の既定値は no）。",
     "An account without a password must never be reachable from the "
     "network.",
     "パスワードのないアカウントにネットワークから到達できてはなりません。",
     sshd_check("PermitEmptyPasswords", "no", False),
     cce=("CCE-80896-4", "CCE-90799-8"))
rule("sshd_disable_password_authentication", "ssh", "medium",
     "SSH: password authentication is disabled",
     "SSH: パスワード認証を無効にする",
     "sshd_config sets PasswordAuthentication no; users authenticate with "
     "keys or another strong method.",
     "sshd_config で PasswordAuthentication no を設定し、鍵認証などの強固な"
     "方式で認証すること。",
     "Passwords can be guessed and are the main target of automated "
     "attacks on SSH; public-key authentication is not exposed to "
     "guessing.",
     "パスワードは推測される可能性があり、SSH への自動攻撃の主な標的です。"
     "公開鍵認証は推測攻撃の対象になりません。",
     sshd_check("PasswordAuthentication", "no", True))
rule("sshd_disable_x11_forwarding", "ssh", "medium",
     "SSH: X11 forwarding is disabled",
     "SSH: X11 フォワーディングを無効にする",
     "X11Forwarding is not set, or set to no everywhere (the OpenSSH "
     "default is no; Debian and Ubuntu ship X11Forwarding yes).",
     "X11Forwarding が未設定であるか、すべての箇所で no であること"
     "（OpenSSH の既定値は no。Debian と Ubuntu の初期設定は yes）。",
     "A forwarded X11 display lets the server side reach the client's "
     "display, keyboard and clipboard; servers rarely need it.",
     "X11 転送を使うと、サーバー側からクライアントの画面・キーボード・"
     "クリップボードに到達できます。サーバーで必要になることはまれです。",
     sshd_check("X11Forwarding", "no", False),
     cce=("CCE-83360-8", "CCE-90798-0"))
rule("sshd_max_auth_tries", "ssh", "medium",
     "SSH: authentication attempts per connection are limited",
     "SSH: 接続あたりの認証試行回数を制限する",
     "sshd_config sets MaxAuthTries to at most "
     '<sub idref="xccdf_org.kensa_value_sshd_max_auth_tries" use="value"/>.',
     "sshd_config で MaxAuthTries を "
     '<sub idref="xccdf_org.kensa_value_sshd_max_auth_tries" use="value"/> '
     "以下に設定すること。",
     "A low limit slows down password guessing and makes failed attempts "
     "visible in the logs sooner.",
     "上限を低くするとパスワード推測が遅くなり、失敗した試行がより早くログに"
     "現れます。",
     lambda o: sshd_check("MaxAuthTries", None, True, "int",
                          "less than or equal",
                          VALUE_VAR.setdefault(
                              "sshd_max_auth_tries",
                              o.extvar("int", "XCCDF value "
                                       "sshd_max_auth_tries")))(o),
     cce=("CCE-83500-9", "CCE-90810-3"), values=("sshd_max_auth_tries",))
rule("sshd_ignore_rhosts", "ssh", "medium",
     "SSH: .rhosts files are ignored",
     "SSH: .rhosts ファイルを無視する",
     "IgnoreRhosts is not set, or set to yes everywhere (the OpenSSH "
     "default is yes).",
     "IgnoreRhosts が未設定であるか、すべての箇所で yes であること"
     "（OpenSSH の既定値は yes）。",
     "Host-based trust through .rhosts and .shosts files lets any user "
     "grant access to their account without a password.",
     ".rhosts や .shosts によるホストベースの信頼を許すと、利用者が各自の"
     "アカウントへのパスワードなしのアクセスを他者に許可できてしまいます。",
     sshd_check("IgnoreRhosts", "yes", False),
     cce=("CCE-80899-8", "CCE-90797-2"))
rule("sshd_disable_user_environment", "ssh", "medium",
     "SSH: users cannot pass environment options to sshd",
     "SSH: 利用者による環境変数の受け渡しを禁止する",
     "PermitUserEnvironment is not set, or set to no everywhere (the "
     "OpenSSH default is no).",
     "PermitUserEnvironment が未設定であるか、すべての箇所で no であること"
     "（OpenSSH の既定値は no）。",
     "Environment variables such as LD_PRELOAD set from "
     "~/.ssh/environment can bypass restrictions placed on an account.",
     "~/.ssh/environment から LD_PRELOAD などの環境変数を設定できると、"
     "アカウントに課した制限を回避される恐れがあります。",
     sshd_check("PermitUserEnvironment", "no", False),
     cce=("CCE-80903-8", "CCE-90803-8"))
rule("sshd_strong_ciphers", "ssh", "medium",
     "SSH: no weak ciphers are enabled",
     "SSH: 弱い暗号方式を有効にしない",
     "No Ciphers line enables a CBC-mode, RC4 (arcfour), 3DES, Blowfish or "
     "CAST cipher. Without a Ciphers line the OpenSSH defaults apply, "
     "which contain none of them.",
     "Ciphers の行で CBC モード、RC4（arcfour）、3DES、Blowfish、CAST の"
     "暗号を有効にしていないこと。Ciphers の行がなければ、これらを含まない"
     "OpenSSH の既定値が使われます。",
     "These ciphers have known weaknesses (plaintext recovery in CBC mode, "
     "biased RC4 key streams, 64-bit blocks).",
     "これらの暗号には既知の弱点（CBC モードでの平文回復、RC4 の鍵ストリームの"
     "偏り、64 ビットブロック）があります。",
     none_check("a Ciphers line enabling a weak cipher",
                r"(?i)^[ \t]*Ciphers(?:[ \t]*=[ \t]*|[ \t]+)([^-\s]\S*"
                r"(?:-cbc|arcfour|3des|blowfish|cast128)\S*)",
                files=SSHD_FILES))

group("xccdf_org.kensa_group_accounts", "Login and password policy",
      "ログインとパスワードのポリシー",
      "Password ageing defaults in /etc/login.defs, password quality, empty "
      "passwords and accounts with root privileges. login.defs values apply "
      "to accounts created after the change; existing accounts keep the "
      "values in /etc/shadow.",
      "/etc/login.defs のパスワード有効期間の既定値、パスワードの品質、空"
      "パスワード、root 権限を持つアカウントについての設定です。login.defs の"
      "値は変更後に作成するアカウントに適用され、既存のアカウントは "
      "/etc/shadow の値のままです。")

rule("login_defs_pass_max_days", "accounts", "medium",
     "Passwords expire after a bounded time",
     "パスワードの有効期間を制限する",
     "/etc/login.defs sets PASS_MAX_DAYS to at most "
     '<sub idref="xccdf_org.kensa_value_pass_max_days" use="value"/> days.',
     "/etc/login.defs で PASS_MAX_DAYS を "
     '<sub idref="xccdf_org.kensa_value_pass_max_days" use="value"/> '
     "日以下に設定すること。",
     "A password that never expires stays usable indefinitely after it "
     "leaks.",
     "期限のないパスワードは、漏えいした後も無期限に使われ続けます。",
     login_defs_check("PASS_MAX_DAYS", "pass_max_days", "less than or equal"),
     cce=("CCE-80647-1", "CCE-83606-4"), values=("pass_max_days",))
rule("login_defs_pass_min_days", "accounts", "medium",
     "Passwords cannot be changed again immediately",
     "パスワードの即時再変更を防ぐ",
     "/etc/login.defs sets PASS_MIN_DAYS to at least "
     '<sub idref="xccdf_org.kensa_value_pass_min_days" use="value"/> day(s).',
     "/etc/login.defs で PASS_MIN_DAYS を "
     '<sub idref="xccdf_org.kensa_value_pass_min_days" use="value"/> '
     "日以上に設定すること。",
     "Without a minimum age users can cycle through changes and return to "
     "a previous password at once, defeating the history check.",
     "最短変更間隔がないと、変更を繰り返してすぐに以前のパスワードに戻せる"
     "ため、履歴による制限が意味を失います。",
     login_defs_check("PASS_MIN_DAYS", "pass_min_days",
                      "greater than or equal"),
     cce=("CCE-80648-9", "CCE-83610-6"), values=("pass_min_days",))
rule("login_defs_pass_warn_age", "accounts", "low",
     "Users are warned before their password expires",
     "パスワードの期限切れを事前に警告する",
     "/etc/login.defs sets PASS_WARN_AGE to at least "
     '<sub idref="xccdf_org.kensa_value_pass_warn_age" use="value"/> days.',
     "/etc/login.defs で PASS_WARN_AGE を "
     '<sub idref="xccdf_org.kensa_value_pass_warn_age" use="value"/> '
     "日以上に設定すること。",
     "A warning gives users time to choose a good new password instead of "
     "being locked out or rushed.",
     "事前に警告すれば、締め出されたり急いで決めたりせずに、良い新しい"
     "パスワードを選ぶ時間ができます。",
     login_defs_check("PASS_WARN_AGE", "pass_warn_age",
                      "greater than or equal"),
     cce=("CCE-80671-1", "CCE-83609-8"), values=("pass_warn_age",))
rule("login_defs_umask", "accounts", "medium",
     "The default umask keeps new files private to owner and group",
     "既定の umask で新規ファイルを所有者とグループに限定する",
     "/etc/login.defs sets UMASK so that new files are not writable by the "
     "group and not accessible by others (027 or 077).",
     "/etc/login.defs の UMASK を、新規ファイルがグループから書き込めず、"
     "その他の利用者からアクセスできない値（027 または 077）にすること。",
     "With the common default 022 every new file of every user is "
     "readable by all local accounts.",
     "一般的な既定値 022 では、すべての利用者の新規ファイルがすべての"
     "ローカルアカウントから読めてしまいます。",
     lambda o: [(o.tfc("UMASK in /etc/login.defs",
                       r"^[ \t]*UMASK[ \t]+(\S+)", filepath=LOGIN_DEFS,
                       state=("pattern match", "string",
                              r"^0?[0-7][2367]7$", None)),
                 "UMASK denies group write and all access by others", False)],
     cce=("CCE-82888-9", "CCE-83647-8"))
rule("pwquality_minlen", "accounts", "medium",
     "New passwords have a minimum length",
     "新しいパスワードに最小文字数を課す",
     "pam_pwquality's configuration (/etc/security/pwquality.conf or a file "
     "in pwquality.conf.d) sets minlen to at least "
     '<sub idref="xccdf_org.kensa_value_password_min_length" use="value"/>.',
     "pam_pwquality の設定（/etc/security/pwquality.conf または "
     "pwquality.conf.d 内のファイル）で minlen を "
     '<sub idref="xccdf_org.kensa_value_password_min_length" use="value"/> '
     "以上に設定すること。",
     "Length is the property that most increases the cost of guessing a "
     "password.",
     "パスワード推測のコストを最も大きく高めるのは長さです。",
     lambda o: [(o.tfc("minlen in pwquality.conf and pwquality.conf.d",
                       r"^[ \t]*minlen[ \t]*=[ \t]*(\d+)",
                       files=PWQUALITY_FILES,
                       state=("greater than or equal", "int", None,
                              VALUE_VAR.setdefault(
                                  "password_min_length",
                                  o.extvar("int", "XCCDF value "
                                           "password_min_length")))),
                 "minlen is at least the required length", False)],
     cce=("CCE-80656-2", "CCE-83579-3"), values=("password_min_length",))
rule("no_empty_password_fields", "accounts", "high",
     "No account has an empty password field",
     "パスワード欄が空のアカウントがない",
     "No line of /etc/shadow has an empty second (password) field.",
     "/etc/shadow のどの行も、2 番目のフィールド（パスワード）が空でないこと。",
     "An empty password field lets anyone log in to the account without "
     "a password wherever empty passwords are accepted.",
     "パスワード欄が空だと、空パスワードを受け付ける経路では誰でもパスワード"
     "なしでそのアカウントにログインできます。",
     none_check("an /etc/shadow entry with an empty password",
                r"^([^:\n]+)::", filepath="/etc/shadow"),
     cce=("CCE-85953-8", "CCE-85972-8"))
rule("pam_unix_no_nullok", "accounts", "medium",
     "PAM does not accept empty passwords",
     "PAM で空パスワードを受け付けない",
     "No active line in /etc/pam.d/ passes the nullok or nullok_secure "
     "option to pam_unix.so.",
     "/etc/pam.d/ の有効な行で pam_unix.so に nullok または nullok_secure を"
     "指定していないこと。",
     "With nullok, pam_unix lets an account whose password field is empty "
     "log in without any password.",
     "nullok を指定すると、pam_unix はパスワード欄が空のアカウントに"
     "パスワードなしのログインを許します。",
     none_check("pam_unix.so with nullok",
                r"^[ \t]*[^#\n]*pam_unix\.so[^#\n]*\b(nullok(?:_secure)?)\b",
                files=PAM_FILES),
     cce=("CCE-80841-0", "CCE-83611-4"))
rule("no_uid_zero_besides_root", "accounts", "high",
     "Only root has user id 0",
     "UID 0 は root のみ",
     "No account other than root has user id 0 in /etc/passwd.",
     "/etc/passwd で root 以外に UID 0 のアカウントがないこと。",
     "Every account with uid 0 has full control of the system; extra ones "
     "are a common backdoor and escape accountability.",
     "UID 0 のアカウントはシステムを完全に制御できます。root 以外のものは"
     "典型的なバックドアであり、操作の責任追跡もできません。",
     none_check("an /etc/passwd entry other than root with uid 0",
                r"^(?!root:)([^:\n]*):[^:\n]*:0:", filepath="/etc/passwd"),
     cce=("CCE-80649-7", "CCE-83624-7"))

group("xccdf_org.kensa_group_sysctl", "Kernel network hardening (sysctl)",
      "カーネルのネットワーク強化（sysctl）",
      "Kernel parameters as configured in /etc/sysctl.conf and "
      "/etc/sysctl.d/*.conf, which systemd-sysctl applies at boot. The "
      "running values are not read: the checklist also evaluates offline "
      "system images. Where the kernel default is already safe, the rule "
      "passes when no file sets the parameter; otherwise it must be set. "
      "Every setting found must have the safe value.",
      "起動時に systemd-sysctl が適用する /etc/sysctl.conf と "
      "/etc/sysctl.d/*.conf に設定されたカーネルパラメーターです。オフラインの"
      "システムイメージも評価するため、実行中の値は読みません。カーネルの既定値が"
      "安全なものは、どのファイルでも設定していなければ合格です。それ以外は明示的"
      "な設定が必要です。見つかった設定はすべて安全な値でなければなりません。")

SYSCTL = [
    # name, key, value, required, severity, cce, en, ja, den, dja, ren, rja
    ("sysctl_ip_forward", "net.ipv4.ip_forward", "0", False, "medium",
     ("CCE-81024-2", "CCE-83998-5"),
     "IPv4 forwarding is disabled", "IPv4 転送を無効にする",
     "The host does not route packets between its interfaces unless it is "
     "meant to be a router.",
     "ルーターとして使う場合を除き、インターフェース間でパケットを転送しない"
     "こと。"),
    ("sysctl_all_accept_redirects", "net.ipv4.conf.all.accept_redirects",
     "0", True, "medium", ("CCE-80917-8", "CCE-84011-6"),
     "ICMP redirects are not accepted (all interfaces)",
     "ICMP リダイレクトを受け付けない（全インターフェース）",
     "Forged ICMP redirects can reroute the host's traffic through an "
     "attacker.",
     "偽造された ICMP リダイレクトにより、通信が攻撃者経由に変えられる恐れが"
     "あります。"),
    ("sysctl_default_accept_redirects",
     "net.ipv4.conf.default.accept_redirects", "0", True, "medium",
     ("CCE-80919-4", "CCE-84003-3"),
     "ICMP redirects are not accepted (new interfaces)",
     "ICMP リダイレクトを受け付けない（新規インターフェース）",
     "Forged ICMP redirects can reroute the host's traffic through an "
     "attacker.",
     "偽造された ICMP リダイレクトにより、通信が攻撃者経由に変えられる恐れが"
     "あります。"),
    ("sysctl_all_send_redirects", "net.ipv4.conf.all.send_redirects", "0",
     True, "medium", ("CCE-80918-6", "CCE-83997-7"),
     "ICMP redirects are not sent (all interfaces)",
     "ICMP リダイレクトを送信しない（全インターフェース）",
     "Only routers need to send redirects; a host that sends them reveals "
     "routing information.",
     "リダイレクトを送る必要があるのはルーターだけです。送信するホストは"
     "経路情報を漏らします。"),
    ("sysctl_default_send_redirects", "net.ipv4.conf.default.send_redirects",
     "0", True, "medium", ("CCE-80921-0", "CCE-83999-3"),
     "ICMP redirects are not sent (new interfaces)",
     "ICMP リダイレクトを送信しない（新規インターフェース）",
     "Only routers need to send redirects; a host that sends them reveals "
     "routing information.",
     "リダイレクトを送る必要があるのはルーターだけです。送信するホストは"
     "経路情報を漏らします。"),
    ("sysctl_all_accept_source_route",
     "net.ipv4.conf.all.accept_source_route", "0", False, "medium",
     ("CCE-81011-9", "CCE-84001-7"),
     "Source-routed packets are refused (all interfaces)",
     "ソースルーティングされたパケットを拒否する（全インターフェース）",
     "Source routing lets the sender choose the path of a packet and can "
     "bypass network access controls.",
     "ソースルーティングは送信者にパケットの経路を選ばせ、ネットワークの"
     "アクセス制御を迂回される恐れがあります。"),
    ("sysctl_default_accept_source_route",
     "net.ipv4.conf.default.accept_source_route", "0", False, "medium",
     ("CCE-80920-2", "CCE-84007-4"),
     "Source-routed packets are refused (new interfaces)",
     "ソースルーティングされたパケットを拒否する（新規インターフェース）",
     "Source routing lets the sender choose the path of a packet and can "
     "bypass network access controls.",
     "ソースルーティングは送信者にパケットの経路を選ばせ、ネットワークの"
     "アクセス制御を迂回される恐れがあります。"),
    ("sysctl_all_rp_filter", "net.ipv4.conf.all.rp_filter", "1", True,
     "medium", ("CCE-81021-8", "CCE-84008-2"),
     "Reverse-path filtering is strict",
     "逆経路フィルタリングを厳格モードにする",
     "Strict reverse-path filtering drops packets whose source address "
     "could not be answered through the interface they arrived on, which "
     "defeats many spoofing attacks.",
     "厳格な逆経路フィルタリングは、到着したインターフェースからは応答できない"
     "送信元アドレスのパケットを破棄し、多くのなりすまし攻撃を防ぎます。"),
    ("sysctl_tcp_syncookies", "net.ipv4.tcp_syncookies", "1", False,
     "medium", ("CCE-80923-6", "CCE-84006-6"),
     "TCP SYN cookies are enabled", "TCP SYN クッキーを有効にする",
     "SYN cookies keep the host answering legitimate connections during a "
     "SYN flood.",
     "SYN クッキーにより、SYN フラッド攻撃の最中でも正当な接続に応答し続け"
     "られます。"),
    ("sysctl_icmp_echo_ignore_broadcasts",
     "net.ipv4.icmp_echo_ignore_broadcasts", "1", False, "medium",
     ("CCE-80922-8", "CCE-84004-1"),
     "Broadcast ICMP echo requests are ignored",
     "ブロードキャスト宛ての ICMP エコー要求を無視する",
     "Answering broadcast pings makes the host an amplifier in smurf "
     "attacks.",
     "ブロードキャスト宛ての ping に応答すると、smurf 攻撃の増幅器として"
     "使われます。"),
    ("sysctl_all_log_martians", "net.ipv4.conf.all.log_martians", "1", True,
     "low", ("CCE-81018-4", "CCE-84000-9"),
     "Packets with impossible addresses are logged (all interfaces)",
     "ありえないアドレスのパケットを記録する（全インターフェース）",
     "Logged martian packets reveal spoofing attempts and misrouted "
     "traffic.",
     "マーシャンパケットを記録すると、なりすましの試みや誤った経路の通信が"
     "分かります。"),
    ("sysctl_default_log_martians", "net.ipv4.conf.default.log_martians",
     "1", True, "low", ("CCE-81020-0", "CCE-84014-0"),
     "Packets with impossible addresses are logged (new interfaces)",
     "ありえないアドレスのパケットを記録する（新規インターフェース）",
     "Logged martian packets reveal spoofing attempts and misrouted "
     "traffic.",
     "マーシャンパケットを記録すると、なりすましの試みや誤った経路の通信が"
     "分かります。"),
    ("sysctl_randomize_va_space", "kernel.randomize_va_space", "2", False,
     "medium", ("CCE-80916-0", "CCE-83971-2"),
     "Address space layout randomisation is fully enabled",
     "アドレス空間配置のランダム化（ASLR）を完全に有効にする",
     "Randomised stack, heap, mmap and VDSO addresses make memory "
     "corruption exploits much harder to write reliably.",
     "スタック、ヒープ、mmap、VDSO のアドレスをランダム化すると、メモリ破壊の"
     "脆弱性を確実に悪用することが非常に難しくなります。"),
]
for (name, key, val, req, sev, cce, en, ja, ren, rja) in SYSCTL:
    if req:
        den = ("%s is set to %s in /etc/sysctl.conf or /etc/sysctl.d/*.conf, "
               "and no file sets another value." % (key, val))
        dja = ("/etc/sysctl.conf または /etc/sysctl.d/*.conf で %s を %s に"
               "設定し、他の値を設定するファイルがないこと。" % (key, val))
    else:
        den = ("%s is %s: not set (the kernel default is %s), or set to %s in "
               "every file of /etc/sysctl.conf and /etc/sysctl.d/*.conf that "
               "sets it." % (key, val, val, val))
        dja = ("%s が %s であること。未設定（カーネルの既定値は %s）であるか、"
               "/etc/sysctl.conf と /etc/sysctl.d/*.conf のうち設定している"
               "すべてのファイルで %s であること。" % (key, val, val, val))
    rule(name, "sysctl", sev, en, ja, den, dja, ren, rja,
         sysctl_check(key, val, req), cce=cce)

group("xccdf_org.kensa_group_permissions", "Permissions of sensitive files",
      "重要なファイルのアクセス権",
      "Owner, group and mode of the account databases, the SSH server "
      "configuration and keys, and cron's configuration. A rule passes when "
      "the mode is not more permissive than the one named.",
      "アカウントのデータベース、SSH サーバーの設定と鍵、cron の設定の所有者・"
      "グループ・モードです。モードが指定より緩くなければ合格です。")

FILES = [
    # name, sev, filepath, mode, uid, gid, existence, cce, en, ja, ren, rja
    ("file_etc_passwd", "medium", "/etc/passwd", 0o644, 0, 0, "at_least_one_exists",
     ("CCE-80812-1", "CCE-80803-0", "CCE-80798-2", "CCE-83931-6",
      "CCE-83943-1", "CCE-83950-6"),
     "/etc/passwd is owned by root and not writable by others",
     "/etc/passwd は root が所有し、他者が書き込めない",
     "Anyone who can write /etc/passwd can create a root account.",
     "/etc/passwd に書き込める者は root アカウントを作成できます。"),
    ("file_etc_group", "medium", "/etc/group", 0o644, 0, 0, "at_least_one_exists",
     ("CCE-80810-5", "CCE-80801-4", "CCE-80796-6", "CCE-83934-0",
      "CCE-83925-8", "CCE-83945-6"),
     "/etc/group is owned by root and not writable by others",
     "/etc/group は root が所有し、他者が書き込めない",
     "Anyone who can write /etc/group can add themselves to privileged "
     "groups such as sudo or wheel.",
     "/etc/group に書き込める者は、自分を sudo や wheel などの特権グループに"
     "追加できます。"),
    ("file_etc_shadow", "medium", "/etc/shadow", 0o640, 0, "ROOT_OR_SHADOW",
     "at_least_one_exists",
     ("CCE-80804-8", "CCE-80799-0", "CCE-83926-6", "CCE-83930-8"),
     "/etc/shadow is readable only by root and the shadow group",
     "/etc/shadow は root と shadow グループのみが読める",
     "The password hashes in /etc/shadow can be cracked offline by anyone "
     "who can read them.",
     "/etc/shadow のパスワードハッシュは、読める者なら誰でもオフラインで解読を"
     "試みられます。"),
    ("file_etc_gshadow", "medium", "/etc/gshadow", 0o640, 0, "ROOT_OR_SHADOW",
     "at_least_one_exists",
     ("CCE-80802-2", "CCE-80797-4", "CCE-83924-1", "CCE-83948-0"),
     "/etc/gshadow is readable only by root and the shadow group",
     "/etc/gshadow は root と shadow グループのみが読める",
     "/etc/gshadow holds group passwords and group administrators.",
     "/etc/gshadow にはグループのパスワードとグループ管理者が記録されています。"),
    ("file_sshd_config", "medium", "/etc/ssh/sshd_config", 0o600, 0, 0,
     "any_exist",
     ("CCE-82894-7", "CCE-82898-8", "CCE-82901-0", "CCE-90818-6",
      "CCE-90821-0", "CCE-90817-8"),
     "sshd_config is readable and writable only by root",
     "sshd_config は root のみが読み書きできる",
     "The SSH server configuration reveals which accounts and methods are "
     "allowed, and must be changed only by root.",
     "SSH サーバーの設定からは許可されたアカウントや認証方式が分かります。"
     "変更できるのも root だけであるべきです。"),
    ("file_crontab", "medium", "/etc/crontab", 0o600, 0, 0, "any_exist",
     ("CCE-82206-4", "CCE-82224-7", "CCE-82223-9", "CCE-84176-7",
      "CCE-84167-6", "CCE-84171-8"),
     "/etc/crontab is readable and writable only by root",
     "/etc/crontab は root のみが読み書きできる",
     "Jobs in /etc/crontab run as root; others must neither change nor "
     "read the schedule.",
     "/etc/crontab のジョブは root として実行されます。他者が内容を変更したり"
     "読んだりできてはなりません。"),
]
for (name, sev, fp, mode, uid, gid, exist, cce, en, ja, ren, rja) in FILES:
    st = perms(mode)
    st["user_id"] = uid
    st["group_id"] = gid
    gtxt = ("root or shadow" if gid == "ROOT_OR_SHADOW" else "root")
    gtja = ("root または shadow" if gid == "ROOT_OR_SHADOW" else "root")
    opt_en = " (the rule passes when the file does not exist)" \
        if exist == "any_exist" else ""
    opt_ja = "（ファイルが存在しなければ合格）" if exist == "any_exist" else ""
    den = ("%s is owned by user root and group %s, and its mode is %04o or "
           "stricter%s." % (fp, gtxt, mode, opt_en))
    dja = ("%s の所有者が root、グループが %s で、モードが %04o 以下であること"
           "%s。" % (fp, gtja, mode, opt_ja))
    rule(name, "permissions", sev, en, ja, den, dja, ren, rja,
         file_check(fp + " owner and mode", st, existence=exist, filepath=fp),
         cce=cce)

st = perms(0o640)
st["user_id"] = 0
rule("file_ssh_host_keys", "permissions", "medium",
     "SSH host private keys are accessible only by root",
     "SSH ホスト秘密鍵は root のみがアクセスできる",
     "Every /etc/ssh/ssh_host_*_key file is owned by root and its mode is "
     "0640 or stricter (Red Hat-family systems give the ssh_keys group "
     "read access).",
     "/etc/ssh/ssh_host_*_key の各ファイルの所有者が root で、モードが 0640 "
     "以下であること（Red Hat 系では ssh_keys グループに読み取りを許可）。",
     "Whoever has the host private key can impersonate the server.",
     "ホスト秘密鍵を持つ者はサーバーになりすますことができます。",
     file_check("SSH host private keys", st, existence="any_exist",
                path="/etc/ssh", filename=r"^ssh_host_.*_key$"),
     cce=("CCE-82424-3", "CCE-90820-2"))
st = perms(0o700, dirs=True)
st["user_id"] = 0
st["group_id"] = 0
rule("file_cron_dirs", "permissions", "medium",
     "cron directories are accessible only by root",
     "cron のディレクトリは root のみがアクセスできる",
     "/etc/cron.d, /etc/cron.hourly, /etc/cron.daily, /etc/cron.weekly and "
     "/etc/cron.monthly are owned by root:root with mode 0700 or stricter "
     "(directories that do not exist are not checked).",
     "/etc/cron.d、/etc/cron.hourly、/etc/cron.daily、/etc/cron.weekly、"
     "/etc/cron.monthly の所有者が root:root で、モードが 0700 以下であること"
     "（存在しないディレクトリは検査しません）。",
     "Scripts in these directories run as root; others must neither add "
     "nor read them.",
     "これらのディレクトリのスクリプトは root として実行されます。他者が追加"
     "したり読んだりできてはなりません。",
     lambda o: file_check("cron directories", st, existence="any_exist",
                          path_var=o.constvar(
                              "string", ["/etc/cron.d", "/etc/cron.hourly",
                                         "/etc/cron.daily", "/etc/cron.weekly",
                                         "/etc/cron.monthly"],
                              "cron directories"),
                          dirs=True)(o),
     cce=("CCE-82277-5", "CCE-82230-4", "CCE-82240-3", "CCE-82253-6",
          "CCE-82263-5", "CCE-84183-3", "CCE-84173-4", "CCE-84175-9",
          "CCE-84187-4", "CCE-84181-7"))

group("xccdf_org.kensa_group_updates", "Automatic security updates",
      "セキュリティ更新の自動適用",
      "Security updates are installed without waiting for an administrator.",
      "管理者の作業を待たずにセキュリティ更新をインストールします。")
group("xccdf_org.kensa_group_updates_debian", "Debian and Ubuntu",
      "Debian と Ubuntu",
      "unattended-upgrades, run daily by APT's timers.",
      "APT のタイマーから毎日実行される unattended-upgrades です。",
      platform="#kensa_platform_debian_family", parent="updates")
group("xccdf_org.kensa_group_updates_rhel", "Red Hat family",
      "Red Hat 系",
      "dnf-automatic, run by its systemd timer.",
      "systemd タイマーから実行される dnf-automatic です。",
      platform="#kensa_platform_rhel_family", parent="updates")

rule("unattended_upgrades_installed", "updates_debian", "medium",
     "unattended-upgrades is installed",
     "unattended-upgrades がインストールされている",
     "The Debian package unattended-upgrades is installed.",
     "Debian パッケージ unattended-upgrades がインストールされていること。",
     "Without it security updates wait until an administrator installs "
     "them by hand.",
     "これがないと、セキュリティ更新は管理者が手作業でインストールするまで適用"
     "されません。",
     lambda o: [(o.pkg("dpkginfo", "unattended-upgrades",
                       "unattended-upgrades is installed"),
                 "unattended-upgrades is installed", False)])
rule("apt_unattended_upgrade_enabled", "updates_debian", "medium",
     "APT runs unattended-upgrade periodically",
     "APT が unattended-upgrade を定期的に実行する",
     "A file in /etc/apt/apt.conf.d sets APT::Periodic::Update-Package-Lists "
     "and APT::Periodic::Unattended-Upgrade to a non-zero number of days, "
     "and no file sets them to 0.",
     "/etc/apt/apt.conf.d のファイルで APT::Periodic::Update-Package-Lists と "
     "APT::Periodic::Unattended-Upgrade を 0 以外の日数に設定し、0 に設定する"
     "ファイルがないこと。",
     "An installed but disabled unattended-upgrades installs nothing.",
     "unattended-upgrades がインストールされていても無効なら何も適用されません。",
     lambda o: [(o.tfc("APT::Periodic::%s in apt.conf" % k,
                       r'^[ \t]*APT::Periodic::%s[ \t]+"(\d+)"[ \t]*;' % k,
                       files=APT_CONF_FILES,
                       state=("greater than", "int", "0", None)),
                 "APT::Periodic::%s is not 0" % k, False)
                for k in ("Update-Package-Lists", "Unattended-Upgrade")])
rule("dnf_automatic_installed", "updates_rhel", "medium",
     "dnf-automatic is installed",
     "dnf-automatic がインストールされている",
     "The RPM package dnf-automatic is installed.",
     "RPM パッケージ dnf-automatic がインストールされていること。",
     "Without it security updates wait until an administrator installs "
     "them by hand.",
     "これがないと、セキュリティ更新は管理者が手作業でインストールするまで適用"
     "されません。",
     lambda o: [(o.pkg("rpminfo", "dnf-automatic",
                       "dnf-automatic is installed"),
                 "dnf-automatic is installed", False)],
     cce=("CCE-82985-3", "CCE-83454-9"))
rule("dnf_automatic_apply_updates", "updates_rhel", "medium",
     "dnf-automatic installs the updates it downloads",
     "dnf-automatic がダウンロードした更新を適用する",
     "/etc/dnf/automatic.conf sets apply_updates = yes.",
     "/etc/dnf/automatic.conf で apply_updates = yes を設定すること。",
     "By default dnf-automatic only downloads updates; they are not "
     "installed until apply_updates is enabled.",
     "既定では dnf-automatic は更新をダウンロードするだけで、apply_updates を"
     "有効にするまでインストールしません。",
     lambda o: [(o.tfc("apply_updates in /etc/dnf/automatic.conf",
                       r"^[ \t]*apply_updates[ \t]*=[ \t]*(\S+)",
                       filepath="/etc/dnf/automatic.conf",
                       state=("pattern match", "string",
                              r"^(?i:yes|true|1|on)$", None)),
                 "apply_updates is yes", False)],
     cce=("CCE-82494-6", "CCE-83456-4"))

group("xccdf_org.kensa_group_world_writable", "World-writable files",
      "全員が書き込めるファイル",
      "Files and directories any local user can write, searched in the "
      "system directories /etc, /usr/bin, /usr/sbin, /usr/local, /boot, /opt "
      "and /srv (and /tmp, /var/tmp for directories). Home directories, "
      "/var and /proc are not searched, to keep the scan fast.",
      "ローカルの誰でも書き込めるファイルとディレクトリを、システムディレクトリ "
      "/etc、/usr/bin、/usr/sbin、/usr/local、/boot、/opt、/srv（ディレクトリは"
      "さらに /tmp と /var/tmp）から探します。検査を速く保つため、ホーム"
      "ディレクトリ、/var、/proc は探しません。")

WW_FILE_DIRS = ["/etc", "/usr/bin", "/usr/sbin", "/usr/local", "/boot",
                "/opt", "/srv"]
rule("no_world_writable_files", "world_writable", "medium",
     "No world-writable files in system directories",
     "システムディレクトリに全員が書き込めるファイルがない",
     "No regular file under the searched system directories is writable "
     "by others.",
     "検査対象のシステムディレクトリの下に、その他の利用者が書き込める通常"
     "ファイルがないこと。",
     "Any local user can change a world-writable configuration file or "
     "program, and with it the behaviour of services and other users.",
     "全員が書き込める設定ファイルやプログラムは、ローカルの誰もが書き換えられ、"
     "サービスや他の利用者の動作を変えられます。",
     lambda o: [(o.file("world-writable regular files", None,
                        path_var=o.constvar("string", WW_FILE_DIRS,
                                            "system directories"),
                        filename=r"^.*$", recurse=True,
                        filt={"type": "regular", "owrite": True},
                        existence="none_exist"),
                 "no world-writable regular file", False)],
     cce=("CCE-80818-8", "CCE-83902-7"))
rule("world_writable_dirs_sticky", "world_writable", "medium",
     "World-writable directories have the sticky bit",
     "全員が書き込めるディレクトリにスティッキービットを設定する",
     "Every directory writable by others under the searched directories "
     "has the sticky bit set.",
     "検査対象の下でその他の利用者が書き込めるディレクトリには、すべて"
     "スティッキービットが設定されていること。",
     "Without the sticky bit any user can delete or replace the files of "
     "other users in a shared directory.",
     "スティッキービットがないと、共有ディレクトリ内の他人のファイルを誰でも"
     "削除したり置き換えたりできます。",
     lambda o: [(o.file("world-writable directories without the sticky bit",
                        None,
                        path_var=o.constvar(
                            "string", WW_FILE_DIRS + ["/tmp", "/var/tmp"],
                            "system and temporary directories"),
                        dirs=True, recurse=True,
                        filt={"type": "directory", "owrite": True,
                              "sticky": False},
                        existence="none_exist"),
                 "no world-writable directory without the sticky bit",
                 False)],
     cce=("CCE-80783-4", "CCE-83895-3"))


# --------------------------------------------------------------------------
# OVAL definitions document

def build_oval():
    o = Oval(NS, ["Debian GNU/Linux", "Ubuntu", "Red Hat Enterprise Linux",
                  "CentOS Stream", "Rocky Linux", "AlmaLinux",
                  "Oracle Linux"])
    every = o.platforms
    only = {"updates_debian": every[:2], "updates_rhel": every[2:]}
    for n, r in enumerate(RULES, 1):
        o.platforms = only.get(r["group"], every)
        tests = r["check"](o)
        refs = [("CCE", c) for c in r["cce"]]
        desc = re.sub(r"<sub [^>]*/>", "the value the profile selects",
                      r["den"])
        r["def"] = o.definition(n, "compliance", r["en"], desc, crit(tests),
                                refs)
    o.write(os.path.join(OUT, "kensa-baseline-oval.xml"),
            "kensa's embedded default checklist: the OVAL 5.11 definitions "
            "of the configuration\n     baseline "
            "(kensa-baseline-xccdf.xml). One compliance definition per rule.")
    return o


# --------------------------------------------------------------------------
# CPE dictionary and its OVAL checks

PLATFORMS = [
    # cpe, title, os-release ID, release file
    ("cpe:/o:debian:debian_linux", "Debian GNU/Linux", "debian",
     "/etc/debian_version"),
    ("cpe:/o:canonical:ubuntu_linux", "Ubuntu", "ubuntu",
     "/etc/debian_version"),
    ("cpe:/o:redhat:enterprise_linux", "Red Hat Enterprise Linux", "rhel",
     "/etc/redhat-release"),
    ("cpe:/o:centos:centos", "CentOS", "centos", "/etc/redhat-release"),
    ("cpe:/o:rocky:rocky", "Rocky Linux", "rocky", "/etc/redhat-release"),
    ("cpe:/o:almalinux:almalinux", "AlmaLinux", "almalinux",
     "/etc/redhat-release"),
    ("cpe:/o:oracle:linux", "Oracle Linux", "ol", "/etc/redhat-release"),
]
DEBIAN_FAMILY = PLATFORMS[:2]
RHEL_FAMILY = PLATFORMS[2:]


def openssh_server(o):
    """criteria of "an OpenSSH server is installed", for the SSH group.

    Any one of three facts suffices (OR):
    - dpkg lists openssh-server as installed (Debian, Ubuntu). A package
      removed with its configuration kept ("deinstall ok config-files")
      does not count: its leftover sshd_config configures nothing.
    - rpm lists openssh-server (Red Hat family; also SUSE's package name).
    - /usr/sbin/sshd exists: where both distribution families install the
      server, and the sshd that reads /etc/ssh/sshd_config.
    Each package test is "not applicable" on a target without that
    packaging system, which OR ignores, so one check serves both families.
    The file is there so that the rules are still evaluated when no
    package database answers: an rpm database kensa cannot read (SUSE's
    ndb format) or a damaged one makes its test an error, and a wrongly
    skipped SSH rule would hide a finding, whereas evaluating the rules on
    a host with a stray sshd binary only reports what the files say. A
    source build in /usr/local reads /usr/local/etc, not /etc/ssh, so it
    is not looked for. Nothing here runs a command."""
    return crit([(o.pkg("dpkginfo", "openssh-server",
                        "openssh-server is installed (dpkg)"),
                  "openssh-server is installed according to dpkg", False),
                 (o.pkg("rpminfo", "openssh-server",
                        "openssh-server is installed (rpm)"),
                  "openssh-server is installed according to rpm", False),
                 (o.file("/usr/sbin/sshd exists", None,
                         filepath="/usr/sbin/sshd"),
                  "the OpenSSH server binary /usr/sbin/sshd exists", False)],
                op="OR")


# Applications the checklist's groups depend on: not operating systems, so
# not listed as platforms of the whole benchmark.
APP_PLATFORMS = [
    # cpe, title en, title ja, description, criteria builder
    ("cpe:/a:openbsd:openssh", "OpenSSH server",
     "OpenSSH サーバー",
     "The OpenSSH server is installed: dpkg or rpm lists the package "
     "openssh-server as installed, or /usr/sbin/sshd exists.",
     openssh_server),
]


def build_cpe():
    o = Oval(CPENS, [p[1] for p in PLATFORMS])
    fam = o.family()
    osrel = o.constvar("string", ["/etc/os-release", "/usr/lib/os-release"],
                       "os-release(5) locations")
    relfile = {}
    for n, (cpe, title, osid, rel) in enumerate(PLATFORMS, 1):
        t_id = o.tfc("ID=%s in os-release" % osid,
                     r'^ID=["\']?(%s)["\']?[ \t]*$' % osid, fp_var=osrel)
        if rel not in relfile:
            relfile[rel] = o.tfc("%s exists" % rel, r"^(.*)$", filepath=rel)
        o.definition(n, "inventory", "The target runs %s" % title,
                     "The OVAL family is unix, os-release(5) says ID=%s and "
                     "%s exists." % (osid, rel),
                     crit([(fam, "family is unix", False),
                           (t_id, "os-release ID is %s" % osid, False),
                           (relfile[rel], "%s exists" % rel, False)]))
    for n, (cpe, en, ja, desc, build) in enumerate(APP_PLATFORMS,
                                                   len(PLATFORMS) + 1):
        o.definition(n, "inventory", "The %s is installed" % en, desc,
                     build(o))
    o.write(os.path.join(OUT, "kensa-baseline-cpe-oval.xml"),
            "OVAL checks of kensa's baseline CPE dictionary "
            "(kensa-baseline-cpe-dictionary.xml):\n     which operating "
            "system the target runs and which\n     applications it has.")
    with open(os.path.join(OUT, "kensa-baseline-cpe-dictionary.xml"), "w",
              encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                "<!-- The platforms of kensa's embedded default checklist "
                "(kensa-baseline-xccdf.xml),\n     each decided by an OVAL "
                "definition in kensa-baseline-cpe-oval.xml.\n     Generated "
                "by tests/e2e/data/baseline/gen-content.py. -->\n"
                '<cpe-list xmlns="http://cpe.mitre.org/dictionary/2.0">\n'
                "  <generator>\n    <product_name>kensa</product_name>\n"
                "    <schema_version>2.3</schema_version>\n    <timestamp>%s"
                "</timestamp>\n  </generator>\n" % TIMESTAMP)
        for n, (cpe, title, osid, rel) in enumerate(PLATFORMS, 1):
            f.write('  <cpe-item name="%s">\n    <title xml:lang="en-US">%s'
                    '</title>\n    <check system="http://oval.mitre.org/'
                    'XMLSchema/oval-definitions-5" href="kensa-baseline-cpe-'
                    'oval.xml">oval:%s:def:%d</check>\n  </cpe-item>\n'
                    % (cpe, q(title), CPENS, n))
        for n, (cpe, en, ja, desc, build) in enumerate(APP_PLATFORMS,
                                                       len(PLATFORMS) + 1):
            f.write('  <cpe-item name="%s">\n    <title xml:lang="en-US">%s'
                    '</title>\n    <title xml:lang="ja-JP">%s</title>\n    '
                    '<check system="http://oval.mitre.org/XMLSchema/'
                    'oval-definitions-5" href="kensa-baseline-cpe-oval.xml">'
                    'oval:%s:def:%d</check>\n  </cpe-item>\n'
                    % (cpe, q(en), q(ja), CPENS, n))
        f.write("</cpe-list>\n")


# --------------------------------------------------------------------------
# XCCDF benchmark

def texts(tag, en, ja, indent, html=False):
    # Texts may hold <sub/> elements; they are written as XML, not escaped.
    return ('%s<xccdf:%s xml:lang="en">%s</xccdf:%s>\n'
            '%s<xccdf:%s xml:lang="ja">%s</xccdf:%s>\n'
            % (indent, tag, en, tag, indent, tag, ja, tag))


def esc_text(s):
    # Escape &, < and > except inside our own <sub .../> markup.
    out, i = [], 0
    while i < len(s):
        j = s.find("<sub ", i)
        if j < 0:
            out.append(escape(s[i:]))
            break
        out.append(escape(s[i:j]))
        k = s.index("/>", j) + 2
        out.append(s[j:k].replace("<sub ", "<xccdf:sub "))
        i = k
    return "".join(out)


def build_xccdf():
    L = []
    w = L.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w("<!-- kensa's embedded default checklist: a configuration baseline for "
      "Debian, Ubuntu and\n     Red Hat-family hosts (XCCDF 1.2; checks in "
      "kensa-baseline-oval.xml, platforms in\n     "
      "kensa-baseline-cpe-dictionary.xml). Our own texts, in English and "
      "Japanese.\n     Generated by tests/e2e/data/baseline/gen-content.py: "
      "edit the rules there. -->\n")
    w('<xccdf:Benchmark xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2" '
      'xmlns:cpe-lang="http://cpe.mitre.org/language/2.0" '
      'xmlns:xhtml="http://www.w3.org/1999/xhtml" '
      'id="%s" xml:lang="en" resolved="0" style="SCAP_1.2">\n' % XCCDF_ID)
    w('  <xccdf:status date="2026-11-22">draft</xccdf:status>\n')
    w(texts("title", "kensa configuration baseline for Linux servers",
            "kensa Linux サーバー設定ベースライン", "  "))
    w(texts("description",
            "A short configuration baseline for Debian, Ubuntu and Red "
            "Hat-family hosts, written for kensa: SSH server settings, login "
            "and password policy, kernel network hardening, permissions of "
            "sensitive files, automatic security updates and world-writable "
            "files. Every rule reads configuration files, so the checklist "
            "evaluates running hosts and offline system images alike.",
            "kensa のために作成した、Debian、Ubuntu、Red Hat 系ホスト向けの簡潔な"
            "設定ベースラインです。SSH サーバーの設定、ログインとパスワードの"
            "ポリシー、カーネルのネットワーク強化、重要なファイルのアクセス権、"
            "セキュリティ更新の自動適用、全員が書き込めるファイルを検査します。"
            "すべてのルールは設定ファイルを読むため、稼働中のホストとオフラインの"
            "システムイメージのどちらも評価できます。", "  "))
    w('  <xccdf:reference href="https://ncp.nist.gov/cce">Common '
      'Configuration Enumeration (CCE)</xccdf:reference>\n')
    # Platforms: CPE applicability language (NISTIR 7698), referenced by
    # the update groups, whose checks only make sense on one family, and by
    # the SSH group (an application platform; a "#id" rather than the bare
    # CPE name, which XCCDF 1.2 accepts only as "less preferred" in its URI
    # binding).
    w("  <cpe-lang:platform-specification>\n")
    for pid, title, ja, members in (
            ("kensa_platform_debian_family", "Debian or Ubuntu", None,
             DEBIAN_FAMILY),
            ("kensa_platform_rhel_family", "Red Hat Enterprise Linux or a "
             "rebuild of it", None, RHEL_FAMILY),
            (OPENSSH_PLATFORM, "An OpenSSH server is installed",
             "OpenSSH サーバーがインストールされている", APP_PLATFORMS[:1])):
        w('    <cpe-lang:platform id="%s">\n      <cpe-lang:title xml:lang='
          '"en">%s</cpe-lang:title>\n' % (pid, q(title)))
        if ja:
            w('      <cpe-lang:title xml:lang="ja">%s</cpe-lang:title>\n'
              % q(ja))
        w('      <cpe-lang:logical-test operator="OR" negate="false">\n')
        for p in members:
            w('        <cpe-lang:fact-ref name="%s"/>\n' % p[0])
        w("      </cpe-lang:logical-test>\n    </cpe-lang:platform>\n")
    w("  </cpe-lang:platform-specification>\n")
    for p in PLATFORMS:
        w('  <xccdf:platform idref="%s"/>\n' % p[0])
    w("  <xccdf:version>%s</xccdf:version>\n" % VERSION)
    w('  <xccdf:metadata>\n    <dc:creator xmlns:dc="http://purl.org/dc/'
      'elements/1.1/">kensa</dc:creator>\n    <dc:publisher xmlns:dc="'
      'http://purl.org/dc/elements/1.1/">kensa</dc:publisher>\n    '
      '<dc:source xmlns:dc="http://purl.org/dc/elements/1.1/">'
      'data/content/kensa-baseline-xccdf.xml</dc:source>\n'
      '  </xccdf:metadata>\n')
    w('  <xccdf:model system="urn:xccdf:scoring:default"/>\n')
    w('  <xccdf:model system="urn:xccdf:scoring:flat"/>\n')
    # Profiles
    w('  <xccdf:Profile id="xccdf_org.kensa_profile_standard">\n')
    w(texts("title", "Standard", "標準", "    "))
    w(texts("description",
            "Every rule of the baseline with the default values: a sensible "
            "minimum for any Debian, Ubuntu or Red Hat-family host.",
            "ベースラインのすべてのルールを既定値で評価します。Debian、Ubuntu、"
            "Red Hat 系のどのホストにも妥当な最低限の水準です。", "    "))
    for r in RULES:
        w('    <xccdf:select idref="xccdf_org.kensa_rule_%s" selected="true"/>'
          "\n" % r["name"])
    w("  </xccdf:Profile>\n")
    w('  <xccdf:Profile id="xccdf_org.kensa_profile_server">\n')
    w(texts("title", "Server", "サーバー", "    "))
    w(texts("description",
            "Every rule, with the stricter values for servers reachable "
            "from the network: fewer SSH authentication attempts, shorter "
            "password lifetime, longer passwords and an earlier expiry "
            "warning. The baseline has no desktop-only rules, so nothing is "
            "deselected.",
            "すべてのルールを、ネットワークから到達できるサーバー向けの厳しい値で"
            "評価します。SSH の認証試行回数を減らし、パスワードの有効期間を短く、"
            "最小文字数を長く、期限切れの警告を早くします。デスクトップ専用の"
            "ルールはないため、除外するルールはありません。", "    "))
    for r in RULES:
        w('    <xccdf:select idref="xccdf_org.kensa_rule_%s" selected="true"/>'
          "\n" % r["name"])
    for v in VALUES:
        w('    <xccdf:refine-value idref="%s" selector="server"/>\n'
          % value_id(v[0]))
    w("  </xccdf:Profile>\n")
    # Values
    for (vid, vtype, op, dflt, srv, lo, hi, en, ja, den, dja) in VALUES:
        w('  <xccdf:Value id="%s" type="%s" operator="%s">\n'
          % (value_id(vid), vtype, op))
        w(texts("title", q(en), q(ja), "    "))
        w(texts("description", q(den), q(dja), "    "))
        w("    <xccdf:value>%s</xccdf:value>\n" % dflt)
        w('    <xccdf:value selector="server">%s</xccdf:value>\n' % srv)
        w("    <xccdf:lower-bound>%d</xccdf:lower-bound>\n" % lo)
        w("    <xccdf:upper-bound>%d</xccdf:upper-bound>\n" % hi)
        w("  </xccdf:Value>\n")
    # Groups and rules
    def write_group(g, indent):
        gid = g["id"]
        suffix = gid[len("xccdf_org.kensa_group_"):]
        w('%s<xccdf:Group id="%s">\n' % (indent, gid))
        w(texts("title", q(g["en"]), q(g["ja"]), indent + "  "))
        w(texts("description", q(g["den"]), q(g["dja"]), indent + "  "))
        if g["platform"]:
            w('%s  <xccdf:platform idref="%s"/>\n' % (indent, g["platform"]))
        for r in RULES:
            if r["group"] == suffix:
                write_rule(r, indent + "  ")
        for sub in GROUPS:
            if sub["parent"] == suffix:
                write_group(sub, indent + "  ")
        w("%s</xccdf:Group>\n" % indent)

    def write_rule(r, ind):
        w('%s<xccdf:Rule id="xccdf_org.kensa_rule_%s" selected="true" '
          'severity="%s">\n' % (ind, r["name"], r["sev"]))
        w(texts("title", q(r["en"]), q(r["ja"]), ind + "  "))
        w(texts("description", esc_text(r["den"]), esc_text(r["dja"]),
                ind + "  "))
        w(texts("rationale", q(r["ren"]), q(r["rja"]), ind + "  "))
        for c in r["cce"]:
            w('%s  <xccdf:ident system="https://ncp.nist.gov/cce">%s'
              "</xccdf:ident>\n" % (ind, c))
        w('%s  <xccdf:check system="http://oval.mitre.org/XMLSchema/'
          'oval-definitions-5">\n' % ind)
        for v in r["values"]:
            w('%s    <xccdf:check-export value-id="%s" export-name="%s"/>\n'
              % (ind, value_id(v), VALUE_VAR[v]))
        w('%s    <xccdf:check-content-ref href="kensa-baseline-oval.xml" '
          'name="%s"/>\n' % (ind, r["def"]))
        w("%s  </xccdf:check>\n%s</xccdf:Rule>\n" % (ind, ind))

    for g in GROUPS:
        if g["parent"] is None:
            write_group(g, "  ")
    w("</xccdf:Benchmark>\n")
    with open(os.path.join(OUT, "kensa-baseline-xccdf.xml"), "w",
              encoding="utf-8") as f:
        f.write("".join(L))


if __name__ == "__main__":
    build_oval()
    build_cpe()
    build_xccdf()
    print("%d rules, %d groups" % (len(RULES), len(GROUPS)))
