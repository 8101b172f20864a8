"""The neutral summary (at most 120 words): what, how many, how much, when, and the demand."""

from __future__ import annotations

from typing import Any

from walletwatch.report.sections import Context
from walletwatch.report.text import count, label, provider_name

MAX_WORDS = 120
MAX_CHARS_ZH = 240  # Chinese has no spaces: about the same reading time as 120 words


def _amounts(totals: list[dict]) -> str:
    return "; ".join(f"{t['currency']} {t['amount']}" for t in totals)


def summary_text(doc: dict[str, Any], ctx: Context, period: dict[str, Any]) -> str:
    """English counts words; Chinese is kept to the same content (no filler)."""
    rows, case = doc["transactions"], ctx.case
    name = provider_name(ctx.provider, ctx.lang)
    start, end = (period.get("start") or "")[:10], (period.get("end") or "")[:10]
    counts = [(s["problem"], s["count"]) for s in doc["subtotals"]]
    demand = [item["text"] for item in doc["demand"]["items"]]
    notice = case.first_notice
    if ctx.lang == "zh":
        kinds = "，".join(f"{p} {c} 笔" for p, c in counts)
        parts = [f"本摘要依据账户持有人导出的{name}账单（{start} 至 {end}）。",
                 f"共 {len(rows)} 笔交易存在争议：{kinds}。" if rows else "未选出有争议的交易。",
                 f"涉及金额：{_amounts(doc['totals'])}。" if doc["totals"] else ""]
        if notice.date:
            parts.append(f"账户持有人于 {notice.date.isoformat()} 首次告知{name}"
                         + (f"（工单号 {notice.ticket}）" if notice.ticket else "") + "。")
        else:
            parts.append(f"首次告知{name}的日期：{label('blank', 'zh')}。")
        parts.append(f"诉求：{'；'.join(demand)}。" if demand else
                     f"诉求：{label('blank', 'zh')}。")
        text = "".join(p for p in parts if p)
        return text if len(text) <= MAX_CHARS_ZH else text[:MAX_CHARS_ZH - 1] + "…"
    kinds = "; ".join(f"{p.lower()}: {c}" for p, c in counts)
    parts = [f"This summary is based on the account holder's {name} statement export "
             f"({start} to {end}).",
             f"{count(len(rows), 'en')} disputed: {kinds}." if rows else
             "No disputed transactions were selected.",
             f"Amount at stake: {_amounts(doc['totals'])}." if doc["totals"] else ""]
    if notice.date:
        parts.append(f"{name} was first notified on {notice.date.isoformat()}"
                     + (f" (ticket {notice.ticket})" if notice.ticket else "") + ".")
    else:
        parts.append(f"Date {name} was first notified: {label('blank', 'en')}.")
    parts.append(f"Requested: {'; '.join(demand)}." if demand else
                 f"Requested: {label('blank', 'en')}.")
    text = " ".join(p for p in parts if p)
    words = text.split()
    if len(words) > MAX_WORDS:  # long demand notes: cut, never drop the figures before them
        text = " ".join(words[:MAX_WORDS - 1]) + " …"
    return text
