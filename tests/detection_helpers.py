"""Small hand-made histories for the check, model and scan tests.

``row(...)`` describes one transaction in wall-clock Asia/Shanghai time; ``frame(rows)`` turns
rows into a normalised table (walletwatch.schema.COLUMNS); ``records(rows)`` turns them into
SynthTxn records to render through a real export layout with walletwatch.synth.render.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

import pandas as pd

from walletwatch.schema import COLUMNS
from walletwatch.synth.records import SynthTxn

TZ = "Asia/Shanghai"
_ids = count(1)


def row(when: str, amount: str, payee: str, *, direction: str | None = None,
        kind: str = "payment",
        status: str = "success", method: str = "余额", txn_id: str | None = None,
        refund_of: str = "", raw_status: str = "", source_format: str = "alipay-app") -> dict:
    """A failed row defaults to no money moved (Alipay prints 不计收支), others to money out."""
    if direction is None:
        direction = "neutral" if status == "failed" else "out"
    return {"when": when, "amount": amount, "payee": payee, "direction": direction,
            "kind": kind, "status": status, "method": method,
            "txn_id": txn_id or f"T{next(_ids):08d}", "refund_of": refund_of,
            "raw_status": raw_status or status, "source_format": source_format}


def frame(rows: list[dict], source: str = "hand.csv") -> pd.DataFrame:
    """A normalised frame, chronological, as walletwatch.ingest.load would return it."""
    data = {c: [] for c in COLUMNS}
    for line, r in enumerate(rows, start=2):
        data["txn_id"].append(r["txn_id"])
        data["merchant_order_id"].append("")
        data["time"].append(pd.Timestamp(r["when"]).tz_localize(TZ).tz_convert("UTC"))
        data["tz"].append(TZ)
        data["amount"].append(int(Decimal(r["amount"]) * 100))
        data["currency"].append("CNY")
        data["direction"].append(r["direction"])
        data["kind"].append(r["kind"])
        data["status"].append(r["status"])
        data["raw_status"].append(r["raw_status"])
        data["counterparty"].append(r["payee"])
        data["counterparty_account"].append("")
        data["description"].append("")
        data["method"].append(r["method"])
        data["category"].append("")
        data["fee"].append(pd.NA)
        data["refund_of"].append(r["refund_of"])
        data["source_file"].append(source)
        data["source_line"].append(line)
        data["source_format"].append(r["source_format"])
    out = pd.DataFrame(data)
    out["amount"] = out["amount"].astype("int64")
    out["source_line"] = out["source_line"].astype("int64")
    out["fee"] = out["fee"].astype("Int64")
    out["time"] = pd.to_datetime(out["time"], utc=True)
    return out.sort_values("time", kind="stable").reset_index(drop=True)


def records(rows: list[dict]) -> list[SynthTxn]:
    return [SynthTxn(time=dt.datetime.fromisoformat(r["when"]), amount=Decimal(r["amount"]),
                     direction=r["direction"], kind=r["kind"], status=r["status"],
                     counterparty=r["payee"], txn_id=r["txn_id"], method=r["method"],
                     refund_of=r["refund_of"]) for r in rows]


def regular_history(days: int = 60, start: str = "2025-01-01") -> list[dict]:
    """An owner who pays five shops every day around lunch and dinner, never at night."""
    shops = ["美团外卖", "瑞幸咖啡", "全家便利店", "盒马鲜生", "滴滴出行"]
    amounts = ["23.50", "18.00", "12.80", "56.40", "31.20"]
    first = dt.datetime.fromisoformat(start)
    rows = []
    for day in range(days):
        for k, hour in enumerate((9, 12, 19)):
            shop = (day + k) % len(shops)
            when = first + dt.timedelta(days=day, hours=hour, minutes=(day * 7 + k * 13) % 50)
            cents = Decimal(amounts[shop]) + Decimal((day % 5) - 2) / 10
            rows.append(row(when.isoformat(sep=" "), str(cents), shops[shop]))
    return rows


def codes(findings) -> list[str]:
    return [f.check for f in findings]
