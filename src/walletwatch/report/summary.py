"""The neutral summary (at most 120 words): what, how many, how much, when, and the demand.

Every figure in it comes from the same subtotals as the table, so the count, the amounts and
the demand agree wherever they are shown.
"""

from __future__ import annotations

from typing import Any

from walletwatch.report.sections import ReportContext
from walletwatch.report.text import count, label

MAX_WORDS = 120
MAX_CHARS_ZH = 300  # Chinese has no spaces: about the same reading time as 120 words


def amounts_text(totals: list[dict]) -> str:
    return "; ".join(f"{t['currency']} {t['amount']}" for t in totals)


def _kinds(subtotals: list[dict], lang: str) -> str:
    parts = []
    for s in subtotals:
        money = f"{s['currency']} {s['amount']}"
        if s["category"] == "duplicate" and s["count"] > 1:
            money = (f"多扣 {money}" if lang == "zh" else f"{money} charged twice")
        if lang == "zh":
            gap = "" if s["problem"].endswith("）") else " "
            parts.append(f"{s['problem']}{gap}{s['count']} 笔（{money}）")
        else:
            parts.append(f"{s['problem'].lower()}: {count(s['count'], 'en')} ({money})")
    return ("、" if lang == "zh" else "; ").join(parts)


def _demand(items: list[dict], lang: str) -> list[str]:
    """The demand in a few words: the money asked back as one sum per currency, then the rest
    (each item with its rows is in the table on page 1)."""
    from decimal import Decimal

    from walletwatch.report.sections import MONEY_DEMANDS, money

    sums: dict[str, Decimal] = {}
    rest = []
    for item in items:
        if item["kind"] in MONEY_DEMANDS and item["amount"] and item["currency"]:
            sums[item["currency"]] = sums.get(item["currency"], Decimal(0)) + Decimal(
                item["amount"])
        else:
            rest.append(item["short"])
    asked = "; ".join(f"{c} {money(v, c)}" for c, v in sorted(sums.items()))
    head = ([f"退还或补入共 {asked}"] if lang == "zh" else [f"{asked} back"]) if sums else []
    if head and lang == "en":  # one sentence: "CNY 10.00 back; copies of …"
        rest = [r[:1].lower() + r[1:] for r in rest]
    return head + rest


def summary_text(doc: dict[str, Any], ctx: ReportContext, period: dict[str, Any]) -> str:
    """English counts words; Chinese is kept to the same content (no filler)."""
    rows, case, name = doc["transactions"], ctx.case, ctx.provider_name
    start, end = (period.get("start") or "")[:10], (period.get("end") or "")[:10]
    demand = _demand(doc["demand"]["items"], ctx.lang)
    info = len(doc["information"]["rows"])
    notice = case.first_notice
    zh = ctx.lang == "zh"
    if zh:
        parts = [f"本摘要依据账户持有人本人导出的{name}账单（{start} 至 {end}）。"]
        if rows:
            parts.append(f"有争议的交易共 {len(rows)} 笔，涉及金额 {amounts_text(doc['totals'])}："
                         f"{_kinds(doc['subtotals'], 'zh')}。")
        else:
            parts.append(label("nothing_disputed", "zh"))
        if info:
            parts.append(f"另有 {info} 笔未扣款的记录仅供参考，不计入争议。")
        if notice.date:
            parts.append(f"账户持有人于 {notice.date.isoformat()} 首次告知{name}"
                         + (f"（工单号 {notice.ticket}）" if notice.ticket else "") + "。")
        if rows or demand:
            parts.append(f"诉求：{'；'.join(demand)}。" if demand else
                         f"诉求：{label('blank', 'zh')}。")
        text = "".join(parts)
        return text if len(text) <= MAX_CHARS_ZH else text[:MAX_CHARS_ZH - 1] + "…"
    parts = [f"This summary is based on the account holder's own {name} statement export "
             f"({start} to {end})."]
    if rows:
        parts.append(f"{count(len(rows), 'en')} disputed, {amounts_text(doc['totals'])} at "
                     f"stake: {_kinds(doc['subtotals'], 'en')}.")
    else:
        parts.append(label("nothing_disputed", "en"))
    if info:
        parts.append(f"{count(info, 'en', 'more payment')} took no money and "
                     f"{'is' if info == 1 else 'are'} listed for information only.")
    if notice.date:
        parts.append(f"{name} was first told on {notice.date.isoformat()}"
                     + (f" (ticket {notice.ticket})" if notice.ticket else "") + ".")
    if rows or demand:
        parts.append(f"Requested: {'; '.join(demand)}." if demand else
                     f"Requested: {label('blank', 'en')}.")
    text = " ".join(parts)
    words = text.split()
    if len(words) > MAX_WORDS:  # long demand notes: cut, never drop the figures before them
        text = " ".join(words[:MAX_WORDS - 1]) + " …"
    return text
