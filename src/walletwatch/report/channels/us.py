"""United States: Reg E error resolution first, then the CFPB.

Source: ``complaints.md`` §2. The CFPB's 15/60-day figures are portal expectations, not legal
deadlines; Reg E's clocks are the legal ones. Whether Reg E covers an item depends on the
account and on who initiated the payment, so the report only asks the provider to treat the
letter as a notice of error.
"""

from __future__ import annotations

from walletwatch.cases.deadlines import explain
from walletwatch.report.channels.shared import SOCIAL_SUPPORT

CHANNELS = [
    {
        "id": "provider",
        "kind": "provider",
        "name": ("{provider} error resolution (notice of error)", "{provider} 差错处理（错误通知）"),
        "contact": ("The address or phone number in the provider's error-resolution notice "
                    "(in the app's help or legal pages).",
                    "服务商差错处理说明中给出的地址或电话（见 App 帮助或法律条款页面）。"),
        "when": ("First, for an unauthorised or incorrect electronic transfer. Give your name, "
                 "account, the error and why it is one, and the amount.",
                 "第一步，用于未经授权或错误的电子转账。写明姓名、账户、错误内容及理由、金额。"),
        "facts": [explain("us-rege-10bd"),
                  ("If it finds no error it must explain in writing, and you may ask for the "
                   "documents it relied on.",
                   "如认定无差错，须书面说明，您可索取其所依据的文件。"),
                  ("Whether Reg E covers an item depends on the account and on who initiated the "
                   "payment: a payment you made yourself to a scammer is generally not covered.",
                   "是否适用 Reg E 取决于账户类型及付款由谁发起：本人主动向诈骗者付款一般不在其列。")],
        "source": ("Regulation E, 12 CFR 1005.11; model form A-3",
                   "美国 E 条例（12 CFR 1005.11）；示范表格 A-3"),
    },
    SOCIAL_SUPPORT,
    {
        "id": "ftc",
        "kind": "consumer",
        "name": ("FTC IdentityTheft.gov", "美国联邦贸易委员会 IdentityTheft.gov"),
        "contact": ("identitytheft.gov; 1-877-438-4338", "identitytheft.gov；1-877-438-4338"),
        "when": ("Only if accounts were opened in your name (identity theft).",
                 "仅限有人以您的名义开立账户（身份盗用）时。"),
        "facts": [("Produces an Identity Theft Report, a recovery plan and pre-filled letters.",
                   "可生成身份盗用报告、恢复计划及预填信函。")],
        "source": ("FTC identity-theft guide", "美国联邦贸易委员会身份盗用指南"),
    },
    {
        "id": "cfpb",
        "kind": "regulator",
        "name": ("Consumer Financial Protection Bureau (CFPB)", "美国消费者金融保护局（CFPB）"),
        "contact": ("consumerfinance.gov/complaint; (855) 411-2372",
                    "consumerfinance.gov/complaint；(855) 411-2372"),
        "when": ("After trying the provider, or in parallel.", "在联系服务商之后，或同时进行。"),
        "facts": [explain("us-cfpb-15d")],
        "source": ("CFPB complaint process", "CFPB 投诉处理流程"),
    },
]

NOTES = [
    ("The provider may not require a police report before it investigates.",
     "服务商不得以提供报案回执作为开展调查的前提。"),
]
