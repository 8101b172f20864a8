"""Values a case log writes by itself, in the report's language.

``walletwatch case`` stores channel codes (``wallet-cn``), English channel labels and fixed
log lines (``complaint opened``); the case-file template suggests English examples ("in-app
chat"). A Chinese letter must not read "通过wallet's own customer service首次告知贵方", so these
known values are translated here (channel names from ``walletwatch.cases.deadlines.CHANNELS``,
where each channel is declared once). Anything else the holder wrote is their own words and is
kept as written.
"""

from __future__ import annotations

from functools import cache

from walletwatch.cases.deadlines import CHANNELS

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
    return {c.label.lower(): code for code, c in CHANNELS.items()}


def translate(value: str | None, lang: str) -> str | None:
    """A known case-log value in ``lang``; any other text unchanged."""
    if value is None:
        return None
    index = 1 if lang == "zh" else 0
    key = value.strip().lower()
    code = key if key in CHANNELS else _store_labels().get(key)
    if code:
        return CHANNELS[code].said[index]
    if key in PHRASES:
        return PHRASES[key][index]
    head, sep, rest = value.partition(":")
    if sep and head.strip().lower() in PHRASES:  # "case closed: refunded"
        return f"{PHRASES[head.strip().lower()][index]}{'：' if lang == 'zh' else ': '}" \
               f"{rest.strip()}"
    return value
