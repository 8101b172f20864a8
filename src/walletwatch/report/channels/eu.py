"""European Union (PSD2 as transposed nationally): the provider first, then national ADR.

Source: ``complaints.md`` §3.2. The PSD2 €50 payer cap and PSD3 are unverified: not printed.
"""

from __future__ import annotations

from walletwatch.cases.deadlines import explain
from walletwatch.report.channels.shared import SOCIAL_SUPPORT

CHANNELS = [
    {
        "id": "provider",
        "kind": "provider",
        "name": ("{provider} complaints team", "{provider}投诉部门"),
        "contact": ("The provider's complaints page or in-app chat.",
                    "服务商的投诉页面或 App 内在线客服。"),
        "when": ("First, in writing.", "首先以书面形式联系。"),
        "facts": [explain("eu-15-business-days"),
                  explain("eu-refund-next-business-day")],
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
