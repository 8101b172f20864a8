"""The timeline chart: the account's activity with the disputed transactions marked.

Drawn with matplotlib's Agg backend into PNG bytes (no display needed). Chinese labels need a
CJK font; without one the chart falls back to English labels so it never shows empty boxes.
Amounts are converted to float only to place points on the axis, never to sum or show money.
"""

from __future__ import annotations

import io
from datetime import datetime
from itertools import pairwise
from decimal import Decimal
from typing import Any

from walletwatch.report.fonts import FontChoice, find_cjk_font
from walletwatch.report.text import label


def activity_points(frame) -> list[dict[str, Any]]:
    """Every transaction of a normalised frame as chart points (time, amount, direction)."""
    from walletwatch.schema import format_amount, iso_local

    if frame is None or len(frame) == 0:
        return []
    return [{"time": iso_local(t, tz), "amount": format_amount(int(a), str(c)),
             "currency": str(c), "direction": str(d)}
            for t, tz, a, c, d in zip(frame["time"], frame["tz"], frame["amount"],
                                      frame["currency"], frame["direction"], strict=True)]


def _signed(amount: str, direction: str) -> float:
    value = Decimal(amount)
    return float(-value if direction == "out" else value)


def _stagger(xs: list[datetime]) -> list[int]:
    """Label offsets so that labels of points close in time do not overprint each other."""
    if not xs:
        return []
    span = (max(xs) - min(xs)).total_seconds() or 1.0
    out, k = [0], 0
    for before, now in pairwise(xs):
        k = k + 1 if (now - before).total_seconds() < span / 40 else 0
        out.append(k % 4)
    return out


def render_chart(doc: dict[str, Any], activity: list[dict[str, Any]] | None,
                 font: FontChoice | None = None) -> tuple[bytes, str | None]:
    """PNG bytes of the chart, and a note when Chinese labels had to fall back to English."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties

    lang, note, props = doc["lang"], None, None
    font = font or find_cjk_font(truetype=False)
    if font is not None:
        props = FontProperties(fname=font.path)
    elif lang == "zh":
        lang, note = "en", "no CJK font found: chart labels are in English"
    fig, ax = plt.subplots(figsize=(9, 3.2), dpi=120)
    points = activity or []
    if points:
        ax.scatter([datetime.fromisoformat(p["time"]) for p in points],
                   [_signed(p["amount"], p["direction"]) for p in points],
                   s=10, color="#9aa5b1", label=label("chart_all", lang), zorder=2)
    rows = doc["transactions"]
    xs = [datetime.fromisoformat(r["time"]) for r in rows]
    ys = [_signed(r["amount"], r["direction"]) for r in rows]
    ax.scatter(xs, ys, s=36, color="#c0392b", marker="D", label=label("chart_disputed", lang),
               zorder=3)
    for x, y, row, k in zip(xs, ys, rows, _stagger(xs), strict=True):
        ax.annotate(f"#{row['n']}", (x, y), textcoords="offset points",
                    xytext=(4 + 14 * k, 5 + 9 * k), fontsize=8, color="#c0392b")
    ax.axhline(0, color="#444", linewidth=0.6)
    ax.set_title(label("chart", lang), fontproperties=props, fontsize=11)
    ax.set_ylabel(label("amount", lang), fontproperties=props)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.grid(True, linewidth=0.3, alpha=0.6)
    legend = ax.legend(loc="best", fontsize=8, prop=props)
    if props is not None:
        for text in legend.get_texts():
            text.set_fontproperties(props)
            text.set_fontsize(8)
    fig.autofmt_xdate()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue(), note
