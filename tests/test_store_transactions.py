"""Transactions in the store: deduplicated across exports, repeats inside one export kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from store_helpers import check_json

from walletwatch.store import open_store, txns
from walletwatch.synth.records import SynthTxn
from walletwatch.synth.render import render


def _txn(txn_id: str, minute: int, status: str = "success", kind: str = "payment",
         amount: str = "12.30") -> SynthTxn:
    return SynthTxn(time=dt.datetime(2024, 5, 1, 9, minute, 0), amount=Decimal(amount),
                    direction="out" if kind == "payment" else "neutral", kind=kind,
                    status=status, counterparty="便利店", txn_id=txn_id, method="余额")


def test_identical_rows_inside_one_export_are_all_kept(tmp_path):
    same = _txn("2024050122001400000000000001", 1)
    path = render([same, same, _txn("2024050122001400000000000002", 2)], "alipay-app",
                  tmp_path / "a.csv")
    doc = check_json(tmp_path / "s.sqlite", path)
    assert doc["imported"] == {"files": 1, "new": 3, "duplicate": 0}
    # the same two repeated rows in an overlapping export are not imported again ...
    later = render([same, same, _txn("2024050122001400000000000003", 3)], "alipay-app",
                   tmp_path / "b.csv")
    doc = check_json(tmp_path / "s.sqlite", later)
    assert doc["imported"] == {"files": 1, "new": 1, "duplicate": 2}
    # ... but a third occurrence is a new record
    third = render([same, same, same], "alipay-app", tmp_path / "c.csv")
    assert check_json(tmp_path / "s.sqlite", third)["imported"]["new"] == 1


def test_settled_record_supersedes_its_pending_row(tmp_path):
    state = tmp_path / "s.sqlite"
    topup = "2024050120004001110066001234"
    first = render([_txn(topup, 5, "pending", "topup", "300.00")], "alipay-app",
                   tmp_path / "p.csv")
    check_json(state, first)
    settled = render([_txn(topup, 5, "success", "topup", "300.00")], "alipay-app",
                     tmp_path / "s.csv")
    doc = check_json(state, settled)
    assert doc["imported"]["new"] == 1
    with open_store(state) as store:
        current = txns.read_frame(store.conn)
        assert current["status"].tolist() == ["success"]
        total = store.conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
    assert total == 2  # the pending row is kept for the record, marked superseded
