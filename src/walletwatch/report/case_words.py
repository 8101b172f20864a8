"""Values a case log writes by itself, in the report's language.

``walletwatch case`` stores channel codes (``wallet-cn``), English channel labels and fixed
log lines (``complaint opened``); the case-file template suggests English examples ("in-app
chat"). A Chinese letter must not read "通过wallet's own customer service首次告知贵方", so these
known values are translated here. Anything else the holder wrote is their own words and is
kept as written.
"""

from __future__ import annotations

from functools import cache

CHANNELS = {  # store channel code -> (en, zh)
    "wallet-cn": ("the wallet's own customer service", "钱包平台客服"),
    "pboc-12363": ("the People's Bank of China complaint line 12363", "中国人民银行 12363 投诉电话"),
    "bank-cn": ("the bank's or insurer's complaint service", "银行或保险机构的投诉渠道"),
    "nfra-12378": ("the NFRA complaint line 12378", "国家金融监督管理总局 12378 投诉热线"),
    "samr-12315": ("the market regulation complaint line 12315", "市场监管投诉举报热线 12315"),
    "blackcat": ("Black Cat (Sina's public complaint platform)", "黑猫投诉"),
    "police": ("the police (110 / 96110)", "公安机关（110 / 96110）"),
    "firm-uk": ("the firm's complaints team", "机构的投诉部门"),
    "firm-eu": ("the provider's complaints team", "服务商的投诉部门"),
    "reg-e": ("a notice of error to the provider", "向服务商提交的差错通知"),
    "cfpb": ("the CFPB complaint portal", "美国消费者金融保护局（CFPB）投诉平台"),
    "fos": ("the Financial Ombudsman Service", "英国金融申诉专员服务机构"),
    "email": ("e-mail", "电子邮件"),
    "phone": ("phone", "电话"),
    "other": ("another channel", "其他渠道"),
}

PHRASES = {  # lower-case English phrase -> (en, zh)
    "in-app customer service": ("in-app customer service", "应用内客服"),
    "in-app chat": ("in-app chat", "应用内在线客服"),
    "sms alert": ("SMS alert", "短信提醒"),
    "statement": ("statement", "账单"),
    "app notification": ("app notification", "应用通知"),
    "e-mail": ("e-mail", "电子邮件"),
    "phone call": ("phone call", "电话"),
    "complaint opened": ("complaint opened", "提出投诉"),
    "case closed": ("case closed", "投诉已结束"),
}


@cache
def _store_labels() -> dict[str, str]:
    """The English labels ``walletwatch case`` writes for a channel -> the channel's code."""
    from walletwatch.cases.deadlines import CHANNELS as CASE_CHANNELS

    return {c.label.lower(): code for code, c in CASE_CHANNELS.items()}


def translate(value: str | None, lang: str) -> str | None:
    """A known case-log value in ``lang``; any other text unchanged."""
    if value is None:
        return None
    index = 1 if lang == "zh" else 0
    key = value.strip().lower()
    code = key if key in CHANNELS else _store_labels().get(key)
    if code:
        return CHANNELS[code][index]
    if key in PHRASES:
        return PHRASES[key][index]
    head, sep, rest = value.partition(":")
    if sep and head.strip().lower() in PHRASES:  # "case closed: refunded"
        return f"{PHRASES[head.strip().lower()][index]}{'：' if lang == 'zh' else ': '}" \
               f"{rest.strip()}"
    return value
