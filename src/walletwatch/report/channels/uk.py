"""United Kingdom: the firm first (15 business days for payment services), then the FOS.

Source: ``complaints.md`` §3.1. The FOS award limit changes every 1 April and is not printed.
"""

from __future__ import annotations

from walletwatch.cases.deadlines import explain

CHANNELS = [
    {
        "id": "provider",
        "kind": "provider",
        "name": ("{provider} complaints team", "{provider}投诉部门"),
        "contact": ("The firm's complaints page or in-app chat.", "机构的投诉页面或 App 内在线客服。"),
        "when": ("First; required before the Financial Ombudsman Service.",
                 "首先联系；向金融申诉专员服务机构投诉前必须先向机构投诉。"),
        "facts": [explain("uk-15-business-days"),
                  explain("uk-refund-next-business-day")],
        "source": ("FCA Handbook DISP 1.6.2AR; Payment Services Regulations 2017, reg. 76",
                   "英国金融行为监管局规则 DISP 1.6.2AR；《2017 年支付服务条例》第 76 条"),
    },
    {
        "id": "social",
        "kind": "social",
        "name": ("{provider}'s official social-media support accounts",
                 "{provider}官方社交媒体客服账号"),
        "contact": ("The firm's verified support account.", "机构经认证的客服账号。"),
        "when": ("If the firm does not answer. Do not post personal data in public.",
                 "机构未答复时。请勿公开发布个人信息。"),
        "facts": [],
        "source": None,  # no official handle is confirmed, so none is named
    },
    {
        "id": "fos",
        "kind": "ombudsman",
        "name": ("Financial Ombudsman Service (FOS)", "金融申诉专员服务机构（FOS）"),
        "contact": ("financial-ombudsman.org.uk; 0800 023 4567",
                    "financial-ombudsman.org.uk；0800 023 4567"),
        "when": ("After the firm's final response, or when its time is up (15 business days, or "
                 "35 after a holding reply).",
                 "在机构作出最终答复后，或答复期限届满时（15 个工作日，发出暂缓答复的为 35 个工作日）。"),
        "facts": [explain("uk-fos-6-months")],
        "source": ("FCA Handbook DISP 2.8", "英国金融行为监管局规则 DISP 2.8"),
    },
]

NOTES = [
    ("If you were tricked into sending a Faster Payments payment on or after 7 Oct 2024, ask "
     "your own bank or e-money firm for APP-scam reimbursement (up to £85,000 per claim; claim "
     "within 13 months of the last payment; not card or international payments).",
     "如您在 2024 年 10 月 7 日或之后被诱骗通过快速支付（Faster Payments）转账，可向您自己的"
     "银行或电子货币机构申请授权推送支付诈骗（APP）赔付（每项申请最高 85,000 英镑；须在最后一笔"
     "付款后 13 个月内申请；不适用于银行卡或跨境付款）。"),
    ("Scams can also be reported to Action Fraud (England and Wales).",
     "诈骗也可向 Action Fraud（英格兰和威尔士）报告。"),
]
