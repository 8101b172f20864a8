"""Hand-made recurring histories for the recurring tests (rows from detection_helpers)."""

from __future__ import annotations

import datetime as dt

from detection_helpers import frame, row

from walletwatch.checks.base import Context
from walletwatch.config import Config
from walletwatch.pipeline import scan_frame
from walletwatch.recurring import find_series

AS_OF = "2025-06-30T23:00:00+08:00"


def monthly(payee, amount, months=range(1, 7), day=5, hour="10:00", **kw):
    return [row(f"2025-{m:02d}-{day:02d} {hour}", amount, payee, **kw) for m in months]


def background(days=180):
    """Ordinary life: a few shops at varying amounts, so the statement has a baseline."""
    shops = [("美团外卖", 23.5), ("全家便利店", 12.8), ("盒马鲜生", 56.4)]
    start = dt.datetime(2025, 1, 1, 12)
    out = []
    for day in range(days):
        name, base = shops[day % 3]
        amount = f"{base * (1 + 0.13 * ((day * 7) % 5 - 2)):.2f}"
        out.append(row((start + dt.timedelta(days=day)).isoformat(" "), amount, name))
    return out


def series(rows):
    f = frame(rows)
    ctx = Context(frame=f, config=Config(), as_of=f["time"].iloc[-1])
    return find_series(f, ctx.payees())


def findings(rows, as_of=AS_OF, codes=None, **kwargs):
    result = scan_frame(frame(rows), config=Config(), as_of=as_of, **kwargs)
    return [f for f in result.findings if f.category == "recurring"
            and (codes is None or f.check in codes)]
