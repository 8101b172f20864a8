"""United States: Reg E error resolution first, then the CFPB.

Source: ``complaints.md`` §2. The CFPB's 15/60-day figures are portal expectations, not legal
deadlines; Reg E's clocks are the legal ones. Whether Reg E covers an item depends on the
account and on who initiated the payment, so the report only asks the provider to treat the
letter as a notice of error.
"""

from __future__ import annotations

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
        "facts": [("The provider must investigate within 10 business days, or take up to 45 days "
                   "(90 for new accounts, point-of-sale and foreign transfers) if it provisionally "
                   "credits the amount within 10 business days.",
                   "服务商应在 10 个工作日内调查；如在 10 个工作日内临时入账，可延长至 45 天"
                   "（新账户、销售点及境外转账为 90 天）。"),
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
        "facts": [("The CFPB forwards the complaint; companies generally respond within 15 days "
                   "and close most within 60 days. These are portal expectations, not legal "
                   "deadlines, and response times may differ.",
                   "CFPB 会转交投诉；公司通常在 15 天内回复、60 天内办结。这是平台的处理预期，"
                   "并非法定期限，实际时间可能不同。")],
        "source": ("CFPB complaint process", "CFPB 投诉处理流程"),
    },
]

NOTES = [
    ("The provider may not require a police report before it investigates.",
     "服务商不得以提供报案回执作为开展调查的前提。"),
]

RULES = [
    {
        "id": "us-rege-60d",
        "from": "statement",
        "op": ("days", 60),
        "text": ("Reg E: notify the provider no later than 60 days after the first statement "
                 "showing the error: by {date}",
                 "Reg E：应在首次显示该差错的账单寄出后 60 天内通知服务商：{date} 之前"),
        "source": ("Regulation E, 12 CFR 1005.11(b)", "美国 E 条例（12 CFR 1005.11(b)）"),
    },
    {
        "id": "us-rege-10bd",
        "from": "first_notice",
        "op": ("business_days", 10),
        "text": ("Reg E: the provider's investigation or provisional credit is due within 10 "
                 "business days of your notice: {date}",
                 "Reg E：服务商应在收到通知后 10 个工作日内完成调查或临时入账：{date}"),
        "source": ("Regulation E, 12 CFR 1005.11(c)", "美国 E 条例（12 CFR 1005.11(c)）"),
    },
]
