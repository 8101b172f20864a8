"""The chart a complaint handler needs: spending on each disputed day against a usual day.

One bar per day with a disputed transaction: the disputed money on top of the holder's other
spending that day, and a dashed line at the holder's usual daily spending (the median over the
days they spent anything, disputed days left out). Drawn with matplotlib's Agg backend into PNG
bytes. Chinese labels need a CJK font; without one a Chinese chart is drawn without words
(dates, row numbers and amounts only) and the caption under it, set as text, explains it -- never
empty boxes, never English in a Chinese pack. Amounts become floats only to draw, never to sum
or show money.
"""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal
from statistics import median
from typing import Any

from walletwatch.report.fonts import FontChoice, find_cjk_font
from walletwatch.report.text import label, row_refs


def activity_points(frame) -> list[dict[str, Any]]:
    """Every transaction of a normalised frame as chart points (time, amount, direction)."""
    from walletwatch.schema import format_amount, iso_local

    if frame is None or len(frame) == 0:
        return []
    statuses = frame["status"] if "status" in frame else [""] * len(frame)
    return [{"time": iso_local(t, tz), "amount": format_amount(int(a), str(c)),
             "currency": str(c), "direction": str(d), "status": str(s)}
            for t, tz, a, c, d, s in zip(frame["time"], frame["tz"], frame["amount"],
                                         frame["currency"], frame["direction"], statuses,
                                         strict=True)]


def daily_figures(doc: dict[str, Any], activity: list[dict[str, Any]] | None):
    """(currency, [(day, disputed, other, rows)], usual day or None), exact decimals."""
    rows = doc["transactions"]
    if not rows:
        return None, [], None
    by_currency: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        by_currency[r["currency"]] += Decimal(r["amount"])
    currency = max(by_currency, key=lambda c: (by_currency[c], c))
    disputed: dict[str, Decimal] = defaultdict(Decimal)
    numbers: dict[str, list[int]] = defaultdict(list)
    originals = _first_of_duplicates(rows)
    for r in rows:
        if r["currency"] == currency:
            day = r["time"][:10]
            numbers[day].append(r["n"])
            if r["n"] not in originals:  # the first of a duplicate pair was a real purchase
                disputed[day] += Decimal(r["amount"])
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for point in activity or []:
        if point["currency"] == currency and point["direction"] == "out" and \
                point.get("status", "success") in ("success", "", "pending"):
            spent[point["time"][:10]] += Decimal(point["amount"])
    days = [(day, disputed[day], max(spent.get(day, Decimal(0)) - disputed[day], Decimal(0)),
             numbers[day]) for day in sorted(numbers)]
    usual_days = [v for day, v in spent.items() if day not in disputed and v > 0]
    usual = Decimal(median(usual_days)) if usual_days else None
    return currency, days, usual


def _first_of_duplicates(rows: list[dict[str, Any]]) -> set[int]:
    """Row numbers of the first debit of each duplicate group: only the extra ones are at
    stake, as in the subtotals."""
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for r in rows:
        if r["problem_key"] == "duplicate":
            groups[tuple(r["finding_ids"])].append(r)
    return {min(g, key=lambda r: (r["time"], r["n"]))["n"] for g in groups.values()}


def _refs(numbers: list[int]) -> str:
    """``#1, #2`` / ``#4–#6``: the same in both languages."""
    return row_refs(numbers, "en").replace(" and ", ", ")


def render_chart(doc: dict[str, Any], activity: list[dict[str, Any]] | None,
                 font: FontChoice | None = None) -> tuple[bytes, str | None]:
    """PNG bytes of the chart, and a note when Chinese labels had to fall back to English."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties

    lang, note, props, words = doc["lang"], None, None, True
    font = font or find_cjk_font(truetype=False)
    if font is not None:
        props = FontProperties(fname=font.path)
    elif lang == "zh":
        words, note = False, "no CJK font found: the chart is drawn without words; its caption explains it"
    currency, days, usual = daily_figures(doc, activity)
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=120)
    xs = list(range(len(days)))
    other = [float(d[2]) for d in days]
    disputed = [float(d[1]) for d in days]
    if days:
        ax.bar(xs, other, color="#b8c2cc", label=label("chart_other", lang) if words else None,
               zorder=2)
        ax.bar(xs, disputed, bottom=other, color="#c0392b",
               label=label("chart_disputed", lang) if words else None, zorder=2)
        for x, (_, amount, rest, _) in zip(xs, days, strict=True):
            ax.annotate(f"{amount}", (x, float(amount + rest)), textcoords="offset points",
                        xytext=(0, 3), ha="center", fontsize=8, color="#c0392b")
        ax.set_xticks(xs, [f"{d[0]}\n{_refs(d[3])}" for d in days], fontsize=8)
    if usual is not None:
        ax.axhline(float(usual), color="#2c3e50", linestyle="--", linewidth=1,
                   label=label("chart_usual", lang).format(amount=f"{currency} {usual:.2f}")
                   if words else None, zorder=3)
    if words:
        ax.set_title(label("chart", lang), fontproperties=props, fontsize=11)
        ax.set_ylabel(f"{label('amount', lang)} ({currency or ''})".replace(" ()", ""),
                      fontproperties=props)
    else:
        ax.set_ylabel(currency or "")
    ax.grid(True, axis="y", linewidth=0.3, alpha=0.6)
    ax.set_ylim(bottom=0)
    if days:
        top = max(float(d[1] + d[2]) for d in days)
        ax.set_ylim(0, max(top, float(usual or 0)) * 1.18 or 1)
    if days and words:
        legend = ax.legend(loc="upper left", fontsize=8, prop=props)
        if props is not None:
            for text in legend.get_texts():
                text.set_fontproperties(props)
                text.set_fontsize(8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue(), note
