/*
 * Names of CVSS metrics and their values in English (the specifications'
 * words) and Japanese (the terms JVN uses where it has them), for
 * `kensa cvss describe` and reports. Text only: no parsing, no scoring.
 */
#include <string.h>

#include "platform/base/base.h"
#include "feeds/cvss_int.h"

struct vtext {
	const char *v, *en, *ja;
};

struct mtext {
	const char		*abbr, *en, *ja;
	const struct vtext	*vals;	/* ends with { NULL } */
};

/* ---- shared value lists -------------------------------------------------- */
#define X_	{ "X", "Not Defined", "未評価" }
#define END_	{ NULL, NULL, NULL }

static const struct vtext hln[] = {
	{ "H", "High", "高" }, { "L", "Low", "低" }, { "N", "None", "なし" },
	END_,
};
static const struct vtext x_hln[] = {
	X_, { "H", "High", "高" }, { "L", "Low", "低" },
	{ "N", "None", "なし" }, END_,
};
static const struct vtext x_hml[] = {
	X_, { "H", "High", "高" }, { "M", "Medium", "中" },
	{ "L", "Low", "低" }, END_,
};

/* ---- v2 ------------------------------------------------------------------ */
static const struct vtext v2_av[] = {
	{ "L", "Local", "ローカル" },
	{ "A", "Adjacent Network", "隣接ネットワーク" },
	{ "N", "Network", "ネットワーク" }, END_,
};
static const struct vtext v2_ac[] = {
	{ "H", "High", "高" }, { "M", "Medium", "中" }, { "L", "Low", "低" },
	END_,
};
static const struct vtext v2_au[] = {
	{ "M", "Multiple", "複数" }, { "S", "Single", "単一" },
	{ "N", "None", "不要" }, END_,
};
static const struct vtext v2_imp[] = {
	{ "N", "None", "なし" }, { "P", "Partial", "部分的" },
	{ "C", "Complete", "全面的" }, END_,
};
static const struct vtext v2_e[] = {
	{ "U", "Unproven", "未実証" },
	{ "POC", "Proof-of-Concept", "実証可能" },
	{ "F", "Functional", "攻撃可能" },
	{ "H", "High", "容易に攻撃可能" },
	{ "ND", "Not Defined", "未評価" }, END_,
};
static const struct vtext v2_rl[] = {
	{ "OF", "Official Fix", "正式" },
	{ "TF", "Temporary Fix", "暫定" },
	{ "W", "Workaround", "非公式" },
	{ "U", "Unavailable", "なし" },
	{ "ND", "Not Defined", "未評価" }, END_,
};
static const struct vtext v2_rc[] = {
	{ "UC", "Unconfirmed", "未確認" },
	{ "UR", "Uncorroborated", "未確証" },
	{ "C", "Confirmed", "確認済" },
	{ "ND", "Not Defined", "未評価" }, END_,
};
static const struct vtext v2_cdp[] = {
	{ "N", "None", "なし" }, { "L", "Low", "軽微" },
	{ "LM", "Low-Medium", "少" }, { "MH", "Medium-High", "中" },
	{ "H", "High", "大" }, { "ND", "Not Defined", "未評価" }, END_,
};
static const struct vtext v2_td[] = {
	{ "N", "None", "なし" }, { "L", "Low", "小" },
	{ "M", "Medium", "中" }, { "H", "High", "大" },
	{ "ND", "Not Defined", "未評価" }, END_,
};
static const struct vtext v2_req[] = {
	{ "L", "Low", "低" }, { "M", "Medium", "中" }, { "H", "High", "高" },
	{ "ND", "Not Defined", "未評価" }, END_,
};

static const struct mtext v2[] = {
	{ "AV", "Access Vector", "攻撃元区分", v2_av },
	{ "AC", "Access Complexity", "攻撃条件の複雑さ", v2_ac },
	{ "Au", "Authentication", "攻撃前の認証要否", v2_au },
	{ "C", "Confidentiality Impact", "機密性への影響", v2_imp },
	{ "I", "Integrity Impact", "完全性への影響", v2_imp },
	{ "A", "Availability Impact", "可用性への影響", v2_imp },
	{ "E", "Exploitability", "攻撃される可能性", v2_e },
	{ "RL", "Remediation Level", "利用可能な対策のレベル", v2_rl },
	{ "RC", "Report Confidence", "脆弱性情報の信頼性", v2_rc },
	{ "CDP", "Collateral Damage Potential", "二次的被害の可能性", v2_cdp },
	{ "TD", "Target Distribution", "影響を受ける対象システムの範囲",
	    v2_td },
	{ "CR", "Confidentiality Requirement", "機密性の要求度", v2_req },
	{ "IR", "Integrity Requirement", "完全性の要求度", v2_req },
	{ "AR", "Availability Requirement", "可用性の要求度", v2_req },
	{ NULL, NULL, NULL, NULL },
};

/* ---- v3.0 / v3.1 --------------------------------------------------------- */
#define V3_AV	{ "N", "Network", "ネットワーク" }, \
		{ "A", "Adjacent Network", "隣接" }, \
		{ "L", "Local", "ローカル" }, { "P", "Physical", "物理" }
#define V3_AC	{ "L", "Low", "低" }, { "H", "High", "高" }
#define V3_PR	{ "N", "None", "不要" }, { "L", "Low", "低" }, \
		{ "H", "High", "高" }
#define V3_UI	{ "N", "None", "不要" }, { "R", "Required", "要" }
#define V3_S	{ "U", "Unchanged", "変更なし" }, \
		{ "C", "Changed", "変更あり" }

static const struct vtext v3_av[] = { V3_AV, END_ };
static const struct vtext v3_ac[] = { V3_AC, END_ };
static const struct vtext v3_pr[] = { V3_PR, END_ };
static const struct vtext v3_ui[] = { V3_UI, END_ };
static const struct vtext v3_s[] = { V3_S, END_ };
static const struct vtext v3_mav[] = { X_, V3_AV, END_ };
static const struct vtext v3_mac[] = { X_, V3_AC, END_ };
static const struct vtext v3_mpr[] = { X_, V3_PR, END_ };
static const struct vtext v3_mui[] = { X_, V3_UI, END_ };
static const struct vtext v3_ms[] = { X_, V3_S, END_ };
static const struct vtext v3_e[] = {
	X_, { "H", "High", "容易に攻撃可能" },
	{ "F", "Functional", "攻撃可能" },
	{ "P", "Proof-of-Concept", "実証可能" },
	{ "U", "Unproven", "未実証" }, END_,
};
static const struct vtext v3_rl[] = {
	X_, { "U", "Unavailable", "なし" }, { "W", "Workaround", "非公式" },
	{ "T", "Temporary Fix", "暫定" }, { "O", "Official Fix", "正式" },
	END_,
};
static const struct vtext v3_rc[] = {
	X_, { "C", "Confirmed", "確認済" },
	{ "R", "Reasonable", "未確証" }, { "U", "Unknown", "未確認" }, END_,
};

static const struct mtext v3[] = {
	{ "AV", "Attack Vector", "攻撃元区分", v3_av },
	{ "AC", "Attack Complexity", "攻撃条件の複雑さ", v3_ac },
	{ "PR", "Privileges Required", "必要な特権レベル", v3_pr },
	{ "UI", "User Interaction", "利用者の関与", v3_ui },
	{ "S", "Scope", "影響の想定範囲", v3_s },
	{ "C", "Confidentiality", "機密性への影響", hln },
	{ "I", "Integrity", "完全性への影響", hln },
	{ "A", "Availability", "可用性への影響", hln },
	{ "E", "Exploit Code Maturity", "攻撃される可能性", v3_e },
	{ "RL", "Remediation Level", "利用可能な対策のレベル", v3_rl },
	{ "RC", "Report Confidence", "脆弱性情報の信頼性", v3_rc },
	{ "CR", "Confidentiality Requirement", "機密性の要求度", x_hml },
	{ "IR", "Integrity Requirement", "完全性の要求度", x_hml },
	{ "AR", "Availability Requirement", "可用性の要求度", x_hml },
	{ "MAV", "Modified Attack Vector", "調整後の攻撃元区分", v3_mav },
	{ "MAC", "Modified Attack Complexity", "調整後の攻撃条件の複雑さ",
	    v3_mac },
	{ "MPR", "Modified Privileges Required", "調整後の必要な特権レベル",
	    v3_mpr },
	{ "MUI", "Modified User Interaction", "調整後の利用者の関与",
	    v3_mui },
	{ "MS", "Modified Scope", "調整後の影響の想定範囲", v3_ms },
	{ "MC", "Modified Confidentiality", "調整後の機密性への影響",
	    x_hln },
	{ "MI", "Modified Integrity", "調整後の完全性への影響", x_hln },
	{ "MA", "Modified Availability", "調整後の可用性への影響", x_hln },
	{ NULL, NULL, NULL, NULL },
};

/* ---- v4.0 ---------------------------------------------------------------- */
#define V4_AV	{ "N", "Network", "ネットワーク" }, \
		{ "A", "Adjacent", "隣接" }, \
		{ "L", "Local", "ローカル" }, { "P", "Physical", "物理" }
#define V4_AT	{ "N", "None", "なし" }, { "P", "Present", "あり" }
#define V4_UI	{ "N", "None", "不要" }, { "P", "Passive", "受動的" }, \
		{ "A", "Active", "能動的" }

static const struct vtext v4_av[] = { V4_AV, END_ };
static const struct vtext v4_at[] = { V4_AT, END_ };
static const struct vtext v4_ui[] = { V4_UI, END_ };
static const struct vtext v4_mav[] = { X_, V4_AV, END_ };
static const struct vtext v4_mat[] = { X_, V4_AT, END_ };
static const struct vtext v4_mui[] = { X_, V4_UI, END_ };
static const struct vtext v4_msia[] = {
	X_, { "S", "Safety", "人命に関わる" }, { "H", "High", "高" },
	{ "L", "Low", "低" }, { "N", "Negligible", "無視できる" }, END_,
};
static const struct vtext v4_e[] = {
	X_, { "A", "Attacked", "攻撃あり" },
	{ "P", "POC", "概念実証あり" },
	{ "U", "Unreported", "報告なし" }, END_,
};
static const struct vtext v4_s[] = {
	X_, { "N", "Negligible", "無視できる" },
	{ "P", "Present", "あり" }, END_,
};
static const struct vtext v4_au[] = {
	X_, { "N", "No", "いいえ" }, { "Y", "Yes", "はい" }, END_,
};
static const struct vtext v4_r[] = {
	X_, { "A", "Automatic", "自動" }, { "U", "User", "利用者" },
	{ "I", "Irrecoverable", "回復不能" }, END_,
};
static const struct vtext v4_v[] = {
	X_, { "D", "Diffuse", "分散" }, { "C", "Concentrated", "集中" },
	END_,
};
static const struct vtext v4_re[] = {
	X_, { "L", "Low", "低" }, { "M", "Moderate", "中" },
	{ "H", "High", "高" }, END_,
};
static const struct vtext v4_u[] = {
	X_, { "Clear", "Clear", "クリア" }, { "Green", "Green", "グリーン" },
	{ "Amber", "Amber", "アンバー" }, { "Red", "Red", "レッド" }, END_,
};

static const struct mtext v4[] = {
	{ "AV", "Attack Vector", "攻撃元区分", v4_av },
	{ "AC", "Attack Complexity", "攻撃条件の複雑さ", v3_ac },
	{ "AT", "Attack Requirements", "攻撃の前提条件", v4_at },
	{ "PR", "Privileges Required", "必要な特権レベル", v3_pr },
	{ "UI", "User Interaction", "利用者の関与", v4_ui },
	{ "VC", "Vulnerable System Confidentiality",
	    "脆弱なシステムの機密性への影響", hln },
	{ "VI", "Vulnerable System Integrity",
	    "脆弱なシステムの完全性への影響", hln },
	{ "VA", "Vulnerable System Availability",
	    "脆弱なシステムの可用性への影響", hln },
	{ "SC", "Subsequent System Confidentiality",
	    "後続システムの機密性への影響", hln },
	{ "SI", "Subsequent System Integrity",
	    "後続システムの完全性への影響", hln },
	{ "SA", "Subsequent System Availability",
	    "後続システムの可用性への影響", hln },
	{ "E", "Exploit Maturity", "攻撃される可能性", v4_e },
	{ "CR", "Confidentiality Requirements", "機密性の要求度", x_hml },
	{ "IR", "Integrity Requirements", "完全性の要求度", x_hml },
	{ "AR", "Availability Requirements", "可用性の要求度", x_hml },
	{ "MAV", "Modified Attack Vector", "調整後の攻撃元区分", v4_mav },
	{ "MAC", "Modified Attack Complexity", "調整後の攻撃条件の複雑さ",
	    v3_mac },
	{ "MAT", "Modified Attack Requirements", "調整後の攻撃の前提条件",
	    v4_mat },
	{ "MPR", "Modified Privileges Required", "調整後の必要な特権レベル",
	    v3_mpr },
	{ "MUI", "Modified User Interaction", "調整後の利用者の関与",
	    v4_mui },
	{ "MVC", "Modified Vulnerable System Confidentiality",
	    "調整後の脆弱なシステムの機密性への影響", x_hln },
	{ "MVI", "Modified Vulnerable System Integrity",
	    "調整後の脆弱なシステムの完全性への影響", x_hln },
	{ "MVA", "Modified Vulnerable System Availability",
	    "調整後の脆弱なシステムの可用性への影響", x_hln },
	{ "MSC", "Modified Subsequent System Confidentiality",
	    "調整後の後続システムの機密性への影響", x_hln },
	{ "MSI", "Modified Subsequent System Integrity",
	    "調整後の後続システムの完全性への影響", v4_msia },
	{ "MSA", "Modified Subsequent System Availability",
	    "調整後の後続システムの可用性への影響", v4_msia },
	{ "S", "Safety", "安全性", v4_s },
	{ "AU", "Automatable", "自動化可能性", v4_au },
	{ "R", "Recovery", "回復性", v4_r },
	{ "V", "Value Density", "価値密度", v4_v },
	{ "RE", "Vulnerability Response Effort", "脆弱性対応の労力",
	    v4_re },
	{ "U", "Provider Urgency", "提供者の緊急度", v4_u },
	{ NULL, NULL, NULL, NULL },
};

int
feed_cvss_text(enum feed_cvss_version v, const char *abbr, const char *val,
    bool ja, const char **name, const char **val_name)
{
	const struct mtext *t = v == FEED_CVSS_V2 ? v2 :
	    v == FEED_CVSS_V40 ? v4 : v3;
	const struct vtext *vt;

	for (; t->abbr != NULL; t++) {
		if (strcmp(t->abbr, abbr) != 0)
			continue;
		for (vt = t->vals; vt->v != NULL; vt++) {
			if (strcmp(vt->v, val) != 0)
				continue;
			*name = ja ? t->ja : t->en;
			*val_name = ja ? vt->ja : vt->en;
			return 0;
		}
		break;
	}
	ks_error_set("CVSS %s: no text for %s:%s", feed_cvss_version_name(v),
	    abbr, val);
	return KS_ENOTFOUND;
}
