"""An incremental check judges new payments against the owner's whole history, not only
the recent window: a payee last paid months ago is not "never seen before"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from store_helpers import check_json

from walletwatch.synth.records import SynthTxn
from walletwatch.synth.render import render

REGULAR = [("瑞幸咖啡", "18.00", 8), ("美团外卖", "32.50", 12), ("滴滴出行", "21.40", 18)]


def _days(start: dt.date, end: dt.date) -> list[SynthTxn]:
    out, day, n = [], start, 0
    while day <= end:
        for payee, amount, hour in REGULAR:
            n += 1
            out.append(SynthTxn(time=dt.datetime.combine(day, dt.time(hour, 10)),
                                amount=Decimal(amount), direction="out", kind="payment",
                                status="success", counterparty=payee, method="余额",
                                txn_id=f"2023{day:%m%d}22001400{n:012d}"))
        day += dt.timedelta(days=1)
    return out


def _transfer(when: dt.datetime, payee: str, txn_id: str) -> SynthTxn:
    return SynthTxn(time=when, amount=Decimal("2000.00"), direction="out", kind="transfer",
                    status="success", counterparty=payee, method="余额", txn_id=txn_id)


def _flagged(doc: dict) -> set[str]:
    return {t["counterparty"] for f in doc["new_findings"]
            if f["check"] == "unrecognised-activity" for t in f["transactions"]}


def test_payee_paid_before_the_window_is_not_new(tmp_path):
    landlord = "老房东王先生"
    old = _days(dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    old.append(_transfer(dt.datetime(2023, 1, 15, 10, 0), landlord, "20230115220014009999000001"))
    first = render(old, "alipay-app", tmp_path / "h1.csv")
    new = _days(dt.date(2023, 7, 1), dt.date(2023, 7, 10))
    new.append(_transfer(dt.datetime(2023, 7, 5, 10, 0), landlord, "20230705220014009999000002"))
    new.append(_transfer(dt.datetime(2023, 7, 8, 10, 0), "陌生账户", "20230708220014009999000003"))
    second = render(new, "alipay-app", tmp_path / "h2.csv")
    state = tmp_path / "s.sqlite"
    check_json(state, first)
    doc = check_json(state, second)
    flagged = _flagged(doc)
    assert "陌生账户" in flagged  # a payee never paid before still stands out
    assert landlord not in flagged  # paid in January: outside the 90-day window, still known
