"""China: channels for Alipay, WeChat Pay and other non-bank payment institutions.

Source: the project's research note ``complaints.md`` §1 (each entry names its own sources).
Complaints about non-bank payment institutions go to the People's Bank of China (12363), not to
NFRA 12378, which handles banks and insurers (joint announcement of 2023-06-28). No numeric
answer deadline for payment institutions is verified, so none is printed (deadline rules:
``walletwatch.cases.deadlines``). Wallet hotline
numbers conflict between sources, so the user is sent to the in-app channel instead.
"""

from __future__ import annotations

from walletwatch.cases.deadlines import explain

IN_APP = {
    "alipay": ("In the Alipay app: Me → Customer Service Center. Copy the hotline "
               "number from the app, not from third-party sites.",
               "支付宝 App：我的→客服中心。热线号码请以 App 内显示为准，不要使用第三方网站上的号码。"),
    "wechat": ("In WeChat: Me → Services → Wallet → Help & Feedback, or on the bill detail "
               "page: \"Questions about this order\". Copy the hotline number from the app.",
               "微信：我→服务→钱包→帮助与反馈，或在账单详情页点击“对订单有疑惑”。"
               "热线号码请以 App 内显示为准。"),
}
IN_APP_DEFAULT = ("The wallet's in-app customer service. Copy any hotline number from the app.",
                  "钱包 App 内的客服渠道。热线号码请以 App 内显示为准。")

CHANNELS = [
    {
        "id": "provider",
        "kind": "provider",
        "name": ("{provider} customer service", "{provider}客服"),
        "contact": None,  # filled from IN_APP for the provider
        "when": ("Always first: regulators expect the provider to be asked first.",
                 "最先联系。监管机构要求先向机构本身投诉。"),
        "facts": [("Write down the ticket number, the date and time, and the agent's name or "
                   "number of every contact.",
                   "记录每次联系的工单号、日期时间以及客服姓名或工号。")],
        "source": None,  # practice, not a rule: nothing to cite
    },
    {
        "id": "social",
        "kind": "social",
        "name": ("{provider}'s official social-media accounts", "{provider}官方社交媒体账号"),
        "contact": ("The provider's verified Weibo or WeChat account (check that it is verified).",
                    "机构经认证的微博或微信官方账号（请确认为官方认证账号）。"),
        "when": ("If customer service does not answer. Do not post personal data in public.",
                 "客服未答复时。请勿公开发布个人信息。"),
        "facts": [],
        "source": None,  # no official handle is confirmed, so none is named
    },
    {
        "id": "12315",
        "kind": "consumer",
        "name": ("Market regulation complaint line 12315", "市场监管投诉举报热线 12315"),
        "contact": ("Phone 12315; www.12315.cn", "电话 12315；www.12315.cn"),
        "when": ("Disputes with the merchant (e.g. a top-up paid for but never delivered). "
                 "Not for the payment institution's own financial service.",
                 "与商家的消费纠纷（如已付款的充值未交付）。不适用于支付机构本身的金融服务。"),
        "facts": [("The complaint must give your name, phone and address, the respondent's name "
                   "and address, a specific demand and the facts.",
                   "投诉需写明投诉人姓名、电话、地址，被投诉人名称、地址，具体诉求及事实。"),
                  explain("cn-12315-3y")],
        "source": ("Interim Measures for Handling Complaints and Reports to Market Regulators, "
                   "Art. 9", "《市场监督管理投诉举报处理暂行办法》第九条"),
    },
    {
        "id": "cca",
        "kind": "consumer",
        "name": ("China Consumers Association and local consumer associations",
                 "中国消费者协会及地方消费者协会"),
        "contact": ("cca.org.cn; your local consumer association", "cca.org.cn；当地消费者协会"),
        "when": ("Mediation of a consumer dispute, including password-free payment deductions.",
                 "消费纠纷调解，包括免密支付扣款问题。"),
        "facts": [],
        "source": None,
    },
    {
        "id": "pboc-12363",
        "kind": "regulator",
        "name": ("People's Bank of China, consumer complaint line 12363",
                 "中国人民银行金融消费权益保护咨询投诉电话 12363"),
        "contact": ("Phone 12363 (answered by the local branch, working hours); pbc.gov.cn",
                    "电话 12363（由当地分支机构接听，工作时间）；pbc.gov.cn"),
        "when": ("Complaints about non-bank payment institutions such as Alipay and WeChat Pay "
                 "(Tenpay), after the institution's answer is unsatisfactory.",
                 "对支付宝、微信支付（财付通）等非银行支付机构的投诉，在机构答复不满意之后。"),
        "facts": [("The PBoC accepts and transfers complaints and supervises the institution's "
                   "handling; complain to the institution first.",
                   "人民银行接收转办投诉并督促机构处理；应先向机构投诉。")],
        "source": ("Joint announcement on financial consumer protection of 28 June 2023",
                   "2023 年 6 月 28 日《关于金融消费者权益保护相关工作安排的公告》"),
    },
]

NOTES = [
    ("If a bank card was debited and the wallet not credited, the bank is a separate party: "
     "complaints about banks go to the National Financial Regulatory Administration, not to the "
     "PBoC.",
     "如银行卡已扣款而钱包未到账，银行是另一方当事人：对银行的投诉由国家金融监督管理总局受理，"
     "而不是人民银行。"),
    ("The provider must supply reconciliation and the last 3 years of transaction records free "
     "of charge (E-Commerce Law Art. 53).",
     "电子支付服务提供者应当免费向用户提供对账服务以及最近三年的交易记录（《电子商务法》第五十三条）。"),
]
