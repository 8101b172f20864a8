"""Regenerate the check fixtures (Alipay app layout, GBK, real preamble) deterministically.

    python tests/data/check/make_exports.py

Files (periods overlap on purpose):
* ``alipay_jan.csv``     2024-01-01 .. 2024-01-31: ordinary spending, nothing wrong.
* ``alipay_janfeb.csv``  2024-01-16 .. 2024-02-15: overlaps the first half-month (same rows).
* ``alipay_mar.csv``     2024-02-16 .. 2024-03-10: a top-up still pending (处理中) since
                         2024-03-08 10:00 and a charge taken twice within two minutes.
* ``alipay_apr_pending.csv``  2024-03-01 .. 2024-04-05: the same top-up still pending
                         (past the 7-day re-alert deadline).
* ``alipay_apr_resolved.csv`` 2024-03-01 .. 2024-04-05: the same top-up now 充值成功.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from walletwatch.synth.records import SynthTxn
from walletwatch.synth.render import render

HERE = Path(__file__).parent
PAYEES = [("瑞幸咖啡", "18.00", 8), ("美团外卖", "32.50", 12), ("滴滴出行", "21.40", 18),
          ("全家便利店", "9.90", 20)]
TOPUP = "20240308200040011100660012345678"
DUP = ("盒马鲜生", "88.80")


def ordinary(start: dt.date, end: dt.date) -> list[SynthTxn]:
    out, day = [], start
    while day <= end:
        for i, (payee, amount, hour) in enumerate(PAYEES):
            if (day.toordinal() + i) % 2:
                continue
            when = dt.datetime.combine(day, dt.time(hour, 5 + 7 * i, 11))
            out.append(SynthTxn(time=when, amount=Decimal(amount), direction="out",
                                kind="payment", status="success", counterparty=payee,
                                txn_id=f"2024{day:%m%d}2000400111{i:04d}{day.toordinal():08d}",
                                method="余额"))
        day += dt.timedelta(days=1)
    return out


def specials(topup_status: str | None) -> list[SynthTxn]:
    out = [SynthTxn(time=dt.datetime(2024, 3, 5, 19, 30, s), amount=Decimal(DUP[1]),
                    direction="out", kind="payment", status="success", counterparty=DUP[0],
                    txn_id=f"20240305200040011100{s:02d}0087654321", method="余额")
           for s in (1, 59)]
    if topup_status:
        out.append(SynthTxn(time=dt.datetime(2024, 3, 8, 10, 0, 0), amount=Decimal("500.00"),
                            direction="neutral", kind="topup", status=topup_status,
                            counterparty="支付宝", txn_id=TOPUP,
                            method="招商银行储蓄卡(8705)"))
    return out


def within(records: list[SynthTxn], start: dt.date, end: dt.date) -> list[SynthTxn]:
    return [r for r in records if start <= r.time.date() <= end]


def main() -> None:
    d = dt.date
    base = ordinary(d(2024, 1, 1), d(2024, 4, 5))
    files = {
        "alipay_jan.csv": (within(base, d(2024, 1, 1), d(2024, 1, 31)), None),
        "alipay_janfeb.csv": (within(base, d(2024, 1, 16), d(2024, 2, 15)), None),
        "alipay_mar.csv": (within(base + specials("pending"), d(2024, 2, 16), d(2024, 3, 10)),
                           (d(2024, 2, 16), d(2024, 3, 10))),
        "alipay_apr_pending.csv": (within(base + specials("pending"), d(2024, 3, 1),
                                          d(2024, 4, 5)), (d(2024, 3, 1), d(2024, 4, 5))),
        "alipay_apr_resolved.csv": (within(base + specials("success"), d(2024, 3, 1),
                                           d(2024, 4, 5)), (d(2024, 3, 1), d(2024, 4, 5))),
    }
    for name, (records, period) in files.items():
        meta = {}
        if period:
            start, end = period
            meta = {"period_start": dt.datetime.combine(start, dt.time()),
                    "period_end": dt.datetime.combine(end, dt.time(23, 59, 59)),
                    "exported_at": dt.datetime.combine(end, dt.time(23, 59, 59))}
        render(records, "alipay-app", HERE / name, **meta)


if __name__ == "__main__":
    main()
