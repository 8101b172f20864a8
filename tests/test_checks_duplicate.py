"""duplicate-charge: positives and every look-alike that is not a duplicate."""

from __future__ import annotations

from detection_helpers import codes, frame, row

from walletwatch.config import Config
from walletwatch.pipeline import scan_frame


def run(rows):
    return scan_frame(frame(rows), config=Config(), as_of="2025-03-01 00:00:00").findings


def dupes(rows):
    return [f for f in run(rows) if f.check == "duplicate-charge"]


def test_same_payee_and_amount_twice_within_minutes_is_a_duplicate():
    first = row("2025-02-01 12:00:00", "45.60", "美团外卖")
    second = row("2025-02-01 12:03:00", "45.60", "美团外卖")
    (dup,) = dupes([first, second])
    assert dup.category == "duplicate"
    assert dup.severity == "medium"
    assert dup.amount_at_stake == {"CNY": "45.60"}
    assert [t.txn_id for t in dup.transactions] == [first["txn_id"], second["txn_id"]]


def test_three_charges_in_a_chain_are_one_finding():
    rows = [row(f"2025-02-01 12:0{m}:00", "10.00", "美团外卖") for m in (0, 2, 4)]
    (dup,) = dupes(rows)
    assert len(dup.transactions) == 3
    assert dup.amount_at_stake == {"CNY": "20.00"}


def test_failed_attempt_then_successful_retry_is_not_a_duplicate():
    rows = [row("2025-02-01 12:00:00", "45.60", "美团外卖", status="failed"),
            row("2025-02-01 12:01:00", "45.60", "美团外卖")]
    assert dupes(rows) == []
    assert codes(run(rows)) == ["failed-payment"]


def test_pending_then_posted_is_not_a_duplicate():
    rows = [row("2025-02-01 12:00:00", "45.60", "美团外卖", status="pending"),
            row("2025-02-01 12:01:00", "45.60", "美团外卖")]
    assert dupes(rows) == []


def test_two_purchases_an_hour_apart_are_not_duplicates():
    rows = [row("2025-02-01 12:00:00", "18.00", "瑞幸咖啡"),
            row("2025-02-01 13:00:00", "18.00", "瑞幸咖啡")]
    assert dupes(rows) == []


def test_different_amounts_or_payees_are_not_duplicates():
    rows = [row("2025-02-01 12:00:00", "18.00", "瑞幸咖啡"),
            row("2025-02-01 12:01:00", "18.50", "瑞幸咖啡"),
            row("2025-02-01 12:02:00", "18.00", "星巴克")]
    assert dupes(rows) == []


def test_refunded_charge_is_not_a_duplicate():
    first = row("2025-02-01 12:00:00", "45.60", "美团外卖")
    second = row("2025-02-01 12:03:00", "45.60", "美团外卖")
    refund = row("2025-02-01 15:00:00", "45.60", "美团外卖", kind="refund", direction="neutral",
                 txn_id=second["txn_id"] + "_1", refund_of=second["txn_id"])
    assert dupes([first, second, refund]) == []


def test_the_same_record_twice_is_not_a_double_charge():
    first = row("2025-02-01 12:00:00", "45.60", "美团外卖")
    again = dict(first)
    assert dupes([first, again]) == []


def test_window_is_configurable():
    from walletwatch.config import load_config

    rows = [row("2025-02-01 12:00:00", "18.00", "瑞幸咖啡"),
            row("2025-02-01 12:30:00", "18.00", "瑞幸咖啡")]
    config = load_config(overrides={"duplicate": {"window_minutes": 45}})
    found = scan_frame(frame(rows), config=config, as_of="2025-03-01 00:00:00").findings
    assert codes(found) == ["duplicate-charge"]
