"""European Union (PSD2 as transposed nationally): the provider first, then national ADR.

Source: ``complaints.md`` §3.2. The PSD2 €50 payer cap and PSD3 are unverified: not printed.
"""

from __future__ import annotations

from walletwatch.report.channels.shared import SOCIAL_SUPPORT

CHANNELS = [
    {
        "id": "provider",
        "kind": "provider",
        "name": ("{provider} complaints team", "{provider}投诉部门"),
        "contact": ("The provider's complaints page or in-app chat.",
                    "服务商的投诉页面或 App 内在线客服。"),
        "when": ("First, in writing.", "首先以书面形式联系。"),
        "facts": [("The provider must answer on paper or another durable medium within 15 "
                   "business days; in exceptional cases a holding reply and a final reply within "
                   "35 business days. It must name an ADR body.",
                   "服务商应在 15 个工作日内以纸质或其他耐久介质答复；特殊情况下先发出暂缓答复，"
                   "35 个工作日内作出最终答复。答复中须指明替代性争议解决机构。"),
                  ("Unauthorised amounts are to be refunded by the end of the following business "
                   "day; exceptions apply. This is the provider's duty, not a promised result.",
                   "未经授权的金额应在下一个工作日结束前退还（存在例外情形）。"
                   "这是服务商的义务，并非结果承诺。")],
        "source": ("PSD2 (Directive 2015/2366) Art. 101 and Art. 73",
                   "欧盟《支付服务指令》（PSD2）第 101 条、第 73 条"),
    },
    SOCIAL_SUPPORT,
    {
        "id": "adr",
        "kind": "consumer",
        "name": ("The national ADR body named in the provider's reply; FIN-NET for cross-border "
                 "disputes", "服务商答复中指明的本国替代性争议解决机构；跨境纠纷可找 FIN-NET"),
        "contact": ("As named by the provider; FIN-NET lists the bodies per country.",
                    "以服务商告知为准；FIN-NET 列有各国机构。"),
        "when": ("After the provider's final reply or when its time is up.",
                 "在服务商作出最终答复后或答复期限届满时。"),
        "facts": [],
        "source": ("PSD2 (Directive 2015/2366) Art. 101", "欧盟《支付服务指令》（PSD2）第 101 条"),
    },
    {
        "id": "nca",
        "kind": "regulator",
        "name": ("The national financial regulator that licenses the provider",
                 "为该服务商颁发牌照的本国金融监管机构"),
        "contact": ("See the provider's terms for the licensing authority.",
                    "请查看服务商条款中载明的发牌机构。"),
        "when": ("To report that the provider does not follow the rules.", "举报服务商违规行为。"),
        "facts": [],
        "source": None,
    },
]

NOTES: list[tuple[str, str]] = []

RULES = [
    {
        "id": "eu-13-months",
        "from": "debit",
        "op": ("months", 13),
        "text": ("Notify the provider without undue delay and no later than 13 months after the "
                 "debit date: by {date}",
                 "应及时通知服务商，最迟不超过扣款日后 13 个月：{date} 之前"),
        "source": ("PSD2 (Directive 2015/2366) Art. 71", "欧盟《支付服务指令》（PSD2）第 71 条"),
    },
    {
        "id": "eu-15-business-days",
        "from": "first_notice",
        "op": ("business_days", 15),
        "text": ("The provider's reply is due within 15 business days of your complaint: {date} "
                 "(35 business days after a holding reply)",
                 "服务商应在收到投诉后 15 个工作日内答复：{date}（发出暂缓答复的为 35 个工作日）"),
        "source": ("PSD2 (Directive 2015/2366) Art. 101", "欧盟《支付服务指令》（PSD2）第 101 条"),
    },
]
